"""Lexicons: word lists as data files, loaded and compiled once.

Each lexicon is a UTF-8 tab-separated file ``<name>.tsv``. Lines starting with
``#`` document the file (source, licence, how entries were chosen). The first
other line is the header; it must name ``term``, ``category``, ``weight`` and
``note`` and may add columns a signal needs (e.g. ``code`` for countries).

A ``term`` is matched on tokens (see :mod:`framing.tokens`):

* an all-lower-case term matches any casing (``may`` matches ``May``);
* a term with a capital letter matches only that casing (``US``, ``Turkey``);
* a term starting with ``re:`` is a regular expression, for the few patterns a
  phrase cannot say. The loader compiles it into :attr:`Lexicon.regexes`; only
  the disclaimers signal reads those (matching within a paragraph), every other
  lexicon's matching skips such terms.

Users extend a lexicon with their own file of the same name (``hedges.tsv`` or
``hedges.mine.tsv``) in a directory listed in ``FRAMING_LEXICONS`` or passed to
:func:`use`. A user entry with the same term and category replaces the shipped
one; weight ``0`` switches an entry off.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from framing.errors import LexiconError
from framing.tokens import normalise, token_positions, tokenize_term

REQUIRED_COLUMNS = ("term", "category", "weight", "note")
_user_paths: list[Path] = []
_cache: dict[str, Lexicon] = {}
_derived_caches: list[Callable[[], None]] = []
_T = TypeVar("_T")


def from_lexicons(build: Callable[[], _T]) -> Callable[[], _T]:
    """Cache a table a signal builds from lexicons until the lexicons change (:func:`use`, :func:`reset`).

    A plain ``lru_cache`` would keep the table built before a user file was added,
    so the file would only take effect in a new process.
    """
    cached = functools.lru_cache(maxsize=1)(build)
    _derived_caches.append(cached.cache_clear)
    return cached


def _lexicons_changed() -> None:
    _cache.clear()
    for clear in _derived_caches:
        clear()


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One line of a lexicon file."""

    term: str
    category: str
    weight: float
    note: str
    fields: tuple[tuple[str, str], ...]
    origin: str  # "file:line", so evidence can be traced to its rule

    def get(self, column: str, default: str = "") -> str:
        for key, value in self.fields:
            if key == column:
                return value
        return default

    @property
    def is_regex(self) -> bool:
        return self.term.startswith("re:")


class Match(NamedTuple):
    """A phrase match: tokens ``[token_start, token_end)`` of a Document, and the entry."""

    token_start: int
    token_end: int
    entry: LexiconEntry


#: First normalised token -> the phrases it starts, ``(tokens, case_sensitive, entry)``, longest first.
PhraseIndex = dict[str, list[tuple[tuple[str, ...], bool, "LexiconEntry"]]]


def phrase_index(entries: Iterable[LexiconEntry]) -> PhraseIndex:
    """How phrase terms are looked up: by their first token, longest first.

    A term with a capital letter keeps its tokens as written (it matches that
    casing only); any other term is kept normalised.
    """
    index: PhraseIndex = {}
    for e in entries:
        toks = tokenize_term(e.term)
        case_sensitive = any(ch.isupper() for ch in e.term)
        norm = toks if case_sensitive else tuple(normalise(t) for t in toks)
        index.setdefault(normalise(toks[0]), []).append((norm, case_sensitive, e))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return index


def phrase_matches(
    toks: tuple[str, ...],
    case_sensitive: bool,
    i: int,
    norms: Sequence[str],
    text: str | None,
    starts: Sequence[int] | None,
    ends: Sequence[int] | None,
) -> bool:
    """Whether the phrase ``toks`` of a :func:`phrase_index` matches the tokens from ``i``.

    The caller has found ``i`` under the phrase's first token and checked that
    the phrase fits. A case-sensitive phrase is compared with the text as
    written (curly apostrophes straightened), so it needs ``text``, ``starts``
    and ``ends``; any other with the normalised tokens.
    """
    n = len(toks)
    if not case_sensitive:
        return n == 1 or tuple(norms[i : i + n]) == toks
    if text is None or starts is None or ends is None:
        return False
    if n == 1:
        return text[starts[i] : ends[i]].replace("’", "'") == toks[0]
    return all(text[starts[i + k] : ends[i + k]].replace("’", "'") == toks[k] for k in range(n))


class Lexicon:
    """A loaded lexicon with a token-sequence index and compiled regular expressions."""

    def __init__(self, name: str, entries: Sequence[LexiconEntry], columns: Sequence[str], files: Sequence[Path]):
        self.name = name
        self.entries = tuple(e for e in entries if e.weight != 0)
        self.columns = tuple(columns)
        self.files = tuple(files)
        self._index = phrase_index(e for e in self.entries if not e.is_regex)
        self.regexes = tuple((re.compile(e.term[3:]), e) for e in self.entries if e.is_regex)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def phrases(self) -> Mapping[str, Sequence[tuple[tuple[str, ...], bool, LexiconEntry]]]:
        """First normalised token -> the phrases it starts, ``(tokens, case_sensitive, entry)``, longest first.

        Read-only. For a signal that compiles its own matcher over several lexicons
        (one pass over the tokens for all of them) with the same rules as :meth:`matches`.
        """
        return MappingProxyType(self._index)

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r}, {len(self.entries)} entries)"

    def matches(
        self,
        norms: Sequence[str],
        start: int = 0,
        end: int | None = None,
        *,
        text: str | None = None,
        starts: Sequence[int] | None = None,
        ends: Sequence[int] | None = None,
        overlapping: bool = False,
        hits: Sequence[int] | None = None,
    ) -> list[Match]:
        """Phrase matches in tokens ``[start, end)``, longest first, left to right.

        ``norms`` are normalised tokens (``Document.token_norms``). Case-sensitive
        entries also need ``text``, ``starts`` and ``ends`` to see the original
        casing. Without ``overlapping``, a match consumes its tokens. ``hits``
        (sorted positions of every token that starts some term, see
        :meth:`hits`) lets a caller that matches many ranges of the same tokens
        skip the tokens that cannot start a match.
        """
        end = len(norms) if end is None else end
        if hits is None:
            index = self._index
            positions: Sequence[int] = [i for i in range(start, end) if norms[i] in index]
        else:
            low = bisect.bisect_left(hits, start)
            if low == len(hits) or hits[low] >= end:
                return []  # most sentences, for most lexicons
            positions = hits[low : bisect.bisect_left(hits, end, low)]
        return self._match_at(positions, norms, start, end, text, starts, ends, overlapping)

    def _match_at(
        self,
        positions: Sequence[int],
        norms: Sequence[str],
        start: int,
        end: int,
        text: str | None,
        starts: Sequence[int] | None,
        ends: Sequence[int] | None,
        overlapping: bool,
    ) -> list[Match]:
        """Matches starting at ``positions`` (tokens that start some term), within tokens ``[start, end)``."""
        index = self._index
        out: list[Match] = []
        free = start  # tokens before this were consumed by a match
        for i in positions:
            if i < free:
                continue
            for toks, case_sensitive, entry in index[norms[i]]:
                n = len(toks)
                if i + n > end:
                    continue
                if (case_sensitive or n > 1) and not phrase_matches(toks, case_sensitive, i, norms, text, starts, ends):
                    continue
                out.append(Match(i, i + n, entry))
                if not overlapping:
                    free = i + n
                    break
        return out

    def hits(self, doc: Any) -> list[int]:
        """Sorted positions of the tokens of ``doc`` that start some term; computed once per document.

        One pass over the document's tokens instead of one per sentence and
        signal: what :meth:`match_document` looks up before matching a range.
        """
        found = doc.derived.get(self)  # keyed by the lexicon itself: a reloaded lexicon is another key
        if found is None:
            norms = doc.token_norms
            found = doc.derived[self] = token_positions(map(self._index.__contains__, norms), len(norms))
        return found

    def match_document(
        self, doc: Any, token_start: int = 0, token_end: int | None = None, *, overlapping: bool = False
    ) -> list[Match]:
        """:meth:`matches` over a :class:`framing.document.Document`'s tokens.

        Signals call this once per sentence and lexicon, tens of thousands of
        times per thousand articles, so it goes straight to the document's hit
        list and returns at once when the range holds no token that starts a term.
        """
        norms = doc.token_norms
        hits = doc.derived.get(self)
        if hits is None:
            hits = self.hits(doc)
        end = len(norms) if token_end is None else token_end
        low = bisect.bisect_left(hits, token_start)
        if low == len(hits) or hits[low] >= end:
            return []
        positions = hits[low : bisect.bisect_left(hits, end, low)]
        return self._match_at(positions, norms, token_start, end, doc.text, doc.token_starts, doc.token_ends, overlapping)

    def by_category(self) -> dict[str, list[LexiconEntry]]:
        out: dict[str, list[LexiconEntry]] = {}
        for e in self.entries:
            out.setdefault(e.category, []).append(e)
        return out


# ---------------------------------------------------------------- finding files
def builtin_dir() -> Path:
    """Where the shipped lexicons are: inside the wheel, or ``lexicons/`` of a source checkout."""
    packaged = resources.files("framing") / "_lexicons"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "lexicons"


def user_dirs() -> list[Path]:
    env = os.environ.get("FRAMING_LEXICONS", "")
    return [Path(p) for p in env.split(os.pathsep) if p] + list(_user_paths)


def use(*paths: str | Path) -> None:
    """Add user lexicon files or directories (they extend shipped lexicons of the same name)."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise LexiconError("no such lexicon file or directory", path=path)
        shipped = set(names())
        for f in [path] if path.is_file() else sorted(p for p in path.glob("*.tsv") if _lexicon_stem(p) in shipped):
            _read_user_file(f)  # fail now, with the line, not at first use (every row would fail then)
        _user_paths.append(path)
    _lexicons_changed()


def _read_user_file(path: Path, shipped_columns: list[str] | None = None) -> tuple[list[str], list[LexiconEntry]]:
    """Parse a user lexicon file, checking it has every column of the shipped lexicon it extends.

    ``shipped_columns`` are that lexicon's columns when the caller has already read it (else read here).
    """
    columns, entries = read_lexicon_file(path)
    shipped = builtin_dir() / f"{_lexicon_stem(path)}.tsv"
    if shipped_columns is None:
        if not shipped.exists():
            return columns, entries
        shipped_columns = read_lexicon_file(shipped)[0]
    missing = [c for c in shipped_columns if c not in columns]
    if missing:
        raise LexiconError(f"user lexicon lacks columns {', '.join(missing)} of {shipped.name}", path=path)
    return columns, entries


def reset() -> None:
    """Forget user lexicons added with :func:`use` (``FRAMING_LEXICONS`` still applies)."""
    _user_paths.clear()
    _lexicons_changed()


def names() -> list[str]:
    """Names of the shipped lexicons."""
    return sorted(p.stem for p in builtin_dir().glob("*.tsv"))


def _lexicon_stem(path: Path) -> str:
    return path.name.split(".", 1)[0]


def _user_files(name: str) -> list[Path]:
    out = []
    for d in user_dirs():
        if d.is_file():
            if _lexicon_stem(d) == name:
                out.append(d)
        elif d.is_dir():
            out.extend(sorted(p for p in d.glob("*.tsv") if _lexicon_stem(p) == name))
    return out


# ---------------------------------------------------------------- reading
def read_lexicon_file(path: Path) -> tuple[list[str], list[LexiconEntry]]:
    """Parse one lexicon file as data. Raises :class:`LexiconError` naming the line."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise LexiconError(f"not UTF-8 ({e.reason})", path=path) from None
    columns: list[str] | None = None
    entries: list[LexiconEntry] = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if columns is None:
            columns = [c.strip() for c in cells]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise LexiconError(
                    f"header must name the columns {', '.join(REQUIRED_COLUMNS)} (tab-separated); missing {', '.join(missing)}",
                    path=path,
                    line=n,
                )
            continue
        if len(cells) != len(columns):
            raise LexiconError(f"{len(cells)} tab-separated cells, header has {len(columns)}", path=path, line=n)
        row = dict(zip(columns, cells, strict=True))
        try:
            weight = float(row["weight"]) if row["weight"].strip() else 1.0
        except ValueError:
            raise LexiconError(f"weight {row['weight']!r} is not a number", path=path, line=n) from None
        term = row["term"]
        if not term.strip():
            raise LexiconError("empty term", path=path, line=n)
        if not row["category"].strip():
            raise LexiconError("empty category", path=path, line=n)
        if term.startswith("re:"):
            try:
                rx = re.compile(term[3:])
            except re.error as e:
                raise LexiconError(f"bad regular expression: {e}", path=path, line=n) from None
            if rx.fullmatch(""):
                raise LexiconError("regular expression matches the empty string", path=path, line=n)
        elif not tokenize_term(term):
            raise LexiconError(f"term {term!r} has no tokens and can never match", path=path, line=n)
        extra = tuple((c, row[c]) for c in columns if c not in REQUIRED_COLUMNS)
        entries.append(LexiconEntry(term, row["category"].strip(), weight, row["note"].strip(), extra, f"{path.name}:{n}"))
    if columns is None:
        raise LexiconError("no header row", path=path)
    return columns, entries


def problems(path: Path) -> list[str]:
    """Lint a lexicon file: what would make entries wrong or unmatchable. Empty when clean."""
    try:
        _columns, entries = read_lexicon_file(path)
    except LexiconError as e:
        return [str(e)]
    out = []
    seen: dict[tuple[str, str], str] = {}
    for e in entries:
        where = e.origin
        key = (e.term if any(c.isupper() for c in e.term) else e.term.lower(), e.category)
        if key in seen:
            out.append(f"{where}: duplicate of {seen[key]} ({e.term!r}, {e.category})")
        seen.setdefault(key, where)
        if e.term != e.term.strip() or "  " in e.term:
            out.append(f"{where}: term {e.term!r} has stray spaces")
        if "’" in e.term:
            out.append(f"{where}: term {e.term!r} has a curly apostrophe; write ' (texts are normalised)")
        if not e.note:
            out.append(f"{where}: no note (say where the entry comes from or why)")
        if not e.is_regex:
            toks = tokenize_term(e.term)
            if "".join(toks) != "".join(e.term.split()):
                out.append(f"{where}: term {e.term!r} has characters the tokenizer drops; it can never match whole")
        elif nested := nested_repeat(e.term[3:]):
            out.append(
                f"{where}: regular expression repeats a repeat ({nested!r}); on some texts it backtracks for "
                "minutes: bound the inner repeat ({1,20}) or make the repetitions unambiguous"
            )
    return out


_UNBOUNDED = re.compile(r"[+*]|\{\d*,\}")


def nested_repeat(pattern: str) -> str | None:
    r"""The first unboundedly repeated group that itself holds an unbounded repeat, like ``(a+)+``, or None.

    Such nesting is the usual cause of catastrophic backtracking. A heuristic
    (it also flags some safe patterns, e.g. ``(?:\s+\w+)*``), used by the lint.
    """
    holds = [False]  # per open group: does it hold an unbounded repeat?
    opened: list[int] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class: skip to its closing bracket
            i += 2 if pattern.startswith(("[^]", "[]"), i) else 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            holds.append(False)
            opened.append(i)
        elif c == ")" and opened:
            inner, start = holds.pop(), opened.pop()
            repeat = _UNBOUNDED.match(pattern, i + 1)
            if inner and repeat:
                return pattern[start : repeat.end()]
            holds[-1] = holds[-1] or inner or bool(repeat)
        elif _UNBOUNDED.match(pattern, i):
            holds[-1] = True
        i += 1
    return None


def load_lexicon(name: str) -> Lexicon:
    """The shipped lexicon ``name`` extended by user files, loaded once and cached."""
    lex = _cache.get(name)
    if lex is not None:
        return lex
    path = builtin_dir() / f"{name}.tsv"
    if not path.exists():
        raise LexiconError(f"no lexicon named {name!r}; shipped lexicons are {', '.join(names())}", path=path)
    columns, entries = read_lexicon_file(path)
    files = [path]
    for extra_path in _user_files(name):
        extra_entries = _read_user_file(extra_path, columns)[1]
        replaced = {(e.term, e.category) for e in extra_entries}
        entries = [e for e in entries if (e.term, e.category) not in replaced] + extra_entries
        files.append(extra_path)
    lex = Lexicon(name, entries, columns, files)
    _cache[name] = lex
    return lex


def describe() -> list[dict[str, Any]]:
    """One row per shipped lexicon: name, entries, categories, files (for ``framing lexicons``)."""
    out = []
    for name in names():
        lex = load_lexicon(name)
        cats = lex.by_category()
        out.append(
            {
                "name": name,
                "entries": len(lex),
                "categories": {c: len(v) for c, v in sorted(cats.items())},
                "files": [str(f) for f in lex.files],
            }
        )
    return out


@from_lexicons
def abbreviations() -> frozenset[str]:
    """Abbreviations of ``abbreviations.tsv`` (*Sen.*, *Gov.*, *approx.*), lower case without their period: a
    period after one ends no sentence, and a title's period is part of a name."""
    return frozenset(e.term.lower().rstrip(".") for e in load_lexicon("abbreviations").entries)


@from_lexicons
def function_words() -> frozenset[str]:
    """English closed-class words of ``function_words.tsv``, lower case: their share tells English prose, and
    a sentence-initial one is no name."""
    return frozenset(e.term.lower() for e in load_lexicon("function_words").entries)
