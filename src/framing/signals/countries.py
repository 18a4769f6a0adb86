"""Sentiment toward each country an article mentions, and toward caller-given target spans."""

from __future__ import annotations

from typing import Any

from framing.document import Document


def empty() -> dict[str, Any]:
    return {"countries": [], "targets": []}


def measure(doc: Document, options: Any) -> dict[str, Any]:
    return empty()
