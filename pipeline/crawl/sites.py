"""Site configs: one YAML file per bureau site in `corpus/sites/`, loaded and checked.

A config says where the list pages start, which further links are list pages (and how
they are numbered), which links are articles, where an article's main text sits, and
how politely to crawl. Unknown keys are rejected so a typo fails loudly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from pipeline.errors import DudaoError

USER_AGENT = "dudao/0.1 (education-supervision report research crawler; +https://github.com/dudao)"
ROBOTS_AGENT = "dudao"  # the token robots.txt groups are matched against
ATTACHMENT_EXTENSIONS = (".docx", ".pdf", ".doc", ".wps", ".rtf", ".xlsx", ".xls", ".et", ".ods", ".ofd")


class SiteConfigError(DudaoError):
    """A site config is malformed (missing key, unknown key, bad pattern or URL)."""

    kind = "site_config_error"


@dataclass(frozen=True)
class SiteConfig:
    name: str
    start_urls: tuple[str, ...]
    article_pattern: re.Pattern
    list_pattern: re.Pattern | None = None  # links to further list pages
    pagination: str | None = None  # e.g. "index_{n}.html": numbered pages a script links
    max_list_pages: int = 20
    list_selector: str | None = None  # CSS scope of the article list (skips sidebars)
    content_selector: str | None = None  # CSS scope of an article's main text
    allowed_hosts: tuple[str, ...] = ()
    allow_private_addresses: bool = False  # only for tests against 127.0.0.1
    keywords: tuple[str, ...] = ()  # extra relevance keywords for this site
    attachment_extensions: tuple[str, ...] = ATTACHMENT_EXTENSIONS
    min_delay_s: float = 1.0  # spacing between requests when robots.txt names none
    timeout_s: float = 30.0
    retries: int = 2  # extra attempts after a timeout, 429 or 5xx
    backoff_s: float = 2.0  # first retry wait; doubles per attempt
    user_agent: str = USER_AGENT
    path: Path | None = field(default=None, compare=False)


_REQUIRED = {"name", "start_urls", "article_pattern"}
_OPTIONAL = {
    "base_url", "list_pattern", "pagination", "max_list_pages", "list_selector",
    "content_selector", "allowed_hosts", "allow_private_addresses", "keywords",
    "attachment_extensions", "min_delay_s", "timeout_s", "retries", "backoff_s", "user_agent",
}


def load_site(path: Path, base_url: str | None = None) -> SiteConfig:
    """The config in `path`. `base_url` replaces the file's own (tests serve the
    fixture site on a port chosen at run time)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SiteConfigError(f"{path}: cannot read: {exc}", source=str(path)) from exc
    if not isinstance(data, dict):
        raise SiteConfigError(f"{path}: expected a mapping", source=str(path))
    return parse_site(data, path, base_url)


def parse_site(data: dict, path: Path | None = None, base_url: str | None = None) -> SiteConfig:
    where = str(path or "<site config>")

    def fail(msg: str):
        raise SiteConfigError(f"{where}: {msg}", source=where)

    if missing := _REQUIRED - set(data):
        fail(f"missing keys {sorted(missing)}")
    if unknown := set(data) - _REQUIRED - _OPTIONAL:
        fail(f"unknown keys {sorted(unknown)}")
    base = base_url or data.get("base_url")
    starts = data["start_urls"]
    if isinstance(starts, str):
        starts = [starts]
    if not starts:
        fail("start_urls is empty")
    start_urls = tuple(urljoin(base, u) if base else u for u in starts)
    for url in start_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            fail(f"start URL {url!r} is not an absolute http(s) URL")

    def pattern(key: str) -> re.Pattern | None:
        if data.get(key) is None:
            return None
        try:
            return re.compile(data[key])
        except re.error as exc:
            fail(f"{key}: {exc}")

    pagination = data.get("pagination")
    if pagination is not None and "{n}" not in pagination:
        fail("pagination must contain '{n}', e.g. 'index_{n}.html'")
    hosts = data.get("allowed_hosts") or sorted({urlsplit(u).hostname for u in start_urls})
    if base_url:  # the served copy lives on the base URL's host
        hosts = sorted({*hosts, urlsplit(base_url).hostname})
    exts = tuple(e.lower() if e.startswith(".") else f".{e.lower()}"
                 for e in data.get("attachment_extensions", ATTACHMENT_EXTENSIONS))
    keywords = data.get("keywords") or ()
    if any(not isinstance(k, str) or not k.strip() for k in keywords):
        fail("keywords must be non-empty strings")
    numbers = {}
    for key, kind in (("max_list_pages", int), ("min_delay_s", float), ("timeout_s", float),
                      ("retries", int), ("backoff_s", float)):
        if key in data:
            value = data[key]
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                fail(f"{key} must be a non-negative number")
            numbers[key] = kind(value)
    return SiteConfig(
        name=str(data["name"]),
        start_urls=start_urls,
        article_pattern=pattern("article_pattern"),
        list_pattern=pattern("list_pattern"),
        pagination=pagination,
        list_selector=data.get("list_selector"),
        content_selector=data.get("content_selector"),
        allowed_hosts=tuple(h.lower() for h in hosts),
        allow_private_addresses=bool(data.get("allow_private_addresses", False)),
        keywords=tuple(k.strip() for k in keywords),
        attachment_extensions=exts,
        user_agent=data.get("user_agent", USER_AGENT),
        path=path,
        **numbers,
    )
