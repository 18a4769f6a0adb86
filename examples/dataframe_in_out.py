"""Articles in from a pandas DataFrame, scores out as one row per article.

Run from the repository root:  python examples/dataframe_in_out.py
"""

from __future__ import annotations

import pandas as pd

import framing

frame = pd.DataFrame(
    {
        "id": ["a", "b", "c"],
        "outlet": ["Desk A", "Desk B", "Desk C"],
        "text": [
            "Russia said trade rose 20%, per customs data. Officials clearly expect more.",
            "Pakistan may lose influence, experts believe, though the figures remain unclear.",
            "India welcomed the move, calling it a milestone for the region.",
        ],
    }
)
docs = list(framing.score_many(framing.from_frame(frame), n_jobs=1))
table = framing.to_frame(docs)
print(table[["id", "outlet", "hedge_rate_per_1k_words", "assertiveness", "figures", "share_figures_sourced"]])
