"""Articles and the loaders that read them from files and DataFrames.

An :class:`Article` is the text exactly as given plus its metadata. It is never
modified: every evidence offset points into ``Article.text``.

Loaders never drop an input silently. A file or record that cannot be read
becomes an ``Article`` whose ``error`` says why (naming the file and line), so
N inputs always give N rows downstream.

The readers of each format live in :mod:`framing.readers`; they import this
module, and it imports them only when something is read, so the imports run one
way and ``import framing.article`` stays light. ``read_txt``, ``decode`` and
``parse_date`` are still importable from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing._lazy import lazy_attributes
from framing.errors import DecodingWarning, InputError

if TYPE_CHECKING:
    from framing.readers.decoding import decode
    from framing.readers.text import parse_date, read_txt

__all__ = [
    "FIELD_ALIASES",
    "MAX_CHARS",
    "STDIN",
    "SUFFIXES",
    "TEXT_FIELDS",
    "Article",
    "DecodingWarning",
    "as_article",
    "decode",
    "from_frame",
    "iter_articles",
    "load",
    "parse_date",
    "read_txt",
]

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
#: The readers read it from here when called, so raising it works.
MAX_CHARS = 5_000_000

#: The path ``-`` reads standard input; its articles are named after this.
STDIN = Path("<stdin>")


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


def title_shaped(line: str, words: int) -> bool:
    """Whether a line of ``words`` words reads as a headline: 2-30 words, no final ``.,;:`` (a sentence ends so).

    The text reader and the headline signal both decide with it; each counts
    words its own way (the reader splits on white space before anything is
    parsed, the signal counts the Document's words).
    """
    return 2 <= words <= 30 and line[-1] not in ".,;:"


# ---------------------------------------------------------------- public loaders
def load(paths: str | Path | Iterable[str | Path]) -> list[Article]:
    """Read every article in ``paths`` (files or directories), in order."""
    return list(iter_articles(paths))


def iter_articles(paths: str | Path | Iterable[str | Path]) -> Iterator[Article]:
    """Yield articles one at a time, so a JSONL, JSON, CSV or TSV file of any size streams.

    A path that cannot be read yields one article with ``error`` set. A
    directory yields its readable files in sorted order, and an error article
    if it holds none.
    """
    from framing.readers.dispatch import _iter_file
    from framing.readers.records import _failed

    if isinstance(paths, (str, Path)):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield _failed(path, f"directory has no article files (looked for {', '.join(SUFFIXES)})")
            for f in files:
                yield from _iter_file(f)
        else:
            yield from _iter_file(path)


def from_frame(frame: Any, *, text_column: str = "text") -> list[Article]:
    """Articles from a pandas DataFrame with a text column (other known columns become metadata)."""
    if text_column not in frame.columns:
        raise InputError(
            f"DataFrame has no text column {text_column!r}; columns are {', '.join(map(str, frame.columns))}"
        )
    from framing.readers.records import _from_record

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
        from framing.readers.records import _from_record

        return _from_record(item, source=f"record {index}", default_id=str(index))
    raise TypeError(f"expected an Article, a str or a dict, got {type(item).__name__}")


#: Names that live in a reader and are still importable from here, imported on first use.
_FROM_READERS = {
    "read_txt": "framing.readers.text",
    "parse_date": "framing.readers.text",
    "decode": "framing.readers.decoding",
}


__getattr__ = lazy_attributes("framing.article", _FROM_READERS, globals())
