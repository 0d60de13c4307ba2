"""Dask for real: the README's Dask lines on a LocalCluster of 2 worker processes, over the
78 real reports, give what the serial run gives; errors on a worker stay error rows; the CLI's
``--scheduler``.

``distributed`` is pinned in requirements/lock.txt (the ``dask`` extra), so in CI these run;
they are skipped only where the extra is not installed.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analysis import cli, paths
from analysis.corpus import (
    CorpusResult,
    _batch_size,
    _executor_workers,
    _extract_task,
    _Runner,
    extract_many,
    iter_extract,
)

distributed = pytest.importorskip("distributed")

# A scheduler always serves HTTP, on port 8787 unless told otherwise (dashboard_address=None
# turns off only the dashboard); when another cluster holds 8787 it takes another port and
# warns (and its failed first try leaves a socket for the garbage collector), which is not a
# failure of the code under test.
pytestmark = [pytest.mark.filterwarnings("ignore:Port .* is already in use:UserWarning"),
              pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")]

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def readme_dask_block() -> str:
    """The README's Python block that starts a LocalCluster (the lines this module runs)."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    dask = [b for b in blocks if "LocalCluster(" in b]
    assert len(dask) == 1, "the README has one Dask block"
    return dask[0]


@pytest.fixture(scope="module")
def readme_run() -> Any:
    """Execute the README's Dask block as written; its cluster serves the other tests."""
    namespace: dict[str, Any] = {}
    exec(compile(readme_dask_block(), str(README), "exec"), namespace)
    yield namespace
    namespace["client"].close()
    namespace["cluster"].close()


@pytest.fixture(scope="module")
def serial() -> CorpusResult:
    return extract_many(paths.corpus_files())


def assert_same(got: CorpusResult, want: CorpusResult) -> None:
    pd.testing.assert_frame_equal(got.figures, want.figures)
    pd.testing.assert_frame_equal(got.metadata, want.metadata)
    pd.testing.assert_frame_equal(got.errors, want.errors)


def test_readme_block_is_what_this_test_runs() -> None:
    block = readme_dask_block()
    assert ("LocalCluster(n_workers=2, processes=True, threads_per_worker=1, "
            "dashboard_address=None)") in block
    assert "extract_many(paths.corpus_files(), client.get_executor())" in block


def test_readme_dask_run_equals_the_serial_run(readme_run, serial) -> None:
    cluster = readme_run["cluster"]
    assert len(cluster.workers) == 2 and cluster.processes
    files = paths.corpus_files()
    assert len(files) == 78
    result = readme_run["result"]
    assert_same(result, serial)
    assert len(result.metadata) + len(result.errors) == len(files)
    assert result.metadata.path.tolist() == [str(p) for p in files]
    assert len(result.figures) > 10_000


def bad_inputs(folder: Path) -> dict[str, Path]:
    """Files that fail on the worker, each for its own reason (doc -> path)."""
    news = folder / "news.txt"
    news.write_text("本报讯 今天天气晴，气温12摄氏度，市民出行顺利。\n", encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    directory = folder / "directory.txt"
    directory.mkdir()
    return {"news": news, "empty": empty, "binary": binary, "directory": directory,
            "missing": folder / "missing.txt"}


def test_errors_on_a_worker_are_error_rows(readme_run, tmp_path: Path) -> None:
    bad = bad_inputs(tmp_path)
    good = paths.corpus_files("national")
    inputs = [*good[:5], *bad.values(), *good[5:]]  # bad files among good ones
    want = extract_many(inputs)
    got = extract_many(inputs, readme_run["client"].get_executor())
    assert_same(got, want)
    assert dict(zip(got.errors.doc, got.errors.error, strict=True)) == {
        "news": "NotAReportError", "empty": "ReportFormatError",
        "binary": "ReportFormatError", "directory": "IsADirectoryError",
        "missing": "FileNotFoundError"}
    assert len(got.metadata) + len(got.errors) == len(inputs)  # documents in == out + errors
    assert set(got.figures.doc) == {p.stem for p in good}


def test_a_worker_lost_mid_run_is_retried_or_reported(readme_run, tmp_path: Path) -> None:
    """A worker that dies once is replaced and its task run again (Dask's retry); a task that
    kills every worker it runs on ends as a KilledWorker error row. Nothing is dropped."""
    marker = tmp_path / "died-once"

    def dies(task: Any) -> Any:
        doc = task[2]
        if doc == "once" and not marker.exists():
            marker.touch()
            os._exit(1)  # the worker process dies, as on an out-of-memory kill
        if doc == "killer":
            os._exit(1)
        return _extract_task(task)

    good = paths.corpus_files("national")[:4]
    once, killer = tmp_path / "once.txt", tmp_path / "killer.txt"
    once.write_bytes(good[0].read_bytes())
    killer.write_bytes(good[1].read_bytes())
    inputs = [*good, once, killer]
    tasks = [(i, str(p), p.stem, True, False) for i, p in enumerate(inputs)]
    results = list(_Runner(readme_run["client"].get_executor(), 0, fn=dies).run(tasks, 16))
    assert sorted(r.index for r in results) == list(range(len(inputs)))
    by_doc = {r.doc: r for r in results}
    assert marker.exists()  # "once" killed its first worker, then ran again and succeeded
    assert by_doc["once"].ok and by_doc["once"].rows == by_doc[good[0].stem].rows
    assert by_doc["killer"].error is not None
    assert by_doc["killer"].error["error"] == "KilledWorker"
    assert all(by_doc[p.stem].ok for p in good)


def test_a_batch_that_kills_its_workers_costs_only_the_killer(readme_run,
                                                              tmp_path: Path) -> None:
    """Documents go to Dask in batches: a batch lost with its workers (Dask gave up on it)
    is run again document by document, so only the killer is an error row."""
    def dies(task: Any) -> Any:
        if task[2] == "killer":
            os._exit(1)
        return _extract_task(task)

    good = paths.corpus_files("national")[:5]
    killer = tmp_path / "killer.txt"
    killer.write_bytes(good[1].read_bytes())
    inputs = [*good[:2], killer, *good[2:]]
    tasks = [(i, str(p), p.stem, True, False) for i, p in enumerate(inputs)]
    results = list(_Runner(readme_run["client"].get_executor(), 0, fn=dies, batch=3)
                   .run(tasks, 16))
    assert sorted(r.index for r in results) == list(range(len(inputs)))
    assert [(r.doc, r.error["error"]) for r in results if r.error] == [("killer", "KilledWorker")]
    assert all(r.rows > 0 for r in results if r.ok)


def test_a_dask_executor_counts_the_cluster_threads(readme_run) -> None:
    readme_run["client"].wait_for_workers(2, timeout=60)  # (a test above kills workers)
    workers = _executor_workers(readme_run["client"].get_executor())
    assert workers == 2  # the README's LocalCluster: 2 workers of 1 thread
    assert _batch_size(len(paths.corpus_files()), workers, None) > 1  # 78 reports: batches


def test_the_workers_are_asked_their_version_before_the_run(readme_run) -> None:
    import warnings

    import analysis

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the same version: no warning
        assert _Runner(readme_run["client"].get_executor(), 0)._check_workers() == \
            analysis.__version__


def test_iter_extract_on_dask_yields_every_document_once(readme_run) -> None:
    files = paths.corpus_files("national")
    got = list(iter_extract(files, readme_run["client"].get_executor(), max_pending=3))
    assert sorted(r.index for r in got) == list(range(len(files)))


# --- the command line -------------------------------------------------------------------------


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "extract", *args],
                          capture_output=True, text=True, check=False, timeout=timeout)


def test_cli_scheduler_writes_what_the_serial_run_writes(readme_run, tmp_path: Path) -> None:
    address = readme_run["cluster"].scheduler_address
    assert address.startswith("tcp://")
    inputs = [*map(str, paths.corpus_files("national")), str(tmp_path / "missing.txt")]
    for name, extra in (("serial", []), ("dask", ["--scheduler", address]),
                        ("local", ["--scheduler", "local", "--workers", "2"])):
        proc = run_cli(*inputs, "-o", str(tmp_path / f"{name}.csv"),
                       "--errors", str(tmp_path / f"{name}-errors.csv"), *extra)
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {tmp_path / 'missing.txt'}")
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "serial.csv").read_bytes()
    assert (tmp_path / "local.csv").read_bytes() == (tmp_path / "serial.csv").read_bytes()
    for name in ("dask", "local"):
        assert (tmp_path / f"{name}-errors.csv").read_bytes() == (
            tmp_path / "serial-errors.csv").read_bytes()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_unreachable_scheduler_is_a_one_line_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    t0 = time.monotonic()
    proc = run_cli(str(paths.corpus_files("national")[0]), "-o", str(out),
                   "--scheduler", address, timeout=60)
    assert time.monotonic() - t0 < 45  # the 10 s connect timeout, plus start-up
    assert proc.returncode == cli.EXIT_USAGE
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"error: cannot reach the Dask scheduler {address}"), proc.stderr
    assert not out.exists()


def test_cli_scheduler_without_workers_is_a_one_line_usage_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    """A scheduler no worker has joined would hold the run's first task for ever, in
    silence: the command line waits a while for a worker, then says so."""
    monkeypatch.setattr(cli, "WORKERS_WAIT_SECONDS", 2)
    out = tmp_path / "out.csv"
    with distributed.LocalCluster(n_workers=0, dashboard_address=None) as empty:
        t0 = time.monotonic()
        status = cli.main(["extract", str(paths.corpus_files("national")[0]), "-o", str(out),
                           "--scheduler", empty.scheduler_address])
    assert time.monotonic() - t0 < 30
    assert status == cli.EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: no worker has joined the Dask scheduler {empty.scheduler_address} "
                   "in 2 s; nothing written"]
    assert not out.exists()


def test_cli_without_distributed_is_a_one_line_usage_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    out = tmp_path / "out.csv"
    status = cli.main(["extract", str(paths.corpus_files("national")[0]), "-o", str(out),
                       "--scheduler", "tcp://127.0.0.1:8786"])
    assert status == cli.EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: --scheduler needs Dask: pip install 'gwr-analysis[dask]'"]
    assert not out.exists()


def test_the_cli_silences_every_dask_logger_that_has_a_level_of_its_own() -> None:
    """A flaky failure of the test above under load: the CLI printed Dask's traceback of a
    broken stream (30 lines) after its one error line. distributed.client and
    tornado.application have levels of their own, so silencing the top logger missed them."""
    import logging

    from analysis.cli import _silence_dask_logs

    names = ["distributed", "distributed.client", "distributed.gc", "distributed.comm.tcp",
             "tornado", "tornado.application", "bokeh"]
    saved = {n: logging.getLogger(n).level for n in logging.root.manager.loggerDict}
    try:
        logging.getLogger("distributed.client").setLevel(logging.WARNING)  # as Dask's config
        logging.getLogger("tornado.application").setLevel(logging.ERROR)  # sets them
        _silence_dask_logs()
        for name in names:
            assert logging.getLogger(name).getEffectiveLevel() == logging.CRITICAL, name
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
