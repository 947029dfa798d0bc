"""The fetcher against a local server: safety (issue 9) and politeness (issue 6)."""
from __future__ import annotations

import pytest

from pipeline.crawl.fetch import Fetcher, check_url
from pipeline.crawl.sites import load_site
from pipeline.errors import FetchError, LimitExceeded, Refused

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def fetcher_for(site_server, tmp_path, site_config):
    site_server.pages["/robots.txt"] = ROBOTS  # no Crawl-delay: these tests need no pacing
    made = []

    def make(max_bytes: int = 10_000_000, **changes) -> Fetcher:
        changes = {"min_delay_s": 0, "backoff_s": 0.01, **changes}
        fetcher = Fetcher(load_site(site_config(tmp_path, site_server.base_url, **changes)), max_bytes)
        made.append(fetcher)
        return fetcher

    yield make
    for f in made:
        f.close()


@pytest.mark.parametrize("location, why", [
    ("http://example.invalid/report.html", "host 'example.invalid' is not allowed"),
    ("http://localhost:{port}/index.html", "host 'localhost' is not allowed"),
    ("file:///etc/passwd", "scheme 'file' is not http or https"),
    ("ftp://127.0.0.1/report.pdf", "scheme 'ftp' is not http or https"),
])
def test_redirect_off_the_allowed_hosts_is_refused(site_server, fetcher_for, location, why):
    site_server.faults["/moved.html"] = [("redirect", location.format(port=site_server.base_url.split(":")[2][:-1]))]
    with pytest.raises(Refused, match=why):
        fetcher_for().get(site_server.base_url + "moved.html")
    assert site_server.paths() == ["/robots.txt", "/moved.html"]


def test_redirect_within_the_site_is_followed(site_server, fetcher_for):
    site_server.faults["/old.html"] = [("redirect", "/index.html")]
    resp = fetcher_for().get(site_server.base_url + "old.html")
    assert (resp.status, resp.url) == (200, site_server.base_url + "index.html")


def test_private_address_is_refused_without_the_flag_and_never_contacted(site_server, fetcher_for):
    with pytest.raises(Refused, match="non-public address 127.0.0.1"):
        fetcher_for(allow_private_addresses=False).get(site_server.base_url + "index.html")
    assert site_server.paths() == []


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost/", "http://10.1.2.3/", "http://192.168.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
])
def test_check_url_refuses_non_public_addresses(site_server, fetcher_for, url):
    site = fetcher_for(allow_private_addresses=False).site
    host = url.split("/")[2].strip("[]")
    site = type(site)(**{**vars(site), "allowed_hosts": (host,)})
    with pytest.raises(Refused, match="non-public address"):
        check_url(url, site)
    check_url(url, type(site)(**{**vars(site), "allow_private_addresses": True}))  # allowed with the flag


def test_robots_disallowed_url_is_never_requested(site_server, fetcher_for):
    with pytest.raises(Refused, match="robots.txt disallows"):
        fetcher_for().get(site_server.base_url + "private/art_1_106.html")
    assert site_server.paths() == ["/robots.txt"]


def test_user_agent_names_dudao(site_server, fetcher_for):
    fetcher_for().get(site_server.base_url + "index.html")
    assert all(h.headers["User-Agent"].startswith("dudao/") for h in site_server.log)


def test_download_over_the_size_cap_is_a_limit_error(site_server, fetcher_for):
    with pytest.raises(LimitExceeded, match="max_download_bytes 1000"):
        fetcher_for(max_bytes=1000).get(site_server.base_url + "attach/2022pingjia_baogao.pdf")


def test_conditional_request_gets_304(site_server, fetcher_for):
    fetcher = fetcher_for()
    first = fetcher.get(site_server.base_url + "index.html")
    again = fetcher.get(site_server.base_url + "index.html", etag=first.etag)
    assert (first.status, again.status, again.body) == (200, 304, None)


@pytest.mark.parametrize("status, retried", [(429, True), (500, True), (503, True), (404, False), (403, False)])
def test_only_429_and_5xx_are_retried(site_server, fetcher_for, status, retried):
    site_server.faults["/index.html"] = [status, None]
    fetcher = fetcher_for(retries=1)
    if retried:
        assert fetcher.get(site_server.base_url + "index.html").status == 200
    else:
        with pytest.raises(FetchError, match=f"HTTP {status}"):
            fetcher.get(site_server.base_url + "index.html")
    assert site_server.paths().count("/index.html") == (2 if retried else 1)


def test_robots_crawl_delay_sets_the_host_delay(site_server, fetcher_for):
    site_server.pages["/robots.txt"] = b"User-agent: *\nCrawl-delay: 0.3\n"
    fetcher = fetcher_for(min_delay_s=0.1)
    fetcher.get(site_server.base_url + "index.html")
    fetcher.get(site_server.base_url + "col/jydd/index.html")
    gaps = [b.at - a.at for a, b in zip(site_server.log, site_server.log[1:])]
    assert fetcher.delay(site_server.base_url.split("/")[2]) == 0.3
    assert min(gaps) >= 0.3
