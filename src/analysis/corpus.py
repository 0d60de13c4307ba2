"""Many documents: extract a whole corpus serially, on a process pool or on any executor.

One document is one task. The worker, :func:`extract_document`, is a top-level function that
takes a path and returns plain, picklable data (a :class:`DocumentResult`: the figures as
columns, the metadata row, or an error row), so the same code runs

* serially (``executor=None``, the default),
* on a :class:`concurrent.futures.ProcessPoolExecutor` that :func:`extract_many` creates and
  shuts down (``executor="process"`` for one worker per CPU, or ``executor=4``),
* on any :class:`concurrent.futures.Executor` you pass in (threads, processes, or a cluster:
  a Dask ``distributed.Client(...).get_executor()`` is an ``Executor`` too)::

      from distributed import Client           # not a dependency of this package
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
completes (with a bounded number of tasks in flight) and :func:`write_parquet` /
:func:`write_csv` write them incrementally.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .reading.sources import ReportFormatError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "ERROR_COLUMNS",
    "CorpusResult",
    "DocumentResult",
    "NotAReportError",
    "WriteSummary",
    "collect",
    "extract_document",
    "extract_many",
    "figures_arrow_schema",
    "iter_extract",
    "write_csv",
    "write_parquet",
]

ERROR_COLUMNS = ("doc", "path", "error", "message")

Progress = Callable[[int, int], Any]
ExecutorSpec = Executor | int | str | None


class NotAReportError(ReportFormatError):
    """The file is text, but not a government work report."""


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
    keep_text: bool = False,
) -> DocumentResult:
    """Read one file and extract its figures and metadata; any failure is an error row.

    Top level and returning plain data, so it runs in another process or on another machine.
    """
    from . import load_report
    from .extraction import FIGURE_DTYPES, figure_columns
    from .reading.metadata import looks_like_report, metadata_row

    p = Path(path)
    doc = p.stem
    try:
        report = load_report(p)
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


def _extract_task(task: tuple[int, str, bool, bool]) -> DocumentResult:
    index, path, check_report, keep_text = task
    return extract_document(path, index, check_report, keep_text)


# --- running tasks ----------------------------------------------------------------------------


def _make_executor(executor: ExecutorSpec) -> tuple[Executor | None, bool, int]:
    """(executor or None for serial, whether we own it, tasks to keep in flight)."""
    if executor is None:
        return None, False, 1
    if isinstance(executor, bool):
        raise TypeError("executor must be None, an int, 'process' or an Executor")
    if isinstance(executor, int):
        if executor < 1:
            raise ValueError(f"the number of workers must be at least 1, got {executor}")
        return ProcessPoolExecutor(executor), True, 4 * executor
    if executor == "process":
        n = os.cpu_count() or 1
        return ProcessPoolExecutor(n), True, 4 * n
    if isinstance(executor, str):
        raise ValueError(f"executor must be None, an int, 'process' or an Executor: {executor!r}")
    if not isinstance(executor, Executor) and not hasattr(executor, "submit"):
        raise TypeError(f"not an executor: {executor!r}")
    workers = getattr(executor, "_max_workers", None) or os.cpu_count() or 1
    return executor, False, max(16, 4 * workers)


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

    At most ``max_pending`` tasks are in flight at once (default: four per worker), so a
    consumer that writes results out keeps memory bounded whatever the corpus size.
    ``ordered=True`` yields in input order instead (holding back the results that complete
    before an earlier, slower document). ``progress(done, total)`` is called once before
    the first task and after each document.
    """
    results = _iter_extract(paths, executor, progress, check_report, keep_text, max_pending)
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
    paths: Iterable[str | os.PathLike[str]],
    executor: ExecutorSpec,
    progress: Progress | None,
    check_report: bool,
    keep_text: bool,
    max_pending: int | None,
) -> Iterator[DocumentResult]:
    tasks = [(i, os.fspath(p), check_report, keep_text) for i, p in enumerate(paths)]
    total = len(tasks)
    if progress:
        progress(0, total)
    pool, owned, window = _make_executor(executor)
    window = max_pending or window
    done = 0
    if pool is None:
        for task in tasks:
            result = _extract_task(task)
            done += 1
            if progress:
                progress(done, total)
            yield result
        return
    try:
        pending: set[Future] = set()
        queue = iter(tasks)
        while True:
            for task in queue:
                pending.add(pool.submit(_extract_task, task))
                if len(pending) >= window:
                    break
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                result = fut.result()
                done += 1
                if progress:
                    progress(done, total)
                yield result
    finally:
        for fut in pending:
            fut.cancel()
        if owned:
            pool.shutdown(wait=True, cancel_futures=True)


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    executor: ExecutorSpec = None,
    *,
    progress: Progress | None = None,
    check_report: bool = True,
) -> CorpusResult:
    """Every figure of many reports, one task per document; see the module docstring.

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

    columns: dict[str, list] = {}
    dtypes: dict[str, Any] | None = None
    rows = 0

    def flush() -> pd.DataFrame:
        assert dtypes is not None
        return pd.DataFrame(columns, columns=list(dtypes)).astype(dtypes)

    for r in results:
        if not r.rows or r.figures is None or r.dtypes is None:
            continue
        if dtypes is not None and r.dtypes != dtypes:
            yield flush()  # should not happen: one extractor, one schema
            columns, rows = {}, 0
        if not columns:
            dtypes = r.dtypes
            columns = {c: [] for c in dtypes}
        for c, values in columns.items():
            values.extend(r.figures[c])
        rows += r.rows
        if rows >= chunk_rows:
            yield flush()
            columns, rows = {}, 0
    if columns:
        yield flush()


# --- frames -----------------------------------------------------------------------------------


def _empty_figures() -> pd.DataFrame:
    """The figures table with no rows but its real dtypes."""
    import pandas as pd

    from .extraction import FIGURE_COLUMNS, FIGURE_DTYPES

    return pd.DataFrame({c: [] for c in FIGURE_COLUMNS}).astype(FIGURE_DTYPES)


def _errors_frame(errors: Iterable[dict[str, str] | None]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([e for e in errors if e], columns=list(ERROR_COLUMNS))


def _metadata_frame(results: Iterable[DocumentResult]) -> pd.DataFrame:
    import pandas as pd

    from .reading.metadata import METADATA_COLUMNS

    rows = [{**r.metadata, "path": r.path} for r in results if r.metadata is not None]
    df = pd.DataFrame(rows, columns=[*METADATA_COLUMNS, "path"])
    df["session_date"] = pd.to_datetime(df["session_date"])
    return df.astype({"year": "Int64"})


# --- streaming writers ------------------------------------------------------------------------

_ARROW_NUMERIC = {"year": "int64", "sentence_id": "int64", "value": "float64",
                  "low": "float64", "high": "float64", "multiplier": "float64",
                  "start": "int64", "end": "int64", "headline": "bool"}


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
    ``year=__HIVE_DEFAULT_PARTITION__``. ``pd.read_parquet(out_dir)`` reads the dataset back
    (the partition columns come back as categoricals).

    An ``out_dir`` that already holds partitions is an error unless ``overwrite`` is true,
    which deletes the Parquet files of its ``<col>=<value>`` directories first.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    cols = list(partition_cols)
    old = [d for d in out.glob(f"{cols[0]}=*") if d.is_dir()] if cols and out.is_dir() else []
    if cols and old:
        if not overwrite:
            raise FileExistsError(f"{out}: already holds a dataset ({old[0].name}/ …); "
                                  "pass overwrite=True to replace it")
        for d in old:
            for f in d.rglob("*.parquet"):
                f.unlink()
            for sub in sorted(d.rglob("*"), reverse=True):
                if sub.is_dir():
                    sub.rmdir()
            d.rmdir()
    schema = figures_arrow_schema()
    file_schema = pa.schema([f for f in schema if f.name not in cols])
    collect = _Collect(results)
    writers: dict[tuple, pq.ParquetWriter] = {}
    try:
        for frame in _frames(collect, chunk_rows):
            table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
            groups: dict[Any, Any] = (
                frame.groupby(cols, dropna=False, sort=False).indices if cols else {(): None})
            for key, rows in groups.items():
                k = key if isinstance(key, tuple) else (key,)
                part = table if rows is None else table.take(pa.array(rows))
                if k not in writers:
                    d = out.joinpath(*(f"{c}={_hive(v)}" for c, v in zip(cols, k, strict=True)))
                    d.mkdir(parents=True, exist_ok=True)
                    writers[k] = pq.ParquetWriter(d / "part-0.parquet", file_schema)
                writers[k].write_table(part.select(file_schema.names))
    finally:
        for w in writers.values():
            w.close()
    out.mkdir(parents=True, exist_ok=True)
    return collect.summary(out)


def _hive(value: Any) -> str:
    """A partition value as a directory name (Hive's name for a missing value)."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "__HIVE_DEFAULT_PARTITION__"
    return str(value)


def write_csv(
    results: Iterable[DocumentResult],
    out: str | os.PathLike[str] | IO[str] | None = None,
    *,
    append: bool = False,
    chunk_rows: int = 20_000,
) -> WriteSummary:
    """Write the figures of streamed results as one CSV (header once), document by document.

    ``out`` is a path, an open text file, or None for standard output. A path is truncated,
    or with ``append=True`` appended to (without a second header if it already has rows).
    """
    collect = _Collect(results)
    path = None if out is None or hasattr(out, "write") else Path(out)
    header = True
    if path is not None:
        if append and path.is_file() and path.stat().st_size > 0:
            header = False
        fh: IO[str] = path.open("a" if append else "w", encoding="utf-8", newline="")
    else:
        fh = out if out is not None else sys.stdout  # type: ignore[assignment]
    try:
        for frame in _frames(collect, chunk_rows):
            frame.to_csv(fh, index=False, header=header)
            header = False
        if header:  # no rows at all: still a header line
            _empty_figures().to_csv(fh, index=False)
    finally:
        if path is not None:
            fh.close()
        else:
            fh.flush()
    return collect.summary(path)
