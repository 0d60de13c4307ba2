"""Charts (and one display table) for the notebooks and the HTML report.

Every function takes a frame the library produces (:func:`analysis.figures`, or an analysis of
:mod:`analysis.analyses`) and returns a matplotlib :class:`~matplotlib.figure.Figure`. Labels
are Chinese with English beside them ("地区生产总值 GDP"), drawn with the bundled CJK font
(:func:`analysis.plotting.use_cjk_font`). Each figure is fully drawn before it is returned, so a
missing glyph warns (or raises, under :func:`analysis.plotting.glyph_warnings_as_errors`) inside
the call, not later when a notebook displays it.

matplotlib is imported inside the functions; if no backend has been chosen (no ``MPLBACKEND``,
no ``matplotlib.use``), the headless Agg backend is selected. Nothing calls ``plt.show()``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .places import short_name
from .plotting import use_cjk_font

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "OUTCOME_COLOR",
    "TARGET_COLOR",
    "indicator_label",
    "plot_composition",
    "plot_feasibility_gap",
    "plot_figures_by_section",
    "plot_gap_distribution",
    "plot_national_gdp_targets",
    "plot_province_targets",
    "plot_targets_vs_outcomes",
    "plot_verdicts_by_indicator",
    "targets_table",
]

OUTCOME_COLOR = "#8c8c8c"
TARGET_COLOR = "#c0392b"
_UP_COLOR = "#c0392b"
_DOWN_COLOR = "#2471a3"
_STATUS_COLORS = {"actual": "#4a6fa5", "estimate": "#9bb4d6", "target": "#c0392b"}
_STATUS_LABELS = {"actual": "实际 actual", "estimate": "预计 estimate", "target": "目标 target"}
_SECTOR_COLORS = {"primary": "#6a9f58", "secondary": "#4a6fa5", "tertiary": "#e1a23b"}
_SECTOR_LABELS = {
    "primary": "第一产业 Primary",
    "secondary": "第二产业 Secondary",
    "tertiary": "第三产业 Tertiary",
}

# Short English names for chart labels; the vocabulary's full NBS names are too long for an
# axis. Ids not listed here fall back to the vocabulary's ``name_en``.
_SHORT_EN = {
    "gdp": "GDP",
    "industrial_value_added": "Industrial VA (above size)",
    "fixed_asset_investment": "Fixed-asset investment",
    "fiscal_revenue": "Fiscal revenue",
    "general_budget_revenue": "Budget revenue",
    "retail_sales": "Retail sales",
    "urban_income_per_capita": "Urban income p.c.",
    "rural_income_per_capita": "Rural income p.c.",
}
_BOUND_SYMBOL = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "approx": "≈", "eq": "", "range": ""}


def _pyplot() -> Any:
    """pyplot, with Agg selected when no backend was chosen, and the CJK font in use."""
    import matplotlib as mpl

    if mpl.rcParams._get_backend_or_none() is None:  # type: ignore[attr-defined]
        mpl.use("Agg")
    import matplotlib.pyplot as plt

    use_cjk_font()
    return plt


def _finish(fig: Figure) -> Figure:
    """Lay out and draw the figure now, so glyph warnings surface inside the call."""
    fig.draw_without_rendering()
    return fig


def indicator_label(indicator_id: str, indicator: str = "", sep: str = " ") -> str:
    """"地区生产总值 GDP": the vocabulary's Chinese name and a short English name.

    Falls back to ``indicator`` (the report's wording) for ids outside the vocabulary.
    """
    from .extraction.indicators import vocabulary

    entry = vocabulary().get(indicator_id) if indicator_id else None
    if entry is None:
        return indicator or indicator_id
    return f"{entry.name_zh}{sep}{_SHORT_EN.get(indicator_id, entry.name_en)}"


def _labels(frame: pd.DataFrame) -> list[str]:
    ids, names = frame["indicator_id"].tolist(), frame["indicator"].tolist()
    return [indicator_label(i, t) for i, t in zip(ids, names, strict=True)]


def _fmt(x: float, digits: int = 1) -> str:
    """1 decimal at most, no trailing zeros: 6.5 -> "6.5", 13.0 -> "13"; NaN -> ""."""
    if math.isnan(x):
        return ""
    return f"{x:.{digits}f}".rstrip("0").rstrip(".")


def targets_table(feas: pd.DataFrame) -> pd.DataFrame:
    """The headline table: each growth target next to the previous year's outcome.

    ``feas`` is :func:`analysis.analyses.feasibility.target_feasibility`. One row per target,
    columns in Chinese and English: 指标 indicator (the report's wording), English name (from
    ``data/reference/indicators.csv``), the previous year's outcome (%), its status, the
    target (%), the bound (≥ for a floor) and the gap in percentage points. NaN where the
    report gives no number (e.g. 正增长 "positive growth").
    """
    import pandas as pd

    from .extraction.indicators import vocabulary

    vocab = vocabulary()
    if feas.empty:
        return pd.DataFrame()
    prev_year = int(feas["previous_year"].iloc[0])
    year = int(feas["target_year"].iloc[0])
    english = feas["indicator_id"].map(lambda i: vocab[i].name_en if i in vocab else "")
    target = feas["target_pct"].where(
        feas["target_pct"].notna(), (feas["target_low"] + feas["target_high"]) / 2
    )
    return pd.DataFrame(
        {
            "指标 indicator": feas["indicator"],
            "English": english,
            f"{prev_year} 实际/预计 outcome %": feas["previous_growth_pct"],
            "口径 status": feas["previous_status"].fillna(""),
            f"{year} 目标 target %": target,
            "约束 bound": feas["bound"].map(lambda b: _BOUND_SYMBOL.get(b, b) or "="),
            "差 gap (pp)": feas["gap_pp"],
        }
    ).reset_index(drop=True)


def _growth_pairs(figs: pd.DataFrame) -> pd.DataFrame:
    """Targets (growth_pct) of the latest target year, with the previous year's outcome."""
    growth = figs[(figs["measure"] == "growth_pct") & (figs["indicator_id"] != "")]
    targets = growth[growth["status"] == "target"]
    if targets.empty:
        raise ValueError("the figures table has no growth targets to plot")
    year = int(targets["year"].max())
    targets = targets[targets["year"] == year].drop_duplicates("indicator_id")
    outcomes = growth[growth["status"].isin(["actual", "estimate"]) & (growth["year"] == year - 1)]
    outcomes = outcomes.drop_duplicates("indicator_id")[
        ["indicator_id", "value", "low", "high", "bound", "status"]
    ]
    pairs = targets.merge(outcomes, on="indicator_id", how="left", suffixes=("", "_prev"))
    pairs["target"] = pairs["value"].where(pairs["value"].notna(), pairs["low"])
    pairs["outcome"] = pairs["value_prev"]
    pairs.attrs["year"] = year
    return pairs.reset_index(drop=True)


def plot_targets_vs_outcomes(figs: pd.DataFrame) -> Figure:
    """Previous-year outcome vs this year's target growth (%), one row per indicator.

    ``figs`` is the figures table. Outcomes are grey bars; targets are red: a bar with an
    arrow and "≥" for a floor (bound ge/gt, "at least"), a plain bar for a point target.
    An indicator whose outcome has no number (e.g. 正增长) is marked "无数值 no number".
    """
    plt = _pyplot()
    pairs = _growth_pairs(figs)
    year = pairs.attrs["year"]
    labels = _labels(pairs)
    n = len(pairs)
    fig, ax = plt.subplots(figsize=(8.5, 0.62 * n + 1.6))
    ys = list(range(n))[::-1]
    h = 0.36
    top = float(max(pairs["target"].max(), pairs["outcome"].max(skipna=True) or 0))
    for y, (_, row) in zip(ys, pairs.iterrows(), strict=True):
        if not math.isnan(row["outcome"]):
            ax.barh(y + h / 2, row["outcome"], h, color=OUTCOME_COLOR)
            ax.text(row["outcome"] + 0.15, y + h / 2, _fmt(row["outcome"]), va="center",
                    fontsize=9, color="#555555")
        else:
            ax.text(0.15, y + h / 2, "无数值 no number", va="center", fontsize=8,
                    color="#777777")
        floor = row["bound"] in ("ge", "gt")
        ax.barh(y - h / 2, row["target"], h, color=TARGET_COLOR, alpha=0.45 if floor else 1.0,
                hatch="//" if floor else None, edgecolor=TARGET_COLOR)
        text = f"{_BOUND_SYMBOL.get(row['bound'], '')}{_fmt(row['target'])}"
        if floor:
            ax.annotate("", xy=(row["target"] + 1.6, y - h / 2), xytext=(row["target"], y - h / 2),
                        arrowprops={"arrowstyle": "-|>", "color": TARGET_COLOR, "lw": 1.6})
            ax.plot([row["target"]] * 2, [y - h, y], color=TARGET_COLOR, lw=2.2)
            ax.text(row["target"] + 1.8, y - h / 2, text, va="center", fontsize=9,
                    color=TARGET_COLOR)
        else:
            ax.text(row["target"] + 0.15, y - h / 2, text, va="center", fontsize=9,
                    color=TARGET_COLOR)
    ax.set_yticks(ys, labels)
    ax.set_xlim(0, top + 3.5)
    ax.set_xlabel("增速 growth (%)")
    ax.set_title(f"{year - 1}年实际/预计增速与{year}年目标  {year - 1} outcome vs {year} target")
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=OUTCOME_COLOR, label=f"{year - 1} 实际/预计 outcome"),
            Patch(color=TARGET_COLOR, label=f"{year} 目标 target"),
            Patch(facecolor=TARGET_COLOR, alpha=0.45, hatch="//", edgecolor=TARGET_COLOR,
                  label="≥ 下限目标 floor (at least)"),
        ],
        loc="lower right", fontsize=8, frameon=False,
    )
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _finish(fig)


def plot_feasibility_gap(feas: pd.DataFrame) -> Figure:
    """Target minus previous-year growth, in percentage points, one bar per indicator.

    ``feas`` is :func:`analysis.analyses.feasibility.target_feasibility`. Red bars: the target
    asks for faster growth than last year achieved; blue: slower; a floor target (≥) is
    labelled "≥" since the gap is then a minimum. Rows without a previous number say so.
    """
    plt = _pyplot()
    feas = feas.reset_index(drop=True)
    labels = _labels(feas)
    n = len(feas)
    fig, ax = plt.subplots(figsize=(8.5, 0.5 * n + 1.6))
    ys = list(range(n))[::-1]
    gaps = feas["gap_pp"].astype(float)
    span = float(gaps.abs().max()) if gaps.notna().any() else 1.0
    span = max(span, 1.0)
    for y, (_, row) in zip(ys, feas.iterrows(), strict=True):
        gap = float(row["gap_pp"])
        if math.isnan(gap):
            ax.text(0, y, "  上年无数值 no previous number", va="center", fontsize=8,
                    color="#777777")
            continue
        floor = row["bound"] in ("ge", "gt")
        color = _UP_COLOR if gap > 0 else _DOWN_COLOR
        ax.barh(y, gap, 0.6, color=color, alpha=0.5 if floor else 1.0,
                hatch="//" if floor else None, edgecolor=color)
        sign = "+" if gap > 0 else ""
        text = f"{'≥' if floor else ''}{sign}{_fmt(gap)}"
        offset = 0.04 * span
        ax.text(gap + (offset if gap >= 0 else -offset), y, text, va="center",
                ha="left" if gap >= 0 else "right", fontsize=9)
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(ys, labels)
    ax.set_xlim(-span * 1.5, span * 1.5)
    ax.set_xlabel("目标 − 上年增速（百分点） target − previous growth (pp)")
    year = int(feas["target_year"].iloc[0]) if n else 0
    ax.set_title(f"{year}年目标比上年快还是慢  Is the {year} target above last year's growth?")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _finish(fig)


def plot_composition(comp: pd.DataFrame) -> Figure:
    """GDP shares of the three sectors, with the band from the assumption's range.

    ``comp`` is :func:`analysis.analyses.composition.sector_composition`; its ``kind ==
    "sector"`` rows are drawn. Left: one 100% stacked bar. Right: each share with an error
    bar from ``share_low`` to ``share_high`` (the agriculture value-added ratio's documented
    range); a stated share has no band.
    """
    plt = _pyplot()
    sectors = comp[comp["kind"] == "sector"].reset_index(drop=True)
    if sectors.empty:
        raise ValueError("the composition table has no sector rows")
    year = int(sectors["year"].iloc[0])
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(9, 3.6), gridspec_kw={"width_ratios": [1, 2.4]}
    )
    bottom = 0.0
    for _, row in sectors.iterrows():
        share = float(row["share_pct"])
        color = _SECTOR_COLORS.get(str(row["component"]), "#999999")
        left.bar(0, share, 0.6, bottom=bottom, color=color)
        left.text(0, bottom + share / 2, f"{_fmt(share)}%", ha="center", va="center",
                  fontsize=9, color="white")
        bottom += share
    left.set_xticks([])
    left.set_ylim(0, 100)
    left.set_ylabel("占GDP比重 share of GDP (%)")
    left.set_title("合计 total = 100%", fontsize=10)
    left.spines[["top", "right"]].set_visible(False)

    labels = [_SECTOR_LABELS.get(str(c), str(c)) for c in sectors["component"]]
    xs = list(range(len(sectors)))
    shares = sectors["share_pct"].astype(float)
    lo = (shares - sectors["share_low"].astype(float)).clip(lower=0).fillna(0)
    hi = (sectors["share_high"].astype(float) - shares).clip(lower=0).fillna(0)
    colors = [_SECTOR_COLORS.get(str(c), "#999999") for c in sectors["component"]]
    right.bar(xs, shares, 0.6, color=colors, yerr=[lo, hi], capsize=6,
              error_kw={"ecolor": "#222222", "lw": 1.2})
    for x, (_, row) in zip(xs, sectors.iterrows(), strict=True):
        top = float(row["share_high"]) if not math.isnan(row["share_high"]) else row["share_pct"]
        band = ""
        if not math.isnan(row["share_low"]) and row["share_low"] != row["share_high"]:
            band = f"\n({_fmt(row['share_low'])}–{_fmt(row['share_high'])})"
        right.text(x, float(top) + 1.5, f"{_fmt(row['share_pct'])}%{band}", ha="center",
                   va="bottom", fontsize=9)
        right.text(x, 1.5, str(row["basis"]), ha="center", va="bottom", fontsize=8,
                   color="white")
    right.set_xticks(xs, labels)
    right.set_ylim(0, float(sectors["share_high"].fillna(sectors["share_pct"]).max()) + 14)
    right.set_ylabel("占GDP比重 share of GDP (%)")
    right.spines[["top", "right"]].set_visible(False)
    fig.suptitle(f"{year}年三次产业结构  GDP by sector, {year} (误差线: 假设范围 band: "
                 "assumption range)", fontsize=11)
    fig.tight_layout()
    return _finish(fig)


def plot_figures_by_section(figs: pd.DataFrame) -> Figure:
    """How many figures each section of the report states, split by status.

    ``figs`` is the figures table. One horizontal stacked bar per section (in report order),
    labelled with its number and (shortened) Chinese title; colours: actual, estimate, target.
    """
    import pandas as pd

    plt = _pyplot()
    order = list(dict.fromkeys(figs["section"]))
    titles = figs.drop_duplicates("section").set_index("section")["section_title"]
    counts = (
        pd.crosstab(figs["section"], figs["status"])
        .reindex(index=order, columns=[s for s in _STATUS_COLORS if s in set(figs["status"])])
        .fillna(0)
    )
    n = len(counts)
    fig, ax = plt.subplots(figsize=(8.5, 0.38 * n + 1.6))
    ys = list(range(n))[::-1]
    left = [0.0] * n
    for status in counts.columns:
        values = counts[status].astype(float).tolist()
        ax.barh(ys, values, 0.7, left=left, color=_STATUS_COLORS[status],
                label=_STATUS_LABELS.get(status, status))
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, total in zip(ys, left, strict=True):
        ax.text(total + 0.4, y, f"{int(total)}", va="center", fontsize=8)

    def short(title: str, width: int = 14) -> str:
        return title if len(title) <= width else title[: width - 1] + "…"

    ax.set_yticks(ys, [f"{s}  {short(str(titles[s]))}" for s in counts.index])
    ax.set_xlabel("数字个数 number of figures")
    ax.set_title("各部分的数字  Figures by section of the report")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _finish(fig)


# --- real targets vs outcomes (notebook 06) ------------------------------------------------------

_MET_COLORS = {"met": "#4a8f5c", "missed": "#c0392b", "no outcome": "#bbbbbb"}
_MET_LABELS = {"met": "达到 met", "missed": "未达到 missed", "no outcome": "无结果 no outcome"}


def _records(frame: pd.DataFrame) -> list[Any]:
    """The rows as named tuples (typed loosely: columns of mixed types)."""
    return list(frame.itertuples())


def _draw_target(ax: Any, pos: float, row: Any, tol: float, w: float = 0.32,
                 horizontal: bool = False) -> None:
    """One target drawn as stated at ``pos`` on the category axis: 左右 a band (± the
    tolerance), a range as a range, 以上 a floor (a line with an arrow towards more), a plain
    number a dashed line. Values run up the y axis, or along x when ``horizontal``."""

    def band(lo: float, hi: float, alpha: float) -> None:
        fill = ax.fill_betweenx if horizontal else ax.fill_between
        fill([pos - w, pos + w], lo, hi, color=TARGET_COLOR, alpha=alpha, lw=0)

    def tick(value: float, **style: Any) -> None:
        across, along = [pos - w, pos + w], [value, value]
        ax.plot(*((along, across) if horizontal else (across, along)), color=TARGET_COLOR,
                **style)

    bound = row.target_bound
    if bound == "approx":
        band(row.target_value - tol, row.target_value + tol, 0.18)
        tick(row.target_value, lw=1.2)
    elif bound == "range":
        band(row.target_low, row.target_high, 0.45)
    elif bound in ("ge", "gt"):
        tick(row.target_low, lw=2.2)
        start, end = (row.target_low, pos), (row.target_low + 0.6, pos)
        ax.annotate("", xy=end if horizontal else end[::-1],
                    xytext=start if horizontal else start[::-1],
                    arrowprops={"arrowstyle": "-|>", "color": TARGET_COLOR, "lw": 1.2})
    else:
        tick(row.target_value if not math.isnan(row.target_value) else row.target_high,
             lw=2.2, ls="--")


def _target_legend(tol: float) -> list[Any]:
    """Legend entries for :func:`_draw_target` and the met / missed outcome dots."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    dots = [Line2D([], [], color=_MET_COLORS[v], marker="o", lw=0, label=_MET_LABELS[v])
            for v in ("met", "missed")]
    return [
        Patch(color=TARGET_COLOR, alpha=0.18, label=f"左右 about X (±{_fmt(tol)} band)"),
        Patch(color=TARGET_COLOR, alpha=0.45, label="区间 range"),
        Line2D([], [], color=TARGET_COLOR, lw=2.2, label="以上 floor / 目标 target"),
        *dots,
    ]


def plot_national_gdp_targets(pairs: pd.DataFrame, no_target_years: list[int],
                              tol: float = 0.5) -> Figure:
    """National GDP growth: each year's target as stated against the next report's outcome.

    ``pairs`` is ``headline_pairs(panel, place_code="000000")``; ``no_target_years`` are
    years whose report set no GDP target (marked on the axis); ``tol`` is the band drawn
    around an "about X" (左右) target, the tolerance the verdict uses.
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4.6))
    for row in _records(pairs):
        _draw_target(ax, row.year, row, tol)
    known = pairs.dropna(subset=["outcome_value"])
    line = known.set_index("year")["outcome_value"]
    line = line.reindex(range(int(line.index.min()), int(line.index.max()) + 1))
    ax.plot(line.index, line.to_numpy(), color=OUTCOME_COLOR, lw=1, zorder=3)  # gaps break it
    for row in _records(known):
        color = _MET_COLORS[row.verdict]
        ax.scatter(row.year, row.outcome_value, s=36, color=color, zorder=4)
        ax.text(row.year, row.outcome_value + 0.35, _fmt(row.outcome_value), ha="center",
                fontsize=8, color="#444444")
    for y in no_target_years:
        ax.axvspan(y - 0.4, y + 0.4, color="#eeeeee", zorder=0)
        ax.text(y, ax.get_ylim()[0] + 0.4, f"{y}\n未设目标\nno target", ha="center",
                fontsize=8, color="#666666")
    years = sorted({*pairs["year"].astype(int), *no_target_years})
    ax.set_xticks(years, [str(y) for y in years], rotation=45, fontsize=8)
    ax.set_ylabel("国内生产总值增速 GDP growth (%)")
    ax.set_title("全国GDP增长目标与实际 National GDP growth: target (as stated) vs outcome")
    ax.legend(handles=_target_legend(tol), fontsize=8, frameon=False, loc="upper right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _finish(fig)


def plot_province_targets(pairs: pd.DataFrame, tol: float = 0.5) -> Figure:
    """Places side by side: each one's target as stated (band, range or floor) and its
    outcome, one row per place, sorted from the largest surplus to the largest shortfall.

    ``pairs`` is :func:`~analysis.analyses.panel.headline_pairs` of one year; a row's label
    is the place's short name and its target as the report writes it, so labels never
    overlap however many places share a target.
    """
    plt = _pyplot()
    known = pairs.dropna(subset=["outcome_value"]).sort_values(
        ["gap", "place_code"], ascending=[False, True], kind="stable")
    n = len(known)
    fig, ax = plt.subplots(figsize=(7.6, 0.3 * n + 1.6))
    for i, row in enumerate(_records(known)):
        _draw_target(ax, i, row, tol, horizontal=True)
        ax.scatter(row.outcome_value, i, s=30, color=_MET_COLORS[row.verdict], zorder=4)
        ax.text(row.outcome_value, i - 0.42, f"{row.outcome_value:.1f}", ha="center",
                va="bottom", fontsize=7, color="#444444", zorder=5)
    labels = [f"{short_name(r.place_code, r.place_name)}  {r.target_quote}"
              for r in _records(known)]
    ax.set_yticks(range(n), labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.7)  # first row on top; room for the top row's value label
    ax.set_xlabel("国内生产总值增速 GDP growth (%)")
    years = sorted({int(y) for y in known["year"]})
    year = "、".join(map(str, years))
    ax.set_title(f"{year}年各地GDP增长目标与实际\n"
                 f"GDP growth {year}: target (as stated) vs outcome, by place")
    ax.legend(handles=_target_legend(tol), fontsize=7, frameon=False, ncol=3,
              loc="upper center", bbox_to_anchor=(0.5, -0.6 / (0.3 * n + 1.6)))
    reach = known[["outcome_value", "target_value", "target_low", "target_high"]].max().max()
    ax.set_xlim(right=max(ax.get_xlim()[1], float(reach) + 0.7))  # a floor's arrow is 0.6
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _finish(fig)


def plot_gap_distribution(gaps: pd.Series, step: float = 0.25) -> Figure:
    """Outcome minus target (percentage points), binned so that 0 is a bin edge: bunching
    just above the target shows as a tall bar right of the line."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.6))
    values = gaps.dropna().astype(float)
    lo = math.floor(values.min() / step) * step
    hi = math.ceil(values.max() / step) * step + step
    bins = [lo + i * step for i in range(round((hi - lo) / step) + 1)]
    ax.hist(values, bins=bins, color=OUTCOME_COLOR, edgecolor="white")
    ax.axvline(0, color=TARGET_COLOR, lw=1.4)
    ax.set_xlabel("实际减目标 outcome minus target (percentage points)")
    ax.set_ylabel("目标数 targets")
    ax.set_title("差距分布 Distribution of outcome minus target (growth targets, 2025)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _finish(fig)


def plot_verdicts_by_indicator(counts: pd.DataFrame) -> Figure:
    """Met / missed / no outcome per indicator, stacked horizontal bars."""
    plt = _pyplot()
    n = len(counts)
    fig, ax = plt.subplots(figsize=(8, 0.38 * n + 1.4))
    ys = list(range(n))[::-1]
    left = [0.0] * n
    for verdict in ("met", "missed", "no outcome"):
        vals = counts[verdict].astype(float).tolist()
        ax.barh(ys, vals, left=left, color=_MET_COLORS[verdict], label=_MET_LABELS[verdict])
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_yticks(ys, [indicator_label(i) for i in counts.index], fontsize=8)
    ax.set_xlabel("目标数 targets")
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.set_title("按指标的达成情况 Met or missed, by indicator (provinces, 2025)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _finish(fig)
