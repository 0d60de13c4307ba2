"""The reading layer's cost grows linearly with its input, whatever the input's shape.

Each case times a pathological text at two sizes in the same run (median of three runs each)
and bounds the ratio: 4x the input must cost well under 16x (quadratic), with room for a
loaded 2-core machine. No wall-clock limits. The large cases are in ``benchmarks/``.
"""

from __future__ import annotations

import gc
import itertools
import statistics
import time
from collections.abc import Callable

import pytest

from analysis import Report
from analysis.reading.structure import MAX_SENTENCE
from analysis.reading.text import normalize

FACTOR = 4  # the large input is 4x the small one
BOUND = 10.0  # linear is ~4x; quadratic would be ~16x


def _seconds(fn: Callable[[], object], runs: int = 3) -> float:
    gc.collect()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _ratio(make: Callable[[int], str], read: Callable[[str], object], n: int) -> float:
    small, large = make(n), make(n * FACTOR)
    read(small)  # warm caches and lazy imports
    return _seconds(lambda: read(large)) / _seconds(lambda: read(small), runs=5)


def _structure(text: str) -> None:
    r = Report.fromstring(text)
    r.sections()
    r.sentences()


CASES = {
    # a wrapped text of many short lines: normalization decides every line break
    "many lines": (lambda n: "全区地区生产总值增长5%，财政收入24亿元，增长4.1%\n" * n,
                   normalize, 2000),
    # one line with a space every few characters
    "long line": (lambda n: "增长 5% 地区 GDP 302 亿元 " * n, normalize, 3000),
    # no punctuation at all: one over-long sentence, cut into bounded pieces
    "long sentence": (lambda n: "报告\n" + "地区生产总值增长" * n, _structure, 8000),
    # an outline of thousands of headings
    "many headings": (
        lambda n: "一、2019年工作回顾\n（一）产业发展\n1.工业\n全区工业增长5%。\n附件\n" * n,
        _structure, 400),
    # a 、-enumeration tens of KB long
    "long enumeration": (lambda n: "报告\n" + "农业、工业、" * n + "。", _structure, 8000),
}


@pytest.mark.parametrize("case", list(CASES))
def test_reading_cost_is_linear(case: str) -> None:
    make, read, n = CASES[case]
    ratio = _ratio(make, read, n)
    if ratio >= BOUND:  # one retry: a neighbour's burst of work can land on one timing
        ratio = _ratio(make, read, n)
    assert ratio < BOUND, f"{case}: {FACTOR}x the input cost {ratio:.1f}x the time"


def test_an_over_long_sentence_is_cut_and_reported() -> None:
    enumeration = "农业、工业、" * 1000 + "。"  # 6,001 characters, no ，or ；
    r = Report.fromstring("报告\n" + enumeration + "\n全区地区生产总值增长5%。")
    s = r.sentences()
    assert (s.text.str.len() <= MAX_SENTENCE).all()
    assert "".join(s.text.iloc[1:-1]) == enumeration  # pieces in order, nothing lost
    assert s.text.iloc[-1] == "全区地区生产总值增长5%。"
    (note,) = r.notes
    assert note.kind == "long_sentence"
    assert r.raw[note.start : note.end] == enumeration
    assert "6,001 characters" in note.message and "clause boundary" in note.message


def test_a_run_without_any_boundary_is_cut_outside_numbers() -> None:
    r = Report.fromstring("报告\n" + "地区生产总值增长12345" * 400)
    texts = r.sentences().text.tolist()[1:]
    assert all(len(t) <= MAX_SENTENCE for t in texts)
    assert all(not (a[-1].isdigit() and b[0].isdigit()) for a, b in itertools.pairwise(texts))
    assert "at the limit" in r.notes[0].message


def test_sentence_views_match_the_sentences_frame(report) -> None:
    s = report.sentences()
    views = list(report.sentence_views())
    assert [v.text for v in views] == s.text.tolist()
    assert [v.section.id if v.section else None for v in views] == s.section_id.tolist()
    for v, start, end in zip(views, s.start, s.end, strict=True):
        assert (v.offsets[0], v.offsets[-1] + 1) == (start, end)


def test_section_at_is_the_innermost_section(report) -> None:
    sections = report.outline.sections
    for pos in range(0, len(report.text), 7):
        inner = [s for s in sections if s.start <= pos < s.body_end]
        expected = max(inner, key=lambda s: s.level) if inner else None
        assert report.outline.section_at(pos) == expected


def test_items_follow_each_other_instead_of_nesting() -> None:
    text = ("2020年政府工作报告\n一、2019年工作回顾\n（一）产业\n1.工业\n工业增长5%。\n"
            "2.农业\n农业增长3%。\n3.服务业\n服务业增长7%。\n（二）民生\n")
    s = Report.fromstring(text).sections()
    items = s[s.kind == "item"]
    assert items.section_id.tolist() == ["1.1.1", "1.1.2", "1.1.3"]
    assert set(items.level) == {3} and set(items.parent) == {"1.1"}
