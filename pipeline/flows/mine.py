"""The mining flow, for runs too large to mine in one process or asked to run on
Dask or as Prefect flows (pipeline/mine.py decides): batches of source files
processed as Prefect tasks (locally, or on a Dask cluster), each batch written as
Parquet part files in the staging folder, then the parts merged into the final
tables. Control flow only: each task wraps one library call of pipeline/mine.py.
Tasks return part paths, not results, so the flow's memory does not grow with the
corpus; on a cluster of several machines the output folder (with its staging and
cache folders) must be on a filesystem every worker sees (docs/scale.md)."""
from __future__ import annotations

from collections import deque
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import mine as mining
from pipeline.mine import MineResult
from pipeline.process import SourceFile
from pipeline.progress import Progress
from pipeline.settings import Settings


@task(cache_policy=NO_CACHE)
def process_batch(batch: list[SourceFile], settings: Settings, staging: Path, index: int) -> tuple[Path, int]:
    return mining.mine_batch(batch, settings, staging, index)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def write_outputs(parts: list[Path], n_inputs: int, settings: Settings, merge: bool) -> MineResult:
    return mining.write_outputs(parts, n_inputs, settings, merge)


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
    inputs = mining.read_inputs(staging)
    chunks = list(mining.batches(inputs, max(1, settings.batch_size)))
    # A bounded window of submitted batches: each holds its results until written, so
    # submitting every batch at once made memory grow with the corpus.
    window, parts = deque(), []
    with Progress(len(inputs), settings.progress) as progress:
        for index, chunk in enumerate(chunks):
            if len(window) >= in_flight_limit(settings):
                parts.append(_collect(window.popleft(), progress))
            window.append((process_batch.submit(chunk, settings, staging, index), len(chunk)))
        while window:
            parts.append(_collect(window.popleft(), progress))
    return write_outputs(parts, len(inputs), settings, merge)


def _collect(submitted, progress: Progress) -> Path:
    future, n_documents = submitted
    part, n_failed = future.result()
    progress.advance(n_documents, n_failed)
    return part


def in_flight_limit(settings: Settings) -> int:
    """Batches submitted and not yet written: enough to keep every worker busy."""
    return settings.max_in_flight or 2 * max(1, settings.workers or (8 if settings.dask_address else 1))


def run_flow(inputs: list[SourceFile], staging: Path, settings: Settings, merge: bool) -> MineResult:
    """Mine `inputs` through the staging folder as a Prefect flow with the task runner
    the settings ask for (the caller holds the output folder's lock)."""
    mining.write_inputs(staging, inputs)
    return _mine_documents.with_options(task_runner=task_runner_for(settings))(staging, settings, merge=merge)


@flow(name="mine")
def mine_flow(paths: list[str], out_dir: str = "outputs", merge: bool = False, workers: int = 0,
              dask_address: str | None = None) -> dict:
    """Deployment entry point (prefect.yaml): plain parameters in, a summary out; a
    scheduled run is a Prefect flow with its tasks whatever its size."""
    settings = Settings(out_dir=Path(out_dir), workers=workers, dask_address=dask_address, prefect=True,
                        progress=False)
    result = mining.mine(paths, settings, merge=merge)
    return {"documents": result.n_documents, "findings": result.n_findings, "failed": result.n_failed}
