"""Side-by-side comparison of outlets covering the same event (placeholder: one event, per-article rows)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from framing.score import SCHEMA_VERSION, ScoredArticle, score


@dataclass
class Comparison:
    events: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "events": self.events}

    def to_frame(self) -> Any:
        import pandas as pd  # noqa: PLC0415

        rows = []
        for ev in self.events:
            for a in ev["articles"]:
                for signal, value in a["signals"].items():
                    rows.append({"event": ev["id"], "outlet": a["outlet"], "article": a["id"], "signal": signal, "value": value})
        return pd.DataFrame(rows, columns=["event", "outlet", "article", "signal", "value"])


def compare(articles: Iterable[Any], **_options: Any) -> Comparison:
    docs = [a if isinstance(a, ScoredArticle) else score(a) for a in articles]
    rows = []
    for d in docs:
        h = d.results["hedging"]
        rows.append(
            {
                "id": d.article.id,
                "outlet": d.article.outlet or d.article.id,
                "signals": {
                    "hedge_rate_per_1k_words": h["hedge_rate_per_1k_words"],
                    "assertiveness": h["assertiveness"],
                },
            }
        )
    return Comparison(events=[{"id": "event-1", "articles": rows}])
