"""Issue frames: which Policy Frames Codebook frames an article's word choice invokes.

Cues come from ``lexicons/frames.tsv``, one PFC frame per entry (Boydstun et
al. 2014). The result counts cues per frame, each frame's share of all cues,
and the ``dominant`` frame (most cues; ties go to the frame listed first in
:data:`FRAMES`). A keyword count is a coarse reading of framing: it shows what
an article talks about in which terms, not the argument it makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framing.document import Document, Sentence
from framing.evidence import Evidence
from framing.lexicons import load_lexicon

LEXICON = "frames"

#: The Policy Frames Codebook frames, in codebook order (the 15th, "other", has no cues).
FRAMES = (
    "economic",
    "capacity_resources",
    "morality",
    "fairness_equality",
    "legality_constitutionality",
    "policy_prescription",
    "crime_punishment",
    "security_defense",
    "health_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_reputation",
)


def empty() -> dict[str, Any]:
    return {
        "dominant": None,
        "cue_count": 0,
        "counts": dict.fromkeys(FRAMES, 0),
        "shares": dict.fromkeys(FRAMES, 0.0),
        "evidence": [],
    }


def find_cues(doc: Document, sentences: Sequence[Sentence]) -> list[Evidence]:
    """Frame cues in ``sentences`` in text order; ``category`` is the frame."""
    lex = load_lexicon(LEXICON)
    text = doc.text
    starts, ends = doc.token_starts, doc.token_ends
    out = []
    for s in sentences:
        for m in lex.match_document(doc, s.token_start, s.token_end):
            out.append(
                Evidence.from_span(text, starts[m.token_start], ends[m.token_end - 1], m.entry.category, m.entry.term)
            )
    return out


def dominant(counts: dict[str, int]) -> str | None:
    """The frame with most cues (ties: codebook order), or None without cues."""
    best = max(counts.values(), default=0)
    if not best:
        return None
    order = {f: i for i, f in enumerate(FRAMES)}
    return min((f for f, n in counts.items() if n == best), key=lambda f: order.get(f, len(order)))


def summarise(cues: Sequence[Evidence]) -> dict[str, Any]:
    """Per-frame counts and shares (shares sum to 1 when there are cues) and the dominant frame."""
    counts = dict.fromkeys(FRAMES, 0)
    for c in cues:
        counts[c.category] = counts.get(c.category, 0) + 1  # a user lexicon may add frames
    total = len(cues)
    return {
        "dominant": dominant(counts),
        "cue_count": total,
        "counts": counts,
        "shares": {f: round(n / total, 4) if total else 0.0 for f, n in counts.items()},
        "evidence": [c.to_dict() for c in cues],
    }
