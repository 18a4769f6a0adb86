"""Non-English or non-news input is reported (a warning and the ``language`` field), never dropped or scored as English."""

from __future__ import annotations

import json

import pytest

import framing
from framing.document import parse
from framing.errors import NotEnglishNewsWarning
from framing.language import detect_language

# Short news paragraphs written for these tests (the same story in each language).
NOT_ENGLISH = {
    "french": "Le gouvernement français a annoncé mardi une hausse de 12 % des dépenses militaires, selon le ministère "
    "des Armées. Cette décision intervient après plusieurs mois de débats au Parlement.",
    "spanish": "El Gobierno de España anunció el martes un aumento del 12 % en el gasto militar, según el Ministerio de "
    "Defensa. La decisión llega tras varios meses de debate en el Congreso.",
    "german": "Die Bundesregierung hat am Dienstag eine Erhöhung der Militärausgaben um 12 Prozent angekündigt, teilte "
    "das Verteidigungsministerium mit. Die Entscheidung folgt auf monatelange Debatten im Bundestag.",
    "russian": "Правительство России во вторник объявило о повышении военных расходов на 12 процентов, сообщило "
    "министерство обороны. Решение последовало после нескольких месяцев обсуждений в Думе.",
    "arabic": "أعلنت الحكومة يوم الثلاثاء عن زيادة الإنفاق العسكري بنسبة 12 في المئة، وفقا لوزارة الدفاع. "
    "ويأتي القرار بعد أشهر من النقاش في البرلمان.",
    "chinese": "政府周二宣布将军费开支提高百分之十二，国防部表示。这一决定是在议会经过数月辩论之后作出的。",
    "chinese_short": "中国外交部发言人周二表示，中方对美方的做法表示强烈不满。",
    "japanese": "政府は火曜日、防衛費を12％増やすと発表した。議会での数か月にわたる議論の末の決定だ。",
    "list_of_names": "Trump, Biden, Putin, Xi, Modi, Erdogan, Macron, Scholz, Sunak, Trudeau, Albanese, Lula, Milei.",
}

ENGLISH = {
    "headline": "Russia Stuns Pakistan With Bold Move",
    "headline_figures": "Exports Surge 12% as Tariffs Bite",
    "all_caps_lede": "BREAKING: PAKISTAN ARMY CHIEF MEETS TALIBAN ENVOY IN KABUL AMID BORDER TENSIONS, OFFICIALS SAY",
    "one_sentence": "India welcomed the move.",
    "news": "Officials said exports rose 12% to $3 billion, according to customs data. The ministry did not comment.",
    "quote_heavy": "“We will not back down,” Khan said. “Never.” Sharif replied: “Talks, then.”",
}


@pytest.mark.parametrize("name", sorted(NOT_ENGLISH))
def test_non_english_news_is_flagged_with_a_warning_and_a_field(name):
    text = NOT_ENGLISH[name]
    with pytest.warns(NotEnglishNewsWarning, match="does not look like English prose"):
        doc = framing.score(text)
    out = doc.to_dict()
    assert out["error"] is None  # reported, not a failure
    assert out["language"]["is_english"] is False and out["language"]["code"] is None
    assert any("does not look like English" in w for w in out["warnings"])
    assert out["text"] == text and out["stats"]["characters"] == len(text)
    assert out["hedging"] == framing.score("").to_dict()["hedging"]  # signals not computed on it


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_english_headlines_and_short_texts_are_not_flagged(name):
    info = detect_language(parse(ENGLISH[name]))
    assert info["is_english"] is True and info["code"] == "en", info


def test_english_seeds_are_english(seed_docs):
    for name, doc in seed_docs.items():
        assert doc.language["is_english"] is True, name
        assert doc.language["english_share"] > 0.2, name


def test_english_share_is_a_fraction_of_words():
    info = detect_language(parse("the cat and the dog"))  # the, and, the are function words
    assert info["english_share"] == pytest.approx(0.6)


def test_a_mixed_batch_keeps_every_row(recwarn):
    items = [ENGLISH["news"], NOT_ENGLISH["french"], NOT_ENGLISH["chinese"], ENGLISH["headline"]]
    rows = [d.to_dict() for d in framing.score_many(items)]
    assert [r["text"] for r in rows] == items
    assert [r["language"]["is_english"] for r in rows] == [True, False, False, True]
    assert sum(issubclass(w.category, NotEnglishNewsWarning) for w in recwarn) == 2


def test_english_article_quoting_a_foreign_phrase_stays_english():
    text = (
        "The minister said the talks had gone well. Protesters chanted “Nous ne céderons pas” outside the building, "
        "and officials said more meetings would follow in the coming weeks, according to the ministry."
    )
    assert detect_language(parse(text))["is_english"] is True


def test_english_news_sample_is_never_flagged(shared_data):
    import json

    path = shared_data / "allsides-article-bias" / "sample_5000.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    flagged = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 300:
                break
            text = json.loads(line).get("content_original") or ""
            if text.strip() and not detect_language(parse(text))["is_english"]:
                flagged.append(text[:80])
    assert flagged == []


NOT_PROSE = {
    "json": json.dumps([{"id": i, "text": "Officials said the exports rose", "outlet": "Desk", "n": i * 3.5} for i in range(5)]),
    "html": '<html><head><title>The news</title></head><body><div class="a"><p>Officials said that the exports rose in '
    'the year.</p><a href="/x">the link</a><img src="/a.png" alt=""/></div></body></html>',
    "csv": "id,outlet,date,value\n" + "\n".join(f"{i},Desk,2024-01-0{i},{i * 12.5}" for i in range(1, 9)),
    "urls": " ".join(f"https://www.example.com/news/2024/{i}/the-story-of-the-day" for i in range(6)),
}


@pytest.mark.parametrize("name", sorted(NOT_PROSE))
def test_markup_data_and_links_are_not_prose(name):
    info = detect_language(parse(NOT_PROSE[name]))
    assert info["is_english"] is False and info["reason"] is not None, info


def test_reasons_say_why():
    assert detect_language(parse(NOT_ENGLISH["chinese"]))["reason"] == "mostly non-Latin letters"
    assert detect_language(parse(NOT_ENGLISH["german"]))["reason"] == "few English function words"
    assert detect_language(parse(NOT_PROSE["json"]))["reason"].startswith("mostly not words")
    assert detect_language(parse(ENGLISH["news"]))["reason"] is None


def test_english_news_with_a_table_of_figures_stays_english():
    text = (
        "The ministry published its monthly trade figures on Tuesday, and officials said that exports to the region "
        "had risen for a third month in a row, although imports fell.\n"
        "Exports: $3.2bn (+12%)\nImports: $2.9bn (-4%)\nBalance: $0.3bn\n"
        "Analysts said the figures were better than expected, but warned that the gains may not last into next year."
    )
    assert detect_language(parse(text))["is_english"] is True


def _reference_language(doc):
    """The plain definition the fast counts must equal: words start with a letter; script test on every letter."""
    import re

    from framing import language

    words = [t for t in doc.token_norms if t[0].isalpha()]
    vocab = language.function_words()
    share = sum(w in vocab for w in words) / len(words) if words else 0.0
    sample = doc.text[: language.SCRIPT_SAMPLE_CHARS]
    non_latin = re.search(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]", sample) is not None
    return len(words), round(share, 4), non_latin


def test_fast_counts_equal_the_plain_definition_on_generated_text():
    import random

    from framing import language

    rng = random.Random(8)
    vocab = language.function_words()
    alphabet = list("the of and to a in is was said Russia 12 1,300 $ % ’s n't — “ ” é ß Ω Я 中 ² ½ _ - . , İ ı ſ \n")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        doc = parse(text)
        n_words, share, non_latin = _reference_language(doc)
        info = detect_language(doc)
        kinds = language.token_kinds(doc)
        assert [bool(k & language.FUNCTION) for k in kinds] == [t[0].isalpha() and t in vocab for t in doc.token_norms]
        if n_words:
            assert info["english_share"] == share, text
        else:
            assert info["english_share"] == 0.0
        fast = (not text.isascii()) and language._NON_LATIN_LETTER_RE.search(text, 0, language.SCRIPT_SAMPLE_CHARS)
        assert bool(fast) == non_latin, text


def _reference_detect(doc):
    """detect_language as first written (two passes over the tokens, the script regex over every character)."""
    import re

    from framing import language as L

    words = [t for t in doc.token_norms if t[0].isalpha()]
    if not words:
        empty = len(doc.token_norms) == 0
        return {"code": None, "english_share": 0.0, "is_english": empty, "reason": None if empty else L.REASON_NO_WORDS}
    share = sum(w in L.function_words() for w in words) / len(words)
    sample = doc.text[: L.SCRIPT_SAMPLE_CHARS]
    non_latin = re.search(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]", sample)
    letters = len(re.findall(r"[^\W\d_]", sample)) if non_latin else 0
    reason = None
    latin = len(re.findall(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]", sample))
    if letters >= L.MIN_LETTERS_FOR_SCRIPT and latin < L.MIN_LATIN_SHARE * letters:
        reason = L.REASON_SCRIPT
    elif len(doc.token_norms) >= L.MIN_TOKENS_FOR_PROSE and len(words) < L.MIN_WORD_TOKEN_SHARE * len(doc.token_norms):
        reason = L.REASON_NOT_PROSE
    elif len(words) >= L.MIN_WORDS_TO_JUDGE:
        needed = L.MIN_ENGLISH_SHARE if len(words) >= L.LONG_TEXT_WORDS else L.MIN_ENGLISH_SHARE_SHORT
        if share < needed:
            reason = L.REASON_FUNCTION_WORDS
    english = reason is None
    return {"code": "en" if english else None, "english_share": round(share, 4), "is_english": english, "reason": reason}


def test_detect_language_equals_its_first_definition_on_generated_text():
    """Token flags decide exactly as the plain definition does, also with letters whose lower case changes
    script (Kelvin K, Ångström Å, Ɓ), Σ, and texts longer than the script sample."""
    import random

    rng = random.Random(11)
    pieces = ["the", "of", "and", "to", "a", "is", "was", "said", "Russia", "12", "’s", "n't", "—", "“", "é", "ß", "Ω", "Я", "Σ", "中", "²", "_", "-", ".", ",", "\n", "K", "Å", "Ȿ", "Ɀ", "Ɓ", "ɓ", "İ", "ı", "ſ"]
    pieces += ["the", "news", "said", "of", " ", " ", " ", "Москва", "政府"]
    explicit = ["It was 300 \u212a today, officials said. " * 3, "\u212b\u212a\u2c7e\u2c7f " * 5, "“Ɓ” said the " * 9]
    for n in range(400):
        size = rng.choice((0, 3, 20, 80, 400))
        text = explicit[n] if n < len(explicit) else " ".join(rng.choice(pieces) for _ in range(size))
        if n % 50 == 0:
            text = "The minister said the talks went well. " * 600 + text  # past SCRIPT_SAMPLE_CHARS
        doc = parse(text)
        assert detect_language(doc) == _reference_detect(doc), text[:200]


def test_non_latin_letter_class_equals_the_plain_one_on_every_code_point():
    import re

    from framing import language

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    plain = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
    assert language._NON_LATIN_LETTER_RE.findall(everything) == plain.findall(everything)
