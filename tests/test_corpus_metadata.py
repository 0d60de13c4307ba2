"""Metadata of every real report in data/raw/corpus, pinned from the files' heads.

The expectations below were written by reading the first lines of each file (title block,
session line, speaker line, or for the national reports without a title block the opening
我代表国务院), not by copying the code's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

import analysis
from analysis import paths

NATIONAL = "中华人民共和国"

# (file stem, session date or None, speaker or "")
_NATIONAL_ROWS = [
    ("2010", None, ""), ("2011", None, ""), ("2012", None, ""), ("2013", None, ""),
    ("2014", None, ""), ("2015", None, ""), ("2016", None, ""),
    ("2017", "2017-03-05", "李克强"), ("2018", None, ""), ("2019", None, ""),
    ("2020", "2020-05-22", "李克强"), ("2021", "2021-03-05", "李克强"),
    ("2022", "2022-03-05", "李克强"), ("2023", "2023-03-05", "李克强"),
    ("2024", "2024-03-05", "李强"), ("2025", None, ""),
]

# file key: (jurisdiction, 2025 session date, 2025 speaker, 2026 session date, 2026 speaker)
_PROVINCE_ROWS = {
    "anhui": ("安徽省", "01-20", "王清宪", "02-05", "王清宪"),
    "beijing": ("北京市", "01-14", "殷勇", "01-25", "殷勇"),
    "chongqing": ("重庆市", "01-19", "胡衡华", "01-28", "胡衡华"),
    "fujian": ("福建省", "01-13", "赵龙", "01-27", "赵龙"),
    "gansu": ("甘肃省", "01-20", "任振鹤", "01-27", "任振鹤"),
    "guangdong": ("广东省", "01-15", "王伟中", "01-26", "孟凡利"),
    "guangxi": ("广西壮族自治区", "01-13", "蓝天立", "02-02", "韦韬"),
    "guizhou": ("贵州省", "01-19", "李炳军", "01-27", "李炳军"),
    "hainan": ("海南省", "01-14", "刘小明", "01-27", "刘小明"),
    "hebei": ("河北省", "01-13", "王正谱", "01-26", "王正谱"),
    "heilongjiang": ("黑龙江省", "01-13", "梁惠玲", "01-31", "梁惠玲"),
    "henan": ("河南省", "01-18", "王凯", "01-26", "王凯"),
    "hubei": ("湖北省", "01-16", "李殿勋", "01-27", "李殿勋"),
    "hunan": ("湖南省", "01-14", "毛伟明", "02-03", "毛伟明"),
    "jiangsu": ("江苏省", "01-19", "许昆林", "02-03", "刘小涛"),
    "jiangxi": ("江西省", "01-17", "叶建春", "01-27", "叶建春"),
    "jilin": ("吉林省", "01-14", "胡玉亭", "01-27", "胡玉亭"),
    "liaoning": ("辽宁省", "01-16", "李乐成", "01-27", "王新伟"),
    "neimenggu": ("内蒙古自治区", "01-14", "王莉霞", "02-04", "包钢"),
    "ningxia": ("宁夏回族自治区", "01-19", "张雨浦", "02-03", "张雨浦"),
    "qinghai": ("青海省", "01-19", "罗东川", "01-27", "罗东川"),
    "shaanxi": ("陕西省", "01-16", "赵刚", "01-27", "赵刚"),
    "shandong": ("山东省", "01-20", "周乃翔", "01-27", "周乃翔"),
    "shanghai": ("上海市", "01-15", "龚正", "02-03", "龚正"),
    "shanxi": ("山西省", "01-17", "金湘军", "02-02", "卢东亮"),
    "sichuan": ("四川省", "01-20", "施小琳", "02-03", "施小琳"),
    "tianjin": ("天津市", "01-14", "张工", "01-26", "张工"),
    "xinjiang": ("新疆维吾尔自治区", "01-19", "艾尔肯·吐尼亚孜", "01-27", "艾尔肯·吐尼亚孜"),
    "xizang": ("西藏自治区", "01-19", "嘎玛泽登", "01-31", "嘎玛泽登"),
    "yunnan": ("云南省", "01-18", "王予波", "01-28", "王予波"),
    "zhejiang": ("浙江省", "01-14", "刘捷", "01-14", "刘捷"),
}


def _expected() -> list[tuple[str, str, str, int, dt.date | None, str]]:
    rows = []
    for year, session, speaker in _NATIONAL_ROWS:
        day = dt.date.fromisoformat(session) if session else None
        rows.append((f"national/national-china-{year}.txt", NATIONAL, "national", int(year),
                     day, speaker))
    for key, (place, d25, s25, d26, s26) in _PROVINCE_ROWS.items():
        for year, day, speaker in ((2025, d25, s25), (2026, d26, s26)):
            rows.append((f"provinces/province-{key}-{year}.txt", place, "province", year,
                         dt.date.fromisoformat(f"{year}-{day}"), speaker))
    return rows


EXPECTED = _expected()


def test_the_table_covers_every_corpus_file() -> None:
    files = {f"{p.parent.name}/{p.name}" for p in paths.corpus_files()}
    assert files == {row[0] for row in EXPECTED}
    assert len(files) == 78


@pytest.fixture(scope="module")
def corpus_metadata() -> dict[str, dict]:
    from analysis.reading.metadata import metadata_row

    return {row[0]: metadata_row(analysis.load_report(paths.corpus_dir() / row[0]))
            for row in EXPECTED}


@pytest.mark.parametrize(("file", "place", "level", "year", "session", "speaker"), EXPECTED,
                         ids=[row[0].split("/")[1][:-4] for row in EXPECTED])
def test_corpus_file_metadata(corpus_metadata, file, place, level, year, session,
                              speaker) -> None:
    m = corpus_metadata[file]
    assert (m["jurisdiction"], m["level"], m["year"]) == (place, level, year)
    assert m["session_date"] == session
    assert m["speaker"] == speaker


@pytest.mark.parametrize(("file", "body"), [
    ("national/national-china-2017.txt", "第十二届全国人民代表大会第五次会议"),
    ("national/national-china-2024.txt", "第十四届全国人民代表大会第二次会议"),
    ("provinces/province-gansu-2026.txt", "十四届人民代表大会第四次会议"),
    ("provinces/province-guangdong-2026.txt", "第十四届人民代表大会第五次会议"),
    ("provinces/province-hainan-2025.txt", "第七届人民代表大会第四次会议"),
    ("provinces/province-shanghai-2025.txt", "第十六届人民代表大会第三次会议"),
    ("national/national-china-2013.txt", ""),
])
def test_corpus_body_as_stated(corpus_metadata, file, body) -> None:
    assert corpus_metadata[file]["body"] == body


def test_no_speaker_is_web_furniture(corpus_metadata) -> None:
    furniture = {"首页", "来源", "时间", "分享", "政府信息公开"}
    assert not {m["speaker"] for m in corpus_metadata.values()} & furniture
