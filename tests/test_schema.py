"""Every output validates against the one published JSON Schema, and evidence offsets hold."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import framing
from framing.schema import load_schema

ROOT = Path(__file__).resolve().parents[1]


def test_there_is_exactly_one_schema_file_and_it_is_valid():
    files = [p for p in ROOT.rglob("*schema*.json") if ".venv" not in p.parts and "build" not in p.parts]
    assert [p.relative_to(ROOT).as_posix() for p in files] == ["src/framing/schema/framing.schema.json"]
    jsonschema.Draft202012Validator.check_schema(load_schema())


def _evidence(node, path="$"):
    """Every dict in the output that carries a span: (path, dict)."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and isinstance(node.get("text"), str):
            yield path, node
        for k, v in node.items():
            yield from _evidence(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _evidence(v, f"{path}[{i}]")


def test_seed_outputs_validate_and_every_span_points_into_the_text(seed_docs):
    schema = load_schema()
    for name, doc in seed_docs.items():
        d = doc.to_dict()
        jsonschema.validate(d, schema)
        text = d["text"]
        spans = list(_evidence({k: v for k, v in d.items() if k != "text"}))
        assert spans, f"{name}: no evidence at all"
        for where, e in spans:
            assert text[e["start"] : e["end"]] == e["text"], f"{name} {where}"


def test_every_signal_key_is_present_for_the_seeds(seed_docs):
    required = set(load_schema()["required"])
    for doc in seed_docs.values():
        assert required <= set(doc.to_dict())


def test_error_rows_validate_too():
    doc = framing.score(framing.Article(text="", id="bad", error="bad.jsonl:3: invalid JSON"))
    d = doc.to_dict()
    jsonschema.validate(d, load_schema())
    assert d["error"] == "bad.jsonl:3: invalid JSON"


@pytest.mark.parametrize("text", ["", " ", "Hello.", "«Привет»", "Exports rose 12% to $3 billion, officials said."])
def test_small_inputs_validate(text):
    d = framing.score(text).to_dict()
    jsonschema.validate(d, load_schema())
    json.dumps(d, allow_nan=False)
