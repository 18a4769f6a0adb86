"""Signals beyond the core four: readability, loaded language, frames and the headline.

One entry in :data:`framing.pipeline.SIGNALS` runs all four, because they share
one decision -- which span is the headline -- and one pass of lexicon matching:
the headline's loaded cues count in ``loaded_language`` and are compared with
the body's in ``headline``; readability is measured on the body without it.
Each part lives in its own module (``readability``, ``loaded_language``,
``frames``, ``headline``) as plain functions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress
from operator import attrgetter
from typing import Any

from framing.document import Document
from framing.lexicons import Lexicon, load_lexicon
from framing.signals import frames, headline, loaded_language, readability
from framing.tokens import token_positions

_TOKEN_START = attrgetter("token_start")
_TOKEN_END = attrgetter("token_end")
_START = attrgetter("start")
_END = attrgetter("end")


def empty() -> dict[str, Any]:
    return {
        "readability": readability.empty(),
        "loaded_language": loaded_language.empty(),
        "frames": frames.empty(),
        "headline": headline.empty(),
    }


_UNION: list[Any] = [None, None, frozenset()]  # (loaded lexicon, frames lexicon, first tokens of either and "n't")


def _hits(doc: Document, loaded: Lexicon, frames_lexicon: Lexicon) -> tuple[list[int], list[int], list[int] | None]:
    """``loaded.hits(doc)`` and ``frames_lexicon.hits(doc)`` (stored in ``doc.derived`` as they would be) and the
    positions of the "n't" tokens (None when both hit lists were there already), from one C-level pass over
    the tokens with the first tokens of both lexicons and "n't", then one over the few hits."""
    derived = doc.derived
    first, second = derived.get(loaded), derived.get(frames_lexicon)
    if first is not None and second is not None:
        return first, second, None
    if _UNION[0] is not loaded or _UNION[1] is not frames_lexicon:
        _UNION[:] = [loaded, frames_lexicon, frozenset(loaded.phrases).union(frames_lexicon.phrases, ("n't",))]
    norms = doc.token_norms
    found = token_positions(map(_UNION[2].__contains__, norms), len(norms))
    at = list(map(norms.__getitem__, found))
    first = derived[loaded] = list(compress(found, map(loaded.phrases.__contains__, at)))
    second = derived[frames_lexicon] = list(compress(found, map(frames_lexicon.phrases.__contains__, at)))
    return first, second, list(compress(found, map("n't".__eq__, at)))


def measure(doc: Document, options: Any) -> dict[str, Any]:
    """Readability, loaded language, frames and headline of one parsed article.

    One pass of each kind for all four: the body sentences' token ranges are read once, readability sums
    packed per-word counts, both lexicons' hit positions (and the clitics readability needs) come from one
    pass over the tokens, and the cues become output dicts directly (the public functions of each module
    give the same results one by one).
    """
    span, source = headline.locate(doc)
    sentences = doc.body_sentences()
    ts = list(map(_TOKEN_START, sentences))
    te = list(map(_TOKEN_END, sentences))
    loaded_lex = load_lexicon(loaded_language.LEXICON)
    frames_lex = load_lexicon(frames.LEXICON)
    loaded_hits, frames_hits, clitics = _hits(doc, loaded_lex, frames_lex)
    lo = hi = 0
    if span is not None:
        s0, s1 = span.start, span.end
        # sentences are in text order and do not overlap: those inside the headline are one slice
        lo = bisect_left(list(map(_START, sentences)), s0)
        hi = bisect_right(list(map(_END, sentences)), s1, lo)
    if hi > lo:
        body = sentences[:lo] + sentences[hi:]
        reading = readability.measure_ranges(doc, body, ts[:lo] + ts[hi:], te[:lo] + te[hi:], clitics)
        head_words = readability.word_count(doc, ts[lo:hi], te[lo:hi])
    else:
        reading = readability.measure_ranges(doc, sentences, ts, te, clitics)
        head_words = 0
    body_words = reading["words"]

    # loaded language: each cue's evidence dict (Evidence.to_dict() of find_cues' cue) built once
    text = doc.text
    in_quote = doc.in_quote
    evidence: list[dict[str, Any]] = []
    head_cues: list[dict[str, Any]] = []
    body_own = 0
    starts, ends, infos = loaded_language.match_columns(loaded_lex, doc, ts, te, loaded_hits)
    for a, b, (category, term, weight) in zip(starts, ends, infos, strict=True):
        quoted = in_quote(a, b) is not None
        in_head = span is not None and s0 <= a and b <= s1
        cue = {
            "start": a,
            "end": b,
            "text": text[a:b],
            "category": category,
            "entry": term,
            "in_headline": in_head,
            "in_quote": quoted,
            "weight": weight,
        }
        evidence.append(cue)
        if in_head:
            head_cues.append(dict(cue))
        elif not quoted:
            body_own += 1

    starts, ends, infos = loaded_language.match_columns(frames_lex, doc, ts, te, frames_hits)
    frame_result = frames.summarise_columns(starts, ends, infos, text)
    body_frame = frame_result["dominant"]
    head_frame_rows: list[frames.Row] = []
    if span is not None and infos:
        # cues are in text order and do not overlap: those before the headline, then those after it
        before = bisect_right(ends, s0)
        after = bisect_left(starts, s1, before)
        if after > before:  # some cue touches the headline: body scores from the others (else the same)
            head_frame_rows = [
                (a, b, *info)
                for a, b, info in zip(starts[before:after], ends[before:after], infos[before:after], strict=True)
                if s0 <= a and b <= s1
            ]
            body_frame = frames.dominant(frames.info_scores(infos[:before] + infos[after:]))
    return {
        "readability": reading,
        "loaded_language": loaded_language.summarise_evidence(evidence, body_words + head_words),
        "frames": frame_result,
        "headline": headline.summarise(
            doc, span, source, head_cues, body_own, body_words, body_frame, head_frame_rows
        ),
    }
