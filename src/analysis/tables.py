"""Frames as a reader sees them: bilingual headers, units in the header, honest rounding.

The analyses return tidy frames for code (``growth_pct``, ``implied_base_low``, a ``unit``
column, every float at full precision). The notebooks show them to readers through
:func:`for_readers`, which

- drops pandas' 0…n index (a meaningful index, e.g. of a crosstab, becomes a column first);
- gives every column an English and a Chinese header (``"Indicator 指标"``) from
  :data:`HEADERS`, or the header the caller names;
- moves the unit into the header when a unit column holds a single unit
  (``"Value (亿元) 数值"``) and drops that column; with mixed units the column stays;
- rounds each number to the precision its inputs justify: ``decimals`` names the derived
  columns (a derived 亿元 amount to 1 decimal, a ratio to 2, a growth rate in % to 1);
  every other number is shown as stated (302.4 stays 302.4, 37522.0 is 37522).

>>> import pandas as pd
>>> frame = pd.DataFrame({"indicator": ["地区生产总值"], "level": [302.4], "unit": ["亿元"],
...                       "implied_base": [288.0000001]})
>>> table = for_readers(frame, ["indicator", "level", "unit", "implied_base"],
...                     decimals={"implied_base": 1}, unit_of=["level", "implied_base"])
>>> list(table.frame.columns)
['Indicator 指标', 'Level (亿元) 水平', 'Implied base (亿元) 隐含基数']
>>> table.frame.iloc[0].tolist()
['地区生产总值', '302.4', '288.0']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler
    from pandas.io.formats.style_render import CSSDict

__all__ = ["BOUNDS", "BOUND_COLUMNS", "HEADERS", "MISSING", "ReaderTable", "for_readers",
           "header", "report_line", "stated"]

#: Shown for a missing number or text (NaN, None, pd.NA).
MISSING = "–"

#: English and Chinese header of the columns the analyses return, by column name.
HEADERS: dict[str, tuple[str, str]] = {
    "agri_va_ratio": ("Agri. value-added ratio", "农业增加值率"),
    "basis": ("Basis", "依据"),
    "body": ("Session", "会议"),
    "bound": ("Bound", "约束"),
    "bound_words": ("Bound", "约束"),
    "change_pp": ("Change (pp)", "变化"),
    "chosen": ("Chosen", "选用"),
    "ci_high": ("95% CI high", "置信上限"),
    "ci_low": ("95% CI low", "置信下限"),
    "coef": ("Coefficient", "系数"),
    "component": ("Component", "构成"),
    "context_status": ("Their status", "对方口径"),
    "context_value": ("Their value", "对方数值"),
    "denominator": ("Denominator", "分母"),
    "detail": ("Detail", "详情"),
    "doc": ("Document", "文件"),
    "entity_en": ("Place", "对照地区"),
    "from_value": ("From", "起"),
    "from_year": ("From year", "起年"),
    "gap": ("Gap (pp)", "差距"),
    "gap_pp": ("Gap (pp)", "差距"),
    "growth_pct": ("Growth (%)", "增速"),
    "headline": ("Headline", "主要目标"),
    "high": ("High", "上限"),
    "implied_base": ("Implied base", "隐含基数"),
    "implied_base_high": ("Base high", "基数上限"),
    "implied_base_low": ("Base low", "基数下限"),
    "implied_level": ("Implied level", "隐含水平"),
    "implied_level_kind": ("Implied level is", "隐含水平类型"),
    "indicator": ("Indicator", "指标"),
    "indicator_id": ("Indicator", "指标"),
    "jurisdiction": ("Place", "地区"),
    "kind": ("Kind", "类型"),
    "level": ("Level", "水平"),
    "low": ("Low", "下限"),
    "n": ("n", "样本数"),
    "name": ("Name", "名称"),
    "note": ("Note", "说明"),
    "numerator": ("Numerator", "分子"),
    "outcome_quote": ("Outcome as stated", "实际（原文）"),
    "outcome_status": ("Outcome status", "实际口径"),
    "outcome_value": ("Outcome (%)", "实际"),
    "own_bound": ("Bound", "约束"),
    "own_unit": ("Unit", "单位"),
    "difference": ("Difference", "差"),
    "met": ("Met", "实现"),
    "missed": ("Missed", "未实现"),
    "no outcome": ("No outcome yet", "尚无结果"),
    "own_status": ("Status", "口径"),
    "own_value": ("Value", "数值"),
    "own_year": ("Year", "年份"),
    "period": ("Period", "时期"),
    "previous_growth_pct": ("Previous growth (%)", "上年增速"),
    "previous_level": ("Previous level", "上年水平"),
    "previous_status": ("Previous status", "上年口径"),
    "problem": ("Problem", "问题"),
    "quote": ("Quote", "原文"),
    "r_squared": ("R²", "拟合优度"),
    "ratio": ("Ratio", "比率"),
    "reason": ("Reason", "理由"),
    "relative_change_pct": ("Relative change (%)", "相对变化"),
    "session_date": ("Date", "日期"),
    "share_high": ("Share high (%)", "占比上限"),
    "share_low": ("Share low (%)", "占比下限"),
    "share_pct": ("Share (%)", "占比"),
    "speaker": ("Speaker", "报告人"),
    "status": ("Status", "口径"),
    "std_err": ("Std. error", "标准误"),
    "target_bound": ("Bound", "约束"),
    "target_pct": ("Target (%)", "目标"),
    "target_quote": ("Target as stated", "目标（原文）"),
    "target_value": ("Target (%)", "目标"),
    "term": ("Term", "项"),
    "to_value": ("To", "止"),
    "to_year": ("To year", "止年"),
    "total": ("Total", "合计"),
    "unit": ("Unit", "单位"),
    "value": ("Value", "数值"),
    "verdict": ("Verdict", "结论"),
    "year": ("Year", "年份"),
}

#: How a bound code reads (the columns named in :data:`BOUND_COLUMNS`).
BOUNDS = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "approx": "≈ 左右", "eq": "=",
          "range": "range 区间"}
BOUND_COLUMNS = ("bound", "own_bound", "target_bound", "context_bound")

#: Columns at most this many characters wide are kept on one line (numbers, units, years).
_NOWRAP_CHARS = 20


def header(column: str, unit: str | None = None) -> str:
    """The reader's header of ``column``, with ``unit`` in brackets after the English.

    >>> header("value", "亿元")
    'Value (亿元) 数值'
    >>> header("share_pct")
    'Share (%) 占比'
    >>> header("cpi")  # an indicator id: its names in data/reference/indicators.csv
    'Consumer price index (change) 居民消费价格'
    >>> header("not_known")
    'not_known'
    """
    english, chinese = HEADERS.get(column) or _indicator_names(column) or (column, "")
    if unit:
        english = f"{english} ({unit})"
    return f"{english} {chinese}".strip()


def _indicator_names(column: str) -> tuple[str, str] | None:
    from .extraction.indicators import vocabulary

    indicator = vocabulary().get(column)
    return (indicator.name_en, indicator.name_zh) if indicator else None


def report_line(metadata: pd.DataFrame) -> str:
    """One line naming each report in ``metadata`` (``Report.metadata()``): place, year, body.

    >>> import pandas as pd
    >>> meta = pd.DataFrame({"jurisdiction": ["柳州市柳江区"], "year": [2020],
    ...     "title": ["政府工作报告"], "body": ["第一届人民代表大会第四次会议"],
    ...     "session_date": [pd.Timestamp("2020-01-08")], "speaker": ["玉秋静"]})
    >>> report_line(meta)
    '柳州市柳江区 2020年政府工作报告, 第一届人民代表大会第四次会议, 2020-01-08, 玉秋静'
    """
    lines = []
    for row in metadata.to_dict("records"):
        name = f"{stated(row.get('jurisdiction'))} {stated(row.get('year'))}年"
        name += str(row.get("title") or "政府工作报告")
        more = [stated(row.get(k)) for k in ("body", "session_date", "speaker")]
        lines.append(", ".join([name, *(m for m in more if m != MISSING and m)]))
    return "; ".join(lines)


def stated(value: Any) -> str:
    """A number as the report states it: no float noise, no trailing ``.0``.

    >>> stated(302.4), stated(37522.0), stated(7), stated(float("nan")), stated("预计")
    ('302.4', '37522', '7', '–', '预计')
    """
    if _missing(value):
        return MISSING
    if isinstance(value, bool):
        return "yes 是" if value else "no 否"
    if isinstance(value, float):
        return format(value, ".15g")  # the shortest text that reads the stated number
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    return str(value)


def _missing(value: Any) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _rounded(value: Any, decimals: int) -> str:
    """``value`` to ``decimals`` places; a value that rounds to zero shows no minus sign.

    >>> _rounded(322.056, 1), _rounded(-0.004, 2), _rounded(None, 1)
    ('322.1', '0.00', '–')
    """
    if _missing(value):
        return MISSING
    text = f"{float(value):.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text


@dataclass(frozen=True)
class ReaderTable:
    """A frame formatted for readers: ``frame`` holds the text shown, headers included.

    In a notebook it renders as an HTML table without index (:meth:`styler`); its plain
    text is the same table without index. ``left`` names the columns of text (aligned
    left), ``nowrap`` the short ones kept on one line.
    """

    frame: pd.DataFrame
    left: tuple[str, ...] = ()
    nowrap: tuple[str, ...] = ()

    def styler(self) -> Styler:
        """A pandas Styler without index; its element ids depend only on the content."""
        uuid = hashlib.sha1(self.frame.to_csv().encode("utf-8")).hexdigest()[:10]
        styles: list[CSSDict] = []
        for i, column in enumerate(self.frame.columns):
            if column in self.left:
                styles.append({"selector": f"td.col{i}, th.col_heading.col{i}",
                               "props": "text-align: left"})
            if column in self.nowrap:  # the cells; a header may wrap between its languages
                styles.append({"selector": f"td.col{i}", "props": "white-space: nowrap"})
        return (self.frame.style.hide(axis="index").set_uuid(uuid)
                .set_table_styles(styles).set_table_attributes('class="gwr-table"'))

    def _repr_html_(self) -> str:
        return str(self.styler().to_html())

    def __repr__(self) -> str:
        return str(self.frame.to_string(index=False))


def _one_unit(frame: pd.DataFrame, unit_column: str) -> str | None:
    units = {str(u) for u in frame[unit_column] if not _missing(u) and str(u)}
    return units.pop() if len(units) == 1 and not frame[unit_column].isna().any() else None


def _cells(column: str, values: pd.Series, units: Iterable[object],
           places: int | Mapping[str, int] | None) -> list[str]:
    """One column's cells as shown: rounded to ``places`` (by the row's unit when a
    mapping), bound codes as symbols, anything else as stated."""
    if isinstance(places, Mapping):
        return [_rounded(v, places[u]) if u in places else stated(v)  # type: ignore[index]
                for v, u in zip(values, units, strict=True)]
    if places is not None:
        return [_rounded(v, places) for v in values]
    if column in BOUND_COLUMNS:
        return [BOUNDS.get(str(v), stated(v)) for v in values]
    return [stated(v) for v in values]


def for_readers(
    frame: pd.DataFrame,
    columns: Sequence[str] | Mapping[str, str] | None = None,
    *,
    decimals: Mapping[str, int | Mapping[str, int]] | None = None,
    unit_of: Sequence[str] = (),
    unit_column: str = "unit",
    index: bool | None = None,
) -> ReaderTable:
    """``frame`` as a reader's table (see the module docstring).

    ``columns`` lists the columns to show, in order (headers from :data:`HEADERS`), or maps
    each to its header; ``None`` shows every column. ``decimals`` maps a derived column to
    its decimals, or to decimals by unit (the row's ``unit_column``) when a column mixes
    units (a ratio in 倍 to 2, a share in % to 1); other numbers are shown as stated.
    ``unit_of`` names the columns measured in ``unit_column``: when that column holds one
    unit it moves into their headers and is dropped. ``index=True`` (default: when the index
    is named) makes the index a column.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"ratio": ["retail sales / GDP", "tourism per visit"],
    ...                       "value": [20.07312, 1035.2416], "unit": ["%", "元/人次"]})
    >>> table = for_readers(frame, ["ratio", "value", "unit"], unit_of=["value"],
    ...                     decimals={"value": {"%": 1, "元/人次": 1}})
    >>> table.frame.to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'Ratio 比率': ['retail sales / GDP', 'tourism per visit'],
     'Value 数值': ['20.1', '1035.2'], 'Unit 单位': ['%', '元/人次']}
    """
    decimals = dict(decimals or {})
    if index is None:
        index = any(name is not None for name in frame.index.names)
    if index:
        frame = frame.reset_index()
    if columns is None:
        columns = list(frame.columns)
    names = dict(columns) if isinstance(columns, Mapping) else {c: "" for c in columns}
    unit = _one_unit(frame, unit_column) if unit_of and unit_column in frame else None
    if unit is not None:
        names.pop(unit_column, None)
    shown: dict[str, list[str]] = {}
    numeric: set[str] = set()
    for column, given in names.items():
        values = frame[column]
        head = given or header(str(column), unit if column in unit_of else None)
        units = frame[unit_column] if unit_column in frame else [None] * len(frame)
        shown[head] = _cells(column, values, units, decimals.get(column))
        if values.dtype.kind in "iuf" or column in decimals:
            numeric.add(head)
    import pandas as pd

    out = pd.DataFrame(shown, columns=list(shown))
    left = tuple(h for h in out.columns if h not in numeric)
    nowrap = tuple(h for h in out.columns
                   if max((len(s) for s in out[h]), default=0) <= _NOWRAP_CHARS)
    return ReaderTable(out, left=left, nowrap=nowrap)
