"""Which reader reads a file or stream: by suffix, and by a look at its first bytes.

Reads a path or standard input once, front to back; streams what can stream
(JSON Lines, JSON, CSV, TSV) and reads the rest whole, bounded. Every input
gives at least one row: what cannot be read is an error row naming the file.
"""

from __future__ import annotations

import codecs
import sys
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import framing.article
from framing.article import STDIN, Article
from framing.errors import DecodingWarning, InputError
from framing.readers.csvfile import _CsvStream, _CsvText, _delimiter, _iter_csv
from framing.readers.decoding import _streamable, decode
from framing.readers.html import _read_html
from framing.readers.jsonfile import _iter_json, _json_rows, _opens_json_container, _stream_json
from framing.readers.jsonl import _iter_jsonl, _stream_jsonl
from framing.readers.records import _failed, _limit
from framing.readers.text import read_txt

#: How much of a stream is looked at (not consumed) to decide how to read it.
_HEAD_BYTES = 65536
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv", ".tsv")


def _single(suffix: str) -> bool:
    """Whether a file of this suffix holds one article (.txt, .md, .html), not records."""
    return suffix not in (*_JSONL, ".json", ".csv", ".tsv")


def _iter_file(path: Path) -> Iterator[Article]:
    if str(path) == "-":
        yield from _iter_stream(sys.stdin.buffer, STDIN, None)
        return
    suffix = path.suffix.lower()
    try:
        if not path.exists():
            raise InputError("no such file", path=path)
        if path.is_dir():
            raise InputError("is a directory", path=path)
        size = path.stat().st_size
        # A single-article file (.txt, .md, .html) over 4 bytes a character cannot fit
        # MAX_CHARS in any encoding: refused before it is read.
        max_chars = framing.article.MAX_CHARS  # read at call time, so raising it works
        if _single(suffix) and size > 4 * max_chars:
            raise InputError(
                f"file has {size:,} bytes, more than one article can hold ({max_chars:,} characters; "
                "split it, or raise framing.article.MAX_CHARS)",
                path=path,
            )
        f = path.open("rb")
    except (InputError, OSError) as e:
        yield _unreadable(path, e)
        return
    with f:  # opened once and looked at without consuming, so a pipe or FIFO loses nothing
        yield from _iter_stream(f, path, suffix)


def _unreadable(path: Path, e: InputError | OSError) -> Article:
    """The one row of a file that cannot be read: the input error as given, or the system's reason."""
    if isinstance(e, InputError):
        return Article(text="", id=path.stem, source=str(path), error=str(e))
    return _failed(path, f"cannot read: {e.strerror or e}")


def _read_bounded(f: Any, path: Path) -> bytes:
    """One article's bytes, bounded even when the size is unknown (a device, a pipe): /dev/zero must not fill memory."""
    max_bytes = 4 * framing.article.MAX_CHARS  # read at call time, so raising it works
    data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"more than {max_bytes:,} bytes: more than one article can hold", path=path)
    return data


def _iter_stream(f: Any, path: Path, suffix: str | None) -> Iterator[Article]:
    """Articles from an open binary stream (a file or standard input), read once, front to back.

    JSON Lines, CSV and TSV stream a line at a time, a JSON array (or an object
    with an ``"articles"`` array) an element at a time; anything else is read
    whole. With no ``suffix`` (standard input) the stream is JSON Lines when its
    first visible character opens an object, otherwise one article's text.
    """
    try:
        head = f.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        if suffix is None:
            suffix = ".jsonl" if head.lstrip().removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"{" else ".txt"
        if (suffix in (*_JSONL, *_CSV) or (suffix == ".json" and _opens_json_container(head))) and _streamable(head):
            if suffix in _JSONL:
                articles = _stream_jsonl(f, path)
            elif suffix == ".json":
                articles = _json_rows(path, _stream_json(f, path))
            else:
                delimiter = _delimiter(suffix)
                articles = _iter_csv(path, _CsvStream(f, path, delimiter), delimiter)
            yield from _at_least_one(path, articles)
            return
        data = _read_bounded(f, path) if _single(suffix) else f.read()
    except (InputError, OSError) as e:
        yield _unreadable(path, e)
        return
    yield from _iter_bytes(path, data, suffix)


def _iter_bytes(path: Path, data: bytes, suffix: str) -> Iterator[Article]:
    """The articles in a file's bytes, decoded (with a warning naming the file when an encoding is assumed)."""
    try:
        if not data.strip():
            raise InputError("empty file", path=path)
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always", DecodingWarning)
            text, encoding = decode(data, path)
        assumed = tuple(str(w.message) for w in seen if issubclass(w.category, DecodingWarning))
        for message in assumed:
            warnings.warn(message, DecodingWarning, stacklevel=4)
        if not text.strip():
            raise InputError("empty file (only a byte-order mark or white space)", path=path)
    except InputError as e:
        yield _unreadable(path, e)
        return
    if suffix in _JSONL:
        articles = _iter_jsonl(path, text, encoding)
    elif suffix == ".json":
        articles = _iter_json(path, text, encoding)
    elif suffix in _CSV:
        articles = _iter_csv(path, _CsvText(text, encoding), _delimiter(suffix))
    elif suffix in (".html", ".htm"):
        articles = iter([_read_html(path, text, encoding)])
    else:
        articles = iter([_limit(read_txt(text, source=str(path), id_=path.stem, encoding=encoding))])
    if assumed:
        articles = (replace(article, warnings=article.warnings + assumed) for article in articles)
    yield from _at_least_one(path, articles)


def _at_least_one(path: Path, articles: Iterable[Article]) -> Iterator[Article]:
    """The articles, or one error row when there are none (a CSV header alone, an empty JSON list): N inputs, N rows."""
    found = False
    for article in articles:
        found = True
        yield article
    if not found:
        yield _failed(path, "no articles in the file (no records after the header, or an empty list)")

