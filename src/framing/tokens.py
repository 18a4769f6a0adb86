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

TOKEN_RE = re.compile(
    r"""
    \d(?:[\d.,]*\d)?(?![^\W_])         # a number: 25  1,300  1.5  (not 25th)
  | [^\W_]+(?:['’][^\W_]+)*            # a word, apostrophes inside kept for now (see _split_clitic)
  | _+
  | [^\w\s]                            # any other visible character
    """,
    re.VERBOSE,
)
_CLITIC_RE = re.compile(r"(?:n['’]t|['’](?:s|re|ve|ll|d|m))\Z", re.IGNORECASE)


def _split_clitic(token: str) -> int:
    """Where a word with an apostrophe splits: ``could|n't``, ``Afghanistan|’s``; 0 keeps it whole (``O'Brien``)."""
    m = _CLITIC_RE.search(token)
    return m.start() if m and m.start() > 0 else 0


def tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and normalised forms (see :func:`normalise`) of the whole text, in one pass.

    The regular expression runs once over the lower-cased text, so a token's
    normalised form is the match itself; only the rare words with an inner
    apostrophe get a second look, to split clitics off.
    """
    lowered = text.lower()
    # lower() only ever lengthens, so equal length means a 1:1 mapping; Greek
    # capital sigma lower-cases by context (σ/ς), so such texts go token by token.
    aligned = len(lowered) == len(text) and "Σ" not in text
    source = lowered.replace("’", "'") if aligned else text
    matches = list(TOKEN_RE.finditer(source))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    norms = [m.group() for m in matches] if aligned else [normalise(m.group()) for m in matches]
    if "'" in source or "’" in source:
        for i in reversed([i for i, t in enumerate(norms) if "'" in t or "’" in t]):
            cut = _split_clitic(norms[i])
            if cut:
                a, b, t = starts[i], ends[i], norms[i]
                starts[i : i + 1] = [a, a + cut]
                ends[i : i + 1] = [a + cut, b]
                norms[i : i + 1] = [t[:cut], t[cut:]]
    return starts, ends, norms


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
