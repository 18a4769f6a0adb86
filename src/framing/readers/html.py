"""HTML pages (.html, .htm): the article text and metadata trafilatura finds, with the optional html extra."""

from __future__ import annotations

from pathlib import Path

from framing.article import Article
from framing.readers.records import _failed, _limit


def _read_html(path: Path, text: str, encoding: str) -> Article:
    try:
        import trafilatura  # optional extra, imported only for HTML input
    except ImportError:
        return _failed(path, "reading HTML needs the html extra: pip install 'framing[html]'")
    body = trafilatura.extract(text, include_comments=False, include_tables=False) or ""
    meta = trafilatura.extract_metadata(text)
    if not body.strip():
        return _failed(path, "no article text found in the HTML page")
    return _limit(
        Article(
            text=body,
            id=path.stem,
            outlet=getattr(meta, "sitename", None),
            title=getattr(meta, "title", None),
            author=getattr(meta, "author", None),
            date=getattr(meta, "date", None),
            url=getattr(meta, "url", None),
            source=str(path),
            encoding=encoding,
        )
    )
