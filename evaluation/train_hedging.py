"""Train the sentence-level uncertainty model shipped as ``src/framing/models/hedge_sentences.json``.

Usage (from the repository root; needs scikit-learn, which framing never imports at run time)::

    python evaluation/train_hedging.py [DATA_DIR] [--write]

Data: the FactBank news part of ``szeged-uncertainty/factbank.xml`` (the
development half present in DATA_DIR) and CoNLL-2010 Wikipedia
``conll2010-wiki-derived/train.csv``.

Why two experts and a gate: the two corpora call different things uncertain.
FactBank news marks epistemic cues (``may``, ``expects``, ``if``); CoNLL-2010
Wikipedia marks weasel and peacock wording (``some critics``, ``many``,
``famous``) that in news is mostly literal. One pooled model trades one for
the other (cross-validated F1 about 0.74 news / 0.60 Wikipedia); a genre gate
(news vs encyclopedic prose, from word features) choosing between a news expert
and a Wikipedia expert keeps both. At run time the gate is averaged over an
article's sentences, so a news article is read by the news expert throughout.

Features: :func:`framing.signals.hedging.sentence_features` (lexicon cue
categories, entries and their neighbours + word unigrams/bigrams), shared by
training and inference. Word features enter at ``WORD_SCALE`` (a stronger L2
prior than on lexicon cues). The script prints 5-fold cross-validated P/R/F1
of the uncertain class (FactBank folds grouped by document), picks each
expert's threshold on out-of-fold predictions, and with ``--write`` refits on
everything and writes plain JSON (no pickle). Deterministic: fixed seeds,
liblinear.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hedging import load_conll, load_factbank, prf

from framing.document import parse
from framing.signals import hedging

OUT = Path(__file__).resolve().parents[1] / "src" / "framing" / "models" / "hedge_sentences.json"
FOLDS = 5
MIN_COUNT = 2  # a feature must occur in at least this many training sentences
WORDISH = ("w:", "b:", "x:", "y:")
#: per expert: C (inverse L2), word-feature scale, weight of the other corpus's sentences
EXPERTS = {
    "news": {"C": 1.0, "word_scale": 1.0, "other_weight": 0.0, "prefixes": ("k:", "c:", "e:")},
    "wiki": {"C": 1.0, "word_scale": 0.5, "other_weight": 0.0, "prefixes": None},
}
GATE_C = 1.0
GATE_THRESHOLD = 0.2  # read as news unless the gate is fairly sure of encyclopedic prose
GATE_SENTENCES = 12  # at run time the gate reads the first 12 body sentences of an article


def item_features(text: str) -> list[str]:
    doc = parse(text)
    feats: set[str] = set()
    for s in doc.sentences:
        cues = hedging.find_cues(doc, s.token_start, s.token_end)
        feats.update(hedging.sentence_features(doc.token_norms, s.token_start, s.token_end, cues))
    return sorted(feats)


def folds_of(items: list[dict], grouped: bool) -> np.ndarray:
    """Fold index per item: by document (FactBank) or shuffled rows (CoNLL), fixed seed."""
    rng = np.random.default_rng(0)
    if grouped:
        docs = sorted({it["doc"] for it in items})
        order = rng.permutation(len(docs))
        fold_of_doc = {docs[j]: k % FOLDS for k, j in enumerate(order)}
        return np.array([fold_of_doc[it["doc"]] for it in items])
    return rng.permutation(len(items)) % FOLDS


def fit(feature_lists, y, w, c: float, word_scale: float, prefixes: tuple[str, ...] | None = None) -> dict:
    """L2 logistic regression; returns ``{"intercept", "weights"}`` for binary features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for fs in feature_lists:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    rows = [
        {f: (word_scale if f.startswith(WORDISH) else 1.0) for f in fs if counts[f] >= MIN_COUNT and (prefixes is None or f.startswith(prefixes))}
        for fs in feature_lists
    ]
    vec = DictVectorizer()
    x = vec.fit_transform(rows).tocsr()
    x.indices = x.indices.astype(np.int32)  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype(np.int32)
    keep = w > 0
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    clf.fit(x[keep], y[keep], sample_weight=w[keep])
    weights = {
        f: v * (word_scale if f.startswith(WORDISH) else 1.0)
        for f, v in zip(vec.get_feature_names_out(), clf.coef_[0].tolist(), strict=True)
        if abs(v) >= 1e-4
    }
    return {"intercept": float(clf.intercept_[0]), "weights": weights}


def probs(model: dict, feature_lists) -> np.ndarray:
    return np.array([hedging.uncertainty_probability(fs, model) for fs in feature_lists])


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    best, best_t = -1.0, 0.5
    for t in np.arange(0.05, 0.81, 0.01):
        f1 = _f1(y, p >= t)[2]
        if f1 > best:
            best, best_t = f1, float(round(t, 2))
    return best_t


def _f1(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(np.sum(pred & (y == 1)))
    return prf(tp, int(np.sum(pred & (y == 0))), int(np.sum(~pred & (y == 1))))


def train_all(x, y, is_news) -> dict:
    """Gate plus both experts, thresholds left to the caller."""
    balance = np.where(is_news, (~is_news).sum() / max(1, is_news.sum()), 1.0)  # equal weight per genre
    gate = fit(x, is_news.astype(int), balance, GATE_C, 1.0, prefixes=("w:", "b:"))
    experts = {}
    for name, cfg in EXPERTS.items():
        own = is_news if name == "news" else ~is_news
        w = np.where(own, 1.0, cfg["other_weight"])
        experts[name] = fit(x, y, w, cfg["C"], cfg["word_scale"], cfg["prefixes"])
    return {"gate": gate, "experts": experts}


def route(model: dict, x) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per item: the gate's probability of news, and both experts' probabilities."""
    return probs(model["gate"], x), probs(model["experts"]["news"], x), probs(model["experts"]["wiki"], x)


def _cv(fb: list[dict], wk: list[dict]):
    """Out-of-fold predictions: gate probability, both experts, and labels."""
    x = [item_features(it["text"]) for it in fb] + [item_features(it["text"]) for it in wk]
    y = np.array([it["label"] for it in fb] + [it["label"] for it in wk])
    is_news = np.array([True] * len(fb) + [False] * len(wk))
    folds = np.concatenate([folds_of(fb, grouped=True), folds_of(wk, grouped=False)])
    gate_p, p_news, p_wiki = np.zeros(len(y)), np.zeros(len(y)), np.zeros(len(y))
    for k in range(FOLDS):
        tr = folds != k
        model = train_all([x[i] for i in np.flatnonzero(tr)], y[tr], is_news[tr])
        te = np.flatnonzero(~tr)
        gate_p[te], p_news[te], p_wiki[te] = route(model, [x[i] for i in te])
    t_news = best_threshold(y[is_news], p_news[is_news])
    t_wiki = best_threshold(y[~is_news], p_wiki[~is_news])
    pred = np.where(gate_p >= GATE_THRESHOLD, p_news >= t_news, p_wiki >= t_wiki)
    return x, y, is_news, gate_p, p_news, p_wiki, t_news, t_wiki, pred


def cross_validate(data: Path) -> dict[str, tuple[float, float, float]]:
    """Cross-validated P/R/F1 of the uncertain class, per corpus (what evaluation/hedging.py prints)."""
    fb = load_factbank(data / "szeged-uncertainty" / "factbank.xml")
    wk = load_conll(data / "conll2010-wiki-derived" / "train.csv")
    _x, y, is_news, *_rest, pred = _cv(fb, wk)
    return {
        "FactBank news, model": _f1(y[is_news], pred[is_news]),
        "CoNLL-2010 Wikipedia train, model": _f1(y[~is_news], pred[~is_news]),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    write = "--write" in argv
    args = [a for a in argv if not a.startswith("--")]
    data = Path(args[0] if args else "../shared/data")
    fb = load_factbank(data / "szeged-uncertainty" / "factbank.xml")
    wk = load_conll(data / "conll2010-wiki-derived" / "train.csv")
    x, y, is_news, gate_p, p_news, p_wiki, t_news, t_wiki, pred = _cv(fb, wk)
    if "--diagnose" in argv:
        for gt in (0.05, 0.1, 0.2, 0.3, 0.5):
            pr = np.where(gate_p >= gt, p_news >= t_news, p_wiki >= t_wiki)
            print(f"  gate threshold {gt}: news F1 {_f1(y[is_news], pr[is_news])[2]:.3f} wiki F1 {_f1(y[~is_news], pr[~is_news])[2]:.3f}")
    gate_news = gate_p >= GATE_THRESHOLD
    pred = np.where(gate_news, p_news >= t_news, p_wiki >= t_wiki)
    print(f"5-fold cross-validation (thresholds news {t_news}, wiki {t_wiki}; gate accuracy {np.mean(gate_news == is_news):.3f}):")
    for name, mask in (("FactBank news (grouped by document)", is_news), ("CoNLL-2010 Wikipedia train", ~is_news)):
        pr, rc, f1 = _f1(y[mask], pred[mask])
        print(f"  {name:<38} P {pr:.3f}  R {rc:.3f}  F1 {f1:.3f}")
    if "--diagnose" in argv:
        for name, mask in (("news", is_news), ("wiki", ~is_news)):
            print(f"  gate correct on {name}: {np.mean(gate_news[mask] == is_news[mask]):.3f}")
            for en, pp, t in (("news expert", p_news, t_news), ("wiki expert", p_wiki, t_wiki)):
                print(f"    {en} alone: F1 {_f1(y[mask], pp[mask] >= t)[2]:.3f}")
    if write:
        model = train_all(x, y, is_news)
        for name, t in (("news", t_news), ("wiki", t_wiki)):
            model["experts"][name]["threshold"] = t
        for part in [model["gate"], *model["experts"].values()]:
            part["intercept"] = round(part["intercept"], 5)
            part["weights"] = {f: round(v, 4) for f, v in sorted(part["weights"].items()) if abs(v) >= 5e-3}
        model["about"] = (
            "Is a sentence uncertain? A genre gate (news vs encyclopedic prose) picks a news or a Wikipedia expert; "
            "all three are logistic regressions over framing.signals.hedging.sentence_features. "
            "Trained by evaluation/train_hedging.py on the FactBank development half and CoNLL-2010 Wikipedia train.csv."
        )
        model["gate_threshold"] = GATE_THRESHOLD
        model["gate_sentences"] = GATE_SENTENCES
        model["config"] = {"experts": EXPERTS, "gate_C": GATE_C, "min_count": MIN_COUNT}
        OUT.write_text(json.dumps(model, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
