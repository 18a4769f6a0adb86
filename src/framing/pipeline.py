"""Score articles: parse once, run the signal table, return JSON-ready results.

The signal table :data:`SIGNALS` is the one list of what ``score()`` computes,
in order. The disclaimer signal runs first; what it finds is excluded from the
body the other signals read.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.article import Article, as_article
from framing.document import Document, parse
from framing.errors import FramingWarning, NotEnglishNewsWarning, OptionError
from framing.evidence import Span
from framing.signals import countries, disclaimers, hedging, sourcing, style

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class ScoreOptions:
    """Options every signal receives. ``targets`` are ``(start, end)`` spans to score sentiment toward."""

    targets: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    run: Callable[[Document, ScoreOptions], dict[str, Any]]
    empty: Callable[[], dict[str, Any]]
    excludes_from_body: bool = False


#: What ``score()`` computes, in order. Disclaimers first: they shape the body.
SIGNALS: tuple[Signal, ...] = (
    Signal("disclaimers", disclaimers.detect, disclaimers.empty, excludes_from_body=True),
    Signal("hedging", hedging.measure, hedging.empty),
    Signal("countries", countries.measure, countries.empty),
    Signal("sourcing", sourcing.measure, sourcing.empty),
    Signal("style", style.measure, style.empty),
)


@dataclass(slots=True)
class ScoredArticle:
    """An article with every signal's scores and evidence.

    ``results`` holds the signal keys of :meth:`to_dict`. ``error`` is set when
    the article could not be read or scored; its signals are then empty.
    """

    article: Article
    results: dict[str, Any]
    language: dict[str, Any]
    stats: dict[str, Any]
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.results[key]

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """JSON-ready output that validates against ``framing/schema/framing.schema.json``."""
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        out.update(self.article.metadata())
        out["error"] = self.error
        out["warnings"] = list(self.warnings)
        out["language"] = dict(self.language)
        out["stats"] = dict(self.stats)
        out["header"] = [
            {"kind": kind, "start": s, "end": e, "text": self.article.text[s:e]} for kind, s, e in self.article.regions
        ]
        out.update(self.results)
        if include_text:
            out["text"] = self.article.text
        return out


def _empty_results() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for signal in SIGNALS:
        out.update(signal.empty())
    return out


def _failed(article: Article, error: str | None, language: dict[str, Any] | None = None) -> ScoredArticle:
    return ScoredArticle(
        article=article,
        results=_empty_results(),
        language=language or {"code": None, "english_share": None, "is_english": None},
        stats={"characters": len(article.text), "words": 0, "body_words": 0, "sentences": 0, "paragraphs": 0},
        error=error,
    )


def _targets(targets: Iterable[Any] | None, text: str) -> tuple[Span, ...]:
    out = []
    for t in targets or ():
        start, end = (t.start, t.end) if isinstance(t, Span) else (int(t[0]), int(t[1]))
        if not 0 <= start < end <= len(text):
            raise OptionError(f"target span ({start}, {end}) is outside the text (length {len(text)})")
        out.append(Span(start, end))
    return tuple(out)


def score(article: Article | str | dict[str, Any], *, targets: Iterable[Any] | None = None) -> ScoredArticle:
    """Score one article (an :class:`Article`, a text, or a record dict).

    ``targets`` are ``(start, end)`` character spans of ``text`` to score
    sentiment toward, besides the countries found. Never raises on a ``str``:
    an article that cannot be scored comes back with ``error`` set.
    """
    from framing.language import detect_language

    article = as_article(article)
    if article.error:
        failed = _failed(article, article.error)
        failed.warnings.extend(article.warnings)
        return failed
    options = ScoreOptions(targets=_targets(targets, article.text))
    caught: list[tuple[str, type[Warning]]] = []
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", FramingWarning)
        try:
            doc = parse(article)
            language = detect_language(doc)
            if not language["is_english"]:
                warnings.warn(
                    f"{article.source or article.id or 'article'}: does not look like English prose "
                    f"({language.get('reason') or 'not English'}; English function words "
                    f"{language['english_share']:.0%} of words); signals not computed",
                    NotEnglishNewsWarning,
                    stacklevel=2,
                )
                result = _failed(article, None, language)
                result.stats = _stats(doc)
            else:
                results: dict[str, Any] = {}
                for signal in SIGNALS:
                    part = signal.run(doc, options)
                    results.update(part)
                    if signal.excludes_from_body:
                        doc.exclude([Span(x["start"], x["end"]) for items in part.values() for x in items])
                result = ScoredArticle(article, results, language, _stats(doc))
        except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
            result = _failed(article, f"{article.source or article.id}: scoring failed: {type(e).__name__}: {e}")
        caught = [(str(w.message), w.category) for w in seen if issubclass(w.category, FramingWarning)]
    for message, category in caught:  # re-emitted with their own class, so callers can filter by it
        warnings.warn(message, category, stacklevel=2)
    result.warnings.extend(article.warnings)  # what the loader assumed (already warned at load time)
    result.warnings.extend(message for message, _category in caught)
    return result


def _stats(doc: Document) -> dict[str, Any]:
    return {
        "characters": len(doc.text),
        "words": doc.words,
        "body_words": doc.body_words,
        "sentences": len(doc.sentences),
        "paragraphs": len(doc.paragraphs),
    }


def score_many(
    articles: Iterable[Article | str | dict[str, Any]], *, n_jobs: int = 1, chunksize: int = 16
) -> Iterator[ScoredArticle]:
    """Score articles in order, yielding as it goes: N in, N out.

    ``n_jobs`` > 1 scores in that many worker processes (``-1``: all cores);
    the output is identical to ``n_jobs=1``. A failed article yields a row
    with its ``error``.
    """
    from framing.parallel import map_ordered

    items = (as_article(a, index=i) for i, a in enumerate(articles))
    yield from map_ordered(score, items, n_jobs=n_jobs, chunksize=chunksize, warm=_load_resources)


def _load_resources() -> None:
    """Score a one-line article, so lexicons, models and VADER are loaded before workers fork and share them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score("Officials in Moscow said exports may rise 12%, according to customs data.")


def to_frame(docs: Sequence[ScoredArticle] | Iterable[ScoredArticle] | Iterable[dict[str, Any]]) -> Any:
    """A pandas DataFrame, one row per article, with the documented columns of :data:`framing.export.ARTICLE_COLUMNS`."""
    from framing.export import articles_frame

    return articles_frame(docs)
