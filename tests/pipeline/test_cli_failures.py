"""Every way a command can fail ends as one line on stderr naming what failed, exit 2,
and no traceback; an unexpected error's traceback goes to dudao.log."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipeline import cli
from pipeline.lock import output_lock
from tests.conftest import CORPUS, ROOT

SURVEY = str(CORPUS / "003_shuangjian_survey.txt")


def _one_line(capsys, code: int, command: str) -> str:
    out, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in out + err
    assert err.count("\n") == 1 and err.startswith(f"dudao {command}: "), err
    return err


@pytest.mark.parametrize("argv, says", [
    (["score", "--out", "{tmp}"], "--gold"),
    (["score", "--gold", "{tmp}", "--out", "{tmp}/empty"], "documents.parquet"),
    (["audit", "--out", "{tmp}/empty"], "findings.duckdb"),
    (["query", "SELECT 1", "--out", "{tmp}/empty"], "findings.duckdb"),
])
def test_library_errors_are_one_line(argv, says, tmp_path, capsys):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert says in _one_line(capsys, cli.main(argv), argv[0])


def test_a_busy_output_folder_with_no_wait_is_one_line(tmp_path, capsys):
    with output_lock(tmp_path / "out"):
        code = cli.main(["mine", SURVEY, "--out", str(tmp_path / "out"), "--no-wait"])
    assert "in use by another dudao run" in _one_line(capsys, code, "mine")


def test_an_unexpected_error_is_one_line_and_its_traceback_is_logged(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".dudao.lock").mkdir()  # the lock cannot be opened: an error no code path expects
    err = _one_line(capsys, cli.main(["mine", SURVEY, "--out", str(out)]), "mine")
    assert "IsADirectoryError" in err and str(out / "dudao.log") in err
    assert "Traceback" in (out / "dudao.log").read_text(encoding="utf-8")


def test_an_interrupt_is_one_line(tmp_path, capsys, monkeypatch):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run_audit", interrupted)
    assert cli.main(["audit", "--out", str(tmp_path)]) == 130
    out, err = capsys.readouterr()
    assert err == "dudao audit: interrupted\n"


@pytest.mark.slow
def test_a_failing_crawl_flow_prints_one_line_not_prefects_traceback(tmp_path):
    """A task failing inside a Prefect flow: Prefect logs its traceback, into the log file."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_HOME=str(tmp_path / "prefect"))
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "crawl", str(tmp_path / "missing.yaml"),
                          "--out", str(tmp_path / "out")], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=600)
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr.count("\n") == 1 and "missing.yaml" in run.stderr
    assert "Traceback" in (tmp_path / "out" / "dudao.log").read_text(encoding="utf-8")
