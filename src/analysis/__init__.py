"""gwr-analysis: Chinese government work reports (政府工作报告) as tidy, traceable data.

>>> import analysis
>>> report = analysis.load_report()            # the Liujiang District 2020 report
>>> report.year
2020
>>> len(report.glossary()), len(report.projects())
(32, 10)

The package stays light to import: pandas, matplotlib and statsmodels load only inside the
functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .reading import ChecksumError, Report, ReportError, ReportFormatError, load_report

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

__all__ = [
    "ChecksumError",
    "Report",
    "ReportError",
    "ReportFormatError",
    "figures",
    "load_report",
]

__version__ = "0.1.0"


def figures(report: Report | str | Path | None = None) -> pd.DataFrame:
    """Every figure of a report as one tidy table (see :mod:`analysis.extraction`).

    ``report`` is a :class:`Report`, a path, or None for the Liujiang 2020 report.
    """
    from .extraction import extract_figures

    if not isinstance(report, Report):
        report = load_report(report)
    return extract_figures(report)
