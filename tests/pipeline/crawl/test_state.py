"""The crawl state remembers first visits and what was mined."""
from __future__ import annotations

from pipeline.crawl.state import CrawlState, UrlState


def test_first_seen_is_kept_and_unmined_follows_the_bytes(tmp_path):
    state = CrawlState(tmp_path / "state.duckdb")
    url = "http://x.cn/art_1.html"
    first = state.put(UrlState(url, site="x", kind="article", status="fetched", sha256="a", ext=".html"))
    assert [r.url for r in state.unmined()] == [url]
    state.mark_mined([url])
    assert state.unmined() == []
    again = state.put(UrlState(url, site="x", kind="article", status="unchanged", sha256="a", ext=".html"))
    assert again.first_seen == first.first_seen and again.last_seen >= first.last_seen
    assert state.unmined() == []  # same bytes: nothing to mine
    state.put(UrlState(url, site="x", kind="article", status="fetched", sha256="b", ext=".html"))
    assert [r.sha256 for r in state.unmined()] == ["b"]  # changed bytes: mine again
    state.put(UrlState("http://x.cn/list.html", kind="list", status="fetched", sha256="c", ext=".html"))
    state.put(UrlState("http://x.cn/art_2.html", kind="article", status="skipped", sha256="d", ext=".html"))
    assert [r.url for r in state.unmined()] == [url]  # lists and skipped articles are never mined
    state.close()


def test_state_survives_reopening(tmp_path):
    path = tmp_path / "state.duckdb"
    state = CrawlState(path)
    state.put(UrlState("http://x.cn/a", kind="article", status="failed", error="fetch_error: HTTP 503"))
    state.close()
    state = CrawlState(path)
    assert state.get("http://x.cn/a").error == "fetch_error: HTTP 503"
    state.close()
