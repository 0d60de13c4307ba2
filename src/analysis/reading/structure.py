"""The structure of a work report: paragraphs, sentences, outline, glossary and appendix table.

Everything here works on a :class:`~analysis.reading.text.NormalizedText` and returns plain
records (frozen dataclasses) that carry *clean* offsets; :mod:`analysis.reading.document` turns
them into DataFrames with raw offsets. The rules are those of the genre, not of one report:

* the outline is numbered ``一、`` (parts), ``（一）`` (sections) and sometimes ``1.``;
* a report has a review part (``2019年工作回顾``, ``过去一年``) and a plan part
  (``2020年工作安排``, ``今年主要目标任务``); the report's own year is the plan year;
* a glossary (``名词解释``) numbers its items ``1.``, ``2.`` … and the body marks the terms
  with circled numbers ``①`` … ``㉜``;
* an appendix table (``为民办实事项目``) lists projects with a lead unit, partner units and a
  deadline, flattened by PDF extraction into one cell per line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import repeat
from typing import TYPE_CHECKING, Any, Literal, overload

from .text import _WHITESPACE, NormalizedText, code_points, lookup, search_sorted

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MAX_SENTENCE",
    "GlossaryItem",
    "LongSentence",
    "Outline",
    "Paragraph",
    "Project",
    "Section",
    "Sentence",
    "Sentences",
    "circled_number",
    "long_sentences",
    "parse_glossary",
    "parse_outline",
    "parse_projects",
    "report_year",
    "split_paragraphs",
    "split_sentences",
]

Part = Literal["review", "plan"]


# Paragraph and Sentence are slotted, not frozen (treat them as read-only): a large text has
# hundreds of thousands of them, and a frozen dataclass is five times slower to create.
@dataclass(slots=True)
class Paragraph:
    """A paragraph: clean offsets ``[start, end)``."""

    index: int
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    """A sentence: clean offsets ``[start, end)`` and the paragraph it belongs to.

    ``cut`` is empty for a sentence that ends at 。！？ or its paragraph's end. A run of text
    longer than :data:`MAX_SENTENCE` without one is cut into pieces, each ending at its last
    clause boundary (``cut == "clause"``) or, with none, at the limit (``cut == "hard"``);
    :func:`long_sentences` reports them.
    """

    index: int
    paragraph: int
    start: int
    end: int
    cut: str = ""


@dataclass(frozen=True)
class Section:
    """One heading of the outline and the clean span of its content.

    ``kind`` is ``front_matter``, ``report``, ``part`` (一、), ``section`` (（一）),
    ``item`` (1.), ``appendix``, ``glossary`` or ``colophon`` (the printer's line);
    ``level`` is 0 for the document's parts.
    """

    id: str
    level: int
    kind: str
    number: int | None
    title: str
    year: int | None
    part: Part | None
    start: int  # heading, clean offsets
    end: int
    body_end: int  # the section's content runs from ``end`` to ``body_end``
    parent: str | None = None


@dataclass(frozen=True)
class Outline:
    """The outline and the report year it resolves."""

    sections: tuple[Section, ...]
    year: int | None
    year_source: str
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _up: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Sections are nested spans in document order. For each, the index of the nearest
        # earlier section that contains its start (-1: none), found with one stack sweep.
        up: list[int] = []
        stack: list[int] = []
        for k, s in enumerate(self.sections):
            while stack and self.sections[stack[-1]].body_end <= s.start:
                stack.pop()
            up.append(stack[-1] if stack else -1)
            stack.append(k)
        object.__setattr__(self, "_starts", tuple(s.start for s in self.sections))
        object.__setattr__(self, "_up", tuple(up))

    def section_at(self, pos: int) -> Section | None:
        """The innermost section whose heading or body contains clean offset ``pos``.

        A bisection over the section starts, then up the (shallow) chain of sections that
        contain that start: O(log n) however many headings a text has.
        """
        k = bisect_right(self._starts, pos) - 1
        while k >= 0:
            s = self.sections[k]
            if pos < s.body_end:
                return s
            k = self._up[k]
        return None


@dataclass(frozen=True)
class GlossaryItem:
    """One 名词解释 entry and the body marker (①…) that points to it."""

    number: int
    term: str
    definition: str
    start: int
    end: int
    marker: str | None = None
    marker_pos: int | None = None  # clean offset of the marker in the body


@dataclass(frozen=True)
class Project:
    """One row of the appendix table of projects (为民办实事项目)."""

    number: int
    content: str
    lead_unit: str
    partner_units: tuple[str, ...]
    deadline: date | None
    deadline_text: str
    start: int  # raw offsets: the row spans several table cells
    end: int
    content_spans: tuple[tuple[int, int], ...] = field(default=())  # raw spans of content


# --- paragraphs and sentences ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a clean text (one per line)."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append(Paragraph(len(out), pos, end))
        pos = end + 1
    return out


MAX_SENTENCE = 2000
"""Longest sentence (clean characters) handed on whole; a real report's longest is ~640."""

_CLAUSE_STOPS = ("；;", "，,：:", "、")  # strongest first
_GLUED = frozenset("0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class Sentences(Sequence[Sentence]):
    """The sentences of a text as columns: ``starts``, ``ends`` and ``paragraphs`` (lists of
    ints, in order) and ``cuts`` (the ``cut`` of the few pieces of over-long sentences).

    Indexing or iterating gives :class:`Sentence` records, made on demand: a report has
    hundreds of sentences and a large text hundreds of thousands, and the rules that pass
    over all of them (which may hold a number, which open the targets' passage) read the
    columns with a bisection instead of one object per sentence.

    >>> s = Sentences([0, 5], [5, 9], [0, 0])
    >>> len(s), s[1], s.ends
    (2, Sentence(index=1, paragraph=0, start=5, end=9, cut=''), [5, 9])
    """

    __slots__ = ("cuts", "ends", "paragraphs", "starts")

    def __init__(self, starts: list[int], ends: list[int], paragraphs: list[int],
                 cuts: dict[int, str] | None = None):
        self.starts, self.ends, self.paragraphs = starts, ends, paragraphs
        self.cuts = cuts or {}

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Sentence: ...
    @overload
    def __getitem__(self, i: slice) -> list[Sentence]: ...
    def __getitem__(self, i: int | slice) -> Sentence | list[Sentence]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self.starts)
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise IndexError(f"sentence {i} of {n}")
        return Sentence(j, self.paragraphs[j], self.starts[j], self.ends[j], self.cuts.get(j, ""))

    def __iter__(self) -> Iterator[Sentence]:
        cuts = self.cuts
        for j, (p, a, b) in enumerate(zip(self.paragraphs, self.starts, self.ends, strict=True)):
            yield Sentence(j, p, a, b, cuts.get(j, ""))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sentences):
            return (self.starts, self.ends, self.paragraphs, self.cuts) == (
                other.starts, other.ends, other.paragraphs, other.cuts)
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable lists inside

    def __repr__(self) -> str:
        return f"Sentences({len(self)} sentences)"


def split_sentences(
    text: str, paragraphs: list[Paragraph], limit: int = MAX_SENTENCE
) -> Sentences:
    r"""Sentences end at 。！？ (and any closing quote after them) or at the paragraph's end.

    A sentence longer than ``limit`` is cut into pieces (see :class:`Sentence`), so that no
    later step ever sees an unbounded sentence. ``paragraphs`` are lines of ``text`` (as
    :func:`split_paragraphs` gives them): the sentence ends are found in all of it at once,
    and a paragraph no longer than ``limit`` takes its sentences in one slice of them.

    >>> list(split_sentences("增长5%。好。\n尾", split_paragraphs("增长5%。好。\n尾")))
    ... # doctest: +NORMALIZE_WHITESPACE
    [Sentence(index=0, paragraph=0, start=0, end=5, cut=''),
     Sentence(index=1, paragraph=0, start=5, end=7, cut=''),
     Sentence(index=2, paragraph=1, start=8, end=9, cut='')]
    """
    ends = _sentence_ends(text)
    starts_out: list[int] = []
    ends_out: list[int] = []
    paras: list[int] = []
    cuts: dict[int, str] = {}

    def add(a: int, b: int, paragraph: int) -> None:  # one sentence, in pieces if too long
        for i, j, cut in _pieces(text, a, b, limit):
            if cut:
                cuts[len(starts_out)] = cut
            starts_out.append(i)
            ends_out.append(j)
            paras.append(paragraph)

    hi = 0
    for p in paragraphs:
        pos, stop, index = p.start, p.end, p.index
        lo = bisect_right(ends, pos, hi)
        hi = bisect_right(ends, stop, lo)
        if stop - pos > limit:  # rare: a sentence of it may need cutting
            for end in ends[lo:hi]:
                add(pos, end, index)
                pos = end
            if stop - pos > limit or (pos < stop and text[pos:stop].strip()):
                add(pos, stop, index)
            continue
        if hi > lo:
            starts_out.append(pos)
            starts_out.extend(ends[lo : hi - 1])
            ends_out.extend(ends[lo:hi])
            paras.extend(repeat(index, hi - lo))
            pos = ends[hi - 1]
        if pos < stop and text[pos:stop].strip():
            starts_out.append(pos)
            ends_out.append(stop)
            paras.append(index)
    return Sentences(starts_out, ends_out, paras, cuts)


_STOP, _CLOSER, _CIRCLED, _SPACE = 1, 2, 4, 8  # bits of _classes()


@cache
def _classes() -> np.ndarray:
    """For each code point to 0xFFFF: a sentence's stop (。！？!?), a closing quote or
    bracket after one (”’」』）)), a circled number marker (CIRCLED), whitespace (\\s)."""
    import numpy as np

    table = np.zeros(0x10000, dtype=np.uint8)
    table[[ord(c) for c in "。！？!?"]] = _STOP
    table[[ord(c) for c in "”’」』）)"]] = _CLOSER
    for lo, hi, _ in _CIRCLED_RANGES:
        table[lo : hi + 1] = _CIRCLED
    table[[ord(c) for c in _WHITESPACE]] = _SPACE
    table.flags.writeable = False  # shared by every call (cached)
    return table


def _sentence_ends(text: str) -> list[int]:
    """The ends of the matches of ``_SENTENCE_END`` in ``text``, in order, found in bulk
    (a regular expression scans a long CJK text slowly): a match is a run of stops and the
    closing quotes right after it."""
    import numpy as np

    cls = lookup(_classes(), code_points(text))  # 0xFFFF: none of them
    stops = np.flatnonzero(cls == _STOP)
    closers = np.flatnonzero(cls == _CLOSER)
    if len(closers):  # those in a match: their run of closers comes right after a stop
        first = np.maximum.accumulate(np.where(np.diff(closers, prepend=-2) != 1, closers, 0))
        closers = closers[(first > 0) & (cls[np.maximum(first - 1, 0)] == _STOP)]
        stops = np.sort(np.concatenate((stops, closers)))
    # A match goes on into a following stop after a stop, and into a following closer.
    after = cls.take(stops + 1, mode="clip")
    if len(stops) and stops[-1] == len(cls) - 1:
        after[-1] = 0  # the text's end
    goes_on = ((cls[stops] == _STOP) & (after == _STOP)) | (after == _CLOSER)
    return (stops[~goes_on] + 1).tolist()


def _pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int, str]]:
    """Pieces of at most ``limit`` characters of an over-long sentence (the last one uncut)."""
    while end - start > limit:
        hi, cut = start + limit, "hard"
        for stops in _CLAUSE_STOPS:
            at = max(text.rfind(ch, start + limit // 4, hi) for ch in stops)
            if at >= 0:
                hi, cut = at + 1, "clause"
                break
        else:  # no boundary: cut at the limit, but not inside a number or a word
            back = hi
            while back > hi - 32 and text[back - 1] in _GLUED and text[back] in _GLUED:
                back -= 1
            hi = back if back > hi - 32 else hi
        yield start, hi, cut
        start = hi
    yield start, end, ""


@dataclass(frozen=True)
class LongSentence:
    """A run of text without a full stop longer than the limit, and how it was cut."""

    start: int  # clean offsets of the whole run
    end: int
    pieces: int
    hard_cuts: int  # pieces cut at the limit, without a clause boundary

    @property
    def message(self) -> str:
        how = (f"{self.hard_cuts} of them at the limit, without a clause boundary"
               if self.hard_cuts else "each at a clause boundary")
        return (f"a sentence of {self.end - self.start:,} characters without a full stop "
                f"(limit {MAX_SENTENCE:,}) was read as {self.pieces} pieces, {how}")


def long_sentences(sentences: Sequence[Sentence]) -> list[LongSentence]:
    """The over-long sentences that :func:`split_sentences` cut, one record each."""
    out: list[LongSentence] = []
    first: Sentence | None = None
    hard = count = 0
    for s in sentences:
        if s.cut and first is None:
            first, hard, count = s, 0, 0
        if first is not None:
            count += 1
            hard += s.cut == "hard"
            if not s.cut:
                out.append(LongSentence(first.start, s.end, count, hard))
                first = None
    return out


# --- outline ----------------------------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(s: str) -> int | None:
    """Value of a small Chinese numeral (1-99).

    >>> chinese_numeral("十二"), chinese_numeral("二十"), chinese_numeral("九")
    (12, 20, 9)
    """
    if not s or any(ch not in _CN_DIGITS and ch != "十" for ch in s):
        return None
    if "十" not in s:
        return _CN_DIGITS[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = _CN_DIGITS.get(tens, 0) if tens else 1
    o = _CN_DIGITS.get(ones, 0) if ones else 0
    return t * 10 + o


_CIRCLED_RANGES = ((0x2460, 0x2473, 1), (0x3251, 0x325F, 21), (0x32B1, 0x32BF, 36),
                   (0x2474, 0x2487, 1))


def circled_number(ch: str) -> int | None:
    """Value of a circled/parenthesized number marker: ① -> 1, ㉜ -> 32, ⑴ -> 1.

    >>> circled_number("①"), circled_number("㉜"), circled_number("1")
    (1, 32, None)
    """
    if len(ch) != 1:
        return None
    cp = ord(ch)
    for lo, hi, first in _CIRCLED_RANGES:
        if lo <= cp <= hi:
            return first + cp - lo
    return None


CIRCLED = re.compile("[\u2460-\u2487\u3251-\u325f\u32b1-\u32bf]")

_TITLE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,12}(?:19|20)\d{2}年)?[\u4e00-\u9fff]{0,12}政府工作报告$"
)
_TITLE_YEAR = re.compile(
    r"^[\u4e00-\u9fff]{0,12}((?:19|20)\d{2})年[\u4e00-\u9fff]{0,12}政府工作报告$"
)
_PART = re.compile(r"^([一二三四五六七八九十]{1,3})[、．.]\s*(.{1,60})$")
_SECTION = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(.+)$")
_ITEM = re.compile(r"^(\d{1,2})[.．、](?!\d)\s*(.{1,40})$")
_GLOSSARY = re.compile(
    r"^(?:附[:：]?)?(?:名词解释|名词注释|注释|有关名词解释|名词解释和说明)[:：]?$"
)
_APPENDIX = re.compile(r"^(?:附件|附表)|实事|民生工程|民生项目")
_NEW_APPENDIX = re.compile(r"^(?:附件|附表)")
# The printer's line at the very end: "××人民政府办公室 2020年2月17日印发", "共印50份".
_COLOPHON = re.compile(r"(?:印发|印制|共印\d+份)$|^抄送[:：]")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_YEAR_IS = re.compile(r"((?:19|20)\d{2})年是[^。\n]{0,60}?之年")
_REVIEW_WORDS = re.compile(r"回顾|过去|总结|去年|上年|五年来|工作情况")
_PLAN_WORDS = re.compile(r"安排|任务|目标|打算|部署|今年|展望|计划|重点工作|建议")
# "——2020年1月8日在……人民代表大会……" (the session date of the speech)
_SESSION_DATE = re.compile(
    r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日在[^。\n]{0,40}(?:人民代表大会|人大)"
)


def _section_year(title: str, report_year: int | None) -> int | None:
    m = _YEAR.search(title)
    if m:
        return int(m.group(1))
    if report_year and "今年" in title:
        return report_year
    return None


def _part_of(title: str, year: int | None, report_year: int | None) -> Part | None:
    if report_year and year is not None:
        if year < report_year:
            return "review"
        if year >= report_year:
            return "plan"
    if _REVIEW_WORDS.search(title):
        return "review"
    if _PLAN_WORDS.search(title):
        return "plan"
    return None


def report_year(text: str, titles: list[str]) -> tuple[int | None, str]:
    """The year a report is delivered in (its plan year) and how it was found.

    In order: the session date under the title (a report delivered in January-June
    plans for that year); a year in the title (``2020年政府工作报告``); the years in the
    part headings (the plan part's year, or the review part's year plus one); else None.
    """
    head = text[:3000]
    m = _SESSION_DATE.search(head)
    if m:
        y, month = int(m.group(1)), int(m.group(2))
        return (y if month <= 6 else y + 1), "session date"
    for t in titles:
        tm = _TITLE_YEAR.match(t)
        if tm:
            return int(tm.group(1)), "title"
    plan_years: list[int] = []
    review_years: list[int] = []
    for t in titles:
        ym = _YEAR.search(t)
        if not ym:
            continue
        if _PLAN_WORDS.search(t):
            plan_years.append(int(ym.group(1)))
        elif _REVIEW_WORDS.search(t):
            review_years.append(int(ym.group(1)))
    if plan_years:
        return max(plan_years), "plan heading"
    if review_years:
        return max(review_years) + 1, "review heading"
    # Last resorts: a part heading with a bare year (三、2011年的工作), then the plan
    # part's opening "2013年是……之年" (a report with no dated heading at all).
    bare = [int(m.group(1)) for t in titles if (m := _YEAR.search(t))]
    if bare:
        return max(bare), "heading year"
    cues = [int(m.group(1)) for m in _YEAR_IS.finditer(text)]
    if cues:
        return max(cues), "year-is cue"
    return None, "unknown"


def _heading_of(text: str) -> tuple[str, int, str] | None:
    """(kind, number, title) if a paragraph's text is a numbered heading."""
    m = _PART.match(text)
    if m and "。" not in m.group(2).rstrip("。") and len(m.group(2)) <= 40:
        n = chinese_numeral(m.group(1))
        if n:
            return "part", n, m.group(2).rstrip("。")
    if m := _SECTION.match(text):
        title = m.group(2)
        stop = title.find("。")
        if stop >= 0:
            title = title[:stop]
        n = chinese_numeral(m.group(1))
        if n and len(title) <= 50:
            return "section", n, title
    if (m := _ITEM.match(text)) and "。" not in m.group(2).rstrip("。"):
        return "item", int(m.group(1)), m.group(2).rstrip("。")
    return None


def parse_outline(nt: NormalizedText, paragraphs: list[Paragraph]) -> Outline:
    """The outline of a report: document parts, numbered headings, appendix, glossary."""
    text = nt.text
    title_idx = _title_index(text, paragraphs)
    headings = _headings(text, paragraphs, title_idx)
    titles = [t for k, _, t in headings.values() if k == "part"]
    if title_idx is not None:
        titles.insert(0, _ptext(text, paragraphs[title_idx]))
    year, year_source = report_year(text, titles)
    build = _OutlineBuilder(year, len(text))
    if paragraphs and title_idx is not None and title_idx > 0:
        build.add("front_matter", 0, None, _ptext(text, paragraphs[0]), paragraphs[0], None)
    if title_idx is not None:
        p = paragraphs[title_idx]
        build.add("report", 0, None, _ptext(text, p), p, None)
    elif paragraphs:
        build.open_untitled(paragraphs[0].start)
    build.add_headings(headings, paragraphs)
    build.close(0, len(text))
    return Outline(build.done(), year, year_source)


def _ptext(text: str, p: Paragraph) -> str:
    return text[p.start : p.end].strip()


def _title_index(text: str, paragraphs: list[Paragraph]) -> int | None:
    """The paragraph holding the report's title (``……政府工作报告``) among the first 60."""
    for i, p in enumerate(paragraphs[:60]):
        t = _ptext(text, p)
        if len(t) <= 30 and _TITLE.match(t):
            return i
    return None


def _colophon_index(text: str, paragraphs: list[Paragraph]) -> int | None:
    """The printer's line, if one of the last three paragraphs is one."""
    for i in range(max(0, len(paragraphs) - 3), len(paragraphs)):
        t = _ptext(text, paragraphs[i])
        if len(t) <= 60 and _COLOPHON.search(t):
            return i
    return None


_CLAUSE_PUNCT = re.compile(r"[。，；：:]")
# What a numbered heading (_PART, _SECTION, _ITEM) starts with: these or a digit (\d,
# that is str.isdecimal).
_HEADING_FIRST = frozenset("一二三四五六七八九十（(")


def _headings(
    text: str, paragraphs: list[Paragraph], title_idx: int | None
) -> dict[int, tuple[str, int | None, str]]:
    """``{paragraph index: (kind, number, title)}`` of the heading paragraphs after the title.

    After a glossary heading nothing is a heading; after an appendix heading only a new
    appendix is; the colophon ends the outline.
    """
    headings: dict[int, tuple[str, int | None, str]] = {}
    colophon = _colophon_index(text, paragraphs)
    tail_kind: str | None = None
    has_part = False
    for i in range(0 if title_idx is None else title_idx + 1, len(paragraphs)):
        p = paragraphs[i]
        t = text[p.start : p.end].strip()
        if i == colophon:
            headings[i] = ("colophon", None, t)
            break
        if len(t) <= 10 and _GLOSSARY.match(t):  # (its longest: 附：名词解释和说明：)
            headings[i] = ("glossary", None, t.rstrip(":："))
            tail_kind = "glossary"
            continue
        if tail_kind == "glossary" or (tail_kind == "appendix" and not _NEW_APPENDIX.match(t)):
            continue
        h = _heading_of(t) if t[:1] in _HEADING_FIRST or t[:1].isdecimal() else None
        if has_part and not h and len(t) <= 40 and _APPENDIX.search(t) and not (
            _CLAUSE_PUNCT.search(t)
        ):
            headings[i] = ("appendix", None, t)
            tail_kind = "appendix"
        elif h:
            headings[i] = h
            has_part = has_part or h[0] == "part"
    return headings


_SPECIAL_IDS = {"report": "report", "front_matter": "front", "appendix": "appendix",
                "glossary": "glossary", "colophon": "colophon"}


# Indexes of a draft section's fields (the fields of Section, in order).
_ID, _LEVEL, _KIND, _BODY_END = 0, 1, 2, 9


class _OutlineBuilder:
    """Sections in document order, with the stack of those still open (their indexes).

    Each section is a draft, the list of its fields, until :meth:`done`: closing a section
    sets its ``body_end`` in place (a frozen Section would be copied each time).
    """

    def __init__(self, year: int | None, n_end: int) -> None:
        self.year = year
        self.n_end = n_end
        self.drafts: list[list[Any]] = []
        self.open: list[int] = []
        self.special: dict[str, int] = {}  # how many sections of each named kind so far
        self.part: Part | None = None

    def done(self) -> tuple[Section, ...]:
        return tuple(Section(*d) for d in self.drafts)

    def close(self, level: int, pos: int) -> None:
        """Close the open sections at ``level`` or deeper: their content ends at ``pos``."""
        while self.open and self.drafts[self.open[-1]][_LEVEL] >= level:
            self.drafts[self.open.pop()][_BODY_END] = pos

    def open_untitled(self, start: int) -> None:
        """A report without a title line: one untitled ``report`` section from ``start``."""
        self.drafts.append(["report", 0, "report", None, "", None, None,
                            start, start, self.n_end, None])
        self.special["report"] = 1
        self.open.append(len(self.drafts) - 1)

    def add(self, kind: str, level: int, number: int | None, title: str, p: Paragraph,
            part: Part | None) -> None:
        self.close(level, p.start)
        parent = self.drafts[self.open[-1]][_ID] if self.open else None
        sid = _SPECIAL_IDS.get(kind)
        if sid:
            n = self.special[sid] = self.special.get(sid, 0) + 1
            sid = sid if n == 1 else f"{sid}{n}"
        else:
            sid = f"{parent}.{number}" if parent and parent != "report" else str(number)
        y = _section_year(title, self.year)
        self.drafts.append([sid, level, kind, number, title, y, part, p.start, p.end,
                            self.n_end, parent])
        self.open.append(len(self.drafts) - 1)

    def _open_kinds(self) -> set[str]:
        return {self.drafts[k][_KIND] for k in self.open}

    def add_headings(self, headings: dict[int, tuple[str, int | None, str]],
                     paragraphs: list[Paragraph]) -> None:
        """Parts (一、) at level 1, sections (（一）) below a part, items (1.) below a section."""
        for i, (kind, number, title) in sorted(headings.items()):
            p = paragraphs[i]
            if kind in ("appendix", "glossary", "colophon"):
                self.add(kind, 0, None, title, p, None)
            elif kind == "part":
                self.part = _part_of(title, _section_year(title, self.year), self.year)
                self.add(kind, 1, number, title, p, self.part)
            elif kind == "section":
                level = 2 if "part" in self._open_kinds() else 1
                self.add(kind, level, number, title, p, self.part)
            elif "section" in self._open_kinds():  # an item: never in front matter
                # One level below the innermost open section: a new item closes the last.
                level = max(self.drafts[k][_LEVEL] for k in self.open
                            if self.drafts[k][_KIND] != "item") + 1
                self.add(kind, level, number, title, p, self.part)


# --- glossary ---------------------------------------------------------------------------------

_ITEM_START = re.compile(
    r"(?:(\d{1,3})[.．、]|([\u2460-\u2487\u3251-\u325f\u32b1-\u32bf]))\s*"
)
_QUOTES = "“”\"'‘’「」『』"


def _clean_term(term: str) -> str:
    """A glossary term without stray quotes: balanced “…” stay, a lone ” goes."""
    term = term.strip().rstrip("：:")
    if term.count("“") != term.count("”"):
        term = term.replace("“", "").replace("”", "")
    return term.strip(" ;；")


def parse_glossary(
    nt: NormalizedText, paragraphs: list[Paragraph], outline: Outline
) -> list[GlossaryItem]:
    """The glossary's items, each linked to the body's circled marker with the same number."""
    gloss = next((s for s in outline.sections if s.kind == "glossary"), None)
    if gloss is None:
        return []
    text = nt.text
    starts: list[tuple[int, int, int]] = []  # (number, item start, text start)
    first = bisect_left(paragraphs, gloss.end, key=_start)  # paragraphs in the glossary
    for p in paragraphs[first : bisect_left(paragraphs, gloss.body_end, key=_start)]:
        m = _ITEM_START.match(text, p.start, p.end)
        if m:
            n = int(m.group(1)) if m.group(1) else circled_number(m.group(2))
            if n is not None:
                starts.append((n, p.start, m.end()))
    markers = _first_markers(text, gloss.start)
    items = []
    for k, (n, start, body) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else gloss.body_end
        chunk = text[body:end].rstrip()
        while chunk and chunk[-1] == "\n":
            chunk = chunk[:-1]
        end = body + len(chunk)
        colon = _COLON.search(chunk)
        term, definition = (chunk[: colon.start()], chunk[colon.end():]) if colon else (chunk, "")
        definition = definition.replace("\n", "").strip()
        pos = markers.get(n)
        items.append(
            GlossaryItem(n, _clean_term(term), definition, start, end,
                         text[pos] if pos is not None else None, pos)
        )
    return items


_COLON = re.compile(r"[：:]")


def _start(p: Paragraph) -> int:
    return p.start


def _first_markers(text: str, end: int) -> dict[int, int]:
    """``{number: position}`` of the first circled marker of each number in ``text[:end]``
    (the body), found with a lookup over the code points: a regex scans a long CJK text
    slowly."""
    import numpy as np

    markers: dict[int, int] = {}
    found = lookup(_classes(), code_points(text[:end])) == _CIRCLED
    for pos in np.flatnonzero(found).tolist():
        n = circled_number(text[pos])
        if n is not None and n not in markers:
            markers[n] = pos
    return markers


# --- appendix table of projects ---------------------------------------------------------------

_ORG_PREFIX = re.compile(r"^(?:区|市|县|州|盟|旗|省|自治区|各)")
_ORG_SUFFIX = re.compile(
    r"(?:局|办|委|会|院|队|所|站|中心|政府|学校|镇|乡|街道|公司|集团|联|部|处|厅|社|馆|室|行|组)$"
)
_BRANCH = re.compile(r"^[^区市县省各]{1,4}分(?:局|院|行|公司|队)$")
_DEADLINE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?:\d{1,2}月(?:\d{1,2}日)?|年底|年内|年末|全年)(?:前|之前|底|内)?$"
)


_MONTH_DAY = re.compile(r"^(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:(\d{1,2})日)?")


def _deadline_date(s: str, year: int | None) -> date | None:
    """``12月31日前`` -> 31 December of the table's year; ``6月底前`` -> 30 June."""
    import calendar

    m = _MONTH_DAY.match(s)
    y = int(m.group(1)) if m and m.group(1) else year
    if y is None:
        return None
    if m:
        month = int(m.group(2))
        if not 1 <= month <= 12:
            return None
        day = int(m.group(3)) if m.group(3) else calendar.monthrange(y, month)[1]
        try:
            return date(y, month, day)
        except ValueError:
            return None
    if s.startswith(("年底", "年末", "年内", "全年")):
        return date(y, 12, 31)
    return None


def _is_org_start(tokens: list[str], i: int) -> bool:
    tok = tokens[i]
    if not _ORG_PREFIX.match(tok):
        return False
    if _ORG_SUFFIX.search(tok):
        return True
    return i + 1 < len(tokens) and len(tok) <= 6 and bool(_ORG_SUFFIX.search(tok + tokens[i + 1]))


def _group_units(tokens: list[str]) -> list[str]:
    """Join a unit name wrapped over cells (区文体广电 + 旅游局, 市公安局 + 柳江分局)."""
    names: list[str] = []
    for tok in tokens:
        if names and (not _ORG_SUFFIX.search(names[-1]) or _BRANCH.match(tok)):
            names[-1] += tok
        else:
            names.append(tok)
    return names


_Cell = tuple[str, int, int, bool]  # (clean text, raw start, raw end, at a line start)


def parse_projects(nt: NormalizedText, outline: Outline) -> list[Project]:
    """Rows of the appendix project table (number, content, lead unit, partners, deadline)."""
    app = next((s for s in outline.sections if s.kind == "appendix"), None)
    if app is None:
        return []
    ym = _YEAR.search(nt.text[app.start : app.end])
    year = int(ym.group(1)) if ym else outline.year
    tokens = _table_cells(nt, app)
    rows = _row_starts(tokens)
    return [
        _project(number, tokens[k0 : rows[r + 1][1] if r + 1 < len(rows) else len(tokens)],
                 year)
        for r, (number, k0) in enumerate(rows)
    ]


def _table_cells(nt: NormalizedText, app: Section) -> list[_Cell]:
    """The appendix body's whitespace-separated cells, each with its raw span and clean text.

    Found over the body's code points in bulk (a cell is a run of characters that are not
    whitespace); a cell is at a line's start if it is the first or a ``\n`` comes before it.
    """
    import numpy as np

    a, body_start = nt.raw_span(app.start, app.end)
    _, b = nt.raw_span(app.end, app.body_end) if app.body_end > app.end else (a, a)
    cps = code_points(nt.raw[body_start:b])
    edges = np.diff(((lookup(_classes(), cps) & _SPACE) == 0).view(np.int8),
                    prepend=0, append=0)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    newlines = np.flatnonzero(cps == 10)
    after_break = np.searchsorted(newlines, starts) > np.searchsorted(
        newlines, np.concatenate(([0], ends[:-1])))
    after_break[:1] = True
    starts += body_start
    ends += body_start
    offsets = np.asarray(nt.offsets)
    first, last = search_sorted(offsets, starts), search_sorted(offsets, ends)
    text = nt.text
    return [(text[i:j].replace("\n", ""), s, e, at_line) for s, e, i, j, at_line in zip(
        starts.tolist(), ends.tolist(), first.tolist(), last.tolist(), after_break.tolist(),
        strict=True)]


_ROW_NUMBER = re.compile(r"^(\d{1,3})(?!\d)")


def _row_starts(tokens: list[_Cell]) -> list[tuple[int, int]]:
    """(number, cell index) of each row: the next expected number at the start of a line
    (possibly glued to text)."""
    rows: list[tuple[int, int]] = []
    expected = 1
    for k, (t, _, _, at_line) in enumerate(tokens):
        if at_line and (row := _ROW_NUMBER.match(t)) and int(row.group(1)) == expected and (
            not _DEADLINE.match(t)
        ):
            rows.append((expected, k))
            expected += 1
    return rows


def _project(number: int, cells: list[_Cell], year: int | None) -> Project:
    """One row from its cells: content, then units, then the deadline."""
    first = cells[0][0][len(str(number)) :]
    body = ([(first, cells[0][1] + len(str(number)), cells[0][2])] if first else []) + [
        (t, s, e) for t, s, e, _ in cells[1:]
    ]
    deadline_text, end = "", cells[-1][2]
    dl = next((k for k in range(len(body) - 1, -1, -1) if _DEADLINE.match(body[k][0])), None)
    if dl is not None:
        deadline_text, end = body[dl][0], body[dl][2]
        body = body[:dl]
    texts = [t for t, _, _ in body]
    split = next((k for k in range(1, len(texts)) if _is_org_start(texts, k)), len(texts))
    units = _group_units(texts[split:])
    return Project(
        number=number,
        content="".join(texts[:split]),
        lead_unit=units[0] if units else "",
        partner_units=tuple(units[1:]),
        deadline=_deadline_date(deadline_text, year) if deadline_text else None,
        deadline_text=deadline_text,
        start=cells[0][1],
        end=end,
        content_spans=tuple((s, e) for _, s, e in body[:split]),
    )
