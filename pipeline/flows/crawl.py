"""The crawl as a Prefect flow: control flow only; each task wraps one library call.

Per site: read the site config, walk the list pages (Hanweb records, nextgroup and
numbered pages), visit each article, keep or skip it by relevance, visit the kept
articles' attachments. Then mine, in one merge, every archived file whose bytes were
never mined. Every request to a host first takes a slot of the host's Prefect global
rate limit (`crawl-host:<host>`, one slot decaying at 1/Crawl-delay per second), so
workers crawling the same host in parallel still keep the Crawl-delay between them.
"""
from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.concurrency.sync import rate_limit

from pipeline.crawl.discover import ArticlePage, Link, ListPage
from pipeline.crawl.relevance import Verdict
from pipeline.crawl.session import (
    CrawlResult, CrawlSession, Visit, archive_for, default_state_path, mine_new,
)
from pipeline.crawl.sites import SiteConfig, load_site
from pipeline.crawl.state import CrawlState
from pipeline.settings import Settings

RATE_LIMIT_PREFIX = "crawl-host:"


class PrefectHostGate:
    """Takes a slot of the host's global rate limit, creating or retuning the limit
    when the host's delay is first known or changes (robots.txt Crawl-delay)."""

    def __init__(self):
        self._decay: dict[str, float] = {}

    def __call__(self, host: str, delay: float) -> None:
        name = rate_limit_name(host)
        decay = 1.0 / delay if delay > 0 else 1000.0
        if self._decay.get(name) != decay:
            with get_client(sync_client=True) as client:
                client.upsert_global_concurrency_limit_by_name(name, 1, slot_decay_per_second=decay)
            self._decay[name] = decay
        rate_limit(name, strict=True)


def rate_limit_name(host: str) -> str:
    return RATE_LIMIT_PREFIX + host


@task(cache_policy=NO_CACHE)
def load_site_task(path: Path) -> SiteConfig:
    return load_site(path)


@task(cache_policy=NO_CACHE, task_run_name="visit {kind}")
def visit_task(session: CrawlSession, link: Link | str, kind: str, parent: str | None = None) -> Visit:
    return session.visit(link, kind, parent)


@task(cache_policy=NO_CACHE)
def read_list_task(session: CrawlSession, visit: Visit) -> ListPage:
    return session.read_list(visit)


@task(cache_policy=NO_CACHE)
def judge_article_task(session: CrawlSession, visit: Visit) -> tuple[ArticlePage, Verdict]:
    return session.judge_article(visit)


@task(cache_policy=NO_CACHE)
def mine_task(state: CrawlState, state_path: Path, settings: Settings) -> tuple[list[str], object | None]:
    return mine_new(state, archive_for(state_path), settings)


@flow(name="crawl")
def crawl_flow(site_configs: list[Path], settings: Settings = Settings(),
               state_path: Path | None = None) -> CrawlResult:
    state_path = Path(state_path or default_state_path(settings))
    state = CrawlState(state_path, wait=settings.wait)
    result = CrawlResult()
    gate = PrefectHostGate()
    try:
        for config in site_configs:
            site = load_site_task(config)
            session = CrawlSession(site, settings, state, archive_for(state_path), gate=gate)
            try:
                crawl_site(session, result)
            finally:
                session.close()
        result.mined, result.mine_result = mine_task(state, state_path, settings)
    finally:
        state.close()
    return result


def crawl_site(session: CrawlSession, result: CrawlResult) -> None:
    queue, seen_lists = list(session.site.start_urls), set()
    articles: list[Link] = []
    while queue and len(seen_lists) < session.site.max_list_pages:
        url = queue.pop(0)
        if url in seen_lists:
            continue
        seen_lists.add(url)
        visit = visit_task(session, url, "list")
        result.visits.append(visit)
        if visit.body is None:
            continue
        page = read_list_task(session, visit)
        queue += [u for u in page.list_pages if u not in seen_lists]
        articles += [a for a in page.articles if a.url not in {b.url for b in articles}]
    for link in articles:
        visit = visit_task(session, link, "article")
        result.visits.append(visit)
        if visit.body is None:
            continue
        page, verdict = judge_article_task(session, visit)
        if verdict.relevant:
            for attachment in page.attachments:
                result.visits.append(visit_task(session, attachment, "attachment", parent=link.url))
