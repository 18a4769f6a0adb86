"""Throughput of the whole framing analysis, side by side with a per-sentence VADER pass.

Run by hand (not a timed test): ``nice python benchmarks/throughput.py ../shared/data [--limit N]``.

What it prints, all measured in this one run on the same articles:

* ``parse`` and every entry of :data:`framing.pipeline.SIGNALS` timed separately
  (seconds, share of the total, MB/s), so signal owners can see what to cut;
* the end-to-end ``framing.score_many`` time (articles/s and MB/s on one core);
* the VADER pass a user would otherwise run: ``SentimentIntensityAnalyzer.polarity_scores``
  on every sentence of the same articles (sentences split as the contract check splits them);
* the ratio framing / VADER (goal: <= 1.0);
* peak resident memory of this process (it holds the texts) and the cold start of ``framing --help``.

``--jobs N`` adds an ``n_jobs=N`` run of ``score_many`` and its speed-up over one process,
checking that the output is identical.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

# The split the contract check uses for the VADER side: what a user would do without a parser.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def read_records(data: Path, limit: int) -> list[dict]:
    path = data / "allsides-article-bias" / "sample_5000.jsonl" if data.is_dir() else data
    records = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(records) >= limit:
                break
            if line.strip():
                record = json.loads(line)
                record["text"] = record.get("content_original") or record.get("content") or record.get("text") or ""
                records.append(record)
    return records


def time_breakdown(articles: list) -> tuple[dict[str, float], dict[str, int]]:
    """CPU seconds spent in parse, language detection and each signal over all articles (as ``score`` runs
    them), and how many articles each signal raised on. CPU time, not wall time: on a shared machine wall
    time also counts the time other processes held the core."""
    import warnings

    from framing.document import parse
    from framing.evidence import Span
    from framing.language import detect_language
    from framing.pipeline import SIGNALS, ScoreOptions

    clock = time.process_time
    spent = {"parse": 0.0, "language": 0.0, **{s.name: 0.0 for s in SIGNALS}}
    options = ScoreOptions()
    failed: dict[str, int] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for article in articles:
            t0 = clock()
            doc = parse(article)
            t1 = clock()
            language = detect_language(doc)
            spent["parse"] += t1 - t0
            spent["language"] += clock() - t1
            if not language["is_english"]:
                continue
            for signal in SIGNALS:
                t0 = clock()
                try:
                    part = signal.run(doc, options)
                except Exception:  # noqa: BLE001 - counted, as score() would make it an error row
                    failed[signal.name] = failed.get(signal.name, 0) + 1
                    part = signal.empty()
                if signal.excludes_from_body:
                    doc.exclude([Span(x["start"], x["end"]) for items in part.values() for x in items])
                spent[signal.name] += clock() - t0
    return spent, failed


def vader_pass(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of VADER's ``polarity_scores`` on every sentence of ``texts``."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        for sentence in _SENTENCE_SPLIT.split(text):
            analyser.polarity_scores(sentence)
    return time.perf_counter() - t0, time.process_time() - c0


def cold_start(repeats: int = 5) -> float:
    """Best wall time of ``framing --help`` in a fresh interpreter (seconds)."""
    exe = Path(sys.executable).parent / "framing"
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "framing.cli", "--help"]
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default="../shared/data", help="the shared data folder, or a JSONL file")
    p.add_argument("--limit", type=int, default=5000, help="articles to score (default 5000)")
    p.add_argument("--jobs", type=int, default=0, help="also time score_many(n_jobs=JOBS) and check it is identical")
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = p.parse_args(argv)

    import warnings

    from framing.article import as_article
    from framing.export import dumps
    from framing.pipeline import score, score_many

    records = read_records(Path(args.data), args.limit)
    articles = [as_article(r, index=i) for i, r in enumerate(records)]
    texts = [a.text for a in articles]
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    score(texts[0])  # warm: lexicons loaded, lazy imports done

    breakdown, signal_failures = time_breakdown(articles)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0, c0 = time.perf_counter(), time.process_time()
        serial = list(score_many(articles))
        framing_s, framing_cpu = time.perf_counter() - t0, time.process_time() - c0
    vader_s, vader_cpu = vader_pass(texts)

    figures = {
        "articles": n,
        "megabytes": round(mb, 2),
        "framing_seconds": round(framing_s, 3),
        "framing_articles_per_s": round(n / framing_s, 1),
        "framing_mb_per_s": round(mb / framing_s, 3),
        "vader_seconds": round(vader_s, 3),
        "vader_articles_per_s": round(n / vader_s, 1),
        "vader_mb_per_s": round(mb / vader_s, 3),
        "ratio_framing_to_vader": round(framing_s / vader_s, 3),
        "framing_cpu_seconds": round(framing_cpu, 3),
        "vader_cpu_seconds": round(vader_cpu, 3),
        "cpu_ratio_framing_to_vader": round(framing_cpu / vader_cpu, 3),
        "framing_cpu_articles_per_s": round(n / framing_cpu, 1),
        "vader_cpu_articles_per_s": round(n / vader_cpu, 1),
        "breakdown_seconds": {k: round(v, 3) for k, v in breakdown.items()},
        "failed_articles": sum(1 for d in serial if d.error),
        "signal_failures": signal_failures,
    }
    if args.jobs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0, c0 = time.perf_counter(), time.process_time()
            parallel = list(score_many(articles, n_jobs=args.jobs))
            parallel_s, parent_cpu = time.perf_counter() - t0, time.process_time() - c0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            workers_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
        figures["parallel_jobs"] = args.jobs
        figures["parallel_seconds"] = round(parallel_s, 3)
        figures["parallel_speedup"] = round(framing_s / parallel_s, 2)
        figures["parallel_identical"] = [dumps(d) for d in parallel] == [dumps(d) for d in serial]
        # CPU seconds, unlike wall time, do not depend on what else the machine runs: the pool's
        # overhead is the extra CPU it spends (pickling, start-up) over the serial run.
        figures["serial_cpu_seconds"] = round(framing_cpu, 3)
        figures["parallel_cpu_seconds"] = round(parent_cpu + workers_cpu, 3)
        figures["parallel_cpu_efficiency"] = round(framing_cpu / (parent_cpu + workers_cpu), 3)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    figures["cold_start_help_s"] = round(cold_start(), 3)

    total = sum(breakdown.values())
    out = sys.stdout.write
    out(f"{n} articles, {mb:.1f} MB (mean {1000 * mb / max(n, 1):.1f} kB)\n\n")
    out("CPU time per stage (same pipeline as score, each stage timed alone):\n")
    out(f"{'stage':<14}{'seconds':>9}{'share':>8}{'MB/s':>9}{'ms/article':>12}\n")
    for name, spent in breakdown.items():
        rate = f"{mb / spent:9.2f}" if spent > 0 else f"{'-':>9}"
        out(f"{name:<14}{spent:9.2f}{spent / total:8.1%}{rate}{1000 * spent / n:12.3f}\n")
    out(f"{'sum':<14}{total:9.2f}{1:8.0%}{mb / total:9.2f}{1000 * total / n:12.3f}\n\n")
    out(f"framing score_many : {framing_s:7.2f} s  {n / framing_s:7.1f} articles/s  {mb / framing_s:6.2f} MB/s (one core)\n")
    out(f"VADER per sentence : {vader_s:7.2f} s  {n / vader_s:7.1f} articles/s  {mb / vader_s:6.2f} MB/s (one core)\n")
    out(f"ratio framing/VADER: {framing_s / vader_s:.2f} wall, {framing_cpu / vader_cpu:.2f} CPU (goal <= 1.0)\n")
    out(
        f"CPU time           : framing {framing_cpu:.2f} s ({n / framing_cpu:.1f} articles/s), "
        f"VADER {vader_cpu:.2f} s ({n / vader_cpu:.1f} articles/s)\n"
    )
    if figures["failed_articles"] or signal_failures:
        out(f"failed articles    : {figures['failed_articles']} (raised, per signal: {signal_failures})\n")
    if args.jobs:
        out(
            f"n_jobs={args.jobs}          : {figures['parallel_seconds']:7.2f} s  speed-up {figures['parallel_speedup']:.2f}x"
            f"  identical to n_jobs=1: {figures['parallel_identical']}\n"
        )
        out(
            f"CPU seconds        : serial {figures['serial_cpu_seconds']:.2f}, n_jobs={args.jobs} "
            f"{figures['parallel_cpu_seconds']:.2f} (parent + workers): efficiency {figures['parallel_cpu_efficiency']:.0%}\n"
        )
    out(f"peak RSS           : {figures['peak_rss_mb']:.0f} MB (this process, texts and results held)\n")
    out(f"framing --help     : {figures['cold_start_help_s']:.3f} s cold start (best of 5)\n")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
