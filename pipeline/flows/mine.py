"""The mining flow: batches of source files processed as Prefect tasks (locally, or on
a Dask cluster), each batch written as Parquet part files in a staging folder, then
the parts merged into the final tables. Control flow only: each task wraps library
calls. Tasks return part paths, not results, so the flow's memory does not grow with
the corpus; on a cluster of several machines the output folder (with its staging and
cache folders) must be on a filesystem every worker sees (docs/scale.md)."""
from __future__ import annotations

import json
import logging
import shutil
import uuid
from collections import deque
from datetime import date
from itertools import islice
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import manifest
from pipeline.cache import ResultCache
from pipeline.mine import MineResult
from pipeline.process import SourceFile, process_source
from pipeline.settings import Settings
from pipeline.write import clear_leftovers, write_part, write_parts

# Progress goes to the "dudao" logger, which the CLI prints; Prefect's own per-task
# logging stays quiet so a run of thousands of tasks reads as one progress line a batch.
progress = logging.getLogger("dudao")


def mine_batch(batch: list[SourceFile], settings: Settings, staging: Path, index: int) -> Path:
    """One batch through every stage into its part files (the cache skips known bytes)."""
    cache = ResultCache(settings.cache_dir or settings.out_dir / ".cache")
    return write_part([process_source(src, settings, cache) for src in batch], staging, index)


@task(cache_policy=NO_CACHE)
def process_batch(batch: list[SourceFile], settings: Settings, staging: Path, index: int) -> Path:
    return mine_batch(batch, settings, staging, index)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def write_outputs(parts: list[Path], n_inputs: int, settings: Settings, merge: bool) -> MineResult:
    written = write_parts(parts, settings.out_dir, merge=merge, extra=audit_tables, create_views=_create_views())
    return MineResult(out_dir=settings.out_dir, n_inputs=n_inputs, n_documents=written.n_documents,
                      n_findings=written.n_findings, failures=written.failures)


def audit_tables(parquet: dict[str, Path]) -> dict:
    """The recurrence table, rebuilt on every run by DuckDB from the Parquet files (the
    problem findings only), so the flow does not load the findings."""
    from pipeline.audit.recurrence import recurrence_from_parquet

    return {"recurrence": recurrence_from_parquet(parquet["findings"], parquet["documents"])}


def _create_views():
    from pipeline.audit.views import create_views

    return create_views


def batches(items: list, size: int):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def staging_dir(settings: Settings) -> Path:
    """A fresh hidden folder in the output folder for this run's part files (what a
    killed run left there is removed first)."""
    for path in clear_leftovers(settings.out_dir):
        progress.info("removed %s, left by an interrupted run", path.name)
    path = settings.out_dir / f".staging-{uuid.uuid4().hex[:12]}"
    path.mkdir(parents=True)
    return path


def task_runner_for(settings: Settings):
    """A Dask task runner when asked for one (an existing cluster, or N local workers);
    else one thread: extraction holds a lock (spaCy's vocabulary is not thread-safe)
    and the rest is pure Python under the GIL, so a second thread only added
    contention (flow vs plain loop measured +38% with two threads, +10% with one)."""
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    if settings.workers:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=1)


@flow(name="mine-documents")
def _mine_documents(staging: Path, settings: Settings, merge: bool = False) -> MineResult:
    """The inputs come as a file in the staging folder, not as a parameter: a corpus of
    10k paths is over the Prefect API's parameter size limit."""
    inputs = read_inputs(staging)
    chunks = list(batches(inputs, max(1, settings.batch_size)))
    # A bounded window of submitted batches: each holds its results until written, so
    # submitting every batch at once made memory grow with the corpus.
    window, parts = deque(), []
    for index, chunk in enumerate(chunks):
        if len(window) >= in_flight_limit(settings):
            parts.append(_collect(window.popleft(), len(parts), len(chunks), settings))
        window.append(process_batch.submit(chunk, settings, staging, index))
    while window:
        parts.append(_collect(window.popleft(), len(parts), len(chunks), settings))
    summary = write_outputs(parts, len(inputs), settings, merge)
    progress.info("%d documents, %d findings, %d failed", summary.n_documents, summary.n_findings,
                  summary.n_failed)
    return summary


def _collect(future, done: int, total: int, settings: Settings) -> Path:
    part = future.result()
    if settings.progress and total > 1:
        progress.info("mined %d/%d batches", done + 1, total)
    return part


def in_flight_limit(settings: Settings) -> int:
    """Batches submitted and not yet written: enough to keep every worker busy."""
    return settings.max_in_flight or 2 * max(1, settings.workers or (8 if settings.dask_address else 1))


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


def mine_documents(inputs: list[SourceFile], settings: Settings, merge: bool = False) -> MineResult:
    """Run the mining flow with the task runner the settings ask for — unless the
    output folder was made from exactly these inputs by this code (pipeline/manifest.py)."""
    fp = None if merge else manifest.fingerprint(inputs, settings.limits)
    if fp is not None and (summary := manifest.unchanged(settings.out_dir, fp)) is not None:
        progress.info("inputs, code and lexicons unchanged since the run that wrote %s: nothing to do",
                      settings.out_dir)
        return MineResult(out_dir=settings.out_dir, **summary)
    manifest.forget(settings.out_dir)
    staging = staging_dir(settings)
    try:
        write_inputs(staging, inputs)
        result = _mine_documents.with_options(task_runner=task_runner_for(settings))(staging, settings, merge=merge)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if fp is not None:
        manifest.record(settings.out_dir, fp, {"n_inputs": result.n_inputs, "n_documents": result.n_documents,
                                               "n_findings": result.n_findings, "failures": result.failures})
    return result


@flow(name="mine")
def mine_flow(paths: list[str], out_dir: str = "outputs", merge: bool = False, workers: int = 0,
              dask_address: str | None = None) -> dict:
    """Deployment entry point (prefect.yaml): plain parameters in, a summary out."""
    from pipeline.mine import collect_inputs

    settings = Settings(out_dir=Path(out_dir), workers=workers, dask_address=dask_address)
    result = mine_documents(collect_inputs(paths), settings, merge=merge)
    return {"documents": result.n_documents, "findings": result.n_findings, "failed": result.n_failed}
