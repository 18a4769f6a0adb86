"""The one tokenizer: every token is a half-open character range into the text.

Lexicon terms are tokenized with the same function, so a term matches exactly
when its tokens appear in the text. Rules (PTB-like, but offsets are kept):

* numbers keep their separators: ``1,300`` ``1.5`` (``$`` and ``%`` are tokens of their own);
* hyphens split words: ``full-blown`` is ``full`` ``-`` ``blown``;
* clitics split off: ``Afghanistan’s`` is ``Afghanistan`` ``’s``; ``couldn't`` is ``could`` ``n't``;
* every other non-space, non-word character is a token of one character.

The pattern has no nested quantifiers over the same characters, so it runs in
linear time on any input (see ``tests/test_adversarial.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, compress
from operator import sub

_TOKEN_PATTERN = r"""
    \d(?:[\d.,]*\d)?(?![^\W_])         # a number: 25  1,300  1.5  (not 25th)
  | [^\W_]+(?:['’][^\W_]+)*            # a word, apostrophes inside kept for now (see _split_clitic)
  | _+
  | [^\w\s]                            # any other visible character
"""
# The white space before each token, then the token, as one string. Every
# visible character belongs to some token, so these pieces tile the text up to
# its trailing space: a token ends at the running sum of their lengths.
_SPACE_AND_TOKEN_RE = re.compile(r"\s*+(?:" + _TOKEN_PATTERN + ")", re.VERBOSE)
_CLITIC_RE = re.compile(r"(?:n['’]t|['’](?:s|re|ve|ll|d|m))\Z", re.IGNORECASE)


def _split_clitic(token: str) -> int:
    """Where a word with an apostrophe splits: ``could|n't``, ``Afghanistan|’s``; 0 keeps it whole (``O'Brien``)."""
    m = _CLITIC_RE.search(token)
    return m.start() if m and m.start() > 0 else 0


def tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and normalised forms (see :func:`normalise`) of the whole text, in one pass.

    The regular expression runs once over the lower-cased text with ``findall``
    (no match object, no group tuple per token): each piece is a token with the
    white space before it, so the token is the piece stripped, its end the running
    sum of piece lengths and its start that end less its length, all at C speed.
    Only the words holding an apostrophe get a second look, to split clitics off.
    """
    lowered = text.lower()
    # lower() only ever lengthens, so equal length means a 1:1 mapping; Greek
    # capital sigma lower-cases by context (σ/ς), so such texts go token by token.
    aligned = len(lowered) == len(text) and "Σ" not in text
    source = lowered.replace("’", "'") if aligned else text
    # Trailing white space is the one place a (space, token) pair cannot match;
    # leaving it out keeps findall from retrying the run at every position (quadratic).
    pieces = _SPACE_AND_TOKEN_RE.findall(source, 0, len(source.rstrip()))
    ends = list(accumulate(map(len, pieces)))
    norms = list(map(str.lstrip, pieces))  # str.isspace is the regex's \s: exactly the white space taken
    starts = list(map(sub, ends, map(len, norms)))
    if not aligned:
        norms = list(map(normalise, norms))
    if "'" in source or "’" in source:
        _split_clitics(source, starts, ends, norms)
    return starts, ends, norms


def _split_clitics(source: str, starts: list[int], ends: list[int], norms: list[str]) -> None:
    """Split ``could|n't`` and ``Afghanistan|'s`` in place (the lists are :func:`tokenize`'s own).

    The tokens to look at are found from the apostrophes of ``source`` (``str.find``, then a
    bisection: every visible character lies in a token), not by testing every token. Each split
    is a slice assignment from the back, a memory move of the tail, so the lists are not rebuilt.
    """
    holding: set[int] = set()
    for mark in "'’":
        p = source.find(mark)
        while p >= 0:
            holding.add(bisect_right(starts, p) - 1)
            p = source.find(mark, p + 1)
    for i in sorted(holding, reverse=True):
        t = norms[i]
        cut = _split_clitic(t)
        if cut:
            a = starts[i]
            starts[i : i + 1] = (a, a + cut)
            ends[i : i + 1] = (a + cut, ends[i])
            norms[i : i + 1] = (t[:cut], t[cut:])


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every token in ``text``."""
    starts, ends, _norms = tokenize(text)
    return list(zip(starts, ends, strict=True))


def normalise(token: str) -> str:
    """The form lexicons match on: lower case, curly apostrophes made straight."""
    return token.lower().replace("’", "'")


def tokenize_term(term: str) -> tuple[str, ...]:
    """Tokens of a lexicon term, as :func:`normalise` would give them in a text."""
    return tuple(term[s:e] for s, e in token_spans(term))


# 0, 1, 2, ...: positions picked by compress from a list instead of a range, which makes (and frees) an int
# object per token past 256.
_INDEXES: list[int] = list(range(4096))


def token_positions(selected: Iterable[object], n: int) -> list[int]:
    """Positions of the true items of ``selected``, one item per token of a document of ``n`` tokens.

    ``compress`` picks them from one shared list of indexes, so no int is made per token as a ``range``
    would: the screens over every token of hedging (-2.3 % of its instructions), sourcing (-1.7 %),
    style and the lexicons' hit lists.
    """
    if n > len(_INDEXES):
        _INDEXES.extend(range(len(_INDEXES), 2 * n))
    return list(compress(_INDEXES, selected))  # compress stops with the shorter input
