"""CSV and TSV files: records parsed by csv, from text decoded whole or from a stream a line at a time."""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from framing.article import TEXT_FIELDS, Article
from framing.errors import DecodingWarning
from framing.readers.decoding import _not_utf8
from framing.readers.records import (
    _CHUNK,
    _SKIM_FACTOR,
    _failed,
    _from_record,
    _record_bound,
    _RecordTooLarge,
    _too_large,
)


def _delimiter(suffix: str) -> str:
    return "\t" if suffix == ".tsv" else ","


@dataclass(frozen=True, slots=True)
class _RecordNotes:
    """What reading one CSV record's lines had to note: an encoding assumed (with its warnings), or why it is not kept."""

    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None


_NO_NOTES = _RecordNotes()


class _CsvText:
    """A CSV file's text, read whole (UTF-16, or bytes that did not look streamable): its lines, nothing to note."""

    def __init__(self, text: str, encoding: str) -> None:
        self.encoding = encoding
        self._text = text

    def __iter__(self) -> Iterator[str]:
        return iter(io.StringIO(self._text, newline=""))

    def record_done(self) -> _RecordNotes:
        return _NO_NOTES


def _line_pieces(f: Any) -> Iterator[tuple[bytes, bool]]:
    """``(bytes, ends_line)`` pieces of a binary stream's lines, read ``_CHUNK`` bytes at most at a time.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, where ``io.StringIO(newline="")``
    ends them, so csv counts the same lines streamed as read whole. A line longer
    than a chunk comes in several pieces. ``read1`` returns what a pipe has
    ready, so a record is read as soon as it is written.
    """
    held = b""  # a line ending in \r at the end of a read: whether \n follows is in the next read
    while data := f.read1(_CHUNK):
        lines = (held + data).splitlines(keepends=True)  # at \n, \r\n and \r only, for bytes
        held = unfinished = b""
        if lines[-1].endswith(b"\r"):
            held = lines.pop()
        elif not lines[-1].endswith(b"\n"):
            unfinished = lines.pop()
        for line in lines:
            yield line, True
        if unfinished:
            yield unfinished, False
    if held:
        yield held, True


class _CsvStream:
    """A CSV/TSV stream's lines for csv, decoded one at a time: memory holds a record, not the file.

    Lines are UTF-8 (a byte-order mark is skipped); one that is not is decoded
    on its own with :func:`decode`'s fallbacks, with a :class:`DecodingWarning`
    naming the file and line, noted on its record.

    A record is bounded. Past one article in any encoding (4 bytes a character)
    plus slack (:func:`_record_bound`), each run of bytes that is neither a quote, the
    delimiter nor a line end reaches csv as one ``x``: csv's quote and delimiter
    parsing is unchanged, so it still finds where the record ends while holding
    almost nothing, and the record becomes an error row; reading goes on. A
    record whose end is not found within ``_SKIM_FACTOR`` times the bound (a
    quoted field never closed, on a stream without end) raises
    :class:`_RecordTooLarge`, which stops the file.
    """

    def __init__(self, f: Any, path: Path, delimiter: str) -> None:
        self.encoding = "utf-8"
        self._pieces = _line_pieces(f)
        self._path = path
        self._bound = _record_bound()
        self._skim_re = re.compile(b'[^"\r\n' + re.escape(delimiter.encode()) + b"]+")
        self._line = 0  # lines handed to csv, counted as csv counts them
        self._new_record()

    def record_done(self) -> _RecordNotes:
        """What the lines read since the last call noted; the next line starts a new record."""
        notes = _NO_NOTES
        if self._bytes > self._bound:
            notes = _RecordNotes(error=_too_large(self._bytes))
        elif self._warnings:
            notes = _RecordNotes(self._encoding, tuple(self._warnings))
        self._new_record()
        return notes

    def _new_record(self) -> None:
        self._bytes = 0  # read for this record
        self._kept = 0  # handed to csv for this record (less than read, once it is skimmed)
        self._encoding: str | None = None
        self._warnings: list[str] = []

    def __iter__(self) -> _CsvStream:
        return self

    def __next__(self) -> str:
        parts: list[bytes] = []
        for piece, ends in self._pieces:
            self._bytes += len(piece)
            if self._bytes > self._bound:
                if self._bytes - len(piece) <= self._bound:  # this piece passed the bound: skim the line so far too
                    parts = [self._skim_re.sub(b"x", p) for p in parts]
                piece = self._skim_re.sub(b"x", piece)
                if self._bytes > _SKIM_FACTOR * self._bound or self._kept > 2 * self._bound:
                    raise _RecordTooLarge(
                        f"record is over {self._bound:,} bytes and its end was not found (a quoted field never "
                        "closed?); the rest of the file is not read"
                    )
            self._kept += len(piece)
            parts.append(piece)
            if ends:
                break
        if not parts:
            raise StopIteration
        raw = b"".join(parts)
        self._line += 1
        if self._line == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, self.encoding = raw[len(codecs.BOM_UTF8) :], "utf-8-sig"
        if self._bytes > self._bound:
            return raw.decode("ascii")  # skimmed: only quotes, delimiters, line ends and x are left
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            # decode()'s fallbacks for this line alone. Not its binary and UTF-16 sniffing: those
            # were done on the file's head, as for a file read whole; one line is too short to judge.
            line, self._encoding, message = _not_utf8(raw, self._path, e.start, first_line=self._line)
        warnings.warn(message, DecodingWarning, stacklevel=2)
        self._warnings.append(message)
        return line


def _iter_csv(path: Path, lines: _CsvText | _CsvStream, delimiter: str) -> Iterator[Article]:
    """The records of a CSV/TSV file, parsed by csv from ``lines`` (text held whole, or a stream a line at a time)."""
    # No field limit of csv's own: lines bounds a streamed record, and text read whole is in
    # memory already. An over-long text gets _limit's clear message (with its line) rather than a
    # csv.Error that stops the file.
    csv.field_size_limit(2**31 - 1)
    # strict: a stray quote after a closing quote, or a quote never closed, is an error row, not
    # text silently merged with the records after it.
    reader = csv.DictReader(lines, delimiter=delimiter, strict=True)
    try:
        columns = reader.fieldnames or []
    except csv.Error as e:
        yield _failed(path, f"malformed CSV header ({e})", line=1)
        return
    except _RecordTooLarge as e:
        yield _failed(path, e.reason, line=1)
        return
    header = lines.record_done()
    if header.error:
        yield _failed(path, f"header {header.error}", line=1)
        return
    text_field = next((c for c in TEXT_FIELDS if c in columns), None)
    if text_field is None:
        yield _failed(path, f"no text column (looked for {', '.join(TEXT_FIELDS)}; columns are {', '.join(columns) or 'none'})", line=1)
        return
    lines_read = reader.reader  # DictReader.line_num lags after an error; the csv reader's does not
    line = lines_read.line_num + 1  # a quoted field can span lines: name the line the record starts on
    i = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except _RecordTooLarge as e:
            yield _failed(path, e.reason, line=line, id_=f"{path.stem}:{i + 1}")
            return
        except csv.Error as e:  # one malformed record; the reader resumes at the next line
            notes = lines.record_done()
            reason = (
                "a quoted field opened in this record is never closed (the rest of the file is inside it)"
                if "unexpected end of data" in str(e)
                else f"malformed CSV record ({e})"
            )
            yield _noted(_failed(path, reason, line=line, id_=f"{path.stem}:{i + 1}"), notes, header.warnings)
            if lines_read.line_num + 1 == line:
                return  # nothing consumed: do not loop
        else:
            notes = lines.record_done()
            if notes.error:
                article = _failed(path, notes.error, line=line, id_=f"{path.stem}:{i + 1}")
            else:
                article = _from_record(
                    row, source=f"{path}:{line}", default_id=f"{path.stem}:{i + 1}", text_field=text_field,
                    encoding=notes.encoding or lines.encoding,
                )
            yield _noted(article, notes, header.warnings)
        i += 1
        line = lines_read.line_num + 1


def _noted(article: Article, notes: _RecordNotes, header_warnings: tuple[str, ...]) -> Article:
    """The article with the decoding warnings of its record's lines (and of the header, which names every field)."""
    assumed = header_warnings + notes.warnings
    return replace(article, warnings=article.warnings + assumed) if assumed else article


