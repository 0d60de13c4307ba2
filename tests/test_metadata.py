"""Report metadata from the title block; unknown stays empty."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import analysis
from analysis.reading.metadata import looks_like_report


def test_liujiang_title_block(report) -> None:
    m = report.metadata().iloc[0]
    assert (m.jurisdiction, m.level, m.year, m.body, m.speaker) == (
        "柳州市柳江区", "county", 2020, "第一届人民代表大会第四次会议", "玉秋静")
    assert m.session_date == pd.Timestamp("2020-01-08")


def test_other_levels_and_speaker_titles() -> None:
    text = ("政府工作报告\n——2021年1月26日在梧原市第十五届人民代表大会第六次会议上\n"
            "代市长 李四\n各位代表：\n一、2020年工作回顾\n全市地区生产总值增长3%。\n")
    m = analysis.Report.fromstring(text, doc="city").metadata().iloc[0]
    assert (m.jurisdiction, m.level, m.year, m.speaker) == ("梧原市", "city", 2021, "李四")


def test_unknown_stays_empty_and_non_reports_are_told_apart() -> None:
    r = analysis.Report.fromstring("会议纪要\n本次会议讨论了三项议题，增长5%。\n", doc="memo")
    m = r.metadata().iloc[0]
    assert (m.jurisdiction, m.level, m.body, m.speaker) == ("", "", "", "")
    assert pd.isna(m.session_date)
    assert not looks_like_report(r)
    assert looks_like_report(analysis.load_report())


@pytest.mark.parametrize(("head", "place", "level", "year", "session", "speaker"), [
    # a county report with the abbreviated body and the speaker's title before a colon
    ("政府工作报告\n——2019年1月15日在岚溪县第十八届人民代表大会第四次会议上\n县长：赵五\n"
     "各位代表：\n", "岚溪县", "county", 2019, "2019-01-15", "赵五"),
    # the abbreviated 人大 form names no place: the title and 我代表……人民政府 do
    ("2023年梧原市政府工作报告\n——2023年1月9日在市十六届人大二次会议上\n代市长 钱六\n各位代表：\n"
     "现在，我代表梧原市人民政府向大会报告工作。\n", "梧原市", "city", 2023, "2023-01-09", "钱六"),
    # the speaker before the place, the body in Chinese numerals, web furniture before
    ("首页 > 政府信息公开 > 政府工作报告\n分享：\n泺北省政府工作报告\n"
     "——二〇二四年一月二十日泺北省省长 孙七在泺北省第十四届人民代表大会第二次会议上的讲话\n"
     "各位代表：\n", "泺北省", "province", 2024, "2024-01-20", "孙七"),
    # a banner (旗) and a speaker line after the date line, with an ideographic space
    ("政府工作报告\n——2021年1月6日在澄川旗第十届人民代表大会第五次会议上\n"
     "旗长　周　八\n各位代表：\n", "澄川旗", "county", 2021, "2021-01-06", "周八"),
])
def test_title_block_variants(head, place, level, year, session, speaker) -> None:
    text = head + "一、去年工作回顾\n地区生产总值增长3%。\n二、今年工作安排\n地区生产总值增长6%。\n"
    m = analysis.Report.fromstring(text, doc="variant").metadata().iloc[0]
    assert (m.jurisdiction, m.level, m.year, m.speaker) == (place, level, year, speaker)
    assert m.session_date == pd.Timestamp(session)


@given(st.text(alphabet="ab\n", max_size=40), st.data())
def test_a_position_in_the_flattened_title_block_maps_back_to_its_line(
        lines: str, data: st.DataObject) -> None:
    from analysis.reading.metadata import _unflattened

    kept = [i for i, c in enumerate(lines) if c != "\n"]  # the rule, spelled out
    if kept:
        k = data.draw(st.integers(0, len(kept) - 1))
        assert _unflattened(lines, k) == kept[k]
