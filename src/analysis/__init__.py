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

from .reading import ChecksumError, Report, ReportError, ReportFormatError, load_report

__all__ = [
    "ChecksumError",
    "Report",
    "ReportError",
    "ReportFormatError",
    "load_report",
]

__version__ = "0.1.0"

