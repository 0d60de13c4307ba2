"""Render the committed, executed notebooks to HTML (no execution) and check the pages."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_cell_prints_once_so_a_rerun_leaves_the_notebook_unchanged(path: Path) -> None:
    """Two prints in a cell come out as one stream or two, as the kernel happens to flush:
    a fresh `make report` then rewrote notebook 06 with its lines split, and the clone was
    no longer clean. One print per cell (lines joined with \\n) comes out the same each time."""
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    many = [i for i, c in enumerate(cells)
            if c["cell_type"] == "code" and "".join(c["source"]).count("print(") > 1]
    assert many == [], f"{path.name}: cells {many} print more than once"


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


@pytest.mark.parametrize("name", [p.stem for p in NOTEBOOKS])
def test_tables_read_like_a_report(rendered: Path, name: str) -> None:
    """No 0…n index column, headers in English and Chinese, no float noise in the cells."""
    page = (rendered / f"{name}.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table.*?</table>", page, flags=re.S)
    assert tables, name
    for table in tables:
        assert not re.search(r"<tbody>\s*<tr>\s*<th", table), "an index column"
        heads = " ".join(re.findall(r"<th[^>]*>(.*?)</th>", table, flags=re.S))
        assert re.search(r"[A-Za-z]", heads) and re.search(r"[\u4e00-\u9fff]", heads), heads
        cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", table, flags=re.S)]
        noisy = [c for c in cells if re.fullmatch(r"-?\d+\.\d{3,}", c)]
        assert not noisy, noisy
    assert "word-break: keep-all" in page  # a header wraps between its languages, not inside


# --- execution: bounded time, one line per failure, the kernel always stopped -----------------


def _notebook(path: Path, *sources: str) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def _render(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis.render", "--execute-only", *args],
                          capture_output=True, text=True, timeout=timeout, check=False)


def _error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error:")]


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr


def test_a_cell_over_the_timeout_fails_in_one_line_naming_it(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "slow.ipynb", "x = 1", "import time\ntime.sleep(30)")
    before = nb.read_bytes()
    started = time.monotonic()
    out = _render("--timeout", "2", str(nb))
    assert time.monotonic() - started < 25  # not the 30 s of the cell
    assert out.returncode == 1
    _no_traceback(out.stderr)
    [line] = _error_lines(out.stderr)
    assert "slow.ipynb" in line and "cell 2" in line and "timed out after 2 s" in line
    assert nb.read_bytes() == before  # a failed run leaves the notebook as it was


def test_a_dead_kernel_is_reported_not_waited_for(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "die.ipynb", "import os", "os.kill(os.getpid(), 9)", "y = 2")
    out = _render("--timeout", "20", str(nb), timeout=40)
    assert out.returncode == 1
    _no_traceback(out.stderr)
    [line] = _error_lines(out.stderr)
    assert "die.ipynb" in line and "kernel died" in line and "cell 2" in line


def test_a_notebook_that_is_not_json_is_one_line(tmp_path: Path) -> None:
    nb = tmp_path / "bad.ipynb"
    nb.write_text("{not json", encoding="utf-8")
    out = _render(str(nb), timeout=30)
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "bad.ipynb" in out.stderr
    assert "not a readable notebook" in out.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_stop_the_run_and_its_kernel(tmp_path: Path, sig: int) -> None:
    marker = tmp_path / "kernel.pid"
    nb = _notebook(tmp_path / "long.ipynb",
                   f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))",
                   "time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-m", "analysis.render", "--execute-only",
                             "--timeout", "120", str(nb)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # inside the sleeping cell
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    _no_traceback(stderr)
    [line] = _error_lines(stderr)
    assert "long.ipynb" in line and "interrupted" in line
    kernel = int(marker.read_text())
    for _ in range(50):  # the kernel is stopped, not left behind
        if not _alive(kernel):
            break
        time.sleep(0.1)
    assert not _alive(kernel)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def test_a_good_notebook_is_executed_in_place(tmp_path: Path) -> None:
    nb = _notebook(tmp_path / "ok.ipynb", "print(6 * 7)")
    out = _render("--timeout", "20", str(nb))
    assert out.returncode == 0, out.stderr
    assert "42" in nb.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*tmp*"))  # the temporary file was renamed over it


def test_help_documents_the_exit_codes() -> None:
    out = subprocess.run([sys.executable, "-m", "analysis.render", "--help"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0
    assert "exit status" in out.stdout and "130" in out.stdout and "--timeout" in out.stdout
