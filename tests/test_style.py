"""Loaded language, frames and headline (framing.signals.style and its parts)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import lexicons
from framing.article import Article, read_txt
from framing.document import parse
from framing.signals import frames, headline, loaded_language, style
from test_readability import reference_readability

SEED_000 = "000_f1f1bf779abfd72b.txt"


def run(text: str, **meta) -> dict:
    return style.measure(parse(Article(text=text, **meta)), None)


def assert_offsets(text: str, evidence: list[dict]) -> None:
    for e in evidence:
        assert text[e["start"] : e["end"]] == e["text"]


# ---------------------------------------------------------------- the seed (acceptance example)
def test_seed_headline_cues_and_body_cue_are_found(seed_paths):
    path = next(p for p in seed_paths if p.name == SEED_000)
    text = path.read_text(encoding="utf-8")
    for article in (Article(text=text), *framing.load(path)):
        out = style.measure(parse(article), None)
        loaded = out["loaded_language"]
        assert {"stuns", "bold", "dramatic"} <= {e["text"].lower() for e in loaded["evidence"]}
        assert_offsets(text, loaded["evidence"])
        assert_offsets(text, out["frames"]["evidence"])
        head = out["headline"]
        assert head["text"] == "Taliban’s Bold Move in Russia Stuns Pakistan, Leaves India Watching Closely"
        assert text[head["start"] : head["end"]] == head["text"]
        assert {c["text"] for c in head["loaded_cues"]} == {"Bold", "Stuns"}
        assert head["stronger_than_body"] is True
        assert loaded["headline_count"] == 2
        assert out["readability"]["flesch_reading_ease"] is not None


def test_scored_seed_carries_the_four_keys(seed_docs):
    d = seed_docs[SEED_000].to_dict(include_text=False)
    assert d["loaded_language"]["rate_per_1k_words"] > 0
    assert d["readability"]["flesch_reading_ease"] is not None
    assert d["frames"]["dominant"] in frames.FRAMES
    assert d["headline"]["source"] == "title_line"


# ---------------------------------------------------------------- loaded language
def test_quoted_cues_are_the_speaker_s_and_counted_apart():
    text = 'Lawmakers met on Monday to discuss the budget.\n"This bill is a disgrace," the senator said, calling it radical.'
    loaded = run(text)["loaded_language"]
    by_text = {e["text"]: e for e in loaded["evidence"]}
    assert by_text["disgrace"]["in_quote"] is True
    assert by_text["radical"]["in_quote"] is False
    assert (loaded["quoted_count"], loaded["own_voice_count"]) == (1, 1)
    assert loaded["by_category"] == {"emotive": 1, "partisan_label": 1}
    assert loaded["rate_per_1k_words"] == round(1000 * 2 / loaded["words"], 2)


def test_multiword_and_hyphenated_terms_match_whole():
    text = "Officials praised the full-blown plan.\nThe so-called reform drew a witch hunt, they said."
    cues = {e["text"] for e in run(text)["loaded_language"]["evidence"]}
    assert {"full-blown", "so-called", "witch hunt"} <= cues


def test_no_phrase_match_straddles_a_sentence_boundary():
    text = "Voters saw a witch. Hunt season opened on Monday.\nIt was a witch hunt, she said."
    cues = run(text)["loaded_language"]["evidence"]
    assert [c["text"] for c in cues] == ["witch hunt"]
    assert cues[0]["start"] == text.index("witch hunt")


def test_neutral_reporting_has_no_cues():
    text = "The ministry said exports rose 4 percent in March.\nOfficials will meet again next week."
    assert run(text)["loaded_language"]["count"] == 0


def test_user_lexicon_extends_loaded_language(tmp_path):
    user = tmp_path / "loaded_language.tsv"
    user.write_text("term\tcategory\tweight\tnote\nkerfuffle\tsensational\t1\ttest entry\n", encoding="utf-8")
    lexicons.use(user)
    try:
        cues = run("A kerfuffle erupted in the council.\nMembers left early.")["loaded_language"]["evidence"]
    finally:
        lexicons.reset()
    assert [c["text"] for c in cues] == ["kerfuffle"]


@pytest.mark.parametrize("name", ["loaded_language", "frames"])
def test_shipped_lexicons_are_clean(name):
    assert lexicons.problems(lexicons.builtin_dir() / f"{name}.tsv") == []


# ---------------------------------------------------------------- frames
def test_frame_counts_shares_and_dominant():
    text = (
        "Tariffs raised prices for consumers and hurt exports.\n"
        "Senators from both parties criticised the policy, and the economy slowed."
    )
    fr = run(text)["frames"]
    assert fr["dominant"] == "economic"
    assert fr["counts"]["economic"] >= 4
    assert fr["counts"]["political"] >= 1
    assert sum(fr["shares"].values()) == pytest.approx(1.0, abs=1e-3)
    assert fr["cue_count"] == len(fr["evidence"]) == sum(fr["counts"].values())


def test_dominant_ties_go_to_codebook_order_and_none_without_cues():
    assert frames.dominant({"political": 2.0, "economic": 2.0}) == "economic"
    assert frames.dominant(dict.fromkeys(frames.FRAMES, 0.0)) is None


def test_event_words_weigh_less_than_frame_words():
    """'shooting' names the event; 'protest' is how the story is told (public opinion)."""
    fr = run("Shooting victims join protest\nSurvivors met reporters on Friday.")["frames"]
    assert fr["counts"]["crime_punishment"] > fr["counts"]["public_opinion"]
    assert fr["dominant"] == "public_opinion"
    assert fr["scores"]["crime_punishment"] == pytest.approx(0.25 * fr["counts"]["crime_punishment"])


# ---------------------------------------------------------------- headline
def test_headline_given_apart_from_the_text_has_offsets_into_itself():
    title = "Senator slams bold tax plan"
    out = run("The senator spoke on Tuesday about the plan.\nShe said taxes would rise.", title=title)
    head = out["headline"]
    assert (head["source"], head["in_text"], head["start"]) == ("metadata", False, None)
    assert [title[c["title_start"] : c["title_end"]] for c in head["loaded_cues"]] == ["slams", "bold"]
    assert all("start" not in c for c in head["loaded_cues"])  # not offsets into the article text
    assert head["dominant_frame"] == "economic"
    assert head["stronger_than_body"] is True


def test_a_first_sentence_is_not_taken_for_a_headline():
    doc = parse("The council met on Monday.\nIt approved the budget.")
    assert headline.locate(doc) == (None, None)


def test_no_headline_gives_the_empty_shape():
    out = run("The council met on Monday and approved the budget.")
    assert out["headline"] == headline.empty()


# ---------------------------------------------------------------- contract
def test_empty_has_the_keys_measure_returns():
    full = run("Bold Move Stuns Rivals\nThe company announced a dramatic expansion of its trade network.")
    blank = style.empty()
    assert set(full) == set(blank)
    for key in full:
        assert set(full[key]) == set(blank[key]), key


def test_same_input_same_output():
    text = "Chaos at the Border\nRadical officials claimed the regime had collapsed; markets plunged."
    assert run(text) == run(text)
    assert loaded_language.LEXICON == "loaded_language"


# ---------------------------------------------------------------- properties
_WORDS = [
    "Bold",
    "stuns",
    "the",
    "regime",
    "Economy",
    "trade",
    "witch",
    "hunt",
    "full-blown",
    "“",
    "”",
    '"',
    "said",
    "claimed",
    "n't",
    "Trump",
    "shooting",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", " ", ". ", "\n", "\n\n", ", "]), st.text(max_size=3)),
        max_size=60,
    )
)
def test_every_span_points_into_the_text(pieces):
    text = "".join(pieces)
    out = run(text)
    for key in ("loaded_language", "frames"):
        assert_offsets(text, out[key]["evidence"])
    head = out["headline"]
    if head["in_text"]:
        assert text[head["start"] : head["end"]] == head["text"]
        assert_offsets(text, head["loaded_cues"])
    assert out == run(text)


# ---------------------------------------------------------------- the evaluations (need ../shared/data)
def _evaluation(name: str):
    path = Path(__file__).resolve().parents[1] / "evaluation" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"evaluation_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_babe_cues_beat_the_trivial_baseline(shared_data):
    ev = _evaluation("loaded_language")
    rows = ev.load_babe(shared_data)
    gold = [r["biased"] for r in rows]
    pred = []
    for r in rows:
        doc = parse(Article(text=r["text"]))
        pred.append(bool(loaded_language.find_cues(doc, doc.sentences)))
    ours, trivial = ev.scores(gold, pred), ev.scores(gold, [True] * len(gold))
    assert ours["macro_f1"] > trivial["macro_f1"] + 0.2
    assert ours["precision"] > trivial["precision"] + 0.15


def test_gvfc_dominant_frame_beats_the_majority_class(shared_data):
    ev = _evaluation("frames")
    rows = ev.load_gvfc(shared_data)
    correct = sum(ev.predict(r["text"]) == r["theme1"] for r in rows)
    majority = max(Counter(r["theme1"] for r in rows).values())
    assert correct > majority * 1.2


# ---------------------------------------------------------------- the fused path equals the reference path
def _reference_style(doc) -> dict:
    """The four keys from the modules' one-by-one functions and ``Lexicon.match_document`` per run of sentences
    (``loaded_language.match_sentences``), as ``style.measure`` computed them before the fused path."""
    from framing.evidence import Evidence
    from framing.lexicons import load_lexicon

    span, source = headline.locate(doc)
    sentences = doc.body_sentences()
    if span is not None:
        inside = [span.start <= s.start and s.end <= span.end for s in sentences]
        body = [s for s, h in zip(sentences, inside, strict=True) if not h]
        head = [s for s, h in zip(sentences, inside, strict=True) if h]
    else:
        body, head = sentences, []
    reading = reference_readability(doc, body)
    text, starts, ends = doc.text, doc.token_starts, doc.token_ends
    cues = []
    for m in loaded_language.match_sentences(load_lexicon(loaded_language.LEXICON), doc, sentences):
        a, b = starts[m.token_start], ends[m.token_end - 1]
        cues.append(
            Evidence.from_span(
                text,
                a,
                b,
                m.entry.category,
                m.entry.term,
                weight=m.entry.weight,
                in_quote=doc.in_quote(a, b) is not None,
                in_headline=span is not None and span.start <= a and b <= span.end,
            )
        )
    head_words = reference_readability(doc, head)["words"] if head else 0
    rows = [
        (starts[m.token_start], ends[m.token_end - 1], m.entry.category, m.entry.term, m.entry.weight)
        for m in loaded_language.match_sentences(load_lexicon(frames.LEXICON), doc, sentences)
    ]
    frame_result = frames.summarise_rows(rows, text)
    if span is not None:
        head_rows = [r for r in rows if span.start <= r[0] and r[1] <= span.end]
        body_frame = frames.dominant(frames.row_scores([r for r in rows if r[0] >= span.end or r[1] <= span.start]))
    else:
        head_rows, body_frame = [], frame_result["dominant"]
    return {
        "readability": reading,
        "loaded_language": loaded_language.summarise(cues, reading["words"] + head_words),
        "frames": frame_result,
        "headline": headline.measure(doc, span, source, cues, reading["words"], body_frame, head_rows),
    }


_PIECES = [
    *_WORDS,
    "MAGA",
    "maga",
    "GDP",
    "House",
    "house",
    "White House",
    "gun control",
    "witch hunt",
    "witch\nhunt",  # a phrase across a sentence end: no cue, but its tokens are consumed
    "White\nHouse",
    "illegal aliens",
    "far-right",
    "right-wing",
    "armed",
    "forces",
    "couldn't",
    "N'T",
    "n’t",
    "didn’t",
    "unreformulatable",
    "25,000",
    "1.5",
    "Kyiv’s",
    "‘",
    "’",
    "(",
    "—",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.sampled_from([" ", " ", " ", ". ", "! ", "\n", "\n\n", ", "]),
            st.text(alphabet="abcéΣ'’-. \n", max_size=4),
        ),
        max_size=80,
    ),
    st.sampled_from([None, "Senator slams bold gun control plan", "House GOP’s MAGA chaos", ""]),
)
def test_fused_style_equals_the_reference_path(pieces, title):
    text = "".join(pieces)
    for article in (Article(text=text, title=title), read_txt(text)):
        doc = parse(article)
        assert style.measure(doc, None) == _reference_style(parse(article))


def test_fused_style_equals_the_reference_path_on_the_seeds(seed_paths):
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        for article in (Article(text=text), *framing.load(path)):
            assert style.measure(parse(article), None) == _reference_style(parse(article))
