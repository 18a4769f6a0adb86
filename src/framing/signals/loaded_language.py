"""Loaded language: emotive, sensational and partisan word choice, each cue with its span.

Cues come from ``lexicons/loaded_language.tsv`` (categories ``sensational``,
``emotive``, ``partisan_label``, ``doubt_verb``, ``intensifier``). A cue inside
a direct quote is the speaker's word, not the outlet's, so it is flagged
``in_quote`` and counted apart (``own_voice_count``); the headline's cues count
too and are flagged ``in_headline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framing.document import Document, Sentence
from framing.evidence import Evidence, Span
from framing.lexicons import Lexicon, Match, load_lexicon

LEXICON = "loaded_language"


def empty() -> dict[str, Any]:
    return {
        "count": 0,
        "weighted_count": 0.0,
        "own_voice_count": 0,
        "quoted_count": 0,
        "headline_count": 0,
        "words": 0,
        "rate_per_1k_words": 0.0,
        "own_voice_rate_per_1k_words": 0.0,
        "by_category": {},
        "evidence": [],
    }


def match_sentences(lex: Lexicon, doc: Document, sentences: Sequence[Sentence]) -> list[Match]:
    """Matches of ``lex`` in ``sentences``, none crossing a sentence boundary.

    Consecutive sentences are matched as one token run (one call instead of one
    per sentence: half the cost); the rare phrase match that would straddle two
    sentences is dropped, so the result equals matching sentence by sentence.
    """
    out: list[Match] = []
    i = 0
    while i < len(sentences):
        j = i
        while j + 1 < len(sentences) and sentences[j + 1].token_start == sentences[j].token_end:
            j += 1
        found = lex.match_document(doc, sentences[i].token_start, sentences[j].token_end)
        if j > i:
            ends = {s.token_end for s in sentences[i:j]}
            found = [m for m in found if m.token_end - m.token_start == 1 or not _crosses(m, ends)]
        out += found
        i = j + 1
    return out


def _crosses(m: Match, sentence_ends: set[int]) -> bool:
    return any(b in sentence_ends for b in range(m.token_start + 1, m.token_end))


def find_cues(doc: Document, sentences: Sequence[Sentence], headline: Span | None = None) -> list[Evidence]:
    """Every loaded-language cue in ``sentences``, in text order, as evidence.

    ``extra`` fields: ``weight`` (1 loaded in almost every use, 0.5 also has a
    neutral sense), ``in_quote`` and ``in_headline``.
    """
    lex = load_lexicon(LEXICON)
    text = doc.text
    starts, ends = doc.token_starts, doc.token_ends
    out: list[Evidence] = []
    for m in match_sentences(lex, doc, sentences):
        a, b = starts[m.token_start], ends[m.token_end - 1]
        out.append(
            Evidence.from_span(
                text,
                a,
                b,
                m.entry.category,
                m.entry.term,
                weight=m.entry.weight,
                in_quote=doc.in_quote(a, b) is not None,
                in_headline=headline is not None and headline.start <= a and b <= headline.end,
            )
        )
    return out


def summarise(cues: Sequence[Evidence], words: int) -> dict[str, Any]:
    """Counts and rates of ``cues`` over ``words`` words (rates are per 1,000 words, 0 with no words)."""
    out = empty()
    extras = [dict(c.extra) for c in cues]  # once per cue, not once per count below
    quoted = sum(1 for x in extras if x["in_quote"])
    by_category: dict[str, int] = {}
    for c in cues:
        by_category[c.category] = by_category.get(c.category, 0) + 1
    out.update(
        count=len(cues),
        weighted_count=round(float(sum(x["weight"] for x in extras)), 2),
        own_voice_count=len(cues) - quoted,
        quoted_count=quoted,
        headline_count=sum(1 for x in extras if x["in_headline"]),
        words=words,
        rate_per_1k_words=round(1000 * len(cues) / words, 2) if words else 0.0,
        own_voice_rate_per_1k_words=round(1000 * (len(cues) - quoted) / words, 2) if words else 0.0,
        by_category=dict(sorted(by_category.items())),
        evidence=[c.to_dict() for c in cues],
    )
    return out
