"""Is this English prose? A cheap check so non-English or non-news text is reported, not scored as English news.

English news text has 40-55 % of its words among the most frequent English
function words (``lexicons/function_words.tsv``); other languages, code, lists
of numbers and tables fall far below. The threshold is loose on purpose: a
short English headline must still pass.
"""

from __future__ import annotations

from typing import Any

from framing.document import Document
from framing.lexicons import load_lexicon

#: Below this share of function words (with enough words to judge) a text is not English prose.
MIN_ENGLISH_SHARE = 0.12
#: Fewer words than this cannot be judged; they are scored as English.
MIN_WORDS_TO_JUDGE = 12

_words: frozenset[str] | None = None


def _function_words() -> frozenset[str]:
    global _words
    if _words is None:
        _words = frozenset(e.term for e in load_lexicon("function_words").entries)
    return _words


def detect_language(doc: Document) -> dict[str, Any]:
    """``{"code": "en" | None, "english_share": float, "is_english": bool}`` for a parsed document."""
    vocab = _function_words()
    words = [t for t in doc.token_norms if t[:1].isalpha()]
    if not words:
        return {"code": None, "english_share": 0.0, "is_english": len(doc.token_norms) == 0}
    share = sum(1 for w in words if w in vocab) / len(words)
    is_english = len(words) < MIN_WORDS_TO_JUDGE or share >= MIN_ENGLISH_SHARE
    return {"code": "en" if is_english else None, "english_share": round(share, 4), "is_english": is_english}
