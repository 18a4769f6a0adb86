"""Side-by-side comparison of outlets covering the same event.

``compare(articles)`` groups articles into events (:mod:`framing.comparison.events`) and, for each
event, sets the articles side by side (:mod:`framing.comparison.differences`): a table of signals
per article, country sentiment per article, which countries and people one covers that another
omits, figures in common or in disagreement, and findings ranked by size, each with the evidence
spans of both sides and a flag when the difference is within noise.

>>> import framing
>>> c = framing.compare(["Russia said trade rose 20%.", "Russia said trade rose 30%."])
>>> len(c.events)
1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from framing.comparison.differences import article_signals, compare_event, voices_by_country
from framing.comparison.events import DEFAULT_THRESHOLD, EventGroup, group_events, pairwise_scores
from framing.render._common import highlights

__all__ = ["DEFAULT_THRESHOLD", "Comparison", "EventGroup", "compare", "group_events", "pairwise_scores"]

#: Columns of :meth:`Comparison.to_frame`, in order.
FRAME_COLUMNS = ("event", "outlet", "article", "signal", "value")


@dataclass(slots=True)
class Comparison:
    """The result of :func:`compare`: events, each with its articles side by side.

    ``events`` is a list of plain dicts (the ``events`` of :meth:`to_dict`, described by
    ``$defs.comparison`` in the schema); ``unscored`` lists articles that could not be scored
    (id and error), left out of the grouping.
    """

    events: list[dict[str, Any]]
    threshold: float = DEFAULT_THRESHOLD
    unscored: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """JSON-ready comparison: ``schema_version``, ``threshold``, ``events``, ``unscored``.

        ``include_text=False`` drops each article's full text (the HTML report needs it; JSON
        consumers may not).
        """
        import framing

        events = self.events
        if not include_text:
            events = [{**ev, "articles": [{k: v for k, v in a.items() if k != "text"} for a in ev["articles"]]} for ev in events]
        return {
            "schema_version": framing.SCHEMA_VERSION,
            "threshold": self.threshold,
            "events": events,
            "unscored": list(self.unscored),
        }

    def to_frame(self) -> Any:
        """Tidy long-form pandas DataFrame: one row per event, outlet, article and numeric signal.

        Signals are the table's (``hedge_rate_per_1k_words``, ``share_figures_sourced``, …) plus
        ``sentiment.<ISO3>`` and ``mentions.<ISO3>`` per country the article mentions. Missing
        values (a signal an article has no data for) are NaN.
        """
        import pandas as pd

        rows = []
        for ev in self.events:
            for a in ev["articles"]:
                for signal, value in a["signals"].items():
                    rows.append((ev["id"], a["outlet"], a["id"], signal, value))
            for c in ev["country_sentiment"]:
                for art_id, v in c["articles"].items():
                    outlet = next(a["outlet"] for a in ev["articles"] if a["id"] == art_id)
                    rows.append((ev["id"], outlet, art_id, f"sentiment.{c['code']}", v["sentiment"]))
                    rows.append((ev["id"], outlet, art_id, f"mentions.{c['code']}", v["mentions"]))
        frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
        return frame


def _as_dict(item: Any, index: int) -> dict[str, Any]:
    """A scored-article dict from a scored article, its dict, or anything ``framing.score`` accepts.

    Unscored inputs get their position as id when they carry none, so results map back to inputs.
    """
    if isinstance(item, dict) and "schema_version" in item:
        d = dict(item)
    elif hasattr(item, "to_dict") and hasattr(item, "article"):
        d = item.to_dict()
    else:
        import framing
        from framing.article import as_article

        d = framing.score(as_article(item, index=index)).to_dict()
    if not d.get("id"):
        d["id"] = str(index)
    return d


def _unique_ids(docs: list[dict[str, Any]]) -> None:
    seen: dict[str, int] = {}
    for d in docs:
        base = str(d["id"])
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            d["id"] = f"{base}#{seen[base]}"


def _labels(docs: list[dict[str, Any]]) -> dict[str, str]:
    """How an article is named in reports: its outlet if that is unique in the event, else outlet and id.

    Without an outlet, the id (and author): "000_f1f1 (Sagar)".
    """
    outlets: dict[str, int] = {}
    for d in docs:
        if d.get("outlet"):
            outlets[d["outlet"]] = outlets.get(d["outlet"], 0) + 1
    out = {}
    for d in docs:
        if d.get("outlet"):
            out[d["id"]] = d["outlet"] if outlets[d["outlet"]] == 1 else f"{d['outlet']} [{d['id']}]"
        else:
            out[d["id"]] = f"{d['id']} ({d['author']})" if d.get("author") else str(d["id"])
    return out


def _outlet(d: dict[str, Any]) -> str:
    return str(d.get("outlet") or d.get("author") or d.get("id"))


def compare(articles: Iterable[Any], *, threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """Group articles into events and compare the outlets within each event.

    ``articles``: scored articles (:class:`~framing.ScoredArticle` or their ``to_dict()``), or
    anything :func:`framing.score` accepts (scored first). ``threshold`` (0-1) is the similarity
    two articles need to be put in one event; an article's ``event`` field overrides it.
    Deterministic: the same articles in the same order give the same comparison.
    """
    docs = [_as_dict(a, i) for i, a in enumerate(articles)]
    _unique_ids(docs)
    unscored = [{"id": d["id"], "error": d.get("error")} for d in docs if d.get("error")]
    docs = [d for d in docs if not d.get("error")]
    groups = group_events(docs, threshold=threshold)
    events = []
    for n, g in enumerate(groups, 1):
        arts = [docs[i] for i in g.members]
        labels = _labels(arts)
        rows = []
        for d, sim in zip(arts, g.member_similarity, strict=True):
            rows.append(
                {
                    "id": d["id"],
                    "outlet": _outlet(d),
                    "label": labels[d["id"]],
                    "title": d.get("title"),
                    "date": d.get("date"),
                    "url": d.get("url"),
                    "similarity": sim,
                    "words": int((d.get("stats") or {}).get("body_words") or 0),
                    "signals": article_signals(d),
                    "voices_by_country": voices_by_country(d),
                    "highlights": highlights(d),
                    "text": d.get("text") or "",
                }
            )
        event = {
            "id": g.key if g.key is not None else f"event-{n}",
            "method": g.method,
            "similarity": g.similarity,
            "min_similarity": g.min_similarity,
            "terms": list(g.terms),
            "articles": rows,
        }
        event.update(compare_event(arts, labels))
        events.append(event)
    return Comparison(events=events, threshold=threshold, unscored=unscored)
