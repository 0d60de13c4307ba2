"""The report's structure, pinned from the text of the Liujiang 2020 report."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import analysis

FRAMES = ["sections", "paragraphs", "sentences", "glossary", "projects"]


@pytest.mark.parametrize("frame", FRAMES)
def test_every_row_quotes_its_raw_span(report, frame: str) -> None:
    df = getattr(report, frame)()
    assert len(df) > 0
    for start, end, quote in zip(df["start"], df["end"], df["quote"], strict=True):
        assert report.raw[start:end] == quote


def test_report_year_comes_from_the_session_date(report) -> None:
    assert report.year == 2020
    assert report.outline.year_source == "session date"


def test_outline_has_both_parts_and_their_numbered_sections(report) -> None:
    s = report.sections()
    parts = s[s.kind == "part"]
    assert parts.title.tolist() == ["2019年工作回顾", "2020年工作安排"]
    assert parts.year.tolist() == [2019, 2020]
    assert parts.part.tolist() == ["review", "plan"]
    review = s[(s.kind == "section") & (s.parent == "1")]
    plan = s[(s.kind == "section") & (s.parent == "2")]
    assert review.number.tolist() == [1, 2, 3, 4, 5]
    assert plan.number.tolist() == list(range(1, 10))
    assert review.title.iloc[0] == "不断优化产业结构，全力提高经济发展质量"
    assert plan.title.iloc[-1] == "持续加强和改进政府工作，努力建设人民满意的服务型政府和法治政府"
    assert set(review.part) == {"review"} and set(plan.part) == {"plan"}
    assert s.kind.tolist()[-3:] == ["appendix", "glossary", "colophon"]
    appendix = s[s.kind == "appendix"].iloc[0]
    assert appendix.title == "柳州市柳江区2020年为民办实事项目" and appendix.year == 2020


def test_glossary_has_32_terms_linked_to_their_markers(report) -> None:
    g = report.glossary()
    assert g.number.tolist() == list(range(1, 33))
    assert g.term.iloc[0] == "“1353”总体工作部署"
    assert g.term.iloc[25] == "双千计划"  # the report's lone ” is dropped
    assert g.definition.iloc[16] == "严打、严查、严收、严管、严控、严教、严责。"
    assert g.definition.iloc[-1] == "一是落实临时救助全覆盖，二是推动各类社会资源帮扶全覆盖。"
    assert g.marker.tolist()[:3] == ["①", "②", "③"] and g.marker.iloc[-1] == "㉜"
    for marker, start, end, term in zip(g.marker, g.marker_start, g.marker_end, g.term,
                                        strict=True):
        assert report.raw[start:end] == marker
        # the term stands right before its marker in the body (PDF spaces aside)
        before = report.raw[max(0, start - 40) : start].replace(" ", "").replace("\n", "")
        # (“四建一通”⑩工程: the marker may stand inside the term, so check its head)
        assert term.replace("“", "").replace("”", "")[:2] in before.replace("“", "").replace(
            "”", "")


def test_appendix_has_10_projects_with_units_and_deadlines(report) -> None:
    p = report.projects()
    assert p.number.tolist() == list(range(1, 11))
    first = p.iloc[0]
    assert first.content == "农村“厕所革命”整村推进财政奖补项目"
    assert first.lead_unit == "区农业农村局"
    assert first.partner_units == ["区财政局", "区住建局", "区商务局", "各镇人民政府"]
    assert p.iloc[3].lead_unit == "区文体广电旅游局"  # wrapped over two cells
    assert p.iloc[3].content == "建设村级公共服务中心17个，全民健身路径点20个。"
    assert p.iloc[6].lead_unit == "市公安局柳江分局"
    assert p.iloc[8].partner_units == ["市公安局柳江分局", "穿山镇"]
    assert p.iloc[2].content == "2020年农村饮水安全工程"
    assert (p.deadline == pd.Timestamp(date(2020, 12, 31))).all()


def test_sentences_end_at_full_stops(report) -> None:
    s = report.sentences()
    assert s.text.str.contains("。.", regex=False).sum() == 0
    hit = s[s.text.str.startswith("初步预计")]
    assert hit.text.iloc[0].endswith("社会消费品零售总额60.7亿元，增长10%。")


def test_fromstring_reads_an_unnumbered_web_report() -> None:
    text = (
        "2023年政府工作报告\n"
        "各位代表：\n"
        "一、2022年工作回顾\n"
        "全县地区生产总值达到210.5亿元，增长4.2%。\n"
        "二、2023年主要目标任务\n"
        "（一）稳增长\n"
        "地区生产总值增长6%左右。\n"
    )
    r = analysis.Report.fromstring(text, doc="web")
    assert r.year == 2023 and r.outline.year_source == "title"
    s = r.sections()
    assert s[s.kind == "part"].part.tolist() == ["review", "plan"]
    assert s[s.kind == "section"].section_id.tolist() == ["2.1"]


def test_a_regex_digit_is_a_decimal_character() -> None:
    # _headings tells a possible numbered heading ("12、") by str.isdecimal, for \d.
    import re

    everything = "".join(map(chr, range(0x110000)))
    assert set(re.findall(r"\d", everything)) == {ch for ch in everything if ch.isdecimal()}
