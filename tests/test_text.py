"""The normalized view: PDF damage removed, and an exact map back to raw offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.reading.text import normalize, to_ascii_forms

# (raw as the PDF gave it, clean text) — real lines of the Liujiang report and the genre.
CASES = [
    ("地区生产总值 302.4亿元，增 长 5%；", "地区生产总值302.4亿元，增长5%；"),
    ("预计完成农林牧渔业总产值 83.7亿 元，增长 5.2％。",
     "预计完成农林牧渔业总产值83.7亿元，增长5.2%。"),
    ("受惠学生 3.26\n\n万人，", "受惠学生3.26万人，"),
    ("区 直 3家公立医院", "区直3家公立医院"),
    ("全年实现总产值 385. 23亿元。", "全年实现总产值385.23亿元。"),
    ("增长６．５％以上", "增长6.5%以上"),
    ("PM10、PM2.5 同比下降 5.7%、8.7%，", "PM10、PM2.5同比下降5.7%、8.7%，"),
    ("“五 险”参保", "“五险”参保"),
    ("3 2020年农村饮水安全工", "3 2020年农村饮水安全工"),  # a row number stays apart
]


@pytest.mark.parametrize(("raw", "clean"), CASES)
def test_normalizes_pdf_damage(raw: str, clean: str) -> None:
    assert normalize(raw).text == clean


def test_page_number_lines_and_breaks_vanish() -> None:
    raw = "全区财政收入24亿\n\n- 3 -\n\n元，增长4.1%。\n第 4 页\n下一段。"
    nt = normalize(raw)
    assert "3" not in nt.text.replace("4.1", "")
    assert "财政收入24亿元，增长4.1%。" in nt.text


def test_headings_and_short_lines_start_paragraphs(report) -> None:
    paras = report.text.split("\n")
    assert "一、2019年工作回顾" in paras
    assert "（九）持续加强和改进政府工作，努力建设人民满意的服务型政府和法治政府" in paras
    assert "柳州市柳江区2020年为民办实事项目" in paras


def test_every_clean_character_maps_to_its_raw_character(report) -> None:
    nt = report.normalized
    for i, ch in enumerate(nt.text):
        src = nt.raw[nt.offsets[i]]
        assert (ch == "\n" and src in "\r\n") or to_ascii_forms(src) == ch or ch == " "


def test_quote_of_a_clean_span_is_the_raw_text() -> None:
    nt = normalize("初步预计，2019年全区完成地区生产总值 302.4亿元，增 长 5%；")
    i = nt.text.index("增长")
    assert nt.quote(i, i + len("增长5%")) == "增 长 5%"
    assert nt.raw_span(0, 0) == (0, 0)
    with pytest.raises(IndexError):
        nt.raw_span(0, len(nt.text) + 1)


def test_traditional_script_is_read_as_simplified_and_raw_kept() -> None:
    raw = "全市地區生產總值達到1234.5億元，增長6.1%，一般公共預算收入增長5%。"
    nt = normalize(raw)
    assert nt.traditional
    assert nt.text == "全市地区生产总值达到1234.5亿元，增长6.1%，一般公共预算收入增长5%。"
    assert nt.raw == raw
    i = nt.text.index("亿元")
    assert nt.quote(i, i + 2) == "億元"


# --- property: random damage never breaks the offset map -----------------------------------

_HAN = st.sampled_from(list("地区生产总值增长亿元万人次财政收入全年预计目标。，；："))
_DIGIT = st.sampled_from(list("0123456789.%") + [chr(0xFF10 + i) for i in range(10)] + ["％"])
_SPACE = st.sampled_from([" ", "\n", "\n\n", "\n ", "\u3000", "\r\n", "\n- 12 -\n", "\t"])
_TOKEN = st.one_of(_HAN, _DIGIT, _SPACE, st.sampled_from(["①", "㉜", "PM2.5", "Ⅲ", "“", "”"]))


def _assert_each_char_from_its_offset(nt) -> None:  # type: ignore[no-untyped-def]
    """One offset per clean character, increasing, each the character's own source (its
    ASCII form, or a kept space or line break from a whitespace run, zero-width ones too)."""
    assert len(nt.offsets) == len(nt.text)
    assert all(a < b for a, b in zip(nt.offsets, nt.offsets[1:], strict=False))
    for i, ch in enumerate(nt.text):
        src = nt.raw[nt.offsets[i]]
        assert ch == to_ascii_forms(src) or (ch in "\n " and src.isspace()) or (
            ch == " " and src in "\u200b\ufeff")


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKEN, min_size=1, max_size=200).map("".join))
def test_offset_map_is_exact_on_random_damaged_text(raw: str) -> None:
    nt = normalize(raw)
    _assert_each_char_from_its_offset(nt)
    # Nothing is lost: every visible raw character outside page-number lines is kept.
    kept = set(nt.offsets)
    furniture = {i for i, ch in enumerate(raw) if ch in "-0123456789"}
    for i, ch in enumerate(raw):
        if not ch.isspace() and i not in furniture:
            assert i in kept, (i, ch)
    # Any clean span quotes its raw source.
    if nt.text:
        a, b = nt.raw_span(0, len(nt.text))
        assert nt.quote(0, len(nt.text)) == raw[a:b]


# --- the facts about Unicode that normalization in bulk relies on ---------------------------


def test_whitespace_is_str_isspace_and_re_whitespace() -> None:
    import re

    from analysis.reading.text import _WHITESPACE

    everything = "".join(map(chr, range(0x110000)))
    assert set(_WHITESPACE) == {ch for ch in everything if ch.isspace()}
    assert set(_WHITESPACE) == set(re.findall(r"\s", everything))


def test_no_decimal_digit_in_the_cjk_block() -> None:
    # _classes() lets only characters outside 0x3000-0x9FFF start a numbered heading (\d).
    import re

    block = "".join(map(chr, range(0x3000, 0xA000)))
    assert not re.findall(r"\d", block)


def test_line_boundaries_are_those_of_splitlines() -> None:
    from analysis.reading.text import _BOUNDARY_BIT, _classes

    table = _classes()
    bounds = {chr(c) for c in range(0x10000) if table[c] & _BOUNDARY_BIT}
    assert bounds == {ch for ch in map(chr, range(0x110000)) if len(f"a{ch}b".splitlines()) == 2}


# Damage of every kind normalize decides on: separators, zero-width spaces, page furniture,
# headings, closing quotes, figures split over lines; lines near one width, so that the text
# counts as hard-wrapped.
_LINE_START = st.sampled_from(
    ["", "", "一、", "（二）", "3.", "12、", "——", "名词解释", " ", "\u200b"]
)
_LINE_END = st.sampled_from(["", "", "。", "；", "。”", "上", "万", " ", "\u3000", "\u200b"])
_BREAK = st.sampled_from(
    ["\n", "\n\n", "\n \n", "\r\n", "\r", "\u2028", "\n- 3 -\n", "\n第 3 页\n", "\n\u200b\n"]
)
_LINE = st.tuples(_LINE_START, st.lists(_TOKEN, min_size=0, max_size=40).map("".join),
                  st.text("全区生产总值增长亿元", min_size=0, max_size=30), _LINE_END, _BREAK)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=40).map(lambda ls: "".join("".join(t) for t in ls)))
def test_offset_map_is_exact_on_random_damaged_lines(raw: str) -> None:
    nt = normalize(raw)
    _assert_each_char_from_its_offset(nt)
    assert not any(ch.isspace() and ch not in "\n " for ch in nt.text)
