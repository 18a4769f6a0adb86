"""Tidy tables from scored articles, with stable documented columns, and their exports.

Three tables are the contract dashboards read (``docs/tables.md`` documents
every column; names, types and units change only with ``SCHEMA_VERSION``):

* :data:`ARTICLE_COLUMNS`: one row per article (:func:`articles_frame`);
* :data:`COUNTRY_COLUMNS`: one row per article and country it mentions (:func:`countries_frame`);
* :data:`EVIDENCE_COLUMNS`: one row per evidence span of any signal (:func:`evidence_frame`).

They join on ``article_key``, a stable key of the article's id and text, which
is also what :func:`to_sql` uses to append without storing an article twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from framing.errors import OptionError
from framing.pipeline import SCHEMA_VERSION, ScoredArticle
from framing.signals.sourcing import QUOTED_KINDS

#: name -> (pandas dtype, meaning and unit)
ARTICLE_COLUMNS: dict[str, tuple[str, str]] = {
    "schema_version": ("string", "version of this table's schema"),
    "article_key": ("string", "stable key: SHA-256 of id and text, 24 hex digits; joins the three tables"),
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
    "assertiveness": ("Float64", "(boosters - hedges) / (boosters + hedges + 1), in (-1, 1); 0 with no cues"),
    "own_voice_hedge_rate_per_1k_words": ("Float64", "hedges per 1,000 words outside quotation marks"),
    "quoted_hedge_rate_per_1k_words": ("Float64", "hedges per 1,000 words inside quotation marks"),
    "uncertain_sentences": ("Int64", "body sentences judged uncertain"),
    "countries": ("Int64", "distinct countries mentioned"),
    "country_mentions": ("Int64", "mentions of any country"),
    "figures": ("Int64", "figures (quantities) stated in the body"),
    "figures_sourced": ("Int64", "figures attributed to a source"),
    "share_figures_sourced": ("Float64", "figures_sourced / figures, in [0, 1]; empty with no figures"),
    "share_figures_vague": ("Float64", "share of figures whose source is vague ('sources say'), in [0, 1]"),
    "quotes": ("Int64", "quotations: direct and partial quotes (reported speech without quotation marks not counted)"),
    "disclaimers": ("Int64", "disclaimers and editorial notes found"),
    "boilerplate": ("Int64", "boilerplate passages found (publication lines, promotions, credits)"),
    "flesch_reading_ease": ("Float64", "Flesch reading ease of the body (higher is easier)"),
    "loaded_language_rate_per_1k_words": ("Float64", "loaded (emotive, sensational) words per 1,000 body words"),
}


#: One row per article and country mentioned: the long form dashboards plot.
COUNTRY_COLUMNS: dict[str, tuple[str, str]] = {
    "schema_version": ("string", "version of this table's schema"),
    "article_key": ("string", "the article (see the article table)"),
    "id": ("string", "article id"),
    "outlet": ("string", "outlet name"),
    "date": ("string", "publication date, ISO 8601 YYYY-MM-DD where it could be read"),
    "event": ("string", "event id given in the input"),
    "code": ("string", "ISO 3166-1 alpha-3 code of the country"),
    "name": ("string", "country name (ISO 3166 common name)"),
    "mentions": ("Int64", "mentions of the country in the body"),
    "sentiment": ("Float64", "sentiment toward the country, in [-1, 1] (negative to positive)"),
    "label": ("string", "'negative', 'neutral' or 'positive'"),
}

#: One row per evidence span, from every signal: what a dashboard shows when a score is clicked.
EVIDENCE_COLUMNS: dict[str, tuple[str, str]] = {
    "schema_version": ("string", "version of this table's schema"),
    "article_key": ("string", "the article (see the article table)"),
    "id": ("string", "article id"),
    "outlet": ("string", "outlet name"),
    "seq": ("Int64", "evidence number within the article, from 0, in output order"),
    "signal": ("string", "top-level output key the evidence belongs to: hedging, countries, figures, quotes, ..."),
    "kind": ("string", "where in the output it sits, as a dotted path: hedging.hedges, countries.evidence, figures.source"),
    "category": ("string", "the item's category, kind, type or label when it has one, else empty"),
    "subject": ("string", "ISO alpha-3 code when the evidence is about a country, else empty"),
    "start": ("Int64", "first character, 0-based offset into the article text"),
    "end": ("Int64", "one past the last character (half-open: text[start:end] is the evidence)"),
    "text": ("string", "the evidence text, exactly article_text[start:end]"),
    "score": ("Float64", "the item's sentiment or weight when it has one, else empty"),
}

#: Output keys that are not evidence of a signal (the article's own text and header lines).
_NOT_EVIDENCE = frozenset({"text", "header", "language", "stats", "warnings"})


def _as_dict(doc: ScoredArticle | dict[str, Any]) -> dict[str, Any]:
    # The text is kept (a reference, not a copy): it is what the article key hashes.
    return doc.to_dict() if isinstance(doc, ScoredArticle) else doc


def article_key(d: dict[str, Any]) -> str:
    """Stable key of a scored article: SHA-256 of its id and text (24 hex digits).

    The same article scored again, by any version, gets the same key, so
    exports can append without storing it twice; two different texts under one
    id get different keys. Without a text (a ``to_dict(include_text=False)``
    row, or an input that could not be read) the source, title and error stand
    in for it, so two unreadable files with the same name stay two rows.
    """
    text = d.get("text")
    if not text:
        text = "\x00".join(str(d.get(k) or "") for k in ("source", "title", "error"))
    digest = hashlib.sha256(f"{d.get('id') or ''}\x00{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


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
        "article_key": article_key(d),
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
        "quotes": sum(q.get("kind") in QUOTED_KINDS for q in d.get("quotes") or []),
        "disclaimers": len(d.get("disclaimers") or []),
        "boilerplate": len(d.get("boilerplate") or []),
        "flesch_reading_ease": readability.get("flesch_reading_ease"),
        "loaded_language_rate_per_1k_words": loaded.get("rate_per_1k_words"),
    }


def country_rows(d: dict[str, Any], key: str | None = None) -> list[dict[str, Any]]:
    """Rows of the article × country table (:data:`COUNTRY_COLUMNS`) from a scored article's ``to_dict()``."""
    key = key or article_key(d)
    rows = []
    seen = set()
    for c in d.get("countries") or []:
        if c.get("code") in seen:
            continue  # one row per country, whatever a signal returns
        seen.add(c.get("code"))
        rows.append(
            {
                "schema_version": SCHEMA_VERSION,
                "article_key": key,
                **{k: d.get(k) for k in ("id", "outlet", "date", "event")},
                **{k: c.get(k) for k in ("code", "name", "mentions", "sentiment", "label")},
            }
        )
    return rows


def _is_span(x: Any) -> bool:
    return isinstance(x, dict) and isinstance(x.get("start"), int) and isinstance(x.get("end"), int) and "text" in x


def _number(x: Any) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _walk(value: Any, path: str, subject: str | None) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
    """Every evidence span under ``value``: ``(dotted path, country code, span dict)``, in output order."""
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, path, subject)
    elif isinstance(value, dict):
        if _is_span(value):
            yield path, subject, value
        code = value.get("code")
        if isinstance(code, str) and len(code) == 3 and code.isupper():
            subject = code
        for k, v in value.items():
            if isinstance(v, (list, dict)):
                yield from _walk(v, f"{path}.{k}", subject)


def evidence_rows(d: dict[str, Any], key: str | None = None) -> list[dict[str, Any]]:
    """Rows of the evidence table (:data:`EVIDENCE_COLUMNS`): every span of every signal, in output order.

    Found by walking the output rather than by a list of fields, so evidence a
    signal adds later appears here without a change: any object with integer
    ``start``/``end`` and a ``text`` is a span.
    """
    key = key or article_key(d)
    rows: list[dict[str, Any]] = []
    for name, value in d.items():
        if name in _NOT_EVIDENCE or not isinstance(value, (list, dict)):
            continue
        for path, subject, span in _walk(value, name, None):
            category = next((span[k] for k in ("category", "kind", "type", "label") if isinstance(span.get(k), str)), None)
            score = next((_number(span[k]) for k in ("sentiment", "weight", "score") if _number(span.get(k)) is not None), None)
            rows.append(
                {
                    "schema_version": SCHEMA_VERSION,
                    "article_key": key,
                    "id": d.get("id"),
                    "outlet": d.get("outlet"),
                    "seq": len(rows),
                    "signal": name,
                    "kind": path,
                    "category": category,
                    "subject": subject,
                    "start": span["start"],
                    "end": span["end"],
                    "text": span["text"],
                    "score": score,
                }
            )
    return rows


def _frame(rows: list[dict[str, Any]], columns: dict[str, tuple[str, str]]) -> Any:
    import pandas as pd  # only when a frame is asked for: import framing stays light

    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype({name: dtype for name, (dtype, _doc) in columns.items()})


def articles_frame(docs: Iterable[ScoredArticle | dict[str, Any]]) -> Any:
    """pandas DataFrame, one row per article, columns and dtypes of :data:`ARTICLE_COLUMNS`."""
    return _frame([article_row(_as_dict(d)) for d in docs], ARTICLE_COLUMNS)


def countries_frame(docs: Iterable[ScoredArticle | dict[str, Any]]) -> Any:
    """pandas DataFrame, one row per article and country, columns and dtypes of :data:`COUNTRY_COLUMNS`."""
    return _frame([row for d in docs for row in country_rows(_as_dict(d))], COUNTRY_COLUMNS)


def evidence_frame(docs: Iterable[ScoredArticle | dict[str, Any]]) -> Any:
    """pandas DataFrame, one row per evidence span, columns and dtypes of :data:`EVIDENCE_COLUMNS`."""
    return _frame([row for d in docs for row in evidence_rows(_as_dict(d))], EVIDENCE_COLUMNS)


def frames(docs: Iterable[ScoredArticle | dict[str, Any]]) -> dict[str, Any]:
    """The three tables at once, from one pass over ``docs``: ``{"articles", "article_countries", "evidence"}``."""
    articles, countries, evidence = [], [], []
    for doc in docs:
        d = _as_dict(doc)
        row = article_row(d)
        articles.append(row)
        countries.extend(country_rows(d, row["article_key"]))
        evidence.extend(evidence_rows(d, row["article_key"]))
    return {
        "articles": _frame(articles, ARTICLE_COLUMNS),
        "article_countries": _frame(countries, COUNTRY_COLUMNS),
        "evidence": _frame(evidence, EVIDENCE_COLUMNS),
    }


#: SQL table name -> its columns; ``articles`` first (dashboards and checks look for it first).
TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "articles": ARTICLE_COLUMNS,
    "article_countries": COUNTRY_COLUMNS,
    "evidence": EVIDENCE_COLUMNS,
}


def dumps(doc: ScoredArticle | dict[str, Any]) -> str:
    """One JSON line, byte-identical for the same input (sorted keys, no NaN)."""
    import json

    d = doc.to_dict() if isinstance(doc, ScoredArticle) else doc
    line = json.dumps(d, ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(",", ":"))
    if line.isascii():
        return line
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (only reachable through the API): escape it, as JSON allows
        line = json.dumps(d, ensure_ascii=True, sort_keys=True, allow_nan=False, separators=(",", ":"))
    return line


# A spreadsheet runs a cell that starts with one of these as a formula
# (=HYPERLINK(...) in a hostile headline); CSV cells get a leading ' instead (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet will show as text, never run as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write(docs: Iterable[ScoredArticle | dict[str, Any]], fmt: str, path: str | None = None) -> int:
    """Stream scored articles to ``path`` (or stdout) as ``jsonl``, ``csv`` or ``parquet``; returns the row count."""
    import sys

    if fmt == "parquet":
        if path is None:
            raise OptionError("Parquet output needs a file path")
        return write_parquet(docs, path)
    out = open(path, "w", encoding="utf-8", newline="") if path else sys.stdout  # noqa: SIM115
    n = 0
    try:
        if fmt == "jsonl":
            for doc in docs:
                out.write(dumps(doc) + "\n")
                n += 1
        elif fmt == "csv":
            import csv

            writer = csv.DictWriter(out, fieldnames=list(ARTICLE_COLUMNS), lineterminator="\n")
            writer.writeheader()
            for doc in docs:
                writer.writerow({k: csv_safe(v) for k, v in article_row(_as_dict(doc)).items()})
                n += 1
        else:
            raise OptionError(f"unknown format {fmt!r}; choose 'jsonl', 'csv' or 'parquet'")
    finally:
        if path:
            out.close()
    return n


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(docs: Iterable[ScoredArticle | dict[str, Any]], path: str, *, batch_size: int = 1000) -> int:
    """Stream the article table to a Parquet file in row groups of ``batch_size``; memory stays flat.

    Needs the ``parquet`` extra (pyarrow). Returns the row count.
    """
    import pyarrow as pa  # the parquet extra
    import pyarrow.parquet as pq

    schema = pa.Schema.from_pandas(_frame([], ARTICLE_COLUMNS), preserve_index=False)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(docs, batch_size):
            frame = _frame([article_row(_as_dict(d)) for d in batch], ARTICLE_COLUMNS)
            writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
            n += len(frame)
    return n


def write_tables(docs: Iterable[ScoredArticle | dict[str, Any]], directory: str, fmt: str = "parquet") -> dict[str, int]:
    """Write the three tables as ``articles``, ``article_countries`` and ``evidence`` files (``csv`` or ``parquet``) in ``directory``.

    Returns rows written per table. Holds the rows in memory; for inputs of
    any size use :func:`to_sql`, which streams.
    """
    from pathlib import Path

    if fmt not in ("csv", "parquet"):
        raise OptionError(f"unknown format {fmt!r}; choose 'csv' or 'parquet'")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, frame in frames(docs).items():
        target = out / f"{name}.{fmt}"
        if fmt == "csv":
            text_columns = frame.select_dtypes(include=["object", "string"]).columns
            safe = frame.assign(**{c: frame[c].map(csv_safe) for c in text_columns})
            safe.to_csv(target, index=False, lineterminator="\n")
        else:
            frame.to_parquet(target, index=False)
        counts[name] = len(frame)
    return counts


# ---------------------------------------------------------------- SQL
_SQL_TYPES = {"string": "Text", "Int64": "BigInteger", "Float64": "Float"}


def sql_tables(metadata: Any) -> dict[str, Any]:
    """SQLAlchemy ``Table`` objects for :data:`TABLES`, bound to ``metadata``.

    ``articles`` has ``article_key`` as primary key; the long-form tables have
    ``(article_key, code)`` and ``(article_key, seq)``.
    """
    import sqlalchemy as sa  # the sql extra

    def columns(spec: dict[str, tuple[str, str]], keys: tuple[str, ...]) -> list[Any]:
        out = []
        for name, (dtype, doc) in spec.items():
            kind = getattr(sa, _SQL_TYPES[dtype])()
            out.append(sa.Column(name, kind, primary_key=name in keys, autoincrement=False, comment=doc))
        return out

    return {
        "articles": sa.Table("articles", metadata, *columns(ARTICLE_COLUMNS, ("article_key",))),
        "article_countries": sa.Table("article_countries", metadata, *columns(COUNTRY_COLUMNS, ("article_key", "code"))),
        "evidence": sa.Table(
            "evidence",
            metadata,
            *columns(EVIDENCE_COLUMNS, ("article_key", "seq")),
        ),
    }


def to_sql(
    docs: Iterable[ScoredArticle | dict[str, Any]],
    url: str | Any,
    *,
    if_exists: str = "skip",
    batch_size: int = 500,
) -> dict[str, int]:
    """Append scored articles to a SQL database (any SQLAlchemy URL or ``Engine``), streaming.

    Creates the tables ``articles``, ``article_countries`` and ``evidence``
    when missing (columns of :data:`TABLES`). An article whose ``article_key``
    is already stored is skipped (``if_exists="skip"``, the default: re-running
    an export adds nothing) or its rows are replaced (``"replace"``: after a
    rescore with a newer version). Each batch of ``batch_size`` articles is one
    transaction, so an interrupted run leaves whole articles only, and memory
    stays flat for an input of any size. Returns the rows written per table
    plus ``skipped`` articles.
    """
    import sqlalchemy as sa  # the sql extra: pip install 'framing[sql]'

    if if_exists not in ("skip", "replace"):
        raise OptionError(f"if_exists must be 'skip' or 'replace', not {if_exists!r}")
    engine = sa.create_engine(url) if isinstance(url, str) else url
    metadata = sa.MetaData()
    tables = sql_tables(metadata)
    metadata.create_all(engine, checkfirst=True)
    articles, countries, evidence = tables["articles"], tables["article_countries"], tables["evidence"]
    counts = {"articles": 0, "article_countries": 0, "evidence": 0, "skipped": 0}
    try:
        for batch in _batches(docs, batch_size):
            rows: dict[str, tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = {}
            for doc in batch:
                d = _as_dict(doc)
                row = article_row(d)
                key = row["article_key"]
                if key in rows:
                    counts["skipped"] += 1  # the same article twice in one input
                    continue
                rows[key] = (row, country_rows(d, key), evidence_rows(d, key))
            with engine.begin() as conn:
                stored = set(conn.execute(sa.select(articles.c.article_key).where(articles.c.article_key.in_(list(rows)))).scalars())
                if if_exists == "skip":
                    counts["skipped"] += len(stored)
                    for key in stored:
                        del rows[key]
                elif stored:
                    for table in (evidence, countries, articles):
                        conn.execute(sa.delete(table).where(table.c.article_key.in_(list(stored))))
                if not rows:
                    continue
                new = list(rows.values())
                for table, part, name in ((articles, 0, "articles"), (countries, 1, "article_countries"), (evidence, 2, "evidence")):
                    values = [r for item in new for r in ([item[0]] if part == 0 else item[part])]
                    if values:
                        conn.execute(table.insert(), values)
                        counts[name] += len(values)
    finally:
        if isinstance(url, str):
            engine.dispose()
    return counts
