"""Same input, byte-identical output: across calls, across processes (any hash seed), across n_jobs.

Set and dict iteration order of strings changes with ``PYTHONHASHSEED``; a
signal that iterates a set of findings without sorting shows up here as output
that differs between two interpreters.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

import framing
from framing import cli

pytestmark = pytest.mark.filterwarnings("ignore::framing.errors.FramingWarning")

TEXTS = [
    "Officials said exports to Russia rose 12% to $3 billion, according to customs data. India may benefit, "
    "experts believe, while Pakistan could lose influence. “We are not worried,” a Pakistani minister said.",
    "Russia, China, Iran, India, Pakistan, Afghanistan, Tajikistan and Uzbekistan met; some reports suggest "
    "250 tons of goods, perhaps more, crossed the border. Disclaimer: views are the author's own.",
    "Le gouvernement a annoncé une hausse de 12 % des dépenses, selon le ministère des Armées cette semaine.",
    "",
]

_DUMP = "import framing, hashlib, json, sys, warnings\nwarnings.simplefilter('ignore')\n" + (
    "texts = json.loads(sys.stdin.read())\n"
    "seeds = [framing.load(p)[0] for p in sys.argv[1:]]\n"
    "out = [json.dumps(framing.score(t).to_dict(), ensure_ascii=False) for t in texts + seeds]\n"
    "print(hashlib.sha256('\\n'.join(out).encode('utf-8', 'surrogatepass')).hexdigest())\n"
)


def dumps(doc) -> str:
    """JSON as export writes it: insertion order kept, so key order counts too."""
    return json.dumps(doc.to_dict(), ensure_ascii=False)


def test_same_input_same_bytes_within_a_process(seed_paths):
    items = [*TEXTS, *(framing.load(p)[0] for p in seed_paths)]
    first = [dumps(framing.score(t)) for t in items]
    # Score in reverse order in between: no state from one article may leak into another.
    for t in reversed(items):
        framing.score(t)
    assert [dumps(framing.score(t)) for t in items] == first


def test_same_bytes_across_interpreters_with_different_hash_seeds(seed_paths):
    digests = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", _DUMP, *map(str, seed_paths)],
            input=json.dumps(TEXTS),
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        digests.add(proc.stdout.strip())
    here = [dumps(framing.score(t)) for t in TEXTS + [framing.load(p)[0] for p in seed_paths]]
    digests.add(hashlib.sha256("\n".join(here).encode("utf-8", "surrogatepass")).hexdigest())
    assert len(digests) == 1, "output depends on the hash seed (a set or dict iterated without sorting)"


def test_n_jobs_does_not_change_the_output(seed_paths):
    items = [*TEXTS, *(framing.load(p)[0] for p in seed_paths)] * 6
    serial = [dumps(d) for d in framing.score_many(items, n_jobs=1)]
    parallel = [dumps(d) for d in framing.score_many(items, n_jobs=2, chunksize=3)]
    assert parallel == serial


def test_cli_files_are_byte_identical_across_runs_and_jobs(tmp_path, seed_paths, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate(TEXTS)) + "\n{bad\n")
    outputs = []
    for n, jobs in enumerate(("1", "1", "2")):
        out = tmp_path / f"out{n}.jsonl"
        cli.main(["score", *map(str, seed_paths), str(feed), "-o", str(out), "-j", jobs, "--no-progress"])
        outputs.append(out.read_bytes())
    capsys.readouterr()
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count(b"\n") == len(seed_paths) + len(TEXTS) + 1
