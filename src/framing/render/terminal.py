"""Terminal rendering: the comparison as plain-text tables and ranked findings, and ``framing explain``'s highlighted article."""

from __future__ import annotations

import textwrap
from typing import Any

from framing.render._common import (
    event_summary,
    event_title,
    evidence_snippets,
    fmt,
    highlights,
    rows_present,
    sentiment_cell,
    sentiment_legend,
    voices_cell,
)

_STYLES = {
    "hedges": ("\x1b[33m", "H"),
    "boosters": ("\x1b[35m", "B"),
    "figures": ("\x1b[36m", "F"),
    "quotes": ("\x1b[32m", "Q"),
    "countries": ("\x1b[34m", "C"),
    "disclaimers": ("\x1b[2m", "D"),
    "boilerplate": ("\x1b[2m", "P"),
}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"

#: Findings shown per event in the terminal (all of them are in the JSON, Markdown and HTML reports).
MAX_FINDINGS = 12


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _short(label: str, width: int = 22) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def render(data: dict[str, Any], *, color: bool = False) -> str:
    """The comparison (``Comparison.to_dict()``) as text: per event, the signal table, country sentiment and findings."""
    bold, dim, reset = (_BOLD, _DIM, _RESET) if color else ("", "", "")
    out: list[str] = []
    events = data.get("events", [])
    singles = [ev for ev in events if len(ev["articles"]) == 1]
    for ev in [ev for ev in events if len(ev["articles"]) > 1]:
        arts = ev["articles"]
        labels = {a["id"]: a["label"] for a in arts}
        out.append(f"{bold}Event {ev['id']}: {event_title(ev)}{reset}")
        out.append(f"{dim}{event_summary(ev)}{reset}")
        for a in arts:
            sim = f", similarity to the others {a['similarity']:.2f}" if a.get("similarity") is not None else ""
            out.append(f"  • {a['label']}: {a.get('title') or '(no title)'} ({a.get('date') or 'no date'}, {a['words']} words{sim})")
        out.append("")
        header = ["signal", *(_short(a["label"]) for a in arts)]
        rows = [[name, *(fmt(a["signals"].get(key), pattern) for a in arts)] for key, name, pattern in rows_present(ev)]
        rows.append(["Quotes by speaker country", *(voices_cell(a) for a in arts)])
        out.extend("  " + line for line in _table(header, rows))
        out.append("")
        if ev.get("country_sentiment"):
            header = ["country sentiment", *(_short(a["label"]) for a in arts)]
            rows = [[c["name"], *(sentiment_cell(c["articles"].get(a["id"])) for a in arts)] for c in ev["country_sentiment"]]
            out.extend("  " + line for line in _table(header, rows))
            out.extend("  " + dim + line + reset for line in textwrap.wrap(sentiment_legend(), 100))
            out.append("")
        findings = ev.get("findings") or []
        clear = [f for f in findings if not f["within_noise"]]
        noisy = [f for f in findings if f["within_noise"]]
        out.append(f"  {bold}Differences, largest first{reset}")
        for f in clear[:MAX_FINDINGS]:
            out.append(f"  {f['rank']:>2}. {f['statement']}")
            for label, texts in evidence_snippets(f, labels, limit=3):
                out.append(f"      {dim}{_short(label, 30)}: {' · '.join(repr(t) if not t.startswith('+') else t for t in texts)}{reset}")
        if len(clear) > MAX_FINDINGS:
            out.append(f"  … {len(clear) - MAX_FINDINGS} more in the JSON, Markdown or HTML report")
        if noisy:
            out.append(f"  {bold}Within noise{reset} (too few cues or too small a gap to tell)")
            for f in noisy[:MAX_FINDINGS]:
                out.append(f"  {f['rank']:>2}. {dim}{f['statement']} [within noise]{reset}")
        out.append("")
    if singles:
        out.append(f"{bold}{len(singles)} article{'s' * (len(singles) != 1)} with no other outlet on their event: nothing to compare{reset}")
        for ev in singles:
            a = ev["articles"][0]
            out.append(f"  • {a['label']}: {a.get('title') or event_title(ev)} ({a.get('date') or 'no date'})")
        out.append("")
    for u in data.get("unscored") or []:
        out.append(f"Not compared: {u['id']}: {u.get('error')}")
    return "\n".join(out).rstrip() + "\n"


def explain(d: dict[str, Any], *, color: bool = False) -> str:
    """The article text with each evidence span marked, then a legend of what each mark is."""
    text = d.get("text", "")
    # Ordered by start, then end: of spans opening together the shorter is marked, the longer listed in the notes.
    spans = sorted((h["start"], h["end"], h["kind"], h["label"]) for h in highlights(d))
    pieces: list[str] = []
    notes: list[str] = []
    pos = 0
    for start, end, kind, label in spans:
        if start < pos:  # nested or overlapping: listed in the notes only
            notes.append(f"  [{_STYLES[kind][1]}] {text[start:end]!r} ({kind}: {label})")
            continue
        pieces.append(text[pos:start])
        code, mark = _STYLES[kind]
        inner = text[start:end]
        pieces.append(f"{code}{inner}{_RESET}" if color else f"[{mark}:{inner}]")
        notes.append(f"  [{mark}] {inner!r} ({kind}: {label})")
        pos = end
    pieces.append(text[pos:])
    head = f"{d.get('title') or d.get('id') or 'article'} — {d.get('outlet') or 'unknown outlet'}\n\n"
    return head + "".join(pieces) + "\n\nEvidence:\n" + "\n".join(notes) + "\n"
