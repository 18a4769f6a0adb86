"""Plain text and Markdown: an article and the title, byline, date and outlet its own lines give.

``parse_date`` lives here because news text is where its date forms come from;
records use it too.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from framing.article import Article, title_shaped

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_BYLINE_RE = re.compile(r"^[-–—•*·]?\s*by\s*:?\s*(?P<author>[^\W\d_][\w .,'’-]{0,80}?)\s*$", re.IGNORECASE)
_BULLET_RE = re.compile(r"^[-–—•*·]\s*")
_PUBLISHED_RE = re.compile(
    r"^(?:originally\s+)?published\s+(?:in|by|on)\s+(?P<outlet>[A-Z][\w&.' -]{1,60}?)\s*,\s*(?P<date>[^\n]{4,40}?)\.?\s*$",
    re.IGNORECASE,
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_RES = [
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}"),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
]
_DATELINE_RE = re.compile(
    rf"^(?P<place>[A-Z][\w .'-]{{1,40}}),\s+(?P<date>{_MONTH.replace('?P<month>', '?:')}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)\s*[–—-]+\s"
)


def parse_date(value: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from the date forms news pages print, or None."""
    value = value.strip()
    for rx in _DATE_RES:
        m = rx.match(value)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get(groups["month"].lower())
        if not month:
            continue
        day, year = int(groups["day"]), int(groups["year"])
        try:
            return datetime.date(year, month, day).isoformat()  # rejects 30 February, month 13
        except ValueError:
            continue
    return None


def read_txt(text: str, *, source: str | None = None, id_: str | None = None, encoding: str | None = None) -> Article:
    """An article from plain text, reading title, byline, date and outlet from its own lines.

    A front-matter block (``---`` lines around ``key: value`` pairs) sets them
    explicitly; it is not part of the article text. Otherwise: a short first
    line without final punctuation is the title; ``- by Name`` is the byline; a
    line that is only a date is the date; ``Place, Month D, YYYY –`` opening the
    first paragraph is a dateline; ``Published in Outlet, date`` gives the outlet.
    """
    meta: dict[str, Any] = {}
    fm = _FRONT_MATTER_RE.match(text)
    if fm:
        for line in fm.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[fm.end() :]
    regions: list[tuple[str, int, int]] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text)]
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    found: dict[str, str] = {}
    # Header: up to the first five lines.
    for n, (a, b) in enumerate(lines[:5]):
        line = text[a:b].strip()
        lead = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        bare = _BULLET_RE.sub("", line)
        by = _BYLINE_RE.match(line)
        if by and "author" not in found and len(line) < 90:
            found["author"] = by.group("author").strip()
            regions.append(("byline", lead, lead + len(line)))
            continue
        date = parse_date(bare)
        if date and "date" not in found and len(bare) < 40:
            found["date"] = date
            regions.append(("dateline", lead, lead + len(line)))
            continue
        if n == 0 and "title" not in found and _looks_like_title(line, lines):
            found["title"] = line
            regions.append(("title", lead, lead + len(line)))
            continue
        m = _DATELINE_RE.match(line)
        if m and "date" not in found:
            date = parse_date(m.group("date"))
            if date:
                found["date"] = date
        break
    # Footer: the last three lines.
    for a, b in lines[-3:]:
        m = _PUBLISHED_RE.match(text[a:b].strip())
        if m:
            found.setdefault("outlet", m.group("outlet").strip())
            date = parse_date(m.group("date"))
            if date:
                found.setdefault("date", date)
    for key in ("title", "author", "date", "outlet"):
        if key not in meta and key in found:
            meta[key] = found[key]
    if "date" in meta:
        meta["date"] = parse_date(str(meta["date"])) or str(meta["date"])
    return Article(
        text=text,
        id=str(meta.get("id") or id_ or "") or None,
        outlet=meta.get("outlet"),
        title=meta.get("title"),
        author=meta.get("author"),
        date=meta.get("date"),
        url=meta.get("url"),
        event=meta.get("event"),
        source=source,
        regions=tuple(regions),
        encoding=encoding,
    )


def _looks_like_title(line: str, lines: list[tuple[int, int]]) -> bool:
    return len(lines) > 1 and title_shaped(line, len(line.split())) and not _DATELINE_RE.match(line)

