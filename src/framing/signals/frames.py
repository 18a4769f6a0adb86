"""Issue frames: which Policy Frames Codebook frames an article's word choice invokes.

Cues come from ``lexicons/frames.tsv``, one PFC frame per entry (Boydstun et
al. 2014). The result counts cues per frame; each frame's ``score`` is
the sum of its cues' lexicon weights (event words such as "shooting" or
"victims" weigh 0.25: they name what happened more than how it is framed);
``shares`` are scores over the total score, and the ``dominant`` frame has the
highest score (ties go to the frame listed first in :data:`FRAMES`). A keyword count is a coarse reading of framing: it shows what
an article talks about in which terms, not the argument it makes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framing.document import Document, Sentence
from framing.evidence import Evidence
from framing.lexicons import load_lexicon
from framing.signals.loaded_language import match_sentences

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
        "scores": dict.fromkeys(FRAMES, 0.0),
        "shares": dict.fromkeys(FRAMES, 0.0),
        "evidence": [],
    }


def find_cues(doc: Document, sentences: Sequence[Sentence]) -> list[Evidence]:
    """Frame cues in ``sentences`` in text order; ``category`` is the frame, ``weight`` its lexicon weight."""
    lex = load_lexicon(LEXICON)
    text = doc.text
    starts, ends = doc.token_starts, doc.token_ends
    out = []
    for m in match_sentences(lex, doc, sentences):
        a, b, e = starts[m.token_start], ends[m.token_end - 1], m.entry
        # Built directly rather than through Evidence.from_span: an article has ~80 frame cues, and this is
        # the same value at half the cost (one extra field, already in order).
        out.append(Evidence(a, b, text[a:b], e.category, e.term, (("weight", e.weight),)))
    return out


def dominant(scores: dict[str, float]) -> str | None:
    """The frame with the highest score (ties: codebook order), or None without cues."""
    best = max(scores.values(), default=0)
    if not best:
        return None
    order = {f: i for i, f in enumerate(FRAMES)}
    return min((f for f, n in scores.items() if n == best), key=lambda f: order.get(f, len(order)))


def frame_scores(cues: Sequence[Evidence]) -> dict[str, float]:
    """Sum of cue weights per frame, every frame of :data:`FRAMES` present."""
    scores = dict.fromkeys(FRAMES, 0.0)
    for c in cues:
        scores[c.category] = scores.get(c.category, 0.0) + _weight(c)
    return scores


def _weight(c: Evidence) -> float:
    for key, value in c.extra:
        if key == "weight":
            return value
    return 1.0


def summarise(cues: Sequence[Evidence]) -> dict[str, Any]:
    """Per-frame counts, scores and shares (shares sum to 1 when there are cues) and the dominant frame."""
    counts = dict.fromkeys(FRAMES, 0)
    for c in cues:
        counts[c.category] = counts.get(c.category, 0) + 1  # a user lexicon may add frames
    scores = frame_scores(cues)
    total = sum(scores.values())
    return {
        "dominant": dominant(scores),
        "cue_count": len(cues),
        "counts": counts,
        "scores": {f: round(v, 2) for f, v in scores.items()},
        "shares": {f: round(v / total, 4) if total else 0.0 for f, v in scores.items()},
        "evidence": [c.to_dict() for c in cues],
    }
