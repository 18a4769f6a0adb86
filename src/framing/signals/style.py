"""Signals beyond the core four: readability, loaded language, frames and the headline.

One entry in :data:`framing.score.SIGNALS` runs all four, because they share
one decision -- which span is the headline -- and one pass of lexicon matching:
the headline's loaded cues count in ``loaded_language`` and are compared with
the body's in ``headline``; readability is measured on the body without it.
Each part lives in its own module (``readability``, ``loaded_language``,
``frames``, ``headline``) as plain functions.
"""

from __future__ import annotations

from typing import Any

from framing.document import Document
from framing.signals import frames, headline, loaded_language, readability


def empty() -> dict[str, Any]:
    return {
        "readability": readability.empty(),
        "loaded_language": loaded_language.empty(),
        "frames": frames.empty(),
        "headline": headline.empty(),
    }


def measure(doc: Document, options: Any) -> dict[str, Any]:
    """Readability, loaded language, frames and headline of one parsed article."""
    span, source = headline.locate(doc)
    sentences = doc.body_sentences()
    if span is not None:
        in_headline = [span.start <= s.start and s.end <= span.end for s in sentences]
        body = [s for s, h in zip(sentences, in_headline, strict=True) if not h]
        head = [s for s, h in zip(sentences, in_headline, strict=True) if h]
    else:
        body, head = sentences, []
    reading = readability.measure(doc, body)
    loaded_cues = loaded_language.find_cues(doc, sentences, span)
    head_words = readability.measure(doc, head)["words"] if head else 0
    frame_rows = frames.find_rows(doc, sentences)
    if span is not None:
        head_frame_rows = [r for r in frame_rows if span.start <= r[0] and r[1] <= span.end]
        body_frame = frames.dominant(frames.row_scores([r for r in frame_rows if r[0] >= span.end or r[1] <= span.start]))
    else:
        head_frame_rows = []
        body_frame = None  # filled below from the whole article's scores
    frame_result = frames.summarise_rows(frame_rows, doc.text)
    if span is None:
        body_frame = frame_result["dominant"]
    return {
        "readability": reading,
        "loaded_language": loaded_language.summarise(loaded_cues, reading["words"] + head_words),
        "frames": frame_result,
        "headline": headline.measure(doc, span, source, loaded_cues, reading["words"], body_frame, head_frame_rows),
    }
