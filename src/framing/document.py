"""Parse an article once: paragraphs, sentences, tokens and quoted passages.

Every signal reads the same :class:`Document`; none re-splits the text. All
offsets are half-open character offsets into ``Article.text``.

Tokens are kept as parallel lists (``token_starts``, ``token_ends``,
``token_norms``) rather than one object per token, because signals look tokens
up in dicts by the million and object churn is the main cost of a pure-Python
pipeline.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from operator import itemgetter, ne
from typing import Any

from framing.article import Article
from framing.evidence import Span
from framing.lexicons import abbreviations
from framing.tokens import tokenize

# A candidate sentence end: terminal punctuation, optional closing quotes or
# brackets, then white space. Abbreviations are filtered afterwards. The
# look-behind starts a match only at the beginning of a run of punctuation and
# the possessive quantifiers never give characters back, so a long run with no
# space after it ("....", 1 MB) is scanned once, not once per character. The
# pattern opens with the character class (the look-behind comes after it), so
# the search skips to candidate characters instead of trying every position.
_BOUNDARY_RE = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’)\]]*+(?=\s)")
_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_RE = re.compile(r"[^\n]+")
# Quote marks; a ’ between two letters or digits is an apostrophe, decided in _quotes
# (a plain character class scans far faster than look-arounds at every position).
_QUOTE_CHAR_RE = re.compile(r"[\"“”‘’]")

@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its character span, its token range and its paragraph."""

    start: int
    end: int
    token_start: int
    token_end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage. ``start``/``end`` include the quote marks; ``inner_*`` do not.

    ``closed`` is False for a passage that runs to the end of its paragraph
    because the next paragraph reopens the quotation (news convention for a
    quote that spans paragraphs).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True


@dataclass(slots=True)
class Document:
    """One parsed article. Build with :func:`parse`."""

    article: Article
    paragraphs: list[Span]
    sentences: list[Sentence]
    token_starts: list[int]
    token_ends: list[int]
    token_norms: list[str]
    quotes: list[Quote]
    # Spans that are about the article rather than the news (header lines,
    # disclaimers, boilerplate); filled by the pipeline before other signals run.
    excluded: list[Span] = field(default_factory=list)
    _body_mask: list[bool] | None = None
    # Indexes derived from the fields above, built on first use by whoever needs
    # them (sentence starts, the quote index, lexicon hit lists); never output.
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.article.text

    def token_text(self, i: int) -> str:
        return self.article.text[self.token_starts[i] : self.token_ends[i]]

    def sentence_text(self, s: Sentence) -> str:
        return self.article.text[s.start : s.end]

    @property
    def sentence_starts(self) -> list[int]:
        """First character of every sentence, in order: bisect it to find the sentence of an offset."""
        starts = self.derived.get("sentence_starts")
        if starts is None:
            starts = self.derived["sentence_starts"] = [s.start for s in self.sentences]
        return starts

    @property
    def sentence_token_starts(self) -> list[int]:
        """First token of every sentence, strictly increasing (every sentence holds a token): bisect it to find the sentence of a token."""
        starts = self.derived.get("sentence_token_starts")
        if starts is None:
            starts = self.derived["sentence_token_starts"] = [s.token_start for s in self.sentences]
        return starts

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the nearest one before it)."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def sentence_of_token(self, i: int) -> int:
        """Index of the sentence holding token ``i`` (sentences partition the tokens in order)."""
        return max(0, bisect.bisect_right(self.sentence_token_starts, i) - 1)

    def token_at(self, offset: int) -> int:
        """Index of the first token that ends after ``offset``."""
        return bisect.bisect_right(self.token_ends, offset)

    def in_quote(self, start: int, end: int | None = None) -> Quote | None:
        """The quoted passage that contains ``[start, end)``, if any (the earliest opened, when quotes nest).

        Signals ask this for every cue, so it bisects instead of scanning the
        quotes: only quotes opened at or before ``start`` can contain it, and
        walking back from the latest of them stops as soon as no earlier quote
        reaches ``end`` (a running maximum of their inner ends).
        """
        end = start + 1 if end is None else end
        index = self.derived.get("quotes")
        if index is None:
            reach, top = [], -1
            for q in self.quotes:
                top = max(top, q.inner_end)
                reach.append(top)
            index = self.derived["quotes"] = ([q.start for q in self.quotes], reach)
        opened, reach = index
        found = None
        for k in range(bisect.bisect_right(opened, start) - 1, -1, -1):
            if reach[k] < end:
                break
            q = self.quotes[k]
            if q.inner_start <= start and end <= q.inner_end:
                found = q
        return found

    def exclude(self, spans: list[Span]) -> None:
        """Mark spans as outside the body (disclaimers, boilerplate, header lines)."""
        self.excluded = sorted(set(self.excluded) | set(spans), key=lambda s: (s.start, s.end))
        self._body_mask = None

    @property
    def body_mask(self) -> list[bool]:
        """Per sentence: True where the sentence is body (less than half of it excluded)."""
        if self._body_mask is None:
            sentences = self.sentences
            covered = [0] * len(sentences)
            if self.excluded:
                # Each excluded span visits only the sentences it overlaps (sentences are sorted and disjoint).
                for x in self.excluded:
                    k = self.sentence_at(x.start)
                    while k < len(sentences) and sentences[k].start < x.end:
                        s = sentences[k]
                        overlap = min(s.end, x.end) - max(s.start, x.start)
                        if overlap > 0:
                            covered[k] += overlap
                        k += 1
            self._body_mask = [c * 2 < s.end - s.start for c, s in zip(covered, sentences, strict=True)]
        return self._body_mask

    def body_sentences(self) -> list[Sentence]:
        """Sentences of the news itself: what hedging, sentiment and figures are computed on."""
        mask = self.body_mask
        return [s for s, keep in zip(self.sentences, mask, strict=True) if keep]

    def is_body(self, offset: int) -> bool:
        return not any(x.start <= offset < x.end for x in self.excluded)

    @property
    def word_mask(self) -> list[bool]:
        """Per token: True when it starts with a letter or digit (a word, as every count in framing means it)."""
        mask = self.derived.get("word_mask")
        if mask is None:
            mask = self.derived["word_mask"] = list(map(str.isalnum, map(itemgetter(0), self.token_norms)))
        return mask

    @property
    def quote_mask(self) -> list[bool]:
        """Per token: True when it lies inside a quoted passage (``in_quote`` of its span is not None).

        Built once from the quotes (each marks a contiguous token range), so
        hedging reads a cue's voice and counts quoted words from it instead of
        asking :meth:`in_quote` token by token.
        """
        mask = self.derived.get("quote_mask")
        if mask is None:
            mask = [False] * len(self.token_starts)
            for q in self.quotes:
                first = bisect.bisect_left(self.token_starts, q.inner_start)
                last = bisect.bisect_right(self.token_ends, q.inner_end)
                if last > first:
                    mask[first:last] = [True] * (last - first)
            self.derived["quote_mask"] = mask
        return mask

    @property
    def words(self) -> int:
        """Tokens that start with a letter or digit, in the whole text (the count of :attr:`word_mask`)."""
        count = self.derived.get("words")
        if count is None:
            count = self.derived["words"] = sum(self.word_mask)
        return count

    @property
    def body_words(self) -> int:
        """Tokens that start with a letter or digit, in the body: all words less those of excluded sentences."""
        mask = self.word_mask
        outside = sum(
            sum(mask[s.token_start : s.token_end])
            for s, keep in zip(self.sentences, self.body_mask, strict=True)
            if not keep
        )
        return self.words - outside


def parse(article: Article | str) -> Document:
    """Split ``article`` into paragraphs, sentences, tokens and quotes, once."""
    if isinstance(article, str):
        article = Article(text=article)
    text = article.text
    paragraphs = _paragraphs(text)
    # One tokenizer pass over the whole text. Sentences are separated by white
    # space only and no token contains white space, so these are exactly the
    # tokens of each sentence in turn; a sentence's token range is found by bisection.
    starts, ends, norms = tokenize(text)
    sentences: list[Sentence] = []
    t0 = 0
    for p_index, para in enumerate(paragraphs):
        for s_start, s_end in _sentence_spans(text, para.start, para.end):
            t0 = bisect.bisect_left(starts, s_start, t0)
            t1 = bisect.bisect_left(starts, s_end, t0)
            sentences.append(Sentence(s_start, s_end, t0, t1, p_index))
            t0 = t1
    doc = Document(
        article=article,
        paragraphs=paragraphs,
        sentences=sentences,
        token_starts=starts,
        token_ends=ends,
        token_norms=norms,
        quotes=_quotes(text, paragraphs),
    )
    header = [Span(s, e) for _kind, s, e in article.regions if _kind != "title"]
    if header:
        doc.exclude(header)
    return doc


def sentence_runs(ts: list[int], te: list[int]) -> list[tuple[int, int]]:
    """Token ranges of the runs of consecutive sentences, given (non-empty) sentence token starts and ends.

    A new run starts where a sentence does not begin at the previous one's end
    (excluded sentences left out between them); usually one or two runs, found
    at C level so matching and counting visit ranges, not sentences.
    """
    breaks = list(itertools.compress(range(1, len(ts)), map(ne, ts[1:], te)))
    if breaks:
        return [(ts[i], te[j - 1]) for i, j in zip([0, *breaks], [*breaks, len(ts)], strict=True)]
    return [(ts[0], te[-1])]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[Span]:
    """Paragraphs: each non-empty line, unless the text is hard-wrapped (then blank-line blocks)."""
    lines = [m.span() for m in _LINE_RE.finditer(text)]
    lines = [_strip(text, a, b) for a, b in lines]
    lines = [(a, b) for a, b in lines if b > a]
    if _hard_wrapped(text, lines):
        blocks = []
        pos = 0
        for m in _BLANK_LINE_RE.finditer(text):
            blocks.append(_strip(text, pos, m.start()))
            pos = m.end()
        blocks.append(_strip(text, pos, len(text)))
        return [Span(a, b) for a, b in blocks if b > a]
    return [Span(a, b) for a, b in lines]


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when most lines are cut mid-sentence at a similar width (e-mail style wrapping)."""
    if len(lines) < 4:
        return False
    cut = 0
    for (a, b), (c, _d) in itertools.pairwise(lines):
        gap = text[b:c]
        if gap.count("\n") == 1 and 40 <= b - a <= 100 and text[b - 1] not in ".!?:\"”'’":
            cut += 1
    return cut >= 0.5 * (len(lines) - 1)


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one paragraph ``text[start:end]``."""
    out = []
    pos = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        b = m.end()
        if not _is_boundary(text, m.start(), b, end):
            continue
        # The match starts at or after ``pos`` and ends on punctuation or a closing mark: the
        # sentence is [first non-space from pos, b), never empty.
        a = pos
        while text[a].isspace():
            a += 1
        out.append((a, b))
        pos = b
    a, z = _strip(text, pos, end)
    if z > a:
        out.append((a, z))
    return out


def _is_boundary(text: str, punct_start: int, after: int, end: int) -> bool:
    """Decide whether the punctuation at ``punct_start`` ends a sentence."""
    i = after  # white space follows the punctuation; usually one character of it
    while i < end and text[i].isspace():
        i += 1
    if i == end:
        return True
    if text[i].islower():
        return False  # "U.S. officials", "approx. five"
    if text[punct_start] != ".":
        return True
    if text[punct_start : punct_start + 3] == "...":
        return True
    word = _word_before(text, punct_start)
    if word is None:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. K. Rowling"
    if "." in word:
        return False  # "U.S.", "a.m."
    return word.lower() not in abbreviations()


# Letter runs joined by single dots, read backwards from a period: "S.U" is "U.S" reversed.
_REVERSED_WORD_RE = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*")


def _word_before(text: str, dot: int, reach: int = 40) -> str | None:
    """The word ending just before the period at ``dot``: letters, or dotted letters ("U.S", "a.m"); None if none.

    Matched on the reversed ``reach`` characters before ``dot``, anchored at the
    character next to the period: one short match, where a forward search tried
    every start position in the window and cost a fifth of the parse.
    """
    m = _REVERSED_WORD_RE.match(text[max(0, dot - reach) : dot][::-1])
    return m.group()[::-1] if m else None


def _quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Quoted passages, paired within a paragraph; “ can continue into the next paragraph."""
    quotes: list[Quote] = []
    for p_index, para in enumerate(paragraphs):
        open_curly: int | None = None
        open_straight: int | None = None
        open_single: int | None = None
        for m in _QUOTE_CHAR_RE.finditer(text, para.start, para.end):
            ch = m.group()
            i = m.start()
            if ch == "’" and i > 0 and text[i - 1].isalnum() and i + 1 < para.end and text[i + 1].isalnum():
                continue  # an apostrophe: don’t, Kyiv’s
            if ch == "“":
                if open_curly is None:
                    open_curly = i
            elif ch == "”":
                if open_curly is not None:
                    quotes.append(Quote(open_curly, i + 1, open_curly + 1, i))
                    open_curly = None
            elif ch == '"':
                if open_straight is None:
                    open_straight = i
                else:
                    quotes.append(Quote(open_straight, i + 1, open_straight + 1, i))
                    open_straight = None
            elif ch == "‘":
                if open_single is None:
                    open_single = i
            elif ch == "’" and open_single is not None:
                quotes.append(Quote(open_single, i + 1, open_single + 1, i))
                open_single = None
        # A quotation continued in the next paragraph has no closing mark here.
        for opened, reopen in ((open_curly, "“"), (open_straight, '"')):
            if opened is None or p_index + 1 >= len(paragraphs):
                continue
            nxt = paragraphs[p_index + 1]
            if text.startswith(reopen, nxt.start):
                quotes.append(Quote(opened, para.end, opened + 1, para.end, closed=False))
    quotes.sort(key=lambda q: q.start)
    return quotes
