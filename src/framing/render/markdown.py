"""Markdown report (placeholder)."""

from __future__ import annotations

from typing import Any

from framing.render import terminal


def render(data: dict[str, Any]) -> str:
    return "# framing comparison\n\n```\n" + terminal.render(data) + "```\n"
