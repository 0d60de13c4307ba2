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


def _components(
    figs: pd.DataFrame, doc: str, ratio: float, low: float, high: float, source: str
) -> list[dict[str, object]] | None:
    gdp = _latest_gdp(figs, doc)
    if gdp is None:
        return None
    year = gdp.year
    tertiary = find(figs, SPECS["tertiary_value_added"], doc=doc, year=year, statuses=OUTCOME)
    primary_stated = find(figs, SPECS["primary_value_added"], doc=doc, year=year, statuses=OUTCOME)
    agri = find(figs, SPECS["agriculture_output"], doc=doc, year=year, statuses=OUTCOME)
    industry = find(figs, SPECS["industrial_value_added"], doc=doc, year=year, statuses=OUTCOME)
    if tertiary is None or (primary_stated is None and agri is None):
        return None
    total = gdp.value
    unit = gdp.unit

    def share(v: float) -> float:
        return v / total * 100

    t_val = tertiary.in_unit_of(gdp)
    rows: list[dict[str, object]] = []
    if primary_stated is not None:
        p_val = p_low = p_high = primary_stated.in_unit_of(gdp)
        p_basis, p_src = "stated", (primary_stated.start,)
        p_note = "primary-sector value added as stated"
        used_ratio = math.nan
    else:
        assert agri is not None
        a_val = agri.in_unit_of(gdp)
        p_val, p_low, p_high = a_val * ratio, a_val * low, a_val * high
        p_basis, p_src = "estimated", (agri.start,)
        p_note = (
            f"ASSUMPTION: gross agricultural output {fmt(agri.value)}{agri.unit} (an output, not "
            f"value added) × value-added ratio {fmt(ratio)} (range {fmt(low)}–{fmt(high)}): "
            f"{source}"
        )
        used_ratio = ratio
    s_val = total - p_val - t_val
    s_low, s_high = total - p_high - t_val, total - p_low - t_val
    s_note = (
        "residual: GDP − primary − tertiary; includes industry of every size, construction, "
        "and any rounding in the stated figures"
    )
    if s_val < 0:
        s_note += "; NEGATIVE: the stated parts exceed GDP, the inputs are inconsistent"
    base = {"doc": doc, "year": year, "unit": unit, "agri_va_ratio": used_ratio}
    rows.append(
        base
        | {
            "component": "GDP",
            "kind": "total",
            "value": total,
            "low": total,
            "high": total,
            "basis": "stated",
            "sources": (gdp.start,),
            "note": "nominal GDP" + ("; preliminary estimate" if gdp.status == "estimate" else ""),
        }
    )
    rows.append(
        base
        | {
            "component": "primary",
            "kind": "sector",
            "value": p_val,
            "low": p_low,
            "high": p_high,
            "basis": p_basis,
            "sources": p_src,
            "note": p_note,
        }
    )
    rows.append(
        base
        | {
            "component": "secondary",
            "kind": "sector",
            "value": s_val,
            "low": s_low,
            "high": s_high,
            "basis": "residual",
            "sources": (gdp.start, *p_src, tertiary.start),
            "note": s_note,
        }
    )
    rows.append(
        base
        | {
            "component": "tertiary",
            "kind": "sector",
            "value": t_val,
            "low": t_val,
            "high": t_val,
            "basis": "stated",
            "sources": (tertiary.start,),
            "note": f"as stated ({tertiary.indicator or tertiary.indicator_id}: services = "
            "tertiary sector)",
        }
    )
    if industry is not None:
        i_val = industry.in_unit_of(gdp)
        rows.append(
            base
            | {
                "component": "secondary: industry above designated size",
                "kind": "part of secondary",
                "value": i_val,
                "low": i_val,
                "high": i_val,
                "basis": "stated",
                "sources": (industry.start,),
                "note": "a known part of the secondary sector (规模以上工业增加值)",
            }
        )
        rest = s_val - i_val
        rest_note = (
            "residual: construction and industry below designated size (secondary − "
            "above-scale industrial value added)"
        )
        if s_high - i_val < 0:
            rest_note += "; NEGATIVE: the assumption leaves no room for the stated industry"
        rows.append(
            base
            | {
                "component": "secondary: construction and other industry",
                "kind": "part of secondary",
                "value": rest,
                "low": s_low - i_val,
                "high": s_high - i_val,
                "basis": "residual",
                "sources": (gdp.start, *p_src, tertiary.start, industry.start),
                "note": rest_note,
            }
        )
    for row in rows:
        row["share_pct"] = share(float(row["value"]))  # type: ignore[arg-type]
        row["share_low"] = share(float(row["low"]))  # type: ignore[arg-type]
        row["share_high"] = share(float(row["high"]))  # type: ignore[arg-type]
    return rows


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
