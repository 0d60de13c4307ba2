"""Decoding and bad inputs: every bad file is a clear error naming it, never a crash."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

import analysis
from analysis.reading.sources import ChecksumError, ReportFormatError, decode_bytes

SAMPLE = "一、2019年工作回顾\n全区地区生产总值302.4亿元，增长5%。\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_decodes_the_genres_encodings_exactly(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == SAMPLE  # CRLF kept: raw offsets count the file's own characters
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("增长5%".encode() + b"\x00\x00", "binary"),
        (b"%PDF-1.7\n\x00\x01\x02\x03\x04\x05\x06\x07", "binary"),
        (b"abc \x80\xff\x80\xff def", "cannot be decoded"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "byte-order mark"),
    ],
)
def test_bad_bytes_are_clear_errors(data: bytes, message: str) -> None:
    with pytest.raises(ReportFormatError, match=message) as err:
        decode_bytes(data, name="bad.txt")
    assert "bad.txt" in str(err.value)


def test_missing_path_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.txt"):
        analysis.load_report(tmp_path / "nope.txt")


def test_directory_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        analysis.load_report(tmp_path)


def test_empty_file_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReportFormatError, match=r"empty\.txt: the file is empty"):
        analysis.load_report(p)


def test_fromstring_rejects_empty_and_bytes() -> None:
    with pytest.raises(ReportFormatError):
        analysis.Report.fromstring("   ")
    with pytest.raises(TypeError, match="str"):
        analysis.Report.fromstring(b"abc")  # type: ignore[arg-type]


def test_raw_report_is_byte_identical_and_checksummed(raw_text: str) -> None:
    from analysis import paths
    from analysis.reading.document import recorded_checksums
    from analysis.reading.sources import sha256_of

    raw = paths.raw_dir() / paths.DEFAULT_REPORT
    assert recorded_checksums(raw.parent)[raw.name] == sha256_of(raw)
    assert analysis.load_report().raw == raw_text


def test_changed_raw_file_fails_loudly(tmp_path: Path) -> None:
    from analysis import paths

    src = paths.raw_dir()
    shutil.copy(src / "SHA256SUMS", tmp_path / "SHA256SUMS")
    changed = tmp_path / paths.DEFAULT_REPORT
    changed.write_bytes((src / paths.DEFAULT_REPORT).read_bytes().replace(b"302.4", b"999.9"))
    with pytest.raises(ChecksumError, match=paths.DEFAULT_REPORT):
        analysis.load_report(changed)


# --- special files: refused before they are opened --------------------------------------------


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block forever
    with pytest.raises(ReportFormatError, match=r"pipe\.txt: is a named pipe \(FIFO\)"):
        analysis.load_report(fifo)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf"])
def test_a_device_is_refused_before_reading(tmp_path: Path, suffix: str) -> None:
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    with pytest.raises(ReportFormatError, match="is a character device"):
        analysis.load_report(link)


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(ReportFormatError, match=r"a\.txt: symbolic link loop"):
        analysis.load_report(a)


def test_a_broken_symlink_says_so(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(FileNotFoundError, match=r"gone\.txt: broken symbolic link"):
        analysis.load_report(link)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis.reading import sources

    big = tmp_path / "big.txt"
    big.write_text(SAMPLE * 100, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_REPORT_BYTES", 1000)
    with pytest.raises(ReportFormatError, match=r"big\.txt: .* larger than the 1,000-byte"):
        analysis.load_report(big)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded(codec: str) -> None:
    decoded = decode_bytes(SAMPLE.encode(codec))
    assert decoded.text == SAMPLE and decoded.encoding == codec


def test_broken_utf16_without_a_bom_is_named_as_such() -> None:
    data = SAMPLE.encode("utf-16-le") + b"\x00\xdc"  # a lone low surrogate at the end
    with pytest.raises(ReportFormatError, match=r"UTF-16 without a byte-order mark"):
        decode_bytes(data, name="u16.txt")


def test_decoding_errors_name_the_true_byte_offset() -> None:
    head = "全区地区生产总值".encode()
    with pytest.raises(ReportFormatError, match=rf"utf-8: invalid start byte at byte {len(head)}"):
        decode_bytes(head + b"\xff\xff\xff", name="bad.txt")
    with pytest.raises(ReportFormatError, match=rf"at byte {3 + len(head)}\)"):
        decode_bytes(codecs.BOM_UTF8 + head + b"\xff", name="bom.txt")


@pytest.mark.parametrize("line", ["abc", "0123 file.txt", "f" * 64, "g" * 64 + "  x.txt"])
def test_a_malformed_sha256sums_line_is_named(tmp_path: Path, line: str) -> None:
    from analysis.reading.document import recorded_checksums

    (tmp_path / "SHA256SUMS").write_text("# comment\n" + "a" * 64 + "  ok.txt\n" + line + "\n",
                                         encoding="utf-8")
    with pytest.raises(ChecksumError, match=r"SHA256SUMS:3: expected"):
        recorded_checksums(tmp_path)


def test_sha256sums_accepts_binary_mode_and_comments(tmp_path: Path) -> None:
    from analysis.reading.document import recorded_checksums

    (tmp_path / "SHA256SUMS").write_text("# c\n\n" + "A" * 64 + " *x y.txt\n", encoding="utf-8")
    assert recorded_checksums(tmp_path) == {"x y.txt": "a" * 64}


def test_sha256sums_is_read_once_while_unchanged(tmp_path: Path, monkeypatch) -> None:
    """Loading each of n documents of a directory reads its SHA256SUMS once, not n times (a
    corpus of n files would cost n²); a rewritten SHA256SUMS is read again."""
    from analysis.reading import document

    lines = "".join(f"{i:064x}  doc{i}.txt\n" for i in range(2000))
    (tmp_path / "SHA256SUMS").write_text(lines, encoding="utf-8")
    reads = []
    real_read = Path.read_text

    def counting(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.name == "SHA256SUMS":
            reads.append(self)
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    for i in range(50):
        assert document.recorded_checksums(tmp_path)[f"doc{i}.txt"] == f"{i:064x}"
    assert len(reads) == 1
    (tmp_path / "SHA256SUMS").write_text(lines + "f" * 64 + "  new.txt\n", encoding="utf-8")
    assert document.recorded_checksums(tmp_path)["new.txt"] == "f" * 64
    assert len(reads) == 2


def test_corpus_files_are_byte_identical_and_checksummed() -> None:
    """Every real report in data/raw/corpus is listed in its directory's SHA256SUMS, with the
    checksum SOURCES.csv recorded when it was copied from its repository."""
    import csv

    from analysis import paths
    from analysis.reading.document import recorded_checksums
    from analysis.reading.sources import sha256_of

    files = paths.corpus_files()
    with open(paths.corpus_dir() / "SOURCES.csv", encoding="utf-8", newline="") as f:
        sources = {row["file"]: row for row in csv.DictReader(f)}
    assert len(files) == len(sources) == 78
    for p in files:
        key = f"{p.parent.name}/{p.name}"
        digest = sha256_of(p)
        assert recorded_checksums(p.parent)[p.name] == digest, key
        assert sources[key]["sha256"] == digest, key
        assert sources[key]["repo"] and sources[key]["commit"], key
    for d in {p.parent for p in files}:
        assert set(recorded_checksums(d)) == {p.name for p in d.glob("*.txt")}


def test_changed_corpus_file_fails_loudly(tmp_path: Path) -> None:
    from analysis import paths

    src = paths.corpus_dir() / "national"
    shutil.copy(src / "SHA256SUMS", tmp_path / "SHA256SUMS")
    changed = tmp_path / "national-china-2025.txt"
    changed.write_bytes((src / changed.name).read_bytes().replace(b"134.9", b"999.9"))
    with pytest.raises(ChecksumError, match=changed.name):
        analysis.load_report(changed)
