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
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .text import NormalizedText

__all__ = [
    "GlossaryItem",
    "Outline",
    "Paragraph",
    "Project",
    "Section",
    "Sentence",
    "circled_number",
    "parse_glossary",
    "parse_outline",
    "parse_projects",
    "report_year",
    "split_paragraphs",
    "split_sentences",
]

Part = Literal["review", "plan"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: clean offsets ``[start, end)``."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence: clean offsets ``[start, end)`` and the paragraph it belongs to."""

    index: int
    paragraph: int
    start: int
    end: int


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

    def section_at(self, pos: int) -> Section | None:
        """The innermost section whose heading or body contains clean offset ``pos``."""
        best = None
        for s in self.sections:
            if s.start <= pos < s.body_end and (best is None or s.level >= best.level):
                best = s
        return best


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


def split_sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    """Sentences end at 。！？ (and any closing quote after them) or at the paragraph's end."""
    out: list[Sentence] = []
    for p in paragraphs:
        pos = p.start
        for m in _SENTENCE_END.finditer(text, p.start, p.end):
            if m.end() > pos:
                out.append(Sentence(len(out), p.index, pos, m.end()))
            pos = m.end()
        if text[pos : p.end].strip():
            out.append(Sentence(len(out), p.index, pos, p.end))
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
    ptext = [text[p.start : p.end].strip() for p in paragraphs]
    # Heading candidates first, to resolve the report year from them.
    title_idx = next(
        (i for i, t in enumerate(ptext[:60]) if len(t) <= 30 and _TITLE.match(t)), None
    )
    headings: dict[int, tuple[str, int | None, str]] = {}
    tail_kind: str | None = None
    colophon = next(
        (i for i in range(max(0, len(ptext) - 3), len(ptext))
         if len(ptext[i]) <= 60 and _COLOPHON.search(ptext[i])),
        None,
    )
    for i, t in enumerate(ptext):
        if title_idx is not None and i <= title_idx:
            continue
        if i == colophon:
            headings[i] = ("colophon", None, t)
            break
        if _GLOSSARY.match(t):
            headings[i] = ("glossary", None, t.rstrip(":："))
            tail_kind = "glossary"
            continue
        if tail_kind == "glossary" or (tail_kind == "appendix" and not _NEW_APPENDIX.match(t)):
            continue
        if (
            len(t) <= 40
            and not re.search(r"[。，；：:]", t)
            and _APPENDIX.search(t)
            and not _heading_of(t)
            and any(k == "part" for k, _, _ in headings.values())
        ):
            headings[i] = ("appendix", None, t)
            tail_kind = "appendix"
            continue
        h = _heading_of(t)
        if h:
            headings[i] = h
    titles = [t for k, _, t in headings.values() if k == "part"]
    if title_idx is not None:
        titles.insert(0, ptext[title_idx])
    year, year_source = report_year(text, titles)

    sections: list[Section] = []
    open_stack: list[Section] = []
    n_end = len(text)

    def close(level: int, pos: int) -> None:
        while open_stack and open_stack[-1].level >= level:
            s = open_stack.pop()
            sections[sections.index(s)] = Section(**{**s.__dict__, "body_end": pos})

    def add(kind: str, level: int, number: int | None, title: str, p: Paragraph,
            part: Part | None) -> None:
        close(level, p.start)
        parent = open_stack[-1].id if open_stack else None
        sid = {"report": "report", "front_matter": "front", "appendix": "appendix",
               "glossary": "glossary", "colophon": "colophon"}.get(kind)
        if sid and any(s.id == sid for s in sections):
            sid = f"{sid}{sum(s.id.startswith(sid) for s in sections) + 1}"
        if sid is None:
            sid = f"{parent}.{number}" if parent and parent != "report" else str(number)
        y = _section_year(title, year)
        sec = Section(sid, level, kind, number, title, y, part, p.start, p.end, n_end, parent)
        sections.append(sec)
        open_stack.append(sec)

    if paragraphs and title_idx is not None and title_idx > 0:
        add("front_matter", 0, None, ptext[0], paragraphs[0], None)
    if title_idx is not None:
        add("report", 0, None, ptext[title_idx], paragraphs[title_idx], None)
    elif paragraphs:
        first = paragraphs[0]
        sections.append(Section("report", 0, "report", None, "", None, None,
                                first.start, first.start, n_end, None))
        open_stack.append(sections[-1])
    current_part: Part | None = None
    for i, (kind, number, title) in sorted(headings.items()):
        p = paragraphs[i]
        if kind in ("appendix", "glossary", "colophon"):
            add(kind, 0, None, title, p, None)
            continue
        if kind == "part":
            y = _section_year(title, year)
            current_part = _part_of(title, y, year)
            add(kind, 1, number, title, p, current_part)
        elif kind == "section":
            level = 2 if any(s.kind == "part" for s in open_stack) else 1
            add(kind, level, number, title, p, current_part)
        else:  # "item": only below a section, never in front matter
            if not any(s.kind == "section" for s in open_stack):
                continue
            add(kind, max(s.level for s in open_stack) + 1, number, title, p, current_part)
    close(0, n_end)
    return Outline(tuple(sections), year, year_source)


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
    for p in paragraphs:
        if p.start < gloss.end or p.start >= gloss.body_end:
            continue
        m = _ITEM_START.match(text, p.start, p.end)
        if m:
            n = int(m.group(1)) if m.group(1) else circled_number(m.group(2))
            if n is not None:
                starts.append((n, p.start, m.end()))
    # Body markers (outside the glossary): the first occurrence of each number.
    markers: dict[int, int] = {}
    for m in CIRCLED.finditer(text, 0, gloss.start):
        n = circled_number(m.group())
        if n is not None and n not in markers:
            markers[n] = m.start()
    items = []
    for k, (n, start, body) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else gloss.body_end
        chunk = text[body:end].rstrip()
        while chunk and chunk[-1] == "\n":
            chunk = chunk[:-1]
        end = body + len(chunk)
        colon = re.search(r"[：:]", chunk)
        term, definition = (chunk[: colon.start()], chunk[colon.end():]) if colon else (chunk, "")
        definition = definition.replace("\n", "").strip()
        pos = markers.get(n)
        items.append(
            GlossaryItem(n, _clean_term(term), definition, start, end,
                         text[pos] if pos is not None else None, pos)
        )
    return items


# --- appendix table of projects ---------------------------------------------------------------

_ORG_PREFIX = re.compile(r"^(?:区|市|县|州|盟|旗|省|自治区|各)")
_ORG_SUFFIX = re.compile(
    r"(?:局|办|委|会|院|队|所|站|中心|政府|学校|镇|乡|街道|公司|集团|联|部|处|厅|社|馆|室|行|组)$"
)
_BRANCH = re.compile(r"^[^区市县省各]{1,4}分(?:局|院|行|公司|队)$")
_DEADLINE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?:\d{1,2}月(?:\d{1,2}日)?|年底|年内|年末|全年)(?:前|之前|底|内)?$"
)


def _deadline_date(s: str, year: int | None) -> date | None:
    """``12月31日前`` -> 31 December of the table's year; ``6月底前`` -> 30 June."""
    import calendar

    m = re.match(r"^(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:(\d{1,2})日)?", s)
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


def parse_projects(nt: NormalizedText, outline: Outline) -> list[Project]:
    """Rows of the appendix project table (number, content, lead unit, partners, deadline)."""
    app = next((s for s in outline.sections if s.kind == "appendix"), None)
    if app is None:
        return []
    raw = nt.raw
    a, _ = nt.raw_span(app.start, app.end)
    _, b = nt.raw_span(app.end, app.body_end) if app.body_end > app.end else (a, a)
    title = nt.text[app.start : app.end]
    ym = _YEAR.search(title)
    year = int(ym.group(1)) if ym else outline.year
    # Tokens: whitespace-separated cells, each with its raw span and clean text.
    tokens: list[tuple[str, int, int, bool]] = []  # (clean text, raw start, raw end, line start)
    line_start = True
    _, body_start = nt.raw_span(app.start, app.end)
    for m in re.finditer(r"\S+|\n", raw[body_start:b]):
        if m.group() == "\n":
            line_start = True
            continue
        s, e = body_start + m.start(), body_start + m.end()
        i, j = nt.clean_span(s, e)
        tokens.append((nt.text[i:j].replace("\n", ""), s, e, line_start))
        line_start = False
    # Row starts: the next expected number at the start of a line (possibly glued to text).
    rows: list[tuple[int, int]] = []  # (number, token index)
    expected = 1
    for k, (t, _, _, at_line) in enumerate(tokens):
        row = re.match(r"^(\d{1,3})(?!\d)", t)
        if at_line and row and int(row.group(1)) == expected and not _DEADLINE.match(t):
            rows.append((expected, k))
            expected += 1
    projects = []
    for r, (number, k0) in enumerate(rows):
        k1 = rows[r + 1][1] if r + 1 < len(rows) else len(tokens)
        cells = tokens[k0:k1]
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
        content = "".join(texts[:split])
        units = _group_units(texts[split:])
        projects.append(
            Project(
                number=number,
                content=content,
                lead_unit=units[0] if units else "",
                partner_units=tuple(units[1:]),
                deadline=_deadline_date(deadline_text, year) if deadline_text else None,
                deadline_text=deadline_text,
                start=cells[0][1],
                end=end,
                content_spans=tuple((s, e) for _, s, e in body[:split]),
            )
        )
    return projects
