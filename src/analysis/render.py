"""Execute the analysis notebooks and render them as a static HTML report.

Usage::

    python -m analysis.render notebooks/0*.ipynb                 # execute, then render
    python -m analysis.render --execute-only notebooks/0*.ipynb  # re-execute in place only
    python -m analysis.render --render-only notebooks/0*.ipynb   # render the saved outputs

Execution runs each notebook in place (outputs are saved back into the ``.ipynb``) with a
kernel on the current environment's Python (``sys.executable``), from the notebook's own
directory, with matplotlib's "Glyph ... missing from font(s)" warnings turned into errors.
Rendering writes ``<output-dir>/<name>.html`` per notebook, with code cells hidden and images
embedded as base64 (the pages work opened straight from disk), and ``<output-dir>/index.html``
linking every page with a one-line summary (the notebook's ``metadata.summary``, else the first
line of its first markdown cell).

nbformat, nbclient and nbconvert are imported inside the functions (``notebooks`` extra).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "GLYPH_WARNINGS",
    "NotebookExecutionError",
    "NotebookInterrupted",
    "Page",
    "execute_notebook",
    "main",
    "render_index",
    "render_notebook",
]

#: ``PYTHONWARNINGS`` entry that makes matplotlib's missing-glyph warning an error in the kernel
#: (the message starts with "Glyph <n> (...) missing from font(s) ...").
GLYPH_WARNINGS = "error:Glyph:UserWarning"

DEFAULT_OUTPUT = Path("reports") / "html"


class NotebookExecutionError(RuntimeError):
    """A notebook could not be executed: a cell raised or timed out, or the kernel died."""


class NotebookInterrupted(NotebookExecutionError):
    """Execution was stopped by SIGINT or SIGTERM (the kernel was shut down)."""


@dataclass(frozen=True)
class Page:
    """One rendered notebook, as listed on the index page."""

    name: str
    title: str
    summary: str
    href: str


def _kernel_manager_class() -> type:
    """An async kernel manager whose ``python3`` kernel runs on this interpreter.

    Async, so that nbclient polls the kernel's liveness while it waits for a cell (a kernel
    that dies is reported at once) and applies the per-cell timeout.
    """
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class CurrentEnvSpecs(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(
                argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                display_name="Python 3 (current environment)",
                language="python",
                metadata={"supported_encryption": ["curve"]},
            )

    class CurrentEnvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _current_env_specs(self) -> KernelSpecManager:
            return CurrentEnvSpecs()

    return CurrentEnvKernelManager


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # let the kernel use its inline backend
    warn = env.get("PYTHONWARNINGS", "")
    env["PYTHONWARNINGS"] = f"{warn},{GLYPH_WARNINGS}" if warn else GLYPH_WARNINGS
    return env


def _failed_cell(nb: Any) -> tuple[int, str]:
    """Index (1-based, among all cells) and first source line of the first errored cell."""
    for i, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return i, _first_line(cell)
    return 0, ""


def _first_line(cell: Any) -> str:
    source = str(cell.get("source", "")).strip()
    return source.splitlines()[0] if source else ""


def read_notebook(path: Path) -> Any:
    """The notebook at ``path``; a file that is not a notebook is one clear error."""
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError, UnicodeDecodeError, nbformat.ValidationError) as exc:
        # json.JSONDecodeError and nbformat's NotJSONError are ValueErrors
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise NotebookExecutionError(
            f"{path.name}: not a readable notebook ({type(exc).__name__}: {first[:200]})"
        ) from None


async def _execute_async(client: Any, state: dict[str, Any]) -> None:
    """Run ``client``; SIGINT/SIGTERM cancel the run (nbclient's cleanup stops the kernel).

    nbclient installs its own signal handlers, which only stop the kernel and then wait
    forever for the cell; ours, installed again as each cell starts, cancel the run.
    """
    import asyncio
    import signal

    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None

    def on_signal(signum: int) -> None:
        state["signal"] = signum
        task.cancel()

    def on_cell_start(cell: Any, cell_index: int, **_: Any) -> None:
        state["cell"] = (cell_index + 1, _first_line(cell))
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, on_signal, sig)

    client.on_cell_start = on_cell_start
    await client.async_execute(env=_kernel_env())


def _run_client(client: Any, path: Path) -> None:
    """Execute, turning every way a run can end badly into one exception naming the cell."""
    import asyncio

    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    state: dict[str, Any] = {}
    try:
        try:
            asyncio.run(_execute_async(client, state))
        except (asyncio.CancelledError, Exception):
            if "signal" in state:  # whatever the stopped kernel made nbclient raise
                raise NotebookInterrupted(
                    f"{path.name}: interrupted (signal {state['signal']}) in {_where(state)}; "
                    "the kernel was stopped") from None
            raise
    except CellTimeoutError:
        raise NotebookExecutionError(
            f"{path.name}: {_where(state)} timed out after {client.timeout} s "
            "(--timeout, seconds per cell); the kernel was stopped") from None
    except DeadKernelError:
        raise NotebookExecutionError(
            f"{path.name}: the kernel died during {_where(state)}") from None
    except CellExecutionError as exc:
        index, first = _failed_cell(client.nb)
        where = f"cell {index} ({first!r})" if index else _where(state)
        lines = [ln for ln in str(exc).strip().splitlines() if ln.strip()]
        last = lines[-1] if lines else type(exc).__name__
        raise NotebookExecutionError(f"{path.name}: {where} failed: {last}") from None


def _where(state: dict[str, Any]) -> str:
    if "cell" not in state:
        return "kernel start-up"
    index, first = state["cell"]
    return f"cell {index} ({first!r})"


def execute_notebook(path: Path, timeout: int = 600) -> float:
    """Execute ``path`` in place (cwd = its directory); return the seconds it took.

    ``timeout`` applies to each cell. A failing cell, a cell over the timeout or a kernel
    that dies raises :class:`NotebookExecutionError` naming the notebook and the cell;
    SIGINT/SIGTERM raise :class:`NotebookInterrupted`. The kernel is always shut down and
    the file on disk is left untouched unless the whole notebook ran; the new version is
    written beside it and renamed over it.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = read_notebook(path)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        kernel_manager_class=_kernel_manager_class(),
        shutdown_kernel="immediate",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    start = time.perf_counter()
    _run_client(client, path)
    elapsed = time.perf_counter() - start
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3",
                                          "language": "python"})
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        nbformat.write(nb, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return elapsed


def _first_markdown(nb: Any) -> list[str]:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            return [ln.strip() for ln in cell.source.strip().splitlines() if ln.strip()]
    return []


def _title_and_summary(nb: Any, name: str) -> tuple[str, str]:
    lines = _first_markdown(nb)
    title = name
    if lines and lines[0].startswith("#"):
        title = re.sub(r"[*_`]", "", lines[0].lstrip("#")).strip()  # markdown emphasis
        lines = lines[1:]
    summary = str(nb.metadata.get("summary", "")).strip()
    if not summary and lines:
        summary = re.sub(r"[*_`]", "", lines[0])
    return title, summary


# The bundled CJK font (OFL) is copied next to the pages so Chinese renders on machines
# without a CJK system font; the pages reference it by a relative URL.
_FONT_FACE = (
    '@font-face { font-family: "GWR CJK"; src: url("fonts/cjk.ttf") format("truetype"); }'
)

_PAGE_CSS = """
<style>
  body { font-family: "GWR CJK", system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
         "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
  :root {
    --jp-content-font-family: "GWR CJK", system-ui, -apple-system, "Segoe UI",
      "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
    --jp-ui-font-family: var(--jp-content-font-family);
    --jp-code-font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "GWR CJK",
      monospace;
  }
  main, .gwr-nav { max-width: 1000px; margin: 0 auto; }
  .gwr-nav { padding: 12px 20px 0; font-size: 14px; }
  .gwr-nav a { color: #2471a3; text-decoration: none; }
  .jp-RenderedHTMLCommon table { font-size: 13px; }
  .jp-OutputArea-output { overflow-x: auto; }
  .jp-OutputArea-output pre { white-space: pre-wrap; word-break: normal;
    overflow-wrap: break-word; }
  .jp-RenderedHTMLCommon table.gwr-table th { white-space: normal; word-break: keep-all;
    vertical-align: bottom;
    line-height: 1.3; }
  .jp-RenderedHTMLCommon table.gwr-table td { vertical-align: top; }
  .jp-RenderedImage img { max-width: 100%; height: auto; }
</style>
"""


def render_notebook(path: Path, out_dir: Path) -> Page:
    """Render one executed notebook to ``out_dir/<name>.html``, code hidden, images inline."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    name = path.stem
    title, summary = _title_and_summary(nb, name)
    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    css = _PAGE_CSS.replace("<style>", f"<style>\n  {_FONT_FACE}", 1)
    body = body.replace("</head>", f"{css}</head>", 1)
    body = re.sub(r'<html lang="[^"]*"', '<html lang="zh-CN"', body, count=1)
    nav = '<nav class="gwr-nav"><a href="index.html">← 目录 Contents</a></nav>'
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.html"
    target.write_text(body, encoding="utf-8")
    return Page(name=name, title=title, summary=summary, href=target.name)


_INDEX_CSS = """
body { font-family: "GWR CJK", system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC",
       "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 860px; margin: 40px auto; padding: 0 20px; color: #222; line-height: 1.6; }
h1 { font-size: 26px; margin-bottom: 4px; }
p.lead { color: #555; margin-top: 0; }
ol { padding-left: 0; list-style: none; counter-reset: item; }
ol li { border: 1px solid #e3e3e3; border-radius: 6px; padding: 14px 18px; margin: 14px 0; }
ul.docs li { margin: 2px 0; color: #333; }
li a { font-size: 18px; color: #1a5276; text-decoration: none; font-weight: 600; }
li a:hover { text-decoration: underline; }
li p { margin: 6px 0 0; color: #444; }
li code { color: #888; font-size: 12px; }
footer { color: #888; font-size: 12px; margin-top: 32px; }
"""


def _copy_font(out_dir: Path) -> None:
    import shutil

    from .plotting import cjk_font_path

    (out_dir / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cjk_font_path(), out_dir / "fonts" / "cjk.ttf")
    licence = cjk_font_path().with_name("OFL.txt")
    if licence.is_file():
        shutil.copyfile(licence, out_dir / "fonts" / "OFL.txt")


def _documents_covered() -> list[str]:
    """One line per report in ``data/raw/`` (year, jurisdiction, title), from its metadata,
    and one per group of the real corpus in ``data/raw/corpus/`` (how many reports)."""
    from .paths import corpus_dir, corpus_files, raw_dir
    from .reading.document import load_report

    lines = []
    for path in sorted(raw_dir().glob("*.txt")):
        row = load_report(path).metadata().iloc[0]
        lines.append(f"{row['jurisdiction']} {row['year']}: {row['title'] or path.stem}")
    if corpus_dir().is_dir():
        groups = sorted(d.name for d in corpus_dir().iterdir() if d.is_dir())
        for group in groups:
            n = len(corpus_files(group))
            lines.append(f"{n} real reports in data/raw/corpus/{group}/" if n else "")
    return [line for line in lines if line]


def render_index(
    pages: Sequence[Page], out_dir: Path, documents: Sequence[str] | None = None
) -> Path:
    """Write ``out_dir/index.html`` linking every page with its summary.

    ``documents`` lists the reports covered, one line each; by default they are read from the
    metadata of the reports in ``data/raw/``. The title is general: nothing here names a report.
    """
    docs = _documents_covered() if documents is None else list(documents)
    covered = "".join(f"<li>{html.escape(d)}</li>" for d in docs)
    items = "\n".join(
        f'<li><a href="{html.escape(p.href)}">{html.escape(p.title)}</a>'
        f"<p>{html.escape(p.summary)}</p><code>{html.escape(p.name)}</code></li>"
        for p in pages
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府工作报告分析 Government work reports: analyses</title>
<style>{_FONT_FACE}{_INDEX_CSS}</style>
</head>
<body>
<h1>政府工作报告分析 Government work reports: analyses</h1>
<p class="lead">Every number comes from the reports' text through the <code>analysis</code>
package. Reports covered (报告):</p>
<ul class="docs">{covered}</ul>
<ol>
{items}
</ol>
<footer>Generated by <code>python -m analysis.render</code> from the notebooks in
<code>notebooks/</code>.</footer>
</body>
</html>
"""
    out_dir.mkdir(parents=True, exist_ok=True)
    _copy_font(out_dir)
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


_EXIT_CODES = """exit status:
  0    every notebook executed (and rendered)
  1    a notebook failed: a cell raised, ran over --timeout or its kernel died (one line
       on standard error names the notebook and the cell; the file is left as it was)
  2    usage error: a notebook that does not exist or is not a notebook (invalid JSON)
  130  interrupted (Ctrl-C or SIGTERM): the kernel was shut down, files left as they were
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.render",
        description="Execute the analysis notebooks in place and render them to HTML.",
        epilog=_EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--execute-only", action="store_true",
                      help="execute the notebooks in place, do not render HTML")
    mode.add_argument("--render-only", action="store_true",
                      help="render the notebooks' saved outputs, do not execute")
    parser.add_argument("-o", "--output-dir", type=Path, default=DEFAULT_OUTPUT,
                        help="where the HTML goes (default: reports/html)")
    parser.add_argument("--timeout", type=_positive_int, default=600,
                        help="seconds each cell may run (default: 600)")
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _check_notebooks(paths: Sequence[Path]) -> str | None:
    """One line about the first notebook that is missing or unreadable, else None."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        return f"no such notebook: {', '.join(missing)}"
    for p in paths:
        try:
            read_notebook(p)
        except NotebookExecutionError as exc:
            return str(exc)
    return None


def _run_one(path: Path, args: argparse.Namespace, pages: list[Page]) -> list[str]:
    done: list[str] = []
    if not args.render_only:
        execute_notebook(path, timeout=args.timeout)
        done.append("executed")
    if not args.execute_only:
        pages.append(render_notebook(path, args.output_dir))
        done.append("rendered")
    return done


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status (see ``--help``)."""
    args = _parser().parse_args(argv)
    paths: list[Path] = sorted(dict.fromkeys(args.notebooks))
    problem = _check_notebooks(paths)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    pages: list[Page] = []
    total = time.perf_counter()
    n = len(paths)
    for i, path in enumerate(paths, start=1):
        step = time.perf_counter()
        try:
            done = _run_one(path, args, pages)
        except NotebookInterrupted as exc:
            print(f"[{i}/{n}] {path.stem} … interrupted", flush=True)
            print(f"error: {exc}", file=sys.stderr)
            return 130
        except KeyboardInterrupt:
            print(f"\nerror: interrupted in {path.name}; files left as they were",
                  file=sys.stderr)
            return 130
        except NotebookExecutionError as exc:
            print(f"[{i}/{n}] {path.stem} … FAILED", flush=True)
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"[{i}/{n}] {path.stem} … {' + '.join(done)} in "
              f"{time.perf_counter() - step:.1f} s", flush=True)
    if not args.execute_only:
        index = render_index(pages, args.output_dir)
        print(f"index: {index}")
    print(f"{n} notebook(s) in {time.perf_counter() - total:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
