"""JSON Lines (.jsonl, .ndjson): one record a line, streamed a line at a time or read from text decoded whole."""

from __future__ import annotations

import codecs
import json
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from framing.article import Article
from framing.errors import DecodingWarning, InputError
from framing.readers.decoding import decode
from framing.readers.records import _RECORD_SLACK, _TOO_DEEP, _failed, _from_record, _record_bound, _too_large


def _iter_jsonl(path: Path, text: str, encoding: str) -> Iterator[Article]:
    # "\n" only, as in _stream_jsonl: splitlines() would also split at a raw U+2028 inside a string.
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_record(path, n, line, encoding)


def _jsonl_record(path: Path, n: int, line: str, encoding: str) -> Article:
    """The article on line ``n`` of a JSONL file, or an error article naming the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        # json's "Invalid control character at" ends in "at" already
        return _failed(path, f"invalid JSON ({e.msg.removesuffix(' at')} at column {e.colno})", line=n, id_=f"{path.stem}:{n}")
    except RecursionError:
        return _failed(path, _TOO_DEEP, line=n, id_=f"{path.stem}:{n}")
    if not isinstance(record, dict):
        return _failed(path, f"expected a JSON object, got {type(record).__name__}", line=n, id_=f"{path.stem}:{n}")
    return _from_record(record, source=f"{path}:{n}", default_id=f"{path.stem}:{n}", encoding=encoding)


def _stream_jsonl(f: Any, path: Path) -> Iterator[Article]:
    """A JSONL file read one line at a time, so a file of any size streams: memory holds a record, not the file.

    Lines are UTF-8 (a byte-order mark is skipped); a line that is not is
    decoded by :func:`decode` on its own, with the same fallbacks and a
    :class:`DecodingWarning` naming the file and line, carried on its article
    too. Lines end at ``\\n`` only, as JSON Lines says: a U+2028 inside a string
    does not split a record. A line is bounded as a CSV record is (one article
    in any encoding, plus slack): a longer one is an error row naming its line,
    skimmed to its end without being kept, and reading goes on.
    """
    encoding = "utf-8"
    bound = _record_bound()
    for n, raw in enumerate(iter(lambda: f.readline(bound + 1), b""), start=1):
        if len(raw) > bound and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = f.readline(_RECORD_SLACK)
                size += len(raw.removesuffix(b"\n"))
            yield _failed(path, _too_large(size), line=n, id_=f"{path.stem}:{n}")
            continue
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, encoding = raw[len(codecs.BOM_UTF8) :], "utf-8-sig"
        if not raw.strip():
            continue
        try:
            yield _jsonl_record(path, n, raw.decode("utf-8"), encoding)
            continue
        except UnicodeDecodeError:
            pass
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always", DecodingWarning)
            try:
                line, line_encoding = decode(raw, path)
            except InputError as e:
                yield _failed(path, e.reason, line=n, id_=f"{path.stem}:{n}")
                continue
        messages = tuple(str(w.message).replace(" at line 1)", f" at line {n})") for w in seen)
        for message in messages:
            warnings.warn(message, DecodingWarning, stacklevel=3)
        article = _jsonl_record(path, n, line, line_encoding)
        yield replace(article, warnings=(*article.warnings, *messages))

