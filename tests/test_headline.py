"""The ``headline`` column: is a figure in the passage of main expected targets?

Expectations read from the corpus files: the sentence holding each quoted figure and
whether it belongs to the report's "主要预期目标是：" passage.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import analysis
from analysis import paths


@pytest.fixture(scope="module")
def figures():
    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            group = "national" if name.startswith("national") else "provinces"
            cache[name] = analysis.figures(
                analysis.load_report(paths.corpus_dir() / group / f"{name}.txt"))
        return cache[name]

    return get


@pytest.mark.parametrize(("doc", "context_part", "quote", "headline"), [
    # "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右"
    ("national-china-2013", "国内生产总值增长7.5%左右", "7.5%左右", True),
    # the cue paragraph ends in ：, the targets are the next paragraph
    ("national-china-2010", "国内生产总值增长8%左右；", "8％左右", True),
    # "这里要着重说明，提出国内生产总值增长8％左右": a restatement after the passage
    ("national-china-2010", "这里要着重说明", "8％左右", False),
    # "今后五年，我国经济增长预期目标是……年均增长7%": another period
    ("national-china-2011", "年均增长7%", "7%", False),
    ("national-china-2011", "国内生产总值增长8%左右", "8%左右", True),
    # the review part: "国内生产总值增长10.3%"
    ("national-china-2011", "国内生产总值增长10.3%", "10.3%", False),
    # a web page broke the cue over lines: "主要预期目标⏎是：地区生产总值增长4.5%—5%"
    ("province-guangdong-2026", "地区生产总值增长4.5%—5%", "4.5%—5%", True),
    # "（一）“十五五”发展目标。到2030年，……主要目标包括：地区生产总值年均增长5%以上"
    ("province-jilin-2026", "年均增长5%以上", "5%以上", False),
    ("province-jilin-2026", "地区生产总值增长5%左右", "5%左右", True),
    # "今年是“十五五”起步之年……主要预期目标是：地区生产总值增长5%以上"
    ("province-hebei-2026", "地区生产总值增长5%以上，一般公共预算收入", "5%以上", True),
])
def test_headline_passage(figures, doc, context_part, quote, headline) -> None:
    f = figures(doc)
    rows = f[f.context.str.contains(context_part, regex=False) & (f.quote == quote)]
    assert len(rows) >= 1
    assert set(rows.headline) == {headline}


def test_headline_is_in_the_schema_and_liujiang_has_a_passage(figures) -> None:
    from analysis.extraction.schema import COLUMN_DOCS

    figs = analysis.figures(analysis.load_report())
    assert "headline" in COLUMN_DOCS and figs.headline.dtype == bool
    assert not figs[figs.headline & (figs.part == "review")].shape[0]


@pytest.mark.parametrize(("plan", "expected"), [
    # a heading names the passage; no sentence cue
    ("（一）主要预期目标\n全区地区生产总值增长6%左右，一般公共预算收入增长5%。\n"
     "（二）重点工作\n新建学校3所，力争地区生产总值增长7%。\n", {"6%左右": True, "5%": True,
                                                        "3所": False, "7%": False}),
    # the cue sentence wins over a heading that merely ends in 预期目标
    ("二、今年工作总体要求和预期目标\n坚持稳中求进，新建道路20公里。\n"
     "今年经济社会发展的主要预期目标是：地区生产总值增长6.5%以上。\n",
     {"20公里": False, "6.5%以上": True}),
])
def test_headline_passage_in_genre_style_text(plan, expected) -> None:
    text = ("政府工作报告\n——2021年1月10日在澄川县第十届人民代表大会第三次会议上\n各位代表：\n"
            "一、2020年工作回顾\n全县地区生产总值增长3%。\n" + plan)
    figs = analysis.figures(analysis.Report.fromstring(text, doc="x"))
    got = {q: h for q, h in zip(figs.quote, figs.headline, strict=True) if q in expected}
    assert got == expected


def test_every_corpus_report_but_2020_has_a_main_targets_passage() -> None:
    """Each report states 主要预期目标是/为 (or 预期目标是) in its plan part, except the 2020
    national transcript, which adjusted its targets without that phrase."""
    from analysis.corpus import extract_many

    figs = extract_many(paths.corpus_files()).figures
    with_passage = set(figs.loc[figs.headline, "doc"])
    docs = {p.stem for p in paths.corpus_files()}
    assert docs - with_passage == {"national-china-2020"}
    assert not figs[figs.headline & (figs.status != "target")].shape[0]


def _headline_by_scan(report: analysis.Report) -> frozenset[int]:
    """The passage rule, spelled out as a scan of every sentence: the first sentence with a
    cue (whose search runs 8 characters past its end), then its paragraph's later sentences
    and, after a ：, the next paragraph and its list items."""
    from analysis.extraction import extract as ex

    text, pars = report.normalized.text, report._paragraphs
    sentences = list(report._sentences)
    for s in sentences:
        window = text[s.start : s.end + 8]
        if "主要" not in window and "预期" not in window:
            continue
        end = ex._headline_cue(report, s)
        if end is None:
            continue
        pi = next(p.index for p in pars[s.paragraph :] if p.end >= end)
        out = {x.index for x in sentences if x.paragraph == pi and x.end > s.start}
        if text[pars[pi].start : pars[pi].end].rstrip().endswith(("：", ":")):
            for j in range(pi + 1, len(pars)):
                if j > pi + 1 and not ex._LIST_ITEM.match(text, pars[j].start):
                    break
                out |= {x.index for x in sentences if x.paragraph == j}
        return frozenset(out)
    for p in pars:
        if ex._HEADLINE_HEADING.match(text[p.start : p.end].strip()):
            return frozenset(x.index for x in sentences
                             if p.index < x.paragraph and all(
                                 q == p.index + 1 or ex._LIST_ITEM.match(text, pars[q].start)
                                 for q in range(p.index + 1, x.paragraph + 1)))
    return frozenset()


_HEADLINE_PIECES = ["二、2021年工作安排\n", "一、2020年工作回顾\n", "今年主要预期目标是：", "主要",
                    "预期", "目标是", "地区生产总值增长6%左右。", "——新增就业1万人。\n", "\n",
                    "（一）主要预期目标\n", "今后五年，", "1.城镇新增就业2000人；", "加快发展。",
                    "主要预期目标\n是：", "预期目标为", "收入增长5%", "。", "：\n"]


@given(st.lists(st.sampled_from(_HEADLINE_PIECES), min_size=1, max_size=14).map(
    lambda pieces: "政府工作报告\n" + "".join(pieces)))
def test_headline_sentences_from_cue_words_are_the_scan_rule(text: str) -> None:
    """The passage is found from the occurrences of 主要/预期 by bisection (most sentences
    are never visited): the same sentences as a scan of every sentence."""
    from analysis.extraction import extract as ex

    report = analysis.Report.fromstring(text, doc="t")
    assert ex._headline_sentences(report) == _headline_by_scan(report)
