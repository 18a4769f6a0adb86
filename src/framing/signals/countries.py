"""Sentiment toward each country an article mentions, and toward caller-given target spans.

Two parts share one scorer:

* :func:`target_sentiment` scores how a sentence treats one span in it (a
  *target*), not the sentence's overall mood. It is a linear model over
  target-relative cues (words left and right of the target, the clause it sits
  in, VADER valence near it with negation flipped, contrast with *but*, whether
  the target speaks or is quoted), trained on NewsMTSC ``train.jsonl`` by
  ``evaluation/train_sentiment.py`` and shipped as JSON coefficients in
  ``framing/models/target_sentiment.json``. Inference is a sparse dot product in
  pure Python.
* :func:`find_countries` finds country mentions with one token-dict matcher
  compiled from ISO 3166 names (``pycountry``) and ``lexicons/countries.tsv``
  (aliases, demonyms, capitals, metonyms, governments, leaders), and rejects
  ambiguous readings (*Georgia* the US state, *Chad* the name) with evidence.

:func:`measure` aggregates per country: sentiment in [-1, 1], label, mentions,
salience, first-mention position and the strongest sentences either way.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress, pairwise, repeat
from typing import Any

from framing.document import Document
from framing.lexicons import Lexicon, LexiconEntry, from_lexicons, load_lexicon
from framing.signals import headline
from framing.tokens import normalise, tokenize, tokenize_term

#: Labels in the order of the model's output columns.
LABELS = ("negative", "neutral", "positive")
#: Tokens on each side of the target read as its immediate context.
NEAR_WINDOW = 4
#: Tokens after a negator or shifter whose valence is flipped.
SCOPE_TOKENS = 3
#: Tokens read on each side of a target: a "sentence" of unsplit text can be
#: endless, and reading all of it for each of its targets would be quadratic.
CONTEXT_TOKENS = 60


# ---------------------------------------------------------------- VADER resources
@lru_cache(maxsize=1)
def _vader() -> Any:
    """One VADER analyser per process: it parses its lexicon file when built."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@from_lexicons
def _vader_tables() -> tuple[dict[str, float], frozenset[str]]:
    """VADER's valence lexicon and negators (as shipped in vaderSentiment, plus the ``negator`` cues)."""
    from vaderSentiment import vaderSentiment as vs

    negate = frozenset(w.replace("'", "") for w in vs.NEGATE) | frozenset(vs.NEGATE) | _cues("negator")
    return dict(_vader().lexicon), negate


def _cues(category: str) -> frozenset[str]:
    """Single-token cues of one category of ``lexicons/sentiment_cues.tsv`` (shifter, negator, clause_break, contrast, speech_verb).

    Cached per loaded lexicon, so a user file added with ``framing.lexicons.use`` takes effect.
    """
    lex = load_lexicon("sentiment_cues")
    cached = _cue_cache.get(category)
    if cached is not None and cached[0] is lex:
        return cached[1]
    terms = frozenset(e.term.lower() for e in lex.entries if e.category == category and not e.is_regex)
    _cue_cache[category] = (lex, terms)
    return terms


_cue_cache: dict[str, tuple[Any, frozenset[str]]] = {}


def _scope_cues() -> tuple[frozenset[str], frozenset[str]]:
    """Tokens that open a negation scope (negators and shifters that are not clause breaks), and clause breaks."""
    _valence, negate = _vader_tables()
    breaks = _cues("clause_break")
    shifters = _cues("shifter")
    cached = _cue_cache.get("scope")
    if cached is not None and cached[0] == (negate, shifters, breaks):
        return cached[1]
    out = ((negate | shifters) - breaks, breaks)
    _cue_cache["scope"] = ((negate, shifters, breaks), out)  # type: ignore[assignment]
    return out


# ---------------------------------------------------------------- the model
@dataclass(frozen=True, slots=True)
class TargetModel:
    """A multinomial linear model: ``weights[feature] = (w_negative, w_neutral, w_positive)``."""

    intercept: tuple[float, float, float]
    weights: dict[str, tuple[float, float, float]]
    meta: dict[str, Any]


@lru_cache(maxsize=1)
def load_model() -> TargetModel | None:
    """The shipped target-sentiment model, or None when it is absent (then VADER near the target is used)."""
    try:
        raw = resources.files("framing.models").joinpath("target_sentiment.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    data = json.loads(raw)
    weights = {k: (float(v[0]), float(v[1]), float(v[2])) for k, v in data["weights"].items()}
    return TargetModel(tuple(data["intercept"]), weights, data.get("meta", {}))


def _clause(norms: list[str], s0: int, s1: int, token_start: int, token_end: int) -> tuple[int, int]:
    """Token range of the clause around the target: cut at clause breaks on either side."""
    breaks = _cues("clause_break")
    c0 = token_start
    while c0 > s0 and norms[c0 - 1] not in breaks:
        c0 -= 1
    c1 = token_end
    while c1 < s1 and norms[c1] not in breaks:
        c1 += 1
    return c0, c1


def _valence_features(v: list[float], pos_near: float, neg_near: float) -> dict[str, float]:
    """``v`` = valence sums over sentence, clause, left, right and near window."""
    out = {name: math.tanh(val / 4.0) for name, val in zip(("v:sent", "v:clause", "v:left", "v:right", "v:near"), v, strict=True)}
    out["v:pos_near"] = min(pos_near, 3.0) / 3.0
    out["v:neg_near"] = min(neg_near, 3.0) / 3.0
    return out


def _sentence_tokens(doc: Document, s0: int, s1: int) -> tuple[list[str], list[float | None]]:
    """Per token of a sentence: its feature form and its VADER valence, negation and shifters applied.

    A word within three tokens after a negator or a valence shifter (same
    clause) is in scope: its form gets a ``~`` ("eases worries" gives
    ``~worries``) and its valence is flipped by VADER's factor -0.74. Cached
    on the document: a sentence with several targets is read once. Most
    sentences hold no negator or shifter, so forms and valences are built by
    C-level ``map`` and only the few tokens in scope are rewritten.
    """
    key = ("countries.sentence", s0)
    cached = doc.derived.get(key)
    if cached is not None:
        return cached
    valence, _negate = _vader_tables()
    triggers, breaks = _scope_cues()
    words = doc.token_norms[s0:s1]
    forms = list(words)
    valences: list[float | None] = list(map(valence.get, words))
    if not triggers.isdisjoint(words):
        n = len(words)
        scoped = [False] * n
        for t in compress(range(n), map(triggers.__contains__, words)):
            for k in range(t + 1, min(n, t + 1 + SCOPE_TOKENS)):
                if not scoped[k]:
                    scoped[k] = True
                    forms[k] = "~" + words[k]
                    val = valences[k]
                    if val is not None:
                        valences[k] = -0.74 * val
                if words[k] in breaks:  # a clause break is itself in scope; what follows it is not
                    break
    doc.derived[key] = (forms, valences)
    return forms, valences


def target_features(doc: Document, token_start: int, token_end: int, *, identity: bool = True) -> dict[str, float]:
    """Target-relative features of tokens ``[token_start, token_end)`` within their sentence.

    Feature names are strings so the model file stays readable: ``L:word`` /
    ``R:word`` for words within :data:`NEAR_WINDOW` tokens left/right of the
    target, ``C:word`` for words in the target's clause, ``S:word`` for words
    elsewhere in the sentence, ``v:*`` for VADER valence sums (negation
    flipped), and a few structural flags (quote, speaker, contrast).
    ``identity`` adds ``T:word`` for the target's own words: a learned prior
    about the name (in NewsMTSC's US news "Trump" and "Putin" lean negative).
    """
    norms = doc.token_norms
    sent = doc.sentences[doc.sentence_of_token(token_start)]
    s0, s1 = sent.token_start, sent.token_end
    lo, hi = max(s0, token_start - CONTEXT_TOKENS), min(s1, token_end + CONTEXT_TOKENS)
    feats: dict[str, float] = {"bias": 1.0}

    c0, c1 = _clause(norms, lo, hi, token_start, token_end)

    v_sent = v_clause = v_left = v_right = v_near = 0.0
    pos_near = neg_near = 0.0
    forms, valences = _sentence_tokens(doc, s0, s1)
    for i in range(lo, hi):
        if token_start <= i < token_end:
            continue
        f = forms[i - s0]
        if i < token_start:
            d = token_start - i
            side = "L"
        else:
            d = i - token_end + 1
            side = "R"
        if d <= NEAR_WINDOW:
            key = side + ":" + f
            feats[key] = feats.get(key, 0.0) + 1.0
            if d == 1:
                feats[side + "1:" + f] = 1.0
        # Counts, not presence: the score is then a sum over tokens, which
        # target_sentiment computes from per-sentence weights without building this dict.
        if c0 <= i < c1:
            key = "C:" + f
            feats[key] = feats.get(key, 0.0) + 1.0
        else:
            key = "S:" + f
            feats[key] = feats.get(key, 0.0) + 1.0 / (1.0 + d / 8.0)
        val = valences[i - s0]
        if val is None:
            continue
        v_sent += val
        if c0 <= i < c1:
            v_clause += val
        if i < token_start:
            v_left += val
        else:
            v_right += val
        if d <= NEAR_WINDOW and c0 <= i < c1:  # near and in the same clause: "attacks, while India" is not near India
            v_near += val
            if val > 0:
                pos_near += 1
            else:
                neg_near += 1
    feats.update(_valence_features([v_sent, v_clause, v_left, v_right, v_near], pos_near, neg_near))

    # Bigrams of the clause (order matters for "failed to", "praised by").
    for i in range(c0, c1 - 1):
        if token_start <= i < token_end or token_start <= i + 1 < token_end:
            continue
        key = "B:" + norms[i] + "_" + norms[i + 1]
        feats[key] = feats.get(key, 0.0) + 1.0
    feats.update(_structure_features(doc, sent, token_start, token_end, identity))
    return feats


def _structure_features(doc: Document, sent: Any, token_start: int, token_end: int, identity: bool) -> dict[str, float]:
    """Position, contrast, speech, quotation and the words right around the target."""
    norms = doc.token_norms
    s0, s1 = sent.token_start, sent.token_end
    feats: dict[str, float] = {}
    # Structure: position in the sentence, contrast, speech, quotation.
    if token_start == s0 or (token_start == s0 + 1 and norms[s0] in ("the", "“", '"')):
        feats["pos:first"] = 1.0
    feats["pos:rel"] = (token_start - s0) / max(1, s1 - s0)
    contrast = _cues("contrast")
    speech = _cues("speech_verb")
    lo, hi = max(s0, token_start - CONTEXT_TOKENS), min(s1, token_end + CONTEXT_TOKENS)
    if not contrast.isdisjoint(norms[lo:token_start]):
        feats["contrast:before"] = 1.0
    if not contrast.isdisjoint(norms[token_end:hi]):
        feats["contrast:after"] = 1.0
    if not speech.isdisjoint(norms[token_end : min(s1, token_end + 2)]) or not speech.isdisjoint(norms[max(s0, token_start - 2) : token_start]):
        feats["speaker"] = 1.0
    t0 = doc.token_starts[token_start]
    t1 = doc.token_ends[token_end - 1]
    if doc.in_quote(t0, t1) is not None:
        feats["in_quote"] = 1.0
    if _sentence_has_quote(doc, sent):
        feats["sentence_has_quote"] = 1.0
    if identity:
        for i in range(token_start, token_end):
            feats[f"T:{norms[i]}"] = 1.0
    if token_end + 1 < s1:
        feats[f"RB:{norms[token_end]}_{norms[token_end + 1]}"] = 1.0
    if token_start - 2 >= s0:
        feats[f"LB:{norms[token_start - 2]}_{norms[token_start - 1]}"] = 1.0
    return feats


def _sentence_has_quote(doc: Document, sent: Any) -> bool:
    """Whether a quoted passage overlaps the sentence (the last quote opening before its end; quotes do not nest)."""
    starts = doc.derived.get("countries.quote_starts")
    if starts is None:
        starts = doc.derived["countries.quote_starts"] = [q.start for q in doc.quotes]
    i = bisect.bisect_left(starts, sent.end) - 1
    return i >= 0 and doc.quotes[i].end > sent.start


#: Names of the valence features, in the order :func:`_valence_features` adds them.
_VALENCE_FEATURES = ("v:sent", "v:clause", "v:left", "v:right", "v:near", "v:pos_near", "v:neg_near")
#: The structural features :func:`_structure_features` may add (other than ``T:``, ``RB:`` and ``LB:``), in its order.
_STRUCTURE_FEATURES = ("pos:first", "pos:rel", "contrast:before", "contrast:after", "speaker", "in_quote", "sentence_has_quote")
_weights_cache: dict[str, tuple[TargetModel, dict[str, dict[str, Any]]]] = {}


def _weights_by_kind(model: TargetModel) -> dict[str, dict[Any, Any]]:
    """The model's weights split by feature prefix (``"C:war"`` -> ``[["C"]["war"]``), built once per model.

    Per-token lookups then go straight from a token's form to its weight with
    ``map(dict.get, forms)``: no string is built per token and target. Pair
    features (``B:``, ``RB:``, ``LB:``) are keyed by the token pair.
    """
    cached = _weights_cache.get("model")
    if cached is not None and cached[0] is model:
        return cached[1]
    out: dict[str, dict[Any, Any]] = {kind: {} for kind in ("L", "R", "L1", "R1", "C", "S", "B", "RB", "LB", "T")}
    for name, w in model.weights.items():
        kind, sep, rest = name.partition(":")
        if kind in ("B", "RB", "LB") and sep:
            # Keyed by the token pair: "B:a_b" is every (left, right) split at an "_" (tokens rarely hold one).
            for i, ch in enumerate(rest):
                if ch == "_":
                    out[kind].setdefault((rest[:i], rest[i + 1 :]), w)
        elif sep and kind in out:
            out[kind][rest] = w
    _weights_cache["model"] = (model, out)
    return out


#: ``_DISTANCE[d]`` = ``1 / (1 + d / 8)``: the weight of an ``S:`` word ``d`` tokens from the target.
_DISTANCE = [1.0 / (1.0 + d / 8.0) for d in range(CONTEXT_TOKENS + 2)]
#: The same, from the longest distance down: ``_DISTANCE_DOWN[_LAST_DISTANCE - d] == _DISTANCE[d]``.
_DISTANCE_DOWN = _DISTANCE[::-1]
_LAST_DISTANCE = len(_DISTANCE) - 1
#: First words after which a target still opens its sentence ("The US said").
_OPENERS = ("the", "“", '"')
_tables_cache: dict[str, Any] = {}


def _tables(model: TargetModel) -> tuple[Any, ...]:
    """What the fast scorer reads, built once per model and cue lexicon (a user cue file makes new tables).

    Per-token weights are packed two columns to a complex number, so one
    C-level ``accumulate`` over a sentence gives the running sums of two
    columns at once (complex addition adds the real and imaginary parts as two
    float additions: the sums are bit for bit those of separate columns):
    ``form -> C0 + C1j``, ``form -> C2 + valence j`` (the valence of a word in
    negation scope, ``~word``, flipped by -0.74 as :func:`_sentence_tokens`
    does), ``pair -> B0 + B1j`` and ``pair -> B2``.
    """
    cue_lexicon = load_lexicon("sentiment_cues")
    cached = _tables_cache.get("tables")
    if cached is not None and cached[0] is model and cached[1] is cue_lexicon:
        return cached[2]
    valence, _negate = _vader_tables()
    triggers, breaks = _scope_cues()
    kinds = _weights_by_kind(model)
    weights = model.weights
    clause = kinds["C"]
    scoped_valence = {"~" + word: -0.74 * val for word, val in valence.items()}
    clause01 = {form: complex(w[0], w[1]) for form, w in clause.items()}
    clause2_valence = {
        form: complex(clause[form][2] if form in clause else 0.0, valence.get(form, scoped_valence.get(form, 0.0)))
        for form in (*clause, *valence, *scoped_valence)
    }
    bigram = kinds["B"]
    out = (
        model.intercept,
        weights.get("bias"),
        valence,
        triggers,
        breaks,
        _cues("contrast"),
        _cues("speech_verb"),
        clause01,
        clause2_valence,
        {pair: complex(w[0], w[1]) for pair, w in bigram.items()},
        {pair: w[2] for pair, w in bigram.items()},
        kinds["S"],
        kinds["L"],
        kinds["R"],
        kinds["L1"],
        kinds["R1"],
        tuple(weights.get(name) for name in _VALENCE_FEATURES),
        tuple(weights.get(name) for name in _STRUCTURE_FEATURES),
        kinds["T"],
        kinds["RB"],
        kinds["LB"],
        triggers | _cues("contrast") | _cues("speech_verb"),  # most sentences hold none of these: one test
    )
    _tables_cache["tables"] = (model, cue_lexicon, out)
    return out


def _sentence_arrays(doc: Document, si: int, tables: tuple[Any, ...], last_target_end: int | None = None) -> tuple[Any, ...]:
    """What every target of sentence ``si`` reads, computed once per sentence that holds a target.

    Its words and their feature forms (``~word`` in negation scope, as
    :func:`_sentence_tokens`), running sums of the clause (``C:``) weights, of
    the valences and of the bigram (``B:``) weights (two columns per complex
    number, see :func:`_tables`), the clause-break positions and whether the
    sentence holds a contrast marker, a speech verb or a quote at all.
    Missing weights count 0.0, as in the feature dict's dot product.

    Clause and bigram sums are read only inside targets' clauses: given where
    the sentence's last target ends (a token index; None for any target), they
    stop at that target's clause end. Running sums from the sentence start, so
    every value read is the same; a fifth of the tokens of a target's sentence
    lie after it (AllSides).
    """
    key = ("countries.arrays", si)
    cached = doc.derived.get(key)
    if cached is not None and cached[0] is tables:
        covered = cached[1]
        if covered is None or (last_target_end is not None and last_target_end <= covered):
            return cached[2]
    _icpt, _bias, _valence, triggers, breaks, contrast, speech, clause01, clause2_valence, bigram01, bigram2 = tables[:11]
    sent = doc.sentences[si]
    s0, s1 = sent.token_start, sent.token_end
    words = doc.token_norms[s0:s1]
    plain = tables[-1].isdisjoint(words)  # no negator, shifter, contrast marker or speech verb
    if plain or triggers.isdisjoint(words):
        forms = words
    else:  # as _sentence_tokens: a word within SCOPE_TOKENS after a negator or shifter is in scope
        forms = list(words)
        n = len(words)
        for t in compress(range(n), map(triggers.__contains__, words)):
            for k in range(t + 1, min(n, t + 1 + SCOPE_TOKENS)):
                if forms[k] is words[k]:
                    forms[k] = "~" + words[k]
                if words[k] in breaks:  # a clause break is itself in scope; what follows it is not
                    break
    n = len(words)
    break_at = [] if breaks.isdisjoint(words) else list(compress(range(n), map(breaks.__contains__, words)))
    if last_target_end is None:
        reach = n
    else:
        te = last_target_end - s0
        reach = _clause_end(break_at, te, min(n, te + CONTEXT_TOKENS))
    pairs = list(pairwise(words[:reach]))
    out = (
        words,
        forms,
        list(accumulate(map(clause01.get, forms[:reach], repeat(0j)), initial=0j)),
        list(accumulate(map(clause2_valence.get, forms, repeat(0j)), initial=0j)),
        list(accumulate(map(bigram01.get, pairs, repeat(0j)), initial=0j)),
        list(accumulate(map(bigram2.get, pairs, repeat(0.0)), initial=0.0)),
        break_at,
        not plain and not contrast.isdisjoint(words),
        not plain and not speech.isdisjoint(words),
        _sentence_has_quote(doc, sent),
    )
    doc.derived[key] = (tables, last_target_end, out)
    return out


def _clause_end(break_at: list[int], te: int, khi: int) -> int:
    """Sentence-relative end of the clause of a target ending at ``te``: the first clause break from it, else ``khi``."""
    b = bisect.bisect_left(break_at, te)
    return break_at[b] if b < len(break_at) and break_at[b] < khi else khi


def _fast_logits(
    doc: Document, tables: tuple[Any, ...], si: int, token_start: int, token_end: int, identity: bool, last_target_end: int | None = None
) -> tuple[float, float, float, bool, bool]:
    """The model's three scores for a target (the dot product of :func:`target_features` with the weights), speaker, first.

    Computed without building the feature dict: the per-token features are
    counts, so their weights are summed once per sentence and a target reads
    range sums (tests check this equals ``probabilities(target_features(...))``
    to 1e-9; the order of float additions differs, far below the 4 decimals
    reported). Only the near window and the tokens outside the clause, whose
    weights depend on the distance to the target, are visited per target.
    ``last_target_end``: see :func:`_sentence_arrays`.
    """
    words, forms, clause01, clause2_valence, bigram01, bigram2, break_at, has_contrast, has_speech, has_quote = (
        _sentence_arrays(doc, si, tables, last_target_end)
    )
    (
        intercept, w_bias, valence, _triggers, _breaks, contrast, speech, _c01, _c2v, _b01, _b2, sentence_weights,
        near_left, near_right, next_left, next_right, w_valence, w_structure, w_identity, w_right_pair, w_left_pair, _rare,
    ) = tables
    sent = doc.sentences[si]
    s0, s1 = sent.token_start, sent.token_end
    z0, z1, z2 = intercept
    if w_bias is not None:
        z0 += w_bias[0]
        z1 += w_bias[1]
        z2 += w_bias[2]
    # Sentence-relative token indexes: [klo, ts) left of the target, [te, khi) right of it, [kc0, kc1) its clause.
    ts, te = token_start - s0, token_end - s0
    klo = ts - CONTEXT_TOKENS
    if klo < 0:
        klo = 0
    khi = te + CONTEXT_TOKENS
    if khi > s1 - s0:
        khi = s1 - s0
    if break_at:
        b = bisect.bisect_left(break_at, ts) - 1  # last clause break before the target
        kc0 = break_at[b] + 1 if b >= 0 and break_at[b] >= klo else klo
        kc1 = _clause_end(break_at, te, khi)
        if kc0 > ts:
            kc0 = ts
    else:
        kc0, kc1 = klo, khi
    if ts > kc0:
        d = clause01[ts] - clause01[kc0]
        z0 += d.real
        z1 += d.imag
        z2 += (clause2_valence[ts] - clause2_valence[kc0]).real
    if kc1 > te:
        d = clause01[kc1] - clause01[te]
        z0 += d.real
        z1 += d.imag
        z2 += (clause2_valence[kc1] - clause2_valence[te]).real
    a0 = a1 = a2 = 0.0
    # Outside the clause, weighted by distance: 1 / (1 + d / 8) for the token d places from the target.
    weight_of = sentence_weights.get
    if kc0 > klo:  # distances ts - klo down to ts - kc0 + 1
        for w, x in zip(map(weight_of, forms[klo:kc0]), _DISTANCE_DOWN[_LAST_DISTANCE - ts + klo : _LAST_DISTANCE - ts + kc0], strict=True):
            if w is not None:
                a0 += w[0] * x
                a1 += w[1] * x
                a2 += w[2] * x
    if khi > kc1:  # distances kc1 - te + 1 up to khi - te
        for w, x in zip(map(weight_of, forms[kc1:khi]), _DISTANCE[kc1 - te + 1 : khi - te + 1], strict=True):
            if w is not None:
                a0 += w[0] * x
                a1 += w[1] * x
                a2 += w[2] * x
    pos_near = neg_near = 0.0
    v_near = 0.0
    lo_k = ts - NEAR_WINDOW
    if lo_k < klo:
        lo_k = klo
    for k in range(lo_k, ts):
        f = forms[k]
        w = near_left.get(f)
        if w is not None:
            a0 += w[0]
            a1 += w[1]
            a2 += w[2]
        if kc0 <= k:  # near and in the same clause: "attacks, while India" is not near India
            word = words[k]
            val = valence.get(word)
            if val is not None:
                if f is not word:  # in negation scope
                    val = -0.74 * val
                v_near += val
                if val > 0:
                    pos_near += 1
                else:
                    neg_near += 1
    if lo_k < ts:
        w = next_left.get(forms[ts - 1])
        if w is not None:
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
    hi_k = te + NEAR_WINDOW
    if hi_k > khi:
        hi_k = khi
    for k in range(te, hi_k):
        f = forms[k]
        w = near_right.get(f)
        if w is not None:
            a0 += w[0]
            a1 += w[1]
            a2 += w[2]
        if k < kc1:
            word = words[k]
            val = valence.get(word)
            if val is not None:
                if f is not word:
                    val = -0.74 * val
                v_near += val
                if val > 0:
                    pos_near += 1
                else:
                    neg_near += 1
    if te < hi_k:
        w = next_right.get(forms[te])
        if w is not None:
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
    z0 += a0
    z1 += a1
    z2 += a2
    v_left = (clause2_valence[ts] - clause2_valence[klo]).imag
    v_right = (clause2_valence[khi] - clause2_valence[te]).imag
    v_clause = (clause2_valence[ts] - clause2_valence[kc0]).imag + (clause2_valence[kc1] - clause2_valence[te]).imag
    tanh = math.tanh
    values = (
        tanh((v_left + v_right) / 4.0), tanh(v_clause / 4.0), tanh(v_left / 4.0), tanh(v_right / 4.0), tanh(v_near / 4.0),
        min(pos_near, 3.0) / 3.0, min(neg_near, 3.0) / 3.0,
    )
    for w, x in zip(w_valence, values, strict=True):
        if w is not None:
            z0 += w[0] * x
            z1 += w[1] * x
            z2 += w[2] * x
    # Clause bigrams that do not touch the target: positions [kc0, ts - 1) and [te, kc1 - 1).
    if ts - 1 > kc0:
        d = bigram01[ts - 1] - bigram01[kc0]
        z0 += d.real
        z1 += d.imag
        z2 += bigram2[ts - 1] - bigram2[kc0]
    if kc1 - 1 > te:
        d = bigram01[kc1 - 1] - bigram01[te]
        z0 += d.real
        z1 += d.imag
        z2 += bigram2[kc1 - 1] - bigram2[te]
    # Structure, in the order of _structure_features: position, contrast, speech, quotation, identity, pairs.
    norms = doc.token_norms
    w_first, w_rel, w_contrast_before, w_contrast_after, w_speaker, w_in_quote, w_has_quote = w_structure
    first = ts == 0 or (ts == 1 and norms[s0] in _OPENERS)
    if first and w_first is not None:
        z0 += w_first[0]
        z1 += w_first[1]
        z2 += w_first[2]
    if w_rel is not None:
        x = ts / (s1 - s0 if s1 - s0 > 1 else 1)
        z0 += w_rel[0] * x
        z1 += w_rel[1] * x
        z2 += w_rel[2] * x
    if has_contrast:
        if w_contrast_before is not None and not contrast.isdisjoint(norms[s0 + klo : token_start]):
            z0 += w_contrast_before[0]
            z1 += w_contrast_before[1]
            z2 += w_contrast_before[2]
        if w_contrast_after is not None and not contrast.isdisjoint(norms[token_end : s0 + khi]):
            z0 += w_contrast_after[0]
            z1 += w_contrast_after[1]
            z2 += w_contrast_after[2]
    speaker = has_speech and (
        not speech.isdisjoint(norms[token_end : min(s1, token_end + 2)]) or not speech.isdisjoint(norms[max(s0, token_start - 2) : token_start])
    )
    if speaker and w_speaker is not None:
        z0 += w_speaker[0]
        z1 += w_speaker[1]
        z2 += w_speaker[2]
    if w_in_quote is not None and doc.quotes and doc.in_quote(doc.token_starts[token_start], doc.token_ends[token_end - 1]) is not None:
        z0 += w_in_quote[0]
        z1 += w_in_quote[1]
        z2 += w_in_quote[2]
    if has_quote and w_has_quote is not None:
        z0 += w_has_quote[0]
        z1 += w_has_quote[1]
        z2 += w_has_quote[2]
    if identity:
        for word in dict.fromkeys(norms[token_start:token_end]):
            w = w_identity.get(word)
            if w is not None:
                z0 += w[0]
                z1 += w[1]
                z2 += w[2]
    if token_end + 1 < s1:
        w = w_right_pair.get((norms[token_end], norms[token_end + 1]))
        if w is not None:
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
    if ts >= 2:
        w = w_left_pair.get((norms[token_start - 2], norms[token_start - 1]))
        if w is not None:
            z0 += w[0]
            z1 += w[1]
            z2 += w[2]
    return z0, z1, z2, speaker, first


def _fast_score(
    doc: Document, tables: tuple[Any, ...], si: int, token_start: int, token_end: int, identity: bool, last_target_end: int | None = None
) -> TargetScore:
    """:func:`target_sentiment` with the model: softmax of :func:`_fast_logits`, label and role."""
    z0, z1, z2, speaker, first = _fast_logits(doc, tables, si, token_start, token_end, identity, last_target_end)
    m = max(z0, z1, z2)
    e0, e1, e2 = math.exp(z0 - m), math.exp(z1 - m), math.exp(z2 - m)
    total = sum((e0, e1, e2))
    p0, p1, p2 = e0 / total, e1 / total, e2 / total
    label = LABELS[2 if p2 > (p1 if p1 > p0 else p0) else 1 if p1 > p0 else 0]
    sent = doc.sentences[si]
    return TargetScore(round(p2 - p0, 4), label, (p0, p1, p2), "speaker" if speaker else "subject" if first else "object", sent.start, sent.end)


def probabilities(feats: dict[str, float], model: TargetModel) -> tuple[float, float, float]:
    """Softmax of the model's three scores for ``feats``."""
    z = list(model.intercept)
    weights = model.weights
    # feats is built in text order, so the float sums are identical run to run.
    for name, x in feats.items():
        w = weights.get(name)
        if w is not None:
            z[0] += w[0] * x
            z[1] += w[1] * x
            z[2] += w[2] * x
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = sum(e)
    return (e[0] / total, e[1] / total, e[2] / total)


def span_tokens(doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """Tokens ``[i, j)`` covering characters ``[start, end)``, kept inside one sentence; None if no token."""
    i = doc.token_at(start)
    if i >= len(doc.token_starts) or doc.token_starts[i] >= end:
        return None
    j = i
    while j < len(doc.token_starts) and doc.token_starts[j] < end:
        j += 1
    sent = doc.sentences[doc.sentence_of_token(i)]
    return i, max(i + 1, min(j, sent.token_end))


# ---------------------------------------------------------------- sentiment toward a span
@dataclass(frozen=True, slots=True)
class TargetScore:
    """How a sentence treats a target span.

    ``sentiment`` is ``P(positive) - P(negative)`` in [-1, 1]; ``label`` the most
    probable of :data:`LABELS`; ``role`` one of ``speaker`` (the target is quoted
    or says something), ``subject`` (the target opens its clause: it acts) or
    ``object`` (something is done to or said about it).
    """

    sentiment: float
    label: str
    probabilities: tuple[float, float, float]
    role: str
    sentence_start: int
    sentence_end: int


def target_sentiment(doc: Document, token_start: int, token_end: int, *, identity: bool = True) -> TargetScore:
    """Score sentiment toward tokens ``[token_start, token_end)`` from the sentence around them.

    Used for country mentions and for caller-given ``targets=`` alike. Without
    a shipped model, falls back to VADER valence in the target's clause.
    ``identity=False`` leaves out the learned prior about the target's own
    words, so the score comes from the context alone (used for countries: an
    outlet's treatment of Russia must come from its words, not from how US
    outlets in the training data treated Russia).
    """
    si = doc.sentence_of_token(token_start)
    model = load_model()
    if model is not None:
        return _fast_score(doc, _tables(model), si, token_start, token_end, identity)
    sent = doc.sentences[si]
    # No model: the clause's lexicon valence.
    feats = target_features(doc, token_start, token_end, identity=identity)
    v = feats["v:clause"]
    probs = (max(0.0, -v), 1.0 - abs(v), max(0.0, v))
    label = LABELS[max(range(3), key=lambda k: probs[k])]
    if feats.get("speaker"):
        role = "speaker"
    elif feats.get("pos:first"):
        role = "subject"
    else:
        role = "object"
    return TargetScore(round(probs[2] - probs[0], 4), label, probs, role, sent.start, sent.end)


# ---------------------------------------------------------------- finding countries
@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country term in the text: tokens, character span, ISO code and how it was matched."""

    token_start: int
    token_end: int
    start: int
    end: int
    code: str
    kind: str  # lexicon category: name, alias, demonym, capital, metonym, government, leader
    entry: str  # "file:line" or "pycountry"
    reading: str  # the non-country reading of an ambiguous term, else ""


@dataclass(frozen=True, slots=True)
class RejectedMention:
    """A country term read as something else, with the reason (kept as evidence)."""

    start: int
    end: int
    code: str
    reading: str
    reason: str
    entry: str


_COUNTING = frozenset({"name", "alias", "demonym", "capital", "metonym", "government", "leader"})
_matcher_cache: dict[str, Any] = {}


def _iso_entries() -> list[Any]:
    """Lexicon entries for every ISO 3166 country name pycountry carries (name, official and common names).

    Names like "Iran, Islamic Republic of" also give "Iran"; "Holy See (Vatican City
    State)" gives "Holy See". A short form shared by two countries ("Korea",
    "Virgin Islands") is dropped: it cannot say which.
    """
    import pycountry

    by_term: dict[str, set[str]] = {}
    official: dict[str, set[str]] = {}  # names pycountry gives as such, not derived by cutting
    for c in pycountry.countries:
        forms = {getattr(c, a, None) for a in ("name", "official_name", "common_name")} - {None}
        for form in forms:
            official.setdefault(form, set()).add(c.alpha_3)
        for form in list(forms):
            forms.add(form.split(",")[0].split(" (")[0].strip())
        for form in forms:
            if not form.startswith("the "):
                by_term.setdefault(form, set()).add(c.alpha_3)
    out = []
    for term in sorted(by_term):
        codes = official.get(term) if len(official.get(term, ())) == 1 else by_term[term]
        if len(codes) != 1:
            continue  # "Korea", "Virgin Islands": cannot say which
        code = next(iter(codes))
        out.append(LexiconEntry(term, "name", 1.0, "ISO 3166 name (pycountry)", (("code", code), ("ambiguous", "")), "pycountry"))
    return out


def country_matcher() -> Any:
    """One token-dict matcher over ISO names and ``lexicons/countries.tsv``, built once per loaded lexicon.

    A lexicon entry with the same term as an ISO name replaces it (that is how
    "Georgia" gets its ``ambiguous`` reading).
    """
    lex = load_lexicon("countries")
    cached = _matcher_cache.get("countries")
    if cached is not None and cached[0] is lex:
        return cached[1]
    own = {e.term for e in lex.entries}
    entries = [e for e in _iso_entries() if e.term not in own] + list(lex.entries)
    matcher = Lexicon("countries", entries, lex.columns, lex.files)
    _matcher_cache["countries"] = (lex, matcher)
    return matcher


def country_hits(doc: Document) -> list[int]:
    """Sorted positions of the tokens of ``doc`` that can start a term of :func:`country_matcher`.

    Computed once per document and kept in ``doc.derived`` (``Lexicon.hits``): this
    signal matches from it, and sourcing reads it to skip phrases that name no
    country. Whichever asks first computes it, so neither depends on the other
    having run.
    """
    return country_matcher().hits(doc)


@from_lexicons
def country_names() -> dict[str, str]:
    """ISO alpha-3 code -> the name shown in output: ``lexicons/country_names.tsv``, else pycountry's common name, else its name."""
    import pycountry

    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.update({e.get("code"): e.term for e in load_lexicon("country_names").entries})
    return names


def _person_names() -> frozenset[str]:
    """Country terms that are also people's names (``ambiguous`` = person in the lexicon)."""
    matcher = country_matcher()
    cached = _matcher_cache.get("person_names")
    if cached is not None and cached[0] is matcher:
        return cached[1]
    names = frozenset(e.term for e in matcher.entries if e.get("ambiguous") == "person")
    _matcher_cache["person_names"] = (matcher, names)
    return names


def _is_name_token(doc: Document, i: int, sentence_start: int) -> bool:
    """A capitalised word that is not the sentence's first token (so capitalised because it is a name)."""
    text = doc.token_text(i)
    return i > sentence_start and text[:1].isupper() and text[1:2].islower()


def _country_index(matcher: Lexicon) -> dict[str, tuple[dict[str, tuple[tuple[Any, ...], ...]], tuple[tuple[Any, ...], ...]]]:
    """The matcher's terms by first token, then by second token, longest first, with what :func:`_find` reads; once per matcher.

    ``index[first] = (phrases by second token, one-token terms)``. Per term:
    ``(n, rest, tokens, case_sensitive, entry, code, category, ambiguous)``
    where ``rest`` is the normalised form of the tokens after the second (a
    list, compared with a slice of ``Document.token_norms``).
    """
    cached = _matcher_cache.get("index")
    if cached is not None and cached[0] is matcher:
        return cached[1]
    terms: dict[str, list[tuple[Any, ...]]] = {}
    for e in matcher.entries:
        if e.is_regex:
            continue
        toks = tokenize_term(e.term)
        case_sensitive = any(ch.isupper() for ch in e.term)
        norm = tuple(map(normalise, toks))
        terms.setdefault(norm[0], []).append(
            (len(toks), norm[1:2], list(norm[2:]), toks, case_sensitive, e, e.get("code"), e.category, e.get("ambiguous"))
        )
    out = {}
    for key, cands in terms.items():
        by_second: dict[str, list[tuple[Any, ...]]] = {}
        singles = []
        for n, second, *rest in sorted(cands, key=lambda c: -c[0]):  # longest first, as the matcher
            if n == 1:
                singles.append((n, *rest))
            else:
                by_second.setdefault(second[0], []).append((n, *rest))
        out[key] = ({k: tuple(v) for k, v in by_second.items()}, tuple(singles))
    _matcher_cache["index"] = (matcher, out)
    return out


def _match_countries(doc: Document) -> list[tuple[int, int, int, tuple[Any, ...]]]:
    """``(sentence, token_start, token_end, term)`` of every country-lexicon match in the body sentences.

    The same matches as ``country_matcher().match_document`` sentence by
    sentence (longest first, left to right, a match consumes its tokens;
    ``tests/test_countries.py`` checks this), but it visits only the
    document's hit positions, tries only the phrases whose second token is
    the next token, and compares a case-sensitive phrase with the text only
    once its normalised tokens match (an exact match implies that): "New",
    "People", "State" start many phrases and open few of them.
    """
    matcher = country_matcher()
    hits = country_hits(doc)
    if not hits:
        return []
    index = _country_index(matcher)
    norms, starts, ends, text = doc.token_norms, doc.token_starts, doc.token_ends, doc.text
    sentences = doc.sentences
    mask = doc.body_mask
    sentence_starts = doc.sentence_token_starts
    out = []
    free = 0  # tokens before this were consumed by a match
    end = -1  # end of the current sentence (token index)
    si = -1
    for i in hits:
        if i >= end:
            si = bisect.bisect_right(sentence_starts, i) - 1
            end = sentences[si].token_end
        if i < free or not mask[si]:
            continue
        by_second, singles = index[norms[i]]
        found = None
        if i + 1 < end and by_second:
            for cand in by_second.get(norms[i + 1], ()):
                n = cand[0]
                if i + n > end or (n > 2 and norms[i + 2 : i + n] != cand[1]):
                    continue
                if cand[3]:
                    toks = cand[2]
                    if any(text[starts[i + k] : ends[i + k]].replace("’", "'") != toks[k] for k in range(n)):
                        continue
                found = cand
                break
        if found is None:
            for cand in singles:
                if cand[3] and text[starts[i] : ends[i]].replace("’", "'") != cand[2][0]:
                    continue
                found = cand
                break
            else:
                continue
        n = found[0]
        out.append((si, i, i + n, found))
        free = i + n
    return out


def find_countries(doc: Document) -> tuple[list[CountryMention], list[RejectedMention]]:
    """Country mentions in the body (title included) and the ambiguous ones rejected, in text order.

    An ambiguous term (``ambiguous`` column) counts unless its context says
    otherwise: cue words of the lexicon in the sentence (negative weight
    against, positive for), for person-like names a capitalised neighbour or
    an honorific ("Michael Jordan", "Rep. Jordan"), and, when the sentence is
    silent, the rest of the article (other unambiguous mentions of the same
    country support it; cues elsewhere in the article count against it).
    """
    accepted, _sentences, rejected = _find(doc)
    return accepted, rejected


def _find(doc: Document) -> tuple[list[CountryMention], list[int], list[RejectedMention]]:
    """:func:`find_countries`, with the sentence index of each accepted mention."""
    person_terms: set[str] = set()  # ambiguous names this article uses for a person
    candidates: list[tuple[int, CountryMention]] = []  # (sentence index, mention)
    rejected: list[RejectedMention] = []
    sentence_cues: dict[tuple[int, str], float] = {}
    article_cues: dict[str, float] = {}
    starts, ends = doc.token_starts, doc.token_ends
    for si, ms, me, cand in _match_countries(doc):
        _n, _rest, _toks, _cs, e, code, category, ambiguous = cand
        start, end = starts[ms], ends[me - 1]
        if category in _COUNTING:
            candidates.append((si, CountryMention(ms, me, start, end, code, category, e.origin, ambiguous)))
        elif category == "cue":  # a cue may speak to several names: "Republican" for Georgia and Jordan
            for cue_code in code.split(","):
                sentence_cues[(si, cue_code)] = sentence_cues.get((si, cue_code), 0.0) + e.weight
                article_cues[cue_code] = article_cues.get(cue_code, 0.0) + e.weight
        elif category == "not_country":
            # "Jim Jordan": a later bare "Jordan" in the article is the same person.
            person_names = _person_names()
            for t in range(ms, me):
                if doc.token_text(t) in person_names:
                    person_terms.add(doc.token_text(t))
            rejected.append(RejectedMention(start, end, code, "", f"part of the phrase {doc.text[start:end]!r}, not about the country", e.origin))
    if not candidates:
        rejected.sort(key=lambda r: (r.start, r.end))
        return [], [], rejected
    support: dict[str, int] = {}
    for _si, c in candidates:
        if not c.reading:
            support[c.code] = support.get(c.code, 0) + 1
    sentence_countries: dict[int, set[str]] = {}
    for si, c in candidates:
        if not c.reading:
            sentence_countries.setdefault(si, set()).add(c.code)
    accepted: list[CountryMention] = []
    accepted_sentences: list[int] = []
    for si, c in candidates:
        if c.reading:
            reason = _reject_reason(doc, si, c, sentence_cues, article_cues, support, sentence_countries, person_terms)
            if reason is not None:
                if c.reading == "person":
                    person_terms.add(doc.text[c.start : c.end])
                rejected.append(RejectedMention(c.start, c.end, c.code, c.reading, reason, c.entry))
                continue
        accepted.append(c)
        accepted_sentences.append(si)
    rejected.sort(key=lambda r: (r.start, r.end))
    return accepted, accepted_sentences, rejected


def _reject_reason(
    doc: Document,
    si: int,
    c: CountryMention,
    sentence_cues: dict[tuple[int, str], float],
    article_cues: dict[str, float],
    support: dict[str, int],
    sentence_countries: dict[int, set[str]],
    person_terms: set[str],
) -> str | None:
    """Why an ambiguous mention is not the country, or None when it is."""
    cue = sentence_cues.get((si, c.code), 0.0)
    if cue < 0:
        return f"read as {c.reading}: the sentence has cues of that reading"
    if cue > 0:
        return None
    if sentence_countries.get(si, set()) - {c.code, "USA"}:
        return None  # listed with other countries: a country
    sent = doc.sentences[si]
    if c.reading == "person":
        i, j = c.token_start, c.token_end
        if i > sent.token_start and _is_name_token(doc, i - 1, sent.token_start):
            return "read as person: preceded by a capitalised name"
        if i - 2 >= sent.token_start and doc.token_norms[i - 1] == "." and doc.token_text(i - 2)[:1].isupper() and len(doc.token_text(i - 2)) <= 4:
            return "read as person: preceded by an honorific"
        if j < sent.token_end and _is_name_token(doc, j, sent.token_start):
            return "read as person: followed by a capitalised name"
        if doc.text[c.start : c.end] in person_terms and not support.get(c.code):
            return "read as person: the article uses this name for a person earlier"
    if support.get(c.code):
        return None
    if article_cues.get(c.code, 0.0) < 0:
        return f"read as {c.reading}: the article has cues of that reading and no other mention of the country"
    return None


# ---------------------------------------------------------------- the signal
#: |sentiment| below this is reported as neutral.
NEUTRAL_BAND = 0.15
#: Body sentences (after the headline) that make up the lead.
LEAD_SENTENCES = 3


def _label(value: float) -> str:
    return "positive" if value > NEUTRAL_BAND else "negative" if value < -NEUTRAL_BAND else "neutral"


def aggregate(scores: list[TargetScore]) -> tuple[float, str]:
    """Article-level sentiment toward one target from its mentions: ``(value in [-1, 1], label)``.

    Each mention's ``P(positive) - P(negative)`` weighted by its own magnitude:
    most mentions in news are neutral, and a plain mean lets ten neutral
    datelines drown the two sentences that praise or blame. Weighting by
    magnitude lets the opinionated mentions speak while neutral ones still
    pull toward zero a little (chosen over the plain mean, the balance of
    probabilities and label votes on PerSenT dev; see docs/sentiment.md).
    The label also needs one mention labelled that way: a country is not called
    positive on the strength of many mentions that each lean a little.
    """
    total = sum(abs(s.sentiment) for s in scores)
    if not scores or total == 0:
        return 0.0, "neutral"
    value = round(sum(s.sentiment * abs(s.sentiment) for s in scores) / total, 4)
    label = _label(value)
    if label != "neutral" and not any(s.label == label for s in scores):
        label = "neutral"
    return value, label


def empty() -> dict[str, Any]:
    return {"countries": [], "targets": []}


def _regions(doc: Document) -> tuple[tuple[int, int] | None, int]:
    """The headline span (when it is in the text) and the offset where the lead ends.

    The headline is where the headline signal finds it (:func:`framing.signals.headline.locate`: a title line
    of the file, else a short first line standing alone), so both signals agree on what the headline is.
    """
    span, _where = headline.locate(doc)
    title = (span.start, span.end) if span is not None else None
    mask = doc.body_mask
    body = [s for s, keep in zip(doc.sentences, mask, strict=True) if keep and (title is None or s.start >= title[1])]
    lead_end = body[min(LEAD_SENTENCES, len(body)) - 1].end if body else 0
    return title, lead_end


def measure(doc: Document, options: Any) -> dict[str, Any]:
    """Per-country sentiment with evidence, and sentiment toward each caller target."""
    text = doc.text
    accepted, accepted_sentences, rejected = _find(doc)
    title, lead_end = _regions(doc)
    by_code: dict[str, list[tuple[CountryMention, TargetScore]]] = {}
    if accepted:
        model = load_model()
        tables = _tables(model) if model is not None else None
        last_target_end = {si: c.token_end for c, si in zip(accepted, accepted_sentences, strict=True)}  # mentions in text order
        for c, si in zip(accepted, accepted_sentences, strict=True):  # mentions never overlap: one score each
            if tables is not None:
                score = _fast_score(doc, tables, si, c.token_start, c.token_end, False, last_target_end[si])
            else:
                score = target_sentiment(doc, c.token_start, c.token_end, identity=False)
            items = by_code.get(c.code)
            if items is None:
                by_code[c.code] = [(c, score)]
            else:
                items.append((c, score))
    rejected_by_code: dict[str, list[RejectedMention]] = {}
    for r in rejected:
        rejected_by_code.setdefault(r.code, []).append(r)
    title_codes = _title_codes(doc) if title is None else set()
    total = len(accepted)
    names = country_names()
    countries = []
    for code, items in by_code.items():
        sentiment, label = aggregate([s for _c, s in items])
        first = items[0][0]
        if title is not None and title[0] <= first.start < title[1]:
            position = "headline"
        elif first.start < lead_end:
            position = "lead"
        else:
            position = "body"
        evidence = [
            {"start": c.start, "end": c.end, "text": text[c.start : c.end], "kind": c.kind, "entry": c.entry,
             "sentiment": s.sentiment, "label": s.label, "role": s.role}
            for c, s in items
        ]
        evidence += [
            {"start": r.start, "end": r.end, "text": text[r.start : r.end], "kind": "ambiguous", "entry": r.entry,
             "reading": r.reading, "reason": r.reason}
            for r in rejected_by_code.get(code, [])
        ]
        if len(evidence) > len(items):  # mentions alone are in text order already (they never overlap)
            evidence.sort(key=lambda x: (x["start"], x["end"], x["kind"]))
        countries.append(
            {
                "code": code,
                "name": names.get(code, code),
                "mentions": len(items),
                "sentiment": sentiment,
                "label": label,
                "salience": round(len(items) / total, 4),
                "first_mention": position,
                "in_title": position == "headline" or code in title_codes,
                "evidence": evidence,
                "strongest_positive": _strongest(text, items, 1),
                "strongest_negative": _strongest(text, items, -1),
            }
        )
    countries.sort(key=lambda c: (-c["mentions"], c["code"]))
    targets = [_score_target(doc, t.start, t.end) for t in getattr(options, "targets", ()) or ()]
    return {"countries": countries, "targets": targets}


def _strongest(text: str, items: list[tuple[CountryMention, TargetScore]], sign: int) -> dict[str, Any] | None:
    """The sentence treating the country most positively (sign 1) or negatively (-1), or None."""
    best: TargetScore | None = None
    for _c, s in items:
        if s.sentiment * sign > 0 and (best is None or s.sentiment * sign > best.sentiment * sign):
            best = s
    if best is None:
        return None
    return {"start": best.sentence_start, "end": best.sentence_end, "text": text[best.sentence_start : best.sentence_end], "score": best.sentiment}


def _title_codes(doc: Document) -> set[str]:
    """Countries named in ``article.title`` when the title is metadata, not part of the text."""
    title = doc.article.title
    if not title:
        return set()
    if _country_index(country_matcher()).keys().isdisjoint(tokenize(title)[2]):
        return set()  # no token of the title starts a country term (parse tokenizes with the same function)
    from framing.document import parse

    found, _rejected = find_countries(parse(title))
    return {c.code for c in found}


def _score_target(doc: Document, start: int, end: int) -> dict[str, Any]:
    text = doc.text
    toks = span_tokens(doc, start, end)
    out: dict[str, Any] = {"start": start, "end": end, "text": text[start:end]}
    if toks is None:
        out.update(sentiment=0.0, label="neutral", mentions=0, role=None, evidence=[])
        return out
    s = target_sentiment(doc, *toks)
    out.update(
        sentiment=s.sentiment,
        label=s.label,
        mentions=1,
        role=s.role,
        probabilities=dict(zip(LABELS, (round(p, 4) for p in s.probabilities), strict=True)),
        evidence=[{"start": s.sentence_start, "end": s.sentence_end, "text": text[s.sentence_start : s.sentence_end], "kind": "sentence", "score": s.sentiment}],
    )
    return out
