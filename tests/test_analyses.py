"""Tests of analysis.analyses on small synthetic figures tables.

Expected numbers are hand arithmetic on what the text says (written in the comments), not
copies of the functions' output. Two tables: the Liujiang 2020 report as read by hand, and an
invented county's 2023 report (2022 estimates, 2023 targets) with different numbers, to show
that nothing about Liujiang is hard-coded.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.analyses import (
    composition_sensitivity,
    consistency_checks,
    context_comparison,
    derived_ratios,
    implied_base,
    load_assumptions,
    pp_changes,
    sector_composition,
    target_feasibility,
    target_setting_model,
)
from analysis.analyses.lookup import SPECS, MissingFigureError, Spec, find, require
from analysis.analyses.ratios import RATIOS, industry_ratios, ratio

FIG_COLUMNS = [
    "doc", "indicator", "indicator_id", "year", "status", "measure", "value", "low", "high",
    "unit", "base_unit", "multiplier", "bound", "start", "end", "quote", "section",
    "section_title", "part", "sentence_id", "context",
]  # fmt: skip

UNITS = {
    "亿元": (1e8, "元"),
    "万元": (1e4, "元"),
    "元": (1.0, "元"),
    "%": (1.0, "%"),
    "个百分点": (1.0, "百分点"),
    "万人次": (1e4, "人次"),
    "户": (1.0, "户"),
    "人": (1.0, "人"),
    "项": (1.0, "项"),
    "个": (1.0, "个"),
}

# (indicator, indicator_id, year, status, measure, value, unit, bound[, low, high])
Row = tuple


def make_table(doc: str, sentences: list[tuple[str, list[Row]]]) -> pd.DataFrame:
    """A figures table with the extractor's columns; starts increase in text order."""
    records = []
    pos = 0
    for sentence_id, (sentence, rows) in enumerate(sentences):
        for row in rows:
            indicator, ind_id, year, status, measure, value, unit, bound, *rng = row
            low, high = [*rng, math.nan, math.nan][:2]
            if bound in ("ge", "gt"):
                low = value
            elif bound in ("le", "lt"):
                high = value
            mult, base = UNITS[unit]
            pos += 10
            records.append(
                {
                    "doc": doc,
                    "indicator": indicator,
                    "indicator_id": ind_id,
                    "year": year,
                    "status": status,
                    "measure": measure,
                    "value": value,
                    "low": low,
                    "high": high,
                    "unit": unit,
                    "base_unit": base,
                    "multiplier": mult,
                    "bound": bound,
                    "start": pos,
                    "end": pos + 5,
                    "quote": f"{value}{unit}",
                    "section": "1" if status != "target" else "2",
                    "section_title": "",
                    "part": "review" if status != "target" else "plan",
                    "sentence_id": sentence_id,
                    "context": sentence,
                }
            )
        pos += 50
    return pd.DataFrame(records, columns=FIG_COLUMNS)


A, E, T = "actual", "estimate", "target"
L, G, P = "level", "growth_pct", "change_pp"
NAN = math.nan

# fmt: off
LIUJIANG = make_table(
    "liujiang",
    [
        (
            "初步预计，2019年全区完成地区生产总值302.4亿元，增长5%；规模以上工业增加值107.6亿元，"
            "实现正增长；财政收入24亿元，增长4.1%（剔除划出的4个镇不可比因素）；固定资产投资增长13%；"
            "社会消费品零售总额60.7亿元，增长10%。",
            [
                ("地区生产总值", "gdp", 2019, E, L, 302.4, "亿元", "eq"),
                ("地区生产总值", "gdp", 2019, E, G, 5.0, "%", "eq"),
                ("规模以上工业增加值", "industrial_value_added", 2019, E, L, 107.6, "亿元", "eq"),
                ("财政收入", "fiscal_revenue", 2019, E, L, 24.0, "亿元", "eq"),
                ("财政收入", "fiscal_revenue", 2019, E, G, 4.1, "%", "eq"),
                ("固定资产投资", "fixed_asset_investment", 2019, E, G, 13.0, "%", "eq"),
                ("社会消费品零售总额", "retail_sales", 2019, E, L, 60.7, "亿元", "eq"),
                ("社会消费品零售总额", "retail_sales", 2019, E, G, 10.0, "%", "eq"),
            ],
        ),
        (
            "环境空气优良率88.6%，比去年同期提升7.1个百分点。",
            [
                ("环境空气优良率", "air_quality_good_rate", 2019, A, L, 88.6, "%", "eq"),
                ("环境空气优良率", "air_quality_good_rate", 2019, A, P, 7.1, "个百分点", "eq"),
            ],
        ),
        (
            "全年共1379户4309人实现脱贫、4个贫困村摘帽，全区贫困发生率由1.08%下降至0.15%。",
            [
                ("实现脱贫", "", 2019, A, L, 1379.0, "户", "eq"),
                ("实现脱贫", "", 2019, A, L, 4309.0, "人", "eq"),
                ("贫困发生率", "poverty_incidence", 2018, A, L, 1.08, "%", "eq"),
                ("贫困发生率", "poverty_incidence", 2019, A, L, 0.15, "%", "eq"),
            ],
        ),
        (
            "城镇居民可支配收入37522元，同比增长7%；农村居民人均可支配收入15090元，同比增长10%。",
            [
                ("城镇居民可支配收入", "urban_income_per_capita", 2019, A, L, 37522.0, "元", "eq"),
                ("城镇居民可支配收入", "urban_income_per_capita", 2019, A, G, 7.0, "%", "eq"),
                ("农村居民人均可支配收入", "rural_income_per_capita", 2019, A, L, 15090.0, "元", "eq"),  # noqa: E501
                ("农村居民人均可支配收入", "rural_income_per_capita", 2019, A, G, 10.0, "%", "eq"),
            ],
        ),
        (
            "全区实现高新技术产业产值达220亿元，同比增长13%。",
            [
                ("高新技术产业产值", "high_tech_output", 2019, A, L, 220.0, "亿元", "eq"),
                ("高新技术产业产值", "high_tech_output", 2019, A, G, 13.0, "%", "eq"),
            ],
        ),
        (
            "预计完成规模以上工业总产值360亿元，工业总产值达394.6亿元。",
            [
                ("规模以上工业总产值", "industrial_output_above_scale", 2019, E, L, 360.0, "亿元", "eq"),  # noqa: E501
                ("工业总产值", "industrial_output", 2019, E, L, 394.6, "亿元", "eq"),
            ],
        ),
        (
            "预计完成农林牧渔业总产值83.7亿元，增长5.2％。",
            [
                ("农林牧渔业总产值", "agriculture_output", 2019, E, L, 83.7, "亿元", "eq"),
                ("农林牧渔业总产值", "agriculture_output", 2019, E, G, 5.2, "%", "eq"),
            ],
        ),
        (
            "全区接待游客454万人次，增长37%，实现旅游收入47亿元，增长42%。",
            [
                ("接待游客", "tourist_arrivals", 2019, A, L, 454.0, "万人次", "eq"),
                ("接待游客", "tourist_arrivals", 2019, A, G, 37.0, "%", "eq"),
                ("旅游收入", "tourism_revenue", 2019, A, L, 47.0, "亿元", "eq"),
                ("旅游收入", "tourism_revenue", 2019, A, G, 42.0, "%", "eq"),
            ],
        ),
        (
            "预计完成服务业增加值119.1亿元，增长9%。",
            [
                ("服务业增加值", "tertiary_value_added", 2019, E, L, 119.1, "亿元", "eq"),
                ("服务业增加值", "tertiary_value_added", 2019, E, G, 9.0, "%", "eq"),
            ],
        ),
        (
            "地区生产总值增长6.5%以上，规模以上工业增加值增长5%以上，固定资产投资增长13%，"
            "财政收入增长3.5%以上，社会消费品零售总额增长9%，城镇居民人均可支配收入增长7%，"
            "农村居民人均可支配收入增长9%。",
            [
                ("地区生产总值", "gdp", 2020, T, G, 6.5, "%", "ge"),
                ("规模以上工业增加值", "industrial_value_added", 2020, T, G, 5.0, "%", "ge"),
                ("固定资产投资", "fixed_asset_investment", 2020, T, G, 13.0, "%", "eq"),
                ("财政收入", "fiscal_revenue", 2020, T, G, 3.5, "%", "ge"),
                ("社会消费品零售总额", "retail_sales", 2020, T, G, 9.0, "%", "eq"),
                ("城镇居民人均可支配收入", "urban_income_per_capita", 2020, T, G, 7.0, "%", "eq"),
                ("农村居民人均可支配收入", "rural_income_per_capita", 2020, T, G, 9.0, "%", "eq"),
            ],
        ),
        (
            "谋划实施180项重大项目建设，年内计划投资120.5亿元，实现开工项目25项，竣工26项，"
            "持续推进57项。",
            [
                ("重大项目", "", 2020, T, L, 180.0, "项", "eq"),
                ("计划投资", "", 2020, T, L, 120.5, "亿元", "eq"),
                ("开工项目", "", 2020, T, L, 25.0, "项", "eq"),
                ("竣工", "", 2020, T, L, 26.0, "项", "eq"),
                ("持续推进", "", 2020, T, L, 57.0, "项", "eq"),
            ],
        ),
        (
            "全面完成余下277户734人脱贫任务。",
            [
                ("脱贫任务", "", 2020, T, L, 277.0, "户", "eq"),
                ("脱贫任务", "", 2020, T, L, 734.0, "人", "eq"),
            ],
        ),
    ],
)

# An invented county's 2023 report: 2022 estimates, 2023 targets, different wording.
OTHER = make_table(
    "chengchuan-2023",
    [
        (
            "预计全年地区生产总值250亿元，增长4%；服务业增加值110亿元，增长6%；"
            "规上工业增加值80亿元，增长5%；农林牧渔业总产值60亿元，增长4%。",
            [
                ("地区生产总值", "gdp", 2022, E, L, 250.0, "亿元", "eq"),
                ("地区生产总值", "gdp", 2022, E, G, 4.0, "%", "eq"),
                ("服务业增加值", "tertiary_value_added", 2022, E, L, 110.0, "亿元", "eq"),
                ("服务业增加值", "tertiary_value_added", 2022, E, G, 6.0, "%", "eq"),
                ("规上工业增加值", "industrial_value_added", 2022, E, L, 80.0, "亿元", "eq"),
                ("规上工业增加值", "industrial_value_added", 2022, E, G, 5.0, "%", "eq"),
                ("农林牧渔业总产值", "agriculture_output", 2022, E, L, 60.0, "亿元", "eq"),
                ("农林牧渔业总产值", "agriculture_output", 2022, E, G, 4.0, "%", "eq"),
            ],
        ),
        (
            "财政总收入20亿元，同口径增长8%；社会消费品零售总额100亿元，增长5%。",
            [
                ("财政总收入", "fiscal_revenue", 2022, E, L, 20.0, "亿元", "eq"),
                ("财政总收入", "fiscal_revenue", 2022, E, G, 8.0, "%", "eq"),
                ("社会消费品零售总额", "retail_sales", 2022, E, L, 100.0, "亿元", "eq"),
                ("社会消费品零售总额", "retail_sales", 2022, E, G, 5.0, "%", "eq"),
            ],
        ),
        (
            # id left empty on purpose: found through the aliases in indicators.csv
            "城镇常住居民人均可支配收入40000元，增长5%；农村常住居民人均可支配收入20000元，增长8%。",
            [
                ("城镇常住居民人均可支配收入", "", 2022, A, L, 40000.0, "元", "eq"),
                ("城镇常住居民人均可支配收入", "", 2022, A, G, 5.0, "%", "eq"),
                ("农村常住居民人均可支配收入", "", 2022, A, L, 20000.0, "元", "eq"),
                ("农村常住居民人均可支配收入", "", 2022, A, G, 8.0, "%", "eq"),
            ],
        ),
        (
            "接待游客500万人次，增长25%；旅游总收入40亿元，增长30%。",
            [
                ("接待游客", "", 2022, A, L, 500.0, "万人次", "eq"),
                ("接待游客", "", 2022, A, G, 25.0, "%", "eq"),
                ("旅游总收入", "", 2022, A, L, 40.0, "亿元", "eq"),
                ("旅游总收入", "", 2022, A, G, 30.0, "%", "eq"),
            ],
        ),
        (
            "规上工业总产值300亿元，工业总产值330亿元，高新技术产业产值99亿元。",
            [
                ("规上工业总产值", "", 2022, A, L, 300.0, "亿元", "eq"),
                ("工业总产值", "", 2022, A, L, 330.0, "亿元", "eq"),
                ("高新技术产业产值", "", 2022, A, L, 99.0, "亿元", "eq"),
            ],
        ),
        (
            "空气质量优良天数比例92.5%，提高1.5个百分点；城镇登记失业率由3.2%下降至3.0%。",
            [
                ("空气质量优良天数比例", "", 2022, A, L, 92.5, "%", "eq"),
                ("空气质量优良天数比例", "", 2022, A, P, 1.5, "个百分点", "eq"),
                ("城镇登记失业率", "unemployment_rate", 2021, A, L, 3.2, "%", "eq"),
                ("城镇登记失业率", "unemployment_rate", 2022, A, L, 3.0, "%", "eq"),
            ],
        ),
        (
            "地区生产总值增长6%以上，规上工业增加值增长7%左右，财政总收入增长6%以上，"
            "社会消费品零售总额增长6.5%-7%，城乡居民人均可支配收入分别增长5%和7%，固定资产投资增长10%。",
            [
                ("地区生产总值", "gdp", 2023, T, G, 6.0, "%", "ge"),
                ("规上工业增加值", "industrial_value_added", 2023, T, G, 7.0, "%", "approx"),
                ("财政总收入", "fiscal_revenue", 2023, T, G, 6.0, "%", "ge"),
                ("社会消费品零售总额", "retail_sales", 2023, T, G, NAN, "%", "range", 6.5, 7.0),
                ("城镇居民人均可支配收入", "urban_income_per_capita", 2023, T, G, 5.0, "%", "eq"),
                ("农村居民人均可支配收入", "rural_income_per_capita", 2023, T, G, 7.0, "%", "eq"),
                ("固定资产投资", "fixed_asset_investment", 2023, T, G, 10.0, "%", "eq"),
            ],
        ),
        (
            "全年实施重点项目120个，其中新开工40个、竣工30个、续建50个。",
            [
                ("重点项目", "", 2023, T, L, 120.0, "个", "eq"),
                ("新开工", "", 2023, T, L, 40.0, "个", "eq"),
                ("竣工", "", 2023, T, L, 30.0, "个", "eq"),
                ("续建", "", 2023, T, L, 50.0, "个", "eq"),
            ],
        ),
    ],
)

OTHER_CONTEXT = pd.DataFrame(
    [
        ("泺北省", "Luobei", "province", "gdp", "2023", "actual", "growth_pct", 5.0, "%", "eq"),
        ("梧原市", "Wuyuan", "city", "gdp", "2023", "actual", "growth_pct", 4.5, "%", "eq"),
        ("霁山区", "Jishan", "district", "gdp", "2022", "actual", "growth_pct", 3.5, "%", "eq"),
        ("霁山区", "Jishan", "district", "gdp", "2022", "actual", "level", 125.0, "亿元", "eq"),
        ("霁山区", "Jishan", "district", "gdp", "2022H1", "actual", "level", 60.0, "亿元", "eq"),
    ],
    columns=["entity", "entity_en", "level", "indicator_id", "period", "status", "measure",
             "value", "unit", "bound"],
).assign(source="invented for tests", url="https://example.invalid/")
# fmt: on


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    rows = frame
    for col, val in where.items():
        rows = rows[rows[col] == val]
    assert len(rows) == 1, f"{len(rows)} rows for {where}:\n{frame}"
    return rows.iloc[0]


def start_of(table: pd.DataFrame, indicator_id: str, year: int, measure: str) -> int:
    return int(one(table, indicator_id=indicator_id, year=year, measure=measure)["start"])


# --- lookup -------------------------------------------------------------------------------


def test_lookup_by_id_alias_pattern_and_missing() -> None:
    gdp = require(LIUJIANG, SPECS["gdp"], doc="liujiang", year=2019, statuses=("estimate",))
    assert (gdp.value, gdp.unit, gdp.start) == (302.4, "亿元", start_of(LIUJIANG, "gdp", 2019, L))
    # no id, but the wording is an alias of urban_income_per_capita in indicators.csv
    urban = require(OTHER, SPECS["urban_income"], doc="chengchuan-2023", year=2022)
    assert urban.value == 40000
    # no id and no alias: wording pattern + unit (户 vs 人 picks the right figure)
    persons = require(LIUJIANG, SPECS["poverty_persons"], statuses=("actual",))
    households = require(LIUJIANG, SPECS["poverty_households"], statuses=("actual",))
    assert (persons.value, households.value) == (4309, 1379)
    assert find(OTHER, SPECS["poverty_persons"]) is None
    with pytest.raises(MissingFigureError, match="persons lifted out of poverty"):
        require(OTHER, SPECS["poverty_persons"], doc="chengchuan-2023")
    # rows with another id are never matched by wording
    assert find(LIUJIANG, Spec("x", pattern="工业总产值")) is None


# --- growth -------------------------------------------------------------------------------


def test_implied_base_liujiang() -> None:
    out = implied_base(LIUJIANG)
    gdp = one(out, indicator_id="gdp")
    assert gdp["implied_base"] == pytest.approx(288.0, abs=0.05)  # 302.4 / 1.05 = 288.0
    assert gdp["unit"] == "亿元" and gdp["base_year"] == 2018
    assert "2019 prices" in gdp["basis"] and "real" in gdp["note"]
    # 5% could be 4.5–5.5%: 302.4/1.055 = 286.64, 302.4/1.045 = 289.38
    assert gdp["implied_base_low"] == pytest.approx(286.64, abs=0.01)
    assert gdp["implied_base_high"] == pytest.approx(289.38, abs=0.01)
    assert gdp["level_start"] == start_of(LIUJIANG, "gdp", 2019, L)
    assert gdp["growth_start"] == start_of(LIUJIANG, "gdp", 2019, G)
    fiscal = one(out, indicator_id="fiscal_revenue")
    assert fiscal["implied_base"] == pytest.approx(24 / 1.041)  # 23.055
    assert "comparable scope" in fiscal["note"] and fiscal["basis"] == "comparable scope"
    retail = one(out, indicator_id="retail_sales")
    assert retail["implied_base"] == pytest.approx(55.18, abs=0.005)  # 60.7 / 1.10
    assert retail["basis"] == "nominal"
    urban = one(out, indicator_id="urban_income_per_capita")
    assert urban["implied_base"] == pytest.approx(35067.3, abs=0.05)  # 37522 / 1.07
    tourism = one(out, indicator_id="tourist_arrivals")
    assert tourism["implied_base"] == pytest.approx(331.39, abs=0.01)  # 454 / 1.37
    # no growth number for above-scale industrial VA, none for investment's level
    assert "industrial_value_added" not in set(out["indicator_id"])
    assert "fixed_asset_investment" not in set(out["indicator_id"])


def test_derived_ratios_liujiang() -> None:
    out = derived_ratios(LIUJIANG)
    spend = one(out, ratio="tourism revenue per visit")
    assert spend["value"] == pytest.approx(1035.24, abs=0.01)  # 47e8 / 454e4
    assert spend["unit"] == "元/人次"
    assert set(spend["sources"]) == {
        start_of(LIUJIANG, "tourism_revenue", 2019, L),
        start_of(LIUJIANG, "tourist_arrivals", 2019, L),
    }
    growth = one(out, ratio="growth of tourism revenue per visit")
    assert growth["value"] == pytest.approx(3.65, abs=0.01)  # 1.42/1.37 − 1 = 3.650%
    income = one(out, ratio="urban/rural income ratio")
    assert round(income["value"], 2) == 2.49  # 37522 / 15090 = 2.4865
    prev = one(out, ratio="urban/rural income ratio (implied previous year)")
    assert prev["year"] == 2018
    assert prev["value"] == pytest.approx(2.5563, abs=1e-4)  # 2.4865 × 1.10 / 1.07
    assert len(prev["sources"]) == 4
    va = one(out, ratio="industrial value added / gross output (above designated size)")
    assert va["value"] == pytest.approx(29.89, abs=0.01)  # 107.6 / 360
    tech = one(out, ratio="high-tech share of gross industrial output")
    assert tech["value"] == pytest.approx(55.75, abs=0.01)  # 220 / 394.6
    assert "工业总产值" in tech["note"]
    assert one(out, ratio="services value added / GDP")["value"] == pytest.approx(
        39.38, abs=0.01
    )  # 119.1 / 302.4


def test_pp_changes_liujiang() -> None:
    out = pp_changes(LIUJIANG)
    pov = one(out, indicator_id="poverty_incidence")
    assert pov["kind"] == "two levels"
    assert pov["change_pp"] == pytest.approx(-0.93)  # 0.15 − 1.08 percentage points
    assert pov["relative_change_pct"] == pytest.approx(-86.11, abs=0.01)  # not the pp change
    assert pov["unit"] == "百分点"
    assert (pov["from_year"], pov["to_year"]) == (2018, 2019)
    air = one(out, indicator_id="air_quality_good_rate")
    assert air["kind"] == "stated" and air["change_pp"] == 7.1
    assert air["from_value"] == pytest.approx(81.5)  # 88.6 − 7.1
    assert air["change_start"] == start_of(LIUJIANG, "air_quality_good_rate", 2019, P)


# --- feasibility --------------------------------------------------------------------------


def test_target_feasibility_liujiang() -> None:
    out = target_feasibility(LIUJIANG)
    assert len(out) == 7
    gdp = one(out, indicator_id="gdp")
    assert gdp["gap_pp"] == pytest.approx(1.5)  # 6.5 − 5
    assert round(gdp["implied_level"], 1) == 322.1  # 302.4 × 1.065 = 322.056
    assert gdp["implied_level_kind"] == "floor" and gdp["bound"] == "ge"
    assert "at least" in gdp["bound_words"] and gdp["unit"] == "亿元"
    assert "2019 prices" in gdp["basis"]
    assert gdp["target_start"] == start_of(LIUJIANG, "gdp", 2020, G)
    assert gdp["previous_level_start"] == start_of(LIUJIANG, "gdp", 2019, L)
    assert one(out, indicator_id="retail_sales")["gap_pp"] == pytest.approx(-1.0)  # 9 − 10
    retail = one(out, indicator_id="retail_sales")
    assert retail["implied_level"] == pytest.approx(66.163)  # 60.7 × 1.09
    assert one(out, indicator_id="fiscal_revenue")["gap_pp"] == pytest.approx(-0.6)  # 3.5 − 4.1
    assert one(out, indicator_id="rural_income_per_capita")["gap_pp"] == pytest.approx(-1.0)
    assert one(out, indicator_id="urban_income_per_capita")["gap_pp"] == pytest.approx(0.0)
    fai = one(out, indicator_id="fixed_asset_investment")
    assert fai["gap_pp"] == pytest.approx(0.0) and math.isnan(fai["implied_level"])
    assert "no 2019 level" in fai["note"]
    ind = one(out, indicator_id="industrial_value_added")
    assert math.isnan(ind["gap_pp"]) and pd.isna(ind["previous_growth_start"])
    assert ind["implied_level"] == pytest.approx(112.98)  # 107.6 × 1.05
    assert "designated size" in ind["note"]


def test_target_setting_model_liujiang() -> None:
    out = target_setting_model(LIUJIANG)
    assert list(out["term"]) == ["const", "previous_growth_pct"]
    # pairs (previous, target): (5, 6.5) (4.1, 3.5) (13, 13) (10, 9) (7, 7) (10, 9); above-scale
    # industry has no numeric 2019 growth
    assert set(out["n"]) == {6}
    x = np.array([5, 4.1, 13, 10, 7, 10])
    y = np.array([6.5, 3.5, 13, 9, 7, 9])
    slope, const = np.polyfit(x, y, 1)
    row = one(out, term="previous_growth_pct")
    assert row["coef"] == pytest.approx(slope)
    assert row["ci_low"] < row["coef"] < row["ci_high"]
    assert one(out, term="const")["coef"] == pytest.approx(const)
    assert "too imprecise to conclude" in row["note"]
    assert len(row["sources"]) == 12


def test_context_comparison_liujiang_reference_table() -> None:
    out = context_comparison(LIUJIANG)
    gx = one(out, indicator_id="gdp", entity_en="Guangxi", period="2020")
    assert gx["difference"] == pytest.approx(2.8)  # 6.5 target − 3.7 outcome
    assert "COVID-19" in gx["note"] and gx["url"].startswith("http")
    lz = one(out, indicator_id="gdp", entity_en="Liuzhou", period="2020")
    assert lz["difference"] == pytest.approx(5.0)  # 6.5 − 1.5
    lc = one(out, indicator_id="gdp", entity_en="Liucheng County (Liuzhou)", measure="growth_pct")
    assert lc["own_year"] == 2019 and lc["difference"] == pytest.approx(-0.3)  # 5 − 5.3
    lc_level = one(out, indicator_id="gdp", entity_en="Liucheng County (Liuzhou)", measure="level")
    assert lc_level["ratio"] == pytest.approx(302.4 / 161.3)
    assert {"source", "url"} <= set(out.columns)
    assert out["own_start"].notna().all()


# --- composition --------------------------------------------------------------------------


def test_sector_composition_liujiang() -> None:
    out = sector_composition(LIUJIANG)
    sectors = out[out["kind"] == "sector"].set_index("component")
    # primary 83.7 × 0.6 = 50.22 → 16.61%; tertiary 119.1 → 39.38%; secondary 133.08 → 44.01%
    assert sectors.loc["primary", "value"] == pytest.approx(50.22)
    assert sectors.loc["primary", "share_pct"] == pytest.approx(16.61, abs=0.01)
    assert sectors.loc["tertiary", "share_pct"] == pytest.approx(39.38, abs=0.01)
    assert sectors.loc["secondary", "value"] == pytest.approx(133.08)
    assert sectors["share_pct"].sum() == pytest.approx(100.0)
    assert list(sectors["basis"]) == ["estimated", "residual", "stated"]
    # range 0.55–0.65: primary 46.035–54.405
    assert sectors.loc["primary", "low"] == pytest.approx(46.035)
    assert sectors.loc["primary", "high"] == pytest.approx(54.405)
    assert "ASSUMPTION" in sectors.loc["primary", "note"]
    rest = one(out, component="secondary: construction and other industry")
    assert rest["value"] == pytest.approx(25.48)  # 133.08 − 107.6
    assert (out["unit"] == "亿元").all()


def test_composition_sensitivity_and_industry() -> None:
    out = composition_sensitivity(LIUJIANG, [0.5, 0.6, 0.7])
    assert len(out) == 9
    for _, grid in out.groupby("agri_va_ratio"):
        assert grid["share_pct"].sum() == pytest.approx(100.0)
    primary = out[out["component"] == "primary"].set_index("agri_va_ratio")["value"]
    assert primary[0.7] == pytest.approx(58.59)  # 83.7 × 0.7
    assert "outside" in one(out, agri_va_ratio=0.7, component="primary")["note"]
    ind = industry_ratios(LIUJIANG)
    assert one(ind, ratio="above-scale share of gross industrial output")["value"] == (
        pytest.approx(91.23, abs=0.01)  # 360 / 394.6
    )


def synthetic_composition(
    gdp: float, tertiary: float, agri: float, industry: float
) -> pd.DataFrame:
    # fmt: off
    return make_table(
        "x",
        [
            (
                "",
                [
                    ("地区生产总值", "gdp", 2030, A, L, gdp, "亿元", "eq"),
                    ("服务业增加值", "tertiary_value_added", 2030, A, L, tertiary, "亿元", "eq"),
                    ("农林牧渔业总产值", "agriculture_output", 2030, A, L, agri, "亿元", "eq"),
                    ("规上工业增加值", "industrial_value_added", 2030, A, L, industry, "亿元", "eq"),  # noqa: E501
                ],
            )
        ],
    )
    # fmt: on


@settings(max_examples=60, deadline=None)
@given(
    ratio=st.floats(min_value=0.55, max_value=0.65),
    tertiary=st.floats(min_value=0.1, max_value=5000),
    agri=st.floats(min_value=0.1, max_value=5000),
    industry=st.floats(min_value=0.0, max_value=5000),
    extra=st.floats(min_value=0.0, max_value=5000),
)
def test_shares_sum_to_100(
    ratio: float, tertiary: float, agri: float, industry: float, extra: float
) -> None:
    # any positive GDP at least as large as the stated parts (primary at the top of the range)
    gdp = tertiary + industry + agri * 0.65 + extra
    table = synthetic_composition(gdp, tertiary, agri, industry)
    out = sector_composition(table, agri_va_ratio=ratio)
    sectors = out[out["kind"] == "sector"]
    assert sectors["share_pct"].sum() == pytest.approx(100.0, abs=1e-9)
    assert (sectors["share_pct"] >= -1e-9).all()
    # low/high are each component's bounds under the assumption range, not one scenario
    assert (sectors["share_low"] <= sectors["share_pct"] + 1e-9).all()
    assert (sectors["share_pct"] <= sectors["share_high"] + 1e-9).all()


def test_assumptions_documented() -> None:
    table = load_assumptions()
    row = one(table, name="agriculture_value_added_ratio")
    assert row["low"] <= row["value"] <= row["high"]
    assert (row["low"], row["high"]) == (0.55, 0.65)
    assert table["source"].notna().all() and table["rationale"].notna().all()
    assert "ASSUMPTION" in row["source"]


# --- checks -------------------------------------------------------------------------------


def test_consistency_checks_liujiang() -> None:
    out = consistency_checks(LIUJIANG)
    proj = one(out, check="projects: started + completed + continuing = planned total")
    assert proj["result"] == 108  # 25 + 26 + 57
    assert proj["verdict"] == "inconsistent" and "= 72 planned projects" in proj["note"]
    assert len(proj["sources"]) == 4
    base = one(out, check="poverty: registered population implied by the incidence rates")
    # (4309 + 734) / 1.08% = 466,944; 734 / 0.15% = 489,333; 489333/466944 − 1 = 4.79%
    assert "466,944" in base["note"] and "489,333" in base["note"]
    assert base["result"] == pytest.approx(4.79, abs=0.01)
    assert base["verdict"] == "consistent" and "registered" in base["note"]
    drop = one(out, check="poverty: persons lifted vs fall of the incidence rate")
    assert drop["result"] == pytest.approx(4309 / 489333.33 * 100, abs=1e-4)  # 0.8806 pp
    hh = one(out, check="poverty: persons per household, lifted vs remaining")
    assert hh["result"] == pytest.approx(734 / 277)  # 2.650; lifted 4309/1379 = 3.125
    assert "3.125" in hh["note"] and hh["verdict"] == "consistent"
    spend = one(out, check="tourism: spending per visit")
    assert spend["result"] == pytest.approx(1035.24, abs=0.01)
    assert spend["verdict"] == "consistent"
    tg = one(out, check="tourism: revenue growth vs arrivals growth")
    assert tg["result"] == pytest.approx(3.65, abs=0.01)
    parts = one(out, check="GDP: services + above-scale industrial value added < GDP")
    assert parts["result"] == pytest.approx(226.7)  # 119.1 + 107.6 < 302.4
    assert parts["verdict"] == "consistent"
    rest = one(
        out, check="GDP growth vs services growth: implied growth of the rest of the economy"
    )
    w = 119.1 / 302.4
    assert rest["result"] == pytest.approx((5 - w * 9) / (1 - w))  # 2.40%
    assert set(out["verdict"]) <= {"consistent", "inconsistent", "cannot tell"}
    assert "cannot tell" not in set(out["verdict"])


# --- another county and year: every function, hand-computed answers ------------------------


def test_other_report_growth() -> None:
    base = implied_base(OTHER)
    assert one(base, indicator_id="gdp")["implied_base"] == pytest.approx(250 / 1.04)  # 240.38
    fiscal = one(base, indicator_id="fiscal_revenue")
    assert fiscal["basis"] == "comparable scope"  # 同口径 in the sentence
    urban = one(base, indicator="城镇常住居民人均可支配收入")
    assert urban["implied_base"] == pytest.approx(40000 / 1.05)
    ratios = derived_ratios(OTHER)
    assert one(ratios, ratio="tourism revenue per visit")["value"] == pytest.approx(800.0)
    assert one(ratios, ratio="growth of tourism revenue per visit")["value"] == pytest.approx(
        4.0
    )  # 1.30 / 1.25 − 1
    assert one(ratios, ratio="urban/rural income ratio")["value"] == pytest.approx(2.0)
    prev = one(ratios, ratio="urban/rural income ratio (implied previous year)")
    assert (prev["year"], prev["value"]) == (2021, pytest.approx(2.0 * 1.08 / 1.05))
    assert one(ratios, ratio="high-tech share of gross industrial output")["value"] == (
        pytest.approx(30.0)  # 99 / 330
    )
    pp = pp_changes(OTHER)
    assert one(pp, indicator_id="unemployment_rate")["change_pp"] == pytest.approx(-0.2)
    assert one(pp, indicator="空气质量优良天数比例")["from_value"] == pytest.approx(91.0)


def test_other_report_feasibility_and_context() -> None:
    feas = target_feasibility(OTHER)
    gdp = one(feas, indicator_id="gdp")
    assert gdp["gap_pp"] == pytest.approx(2.0)  # 6 − 4
    assert gdp["implied_level"] == pytest.approx(265.0)  # 250 × 1.06
    assert "2022 prices" in gdp["basis"]
    retail = one(feas, indicator_id="retail_sales")  # 6.5–7%: midpoint 6.75
    assert retail["gap_pp"] == pytest.approx(1.75)
    assert retail["implied_level_low"] == pytest.approx(106.5)
    assert retail["implied_level_high"] == pytest.approx(107.0)
    # targets have ids, outcomes only wording: still paired through the aliases
    assert one(feas, indicator_id="urban_income_per_capita")["gap_pp"] == pytest.approx(0.0)
    assert one(feas, indicator_id="rural_income_per_capita")["implied_level"] == pytest.approx(
        21400.0
    )  # 20000 × 1.07
    assert one(feas, indicator_id="fiscal_revenue")["gap_pp"] == pytest.approx(-2.0)
    assert math.isnan(one(feas, indicator_id="fixed_asset_investment")["gap_pp"])
    model = target_setting_model(OTHER)
    x = np.array([4, 5, 8, 5, 5, 8])
    y = np.array([6, 7, 6, 6.75, 5, 7])
    slope, _ = np.polyfit(x, y, 1)
    assert one(model, term="previous_growth_pct")["coef"] == pytest.approx(slope)
    assert set(model["n"]) == {6}
    ctx = context_comparison(OTHER, OTHER_CONTEXT)
    assert one(ctx, entity_en="Luobei")["difference"] == pytest.approx(1.0)  # 6 − 5
    assert one(ctx, entity_en="Jishan", measure="growth_pct")["difference"] == pytest.approx(0.5)
    assert one(ctx, entity_en="Jishan", measure="level")["ratio"] == pytest.approx(2.0)
    assert not ctx["note"].str.contains("COVID").any()
    assert "2022H1" not in set(ctx["period"])


def test_other_report_composition_and_checks() -> None:
    comp = sector_composition(OTHER)
    sectors = comp[comp["kind"] == "sector"].set_index("component")["share_pct"]
    # primary 60 × 0.6 = 36 → 14.4%; tertiary 110 → 44%; secondary 104 → 41.6%
    expected = {"primary": 14.4, "secondary": 41.6, "tertiary": 44.0}
    assert sectors.to_dict() == pytest.approx(expected)
    assert one(comp, component="secondary: construction and other industry")["value"] == (
        pytest.approx(24.0)
    )
    checks = consistency_checks(OTHER)
    proj = one(checks, check="projects: started + completed + continuing = planned total")
    assert proj["result"] == 120 and proj["verdict"] == "consistent"  # 40 + 30 + 50 = 120
    pov = one(checks, check="poverty: registered population implied by the incidence rates")
    assert pov["verdict"] == "cannot tell" and "missing" in pov["note"]
    spend = one(checks, check="tourism: spending per visit")
    assert spend["result"] == pytest.approx(800.0) and spend["verdict"] == "consistent"
    va = one(checks, check="industry: above-scale value added ≤ above-scale gross output")
    assert va["result"] == pytest.approx(80 / 300 * 100)


def test_specs_override_for_other_wording() -> None:
    renamed = OTHER.assign(indicator=OTHER["indicator"].replace({"新开工": "开建", "续建": "跨年"}))
    default = one(
        consistency_checks(renamed),
        check="projects: started + completed + continuing = planned total",
    )
    assert default["verdict"] == "cannot tell"
    specs = {
        "projects_started": Spec("projects to start", pattern="开建", units=("个",)),
        "projects_continuing": Spec("projects continuing", pattern="跨年", units=("个",)),
    }
    fixed = one(
        consistency_checks(renamed, specs=specs),
        check="projects: started + completed + continuing = planned total",
    )
    assert fixed["verdict"] == "consistent"


# --- every frame: documented columns, doc and source starts --------------------------------

FUNCTIONS: list[Callable[[pd.DataFrame], pd.DataFrame]] = [
    implied_base,
    derived_ratios,
    pp_changes,
    target_feasibility,
    target_setting_model,
    context_comparison,
    sector_composition,
    industry_ratios,
    consistency_checks,
]


@pytest.mark.parametrize("table", [LIUJIANG, OTHER], ids=["liujiang", "other"])
@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.__name__)
def test_frames_documented_and_traceable(
    fn: Callable[[pd.DataFrame], pd.DataFrame], table: pd.DataFrame
) -> None:
    out = (
        context_comparison(table, OTHER_CONTEXT)
        if (fn is context_comparison and table is OTHER)
        else fn(table)
    )
    assert not out.empty
    doc = fn.__doc__ or ""
    for col in out.columns:
        assert col in doc, f"{fn.__name__} does not document column {col!r}"
    assert "doc" in out.columns and "note" in out.columns
    assert set(out["doc"]) <= set(table["doc"])
    start_cols = [c for c in out.columns if c.endswith("_start")]
    assert start_cols or "sources" in out.columns
    known = set(table["start"])
    for col in start_cols:
        assert set(out[col].dropna().astype(int)) <= known
    if "sources" in out.columns:
        for sources in out["sources"]:
            assert set(sources) <= known


def test_sensitivity_documented() -> None:
    out = composition_sensitivity(OTHER, [0.55, 0.65])
    for col in out.columns:
        assert col in (composition_sensitivity.__doc__ or "")
    assert out["sources"].map(len).min() >= 1


def test_empty_table() -> None:
    empty = LIUJIANG.iloc[0:0]
    for fn in (implied_base, derived_ratios, pp_changes, target_feasibility, consistency_checks):
        assert fn(empty).empty


# --- the real figures table of the Liujiang report ------------------------------------------


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    import analysis

    return analysis.figures()


def test_real_table_key_numbers(real: pd.DataFrame) -> None:
    feas = target_feasibility(real)
    gdp = one(feas, indicator_id="gdp")
    assert round(gdp["implied_level"], 1) == 322.1  # 302.4 × 1.065
    assert gdp["gap_pp"] == pytest.approx(1.5)  # 6.5 − 5
    assert one(feas, indicator_id="retail_sales")["gap_pp"] == pytest.approx(-1.0)  # 9 − 10
    base = implied_base(real)
    assert round(one(base, indicator_id="gdp")["implied_base"], 1) == 288.0  # 302.4 / 1.05
    assert "comparable scope" not in one(base, indicator_id="gdp")["note"]  # sentence has 剔除
    assert one(base, indicator_id="fiscal_revenue")["basis"] == "comparable scope"
    ratios = derived_ratios(real)
    assert round(one(ratios, ratio="urban/rural income ratio")["value"], 2) == 2.49
    assert round(one(ratios, ratio="tourism revenue per visit")["value"]) == 1035
    checks = consistency_checks(real).set_index("check")
    assert (
        checks.loc["projects: started + completed + continuing = planned total", "result"] == 108
    )  # 25 + 26 + 57
    assert "cannot tell" not in set(checks["verdict"])
    sectors = sector_composition(real).query("kind == 'sector'")
    assert sectors["share_pct"].sum() == pytest.approx(100.0)
    assert set(target_setting_model(real)["n"]) == {6}  # 规上工业增加值 2019: "正增长", no number


def test_indicator_table_is_the_extractors_vocabulary() -> None:
    """The agriculture row (commas in its English name) reads whole, with all its aliases."""
    from analysis.analyses.lookup import load_indicators
    from analysis.extraction.indicators import names_of

    table = load_indicators().set_index("indicator_id")
    row = table.loc["agriculture_output"]
    assert row["aliases"].split("|")[:2] == ["农林牧渔业总产值", "农业总产值"]
    assert row["default_unit"] == "亿元"
    assert row["name_en"] == (
        "Gross output value of agriculture, forestry, animal husbandry and fishery"
    )
    assert "农业总产值" in names_of("agriculture_output")
    assert "经济" in names_of("gdp") and "=经济" not in names_of("gdp")  # whole-name alias


def _poverty_table(plan_sentence: str, plan_indicator: str) -> pd.DataFrame:
    A, T, L = "actual", "target", "level"
    return make_table(
        "trap-2020",
        [
            (
                "全年共1379户4309人实现脱贫，全区贫困发生率由1.08%下降至0.15%。",
                [
                    ("实现脱贫", "", 2019, A, L, 1379.0, "户", "eq"),
                    ("实现脱贫", "", 2019, A, L, 4309.0, "人", "eq"),
                    ("贫困发生率", "poverty_incidence", 2018, A, L, 1.08, "%", "eq"),
                    ("贫困发生率", "poverty_incidence", 2019, A, L, 0.15, "%", "eq"),
                ],
            ),
            (plan_sentence, [(plan_indicator, "", 2020, T, L, 734.0, "人", "eq")]),
        ],
    )


def test_poverty_check_needs_people_still_poor() -> None:
    name = "poverty: registered population implied by the incidence rates"
    # people already lifted out who are to be employed are not "poor people remaining"
    for sentence, indicator in [
        ("带动脱贫人口就业734人。", "带动脱贫人口就业"),
        ("推动已脱贫人口务工就业734人。", "脱贫人口务工就业"),
    ]:
        trap = one(consistency_checks(_poverty_table(sentence, indicator)), check=name)
        assert trap["verdict"] == "cannot tell" and "missing" in trap["note"], sentence
    real = one(consistency_checks(_poverty_table("确保剩余734人全部脱贫。", "脱贫")), check=name)
    assert real["result"] == pytest.approx(4.79, abs=0.01)


# --- ratios: one module, used by the growth view and the checks -------------------------------

# check name -> the ratio it tests (the same number, in the ratio's unit)
SHARED = {
    "tourism: spending per visit": "tourism revenue per visit",
    "tourism: revenue growth vs arrivals growth": "growth of tourism revenue per visit",
    "industry: above-scale gross output ≤ gross output of all industry": (
        "above-scale share of gross industrial output"
    ),
    "industry: above-scale value added ≤ above-scale gross output": (
        "industrial value added / gross output (above designated size)"
    ),
    "industry: high-tech output ≤ gross output of all industry": (
        "high-tech share of gross industrial output"
    ),
}


@pytest.mark.parametrize("table", [LIUJIANG, OTHER], ids=["liujiang", "other"])
def test_checks_and_growth_view_give_the_same_ratio(table: pd.DataFrame) -> None:
    checks = consistency_checks(table).set_index("check")
    ratios = derived_ratios(table)
    compared = 0
    for check, name in SHARED.items():
        if check not in checks.index or pd.isna(checks.loc[check, "result"]):
            continue
        rows = ratios[(ratios["ratio"] == name) & (ratios["year"] == ratios["year"].max())]
        if rows.empty:
            continue
        assert checks.loc[check, "result"] == rows.iloc[0]["value"], check
        assert checks.loc[check, "result_unit"] == rows.iloc[0]["unit"], check
        compared += 1
    assert compared >= 3


def test_industry_ratios_are_rows_of_derived_ratios() -> None:
    ind = industry_ratios(LIUJIANG)
    assert not ind.empty
    every = derived_ratios(LIUJIANG)
    merged = ind.merge(every, on=["doc", "ratio", "year"], suffixes=("", "_all"))
    assert len(merged) == len(ind)
    assert (merged["value"] == merged["value_all"]).all()


def test_ratio_names_are_unique_and_known() -> None:
    names = [r.name for r in RATIOS]
    assert len(names) == len(set(names))
    assert ratio("fiscal revenue / GDP").denominator == "gdp"
    with pytest.raises(KeyError, match="no ratio"):
        ratio("GDP per tourist")


# --- the public API: what notebooks and the README call, nothing more ------------------------


def _names_used_by_notebooks_and_readme() -> set[str]:
    """Names imported ``from analysis.analyses import ...`` by a notebook, and functions the
    README calls as ``analysis.analyses.<name>(``."""
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    used: set[str] = set()
    for nb in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        pattern = r"from analysis\.analyses import (?:\(([^)]*)\)|([^(\n]+))"
        for grouped, single in re.findall(pattern, code):
            used |= {n.strip() for n in (grouped or single).split(",") if n.strip()}
    readme = (root / "README.md").read_text(encoding="utf-8")
    return used | set(re.findall(r"analysis\.analyses\.(\w+)\(", readme))


def test_public_api_is_what_notebooks_and_readme_call() -> None:
    import analysis.analyses as pkg

    used = _names_used_by_notebooks_and_readme()
    assert {"target_outcomes", "sector_composition", "derived_ratios"} <= used
    assert used <= set(pkg.__all__)
    # beyond those, only the one analysis no notebook shows (the cross-checks)
    assert set(pkg.__all__) - used <= {"consistency_checks"}
    assert all(hasattr(pkg, name) for name in pkg.__all__)


# --- the COVID-19 caveat follows the target's own year, not the Liujiang report ---------------


def _one_target_report(doc: str, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An invented county report of ``year``: a GDP growth target for ``year``, and a
    context table with the province's outcome for that year (an ex-post look)."""
    table = make_table(
        doc,
        [
            (
                f"{year}年经济社会发展的主要预期目标是：地区生产总值增长6%以上。",
                [("地区生产总值", "gdp", year, T, G, 6.0, "%", "ge")],
            ),
        ],
    )
    context = pd.DataFrame(
        [("泺北省", "Luobei", "province", "gdp", str(year), "actual", "growth_pct", 2.0, "%",
          "eq")],
        columns=["entity", "entity_en", "level", "indicator_id", "period", "status", "measure",
                 "value", "unit", "bound"],
    ).assign(source="invented for tests", url="https://example.invalid/")
    return table, context


@pytest.mark.parametrize(("year", "covid"), [(2020, True), (2021, False), (2019, False)])
def test_covid_note_follows_the_target_year(year: int, covid: bool) -> None:
    table, context = _one_target_report(f"qingshui-{year}", year)
    row = one(context_comparison(table, context), entity_en="Luobei")
    assert "ex-post look" in row["note"]  # a target next to an outcome published later
    assert ("COVID-19" in row["note"]) is covid
    if covid:
        assert "2020 was the COVID-19 year" in row["note"]
