"""One settings object with shipped defaults, built in one place from CLI options."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def use_local_prefect() -> None:
    """Defaults for running flows without a Prefect server to start by hand (the CLI,
    the benchmarks); call before Prefect is imported. Variables already set win."""
    # Local mode: an ephemeral Prefect API in-process.
    os.environ.setdefault("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true")
    # No telemetry unless the user asks for it: the server's, and the client's notice and events.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # A fresh local database migrates on first use: give a busy 2-core machine time.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


@dataclass(frozen=True)
class Limits:
    """Safety limits on everything read (issue 9). Over a limit -> a `failures` row."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_download_bytes: int = 50 * 1024 * 1024
    max_zip_members: int = 2000
    max_zip_uncompressed_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 200  # uncompressed/compressed size of one member
    max_pdf_pages: int = 500
    max_pdf_seconds: float = 60.0
    max_ocr_seconds: float = 300.0  # Tesseract on a scanned PDF, checked page by page
    max_convert_seconds: float = 120.0  # LibreOffice on one .doc/.wps/.rtf; the calamine child on a workbook
    max_sheet_cells: int = 1_000_000  # rows x columns one spreadsheet sheet spans
    max_sheet_reader_bytes: int = 1024 * 1024 * 1024  # address space of the calamine child process
    max_chars: int = 2_000_000
    max_html_tags: int = 200_000  # start tags of one page; real report pages have a few thousand


@dataclass(frozen=True)
class Settings:
    out_dir: Path = Path("outputs")
    limits: Limits = field(default_factory=Limits)
    workers: int = 0  # >0: start a local Dask cluster with that many workers
    dask_address: str | None = None  # an existing Dask scheduler, e.g. tcp://host:8786
    batch_size: int = 64  # documents per Prefect task: a task costs ~0.3 s of orchestration
    max_in_flight: int = 0  # batches submitted and not yet written; 0 -> 2 per worker
    cache_dir: Path | None = None  # per-document result cache; None -> <out_dir>/.cache
    progress: bool = True
    wait: bool = True  # when another run holds the output folder: wait for it, or stop (OutputBusy)
    # Runs of at most this many inputs, without Dask, are mined in this process: starting
    # Prefect's local server costs ~10 s, more than mining a few thousand pages takes.
    in_process_max_inputs: int = 5000
    # Worker processes of such a run (pipeline/pool.py): 0 -> one per core when the run has
    # at least processes_min_inputs inputs, else this process alone (a worker's start-up,
    # ~2-3 s of imports and indexes, is more than a handful of documents take).
    processes: int = 0
    processes_min_inputs: int = 300
    prefect: bool = False  # run as a Prefect flow whatever the size (scheduled runs, a server's UI)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)
