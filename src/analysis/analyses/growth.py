"""Growth arithmetic: implied previous-year bases and percentage-point changes.

All functions take a figures table (see :func:`analysis.figures`) and return a tidy frame that
carries ``doc`` and the ``start`` of every input figure, so each number leads back to its
sentence. Nothing a report states is hard-coded: inputs are looked up with
:mod:`analysis.analyses.lookup`. Ratios between figures (fiscal revenue / GDP, spending per
visit, industry shares) are in :mod:`analysis.analyses.ratios`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

import pandas as pd

from .lookup import OUTCOME, FigureRow, decimals, fmt, indicator_key, status_note

__all__ = [
    "COMPARABLE_SCOPE_PATTERN",
    "REAL_GROWTH_PATTERN",
    "growth_caveats",
    "implied_base",
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
    notes.extend(status_note(earlier, later))
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
