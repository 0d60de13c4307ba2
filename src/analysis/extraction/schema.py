"""Column definitions of the figures table and its validation (pandera, a dev dependency)."""

from __future__ import annotations

from typing import Any

STATUSES = ("actual", "estimate", "target")
MEASURES = ("level", "growth_pct", "change_pp", "avg_growth_pct", "change", "relative_pp",
            "relative_pct", "relative", "multiple")
BOUNDS = ("eq", "ge", "gt", "le", "lt", "approx", "range")

COLUMN_DOCS: dict[str, str] = {
    "doc": "the source file's stem",
    "indicator": "what is measured, as the report names it (normalized, simplified)",
    "indicator_id": "canonical id from data/reference/indicators.csv, '' when none applies",
    "year": "the reference year the figure is about",
    "status": "actual | estimate (预计/初步核算 …) | target (the plan part, 力争/计划/目标)",
    "measure": "level | growth_pct (增长 X% -> X, 下降 X% -> -X) | change_pp (百分点, signed) | "
               "avg_growth_pct (年均增长 over period_start..period_end) | change (比上年增加11家: "
               "an absolute change, signed) | relative_pp / relative_pct / relative (高于全市平均"
               "水平0.8个百分点: a difference from `reference`, signed) | multiple (翻一番 -> 2)",
    "value": "the number as stated (signed for growth); empty for a range",
    "low": "lower bound (ge/gt) or a range's low end; never a midpoint",
    "high": "upper bound (le/lt) or a range's high end",
    "unit": "unit as written after normalization (亿元, %, 个百分点, 万人次, 户)",
    "base_unit": "the unit without its magnitude (元, %, 百分点, 人次, 户)",
    "multiplier": "power of ten of the magnitude (亿 -> 1e8, 万 -> 1e4)",
    "bound": "eq | ge (以上/不低于) | gt (突破/超过/多/余) | le (以内/以下/控制在) | lt | "
             "approx (左右/约/近) | range",
    "start": "raw character offset where the quantity starts; (doc, start, indicator) is the "
             "figure's key (均 gives one quantity to several indicators)",
    "end": "raw character offset where it ends (exclusive)",
    "quote": "raw[start:end], the exact source text",
    "section": "id of the outline section it sits in (1.2 = part 一, section （二）)",
    "section_title": "that section's title",
    "part": "review | plan | empty: the part of the report the figure belongs to",
    "sentence_id": "index of its sentence in Report.sentences() (empty for appendix cells)",
    "context": "the clause it was read from (normalized, at most 160 characters)",
    "period_start": "first year of a figure over several years: avg_growth_pct (2021—2025年, "
                    "“十四五”, 过去五年), or the stated base of a change (比2020年, 较“十三五”末)",
    "period_end": "last year of that period (also the figure's year); empty for one year",
    "reference": "relative_*: what the figure is compared with (全市平均水平, 全国), else ''",
    "headline": "True when its sentence is in the passage of main expected targets (主要预期"
                "目标是：…, the rest of that paragraph and the list right after it)",
}


def figure_schema() -> Any:
    """A pandera DataFrameSchema of the figures table (imports pandera lazily)."""
    import pandera.pandas as pa

    def isin(values: tuple[str, ...]) -> Any:
        return pa.Check.isin(list(values))

    return pa.DataFrameSchema(
        {
            "doc": pa.Column(str),
            "indicator": pa.Column(str, pa.Check.str_length(min_value=1)),
            "indicator_id": pa.Column(str),
            "year": pa.Column("Int64", pa.Check.in_range(1949, 2100), nullable=True),
            "status": pa.Column(str, isin(STATUSES)),
            "measure": pa.Column(str, isin(MEASURES)),
            "value": pa.Column(float, nullable=True),
            "low": pa.Column(float, nullable=True),
            "high": pa.Column(float, nullable=True),
            "unit": pa.Column(str, pa.Check.str_length(min_value=1)),
            "base_unit": pa.Column(str),
            "multiplier": pa.Column(float, pa.Check.gt(0)),
            "bound": pa.Column(str, isin(BOUNDS)),
            "start": pa.Column(int, pa.Check.ge(0)),
            "end": pa.Column(int),
            "quote": pa.Column(str, pa.Check.str_length(min_value=1)),
            "section": pa.Column(str, nullable=True),
            "section_title": pa.Column(str, nullable=True),
            "part": pa.Column(str, nullable=True),
            "sentence_id": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "context": pa.Column(str),
            "period_start": pa.Column("Int64", nullable=True),
            "period_end": pa.Column("Int64", nullable=True),
            "reference": pa.Column(str),
            "headline": pa.Column(bool),
        },
        checks=[
            pa.Check(lambda df: df["end"] > df["start"], name="end after start"),
            pa.Check(lambda df: (df["bound"] == "range") == df["value"].isna(),
                     name="a range has no value and only a range"),
            pa.Check(lambda df: (df["bound"] != "range") | (df["low"] < df["high"]),
                     name="range low < high"),
        ],
        strict=True,
        ordered=True,
    )
