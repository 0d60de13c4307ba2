"""Benchmark helpers: the real corpus, and one summary table printed at the end of the run.

Each benchmark adds a line with :func:`record` (the ``summary`` fixture); ``make benchmark``
then prints every throughput side by side, after pytest-benchmark's own tables.

The machine class is a shared VM whose speed drifts by up to 2x over an hour. So that a
run's numbers can be read, a fixed pure-Python reference loop is timed at the start and at
the end of the session and printed with them: about 0.13 s on a quiet machine.
"""

from __future__ import annotations

import statistics
import time
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


def reference_seconds(rounds: int = 5) -> float:
    """Median time of a fixed pure-Python loop (3 million additions): the machine's speed."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_REFERENCE: list[float] = []


def pytest_sessionstart(session) -> None:
    if session.config.getoption("benchmark_enable", False):
        _REFERENCE.append(reference_seconds())


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
    if _REFERENCE:
        terminalreporter.write_line(
            f"{'machine speed: reference loop'.ljust(width)}  {_REFERENCE[0]:.2f} s at the "
            f"start, {reference_seconds():.2f} s at the end (about 0.13 s on a quiet machine)")
