"""Report metadata from the title block: jurisdiction, level, year, session, speaker.

A work report opens with a title block such as::

    政府工作报告
    ——2020年1月8日在柳州市柳江区第一届人民代表大会第四次会议上
    玉秋静

from which the place, the session date and body, and the speaker can be read. Real reports
vary it: the speaker before 在 (``——2025年1月14日海南省省长 刘小明在……会议上的讲话``), dates in
Chinese numerals, the line broken inside the body, web-page furniture (首页 > …, 来源:,
时间:) around it, or no title block at all (the State Council's reports open at 各位代表;
``我代表国务院`` makes the jurisdiction 中华人民共和国, level ``national``). What the text does
not say stays empty: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

from .structure import chinese_numeral

if TYPE_CHECKING:
    from .document import Report

__all__ = ["METADATA_COLUMNS", "NATIONAL", "ReportMetadata", "jurisdiction_level",
           "looks_like_report", "parse_metadata"]

METADATA_COLUMNS = ("doc", "jurisdiction", "level", "year", "session_date", "body", "speaker",
                    "title")

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# The session line, read on the head with all whitespace removed (line breaks and spaces
# inside the title block are layout, not text): "2025年1月14日[who]在[place][body]".
_SESSION = re.compile(
    r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年(?P<m>" + _NUM + r")月(?P<d>"
    + _NUM + r")日"
    r"(?P<who>[\u4e00-\u9fff·]{0,16}?)在"
    r"(?P<place>[\u4e00-\u9fff]{0,24}?)"
    r"(?P<body>第?[一二三四五六七八九十百\d]+届(?:全国)?人民代表大会(?:常务委员会)?"
    r"第?[一二三四五六七八九十\d]+次(?:全体)?会议"
    r"|[一二三四五六七八九十百\d]+届人大(?:常委会)?[一二三四五六七八九十\d]+次(?:全体)?会议)"
)
_TITLE = r"(?:国务院)?(?:总理|(?:代理?|副)?(?:省长|市长|区长|县长|州长|旗长|盟长|主席))"
_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,9}?"
# "省长 王清宪", "国务院总理⏎李克强", "省长毛伟明作政府工作报告", "刘小明在……会议上的讲话"
_TITLE_NAME = re.compile(
    _TITLE + r"[:：]?\n?(?P<name>" + _NAME + r")(?=(?:同志)?(?:作|在|代表|\n|$))")
# "龚正市长在……" (the name before the title, right after the date)
_NAME_TITLE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4}?)(?:同志)?" + _TITLE + "$")
_NOT_A_NAME = re.compile(r"人民|政府|首页|来源|时间|分享|日报|记者|会议|代表|^在|[省市县区]$")
_WS = re.compile(r"[ \t\u3000\xa0\u200b\u200c\u200d\ufeff]+")
_BARE_NAME = re.compile(r"^(?:" + _TITLE + r"[:：]?)?[\u4e00-\u9fff·]{2,5}$")
_PLACE = r"(?P<place>[\u4e00-\u9fff]{2,20}?(?:省|市|自治区|自治州|州|盟|地区|区|县|旗))"
# "2025年安徽省政府工作报告", "陕西省2026年政府工作报告" (a title line naming the place)
_TITLE_PLACE = re.compile(r"(?:^|\n)(?:(?:19|20)\d{2}年)?" + _PLACE
                          + r"(?:人民)?(?:(?:19|20)\d{2}年)?政府工作报告(?:\n|$)")
_GOVERNMENT_PLACE = re.compile(r"我代表" + _PLACE + r"人民政府")
_PROVINCES = ("北京市", "天津市", "上海市", "重庆市")
_NATIONAL_SPEAKER = re.compile(r"我代表国务院")
NATIONAL = "中华人民共和国"
"""The jurisdiction of the State Council's reports (level ``national``)."""


def jurisdiction_level(place: str) -> str:
    """``national``, ``province``, ``city`` or ``county`` (districts, counties, banners, …).

    >>> jurisdiction_level("柳州市柳江区"), jurisdiction_level("广西壮族自治区")
    ('county', 'province')
    >>> jurisdiction_level("中华人民共和国")
    'national'
    >>> jurisdiction_level("柳州市"), jurisdiction_level("义乌市"), jurisdiction_level("")
    ('city', 'city', '')
    """
    if not place:
        return ""
    if place == NATIONAL:
        return "national"
    if place in _PROVINCES or place.endswith(("省", "自治区")):
        return "province"
    if place.endswith(("区", "县", "旗", "自治县", "自治旗", "特区", "林区")):
        return "county"
    if place.endswith("市") and re.search(r"(?:市|州|盟|地区).+市$", place):
        return "county"  # 金华市义乌市: a county-level city under a prefecture
    if place.endswith(("市", "州", "盟", "地区")):
        return "city"
    return ""


@dataclass(frozen=True)
class ReportMetadata:
    """One row per document; empty strings and None where the text does not say."""

    doc: str
    jurisdiction: str
    level: str
    year: int | None
    session_date: date | None
    body: str
    speaker: str
    title: str


def _cn_int(s: str) -> int | None:
    """``2025``, ``二〇二六`` (digit by digit) or ``二十七`` (a small numeral) as an int."""
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    return chinese_numeral(s)


def _session_date(m: re.Match[str]) -> date | None:
    y, mo, d = _cn_int(m.group("y")), _cn_int(m.group("m")), _cn_int(m.group("d"))
    try:
        return date(y, mo, d) if y and mo and d else None
    except ValueError:
        return None


def _speaker(who: str, region: str) -> str:
    """The speaker: from the session line's own words, else the lines after it.

    ``who`` is what stands between the date and 在 (``海南省省长刘小明``, ``龚正市长``);
    ``region`` runs from the session line to 各位代表 (whitespace inside lines removed).
    """
    if who:
        for m in (_TITLE_NAME.search(who + "\n"), _NAME_TITLE.match(who)):
            if m and not _NOT_A_NAME.search(m.group("name")):
                return m.group("name")
    for m in _TITLE_NAME.finditer(region):
        if not _NOT_A_NAME.search(m.group("name")):
            return m.group("name")
    # A bare name on one of the two lines after the session line (玉秋静).
    for line in region.split("\n")[1:3]:
        if _BARE_NAME.match(line) and not _NOT_A_NAME.search(line):
            return re.sub("^" + _TITLE + "[:：]?", "", line)
    return ""


def _fallback_place(head: str) -> str:
    """The place when there is no session line: 我代表国务院, a title, 我代表××人民政府."""
    if _NATIONAL_SPEAKER.search(head):
        return NATIONAL
    for rx in (_TITLE_PLACE, _GOVERNMENT_PLACE):
        m = rx.search(head)
        if m and jurisdiction_level(m.group("place")):
            return m.group("place")
    return ""


def parse_metadata(report: Report) -> ReportMetadata:
    """Read the title block (the first 3,000 characters of the clean text).

    Spaces and line breaks inside the block are layout (``第十四届⏎人民代表大会``,
    ``李　强``), so the session line is read with them removed. Without a session line the
    place comes from ``我代表国务院`` (the national government), a title naming the place
    or ``我代表××人民政府``; the year from the outline, else from the session date.
    """
    lines = _WS.sub("", report.text[:3000])
    flat = lines.replace("\n", "")
    m = _SESSION.search(flat)
    place = body = who = ""
    session: date | None = None
    region_start = 0
    if m:
        place, body, who = m.group("place"), m.group("body"), m.group("who")
        session = _session_date(m)
        region_start = _unflattened(lines, m.end() - 1) + 1
        if not place and "全国人民代表大会" in body:
            place = NATIONAL
    if len(place) < 2:  # no session line, or 在市十六届人大二次会议上 (no place in it)
        place = _fallback_place(lines)
    end = lines.find("各位代表", region_start)
    region = lines[region_start : end if end >= 0 else region_start + 600]
    year = report.year
    if year is None and session is not None:
        year = session.year if session.month <= 6 else session.year + 1
    sections = report.outline.sections
    title = next((s.title for s in sections if s.kind == "report" and s.title), "")
    return ReportMetadata(report.doc, place, jurisdiction_level(place), year, session,
                          body, _speaker(who, region), title)


def _unflattened(lines: str, k: int) -> int:
    r"""Where in ``lines`` the character ``k`` of ``lines`` without its line breaks stands.

    >>> _unflattened("ab\ncd\n\nef", 4), _unflattened("abc", 0)
    (7, 0)
    """
    pos = k
    while (found := k + lines.count("\n", 0, pos + 1)) != pos:  # breaks up to it, counted
        pos = found
    return pos


def looks_like_report(report: Report) -> bool:
    """True for a government work report: a title, a session line or review/plan parts."""
    outline = report.outline
    has_title = any(s.kind == "report" and "工作报告" in s.title for s in outline.sections)
    parts = {s.part for s in outline.sections if s.kind == "part"}
    head = _WS.sub("", report.text[:3000])
    return (has_title or bool(_SESSION.search(head.replace("\n", "")))
            or bool(_NATIONAL_SPEAKER.search(head)) or {"review", "plan"} <= parts)


def metadata_row(report: Report) -> dict:
    """The metadata as a plain dict (for DataFrames)."""
    return asdict(parse_metadata(report))
