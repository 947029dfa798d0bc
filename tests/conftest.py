"""Shared fixtures: a Prefect test harness for the session, the shared/ folder, and
one real mine run over the sample corpus that many tests read."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus" / "docs"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# The built-index cache (extractors/buildcache.py) is the test session's own, not the
# user's: tests neither read indexes built by another checkout nor leave theirs in ~/.cache.
if "DUDAO_CACHE_DIR" not in os.environ:
    os.environ["DUDAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="dudao-test-cache-")
    atexit.register(shutil.rmtree, os.environ["DUDAO_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):  # the machine is shared and busy
        yield


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the tests need the read-only shared/ folder beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def mined_corpus(prefect_harness, tmp_path_factory):
    """outputs of `mine(corpus/docs)` — the README's demo run, done once per session."""
    from pipeline.mine import mine
    from pipeline.settings import Settings

    out = tmp_path_factory.mktemp("mined")
    result = mine([CORPUS], Settings(out_dir=out, progress=False))
    return out, result
