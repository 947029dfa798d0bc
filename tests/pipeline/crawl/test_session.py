"""CrawlSession steps against the fixture site on 127.0.0.1: a page too big to parse."""
from __future__ import annotations

import pytest

from pipeline.crawl.session import CrawlSession, archive_for
from pipeline.crawl.sites import load_site
from pipeline.crawl.state import FAILED, CrawlState
from pipeline.settings import Limits, Settings

# A column page and an article whose CMS repeated an inline tag tens of thousands of times.
SWOLLEN = ("<html><head><meta charset='utf-8'><title>教育督导</title></head><body><div id='zoom'>"
           "<ul><li><a href='/art/2023/1/1/art_1_9.html'>2022年度教育督导评估报告</a></li></ul>"
           + "<span>" * 30_000 + "督导" + "</span>" * 30_000 + "</div></body></html>").encode()


@pytest.fixture
def session(site_server, site_config, tmp_path):
    site_server.pages["/col/jydd/swollen.html"] = site_server.pages["/art/2023/1/2/art_1_8.html"] = SWOLLEN
    state_path = tmp_path / "crawl" / "state.duckdb"
    state = CrawlState(state_path)
    made = CrawlSession(load_site(site_config(tmp_path, site_server.base_url, min_delay_s=0)),
                        Settings(out_dir=tmp_path, limits=Limits(max_html_tags=20_000)), state,
                        archive_for(state_path))
    yield made, state
    made.close()
    state.close()


@pytest.mark.parametrize("path, kind", [("col/jydd/swollen.html", "list"), ("art/2023/1/2/art_1_8.html", "article")])
def test_page_over_the_tag_limit_is_failed_not_parsed(site_server, session, path, kind):
    crawl, state = session
    visit = crawl.visit(site_server.base_url + path, kind)
    if kind == "list":
        assert crawl.read_list(visit).articles == []
    else:
        page, verdict = crawl.judge_article(visit)
        assert not verdict.relevant and page.attachments == []
    row = state.get(visit.url)
    assert (visit.status, row.status) == (FAILED, FAILED)
    assert row.error == "limit_exceeded: the HTML page has more than 20,000 tags, over the limit (max_html_tags)"
    assert state.unmined() == []


def test_page_within_the_limit_is_read(site_server, session):
    crawl, _ = session
    visit = crawl.visit(site_server.base_url + "col/jydd/index.html", "list")
    assert crawl.read_list(visit).articles
