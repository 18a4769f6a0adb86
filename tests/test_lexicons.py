"""Every shipped lexicon is clean data, and users can extend one with their own file."""

from __future__ import annotations

import pytest

from framing import lexicons
from framing.document import parse
from framing.errors import LexiconError


@pytest.fixture(autouse=True)
def _fresh_lexicons():
    lexicons.reset()
    yield
    lexicons.reset()


@pytest.mark.parametrize("name", lexicons.names())
def test_shipped_lexicon_lints_clean(name):
    path = lexicons.builtin_dir() / f"{name}.tsv"
    assert lexicons.problems(path) == []


@pytest.mark.parametrize("name", lexicons.names())
def test_shipped_lexicon_documents_its_source(name):
    head = (lexicons.builtin_dir() / f"{name}.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#"), f"{name}.tsv must open with comment lines saying where its entries come from"


def test_lint_reports_duplicates_and_stray_spaces(tmp_path):
    f = tmp_path / "x.tsv"
    f.write_text("term\tcategory\tweight\tnote\nmay\tmodal\t1\tok\nMay\tmodal\t1\tcase differs: distinct\nmay\tmodal\t1\tagain\nfirm  step\tb\t1\tn\n")
    found = lexicons.problems(f)
    assert any("x.tsv:4: duplicate of x.tsv:2" in p for p in found)
    assert any("x.tsv:5" in p and "stray spaces" in p for p in found)
    assert len(found) == 2


def test_malformed_rows_name_the_file_and_line(tmp_path):
    f = tmp_path / "hedges.tsv"
    f.write_text("# comment\nterm\tcategory\tweight\tnote\nmaybe\tadverb\tnot-a-number\tnote\n")
    with pytest.raises(LexiconError, match=r"hedges.tsv:3: weight 'not-a-number' is not a number"):
        lexicons.read_lexicon_file(f)
    f.write_text("term\tcategory\tweight\tnote\nmaybe\tadverb\t1\n")
    with pytest.raises(LexiconError, match=r"hedges.tsv:2: 3 tab-separated cells, header has 4"):
        lexicons.read_lexicon_file(f)
    f.write_text("word\tkind\n")
    with pytest.raises(LexiconError, match="header must name the columns"):
        lexicons.read_lexicon_file(f)
    f.write_text("term\tcategory\tweight\tnote\nre:(\tx\t1\tbroken\n")
    with pytest.raises(LexiconError, match="bad regular expression"):
        lexicons.read_lexicon_file(f)
    f.write_text("term\tcategory\tweight\tnote\nre:a*\tx\t1\tmatches nothing at all\n")
    with pytest.raises(LexiconError, match="matches the empty string"):
        lexicons.read_lexicon_file(f)


def _matches(lex, text):
    doc = parse(text)
    return [(text[doc.token_starts[m.token_start] : doc.token_ends[m.token_end - 1]], m.entry.category) for m in lex.match_document(doc)]


def test_matcher_prefers_longest_phrase_and_respects_case(tmp_path):
    f = tmp_path / "demo.tsv"
    f.write_text(
        "term\tcategory\tweight\tnote\n"
        "no\tneg\t1\tshort\n"
        "no doubt\tbooster\t1\tlonger wins\n"
        "US\tcountry\t1\tcapital letters: exact case only\n"
        "afghanistan's\tposs\t1\tcurly apostrophes in text are normalised\n"
    )
    lex = lexicons.Lexicon("demo", lexicons.read_lexicon_file(f)[1], ["term"], [f])
    assert _matches(lex, "There is No doubt and no more.") == [("No doubt", "booster"), ("no", "neg")]
    assert _matches(lex, "The US told us") == [("US", "country")]
    assert _matches(lex, "Afghanistan’s trade") == [("Afghanistan’s", "poss")]


def test_user_file_extends_and_overrides_a_shipped_lexicon(tmp_path):
    name = lexicons.names()[0]
    shipped = lexicons.load_lexicon(name)
    first = shipped.entries[0]
    header = "\t".join(shipped.columns)
    extra_cells = ["x"] * (len(shipped.columns) - 4)
    user = tmp_path / f"{name}.mine.tsv"
    rows = [
        header,
        "\t".join(["zzyzx newword", "user_category", "1", "added by a user", *extra_cells]),
        "\t".join([first.term, first.category, "0", "switched off by a user", *extra_cells]),
    ]
    user.write_text("\n".join(rows) + "\n")
    lexicons.use(tmp_path)
    extended = lexicons.load_lexicon(name)
    terms = {(e.term, e.category) for e in extended.entries}
    assert ("zzyzx newword", "user_category") in terms
    assert (first.term, first.category) not in terms
    assert len(extended) == len(shipped)  # one added, one switched off


def test_use_rejects_a_missing_path(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        lexicons.use(tmp_path / "nope.tsv")


def test_unknown_lexicon_lists_the_valid_names():
    with pytest.raises(LexiconError, match="shipped lexicons are"):
        lexicons.load_lexicon("no_such_lexicon")


def test_tables_built_from_lexicons_follow_a_user_file_added_after_first_use(tmp_path):
    """A signal's cached table (here the countries' display names) is rebuilt when a user file is added,
    so the file takes effect in the same process, not after a restart."""
    import framing

    def russia_name() -> str:
        doc = framing.score("Russia said exports rose 12% last year, according to customs data.").to_dict()
        return next(c["name"] for c in doc["countries"] if c["code"] == "RUS")

    assert russia_name() == "Russia"  # the shipped display name, now cached
    shipped = lexicons.load_lexicon("country_names")
    row = ["Rossiya", "display", "1", "a user's house style", *(["RUS"] if "code" in shipped.columns else [])]
    (tmp_path / "country_names.tsv").write_text("\t".join(shipped.columns) + "\n" + "\t".join(row) + "\n")
    lexicons.use(tmp_path)
    assert russia_name() == "Rossiya"
    lexicons.reset()
    assert russia_name() == "Russia"


def test_a_user_abbreviation_keeps_the_sentence_whole_in_the_same_process(tmp_path):
    from framing.document import parse

    text = "The report was signed by Insp. Nadia Orr of the harbour police. It was filed on Monday."
    assert len(parse(text).sentences) == 3  # "Insp." is no shipped abbreviation: its period ends a sentence
    shipped = lexicons.load_lexicon("abbreviations")
    row = {"term": "insp", "category": "title", "weight": "1", "note": "a user's police title"}
    (tmp_path / "abbreviations.tsv").write_text(
        "\t".join(shipped.columns) + "\n" + "\t".join(row.get(c, "") for c in shipped.columns) + "\n"
    )
    lexicons.use(tmp_path)
    assert len(parse(text).sentences) == 2
    lexicons.reset()
    assert len(parse(text).sentences) == 3


def test_a_user_function_word_counts_in_the_language_test_in_the_same_process(tmp_path):
    from framing.document import parse
    from framing.language import detect_language

    text = "zorp the cat and zorp the dog sat on zorp mats"
    before = detect_language(parse(text))["english_share"]
    shipped = lexicons.load_lexicon("function_words")
    row = {"term": "zorp", "category": "function_word", "weight": "1", "note": "a user's word"}
    (tmp_path / "function_words.tsv").write_text(
        "\t".join(shipped.columns) + "\n" + "\t".join(row.get(c, "") for c in shipped.columns) + "\n"
    )
    lexicons.use(tmp_path)
    assert detect_language(parse(text))["english_share"] > before
    lexicons.reset()
    assert detect_language(parse(text))["english_share"] == before


def test_phrases_is_the_read_only_index_the_matcher_uses():
    lex = lexicons.load_lexicon("hedges")
    phrases = lex.phrases
    with pytest.raises(TypeError):
        phrases["zzyzx"] = []  # type: ignore[index]
    # Every single-token phrase, written as a text, is found by the matcher with the same entry.
    singles = [(first, cands[-1]) for first, cands in sorted(phrases.items()) if len(cands[-1][0]) == 1 and not cands[-1][1]]
    assert singles
    for first, (_toks, _case, entry) in singles[:50]:
        found = lex.match_document(parse(f"They {first} go."))
        assert entry in [m.entry for m in found], first
