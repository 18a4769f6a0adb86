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
from framing.signals.loaded_language import Info, Row, match_rows

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


def find_rows(doc: Document, sentences: Sequence[Sentence]) -> list[Row]:
    """Frame cues in ``sentences`` in text order, as :data:`Row` tuples ``(start, end, frame, entry, weight)``.

    An article has ~80 of them, so they stay plain tuples until output (no :class:`Evidence` built and
    converted back per cue).
    """
    return match_rows(
        load_lexicon(LEXICON), doc, [s.token_start for s in sentences], [s.token_end for s in sentences]
    )


def find_cues(doc: Document, sentences: Sequence[Sentence]) -> list[Evidence]:
    """Frame cues in ``sentences`` in text order; ``category`` is the frame, ``weight`` its lexicon weight."""
    text = doc.text
    return [Evidence(a, b, text[a:b], frame, term, (("weight", w),)) for a, b, frame, term, w in find_rows(doc, sentences)]


_ORDER = {f: i for i, f in enumerate(FRAMES)}


def dominant(scores: dict[str, float]) -> str | None:
    """The frame with the highest score (ties: codebook order), or None without cues."""
    best = max(scores.values(), default=0)
    if not best:
        return None
    order = _ORDER
    return min((f for f, n in scores.items() if n == best), key=lambda f: order.get(f, len(order)))


def row_scores(rows: Sequence[Row]) -> dict[str, float]:
    """Sum of cue weights per frame, in cue order, every frame of :data:`FRAMES` present."""
    return info_scores([r[2:] for r in rows])


def info_scores(infos: Sequence[Info]) -> dict[str, float]:
    """:func:`row_scores` of cues given by their ``(frame, entry, weight)``."""
    scores = dict.fromkeys(FRAMES, 0.0)
    for frame, _term, w in infos:
        scores[frame] = scores.get(frame, 0.0) + w
    return scores


def _rows(cues: Sequence[Evidence]) -> list[Row]:
    return [(c.start, c.end, c.category, c.entry, _weight(c)) for c in cues]


def _weight(c: Evidence) -> float:
    for key, value in c.extra:
        if key == "weight":
            return value
    return 1.0


def summarise(cues: Sequence[Evidence]) -> dict[str, Any]:
    """Per-frame counts, scores and shares (shares sum to 1 when there are cues) and the dominant frame."""
    out = summarise_rows(_rows(cues), "")
    out["evidence"] = [c.to_dict() for c in cues]
    return out


def summarise_rows(rows: Sequence[Row], text: str) -> dict[str, Any]:
    """:func:`summarise` of cues given as :data:`Row` tuples found in ``text`` (the article text)."""
    return summarise_columns([r[0] for r in rows], [r[1] for r in rows], [r[2:] for r in rows], text)


def summarise_columns(starts: list[int], ends: list[int], infos: list[Info], text: str) -> dict[str, Any]:
    """:func:`summarise_rows` of cues given as columns (:func:`framing.signals.loaded_language.match_columns`)."""
    if not infos:
        return empty()
    counts = dict.fromkeys(FRAMES, 0)
    scores = dict.fromkeys(FRAMES, 0.0)
    for frame, _term, w in infos:  # in cue order, as row_scores adds them
        try:
            counts[frame] += 1
        except KeyError:  # a user lexicon may add frames: after the codebook's, in order of first cue
            counts[frame] = 1
            scores[frame] = 0.0
        scores[frame] += w
    total = sum(scores.values())
    return {
        "dominant": dominant(scores),
        "cue_count": len(infos),
        "counts": counts,
        # round() goes through a decimal conversion (~4,000 instructions): skipped where it cannot change
        # the value, for 0 (a frame without cues) and, in scores, multiples of 0.25 (the shipped weights')
        "scores": {
            f: v if not v or (abs(v) < 1e15 and (v * 4).is_integer()) else round(v, 2) for f, v in scores.items()
        },
        "shares": {f: (round(x, 4) if (x := v / total) else x) if total else 0.0 for f, v in scores.items()},
        # Evidence.to_dict() of each cue, built directly (lexicon entries always have a frame and a term)
        "evidence": [
            {"start": a, "end": b, "text": text[a:b], "category": frame, "entry": term, "weight": w}
            for a, b, (frame, term, w) in zip(starts, ends, infos, strict=True)
        ],
    }
