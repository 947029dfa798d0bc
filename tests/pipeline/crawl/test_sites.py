"""Site configs are checked when loaded."""
from __future__ import annotations

import pytest

from pipeline.crawl.sites import SiteConfigError, load_site, parse_site

MINIMAL = {"name": "x", "start_urls": ["https://jyj.example.gov.cn/col/dd/index.html"], "article_pattern": "art_"}


@pytest.mark.parametrize("change, message", [
    ({"start_url": "x"}, "unknown keys"),
    ({"start_urls": []}, "start_urls is empty"),
    ({"start_urls": ["ftp://x.cn/a"]}, "not an absolute http"),
    ({"article_pattern": "art_("}, "article_pattern"),
    ({"pagination": "index.html"}, "must contain '{n}'"),
    ({"min_delay_s": -1}, "non-negative"),
    ({"keywords": [""]}, "non-empty strings"),
])
def test_bad_configs_are_rejected(change, message):
    with pytest.raises(SiteConfigError, match=message):
        parse_site({**MINIMAL, **change})


def test_missing_keys_are_named():
    with pytest.raises(SiteConfigError, match="missing keys"):
        parse_site({"name": "x"})


def test_allowed_hosts_default_to_the_start_hosts_and_private_addresses_are_off():
    site = parse_site(MINIMAL)
    assert site.allowed_hosts == ("jyj.example.gov.cn",)
    assert site.allow_private_addresses is False


@pytest.mark.parametrize("name", ["fixture.yaml", "beijing_jw_dd.yaml"])
def test_shipped_configs_load(name):
    from pathlib import Path

    site = load_site(Path(__file__).resolve().parents[3] / "corpus" / "sites" / name)
    assert site.start_urls and site.article_pattern
