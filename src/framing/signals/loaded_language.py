"""Loaded language: emotive, sensational and partisan word choice, each cue with its span.

Cues come from ``lexicons/loaded_language.tsv`` (categories ``sensational``,
``emotive``, ``partisan_label``, ``doubt_verb``, ``intensifier``). A cue inside
a direct quote is the speaker's word, not the outlet's, so it is flagged
``in_quote`` and counted apart (``own_voice_count``); the headline's cues count
too and are flagged ``in_headline``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter, itemgetter, ne
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


#: A cue as the hot path carries it: ``(start, end, category, term, weight)``, character offsets into the text.
Row = tuple[int, int, str, str, float]

_TOKEN_START = attrgetter("token_start")
_TOKEN_END = attrgetter("token_end")
# Per lexicon (the object itself: a reloaded lexicon is another one), built once: first token -> the output
# fields of its one term, for first tokens that start exactly one term, of one token, matched in any casing.
_SIMPLE: dict[str, tuple[Lexicon, dict[str, tuple[str, str, float]]]] = {}


def _simple_terms(lex: Lexicon) -> dict[str, tuple[str, str, float]]:
    cached = _SIMPLE.get(lex.name)
    if cached is not None and cached[0] is lex:
        return cached[1]
    simple = {}
    for first, candidates in lex._index.items():  # the lexicon's own index, read-only
        if len(candidates) == 1:
            toks, case_sensitive, entry = candidates[0]
            if len(toks) == 1 and not case_sensitive:
                simple[first] = (entry.category, entry.term, entry.weight)
    _SIMPLE[lex.name] = (lex, simple)
    return simple


def match_rows(
    lex: Lexicon, doc: Document, ts: Sequence[int], te: Sequence[int], hits: Sequence[int] | None = None
) -> list[Row]:
    """:func:`match_sentences` as :data:`Row` tuples, for sentences given by their token starts ``ts`` and
    ends ``te`` (in text order); ``hits`` are ``lex.hits(doc)`` when the caller has them.

    The same matches, found with less work: runs of consecutive sentences are located with C-level
    ``map``/``compress``; only the hit positions inside them are visited, and a token that starts exactly
    one single-token term (most hits) becomes its row at once. The rest go through the same rules as
    :meth:`Lexicon.matches` (longest first, a match consumes its tokens), and a phrase that straddles two
    sentences of a run is dropped after consuming its tokens, exactly as :func:`match_sentences` drops it.
    """
    if hits is None:
        hits = lex.hits(doc)
    if not hits or not ts:
        return []
    breaks = list(compress(range(1, len(ts)), map(ne, ts[1:], te)))
    if breaks:
        runs = [(ts[i], te[j - 1]) for i, j in zip([0, *breaks], [*breaks, len(ts)], strict=True)]
    else:
        runs = [(ts[0], te[-1])]
    simple = _simple_terms(lex).get
    index = lex._index
    norms, starts, ends, text = doc.token_norms, doc.token_starts, doc.token_ends, doc.text
    out: list[Row] = []
    n_hits = len(hits)
    for a, b in runs:
        lo = bisect_left(hits, a)
        if lo == n_hits or hits[lo] >= b:
            continue
        free = a  # tokens before this were consumed by a match
        for i in hits[lo : bisect_left(hits, b, lo)]:
            if i < free:
                continue
            info = simple(norms[i])
            if info is not None:
                out.append((starts[i], ends[i], *info))
                continue
            for toks, case_sensitive, entry in index[norms[i]]:
                n = len(toks)
                if i + n > b:
                    continue
                if case_sensitive:
                    if n == 1:
                        if text[starts[i] : ends[i]].replace("’", "'") != toks[0]:
                            continue
                    elif any(text[starts[i + k] : ends[i + k]].replace("’", "'") != toks[k] for k in range(n)):
                        continue
                elif n > 1 and tuple(norms[i : i + n]) != toks:
                    continue
                free = i + n
                # a phrase across a sentence end inside the run: consumed, but not a cue
                if n == 1 or te[bisect_right(te, i)] >= i + n:
                    out.append((starts[i], ends[i + n - 1], entry.category, entry.term, entry.weight))
                break
    return out


def find_cues(doc: Document, sentences: Sequence[Sentence], headline: Span | None = None) -> list[Evidence]:
    """Every loaded-language cue in ``sentences``, in text order, as evidence.

    ``extra`` fields: ``weight`` (1 loaded in almost every use, 0.5 also has a
    neutral sense), ``in_quote`` and ``in_headline``.
    """
    text = doc.text
    rows = match_rows(load_lexicon(LEXICON), doc, list(map(_TOKEN_START, sentences)), list(map(_TOKEN_END, sentences)))
    return [
        Evidence.from_span(
            text,
            a,
            b,
            category,
            term,
            weight=weight,
            in_quote=doc.in_quote(a, b) is not None,
            in_headline=headline is not None and headline.start <= a and b <= headline.end,
        )
        for a, b, category, term, weight in rows
    ]


def summarise(cues: Sequence[Evidence], words: int) -> dict[str, Any]:
    """Counts and rates of ``cues`` over ``words`` words (rates are per 1,000 words, 0 with no words)."""
    return summarise_evidence([c.to_dict() for c in cues], words)


def summarise_evidence(evidence: list[dict[str, Any]], words: int) -> dict[str, Any]:
    """:func:`summarise` of cues already given as evidence dicts (``Evidence.to_dict()`` of each cue)."""
    out = empty()
    n = len(evidence)
    if not n:
        out["words"] = words
        return out
    quoted = list(map(itemgetter("in_quote"), evidence)).count(True)
    out.update(
        count=n,
        weighted_count=round(float(sum(map(itemgetter("weight"), evidence))), 2),
        own_voice_count=n - quoted,
        quoted_count=quoted,
        headline_count=list(map(itemgetter("in_headline"), evidence)).count(True),
        words=words,
        rate_per_1k_words=round(1000 * n / words, 2) if words else 0.0,
        own_voice_rate_per_1k_words=round(1000 * (n - quoted) / words, 2) if words else 0.0,
        by_category=dict(sorted(Counter(map(itemgetter("category"), evidence)).items())),
        evidence=evidence,
    )
    return out
