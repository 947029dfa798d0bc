"""One run at a time per output folder (and per crawl state database).

A lock is an advisory `flock` on a file beside what it guards, held for the whole
run. The kernel releases it when its process ends however it ends, so whatever a
run finds left behind while holding the lock (staging folders, temporary files) was
left by a run that is gone, and may be removed. A second run waits for the first,
saying so in one line, or, told not to wait, stops with `OutputBusy`.
"""
from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import OutputBusy

log = logging.getLogger("dudao")


@contextmanager
def held(lock_file: Path, what: str, wait: bool = True) -> Iterator[None]:
    """Hold the lock `lock_file` (created if missing) guarding `what` for the block."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise OutputBusy(f"{what} is in use by another dudao run{holder}") from None
            log.info("%s is in use by another dudao run%s; waiting for it to finish", what, holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)  # who holds it, for the waiting run's message
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _holder(fd: int) -> str:
    pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return f" (process {pid})" if pid.isdigit() else ""


def output_lock(out_dir: Path, wait: bool = True):
    """The lock of an output folder: every run that writes into it holds it."""
    return held(Path(out_dir) / ".dudao.lock", f"output folder {out_dir}", wait)
