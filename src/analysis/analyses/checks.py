"""Cross-checks between figures a report states: do its numbers hang together?

Each check looks its inputs up with :mod:`analysis.analyses.lookup` (by indicator_id where one
exists, else by wording and unit), so the same checks run on any report's figures table. A
check whose inputs are missing is kept with verdict "cannot tell" and says what is missing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from .lookup import (
    OUTCOME,
    PLAN,
    SPECS,
    FigureRow,
    Spec,
    assumption,
    decimals,
    find,
    fmt,
    select,
)
from .ratios import ratio

__all__ = ["CHECK_COLUMNS", "consistency_checks"]

CHECK_COLUMNS = [
    "doc",
    "check",
    "inputs",
    "result",
    "result_unit",
    "expected",
    "verdict",
    "note",
    "sources",
]

CONSISTENT, INCONSISTENT, CANNOT_TELL = "consistent", "inconsistent", "cannot tell"

POVERTY_BASE_TOLERANCE = 0.10
"""Two implied poverty population bases within 10% of each other count as roughly consistent
(the registered population and the poverty list are revised every year)."""


@dataclass
class _Check:
    check: str
    inputs: str = ""
    result: float = math.nan
    result_unit: str = ""
    expected: str = ""
    verdict: str = CANNOT_TELL
    note: str = ""
    sources: tuple[int, ...] = ()


class _Ctx:
    """Lookups for one doc: the outcome year (latest with outcomes) and the plan year."""

    def __init__(self, figs: pd.DataFrame, doc: str, specs: Mapping[str, Spec]) -> None:
        self.figs, self.doc, self.specs = figs, doc, specs
        own = figs[figs["doc"] == doc]
        outcome_years = own.loc[own["status"].isin(list(OUTCOME)), "year"]
        plan_years = own.loc[own["status"].isin(list(PLAN)), "year"]
        self.year = int(outcome_years.max()) if not outcome_years.empty else None
        self.plan_year = int(plan_years.max()) if not plan_years.empty else None

    def outcome(self, key: str, measure: str = "level") -> FigureRow | None:
        spec = self.specs[key]
        if measure == "growth_pct":
            spec = spec.growth()
        return find(self.figs, spec, doc=self.doc, year=self.year, statuses=OUTCOME)

    def plan(self, key: str) -> FigureRow | None:
        return find(self.figs, self.specs[key], doc=self.doc, year=self.plan_year, statuses=PLAN)

    def plan_near(self, anchor: FigureRow | None, key: str) -> FigureRow | None:
        """A plan figure stated with ``anchor``: in its sentence, else in its section."""
        if anchor is None:
            return None
        own = self.figs[self.figs["doc"] == self.doc]
        for column, value in (("sentence_id", anchor.sentence_id), ("section", anchor.section)):
            if column not in own.columns or value is None or value == "":
                continue
            near = own[(own[column] == value) & (own["start"] > anchor.start)]
            fig = find(near, self.specs[key], year=self.plan_year, statuses=PLAN)
            if fig is not None:
                return fig
        return None

    def missing(self, check: str, **found: FigureRow | None) -> _Check | None:
        absent = [k for k, v in found.items() if v is None or math.isnan(v.point)]
        if not absent:
            return None
        have = [v for v in found.values() if v is not None]
        labels = [self.specs[k].label if k in self.specs else k for k in absent]
        return _Check(
            check,
            inputs="; ".join(v.describe() for v in have),
            note=f"missing from the figures table: {', '.join(labels)}",
            sources=tuple(v.start for v in have),
        )


def _describe(*figs: FigureRow) -> str:
    return "; ".join(f.describe() for f in figs)


def _projects(c: _Ctx) -> _Check:
    name = "projects: started + completed + continuing = planned total"
    total = c.plan("projects_total")
    started, completed, continuing = (
        c.plan_near(total, key)
        for key in ("projects_started", "projects_completed", "projects_continuing")
    )
    miss = c.missing(
        name,
        projects_total=total,
        projects_started=started,
        projects_completed=completed,
        projects_continuing=continuing,
    )
    if miss:
        return miss
    assert total and started and completed and continuing
    parts = [started, completed, continuing]
    if len({f.start for f in [total, *parts]}) < 4:
        return _Check(
            name,
            _describe(total, *parts),
            note="the lookups found the same figure twice; the categories cannot be told apart",
        )
    s = sum(f.base_value for f in parts)
    gap = total.base_value - s
    if abs(gap) < 1e-9:
        verdict, note = CONSISTENT, "the three categories cover every planned project"
    elif gap > 0:
        verdict = INCONSISTENT
        note = (
            f"{fmt(total.base_value)} − {fmt(s)} = {fmt(gap)} planned projects "
            f"({fmt(gap / total.base_value * 100, 3)}%) are in none of the stated categories "
            "(probably at the preparatory 前期 stage); the categories are not a full breakdown, "
            "which is not by itself an error"
        )
    else:
        verdict = INCONSISTENT
        note = f"the categories add up to {fmt(-gap)} more than the total: a contradiction"
    return _Check(
        name,
        _describe(total, *parts),
        s,
        "项",
        f"= {fmt(total.base_value)} (planned total)",
        verdict,
        note,
        tuple(f.start for f in [total, *parts]),
    )


def _poverty_pair(c: _Ctx) -> tuple[FigureRow | None, FigureRow | None]:
    rows = select(c.figs, c.specs["poverty_incidence"], doc=c.doc, statuses=OUTCOME)
    rows = rows[rows["value"].notna()].sort_values(["year", "start"])
    if len(rows) < 2:
        return None, None
    return FigureRow.from_row(rows.iloc[0].to_dict()), FigureRow.from_row(rows.iloc[-1].to_dict())


# A planned figure about 脱贫 is "poor people remaining" only when its clause says the people
# are still poor (贫困人口, 未脱贫, 剩余/余下…脱贫任务); 带动脱贫人口就业2万人 is about people
# already lifted out, so those words are removed before the test.
_STILL_POOR = r"贫困人口|贫困户|未脱贫|剩余|余下|脱贫任务|建档立卡"
_ALREADY_OUT = r"脱贫人口|已脱贫|脱贫户|脱贫劳动力"


def _remaining_poor(c: _Ctx, key: str) -> FigureRow | None:
    """The first planned figure of ``key`` whose clause is about people still poor."""
    rows = select(c.figs, c.specs[key], doc=c.doc, statuses=PLAN)
    for row in rows.to_dict("records"):
        fig = FigureRow.from_row(row)
        if re.search(_STILL_POOR, re.sub(_ALREADY_OUT, "", fig.clause)):
            return fig
    return None


_POVERTY_BASE = "poverty: registered population implied by the incidence rates"


@dataclass(frozen=True)
class _Poverty:
    """The poverty figures and the two registered-population bases they imply."""

    before: FigureRow  # the earlier incidence rate (%)
    after: FigureRow  # the later incidence rate (%)
    lifted: FigureRow  # persons lifted out of poverty
    remaining: FigureRow  # persons still poor (a planned figure)

    @property
    def half_steps(self) -> tuple[float, float]:
        """Half a unit of the last decimal of each rate (the rounding of what is written)."""
        return (0.5 * 10 ** -decimals(self.before.value), 0.5 * 10 ** -decimals(self.after.value))

    def bases(self, shift_before: float = 0.0, shift_after: float = 0.0) -> tuple[float, float]:
        """(lifted + remaining) / rate before, remaining / rate after, rates shifted by pp."""
        n_lift, n_rem = self.lifted.base_value, self.remaining.base_value
        return (
            (n_lift + n_rem) / ((self.before.value + shift_before) / 100),
            n_rem / ((self.after.value + shift_after) / 100),
        )

    @property
    def sources(self) -> tuple[int, ...]:
        return (self.before.start, self.after.start, self.lifted.start, self.remaining.start)


def _lifted_and_remaining(c: _Ctx, key: str) -> dict[str, FigureRow | None]:
    """``{key: lifted out (an outcome), key_remaining: still poor (a plan)}``."""
    lifted = find(c.figs, c.specs[key], doc=c.doc, statuses=OUTCOME)
    return {key: lifted, f"{key}_remaining": _remaining_poor(c, key)}


def _poverty_inputs(c: _Ctx) -> _Poverty | _Check:
    before, after = _poverty_pair(c)
    persons = _lifted_and_remaining(c, "poverty_persons")
    found = {"poverty_incidence_before": before, "poverty_incidence_after": after, **persons}
    miss = c.missing(_POVERTY_BASE, **found)
    if miss:
        return miss
    assert before and after
    lifted, remaining = persons.values()
    assert lifted and remaining
    return _Poverty(before, after, lifted, remaining)


def _poverty_bases_agree(pv: _Poverty) -> _Check:
    before, after = pv.before, pv.after
    n_lift, n_rem = pv.lifted.base_value, pv.remaining.base_value
    base_before, base_after = pv.bases()
    h_b, h_a = pv.half_steps
    rng_b = (pv.bases(shift_before=h_b)[0], pv.bases(shift_before=-h_b)[0])
    rng_a = (pv.bases(shift_after=h_a)[1], pv.bases(shift_after=-h_a)[1])
    diff = base_after / base_before - 1
    verdict = CONSISTENT if abs(diff) <= POVERTY_BASE_TOLERANCE else INCONSISTENT
    note = (
        f"base from the {before.year} rate: ({fmt(n_lift)} lifted + {fmt(n_rem)} remaining) / "
        f"{fmt(before.value)}% = {fmt(base_before)} persons; base from the {after.year} rate: "
        f"{fmt(n_rem)} remaining / {fmt(after.value)}% = {fmt(base_after)} persons; they differ "
        f"by {fmt(diff * 100, 2)}%. "
    )
    if rng_b[0] <= rng_a[1] and rng_a[0] <= rng_b[1]:
        note += "The difference is within the rounding of the two rates. "
    else:
        note += (
            f"Rounding of the rates alone allows {fmt(rng_b[0])}–{fmt(rng_b[1])} and "
            f"{fmt(rng_a[0])}–{fmt(rng_a[1])}, which do not overlap: the rest is plausibly the "
            "yearly revision of the registered population and of the poverty list (动态调整: "
            "new entries, deaths, returns to poverty). "
        )
    note += (
        "The base is the rural registered (户籍) population used for the incidence, not the "
        f"resident population; {'roughly consistent' if verdict == CONSISTENT else 'too far apart'}"
        f" at a {fmt(POVERTY_BASE_TOLERANCE * 100)}% tolerance"
    )
    return _Check(
        _POVERTY_BASE,
        _describe(before, after, pv.lifted, pv.remaining),
        diff * 100,
        "%",
        f"the two bases agree within ±{fmt(POVERTY_BASE_TOLERANCE * 100)}%",
        verdict,
        note,
        pv.sources,
    )


def _poverty_drop(pv: _Poverty) -> _Check:
    """The fall in the rate implied by the persons lifted, on the later base."""
    before, after, n_lift = pv.before, pv.after, pv.lifted.base_value
    base_before, base_after = pv.bases()
    drop = n_lift / base_after * 100
    stated = before.value - after.value
    tolerance = max(0.1 * stated, 2 * sum(pv.half_steps))
    return _Check(
        "poverty: persons lifted vs fall of the incidence rate",
        _describe(before, after, pv.lifted),
        drop,
        "百分点",
        f"≈ {fmt(stated)} percentage points ({fmt(before.value)}% → {fmt(after.value)}%)",
        CONSISTENT if abs(drop - stated) <= tolerance else INCONSISTENT,
        f"{fmt(n_lift)} / {fmt(base_after)} = {fmt(drop, 3)} pp on the {after.year} base "
        f"({fmt(n_lift / base_before * 100, 3)} pp on the {before.year} base); the rate fell "
        f"by {fmt(stated, 3)} percentage points (not percent)",
        pv.sources,
    )


def _poverty_base(c: _Ctx) -> list[_Check]:
    pv = _poverty_inputs(c)
    if isinstance(pv, _Check):
        return [pv]
    return [_poverty_bases_agree(pv), _poverty_drop(pv)]


def _household_size(c: _Ctx) -> _Check:
    name = "poverty: persons per household, lifted vs remaining"
    households = _lifted_and_remaining(c, "poverty_households")
    persons = _lifted_and_remaining(c, "poverty_persons")
    # in the order lifted households, lifted persons, remaining households, remaining persons
    pairs = zip(households.items(), persons.items(), strict=True)
    found = dict(kv for pair in pairs for kv in pair)
    miss = c.missing(name, **found)
    if miss:
        return miss
    hh, hh_r = households.values()
    pp, pp_r = persons.values()
    assert hh and pp and hh_r and pp_r
    size, size_r = pp.base_value / hh.base_value, pp_r.base_value / hh_r.base_value
    plausible = all(1 <= s <= 6 for s in (size, size_r))
    note = (
        f"{fmt(pp.base_value)} / {fmt(hh.base_value)} = {fmt(size)} persons per household "
        f"lifted; {fmt(pp_r.base_value)} / {fmt(hh_r.base_value)} = {fmt(size_r)} remaining. "
    )
    if size_r < size:
        note += (
            "Remaining households are smaller, as expected: the last poor households are "
            "often elderly or single-person households supported by 兜底 (social assistance)"
        )
    else:
        note += "Remaining households are not smaller than those lifted"
    return _Check(
        name,
        _describe(hh, pp, hh_r, pp_r),
        size_r,
        "人/户",
        f"both between 1 and 6 persons per household (lifted: {fmt(size)})",
        CONSISTENT if plausible else INCONSISTENT,
        note,
        (hh.start, pp.start, hh_r.start, pp_r.start),
    )


def _tourism_spend(c: _Ctx, assumptions: pd.DataFrame | None) -> _Check:
    name = "tourism: spending per visit"
    rev, arr = c.outcome("tourism_revenue"), c.outcome("tourist_arrivals")
    miss = c.missing(name, tourism_revenue=rev, tourist_arrivals=arr)
    if miss:
        return miss
    assert rev and arr
    spend = ratio("tourism revenue per visit").of(rev, arr)
    try:
        ref, low, high, source = assumption("tourism_spend_per_visit_reference", assumptions)
    except KeyError:
        ref = low = high = math.nan
        source = "no reference in assumptions.csv"
    return _Check(
        name,
        _describe(rev, arr),
        spend,
        "元/人次",
        f"within {fmt(low)}–{fmt(high)} 元 (reference {fmt(ref)} 元)",
        _within(spend, low, high),
        f"{fmt(rev.value)}{rev.unit} / {fmt(arr.value)}{arr.unit} = {fmt(spend)} 元 per "
        f"visit; reference: {source}",
        (rev.start, arr.start),
    )


def _tourism_growth(c: _Ctx) -> _Check:
    name = "tourism: revenue growth vs arrivals growth"
    g_rev, g_arr = (
        c.outcome("tourism_revenue", "growth_pct"),
        c.outcome("tourist_arrivals", "growth_pct"),
    )
    miss = c.missing(name, tourism_revenue_growth=g_rev, tourist_arrivals_growth=g_arr)
    if miss:
        return miss
    assert g_rev and g_arr
    per_visit = ratio("growth of tourism revenue per visit").of(g_rev, g_arr)
    return _Check(
        name,
        _describe(g_rev, g_arr),
        per_visit,
        "%",
        "spending per visit changes by a few percent (−10% to +10%)",
        _within(per_visit, -10, 10),
        f"(1 + {fmt(g_rev.value)}%) / (1 + {fmt(g_arr.value)}%) − 1 = {fmt(per_visit, 3)}% "
        "change in spending per visit (nominal): revenue and arrivals grow together",
        (g_rev.start, g_arr.start),
    )


def _within(value: float, low: float, high: float) -> str:
    """The verdict for a value that should lie in [low, high] (cannot tell when either is NaN)."""
    if math.isnan(value) or math.isnan(low) or math.isnan(high):
        return CANNOT_TELL
    return CONSISTENT if low <= value <= high else INCONSISTENT


def _services_and_industry(c: _Ctx) -> _Check:
    name = "GDP: services + above-scale industrial value added < GDP"
    gdp = c.outcome("gdp")
    ter, ind = c.outcome("tertiary_value_added"), c.outcome("industrial_value_added")
    miss = c.missing(name, gdp=gdp, tertiary_value_added=ter, industrial_value_added=ind)
    if miss:
        return miss
    assert gdp and ter and ind
    s = ter.in_unit_of(gdp) + ind.in_unit_of(gdp)
    room = gdp.value - s
    return _Check(
        name,
        _describe(gdp, ter, ind),
        s,
        gdp.unit,
        f"< {fmt(gdp.value)}{gdp.unit} (GDP)",
        CONSISTENT if room > 0 else INCONSISTENT,
        f"{fmt(gdp.value)} − {fmt(s)} = {fmt(room)}{gdp.unit} "
        f"({fmt(room / gdp.value * 100, 3)}% of GDP) left for agriculture, construction "
        "and industry below designated size",
        (gdp.start, ter.start, ind.start),
    )


def _with_primary(c: _Ctx, assumptions: pd.DataFrame | None) -> _Check:
    name = "GDP: services + above-scale industry + estimated primary ≤ GDP"
    gdp = c.outcome("gdp")
    ter, ind = c.outcome("tertiary_value_added"), c.outcome("industrial_value_added")
    agri = c.outcome("agriculture_output")
    miss = c.missing(
        name, gdp=gdp, tertiary_value_added=ter, industrial_value_added=ind, agriculture_output=agri
    )
    if miss:
        return miss
    assert gdp and ter and ind and agri
    _, _, high, source = assumption("agriculture_value_added_ratio", assumptions)
    s = ter.in_unit_of(gdp) + ind.in_unit_of(gdp) + agri.in_unit_of(gdp) * high
    return _Check(
        name,
        _describe(gdp, ter, ind, agri),
        s,
        gdp.unit,
        f"≤ {fmt(gdp.value)}{gdp.unit} (GDP)",
        CONSISTENT if s <= gdp.value else INCONSISTENT,
        f"primary value added at the high end of the assumed ratio ({fmt(high)} × "
        f"{fmt(agri.value)}{agri.unit}); the remaining {fmt(gdp.value - s)}{gdp.unit} "
        f"is construction and smaller industry. Assumption: {source}",
        (gdp.start, ter.start, ind.start, agri.start),
    )


def _growth_of_the_rest(c: _Ctx) -> _Check:
    name = "GDP growth vs services growth: implied growth of the rest of the economy"
    gdp, ter = c.outcome("gdp"), c.outcome("tertiary_value_added")
    g_gdp, g_ter = c.outcome("gdp", "growth_pct"), c.outcome("tertiary_value_added", "growth_pct")
    miss = c.missing(
        name, gdp=gdp, tertiary_value_added=ter, gdp_growth=g_gdp, tertiary_growth=g_ter
    )
    if miss:
        return miss
    assert gdp and ter and g_gdp and g_ter
    w = ratio("services value added / GDP").of(ter, gdp) / 100  # share of GDP, 0–1
    rest = (g_gdp.value - w * g_ter.value) / (1 - w)
    return _Check(
        name,
        _describe(gdp, ter, g_gdp, g_ter),
        rest,
        "%",
        "≥ 0 (the other sectors are reported as growing)",
        CONSISTENT if rest >= 0 else INCONSISTENT,
        f"({fmt(g_gdp.value)} − {fmt(w, 3)} × {fmt(g_ter.value)}) / (1 − {fmt(w, 3)}) = "
        f"{fmt(rest, 3)}%: services ({fmt(w * 100, 3)}% of GDP) contribute "
        f"{fmt(w * g_ter.value, 3)} pp of the {fmt(g_gdp.value)}% growth. Approximation: "
        "weights are this year's nominal shares, growth rates are real",
        (gdp.start, ter.start, g_gdp.start, g_ter.start),
    )


# (ratio, check): a part's share of its whole is at most 100%
_PART_OF_WHOLE = (
    (
        "above-scale share of gross industrial output",
        "industry: above-scale gross output ≤ gross output of all industry",
    ),
    (
        "industrial value added / gross output (above designated size)",
        "industry: above-scale value added ≤ above-scale gross output",
    ),
    (
        "high-tech share of gross industrial output",
        "industry: high-tech output ≤ gross output of all industry",
    ),
)


def _industry(c: _Ctx) -> list[_Check]:
    out: list[_Check] = []
    for ratio_name, name in _PART_OF_WHOLE:
        r = ratio(ratio_name)
        part, whole = c.outcome(r.numerator), c.outcome(r.denominator)
        miss = c.missing(name, **{r.numerator: part, r.denominator: whole})
        if miss:
            out.append(miss)
            continue
        assert part and whole
        share = r.of(part, whole)
        note = f"{fmt(part.value)} / {fmt(whole.value)} = {fmt(share, 3)}%"
        if r.numerator == "high_tech_output":
            note += (
                "; high-tech output is compiled on a different enterprise list (science and "
                "technology bureau), so exceeding 100% would not prove an error"
            )
        out.append(
            _Check(
                name,
                _describe(part, whole),
                share,
                "%",
                "≤ 100%",
                _within(share, -math.inf, 100),
                note,
                (part.start, whole.start),
            )
        )
    return out


def _pp_levels(c: _Ctx) -> list[_Check]:
    from .growth import pp_changes

    out: list[_Check] = []
    changes = pp_changes(c.figs[c.figs["doc"] == c.doc])
    stated = changes[(changes["kind"] == "stated") & changes["to_value"].notna()]
    for _, r in stated.iterrows():
        prev = float(r["from_value"])
        name = f"{r['indicator'] or r['indicator_id']}: level − stated pp change within 0–100%"
        out.append(
            _Check(
                name,
                f"{fmt(float(r['to_value']))}% ({r['to_year']}), change "
                f"{fmt(float(r['change_pp']))} percentage points",
                prev,
                "%",
                "between 0% and 100%",
                CONSISTENT if 0 <= prev <= 100 else INCONSISTENT,
                f"implied {r['from_year']} level {fmt(prev)}%",
                (int(r["to_start"]), int(r["change_start"])),
            )
        )
    return out


def consistency_checks(
    figs: pd.DataFrame,
    specs: Mapping[str, Spec] | None = None,
    assumptions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cross-checks between a report's figures, one row per check and doc.

    Checks: major projects by stage vs the planned total; poverty: the registered population
    implied by the incidence before and after (and whether they agree), the persons lifted vs
    the fall of the rate, persons per household lifted vs remaining; tourism spending per
    visit (against a reference band in ``assumptions.csv``) and revenue vs arrivals growth;
    parts of GDP (services + above-scale industry, plus an estimated primary sector) not
    exceeding GDP; GDP growth vs services growth; industry: part ≤ whole; rates: level minus
    a stated pp change within 0–100%.

    ``specs`` overrides how figures are recognised (see :data:`lookup.SPECS`), for a report
    that words them differently. Outcomes are looked up in the doc's latest outcome year,
    plans in its plan year.

    Columns: ``doc``; ``check`` (what is compared); ``inputs`` (the input figures with
    values, units, year and status); ``result`` (the computed number) and ``result_unit``;
    ``expected`` (what a consistent report gives); ``verdict`` ("consistent", "inconsistent"
    or "cannot tell" when an input is missing); ``note`` (the arithmetic and how to read
    it); ``sources`` (tuple of the inputs' ``start``).
    """
    specs = SPECS if specs is None else {**SPECS, **specs}
    rows: list[dict[str, object]] = []
    steps: list[Callable[[_Ctx], _Check | list[_Check]]] = [
        _projects,
        lambda c: _poverty_base(c),
        _household_size,
        lambda c: _tourism_spend(c, assumptions),
        _tourism_growth,
        _services_and_industry,
        lambda c: _with_primary(c, assumptions),
        _growth_of_the_rest,
        _industry,
        _pp_levels,
    ]
    for doc in pd.unique(figs["doc"]):
        ctx = _Ctx(figs, str(doc), specs)
        for step in steps:
            result = step(ctx)
            for chk in result if isinstance(result, list) else [result]:
                rows.append({"doc": doc, **chk.__dict__})
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)
