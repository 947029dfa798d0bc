"""Progress of a mining run: a bar on a terminal (documents done/total, documents/s,
time left, failures so far), plain periodic lines otherwise (logs, cron, CI)."""
from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("dudao")

LINE_EVERY_SECONDS = 10.0


class Progress:
    """Fed with the documents each finished batch held and how many of them failed."""

    def __init__(self, total: int, enabled: bool = True, stream=None):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.started = self._last_line = time.monotonic()
        self._bar = None
        self.enabled = enabled and total > 1
        if self.enabled and self.stream.isatty():
            self._bar = _rich_bar(self.stream, total)

    def advance(self, n_documents: int, n_failed: int) -> None:
        self.done += n_documents
        self.failed += n_failed
        if not self.enabled:
            return
        if self._bar is not None:
            bar, task = self._bar
            bar.update(task, completed=self.done, failed=self.failed, rate=f"{self.rate():.1f} documents/s")
        elif time.monotonic() - self._last_line >= LINE_EVERY_SECONDS or self.done == self.total:
            self._last_line = time.monotonic()
            log.info("%s", self.line())

    def rate(self) -> float:
        return self.done / max(time.monotonic() - self.started, 1e-9)

    def line(self) -> str:
        rate = self.rate()
        left = (self.total - self.done) / rate if rate else float("nan")
        return (f"mined {self.done}/{self.total} documents, {rate:.1f} documents/s, "
                f"{left:.0f} s left, {self.failed} failed")

    def close(self) -> None:
        if self._bar is not None:
            self._bar[0].stop()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _rich_bar(stream, total: int):
    from rich.console import Console
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn,
    )

    bar = RichProgress(TextColumn("mining"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[rate]}"),
                       TimeRemainingColumn(), TextColumn("{task.fields[failed]} failed"),
                       console=Console(file=stream), transient=True)
    bar.start()
    return bar, bar.add_task("mining", total=total, failed=0, rate="")
