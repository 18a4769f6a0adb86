"""framing.parallel: order-keeping, bounded-memory process map; score_many(n_jobs=...) identical to serial; light imports."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

from framing.export import dumps
from framing.parallel import effective_jobs, map_ordered
from framing.pipeline import score_many

TEXTS = [
    "Russia said trade rose 20%, per customs data.",
    "Pakistan may lose influence, experts believe.",
    "India welcomed the move.",
    "Officials said exports may rise 12%, according to customs data. “We doubt it,” a trader said.",
]


def square(x: int) -> int:
    return x * x


def fail_on_three(x: int) -> int:
    if x == 3:
        raise RuntimeError("three")
    return x


def test_effective_jobs():
    assert effective_jobs(3) == 3
    assert effective_jobs(-1) >= 1
    assert effective_jobs(-1000) == 1
    with pytest.raises(ValueError, match="positive"):
        effective_jobs(0)


@pytest.mark.parametrize("chunksize", [1, 3, 16])
def test_map_ordered_keeps_input_order_in_two_processes(chunksize):
    assert list(map_ordered(square, range(50), n_jobs=2, chunksize=chunksize)) == [x * x for x in range(50)]
    assert list(map_ordered(square, [], n_jobs=2)) == []


def test_map_ordered_streams_reading_a_bounded_window_ahead():
    pulled = []

    def source():
        for i in itertools.count():
            pulled.append(i)
            yield i

    out = map_ordered(square, source(), n_jobs=2, chunksize=4)
    first = list(itertools.islice(out, 5))  # an endless input: only possible if it streams
    out.close()
    assert first == [0, 1, 4, 9, 16]
    assert len(pulled) <= (2 * 2 + 2) * 4  # the chunks in flight, the one being read, and one more


def test_map_ordered_raises_the_worker_error():
    with pytest.raises(RuntimeError, match="three"):
        list(map_ordered(fail_on_three, range(10), n_jobs=2, chunksize=2))


def test_score_many_two_processes_identical_to_one():
    items = TEXTS * 10
    serial = [dumps(d) for d in score_many(items, n_jobs=1)]
    parallel = [dumps(d) for d in score_many(items, n_jobs=2, chunksize=3)]
    assert parallel == serial
    assert [json.loads(line)["id"] for line in parallel] == [str(i) for i in range(len(items))]


def test_import_framing_and_cli_help_stay_light():
    """Workers and the CLI start by importing framing: heavy libraries must wait until a function needs them."""
    probe = (
        "import sys, framing, framing.cli, framing.parallel\n"
        "try:\n    framing.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pandas', 'sklearn', 'textstat', 'nltk', 'numpy', 'vaderSentiment', 'sqlalchemy', 'dask') if m in sys.modules)\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip().splitlines()[-1] == "[]"


def test_jsonl_streams_a_line_at_a_time_without_reading_the_whole_file(tmp_path, monkeypatch):
    """`framing score` over a JSONL of any size: the loader never holds the file, only a record."""
    from pathlib import Path

    from framing.article import iter_articles

    path = tmp_path / "big.jsonl"
    records = [{"id": f"r{i}", "text": f"Story {i}\u2028with a line separator inside the string."} for i in range(50)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n", encoding="utf-8")

    def refuse(self):
        raise AssertionError(f"read the whole of {self}")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    articles = list(iter_articles(path))
    assert [a.id for a in articles[:50]] == [r["id"] for r in records]
    assert [a.text for a in articles[:50]] == [r["text"] for r in records]  # U+2028 does not split a record
    assert articles[50].error and ":51" in articles[50].error


def test_warm_runs_once_in_the_parent_before_forking_and_not_serially():
    import multiprocessing

    calls = []
    assert list(map_ordered(square, range(6), n_jobs=1, warm=lambda: calls.append(1))) == [x * x for x in range(6)]
    assert calls == []
    assert list(map_ordered(square, range(6), n_jobs=2, chunksize=2, warm=lambda: calls.append(1))) == [x * x for x in range(6)]
    assert calls == ([1] if multiprocessing.get_start_method() == "fork" else [])
