"""The benchmarks' own helpers (``benchmarks/``), which ``make benchmark`` trusts: pure parts
only; the benchmarks themselves are not run by ``make test``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _scale_benchmark():
    spec = importlib.util.spec_from_file_location(
        "scale_benchmark", ROOT / "benchmarks" / "test_scale_benchmark.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_halves_split_the_corpus_by_bytes_largest_first(tmp_path: Path) -> None:
    # Expected by hand: 5 -> A, 4 -> B, 3 -> B (4 < 5), 3 -> A (B's 7 > A's 5), 1 -> B (7 < 8).
    # (First written as 1 -> A: a slip in that sum, which the test caught, not the code.)
    sizes = {"a": 5, "b": 4, "c": 3, "d": 3, "e": 1}
    paths = []
    for name, size in sizes.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(b"x" * size)
        paths.append(path)
    first, second = _scale_benchmark().halves(paths)
    assert [p.stem for p in first] == ["a", "d"]
    assert [p.stem for p in second] == ["b", "c", "e"]
    assert sorted(first + second) == sorted(paths)
