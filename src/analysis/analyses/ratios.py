"""Derived ratios between stated figures, computed in one place.

Spending per tourist visit, the urban/rural income ratio, fiscal revenue / GDP, the services
share of GDP and the industry shares are defined here once (:data:`RATIOS`) and computed by
:meth:`Ratio.of`. The growth view (:func:`derived_ratios`, :func:`industry_ratios`) and the
cross-checks (:mod:`analysis.analyses.checks`) both use them, so the same ratio is never
computed twice, nor two ways.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .lookup import OUTCOME, SPECS, FigureRow, Spec, find, fmt, select, status_note

__all__ = [
    "INDUSTRY_RATIOS",
    "RATIOS",
    "RATIO_COLUMNS",
    "Ratio",
    "derived_ratios",
    "industry_ratios",
    "ratio",
]


@dataclass(frozen=True)
class Ratio:
    """A ratio of two figures named by their keys in :data:`lookup.SPECS`.

    ``scale``: the result is numerator / denominator × scale (100 for a share in %).
    ``growth``: a ratio of growth factors, (1 + g_num) / (1 + g_den) − 1, instead of levels.
    ``same_base_unit``: the two levels must share a base unit (元 / 元); False for 元 / 人次.
    ``previous_from_growth``: also give the previous year's ratio implied by the two growth
    rates (the urban/rural income ratio).
    """

    name: str
    numerator: str
    denominator: str
    unit: str
    scale: float
    note: str
    growth: bool = False
    same_base_unit: bool = True
    previous_from_growth: bool = False

    def specs(self, specs: Mapping[str, Spec] = SPECS) -> tuple[Spec, Spec]:
        """How to find the numerator and the denominator (their growth rates if ``growth``)."""
        num, den = specs[self.numerator], specs[self.denominator]
        return (num.growth(), den.growth()) if self.growth else (num, den)

    def of(self, num: FigureRow, den: FigureRow) -> float:
        """The ratio of two figures; NaN when a value is missing, the base units differ (where
        they must agree) or the denominator is 0."""
        if math.isnan(num.point) or math.isnan(den.point):
            return math.nan
        if self.growth:
            return ((1 + num.point / 100) / (1 + den.point / 100) - 1) * self.scale
        if self.same_base_unit and num.base_unit != den.base_unit:
            return math.nan
        if den.base_value == 0:
            return math.nan
        return num.base_value / den.base_value * self.scale


RATIOS: tuple[Ratio, ...] = (
    Ratio(
        "tourism revenue per visit",
        "tourism_revenue",
        "tourist_arrivals",
        "元/人次",
        1.0,
        "spending per visit (revenue / arrivals); counts visits (人次), not visitors",
        same_base_unit=False,
    ),
    Ratio(
        "growth of tourism revenue per visit",
        "tourism_revenue",
        "tourist_arrivals",
        "%",
        100.0,
        "(1 + revenue growth) / (1 + arrivals growth) − 1; nominal",
        growth=True,
    ),
    Ratio(
        "urban/rural income ratio",
        "urban_income",
        "rural_income",
        "倍",
        1.0,
        "urban ÷ rural per-capita disposable income (times); nominal",
        previous_from_growth=True,
    ),
    Ratio(
        "fiscal revenue / GDP",
        "fiscal_revenue",
        "gdp",
        "%",
        100.0,
        "fiscal revenue (财政收入, may include the higher levels' share of taxes) over GDP",
    ),
    Ratio(
        "retail sales / GDP",
        "retail_sales",
        "gdp",
        "%",
        100.0,
        "retail sales is a gross sales value, not a GDP component: indicative only",
    ),
    Ratio(
        "services value added / GDP",
        "tertiary_value_added",
        "gdp",
        "%",
        100.0,
        "share of the tertiary sector in GDP (both nominal)",
    ),
    Ratio(
        "industrial value added / gross output (above designated size)",
        "industrial_value_added",
        "industrial_output_above_scale",
        "%",
        100.0,
        "value-added rate (增加值率) of enterprises above designated size: value added is net "
        "of intermediate inputs, gross output is not",
    ),
    Ratio(
        "above-scale share of gross industrial output",
        "industrial_output_above_scale",
        "industrial_output",
        "%",
        100.0,
        "gross output of enterprises above designated size over gross output of all industry",
    ),
    Ratio(
        "high-tech share of gross industrial output",
        "high_tech_output",
        "industrial_output",
        "%",
        100.0,
        "base: 工业总产值 of all industry (including below designated size); 高新技术产业产值 "
        "is compiled by the science and technology bureau on its own enterprise list and may "
        "include non-industrial firms, so the share is indicative only",
    ),
    Ratio(
        "high-tech share of gross industrial output above designated size",
        "high_tech_output",
        "industrial_output_above_scale",
        "%",
        100.0,
        "base: 规模以上工业总产值 only; high-tech output may include firms below designated size "
        "or outside industry, so this share is an upper bound",
    ),
)

_BY_NAME = {r.name: r for r in RATIOS}

INDUSTRY_RATIOS = (
    "industrial value added / gross output (above designated size)",
    "above-scale share of gross industrial output",
    "high-tech share of gross industrial output",
    "high-tech share of gross industrial output above designated size",
)

RATIO_COLUMNS = [
    "doc",
    "ratio",
    "year",
    "value",
    "unit",
    "numerator",
    "denominator",
    "sources",
    "note",
]


def ratio(name: str) -> Ratio:
    """The ratio called ``name`` in :data:`RATIOS`."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no ratio {name!r} (have: {sorted(_BY_NAME)})") from None


def _ratio_row(r: Ratio, num: FigureRow, den: FigureRow, value: float) -> dict[str, object]:
    notes = [r.note, *status_note(num, den)]
    if num.bound not in ("eq", "approx") or den.bound not in ("eq", "approx"):
        notes.append("an input is a bound, not a point value")
    return {
        "doc": num.doc,
        "ratio": r.name,
        "year": num.year,
        "value": value,
        "unit": r.unit,
        "numerator": num.describe(),
        "denominator": den.describe(),
        "sources": (num.start, den.start),
        "note": "; ".join(notes),
    }


def _ratio_rows(
    figs: pd.DataFrame, ratios: Sequence[Ratio], specs: Mapping[str, Spec] = SPECS
) -> list[dict[str, object]]:
    """One row per doc, ratio and outcome year of its numerator with both inputs stated."""
    out: list[dict[str, object]] = []
    for doc in pd.unique(figs["doc"]):
        for r in ratios:
            num_spec, den_spec = r.specs(specs)
            rows = select(figs, num_spec, doc=doc, statuses=OUTCOME)
            for year in sorted({int(y) for y in rows["year"]}):
                num = find(figs, num_spec, doc=doc, year=year, statuses=OUTCOME)
                den = find(figs, den_spec, doc=doc, year=year, statuses=OUTCOME)
                if num is None or den is None or math.isnan(value := r.of(num, den)):
                    continue
                out.append(_ratio_row(r, num, den, value))
                if r.previous_from_growth:
                    prev = _previous_ratio(figs, r, num, den, value, specs)
                    out.extend([prev] if prev is not None else [])
    return out


def _previous_ratio(
    figs: pd.DataFrame,
    r: Ratio,
    num: FigureRow,
    den: FigureRow,
    value: float,
    specs: Mapping[str, Spec],
) -> dict[str, object] | None:
    """The ratio a year earlier, implied by this year's levels and their growth rates."""
    g_spec_num, g_spec_den = (specs[r.numerator].growth(), specs[r.denominator].growth())
    gn = find(figs, g_spec_num, doc=num.doc, year=num.year, statuses=OUTCOME)
    gd = find(figs, g_spec_den, doc=num.doc, year=num.year, statuses=OUTCOME)
    if gn is None or gd is None or not gn.is_exact or not gd.is_exact:
        return None
    prev = value * (1 + gd.value / 100) / (1 + gn.value / 100)
    return {
        "doc": num.doc,
        "ratio": f"{r.name} (implied previous year)",
        "year": num.year - 1,
        "value": prev,
        "unit": r.unit,
        "numerator": f"{num.describe()} / (1 + {fmt(gn.value)}%)",
        "denominator": f"{den.describe()} / (1 + {fmt(gd.value)}%)",
        "sources": (num.start, gn.start, den.start, gd.start),
        "note": (
            f"implied from the {num.year} levels and their growth rates; the change from "
            f"{fmt(prev)} to {fmt(value)} is {fmt(value - prev, 2)}"
        ),
    }


def derived_ratios(figs: pd.DataFrame) -> pd.DataFrame:
    """Ratios between stated figures of the same doc and year (outcomes only).

    Ratios: tourism revenue per visit (元/人次) and its growth (%); urban/rural income ratio
    (倍) and its implied previous-year value from the two growth rates; fiscal revenue,
    retail sales and services value added over GDP (%); industrial value added over gross
    output above designated size (%); above-scale and high-tech shares of gross industrial
    output (%). A ratio is skipped when one of its inputs is missing.

    Columns: ``doc``; ``ratio`` (name); ``year``; ``value``; ``unit`` (of the value);
    ``numerator`` / ``denominator`` (the input figures, with units, year and status);
    ``sources`` (tuple of the inputs' ``start``); ``note`` (definition and caveats).
    """
    if figs.empty:
        return pd.DataFrame(columns=RATIO_COLUMNS)
    return pd.DataFrame(_ratio_rows(figs, RATIOS), columns=RATIO_COLUMNS)


def industry_ratios(figs: pd.DataFrame) -> pd.DataFrame:
    """Inside industry: value added over gross output above designated size, the
    above-scale share of gross industrial output and the high-tech share (on both bases):
    the industry rows of :func:`derived_ratios`.

    Columns: ``doc``, ``ratio``, ``year``, ``value``, ``unit``, ``numerator``,
    ``denominator``, ``sources``, ``note`` (as in :func:`derived_ratios`).
    """
    if figs.empty:
        return pd.DataFrame(columns=RATIO_COLUMNS)
    chosen = [ratio(name) for name in INDUSTRY_RATIOS]
    return pd.DataFrame(_ratio_rows(figs, chosen), columns=RATIO_COLUMNS)
