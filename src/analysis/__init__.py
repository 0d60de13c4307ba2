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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from .reading import ChecksumError, Report, ReportError, ReportFormatError, load_report

__all__ = [
    "ChecksumError",
    "Report",
    "ReportError",
    "ReportFormatError",
    "figures",
    "load_report",
]

__version__ = "0.1.0"

_FROM_READING = frozenset({"ChecksumError", "Report", "ReportError", "ReportFormatError",
                           "load_report"})


def __getattr__(name: str) -> Any:
    """The reading layer's names, imported at first use (PEP 562): ``import analysis`` and
    ``python -m analysis`` start at once (an interrupt during a long import would end in a
    traceback, not the command line's one line), and a Dask worker asked for
    ``analysis.__version__`` loads nothing else."""
    if name in _FROM_READING:
        from . import reading

        value = getattr(reading, name)
        globals()[name] = value  # looked up once
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def figures(report: Report | str | Path | None = None) -> pd.DataFrame:
    """Every figure of a report as one tidy table (see :mod:`analysis.extraction`).

    ``report`` is a :class:`Report`, a path, or None for the Liujiang 2020 report.
    """
    from .extraction import extract_figures
    from .reading import Report, load_report

    if not isinstance(report, Report):
        report = load_report(report)
    return extract_figures(report)
