"""SYNTHETIC government work reports for tests, benchmarks and demonstrations.

Everything here is invented: the places (澄川县, 梧原市, 泺北省 …), the officials (张某), the
numbers and the sentences. The texts only imitate the *shape* of the genre — title block,
``一、…年工作回顾`` with a key-figures sentence, ``二、…年工作安排`` with the expected
targets, numbered sections of generic filler, lines hard-wrapped at 28–30 cells as PDF text
is — so that the reading and extraction code, the many-documents layer and the analyses can
be tested and timed at any scale without real reports. Never cite them as data.

>>> text = synthetic_report("澄川县", 2021, seed=1,
...                         outcomes={"gdp": (120.5, 6.2)}, targets={"gdp": (6.5, "ge")})
>>> text.startswith("政府工作报告\\n——2021年1月")
True
>>> "地区生产总值120.5亿元，增长6.2%" in text.replace("\\n", "")
True

Generation is deterministic: the same arguments give the same text in any process (seeds
are derived with CRC-32, never with Python's randomized ``hash``).
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "INDICATORS",
    "PLACES",
    "TRUTH_COLUMNS",
    "doc_name",
    "synthetic_panel",
    "synthetic_report",
    "write_corpus",
]

#: The indicators of the key-figures and targets sentences: id -> (name, unit of the level).
INDICATORS: dict[str, tuple[str, str | None]] = {
    "gdp": ("地区生产总值", "亿元"),
    "general_budget_revenue": ("一般公共预算收入", "亿元"),
    "fixed_asset_investment": ("固定资产投资", None),  # growth only, as reports usually say
    "retail_sales": ("社会消费品零售总额", "亿元"),
    "urban_income_per_capita": ("城镇居民人均可支配收入", "元"),
    "rural_income_per_capita": ("农村居民人均可支配收入", "元"),
}

#: Invented places (none is a real jurisdiction's name) and the ASCII names of their files.
PLACES: dict[str, str] = {
    "澄川县": "chengchuan",
    "梧原市": "wuyuan",
    "泺北省": "luobei",
    "岚溪县": "lanxi",
    "蓼湾区": "liaowan",
    "枥阳市": "liyang",
    "沣桥县": "fengqiao",
    "榕埠区": "rongbu",
}

TRUTH_COLUMNS = ("place", "indicator_id", "year", "target", "target_bound", "target_doc",
                 "outcome", "outcome_level", "outcome_doc", "met")

_BOUND_WORD = {"ge": "以上", "approx": "左右", "eq": ""}
_NUMERALS = "零一二三四五六七八九十"


def _rng(seed: int, *keys: object) -> random.Random:
    """A generator seeded from ``seed`` and keys, identical in every process."""
    return random.Random(zlib.crc32(repr((seed, *keys)).encode("utf-8")))


def _zh(n: int) -> str:
    """1..99 as Chinese numerals (十八, 二十一)."""
    if n <= 10:
        return _NUMERALS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _NUMERALS[tens]
    return head + "十" + (_NUMERALS[ones] if ones else "")


def _fmt(value: float) -> str:
    """6.0 -> '6', 6.50 -> '6.5', 1234.56 -> '1234.56'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _level_word(place: str) -> tuple[str, str]:
    """('县', '县长') for 澄川县; cities 市/市长, districts 区/区长, provinces 省/省长."""
    for suffix, head in (("省", "省长"), ("区", "区长"), ("县", "县长"), ("市", "市长")):
        if place.endswith(suffix):
            return suffix, head
    return "市", "市长"


def doc_name(place: str, year: int) -> str:
    """The document (file stem) of a place's report: ``chengchuan-2021``."""
    slug = PLACES.get(place) or f"place{zlib.crc32(place.encode('utf-8')):08x}"
    return f"{slug}-{year}"


# --- hard wrapping ----------------------------------------------------------------------------


def _width(s: str) -> float:
    return sum(0.5 if ch < "\u0100" else 1.0 for ch in s)


_NO_LINE_START = "，。；：、！？”）》"


def _wrap(paragraph: str, width: int) -> list[str]:
    """Cut a paragraph into lines of about ``width`` cells (ASCII counts half a cell).

    As typesetters do, punctuation never starts a line: it hangs at the end of the previous
    one, which is then a cell wider.
    """
    lines: list[str] = []
    line: list[str] = []
    w = 0.0
    for ch in paragraph:
        cw = 0.5 if ch < "\u0100" else 1.0
        if w + cw > width and ch not in _NO_LINE_START:
            lines.append("".join(line))
            line, w = [], 0.0
        line.append(ch)
        w += cw
    if line:
        lines.append("".join(line))
    return lines


def _paragraph(sentences: list[str], width: int, rng: random.Random) -> str:
    """A wrapped paragraph whose last line is clearly short (so it reads as the end)."""
    text = "".join(sentences)
    lines = _wrap(text, width)
    while len(lines) > 0 and _width(lines[-1]) > width - 4:
        text += rng.choice(_CLOSING_CLAUSES)
        lines = _wrap(text, width)
    return "\n".join(lines)


# --- filler -----------------------------------------------------------------------------------

_CLOSING_CLAUSES = ("群众获得感不断增强。", "工作成效明显。", "取得积极进展。", "成效持续显现。")

_REVIEW_SENTENCES = (
    "新建农村公路{a}公里，改造危旧桥梁{b}座。",
    "完成农村危房改造{a}户，新建高标准农田{b}万亩。",
    "全年引进项目{a}个，新开工项目{b}个。",
    "新增市场主体{a}户，新培育规模以上企业{b}家。",
    "新改扩建学校{a}所，新增学位{b}个。",
    "开展职业技能培训{a}人次，帮助{b}名群众实现就近务工。",
    "办结群众诉求{a}件，按期办结率{p}%。",
    "整治农村人居环境村庄{a}个，新建污水管网{b}公里。",
    "扎实推进乡村振兴，农村面貌持续改善。",
    "深化“放管服”改革，营商环境不断优化。",
    "坚持以人民为中心的发展思想，民生福祉持续增进。",
    "统筹发展和安全，社会大局保持和谐稳定。",
    "持续加强生态环境保护，城乡环境更加宜居。",
    "认真落实各项惠民政策，困难群众基本生活得到有效保障。",
    "加快补齐基础设施短板，城乡发展更加协调。",
    "新建村级综合服务中心{a}个，改造老旧小区{b}个。",
)
_PLAN_SENTENCES = (
    "计划新建农村公路{a}公里，改造危旧桥梁{b}座。",
    "力争全年引进项目{a}个以上。",
    "新改扩建学校{a}所，新增学位{b}个。",
    "改造老旧小区{a}个，新建城区停车位{b}个。",
    "开展职业技能培训{a}人次。",
    "坚持稳中求进工作总基调，推动经济社会高质量发展。",
    "持续优化营商环境，激发市场主体活力。",
    "大力实施乡村振兴战略，加快农业农村现代化。",
    "加强生态环境保护，守住生态安全底线。",
    "扎实办好民生实事，让发展成果更多惠及群众。",
    "深入推进平安建设，提升基层治理水平。",
    "加快重点项目建设，发挥有效投资关键作用。",
    "推进新型城镇化，提升城市功能品质。",
    "新建高标准农田{a}万亩，整治农村人居环境村庄{b}个。",
)
_REVIEW_TITLES = (
    "坚持稳中求进，经济运行总体平稳", "聚焦产业升级，发展动能不断增强",
    "推进城乡融合，城乡面貌持续改善", "坚持民生优先，社会事业全面进步",
    "深化改革开放，发展活力持续释放", "加强政府建设，治理能力不断提升",
)
_PLAN_TITLES = (
    "坚持项目带动，稳住经济发展基本盘", "做强实体经济，加快产业转型升级",
    "全面推进乡村振兴，促进农业农村现代化", "提升城市品质，推进城乡融合发展",
    "深化改革创新，持续优化营商环境", "加强生态保护，建设美丽宜居家园",
    "增进民生福祉，提高公共服务水平", "统筹发展和安全，维护社会和谐稳定",
)
_SURNAMES = "张王李赵陈刘杨黄周吴"


def _filler_sentence(rng: random.Random, templates: Sequence[str]) -> str:
    return rng.choice(templates).format(
        a=rng.randint(3, 480), b=rng.randint(2, 95), p=rng.randint(90, 99)
    )


def _filler(rng: random.Random, templates: Sequence[str], chars: int, width: int) -> list[str]:
    """Wrapped paragraphs of generic sentences, about ``chars`` characters in all.

    About one clause in eight states counts, which gives about as many figures per
    character as the Liujiang report has (~200 rows for 20,000 characters).
    """
    counts = [t for t in templates if "{" in t]
    words = [t for t in templates if "{" not in t]
    out, total = [], 0
    while total < chars:
        n = rng.randint(4, 8)
        k = sum(rng.random() < 0.12 for _ in range(n))
        chosen = rng.sample(counts, k) + rng.sample(words, min(n - k, len(words)))
        rng.shuffle(chosen)
        clauses = [_filler_sentence(rng, [t]).rstrip("。") for t in chosen]
        # Two or three clauses to a sentence, as long as the genre's (~45 characters).
        sentences, i = [], 0
        while i < len(clauses):
            j = i + rng.randint(2, 3)
            sentences.append("，".join(clauses[i:j]) + "。")
            i = j
        par = _paragraph(sentences, width, rng)
        out.append(par)
        total += len(par) + 1
    return out


# --- one report -------------------------------------------------------------------------------


def _as_pair(v: object) -> tuple[float | None, float]:
    """An outcome as (level or None, growth); a bare number is a growth."""
    if isinstance(v, tuple | list):
        level, growth = v
        return (None if level is None else float(level)), float(growth)
    return None, float(v)  # type: ignore[arg-type]


def _as_target(v: object) -> tuple[float, str]:
    """A target as (growth, bound: ge | approx | eq); a bare number is 'ge' (以上)."""
    if isinstance(v, tuple | list):
        value, bound = v
        return float(value), str(bound)
    return float(v), "ge"  # type: ignore[arg-type]


def _growth_clause(growth: float) -> str:
    return f"增长{_fmt(growth)}%" if growth >= 0 else f"下降{_fmt(-growth)}%"


def _outcomes_sentence(year: int, scope: str, outcomes: Mapping[str, object]) -> str:
    clauses = []
    for ident, (name, unit) in INDICATORS.items():
        if ident not in outcomes:
            continue
        level, growth = _as_pair(outcomes[ident])
        if level is not None and unit:
            clauses.append(f"{name}{_fmt(level)}{unit}，{_growth_clause(growth)}")
        else:
            clauses.append(f"{name}{_growth_clause(growth)}")
    if not clauses:
        return ""
    return f"初步预计，{year}年{scope}" + "；".join(clauses) + "。"


def _targets_sentence(year: int, scope: str, targets: Mapping[str, object]) -> str:
    clauses = []
    for ident, (name, _unit) in INDICATORS.items():
        if ident not in targets:
            continue
        value, bound = _as_target(targets[ident])
        if bound not in _BOUND_WORD:
            raise ValueError(f"target bound must be one of {sorted(_BOUND_WORD)}, got {bound!r}")
        clauses.append(f"{name}{_growth_clause(value)}{_BOUND_WORD[bound]}")
    if not clauses:
        return ""
    return f"{year}年{scope}经济社会发展的主要预期目标是：" + "，".join(clauses) + "。"


def synthetic_report(
    place: str,
    year: int,
    *,
    seed: int,
    outcomes: Mapping[str, object],
    targets: Mapping[str, object],
    size_chars: int = 20000,
) -> str:
    """The text of an invented work report of ``place`` delivered in January of ``year``.

    ``outcomes`` maps indicator ids of :data:`INDICATORS` to ``(level, growth)`` of
    ``year - 1`` (level may be None; a bare number is a growth) and ``targets`` maps ids to
    ``(growth, bound)`` for ``year`` with bound ``ge`` (以上), ``approx`` (左右) or ``eq``.
    Generic filler brings the text to about ``size_chars`` characters.

    Longer than 60 lines on purpose: it is the report's template read top to bottom (title
    block, review, plan, closing), and the random draws must stay in this order for the
    seeded texts the tests and benchmarks pin.
    """
    rng = _rng(seed, place, year)
    unit_word, head = _level_word(place)
    scope = "全" + unit_word
    width = rng.randint(28, 30)
    day = rng.randint(5, 25)
    congress = 12 + (year - 1998) // 5
    session = (year - 1998) % 5 + 1
    speaker = rng.choice(_SURNAMES) + "某"

    top = [
        "政府工作报告",
        f"——{year}年1月{day}日在{place}第{_zh(congress)}届人民代表大会"
        f"第{_zh(session)}次会议上",
        f"{head} {speaker}",
        "各位代表：",
        _paragraph([f"现在，我代表{unit_word}人民政府向大会报告工作，请予审议，并请"
                    f"{unit_word}政协各位委员和其他列席人员提出意见。"], width, rng),
    ]
    review_head = [
        f"一、{year - 1}年工作回顾",
        _paragraph([f"{year - 1}年，面对复杂严峻的发展形势，我们在{unit_word}委的坚强领导下，"
                    "坚持稳中求进工作总基调，统筹推进各项工作，经济社会持续健康发展。",
                    _outcomes_sentence(year - 1, scope, outcomes)], width, rng),
    ]
    plan_head = [
        f"二、{year}年工作安排",
        _paragraph([f"{year}年是全面落实发展规划的关键之年。做好今年政府工作，要坚持稳中求进"
                    "工作总基调，完整准确全面贯彻新发展理念，推动高质量发展。",
                    _targets_sentence(year, scope, targets)], width, rng),
        _paragraph(["围绕上述目标，重点抓好以下几个方面的工作："], width, rng),
    ]
    closing = [_paragraph(["各位代表！新的征程催人奋进，新的使命重任在肩。让我们团结一心、"
                           "真抓实干，为全面完成今年各项目标任务而努力奋斗！"], width, rng)]
    fixed = sum(len(p) + 1 for p in (*top, *review_head, *plan_head, *closing))
    rest = max(0, size_chars - fixed)
    n_review, n_plan = rng.randint(3, 5), rng.randint(4, 7)
    review_titles = rng.sample(_REVIEW_TITLES, n_review)
    plan_titles = rng.sample(_PLAN_TITLES, n_plan)
    body = [*top, *review_head]
    for i, title in enumerate(review_titles, 1):
        body.append(f"（{_zh(i)}）{title}")
        body += _filler(rng, _REVIEW_SENTENCES, int(rest * 0.45 / n_review), width)
    body += plan_head
    for i, title in enumerate(plan_titles, 1):
        body.append(f"（{_zh(i)}）{title}")
        body += _filler(rng, _PLAN_SENTENCES, int(rest * 0.55 / n_plan), width)
    body += closing
    return "\n".join(body) + "\n"


# --- a panel of reports -----------------------------------------------------------------------

_BASE_LEVEL = {"gdp": 300.0, "general_budget_revenue": 20.0, "retail_sales": 110.0,
               "urban_income_per_capita": 36000.0, "rural_income_per_capita": 15000.0}
_TARGET_CHOICES = {
    "gdp": (6.0, 6.5, 7.0, 7.5), "general_budget_revenue": (5.0, 6.0, 7.0),
    "fixed_asset_investment": (8.0, 10.0, 12.0), "retail_sales": (7.0, 8.0, 9.0),
    "urban_income_per_capita": (7.0, 7.5, 8.0), "rural_income_per_capita": (8.0, 8.5, 9.0),
}


def synthetic_panel(
    places: Iterable[str], years: Iterable[int], seed: int = 0, *, size_chars: int = 20000
) -> tuple[dict[str, str], pd.DataFrame]:
    """Invented reports of several places and years, and the truth behind them.

    Returns ``(texts, truth)``: ``texts`` maps document names (:func:`doc_name`) to report
    texts; ``truth`` has one row per place, indicator and year from ``min(years) - 1`` to
    ``max(years)`` with columns :data:`TRUTH_COLUMNS`: the growth ``target`` and its bound
    set in that year's report (``target_doc``) and the growth ``outcome`` achieved, stated
    in the next year's report (``outcome_doc``); empty where the panel has no such report.
    ``met`` is ``outcome >= target`` (a floor) where both are known. Targets are met or
    missed at random, and the first place's first-year GDP ends exactly on its floor
    (target 6.5%以上, outcome 6.5).

    Longer than 60 lines on purpose: one seeded loop draws targets, outcomes and texts in
    an order the pinned synthetic panels depend on; split, the draws would reorder.
    """
    import pandas as pd

    places, years = list(places), sorted(set(years))
    if not places or not years:
        raise ValueError("synthetic_panel needs at least one place and one year")
    all_years = range(years[0] - 1, years[-1] + 1)
    texts: dict[str, str] = {}
    rows = []
    for pi, place in enumerate(places):
        rng = _rng(seed, "panel", place)
        scale = rng.uniform(0.3, 3.0) * (8.0 if place.endswith("省") else 1.0)
        levels = {k: round(v * scale if "income" not in k else v * rng.uniform(0.8, 1.3), 2)
                  for k, v in _BASE_LEVEL.items()}
        target: dict[tuple[str, int], tuple[float, str]] = {}
        outcome: dict[tuple[str, int], tuple[float | None, float]] = {}
        for y in all_years:
            for ident in INDICATORS:
                t = rng.choice(_TARGET_CHOICES[ident])
                bound = rng.choice(("ge", "ge", "approx", "eq"))
                g = round(t + rng.choice((-2.1, -1.3, -0.6, -0.2, 0.0, 0.3, 0.8, 1.4)), 1)
                if ident == "general_budget_revenue" and rng.random() < 0.15:
                    g = -round(rng.uniform(0.5, 4.0), 1)  # a fall: 下降x%
                if pi == 0 and y == years[0] and ident == "gdp":
                    t, bound, g = 6.5, "ge", 6.5  # exactly on the floor
                target[ident, y] = (t, bound)
                level = None
                if ident in levels:
                    levels[ident] = round(levels[ident] * (1 + g / 100), 2)
                    level = levels[ident]
                    if ident.endswith("per_capita"):
                        level = float(round(level))
                outcome[ident, y] = (level, g)
        for y in years:
            doc = doc_name(place, y)
            texts[doc] = synthetic_report(
                place, y, seed=seed,
                outcomes={k: outcome[k, y - 1] for k in INDICATORS},
                targets={k: target[k, y] for k in INDICATORS},
                size_chars=size_chars,
            )
        for y in all_years:
            for ident in INDICATORS:
                has_target = y in years
                has_outcome = (y + 1) in years
                t, bound = target[ident, y]
                level, g = outcome[ident, y]
                rows.append({
                    "place": place, "indicator_id": ident, "year": y,
                    "target": t if has_target else None,
                    "target_bound": bound if has_target else None,
                    "target_doc": doc_name(place, y) if has_target else None,
                    "outcome": g if has_outcome else None,
                    "outcome_level": level if has_outcome else None,
                    "outcome_doc": doc_name(place, y + 1) if has_outcome else None,
                    "met": (g >= t) if has_target and has_outcome else None,
                })
    truth = pd.DataFrame(rows, columns=list(TRUTH_COLUMNS)).astype(
        {"year": "int64", "target": "float64", "outcome": "float64",
         "outcome_level": "float64", "met": "boolean"})
    return texts, truth


def write_corpus(directory: str | Path, texts: Mapping[str, str]) -> list[Path]:
    """Write each text as UTF-8 ``directory/<doc>.txt``; the paths in the order given."""
    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc, text in texts.items():
        p = out_dir / f"{doc}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths
