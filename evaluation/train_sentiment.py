"""Train the target-sentiment model shipped in ``framing/models/target_sentiment.json``.

Usage::

    python evaluation/train_sentiment.py [DATA_DIR] [--C 0.3] [--out src/framing/models/target_sentiment.json]

``DATA_DIR`` defaults to ``../shared/data``; the model is trained on
``newsmtsc/train.jsonl`` only (the dev partitions are for choosing ``C`` and
for ``evaluation/sentiment.py``). Features come from
:func:`framing.signals.countries.target_features`, so training and inference
read the same cues. The classifier is scikit-learn's multinomial logistic
regression; only its coefficients are shipped (inference needs no scikit-learn).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def examples(path: Path, further: bool = False):
    """``(features, label)`` per NewsMTSC target, features from the shared extractor."""
    from framing.document import parse
    from framing.signals.countries import span_tokens, target_features

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        doc = parse(rec["sentence_normalized"])
        for t in rec["targets"]:
            toks = span_tokens(doc, int(t["from"]), int(t["to"]))
            if toks is None:
                continue
            out.append((target_features(doc, *toks), POLARITY[float(t["polarity"])]))
            for extra in t.get("further_mentions") or () if further else ():
                more = span_tokens(doc, int(extra["from"]), int(extra["to"]))
                if more is not None:
                    out.append((target_features(doc, *more), POLARITY[float(t["polarity"])]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default="../shared/data")
    ap.add_argument("--C", type=float, default=None, help="inverse regularisation; default: chosen on the dev partitions")
    ap.add_argument("--out", default="src/framing/models/target_sentiment.json")
    ap.add_argument("--balanced", action="store_true", help="class_weight=balanced")
    ap.add_argument("--further-mentions", action="store_true", help="also train on NewsMTSC's coreferent mentions")
    ap.add_argument("--min-count", type=int, default=2, help="drop features seen in fewer training targets")
    ap.add_argument("--min-weight", type=float, default=0.01, help="drop coefficients smaller than this (all classes)")
    args = ap.parse_args(argv)
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    root = Path(args.data) / "newsmtsc"
    train = examples(root / "train.jsonl", further=args.further_mentions)
    devs = {name: examples(root / name / "dev.jsonl") for name in ("newsmtsc-rw", "newsmtsc-mt")}
    # Features seen in fewer than --min-count training targets are dropped: they
    # cannot be estimated and only make the shipped file bigger.
    counts: dict[str, int] = {}
    for f, _ in train:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    keep = {k for k, n in counts.items() if n >= args.min_count}
    train = [({k: v for k, v in f.items() if k in keep}, y) for f, y in train]
    vec = DictVectorizer()
    x_train = vec.fit_transform([f for f, _ in train])
    y_train = [y for _, y in train]
    grid = [args.C] if args.C else [0.05, 0.1, 0.2]
    best = None
    for c in grid:
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if args.balanced else None)
        clf.fit(x_train, y_train)
        scores = {}
        for name, dev in devs.items():
            pred = clf.predict(vec.transform([f for f, _ in dev]))
            scores[name] = f1_score([y for _, y in dev], pred, average="macro")
        mean = sum(scores.values()) / len(scores)
        print(f"C={c}: " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()), file=sys.stderr)
        if best is None or mean > best[0]:
            best = (mean, c, clf, scores)
    _mean, c, clf, scores = best
    order = [list(clf.classes_).index(lab) for lab in ("negative", "neutral", "positive")]
    coef = clf.coef_[order]
    names = vec.get_feature_names_out()
    weights = {}
    for j in np.argsort(names):
        col = coef[:, j]
        if np.max(np.abs(col)) >= args.min_weight:
            weights[str(names[j])] = [round(float(v), 4) for v in col]
    model = {
        "meta": {
            "about": "Multinomial logistic regression over target-relative features (framing.signals.countries.target_features).",
            "trained_on": "NewsMTSC train.jsonl (Hamborg & Donnay 2021, EACL), evaluation/train_sentiment.py",
            "C": c,
            "class_weight": "balanced" if args.balanced else None,
            "min_count": args.min_count,
            "further_mentions": args.further_mentions,
            "min_weight": args.min_weight,
            "dev_macro_f1": {k: round(v, 4) for k, v in scores.items()},
            "labels": ["negative", "neutral", "positive"],
        },
        "intercept": [round(float(v), 5) for v in clf.intercept_[order]],
        "weights": weights,
    }
    Path(args.out).write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"C={c}; {len(weights)} features; dev macro-F1 " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
