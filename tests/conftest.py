"""Shared fixtures: the seed articles, and the shared data folder (tests that need it skip without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    assert len(SEEDS) == 2, "seeds/ must hold the two seed articles"
    return SEEDS


@pytest.fixture(scope="session")
def seed_docs(seed_paths):
    """The two seeds, loaded through the .txt loader and scored once."""
    import framing

    return {p.name: framing.score(framing.load(p)[0]) for p in seed_paths}


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared/data is not present (a user's clone): dataset checks skipped")
    return data


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    import json

    gold = SHARED / "gold" / "seeds.json"
    if not gold.exists():
        pytest.skip("../shared/gold/seeds.json is not present")
    return json.loads(gold.read_text(encoding="utf-8"))
