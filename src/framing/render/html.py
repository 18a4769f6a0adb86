"""Self-contained HTML report of a comparison: charts, ranked findings, and the articles side by side.

One file, no scripts, no external fonts or images: it opens offline and can be mailed. Charts are
inline SVG drawn here. Article text is untrusted: every piece of text goes through
:func:`html.escape`, and a Content-Security-Policy meta tag (``default-src 'none'``) forbids any
script, so even markup that slipped through could not run.
"""

from __future__ import annotations

import html
from typing import Any

from framing.render._common import (
    KIND_NAMES,
    event_summary,
    event_title,
    evidence_snippets,
    fmt,
    rows_present,
    sentiment_cell,
    sentiment_legend,
    voices_cell,
)

#: Mentions of a country at which its heat-map cell takes full colour; fewer mentions, paler.
FULL_COLOUR_MENTIONS = 5

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

#: One colour per outlet column (colour-blind-safe Okabe-Ito palette), reused in every chart.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

_CSS = """
:root{--ink:#1d2330;--muted:#5b6475;--line:#dde1e8;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);margin:0;background:var(--bg)}
header.page{background:#1d2330;color:#fff;padding:18px 32px}
header.page h1{margin:0;font-size:22px}
header.page p{margin:4px 0 0;color:#c9cfdb;font-size:13px}
main{max-width:1400px;margin:0 auto;padding:16px 32px 48px}
section.event{background:#fff;border:1px solid var(--line);border-radius:8px;padding:20px 24px;margin:18px 0}
h2{margin:0 0 4px;font-size:20px}
h3{margin:22px 0 8px;font-size:16px}
.sub{color:var(--muted);font-size:13px;margin:0 0 10px}
ul.outlets{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:8px 20px}
ul.outlets li{font-size:13px}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:16px;align-items:start}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:10px 12px}
figcaption{font-weight:600;font-size:13px;margin-bottom:6px}
figure .note{color:var(--muted);font-size:12px;margin-top:4px}
ol.findings{padding-left:22px;margin:0}
ol.findings li{margin:0 0 10px}
ol.findings li.noise{color:var(--muted)}
.tag{display:inline-block;font-size:11px;border-radius:3px;padding:0 5px;margin-left:6px;border:1px solid currentColor;vertical-align:1px}
.tag.clear{color:#1a7f37}.tag.suggestive{color:#9a6700}.tag.noise{color:#6e7781}
.ev{font-size:12.5px;color:var(--muted);margin-top:2px}
.ev q{quotes:none;background:#f1f3f6;border-radius:3px;padding:0 4px;margin-right:4px;color:var(--ink)}
table{border-collapse:collapse;font-size:13px;margin:4px 0}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{border-bottom:2px solid var(--ink)}
.side{display:grid;gap:14px;margin-top:8px}
article{border:1px solid var(--line);border-radius:6px;padding:10px 14px;max-height:720px;overflow:auto;background:#fff}
article h4{margin:0 0 2px;font-size:14px}
article .meta{color:var(--muted);font-size:12px;margin-bottom:8px}
article .text{white-space:pre-wrap;font-size:13.5px;line-height:1.55}
mark{background:none;border-radius:2px;padding:0 1px}
mark.hedges{background:#fde7a6}
mark.boosters{background:#f5c2e7}
mark.figures{background:#c7ecf5}
mark.quotes{background:#d3f2d1}
mark.countries{box-shadow:inset 0 -2px #0072B2}
mark.disclaimers,mark.boilerplate{background:#e6e8ec;color:#555}
.legend{font-size:12px;color:var(--muted);margin:4px 0}
.legend mark{margin-right:10px}
nav.toc ol{margin:0;padding-left:22px;columns:2;column-gap:32px}
nav.toc li{margin:0 0 4px;break-inside:avoid}
a{color:#0b5cad}
footer{color:var(--muted);font-size:12px;text-align:center;padding:20px}
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


# ---------------------------------------------------------------- charts (inline SVG)
def _bar_chart(arts: list[dict[str, Any]], metrics: list[tuple[str, str, float | None]], *, unit: str) -> str:
    """Grouped horizontal bars: one group per metric, one bar per article (coloured as in the legend)."""
    values = [(key, name, [a["signals"].get(key) for a in arts]) for key, name, _ in metrics]
    values = [v for v in values if any(x is not None for x in v[2])]
    if not values:
        return '<p class="note">No values for this chart (the signal found nothing in these articles).</p>'
    top = max((metrics_max for _, _, m in metrics if (metrics_max := m) is not None), default=None)
    peak = max([x for _, _, xs in values for x in xs if x is not None] + [top or 0, 1e-9])
    bar_h, gap, left, width = 18, 4, 110, 300
    group_h = len(arts) * (bar_h + gap) + 14
    height = len(values) * group_h + 10
    parts = [f'<svg role="img" viewBox="0 0 {left + width + 70} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">']
    y = 6
    for _, name, xs in values:
        parts.append(f'<text x="0" y="{y + bar_h - 3}" font-size="13" fill="#1d2330">{_e(name)}</text>')
        for i, (a, x) in enumerate(zip(arts, xs, strict=True)):
            by = y + i * (bar_h + gap)
            w = 0 if x is None else max(1.5, width * x / peak)
            label = "–" if x is None else (f"{x:.0%}" if unit == "%" else f"{x:.1f}")
            colour = PALETTE[i % len(PALETTE)]
            parts.append(
                f'<rect x="{left}" y="{by}" width="{w:.1f}" height="{bar_h}" fill="{colour}" rx="2">'
                f"<title>{_e(a['label'])}: {_e(label)}</title></rect>"
            )
            parts.append(f'<text x="{left + w + 5:.1f}" y="{by + bar_h - 4}" font-size="12" fill="#1d2330">{_e(label)}</text>')
        y += group_h
    parts.append("</svg>")
    return "".join(parts)


def _heat_colour(s: float | None) -> str:
    """Diverging red (negative) – white – blue (positive) for a sentiment in [-1, 1]."""
    if s is None:
        return "#f1f3f6"
    t = max(-1.0, min(1.0, s))
    t = abs(t) ** 0.5 * (1 if t >= 0 else -1)  # lift small values so a reader sees the sign
    base = (33, 102, 172) if t > 0 else (178, 24, 43)
    r, g, b = (round(255 + (c - 255) * abs(t)) for c in base)
    return f"#{r:02x}{g:02x}{b:02x}"


def _heat_map(arts: list[dict[str, Any]], matrix: list[dict[str, Any]]) -> str:
    """Country × outlet sentiment heat map; each cell shows the score and the number of mentions."""
    if not matrix:
        return '<p class="note">No country is mentioned in these articles.</p>'
    cell_w, cell_h, left, top = 150, 30, 130, 44
    width = left + cell_w * len(arts) + 10
    height = top + cell_h * len(matrix) + 10
    parts = [f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">']
    for j, a in enumerate(arts):
        x = left + j * cell_w + cell_w / 2
        label = a["label"] if len(a["label"]) <= 22 else a["label"][:21] + "…"
        parts.append(f'<rect x="{left + j * cell_w + 4}" y="8" width="10" height="10" fill="{PALETTE[j % len(PALETTE)]}" rx="2"/>')
        parts.append(f'<text x="{x}" y="34" font-size="12" text-anchor="middle" fill="#1d2330">{_e(label)}<title>{_e(a["label"])}</title></text>')
    for i, row in enumerate(matrix):
        y = top + i * cell_h
        parts.append(f'<text x="0" y="{y + cell_h / 2 + 4}" font-size="12" fill="#1d2330">{_e(row["name"])}</text>')
        for j, a in enumerate(arts):
            v = row["articles"].get(a["id"])
            s = v.get("sentiment") if v else None
            fill = _heat_colour(s) if v else "#ffffff"
            x = left + j * cell_w
            text = "not mentioned" if not v else f"{s:+.2f} · {v['mentions']}×" if s is not None else f"{v['mentions']}×"
            strong = v and s is not None and abs(s) > 0.45 and v["mentions"] >= FULL_COLOUR_MENTIONS
            ink = "#ffffff" if strong else "#1d2330" if v else "#9aa1ad"
            tip = f"{a['label']} on {row['name']}: {sentiment_cell(v)}"
            # Fewer mentions, paler cell: a score from one sentence should not shout.
            opacity = 1.0 if not v else min(1.0, 0.35 + 0.65 * v["mentions"] / FULL_COLOUR_MENTIONS)
            parts.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{cell_h - 4}" fill="{fill}" '
                f'fill-opacity="{opacity:.2f}" stroke="#dde1e8" rx="3">'
                f"<title>{_e(tip)}</title></rect>"
            )
            parts.append(f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 4}" font-size="11.5" text-anchor="middle" fill="{ink}">{_e(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------- article text with evidence marked
def _highlighted(text: str, spans: list[dict[str, Any]]) -> str:
    """The text, escaped, with each evidence span in a ``<mark>``; nested or overlapping spans keep the outer one."""
    out, pos = [], 0
    for h in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        start, end = int(h["start"]), int(h["end"])
        if start < pos or not 0 <= start < end <= len(text):
            continue
        kind = h.get("kind", "")
        title = f"{KIND_NAMES.get(kind, kind)}: {h.get('label', '')}".rstrip(": ")
        out.append(_e(text[pos:start]))
        out.append(f'<mark class="{_e(kind)}" title="{_e(title)}">{_e(text[start:end])}</mark>')
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def _legend() -> str:
    items = [("hedges", "hedge"), ("boosters", "booster"), ("figures", "figure"), ("quotes", "quote"), ("countries", "country"), ("disclaimers", "disclaimer / boilerplate")]
    return '<p class="legend">' + "".join(f'<mark class="{k}">{_e(v)}</mark>' for k, v in items) + "</p>"


def _findings(ev: dict[str, Any], labels: dict[str, str]) -> str:
    items = []
    for f in ev.get("findings") or []:
        conf = f.get("confidence", "")
        tag = {"clear": "clear", "suggestive": "suggestive"}.get(conf, "noise")
        # A tag only where a test or threshold decided: a fact such as "only A has a disclaimer" needs none.
        tagged = f["within_noise"] or f.get("p_value") is not None or f["kind"] in ("signal", "sentiment")
        ev_html = "".join(
            f'<div class="ev">{_e(label)}: '
            + "".join(f"<q>{_e(t)}</q>" if not t.startswith("+") else _e(t) for t in texts)
            + "</div>"
            for label, texts in evidence_snippets(f, labels)
        )
        cls = ' class="noise"' if f["within_noise"] else ""
        badge = f'<span class="tag {tag}">{_e(conf)}</span>' if tagged else ""
        items.append(f'<li{cls}>{_e(f["statement"])}{badge}{ev_html}</li>')
    return '<ol class="findings">' + "".join(items) + "</ol>" if items else "<p>No differences found.</p>"


def _table(ev: dict[str, Any]) -> str:
    arts = ev["articles"]
    head = "".join(
        f'<th><span class="swatch" style="background:{PALETTE[i % len(PALETTE)]}"></span>{_e(a["label"])}</th>' for i, a in enumerate(arts)
    )
    rows = "".join(
        f"<tr><td>{_e(name)}</td>" + "".join(f"<td>{_e(fmt(a['signals'].get(key), pattern))}</td>" for a in arts) + "</tr>"
        for key, name, pattern in rows_present(ev)
    )
    rows += "<tr><td>Quotes by speaker country</td>" + "".join(f"<td>{_e(voices_cell(a))}</td>" for a in arts) + "</tr>"
    return f"<table><thead><tr><th>signal</th>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _event(ev: dict[str, Any]) -> str:
    arts = ev["articles"]
    labels = {a["id"]: a["label"] for a in arts}
    parts = [f'<section class="event" id="{_e(ev["id"])}">', f"<h2>{_e(event_title(ev))}</h2>", f'<p class="sub">{_e(event_summary(ev))}</p>']
    parts.append('<ul class="outlets">')
    for i, a in enumerate(arts):
        sim = f", similarity {a['similarity']:.2f}" if a.get("similarity") is not None else ""
        parts.append(
            f'<li><span class="swatch" style="background:{PALETTE[i % len(PALETTE)]}"></span><b>{_e(a["label"])}</b> '
            f"{_e(a.get('date') or 'no date')}, {a['words']} words{_e(sim)}</li>"
        )
    parts.append("</ul>")
    parts.append("<h3>At a glance</h3>")
    parts.append('<div class="charts">')
    parts.append(
        '<figure class="chart" data-chart="sentiment"><figcaption>Sentiment toward countries (−1 … +1) and mentions</figcaption>'
        + _heat_map(arts, ev.get("country_sentiment") or [])
        + '<div class="note">Red: negative, blue: positive; paler cells rest on fewer than 5 mentions. '
        + _e(sentiment_legend())
        + "</div></figure>"
    )
    parts.append(
        '<figure class="chart" data-chart="hedging"><figcaption>Hedging and boosting per 1,000 words</figcaption>'
        + _bar_chart(arts, [("hedge_rate_per_1k_words", "Hedges", None), ("booster_rate_per_1k_words", "Boosters", None)], unit="")
        + "</figure>"
    )
    parts.append(
        '<figure class="chart" data-chart="sourcing"><figcaption>Sourcing of figures (share of figures)</figcaption>'
        + _bar_chart(arts, [("share_figures_sourced", "Sourced", 1.0), ("share_figures_vague_source", "Vague source", 1.0)], unit="%")
        + "</figure>"
    )
    parts.append("</div>")
    parts.append("<h3>Differences, largest first</h3>")
    parts.append(_findings(ev, labels))
    parts.append("<h3>Signals</h3>" + _table(ev))
    parts.append("<h3>The articles side by side</h3>" + _legend())
    parts.append(f'<div class="side" style="grid-template-columns:repeat({min(len(arts), 3)},minmax(0,1fr))">')
    for i, a in enumerate(arts):
        meta = ", ".join(x for x in (a.get("date"), f"{a['words']} words", a.get("url")) if x)
        parts.append(
            f'<article style="border-top:4px solid {PALETTE[i % len(PALETTE)]}"><h4>{_e(a["label"])}</h4>'
            f'<div class="meta">{_e(a.get("title") or "")}{" — " if a.get("title") else ""}{_e(meta)}</div>'
            f'<div class="text">{_highlighted(a.get("text") or "", a.get("highlights") or [])}</div></article>'
        )
    parts.append("</div></section>")
    return "".join(parts)


def render(data: dict[str, Any]) -> str:
    """The comparison (``Comparison.to_dict()``, with article text) as one self-contained HTML page."""
    events = data.get("events", [])
    n_articles = sum(len(e["articles"]) for e in events)
    compared = [ev for ev in events if len(ev["articles"]) > 1]
    singles = [ev for ev in events if len(ev["articles"]) == 1]
    body = ""
    if len(compared) > 1:
        items = "".join(
            f'<li><a href="#{_e(ev["id"])}">{_e(event_title(ev))}</a> <span class="sub">— '
            f"{_e(', '.join(a['label'] for a in ev['articles']))}</span></li>"
            for ev in compared
        )
        body += f'<nav class="event toc"><h2>Events compared</h2><ol>{items}</ol></nav>'
    body += "".join(_event(ev) for ev in compared)
    if singles:
        items = "".join(
            f"<li><b>{_e(a['label'])}</b>: {_e(a.get('title') or event_title(ev))} ({_e(a.get('date') or 'no date')})</li>"
            for ev in singles
            for a in ev["articles"]
        )
        body += (
            f'<section class="event"><h2>Articles with no other outlet on their event</h2>'
            f'<p class="sub">{len(singles)} article{"s" * (len(singles) != 1)}: nothing to compare. A lower '
            f"threshold, or an <code>event</code> field, may pair them.</p><ul>{items}</ul></section>"
        )
    unscored = "".join(f"<li>{_e(u['id'])}: {_e(u.get('error'))}</li>" for u in data.get("unscored") or [])
    if unscored:
        body += f'<section class="event"><h2>Not compared</h2><ul>{unscored}</ul></section>'
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>framing: how the outlets covered each event</title>"
        f"<style>{_CSS}</style></head><body>"
        '<header class="page"><h1>How the outlets covered each event</h1>'
        f"<p>{len(events)} event{'s' * (len(events) != 1)}, {n_articles} articles, grouping threshold "
        f"{float(data.get('threshold') or 0):.2f}. Differences are ranked by size; "
        "those marked <i>within noise</i> rest on too few cues to tell.</p></header>"
        f"<main>{body}</main>"
        f"<footer>framing report, schema {_e(data.get('schema_version', ''))}. Highlights are the evidence behind each number; hover for what it is.</footer>"
        "</body></html>\n"
    )
