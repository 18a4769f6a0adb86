"""A dashboard over framing's SQL tables: outlets side by side, country sentiment, sourcing, evidence.

Fill a database, then start the dashboard (needs the ``dashboard`` and ``sql`` extras)::

    framing score ../shared/data/allsides-article-bias/sample_5000.jsonl --jobs -1 --to sqlite:///scores.db
    streamlit run examples/dashboard.py -- sqlite:///scores.db

Any SQLAlchemy URL works (``postgresql+psycopg://user:password@host/db``). It reads only the three
documented tables (``docs/tables.md``): ``articles``, ``article_countries`` and ``evidence``, so it
keeps working as long as ``schema_version`` does not change.
"""

from __future__ import annotations

import sys

import pandas as pd
import sqlalchemy as sa
import streamlit as st

#: Outlets with fewer scored articles than this are left out of the comparisons (too noisy to rank).
MIN_ARTICLES = 3


@st.cache_resource
def engine(url: str) -> sa.Engine:
    return sa.create_engine(url)


@st.cache_data(ttl=60)
def read(url: str, query: str, **params: object) -> pd.DataFrame:
    with engine(url).connect() as conn:
        return pd.read_sql(sa.text(query), conn, params=params)


def main(url: str) -> None:
    st.set_page_config(page_title="framing: outlets side by side", layout="wide")
    st.title("How outlets frame the news")
    articles = read(url, "select * from articles where error is null")
    if articles.empty:
        st.warning(f"No scored articles in {url}. Run: framing score FILES --to {url}")
        return
    articles["outlet"] = articles["outlet"].fillna("(unknown)")
    counts = articles["outlet"].value_counts()
    outlets = sorted(counts[counts >= MIN_ARTICLES].index)
    busiest = sorted(counts[counts >= MIN_ARTICLES].index[:8])
    chosen = st.sidebar.multiselect("Outlets", outlets, default=busiest)
    st.sidebar.caption(f"{url} · schema {articles['schema_version'].iloc[0]} · outlets with ≥ {MIN_ARTICLES} articles")
    if not chosen:
        st.info("Pick at least one outlet.")
        return
    view = articles[articles["outlet"].isin(chosen)]

    countries = read(url, "select outlet, code, name, mentions, sentiment from article_countries")
    countries = countries[countries["outlet"].isin(chosen)]

    a, b, c, d = st.columns(4)
    a.metric("Articles", f"{len(view):,}")
    b.metric("Hedges per 1k words", f"{view['hedge_rate_per_1k_words'].mean():.1f}")
    c.metric("Figures sourced", f"{view['figures_sourced'].sum() / max(view['figures'].sum(), 1):.0%}")
    d.metric("Countries mentioned", f"{countries['code'].nunique():,}")

    left, right = st.columns(2)
    with left:
        st.subheader("Hedging and boosting, per 1,000 body words")
        rates = view.groupby("outlet")[["hedge_rate_per_1k_words", "booster_rate_per_1k_words"]].mean()
        st.bar_chart(rates.rename(columns={"hedge_rate_per_1k_words": "hedges", "booster_rate_per_1k_words": "boosters"}), stack=False)
    with right:
        st.subheader("Share of figures attributed to a source")
        sourced = view.groupby("outlet")[["figures_sourced", "figures"]].sum()
        st.bar_chart((sourced["figures_sourced"] / sourced["figures"].where(sourced["figures"] > 0)).rename("share sourced"))

    st.subheader("Sentiment toward the most mentioned countries (mention-weighted mean, −1 … +1)")
    if countries.empty:
        st.caption("No country mentions for these outlets.")
    else:
        top = countries.groupby("code")["mentions"].sum().nlargest(12).index
        countries = countries[countries["code"].isin(top)]
        countries["weighted"] = countries["sentiment"] * countries["mentions"]
        grid = countries.groupby(["code", "outlet"])[["weighted", "mentions"]].sum()
        names = countries.drop_duplicates("code").set_index("code")["name"]
        table = (grid["weighted"] / grid["mentions"]).unstack("outlet").round(2)
        table.index = [f"{names[code]} ({code})" for code in table.index]
        st.dataframe(
            table,
            use_container_width=True,
            column_config={o: st.column_config.NumberColumn(o, format="%+.2f") for o in table.columns},
        )

    st.subheader("Evidence")
    kinds = read(url, "select distinct kind from evidence order by kind")["kind"].tolist()
    if not kinds:
        st.caption("No evidence stored.")
        return
    kind = st.selectbox("Kind", kinds, index=kinds.index("countries.evidence") if "countries.evidence" in kinds else 0)
    evidence = read(
        url,
        "select e.outlet, e.subject, e.category, e.text, a.title, e.start, e.end from evidence e "
        "join articles a on a.article_key = e.article_key where e.kind = :kind limit 2000",
        kind=kind,
    )
    st.dataframe(evidence[evidence["outlet"].isin(chosen)].head(200), use_container_width=True, hide_index=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:///scores.db")
