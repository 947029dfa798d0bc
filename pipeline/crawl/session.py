"""The steps of a crawl, one library call each; `pipeline/flows/crawl.py` runs them as
Prefect tasks in order. A session is one site's fetcher plus the shared state and
archive. No step raises for a bad URL: every outcome becomes a state row."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.crawl.archive import Archive, extension_for
from pipeline.crawl.discover import ArticlePage, Link, ListPage, decode_html, read_article, read_list_page
from pipeline.crawl.fetch import Fetcher, Gate
from pipeline.crawl.relevance import Verdict, judge, keyword_groups
from pipeline.crawl.sites import SiteConfig
from pipeline.crawl.state import FAILED, FETCHED, REFUSED, SKIPPED, UNCHANGED, CrawlState, UrlState
from pipeline.errors import DudaoError, LimitExceeded, Refused
from pipeline.ingest.html import check_tag_count
from pipeline.settings import Settings


@dataclass
class Visit:
    url: str
    kind: str  # list | article | attachment
    status: str  # a state.* status
    body: bytes | None = None  # the page's bytes (from the archive when unchanged)
    error: str | None = None


@dataclass
class CrawlResult:
    visits: list[Visit] = field(default_factory=list)
    mined: list[str] = field(default_factory=list)  # sources handed to mine this run
    mine_result: object | None = None

    def urls(self, status: str, kind: str | None = None) -> list[str]:
        return [v.url for v in self.visits if v.status == status and kind in (None, v.kind)]


class CrawlSession:
    def __init__(self, site: SiteConfig, settings: Settings, state: CrawlState, archive: Archive,
                 gate: Gate | None = None):
        self.site = site
        self.state = state
        self.archive = archive
        self.keywords = keyword_groups(site.keywords)
        self.max_html_tags = settings.limits.max_html_tags
        self.fetcher = Fetcher(site, settings.limits.max_download_bytes, gate=gate)

    def close(self) -> None:
        self.fetcher.close()

    def visit(self, link: Link | str, kind: str, parent: str | None = None) -> Visit:
        """Fetch `link` (conditionally when it was seen before), archive new bytes and
        record the outcome in the state."""
        link = Link(link) if isinstance(link, str) else link
        old = self.state.get(link.url)
        row = UrlState(url=link.url, site=self.site.name, kind=kind, parent=parent,
                       title=link.title or (old.title if old else None))
        cached = old is not None and old.sha256 is not None and self.archive.path(old.sha256, old.ext).exists()
        try:
            resp = self.fetcher.get(link.url, old.etag if cached else None, old.last_modified if cached else None)
        except DudaoError as exc:
            row.status = REFUSED if isinstance(exc, Refused) else FAILED
            row.error = f"{exc.kind}: {exc.message}"
            if old is not None:  # keep what the last good visit knew
                row.etag, row.last_modified, row.sha256, row.ext = old.etag, old.last_modified, old.sha256, old.ext
            self.state.put(row)
            return Visit(link.url, kind, row.status, error=row.error)
        row.http_status = resp.status
        row.etag = resp.etag or (old.etag if resp.status == 304 else None)
        row.last_modified = resp.last_modified or (old.last_modified if resp.status == 304 else None)
        if resp.status == 304:
            row.sha256, row.ext, row.status = old.sha256, old.ext, UNCHANGED
            body = self.archive.read(old.sha256, old.ext)
        else:
            body = resp.body
            row.ext = extension_for(resp.url, resp.content_type, link.title)
            row.sha256, _ = self.archive.put(body, row.ext)
            row.status = UNCHANGED if old is not None and old.sha256 == row.sha256 else FETCHED
        self.state.put(row)
        return Visit(link.url, kind, row.status, body=body)

    def read_list(self, visit: Visit) -> ListPage:
        """The links of a list page; none when the page is too big to parse (then failed)."""
        if not self.parseable(visit):
            return ListPage()
        return read_list_page(visit.body, visit.url, self.site)

    def judge_article(self, visit: Visit) -> tuple[ArticlePage, Verdict]:
        """Read the article and keep it or mark it skipped, with the reason, in the state;
        a page too big to parse is not kept (and failed, see `parseable`)."""
        if not self.parseable(visit):
            return ArticlePage(title="", text=""), Verdict(False, visit.error)
        page = read_article(visit.body, visit.url, self.site)
        verdict = judge(page.title, page.text, self.keywords)
        row = self.state.get(visit.url)
        row.title = page.title or row.title
        row.reason = verdict.reason
        if not verdict.relevant:
            row.status = visit.status = SKIPPED
        self.state.put(row)
        return page, verdict

    def parseable(self, visit: Visit) -> bool:
        """False, with the URL recorded as failed, when the page has more start tags than
        Limits.max_html_tags, the bound `mine` applies: BeautifulSoup and trafilatura
        would spend minutes on a page of millions of tiny tags."""
        try:
            check_tag_count(decode_html(visit.body), self.max_html_tags)
        except LimitExceeded as exc:
            row = self.state.get(visit.url)
            row.status = visit.status = FAILED
            row.error = visit.error = f"{exc.kind}: {exc.message}"
            self.state.put(row)
            return False
        return True


def unmined_files(state: CrawlState, archive: Archive) -> list:
    """SourceFiles for mine: archived articles and attachments whose current bytes were
    never mined, each with the URL it came from (and the article, for attachments)."""
    from pipeline.mine import SourceFile  # the miner loads spaCy/jieba: only when mining

    return [SourceFile(path=archive.path(r.sha256, r.ext), source=r.url, parent=r.parent)
            for r in state.unmined()]


def mine_new(state: CrawlState, archive: Archive, settings: Settings) -> tuple[list[str], object | None]:
    """Mine the new and changed files into settings.out_dir (merged, no duplicates) and
    remember their bytes as mined. Returns the sources mined and mine's result."""
    files = unmined_files(state, archive)
    if not files:
        return [], None
    from pipeline.mine import mine

    result = mine(files, settings, merge=True)
    state.mark_mined([f.source for f in files])
    return [f.source for f in files], result


def default_state_path(settings: Settings) -> Path:
    return Path(settings.out_dir) / "crawl" / "state.duckdb"


def archive_for(state_path: Path) -> Archive:
    return Archive(Path(state_path).parent / "archive")
