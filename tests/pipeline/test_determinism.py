"""The same inputs, code and lexicons give identical tables whatever the hash seed
(set and dict iteration), the batch size, or whether the run went through Prefect."""
from __future__ import annotations

import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_the_dev_set_mines_the_same_under_two_hash_seeds(shared, tmp_path):
    runs = {"seed1": ("1", ["--batch-size", "64"]), "seed2": ("2", ["--batch-size", "7", "--prefect"])}
    procs = []
    for out, (seed, options) in runs.items():
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED=seed, PREFECT_HOME=str(tmp_path / f"prefect-{out}"))
        # the same relative input path, so the sources columns can be compared too
        procs.append(subprocess.Popen([sys.executable, "-m", "pipeline.cli", "mine", "texts", "--out",
                                       str(tmp_path / out), *options], cwd=shared / "devset", env=env, text=True,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for proc in procs:
        out, err = proc.communicate(timeout=900)
        assert proc.returncode in (0, 1), err
    for table in ("documents", "findings", "failures"):
        first, second = (pq.read_table(tmp_path / out / f"{table}.parquet") for out in runs)
        assert first.equals(second), table
        assert first.num_rows or table == "failures"
