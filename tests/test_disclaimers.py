"""Disclaimers, editorial notes and boilerplate: found with their kind and span, and kept out of the body."""

from __future__ import annotations

import importlib.util
import json
import re
import time
from pathlib import Path

import pytest

import framing
from framing import lexicons
from framing.document import parse
from framing.errors import LexiconError
from framing.evidence import Span
from framing.signals import disclaimers

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "disclaimer_lines.tsv"


def _evaluation():
    spec = importlib.util.spec_from_file_location("evaluation_disclaimers", ROOT / "evaluation" / "disclaimers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _fresh_lexicons():
    lexicons.reset()
    yield
    lexicons.reset()


def _items(text: str) -> list[dict]:
    result = disclaimers.detect(parse(text))
    return result["disclaimers"] + result["boilerplate"]


def _kinds(text: str) -> list[str]:
    return [x["kind"] for x in _items(text)]


NEWS = (
    "The government announced on Tuesday that it would raise fuel prices by 4% from next month. "
    "Opposition parties criticised the decision.\n\n"
    "The finance ministry is due to publish its budget in June."
)


# ---------------------------------------------------------------- the seeds (acceptance examples)
def test_seed_000_disclaimer_is_one_note_including_its_evolving_sentence(seed_paths):
    article = framing.load(seed_paths[0])[0]
    text = article.text
    result = disclaimers.detect(parse(article))
    assert result["boilerplate"] == []
    [note] = result["disclaimers"]
    assert note["kind"] == "disclaimer"
    assert note["text"].startswith("(Disclaimer: This article is based on current media reports")
    assert note["text"].endswith("as more information becomes available.)")
    assert text[note["start"] : note["end"]] == note["text"]
    assert "evolving_story" in {c["kind"] for c in note["cues"]}


def test_seed_001_publication_line_and_promotion_and_nothing_else(seed_paths):
    article = framing.load(seed_paths[1])[0]
    result = disclaimers.detect(parse(article))
    assert result["disclaimers"] == []
    got = [(x["kind"], x["text"][:27]) for x in result["boilerplate"]]
    assert got == [("publication_line", "Published in SouthAsianDesk"), ("promotion", "Follow SouthAsianDesk on X,")]
    assert "Moscow" not in json.dumps(result)  # the inline dateline of the first paragraph is not flagged


def test_seed_disclaimer_is_excluded_from_the_body_the_other_signals_read(seed_paths, seed_docs):
    article = framing.load(seed_paths[0])[0]
    doc = parse(article)
    found = disclaimers.detect(doc)
    doc.exclude([Span(x["start"], x["end"]) for items in found.values() for x in items])
    body = " ".join(doc.sentence_text(s) for s in doc.body_sentences())
    assert "interpretations may change" not in body
    assert "This article is based on current media reports" not in body
    assert "Taliban-operated trucks" in body
    scored = seed_docs[seed_paths[0].name].to_dict()
    assert [x["kind"] for x in scored["disclaimers"]] == ["disclaimer"]


def test_header_lines_read_by_the_loader_are_not_reported_again(seed_paths):
    article = framing.load(seed_paths[0])[0]
    assert {kind for kind, _s, _e in article.regions} >= {"byline", "dateline"}
    result = disclaimers.detect(parse(article))
    for kind, start, end in article.regions:
        for x in result["disclaimers"] + result["boilerplate"]:
            assert not (x["start"] < end and start < x["end"]), (kind, x)


# ---------------------------------------------------------------- the labelled table
def test_table_has_forty_lines_of_each_kind_and_near_misses():
    rows = _evaluation().read_table(TABLE)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    assert set(counts) == set(disclaimers.KINDS) | {"none"}
    assert all(counts[k] >= 40 for k in disclaimers.KINDS), counts
    assert counts["none"] >= sum(counts[k] for k in disclaimers.KINDS)  # at least as many near-misses as notes


@pytest.mark.parametrize(
    "split", ["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9"]
)
def test_table_precision_and_recall_meet_the_targets(split):
    evaluation = _evaluation()
    rows = [r for r in evaluation.read_table(TABLE) if r["split"] == split]
    results = evaluation.evaluate(rows)
    for condition in ("alone", "embedded"):
        r = results[f"{split}/{condition}"]
        assert r["precision"] >= 0.9, (condition, r["errors"][:10])
        assert r["recall"] >= 0.8, (condition, r["errors"][:10])
        assert r["spill"] == 0, condition


@pytest.mark.parametrize(
    "near_miss",
    [
        '"The situation is evolving," the minister told reporters on Tuesday.',
        "The minister said the situation is evolving and that troops remained on alert.",
        "Reuters reported that the talks had stalled over the weekend.",
        "Investigators urged lawmakers to follow the money behind the scheme.",
        "Updated figures show unemployment fell to 3.9% in May.",
        "By Tuesday, rescuers had reached the village.",
        "The event was sponsored by a coalition of local businesses.",
    ],
)
def test_near_misses_named_in_the_issue_are_not_flagged(near_miss):
    assert _items(near_miss) == []
    assert _items(NEWS.replace("Opposition parties criticised the decision.", near_miss)) == []


# ---------------------------------------------------------------- position robustness and units
@pytest.mark.parametrize(
    "note",
    [
        "This is a developing story and will be updated.",
        "(This is a developing story and will be updated.)",
        "*This is a developing story and will be updated.*",
        "_This is a developing story and will be updated._",
        "[This is a developing story and will be updated.]",
        "Editor's note: This is a developing story and will be updated.",
    ],
)
@pytest.mark.parametrize("where", ["top", "bottom", "inline"])
def test_a_note_is_found_wherever_and_however_it_is_set(note, where):
    if where == "top":
        text = note + "\n\n" + NEWS
    elif where == "bottom":
        text = NEWS + "\n\n" + note
    else:
        text = NEWS.replace("criticised the decision.", "criticised the decision. " + note)
    items = _items(text)
    assert [x["kind"] for x in items] == ["evolving_story"]
    [item] = items
    assert note.strip("*_") in item["text"] or item["text"] in note
    assert "fuel prices" not in item["text"] and "finance ministry" not in item["text"]


def test_a_bracketed_note_inside_a_news_paragraph_marks_only_the_brackets():
    text = "The talks resumed on Monday. (Corrects spelling of spokesman's name in paragraph 4) Both sides met."
    [item] = _items(text)
    assert item["kind"] == "correction"
    assert item["text"] == "(Corrects spelling of spokesman's name in paragraph 4)"


def test_a_wire_dateline_marks_itself_and_leaves_the_news_sentence_in_the_body():
    text = "WASHINGTON (Reuters) - The Senate passed the bill on Friday, officials said."
    doc = parse(text)
    found = disclaimers.detect(doc)
    [credit] = found["boilerplate"]
    assert (credit["kind"], credit["text"]) == ("wire_credit", "WASHINGTON (Reuters) -")
    doc.exclude([Span(credit["start"], credit["end"])])
    assert len(doc.body_sentences()) == 1


def test_generic_label_takes_the_kind_of_the_note_it_introduces():
    assert _kinds("Editor's note: An earlier version of this story misstated the date of the vote.") == ["correction"]
    assert _kinds("Disclaimer: The author holds shares in several companies mentioned in this article.") == [
        "conflict_of_interest"
    ]
    assert _kinds("Editor's note: This article reflects the reporting of one correspondent.") == ["disclaimer"]


def test_attribution_vetoes_weak_cues_but_not_labels_or_self_reference():
    assert _items("The situation is evolving rapidly, officials said.") == []
    assert _kinds("Update: The airport has reopened, officials said.") == ["update"]
    assert _kinds("An earlier version of this story incorrectly said the vote took place on Tuesday.") == ["correction"]


def test_capitalised_labels_after_the_lead_are_not_datelines():
    lead = "LONDON — " + "The prime minister met union leaders on Monday to discuss the strike. " * 3
    transcript = lead + "\n\nAMY GOODMAN: Welcome to the show.\n\nPHOTOS: Scenes from the march"
    kinds = _kinds(transcript)
    assert kinds == ["dateline"]


def test_breaking_label_marks_only_the_label():
    [item] = _items("BREAKING: More than 30 journalists called in sick in protest on Friday.")
    assert (item["kind"], item["text"]) == ("evolving_story", "BREAKING:")


# ---------------------------------------------------------------- output contract
def test_items_carry_offsets_into_the_text_sorted_and_deterministic():
    text = (
        "By Jane Doe\n\nWASHINGTON (AP) — Lawmakers met on Tuesday. This is a developing story.\n\n"
        "The views expressed here are the author's own.\n\nFollow us on Twitter @NewsDesk\n\n"
        "Copyright © 2024 Example Media Ltd. All rights reserved."
    )
    first = disclaimers.detect(parse(text))
    second = disclaimers.detect(parse(text))
    assert json.dumps(first) == json.dumps(second)
    seen = []
    for key, category in (("disclaimers", "disclaimer"), ("boilerplate", "boilerplate")):
        starts = [x["start"] for x in first[key]]
        assert starts == sorted(starts)
        for x in first[key]:
            assert text[x["start"] : x["end"]] == x["text"]
            assert x["category"] == category
            assert re.fullmatch(r"disclaimers\.tsv:\d+", x["entry"])
            for c in x["cues"]:
                assert text[c["start"] : c["end"]] == c["text"]
                assert x["start"] <= c["start"] and c["end"] <= x["end"]
            seen.append(x["kind"])
    assert sorted(seen) == sorted(
        ["byline", "wire_credit", "evolving_story", "disclaimer", "promotion", "publication_line"]
    )


def test_empty_and_blank_documents_give_the_empty_result():
    assert disclaimers.detect(parse("")) == disclaimers.empty()
    assert disclaimers.detect(parse("   \n\n  ")) == disclaimers.empty()


def test_scored_output_validates_against_the_schema():
    import jsonschema

    from framing.schema import load_schema

    scored = framing.score("By Jane Doe\n\nLONDON (Reuters) - Prices rose.\n\nThis is a developing story.").to_dict()
    jsonschema.validate(scored, load_schema())
    assert [x["kind"] for x in scored["disclaimers"]] == ["evolving_story"]
    assert [x["kind"] for x in scored["boilerplate"]] == ["byline", "wire_credit"]


# ---------------------------------------------------------------- the lexicon and its speed-ups
def _nested_repeat(items, inside=False) -> bool:
    from re import _constants as c
    from re import _parser  # noqa: F401

    for op, av in items:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            repeats = av[1] > 1
            if inside and repeats:
                return True
            if _nested_repeat(av[2], inside or repeats):
                return True
        elif (
            (op is c.SUBPATTERN and _nested_repeat(av[3], inside))
            or (op is c.BRANCH and any(_nested_repeat(b, inside) for b in av[1]))
            or (op in (c.ASSERT, c.ASSERT_NOT) and _nested_repeat(av[1], inside))
        ):
            return True
    return False


def test_patterns_have_no_nested_repetition_so_they_run_in_linear_time():
    from re import _parser

    lex = lexicons.load_lexicon("disclaimers")
    nested = [e.origin for e in lex.entries if e.is_regex and _nested_repeat(_parser.parse(e.term[3:]))]
    assert nested == []


def test_every_entry_has_a_known_kind_placement_and_unit():
    compiled = disclaimers._rules()
    for rule in compiled.rules.values():
        assert rule.kind in (*disclaimers.KINDS, disclaimers.VETO)
        assert rule.where in disclaimers.PLACEMENTS
        assert rule.unit in disclaimers.UNITS
    for kind in disclaimers.KINDS:
        assert any(r.kind == kind for r in compiled.rules.values()), kind


def test_prefix_index_and_screens_never_hide_a_match(monkeypatch):
    """Dispatching patterns by their first characters and screening them by literals finds exactly what
    trying every pattern finds."""
    rows = _evaluation().read_table(TABLE)
    texts = [r["text"] for r in rows] + [NEWS + "\n\n" + r["text"] for r in rows[::7]]
    texts += [t.upper() for t in texts[::5]]
    # Characters that (?i) matches to i, s and k besides their two cases: str.lower() does not make
    # ı, ſ and İ those letters (screens must stand aside), "k".upper() is not the Kelvin sign (the
    # prefix index must list it).
    texts += [
        t.replace("i", "\u0131").replace("s", "\u017f").replace("I", "\u0130").replace("K", "\u212a")
        for t in texts[::3]
    ]
    indexed = [disclaimers.detect(parse(t)) for t in texts]
    compiled = disclaimers._rules()
    assert any(screen is not None for screen in compiled.screens)
    monkeypatch.setattr(compiled, "screens", (None,) * len(compiled.patterns))
    everything = tuple(range(len(compiled.patterns)))
    monkeypatch.setattr(compiled, "by_prefix", {"": everything})
    monkeypatch.setattr(compiled, "dispatch", {})
    monkeypatch.setattr(compiled, "dispatch_nodes", {})
    brute = [disclaimers.detect(parse(t)) for t in texts]
    assert indexed == brute


def test_screens_are_implied_by_their_patterns():
    """Wherever a screened pattern matches, its screen passes (literal within reach, in the right case)."""
    compiled = disclaimers._rules()
    rows = _evaluation().read_table(TABLE)
    for n, screen in enumerate(compiled.screens):
        if screen is None:
            continue
        fold, literals, reach = screen
        for text in [r["text"] for r in rows] + [r["text"].upper() for r in rows]:
            m = compiled.regexes[n].match(text)
            if m and m.end() > m.start():
                window = text[:reach].lower() if fold else text[:reach]
                assert any(lit in window for lit in literals), (compiled.patterns[n].entry.origin, text)


def test_case_insensitive_screens_know_every_letter_that_folds_to_ascii():
    """The only characters that (?i) matching equates with an ASCII character but ``str.lower`` does not map
    to it are the ones :data:`disclaimers._FOLD_TRAPS_RE` stops screening on."""
    import re

    everything = "".join(chr(cp) for cp in range(0x80, 0x110000) if not 0xD800 <= cp < 0xE000)
    traps = set()
    for a in map(chr, range(32, 127)):
        traps.update(c for c in re.findall("(?i)" + re.escape(a), everything) if c.lower() != a.lower())
    assert traps == {"\u0130", "\u0131", "\u017f"}
    assert all(disclaimers._FOLD_TRAPS_RE.search(c.lower()) for c in traps)
    # and the prefix index's extra cases are every character (?i) equates with an ASCII letter beyond its two cases
    extras = {a: "".join(sorted(c for c in re.findall("(?i)" + a, everything))) for a in "abcdefghijklmnopqrstuvwxyz"}
    assert {a: v for a, v in extras.items() if v} == {a: "".join(sorted(v)) for a, v in disclaimers._FOLD_EXTRAS.items()}


def test_prefixes_of_a_pattern_cover_its_matches():
    def covered(pattern: str, text: str) -> bool:
        return any(text.startswith(p) for p in disclaimers._prefixes(pattern))

    for text in ("this story", "THIS STORY", "The story", "the story"):
        assert covered(r"(?i)(?:this|the) story", text)
    assert not covered(r"(?i)(?:this|the) story", "That story")
    assert covered(r"[A-Z]{2,40} —", "LONDON —") and not covered(r"[A-Z]{2,40} —", "London —")
    assert disclaimers._prefixes(r"\w+ said") == {""}  # cannot tell: tried everywhere
    # what (?i) equates with a letter besides its two cases (ſ with s, İ and ı with i, the Kelvin sign with k)
    for pattern, text in [("(?i)sponsored", "\u017fponsored"), ("(?i)inside", "\u0130nside"), ("(?i)inside", "\u0131nside"), ("(?i)keep reading", "\u212aeep reading")]:
        assert re.match(pattern, text) and covered(pattern, text), (pattern, text)


def test_user_lexicon_extends_the_cues_and_bad_placements_name_the_line(tmp_path):
    header = "term\tcategory\tweight\twhere\tunit\tnote\n"
    good = tmp_path / "disclaimers.tsv"
    good.write_text(header + "this dispatch is unedited\tdisclaimer\t2\tstart\tsentence\ta house style\n")
    assert _items("This dispatch is unedited.") == []
    lexicons.use(good)
    assert _kinds("This dispatch is unedited.") == ["disclaimer"]
    lexicons.reset()
    bad = tmp_path / "more" / "disclaimers.tsv"
    bad.parent.mkdir()
    bad.write_text(header + "whatever\tdisclaimer\t2\tsomewhere\tsentence\tbad placement\n")
    lexicons.use(bad)
    with pytest.raises(LexiconError, match=r"disclaimers.tsv:2: where 'somewhere' is not one of"):
        disclaimers.detect(parse("Anything at all."))


def test_cost_is_small_next_to_parsing_and_does_not_blow_up_on_hostile_text():
    rows = _evaluation().read_table(TABLE)
    article = "\n\n".join(f"{NEWS} {r['text']}" for r in rows[:150])
    hostile = ("NEW YORK " * 2000) + "\n\n" + ("(" * 5000) + "\n\n" + ("By " + "Ab " * 3000)
    disclaimers.detect(parse("Warm up: the lexicon is loaded and compiled once."))
    for text in (article, hostile):
        t0 = time.process_time()
        doc = parse(text)
        t1 = time.process_time()
        disclaimers.detect(doc)
        t2 = time.process_time()
        assert t2 - t1 < 2 * (t1 - t0) + 0.05, (t2 - t1, t1 - t0)


@pytest.mark.parametrize(
    "unit",
    [
        "John contributed to this report and ",
        "(views expressed in this ",
        "Follow us on Twitter. ",
        "Disclaimer: x. ",
        '"This is a developing story." ',
        "Advertisement\n",
    ],
)
def test_cost_grows_linearly_with_repeated_cues(unit):
    """Many cues in one paragraph or sentence: four times the text must not cost sixteen times the time."""
    disclaimers.detect(parse("Warm up."))

    def cost(n: int) -> float:
        doc = parse(unit * n)
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            disclaimers.detect(doc)
            best = min(best, time.process_time() - t0)
        return best

    small, large = cost(300), cost(1200)
    assert large < 9 * small + 0.01, (small, large)
