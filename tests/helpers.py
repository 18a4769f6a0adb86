"""Helpers shared by the test suite.

:func:`evidence_dicts` walks any JSON-ready output (a scored article's
``to_dict()``) and finds every evidence-like dict in it: a dict with integer
``start`` and ``end`` and a string ``text``. :func:`offset_violations` checks
each against the offset invariant every signal promises,
``article_text[start:end] == text``, so a new signal is checked without
anyone listing its keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def evidence_dicts(output: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(json_path, dict)`` for every dict with int ``start``/``end`` and str ``text``, depth first.

    The top-level dict of a scored article holds the whole ``text``; it has no
    ``start``/``end`` and so is not itself evidence.
    """
    if isinstance(output, dict):
        if _is_int(output.get("start")) and _is_int(output.get("end")) and isinstance(output.get("text"), str):
            yield path, output
        for key in sorted(output, key=str):
            yield from evidence_dicts(output[key], f"{path}.{key}")
    elif isinstance(output, (list, tuple)):
        for i, item in enumerate(output):
            yield from evidence_dicts(item, f"{path}[{i}]")


def offset_violations(output: dict[str, Any], text: str | None = None) -> list[str]:
    """Every evidence dict in ``output`` whose offsets do not give back its text, as messages.

    ``text`` defaults to ``output["text"]`` (a ``to_dict()`` with its text).
    Empty when the invariant holds everywhere.
    """
    if text is None:
        text = output["text"]
    problems = []
    for path, ev in evidence_dicts(output):
        start, end = ev["start"], ev["end"]
        if not 0 <= start <= end <= len(text):
            problems.append(f"{path}: span ({start}, {end}) outside a text of {len(text)} characters")
        elif text[start:end] != ev["text"]:
            problems.append(f"{path}: text[{start}:{end}] is {text[start:end]!r}, evidence says {ev['text']!r}")
    return problems


def assert_offsets_hold(output: dict[str, Any], text: str | None = None) -> int:
    """Assert the offset invariant on every evidence dict; return how many were checked."""
    problems = offset_violations(output, text)
    assert not problems, "\n".join(problems[:10])
    return sum(1 for _ in evidence_dicts(output))
