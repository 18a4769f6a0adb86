"""What the readers share: a record (dict) to an Article, error rows, the length limit and the record bound.

One place for the bound a streamed record may hold (JSON Lines, JSON, CSV) and
for its error message, so the formats refuse the same records the same way.
``MAX_CHARS`` is read from :mod:`framing.article` at call time, so raising
``framing.article.MAX_CHARS`` (as the messages advise) works.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import framing.article
from framing.article import FIELD_ALIASES, TEXT_FIELDS, Article
from framing.errors import InputError
from framing.readers.text import parse_date

#: A CSV or JSON stream is read at most this many bytes at a time, so a line that never ends (one
#: enormous field) or one enormous JSON value is bounded before it is held whole.
_CHUNK = 1 << 16
#: Bytes a record (a CSV record, a JSON Lines line, a JSON element) may hold besides its text (title, URL,
#: extra columns) before it is too large.
_RECORD_SLACK = 1 << 20
#: An over-large CSV record or JSON value is skimmed for its end up to this many times its bound; then the file
#: stops.
_SKIM_FACTOR = 16


def _failed(path: Path, reason: str, line: int | None = None, id_: str | None = None) -> Article:
    err = InputError(reason, path=path, line=line)
    return Article(text="", id=id_ or path.stem, source=str(path) + (f":{line}" if line else ""), error=str(err))


def _limit(article: Article, max_chars: int | None = None) -> Article:
    # Read MAX_CHARS at call time, so raising framing.article.MAX_CHARS (as the message says) works.
    max_chars = framing.article.MAX_CHARS if max_chars is None else max_chars
    if article.error is None and len(article.text) > max_chars:
        return replace(
            article,
            text="",
            error=f"{article.source}: article has {len(article.text):,} characters, more than the "
            f"limit of {max_chars:,} (split it, or raise framing.article.MAX_CHARS)",
        )
    return article


def _pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value is not None and value == value and value != "":  # value == value drops NaN
            return value
    return None


def _from_record(
    record: dict[str, Any],
    *,
    source: str,
    default_id: str,
    text_field: str | None = None,
    encoding: str | None = None,
    where: str | None = None,
) -> Article:
    """The article of one parsed record; ``where`` (default ``source``) opens its error message, naming the file and line."""
    where = where or source
    fields = (text_field,) if text_field else TEXT_FIELDS
    text = _pick(record, fields)
    if isinstance(text, list) and text and all(isinstance(p, (str, list)) for p in text):
        # Paragraph lists: BASIL's body-paragraphs (paragraphs of sentences), NeuS's newBody (paragraphs).
        text = "\n\n".join(p if isinstance(p, str) else " ".join(map(str, p)) for p in text)
    meta = {key: _pick(record, names) for key, names in FIELD_ALIASES.items()}
    for key, value in meta.items():
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        meta[key] = None if value is None else str(value)
    if meta["date"]:
        meta["date"] = parse_date(meta["date"]) or meta["date"]
    known = set(fields) | {n for names in FIELD_ALIASES.values() for n in names}
    extra = {k: v for k, v in record.items() if k not in known}
    error = None
    if text is None:
        error = f"{where}: no text field (looked for {', '.join(fields)}; record has {', '.join(map(str, record)) or 'no fields'})"
        text = ""
    elif not isinstance(text, str):
        error = f"{where}: text field is {type(text).__name__}, not a string"
        text = ""
    return _limit(
        Article(
            text=text,
            id=meta["id"] or default_id,
            outlet=meta["outlet"],
            title=meta["title"],
            author=meta["author"],
            date=meta["date"],
            url=meta["url"],
            event=meta["event"],
            source=source,
            encoding=encoding,
            error=error,
            extra=extra,
        )
    )


def _record_bound() -> int:
    """Bytes a record may hold: one article in any encoding (4 bytes a character), plus slack for its other fields.

    Read at call time, so raising framing.article.MAX_CHARS works.
    """
    return 4 * framing.article.MAX_CHARS + _RECORD_SLACK


def _too_large(size: int) -> str:
    """Why a record of ``size`` bytes, over :func:`_record_bound`, is an error row (the same words for every format)."""
    return (
        f"record has {size:,} bytes, more than one article can hold ({framing.article.MAX_CHARS:,} characters; "
        "split it, or raise framing.article.MAX_CHARS)"
    )


class _RecordTooLarge(Exception):
    """A record (CSV, or a JSON value) whose end was not found within its skim bound: the rest of the file cannot be
    placed in records."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


#: json.loads recurses per nesting level; hostile input ("[" * 200_000) exhausts the stack.
_TOO_DEEP = "JSON nested too deeply to be an article record"
