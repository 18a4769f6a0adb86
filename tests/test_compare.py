"""framing.compare: event grouping, the per-event comparison, its JSON shape, and the seeds' gold statements.

Most tests build scored-article dicts by hand (the comparison reads only those), so they test the
comparison alone, whatever state the signals are in. The seed dicts mark the cues the gold
annotations list (../shared/gold/seeds.json) at their real offsets in seeds/*.txt.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from framing.comparison import Comparison, compare, group_events, pairwise_scores
from framing.comparison.differences import parse_figure

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "src" / "framing" / "schema" / "framing.schema.json"


# ---------------------------------------------------------------- hand-built scored dicts
def _find(text: str, needle: str, occurrence: int = 1) -> int:
    i = -1
    for _ in range(occurrence):
        i = text.find(needle, i + 1)
    assert i >= 0, needle
    return i


def _span(text: str, needle: str, occurrence: int = 1, **extra) -> dict:
    s = _find(text, needle, occurrence)
    return {"start": s, "end": s + len(needle), "text": needle, **extra}


def scored(text: str, *, id: str, outlet=None, title=None, date=None, author=None, hedges=(), boosters=(),
           figures=(), countries=None, disclaimers=(), boilerplate=(), quotes=(), event=None) -> dict:
    """A scored-article dict as ScoredArticle.to_dict() gives it, with the listed cues marked in ``text``.

    ``figures``: (text, source text or None[, occurrence]); ``countries``: {name: (code, sentiment)}.
    """
    words = len(re.findall(r"\w+", text))
    figs = []
    for f in figures:
        ftext, src, occ = (*f, 1) if len(f) == 2 else f
        source = _span(text, src, type="official") if src else None
        figs.append(_span(text, ftext, occ, sourced=bool(src), source=source))
    cs = []
    for name, (code, sentiment) in (countries or {}).items():
        ev = [{"start": m.start(), "end": m.end(), "text": name} for m in re.finditer(rf"\b{name}\b", text)]
        label = "positive" if sentiment > 0.05 else "negative" if sentiment < -0.05 else "neutral"
        cs.append({"code": code, "name": name, "sentiment": sentiment, "label": label, "mentions": len(ev), "evidence": ev})
    k = sum(f["sourced"] for f in figs)
    return {
        "schema_version": "1.0", "id": id, "outlet": outlet, "title": title, "author": author, "date": date,
        "url": None, "event": event, "source": None, "error": None, "warnings": [], "text": text,
        "stats": {"characters": len(text), "words": words, "body_words": words, "sentences": 1, "paragraphs": 1},
        "hedging": {
            "words": words, "hedge_count": len(hedges), "booster_count": len(boosters),
            "hedge_rate_per_1k_words": round(1000 * len(hedges) / words, 2),
            "booster_rate_per_1k_words": round(1000 * len(boosters) / words, 2),
            "assertiveness": round((len(boosters) - len(hedges)) / max(1, len(boosters) + len(hedges)), 3),
            "hedges": [_span(text, h, category="hedge") for h in hedges],
            "boosters": [_span(text, b, category="booster") for b in boosters],
        },
        "figures": figs,
        "sourcing": {"figures": len(figs), "sourced": k, "share_sourced": k / len(figs) if figs else None, "share_vague": 0.0 if figs else None,
                     "vague_sources": [], "voices_by_country": {}},
        "countries": cs, "targets": [],
        "quotes": [_span(text, q, speaker=s) for q, s in quotes], "voices": [],
        "disclaimers": [_span(text, d, kind="disclaimer") for d in disclaimers],
        "boilerplate": [_span(text, b, kind=kind) for b, kind in boilerplate],
        "readability": {}, "loaded_language": {}, "frames": {}, "headline": {},
    }


SEED_COUNTRIES_000 = {"Russia": ("RUS", 0.0), "Afghanistan": ("AFG", 0.1), "Pakistan": ("PAK", -0.5), "India": ("IND", 0.4)}
SEED_COUNTRIES_001 = {
    "Russia": ("RUS", 0.4), "Afghanistan": ("AFG", 0.4), "Pakistan": ("PAK", 0.0), "India": ("IND", 0.3),
    "Tajikistan": ("TJK", 0.0), "Uzbekistan": ("UZB", 0.0), "Iran": ("IRN", 0.0), "China": ("CHN", 0.0),
}


def seed_dicts() -> list[dict]:
    """The two seeds as scored dicts carrying the gold cues (hedges, figures, disclaimers, boilerplate, countries)."""
    t0 = (ROOT / "seeds" / "000_f1f1bf779abfd72b.txt").read_text(encoding="utf-8")
    t1 = (ROOT / "seeds" / "001_d7954e686be174ed.txt").read_text(encoding="utf-8")
    a = scored(
        t0, id="000_f1f1bf779abfd72b", author="Sagar", date="2025-10-28",
        title="Taliban’s Bold Move in Russia Stuns Pakistan, Leaves India Watching Closely",
        hedges=["seemingly", "could increase", "claim", "Sources suggest", "may now be paying off", "Experts believe",
                "seem to indicate", "could open the door", "hints at a possible", "potentially benefit", "an estimated",
                "interpretations may change"],
        boosters=["full-blown", "effectively", "far deeper", "world-renowned"],
        figures=[("25 metric tons", "Taliban authorities"), ("$25,000", None), ("250 tons", "Taliban officials"),
                 ("15-hour", None), ("200 to 250 tons", "The Kandahar Chamber of Commerce")],
        countries=SEED_COUNTRIES_000,
        disclaimers=["(Disclaimer: This article is based on current media reports"],
        quotes=[("milestone in Afghanistan’s export diversification.", "A Taliban spokesperson")],
    )
    b = scored(
        t1, id="001_d7954e686be174ed", outlet="SouthAsianDesk", date="2025-12-04",
        hedges=["could reshape", "might ease", "may yield", "could formalise", "potentially handling"],
        boosters=["firm step", "essential", "vital", "ensures"],
        figures=[("$100 billion", None), ("$500 million", "Russian Federal Customs Service", 1),
                 ("20%", "Russian Federal Customs Service"), ("50,000 tonnes", None), ("15%", "UN reports"),
                 ("1,300-km", None), ("30%", "Tajik Interior Ministry"), ("$10 million", None), ("$2 billion", None),
                 ("100,000 hectares", None), ("2 million tonnes", None), ("40 million", None), ("200 firms", None),
                 ("$1 billion", None), ("$1.5 billion", None), ("25%", None), ("5 million tonnes", None),
                 ("$500 million", None, 2), ("$300 million", None)],
        countries=SEED_COUNTRIES_001,
        boilerplate=[("Published in SouthAsianDesk", "publication_line"), ("Follow SouthAsianDesk on X", "promotion")],
        quotes=[("We have our relations with Afghanistan.", "Dmitry Peskov"), ("Russia is a powerful country in the region", "Abdul Latif Nazari")],
    )
    return [a, b]


@pytest.fixture(scope="module")
def seed_comparison() -> dict:
    return compare(seed_dicts()).to_dict()


def _findings(data: dict) -> list[dict]:
    return [f for ev in data["events"] for f in ev["findings"]]


# ---------------------------------------------------------------- gold on the seeds
def test_seeds_form_one_event(seed_comparison):
    assert len(seed_comparison["events"]) == 1
    ev = seed_comparison["events"][0]
    assert ev["method"] == "text similarity"
    assert ev["similarity"] >= seed_comparison["threshold"]
    assert [a["label"] for a in ev["articles"]] == ["000_f1f1bf779abfd72b (Sagar)", "SouthAsianDesk"]


def test_seed_hedge_rate_finding(seed_comparison):
    f = next(f for f in _findings(seed_comparison) if f["signal"] == "hedge_rate_per_1k_words")
    assert f["higher"].startswith("000") and f["lower"].startswith("001")
    assert f["values"][f["higher"]] > f["values"][f["lower"]]
    assert not f["within_noise"]
    assert "higher hedge rate" in f["statement"]
    hedges = {h["text"] for h in seed_dicts()[0]["hedging"]["hedges"]}
    assert f["evidence"][f["higher"]] and {e["text"] for e in f["evidence"][f["higher"]]} <= hedges


def test_seed_sourcing_share_finding(seed_comparison):
    f = next(f for f in _findings(seed_comparison) if f["signal"] == "share_figures_sourced")
    assert f["higher"].startswith("000")
    assert f["counts"] == {"000_f1f1bf779abfd72b": [3, 5], "001_d7954e686be174ed": [4, 19]}
    assert "(3 of 5 against 4 of 19)" in f["statement"]
    assert 0.05 < f["p_value"] < 0.2 and f["confidence"] == "suggestive"  # said with its uncertainty, not overstated


def test_seed_disclaimer_and_promotion_presence(seed_comparison):
    pres = {(f["signal"], f["category"]): f for f in _findings(seed_comparison) if f["kind"] == "presence"}
    disclaimer = pres[("disclaimers", "disclaimer")]
    assert disclaimer["only"] == ["000_f1f1bf779abfd72b"]
    assert disclaimer["statement"].startswith("only 000_f1f1bf779abfd72b (Sagar) carries a disclaimer")
    promo = pres[("boilerplate", "promotion")]
    assert promo["only"] == ["001_d7954e686be174ed"] and "promotional boilerplate" in promo["statement"]
    text = seed_dicts()[1]["text"]
    e = promo["evidence"]["001_d7954e686be174ed"][0]
    assert text[e["start"] : e["end"]] == e["text"]


def test_seed_country_coverage(seed_comparison):
    f = next(f for f in _findings(seed_comparison) if f["kind"] == "coverage" and f["signal"] == "countries")
    assert set(f["shared"]) == {"Russia", "Afghanistan", "Pakistan", "India"}
    assert set(f["only"]["001_d7954e686be174ed"]) == {"Tajikistan", "Uzbekistan", "Iran", "China"}
    assert "000_f1f1bf779abfd72b" not in f["only"]
    assert f["statement"].startswith("both articles mention")


def test_seed_share_no_figure_and_pair_nothing(seed_comparison):
    ev = seed_comparison["events"][0]
    assert ev["figures"]["shared"] == [] and ev["figures"]["disagreements"] == []
    f = next(f for f in ev["findings"] if f["kind"] == "figures_shared")
    assert f["shared"] == 0 and "the two articles share no figure" in f["statement"]
    assert not [f for f in ev["findings"] if f["kind"] == "figure_disagreement"]
    assert len(ev["figures"]["only"]["001_d7954e686be174ed"]) == 19


def test_findings_ranked_by_size_noise_last(seed_comparison):
    findings = seed_comparison["events"][0]["findings"]
    assert [f["rank"] for f in findings] == list(range(1, len(findings) + 1))
    keys = [(f["within_noise"], -f["size"]) for f in findings]
    assert keys == sorted(keys)


def test_comparison_validates_against_schema(seed_comparison):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(seed_comparison, {**schema["$defs"]["comparison"], "$defs": schema["$defs"]})
    with pytest.raises(jsonschema.ValidationError):
        broken = json.loads(json.dumps(seed_comparison))
        broken["events"][0]["findings"][0]["within_noise"] = "no"
        jsonschema.validate(broken, {**schema["$defs"]["comparison"], "$defs": schema["$defs"]})


def test_deterministic():
    a = json.dumps(compare(seed_dicts()).to_dict(), sort_keys=True)
    b = json.dumps(compare(seed_dicts()).to_dict(), sort_keys=True)
    assert a == b


# ---------------------------------------------------------------- noise, figures
def test_few_cues_are_within_noise():
    base = "The ministry said the talks went on through the night and ended with a statement. " * 8
    a = scored(base + "It may rain.", id="a", outlet="A", hedges=["may"])
    b = scored(base + "It will rain.", id="b", outlet="B")
    f = next(f for f in _findings(compare([a, b]).to_dict()) if f["signal"] == "hedge_rate_per_1k_words")
    assert f["within_noise"] and f["p_value"] is None and "too few" in f["statement"]


def test_figures_disagree_near_same_entities():
    t1 = "Russian customs data show trade between Russia and Afghanistan rose 20% last year, officials in Moscow said."
    t2 = "Trade between Russia and Afghanistan rose 30% last year according to customs data released in Moscow."
    a = scored(t1, id="a", outlet="A", figures=[("20%", None)], event="e")
    b = scored(t2, id="b", outlet="B", figures=[("30%", None)], event="e")
    ev = compare([a, b]).to_dict()["events"][0]
    assert len(ev["figures"]["disagreements"]) == 1
    dis = next(f for f in ev["findings"] if f["kind"] == "figure_disagreement")
    assert dis["values"] == {"a": 20.0, "b": 30.0}
    assert dis["evidence"]["a"][0]["text"] == "20%" and dis["evidence"]["b"][0]["text"] == "30%"


def test_same_figure_is_shared_not_disagreement():
    t1 = "Officials said the flood displaced 12,000 people in the northern province of Sindh on Monday."
    t2 = "The flood in Sindh province displaced 12,000 people, provincial officials said on Monday."
    ev = compare([scored(t1, id="a", outlet="A", figures=[("12,000 people", None)], event="e"),
                  scored(t2, id="b", outlet="B", figures=[("12,000 people", None)], event="e")]).to_dict()["events"][0]
    assert len(ev["figures"]["shared"]) == 1 and not ev["figures"]["disagreements"]


def test_unrelated_figures_with_same_unit_are_not_paired():
    t1 = "Farmers in Kandahar exported 250 tons of pomegranates by truck to Moscow this autumn."
    t2 = "The central bank said wheat imports from Kazakhstan reached 50,000 tonnes in the first quarter."
    ev = compare([scored(t1, id="a", outlet="A", figures=[("250 tons", None)], event="e"),
                  scored(t2, id="b", outlet="B", figures=[("50,000 tonnes", None)], event="e")]).to_dict()["events"][0]
    assert ev["figures"]["disagreements"] == [] and ev["figures"]["shared"] == []


@pytest.mark.parametrize(
    ("text", "value", "high", "unit"),
    [
        ("$1.5 billion", 1.5e9, 1.5e9, "USD"),
        ("20%", 20.0, 20.0, "percent"),
        ("200 to 250 tons", 200.0, 250.0, "tonne"),
        ("25 metric tons", 25.0, 25.0, "tonne"),
        ("1,300-km", 1300.0, 1300.0, "km"),
        ("2 million tonnes", 2e6, 2e6, "tonne"),
        ("200 firms", 200.0, 200.0, "firm"),
    ],
)
def test_parse_figure(text, value, high, unit):
    assert parse_figure(text) == {"value": value, "high": high, "unit": unit}


# ---------------------------------------------------------------- grouping
STORIES = {
    "flood": [
        ("Floods in Pakistan displace thousands", "Monsoon floods in Sindh province of Pakistan displaced thousands of families, the disaster authority said, as rivers burst their banks."),
        ("Pakistan flood toll rises in Sindh", "The disaster authority in Pakistan said floods in Sindh province displaced families after monsoon rivers burst their banks."),
    ],
    "election": [
        ("Brazil votes in tight runoff", "Brazilians voted on Sunday in a tight presidential runoff between Lula and Bolsonaro, with polls showing a narrow race."),
        ("Lula edges Bolsonaro in Brazil runoff", "Lula narrowly beat Bolsonaro in Brazil's presidential runoff on Sunday, electoral authorities said after polls closed."),
    ],
}


def _story_items():
    items, gold = [], []
    for key, pairs in STORIES.items():
        for title, body in pairs:
            items.append({"title": title, "text": title + "\n\n" + body, "date": "2024-08-01"})
            gold.append(key)
    return items, gold


def test_grouping_separates_stories():
    items, gold = _story_items()
    groups = group_events(items)
    labels = [next(k for k, g in enumerate(groups) if i in g.members) for i in range(len(items))]
    assert pairwise_scores(labels, gold)["f1"] == 1.0
    assert all(g.similarity is not None and 0 < g.similarity <= 1 for g in groups)


def test_threshold_controls_grouping():
    items, _ = _story_items()
    assert len(group_events(items, threshold=1.0)) == len(items)
    assert len(group_events(items, threshold=0.0)) == 1
    with pytest.raises(ValueError, match="between 0 and 1"):
        group_events(items, threshold=1.5)


def test_event_field_overrides_text():
    items, _ = _story_items()
    items[0]["event"] = items[2]["event"] = "mixed"
    groups = group_events(items)
    mixed = next(g for g in groups if g.key == "mixed")
    assert mixed.members == (0, 2) and mixed.method == "event field"


def test_far_apart_dates_split_the_same_words():
    items = [
        {"title": "Budget talks stall", "text": "Budget talks in Congress stalled again over spending caps.", "date": "2020-01-10"},
        {"title": "Budget talks stall", "text": "Budget talks in Congress stalled again over spending caps.", "date": "2023-06-10"},
    ]
    assert len(group_events(items, threshold=0.3)) == 2
    items[1]["date"] = "2020-01-12"
    assert len(group_events(items, threshold=0.3)) == 1


def test_pairwise_scores():
    s = pairwise_scores([1, 1, 2, 2], ["a", "a", "a", "b"])
    assert s["precision"] == 0.5 and s["recall"] == pytest.approx(1 / 3)


# ---------------------------------------------------------------- API surface
def test_to_frame_is_tidy(seed_comparison):
    c = compare(seed_dicts())
    frame = c.to_frame()
    assert list(frame.columns) == ["event", "outlet", "article", "signal", "value"]
    row = frame[(frame.article == "000_f1f1bf779abfd72b") & (frame.signal == "hedge_rate_per_1k_words")]
    assert row.value.iloc[0] == pytest.approx(seed_comparison["events"][0]["articles"][0]["signals"]["hedge_rate_per_1k_words"])
    assert (frame.signal == "sentiment.PAK").sum() == 2
    assert frame.outlet.iloc[0] == "Sagar"


def test_comparison_api_and_unscored():
    bad = dict(seed_dicts()[0], id="broken", error="could not read")
    c = compare([*seed_dicts(), bad])
    assert isinstance(c, Comparison)
    d = c.to_dict(include_text=False)
    assert d["unscored"] == [{"id": "broken", "error": "could not read"}]
    assert all("text" not in a for ev in d["events"] for a in ev["articles"])
    assert sum(len(ev["articles"]) for ev in c.events) == 2


def test_evidence_offsets_point_into_each_text(seed_comparison):
    texts = {a["id"]: a["text"] for ev in seed_comparison["events"] for a in ev["articles"]}
    for f in _findings(seed_comparison):
        for art, spans in f["evidence"].items():
            for s in spans:
                assert texts[art][s["start"] : s["end"]] == s["text"]


# ---------------------------------------------------------------- end to end on the real signals
def test_scored_seeds_state_the_five_gold_comparisons(seed_paths):
    import framing

    data = compare([framing.score(a) for p in seed_paths for a in framing.load(p)]).to_dict()
    assert len(data["events"]) == 1
    ev = data["events"][0]
    by = {(f["kind"], f["signal"], f.get("category")): f for f in ev["findings"]}
    hedge = by[("signal", "hedge_rate_per_1k_words", None)]
    assert hedge["higher"].startswith("000") and not hedge["within_noise"]
    share = by[("signal", "share_figures_sourced", None)]
    assert share["higher"].startswith("000")
    assert by[("presence", "disclaimers", "disclaimer")]["only"] == [ev["articles"][0]["id"]]
    assert by[("presence", "boilerplate", "promotion")]["only"] == [ev["articles"][1]["id"]]
    coverage = by[("coverage", "countries", None)]
    assert {"AFG", "PAK", "IND"} <= {c["code"] for c in ev["country_sentiment"] if len(c["articles"]) == 2}
    assert len(coverage["only"][ev["articles"][1]["id"]]) >= 4
    assert ev["figures"]["disagreements"] == [] and "share no figure" in by[("figures_shared", "figures", None)]["statement"]


def test_framing_compare_stays_a_function_after_submodule_imports():
    import importlib

    import framing

    importlib.import_module("framing.comparison.events")
    assert callable(framing.compare) and framing.Comparison is Comparison


def test_cli_writes_all_reports(tmp_path, seed_paths):
    import framing.cli

    out = {k: tmp_path / f"cmp.{k}" for k in ("json", "md", "html")}
    status = framing.cli.main(["compare", *map(str, seed_paths), "--json", str(out["json"]), "--md", str(out["md"]),
                               "--html", str(out["html"]), "--threshold", "0.15"])
    assert status == 0
    data = json.loads(out["json"].read_text(encoding="utf-8"))
    assert data["threshold"] == 0.15 and len(data["events"]) == 1
    assert "share no figure" in out["md"].read_text(encoding="utf-8")
    assert out["html"].read_text(encoding="utf-8").startswith("<!doctype html>")


def test_paragraph_list_records_are_compared():
    """BASIL-style records (body-paragraphs: paragraphs of sentences) load, score and group without an event id."""
    records = [
        {"uuid": f"u{i}", "source": src, "title": title, "date": "2019-01-25",
         "body-paragraphs": [[f"{title}.", "Congress passed a short-term spending bill to reopen the government."],
                             ["The shutdown lasted 35 days and left federal workers without pay."]]}
        for i, (src, title) in enumerate([("fox", "Trump announces deal to end partial government shutdown"),
                                          ("nyt", "Trump signs bill reopening government for three weeks")])
    ]
    c = compare(records)
    assert [[a["id"] for a in ev["articles"]] for ev in c.events] == [["u0", "u1"]]
    assert c.events[0]["articles"][0]["outlet"] == "fox"
    assert "35 days" in c.events[0]["articles"][0]["text"]


def test_actor_names():
    from framing.comparison.differences import _actor_name

    names = {s: _actor_name({"speaker": s, "speaker_type": "named_person"}) for s in
             ("He", "Americans should", "And Defense Secretary Jim Mattis", "Democrats, who declined to comment", "U",
              "Ministry of Agriculture")}
    assert names == {"He": None, "Americans should": None, "And Defense Secretary Jim Mattis": "Defense Secretary Jim Mattis",
                     "Democrats, who declined to comment": "Democrats", "U": None, "Ministry of Agriculture": "Ministry of Agriculture"}
    assert _actor_name({"speaker": "Experts", "speaker_type": "vague"}) is None


def test_voices_only_one_outlet_quotes():
    t = "Dmitry Peskov said: \"We have our relations with Afghanistan.\" Trade talks continued in Moscow and Kabul."
    a = scored(t, id="a", outlet="A", quotes=[("We have our relations with Afghanistan.", "Dmitry Peskov")], event="e")
    a["voices"] = [{"speaker": "Dmitry Peskov", "country": "RUS", "quotes": 1}]
    a["sourcing"]["voices_by_country"] = {"RUS": 1}
    b = scored("Trade talks continued in Moscow and Kabul, officials said.", id="b", outlet="B", event="e")
    ev = compare([a, b]).to_dict()["events"][0]
    f = next(f for f in ev["findings"] if f["signal"] == "voices_by_country")
    assert f["only"] == {"a": ["RUS"]} and "only A quotes voices from RUS (1 quote)" in f["statement"]
    assert f["evidence"]["a"][0]["text"] == "We have our relations with Afghanistan."
    assert ev["articles"][0]["voices_by_country"] == {"RUS": 1}
