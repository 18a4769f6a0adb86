"""The headline: where it is, its own loaded language and frame, and whether it claims more than the body.

Where the headline comes from, in order:

1. ``title_line``: the loader read the title from the text's first line
   (``Article.regions`` kind ``title``);
2. ``first_line``: for a bare text, a first paragraph that reads like a title
   (one line of 2-30 words, no final ``.,;:``, more paragraphs after it);
3. ``metadata``: ``Article.title`` given apart from the text (a JSON/CSV
   field). It is not inside ``Article.text``, so ``start``/``end`` are null,
   ``in_text`` is false and its cues carry ``title_start``/``title_end``,
   offsets into ``headline.text``, instead of ``start``/``end``.
"""

from __future__ import annotations

import bisect
from typing import Any

from framing.article import title_shaped
from framing.document import Document
from framing.evidence import Evidence, Span
from framing.lexicons import load_lexicon
from framing.signals import frames as frames_signal
from framing.signals import loaded_language
from framing.tokens import tokenize


def empty() -> dict[str, Any]:
    return {
        "text": None,
        "start": None,
        "end": None,
        "source": None,
        "in_text": False,
        "words": 0,
        "loaded_count": 0,
        "loaded_rate_per_1k_words": 0.0,
        "body_loaded_rate_per_1k_words": 0.0,
        "stronger_than_body": False,
        "loaded_cues": [],
        "dominant_frame": None,
        "body_dominant_frame": None,
    }


def locate(doc: Document) -> tuple[Span | None, str | None]:
    """The headline's span inside the text and where it was found, or ``(None, None)``."""
    for kind, start, end in doc.article.regions:
        if kind == "title":
            return Span(start, end), "title_line"
    paras = doc.paragraphs
    if len(paras) < 2 or not doc.sentences:
        return None, None
    first = paras[0]
    line = doc.text[first.start : first.end]
    words = _words_in(doc, first)
    if "\n" in line or not title_shaped(line, words):
        return None, None
    if doc.article.title and doc.article.title.strip() != line:
        return None, None  # the given title is something else: use it (metadata) rather than guess
    return first, "first_line"


def _words_in(doc: Document, span: Span) -> int:
    a, b = doc.token_at(span.start), doc.token_at(span.end)
    b = bisect.bisect_left(doc.token_starts, span.end, a, max(a, b))  # tokens that start inside the span
    return sum(doc.word_mask[a:b])


def _title_matches(
    title: str, tokens: tuple[list[int], list[int], list[str]], lexicon: str
) -> list[tuple[int, int, str, str, float]]:
    starts, ends, norms = tokens
    return [
        (starts[m.token_start], ends[m.token_end - 1], m.entry.category, m.entry.term, m.entry.weight)
        for m in load_lexicon(lexicon).matches(norms, text=title, starts=starts, ends=ends)
    ]


def measure(
    doc: Document,
    span: Span | None,
    source: str | None,
    cues: list[Evidence],
    body_words: int,
    body_frame: str | None,
    headline_frame_rows: list[frames_signal.Row],
) -> dict[str, Any]:
    """Headline findings. ``cues`` are the article's loaded cues (those flagged ``in_headline`` are used);
    ``body_words`` counts body words outside the headline.

    ``stronger_than_body`` is true when the headline has loaded cues at a
    higher rate per 1,000 words than the body's own voice (quoted cues
    excluded): the headline dramatises what the body reports.
    """
    extras = [dict(c.extra) for c in cues]
    head_cues = [c.to_dict() for c, x in zip(cues, extras, strict=True) if x["in_headline"]]
    body_own = sum(1 for x in extras if not x["in_headline"] and not x["in_quote"])
    return summarise(doc, span, source, head_cues, body_own, body_words, body_frame, headline_frame_rows)


def summarise(
    doc: Document,
    span: Span | None,
    source: str | None,
    head_cues: list[dict[str, Any]],
    body_own: int,
    body_words: int,
    body_frame: str | None,
    headline_frame_rows: list[frames_signal.Row],
) -> dict[str, Any]:
    """:func:`measure`, given the headline's loaded cues as evidence dicts (``head_cues``, used when the
    headline is in the text) and the count of the body's own-voice cues (``body_own``)."""
    out = empty()
    if span is not None:
        title = doc.text[span.start : span.end]
        words = _words_in(doc, span)
        head_scores = frames_signal.row_scores(headline_frame_rows)
        out.update(text=title, start=span.start, end=span.end, source=source, in_text=True)
    elif doc.article.title:
        title = doc.article.title
        tokens = tokenize(title)  # once, for both lexicons and the word count
        head_cues = [
            {"text": title[a:b], "title_start": a, "title_end": b, "category": cat, "entry": term, "weight": w}
            for a, b, cat, term, w in _title_matches(title, tokens, loaded_language.LEXICON)
        ]
        head_scores = frames_signal.row_scores(_title_matches(title, tokens, frames_signal.LEXICON))
        words = sum(1 for norm in tokens[2] if norm[:1].isalnum())
        out.update(text=title, source="metadata", in_text=False)
    else:
        return out
    head_rate = 1000 * len(head_cues) / words if words else 0.0
    body_rate = 1000 * body_own / body_words if body_words else 0.0
    out.update(
        words=words,
        loaded_count=len(head_cues),
        loaded_rate_per_1k_words=round(head_rate, 2) if head_rate else head_rate,  # round(): a decimal conversion
        body_loaded_rate_per_1k_words=round(body_rate, 2) if body_rate else body_rate,
        stronger_than_body=bool(head_cues) and head_rate > body_rate,
        loaded_cues=head_cues,
        dominant_frame=frames_signal.dominant(head_scores),
        body_dominant_frame=body_frame,
    )
    return out
