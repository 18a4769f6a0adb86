"""Self-contained HTML report (placeholder). Article text is untrusted: everything is escaped."""

from __future__ import annotations

import html
from typing import Any

from framing.render import terminal


def render(data: dict[str, Any]) -> str:
    body = html.escape(terminal.render(data))
    return f"<!doctype html><meta charset='utf-8'><title>framing comparison</title><pre>{body}</pre>\n"
