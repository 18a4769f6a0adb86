"""What the reports share: signal names for people, value formatting, column order, the evidence spans to mark."""

from __future__ import annotations

from typing import Any

#: Table rows, in order: signal key, short name for people, how to format the value.
SIGNAL_ROWS: tuple[tuple[str, str, str], ...] = (
    ("hedge_rate_per_1k_words", "Hedges / 1k words", "{:.1f}"),
    ("booster_rate_per_1k_words", "Boosters / 1k words", "{:.1f}"),
    ("assertiveness", "Assertiveness (-1…1)", "{:+.2f}"),
    ("figures", "Figures", "{:d}"),
    ("share_figures_sourced", "Figures sourced", "{:.0%}"),
    ("share_figures_vague_source", "Figures with vague source", "{:.0%}"),
    ("quotes", "Quotes (direct or partial)", "{:d}"),
    ("reported_speech", "Reported speech", "{:d}"),
    ("disclaimers", "Disclaimers", "{:d}"),
    ("countries_mentioned", "Countries mentioned", "{:d}"),
    ("readability.flesch_reading_ease", "Flesch reading ease", "{:.0f}"),
    ("readability.flesch_kincaid_grade", "Flesch-Kincaid grade", "{:.1f}"),
    ("readability.words_per_sentence", "Words / sentence", "{:.1f}"),
    ("loaded_language.rate_per_1k_words", "Loaded words / 1k words", "{:.1f}"),
)

KIND_NAMES = {
    "hedges": "hedge",
    "boosters": "booster",
    "figures": "figure",
    "quotes": "quote",
    "countries": "country",
    "disclaimers": "disclaimer",
    "boilerplate": "boilerplate",
}


def fmt(value: Any, pattern: str) -> str:
    """A table cell: the value in ``pattern``, or an en dash when the signal has no value."""
    if value is None:
        return "–"
    try:
        if pattern == "{:d}":
            return f"{int(value):d}"
        return pattern.format(float(value))
    except (TypeError, ValueError):
        return str(value)


def rows_present(event: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Table rows that at least one article of the event has a value for."""
    return [r for r in SIGNAL_ROWS if any(a["signals"].get(r[0]) is not None for a in event["articles"])]


def sentiment_cell(v: dict[str, Any] | None) -> str:
    if not v:
        return "–"
    s = v.get("sentiment")
    score = "" if s is None else f"{s:+.2f} "
    return f"{score}{v.get('label') or ''} ({v.get('mentions', 0)}×)".strip()


def sentiment_legend() -> str:
    """What a country's score and label mean, for the reader of a report (a score of +0.17 may be labelled neutral)."""
    from framing.signals.countries import NEUTRAL_BAND

    return (
        "Score: each mention's P(positive) − P(negative), weighted by its own strength, so opinionated mentions "
        f"count more than neutral ones. Label: positive or negative beyond ±{NEUTRAL_BAND:g}, and only when at "
        "least one mention is itself labelled so; otherwise neutral."
    )


def evidence_snippets(finding: dict[str, Any], labels: dict[str, str], limit: int = 4) -> list[tuple[str, list[str]]]:
    """(article label, quoted evidence texts) for each side of a finding, at most ``limit`` per side."""
    out = []
    evidence = finding.get("evidence", {})
    # The higher side first, then the event's article order (``labels`` is in that order).
    order = [finding[k] for k in ("higher", "lower") if finding.get(k) in evidence]
    order += [i for i in labels if i in evidence and i not in order]
    order += sorted(i for i in evidence if i not in order)
    for art_id in order:
        spans = evidence[art_id]
        texts = [s.get("text", "") for s in spans[:limit] if s.get("text")]
        if texts:
            more = len(spans) - limit
            out.append((labels.get(art_id, art_id), texts + ([f"+{more} more"] if more > 0 else [])))
    return out


def event_title(event: dict[str, Any]) -> str:
    """The first article's title; else its opening words (so an untitled event still reads as something)."""
    titles = [a.get("title") for a in event["articles"] if a.get("title")]
    if titles:
        return titles[0]
    words = " ".join((event["articles"][0].get("text") or "").split()[:12]) if event["articles"] else ""
    return f"{event['id']}: {words}…" if words else event["id"]


def event_summary(event: dict[str, Any]) -> str:
    n = len(event["articles"])
    how = (
        f"grouped by the event field {event['id']!r}"
        if event.get("method") == "event field"
        else "grouped by text similarity"
    )
    sim = event.get("similarity")
    low = event.get("min_similarity")
    sim_text = f", mean similarity {sim:.2f}" if sim is not None else ""
    if low is not None and len(event["articles"]) > 2:
        sim_text += f" (lowest pair {low:.2f})"
    return f"{n} article{'s' * (n != 1)}, {how}{sim_text}"


def voices_cell(article: dict[str, Any]) -> str:
    """Quotes per speaker country, most first: "RUS 10 · AFG 1"; an en dash when none is known."""
    voices = article.get("voices_by_country") or {}
    ranked = sorted(voices.items(), key=lambda kv: (-kv[1], kv[0]))
    return " · ".join(f"{c} {n}" for c, n in ranked) or "–"


def highlights(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Every evidence span of a scored article worth marking: ``start``, ``end``, ``kind``, ``label``; outer spans first.

    One list for the comparison's side-by-side view (``highlights`` of each article) and ``framing explain``.
    """
    out = []
    hedging = d.get("hedging") or {}
    for kind in ("hedges", "boosters"):
        for e in hedging.get(kind) or []:
            out.append({"start": e["start"], "end": e["end"], "kind": kind, "label": str(e.get("category") or "")})
    for f in d.get("figures") or []:
        src = f.get("source") or None
        label = f"sourced: {src.get('text', '')}" if isinstance(src, dict) else "no source given"
        out.append({"start": f["start"], "end": f["end"], "kind": "figures", "label": label})
    for q in d.get("quotes") or []:
        out.append({"start": q["start"], "end": q["end"], "kind": "quotes", "label": f"speaker: {q.get('speaker') or '?'}"})
    for c in d.get("countries") or []:
        for m in c.get("evidence") or []:
            out.append({"start": m["start"], "end": m["end"], "kind": "countries", "label": f"{c.get('name')}: {c.get('label', '')}"})
    for kind in ("disclaimers", "boilerplate"):
        for x in d.get(kind) or []:
            out.append({"start": x["start"], "end": x["end"], "kind": kind, "label": str(x.get("kind") or "")})
    return sorted(out, key=lambda h: (h["start"], -h["end"], h["kind"]))
