"""One run at a time per output folder and per crawl state: two real processes started
together both finish and neither loses the other's documents; a run told not to
wait stops in one line."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from pipeline.crawl.state import CrawlState
from pipeline.errors import OutputBusy
from pipeline.lock import output_lock
from tests.conftest import CORPUS, ROOT


def _dudao(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_runs_into_one_folder_at_once_lose_nothing(tmp_path):
    groups = {"a": ["000_beijing_follow_up.html", "003_shuangjian_survey.txt"],
              "b": ["002_baoji_news.html", "004_jiangbei_self_assessment.html"]}
    for group, names in groups.items():
        (tmp_path / group).mkdir()
        for name in names:
            shutil.copy(CORPUS / name, tmp_path / group / name)
    runs = [_dudao("mine", group, "--out", "out", "--merge", cwd=tmp_path) for group in groups]
    finished = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], finished
    for out, err in finished:
        assert "Traceback" not in out + err
    sources = {s for row in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist() for s in row["sources"]}
    assert sources == {f"{group}/{name}" for group, names in groups.items() for name in names}
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".staging-")]


def test_a_run_told_not_to_wait_stops_while_another_holds_the_folder(tmp_path):
    with output_lock(tmp_path / "out"):
        run = _dudao("mine", str(CORPUS / "003_shuangjian_survey.txt"), "--out", "out", "--no-wait", cwd=tmp_path)
        out, err = run.communicate(timeout=600)
    assert run.returncode == 2
    assert err.count("\n") == 1 and f"(process {os.getpid()})" in err, err
    assert not (tmp_path / "out" / "documents.parquet").exists()


def test_a_crawl_state_is_held_until_closed(tmp_path):
    path = tmp_path / "crawl" / "state.duckdb"
    state = CrawlState(path)
    with pytest.raises(OutputBusy, match="crawl state"):
        CrawlState(path, wait=False)
    state.close()
    CrawlState(path, wait=False).close()
