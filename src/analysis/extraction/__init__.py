"""Extraction: a report's text model in, every figure out as one tidy table."""

from .extract import (
    FIGURE_COLUMNS,
    FIGURE_DTYPES,
    Figure,
    doubts,
    extract_figures,
    extract_text,
    figure_columns,
    figure_frame,
)
from .numbers import Quantity, find_doubts, find_quantities

__all__ = ["FIGURE_COLUMNS", "FIGURE_DTYPES", "Figure", "Quantity", "doubts", "extract_figures",
           "extract_text", "figure_columns", "figure_frame", "find_doubts", "find_quantities"]
