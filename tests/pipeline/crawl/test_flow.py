"""The crawl flow against the fixture site served on 127.0.0.1 (issue 6's "must show")."""
from __future__ import annotations


import duckdb
import pytest

from pipeline.crawl.state import CrawlState
from pipeline.crawl.sites import load_site
from pipeline.settings import Settings

pytestmark = pytest.mark.slow

RELEVANT = ["art/2023/5/11/art_1_101.html", "art/2022/12/13/art_1_102.html", "art/2022/1/18/art_1_103.html"]
REPRINT = "art/2022/1/19/art_1_105.html"
NOTICE = "art/2022/1/10/art_1_104.html"
ATTACHMENTS = ["attach/2022nian_dianxinganli.docx", "attach/2022pingjia_baogao.pdf"]


@pytest.fixture(scope="module")
def two_runs(module_site_server, prefect_harness, tmp_path_factory, site_config):
    """The fixture site crawled twice, unchanged in between: (server, results, out)."""
    from pipeline.flows.crawl import crawl_flow

    tmp = tmp_path_factory.mktemp("crawl")
    config = site_config(tmp, module_site_server.base_url)
    settings = Settings(out_dir=tmp / "out", progress=False)
    first = crawl_flow([config], settings)
    n_first = len(module_site_server.log)
    second = crawl_flow([config], settings)
    return module_site_server, (first, second), n_first, settings


def _url(server, path):
    return server.base_url + path


def _documents(settings: Settings) -> list[tuple]:
    con = duckdb.connect(str(settings.out_dir / "findings.duckdb"), read_only=True)
    try:
        return con.execute("SELECT doc_id, sources, parents FROM documents").fetchall()
    finally:
        con.close()


def test_relevant_articles_and_attachments_are_fetched_and_mined(two_runs):
    server, (first, _), _, settings = two_runs
    wanted = [_url(server, p) for p in RELEVANT + [REPRINT] + ATTACHMENTS]
    assert sorted(first.urls("fetched", "article") + first.urls("fetched", "attachment")) == sorted(wanted)
    assert sorted(first.mined) == sorted(wanted)
    sources = {s for _, srcs, _ in _documents(settings) for s in srcs}
    assert set(wanted) <= sources


def test_attachments_remember_their_article(two_runs):
    server, _, _, settings = two_runs
    parents = {s: ps for _, srcs, ps in _documents(settings) for s in srcs}
    for attachment in ATTACHMENTS:
        assert parents[_url(server, attachment)] == [_url(server, RELEVANT[0])]


def test_safety_notice_is_skipped_with_its_reason(two_runs):
    server, (first, _), _, settings = two_runs
    assert first.urls("skipped") == [_url(server, NOTICE)]
    state = CrawlState(settings.out_dir / "crawl" / "state.duckdb")
    row = state.get(_url(server, NOTICE))
    state.close()
    assert row.status == "skipped"
    assert "no relevance keyword" in row.reason
    assert _url(server, NOTICE) not in first.mined


def test_reprint_collapses_into_one_document_with_two_sources(two_runs):
    server, _, _, settings = two_runs
    docs = [(d, sorted(s)) for d, s, _ in _documents(settings) if _url(server, REPRINT) in s]
    assert len(docs) == 1
    assert docs[0][1] == sorted([_url(server, RELEVANT[2]), _url(server, REPRINT)])


def test_private_pages_are_never_requested(two_runs):
    server, (first, _), _, _ = two_runs
    assert not [p for p in server.paths() if p.startswith("/private/")]
    assert first.urls("refused") == [_url(server, "private/art_1_106.html")]


def test_requests_are_spaced_by_the_crawl_delay(two_runs):
    server, _, _, _ = two_runs
    delay = 1.0  # robots.txt of the fixture site
    gaps = [b.at - a.at for a, b in zip(server.log, server.log[1:])]
    assert len(gaps) > 10
    assert min(gaps) >= delay


def test_rate_limit_is_a_prefect_global_limit(two_runs):
    from prefect.client.orchestration import get_client

    from pipeline.flows.crawl import rate_limit_name

    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name(rate_limit_name(two_runs[0].base_url.split("/")[2]))
    assert (limit.limit, limit.slot_decay_per_second) == (1, 1.0)


def test_second_run_downloads_no_body_and_mines_nothing(two_runs):
    server, (_, second), n_first, _ = two_runs
    again = server.log[n_first:]
    assert {h.status for h in again if h.path != "/robots.txt"} == {304}
    assert second.mined == [] and second.mine_result is None
    assert second.urls("fetched") == []


def test_fixture_config_loads_with_the_served_host(tmp_path, site_config):
    site = load_site(site_config(tmp_path, "http://127.0.0.1:9/"))
    assert site.start_urls == ("http://127.0.0.1:9/col/jydd/index.html",)
    assert site.allowed_hosts == ("127.0.0.1",)
