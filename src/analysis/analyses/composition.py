"""Sector composition of GDP from what a report states, with the one assumption it needs.

Reports of the genre usually state GDP, services (tertiary) value added and industrial value
added above designated size, but for agriculture only its *gross output* (农林牧渔业总产值),
which is not value added. The primary sector's value added is estimated as gross output ×
a value-added ratio (an assumption with a documented range, ``data/reference/assumptions.csv``),
the tertiary sector is as stated, and the secondary sector is the residual, so the three
shares add up to 100% by construction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .lookup import OUTCOME, SPECS, FigureRow, assumption, find, fmt, select

__all__ = [
    "AGRI_VA_RATIO",
    "composition_sensitivity",
    "sector_composition",
]

AGRI_VA_RATIO = "agriculture_value_added_ratio"
"""Name of the assumption row: value added / gross output of agriculture (农林牧渔业)."""

COMPOSITION_COLUMNS = [
    "doc",
    "year",
    "component",
    "kind",
    "value",
    "unit",
    "share_pct",
    "low",
    "high",
    "share_low",
    "share_high",
    "basis",
    "agri_va_ratio",
    "sources",
    "note",
]


def _latest_gdp(figs: pd.DataFrame, doc: str) -> FigureRow | None:
    rows = select(figs, SPECS["gdp"], doc=doc, statuses=OUTCOME)
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return None
    year = int(rows["year"].max())
    return find(figs, SPECS["gdp"], doc=doc, year=year, statuses=OUTCOME)


@dataclass(frozen=True)
class _Inputs:
    """The stated figures a doc's composition is built from (outcomes of GDP's year)."""

    gdp: FigureRow
    tertiary: FigureRow
    primary: FigureRow | None  # primary-sector value added, when stated
    agri: FigureRow | None  # gross agricultural output, the fallback for primary
    industry: FigureRow | None  # above-scale industrial value added, a part of secondary


@dataclass(frozen=True)
class _Part:
    """One component: central value, its range under the assumption, and provenance."""

    value: float
    low: float
    high: float
    basis: str
    sources: tuple[int, ...]
    note: str


def _inputs(figs: pd.DataFrame, doc: str) -> _Inputs | None:
    gdp = _latest_gdp(figs, doc)
    if gdp is None:
        return None

    def stated(key: str) -> FigureRow | None:
        return find(figs, SPECS[key], doc=doc, year=gdp.year, statuses=OUTCOME)

    tertiary, primary, agri = (
        stated("tertiary_value_added"),
        stated("primary_value_added"),
        stated("agriculture_output"),
    )
    if tertiary is None or (primary is None and agri is None):
        return None
    return _Inputs(gdp, tertiary, primary, agri, stated("industrial_value_added"))


def _primary(
    inp: _Inputs, ratio: float, low: float, high: float, source: str
) -> tuple[_Part, float]:
    """The primary sector as stated, else estimated from gross agricultural output; and the
    value-added ratio used (NaN when stated)."""
    if inp.primary is not None:
        v = inp.primary.in_unit_of(inp.gdp)
        note = "primary-sector value added as stated"
        return _Part(v, v, v, "stated", (inp.primary.start,), note), math.nan
    agri = inp.agri
    assert agri is not None
    a_val = agri.in_unit_of(inp.gdp)
    note = (
        f"ASSUMPTION: gross agricultural output {fmt(agri.value)}{agri.unit} (an output, not "
        f"value added) × value-added ratio {fmt(ratio)} (range {fmt(low)}–{fmt(high)}): "
        f"{source}"
    )
    part = _Part(a_val * ratio, a_val * low, a_val * high, "estimated", (agri.start,), note)
    return part, ratio


def _sectors(inp: _Inputs, primary: _Part) -> list[tuple[str, str, _Part]]:
    """(component, kind, part) for GDP and the three sectors (secondary as the residual)."""
    gdp, tertiary = inp.gdp, inp.tertiary
    total, t_val = gdp.value, tertiary.in_unit_of(gdp)
    s_note = (
        "residual: GDP − primary − tertiary; includes industry of every size, construction, "
        "and any rounding in the stated figures"
    )
    if total - primary.value - t_val < 0:
        s_note += "; NEGATIVE: the stated parts exceed GDP, the inputs are inconsistent"
    estimate = "; preliminary estimate" if gdp.status == "estimate" else ""
    t_name = tertiary.indicator or tertiary.indicator_id
    return [
        (
            "GDP",
            "total",
            _Part(total, total, total, "stated", (gdp.start,), "nominal GDP" + estimate),
        ),
        ("primary", "sector", primary),
        (
            "secondary",
            "sector",
            _Part(
                total - primary.value - t_val,
                total - primary.high - t_val,
                total - primary.low - t_val,
                "residual",
                (gdp.start, *primary.sources, tertiary.start),
                s_note,
            ),
        ),
        (
            "tertiary",
            "sector",
            _Part(t_val, t_val, t_val, "stated", (tertiary.start,),
                  f"as stated ({t_name}: services = tertiary sector)"),
        ),
    ]


def _parts_of_secondary(
    inp: _Inputs, primary: _Part, secondary: _Part
) -> list[tuple[str, str, _Part]]:
    """Above-scale industry (stated) and the rest of the secondary sector (residual)."""
    if inp.industry is None:
        return []
    i_val = inp.industry.in_unit_of(inp.gdp)
    rest_note = (
        "residual: construction and industry below designated size (secondary − "
        "above-scale industrial value added)"
    )
    if secondary.high - i_val < 0:
        rest_note += "; NEGATIVE: the assumption leaves no room for the stated industry"
    kind = "part of secondary"
    return [
        (
            "secondary: industry above designated size",
            kind,
            _Part(i_val, i_val, i_val, "stated", (inp.industry.start,),
                  "a known part of the secondary sector (规模以上工业增加值)"),
        ),
        (
            "secondary: construction and other industry",
            kind,
            _Part(
                secondary.value - i_val,
                secondary.low - i_val,
                secondary.high - i_val,
                "residual",
                (inp.gdp.start, *primary.sources, inp.tertiary.start, inp.industry.start),
                rest_note,
            ),
        ),
    ]


def _components(
    figs: pd.DataFrame, doc: str, ratio: float, low: float, high: float, source: str
) -> list[dict[str, object]] | None:
    """The composition rows of one doc (see :func:`sector_composition`), None without the
    inputs."""
    inp = _inputs(figs, doc)
    if inp is None:
        return None
    primary, used_ratio = _primary(inp, ratio, low, high, source)
    sectors = _sectors(inp, primary)
    parts = sectors + _parts_of_secondary(inp, primary, sectors[2][2])
    total = inp.gdp.value
    return [
        {
            "doc": doc,
            "year": inp.gdp.year,
            "unit": inp.gdp.unit,
            "agri_va_ratio": used_ratio,
            "component": component,
            "kind": kind,
            "value": part.value,
            "low": part.low,
            "high": part.high,
            "basis": part.basis,
            "sources": part.sources,
            "note": part.note,
            "share_pct": part.value / total * 100,
            "share_low": part.low / total * 100,
            "share_high": part.high / total * 100,
        }
        for component, kind, part in parts
    ]


def sector_composition(
    figs: pd.DataFrame,
    assumptions: pd.DataFrame | None = None,
    agri_va_ratio: float | None = None,
) -> pd.DataFrame:
    """GDP split into primary, secondary and tertiary sectors, shares adding up to 100%.

    For each doc, the latest outcome year with a GDP level: tertiary = services value added
    (stated); primary = primary value added if stated, else gross agricultural output ×
    ``agri_va_ratio`` (default: the ``agriculture_value_added_ratio`` row of
    ``assumptions``, itself defaulting to ``data/reference/assumptions.csv``); secondary =
    GDP − primary − tertiary (residual). The low/high columns follow the assumption's
    documented range (an explicit ``agri_va_ratio`` replaces the central value only).
    Also, when stated, the above-scale industrial value added as a known part of the
    secondary sector and the rest of it (construction, smaller industry) as a residual.

    Columns: ``doc``, ``year``; ``component`` (GDP, primary, secondary, tertiary, and the two
    parts of secondary); ``kind`` ("total", "sector" — the three rows that add up to 100% —
    or "part of secondary"); ``value`` and ``unit`` (GDP's unit, e.g. 亿元); ``share_pct`` (of
    GDP); ``low`` / ``high`` and ``share_low`` / ``share_high`` under the assumption's range;
    ``basis`` ("stated", "estimated" or "residual"); ``agri_va_ratio`` (the ratio used, NaN
    when not needed); ``sources`` (tuple of input starts); ``note`` (the assumption and its
    source; caveats).
    """
    value, low, high, source = assumption(AGRI_VA_RATIO, assumptions)
    ratio = value if agri_va_ratio is None else float(agri_va_ratio)
    if not 0 < ratio <= 1:
        raise ValueError(f"agri_va_ratio must be in (0, 1], got {ratio}")
    rows: list[dict[str, object]] = []
    for doc in pd.unique(figs["doc"]):
        part = _components(figs, str(doc), ratio, min(low, ratio), max(high, ratio), source)
        if part:
            rows.extend(part)
    return pd.DataFrame(rows, columns=COMPOSITION_COLUMNS)


SENSITIVITY_COLUMNS = [
    "doc",
    "year",
    "agri_va_ratio",
    "component",
    "value",
    "unit",
    "share_pct",
    "basis",
    "sources",
    "note",
]


def composition_sensitivity(
    figs: pd.DataFrame, ratios: Iterable[float], assumptions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The three sector shares for each agriculture value-added ratio in ``ratios``.

    Columns: ``doc``, ``year``, ``agri_va_ratio``, ``component`` (primary, secondary,
    tertiary), ``value``, ``unit``, ``share_pct``, ``basis``, ``sources`` (input starts),
    ``note`` (flags a ratio outside the documented range of ``assumptions.csv``).
    """
    _, low, high, _ = assumption(AGRI_VA_RATIO, assumptions)
    frames = []
    for r in ratios:
        comp = sector_composition(figs, assumptions, agri_va_ratio=r)
        comp = comp[comp["kind"] == "sector"]
        outside = not low <= r <= high
        frames.append(
            comp.assign(
                agri_va_ratio=float(r),
                note=(
                    f"ratio {fmt(r)} is outside the documented range {fmt(low)}–{fmt(high)}"
                    if outside
                    else ""
                ),
            )[SENSITIVITY_COLUMNS]
        )
    if not frames:
        return pd.DataFrame(columns=SENSITIVITY_COLUMNS)
    return pd.concat(frames, ignore_index=True)
