"""A real HTTP server on 127.0.0.1 serving ../shared/fixtures/site, logging every
request, answering conditional requests, and injecting faults on chosen paths."""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT as REPO, SHARED

FIXTURE_SITE = SHARED / "fixtures" / "site"
_TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain", ".pdf": "application/pdf",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass
class Hit:
    at: float  # time.monotonic() when the request arrived
    path: str
    status: int
    headers: dict


@dataclass
class Server:
    root: Path
    log: list[Hit] = field(default_factory=list)
    # path -> list of behaviours, consumed one per request; the last one repeats.
    # A behaviour is an int status, "hang", ("redirect", location) or ("body", bytes).
    faults: dict[str, list] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)  # virtual pages over the root
    base_url: str = ""
    hang_s: float = 3.0

    def paths(self, status: int | None = None) -> list[str]:
        return [h.path for h in self.log if status is None or h.status == status]


def _handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # the Server.log is the record
            pass

        def do_GET(self):
            hit = Hit(time.monotonic(), self.path, 0, dict(self.headers))
            server.log.append(hit)
            plan = server.faults.get(self.path)
            behaviour = (plan.pop(0) if len(plan) > 1 else plan[0]) if plan else None
            if behaviour == "hang":
                time.sleep(server.hang_s)
                hit.status = 599
                return
            if isinstance(behaviour, tuple) and behaviour[0] == "redirect":
                hit.status = 302
                self.send_response(302)
                self.send_header("Location", behaviour[1])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if isinstance(behaviour, int):
                return self._send(hit, behaviour, b"fault", "text/plain")
            body = self._body()
            if body is None:
                return self._send(hit, 404, b"not found", "text/plain")
            etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
            if self.headers.get("If-None-Match") == etag:
                hit.status = 304
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            ctype = _TYPES.get(Path(self.path.split("?")[0]).suffix, "application/octet-stream")
            if self.path.endswith(".html") and b"charset=gb2312" in body[:400]:
                ctype = "text/html; charset=gb2312"
            self._send(hit, 200, body, ctype, etag)

        def _body(self) -> bytes | None:
            path = self.path.split("?")[0]
            if path in server.pages:
                return server.pages[path]
            file = (server.root / path.lstrip("/")).resolve()
            if server.root.resolve() not in file.parents or not file.is_file():
                return None
            return file.read_bytes()

        def _send(self, hit: Hit, status: int, body: bytes, ctype: str, etag: str | None = None):
            hit.status = status
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(0, usegmt=True))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def _serve(root: Path):
    server = Server(root)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return server, httpd


def _served_fixture_site():
    server, httpd = _serve(FIXTURE_SITE)
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site_server():
    yield from _served_fixture_site()


@pytest.fixture(scope="module")
def module_site_server():
    yield from _served_fixture_site()


@pytest.fixture(scope="session")
def site_config():
    return write_site_config


def write_site_config(tmp_path: Path, base_url: str, name: str = "fixture.yaml", **changes) -> Path:
    """A copy of corpus/sites/<name> pointed at `base_url`, with `changes` applied."""
    data = yaml.safe_load((REPO / "corpus" / "sites" / name).read_text(encoding="utf-8"))
    data.update(base_url=base_url, **changes)
    path = tmp_path / f"site-{abs(hash((base_url, repr(changes))))}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
