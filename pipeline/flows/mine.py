"""The mining flow: batches of source files processed as Prefect tasks (locally, or on
a Dask cluster), then the tables assembled and written. Control flow only: each task
wraps one library call."""
from __future__ import annotations

import logging
from itertools import islice
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed

from pipeline.cache import ResultCache
from pipeline.mine import MineResult
from pipeline.process import SourceFile, process_source
from pipeline.settings import Settings
from pipeline.tables import DocResult
from pipeline.write import assemble, merge_into_existing, write_tables

# Progress goes to the "dudao" logger, which the CLI prints; Prefect's own per-task
# logging stays quiet so a run of thousands of tasks reads as one progress line a batch.
progress = logging.getLogger("dudao")


@task(cache_policy=NO_CACHE)
def process_batch(batch: list[SourceFile], settings: Settings) -> list[DocResult]:
    cache = ResultCache(settings.cache_dir or settings.out_dir / ".cache")
    return [process_source(src, settings, cache) for src in batch]


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def write_outputs(results: list[DocResult], settings: Settings, merge: bool) -> MineResult:
    tables = assemble(results)
    if merge:
        tables = merge_into_existing(tables, settings.out_dir)
    extra, create_views = _audit_tables(tables)
    write_tables(tables, settings.out_dir, extra=extra, create_views=create_views)
    return MineResult(out_dir=settings.out_dir, n_inputs=len(results),
                      n_documents=tables["documents"].num_rows, n_findings=tables["findings"].num_rows,
                      failures=[vars(r.failure) for r in results if r.failure is not None])


def _audit_tables(tables):
    """The recurrence table and the DuckDB views, rebuilt on every run."""
    from pipeline.audit.recurrence import build_recurrence
    from pipeline.audit.views import create_views

    recurrence = build_recurrence(tables["findings"].to_pandas(), tables["documents"].to_pandas())
    return {"recurrence": recurrence}, create_views


def _batches(items: list, size: int):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def task_runner_for(settings: Settings):
    """A Dask task runner when asked for one (an existing cluster, or N local workers)."""
    if settings.dask_address or settings.workers:
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return None


@flow(name="mine-documents")
def _mine_documents(inputs: list[SourceFile], settings: Settings, merge: bool = False) -> MineResult:
    batches = list(_batches(inputs, max(1, settings.batch_size)))
    futures = [process_batch.submit(b, settings) for b in batches]
    results: list[DocResult] = []
    done = 0
    for fut in as_completed(futures):
        batch_results = fut.result()
        results.extend(batch_results)
        done += len(batch_results)
        if settings.progress and len(batches) > 1:
            progress.info("mined %d/%d files", done, len(inputs))
    order = {s.source: i for i, s in enumerate(inputs)}
    results.sort(key=lambda r: order.get(r.source, len(order)))  # deterministic tables
    summary = write_outputs(results, settings, merge)
    progress.info("%d documents, %d findings, %d failed", summary.n_documents, summary.n_findings,
                summary.n_failed)
    return summary


def mine_documents(inputs: list[SourceFile], settings: Settings, merge: bool = False) -> MineResult:
    """Run the mining flow with the task runner the settings ask for."""
    runner = task_runner_for(settings)
    run = _mine_documents.with_options(task_runner=runner) if runner is not None else _mine_documents
    return run(inputs, settings, merge=merge)


@flow(name="mine")
def mine_flow(paths: list[str], out_dir: str = "outputs", merge: bool = False, workers: int = 0,
              dask_address: str | None = None) -> dict:
    """Deployment entry point (prefect.yaml): plain parameters in, a summary out."""
    from pipeline.mine import collect_inputs

    settings = Settings(out_dir=Path(out_dir), workers=workers, dask_address=dask_address)
    result = mine_documents(collect_inputs(paths), settings, merge=merge)
    return {"documents": result.n_documents, "findings": result.n_findings, "failed": result.n_failed}


