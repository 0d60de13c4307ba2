"""Number parsing: a table of real strings and properties (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.extraction.numbers import Quantity, find_quantities, split_unit

TABLE = [  # string, value, low, high, unit, base_unit, multiplier, bound
    ("302.4亿元", 302.4, None, None, "亿元", "元", 1e8, "eq"),
    ("6.5%以上", 6.5, 6.5, None, "%", "%", 1, "ge"),
    ("7%左右", 7, None, None, "%", "%", 1, "approx"),
    ("8400多万元", 8400, 8400, None, "万元", "元", 1e4, "gt"),
    ("60多个", 60, 60, None, "个", "个", 1, "gt"),
    ("2.6万余户", 2.6, 2.6, None, "万户", "户", 1e4, "gt"),
    ("1—2个", None, 1, 2, "个", "个", 1, "range"),
    ("6%—7%", None, 6, 7, "%", "%", 1, "range"),
    ("1.2万到1.5万人", None, 1.2, 1.5, "万人", "人", 1e4, "range"),
    ("7.1个百分点", 7.1, None, None, "个百分点", "百分点", 1, "eq"),
    ("454万人次", 454, None, None, "万人次", "人次", 1e4, "eq"),
    ("3443万美元", 3443, None, None, "万美元", "美元", 1e4, "eq"),
    ("4.86万亿元", 4.86, None, None, "万亿元", "元", 1e12, "eq"),
    ("37.8万平方米", 37.8, None, None, "万平方米", "平方米", 1e4, "eq"),
    ("3.8%以内", 3.8, None, 3.8, "%", "%", 1, "le"),
    ("1,379户", 1379, None, None, "户", "户", 1, "eq"),
    ("31微克/立方米", 31, None, None, "微克/立方米", "微克/立方米", 1, "eq"),
]


@pytest.mark.parametrize("row", TABLE, ids=[r[0] for r in TABLE])
def test_quantity_table(row: tuple) -> None:
    s, value, low, high, unit, base, mult, bound = row
    q = Quantity.fromstring(s)
    assert q is not None
    assert (q.value, q.low, q.high, q.unit, q.base_unit, q.multiplier, q.bound) == (
        value, low, high, unit, base, mult, bound)
    assert (q.start, q.end) == (0, len(s))


@pytest.mark.parametrize(("prefix", "bound"), [("突破", "gt"), ("超过", "gt"), ("不低于", "ge"),
                                               ("约", "approx"), ("近", "approx"),
                                               ("控制在", "le"), ("低于", "lt"), ("签约", "eq")])
def test_prefix_bounds(prefix: str, bound: str) -> None:
    (q,) = find_quantities(prefix + "50家")
    assert q.bound == bound


@pytest.mark.parametrize("s", ["2019年", "12月31日前", "PM2.5", "第8届", "“5+5”", "〔2020〕5号",
                               "4A级", "G322", "5G基站", "3个月", "70周年", "2019-2018个"])
def test_not_quantities(s: str) -> None:
    assert find_quantities(s) == []


_UNITS = st.sampled_from(["亿元", "万元", "元", "%", "个百分点", "万人次", "户", "家", "万亩"])


@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False), _UNITS,
       st.sampled_from(["", "以上", "左右", "以内"]))
def test_formatted_numbers_parse_back(d, unit: str, suffix: str) -> None:
    text = f"{d}{unit}{suffix}"
    q = Quantity.fromstring(text)
    assert q is not None and q.value == float(d) and q.unit == unit
    base, mult = split_unit(unit)
    assert (q.base_unit, q.multiplier) == (base, mult)
    assert (q.start, q.end) == (0, len(text))


@given(st.text(max_size=80))
def test_any_text_parses_without_error(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.bound != "range" or (q.low is not None and q.high is not None and q.low < q.high)


# --- issue 10/12: split digits, Chinese numerals, linear-time matching ------------------------

import time  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.extraction.numbers import find_doubts  # noqa: E402


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("社会消费品零售总额1 026.4亿元", 1026.4, "亿元"),  # space
        ("地区生产总值1\u2009026.4亿元", 1026.4, "亿元"),  # thin space
        ("建成2\u00a0000套", 2000.0, "套"),  # NBSP
        ("建成2\u200b000套", 2000.0, "套"),  # zero-width space
        ("提高一个百分点", 1.0, "个百分点"),
        ("十二万吨", 12.0, "万吨"),
        ("三成", 30.0, "%"),
    ],
)
def test_whole_numbers_across_gaps_and_chinese_numerals(text: str, value: float, unit: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text", ["完成30 2.4亿元", "1 02亿元", "12 3456万元", "2020 2 000套"])
def test_ambiguous_split_digits_are_doubts_not_smaller_numbers(text: str) -> None:
    assert find_quantities(text) == []
    assert find_doubts(text)


@pytest.mark.parametrize(
    "text", ["第八届", "“十四五”规划", "一季度", "一批项目", "三个一批", "一成不变"]
)
def test_chinese_ordinals_and_labels_are_not_figures(text: str) -> None:
    assert find_quantities(text) == []


def test_two_digit_growth_and_doubling() -> None:
    (q,) = find_quantities("实现两位数增长")
    assert (q.value, q.low, q.bound, q.unit) == (10.0, 10.0, "ge", "%")
    (q,) = find_quantities("经济总量翻一番")
    assert (q.value, q.unit) == (2.0, "倍")


@given(
    st.integers(1, 999),
    st.integers(0, 999),
    st.sampled_from([" ", "\u2009", "\u00a0", "\u200b", "  ", ""]),
    st.sampled_from(["", " ", "\u2009"]),
)
def test_gaps_inside_a_figure_never_change_its_value_silently(a, b, gap, gap2) -> None:
    """Adding or removing whitespace inside a quote: the same value, or no value and a doubt."""
    from analysis.reading.text import normalize

    text = normalize(f"投资{a}{gap}{b:03d}{gap2}亿元").text
    found = find_quantities(text)
    whole = a * 1000 + b
    if found:
        assert [q.value for q in found] == [float(whole)]
    else:
        assert find_doubts(text)


def _seconds(f, arg) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        f(arg)
        best = min(best, time.perf_counter() - t)
    return best


def test_a_long_digit_run_scans_in_linear_time() -> None:
    small, large = "1" * 5_000 + "年", "1" * 20_000 + "年"
    ratio = _seconds(find_quantities, large) / max(_seconds(find_quantities, small), 1e-6)
    assert ratio < 10  # 4x the text: quadratic would be ~16x


def test_a_clause_repeating_one_verb_parses_in_linear_time() -> None:
    from analysis.extraction.extract import Context, parse_sentence

    ctx = Context("review", 2019)
    small = "全年" + "实现" * 100 + "增长" * 100 + "达到5%。"
    large = "全年" + "实现" * 400 + "增长" * 400 + "达到5%。"
    ratio = _seconds(lambda s: parse_sentence(s, ctx), large) / max(
        _seconds(lambda s: parse_sentence(s, ctx), small), 1e-6)
    assert ratio < 10


# The pre-filter (may_hold_quantity) skips most sentences before any parsing: it must never
# skip a text the parser would read or doubt, i.e. one where QUANTITY (numbers and doubts) or
# the Chinese-numeral hint (which lets _cn_quantities read it) matches. Texts drawn from the
# characters quantities are made of (digits, gaps, numerals, units, bound words, 翻番, 两位数).
_QUANTITY_ALPHABET = [*"0123456789.,%—-~至 ", *"一二两三四五六七八九十百千零〇翻番位数成万亿",
                      *"个百分点元人次吨第约近以上左右增长", "\u3000", "\u00a0", "\u200b",
                      "个百分点", "两位数", "翻一番", "٣"]


@given(st.lists(st.sampled_from(_QUANTITY_ALPHABET), max_size=14).map("".join),
       st.integers(0, 14), st.integers(0, 14))
@settings(max_examples=500)
@example("经济总量翻一番", 0, 7)
@example("实现两位数增长", 0, 3)
@example("提高三成", 2, 4)
@example("高出两个百分点", 0, 0)
@example("新增十二万吨", 0, 0)
def test_the_pre_filter_is_as_permissive_as_the_parser(text: str, a: int, b: int) -> None:
    from analysis.extraction import numbers

    if not numbers.may_hold_quantity(text):
        assert numbers.QUANTITY.search(text) is None and numbers._CN_HINT.search(text) is None
    # a span of a text by position is that slice
    assert numbers.may_hold_quantity(text, a, b) == numbers.may_hold_quantity(text[a:b])
