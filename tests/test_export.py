"""Tidy tables (articles, article × country, evidence) and their exports: CSV, Parquet, SQL."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import framing
from framing import export
from framing.pipeline import score, score_many

TEXTS = [
    "Russia said trade rose 20%, per customs data.",
    "Pakistan may lose influence, experts believe.",
    "India welcomed the move.",
]


def _hand_scored() -> dict:
    """A scored article as ``to_dict()`` gives it, built by hand so the long forms have something in every part."""
    text = "Russia may raise exports by 12%, officials said. Kyiv was praised."
    span = lambda s, e, **kw: {"start": s, "end": e, "text": text[s:e], **kw}  # noqa: E731
    return {
        "schema_version": framing.SCHEMA_VERSION,
        "id": "hand-1",
        "outlet": "Example Times",
        "title": None,
        "author": None,
        "date": "2024-01-02",
        "url": None,
        "event": "e1",
        "source": None,
        "error": None,
        "text": text,
        "header": [span(0, 6, kind="title")],
        "stats": {"words": 12, "body_words": 12, "sentences": 2},
        "hedging": {"hedge_count": 1, "hedges": [span(7, 10, category="modal", weight=0.8)], "boosters": []},
        "countries": [
            {"code": "RUS", "name": "Russia", "mentions": 1, "sentiment": -0.25, "label": "negative", "evidence": [span(0, 6)]},
            {"code": "UKR", "name": "Ukraine", "mentions": 1, "sentiment": 0.5, "label": "positive", "evidence": [span(49, 53)]},
        ],
        "figures": [span(28, 31, sourced=True, source=span(33, 47, type="official"))],
        "quotes": [],
    }


def _d(doc) -> dict:
    return doc.to_dict() if hasattr(doc, "to_dict") else doc


def _expected(docs: list) -> dict[str, int]:
    """Rows each table should hold for ``docs``, from the row builders themselves."""
    return {
        "articles": len(docs),
        "article_countries": sum(len(export.country_rows(_d(d))) for d in docs),
        "evidence": sum(len(export.evidence_rows(_d(d))) for d in docs),
    }


def _evidence_ok(rows: list[dict], text: str) -> bool:
    return all(text[r["start"] : r["end"]] == r["text"] for r in rows)


def test_article_key_is_stable_and_tells_texts_apart():
    d = _hand_scored()
    assert export.article_key(d) == export.article_key(dict(d))
    assert len(export.article_key(d)) == 24
    assert export.article_key(d) != export.article_key({**d, "text": d["text"] + " "})
    assert export.article_key(d) != export.article_key({**d, "id": "hand-2"})
    unreadable = {"id": "notes", "text": "", "error": "x: binary file", "source": "a/notes.txt"}
    assert export.article_key(unreadable) != export.article_key({**unreadable, "source": "b/notes.txt"})


def test_scored_article_and_its_dict_get_the_same_key():
    doc = score(TEXTS[0])
    assert export.article_row(doc.to_dict())["article_key"] == export.articles_frame([doc])["article_key"][0]


def test_the_quotes_column_counts_quotations_not_reported_speech():
    # The same count as the comparison table's "quotes": direct and partial quotes; "X said that ..." is not one.
    from framing.comparison.differences import article_signals

    doc = framing.score("“We will win,” Smith said. Officials said the plan costs $3 billion. He called it “a disaster.”")
    kinds = sorted(q["kind"] for q in doc.to_dict()["quotes"])
    assert kinds == ["direct", "indirect", "partial"]
    assert export.article_row(doc.to_dict())["quotes"] == 2 == article_signals(doc.to_dict())["quotes"]


def test_country_rows_one_per_country_with_article_metadata():
    rows = export.country_rows(_hand_scored())
    assert [r["code"] for r in rows] == ["RUS", "UKR"]
    assert [r["sentiment"] for r in rows] == [-0.25, 0.5]
    assert {r["outlet"] for r in rows} == {"Example Times"}
    assert all(set(r) == set(export.COUNTRY_COLUMNS) for r in rows)


def test_country_rows_drop_a_repeated_country():
    d = _hand_scored()
    d["countries"] = d["countries"] + [d["countries"][0]]
    assert [r["code"] for r in export.country_rows(d)] == ["RUS", "UKR"]


def test_evidence_rows_walk_every_signal_and_keep_offsets():
    d = _hand_scored()
    rows = export.evidence_rows(d)
    kinds = [(r["signal"], r["kind"], r["category"], r["subject"]) for r in rows]
    assert kinds == [
        ("hedging", "hedging.hedges", "modal", None),
        ("countries", "countries.evidence", None, "RUS"),
        ("countries", "countries.evidence", None, "UKR"),
        ("figures", "figures", None, None),
        ("figures", "figures.source", "official", None),
    ]
    assert [r["seq"] for r in rows] == list(range(len(rows)))
    assert rows[0]["score"] == 0.8
    assert _evidence_ok(rows, d["text"])
    assert "title" not in {r["category"] for r in rows}  # header lines are not evidence


def test_evidence_of_real_scoring_points_into_the_text(seed_docs):
    for doc in seed_docs.values():
        d = doc.to_dict()
        assert _evidence_ok(export.evidence_rows(d), d["text"])


def test_frames_have_documented_columns_and_dtypes():
    docs = [_hand_scored(), score(TEXTS[1])]
    tables = export.frames(docs)
    for name, columns in export.TABLES.items():
        frame = tables[name]
        assert list(frame.columns) == list(columns)
        assert {c: str(t) for c, t in frame.dtypes.items()} == {c: dtype for c, (dtype, _doc) in columns.items()}
    assert {name: len(frame) for name, frame in tables.items()} == _expected(docs)
    assert len(tables["article_countries"]) >= 2
    assert set(tables["evidence"]["article_key"]) <= set(tables["articles"]["article_key"])


def test_every_column_is_documented_in_docs_tables():
    doc = Path(__file__).resolve().parents[1] / "docs" / "tables.md"
    text = doc.read_text(encoding="utf-8")
    missing = [f"{t}.{c}" for t, cols in export.TABLES.items() for c in cols if f"| `{c}` | {cols[c][0]} |" not in text]
    assert not missing, "docs/tables.md lacks (or has another type for) these columns"
    assert f"(schema version {framing.SCHEMA_VERSION})" in text


def test_csv_and_streamed_parquet_round_trip(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    docs = list(score_many(TEXTS * 3))
    assert export.write(docs, "csv", str(tmp_path / "a.csv")) == 9
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == [d.article.id for d in docs]
    n = export.write_parquet(iter(docs), str(tmp_path / "a.parquet"), batch_size=4)
    back = pd.read_parquet(tmp_path / "a.parquet")
    assert n == 9 and len(back) == 9
    assert back.equals(export.articles_frame(docs))


def test_write_tables_writes_all_three(tmp_path):
    counts = export.write_tables([_hand_scored()], str(tmp_path / "out"), "csv")
    assert counts == {"articles": 1, "article_countries": 2, "evidence": 5}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["article_countries.csv", "articles.csv", "evidence.csv"]


def _sqlite_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        names = [t for (t,) in con.execute("select name from sqlite_master where type='table'")]
        return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in names}
    finally:
        con.close()


def test_to_sql_appends_without_duplicates_in_a_real_sqlite_file(tmp_path):
    pytest.importorskip("sqlalchemy")
    db = tmp_path / "scores.db"
    docs = [_hand_scored(), *score_many(TEXTS)]
    first = export.to_sql(docs, f"sqlite:///{db}")
    assert first == {**_expected(docs), "skipped": 0}
    again = export.to_sql([*docs, docs[0]], f"sqlite:///{db}", batch_size=2)
    assert again == {"articles": 0, "article_countries": 0, "evidence": 0, "skipped": 5}
    counts = _sqlite_counts(db)
    assert next(iter(counts)) == "articles"
    assert counts == _expected(docs)


def test_to_sql_replace_rewrites_a_stored_article(tmp_path):
    pytest.importorskip("sqlalchemy")
    db = tmp_path / "scores.db"
    d = _hand_scored()
    export.to_sql([d], f"sqlite:///{db}")
    changed = {**d, "countries": d["countries"][:1], "outlet": "Renamed"}
    assert export.to_sql([changed], f"sqlite:///{db}", if_exists="replace")["articles"] == 1
    con = sqlite3.connect(db)
    assert con.execute("select outlet from articles").fetchall() == [("Renamed",)]
    assert con.execute("select code from article_countries").fetchall() == [("RUS",)]
    con.close()
    with pytest.raises(ValueError, match="skip"):
        export.to_sql([d], f"sqlite:///{db}", if_exists="append")


def test_cli_score_to_sqlite_twice_stores_each_article_once(tmp_path):
    pytest.importorskip("sqlalchemy")
    for i, text in enumerate(TEXTS[:2]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "framing.cli", "score", str(tmp_path / "0.txt"), str(tmp_path / "1.txt"), "--to", f"sqlite:///{db}"]
    for _ in range(2):
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
    assert _sqlite_counts(db)["articles"] == 2


@pytest.mark.postgres
def test_to_sql_appends_without_duplicates_in_postgresql():
    url = os.environ.get("FRAMING_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("FRAMING_TEST_POSTGRES_URL is not set (.ci/run starts PostgreSQL and sets it)")
    sa = pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for table in ("evidence", "article_countries", "articles"):
            conn.execute(sa.text(f"drop table if exists {table}"))
    docs = [_hand_scored(), *score_many(TEXTS)]
    assert export.to_sql(docs, engine) == {**_expected(docs), "skipped": 0}
    assert export.to_sql(docs, engine)["skipped"] == 4
    with engine.connect() as conn:
        stored = {t: conn.execute(sa.text(f"select count(*) from {t}")).scalar() for t in export.TABLES}
        sentiment = conn.execute(
            sa.text("select sentiment from article_countries where id = 'hand-1' order by code")
        ).scalars().all()
    engine.dispose()
    assert stored == _expected(docs)
    assert sentiment == [-0.25, 0.5]


def test_jsonl_lines_are_byte_identical_for_the_same_input():
    a = [export.dumps(d) for d in score_many(TEXTS)]
    b = [export.dumps(d) for d in score_many(TEXTS)]
    assert a == b
    assert all(json.loads(line)["schema_version"] == framing.SCHEMA_VERSION for line in a)


def test_csv_cells_never_become_spreadsheet_formulas(tmp_path):
    """A hostile headline such as =HYPERLINK(...) is written as text (leading '), numbers stay numbers."""
    import csv

    from framing import Article, score
    from framing.export import write, write_tables

    doc = score(Article(text="Pakistan may lose influence, experts believe.", id="x", title='=HYPERLINK("http://evil","click")', outlet="@desk"))
    path = tmp_path / "a.csv"
    write([doc], "csv", str(path))
    with path.open(encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["title"] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert row["outlet"] == "'@desk"
    assert float(row["assertiveness"]) < 0  # a negative number is not a formula and stays numeric
    counts = write_tables([doc], str(tmp_path / "tables"), fmt="csv")
    assert counts["articles"] == 1
    with (tmp_path / "tables" / "articles.csv").open(encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["title"].startswith("'=")


def test_jsonl_export_survives_lone_surrogates(tmp_path):
    """Text from the API may carry a lone surrogate; the JSONL line escapes it instead of failing to encode."""
    import json

    from framing import score
    from framing.export import write

    doc = score("Exports rose 12% \ud800 last year, officials said.")
    path = tmp_path / "o.jsonl"
    assert write([doc], "jsonl", str(path)) == 1
    row = json.loads(path.read_text(encoding="utf-8"))
    assert row["text"] == "Exports rose 12% \ud800 last year, officials said."
