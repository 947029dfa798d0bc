"""`mine`: a folder of reports → the findings tables. The library function behind
`dudao mine`.

1. Take the output folder's lock (pipeline/lock.py): one run writes into it at a time.
2. Stop if the folder was made from exactly these inputs by this code (manifest).
3. Mine the inputs in batches, each written as Parquet part files in a staging folder:
   without Prefect when the run is small and wants no Dask (in this process, or for a
   few hundred inputs or more in worker processes of this machine, pipeline/pool.py),
   else as the Prefect flow in pipeline/flows/mine.py (Prefect's local server takes
   ~10 s to start).
4. Merge the parts into the final tables and publish them (pipeline/write.py).
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from pipeline import errors, manifest
from pipeline.cache import ResultCache
from pipeline.lock import output_lock
from pipeline.process import SourceFile, process_source
from pipeline.progress import Progress
from pipeline.settings import Settings
from pipeline.sources import with_sources
from pipeline.tables import DocResult, Failure
from pipeline.write import clear_leftovers, write_part, write_parts

log = logging.getLogger("dudao")
traceback_log = logging.getLogger("dudao.traceback")  # the log file only (pipeline/cli.py)


@dataclass
class MineResult:
    out_dir: Path
    n_inputs: int
    n_documents: int  # distinct documents written by this run (after merging)
    n_findings: int
    failures: list[dict] = field(default_factory=list)  # this run's failures rows

    @property
    def n_failed(self) -> int:
        return len(self.failures)


def collect_inputs(paths: list[Path | str | SourceFile]) -> list[SourceFile]:
    """Every file under the given paths, sorted; a path that is not there, a broken
    link or an unreadable entry is kept so that it becomes a `failures` row."""
    out: list[SourceFile] = []
    for p in paths:
        if isinstance(p, SourceFile):
            out.append(p)
            continue
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not any(part.startswith(".") for part in f.relative_to(p).parts) and not f.is_dir():
                    out.append(SourceFile(f, str(f)))
        else:
            out.append(SourceFile(p, str(p)))
    return out


def mine(inputs: list[Path | str | SourceFile], settings: Settings, merge: bool = False,
         sources: Path | str | None = None) -> MineResult:
    """Mine `inputs` (files or folders) into settings.out_dir. With merge=True the
    documents are upserted into the tables already there (used by the crawler).
    `sources` is a manifest of where the files were published (pipeline/sources.py)."""
    files = collect_inputs(inputs)
    files = with_sources(files, sources) if sources else files
    with output_lock(settings.out_dir, wait=settings.wait):
        fp = None if merge else manifest.fingerprint(files, settings.limits)
        if fp is not None and (summary := manifest.unchanged(settings.out_dir, fp)) is not None:
            log.info("inputs, code and lexicons unchanged since the run that wrote %s: nothing to do",
                     settings.out_dir)
            return MineResult(out_dir=settings.out_dir, **summary)
        manifest.forget(settings.out_dir)
        staging = staging_dir(settings)
        try:
            if in_process(settings, len(files)):
                result = mine_in_process(files, staging, settings, merge)
            else:
                from pipeline.flows.mine import run_flow

                result = run_flow(files, staging, settings, merge)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if fp is not None:
            manifest.record(settings.out_dir, fp, {"n_inputs": result.n_inputs, "n_documents": result.n_documents,
                                                   "n_findings": result.n_findings, "failures": result.failures})
    return result


def in_process(settings: Settings, n_inputs: int) -> bool:
    return (not settings.prefect and not settings.workers and not settings.dask_address
            and n_inputs <= settings.in_process_max_inputs)


def mine_in_process(sources: list[SourceFile], staging: Path, settings: Settings, merge: bool) -> MineResult:
    """The flow's steps without Prefect, the same batches and part files (so the same
    tables): a plain loop, or the batches spread over worker processes."""
    chunks = list(batches(sources, max(1, settings.batch_size)))
    n_workers = n_processes(settings, len(sources), len(chunks))
    with Progress(len(sources), settings.progress) as progress:
        if n_workers > 1:
            from pipeline.pool import mine_batches  # multiprocessing's modules: not for a small run

            parts = mine_batches(chunks, settings, staging, n_workers, progress)
        else:
            parts = []
            for index, chunk in enumerate(chunks):
                part, n_failed = mine_batch(chunk, settings, staging, index)
                parts.append(part)
                progress.advance(len(chunk), n_failed)
    return write_outputs(parts, len(sources), settings, merge)


def n_processes(settings: Settings, n_inputs: int, n_batches: int) -> int:
    """Worker processes for a run mined without Prefect: the number asked for, else one
    per core when the run has at least `processes_min_inputs` inputs; never more than
    there are batches. 1: mine in this process."""
    if settings.processes:
        wanted = settings.processes
    elif n_inputs >= settings.processes_min_inputs:
        wanted = usable_cores()
    else:
        wanted = 1
    return max(1, min(wanted, n_batches))


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def mine_batch(batch: list[SourceFile], settings: Settings, staging: Path, index: int) -> tuple[Path, int]:
    """One batch through every stage into its part files (the cache skips known bytes);
    returns the part and how many of the batch's files failed."""
    cache = result_cache(settings)
    results = [mine_file(src, settings, cache) for src in batch]
    return write_part(results, staging, index), sum(r.failure is not None for r in results)


def result_cache(settings: Settings) -> ResultCache:
    """The per-document result cache a run reads and writes (its own folder unless one is set)."""
    return ResultCache(settings.cache_dir or settings.out_dir / ".cache")


def mine_file(src: SourceFile, settings: Settings, cache: ResultCache | None = None) -> DocResult:
    """One file's result. process_source records what fails in a stage; what raises
    outside them (a bug, an unwritable cache) is a failures row too, the traceback in
    the log, so one file never costs its batch."""
    cache = cache or result_cache(settings)
    try:
        return process_source(src, settings, cache)
    except Exception as e:  # noqa: BLE001 - carried as data: the run goes on
        traceback_log.error("mining %s failed", src.source, exc_info=True)
        error = errors.MiningError(f"{type(e).__name__}: {e}")
        return DocResult(source=src.source, failure=Failure(src.source, "mine", error.kind, error.message))


def write_outputs(parts: list[Path], n_inputs: int, settings: Settings, merge: bool) -> MineResult:
    from pipeline.audit.views import create_views

    written = write_parts(parts, settings.out_dir, merge=merge, extra=audit_tables, create_views=create_views)
    return MineResult(out_dir=settings.out_dir, n_inputs=n_inputs, n_documents=written.n_documents,
                      n_findings=written.n_findings, failures=written.failures)


def audit_tables(con) -> dict:
    """The recurrence table, rebuilt on every run from the recurrence view of the
    run's findings.duckdb (DuckDB reads the problem findings; the run does not load
    them)."""
    from pipeline.audit.recurrence import recurrence

    return {"recurrence": recurrence(con)}


def batches(items: list, size: int):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def staging_dir(settings: Settings) -> Path:
    """A fresh hidden folder in the output folder for this run's part files. Called
    under the folder's lock, so what an earlier run left there belongs to a run that
    is gone (killed), and is removed first."""
    for path in clear_leftovers(settings.out_dir):
        log.info("removed %s, left by an interrupted run", path.name)
    path = settings.out_dir / f".staging-{uuid.uuid4().hex[:12]}"
    path.mkdir(parents=True)
    return path


def write_inputs(staging: Path, inputs: list[SourceFile]) -> None:
    rows = [{"path": str(s.path), "source": s.source, "parent": s.parent, "publisher": s.publisher,
             "publish_date": s.publish_date.isoformat() if s.publish_date else None, "region_code": s.region_code,
             "listed": s.listed}
            for s in inputs]
    (staging / "inputs.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def read_inputs(staging: Path) -> list[SourceFile]:
    rows = json.loads((staging / "inputs.json").read_text(encoding="utf-8"))
    return [SourceFile(Path(r["path"]), r["source"], r["parent"], r.get("publisher"),
                       date.fromisoformat(r["publish_date"]) if r.get("publish_date") else None, r.get("region_code"),
                       r.get("listed", False))
            for r in rows]
