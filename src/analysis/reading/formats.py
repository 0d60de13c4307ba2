"""PDF and HTML reports in, plain report text out: :func:`pdf_text`, :func:`html_text`.

Work reports are published as PDF (the printed 文件) and as HTML pages on government portals.
Both are turned into plain text that the normalizer (:mod:`.text`) already knows how to
clean, and that text becomes the report's *raw text*: every offset in the project counts
characters of it, so it is produced once, deterministically, and kept as is.

* PDF: the text layer as :mod:`pdfplumber` lays it out, one visual line per line (wrapped
  mid-sentence, page numbers such as ``- 3 -`` included), pages joined by ``"\\n"``; the
  offsets of each page are kept so a figure can be traced to its page.
* HTML: the page is parsed with the standard library's :mod:`html.parser`; scripts, styles,
  navigation, headers, footers, sidebars and forms are dropped, the element holding the
  report (the deepest one with most of the page's Chinese text) is kept, and each block
  element becomes one line.

Every problem is a :class:`~.sources.ReportFormatError` naming the file. pdfplumber and
pdfminer are imported only inside :func:`pdf_text`, so importing this module stays cheap.
"""

from __future__ import annotations

import codecs
import re
import struct
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .sources import (
    DecodedText,
    ReportFormatError,
    checked_size,
    decode_bytes,
    read_bytes,
    read_text,
)

__all__ = [
    "HTML_SUFFIXES",
    "PDF_SUFFIXES",
    "ExtractedText",
    "html_text",
    "pdf_text",
    "read_any",
]

PDF_SUFFIXES = frozenset({".pdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})


@dataclass(frozen=True)
class ExtractedText:
    """Text extracted from a PDF or an HTML page.

    ``pages`` holds ``(page number from 1, start, end)`` offsets of each page in ``text``
    (PDF only; empty for HTML). ``encoding`` is how the bytes were decoded: ``"pdf"`` or
    the HTML page's character set.
    """

    text: str
    pages: tuple[tuple[int, int, int], ...] = ()
    encoding: str = ""


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


# --- PDF -------------------------------------------------------------------------------------


def pdf_text(path: str | Path) -> ExtractedText:
    """The text layer of a PDF, one visual line per line, with each page's offsets.

    Raises :class:`ReportFormatError` naming the file for a file that is not a readable
    PDF (corrupt, truncated), an encrypted PDF that cannot be opened, and a PDF without a
    text layer (a scan).
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    p = Path(path)
    # Corrupt data surfaces from deep inside pdfminer as any of these.
    corrupt = (PSException, MalformedPDFException, PdfminerException, ValueError, KeyError,
               TypeError, AttributeError, IndexError, EOFError, struct.error, zlib.error)
    texts: list[str] = []
    try:
        with pdfplumber.open(p) as doc:
            for page in doc.pages:
                texts.append(page.extract_text() or "")
    except corrupt as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFEncryptionError):
            raise ReportFormatError(
                f"{p}: the PDF is encrypted and cannot be opened without its password "
                f"({type(cause).__name__}); save an unprotected copy first"
            ) from None
        detail = str(cause).strip() or type(cause).__name__
        raise ReportFormatError(
            f"{p}: not a readable PDF (corrupt or truncated file: {detail[:200]})"
        ) from None
    if not texts:
        raise ReportFormatError(f"{p}: the PDF has no pages")
    if not any(t.strip() for t in texts):
        raise ReportFormatError(
            f"{p}: the PDF has no text layer (a scanned PDF?); run OCR first"
        )
    pages: list[tuple[int, int, int]] = []
    pos = 0
    for number, t in enumerate(texts, start=1):
        pages.append((number, pos, pos + len(t)))
        pos += len(t) + 1  # the "\n" that joins pages
    return ExtractedText("\n".join(texts), tuple(pages), "pdf")


# --- HTML ------------------------------------------------------------------------------------

# <meta charset="gb2312">, <meta http-equiv="Content-Type" content="text/html; charset=gbk">
# and <?xml version="1.0" encoding="gb2312"?>.
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"""
    rb"""|<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.IGNORECASE,
)
# Labels browsers decode with a superset (WHATWG Encoding): GB2312/GBK pages are GBK, which
# Python's gb18030 decodes; "latin-1" pages are windows-1252.
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "euc-cn": "gb18030", "cp936": "gb18030", "iso-8859-1": "cp1252", "latin1": "cp1252",
    "us-ascii": "utf-8", "ascii": "utf-8",
}


def declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in a ``<meta>`` (or XML) tag, if any.

    >>> declared_charset(b'<head><meta charset="GB2312"></head>')
    'gb2312'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">')
    'gbk'
    """
    m = _META_CHARSET.search(data[:16384])
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii").lower()


def _decode_html(data: bytes, name: str) -> DecodedText:
    """Decode an HTML page: a BOM first, then the declared charset, then :func:`decode_bytes`."""
    if not data.strip():
        raise ReportFormatError(f"{name}: the file is empty")
    label = declared_charset(data)
    if label and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                      codecs.BOM_UTF16_BE)):
        try:
            codec = codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
        except LookupError:
            codec = None
        if codec is not None:
            try:
                return DecodedText(data.decode(codec), codec)
            except UnicodeDecodeError:
                pass  # a mislabelled page (common): fall back to sniffing
    return decode_bytes(data, name=name)


_HARD_DROP = frozenset({"script", "style", "noscript", "iframe", "svg", "button", "select",
                        "template", "object", "canvas", "textarea", "head", "title"})
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form"})
_FURNITURE_ATTR = re.compile(r"nav|menu|footer|header|breadcrumb|share|sidebar", re.IGNORECASE)
_CANDIDATES = frozenset({"article", "main", "section", "div", "td", "body"})
_BLOCKS = frozenset({
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
    "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "main", "center", "hr",
    "caption", "figure", "figcaption", "address", "tbody", "thead", "tfoot", "body",
})
_CELLS = frozenset({"td", "th"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "basefont", "frame", "keygen"})
# Opening one of these closes an open element of the same kind (unclosed <p>, <li>, <tr>).
_IMPLIED_CLOSE = {
    "p": ({"p"}, {"div", "td", "th", "li", "blockquote", "section", "article", "body"}),
    "li": ({"li"}, {"ul", "ol", "body"}),
    "tr": ({"tr"}, {"table", "tbody", "thead", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
}
_MAX_DEPTH = 300  # unclosed inline tags (<font>) nest no deeper: rendering is recursive
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # HTML whitespace; NBSP and U+3000 are text


class _Node:
    __slots__ = ("attrs", "children", "depth", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag: str = tag
        self.attrs: dict[str, str] = attrs
        self.parent: _Node | None = parent
        self.depth: int = 0 if parent is None else parent.depth + 1
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: unclosed and stray end tags are tolerated as browsers do."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _IMPLIED_CLOSE:
            closes, barriers = _IMPLIED_CLOSE[tag]
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t in closes:
                    del self.stack[i:]
                    break
                if t in barriers:
                    break
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if any(n.tag == "pre" for n in self.stack):
            self.stack[-1].children.append(data)
        else:
            self.stack[-1].children.append(_SPACES.sub(" ", data))


def _cjk_totals(node: _Node, totals: dict[int, int]) -> int:
    """CJK characters of each element's descendant text (``id(node) -> count``)."""
    n = 0
    for child in node.children:
        n += _cjk_count(child) if isinstance(child, str) else _cjk_totals(child, totals)
    totals[id(node)] = n
    return n


def _is_furniture(node: _Node) -> bool:
    if node.tag in _FURNITURE:
        return True
    marks = f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}"
    return bool(_FURNITURE_ATTR.search(marks))


def _holds_the_report(cjk: int, page_total: int) -> bool:
    """A wrapper, not furniture: most of a page's Chinese text, and more than a menu has."""
    return cjk >= page_total * 0.5 and cjk >= 100


def _prune(node: _Node, totals: dict[int, int], page_total: int) -> None:
    """Remove scripts and page furniture, in place.

    Navigation, headers, footers, sidebars and forms go too, unless the element holds most
    of the page's Chinese text (at least 100 characters): an ASP.NET page wraps the whole
    page in one ``<form>``, and a wrapper ``<div class="has-sidebar">`` holds the report.
    """
    kept: list[_Node | str] = []
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag in _HARD_DROP:
                continue
            if _is_furniture(child) and not _holds_the_report(totals[id(child)], page_total):
                continue
            _prune(child, totals, page_total)
        kept.append(child)
    node.children = kept


def _main_element(root: _Node) -> _Node | None:
    """The element that holds the report: the deepest candidate with >= 80% of the CJK text.

    Among equally deep candidates the one with the most CJK text wins; if no element holds
    80% (text spread over sibling blocks), the whole body is the report.
    """
    totals: dict[int, int] = {}
    total = _cjk_totals(root, totals)
    if total == 0:
        return None
    best = root
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag in _CANDIDATES and totals[id(node)] >= total * 0.8:
            key = (node.depth, totals[id(node)])
            if key > (best.depth, totals[id(best)]):
                best = node
        stack.extend(c for c in node.children if isinstance(c, _Node))
    return best


def _render(node: _Node, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
            continue
        block = child.tag in _BLOCKS
        if block:
            out.append("\n")
        elif child.tag in _CELLS:
            out.append(" ")
        _render(child, out)
        if block:
            out.append("\n")


def html_text(data: bytes, name: str = "<html>") -> ExtractedText:
    """The report text of an HTML page, one block (paragraph, heading, row) per line.

    >>> page = "<html><body><nav>首页 2020</nav><div id='c'><p>增长5%。</p><p>财政</p></div>"
    >>> html_text(page.encode(), "a.html").text
    '增长5%。\\n财政'
    """
    decoded = _decode_html(data, name)
    builder = _TreeBuilder()
    builder.feed(decoded.text)
    builder.close()
    root = builder.root
    totals: dict[int, int] = {}
    _prune(root, totals, _cjk_totals(root, totals))
    main = _main_element(root)
    if main is None:
        raise ReportFormatError(
            f"{name}: no report text found in the HTML page (it has no Chinese text outside "
            "scripts, menus, headers and footers)"
        )
    out: list[str] = []
    _render(main, out)
    lines = (line.strip() for line in "".join(out).split("\n"))
    text = "\n".join(line for line in lines if line)
    return ExtractedText(text, (), decoded.encoding)


# --- dispatch --------------------------------------------------------------------------------


def read_any(path: str | Path) -> DecodedText:
    """Read a report file of any supported kind, dispatching on its suffix.

    ``.pdf`` -> encoding ``"pdf"`` with page offsets; ``.html``/``.htm``/``.shtml`` ->
    encoding ``"html:<charset>"``; anything else is a text file (:func:`.sources.read_text`).
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in PDF_SUFFIXES | HTML_SUFFIXES:
        return read_text(p)
    checked_size(p)  # a regular file of sane size: no FIFO, device or symlink loop
    if suffix in PDF_SUFFIXES:
        pdf = pdf_text(p)
        return DecodedText(pdf.text, "pdf", pdf.pages)
    page = html_text(read_bytes(p), name=str(p))
    return DecodedText(page.text, f"html:{page.encoding}")
