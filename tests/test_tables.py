"""analysis.tables: frames as readers see them (headers, units, rounding, no index)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.tables import HEADERS, MISSING, for_readers, header, stated

# (case, frame, keyword arguments, expected shown frame as {header: [cells]})
CASES = [
    (
        "derived 亿元 amount to one decimal, stated level as stated, one unit in the header",
        pd.DataFrame({"level": [302.4, 24.0], "unit": ["亿元", "亿元"],
                      "implied_base": [288.0000001, 23.05511]}),
        {"columns": ["level", "unit", "implied_base"], "decimals": {"implied_base": 1},
         "unit_of": ["level", "implied_base"]},
        {"Level (亿元) 水平": ["302.4", "24"], "Implied base (亿元) 隐含基数": ["288.0", "23.1"]},
    ),
    (
        "mixed units keep the unit column; a ratio to two decimals",
        pd.DataFrame({"value": [1035.2416, 2.4666], "unit": ["元/人次", "倍"]}),
        {"columns": ["value", "unit"], "decimals": {"value": 2}, "unit_of": ["value"]},
        {"Value 数值": ["1035.24", "2.47"], "Unit 单位": ["元/人次", "倍"]},
    ),
    (
        "decimals by unit where a column mixes units: % to one, 倍 to two",
        pd.DataFrame({"value": [3.6531, 2.4866, 7.9365], "unit": ["%", "倍", "%"]}),
        {"columns": ["value", "unit"], "decimals": {"value": {"%": 1, "倍": 2}},
         "unit_of": ["value"]},
        {"Value 数值": ["3.7", "2.49", "7.9"], "Unit 单位": ["%", "倍", "%"]},
    ),
    (
        "growth rate in % to one decimal; missing shown as a dash; no minus zero",
        pd.DataFrame({"indicator": ["GDP", "retail"], "gap_pp": [1.04999, -0.01],
                      "target_pct": [6.5, float("nan")]}),
        {"columns": ["indicator", "target_pct", "gap_pp"], "decimals": {"gap_pp": 1}},
        {"Indicator 指标": ["GDP", "retail"], "Target (%) 目标": ["6.5", MISSING],
         "Gap (pp) 差距": ["1.0", "0.0"]},
    ),
    (
        "a header the caller names wins; integers and text as they are",
        pd.DataFrame({"year": [2019, 2020], "status": ["estimate", "target"]}),
        {"columns": {"year": "Year 年", "status": ""}},
        {"Year 年": ["2019", "2020"], "Status 口径": ["estimate", "target"]},
    ),
    (
        "bound codes read as symbols",
        pd.DataFrame({"target_bound": ["ge", "approx", "eq", None]}),
        {},
        {"Bound 约束": ["≥", "≈ 左右", "=", MISSING]},
    ),
    (
        "a named index (a crosstab's) becomes the first column",
        pd.DataFrame({"growth_pct": [3, 4]}, index=pd.Index(["actual", "target"], name="status")),
        {},
        {"Status 口径": ["actual", "target"], "Growth (%) 增速": ["3", "4"]},
    ),
    (
        "columns that are not strings (years of an unstacked count)",
        pd.DataFrame({2010: [1], 2011: [0]}, index=pd.Index(["national"], name="level")),
        {},
        {"Level 水平": ["national"], "2010": ["1"], "2011": ["0"]},
    ),
]


@pytest.mark.parametrize(("case", "frame", "kwargs", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_for_readers(case: str, frame: pd.DataFrame, kwargs: dict,
                     expected: dict[str, list[str]]) -> None:
    table = for_readers(frame, **kwargs)
    assert table.frame.to_dict("list") == expected


def test_no_index_column_in_html_and_deterministic_ids() -> None:
    frame = pd.DataFrame({"indicator": ["地区生产总值"], "value": [302.4], "unit": ["亿元"]})
    first = for_readers(frame, ["indicator", "value", "unit"], unit_of=["value"])._repr_html_()
    again = for_readers(frame, ["indicator", "value", "unit"], unit_of=["value"])._repr_html_()
    assert first == again  # nbval compares the HTML: no random ids
    assert "Value (亿元) 数值" in first and "Unit" not in first
    assert "row_heading" not in first  # no 0…n index
    assert "0x" not in repr(for_readers(frame))


@pytest.mark.parametrize(("value", "text"), [
    (302.4, "302.4"), (37522.0, "37522"), (0.1 + 0.2, "0.3"), (None, MISSING),
    (pd.NA, MISSING), (pd.Timestamp("2020-01-08"), "2020-01-08"), ("左右", "左右"),
])
def test_stated(value: object, text: str) -> None:
    assert stated(value) == text


def test_every_header_is_bilingual() -> None:
    for column, (english, chinese) in HEADERS.items():
        assert english and chinese, column
        assert header(column).startswith(english)
