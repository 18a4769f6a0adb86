"""Evaluate figure sourcing and quote speakers against PolNeAR (Newell et al., LREC 2018).

Usage::

    python evaluation/sourcing.py [DATA_DIR] [--split dev|train] [--limit N]

``DATA_DIR`` defaults to ``../shared/data``; PolNeAR is read from
``DATA_DIR/polnear/data/<split>/{text,attributions}``. When an article has
several annotators, the first ``.ann`` by sorted file name is used.

Gold, per article (brat ``E`` lines link Source, Cue and Content):

* a figure we find is **sourced** in gold when it lies inside an attribution's
  Content; its gold source is that attribution's Source (if it has one).
* a **quotation** is gold when a quoted passage (as paired by the Document)
  overlaps an attribution's Content; its gold speaker is that Source.

Printed: sourced/unsourced macro-F1 over the figures found (and accuracy),
the share of gold-sourced figures whose predicted source span overlaps the
gold Source, and quotation and speaker precision/recall.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from framing.document import parse
from framing.signals import sourcing


def read_ann(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    """Attributions of one brat file: ``{"Source": [(s, e)...], "Cue": [...], "Content": [...]}`` each."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])  # type: ignore[misc]
    out = []
    for args in events:
        attr: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for role, ref in args:
            role = role.rstrip("0123456789")
            if ref in spans and role in ("Source", "Cue", "Content"):
                attr[role].extend(spans[ref][1])
        if attr.get("Content"):
            out.append(dict(attr))
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: tuple[int, int], frags: list[tuple[int, int]]) -> bool:
    return any(f[0] <= a[0] and a[1] <= f[1] for f in frags)


def articles(data: Path, split: str) -> list[tuple[Path, Path]]:
    root = data / "polnear" / "data" / split
    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    return [
        (root / "text" / f"{stem}.txt", ann)
        for stem, ann in sorted(anns.items())
        if (root / "text" / f"{stem}.txt").exists()
    ]


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(data: Path, split: str, limit: int | None = None) -> dict[str, Any]:
    pairs = articles(data, split)[:limit]
    if not pairs:
        raise SystemExit(f"no PolNeAR {split} articles under {data / 'polnear'}")
    conf = {(g, p): 0 for g in (True, False) for p in (True, False)}
    src_hit = src_total = 0
    q_gold = q_found = q_pred = q_pred_ok = 0
    spk_gold = spk_ok = spk_pred = spk_pred_ok = 0
    seconds = 0.0
    for text_path, ann_path in pairs:
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann_path)
        t0 = time.perf_counter()
        doc = parse(text)
        result = sourcing.measure(doc, None)
        seconds += time.perf_counter() - t0
        for fig in result["figures"]:
            span = (fig["start"], fig["end"])
            owners = [a for a in gold if _inside(span, a["Content"])]
            g, p = bool(owners), bool(fig["sourced"])
            conf[(g, p)] += 1
            gold_sources = [s for a in owners for s in a.get("Source", [])]
            if gold_sources:
                src_total += 1
                src = fig["source"]
                if src and any(_overlaps((src["start"], src["end"]), s) for s in gold_sources):
                    src_hit += 1
        ours = [q for q in result["quotes"] if q["kind"] != "indirect"]
        q_pred += len(ours)
        q_pred_ok += sum(
            1 for q in ours if any(_overlaps((q["start"], q["end"]), c) for a in gold for c in a["Content"])
        )
        for q in doc.quotes:
            inner = (q.inner_start, q.inner_end)
            if q.inner_end - q.inner_start < 2:
                continue
            owners = [a for a in gold if any(_overlaps(inner, c) for c in a["Content"])]
            if not owners:
                continue
            q_gold += 1
            matched = [x for x in ours if _overlaps((x["start"], x["end"]), inner)]
            if matched:
                q_found += 1
            gold_sources = [s for a in owners for s in a.get("Source", [])]
            if not gold_sources:
                continue
            spk_gold += 1
            spans = [x["speaker_span"] for x in matched if x.get("speaker_span")]
            ok = any(_overlaps((s["start"], s["end"]), g) for s in spans for g in gold_sources)
            spk_ok += ok
            if spans:
                spk_pred += 1
                spk_pred_ok += ok
    labels = []
    for lab in (True, False):
        tp = conf[(lab, lab)]
        fp = conf[(not lab, lab)]
        fn = conf[(lab, not lab)]
        labels.append(f1(tp, fp, fn))
    n_fig = sum(conf.values())
    chars = sum(len(p[0].read_text(encoding="utf-8")) for p in pairs)
    return {
        "split": split,
        "articles": len(pairs),
        "figures": n_fig,
        "gold_sourced": conf[(True, True)] + conf[(True, False)],
        "confusion(gold,pred)": {f"{g}/{p}": n for (g, p), n in conf.items()},
        "sourced_macro_f1": sum(labels) / 2,
        "sourced_accuracy": (conf[(True, True)] + conf[(False, False)]) / n_fig if n_fig else None,
        "source_overlap": src_hit / src_total if src_total else None,
        "source_overlap_n": src_total,
        "quote_recall": q_found / q_gold if q_gold else None,
        "quote_precision": q_pred_ok / q_pred if q_pred else None,
        "quotes_gold": q_gold,
        "speaker_recall": spk_ok / spk_gold if spk_gold else None,
        "speaker_precision": spk_pred_ok / spk_pred if spk_pred else None,
        "speakers_gold": spk_gold,
        "mb_per_s": chars / 1e6 / seconds if seconds else None,
    }


def speed(data: Path, n_articles: int = 200, repeats: int = 5) -> dict[str, Any]:
    """Time the signal against VADER on every sentence, interleaved; the ratio is what survives a busy machine."""
    import json
    import re
    import statistics

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # only the speed check needs VADER

    path = data / "allsides-article-bias" / "sample_5000.jsonl"
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line).get("content_original") or "" for line, _ in zip(f, range(n_articles), strict=False)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    docs = [parse(t) for t in texts]
    for d in docs:
        sourcing.measure(d, None)  # warm: lexicons and matchers load once
    sia = SentimentIntensityAnalyzer()
    split = re.compile(r"(?<=[.!?])\s+")
    ours, vader = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for d in docs:
            sourcing.measure(d, None)
        t1 = time.perf_counter()
        for t in texts:
            for sentence in split.split(t):
                sia.polarity_scores(sentence)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        vader.append(t2 - t1)
    return {
        "articles": len(texts),
        "megabytes": mb,
        "sourcing_mb_per_s": mb / min(ours),
        "vader_mb_per_s": mb / min(vader),
        "ratio_to_vader_median": statistics.median(a / b for a, b in zip(ours, vader, strict=True)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--split", default="dev", choices=("dev", "train", "annotator-training"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--speed", action="store_true", help="time the signal against VADER per sentence instead")
    args = ap.parse_args(argv)
    r = speed(args.data) if args.speed else evaluate(args.data, args.split, args.limit)
    for key, value in r.items():
        print(f"{key:22} {value:.3f}" if isinstance(value, float) else f"{key:22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
