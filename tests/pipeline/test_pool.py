"""Runs mined without Prefect in worker processes (pipeline/pool.py): the same tables
as one process whatever the number of workers and the batch size, and a file that
breaks its worker costs one failures row, not the run."""
from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.cache import code_version
from pipeline.mine import mine, n_processes, usable_cores
from pipeline.settings import Settings
from pipeline.write import TABLES
from tests.conftest import ROOT


def test_small_runs_stay_in_one_process_and_larger_ones_use_every_core():
    auto = Settings()
    assert n_processes(auto, n_inputs=1, n_batches=1) == 1
    assert n_processes(auto, n_inputs=auto.processes_min_inputs - 1, n_batches=10) == 1
    assert n_processes(auto, n_inputs=3000, n_batches=47) == min(usable_cores(), 47)
    assert n_processes(auto.with_(processes=3), n_inputs=10, n_batches=2) == 2  # never more than the batches
    assert n_processes(auto.with_(processes=1), n_inputs=3000, n_batches=47) == 1


@pytest.mark.slow
def test_the_dev_set_mines_to_the_same_tables_in_one_and_in_two_processes(shared, tmp_path):
    texts = shared / "devset" / "texts"
    runs = {"one64": (1, 64), "one5": (1, 5), "two5": (2, 5), "two16": (2, 16)}
    for name, (processes, batch_size) in runs.items():
        result = mine([texts], Settings(out_dir=tmp_path / name, processes=processes, batch_size=batch_size,
                                        progress=False))
        assert result.n_documents == 47 and not result.failures
    for table in TABLES:
        # the same batches: the same part files, so the same bytes
        assert (tmp_path / "one5" / f"{table}.parquet").read_bytes() == \
            (tmp_path / "two5" / f"{table}.parquet").read_bytes(), table
        first = pq.read_table(tmp_path / "one64" / f"{table}.parquet")
        for name in ("two5", "two16"):
            assert pq.read_table(tmp_path / name / f"{table}.parquet").equals(first), (table, name)
    for csv in sorted((tmp_path / "one64").glob("*.csv")):
        for name in ("one5", "two5", "two16"):
            assert (tmp_path / name / csv.name).read_bytes() == csv.read_bytes(), (csv.name, name)


def _pages(shared: Path, folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    pages = []
    for src in sorted((shared / "devset" / "texts").glob("*.txt"))[:n]:
        pages.append(folder / src.name)
        pages[-1].write_bytes(src.read_bytes())
    return pages


@pytest.mark.slow
def test_a_file_raising_in_a_worker_outside_its_stages_is_a_failures_row(shared, tmp_path):
    """The fault: the result cache's folder for one file's bytes is taken by a file, so
    looking that file's result up raises (NotADirectoryError) in the worker."""
    pages = _pages(shared, tmp_path / "in", 6)
    shard = lambda page: hashlib.sha256(page.read_bytes()).hexdigest()[:2]  # noqa: E731
    bad = pages[3]
    assert [shard(p) for p in pages].count(shard(bad)) == 1
    cache = tmp_path / "cache"
    (cache / code_version()).mkdir(parents=True)
    (cache / code_version() / shard(bad)).write_text("not a folder")

    result = mine([tmp_path / "in"], Settings(out_dir=tmp_path / "out", cache_dir=cache, processes=2, batch_size=2,
                                              progress=False))
    assert result.n_documents == 5
    [failure] = result.failures
    assert failure["source"] == str(bad)
    assert (failure["stage"], failure["error_kind"]) == ("mine", "mining_error")
    assert failure["message"].startswith("NotADirectoryError")
    log = (tmp_path / "out" / "dudao.log").read_text(encoding="utf-8")
    assert f"mining {bad} failed" in log and "Traceback" in log


WORKER_CPU_SECONDS = 10  # a worker's start-up and a few small pages take ~3 s, the big page far longer


def _cpu_budget() -> None:
    """In the mining command and the workers it starts: a process past the budget gets
    SIGXCPU and dies (as one dies of a crash in a C library or the out-of-memory killer)."""
    resource.setrlimit(resource.RLIMIT_CPU, (WORKER_CPU_SECONDS, resource.RLIM_INFINITY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@pytest.mark.slow
def test_a_file_whose_worker_dies_is_a_failures_row_and_the_rest_is_mined(shared, tmp_path):
    pages = _pages(shared, tmp_path / "in", 5)
    # ~1.9 M characters of real report text: mining it takes several times the budget
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((shared / "devset" / "texts").glob("*.txt")))
    big = tmp_path / "in" / "z_big.txt"
    big.write_text((text * (1_900_000 // len(text) + 1))[:1_900_000], encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "mine", str(tmp_path / "in"), "--out",
                           str(tmp_path / "out"), "--processes", "2", "--batch-size", "2"],
                          env=env, capture_output=True, text=True, timeout=900, preexec_fn=_cpu_budget)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stdout.splitlines()[0].startswith(f"{len(pages)} documents")
    assert f"failed: {big}: [mine/worker_died]" in proc.stdout
    documents = pq.read_table(tmp_path / "out" / "documents.parquet").column("sources").to_pylist()
    assert sorted(s for sources in documents for s in sources) == [str(p) for p in pages]
    assert "died" in (tmp_path / "out" / "dudao.log").read_text(encoding="utf-8")
