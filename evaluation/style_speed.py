"""Cost of the style signals (readability, loaded language, frames, headline) beside VADER on every sentence.

Usage (from the repository root)::

    nice python evaluation/style_speed.py [DATA_DIR] [N]     # defaults: ../shared/data, 200 articles

Reads the first N non-empty ``content_original`` texts of
``allsides-article-bias/sample_5000.jsonl``, parses each once (not timed: the
Document is shared by every signal), then times with *process* CPU time (so
other jobs on a shared machine disturb it less than wall time):

* the first pass of ``style.measure`` over all articles (pyphen cache cold;
  lexicons and the CMU table already loaded by one warm-up article);
* the best of 5 later passes, and each part alone;
* VADER ``polarity_scores`` on every sentence of the same Documents (best of 3).

Prints ms/article, MB/s and the ratio style / VADER (last line).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from framing.article import Article
from framing.document import parse
from framing.signals import frames, loaded_language, readability, style


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path("../shared/data")
    limit = int(argv[2]) if len(argv) > 2 else 200
    texts: list[str] = []
    with (data / "allsides-article-bias" / "sample_5000.jsonl").open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("content_original") or ""
            if text.strip():
                texts.append(text)
            if len(texts) >= limit:
                break
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    docs = [parse(Article(text=t)) for t in texts]
    n = len(docs)
    t0 = time.process_time()
    style.measure(docs[0], None)
    first_use = time.process_time() - t0
    cold = best(lambda: [style.measure(d, None) for d in docs], 1)
    warm = best(lambda: [style.measure(d, None) for d in docs], 5)
    parts = {
        "readability": lambda: [readability.measure(d, d.body_sentences()) for d in docs],
        "loaded_language": lambda: [loaded_language.find_cues(d, d.body_sentences()) for d in docs],
        "frames": lambda: [frames.find_cues(d, d.body_sentences()) for d in docs],
    }
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    vader = best(lambda: [analyser.polarity_scores(d.text[s.start : s.end]) for d in docs for s in d.sentences], 3)
    print(f"{n} articles, {mb:.2f} MB; process CPU time")
    print(f"first use in a process (lexicons, CMU table): {first_use:.3f} s, once")
    print(f"style, first pass (hyphenation cache cold): {1000 * cold / n:.2f} ms/article")
    print(f"style, best of 5: {1000 * warm / n:.2f} ms/article, {mb / warm:.2f} MB/s")
    for name, fn in parts.items():
        print(f"  {name}: {1000 * best(fn, 5) / n:.2f} ms/article")
    print(f"VADER on every sentence: {1000 * vader / n:.2f} ms/article, {mb / vader:.2f} MB/s")
    print(f"style / VADER: first pass {cold / vader:.2f}, best {warm / vader:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
