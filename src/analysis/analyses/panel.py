"""Targets vs outcomes across years: was report t's target met, by report t+1's account?

A work report for year t sets targets for t (its plan part); the next year's report states
the outcome for t (its review part). :func:`target_outcomes` joins the two.

**Place.** Reports are joined on the place key of :mod:`analysis.places` (the six-digit
division code; ``000000`` for the national government), never on the name as written, so
广西 and 广西壮族自治区, or 海拉尔区 and 呼伦贝尔市海拉尔区, are one place. A name that several
divisions share (朝阳区, 吉林, a town such as 城关镇) is never joined. A name that no division
has at all (the invented places of :mod:`analysis.synthetic`, or a division newer than the
dataset) is joined only with the identical full name and reported as unresolved
(``place_status``); ``strict_places=True`` refuses those too. :func:`panel_problems` lists
every such report, every report whose place or year cannot be read and every pair of files
claiming the same place and year (both kept, flagged ``duplicate``, never merged).

**One target per place, indicator, year and measure.** Only the report's own year counts
(a plan-part figure about another period, 到2027年 or 年均 over a five-year plan, is never
this year's target; neither is a figure with a ``period_end`` when the figures carry one),
and only the measures ``level``, ``growth_pct`` and ``change_pp``. Where a report states the
target several times, the first mention in the passage of main expected targets
(``headline``: 主要预期目标是：…) wins; without one, the first mention in the plan part.
:func:`target_mentions` keeps every mention considered and why one was chosen.

**Outcome.** The figure for year t that report t+1 states in its review, flagged
``estimate`` when it is one (预计, 初步核算). Among several mentions: the review part's before
others, an actual before an estimate, one whose clause names the year (2017年, 去年, 全年)
first, then one outside a section reviewing several years (过去五年, “十一五”时期), then an
exact figure before a bound one (6600万人以上 over five years vs 1351万人), then the first.

**Met or missed** (``verdict``), with the bound kept as stated, never a midpoint:

* ``ge`` (以上, 不低于): met when outcome >= the floor; ``gt``: when outcome > it;
* ``le`` (以内, 控制在…以内): met when outcome <= the ceiling; ``lt``: when outcome < it;
* ``range`` (6%—6.5%): met when outcome >= the low end (above the range is noted, not missed);
* ``approx`` (左右): met when outcome >= value - ``approx_tolerance`` (0.5 by default, in the
  target's unit), or <= value + tolerance for indicators where lower is better
  (:data:`LOWER_IS_BETTER`: unemployment, prices, deficit, energy and CO2 intensity,
  pollutant emissions, people in poverty);
* a plain number: a floor (a ceiling where lower is better).

``gap`` is outcome minus the target's reference number (the floor, the ceiling, the low end
of a range, else the value), in the target's unit: percentage points for a growth target.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "LOWER_IS_BETTER",
    "MENTION_COLUMNS",
    "ONE_YEAR_MEASURES",
    "PANEL_COLUMNS",
    "answer_sentence",
    "headline_pairs",
    "panel_problems",
    "place_table",
    "target_mentions",
    "target_outcomes",
    "target_reference",
    "verdict_counts",
]

# Indicators whose targets are ceilings even when written as a plain number.
LOWER_IS_BETTER = frozenset({"unemployment_rate", "unemployment_rate_surveyed",
                             "energy_intensity", "cpi", "poverty_incidence",
                             "deficit_ratio", "co2_intensity", "major_pollutant_emissions",
                             "rural_poor_population", "pm25_concentration",
                             "production_safety_accidents"})
ONE_YEAR_MEASURES = ("level", "growth_pct", "change_pp")

PANEL_COLUMNS = (
    "jurisdiction", "indicator_id", "indicator", "measure", "year",
    "target_doc", "target_start", "target_bound", "target_value", "target_low", "target_high",
    "unit", "outcome_doc", "outcome_start", "outcome_status", "outcome_value", "outcome_bound",
    "gap", "verdict", "note", "place_code", "place_name", "place_status", "target_headline",
    "target_quote", "outcome_quote", "duplicate",
)
"""Columns of :func:`target_outcomes`:

jurisdiction (as the target report writes it), indicator_id, indicator, measure, year (t, the
year the target is for); target_doc/target_start (key of the target figure in report t),
target_bound, target_value, target_low, target_high (as stated; never a midpoint); unit;
outcome_doc/outcome_start (key of the outcome figure in report t+1), outcome_status (actual
or estimate), outcome_value, outcome_bound; gap; verdict: ``met``, ``missed`` or ``no
outcome``; note: how the verdict was read; place_code and place_name (the place key and its
canonical name), place_status (resolved, former, unknown); target_headline (the target is in
the main-targets passage); target_quote/outcome_quote (raw text); duplicate (another file
claims the same place and year).
"""

MENTION_COLUMNS = (
    "place_code", "place", "indicator_id", "indicator", "measure", "year", "doc", "start",
    "quote", "bound", "value", "low", "high", "unit", "headline", "context", "chosen",
    "reason",
)
"""Columns of :func:`target_mentions`: one row per target mention considered; ``chosen``
marks the one kept for its (doc, place, indicator, year, measure) and ``reason`` says why."""

_AVERAGE = re.compile(r"年均[^，；。]{0,8}$")
# A section reviewing several years ("过去五年工作回顾", "“十一五”时期……的回顾")
_MULTI_YEAR = r"五年|时期"


def place_table(metadata: pd.DataFrame, *, strict_places: bool = False,
                place_codes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The metadata with its place key: place_code, place, place_status, place_note,
    ``key`` (what the panel joins on; empty when the place must not be joined), duplicate.

    ``place_codes`` maps extra names to keys (places outside the division dataset).
    """
    from ..places import resolve

    meta = metadata.copy()
    extra = dict(place_codes or {})
    rows: list[tuple[str | None, str, str, str, str]] = []
    for name in meta["jurisdiction"].fillna("").astype(str):
        if name in extra:
            rows.append((extra[name], name, "given", "key given by the caller", extra[name]))
            continue
        p = resolve(name)
        key = p.code or (f"name:{name}" if p.status == "unknown" and not strict_places
                         else "")
        rows.append((p.code, p.name, p.status, p.note, key))
    for i, col in enumerate(("place_code", "place", "place_status", "place_note", "key")):
        meta[col] = [r[i] for r in rows]
    year = meta["year"].astype("Int64")
    keyed = (meta["key"] != "") & year.notna()
    meta["duplicate"] = keyed & meta.assign(_y=year).duplicated(["key", "_y"], keep=False)
    return meta


def panel_problems(metadata: pd.DataFrame, *, strict_places: bool = False) -> pd.DataFrame:
    """One row per report the panel cannot use as is: doc, (path,) problem, detail.

    Problems: ``no place`` or ``no year`` (the report is left out), ``ambiguous place``
    (left out), ``unresolved place`` (a name no division has: joined only by that exact name
    unless ``strict_places``), ``duplicate`` (another file claims the same place and year:
    both kept, neither merged).
    """
    import pandas as pd

    meta = place_table(metadata, strict_places=strict_places)
    out = []
    for _, m in meta.iterrows():
        if not m["jurisdiction"]:
            out.append((m["doc"], "no place", "the title block names no jurisdiction"))
        elif m["place_status"] == "ambiguous":
            out.append((m["doc"], "ambiguous place", m["place_note"]))
        elif m["place_status"] == "unknown":
            out.append((m["doc"], "unresolved place",
                        m["place_note"] + ("" if strict_places else
                                           "; joined only by this exact name")))
        if pd.isna(m["year"]):
            out.append((m["doc"], "no year", "the report's year cannot be read"))
        if m["duplicate"]:
            same = meta[(meta["key"] == m["key"]) & (meta["year"] == m["year"])
                        & (meta["doc"] != m["doc"])]
            out.append((m["doc"], "duplicate",
                        f"same place and year as {', '.join(same['doc'])}; both kept"))
    df = pd.DataFrame(out, columns=["doc", "problem", "detail"])
    if "path" in meta.columns:  # corpus metadata: name the file
        df.insert(1, "path", df["doc"].map(dict(zip(meta["doc"], meta["path"], strict=True))))
    return df


def _one_year(figs: pd.DataFrame) -> pd.DataFrame:
    """Figures about one year: allowed measures, no period_end, not 年均 (a multi-year mean)."""
    import pandas as pd

    keep = figs["measure"].isin(ONE_YEAR_MEASURES) & figs["year"].notna()
    if "period_end" in figs.columns:
        keep &= figs["period_end"].isna()
    context = figs["context"] if "context" in figs.columns else figs["quote"]
    before = [unicodedata.normalize("NFKC", c).split(unicodedata.normalize("NFKC", q))[0]
              for c, q in zip(context.astype(str), figs["quote"].astype(str), strict=True)]
    keep &= pd.Series([not _AVERAGE.search(b) for b in before], index=figs.index, dtype=bool)
    return figs[keep]


def _keyed_figures(figures: pd.DataFrame, metadata: pd.DataFrame, canonical_only: bool,
                   **place_options: object) -> pd.DataFrame:
    meta = place_table(metadata, **place_options)  # type: ignore[arg-type]
    meta = meta[meta["key"] != ""][["doc", "jurisdiction", "year", "key", "place_code",
                                     "place", "place_status", "duplicate"]]
    figs = figures.merge(meta.rename(columns={"year": "report_year"}), on="doc", how="inner")
    if "headline" not in figs.columns:
        figs["headline"] = False
    if canonical_only:
        figs = figs[figs["indicator_id"].astype(str) != ""]
    figs = _one_year(figs)
    figs = figs.assign(ind=figs["indicator_id"].where(figs["indicator_id"].astype(str) != "",
                                                      figs["indicator"]))
    return figs


def _choose_targets(figs: pd.DataFrame) -> pd.DataFrame:
    """Target mentions of the report's own year, with ``chosen`` and ``reason``."""
    t = figs[(figs["status"] == "target") & (figs["year"] == figs["report_year"])].copy()
    t = t.sort_values(["doc", "ind", "measure", "base_unit", "headline", "start"],
                      ascending=[True, True, True, True, False, True])
    group = ["doc", "ind", "measure", "base_unit"]
    t["chosen"] = ~t.duplicated(group, keep="first")
    n = t.groupby(group)["start"].transform("size")
    any_head = t.groupby(group)["headline"].transform("any")
    reasons = []
    for chosen, head, many, has_head in zip(t["chosen"], t["headline"], n > 1, any_head,
                                            strict=True):
        if chosen and not many:
            reasons.append("the only mention" + (" (main-targets passage)" if head else ""))
        elif chosen:
            reasons.append("first mention in the main-targets passage" if head else
                           "no mention in the main-targets passage: the first plan mention")
        elif head:
            reasons.append("a later mention in the main-targets passage")
        else:
            reasons.append("outside the main-targets passage" if has_head else
                           "a later plan mention")
    t["reason"] = reasons
    return t.sort_values(["doc", "start"])


def target_mentions(figures: pd.DataFrame, metadata: pd.DataFrame, *,
                    canonical_only: bool = True, strict_places: bool = False) -> pd.DataFrame:
    """Every target mention considered for the panel, ``chosen`` and why (``reason``)."""
    figs = _keyed_figures(figures, metadata, canonical_only, strict_places=strict_places)
    t = _choose_targets(figs)
    return t[list(MENTION_COLUMNS)].reset_index(drop=True)


def _outcome_index(figs: pd.DataFrame) -> dict[tuple, pd.Series]:
    """The outcome each (place key, indicator, measure, base unit, year, report year) gets."""
    o = figs[figs["status"].isin(["actual", "estimate"]) & figs["value"].notna()].copy()
    context = o["context"] if "context" in o.columns else o["quote"]
    names_year = [bool(re.search(rf"{int(y)}年|去年|过去一年|全年|上年", str(c)))
                  for y, c in zip(o["year"], context, strict=True)]
    o = o.assign(
        r_part=o["part"] != "review", r_status=o["status"] != "actual",
        r_year=[not n for n in names_year],
        r_span=o["section_title"].fillna("").str.contains(_MULTI_YEAR),
        r_bound=o["bound"] != "eq")
    o = o.sort_values(["r_part", "r_status", "r_year", "r_span", "r_bound", "start"])
    out: dict[tuple, pd.Series] = {}
    for _, r in o.iterrows():
        k = (r["key"], r["ind"], r["measure"], r["base_unit"], int(r["year"]),
             int(r["report_year"]))
        out.setdefault(k, r)
    return out


def _verdict(t: Mapping, outcome: float, tol: float) -> tuple[float, str, str]:
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


def _nudged(value: float, bound: str) -> float:
    """The outcome as a number for the verdict: "more than X" (突破X) is just above X."""
    step = 1e-9 * max(1.0, abs(value))
    return value + step if bound == "gt" else value - step if bound == "lt" else value


def _higher_is_better(t: Mapping) -> bool:
    """A floor or a range asks for more; a ceiling for less; a plain or approximate number
    follows the indicator (CPI, unemployment: less)."""
    if t["target_bound"] in ("ge", "gt", "range"):
        return True
    if t["target_bound"] in ("le", "lt"):
        return False
    return t["indicator_id"] not in LOWER_IS_BETTER


def _settled(verdict: str, outcome_bound: str, higher_better: bool) -> bool:
    """Whether an outcome stated as a bound (7100万亩以上, 突破9500公里, 3%以内) settles the
    verdict its number gives: the true value lies beyond the number, so a floor that meets a
    higher-is-better target meets it, and a floor that misses it may not."""
    if outcome_bound in ("ge", "gt"):
        return (verdict == "met") == higher_better
    if outcome_bound in ("le", "lt"):
        return (verdict == "met") != higher_better
    return True  # eq and approx: the number is the outcome


def _row(t: pd.Series, o: pd.Series | None, tol: float) -> dict:
    year = int(t["year"])
    row = {
        "jurisdiction": t["jurisdiction"], "indicator_id": t["indicator_id"],
        "indicator": t["indicator"], "measure": t["measure"], "year": year,
        "target_doc": t["doc"], "target_start": t["start"], "target_bound": t["bound"],
        "target_value": t["value"], "target_low": t["low"], "target_high": t["high"],
        "unit": t["unit"], "outcome_doc": None, "outcome_start": None,
        "outcome_status": None, "outcome_value": math.nan, "outcome_bound": None,
        "gap": math.nan, "verdict": "no outcome",
        "note": f"no report for {year + 1} states this indicator",
        "place_code": t["place_code"], "place_name": t["place"],
        "place_status": t["place_status"],
        "target_headline": bool(t["headline"]), "target_quote": t["quote"],
        "outcome_quote": None, "duplicate": bool(t["duplicate"]),
    }
    if o is None:
        return row
    value = float(o["value"]) * (o["multiplier"] / t["multiplier"])  # 亿元 vs 万元
    nudged = _nudged(value, o["bound"])
    gap, verdict, note = _verdict(row, nudged, tol)
    gap -= nudged - value  # the gap of the stated number
    if o["bound"] != "eq":
        note += f"; the outcome itself is stated as {o['bound']}"
        if not _settled(verdict, o["bound"], _higher_is_better(row)):
            verdict, gap = "no outcome", math.nan
            note += (f" {value:g}, which does not settle the target (the true value may lie "
                     "on either side)")
    if o["status"] == "estimate":
        note += "; the outcome is an estimate (预计)"
    row.update(outcome_doc=o["doc"], outcome_start=o["start"], outcome_status=o["status"],
               outcome_value=value, outcome_bound=o["bound"], gap=round(gap, 6),
               verdict=verdict, note=note, outcome_quote=o["quote"])
    return row


def target_outcomes(
    figures: pd.DataFrame,
    metadata: pd.DataFrame,
    *,
    approx_tolerance: float = 0.5,
    canonical_only: bool = True,
    strict_places: bool = False,
    with_mentions: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Each headline target of report t joined with the outcome for t stated in report t+1.

    ``figures`` is a figures table of many documents; ``metadata`` has one row per document
    with at least ``doc``, ``jurisdiction`` and ``year`` (``Report.metadata()`` or
    ``corpus.extract_many(...).metadata``). See the module's docstring for the place key,
    the choice of one target among several mentions, and the met/missed rule. Targets
    whose place has no report t+1, or whose report t+1 does not state the indicator, are
    kept with verdict ``no outcome``. With ``canonical_only`` (the default) only indicators
    of the vocabulary are joined; pass False to join others by their text too. With
    ``with_mentions`` the result is ``(panel, target_mentions(...))``.
    """
    import pandas as pd

    figs = _keyed_figures(figures, metadata, canonical_only, strict_places=strict_places)
    mentions = _choose_targets(figs)
    outcomes = _outcome_index(figs)
    rows = []
    for _, t in mentions[mentions["chosen"]].iterrows():
        k = (t["key"], t["ind"], t["measure"], t["base_unit"], int(t["year"]),
             int(t["year"]) + 1)
        rows.append(_row(t, outcomes.get(k), approx_tolerance))
    out = pd.DataFrame(rows, columns=list(PANEL_COLUMNS))
    out = out.astype({"year": "int64", "outcome_start": "Int64", "target_start": "int64"})
    if with_mentions:
        return out, mentions[list(MENTION_COLUMNS)].reset_index(drop=True)
    return out


# --- views of a panel for the notebooks -------------------------------------------------------


def headline_pairs(panel: pd.DataFrame, *, indicator: str = "gdp",
                   measure: str = "growth_pct", place_code: str | None = None,
                   year: int | None = None) -> pd.DataFrame:
    """Rows of one indicator and measure (a place, a year, or all), sorted by place and year."""
    rows = panel[(panel["indicator_id"] == indicator) & (panel["measure"] == measure)]
    if place_code is not None:
        rows = rows[rows["place_code"] == place_code]
    if year is not None:
        rows = rows[rows["year"] == year]
    return rows.sort_values(["place_code", "year"]).reset_index(drop=True)


def target_reference(panel: pd.DataFrame) -> pd.Series:
    """The number a target's gap is measured from: floor, ceiling, low end, else value."""
    ref = panel["target_value"].copy()
    ref = ref.where(~panel["target_bound"].isin(["ge", "gt", "range"]), panel["target_low"])
    return ref.where(~panel["target_bound"].isin(["le", "lt"]), panel["target_high"])


def verdict_counts(panel: pd.DataFrame) -> pd.DataFrame:
    """met / missed / no outcome per indicator (rows), with a total column."""
    counts = panel.pivot_table(index="indicator_id", columns="verdict", values="year",
                               aggfunc="count", fill_value=0)
    for col in ("met", "missed", "no outcome"):
        if col not in counts.columns:
            counts[col] = 0
    counts = counts[["met", "missed", "no outcome"]]
    counts["total"] = counts.sum(axis=1)
    return counts.sort_values(["total", "met"], ascending=False)


def _records(frame: pd.DataFrame) -> list[Any]:
    return list(frame.itertuples())


def answer_sentence(pairs: pd.DataFrame, what: str = "national GDP growth target") -> str:
    """One sentence answering "were the targets met?" for a frame of :func:`headline_pairs`."""
    judged = pairs[pairs["verdict"].isin(["met", "missed"])]
    missed = judged[judged["verdict"] == "missed"]
    first, last = int(judged["year"].min()), int(judged["year"].max())
    text = (f"Of the {len(judged)} {what}s set for {first}–{last} whose outcome the next "
            f"report states, {len(judged) - len(missed)} were met and {len(missed)} missed")
    if len(missed):
        text += " (" + ", ".join(
            f"{int(r.year)}: {r.target_quote} vs {r.outcome_value:g}%"
            for r in _records(missed)) + ")"
    return text + "."
