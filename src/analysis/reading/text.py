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

import codecs
import re
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

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


# The characters _TRANSLATE changes: a regular expression finds the few of them in a long
# text much faster than str.translate walks every character.
_TRANSLATED = re.compile("[" + "".join(sorted(_FULLWIDTH)) + "\r\u2028\u2029]")
_TO_ASCII = {**_FULLWIDTH, "\r": "\n", "\u2028": "\n", "\u2029": "\n"}


def _ascii_form(m: re.Match[str]) -> str:
    return _TO_ASCII[m.group()]


def to_ascii_forms(text: str) -> str:
    """Full-width digits, letters and ``％ ． ＋ －`` to ASCII; one character for one.

    >>> to_ascii_forms("增长６．５％")
    '增长6.5%'
    """
    if len(text) < 64:
        return text.translate(_TRANSLATE)
    return _TRANSLATED.sub(_ascii_form, text)


def display_width(line: str) -> float:
    """Width of a line in CJK character cells: ASCII counts half, other characters one.

    >>> display_width("增长10%")
    3.5
    """
    ascii_count = len(line.encode("ascii", "ignore"))  # C speed: called for every line break
    return ascii_count / 2 + (len(line) - ascii_count)


# The characters of str.isspace (and of \s in re), among them the ideographic space and NBSP.
# Normalization removes runs of them, of the zero-width space and of a stray BOM.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
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
# [0-9A-Za-z] in ASCII or full-width form (a space between two of them is kept).
_ALNUM = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    + "".join(k for k, v in _FULLWIDTH.items() if v.isalnum())
)


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


def _ends_terminal(line: str) -> bool:
    body = line.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _TERMINAL


# What may follow a number in a figure: a magnitude, a unit or a percent sign.
_FIGURE_TAIL_CHARS = "万亿千百%％‰个元美港欧人户家项吨公平立亩米"


@cache
def _t2s():  # pragma: no cover - trivial
    import opencc  # heavy: only for traditional-script reports

    return opencc.OpenCC("t2s")


_HAN = re.compile("[\u4e00-\u9fff]+")
# Frequent characters of the genre that exist only in traditional script.
_TRADITIONAL_MARKERS = frozenset("們個經濟發長會業區為與這進產實現設務總億萬開關東國對農縣領導體")
_MARKER = re.compile("[" + "".join(sorted(_TRADITIONAL_MARKERS)) + "]")


def _traditional_counts(marks: int, han: int) -> bool:
    """Whether ``marks`` marker characters among ``han`` Han characters mean traditional."""
    return marks >= 2 and han > 0 and marks >= max(2, han * 0.01)


def looks_traditional(text: str) -> bool:
    """True if a text is written in traditional script (a cheap count of marker characters).

    >>> looks_traditional("全市地區生產總值增長6%"), looks_traditional("全市地区生产总值增长6%")
    (True, False)
    """
    marks = len(_MARKER.findall(text))  # few in a simplified text: cheap to list
    if marks < 2:
        return False
    return _traditional_counts(marks, sum(map(len, _HAN.findall(text))))


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

    Linear in the length of ``raw``, and decided in bulk rather than character by
    character (see :class:`_Scan`): the kept characters are a mask over the text's code
    points (everything but whitespace, plus at most one character of each whitespace run),
    and the offset map is that mask's indexes, 4 bytes a character.

    >>> nt = normalize("地区生产总值 302.4亿 元，增 长 5%；\\n\\n财政收入２４亿元。")
    >>> nt.text
    '地区生产总值302.4亿元，增长5%；财政收入24亿元。'
    >>> nt.quote(nt.text.index("增长"), nt.text.index("%") + 1)
    '增 长 5%'
    """
    import numpy as np

    sc = _Scan.of(raw)
    keep = ~sc.ws
    starts, ends = _space_runs(sc.ws)
    broken = np.searchsorted(sc.lines, ends) > np.searchsorted(sc.lines, starts)
    # A run within a line keeps one space between two letters or digits: words ("Liujiang
    # District") and two numbers side by side (a table's row number before a year:
    # "3 2020年"); "385. 23" has no digit left of it.
    a, b = starts[~broken], ends[~broken]
    spaces = a[(sc.cls[a - 1] & sc.cls[b] & _ALNUM_BIT) != 0]
    # A run across lines keeps its first line break of raw if it ends a paragraph (cps
    # holds every line break as 10).
    a = starts[broken][_paragraph_breaks(sc, starts[broken], ends[broken])]
    keep[sc.breaks[np.searchsorted(sc.breaks, a)]] = True
    keep[spaces] = True
    cps = sc.cps
    cps[spaces] = 32
    del sc  # the scan's other arrays (about 8 bytes a character) go before the text is made
    points = cps[keep]
    del cps
    fullwidth = (points >= 0xFF01) & (points <= 0xFF5E)  # to_ascii_forms, in bulk
    if fullwidth.any():
        points[fullwidth] = _ascii_points()[points[fullwidth] - 0xFF00]
    del fullwidth
    text = codecs.utf_32_le_decode(points, "surrogatepass", True)[0]  # no copy to bytes
    classes = lookup(_classes(), points)
    del points
    marks = int(np.count_nonzero(classes & _MARKER_BIT))  # looks_traditional, in bulk
    traditional = marks >= 2 and _traditional_counts(
        marks, int(np.count_nonzero((classes & _HAN_BIT) != 0)))
    tones = bool((classes & _TONE_BIT).any())
    del classes
    if traditional:
        text = to_simplified(text)
    offsets = array("i" if len(raw) < 2**31 else "q")
    kept = positions(keep, np.dtype(f"=i{offsets.itemsize}"))  # native order, no int64 copy
    del keep
    offsets.frombytes(kept.data.cast("B"))
    del kept
    if (traditional or tones) and _PINYIN.search(text):
        text, kept_list = _drop_pinyin(text, offsets)
        offsets = array(offsets.typecode, kept_list)
    return NormalizedText(raw=raw, text=text, offsets=offsets, traditional=traditional)


# --- normalization in bulk ----------------------------------------------------------------

_CHUNK = 1 << 20


def positions(mask: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``np.flatnonzero(mask)`` as ``dtype``, a chunk of the mask at a time: a 4-byte index
    of every kept character without the 8-byte one numpy makes of the whole mask first.

    >>> import numpy as np
    >>> positions(np.array([True, False, True]), np.dtype(np.int32))
    array([0, 2], dtype=int32)
    """
    import numpy as np

    out = np.empty(np.count_nonzero(mask), dtype)
    k = 0
    for lo in range(0, len(mask), _CHUNK):
        found = np.flatnonzero(mask[lo : lo + _CHUNK])
        out[k : k + len(found)] = found + lo
        k += len(found)
    return out


def search_sorted(haystack: np.ndarray, needles: Any) -> np.ndarray:
    """``np.searchsorted(haystack, needles)`` with the needles cast to the haystack's dtype:
    numpy would otherwise cast a 4-byte haystack (the positions of a whole text) to the
    needles' 8-byte one, a copy twice its size. The needles are positions in the same text,
    so they fit.

    >>> import numpy as np
    >>> search_sorted(np.array([2, 5, 9], dtype=np.int32), np.array([0, 5, 10]))
    array([0, 1, 3])
    """
    import numpy as np

    return np.searchsorted(haystack, np.asarray(needles).astype(haystack.dtype, copy=False))


def lookup(table: np.ndarray, points: np.ndarray) -> np.ndarray:
    """``table.take(points, mode="clip")`` a chunk at a time: ``take`` first makes an 8-byte
    index of every point, twice or four times the memory of the points themselves.

    >>> import numpy as np
    >>> lookup(np.array([0, 1, 2], dtype=np.uint8), np.array([2, 9, 0], dtype=np.uint32))
    array([2, 2, 0], dtype=uint8)
    """
    import numpy as np

    out = np.empty(len(points), table.dtype)
    for lo in range(0, len(points), _CHUNK):
        table.take(points[lo : lo + _CHUNK], mode="clip", out=out[lo : lo + _CHUNK])
    return out


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a read-only ``uint32`` array, one per character."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


# What a character may be: bits of _classes(), one lookup per character of a text.
_SPACE_BIT = 1  # _WHITESPACE, the zero-width space or the BOM
_ALNUM_BIT = 2  # _ALNUM
_TERMINAL_BIT = 4  # _TERMINAL
_CLOSER_BIT = 8  # _CLOSERS
_TAIL_BIT = 16  # _FIGURE_TAIL_CHARS
_HEAD_BIT = 32  # may start _HEADING_START with a Chinese character or a bracket
_PAGE_BIT = 64  # may start a page number after the spaces of _PAGE_NUMBER_LINE
_BOUNDARY_BIT = 128  # a line boundary of str.splitlines
_MARKER_BIT = 256  # _TRADITIONAL_MARKERS
_TONE_BIT = 512  # a tone-marked vowel of pinyin (_PINYIN)
_NUMBERED_BIT = 1024  # .．、 after a heading's number
_CN_HEAD_BIT = 2048  # may start _CHINESE_HEADING
_DIGIT_BIT = 4096  # may be a decimal digit (\d)
_HAN_BIT = 8192  # a CJK unified ideograph (U+4E00-U+9FFF), as looks_traditional counts them


@cache
def _classes() -> np.ndarray:
    """The bits of every code point up to 0xFFFF (``take(..., mode="clip")`` sends the rest
    to 0xFFFF, which has only _DIGIT_BIT: a rare character is looked at, never skipped)."""
    import numpy as np

    table = np.zeros(0x10000, dtype=np.uint16)
    for bit, chars in (
        (_SPACE_BIT, _WHITESPACE + "\u200b\ufeff"), (_ALNUM_BIT, "".join(_ALNUM)),
        (_TERMINAL_BIT, _TERMINAL), (_CLOSER_BIT, _CLOSERS), (_TAIL_BIT, _FIGURE_TAIL_CHARS),
        (_HEAD_BIT, "一二三四五六七八九十（(第名附注"), (_PAGE_BIT, "-—–－第"),
        (_BOUNDARY_BIT, "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
        (_MARKER_BIT, "".join(_TRADITIONAL_MARKERS)), (_TONE_BIT, "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"),
        (_NUMBERED_BIT, ".．、"), (_CN_HEAD_BIT, "一二三四五六七八九十（(第"),
    ):
        table[[ord(c) for c in chars]] |= bit
    # \d of _HEADING_START: no decimal digit lies in the CJK block 0x3000-0x9FFF (a test
    # checks), so every other character may start a numbered heading ("1.", "12、").
    table[:0x3000] |= _DIGIT_BIT
    table[0xA000:] |= _DIGIT_BIT
    table[0x4E00:0xA000] |= _HAN_BIT
    table.flags.writeable = False  # shared by every call (cached)
    return table


@cache
def _ascii_points() -> np.ndarray:
    """``_FULLWIDTH`` as code points: entry ``c - 0xFF00`` for the full-width ``c``."""
    import numpy as np

    table = np.arange(0xFF00, 0xFF60, dtype=np.uint32)
    for k, v in _FULLWIDTH.items():
        table[ord(k) - 0xFF00] = ord(v)
    table.flags.writeable = False  # shared by every call (cached)
    return table


@dataclass
class _Scan:
    """A raw text as arrays, for the decisions of :func:`normalize` in bulk.

    ``cps`` holds a code point for each character of raw, with page-number lines blanked
    and every line separator as 10 (the kept characters are still raw's, except kept
    whitespace, which normalize replaces); ``ws`` marks whitespace there. ``lines`` are
    the 10s of ``cps``, ``breaks`` raw's own line breaks. ``solid`` and ``ascii`` are the
    positions of the raw characters that ``str.strip`` keeps and of the ASCII ones.
    ``split_lines`` are the stripped non-empty lines of ``raw.splitlines()``: their starts,
    ends and display widths.
    """

    raw: str
    cps: np.ndarray
    cls: np.ndarray
    ws: np.ndarray
    solid: np.ndarray
    ascii: np.ndarray
    breaks: np.ndarray
    lines: np.ndarray
    split_lines: tuple[np.ndarray, np.ndarray, np.ndarray]
    typical: float = 0.0
    wrapped: bool = True

    @classmethod
    def of(cls, raw: str) -> _Scan:
        import numpy as np

        cps = code_points(raw).copy()
        classes = lookup(_classes(), cps)
        ws = (classes & _SPACE_BIT) != 0
        spaces = ws & (cps != 0x200B) & (cps != 0xFEFF) if "\u200b" in raw or "\ufeff" in raw \
            else ws
        newlines = np.flatnonzero(cps == 10)
        index = np.dtype(np.int32 if len(raw) < 2**31 else np.int64)  # 4 bytes, not 8
        solid = positions(~spaces, index)
        del spaces
        ascii_ = positions(cps < 128, index)
        lines = _split_lines(classes, solid, ascii_)
        sc = cls(raw, cps, classes, ws, solid, ascii_, newlines, newlines, lines)
        sc.typical, sc.wrapped = _typical_width(lines[2])
        if "\r" in raw or "\u2028" in raw or "\u2029" in raw:
            cps[(cps == 13) | (cps == 0x2028) | (cps == 0x2029)] = 10
            sc.breaks = sc.lines = np.flatnonzero(cps == 10)
        blanked = _page_number_lines(raw, classes, newlines)
        for start, end in blanked:
            cps[start:end] = 10
            ws[start:end] = True
        if blanked:
            sc.lines = np.flatnonzero(cps == 10)
        return sc


def _split_lines(
    cls: np.ndarray, solid: np.ndarray, ascii_: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(starts, ends, display widths)`` of the stripped non-empty lines of
    ``raw.splitlines()``, from the characters' classes and the positions of the solid and
    the ASCII characters (see :class:`_Scan`)."""
    import numpy as np

    bounds = np.flatnonzero((cls & _BOUNDARY_BIT) != 0)
    i = search_sorted(solid, np.concatenate(([0], bounds + 1)))
    j = search_sorted(solid, np.concatenate((bounds, [len(cls)])))
    full = j > i
    first, end = solid[i[full]], solid[j[full] - 1] + 1
    return first, end, _widths(ascii_, first, end)


def _typical_width(widths: np.ndarray) -> tuple[float, bool]:
    """The usual width of a full line, and whether the text is hard-wrapped at that width.

    A PDF-extracted report has most lines within a cell or two of one width; a web page or
    a word-processor export has one paragraph per line and widely varying line lengths.
    """
    import numpy as np

    if len(widths) < 8:  # a snippet: too few lines to tell, assume wrapped at its widest
        return (float(widths.max()) if len(widths) else 0.0), True
    widths = np.sort(widths)
    typical = float(widths[int(len(widths) * 0.75)])
    near = np.count_nonzero(np.abs(widths - typical) <= max(2.0, typical * 0.08))
    # A printed page holds 20-45 CJK characters per line; narrower "typical" lines are short
    # paragraphs (one per line), not a wrapped text.
    return typical, bool(near >= len(widths) * 0.35 and 15 <= typical <= 80)


def _page_number_lines(raw: str, cls: np.ndarray, newlines: np.ndarray) -> list[tuple[int, int]]:
    """The spans of ``_PAGE_NUMBER_LINE.finditer(raw)``, tried only at the starts of the
    lines that hold one of its first characters (a match is one whole line)."""
    import numpy as np

    keys = np.flatnonzero((cls & _PAGE_BIT) != 0)
    if not len(keys):
        return []
    starts = np.unique(np.concatenate(([0], newlines + 1))[np.searchsorted(newlines, keys)])
    return [m.span() for s in starts.tolist() if (m := _PAGE_NUMBER_LINE.match(raw, s))]


def _space_runs(ws: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, ends)`` of the runs of True in ``ws``, except those at either end."""
    import numpy as np

    edges = np.flatnonzero(ws[1:] != ws[:-1]) + 1  # where a run starts or ends
    if len(ws) and ws[0]:
        edges = edges[1:]  # the end of a run at the start
    if len(edges) % 2:
        edges = edges[:-1]  # the start of a run at the end
    return edges[0::2], edges[1::2]


def _paragraph_breaks(sc: _Scan, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each whitespace run ``[a, b)`` across lines: whether it ends a paragraph.

    The stripped line before is ``prev``, the one after ``nxt``. The run is a paragraph
    break unless it splits a figure (74.4⏎万亿元), or holds a zero-width space and
    ``prev`` has no final punctuation (a page seam mid-sentence). In a text with one
    paragraph per line every other line break is one; in a hard-wrapped text a break
    comes before a heading; after the subtitle "——2020年1月8日在……会议上"; after a
    line much shorter than the usual width; after a line a little short with final
    punctuation, or with final punctuation before a title line (short, without final
    punctuation: a title, a heading's second line or a table cell); and after a numbered
    heading line a little short of a full line, unless the heading goes on in a title
    line.
    """
    import numpy as np

    cps, cls, typical = sc.cps, sc.cls, sc.typical
    ps, ne, wp, wn = _line_spans(sc, a, b)  # prev is raw[ps:a], nxt raw[b:ne]
    keep = ~_splits_a_figure(sc, a, b)
    prev_terminal = _ends_terminal_at(sc, ps, a)
    if "\u200b" in sc.raw:
        zw = np.concatenate(([0], np.cumsum(cps == 0x200B)))
        keep &= (zw[b] == zw[a]) | prev_terminal
    if not sc.wrapped:
        return keep
    short = wp < typical - 1.5
    title_next = (wn < typical * 0.7) & ~_ends_terminal_at(sc, b, ne)
    brk = ((wp < typical * 0.7) | ((cps[ps] == ord("—")) & (cps[a - 1] == ord("上")))
           | (prev_terminal & (short | title_next)))
    for k in np.flatnonzero(~brk & _may_be_heading(sc, b)).tolist():
        brk[k] = _HEADING_START.match(sc.raw, int(b[k]), int(ne[k])) is not None
    chinese = (cls[ps] & _CN_HEAD_BIT) != 0
    for k in np.flatnonzero(~brk & short & ~prev_terminal & ~title_next & chinese).tolist():
        brk[k] = _CHINESE_HEADING.match(sc.raw, int(ps[k]), int(a[k])) is not None
    return keep & brk


def _may_be_heading(sc: _Scan, b: np.ndarray) -> np.ndarray:
    """Whether _HEADING_START may match at each ``b``: one of its Chinese characters or
    brackets, or a possible digit followed within two characters by .．、."""
    import numpy as np

    last = len(sc.cls) - 1
    numbered = (sc.cls[np.minimum(b + 1, last)] | sc.cls[np.minimum(b + 2, last)]) & _NUMBERED_BIT
    return ((sc.cls[b] & _HEAD_BIT) != 0) | (((sc.cls[b] & _DIGIT_BIT) != 0) & (numbered != 0))


def _line_spans(
    sc: _Scan, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(ps, ne, wp, wn)``: for each run ``[a, b)`` across lines, ``raw[ps:a]`` is the line
    before it and ``raw[b:ne]`` the line after it, stripped with ``str.strip`` (a line of
    ``cps`` holds no blanked character, so it is raw's); ``wp`` and ``wn`` are their
    display widths.

    Usually these lines are just the lines of ``raw.splitlines()`` (``sc.split_lines``),
    one run between each two: then their spans and widths are known already.
    """
    import numpy as np

    first, end, width = sc.split_lines
    if len(first) == len(a) + 1 and (end[:-1] == a).all() and (first[1:] == b).all():
        return first[:-1], end[1:], width[:-1], width[1:]
    lines = sc.lines
    k = np.searchsorted(lines, a) - 1
    line_start = np.where(k >= 0, lines[np.maximum(k, 0)] + 1, 0)
    k = np.searchsorted(lines, b)
    line_end = np.where(k < len(lines), lines[np.minimum(k, len(lines) - 1)], len(sc.cps))
    ps = sc.solid[search_sorted(sc.solid, line_start)]
    ne = sc.solid[search_sorted(sc.solid, line_end) - 1] + 1
    return ps, ne, _widths(sc.ascii, ps, a), _widths(sc.ascii, b, ne)


def _widths(ascii_: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """:func:`display_width` of each ``raw[s:e]``, from the positions of raw's ASCII
    characters."""

    n_ascii = search_sorted(ascii_, e) - search_sorted(ascii_, s)
    return n_ascii / 2 + ((e - s) - n_ascii)


def _ends_terminal_at(sc: _Scan, s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """:func:`_ends_terminal` of each ``raw[s:e]`` (non-empty, stripped)."""
    import numpy as np

    last = sc.cls[e - 1]
    out = (last & _TERMINAL_BIT) != 0
    for k in np.flatnonzero((last & _CLOSER_BIT) != 0).tolist():
        out[k] = _ends_terminal(sc.raw[s[k] : e[k]])
    return out


def _splits_a_figure(sc: _Scan, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A line break between a digit and its magnitude or unit (74.4⏎\u200b⏎万亿元 in the
    national reports of 2017 and 2021) is inside one figure, never a paragraph break."""
    import numpy as np

    out = (sc.cls[b] & _TAIL_BIT) != 0
    for k in np.flatnonzero(out).tolist():
        out[k] = sc.raw[a[k] - 1].isdigit()
    return out


# A pinyin annotation after a character in a repost: 增長(zhǎng), 實(shí)現(xiàn). At least one
# tone-marked vowel, so (GDP), (R&D) and (a) stay.
# (The look-behind for the character comes after the bracket, so that a search skips to
# the next bracket.)
_PINYIN = re.compile(
    r"[（(](?<=[\u4e00-\u9fff][（(])(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}[）)]"
)


def _drop_pinyin(text: str, offsets: Sequence[int]) -> tuple[str, list[int]]:
    """Delete pinyin annotations from the clean text; the raw offsets of the rest are kept.

    >>> t, o = _drop_pinyin("增长(zhǎng)5%", list(range(11)))
    >>> t, o
    ('增长5%', [0, 1, 9, 10])
    """
    keep = [True] * len(text)
    for m in _PINYIN.finditer(text):
        keep[m.start() : m.end()] = [False] * (m.end() - m.start())
    return (
        "".join(ch for ch, k in zip(text, keep, strict=True) if k),
        [o for o, k in zip(offsets, keep, strict=True) if k],
    )
