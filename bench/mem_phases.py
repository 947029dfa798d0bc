"""Resident memory of `mine` over time, by phase of the flow: which step makes the peak.

    .venv/bin/python bench/mem_phases.py CORPUS [--every 0.1] [--log OUT.json]

Samples this process's RSS every `--every` seconds while the flow mines CORPUS (after
an untimed warm-up on one file, as bench/bench_scale.py does) and labels each sample
with the step running: mining (batch tasks; the count of batches done is kept), the
Parquet merge (write_parts), the recurrence table (audit_tables), the CSVs, the
DuckDB build. Prints the peak and the time of each step and the RSS at every tenth
of the batches.
Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

from pipeline.settings import use_local_prefect

use_local_prefect()  # the environment `dudao mine` runs in, set before Prefect is imported

import pipeline.mine as mining  # noqa: E402
from pipeline import write  # noqa: E402
from pipeline.mine import collect_inputs, mine  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

MiB = 2**20


class Phases:
    """The step running now (set by the wrappers below) and the batches done."""

    def __init__(self):
        self.now, self.batches, self.samples = "warm-up", 0, []

    def wrap(self, module, name: str, label: str) -> None:
        inner = getattr(module, name)

        def wrapped(*args, **kwargs):
            before, self.now = self.now, label
            try:
                return inner(*args, **kwargs)
            finally:
                self.now = before

        setattr(module, name, wrapped)

    def count_batches(self) -> None:
        inner = mining.mine_batch

        def counted(*args, **kwargs):
            part = inner(*args, **kwargs)
            self.batches += 1
            return part

        mining.mine_batch = counted

    def sample(self, every: float, stop: threading.Event) -> None:
        me, t0 = psutil.Process(), time.perf_counter()
        while not stop.is_set():
            self.samples.append((round(time.perf_counter() - t0, 2), self.now, self.batches,
                                 me.memory_info().rss / MiB))
            time.sleep(every)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--every", type=float, default=0.1, help="seconds between samples")
    ap.add_argument("--log", type=Path, help="write every sample (seconds, step, batches done, MiB) here")
    args = ap.parse_args()
    phases = Phases()
    phases.count_batches()
    phases.wrap(mining, "write_parts", "merge (write_parts)")
    phases.wrap(mining, "audit_tables", "recurrence (audit_tables)")
    phases.wrap(write, "_csv", "csv")
    phases.wrap(write, "_duckdb", "duckdb")
    work = Path(tempfile.mkdtemp(prefix="dudao_mem_"))
    inputs = collect_inputs([args.corpus])
    mine(inputs[:1], Settings(progress=False, out_dir=work / "warm_up", cache_dir=work / "warm_up_cache"))
    stop = threading.Event()
    sampler = threading.Thread(target=phases.sample, args=(args.every, stop), daemon=True)
    phases.now = "mining"
    sampler.start()
    t0 = time.perf_counter()
    mine(inputs, Settings(progress=False, out_dir=work / "out", cache_dir=work / "cache"))
    phases.now = "done"
    time.sleep(3 * args.every)
    stop.set()
    sampler.join()
    print(f"{args.corpus}: {len(inputs)} files, {time.perf_counter() - t0:.1f} s")
    peaks: dict[str, float] = {}
    spent: dict[str, float] = {}
    for (seconds, step, _, mib), (later, *_) in zip(phases.samples, phases.samples[1:] + [phases.samples[-1]]):
        peaks[step] = max(peaks.get(step, 0.0), mib)
        spent[step] = spent.get(step, 0.0) + later - seconds
    for step, mib in peaks.items():
        print(f"  {step:28s} peak RSS {mib:7.0f} MiB   {spent[step]:7.1f} s")
    total, shown = max(1, phases.batches), set()
    for seconds, step, done, mib in phases.samples:
        if step == "mining" and (tenth := done * 10 // total) not in shown:
            shown.add(tenth)
            print(f"  {done:6d}/{total} batches at {seconds:7.1f} s: {mib:5.0f} MiB")
    if args.log:
        args.log.write_text(json.dumps(phases.samples))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
