"""Crawl state in DuckDB: one row per URL ever seen, so the next run asks only for
what changed and mines only what it has not mined yet."""
from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.lock import held

# status values
FETCHED = "fetched"  # a body was downloaded this run
UNCHANGED = "unchanged"  # 304, or the same bytes as last time
SKIPPED = "skipped"  # fetched, but not relevant (see `reason`)
REFUSED = "refused"  # not requested on purpose (robots.txt, host, scheme, address)
FAILED = "failed"  # could not be fetched (see `error`)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS crawl_state (
    url VARCHAR PRIMARY KEY,
    site VARCHAR,
    kind VARCHAR,            -- list | article | attachment
    parent VARCHAR,          -- the article an attachment was linked from
    title VARCHAR,
    status VARCHAR,
    http_status INTEGER,
    etag VARCHAR,
    last_modified VARCHAR,
    sha256 VARCHAR,
    ext VARCHAR,             -- archive extension of the bytes
    mined_sha256 VARCHAR,    -- the bytes last handed to mine
    first_seen TIMESTAMPTZ,
    last_seen TIMESTAMPTZ,
    error VARCHAR,           -- error kind and message of a failure or refusal
    reason VARCHAR           -- why a fetched page was skipped or refused
)
"""


@dataclass
class UrlState:
    url: str
    site: str | None = None
    kind: str | None = None
    parent: str | None = None
    title: str | None = None
    status: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    ext: str | None = None
    mined_sha256: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    error: str | None = None
    reason: str | None = None


_COLUMNS = [f.name for f in fields(UrlState)]


class CrawlState:
    """The state database, held under its lock (`<path>.lock`) from opening to close():
    a second crawl with the same state waits (or, wait=False, raises OutputBusy)
    instead of failing on DuckDB's own file lock."""

    def __init__(self, path: Path, wait: bool = True):
        path = Path(path)
        self._lock = ExitStack()
        self._lock.enter_context(held(path.with_name(path.name + ".lock"), f"crawl state {path}", wait))
        try:
            self.con = duckdb.connect(str(path))
            self.con.execute(_SCHEMA)
        except BaseException:
            self._lock.close()
            raise

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            self._lock.close()

    def get(self, url: str) -> UrlState | None:
        row = self.con.execute(f"SELECT {', '.join(_COLUMNS)} FROM crawl_state WHERE url = ?", [url]).fetchone()
        return UrlState(*row) if row else None

    def put(self, row: UrlState) -> UrlState:
        """Insert or update `row`; first_seen is kept from the first visit."""
        now = datetime.now(timezone.utc)
        row.last_seen = now
        old = self.get(row.url)
        row.first_seen = old.first_seen if old and old.first_seen else now
        if old and row.mined_sha256 is None:
            row.mined_sha256 = old.mined_sha256
        values = [getattr(row, c) for c in _COLUMNS]
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "url")
        self.con.execute(
            f"INSERT INTO crawl_state ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
            f"ON CONFLICT (url) DO UPDATE SET {updates}",
            values,
        )
        return row

    def unmined(self, site: str | None = None) -> list[UrlState]:
        """Articles and attachments kept by the crawl whose current bytes were never
        handed to mine (new, changed, or left over by an interrupted run)."""
        sql = (f"SELECT {', '.join(_COLUMNS)} FROM crawl_state WHERE kind IN ('article', 'attachment') "
               f"AND status IN ('{FETCHED}', '{UNCHANGED}') AND sha256 IS NOT NULL "
               "AND (mined_sha256 IS NULL OR mined_sha256 <> sha256)")
        params: list = []
        if site is not None:
            sql += " AND site = ?"
            params.append(site)
        return [UrlState(*r) for r in self.con.execute(sql + " ORDER BY url", params).fetchall()]

    def mark_mined(self, urls: list[str]) -> None:
        self.con.executemany("UPDATE crawl_state SET mined_sha256 = sha256 WHERE url = ?", [[u] for u in urls])

    def rows(self) -> list[UrlState]:
        return [UrlState(*r) for r in self.con.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM crawl_state ORDER BY url").fetchall()]
