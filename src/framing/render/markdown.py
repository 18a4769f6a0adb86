"""Markdown report of a comparison: per event, the signal table, country sentiment, and findings with evidence."""

from __future__ import annotations

from typing import Any

from framing.render._common import (
    event_summary,
    event_title,
    evidence_snippets,
    fmt,
    rows_present,
    sentiment_cell,
    sentiment_legend,
    voices_cell,
)


def _cell(text: str) -> str:
    """Text from an article made safe for Markdown: no raw HTML (many viewers render it), no row-breaking pipes."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _quote(text: str) -> str:
    """Inline evidence in backticks (a backtick inside becomes a quote mark), so article text cannot inject Markdown."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def render(data: dict[str, Any]) -> str:
    """The comparison (``Comparison.to_dict()``) as a Markdown document."""
    out = ["# How the outlets covered each event", ""]
    events = data.get("events", [])
    out.append(
        f"{len(events)} event{'s' * (len(events) != 1)}, grouping threshold {data.get('threshold', 0):.2f}. "
        "Differences are ranked by size; those *within noise* rest on too few cues to tell and are listed last."
    )
    out.append("")
    singles = [ev for ev in events if len(ev["articles"]) == 1]
    for ev in [ev for ev in events if len(ev["articles"]) > 1]:
        arts = ev["articles"]
        labels = {a["id"]: a["label"] for a in arts}
        out.append(f"## {_cell(event_title(ev))}")
        out.append("")
        out.append(f"*{event_summary(ev)}*")
        out.append("")
        for a in arts:
            sim = f", similarity {a['similarity']:.2f}" if a.get("similarity") is not None else ""
            out.append(f"- **{_cell(a['label'])}**: {_cell(a.get('title') or '(no title)')} ({a.get('date') or 'no date'}, {a['words']} words{sim})")
        out.append("")
        out.append("### Differences, largest first")
        out.append("")
        for f in ev.get("findings") or []:
            flag = " *(within noise)*" if f["within_noise"] else ""
            out.append(f"{f['rank']}. {_cell(f['statement'])}{flag}")
            for label, texts in evidence_snippets(f, labels):
                out.append(f"   - {_cell(label)}: " + ", ".join(t if t.startswith("+") else _quote(t) for t in texts))
        out.append("")
        out.append("### Signals")
        out.append("")
        out.append("| signal | " + " | ".join(_cell(a["label"]) for a in arts) + " |")
        out.append("|---|" + "---:|" * len(arts))
        for key, name, pattern in rows_present(ev):
            out.append(f"| {name} | " + " | ".join(fmt(a["signals"].get(key), pattern) for a in arts) + " |")
        out.append("| Quotes by speaker country | " + " | ".join(_cell(voices_cell(a)) for a in arts) + " |")
        out.append("")
        if ev.get("country_sentiment"):
            out.append("### Sentiment toward countries (score −1…1, label, mentions)")
            out.append("")
            out.append(f"*{sentiment_legend()}*")
            out.append("")
            out.append("| country | " + " | ".join(_cell(a["label"]) for a in arts) + " |")
            out.append("|---|" + "---:|" * len(arts))
            for c in ev["country_sentiment"]:
                out.append(f"| {_cell(c['name'])} | " + " | ".join(sentiment_cell(c["articles"].get(a["id"])) for a in arts) + " |")
            out.append("")
    if singles:
        out.append("## Articles with no other outlet on their event")
        out.append("")
        out.append(f"{len(singles)} article{'s' * (len(singles) != 1)}: nothing to compare. A lower threshold, or an `event` field, may pair them.")
        out.append("")
        for ev in singles:
            a = ev["articles"][0]
            out.append(f"- **{_cell(a['label'])}**: {_cell(a.get('title') or event_title(ev))} ({a.get('date') or 'no date'})")
        out.append("")
    for u in data.get("unscored") or []:
        out.append(f"- Not compared: {_cell(str(u['id']))}: {_cell(str(u.get('error')))}")
    return "\n".join(out).rstrip() + "\n"
