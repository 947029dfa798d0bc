"""Faults during a crawl: retried when they pass, recorded when they do not, and the
crawl goes on (issue 6)."""
from __future__ import annotations

import pytest

from pipeline.crawl.sites import load_site
from pipeline.crawl.state import CrawlState
from pipeline.settings import Settings

pytestmark = pytest.mark.slow

LIST = """<html><head><meta charset="utf-8"></head><body><div id="zoom"><ul>
<li><a href="/faults/art_1_201.html">2023年县级人民政府履行教育职责督导报告</a></li>
<li><a href="/faults/art_1_202.html">2023年义务教育优质均衡督导报告</a></li>
<li><a href="/faults/art_1_203.html">2023年“双减”工作专项督导报告</a></li>
<li><a href="/art/2022/1/10/art_1_104.html">寒假期间校园安全的温馨提示</a></li>
</ul></div></body></html>"""
ARTICLE = """<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="2023年县级人民政府履行教育职责督导报告">
</head><body><div id="zoom"><p>根据督导工作安排，对某县履行教育职责情况开展了督导。</p></div></body></html>"""


def test_flaky_page_is_retried_failing_pages_are_recorded_and_the_crawl_goes_on(
        site_server, prefect_harness, tmp_path, site_config):
    from pipeline.flows.crawl import crawl_flow

    site_server.pages.update({"/robots.txt": b"User-agent: *\nCrawl-delay: 0.2\n",
                              "/faults/index.html": LIST.encode(), "/faults/art_1_201.html": ARTICLE.encode()})
    site_server.faults.update({"/faults/art_1_201.html": [500, None],  # 500 once, then the page
                               "/faults/art_1_202.html": [503],  # keeps failing
                               "/faults/art_1_203.html": ["hang"]})  # never answers in time
    site_server.hang_s = 1.5
    config = site_config(tmp_path, site_server.base_url, start_urls=["faults/index.html"], list_pattern=None,
                         min_delay_s=0.2, timeout_s=0.5, retries=2, backoff_s=0.1)
    settings = Settings(out_dir=tmp_path / "out", progress=False)

    result = crawl_flow([config], settings)

    base = site_server.base_url
    assert site_server.paths().count("/faults/art_1_201.html") == 2
    assert site_server.paths().count("/faults/art_1_202.html") == 3  # 1 + retries
    assert site_server.paths().count("/faults/art_1_203.html") == 3
    assert result.mined == [base + "faults/art_1_201.html"]
    state = CrawlState(settings.out_dir / "crawl" / "state.duckdb")
    broken, slow = state.get(base + "faults/art_1_202.html"), state.get(base + "faults/art_1_203.html")
    state.close()
    assert (broken.status, broken.error) == ("failed", "fetch_error: HTTP 503")
    assert slow.status == "failed" and slow.error.startswith("fetch_error: timed out after 3 attempts")
    # the crawl went on past both failures to the last article of the list
    assert site_server.paths()[-1] == "/art/2022/1/10/art_1_104.html"
    assert result.urls("skipped") == [base + "art/2022/1/10/art_1_104.html"]
    assert load_site(config).retries == 2
