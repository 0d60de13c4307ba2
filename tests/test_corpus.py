"""Many documents: a small SYNTHETIC corpus with bad files, serial and on executors."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.corpus import (
    ERROR_COLUMNS,
    CorpusResult,
    DocumentResult,
    ExecutorError,
    collect,
    extract_document,
    extract_many,
    iter_extract,
    process_pool,
    write_csv,
    write_parquet,
)
from analysis.extraction import FIGURE_COLUMNS
from analysis.reading.text import display_width
from analysis.synthetic import INDICATORS, synthetic_panel, synthetic_report, write_corpus

PLACES = ["澄川县", "梧原市", "泺北省"]
YEARS = [2021, 2022]
NOTICE = (
    "关于召开全县春季农业生产工作会议的通知\n"
    "各乡镇人民政府，县直有关单位：\n"
    "经研究，定于3月5日上午9时在县政府三楼会议室召开全县春季农业生产工作会议。\n"
    "请各单位主要负责同志准时参加，并提前做好汇报准备。\n"
    "县人民政府办公室\n"
)
README = "# gwr-analysis\n\nTurn reports into tidy data.\nRun `make test` to check.\n"


@pytest.fixture(scope="module")
def panel() -> tuple[dict[str, str], pd.DataFrame]:
    return synthetic_panel(PLACES, YEARS, seed=7, size_chars=6000)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, panel) -> dict[str, list[Path]]:
    root = tmp_path_factory.mktemp("corpus")
    good = write_corpus(root, panel[0])
    (root / "corrupt.txt").write_bytes(b"%PDF\x00\x01\x02\xff\xfe garbage" * 50)
    (root / "empty.txt").write_bytes(b"")
    (root / "README.txt").write_text(README, encoding="utf-8")
    (root / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (root / "folder.txt").mkdir()
    bad = [root / "corrupt.txt", root / "empty.txt", root / "README.txt", root / "notice.txt",
           root / "missing.txt", root / "folder.txt"]
    # Bad files interleaved with good ones, so input order is tested too.
    paths = [p for pair in zip(good, bad, strict=True) for p in pair]
    return {"good": good, "bad": bad, "all": paths}


@pytest.fixture(scope="module")
def serial(corpus) -> CorpusResult:
    return extract_many(corpus["all"])


EXPECTED_ERRORS = {
    "corrupt": "ReportFormatError",
    "empty": "ReportFormatError",
    "README": "NotAReportError",
    "notice": "NotAReportError",
    "missing": "FileNotFoundError",
    "folder": "IsADirectoryError",
}


def test_every_good_document_and_one_error_row_per_bad_file(serial, corpus) -> None:
    good_docs = [p.stem for p in corpus["good"]]
    assert list(serial.figures.columns) == list(FIGURE_COLUMNS)
    assert list(pd.unique(serial.figures.doc)) == good_docs  # input order
    assert list(serial.errors.columns) == list(ERROR_COLUMNS)
    assert dict(zip(serial.errors.doc, serial.errors.error, strict=True)) == EXPECTED_ERRORS
    assert list(serial.errors.doc) == list(EXPECTED_ERRORS)  # input order
    for path, message in zip(serial.errors.path, serial.errors.message, strict=True):
        assert path in message  # every message names its file


def test_figures_equal_single_document_extraction(serial, corpus) -> None:
    path = corpus["good"][2]
    alone = analysis.figures(analysis.load_report(path))
    got = serial.figures[serial.figures.doc == path.stem].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, alone)


def test_collected_frame_is_pandas_own_reading_of_the_columns(corpus) -> None:
    """collect builds the figures frame column by column in its dtype (the fast way): the
    same frame as pandas makes of the lists, missing years (None or pd.NA) included."""
    results = [extract_document(p, i) for i, p in enumerate(corpus["good"][:3])]
    first = results[0]
    assert first.figures is not None and first.dtypes is not None
    results[1] = replace(results[1], figures={**results[1].figures,
                                              "year": [pd.NA] * results[1].rows})
    columns = {c: [v for r in results for v in r.figures[c]] for c in first.dtypes}
    want = pd.DataFrame(columns).astype(first.dtypes)
    pd.testing.assert_frame_equal(collect(results).figures, want)
    assert want.year.isna().sum() >= results[1].rows


@pytest.mark.parametrize(("piece_rows", "chunk_rows"), [(1, 20_000), (50, 20_000), (50, 120)])
def test_frames_built_from_arrow_pieces_are_the_same_table(corpus, monkeypatch, piece_rows,
                                                           chunk_rows) -> None:
    """While a chunk fills, its figures go to Arrow a few rows at a time (so that a pool's
    parent does this work while its workers run): pieces of any size, in chunks of any size,
    give the table of one piece, in input order, missing years (pd.NA) included."""
    from analysis import corpus as corpus_module

    results = [extract_document(p, i) for i, p in enumerate(corpus["good"][:4])]
    results[2] = replace(results[2], figures={**results[2].figures,
                                              "year": [pd.NA] * results[2].rows})
    want = pd.concat(list(corpus_module._frames(results)), ignore_index=True)
    assert len(want) > 150 and want.year.isna().sum() >= results[2].rows
    monkeypatch.setattr(corpus_module, "_ARROW_PIECE_ROWS", piece_rows)
    frames = list(corpus_module._frames(results, chunk_rows))
    chunks, filled = 0, 0  # a chunk ends with the document that brings it to chunk_rows
    for r in results:
        filled += r.rows
        if filled >= chunk_rows:
            chunks, filled = chunks + 1, 0
    assert len(frames) == chunks + (filled > 0)
    pd.testing.assert_frame_equal(pd.concat(frames, ignore_index=True), want)


@pytest.mark.parametrize("make", [
    lambda: ThreadPoolExecutor(2),
    lambda: ProcessPoolExecutor(2),
    lambda: 2,
], ids=["threads", "processes", "int"])
def test_same_results_on_executors(serial, corpus, make) -> None:
    executor = make()
    try:
        result = extract_many(corpus["all"], executor)
    finally:
        if hasattr(executor, "shutdown"):
            executor.shutdown()
    pd.testing.assert_frame_equal(result.figures, serial.figures)
    pd.testing.assert_frame_equal(result.errors, serial.errors)
    pd.testing.assert_frame_equal(result.metadata, serial.metadata)


def test_metadata_from_the_title_block(serial, corpus) -> None:
    md = serial.metadata
    assert list(md.doc) == [p.stem for p in corpus["good"]]
    assert md.doc.str.split("-").str[1].astype(int).tolist() == md.year.tolist()
    assert set(md.jurisdiction) == set(PLACES)
    assert dict(zip(md.jurisdiction, md.level, strict=False)) == {
        "澄川县": "county", "梧原市": "city", "泺北省": "province"}
    assert md.session_date.dt.year.tolist() == md.year.tolist()
    assert md.speaker.str.endswith("某").all()


def test_extracted_targets_and_outcomes_match_the_synthetic_truth(serial, panel) -> None:
    _, truth = panel
    f = serial.figures
    f = f[f.indicator_id.isin(list(INDICATORS)) & (f.measure == "growth_pct")]
    md = serial.metadata.set_index("doc")
    targets = f[f.status == "target"].assign(place=lambda d: d.doc.map(md.jurisdiction))
    outcomes = f[f.status == "estimate"].assign(place=lambda d: d.doc.map(md.jurisdiction))
    keys = ["place", "indicator_id", "year"]
    t = truth.dropna(subset=["target"]).merge(targets, on=keys, how="left")
    assert len(t) == len(truth.target.dropna()) == len(targets)
    assert (t.value == t.target).all()
    assert (t.bound == t.target_bound).all()
    o = truth.dropna(subset=["outcome"]).merge(outcomes, on=keys, how="left")
    assert (o.value == o.outcome).all()
    assert len(outcomes) == len(PLACES) * len(YEARS) * len(INDICATORS)
    # Targets met and missed, and one exactly on its floor.
    met = truth.met.dropna()
    assert met.any() and not met.all()
    floor = truth[(truth.target_bound == "ge") & (truth.target == truth.outcome)]
    assert len(floor) >= 1


def test_synthetic_reports_are_deterministic_and_sized() -> None:
    kw = {"seed": 3, "outcomes": {"gdp": (10.0, 5.0)}, "targets": {"gdp": (6.0, "approx")}}
    a = synthetic_report("梧原市", 2020, **kw)
    assert a == synthetic_report("梧原市", 2020, **kw)
    assert a != synthetic_report("梧原市", 2020, **{**kw, "seed": 4})
    assert 19000 <= len(a) <= 22000
    widths = [display_width(ln) for ln in a.splitlines()[4:]]
    assert max(widths) <= 31  # hard-wrapped as PDF text (a hanging comma may add a cell)
    assert sum(w >= 27 for w in widths) > len(widths) / 2


def test_progress_is_reported(corpus) -> None:
    calls: list[tuple[int, int]] = []
    extract_many(corpus["all"][:4], progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_check_report_off_accepts_any_text(corpus) -> None:
    notice = [p for p in corpus["bad"] if p.stem == "notice"]
    result = extract_many(notice, check_report=False)
    assert result.errors.empty and list(result.metadata.doc) == ["notice"]


def test_iter_extract_streams_every_document(corpus) -> None:
    seen = list(iter_extract(corpus["all"], 2, max_pending=2))
    assert sorted(r.index for r in seen) == list(range(len(corpus["all"])))
    ordered = list(iter_extract(corpus["all"], ThreadPoolExecutor(2), ordered=True))
    assert [r.index for r in ordered] == list(range(len(corpus["all"])))


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["doc", "start", "measure"]).reset_index(drop=True)


def test_write_parquet_and_csv_stream(tmp_path: Path, serial, corpus) -> None:
    summary = write_parquet(iter_extract(corpus["all"]), tmp_path / "ds")
    assert summary.rows == len(serial.figures) and summary.documents == len(corpus["good"])
    assert len(summary.errors) == len(corpus["bad"])
    years = sorted(p.name for p in (tmp_path / "ds").iterdir())
    assert years == [f"year={y}" for y in sorted(serial.figures.year.dropna().unique())]
    back = pd.read_parquet(tmp_path / "ds")
    back["year"] = back["year"].astype(int)
    want = serial.figures.astype({"year": int})
    pd.testing.assert_frame_equal(_sorted(back[list(FIGURE_COLUMNS)]), _sorted(want),
                                  check_dtype=False)
    write_csv(iter_extract(corpus["all"]), tmp_path / "f.csv")
    csv = pd.read_csv(tmp_path / "f.csv")
    assert len(csv) == len(serial.figures) and list(csv.columns) == list(FIGURE_COLUMNS)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, check=False)


def test_cli_workers_parquet_dataset(tmp_path: Path, serial, corpus) -> None:
    out, errors, texts = tmp_path / "ds", tmp_path / "errors.csv", tmp_path / "texts"
    proc = run("extract", *map(str, corpus["all"]), "--workers", "2", "--format", "parquet",
               "-o", str(out), "--errors", str(errors), "--text-dir", str(texts))
    assert proc.returncode == 1
    for p in corpus["bad"]:
        assert p.name in proc.stderr
    assert "\r[" not in proc.stderr  # no progress bar when standard error is not a TTY
    back = pd.read_parquet(out)
    assert {p.name for p in out.iterdir()} == {"year=2020", "year=2021", "year=2022"}
    back["year"] = back["year"].astype(int)
    pd.testing.assert_frame_equal(_sorted(back[list(FIGURE_COLUMNS)]),
                                  _sorted(serial.figures.astype({"year": int})),
                                  check_dtype=False)
    err = pd.read_csv(errors)
    assert dict(zip(err.doc, err.error, strict=True)) == EXPECTED_ERRORS
    # --text-dir: the raw text each quote is a span of.
    for doc, rows in serial.figures.groupby("doc"):
        with (texts / f"{doc}.txt").open(encoding="utf-8", newline="") as f:
            raw = f.read()
        assert all(raw[a:b] == q for a, b, q in zip(rows.start, rows.end, rows.quote,
                                                       strict=True))


def test_write_parquet_refuses_to_mix_with_an_old_dataset(tmp_path: Path, corpus) -> None:
    first = corpus["good"][:2]
    write_parquet(iter_extract(first), tmp_path)
    with pytest.raises(FileExistsError, match="overwrite"):
        write_parquet(iter_extract(first), tmp_path)
    summary = write_parquet(iter_extract(corpus["good"][:1]), tmp_path, overwrite=True)
    assert len(pd.read_parquet(tmp_path)) == summary.rows
    none = write_parquet(iter_extract(corpus["bad"]), tmp_path / "empty")
    assert none.rows == 0 and len(none.errors) == len(corpus["bad"])
    # Rows without a year go to the top of the dataset (not to Hive's default partition,
    # which pandas.read_parquet cannot read back next to real years): year comes back missing.
    r = extract_document(corpus["good"][0])
    assert r.figures is not None
    r2 = replace(r, index=1, doc="other", figures={**r.figures, "year": [pd.NA] * r.rows})
    write_parquet([r, r2], tmp_path / "noyear")
    years = {y for y in r.figures["year"] if y is not None}
    assert sorted(p.name for p in (tmp_path / "noyear").iterdir()) == [
        "part-null.parquet", *sorted(f"year={y}" for y in years)]
    back = pd.read_parquet(tmp_path / "noyear")
    assert len(back) == 2 * r.rows and back.year.isna().sum() == r.rows


def test_the_last_batches_shrink_so_that_workers_end_together() -> None:
    """Documents go out 4 at a time, but once fewer than 2 batches per worker are left, a
    batch is a quarter of what is left (for 2 workers), down to one document: a worker
    never starts 4 documents while the other has nothing left to do."""
    from concurrent.futures import ThreadPoolExecutor

    from analysis.corpus import _Runner

    class Recording(ThreadPoolExecutor):
        def __init__(self, workers: int):
            super().__init__(workers)
            self.sizes: list[int] = []

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
            self.sizes.append(len(args[1]))
            return super().submit(fn, *args, **kwargs)

    def task_result(task):
        return DocumentResult(task[0], task[2], task[1], 0, metadata={})

    tasks = [(i, f"d{i}.txt", f"d{i}", True, False) for i in range(30)]
    for slots, want in ((2, [4, 4, 4, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1]), (0, [4] * 7 + [2])):
        with Recording(2) as pool:
            results = list(_Runner(pool, 0, fn=task_result, batch=4, slots=slots)
                           .run(tasks, window=64))
        assert pool.sizes == want
        assert sorted(r.index for r in results) == list(range(30))


def test_metadata_has_the_same_dtypes_with_or_without_a_good_document(tmp_path: Path) -> None:
    # Added after a review found the frame of a run with no good document had object columns
    # where a run with one has str: a script that checks dtypes would break on an all-bad run.
    good = extract_many([analysis.paths.raw_dir() / analysis.paths.DEFAULT_REPORT]).metadata
    bad = extract_many([tmp_path / "missing.txt"]).metadata
    assert len(good) == 1 and bad.empty
    assert bad.dtypes.to_dict() == good.dtypes.to_dict()


def test_errors_have_the_same_dtypes_with_or_without_an_error(tmp_path: Path) -> None:
    # Added with the test above, for the same reason (the frame without errors was object).
    none = extract_many([analysis.paths.raw_dir() / analysis.paths.DEFAULT_REPORT]).errors
    one = extract_many([tmp_path / "missing.txt"]).errors
    assert none.empty and len(one) == 1
    assert none.dtypes.to_dict() == one.dtypes.to_dict()
    assert set(none.dtypes.astype(str)) == {"str"}


def _sigint_handler_is_ignored() -> bool:
    import signal

    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_a_kept_pool_runs_many_calls_like_a_pool_per_call(corpus) -> None:
    paths = corpus["good"][:4]
    serial = extract_many(paths)
    with process_pool(2) as pool:
        first, second = extract_many(paths, pool), extract_many(paths, pool)
        assert pool.submit(_sigint_handler_is_ignored).result()  # Ctrl-C left to the parent
    for result in (first, second):
        pd.testing.assert_frame_equal(result.figures, serial.figures)
        pd.testing.assert_frame_equal(result.metadata, serial.metadata)


def test_a_kept_pool_whose_worker_died_says_so(corpus) -> None:
    import os
    import signal

    paths = corpus["good"][:4]
    with process_pool(2) as pool:
        assert len(extract_many(paths, pool).metadata) == len(paths)
        os.kill(next(iter(pool._processes)), signal.SIGKILL)  # its pool is broken for good
        deadline = time.monotonic() + 30
        while not pool._broken and time.monotonic() < deadline:  # as the pool sees it, so
            time.sleep(0.01)  # that no document of the next run is done before it does
        with pytest.raises(ExecutorError, match="ran none of the documents"):
            extract_many(paths, pool)


@pytest.mark.parametrize("workers", [0, -1, True, 1.5])
def test_a_kept_pool_needs_a_whole_number_of_workers(workers) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        process_pool(workers)
