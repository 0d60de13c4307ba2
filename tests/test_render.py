"""Render the committed, executed notebooks to HTML (no execution) and check the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))

pytest.importorskip("nbconvert")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from analysis.render import main

    out = tmp_path_factory.mktemp("html")
    assert main(["--render-only", "-o", str(out), *map(str, NOTEBOOKS)]) == 0
    return out


def test_notebooks_are_numbered_in_order() -> None:
    assert [p.stem[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(1, len(NOTEBOOKS) + 1)]
    assert len(NOTEBOOKS) >= 5


def test_index_links_every_page(rendered: Path) -> None:
    index = (rendered / "index.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in index
    links = re.findall(r'<a href="([^"]+\.html)"', index)
    assert links == [f"{p.stem}.html" for p in NOTEBOOKS]
    assert all((rendered / link).is_file() for link in links)
    assert re.search(r"[\u4e00-\u9fff]", index)


@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_page_has_no_code_and_embedded_images(rendered: Path, name: str) -> None:
    page = (rendered / f"{name}.html").read_text(encoding="utf-8")
    code_cells = re.findall(r'<div class="jp-Cell jp-CodeCell([^"]*)"', page)
    assert code_cells and all("jp-mod-noInput" in c for c in code_cells)
    assert 'class="jp-InputArea-editor' not in page
    assert "import analysis" not in page
    assert "data:image/png;base64," in page
    assert re.search(r"[\u4e00-\u9fff]", page)
    assert 'href="index.html"' in page
