"""Peak memory and time of reading article files of growing size, per input format (run by hand).

Usage::

    python benchmarks/loading.py [--sizes 2000 20000] [--text-kb 6]

Writes JSON Lines, a JSON array, CSV and TSV files of N synthetic articles
(news-like sentences, ``--text-kb`` kilobytes each) to a temporary folder and
reads each one with ``framing.iter_articles`` in a fresh process, keeping no
article, so the peak resident memory of that process is what reading costs.
A streaming reader's peak stays flat as N grows; a reader that holds the
file grows with it. The figures back the "Memory and streaming" table of
``docs/scale.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

_WORDS = [
    *[
        "officials",
        "said",
        "the",
        "talks",
        "on",
        "trade",
        "and",
        "security",
        "would",
        "resume",
        "next",
        "week",
        "after",
        "a",
        "pause",
        "of",
        "several",
        "months",
    ],
    *[
        "while",
        "analysts",
        "cautioned",
        "that",
        "the",
        "agreement",
        "could",
        "still",
        "falter",
        "if",
        "either",
        "side",
        "raised",
        "new",
        "demands",
    ],
]

_READ = """
import json, resource, sys, time
import framing
t0 = time.process_time()
n = errors = 0
for article in framing.iter_articles(sys.argv[1]):
    n += 1
    errors += article.error is not None
try:  # this process's own high-water mark (ru_maxrss would carry the parent's from before exec)
    peak_kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
except OSError:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"articles": n, "errors": errors, "cpu_s": time.process_time() - t0, "peak_rss_mb": peak_kb / 1024}))
"""


def _texts(n: int, text_kb: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words: list[str] = []
        size = 0
        while size < text_kb * 1000:
            sentence = [*rng.sample(_WORDS, 12), "."]
            words += sentence
            size += sum(map(len, sentence)) + len(sentence)
        out.append(f"Report {i}: " + " ".join(words).replace(" .", "."))
    return out


def write_files(folder: Path, n: int, text_kb: int) -> dict[str, Path]:
    """One file per format holding the same ``n`` articles."""
    records = [{"id": f"a{i}", "title": f"Report {i}", "text": t} for i, t in enumerate(_texts(n, text_kb))]
    paths = {fmt: folder / f"articles_{n}.{fmt}" for fmt in ("jsonl", "json", "csv", "tsv")}
    with paths["jsonl"].open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with paths["json"].open("w", encoding="utf-8") as f:
        json.dump(records, f, ensure_ascii=False, indent=1)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        with paths[fmt].open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=["id", "title", "text"], delimiter=delimiter)
            writer.writeheader()
            writer.writerows(records)
    return paths


def read_in_fresh_process(path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000], help="articles per file (default 2000 20000)")
    p.add_argument("--text-kb", type=int, default=6, help="kilobytes of text per article (default 6)")
    args = p.parse_args(argv)
    print(f"{'format':8s} {'articles':>9s} {'file MB':>8s} {'read CPU s':>11s} {'peak RSS MB':>12s}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            for fmt, path in write_files(Path(tmp), n, args.text_kb).items():
                got = read_in_fresh_process(path)
                assert got["articles"] == n and got["errors"] == 0, got
                mb = path.stat().st_size / 1e6
                print(f"{fmt:8s} {n:9,d} {mb:8.1f} {got['cpu_s']:11.2f} {got['peak_rss_mb']:12.0f}")
                path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
