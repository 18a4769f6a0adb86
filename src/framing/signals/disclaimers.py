"""Disclaimers, editorial notes and boilerplate: text about the article, not the news.

Runs first: the pipeline keeps what it finds out of the body, so the other
signals do not score it (a disclaimer's "interpretations may change" is not the
outlet hedging its reporting).
"""

from __future__ import annotations

from typing import Any

from framing.document import Document


def empty() -> dict[str, Any]:
    return {"disclaimers": [], "boilerplate": []}


def detect(doc: Document, options: Any) -> dict[str, Any]:
    return empty()
