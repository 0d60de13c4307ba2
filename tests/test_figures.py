"""The figures table: real sentences of the report, the genre's other styles, and traps."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.extraction import FIGURE_COLUMNS, extract_text
from analysis.extraction.extract import Context, parse_sentence
from analysis.extraction.schema import figure_schema

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases.genre_cases import CASES, INDICATOR_IDS

REVIEW_2019 = Context("review", 2019)
PLAN_2020 = Context("plan", 2020)


def _rows(sentence: str, ctx: Context) -> list[tuple]:
    return [
        (f.indicator_id or f.indicator, f.measure, f.value, f.quantity.unit, f.quantity.bound)
        for f in parse_sentence(sentence, ctx)
    ]


# Real sentences of the Liujiang report (normalized), and what a careful reader extracts.
REAL = [
    (
        "2019年全区完成地区生产总值302.4亿元，增长5%；",
        [("gdp", "level", 302.4, "亿元", "eq"), ("gdp", "growth_pct", 5.0, "%", "eq")],
    ),
    ("固定资产投资增长13%；", [("fixed_asset_investment", "growth_pct", 13.0, "%", "eq")]),
    (
        "PM10、PM2.5同比下降5.7%、8.7%，环境空气优良率88.6%，比去年同期提升7.1个百分点。",
        [
            ("PM10", "growth_pct", -5.7, "%", "eq"),
            ("PM2.5", "growth_pct", -8.7, "%", "eq"),
            ("air_quality_good_rate", "level", 88.6, "%", "eq"),
            ("air_quality_good_rate", "change_pp", 7.1, "个百分点", "eq"),
        ],
    ),
    (
        "全区贫困发生率由1.08%下降至0.15%；",
        [
            ("poverty_incidence", "level", 1.08, "%", "eq"),
            ("poverty_incidence", "level", 0.15, "%", "eq"),
        ],
    ),
    (
        "城镇居民可支配收入37522元，同比增长7%；",
        [
            ("urban_income_per_capita", "level", 37522.0, "元", "eq"),
            ("urban_income_per_capita", "growth_pct", 7.0, "%", "eq"),
        ],
    ),
    (
        "全区接待游客454万人次，增长37%，实现旅游收入47亿元，增长42%。",
        [
            ("tourist_arrivals", "level", 454.0, "万人次", "eq"),
            ("tourist_arrivals", "growth_pct", 37.0, "%", "eq"),
            ("tourism_revenue", "level", 47.0, "亿元", "eq"),
            ("tourism_revenue", "growth_pct", 42.0, "%", "eq"),
        ],
    ),
    (
        "投入8400多万元完善基础设施，配备教育技术装备。",
        [("投入完善基础设施", "level", 8400.0, "万元", "gt")],
    ),
    (
        "国家级高新技术企业突破50家，科技型中小企业达40家。",
        [
            ("国家级高新技术企业", "level", 50.0, "家", "gt"),
            ("科技型中小企业", "level", 40.0, "家", "eq"),
        ],
    ),
    (
        "各季度扫黑除恶成效民调群众满意度均保持在93%以上。",
        [("各季度扫黑除恶成效民调群众满意度", "level", 93.0, "%", "ge")],
    ),
    (
        "全年共1379户4309人实现脱贫、4个贫困村摘帽。",
        [
            ("脱贫", "level", 1379.0, "户", "eq"),
            ("脱贫", "level", 4309.0, "人", "eq"),
            ("贫困村摘帽", "level", 4.0, "个", "eq"),
        ],
    ),
    (
        "严审重判涉毒案件101件124人。",
        [
            ("严审重判涉毒案件", "level", 101.0, "件", "eq"),
            ("严审重判涉毒案件", "level", 124.0, "人", "eq"),
        ],
    ),
    (
        "受惠学生3.26万人，2.01万人次的学生（幼儿）分别获得国家和地方各类资助。",
        [
            ("受惠学生", "level", 3.26, "万人", "eq"),
            ("学生（幼儿）", "level", 2.01, "万人次", "eq"),
        ],
    ),
]
REAL_PLAN = [
    (
        "地区生产总值增长6.5%以上，规模以上工业增加值增长5%以上，固定资产投资增长13%，"
        "财政收入增长3.5%以上。",
        [
            ("gdp", "growth_pct", 6.5, "%", "ge"),
            ("industrial_value_added", "growth_pct", 5.0, "%", "ge"),
            ("fixed_asset_investment", "growth_pct", 13.0, "%", "eq"),
            ("fiscal_revenue", "growth_pct", 3.5, "%", "ge"),
        ],
    ),
    (
        "力争打造1—2个自治区级现代特色农业示范区。",
        [("打造自治区级现代特色农业示范区", "level", None, "个", "range")],
    ),
    ("全社会研发投入（R&D）强度2%以上。", [("rd_intensity", "level", 2.0, "%", "ge")]),
    ("力争年内实现电商产值10亿元以上。", [("电商产值", "level", 10.0, "亿元", "ge")]),
    (
        "力争签约2个商务部电商扶贫频道的电商平台。",  # 签约 is not the bound 约
        [("商务部电商扶贫频道的电商平台", "level", 2.0, "个", "eq")],
    ),
]


def test_a_parenthetical_count_keeps_its_object() -> None:
    rows = _rows("财政收入24亿元，增长4.1%（剔除划出的4个镇不可比因素）；", REVIEW_2019)
    assert rows[:2] == [
        ("fiscal_revenue", "level", 24.0, "亿元", "eq"),
        ("fiscal_revenue", "growth_pct", 4.1, "%", "eq"),
    ]
    ((name, measure, value, unit, bound),) = rows[2:]
    assert "划出的镇" in name and (measure, value, unit, bound) == ("level", 4.0, "个", "eq")


@pytest.mark.parametrize(("sentence", "expected"), REAL)
def test_real_review_sentences(sentence: str, expected: list[tuple]) -> None:
    assert _rows(sentence, REVIEW_2019) == expected


@pytest.mark.parametrize(("sentence", "expected"), REAL_PLAN)
def test_real_plan_sentences(sentence: str, expected: list[tuple]) -> None:
    assert _rows(sentence, PLAN_2020) == expected


NEGATIVE = [
    "江政发〔2020〕5号",
    "2020年2月17日",
    "——2020年1月8日在柳州市柳江区第一届人民代表大会第四次会议上",
    "紧扣“1353”总体工作部署①，聚焦转型升级。",
    "紧紧围绕柳州市工业高质量发展和“5+5”产业③布局。",
    "成功举办庆祝新中国成立70周年暨第八届荷花文化旅游节。",
    "积极创建“百朋荷苑”国家4A级旅游景区。",
    "全区集中式饮用水水源地水质均达到国家Ⅲ类水质。",
    "PM2.5浓度持续下降。",
    "突出抓好百朋下伦景区、322国道宜柳高速公路至三都段沿线两侧房屋改造。",
    "创新举办好柳江区第九届荷花文化旅游节。",
    "认真组织编制柳江区“十四五”国民经济和社会发展规划。",
    "贫困户积极参与“5+2”、贫困村“3+1”特色种植。",
    "2018年度石漠化综合治理工程的所有子项目全部完工。",
    "项目从签约到投产仅用了两个多月时间。",
    "第三季度达到历史新高。",
]


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_labels_dates_ordinals_and_codes_are_not_figures(sentence: str) -> None:
    assert parse_sentence(sentence, REVIEW_2019) == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_genre_cases_of_other_places_years_and_scripts(case) -> None:
    """Sentences written in the style of other reports (tests/cases/GENRE_NOTES.md)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluation"))
    from genre import expected_case, extract_case

    got = [
        (
            d["indicator_id"] if d["indicator_id"] in INDICATOR_IDS else "",
            d["year"],
            d["status"],
            d["measure"],
            d["value"],
            d["low"],
            d["high"],
            d["unit"],
            d["bound"],
        )
        for d in extract_case(case)
    ]
    want = [
        (d["indicator_id"], d["year"], d["status"], d["measure"], d["value"], d["low"],
         d["high"], d["unit"], d["bound"])
        for d in expected_case(case)
    ]
    assert got == want
    # The name, where the case gives one (an indicator without an id): as the text says it.
    names = [d["indicator"] for d in extract_case(case)]
    for i, d in enumerate(expected_case(case)):
        if d["indicator"]:
            assert d["indicator"] in names[i], (d["indicator"], names[i])


# --- the report's headline figures, hand-checked against the text --------------------------

HEADLINE = [  # (indicator_id, year, status, measure, value, unit, bound)
    ("gdp", 2020, "target", "growth_pct", 6.5, "%", "ge"),
    ("industrial_value_added", 2020, "target", "growth_pct", 5.0, "%", "ge"),
    ("fixed_asset_investment", 2020, "target", "growth_pct", 13.0, "%", "eq"),
    ("fiscal_revenue", 2020, "target", "growth_pct", 3.5, "%", "ge"),
    ("retail_sales", 2020, "target", "growth_pct", 9.0, "%", "eq"),
    ("urban_income_per_capita", 2020, "target", "growth_pct", 7.0, "%", "eq"),
    ("rural_income_per_capita", 2020, "target", "growth_pct", 9.0, "%", "eq"),
    ("gdp", 2019, "estimate", "level", 302.4, "亿元", "eq"),
    ("gdp", 2019, "estimate", "growth_pct", 5.0, "%", "eq"),
    ("industrial_value_added", 2019, "estimate", "level", 107.6, "亿元", "eq"),
    ("fiscal_revenue", 2019, "estimate", "level", 24.0, "亿元", "eq"),
    ("fiscal_revenue", 2019, "estimate", "growth_pct", 4.1, "%", "eq"),
    ("fixed_asset_investment", 2019, "estimate", "growth_pct", 13.0, "%", "eq"),
    ("retail_sales", 2019, "estimate", "level", 60.7, "亿元", "eq"),
    ("retail_sales", 2019, "estimate", "growth_pct", 10.0, "%", "eq"),
    ("urban_income_per_capita", 2019, "actual", "level", 37522.0, "元", "eq"),
    ("urban_income_per_capita", 2019, "actual", "growth_pct", 7.0, "%", "eq"),
    ("rural_income_per_capita", 2019, "actual", "level", 15090.0, "元", "eq"),
    ("rural_income_per_capita", 2019, "actual", "growth_pct", 10.0, "%", "eq"),
    ("tertiary_value_added", 2019, "estimate", "level", 119.1, "亿元", "eq"),
    ("agriculture_output", 2019, "estimate", "level", 83.7, "亿元", "eq"),
]


@pytest.fixture(scope="module")
def figs(report):
    return analysis.figures(report)


@pytest.mark.parametrize("row", HEADLINE, ids=[f"{r[0]}-{r[1]}-{r[3]}" for r in HEADLINE])
def test_headline_figures(figs, row: tuple) -> None:
    ident, year, status, measure, value, unit, bound = row
    hit = figs[
        (figs.indicator_id == ident)
        & (figs.year == year)
        & (figs.measure == measure)
        & (figs.status == status)
    ]
    assert len(hit) == 1, hit
    got = hit.iloc[0]
    assert (got.value, got.unit, got.bound) == (value, unit, bound)
    if bound == "ge":
        assert got.low == value and math.isnan(got.high)


def test_every_figure_quotes_its_raw_span_and_fits_the_schema(report, figs) -> None:
    assert list(figs.columns) == list(FIGURE_COLUMNS)
    figure_schema().validate(figs)
    for start, end, quote in zip(figs.start, figs.end, figs.quote, strict=True):
        assert report.raw[start:end] == quote
    assert len(figs) > 100
    assert not figs.duplicated(["doc", "start", "indicator"]).any()


def test_the_figures_table_can_be_edited_in_every_column() -> None:
    """Columns built from Arrow buffers must still take a user's edits (no read-only data)."""
    figs = extract_text("2019年全区实现旅游收入47亿元，增长42%。")
    assert len(figs) == 2 and figs.period_start.isna().all()  # None read as missing
    edits = {"year": 2018, "value": 1.5, "low": 0.5, "high": 2.5, "multiplier": 10.0,
             "start": 3, "end": 4, "sentence_id": 9, "period_start": 2016, "period_end": 2020,
             "headline": True, "indicator": "旅游总收入"}
    for column, value in edits.items():
        figs.loc[1, column] = value
        figs[column].array[0] = value  # in place, on the column's own array
        assert figs.loc[1, column] == value and figs.loc[0, column] == value, column


def test_thresholds_that_qualify_a_noun_are_not_figures() -> None:
    rows = _rows("完成通20户以上自然屯道路硬化32公里。", REVIEW_2019)
    assert [(r[2], r[3]) for r in rows] == [(32.0, "公里")]
    rows = _rows("新增划定2处1000人以上农村水源保护区。", REVIEW_2019)
    assert [(r[2], r[3]) for r in rows] == [(2.0, "处")]
    # … but a floor on a count is a figure: "3个以上项目" is a target of at least 3 projects.
    rows = _rows("力争3个以上项目年底前实现过渡性生产。", PLAN_2020)
    assert [(r[2], r[3], r[4]) for r in rows] == [(3.0, "个", "ge")]


def test_glossary_front_matter_and_appendix_rules(figs) -> None:
    # The glossary's item numbers and the notice's document number give no figure …
    assert not figs.section.isin(["glossary", "front", "colophon"]).any()
    # … while the appendix's planned projects are 2020 targets.
    app = figs[figs.section == "appendix"]
    assert app[["value", "unit", "status", "year"]].values.tolist() == [
        [17.0, "个", "target", 2020],
        [20.0, "个", "target", 2020],
    ]


def test_year_comes_from_the_report_not_a_constant() -> None:
    text = (
        "2024年政府工作报告\n一、2023年工作回顾\n初步核算，全县地区生产总值达到188.2亿元，增长5.6%。\n"
        "二、2024年主要目标任务\n地区生产总值增长6%左右，一般公共预算收入增长5%。\n"
    )
    f = extract_text(text, doc="synthetic")
    assert f[["indicator_id", "year", "status", "measure", "value", "bound"]].values.tolist() == [
        ["gdp", 2023, "estimate", "level", 188.2, "eq"],
        ["gdp", 2023, "estimate", "growth_pct", 5.6, "eq"],
        ["gdp", 2024, "target", "growth_pct", 6.0, "approx"],
        ["general_budget_revenue", 2024, "target", "growth_pct", 5.0, "eq"],
    ]


# --- properties ---------------------------------------------------------------------------

_CHARS = st.sampled_from(
    list("增长下降亿元万人次户个%％。，；、以上左右约多—0123456789.地区生产总值 \n第年月日PM+“”")
)


@settings(max_examples=200, deadline=None)
@given(st.text(_CHARS, min_size=1, max_size=120))
def test_random_text_never_crashes_and_keeps_provenance(text: str) -> None:
    if not text.strip():
        return
    f = extract_text(text)
    for start, end, quote in zip(f.start, f.end, f.quote, strict=True):
        assert text[start:end] == quote
    assert f["bound"].isin(["eq", "ge", "gt", "le", "lt", "approx", "range"]).all()


# --- issue 10: no silent wrong value ----------------------------------------------------------


def test_doubtful_numbers_are_listed_with_raw_offsets_and_not_read() -> None:
    from analysis.extraction import doubts
    from analysis.reading.document import Report

    report = Report.fromstring("一、过去一年\n全年完成投资30 2.4亿元，建成住房2 000套。\n", doc="t")
    d = doubts(report)
    assert list(d["quote"]) == ["30 2.4亿元"]
    assert all(report.raw[a:b] == q for a, b, q in zip(d.start, d.end, d.quote, strict=True))
    figs = analysis.figures(report)
    assert 2.4 not in set(figs["value"]) and 2000.0 in set(figs["value"])
    assert not figs["indicator"].str.contains(r"\d").any()


def test_a_line_break_inside_a_figure_is_not_a_paragraph_break() -> None:
    """national-china-2017.txt: 国内生产总值达到74.4⏎\u200b⏎万亿元 (the real line breaks)."""
    from analysis.reading.document import Report

    report = Report.fromstring("国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。\n", doc="t")
    figs = analysis.figures(report)
    gdp = figs[(figs.indicator_id == "gdp") & (figs.measure == "level")]
    assert list(gdp["value"]) == [74.4] and list(gdp["unit"]) == ["万亿元"]


# --- real corpus sentences (tests/cases/real_sentences.py) ------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluation"))
from cases.real_sentences import CASES as REAL_CASES  # noqa: E402
from cases.real_sentences import KNOWN_WRONG  # noqa: E402


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason="known wrong, see file"))
        if c[2][:12] in KNOWN_WRONG else c
        for c in REAL_CASES
    ],
    ids=[f"{c[0]}:{c[2][:10]}" for c in REAL_CASES],
)
def test_real_corpus_sentences_every_field(case) -> None:
    from real import case_right, expected, extracted

    assert case_right(case), (expected(case), extracted(case))


def test_pinyin_annotations_of_a_repost_are_dropped_with_raw_offsets_kept() -> None:
    """Invented repost in traditional script with pinyin after some characters."""
    from analysis.reading.text import normalize

    nt = normalize("全市地區生產總值增長(zhǎng)5.2%，實(shí)現(xiàn)一般公共預算收入30億元。")
    figs = parse_sentence(nt.text, REVIEW_2019)
    assert [(f.indicator_id, f.measure, f.value) for f in figs] == [
        ("gdp", "growth_pct", 5.2), ("general_budget_revenue", "level", 30.0)]
    i = nt.text.index("5.2")
    assert nt.quote(i, i + 4) == "5.2%"


def test_a_news_item_takes_its_year_from_the_sentence() -> None:
    """Invented news item: no report structure, the year is stated in the sentence."""
    from analysis.extraction.extract import Context

    ctx = Context(None, None)
    figs = parse_sentence("2024年，全省地区生产总值达到5.6万亿元，同比增长5.1%。", ctx)
    assert [(f.indicator_id, f.year, f.measure, f.value) for f in figs] == [
        ("gdp", 2024, "level", 5.6), ("gdp", 2024, "growth_pct", 5.1)]
    assert {f.status for f in figs} == {"actual"}


def test_a_five_year_average_is_never_the_years_growth_target() -> None:
    from analysis.extraction.extract import Context

    (f,) = parse_sentence("“十四五”期间地区生产总值年均增长6.5%左右。", Context("plan", 2021))
    assert (f.indicator_id, f.measure, f.period_start, f.period_end, f.year) == (
        "gdp", "avg_growth_pct", 2021, 2025, 2025)
    (f,) = parse_sentence("到2025年，数字经济核心产业增加值突破400亿元。", Context("plan", 2021))
    assert (f.year, f.value, f.quantity.bound, f.measure) == (2025, 400.0, "gt", "level")


@pytest.mark.parametrize(
    ("sentence", "want"),
    [  # written in the genre's style before the rule (a Gansu 2026 review sentence showed it)
        ("全市地区生产总值达到1520亿元，较“十三五”末的1180亿元增加340亿元，增长28.8%。",
         [("level", 1520.0, 2025, None, None), ("level", 1180.0, 2020, None, None),
          ("change", 340.0, 2025, 2020, 2025), ("growth_pct", 28.8, 2025, 2020, 2025)]),
        ("全县固定资产投资比2020年增长35%，财政收入增长4%。",
         [("growth_pct", 35.0, 2025, 2020, 2025), ("growth_pct", 4.0, 2025, None, None)]),
        ("地区生产总值增长5.8%，比上年提高0.3个百分点。",
         [("growth_pct", 5.8, 2025, None, None), ("change_pp", 0.3, 2025, None, None)]),
        ("与2020年相比，城镇居民人均可支配收入增加1.2万元；今年农村居民人均可支配收入增长6%。",
         [("change", 1.2, 2025, 2020, 2025), ("growth_pct", 6.0, 2025, None, None)]),
    ],
)
def test_a_change_from_a_stated_base_year_keeps_its_period(sentence, want) -> None:
    """比2020年 / 较“十三五”末: the change spans several years and is never the year's own; a
    level right after the base is the base year's level."""
    got = [(f.measure, f.value, f.year, f.period_start, f.period_end)
           for f in parse_sentence(sentence, Context("review", 2025))]
    assert got == want


@pytest.mark.parametrize(
    ("sentence", "want"),
    [  # real sentences of the corpus, found by a corpus-wide run after the relation rule
        ("加大对高耗能、高排放和产能过剩行业的调控力度，淘汰落后的水泥产能1.5亿吨、炼铁产能3122万吨、焦炭产能1925万吨。",
         [("level", 1.5, "亿吨"), ("level", 3122.0, "万吨"), ("level", 1925.0, "万吨")]),
        ("工业技改投资、制造业技改投资增速分别高于全国12.7个、12个百分点。",
         [("relative_pp", 12.7, "个百分点"), ("relative_pp", 12.0, "个百分点")]),
    ],
)
def test_adjectives_are_not_comparisons_and_points_are_shared(sentence, want) -> None:
    got = [(f.measure, f.value, f.quantity.unit) for f in parse_sentence(sentence, REVIEW_2019)]
    assert got == want


def test_a_list_with_its_own_subjects_never_borrows_the_previous_list() -> None:
    """national-china-2025.txt: the second list was given the first list's names."""
    s = ("高技术制造业、装备制造业增加值分别增长8.9%、7.7%，新能源汽车年产量突破1300万辆；"
         "信息传输软件和信息技术服务业、租赁和商务服务业增加值分别增长10.9%、10.4%。")
    names = [f.indicator for f in parse_sentence(s, REVIEW_2019)]
    assert names == ["高技术制造业增加值", "装备制造业增加值", "新能源汽车年产量",
                     "信息传输软件和信息技术服务业增加值", "租赁和商务服务业增加值"]


# _strip_trailing takes the whole run of trailing words in one match on the reversed
# phrase; the rule it must equal is _TRAIL_ONE's, applied one trailing word at a time (the
# leftmost match in the window is the longest ending).
_TRAIL_PIECES = ["增长", "达到", "为", "共", "约", "比上年", "同比", "（下同）", "(下同)", "(",
                 "（", "2019年", "2020年底", "1999年末", "2019", "年", "底", "末", "投资", "的",
                 "新增", "增", "\n", "5", "。", "按可比价格计算", "上年", "到", "至"]


def _strip_trailing_one_at_a_time(s: str) -> str:
    from analysis.extraction import extract as ex

    s = ex._TRAIL_DIGITS.sub("", s)
    while (m := ex._TRAIL_ONE.search(s, max(0, len(s) - ex._TRAIL_WINDOW))) and m.end() > 0:
        s = s[: m.start()]
    return s


@given(st.lists(st.sampled_from(_TRAIL_PIECES), min_size=1, max_size=8).map("".join))
def test_trailing_words_in_one_run_are_the_regex_rule(s: str) -> None:
    from analysis.extraction import extract as ex

    assert ex._strip_trailing(s) == _strip_trailing_one_at_a_time(s)


@given(st.text(alphabet="增长5%，；。\n:a", max_size=30), st.data())
def test_a_clause_starts_after_the_last_boundary_before_it(text: str,
                                                           data: st.DataObject) -> None:
    from analysis.extraction import extract as ex

    pos = data.draw(st.integers(0, len(text)))
    i = pos  # the rule, spelled out: scan back to the last boundary character
    while i > 0 and text[i - 1] not in ex._BOUNDARY:
        i -= 1
    assert ex._clause_start(text, pos) == i
    assert ex._clause_start(text, pos, ex._boundaries(text)) == i


_LOOK_BACK_PIECES = ["过去一年，工业增长5%。", "去年，收入增长3%。", "今年要增长6%。",
                     "投资增长4%。", "刚刚过去的一年，就业稳定。", "目标是8%。", "\n", "过去一年",
                     "，", "去年。"]


def _looking_back_by_scan(report: analysis.Report) -> frozenset[int]:
    """The look-back rule, spelled out as a scan of every sentence."""
    from analysis.extraction import extract as ex

    text = report.normalized.text
    out: set[int] = set()
    paragraph, on = -1, False
    for s in report._sentences:
        if s.paragraph != paragraph:
            paragraph, on = s.paragraph, False
        if ex._LOOK_BACK.match(text, s.start, s.end):
            on = True
        elif on and ex._FORWARD.search(text, s.start, s.end):
            on = False
        if on:
            out.add(s.index)
    return frozenset(out)


@given(st.lists(st.sampled_from(_LOOK_BACK_PIECES), min_size=1, max_size=12).map(
    lambda pieces: "报告\n" + "".join(pieces)))
def test_look_back_sentences_from_cue_positions_are_the_scan_rule(text: str) -> None:
    from analysis.extraction import extract as ex

    report = analysis.Report.fromstring(text, doc="t")
    assert ex._looking_back(report) == _looking_back_by_scan(report)


@given(st.lists(st.sampled_from(["增长5%。", "加快发展。", "两万", "三", "成。", "\n", "翻一番。",
                                 "十", "万元；", "PM2.5", "两位数"]),
                min_size=1, max_size=12).map("".join), st.data())
def test_sentences_passed_over_between_hints_hold_no_quantity(text: str,
                                                              data: st.DataObject) -> None:
    """Any spans in order, even a hard cut inside 两万 (a sentence of MAX_SENTENCE characters
    without a boundary is cut at the limit), with gaps between them (the blank lines
    between paragraphs)."""
    import itertools

    from analysis.extraction import extract as ex
    from analysis.extraction.numbers import may_hold_quantity

    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))))
    bounds = [0, *cuts, len(text)]
    spans = list(itertools.pairwise(bounds))
    kept = data.draw(st.lists(st.booleans(), min_size=len(spans), max_size=len(spans)))
    spans = [span for span, keep in zip(spans, kept, strict=True) if keep]  # gaps between
    want = [i for i, (a, b) in enumerate(spans) if may_hold_quantity(text, a, b)]
    assert list(ex._may_hold(text, [a for a, _ in spans], [b for _, b in spans])) == want


def _indicator_id_by_scan(name: str) -> str:
    """indicator_id's rule, spelled out: every alias that ends the name, longest first."""
    from analysis.extraction import indicators as ind

    exact = ind._exact()
    if name.strip() in exact:
        return exact[name.strip()]
    s = ind._QUALIFIER.sub("", name.strip())
    if not s:
        return ""
    if s in exact:
        return exact[s]
    for alias, ident in ind._aliases():  # longest first
        rest = s[: len(s) - len(alias)]
        if s.endswith(alias) and len(rest) <= 4 \
                and not any(w in rest for w in ind._CHANGES_MEANING):
            return ident
    return ""


def _alias_pieces() -> list[str]:
    from analysis.extraction import indicators as ind

    return [a for a, _ in ind._aliases()[::7]] + ["全区", "人均", "农村", "新增", "累计", "值",
                                                  "收入", "数字", "我市", ""]


@given(st.lists(st.sampled_from(_alias_pieces()), min_size=1, max_size=3).map("".join))
def test_indicator_ids_by_last_character_are_the_scan_of_every_alias(name: str) -> None:
    from analysis.extraction.indicators import indicator_id

    assert indicator_id.__wrapped__(name) == _indicator_id_by_scan(name)


@given(st.text(alphabet="增长5%，。；;亿元", min_size=1, max_size=400), st.data(),
       st.sampled_from([160, 12, 4]))
def test_figure_context_is_the_clause_around_the_figure(sentence: str, data: st.DataObject,
                                                         limit: int) -> None:
    """The context is the figure's clause between semicolons (；/;, the one after it kept),
    or, when that clause is longer than ``limit``, ``limit`` characters of it that hold
    the figure (when the figure itself fits)."""
    from analysis.extraction.extract import figure_context

    start = data.draw(st.integers(0, len(sentence) - 1))
    end = data.draw(st.integers(start + 1, len(sentence)))
    ctx = figure_context(sentence, start, end, limit)
    before = [i for i, ch in enumerate(sentence[:start]) if ch in "；;"]
    after = [i for i, ch in enumerate(sentence) if ch in "；;" and i >= end]
    a = before[-1] + 1 if before else 0
    b = after[0] + 1 if after else len(sentence)
    if b - a <= limit:
        assert ctx == sentence[a:b]
    else:
        assert len(ctx) <= limit and ctx in sentence[a:b]
        if end - start <= limit:
            assert sentence[start:end] in ctx
