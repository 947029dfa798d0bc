"""Crawling education-bureau sites politely and incrementally (issue 6), safely (issue 9).

Modules: `sites` (configs), `fetch` (safe, polite HTTP), `discover` (links in list and
article pages), `relevance` (keyword lexicon), `state` (DuckDB crawl state), `archive`
(raw bytes by sha256), `session` (the steps the Prefect flow runs).
"""
from __future__ import annotations

from pathlib import Path

from pipeline.crawl.session import CrawlResult
from pipeline.settings import Settings


def crawl(site_configs: list[Path], settings: Settings, state_path: Path | None = None) -> CrawlResult:
    """Crawl every site once and mine what is new or changed into settings.out_dir.

    The state (and the archive beside it) defaults to <out_dir>/crawl/. Runs the
    Prefect flow, so the per-host rate limit is Prefect's global one."""
    from pipeline.flows.crawl import crawl_flow  # the flow imports this package

    return crawl_flow(site_configs=[Path(p) for p in site_configs], settings=settings, state_path=state_path)


__all__ = ["CrawlResult", "crawl"]
