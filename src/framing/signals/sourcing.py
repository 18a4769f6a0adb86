"""Figures stated as fact and who they are attributed to; quotes and who speaks.

Three passes over the body sentences of one :class:`~framing.document.Document`,
all on its tokens (nothing is re-split):

1. **Attributions** (:func:`find_attributions`): a cue from ``lexicons/attribution.tsv``
   (*said*, *according to*, *per*, *figures show* …) and its source, the noun
   phrase before a reporting verb (*Peskov stated*), after it when inverted
   (*“…,” said Peskov*) or after a preposition (*according to X*, *per X data*).
   The source is typed with ``lexicons/sources.tsv`` (official, institution,
   international_organisation, media, document, vague) or as ``named_person``
   when its head is an unknown capitalised name.
2. **Figures** (:func:`find_figures`): numbers written with digits (or number
   words with a magnitude, *five million*) with their currency, magnitude and
   unit from ``lexicons/units.tsv``; calendar dates, clock times, bare years
   and identifiers (*Section 230*, *9/11*) are not figures. A figure is
   *sourced* when it sits in a quotation whose speaker is known, when an
   attribution in its sentence governs it (the main-clause one wins), or when a
   sentence ending in a colon introduces it.
3. **Quotes** (:func:`quotations` and :func:`measure`): the quoted passages the
   Document paired plus ``''…''`` ones, with the speaker from the cue right after
   the closing mark, the next sentence, the cue before the opening mark, a colon
   introduction, a transcript label (*"WALLACE: …"*) or the previous quotation
   in the paragraph; a pronoun speaker (*he added*) is resolved to the last named
   speaker. Reported speech without quote marks (*X said that …*) is listed too,
   as ``kind="indirect"``.

Every step is linear in the text: attributions and quotations are found by
bisection, and every phrase walk is bounded.

All offsets are half-open character offsets into the article text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from typing import Any

from framing.document import Document, Quote, Sentence
from framing.lexicons import Lexicon, Match, abbreviations, from_lexicons, function_words, load_lexicon
from framing.signals import countries
from framing.tokens import normalise, token_positions, tokenize_term

# Tokens that end a source noun phrase when walking away from its cue. Function
# words of clause structure, not a lexicon: they are grammar, not vocabulary.
_STOP_PUNCT = frozenset(",;:()[]—–\"“”‘’'.?!")
_STOP_WORDS = frozenset(
    [
        "that",
        "and",
        "but",
        "which",
        "who",
        "whom",
        "whose",
        "as",
        "if",
        "when",
        "because",
        "while",
        "where",
        "although",
        "though",
        "after",
        "before",
        "since",
        "so",
        "than",
        "or",
        "nor",
        "what",
        "how",
        "why",
    ]
)
# Auxiliary verb forms: between a source and its cue (*has said*), and never the start of a speaker phrase.
_AUXILIARY_VERBS = frozenset(["is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "did", "does", "do"])
# Words between a source and its verb that belong to neither (has said, also told, reportedly claimed).
_AUXILIARIES = _AUXILIARY_VERBS | frozenset(
    [
        "also",
        "not",
        "n't",
        "reportedly",
        "previously",
        "later",
        "then",
        "once",
        "repeatedly",
        "publicly",
        "recently",
        "further",
        "already",
        "has've",
        "privately",
    ]
)
# After an inverted cue (said Smith), these begin the rest of the clause, not the source.
_FORWARD_STOPS = (
    frozenset(["in", "on", "at", "during", "to", "with", "last", "this", "yesterday", "today", "earlier", "told"])
    | _STOP_WORDS
)
# Words before a cue word that make it a noun: "the IMF's last estimate", "his own claim".
_NOUN_MARKERS = frozenset(["'s", "last", "latest", "recent", "new", "own", "first", "previous", "earlier", "such"])
_SUBORDINATORS = frozenset(
    ["when", "if", "because", "after", "before", "while", "although", "though", "unless", "until", "once"]
)
_PASSIVE = frozenset(["was", "were", "is", "are", "been", "being", "be"])
_RELATIVE_STARTS = frozenset(["who", "which", "whose", "whom"])
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "some", "several", "many"]
)
_WALK_STOPS = _STOP_WORDS | _STOP_PUNCT
_NOUN_BEFORE = _DETERMINERS | _NOUN_MARKERS
_PREPOSITIONS = frozenset(
    [
        "of",
        "to",
        "for",
        "by",
        "on",
        "in",
        "at",
        "with",
        "from",
        "about",
        "into",
        "onto",
        "upon",
        "over",
        "under",
        "through",
        "during",
        "without",
        "within",
        "despite",
        "like",
        "toward",
        "towards",
        "against",
        "among",
        "amid",
    ]
)
# Words that cannot head a speaker's noun phrase: a phrase made only of these (*Before*, *who*, *now*) names
# nobody. Personal pronouns are heads (*he said*) and are not listed.
_CLOSED_CLASS = (
    _STOP_WORDS
    | _AUXILIARIES
    | _DETERMINERS
    | _PREPOSITIONS
    | frozenset(
        [
            "be",
            "been",
            "being",
            "here",
            "there",
            "now",
            "just",
            "even",
            "still",
            "again",
            "however",
            "meanwhile",
            "instead",
            "early",
            "earlier",
            "late",
            "later",
            "ago",
            "often",
            "never",
            "always",
            "either",
            "only",
            "-",
        ]
    )
)
# One-word openers set off by a comma that are no name (*First, he said*; *Yet, officials say*), besides the
# closed-class words and the adverbs in -ly (*Finally,*) that :func:`_opening_adverbial` knows already.
_SENTENCE_ADVERBS = frozenset(
    ["first", "second", "third", "yet", "moreover", "indeed", "overall", "nonetheless", "nevertheless", "thus", "hence",
     "today", "yesterday", "tonight", "besides", "otherwise", "afterward", "afterwards", "elsewhere", "anyway", "plus",
     "next", "last", "too", "therefore", "furthermore", "regardless", "nationwide", "overseas", "abroad"]
)  # fmt: skip
# Degrees and suffixes set off by a comma after a name ("Margaret Hamburg, MD"), and the party nouns that end or
# open a capitalised apposition ("Nancy Pelosi, California Democrat"; "Democrat of Virginia"): not the name.
_NAME_SUFFIXES = frozenset(["md", "phd", "jr", "sr", "esq", "ii", "iii"])
_PARTY_NOUNS = frozenset(["democrat", "republican", "independent"])
# Reporting verbs that are never nouns or adjectives, so a speaker phrase holding one has run on past its speaker
# ("Kushner said he"); the attribution lexicon also lists "claims", "estimate", "alleged", "think" ("think tank").
_SPEECH_VERBS = frozenset(
    ["said", "says", "say", "told", "tells", "tell", "added", "adds", "wrote", "writes", "asked", "asks", "argued",
     "argues", "insisted", "insists", "explained", "explains", "stated", "testified", "tweeted", "replied", "responded"]
)  # fmt: skip
# Auxiliaries that are also first names: "said Will Hurd" (see _first_name).
_FIRST_NAME_AUXILIARIES = frozenset(["will"])
# A speaker phrase never starts with a verb form of these (*are especially keen on*, *has in the past*): the walk
# has taken a predicate, not a subject. Nor does it end in a preposition, determiner or auxiliary (*by refusing to*,
# *the city embodied the*), which leave the noun they need outside the phrase.
_PREDICATE_STARTS = _AUXILIARY_VERBS | frozenset(["be", "been", "being", "should", "can", "may", "might", "must"])
_OPEN_ENDS = (
    _PREPOSITIONS | _DETERMINERS | _PREDICATE_STARTS | frozenset(["and", "or", "but", "that", "than", "as", "-"])
)
# Words after an opening participle that make it an adverbial (*Speaking to reporters, he …*), not a name.
_PHRASE_OPENERS = _PREPOSITIONS | _DETERMINERS
# Adverbs that sit between a subject and its verb (*Other countries just say*): trimmed off a speaker phrase's end.
_TRAILING_ADVERBS = frozenset(["just", "now", "still", "even", "often", "never", "always", "again", "however", "too"])
_TRIMMED_AT_END = _TRAILING_ADVERBS | _AUXILIARIES | _PREDICATE_STARTS
# A one-word phrase made of one of these names nobody (*Before*, *who*, *to*).
_NO_HEAD_WORD = _CLOSED_CLASS | _TRIMMED_AT_END | _OPEN_ENDS
# Time expressions between a subject and its verb (*Feinstein last week said*, *X on Friday described*).
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_TIME_NOUNS = frozenset(["week", "month", "year", "morning", "afternoon", "evening", "night", "weekend"])
_TIME_ENDS = _WEEKDAYS | _TIME_NOUNS | frozenset(["yesterday", "today", "tonight"])
_TIME_WORDS = (
    _WEEKDAYS | _TIME_NOUNS | frozenset(["yesterday", "today", "tonight", "on", "last", "this", "earlier", "later"])
)
# Longest source phrase kept: beyond this the walk has crossed a clause.
_MAX_SOURCE_TOKENS = 12
_DIGIT_RE = re.compile(r"\d")
_CAPITALISED_RE = re.compile(r"(?<![\w’'])[A-Z]")
# An inverted source (*said the official*) longer than this must hold a capitalised word.
_MAX_PLAIN_INVERTED_TOKENS = 4
# Longest relative clause or participle phrase skipped between a source and its verb.
_MAX_CLAUSE_TOKENS = 25
# Names searched directly in the text before one index of capitalised words is used, and distinct
# names searched for that index before it is built whole.
_DIRECT_LOOKUPS = 24
_INDEXED_LOOKUPS = 64
_ABSENT = object()
# Longest reported content kept for an indirect quotation (tokens).
_MAX_CONTENT_TOKENS = 80
# Quotations looked back over when asking which one contains an offset (nesting is shallow in news).
_QUOTE_LOOKBACK = 8
# Attributions tried per scope level when choosing a figure's source (the nearest ones).
_NEAREST = 6
# A quotation of fewer tokens with no speaker is a scare quote or a title, not speech.
_MIN_UNATTRIBUTED_QUOTE_TOKENS = 5
# A cue this many tokens after a closing quote mark attributes the quotation (”, Peskov said).
_QUOTE_CUE_WINDOW = 5


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue and its source. Token ranges are half-open indices into ``Document`` tokens."""

    cue_start: int
    cue_end: int
    cue_kind: str  # verb | prep | data_verb | colon
    source_start: int | None
    source_end: int | None
    source_type: str | None
    name: str | None  # a person's name when the source is (or resolves to) a named person
    sentence: int
    # False when the source phrase names nobody (*are especially keen on*, *who*): it still bounds the
    # attribution for a figure, as before, but is no quotation's speaker (:func:`_speaker_phrase`).
    speaker: bool = True


# ---------------------------------------------------------------- lexicon tables
@from_lexicons
def _source_tables() -> dict[str, str]:
    """``qualified_type`` per vague source term (the type it takes next to a proper name)."""
    return {e.term.lower(): e.get("qualified_type") for e in load_lexicon("sources").entries if e.category == "vague"}


def _match_range(lexicon: Lexicon, doc: Document, t0: int, t1: int) -> dict[int, Match]:
    """Matches of ``lexicon`` in tokens ``[t0, t1)`` by token start."""
    return {m.token_start: m for m in _matches(lexicon, doc, t0, t1)}


def _matches(lexicon: Lexicon, doc: Document, t0: int, t1: int) -> list[Match]:
    """Matches of ``lexicon`` in tokens ``[t0, t1)``, left to right, longest first, each consuming its tokens.

    Uses the document's hit list of the lexicon when another signal already
    built it; otherwise finds the tokens that can start a term in the range only
    (in C), since source phrases and figure sentences are a small part of a text.
    """
    if lexicon in doc.derived:
        found = lexicon.match_document(doc, t0, t1)
    else:
        norms = doc.token_norms
        hits = list(compress(range(t0, t1), map(_first_words(lexicon).__contains__, norms[t0:t1])))
        if not hits:
            return []
        found = lexicon.matches(norms, t0, t1, text=doc.text, starts=doc.token_starts, ends=doc.token_ends, hits=hits)
    return found


# ---------------------------------------------------------------- small token predicates
def _is_number(norm: str) -> bool:
    return norm[:1].isdigit() and norm[-1:].isdigit()


def _number_value(norm: str) -> float | None:
    """``1,300`` → 1300.0; ``1.5`` → 1.5; ``1.2.3`` → None."""
    raw = norm.replace(",", "")
    if raw.count(".") > 1:
        return None
    try:
        return float(raw)
    except ValueError:
        return None


def _is_capitalised(doc: Document, i: int) -> bool:
    return doc.article.text[doc.token_starts[i]].isupper()


def _digit_positions(doc: Document, t0: int, t1: int) -> list[int]:
    """Indices of the tokens in ``[t0, t1)`` that start with a digit (where a written number can start), found in C."""
    return list(compress(range(t0, t1), map(str.isdigit, map(itemgetter(0), doc.token_norms[t0:t1]))))


_FIRST_WORDS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _first_words(lexicon: Lexicon) -> frozenset[str]:
    """Normalised first words of the phrase entries of ``lexicon``: the tokens where a match can start."""
    cached = _FIRST_WORDS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        words = frozenset(normalise(tokenize_term(e.term)[0]) for e in lexicon.entries if not e.is_regex)
        cached = _FIRST_WORDS[id(lexicon)] = (lexicon, words)
    return cached[1]


#: Quote kinds that give the speaker's own words in quotation marks; ``indirect`` is reported speech.
QUOTED_KINDS = frozenset(["direct", "partial"])


# Oldest age read in apposition; a larger bare number after a name is no age.
_MAX_AGE = 120


def _is_appositive_age(doc: Document, units: dict[int, Match], i: int, j: int, s0: int, s1: int) -> bool:
    """True for the bare whole number at token ``i`` set off after a name: an age, not a figure.

    *Weiner, 51, pleaded guilty*; *said Carla Cruz, 24.*; *Arieh, 19; Atarah, 18*. The
    word before the comma is capitalised, and is no month (*Sept, 26, 2014*), no
    acronym (*NATO, 70,*), no country (*China, 38, India, 29*: a table) and no
    sentence-opening function word or adverb (*Still, 51, ...*); or it is a noun after
    a determiner with no number between (*a man, 54,*; *her son, 14,*; but *of the 100
    senators, 51,* is a count). The number is closed by a comma, a semicolon or the
    sentence's full stop. Lists of numbers (*7, 8, 10 percent*, *Section 5, 12,*) have
    a number before the comma and stay figures.
    """
    norms = doc.token_norms
    number, k = norms[i], i - 2
    if k < s0 or j >= s1 or not number.isdigit() or number[0] == "0" or int(number) > _MAX_AGE:
        return False
    if not (norms[j] in (",", ";") or (norms[j] == "." and j + 1 == s1)):
        return False
    if _noun_after_determiner(doc, k, s0):
        return True
    name = doc.token_text(k)
    if not (name[:1].isupper() and name[:1].isalpha()) or (len(name) > 1 and name.isupper()):
        return False
    if k == s0 and (norms[k] in function_words() or norms[k].endswith("ly")):
        return False
    month = units.get(k)
    if month is not None and month.entry.category == "date":
        return False
    return not any(end == k + 1 for _start, end, _code in _country_entries(doc, max(s0, k - 4), k + 1, _STATE_READINGS))


_PRONOUN_GENDER = {"he": "m", "she": "f"}
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _antecedent(people: list[str], genders: dict[str, str], wanted: str) -> str | None:
    """The person a *he* / *she* refers to: the last one named, unless the text shows that one to be of the other
    gender; then the last one shown to be of the pronoun's, else nobody (a wrong name is worse than none)."""
    last = people[-1]
    if genders.get(last.split()[-1].lower(), wanted) == wanted:
        return last
    return next((p for p in reversed(people) if genders.get(p.split()[-1].lower()) == wanted), None)


def _genders(doc: Document) -> dict[str, str]:
    """Surname (lower case) -> "m" or "f" where the text gives it a gendered honorific (*Mr. Smith*, *Ms. Ruiz*);
    a surname given both stays unknown (two people). Resolving *she said* skips a *Mr.* so named."""
    norms = doc.token_norms
    n = len(norms)
    out: dict[str, str] = {}
    both: set[str] = set()
    for k in token_positions(map(_HONORIFIC_GENDER.__contains__, norms), n):  # one C-level pass
        word = norms[k]
        t = k + 2 if k + 2 < n and norms[k + 1] == "." else k + 1
        named = t < n and _is_capitalised(doc, t) and norms[t][:1].isalpha()
        if named and (word != "miss" or _is_capitalised(doc, k)) and out.setdefault(norms[t], _HONORIFIC_GENDER[word]) != _HONORIFIC_GENDER[word]:
            both.add(norms[t])
    for surname in both:
        del out[surname]
    return out


def _noun_after_determiner(doc: Document, k: int, s0: int) -> bool:
    """Whether token ``k`` is a lower-case word ending a noun phrase that opens with a determiner at most three
    words before it, no number or punctuation between (*a man*, *her son*, *the crusading prosecutor*)."""
    norms = doc.token_norms
    word = norms[k]
    if not (word.isalpha() and doc.token_text(k).islower()) or word in _CLOSED_CLASS or word.endswith("ed"):
        return False  # "the number of people executed, 35, was ...": a participle, and a count
    for d in range(k - 1, max(s0, k - 3) - 1, -1):
        if norms[d] in _DETERMINERS or norms[d] in ("my", "your"):
            return True
        if not norms[d].isalpha():
            return False
    return False


def _is_year(norm: str) -> bool:
    return len(norm) == 4 and norm.isdigit() and 1800 <= int(norm) <= 2100


# ---------------------------------------------------------------- figures
def find_figures(doc: Document, sentence: Sentence, units: dict[int, Match]) -> list[dict[str, Any]]:
    """Figures in one sentence: span, value, unit and kind (see the module docstring)."""
    norms = doc.token_norms
    s0, s1 = sentence.token_start, sentence.token_end
    out: list[dict[str, Any]] = []
    # Only tokens that open a figure are visited: numbers and number words, in order. When the text holds
    # no digits but 0-9, the tokens opening with one are known (_digit_sentences); tokens opening with
    # another digit character (², ①) are no figure (float() refuses them), so they need no visit.
    digits = doc.derived.get((__name__, "digit_tokens"))
    if digits is None:
        candidates = _digit_positions(doc, s0, s1)
    else:
        low = bisect.bisect_left(digits, s0)
        candidates = digits[low : bisect.bisect_left(digits, s1, low)]
    words = [t for t, m in units.items() if m.entry.category == "number_word"]
    if words:
        candidates = sorted({*candidates, *words})
    done = s0
    for i in candidates:
        if i < done:
            continue
        norm = norms[i]
        m = units.get(i)
        start_tok = i
        if norm[:1].isdigit() and norm[-1:].isdigit():  # _is_number
            value = _number_value(norm)
            j = i + 1
        elif m is not None and m.entry.category == "number_word" and m.token_end < s1:
            nxt = units.get(m.token_end)
            if nxt is None or nxt.entry.category != "magnitude":
                continue
            value = float(m.entry.get("value") or 1)
            j = m.token_end
        else:
            continue
        if value is None:
            continue
        figure, j = _read_figure(doc, sentence, units, start_tok, j, value)
        if figure is not None:
            out.append(figure)
        done = max(j, i + 1)
    return out


def _unit_at(units: dict[int, Match], j: int, categories: tuple[str, ...]) -> Match | None:
    m = units.get(j)
    return m if m is not None and m.entry.category in categories else None


_MEASURE = ("percent", "quantity", "distance", "duration", "currency_suffix")


def _read_figure(
    doc: Document, sentence: Sentence, units: dict[int, Match], i: int, j: int, value: float
) -> tuple[dict[str, Any] | None, int]:
    """Read currency, magnitude, range and unit around the number at token ``i``; ``j`` is the token after it."""
    norms = doc.token_norms
    s0, s1 = sentence.token_start, sentence.token_end
    start_tok = i
    currency: str | None = None
    # Currency written before the number ($, USD, Rs); the lexicon match ends at i.
    for back in (1, 2):
        k = i - back
        if k >= s0:
            pm = units.get(k)
            if pm is not None and pm.entry.category == "currency_prefix" and pm.token_end == i:
                currency = pm.entry.get("unit")
                start_tok = k
                break
    # Not a figure: a date, a time, an identifier, a year.
    prev = norms[i - 1] if i > s0 else ""
    prev_unit = units.get(i - 1) if i > s0 else None
    if prev_unit is None and i - 2 >= s0:
        pm = units.get(i - 2)
        prev_unit = pm if pm is not None and pm.token_end == i - 1 and norms[i - 1] == "." else None
    if prev_unit is not None and prev_unit.entry.category == "date":
        return None, j  # July 3, Sept. 11
    nxt_unit = units.get(j) if j < s1 else None
    if nxt_unit is not None and nxt_unit.entry.category == "date":
        return None, nxt_unit.token_end  # 3 July, 9 a.m.
    if (
        (j < s1 and norms[j] in (":", "/"))
        or prev in ("/", "#", "no")
        or (prev == "." and i - 2 >= s0 and norms[i - 2] == "no")
    ):
        return None, j + 2 if j < s1 and norms[j] in (":", "/") else j  # 10:30, 9/11, No. 1
    if j < s1 and norms[j] in ("'s", "s"):
        return None, j  # 1979's
    # Magnitude: 1.5 billion, five million.
    magnitude = _unit_at(units, j, ("magnitude",))
    if magnitude is None and norms[i] != "a" and j < s1 and norms[j] == "hundred":
        magnitude = units.get(j)
    if magnitude is not None:
        value *= float(magnitude.entry.get("value") or 1)
        j = magnitude.token_end
    elif not _is_number(norms[i]):
        return None, j
    # A range: 200 to 250 tons, $5-6 billion, 10–12%.
    value_max: float | None = None
    if j + 1 < s1 and norms[j] in ("to", "-", "–") and not (norms[j] == "-" and units.get(j + 1)):
        k = j + 1
        if units.get(k) is not None and units[k].entry.category == "currency_prefix":
            k = units[k].token_end
        if k < s1 and _is_number(norms[k]) and not (_is_year(norms[i]) and _is_year(norms[k])):  # not 2015-2016
            high = _number_value(norms[k])
            if high is not None:
                k += 1
                mag2 = _unit_at(units, k, ("magnitude",))
                # "$5-6 billion": the magnitude after the second number applies to both.
                low = _number_value(norms[i]) or 1.0
                factor = float(mag2.entry.get("value") or 1) if mag2 else value / low
                if mag2:
                    k = mag2.token_end
                    if magnitude is None:
                        value *= factor
                value_max = high * factor
                j = k
    # A unit, possibly hyphenated: 25 metric tons, 20%, 1,300-km, 15-hour.
    unit_match = None
    if j < s1:
        unit_match = _unit_at(units, j, _MEASURE)
        if unit_match is None and norms[j] == "-" and j + 1 < s1:
            unit_match = _unit_at(units, j + 1, _MEASURE)
    if unit_match is not None:
        j = unit_match.token_end
    unit = unit_match.entry.get("unit") if unit_match else None
    unit_category = unit_match.entry.category if unit_match else None
    # An age is a fact about a person, not a figure that wants a source: "a 54-year-old", "30 years old", "aged 30".
    if (
        unit_category == "duration"
        and j < s1
        and (norms[j] == "old" or (norms[j] == "-" and j + 1 < s1 and norms[j + 1] == "old"))
    ):
        return None, j + (1 if norms[j] == "old" else 2)
    if prev == "aged" and unit_match is None and currency is None:
        return None, j
    if unit_category == "currency_suffix":
        currency = currency or unit
    has_measure = currency is not None or magnitude is not None or unit_match is not None
    if not has_measure:
        if _is_year(norms[i]):
            return None, j  # a bare year: 2025, since 2003
        if i > s0 and prev == "-":
            return None, j  # COVID-19, 1-800
        # Section 230, Boeing 737, S&P 500 -- but a sentence may open with "Over 200" or "Nearly 30".
        if (
            i > s0
            and _is_capitalised(doc, i - 1)
            and norms[i - 1][:1].isalpha()
            and (i - 1 > s0 or not (norms[i - 1] in function_words() or norms[i - 1].endswith("ly")))
        ):
            return None, j
        # An age set off after a name is a fact about the person too: "Weiner, 51, pleaded guilty".
        if value_max is None and prev == "," and _is_appositive_age(doc, units, i, j, s0, s1):
            return None, j
    if currency is not None:
        kind, unit = "money", currency
    elif unit_category == "percent":
        kind = "percent"
    elif unit_category in ("duration", "distance", "quantity"):
        kind = unit_category
    else:
        kind, unit = "count", "count"
    if value_max is not None:
        kind = "range"
    start = doc.token_starts[start_tok]
    end = doc.token_ends[j - 1]
    figure: dict[str, Any] = {
        "start": start,
        "end": end,
        "text": doc.text[start:end],
        "value": value,
        "unit": unit,
        "kind": kind,
    }
    if value_max is not None:
        figure["value_max"] = value_max
    figure["_tokens"] = (start_tok, j)
    return figure, j


# ---------------------------------------------------------------- attributions
def find_attributions(
    doc: Document,
    index: int,
    sentence: Sentence,
    hits: list[int] | None = None,
    typed: dict[tuple[str, bool], tuple[str, str | None]] | None = None,
) -> list[Attribution]:
    """Cues of ``lexicons/attribution.tsv`` in one sentence, each with its source phrase if one is found.

    ``hits`` are the sorted positions of the document's tokens that can start a cue, and ``typed`` the
    cache of typed source phrases (:func:`_typed_cache`), when the caller has them.
    """
    if typed is None:
        typed = _typed_cache()
    norms = doc.token_norms
    s0, s1 = sentence.token_start, sentence.token_end
    out: list[Attribution] = []
    taken: set[int] = set()
    # Longest cue first, left to right, a cue consuming its tokens; only tokens that start a cue are visited.
    lexicon = load_lexicon("attribution")
    if hits is None:
        cues = _matches(lexicon, doc, s0, s1)
    else:
        cues = lexicon.matches(norms, s0, s1, text=doc.text, starts=doc.token_starts, ends=doc.token_ends, hits=hits)
    for m in cues:
        kind = m.entry.category
        c0, c1 = m.token_start, m.token_end
        if c0 in taken:
            continue
        span: tuple[int, int] | None = None
        if kind == "prep_document":
            if c0 > s0 and norms[c0 - 1] != ",":
                continue  # "In a Gallup poll, ..." opens a clause; "5% in the poll" ends one
            span = _walk_forward(doc, c1, s1, stops=_STOP_WORDS)
            if span is None or _document_words().isdisjoint(norms[span[0] : span[1]]):
                continue
            kind = "prep"
        elif kind == "prep":
            if norms[c0] == "per":
                nxt = c1 if c1 < s1 else None
                if nxt is None or not (
                    _is_capitalised(doc, nxt)
                    or (norms[nxt] == "the" and nxt + 1 < s1 and _is_capitalised(doc, nxt + 1))
                ):
                    continue
            span = _walk_forward(doc, c1, s1, stops=_STOP_WORDS)
        else:
            if c0 > s0 and norms[c0 - 1] in _NOUN_BEFORE:
                continue  # a noun or adjective: "an estimated", "the IMF's last estimate"
            if c0 > s0 and norms[c0 - 1] in ("been", "being", "-") and not norms[c1 - 1].endswith("ing"):
                continue  # "has been described … by X", "so-called": passive or a compound, no speaker before it
            back = _skip_aux_back(doc, c0, s0)
            if back < c0 and not norms[c1 - 1].endswith("ing") and not _PASSIVE.isdisjoint(norms[back:c0]):
                continue  # "were admitted", "is expected": no speaker; but "was quoted as saying" names one
            span = _walk_back(doc, c0, s0)
            if span is None and back > s0 and norms[back - 1] in _RELATIVE_STARTS:
                # "the Chicago Police Department, which reported": the antecedent speaks.
                k = back - 1
                antecedent = _walk_back(doc, k - 1 if k - 1 > s0 and norms[k - 1] == "," else k, s0)
                span = (antecedent[0] if antecedent else k, back)
            if span is None and c0 == s0 and c1 < s1 and _is_capitalised(doc, c1) and norms[c1][:1].isalpha():
                span = _walk_forward(doc, c1, s1, stops=_FORWARD_STOPS)  # "Stated Stone:"
            participle = norms[c0].endswith("ing") and back > s0 and norms[back - 1] == ","
            if participle and span is None:
                span = _sentence_subject(doc, s0, c0)  # "Sanders defended the call, saying ..."
                main = out[-1] if out and out[-1].cue_kind == "verb" and out[-1].speaker else None
                if main is not None and span is not None and main.source_start == span[0]:
                    # "A spokesperson from X noted that …, calling it a “…”": the main verb's whole source.
                    span = (main.source_start, main.source_end)  # type: ignore[assignment]
            if span is None and kind == "verb" and back - 1 > s0 and norms[back - 1] in ("and", "but"):
                span = _sentence_subject(doc, s0, back - 1)  # "She has proposed … and called for …": one subject
            if (
                span is None
                and not participle
                and c1 - c0 == 1  # "…,” said Peskov; but "Instead, Will called for Republicans to …" is no inversion
                and back > s0
                and norms[back - 1] in _STOP_PUNCT
                and c1 < s1
                and norms[c1][:1].isalpha()
                and norms[c1] not in _PRONOUNS
                and norms[c1] not in _FORWARD_STOPS
            ):
                span = _walk_forward(doc, c1, s1, stops=_FORWARD_STOPS)  # inverted: "..., said Peskov"
                if (
                    span is not None
                    and span[1] - span[0] > _MAX_PLAIN_INVERTED_TOKENS
                    and not any(_is_capitalised(doc, t) for t in range(*span))
                ):
                    span = None  # "..., said the event brought back memories": a clause, not a speaker
            if (
                kind == "data_verb"
                and not (c1 < s1 and norms[c1] == "that" and span is not None)
                and (span is None or _document_words().isdisjoint(norms[span[0] : span[1]]))
            ):
                continue
        if span is not None and _may_open_with_number(norms[span[0]]) and _opens_with_number(norms, span):
            span = None  # "(Only) 51 percent of respondents said": a figure's own subject, not a source
        walked = span
        if span is not None and kind == "verb":
            span = _speaker_phrase(doc, span)
        if span is None and kind == "verb" and norms[c0].endswith("ing") and c0 > s0 and norms[c0 - 1] == ",":
            span = _sentence_subject(doc, s0, c0)  # "Sanders defended the call, saying ..."
        speaker = span is not None or walked is None
        if span is None:
            span = walked
        if span is not None:
            taken.update(range(span[0], span[1]))
        stype, name = _typed_source(doc, span, s0, typed) if span else (None, None)
        out.append(
            Attribution(c0, c1, kind, span[0] if span else None, span[1] if span else None, stype, name, index, speaker)
        )
    colon = _speaker_colon(doc, s0, s1) if not out and ":" in norms[s0:s1] else None
    if colon is not None:
        span = _walk_back(doc, colon, s0) or (s0, colon)
        stype, name = _typed_source(doc, span, s0, typed)
        out.append(Attribution(colon, colon + 1, "colon", s0, colon, stype, name, index))
    return out


def _speaker_colon(doc: Document, s0: int, s1: int) -> int | None:
    """Token index of the colon in *Jones: “…”*, *RAMOS: …*, *Bernie Sanders: ‘…’* (a name, then what it says).

    The name is at most four capitalised words opening the sentence, and the
    colon is followed by a quotation mark, ends the sentence, or follows a
    one-word upper-case label (interview transcripts). Headings such as *Key
    milestones:* or *Russia Taliban Relations: From …* do not qualify.
    """
    norms = doc.token_norms
    text = doc.text
    p = s0 + 1
    while p < s1 - 1:
        # "... is exemplified by this finding: ''27 companies ...''": a data noun, a colon, a quotation.
        try:
            p = norms.index(":", p, s1 - 1)  # the next colon, found in C
        except ValueError:
            break
        if text[doc.token_starts[p + 1]] in "\"“‘'":
            span = _walk_back(doc, p, s0)
            if span is not None and not _document_words().isdisjoint(norms[span[0] : span[1]]):
                return p
        p += 1
    for p in range(s0 + 1, min(s1, s0 + 5)):
        if norms[p] != ":":
            if not (_is_capitalised(doc, p) and norms[p][:1].isalpha()) and norms[p] != ".":
                return None
            continue
        if not (_is_capitalised(doc, s0) and norms[s0][:1].isalpha()):
            return None
        after = doc.token_ends[p]
        while after < len(text) and text[after] in " \t\xa0":
            after += 1
        label = p == s0 + 1 and doc.token_text(s0).isupper()
        if p + 1 >= s1 or label or (after < len(text) and text[after] in "\"“‘'"):
            return p
        return None
    return None


_LABEL_RE = re.compile(r"[ \t]*([A-Z][A-Z.'’ -]{0,30}[A-Z]):")


def _transcript_label(doc: Document, q: Quote) -> Attribution | None:
    """The speaker of a transcript line quoted whole: *"WALLACE: Let's start ...* (the label opens the quotation)."""
    m = _LABEL_RE.match(doc.text, q.inner_start, q.inner_end)
    if m is None:
        return None
    t0 = doc.token_at(m.start(1))
    t1 = doc.token_at(m.end(1) - 1) + 1
    colon = doc.token_at(m.end() - 1)
    index = doc.sentence_at(m.start(1))
    return Attribution(colon, colon + 1, "colon", t0, t1, "named_person", m.group(1), index)


def _scope_levels(
    doc: Document,
    attributions: list[Attribution],
    sent: Sentence,
    quotes: list[Quote],
    starts: list[int] | None = None,
    quoted: bytearray | None = None,
) -> list[tuple[list[int], list[Attribution]]]:
    """A sentence's attributions that can source a figure, grouped by :func:`_scope` (highest first), by cue.

    ``quoted`` is :func:`_quoted_tokens` when the caller has it: a cue outside it is in no quotation.
    """
    by_level: dict[int, list[Attribution]] = {}
    for a in attributions:
        if a.source_start is None:
            continue
        if (quoted is None or quoted[a.cue_start]) and _in_quote(
            quotes, doc.token_starts[a.cue_start], doc.token_ends[a.cue_start], starts
        ) is not None:
            continue  # a cue inside a quotation speaks for the quotation, not for the writer's sentence
        by_level.setdefault(_scope(doc, a, sent), []).append(a)
    out = []
    for level in sorted(by_level, reverse=True):
        items = sorted(by_level[level], key=lambda a: a.cue_start)
        out.append(([a.cue_start for a in items], items))
    return out


def _governing(
    doc: Document, levels: list[tuple[list[int], list[Attribution]]], f0: int, f1: int
) -> Attribution | None:
    """The attribution that sources the figure at tokens ``[f0, f1)``: highest scope, then nearest cue."""
    for cues, items in levels:
        i = bisect.bisect_left(cues, f0)
        near = items[max(0, i - _NEAREST) : i + _NEAREST]
        near.sort(key=lambda a: (abs(a.cue_start - f0), a.cue_start))
        for a in near:
            assert a.source_start is not None and a.source_end is not None
            if a.source_start <= f0 and f1 <= a.source_end:
                continue  # the figure is part of the source ("a poll of 1,000 voters")
            if _describes_source(doc, a, f0, f1) or _in_subordinate_clause(doc, a, f0):
                continue
            return a
    return None


def _in_subordinate_clause(doc: Document, a: Attribution, f0: int) -> bool:
    """True when the cue sits in an opening subordinate clause and the figure after it (*When the poll asked …, X got 42 percent*)."""
    assert a.source_start is not None
    norms = doc.token_norms
    opener = min(a.source_start, a.cue_start) - 1
    sentence_start = doc.sentences[a.sentence].token_start
    if opener != sentence_start or norms[opener] not in _SUBORDINATORS:
        return False  # only a clause that opens the sentence ("When ..., main clause") is set apart
    return any(norms[t] == "," for t in range(a.cue_end, f0))


def _describes_source(doc: Document, a: Attribution, f0: int, f1: int) -> bool:
    """True for a bare number in apposition to the source (*said Karen Janes, 67, of Exeter*): an age, not content."""
    assert a.source_end is not None and a.source_start is not None
    norms = doc.token_norms
    after = a.source_end
    before = a.source_start
    return (f1 - f0 == 1 and after < f0 and f0 - after <= 1 and norms[f0 - 1] == ",") or (
        f1 <= before and before - f1 <= 1 and f1 < len(norms) and norms[f1] == "," and f0 > 0 and norms[f0 - 1] == ","
    )


def _scope(doc: Document, a: Attribution, sent: Sentence) -> int:
    """How likely an attribution governs its whole sentence (higher: main clause), for choosing among several.

    *According to X* and a trailing *…, the Sun-Times reported.* govern everything
    before them; a source opening the sentence (*A report … noted that …*) governs
    what follows; a cue inside a subordinate clause governs only that clause.
    """
    norms = doc.token_norms
    if a.cue_kind == "prep":
        return 3
    assert a.source_start is not None and a.source_end is not None
    if a.source_end - 1 >= 0 and norms[a.source_end - 1] in _RELATIVE_STARTS:
        return 1  # "a drop from 76 percent who said ...": a relative clause governs only itself
    tail = max(a.cue_end, a.source_end)
    rest = 0
    for t in range(tail, sent.token_end):  # at most five words may follow a trailing attribution
        if norms[t] not in _STOP_PUNCT:
            rest += 1
            if rest > 4:
                break
    if a.cue_start > sent.token_start and norms[min(a.cue_start, a.source_start) - 1] in _STOP_PUNCT and rest <= 4:
        return 3
    s0 = sent.token_start
    if a.source_start <= s0 + 1 or (norms[a.source_start - 1] == "," and _opening_adverbial(norms, s0, a.source_start - 1)):
        return 2  # the source opens the sentence, after an adverbial at most ("Elsewhere, the report estimates")
    return 1


def _speaker_phrase(doc: Document, span: tuple[int, int]) -> tuple[int, int] | None:
    """``span`` as a speaker's noun phrase (trailing adverbs and auxiliaries trimmed), or None if it names nobody.

    A walk to the nearest clause break can stop on a phrase with no noun at all (*Before*, *who*, *now*) or on
    a predicate (*are especially keen on*, *by refusing to*); reporting such a phrase as a speaker is worse than
    reporting none. A speaker phrase has a head (a personal pronoun or a word outside :data:`_CLOSED_CLASS`),
    does not open with an auxiliary and does not end in a word that needs a noun after it. A phrase that runs on
    through a reporting verb (*Kushner said he*, *Officials told CNN they*) is the speaker before that verb.
    """
    norms = doc.token_norms
    t0, t1 = span
    if t1 - t0 > 1:
        for t in range(t0 + 1, t1):
            if norms[t] in _SPEECH_VERBS:
                t1 = t
                if norms[t1 - 1] in _TIME_ENDS:  # "Trump on Wednesday said he": the time is no part of the speaker
                    t1 = _skip_time_back(norms, t1, t0)
                break
    if t1 - t0 == 1:  # most sources are one word: a surname or a pronoun
        word = norms[t0]
        if word in _CLOSED_CLASS or not word[:1].isalnum():
            return None
        return None if word in _NO_HEAD_WORD and not _is_capitalised(doc, t0) else (t0, t1)  # "can"; but "May said"
    while t1 > t0 and (norms[t1 - 1] == "," or (norms[t1 - 1] in _TRIMMED_AT_END and not _is_capitalised(doc, t1 - 1))):
        t1 -= 1  # "Other tenants just (say)", "She can (say)"; but not "One Wisconsin Now", a name
    if t1 <= t0:
        return None
    first, last = norms[t0], norms[t1 - 1]
    if first in _PREDICATE_STARTS and (first in _AUXILIARIES or not _is_capitalised(doc, t0)) and not _first_name(doc, t0, t1):
        return None  # "are especially keen on", "has in the past"; but "May and her aides" names someone
    if last in _OPEN_ENDS and (last not in _PREDICATE_STARTS or not _is_capitalised(doc, t1 - 1)):
        return None  # "by refusing to", "the city embodied the"; but "Theresa May"
    for word in norms[t0:t1]:
        if word not in _CLOSED_CLASS and word[:1].isalnum():
            return (t0, t1)  # a head: a noun, a name or a personal pronoun (none of them is closed-class here)
    return None


def _first_name(doc: Document, t0: int, t1: int) -> bool:
    """Whether an auxiliary opening ``[t0, t1)`` is a first name: "said Will Hurd", "Will Hurd told reporters".

    Capitalised, followed by a capitalised word of the phrase, and not where any word is capitalised
    (a sentence's first word: "Will Russia agree?").
    """
    return (
        doc.token_norms[t0] in _FIRST_NAME_AUXILIARIES
        and t0 + 1 < t1
        and _is_capitalised(doc, t0)
        and _is_capitalised(doc, t0 + 1)
        and doc.token_norms[t0 + 1][:1].isalpha()
        and not _opens_sentence(doc, t0)
    )


def _opens_sentence(doc: Document, t: int) -> bool:
    """Whether token ``t`` is its sentence's first word (only punctuation, such as a quotation mark, before it)."""
    s0 = doc.sentences[doc.sentence_at(doc.token_starts[t])].token_start
    return not any(word[:1].isalnum() for word in doc.token_norms[s0:t])


def _sentence_subject(doc: Document, s0: int, limit: int) -> tuple[int, int] | None:
    """The capitalised name opening a sentence (*Sen. Bernie Sanders (I-Vt.)*), the subject a participle cue refers to.

    An opening adverbial set off by a comma (*Before the convention, …*; *While celebrating …, Trump …*;
    *Speaking in his real voice, he …*) is not the subject: it is skipped, and a personal pronoun after it is one.
    """
    norms = doc.token_norms
    first = norms[s0]
    participle = first.endswith("ing") and s0 + 1 < limit and norms[s0 + 1] in _PHRASE_OPENERS
    if (first in _CLOSED_CLASS and first not in _DETERMINERS) or participle:
        try:
            s0 = norms.index(",", s0, limit) + 1
        except ValueError:
            return None
        if s0 < limit and norms[s0] in ("he", "she", "they", "we", "i"):
            return (s0, s0 + 1)
    k = s0
    limit = min(limit, s0 + _MAX_SOURCE_TOKENS)
    while k < limit and norms[k] in _DETERMINERS:
        k += 1
    end = k
    while (
        end < limit
        and (_is_capitalised(doc, end) or (norms[end] == "." and end > k))
        and norms[end] not in _STOP_PUNCT - {"."}
    ):
        end += 1
    while end > k and norms[end - 1] == ".":
        end -= 1
    if end == k + 1 and norms[k] in _CLOSED_CLASS:
        return None
    return (s0, end) if end > k else None


def _skip_aux_back(doc: Document, c0: int, s0: int) -> int:
    """The token before which the auxiliaries in front of cue token ``c0`` start (``c0`` if none; "has said")."""
    k = c0
    while k > s0 and c0 - k < _MAX_SOURCE_TOKENS and doc.token_norms[k - 1] in _AUXILIARIES:
        k -= 1
    return k


def _walk_back(doc: Document, c0: int, s0: int, depth: int = 0) -> tuple[int, int] | None:
    """The noun phrase before a reporting verb: back to the nearest clause break (at most a dozen tokens)."""
    norms = doc.token_norms
    end = _skip_aux_back(doc, c0, s0)
    if end > s0 and norms[end - 1] in _TIME_ENDS:
        end = _skip_time_back(norms, end, s0)
        while end > s0 and c0 - end < _MAX_SOURCE_TOKENS and norms[end - 1] in _AUXILIARIES:
            end -= 1
    if depth > 2:
        return None  # ", , , said": no phrase, and no unbounded recursion on punctuation runs
    if end - 1 > s0 and norms[end - 1] == ")":
        # "Sen. Mitch McConnell (R-Ky.) said": the parenthesis belongs to the name.
        k = end - 1
        while k > s0 and norms[k] != "(" and end - k < _MAX_SOURCE_TOKENS:
            k -= 1
        if norms[k] == "(" and k > s0:
            inner = _walk_back(doc, k, s0, depth + 1)
            return (inner[0], end) if inner is not None else None
    if end - 1 > s0 and norms[end - 1] == ",":
        tag = _party_tag(doc, s0, end - 2)
        if tag is not None:
            # "Sen. Chuck Schumer, D-N.Y., said": the tag belongs to the name, as a parenthesised one does.
            inner = _walk_back(doc, tag, s0, depth + 1)
            return (inner[0], end - 1) if inner is not None else None
        # "Abdul Latif Nazari, Afghanistan's Deputy Economy Minister, welcomed": the source ends at the
        # apposition's closing comma; without a name before the apposition this is no source.
        span = _walk_back(doc, end - 1, s0, depth + 1)
        # "An AP survey of superdelegates, who are influential ..., found" /
        # "The poll, released on Wednesday by ..., showed": skip the clause, keep its head.
        for k in range(end - 3, max(s0, end - 2 - _MAX_CLAUSE_TOKENS), -1):
            if norms[k] == "," and (norms[k + 1] in _RELATIVE_STARTS or norms[k + 1].endswith("ed")):
                head = _walk_back(doc, k, s0, depth + 1)
                if head is not None:
                    return (head[0], end - 1)
                break
            if norms[k] in (";", ":", "—"):
                break
        if span is not None and span[0] > s0 and norms[span[0]] != "," and _is_capitalised(doc, span[0]):
            inner = span[0]
            if inner - 1 >= s0 and norms[inner - 1] == ",":
                # "The minister of the economy, Mr. Guajardo Villarreal, argues": a name in apposition.
                if all(_is_capitalised(doc, t) or norms[t] == "." for t in range(*span)):
                    head = _walk_back(doc, inner - 1, s0, depth + 1)
                    return (head[0], span[1]) if head is not None else span
                # "In the radio address, Doug Jones, a Democrat, said": nothing to be in apposition to.
                apposed = "," in norms[span[0] : span[1]]  # a name and its apposition, not a clause
                return span if apposed and _opening_adverbial(norms, s0, inner - 1) else None
            return span if any(norms[t] == "," for t in range(span[0], span[1])) else None
        if span is not None and span[0] - 2 > s0 and norms[span[0] - 1] == ",":
            # "Rep. Elijah Cummings (D-Md.), chair of the Platform Committee, said": a role in apposition
            # after a name; the name and its role are the source.
            before = span[0] - 2
            if norms[before].isdigit() and before - 2 >= s0 and norms[before - 1] == "," and _is_capitalised(doc, before - 2):
                before -= 2  # "John Smith, 54, a retired teacher, said": the age between name and role
            if norms[before] == ")" or (_is_capitalised(doc, before) and norms[before][:1].isalpha()):
                head = _walk_back(doc, before + 1, s0, depth + 1)
                if head is not None:
                    return (head[0], span[1])
        return span if span is not None and any(norms[t] == "," for t in range(span[0], span[1])) else None
    k = end
    # Bounded: the phrase is at most its last _MAX_SOURCE_TOKENS tokens, so walking further back is
    # wasted (and quadratic on a sentence of thousands of cues).
    low = max(s0, end - _MAX_SOURCE_TOKENS)
    while k > low:
        word = norms[k - 1]
        if word in _WALK_STOPS and (
            word in _STOP_WORDS
            or not (
                (word == "." and k - 2 >= s0 and norms[k - 2] in abbreviations())
                or (word == "'" and k - 2 >= s0 and norms[k - 2].endswith("s") and k < end)
            )
        ):
            break  # but "Rep. Elijah Cummings" (a title's period) and "Sanders' campaign manager" (a possessive)
        k -= 1
    # Apposition: "Abdul Latif Nazari, Afghanistan's Deputy Economy Minister, welcomed" -> take in the name.
    if k - 2 >= s0 and norms[k - 1] == "," and k < end:
        n = k - 1
        text, starts = doc.text, doc.token_starts
        while n > s0 and k - n < _MAX_SOURCE_TOKENS and text[starts[n - 1]].isupper() and norms[n - 1][:1].isalpha():
            n -= 1
        # but not "However, the minister said" / "In March, officials said": those capitals open the sentence.
        if (
            n < k - 1
            and (n == s0 or norms[n - 1] in _STOP_PUNCT or norms[n - 1] in _STOP_WORDS)
            and not (n == s0 and _opening_adverbial(norms, s0, k - 1))
        ):
            k = n
    if k >= end or _DETERMINERS.issuperset(norms[k:end]):
        return None
    return (k, end)


def _opening_adverbial(norms: list[str], s0: int, comma: int) -> bool:
    """Whether tokens ``[s0, comma)`` open the sentence as an adverbial set off by its one comma (*In the radio
    address,*; *On Monday,*; *Separately,*), as :func:`_sentence_subject` reads one: no noun a name is apposed to."""
    if comma <= s0 or "," in norms[s0:comma]:
        return False
    first = norms[s0]
    return (first in _CLOSED_CLASS and first not in _DETERMINERS) or (
        comma == s0 + 1 and (first.endswith("ly") or first in _SENTENCE_ADVERBS)
    )


def _skip_time_back(norms: list[str], end: int, s0: int) -> int:
    """``end`` moved back over a time expression between a subject and its verb (*Feinstein last week said*,
    *Trump, …, on Friday described*): the subject is before it. Token ``end - 1`` is in :data:`_TIME_ENDS`;
    a bare period (*the week*) is no time expression, and after a participle (*a poll released Sunday
    showed*) the time belongs to the source."""
    k = end - 1
    while k > s0 and end - k < 4 and norms[k - 1] in _TIME_WORDS:
        k -= 1
    if k <= s0 or norms[k - 1].endswith("ed"):
        return end
    if norms[end - 1] in _TIME_NOUNS and not (
        end - 2 >= k and (norms[end - 2] in _WEEKDAYS or norms[end - 2] in ("last", "this"))
    ):
        return end
    return k


def _may_open_with_number(first: str) -> bool:
    """False when :func:`_opens_with_number` is False for a phrase starting with ``first`` (its first test)."""
    return first[:1].isdigit() or first in function_words() or first.endswith("ly")


def _opens_with_number(norms: list[str], span: tuple[int, int]) -> bool:
    """True when a phrase starts with a number after function words or adverbs (*only 52 percent*, *about 6 in 10*)."""
    words = function_words()
    for t in range(*span):
        if norms[t][:1].isdigit():
            return not _is_year(norms[t])  # "A 2014 estimate by ..." is a source
        if not (norms[t] in words or norms[t].endswith("ly")):
            return False
    return False


def _walk_forward(doc: Document, c1: int, s1: int, *, stops: frozenset[str]) -> tuple[int, int] | None:
    """The noun phrase after a cue (according to X; said X): up to the next clause break."""
    norms = doc.token_norms
    k = c1
    while (
        k < s1
        and (norms[k] not in _STOP_PUNCT or (norms[k] == "." and _abbreviation_period(doc, k, s1)))
        and (norms[k] not in stops or (k == c1 and norms[k] in _DETERMINERS))
    ):
        k += 1
        if k - c1 >= _MAX_SOURCE_TOKENS:
            break
    if k == c1 or all(norms[t] in _DETERMINERS for t in range(c1, k)):
        return None
    return (c1, k)


def _abbreviation_period(doc: Document, k: int, s1: int) -> bool:
    """True for the period of a title or an initial inside a name (*Sen. Ted Cruz*, *Kevin D. Williamson*)."""
    norms = doc.token_norms
    if norms[k] != "." or k + 1 >= s1 or not _is_capitalised(doc, k + 1) or k == 0:
        return False
    before = doc.token_text(k - 1)
    return norms[k - 1] in abbreviations() or (len(before) == 1 and before.isupper())


def _sources_in(doc: Document, span: tuple[int, int]) -> dict[int, Match]:
    """Matches of ``lexicons/sources.tsv`` inside a source phrase (only phrases are read: they are short)."""
    if span[1] - span[0] == 1 and doc.token_norms[span[0]] in _PRONOUNS:
        return {}  # "he said": _source_type types a lone pronoun without looking at source terms
    lexicon = load_lexicon("sources")
    if _first_words(lexicon).isdisjoint(doc.token_norms[span[0] : span[1]]):
        return {}  # no word of the phrase can start a source term
    return _match_range(lexicon, doc, span[0], span[1])


@from_lexicons
def _document_words() -> frozenset[str]:
    """Head words of data sources (poll, survey, report, data ...; ``sources.tsv`` document and vague rows).

    *In a Gallup poll, ...* and *X data show ...* are attributions only when one of these is in the phrase.
    """
    lex = load_lexicon("sources")
    return frozenset(
        normalise(tokenize_term(e.term)[-1])
        for e in lex.entries
        if not e.is_regex
        and (e.category == "document" or (e.category == "vague" and e.get("qualified_type") in ("document", "media")))
    )


@from_lexicons
def _trigger_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Words that decide where to look, all from the lexicons.

    Returns the first words of every attribution cue (where a cue can start);
    the words that make a sentence worth reading for attribution (cue first
    words, except *in*, which counts only with a data noun such as *poll*); and
    magnitude words (with digits, what makes a sentence worth reading for figures).
    """
    entries = [e for e in load_lexicon("attribution").entries if not e.is_regex]
    firsts = frozenset(normalise(tokenize_term(e.term)[0]) for e in entries)
    gate = frozenset(normalise(tokenize_term(e.term)[0]) for e in entries if e.category != "prep_document")
    gate |= _document_words()
    gate |= {":"}  # "Jones: “…”" and transcript labels attribute without a cue word
    magnitudes = frozenset(normalise(e.term) for e in load_lexicon("units").entries if e.category == "magnitude")
    return firsts, gate, magnitudes


@from_lexicons
def _conditional_cues() -> tuple[dict[str, tuple[tuple[tuple[str, ...], bool], ...]], frozenset[str]]:
    """Cue first words that match only under a condition, and the others (from ``lexicons/attribution.tsv``).

    A first word is conditional when each of its entries is longer than one token (its other tokens
    must follow: *as per*) or is a ``prep_document`` cue (it must open the sentence or follow a comma).
    Returns, per conditional word, ``(following tokens, must open a clause)`` per entry; and the set of
    first words that can make a cue by themselves.
    """
    by_word: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for e in load_lexicon("attribution").entries:
        if e.is_regex:
            continue
        toks = tuple(normalise(t) for t in tokenize_term(e.term))
        by_word.setdefault(toks[0], []).append((toks[1:], e.category == "prep_document"))
    conditional = {w: tuple(c) for w, c in by_word.items() if all(tail or clause for tail, clause in c)}
    return conditional, frozenset(by_word) - frozenset(conditional)


def _looked_words(units: Lexicon) -> frozenset[str]:
    """Every word :func:`measure` looks for in a document's tokens: :func:`_trigger_words` and the words
    that can start a term of ``units`` (the loaded ``units`` lexicon: rebuilt when it is reloaded)."""
    cached = _LOOKED[0]  # one read of a (lexicon, words) pair: safe when threads share the module
    if cached is None or cached[0] is not units:
        firsts, gate, magnitudes = _trigger_words()
        cached = _LOOKED[0] = (units, firsts | gate | magnitudes | _first_words(units))
    return cached[1]


_LOOKED: list[tuple[Lexicon, frozenset[str]] | None] = [None]


# UTF-8 lead bytes of every code point from U+0660 to U+07FF, U+0800-U+1FFF, U+A000-U+AFFF, U+F000-U+FFFF and
# beyond U+FFFF: where all decimal digits other than 0-9 are. Curly quotes, dashes (U+2000-U+206F) and accented
# Latin letters have other lead bytes, so most news texts hold none of these.
_OTHER_DIGIT_LEADS = tuple(bytes([b]) for b in (*range(0xD9, 0xE2), 0xEA, *range(0xEF, 0xF5)))


def _digit_sentences(doc: Document) -> set[int]:
    """Index + 1 of every sentence holding a decimal digit (what ``\\d`` matches), found without a regex scan.

    The ten ASCII digits are found with ``str.find`` (a C scan per digit). A text that may hold another
    script's digits (see :data:`_OTHER_DIGIT_LEADS`) is searched sentence by sentence with ``\\d``.
    Otherwise the tokens opening with a digit are kept in ``doc.derived`` for :func:`find_figures`.
    """
    text = doc.text
    sentences = doc.sentences
    if not text.isascii():
        raw = text.encode("utf-8", "surrogatepass")
        if any(lead in raw for lead in _OTHER_DIGIT_LEADS):
            digit = _DIGIT_RE.search
            return {k + 1 for k, s in enumerate(sentences) if digit(text, s.start, s.end) is not None}
    find = text.find
    found: list[int] = []
    for ch in "0123456789":
        pos = find(ch)
        while pos >= 0:
            found.append(pos)
            pos = find(ch, pos + 1)
    starts = doc.sentence_starts
    # Tokens opening with a digit: a digit that starts its token (sorted, once per document, for find_figures).
    found.sort()
    tokens = list(map(bisect.bisect_right, repeat(doc.token_ends), found))
    token_starts = doc.token_starts
    doc.derived[(__name__, "digit_tokens")] = [
        t for t, pos in zip(tokens, found, strict=True) if token_starts[t] == pos
    ]
    return set(map(bisect.bisect_right, repeat(starts), found))


# Source phrases typed so far, by their text and whether they open their sentence: the type depends on
# nothing else (the lexicon matches, capitals and names inside the phrase), and the same phrases ("he",
# "Trump", "officials") come back in article after article. Emptied when a lexicon is reloaded or it grows large.
_TYPED: dict[tuple[str, bool], tuple[str, str | None]] = {}
_TYPED_WITH: list[Any] = [None, None]
_MAX_TYPED = 50_000


def _typed_cache() -> dict[tuple[str, bool], tuple[str, str | None]]:
    """:data:`_TYPED`, emptied first if a lexicon it depends on was reloaded or it grew too large."""
    sources, matcher = load_lexicon("sources"), countries.country_matcher()
    if _TYPED_WITH[0] is not sources or _TYPED_WITH[1] is not matcher:
        _TYPED.clear()
        _TYPED_WITH[:] = [sources, matcher]
    elif len(_TYPED) >= _MAX_TYPED:
        _TYPED.clear()
    return _TYPED


def _typed_source(
    doc: Document, span: tuple[int, int], s0: int, typed: dict[tuple[str, bool], tuple[str, str | None]]
) -> tuple[str, str | None]:
    """``_source_type(doc, span, _sources_in(doc, span), s0)``, once per distinct phrase (``typed`` is :func:`_typed_cache`)."""
    t0, t1 = span
    key = (doc.text[doc.token_starts[t0] : doc.token_ends[t1 - 1]], t0 == s0)
    found = typed.get(key)
    if found is None:
        found = typed[key] = _source_type(doc, span, _sources_in(doc, span), s0)
    return found


_TYPE_PRIORITY = ("international_organisation", "media", "official", "institution", "document")


def _source_type(doc: Document, span: tuple[int, int], sources: dict[int, Match], s0: int) -> tuple[str, str | None]:
    """Type of a source phrase and, for a person, the name (the capitalised run at its head or start)."""
    norms = doc.token_norms
    t0, t1 = span
    covered: dict[int, str] = {}
    categories: list[str] = []
    vague_terms: list[str] = []
    for m in sources.values():
        if m.token_start >= t0 and m.token_end <= t1:
            for t in range(m.token_start, m.token_end):
                covered[t] = m.entry.category
            categories.append(m.entry.category)
            if m.entry.category == "vague":
                vague_terms.append(m.entry.term.lower())
    if t1 - t0 == 1 and norms[t0] in _PRONOUNS:
        return "named_person" if norms[t0] in ("he", "she") else "vague", None
    # Proper-name tokens that no source cue explains.
    text, starts = doc.text, doc.token_starts
    names = [
        t
        for t in range(t0, t1)
        if t not in covered
        and norms[t][:1].isalpha()
        and text[starts[t]].isupper()
        and not (t == s0 and norms[t] in _DETERMINERS)
    ]
    head = t1 - 1
    while head > t0 and norms[head] in ("'s",):
        head -= 1
    tag = _party_tag(doc, t0, head)
    if tag is not None:
        head = tag - 1  # "Will Hurd, R-Texas": the name, not the state
    elif head - 2 >= t0 and norms[head - 1] == "," and (norms[head] in _NAME_SUFFIXES or norms[head].isdigit()):
        head -= 2  # "Margaret Hamburg, MD", "Smith, 54": the name, not the degree or the age
    # "said Jason Gilbert of Cheyenne", "Beth Akers of the Brookings Institution": a full name, then where the
    # person is from or works; the name is the head, not the place. A single word before "of" is a title or a
    # body (Bank of America, Department of the Interior).
    of = norms.index("of", t0 + 2, t1 - 1) if "of" in norms[t0 + 2 : t1 - 1] else -1
    place = of + 2 if of > 0 and norms[of + 1] == "the" and of + 2 < t1 else of + 1
    named = of - 1  # the name's last word; "Bruce Forman, 66, of East Quogue": the age sits between
    if of - 4 >= t0 and norms[of - 1] == "," and norms[of - 2].isdigit() and norms[of - 3] == ",":
        named = of - 4
    if of > 0 and named in names and text[starts[place]].isupper():
        run = _name_run(doc, named, t0, covered)
        if run[1] - run[0] >= 2:
            head = named
    name_span = _name_run(doc, head, t0, covered) if head in names else None
    if names and names[0] == t0 and name_span is None:
        name_span = _name_run_forward(doc, t0, t1, covered) or _apposed_name(doc, t0, t1, s0, covered)
    elif names and names[0] == t0 and name_span[0] > t0:
        # "Saxby Chambliss, a Republican from Georgia": a name in front of its apposition is the person,
        # not the capitalised word the apposition ends on.
        name_span = _apposed_name(doc, t0, t1, s0, covered) or name_span
    name = doc.text[doc.token_starts[name_span[0]] : doc.token_ends[name_span[1] - 1]] if name_span else None
    if name_span is not None and _is_country_name(doc, *name_span):
        return "official", None  # "Pakistan said": the country's government
    if (name is not None and " " in name) or (name is not None and not categories):
        return "named_person", name
    for category in _TYPE_PRIORITY:
        if category in categories:
            return category, None
    if vague_terms:
        non_initial_names = [t for t in names if t != s0]
        if non_initial_names:
            qualified = [_source_tables().get(v) for v in vague_terms]
            qualified = [q for q in qualified if q]
            return (qualified[0] if qualified else "vague"), None
        return "vague", None
    if name is not None:
        return "named_person", name
    if names:
        return "institution", None
    return "vague", None


def _apposed_name(doc: Document, t0: int, t1: int, s0: int, covered: dict[int, str]) -> tuple[int, int] | None:
    """A name opening a source phrase before a lower-case apposition (*Jessica Levinson, a professor at Loyola
    Law School*; *Nan Aron, president of ...*); not an opening adverbial (*On Tuesday, the nation's ...*;
    *In March, ...*; *Earlier Friday, ...*)."""
    norms = doc.token_norms
    k = t0  # the capitalised run up to the comma, hyphens inside kept (*Ros-Lehtinen*); one word will do
    while k < t1 and k not in covered and _is_capitalised(doc, k) and norms[k][:1].isalpha():
        k += 2 if k + 2 < t1 and norms[k + 1] == "-" and _is_capitalised(doc, k + 2) else 1
    if k == t0 or k >= t1 or norms[k] != "," or (len(norms[t0]) == 1 and norms[t0 + 1] == "-"):  # not "R-Ohio"
        return None
    if k == t0 + 1 and (norms[t0].endswith("ly") or (t0 == s0 and not _named_before(doc, t0))):
        # One capitalised word opening the sentence is as often "Similarly," or "Others," as a surname:
        # a surname there must have been given before with a first name (*Doug Jones* ... *Jones, a former ...*).
        return None
    span = (t0, k)
    after = span[1] + 1  # the word after the comma
    # "Nancy Pelosi, California Democrat", "Gerry Connolly, Democrat of Virginia": capitalised, still an apposition
    party = norms[t1 - 1] in _PARTY_NOUNS or (after < t1 and norms[after] in _PARTY_NOUNS)
    if after >= t1 or (_is_capitalised(doc, after) and not party) or not norms[after][:1].isalpha():
        return None
    if norms[t0] in _CLOSED_CLASS or not _TIME_WORDS.isdisjoint(norms[t0 : span[1]]):
        return None
    return span


def _named_before(doc: Document, t: int) -> bool:
    """Whether token ``t`` ended a capitalised name earlier in the text (*Doug Jones* before *Jones, ...*)."""
    norms, word = doc.token_norms, doc.token_norms[t]
    k = -1
    while True:
        try:
            k = norms.index(word, k + 1, t)
        except ValueError:
            return False
        if k > 0 and _is_capitalised(doc, k) and _is_capitalised(doc, k - 1) and norms[k - 1][:1].isalpha():
            return True


def _party_tag(doc: Document, t0: int, head: int) -> int | None:
    """The comma opening a party-and-state tag that ends a source phrase (*Hurd, R-Texas*; *Schumer, D-N.Y.*)."""
    norms = doc.token_norms
    for c in range(head - 2, max(t0, head - 7), -1):  # a state is at most four tokens: "N . Y ."
        if norms[c] == ",":
            party = norms[c + 1]
            if party in ("r", "d", "i") and _is_capitalised(doc, c + 1) and norms[c + 2] == "-":
                return c
            return None
    return None


def _name_run(doc: Document, head: int, t0: int, covered: dict[int, str]) -> tuple[int, int]:
    """Tokens of the capitalised run ending at ``head`` (the name at the head of a source phrase), hyphenated
    parts kept (*Ileana Ros-Lehtinen*)."""
    k = head
    text, starts, norms = doc.text, doc.token_starts, doc.token_norms
    while k - 1 >= t0 and k - 1 not in covered:
        if text[starts[k - 1]].isupper() and norms[k - 1][:1].isalpha():
            k -= 1
        elif norms[k - 1] == "-" and k - 2 >= t0 and text[starts[k - 2]].isupper() and norms[k - 2][:1].isalpha():
            k -= 2
        else:
            break
    return (k, head + 1)


def _name_run_forward(doc: Document, t0: int, t1: int, covered: dict[int, str]) -> tuple[int, int] | None:
    """Tokens of a name opening a source phrase in apposition (*Abdul Latif Nazari, Afghanistan's ...*)."""
    k = t0
    text, starts, norms = doc.text, doc.token_starts, doc.token_norms
    while k < t1 and k not in covered and text[starts[k]].isupper() and norms[k][:1].isalpha():
        k += 1
    if k - t0 < 2 or k >= t1 or doc.token_norms[k] != ",":
        return None
    return (t0, k)


_STATE_READINGS = frozenset(["name", "alias", "capital", "metonym", "government"])


def _country_entries(
    doc: Document, t0: int, t1: int, categories: frozenset[str] | None = None
) -> list[tuple[int, int, str]]:
    """Country mentions ``(token_start, token_end, ISO alpha-3)`` in tokens ``[t0, t1)``.

    Uses the one country matcher of :mod:`framing.signals.countries` (ISO names from
    pycountry plus ``lexicons/countries.tsv``: demonyms, metonyms such as *Kremlin*,
    governments and leaders), so there is a single country list, matched from the
    document's hit list (:func:`framing.signals.countries.country_hits`). Entries marked
    ambiguous (*Georgia*, *Chad*) are not trusted here: a speaker's country must be clear.
    """
    out = []
    for m in countries.country_matcher().match_document(doc, t0, t1):
        e = m.entry
        if e.category in ("cue", "not_country") or e.get("ambiguous") or not e.get("code"):
            continue
        if categories is not None and e.category not in categories:
            continue
        out.append((m.token_start, m.token_end, e.get("code")))
    return out


def _is_country_name(doc: Document, t0: int, t1: int) -> bool:
    """True when tokens ``[t0, t1)`` are exactly a country's name (*Pakistan said*: its government speaks)."""
    hits = countries.country_hits(doc)
    low = bisect.bisect_left(hits, t0)
    if low == len(hits) or hits[low] != t0:
        return False  # no country term starts the phrase
    return any(a == t0 and b == t1 for a, b, _code in _country_entries(doc, t0, t1, _STATE_READINGS))


def speaker_country(doc: Document, start: int, end: int) -> str | None:
    """The country a phrase ``text[start:end]`` ties its speaker to (ISO alpha-3), or None.

    The first country mention in the phrase: *Kremlin spokesperson* → RUS,
    *Afghanistan's Deputy Economy Minister* → AFG.
    """
    if end <= start:
        return None
    ends = doc.token_ends
    return _country_in_tokens(doc, bisect.bisect_right(ends, start), bisect.bisect_right(ends, end - 1) + 1)


def _country_in_tokens(doc: Document, t0: int, t1: int) -> str | None:
    """:func:`speaker_country` of the phrase of tokens ``[t0, t1)``."""
    t1 = min(t1, len(doc.token_ends))
    # Most phrases hold no country word: the document's hit list of the matcher says so with one bisection.
    hits = countries.country_hits(doc)
    low = bisect.bisect_left(hits, t0)
    if low == len(hits) or hits[low] >= t1:
        return None
    found = _country_entries(doc, t0, t1)
    return found[0][2] if found else None


# ---------------------------------------------------------------- quotes
def _quoted_tokens(doc: Document, quotes: list[Quote]) -> bytearray:
    """1 for every token that starts inside a quotation's marks (where :func:`_in_quote` can find one), else 0."""
    starts = doc.token_starts
    quoted = bytearray(len(starts))
    for q in quotes:
        t0 = bisect.bisect_left(starts, q.inner_start)
        t1 = bisect.bisect_left(starts, q.inner_end, t0)
        quoted[t0:t1] = b"\x01" * (t1 - t0)
    return quoted


def _cue_quotation(
    doc: Document, a: Attribution, quotes: list[Quote], starts: list[int], memo: dict[int, Any]
) -> Quote | None:
    """The innermost quotation around ``a``'s cue, once per cue (``memo`` is per article, keyed by cue token)."""
    found = memo.get(a.cue_start, _ABSENT)
    if found is _ABSENT:
        at = doc.token_starts[a.cue_start]
        found = memo[a.cue_start] = _in_quote(quotes, at, at + 1, starts)
    return found


def _speaks_for(doc: Document, a: Attribution, q: Quote, quotes: tuple[Any, ...]) -> bool:
    """False when ``a``'s cue is inside a quotation that leaves ``q`` out (the cue reports speech in there)."""
    all_quotes, starts, memo = quotes[0], quotes[1], quotes[2]
    around = memo.get(a.cue_start, _ABSENT)
    if around is _ABSENT:
        at = doc.token_starts[a.cue_start]
        around = memo[a.cue_start] = _in_quote(all_quotes, at, at + 1, starts)
    return around is None or (around.inner_start <= q.start and q.end <= around.inner_end)


def _speaker_of_quote(
    doc: Document,
    q: Quote,
    by_sentence: dict[int, list[Attribution]],
    previous: tuple[Quote, Attribution] | None,
    first: int | None = None,
    last: int | None = None,
    quotes: tuple[list[Quote], list[int], dict[int, Any], bytearray] | None = None,
) -> Attribution | None:
    """The attribution that introduces quotation ``q``, in the order news writing uses them.

    ``quotes`` are the article's quotations, their starts, the memo of :func:`_cue_quotation` and
    :func:`_quoted_tokens`: a cue inside another quotation (*“people telling leaders, ‘…’”*) reports speech within that quotation, not ``q``.

    1. a cue right after the closing mark (*”, Peskov stated*; *” said Smith*);
    2. a cue opening the next sentence when the quotation ends its sentence (*“…?” Trump said.*);
    3. a cue before the opening mark in the same sentence (*Nazari said, “…”*; *calling it a “…”*);
    4. a cue later in the closing sentence;
    5. a sentence ending with a colon just before (*Stated Stone:* then the quotation);
    6. the speaker of the previous quotation when this one follows it in the same paragraph or opens
       the next one (*“…,” Sanders said. “We are telling the truth.”*).
    """
    text = doc.text
    if first is None or last is None:
        first = doc.sentence_at(q.start)
        last = doc.sentence_at(max(q.start, q.end - 1))
    if quotes is None:
        all_quotes = quotations(doc)
        quotes = (all_quotes, [x.start for x in all_quotes], {}, _quoted_tokens(doc, all_quotes))
    quoted = quotes[3]
    # A cue speaks for q when it has a speaker and is in no quotation that leaves q out (_speaks_for); the test
    # is written out below rather than in a closure, as this runs for every quotation.
    in_last = by_sentence.get(last, [])
    i = 0
    if in_last:
        after_tok = doc.token_at(q.end)
        # Attributions of a sentence are in cue order: bisect, then look at a bounded number of neighbours.
        i = bisect.bisect_left(in_last, after_tok, key=_CUE_START)
        for a in in_last[i : i + _NEAREST]:
            if a.cue_start - after_tok > _QUOTE_CUE_WINDOW:
                break
            if a.source_start is not None and a.speaker and (not quoted[a.cue_start] or _speaks_for(doc, a, q, quotes)):
                return a
    sentences = doc.sentences
    if last + 1 < len(sentences) and sentences[last].end <= q.end + 1:
        nxt = sentences[last + 1]
        if nxt.paragraph == sentences[last].paragraph and text[nxt.start] not in "\"“'‘":
            for a in by_sentence.get(last + 1, [])[:_NEAREST]:
                if a.cue_start - nxt.token_start <= _QUOTE_CUE_WINDOW and (
                    a.source_start is not None
                    and a.speaker
                    and (not quoted[a.cue_start] or _speaks_for(doc, a, q, quotes))
                ):
                    return a
    in_first = by_sentence.get(first, [])
    if in_first:
        j = bisect.bisect_right(in_first, doc.token_at(q.start), key=_CUE_END)
        for a in reversed(in_first[max(0, j - _NEAREST) : j]):
            if a.source_start is not None and a.speaker and (not quoted[a.cue_start] or _speaks_for(doc, a, q, quotes)):
                return a
    for a in in_last[i : i + _NEAREST]:
        if a.source_start is not None and a.speaker and (not quoted[a.cue_start] or _speaks_for(doc, a, q, quotes)):
            return a
    k = q.start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if first > 0 and k > 0 and text[k - 1] == ":":
        prev = [a for a in by_sentence.get(first - 1, []) if a.source_start is not None and a.speaker]
        if prev:
            return prev[-1]
    if previous is not None:
        pq, pa = previous
        para = sentences[first].paragraph
        prev_para = sentences[doc.sentence_at(max(pq.start, pq.end - 1))].paragraph
        opens_paragraph = doc.paragraphs[para].start == q.start
        if para == prev_para or (para == prev_para + 1 and opens_paragraph):
            return pa
    return None


def _introduced_by_colon(doc: Document, index: int, by_sentence: dict[int, list[Attribution]]) -> Attribution | None:
    """The attribution of a sentence ending in a colon that introduces sentence ``index``.

    *X made the following comment:* introduces the rest of its paragraph, or the
    whole next paragraph when the colon ends a paragraph.
    """
    sentences = doc.sentences
    para = sentences[index].paragraph
    k = index - 1
    while k >= 0 and sentences[k].paragraph == para:
        if _ends_with_colon(doc, sentences[k]):
            break
        k -= 1
    else:
        if k < 0 or sentences[k].paragraph != para - 1 or not _ends_with_colon(doc, sentences[k]):
            return None
    if k < 0:
        return None
    sourced = [a for a in by_sentence.get(k, []) if a.source_start is not None]
    return sourced[-1] if sourced else None


def _ends_with_colon(doc: Document, sentence: Sentence) -> bool:
    end = sentence.end
    while end > sentence.start and doc.text[end - 1].isspace():
        end -= 1
    return end > sentence.start and doc.text[end - 1] == ":"


_DOUBLE_APOSTROPHE_RE = re.compile(r"''")


def quotations(doc: Document) -> list[Quote]:
    """The Document's quoted passages plus those marked with doubled apostrophes (''…'', the NYT archive style).

    The Document pairs “…”, "…" and ‘…’; a pair of apostrophes is paired here,
    within a paragraph, because only attribution needs it.
    """
    text = doc.text
    if "''" not in text:
        return doc.quotes
    extra: list[Quote] = []
    for p_index, para in enumerate(doc.paragraphs):
        opened: int | None = None
        for m in _DOUBLE_APOSTROPHE_RE.finditer(text, para.start, para.end):
            i = m.start()
            if opened is None:
                opened = i
            else:
                extra.append(Quote(opened, i + 2, opened + 2, i))
                opened = None
        if (
            opened is not None
            and p_index + 1 < len(doc.paragraphs)
            and text.startswith("''", doc.paragraphs[p_index + 1].start)
        ):
            extra.append(Quote(opened, para.end, opened + 2, para.end, closed=False))
    return sorted([*doc.quotes, *extra], key=lambda q: (q.start, q.end))


_CUE_START = attrgetter("cue_start")
_CUE_END = attrgetter("cue_end")
_QUOTE_START = attrgetter("start")


def _in_quote(quotes: list[Quote], start: int, end: int, starts: list[int] | None = None) -> Quote | None:
    """The innermost quotation of ``quotes`` (sorted by start) that contains ``[start, end)``.

    ``starts`` are the quotations' ``start`` offsets, when the caller has them.

    Looks back from the last quotation opening before ``start`` over a few
    neighbours only, so a text with thousands of quotations stays linear.
    """
    if starts is not None:
        i = bisect.bisect_right(starts, start)
    else:
        i = bisect.bisect_right(quotes, start, key=_QUOTE_START)
    for k in range(i - 1, max(-1, i - 1 - _QUOTE_LOOKBACK), -1):
        q = quotes[k]
        if q.inner_start <= start and end <= q.inner_end:
            return q
    return None


def _quote_kind(doc: Document, q: Quote, index: int | None = None) -> str:
    """``direct`` when the quotation stands as a sentence or follows *said,* / a colon; else ``partial``.

    ``index`` is the sentence of the opening mark, when the caller has it.
    """
    sent = doc.sentences[doc.sentence_at(q.start) if index is None else index]
    text = doc.text
    before = text[max(sent.start, q.start - 12) : q.start].rstrip()  # a short look back is enough
    first = text[q.inner_start : min(q.inner_end, q.inner_start + 4)].lstrip()[:1]
    if q.start <= sent.start or not before or before.endswith((":", ",")):
        return "direct"
    if first.isupper() and before.endswith(("said", "says")):
        return "direct"
    return "partial"


# ---------------------------------------------------------------- the signal
def empty() -> dict[str, Any]:
    return {
        "figures": [],
        "sourcing": {
            "figures": 0,
            "sourced": 0,
            "share_sourced": None,
            "share_vague": None,
            "vague_sources": [],
            "voices_by_country": {},
        },
        "quotes": [],
        "voices": [],
    }


def _span(doc: Document, t0: int, t1: int) -> dict[str, Any]:
    start, end = doc.token_starts[t0], doc.token_ends[t1 - 1]
    return {"start": start, "end": end, "text": doc.text[start:end]}


def _source_dict(doc: Document, a: Attribution) -> dict[str, Any]:
    assert a.source_start is not None and a.source_end is not None
    out = _span(doc, a.source_start, a.source_end)
    out["type"] = a.source_type
    out["cue"] = _span(doc, a.cue_start, a.cue_end)
    return out


def _worth_reading(doc: Document) -> tuple[list[int], list[int], list[int]]:
    """Sentences worth reading for attributions and for figures (all sentences, body or not), and cue positions.

    A sentence left out yields no attribution (:func:`find_attributions`) or no figure
    (:func:`find_figures`); the third list holds the positions of the tokens that can start a
    cue, sorted, for :func:`find_attributions`.
    """
    firsts, cue_words, figure_words = _trigger_words()
    norms = doc.token_norms
    # One pass over the document's tokens, in C, finds the tokens that can start a cue, make a sentence
    # worth reading for attribution (a cue's first word, a data noun, a colon) or for figures (a
    # magnitude word); str.find finds the digits. Only sentences holding such tokens are then read,
    # and lexicons matched in those only.
    units = load_lexicon("units")
    hits = token_positions(map(_looked_words(units).__contains__, norms), len(norms))
    hit_words = list(map(norms.__getitem__, hits))
    if units not in doc.derived:  # the units lexicon's hit list (Lexicon.hits), for matching in figure sentences
        doc.derived[units] = list(compress(hits, map(_first_words(units).__contains__, hit_words)))
    tstarts = doc.sentence_token_starts
    cue_hits = list(compress(hits, map(firsts.__contains__, hit_words)))
    # Sentence index + 1 of each kind of token (bisect_right over the sentences' first tokens).
    gated = set(map(bisect.bisect_right, repeat(tstarts), compress(hits, map(cue_words.__contains__, hit_words))))
    conditional, always = _conditional_cues()
    useful = set(map(bisect.bisect_right, repeat(tstarts), compress(hits, map(always.__contains__, hit_words))))
    useful.update(map(bisect.bisect_right, repeat(tstarts), compress(hits, map(":".__eq__, hit_words))))
    # A word that starts only longer cues (as per, in the words of) or only a clause-opening one (In a
    # Gallup poll, ...) makes its gated sentence worth reading only where such a cue can match there.
    maybe = list(compress(hits, map(conditional.__contains__, hit_words)))
    sentences_of = list(map(bisect.bisect_right, repeat(tstarts), maybe))
    pending = gated - useful  # only these sentences can still be added
    for t, k in compress(zip(maybe, sentences_of, strict=True), map(pending.__contains__, sentences_of)):
        if k in useful:
            continue
        for tail, opens_clause in conditional[norms[t]]:
            if tail and tuple(norms[t + 1 : t + 1 + len(tail)]) != tail:
                continue
            if opens_clause and t != tstarts[k - 1] and norms[t - 1] != ",":
                continue
            useful.add(k)
            break
    figured = set(map(bisect.bisect_right, repeat(tstarts), compress(hits, map(figure_words.__contains__, hit_words))))
    figured.update(_digit_sentences(doc))
    read_for_cues = sorted(k - 1 for k in gated & useful)  # a gated sentence with no cue that can match finds nothing
    return read_for_cues, sorted(k - 1 for k in figured), cue_hits


def measure(doc: Document, options: Any) -> dict[str, Any]:
    """Figures with their sourcing, quotes with their speakers, and voices per speaker and country."""
    mask = doc.body_mask
    if not any(mask):
        return empty()
    unit_lex = load_lexicon("units")
    sentences = doc.sentences
    read_for_cues, read_for_figures, cue_hits = _worth_reading(doc)
    by_sentence: dict[int, list[Attribution]] = {}
    figures_raw: list[tuple[int, dict[str, Any]]] = []
    typed = _typed_cache()
    for index in read_for_cues:
        if mask[index]:
            attributions = find_attributions(doc, index, sentences[index], cue_hits, typed)
            if attributions:
                by_sentence[index] = attributions
    for index in read_for_figures:
        if mask[index]:
            sent = sentences[index]
            units = _match_range(unit_lex, doc, sent.token_start, sent.token_end)
            for fig in find_figures(doc, sent, units):
                figures_raw.append((index, fig))

    # Resolve pronoun sources to the last named person, in reading order, passing over a person the text
    # shows to be of the other gender (see _genders).
    resolved: dict[tuple[int, int], str] = {}
    full_names: dict[str, str] = {}
    people: list[str] = []  # named people, most recent last
    genders: dict[str, str] | None = None  # read from the text when a pronoun first needs it
    for index in sorted(by_sentence):
        for a in by_sentence[index]:
            if a.name:
                surname = a.name.split()[-1]
                if " " in a.name or surname not in full_names:
                    full_names[surname] = a.name if " " in a.name else full_names.get(surname, a.name)
                person = full_names.get(surname, a.name)
                if person in people:
                    people.remove(person)  # kept once, as recent as its last mention
                people.append(person)
                resolved[(index, a.cue_start)] = person
            elif people and a.source_start is not None and a.source_end == a.source_start + 1:
                pronoun = doc.token_norms[a.source_start]
                if pronoun in _PRONOUN_GENDER:
                    if genders is None:
                        genders = _genders(doc)
                    match = _antecedent(people, genders, _PRONOUN_GENDER[pronoun])
                    if match is not None:
                        resolved[(index, a.cue_start)] = match

    # Quotes and their speakers.
    memo: dict[Any, Any] = {}
    quotes: list[dict[str, Any]] = []
    quote_speaker: list[tuple[Quote, Attribution | None]] = []
    quoted_cues: set[tuple[int, int]] = set()
    previous: tuple[Quote, Attribution] | None = None
    all_quotes = quotations(doc)
    quote_starts = [q.start for q in all_quotes]
    cue_quotes: dict[int, Any] = {}  # the quotation around each cue asked about, by cue token
    quoted = _quoted_tokens(doc, all_quotes)
    quote_context = (all_quotes, quote_starts, cue_quotes, quoted)
    text = doc.text
    token_ends = doc.token_ends
    excluded = doc.excluded
    label = _LABEL_RE.match
    for q in all_quotes:
        if q.inner_end <= q.inner_start or (excluded and not doc.is_body(q.start)):
            continue
        # Sentences of the opening and closing marks.
        first = doc.sentence_at(q.start)
        last = doc.sentence_at(max(q.start, q.end - 1))
        a = (label(text, q.inner_start, q.inner_end) and _transcript_label(doc, q)) or _speaker_of_quote(
            doc, q, by_sentence, previous, first, last, quote_context
        )
        if a is not None:
            previous = (q, a)
        elif (
            bisect.bisect_right(token_ends, q.inner_end) - bisect.bisect_right(token_ends, q.inner_start)
            < _MIN_UNATTRIBUTED_QUOTE_TOKENS
        ):
            continue
        quote_speaker.append((q, a))
        quotes.append(_quote_dict(doc, q, a, resolved, _quote_kind(doc, q, first), memo))
        if a is not None:
            quoted_cues.add((a.sentence, a.cue_start))

    # Reported speech without quote marks: a verb cue with a source, outside any quotation.
    for index in sorted(by_sentence):
        attributions = by_sentence[index]
        sent = doc.sentences[index]
        for n, a in enumerate(attributions):
            if a.cue_kind != "verb" or a.source_start is None or not a.speaker or (index, a.cue_start) in quoted_cues:
                continue
            if quoted[a.cue_start] and _cue_quotation(doc, a, all_quotes, quote_starts, cue_quotes) is not None:
                continue
            # The reported content lies between this attribution and its neighbours, at most a long clause.
            floor = sent.token_start
            if n > 0:
                floor = max(floor, attributions[n - 1].cue_end, attributions[n - 1].source_end or 0)
            ceiling = sent.token_end
            if n + 1 < len(attributions):
                nxt = attributions[n + 1]
                ceiling = min(ceiling, nxt.cue_start, nxt.source_start if nxt.source_start is not None else ceiling)
            if a.source_start > a.cue_start:  # inverted: "..., said Smith"
                c0, c1 = max(floor, a.cue_start - _MAX_CONTENT_TOKENS), a.cue_start
            else:
                c0, c1 = a.cue_end, min(max(ceiling, a.cue_end), a.cue_end + _MAX_CONTENT_TOKENS)
                words = 0
                for t in range(c0, c1):
                    if doc.token_norms[t] not in _STOP_PUNCT:
                        words += 1
                        if words >= 3:
                            break
                if words < 3:  # "..., Smith said."
                    c0, c1 = max(floor, a.source_start - _MAX_CONTENT_TOKENS), a.source_start
            while c1 > c0 and doc.token_norms[c1 - 1] in _STOP_PUNCT:
                c1 -= 1
            while c0 < c1 and doc.token_norms[c0] in _STOP_PUNCT:
                c0 += 1
            if c1 - c0 < 3:
                continue
            content = _span(doc, c0, c1)
            item = _speech_dict(doc, a, resolved, memo)
            item.update(start=content["start"], end=content["end"], text=content["text"], kind="indirect")
            quotes.append(item)
    quotes.sort(key=lambda x: (x["start"], x["end"], x["kind"]))

    # Figures and their sources.
    figures: list[dict[str, Any]] = []
    vague = 0
    speaker_of = {(q.start, q.end): a for q, a in quote_speaker}
    levels_of: dict[int, list[tuple[list[int], list[Attribution]]]] = {}
    colon_of: dict[int, Attribution | None] = {}
    for index, fig in figures_raw:
        f0, f1 = fig.pop("_tokens")
        chosen: Attribution | None = None
        inside = _in_quote(all_quotes, fig["start"], fig["end"], quote_starts) if quoted[f0] else None
        if inside is not None:
            chosen = speaker_of.get((inside.start, inside.end))
        if chosen is None:
            levels = levels_of.get(index)
            if levels is None:
                levels = levels_of[index] = _scope_levels(
                    doc, by_sentence.get(index, []), doc.sentences[index], all_quotes, quote_starts, quoted
                )
            chosen = _governing(doc, levels, f0, f1)
        if chosen is None:
            if index not in colon_of:
                colon_of[index] = _introduced_by_colon(doc, index, by_sentence)
            chosen = colon_of[index]
        sent = doc.sentences[index]
        fig["sourced"] = chosen is not None
        fig["source"] = _source_dict(doc, chosen) if chosen else None
        fig["sentence"] = {"start": sent.start, "end": sent.end}
        if chosen is not None and chosen.source_type == "vague":
            vague += 1
        figures.append(fig)

    n = len(figures)
    sourced = sum(1 for f in figures if f["sourced"])
    vague_sources = [
        _source_dict(doc, a)
        for index in sorted(by_sentence)
        for a in by_sentence[index]
        if a.source_start is not None and a.source_type == "vague"
    ]
    voices, by_country = _voices(quotes)
    return {
        "figures": figures,
        "sourcing": {
            "figures": n,
            "sourced": sourced,
            "share_sourced": sourced / n if n else None,
            "share_vague": vague / n if n else None,
            "vague_sources": vague_sources,
            "voices_by_country": by_country,
        },
        "quotes": quotes,
        "voices": voices,
    }


def _speech_dict(
    doc: Document, a: Attribution | None, resolved: dict[tuple[int, int], str], memo: dict[Any, Any]
) -> dict[str, Any]:
    """Speaker fields of a quote; ``memo`` keeps one country look-up per speaker and phrase within an article."""
    if a is None or a.source_start is None or a.source_end is None:
        return {"speaker": None, "speaker_span": None, "speaker_type": None, "speaker_country": None, "cue": None}
    starts, ends, text = doc.token_starts, doc.token_ends, doc.text
    start, end = starts[a.source_start], ends[a.source_end - 1]
    phrase = text[start:end]
    span = {"start": start, "end": end, "text": phrase}
    speaker = resolved.get((a.sentence, a.cue_start)) or phrase
    key = (speaker, phrase, a.source_type)  # the same phrase names the same speaker and country
    known = memo.get(key)
    if known is None:
        country = _country_in_tokens(doc, a.source_start, a.source_end)
        if a.source_type == "named_person" and speaker:
            intro = _introduction(doc, speaker, memo)
            if intro is not None and len(intro[0].split()) > len(speaker.split()):
                speaker = intro[0]
            if country is None:
                person = memo.get(speaker)
                if person is None:
                    person = memo[speaker] = (_country_of_person(doc, speaker, memo),)
                country = person[0]
        known = memo[key] = (speaker, country)
    speaker, country = known
    start, end = starts[a.cue_start], ends[a.cue_end - 1]
    return {
        "speaker": speaker,
        "speaker_span": span,
        "speaker_type": a.source_type,
        "speaker_country": country,
        "cue": {"start": start, "end": end, "text": text[start:end]},
    }


def _introduction(doc: Document, name: str, memo: dict[Any, Any]) -> tuple[str, int, int] | None:
    """Where ``name`` is first introduced: its fullest form and the clause that presents it.

    News introduces a speaker once with a full name and a role (*Kremlin
    spokesperson Dmitry Peskov*; *Abdul Latif Nazari, Afghanistan's Deputy Economy
    Minister,*) and then uses the surname; the role is where the country is told.
    Returns ``(full name, start, end)`` with the character span of that clause.
    """
    surname = name.split()[-1]
    if not surname[:1].isupper():
        return None
    first = _first_token_of(doc, surname, memo)
    if first is None:
        return None
    key = ("_introduction", first)  # a speaker's name is looked up once per quote: read its clause once
    known = memo.get(key)
    if known is None:
        known = memo[key] = _introduction_at(doc, first)
    return known


def _introduction_at(doc: Document, first: int) -> tuple[str, int, int]:
    """The fullest name ending at token ``first`` and the clause around it (see :func:`_introduction`)."""
    norms = doc.token_norms
    sent = doc.sentences[doc.sentence_at(doc.token_starts[first])]
    k = first
    while k > sent.token_start and first - k < 3 and _is_capitalised(doc, k - 1) and norms[k - 1][:1].isalpha():
        k -= 1
    if k < first and k == sent.token_start and (norms[k] in _CLOSED_CLASS or norms[k] in _SENTENCE_ADVERBS):
        k += 1  # "But Hany Farid": the sentence's first word is capitalised for its place, not part of the name
    full = doc.text[doc.token_starts[k] : doc.token_ends[first]]
    left = k
    while left > sent.token_start and k - left < 8 and norms[left - 1] not in _STOP_PUNCT:
        left -= 1
    right = first + 1
    if right < sent.token_end and norms[right] == ",":
        right += 1
        while right < sent.token_end and right - first < 14 and norms[right] not in _STOP_PUNCT:
            right += 1
    return full, doc.token_starts[left], doc.token_ends[right - 1]


def _first_token_of(doc: Document, word: str, memo: dict[Any, Any]) -> int | None:
    """Index of the first token of ``doc`` whose text is the capitalised ``word``.

    The first few names are searched directly; past :data:`_DIRECT_LOOKUPS` a name
    is the first token of its text that starts a capitalised word (what
    :data:`_CAPITALISED_RE` finds). Those are searched one by one too (most
    articles need a few), and past :data:`_INDEXED_LOOKUPS` distinct names the first
    position of every capitalised word is collected once per article (kept in
    ``memo``), so an article with thousands of names stays linear in its length.
    """
    index = memo.get("_capitalised")
    lookups = memo["_lookups"] = memo.get("_lookups", 0) + 1
    if index is None and lookups <= _DIRECT_LOOKUPS:
        key = ("_first_token_of", word)  # the same surname comes back with every quote of its speaker
        if key in memo:
            return memo[key]
        memo[key] = found = _find_token(doc, word)
        return found
    if index is None:
        index = memo["_capitalised"] = {}
    known = index.get(word, _ABSENT)
    if known is not _ABSENT:
        return known
    if len(index) < _INDEXED_LOOKUPS:
        found = index[word] = _find_capitalised_token(doc, word)
        return found
    if not memo.get("_capitalised_all"):
        starts, ends, text = doc.token_starts, doc.token_ends, doc.text
        for m in _CAPITALISED_RE.finditer(text):
            t = doc.token_at(m.start())
            if t < len(starts) and starts[t] == m.start():
                index.setdefault(text[starts[t] : ends[t]], t)
        memo["_capitalised_all"] = True
    return index.get(word)


def _find_capitalised_token(doc: Document, word: str) -> int | None:
    """The first token whose text is ``word`` and that :data:`_CAPITALISED_RE` finds the start of (A-Z, not after a
    word character or an apostrophe), by searching the text for ``word``: what the index of :func:`_first_token_of` holds.
    """
    if not "A" <= word[:1] <= "Z":
        return None
    text, starts, ends = doc.text, doc.token_starts, doc.token_ends
    pos = text.find(word)
    while pos >= 0:
        before = text[pos - 1] if pos else " "
        if not (before.isalnum() or before in "_’'"):
            t = bisect.bisect_right(ends, pos)
            if t < len(starts) and starts[t] == pos and ends[t] == pos + len(word):
                return t
        pos = text.find(word, pos + 1)
    return None


def _find_token(doc: Document, word: str) -> int | None:
    """Index of the first token whose text is exactly ``word``, by searching the text (usually the first hit)."""
    text = doc.text
    pos = text.find(word)
    while pos >= 0:
        t = doc.token_at(pos)
        if t < len(doc.token_starts) and doc.token_starts[t] == pos and doc.token_ends[t] == pos + len(word):
            return t
        pos = text.find(word, pos + 1)
    return None


def _country_of_person(doc: Document, name: str, memo: dict[Any, Any]) -> str | None:
    """Country from the phrase that introduces ``name`` (title or apposition), if any."""
    intro = _introduction(doc, name, memo)
    if intro is None:
        return None
    _full, left, right = intro
    return speaker_country(doc, left, right)


def _quote_dict(
    doc: Document,
    q: Quote,
    a: Attribution | None,
    resolved: dict[tuple[int, int], str],
    kind: str,
    memo: dict[Any, Any],
) -> dict[str, Any]:
    item: dict[str, Any] = {"start": q.inner_start, "end": q.inner_end, "text": doc.text[q.inner_start : q.inner_end]}
    item.update(_speech_dict(doc, a, resolved, memo))
    item["kind"] = kind
    item["closed"] = q.closed
    return item


def _voices(quotes: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    counts: dict[tuple[str, str | None], int] = {}  # a plain dict: Counter() costs more than it saves here
    for q in quotes:
        if q["speaker"]:
            key = (q["speaker"], q["speaker_country"])
            counts[key] = counts.get(key, 0) + 1
    voices = [
        {"speaker": speaker, "country": country, "quotes": n}
        for (speaker, country), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or ""))
    ]
    by_country: dict[str, int] = {}
    for (_speaker, country), n in counts.items():
        by_country[country or "unknown"] = by_country.get(country or "unknown", 0) + n
    return voices, dict(sorted(by_country.items()))
