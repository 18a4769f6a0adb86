"""The published JSON Schema of framing's output (one file; ``$defs.comparison`` covers comparisons)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "framing.schema.json"


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema every ``ScoredArticle.to_dict()`` validates against."""
    return json.loads((resources.files("framing.schema") / SCHEMA_FILE).read_text(encoding="utf-8"))
