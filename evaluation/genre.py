"""Run the extractor on the synthetic genre cases of tests/cases (other places and years)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from cases.genre_cases import CASES, Case  # noqa: E402

__all__ = ["CASES", "comparable_id", "expected_case", "extract_case"]

from analysis.extraction.extract import Context, parse_sentence  # noqa: E402
from analysis.reading.structure import split_paragraphs, split_sentences  # noqa: E402
from analysis.reading.text import normalize  # noqa: E402

FIELDS = ("indicator_id", "year", "status", "measure", "value", "unit", "bound", "low", "high")


def extract_case(case: Case) -> list[dict]:
    """The figures the extractor finds in a case, as dicts of the compared fields."""
    nt = normalize(case.text)
    year = case.report_year - 1 if case.part == "review" else case.report_year
    ctx = Context(case.part, year)
    out = []
    for s in split_sentences(nt.text, split_paragraphs(nt.text)):
        for f in parse_sentence(nt.text[s.start : s.end], ctx):
            q = f.quantity
            out.append({"indicator_id": f.indicator_id, "year": f.year, "status": f.status,
                        "measure": f.measure, "value": f.value, "unit": q.unit,
                        "bound": q.bound, "low": q.low, "high": q.high,
                        "indicator": f.indicator})
    return out


def expected_case(case: Case) -> list[dict]:
    """The stated figures; a one-sided bound sets ``low`` (ge/gt) or ``high`` (le/lt) to the
    stated number, as the figures table does (the cases write low/high only for ranges)."""
    out = []
    for f in case.figures:
        d = {k: getattr(f, k) for k in (*FIELDS, "indicator")}
        if d["bound"] in ("ge", "gt") and d["low"] is None:
            d["low"] = d["value"]
        if d["bound"] in ("le", "lt") and d["high"] is None:
            d["high"] = d["value"]
        out.append(d)
    return out


def comparable_id(indicator_id: str) -> str:
    """The cases use the issue's 14 ids only; the project's wider vocabulary maps to ""."""
    from cases.genre_cases import INDICATOR_IDS

    return indicator_id if indicator_id in INDICATOR_IDS else ""
