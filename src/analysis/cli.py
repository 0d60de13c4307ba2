"""Command line: ``python -m analysis extract PATH... [--format csv|json|parquet] [-o OUT]``.

Several files at once, serially or on ``--workers N`` processes; a bad file gets a clear
message on standard error and a non-zero exit status, while the good files' rows are still
written. ``--format parquet -o DIR`` writes a dataset partitioned by year, document by
document, so a corpus larger than memory can be extracted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .extraction.schema import COLUMN_DOCS

if TYPE_CHECKING:
    from .corpus import DocumentResult


def _columns_help() -> str:
    width = max(map(len, COLUMN_DOCS))
    return "columns of the output, in order:\n" + "\n".join(
        f"  {name.ljust(width)}  {doc}" for name, doc in COLUMN_DOCS.items()
    ) + (
        "\n\nthe --errors file has one row per bad file: doc, path, error (the exception "
        "class:\n  FileNotFoundError, IsADirectoryError, ReportFormatError, NotAReportError "
        "…), message"
    )


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
                    help="report files (.txt: UTF-8, GB18030, UTF-16)")
    ex.add_argument("--format", choices=("csv", "json", "parquet"), default="csv",
                    help="output format (default: csv)")
    ex.add_argument("-o", "--output", type=Path,
                    help="output file (default: standard output); for parquet a directory, "
                    "written as a dataset partitioned by year (year=2020/..., replacing "
                    "the partitions already there), or a "
                    "single file if the name ends in .parquet")
    ex.add_argument("--workers", type=int, default=1, metavar="N",
                    help="documents extracted in parallel by N processes (default: 1, serial)")
    ex.add_argument("--errors", type=Path, metavar="FILE",
                    help="write one CSV row per bad file (doc, path, error, message)")
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
    for r in results:
        if r.error is not None:
            msg = f"error: {r.error['message']}"
            if bar is not None:
                bar.message(msg)
            else:
                print(msg, file=sys.stderr)
        elif text_dir is not None and r.text is not None:
            with (text_dir / f"{r.doc}.txt").open("w", encoding="utf-8", newline="") as f:
                f.write(r.text)
        yield r


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.format == "parquet" and args.output is None:
        print("error: --format parquet needs -o DIR (or -o FILE.parquet)", file=sys.stderr)
        return 2
    if args.workers < 1:
        print(f"error: --workers must be at least 1, got {args.workers}", file=sys.stderr)
        return 2
    from .corpus import collect, iter_extract, write_csv, write_parquet

    if args.text_dir is not None:
        args.text_dir.mkdir(parents=True, exist_ok=True)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    results = _tee(
        iter_extract(args.paths, None if args.workers == 1 else args.workers, progress=bar,
                     check_report=args.check_report, keep_text=args.text_dir is not None,
                     ordered=True),
        bar, args.text_dir,
    )
    out = args.output
    if args.format == "csv":
        errors = write_csv(results, out).errors
    elif args.format == "parquet" and out.suffix != ".parquet":
        errors = write_parquet(results, out, overwrite=True).errors
    else:
        result = collect(results)
        errors, table = result.errors, result.figures
        if args.format == "parquet":
            table.to_parquet(out, index=False)
        else:
            text = table.to_json(orient="records", force_ascii=False, indent=1)
            if out:
                out.write_text(text + "\n", encoding="utf-8")
            else:
                sys.stdout.write(text + "\n")
    if args.errors is not None:
        errors.to_csv(args.errors, index=False)
    return 1 if len(errors) else 0
