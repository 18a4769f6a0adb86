"""Instructions per article of the framing analysis and of a per-sentence VADER pass, counted by callgrind.

Run by hand (not a test): ``python benchmarks/instructions.py ../shared/data [--limit 50] [--stages]``.
Needs ``valgrind`` (Debian package ``valgrind``); about a minute per run on 50 articles.

Why a second benchmark beside ``throughput.py``: on a shared machine, seconds move with what else runs (the
same code measured 2.4-3.3 ms/article for VADER within an hour), while callgrind's instruction count is the
same run after run. It is a proxy: it does not see cache misses, and framing's larger working set makes an
instruction cost more than VADER's (on our machine the time ratio has been about 1.5x the instruction ratio).
Use it to tell whether a change made the code do less work; use ``throughput.py`` for the time the user sees.

Each figure is ``(instructions with N articles - instructions with 0) / N``, both runs having imported
everything and scored the same 10 warm-up articles, so start-up and loading cancel out. ``--stages`` also
counts parse, language detection and each entry of :data:`framing.pipeline.SIGNALS` by running the
pipeline cut after each stage (the difference of consecutive cuts is that stage).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_WARM = 10
_COLLECTED = re.compile(r"Collected\s*:\s*([\d,]+)")


def _texts(data: str, limit: int) -> list[str]:
    sys.path.insert(0, str(Path(__file__).parent))
    from throughput import read_records

    return [r["text"] for r in read_records(Path(data), limit + _WARM)]


def _run_framing(texts: list[str], cut: int | None) -> None:
    """Score ``texts``: the whole of ``framing.score`` (cut None), or the pipeline up to ``cut`` stages."""
    import warnings

    warnings.simplefilter("ignore")
    if cut is None:
        import framing

        for t in texts:
            framing.score(t)
        return
    from framing.document import parse
    from framing.evidence import Span
    from framing.language import detect_language
    from framing.pipeline import SIGNALS, ScoreOptions

    options = ScoreOptions()
    for t in texts:
        doc = parse(t)
        if cut >= 2:
            detect_language(doc)
        for signal in SIGNALS[: max(0, cut - 2)]:
            part = signal.run(doc, options)
            if signal.excludes_from_body:
                doc.exclude([Span(x["start"], x["end"]) for items in part.values() for x in items])


def _run_vader(texts: list[str]) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    split = re.compile(r"(?<=[.!?])\s+")  # as throughput.py and the contract check split
    analyser = SentimentIntensityAnalyzer()
    for t in texts:
        for sentence in split.split(t):
            analyser.polarity_scores(sentence)


def _inner(args: argparse.Namespace) -> None:
    texts = _texts(args.data, args.limit)
    warm, measured = texts[:_WARM], texts[_WARM : _WARM + args.n]
    if args.what == "vader":
        _run_vader(warm)
        _run_vader(measured)
    else:
        cut = None if args.what == "framing" else int(args.what)
        _run_framing(warm, cut)
        _run_framing(measured, cut)


def _count(args: argparse.Namespace, what: str, n: int) -> int:
    cmd = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, __file__, args.data, "--limit", str(args.limit), "--inner", what, "--n", str(n),
    ]  # fmt: skip
    # One hash seed for every run: set and dict layouts (so iteration orders and probe counts) follow the
    # seed, which moved a stage's count by 50k-800k instructions per article between otherwise equal runs.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    r = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    m = _COLLECTED.search(r.stderr)
    if r.returncode or not m:
        raise SystemExit(f"callgrind run failed ({what}, n={n}): {r.stderr.strip()[-300:]}")
    return int(m.group(1).replace(",", ""))


def per_article(args: argparse.Namespace, what: str) -> float:
    """Instructions per article of ``what``, start-up and warm-up cancelled out."""
    return (_count(args, what, args.limit) - _count(args, what, 0)) / args.limit


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default="../shared/data", help="the shared data folder, or a JSONL file")
    p.add_argument("--limit", type=int, default=50, help="articles counted (default 50)")
    p.add_argument("--stages", action="store_true", help="also count each stage of the pipeline")
    p.add_argument("--inner", help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.inner:
        args.what = args.inner
        _inner(args)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")

    out = sys.stdout.write
    framing_i = per_article(args, "framing")
    vader_i = per_article(args, "vader")
    out(f"{args.limit} articles after {_WARM} warm-up ones, instructions per article (callgrind):\n")
    out(f"framing score      : {framing_i / 1e6:8.2f} M\n")
    out(f"VADER per sentence : {vader_i / 1e6:8.2f} M\n")
    out(f"ratio framing/VADER: {framing_i / vader_i:8.2f} (instructions; see the docstring for what they miss)\n")
    if args.stages:
        from framing.pipeline import SIGNALS

        names = ["parse", "language", *(s.name for s in SIGNALS)]
        cuts = [per_article(args, str(k)) for k in range(1, len(names) + 1)]
        out("\nstage          M instructions/article   share\n")
        previous = 0.0
        for name, total in zip(names, cuts, strict=True):
            out(f"{name:<14}{(total - previous) / 1e6:10.2f}{(total - previous) / cuts[-1]:14.1%}\n")
            previous = total
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
