"""Many documents: extract a whole corpus serially, on a process pool or on any executor.

One document is one unit of work. The worker, :func:`extract_document`, is a top-level
function that takes a path and returns plain, picklable data (a :class:`DocumentResult`: the
figures as columns, the metadata row, or an error row), so the same code runs

* serially (``executor=None``, the default),
* on a :class:`concurrent.futures.ProcessPoolExecutor` that :func:`extract_many` creates and
  shuts down (``executor="process"`` for one worker per CPU, or ``executor=4``),
* on any :class:`concurrent.futures.Executor` you pass in (threads, processes, or a cluster:
  a Dask ``distributed.Client(...).get_executor()`` is an ``Executor`` too)::

      from distributed import Client           # pip install "gwr-analysis[dask]"
      client = Client("scheduler:8786")
      result = extract_many(paths, client.get_executor())

A bad file — missing, a directory, empty, binary, undecodable, or (with ``check_report``) a
text that is not a work report — becomes one row of ``errors`` (doc, path, error class,
message naming the file) and never stops the batch. Results come back in input order.

>>> from analysis import paths
>>> result = extract_many([paths.raw_dir() / paths.DEFAULT_REPORT, "no/such/file.txt"])
>>> len(result.metadata), list(result.errors.error)
(1, ['FileNotFoundError'])
>>> row = result.metadata.iloc[0]
>>> row.jurisdiction, int(row.year), len(result.figures) > 100
('柳州市柳江区', 2020, True)

For corpora larger than memory, :func:`iter_extract` yields each document's result as it
completes (with a bounded number of documents in flight) and :func:`write_parquet` /
:func:`write_csv` write them incrementally.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .reading.sources import ReportFormatError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "ERROR_COLUMNS",
    "FORMULA_TRIGGERS",
    "CorpusResult",
    "DocumentResult",
    "ExecutorError",
    "NotAReportError",
    "WriteSummary",
    "atomic_path",
    "collect",
    "document_keys",
    "extract_document",
    "extract_many",
    "figures_arrow_schema",
    "iter_extract",
    "neutralize_formulas",
    "process_pool",
    "read_figures_csv",
    "restore_formulas",
    "write_csv",
    "write_parquet",
]

ERROR_COLUMNS = ("doc", "path", "error", "message")

Progress = Callable[[int, int], Any]
ExecutorSpec = Executor | int | str | None


class NotAReportError(ReportFormatError):
    """The file is text, but not a government work report."""


class ExecutorError(RuntimeError):
    """The executor cannot run the extraction: its workers cannot import :mod:`analysis`
    (asked before the run), or the first documents it was given each failed on it, also
    run alone, and none succeeded (its workers keep dying). One error for the run, rather
    than a wait for ever or every document of a corpus tried alone and failed."""


@dataclass(frozen=True)
class DocumentResult:
    """What one document gives: its figures and metadata, or an error. Plain, picklable data.

    ``figures`` maps each column of :data:`~analysis.extraction.FIGURE_COLUMNS` to its values
    and ``dtypes`` to its pandas dtype; ``text`` is the raw text (only when asked for).
    """

    index: int
    doc: str
    path: str
    nbytes: int
    figures: dict[str, list] | None = None
    dtypes: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    text: str | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def rows(self) -> int:
        return len(next(iter(self.figures.values()), [])) if self.figures else 0

    def frame(self) -> pd.DataFrame:
        """The figures as a DataFrame (empty, with the right columns, for an error)."""
        import pandas as pd

        if self.figures is None or self.dtypes is None:
            return _empty_figures()
        return pd.DataFrame(self.figures, columns=list(self.dtypes)).astype(self.dtypes)


@dataclass(frozen=True)
class CorpusResult:
    """Every figure, every error and every document's metadata of a corpus, in input order."""

    figures: pd.DataFrame
    errors: pd.DataFrame
    metadata: pd.DataFrame


@dataclass(frozen=True)
class WriteSummary:
    """What a streaming writer wrote: rows and documents, and the errors and metadata seen."""

    path: Path | None
    rows: int
    documents: int
    errors: pd.DataFrame
    metadata: pd.DataFrame


# --- the worker -------------------------------------------------------------------------------


def _nbytes(p: Path) -> int:
    try:
        return p.stat().st_size if p.is_file() else 0
    except OSError:
        return 0


def extract_document(
    path: str | os.PathLike[str], index: int = 0, check_report: bool = True,
    keep_text: bool = False, doc: str | None = None,
) -> DocumentResult:
    """Read one file and extract its figures and metadata; any failure is an error row.

    ``doc`` is the document's key in the figures (default: the file name without suffix;
    :func:`document_keys` makes keys unique across a corpus). Top level and returning plain
    data, so it runs in another process or on another machine.
    """
    from . import load_report
    from .extraction import FIGURE_DTYPES, figure_columns
    from .reading.metadata import looks_like_report, metadata_row

    p = Path(path)
    doc = doc or p.stem
    try:
        report = replace(load_report(p), doc=doc)
        if check_report and not looks_like_report(report):
            raise NotAReportError(
                f"{p}: does not look like a government work report (no 政府工作报告 title, "
                "session line or review and plan parts)"
            )
        columns = figure_columns(report)  # plain lists: no pandas in the worker
        meta = metadata_row(report)
    except Exception as exc:  # one bad document never stops the batch
        return DocumentResult(index, doc, str(p), _nbytes(p), error={
            "doc": doc, "path": str(p), "error": type(exc).__name__,
            "message": str(exc) if str(p) in str(exc) else f"{p}: {exc}"})
    return DocumentResult(
        index, doc, str(p), _nbytes(p),
        figures=columns, dtypes=dict(FIGURE_DTYPES), metadata=meta,
        text=report.raw if keep_text else None,
    )


Task = tuple[int, str, str, bool, bool]  # index, path, doc, check_report, keep_text


def _extract_task(task: Task) -> DocumentResult:
    index, path, doc, check_report, keep_text = task
    return extract_document(path, index, check_report, keep_text, doc)


def _failed_task(task: Task, exc: BaseException, why: str = "") -> DocumentResult:
    """The error row of a document whose task failed outside :func:`extract_document`."""
    index, path, doc, _, _ = task
    message = f"{path}: {why or 'the task failed on the executor'} ({type(exc).__name__}: {exc})"
    return DocumentResult(index, doc, path, _nbytes(Path(path)), error={
        "doc": doc, "path": path, "error": type(exc).__name__, "message": message})


# --- document keys ----------------------------------------------------------------------------


def document_keys(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """A readable key per path, unique within the run: the file name without its suffix,
    or, for names that clash, the path relative to the inputs' common folder (without the
    suffix, or with it if that still clashes). The same file given twice is an error.

    >>> document_keys(["x/a/report.txt", "x/b/report.txt", "x/a/report.pdf", "x/c/other.txt"])
    ['a/report.txt', 'b/report', 'a/report.pdf', 'other']
    """
    absolute = [os.path.abspath(os.fspath(p)) for p in paths]
    seen: dict[str, int] = {}
    for i, a in enumerate(absolute):
        if a in seen:
            raise ValueError(f"{os.fspath(paths[i])}: given twice (also input "
                             f"{seen[a] + 1}); each document once, please")
        seen[a] = i
    stems = [Path(a).stem for a in absolute]
    counts = _counts(stems)
    if all(counts[s] == 1 for s in stems):
        return stems
    root = os.path.commonpath([os.path.dirname(a) for a in absolute])
    relative = [Path(os.path.relpath(a, root)).as_posix() for a in absolute]
    keys = [r if counts[s] == 1 else r.rsplit(".", 1)[0] if "." in Path(r).name else r
            for r, s in zip(relative, stems, strict=True)]
    keys = [s if counts[s] == 1 else k for k, s in zip(keys, stems, strict=True)]
    again = _counts(keys)
    keys = [r if again[k] > 1 else k for k, r in zip(keys, relative, strict=True)]
    clash = [k for k, n in _counts(keys).items() if n > 1]
    if clash:  # cannot happen for distinct paths; never merge two documents silently
        raise ValueError(f"two inputs would share the document key {clash[0]!r}")
    return keys


def _counts(items: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


# --- running tasks ----------------------------------------------------------------------------


def _quiet_worker() -> None:
    """Pool workers leave Ctrl-C to the parent (which stops them), so it prints one line,
    and write nothing to the terminal: a task's failure travels back as an error row, and
    the pool's own crash report when a sibling is killed ("Process ForkProcess-2:
    Traceback …") would only be noise after the parent has already said what happened."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's handler, inherited by fork
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives with the worker


def _process_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, initializer=_quiet_worker)


def process_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool to keep across many calls in one session (``with process_pool(2) as
    pool: extract_many(a, pool); extract_many(b, pool)``); default: one worker per CPU.

    ``executor=2`` makes a pool for its call, and starting one costs about a tenth of a call
    on the 78 real reports (2 workers; the README's speed table): forking the workers, then a
    copy of each page of memory that they, or this process while they live, write to first.
    Its workers behave as ``executor=2``'s: Ctrl-C is left to this process, and they write
    nothing to the terminal. Unlike ``executor=2``'s, a pool whose worker died is broken for
    good (it is yours, and not renewed): the rest of a run on it becomes error rows (an
    :class:`ExecutorError` if no document ran), and a new pool is needed.
    """
    n = (os.cpu_count() or 1) if workers is None else workers
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"the number of workers must be an int of at least 1, got {workers!r}")
    return _process_pool(n)


def _make_executor(executor: ExecutorSpec) -> tuple[Executor | None, int, int]:
    """(executor or None for serial, workers if we own it (else 0), workers it runs on)."""
    if executor is None:
        return None, 0, 1
    if isinstance(executor, bool):
        raise TypeError("executor must be None, an int, 'process' or an Executor")
    if isinstance(executor, int):
        if executor < 1:
            raise ValueError(f"the number of workers must be at least 1, got {executor}")
        return _process_pool(executor), executor, executor
    if executor == "process":
        n = os.cpu_count() or 1
        return _process_pool(n), n, n
    if isinstance(executor, str):
        raise ValueError(f"executor must be None, an int, 'process' or an Executor: {executor!r}")
    if not isinstance(executor, Executor) and not hasattr(executor, "submit"):
        raise TypeError(f"not an executor: {executor!r}")
    return executor, 0, _executor_workers(executor)


def _executor_workers(executor: Executor) -> int:
    """How many tasks an executor runs at once: its ``max_workers``, the threads of a Dask
    cluster (a ``ClientExecutor`` holds its client), else this machine's CPUs."""
    n = getattr(executor, "_max_workers", None)
    if isinstance(n, int) and n > 0:
        return n
    client = getattr(executor, "_client", None)
    if client is not None and hasattr(client, "nthreads"):
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:  # a closed or unreachable client: the submit will say so
            pass
    return os.cpu_count() or 1


AHEAD_WINDOWS = 4  # ordered: documents started past the oldest unfinished one, in windows
BROKEN_AFTER = 3  # documents failed alone, none run: the executor is broken (ExecutorError)
MAX_BATCH = 16  # documents per submission at most (see _batch_size)
STALL_SECONDS = 1.0  # with nothing done for this long, look for a dead worker (_unstick)


def _batch_size(documents: int, workers: int, max_pending: int | None) -> int:
    """Documents sent to a worker in one submission.

    A task costs an executor a few milliseconds of its own (a Dask task: the scheduler's
    and the client's work, on the same two cores as the workers in a LocalCluster), about
    what a small report's extraction costs, so documents go in batches; small enough that
    each worker gets eight batches or more (so that the last ones, unequal in size, finish
    close together) and that two batches per worker fit in ``max_pending`` documents.

    >>> _batch_size(78, 2, None), _batch_size(64_000, 40, None), _batch_size(5, 2, None)
    (4, 16, 1)
    >>> _batch_size(78, 2, max_pending=3)
    1
    """
    size = min(MAX_BATCH, documents // (8 * workers))
    if max_pending is not None:
        size = min(size, max_pending // (2 * workers))
    return max(1, size)


def iter_extract(
    paths: Iterable[str | os.PathLike[str]],
    executor: ExecutorSpec = None,
    *,
    progress: Progress | None = None,
    check_report: bool = True,
    keep_text: bool = False,
    max_pending: int | None = None,
    ordered: bool = False,
) -> Iterator[DocumentResult]:
    """Each document's :class:`DocumentResult` as it completes (``.index`` is its position).

    Documents go to the executor in small batches (:func:`_batch_size`: a task costs an
    executor some work of its own), and at most ``max_pending`` documents are in flight at
    once (default: two batches per worker, at least four documents per worker), so a
    consumer that writes results out keeps memory bounded whatever the corpus size.
    ``ordered=True`` yields in input order instead (holding back the results that complete
    before an earlier, slower document: fewer than four windows of them, since no document
    further past the oldest unfinished one is started). ``progress(done, total)`` is called
    once before the first task and after each document. Every input gives exactly one
    result: a task that fails on the executor (a lost worker) is an error row, never a
    dropped document. Document keys come from :func:`document_keys` (a path given twice is a
    ValueError, raised here, before any work).
    """
    path_list = [os.fspath(p) for p in paths]
    keys = document_keys(path_list)
    tasks = [(i, p, k, check_report, keep_text)
             for i, (p, k) in enumerate(zip(path_list, keys, strict=True))]
    results = _iter_extract(tasks, executor, progress, max_pending, ordered)
    return _in_order(results) if ordered else results


def _in_order(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
    held: dict[int, DocumentResult] = {}
    expected = 0
    for r in results:
        held[r.index] = r
        while expected in held:
            yield held.pop(expected)
            expected += 1
    yield from (held[i] for i in sorted(held))


def _iter_extract(
    tasks: list[Task],
    executor: ExecutorSpec,
    progress: Progress | None,
    max_pending: int | None,
    ordered: bool = False,
) -> Iterator[DocumentResult]:
    total = len(tasks)
    if progress:
        progress(0, total)
    pool, owned, workers = _make_executor(executor)
    if pool is None:
        results: Iterable[DocumentResult] = map(_extract_task, tasks)
    else:
        batch = _batch_size(total, workers, max_pending)
        window = max_pending or max(4 * workers, 2 * workers * batch)
        ahead = AHEAD_WINDOWS * window if ordered else None
        results = _Runner(pool, owned, batch=batch, slots=workers).run(tasks, window, ahead)
    for done, result in enumerate(results, start=1):
        if progress:
            progress(done, total)
        yield result


Batch = tuple[Task, ...]


def _run_batch(fn: Callable[[Task], DocumentResult], batch: Batch, attempt: int = 0
               ) -> list[DocumentResult]:
    """What a worker runs: ``fn`` on each task of a batch, one result each. ``attempt`` is
    not used here: it makes a task run again differ from its first run, for an executor
    that reuses a result by its arguments (a Dask task's key is a hash of them, and a key
    the client still holds would give back the failure instead of running again)."""
    return [fn(task) for task in batch]


class _Runner:
    """Tasks on an executor in batches, a bounded number of documents in flight, every task
    one result.

    A failed batch is run again one document at a time, with nothing else in flight, so
    only a document that fails on its own becomes an error row. When a worker process of
    our own pool dies (``BrokenProcessPool``: killed, out of memory, a crash in native code)
    every batch it held fails with it, and the pool is renewed first. On an executor we do
    not own, a task fails after the executor's own retries (Dask retries a task whose
    worker was lost, and gives up on one whose workers keep dying; a task that waited on
    such a worker is charged too, which is why it is tried again alone).
    """

    def __init__(self, pool: Executor, owned_workers: int,
                 fn: Callable[[Task], DocumentResult] = _extract_task, batch: int = 1,
                 slots: int = 0):
        self.pool = pool
        self.workers = owned_workers
        self.fn = fn  # what a worker runs on a task; tests swap in one that kills its worker
        self.batch = batch
        self.slots = slots  # tasks the executor runs at once (0: batches never shrink)
        self.pending: dict[Future, tuple[Batch, bool]] = {}
        self.in_flight = 0  # documents in the pending batches
        self.suspects: deque[Task] = deque()  # of failed batches: run alone
        self.ran = False  # whether the executor has run any batch
        self.failed_alone = 0
        self.held: list[DocumentResult] = []  # failed alone before the executor ran any
        self.finished = False
        self.dead_seen = False  # a dead worker of our pool, and nothing done since

    def run(self, tasks: list[Task], window: int, ahead: int | None = None
            ) -> Iterator[DocumentResult]:
        """Every task's result as it completes. At most ``window`` documents in flight; with
        ``ahead``, none started ``ahead`` or more places past the oldest unfinished one, so
        that a consumer putting results in order holds fewer than ``ahead`` of them while
        a slow document keeps it waiting (without it, a corpus's worth)."""
        queue = deque(tasks)
        try:
            if not self.workers and tasks:
                self._check_workers()
            while queue or self.suspects or self.pending:
                self._submit(queue, window, ahead)
                done, _ = wait(list(self.pending), timeout=STALL_SECONDS,
                               return_when=FIRST_COMPLETED)
                if not done:
                    self._unstick()
                    continue
                self.dead_seen = False
                broken = False
                for fut in done:
                    batch, alone = self.pending.pop(fut)
                    self.in_flight -= len(batch)
                    results, lost = self._results(fut, batch, alone)
                    broken |= lost
                    yield from results
                if broken:
                    self._renew()
            yield from self.held  # a short run that failed every document: its error rows
            self.held = []
            self.finished = True
        finally:
            self._close()

    def _check_workers(self) -> str | None:
        """Ask a worker of an executor we do not own for the version of :mod:`analysis` it
        imports, before any document: a Dask worker that cannot unpickle a task of ours
        (the package not installed there) fails in a way the client never hears of, and
        the run would wait for ever. The question is a standard-library call
        (``pkgutil.resolve_name``), which every worker can unpickle: a missing package is
        an :class:`ExecutorError` now; another version than ours, a warning (its figures
        may differ). Any other failure is left to the run, which handles it. Returns the
        workers' version (None: not told)."""
        import pkgutil
        import warnings

        from . import __version__

        try:
            theirs = self.pool.submit(pkgutil.resolve_name, "analysis:__version__").result()
        except ImportError as exc:
            raise ExecutorError(
                f"the executor's workers cannot import analysis ({type(exc).__name__}: "
                f"{exc}): install gwr-analysis {__version__} where they run") from exc
        except Exception:  # a lost worker, a shut-down executor: the run will say
            return None
        if theirs != __version__:
            warnings.warn(f"the executor's workers run gwr-analysis {theirs}, this process "
                          f"{__version__}: their figures may differ", stacklevel=2)
        return str(theirs)

    def _submit(self, queue: deque[Task], window: int, ahead: int | None = None) -> None:
        if self.suspects:  # after a failed batch: one suspect at a time, nothing else
            if not self.pending:
                self._put((self.suspects.popleft(),), alone=True)
            return
        while queue and self.in_flight < window:
            n = min(self.batch, len(queue), max(1, window - self.in_flight))
            if self.slots:  # the last batches shrink, down to one document, so that the
                n = min(n, max(1, len(queue) // (2 * self.slots)))  # workers end together
            if ahead is not None:  # (tasks are queued in index order: queue[0] is oldest)
                oldest = min((t[0] for b, _ in self.pending.values() for t in b),
                             default=queue[0][0])
                n = min(n, oldest + ahead - queue[0][0])
                if n < 1:
                    return  # the oldest unfinished document holds the rest back
            self._put(tuple(queue.popleft() for _ in range(n)), alone=False)

    def _put(self, batch: Batch, alone: bool) -> None:
        try:
            fut = self.pool.submit(_run_batch, self.fn, batch, 1 if alone else 0)
        except Exception as exc:  # a broken or shut-down executor: a failed future instead
            fut = Future()
            fut.set_exception(exc)
        self.pending[fut] = (batch, alone)
        self.in_flight += len(batch)

    def _results(self, fut: Future, batch: Batch, alone: bool
                 ) -> tuple[list[DocumentResult], bool]:
        """(the results; none for tasks to run again), whether our pool broke."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            results = fut.result()
        except BrokenProcessPool as exc:
            if not self.workers:
                return self._failed(batch, alone, exc, "the worker extracting it was lost"), False
            return self._failed(batch, alone, exc, "its worker process died, also when it was "
                                "extracted alone"), True
        except Exception as exc:  # e.g. a Dask KilledWorker or CancelledError
            return self._failed(batch, alone, exc), False
        self.ran = True
        held, self.held = self.held, []
        return held + results, False

    def _failed(self, batch: Batch, alone: bool, exc: BaseException, why: str = ""
                ) -> list[DocumentResult]:
        """Error rows for a task that failed alone; the tasks of any other failed batch are
        suspects, to be run again alone."""
        if alone:
            self.failed_alone += 1
            rows = [_failed_task(task, exc, why) for task in batch]
            if self.ran:
                return rows
            if self.failed_alone >= BROKEN_AFTER:
                raise ExecutorError(
                    f"the executor ran none of the documents: the first {self.failed_alone} "
                    f"each failed on it, also alone (the last: {type(exc).__name__}: {exc}); "
                    "are its workers dying, or is gwr-analysis not installed where they "
                    "run?") from exc
            self.held += rows  # until the executor has shown that it runs documents
            return []
        self.suspects.extend(batch)
        return []

    def _renew(self) -> None:
        """A fresh pool after ours broke; the tasks still in flight on it are suspects."""
        for batch, _ in self.pending.values():
            self.suspects.extend(batch)
        self.pending.clear()
        self.in_flight = 0
        # Python 3.11's pool joins the surviving workers of a broken pool without stopping
        # them, and a survivor blocked on the dead pool's queues never exits: stop them.
        self._terminate_workers(kill=True)  # their tasks are run again: nothing to say
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = _process_pool(self.workers)

    def _unstick(self) -> None:
        """Nothing done for a while: if a worker of our pool is dead and nothing has been
        done since the last look, the pool is stuck; break it, so that its batches fail
        and are run again (a dead worker otherwise breaks the pool at once).

        A worker killed halfway through writing its result to the pool's pipe leaves half
        a message there, and Python's pool waits for the rest for ever: the other half
        never comes, and the pipe never ends, since this process holds a write end too."""
        processes = getattr(self.pool, "_processes", None) or {}
        dead = any(p.exitcode is not None for p in list(processes.values()))
        if not dead or not self.workers:
            self.dead_seen = False
            return
        if not self.dead_seen:
            self.dead_seen = True  # the pool may be about to say so itself: look again
            return
        self.dead_seen = False
        self._terminate_workers(kill=True)
        self._end_result_pipe()

    def _end_result_pipe(self) -> None:
        """Close this process's write end of the pool's result pipe: once the workers are
        gone, the pool's reader gets an end of file (not a wait for ever on half a
        message) and the pool breaks; its futures fail. (Internals of Python's pool,
        looked up with care: on a pool without them, nothing is done.)"""
        queue = getattr(self.pool, "_result_queue", None)
        writer = getattr(queue, "_writer", None)
        if writer is not None and hasattr(writer, "close"):
            writer.close()

    def _terminate_workers(self, kill: bool = False) -> None:
        processes = getattr(self.pool, "_processes", None) or {}
        for proc in list(processes.values()):
            proc.kill() if kill else proc.terminate()

    def _close(self) -> None:
        for fut in self.pending:
            fut.cancel()
        if not self.workers:
            return
        if not self.finished:  # interrupted: stop the workers now, not after their task
            self._terminate_workers()
            self._end_result_pipe()  # one may have been stopped halfway through a result
        # Finished, the workers are idle and exit when told: the pool's own thread reaps them
        # while the caller builds its table, instead of a wait of some milliseconds (their
        # exit) after the last result (the pool's thread is joined at the latest when the
        # interpreter exits). Interrupted, they are waited for: none is left behind.
        self.pool.shutdown(wait=not self.finished, cancel_futures=True)


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    executor: ExecutorSpec = None,
    *,
    progress: Progress | None = None,
    check_report: bool = True,
) -> CorpusResult:
    """Every figure of many reports, each document read on its own; see the module docstring.

    ``executor``: None (serial), ``"process"`` or an int (a process pool created and shut
    down here), or any :class:`concurrent.futures.Executor`. ``check_report`` makes a text
    that is not a work report an error (:class:`NotAReportError`) rather than an empty table.
    """
    return collect(iter_extract(paths, executor, progress=progress, check_report=check_report))


def collect(results: Iterable[DocumentResult]) -> CorpusResult:
    """Results (in any order) as one :class:`CorpusResult` in input order.

    Figures are turned into DataFrames a chunk of documents at a time (compact columns,
    not Python lists of objects), so holding a large corpus costs about what its table costs.
    """
    import pandas as pd

    light: list[DocumentResult] = []

    def keep(rs: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
        for r in rs:
            light.append(DocumentResult(r.index, r.doc, r.path, r.nbytes, metadata=r.metadata,
                                        error=r.error))
            yield r

    frames = list(_frames(keep(_in_order(results))))
    light.sort(key=lambda r: r.index)
    figures = pd.concat(frames, ignore_index=True) if frames else _empty_figures()
    return CorpusResult(figures, _errors_frame(r.error for r in light),
                        _metadata_frame(r for r in light if r.ok))


def _frames(results: Iterable[DocumentResult], chunk_rows: int = 20_000
            ) -> Iterator[pd.DataFrame]:
    """The figures of consecutive documents as DataFrames of about ``chunk_rows`` rows.

    One DataFrame per chunk rather than per document: building and casting a frame has a
    fixed cost that would otherwise be paid a thousand times for a thousand documents.
    """
    import pandas as pd

    from .extraction import FIGURE_DTYPES
    from .extraction.extract import compact_columns, frame_from_pieces

    columns: dict[str, list] = {}  # the latest documents' figures, as lists
    pieces: list[dict[str, Any]] = []  # the earlier ones of the chunk, compact (Arrow, NumPy)
    dtypes: dict[str, Any] | None = None
    rows = pending = 0
    figure_dtypes = False  # the extractor's own columns (else a plain DataFrame of the lists)

    def flush() -> pd.DataFrame:
        assert dtypes is not None
        if not figure_dtypes:
            return pd.DataFrame(columns, columns=list(dtypes)).astype(dtypes)
        pieces.append(compact_columns(columns))
        return frame_from_pieces({c: [p[c] for p in pieces] for c in dtypes})

    for r in results:
        if not r.rows or r.figures is None or r.dtypes is None:
            continue
        if dtypes is not None and r.dtypes != dtypes:
            yield flush()  # should not happen: one extractor, one schema
            columns, pieces, rows, pending = {}, [], 0, 0
        if not columns:
            dtypes = r.dtypes
            figure_dtypes = dtypes == FIGURE_DTYPES and list(dtypes) == list(FIGURE_DTYPES)
            columns = {c: [] for c in dtypes}
        for c, values in columns.items():
            values.extend(r.figures[c])
        rows += r.rows
        pending += r.rows
        if rows >= chunk_rows:
            yield flush()
            columns, pieces, rows, pending = {}, [], 0, 0
        elif figure_dtypes and pending >= _ARROW_PIECE_ROWS:
            pieces.append(compact_columns(columns))  # now, not all at the end: see below
            columns, pending = {c: [] for c in columns}, 0
    if columns:
        yield flush()


# Rows turned into Arrow at a time while a chunk fills. With a pool, the parent does this
# while the workers still run, instead of all of it after the last result (a serial tail of
# 20-30 ms for the real corpus); the frame itself is still built once per chunk.
_ARROW_PIECE_ROWS = 2048


# --- frames -----------------------------------------------------------------------------------


def _empty_figures() -> pd.DataFrame:
    """The figures table with no rows but its real dtypes."""
    import pandas as pd

    from .extraction import FIGURE_COLUMNS, FIGURE_DTYPES

    return pd.DataFrame({c: [] for c in FIGURE_COLUMNS}).astype(FIGURE_DTYPES)


def _errors_frame(errors: Iterable[dict[str, str] | None]) -> pd.DataFrame:
    import pandas as pd

    rows = [e for e in errors if e]
    frame = pd.DataFrame(rows, columns=list(ERROR_COLUMNS))
    return frame if rows else frame.astype(dict.fromkeys(ERROR_COLUMNS, "str"))


def _metadata_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    import pandas as pd

    from .reading.metadata import METADATA_COLUMNS

    rows = [{**r.metadata, "path": r.path} for r in results if r.metadata is not None]
    df = pd.DataFrame(rows, columns=[*METADATA_COLUMNS, "path"])
    if not rows:  # no column to infer text from: str, as when there are rows
        df = df.astype(dict.fromkeys(df.columns, "str"))
    df["session_date"] = pd.to_datetime(df["session_date"])
    df["year"] = df["year"].astype("Int64")  # (astype on the frame copies every column)
    return df


# --- streaming writers ------------------------------------------------------------------------

_ARROW_NUMERIC = {"year": "int64", "sentence_id": "int64", "value": "float64",
                  "low": "float64", "high": "float64", "multiplier": "float64",
                  "start": "int64", "end": "int64",
                  "period_start": "int64", "period_end": "int64", "headline": "bool"}


def figures_arrow_schema() -> pa.Schema:
    """The Arrow schema of the figures table (strings except the numeric columns)."""
    import pyarrow as pa

    from .extraction import FIGURE_COLUMNS

    return pa.schema([(c, pa.type_for_alias(_ARROW_NUMERIC.get(c, "string")))
                      for c in FIGURE_COLUMNS])


class _Collect:
    """Passes results through while keeping their errors and metadata (both small)."""

    def __init__(self, results: Iterable[DocumentResult]):
        self._results = results
        self.errors: list[dict[str, str]] = []
        self.metadata: list[DocumentResult] = []
        self.rows = 0
        self.documents = 0

    def __iter__(self) -> Iterator[DocumentResult]:
        for r in self._results:
            if r.error is not None:
                self.errors.append(r.error)
            else:
                self.documents += 1
                self.rows += r.rows
                self.metadata.append(DocumentResult(r.index, r.doc, r.path, r.nbytes,
                                                    metadata=r.metadata))
            yield r

    def summary(self, path: Path | None) -> WriteSummary:
        order = sorted(self.metadata, key=lambda r: r.index)
        return WriteSummary(path, self.rows, self.documents, _errors_frame(self.errors),
                            _metadata_frame(order))


def write_parquet(
    results: Iterable[DocumentResult],
    out_dir: str | os.PathLike[str],
    partition_cols: Sequence[str] = ("year",),
    *,
    overwrite: bool = False,
    chunk_rows: int = 20_000,
) -> WriteSummary:
    """Write the figures of streamed results as a Hive-partitioned Parquet dataset.

    Results are turned into tables of about ``chunk_rows`` rows (a few dozen documents) as
    they arrive; each chunk is split by the partition columns and appended as a row group
    to that partition's file (``year=2020/part-0.parquet``, one
    :class:`pyarrow.parquet.ParquetWriter` per partition), so memory is bounded by the chunk
    size and the number of partitions, not by the corpus. Rows without a year go to
    ``part-null.parquet`` at the top of the dataset (not to a ``year=__HIVE_DEFAULT_PARTITION__``
    folder, which ``pandas.read_parquet`` cannot read back), so ``pd.read_parquet(out_dir)``
    reads the dataset with ``year`` as a categorical (missing where the report gives none).

    The dataset is written to a temporary folder beside ``out_dir`` and its partitions
    replace the old ones only once it is complete: a run that fails or is interrupted
    leaves the previous dataset as it was. Files of ``out_dir`` that are not partitions are
    kept. An ``out_dir`` that already holds partitions is an error (before any work) unless
    ``overwrite`` is true.
    """
    out = Path(out_dir)
    cols = list(partition_cols)
    old = _partitions(out, cols)
    if old and not overwrite:
        raise FileExistsError(f"{out}: already holds a dataset ({old[0].name} …); "
                              "pass overwrite=True to replace it")
    tmp = _sibling(out, "tmp")
    try:
        collect = _Collect(results)
        _write_dataset(_frames(collect, chunk_rows), tmp, cols)
        _swap_partitions(tmp, out, cols)
    finally:
        _rmtree(tmp)
    return collect.summary(out)


def _partitions(out: Path, cols: Sequence[str]) -> list[Path]:
    """The entries of ``out`` that belong to a dataset written here."""
    if not out.is_dir():
        return []
    names = (f"{cols[0]}=*", "part-null.parquet") if cols else ("part-*.parquet",)
    return sorted(e for pattern in names for e in out.glob(pattern))


def _sibling(target: Path, what: str) -> Path:
    """A hidden name beside ``target`` (same file system, so renaming it is atomic)."""
    return target.parent / f".{target.name}.{what}-{os.getpid()}"


def _rmtree(path: Path) -> None:
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _write_dataset(frames: Iterable[pd.DataFrame], root: Path, cols: list[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = figures_arrow_schema()
    file_schema = _with_pandas_metadata(pa.schema([f for f in schema if f.name not in cols]))
    root.mkdir(parents=True)
    writers: dict[tuple, pq.ParquetWriter] = {}
    try:
        for frame in frames:
            table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
            groups: dict[Any, Any] = (
                frame.groupby(cols, dropna=False, sort=False).indices if cols else {(): None})
            for key, rows in groups.items():
                k = key if isinstance(key, tuple) else (key,)
                part = table if rows is None else table.take(pa.array(rows))
                if k not in writers:
                    writers[k] = pq.ParquetWriter(_partition_file(root, cols, k), file_schema)
                writers[k].write_table(part.select(file_schema.names))
    finally:
        for w in writers.values():
            w.close()


def _with_pandas_metadata(file_schema: pa.Schema) -> pa.Schema:
    """``file_schema`` with the pandas metadata of the figures table's columns in it, so that
    ``pandas.read_parquet`` gives back their dtypes (``Int64`` with missing values, ``str``)
    rather than Arrow's defaults (float64 for an integer column with nulls). The partition
    columns are left out of it: they live in the folder names, not in the files."""
    import pyarrow as pa

    frame = _empty_figures()[file_schema.names]
    table = pa.Table.from_pandas(frame, schema=file_schema, preserve_index=False)
    return file_schema.with_metadata(table.schema.metadata)


def _partition_file(root: Path, cols: list[str], key: tuple) -> Path:
    """``year=2020/part-0.parquet``; rows with a missing partition value stop at the level
    above it (``part-null.parquet``), where a Hive reader sees the value as missing."""
    d = root
    for c, v in zip(cols, key, strict=True):
        if _hive(v) is None:
            return d / "part-null.parquet"
        d = d / f"{c}={_hive(v)}"
    d.mkdir(parents=True, exist_ok=True)
    return d / "part-0.parquet"


def _swap_partitions(new: Path, out: Path, cols: Sequence[str]) -> None:
    """Move the complete new dataset into ``out``, then delete the old partitions."""
    out.mkdir(parents=True, exist_ok=True)
    old = _partitions(out, cols)
    trash = _sibling(out, "old")
    try:
        if old:
            trash.mkdir()
            for entry in old:
                entry.rename(trash / entry.name)
        for entry in sorted(new.iterdir()):
            entry.rename(out / entry.name)
    except OSError:
        for entry in sorted(trash.iterdir()) if trash.is_dir() else []:
            if not (out / entry.name).exists():
                entry.rename(out / entry.name)  # put the old dataset back
        raise
    finally:
        _rmtree(trash)


def _hive(value: Any) -> str | None:
    """A partition value as a directory name (None for a missing value)."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)


# --- CSV --------------------------------------------------------------------------------------

#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"),
#: plus the quote used to neutralize them (so that neutralizing can be undone exactly).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells starting with ``= + - @``, tab or CR (or ``'``) get a leading
    ``'``, so a spreadsheet shows them as text instead of running them; numeric columns
    (a value of -5.0) are left alone. :func:`restore_formulas` undoes it.

    >>> import pandas as pd
    >>> safe = neutralize_formulas(pd.DataFrame({"t": ["=1+2", "-5%", "ok"], "v": [-5.0, 1, 2]}))
    >>> safe.t.tolist(), safe.v.tolist()
    (["'=1+2", "'-5%", 'ok'], [-5.0, 1.0, 2.0])
    """
    out = frame.copy()
    for c in _text_columns(out):
        col = out[c]
        hit = col.str.startswith(FORMULA_TRIGGERS).fillna(False).astype(bool)
        if hit.any():
            out.loc[hit, c] = "'" + col[hit]
    return out


def restore_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`neutralize_formulas` (for reading a CSV written by this package)."""
    out = frame.copy()
    for c in _text_columns(out):
        col = out[c]
        hit = col.str.match(r"'[=+\-@\t\r']").fillna(False).astype(bool)
        if hit.any():
            out.loc[hit, c] = col[hit].str.slice(1)
    return out


def _text_columns(frame: pd.DataFrame) -> list[str]:
    import pandas as pd

    return [c for c in frame.columns
            if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]


def read_figures_csv(path: str | os.PathLike[str] | IO[str]) -> pd.DataFrame:
    """A figures CSV written by :func:`write_csv` back as the figures table, same dtypes.

    Empty text cells come back as missing (CSV has one empty value for both).
    """
    import pandas as pd

    from .extraction import FIGURE_DTYPES

    frame = pd.read_csv(path, dtype=FIGURE_DTYPES, keep_default_na=False,
                        na_values={c: [""] for c in FIGURE_DTYPES})
    return restore_formulas(frame)


def write_csv(
    results: Iterable[DocumentResult],
    out: str | os.PathLike[str] | IO[str] | None = None,
    *,
    append: bool = False,
    chunk_rows: int = 20_000,
    safe: bool = True,
) -> WriteSummary:
    """Write the figures of streamed results as one CSV (header once), document by document.

    ``out`` is a path, an open text file, or None for standard output. A path is written to a
    temporary file beside it and renamed over it only when every document is written, so
    a failed or interrupted run leaves the previous file as it was; ``append=True`` adds
    to it (without a second header if it already has rows). ``safe`` neutralizes cells
    a spreadsheet would run as formulas (:func:`neutralize_formulas`).
    """
    collect = _Collect(results)
    path = None if out is None or hasattr(out, "write") else Path(out)
    if path is None:
        fh = out if out is not None else sys.stdout
        _csv_rows(_frames(collect, chunk_rows), fh, True, safe)  # type: ignore[arg-type]
        fh.flush()  # type: ignore[union-attr]
        return collect.summary(None)
    header = not (append and path.is_file() and path.stat().st_size > 0)
    with atomic_path(path) as tmp:
        if not header:
            import shutil

            shutil.copyfile(path, tmp)
        with tmp.open("a", encoding="utf-8", newline="") as fh:
            _csv_rows(_frames(collect, chunk_rows), fh, header, safe)
    return collect.summary(path)


def _csv_rows(frames: Iterable[pd.DataFrame], fh: IO[str], header: bool, safe: bool) -> None:
    for frame in frames:
        (neutralize_formulas(frame) if safe else frame).to_csv(fh, index=False, header=header)
        header = False
    if header:  # no rows at all: still a header line
        _empty_figures().to_csv(fh, index=False)


class atomic_path:
    """A temporary path beside ``target``, renamed over it if the block succeeds and
    deleted otherwise (the target is then left as it was)."""

    def __init__(self, target: str | os.PathLike[str]):
        self.target = Path(target)
        self.tmp = _sibling(self.target, "tmp")

    def __enter__(self) -> Path:
        self.tmp.unlink(missing_ok=True)
        return self.tmp

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is None and self.tmp.exists():
            os.replace(self.tmp, self.target)
        else:
            _rmtree(self.tmp)
