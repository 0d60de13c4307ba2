"""Run the extractor on the real corpus sentences of tests/cases/real_sentences.py."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from cases.real_sentences import CASES  # noqa: E402

from analysis.extraction.extract import Context, parse_sentence  # noqa: E402
from analysis.reading.text import normalize  # noqa: E402

__all__ = ["CASES", "case_id", "expected", "extracted"]


def case_id(case: tuple) -> str:
    doc, _, text, _ = case
    return f"{doc}:{text[:12]}"


def _report_year(doc: str) -> int:
    return int(doc.rsplit("-", 1)[1])


def expected(case: tuple) -> list[dict]:
    """The figures a case states, as dicts of the compared fields."""
    doc, part, _, figs = case
    y = _report_year(doc)
    out = []
    for spec in figs:
        ind, measure, value, unit, bound, *rest = spec.split("|")
        year = int(rest[0][1:]) if rest else (y - 1 if part == "review" else y)
        low = high = None
        val: float | None
        if bound == "range":
            lo, hi = value.split("-") if not value.startswith("-") else value[1:].split("-")
            low, high, val = float(lo), float(hi), None
        else:
            val = float(value)
            if bound in ("ge", "gt"):
                low = val
            elif bound in ("le", "lt"):
                high = val
        out.append({
            "indicator_id": "" if ind.startswith("~") else ind,
            "indicator": ind[1:] if ind.startswith("~") else "",
            "year": year, "status": "target" if part == "plan" else "actual",
            "measure": measure, "value": val, "low": low, "high": high, "unit": unit,
            "bound": bound,
        })
    return out


def extracted(case: tuple) -> list[dict]:
    doc, part, text, _ = case
    y = _report_year(doc)
    nt = normalize(text)
    ctx = Context(part, y - 1 if part == "review" else y)
    return [
        {"indicator_id": f.indicator_id, "indicator": f.indicator, "year": f.year,
         "status": f.status, "measure": f.measure, "value": f.value, "low": f.quantity.low,
         "high": f.quantity.high, "unit": f.quantity.unit, "bound": f.quantity.bound}
        for f in parse_sentence(nt.text, ctx)
    ]


def same(gold: dict, got: dict) -> bool:
    """Every field right: the indicator (id, or the name for an indicator without one)."""
    if gold["indicator_id"]:
        ind = gold["indicator_id"] == got["indicator_id"]
    else:
        ind = not got["indicator_id"] and gold["indicator"] in got["indicator"]
    return ind and all(gold[k] == got[k] for k in
                       ("year", "status", "measure", "value", "low", "high", "unit", "bound"))


def case_right(case: tuple) -> bool:
    gold, got = expected(case), extracted(case)
    free = list(got)
    for g in gold:
        hit = next((x for x in free if same(g, x)), None)
        if hit is None:
            return False
        free.remove(hit)
    return not free
