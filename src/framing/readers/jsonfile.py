"""JSON files (.json): an array of records, an object with an ``"articles"`` array, or one record.

Streamed a value at a time (:class:`_JsonStream` finds where a value ends in the
bytes, without parsing), or parsed whole when the file was decoded whole; both
give the same rows.
"""

from __future__ import annotations

import codecs
import json
import re
import warnings
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from framing.article import Article
from framing.errors import DecodingWarning
from framing.readers.decoding import _not_utf8
from framing.readers.records import (
    _CHUNK,
    _SKIM_FACTOR,
    _TOO_DEEP,
    _failed,
    _from_record,
    _record_bound,
    _RecordTooLarge,
    _too_large,
)


@dataclass(frozen=True, slots=True)
class _JsonItem:
    """One element of a JSON file's list of records, parsed, or why it could not be (``error``, at ``line``)."""

    value: Any = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    error: str | None = None
    line: int | None = None


def _json_rows(path: Path, items: Iterable[_JsonItem]) -> Iterator[Article]:
    """One row per element, whether the list was read whole or streamed.

    An element's default id is ``stem:i`` when the file holds several, else the stem alone.
    Whether it does is known only once a second element is read, so each row is given one
    element late (memory holds two elements).
    """
    held: _JsonItem | None = None
    i = 0
    for i, item in enumerate(items):
        if held is not None:
            yield _json_row(path, i - 1, held, several=True)
        held = item
    if held is not None:
        yield _json_row(path, i, held, several=i > 0)


def _json_row(path: Path, i: int, item: _JsonItem, *, several: bool) -> Article:
    id_ = f"{path.stem}:{i}" if several else path.stem
    if item.error is not None:
        article = _failed(path, item.error, line=item.line, id_=id_)
    elif not isinstance(item.value, dict):
        article = _failed(path, f"item {i} is {type(item.value).__name__}, not an object", line=item.line, id_=f"{path.stem}:{i}")
    else:
        # A streamed element knows the line it starts on; a file read whole (UTF-16) does not.
        where = (f"{path}:{item.line}: item {i}" if several else f"{path}:{item.line}") if item.line else None
        article = _from_record(item.value, source=f"{path}[{i}]", default_id=id_, encoding=item.encoding, where=where)
    return replace(article, warnings=article.warnings + item.warnings) if item.warnings else article


def _iter_json(path: Path, text: str, encoding: str) -> Iterator[Article]:
    """The records of a JSON file read whole (UTF-16, or a file that does not open with ``[`` or ``{``).

    Several top-level values one after another (JSON Lines saved as ``.json``) are read in turn, as the
    streamed reader reads them; an invalid one is an error row after the rows of those before it.
    """
    return _json_rows(path, _json_values(text, encoding))


def _json_values(text: str, encoding: str) -> Iterator[_JsonItem]:
    decoder = json.JSONDecoder()
    pos = _JSON_TEXT_SPACE.match(text).end()
    while True:
        if pos and text[pos] not in "[{":  # after the first value, only arrays and objects (as streamed)
            line = text.count("\n", 0, pos) + 1
            yield _JsonItem(error="invalid JSON (Extra data); the rest of the file is not read", line=line)
            return
        try:
            data, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            yield _JsonItem(error=f"invalid JSON ({e.msg})", line=e.lineno)
            return
        except RecursionError:
            yield _JsonItem(error=_TOO_DEEP)
            return
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        for value in data if isinstance(data, list) else [data]:
            yield _JsonItem(value, encoding)
        pos = _JSON_TEXT_SPACE.match(text, pos).end()
        if pos == len(text):
            return


def _opens_json_container(head: bytes) -> bool:
    """Whether a JSON file starting with ``head`` opens an array or an object: those stream."""
    return head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\n\r")[:1] in (b"[", b"{")


#: JSON's white space: these four only.
_JSON_SPACE = re.compile(rb"[ \t\n\r]*")
_JSON_TEXT_SPACE = re.compile(r"[ \t\n\r]*")
#: In an array or object: a string opening, or a run of opening or closing brackets (deep nesting is one step).
_JSON_NESTING_STOP = re.compile(rb'"|[\[{]+|[\]}]+')
#: Where a bare value (a number, true, false, null, or something invalid) ends.
_JSON_BARE_END = re.compile(rb'[ \t\n\r,:\[\]{}"]')
_QUOTE, _BACKSLASH, _COMMA, _COLON, _OPEN_ARRAY, _CLOSE_ARRAY, _OPEN_OBJECT, _CLOSE_OBJECT = b'"\\,:[]{}'
_NO_VALUE = b",:]}"  # a value cannot start with these


class _JsonEnded(Exception):
    """The stream ended inside a JSON value."""


class _JsonStream:
    """A JSON file's bytes, read a chunk at a time and cut into values without parsing them.

    JSON's structure is ASCII (quotes, backslashes, brackets, commas), and no byte of a
    UTF-8 (or Windows-1252) character other than ASCII is, so where a value ends is found in
    the bytes, by counting brackets outside strings. Each value is then decoded and parsed
    alone: memory holds one value, not the file.
    """

    def __init__(self, f: Any) -> None:
        self._f = f
        self._buf = bytearray()
        self._pos = 0  # the next byte to look at
        self._mark = 0  # the bytes before it are no longer needed
        self._line = 1  # the line _line_pos is on
        self._line_pos = 0
        self._dropped = 0  # bytes dropped from the front of _buf

    def _read(self) -> bool:
        """Read what a pipe has ready (up to ``_CHUNK``), first dropping the bytes before the mark; False at EOF."""
        if self._mark:
            if self._line_pos < self._mark:
                self._line += self._buf.count(b"\n", self._line_pos, self._mark)
                self._line_pos = self._mark
            del self._buf[: self._mark]
            self._dropped += self._mark
            self._line_pos -= self._mark
            self._pos -= self._mark
            self._mark = 0
        data = self._f.read1(_CHUNK)
        self._buf += data
        return bool(data)

    def skip_bom(self) -> bool:
        while len(self._buf) < len(codecs.BOM_UTF8) and self._read():
            pass
        if self._buf.startswith(codecs.BOM_UTF8):
            self._pos = self._mark = len(codecs.BOM_UTF8)
            return True
        return False

    def offset(self) -> int:
        """Bytes read before the next byte."""
        return self._dropped + self._pos

    def line(self) -> int:
        """The line the next byte is on."""
        self._line += self._buf.count(b"\n", self._line_pos, self._pos)
        self._line_pos = self._pos
        return self._line

    def peek(self) -> int | None:
        """The next byte that is not white space (not consumed), or None at the end of the stream."""
        while True:
            self._pos = _JSON_SPACE.match(self._buf, self._pos).end()  # type: ignore[union-attr]  # * always matches
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            self._mark = self._pos
            if not self._read():
                return None

    def take(self) -> None:
        """Consume the byte :meth:`peek` returned."""
        self._pos += 1
        self._mark = self._pos

    def value(self, bound: int) -> tuple[bytes | None, int]:
        """The bytes of the value starting at the next byte, and how many there are.

        A value longer than ``bound`` is skimmed to its end, not kept (``None``).
        Raises :class:`_JsonEnded` when the stream ends inside the value, and
        :class:`_RecordTooLarge` when its end is not found within ``_SKIM_FACTOR``
        bounds (a string never closed, on a stream without end).
        """
        buf = self._buf  # grows and shrinks in place
        self._mark = self._pos
        first = buf[self._pos]
        self._pos += 1
        in_string = first == _QUOTE
        depth = int(first in b"[{")
        bare = not in_string and not depth
        skimmed = 0  # bytes of this value already dropped
        escaped = False  # in a string, the next byte is escaped (the bytes read ended in an odd run of backslashes)
        while True:
            if bare:
                m = _JSON_BARE_END.search(buf, self._pos)
                if m:
                    self._pos = m.start()
                    break
                self._pos = len(buf)
            elif in_string:
                # Quotes found by memchr; one is escaped when an odd run of backslashes precedes it.
                if escaped:
                    self._pos += 1
                    escaped = False
                quote = buf.find(b'"', self._pos)
                end = len(buf) if quote < 0 else quote
                run = end
                while run > self._pos and buf[run - 1] == _BACKSLASH:
                    run -= 1
                if quote < 0:
                    escaped = (end - run) % 2 == 1
                    self._pos = end
                else:
                    self._pos = quote + 1
                    if (quote - run) % 2 == 0:
                        in_string = False
                        if not depth:
                            break
                    continue
            else:
                m = _JSON_NESTING_STOP.search(buf, self._pos)
                if m:
                    self._pos = m.end()
                    run = m.end() - m.start()
                    byte = buf[m.start()]
                    if byte == _QUOTE:
                        in_string = True
                    elif byte in b"[{":
                        depth += run
                    elif run < depth:
                        depth -= run
                    else:  # the value closes inside this run
                        self._pos = m.start() + depth
                        break
                    continue
                self._pos = len(buf)
            if skimmed or self._pos - self._mark > bound:
                skimmed += self._pos - self._mark
                self._mark = self._pos
                if skimmed > _SKIM_FACTOR * bound:
                    raise _RecordTooLarge(
                        f"record is over {bound:,} bytes and its end was not found (a string never closed?); "
                        "the rest of the file is not read"
                    )
            if not self._read():
                if bare:  # a bare value can end where the stream does
                    break
                raise _JsonEnded
        size = skimmed + self._pos - self._mark
        raw = None if size > bound else bytes(buf[self._mark : self._pos])
        self._mark = self._pos
        return raw, size


def _stream_json(f: Any, path: Path) -> Iterator[_JsonItem]:
    """The elements of a JSON file's array (or of its object's ``"articles"`` array), read one at a time.

    Memory holds an element, not the file. An element is decoded on its own:
    UTF-8 (a byte-order mark is skipped), or :func:`decode`'s fallbacks with a
    :class:`DecodingWarning` naming its line, carried on its row. An element
    longer than one article can be (as a CSV record is bounded) is an error row,
    skimmed without being kept, and reading goes on. Invalid JSON is an error
    row naming its line and what json says, and the file stops there: past a
    syntax error, where the elements are is a guess. So does a file that ends
    before the array closes (truncated). Either way every element before it has
    been given already.

    A file opening with ``{`` is one record unless it has an ``"articles"``
    array; its other members are kept (bounded as one record) only until the
    array is found. Several top-level arrays or objects one after another (JSON
    Lines saved as ``.json``) are read in turn, so no record is lost to the name.
    """
    stream = _JsonStream(f)
    encoding = "utf-8-sig" if stream.skip_bom() else "utf-8"
    opening = stream.peek()
    while opening is not None:
        if opening not in (_OPEN_ARRAY, _OPEN_OBJECT):
            yield _json_syntax_error(stream, "Extra data")
            return
        line = stream.line()
        stream.take()
        if opening == _OPEN_ARRAY:
            complete = yield from _json_array(stream, path, encoding)
        else:
            complete = yield from _json_object(stream, path, encoding, line)
        if not complete:
            return
        opening = stream.peek()


def _json_array(stream: _JsonStream, path: Path, encoding: str) -> Generator[_JsonItem, None, bool]:
    """The elements of the array whose ``[`` was just read; returns whether the array closed."""
    if stream.peek() == _CLOSE_ARRAY:
        stream.take()
        return True
    while True:
        byte = stream.peek()
        if byte is None or byte in _NO_VALUE:
            yield _json_syntax_error(stream, "Expecting value")
            return False
        item, readable = _json_value(stream, path, encoding)
        yield item
        if not readable:
            return False
        byte = stream.peek()
        if byte == _COMMA:
            stream.take()
        elif byte == _CLOSE_ARRAY:
            stream.take()
            return True
        else:
            yield _json_syntax_error(stream, "Expecting ',' delimiter")
            return False


def _json_object(stream: _JsonStream, path: Path, encoding: str, line: int) -> Generator[_JsonItem, None, bool]:
    """The records of the object whose ``{`` (on ``line``) was just read; returns whether the object closed.

    Its ``"articles"`` array is streamed; without one, the object is one record,
    its members kept until they are more than one record can hold.
    """
    members: dict[str, _JsonItem] | None = {}  # None once an "articles" array is found
    start = stream.offset() - 1
    if stream.peek() == _CLOSE_OBJECT:
        stream.take()
        yield _json_record(members, 2, encoding, line)
        return True
    while True:
        if stream.peek() != _QUOTE:
            yield _json_syntax_error(stream, "Expecting property name enclosed in double quotes")
            return False
        key, _ = _json_value(stream, path, encoding)
        if key.error is not None:
            yield key
            return False
        if stream.peek() != _COLON:
            yield _json_syntax_error(stream, "Expecting ':' delimiter")
            return False
        stream.take()
        byte = stream.peek()
        if key.value == "articles" and byte == _OPEN_ARRAY:
            stream.take()
            members = None
            if not (yield from _json_array(stream, path, encoding)):
                return False
        elif byte is None or byte in _NO_VALUE:
            yield _json_syntax_error(stream, "Expecting value")
            return False
        else:
            value, readable = _json_value(stream, path, encoding)
            if not readable:
                yield value
                return False
            if members is not None:
                if stream.offset() - start <= _record_bound():
                    members[key.value] = value
                else:
                    members.clear()  # more than one record can hold: not kept
        byte = stream.peek()
        if byte == _COMMA:
            stream.take()
        elif byte == _CLOSE_OBJECT:
            stream.take()
            break
        else:
            yield _json_syntax_error(stream, "Expecting ',' delimiter")
            return False
    if members is not None:
        yield _json_record(members, stream.offset() - start, encoding, line)
    return True


def _json_record(members: dict[str, _JsonItem], size: int, encoding: str, line: int) -> _JsonItem:
    """An object read member by member, as one record (or why it cannot be one)."""
    if size > _record_bound():
        return _JsonItem(error=_too_large(size), line=line)
    failed = next((item for item in members.values() if item.error is not None), None)
    if failed is not None:
        return failed
    assumed = [item for item in members.values() if item.warnings]  # members not in UTF-8
    return _JsonItem(
        {key: item.value for key, item in members.items()},
        assumed[0].encoding if assumed else encoding,
        tuple(message for item in assumed for message in item.warnings),
        line=line,
    )


def _json_value(stream: _JsonStream, path: Path, encoding: str) -> tuple[_JsonItem, bool]:
    """The value at the stream's next byte, decoded and parsed alone, and whether the file can be read on after it."""
    line = stream.line()
    bound = _record_bound()
    try:
        raw, size = stream.value(bound)
    except _JsonEnded:
        return _JsonItem(error="invalid JSON (the file ends inside this value: truncated?)", line=line), False
    except _RecordTooLarge as e:
        return _JsonItem(error=e.reason, line=line), False
    if raw is None:
        return _JsonItem(error=_too_large(size), line=line), True
    assumed: tuple[str, ...] = ()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        # decode()'s fallbacks for this value alone; binary and UTF-16 were judged on the file's head.
        text, encoding, message = _not_utf8(raw, path, e.start, first_line=line)
        warnings.warn(message, DecodingWarning, stacklevel=2)
        assumed = (message,)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        error = f"invalid JSON ({e.msg}); the rest of the file is not read"
        return _JsonItem(error=error, line=line + e.lineno - 1), False
    except RecursionError:
        return _JsonItem(error=_TOO_DEEP, line=line), True
    return _JsonItem(value, encoding, assumed, line=line), True


def _json_syntax_error(stream: _JsonStream, expected: str) -> _JsonItem:
    """An error row where the file's structure breaks (what json would say), or where it ends too soon."""
    if stream.peek() is None:
        reason = "invalid JSON (the file ends before its array or object is closed: truncated?)"
        return _JsonItem(error=reason, line=stream.line())
    return _JsonItem(error=f"invalid JSON ({expected}); the rest of the file is not read", line=stream.line())

