"""Pure parsing of one quantity: number, range, magnitude, unit and bound.

A :class:`Quantity` is what a work report writes after an indicator: ``302.4亿元``,
``6.5%以上``, ``8400多万元``, ``1—2个``, ``7.1个百分点``. Parsing works on *normalized*
text (see :mod:`analysis.reading.text`: no stray spaces, ASCII digits and ``%``).

Only numbers followed by a known unit are quantities: a doubtful match (a year, a date,
``PM2.5``, ``4A级``, ``第八届``, ``“5+5”``, ``〔2020〕5号``) is skipped rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "MAGNITUDES", "Doubt", "Quantity", "cn_number", "find_doubts", "find_quantities",
    "may_hold_quantity", "may_hold_quantity_at", "parse_number", "split_unit",
]

MAGNITUDES: dict[str, float] = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4,
}
# Base units, longest first so that 千瓦时 wins over 千瓦 and 平方公里 over 公里. 千瓦, 千米
# and 千克 are units of their own, not 千 × 瓦.
_BASE_UNITS = (
    "个百分点", "百分点", "%", "‰",
    "美元", "港元", "欧元", "元",
    "人次", "家次", "户次", "万人", "人", "户", "家", "个", "项", "座", "处", "所", "名",
    "件", "起", "条", "辆", "台", "套", "头", "只", "羽", "张", "床", "间", "栋", "幢",
    "篇", "宗", "块", "口", "艘", "架", "棵", "株", "盏", "部", "支", "批", "场", "期",
    "平方公里", "平方千米", "平方米", "立方米", "公里", "千米", "米", "公顷", "亩",
    "吨标准煤", "万吨", "吨", "千克", "公斤", "斤", "千瓦时", "千瓦", "兆瓦", "千伏安", "标箱",
    "微克/立方米", "毫克/升",
)
_UNIT_ALT = "|".join(
    sorted((re.escape(u) for u in _BASE_UNITS if u not in ("万人", "万吨")), key=len, reverse=True)
)
_MAG_ALT = "|".join(sorted(MAGNITUDES, key=len, reverse=True))
# Spaces a PDF or a web page leaves inside a number: space, NBSP, thin spaces, zero-width.
_GAP = "[ \u00a0\u2009\u202f\u200a\u200b\u3000]"
# A number: 1–3 digits and groups of exactly three digits split by a gap (1 026.4, 2 000),
# or digits with optional comma groups. Possessive quantifiers and (?<!\d) keep matching
# linear on a long digit run (issue 12): a number starts only where a digit run starts.
# The first digit comes before the look-behind (which checks the character before it) so
# that the regex engine skips ahead to the next digit instead of trying every position.
_NUM = (
    rf"\d(?<![\d.]\d)(?:\d{{0,2}}(?:{_GAP}\d{{3}})++(?!\d)|\d*+(?:,\d{{3}})*+)(?:\.\d++)?+"
)
_SEP = r"(?:—{1,2}|–|-|~|至|到)"
# number [unit]? [sep number]? [多|余]? magnitude? [多|余]? unit [bound suffix]?
QUANTITY = re.compile(
    rf"(?P<num>{_NUM})(?P<mag1>{_MAG_ALT})?(?P<unit1>%|个百分点)?"
    rf"(?:(?P<sep>{_SEP})(?P<num2>{_NUM}))?"
    rf"(?P<many>多|余)?(?P<mag>{_MAG_ALT})?(?P<many2>多|余)?"
    rf"(?P<unit>{_UNIT_ALT})"
    r"(?P<suffix>以上|以下|以内|左右|上下|之内)?"
)
_PREFIX_BOUNDS = (
    ("不低于", "ge"), ("不少于", "ge"), ("至少", "ge"), ("不超过", "le"), ("不高于", "le"),
    ("控制在", "le"), ("超过", "gt"), ("突破", "gt"), ("高于", "gt"), ("低于", "lt"),
    ("逾", "gt"), ("超", "gt"), ("约", "approx"), ("接近", "approx"), ("近", "approx"),
)
_SUFFIX_BOUNDS = {"以上": "ge", "以下": "le", "以内": "le", "之内": "le", "左右": "approx",
                  "上下": "approx"}
_BASE_OF = {"个百分点": "百分点", "万人": "人", "万吨": "吨"}


def parse_number(s: str) -> float:
    """A decimal number as written, thousands separators (comma or a gap) allowed.

    >>> parse_number("1,379"), parse_number("302.4"), parse_number("1 026.4")
    (1379.0, 302.4, 1026.4)
    """
    try:
        return float(s)  # most numbers: no separator (float() refuses a comma or inner gap)
    except ValueError:
        return float(_NUM_FILLER.sub("", s))


_NUM_FILLER = re.compile(_GAP + "|,")


@lru_cache(maxsize=1024)
def split_unit(unit: str) -> tuple[str, float]:
    """Base unit and power-of-ten multiplier of a unit as written.

    >>> split_unit("亿元"), split_unit("万人次"), split_unit("%"), split_unit("千瓦时")
    (('元', 100000000.0), ('人次', 10000.0), ('%', 1.0), ('千瓦时', 1.0))
    """
    if unit in _BASE_OF:
        base = _BASE_OF[unit]
        return base, (1e4 if unit.startswith("万") else 1.0)
    for mag in sorted(MAGNITUDES, key=len, reverse=True):
        rest = unit[len(mag) :]
        if unit.startswith(mag) and rest and (rest in _BASE_UNITS or rest in _BASE_OF):
            base, mult = split_unit(rest)
            return base, MAGNITUDES[mag] * mult
    return unit, 1.0


class Quantity(NamedTuple):
    """One stated quantity; offsets are relative to the parsed string.

    ``value`` is the number as stated (None for a range); ``low``/``high`` carry a bound
    (``ge``/``gt`` -> low, ``le``/``lt`` -> high) or a range's ends. Never a midpoint.
    Immutable; a named tuple rather than a frozen dataclass because one is made for every
    number read, at a tenth of the cost (``q._replace(...)`` makes a changed copy).
    """

    value: float | None
    low: float | None
    high: float | None
    unit: str
    base_unit: str
    multiplier: float
    bound: str
    start: int
    end: int

    @classmethod
    def fromstring(cls, s: str) -> Quantity | None:
        """Parse a string that holds one quantity (with an optional bound word before it).

        >>> q = Quantity.fromstring("6.5%以上")
        >>> q.value, q.low, q.high, q.unit, q.bound, (q.start, q.end)
        (6.5, 6.5, None, '%', 'ge', (0, 6))
        >>> q = Quantity.fromstring("1—2个")
        >>> q.value, q.low, q.high, q.bound
        (None, 1.0, 2.0, 'range')
        >>> q = Quantity.fromstring("8400多万元")
        >>> q.value, q.unit, q.base_unit, q.multiplier, q.bound
        (8400.0, '万元', '元', 10000.0, 'gt')
        >>> Quantity.fromstring("突破50家").bound
        'gt'
        >>> Quantity.fromstring("2019年") is None
        True
        """
        found = find_quantities(s)
        return found[0] if found else None


# Words that end in a bound word without being one: 签约, 节约, 最近, 赶超.
_NOT_BOUND = re.compile(r"(?:签|节|预|合|制|条|公|婚|履|违|大)约$|(?:最|临|附|将|靠|亲)近$|赶超$")


_BOUND_OF_PREFIX = dict(_PREFIX_BOUNDS)
_PREFIX_LENGTHS = sorted({len(w) for w, _ in _PREFIX_BOUNDS}, reverse=True)
_PREFIX_LAST = frozenset(w[-1] for w, _ in _PREFIX_BOUNDS)


def _prefix_bound(text: str, pos: int) -> str | None:
    """The bound of the word ending at ``pos`` (the longest: 不高于 before 高于), if any."""
    if pos == 0 or text[pos - 1] not in _PREFIX_LAST:
        return None  # most numbers follow a verb (增长, 达到): one look at one character
    for n in _PREFIX_LENGTHS:
        if n <= pos and (bound := _BOUND_OF_PREFIX.get(text[pos - n : pos])) is not None:
            return None if _NOT_BOUND.search(text, max(0, pos - 2), pos) else bound
    return None


def _is_label(text: str, m: re.Match[str]) -> bool:
    """Numbers that are names, codes or ordinals, not quantities."""
    a, b = m.span()
    # PM2.5, G322, R2; “5+5”, 1+N; 第8届, 第3季度
    if a and text[a - 1] in _LABEL_BEFORE:
        return True
    if text.startswith(("+", "＋"), m.end("num")):  # 5+5 read up to the sign
        return True
    after = text[b] if b < len(text) else ""
    if after in _ASCII_LETTERS:  # 4A级 never reaches here; 5G, 3D do
        return True
    # A bare measure word right before 月/日/年/号/级/类/星/周年 is a date or a label.
    return m.group("unit") in ("个", "期") and bool(_DATE_AFTER.match(after))  # one character


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LABEL_BEFORE = _ASCII_LETTERS | frozenset("+＋.／/第")
_DATE_AFTER = re.compile(r"[月日号级类星]|周年|年代|世纪")


@dataclass(frozen=True)
class Doubt:
    """A number that was not read because its digits are ambiguous (offsets in the text)."""

    start: int
    end: int
    reason: str


_DIGIT_BEFORE = re.compile(rf"\d{_GAP}+$")
_DIGIT_AFTER = re.compile(rf"{_GAP}+\d")
_GAP_OR_NEWLINE = frozenset(" \u00a0\u2009\u202f\u200a\u200b\u3000\n")


def _split_digits(text: str, m: re.Match[str]) -> bool:
    """True when the number is one piece of a digit run split by a gap (30 2.4亿元)."""
    a, b = m.start(), m.end("num")
    # Each regex only where the character next to the number can start its gap.
    return (a > 0 and text[a - 1] in _GAP_OR_NEWLINE
            and bool(_DIGIT_BEFORE.search(text[max(0, a - 8) : a]))) or (
        b < len(text) and text[b] in _GAP_OR_NEWLINE and bool(_DIGIT_AFTER.match(text, b)))


def find_doubts(text: str) -> list[Doubt]:
    """Numbers left out because a gap splits their digits in a way that is not a thousands
    group (the value cannot be told: 30 2.4亿元 is 302.4 or 30 and 2.4).

    >>> [(d.start, d.end, d.reason) for d in find_doubts("完成30 2.4亿元，建成2 000套")]
    [(2, 10, 'digits split by a space')]
    """
    out = []
    for m in QUANTITY.finditer(text):
        if _split_digits(text, m):
            a = m.start()
            while a > 0 and (text[a - 1].isdigit() or re.match(_GAP, text[a - 1])):
                a -= 1
            out.append(Doubt(a, m.end(), "digits split by a space"))
    return out


# --- Chinese numerals -------------------------------------------------------------------------

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_number(s: str) -> float | None:
    """The value of a Chinese numeral below 10 000 (十二, 两, 一百零五), or None.

    >>> cn_number("十二"), cn_number("两"), cn_number("一百零五"), cn_number("二十")
    (12.0, 2.0, 105.0, 20.0)
    """
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0)) if s else None


_CN_NUM = "[零〇一二两三四五六七八九十百千]+"
# Chinese numerals are read only where the genre uses them as quantities: with 个百分点, as
# 成 (tenths), or with a magnitude and a unit (十二万吨); 一个, 三年, 第八届, 十四五, 一季度
# and 一批 are words and labels, not figures.
_CN_QUANTITY = re.compile(
    rf"(?<![第\d])(?P<num>{_CN_NUM})(?:(?P<pp>个百分点)|(?P<cheng>成)(?!不|为|立|效|果|本|员)"
    rf"|(?P<mag>万亿|亿|万)(?P<unit>{_UNIT_ALT}))(?P<suffix>以上|以下|以内|左右)?"
)
_CN_SPECIAL = re.compile(r"(?P<two>两位数)|翻(?P<fan>[一两二三四]?)番")


def _cn_quantities(text: str) -> list[Quantity]:
    out = []
    for m in _CN_QUANTITY.finditer(text):
        num = cn_number(m.group("num"))
        if num is None or (num == 0):
            continue
        if m.group("pp"):
            unit, base, mult = "个百分点", "百分点", 1.0
        elif m.group("cheng"):
            num, unit, base, mult = num * 10, "%", "%", 1.0  # 三成 = 30%
        else:
            unit = m.group("mag") + m.group("unit")
            base, mult = split_unit(unit)
        suffix = m.group("suffix")
        bound = _SUFFIX_BOUNDS[suffix] if suffix else (_prefix_bound(text, m.start()) or "eq")
        low = num if bound in ("ge", "gt") else None
        high = num if bound in ("le", "lt") else None
        out.append(Quantity(num, low, high, unit, base, mult, bound, m.start(), m.end()))
    for m in _CN_SPECIAL.finditer(text):
        if m.group("two"):  # 两位数增长: a growth of at least 10%
            out.append(Quantity(10.0, 10.0, None, "%", "%", 1.0, "ge", m.start(), m.end()))
        else:  # 翻一番 doubles, 翻两番 quadruples: a multiple of the start
            k = cn_number(m.group("fan") or "一") or 1.0
            out.append(Quantity(2.0**k, None, None, "倍", "倍", 1.0, "eq", m.start(), m.end()))
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a normalized sentence, left to right.

    >>> [(q.value, q.unit, q.bound) for q in find_quantities("增长5%以上，总额60.7亿元")]
    [(5.0, '%', 'ge'), (60.7, '亿元', 'eq')]
    >>> [(q.low, q.high, q.unit) for q in find_quantities("增长6%—7%")]
    [(6.0, 7.0, '%')]
    >>> find_quantities("PM2.5浓度、第8届、“5+5”产业、江政发〔2020〕5号、2020年1月8日")
    []
    """
    if not may_hold_quantity(text):
        return []  # most sentences hold no number: one cheap search instead of three scans
    out: list[Quantity] = []
    counted = False  # whether a quantity is in 个 (see _shared_points)
    for m in QUANTITY.finditer(text):
        if _is_label(text, m) or _split_digits(text, m):
            continue
        # The groups of QUANTITY, in order (one call instead of one per group).
        num1, mag1, unit1, _, num2, many, mag2, many2, unit2, suffix = m.groups()
        if unit1 and (not num2 or unit1 != unit2):
            continue  # "5%—6亿元" is not a range; "5%" alone matches without unit1
        if num2 and mag1 and mag1 != mag2:
            continue  # "1.2万到1.5万人" is a range, "1.2万到1.5亿人" is not
        mag = mag2 or (mag1 if not num2 else None) or ""
        unit = mag + unit2
        base, mult = split_unit(unit)
        num = parse_number(num1)
        low = high = None
        value: float | None = num
        if num2:
            low, high, value, bound = num, parse_number(num2), None, "range"
            if low >= high:
                continue  # "2019-2018" or "5-5" is not a range
        elif many or many2:
            bound = "gt"  # 60多个, 8400多万元: more than the number stated
        elif suffix:
            bound = _SUFFIX_BOUNDS[suffix]
        else:
            bound = _prefix_bound(text, m.start()) or "eq"
        if bound in ("ge", "gt"):
            low = num
        elif bound in ("le", "lt"):
            high = num
        counted = counted or unit == "个"
        out.append(Quantity(value, low, high, unit, base, mult, bound, m.start(), m.end()))
    if _CN_HINT.search(text):
        out.extend(_cn_quantities(text))
        out.sort(key=lambda q: q.start)
    return _shared_points(text, out) if counted else out


def _shared_points(text: str, found: list[Quantity]) -> list[Quantity]:
    """In a list "12.7个、12个百分点" the first 个 is short for 个百分点 (a measure word
    cannot be counted in tenths of a point otherwise).

    >>> [(q.value, q.unit) for q in find_quantities("分别高于全国12.7个、12个百分点")]
    [(12.7, '个百分点'), (12.0, '个百分点')]
    """
    if not any(q.unit == "个" for q in found):
        return found  # nothing to share (the list is only read by the caller)
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if (q.unit == "个" and nxt.base_unit == "百分点"
                and text[q.end : nxt.start] in ("、", "和", "及", "与", "，")):
            out[i] = q._replace(unit="个百分点", base_unit="百分点")
    return out


# Whether a text may hold a Chinese-numeral quantity (searched in each text read). Every
# alternative begins with the same character class, so that a search skips to the next
# candidate character (an alternation of differing starts is tried at every position);
# the look-behinds then tell which alternative it is.
_CN_HINT = re.compile(
    "[一二两三四五六七八九十翻](?:(?<=[一二两三四五六七八九十])(?:个百分点|成|万|亿)"
    "|(?<=两)位数|(?<=翻)[一两二三四]?番)"
)
_MAY_HOLD = re.compile(
    r"[\d一二两三四五六七八九十翻](?:(?<=\d)|(?<=[一二两三四五六七八九十])(?:个百分点|成|万|亿)"
    r"|(?<=两)位数|(?<=翻)[一两二三四]?番)"
)


def may_hold_quantity(text: str, pos: int = 0, endpos: int | None = None) -> bool:
    """False when ``text[pos:endpos]`` can hold no quantity and no doubt (no digit, no
    Chinese-numeral form): then :func:`find_quantities` and :func:`find_doubts` of it are
    empty. One search, without slicing the text.

    >>> may_hold_quantity("加快建设现代化经济体系"), may_hold_quantity("增长三成")
    (False, True)
    """
    return _MAY_HOLD.search(text, pos, len(text) if endpos is None else endpos) is not None


def may_hold_quantity_at(text: str, pos: int = 0) -> tuple[int, int] | None:
    """The span of the first place at or after ``pos`` where a quantity may start (what
    :func:`may_hold_quantity` looks for), or None.

    >>> may_hold_quantity_at("加快建设，增长三成", 0), may_hold_quantity_at("一是", 0)
    ((7, 9), None)
    """
    m = _MAY_HOLD.search(text, pos)
    return m.span() if m else None
