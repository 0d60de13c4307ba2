"""The chart functions draw the real tables with no missing glyph and no warning at all."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest

import analysis
from analysis import charts
from analysis.plotting import glyph_warnings_as_errors

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def figs() -> pd.DataFrame:
    return analysis.figures()


@pytest.fixture(autouse=True)
def agg() -> Iterator[None]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context():
        yield
    plt.close("all")


def _feasibility(figs: pd.DataFrame) -> pd.DataFrame:
    from analysis.analyses import target_feasibility

    return target_feasibility(figs)


def _composition(figs: pd.DataFrame) -> pd.DataFrame:
    from analysis.analyses import sector_composition

    return sector_composition(figs)


CASES: list[tuple[Callable[[pd.DataFrame], Any], Callable[[pd.DataFrame], pd.DataFrame]]] = [
    (charts.plot_targets_vs_outcomes, lambda f: f),
    (charts.plot_figures_by_section, lambda f: f),
    (charts.plot_feasibility_gap, _feasibility),
    (charts.plot_composition, _composition),
]


@pytest.mark.parametrize(("plot", "table"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_chart_draws_chinese_labels(
    figs: pd.DataFrame,
    plot: Callable[[pd.DataFrame], Any],
    table: Callable[[pd.DataFrame], pd.DataFrame],
) -> None:
    from matplotlib.figure import Figure

    frame = table(figs)
    with glyph_warnings_as_errors(), warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot(frame)
        fig.savefig(__import__("io").BytesIO(), format="png")
    assert isinstance(fig, Figure)
    ticks = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]
    assert any(CJK.search(t) for t in ticks), ticks
    titles = [ax.get_title() for ax in fig.axes] + [fig.get_suptitle()]
    assert any(CJK.search(t) for t in titles)


def test_targets_chart_marks_floors(figs: pd.DataFrame) -> None:
    fig = charts.plot_targets_vs_outcomes(figs)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "≥6.5" in texts  # the GDP floor target
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "地区生产总值 GDP" in labels


def test_targets_table_is_bilingual(figs: pd.DataFrame) -> None:
    table = charts.targets_table(_feasibility(figs))
    gdp = table[table["English"].str.contains("GDP")].iloc[0]
    assert gdp["2020 目标 target %"] == 6.5
    assert gdp["2019 实际/预计 outcome %"] == 5.0
    assert gdp["约束 bound"] == "≥"


def test_indicator_label() -> None:
    assert charts.indicator_label("gdp") == "地区生产总值 GDP"
    assert charts.indicator_label("", "某指标") == "某指标"


def _pairs(rows: list[tuple[str, str, str, float, float, float, float]]) -> pd.DataFrame:
    """headline_pairs-shaped rows: code, name, bound, value, low, high, outcome."""
    import math

    frame = pd.DataFrame(rows, columns=["place_code", "place_name", "target_bound",
                                        "target_value", "target_low", "target_high",
                                        "outcome_value"])
    floor = frame.target_low.where(frame.target_bound.isin(["ge", "range"]), frame.target_value)
    quote = {"approx": "{:g}%左右", "ge": "{:g}%以上", "range": "{:g}%—"}
    return frame.assign(
        year=2025, gap=(frame.outcome_value - floor).round(1),
        verdict=["met" if g >= -0.5 or math.isnan(g) else "missed"
                 for g in frame.outcome_value - floor],
        target_quote=[quote[b].format(v if b == "approx" else lo)
                      for b, v, lo in zip(frame.target_bound, frame.target_value,
                                          frame.target_low, strict=True)])


def test_province_targets_one_row_per_place_and_no_label_overlaps() -> None:
    nan = float("nan")
    # Ten places sharing two targets and near-equal outcomes: a scatter's labels collide here.
    rows = [(f"{c}0000", name, "approx", 5.0, nan, nan, 5.0 + d)
            for c, name, d in [("11", "北京市", 0.4), ("12", "天津市", -0.2),
                               ("31", "上海市", 0.4), ("36", "江西省", 0.2),
                               ("45", "广西壮族自治区", 0.1), ("61", "陕西省", 0.1)]]
    rows += [("130000", "河北省", "ge", nan, 5.0, nan, 5.6),
             ("210000", "辽宁省", "ge", nan, 5.0, nan, 3.7),
             ("350000", "福建省", "range", nan, 5.0, 5.5, 5.0),
             ("540000", "西藏自治区", "ge", nan, 7.0, nan, 7.0),
             ("650000", "新疆维吾尔自治区", "approx", 6.0, nan, nan, nan)]  # no outcome: no row
    fig = charts.plot_province_targets(_pairs(rows))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # sorted by gap, largest surplus first; ties by code; short names and the stated target
    assert labels == ["河北  5%以上", "北京  5%左右", "上海  5%左右", "江西  5%左右",
                      "广西  5%左右", "陕西  5%左右", "福建  5%—", "西藏  7%以上",
                      "天津  5%左右", "辽宁  5%以上"]
    values = [t for t in ax.texts if t.get_text()]  # (the floor arrows are empty annotations)
    assert [t.get_text() for t in values][:2] == ["5.6", "5.4"] and len(values) == 10
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in [*values, *ax.get_yticklabels()]]
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]
    assert not overlaps
    assert ax.get_xlim()[1] >= 7.6  # Tibet's floor arrow (7 → 7.6) is inside the axes
