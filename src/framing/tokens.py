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
  | [^\W\d_]+(?=n['’]t(?![^\W_]))      # could|n't
  | n['’]t(?![^\W_])
  | ['’](?:s|re|ve|ll|d|m)(?![^\W_])   # 's 're 've 'll 'd 'm
  | [^\W_]+                            # a word (letters and digits)
  | _+
  | [^\w\s]                            # any other visible character
    """,
    re.VERBOSE | re.IGNORECASE,
)


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every token in ``text[start:end]``, as offsets into ``text``."""
    if end is None:
        end = len(text)
    return [m.span() for m in TOKEN_RE.finditer(text, start, end)]


def normalise(token: str) -> str:
    """The form lexicons match on: lower case, curly apostrophes made straight."""
    return token.lower().replace("’", "'")


def tokenize_term(term: str) -> tuple[str, ...]:
    """Tokens of a lexicon term, as :func:`normalise` would give them in a text."""
    return tuple(term[s:e] for s, e in token_spans(term))
