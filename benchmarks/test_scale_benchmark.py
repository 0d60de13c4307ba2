"""Scale: the real corpus (serial, 2 processes, Dask) and 10 MB / 100 MB texts (``make benchmark``).

Throughput is MB/s of input bytes (UTF-8 as stored). The concatenations repeat the body of
the Liujiang report (title to the last part, before its appendix and glossary, so that every
copy is read and extracted as a report body) to about 10 MB and 100 MB in one text, and
compare the time per copy with the time for one copy alone; each runs in a fresh process so
its peak resident memory (``VmHWM``) is its own.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from analysis.corpus import extract_document, extract_many


def _corpus_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


ROUNDS = 5  # this machine class is a shared VM: one run can be 30% off, so the median of 5


@pytest.mark.filterwarnings("ignore")
def test_real_corpus_serial_processes_and_dask(benchmark, summary, real_corpus) -> None:
    """The real corpus serially, on 2 worker processes and on a Dask LocalCluster of 2
    workers, interleaved: each round runs all three one after the other, so that the
    machine's drift (up to 2x within an hour) falls on all three alike, and each speed-up is
    the median of the rounds' own ratios."""
    distributed = pytest.importorskip("distributed")
    times: dict[str, list[float]] = {"serial": [], "2 processes": [], "Dask": []}
    results = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            # Warm the workers as a long-lived cluster is: imports and first-use caches
            # (vocabulary, character tables), by one document on each worker.
            client.run(extract_document, real_corpus[0])
            executors = {"serial": None, "2 processes": 2, "Dask": client.get_executor()}

            def one_round() -> None:
                for label, executor in executors.items():
                    start = time.perf_counter()
                    results[label] = extract_many(real_corpus, executor)
                    times[label].append(time.perf_counter() - start)

            benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    mb = _corpus_mb(real_corpus)
    serial = results["serial"]
    for result in results.values():
        assert len(result.metadata) + len(result.errors) == len(real_corpus)
        assert len(result.figures) == len(serial.figures)
    labels = {"serial": "serial", "2 processes": "2 worker processes (pool start-up included)",
              "Dask": "Dask LocalCluster, 2 workers (cluster start-up not included)"}
    for label, ts in times.items():
        median = statistics.median(ts)
        line = (f"{mb / median:5.2f} MB/s median of {ROUNDS} (best {mb / min(ts):.2f}; "
                f"{mb:.1f} MB in {median:.2f} s")
        if label != "serial":
            ratios = [s / t for s, t in zip(times["serial"], ts, strict=True)]
            line += (f"; x{statistics.median(ratios):.2f} serial, median of the rounds' "
                     f"ratios, range x{min(ratios):.2f}–{max(ratios):.2f}")
        else:
            line += (f"; {len(real_corpus)} docs, {len(serial.figures):,} figures, "
                     f"{len(serial.errors)} errors")
        summary(f"real corpus, {labels[label]}", line + ")")
        benchmark.extra_info[f"{label} MB/s"] = round(mb / median, 2)


_CONCAT = """
import json, statistics, sys, time
import analysis
from analysis.extraction import extract_figures

def hwm_mb():
    with open("/proc/self/status") as f:
        return next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM:")) / 1024

report = analysis.load_report()
s = report.sections()
cut = int(s[s.kind.isin(["appendix", "glossary", "colophon"])].start.min())
body = report.raw[:cut]
def run(text):
    t = time.perf_counter()
    rows = len(extract_figures(analysis.Report.fromstring(text, doc="concat")))
    return time.perf_counter() - t, rows
one = statistics.median(run(body)[0] for _ in range(7))
copies = max(1, round(float(sys.argv[1]) * 1e6 / len(body.encode("utf-8"))))
text = "\\n".join([body] * copies)
del report, s
base = hwm_mb()
seconds, rows = run(text)
print(json.dumps({"copies": copies, "mb": len(text.encode("utf-8")) / 1e6, "one_ms": one * 1e3,
                  "seconds": seconds, "rows": rows, "base_mb": base, "peak_mb": hwm_mb()}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("megabytes", [10, 100])
def test_concatenation_time_per_copy_and_memory(benchmark, summary, megabytes: int) -> None:
    def measure() -> dict:
        proc = subprocess.run([sys.executable, "-c", _CONCAT, str(megabytes)],
                              capture_output=True, text=True, check=True)
        return json.loads(proc.stdout)

    t0 = time.perf_counter()
    out = benchmark.pedantic(measure, rounds=1, iterations=1)
    per_copy = out["seconds"] / out["copies"] * 1000
    ratio = per_copy / out["one_ms"]
    growth = out["peak_mb"] - out["base_mb"]
    benchmark.extra_info.update({k: round(v, 2) for k, v in out.items()}
                                | {"per_copy_ms": round(per_copy, 2), "ratio": round(ratio, 2)})
    summary(f"{out['mb']:.0f} MB text ({out['copies']} copies of the body), per copy",
           f"{per_copy:5.1f} ms vs {out['one_ms']:.1f} ms alone (x{ratio:.2f}); "
           f"{out['mb'] / out['seconds']:.2f} MB/s; peak RSS +{growth:.0f} MB over start-up "
           f"({growth / out['mb']:.1f}x input), {time.perf_counter() - t0:.0f} s with start-up")
