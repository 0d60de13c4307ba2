"""Outputs that read back: ``python -m analysis extract`` on the 16 real national reports, in
every format, read back with the ordinary readers gives the in-memory table's rows and dtypes.

Where a format cannot keep a dtype the README says so, and the test checks exactly that one
difference: in a year-partitioned Parquet dataset ``year`` lives in the folder names, so
``pandas.read_parquet(DIR)`` gives it as a categorical (last column) and ``pyarrow.dataset`` as
int32; a single partition file has no ``year`` column at all. CSV has one empty value for an
empty string and a missing one (``read_figures_csv`` reads both as missing) and neutralizes
formula-like cells, which ``read_figures_csv`` undoes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import extract_many, figures_arrow_schema, read_figures_csv
from analysis.extraction import FIGURE_COLUMNS, FIGURE_DTYPES

pytest.importorskip("pyarrow")

COLUMNS = list(FIGURE_COLUMNS)


@pytest.fixture(scope="module")
def national() -> list[Path]:
    files = paths.corpus_files("national")
    assert len(files) == 16
    return files


@pytest.fixture(scope="module")
def figures(national: list[Path]) -> pd.DataFrame:
    result = extract_many(national)
    assert result.errors.empty
    return result.figures


@pytest.fixture(scope="module")
def outputs(national: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    files = list(map(str, national))
    for fmt, target in (("parquet", "dataset"), ("parquet", "single.parquet"),
                        ("csv", "figures.csv"), ("json", "figures.json")):
        proc = subprocess.run([sys.executable, "-m", "analysis", "extract", *files,
                               "--format", fmt, "-o", str(out / target)],
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
    return out


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order (a dataset is read partition by partition)."""
    return frame.sort_values(["doc", "start", "end", "measure", "indicator"]
                             ).reset_index(drop=True)


def test_the_table_has_the_cases_a_format_can_lose(figures: pd.DataFrame) -> None:
    """The national reports exercise what a round trip can get wrong."""
    assert len(figures) > 1000 and figures.year.nunique() > 10
    assert figures.period_start.isna().any() and figures.period_start.notna().any()
    assert figures.value.isna().any() and (figures.reference == "").any()
    assert str(figures.period_start.dtype) == "Int64"


def test_pandas_reads_the_partitioned_dataset(outputs: Path, figures: pd.DataFrame) -> None:
    back = pd.read_parquet(outputs / "dataset")
    assert list(back.columns) == [c for c in COLUMNS if c != "year"] + ["year"]
    assert isinstance(back.year.dtype, pd.CategoricalDtype)  # from the folder names
    back = back[COLUMNS].astype({"year": "Int64"})
    pd.testing.assert_frame_equal(canonical(back), canonical(figures))


def test_pandas_reads_a_single_partition_file(outputs: Path, figures: pd.DataFrame) -> None:
    files = sorted((outputs / "dataset").glob("year=*/part-0.parquet"))
    assert len(files) == figures.year.nunique()
    for file in files:
        year = int(file.parent.name.removeprefix("year="))
        back = pd.read_parquet(file)
        want = figures[figures.year == year].drop(columns="year").reset_index(drop=True)
        pd.testing.assert_frame_equal(canonical(back), canonical(want))


def test_pyarrow_dataset_reads_the_partitioned_dataset(outputs: Path,
                                                       figures: pd.DataFrame) -> None:
    import pyarrow.dataset as ds

    back = ds.dataset(outputs / "dataset", partitioning="hive").to_table().to_pandas()
    assert str(back.year.dtype) == "int32"  # Hive partition values are inferred
    back = back[COLUMNS].astype({"year": "Int64"})
    pd.testing.assert_frame_equal(canonical(back), canonical(figures))
    # With the figures' own schema the partition column is int64 like in the table.
    import pyarrow as pa

    schema = figures_arrow_schema()
    part = ds.partitioning(pa.schema([schema.field("year")]), flavor="hive")
    typed = ds.dataset(outputs / "dataset", partitioning=part).to_table().to_pandas()
    pd.testing.assert_frame_equal(canonical(typed[COLUMNS].astype({"year": "Int64"})),
                                  canonical(figures))


def test_a_single_parquet_file_reads_back_exactly(outputs: Path,
                                                  figures: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(pd.read_parquet(outputs / "single.parquet"), figures)


def test_csv_reads_back_with_read_figures_csv(outputs: Path, figures: pd.DataFrame) -> None:
    back = read_figures_csv(outputs / "figures.csv")
    text = [c for c, t in FIGURE_DTYPES.items() if t == "str"]
    want = figures.copy()
    for c in text:  # CSV has one empty value: an empty string comes back missing
        want[c] = want[c].mask(want[c] == "")
    pd.testing.assert_frame_equal(back, want)


def test_json_reads_back_with_pandas(outputs: Path, figures: pd.DataFrame) -> None:
    path = outputs / "figures.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    assert len(records) == len(figures) and list(records[0]) == COLUMNS
    back = pd.read_json(path, orient="records", dtype=False).astype(FIGURE_DTYPES)
    pd.testing.assert_frame_equal(back, figures)
