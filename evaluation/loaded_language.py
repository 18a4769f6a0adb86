"""Evaluate the loaded-language lexicon on BABE (Spinde et al. 2021); prints precision / recall / F1.

Usage (from the repository root)::

    python evaluation/loaded_language.py [DATA_DIR]     # DATA_DIR defaults to ../shared/data

Data: ``babe/data/final_labels_SG2.csv`` (3,673 sentences with an expert
majority label; the one "No agreement" row is dropped). A sentence is predicted
*Biased* when the lexicon finds at least one loaded cue in it (any category,
quoted or not; a variant counts only cues of weight 1). Scores: precision,
recall and F1 of the Biased class, macro-F1 over both classes (the paper's
metric: its best fine-tuned model reaches 0.804), and word-level recall of the
words annotators marked as biased (``biased_words``).

Honesty note: the lexicon's authors looked at the most frequent BABE
``biased_words`` when choosing entries (see ``lexicons/loaded_language.tsv``),
so these numbers are development-set numbers, not a held-out estimate.
"""

from __future__ import annotations

import ast
import csv
import sys
from collections import Counter
from pathlib import Path

from framing.article import Article
from framing.document import parse
from framing.signals import loaded_language


def load_babe(data: Path) -> list[dict]:
    path = data / "babe" / "data" / "final_labels_SG2.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    out = []
    for r in rows:
        if r["label_bias"] not in ("Biased", "Non-biased"):
            continue
        try:
            words = [w.lower() for w in ast.literal_eval(r["biased_words"] or "[]")]
        except (ValueError, SyntaxError):
            words = []
        out.append({"text": r["text"], "biased": r["label_bias"] == "Biased", "words": words})
    return out


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(gold: list[bool], pred: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    tn = len(gold) - tp - fp - fn
    p, r, f = f1(tp, fp, fn)
    _, _, f_neg = f1(tn, fn, fp)
    return {"precision": p, "recall": r, "f1": f, "macro_f1": (f + f_neg) / 2, "accuracy": (tp + tn) / len(gold)}


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path("../shared/data")
    rows = load_babe(data)
    gold = [r["biased"] for r in rows]
    any_cue, strong_cue = [], []
    marked = found = 0
    per_category: Counter[str] = Counter()
    per_category_biased: Counter[str] = Counter()
    for r in rows:
        doc = parse(Article(text=r["text"]))
        cues = loaded_language.find_cues(doc, doc.sentences)
        any_cue.append(bool(cues))
        strong_cue.append(any(dict(c.extra)["weight"] >= 1 for c in cues))
        for cat in {c.category for c in cues}:
            per_category[cat] += 1
            per_category_biased[cat] += r["biased"]
        cue_words = {w.lower() for c in cues for w in c.text.split()}
        marked += len(r["words"])
        found += sum(1 for w in r["words"] if w in cue_words)
    print(f"BABE final_labels_SG2: {len(rows)} sentences, {sum(gold)} biased ({sum(gold) / len(rows):.1%})")
    print("category: sentences with a cue of it, share of them labelled Biased")
    for cat, n in sorted(per_category.items()):
        print(f"  {cat:15s} {n:5d}  {per_category_biased[cat] / n:.1%}")
    print(f"word level: {found}/{marked} annotator-marked biased words are found cues ({found / max(marked, 1):.1%})")
    base = scores(gold, [True] * len(gold))
    print("baseline, every sentence Biased: " + ", ".join(f"{k} {v:.3f}" for k, v in base.items()))
    strong = scores(gold, strong_cue)
    print("weight-1 cues only: " + ", ".join(f"{k} {v:.3f}" for k, v in strong.items()))
    s = scores(gold, any_cue)
    print("any cue (reported): " + ", ".join(f"{k} {v:.3f}" for k, v in s.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
