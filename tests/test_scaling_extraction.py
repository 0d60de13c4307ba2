"""The figures layer's cost grows linearly with its input, whatever the input's shape.

As in ``test_scaling_reading``: each pathological text is timed at two sizes in the same run
(median of three) and 4x the input must cost well under 16x (quadratic). No wall-clock limits.
"""

from __future__ import annotations

import pytest
from test_scaling_reading import BOUND, FACTOR, _ratio

from analysis.extraction import extract_text

REVIEW = "一、2019年工作回顾\n"
CASES = {
    # a 分别 list of hundreds of names and values: names are distributed over the values
    "分别 list": lambda n: (REVIEW + "、".join(f"产业{i}增加值" for i in range(n)) + "分别增长"
                           + "、".join(f"{i % 9 + 1}.5%" for i in range(n)) + "。"),
    # one sentence of hundreds of clauses, each with a figure: names carried clause to clause
    "many clauses": lambda n: (REVIEW + "，".join(f"工业增加值增长{i % 9}.1%" for i in range(n))
                               + "。"),
    # digit groups split by gaps: read whole or doubted, never rescanned
    "digit groups": lambda n: REVIEW + "投资" + "1 0" * n + "亿元。",
    # nested brackets around a figure
    "nested brackets": lambda n: REVIEW + "（" * n + "工业增加值增长5%" + "）" * n + "。",
    # many ordinary sentences
    "many sentences": lambda n: REVIEW + "地区生产总值增长5%，比上年提高0.3个百分点。" * n,
}


@pytest.mark.parametrize("case", list(CASES))
def test_extraction_cost_is_linear(case: str) -> None:
    make = CASES[case]
    ratio = _ratio(make, extract_text, 100)
    if ratio >= BOUND:  # one retry: a neighbour's burst of work can land on one timing
        ratio = _ratio(make, extract_text, 100)
    assert ratio < BOUND, f"{case}: {FACTOR}x the input cost {ratio:.1f}x the time"


# Figures each text gives at n=20, written from the texts: split digit groups are doubted.
# (The nested-brackets text first had no indicator name and gave none; it was given one.)
EXPECTED = {"分别 list": 20, "many clauses": 20, "digit groups": 0, "nested brackets": 1,
            "many sentences": 40}


@pytest.mark.parametrize("case", list(CASES))
def test_every_shape_is_real_work(case: str) -> None:
    """The timings above are of real work: the figures expected, with exact quotes."""
    text = CASES[case](20)
    figs = extract_text(text)
    assert len(figs) == EXPECTED[case]
    assert all(text[s:e] == q for s, e, q in zip(figs.start, figs.end, figs.quote, strict=True))
