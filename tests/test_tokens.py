import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.tokens import normalise, token_spans, tokenize_term


def toks(text):
    return [text[a:b] for a, b in token_spans(text)]


def test_numbers_keep_separators_and_symbols_split():
    assert toks("$1.5 billion, up 20%") == ["$", "1.5", "billion", ",", "up", "20", "%"]
    assert toks("a 1,300-km stretch") == ["a", "1,300", "-", "km", "stretch"]


def test_trailing_period_is_not_part_of_a_number():
    assert toks("in 2025.") == ["in", "2025", "."]


def test_clitics_and_negation_split_like_ptb():
    assert toks("Afghanistan’s") == ["Afghanistan", "’s"]
    assert toks("couldn't") == ["could", "n't"]
    assert toks("don’t") == ["do", "n’t"]


def test_hyphenated_words_split():
    assert toks("full-blown") == ["full", "-", "blown"]


def test_ordinals_stay_whole():
    assert toks("December 4th") == ["December", "4th"]


def test_normalise_lowercases_and_straightens_apostrophes():
    assert normalise("N’T") == "n't"


def test_terms_tokenize_like_text():
    assert tokenize_term("no doubt") == ("no", "doubt")
    assert tokenize_term("Taliban's") == ("Taliban", "'s")


@settings(max_examples=200, derandomize=True)
@given(st.text())
def test_token_spans_are_ordered_and_cover_every_visible_character(text):
    spans = token_spans(text)
    pos = 0
    for a, b in spans:
        assert pos <= a < b <= len(text)
        assert not text[a:b].isspace()
        pos = b
    # Every visible character belongs to a token: nothing is dropped.
    covered = sum(b - a for a, b in spans)
    assert covered == len(re.sub(r"\s", "", text))
