"""Command line: ``python -m analysis extract PATH... [--format csv|json|parquet] [-o OUT]``.

Several files at once, serially, on ``--workers N`` processes or on a Dask cluster
(``--scheduler``); a bad file gets a clear message on standard error and exit status 1,
while the good files' rows are still written. ``--format parquet -o DIR`` writes a dataset
partitioned by year, document by document, so a corpus larger than memory can be
extracted. Outputs are written beside their target and renamed over it only when complete:
a failed or interrupted run leaves the previous output as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import DocumentResult

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

_EPILOG_TAIL = """
the --errors file has one row per bad file: doc, path, error (the exception class:
  FileNotFoundError, IsADirectoryError, ReportFormatError, NotAReportError, or the
  executor's error for a document whose worker was lost), message

doc is the file name without its suffix; when two inputs share a name it is their path
relative to the inputs' common folder (a/report, b/report; a/report.pdf, a/report.txt).
--text-dir mirrors it (DIR/a/report.txt). The same file given twice is a usage error.

CSV is safe to open in a spreadsheet: a text cell starting with = + - @, tab or CR (or ')
gets a leading ' so it is not run as a formula (OWASP); numbers are untouched.
analysis.corpus.read_figures_csv() reads it back exactly. JSON and Parquet keep raw text.

outputs (-o, --errors, --text-dir) are checked before any work starts, and written to a
temporary name beside the target, renamed over it only when complete: a failed or
interrupted run leaves the previous output as it was.

exit status:
  0    every input extracted
  1    some inputs were bad (each named on standard error and in --errors); the good
       ones are written
  2    usage or output error (bad option, unwritable output, same file twice, no
       scheduler or no worker joining it, a cluster that runs no document): nothing
       was done
  130  interrupted (Ctrl-C or SIGTERM): nothing written, previous outputs left as they were
"""


def _columns_help() -> str:
    from .extraction.schema import COLUMN_DOCS

    width = max(map(len, COLUMN_DOCS))
    return "columns of the output, in order:\n" + "\n".join(
        f"  {name.ljust(width)}  {doc}" for name, doc in COLUMN_DOCS.items()
    ) + "\n" + _EPILOG_TAIL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Government work reports (政府工作报告) as tidy, traceable data.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser(
        "extract",
        help="write every figure of one or more reports as one table",
        description="Write every figure of one or more reports as one tidy table, one row "
        "per observation, each with its exact raw-text span.",
        epilog=_columns_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument("paths", nargs="+", type=Path,
                    help="report files (.txt: UTF-8, GB18030, UTF-16; .pdf; .html)")
    ex.add_argument("--format", choices=("csv", "json", "parquet"), default="csv",
                    help="output format (default: csv)")
    ex.add_argument("-o", "--output", type=Path,
                    help="output file (default: standard output); for parquet a directory, "
                    "written as a dataset partitioned by year (year=2020/..., replacing "
                    "the partitions already there once the new ones are complete), or a "
                    "single file if the name ends in .parquet")
    ex.add_argument("--workers", type=int, default=1, metavar="N",
                    help="documents extracted in parallel by N processes (default: 1, "
                    "serial); with --scheduler local, the number of Dask workers")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="run on a Dask cluster: its scheduler's address "
                    "(tcp://HOST:8786), or 'local' for a LocalCluster of --workers "
                    "processes on this machine (needs the dask extra: "
                    "pip install 'gwr-analysis[dask]')")
    ex.add_argument("--errors", type=Path, metavar="FILE",
                    help="write one CSV row per bad file (doc, path, error, message); "
                    "always written, with only a header when every file was good")
    ex.add_argument("--text-dir", type=Path, metavar="DIR",
                    help="write each document's raw text as DIR/<doc>.txt (UTF-8), the text "
                    "that start/end count characters of: raw[start:end] == quote")
    ex.add_argument("--no-check", dest="check_report", action="store_false",
                    help="also extract texts that do not look like a work report "
                    "(by default they are reported as errors)")
    return parser


class ProgressBar:
    """A one-line progress bar, ``[########        ] 12/40 docs``, redrawn with ``\\r``."""

    def __init__(self, stream: TextIO, width: int = 30):
        self.stream = stream
        self.width = width
        self._last = ""

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // total if total else self.width
        line = f"\r[{'#' * filled}{' ' * (self.width - filled)}] {done}/{total} docs"
        if line != self._last:
            self.stream.write(line)
            self._last = line
        if done >= total:
            self.stream.write("\n")
            self._last = ""
        self.stream.flush()

    def message(self, text: str) -> None:
        """Print a line above the bar (the bar is redrawn on the next update)."""
        if self._last:
            self.stream.write("\r" + " " * len(self._last) + "\r")
        self.stream.write(text + "\n")
        if self._last:
            self.stream.write(self._last)
        self.stream.flush()


def _tee(results: Iterable[DocumentResult], bar: ProgressBar | None,
         text_dir: Path | None) -> Iterator[DocumentResult]:
    """Report each bad file on standard error and write raw texts, passing results on."""
    from .corpus import atomic_path

    for r in results:
        _INTERRUPTS.check()
        if r.error is not None:
            _say(bar, f"error: {r.error['message']}")
        elif text_dir is not None and r.text is not None:
            target = text_dir / f"{r.doc}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8",
                                                     newline="") as f:
                f.write(r.text)
        yield r
    _INTERRUPTS.check()  # the last chance before the outputs are put in place


def _say(bar: ProgressBar | None, line: str) -> None:
    if bar is not None:
        bar.message(line)
    else:
        print(line, file=sys.stderr)


# --- checks before any work -------------------------------------------------------------------


def _usage_problem(args: argparse.Namespace) -> str | None:
    """One line about the first usage or output problem, else None (before any work)."""
    if args.format == "parquet" and args.output is None:
        return "--format parquet needs -o DIR (or -o FILE.parquet)"
    if args.workers < 1:
        return f"--workers must be at least 1, got {args.workers}"
    from .corpus import document_keys

    try:
        document_keys(args.paths)
    except ValueError as exc:
        return str(exc)
    outputs = [(o, k) for o, k in ((args.output, _output_kind(args)), (args.errors, "file"),
                                   (args.text_dir, "dir")) if o is not None]
    seen = {os.path.abspath(p) for p in args.paths}
    for path, kind in outputs:
        absolute = os.path.abspath(path)
        if absolute in seen:
            return f"{path}: given as an input and as an output"
        seen.add(absolute)
        problem = _unwritable(path, kind)
        if problem:
            return problem
    return None


def _output_kind(args: argparse.Namespace) -> str:
    parquet_dir = args.format == "parquet" and args.output is not None and (
        args.output.suffix != ".parquet")
    return "dir" if parquet_dir else "file"


def _unwritable(path: Path, kind: str) -> str | None:
    """Why ``path`` cannot be written as a file or directory (None if it can)."""
    if path.is_dir() and kind == "file":
        return f"{path}: is a directory, expected a file name"
    if path.exists() and kind == "dir" and not path.is_dir():
        return f"{path}: exists and is not a directory"
    if kind == "file" and not path.parent.is_dir():
        return f"{path}: its folder {path.parent} does not exist"
    folder = path.parent  # temporary files and folders go beside the target
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        return f"{path}: {folder} is not a directory"
    for d in (folder, path if path.is_dir() else None):
        if d is not None and not os.access(d, os.W_OK | os.X_OK):
            return f"{path}: {d} is not writable"
    return None


# --- the run ----------------------------------------------------------------------------------


class OutputError(Exception):
    """An output could not be written (the previous one is left as it was)."""


class _Interrupts:
    """Ctrl-C and SIGTERM raise KeyboardInterrupt, and are remembered.

    Python loses an exception raised inside a finalizer or a weakref callback (it prints
    "Exception ignored in …" and goes on): an interrupt that lands there would let the run
    finish and write its outputs. Remembered, it is raised again at the next document and
    before the outputs are put in place (:meth:`check`).
    """

    def __init__(self) -> None:
        self.seen = False

    def __call__(self, signum: int, frame: Any) -> None:
        self.seen = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt

    @contextmanager
    def handled(self) -> Iterator[None]:
        """This object as the handler of SIGINT and SIGTERM (main thread only), then the
        previous handlers again."""
        import signal
        import threading

        self.seen = False
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                if handler is not None:  # (None: a handler not set from Python; left as is)
                    signal.signal(sig, handler)


_INTERRUPTS = _Interrupts()


WORKERS_WAIT_SECONDS = 120  # for a Dask scheduler's first worker (a cluster starting up)


DASK_LOGGERS = ("distributed", "tornado", "bokeh")


def _silence_dask_logs() -> None:
    """Dask's own log lines (a connection closing at shutdown, a worker restarted, a stream
    broken under load) are not the CLI's to print: what matters comes back as figures or
    error rows, said in one line. Each of Dask's loggers that has a level of its own
    (``distributed.client``: warning, ``tornado.application``: error) is set too, not only
    the top one: its ERROR lines with their tracebacks got through before."""
    import logging

    for name in [*DASK_LOGGERS, *logging.root.manager.loggerDict]:
        if name.split(".")[0] in DASK_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)


@contextmanager
def _executor(args: argparse.Namespace) -> Iterator[Any]:
    """None (serial), a worker count, or a Dask client's executor (closed afterwards)."""
    if args.scheduler is None:
        yield None if args.workers == 1 else args.workers
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise OutputError("--scheduler needs Dask: pip install 'gwr-analysis[dask]'") from None
    import logging

    _silence_dask_logs()
    cluster = None
    try:
        if args.scheduler == "local":
            with warnings.catch_warnings():  # the scheduler's HTTP port taken: it picks another
                warnings.filterwarnings("ignore", "Port .* is already in use", UserWarning)
                cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       silence_logs=logging.CRITICAL)  # (its workers' logs)
            client = Client(cluster)
        else:
            client = Client(args.scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise OutputError(f"cannot reach the Dask scheduler {args.scheduler}: {exc}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=WORKERS_WAIT_SECONDS)
        except (OSError, TimeoutError) as exc:  # the run's first task would wait for ever
            raise OutputError(f"no worker has joined the Dask scheduler {args.scheduler} in "
                              f"{WORKERS_WAIT_SECONDS} s; nothing written") from exc
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _write(results: Iterable[DocumentResult], args: argparse.Namespace) -> pd.DataFrame:
    """Write the figures in the chosen format; the errors frame."""
    from .corpus import atomic_path, collect, write_csv, write_parquet

    out = args.output
    if args.format == "csv":
        return write_csv(results, out).errors
    if args.format == "parquet" and out.suffix != ".parquet":
        return write_parquet(results, out, overwrite=True).errors
    result = collect(results)
    if args.format == "parquet":
        with atomic_path(out) as tmp:
            result.figures.to_parquet(tmp, index=False)
        return result.errors
    text = result.figures.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        with atomic_path(out) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return result.errors


def _write_errors(errors: pd.DataFrame, target: Path) -> None:
    from .corpus import atomic_path, neutralize_formulas

    with atomic_path(target) as tmp:
        neutralize_formulas(errors).to_csv(tmp, index=False)


def _run(args: argparse.Namespace, bar: ProgressBar | None) -> pd.DataFrame:
    from .corpus import ExecutorError, iter_extract

    if args.text_dir is not None:
        args.text_dir.mkdir(parents=True, exist_ok=True)
    with _executor(args) as executor:
        results = _tee(
            iter_extract(args.paths, executor, progress=bar, check_report=args.check_report,
                         keep_text=args.text_dir is not None, ordered=True),
            bar, args.text_dir,
        )
        try:
            errors = _write(results, args)
            if args.errors is not None:
                _write_errors(errors, args.errors)
        except OSError as exc:
            name = getattr(exc, "filename", None) or args.output or args.errors
            raise OutputError(f"cannot write {name}: {exc.strerror or exc}; the previous "
                              "output is left as it was") from None
        except ExecutorError as exc:  # a cluster that runs nothing: one line, not n rows
            raise OutputError(f"{exc}; nothing written") from None
    return errors


def _caused_by_interrupt(exc: BaseException) -> bool:
    """Whether Ctrl-C (or SIGTERM) is behind ``exc``.

    An interrupt that lands inside an import or a descriptor's ``__set_name__`` reaches us
    wrapped, e.g. as numpy's ``RuntimeError: Error calling __set_name__``; it is still Ctrl-C.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _forget_handled_interrupt() -> None:
    """Undo CPython's note of an unhandled Ctrl-C, made when one lands in code run by
    ``eval`` of a string (``collections.namedtuple`` builds its classes that way, so any
    import may): ``python -m`` would otherwise end by killing itself with SIGINT, exit -2
    instead of our 130, although the interrupt was handled. The note is cleared at the start
    of every such ``eval`` and set only if it fails: one that succeeds clears it."""
    eval("None")  # a constant: nothing is run but the reset


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis``; returns the exit status (0, 1, 2 or 130: see ``--help``)."""
    with _INTERRUPTS.handled():
        try:  # (every import is in here: Ctrl-C may land in one)
            args = build_parser().parse_args(argv)
            problem = _usage_problem(args)
            if problem:
                print(f"error: {problem}", file=sys.stderr)
                return EXIT_USAGE
            bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
            errors = _run(args, bar)
        except OutputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except BaseException as exc:  # Ctrl-C, also when an import wrapped it in another error
            if not _caused_by_interrupt(exc):
                raise
            _forget_handled_interrupt()
            print("\nerror: interrupted; nothing written, previous outputs left as they were",
                  file=sys.stderr)
            return EXIT_INTERRUPTED
    return EXIT_BAD_INPUT if len(errors) else EXIT_OK
