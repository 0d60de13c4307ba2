"""The rules: sentence -> :class:`Figure` records -> one tidy DataFrame.

For each quantity in a sentence (:func:`~analysis.extraction.numbers.find_quantities`) the
rules decide, from the words around it and the report's structure:

* **indicator** – the noun phrase before the quantity (``地区生产总值302.4亿元``), the one
  after a bare verb or count (``完成1579户危房改造``), or the previous figure's indicator when
  a clause has no subject of its own (``…302.4亿元，增长5%``); ``分别`` and value lists pair
  subjects with values in order (``城镇和农村居民人均可支配收入分别增长7%左右和7%以上``);
* **measure** – ``growth_pct`` after 增长/下降 (signed), ``change_pp`` for 百分点 (signed),
  else ``level`` (``提高到``/``下降至`` give levels);
* **status** – ``actual`` in the review part, ``estimate`` from 预计/初步核算 to the end of
  the sentence, ``target`` in the plan part and the appendix of planned projects;
* **year** – an explicit year before the quantity in the same sentence, else the part's
  year (the review year or the report's own year), never a constant.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple

from .indicators import indicator_id
from .numbers import (
    Quantity,
    find_doubts,
    find_quantities,
    may_hold_quantity,
    may_hold_quantity_at,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from ..reading.document import Report
    from ..reading.structure import Sentence, Sentences

__all__ = [
    "FIGURE_COLUMNS",
    "Context",
    "Figure",
    "doubts",
    "extract_figures",
    "extract_text",
    "parse_sentence",
]

FIGURE_COLUMNS = (
    "doc",
    "indicator",
    "indicator_id",
    "year",
    "status",
    "measure",
    "value",
    "low",
    "high",
    "unit",
    "base_unit",
    "multiplier",
    "bound",
    "start",
    "end",
    "quote",
    "section",
    "section_title",
    "part",
    "sentence_id",
    "context",
    "period_start",
    "period_end",
    "reference",
    "headline",
)


# pandas dtypes of the columns ("str" keeps a missing value missing).
FIGURE_DTYPES: dict[str, str] = {
    c: "str" for c in FIGURE_COLUMNS
} | {"year": "Int64", "sentence_id": "Int64", "value": "float64", "low": "float64",
     "high": "float64", "multiplier": "float64", "start": "int64", "end": "int64",
     "period_start": "Int64", "period_end": "Int64", "headline": "bool"}


@dataclass(frozen=True)
class Context:
    """What the structure says about a sentence: its part, default year and section."""

    part: str | None  # "review", "plan" or None (unknown)
    year: int | None  # the default reference year of figures in this sentence
    section: str | None = None
    section_title: str = ""


class Figure(NamedTuple):
    """One figure of a sentence; ``start``/``end`` are offsets in the sentence.

    Immutable; a named tuple, as :class:`Quantity` is, for the cost of making one per figure.
    """

    indicator: str
    year: int | None
    status: str
    measure: str
    quantity: Quantity  # signed: a decline of 5% is -5
    period_start: int | None = None  # avg_growth_pct: first year of the period
    period_end: int | None = None  # avg_growth_pct: last year of the period
    reference: str = ""  # relation_*: what the figure is compared with

    @property
    def value(self) -> float | None:
        return self.quantity.value

    @property
    def indicator_id(self) -> str:
        return indicator_id(self.indicator)


# --- words ------------------------------------------------------------------------------------

_BOUNDARY = "，；：,;:。！？!?\n"
# 增 but not 新增; the look-behind comes after the character, so that every alternative
# starts with a literal and a search skips to the next candidate character.
_UP = r"增长|增加|上升|提高|提升|上涨|增(?<!新增)|回升|扩大"
_DOWN = r"下降|降低|减少|下滑|回落|下跌|缩小|降|减"
def _alternation(words: str) -> str:
    """A regex alternation of ``|``-separated words, longest first, so that a possessive
    repetition (which never gives back) takes 比上年同期 rather than 比上年."""
    return "|".join(sorted(words.split("|"), key=len, reverse=True))


_FILL = _alternation(
    "同比|比上年|比去年|比去年同期|比上年同期|较上年|较去年|与上年相比|分别|均|约|达|达到|为"
    "|了|都|平均|实际|名义|按可比价格计算|可比价|年均|累计|共|再|又|进一步|以上|左右|的"
    "|同口径|可比口径|不低于|不少于|至少|超过|突破|逾|不超过|控制在|近|接近"
)
# Possessive repetitions (*+, ++) never backtrack: linear on a clause that repeats a verb.
_VERB_BEFORE = re.compile(rf"(?P<verb>{_UP}|{_DOWN})(?P<to>到|至)?(?:{_FILL})*+$")
# Status and planning words that open a clause or stand before an indicator: they say how
# a figure is held (预计, 力争, 完成), never what it measures.
_STATUS_WORDS = (
    "初步预计|预计|初步核算|初步统计|预期|力争|确保|争取|实现|完成|达到|提出|包括|其中包括"
    "|主要包括|全年|年内|当年|今年|去年|上年"
)
_LEAD = re.compile(
    r"^(?:[、，]|其中|同时|另外|此外|全区|全市|全县|全省|全州|我区|我市|我县"
    r"|全体|共|累计|共计|总计|合计|主要预期目标是|主要目标是|拟安排|拟发行|安排"
    r"|“?十[一二三四五六]五”?(?:期间|时期)?|(?:过去|今后|未来)五年|五年来"
    r"|(?:19|20)\d{2}(?:—|–|-|~|至|到)(?:19|20)\d{2}年(?:间)?|期间"
    r"|(?:到|至)?(?:19|20)\d{2}年(?:底|末|度)?|为|使|让|将"
    rf"|全面|一年来|的|[（(]|[）)]|{_STATUS_WORDS})++"
)
# One trailing word; _strip removes them one at a time from the end (a bounded window, so
# a clause of 200 repeated verbs is stripped in linear time).
_TRAIL_WORDS = (
    _alternation(
        f"达到|达|为|是|共|约|近|超过|突破|逾|超|不低于|不少于|至少|不超过|控制在|保持在|稳定在"
        f"|高于|低于|{_UP}|{_DOWN}|分别|均|了|到|至|由|从|比去年同期|比上年同期|比上年|比去年"
        f"|较上年|同比|年均|平均|实际|名义|以上|左右|总计|合计|累计|共计|达到了|超额完成"
        f"|长期|持续|始终|一直|保持|稳定|同口径|可比口径|按可比价格计算|的|拟按|拟安排|拟|按"
        f"|逆势|大幅|稳步|快速|继续|{_STATUS_WORDS}"
    ).replace("增(?<!新增)", "增")
)
_TRAIL_ONE = re.compile(
    "(?:" + _TRAIL_WORDS + r"|[（(]下同[）)]|[（(]|(?:19|20)\d{2}年(?:底|末)?)$"
)
# The characters a trailing word can end with (or a line break, which $ may stand before):
# where the text ends otherwise, no search is needed.
_TRAIL_LAST = frozenset(w[-1] for w in _TRAIL_WORDS.split("|")) | frozenset("）)（(年底末\n")
_TRAIL_WINDOW = 12  # longer than any trailing word
# The whole run of trailing words at once, matched on the reversed text: an alternation of
# the reversed words, longest first, repeated possessively, takes the longest trailing word,
# then the longest before it, and so on (what removing one _TRAIL_ONE match at a time does),
# in one call anchored at the start instead of one look-up per word and length.
_TRAIL_RUN_REVERSED = re.compile(
    "(?:"
    + "|".join(
        alt
        for _, alt in sorted(
            [(len(w), re.escape(w[::-1])) for w in _TRAIL_WORDS.split("|")]
            + [(len(a + "下同" + b), re.escape((a + "下同" + b)[::-1]))
               for a in "（(" for b in "）)"]
            + [(1, "（"), (1, r"\("), (6, r"[底末]年\d{2}(?:91|02)"), (5, r"年\d{2}(?:91|02)")],
            key=lambda pair: -pair[0],
        )
    )
    + ")*+"
)


# Verbs that take a count or an amount and then their object: 完成1579户危房改造.
# Attested before a number in the 78 corpus reports (national 2010–2025, provinces): 投入,
# 建成, 新建, 完成, 新增, 引进, 开工, 实施, 发放, 建设, 改造, 培训, 提供, 帮助, 签约, 落实, 举办,
# 组织, 安排, 争取, 带动, 解决, 整治, 植树, 造林, 治理, 新开工, 竣工, 开通, 减税降费, 降费,
# 谋划, 实现, 打造, 培育, 认定, 创建, 获评, 剩余. The others (兑现, 拆除, 减轻, 办结, 办复, 打掉,
# 破获, 起诉, 筹集, 吸纳, 接待, 硬化, 签订, 储备, 划定, 评为, 命名, 招引, 余下) are not attested
# there: they come from the Liujiang county report and are kept as the county genre's words
# for counted actions (petitions 办结/办复, policing 打掉/破获/起诉, roads 硬化), which national
# and provincial reports state in aggregates; a county corpus should confirm or prune them.
_BARE_VERBS = re.compile(
    "^(?:"
    + _alternation(
        "投入|建成|新建|完成|新增|引进|开工|实施|发放|兑现|拆除|建设|改造|培训|减轻|提供|帮助"
        "|办结|办复|打掉|破获|起诉|签约|落实|举办|组织|安排|争取|筹集|带动|解决|吸纳|接待|整治"
        "|消除|植树|造林|治理|硬化|新开工|竣工|开通|减税降费|降费|签订|储备|谋划实施|谋划|实现"
        "|打造|划定|培育|认定|创建|获评|评为|命名|招引|新增划定|余下|剩余"
    )
    + ")++$"
)

_ESTIMATE = re.compile(r"预计|初步核算|初步统计|初步测算|预测|有望")
# Not after 比/较/与/同 (checked behind 19/20, so that the search skips to a 1 or a 2).
_EXPLICIT_YEAR = re.compile(r"((?:19|20)(?<![比较与同]..)\d{2})年(?:度|底|末)?(?!\d{1,2}月|以来)")
_LIST_SEP = re.compile(r"^(?:、|和|及|与|以及)$")
_SUBJECT_SPLIT = re.compile(r"、|和|及|与|以及")


_TRAIL_DIGITS = re.compile(r"(?<=[\u4e00-\u9fff])[\d.,\s\u200b]+$")
_TRAIL_DIGIT_CHAR = re.compile(r"[\d.,\s\u200b]")
_TWO_LETTERS = re.compile(r"[\u4e00-\u9fffA-Za-z][^\u4e00-\u9fffA-Za-z]*[\u4e00-\u9fffA-Za-z]")
_RIGHT_LEAD = re.compile(r"^(?:以上|左右|的)")
_DOWN_RE = re.compile(_DOWN)
_LESS_THAN_LAST_YEAR = re.compile(r"比(?:上年|去年)[^，；、]{0,8}?(?:低|少|慢)$")
_GROWTH_AFTER = re.compile(r"的?(?:增长|增幅)")
_CHANGE_VERB = re.compile(r"增加|减少|增长|下降|降低|上升|提高|回落|扩大|缩小|下滑")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ORDINAL_RUN = re.compile(r"[一二三]{2,3}(?=产)")
_EACH = re.compile(r"均(?<![人平年]均)")  # 年均 is an average, not 均 (each)
_VERB_TO = re.compile(rf"(?:{_UP}|{_DOWN})(?:到|至)")
_DIGIT = re.compile(r"\d")
_COMMA = re.compile(r"[，,]")
_PAST_FIVE = re.compile(r"过去五年|五年来|近五年")
_NEXT_FIVE = re.compile(r"今后五年|未来五年")
_TASK = re.compile(r"任务|计划|目标")
_PLAN_CUE = re.compile(r"目标|力争|计划|预期|今年")


def _clause_start(text: str, pos: int, boundaries: Sequence[int] | None = None) -> int:
    """Where the clause of ``text[pos]`` starts: after the last boundary (，；：。…) before it.

    ``boundaries``: the positions of every boundary of ``text`` (:func:`_boundaries`), when
    a caller looks up many clauses of one sentence (a bisection each, not a scan back).

    >>> _clause_start("全年完成投资50亿元，增长8%", 13), _clause_start("增长8%", 2)
    (11, 0)
    """
    if boundaries is None:
        boundaries = _boundaries(text)
    i = bisect_left(boundaries, pos)  # the boundaries before pos
    return boundaries[i - 1] + 1 if i else 0


def _boundaries(text: str) -> list[int]:
    """The positions of the clause boundaries of ``text``, in order."""
    return [m.start() for m in _BOUNDARY_CHAR.finditer(text)]


def _clause_end(text: str, pos: int) -> int:
    m = _BOUNDARY_CHAR.search(text, pos)  # a scan in C, not a loop over characters
    return m.start() if m else max(pos, len(text))


_BOUNDARY_CHAR = re.compile(f"[{re.escape(_BOUNDARY)}]")


def _strip_trailing(s: str) -> str:
    """``s`` without its trailing verbs, bounds and status words (and stray digits: the
    rest of a number that was not read must never stick to a name)."""
    if _TRAIL_DIGIT_CHAR.match(s, len(s) - 1):  # the costly scan only when it can match
        s = _TRAIL_DIGITS.sub("", s)  # not PM2.5, PM10
    while s[-1:] in _TRAIL_LAST:
        if s[-1] == "\n":  # $ may stand before a final line break: the regex says it all
            m = _TRAIL_ONE.search(s, max(0, len(s) - _TRAIL_WINDOW))
            if m is None or m.end() == 0:
                break
            s = s[: m.start()]
            continue
        run = _trail_run(s)
        if not run:
            break
        s = s[: len(s) - run]  # (a line break before the run is looked at once more)
    return s


def _trail_run(s: str) -> int:
    """The length of the run of trailing words at the end of ``s`` (0: none)."""
    m = _TRAIL_RUN_REVERSED.match(s[::-1])  # a repetition of at least zero always matches
    return m.end() if m else 0


def _strip(s: str) -> str:
    """An indicator phrase without leading connectives and trailing verbs or bounds."""
    prev = None
    while prev != s:
        prev = s
        if lead := _LEAD.match(s):  # anchored: at most one match, at the start
            s = s[lead.end() :]
        s = _strip_trailing(s)
        s = s.strip("\"' 、，")
        if s.startswith("“") and "”" not in s:
            s = s[1:]
        if s.endswith("”") and "“" not in s:
            s = s[:-1]
    if s.count("“") != s.count("”"):
        s = s.replace("“", "").replace("”", "")
    if s.count("（") != s.count("）"):
        s = s.replace("（", "").replace("）", "")
    return s


def _has_content(s: str) -> bool:
    return _TWO_LETTERS.search(s) is not None


_RIGHT_STOP = re.compile(r"、|以及|分别|全面|基本|顺利|加快|持续|有效|进一步|均")
_TIME_ONLY = re.compile(
    r"^(?:第[一二三四]季度|[一二三四]季度|上半年|下半年|年底|年末|年初|前三季度)$"
)
_PREPOSITION_END = re.compile(r"(?:与|和|同|对|向|给|为)$")


def _right_phrase(text: str, q_end: int, stop: int) -> str:
    """The noun phrase after a quantity (up to the clause's end or the next quantity)."""
    phrase = _RIGHT_LEAD.sub("", text[q_end:stop])
    cut = _RIGHT_STOP.search(phrase)
    return _strip(phrase[: cut.start()] if cut else phrase)


def _measure(
    left: str, q: Quantity, relation: re.Match[str] | None = None, after: str = ""
) -> tuple[str, float]:
    """(measure, sign) from the words right before a quantity.

    ``relation_pp``/``relation_pct``/``relation`` compare with another quantity (高于全市平均
    水平0.8个百分点); ``avg_growth_pct`` is an average annual growth over a period (年均);
    ``change`` an absolute change in a count or amount (比上年增加11家); ``multiple`` a
    multiple of the start (翻一番).
    """
    if q.base_unit == "倍":
        return "multiple", 1.0
    if relation is not None:
        verb = relation.group("verb") or relation.group("verb2")
        sign = -1.0 if verb[0] in "低慢少落" else 1.0
        kind = {"百分点": "relative_pp", "%": "relative_pct"}.get(q.base_unit, "relative")
        return kind, sign
    m = _VERB_BEFORE.search(left)
    down = bool(m and _DOWN_RE.fullmatch(m.group("verb")))
    down = down or bool(_LESS_THAN_LAST_YEAR.search(left))
    sign = -1.0 if down else 1.0
    if q.base_unit == "百分点":
        return "change_pp", sign
    growth_after = bool(_GROWTH_AFTER.match(after))  # 实现两位数增长, 8%的增长
    if q.base_unit == "%" and ((m and not m.group("to")) or growth_after):
        return ("avg_growth_pct" if "年均" in left else "growth_pct"), sign
    if m and not m.group("to") and q.base_unit != "%" and _CHANGE_VERB.fullmatch(
        m.group("verb")
    ):
        return "change", sign  # 比上年增加11家: 11 more, not a level of 11
    return "level", 1.0


def _explicit_year(text: str, pos: int) -> int | None:
    """The last year written before ``pos`` (only that one is converted), else None."""
    last = None
    for last in _EXPLICIT_YEAR.finditer(text, 0, pos):  # noqa: B007 (the last is kept)
        pass
    return int(last.group(1)) if last else None


def _elliptic(items: list[str]) -> list[str]:
    """Complete an elliptic list that shares a prefix and a tail: 第一、二、三产业增加值 ->
    第一产业增加值, 第二产业增加值, 第三产业增加值 (the middle items give the varying part's
    length; with two items, only the ordinal prefix 第 is taken as shared).

    >>> _elliptic(["第一", "二", "三产业增加值"])
    ['第一产业增加值', '第二产业增加值', '第三产业增加值']
    >>> _elliptic(["第二", "三产业"])
    ['第二产业', '第三产业']
    """
    middle = items[1:-1]
    if middle:
        m = len(middle[0])
        if any(len(it) != m for it in middle):
            return items
    elif items[0].startswith("第") and len(items[0]) == 2:
        m = 1
    else:
        return items
    first, last = items[0], items[-1]
    if len(first) <= m or len(last) <= m or len(first) - m > 2:
        return items
    prefix, tail = first[:-m], last[m:]
    if not _HAN.match(tail) or last.startswith(prefix):
        return items
    return [first + tail, *(prefix + it + tail for it in middle), prefix + last]


_MEASURED_NOUN = re.compile(r"(?:增加值|总产值|产值|产量|投资|营业收入|营收|收入|总额|销售额)$")


def _shared_tail(items: list[str]) -> list[str]:
    """装备制造业、高技术制造业增加值 -> 装备制造业增加值, 高技术制造业增加值: the measured noun
    at the end of the last item belongs to every item that has none."""
    m = _MEASURED_NOUN.search(items[-1])
    if m is None or len(items) < 2 or len(items[-1]) - len(m.group()) < 2:
        return items
    if any(_MEASURED_NOUN.search(it) or len(it) < 3 for it in items[:-1]):
        return items
    return [it + m.group() for it in items[:-1]] + [items[-1]]


def _distribute(subject: str, k: int) -> list[str] | None:
    """k subjects from "A、B和C<tail>" (城镇和农村居民人均可支配收入 -> two full names)."""
    if subject.startswith("城乡") and k in (0, 2):
        subject = "城、乡" + subject[2:]  # 城乡居民…分别 -> 城镇居民…, 农村居民…
    items = [s for s in _SUBJECT_SPLIT.split(subject) if s]
    if k and len(items) != k and len(commas := [s for s in subject.split("、") if s]) == k:
        items = commas  # 信息传输软件和信息技术服务业、租赁和商务服务业: 和 inside a name
    run = _ORDINAL_RUN.match(subject)
    if len(items) == 1 and run and k in (0, len(run.group())):
        items = [*run.group()[:-1], run.group()[-1] + subject[run.end() :]]  # 一二三产增加值
    if (k and len(items) != k) or (not k and len(items) < 2):
        return None
    k = len(items)
    items = _shared_tail(_elliptic(items))
    if k == 2 and items[0] == "城" and items[1].startswith("乡"):
        items = ["城镇", "农村" + items[1][1:]]
    head = len(items[0])
    tail = items[-1][head:]
    if (
        k > 1
        and head <= 2
        and all(len(it) == head for it in items[:-1])
        and len(tail) >= 2
        and _HAN.match(tail)
        and _HAN.match(items[0])
    ):
        items = [it + tail for it in items[:-1]] + [items[-1]]
    return [_strip(it) for it in items]


@dataclass(slots=True)
class _Carry:
    """What one group of quantities leaves to the next in the same sentence."""

    end: int = 0  # where the previous group ended
    indicator: str = ""  # the last indicator named (a subjectless clause continues it)
    names: list[str] | None = None  # the last list of names (…分别达到A和B，分别增长x和y)
    measure: str = ""


def _groups(text: str, quantities: list[Quantity]) -> list[list[Quantity]]:
    """Value lists: quantities separated only by 、/和/及/与."""
    groups: list[list[Quantity]] = []
    for q in quantities:
        if groups and _LIST_SEP.match(text[groups[-1][-1].end : q.start]):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def parse_sentence(text: str, context: Context) -> list[Figure]:
    """Figures of one normalized sentence under a structural context.

    >>> ctx = Context(part="review", year=2019)
    >>> [(f.indicator, f.measure, f.value, f.quantity.unit, f.status)
    ...  for f in parse_sentence("全区实现旅游收入47亿元，增长42%。", ctx)]
    [('旅游收入', 'level', 47.0, '亿元', 'actual'), ('旅游收入', 'growth_pct', 42.0, '%', 'actual')]
    """
    quantities = find_quantities(text)
    if not quantities:
        return []
    quantities = _drop_qualifiers(text, quantities)
    if not quantities:
        return []
    estimate = _ESTIMATE.search(text)  # the first estimate word
    estimate_from = estimate.start() if estimate else None
    figures: list[Figure] = []
    carry = _Carry()
    boundaries = _boundaries(text)
    for group in _groups(text, quantities):
        first = group[0]
        cstart = _clause_start(text, first.start, boundaries)
        left_from = max(cstart, carry.end)
        left = text[left_from : first.start]
        if left_from > cstart:
            left = left.rsplit("、", 1)[-1]  # after "5家国家高新技术企业、": a new item
        relation = _relation(left)
        if relation is not None:
            left = left[: relation.start()]  # the subject stands before 高于/比…
        measure, sign = _measure(left, first, relation, text[group[-1].end : group[-1].end + 3])
        group, names = _group_names(text, quantities, group, left, cstart, left_from > cstart,
                                    measure, carry)
        if measure == "level" and first.base_unit == "%" and _RATE_NAME.search(names[0]):
            measure = "growth_pct"  # "居民消费价格涨幅控制在3%以下" states a growth rate
            if names[0].endswith(_AVG_RATE):  # 出口年均增速20%以上
                measure = "avg_growth_pct"
                names = [n.removesuffix(n[n.rindex("年均") :]) for n in names]
        before = len(figures)
        for q, name in zip(group, names, strict=True):
            if _has_content(name):
                figures.append(_figure(text, context, estimate_from, q, name, measure, sign,
                                       relation))
        if (
            measure == "level"
            and first.base_unit == "%"
            and carry.measure in ("growth_pct", "avg_growth_pct")
            and names == [carry.indicator] * len(group)
            and not _VERB_BEFORE.search(left)
        ):
            measure = carry.measure  # "增长6%左右，力争达到6.5%": still a growth rate
            figures[before:] = [f._replace(measure=measure) for f in figures[before:]]
        carry.indicator = names[-1] if names and _has_content(names[-1]) else carry.indicator
        carry.names = names if len(group) > 1 else carry.names
        carry.measure = measure
        carry.end = group[-1].end
    return figures


_RATE_NAME = re.compile(r"(?:涨幅|增幅|增速|增长率)$")
_AVG_RATE = ("年均增速", "年均增幅", "年均增长率")


def _group_names(
    text: str,
    quantities: Sequence[Quantity],
    group: list[Quantity],
    left: str,
    cstart: int,
    after_previous: bool,
    measure: str,
    carry: _Carry,
) -> tuple[list[Quantity], list[str]]:
    """The indicator name of each quantity of a group (a 分别/均 list or one subject);
    ``cstart``: where the group's clause starts."""
    first = group[0]
    subject = left.split("分别")[0] if "分别" in left else left
    names: list[str] | None = None
    if len(group) > 1:
        names = _distribute(_strip(text[cstart : first.start].split("分别")[0]), len(group))
    jun = _EACH.search(left)  # 年均 is an average, not 均 (each)
    if names is None and jun and len(group) == 1:
        items = _distribute(_strip(left[: jun.start()]), 0)
        if items:
            group = group * len(items)
            names = items
    if (names is None and len(group) > 1 and carry.names and len(carry.names) == len(group)
            and not _has_content(_strip(subject))):
        names = carry.names  # "…分别达到A和B，分别增长x%和y%" (no subject of its own)
    if names is None:
        if carry.indicator and carry.end and first.start == carry.end:
            name = carry.indicator  # a run of counts: 101件124人, 277户734人
        else:  # (the verb's search only for a level: 提高到/下降至)
            has_verb = measure != "level" or bool(
                (verb := _VERB_BEFORE.search(left)) and verb.group("to"))
            name = _name_single(text, quantities, group, subject, after_previous, has_verb,
                                carry.indicator)
        names = [name] * len(group)
    return group, names


def _figure(
    text: str,
    context: Context,
    estimate_from: int | None,
    q: Quantity,
    name: str,
    measure: str,
    sign: float,
    relation: re.Match[str] | None,
) -> Figure:
    """One figure: its status, year, period and reference from the words around it."""
    status = _status(context.part, estimate_from, q.start)
    year = _explicit_year(text, q.start) or context.year
    if (
        year is not None
        and status in ("actual", "estimate")
        and _VERB_TO.match(text, q.end)  # rare: the clause's start is looked for only then
        and text.endswith(("由", "从"), _clause_start(text, q.start), q.start)
    ):
        year -= 1  # "由1.08%下降至0.15%": the first level is the start of the year
    if text.find("累计", 0, q.start) >= 0 and not name.startswith("累计"):
        name = "累计" + name  # a cumulative stock is not the year's indicator
    start = end = None
    if measure == "avg_growth_pct":
        start, end = _period(text, q.start, context)
        year = end if end is not None else year
    elif year is not None:
        base, at_once = _base_year(text, q.start, year) or (None, False)
        if base is not None and measure == "level" and at_once:
            year = base  # 较“十三五”末的9323.1亿元: the base's own level
        elif base is not None and base < year - 1 and measure in _SPAN_MEASURES:
            start, end = base, year  # 比2020年增长33.6%: five years of growth, not one
    reference = ""
    if relation is not None:
        reference = relation.group("ref2") or relation.group(0)[len(relation.group("verb")) :]
    return Figure(name, year, status, measure, _negated(q) if sign < 0 else q,
                  start, end, reference)


# A comparison with another quantity: 高于全市平均水平0.8个百分点, 比全省平均高1.2个百分点,
# 增速快于全国2个百分点. The reference is named; 比上年/比去年/同比 are year-on-year changes.
# 落后 and 领先 alone are adjectives too (淘汰落后产能1.17亿吨): only 落后于 compares.
_RELATION = re.compile(
    r"(?P<verb>高于|低于|快于|慢于|落后于)(?P<ref>[^，；、]{2,20}?)(?:增速|水平)?$"
    r"|比(?P<ref2>[^，；、]{2,20}?)(?P<verb2>高|低|快|慢|多|少)(?:出)?$"
)
_YEAR_REF = re.compile(r"^(?:上年|去年|上年同期|去年同期|同期|上年末|去年末|年初|(?:19|20)\d{2}年)")


def _relation(left: str) -> re.Match[str] | None:
    m = _RELATION.search(left)
    if m is None:
        return None
    ref = m.group("ref") or m.group("ref2") or ""
    if _YEAR_REF.match(ref) or _DIGIT.search(ref):
        return None
    return m


# A stated base of comparison: 比2020年, 较“十三五”末(的), 与2020年相比. A change measured
# from it spans base..year; a level right after it is the base year's level.
_BASE = re.compile(
    r"(?:比|较|与|同)(?:“?(?P<plan>十[一二三四五六]五)”?(?:期?末)|(?P<year>(?:19|20)\d{2})年(?:末|底)?)"
    r"(?:的|相比|相较|比较)?"
)
_BASE_BREAK = re.compile(r"[；;。]|同比|比上年|比去年|较上年|较去年|今年|当年|年均")
_CLAUSE_VERB = re.compile(rf"(?:{_UP}|{_DOWN})")
_SPAN_MEASURES = ("growth_pct", "change", "change_pp", "multiple")


def _base_year(text: str, pos: int, year: int) -> tuple[int, bool] | None:
    """(year of the last stated base before ``pos`` in its sentence part, whether ``pos``
    follows it at once), else None.

    >>> _base_year("固定资产投资比2020年增长35%", 15, 2025)
    (2020, False)
    >>> _base_year("较“十三五”末的9323.1亿元", 8, 2025)
    (2020, True)
    >>> _base_year("比2020年增长35%；财政收入增长4%", 20, 2025) is None
    True
    """
    last = None
    for m in _BASE.finditer(text, max(0, pos - 60), pos):
        last = m
    if last is None or _BASE_BREAK.search(text, last.end(), pos):
        return None
    for comma in _COMMA.finditer(text, last.end(), pos):  # a new subject: a new base
        if comma.start() > last.end() and not _CLAUSE_VERB.match(text, comma.end()):
            return None  # (与2020年相比，… keeps its base)
    base = int(last["year"]) if last["year"] else _FIVE_YEAR[last["plan"]] + 4
    return (base, last.end() == pos) if base < year else None


_FIVE_YEAR = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026,
              "十六五": 2031}
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})(?:年)?(?:—|–|-|~|至|到)((?:19|20)\d{2})年")


def _period(text: str, pos: int, context: Context) -> tuple[int | None, int | None]:
    """First and last year of an average-annual-growth period stated before ``pos``:
    2021—2025年, “十四五”期间, 过去五年 (the five years before the report), 今后五年."""
    before = text[:pos]
    if not (_YEAR_SPAN.search(before) or any(k in before for k in _FIVE_YEAR)):
        before = context.section_title + before  # “十四五”时期发展成就: the section says it
    spans = list(_YEAR_SPAN.finditer(before))
    if spans:
        return int(spans[-1].group(1)), int(spans[-1].group(2))
    plan = [(before.rfind(k), v) for k, v in _FIVE_YEAR.items() if k in before]
    if plan:
        first = max(plan)[1]
        return first, first + 4
    if context.year is not None:
        if _PAST_FIVE.search(text):
            end = context.year if context.part == "review" else context.year - 1
            return end - 4, end
        if _NEXT_FIVE.search(text):
            return context.year, context.year + 4
    return None, None


def _name_single(
    text: str,
    quantities: Sequence[Quantity],
    group: list[Quantity],
    subject: str,
    after_previous: bool,
    has_verb: bool,
    prev_indicator: str,
) -> str:
    """The indicator of a quantity (or a run of them) that has no list of subjects."""
    last = group[-1]
    name = _strip(subject)
    if name.startswith(("比", "较", "与")):
        name = ""  # 比上年年初预算增加1800亿元: the base of a comparison, not a subject

    def right_of() -> str:  # the phrase after the quantity: read only when a rule needs it
        return _right_phrase(text, last.end, _next_stop(text, quantities, last))

    if name.endswith("等") or _PREPOSITION_END.search(name):
        return right_of() or _right_after_run(text, quantities, last) or name
    if name and _BARE_VERBS.match(name):
        return name + (right_of() or _right_after_run(text, quantities, last))
    right = None
    if subject.rstrip().endswith("的") and name:
        right = right_of()
        if right:
            return name + "的" + right  # "剔除划出的4个镇不可比因素": the object follows
        if prev_indicator and _TASK.search(name):
            return prev_indicator + name  # "…资金，完成全年任务的105%"
    if (_TIME_ONLY.match(name) or name in ("总量", "总额", "总值", "规模")) and prev_indicator:
        return prev_indicator  # "…满意度…，第三季度达到98.28%"
    if _has_content(name):
        if len(name) <= 2 and not _BARE_VERBS.match(name):
            right = right_of() if right is None else right
            if right:
                return name + right  # "区直3家公立医院" -> 区直公立医院
        return name
    right = right_of() if right is None else right
    # No subject of its own: a growth clause or a run of counts continues the previous
    # figure; a count at the head of a clause names its object after it (4家企业入围…).
    if prev_indicator and (has_verb or (after_previous and not right)):
        return prev_indicator
    return right or _right_after_run(text, quantities, last) or prev_indicator


_MIRROR = {"ge": "le", "gt": "lt", "le": "ge", "lt": "gt"}


def _negated(q: Quantity) -> Quantity:
    """A quantity read as a decline: "下降5%以上" is a growth of at most -5%.

    >>> q = _negated(find_quantities("5%以上")[0])
    >>> q.value, q.low, q.high, q.bound
    (-5.0, None, -5.0, 'le')
    >>> q = _negated(find_quantities("1%—2%")[0])
    >>> q.value, q.low, q.high, q.bound
    (None, -2.0, -1.0, 'range')
    """

    def neg(x: float | None) -> float | None:
        return None if x is None else -x

    return q._replace(
        value=neg(q.value), low=neg(q.high), high=neg(q.low), bound=_MIRROR.get(q.bound, q.bound)
    )


def _drop_qualifiers(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Drop thresholds that qualify a noun rather than measure it.

    "通20户以上自然屯道路硬化32公里" measures 32公里 of roads to hamlets of 20+ households;
    "新增划定2处1000人以上农村水源保护区" counts 2 sites serving 1000+ people. A quantity with
    以上/以下 followed by a noun is a qualifier when another quantity of the clause measures
    that noun: one right before it, or one later in the clause.
    """
    out = []
    for i, q in enumerate(quantities):
        qualifies = text.endswith(("以上", "以下"), q.start, q.end) and bool(
            _HAN.match(text, q.end))  # (the rare suffix first: most quantities stop there)
        if qualifies:
            before = i > 0 and quantities[i - 1].end == q.start
            later = any(
                x.start >= q.end and x.start < _clause_end(text, q.end) for x in quantities[i + 1 :]
            )
            if before or later:
                continue
        out.append(q)
    return out


def _next_stop(text: str, quantities: Sequence[Quantity], q: Quantity) -> int:
    following = [x.start for x in quantities if x.start >= q.end]
    return min([_clause_end(text, q.end), *following])


def _right_after_run(text: str, quantities: Sequence[Quantity], q: Quantity) -> str:
    """The phrase after a run of adjacent quantities (全年共1379户4309人实现脱贫)."""
    end = q.end
    for x in quantities:
        if x.start == end:
            end = x.end
    return _right_phrase(text, end, _next_stop(text, quantities, q._replace(end=end)))


def _status(part: str | None, estimate_from: int | None, pos: int) -> str:
    if part == "plan":
        return "target"
    if estimate_from is not None and estimate_from < pos:
        return "estimate"
    return "actual"


# --- whole reports ----------------------------------------------------------------------------


class _View(NamedTuple):
    """A stretch of clean text with the raw offset of each of its characters.

    ``offsets[base + i]`` is the raw index of ``text[i]``: a sentence shares the report's
    offset array (only a figure's span is looked up in it). A named tuple: one is made per
    sentence read, at a third of a frozen dataclass's cost.
    """

    text: str
    offsets: Sequence[int]
    base: int
    context: Context
    sentence: int | None = None  # index in Report.sentences(); None for appendix cells

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of ``text[start:end]``."""
        return self.offsets[self.base + start], self.offsets[self.base + end - 1] + 1


_SKIP_KINDS = ("front_matter", "glossary", "colophon")


def _views(report: Report) -> Iterator[_View]:
    """The stretches of text figures are read from: the body's sentences and the appendix's
    project cells, each with its context; only those that may hold a quantity (the others
    give no figure and no doubt, and most sentences are such)."""
    nt = report.normalized
    outline = report.outline
    year = outline.year
    parts = {s.id: s for s in outline.sections}

    def part_year(sec) -> tuple[str | None, int | None]:
        part = sec.part if sec else None
        node = sec
        while node is not None and node.kind != "part":
            node = parts.get(node.parent) if node.parent else None
        y = node.year if node is not None and node.year else None
        if y is None and year is not None and part:
            y = year - 1 if part == "review" else year
        return part, y

    looking_back = _looking_back(report)
    text, offsets = nt.text, nt.offsets
    contexts: dict[int, Context] = {}  # the usual context of each section, by id(section)
    skip = (*_SKIP_KINDS, "appendix")
    starts, ends = report._sentences.starts, report._sentences.ends
    for i in _may_hold(text, starts, ends):
        start = starts[i]
        sec = outline.section_at(start)
        if sec is not None and sec.kind in skip:
            continue
        ctx = contexts.get(id(sec))
        if ctx is None:
            part, y = part_year(sec)
            ctx = contexts[id(sec)] = Context(part, y, sec.id if sec else None,
                                              sec.title if sec else "")
        sentence = text[start : ends[i]]
        if ctx.part is None:
            part, y = _part_from_cues(sentence, year)
            ctx = Context(part, y, ctx.section, ctx.section_title)
        elif ctx.part == "plan" and i in looking_back and ctx.year is not None:
            # 过去一年，……国内生产总值增长10.3% in the plan part
            ctx = Context("review", ctx.year - 1, ctx.section, ctx.section_title)
        yield _View(sentence, offsets, start, ctx, i)
    yield from _project_views(report)


def _may_hold(text: str, starts: Sequence[int], ends: Sequence[int]) -> Iterator[int]:
    """The indices of the sentences (spans ``[starts[i], ends[i])`` of ``text``, in order,
    not overlapping) for which :func:`may_hold_quantity` holds.

    One forward search finds the next place a quantity may start, and a bisection the
    sentence it falls in: the sentences before it are never looked at (most sentences hold
    no number). A hint that runs past its sentence's end is decided by the sentence's own
    search.
    """
    n = len(starts)
    i = 0
    while i < n:
        hint = may_hold_quantity_at(text, starts[i])
        if hint is None:
            return
        i = max(i, bisect_right(starts, hint[0], i) - 1)  # the last sentence starting by it
        if hint[0] < ends[i] and (hint[1] <= ends[i]
                                  or may_hold_quantity(text, starts[i], ends[i])):
            yield i
        i += 1


def _project_views(report: Report) -> Iterator[_View]:
    """The appendix's planned projects: their contents, one cell per wrapped line, joined
    (only those that may hold a quantity)."""
    nt, outline = report.normalized, report.outline
    text, offsets, year = nt.text, nt.offsets, outline.year
    app = next((s for s in outline.sections if s.kind == "appendix"), None)
    for p in report._projects:
        chars: list[str] = []
        offs: list[int] = []
        for a, b in p.content_spans:
            i, j = nt.clean_span(a, b)
            while i < j:  # the cell's lines, without their line breaks
                k = text.find("\n", i, j)
                k = j if k < 0 else k
                chars.append(text[i:k])
                offs.extend(offsets[i:k])
                i = k + 1
        cell = "".join(chars)
        if not may_hold_quantity(cell):
            continue
        py = p.deadline.year if p.deadline else (app.year if app and app.year else year)
        yield _View(
            cell,
            offs,
            0,
            Context("plan", py, app.id if app else "appendix", app.title if app else ""),
        )


_LOOK_BACK = re.compile(r"(?:过去一年|去年|刚刚过去的一年)[，,]")
_FORWARD = re.compile(r"今年|明年|目标|力争|预期|计划|确保|要|将")


def _looking_back(report: Report) -> frozenset[int]:
    """Sentences of a paragraph that opens a look back (过去一年，……) inside the plan part:
    the cue sentence and the ones after it, up to the first with forward words.

    Only the paragraphs after a sentence that opens with a cue are walked: the cues are
    found in one search of the whole text, and their sentences by bisection.
    """
    text, sentences = report.normalized.text, report._sentences
    starts, ends, paragraphs = sentences.starts, sentences.ends, sentences.paragraphs
    out: set[int] = set()
    for cue in _LOOK_BACK.finditer(text):
        i = bisect_left(starts, cue.start())
        if i == len(starts) or starts[i] != cue.start():
            continue  # not at a sentence's start
        if i in out or not _LOOK_BACK.match(text, starts[i], ends[i]):
            continue  # already in a walk, or the cue runs past its sentence
        out.add(i)
        for j in range(i + 1, len(starts)):
            if paragraphs[j] != paragraphs[i] or (
                    not _LOOK_BACK.match(text, starts[j], ends[j])
                    and _FORWARD.search(text, starts[j], ends[j])):
                break  # (a later cue keeps the look back going)
            out.add(j)
    return frozenset(out)


def _part_from_cues(sentence: str, year: int | None) -> tuple[str | None, int | None]:
    """Outside a numbered part: plan words make a target, else an outcome of last year."""
    if _PLAN_CUE.search(sentence):
        return "plan", year
    if year is None:
        return None, None
    return "review", year - 1


# The passage of main expected targets: "今年经济社会发展的主要预期目标是：……" (line breaks
# inside the cue happen in pages scraped from the web: "主要预期目标⏎是：").
_HEADLINE_CUE = re.compile(
    r"(?:主要)?预期\s*(?:目标|指标)\s*(?:建议)?\s*(?:是|为)"
    r"|主要\s*(?:预期)?\s*(?:目标|指标)\s*(?:是|为|包括)")
# Words before the cue that make it another period's passage ("十五五"发展目标。到2030年……),
# unless the paragraph also speaks of this year (今年是"十五五"开局之年。……主要预期目标是).
_OTHER_PERIOD = re.compile(
    r"今后五年|五年|“十[一二三四五六七八九]?五”|十[一二三四五]五(?:时期|规划)|到20\d\d年")
_LIST_ITEM = re.compile(
    r"\s*(?:——|—|－|-|[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]|[一二三四五六七八九十]是)")


def _headline_cue(report: Report, s: Sentence) -> int | None:
    """Where a headline cue ends if sentence ``s`` starts one, else None."""
    text, outline, pars = report.normalized.text, report.outline, report._paragraphs
    m = _HEADLINE_CUE.search(text, s.start, min(s.end + 8, len(text)))
    if not m or m.start() >= s.end:
        return None
    sec = outline.section_at(s.start)
    if sec is not None and sec.part == "review":
        return None
    if "年均" in text[m.end() : m.end() + 16]:  # 主要目标是：地区生产总值年均增长5%
        return None
    par_start = pars[s.paragraph].start
    if s.paragraph > 0 and s.start == par_start:  # a line broken inside the cue's sentence
        prev = pars[s.paragraph - 1]
        if text[prev.start : prev.end].rstrip()[-1:] not in "。！？；;：:":
            par_start = prev.start
    before = text[par_start : m.start()]
    this_year = f"{report.year}年" if report.year else "今年"
    if _OTHER_PERIOD.search(before) and "今年" not in before and this_year not in before:
        return None
    return m.end()


def _headline_sentences(report: Report) -> frozenset[int]:
    """Sentences in the passage of main expected targets (the ``headline`` column).

    The sentence with the cue (主要预期目标是 / 主要目标为 / 预期目标是, outside the review
    part, not about another period), the later sentences of its paragraph (of the paragraph
    where the cue ends, if a line break cuts it), and, when that paragraph ends in ：, the
    next paragraph and the list items right after it.
    """
    text, pars, sentences = report.normalized.text, report._paragraphs, report._sentences
    starts, ends = sentences.starts, sentences.ends
    # A cue starts with 主要 or 预期 inside its sentence (it may run on past the sentence's
    # end, over a line break): only the sentences where such a word starts are looked at,
    # in order, each found by bisection; the others (most of them) are never visited.
    seen = -1  # the last sentence looked at
    for word in _CUE_WORD.finditer(text):
        k = word.start()
        i = bisect_right(starts, k) - 1
        if i <= seen or k >= ends[i]:
            continue  # (a word between two sentences: in no sentence)
        seen = i
        s = sentences[i]
        end = _headline_cue(report, s)
        if end is None:
            continue
        pi = next(p.index for p in pars[s.paragraph :] if p.end >= end)
        out = {j for j in _of_paragraph(sentences, pi) if ends[j] > s.start}
        if text[pars[pi].start : pars[pi].end].rstrip().endswith(("：", ":")):
            out |= _list_after(text, pars, sentences, pi)
        return frozenset(out)
    # No cue sentence: a heading "（一）主要预期目标" and the paragraph(s) under it.
    for p in pars:
        if _HEADLINE_HEADING.match(text[p.start : p.end].strip()):
            return frozenset(_list_after(text, pars, sentences, p.index))
    return frozenset()


_CUE_WORD = re.compile("主要|预期")


def _of_paragraph(sentences: Sentences, pi: int) -> range:
    """The indices of the sentences of paragraph ``pi`` (sentences come in paragraph order):
    two bisections instead of grouping every sentence of the report by paragraph."""
    lo = bisect_left(sentences.paragraphs, pi)
    return range(lo, bisect_right(sentences.paragraphs, pi, lo))


_HEADLINE_HEADING = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]\s*)?(?:(?:19|20)\d{2}年|今年)?"
    r"(?:经济社会发展|发展)?的?主要(?:预期)?目标[:：]?$")


def _list_after(text: str, pars: Sequence, sentences: Sentences, pi: int) -> set[int]:
    """Sentences of the paragraph after ``pi`` and of the list items right after it."""
    out: set[int] = set()
    for j in range(pi + 1, len(pars)):
        if j > pi + 1 and not _LIST_ITEM.match(text, pars[j].start):
            break
        out.update(_of_paragraph(sentences, j))
    return out


def _rows(report: Report) -> Iterator[tuple]:
    """One tuple per figure, its values in the order of :data:`FIGURE_COLUMNS`."""
    headline = _headline_sentences(report)
    doc, raw = report.doc, report.raw
    for view in _views(report):
        ctx = view.context
        in_headline = view.sentence in headline
        for f in parse_sentence(view.text, ctx):
            q = f.quantity
            a, b = view.raw_span(q.start, q.end)
            yield (
                doc,  # doc
                f.indicator,  # indicator
                f.indicator_id,  # indicator_id
                f.year,  # year
                f.status,  # status
                f.measure,  # measure
                f.value,  # value
                q.low,  # low
                q.high,  # high
                q.unit,  # unit
                q.base_unit,  # base_unit
                q.multiplier,  # multiplier
                q.bound,  # bound
                a,  # start
                b,  # end
                raw[a:b],  # quote
                ctx.section,  # section
                ctx.section_title,  # section_title
                ctx.part,  # part
                view.sentence,  # sentence_id
                figure_context(view.text, q.start, q.end),  # context
                f.period_start,  # period_start
                f.period_end,  # period_end
                f.reference,  # reference
                in_headline,  # headline
            )


CONTEXT_CHARS = 160


def figure_context(sentence: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> str:
    """The clause of a sentence around a figure: from the ；/; before it to the one after,
    at most ``limit`` characters (a long clause is cut around the figure).

    The whole sentence is kept once, in ``Report.sentences()`` (``sentence_id``); a row
    carries only this short context, so a long sentence is not copied into every row.

    >>> figure_context("全年完成投资50亿元，增长8%；新增就业3000人。", 10, 12)
    '全年完成投资50亿元，增长8%；'
    """
    if len(sentence) <= limit and "；" not in sentence and ";" not in sentence:
        return sentence  # most sentences: one clause, short enough (what the rest gives)
    a = max(sentence.rfind("；", 0, start), sentence.rfind(";", 0, start)) + 1
    stops = [i for i in (sentence.find("；", end), sentence.find(";", end)) if i >= 0]
    b = min(stops) + 1 if stops else len(sentence)
    if b - a > limit:
        half = max(limit - (end - start), 0) // 2
        a = max(a, start - half)
        b = min(b, a + limit)
    return sentence[a:b]


def figure_columns(report: Report) -> dict[str, list]:
    """The figures as plain column lists (no pandas): cheap to build, pickle and concatenate.

    The rows are transposed a chunk at a time, so that a text of hundreds of thousands of
    figures never holds every row as a tuple beside its columns.
    """
    columns: dict[str, list] = {c: [] for c in FIGURE_COLUMNS}
    lists = list(columns.values())
    rows = _rows(report)
    while chunk := list(islice(rows, _CHUNK_ROWS)):
        for values, column in zip(lists, zip(*chunk, strict=True), strict=True):
            values.extend(column)
    return columns


_CHUNK_ROWS = 4096


def extract_figures(report: Report) -> pd.DataFrame:
    """Every figure of a report, one row per observation, columns :data:`FIGURE_COLUMNS`."""
    return _frame_of(figure_columns(report))


def figure_frame(columns: dict[str, list]) -> pd.DataFrame:
    """The column lists of :func:`figure_columns` as a DataFrame of :data:`FIGURE_DTYPES`.

    Each column is built in its dtype at once (the same frame as ``DataFrame(...).astype``
    on object columns, at a fraction of the cost): text columns straight into pandas' Arrow
    string array (what ``pd.array(..., dtype="str")`` makes, without its dtype look-up and
    cast per column), and the frame from the dict alone (its keys are the columns in order;
    ``columns=`` would make pandas select them again).
    """
    return _frame_of(dict(columns))


def _frame_of(columns: dict[str, list]) -> pd.DataFrame:
    """:func:`figure_frame`, emptying ``columns`` as it goes: each list is let go once its
    column is built, so a large table is never held twice over (lists and frame)."""
    return frame_from_pieces({c: [a] for c, a in compact_columns(columns, pop=True).items()})


def compact_columns(columns: dict[str, list], pop: bool = False
                  ) -> dict[str, pa.Array | np.ndarray]:
    """The column lists of :func:`figure_columns` in compact form, each read in C at once:
    text and nullable integers as Arrow arrays (text as ``large_string``, a missing value
    as a null), floats as Arrow arrays too (Arrow reads None a third faster than NumPy),
    integers and booleans as NumPy arrays (faster than Arrow for them, at any size).
    ``pop`` empties ``columns`` as it goes. :func:`frame_from_pieces` makes the frame."""
    import numpy as np
    import pyarrow as pa

    out: dict[str, pa.Array | np.ndarray] = {}
    for c in FIGURE_COLUMNS:
        values = columns.pop(c) if pop else columns[c]
        dtype = FIGURE_DTYPES[c]
        if dtype in ("int64", "bool"):
            out[c] = np.array(values, dtype=dtype)
            continue
        kind = _arrow_types()[dtype]
        try:
            out[c] = pa.array(values, type=kind)
        except (TypeError, ValueError):  # pd.NA or NaN for a missing number: pandas' ways
            out[c] = pa.array(values, type=kind, from_pandas=True)
    return out


def frame_from_pieces(pieces: Mapping[str, Sequence[pa.Array | np.ndarray]]) -> pd.DataFrame:
    """The figures frame of :data:`FIGURE_DTYPES` from the pieces of each column (what
    :func:`compact_columns` made of consecutive rows): text stays in Arrow (pandas' ``str``),
    numbers become NumPy arrays (writable: a user may edit the frame), each column built in
    its dtype at once."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    data: dict[str, Any] = {}
    for c in FIGURE_COLUMNS:
        dtype = FIGURE_DTYPES[c]
        parts = pieces[c]
        if dtype in ("int64", "bool"):
            data[c] = parts[0] if len(parts) == 1 else np.concatenate(parts)
            continue
        arr: Any = parts[0] if len(parts) == 1 else pa.chunked_array(parts).combine_chunks()
        if dtype == "Int64":
            data[c] = pd.arrays.IntegerArray(
                arr.fill_null(0).to_numpy(zero_copy_only=False, writable=True),
                arr.is_null().to_numpy(zero_copy_only=False, writable=True))
        elif dtype == "str":
            data[c] = pd.arrays.ArrowStringArray(arr, dtype=_str_dtype())  # type: ignore[call-arg]
        else:  # float64: a null is NaN
            data[c] = arr.to_numpy(zero_copy_only=False, writable=True)
    return pd.DataFrame(data, copy=False)


@cache
def _arrow_types() -> dict[str, pa.DataType]:
    """The Arrow type of each figure dtype that is read through Arrow."""
    import pyarrow as pa

    return {"str": pa.large_string(), "float64": pa.float64(), "Int64": pa.int64()}


@cache
def _str_dtype() -> Any:
    """pandas' ``str`` dtype (looking it up costs more than building a small column)."""
    import pandas as pd

    return pd.api.types.pandas_dtype("str")


def extract_text(text: str, doc: str = "text") -> pd.DataFrame:
    """Figures of a report given as text (builds a :class:`Report` first)."""
    from ..reading.document import Report

    return extract_figures(Report.fromstring(text, doc=doc))


DOUBT_COLUMNS = ("doc", "start", "end", "quote", "reason", "sentence_id", "context")


def doubts(report: Report) -> pd.DataFrame:
    """Numbers the rules did not read because their value is ambiguous (30 2.4亿元: digits
    split by a gap that is not a thousands group), one row each, with raw offsets: they are
    never read as a smaller number, and never silently dropped."""
    import pandas as pd

    rows = []
    for view in _views(report):
        for d in find_doubts(view.text):
            a, b = view.raw_span(d.start, d.end)
            rows.append({"doc": report.doc, "start": a, "end": b, "quote": report.raw[a:b],
                         "reason": d.reason, "sentence_id": view.sentence,
                         "context": figure_context(view.text, d.start, d.end)})
    return pd.DataFrame(rows, columns=list(DOUBT_COLUMNS)).astype(
        {"start": "int64", "end": "int64", "sentence_id": "Int64"})
