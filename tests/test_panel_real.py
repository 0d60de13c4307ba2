"""target_outcomes() on the real corpus: expectations read from the reports' text.

Each national GDP target is quoted from the report's 主要预期目标 passage and each outcome
from the next report's review; the province sample likewise from the 2025 and 2026 reports.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis import paths
from analysis.analyses.panel import panel_problems, target_mentions, target_outcomes
from analysis.extraction.indicators import indicator_id


@pytest.fixture(scope="module")
def corpus():
    from analysis.corpus import extract_many

    return extract_many(paths.corpus_files())


@pytest.fixture(scope="module")
def panel(corpus) -> pd.DataFrame:
    return target_outcomes(corpus.figures, corpus.metadata)


def _pair(panel, code, indicator, year, measure="growth_pct") -> pd.Series:
    rows = panel[(panel.place_code == code) & (panel.indicator_id == indicator)
                 & (panel.year == year) & (panel.measure == measure)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# year: (bound, value, low, high) of the target as stated, and the outcome of report t+1
NATIONAL_GDP = {
    2010: ("approx", 8.0, None, None, 10.3), 2011: ("approx", 8.0, None, None, 9.2),
    2012: ("eq", 7.5, None, None, 7.8), 2013: ("approx", 7.5, None, None, 7.7),
    2014: ("approx", 7.5, None, None, 7.4), 2015: ("approx", 7.0, None, None, 6.9),
    2016: ("range", None, 6.5, 7.0, 6.7), 2017: ("approx", 6.5, None, None, 6.9),
    2018: ("approx", 6.5, None, None, 6.6), 2019: ("range", None, 6.0, 6.5, 6.1),
    2021: ("ge", 6.0, 6.0, None, 8.1), 2022: ("approx", 5.5, None, None, 3.0),
    2023: ("approx", 5.0, None, None, 5.2), 2024: ("approx", 5.0, None, None, 5.0),
}


def _same(a, b) -> bool:
    return (b is None and (a is None or (isinstance(a, float) and math.isnan(a)))) or a == b


@pytest.mark.parametrize("year", sorted(NATIONAL_GDP))
def test_national_gdp_target_paired_with_next_report(panel, year) -> None:
    bound, value, low, high, outcome = NATIONAL_GDP[year]
    p = _pair(panel, "000000", "gdp", year)
    assert p.target_bound == bound and p.target_headline
    assert _same(p.target_value, value) and _same(p.target_low, low)
    assert _same(p.target_high, high)
    assert (p.outcome_value, p.outcome_status, p.outcome_doc) == (
        outcome, "actual", f"national-china-{year + 1}")


def test_national_2020_set_no_gdp_target_and_2025_has_no_outcome_yet(panel) -> None:
    nat = panel[(panel.place_code == "000000") & (panel.indicator_id == "gdp")
                & (panel.measure == "growth_pct")]
    assert 2020 not in set(nat.year)
    assert _pair(panel, "000000", "gdp", 2025).verdict == "no outcome"


@pytest.mark.parametrize(("indicator", "year", "measure", "bound", "target", "outcome"), [
    ("cpi", 2013, "growth_pct", "approx", 3.5, 2.6),    # 3.5%左右 -> 涨幅控制在2.6%
    ("new_urban_jobs", 2017, "level", "ge", 1100.0, 1351.0),  # not 过去五年's 6600万人以上
    ("new_urban_jobs", 2010, "level", "ge", 900.0, 1168.0),   # not 十一五's 5771万人
    ("unemployment_rate_surveyed", 2024, "level", "approx", 5.5, 5.1),  # -> 平均为5.1%
])
def test_other_national_pairs(panel, indicator, year, measure, bound, target,
                              outcome) -> None:
    p = _pair(panel, "000000", indicator, year, measure)
    assert p.target_bound == bound
    assert target in (p.target_value, p.target_low)
    assert p.outcome_value == outcome and p.verdict == "met"


# code: (bound, value or low end, outcome stated in the 2026 report)
PROVINCE_GDP_2025 = [
    ("340000", "ge", 5.5, 5.5), ("440000", "approx", 5.0, 3.9), ("460000", "ge", 6.0, 4.0),
    ("210000", "ge", 5.0, 3.7), ("150000", "approx", 6.0, 4.7), ("540000", "ge", 7.0, 7.0),
    ("500000", "approx", 6.0, 5.3), ("350000", "range", 5.0, 5.0),
    ("410000", "approx", 5.5, 5.6), ("420000", "approx", 6.0, 5.5),  # 经济增长5.5%左右, 6％左右
]


@pytest.mark.parametrize(("code", "bound", "target", "outcome"), PROVINCE_GDP_2025)
def test_province_gdp_2025(panel, code, bound, target, outcome) -> None:
    p = _pair(panel, code, "gdp", 2025)
    assert p.target_bound == bound and p.target_headline
    assert target in (p.target_value, p.target_low)
    assert p.outcome_value == outcome and p.outcome_doc.endswith("-2026")


def test_every_province_has_its_2025_gdp_pair(panel) -> None:
    gdp = panel[(panel.year == 2025) & (panel.indicator_id == "gdp")
                & (panel.measure == "growth_pct") & (panel.place_code != "000000")]
    assert gdp.place_code.nunique() == 31
    assert (gdp.verdict != "no outcome").all()


def test_one_row_per_place_indicator_year_measure(panel) -> None:
    keys = ["place_code", "indicator_id", "year", "measure", "unit", "target_doc"]
    assert not panel.duplicated(keys).any()
    assert not panel.duplicated(["place_code", "indicator_id", "year", "measure",
                                 "target_doc"]).any()


def test_mentions_say_which_one_was_chosen(corpus) -> None:
    m = target_mentions(corpus.figures, corpus.metadata)
    xizang = m[(m.place_code == "540000") & (m.year == 2025) & (m.indicator_id == "gdp")
               & (m.measure == "growth_pct")]
    # "地区生产总值增长7%以上、力争8%": the first mention of the passage wins
    assert xizang[xizang.chosen].quote.tolist() == ["7%以上"]
    assert xizang.chosen.sum() == 1 and xizang.reason.str.len().gt(0).all()


def _report(place: str, year: int, review: str, plan: str, doc: str) -> analysis.Report:
    text = (f"政府工作报告\n——{year}年1月10日在{place}第十届人民代表大会第三次会议上\n"
            f"各位代表：\n一、{year - 1}年工作回顾\n{review}\n二、{year}年工作安排\n"
            f"今年经济社会发展的主要预期目标是：{plan}\n")
    return analysis.Report.fromstring(text, doc=doc)


def _frames(reports):
    figs = pd.concat([analysis.figures(r) for r in reports], ignore_index=True)
    meta = pd.concat([r.metadata() for r in reports], ignore_index=True)
    return figs, meta


@pytest.mark.parametrize(("first", "second", "code"), [
    ("广西", "广西壮族自治区", "450000"),
    ("海拉尔区", "呼伦贝尔市海拉尔区", "150702"),
])
def test_places_written_differently_join_on_their_code(first, second, code) -> None:
    figs, meta = _frames([
        _report(first, 2021, "地区生产总值增长3%。", "地区生产总值增长6%以上。", "a"),
        _report(second, 2022, "地区生产总值增长6.5%。", "地区生产总值增长6%左右。", "b")])
    p = _pair(target_outcomes(figs, meta), code, "gdp", 2021)
    assert (p.outcome_doc, p.outcome_value, p.verdict) == ("b", 6.5, "met")


def test_ambiguous_places_are_reported_and_not_joined() -> None:
    figs, meta = _frames([
        _report("朝阳区", 2021, "地区生产总值增长3%。", "地区生产总值增长6%以上。", "a"),
        _report("朝阳区", 2022, "地区生产总值增长6.5%。", "地区生产总值增长6%左右。", "b")])
    assert target_outcomes(figs, meta).empty
    problems = panel_problems(meta)
    assert problems.problem.tolist() == ["ambiguous place", "ambiguous place"]


def test_duplicates_are_kept_and_reported_and_unreadable_reports_named() -> None:
    r1 = _report("海南省", 2021, "地区生产总值增长3%。", "地区生产总值增长6%以上。", "hainan-a")
    r2 = _report("海南省", 2021, "地区生产总值增长3%。", "地区生产总值增长7%以上。", "hainan-b")
    r3 = analysis.Report.fromstring("各位代表：\n二、今年工作安排\n地区生产总值增长5%。\n",
                                    doc="nowhere")
    figs, meta = _frames([r1, r2, r3])
    p = target_outcomes(figs, meta)
    assert sorted(p.target_doc) == ["hainan-a", "hainan-b"] and p.duplicate.all()
    problems = panel_problems(meta).set_index("doc")
    assert problems.loc["hainan-a", "problem"] == "duplicate"
    assert "hainan-b" in problems.loc["hainan-a", "detail"]
    assert "no place" in set(problems.loc[["nowhere"], "problem"])


def test_other_period_targets_are_never_this_years() -> None:
    plan = "地区生产总值增长6%左右。到2027年，地区生产总值达到5000亿元。"
    figs, meta = _frames([_report("海南省", 2021, "地区生产总值增长3%。", plan, "a")])
    p = target_outcomes(figs, meta)
    assert set(p.year) == {2021} and set(p.measure) == {"growth_pct"}


def test_vocabulary_ids_written_against() -> None:
    assert indicator_id("城镇新增就业") == "new_urban_jobs"
    assert indicator_id("居民消费价格") == "cpi"


def test_readme_states_the_computed_national_answer(panel) -> None:
    from analysis.analyses.panel import answer_sentence, headline_pairs

    sentence = answer_sentence(headline_pairs(panel, place_code="000000"))
    readme = " ".join((paths.data_dir().parent / "README.md").read_text("utf-8").split())
    assert sentence == ("Of the 14 national GDP growth targets set for 2010–2024 whose outcome "
                        "the next report states, 13 were met and 1 missed (2022: 5.5%左右 vs 3%).")
    assert "of the 14 targets set for 2010–2024 whose outcome the next report states, 13 were "\
           "met and 1 missed (2022: 5.5%左右 vs 3%)" in readme


def test_period_columns_and_new_measures_are_never_one_year_targets() -> None:
    """Written against the period columns of the extraction's next version: a figure with a
    period_end, or a measure such as avg_growth_pct, is not a one-year target."""
    figs, meta = _frames([
        _report("海南省", 2021, "地区生产总值增长3%。", "地区生产总值增长6%以上。", "a"),
        _report("海南省", 2022, "地区生产总值增长6.5%。", "地区生产总值增长6%左右。", "b")])
    figs["period_end"] = pd.array([pd.NA] * len(figs), dtype="Int64")
    t = (figs.doc == "a") & (figs.status == "target")
    assert len(target_outcomes(figs, meta).query("year == 2021")) == 1
    figs.loc[t, "period_end"] = 2025
    assert target_outcomes(figs, meta).query("year == 2021").empty
    figs.loc[t, "period_end"] = pd.NA
    figs.loc[t, "measure"] = "avg_growth_pct"
    assert target_outcomes(figs, meta).query("year == 2021").empty


def test_readme_states_the_computed_provincial_answer(panel) -> None:
    pairs = panel[(panel.year == 2025) & (panel.indicator_id == "gdp")
                  & (panel.measure == "growth_pct") & (panel.place_code != "000000")]
    counts = pairs.verdict.value_counts().to_dict()
    readme = " ".join((paths.data_dir().parent / "README.md").read_text("utf-8").split())
    assert pairs.place_code.nunique() == 31 and len(pairs) == 31
    assert (f"{counts.get('met', 0)} met it and {counts.get('missed', 0)} missed it" in readme)
