"""Evaluate the hedging signal on uncertainty corpora; prints precision / recall / F1.

Usage (from the repository root)::

    python evaluation/hedging.py [DATA_DIR] [--no-cv]   # DATA_DIR defaults to ../shared/data

Sentence level (uncertain vs certain, F1 of the uncertain class):

* ``szeged-uncertainty/factbank.xml`` (news): a sentence is uncertain iff it holds a ``<ccue>``;
* ``conll2010-wiki-derived/train.csv`` (Wikipedia weasel sentences), and ``test.csv`` if present.

Two systems are scored: the cue lexicon alone (uncertain iff a hedge or
conditional cue is found) and the shipped model (``uncertain_sentences`` of
:func:`framing.signals.hedging.measure`). The shipped model has seen the
development data, so its scores there are optimistic; the honest estimate is
the cross-validated one printed last (it retrains with scikit-learn; ``--no-cv`` skips it).

Cue level on FactBank: a found hedge/conditional cue is correct when it overlaps
a gold ``<ccue>``; a gold cue is recalled when some found cue overlaps it.
"""

from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_PTB = [("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"), ("-RCB-", "}"), ("``", '"'), ("''", '"')]
_DOCTYPE_RE = re.compile(r"<!DOCTYPE[^>]*>")


def unescape(text: str) -> str:
    """Undo PTB escapes (length changes, so apply per segment when offsets matter)."""
    for a, b in _PTB:
        text = text.replace(a, b)
    return text


def load_factbank(path: Path) -> list[dict]:
    """Sentences of FactBank: ``{"doc", "text", "label", "cues": [(start, end), ...]}``."""
    raw = _DOCTYPE_RE.sub("", path.read_text(encoding="utf-8"), count=1)
    root = ET.fromstring(raw)
    out = []
    for document in root.iter("Document"):
        doc_id = (document.findtext("DocID") or "").strip()
        for sent in document.iter("Sentence"):
            # (text, is_cue) pieces, unescaped one by one so cue offsets stay exact
            parts = [(sent.text or "", False)]
            for child in sent:
                parts.append(("".join(child.itertext()), child.tag == "ccue"))
                parts.append((child.tail or "", False))
            pieces: list[str] = []
            cues: list[tuple[int, int]] = []
            pos = 0
            for raw_piece, is_cue in parts:
                piece = unescape(raw_piece)
                if is_cue and piece:
                    cues.append((pos, pos + len(piece)))
                pieces.append(piece)
                pos += len(piece)
            out.append({"doc": doc_id, "text": "".join(pieces), "label": int(bool(cues)), "cues": cues})
    return out


def load_conll(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{"doc": str(i), "text": unescape(r["text"]).strip(), "label": int(r["label"])} for i, r in enumerate(csv.DictReader(f))]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def analyse(text: str):
    """Parse one evaluation item and return ``(doc, cues per sentence, hedging result)``."""
    from framing.document import parse
    from framing.signals import hedging

    doc = parse(text)
    cues = [hedging.find_cues(doc, s.token_start, s.token_end) for s in doc.sentences]
    return doc, cues, hedging.measure(doc)["hedging"]


def sentence_scores(items: list[dict]) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 of the uncertain class for the lexicon alone and for the shipped model."""
    counts = {"lexicon": [0, 0, 0], "model": [0, 0, 0]}
    for it in items:
        _doc, cues, result = analyse(it["text"])
        lexicon = any(c.kind in ("hedge", "condition") for cs in cues for c in cs)
        model = bool(result["uncertain_sentences"])
        for name, pred in (("lexicon", lexicon), ("model", model)):
            c = counts[name]
            if pred and it["label"]:
                c[0] += 1
            elif pred:
                c[1] += 1
            elif it["label"]:
                c[2] += 1
    return {k: prf(*v) for k, v in counts.items()}


#: Hedge categories FactBank does not annotate (its cues are semantic uncertainty only).
NOT_IN_FACTBANK = frozenset({"approximator", "vague_attribution", "negated_booster"})


def cue_scores(items: list[dict], *, epistemic_only: bool = False) -> tuple[float, float, float]:
    """Cue-level P/R/F1 by overlap with gold ``<ccue>`` spans (hedge and conditional cues)."""
    tp_pred = n_pred = tp_gold = n_gold = 0
    for it in items:
        doc, cues, _ = analyse(it["text"])
        found = [
            (doc.token_starts[c.token_start], doc.token_ends[c.token_end - 1])
            for cs in cues
            for c in cs
            if c.kind in ("hedge", "condition") and not (epistemic_only and c.category in NOT_IN_FACTBANK)
        ]
        gold = it["cues"]
        n_pred += len(found)
        n_gold += len(gold)
        tp_pred += sum(1 for a, b in found if any(a < y and x < b for x, y in gold))
        tp_gold += sum(1 for x, y in gold if any(a < y and x < b for a, b in found))
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _row(name: str, scores: tuple[float, float, float]) -> str:
    p, r, f = scores
    return f"{name:<44} P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = [a for a in argv if not a.startswith("--")]
    data = Path(args[0] if args else "../shared/data")
    factbank = load_factbank(data / "szeged-uncertainty" / "factbank.xml")
    print(f"FactBank news: {len(factbank)} sentences, {sum(i['label'] for i in factbank)} uncertain")
    for name, s in sentence_scores(factbank).items():
        print(_row(f"  sentence-level, {name}", s))
    print(_row("  cue-level, all hedge + conditional cues", cue_scores(factbank)))
    print(_row("  cue-level, categories FactBank annotates", cue_scores(factbank, epistemic_only=True)))
    for split in ("train", "test"):
        path = data / "conll2010-wiki-derived" / f"{split}.csv"
        if not path.exists():
            continue
        conll = load_conll(path)
        print(f"CoNLL-2010 Wikipedia {split}: {len(conll)} sentences, {sum(i['label'] for i in conll)} uncertain")
        for name, s in sentence_scores(conll).items():
            print(_row(f"  sentence-level, {name}", s))
    if "--no-cv" not in argv:
        # The honest estimate: the shipped model has seen the development data above.
        from train_hedging import cross_validate  # needs scikit-learn

        print("Cross-validated (5 folds; FactBank grouped by document), the estimate to quote:")
        for name, scores in cross_validate(data).items():
            print(_row(f"  sentence-level, {name}", scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
