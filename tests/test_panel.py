"""Targets of report t against the outcomes stated in report t+1 (hand-computed cases)."""

from __future__ import annotations

import math

import pandas as pd

import analysis
from analysis.analyses import target_outcomes


def _report(place: str, year: int, review: str, plan: str) -> analysis.Report:
    text = (f"政府工作报告\n——{year}年1月10日在{place}第十届人民代表大会第三次会议上\n县长 王某\n"
            f"各位代表：\n一、{year - 1}年工作回顾\n{review}\n二、{year}年工作安排\n{plan}\n")
    return analysis.Report.fromstring(text, doc=f"{place}-{year}")


REPORTS = [
    _report("澄川县", 2021, "全县地区生产总值增长3%。",
            "地区生产总值增长6.5%以上，城镇登记失业率控制在4%以内，社会消费品零售总额增长8%左右，"
            "一般公共预算收入增长5%。"),
    _report("澄川县", 2022, "全县地区生产总值增长6.5%，城镇登记失业率3.6%，"
            "社会消费品零售总额增长7.6%，一般公共预算收入增长4.2%。",
            "地区生产总值增长6%左右。"),
    _report("梧原市", 2021, "全市地区生产总值增长2%。", "地区生产总值增长7%以上。"),
]


def _panel() -> pd.DataFrame:
    figs = pd.concat([analysis.figures(r) for r in REPORTS], ignore_index=True)
    meta = pd.concat([r.metadata() for r in REPORTS], ignore_index=True)
    return target_outcomes(figs, meta)


def test_targets_meet_their_outcomes_with_bounds_respected() -> None:
    p = _panel().set_index(["jurisdiction", "indicator_id", "year"])
    gdp = p.loc[("澄川县", "gdp", 2021)]
    assert (gdp.target_value, gdp.outcome_value, gdp.verdict) == (6.5, 6.5, "met")  # floor
    assert gdp.gap == 0 and gdp.target_doc == "澄川县-2021" and gdp.outcome_doc == "澄川县-2022"
    unemp = p.loc[("澄川县", "unemployment_rate", 2021)]
    assert (unemp.target_bound, unemp.outcome_value, unemp.verdict) == ("le", 3.6, "met")
    assert math.isclose(unemp.gap, -0.4)
    retail = p.loc[("澄川县", "retail_sales", 2021)]  # about 8%, 7.6% is within 0.5
    assert (retail.verdict, round(retail.gap, 6)) == ("met", -0.4)
    revenue = p.loc[("澄川县", "general_budget_revenue", 2021)]  # a plain 5% read as a floor
    assert (revenue.verdict, round(revenue.gap, 6)) == ("missed", -0.8)


def test_targets_without_a_next_report_are_kept() -> None:
    p = _panel()
    later = p[(p.jurisdiction == "澄川县") & (p.year == 2022)]
    assert later.verdict.tolist() == ["no outcome"]
    city = p[p.jurisdiction == "梧原市"]
    assert city.verdict.tolist() == ["no outcome"]  # its 2022 report is not in the corpus
    assert p.target_start.notna().all()
