"""Packaging promises: a light import, matching dependency lists, immutable raw data."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_is_light() -> None:
    code = (
        "import sys, analysis, analysis.reading, analysis.plotting;"
        "heavy = [m for m in ('matplotlib', 'statsmodels', 'pandas', 'opencc')"
        " if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _names(specs: list[str]) -> set[str]:
    import re

    return {re.split(r"[<>=!~\[ ;]", s.strip(), maxsplit=1)[0].lower() for s in specs}


def test_environment_yml_names_the_same_packages_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= _names(extra)
    env_text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    env_lines = env_text.split("dependencies:", 1)[1].splitlines()
    listed = _names(
        [ln.strip()[2:] for ln in env_lines
         if ln.strip().startswith("- ") and not ln.strip().endswith(":")]
    ) - {"pip", "python"}
    assert listed == declared


# Packages the code imports only for an optional feature: the extra that installs them and
# the package of that extra which brings them (nbformat comes with nbconvert).
_OPTIONAL_IMPORTS = {
    "distributed": ("dask", "distributed"), "pandera": ("dev", "pandera"),
    "nbconvert": ("notebooks", "nbconvert"), "nbformat": ("notebooks", "nbconvert"),
    "nbclient": ("notebooks", "nbconvert"), "jupyter_client": ("notebooks", "nbconvert"),
    "traitlets": ("notebooks", "nbconvert"),
}
_COMES_WITH = {"pdfminer": "pdfplumber"}  # core imports that a core dependency brings


def test_every_package_the_code_imports_is_declared() -> None:
    """Every third-party import of src/analysis (at module level or inside a function) is a
    core dependency, or one of the few optional ones, declared in its extra: a core module
    importing a package only an extra installs breaks a plain `pip install gwr-analysis`."""
    import ast

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = _names(project["dependencies"])
    extras = {name: _names(specs) for name, specs in project["optional-dependencies"].items()}
    imported: dict[str, str] = {}
    for path in sorted((ROOT / "src" / "analysis").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "analysis":
                    imported.setdefault(top, str(path.relative_to(ROOT)))
    assert {"pandas", "numpy", "pyarrow"} <= set(imported)  # the scan sees the core
    for top, where in imported.items():
        if top in _OPTIONAL_IMPORTS:
            extra, package = _OPTIONAL_IMPORTS[top]
            assert package in extras[extra], f"{where} imports {top}: not in [{extra}]"
        else:
            package = _COMES_WITH.get(top, top)
            assert package in core, f"{where} imports {top}, not a core dependency"


def test_lock_pins_every_declared_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = _names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= _names(extra)
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").lower()
    pinned = {ln.split("==")[0].replace("_", "-") for ln in lock.splitlines() if "==" in ln}
    assert declared <= pinned, declared - pinned


def test_the_pipeline_never_writes_to_data_raw(tmp_path) -> None:
    """Run every stage that reads data/raw, then check nothing there changed or appeared."""
    from analysis import figures, load_report
    from analysis.cli import main
    from analysis.corpus import extract_many
    from analysis.paths import corpus_files

    raw = ROOT / "data" / "raw"

    def snapshot() -> dict:  # every file under data/raw, the corpus's subdirectories too
        return {str(p.relative_to(raw)): (p.stat().st_mtime_ns, p.read_bytes())
                for p in raw.rglob("*") if p.is_file()}

    before = snapshot()
    figures(load_report())
    extract_many(sorted(raw.glob("*.txt")), executor=None)
    extract_many(corpus_files(), executor=None)
    assert main(["extract", *map(str, sorted(raw.glob("*.txt"))), "--format", "csv",
                 "-o", str(tmp_path / "f.csv")]) == 0
    after = snapshot()
    assert after == before and len(before) > 78


def test_reference_csvs_parse_with_the_same_number_of_fields_per_row() -> None:
    import csv

    for path in (ROOT / "data" / "reference").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert {len(r) for r in rows} == {len(rows[0])}, path.name
        assert "source" in rows[0] or "source_or_rationale" in rows[0] or "url" in rows[0]
