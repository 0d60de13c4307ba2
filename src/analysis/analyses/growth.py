"""Growth arithmetic: implied previous-year bases, derived ratios and percentage-point changes.

All functions take a figures table (see :func:`analysis.figures`) and return a tidy frame that
carries ``doc`` and the ``start`` of every input figure, so each number leads back to its
sentence. Nothing a report states is hard-coded: inputs are looked up with
:mod:`analysis.analyses.lookup`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .lookup import (
    OUTCOME,
    SPECS,
    FigureRow,
    Spec,
    decimals,
    find,
    fmt,
    indicator_key,
    select,
)

__all__ = [
    "COMPARABLE_SCOPE_PATTERN",
    "REAL_GROWTH_PATTERN",
    "derived_ratios",
    "growth_caveats",
    "implied_base",
    "industry_ratios",
    "is_real_growth",
    "pp_changes",
]

COMPARABLE_SCOPE_PATTERN = r"剔除|不可比|可比口径|同口径"
"""Words in a sentence saying its growth rate is on an adjusted (comparable) scope."""
REAL_GROWTH_PATTERN = r"可比价|实际增长|不变价"
"""Words in a sentence saying its growth rate is at comparable prices (real)."""

# Indicators whose growth rate NBS publishes at comparable prices (real growth) while the
# level is at current prices: GDP, every value added, and gross agricultural output.
_REAL_IDS = frozenset({"gdp", "agriculture_output"})


def is_real_growth(indicator_id: str, indicator: str, sentence: str = "") -> bool:
    """True when the indicator's growth is real (comparable prices) but its level nominal."""
    if indicator_id in _REAL_IDS or indicator_id.endswith("_value_added"):
        return True
    if indicator_id.endswith("value_added_all"):
        return True
    if not indicator_id and re.search(r"增加值|生产总值", indicator):
        return True
    return bool(re.search(REAL_GROWTH_PATTERN, sentence))


def _is_above_scale(indicator_id: str, indicator: str) -> bool:
    return (
        indicator_id in ("industrial_value_added", "industrial_output_above_scale")
        or "规模以上" in indicator
        or "规上" in indicator
    )


def growth_caveats(
    indicator_id: str, indicator: str, year: int, sentences: Sequence[str] = ()
) -> list[str]:
    """Plain-words caveats about comparing a level with its growth rate.

    ``sentences``: the clauses of the figures involved (:attr:`FigureRow.clause`, scanned for
    剔除/不可比/同口径 and 可比价/实际增长).
    """
    notes: list[str] = []
    text = " ".join(sentences)
    if is_real_growth(indicator_id, indicator, text):
        notes.append(
            f"growth is real (at comparable prices) while the level is nominal: the implied "
            f"previous-year value is a volume at {year} prices, not the published "
            f"{year - 1} nominal figure"
        )
    if re.search(COMPARABLE_SCOPE_PATTERN, text):
        notes.append(
            "growth is on a comparable scope (its clause says 剔除/不可比/同口径: part of the base "
            "was removed, e.g. towns moved out), so level/(1+g) is the adjusted base, not the "
            "previously published figure"
        )
    if _is_above_scale(indicator_id, indicator):
        notes.append(
            "covers only enterprises above designated size (规模以上: annual main-business "
            "revenue of 20 million yuan or more); the set of enterprises changes every year, "
            "so published growth is on the same-enterprise basis"
        )
    return notes


def _keys(figs: pd.DataFrame) -> list[str]:
    pairs = zip(figs["indicator_id"], figs["indicator"], strict=True)
    return [indicator_key(i, t) for i, t in pairs]


def _nearest(rows: pd.DataFrame, anchor: pd.Series) -> pd.Series:
    """The row of ``rows`` closest to ``anchor``: same sentence first, then by offset."""
    same = rows
    if "sentence_id" in rows.columns and not pd.isna(anchor.get("sentence_id")):
        in_sentence = rows[rows["sentence_id"] == anchor["sentence_id"]]
        if not in_sentence.empty:
            same = in_sentence
    distance = (same["start"] - anchor["start"]).abs()
    return same.loc[distance.idxmin()]


IMPLIED_BASE_COLUMNS = [
    "doc",
    "indicator",
    "indicator_id",
    "year",
    "status",
    "level",
    "unit",
    "growth_pct",
    "growth_bound",
    "base_year",
    "implied_base",
    "implied_base_low",
    "implied_base_high",
    "basis",
    "level_start",
    "growth_start",
    "note",
]


def implied_base(figs: pd.DataFrame) -> pd.DataFrame:
    """The previous-year level implied by a level L and its growth g: L / (1 + g/100).

    One row per (doc, indicator, year, status) that has both a level (not in %) and a
    growth_pct. Columns:

    - ``doc``, ``indicator``, ``indicator_id``, ``year``, ``status``: the level's figure.
    - ``level``, ``unit``: the stated level and its unit as written.
    - ``growth_pct``, ``growth_bound``: the stated growth (%) and its bound.
    - ``base_year``: year − 1.
    - ``implied_base``: level / (1 + growth/100), in ``unit``.
    - ``implied_base_low`` / ``implied_base_high``: the same if the growth was rounded to
      the precision it is written with (e.g. 5% means 4.5–5.5%); for a range growth, the
      values at its ends.
    - ``basis``: what the implied base measures ("volume at <year> prices", "comparable
      scope", "nominal").
    - ``level_start``, ``growth_start``: keys of the two input figures.
    - ``note``: caveats (real vs nominal growth, comparable scope, above designated size,
      estimates, bounds), "" when none.
    """
    rows: list[dict[str, object]] = []
    if figs.empty:
        return pd.DataFrame(columns=IMPLIED_BASE_COLUMNS)
    work = figs.assign(_key=_keys(figs))
    for (_doc, _key, _year, _status), sub in work.groupby(
        ["doc", "_key", "year", "status"], sort=False
    ):
        sub = sub.sort_values("start")
        levels = sub[(sub["measure"] == "level") & sub["value"].notna() & (sub["unit"] != "%")]
        growths = sub[
            (sub["measure"] == "growth_pct") & (sub["value"].notna() | sub["low"].notna())
        ]
        if levels.empty or growths.empty:
            continue
        lv_row = levels.iloc[0]
        gr_row = _nearest(growths, lv_row)
        lv = FigureRow.from_row(lv_row.to_dict())
        gr = FigureRow.from_row(gr_row.to_dict())
        rows.append(_implied_row(lv, gr))
    if not rows:
        return pd.DataFrame(columns=IMPLIED_BASE_COLUMNS)
    return pd.DataFrame(rows, columns=IMPLIED_BASE_COLUMNS)


def _implied_row(lv: FigureRow, gr: FigureRow) -> dict[str, object]:
    notes = growth_caveats(lv.indicator_id, lv.indicator, lv.year, [lv.clause, gr.clause])
    level = lv.value
    if gr.bound == "range":
        g = math.nan
        lo_g, hi_g = gr.low, gr.high
    else:
        g = gr.value
        half = 0.5 * 10 ** (-decimals(g))
        lo_g, hi_g = g - half, g + half
    implied = level / (1 + g / 100) if not math.isnan(g) else math.nan
    real = is_real_growth(lv.indicator_id, lv.indicator, f"{lv.clause} {gr.clause}")
    comparable = bool(re.search(COMPARABLE_SCOPE_PATTERN, f"{lv.clause} {gr.clause}"))
    if real:
        basis = f"volume at {lv.year} prices"
    elif comparable:
        basis = "comparable scope"
    else:
        basis = "nominal"
    if lv.status == "estimate" or gr.status == "estimate":
        notes.append("the level and growth are preliminary estimates")
    if gr.bound in ("ge", "gt"):
        notes.append("growth is a floor, so the implied base is a ceiling")
    elif gr.bound in ("le", "lt"):
        notes.append("growth is a ceiling, so the implied base is a floor")
    if lv.bound not in ("eq", "approx"):
        notes.append(f"the level is stated with bound {lv.bound!r}")
    return {
        "doc": lv.doc,
        "indicator": lv.indicator,
        "indicator_id": lv.indicator_id,
        "year": lv.year,
        "status": lv.status,
        "level": level,
        "unit": lv.unit,
        "growth_pct": g,
        "growth_bound": gr.bound,
        "base_year": lv.year - 1,
        "implied_base": implied,
        "implied_base_low": level / (1 + hi_g / 100),
        "implied_base_high": level / (1 + lo_g / 100),
        "basis": basis,
        "level_start": lv.start,
        "growth_start": gr.start,
        "note": "; ".join(notes),
    }


# --- derived ratios ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Ratio:
    name: str
    numerator: str  # key in SPECS
    denominator: str
    unit: str  # unit of the result
    scale: float  # result = numerator_base / denominator_base * scale
    note: str
    growth: bool = False  # ratio of (1+g) growth factors instead of levels
    same_base_unit: bool = True


_RATIOS: tuple[_Ratio, ...] = (
    _Ratio(
        "tourism revenue per visit",
        "tourism_revenue",
        "tourist_arrivals",
        "元/人次",
        1.0,
        "spending per visit (revenue / arrivals); counts visits (人次), not visitors",
        same_base_unit=False,
    ),
    _Ratio(
        "growth of tourism revenue per visit",
        "tourism_revenue",
        "tourist_arrivals",
        "%",
        100.0,
        "(1 + revenue growth) / (1 + arrivals growth) − 1; nominal",
        growth=True,
    ),
    _Ratio(
        "urban/rural income ratio",
        "urban_income",
        "rural_income",
        "倍",
        1.0,
        "urban ÷ rural per-capita disposable income (times); nominal",
    ),
    _Ratio(
        "fiscal revenue / GDP",
        "fiscal_revenue",
        "gdp",
        "%",
        100.0,
        "fiscal revenue (财政收入, may include the higher levels' share of taxes) over GDP",
    ),
    _Ratio(
        "retail sales / GDP",
        "retail_sales",
        "gdp",
        "%",
        100.0,
        "retail sales is a gross sales value, not a GDP component: indicative only",
    ),
    _Ratio(
        "services value added / GDP",
        "tertiary_value_added",
        "gdp",
        "%",
        100.0,
        "share of the tertiary sector in GDP (both nominal)",
    ),
    _Ratio(
        "industrial value added / gross output (above designated size)",
        "industrial_value_added",
        "industrial_output_above_scale",
        "%",
        100.0,
        "value-added rate (增加值率) of enterprises above designated size: value added is net "
        "of intermediate inputs, gross output is not",
    ),
    _Ratio(
        "above-scale share of gross industrial output",
        "industrial_output_above_scale",
        "industrial_output",
        "%",
        100.0,
        "gross output of enterprises above designated size over gross output of all industry",
    ),
    _Ratio(
        "high-tech share of gross industrial output",
        "high_tech_output",
        "industrial_output",
        "%",
        100.0,
        "base: 工业总产值 of all industry (including below designated size); 高新技术产业产值 "
        "is compiled by the science and technology bureau on its own enterprise list and may "
        "include non-industrial firms, so the share is indicative only",
    ),
    _Ratio(
        "high-tech share of gross industrial output above designated size",
        "high_tech_output",
        "industrial_output_above_scale",
        "%",
        100.0,
        "base: 规模以上工业总产值 only; high-tech output may include firms below designated size "
        "or outside industry, so this share is an upper bound",
    ),
)

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


def _years(figs: pd.DataFrame, spec: Spec, doc: str) -> list[int]:
    rows = select(figs, spec, doc=doc, statuses=OUTCOME)
    return sorted({int(y) for y in rows["year"]})


def _status_note(*figures: FigureRow) -> list[str]:
    est = [f.describe() for f in figures if f.status == "estimate"]
    return [f"estimate: {', '.join(est)}"] if est else []


def _ratio_rows(
    figs: pd.DataFrame, ratios: Sequence[_Ratio], specs: dict[str, Spec] | None = None
) -> list[dict[str, object]]:
    specs = SPECS if specs is None else specs
    out: list[dict[str, object]] = []
    for doc in pd.unique(figs["doc"]):
        for r in ratios:
            num_spec, den_spec = specs[r.numerator], specs[r.denominator]
            if r.growth:
                num_spec, den_spec = num_spec.growth(), den_spec.growth()
            for year in _years(figs, num_spec, doc):
                num = find(figs, num_spec, doc=doc, year=year, statuses=OUTCOME)
                den = find(figs, den_spec, doc=doc, year=year, statuses=OUTCOME)
                if num is None or den is None or math.isnan(num.point) or math.isnan(den.point):
                    continue
                notes = [r.note, *_status_note(num, den)]
                if r.growth:
                    value = ((1 + num.point / 100) / (1 + den.point / 100) - 1) * r.scale
                else:
                    if r.same_base_unit and num.base_unit != den.base_unit:
                        continue
                    if den.base_value == 0:
                        continue
                    value = num.base_value / den.base_value * r.scale
                if num.bound not in ("eq", "approx") or den.bound not in ("eq", "approx"):
                    notes.append("an input is a bound, not a point value")
                out.append(
                    {
                        "doc": doc,
                        "ratio": r.name,
                        "year": year,
                        "value": value,
                        "unit": r.unit,
                        "numerator": num.describe(),
                        "denominator": den.describe(),
                        "sources": (num.start, den.start),
                        "note": "; ".join(notes),
                    }
                )
                if r.name == "urban/rural income ratio":
                    prev = _previous_income_ratio(figs, doc, year, num, den, value, specs)
                    if prev is not None:
                        out.append(prev)
    return out


def _previous_income_ratio(
    figs: pd.DataFrame,
    doc: str,
    year: int,
    urban: FigureRow,
    rural: FigureRow,
    ratio: float,
    specs: dict[str, Spec],
) -> dict[str, object] | None:
    gu = find(figs, specs["urban_income"].growth(), doc=doc, year=year, statuses=OUTCOME)
    gr = find(figs, specs["rural_income"].growth(), doc=doc, year=year, statuses=OUTCOME)
    if gu is None or gr is None or not gu.is_exact or not gr.is_exact:
        return None
    value = ratio * (1 + gr.value / 100) / (1 + gu.value / 100)
    return {
        "doc": doc,
        "ratio": "urban/rural income ratio (implied previous year)",
        "year": year - 1,
        "value": value,
        "unit": "倍",
        "numerator": f"{urban.describe()} / (1 + {fmt(gu.value)}%)",
        "denominator": f"{rural.describe()} / (1 + {fmt(gr.value)}%)",
        "sources": (urban.start, gu.start, rural.start, gr.start),
        "note": (
            f"implied from the {year} levels and their growth rates; the change from "
            f"{fmt(value)} to {fmt(ratio)} is {fmt(ratio - value, 2)}"
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
    return pd.DataFrame(_ratio_rows(figs, _RATIOS), columns=RATIO_COLUMNS)


def industry_ratios(figs: pd.DataFrame) -> pd.DataFrame:
    """The industry rows of :func:`derived_ratios` (value-added rate, above-scale and
    high-tech shares). Same columns."""
    if figs.empty:
        return pd.DataFrame(columns=RATIO_COLUMNS)
    chosen = [r for r in _RATIOS if r.name in INDUSTRY_RATIOS]
    return pd.DataFrame(_ratio_rows(figs, chosen), columns=RATIO_COLUMNS)


# --- percentage-point changes -----------------------------------------------------------

PP_COLUMNS = [
    "doc",
    "indicator",
    "indicator_id",
    "kind",
    "from_year",
    "to_year",
    "from_value",
    "to_value",
    "change_pp",
    "relative_change_pct",
    "unit",
    "from_start",
    "to_start",
    "change_start",
    "note",
]


def pp_changes(figs: pd.DataFrame) -> pd.DataFrame:
    """Changes of rates, in percentage points (百分点), never in percent.

    Two kinds of row:

    - ``stated``: a change_pp figure (e.g. 提高7.1个百分点); ``to_value`` is the level of the
      same indicator and year when stated, and ``from_value`` = to_value − change.
    - ``two levels``: two outcome levels in % of the same indicator in different years (e.g.
      由1.08%下降至0.15%); ``change_pp`` = later − earlier.

    Columns: ``doc``, ``indicator``, ``indicator_id``, ``kind``, ``from_year``, ``to_year``,
    ``from_value``, ``to_value`` (%), ``change_pp`` (percentage points),
    ``relative_change_pct`` (the change relative to the earlier level, in %, shown only to
    contrast with the pp change), ``unit`` ("百分点", the unit of ``change_pp``),
    ``from_start`` / ``to_start`` / ``change_start`` (keys of the input figures, NA when the
    value is computed), ``note``.
    """
    rows: list[dict[str, object]] = []
    if figs.empty:
        return pd.DataFrame(columns=PP_COLUMNS)
    work = figs.assign(_key=_keys(figs))
    for (_doc, _key), sub in work.groupby(["doc", "_key"], sort=False):
        sub = sub.sort_values("start")
        outcome = sub[sub["status"].isin(list(OUTCOME))]
        levels = outcome[
            (outcome["measure"] == "level") & (outcome["unit"] == "%") & outcome["value"].notna()
        ]
        changes = sub[(sub["measure"] == "change_pp") & sub["value"].notna()]
        for _, ch_row in changes.iterrows():
            ch = FigureRow.from_row(ch_row.to_dict())
            same = levels[levels["year"] == ch.year]
            lv = FigureRow.from_row(_nearest(same, ch_row).to_dict()) if not same.empty else None
            rows.append(_stated_change(ch, lv))
        by_year = levels.drop_duplicates("year", keep="first").sort_values(["year", "start"])
        figures = [FigureRow.from_row(r.to_dict()) for _, r in by_year.iterrows()]
        for earlier, later in itertools.pairwise(figures):
            rows.append(_level_pair(earlier, later))
    if not rows:
        return pd.DataFrame(columns=PP_COLUMNS)
    out = pd.DataFrame(rows, columns=PP_COLUMNS)
    for col in ("from_start", "to_start", "change_start"):
        out[col] = out[col].astype("Int64")
    return out


def _stated_change(ch: FigureRow, lv: FigureRow | None) -> dict[str, object]:
    notes = []
    to_value = lv.value if lv is not None else math.nan
    from_value = to_value - ch.value if lv is not None else math.nan
    if lv is None:
        notes.append("no level of the same indicator and year is stated")
    else:
        notes.append(
            f"previous level implied: {fmt(to_value)}% − {fmt(ch.value)} pp = {fmt(from_value)}%"
        )
        if not 0 <= from_value <= 100:
            notes.append("the implied previous level is outside 0–100%")
    if ch.status == "target":
        notes.append("a target change")
    return {
        "doc": ch.doc,
        "indicator": ch.indicator,
        "indicator_id": ch.indicator_id,
        "kind": "stated",
        "from_year": ch.year - 1,
        "to_year": ch.year,
        "from_value": from_value,
        "to_value": to_value,
        "change_pp": ch.value,
        "relative_change_pct": (
            (to_value / from_value - 1) * 100 if lv is not None and from_value else math.nan
        ),
        "unit": "百分点",
        "from_start": None,
        "to_start": lv.start if lv is not None else None,
        "change_start": ch.start,
        "note": "; ".join(notes),
    }


def _level_pair(earlier: FigureRow, later: FigureRow) -> dict[str, object]:
    change = later.value - earlier.value
    relative = (later.value / earlier.value - 1) * 100 if earlier.value else math.nan
    notes = [
        f"{fmt(earlier.value)}% → {fmt(later.value)}%: a change of {fmt(change)} percentage "
        f"points (relative change {fmt(relative, 3)}%, which is not the pp change)"
    ]
    if later.year - earlier.year != 1:
        notes.append(f"the two levels are {later.year - earlier.year} years apart")
    notes.extend(_status_note(earlier, later))
    return {
        "doc": later.doc,
        "indicator": later.indicator,
        "indicator_id": later.indicator_id,
        "kind": "two levels",
        "from_year": earlier.year,
        "to_year": later.year,
        "from_value": earlier.value,
        "to_value": later.value,
        "change_pp": change,
        "relative_change_pct": relative,
        "unit": "百分点",
        "from_start": earlier.start,
        "to_start": later.start,
        "change_start": None,
        "note": "; ".join(notes),
    }
