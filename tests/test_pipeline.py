"""The public API: score, score_many (N in, N out, in order), to_frame, targets."""

from __future__ import annotations

import pytest

import framing
from framing.export import ARTICLE_COLUMNS
from framing.pipeline import SIGNALS


def test_score_accepts_text_article_and_record():
    by_text = framing.score("India welcomed the move.")
    by_article = framing.score(framing.Article(text="India welcomed the move.", id="x", outlet="Desk"))
    by_record = framing.score({"text": "India welcomed the move.", "source": "Desk"})
    assert by_text.error is None and by_article.error is None
    assert by_article.to_dict()["outlet"] == "Desk"
    assert by_record.to_dict()["outlet"] == "Desk"


def test_score_rejects_non_text():
    with pytest.raises(TypeError, match="expected an Article, a str or a dict"):
        framing.score(42)


def test_score_many_keeps_order_and_turns_failures_into_rows():
    items = ["First text.", framing.Article(text="", id="broken", error="x.jsonl:2: invalid JSON"), "Third text."]
    out = list(framing.score_many(items))
    assert len(out) == 3
    assert [o.article.text for o in out] == ["First text.", "", "Third text."]
    assert [o.error for o in out] == [None, "x.jsonl:2: invalid JSON", None]


def test_score_many_is_lazy():
    def endless():
        n = 0
        while True:
            n += 1
            yield f"Article number {n}."

    it = framing.score_many(endless())
    first = [next(it) for _ in range(3)]
    assert [d.article.text for d in first] == ["Article number 1.", "Article number 2.", "Article number 3."]


def test_a_failing_signal_gives_an_error_row_not_an_exception(monkeypatch):
    import framing.pipeline as score_module

    def boom(doc, options):
        raise RuntimeError("signal exploded")

    broken = score_module.Signal("hedging", boom, SIGNALS[1].empty)
    monkeypatch.setattr(score_module, "SIGNALS", (SIGNALS[0], broken, *SIGNALS[2:]))
    doc = framing.score("Any text at all.")
    assert "RuntimeError: signal exploded" in doc.error
    assert doc.to_dict()["hedging"]["hedges"] == []


def test_targets_must_lie_inside_the_text():
    with pytest.raises(ValueError, match="outside the text"):
        framing.score("short", targets=[(0, 99)])


def test_to_frame_has_the_documented_columns_and_one_row_per_article():
    docs = list(framing.score_many(["Russia said trade rose 20%.", "", "Pakistan may lose influence."]))
    frame = framing.to_frame(docs)
    assert list(frame.columns) == list(ARTICLE_COLUMNS)
    assert len(frame) == 3
    assert frame["words"].tolist()[0] == 5  # Russia said trade rose 20
    # dicts (e.g. read back from JSONL) give the same frame
    assert framing.to_frame([d.to_dict() for d in docs]).equals(frame)


def test_seeds_metadata_is_read_from_their_own_lines(seed_docs):
    a = seed_docs["000_f1f1bf779abfd72b.txt"].to_dict()
    b = seed_docs["001_d7954e686be174ed.txt"].to_dict()
    assert (a["title"], a["author"], a["date"], a["outlet"]) == (
        "Taliban’s Bold Move in Russia Stuns Pakistan, Leaves India Watching Closely",
        "Sagar",
        "2025-10-28",
        None,
    )
    assert (b["title"], b["date"], b["outlet"]) == (None, "2025-12-04", "SouthAsianDesk")
