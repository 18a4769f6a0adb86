"""The HTML report in real headless Chromium: it renders, the charts are visible, nothing logs an error, and
a ``<script>`` in an article never runs. Skips when Chromium or Playwright is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framing.comparison import compare
from framing.render import html
from test_compare import scored, seed_dicts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no chromium installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, page_html: str, tmp_path: Path):
    path = tmp_path / "report.html"
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, messages, requests


def test_seed_report_renders_with_visible_charts(browser, tmp_path):
    page, messages, requests = _open(browser, html.render(compare(seed_dicts()).to_dict()), tmp_path)
    assert messages == [] and requests == []
    for chart in ("sentiment", "hedging", "sourcing"):
        box = page.locator(f'figure[data-chart="{chart}"] svg').bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 40, chart
    assert page.locator("article mark.hedges").count() == 17
    assert "the two articles share no figure" in page.inner_text("ol.findings")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_article_script_never_runs(browser, tmp_path):
    hostile = '<script>window.__pwned=1</script> Russia said trade rose 20%. <img src=x onerror="window.__pwned=2">'
    a = scored(hostile, id="x1", outlet="A", figures=[("20%", None)], event="e")
    b = scored(hostile.replace("20%", "30%"), id="x2", outlet="B", figures=[("30%", None)], event="e")
    page, messages, requests = _open(browser, html.render(compare([a, b]).to_dict()), tmp_path)
    assert page.evaluate("typeof window.__pwned") == "undefined" and messages == []
    assert page.locator("article script, article img").count() == 0
    assert "<script>window.__pwned=1</script>" in page.inner_text("article")  # shown as text
    assert requests == []
