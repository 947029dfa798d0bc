import gc
import os
import pickle
import subprocess
import sys
from pathlib import Path

from extractors import buildcache

ROOT = Path(__file__).resolve().parents[2]


def _counting_build(calls):
    def build():
        calls.append(1)
        return {"东城": ("110101",)}
    return build


def test_a_kept_index_is_read_back_without_building(tmp_path, monkeypatch):
    monkeypatch.setenv("DUDAO_CACHE_DIR", str(tmp_path))
    calls = []
    first = buildcache.load_or_build("index", "k1", _counting_build(calls))
    second = buildcache.load_or_build("index", "k1", _counting_build(calls))
    assert first == second and len(calls) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["index-k1.pkl"]  # no temporary file left


def test_a_corrupt_file_is_built_again_and_rewritten(tmp_path, monkeypatch):
    monkeypatch.setenv("DUDAO_CACHE_DIR", str(tmp_path))
    (tmp_path / "index-k1.pkl").write_bytes(b"\x80\x05truncated")
    calls = []
    assert buildcache.load_or_build("index", "k1", _counting_build(calls)) == {"东城": ("110101",)}
    assert len(calls) == 1
    assert pickle.loads((tmp_path / "index-k1.pkl").read_bytes()) == {"东城": ("110101",)}


def test_another_key_builds_anew_and_removes_the_older_file(tmp_path, monkeypatch):
    monkeypatch.setenv("DUDAO_CACHE_DIR", str(tmp_path))
    calls = []
    buildcache.load_or_build("index", "k1", _counting_build(calls))
    buildcache.load_or_build("other", "k1", _counting_build(calls))
    buildcache.load_or_build("index", "k2", _counting_build(calls))
    assert len(calls) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index-k2.pkl", "other-k1.pkl"]


def test_a_folder_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("DUDAO_CACHE_DIR", str(blocker / "dudao"))  # under a file: mkdir fails
    assert buildcache.load_or_build("index", "k1", _counting_build([])) == {"东城": ("110101",)}


def test_cache_dir_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("DUDAO_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert buildcache.cache_dir() == tmp_path / "dudao"


def test_long_lived_pauses_the_collector_and_restores_it():
    assert gc.isenabled()
    with buildcache.long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with buildcache.long_lived():
            pass
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_concurrent_writers_leave_one_whole_file(tmp_path):
    """Runs started together each build and write; every rename puts a whole file in
    place, so each run and any later reader gets the full value."""
    writer = ("from extractors import buildcache\n"
              "value = buildcache.load_or_build('index', 'k1', lambda: {str(i): i for i in range(300_000)})\n"
              "assert len(value) == 300_000\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), DUDAO_CACHE_DIR=str(tmp_path))
    runs = [subprocess.Popen([sys.executable, "-c", writer], env=env) for _ in range(4)]
    assert [run.wait() for run in runs] == [0, 0, 0, 0]
    assert [p.name for p in tmp_path.iterdir()] == ["index-k1.pkl"]
    assert len(pickle.loads((tmp_path / "index-k1.pkl").read_bytes())) == 300_000
