"""Fetcher safety beyond test_fetch.py (issue 9), against a local server that misbehaves
on purpose: a redirect to a name that resolves to loopback, a name whose DNS answer
changes after the check, an endless redirect chain, gzip and deflate bombs and a body
with no Content-Length that never ends."""
from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pipeline.crawl import fetch
from pipeline.crawl.fetch import Fetcher
from pipeline.crawl.sites import load_site
from pipeline.errors import FetchError, LimitExceeded, Refused

MIB = 1024 * 1024
GZIP_BOMB = gzip.compress(b"\0" * (64 * MIB), compresslevel=9)  # ~64 KB on the wire
DEFLATE_BOMB = zlib.compress(b"\0" * (64 * MIB), 9)
PAGE = "<html><body><p>督导报告：全区义务教育巩固率达到99.5%。</p></body></html>".encode()


class Hostile(BaseHTTPRequestHandler):
    requested: list[tuple[str, str]] = []  # (Host header, path) of every request
    headers: list[dict] = []  # the headers of every request

    def log_message(self, *args):
        pass

    def do_GET(self):
        Hostile.requested.append((self.headers["Host"].split(":")[0], self.path))
        Hostile.headers.append(dict(self.headers))
        port = self.server.server_address[1]
        if self.path == "/robots.txt":
            return self._reply(404, b"")
        if self.path == "/to-localhost":
            return self._redirect(f"http://localhost:{port}/secret")
        if self.path.startswith("/loop/"):
            return self._redirect(f"/loop/{int(self.path.rsplit('/', 1)[1]) + 1}")
        if self.path == "/gzip-bomb":
            return self._reply(200, GZIP_BOMB, {"Content-Encoding": "gzip"})
        if self.path == "/deflate-bomb":
            return self._reply(200, DEFLATE_BOMB, {"Content-Encoding": "deflate"})
        if self.path == "/gzip-page":
            return self._reply(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"})
        if self.path == "/raw-deflate-page":
            raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
            return self._reply(200, raw.compress(PAGE) + raw.flush(), {"Content-Encoding": "deflate"})
        if self.path == "/broken-deflate":
            return self._reply(200, b"\xff" * 64, {"Content-Encoding": "deflate"})
        if self.path == "/brotli-page":
            return self._reply(200, b"\x0b\x02\x80", {"Content-Encoding": "br"})
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
    Hostile.requested, Hostile.headers = [], []
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
    """The server's own address passes as public (faked); the redirect goes to an
    allowed name that resolves to another loopback address, as a DNS-rebinding page would."""
    real = fetch._addresses
    monkeypatch.setattr(fetch, "is_public", lambda address: str(address) == "127.0.0.1")
    monkeypatch.setattr(fetch, "_addresses", lambda host, port, url: [ipaddress.ip_address("127.0.0.2")]
                        if host == "localhost" else real(host, port, url))
    f = fetcher(allow_private_addresses=False, allowed_hosts=["127.0.0.1", "localhost"])
    with pytest.raises(Refused, match="host 'localhost' resolves to non-public address"):
        f.get(hostile_server + "/to-localhost")
    assert [host for host, _ in Hostile.requested] == ["127.0.0.1", "127.0.0.1"]  # robots.txt, the redirect


def test_endless_redirects_stop(hostile_server, fetcher):
    with pytest.raises(FetchError, match=r"more than \d+ redirects"):
        fetcher().get(hostile_server + "/loop/0")
    assert len(Hostile.requested) < 30


@pytest.mark.parametrize("path", ["/gzip-bomb", "/deflate-bomb"])
def test_compression_bomb_is_refused_before_it_inflates_past_the_limit(hostile_server, fetcher, path):
    """The limit counts inflated bytes as they grow: the 64 MiB behind the 64 KB on the
    wire are never held, the peak memory of the fetch stays near the 1 MiB limit."""
    f = fetcher()
    tracemalloc.start()
    try:
        with pytest.raises(LimitExceeded, match=f"body over max_download_bytes {MIB}"):
            f.get(hostile_server + path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MIB


@pytest.mark.parametrize("path", ["/gzip-page", "/raw-deflate-page"])
def test_compressed_page_is_inflated(hostile_server, fetcher, path):
    assert fetcher().get(hostile_server + path).body == PAGE


def test_encoding_it_cannot_inflate_is_a_fetch_error(hostile_server, fetcher):
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        fetcher().get(hostile_server + "/brotli-page")
    assert all(h.get("Accept-Encoding") == "gzip, deflate" for h in Hostile.headers)
    with pytest.raises(FetchError, match="cannot decode the compressed body"):
        fetcher().get(hostile_server + "/broken-deflate")


def test_dual_stack_name_is_pinned_to_its_ipv4_address(hostile_server, fetcher, monkeypatch):
    port = int(hostile_server.rsplit(":", 1)[1])
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: [
        (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", port, 0, 0)),
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))])
    f = fetcher(allowed_hosts=["bureau.test"])
    assert str(fetch.check_url(f"http://bureau.test:{port}/page", f.site)) == "127.0.0.1"


def test_each_connection_goes_to_the_address_that_was_checked(hostile_server, fetcher, monkeypatch):
    """A name the resolver answers with the server's address once, then with another
    (DNS rebinding after the check): every request, robots.txt included, still reaches
    the checked address, and under the site's own name."""
    port = int(hostile_server.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1"] + ["127.0.0.2"] * 10)  # nothing listens on 127.0.0.2
    asked = []
    real = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host != "bureau.test":
            return real(host, *args, **kwargs)
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    f = fetcher(allowed_hosts=["bureau.test"])
    for path in ("/page", "/page-again"):
        assert f.get(f"http://bureau.test:{port}{path}").body == b"<html><body><p>secret</p></body></html>"
    assert asked == ["bureau.test"]
    assert Hostile.requested == [("bureau.test", "/robots.txt"), ("bureau.test", "/page"),
                                 ("bureau.test", "/page-again")]


def test_body_without_length_is_cut_at_the_download_limit(hostile_server, fetcher):
    with pytest.raises(LimitExceeded, match=f"body over max_download_bytes {MIB}"):
        fetcher().get(hostile_server + "/endless")


def self_signed_certificate(folder, host: str):
    """(certificate, key) PEM files of a self-signed certificate for `host`."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path):
    """The hostile server over TLS on 127.0.0.1, with a certificate for bureau.test only."""
    import ssl

    cert, key = self_signed_certificate(tmp_path, "bureau.test")
    Hostile.requested, Hostile.headers = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], cert
    httpd.shutdown()


def test_https_connection_to_the_checked_address_verifies_the_host_name(tls_server, tmp_path, site_config,
                                                                         monkeypatch):
    """Connecting to the pinned IP still presents and verifies the site's own name: the
    fetch of https://bureau.test succeeds against a certificate for bureau.test only."""
    import certifi

    port, cert = tls_server
    monkeypatch.setattr(certifi, "where", lambda: str(cert))  # trust the test certificate, not the web's
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real("127.0.0.1" if host == "bureau.test"
                                                                          else host, *a, **k))
    base = f"https://bureau.test:{port}/"
    f = Fetcher(load_site(site_config(tmp_path, base, min_delay_s=0, allow_private_addresses=True,
                                      allowed_hosts=["bureau.test"])), MIB)
    try:
        assert f.get(base + "page").body == b"<html><body><p>secret</p></body></html>"
    finally:
        f.close()
    assert Hostile.requested == [("bureau.test", "/robots.txt"), ("bureau.test", "/page")]
