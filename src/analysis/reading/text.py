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
from array import array
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
# [0-9A-Za-z] in ASCII or full-width form (a space between two of them is kept).
_ALNUM = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    + "".join(k for k, v in _FULLWIDTH.items() if v.isalnum())
)
_LINE_BREAKS = "\n\r\u2028\u2029"
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


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


def _typical_width(raw: str) -> tuple[float, bool]:
    """The usual width of a full line, and whether the text is hard-wrapped at that width.

    A PDF-extracted report has most lines within a cell or two of one width; a web page or
    a word-processor export has one paragraph per line and widely varying line lengths.
    """
    # display_width inlined: this runs over every line of the text
    widths = [len(s) - len(s.encode("ascii", "ignore")) / 2
              for s in map(str.strip, raw.splitlines()) if s]
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
    ascii_count = len(prev.encode("ascii", "ignore"))  # display_width, inlined: every line
    width = ascii_count / 2 + (len(prev) - ascii_count)
    if width < typical * 0.7:
        return True
    short = width < typical - 1.5
    if _ends_terminal(prev):
        # A short line without final punctuation is a title, a heading's second line or a
        # table cell: it stands alone after a finished sentence.
        return short or _is_title_line(nxt, typical)
    # A numbered heading line ("一、……", "（一）……") a little short of a full line, unless
    # the heading goes on in a short second line.
    return short and bool(_CHINESE_HEADING.match(prev)) and not _is_title_line(nxt, typical)


def _is_title_line(line: str, typical: float) -> bool:
    """A short line without final punctuation (evaluated only when a rule needs it)."""
    return display_width(line) < typical * 0.7 and not _ends_terminal(line)


def _ends_terminal(line: str) -> bool:
    body = line.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _TERMINAL


# What may follow a number in a figure: a magnitude, a unit or a percent sign.
_FIGURE_TAIL = re.compile(r"[万亿千百%％‰个元美港欧人户家项吨公平立亩米]")


def _splits_a_figure(left: str, right: str) -> bool:
    """A line break between a digit and its magnitude or unit (74.4⏎\u200b⏎万亿元 in the
    national reports of 2017 and 2021) is inside one figure, never a paragraph break."""
    return left.isdigit() and bool(_FIGURE_TAIL.match(right))


def _keep_in_run(
    masked: str, raw: str, a: int, b: int, typical: float, wrapped: bool
) -> int | None:
    """Raw index of the whitespace character to keep from run ``masked[a:b]``, or None.

    ``masked`` is the raw text with page-number lines blanked out and every line separator
    as ``\n``; the kept newline is a real newline of ``raw``.
    """
    if a == 0 or b == len(raw):
        return None
    newline = masked.find("\n", a, b)
    if newline >= 0 and _splits_a_figure(masked[a - 1], masked[b]):
        return None
    if newline >= 0:
        if raw[newline] not in _LINE_BREAKS:  # a blanked page-number line: its own newline
            newline = _LINE_BREAK.search(raw, newline, b).start()  # type: ignore[union-attr]
        if not wrapped and "\u200b" not in raw[a:b]:
            return newline  # one paragraph per line: every line break ends one
        # The line that ends at a and the one that starts at b (stripped). Every line
        # separator of masked is \n, so both searches stop at the neighbouring line break:
        # each line is scanned at most twice in a text.
        prev_start = masked.rfind("\n", 0, a) + 1
        next_end = masked.find("\n", b)
        prev = masked[prev_start:a].strip()
        nxt = (masked[b:next_end] if next_end >= 0 else masked[b:]).strip()
        if "\u200b" in raw[a:b] and not _ends_terminal(prev):
            return None  # a zero-width line mid-sentence ("74.4⏎\u200b⏎万亿元"): a page seam
        if _is_paragraph_break(prev, nxt, typical, wrapped):
            return newline
        return None
    if masked[a - 1] in _ALNUM and masked[b] in _ALNUM:
        # Words ("Liujiang District") and two numbers side by side (a table's row number
        # before a year: "3 2020年") keep one space; "385. 23" has no digit left of it.
        return a
    return None


@cache
def _t2s():  # pragma: no cover - trivial
    import opencc  # heavy: only for traditional-script reports

    return opencc.OpenCC("t2s")


_HAN = re.compile("[\u4e00-\u9fff]+")
# Frequent characters of the genre that exist only in traditional script.
_TRADITIONAL_MARKERS = frozenset("們個經濟發長會業區為與這進產實現設務總億萬開關東國對農縣領導體")
_MARKER = re.compile("[" + "".join(sorted(_TRADITIONAL_MARKERS)) + "]")


def looks_traditional(text: str) -> bool:
    """True if a text is written in traditional script (a cheap count of marker characters).

    >>> looks_traditional("全市地區生產總值增長6%"), looks_traditional("全市地区生产总值增长6%")
    (True, False)
    """
    marks = len(_MARKER.findall(text))  # few in a simplified text: cheap to list
    if marks < 2:
        return False
    han = sum(map(len, _HAN.findall(text)))
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

    Linear in the length of ``raw``: one pass over its whitespace runs, each line looked at
    a bounded number of times, and the offset map built in bulk (4 bytes a character).

    >>> nt = normalize("地区生产总值 302.4亿 元，增 长 5%；\\n\\n财政收入２４亿元。")
    >>> nt.text
    '地区生产总值302.4亿元，增长5%；财政收入24亿元。'
    >>> nt.quote(nt.text.index("增长"), nt.text.index("%") + 1)
    '增 长 5%'
    """
    typical, wrapped = _typical_width(raw)
    masked = _masked(raw)
    # Keep the segments between whitespace runs, and at most one character of each run.
    pieces: list[str] = []
    spans = array("q")  # flat (start, end) raw spans of the kept characters, in order
    pos = 0
    for m in _SPACE_RUN.finditer(masked):
        a, b = m.span()
        pieces.append(raw[pos:a])
        keep = _keep_in_run(masked, raw, a, b, typical, wrapped)
        if keep is None:
            spans.extend((pos, a))
        else:
            pieces.append("\n" if raw[keep] in _LINE_BREAKS else " ")
            spans.extend((pos, a, keep, keep + 1))
        pos = b
    pieces.append(raw[pos:])
    spans.extend((pos, len(raw)))
    text = to_ascii_forms("".join(pieces))
    del pieces
    traditional = looks_traditional(text)
    if traditional:
        text = to_simplified(text)
    offsets = _offset_array(spans, len(raw))
    if _PINYIN.search(text):
        text, kept = _drop_pinyin(text, offsets)
        offsets = array(offsets.typecode, kept)
    return NormalizedText(raw=raw, text=text, offsets=offsets, traditional=traditional)


def _masked(raw: str) -> str:
    """``raw`` with page-number lines blanked to newlines and every line separator as ``\\n``.

    A copy of the same length (one character for one), used to find whitespace runs and
    lines; the kept characters are always taken from ``raw``.
    """
    deleted = [m.span() for m in _PAGE_NUMBER_LINE.finditer(raw)]
    masked = raw
    if deleted:
        parts, last = [], 0
        for s, e in deleted:
            parts.append(raw[last:s])
            parts.append("\n" * (e - s))
            last = e
        parts.append(raw[last:])
        masked = "".join(parts)
    for sep in "\r\u2028\u2029":
        if sep in masked:
            masked = masked.replace(sep, "\n")
    return masked


def _offset_array(spans: array, n_raw: int) -> array:
    """The raw index of every kept character, from the kept raw spans ``(start, end)``.

    Built with numpy in a few passes (no Python loop per character) into an
    ``array('i')`` (``'q'`` beyond 2**31 characters): 4 bytes a character, a ``Sequence``
    of plain ints that slices, indexes and bisects like a list.
    """
    import numpy as np

    code, dtype = ("i", np.int32) if n_raw < 2**31 else ("q", np.int64)
    pairs = np.frombuffer(spans, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 1] > pairs[:, 0]]
    out = array(code)
    if not len(pairs):
        return out
    starts, lengths = pairs[:, 0], pairs[:, 1] - pairs[:, 0]
    # Steps of +1 inside a span, a jump to the next span's start at each span's first index.
    steps = np.ones(int(lengths.sum()), dtype=dtype)
    first = np.cumsum(lengths) - lengths
    steps[first[1:]] = starts[1:] - pairs[:-1, 1] + 1
    steps[0] = starts[0]
    np.cumsum(steps, out=steps)
    out.frombytes(steps.data.cast("B"))
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
