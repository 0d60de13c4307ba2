"""Corpus throughput on 1,000 SYNTHETIC report-sized documents (``make benchmark`` only).

The documents (~20,000 characters, ~55 KB UTF-8 each, invented by
:mod:`analysis.synthetic`) are generated once per module; generation is not timed. Measured:
:func:`~analysis.corpus.extract_many` serially and on two worker processes (MB/s of input
bytes and docs/s), and the peak resident memory of streaming 250 vs 1,000 documents into a
Parquet dataset with ``iter_extract`` + ``write_parquet`` (each in a fresh process), which
must not grow with the corpus.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.corpus import extract_many
from analysis.synthetic import PLACES, synthetic_panel, write_corpus

N_DOCS = 1000
GOAL_MB_S_PER_CORE = 3.0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("synthetic-corpus")
    years = range(2000, 2025)
    paths: list[Path] = []
    seed = 0
    while len(paths) < N_DOCS:
        texts, _ = synthetic_panel(list(PLACES), years, seed=seed)
        paths += write_corpus(root, {f"{doc}-s{seed}": t for doc, t in texts.items()})
        seed += 1
    return paths[:N_DOCS]


def _report(benchmark, capsys, label: str, paths: list[Path], seconds: float,
            result=None, summary=None) -> float:
    nbytes = sum(p.stat().st_size for p in paths)
    mb_s = nbytes / 1e6 / seconds
    docs_s = len(paths) / seconds
    benchmark.extra_info.update({"docs": len(paths), "input_mb": round(nbytes / 1e6, 2),
                                 "seconds": round(seconds, 2), "mb_per_s": round(mb_s, 2),
                                 "docs_per_s": round(docs_s, 1)})
    if result is not None:
        benchmark.extra_info["rows"] = len(result.figures)
    with capsys.disabled():
        print(f"\n{label}: {len(paths)} docs, {nbytes / 1e6:.1f} MB in {seconds:.1f} s = "
              f"{mb_s:.2f} MB/s, {docs_s:.1f} docs/s")
    if summary is not None:
        summary(f"synthetic corpus, {label}",
                f"{mb_s:5.2f} MB/s  ({len(paths)} docs, {nbytes / 1e6:.1f} MB, "
                f"{docs_s:.0f} docs/s)")
    return mb_s


def _timed(benchmark, fn):
    out = benchmark.pedantic(fn, rounds=1, iterations=1)
    return out, benchmark.stats.stats.total


def test_extract_many_serial(benchmark, capsys, summary, corpus) -> None:
    result, seconds = _timed(benchmark, lambda: extract_many(corpus))
    assert result.errors.empty and len(result.metadata) == N_DOCS
    mb_s = _report(benchmark, capsys, "serial", corpus, seconds, result, summary)
    if mb_s < GOAL_MB_S_PER_CORE:
        with capsys.disabled():
            print(f"  below the goal of {GOAL_MB_S_PER_CORE} MB/s per core")


def test_extract_many_two_workers(benchmark, capsys, summary, corpus) -> None:
    result, seconds = _timed(benchmark, lambda: extract_many(corpus, 2))
    assert result.errors.empty and len(result.metadata) == N_DOCS
    _report(benchmark, capsys, "2 workers", corpus, seconds, result, summary)


_STREAM = """
import json, sys
from analysis.corpus import iter_extract, write_parquet
import pandas, pyarrow.dataset  # imported before the baseline is taken

def hwm_kb():  # VmHWM starts afresh at exec (ru_maxrss is inherited from the parent)
    with open("/proc/self/status") as f:
        return next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:"))

paths = json.loads(sys.stdin.read())
base = hwm_kb()
summary = write_parquet(iter_extract(paths), sys.argv[1])
peak = hwm_kb()
print(json.dumps({"base_kb": base, "peak_kb": peak, "rows": summary.rows}))
"""


def _stream_rss(paths: list[Path], out: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", _STREAM, str(out)],
                          input=json.dumps([str(p) for p in paths]), capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_streaming_parquet_memory_does_not_grow(benchmark, capsys, summary, corpus,
                                                tmp_path) -> None:
    small = _stream_rss(corpus[:250], tmp_path / "small")
    large, seconds = _timed(benchmark, lambda: _stream_rss(corpus, tmp_path / "large"))
    assert large["rows"] > 3 * small["rows"]
    ratio = large["peak_kb"] / small["peak_kb"]
    growth = ((large["peak_kb"] - large["base_kb"]) / 1024,
              (small["peak_kb"] - small["base_kb"]) / 1024)
    benchmark.extra_info.update({
        "peak_rss_mb_250": round(small["peak_kb"] / 1024, 1),
        "peak_rss_mb_1000": round(large["peak_kb"] / 1024, 1),
        "growth_over_imports_mb_250": round(growth[1], 1),
        "growth_over_imports_mb_1000": round(growth[0], 1),
        "rows_1000": large["rows"],
    })
    _report(benchmark, capsys, "stream to parquet (serial, incl. start-up)", corpus, seconds)
    summary("synthetic corpus streamed to Parquet, peak RSS",
            f"250 docs {small['peak_kb'] / 1024:.0f} MB, "
            f"1000 docs {large['peak_kb'] / 1024:.0f} MB")
    with capsys.disabled():
        print(f"  peak RSS: 250 docs {small['peak_kb'] / 1024:.0f} MB "
              f"(+{growth[1]:.0f} MB after imports), 1000 docs {large['peak_kb'] / 1024:.0f} MB "
              f"(+{growth[0]:.0f} MB); ratio {ratio:.2f}")
    assert ratio < 1.5
