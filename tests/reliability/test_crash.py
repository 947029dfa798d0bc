"""Crash safety (issue 9): `dudao mine` killed with SIGKILL at several points of a run
leaves the previous outputs whole and readable; the next run completes, and its tables
equal a clean run's (no duplicate, no missing document).

Each run is a real `python -m pipeline.cli mine` subprocess with its own PREFECT_HOME.
The kill points are found by watching the output folder (a batch part written, half
of them, the final tables being written, the DuckDB file being built), not by sleeping
a guessed time, so each kill lands in the phase it names."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow

N_REPORTS = 24
BATCH = 3  # 9 batches: parts appear one by one while the run goes on
TABLES = ("documents", "findings", "failures", "texts", "recurrence")


def existing(out: Path, pattern: str) -> list[Path]:
    """Files matching `pattern` now; a staging folder the run removes while the glob
    walks it counts as no match (the run moved past that phase), not as an error."""
    try:
        return list(out.glob(pattern))
    except FileNotFoundError:
        return []


def parts(out: Path) -> list[Path]:
    return existing(out, ".staging-*/part-*.documents.parquet")


# Phase name -> a test on the output folder that is true once the run is in that phase.
KILL_POINTS = {
    "while starting (0.5 s in)": None,
    "after the first batch part": lambda out: len(parts(out)) >= 1,
    "with half the batch parts written": lambda out: len(parts(out)) >= 4,
    "while the final tables are written": lambda out: bool(existing(out, ".*.parquet.*.tmp")),
    "while findings.duckdb is built": lambda out: bool(existing(out, ".findings.duckdb.*.tmp")),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """24 distinct reports in txt/html/docx, a truncated PDF and an empty file; the
    first 10 reports, mined alone, make the `previous outputs`."""
    root = tmp_path_factory.mktemp("crash")
    full = root / "full"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(full), "--n", str(N_REPORTS),
                    "--formats", "txt,html,docx", "--max-pdf", "0"], check=True)
    shutil.copy(CORPUS / "truncated.pdf", full / "truncated.pdf")
    (full / "empty.txt").write_bytes(b"")
    earlier = sorted(full.glob("r*"))[:10]
    env = {**os.environ, "PREFECT_HOME": str(root / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    return root, full, earlier, env


def start(inputs: list[Path], out: Path, env: dict, merge: bool = False) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "pipeline.cli", "mine", *map(str, inputs), "--out", str(out), "--batch-size", str(BATCH)]
    return subprocess.Popen(cmd + (["--merge"] if merge else []), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(inputs: list[Path], out: Path, env: dict, merge: bool = False) -> None:
    """A run to completion (exit 1 is expected: the corpus holds two bad files)."""
    assert start(inputs, out, env, merge).wait(timeout=600) in (0, 1)


def run_and_kill(inputs: list[Path], out: Path, env: dict, point: str, merge: bool = False) -> bool:
    """Start a run and SIGKILL it when `point` is reached; False if it finished first."""
    proc = start(inputs, out, env, merge)
    reached = KILL_POINTS[point] or (lambda _out, t0=time.monotonic(): time.monotonic() - t0 > 0.5)
    while proc.poll() is None:
        if reached(out):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    return False


def snapshot(out: Path) -> dict:
    """What the outputs say, read through every format a user opens (Parquet, CSV,
    DuckDB), as comparable values; reading fails if any file is damaged."""
    snap = {}
    for name in TABLES:
        table = pd.read_parquet(out / f"{name}.parquet")
        assert len(pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig")) == len(table) if name != "texts" else True
        snap[name] = len(table)
    docs = pd.read_parquet(out / "documents.parquet")
    snap["doc_ids"] = sorted(docs["doc_id"])
    snap["sources"] = sorted(s for srcs in docs["sources"] for s in srcs)
    snap["finding_ids"] = sorted(pd.read_parquet(out / "findings.parquet")["finding_id"])
    snap["text_ids"] = sorted(pd.read_parquet(out / "texts.parquet")["doc_id"])
    snap["failed"] = sorted(map(tuple, pd.read_parquet(out / "failures.parquet")[["source", "error_kind"]].values))
    with duckdb.connect(str(out / "findings.duckdb"), read_only=True) as con:
        snap["duckdb"] = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES}
    return snap


def assert_whole(snap: dict) -> None:
    """No duplicate and no missing row across the tables of one snapshot."""
    assert len(set(snap["doc_ids"])) == len(snap["doc_ids"]) == snap["documents"]
    assert len(set(snap["finding_ids"])) == len(snap["finding_ids"])
    assert snap["text_ids"] == snap["doc_ids"]
    assert snap["duckdb"] == {name: snap[name] for name in TABLES}


@pytest.fixture(scope="module")
def clean(corpus):
    """Clean runs of the full corpus and of the earlier reports, each in its own folder."""
    root, full, earlier, env = corpus
    run([full], root / "clean", env)
    run(earlier, root / "clean_earlier", env)
    reference, previous = snapshot(root / "clean"), snapshot(root / "clean_earlier")
    assert_whole(reference)
    assert reference["documents"] == N_REPORTS and len(reference["failed"]) == 2
    return reference, previous


@pytest.mark.parametrize("merge", [False, True], ids=["replace", "merge"])
def test_killed_runs_leave_the_previous_outputs_and_the_next_run_completes(corpus, clean, tmp_path, merge):
    _, full, earlier, env = corpus
    reference, previous = clean
    out = tmp_path / "out"
    run(earlier, out, env)
    assert snapshot(out) == previous
    killed = []
    for point in KILL_POINTS:
        if run_and_kill([full], out, env, point, merge):
            killed.append(point)
        after = snapshot(out)  # every file still readable
        assert_whole(after)
        # Before the final renames nothing changed; after them, the whole new set is there.
        assert after in (previous, reference), point
        if after == reference:
            break
    assert killed[:3] == list(KILL_POINTS)[:3]  # the kills landed where they were meant to
    run([full], out, env, merge)
    final = snapshot(out)
    assert_whole(final)
    assert final == reference
