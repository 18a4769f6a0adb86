"""Pairwise precision/recall/F1 of framing's event grouping on BASIL and NeuS/AllSides.

Usage: python evaluation/grouping.py [DATA_DIR] [--threshold T] [--sweep] [--only basil|neus] [--speed N]

BASIL (``DATA_DIR/basil/articles/<year>/<triplet-uuid>_<n>.json``): every event is covered by
Fox, NYT and HuffPost. The grouping sees title, date and body text only; the triplet uuid (the
gold event) and the file name are never shown to it. NeuS/AllSides
(``DATA_DIR/neus-allsides/raw_crawled/*.jsonl``): each AllSides story page gives a left, centre
and right excerpt (title + first paragraphs); the story id is the gold event.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from framing.comparison.events import DEFAULT_THRESHOLD, group_events, pairwise_scores


def basil(data: Path) -> tuple[list[dict], list[str]]:
    items, gold = [], []
    for f in sorted((data / "basil" / "articles").glob("*/*.json")):
        rec = json.loads(f.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in rec.get("body-paragraphs", []))
        items.append({"title": rec.get("title"), "date": rec.get("date"), "text": body})
        gold.append(rec["triplet-uuid"])
    return items, gold


def neus(data: Path) -> tuple[list[dict], list[str]]:
    items, gold = [], []
    for f in sorted((data / "neus-allsides" / "raw_crawled").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            for side in ("left", "center", "right"):
                a = (rec.get("news") or {}).get(side)
                if not a or not a.get("newBody"):
                    continue
                items.append({"title": a.get("newsTitle"), "date": None, "text": "\n\n".join(a["newBody"])})
                gold.append(str(rec["id"]))
    return items, gold


def evaluate(name: str, items: list[dict], gold: list[str], thresholds: list[float]) -> None:
    print(f"{name}: {len(items)} articles, {len(set(gold))} events")
    for t in thresholds:
        t0 = time.perf_counter()
        groups = group_events(items, threshold=t)
        dt = time.perf_counter() - t0
        label = [0] * len(items)
        for k, g in enumerate(groups):
            for i in g.members:
                label[i] = k
        s = pairwise_scores(label, gold)
        mark = "  <- default" if abs(t - DEFAULT_THRESHOLD) < 1e-9 else ""
        print(
            f"  threshold {t:.2f}: pairwise P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
            f"  ({len(groups)} groups, {dt:.1f}s){mark}"
        )


def speed(data: Path, n: int) -> None:
    """Cost of compare() (grouping + differences) and of the three reports on n scored AllSides articles."""
    import framing
    from framing.render import html, markdown, terminal

    path = data / "allsides-article-bias" / "sample_5000.jsonl"
    rows = []
    with path.open(encoding="utf-8") as f:
        for line, _ in zip(f, range(n), strict=False):
            rows.append(json.loads(line))
    arts = [
        framing.Article(text=r.get("content_original") or "", id=str(i), outlet=r.get("source"), title=r.get("title"), date=r.get("date"))
        for i, r in enumerate(rows)
    ]
    mb = sum(len(a.text.encode()) for a in arts) / 1e6
    framing.compare(arts[:2])  # warm imports (scikit-learn, scipy)
    t0 = time.perf_counter()
    docs = [framing.score(a) for a in arts]
    t1 = time.perf_counter()
    comparison = framing.compare(docs)
    t2 = time.perf_counter()
    data_dict = comparison.to_dict()
    for render in (terminal.render, markdown.render, html.render):
        render(data_dict)
    t3 = time.perf_counter()
    print(
        f"{len(arts)} AllSides articles ({mb:.2f} MB): scoring {t1 - t0:.2f}s; compare {t2 - t1:.2f}s "
        f"({mb / (t2 - t1):.2f} MB/s, {100 * (t2 - t1) / (t1 - t0):.0f}% of scoring), {len(comparison.events)} events; "
        f"three reports {t3 - t2:.2f}s"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default="../shared/data", help="folder holding basil/ and neus-allsides/")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    p.add_argument("--sweep", action="store_true", help="also report a range of thresholds")
    p.add_argument("--only", choices=("basil", "neus"), help="evaluate one data set")
    p.add_argument("--speed", type=int, metavar="N", help="instead, time compare() on N AllSides articles")
    args = p.parse_args(argv)
    data = Path(args.data)
    if args.speed:
        speed(data, args.speed)
        return 0
    thresholds = [args.threshold]
    if args.sweep:
        thresholds = sorted({args.threshold, 0.04, 0.06, 0.08, 0.10, 0.12, 0.15, 0.20, 0.25, 0.30, 0.40})
    if args.only in (None, "basil"):
        if not (data / "basil").is_dir():
            print(f"no BASIL data under {data}", file=sys.stderr)
            return 1
        evaluate("BASIL", *basil(data), thresholds)
    if args.only in (None, "neus") and (data / "neus-allsides").is_dir():
        evaluate("NeuS/AllSides", *neus(data), thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
