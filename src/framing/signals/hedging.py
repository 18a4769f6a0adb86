"""Hedged versus assertive language (Hyland's stance markers), with every cue as evidence."""

from __future__ import annotations

from typing import Any

from framing.document import Document


def _voice() -> dict[str, Any]:
    return {
        "words": 0,
        "hedge_count": 0,
        "booster_count": 0,
        "hedge_rate_per_1k_words": 0.0,
        "booster_rate_per_1k_words": 0.0,
        "assertiveness": 0.0,
    }


def empty() -> dict[str, Any]:
    return {
        "hedging": {
            **_voice(),
            "hedges": [],
            "boosters": [],
            "uncertain_sentences": [],
            "own_voice": _voice(),
            "quoted": _voice(),
        }
    }


def measure(doc: Document, options: Any) -> dict[str, Any]:
    return empty()
