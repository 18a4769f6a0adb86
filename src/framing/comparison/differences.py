"""What differs between articles on one event: signal table, country sentiment, coverage, figures, findings.

Works on scored-article dicts (``ScoredArticle.to_dict()``) only: nothing here re-analyses the
text, except reading the few words around a figure to tell whether two figures talk about the
same thing. Every finding carries the evidence spans of each side (half-open offsets into that
article's text) and says whether the difference is within noise.

Noise. Articles are short, so many differences rest on a handful of cues. For counts per words
(hedges, boosters) the test is exact binomial: given the cues both articles have together, is
the split between them unlike the split of their words? For shares (figures sourced) it is
Fisher's exact test. ``p < 0.05`` is called *clear*, ``p < NOISE_P`` *suggestive*, anything else,
or fewer than ``MIN_CUES`` cues in all, *within noise*: reported, flagged, and ranked last.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from framing.signals.sourcing import QUOTED_KINDS

#: p-value at or above which a difference is reported as within noise.
NOISE_P = 0.2
#: Fewest cues (hedges, boosters, figures) both articles must have together before a rate is compared.
MIN_CUES = 4
#: Fewest mentions of a country in each article before their sentiments toward it are compared.
MIN_MENTIONS = 3
#: Sentiment gaps (on the -1..1 scale) below this are within noise; at or above SENTIMENT_GAP_CLEAR, clear.
SENTIMENT_GAP_NOISE = 0.2
SENTIMENT_GAP_CLEAR = 0.5
#: Most evidence spans given per side of a finding (the rest are counted, not listed).
MAX_EVIDENCE = 6

#: Numeric signals of the outlet × signal table: (name, where in the scored dict, what it means).
SIGNALS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("hedge_rate_per_1k_words", ("hedging", "hedge_rate_per_1k_words"), "hedges per 1,000 words"),
    ("booster_rate_per_1k_words", ("hedging", "booster_rate_per_1k_words"), "boosters per 1,000 words"),
    ("assertiveness", ("hedging", "assertiveness"), "boosters vs hedges, -1 (all hedges) to 1 (all boosters)"),
    ("share_figures_sourced", ("sourcing", "share_sourced"), "share of figures attributed to a source"),
    ("share_figures_vague_source", ("sourcing", "share_vague"), "share of figures attributed only vaguely"),
)

#: Style numbers added to the table when the article has them (group, key in the scored dict).
TABLE_EXTRAS: tuple[tuple[str, str], ...] = (
    ("readability", "flesch_reading_ease"),
    ("readability", "flesch_kincaid_grade"),
    ("readability", "words_per_sentence"),
    ("loaded_language", "rate_per_1k_words"),
)


# ---------------------------------------------------------------- reading scored dicts
def _get(d: dict[str, Any], path: Sequence[str]) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if math.isnan(value) else float(value)


def _span(item: dict[str, Any]) -> dict[str, Any]:
    return {"start": item["start"], "end": item["end"], "text": item.get("text", "")}


def _spans(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = [_span(x) for x in items if isinstance(x, dict) and "start" in x and "end" in x]
    return sorted(out, key=lambda s: (s["start"], s["end"]))[:MAX_EVIDENCE]


def article_signals(d: dict[str, Any]) -> dict[str, float | int | None]:
    """One row of the outlet × signal table, from one scored-article dict (missing signals are None)."""
    row: dict[str, float | int | None] = {name: _number(_get(d, path)) for name, path, _ in SIGNALS}
    row["figures"] = len(d.get("figures") or [])
    quotes = d.get("quotes") or []
    row["quotes"] = sum(1 for q in quotes if q.get("kind", "direct") in QUOTED_KINDS)
    row["reported_speech"] = sum(1 for q in quotes if q.get("kind") == "indirect")
    row["disclaimers"] = len(d.get("disclaimers") or [])
    row["countries_mentioned"] = len(d.get("countries") or [])
    for group, key in TABLE_EXTRAS:
        value = _number(_get(d, (group, key)))
        if value is not None:
            row[f"{group}.{key}"] = value
    return row


def voices_by_country(d: dict[str, Any]) -> dict[str, int]:
    """How many quotes each country's speakers get: the sourcing signal's ``voices_by_country`` without the
    speakers of no known country."""
    counts = (d.get("sourcing") or {}).get("voices_by_country") or {}
    return {country: n for country, n in sorted(counts.items()) if country != "unknown"}


# ---------------------------------------------------------------- noise
def _rate_test(c1: int, w1: int, c2: int, w2: int) -> float | None:
    """Two-sided exact binomial p-value that two counts per words differ only by chance."""
    if c1 + c2 < MIN_CUES or not w1 or not w2:
        return None
    from scipy.stats import binomtest

    return float(binomtest(c1, c1 + c2, w1 / (w1 + w2)).pvalue)


def _share_test(k1: int, n1: int, k2: int, n2: int) -> float | None:
    """Two-sided Fisher exact p-value that two shares differ only by chance."""
    if n1 < 2 or n2 < 2 or n1 + n2 < MIN_CUES:
        return None
    from scipy.stats import fisher_exact

    return float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)


def confidence(p: float | None) -> str:
    """``clear`` (p < 0.05), ``suggestive`` (p < NOISE_P) or ``within noise`` (otherwise, or too few cues)."""
    if p is None or p >= NOISE_P:
        return "within noise"
    return "clear" if p < 0.05 else "suggestive"


def _qualifier(conf: str, p: float | None, cues: int) -> str:
    if p is None:
        return f" — within noise: only {cues} cue{'s' * (cues != 1)} in all, too few to tell"
    if conf == "within noise":
        return f" — within noise (p = {p:.2f}): could well be chance"
    if conf == "suggestive":
        return f" (p = {p:.2f}: suggestive, not conclusive)"
    return f" (p = {p:.3f})" if p >= 0.001 else " (p < 0.001)"


# ---------------------------------------------------------------- helpers for statements
def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------- findings
def _rate_findings(arts: Sequence[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for signal, count_key, evidence_key, noun in (
        ("hedge_rate_per_1k_words", "hedge_count", "hedges", "hedge rate (hedges per 1,000 words)"),
        ("booster_rate_per_1k_words", "booster_count", "boosters", "booster rate (boosters per 1,000 words)"),
    ):
        for a, b in combinations(arts, 2):
            ha, hb = a.get("hedging") or {}, b.get("hedging") or {}
            ra, rb = _number(ha.get(signal)), _number(hb.get(signal))
            if ra is None or rb is None or ra == rb:
                continue
            hi, lo = (a, b) if ra > rb else (b, a)
            hh, hl = (ha, hb) if ra > rb else (hb, ha)
            c1, c2 = int(hh.get(count_key) or 0), int(hl.get(count_key) or 0)
            w1, w2 = int(hh.get("words") or 0), int(hl.get("words") or 0)
            p = _rate_test(c1, w1, c2, w2)
            conf = confidence(p)
            r1, r2 = max(ra, rb), min(ra, rb)
            statement = (
                f"{labels[hi['id']]} has a higher {noun} than {labels[lo['id']]}: "
                f"{r1:.1f} ({c1} in {w1} words) against {r2:.1f} ({c2} in {w2} words)" + _qualifier(conf, p, c1 + c2)
            )
            out.append(
                {
                    "kind": "signal",
                    "signal": signal,
                    "higher": hi["id"],
                    "lower": lo["id"],
                    "values": {hi["id"]: r1, lo["id"]: r2},
                    "counts": {hi["id"]: [c1, w1], lo["id"]: [c2, w2]},
                    "evidence": {
                        hi["id"]: _spans(hh.get(evidence_key) or []),
                        lo["id"]: _spans(hl.get(evidence_key) or []),
                    },
                    "p_value": p,
                    "confidence": conf,
                    "within_noise": conf == "within noise",
                    "size": round((r1 - r2) / r1, 4) if r1 else 0.0,
                    "statement": statement,
                }
            )
    return out


def _figure_counts(d: dict[str, Any]) -> tuple[int, int, int]:
    figures = d.get("figures") or []
    sourced = sum(1 for f in figures if f.get("sourced"))
    vague = sum(1 for f in figures if isinstance(f.get("source"), dict) and f["source"].get("type") == "vague")
    return len(figures), sourced, vague


def _sourcing_findings(arts: Sequence[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for a, b in combinations(arts, 2):
        na, ka, _ = _figure_counts(a)
        nb, kb, _ = _figure_counts(b)
        if not na or not nb:
            continue
        sa, sb = ka / na, kb / nb
        if sa == sb:
            continue
        hi, lo = (a, b) if sa > sb else (b, a)
        (k1, n1), (k2, n2) = ((ka, na), (kb, nb)) if sa > sb else ((kb, nb), (ka, na))
        p = _share_test(k1, n1, k2, n2)
        conf = confidence(p)
        statement = (
            f"{labels[hi['id']]} sources a larger share of its figures than {labels[lo['id']]} "
            f"({k1} of {n1} against {k2} of {n2})" + _qualifier(conf, p, n1 + n2)
        )

        def sourced_spans(d: dict[str, Any], want: bool) -> list[dict[str, Any]]:
            return _spans([f for f in d.get("figures") or [] if bool(f.get("sourced")) == want])

        out.append(
            {
                "kind": "signal",
                "signal": "share_figures_sourced",
                "higher": hi["id"],
                "lower": lo["id"],
                "values": {hi["id"]: round(k1 / n1, 4), lo["id"]: round(k2 / n2, 4)},
                "counts": {hi["id"]: [k1, n1], lo["id"]: [k2, n2]},
                "evidence": {hi["id"]: sourced_spans(hi, True), lo["id"]: sourced_spans(lo, False)},
                "p_value": p,
                "confidence": conf,
                "within_noise": conf == "within noise",
                "size": round(k1 / n1 - k2 / n2, 4),
                "statement": statement,
            }
        )
    return out


_KIND_WORDS = {
    ("disclaimers", "disclaimer"): "a disclaimer",
    ("boilerplate", "promotion"): "promotional boilerplate",
    ("boilerplate", "publication_line"): "a publication line",
}


def _presence_findings(arts: Sequence[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Disclaimers and boilerplate kinds that some articles carry and others do not."""
    out = []
    if len(arts) < 2:
        return out
    for signal in ("disclaimers", "boilerplate"):
        by_kind: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for a in arts:
            for x in a.get(signal) or []:
                by_kind.setdefault(str(x.get("kind") or signal), {}).setdefault(a["id"], []).append(x)
        for kind, holders in sorted(by_kind.items()):
            if len(holders) == len(arts):
                continue
            ids = [a["id"] for a in arts if a["id"] in holders]
            missing = [a["id"] for a in arts if a["id"] not in holders]
            what = _KIND_WORDS.get((signal, kind)) or (
                "a disclaimer" if signal == "disclaimers" else f"boilerplate ({kind.replace('_', ' ')})"
            )
            if signal == "disclaimers" and kind != "disclaimer":
                what = f"a disclaimer ({kind.replace('_', ' ')})"
            who = join_names([labels[i] for i in ids])
            statement = f"only {who} {'carries' if len(ids) == 1 else 'carry'} {what}; {join_names([labels[i] for i in missing])} {'does' if len(missing) == 1 else 'do'} not"
            out.append(
                {
                    "kind": "presence",
                    "signal": signal,
                    "category": kind,
                    "only": ids,
                    "absent": missing,
                    "values": {a["id"]: len(holders.get(a["id"], [])) for a in arts},
                    "evidence": {i: _spans(holders[i]) for i in ids},
                    "p_value": None,
                    "confidence": "clear",
                    "within_noise": False,
                    "size": 1.0 - len(ids) / len(arts),
                    "statement": statement,
                }
            )
    return out


def _strongest(item: Any) -> dict[str, Any] | None:
    return _span(item) if isinstance(item, dict) and "start" in item and "end" in item else None


def _sentiment_evidence(v: dict[str, Any], side: str) -> list[dict[str, Any]]:
    """The sentence that pulls the score most toward ``side`` ("positive"/"negative"), then the mentions."""
    first = v.get(f"strongest_{side}")
    return ([first] if first else []) + [e for e in v["evidence"] if not first or e["start"] >= first["end"] or e["end"] <= first["start"]][: MAX_EVIDENCE - 1]


def country_matrix(arts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outlet × country sentiment: one row per country, with each article's sentiment, label and mentions."""
    rows: dict[str, dict[str, Any]] = {}
    for a in arts:
        for c in a.get("countries") or []:
            code = str(c.get("code") or c.get("name"))
            row = rows.setdefault(code, {"code": code, "name": c.get("name") or code, "articles": {}})
            row["articles"][a["id"]] = {
                "sentiment": _number(c.get("sentiment")),
                "label": c.get("label"),
                "mentions": int(c.get("mentions") or len(c.get("evidence") or [])),
                "evidence": _spans(c.get("evidence") or []),
                "strongest_positive": _strongest(c.get("strongest_positive")),
                "strongest_negative": _strongest(c.get("strongest_negative")),
            }
    for row in rows.values():
        row["total_mentions"] = sum(v["mentions"] for v in row["articles"].values())
    return sorted(rows.values(), key=lambda r: (-len(r["articles"]), -r["total_mentions"], r["name"]))


def _voice_quotes(d: dict[str, Any], countries: set[str]) -> list[dict[str, Any]]:
    """Quotes whose speaker is from one of ``countries`` (by the quote's speaker_country or the voices list)."""
    speakers = {v.get("speaker") for v in d.get("voices") or [] if isinstance(v, dict) and v.get("country") in countries}
    return _spans([q for q in d.get("quotes") or [] if q.get("speaker_country") in countries or q.get("speaker") in speakers])


def _actor_name(q: dict[str, Any]) -> str | None:
    """A quoted speaker worth naming as an actor: a capitalised name, not vague ("Experts"), not a pronoun.

    Cut at the first comma ("Democrats, who declined …" is "Democrats"). A name is up to six words
    whose content words are capitalised ("Navy Captain Jeff Davis", "Ministry of Agriculture");
    "He", "Americans should" or a lone letter are not names.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = (q.get("speaker") or "").split(",")[0].strip(" -―—").split()
    while words and words[0].lower() in ENGLISH_STOP_WORDS and len(words) > 1:  # "And Defense Secretary …"
        words = words[1:]
    name = " ".join(words)
    if not words or len(words) > 6 or q.get("speaker_type") == "vague" or len(name) < 2:
        return None
    if len(words) == 1 and name.lower() in ENGLISH_STOP_WORDS:
        return None
    if not all(w[:1].isupper() or w.lower() in ENGLISH_STOP_WORDS for w in words) or not words[-1][:1].isupper():
        return None
    return name


def _coverage_findings(
    arts: Sequence[dict[str, Any]], labels: dict[str, str], matrix: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    ids = [a["id"] for a in arts]
    everyone = [r["name"] for r in matrix if len(r["articles"]) == len(ids)]
    only = {i: [r["name"] for r in matrix if list(r["articles"]) == [i]] for i in ids}
    partial = [r["name"] for r in matrix if 1 < len(r["articles"]) < len(ids)]
    coverage = {"countries": {"all": everyone, "some": partial, "only": only}}
    findings = []
    if len(ids) < 2:
        return coverage, findings
    if matrix:
        both = "both articles" if len(ids) == 2 else f"all {len(ids)} articles"
        parts = [f"{both} mention {join_names(everyone)}"] if everyone else [f"no country is mentioned by {both}"]
        for i in ids:
            if only[i]:
                parts.append(f"only {labels[i]} mentions {join_names(only[i])}")
        evidence = {}
        for i in ids:
            spans = []
            for r in matrix:
                if i in r["articles"] and (r["name"] in only[i] or r["name"] in everyone):
                    spans.extend(r["articles"][i]["evidence"][:1])
            evidence[i] = sorted(spans, key=lambda s: s["start"])[: MAX_EVIDENCE * 2]
        n_only = sum(len(v) for v in only.values())
        findings.append(
            {
                "kind": "coverage",
                "signal": "countries",
                "shared": everyone,
                "only": {i: v for i, v in only.items() if v},
                "values": {i: sum(1 for r in matrix if i in r["articles"]) for i in ids},
                "evidence": evidence,
                "p_value": None,
                "confidence": "clear",
                "within_noise": False,
                "size": round(n_only / len(matrix), 4),
                "statement": "; ".join(parts),
            }
        )
    # Voices: whose countries' people are quoted (the sourcing signal's speaker countries).
    voices = {a["id"]: voices_by_country(a) for a in arts}
    voiced = sorted({c for v in voices.values() for c in v})
    only_voices = {i: [c for c in voiced if list(k for k in ids if c in voices[k]) == [i]] for i in ids}
    coverage["voices"] = {"by_article": voices, "only": {i: v for i, v in only_voices.items() if v}}
    if any(only_voices.values()):
        parts = [
            f"only {labels[i]} quotes voices from {join_names(v)} ({', '.join(f'{voices[i][c]} quote' + 's' * (voices[i][c] != 1) for c in v)})"
            for i, v in only_voices.items()
            if v
        ]
        findings.append(
            {
                "kind": "coverage",
                "signal": "voices_by_country",
                "shared": [c for c in voiced if all(c in voices[i] for i in ids)],
                "only": {i: v for i, v in only_voices.items() if v},
                "values": {i: sum(voices[i].values()) for i in ids},
                "evidence": {i: _voice_quotes(arts[ids.index(i)], set(v)) for i, v in only_voices.items() if v},
                "p_value": None,
                "confidence": "clear",
                "within_noise": False,
                "size": round(0.5 * sum(map(len, only_voices.values())) / len(voiced), 4),
                "statement": "; ".join(parts),
            }
        )
    # Actors: who is quoted. Matched on the last word of the name ("Peskov" = "Dmitry Peskov").
    speakers: dict[str, dict[str, list[dict[str, Any]]]] = {}
    display: dict[str, str] = {}
    for a in arts:
        for q in a.get("quotes") or []:
            name = _actor_name(q)
            if not name:
                continue
            key = name.split()[-1].lower()
            if len(name) > len(display.get(key, "")):
                display[key] = name
            speakers.setdefault(key, {}).setdefault(a["id"], []).append(q)
    only_actors = {i: sorted(display[k] for k, v in speakers.items() if list(v) == [i]) for i in ids}
    coverage["actors"] = {
        "all": sorted(display[k] for k, v in speakers.items() if len(v) == len(ids)),
        "only": only_actors,
    }
    if any(only_actors.values()):
        parts = [f"only {labels[i]} quotes {join_names(v)}" for i, v in only_actors.items() if v]
        findings.append(
            {
                "kind": "coverage",
                "signal": "quoted_actors",
                "shared": coverage["actors"]["all"],
                "only": {i: v for i, v in only_actors.items() if v},
                "values": {i: len(a.get("quotes") or []) for i, a in zip(ids, arts, strict=True)},
                "evidence": {
                    i: _spans([q for k, v in speakers.items() if list(v) == [i] for q in v[i]]) for i in ids if only_actors[i]
                },
                "p_value": None,
                "confidence": "clear",
                "within_noise": False,
                "size": round(0.4 * sum(map(len, only_actors.values())) / max(1, len(speakers)), 4),
                "statement": "; ".join(parts),
            }
        )
    return coverage, findings


def _sentiment_findings(labels: dict[str, str], matrix: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in matrix:
        present = [(i, v) for i, v in row["articles"].items() if v["sentiment"] is not None]
        for (ia, va), (ib, vb) in combinations(present, 2):
            if va["label"] == vb["label"]:
                continue
            hi, lo = ((ia, va), (ib, vb)) if va["sentiment"] > vb["sentiment"] else ((ib, vb), (ia, va))
            gap = hi[1]["sentiment"] - lo[1]["sentiment"]
            few = min(va["mentions"], vb["mentions"]) < MIN_MENTIONS
            small = gap < SENTIMENT_GAP_NOISE
            noise = few or small
            why = " — within noise: too few mentions to tell" if few else (" — within noise: a small gap" if small else "")
            statement = (
                f"{labels[hi[0]]} writes about {row['name']} more favourably than {labels[lo[0]]}: "
                f"{hi[1]['label']} ({hi[1]['sentiment']:+.2f}, {hi[1]['mentions']} mentions) against "
                f"{lo[1]['label']} ({lo[1]['sentiment']:+.2f}, {lo[1]['mentions']} mentions)" + why
            )
            out.append(
                {
                    "kind": "sentiment",
                    "signal": "country_sentiment",
                    "country": row["code"],
                    "higher": hi[0],
                    "lower": lo[0],
                    "values": {hi[0]: hi[1]["sentiment"], lo[0]: lo[1]["sentiment"]},
                    "evidence": {hi[0]: _sentiment_evidence(hi[1], "positive"), lo[0]: _sentiment_evidence(lo[1], "negative")},
                    "p_value": None,
                    "confidence": "within noise" if noise else "clear" if gap >= SENTIMENT_GAP_CLEAR else "suggestive",
                    "within_noise": noise,
                    "size": round(gap / 2, 4),
                    "statement": statement,
                }
            )
    return out


# ---------------------------------------------------------------- figures
_NUMBER = re.compile(r"(?P<cur>[$€£¥])?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>thousand|million|billion|trillion|bn|mn|m|k)?\b", re.I)
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_UNIT_WORDS = re.compile(r"[A-Za-z%]+")
_UNIT_ALIASES = {
    "%": "percent", "percent": "percent", "pct": "percent",
    "tons": "tonne", "ton": "tonne", "tonnes": "tonne", "tonne": "tonne", "t": "tonne",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mile", "mile": "mile", "hour": "hour", "hours": "hour", "days": "day", "day": "day",
    "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "rupees": "INR",
}
_SKIP_UNIT_WORDS = {"metric", "to", "and", "of", "more", "than", "about", "some", "nearly", "over", "almost", "around"}
_CONTEXT_STOP = frozenset(
    ["that", "this", "with", "from", "have", "has", "had", "were", "been", "their", "they", "them", "which", "while", "would", "could", "should", "about", "after", "also", "into", "over", "more", "than", "said", "says", "other", "some", "such", "only", "very", "will", "your", "there", "these", "those", "what", "when", "where", "whose", "because", "being", "between", "both", "each", "most", "much", "many", "year", "years", "percent", "million", "billion"]
)
_CONTEXT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")


def parse_figure(text: str) -> dict[str, Any] | None:
    """``{"value": float, "high": float, "unit": str}`` of a figure's text ("$1.5 billion", "200 to 250 tons").

    ``unit`` is a currency code, ``percent``, a normalised unit (``tonne``, ``km``, ``hour``) or the
    counted noun ("firms"); empty when the figure is a bare number. Ranges give ``value`` (low) and
    ``high``. None when the text holds no number.
    """
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return None
    values, scales, currency = [], [], None
    for m in numbers:
        v = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        # "1,300-km": the "k" of km is not "thousand"
        factor = _SCALE.get(scale, 1.0) if not text[m.end("num") :].lower().lstrip(" -").startswith("km") else 1.0
        values.append(v * factor)
        scales.append(factor)
        currency = currency or _CURRENCY.get(m.group("cur") or "")
    # "2 to 3 million": the scale written once applies to both ends
    if len(values) > 1 and scales[0] == 1.0 and scales[-1] > 1.0:
        values[0] *= scales[-1]
    tail = text[numbers[-1].end() :]
    unit = currency or ""
    if not unit:
        if "%" in text or re.search(r"\bper ?cent\b", text, re.I):
            unit = "percent"
        else:
            for w in _UNIT_WORDS.findall(tail):
                lw = w.lower()
                if lw in _SKIP_UNIT_WORDS:
                    continue
                unit = _UNIT_ALIASES.get(lw, lw.rstrip("s") if len(lw) > 3 else lw)
                break
    return {"value": values[0], "high": values[-1], "unit": unit}


def _context(d: dict[str, Any], f: dict[str, Any], window: int = 160) -> set[str]:
    """Content words near a figure (same paragraph, ``window`` characters either side), lower-cased."""
    text = d.get("text") or ""
    sentence = f.get("sentence")
    if isinstance(sentence, dict) and 0 <= sentence.get("start", -1) <= f["start"] < f["end"] <= sentence.get("end", -1):
        # The sentence the figure is in (given by the sourcing signal), plus a little of its neighbours.
        lo, hi = max(0, sentence["start"] - window // 2), min(len(text), sentence["end"] + window // 2)
        return {w.lower().strip("'’-") for w in _CONTEXT_WORD.findall(text[lo : f["start"]] + " " + text[f["end"] : hi])} - _CONTEXT_STOP
    lo = max(0, f["start"] - window)
    hi = min(len(text), f["end"] + window)
    para_start = text.rfind("\n\n", lo, f["start"])
    para_end = text.find("\n\n", f["end"], hi)
    lo = para_start + 2 if para_start >= 0 else lo
    hi = para_end if para_end >= 0 else hi
    around = text[lo : f["start"]] + " " + text[f["end"] : hi]
    return {w.lower().strip("'’-") for w in _CONTEXT_WORD.findall(around)} - _CONTEXT_STOP


#: Overlap of the words around two figures (Jaccard) needed to call them the same quantity.
FIGURE_CONTEXT_MIN = 0.2
#: Largest ratio between two values still read as one quantity on which outlets disagree.
MAX_DISAGREEMENT_RATIO = 2.0
#: Relative gap below which two values of one quantity are reported as within noise (rounding: $139m vs $141m).
ROUNDING_GAP = 0.05
#: Shared content words needed as well, so two short contexts do not match on one word.
FIGURE_SHARED_WORDS_MIN = 3


def _figures_of(d: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for f in d.get("figures") or []:
        parsed = parse_figure(f.get("text", ""))
        if parsed is None:
            continue
        if isinstance(f.get("value"), (int, float)) and not isinstance(f.get("value"), bool):
            parsed["value"] = parsed["high"] = float(f["value"])
        if isinstance(f.get("unit"), str) and f["unit"]:
            parsed["unit"] = _UNIT_ALIASES.get(f["unit"].lower(), f["unit"])
        out.append({"figure": f, **parsed, "context": _context(d, f)})
    return out


def _plausibly_same_quantity(a: float, b: float) -> bool:
    """Two different values could be one quantity reported differently only if within MAX_DISAGREEMENT_RATIO.

    Outlets that disagree on a number disagree by a little ($139 million against $141 million, 20%
    against 30%); $13.6 million and $43.9 million in one paragraph about taxes are two quantities.
    """
    lo, hi = sorted((abs(a), abs(b)))
    return lo > 0 and hi / lo <= MAX_DISAGREEMENT_RATIO


def _same_value(x: dict[str, Any], y: dict[str, Any]) -> bool:
    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)

    return close(x["value"], y["value"]) and close(x["high"], y["high"])


def _merge_shared(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pairs of equal figures merged into one entry per quantity: unit, value, and each article's spans.

    "$5.7 billion" in three articles, twice in some, is one shared figure, not four pairs.
    """
    merged: dict[tuple[str, float], dict[str, Any]] = {}
    for p in pairs:
        value = next(iter(p["values"].values()))
        key = (p["unit"], round(value, 6))
        entry = merged.setdefault(key, {"unit": p["unit"], "value": value, "articles": {}, "shared_context": []})
        for art, span in p["articles"].items():
            spans = entry["articles"].setdefault(art, [])
            if span not in spans:
                spans.append(span)
        entry["shared_context"] = sorted(set(entry["shared_context"]) | set(p["shared_context"]))[:12]
    out = list(merged.values())
    for e in out:
        e["articles"] = {k: sorted(v, key=lambda s: s["start"]) for k, v in sorted(e["articles"].items())}
    return sorted(out, key=lambda e: (-len(e["articles"]), e["unit"], e["value"]))


def figure_comparison(arts: Sequence[dict[str, Any]], labels: dict[str, str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Figures in several articles (agreeing or not) and figures only one article gives.

    Two figures are the same quantity when their units match and the words around them overlap
    (Jaccard >= FIGURE_CONTEXT_MIN, with at least FIGURE_SHARED_WORDS_MIN shared words) or their
    values are identical with the same unit and some shared context; different values must also be
    within MAX_DISAGREEMENT_RATIO of each other. Pairing is greedy on context
    overlap, one partner per figure per article. Matching values agree; different values are a
    disagreement.
    """
    if len(arts) < 2:  # nothing to match: skip reading contexts (most events in a large run are single)
        only = {a["id"]: [_span(f) for f in a.get("figures") or []] for a in arts}
        return {"shared": [], "disagreements": [], "only": only}, []
    parsed = {a["id"]: _figures_of(a) for a in arts}
    candidates = []
    for a, b in combinations(arts, 2):
        for i, x in enumerate(parsed[a["id"]]):
            for j, y in enumerate(parsed[b["id"]]):
                if x["unit"] != y["unit"]:
                    continue
                shared = x["context"] & y["context"]
                union = x["context"] | y["context"]
                overlap = len(shared) / len(union) if union else 0.0
                same = _same_value(x, y)
                if not same and not _plausibly_same_quantity(x["value"], y["value"]):
                    continue
                if (overlap >= FIGURE_CONTEXT_MIN and len(shared) >= FIGURE_SHARED_WORDS_MIN) or (same and len(shared) >= 2):
                    candidates.append((-overlap, a["id"], i, b["id"], j, sorted(shared), same))
    # Equal values first (an identical figure in shared context is the surest match), then by overlap.
    candidates.sort(key=lambda c: (not c[6], c[0], c[1], c[2], c[3], c[4]))
    used: set[tuple[str, int, str]] = set()
    shared_out, disagreements = [], []
    for neg_overlap, ia, i, ib, j, words, same in candidates:
        if (ia, i, ib) in used or (ib, j, ia) in used:
            continue
        used.add((ia, i, ib))
        used.add((ib, j, ia))
        x, y = parsed[ia][i], parsed[ib][j]
        entry = {
            "unit": x["unit"],
            "articles": {ia: _span(x["figure"]), ib: _span(y["figure"])},
            "values": {ia: x["value"], ib: y["value"]},
            "context_overlap": round(-neg_overlap, 4),
            "shared_context": words[:12],
        }
        (shared_out if same else disagreements).append(entry)
    matched = {(k[0], k[1]) for k in used}
    only = {a["id"]: [_span(p["figure"]) for n, p in enumerate(parsed[a["id"]]) if (a["id"], n) not in matched] for a in arts}
    shared_out = _merge_shared(shared_out)
    result = {"shared": shared_out, "disagreements": disagreements, "only": only}
    findings = []
    if len(arts) < 2:
        return result, findings
    counts = {a["id"]: len(a.get("figures") or []) for a in arts}
    for dis in disagreements:
        (ia, sa), (ib, sb) = sorted(dis["articles"].items())
        va, vb = dis["values"][ia], dis["values"][ib]
        gap = abs(va - vb) / max(abs(va), abs(vb), 1e-9)
        small = gap < ROUNDING_GAP
        note = (
            f" — within noise: {gap:.0%} apart, could be rounding or a different cut-off"
            if small
            else f" — {gap:.0%} apart"
        )
        findings.append(
            {
                "kind": "figure_disagreement",
                "signal": "figures",
                "values": {ia: va, ib: vb},
                "evidence": {ia: [sa], ib: [sb]},
                "p_value": None,
                "confidence": "within noise" if small else "clear",
                "within_noise": small,
                "size": round(gap, 4),
                "statement": (
                    f"figures disagree: {labels[ia]} gives {sa['text']!r} where {labels[ib]} gives {sb['text']!r} "
                    f"(same unit, nearby words in common: {', '.join(dis['shared_context'][:5])})" + note
                ),
            }
        )
    if not shared_out and not disagreements:
        if all(counts.values()):
            who = "the two articles share" if len(arts) == 2 else f"the {len(arts)} articles share"
            figs = " and ".join(str(counts[a["id"]]) for a in arts) if len(arts) == 2 else ", ".join(f"{labels[a['id']]} {counts[a['id']]}" for a in arts)
            statement = f"{who} no figure ({figs} figures): no number is paired across them, and none is compared as a disagreement"
        else:
            none = [labels[a["id"]] for a in arts if not counts[a["id"]]]
            statement = f"no figure is shared: {join_names(none)} {'gives' if len(none) == 1 else 'give'} no figures at all"
        findings.append(
            {
                "kind": "figures_shared",
                "signal": "figures",
                "shared": 0,
                "values": counts,
                "evidence": {},
                "p_value": None,
                "confidence": "clear",
                "within_noise": False,
                "size": 0.5,
                "statement": statement,
            }
        )
    elif shared_out:
        described = []
        for e in shared_out[:5]:
            first = next(iter(e["articles"].values()))[0]["text"]
            n = len(e["articles"])
            described.append(f"{first} (in {'all ' if n == len(arts) and n > 2 else ''}{n} articles)" if len(arts) > 2 else first)
        findings.append(
            {
                "kind": "figures_shared",
                "signal": "figures",
                "shared": len(shared_out),
                "values": counts,
                "evidence": {i: [e["articles"][i][0] for e in shared_out if i in e["articles"]][:MAX_EVIDENCE] for i in counts},
                "p_value": None,
                "confidence": "clear",
                "within_noise": False,
                "size": 0.2,
                "statement": f"{len(shared_out)} figure{'s' * (len(shared_out) != 1)} appear{'s' * (len(shared_out) == 1)} "
                "in more than one article with the same value: " + ", ".join(described),
            }
        )
    for a in arts:
        mine = only[a["id"]]
        if mine and len(arts) > 1:
            findings.append(
                {
                    "kind": "figures_only",
                    "signal": "figures",
                    "only": [a["id"]],
                    "values": {a["id"]: len(mine)},
                    "evidence": {a["id"]: mine[:MAX_EVIDENCE]},
                    "p_value": None,
                    "confidence": "clear",
                    "within_noise": False,
                    "size": round(0.3 * len(mine) / max(1, sum(len(v) for v in only.values())), 4),
                    "statement": f"only {labels[a['id']]} gives {len(mine)} figure{'s' * (len(mine) != 1)}: "
                    + ", ".join(s["text"] for s in mine[:5])
                    + (", …" if len(mine) > 5 else ""),
                }
            )
    return result, findings


def compare_event(arts: Sequence[dict[str, Any]], labels: dict[str, str]) -> dict[str, Any]:
    """The comparison of one event's scored articles: matrix, coverage, figures and ranked findings."""
    matrix = country_matrix(arts)
    coverage, coverage_findings = _coverage_findings(arts, labels, matrix)
    figures, figure_findings = figure_comparison(arts, labels)
    findings = (
        _rate_findings(arts, labels)
        + _sourcing_findings(arts, labels)
        + _presence_findings(arts, labels)
        + coverage_findings
        + _sentiment_findings(labels, matrix)
        + figure_findings
    )
    findings.sort(key=lambda f: (f["within_noise"], -f["size"], f["kind"], f["signal"], f["statement"]))
    for rank, f in enumerate(findings, 1):
        f["rank"] = rank
    return {"country_sentiment": matrix, "coverage": coverage, "figures": figures, "findings": findings}
