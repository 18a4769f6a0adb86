"""Group articles into events: which articles report the same story.

An explicit ``event`` field always wins. The rest are grouped by what they
say: TF-IDF vectors of title and body words, and of the names they use
(capitalised words), the larger of the two cosine similarities, discounted by
the gap between publication dates, then complete-link agglomerative clustering cut at
``threshold``: every two articles of an event are at least that similar. Complete
link rather than single or average link, because those let one broad article
chain unrelated stories together (on NeuS/AllSides excerpts average link scored
pairwise F1 0.34, complete link 0.46, with BASIL unchanged at 0.976).

The similarity shown for an event is the mean cosine similarity (after the
date discount) between its articles, and the lowest pair's; for an article, its mean similarity to
the other articles of its event. Both lie in [0, 1].
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from framing.errors import OptionError

#: Similarity every two articles of an event must reach (0-1). Chosen on BASIL development events
#: (see docs/compare.md): pairwise F1 0.976-0.978 between 0.10 and 0.15; the higher end keeps events tight.
DEFAULT_THRESHOLD = 0.15

#: Days over which the date discount halves the similarity. Same-event coverage is usually days
#: apart; a follow-up a month later still groups, a story a year apart does not.
DATE_HALF_LIFE_DAYS = 120.0

#: The title says what the story is about in a few words: it counts this many times in the vector.
TITLE_WEIGHT = 3

#: Words of body text used per article: the lead carries the event; the tail drifts into background.
BODY_WORDS = 600

#: Word similarity two articles need before their shared names can raise it (see similarity_matrix).
NAMES_NEED_WORDS = 0.12

_WORD_PATTERN = r"(?u)\b[^\W\d_][\w'’-]+\b"
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z’'-]+\b")


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One event: the indices of its articles (into the input), how it was formed, and how alike they are.

    ``similarity`` is the mean pairwise similarity of its articles and ``min_similarity`` the lowest
    pair (None for a single article);
    ``member_similarity`` gives each article's mean similarity to the others, in ``members`` order.
    ``key`` is the explicit event name when ``method == "event field"``; ``terms`` the words that
    weigh most in the group (a human-readable label).
    """

    members: tuple[int, ...]
    method: str
    similarity: float | None
    min_similarity: float | None
    member_similarity: tuple[float | None, ...]
    key: str | None
    terms: tuple[str, ...]


def _text_for(item: dict[str, Any]) -> str:
    title = item.get("title") or ""
    body = item.get("text") or ""
    # The title is part of the text for .txt articles; repeating it still weighs it up, which we want.
    words = body.split()
    if len(words) > BODY_WORDS:
        body = " ".join(words[:BODY_WORDS])
    return (title + "\n") * TITLE_WEIGHT + body


def _parse_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _names(text: str) -> list[str]:
    """Capitalised words that are not stop words: a cheap stand-in for named entities."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return [w for w in _CAPITALISED.findall(text) if w.lower() not in ENGLISH_STOP_WORDS]


def _cosine(docs: list[Any], **vectorizer_options: Any) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        matrix = TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **vectorizer_options).fit_transform(docs)
    except ValueError:  # empty vocabulary: every text is stop words or empty
        return np.zeros((len(docs), len(docs)))
    return (matrix @ matrix.T).toarray()


def similarity_matrix(items: Sequence[dict[str, Any]]) -> Any:
    """Pairwise similarity (numpy array, n × n, diagonal 1) of articles given as dicts.

    Each dict needs ``text`` and may carry ``title`` and ``date`` (ISO). Two views of each
    article: TF-IDF of its words, and TF-IDF of its names (capitalised words). Similarity is the
    larger of the two cosines (outlets that paraphrase differently still name the same people and
    places) when the word cosine reaches NAMES_NEED_WORDS, else the word cosine; times ``0.5 ** (days apart / DATE_HALF_LIFE_DAYS)`` when both dates are known.
    """
    import numpy as np

    n = len(items)
    if n == 0:
        return np.zeros((0, 0))
    texts = [_text_for(it) for it in items]
    words = _cosine(texts, lowercase=True, stop_words="english", token_pattern=_WORD_PATTERN)
    names = _cosine([_names(t) for t in texts], analyzer=_identity)
    # Names only count where the words already agree a little: in short excerpts a shared "Biden"
    # alone would otherwise merge every White House story (NeuS: pairwise F1 0.22 without the gate, 0.34 with).
    sim = np.where(words >= NAMES_NEED_WORDS, np.maximum(words, names), words)
    dates = [_parse_date(it.get("date")) for it in items]
    for i in range(n):
        for j in range(i + 1, n):
            if dates[i] and dates[j]:
                gap = abs((dates[i] - dates[j]).days)
                factor = 0.5 ** (gap / DATE_HALF_LIFE_DAYS)
                sim[i, j] *= factor
                sim[j, i] *= factor
    np.fill_diagonal(sim, 1.0)
    return np.clip(sim, 0.0, 1.0)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _cluster(sim: Any, threshold: float) -> list[list[int]]:
    """Complete-link clusters: groups in which every pair of indices is at least ``threshold`` similar."""
    n = sim.shape[0]
    if n <= 1:
        return [[i] for i in range(n)]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - sim
    dist = (dist + dist.T) / 2.0
    dist[range(n), range(n)] = 0.0
    tree = linkage(squareform(dist, checks=False), method="complete")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _top_terms(items: Sequence[dict[str, Any]], members: Sequence[int], k: int = 4) -> tuple[str, ...]:
    """The title words most shared across the group: a short label for people, not used for grouping."""
    counts: dict[str, int] = {}
    for i in members:
        seen = {w.strip(".,:;!?\"'’‘“”()").lower() for w in (items[i].get("title") or "").split()}
        for w in seen:
            if len(w) > 3 and w.isalpha():
                counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(w for w, _ in ranked[:k])


def _summarise(sim: Any, members: Sequence[int]) -> tuple[float | None, float | None, tuple[float | None, ...]]:
    if len(members) < 2:
        return None, None, (None,) * len(members)
    pairs = [sim[i, j] for a, i in enumerate(members) for j in members[a + 1 :]]
    mean = float(sum(pairs) / len(pairs))
    each = tuple(round(float(sum(sim[i, j] for j in members if j != i) / (len(members) - 1)), 4) for i in members)
    return round(mean, 4), round(float(min(pairs)), 4), each


def group_events(items: Sequence[dict[str, Any]], *, threshold: float = DEFAULT_THRESHOLD) -> list[EventGroup]:
    """Group articles (dicts with ``text`` and optional ``title``, ``date``, ``event``) into events.

    Articles with an ``event`` value are grouped by it, whatever their text; the others by text
    similarity at ``threshold`` (0-1: higher makes smaller, tighter events). Events come back in
    the order of their first article; members in input order. Deterministic.
    """
    if not 0.0 <= threshold <= 1.0 or math.isnan(threshold):
        raise OptionError(f"threshold must be between 0 and 1 (higher: tighter events), got {threshold}")
    sim = similarity_matrix(items)
    explicit: dict[str, list[int]] = {}
    free: list[int] = []
    for i, it in enumerate(items):
        key = it.get("event")
        if key not in (None, ""):
            explicit.setdefault(str(key), []).append(i)
        else:
            free.append(i)
    groups: list[EventGroup] = []
    for key, members in explicit.items():
        mean, low, each = _summarise(sim, members)
        groups.append(EventGroup(tuple(members), "event field", mean, low, each, key, _top_terms(items, members)))
    if free:
        import numpy as np

        sub = sim[np.ix_(free, free)]
        for local in _cluster(sub, threshold):
            members = [free[i] for i in local]
            mean, low, each = _summarise(sim, members)
            groups.append(EventGroup(tuple(members), "text similarity", mean, low, each, None, _top_terms(items, members)))
    return sorted(groups, key=lambda g: g.members[0])


def pairwise_scores(predicted: Sequence[Any], gold: Sequence[Any]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a grouping: over all pairs of items, is "same event" right?

    ``predicted`` and ``gold`` give each item's group label, in the same order.
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted labels for {len(gold)} gold labels")
    tp = fp = fn = 0
    n = len(gold)
    for i in range(n):
        for j in range(i + 1, n):
            same_p = predicted[i] == predicted[j]
            same_g = gold[i] == gold[j]
            tp += same_p and same_g
            fp += same_p and not same_g
            fn += same_g and not same_p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs_true": tp + fn, "pairs_predicted": tp + fp}
