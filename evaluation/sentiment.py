"""Measure sentiment toward targets: NewsMTSC dev partitions (per target) and PerSenT dev (per article).

Usage::

    python evaluation/sentiment.py [DATA_DIR] [--speed]   # DATA_DIR defaults to ../shared/data

Prints macro-F1 over negative / neutral / positive for

* ``vader-sentence``: plain VADER compound of the whole sentence (±0.05), the baseline;
* ``framing``: :func:`framing.signals.countries.target_sentiment` on the target span,
  the function behind both ``countries`` and ``targets=``;

on ``newsmtsc/newsmtsc-rw/dev.jsonl`` and ``newsmtsc/newsmtsc-mt/dev.jsonl``; and,
when ``persent/dev.csv`` is present, the article-level aggregation used for
``countries`` (every mention of the PerSenT target scored, then aggregated) against
PerSenT's document label.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

LABELS = ("negative", "neutral", "positive")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def macro_f1(gold: list[str], pred: list[str]) -> float:
    out = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(out) / len(out)


def vader_label(sia, text: str) -> str:
    c = sia.polarity_scores(text)["compound"]
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


def newsmtsc(path: Path) -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.document import parse
    from framing.signals.countries import span_tokens, target_sentiment

    sia = SentimentIntensityAnalyzer()
    gold, base, ours = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["sentence_normalized"]
        doc = parse(text)
        for t in rec["targets"]:
            gold.append(POLARITY[float(t["polarity"])])
            base.append(vader_label(sia, text))
            toks = span_tokens(doc, int(t["from"]), int(t["to"]))
            ours.append(target_sentiment(doc, *toks).label if toks else "neutral")
    return {"targets": len(gold), "vader-sentence": macro_f1(gold, base), "framing": macro_f1(gold, ours)}


_TGT = re.compile(r"\[TGT\]")


def persent(path: Path) -> dict[str, float]:
    """Article-level: each ``[TGT]`` of MASKED_DOCUMENT becomes the entity's last name and is scored."""
    from framing.document import parse
    from framing.signals.countries import aggregate, span_tokens, target_sentiment

    gold, pred = [], []
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = row["TARGET_ENTITY"].split()[-1] if row["TARGET_ENTITY"].strip() else "Target"
            masked = row["MASKED_DOCUMENT"]
            parts, spans, pos = [], [], 0
            for m in _TGT.finditer(masked):
                parts.append(masked[pos : m.start()])
                start = sum(len(p) for p in parts)
                parts.append(name)
                spans.append((start, start + len(name)))
                pos = m.end()
            parts.append(masked[pos:])
            text = "".join(parts)
            doc = parse(text)
            scores = []
            for a, b in spans:
                toks = span_tokens(doc, a, b)
                if toks:
                    scores.append(target_sentiment(doc, *toks, identity=False))
            _value, label = aggregate(scores)
            gold.append(row["TRUE_SENTIMENT"].strip().lower())
            pred.append(label)
    return {"articles": len(gold), "framing": macro_f1(gold, pred)}


def speed(root: Path, n: int = 200) -> str:
    """Cost of the countries signal on ``n`` AllSides articles against VADER on every sentence (best of 3)."""
    import itertools
    import time

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.article import Article
    from framing.document import parse
    from framing.pipeline import ScoreOptions
    from framing.signals import countries

    path = root / "allsides-article-bias" / "sample_5000.jsonl"
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line).get("content_original") or "" for line in itertools.islice(f, n)]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    docs = [parse(Article(text=t)) for t in texts]
    sia = SentimentIntensityAnalyzer()
    split = re.compile(r"(?<=[.!?])\s+")
    options = ScoreOptions()
    countries.measure(docs[0], options)
    best_c = best_v = float("inf")
    mentions = 0
    for _ in range(3):
        t0 = time.perf_counter()
        mentions = 0
        for d in docs:
            for key in [k for k in d.derived if isinstance(k, tuple) and str(k[0]).startswith("countries.")]:
                del d.derived[key]  # per-sentence caches: time the signal from scratch
            mentions += sum(c["mentions"] for c in countries.measure(d, options)["countries"])
        t1 = time.perf_counter()
        for t in texts:
            for sentence in split.split(t):
                sia.polarity_scores(sentence)
        t2 = time.perf_counter()
        best_c, best_v = min(best_c, t1 - t0), min(best_v, t2 - t1)
    return (
        f"speed ({len(texts)} AllSides articles, {mb:.2f} MB, {mentions} country mentions): countries {mb / best_c:.2f} MB/s, "
        f"VADER on every sentence {mb / best_v:.2f} MB/s, ratio {best_c / best_v:.2f} (best of 3)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default="../shared/data")
    ap.add_argument("--speed", action="store_true", help="also time the countries signal against VADER on every sentence")
    args = ap.parse_args(argv)
    root = Path(args.data)
    if not (root / "newsmtsc").is_dir():
        print(f"no NewsMTSC data under {root}", file=sys.stderr)
        return 2
    for part in ("newsmtsc-rw", "newsmtsc-mt"):
        r = newsmtsc(root / "newsmtsc" / part / "dev.jsonl")
        print(f"{part} dev ({r['targets']} targets): macro-F1 vader-sentence {r['vader-sentence']:.3f}, framing {r['framing']:.3f}")
    p = root / "persent" / "dev.csv"
    if p.exists():
        r = persent(p)
        print(f"persent dev ({r['articles']} articles, article-level aggregation): macro-F1 framing {r['framing']:.3f}")
    if args.speed:
        print(speed(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
