"""Shared fixtures: the Liujiang report, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "liujiang-2020-government-work-report.txt"


@pytest.fixture(scope="session")
def report() -> analysis.Report:
    return analysis.load_report()


@pytest.fixture(scope="session")
def raw_text() -> str:
    return RAW.read_text(encoding="utf-8")
