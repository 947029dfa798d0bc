"""HTTP for the crawler: safe URLs only, robots.txt obeyed, paced, capped, retried.

Stages of one `Fetcher.get`:
1. `check_url`: http/https only, host allowed by the site config, and no private,
   loopback or link-local address unless the config allows it (tests on 127.0.0.1).
2. robots.txt of the host (fetched once per run) must allow the URL.
3. the gate waits for the host's turn (Crawl-delay, or the site's own minimum).
4. the request, conditional when an ETag/Last-Modified is known; redirects are followed
   by hand so every hop goes through 1-3; the body is read up to the size cap.
5. retries with exponential backoff, only after a timeout, a 429 or a 5xx.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from pipeline.crawl.sites import ROBOTS_AGENT, SiteConfig
from pipeline.errors import FetchError, LimitExceeded, Refused

MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 120.0
_REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass
class Response:
    url: str  # the URL finally answered (after redirects)
    status: int  # 200 or 304
    body: bytes | None  # None on 304
    etag: str | None
    last_modified: str | None
    content_type: str | None


def check_url(url: str, site: SiteConfig) -> None:
    """Raise Refused unless `url` is http(s), on an allowed host, and (unless the
    config allows it) resolves to public addresses only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"scheme {parts.scheme!r} is not http or https", source=url)
    host = (parts.hostname or "").lower()
    if host not in site.allowed_hosts:
        raise Refused(f"host {host!r} is not allowed by site {site.name!r}", source=url)
    if site.allow_private_addresses:
        return
    for address in _addresses(host, parts.port or (443 if parts.scheme == "https" else 80), url):
        if not address.is_global or address.is_multicast:
            raise Refused(f"host {host!r} resolves to non-public address {address}", source=url)


def _addresses(host: str, port: int, url: str) -> list:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise FetchError(f"cannot resolve {host!r}: {exc}", source=url) from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


class HostPacer:
    """Keeps requests to one host at least `delay` seconds apart. The delay counts
    from the end of the previous exchange, so the server sees the spacing whatever
    the connection set-up time (a shared rate limit grants a slot before the send)."""

    def __init__(self):
        self._last_done: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float) -> None:
        with self._lock:
            last = self._last_done.get(host)
        if last is not None:
            time.sleep(max(0.0, last + delay - time.monotonic()))

    def done(self, host: str) -> None:
        with self._lock:
            self._last_done[host] = time.monotonic()


Gate = Callable[[str, float], None]  # (host, delay) -> returns when a request may go


class Fetcher:
    """One per site and run: an httpx client plus the robots rules of its hosts."""

    def __init__(self, site: SiteConfig, max_bytes: int, gate: Gate | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.site = site
        self.max_bytes = max_bytes
        self._pacer = HostPacer()
        self._gate = gate
        self._sleep = sleep
        self._robots: dict[str, Protego | None] = {}
        self.client = httpx.Client(
            headers={"User-Agent": site.user_agent},
            timeout=httpx.Timeout(site.timeout_s),
            follow_redirects=False,
            trust_env=False,  # never route through a proxy named in the environment
        )

    def close(self) -> None:
        self.client.close()

    def delay(self, host: str) -> float:
        robots = self._robots.get(host)
        robots_delay = robots.crawl_delay(ROBOTS_AGENT) if robots else None
        return max(self.site.min_delay_s, float(robots_delay or 0.0))

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """The page at `url`; raises Refused, LimitExceeded or FetchError."""
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_allowed(url)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            status, resp_headers, body = self._request(url, headers)
            if status in _REDIRECT_CODES:
                location = resp_headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} without Location", source=url)
                url = urljoin(url, location)
                etag = last_modified = None  # validators belong to the first URL
                continue
            if status == 304:
                return Response(url, 304, None, resp_headers.get("etag"), resp_headers.get("last-modified"),
                                resp_headers.get("content-type"))
            if status != 200:
                raise FetchError(f"HTTP {status}", source=url)
            return Response(url, 200, body, resp_headers.get("etag"), resp_headers.get("last-modified"),
                            resp_headers.get("content-type"))
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)

    def _check_allowed(self, url: str) -> None:
        check_url(url, self.site)
        host = urlsplit(url).netloc.lower()
        if host not in self._robots:
            self._robots[host] = self._read_robots(url)
        robots = self._robots[host]
        if robots is not None and not robots.can_fetch(url, ROBOTS_AGENT):
            raise Refused("robots.txt disallows this URL", source=url)

    def _read_robots(self, url: str) -> Protego | None:
        """The host's rules; None when it has no robots.txt. An unreachable robots.txt
        (5xx after retries) disallows the whole host, as RFC 9309 says."""
        robots_url = urljoin(url, "/robots.txt")
        try:
            status, _headers, body = self._request(robots_url, {})
        except FetchError as exc:
            raise Refused(f"robots.txt unreachable: {exc.message}", source=url) from exc
        if status == 200:
            return Protego.parse(body.decode("utf-8", errors="replace"))
        if 400 <= status < 500:
            return None
        raise Refused(f"robots.txt answered HTTP {status}", source=url)

    def _request(self, url: str, headers: dict) -> tuple[int, httpx.Headers, bytes]:
        """One GET with retries; returns (status, headers, body) of the last attempt."""
        host = urlsplit(url).netloc.lower()
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                status, resp_headers, body = self._send(url, headers)
            except httpx.TimeoutException as exc:
                if attempt >= self.site.retries:
                    raise FetchError(f"timed out after {attempt + 1} attempts: {type(exc).__name__}",
                                     source=url) from exc
                wait = self.site.backoff_s * 2 ** attempt
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__}: {exc}", source=url) from exc
            else:
                if not (status == 429 or status >= 500) or attempt >= self.site.retries:
                    return status, resp_headers, body
                wait = max(self.site.backoff_s * 2 ** attempt, _retry_after(resp_headers))
            attempt += 1
            self._sleep(wait)

    def _wait_turn(self, host: str) -> None:
        delay = self.delay(host)
        if self._gate is not None:
            self._gate(host, delay)
        self._pacer.wait(host, delay)

    def _send(self, url: str, headers: dict) -> tuple[int, httpx.Headers, bytes]:
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise LimitExceeded(f"Content-Length {declared} over max_download_bytes {self.max_bytes}",
                                        source=url)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise LimitExceeded(f"body over max_download_bytes {self.max_bytes}", source=url)
                return resp.status_code, resp.headers, bytes(body)
        finally:
            self._pacer.done(urlsplit(url).netloc.lower())


def _retry_after(headers: httpx.Headers) -> float:
    value = headers.get("retry-after", "")
    return min(float(value), MAX_RETRY_AFTER_S) if value.isdigit() else 0.0
