"""Countries and target sentiment: finding countries, ambiguity with evidence, sentiment toward a span."""

from __future__ import annotations

import json

import pytest

import framing
from framing.article import Article
from framing.document import parse
from framing.lexicons import problems
from framing.signals import countries as C

ISO3 = {"Pakistan": "PAK", "India": "IND", "Russia": "RUS", "Afghanistan": "AFG"}


def _countries(text: str, **kw) -> dict[str, dict]:
    d = framing.score(text, **kw).to_dict()
    return {c["code"]: c for c in d["countries"]}


# ---------------------------------------------------------------- finding countries
@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Officials in Islamabad rejected the plan.", "PAK", "capital"),
        ("The Kremlin said talks would continue.", "RUS", "metonym"),
        ("The Taliban opened a new trade route.", "AFG", "government"),
        ("The Islamic Emirate signed the deal.", "AFG", "government"),
        ("Afghan farmers exported pomegranates.", "AFG", "demonym"),
        ("Talks in New Delhi ended on Friday.", "IND", "capital"),
        ("The U.S. and the UK issued a statement.", "USA", "alias"),
        ("The U.S. and the UK issued a statement.", "GBR", "alias"),
        ("Exports to the Russian Federation rose.", "RUS", "name"),
        ("Iran, Islamic Republic of is the ISO name; Iran is the common one.", "IRN", "name"),
        ("Pakistan’s army chief spoke.", "PAK", "name"),
    ],
)
def test_country_terms_of_every_kind_are_found_with_their_kind(text, code, kind):
    found = _countries(text)
    assert code in found, found.keys()
    assert kind in {e["kind"] for e in found[code]["evidence"]}


def test_every_iso_country_name_from_pycountry_is_matched():
    import pycountry

    missing = []
    for c in pycountry.countries:
        doc = parse(f"Officials from {c.name} met on Monday.")
        mentions, _ = C.find_countries(doc)
        if c.alpha_3 not in {m.code for m in mentions}:
            missing.append(c.name)
    assert not missing


def test_evidence_offsets_point_at_the_mention_even_after_possessive_split():
    text = "Moscow welcomed the move. Afghanistan’s exports rose."
    for c in framing.score(text).to_dict()["countries"]:
        for e in c["evidence"]:
            assert text[e["start"] : e["end"]] == e["text"]
    assert _countries(text)["AFG"]["evidence"][0]["text"] == "Afghanistan"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Voters in Atlanta and across Georgia went to the polls for the Senate runoff.", "GEO"),
        ("Michael Jordan scored 40 points for the Bulls.", "JOR"),
        ("Rep. Jim Jordan questioned the witness. Jordan said he was unconvinced.", "JOR"),
        ("Chad Smith, the drummer, toured Europe.", "TCD"),
        ("Families roasted a Thanksgiving turkey; Turkey prices rose before the feast.", "TUR"),
        ("The Niger Delta is rich in oil.", "NER"),
        ("New Jersey and New Mexico passed new laws.", "MEX"),
        ("Rep. John Lewis of Georgia, a Democrat, spoke first.", "GEO"),
        ("Crowds filled the Jersey Shore.", "JEY"),
        # the US state, its governor, institutions, teams and people named Washington: not the US government
        ("Washington Gov. Jay Inslee signed the climate bill.", "USA"),
        ("A federal judge in Seattle, Washington, blocked the order.", "USA"),
        ("She teaches at Washington University in St. Louis.", "USA"),
        ("Booker T. Washington founded the institute.", "USA"),
        # people, a hospital and a magazine whose names hold a capital or a country
        ("San Francisco Mayor London Breed declared an emergency.", "GBR"),
        ("The wounded were taken to Beth Israel Deaconess Medical Center.", "ISR"),
        ("Paris Match published the photographs first.", "FRA"),
    ],
)
def test_non_country_readings_are_not_counted(text, code):
    assert code not in _countries(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Georgia and Russia fought a war in 2008; Tbilisi still seeks NATO membership.", "GEO"),
        ("Jordan hosts more than a million refugees, Amman says.", "JOR"),
        ("Troops from Chad joined the mission in the Sahel.", "TCD"),
        ("Talks in Istanbul, Turkey, ended without a deal.", "TUR"),
        ("Soldiers seized power in Niger last year.", "NER"),
        ("Washington imposed new sanctions on Moscow.", "USA"),
    ],
)
def test_country_readings_of_ambiguous_names_are_counted(text, code):
    assert code in _countries(text)


def test_a_rejected_mention_is_kept_as_ambiguous_evidence_with_a_reason():
    text = "Georgia's president met Russian officials in Tbilisi. Georgia Tech won the game."
    geo = _countries(text)["GEO"]
    rejected = [e for e in geo["evidence"] if e["kind"] == "ambiguous"]
    assert [e["text"] for e in rejected] == ["Georgia Tech"]
    assert "not about the country" in rejected[0]["reason"]
    assert geo["mentions"] == 2  # Georgia, Tbilisi


def test_lowercase_homonyms_never_match():
    assert _countries("We ate turkey on china plates with a guinea pig watching us.") == {}


# ---------------------------------------------------------------- sentiment toward a target
def test_sentiment_is_toward_the_target_not_the_sentence():
    text = "Critics blasted Pakistan for the disastrous attacks, while India was praised for its generous aid."
    found = _countries(text)
    assert found["PAK"]["sentiment"] < 0 < found["IND"]["sentiment"]
    assert found["PAK"]["label"] == "negative"


def test_a_valence_shifter_turns_a_negative_word_around():
    doc = parse("The agreement eases India's worries about the border.")
    plain = parse("The agreement raises India's worries about the border.")
    i = doc.token_norms.index("india")
    j = plain.token_norms.index("india")
    assert C.target_sentiment(doc, i, i + 1).sentiment > C.target_sentiment(plain, j, j + 1).sentiment


def test_fast_scoring_equals_the_feature_dict_the_model_was_trained_on():
    model = C.load_model()
    assert model is not None
    long_sentence = "Officials in Kabul said " + "the good and bad news, " * 40 + "and Russia did not fail."
    for text in (
        "But Russia, which critics say failed to stop the attacks, hailed “a great victory” in Kabul, officials said.",
        long_sentence,  # longer than CONTEXT_TOKENS on each side
    ):
        doc = parse(text)
        n = len(doc.token_norms)
        for width in (1, 2, 3):
            for i in range(0, n - width + 1):
                fast = C.target_sentiment(doc, i, i + width).probabilities
                slow = C.probabilities(C.target_features(doc, i, i + width), model)
                assert fast == pytest.approx(slow, abs=1e-9), (text[:20], i, width)


def test_country_matching_equals_the_lexicon_matcher_sentence_by_sentence():
    """_match_countries visits hits only and checks normalised tokens first: same matches as match_document."""
    import random

    matcher = C.country_matcher()
    terms = [e.term for e in matcher.entries if not e.is_regex]
    rng = random.Random(3)
    noise = ["the", "new", "people", "state", "of", "U.S.", "and", ",", ".", "said", "Georgia", "Jordan", "’s", "NEW", "State"]
    for _ in range(300):
        words = []
        for _ in range(rng.randrange(1, 40)):
            r = rng.random()
            if r < 0.3:
                term = rng.choice(terms)
                words.append(term.upper() if rng.random() < 0.1 else term.lower() if rng.random() < 0.1 else term)
            elif r < 0.4:
                words.append(rng.choice(terms).split()[0])
            else:
                words.append(rng.choice(noise))
        doc = parse(" ".join(words))
        want = [
            (si, m.token_start, m.token_end, m.entry)
            for si, sent in enumerate(doc.sentences)
            if doc.body_mask[si]
            for m in matcher.match_document(doc, sent.token_start, sent.token_end)
        ]
        got = [(si, i, j, cand[4]) for si, i, j, cand in C._match_countries(doc)]
        assert got == want, doc.text


def test_targets_give_one_item_per_span_with_sentence_evidence():
    text = "The senator praised the brilliant new mayor. The court condemned the corrupt governor."
    mayor = text.index("mayor")
    gov = text.index("governor")
    d = framing.score(text, targets=[(mayor, mayor + 5), (gov, gov + 8)]).to_dict()
    a, b = d["targets"]
    assert (a["text"], b["text"]) == ("mayor", "governor")
    assert a["sentiment"] > 0 > b["sentiment"]
    assert a["label"] == "positive"
    for t in (a, b):
        (ev,) = t["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"] and ev["start"] <= t["start"] < t["end"] <= ev["end"]


def test_aggregate_needs_a_mention_with_the_label():
    def s(value, label):
        return C.TargetScore(value, label, (0.0, 0.0, 0.0), "object", 0, 1)

    assert C.aggregate([s(0.3, "neutral"), s(0.3, "neutral")])[1] == "neutral"
    assert C.aggregate([s(0.6, "positive"), s(0.0, "neutral")]) == (0.6, "positive")
    assert C.aggregate([]) == (0.0, "neutral")


# ---------------------------------------------------------------- article-level fields
def test_salience_first_mention_and_strongest_sentences():
    text = (
        "Pakistan Faces Crisis\n"
        "Officials met on Monday. The talks were long. Nobody spoke to reporters.\n"
        "Later, India was praised for its generous and wise help. Pakistan was blamed for the deadly failure."
    )
    art = Article(text=text, regions=(("title", 0, len("Pakistan Faces Crisis")),))
    found = {c["code"]: c for c in framing.score(art).to_dict()["countries"]}
    assert found["PAK"]["first_mention"] == "headline"
    assert found["IND"]["first_mention"] == "body"
    assert found["PAK"]["salience"] == pytest.approx(2 / 3, abs=1e-3)
    neg = found["PAK"]["strongest_negative"]
    assert neg is not None and "blamed" in neg["text"] and text[neg["start"] : neg["end"]] == neg["text"]
    assert found["IND"]["strongest_positive"]["score"] > 0


def test_headline_is_where_the_headline_signal_finds_it():
    # A plain text whose short first line stands alone: the headline signal reads it as the headline, and
    # so does the country signal (first mention in the headline, named in the title).
    text = "Russia Cuts Gas Exports\n\nMoscow said on Monday that it would cut exports. Officials in Berlin were alarmed."
    d = framing.score(text).to_dict()
    assert d["headline"]["source"] == "first_line"
    found = {c["code"]: c for c in d["countries"]}
    assert (found["RUS"]["first_mention"], found["RUS"]["in_title"]) == ("headline", True)
    assert (found["DEU"]["first_mention"], found["DEU"]["in_title"]) == ("lead", False)


def test_title_outside_the_text_is_reported_without_offsets():
    art = Article(text="Officials in Kabul met traders on Monday.", title="Pakistan reacts")
    d = framing.score(art).to_dict()
    codes = {c["code"]: c for c in d["countries"]}
    assert codes["AFG"]["in_title"] is False
    assert "PAK" not in codes  # a title outside the text is not a mention with offsets


def test_output_is_deterministic():
    text = "Russia praised India. Pakistan criticised Russia and China. " * 5
    a = json.dumps(framing.score(text).to_dict(), sort_keys=True)
    b = json.dumps(framing.score(text).to_dict(), sort_keys=True)
    assert a == b


# ---------------------------------------------------------------- lexicons and gold
@pytest.mark.parametrize("name", ["countries", "sentiment_cues"])
def test_shipped_lexicons_are_clean(name):
    from framing.lexicons import builtin_dir

    assert problems(builtin_dir() / f"{name}.tsv") == []


def test_country_codes_in_the_lexicon_are_iso_alpha3():
    import pycountry

    from framing.lexicons import load_lexicon

    codes = {c.alpha_3 for c in pycountry.countries}
    bad = [e.term for e in load_lexicon("countries").entries if not set(e.get("code").split(",")) <= codes]
    assert bad == []


def test_seed_country_directions_and_sets(seed_docs, seeds_gold):
    found = {name[:3]: {c["code"]: c for c in doc.to_dict()["countries"]} for name, doc in seed_docs.items()}
    for name, g in seeds_gold["articles"].items():
        for country, want in g["country_sentiment"].items():
            if want != "optional":
                assert found[name[:3]][ISO3[country]]["label"] == want, (name, country)
    a, b = set(found["000"]), set(found["001"])
    assert {"TJK", "UZB", "IRN", "CHN"} <= b - a
    assert {"RUS", "AFG", "PAK", "IND"} <= a & b


def test_newsmtsc_dev_beats_vader(shared_data):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluation"))
    try:
        import sentiment as ev
    finally:
        sys.path.pop(0)
    r = ev.newsmtsc(shared_data / "newsmtsc" / "newsmtsc-rw" / "dev.jsonl")
    assert r["framing"] >= 0.70 > r["vader-sentence"] + 0.1


def test_cost_grows_linearly_with_mentions_in_one_endless_sentence():
    import time

    def cost(n: int) -> float:
        doc = parse("Russia and India " * n)
        t0 = time.process_time()
        C.measure(doc, None)
        return time.process_time() - t0

    cost(50)  # warm caches
    small, large = min(cost(500) for _ in range(2)), min(cost(5000) for _ in range(2))
    assert large / small < 30  # linear is ~10; reading the whole sentence per mention would be ~100


def test_a_caller_target_after_the_countries_reads_its_whole_clause():
    # Country scoring stops a sentence's clause sums at its last mention's clause end; a caller
    # target further on must still get the sums of its own clause, as on a document scored alone.
    text = "Russia praised the deal, but the awful and corrupt regime failed miserably and shamefully."
    start = text.index("regime")
    (got,) = framing.score(text, targets=[(start, start + 6)]).to_dict()["targets"]
    alone = C.target_sentiment(parse(text), *C.span_tokens(parse(text), start, start + 6))
    assert got["probabilities"] == dict(zip(C.LABELS, (round(p, 4) for p in alone.probabilities), strict=True))
    doc = parse(text)
    C.measure(doc, None)  # leaves the sentence's sums cut after "deal"
    assert C.target_sentiment(doc, *C.span_tokens(doc, start, start + 6)) == alone


def test_a_target_without_tokens_is_reported_empty_not_dropped():
    text = "Officials met.   Nothing else happened."
    d = framing.score(text, targets=[(14, 17)]).to_dict()
    (t,) = d["targets"]
    assert (t["mentions"], t["label"], t["evidence"], t["role"]) == (0, "neutral", [], None)


def test_users_extend_the_country_lexicon_with_their_own_file(tmp_path):
    from framing import lexicons

    (tmp_path / "countries.tsv").write_text(
        "term\tcategory\tweight\tnote\tcode\tambiguous\nHamas\tgovernment\t1\truling movement in Gaza (user entry)\tPSE\t\n",
        encoding="utf-8",
    )
    text = "Hamas rejected the proposal."
    assert "PSE" not in _countries(text)
    lexicons.use(tmp_path / "countries.tsv")
    try:
        found = _countries(text)
        assert found["PSE"]["evidence"][0]["entry"] == "countries.tsv:2"
    finally:
        lexicons.reset()
    assert "PSE" not in _countries(text)


def test_display_names_are_the_ones_readers_expect():
    """pycountry says "Russian Federation" and "Türkiye"; output says what English-language outlets write."""
    import framing

    doc = framing.score("Russia and Turkey signed a deal; the Russian Federation praised Türkiye.").to_dict()
    names = {c["code"]: c["name"] for c in doc["countries"]}
    assert names == {"RUS": "Russia", "TUR": "Turkey"}
