"""Find figures in a figures table, and load the curated reference tables.

Every analysis looks its inputs up through :func:`find` / :func:`require`, so the same code
runs on any report's figures table: a figure is matched by its canonical ``indicator_id``
where the extractor assigned one, otherwise by its wording (the ``indicator`` column: exact
match against the aliases in ``data/reference/indicators.csv``, or a regular expression) and
its unit as written. Nothing a report states is written into this package.

A :class:`FigureRow` keeps the key of the row it came from (``doc``, ``start``) so that every
derived number can be traced back to its sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

import pandas as pd

from analysis.extraction.indicators import names_of
from analysis.paths import reference_dir

__all__ = [
    "OUTCOME",
    "PLAN",
    "SPECS",
    "FigureRow",
    "MissingFigureError",
    "Spec",
    "Where",
    "assumption",
    "decimals",
    "find",
    "fmt",
    "indicator_key",
    "load_assumptions",
    "load_indicators",
    "load_regional_context",
    "require",
    "select",
    "status_note",
]

OUTCOME: tuple[str, ...] = ("actual", "estimate")
"""Statuses of a figure that reports an outcome (as opposed to a target)."""
PLAN: tuple[str, ...] = ("target",)
"""Statuses of a figure that states a plan or target."""

BOUND_WORDS = {
    "eq": "",
    "ge": "at least",
    "gt": "more than",
    "le": "at most",
    "lt": "less than",
    "approx": "about",
    "range": "in the range",
}


class MissingFigureError(LookupError):
    """A figure an analysis needs is not in the figures table."""


@dataclass(frozen=True)
class Spec:
    """How to recognise one kind of figure in any report's figures table.

    ``indicator_id``: the canonical id (``data/reference/indicators.csv``); rows carrying it
    match. Rows whose ``indicator_id`` is "" match when their ``indicator`` wording equals one
    of the id's aliases, or when ``pattern`` (a regular expression) is found in it.
    ``units``: units as written that are acceptable (empty: any). ``measure``: level,
    growth_pct or change_pp.
    """

    label: str
    indicator_id: str = ""
    pattern: str = ""
    units: tuple[str, ...] = ()
    measure: str = "level"

    def growth(self) -> Spec:
        """The same indicator's growth rate."""
        return Spec(f"{self.label} growth", self.indicator_id, self.pattern, ("%",), "growth_pct")

    def how(self) -> str:
        """How this spec matches, for error messages and notes."""
        parts = []
        if self.indicator_id:
            parts.append(f"indicator_id={self.indicator_id!r}")
        if self.pattern:
            parts.append(f"indicator ~ /{self.pattern}/")
        if self.units:
            parts.append(f"unit in {list(self.units)}")
        parts.append(f"measure={self.measure}")
        return ", ".join(parts)


def _level(
    label: str, indicator_id: str = "", pattern: str = "", units: Sequence[str] = ()
) -> Spec:
    return Spec(label, indicator_id, pattern, tuple(units))


# The figures the analyses use, by a short name. Callers may pass their own mapping (same
# keys) to adapt to a report that words a non-canonical figure differently.
SPECS: dict[str, Spec] = {
    "gdp": _level("GDP", "gdp"),
    "tertiary_value_added": _level("services (tertiary) value added", "tertiary_value_added"),
    "primary_value_added": _level("primary-sector value added", "primary_value_added"),
    "secondary_value_added": _level("secondary-sector value added", "secondary_value_added"),
    "industrial_value_added": _level(
        "industrial value added above designated size", "industrial_value_added"
    ),
    "agriculture_output": _level(
        "gross output of agriculture, forestry, animal husbandry and fishery",
        "agriculture_output",
    ),
    "industrial_output_above_scale": _level(
        "gross industrial output above designated size", "industrial_output_above_scale"
    ),
    "industrial_output": _level("gross industrial output (all industry)", "industrial_output"),
    "high_tech_output": _level("high-tech industry output", "high_tech_output"),
    "fiscal_revenue": _level("fiscal revenue", "fiscal_revenue"),
    "retail_sales": _level("retail sales of consumer goods", "retail_sales"),
    "urban_income": _level("urban per-capita disposable income", "urban_income_per_capita"),
    "rural_income": _level("rural per-capita disposable income", "rural_income_per_capita"),
    "tourist_arrivals": _level(
        "tourist arrivals", "tourist_arrivals", units=("万人次", "人次", "亿人次", "万人", "人")
    ),
    "tourism_revenue": _level("tourism revenue", "tourism_revenue"),
    "poverty_incidence": _level(
        "poverty incidence", "poverty_incidence", pattern="贫困发生率", units=("%",)
    ),
    "poverty_households": _level(
        "households lifted out of poverty", pattern="脱贫|脱困|摘帽", units=("户", "万户")
    ),
    "poverty_persons": _level(
        "persons lifted out of poverty", pattern="脱贫|脱困", units=("人", "万人")
    ),
    "projects_total": _level(
        "major projects planned", pattern=r"重大项目|重点项目|谋划|实施", units=("项", "个")
    ),
    "projects_started": _level("projects to start", pattern=r"开工|新建", units=("项", "个")),
    "projects_completed": _level(
        "projects to complete", pattern=r"竣工|建成|完工", units=("项", "个")
    ),
    "projects_continuing": _level(
        "projects continuing", pattern=r"续建|持续推进|在建|推进", units=("项", "个")
    ),
}


@dataclass(frozen=True)
class FigureRow:
    """One row of a figures table as the analyses read it, with the key (doc, start) that
    leads back to its sentence.

    Not the extractor's :class:`analysis.extraction.extract.Figure` (the record a figure is
    born as): this is a row read back from the DataFrame, with the helpers the analyses need
    (:attr:`point`, :attr:`base_value`, :attr:`clause`, :meth:`describe`).
    """

    doc: str
    start: int
    indicator: str
    indicator_id: str
    year: int
    status: str
    measure: str
    value: float
    low: float
    high: float
    unit: str
    base_unit: str
    multiplier: float
    bound: str
    context: str  # the clause the figure was read from
    section: str = ""
    sentence_id: int | None = None

    @classmethod
    def from_row(cls, row: Mapping[Hashable, Any]) -> FigureRow:
        """A figure from one row of a figures table (a dict or a Series)."""

        def num(name: str) -> float:
            v = row.get(name)
            return math.nan if v is None or pd.isna(v) else float(v)

        def text(name: str) -> str:
            v = row.get(name)
            return v if isinstance(v, str) else ""

        multiplier = num("multiplier")
        return cls(
            doc=text("doc"),
            start=int(row["start"]),
            indicator=text("indicator"),
            indicator_id=text("indicator_id"),
            year=int(row["year"]),
            status=text("status"),
            measure=text("measure"),
            value=num("value"),
            low=num("low"),
            high=num("high"),
            unit=text("unit"),
            base_unit=text("base_unit") or text("unit"),
            multiplier=1.0 if math.isnan(multiplier) else multiplier,
            bound=text("bound") or "eq",
            context=text("context"),
            section=text("section"),
            sentence_id=None if pd.isna(sid := row.get("sentence_id", None)) else int(sid),
        )

    @property
    def clause(self) -> str:
        """The part of the sentence (split at ；/;) that names this figure's indicator, so
        that a caveat in one clause is not applied to the other figures of the sentence; the
        whole sentence when the wording is not found."""
        name = re.sub(r"\s+", "", self.indicator)
        if not name:
            return self.context
        for part in re.split(r"[；;]", self.context):
            if name in re.sub(r"\s+", "", part):
                return part
        return self.context

    @property
    def point(self) -> float:
        """The stated value; for a range, its midpoint (NaN when there is no number)."""
        if not math.isnan(self.value):
            return self.value
        if not math.isnan(self.low) and not math.isnan(self.high):
            return (self.low + self.high) / 2
        return self.low if not math.isnan(self.low) else self.high

    @property
    def base_value(self) -> float:
        """The value in base units (元, 人次, 户 ...): value × multiplier."""
        return self.point * self.multiplier

    def in_unit_of(self, other: FigureRow) -> float:
        """This figure's value expressed in ``other``'s unit (same base unit assumed)."""
        return self.base_value / other.multiplier

    @property
    def is_exact(self) -> bool:
        """True when the value is a point statement (eq or approx) with a number."""
        return self.bound in ("eq", "approx") and not math.isnan(self.value)

    def describe(self) -> str:
        """A short human label: ``地区生产总值 302.4亿元 (2019 estimate)``."""
        words = BOUND_WORDS.get(self.bound, self.bound)
        if self.bound == "range":
            number = f"{fmt(self.low)}–{fmt(self.high)}{self.unit}"
        else:
            number = f"{words + ' ' if words else ''}{fmt(self.value)}{self.unit}"
        name = self.indicator or self.indicator_id
        kind = {"growth_pct": " growth", "change_pp": " change"}.get(self.measure, "")
        return f"{name}{kind} {number} ({self.year} {self.status})"


def status_note(*figures: FigureRow) -> list[str]:
    """``["estimate: <the estimated inputs>"]``, or ``[]`` when every input is an outcome."""
    est = [f.describe() for f in figures if f.status == "estimate"]
    return [f"estimate: {', '.join(est)}"] if est else []


def fmt(value: float, digits: int = 4) -> str:
    """Format a number for notes: thousands separators for large values, else ``digits``
    significant digits.

    >>> fmt(466944.4), fmt(302.4), fmt(0.29888), fmt(5.0)
    ('466,944', '302.4', '0.2989', '5')
    """
    if value is None or math.isnan(value):
        return "n/a"
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    if abs(value) >= 1000:
        return f"{value:.0f}"
    return f"{value:.{digits}g}"


def decimals(value: float) -> int:
    """Number of decimals a stated value was written with (from its shortest float repr).

    >>> decimals(5.0), decimals(4.1), decimals(0.15)
    (0, 1, 2)
    """
    if value is None or math.isnan(value):
        return 0
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    frac = text.split(".")[1].rstrip("0")
    return len(frac)


def indicator_key(indicator_id: object, indicator: object) -> str:
    """Grouping key of an indicator: its id, or its wording when it has none."""
    if isinstance(indicator_id, str) and indicator_id:
        return indicator_id
    return f"text:{indicator if isinstance(indicator, str) else ''}"


def _as_tuple(statuses: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if statuses is None:
        return None
    if isinstance(statuses, str):
        return (statuses,)
    return tuple(statuses)


class Where(TypedDict, total=False):
    """Where to look: one doc, one year, some statuses (each optional)."""

    doc: str | None
    year: int | None
    statuses: str | Iterable[str] | None


def select(figs: pd.DataFrame, spec: Spec, **where: Unpack[Where]) -> pd.DataFrame:
    """All rows matching ``spec`` (and ``doc`` / ``year`` / ``statuses`` if given), in text
    order.

    Rows with the spec's ``indicator_id`` win; only if there are none are rows without an id
    matched by wording (alias or ``pattern``) and unit.
    """
    doc, year = where.get("doc"), where.get("year")
    rows = figs
    if doc is not None:
        rows = rows[rows["doc"] == doc]
    rows = rows[rows["measure"] == spec.measure]
    if year is not None:
        rows = rows[rows["year"] == year]
    wanted = _as_tuple(where.get("statuses"))
    if wanted is not None:
        rows = rows[rows["status"].isin(list(wanted))]
    if spec.units:
        rows = rows[rows["unit"].isin(list(spec.units))]
    ids = rows["indicator_id"].fillna("").astype(str)
    hit = rows[ids == spec.indicator_id] if spec.indicator_id else rows.iloc[0:0]
    if hit.empty:
        texts = rows["indicator"].fillna("").astype(str)
        names = names_of(spec.indicator_id) if spec.indicator_id else frozenset()
        by_text = texts.isin(list(names))
        if spec.pattern:
            by_text = by_text | texts.str.contains(spec.pattern, regex=True)
        hit = rows[(ids == "") & by_text]
    return hit.sort_values(["doc", "start"], kind="stable")


def find(figs: pd.DataFrame, spec: Spec, **where: Unpack[Where]) -> FigureRow | None:
    """The first matching figure in text order (see :func:`select`), or None."""
    rows = select(figs, spec, **where)
    if rows.empty:
        return None
    return FigureRow.from_row(rows.iloc[0].to_dict())


def require(figs: pd.DataFrame, spec: Spec, **where: Unpack[Where]) -> FigureRow:
    """Like :func:`find`, but raise :class:`MissingFigureError` with what was looked for."""
    fig = find(figs, spec, **where)
    if fig is None:
        doc, year = where.get("doc"), where.get("year")
        said = [f"doc={doc!r}" if doc else "any doc"]
        if year is not None:
            said.append(f"year={year}")
        wanted = _as_tuple(where.get("statuses"))
        if wanted:
            said.append(f"status in {list(wanted)}")
        raise MissingFigureError(
            f"no figure for {spec.label} ({spec.how()}) with {', '.join(said)}"
        )
    return fig


# --- reference tables -------------------------------------------------------------------


def _read_reference(name: str) -> pd.DataFrame:
    path = reference_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"reference table {name} not found in {reference_dir()}")
    return pd.read_csv(path, dtype={"period": str})


_INDICATOR_COLUMNS = ("indicator_id", "name_zh", "name_en", "aliases", "default_unit", "source")


def load_indicators() -> pd.DataFrame:
    """``data/reference/indicators.csv`` as a frame: canonical ids, names and aliases.

    Read through :func:`analysis.extraction.indicators.vocabulary`, the one reader of it.
    """
    from ..extraction.indicators import vocabulary

    rows = [{"indicator_id": v.id, "name_zh": v.name_zh, "name_en": v.name_en,
             "aliases": "|".join(v.aliases), "default_unit": v.default_unit,
             "source": v.source} for v in vocabulary().values()]
    return pd.DataFrame(rows)


def load_assumptions() -> pd.DataFrame:
    """``data/reference/assumptions.csv``: name, value, low, high, unit, source, rationale."""
    table = _read_reference("assumptions.csv")
    missing = {"name", "value", "low", "high", "unit", "source", "rationale"} - set(table.columns)
    if missing:
        raise ValueError(f"assumptions.csv lacks columns {sorted(missing)}")
    return table


def load_regional_context() -> pd.DataFrame:
    """``data/reference/regional_context.csv``: outcomes and targets of other places, with
    ``source`` and ``url``."""
    return _read_reference("regional_context.csv")


def assumption(
    name: str, assumptions: pd.DataFrame | None = None
) -> tuple[float, float, float, str]:
    """(value, low, high, source and rationale) of one named assumption."""
    table = load_assumptions() if assumptions is None else assumptions
    rows = table[table["name"] == name]
    if rows.empty:
        raise KeyError(f"assumption {name!r} not found (have: {sorted(table['name'])})")
    row = rows.iloc[0]
    value = float(row["value"])
    low = float(row["low"]) if pd.notna(row["low"]) else value
    high = float(row["high"]) if pd.notna(row["high"]) else value
    source = "; ".join(
        str(row[c]) for c in ("source", "rationale") if c in row.index and pd.notna(row[c])
    )
    return value, low, high, source


def clause_has(fig: FigureRow | None, pattern: str) -> bool:
    """True when the figure's clause (see :attr:`FigureRow.clause`) matches ``pattern``."""
    return fig is not None and bool(re.search(pattern, fig.clause))
