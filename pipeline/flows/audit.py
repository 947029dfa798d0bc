"""The audit flow: refresh the recurrence view and lookups in findings.duckdb, then
write the HTML report. Control flow only: each task wraps one library call."""
from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from pipeline.audit.report import write_report


@task(cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def render_report(out_dir: Path, report_path: Path) -> Path:
    return write_report(out_dir, report_path)


@flow(name="audit")
def audit_flow(out_dir: str = "outputs", report_path: str | None = None) -> str:
    """Write <out_dir>/audit.html (or report_path) from the tables of a mine run."""
    out = Path(out_dir)
    return str(render_report(out, Path(report_path) if report_path else out / "audit.html"))
