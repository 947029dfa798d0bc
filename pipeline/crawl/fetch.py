"""HTTP for the crawler: safe URLs only, robots.txt obeyed, paced, capped, retried.

Stages of one `Fetcher.get`:
1. `check_url`: http/https only, host allowed by the site config, and no private,
   loopback or link-local address unless the config allows it (tests on 127.0.0.1).
   A host is resolved and checked once per run and every connection goes to that
   checked address (the URL names the IP; Host header and TLS SNI name the host), so
   a DNS answer changed after the check (rebinding) is never used.
2. robots.txt of the host (fetched once per run) must allow the URL.
3. the gate waits for the host's turn (Crawl-delay, or the site's own minimum).
4. the request, conditional when an ETag/Last-Modified is known; redirects are followed
   by hand so every hop goes through 1-3; the body is read up to the size cap, and a
   gzip/deflate body is inflated by us in steps bounded by what the cap leaves, so a
   compression bomb is refused before it grows past the cap.
5. retries with exponential backoff, only after a timeout, a 429 or a 5xx.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from protego import Protego

from pipeline.crawl.sites import ROBOTS_AGENT, SiteConfig
from pipeline.errors import FetchError, LimitExceeded, Refused

MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 120.0
_REDIRECT_CODES = (301, 302, 303, 307, 308)
# The encodings asked for, and inflated by _BoundedInflater; any other is refused.
ACCEPT_ENCODING = "gzip, deflate"


@dataclass
class Response:
    url: str  # the URL finally answered (after redirects)
    status: int  # 200 or 304
    body: bytes | None  # None on 304
    etag: str | None
    last_modified: str | None
    content_type: str | None


def check_url(url: str, site: SiteConfig) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address to connect to for `url`; raises Refused unless `url` is http(s), on
    an allowed host, and (unless the config allows it) resolves to public addresses only."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"scheme {parts.scheme!r} is not http or https", source=url)
    host = (parts.hostname or "").lower()
    if host not in site.allowed_hosts:
        raise Refused(f"host {host!r} is not allowed by site {site.name!r}", source=url)
    addresses = _addresses(host, _port(parts), url)
    if not site.allow_private_addresses:
        for address in addresses:
            if not is_public(address):
                raise Refused(f"host {host!r} resolves to non-public address {address}", source=url)
    # One address is pinned for the run; IPv4 first, since a dual-stack name is more
    # often reachable over IPv4 from a bureau's or a CI's network than over IPv6.
    return min(addresses, key=lambda address: address.version)


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.is_global and not address.is_multicast


def _port(parts) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


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


def pinned_request(url: str, address) -> tuple[str, dict, dict]:
    """(URL naming `address` instead of the host, the Host header, the httpx extensions
    that make TLS present and verify the host's name), so the connection goes to the
    address that was checked and to no other answer of the resolver."""
    parts = urlsplit(url)
    ip = f"[{address}]" if address.version == 6 else str(address)
    netloc = ip if parts.port is None else f"{ip}:{parts.port}"
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), {"Host": parts.netloc.rpartition("@")[2]}, extensions


class _BoundedInflater:
    """Decodes a gzip or deflate body chunk by chunk, never producing more than the
    bytes still allowed: the inflated size is counted as it grows, not after."""

    def __init__(self, encoding: str, url: str):
        if encoding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}", source=url)
        self._deflate = encoding == "deflate"
        # wbits 47: a gzip or zlib header, detected; deflate is zlib-wrapped (or raw, below).
        self._inflater = zlib.decompressobj(zlib.MAX_WBITS if self._deflate else 47)
        self._started = False
        self._url = url

    def inflate(self, raw: bytes, room: int) -> bytes:
        """Up to `room` bytes inflated from `raw` (what does not fit stays pending)."""
        try:
            out = self._inflater.decompress(raw, room)
        except zlib.error as exc:
            if not (self._deflate and not self._started):
                raise FetchError(f"cannot decode the compressed body: {exc}", source=self._url) from exc
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            self._started = True
            return self.inflate(raw, room)
        self._started = True
        return out

    @property
    def pending(self) -> bytes:
        return self._inflater.unconsumed_tail


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
        self._checked: dict[tuple[str, str, int], ipaddress.IPv4Address | ipaddress.IPv6Address] = {}
        self.client = httpx.Client(
            headers={"User-Agent": site.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
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

    def _checked_address(self, url: str):
        """check_url's address for the scheme, host and port of `url`, resolved once."""
        parts = urlsplit(url)
        key = (parts.scheme, (parts.hostname or "").lower(), _port(parts))
        if key not in self._checked:
            self._checked[key] = check_url(url, self.site)
        return self._checked[key]

    def _check_allowed(self, url: str) -> None:
        self._checked_address(url)
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
        pinned_url, host_header, extensions = pinned_request(url, self._checked_address(url))
        try:
            with self.client.stream("GET", pinned_url, headers={**headers, **host_header},
                                    extensions=extensions) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise LimitExceeded(f"Content-Length {declared} over max_download_bytes {self.max_bytes}",
                                        source=url)
                return resp.status_code, resp.headers, self._read_body(resp, url)
        finally:
            self._pacer.done(urlsplit(url).netloc.lower())

    def _read_body(self, resp: httpx.Response, url: str) -> bytes:
        """The decoded body, refused as soon as it would pass max_bytes: raw chunks are
        inflated here (not by httpx, which inflates a whole chunk at once) into at most
        the room left plus one byte, the byte that proves the body is over."""
        encoding = resp.headers.get("content-encoding", "identity").strip().lower()
        inflater = None if encoding in ("", "identity") else _BoundedInflater(encoding, url)
        body = bytearray()
        for raw in resp.iter_raw():
            while raw:
                if inflater is None:
                    body += raw
                    raw = b""
                else:
                    body += inflater.inflate(raw, self.max_bytes + 1 - len(body))
                    raw = inflater.pending
                if len(body) > self.max_bytes:
                    raise LimitExceeded(f"body over max_download_bytes {self.max_bytes}", source=url)
        return bytes(body)


def _retry_after(headers: httpx.Headers) -> float:
    value = headers.get("retry-after", "")
    return min(float(value), MAX_RETRY_AFTER_S) if value.isdigit() else 0.0
