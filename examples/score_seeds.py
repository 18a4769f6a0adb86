"""Score the two seed articles and print each signal's headline numbers with one piece of evidence.

Run from the repository root:  python examples/score_seeds.py
"""

from __future__ import annotations

from pathlib import Path

import framing

ROOT = Path(__file__).resolve().parents[1]

for doc in framing.score_many(framing.load(sorted((ROOT / "seeds").glob("*.txt")))):
    d = doc.to_dict()
    h = d["hedging"]
    print(f"\n== {d['title'] or d['id']} ({d['outlet'] or 'outlet unknown'}, {d['date']})")
    print(f"hedges {h['hedge_rate_per_1k_words']:.1f}/1k words, boosters {h['booster_rate_per_1k_words']:.1f}/1k, "
          f"assertiveness {h['assertiveness']:+.2f}")
    if h["hedges"]:
        e = h["hedges"][0]
        print(f"  first hedge: {e['text']!r} at {e['start']}-{e['end']} ({e['category']})")
    for c in d["countries"][:5]:
        print(f"  {c['name']:<12} {c['label']:<8} {c['sentiment']:+.2f}  mentions {c['mentions']}")
    s = d["sourcing"]
    print(f"figures {s['figures']}, sourced {s['sourced']}")
    for q in d["quotes"]:
        print(f"  quote by {q['speaker']}: {q['text'][:60]!r}")
    for x in d["disclaimers"] + d["boilerplate"]:
        print(f"  {x['kind']}: {x['text'][:60]!r}")
