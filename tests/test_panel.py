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


def test_panel_recovers_the_truth_of_a_synthetic_corpus() -> None:
    """Invented reports of 3 places over 3 years: every verdict agrees with the truth."""
    from analysis.synthetic import synthetic_panel

    texts, truth = synthetic_panel(["澄川县", "梧原市", "泺北省"], [2019, 2020, 2021], seed=7,
                                   size_chars=3000)
    reports = [analysis.Report.fromstring(t, doc=d) for d, t in texts.items()]
    figs = pd.concat([analysis.figures(r) for r in reports], ignore_index=True)
    meta = pd.concat([r.metadata() for r in reports], ignore_index=True)
    panel = target_outcomes(figs, meta)
    known = truth.dropna(subset=["target", "outcome"])
    assert len(known) > 0
    merged = known.merge(panel, left_on=["target_doc", "indicator_id"],
                         right_on=["target_doc", "indicator_id"], how="left")
    assert merged.verdict.notna().all() and (merged.verdict != "no outcome").all()
    assert (merged.outcome_value == merged.outcome).all()
    assert (merged.target_value == merged.target).all()
    tolerance = merged.target_bound_x.eq("approx") * 0.5  # "about X" may fall 0.5 short
    expected = merged.outcome >= merged.target - tolerance
    assert (merged.verdict.eq("met") == expected).all()
    floor = merged[(merged.place == "澄川县") & (merged.indicator_id == "gdp")
                   & (merged.year_x == 2019)].iloc[0]
    assert (floor.target, floor.outcome, floor.verdict) == (6.5, 6.5, "met")


def test_other_indicators_join_by_text_only_when_asked() -> None:
    reports = [
        _report("澄川县", 2021, "全县地区生产总值增长3%。", "新建农村公路80公里。"),
        _report("澄川县", 2022, "新建农村公路95公里。", "地区生产总值增长6%。"),
    ]
    figs = pd.concat([analysis.figures(r) for r in reports], ignore_index=True)
    meta = pd.concat([r.metadata() for r in reports], ignore_index=True)
    assert target_outcomes(figs, meta).indicator_id.tolist() == ["gdp"]
    roads = target_outcomes(figs, meta, canonical_only=False)
    roads = roads[roads.indicator == "新建农村公路"].iloc[0]
    assert (roads.target_value, roads.outcome_value, roads.verdict) == (80.0, 95.0, "met")


BOUND_OUTCOMES = [
    _report("溪口县", 2023, "全县地区生产总值增长4%。",
            "高速公路通车里程突破500公里，粮食播种面积稳定在80万亩以上，"
            "城镇调查失业率控制在5.5%以内，一般公共预算收入增长6%。"),
    _report("溪口县", 2024, "高速公路通车里程突破500公里，粮食播种面积稳定在78万亩以上，"
            "城镇调查失业率控制在5.5%以内，一般公共预算收入增长6%以上。", "地区生产总值增长5%。"),
]


def test_an_outcome_stated_as_a_bound_settles_the_verdict_only_when_it_can() -> None:
    """突破500公里 meets "above 500"; 78万亩以上 does not tell whether 80万亩以上 was reached."""
    figs = pd.concat([analysis.figures(r) for r in BOUND_OUTCOMES], ignore_index=True)
    meta = pd.concat([r.metadata() for r in BOUND_OUTCOMES], ignore_index=True)
    p = target_outcomes(figs, meta).set_index(["indicator_id", "year"])
    road = p.loc[("expressway_length", 2023)]
    assert (road.target_bound, road.outcome_bound, road.gap, road.verdict) == ("gt", "gt", 0, "met")
    grain = p.loc[("grain_sown_area", 2023)]
    assert (grain.outcome_value, grain.verdict) == (78, "no outcome") and math.isnan(grain.gap)
    assert "does not settle" in grain.note
    jobless = p.loc[("unemployment_rate_surveyed", 2023)]  # a ceiling met by a ceiling
    assert (jobless.target_bound, jobless.outcome_bound, jobless.verdict) == ("le", "le", "met")
    revenue = p.loc[("general_budget_revenue", 2023)]  # a plain 6% met by "6%以上"
    assert (revenue.outcome_bound, revenue.gap, revenue.verdict) == ("ge", 0, "met")
