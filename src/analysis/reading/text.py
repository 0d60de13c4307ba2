"""A normalized view of a report's raw text that never loses track of where a character came from.

PDF text of a work report is damaged in regular ways: lines are wrapped mid-sentence (often
with a blank line between every wrapped line), page breaks leave a stray leading space or a
page number, spaces appear inside words and numbers (``增 长 5%``, ``385. 23亿元``), digits
and ``％`` may be full-width, and some reposts are in traditional script.

:func:`normalize` removes that damage and returns a :class:`NormalizedText`: the clean text
(one paragraph per line) plus, for every clean character, the index of the raw character it
came from. Normalization only *deletes* raw characters or *replaces one character by one
character*, so any span ``[i, j)`` of the clean text maps back to the raw span
``[offsets[i], offsets[j-1] + 1)``, and ``raw[start:end]`` is the exact source of a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

__all__ = [
    "NormalizedText",
    "display_width",
    "normalize",
    "to_ascii_forms",
]

# Full-width ASCII forms that carry meaning for numbers and codes; CJK punctuation such as
# ，。；：（） is kept as the report writes it.
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH.update(
    {"％": "%", "．": ".", "＋": "+", "－": "-", "／": "/", "～": "~", "＆": "&", "＝": "="}
)
_TRANSLATE = str.maketrans({**_FULLWIDTH, "\r": "\n", "\u2028": "\n", "\u2029": "\n"})


def to_ascii_forms(text: str) -> str:
    """Full-width digits, letters and ``％ ． ＋ －`` to ASCII; one character for one.

    >>> to_ascii_forms("增长６．５％")
    '增长6.5%'
    """
    return text.translate(_TRANSLATE)


def display_width(line: str) -> float:
    """Width of a line in CJK character cells: ASCII counts half, other characters one.

    >>> display_width("增长10%")
    3.5
    """
    ascii_count = len(line.encode("ascii", "ignore"))  # C speed: called for every line break
    return ascii_count / 2 + (len(line) - ascii_count)


# Whitespace includes the ideographic space, NBSP, zero-width space and a stray BOM.
_SPACE_RUN = re.compile(r"[\s\u200b\ufeff]+")
# Page furniture: "- 12 -", "— 3 —", "第 3 页", "第3页 共20页".
_PAGE_NUMBER_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:[-—–－][ \t\u3000]*\d{1,4}[ \t\u3000]*[-—–－]"
    r"|第[ \t\u3000]*\d{1,4}[ \t\u3000]*页(?:[ \t\u3000]*共[ \t\u3000]*\d{1,4}[ \t\u3000]*页)?)"
    r"[ \t\u3000]*(?:\r\n|\r|\n|$)"
)
_TERMINAL = "。！？!?：:；;"
_CLOSERS = "”’」』）)》〉】\"'"
_HEADING_START = re.compile(
    r"[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|第[一二三四五六七八九十]{1,3}[章部篇节]"
    r"|\d{1,2}[.．、](?!\d)"
    r"|(?:名词解释|名詞解釋|附件|附表|注释|注釋)"
)
_CHINESE_HEADING = re.compile(
    r"[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|第[一二三四五六七八九十]{1,3}[章部篇节]"
)
_ALNUM = re.compile(r"[0-9A-Za-z]")


@dataclass(frozen=True)
class NormalizedText:
    """Clean text plus the raw index of each of its characters.

    ``text`` holds one paragraph per line. ``offsets[i]`` is the raw index of ``text[i]``.
    """

    raw: str
    text: str
    offsets: Sequence[int]
    traditional: bool = False

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` of the clean span ``[start, end)`` (empty spans stay empty)."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start == end:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The raw characters behind the clean span ``[start, end)``."""
        a, b = self.raw_span(start, end)
        return self.raw[a:b]

    def clean_index(self, raw_pos: int) -> int:
        """Index of the first clean character whose raw index is ``>= raw_pos``."""
        return bisect_left(self.offsets, raw_pos)

    def clean_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Clean ``[i, j)`` covering the clean characters that come from raw ``[start, end)``."""
        return self.clean_index(raw_start), self.clean_index(raw_end)


def _line_bounds(raw: str, a: int, b: int) -> tuple[str, str]:
    """The raw line that ends at ``a`` and the one that starts at ``b`` (stripped)."""
    prev_start = max(raw.rfind("\n", 0, a), raw.rfind("\r", 0, a)) + 1
    next_end_n = raw.find("\n", b)
    next_end = len(raw) if next_end_n < 0 else next_end_n
    return raw[prev_start:a].strip(), raw[b:next_end].strip()


def _typical_width(raw: str) -> tuple[float, bool]:
    """The usual width of a full line, and whether the text is hard-wrapped at that width.

    A PDF-extracted report has most lines within a cell or two of one width; a web page or
    a word-processor export has one paragraph per line and widely varying line lengths.
    """
    widths = [display_width(s) for s in (ln.strip() for ln in raw.splitlines()) if s]
    if len(widths) < 8:  # a snippet: too few lines to tell, assume wrapped at its widest
        return (max(widths) if widths else 0.0), True
    widths.sort()
    typical = widths[int(len(widths) * 0.75)]
    near = sum(1 for w in widths if abs(w - typical) <= max(2.0, typical * 0.08))
    # A printed page holds 20-45 CJK characters per line; narrower "typical" lines are short
    # paragraphs (one per line), not a wrapped text.
    return typical, (near >= len(widths) * 0.35 and 15 <= typical <= 80)


def _is_paragraph_break(prev: str, nxt: str, typical: float, wrapped: bool) -> bool:
    """Decide whether a line break between two raw lines ends a paragraph."""
    if not wrapped:
        return True
    if _HEADING_START.match(nxt):
        return True
    if prev.startswith(("——", "—")) and prev.endswith("上"):
        return True  # the subtitle "——2020年1月8日在……会议上" stands alone
    width = display_width(prev)
    if width < typical * 0.7:
        return True
    ends_terminal = _ends_terminal(prev)
    if ends_terminal and width < typical - 1.5:
        return True
    # A short line without final punctuation is a title, a heading's second line or a
    # table cell: it stands alone after a finished sentence.
    next_is_title = display_width(nxt) < typical * 0.7 and not _ends_terminal(nxt)
    if ends_terminal and next_is_title:
        return True
    # A numbered heading line ("一、……", "（一）……") a little short of a full line, unless
    # the heading goes on in a short second line.
    return bool(_CHINESE_HEADING.match(prev)) and width < typical - 1.5 and not next_is_title


def _ends_terminal(line: str) -> bool:
    body = line.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _TERMINAL


def _keep_in_run(
    masked: str, raw: str, a: int, b: int, typical: float, wrapped: bool
) -> int | None:
    """Raw index of the whitespace character to keep from run ``masked[a:b]``, or None.

    ``masked`` is the raw text with page-number lines blanked out; the kept newline is a
    real newline of ``raw``.
    """
    if a == 0 or b == len(raw):
        return None
    newline = next((a + k for k, ch in enumerate(raw[a:b]) if ch in "\n\r\u2028\u2029"), None)
    if newline is not None:
        prev, nxt = _line_bounds(masked, a, b)
        if "\u200b" in raw[a:b] and not _ends_terminal(prev):
            return None  # a zero-width line mid-sentence ("74.4⏎\u200b⏎万亿元"): a page seam
        if _is_paragraph_break(prev, nxt, typical, wrapped):
            return newline
        return None
    left, right = to_ascii_forms(masked[a - 1]), to_ascii_forms(masked[b])
    if _ALNUM.match(left) and _ALNUM.match(right):
        # Words ("Liujiang District") and two numbers side by side (a table's row number
        # before a year: "3 2020年") keep one space; "385. 23" has no digit left of it.
        return a
    return None


@cache
def _t2s():  # pragma: no cover - trivial
    import opencc  # heavy: only for traditional-script reports

    return opencc.OpenCC("t2s")


_HAN = re.compile("[\u4e00-\u9fff]")
# Frequent characters of the genre that exist only in traditional script.
_TRADITIONAL_MARKERS = frozenset("們個經濟發長會業區為與這進產實現設務總億萬開關東國對農縣領導體")


def looks_traditional(text: str) -> bool:
    """True if a text is written in traditional script (a cheap count of marker characters).

    >>> looks_traditional("全市地區生產總值增長6%"), looks_traditional("全市地区生产总值增长6%")
    (True, False)
    """
    han = len(_HAN.findall(text))
    marks = sum(text.count(ch) for ch in _TRADITIONAL_MARKERS)
    return han > 0 and marks >= max(2, han * 0.01)


def to_simplified(text: str) -> str:
    """Traditional to simplified script, one character for one (OpenCC t2s).

    OpenCC converts phrases; where a phrase would change length the characters are
    converted one by one, so the offset map stays exact.
    """
    converter = _t2s()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in text)


def normalize(raw: str) -> NormalizedText:
    """Normalize raw report text; see the module docstring.

    >>> nt = normalize("地区生产总值 302.4亿 元，增 长 5%；\\n\\n财政收入２４亿元。")
    >>> nt.text
    '地区生产总值302.4亿元，增长5%；财政收入24亿元。'
    >>> nt.quote(nt.text.index("增长"), nt.text.index("%") + 1)
    '增 长 5%'
    """
    deleted: list[tuple[int, int]] = [m.span() for m in _PAGE_NUMBER_LINE.finditer(raw)]
    typical, wrapped = _typical_width(raw)
    # Whitespace runs, with page-number lines folded into the surrounding whitespace.
    masked = raw
    if deleted:
        parts, last = [], 0
        for s, e in deleted:
            parts.append(raw[last:s])
            parts.append("\n" * (e - s))
            last = e
        parts.append(raw[last:])
        masked = "".join(parts)
    # Keep the segments between whitespace runs, and at most one character of each run.
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(masked):
        a, b = m.span()
        if pos < a:
            pieces.append(raw[pos:a])
            offsets.extend(range(pos, a))
        keep = _keep_in_run(masked, raw, a, b, typical, wrapped)
        if keep is not None:
            pieces.append("\n" if raw[keep] in "\n\r\u2028\u2029" else " ")
            offsets.append(keep)
        pos = b
    if pos < len(raw):
        pieces.append(raw[pos:])
        offsets.extend(range(pos, len(raw)))
    text = to_ascii_forms("".join(pieces))
    traditional = looks_traditional(text)
    if traditional:
        text = to_simplified(text)
    return NormalizedText(raw=raw, text=text, offsets=offsets, traditional=traditional)
