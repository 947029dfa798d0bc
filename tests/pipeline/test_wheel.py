"""What a user gets from `pip install dudao-*.whl`: the wheel built from this checkout,
installed with the interpreter's own pip into a fresh venv (packages from the registry
through pip's cache), runs `dudao mine` and `dudao crawl` from a folder outside the
repo, with no access to the checkout (lexicons come from the wheel)."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pyarrow.parquet as pq
import pytest

from tests.conftest import CORPUS, ROOT
from tests.pipeline.crawl.conftest import FIXTURE_SITE, write_site_config


def _run(argv, **kwargs) -> subprocess.CompletedProcess:
    run = subprocess.run(argv, capture_output=True, text=True, timeout=1200, **kwargs)
    assert run.returncode == 0, f"{argv}: {run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    return run


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The bin folder of a fresh venv holding the wheel and its dependencies."""
    tmp = tmp_path_factory.mktemp("wheel")
    # built from a copy: setuptools' build/ folder in a checkout can carry stale modules into a wheel
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for package in ("pipeline", "extractors", "lexicons"):
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    env = _user_env(tmp)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(src), "-w", str(tmp / "dist")], env=env)
    wheel = next((tmp / "dist").glob("dudao-*.whl"))
    _run([sys.executable, "-m", "venv", str(tmp / "venv")], env=env)  # with ensurepip's pip, not an upgraded one
    bin_dir = tmp / "venv" / "bin"
    _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], env=env)
    return bin_dir


def _user_env(tmp_path) -> dict:
    """A user's environment: no checkout on PYTHONPATH (pip would take a dudao.egg-info
    there for an installed dudao, and the commands would import the checkout)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return dict(env, PREFECT_HOME=str(tmp_path / "prefect"))


@pytest.mark.slow
def test_the_installed_wheel_mines_a_report(installed, tmp_path):
    shutil.copy(CORPUS / "003_shuangjian_survey.txt", tmp_path / "report.txt")
    assert _run([str(installed / "dudao"), "--version"], cwd=tmp_path, env=_user_env(tmp_path)).stdout.strip() \
        == "dudao 0.1.0"
    _run([str(installed / "dudao"), "mine", "report.txt", "--out", "out"], cwd=tmp_path, env=_user_env(tmp_path))
    assert pq.read_metadata(tmp_path / "out" / "findings.parquet").num_rows > 0


@pytest.mark.slow
def test_the_installed_wheel_crawls_a_site(installed, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        config = write_site_config(tmp_path, f"http://127.0.0.1:{httpd.server_address[1]}/")
        _run([str(installed / "dudao"), "crawl", str(config), "--out", "out"], cwd=tmp_path, env=_user_env(tmp_path))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert pq.read_metadata(tmp_path / "out" / "documents.parquet").num_rows > 0


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
