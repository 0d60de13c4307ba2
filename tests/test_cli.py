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
