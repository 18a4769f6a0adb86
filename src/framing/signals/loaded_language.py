"""Loaded language: emotive, sensational and partisan word choice, each cue with its span.

Cues come from ``lexicons/loaded_language.tsv`` (categories ``sensational``,
``emotive``, ``partisan_label``, ``doubt_verb``, ``intensifier``). A cue inside
a direct quote is the speaker's word, not the outlet's, so it is flagged
``in_quote`` and counted apart (``own_voice_count``); the headline's cues count
too and are flagged ``in_headline``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, repeat
from operator import attrgetter, is_, itemgetter, not_
from typing import Any

from framing.document import Document, Sentence, sentence_runs
from framing.evidence import Evidence, Span
from framing.lexicons import Lexicon, Match, load_lexicon, phrase_matches

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
#: What a lexicon entry gives its cues: ``(category, term, weight)``.
Info = tuple[str, str, float]

_TOKEN_START = attrgetter("token_start")
_TOKEN_END = attrgetter("token_end")
# Per lexicon name, built once (and again for a reloaded lexicon, another object): first token -> the
# ``Info`` of its one term, for first tokens that start exactly one term, of one token, matched in any
# casing; and first token -> ``(tokens, case_sensitive, length, Info)`` of each term it starts, longest first.
_COMPILED: dict[str, tuple[Lexicon, dict[str, Info], dict[str, list[tuple[tuple[str, ...], bool, int, Info]]]]] = {}


def _compiled(lex: Lexicon) -> tuple[dict[str, Info], dict[str, list[tuple[tuple[str, ...], bool, int, Info]]]]:
    cached = _COMPILED.get(lex.name)
    if cached is not None and cached[0] is lex:
        return cached[1], cached[2]
    simple: dict[str, Info] = {}
    terms: dict[str, list[tuple[tuple[str, ...], bool, int, Info]]] = {}
    for first, candidates in lex.phrases.items():
        terms[first] = [(toks, cs, len(toks), (e.category, e.term, e.weight)) for toks, cs, e in candidates]
        if len(candidates) == 1 and len(candidates[0][0]) == 1 and not candidates[0][1]:
            simple[first] = terms[first][0][3]
    _COMPILED[lex.name] = (lex, simple, terms)
    return simple, terms


def match_rows(
    lex: Lexicon, doc: Document, ts: Sequence[int], te: Sequence[int], hits: Sequence[int] | None = None
) -> list[Row]:
    """:func:`match_sentences` as :data:`Row` tuples, for sentences given by their token starts ``ts`` and
    ends ``te`` (in text order); ``hits`` are ``lex.hits(doc)`` when the caller has them."""
    starts, ends, infos = match_columns(lex, doc, ts, te, hits)
    return [(a, b, *info) for a, b, info in zip(starts, ends, infos, strict=True)]


def match_columns(
    lex: Lexicon, doc: Document, ts: Sequence[int], te: Sequence[int], hits: Sequence[int] | None = None
) -> tuple[list[int], list[int], list[Info]]:
    """:func:`match_rows` as three lists: cue starts, cue ends (character offsets) and each cue's :data:`Info`.

    The same matches as :func:`match_sentences`, found with less work: runs of consecutive sentences are
    located with C-level ``map``/``compress``; only the hit positions inside them are visited, and the
    tokens that start exactly one single-token term (most hits) become cues together, at C level, with no
    object built per cue (the caller builds its output from the columns). The other hits go one by one
    through the rules of :meth:`Lexicon.matches` (longest first, a match consumes its tokens, so a
    single-token hit inside a phrase is no cue), and a phrase that straddles two sentences of a run is
    dropped after consuming its tokens, exactly as :func:`match_sentences` drops it.
    """
    if hits is None:
        hits = lex.hits(doc)
    out_starts: list[int] = []
    out_ends: list[int] = []
    out_infos: list[Info] = []
    if not hits or not ts:
        return out_starts, out_ends, out_infos
    runs = sentence_runs(ts, te)
    simple, terms = _compiled(lex)
    norms, starts, ends, text = doc.token_norms, doc.token_starts, doc.token_ends, doc.text
    n_hits = len(hits)
    for a, b in runs:
        lo = bisect_left(hits, a)
        if lo == n_hits or hits[lo] >= b:
            continue
        pos = hits[lo : bisect_left(hits, b, lo)]
        infos = list(map(simple.get, map(norms.__getitem__, pos)))
        rows: list[tuple[int, int, Info]] = []
        if None in infos:
            # The other hits, in order, by the rules of Lexicon.matches; a phrase consumes its later tokens.
            consumed: list[tuple[int, int]] = []
            free = a  # tokens before this were consumed by a match
            for i in compress(pos, map(is_, infos, repeat(None))):
                if i < free:
                    continue
                for toks, case_sensitive, n, info in terms[norms[i]]:
                    if i + n > b:
                        continue
                    if (case_sensitive or n > 1) and not phrase_matches(
                        toks, case_sensitive, i, norms, text, starts, ends
                    ):
                        continue
                    free = i + n
                    if n > 1:
                        consumed.append((i, i + n))
                    # a phrase across a sentence end inside the run: consumed, but not a cue
                    if n == 1 or te[bisect_right(te, i)] >= i + n:
                        rows.append((starts[i], ends[i + n - 1], info))
                    break
            keep = list(compress(pos, infos))  # hits that start one single-token term: each is a cue...
            infos = list(filter(None, infos))
            if consumed:  # ...unless a phrase consumed it
                taken: set[int] = set()
                for c, d in consumed:
                    taken.update(range(c + 1, d))
                free_hits = list(map(not_, map(taken.__contains__, keep)))
                keep = list(compress(keep, free_hits))
                infos = list(compress(infos, free_hits))
            pos = keep
        firsts = list(map(starts.__getitem__, pos))
        lasts = list(map(ends.__getitem__, pos))
        for start, end, info in rows:  # into text order
            k = bisect_left(firsts, start)
            firsts.insert(k, start)
            lasts.insert(k, end)
            infos.insert(k, info)
        out_starts += firsts
        out_ends += lasts
        out_infos += infos
    return out_starts, out_ends, out_infos


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
    weighted = float(sum(map(itemgetter("weight"), evidence)))
    by_category: dict[str, int] = {}
    for category in map(itemgetter("category"), evidence):
        by_category[category] = by_category.get(category, 0) + 1
    out.update(
        count=n,
        # round() costs a decimal conversion: skipped for multiples of 0.25 (sums of the shipped weights),
        # which it keeps exactly
        weighted_count=weighted if abs(weighted) < 1e15 and (weighted * 4).is_integer() else round(weighted, 2),
        own_voice_count=n - quoted,
        quoted_count=quoted,
        headline_count=list(map(itemgetter("in_headline"), evidence)).count(True),
        words=words,
        rate_per_1k_words=round(1000 * n / words, 2) if words else 0.0,
        own_voice_rate_per_1k_words=(round(x, 2) if (x := 1000 * (n - quoted) / words) else x) if words else 0.0,
        by_category=dict(sorted(by_category.items())),
        evidence=evidence,
    )
    return out
