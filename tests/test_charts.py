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
