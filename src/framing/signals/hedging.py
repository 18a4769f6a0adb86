"""Hedged versus assertive language (Hyland's stance markers), with every cue as evidence.

A *hedge* withholds full commitment (``may``, ``reportedly``, ``experts believe``,
``around 200``); a *booster* asserts it (``clearly``, ``no doubt``, ``marks a
turning point``). Cues come from ``lexicons/hedges.tsv``; the context rules that
decide whether a match is a cue at all (``May 5`` is a date, ``could not`` is
past inability, ``not clear`` is a hedge) read ``lexicons/hedge_rules.tsv`` and
the ``when_negated`` / ``requires`` columns of the cue lexicon, so no word list
lives in this module.

Whether a *sentence* is uncertain is a separate decision, made by logistic
regressions whose coefficients ship as JSON (``framing/models/hedge_sentences.json``,
trained by ``evaluation/train_hedging.py`` on FactBank news and CoNLL-2010
Wikipedia): a genre gate picks a news expert (lexicon cue features) or, for
encyclopedic prose, a Wikipedia expert (cues plus word unigrams/bigrams),
because the two corpora call different things uncertain. Inference is a sum of
dictionary look-ups, with no scikit-learn import.

Every rate is per 1,000 body words (``Document.body_words``); offsets are
half-open character offsets into the article text.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from importlib import resources
from itertools import accumulate, chain, compress, pairwise, repeat
from operator import and_, itemgetter, not_, sub
from typing import Any, NamedTuple

from framing.document import Document
from framing.evidence import Evidence
from framing.lexicons import Lexicon, LexiconEntry, Match, load_lexicon
from framing.tokens import normalise, token_positions, tokenize_term

#: Cue kinds that count as hedges in rates (``condition`` feeds only the sentence decision).
HEDGE = "hedge"
BOOSTER = "booster"
BLOCKER = "blocker"
_NEGATION_WINDOW = 3  # tokens before a cue searched for a negator
_MODEL_FILE = "hedge_sentences.json"


class Cue(NamedTuple):
    """A stance cue: tokens ``[token_start, token_end)``, its kind and category after context rules."""

    token_start: int
    token_end: int
    kind: str  # "hedge" | "booster" | "weasel" | "condition"
    category: str
    entry: LexiconEntry


# ---------------------------------------------------------------- data, loaded once
_rules_cache: dict[str, frozenset[str]] | None = None
_model_cache: dict[str, Any] | None = None


def _rules() -> dict[str, frozenset[str]]:
    global _rules_cache
    if _rules_cache is None:
        groups: dict[str, set[str]] = {}
        for e in load_lexicon("hedge_rules").entries:
            groups.setdefault(e.category, set()).add(e.term.lower())
        _rules_cache = {k: frozenset(v) for k, v in groups.items()}
    return _rules_cache


def load_model() -> dict[str, Any]:
    """The shipped sentence model, every expert's weights decoded.

    ``{"about", "config", "experts": {"news"|"wiki": {"intercept", "threshold", "weights": {feature: coef}}},
    "gate": {"intercept", "weights"}, "gate_sentences", "gate_threshold"}``: the gate picks the expert.
    """
    model = _stored_model()
    for part in model["experts"].values():
        _decode_weights(part)
    return model


def _stored_model() -> dict[str, Any]:
    """The model as stored, read once: a part's ``weights`` may still be a JSON string (see :func:`_decode_weights`)."""
    global _model_cache
    if _model_cache is None:
        raw = resources.files("framing").joinpath("models", _MODEL_FILE).read_text(encoding="utf-8")
        _model_cache = json.loads(raw)
    return _model_cache


def _decode_weights(part: dict[str, Any]) -> dict[str, Any]:
    """Decode, in place and once, a part whose ``weights`` the file holds as a JSON string.

    The Wikipedia expert's 31,729 weights are stored that way: reading a string is a few times faster than
    building the dict, and news texts, nearly all texts, never need it. A file written by
    ``evaluation/train_hedging.py`` (plain objects) works as it is.
    """
    if isinstance(part["weights"], str):
        part["weights"] = json.loads(part["weights"])
    return part


# ---------------------------------------------------------------- cues
def _is_word(norm: str) -> bool:
    return norm[:1].isalpha()


def _negated_before(norms: list[str], i: int, lo: int, negators: frozenset[str]) -> bool:
    """A negator within the few tokens before ``i`` (not across punctuation)."""
    for j in range(i - 1, max(lo, i - _NEGATION_WINDOW) - 1, -1):
        n = norms[j]
        if n in negators:
            return True
        if not n[:1].isalnum() and n != "'":
            return False
    return False


def _under_negation(
    norms: list[str], i: int, free: int, lo: int, hi: int, kind: str, flip: str, category: str, negators: frozenset[str]
) -> tuple[str, str] | None:
    """A flippable cue ``[i, free)`` read under negation: its ``(kind, category)``, or None when negation drops it.

    Negated by a negator just before it, or (an epistemic modal) just after it: "could not", "couldn't".
    """
    negated = _negated_before(norms, i, lo, negators)
    if not negated and category == "epistemic_modal" and free < hi:
        negated = norms[free] in negators
    if not negated:
        return kind, category
    if flip == "drop":
        return None
    if flip != kind:
        return flip, f"negated_{kind}"
    return kind, category


def _context_ok(doc: Document, requires: str, a: int, b: int, lo: int, hi: int, rules: dict[str, frozenset[str]]) -> bool:
    """Check an entry's ``requires`` column: is this match used in the sense the entry means?"""
    if not requires:
        return True
    norms = doc.token_norms
    nxt = norms[b] if b < hi else ""
    prev = norms[a - 1] if a > lo else ""
    if requires == "number_follows":
        if nxt in rules.get("currency", ()) and b + 1 < hi:
            nxt = norms[b + 1]
        return nxt[:1].isdigit() or nxt in rules.get("number_word", ())
    if requires == "not_month":
        # A capital "May" is the month ("May 5", "in May") or a name ("Theresa May");
        # the rare sentence-initial modal is optative ("May the talks succeed"), not a hedge.
        return not doc.token_text(a)[:1].isupper() and _is_word(nxt)
    if requires == "verb_follows":
        if prev in rules.get("noun_before_modal", ()):
            return False
        return _is_word(nxt) and nxt not in rules.get("not_a_verb", ())
    return True


def lexicon_matches(doc: Document, token_start: int = 0, token_end: int | None = None) -> dict[int, list[Match]]:
    """Every lexicon match in a token range, overlapping, grouped by first token (longest first).

    The same matches as ``load_lexicon("hedges").match_document(doc, overlapping=True)``,
    but looked up by first *and second* token (:func:`_pair_index`): the
    commonest words ("it", "is", "in", "not") start a dozen phrases each, and
    checking every one of them at every occurrence was this signal's main cost.
    """
    lex = load_lexicon("hedges")
    index = _pair_index(lex)[0]
    norms = doc.token_norms
    end = len(norms) if token_end is None else token_end
    hits = lex.hits(doc)
    text, starts, ends = doc.text, doc.token_starts, doc.token_ends
    by_start: dict[int, list[Match]] = {}
    for i in hits[bisect_left(hits, token_start) : bisect_left(hits, end)]:
        by_second, singles = index[norms[i]]
        longer = by_second.get(norms[i + 1]) if i + 1 < end else None
        if longer is None and not singles:
            continue  # "the", "to", "in": most hits start no phrase of this text
        found = []
        if longer is not None:
            for toks, case_sensitive, entry in longer:
                n = len(toks)
                if i + n > end:
                    continue
                if case_sensitive:
                    if any(text[starts[i + k] : ends[i + k]].replace("’", "'") != toks[k] for k in range(n)):
                        continue
                elif n > 2 and tuple(norms[i : i + n]) != toks:
                    continue
                found.append(Match(i, i + n, entry))
        for toks, case_sensitive, entry in singles:
            if case_sensitive and text[starts[i] : ends[i]].replace("’", "'") != toks[0]:
                continue
            found.append(Match(i, i + 1, entry))
        if found:
            by_start[i] = found
    return by_start


_PairIndex = dict[str, tuple[dict[str, list[tuple[tuple[str, ...], bool, LexiconEntry]]], list[tuple[tuple[str, ...], bool, LexiconEntry]]]]
_Columns = dict[int, tuple[str, str, str]]
_pair_cache: tuple[Lexicon, _PairIndex, _Columns] | None = None


def _pair_index(lex: Lexicon) -> tuple[_PairIndex, _Columns]:
    """First token -> (second token -> multi-token terms, longest first; one-token terms), and the entries' columns.

    The columns, ``id(entry) -> (kind, when_negated, requires)``, are read once:
    ``LexiconEntry.get`` scans an entry's fields, and a look-up per match adds
    up. The lexicon kept in the cache keeps its entries, and so their ids, alive.

    Built once per loaded lexicon (a user lexicon added with ``framing.lexicons.use``
    is a new object, so it gets its own index), with the matching rules of
    :class:`framing.lexicons.Lexicon`: lower-case terms match any casing,
    a term with a capital only that casing.
    """
    global _pair_cache
    if _pair_cache is not None and _pair_cache[0] is lex:
        return _pair_cache[1], _pair_cache[2]
    terms: list[tuple[tuple[str, ...], bool, LexiconEntry]] = []
    for e in lex.entries:
        if e.is_regex:
            continue  # hedges.tsv has none, and `framing lexicons --check` does not flag one: it would be ignored
        toks = tokenize_term(e.term)
        case_sensitive = any(ch.isupper() for ch in e.term)
        terms.append((toks if case_sensitive else tuple(normalise(t) for t in toks), case_sensitive, e))
    terms.sort(key=lambda c: -len(c[0]))  # stable: longest first, file order within a length
    index: _PairIndex = {}
    for term in terms:
        toks = term[0]
        by_second, singles = index.setdefault(normalise(toks[0]), ({}, []))
        if len(toks) == 1:
            singles.append(term)
        else:
            by_second.setdefault(normalise(toks[1]), []).append(term)
    columns = {id(e): (e.get("kind", HEDGE), e.get("when_negated"), e.get("requires")) for e in lex.entries}
    _pair_cache = (lex, index, columns)
    return index, columns


def find_cues(
    doc: Document,
    token_start: int,
    token_end: int,
    matches: dict[int, list[Match]] | None = None,
    positions: Sequence[int] | None = None,
) -> list[Cue]:
    """Stance cues in tokens ``[token_start, token_end)`` (one sentence), left to right.

    At each position the longest lexicon entry whose context check passes wins;
    negation then flips or drops it as its ``when_negated`` column says.
    ``matches`` (from :func:`lexicon_matches` over the whole text) saves one
    lexicon pass per sentence; ``positions``, the sorted keys of ``matches``
    inside the range, saves looking at the tokens where no match starts.
    """
    rules = _rules()
    negators = rules.get("negator", frozenset())
    norms = doc.token_norms
    by_start = lexicon_matches(doc, token_start, token_end) if matches is None else matches
    if positions is None:
        positions = sorted(i for i in by_start if token_start <= i < token_end)
    columns = _pair_index(load_lexicon("hedges"))[1]
    out: list[Cue] = []
    free = token_start  # tokens before this belong to an earlier cue
    for i in positions:
        if i < free:
            continue
        chosen = None
        for m in by_start[i]:  # longest first
            if m.token_end <= token_end and _context_ok(doc, columns[id(m.entry)][2], m.token_start, m.token_end, token_start, token_end, rules):
                chosen = m
                break
        if chosen is None:
            continue
        e = chosen.entry
        free = chosen.token_end
        kind, flip, _requires = columns[id(e)]
        if kind == BLOCKER:  # "rather than", "you know": the shorter cue inside is not a stance marker
            continue
        category = e.category
        if flip:
            flipped = _under_negation(norms, i, free, token_start, token_end, kind, flip, category, negators)
            if flipped is None:
                continue
            kind, category = flipped
        out.append(Cue(i, free, kind, category, e))
    return out


# ---------------------------------------------------------------- sentence model
def cue_features(norms: list[str], token_start: int, token_end: int, cues: list[Cue]) -> list[str]:
    """Lexicon features of one sentence: each cue's kind, category and entry, and the entry beside its neighbours.

    The neighbours tell "would" in "said it would" from "would be able to".
    """
    feats = []
    for c in cues:
        entry = c.entry.term.lower()
        prev = norms[c.token_start - 1] if c.token_start > token_start else "<s>"
        nxt = norms[c.token_end] if c.token_end < token_end else "</s>"
        feats += ("k:" + c.kind, "c:" + c.category, "e:" + entry, "x:" + prev + "_" + entry, "y:" + entry + "_" + nxt)
    return feats


def word_features(norms: list[str], token_start: int, token_end: int) -> list[str]:
    """Word unigrams and bigrams of one sentence (numbers folded to ``<num>``)."""
    words = _words(norms[token_start:token_end])
    return ["w:" + w for w in words] + ["b:" + x + "_" + y for x, y in pairwise(words)]


def _words(tokens: list[str]) -> list[str]:
    """The word tokens (first character a letter or digit), numbers folded to ``<num>``.

    Filtered with C-level ``map``/``compress`` (no token is empty), so only the
    few numbers take a Python branch.
    """
    words = list(compress(tokens, map(str.isalnum, map(itemgetter(0), tokens))))
    if any(map(str.isdigit, map(itemgetter(0), words))):
        words = [("<num>" if w[0].isdigit() else w) for w in words]
    return words


def sentence_features(norms: list[str], token_start: int, token_end: int, cues: list[Cue]) -> list[str]:
    """All features of one sentence, as training sees them (sorted, each once)."""
    return sorted(_feature_set(norms, token_start, token_end, cues))


def _feature_set(norms: list[str], token_start: int, token_end: int, cues: list[Cue]) -> set[str]:
    """The features of :func:`sentence_features` as a set."""
    return {*cue_features(norms, token_start, token_end, cues), *word_features(norms, token_start, token_end)}


def uncertainty_probability(features: list[str], model: dict[str, Any]) -> float:
    """Probability in [0, 1] from one logistic part ``{"intercept", "weights"}`` of the model."""
    return _probability(model["intercept"] + math.fsum(map(model["weights"].get, set(features), repeat(0.0))))


def _probability(z: float) -> float:
    """The logistic function, clipped so ``exp`` cannot overflow.

    The weights are summed with ``math.fsum``: exact, so the score does not
    depend on the (hash-seeded) iteration order of the feature set.
    """
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _gate_says_news(norms: list[str], sample: list[tuple[int, int]], gate: dict[str, Any], threshold: float) -> bool:
    """Is the mean news probability of the ``sample`` sentences at least ``threshold``?

    Probabilities are not negative, so the running sum only grows: once it
    alone reaches ``threshold * len(sample)`` the answer is yes, and the rest of
    the sample (most of it, for news) need not be read. The sum is taken in the
    same order and divided the same way as the full mean, so the answer is the same.
    """
    unigrams, bigrams = _gate_tables(gate)
    intercept = gate["intercept"]
    n = len(sample)
    total = 0
    for a, b in sample:
        # The terms of uncertainty_probability(word_features(...), gate), looked
        # up without building the "w:"/"b:" strings; fsum makes their order moot.
        words = _words(norms[a:b])
        z = intercept + math.fsum(
            chain(map(unigrams.get, set(words), repeat(0.0)), map(bigrams.get, set(map("_".join, pairwise(words))), repeat(0.0)))
        )
        total += _probability(z)
        if total / n >= threshold:
            return True
    return False


def _gate_says_news_fast(doc: Document, sample: list[tuple[int, int]], gate: dict[str, Any], threshold: float) -> bool:
    """:func:`_gate_says_news` on ``doc``, reading the document's word mask and bigrams as token pairs, shortest
    sentences first.

    A word token never holds ``_`` (the tokenizer splits it off), so ``x_y``
    names one pair ``(x, y)`` and the set of pairs counts each bigram feature
    once, as the set of joined strings does. A text with a ``_`` anywhere goes
    the plain way, so that holds whatever the tokenizer does.

    The answer is whether the probabilities' sum reaches ``threshold * len(sample)``, and a news text
    reaches it after a few sentences, whichever they are: shortest first, it reads 42 % fewer words (85
    instead of 146 per AllSides article). Summed in that order, the total can differ from the text-order
    sum in its last bits, so a total within :data:`_GATE_SLACK` of the bound is summed again in text order,
    and the answer is always the plain path's.
    """
    norms = doc.token_norms
    if "_" in doc.text:
        return _gate_says_news(norms, sample, gate, threshold)
    feature_get = _gate_features(gate).get
    is_word = doc.word_mask
    intercept = gate["intercept"]
    bound = threshold * len(sample)
    total = 0.0
    for a, b in sorted(sample, key=_token_count):
        total += _news_probability(norms[a:b], is_word[a:b], feature_get, intercept)
        if total >= bound + _GATE_SLACK:
            return True
    if total < bound - _GATE_SLACK:
        return False
    n = len(sample)  # too close to call: the text-order sum, as _gate_says_news takes it
    total = 0.0
    for a, b in sample:
        total += _news_probability(norms[a:b], is_word[a:b], feature_get, intercept)
        if total / n >= threshold:
            return True
    return False


#: Bigger than any difference the order of a dozen additions of probabilities (<= 1) can make (~1e-14).
_GATE_SLACK = 1e-9


def _token_count(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def _news_probability(tokens: list[str], is_word: list[bool], feature_get: Any, intercept: float) -> float:
    """The gate's news probability of one sentence, given its tokens and their word mask (see :func:`_gate_features`)."""
    words = list(compress(tokens, is_word))
    if any(map(str.isdigit, map(itemgetter(0), words))):
        words = [("<num>" if w[0].isdigit() else w) for w in words]
    z = intercept + math.fsum(map(feature_get, {*words, *pairwise(words)}, repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))  # _probability, inlined


_gate_features_cache: tuple[dict[str, Any], dict[str | tuple[str, str], float]] | None = None


def _gate_features(gate: dict[str, Any]) -> dict[str | tuple[str, str], float]:
    """The gate's weights keyed by word (``w:`` features) and by word pair (``b:`` features, split at their one ``_``).

    Built with the plain gate's tables (:func:`_gate_tables`, 10 ms once), so the first text that holds a
    ``_`` (read by the plain gate) costs no more than any other.
    """
    global _gate_features_cache
    if _gate_features_cache is None or _gate_features_cache[0] is not gate:
        _gate_tables(gate)
        features: dict[str | tuple[str, str], float] = {}
        for key, w in gate["weights"].items():
            if key.startswith("w:"):
                features[key[2:]] = w
            elif key.startswith("b:"):
                x, sep, y = key[2:].partition("_")
                if sep and "_" not in y:
                    features[(x, y)] = w
        _gate_features_cache = (gate, features)
    return _gate_features_cache[1]


_gate_cache: tuple[dict[str, Any], dict[str, float], dict[str, float]] | None = None


def _gate_tables(gate: dict[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    """The gate's unigram (``w:``) and bigram (``b:``) weights keyed by bare word and ``x_y``, split once per model.

    The gate reads only :func:`word_features`, so these two tables are all its weights.
    """
    global _gate_cache
    if _gate_cache is None or _gate_cache[0] is not gate:
        weights = gate["weights"]
        unigrams = {f[2:]: w for f, w in weights.items() if f.startswith("w:")}
        bigrams = {f[2:]: w for f, w in weights.items() if f.startswith("b:")}
        _gate_cache = (gate, unigrams, bigrams)
    return _gate_cache[1], _gate_cache[2]


def classify_sentences(
    norms: list[str], spans: list[tuple[int, int]], cues: list[list[Cue]], model: dict[str, Any] | None = None
) -> tuple[str, list[float], float]:
    """Uncertainty of each sentence (token ``spans``) of one text: ``(genre, probabilities, threshold)``.

    The genre gate is averaged over the first ``gate_sentences`` (12) sentences (enough
    to tell news from encyclopedic prose, and it keeps long articles cheap), so
    one text is read by one expert throughout. The news expert weighs lexicon
    cues only, so word features are built only for the gate and for "wiki" texts.
    """
    model = model or load_model()
    if not spans:
        return "news", [], model["experts"]["news"]["threshold"]
    sample = spans[: model.get("gate_sentences", 12)]
    genre = "news" if _gate_says_news(norms, sample, model["gate"], model["gate_threshold"]) else "wiki"
    probabilities, threshold = _expert_probabilities(norms, spans, cues, model["experts"][genre], genre == "news")
    return genre, probabilities, threshold


def _expert_probabilities(
    norms: list[str], spans: list[tuple[int, int]], cues: list[list[Cue]], expert: dict[str, Any], news: bool
) -> tuple[list[float], float]:
    """:func:`classify_sentences` once the gate has picked the ``expert`` (``news``: the news expert):
    ``(probabilities, threshold)``."""
    if news:
        # Lexicon cues are the news expert's only features: a sentence without
        # cues scores the intercept alone, computed once.
        no_cues = uncertainty_probability([], expert)
        if _reads_neighbours(expert):
            probabilities = [
                uncertainty_probability(cue_features(norms, a, b, cs), expert) if cs else no_cues
                for (a, b), cs in zip(spans, cues, strict=True)
            ]
        else:  # the shipped news expert: kind, category and entry only, the same sum without the neighbour strings
            weights, intercept = expert["weights"], expert["intercept"]
            probabilities = [
                _probability(intercept + math.fsum(map(weights.get, _cue_keys(cs), repeat(0.0)))) if cs else no_cues
                for cs in cues
            ]
        return probabilities, expert["threshold"]
    # uncertainty_probability(sentence_features(...), expert): the same set of features, not sorted first
    weights, intercept = expert["weights"], expert["intercept"]
    probabilities = [
        _probability(intercept + math.fsum(map(weights.get, _feature_set(norms, a, b, cs), repeat(0.0))))
        for (a, b), cs in zip(spans, cues, strict=True)
    ]
    return probabilities, expert["threshold"]


def _reads_neighbours(expert: dict[str, Any]) -> bool:
    """Does this expert weigh the ``x:``/``y:`` (cue beside its neighbour) features? Decided once per expert."""
    global _neighbour_cache
    if _neighbour_cache is None or _neighbour_cache[0] is not expert:
        _neighbour_cache = (expert, any(f.startswith(("x:", "y:")) for f in expert["weights"]))
    return _neighbour_cache[1]


_neighbour_cache: tuple[dict[str, Any], bool] | None = None


def _cue_keys(cues: list[Cue]) -> set[str]:
    """The ``k:``, ``c:`` and ``e:`` features of :func:`cue_features`, each once."""
    keys: set[str] = set()
    for c in cues:
        keys.update(("k:" + c.kind, "c:" + c.category, "e:" + c.entry.term.lower()))
    return keys


# ---------------------------------------------------------------- the signal
def _voice() -> dict[str, Any]:
    return {
        "words": 0,
        "hedge_count": 0,
        "booster_count": 0,
        "hedge_rate_per_1k_words": 0.0,
        "booster_rate_per_1k_words": 0.0,
        "assertiveness": 0.0,
    }


def empty() -> dict[str, Any]:
    return {
        "hedging": {
            **_voice(),
            "hedges": [],
            "boosters": [],
            "uncertain_sentences": [],
            "sentence_model": "news",
            "own_voice": _voice(),
            "quoted": _voice(),
        }
    }


def assertiveness(hedges: int, boosters: int) -> float:
    """``(boosters - hedges) / (boosters + hedges + 1)``: in (-1, 1), 0 with no cues.

    The ``+ 1`` shrinks scores resting on one or two cues towards neutral, so a
    short text with a single booster is not "fully assertive".
    """
    return round((boosters - hedges) / (boosters + hedges + 1), 4)


def _summary(words: int, hedges: int, boosters: int) -> dict[str, Any]:
    per_1k = 1000.0 / words if words else 0.0
    return {
        "words": words,
        "hedge_count": hedges,
        "booster_count": boosters,
        "hedge_rate_per_1k_words": round(hedges * per_1k, 3),
        "booster_rate_per_1k_words": round(boosters * per_1k, 3),
        "assertiveness": assertiveness(hedges, boosters),
    }


def measure(doc: Document, options: Any = None) -> dict[str, Any]:
    """Hedges, boosters and uncertain sentences of the body of ``doc``.

    Returns the ``hedging`` key: counts and rates per 1,000 body words for the
    whole body and split into ``own_voice`` (the outlet's words) and ``quoted``
    (inside the inner span of a ``Document.quotes`` passage); ``hedges``/``boosters`` as
    evidence dicts (``start``, ``end``, ``text``, ``category``, ``entry``,
    ``voice``, ``body``: False for a cue in an excluded span such as a
    disclaimer, shown but not counted); ``uncertain_sentences`` as spans with the model's ``score`` and
    the ``cues`` that fed it; ``sentence_model`` says which expert read the
    text ("news", or "wiki" when the genre gate took it for encyclopedic prose).

    The same answer as :func:`find_cues` per sentence and :func:`classify_sentences`
    (``tests/test_hedging.py`` checks it against that plain path), but only
    the tokens that can start a cue are visited: a C-level filter over the
    document keeps the positions whose token (or token pair) starts a lexicon
    term, and only the sentences holding one are looked at. With the shipped
    news expert a sentence without cues scores the intercept alone, below the
    threshold, so only sentences with cues are scored.
    """
    text = doc.text
    norms = doc.token_norms
    starts, ends = doc.token_starts, doc.token_ends
    sentences = doc.sentences
    body_mask = doc.body_mask
    hedges: list[dict[str, Any]] = []
    boosters: list[dict[str, Any]] = []
    has_quotes = bool(doc.quotes)
    quoted = doc.quote_mask
    sent_ts = doc.sentence_token_starts
    sent_te = [s.token_end for s in sentences]
    index, anchors, leading, shifted = _fast_index(load_lexicon("hedges"))
    rules = _rules()
    negators = rules.get("negator", frozenset())

    # Where a term can start: every term has one anchor token, its rarest (not "the",
    # "to", "of", which start phrases by the dozen), at a known offset in the term.
    # One C-level pass finds the anchors; a term anchored at offset k > 0 can start k
    # tokens before its anchor. Every match starts at a candidate; most candidates start one.
    hits = token_positions(map(anchors.__contains__, norms), len(norms))
    if hits:
        heads = list(map(norms.__getitem__, hits))
        found: set[int] | None = None
        for k, anchored in shifted:  # a C-level pass per offset (1, 2, 3), not a Python step per anchor
            moved = list(compress(hits, map(anchored.__contains__, heads)))
            if moved:
                if found is None:
                    found = set(compress(hits, map(leading.__contains__, heads)))
                found.update(map(sub, moved, repeat(k)) if moved[0] >= k else [j - k for j in moved if j >= k])
        if found is not None:
            hits = sorted(found)

    # Cues, sentence by sentence; only sentences holding a candidate are visited.
    sent_cues: list[tuple[int, list[tuple[int, int, str, str, LexiconEntry]], list[str]]] = []
    counts = [0, 0, 0, 0]  # own hedges, own boosters, quoted hedges, quoted boosters (body only)
    free = lo = 0
    hi = -1
    si = last_si = -1
    in_body = True
    cur: list[tuple[int, int, str, str, LexiconEntry]] = []
    cur_keys: list[str] = []
    for i in hits:
        if i < free:
            continue
        if i >= hi:
            si = bisect_right(sent_ts, i) - 1
            if si < 0 or i >= sent_te[si]:
                hi = -1
                continue  # a token outside every sentence
            lo, hi = sent_ts[si], sent_te[si]
            in_body = body_mask[si]
        first = index.get(norms[i])
        if first is None:
            continue
        by_second, singles = first
        chosen = None
        if i + 1 < hi:
            longer = by_second.get(norms[i + 1])
            if longer is not None:
                for t in longer:  # longest first
                    n = t[0]
                    if i + n > hi:
                        continue
                    toks = t[1]
                    if t[2]:
                        if any(text[starts[i + k] : ends[i + k]].replace("’", "'") != toks[k] for k in range(n)):
                            continue
                    elif n > 2 and tuple(norms[i : i + n]) != toks:
                        continue
                    if t[6] and not _context_ok(doc, t[6], i, i + n, lo, hi, rules):
                        continue
                    chosen = t
                    break
        if chosen is None:
            for t in singles:
                if t[2] and text[starts[i] : ends[i]].replace("’", "'") != t[1][0]:
                    continue
                if t[6] and not _context_ok(doc, t[6], i, i + 1, lo, hi, rules):
                    continue
                chosen = t
                break
            if chosen is None:
                continue
        free = i + chosen[0]
        kind = chosen[4]
        if kind == BLOCKER:  # "rather than", "you know": the shorter cue inside is not a stance marker
            continue
        flip = chosen[5]
        category = chosen[7]
        keys = chosen[9]
        if flip:
            flipped = _under_negation(norms, i, free, lo, hi, kind, flip, category, negators)
            if flipped is None:
                continue
            if flipped[0] != kind:
                kind, category = flipped
                keys = ("k:" + kind, "c:" + category, keys[2])
        if si != last_si:
            last_si = si
            cur = []
            cur_keys = []
            sent_cues.append((si, cur, cur_keys))
        e = chosen[3]
        cur.append((i, free, kind, category, e))
        cur_keys += keys
        if kind in (HEDGE, BOOSTER):  # conditions and weasel words feed the sentence model only
            start, end = starts[i], ends[free - 1]
            voice = "quoted" if quoted[i] and quoted[free - 1] else "own"
            term = chosen[8]
            # Cues outside the body (a disclaimer, a header) are shown but not counted.
            if category and term:
                ev = {"start": start, "end": end, "text": text[start:end], "category": category, "entry": term, "body": in_body, "voice": voice}
            else:
                ev = Evidence.from_span(text, start, end, category, term, voice=voice, body=in_body).to_dict()
            if kind == BOOSTER:
                boosters.append(ev)
                if in_body:
                    counts[3 if voice == "quoted" else 1] += 1
            else:
                hedges.append(ev)
                if in_body:
                    counts[2 if voice == "quoted" else 0] += 1

    # Body words, and those inside quotation marks.
    words, quoted_words = _body_words(doc, sent_ts, sent_te, body_mask, quoted if has_quotes else None)

    # The sentence model.
    body_idx = list(compress(range(len(sentences)), body_mask))
    model = _stored_model()
    uncertain: list[dict[str, Any]] = []
    if body_idx:
        sample = [(sent_ts[j], sent_te[j]) for j in body_idx[: model.get("gate_sentences", 12)]]
        genre = "news" if _gate_says_news_fast(doc, sample, model["gate"], model["gate_threshold"]) else "wiki"
    else:
        genre = "news"
    expert = _decode_weights(model["experts"][genre])
    threshold = expert["threshold"]
    if genre == "news" and not _reads_neighbours(expert) and uncertainty_probability([], expert) < threshold:
        # Only sentences with cues can reach the threshold: score those alone.
        weights, intercept = expert["weights"], expert["intercept"]
        scores = _score_cache(expert)
        for j, cues, keys in sent_cues:
            if not body_mask[j]:
                continue
            key = tuple(keys)
            score = scores.get(key, _UNSEEN)
            if score is _UNSEEN:
                p = _probability(intercept + math.fsum(map(weights.get, set(keys), repeat(0.0))))
                score = round(p, 4) if p >= threshold else None  # None: below the threshold
                if len(scores) < _SCORE_CACHE_SIZE:
                    scores[key] = score
            if score is not None:
                s = sentences[j]
                a, b = s.start, s.end
                uncertain.append({"start": a, "end": b, "text": text[a:b], "score": score, "cues": [text[starts[c[0]] : ends[c[1] - 1]] for c in cues]})
    elif body_idx:  # the plain path: every body sentence scored by the expert, as classify_sentences scores it
        by_sentence = {j: [Cue._make(c) for c in cues] for j, cues, _keys in sent_cues}
        body_cues = [by_sentence.get(j, []) for j in body_idx]
        spans = [(sent_ts[j], sent_te[j]) for j in body_idx]
        probabilities, threshold = _expert_probabilities(norms, spans, body_cues, expert, genre == "news")
        for j, p, cues in zip(body_idx, probabilities, body_cues, strict=True):
            if p >= threshold:
                s = sentences[j]
                cue_texts = [text[starts[c.token_start] : ends[c.token_end - 1]] for c in cues]
                uncertain.append({"start": s.start, "end": s.end, "text": text[s.start : s.end], "score": round(p, 4), "cues": cue_texts})
    own_words = words - quoted_words
    out = _summary(words, counts[0] + counts[2], counts[1] + counts[3])
    out.update(
        hedges=hedges,
        boosters=boosters,
        uncertain_sentences=uncertain,
        sentence_model=genre,
        own_voice=_summary(own_words, counts[0], counts[1]),
        quoted=_summary(quoted_words, counts[2], counts[3]),
    )
    return {"hedging": out}


_SCORE_CACHE_SIZE = 50_000
_UNSEEN = object()
_score_cache_of: tuple[dict[str, Any], dict[tuple[str, ...], float | None]] | None = None


def _score_cache(expert: dict[str, Any]) -> dict[tuple[str, ...], float | None]:
    """The news expert's rounded score of a sentence, by its cue keys in order (None: below the threshold).

    Most sentences hold one or two cues, so a few thousand key tuples cover
    most of any corpus; the cache stops growing at ``_SCORE_CACHE_SIZE``.
    """
    global _score_cache_of
    if _score_cache_of is None or _score_cache_of[0] is not expert:
        _score_cache_of = (expert, {})
    return _score_cache_of[1]


def _body_words(
    doc: Document, sent_ts: list[int], sent_te: list[int], body_mask: list[bool], quoted: list[bool] | None
) -> tuple[int, int]:
    """Words in body sentences, and how many of them are inside quotation marks.

    ``quoted`` is :attr:`Document.quote_mask` (None: the text has no quotes).
    """
    is_word = doc.word_mask
    n = len(sent_ts)
    if not n:
        return 0, 0
    if sent_ts[1:] == sent_te[:-1]:  # the sentences tile one token range: count it, less the sentences left out
        a0, b0 = sent_ts[0], sent_te[-1]
        words = doc.words if a0 == 0 and b0 == len(is_word) else sum(is_word[a0:b0])
        quoted_words = 0 if quoted is None else sum(compress(is_word[a0:b0], quoted[a0:b0]))
        if not all(body_mask):
            for j in compress(range(n), map(not_, body_mask)):
                a, b = sent_ts[j], sent_te[j]
                words -= sum(is_word[a:b])
                if quoted is not None:
                    quoted_words -= sum(compress(is_word[a:b], quoted[a:b]))
        return words, quoted_words
    prefix = list(accumulate(is_word, initial=0))
    words = sum(compress(map(sub, map(prefix.__getitem__, sent_te), map(prefix.__getitem__, sent_ts)), body_mask))
    if quoted is None:
        return words, 0
    prefix = list(accumulate(map(and_, is_word, quoted), initial=0))
    return words, sum(compress(map(sub, map(prefix.__getitem__, sent_te), map(prefix.__getitem__, sent_ts)), body_mask))


#: A lexicon term as :func:`measure` reads it: (length, tokens, case-sensitive, entry, kind, when_negated,
#: requires, category, term, ("k:" kind, "c:" category, "e:" term) model keys).
_Term = tuple[int, tuple[str, ...], bool, LexiconEntry, str, str, str, str, str, tuple[str, str, str]]
_FastIndex = dict[str, tuple[dict[str, list[_Term]], list[_Term]]]
_FastTables = tuple[_FastIndex, frozenset[str], frozenset[str], tuple[tuple[int, frozenset[str]], ...]]
_fast_cache: tuple[Lexicon, _FastTables] | None = None


def _fast_index(lex: Lexicon) -> _FastTables:
    """:func:`_pair_index` with each term's columns and model keys in one tuple, and the anchors of :func:`measure`.

    Returns the index; the anchor tokens (a term's rarest token, by
    ``lexicons/function_words.tsv``; the one token of a one-token term); those
    that anchor some term at its first token; and for each offset k > 0, the
    tokens that anchor some term k tokens in. Built once per loaded lexicon.
    """
    global _fast_cache
    if _fast_cache is not None and _fast_cache[0] is lex:
        return _fast_cache[1]
    pairs, columns = _pair_index(lex)

    def term(t: tuple[tuple[str, ...], bool, LexiconEntry]) -> _Term:
        toks, case_sensitive, e = t
        kind, flip, requires = columns[id(e)]
        keys = ("k:" + kind, "c:" + e.category, "e:" + e.term.lower())
        return (len(toks), toks, case_sensitive, e, kind, flip, requires, e.category, e.term, keys)

    index: _FastIndex = {
        first: ({second: [term(t) for t in ts] for second, ts in by_second.items()}, [term(t) for t in singles])
        for first, (by_second, singles) in pairs.items()
    }
    # A term's anchor is its rarest token by a rough estimate: any word outside the
    # frequent-word list (the longest), then the least frequent listed word, punctuation last.
    frequent = {}
    for rank, e in enumerate(load_lexicon("function_words").entries):
        frequent.setdefault(normalise(e.term), rank)

    def commonness(tok: str) -> int:
        if not tok[:1].isalnum():
            return 10_000
        rank = frequent.get(tok)
        return 1_000 - rank if rank is not None else -len(tok)

    leading: set[str] = set()
    offsets: dict[str, set[int]] = {}
    for by_second, singles in pairs.values():
        for toks, _case_sensitive, _e in chain(singles, *by_second.values()):
            norm = [normalise(t) for t in toks]
            k = min(range(len(norm)), key=lambda j: commonness(norm[j]))  # the first rarest
            if k:
                offsets.setdefault(norm[k], set()).add(k)
            else:
                leading.add(norm[0])
    by_offset = tuple((k, frozenset(a for a, ks in offsets.items() if k in ks)) for k in sorted(set().union(*offsets.values())))
    tables = (index, frozenset(leading) | frozenset(offsets), frozenset(leading), by_offset)
    _fast_cache = (lex, tables)
    return tables
