"""Command line: ``python -m analysis extract PATH... [--format csv|json|parquet] [-o OUT]``.

Several files at once; a bad file gets a clear message on standard error and a non-zero
exit status, while the good files' rows are still written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .extraction.schema import COLUMN_DOCS


def _columns_help() -> str:
    width = max(map(len, COLUMN_DOCS))
    return "columns of the output, in order:\n" + "\n".join(
        f"  {name.ljust(width)}  {doc}" for name, doc in COLUMN_DOCS.items()
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
                    help="output file (default: standard output; parquet needs a file)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    import pandas as pd

    from . import figures, load_report
    from .extraction import FIGURE_COLUMNS
    from .reading.sources import ReportError

    frames, failed = [], 0
    for path in args.paths:
        try:
            frames.append(figures(load_report(path)))
        except (ReportError, OSError) as exc:
            failed += 1
            print(f"error: {exc}", file=sys.stderr)
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=list(FIGURE_COLUMNS))
    if args.format == "parquet" and args.output is None:
        print("error: --format parquet needs -o FILE", file=sys.stderr)
        return 2
    out = args.output
    if args.format == "csv":
        table.to_csv(out if out else sys.stdout, index=False)
    elif args.format == "json":
        text = table.to_json(orient="records", force_ascii=False, indent=1)
        if out:
            out.write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
    else:
        table.to_parquet(out, index=False)
    return 1 if failed else 0
