"""The indicator vocabulary (``data/reference/indicators.csv``) and matching names to ids.

A report names an indicator in many ways (地区生产总值 / 生产总值 / GDP; 城镇居民人均可支配
收入 with or without 人均). The vocabulary lists each canonical id with its NBS English
name and its aliases; :func:`indicator_id` maps a cleaned name to an id, or ``""``.

An alias written ``=经济`` matches only the whole name: 经济增长6%左右 is GDP growth, but
数字经济 and 民营经济 end with 经济 and are not GDP.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .. import paths

__all__ = ["Indicator", "indicator_id", "names_of", "vocabulary"]


@dataclass(frozen=True)
class Indicator:
    """One canonical indicator."""

    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    default_unit: str
    source: str


@cache
def vocabulary(path: Path | None = None) -> dict[str, Indicator]:
    """The canonical indicators by id, read once from ``data/reference/indicators.csv``."""
    p = path or paths.reference_dir() / "indicators.csv"
    with p.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {
        r["indicator_id"]: Indicator(
            r["indicator_id"], r["name_zh"], r["name_en"],
            tuple(a for a in r["aliases"].split("|") if a), r["default_unit"], r["source"],
        )
        for r in rows
    }


@cache
def names_of(ident: str) -> frozenset[str]:
    """Every name the vocabulary gives indicator ``ident`` (empty for an unknown id).

    >>> sorted(names_of("gdp"))[:3]
    ['GDP', '全区生产总值', '全市生产总值']
    """
    ind = vocabulary().get(ident)
    if ind is None:
        return frozenset()
    return frozenset(a.removeprefix("=") for a in (ind.name_zh, *ind.aliases))


@cache
def _aliases() -> tuple[tuple[str, str], ...]:
    """(alias, id) pairs that may end a longer name, longest alias first, so 规模以上工业增加值
    wins over 工业增加值. Whole-name aliases (``=经济``) are not among them."""
    pairs = [(a, ind.id) for ind in vocabulary().values() for a in (ind.name_zh, *ind.aliases)
             if not a.startswith("=")]
    return tuple(sorted(set(pairs), key=lambda p: -len(p[0])))


@cache
def _exact() -> dict[str, str]:
    """alias -> id, for exact look-ups (whole-name aliases included, without their ``=``)."""
    whole = {a[1:]: ind.id for ind in vocabulary().values() for a in ind.aliases
             if a.startswith("=")}
    return whole | dict(_aliases())


# Words that qualify where or how a figure is counted without changing what it measures.
_QUALIFIER = re.compile(
    r"^(?:(?:全|我|本)(?:区|市|县|省|州|旗|盟|镇)|全年|年内|当年|城乡|地方|组织|实现|完成"
    r"|全口径|同口径|全社会|共)+"
)
# Prefixes that make a different indicator of an alias (人均GDP is not GDP).
_CHANGES_MEANING = ("人均", "单位", "万元", "占", "非", "每", "累计")


@lru_cache(maxsize=4096)
def indicator_id(name: str) -> str:
    """The canonical id of an indicator name, or ``""`` when it is not in the vocabulary.

    >>> indicator_id("地区生产总值"), indicator_id("全区完成地区生产总值")
    ('gdp', 'gdp')
    >>> indicator_id("规模以上工业增加值"), indicator_id("工业增加值")
    ('industrial_value_added', 'industrial_value_added_all')
    >>> indicator_id("城镇居民可支配收入"), indicator_id("人均地区生产总值")
    ('urban_income_per_capita', 'gdp_per_capita')
    >>> indicator_id("单位生产总值能耗降低率"), indicator_id("高新技术企业")
    ('', '')
    >>> indicator_id("经济"), indicator_id("全省经济"), indicator_id("数字经济")
    ('gdp', 'gdp', '')
    """
    exact = _exact()
    if name.strip() in exact:
        return exact[name.strip()]
    s = _QUALIFIER.sub("", name.strip())
    if not s:
        return ""
    if s in exact:
        return exact[s]
    ending, lengths_by_last = _endings()
    for n in lengths_by_last.get(s[-1], ()):  # the longest alias that ends the name first
        if n < len(s) - 4:
            break  # it, and every shorter one, would leave more than 4 characters before it
        if n <= len(s) and (ident := ending.get(s[-n:])) is not None:
            rest = s[:-n]
            if len(rest) <= 4 and not any(w in rest for w in _CHANGES_MEANING):
                return ident
    return ""


@cache
def _endings() -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """The aliases of :func:`_aliases` by text, and for each last character the lengths of
    the aliases that end with it, longest first: a look-up of the few endings of a name that
    can be an alias (most names end in a character no alias ends in) instead of a scan of
    every alias."""
    ending: dict[str, str] = {}
    for alias, ident in _aliases():
        ending.setdefault(alias, ident)
    lengths: dict[str, set[int]] = {}
    for alias in ending:
        lengths.setdefault(alias[-1], set()).add(len(alias))
    return ending, {c: tuple(sorted(ns, reverse=True)) for c, ns in lengths.items()}
