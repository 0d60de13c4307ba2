"""Hand-written genre cases for the figure extractor.

Every sentence below is invented for this project: the places (澄川县, 梧原市, 霁山区, 泺北省 ...)
and all numbers are made up. The sentences imitate the *style* of Chinese local government work
reports (政府工作报告) of counties/districts, cities and provinces delivered in 2015-2024, in
simplified and traditional script, including full-width digits and PDF-extraction damage.
See ``GENRE_NOTES.md`` next to this file for what the style was learned from.

Conventions (shared with the extractor's tests):

* ``part="review"``: figures are ``actual`` for ``report_year - 1``; 预计/初步预计/初步核算 make the
  rest of that sentence ``estimate``. ``part="plan"``: figures are ``target`` for ``report_year``.
  An explicit other year in the sentence (到2025年, 2015年的) overrides the year.
* "由X降至Y" in a review gives two levels: X for ``report_year - 2``, Y for ``report_year - 1``.
* 增长X% -> growth_pct X; 下降X% -> growth_pct -X; 提高X个百分点 -> change_pp X;
  下降/回落X个百分点 -> change_pp -X; a rate stated as a level (失业率3.2%) -> level, unit "%".
* Bounds: 以上/不低于/至少 -> ge; 超过/突破/多/余/逾 -> gt; 以内/以下/不超过 -> le; 低于 -> lt;
  左右/约/近 -> approx; X—Y, X-Y, X至Y, X到Y -> range (value None, low/high set).
* ``figures`` lists every figure in text order; an empty tuple is a negative case.
* ``indicator`` is filled only where ``indicator_id`` is "" (the wording, in simplified script).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BOUNDS",
    "CASES",
    "INDICATOR_IDS",
    "MEASURES",
    "PARTS",
    "STATUSES",
    "Case",
    "Fig",
]

INDICATOR_IDS = frozenset(
    {
        "",
        "gdp",
        "industrial_value_added",
        "industrial_value_added_all",
        "fiscal_revenue",
        "general_budget_revenue",
        "fixed_asset_investment",
        "retail_sales",
        "urban_income_per_capita",
        "rural_income_per_capita",
        "unemployment_rate",
        "unemployment_rate_surveyed",
        "primary_value_added",
        "secondary_value_added",
        "tertiary_value_added",
    }
)
STATUSES = frozenset({"actual", "estimate", "target"})
MEASURES = frozenset({"level", "growth_pct", "change_pp"})
BOUNDS = frozenset({"eq", "ge", "gt", "le", "lt", "approx", "range"})
PARTS = frozenset({"review", "plan"})


@dataclass(frozen=True)
class Fig:
    indicator_id: str  # canonical id or "" when none applies
    year: int  # the reference year the figure is about
    status: str  # "actual" | "estimate" | "target"
    measure: str  # "level" | "growth_pct" | "change_pp"
    value: float | None  # the number as stated; None for a range
    unit: str  # normalized unit, simplified script
    bound: str = "eq"  # "eq" | "ge" | "gt" | "le" | "lt" | "approx" | "range"
    low: float | None = None  # ranges: low and high; never a midpoint
    high: float | None = None
    indicator: str = ""  # expected indicator wording (simplified), filled when indicator_id == ""


@dataclass(frozen=True)
class Case:
    id: str  # short slug, unique
    style: str  # level, report year, part, script/damage notes
    text: str  # 1-3 sentences in the genre's style, invented
    report_year: int  # the year the report is delivered in (= the plan year)
    part: str  # "review" | "plan"
    figures: tuple[Fig, ...] = ()  # all figures in text order; () = negative case


_A, _E, _T = "actual", "estimate", "target"
_L, _G, _P = "level", "growth_pct", "change_pp"

_REVIEW_SIMPLIFIED: tuple[Case, ...] = (
    Case(
        id="county22-gdp-gbr-level-growth",
        style="county 2022 report, review",
        text="2021年，全县地区生产总值达到238.6亿元、增长8.4%，一般公共预算收入15.27亿元、增长11.2%。",
        report_year=2022,
        part="review",
        figures=(
            Fig("gdp", 2021, _A, _L, 238.6, "亿元"),
            Fig("gdp", 2021, _A, _G, 8.4, "%"),
            Fig("general_budget_revenue", 2021, _A, _L, 15.27, "亿元"),
            Fig("general_budget_revenue", 2021, _A, _G, 11.2, "%"),
        ),
    ),
    Case(
        id="county20-estimate-whole-sentence",
        style="county 2020 report, review, 预计 heads the sentence",
        text=(
            "预计全年实现地区生产总值412亿元，增长7.1%；财政总收入31.6亿元，增长5.3%；"
            "社会消费品零售总额128.4亿元，增长9.6%。"
        ),
        report_year=2020,
        part="review",
        figures=(
            Fig("gdp", 2019, _E, _L, 412, "亿元"),
            Fig("gdp", 2019, _E, _G, 7.1, "%"),
            Fig("fiscal_revenue", 2019, _E, _L, 31.6, "亿元"),
            Fig("fiscal_revenue", 2019, _E, _G, 5.3, "%"),
            Fig("retail_sales", 2019, _E, _L, 128.4, "亿元"),
            Fig("retail_sales", 2019, _E, _G, 9.6, "%"),
        ),
    ),
    Case(
        id="city19-preliminary-accounting-sectors",
        style="city 2019 report, review, 初步核算 with three sectors",
        text=(
            "经初步核算，全市生产总值完成2865.3亿元，比上年增长7.6%，其中第一产业增加值增长3.4%，"
            "第二产业增加值增长8.1%，第三产业增加值增长7.9%。"
        ),
        report_year=2019,
        part="review",
        figures=(
            Fig("gdp", 2018, _E, _L, 2865.3, "亿元"),
            Fig("gdp", 2018, _E, _G, 7.6, "%"),
            Fig("primary_value_added", 2018, _E, _G, 3.4, "%"),
            Fig("secondary_value_added", 2018, _E, _G, 8.1, "%"),
            Fig("tertiary_value_added", 2018, _E, _G, 7.9, "%"),
        ),
    ),
    Case(
        id="district24-growth-only-and-decline",
        style="district 2024 report, review, growth rates only, one decline",
        text=(
            "全区规模以上工业增加值同比增长9.3%，固定资产投资增长6.8%，"
            "社会消费品零售总额下降1.7%，城镇登记失业率为3.1%。"
        ),
        report_year=2024,
        part="review",
        figures=(
            Fig("industrial_value_added", 2023, _A, _G, 9.3, "%"),
            Fig("fixed_asset_investment", 2023, _A, _G, 6.8, "%"),
            Fig("retail_sales", 2023, _A, _G, -1.7, "%"),
            Fig("unemployment_rate", 2023, _A, _L, 3.1, "%"),
        ),
    ),
    Case(
        id="county19-income-fenbie-levels-then-growth",
        style="county 2019 report, review, double 分别",
        text="城乡居民人均可支配收入分别达到32680元和14215元，分别增长8.1%和9.4%。",
        report_year=2019,
        part="review",
        figures=(
            Fig("urban_income_per_capita", 2018, _A, _L, 32680, "元"),
            Fig("rural_income_per_capita", 2018, _A, _L, 14215, "元"),
            Fig("urban_income_per_capita", 2018, _A, _G, 8.1, "%"),
            Fig("rural_income_per_capita", 2018, _A, _G, 9.4, "%"),
        ),
    ),
    Case(
        id="county22-growth-before-level",
        style="county 2022 report, review, growth stated before the level",
        text="全年生产总值增长6.1%，达到147.3亿元；第二产业增加值增长9.8%，达到52.6亿元。",
        report_year=2022,
        part="review",
        figures=(
            Fig("gdp", 2021, _A, _G, 6.1, "%"),
            Fig("gdp", 2021, _A, _L, 147.3, "亿元"),
            Fig("secondary_value_added", 2021, _A, _G, 9.8, "%"),
            Fig("secondary_value_added", 2021, _A, _L, 52.6, "亿元"),
        ),
    ),
    Case(
        id="county21-from-to-two-levels",
        style="county 2021 report, review, 由X下降至Y",
        text="城镇登记失业率由3.46%下降至3.12%，农村贫困发生率由0.86%降至0.21%。",
        report_year=2021,
        part="review",
        figures=(
            Fig("unemployment_rate", 2019, _A, _L, 3.46, "%"),
            Fig("unemployment_rate", 2020, _A, _L, 3.12, "%"),
            Fig("", 2019, _A, _L, 0.86, "%", indicator="农村贫困发生率"),
            Fig("", 2020, _A, _L, 0.21, "%", indicator="农村贫困发生率"),
        ),
    ),
    Case(
        id="city20-share-and-pp",
        style="city 2020 report, review, rate levels with 提高X个百分点",
        text=(
            "空气质量优良天数比例达到88.6%，提高4.2个百分点；"
            "服务业增加值占地区生产总值比重达到47.3%，提高1.6个百分点。"
        ),
        report_year=2020,
        part="review",
        figures=(
            Fig("", 2019, _A, _L, 88.6, "%", indicator="空气质量优良天数比例"),
            Fig("", 2019, _A, _P, 4.2, "个百分点", indicator="空气质量优良天数比例"),
            Fig("", 2019, _A, _L, 47.3, "%", indicator="服务业增加值占地区生产总值比重"),
            Fig("", 2019, _A, _P, 1.6, "个百分点", indicator="服务业增加值占地区生产总值比重"),
        ),
    ),
    Case(
        id="city17-energy-intensity-and-pp-down",
        style="city 2017 report, review, 下降X% and 下降X个百分点",
        text="单位生产总值能耗下降4.1%，城镇登记失业率3.05%，比上年下降0.21个百分点。",
        report_year=2017,
        part="review",
        figures=(
            Fig("", 2016, _A, _G, -4.1, "%", indicator="单位生产总值能耗"),
            Fig("unemployment_rate", 2016, _A, _L, 3.05, "%"),
            Fig("unemployment_rate", 2016, _A, _P, -0.21, "个百分点"),
        ),
    ),
    Case(
        id="city22-gt-words",
        style="city 2022 report, review, 突破/超过/余",
        text="全市地区生产总值突破3000亿元，规模以上工业企业超过1200户，新增市场主体2.6万余户。",
        report_year=2022,
        part="review",
        figures=(
            Fig("gdp", 2021, _A, _L, 3000, "亿元", bound="gt"),
            Fig("", 2021, _A, _L, 1200, "户", bound="gt", indicator="规模以上工业企业"),
            Fig("", 2021, _A, _L, 2.6, "万户", bound="gt", indicator="新增市场主体"),
        ),
    ),
    Case(
        id="county19-approx-and-duo",
        style="county 2019 report, review, 近/约/多",
        text="全年接待游客近900万人次，实现旅游总收入约76亿元，带动就业3000多人。",
        report_year=2019,
        part="review",
        figures=(
            Fig("", 2018, _A, _L, 900, "万人次", bound="approx", indicator="接待游客"),
            Fig("", 2018, _A, _L, 76, "亿元", bound="approx", indicator="旅游总收入"),
            Fig("", 2018, _A, _L, 3000, "人", bound="gt", indicator="带动就业"),
        ),
    ),
    Case(
        id="county24-estimate-mid-sentence",
        style="county 2024 report, review, 预计 only covers the rest of the sentence",
        text="全年粮食总产量达到38.2万吨、增长1.9%，预计地区生产总值增长5.8%左右。",
        report_year=2024,
        part="review",
        figures=(
            Fig("", 2023, _A, _L, 38.2, "万吨", indicator="粮食总产量"),
            Fig("", 2023, _A, _G, 1.9, "%", indicator="粮食总产量"),
            Fig("gdp", 2023, _E, _G, 5.8, "%", bound="approx"),
        ),
    ),
    Case(
        id="province23-preliminary-estimate-trillion",
        style="province 2023 report, review, 初步预计, 万亿元 and 同口径",
        text=(
            "初步预计，全省生产总值达到4.86万亿元，增长3.9%；"
            "地方一般公共预算收入3216.5亿元，同口径增长2.4%。"
        ),
        report_year=2023,
        part="review",
        figures=(
            Fig("gdp", 2022, _E, _L, 4.86, "万亿元"),
            Fig("gdp", 2022, _E, _G, 3.9, "%"),
            Fig("general_budget_revenue", 2022, _E, _L, 3216.5, "亿元"),
            Fig("general_budget_revenue", 2022, _E, _G, 2.4, "%"),
        ),
    ),
    Case(
        id="province16-changzhu-income-fenbie",
        style="province 2016 report, review, 城镇和农村常住居民 分别",
        text=(
            "2015年，全省生产总值达到1.92万亿元，增长8.6%；"
            "城镇和农村常住居民人均可支配收入分别增长8.3%、9.1%。"
        ),
        report_year=2016,
        part="review",
        figures=(
            Fig("gdp", 2015, _A, _L, 1.92, "万亿元"),
            Fig("gdp", 2015, _A, _G, 8.6, "%"),
            Fig("urban_income_per_capita", 2015, _A, _G, 8.3, "%"),
            Fig("rural_income_per_capita", 2015, _A, _G, 9.1, "%"),
        ),
    ),
    Case(
        id="county21-five-year-explicit-years",
        style="county 2021 report, 过去五年 review, explicit start and end years",
        text=(
            "五年来，地区生产总值由2015年的512.4亿元增加到2020年的786.9亿元，"
            "一般公共预算收入由2015年的38.6亿元增加到2020年的52.3亿元。"
        ),
        report_year=2021,
        part="review",
        figures=(
            Fig("gdp", 2015, _A, _L, 512.4, "亿元"),
            Fig("gdp", 2020, _A, _L, 786.9, "亿元"),
            Fig("general_budget_revenue", 2015, _A, _L, 38.6, "亿元"),
            Fig("general_budget_revenue", 2020, _A, _L, 52.3, "亿元"),
        ),
    ),
    Case(
        id="county18-revenue-vs-expenditure",
        style="county 2018 report, review, 其中 tax revenue and budget expenditure",
        text=(
            "一般公共预算收入完成9.86亿元，增长6.7%，其中税收收入7.12亿元，增长10.4%；"
            "一般公共预算支出41.3亿元，增长4.9%。"
        ),
        report_year=2018,
        part="review",
        figures=(
            Fig("general_budget_revenue", 2017, _A, _L, 9.86, "亿元"),
            Fig("general_budget_revenue", 2017, _A, _G, 6.7, "%"),
            Fig("", 2017, _A, _L, 7.12, "亿元", indicator="税收收入"),
            Fig("", 2017, _A, _G, 10.4, "%", indicator="税收收入"),
            Fig("", 2017, _A, _L, 41.3, "亿元", indicator="一般公共预算支出"),
            Fig("", 2017, _A, _G, 4.9, "%", indicator="一般公共预算支出"),
        ),
    ),
    Case(
        id="district22-tax-share-pp",
        style="district 2022 report, review, a share of revenue is not revenue",
        text="税收收入占一般公共预算收入的比重达到71.8%，比上年提高3.5个百分点。",
        report_year=2022,
        part="review",
        figures=(
            Fig("", 2021, _A, _L, 71.8, "%", indicator="税收收入占一般公共预算收入的比重"),
            Fig("", 2021, _A, _P, 3.5, "个百分点", indicator="税收收入占一般公共预算收入的比重"),
        ),
    ),
    Case(
        id="city17-all-industry-vs-above-scale",
        style="city 2017 report, review, 全部工业增加值 vs 规模以上",
        text="全部工业增加值完成812.6亿元，增长6.9%，其中规模以上工业增加值增长7.3%。",
        report_year=2017,
        part="review",
        figures=(
            Fig("industrial_value_added_all", 2016, _A, _L, 812.6, "亿元"),
            Fig("industrial_value_added_all", 2016, _A, _G, 6.9, "%"),
            Fig("industrial_value_added", 2016, _A, _G, 7.3, "%"),
        ),
    ),
    Case(
        id="city20-gdp-per-capita-and-urbanization",
        style="city 2020 report, review, 人均GDP is not GDP; 提高到 is a level",
        text="人均地区生产总值达到7.4万元，常住人口城镇化率提高到58.2%。",
        report_year=2020,
        part="review",
        figures=(
            Fig("", 2019, _A, _L, 7.4, "万元", indicator="人均地区生产总值"),
            Fig("", 2019, _A, _L, 58.2, "%", indicator="常住人口城镇化率"),
        ),
    ),
    Case(
        id="district24-latin-gdp",
        style="district 2024 report, review, GDP written in Latin letters",
        text="全区实现GDP 683.5亿元，同比增长6.2%，增速高于全市平均水平。",
        report_year=2024,
        part="review",
        figures=(
            Fig("gdp", 2023, _A, _L, 683.5, "亿元"),
            Fig("gdp", 2023, _A, _G, 6.2, "%"),
        ),
    ),
    Case(
        id="county21-pandemic-declines",
        style="county 2021 report, review, negative growth",
        text="受疫情冲击，全社会固定资产投资下降3.6%，社会消费品零售总额下降5.2%，外贸进出口总额增长12.8%。",
        report_year=2021,
        part="review",
        figures=(
            Fig("fixed_asset_investment", 2020, _A, _G, -3.6, "%"),
            Fig("retail_sales", 2020, _A, _G, -5.2, "%"),
            Fig("", 2020, _A, _G, 12.8, "%", indicator="外贸进出口总额"),
        ),
    ),
    Case(
        id="county16-income-without-renjun",
        style="county 2016 report, review, 人均 omitted",
        text="城镇居民可支配收入26430元，增长7.6%；农村居民可支配收入11860元，增长9.8%。",
        report_year=2016,
        part="review",
        figures=(
            Fig("urban_income_per_capita", 2015, _A, _L, 26430, "元"),
            Fig("urban_income_per_capita", 2015, _A, _G, 7.6, "%"),
            Fig("rural_income_per_capita", 2015, _A, _L, 11860, "元"),
            Fig("rural_income_per_capita", 2015, _A, _G, 9.8, "%"),
        ),
    ),
    Case(
        id="city19-fiscal-qizhong-local",
        style="city 2019 report, review, 财政收入 其中 地方一般公共预算收入",
        text="财政收入完成63.8亿元，增长5.9%，其中地方一般公共预算收入41.2亿元，增长6.3%。",
        report_year=2019,
        part="review",
        figures=(
            Fig("fiscal_revenue", 2018, _A, _L, 63.8, "亿元"),
            Fig("fiscal_revenue", 2018, _A, _G, 5.9, "%"),
            Fig("general_budget_revenue", 2018, _A, _L, 41.2, "亿元"),
            Fig("general_budget_revenue", 2018, _A, _G, 6.3, "%"),
        ),
    ),
    Case(
        id="district23-counts-with-5g",
        style="district 2023 report, review, counted units; 5G is part of a name",
        text="新增规模以上工业企业46家，新建5G基站1260个，完成农村危房改造386户。",
        report_year=2023,
        part="review",
        figures=(
            Fig("", 2022, _A, _L, 46, "家", indicator="新增规模以上工业企业"),
            Fig("", 2022, _A, _L, 1260, "个", indicator="新建5G基站"),
            Fig("", 2022, _A, _L, 386, "户", indicator="农村危房改造"),
        ),
    ),
    Case(
        id="county18-jobs-and-unemployment-le",
        style="county 2018 report, review, 控制在…以内 in a review",
        text="城镇新增就业1.36万人，城镇登记失业率控制在3.8%以内。",
        report_year=2018,
        part="review",
        figures=(
            Fig("", 2017, _A, _L, 1.36, "万人", indicator="城镇新增就业"),
            Fig("unemployment_rate", 2017, _A, _L, 3.8, "%", bound="le"),
        ),
    ),
    Case(
        id="city20-yu-foreign-capital",
        style="city 2020 report, review, 逾 and a foreign-currency unit",
        text="全年实际利用外资逾2.3亿美元，增长14.5%。",
        report_year=2020,
        part="review",
        figures=(
            Fig("", 2019, _A, _L, 2.3, "亿美元", bound="gt", indicator="实际利用外资"),
            Fig("", 2019, _A, _G, 14.5, "%", indicator="实际利用外资"),
        ),
    ),
    Case(
        id="province24-survey-unemployment-cpi",
        style="province 2024 report, review, 城镇调查失业率 and 居民消费价格上涨",
        text="全省城镇调查失业率平均为5.1%，居民消费价格上涨0.4%。",
        report_year=2024,
        part="review",
        figures=(
            Fig("unemployment_rate_surveyed", 2023, _A, _L, 5.1, "%"),
            Fig("", 2023, _A, _G, 0.4, "%", indicator="居民消费价格"),
        ),
    ),
    Case(
        id="city23-estimate-approx-total",
        style="city 2023 report, review, 预计 with 左右 on growth and total",
        text="预计全市地区生产总值增长4.5%左右，总量达到1.1万亿元左右。",
        report_year=2023,
        part="review",
        figures=(
            Fig("gdp", 2022, _E, _G, 4.5, "%", bound="approx"),
            Fig("gdp", 2022, _E, _L, 1.1, "万亿元", bound="approx"),
        ),
    ),
    Case(
        id="district21-output-value-vs-value-added",
        style="district 2021 report, review, 工业总产值 is not 增加值",
        text="全区规上工业总产值突破500亿元，规上工业增加值增长11.6%。",
        report_year=2021,
        part="review",
        figures=(
            Fig("", 2020, _A, _L, 500, "亿元", bound="gt", indicator="规上工业总产值"),
            Fig("industrial_value_added", 2020, _A, _G, 11.6, "%"),
        ),
    ),
    Case(
        id="county17-three-sectors-levels",
        style="county 2017 report, review, three sectors with levels; 服务业 = tertiary",
        text=(
            "第一产业增加值32.4亿元，增长3.9%；第二产业增加值61.7亿元，增长8.8%；"
            "服务业增加值54.1亿元，增长10.2%。"
        ),
        report_year=2017,
        part="review",
        figures=(
            Fig("primary_value_added", 2016, _A, _L, 32.4, "亿元"),
            Fig("primary_value_added", 2016, _A, _G, 3.9, "%"),
            Fig("secondary_value_added", 2016, _A, _L, 61.7, "亿元"),
            Fig("secondary_value_added", 2016, _A, _G, 8.8, "%"),
            Fig("tertiary_value_added", 2016, _A, _L, 54.1, "亿元"),
            Fig("tertiary_value_added", 2016, _A, _G, 10.2, "%"),
        ),
    ),
    Case(
        id="county24-fenbie-two-revenues",
        style="county 2024 report, review, 分别 over two different revenues",
        text="财政总收入、一般公共预算收入分别达到32.4亿元和19.8亿元。",
        report_year=2024,
        part="review",
        figures=(
            Fig("fiscal_revenue", 2023, _A, _L, 32.4, "亿元"),
            Fig("general_budget_revenue", 2023, _A, _L, 19.8, "亿元"),
        ),
    ),
    Case(
        id="county22-december-report-estimate",
        style="county 2022 report delivered in December 2021, review of the closing year",
        text="即将过去的一年，预计全县地区生产总值增长8.5%，一般公共预算收入增长6.2%。",
        report_year=2022,
        part="review",
        figures=(
            Fig("gdp", 2021, _E, _G, 8.5, "%"),
            Fig("general_budget_revenue", 2021, _E, _G, 6.2, "%"),
        ),
    ),
    Case(
        id="city15-level-growth-dun",
        style="city 2015 report, review, 、 between level and growth",
        text="全市完成全社会固定资产投资1386.2亿元、增长16.4%，社会消费品零售总额742.8亿元、增长12.6%。",
        report_year=2015,
        part="review",
        figures=(
            Fig("fixed_asset_investment", 2014, _A, _L, 1386.2, "亿元"),
            Fig("fixed_asset_investment", 2014, _A, _G, 16.4, "%"),
            Fig("retail_sales", 2014, _A, _L, 742.8, "亿元"),
            Fig("retail_sales", 2014, _A, _G, 12.6, "%"),
        ),
    ),
    Case(
        id="county20-gdp-per-capita-growth-follows",
        style="county 2020 report, review, growth clause with no own subject",
        text="人均地区生产总值达到5.26万元，增长6.9%；森林覆盖率达到63.4%。",
        report_year=2020,
        part="review",
        figures=(
            Fig("", 2019, _A, _L, 5.26, "万元", indicator="人均地区生产总值"),
            Fig("", 2019, _A, _G, 6.9, "%", indicator="人均地区生产总值"),
            Fig("", 2019, _A, _L, 63.4, "%", indicator="森林覆盖率"),
        ),
    ),
)

_REVIEW_SIMPLIFIED_MORE: tuple[Case, ...] = (
    Case(
        id="city22-huiluo-and-tisheng-pp",
        style="city 2022 report, review, 回落/提升X个百分点",
        text="全市城镇调查失业率为5.3%，比上年回落0.4个百分点；常住人口城镇化率达到61.7%，提升1.1个百分点。",
        report_year=2022,
        part="review",
        figures=(
            Fig("unemployment_rate_surveyed", 2021, _A, _L, 5.3, "%"),
            Fig("unemployment_rate_surveyed", 2021, _A, _P, -0.4, "个百分点"),
            Fig("", 2021, _A, _L, 61.7, "%", indicator="常住人口城镇化率"),
            Fig("", 2021, _A, _P, 1.1, "个百分点", indicator="常住人口城镇化率"),
        ),
    ),
    Case(
        id="county23-xiatong-wanyuan",
        style="county 2023 report, review, 同比（下同） and a level in 万元",
        text=(
            "全县地区生产总值同比（下同）增长4.6%，规模以上工业增加值增长5.9%，"
            "地方一般公共预算收入完成48630万元、增长3.2%。"
        ),
        report_year=2023,
        part="review",
        figures=(
            Fig("gdp", 2022, _A, _G, 4.6, "%"),
            Fig("industrial_value_added", 2022, _A, _G, 5.9, "%"),
            Fig("general_budget_revenue", 2022, _A, _L, 48630, "万元"),
            Fig("general_budget_revenue", 2022, _A, _G, 3.2, "%"),
        ),
    ),
)

_PLAN_SIMPLIFIED: tuple[Case, ...] = (
    Case(
        id="county22-targets-ge-eq",
        style="county 2022 report, plan, 主要预期目标 list",
        text=(
            "今年全县经济社会发展的主要预期目标是：地区生产总值增长7%以上，一般公共预算收入增长6%，"
            "规模以上工业增加值增长9%，固定资产投资增长10%以上。"
        ),
        report_year=2022,
        part="plan",
        figures=(
            Fig("gdp", 2022, _T, _G, 7, "%", bound="ge"),
            Fig("general_budget_revenue", 2022, _T, _G, 6, "%"),
            Fig("industrial_value_added", 2022, _T, _G, 9, "%"),
            Fig("fixed_asset_investment", 2022, _T, _G, 10, "%", bound="ge"),
        ),
    ),
    Case(
        id="province19-range-emdash-and-tongbu",
        style="province 2019 report, plan, range with —, 基本同步 has no figure",
        text="全省生产总值增长6.5%—7%，城镇登记失业率控制在4.5%以内，居民收入增长与经济增长基本同步。",
        report_year=2019,
        part="plan",
        figures=(
            Fig("gdp", 2019, _T, _G, None, "%", bound="range", low=6.5, high=7),
            Fig("unemployment_rate", 2019, _T, _L, 4.5, "%", bound="le"),
        ),
    ),
    Case(
        id="city23-approx-and-lizheng",
        style="city 2023 report, plan, 左右 plus a 力争 stretch target",
        text="地区生产总值增长6%左右，力争达到6.5%；社会消费品零售总额增长7%左右。",
        report_year=2023,
        part="plan",
        figures=(
            Fig("gdp", 2023, _T, _G, 6, "%", bound="approx"),
            Fig("gdp", 2023, _T, _G, 6.5, "%"),
            Fig("retail_sales", 2023, _T, _G, 7, "%", bound="approx"),
        ),
    ),
    Case(
        id="district24-income-fenbie-survey-rate",
        style="district 2024 report, plan, 分别 with 、",
        text="城乡居民人均可支配收入分别增长6%、7%，城镇调查失业率控制在5.5%以内。",
        report_year=2024,
        part="plan",
        figures=(
            Fig("urban_income_per_capita", 2024, _T, _G, 6, "%"),
            Fig("rural_income_per_capita", 2024, _T, _G, 7, "%"),
            Fig("unemployment_rate_surveyed", 2024, _T, _L, 5.5, "%", bound="le"),
        ),
    ),
    Case(
        id="province20-jun-both-incomes",
        style="province 2020 report, plan, 均 gives one figure per subject",
        text="城乡居民人均可支配收入均增长7.5%左右。",
        report_year=2020,
        part="plan",
        figures=(
            Fig("urban_income_per_capita", 2020, _T, _G, 7.5, "%", bound="approx"),
            Fig("rural_income_per_capita", 2020, _T, _G, 7.5, "%", bound="approx"),
        ),
    ),
    Case(
        id="city17-range-hyphen-unit-once",
        style="city 2017 report, plan, range X-Y% with the unit only once",
        text="全市生产总值增长8-8.5%，全社会固定资产投资增长12%左右。",
        report_year=2017,
        part="plan",
        figures=(
            Fig("gdp", 2017, _T, _G, None, "%", bound="range", low=8, high=8.5),
            Fig("fixed_asset_investment", 2017, _T, _G, 12, "%", bound="approx"),
        ),
    ),
    Case(
        id="district24-range-zhi",
        style="district 2024 report, plan, range X%至Y%",
        text="今年全区地区生产总值增长5%至5.5%，规上工业增加值增长6.5%。",
        report_year=2024,
        part="plan",
        figures=(
            Fig("gdp", 2024, _T, _G, None, "%", bound="range", low=5, high=5.5),
            Fig("industrial_value_added", 2024, _T, _G, 6.5, "%"),
        ),
    ),
    Case(
        id="county18-buditu-zhishao-diyu",
        style="county 2018 report, plan, 不低于/至少/低于",
        text="一般公共预算收入增长不低于8%，城镇新增就业至少5000人，城镇登记失业率低于4%。",
        report_year=2018,
        part="plan",
        figures=(
            Fig("general_budget_revenue", 2018, _T, _G, 8, "%", bound="ge"),
            Fig("", 2018, _T, _L, 5000, "人", bound="ge", indicator="城镇新增就业"),
            Fig("unemployment_rate", 2018, _T, _L, 4, "%", bound="lt"),
        ),
    ),
    Case(
        id="city21-level-targets",
        style="city 2021 report, plan, level targets",
        text="力争地区生产总值突破1000亿元，一般公共预算收入达到60亿元。",
        report_year=2021,
        part="plan",
        figures=(
            Fig("gdp", 2021, _T, _L, 1000, "亿元", bound="gt"),
            Fig("general_budget_revenue", 2021, _T, _L, 60, "亿元"),
        ),
    ),
    Case(
        id="county21-dao-2025",
        style="county 2021 report, plan, 十四五 horizon with an explicit year",
        text="今年地区生产总值增长8%以上；到2025年，地区生产总值达到500亿元，城镇化率达到60%。",
        report_year=2021,
        part="plan",
        figures=(
            Fig("gdp", 2021, _T, _G, 8, "%", bound="ge"),
            Fig("gdp", 2025, _T, _L, 500, "亿元"),
            Fig("", 2025, _T, _L, 60, "%", indicator="城镇化率"),
        ),
    ),
    Case(
        id="city22-le-words",
        style="city 2022 report, plan, 以上/不超过/以下",
        text="森林覆盖率稳定在62%以上，城镇调查失业率不超过5.5%，居民消费价格涨幅控制在3%以下。",
        report_year=2022,
        part="plan",
        figures=(
            Fig("", 2022, _T, _L, 62, "%", bound="ge", indicator="森林覆盖率"),
            Fig("unemployment_rate_surveyed", 2022, _T, _L, 5.5, "%", bound="le"),
            Fig("", 2022, _T, _G, 3, "%", bound="le", indicator="居民消费价格"),
        ),
    ),
    Case(
        id="province23-pp-targets",
        style="province 2023 report, plan, 提高X个百分点 as targets",
        text="研发经费投入强度提高0.2个百分点，常住人口城镇化率提高1.2个百分点。",
        report_year=2023,
        part="plan",
        figures=(
            Fig("", 2023, _T, _P, 0.2, "个百分点", indicator="研发经费投入强度"),
            Fig("", 2023, _T, _P, 1.2, "个百分点", indicator="常住人口城镇化率"),
        ),
    ),
    Case(
        id="city24-count-ranges",
        style="city 2024 report, plan, count ranges with — and -",
        text="新增国家高新技术企业30—50家，新培育省级专精特新企业1-2个。",
        report_year=2024,
        part="plan",
        figures=(
            Fig(
                "",
                2024,
                _T,
                _L,
                None,
                "家",
                bound="range",
                low=30,
                high=50,
                indicator="新增国家高新技术企业",
            ),
            Fig(
                "",
                2024,
                _T,
                _L,
                None,
                "个",
                bound="range",
                low=1,
                high=2,
                indicator="新培育省级专精特新企业",
            ),
        ),
    ),
    Case(
        id="county20-yue-approx",
        style="county 2020 report, plan, 约",
        text="全年计划实施重点项目约300个，完成投资约520亿元。",
        report_year=2020,
        part="plan",
        figures=(
            Fig("", 2020, _T, _L, 300, "个", bound="approx", indicator="重点项目"),
            Fig("", 2020, _T, _L, 520, "亿元", bound="approx", indicator="投资"),
        ),
    ),
    Case(
        id="district19-jin-approx",
        style="district 2019 report, plan, 近",
        text="新增城镇就业近1万人，城镇登记失业率控制在3.5%以内。",
        report_year=2019,
        part="plan",
        figures=(
            Fig("", 2019, _T, _L, 1, "万人", bound="approx", indicator="新增城镇就业"),
            Fig("unemployment_rate", 2019, _T, _L, 3.5, "%", bound="le"),
        ),
    ),
    Case(
        id="province15-classic-list",
        style="province 2015 report, plan, classic semicolon list",
        text=(
            "今年全省经济社会发展的主要预期目标是：生产总值增长8%左右；全社会固定资产投资增长15%；"
            "社会消费品零售总额增长12%；城镇居民人均可支配收入增长8.5%。"
        ),
        report_year=2015,
        part="plan",
        figures=(
            Fig("gdp", 2015, _T, _G, 8, "%", bound="approx"),
            Fig("fixed_asset_investment", 2015, _T, _G, 15, "%"),
            Fig("retail_sales", 2015, _T, _G, 12, "%"),
            Fig("urban_income_per_capita", 2015, _T, _G, 8.5, "%"),
        ),
    ),
    Case(
        id="city16-fiscal-services",
        style="city 2016 report, plan, 财政收入 and 服务业增加值",
        text="财政收入增长5%，服务业增加值增长8%，工业增加值增长6.5%左右。",
        report_year=2016,
        part="plan",
        figures=(
            Fig("fiscal_revenue", 2016, _T, _G, 5, "%"),
            Fig("tertiary_value_added", 2016, _T, _G, 8, "%"),
            Fig("industrial_value_added_all", 2016, _T, _G, 6.5, "%", bound="approx"),
        ),
    ),
    Case(
        id="county23-grain-floor",
        style="county 2023 report, plan, 稳定在…以上",
        text="粮食总产量稳定在45万吨以上，规模以上工业增加值增长8.5%左右。",
        report_year=2023,
        part="plan",
        figures=(
            Fig("", 2023, _T, _L, 45, "万吨", bound="ge", indicator="粮食总产量"),
            Fig("industrial_value_added", 2023, _T, _G, 8.5, "%", bound="approx"),
        ),
    ),
    Case(
        id="district18-gdp-latin-and-tongbu",
        style="district 2018 report, plan, GDP and 同步",
        text="全区GDP增长6.5%，居民收入增长与经济增长同步，城镇登记失业率控制在4.2%左右。",
        report_year=2018,
        part="plan",
        figures=(
            Fig("gdp", 2018, _T, _G, 6.5, "%"),
            Fig("unemployment_rate", 2018, _T, _L, 4.2, "%", bound="approx"),
        ),
    ),
    Case(
        id="county24-resident-income-generic",
        style="county 2024 report, plan, 居民人均可支配收入 without urban/rural",
        text="居民人均可支配收入增长6.5%，社会消费品零售总额增长6%以上。",
        report_year=2024,
        part="plan",
        figures=(
            Fig("", 2024, _T, _G, 6.5, "%", indicator="居民人均可支配收入"),
            Fig("retail_sales", 2024, _T, _G, 6, "%", bound="ge"),
        ),
    ),
    Case(
        id="city20-range-dao-and-duo",
        style="city 2020 report, plan, X到Y range and 多",
        text="全年新增城镇就业1.2万到1.5万人，新开工重点项目200多个。",
        report_year=2020,
        part="plan",
        figures=(
            Fig(
                "",
                2020,
                _T,
                _L,
                None,
                "万人",
                bound="range",
                low=1.2,
                high=1.5,
                indicator="新增城镇就业",
            ),
            Fig("", 2020, _T, _L, 200, "个", bound="gt", indicator="新开工重点项目"),
        ),
    ),
)

_TRADITIONAL: tuple[Case, ...] = (
    Case(
        id="trad-district19-review",
        style="district 2019 report, review, traditional (HK repost)",
        text=(
            "2018年，全區地區生產總值達到412.6億元、增長8.7%；規模以上工業增加值增長10.2%；"
            "地方一般公共預算收入18.35億元、增長7.4%。"
        ),
        report_year=2019,
        part="review",
        figures=(
            Fig("gdp", 2018, _A, _L, 412.6, "亿元"),
            Fig("gdp", 2018, _A, _G, 8.7, "%"),
            Fig("industrial_value_added", 2018, _A, _G, 10.2, "%"),
            Fig("general_budget_revenue", 2018, _A, _L, 18.35, "亿元"),
            Fig("general_budget_revenue", 2018, _A, _G, 7.4, "%"),
        ),
    ),
    Case(
        id="trad-district19-plan",
        style="district 2019 report, plan, traditional, 城、鄉 分別",
        text=(
            "區屬地區生產總值增長8.5%，全社會固定資產投資增長15%，"
            "城、鄉居民人均可支配收入分別增長8%、8.5%，城鎮登記失業率控制在4%以內。"
        ),
        report_year=2019,
        part="plan",
        figures=(
            Fig("gdp", 2019, _T, _G, 8.5, "%"),
            Fig("fixed_asset_investment", 2019, _T, _G, 15, "%"),
            Fig("urban_income_per_capita", 2019, _T, _G, 8, "%"),
            Fig("rural_income_per_capita", 2019, _T, _G, 8.5, "%"),
            Fig("unemployment_rate", 2019, _T, _L, 4, "%", bound="le"),
        ),
    ),
    Case(
        id="trad-province16-estimate",
        style="province 2016 report, review, traditional, 預計 and 萬億元",
        text="預計全省生產總值達到2.95萬億元，增長8.7%；社會消費品零售總額增長12.1%。",
        report_year=2016,
        part="review",
        figures=(
            Fig("gdp", 2015, _E, _L, 2.95, "万亿元"),
            Fig("gdp", 2015, _E, _G, 8.7, "%"),
            Fig("retail_sales", 2015, _E, _G, 12.1, "%"),
        ),
    ),
    Case(
        id="trad-county23-lizheng-ge",
        style="county 2023 report, plan, traditional, 力爭…以上",
        text="力爭固定資產投資增長15%以上、社會消費品零售總額增長8%以上，財政總收入達到18億元。",
        report_year=2023,
        part="plan",
        figures=(
            Fig("fixed_asset_investment", 2023, _T, _G, 15, "%", bound="ge"),
            Fig("retail_sales", 2023, _T, _G, 8, "%", bound="ge"),
            Fig("fiscal_revenue", 2023, _T, _L, 18, "亿元"),
        ),
    ),
    Case(
        id="trad-city17-five-year-from-to",
        style="city 2017 report, 過去五年 review, traditional, explicit years",
        text="五年來，全市地區生產總值從2011年的986.4億元增加到2016年的1532億元，經濟總量邁上新台階。",
        report_year=2017,
        part="review",
        figures=(
            Fig("gdp", 2011, _A, _L, 986.4, "亿元"),
            Fig("gdp", 2016, _A, _L, 1532, "亿元"),
        ),
    ),
    Case(
        id="trad-county20-pp-variant-char",
        style="county 2020 report, review, traditional with OpenCC variant 爲",
        text="城鎮登記失業率爲3.6%，比上年下降0.2個百分點。",
        report_year=2020,
        part="review",
        figures=(
            Fig("unemployment_rate", 2019, _A, _L, 3.6, "%"),
            Fig("unemployment_rate", 2019, _A, _P, -0.2, "个百分点"),
        ),
    ),
    Case(
        id="trad-province20-range",
        style="province 2020 report, plan, traditional, range with —",
        text="建議今年全省經濟社會發展的主要預期目標是：生產總值增長6%—6.5%，城鎮調查失業率5.5%左右。",
        report_year=2020,
        part="plan",
        figures=(
            Fig("gdp", 2020, _T, _G, None, "%", bound="range", low=6, high=6.5),
            Fig("unemployment_rate_surveyed", 2020, _T, _L, 5.5, "%", bound="approx"),
        ),
    ),
    Case(
        id="trad-county24-preliminary-sectors",
        style="county 2024 report, review, traditional, 初步核算 three sectors",
        text="經初步核算，全縣第一產業增加值增長4.2%，第二產業增加值增長7.6%，第三產業增加值增長6.8%。",
        report_year=2024,
        part="review",
        figures=(
            Fig("primary_value_added", 2023, _E, _G, 4.2, "%"),
            Fig("secondary_value_added", 2023, _E, _G, 7.6, "%"),
            Fig("tertiary_value_added", 2023, _E, _G, 6.8, "%"),
        ),
    ),
    Case(
        id="trad-city22-gt",
        style="city 2022 report, review, traditional, 突破/超過 with 萬人",
        text="社會消費品零售總額突破600億元，新增城鎮就業超過2.1萬人。",
        report_year=2022,
        part="review",
        figures=(
            Fig("retail_sales", 2021, _A, _L, 600, "亿元", bound="gt"),
            Fig("", 2021, _A, _L, 2.1, "万人", bound="gt", indicator="新增城镇就业"),
        ),
    ),
    Case(
        id="trad-county21-plan-tongkoujing",
        style="county 2021 report, plan, traditional, 同口徑",
        text="一般公共預算收入同口徑增長9%，規模以上工業增加值增長11%，城鎮登記失業率控制在4.2%以內。",
        report_year=2021,
        part="plan",
        figures=(
            Fig("general_budget_revenue", 2021, _T, _G, 9, "%"),
            Fig("industrial_value_added", 2021, _T, _G, 11, "%"),
            Fig("unemployment_rate", 2021, _T, _L, 4.2, "%", bound="le"),
        ),
    ),
)

_DAMAGED: tuple[Case, ...] = (
    Case(
        id="fw-county21-fullwidth-review",
        style="county 2021 report, review, full-width digits, ．and ％",
        text="全县地区生产总值完成２８６．４亿元，增长６．２％。",
        report_year=2021,
        part="review",
        figures=(
            Fig("gdp", 2020, _A, _L, 286.4, "亿元"),
            Fig("gdp", 2020, _A, _G, 6.2, "%"),
        ),
    ),
    Case(
        id="pdf-district20-stray-spaces",
        style="district 2020 report, review, PDF damage: spaces inside numbers and words",
        text="地区生产总值385. 23亿元，增 长 6%；规模以上工业增加值 107.6 亿元，增长 4.8%。",
        report_year=2020,
        part="review",
        figures=(
            Fig("gdp", 2019, _A, _L, 385.23, "亿元"),
            Fig("gdp", 2019, _A, _G, 6, "%"),
            Fig("industrial_value_added", 2019, _A, _L, 107.6, "亿元"),
            Fig("industrial_value_added", 2019, _A, _G, 4.8, "%"),
        ),
    ),
    Case(
        id="pdf-county22-line-breaks",
        style="county 2022 report, review, PDF damage: hard line breaks inside words",
        text="社会消费品零售总额86.4亿元，增\n长9.2%；一般公共预算收\n入7.35亿元。",
        report_year=2022,
        part="review",
        figures=(
            Fig("retail_sales", 2021, _A, _L, 86.4, "亿元"),
            Fig("retail_sales", 2021, _A, _G, 9.2, "%"),
            Fig("general_budget_revenue", 2021, _A, _L, 7.35, "亿元"),
        ),
    ),
    Case(
        id="pdf-city23-thousands-separator",
        style="city 2023 report, review, thousands separator in a level",
        text="城镇居民人均可支配收入36,580元，增长6.4%。",
        report_year=2023,
        part="review",
        figures=(
            Fig("urban_income_per_capita", 2022, _A, _L, 36580, "元"),
            Fig("urban_income_per_capita", 2022, _A, _G, 6.4, "%"),
        ),
    ),
    Case(
        id="fw-county19-fullwidth-plan",
        style="county 2019 report, plan, full-width digits",
        text="地区生产总值增长６％以上，城镇登记失业率控制在４．５％以内。",
        report_year=2019,
        part="plan",
        figures=(
            Fig("gdp", 2019, _T, _G, 6, "%", bound="ge"),
            Fig("unemployment_rate", 2019, _T, _L, 4.5, "%", bound="le"),
        ),
    ),
    Case(
        id="pdf-county20-footnote-markers",
        style="county 2020 report, review, circled footnote markers after terms and figures",
        text="全面落实“六稳”②工作要求，固定资产投资增长7.4%③，新增减税降费1.86亿元。",
        report_year=2020,
        part="review",
        figures=(
            Fig("fixed_asset_investment", 2019, _A, _G, 7.4, "%"),
            Fig("", 2019, _A, _L, 1.86, "亿元", indicator="新增减税降费"),
        ),
    ),
    Case(
        id="fw-trad-county19-rural-income",
        style="county 2019 report, review, traditional and full-width",
        text="農村居民人均可支配收入１６８２０元，增長７．９％。",
        report_year=2019,
        part="review",
        figures=(
            Fig("rural_income_per_capita", 2018, _A, _L, 16820, "元"),
            Fig("rural_income_per_capita", 2018, _A, _G, 7.9, "%"),
        ),
    ),
)

_TRAPS_WITH_FIGURES: tuple[Case, ...] = (
    Case(
        id="mixed-county22-centenary-and-gdp",
        style="county 2022 report, review, 100周年 and 十四五 next to a real figure",
        text="2021年是中国共产党成立100周年，也是“十四五”开局之年，全县地区生产总值增长7.8%。",
        report_year=2022,
        part="review",
        figures=(Fig("gdp", 2021, _A, _G, 7.8, "%"),),
    ),
    Case(
        id="mixed-county23-4a-count",
        style="county 2023 report, review, 4A级 inside the name, the count is 2",
        text="新增国家4A级旅游景区2家，乡村旅游接待人数增长18.5%。",
        report_year=2023,
        part="review",
        figures=(
            Fig("", 2022, _A, _L, 2, "家", indicator="新增国家4A级旅游景区"),
            Fig("", 2022, _A, _G, 18.5, "%", indicator="乡村旅游接待人数"),
        ),
    ),
    Case(
        id="mixed-city21-pm25-level",
        style="city 2021 report, review, PM2.5 is a name, 下降到 gives a level",
        text="细颗粒物（PM2.5）平均浓度下降到31微克/立方米。",
        report_year=2021,
        part="review",
        figures=(Fig("", 2020, _A, _L, 31, "微克/立方米", indicator="细颗粒物（PM2.5）平均浓度"),),
    ),
    Case(
        id="mixed-district23-1n-policy-money",
        style="district 2023 report, review, “1+N” is a name",
        text="落实“1+N”惠企政策体系，兑现各类奖补资金3.2亿元。",
        report_year=2023,
        part="review",
        figures=(Fig("", 2022, _A, _L, 3.2, "亿元", indicator="兑现各类奖补资金"),),
    ),
    Case(
        id="mixed-county19-document-number-and-figure",
        style="county 2019 report, review, document number then a figure",
        text="按照《澄川县产业扶持办法》（澄政发〔2018〕7号），全年兑现产业扶持资金5600万元。",
        report_year=2019,
        part="review",
        figures=(Fig("", 2018, _A, _L, 5600, "万元", indicator="产业扶持资金"),),
    ),
)

_NEGATIVE: tuple[Case, ...] = (
    Case(
        id="neg-document-number",
        style="county 2022 report, review, negative: document number",
        text="县政府先后出台《关于加快民营经济发展的若干意见》（澄政发〔2022〕3号）等政策文件。",
        report_year=2022,
        part="review",
    ),
    Case(
        id="neg-date-line",
        style="city 2023 report, negative: date line under the title",
        text="——2023年1月9日在梧原市第十六届人民代表大会第二次会议上",
        report_year=2023,
        part="review",
    ),
    Case(
        id="neg-pm-names",
        style="city 2024 report, plan, negative: PM2.5/PM10 as names",
        text="强化PM2.5和臭氧协同控制，开展PM10扬尘污染专项整治。",
        report_year=2024,
        part="plan",
    ),
    Case(
        id="neg-five-year-plans",
        style="province 2024 report, plan, negative: 十四五/十五五",
        text="确保“十四五”规划目标任务圆满完成，高质量编制“十五五”规划。",
        report_year=2024,
        part="plan",
    ),
    Case(
        id="neg-1n-5plus2",
        style="county 2022 report, plan, negative: “1+N” and “5+2”",
        text="构建“1+N”产业政策体系，做大做强“5+2”现代产业集群。",
        report_year=2022,
        part="plan",
    ),
    Case(
        id="neg-ordinals-session-quarter",
        style="city 2019 report, review, negative: ordinals 第十届 and 第三季度",
        text="成功承办第十届全省旅游发展大会，第三季度举办首届茶文化节。",
        report_year=2019,
        part="review",
    ),
    Case(
        id="neg-grades",
        style="county 2021 report, review, negative: 4A级, Ⅲ类, 三星级",
        text="枫渡古镇成功创建国家4A级旅游景区，出境断面水质稳定达到Ⅲ类，城区酒店通过三星级旅游饭店复核。",
        report_year=2021,
        part="review",
    ),
    Case(
        id="neg-anniversaries",
        style="county 2022 report, review, negative: 100周年 and 60周年",
        text="隆重庆祝中国共产党成立100周年和建县60周年。",
        report_year=2022,
        part="review",
    ),
    Case(
        id="neg-n-year-actions",
        style="county 2023 report, plan, negative: 3年行动/5年行动 as names",
        text="深入实施农村人居环境整治提升5年行动和“美丽乡村”3年行动计划。",
        report_year=2023,
        part="plan",
    ),
    Case(
        id="neg-road-numbers",
        style="county 2020 report, plan, negative: 国道/省道 numbers",
        text="加快推进G210国道改线工程和S312省道提质改造，力促沿江高铁前期工作。",
        report_year=2020,
        part="plan",
    ),
    Case(
        id="neg-list-numbering",
        style="district 2021 report, plan, negative: list numbering",
        text="1.坚持项目为王，扩大有效投资。2.坚持创新驱动，培育发展动能。",
        report_year=2021,
        part="plan",
    ),
    Case(
        id="neg-hotline-24h",
        style="city 2022 report, review, negative: hotline number and 7×24小时",
        text="畅通12345政务服务便民热线，实行“7×24小时”受理。",
        report_year=2022,
        part="review",
    ),
    Case(
        id="neg-article-numbers",
        style="province 2018 report, plan, negative: article numbers",
        text="严格执行《中华人民共和国预算法》第四十九条和《实施条例》第20条的规定。",
        report_year=2018,
        part="plan",
    ),
    Case(
        id="neg-congress-ordinals",
        style="county 2024 report, plan, negative: 二十大, 二十届二中全会, 十七届人大三次会议",
        text="全面贯彻党的二十大和二十届二中全会精神，认真落实县十七届人大三次会议各项决议。",
        report_year=2024,
        part="plan",
    ),
    Case(
        id="neg-age-thresholds",
        style="county 2019 report, plan, negative: age thresholds",
        text="为全县80周岁以上老年人发放高龄津贴，为60岁以上参保人员提供免费体检。",
        report_year=2019,
        part="plan",
    ),
    Case(
        id="neg-horizon-2035",
        style="city 2021 report, plan, negative: a horizon year only",
        text="展望2035年，基本实现社会主义现代化，建成区域性中心城市。",
        report_year=2021,
        part="plan",
    ),
    Case(
        id="neg-tech-names",
        style="city 2024 report, plan, negative: G60, 5G, 6G",
        text="深度融入G60科创走廊，推动5G、6G和北斗应用场景落地。",
        report_year=2024,
        part="plan",
    ),
    Case(
        id="neg-slogan-codes-footnotes",
        style="county 2020 report, review, negative: numeric slogan and footnote markers",
        text="紧扣“2346”总体发展思路①，统筹推进“六稳”②“六保”③工作。",
        report_year=2020,
        part="review",
    ),
    Case(
        id="neg-hotlines-consumer",
        style="district 2023 report, review, negative: 12315/12369 hotlines",
        text="用好12315消费维权热线和12369环保举报热线，群众诉求及时办结。",
        report_year=2023,
        part="review",
    ),
    Case(
        id="neg-trad-names",
        style="province 2023 report, plan, traditional, negative: 二十大, 十四五, 5A級",
        text="深入學習貫徹黨的二十大精神，紮實推進“十四五”規劃，積極創建國家5A級旅遊景區。",
        report_year=2023,
        part="plan",
    ),
    Case(
        id="neg-trad-document-number",
        style="city 2022 report, review, traditional, negative: document number",
        text="依據《關於推進鄉村振興的實施意見》（雁政發〔2021〕15號），全面完成各項年度任務。",
        report_year=2022,
        part="review",
    ),
    Case(
        id="neg-fullwidth-date-line",
        style="county 2022 report, negative: date line with full-width digits",
        text="——２０２２年１月１２日在岚溪县第十八届人民代表大会第一次会议上",
        report_year=2022,
        part="review",
    ),
    Case(
        id="neg-chinese-numeral-slogans",
        style="county 2019 report, review, negative: counts inside slogans",
        text="坚决打好三大攻坚战，扎实推进“四好农村路”建设。",
        report_year=2019,
        part="review",
    ),
    Case(
        id="neg-qualitative",
        style="city 2023 report, review, negative: qualitative only",
        text="经济运行稳中有进，主要指标增速保持全省前列，发展质量效益稳步提升。",
        report_year=2023,
        part="review",
    ),
    Case(
        id="neg-section-headings",
        style="district 2024 report, negative: section headings with years",
        text="一、2023年工作回顾\n二、2024年工作安排",
        report_year=2024,
        part="review",
    ),
    Case(
        id="neg-standards",
        style="district 2021 report, plan, negative: standard codes",
        text="引导企业开展ISO14001环境管理体系和GB/T 19001质量管理体系认证。",
        report_year=2021,
        part="plan",
    ),
    Case(
        id="neg-batch-ordinal",
        style="county 2023 report, review, negative: 第3批 and 第二批",
        text="入选第3批国家农业产业强镇创建名单，获评第二批省级全域旅游示范区。",
        report_year=2023,
        part="review",
    ),
    Case(
        id="neg-shopping-festivals",
        style="city 2024 report, plan, negative: “双11”“618” as names",
        text="借势“双11”“618”等促销节点，举办系列消费季活动。",
        report_year=2024,
        part="plan",
    ),
    Case(
        id="neg-effective-date",
        style="province 2024 report, review, negative: an effective date",
        text="《泺北省优化营商环境条例》自2023年7月1日起正式施行。",
        report_year=2024,
        part="review",
    ),
)

CASES: tuple[Case, ...] = (
    _REVIEW_SIMPLIFIED
    + _REVIEW_SIMPLIFIED_MORE
    + _PLAN_SIMPLIFIED
    + _TRADITIONAL
    + _DAMAGED
    + _TRAPS_WITH_FIGURES
    + _NEGATIVE
)
