"""Bytes to text: byte-order marks, UTF-8, then Windows-1252 / Latin-1, and binary data refused.

Every reader decodes through here, so a file read whole and a record streamed a
line at a time assume the same encodings and warn the same way.
"""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

from framing.errors import DecodingWarning, InputError

_BOMS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _cp1252_for_bad_utf8(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as Windows-1252 (Latin-1 where it has no character)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("framing-cp1252", _cp1252_for_bad_utf8)


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes: a byte-order mark first, then UTF-8, then Windows-1252 / Latin-1.

    Returns ``(text, encoding)``. Anything other than UTF-8 is reported with a
    :class:`DecodingWarning` naming the file, where the first non-UTF-8 byte is
    and the encoding assumed. A file that is UTF-8 except for a few stray
    Windows-1252 bytes (smart quotes pasted into a UTF-8 file) keeps its UTF-8
    characters: only the bad bytes are read as Windows-1252 (``"utf-8+cp1252"``).
    No byte is dropped or replaced by U+FFFD. Binary data (NUL bytes or mostly
    control characters) raises :class:`InputError`.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(f"starts with a {enc} byte-order mark but is not valid {enc}: {e.reason}", path=path) from None
            if enc != "utf-8-sig":
                warnings.warn(f"{path}: decoded as {enc.upper()} (byte-order mark)", DecodingWarning, stacklevel=2)
            return _check_text(text, path), enc
    if b"\x00" in data[:4096]:
        for enc, parity in (("utf-16-le", 1), ("utf-16-be", 0)):
            if _looks_utf16(data, parity):
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                warnings.warn(f"{path}: no byte-order mark; decoded as {enc.upper()}", DecodingWarning, stacklevel=2)
                return _check_text(text, path), enc
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as e:
        text, enc, message = _not_utf8(data, path, e.start)
    text = _check_text(text, path)
    warnings.warn(message, DecodingWarning, stacklevel=2)
    return text, enc


def _not_utf8(data: bytes, path: Path | str, first_bad: int, first_line: int = 1) -> tuple[str, str, str]:
    """Bytes that are not UTF-8 (from ``first_bad`` on) as text: ``(text, encoding, the warning to give)``.

    Stray Windows-1252 bytes in UTF-8 keep the UTF-8 around them; bytes that
    are Windows-1252 or Latin-1 throughout are named so. ``first_line`` is the
    line ``data`` starts on, so the warning names the line of the first bad byte.
    """
    text = data.decode("utf-8", errors="framing-cp1252")
    if text == data.decode("latin-1"):
        enc, name = "latin-1", "Latin-1 (ISO-8859-1)"
    elif text == data.decode("cp1252", errors="framing-cp1252"):
        enc, name = "cp1252", "Windows-1252"
    else:
        enc, name = "utf-8+cp1252", "UTF-8, with the bytes that are not UTF-8 read as Windows-1252"
    line = first_line + data.count(b"\n", 0, first_bad)
    return text, enc, f"{path}: not valid UTF-8 (byte 0x{data[first_bad]:02X} at line {line}); decoded as {name}"


def _looks_utf16(data: bytes, parity: int) -> bool:
    """Half the bytes NUL, at odd (``parity=1``, little-endian) or even (big-endian) offsets: ASCII as UTF-16."""
    sample = data[:4096]
    half = sample[parity::2]
    return len(half) > 0 and half.count(0) > 0.4 * len(half)


#: C0 controls other than white space, and DEL: text has almost none, binary data many.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _too_many_controls(sample: str) -> bool:
    """More than one control character and more than 5 % of ``sample``: binary data, not text.

    One stray control (a DOS end-of-file mark, a bell) does not make a short text binary.
    """
    controls = len(_CONTROL_RE.findall(sample))
    return controls > 1 and controls > 0.05 * len(sample)


def _check_text(text: str, path: Path | str) -> str:
    sample = text[:65536]
    if not sample:
        return text
    if "\x00" in sample or _too_many_controls(sample):
        raise InputError("binary file, not text (NUL or control bytes)", path=path)
    return text


def _streamable(head: bytes) -> bool:
    """True when JSON Lines or CSV starting with ``head`` can be read a line at a time: not UTF-16, not binary.

    Those exceptions (rare) are read whole, which decodes or reports them; so
    is a head of only white space, reported as an empty file. The head is
    judged as :func:`decode` judges a file read whole (characters, not bytes).
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return False
    text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="framing-cp1252")
    return bool(text.strip()) and not _too_many_controls(text)

