"""Links in the pages of Chinese government CMSs: article lists and article pages.

List formats handled:
- plain `<ul><li><a>` lists, optionally scoped by the site's `list_selector` so that
  sidebars ("相关文章", "热点专题") are not taken for the list;
- Hanweb column pages whose records sit as CDATA inside
  `<script type="text/xml"><datastore>`, with the next group in `<nextgroup>`;
- numbered pages (`index.html`, `index_1.html`, ...) that a script links: the site's
  `pagination` template gives the next number, and the crawl stops at the first missing.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import charset_normalizer
import trafilatura
from bs4 import BeautifulSoup

from pipeline.crawl.sites import SiteConfig

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
# Declared Chinese charsets are decoded with their superset: pages labelled gb2312
# routinely carry GBK/GB18030 characters.
_CHARSET_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030"}
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_RECORD = re.compile(r"<record>(.*?)</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup>(.*?)</nextgroup>", re.S | re.I)


@dataclass(frozen=True)
class Link:
    url: str
    title: str = ""


@dataclass
class ListPage:
    articles: list[Link] = field(default_factory=list)
    list_pages: list[str] = field(default_factory=list)  # further list pages to visit


@dataclass
class ArticlePage:
    title: str
    text: str  # main text only: what relevance is judged on
    attachments: list[Link] = field(default_factory=list)


def decode_html(data: bytes) -> str:
    """Text of an HTML page: its declared charset (widened for GB), else detected."""
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode(_CHARSET_SUPERSET.get(declared, declared))
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def read_list_page(data: bytes, url: str, site: SiteConfig) -> ListPage:
    """Article links and further list pages found on the list page at `url`."""
    soup = BeautifulSoup(decode_html(data), "lxml")
    scopes = soup.select(site.list_selector) if site.list_selector else [soup]
    page = ListPage()
    anchors: list = []
    next_groups: list = []
    for scope in scopes:
        anchors += scope.select("li a[href]")
        for script in scope.find_all("script", attrs={"type": "text/xml"}):
            records, nexts = _datastore(script.string or "")
            anchors += records
            next_groups += nexts
    for a in anchors:
        link = _link(a, url)
        if link is None:
            continue
        if site.article_pattern.search(link.url):
            _add(page.articles, link)
        elif site.list_pattern is not None and site.list_pattern.search(link.url):
            _add(page.list_pages, link.url)
    for a in next_groups:
        link = _link(a, url)
        if link is not None:
            _add(page.list_pages, link.url)
    if site.pagination:
        _add(page.list_pages, next_numbered_page(url, site.pagination))
    return page


def next_numbered_page(url: str, template: str) -> str:
    """The page after `url` in a series named by `template` ("index_{n}.html"): the
    first page (any other name) is followed by n=1, page n by n+1."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    prefix, _, suffix = template.partition("{n}")
    m = re.fullmatch(re.escape(prefix) + r"(\d+)" + re.escape(suffix), name)
    return urljoin(url, template.format(n=int(m.group(1)) + 1 if m else 1))


def read_article(data: bytes, url: str, site: SiteConfig) -> ArticlePage:
    """Title, main text and attachment links of the article page at `url`."""
    html = decode_html(data)
    soup = BeautifulSoup(html, "lxml")
    meta = soup.find("meta", attrs={"name": "ArticleTitle"})
    title = (meta.get("content") or "").strip() if meta else ""
    if not title and soup.title and soup.title.string:
        title = soup.title.string.split("_")[0].strip()
    scopes = soup.select(site.content_selector) if site.content_selector else []
    if scopes:
        text = "\n".join(s.get_text("\n", strip=True) for s in scopes)
    else:
        text = trafilatura.extract(html, include_comments=False) or ""
    attachments: list[Link] = []
    for a in soup.select("a[href]"):
        link = _link(a, url)
        if link is None:
            continue
        names = (urlsplit(link.url).path, link.title)
        if any(os.path.splitext(n.lower())[1] in site.attachment_extensions for n in names):
            _add(attachments, link)
    return ArticlePage(title=title, text=text, attachments=attachments)


def _datastore(xml: str) -> tuple[list, list]:
    """Anchors of the records and of the nextgroup of a Hanweb datastore."""
    def anchors(fragment: str) -> list:
        html = "".join(_CDATA.findall(fragment)) or fragment
        return BeautifulSoup(html, "lxml").select("a[href]")

    records = [a for rec in _RECORD.findall(xml) for a in anchors(rec)]
    nexts = [a for grp in _NEXTGROUP.findall(xml) for a in anchors(grp)]
    return records, nexts


def _link(anchor, base: str) -> Link | None:
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith(("javascript:", "mailto:", "#")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https"):
        return None
    url = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
    title = (anchor.get("title") or anchor.get_text(" ", strip=True) or "").strip()
    return Link(url=url, title=title)


def _add(items: list, item) -> None:
    key = item.url if isinstance(item, Link) else item
    if all((i.url if isinstance(i, Link) else i) != key for i in items):
        items.append(item)
