"""Tidy tables from scored articles, with stable documented columns, and their exports.

:data:`ARTICLE_COLUMNS` is the contract dashboards read: one row per article.
Column names, types and units change only with ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from framing.pipeline import SCHEMA_VERSION, ScoredArticle

#: name -> (pandas dtype, meaning and unit)
ARTICLE_COLUMNS: dict[str, tuple[str, str]] = {
    "schema_version": ("string", "version of this table's schema"),
    "id": ("string", "article id (given, or derived from file name and line)"),
    "outlet": ("string", "outlet name, given or read from the article's footer"),
    "title": ("string", "headline"),
    "author": ("string", "byline author"),
    "date": ("string", "publication date, ISO 8601 YYYY-MM-DD where it could be read"),
    "url": ("string", "article URL"),
    "event": ("string", "event id given in the input (grouping otherwise happens in compare)"),
    "source": ("string", "where the article was read from: path or path:line"),
    "error": ("string", "why the article could not be read or scored; empty when scored"),
    "language": ("string", "'en' when the text looks like English prose, else empty"),
    "words": ("Int64", "word tokens in the whole text"),
    "body_words": ("Int64", "word tokens in the body (without disclaimers, boilerplate and header lines)"),
    "sentences": ("Int64", "sentences in the whole text"),
    "hedge_count": ("Int64", "hedge cues in the body"),
    "booster_count": ("Int64", "booster cues in the body"),
    "hedge_rate_per_1k_words": ("Float64", "hedge cues per 1,000 body words"),
    "booster_rate_per_1k_words": ("Float64", "booster cues per 1,000 body words"),
    "assertiveness": ("Float64", "(boosters - hedges) / (boosters + hedges), in [-1, 1]; 0 with no cues"),
    "own_voice_hedge_rate_per_1k_words": ("Float64", "hedges per 1,000 words outside quotation marks"),
    "quoted_hedge_rate_per_1k_words": ("Float64", "hedges per 1,000 words inside quotation marks"),
    "uncertain_sentences": ("Int64", "body sentences judged uncertain"),
    "countries": ("Int64", "distinct countries mentioned"),
    "country_mentions": ("Int64", "mentions of any country"),
    "figures": ("Int64", "figures (quantities) stated in the body"),
    "figures_sourced": ("Int64", "figures attributed to a source"),
    "share_figures_sourced": ("Float64", "figures_sourced / figures, in [0, 1]; empty with no figures"),
    "share_figures_vague": ("Float64", "share of figures whose source is vague ('sources say'), in [0, 1]"),
    "quotes": ("Int64", "direct quotes"),
    "disclaimers": ("Int64", "disclaimers and editorial notes found"),
    "boilerplate": ("Int64", "boilerplate passages found (publication lines, promotions, credits)"),
    "flesch_reading_ease": ("Float64", "Flesch reading ease of the body (higher is easier)"),
    "loaded_language_rate_per_1k_words": ("Float64", "loaded (emotive, sensational) words per 1,000 body words"),
}


def _as_dict(doc: ScoredArticle | dict[str, Any]) -> dict[str, Any]:
    return doc.to_dict(include_text=False) if isinstance(doc, ScoredArticle) else doc


def article_row(d: dict[str, Any]) -> dict[str, Any]:
    """One row of the article table from a scored article's ``to_dict()``."""
    hedging = d.get("hedging") or {}
    sourcing = d.get("sourcing") or {}
    stats = d.get("stats") or {}
    countries = d.get("countries") or []
    readability = d.get("readability") or {}
    loaded = d.get("loaded_language") or {}
    return {
        "schema_version": SCHEMA_VERSION,
        **{k: d.get(k) for k in ("id", "outlet", "title", "author", "date", "url", "event", "source", "error")},
        "language": (d.get("language") or {}).get("code"),
        "words": stats.get("words"),
        "body_words": stats.get("body_words"),
        "sentences": stats.get("sentences"),
        "hedge_count": hedging.get("hedge_count"),
        "booster_count": hedging.get("booster_count"),
        "hedge_rate_per_1k_words": hedging.get("hedge_rate_per_1k_words"),
        "booster_rate_per_1k_words": hedging.get("booster_rate_per_1k_words"),
        "assertiveness": hedging.get("assertiveness"),
        "own_voice_hedge_rate_per_1k_words": (hedging.get("own_voice") or {}).get("hedge_rate_per_1k_words"),
        "quoted_hedge_rate_per_1k_words": (hedging.get("quoted") or {}).get("hedge_rate_per_1k_words"),
        "uncertain_sentences": len(hedging.get("uncertain_sentences") or []),
        "countries": len(countries),
        "country_mentions": sum(c.get("mentions", 0) for c in countries),
        "figures": sourcing.get("figures"),
        "figures_sourced": sourcing.get("sourced"),
        "share_figures_sourced": sourcing.get("share_sourced"),
        "share_figures_vague": sourcing.get("share_vague"),
        "quotes": len(d.get("quotes") or []),
        "disclaimers": len(d.get("disclaimers") or []),
        "boilerplate": len(d.get("boilerplate") or []),
        "flesch_reading_ease": readability.get("flesch_reading_ease"),
        "loaded_language_rate_per_1k_words": loaded.get("rate_per_1k_words"),
    }


def articles_frame(docs: Iterable[ScoredArticle | dict[str, Any]]) -> Any:
    """pandas DataFrame, one row per article, columns and dtypes of :data:`ARTICLE_COLUMNS`."""
    import pandas as pd  # noqa: PLC0415 - pandas only when a frame is asked for

    rows = [article_row(_as_dict(d)) for d in docs]
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    return frame.astype({name: dtype for name, (dtype, _doc) in ARTICLE_COLUMNS.items()})


def dumps(doc: ScoredArticle | dict[str, Any]) -> str:
    """One JSON line, byte-identical for the same input (sorted keys, no NaN)."""
    import json  # noqa: PLC0415

    d = doc.to_dict() if isinstance(doc, ScoredArticle) else doc
    return json.dumps(d, ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(",", ":"))


def write(docs: Iterable[ScoredArticle | dict[str, Any]], fmt: str, path: str | None = None) -> int:
    """Stream scored articles to ``path`` (or stdout) as ``jsonl``, ``csv`` or ``parquet``; returns the row count."""
    import sys  # noqa: PLC0415

    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet output needs a file path")
        frame = articles_frame(docs)
        frame.to_parquet(path, index=False)
        return len(frame)
    out = open(path, "w", encoding="utf-8", newline="") if path else sys.stdout  # noqa: SIM115
    n = 0
    try:
        if fmt == "jsonl":
            for doc in docs:
                out.write(dumps(doc) + "\n")
                n += 1
        elif fmt == "csv":
            import csv  # noqa: PLC0415

            writer = csv.DictWriter(out, fieldnames=list(ARTICLE_COLUMNS), lineterminator="\n")
            writer.writeheader()
            for doc in docs:
                writer.writerow(article_row(_as_dict(doc)))
                n += 1
        else:
            raise ValueError(f"unknown format {fmt!r}; choose 'jsonl', 'csv' or 'parquet'")
    finally:
        if path:
            out.close()
    return n
