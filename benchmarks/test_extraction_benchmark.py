"""Extraction speed on the Liujiang report (``make benchmark``; disabled in ``make test``)."""

from __future__ import annotations

import analysis
from analysis.extraction import extract_figures


def test_extract_figures_from_loaded_report(benchmark) -> None:
    report = analysis.load_report()
    assert report.outline.year == 2020  # structure built once, as in a notebook session
    figs = benchmark(extract_figures, report)
    assert len(figs) > 100


def test_read_normalize_structure_and_extract(benchmark) -> None:
    raw = analysis.load_report().raw

    def full() -> int:
        return len(extract_figures(analysis.Report.fromstring(raw, doc="bench")))

    assert benchmark(full) > 100
