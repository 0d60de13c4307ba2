"""Bytes in, text out: decode a report file and verify checksums, with clear errors.

Reports of this genre circulate as UTF-8 (with or without BOM), GB18030/GBK (older
government sites) and UTF-16 with BOM (Windows exports). Decoding is strict: a file that
is binary, empty or in none of these encodings raises :class:`ReportFormatError` naming the
file, never a traceback from deep inside a codec and never silently garbled text.

Line endings are *not* changed here: the decoded string is the "raw text" against which
every offset in the project is counted, so it must be exactly what the file says.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ChecksumError",
    "DecodedText",
    "ReportError",
    "ReportFormatError",
    "decode_bytes",
    "read_text",
    "sha256_of",
    "verify_checksum",
]


class ReportError(Exception):
    """Base class of every error about an input report (bad path, format, checksum)."""


class ReportFormatError(ReportError, ValueError):
    """The file cannot be read as the text of a report."""


class ChecksumError(ReportError):
    """A file under ``data/raw/`` no longer matches its recorded SHA-256."""


@dataclass(frozen=True)
class DecodedText:
    """The decoded text of a file and the encoding that decoded it.

    ``pages`` holds ``(page number from 1, start, end)`` offsets of each page in ``text``
    for a PDF (empty otherwise).
    """

    text: str
    encoding: str
    pages: tuple[tuple[int, int, int], ...] = ()


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    """True for data that no plain-text report contains: NUL bytes or many control bytes."""
    if b"\x00" in data:
        return True
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def decode_bytes(data: bytes, name: str = "<bytes>") -> DecodedText:
    """Decode report bytes: BOM-marked UTF-8/UTF-16, else UTF-8, else GB18030.

    >>> decode_bytes("增长5%".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "亿元".encode()).text
    '亿元'
    """
    if not data.strip():
        raise ReportFormatError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReportFormatError(
                    f"{name}: starts with a {encoding} byte-order mark but does not decode "
                    f"as {encoding} ({exc.reason} at byte {exc.start})"
                ) from None
            if "\x00" in text:
                raise ReportFormatError(f"{name}: contains NUL characters; not a text report")
            return DecodedText(text, encoding)
    if _looks_binary(data):
        raise ReportFormatError(
            f"{name}: looks like a binary file (NUL or control bytes), not a text report; "
            "PDF and HTML reports need their own reader"
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise ReportFormatError(
        f"{name}: cannot be decoded as UTF-8, UTF-16 (with BOM) or GB18030/GBK; "
        "convert it to UTF-8 first"
    )


def read_text(path: str | Path) -> DecodedText:
    """Read and decode one report file, with a clear error for a missing path or directory.

    ``.pdf`` and ``.html``/``.htm``/``.shtml`` files are read by :mod:`.formats` (encoding
    ``"pdf"``, with page offsets, or ``"html:<charset>"``).
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file")
    if p.is_dir():
        raise IsADirectoryError(f"{p}: is a directory, expected a report file")
    if p.suffix.lower() in _FORMAT_SUFFIXES:
        from .formats import read_any  # lazy: pdfplumber loads only for a PDF

        return read_any(p)
    return decode_bytes(p.read_bytes(), name=str(p))


_FORMAT_SUFFIXES = frozenset({".pdf", ".html", ".htm", ".shtml", ".xhtml"})


def sha256_of(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def verify_checksum(path: str | Path, expected: str) -> None:
    """Raise :class:`ChecksumError` naming the file if its SHA-256 is not ``expected``."""
    actual = sha256_of(path)
    if actual != expected.lower():
        raise ChecksumError(
            f"{path}: SHA-256 is {actual}, expected {expected}. Files in data/raw/ are "
            "immutable: restore the original (git checkout -- data/raw) or, for a new "
            "report, record its checksum in data/raw/SHA256SUMS"
        )
