"""Extraction: a report's text model in, every figure out as one tidy table."""

from .extract import FIGURE_COLUMNS, Figure, extract_figures, extract_text
from .numbers import Quantity, find_quantities

__all__ = ["FIGURE_COLUMNS", "Figure", "Quantity", "extract_figures", "extract_text",
           "find_quantities"]
