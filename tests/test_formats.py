"""PDF and HTML reports: the same figures as the text report, exact quotes, clear errors."""

from __future__ import annotations

import html
import random
import re
import time
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.plotting import cjk_font_path
from analysis.reading.formats import declared_charset, html_text, pdf_text
from analysis.reading.sources import ReportFormatError

KEY = ["indicator_id", "year", "status", "measure", "value", "unit", "bound"]


def figure_keys(fig: pd.DataFrame) -> list[tuple[str, ...]]:
    """The key columns as sorted tuples of strings (NA and floats compare as text)."""
    return sorted(tuple(str(v) for v in row) for row in fig[KEY].itertuples(index=False))


def assert_quotes_exact(report: analysis.Report, fig: pd.DataFrame) -> None:
    for start, end, quote in zip(fig["start"], fig["end"], fig["quote"], strict=True):
        assert report.raw[start:end] == quote


@pytest.fixture(scope="module")
def paragraphs(report: analysis.Report) -> list[str]:
    return report.paragraphs()["text"].tolist()


@pytest.fixture(scope="module")
def text_keys(report: analysis.Report) -> list[tuple[str, ...]]:
    return figure_keys(analysis.figures(report))


# --- PDF -------------------------------------------------------------------------------------


def build_pdf(path: Path, paragraphs: list[str], *, width: float = 163) -> Path:
    """A printed-style report: 16 pt CJK text wrapped mid-sentence, "- N -" page footers."""
    from fpdf import FPDF

    class Printed(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("NotoSansSC", size=10)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Printed(format="A4")
    pdf.add_font("NotoSansSC", fname=str(cjk_font_path()))
    pdf.set_font("NotoSansSC", size=16)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    for text in paragraphs:  # 28 characters a line, like the printed original
        pdf.multi_cell(width, 10, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory, paragraphs: list[str]) -> Path:
    return build_pdf(tmp_path_factory.mktemp("pdf") / "liujiang-2020.pdf", paragraphs)


def test_pdf_keeps_the_layout_and_page_offsets(pdf_path: Path) -> None:
    extracted = pdf_text(pdf_path)
    assert len(extracted.pages) > 10
    assert [n for n, _, _ in extracted.pages] == list(range(1, len(extracted.pages) + 1))
    for (_, _, end), (_, start, _) in zip(extracted.pages, extracted.pages[1:], strict=False):
        assert extracted.text[end] == "\n" and start == end + 1
    assert extracted.pages[-1][2] == len(extracted.text)
    first = extracted.text[extracted.pages[0][1] : extracted.pages[0][2]]
    assert first.rstrip().endswith("- 1 -")  # page furniture is kept in the raw text
    assert max(len(line) for line in first.splitlines()) < 32  # wrapped mid-sentence


def test_pdf_report_gives_the_text_reports_figures(
    pdf_path: Path, text_keys: list[tuple[str, ...]]
) -> None:
    started = time.perf_counter()
    report = analysis.load_report(pdf_path)
    fig = analysis.figures(report)
    elapsed = time.perf_counter() - started
    assert report.encoding == "pdf"
    assert report.doc == "liujiang-2020"
    assert figure_keys(fig) == text_keys
    assert_quotes_exact(report, fig)
    pages = [report.page_of(int(s)) for s in fig["start"].sort_values()]
    assert all(p is not None and 1 <= p <= len(report.pages) for p in pages)
    assert pages == sorted(pages)
    assert pages[-1] > 10
    for start, page in zip(fig["start"], fig["start"].map(report.page_of), strict=True):
        _, a, b = report.pages[page - 1]
        assert a <= start < b
    assert elapsed < 10


def test_pdf_report_has_the_text_reports_structure(
    pdf_path: Path, report: analysis.Report
) -> None:
    from_pdf = analysis.load_report(pdf_path)
    # Holds at the original's 28-character lines; at other widths a heading or a paragraph
    # that happens to fill its last line merges with the next one (the figures still agree).
    assert from_pdf.year == report.year
    assert from_pdf.sections()["title"].tolist() == report.sections()["title"].tolist()
    assert len(from_pdf.glossary()) == len(report.glossary())
    assert len(from_pdf.projects()) == len(report.projects())


def test_page_of_without_pages_is_none(report: analysis.Report) -> None:
    assert report.pages == ()
    assert report.page_of(0) is None
    paged = analysis.Report("r", "ab\ncd", pages=((1, 0, 2), (2, 3, 5)))
    assert [paged.page_of(i) for i in range(6)] == [1, 1, 1, 2, 2, 2]
    assert paged.page_of(-1) is None and paged.page_of(6) is None


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a "scan": marks on the page, no text
    path = tmp_path / "scanned-report.pdf"
    pdf.output(str(path))
    with pytest.raises(ReportFormatError, match=r"scanned-report\.pdf.*no text layer.*OCR"):
        analysis.load_report(path)


def test_truncated_pdf(tmp_path: Path, pdf_path: Path) -> None:
    path = tmp_path / "truncated-report.pdf"
    data = pdf_path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReportFormatError, match=r"truncated-report\.pdf"):
        analysis.load_report(path)


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "noise.pdf"
    path.write_bytes(random.Random(0).randbytes(4096))
    with pytest.raises(ReportFormatError, match=r"noise\.pdf: not a readable PDF"):
        analysis.load_report(path)


def test_empty_pdf_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ReportFormatError, match=r"empty\.pdf"):
        analysis.load_report(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="GDP 302.4")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(ReportFormatError, match=r"locked\.pdf: the PDF is encrypted"):
        analysis.load_report(path)


def test_missing_pdf_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.pdf"):
        analysis.load_report(tmp_path / "nope.pdf")


# --- HTML ------------------------------------------------------------------------------------


def portal_page(paragraphs: list[str], *, head: str = '<meta charset="utf-8">') -> str:
    """A government portal page: the report in TRS_Editor amid menus, scripts and links."""
    body = "\n".join(f"<p>　　{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head>{head}<title>2020年政府工作报告_柳江区人民政府门户网站</title>
<style>.TRS_Editor p {{ margin: 0 0 12px; font-size: 16px; }}</style>
<script>var x = 2020; var visits = "阅读次数 100万次"; if (x > 5) {{ x = 3.5; }}</script>
</head><body>
<div class="top-header"><img src="logo.png" alt="柳江区人民政府 2020">
  <span>今天是2020年2月17日 星期一</span></div>
<ul id="mainMenu"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开 12项</a></li>
  <li><a href="/hdjl/">互动交流</a></li></ul>
<nav><a href="/">网站首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</nav>
<div class="wrapper">
 <div class="content-left">
  <h1 class="title">2020年柳江区政府工作报告</h1>
  <div class="info">发布时间：2020-02-17 来源：区政府办 阅读次数 3421次</div>
  <div class="TRS_Editor">
{body}
  </div>
  <div class="bshare-share">分享到：微信 微博 2个</div>
 </div>
 <div class="sidebar"><h3>相关阅读</h3><ul>
  <li><a href="/a/1">2019年政府工作报告 阅读次数 3421次</a></li>
  <li><a href="/a/2">全区GDP增长5.2% 财政收入25亿元</a></li>
  <li><a href="/a/3">2021年1月-6月经济运行情况</a></li></ul></div>
</div>
<form action="/search"><input name="q" value="搜索"><button>搜索 2020</button></form>
<footer>主办：柳州市柳江区人民政府办公室 桂ICP备12003456号 电话：0772-7212345</footer>
<script>document.write("访问量 2020年 12345次");</script>
</body></html>
"""


def test_html_report_gives_the_text_reports_figures(
    tmp_path: Path, paragraphs: list[str], text_keys: list[tuple[str, ...]]
) -> None:
    path = tmp_path / "liujiang-2020.html"
    path.write_text(portal_page(paragraphs), encoding="utf-8")
    report = analysis.load_report(path)
    assert report.encoding == "html:utf-8"
    assert report.raw.splitlines() == paragraphs  # the report, one paragraph per line
    fig = analysis.figures(report)
    assert figure_keys(fig) == text_keys
    assert_quotes_exact(report, fig)
    assert report.page_of(0) is None


def test_gbk_html_with_meta_charset(
    tmp_path: Path, paragraphs: list[str], text_keys: list[tuple[str, ...]]
) -> None:
    path = tmp_path / "liujiang-2020-gbk.htm"
    page = portal_page(paragraphs, head='<meta charset="gb2312">')
    # ⑪ and later circled numbers are not in GBK: the CMS writes them as &#9322; etc.
    path.write_bytes(page.encode("gbk", errors="xmlcharrefreplace"))
    assert b"&#9322;" in path.read_bytes()
    report = analysis.load_report(path)
    assert report.encoding == "html:gb18030"
    fig = analysis.figures(report)
    assert figure_keys(fig) == text_keys
    assert_quotes_exact(report, fig)


def test_http_equiv_charset_and_mislabelled_page() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    page = f"<html><head>{head}</head><body><p>财政收入24亿元，增长4.1%。</p></body></html>"
    assert declared_charset(page.encode("gbk")) == "gbk"
    assert html_text(page.encode("gbk"), "a.html").text == "财政收入24亿元，增长4.1%。"
    # Declared GBK but saved as UTF-8 (common after a CMS migration): sniffed instead.
    assert html_text(page.encode("utf-8"), "b.html").text == "财政收入24亿元，增长4.1%。"


def test_html_blocks_entities_and_unclosed_tags() -> None:
    page = (
        "<body><div id='content'><h2>一、2019年工作回顾</h2><p>地区生产总值302.4&nbsp;亿元"
        "<br>增长&#53;%<p>财政收入\n  24亿元&lt;预计&gt;<ul><li>一项<li>二项</ul>"
        "<table><tr><td>1</td><td>道路</td><tr><td>2</td><td>学校</td></table></div>"
    )
    assert html_text(page.encode(), "c.html").text.splitlines() == [
        "一、2019年工作回顾", "地区生产总值302.4\xa0亿元", "增长5%", "财政收入 24亿元<预计>",
        "一项", "二项", "1 道路", "2 学校",
    ]


def test_whole_page_form_is_not_dropped() -> None:
    # ASP.NET pages wrap everything in one <form>; it holds the report, so it stays.
    sentence = "全区地区生产总值302.4亿元，增长5%。" * 12
    page = f"<form id='form1'><div class='nav'>首页</div><p>{sentence}</p></form>"
    assert html_text(page.encode(), "d.aspx.html").text == sentence


def test_html_without_chinese_text(tmp_path: Path) -> None:
    path = tmp_path / "english-page.html"
    path.write_text(
        "<html><head><title>Report</title><script>var 报告 = 1;</script></head>"
        "<body><nav>首页 菜单</nav><p>The district's GDP grew 5% in 2019.</p></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ReportFormatError, match=re.escape(str(path)) + ": no report text found"):
        analysis.load_report(path)


def test_empty_html_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_bytes(b"  \n")
    with pytest.raises(ReportFormatError, match=r"blank\.htm: the file is empty"):
        analysis.load_report(path)


def test_importing_the_package_does_not_import_pdfplumber() -> None:
    import subprocess
    import sys

    code = "import sys, analysis; print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
