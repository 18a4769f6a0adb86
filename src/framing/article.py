"""Articles and the loaders that read them from files and DataFrames.

An :class:`Article` is the text exactly as given plus its metadata. It is never
modified: every evidence offset points into ``Article.text``.

Loaders never drop an input silently. A file or record that cannot be read
becomes an ``Article`` whose ``error`` says why (naming the file and line), so
N inputs always give N rows downstream.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import re
import sys
import warnings
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from framing.errors import DecodingWarning, InputError

#: Suffixes the loaders read; other files in a directory are skipped with a note.
SUFFIXES = (".txt", ".md", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".html", ".htm")

#: Field names recognised in JSON and CSV records, in order of preference.
TEXT_FIELDS = ("text", "content_original", "content", "body", "article", "maintext", "story", "body-paragraphs", "newBody")
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "ID", "article_id", "doc_id", "uuid", "primary_gid"),
    "outlet": ("outlet", "source", "publisher", "newsSource", "source_name", "domain", "site"),
    "title": ("title", "headline", "newsTitle"),
    "author": ("author", "authors", "byline"),
    "date": ("date", "published", "publish_date", "date_publish", "published_at", "pubdate"),
    "url": ("url", "link", "newsLink", "source_url"),
    "event": ("event", "event_id", "story_id", "triplet_uuid"),
}

#: Largest article scored, in characters; larger ones become an error row.
MAX_CHARS = 5_000_000


@dataclass(frozen=True, slots=True)
class Article:
    """A news article: the text exactly as given, and what is known about it.

    ``regions`` lists header lines the loader read metadata from, as
    ``(kind, start, end)`` offsets into ``text`` (kind ``title``, ``byline`` or
    ``dateline``); they are kept out of the scored body except the title.
    ``source`` says where the article came from (``path`` or ``path:line``).
    ``error`` is set when the input could not be read; such an article is
    carried through scoring as a row with that error. ``warnings`` are what the
    loader had to assume (e.g. the encoding of a file that was not UTF-8); they
    are copied onto the scored row's ``warnings`` so nothing assumed is silent.
    """

    text: str
    id: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    event: str | None = None
    source: str | None = None
    regions: tuple[tuple[str, int, int], ...] = ()
    encoding: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Article.text must be str, not {type(self.text).__name__}")

    def metadata(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "url": self.url,
            "event": self.event,
            "source": self.source,
        }


# ---------------------------------------------------------------- public loaders
def load(paths: str | Path | Iterable[str | Path], **options: Any) -> list[Article]:
    """Read every article in ``paths`` (files or directories), in order."""
    return list(iter_articles(paths, **options))


def iter_articles(paths: str | Path | Iterable[str | Path], **options: Any) -> Iterator[Article]:
    """Yield articles one at a time, so a JSONL, JSON, CSV or TSV file of any size streams.

    A path that cannot be read yields one article with ``error`` set. A
    directory yields its readable files in sorted order, and an error article
    if it holds none.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield _failed(path, f"directory has no article files (looked for {', '.join(SUFFIXES)})")
            for f in files:
                yield from _iter_file(f, **options)
        else:
            yield from _iter_file(path, **options)


def from_frame(frame: Any, *, text_column: str = "text") -> list[Article]:
    """Articles from a pandas DataFrame with a text column (other known columns become metadata)."""
    if text_column not in frame.columns:
        raise InputError(
            f"DataFrame has no text column {text_column!r}; columns are {', '.join(map(str, frame.columns))}"
        )
    rows = frame.to_dict(orient="records")
    return [
        _from_record(row, source=f"DataFrame row {i}", default_id=str(i), text_field=text_column)
        for i, row in enumerate(rows)
    ]


def as_article(item: Article | str | dict[str, Any], *, index: int = 0) -> Article:
    """Accept what the public API accepts: an Article, a text, or a record dict."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item, id=str(index))
    if isinstance(item, dict):
        return _from_record(item, source=f"record {index}", default_id=str(index))
    raise TypeError(f"expected an Article, a str or a dict, got {type(item).__name__}")


# ---------------------------------------------------------------- files
def _failed(path: Path, reason: str, line: int | None = None, id_: str | None = None) -> Article:
    err = InputError(reason, path=path, line=line)
    return Article(text="", id=id_ or path.stem, source=str(path) + (f":{line}" if line else ""), error=str(err))


#: The path ``-`` reads standard input; its articles are named after this.
STDIN = Path("<stdin>")
#: How much of a stream is looked at (not consumed) to decide how to read it.
_HEAD_BYTES = 65536
_JSONL = (".jsonl", ".ndjson")
_CSV = (".csv", ".tsv")


def _single(suffix: str) -> bool:
    """Whether a file of this suffix holds one article (.txt, .md, .html), not records."""
    return suffix not in (*_JSONL, ".json", ".csv", ".tsv")


def _iter_file(path: Path, **options: Any) -> Iterator[Article]:
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
        if _single(suffix) and size > 4 * MAX_CHARS:
            raise InputError(
                f"file has {size:,} bytes, more than one article can hold ({MAX_CHARS:,} characters; "
                "split it, or raise framing.article.MAX_CHARS)",
                path=path,
            )
        f = path.open("rb")
    except InputError as e:
        yield Article(text="", id=path.stem, source=str(path), error=str(e))
        return
    except OSError as e:
        yield _failed(path, f"cannot read: {e.strerror or e}")
        return
    with f:  # opened once and looked at without consuming, so a pipe or FIFO loses nothing
        yield from _iter_stream(f, path, suffix)


def _read_bounded(f: Any, path: Path) -> bytes:
    """One article's bytes, bounded even when the size is unknown (a device, a pipe): /dev/zero must not fill memory."""
    data = f.read(4 * MAX_CHARS + 1)
    if len(data) > 4 * MAX_CHARS:
        raise InputError(f"more than {4 * MAX_CHARS:,} bytes: more than one article can hold", path=path)
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
    except InputError as e:
        yield Article(text="", id=path.stem, source=str(path), error=str(e))
        return
    except OSError as e:
        yield _failed(path, f"cannot read: {e.strerror or e}")
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
        yield Article(text="", id=path.stem, source=str(path), error=str(e))
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


def _limit(article: Article, max_chars: int | None = None) -> Article:
    # Read MAX_CHARS at call time, so raising framing.article.MAX_CHARS (as the message says) works.
    max_chars = MAX_CHARS if max_chars is None else max_chars
    if article.error is None and len(article.text) > max_chars:
        return replace(
            article,
            text="",
            error=f"{article.source}: article has {len(article.text):,} characters, more than the "
            f"limit of {max_chars:,} (split it, or raise framing.article.MAX_CHARS)",
        )
    return article


_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _cp1252_for_bad_utf8(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as Windows-1252 (Latin-1 where it has no character)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("framing-cp1252", _cp1252_for_bad_utf8)


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes: a byte-order mark first, then UTF-8, then Windows-1252 / Latin-1.

    Returns ``(text, encoding)``. Anything other than UTF-8 is reported with a
    :class:`DecodingWarning` naming the file, where the first non-UTF-8 byte is
    and the encoding assumed. A file that is UTF-8 except for a few stray
    Windows-1252 bytes (smart quotes pasted into a UTF-8 file) keeps its UTF-8
    characters: only the bad bytes are read as Windows-1252 (``"utf-8+cp1252"``).
    No byte is dropped or replaced by U+FFFD. Binary data (NUL bytes or mostly
    control characters) raises :class:`InputError`.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(f"starts with a {enc} byte-order mark but is not valid {enc}: {e.reason}", path=path) from None
            if enc != "utf-8-sig":
                warnings.warn(f"{path}: decoded as {enc.upper()} (byte-order mark)", DecodingWarning, stacklevel=2)
            return _check_text(text, path), enc
    if b"\x00" in data[:4096]:
        for enc, parity in (("utf-16-le", 1), ("utf-16-be", 0)):
            if _looks_utf16(data, parity):
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                warnings.warn(f"{path}: no byte-order mark; decoded as {enc.upper()}", DecodingWarning, stacklevel=2)
                return _check_text(text, path), enc
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as e:
        text, enc, message = _not_utf8(data, path, e.start)
    text = _check_text(text, path)
    warnings.warn(message, DecodingWarning, stacklevel=2)
    return text, enc


def _not_utf8(data: bytes, path: Path | str, first_bad: int, first_line: int = 1) -> tuple[str, str, str]:
    """Bytes that are not UTF-8 (from ``first_bad`` on) as text: ``(text, encoding, the warning to give)``.

    Stray Windows-1252 bytes in UTF-8 keep the UTF-8 around them; bytes that
    are Windows-1252 or Latin-1 throughout are named so. ``first_line`` is the
    line ``data`` starts on, so the warning names the line of the first bad byte.
    """
    text = data.decode("utf-8", errors="framing-cp1252")
    if text == data.decode("latin-1"):
        enc, name = "latin-1", "Latin-1 (ISO-8859-1)"
    elif text == data.decode("cp1252", errors="framing-cp1252"):
        enc, name = "cp1252", "Windows-1252"
    else:
        enc, name = "utf-8+cp1252", "UTF-8, with the bytes that are not UTF-8 read as Windows-1252"
    line = first_line + data.count(b"\n", 0, first_bad)
    return text, enc, f"{path}: not valid UTF-8 (byte 0x{data[first_bad]:02X} at line {line}); decoded as {name}"


def _looks_utf16(data: bytes, parity: int) -> bool:
    """Half the bytes NUL, at odd (``parity=1``, little-endian) or even (big-endian) offsets: ASCII as UTF-16."""
    sample = data[:4096]
    half = sample[parity::2]
    return len(half) > 0 and half.count(0) > 0.4 * len(half)


#: C0 controls other than white space, and DEL: text has almost none, binary data many.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _check_text(text: str, path: Path | str) -> str:
    sample = text[:65536]
    if not sample:
        return text
    controls = len(_CONTROL_RE.findall(sample))
    if "\x00" in sample or controls > 0.05 * len(sample):
        raise InputError("binary file, not text (NUL or control bytes)", path=path)
    return text


# ---------------------------------------------------------------- plain text
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_BYLINE_RE = re.compile(r"^[-–—•*·]?\s*by\s*:?\s*(?P<author>[^\W\d_][\w .,'’-]{0,80}?)\s*$", re.IGNORECASE)
_BULLET_RE = re.compile(r"^[-–—•*·]\s*")
_PUBLISHED_RE = re.compile(
    r"^(?:originally\s+)?published\s+(?:in|by|on)\s+(?P<outlet>[A-Z][\w&.' -]{1,60}?)\s*,\s*(?P<date>[^\n]{4,40}?)\.?\s*$",
    re.IGNORECASE,
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_RES = [
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}"),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
]
_DATELINE_RE = re.compile(
    rf"^(?P<place>[A-Z][\w .'-]{{1,40}}),\s+(?P<date>{_MONTH.replace('?P<month>', '?:')}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\s*[–—-]+\s"
)


def parse_date(value: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from the date forms news pages print, or None."""
    value = value.strip()
    for rx in _DATE_RES:
        m = rx.match(value)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get(groups["month"].lower())
        if not month:
            continue
        day, year = int(groups["day"]), int(groups["year"])
        try:
            return datetime.date(year, month, day).isoformat()  # rejects 30 February, month 13
        except ValueError:
            continue
    return None


def read_txt(text: str, *, source: str | None = None, id_: str | None = None, encoding: str | None = None) -> Article:
    """An article from plain text, reading title, byline, date and outlet from its own lines.

    A front-matter block (``---`` lines around ``key: value`` pairs) sets them
    explicitly; it is not part of the article text. Otherwise: a short first
    line without final punctuation is the title; ``- by Name`` is the byline; a
    line that is only a date is the date; ``Place, Month D, YYYY –`` opening the
    first paragraph is a dateline; ``Published in Outlet, date`` gives the outlet.
    """
    meta: dict[str, Any] = {}
    fm = _FRONT_MATTER_RE.match(text)
    if fm:
        for line in fm.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[fm.end() :]
    regions: list[tuple[str, int, int]] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    found: dict[str, str] = {}
    # Header: up to the first five lines.
    for n, (a, b) in enumerate(lines[:5]):
        line = text[a:b].strip()
        lead = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        bare = _BULLET_RE.sub("", line)
        by = _BYLINE_RE.match(line)
        if by and "author" not in found and len(line) < 90:
            found["author"] = by.group("author").strip()
            regions.append(("byline", lead, lead + len(line)))
            continue
        date = parse_date(bare)
        if date and "date" not in found and len(bare) < 40:
            found["date"] = date
            regions.append(("dateline", lead, lead + len(line)))
            continue
        if n == 0 and "title" not in found and _looks_like_title(line, lines):
            found["title"] = line
            regions.append(("title", lead, lead + len(line)))
            continue
        m = _DATELINE_RE.match(line)
        if m and "date" not in found:
            date = parse_date(m.group("date"))
            if date:
                found["date"] = date
        break
    # Footer: the last three lines.
    for a, b in lines[-3:]:
        m = _PUBLISHED_RE.match(text[a:b].strip())
        if m:
            found.setdefault("outlet", m.group("outlet").strip())
            date = parse_date(m.group("date"))
            if date:
                found.setdefault("date", date)
    for key in ("title", "author", "date", "outlet"):
        if key not in meta and key in found:
            meta[key] = found[key]
    if "date" in meta:
        meta["date"] = parse_date(str(meta["date"])) or str(meta["date"])
    return Article(
        text=text,
        id=str(meta.get("id") or id_ or "") or None,
        outlet=meta.get("outlet"),
        title=meta.get("title"),
        author=meta.get("author"),
        date=meta.get("date"),
        url=meta.get("url"),
        event=meta.get("event"),
        source=source,
        regions=tuple(regions),
        encoding=encoding,
    )


def _looks_like_title(line: str, lines: list[tuple[int, int]]) -> bool:
    words = line.split()
    return len(lines) > 1 and 2 <= len(words) <= 30 and line[-1] not in ".,;:" and not _DATELINE_RE.match(line)


# ---------------------------------------------------------------- records
def _pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value is not None and value == value and value != "":  # value == value drops NaN
            return value
    return None


def _from_record(
    record: dict[str, Any], *, source: str, default_id: str, text_field: str | None = None, encoding: str | None = None
) -> Article:
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
        error = f"{source}: no text field (looked for {', '.join(fields)}; record has {', '.join(map(str, record)) or 'no fields'})"
        text = ""
    elif not isinstance(text, str):
        error = f"{source}: text field is {type(text).__name__}, not a string"
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


def _iter_jsonl(path: Path, text: str, encoding: str) -> Iterator[Article]:
    # "\n" only, as in _stream_jsonl: splitlines() would also split at a raw U+2028 inside a string.
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_record(path, n, line, encoding)


#: json.loads recurses per nesting level; hostile input ("[" * 200_000) exhausts the stack.
_TOO_DEEP = "JSON nested too deeply to be an article record"


def _jsonl_record(path: Path, n: int, line: str, encoding: str) -> Article:
    """The article on line ``n`` of a JSONL file, or an error article naming the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return _failed(path, f"invalid JSON ({e.msg} at column {e.colno})", line=n, id_=f"{path.stem}:{n}")
    except RecursionError:
        return _failed(path, _TOO_DEEP, line=n, id_=f"{path.stem}:{n}")
    if not isinstance(record, dict):
        return _failed(path, f"expected a JSON object, got {type(record).__name__}", line=n, id_=f"{path.stem}:{n}")
    return _from_record(record, source=f"{path}:{n}", default_id=f"{path.stem}:{n}", encoding=encoding)


def _streamable(head: bytes) -> bool:
    """True when JSON Lines or CSV starting with ``head`` can be read a line at a time: not UTF-16, not binary.

    Those exceptions (rare) are read whole, which decodes or reports them; so
    is a head of only white space, reported as an empty file. The head is
    judged as :func:`decode` judges a file read whole (characters, not bytes).
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return False
    text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="framing-cp1252")
    return bool(text.strip()) and len(_CONTROL_RE.findall(text)) <= 0.05 * len(text)


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
    bound = 4 * MAX_CHARS + _RECORD_SLACK  # read at call time, so raising framing.article.MAX_CHARS works
    for n, raw in enumerate(iter(lambda: f.readline(bound + 1), b""), start=1):
        if len(raw) > bound and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = f.readline(_RECORD_SLACK)
                size += len(raw.removesuffix(b"\n"))
            yield _failed(
                path,
                f"record has {size:,} bytes, more than one article can hold ({MAX_CHARS:,} characters; "
                "split it, or raise framing.article.MAX_CHARS)",
                line=n,
                id_=f"{path.stem}:{n}",
            )
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


# ---------------------------------------------------------------- JSON: a list of records, read whole or streamed
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
        article = _failed(path, f"item {i} is {type(item.value).__name__}, not an object", id_=f"{path.stem}:{i}")
    else:
        article = _from_record(item.value, source=f"{path}[{i}]", default_id=id_, encoding=item.encoding)
    return replace(article, warnings=article.warnings + item.warnings) if item.warnings else article


def _iter_json(path: Path, text: str, encoding: str) -> Iterator[Article]:
    """The records of a JSON file read whole (UTF-16, or a file that does not open with ``[`` or ``{``)."""
    items: list[_JsonItem]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        items = [_JsonItem(error=f"invalid JSON ({e.msg})", line=e.lineno)]
    except RecursionError:
        items = [_JsonItem(error=_TOO_DEEP)]
    else:
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = [_JsonItem(value, encoding) for value in (data if isinstance(data, list) else [data])]
    return _json_rows(path, items)


def _opens_json_container(head: bytes) -> bool:
    """Whether a JSON file starting with ``head`` opens an array or an object: those stream."""
    return head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\n\r")[:1] in (b"[", b"{")


#: JSON's white space: these four only.
_JSON_SPACE = re.compile(rb"[ \t\n\r]*")
#: In an array or object: a string opening, or a run of opening or closing brackets (deep nesting is one step).
_JSON_NESTING_STOP = re.compile(rb'"|[\[{]+|[\]}]+')
#: Where a bare value (a number, true, false, null, or something invalid) ends.
_JSON_BARE_END = re.compile(rb'[ \t\n\r,:\[\]{}"]')
_QUOTE, _BACKSLASH, _COMMA, _COLON, _OPEN_ARRAY, _CLOSE_ARRAY, _CLOSE_OBJECT = b'"\\,:[]}'
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
    array is found. A file of several top-level values is an error after the first.
    """
    stream = _JsonStream(f)
    encoding = "utf-8-sig" if stream.skip_bom() else "utf-8"
    opening = stream.peek()
    line = stream.line()
    stream.take()
    if opening == _OPEN_ARRAY:
        complete = yield from _json_array(stream, path, encoding)
    else:
        complete = yield from _json_object(stream, path, encoding, line)
    if complete and stream.peek() is not None:
        yield _json_syntax_error(stream, "Extra data")


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
    )


def _record_bound() -> int:
    """Bytes a record may hold: one article in any encoding (4 bytes a character), plus slack for its other fields.

    Read at call time, so raising framing.article.MAX_CHARS works.
    """
    return 4 * MAX_CHARS + _RECORD_SLACK


def _too_large(size: int) -> str:
    return (
        f"record has {size:,} bytes, more than one article can hold ({MAX_CHARS:,} characters; "
        "split it, or raise framing.article.MAX_CHARS)"
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
    return _JsonItem(value, encoding, assumed), True


def _json_syntax_error(stream: _JsonStream, expected: str) -> _JsonItem:
    """An error row where the file's structure breaks (what json would say), or where it ends too soon."""
    if stream.peek() is None:
        reason = "invalid JSON (the file ends before its array or object is closed: truncated?)"
        return _JsonItem(error=reason, line=stream.line())
    return _JsonItem(error=f"invalid JSON ({expected}); the rest of the file is not read", line=stream.line())


def _delimiter(suffix: str) -> str:
    return "\t" if suffix == ".tsv" else ","


#: A CSV or JSON stream is read at most this many bytes at a time, so a line that never ends (one
#: enormous field) or one enormous JSON value is bounded before it is held whole.
_CHUNK = 1 << 16
#: Bytes a CSV record may hold besides its text (title, URL, extra columns) before it is too large.
_RECORD_SLACK = 1 << 20
#: An over-large CSV record is skimmed for its end up to this many times its bound; then the file stops.
_SKIM_FACTOR = 16


@dataclass(frozen=True, slots=True)
class _RecordNotes:
    """What reading one CSV record's lines had to note: an encoding assumed (with its warnings), or why it is not kept."""

    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None


_NO_NOTES = _RecordNotes()


class _RecordTooLarge(Exception):
    """A record (CSV, or a JSON value) whose end was not found within its skim bound: the rest of the file cannot be
    placed in records."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
    plus ``_RECORD_SLACK`` bytes, each run of bytes that is neither a quote, the
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
        self._max_chars = MAX_CHARS  # read at call time, so raising framing.article.MAX_CHARS works
        self._bound = 4 * MAX_CHARS + _RECORD_SLACK
        self._skim_re = re.compile(b'[^"\r\n' + re.escape(delimiter.encode()) + b"]+")
        self._line = 0  # lines handed to csv, counted as csv counts them
        self._new_record()

    def record_done(self) -> _RecordNotes:
        """What the lines read since the last call noted; the next line starts a new record."""
        notes = _NO_NOTES
        if self._bytes > self._bound:
            notes = _RecordNotes(
                error=f"record has {self._bytes:,} bytes, more than one article can hold ({self._max_chars:,} "
                "characters; split it, or raise framing.article.MAX_CHARS)"
            )
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


def _read_html(path: Path, text: str, encoding: str) -> Article:
    try:
        import trafilatura  # optional extra, imported only for HTML input
    except ImportError:
        return _failed(path, "reading HTML needs the html extra: pip install 'framing[html]'")
    body = trafilatura.extract(text, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(text)
    if not body.strip():
        return _failed(path, "no article text found in the HTML page")
    return _limit(
        Article(
            text=body,
            id=path.stem,
            outlet=getattr(meta, "sitename", None),
            title=getattr(meta, "title", None),
            author=getattr(meta, "author", None),
            date=getattr(meta, "date", None),
            url=getattr(meta, "url", None),
            source=str(path),
            encoding=encoding,
        )
    )
