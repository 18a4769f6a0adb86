"""Terminal rendering: the comparison table, and ``framing explain``'s highlighted article."""

from __future__ import annotations

from typing import Any

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


def render(data: dict[str, Any], *, color: bool = False) -> str:
    lines = []
    for ev in data.get("events", []):
        lines.append(f"Event {ev['id']}")
        for a in ev["articles"]:
            sig = "  ".join(f"{k}={v}" for k, v in a["signals"].items())
            lines.append(f"  {a['outlet']}: {sig}")
    return "\n".join(lines) + "\n"


def _spans(d: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, label) of every evidence span worth showing."""
    out = []
    hedging = d.get("hedging") or {}
    for kind in ("hedges", "boosters"):
        for e in hedging.get(kind, []):
            out.append((e["start"], e["end"], kind, e.get("category", "")))
    for f in d.get("figures", []):
        label = "sourced: " + f["source"]["text"] if f.get("source") else "unsourced"
        out.append((f["start"], f["end"], "figures", label))
    for q in d.get("quotes", []):
        out.append((q["start"], q["end"], "quotes", f"speaker: {q.get('speaker') or '?'}"))
    for c in d.get("countries", []):
        for m in c.get("evidence", []):
            out.append((m["start"], m["end"], "countries", c["code"]))
    for kind in ("disclaimers", "boilerplate"):
        for x in d.get(kind, []):
            out.append((x["start"], x["end"], kind, x.get("kind", "")))
    return sorted(out)


def explain(d: dict[str, Any], *, color: bool = False) -> str:
    """The article text with each evidence span marked, then a legend of what each mark is."""
    text = d.get("text", "")
    spans = _spans(d)
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
