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


def test_token_positions_are_the_true_items_at_any_length():
    """Positions come from a shared index list that grows past its first 4,096: beyond it they must still be right."""
    from framing.tokens import token_positions

    for n in (0, 5, 4096, 10_001):
        selected = [k % 7 == 3 or k == n - 1 for k in range(n)]
        assert token_positions(selected, n) == [k for k in range(n) if selected[k]]
        assert token_positions(iter(selected), n) == [k for k in range(n) if selected[k]]
