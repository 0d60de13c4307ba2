"""Scale (``make benchmark``): the real corpus (serial, a pool per call and a kept pool of 2
processes, Dask, two independent processes on half of it each), 10 MB / 100 MB texts, and
what a page fault costs on this machine.

Throughput is MB/s of input bytes (UTF-8 as stored). The concatenations repeat the body of
the Liujiang report (title to the last part, before its appendix and glossary, so that every
copy is read and extracted as a report body) to about 10 MB and 100 MB in one text, and
compare the time per copy with the time for one copy alone; each runs in a fresh process so
its peak resident memory (``VmHWM``) is its own.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _corpus_mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


ROUNDS = 15  # this machine class is a shared VM: a single run can be off by 2x


# One warm process per way of running the corpus (argv: mode, then the paths): it sets up
# (a Dask cluster, a kept pool), runs the corpus once to warm what any long job has warmed
# after its first seconds (imports, vocabulary, memory arenas grown to size), says "ready",
# then runs it once more each time it reads a line, printing JSON. A pool made per call is
# made inside each run, as `executor=2` does.
_CORPUS_SERVER = """
import json, multiprocessing, resource, sys, time, warnings
warnings.simplefilter("ignore")
from analysis.corpus import extract_document, extract_many, process_pool

def faults(pool):  # minor page faults so far, of this process and the children it waited for
    while pool and multiprocessing.active_children():  # a finished pool's workers: reaped in
        time.sleep(0.001)                              # the background, counted once reaped
    return sum(resource.getrusage(who).ru_minflt
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))

def main():
    mode, paths = sys.argv[1], sys.argv[2:]
    extract_document(paths[0])
    cluster = client = None
    executor = {"serial": None, "processes": 2}.get(mode)
    if mode == "kept":  # one pool for every run of this process, as a caller may keep one
        executor = process_pool(2)
    if mode == "dask":
        import distributed
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
        client.run(extract_document, paths[0])
        executor = client.get_executor()
    extract_many(paths, executor)
    print("ready", flush=True)
    per_call_pool = mode == "processes"
    for _ in sys.stdin:
        before, start = faults(per_call_pool), time.perf_counter()
        result = extract_many(paths, executor)
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds, "faults": faults(per_call_pool) - before,
                          "figures": len(result.figures), "errors": len(result.errors),
                          "documents": len(result.metadata)}), flush=True)
    if client is not None:
        client.close()
        cluster.close()
    if mode == "kept":
        executor.shutdown()

if __name__ == "__main__":
    main()
"""


def halves(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The corpus in two halves of about equal bytes: largest file first, each file to the
    lighter half so far."""
    parts: tuple[list[Path], list[Path]] = ([], [])
    load = [0, 0]
    for p in sorted(paths, key=lambda p: -p.stat().st_size):
        k = load.index(min(load))
        parts[k].append(p)
        load[k] += p.stat().st_size
    return parts


class _Servers:
    """The warm processes of :data:`_CORPUS_SERVER`, one or more per mode: ``run(mode)``
    tells each of the mode's processes to run at once and waits for all of them (the run
    lasts until the slowest is done)."""

    def __init__(self, script: Path, jobs: dict[str, list[list[Path]]]):
        self.procs: dict[str, list[subprocess.Popen]] = {}
        try:
            for mode, parts in jobs.items():
                self.procs[mode] = [
                    subprocess.Popen([sys.executable, str(script), mode, *map(str, part)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                    for part in parts]
            for mode, procs in self.procs.items():
                for proc in procs:
                    assert proc.stdout is not None
                    assert proc.stdout.readline().strip() == "ready", f"{mode} did not start"
        except BaseException:
            self.close()
            raise

    def run(self, mode: str) -> dict:
        procs = self.procs[mode]
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        lines = [proc.stdout.readline() if proc.stdout else "" for proc in procs]
        assert all(lines), f"a {mode} process ended (its error went to the terminal)"
        outs = [json.loads(line) for line in lines]
        return {"seconds": max(out["seconds"] for out in outs),
                **{k: sum(out[k] for out in outs)
                   for k in ("faults", "figures", "errors", "documents")}}

    def close(self) -> None:
        for procs in self.procs.values():
            for proc in procs:
                if proc.stdin:
                    proc.stdin.close()  # the end of its input: it returns
        for procs in self.procs.values():
            for proc in procs:
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                if proc.stdout:
                    proc.stdout.close()


def test_real_corpus_serial_processes_and_dask(benchmark, summary, real_corpus,
                                              tmp_path: Path) -> None:
    """The real corpus serially, on 2 worker processes (a pool made by each call, as
    ``executor=2`` does, and one pool kept across the calls: what a pool costs to start), on
    a Dask LocalCluster of 2 workers, and as two independent serial processes on half of it
    each (no pool, nothing sent, no table of the whole corpus: what two processes get on this
    VM at that moment; on this shared VM two busy cores often give much less than twice one).

    Each mode has its warm process (two for the halves), waiting; a round runs the corpus
    once in each mode, one mode after the other, so that all of them see the machine within
    a few seconds of each other (it drifts by up to 2x within an hour, and single runs of half
    a second by as much). A mode's speed is the median of its rounds; a speed-up is the median
    of the rounds' own ratios, and the pools and Dask are also given as a share of the
    halves' speed, round by round."""
    pytest.importorskip("distributed")
    modes = {"serial": "serial", "processes": "2 worker processes (pool start-up included)",
             "kept": "2 worker processes, one pool kept across the runs (process_pool)",
             "dask": "Dask LocalCluster, 2 workers (cluster start-up not included)",
             "halves": "2 independent serial processes on half each (no pool, nothing shared)"}
    script = tmp_path / "corpus_server.py"  # a file: Dask's worker processes import __main__
    script.write_text(_CORPUS_SERVER, encoding="utf-8")
    jobs = {mode: [real_corpus] for mode in modes if mode != "halves"}
    jobs["halves"] = list(halves(real_corpus))
    runs: dict[str, list[dict]] = {m: [] for m in modes}
    servers = _Servers(script, jobs)
    try:
        def one_round() -> None:
            for mode in modes:
                runs[mode].append(servers.run(mode))

        benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    finally:
        servers.close()
    mb = _corpus_mb(real_corpus)
    times = {m: [r["seconds"] for r in rs] for m, rs in runs.items()}
    serial = runs["serial"][-1]
    for run in (r for rs in runs.values() for r in rs):
        assert run["documents"] + run["errors"] == len(real_corpus)
        assert run["figures"] == serial["figures"]
    for mode, label in modes.items():
        ts = times[mode]
        median = statistics.median(ts)
        line = (f"{mb / median:5.2f} MB/s median of {ROUNDS} rounds (best {mb / min(ts):.2f}; "
                f"{mb:.1f} MB in {median:.2f} s")
        if mode != "serial":
            ratios = [s / t for s, t in zip(times["serial"], ts, strict=True)]
            line += (f"; x{statistics.median(ratios):.2f} serial, median of the rounds' "
                     f"ratios, middle half x{_quartiles(ratios)}")
            if mode != "halves":
                shares = [h / t for h, t in zip(times["halves"], ts, strict=True)]
                line += f"; {statistics.median(shares):.0%} of the two halves' speed"
        else:
            line += (f"; {len(real_corpus)} docs, {serial['figures']:,} figures, "
                     f"{serial['errors']} errors")
        if mode in ("serial", "processes"):  # (a Dask cluster's or a kept pool's workers are
            # not waited for in a run)
            faults = statistics.median(r["faults"] for r in runs[mode])
            line += f"; {faults:,.0f} page faults a run"
        summary(f"real corpus, {label}", line + ")")
        benchmark.extra_info[f"{mode} MB/s"] = round(mb / median, 2)


def _quartiles(values: list[float]) -> str:
    """The first and third quartiles, as ``1.41–1.69``."""
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"{q1:.2f}–{q3:.2f}"


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


# What a page fault costs here: 64 MB written one byte per 4 KB page, in memory just mapped
# (first touch), in memory touched before (no fault: the baseline) and, in a forked child, in
# memory inherited from its parent (copy-on-write: what a pool's workers, and its parent while
# they live, pay on each page of the parent's heap they write to first).
_FAULT_COST = """
import json, mmap, os, time

SIZE, PAGE = 64 << 20, mmap.PAGESIZE

def write_pages(buf):
    start = time.perf_counter()
    for i in range(0, SIZE, PAGE):
        buf[i] = 1
    return time.perf_counter() - start

first = mmap.mmap(-1, SIZE)
fresh = write_pages(first)
touched = write_pages(first)
read, write = os.pipe()
pid = os.fork()
if pid == 0:
    os.write(write, str(write_pages(first)).encode())
    os._exit(0)
os.waitpid(pid, 0)
cow = float(os.read(read, 64))
pages = SIZE // PAGE
print(json.dumps({"fresh_us": (fresh - touched) / pages * 1e6,
                  "cow_us": (cow - touched) / pages * 1e6}))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_page_fault_cost(benchmark, summary) -> None:
    def measure() -> dict:
        proc = subprocess.run([sys.executable, "-c", _FAULT_COST],
                              capture_output=True, text=True, check=True)
        return json.loads(proc.stdout)

    out = benchmark.pedantic(measure, rounds=1, iterations=1)
    summary("a page fault on this machine (64 MB, one write per page)",
            f"{out['cow_us']:.1f} µs copy-on-write after fork, {out['fresh_us']:.1f} µs "
            "first touch of new memory")
