"""The wheel carries everything the library reads at run time: lexicons, schema, models, py.typed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    (whl,) = out.glob("framing-*.whl")
    return zipfile.ZipFile(whl)


def test_wheel_ships_every_lexicon(wheel):
    names = set(wheel.namelist())
    for tsv in sorted((ROOT / "lexicons").glob("*.tsv")):
        assert f"framing/_lexicons/{tsv.name}" in names


def test_wheel_ships_schema_models_and_type_marker(wheel):
    names = set(wheel.namelist())
    assert "framing/schema/framing.schema.json" in names
    assert "framing/py.typed" in names
    for model in sorted((ROOT / "src" / "framing" / "models").glob("*")):
        if model.is_file() and model.suffix != ".py":
            assert f"framing/models/{model.name}" in names


def test_wheel_has_no_tests_or_data_sets(wheel):
    assert not [n for n in wheel.namelist() if n.startswith(("tests/", "seeds/")) or "shared" in n]
