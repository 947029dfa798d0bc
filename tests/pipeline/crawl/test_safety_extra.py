"""Fetcher safety beyond test_fetch.py (issue 9), against a local server that misbehaves
on purpose: a redirect to a name that resolves to loopback, an endless redirect
chain, a gzip bomb and a body with no Content-Length that never ends."""
from __future__ import annotations

import gzip
import ipaddress
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.crawl import fetch
from pipeline.crawl.fetch import Fetcher
from pipeline.crawl.sites import load_site
from pipeline.errors import FetchError, LimitExceeded, Refused

MIB = 1024 * 1024
GZIP_BOMB = gzip.compress(b"\0" * (64 * MIB), compresslevel=9)  # ~64 KB on the wire


class Hostile(BaseHTTPRequestHandler):
    requested: list[tuple[str, str]] = []  # (Host header, path) of every request

    def log_message(self, *args):
        pass

    def do_GET(self):
        Hostile.requested.append((self.headers["Host"].split(":")[0], self.path))
        port = self.server.server_address[1]
        if self.path == "/robots.txt":
            return self._reply(404, b"")
        if self.path == "/to-localhost":
            return self._redirect(f"http://localhost:{port}/secret")
        if self.path.startswith("/loop/"):
            return self._redirect(f"/loop/{int(self.path.rsplit('/', 1)[1]) + 1}")
        if self.path == "/gzip-bomb":
            return self._reply(200, GZIP_BOMB, {"Content-Encoding": "gzip"})
        if self.path == "/endless":
            self.send_response(200)  # no Content-Length: the body runs until the connection closes
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(4096):
                    self.wfile.write(b"<p>" + b"x" * 65536)
            except OSError:  # the client hung up, as it should
                pass
            return None
        return self._reply(200, b"<html><body><p>secret</p></body></html>")

    def _redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _reply(self, status: int, body: bytes, headers: dict | None = None):
        self.send_response(status)
        for key, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def hostile_server():
    Hostile.requested = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def fetcher(hostile_server, tmp_path, site_config):
    made = []

    def make(max_bytes: int = MIB, **changes) -> Fetcher:
        changes = {"min_delay_s": 0, "backoff_s": 0.01, "allow_private_addresses": True, **changes}
        made.append(Fetcher(load_site(site_config(tmp_path, hostile_server + "/", **changes)), max_bytes))
        return made[-1]

    yield make
    for f in made:
        f.close()


def test_redirect_to_a_name_resolving_to_loopback_is_refused_and_never_contacted(hostile_server, fetcher,
                                                                                 monkeypatch):
    """The first host passes as public (resolution faked); the redirect goes to an
    allowed name that resolves to 127.0.0.1, as a DNS-rebinding page would."""
    real = fetch._addresses
    monkeypatch.setattr(fetch, "_addresses", lambda host, port, url: [ipaddress.ip_address("93.184.216.34")]
                        if host == "127.0.0.1" else real(host, port, url))
    f = fetcher(allow_private_addresses=False, allowed_hosts=["127.0.0.1", "localhost"])
    with pytest.raises(Refused, match="host 'localhost' resolves to non-public address"):
        f.get(hostile_server + "/to-localhost")
    assert [host for host, _ in Hostile.requested] == ["127.0.0.1", "127.0.0.1"]  # robots.txt, the redirect


def test_endless_redirects_stop(hostile_server, fetcher):
    with pytest.raises(FetchError, match=r"more than \d+ redirects"):
        fetcher().get(hostile_server + "/loop/0")
    assert len(Hostile.requested) < 30


def test_gzip_bomb_is_cut_at_the_download_limit(hostile_server, fetcher):
    """The limit counts decoded bytes, not the 64 KB on the wire (httpx still decodes a
    whole received chunk before the check: the 64 MiB are held for a moment)."""
    with pytest.raises(LimitExceeded, match=f"body over max_download_bytes {MIB}"):
        fetcher().get(hostile_server + "/gzip-bomb")


def test_body_without_length_is_cut_at_the_download_limit(hostile_server, fetcher):
    with pytest.raises(LimitExceeded, match=f"body over max_download_bytes {MIB}"):
        fetcher().get(hostile_server + "/endless")
