"""Renderers take the comparison's plain dict: terminal, Markdown and HTML say the same findings; HTML escapes everything."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.comparison import compare
from framing.render import html, markdown, terminal
from test_compare import scored, seed_dicts

GOLD_PHRASES = (
    "higher hedge rate",
    "(3 of 5 against 4 of 19)",
    "carries a disclaimer",
    "promotional boilerplate",
    "both articles mention",
    "the two articles share no figure",
)


@pytest.fixture(scope="module")
def data() -> dict:
    return compare(seed_dicts()).to_dict()


@pytest.mark.parametrize("render", [terminal.render, markdown.render, html.render], ids=["terminal", "markdown", "html"])
def test_reports_state_the_gold_comparisons(data, render):
    out = render(data)
    for phrase in GOLD_PHRASES:
        assert phrase in out, phrase
    assert "SouthAsianDesk" in out


def test_terminal_table_has_a_column_per_outlet(data):
    out = terminal.render(data)
    line = next(x for x in out.splitlines() if x.strip().startswith("Hedges / 1k words"))
    values = [float(v) for v in re.findall(r"\d+\.\d", line)]
    arts = data["events"][0]["articles"]
    assert values == [round(a["signals"]["hedge_rate_per_1k_words"], 1) for a in arts]
    assert "\x1b[" not in out and "\x1b[" in terminal.render(data, color=True)


def test_within_noise_is_marked_in_every_report(data):
    noisy = [f for f in data["events"][0]["findings"] if f["within_noise"]]
    assert noisy
    assert "[within noise]" in terminal.render(data)
    assert "*(within noise)*" in markdown.render(data)
    assert 'class="noise"' in html.render(data)


@pytest.mark.parametrize("render", [terminal.render, markdown.render, html.render], ids=["terminal", "markdown", "html"])
def test_every_report_says_how_a_country_label_follows_from_its_score(data, render):
    """A +0.17 labelled neutral (no mention labelled positive) is explained next to the table, with the real band."""
    from framing.signals.countries import NEUTRAL_BAND

    out = " ".join(render(data).split())  # the terminal wraps the legend
    assert "P(positive) − P(negative)" in out
    assert f"beyond ±{NEUTRAL_BAND:g}" in out
    assert "at least one mention is itself labelled so" in out


HOSTILE = "<script>window.__pwned=1</script> Russia said trade rose 20%. <img src=x onerror=alert(1)> | `x` **y**"


def _hostile_data() -> dict:
    a = scored(HOSTILE, id="<b>x1</b>", outlet="<i>Out</i>", figures=[("20%", None)], event="e")
    b = scored(HOSTILE.replace("20%", "30%"), id="x2", outlet="B|C", figures=[("30%", None)], event="e")
    return compare([a, b]).to_dict()


def test_html_escapes_article_text_and_forbids_scripts():
    page = html.render(_hostile_data())
    assert "<script>window.__pwned" not in page and "<img src=x" not in page and "<b>x1</b>" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert not re.search(r"(?:src|href)=\"https?://", page)  # nothing fetched from the network


def test_markdown_keeps_table_rows_intact():
    md = markdown.render(_hostile_data())
    header = next(x for x in md.splitlines() if x.startswith("| signal |"))
    assert header.count("|") - header.count("\\|") == 4  # signal + two outlets, pipes in names escaped
    assert "<script>" not in md.replace("`<script>", "")


def test_html_highlights_evidence_at_its_offsets(data):
    page = html.render(data)
    first = data["events"][0]["articles"][0]
    h = next(x for x in first["highlights"] if x["kind"] == "hedges")
    assert f'<mark class="hedges" title="hedge: {h["label"]}">{first["text"][h["start"]:h["end"]]}</mark>' in page
    assert page.count("<svg") >= 3


def test_single_article_event_says_nothing_to_compare():
    d = compare([scored("A lone report about a storm in Chile.", id="solo", outlet="X")]).to_dict()
    for render in (terminal.render, markdown.render, html.render):
        assert "nothing to compare" in render(d)


def test_explain_marks_spans():
    d = seed_dicts()[0]
    out = terminal.explain(d)
    assert "[H:seemingly]" in out and "[F:$25,000]" in out


def _article_html_texts(page: str) -> list[str]:
    import html as html_lib

    bodies = re.findall(r'<div class="text">(.*?)</div></article>', page, flags=re.S)
    return [html_lib.unescape(re.sub(r"</?mark[^>]*>", "", b)) for b in bodies]


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_any_article_text_round_trips_escaped(text):
    a = scored(text + " x", id="a", outlet="A", event="e")
    b = scored("<b>bold</b> & " + text, id="b", outlet="B", event="e")
    page = html.render(compare([a, b]).to_dict())
    assert _article_html_texts(page) == [a["text"], b["text"]]
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "i", "main",
                    "section", "ul", "li", "b", "span", "div", "figure", "figcaption", "svg", "rect", "text", "ol", "q",
                    "table", "thead", "tbody", "tr", "th", "td", "article", "mark", "footer", "nav", "a", "code"}
