"""Evaluate the frame lexicon on GVFC headlines (Liu et al. 2019); prints accuracy.

Usage (from the repository root)::

    python evaluation/frames.py [DATA_DIR]     # DATA_DIR defaults to ../shared/data

Data: ``gvfc/GVFC_headlines_and_annotations.csv``, the 1,301 relevant
headlines with a primary frame (``Q3 Theme1`` != 99). GVFC codes nine
gun-violence frames; the Policy Frames Codebook frames the signal returns are
mapped onto them with :data:`PFC_TO_GVFC` (a many-to-one mapping chosen from
the two codebooks' definitions before looking at results; GVFC 8
"society/culture" takes the PFC frames about values and daily life).

The prediction is the headline's ``dominant`` frame; a headline without any
frame cue is counted wrong. Reported: accuracy against ``Q3 Theme1``,
accuracy when either annotated frame (Theme1 or Theme2) is accepted, coverage
(headlines with a cue), accuracy on covered headlines, the majority-class
baseline, and a confusion table. Published reference: fine-tuned BERT on the
same headlines (Liu et al. 2019), far above a keyword lexicon.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from framing.article import Article
from framing.document import parse
from framing.signals import frames

GVFC_FRAMES = {
    1: "gun/2nd amendment rights",
    2: "gun control/regulation",
    3: "politics",
    4: "mental health",
    5: "school or public space safety",
    6: "race/ethnicity",
    7: "public opinion",
    8: "society/culture",
    9: "economic consequences",
}

#: PFC frame (the signal's output) -> GVFC frame code.
PFC_TO_GVFC = {
    "legality_constitutionality": 1,
    "policy_prescription": 2,
    "political": 3,
    "health_safety": 4,
    "crime_punishment": 5,
    "security_defense": 5,
    "fairness_equality": 6,
    "public_opinion": 7,
    "morality": 8,
    "cultural_identity": 8,
    "quality_of_life": 8,
    "economic": 9,
    "capacity_resources": 9,
    "external_regulation_reputation": 3,
}


def load_gvfc(data: Path) -> list[dict]:
    path = data / "gvfc" / "GVFC_headlines_and_annotations.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        theme1, theme2 = int(float(r["Q3 Theme1"])), int(float(r["Q3 Theme2"] or 99))
        if int(float(r["Q1 Relevant"])) != 1 or theme1 == 99:
            continue
        out.append({"text": r["news_title"], "theme1": theme1, "theme2": theme2})
    return out


def predict(headline: str) -> int | None:
    doc = parse(Article(text=headline))
    result = frames.summarise(frames.find_cues(doc, doc.sentences))
    return PFC_TO_GVFC.get(result["dominant"]) if result["dominant"] else None


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path("../shared/data")
    rows = load_gvfc(data)
    preds = [predict(r["text"]) for r in rows]
    n = len(rows)
    exact = sum(p == r["theme1"] for p, r in zip(preds, rows, strict=True))
    either = sum(p is not None and p in (r["theme1"], r["theme2"]) for p, r in zip(preds, rows, strict=True))
    covered = sum(p is not None for p in preds)
    covered_exact = sum(p == r["theme1"] for p, r in zip(preds, rows, strict=True) if p is not None)
    majority_code, majority_n = Counter(r["theme1"] for r in rows).most_common(1)[0]
    print(f"GVFC relevant headlines with a frame: {n}")
    print("confusion (rows gold Theme1, columns predicted; '-' = no cue):")
    codes = sorted(GVFC_FRAMES)
    print("      " + " ".join(f"{c:>4}" for c in codes) + "    -")
    for g in codes:
        counts = Counter(p for p, r in zip(preds, rows, strict=True) if r["theme1"] == g)
        print(f"  {g:>2}  " + " ".join(f"{counts[c]:>4}" for c in codes) + f" {counts[None]:>4}   {GVFC_FRAMES[g]}")
    print(f"majority baseline (always {majority_code}, {GVFC_FRAMES[majority_code]}): {majority_n / n:.3f}")
    print(
        f"coverage (a frame cue found): {covered / n:.3f}; accuracy on covered: {covered_exact / max(covered, 1):.3f}"
    )
    print(f"accuracy (Theme1 or Theme2): {either / n:.3f}")
    print(f"accuracy (Theme1): {exact / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
