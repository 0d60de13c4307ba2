"""Reading: one report in, a text model out (normalized view, raw offsets, structure)."""

from .document import Report, load_report
from .sources import ChecksumError, ReportError, ReportFormatError

__all__ = ["ChecksumError", "Report", "ReportError", "ReportFormatError", "load_report"]
