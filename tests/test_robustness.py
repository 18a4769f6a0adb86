"""score() never raises on any str, every output validates, and every evidence offset holds.

Property tests (hypothesis, derandomized so CI runs the same examples every
time) over arbitrary Unicode and over English-looking text salted with the
characters newsroom text carries: control characters, right-to-left marks,
emoji with zero-width joiners, combining accents, unbalanced quotes, long runs
of punctuation. English carriers matter: text judged not English skips the
signals, so only English-looking input exercises them.
"""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.schema import load_schema
from helpers import assert_offsets_hold, evidence_dicts, offset_violations

pytestmark = pytest.mark.filterwarnings("ignore::framing.errors.FramingWarning")

VALIDATOR = jsonschema.Draft202012Validator(load_schema())

#: Fixed seed and a bounded number of examples: the same cases on every run, in a few seconds.
PROPERTY = settings(
    derandomize=True, max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

CARRIER = "Officials said that the ministry may have to cut exports to Russia by 12%, according to customs data. "
FRAGMENTS = [
    "Officials said", "the", "may", "could n't", "couldn’t", "Russia", "Pakistan’s", "India", "U.S.", "Dr.", "Jr.",
    "“", "”", '"', "'", "‘", "’", "«", "»", "(", ")", "[", "]",
    "12%", "$3 billion", "1,300", "1.5", "3.", "-4", "25th", "2025-10-28", "£", "€5m",
    "...", "…", "—", "–", "-", "!!!", "???", "?!", ";", ":",
    "\u200d", "\u200b", "\u200e", "\u200f", "\u202e", "\u2067", "\u2069", "\ufeff", "\u00ad",
    "👩\u200d👩\u200d👧", "🇺🇸", "🙂", "مرحبا بالعالم", "שלום", "Ελλάδα", "Россия", "中国",
    "\x00", "\x07", "\x1b[31m", "\r\n", "\r", "\n\n", "\t", "\u2028", "\u2029", "\x0c",
    "e\u0301", "İstanbul", "straße", "ﬁnance", "ǅ", "\ud800",
    "according to", "Disclaimer:", "The views expressed are the author's own.", "- by Sagar",
    "Published in SouthAsianDesk, December 4, 2025.", "---", "title: x", "<script>alert(1)</script>", "&amp;",
]

#: Between fragments, so the text stays English prose (mostly words, many function words) and the signals run.
FILLER = " as the minister of the state said "

english_salted = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), min_size=0, max_size=30
).map(lambda parts: CARRIER + FILLER.join(parts) + " " + CARRIER)


def check_output(text: str) -> dict:
    """score(text) returns a row without error that validates and keeps every offset."""
    doc = framing.score(text)
    assert doc.error is None, doc.error
    out = doc.to_dict()
    assert out["text"] == text
    errors = sorted(VALIDATOR.iter_errors(out), key=lambda e: list(e.absolute_path))
    assert not errors, f"{list(errors[0].absolute_path)}: {errors[0].message}"
    assert_offsets_hold(out, text)
    return out


@PROPERTY
@given(st.text(max_size=300))
def test_score_never_raises_on_arbitrary_unicode(text):
    check_output(text)


@PROPERTY
@given(english_salted)
def test_english_text_salted_with_hostile_characters_keeps_every_offset(text):
    out = check_output(text)
    assert out["language"]["is_english"] is True  # the carrier makes it English, so signals ran


@PROPERTY
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Po", "Ps", "Pe", "Pi", "Pf"]), max_size=200))
def test_score_never_raises_on_controls_formats_and_punctuation(text):
    check_output(CARRIER + text)


@pytest.mark.parametrize(
    "hostile",
    [
        "." * 10_000,
        "!" * 10_000,
        "“" * 10_000,
        '"' * 10_000,
        "’" * 10_000,
        "(" * 10_000,
        "-" * 10_000,
        "%" * 10_000,
        "$" * 10_000,
        "…" * 10_000,
        "\u200d" * 10_000,
        "\u202e" + "Russia said exports rose 12%." * 50,
        "“Unbalanced quote that never closes " * 200,
        "Russia’s ‘exports’ ‘rose " * 200,
        "👩\u200d👩\u200d👧 " * 2_000,
        "\r" * 5_000,
        "\n" * 10_000,
    ],
    ids=lambda s: repr(s[:12]),
)
def test_hostile_runs_inside_english_text(hostile):
    check_output(CARRIER + hostile + " " + CARRIER)


def test_empty_and_whitespace_texts_are_rows_not_errors():
    for text in ("", " ", "\n\n", "\ufeff"):
        out = check_output(text)
        assert out["stats"]["characters"] == len(text)


def test_lone_surrogates_do_not_break_scoring_or_json():
    import json

    text = CARRIER + "\ud800 and \udfff here."
    out = check_output(text)
    assert json.loads(json.dumps(out))["text"] == text


# ---------------------------------------------------------------- the helper itself
def test_evidence_walker_finds_nested_spans_and_reports_broken_ones():
    text = "Russia said exports rose."
    output = {
        "text": text,
        "a": {"evidence": [{"start": 0, "end": 6, "text": "Russia"}]},
        "b": [[{"start": 7, "end": 11, "text": "said", "inner": {"start": 0, "end": 3, "text": "Rus"}}]],
        "not_evidence": {"start": True, "end": 2, "text": "x"},  # bool is not an offset
        "bad": {"start": 12, "end": 19, "text": "imports"},
        "outside": {"start": 20, "end": 99, "text": "rose."},
    }
    paths = [p for p, _ in evidence_dicts(output)]
    assert paths == ["$.a.evidence[0]", "$.b[0][0]", "$.b[0][0].inner", "$.bad", "$.outside"]
    problems = offset_violations(output)
    assert len(problems) == 2
    assert problems[0].startswith("$.bad: text[12:19] is 'exports'")
    assert "outside a text of 25 characters" in problems[1]
    with pytest.raises(AssertionError, match=r"\$\.bad"):
        assert_offsets_hold(output)


def test_seeds_have_evidence_and_every_offset_holds(seed_docs):
    for name, doc in seed_docs.items():
        out = doc.to_dict()
        assert assert_offsets_hold(out) > 5, name  # evidence exists to be checked
        assert not list(VALIDATOR.iter_errors(out)), name


# ---------------------------------------------------------------- untrusted text in reports
HOSTILE_MARKUP = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(2)>',
    "</textarea><iframe src=//evil.test>",
    "<a href='javascript:alert(3)'>x</a>",
]


def test_reports_escape_article_text_and_metadata():
    from framing.render import html, markdown

    hostile = " ".join(HOSTILE_MARKUP)
    articles = [
        framing.Article(
            text=f"Russia said trade rose {n}%, according to officials. {hostile} India may benefit.",
            id=f"a{n}",
            outlet=f"Desk{n} <b onmouseover=alert(4)>",
            title=f"Trade <script>window.__title=1</script> {n}",
            url="javascript:alert(5)",
        )
        for n in (20, 30)
    ]
    data = framing.compare([framing.score(a) for a in articles]).to_dict()
    page = html.render(data)
    for raw in [*HOSTILE_MARKUP, "<b onmouseover", "<script>window.__title", 'href="javascript:', "href='javascript:"]:
        assert raw not in page, raw
    assert "&lt;script&gt;" in page  # shown as text, not dropped
    md = markdown.render(data)
    for raw in ("<script>window.__pwned", "<img src=x", "<svg onload", "<iframe"):
        assert raw not in md, raw


# ---------------------------------------------------------------- arbitrary bytes through the loaders
@PROPERTY
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(max_size=200).map(lambda t: t.encode("utf-16")),
        st.text(alphabet=st.characters(max_codepoint=255), max_size=300).map(lambda t: t.encode("latin-1")),
    ),
    suffix=st.sampled_from([".txt", ".jsonl", ".json", ".csv", ".tsv", ".md"]),
)
def test_loaders_turn_any_bytes_into_rows_never_exceptions(data, suffix):
    import tempfile
    import warnings
    from pathlib import Path

    from framing.errors import FramingWarning

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FramingWarning)
            articles = framing.load(path)
            assert articles, "every input gives at least one row"
            for doc in framing.score_many(articles):
                out = doc.to_dict()
                assert (out["error"] is None) or str(path) in out["error"], out["error"]
                assert not offset_violations(out)


def test_compare_and_every_renderer_take_degenerate_articles():
    from framing.render import html, markdown, terminal

    texts = ["", " ", "\u202e" * 10, "😀" * 100, "Russia said trade rose 20%.", "Russia said trade rose 30%."]
    docs = [framing.score(t) for t in texts]
    docs.append(framing.score(framing.Article(text="", id="broken", error="x.jsonl:2: invalid JSON")))
    data = framing.compare(docs).to_dict()
    placed = sum(len(e["articles"]) for e in data["events"]) + len(data["unscored"])
    assert placed == len(docs)  # every article is in an event or listed as unscored
    for render in (html.render, markdown.render, lambda d: terminal.render(d, color=False)):
        assert isinstance(render(data), str)
    assert framing.compare([]).to_dict()["events"] == []


def test_real_news_sample_validates_and_keeps_every_offset(shared_data):
    """100 AllSides articles (../shared/data): real text reaches corners hand-made text does not."""
    import json

    path = shared_data / "allsides-article-bias" / "sample_5000.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    checked = 0
    with path.open(encoding="utf-8") as f:
        for line, _ in zip(f, range(100), strict=False):
            record = json.loads(line)
            out = framing.score(record).to_dict()
            assert out["error"] is None, out["error"]
            errors = list(VALIDATOR.iter_errors(out))
            assert not errors, f"{out['id']}: {list(errors[0].absolute_path)}: {errors[0].message}"
            problems = offset_violations(out)
            assert not problems, f"{out['id']}: " + "\n".join(problems[:5])
            checked += len(list(evidence_dicts(out)))
    assert checked > 1000  # the sample has evidence to check
