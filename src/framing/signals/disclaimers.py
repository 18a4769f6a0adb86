"""Disclaimers, editorial notes and boilerplate: text about the article, not the news.

Runs first: the pipeline keeps what it finds out of the body, so the other
signals do not score it (a disclaimer's "interpretations may change" is not the
outlet hedging its reporting; it is reported here, as part of the disclaimer).

The cues are data (``lexicons/disclaimers.tsv``). Each cue says *where* it may
fire (anywhere outside quotes, opening a sentence, as a ``Kind:`` label, as a
whole line...) and *what unit* it marks (the matched characters, its sentence,
or its whole note paragraph). A cue inside brackets marks the bracketed note
(``(Disclaimer: ... )``). Cues whose units overlap or touch within a paragraph
are merged into one finding; its kind comes from the cue with the highest
weight (the earliest on a tie), so a generic ``Editor's note:`` label takes the
kind of the specific note it introduces.

Phrase cues are matched on the Document's tokens: the ones allowed anywhere only
around an anchor token (flagged by :func:`framing.language.token_kinds`, the one
pass over the tokens every article gets), the others only at sentence openings. ``re:`` cues are tried only at sentence starts (and just after a
leading ``Label:``), and only those whose first characters fit there; a pattern
whose start says little (``[A-Z]...``, ``(?i)the ...``) is first screened by a
literal every match must contain (``" reported from "``), looked for in the few
characters it could match, so the cost does not grow with the number of
patterns the way a search over every character would.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from framing.document import Document, Sentence
from framing.errors import LexiconError, choices
from framing.evidence import Span
from framing.language import ANCHOR, token_kinds
from framing.lexicons import Lexicon, LexiconEntry, PhraseIndex, load_lexicon, phrase_index, phrase_matches
from framing.tokens import normalise, tokenize_term

LEXICON = "disclaimers"

#: Kinds reported under ``disclaimers``: notes that qualify how to read the article.
DISCLAIMER_KINDS = (
    "disclaimer",
    "evolving_story",
    "correction",
    "update",
    "sponsored",
    "conflict_of_interest",
    "ai_generated",
)
#: Kinds reported under ``boilerplate``: credits, publication lines and prompts around the article.
BOILERPLATE_KINDS = ("wire_credit", "publication_line", "promotion", "byline", "dateline")
KINDS = DISCLAIMER_KINDS + BOILERPLATE_KINDS
#: Lexicon category of attribution words: a sentence that says who said it is news, not a note.
VETO = "veto"
PLACEMENTS = ("any", "start", "para", "label", "line", "alone")
UNITS = ("match", "sentence", "paragraph")

#: A veto word this close after a comma makes a speaker clause (", the mayor said").
SPEAKER_CLAUSE_TOKENS = 5
#: Cues weaker than this only support a note another cue found (a label always counts).
MIN_CUE_WEIGHT = 1.3
#: Cues this strong name the article itself ("an earlier version of this story said"); attribution does not veto them.
VETO_IMMUNE_WEIGHT = 2.2
#: A note paragraph longer than this is not taken whole; only the cue's sentence is.
MAX_NOTE_CHARS = 800
#: ``alone`` cues need a paragraph of one sentence no longer than this.
MAX_ALONE_CHARS = 250
#: The first prose paragraph at least this long is the lead (header lines, bylines and credits come before it).
MIN_LEAD_CHARS = 60
_PROSE_END = frozenset(".!?\"”’')")
#: How far into a sentence a ``Label:`` may end for the note after it to count as opening the sentence.
MAX_LABEL_CHARS = 40

# Marks that may precede a note without making it mid-sentence: brackets,
# italics/bold markers, dashes, bullets, a label's colon, quote-free markup.
_OPENER_TOKENS = frozenset(["(", "[", "{", "*", "_", "—", "–", "-", "--", "•", "⦁", ":", "|", "#", ">", "~"])
_OPENER_CHARS = "([{*_—–-•⦁|#>~ \t"
_BRACKETS = {"(": ")", "[": "]"}
_LABEL_COLON_RE = re.compile(r"[:—–]\s")
_LABEL_MARK_RE = re.compile(r"[:—–]")


@dataclass(frozen=True, slots=True)
class _Rule:
    entry: LexiconEntry
    kind: str
    weight: float
    where: str
    unit: str


#: For one pattern: (ignores case, literals one of which every match contains, how many characters from the
#: match start such a literal ends at most).
_Screen = tuple[bool, tuple[str, ...], int]


@dataclass(slots=True)
class _Compiled:
    lexicon: Lexicon
    rules: dict[str, _Rule]  # entry origin -> rule
    # Phrase cues that must open a sentence are tried only there; the others only around an
    # anchor token (their longest) that occurs in the document.
    opening_index: PhraseIndex
    anywhere_index: PhraseIndex
    anchors: dict[str, tuple[int, ...]]  # anchor token -> its offsets within the phrases it anchors
    anchor_set: frozenset[str]
    opening_singles: frozenset[str]  # one-token opening phrases
    opening_pairs: frozenset[tuple[str, str]]  # first two tokens of the longer ones
    opening_heads: frozenset[str]  # first tokens of all of them
    veto_singles: frozenset[str]
    veto_pairs: frozenset[tuple[str, str]]
    # Pattern cues in descending weight, and an index from the first characters they can start with.
    patterns: tuple[_Rule, ...]
    regexes: tuple[re.Pattern[str], ...]  # compiled once by the lexicon loader, parallel to ``patterns``
    by_prefix: dict[str, tuple[int, ...]]
    # Per pattern, None or a literal screen (see :func:`_screen`), tried before the pattern itself.
    screens: tuple[_Screen | None, ...]
    # Every prefix of a ``by_prefix`` key: the leading characters of a position matter up to the
    # longest of them that is one (its "node"), so the patterns to try are worked out once per node.
    nodes: frozenset[str]
    # Leading characters -> the patterns to try there when the sentence does not open its paragraph,
    # opens it, or is the paragraph alone; built on first use (one alternation per set would match
    # faster but costs far more to compile than it saves).
    dispatch: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]]
    dispatch_nodes: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]]  # the same by node


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    rule: _Rule
    sentence: int


_compiled: _Compiled | None = None


def empty() -> dict[str, Any]:
    return {"disclaimers": [], "boilerplate": []}


def _rule(entry: LexiconEntry) -> _Rule:
    where = entry.get("where", "any") or "any"
    unit = entry.get("unit", "sentence") or "sentence"
    path, _, line = entry.origin.rpartition(":")
    if entry.category not in KINDS and entry.category != VETO:
        raise LexiconError(
            f"category {entry.category!r} is not one of {choices((*KINDS, VETO))}", path=path, line=int(line)
        )
    if where not in PLACEMENTS:
        raise LexiconError(f"where {where!r} is not one of {choices(PLACEMENTS)}", path=path, line=int(line))
    if unit not in UNITS:
        raise LexiconError(f"unit {unit!r} is not one of {choices(UNITS)}", path=path, line=int(line))
    return _Rule(entry, entry.category, entry.weight, where, unit)


def _rules() -> _Compiled:
    """The lexicon's cues, compiled once per loaded lexicon (a user lexicon reloads them)."""
    global _compiled
    lex = load_lexicon(LEXICON)
    if _compiled is not None and _compiled.lexicon is lex:
        return _compiled
    rules = {e.origin: _rule(e) for e in lex.entries}
    veto_singles: set[str] = set()
    veto_pairs: set[tuple[str, str]] = set()
    opening: list[LexiconEntry] = []
    anywhere: list[LexiconEntry] = []
    common = {e.term.lower() for e in load_lexicon("function_words").entries}
    anchors: dict[str, set[int]] = {}
    for e in lex.entries:
        if e.is_regex:
            continue
        toks = tuple(normalise(t) for t in tokenize_term(e.term))
        if e.category == VETO:
            if len(toks) == 1:
                veto_singles.add(toks[0])
            else:
                veto_pairs.add((toks[0], toks[1]))
        elif rules[e.origin].where == "any":
            anywhere.append(e)
            # the anchor is the token least likely in running text: not a function word, the longest
            offset = max(range(len(toks)), key=lambda k: (toks[k] not in common, len(toks[k]), k))
            anchors.setdefault(toks[offset], set()).add(offset)
        else:
            opening.append(e)
    opening_tokens = [tuple(normalise(t) for t in tokenize_term(e.term)) for e in opening]
    ordered = sorted(lex.regexes, key=lambda pair: (-rules[pair[1].origin].weight, pair[1].origin))
    patterns = tuple(rules[e.origin] for _rx, e in ordered)
    by_prefix: dict[str, list[int]] = {}
    screens: list[_Screen | None] = []
    for n, rule in enumerate(patterns):
        prefixes = _prefixes(rule.entry.term[3:])
        for prefix in prefixes:
            by_prefix.setdefault(prefix, []).append(n)
        # Only a pattern whose first characters leave it tried at many sentence starts is worth screening.
        broad = min(map(len, prefixes), default=0) < PREFIX_CHARS
        screens.append(_screen(rule.entry.term[3:]) if broad else None)
    _compiled = _Compiled(
        lex,
        rules,
        phrase_index(opening),
        phrase_index(anywhere),
        {k: tuple(sorted(v)) for k, v in anchors.items()},
        frozenset(anchors),
        frozenset(t[0] for t in opening_tokens if len(t) == 1),
        frozenset((t[0], t[1]) for t in opening_tokens if len(t) > 1),
        frozenset(t[0] for t in opening_tokens),
        frozenset(veto_singles),
        frozenset(veto_pairs),
        patterns,
        tuple(rx for rx, _e in ordered),
        {k: tuple(v) for k, v in by_prefix.items()},
        tuple(screens),
        frozenset(key[:k] for key in by_prefix for k in range(1, len(key) + 1)),
        {},
        {},
    )
    return _compiled


def anchor_tokens() -> frozenset[str]:
    """The anchor tokens of the phrase cues allowed anywhere (the same object while the lexicon is unchanged)."""
    return _rules().anchor_set


#: Bytes of :func:`framing.language.token_kinds` with the ANCHOR flag.
_ANCHOR_KIND_RE = re.compile(bytes([ord("["), ANCHOR, ord("-"), ANCHOR * 2 - 1, ord("]")]))


def _phrase_at(
    index: PhraseIndex, norms: list[str], i: int, end: int, text: str, starts: list[int], ends: list[int]
) -> tuple[int, LexiconEntry] | None:
    """``(token_end, entry)`` of the longest phrase of ``index`` starting at token ``i`` and ending by ``end``.

    The same match :meth:`Lexicon.matches` gives first for tokens ``[i, end)`` when it starts at ``i``.
    """
    for toks, case_sensitive, entry in index[norms[i]]:
        n = len(toks)
        if i + n > end:
            continue
        if (case_sensitive or n > 1) and not phrase_matches(toks, case_sensitive, i, norms, text, starts, ends):
            continue
        return i + n, entry
    return None


#: Screens shorter than this are not worth a search.
MIN_SCREEN_CHARS = 3
#: A screen whose literal may end further than this into the match is not used.
MAX_SCREEN_WIDTH = 1000
#: A screen of more literals than this costs about what trying the pattern costs (one search each): a
#: case-sensitive search goes over the text, a case-insensitive one over a lower-cased copy of the window,
#: made once per position, so each of its literals costs less.
MAX_SCREEN_LITERALS = 1
MAX_FOLDED_SCREEN_LITERALS = 8
# Characters that case-insensitive matching equates with an ASCII letter although ``str.lower`` does
# not map them to it (İ, ı, ſ; İ lower-cases to "i" + U+0307). Where one occurs, screens are not used.
_FOLD_TRAPS_RE = re.compile("[\u0130\u0131\u017f\u0307]")
# Every character besides its upper and lower case that (?i) matching equates with an ASCII letter
# (the Kelvin sign lower-cases to "k", but "k".upper() is "K"): the prefix index lists them too.
_FOLD_EXTRAS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def _screen(pattern: str) -> tuple[bool, tuple[str, ...], int] | None:
    """A cheap test that must pass wherever ``pattern`` matches: one of some literals occurs near the start.

    Derived from the parsed pattern: a run of literal characters outside any
    optional part, or for a group or alternation, one such run from each
    branch. Returns (ignores case, the literals, how far from the match start
    the literal ends at most). For a case-insensitive pattern the literals are
    lower-case ASCII, looked for in the lower-cased characters. None when no
    literal of at least :data:`MIN_SCREEN_CHARS` is certain.
    """
    from re import _parser

    parsed = _parser.parse(pattern)
    fold = bool(parsed.state.flags & re.IGNORECASE)
    found = _literals(parsed, fold)
    if found is None:
        return None
    literals, reach = found
    if min(map(len, literals)) < MIN_SCREEN_CHARS or reach > MAX_SCREEN_WIDTH:
        return None
    # A literal containing another is implied by it: keep the shorter one only.
    kept = sorted(lit for lit in literals if not any(o != lit and o in lit for o in literals))
    if len(kept) > (MAX_FOLDED_SCREEN_LITERALS if fold else MAX_SCREEN_LITERALS):
        return None
    return fold, tuple(kept), reach


def _literals(items: Any, fold: bool) -> tuple[frozenset[str], int] | None:
    """Literals one of which every match of the parsed ``items`` contains (the longest shortest one), and how
    many characters from the start of the match such a literal ends at most; or None."""
    from re import _constants as c
    from re import _parser

    best: tuple[frozenset[str], int] | None = None

    def consider(found: frozenset[str], reach: int) -> None:
        nonlocal best
        if reach > MAX_SCREEN_WIDTH:
            return
        score = (min(map(len, found)), -len(found))
        if best is None or score > (min(map(len, best[0])), -len(best[0])):
            best = (found, reach)

    run: list[str] = []
    reach = 0  # the most characters the items so far can match
    for item in items:
        op, av = item
        before = reach
        reach += _parser.SubPattern(items.state, [item]).getwidth()[1]
        if op is c.LITERAL and (not fold or av < 128):
            run.append(chr(av).lower() if fold else chr(av))
            continue
        if run:
            consider(frozenset(["".join(run)]), before)
            run = []
        inner: tuple[frozenset[str], int] | None = None
        if op is c.SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flags
            inner = _literals(av[3], fold)
        elif op is c.BRANCH:
            branches = [_literals(b, fold) for b in av[1]]
            if all(branches):
                inner = (
                    frozenset().union(*(b[0] for b in branches)),  # type: ignore[index]
                    max(b[1] for b in branches),  # type: ignore[index]
                )
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _literals(av[2], fold)  # the first repetition holds one
        if inner is not None:
            consider(inner[0], before + inner[1])
    if run:
        consider(frozenset(["".join(run)]), reach)
    return best


#: How many leading characters index the patterns (lower-cased).
PREFIX_CHARS = 6
_MAX_PREFIXES = 4000


def _prefixes(pattern: str) -> set[str]:
    """Strings of up to :data:`PREFIX_CHARS` characters that every match of ``pattern`` starts with one of.

    A shorter string means "starts with this, then anything". Derived from the
    parsed pattern, so a lexicon author never has to declare it; anything the
    walk cannot follow ends the prefix there, which is always safe.
    """
    from re import _constants as c
    from re import _parser

    fold = pattern.startswith("(?i)")

    def cased(ch: str) -> set[str]:
        if not fold:
            return {ch}
        # Candidates, then kept where (?i) really matches them (str.lower("İ") is two characters, "i" and a dot).
        base = ch.lower()[:1]
        candidates = {ch, base, base.upper()[:1], ch.upper()[:1], *_FOLD_EXTRAS.get(base, "")}
        return {x for x in candidates if re.fullmatch("(?i)" + re.escape(ch), x)}

    def chars(item: Any) -> set[str] | None:
        op, av = item
        if op is c.LITERAL:
            return cased(chr(av))
        if op is c.IN:
            out: set[str] = set()
            for sub_op, sub_av in av:
                if sub_op is c.LITERAL:
                    out |= cased(chr(sub_av))
                elif sub_op is c.RANGE and sub_av[1] - sub_av[0] <= 60:
                    for x in range(sub_av[0], sub_av[1] + 1):
                        out |= cased(chr(x))
                else:
                    return None
            return out
        return None

    def walk(items: Any, open_: set[str], done: set[str]) -> set[str]:
        """Extend the open prefixes through ``items``; finished ones go to ``done``; returns those still open."""
        for item in items:
            if not open_:
                return open_
            op, av = item
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            got = chars(item)
            if got is not None:
                open_ = {p + ch for p in open_ for ch in got}
            elif op is c.SUBPATTERN:
                open_ = walk(av[3], open_, done)
            elif op is c.BRANCH:
                merged: set[str] = set()
                for branch in av[1]:
                    merged |= walk(branch, set(open_), done)
                open_ = merged
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[1] <= 1:
                open_ = open_ | walk(av[2], set(open_), done)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                for _ in range(min(av[0], PREFIX_CHARS)):  # the minimum passes are certain
                    open_ = walk(av[2], open_, done)
                if av[1] != av[0]:  # after them, anything may follow: stop here
                    done |= open_
                    return set()
            else:
                done |= open_
                return set()
            full = {p for p in open_ if len(p) >= PREFIX_CHARS}
            done |= {p[:PREFIX_CHARS] for p in full}
            open_ -= full
            if len(open_) + len(done) > _MAX_PREFIXES:
                done |= {p[:1] for p in open_ | done}
                return set()
        return open_

    done: set[str] = set()
    done |= walk(_parser.parse(pattern), {""}, done)
    if len(done) > _MAX_PREFIXES:
        return {p[:1] for p in done}
    return done


#: Leading-character keys remembered before the dispatch cache starts over (bounds its memory).
MAX_DISPATCH_KEYS = 50_000


def _dispatch(compiled: _Compiled, key: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The patterns (indices, by descending weight) that can match at a position starting with ``key``:
    for a sentence that does not open its paragraph, one that opens it, and one that is its paragraph alone.
    """
    nodes = compiled.nodes
    k = 0
    while k < len(key) and key[: k + 1] in nodes:
        k += 1
    node = key[:k]  # no longer prefix of ``key`` starts any pattern's prefix
    sets = compiled.dispatch_nodes.get(node)
    if sets is None:
        found = [compiled.by_prefix.get(node[:j], ()) for j in range(len(node) + 1)]
        ids = sorted(set(itertools.chain.from_iterable(found)))
        wheres = [compiled.patterns[n].where for n in ids]
        sets = compiled.dispatch_nodes[node] = (
            tuple(n for n, where in zip(ids, wheres, strict=True) if where not in ("para", "alone")),
            tuple(n for n, where in zip(ids, wheres, strict=True) if where != "alone"),
            tuple(ids),
        )
    if len(compiled.dispatch) >= MAX_DISPATCH_KEYS:
        compiled.dispatch.clear()
    compiled.dispatch[key] = sets
    return sets


def _placement(sentence: Sentence, para: Span) -> int:
    """Index into a dispatch entry: 0 mid-paragraph, 1 opening its paragraph, 2 its paragraph alone (short)."""
    if sentence.start != para.start:
        return 0
    return 2 if sentence.end == para.end and (para.end - para.start) <= MAX_ALONE_CHARS else 1


def _opening_phrase(compiled: _Compiled, doc: Document, i: int, end: int, cues: list[_Cue]) -> None:
    """Add the cue of the sentence-opening phrase at token ``i`` (tokens up to ``end``), if one is there and placed."""
    norms = doc.token_norms
    if not (
        norms[i] in compiled.opening_singles or (i + 1 < len(norms) and (norms[i], norms[i + 1]) in compiled.opening_pairs)
    ):
        return
    found = _phrase_at(compiled.opening_index, norms, i, end, doc.text, doc.token_starts, doc.token_ends)
    if found is None:
        return
    s_index = doc.sentence_of_token(i)
    rule = compiled.rules[found[1].origin]
    if _placed(doc, rule.where, s_index, i, found[0]):
        cues.append(_Cue(doc.token_starts[i], doc.token_ends[found[0] - 1], rule, s_index))


def _pattern_at(
    compiled: _Compiled,
    text: str,
    pos: int,
    para_start: int,
    para_end: int,
    ids: tuple[int, ...],
    s_index: int,
    cues: list[_Cue],
) -> None:
    """Add the cue of the strongest pattern of ``ids`` that matches at ``pos`` (within its paragraph), if any."""
    screens, regexes = compiled.screens, compiled.regexes
    lowered: str | None = None
    for n in ids:
        screen = screens[n]
        if screen is not None:
            fold, literals, reach = screen
            stop = pos + reach
            if stop > para_end:
                stop = para_end
            if fold:
                if lowered is None:
                    lowered = text[pos:stop].lower()
                    if not lowered.isascii() and _FOLD_TRAPS_RE.search(lowered):
                        lowered = ""  # cannot screen here
                elif len(lowered) < stop - pos:
                    lowered = text[pos:stop].lower()  # a longer reach than the first screen's
                    if not lowered.isascii() and _FOLD_TRAPS_RE.search(lowered):
                        lowered = ""
                if lowered:
                    for literal in literals:
                        if literal in lowered:
                            break
                    else:
                        continue
            else:
                for literal in literals:
                    if text.find(literal, pos, stop) >= 0:
                        break
                else:
                    continue
        m = regexes[n].match(text, pos, para_end)
        if m is None or m.end() <= m.start():
            continue
        rule = compiled.patterns[n]
        if rule.where == "line" and m.end() < _trim_end(text, para_start, para_end):
            continue
        cues.append(_Cue(m.start(), m.end(), rule, s_index))
        return  # the strongest pattern at a position speaks for it


def detect(doc: Document, options: Any = None) -> dict[str, Any]:
    """Find disclaimers and boilerplate in ``doc``.

    Returns ``{"disclaimers": [...], "boilerplate": [...]}``; each item has
    ``start``/``end`` (half-open character offsets into the article text),
    ``text`` (``== text[start:end]``), ``kind`` (one of :data:`KINDS`),
    ``category`` (``"disclaimer"`` or ``"boilerplate"``), ``entry`` (the
    lexicon line that decided the kind) and ``cues`` (every cue inside, with
    its own span, kind and entry). Items are sorted by ``start``. Header lines
    the loader already read as metadata (``article.regions``) are not reported.
    """
    if not doc.sentences:
        return empty()
    compiled = _rules()
    text = doc.text
    cues: list[_Cue] = []
    sentences = doc.sentences
    norms = doc.token_norms
    n_tokens = len(norms)
    starts, ends = doc.token_starts, doc.token_ends
    rules = compiled.rules

    # Phrase cues anywhere: only around their anchor tokens, flagged in the pass over tokens the language
    # test makes anyway (one byte per token) and found by one scan of those bytes.
    anchor_hits = [m.start() for m in _ANCHOR_KIND_RE.finditer(token_kinds(doc))]
    if anchor_hits:
        by_anchor: dict[str, list[int]] = {}
        for j in anchor_hits:
            by_anchor.setdefault(norms[j], []).append(j)
        index = compiled.anywhere_index
        anchors = compiled.anchors
        for anchor in sorted(by_anchor):
            for j in by_anchor[anchor]:
                for offset in anchors[anchor]:
                    i = j - offset
                    if i < 0 or norms[i] not in index:
                        continue
                    found = _phrase_at(index, norms, i, n_tokens, text, starts, ends)
                    if found is not None:
                        s_index = doc.sentence_of_token(i)
                        cues.append(_Cue(starts[i], ends[found[0] - 1], rules[found[1].origin], s_index))

    # Cues that open a sentence (phrases on tokens, patterns on characters): tried at the sentence
    # start, past leading markup and past a short "Label:"; only the cues that can start there.
    opening_heads = compiled.opening_heads
    dispatch = compiled.dispatch
    paragraphs = doc.paragraphs
    label_search = _LABEL_MARK_RE.search
    for s_index, sentence in enumerate(sentences):
        start = sentence.start
        if text[start] in _OPENER_CHARS or label_search(text, start, start + MAX_LABEL_CHARS) is not None:
            # Markup or a short "Label:" before the words (rare): tried at each place a cue may open.
            for i in _opening_tokens(norms, sentence.token_start, sentence.token_end):
                if norms[i] in opening_heads:
                    _opening_phrase(compiled, doc, i, sentence.token_end, cues)
            para = paragraphs[sentence.paragraph]
            placement = _placement(sentence, para)
            for pos in _start_positions(text, start, sentence.end):
                key = text[pos : pos + PREFIX_CHARS]
                ids = (dispatch.get(key) or _dispatch(compiled, key))[placement]
                if ids:
                    _pattern_at(compiled, text, pos, para.start, para.end, ids, s_index, cues)
            continue
        # The common case: the sentence opens with a word and has no label. One token, one position.
        t0 = sentence.token_start
        if norms[t0] in opening_heads:
            _opening_phrase(compiled, doc, t0, sentence.token_end, cues)
        key = text[start : start + PREFIX_CHARS]
        sets = dispatch.get(key) or _dispatch(compiled, key)
        ids = sets[2]  # holds the other two
        if not ids:
            continue
        para = paragraphs[sentence.paragraph]
        if start != para.start:
            ids = sets[0]
        elif sentence.end != para.end or para.end - start > MAX_ALONE_CHARS:
            ids = sets[1]
        if ids:
            _pattern_at(compiled, text, start, para.start, para.end, ids, s_index, cues)

    if not cues:
        return empty()
    labelled_paragraphs: set[int] = set()
    kept: list[_Cue] = []
    for cue in cues:
        if doc.in_quote(cue.start, cue.end) is not None:
            continue
        if cue.rule.where == "label":
            labelled_paragraphs.add(sentences[cue.sentence].paragraph)
        kept.append(cue)
    attribution: dict[int, int] = {}

    def attributed(s_index: int) -> int:
        if s_index not in attribution:
            attribution[s_index] = _attributed(doc, compiled, s_index)
        return attribution[s_index]

    kept = [
        c
        for c in kept
        if c.rule.where == "label"
        or c.rule.unit == "match"  # a dateline or credit marks only itself; the news after it may say "said"
        or not attributed(c.sentence)
        or (c.rule.weight >= VETO_IMMUNE_WEIGHT and attributed(c.sentence) < 2)
        or sentences[c.sentence].paragraph in labelled_paragraphs
    ]
    if any(c.rule.kind == "dateline" for c in kept):
        lead = _lead_paragraph(doc)
        kept = [c for c in kept if c.rule.kind != "dateline" or sentences[c.sentence].paragraph <= lead]
    header = doc.excluded  # the loader's header lines; the pipeline adds our findings after we return
    units = []
    for cue in kept:
        start, end = _unit(doc, cue)
        if any(map(Span(start, end).overlaps, header)):
            continue
        units.append((start, end, sentences[cue.sentence].paragraph, cue))
    return _report(text, _merge(text, units))


def _lead_paragraph(doc: Document) -> int:
    """Index of the first paragraph of running text: datelines are looked for only up to it.

    The lead is the first paragraph that reads as prose (ends with terminal
    punctuation, at least :data:`MIN_LEAD_CHARS` long); header lines, bylines
    and outlet names before it do not. Further down, a capitalised ``NAME:`` is
    a transcript speaker or a section label ("AMY GOODMAN:", "PHOTOS:"), not a
    dateline.
    """
    text = doc.text
    for n, para in enumerate(doc.paragraphs):
        if para.end - para.start >= MIN_LEAD_CHARS and text[para.end - 1] in _PROSE_END:
            return n
    return len(doc.paragraphs)


def _attributed(doc: Document, compiled: _Compiled, s_index: int) -> int:
    """How plainly the sentence says who said it: 0 not at all, 1 a veto word, 2 a speaker clause.

    A speaker clause closes the sentence: a veto word a few tokens after a comma (", the mayor said."):
    then even a strong cue is reported news. A veto word elsewhere ("an earlier version of
    this story said the vote ...") only vetoes weak cues.
    """
    sentence = doc.sentences[s_index]
    norms = doc.token_norms[sentence.token_start : sentence.token_end]
    singles, pairs = compiled.veto_singles, compiled.veto_pairs
    hits = [j for j, t in enumerate(norms) if t in singles]
    hits += [j for j, pair in enumerate(itertools.pairwise(norms)) if pair in pairs]
    if not hits:
        return 0
    for j in hits:
        # ", the mayor said." / ", said the mayor." closing the sentence
        if len(norms) - j - 1 <= 4 and "," in norms[max(0, j - SPEAKER_CLAUSE_TOKENS) : j]:
            return 2
    return 1


def _placed(doc: Document, where: str, s_index: int, token_start: int, token_end: int) -> bool:
    """Whether a phrase cue at tokens ``[token_start, token_end)`` sits where its rule allows."""
    if where == "any":
        return True
    sentence = doc.sentences[s_index]
    norms = doc.token_norms
    before = range(sentence.token_start, token_start)
    # Opening the sentence: only markup before it, or a short "Label:" just before it.
    opens = len(before) <= 3 and all(norms[i] in _OPENER_TOKENS for i in before)
    if not opens and norms[token_start - 1] == ":":
        opens = len(before) <= 8
    if not opens:
        return False
    if where in ("start", "label"):
        return True
    para = doc.paragraphs[sentence.paragraph]
    first = sentence.start == para.start
    if where == "para":
        return first
    if where == "alone":
        return first and sentence.end == para.end and (para.end - para.start) <= MAX_ALONE_CHARS
    # line: nothing but markup in the paragraph besides the cue (so the paragraph is short)
    if para.end - para.start > MAX_ALONE_CHARS:
        return False
    last = s_index
    while last + 1 < len(doc.sentences) and doc.sentences[last + 1].paragraph == sentence.paragraph:
        last += 1
    if not first:
        return False
    t_end = doc.sentences[last].token_end
    return all(not norms[i][:1].isalnum() for i in range(token_end, t_end))


def _opening_tokens(norms: list[str], start: int, end: int) -> list[int]:
    """Token positions where a sentence-opening phrase may start: past markup, and past a short ``Label:``."""
    if norms[start] not in _OPENER_TOKENS and ":" not in norms[start : start + 8]:
        return [start]  # the common case: a sentence that opens with a word and has no label
    out = []
    i = start
    while i < end and i - start < 3 and norms[i] in _OPENER_TOKENS:
        i += 1
    if i < end:
        out.append(i)
    for k in range(i, min(end - 1, start + 8)):
        if norms[k] == ":":
            out.append(k + 1)
            break
    return out


def _start_positions(text: str, start: int, end: int) -> list[int]:
    """Where a sentence-opening pattern is tried: the sentence start, past leading markup, past a ``Label:``."""
    if (
        text[start] not in _OPENER_CHARS
        and _LABEL_MARK_RE.search(text, start, min(end, start + MAX_LABEL_CHARS)) is None
    ):
        return [start]  # the common case: a sentence that opens with a word and has no label
    out = [start]
    pos = start
    while pos < end and text[pos] in _OPENER_CHARS:
        pos += 1
    if pos != start and pos < end:
        out.append(pos)
    colon = _LABEL_COLON_RE.search(text, pos, min(end, pos + MAX_LABEL_CHARS))
    if colon:
        after = colon.end()
        while after < end and text[after] in _OPENER_CHARS:
            after += 1
        if after < end:
            out.append(after)
    return out


def _trim_end(text: str, start: int, end: int) -> int:
    """End of a paragraph without trailing punctuation or closing markup."""
    while end > start and (text[end - 1] in ".:;!)]*_ \t" or text[end - 1] in '”"'):
        end -= 1
    return end


def _unit(doc: Document, cue: _Cue) -> tuple[int, int]:
    """The characters a cue marks: its match, its sentence, its note paragraph, or the brackets around it."""
    if cue.rule.unit == "match":
        return cue.start, cue.end
    sentence = doc.sentences[cue.sentence]
    para = doc.paragraphs[sentence.paragraph]
    start, end = sentence.start, sentence.end
    if cue.rule.unit == "paragraph" and para.end - start <= MAX_NOTE_CHARS:
        end = para.end  # a note runs from its sentence to the end of its paragraph
    bracket = _enclosing_brackets(doc.text, para.start, para.end, cue.start, cue.end)
    if bracket is not None:
        start, end = bracket
    return start, end


def _enclosing_brackets(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int] | None:
    """The innermost ``(...)`` or ``[...]`` within ``[lo, hi)`` that contains ``[start, end)``."""
    # A bracketed note is short: looking further than MAX_NOTE_CHARS each way keeps this linear in the text.
    lo = max(lo, start - MAX_NOTE_CHARS)
    hi = min(hi, end + MAX_NOTE_CHARS)
    depth = 0
    for i in range(start - 1, lo - 1, -1):
        ch = text[i]
        if ch in ")]":
            depth += 1
        elif ch in _BRACKETS:
            if depth:
                depth -= 1
                continue
            close = _BRACKETS[ch]
            level = 0
            for j in range(end, hi):
                c = text[j]
                if c == ch:
                    level += 1
                elif c == close:
                    if level == 0:
                        return i, j + 1
                    level -= 1
            return None
    return None


def _merge(text: str, units: list[tuple[int, int, int, _Cue]]) -> list[tuple[int, int, list[_Cue]]]:
    """Merge units that overlap, or touch within a paragraph with the same list (disclaimers/boilerplate)."""
    units.sort(key=lambda u: (u[0], -u[1], u[3].start))
    merged: list[list[Any]] = []
    for start, end, para, cue in units:
        if merged:
            last = merged[-1]
            touching = (
                last[2] == para
                and _category(last[3][0].rule.kind) == _category(cue.rule.kind)
                and not text[last[1] : start].strip()
            )
            if start < last[1] or touching:
                last[1] = max(last[1], end)
                last[3].append(cue)
                continue
        merged.append([start, end, para, [cue]])
    return [(start, end, group) for start, end, _para, group in merged]


def _category(kind: str) -> str:
    return "disclaimer" if kind in DISCLAIMER_KINDS else "boilerplate"


def _report(text: str, merged: list[tuple[int, int, list[_Cue]]]) -> dict[str, Any]:
    out = empty()
    for start, end, group in merged:
        if all(c.rule.weight < MIN_CUE_WEIGHT and c.rule.where != "label" for c in group):
            continue  # supporting cues ("as more information becomes available") never make a note alone
        group = sorted(group, key=lambda c: (c.start, c.end, c.rule.entry.origin))
        best = min(group, key=lambda c: (-c.rule.weight, c.start))
        category = _category(best.rule.kind)
        item = {
            "start": start,
            "end": end,
            "text": text[start:end],
            "kind": best.rule.kind,
            "category": category,
            "entry": best.rule.entry.origin,
            "cues": [
                {
                    "start": c.start,
                    "end": c.end,
                    "text": text[c.start : c.end],
                    "kind": c.rule.kind,
                    "entry": c.rule.entry.origin,
                }
                for c in group
            ],
        }
        out["disclaimers" if category == "disclaimer" else "boilerplate"].append(item)
    return out
