"""Evaluate the disclaimer/boilerplate signal: precision and recall on the labelled table, and a survey of AllSides.

Usage::

    python evaluation/disclaimers.py                       # the table, alone and embedded in news, dev and held-out
    python evaluation/disclaimers.py --survey ../shared/data --limit 5000 --show 40

No public labelled set exists for article notes, so ``tests/data/disclaimer_lines.tsv`` holds lines written in
outlets' styles (kind ``none`` = a near-miss that must not be flagged). Every line is scored twice: alone, and
embedded in a short neutral news article (at the top for datelines and openers, at the bottom for the rest), so
position matters. A line counts as predicted kind K when a finding of kind K covers most of the line's characters
that any finding covers. Findings that spill into the neutral news count against precision ("spill").
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path

from framing.document import parse
from framing.signals import disclaimers

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "disclaimer_lines.tsv"

NEWS_BEFORE = (
    "The government announced on Tuesday that it would raise fuel prices by 4% from next month.",
    "Opposition parties criticised the decision, and analysts expect protests in several cities.",
)
NEWS_AFTER = ("The finance ministry is due to publish its budget in June.",)
# Lines that open an article's first paragraph (datelines) are embedded in front of its first sentence.
OPENER_ENDINGS = ("—", "–", "-", ":", "--")


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    rows = []
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def findings(text: str) -> list[dict]:
    result = disclaimers.detect(parse(text))
    return result["disclaimers"] + result["boilerplate"]


def predicted_kind(items: list[dict], start: int, end: int) -> str:
    """The kind covering most of ``[start, end)``, or ``none``."""
    cover: collections.Counter[str] = collections.Counter()
    for x in items:
        overlap = min(end, x["end"]) - max(start, x["start"])
        if overlap > 0:
            cover[x["kind"]] += overlap
    return cover.most_common(1)[0][0] if cover else "none"


def embed(line: str) -> tuple[str, int, int]:
    """The line inside a short news article; returns the text and the line's span."""
    if line.rstrip().endswith(OPENER_ENDINGS):
        head = line.rstrip() + " "
        text = head + " ".join(NEWS_BEFORE) + "\n\n" + NEWS_AFTER[0]
        return text, 0, len(line.rstrip())
    before = "\n\n".join(NEWS_BEFORE) + "\n\n"
    text = before + line + "\n\n" + NEWS_AFTER[0]
    return text, len(before), len(before) + len(line)


def evaluate(rows: list[dict[str, str]]) -> dict:
    """Per split and condition: per-kind precision/recall, flagging precision/recall, kind accuracy, confusions."""
    out: dict = {}
    for split in sorted({r["split"] for r in rows}):
        for condition in ("alone", "embedded"):
            pairs = []
            spill = 0
            for r in rows:
                if r["split"] != split:
                    continue
                if condition == "alone":
                    text, a, b = r["text"], 0, len(r["text"])
                else:
                    text, a, b = embed(r["text"])
                items = findings(text)
                pairs.append((r["kind"], predicted_kind(items, a, b), r["text"]))
                spill += sum(1 for x in items if x["end"] <= a or x["start"] >= b)
            out[f"{split}/{condition}"] = _scores(pairs, spill)
    return out


def _scores(pairs: list[tuple[str, str, str]], spill: int) -> dict:
    kinds = sorted({g for g, _p, _t in pairs} | {p for _g, p, _t in pairs} - {"none"})
    per_kind = {}
    for k in kinds:
        if k == "none":
            continue
        tp = sum(1 for g, p, _ in pairs if g == k and p == k)
        fp = sum(1 for g, p, _ in pairs if g != k and p == k)
        fn = sum(1 for g, p, _ in pairs if g == k and p != k)
        per_kind[k] = {
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "n": tp + fn,
        }
    flagged_tp = sum(1 for g, p, _ in pairs if g != "none" and p != "none")
    flagged_fp = sum(1 for g, p, _ in pairs if g == "none" and p != "none") + spill
    flagged_fn = sum(1 for g, p, _ in pairs if g != "none" and p == "none")
    right_kind = sum(1 for g, p, _ in pairs if g != "none" and p == g)
    wrong_kind = sum(1 for g, p, _ in pairs if g != "none" and p not in ("none", g))
    return {
        "lines": len(pairs),
        # kind-level micro scores: a flag of the wrong kind is both a false positive and a false negative
        "precision": round(right_kind / (right_kind + wrong_kind + flagged_fp), 3)
        if right_kind + wrong_kind + flagged_fp
        else None,
        "recall": round(right_kind / (flagged_tp + flagged_fn), 3) if flagged_tp + flagged_fn else None,
        "flag_precision": round(flagged_tp / (flagged_tp + flagged_fp), 3) if flagged_tp + flagged_fp else None,
        "flag_recall": round(flagged_tp / (flagged_tp + flagged_fn), 3) if flagged_tp + flagged_fn else None,
        "spill": spill,
        "per_kind": per_kind,
        "errors": [f"{g} -> {p}: {t}" for g, p, t in pairs if g != p],
    }


def survey(data: Path, limit: int, show: int, seed: int = 0) -> dict:
    """Kinds and counts in the AllSides sample, sample hits and non-hit endings to read, and the signal's speed."""
    path = data / "allsides-article-bias" / "sample_5000.jsonl"
    texts = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= limit:
                break
            r = json.loads(line)
            texts.append((r.get("source") or "", r.get("content_original") or ""))
    kinds: collections.Counter[str] = collections.Counter()
    entries: collections.Counter[str] = collections.Counter()
    articles_with: collections.Counter[str] = collections.Counter()
    hits = []
    non_hits = []
    parse_s = detect_s = 0.0
    size = 0
    for source, text in texts:
        size += len(text.encode("utf-8"))
        t0 = time.perf_counter()
        doc = parse(text)
        t1 = time.perf_counter()
        result = disclaimers.detect(doc)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        detect_s += t2 - t1
        items = result["disclaimers"] + result["boilerplate"]
        for x in items:
            kinds[x["kind"]] += 1
            entries[x["entry"]] += 1
            hits.append((source, x["kind"], x["text"][:160]))
        for k in {x["kind"] for x in items}:
            articles_with[k] += 1
        if not items:
            non_hits.append((source, text[-200:]))
    rng = random.Random(seed)
    return {
        "articles": len(texts),
        "megabytes": round(size / 1e6, 2),
        "findings_by_kind": dict(kinds.most_common()),
        "articles_with_kind": dict(articles_with.most_common()),
        "top_entries": dict(entries.most_common(25)),
        "detect_mb_per_s": round(size / 1e6 / detect_s, 2) if detect_s else None,
        "detect_share_of_parse": round(detect_s / parse_s, 3) if parse_s else None,
        "sample_hits": rng.sample(hits, min(show, len(hits))),
        "sample_non_hit_endings": rng.sample(non_hits, min(show // 2, len(non_hits))),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"), help="shared data folder")
    ap.add_argument("--table", default=str(TABLE))
    ap.add_argument("--survey", action="store_true", help="also survey the AllSides sample")
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--show", type=int, default=40)
    ap.add_argument("--errors", action="store_true", help="list misclassified lines")
    args = ap.parse_args(argv)
    results = evaluate(read_table(Path(args.table)))
    for name, r in results.items():
        print(
            f"{name:18s} lines={r['lines']:4d} precision={r['precision']} recall={r['recall']} "
            f"flag_precision={r['flag_precision']} flag_recall={r['flag_recall']} spill={r['spill']}"
        )
        for k, v in r["per_kind"].items():
            print(f"    {k:22s} P={v['precision']} R={v['recall']} n={v['n']}")
        if args.errors:
            for e in r["errors"]:
                print("    !", e)
    if args.survey:
        data = Path(args.data)
        if not (data / "allsides-article-bias").is_dir():
            print(f"no AllSides sample under {data}", file=sys.stderr)
            return 2
        print(json.dumps(survey(data, args.limit, args.show), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
