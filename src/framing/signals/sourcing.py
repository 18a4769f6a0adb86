"""Figures stated as fact and who they are attributed to; direct quotes and their speakers."""

from __future__ import annotations

from typing import Any

from framing.document import Document


def empty() -> dict[str, Any]:
    return {
        "figures": [],
        "sourcing": {"figures": 0, "sourced": 0, "share_sourced": None, "share_vague": None},
        "quotes": [],
        "voices": [],
    }


def measure(doc: Document, options: Any) -> dict[str, Any]:
    return empty()
