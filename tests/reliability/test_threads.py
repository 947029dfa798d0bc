"""Prefect runs batch tasks in threads: documents processed concurrently must give
exactly what they give one at a time (spaCy's vocabulary is not thread-safe; before
process.EXTRACT_LOCK, 4 of 48 reports became extract_error rows)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """24 distinct reports (seed texts with years, figures and places varied)."""
    folder = tmp_path_factory.mktemp("reports")
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(folder), "--n", "24",
                    "--formats", "txt,html", "--max-pdf", "0"], check=True)
    return folder


CONCURRENT_THEN_ALONE = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from pipeline.process import SourceFile, process_source
from pipeline.settings import Settings

def summary(r):
    if r.failure is not None:
        return [r.failure.error_kind, r.failure.message]
    return [r.document["doc_id"], sorted(f["finding_id"] for f in r.findings)]

sources = [SourceFile(p, str(p)) for p in sorted(Path(sys.argv[1]).iterdir())]
settings = Settings(progress=False)
with ThreadPoolExecutor(max_workers=8) as pool:
    together = [summary(r) for r in pool.map(lambda s: process_source(s, settings), sources)]
alone = [summary(process_source(s, settings)) for s in sources]
print(json.dumps({"together": together, "alone": alone}))
"""


def test_concurrent_documents_give_what_they_give_one_at_a_time(reports):
    """In a fresh interpreter, so the shared vocabulary starts empty as in a real run."""
    out = subprocess.run([sys.executable, "-c", CONCURRENT_THEN_ALONE, str(reports)], check=True,
                         capture_output=True, text=True, cwd=ROOT)
    runs = json.loads(out.stdout.splitlines()[-1])
    assert [r for r in runs["alone"] if len(r[1]) == 0] == []  # every report has findings
    assert runs["together"] == runs["alone"]
