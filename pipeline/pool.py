"""A run's batches mined in worker processes of this machine (issue 17): a run mined
without Prefect (pipeline/mine.py) of a few hundred inputs or more uses every core.

The batches are the one-process run's, each written by `mine_batch` as the part file
of its index, and the parts are merged in index order, so the tables are byte for
byte a one-process run's with the same batch size, whatever the number of workers. The parent holds the output
folder's lock and merges; the workers share the per-document cache, whose files are
written under a temporary name and renamed into place (pipeline/cache.py). Workers
are spawned, not forked: a fork would copy the parent's threads' locks (the progress
bar's, logging's) in whatever state they were.

A worker that dies (a crash in a C library, the out-of-memory killer) takes its pool
with it: the batches that were in flight are mined again one file per task in a
one-worker pool, started again after each death, so the file that kills its worker
again is a failures row (`WorkerDied`) and the rest of the run is mined.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pipeline import errors
from pipeline.cli import LOG_NAME, configure_logging
from pipeline.mine import mine_batch, mine_file, traceback_log
from pipeline.process import SourceFile
from pipeline.progress import Progress
from pipeline.settings import Settings
from pipeline.tables import DocResult, Failure
from pipeline.write import write_part


def mine_batches(chunks: list[list[SourceFile]], settings: Settings, staging: Path, n_workers: int,
                 progress: Progress) -> list[Path]:
    """The part of every chunk, in chunk order, mined by `n_workers` processes."""
    parts: list[Path | None] = [None] * len(chunks)
    pending = list(range(len(chunks)))
    while pending:
        for index in _mine_in_pool(pending, chunks, settings, staging, n_workers, parts, progress):
            parts[index] = _mine_alone(chunks[index], settings, staging, index, progress)
        pending = [index for index in pending if parts[index] is None]
    return parts


def _mine_in_pool(pending: list[int], chunks: list[list[SourceFile]], settings: Settings, staging: Path,
                  n_workers: int, parts: list[Path | None], progress: Progress) -> list[int]:
    """Fills `parts` for the pending chunks; when a worker dies, stops and returns the
    chunks that were in flight (the others stay pending for a fresh pool). At most two
    batches per worker are submitted at a time: the suspects of a death are few."""
    queue = deque(pending)
    in_flight: dict[Future, int] = {}
    pool = _pool(n_workers, settings)
    try:
        while queue or in_flight:
            while queue and len(in_flight) < 2 * n_workers:
                index = queue.popleft()
                in_flight[pool.submit(mine_batch, chunks[index], settings, staging, index)] = index
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            died = []
            for future in done:
                index = in_flight.pop(future)
                try:
                    parts[index], n_failed = future.result()
                except BrokenProcessPool:
                    died.append(index)
                    continue
                progress.advance(len(chunks[index]), n_failed)
            if died:
                traceback_log.error("a worker process died; mining batches %s again one file at a time",
                                    sorted([*died, *in_flight.values()]))
                return sorted([*died, *in_flight.values()])
        return []
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _mine_alone(chunk: list[SourceFile], settings: Settings, staging: Path, index: int,
                progress: Progress) -> Path:
    """A chunk that was in flight when a worker died, one file per task in a one-worker
    pool, started again after each death: a file whose worker dies is a failures row."""
    results: list[DocResult] = []
    pool = _pool(1, settings)
    try:
        for src in chunk:
            try:
                results.append(pool.submit(mine_file, src, settings).result())
            except BrokenProcessPool:
                traceback_log.error("the worker process mining %s alone died", src.source)
                error = errors.WorkerDied("the worker process mining this file died, twice (a crash in a C "
                                          "library, or killed: the out-of-memory killer, a signal)")
                results.append(DocResult(source=src.source,
                                         failure=Failure(src.source, "mine", error.kind, error.message)))
                pool.shutdown(wait=True)
                pool = _pool(1, settings)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    progress.advance(len(chunk), sum(r.failure is not None for r in results))
    return write_part(results, staging, index)


def _pool(n_workers: int, settings: Settings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=n_workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(settings.out_dir / LOG_NAME,))


def _start_worker(log_file: Path) -> None:
    """A worker logs as the command line does (its tracebacks and warnings into the
    run's log file) and imports the run's modules with the collector paused, as the
    command line imports them."""
    from extractors.buildcache import long_lived

    configure_logging(log_file)
    with long_lived():
        import extractors.document  # noqa: F401 - the extractors' modules
