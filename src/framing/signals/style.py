"""Signals beyond the core four: readability, loaded language, frames and the headline."""

from __future__ import annotations

from typing import Any

from framing.document import Document


def empty() -> dict[str, Any]:
    return {"readability": {}, "loaded_language": {}, "frames": {}, "headline": {}}


def measure(doc: Document, options: Any) -> dict[str, Any]:
    return empty()
