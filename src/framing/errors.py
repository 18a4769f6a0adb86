"""Every error and warning framing raises, in one place.

Messages name the file and line where the problem is, and list the valid choices
where there are choices. The library never prints: warnings go through
:mod:`warnings` (and onto each scored article's ``warnings`` field); the CLI
decides what to show.
"""

from __future__ import annotations

from pathlib import Path


class FramingError(Exception):
    """Base class of every error framing raises on purpose."""


class InputError(FramingError, ValueError):
    """An input file or record that cannot be read as an article.

    ``path`` and ``line`` (1-based, for JSONL/CSV records) say where.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        where = ""
        if self.path is not None:
            where = self.path + (f":{line}" if line is not None else "") + ": "
        elif line is not None:
            where = f"record {line}: "
        super().__init__(where + message)
        self.reason = message


class LexiconError(FramingError, ValueError):
    """A malformed lexicon file or entry (names the file and line)."""

    def __init__(self, message: str, *, path: str | Path, line: int | None = None):
        self.path = str(path)
        self.line = line
        super().__init__(f"{path}" + (f":{line}" if line is not None else "") + f": {message}")


class OptionError(FramingError, ValueError):
    """An option out of its valid range (names the option, the value and what is valid)."""


class FramingWarning(UserWarning):
    """Base class of framing's warnings."""


class DecodingWarning(FramingWarning):
    """A file was not valid UTF-8 and was decoded with an assumed encoding."""


class NotEnglishNewsWarning(FramingWarning):
    """The text does not look like English prose; its scores are not reliable."""


def choices(values) -> str:
    """Format valid choices for an error message."""
    return ", ".join(repr(v) for v in sorted(values))
