"""Report metadata from the title block; unknown stays empty."""

from __future__ import annotations

import pandas as pd

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
