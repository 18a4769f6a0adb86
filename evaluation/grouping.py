"""Pairwise precision/recall/F1 of framing's event grouping on BASIL and NeuS/AllSides.

Usage: python evaluation/grouping.py [DATA_DIR] [--threshold T] [--sweep]

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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default="../shared/data", help="folder holding basil/ and neus-allsides/")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    p.add_argument("--sweep", action="store_true", help="also report a range of thresholds")
    p.add_argument("--only", choices=("basil", "neus"), help="evaluate one data set")
    args = p.parse_args(argv)
    data = Path(args.data)
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
