from hypothesis import given, settings
from hypothesis import strategies as st

from framing.article import Article
from framing.document import parse


def sentences(text):
    doc = parse(text)
    return [doc.sentence_text(s) for s in doc.sentences]


def test_sentences_split_on_terminal_punctuation():
    assert sentences("Prices rose. Exports fell! Did they? Yes.") == ["Prices rose.", "Exports fell!", "Did they?", "Yes."]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Mr. Smith met Gen. Lee in the U.S. Senate. J. K. Rowling wrote it."
    assert sentences(text) == ["Mr. Smith met Gen. Lee in the U.S. Senate.", "J. K. Rowling wrote it."]


def test_lowercase_after_period_continues_the_sentence():
    assert sentences("It cost approx. five dollars. Then it rose.") == ["It cost approx. five dollars.", "Then it rose."]


def test_each_line_is_a_paragraph_and_headings_are_their_own_sentence():
    text = "A Heading Without Punctuation\nThe first sentence. The second one.\n\nAnother paragraph."
    doc = parse(text)
    assert [text[p.start : p.end] for p in doc.paragraphs] == [
        "A Heading Without Punctuation",
        "The first sentence. The second one.",
        "Another paragraph.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2]


def test_hard_wrapped_text_joins_lines_into_paragraphs():
    para = (
        "The ministry said on Tuesday that exports of wheat and fuel had risen\n"
        "sharply over the summer months, helped by new routes through the north\n"
        "and by lower tariffs agreed with neighbouring states earlier this year\n"
        "after months of talks between the two governments in the capital.\n"
    )
    doc = parse(para + "\n" + para)
    assert len(doc.paragraphs) == 2


def test_quote_sentence_keeps_its_closing_mark():
    text = "“We have our relations with Afghanistan. It is important,” Peskov stated."
    doc = parse(text)
    assert [doc.sentence_text(s) for s in doc.sentences] == [
        "“We have our relations with Afghanistan.",
        "It is important,” Peskov stated.",
    ]
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert text[q.start : q.end] == "“We have our relations with Afghanistan. It is important,”"
    assert doc.in_quote(text.index("Afghanistan")) is q
    assert doc.in_quote(text.index("Peskov")) is None


def test_straight_and_single_quotes_pair_and_apostrophes_do_not_open_quotes():
    text = 'He said "it is over" and called it ‘a milestone’ in Afghanistan’s trade.'
    doc = parse(text)
    assert [text[q.inner_start : q.inner_end] for q in doc.quotes] == ["it is over", "a milestone"]


def test_quote_continued_into_next_paragraph_is_marked_open():
    text = "“We will grow trade.\n“And we will keep talking,” he said."
    doc = parse(text)
    assert doc.quotes[0].closed is False
    assert text[doc.quotes[0].start : doc.quotes[0].end] == "“We will grow trade."


def test_token_offsets_point_into_the_original_text():
    text = "Kabul–Moscow: Afghanistan’s $25,000 trade"
    doc = parse(text)
    got = [text[a:b] for a, b in zip(doc.token_starts, doc.token_ends, strict=True)]
    assert got == ["Kabul", "–", "Moscow", ":", "Afghanistan", "’s", "$", "25,000", "trade"]
    assert doc.token_norms[5] == "'s"


def test_header_regions_are_excluded_from_the_body_but_the_title_is_not():
    text = "A Headline Here\n- byJane Doe\n- 28 Oct, 2025\nThe news itself is here. More news."
    from framing.article import read_txt

    article = read_txt(text)
    doc = parse(article)
    body = [doc.sentence_text(s) for s in doc.body_sentences()]
    assert body == ["A Headline Here", "The news itself is here.", "More news."]


def test_excluded_spans_remove_sentences_from_the_body():
    text = "News one. News two. (Disclaimer: based on reports.)"
    doc = parse(Article(text=text))
    from framing.evidence import Span

    start = text.index("(")
    doc.exclude([Span(start, len(text))])
    assert [doc.sentence_text(s) for s in doc.body_sentences()] == ["News one.", "News two."]
    assert doc.body_words == 4


@settings(max_examples=150, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"“”‘’'A1,$%")), max_size=200))
def test_sentences_tokens_and_quotes_are_well_formed_on_any_text(text):
    doc = parse(text)
    prev = 0
    for s in doc.sentences:
        assert prev <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == text[s.start : s.end].strip()
        prev = s.end
        for i in range(s.token_start, s.token_end):
            assert s.start <= doc.token_starts[i] < doc.token_ends[i] <= s.end
    for q in doc.quotes:
        assert q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)


def test_quote_and_word_masks_agree_with_in_quote_token_by_token():
    from framing.document import parse

    text = 'He said “a ‘big’ rise, 12%” and “the rest\n\n“continues here.” Then "plain" text, don’t.'
    doc = parse(text)
    spans = list(zip(doc.token_starts, doc.token_ends, strict=True))
    assert doc.quote_mask == [doc.in_quote(a, b) is not None for a, b in spans]
    assert doc.word_mask == [t[:1].isalnum() for t in doc.token_norms]
    assert any(doc.quote_mask) and not all(doc.quote_mask)
    assert doc.words == sum(doc.word_mask)
