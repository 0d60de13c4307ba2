"""Targets vs outcomes across years: was report t's target met, by report t+1's account?

A work report for year t sets targets for t (its plan part); the next year's report states
the outcome for t (its review part). :func:`target_outcomes` joins the two for the same
jurisdiction and indicator, keeps each target's bound as stated (a 6.5% floor is met by
6.5%), and gives a verdict and the gap. Every row carries the (doc, start) keys of both
figures.
"""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["LOWER_IS_BETTER", "PANEL_COLUMNS", "target_outcomes"]

# Indicators whose targets are ceilings even when written as a plain number.
LOWER_IS_BETTER = frozenset({"unemployment_rate", "energy_intensity", "cpi",
                             "poverty_incidence"})

PANEL_COLUMNS = (
    "jurisdiction", "indicator_id", "indicator", "measure", "year",
    "target_doc", "target_start", "target_bound", "target_value", "target_low", "target_high",
    "unit", "outcome_doc", "outcome_start", "outcome_status", "outcome_value", "outcome_bound",
    "gap", "verdict", "note",
)
"""Columns of :func:`target_outcomes`:

jurisdiction, indicator_id, indicator, measure, year (t, the year the target is for);
target_doc/target_start (key of the target figure in report t), target_bound, target_value,
target_low, target_high (as stated; never a midpoint); unit; outcome_doc/outcome_start (key of
the outcome figure in report t+1), outcome_status (actual or estimate), outcome_value,
outcome_bound; gap = outcome minus the target's reference number (the floor for ge/gt, the
ceiling for le/lt, the low end of a range, else the value), in ``unit``; verdict: ``met``,
``missed`` or ``no outcome``; note: how the verdict was read.
"""


def _key(row: pd.Series) -> str:
    return row["indicator_id"] or row["indicator"]


def _verdict(t: pd.Series, outcome: float, tol: float) -> tuple[float, str, str]:
    """(gap, verdict, note) for one target and the outcome stated a year later."""
    bound, value, low, high = t["target_bound"], t["target_value"], t["target_low"], t[
        "target_high"]
    lower_better = t["indicator_id"] in LOWER_IS_BETTER
    if bound in ("ge", "gt"):
        gap = outcome - low
        ok = gap >= 0 if bound == "ge" else gap > 0
        word = "at least" if bound == "ge" else "above"
        return gap, ("met" if ok else "missed"), f"{word} {low:g}"
    if bound in ("le", "lt"):
        gap = outcome - high
        ok = gap <= 0 if bound == "le" else gap < 0
        word = "at most" if bound == "le" else "below"
        return gap, ("met" if ok else "missed"), f"{word} {high:g}"
    if bound == "range":
        gap = outcome - low
        note = f"range {low:g}–{high:g}" + ("; above the range" if outcome > high else "")
        return gap, ("met" if outcome >= low else "missed"), note
    gap = outcome - value
    if bound == "approx":
        ok = gap <= tol if lower_better else gap >= -tol
        return gap, ("met" if ok else "missed"), f"about {value:g} (±{tol:g} tolerated)"
    ok = gap <= 0 if lower_better else gap >= 0
    side = "ceiling" if lower_better else "floor"
    return gap, ("met" if ok else "missed"), f"a plain {value:g} read as a {side}"


def target_outcomes(
    figures: pd.DataFrame,
    metadata: pd.DataFrame,
    *,
    approx_tolerance: float = 0.5,
    canonical_only: bool = True,
) -> pd.DataFrame:
    """Each target of report t joined with the outcome for t stated in report t+1.

    ``figures`` is a figures table of many documents; ``metadata`` has one row per document
    with at least ``doc``, ``jurisdiction`` and ``year`` (``Report.metadata()`` or
    ``corpus.extract_many(...).metadata``). Targets whose jurisdiction has no report t+1, or
    whose report t+1 does not state the indicator, are kept with verdict ``no outcome``.
    ``approx_tolerance`` (in the target's unit) is how far below an "about X" target an
    outcome may fall and still count as met. With ``canonical_only`` (the default) only
    indicators of the vocabulary (a non-empty ``indicator_id``) are joined: two reports'
    wordings of other indicators are not reliably the same measure; pass False to join
    those by their text too.
    """
    meta = metadata[["doc", "jurisdiction", "year"]].rename(columns={"year": "report_year"})
    figs = figures.merge(meta, on="doc", how="inner")
    figs = figs[figs["jurisdiction"].astype(str) != ""]
    if canonical_only:
        figs = figs[figs["indicator_id"].astype(str) != ""]
    targets = figs[figs["status"] == "target"]
    outcomes = figs[figs["status"].isin(["actual", "estimate"])]
    by_key: dict[tuple, list[pd.Series]] = {}
    for _, o in outcomes.iterrows():
        if pd.isna(o["value"]):
            continue
        k = (o["jurisdiction"], _key(o), o["measure"], o["base_unit"], int(o["year"]),
             int(o["report_year"]))
        by_key.setdefault(k, []).append(o)
    rows = []
    for _, t in targets.iterrows():
        if pd.isna(t["year"]):
            continue
        year = int(t["year"])
        k = (t["jurisdiction"], _key(t), t["measure"], t["base_unit"], year, year + 1)
        candidates = sorted(by_key.get(k, []),
                            key=lambda o: (o["status"] != "actual", o["start"]))
        row = {
            "jurisdiction": t["jurisdiction"], "indicator_id": t["indicator_id"],
            "indicator": t["indicator"], "measure": t["measure"], "year": year,
            "target_doc": t["doc"], "target_start": t["start"], "target_bound": t["bound"],
            "target_value": t["value"], "target_low": t["low"], "target_high": t["high"],
            "unit": t["unit"], "outcome_doc": None, "outcome_start": None,
            "outcome_status": None, "outcome_value": math.nan, "outcome_bound": None,
            "gap": math.nan, "verdict": "no outcome",
            "note": f"no report for {year + 1} states this indicator",
        }
        if candidates:
            o = candidates[0]
            scale = o["multiplier"] / t["multiplier"]  # 亿元 vs 万元 in different years
            value = float(o["value"]) * scale
            gap, verdict, note = _verdict(pd.Series(row), value, approx_tolerance)
            if o["bound"] != "eq":
                note += f"; the outcome itself is stated as {o['bound']}"
            if o["status"] == "estimate":
                note += "; the outcome is an estimate (预计)"
            row.update(outcome_doc=o["doc"], outcome_start=o["start"],
                       outcome_status=o["status"], outcome_value=value,
                       outcome_bound=o["bound"], gap=round(gap, 6), verdict=verdict,
                       note=note)
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(PANEL_COLUMNS))
    return out.astype({"year": "int64", "outcome_start": "Int64"})
