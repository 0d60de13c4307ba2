"""The command line: several files, formats, and a bad file among good ones."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from analysis import paths

REPORT = paths.raw_dir() / paths.DEFAULT_REPORT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, check=False)


def test_help_explains_the_columns() -> None:
    out = run("extract", "--help")
    assert out.returncode == 0
    for col in ("indicator_id", "status", "measure", "bound", "quote", "百分点"):
        assert col in out.stdout


def test_csv_to_stdout_and_json_to_file(tmp_path: Path) -> None:
    out = run("extract", str(REPORT))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("doc,indicator,indicator_id,year,status,measure")
    target = tmp_path / "f.json"
    assert run("extract", str(REPORT), "--format", "json", "-o", str(target)).returncode == 0
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert any(r["indicator_id"] == "gdp" and r["status"] == "target" for r in rows)


def test_bad_file_is_reported_and_good_rows_still_written(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01binary")
    target = tmp_path / "out.csv"
    out = run("extract", str(REPORT), str(bad), str(tmp_path / "missing.txt"), "-o", str(target))
    assert out.returncode == 1
    assert "broken.txt" in out.stderr and "missing.txt" in out.stderr
    table = pd.read_csv(target)
    assert len(table) > 100 and set(table.doc) == {REPORT.stem}


def test_parquet_needs_a_file() -> None:
    assert run("extract", str(REPORT), "--format", "parquet").returncode == 2


def test_workers_errors_file_and_text_dir(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    target, errors, texts = tmp_path / "out.csv", tmp_path / "errors.csv", tmp_path / "raw"
    out = run("extract", str(bad), str(REPORT), "--workers", "2", "-o", str(target),
              "--errors", str(errors), "--text-dir", str(texts))
    assert out.returncode == 1 and "empty.txt" in out.stderr
    assert "\r" not in out.stderr  # no progress bar: standard error is not a terminal
    err = pd.read_csv(errors)
    assert err[["doc", "error"]].values.tolist() == [["empty", "ReportFormatError"]]
    table = pd.read_csv(target)
    with (texts / f"{REPORT.stem}.txt").open(encoding="utf-8", newline="") as f:
        raw = f.read()
    assert all(raw[a:b] == q for a, b, q in zip(table.start, table.end, table.quote,
                                                   strict=True))


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty

    copy = tmp_path / "copy.txt"  # two documents (the same file twice is refused)
    copy.write_bytes(REPORT.read_bytes())
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "analysis", "extract", str(REPORT),
                               str(copy), "-o", str(tmp_path / "f.csv")],
                              stderr=slave, stdout=subprocess.PIPE, check=False)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert b"2/2 docs" in seen and b"[####" in seen


def test_progress_bar_draws_one_line() -> None:
    import io

    from analysis.cli import ProgressBar

    buf = io.StringIO()
    bar = ProgressBar(buf, width=8)
    bar(0, 4)
    bar(1, 4)
    bar.message("error: x.txt: the file is empty")
    bar(4, 4)
    out = buf.getvalue()
    assert "\r[##      ] 1/4 docs" in out and out.endswith("\r[########] 4/4 docs\n")
    assert "error: x.txt: the file is empty\n" in out
