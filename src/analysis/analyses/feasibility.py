"""Targets: how far each growth target is from the previous year's outcome, what level it
implies, how targets relate to outcomes across indicators, and how they compare with other
places (``data/reference/regional_context.csv``).

statsmodels is imported inside :func:`target_setting_model` only.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from .growth import COMPARABLE_SCOPE_PATTERN, growth_caveats, is_real_growth
from .lookup import (
    BOUND_WORDS,
    OUTCOME,
    FigureRow,
    Spec,
    find,
    fmt,
    load_regional_context,
)

__all__ = ["context_comparison", "target_feasibility", "target_setting_model"]

UNFORESEEABLE_YEARS: dict[int, tuple[str, str]] = {
    2020: ("the COVID-19 year", "the pandemic"),
}
"""Years whose outcomes no target set beforehand could anticipate: (what the year was, the
event). A fact about the world,
the same for every report: :func:`context_comparison` adds the caveat to an ex-post look at
any report's target for such a year (the target's own year, read from the figure)."""

_IMPLIED_KIND = {
    "eq": "point",
    "approx": "approximate",
    "ge": "floor",
    "gt": "floor",
    "le": "ceiling",
    "lt": "ceiling",
    "range": "range midpoint",
}

FEASIBILITY_COLUMNS = [
    "doc",
    "indicator",
    "indicator_id",
    "target_year",
    "target_pct",
    "target_low",
    "target_high",
    "bound",
    "bound_words",
    "previous_year",
    "previous_growth_pct",
    "previous_growth_bound",
    "previous_status",
    "gap_pp",
    "previous_level",
    "implied_level",
    "implied_level_low",
    "implied_level_high",
    "implied_level_kind",
    "unit",
    "basis",
    "target_start",
    "previous_growth_start",
    "previous_level_start",
    "note",
]


def _spec_for(fig: FigureRow, measure: str) -> Spec:
    """A spec that finds the same indicator as ``fig`` (by id, else by exact wording)."""
    label = fig.indicator or fig.indicator_id
    if fig.indicator_id:
        return Spec(label, fig.indicator_id, measure=measure)
    return Spec(label, pattern=f"^{re.escape(fig.indicator)}$", measure=measure)


def _bound_words(fig: FigureRow) -> str:
    if fig.bound == "range":
        return f"between {fmt(fig.low)}% and {fmt(fig.high)}%"
    words = BOUND_WORDS.get(fig.bound, fig.bound)
    if fig.bound == "eq":
        return f"{fmt(fig.value)}%" + (" (a point target)" if fig.status == "target" else "")
    return f"{words} {fmt(fig.value)}%"


def target_feasibility(figs: pd.DataFrame) -> pd.DataFrame:
    """Each growth target next to the previous year's outcome and the level it implies.

    One row per target figure (status "target", measure growth_pct). Columns:

    - ``doc``, ``indicator``, ``indicator_id``, ``target_year``.
    - ``target_pct`` (NaN for a range), ``target_low`` / ``target_high`` (a range's ends,
      else NaN), ``bound`` as stated and ``bound_words`` ("at least 6.5%": ge is a floor).
    - ``previous_year`` (= target_year − 1), ``previous_growth_pct``,
      ``previous_growth_bound`` and ``previous_status`` (actual or estimate): the outcome
      growth of the same indicator in the year before, NaN when the report gives no number.
    - ``gap_pp``: target − previous growth, in percentage points; > 0 means the target asks
      for faster growth than last year (for a range, its midpoint is used).
    - ``previous_level``, ``unit``: the previous year's stated level (NaN if none).
    - ``implied_level`` = previous_level × (1 + target/100), in ``unit``;
      ``implied_level_low`` / ``implied_level_high`` at a range's ends;
      ``implied_level_kind``: "floor" for ge/gt targets, "point", "ceiling" ...
    - ``basis``: "volume at <previous_year> prices" when the growth is real (GDP, value
      added), else "nominal" or "comparable scope".
    - ``target_start``, ``previous_growth_start``, ``previous_level_start``: keys of the
      input figures (NA when missing).
    - ``note``: plain-words reading and caveats.
    """
    rows: list[dict[str, object]] = []
    targets = figs[(figs["status"] == "target") & (figs["measure"] == "growth_pct")]
    for _, t_row in targets.sort_values(["doc", "start"]).iterrows():
        t = FigureRow.from_row(t_row.to_dict())
        rows.append(_feasibility_row(figs, t))
    out = pd.DataFrame(rows, columns=FEASIBILITY_COLUMNS)
    for col in ("target_start", "previous_growth_start", "previous_level_start"):
        out[col] = out[col].astype("Int64")
    return out


def _previous_outcomes(
    figs: pd.DataFrame, t: FigureRow
) -> tuple[FigureRow | None, FigureRow | None]:
    """The same indicator's growth and level (a number not in %) in the year before."""
    prev_year = t.year - 1
    growth = find(figs, _spec_for(t, "growth_pct"), doc=t.doc, year=prev_year, statuses=OUTCOME)
    level = find(figs, _spec_for(t, "level"), doc=t.doc, year=prev_year, statuses=OUTCOME)
    if level is not None and (level.unit == "%" or math.isnan(level.value)):
        level = None
    return growth, level


def _growth_notes(t: FigureRow, growth: FigureRow | None, gap: float) -> list[str]:
    """How the target compares with the previous year's growth, and that growth's caveats."""
    prev_year = t.year - 1
    if growth is None:
        return [f"no numeric {prev_year} growth of {t.indicator or t.indicator_id} in the "
                "figures table"]
    notes: list[str] = []
    if not math.isnan(gap):
        if abs(gap) < 1e-9:
            notes.append(f"the target keeps {prev_year}'s pace")
        elif gap > 0:
            notes.append(f"the target asks for growth {fmt(gap)} pp faster than in {prev_year}")
        else:
            notes.append(f"the target allows growth {fmt(-gap)} pp slower than in {prev_year}")
    if growth.status == "estimate":
        notes.append(f"the {prev_year} growth is a preliminary estimate")
    if growth.bound not in ("eq", "approx"):
        notes.append(f"the {prev_year} growth is stated with bound {growth.bound!r}")
    if re.search(COMPARABLE_SCOPE_PATTERN, growth.clause):
        notes.append(f"the {prev_year} growth is on a comparable scope (剔除/不可比 in its clause)")
    return notes


def _implied_level(
    t: FigureRow, level: FigureRow | None, growth: FigureRow | None
) -> tuple[dict[str, object], list[str]]:
    """The level the target implies (central, at a range's ends), its unit and basis."""
    prev_year = t.year - 1
    if level is None:
        nan = math.nan
        empty = {"implied_level": nan, "implied_level_low": nan, "implied_level_high": nan}
        return empty | {"unit": "", "basis": ""}, [
            f"no {prev_year} level stated, so no implied {t.year} level"
        ]
    target = t.point
    lo = t.low if t.bound == "range" else target
    hi = t.high if t.bound == "range" else target
    notes: list[str] = []
    if is_real_growth(t.indicator_id, t.indicator, t.clause):
        basis = f"volume at {prev_year} prices"
        notes.append(
            f"the implied {t.year} level is at {prev_year} prices (real growth applied "
            "to a nominal level); in current prices it would differ by the price change"
        )
    elif growth is not None and re.search(COMPARABLE_SCOPE_PATTERN, growth.clause):
        basis = "comparable scope"
    else:
        basis = "nominal"
    if level.status == "estimate":
        notes.append(f"the {prev_year} level is a preliminary estimate")
    implied = {
        "implied_level": level.value * (1 + target / 100),
        "implied_level_low": level.value * (1 + lo / 100),
        "implied_level_high": level.value * (1 + hi / 100),
    }
    return implied | {"unit": level.unit, "basis": basis}, notes


def _feasibility_row(figs: pd.DataFrame, t: FigureRow) -> dict[str, object]:
    growth, level = _previous_outcomes(figs, t)
    prev_growth = growth.point if growth is not None else math.nan
    gap = t.point - prev_growth
    notes = _growth_notes(t, growth, gap)
    if t.bound in ("ge", "gt"):
        notes.append(f"the target is a floor ({_bound_words(t)})")
    elif t.bound == "range":
        notes.append("a range target: gap and implied level use its midpoint")
    implied, level_notes = _implied_level(t, level, growth)
    notes.extend(level_notes)
    caveats = growth_caveats(t.indicator_id, t.indicator, t.year)
    notes.extend(c for c in caveats if "designated size" in c)
    return {
        "doc": t.doc,
        "indicator": t.indicator,
        "indicator_id": t.indicator_id,
        "target_year": t.year,
        "target_pct": t.value,
        "target_low": t.low if t.bound == "range" else math.nan,
        "target_high": t.high if t.bound == "range" else math.nan,
        "bound": t.bound,
        "bound_words": _bound_words(t),
        "previous_year": t.year - 1,
        "previous_growth_pct": prev_growth,
        "previous_growth_bound": growth.bound if growth is not None else None,
        "previous_status": growth.status if growth is not None else None,
        "gap_pp": gap,
        "previous_level": level.value if level is not None else math.nan,
        **implied,
        "implied_level_kind": _IMPLIED_KIND.get(t.bound, t.bound),
        "target_start": t.start,
        "previous_growth_start": growth.start if growth is not None else None,
        "previous_level_start": level.start if level is not None else None,
        "note": "; ".join(notes),
    }


MODEL_COLUMNS = [
    "doc",
    "term",
    "coef",
    "std_err",
    "ci_low",
    "ci_high",
    "p_value",
    "n",
    "r_squared",
    "sources",
    "note",
]

MIN_N_TO_CONCLUDE = 10


def target_setting_model(figs: pd.DataFrame) -> pd.DataFrame:
    """OLS of the target growth on the previous year's growth, across a report's indicators.

    Uses the rows of :func:`target_feasibility` that have both numbers (ranges at their
    midpoint). One model per doc; one row per term ("const", "previous_growth_pct").

    Columns: ``doc``, ``term``, ``coef``, ``std_err``, ``ci_low`` / ``ci_high`` (95%
    confidence interval), ``p_value``, ``n`` (indicators used), ``r_squared``, ``sources``
    (tuple of the starts of every target and previous-growth figure used), ``note`` (plain
    words; says n is too small to conclude anything when n < 10).
    """
    feas = target_feasibility(figs)
    rows: list[dict[str, object]] = []
    for doc, sub in feas.groupby("doc", sort=False):
        data, base = _model_data(sub)
        base = {"doc": doc} | base
        if len(data) < 3 or data["previous_growth_pct"].nunique() < 2:
            note = f"{base['note']}; too few distinct points to fit a line"
            empty = dict.fromkeys(MODEL_COLUMNS, math.nan) | base | {"note": note}
            rows.extend(empty | {"term": term} for term in ("const", "previous_growth_pct"))
            continue
        rows.extend(_fitted_rows(data, base))
    out = pd.DataFrame(rows, columns=MODEL_COLUMNS)
    out["n"] = out["n"].astype("Int64")
    return out


def _model_data(sub: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, object]]:
    """The (target, previous growth) points of one doc (``y``: a range at its midpoint), and
    the columns every row of its model shares: ``n``, ``sources``, ``note``."""
    target = sub["target_pct"].where(
        sub["target_pct"].notna(), (sub["target_low"] + sub["target_high"]) / 2
    )
    data = sub.assign(y=target).dropna(subset=["y", "previous_growth_pct"])
    n = len(data)
    sources = tuple(
        int(s)
        for pair in zip(data["target_start"], data["previous_growth_start"], strict=True)
        for s in pair
    )
    names = ", ".join(
        (data["indicator_id"].where(data["indicator_id"] != "", data["indicator"])).tolist()
    )
    note = (
        f"n = {n} indicators ({names}); mixes real growth (GDP, value added) and nominal "
        "growth (revenue, investment, sales, income)"
    )
    if n < MIN_N_TO_CONCLUDE:
        note += (
            f". With n < {MIN_N_TO_CONCLUDE} the estimate is far too imprecise to conclude "
            "anything about how targets are set: read it as a description of these few "
            "points, not as evidence"
        )
    return data, {"n": n, "sources": sources, "note": note}


def _fitted_rows(data: pd.DataFrame, base: dict[str, object]) -> list[dict[str, object]]:
    """The OLS fit of ``y`` on ``previous_growth_pct``: one row per term."""
    import statsmodels.api as sm

    x = sm.add_constant(data["previous_growth_pct"].astype(float), has_constant="add")
    fit = sm.OLS(data["y"].astype(float), x).fit()
    ci = fit.conf_int(alpha=0.05)
    rows = []
    for term in ("const", "previous_growth_pct"):
        coef = float(fit.params[term])
        reading = ""
        if term == "previous_growth_pct":
            reading = (
                f"; slope {fmt(coef, 3)}: one more pp of growth last year goes with "
                f"{fmt(coef, 3)} pp more target, 95% CI {fmt(float(ci.loc[term, 0]), 3)} "
                f"to {fmt(float(ci.loc[term, 1]), 3)}"
            )
        rows.append(
            base
            | {
                "term": term,
                "coef": coef,
                "std_err": float(fit.bse[term]),
                "ci_low": float(ci.loc[term, 0]),
                "ci_high": float(ci.loc[term, 1]),
                "p_value": float(fit.pvalues[term]),
                "r_squared": float(fit.rsquared),
                "note": f"{base['note']}{reading}",
            }
        )
    return rows


CONTEXT_COLUMNS = [
    "doc",
    "indicator_id",
    "indicator",
    "measure",
    "own_year",
    "own_status",
    "own_value",
    "own_bound",
    "own_unit",
    "own_start",
    "entity",
    "entity_en",
    "level",
    "period",
    "context_status",
    "context_value",
    "context_bound",
    "context_unit",
    "difference",
    "difference_unit",
    "ratio",
    "comparison",
    "source",
    "url",
    "note",
]


def context_comparison(figs: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """A report's targets and outcomes next to other places' figures for the same year.

    For every doc, the indicators it sets a growth target for are compared: the target
    (year T) with context rows for period T (e.g. the province's and the city's T outcomes,
    an ex-post look), and the report's own T−1 outcomes (growth and level) with context rows
    for period T−1 (e.g. a neighbouring county's outcome). ``context`` defaults to
    ``data/reference/regional_context.csv``; rows are matched on indicator_id, measure and
    period (annual periods only).

    Columns: ``doc``, ``indicator_id``, ``indicator``, ``measure``; the report's figure:
    ``own_year``, ``own_status``, ``own_value``, ``own_bound``, ``own_unit``, ``own_start``;
    the other place's: ``entity``, ``entity_en``, ``level`` (province/city/county ...),
    ``period``, ``context_status``, ``context_value``, ``context_bound``, ``context_unit``;
    ``difference`` = own − context for growth rates, in ``difference_unit`` (百分点); NaN for
    levels, since the difference of two places' levels means nothing; ``ratio`` = own /
    context for levels in the same unit (NaN for rates); ``comparison`` (plain
    words); ``source`` and ``url`` carried from the context table; ``note`` (caveats: 2020 was
    the COVID-19 year, comparable scope, estimates, different administrative levels).
    """
    ctx = load_regional_context() if context is None else context
    ctx = ctx.assign(period=ctx["period"].astype(str))
    rows: list[dict[str, object]] = []
    targets = figs[(figs["status"] == "target") & (figs["measure"] == "growth_pct")]
    for _, t_row in targets.sort_values(["doc", "start"]).iterrows():
        t = FigureRow.from_row(t_row.to_dict())
        if not t.indicator_id:
            continue
        own: list[FigureRow] = [t]
        for measure in ("growth_pct", "level"):
            prev = find(figs, _spec_for(t, measure), doc=t.doc, year=t.year - 1, statuses=OUTCOME)
            if prev is not None:
                own.append(prev)
        for fig in own:
            matches = ctx[
                (ctx["indicator_id"] == fig.indicator_id)
                & (ctx["measure"] == fig.measure)
                & (ctx["period"] == str(fig.year))
            ]
            for _, c in matches.iterrows():
                rows.append(_context_row(t, fig, c))
    out = pd.DataFrame(rows, columns=CONTEXT_COLUMNS)
    out["own_start"] = out["own_start"].astype("Int64")
    return out


def _context_row(target: FigureRow, fig: FigureRow, c: pd.Series) -> dict[str, object]:
    value = float(c["value"])
    own_value = fig.point
    growth = fig.measure == "growth_pct"
    same_unit = str(c["unit"]) == fig.unit
    # places differ in size: compare growth rates, or levels as a ratio, never level − level
    difference = own_value - value if growth else math.nan
    ratio = own_value / value if (not growth and same_unit and value) else math.nan
    what = fig.status
    comparison = (
        f"{fig.year} {what} ({_bound_words(fig) if growth else fmt(own_value) + fig.unit}) "
        f"vs {c['entity']} {c['period']} {c['status']} ({fmt(value)}{c['unit']})"
    )
    notes: list[str] = []
    if fig.status == "target" and str(c["status"]) == "actual":
        notes.append(
            f"ex-post look: {c['entity_en']}'s {c['period']} outcome was published after the "
            "report; a target is a plan, not a forecast"
        )
        if fig.year in UNFORESEEABLE_YEARS:
            what, event = UNFORESEEABLE_YEARS[fig.year]
            notes.append(
                f"{fig.year} was {what}: targets set before {event} could not anticipate it, "
                "so a shortfall says little about how they were set"
            )
    if growth and fig.bound in ("ge", "gt"):
        notes.append("the report's figure is a floor")
    if fig.status == "estimate":
        notes.append("the report's figure is a preliminary estimate")
    if re.search(COMPARABLE_SCOPE_PATTERN, fig.clause):
        notes.append("the report's growth is on a comparable scope (剔除/不可比)")
    if not growth:
        notes.append(f"levels of places of different size ({c['level']}): compare with care")
    return {
        "doc": target.doc,
        "indicator_id": fig.indicator_id,
        "indicator": fig.indicator,
        "measure": fig.measure,
        "own_year": fig.year,
        "own_status": fig.status,
        "own_value": own_value,
        "own_bound": fig.bound,
        "own_unit": fig.unit,
        "own_start": fig.start,
        "entity": c["entity"],
        "entity_en": c["entity_en"],
        "level": c["level"],
        "period": c["period"],
        "context_status": c["status"],
        "context_value": value,
        "context_bound": c["bound"],
        "context_unit": c["unit"],
        "difference": difference,
        "difference_unit": "百分点" if growth else "",
        "ratio": ratio,
        "comparison": comparison,
        "source": c["source"],
        "url": c["url"],
        "note": "; ".join(notes),
    }
