"""Is this English prose? A cheap check so non-English or non-news text is reported, not scored as English news.

Three cheap tests, in order:

* **Script.** Most letters of English text are Latin. Chinese, Japanese,
  Russian or Arabic news has few or no Latin letters, and may have too few
  space-separated "words" for the function-word test, so it is caught here.
* **Prose.** In news text at least 70 % of tokens are words (0.71 was the lowest
  of 1,500 AllSides articles); markup, JSON, CSV rows and lists of URLs fall to
  15-45 %. With enough tokens to judge, under :data:`MIN_WORD_TOKEN_SHARE` is not prose.
* **Function words.** English news text has 40-55 % of its words among the most
  frequent English function words (``lexicons/function_words.tsv``); French,
  Spanish, German, lists of names, tables fall far below. The threshold is
  loose on purpose, and looser for short texts: headlines drop articles and
  auxiliaries ("Exports Surge 12% as Tariffs Bite") and must still pass.

A text judged not English keeps its row: the pipeline reports it in the
``language`` field and with a :class:`~framing.errors.NotEnglishNewsWarning`.
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter
from typing import Any

from framing.document import Document
from framing.errors import LexiconError
from framing.lexicons import function_words

#: Below this share of function words (with enough words to judge) a text is not English prose.
MIN_ENGLISH_SHARE = 0.12
#: Texts shorter than :data:`LONG_TEXT_WORDS` (headlines, ledes) need only this share.
MIN_ENGLISH_SHARE_SHORT = 0.05
LONG_TEXT_WORDS = 40
#: Fewer words than this cannot be judged by function words; they are scored as English.
MIN_WORDS_TO_JUDGE = 12
#: With at least this many letters, text whose letters are mostly not Latin is not English.
MIN_LETTERS_FOR_SCRIPT = 10
MIN_LATIN_SHARE = 0.5
#: With at least this many tokens, a text whose tokens are less than this share words is not prose.
MIN_WORD_TOKEN_SHARE = 0.55
MIN_TOKENS_FOR_PROSE = 40
#: Only the opening characters are looked at for the script test, so its cost is bounded.
SCRIPT_SAMPLE_CHARS = 20_000

_LETTER_RE = re.compile(r"[^\W\d_]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
# A letter outside the Latin ranges. Without one the script test cannot fail, and
# finding that out is one C-speed search, not two lists of every letter. The ranges
# \x00-\xa9 (ASCII and Latin-1 symbols) and \u2000-\u206f (quotes, dashes) hold no such
# letter; listing them first lets the search settle those characters with one table
# lookup instead of a Unicode category test (the same matches, see tests/test_language.py).
_NON_LATIN_LETTER_RE = re.compile(r"[^\x00-\xa9\u2000-\u206f\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")

#: Flags of :func:`token_kinds`, one byte per token.
FUNCTION = 2  # an English function word that starts with a letter (``lexicons/function_words.tsv``)
ANCHOR = 4  # an anchor token of a disclaimer phrase cue (see :mod:`framing.signals.disclaimers`)
# For counting a flag with one C-level ``bytes.translate``: every flag byte without it, to delete.
_WITHOUT_FUNCTION = bytes(k for k in range(8) if not k & FUNCTION)
_KINDS = "language.token_kinds"  # key in ``Document.derived``
_flags: tuple[frozenset[str], frozenset[str], dict[str, int]] | None = None  # (vocab, anchors, token -> flags)


def token_kinds(doc: Document) -> bytes:
    """One byte of flags (:data:`FUNCTION`, :data:`ANCHOR`) per token of ``doc``, built once.

    The language test needs the function words and the disclaimer signal the anchor
    tokens of its phrase cues: one C-level map of the tokens through one small dict
    (a few hundred tokens, so it stays in the CPU cache; a dict of every token seen
    was slower on freshly parsed text) serves both; the counts are then
    ``bytes.translate`` calls and the anchors one scan of bytes.
    """
    global _flags
    from framing.signals.disclaimers import anchor_tokens

    vocab = function_words()
    try:
        anchors = anchor_tokens()
    except LexiconError:  # a broken user lexicon fails the disclaimer signal, not the language test
        anchors = frozenset()
    flags = _flags
    if flags is None or flags[0] is not vocab or flags[1] is not anchors:
        table = {w: FUNCTION for w in vocab if w[:1].isalpha()}
        for a in anchors:
            table[a] = table.get(a, 0) | ANCHOR
        flags = _flags = (vocab, anchors, table)
    found = doc.derived.get(_KINDS)
    if found is None or found[0] is not flags[2]:
        found = doc.derived[_KINDS] = (flags[2], bytes(map(flags[2].get, doc.token_norms, repeat(0))))
    return found[1]  # type: ignore[no-any-return]


#: Why a text was judged not English prose (the ``reason`` field; None for English).
REASON_SCRIPT = "mostly non-Latin letters"
REASON_NOT_PROSE = "mostly not words (markup, code, data or numbers)"
REASON_FUNCTION_WORDS = "few English function words"
REASON_NO_WORDS = "no words"


def detect_language(doc: Document) -> dict[str, Any]:
    """Is ``doc`` English prose? ``code`` (``"en"`` or None), ``english_share`` (0-1, share of its words
    that are English function words), ``is_english``, and ``reason`` (None, or why it is not English prose).
    """
    # Every article passes here: C-level maps over the tokens (never empty), then a count of flag bytes.
    norms = doc.token_norms
    n_words = sum(map(str.isalpha, map(itemgetter(0), norms)))
    if not n_words:
        empty = len(norms) == 0
        return {"code": None, "english_share": 0.0, "is_english": empty, "reason": None if empty else REASON_NO_WORDS}
    share = len(token_kinds(doc).translate(None, _WITHOUT_FUNCTION)) / n_words
    text = doc.text
    letters = 0
    if not text.isascii() and _NON_LATIN_LETTER_RE.search(text, 0, SCRIPT_SAMPLE_CHARS):
        letters = len(_LETTER_RE.findall(text, 0, SCRIPT_SAMPLE_CHARS))
    reason = None
    if (
        letters >= MIN_LETTERS_FOR_SCRIPT
        and len(_LATIN_LETTER_RE.findall(text, 0, SCRIPT_SAMPLE_CHARS)) < MIN_LATIN_SHARE * letters
    ):
        reason = REASON_SCRIPT
    elif len(norms) >= MIN_TOKENS_FOR_PROSE and n_words < MIN_WORD_TOKEN_SHARE * len(norms):
        reason = REASON_NOT_PROSE
    elif n_words >= MIN_WORDS_TO_JUDGE:
        needed = MIN_ENGLISH_SHARE if n_words >= LONG_TEXT_WORDS else MIN_ENGLISH_SHARE_SHORT
        if share < needed:
            reason = REASON_FUNCTION_WORDS
    is_english = reason is None
    return {"code": "en" if is_english else None, "english_share": round(share, 4), "is_english": is_english, "reason": reason}
