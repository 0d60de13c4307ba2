"""Report metadata from the title block: jurisdiction, level, year, session, speaker.

A work report opens with a title block such as::

    政府工作报告
    ——2020年1月8日在柳州市柳江区第一届人民代表大会第四次会议上
    玉秋静

from which the place, the session date and body, and the speaker can be read. What the text
does not say stays empty: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Report

__all__ = ["METADATA_COLUMNS", "ReportMetadata", "jurisdiction_level", "looks_like_report",
           "parse_metadata"]

METADATA_COLUMNS = ("doc", "jurisdiction", "level", "year", "session_date", "body", "speaker",
                    "title")

_SESSION = re.compile(
    r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日在"
    r"(?P<place>[\u4e00-\u9fff]{2,24}?)"
    r"(?P<body>第[一二三四五六七八九十百\d]+届人民代表大会(?:常务委员会)?第[一二三四五六七八九十\d]+次"
    r"(?:全体)?会议)"
)
_SPEAKER = re.compile(
    r"^(?:(?:代理?|副)?(?:省长|市长|区长|县长|州长|旗长|主席|盟长)[:：\s]?)?"
    r"([\u4e00-\u9fff·]{2,5})$"
)
_PROVINCES = ("北京市", "天津市", "上海市", "重庆市")


def jurisdiction_level(place: str) -> str:
    """``province``, ``city`` or ``county`` (districts, counties, county-level cities, banners).

    >>> jurisdiction_level("柳州市柳江区"), jurisdiction_level("广西壮族自治区")
    ('county', 'province')
    >>> jurisdiction_level("柳州市"), jurisdiction_level("义乌市"), jurisdiction_level("")
    ('city', 'city', '')
    """
    if not place:
        return ""
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


def parse_metadata(report: Report) -> ReportMetadata:
    """Read the title block of a report (the first 3,000 characters of its clean text)."""
    text = report.text
    head = text[:3000]
    m = _SESSION.search(head)
    place = body = speaker = ""
    session: date | None = None
    if m:
        place, body = m.group("place"), m.group("body")
        try:
            session = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            session = None
        # The speaker's name stands on the line after the date line.
        rest = head[m.end() :].split("\n")
        for line in rest[1:3]:
            sm = _SPEAKER.match(line.strip())
            if sm and not line.strip().endswith(("代表", "会议")):
                speaker = sm.group(1)
                break
    sections = report.outline.sections
    title = next((s.title for s in sections if s.kind == "report" and s.title), "")
    return ReportMetadata(report.doc, place, jurisdiction_level(place), report.year, session,
                          body, speaker, title)


def looks_like_report(report: Report) -> bool:
    """True for a government work report: a title, a session line or review/plan parts."""
    outline = report.outline
    has_title = any(s.kind == "report" and "工作报告" in s.title for s in outline.sections)
    parts = {s.part for s in outline.sections if s.kind == "part"}
    return has_title or bool(_SESSION.search(report.text[:3000])) or {"review", "plan"} <= parts


def metadata_row(report: Report) -> dict:
    """The metadata as a plain dict (for DataFrames)."""
    return asdict(parse_metadata(report))
