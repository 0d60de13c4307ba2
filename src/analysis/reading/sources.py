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
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MAX_REPORT_BYTES",
    "ChecksumError",
    "DecodedText",
    "ReportError",
    "ReportFormatError",
    "checked_size",
    "decode_bytes",
    "read_bytes",
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
    controls = len(sample.translate(None, _NOT_CONTROL))  # counted in C, not byte by byte
    return controls > max(2, len(sample) // 100)


_NOT_CONTROL = bytes([9, 10, 12, 13, *range(32, 256)])  # tab, line breaks, form feed, text


def decode_bytes(data: bytes, name: str = "<bytes>") -> DecodedText:
    """Decode report bytes: BOM-marked UTF-8/UTF-16, else UTF-8, else GB18030.

    >>> decode_bytes("增长5%".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "亿元".encode()).text
    '亿元'
    """
    if not data or data.isspace():  # (what strip() would find, without copying the data)
        raise ReportFormatError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                at = exc.start + (len(bom) if encoding == "utf-8-sig" else 0)
                raise ReportFormatError(
                    f"{name}: starts with a {encoding} byte-order mark but does not decode "
                    f"as {encoding} ({exc.reason} at byte {at})"
                ) from None
            if "\x00" in text:
                raise ReportFormatError(f"{name}: contains NUL characters; not a text report")
            return DecodedText(text, encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _decode_utf16(data, utf16, name)
    if _looks_binary(data):
        raise ReportFormatError(
            f"{name}: looks like a binary file (NUL or control bytes), not a text report; "
            "PDF and HTML reports need their own reader"
        )
    failures = []
    for encoding in ("utf-8", "gb18030"):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError as exc:
            failures.append(f"{encoding}: {exc.reason} at byte {exc.start}")
    raise ReportFormatError(
        f"{name}: cannot be decoded as UTF-8, UTF-16 (with BOM) or GB18030/GBK "
        f"({'; '.join(failures)}); convert it to UTF-8 first"
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" if the NUL bytes sit mostly at odd/even offsets, as the high
    bytes of ASCII characters (digits, newlines) do in UTF-16 text without a BOM (a few
    characters such as 一 U+4E00 have a NUL low byte)."""
    n = min(len(data), 65536)
    if len(data) % 2 or data.count(0, 0, n) < max(4, n // 200):
        return None  # (most texts: one count of NUL bytes, without copying the sample)
    sample = data[:n]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even <= (even + odd) // 5:
        return "utf-16-le"
    if odd <= (even + odd) // 5:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, encoding: str, name: str) -> DecodedText:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReportFormatError(
            f"{name}: looks like UTF-16 without a byte-order mark ({encoding}) but does not "
            f"decode as such ({exc.reason} at byte {exc.start}); save it as UTF-8"
        ) from None
    if "\x00" in text or _looks_binary(text.encode("utf-8")):
        raise ReportFormatError(
            f"{name}: looks like a binary file (NUL or control bytes), not a text report"
        )
    return DecodedText(text, encoding)


def read_text(path: str | Path) -> DecodedText:
    """Read and decode one plain-text report file, with a clear error for a missing path or
    directory.

    Only regular files are read (a FIFO, device or socket is refused before it is opened,
    so a named pipe never blocks and ``/dev/zero`` never fills memory), and at most
    :data:`MAX_REPORT_BYTES`. This is the text reader only: the one dispatcher on the file's
    kind (PDF, HTML, text) is :func:`analysis.reading.formats.read_any`, which calls this one
    for text, so this module imports nothing of :mod:`.formats`.
    """
    p = Path(path)
    return decode_bytes(read_bytes(p), name=str(p))


#: The largest report file read (bytes): far above any real report (a national report is
#: about 100 KB), low enough that a wrong path never exhausts memory.
MAX_REPORT_BYTES = 256 * 1024 * 1024

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def checked_size(path: Path) -> int:
    """The size of ``path`` if it is a regular file a report can be read from, else a clear
    error: missing, a broken symlink or a symlink loop, a directory, a special file, too big.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReportFormatError(f"{path}: symbolic link loop (too many levels of "
                                    "symbolic links)") from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            if path.is_symlink():
                raise FileNotFoundError(f"{path}: broken symbolic link (to "
                                        f"{os.readlink(path)}: no such file)") from None
            raise FileNotFoundError(f"{path}: no such file") from None
        raise ReportFormatError(f"{path}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(f"{path}: is a directory, expected a report file")
    if not stat.S_ISREG(st.st_mode):
        kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a regular file")
        raise ReportFormatError(f"{path}: is {kind}, not a regular file; refused")
    if st.st_size > MAX_REPORT_BYTES:
        raise ReportFormatError(f"{path}: {st.st_size:,} bytes, larger than the "
                                f"{MAX_REPORT_BYTES:,}-byte limit for one report")
    return st.st_size


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file (see :func:`checked_size`), at most the size limit."""
    checked_size(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_REPORT_BYTES + 1)
    except OSError as exc:
        raise ReportFormatError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_REPORT_BYTES:
        raise ReportFormatError(f"{path}: grew beyond the {MAX_REPORT_BYTES:,}-byte limit "
                                "while being read")
    return data


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
