"""Renderers: plain dicts in (``Comparison.to_dict()``, ``ScoredArticle.to_dict()``), text out."""
