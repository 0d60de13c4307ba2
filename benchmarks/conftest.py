"""Benchmark helpers: the real corpus, and one summary table printed at the end of the run.

Each benchmark adds a line with :func:`record` (the ``summary`` fixture); ``make benchmark``
then prints every throughput side by side, after pytest-benchmark's own tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The real corpus: data/raw/corpus/ once it is copied into the project, else the shared copy
# beside the checkout.
CORPUS_DIRS = (ROOT / "data" / "raw" / "corpus", ROOT.parent / "shared" / "corpus",
               ROOT.parents[1] / "shared" / "corpus")

_LINES: list[tuple[str, str]] = []


def corpus_paths() -> list[Path]:
    """The ``.txt`` reports of the first corpus folder that has any (empty list: none)."""
    for folder in CORPUS_DIRS:
        paths = sorted(folder.rglob("*.txt")) if folder.is_dir() else []
        if paths:
            return paths
    return []


@pytest.fixture(scope="session")
def real_corpus() -> list[Path]:
    paths = corpus_paths()
    if not paths:
        pytest.skip(f"no real corpus in any of {', '.join(map(str, CORPUS_DIRS))}")
    return paths


def record(what: str, result: str) -> None:
    """One line of the summary table."""
    _LINES.append((what, result))


@pytest.fixture
def summary():
    return record


@pytest.hookimpl(trylast=True)  # after pytest-benchmark's tables
def pytest_terminal_summary(terminalreporter) -> None:
    if not _LINES:
        return
    width = max(len(w) for w, _ in _LINES)
    terminalreporter.section("throughput summary (this run)")
    for what, result in _LINES:
        terminalreporter.write_line(f"{what.ljust(width)}  {result}")
