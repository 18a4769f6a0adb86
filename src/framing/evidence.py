"""Evidence: the characters in the original text that a score rests on.

Every signal returns its cues as :class:`Evidence` values. Offsets are half-open
character offsets into ``Article.text`` (the text exactly as given), so
``article.text[e.start:e.end] == e.text`` always holds. Offsets come from the
match itself, never from searching the text again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open ``[start, end)`` character range into the original text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Evidence:
    """One cue a signal found.

    Attributes
    ----------
    start, end:
        Half-open character offsets into the original article text.
    text:
        ``article_text[start:end]``.
    category:
        What kind of cue this is, e.g. ``"epistemic_modal"`` or ``"disclaimer"``.
    entry:
        The lexicon entry (or pattern) that matched, so a reader can trace the rule.
    extra:
        Signal-specific fields (tuples of ``(key, value)`` pairs keep the value hashable).
    """

    start: int
    end: int
    text: str
    category: str = ""
    entry: str = ""
    extra: tuple[tuple[str, Any], ...] = field(default=())

    @classmethod
    def from_span(
        cls, text: str, start: int, end: int, category: str = "", entry: str = "", **extra: Any
    ) -> Evidence:
        """Build evidence from offsets into ``text`` (the original article text)."""
        return cls(start, end, text[start:end], category, entry, tuple(sorted(extra.items())))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.category:
            out["category"] = self.category
        if self.entry:
            out["entry"] = self.entry
        for key, value in self.extra:
            out[key] = value
        return out
