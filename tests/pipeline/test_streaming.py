"""Streaming writes: batches become Parquet part files, merged one part at a time into
the final tables. The same text in two parts is still one document; a failed write
leaves the previous outputs; memory does not grow with the number of parts."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import write
from pipeline.process import SourceFile, process_source
from pipeline.settings import Settings
from pipeline.tables import DocResult
from pipeline.write import write_part, write_parts
from tests.conftest import CORPUS, ROOT

SURVEY = CORPUS / "003_shuangjian_survey.txt"


@pytest.fixture(scope="module")
def survey_twice_and_a_failure():
    settings = Settings(progress=False)
    first = process_source(SourceFile(SURVEY, "https://a.example/survey.txt"), settings)
    second = process_source(SourceFile(SURVEY, "https://b.example/copy.txt"), settings)
    failed = process_source(SourceFile(CORPUS / "truncated.pdf", "https://a.example/truncated.pdf"), settings)
    return first, second, failed


def _mine_parts(tmp_path, groups: list[list[DocResult]], out, merge=False):
    staging = tmp_path / f"staging-{len(list(tmp_path.iterdir()))}"
    staging.mkdir()
    return write_parts([write_part(g, staging, i) for i, g in enumerate(groups)], out, merge=merge)


def test_the_same_text_in_two_parts_is_one_document_with_both_sources(tmp_path, survey_twice_and_a_failure):
    first, second, failed = survey_twice_and_a_failure
    written = _mine_parts(tmp_path, [[first, failed], [second]], tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert list(docs["sources"].iloc[0]) == ["https://a.example/survey.txt", "https://b.example/copy.txt"]
    findings = pd.read_parquet(tmp_path / "out" / "findings.parquet")
    assert len(findings) == len(first.findings) > 0 and findings["finding_id"].is_unique
    assert len(pd.read_parquet(tmp_path / "out" / "texts.parquet")) == 1
    assert (written.n_documents, written.n_findings) == (1, len(first.findings))
    assert [f["source"] for f in written.failures] == ["https://a.example/truncated.pdf"]


def test_merge_adds_sources_to_known_documents_and_keeps_one_failure_row_per_source(tmp_path, survey_twice_and_a_failure):
    first, second, failed = survey_twice_and_a_failure
    out = tmp_path / "out"
    _mine_parts(tmp_path, [[first], [failed]], out)
    _mine_parts(tmp_path, [[second]], out, merge=True)
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == 1
    assert list(docs["sources"].iloc[0]) == ["https://a.example/survey.txt", "https://b.example/copy.txt"]
    assert len(pd.read_parquet(out / "findings.parquet")) == len(first.findings)
    assert list(pd.read_parquet(out / "failures.parquet")["source"]) == ["https://a.example/truncated.pdf"]
    _mine_parts(tmp_path, [[failed]], out, merge=True)  # failing again replaces its row
    assert list(pd.read_parquet(out / "failures.parquet")["source"]) == ["https://a.example/truncated.pdf"]


def test_merge_keeps_documents_not_mined_again_first_whole(tmp_path, survey_twice_and_a_failure):
    first, second, _ = survey_twice_and_a_failure
    news = process_source(SourceFile(CORPUS / "002_baoji_news.html", "https://c.example/news.html"),
                          Settings(progress=False))
    out = tmp_path / "out"
    _mine_parts(tmp_path, [[news], [first]], out)
    before = pd.read_parquet(out / "documents.parquet")
    _mine_parts(tmp_path, [[second]], out, merge=True)
    docs = pd.read_parquet(out / "documents.parquet")
    assert list(docs["doc_id"]) == [news.document["doc_id"], first.document["doc_id"]]
    assert docs.iloc[0].to_json() == before.iloc[0].to_json()
    assert list(docs["sources"].iloc[1]) == ["https://a.example/survey.txt", "https://b.example/copy.txt"]
    assert docs.iloc[1].drop("sources").to_json() == before.iloc[1].drop("sources").to_json()


def test_a_write_that_fails_leaves_the_previous_outputs_and_no_temporary_files(tmp_path, survey_twice_and_a_failure,
                                                                               monkeypatch):
    first, _, failed = survey_twice_and_a_failure
    out = tmp_path / "out"
    _mine_parts(tmp_path, [[first]], out)
    before = _files(out)

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(write, "_duckdb", broken)
    with pytest.raises(OSError, match="disk full"):
        _mine_parts(tmp_path, [[failed]], out)
    assert _files(out) == before


def _files(out) -> dict:
    """Every entry under out, symlinks not followed: a link's target, a file's bytes."""
    entries = {}
    for folder, dirs, names in os.walk(out):
        for path in (Path(folder) / n for n in dirs + names):
            entries[str(path.relative_to(out))] = (os.readlink(path) if path.is_symlink()
                                                   else path.read_bytes() if path.is_file() else "folder")
    return entries


def test_a_reader_sees_the_old_set_until_the_new_one_is_published_in_one_step(tmp_path, survey_twice_and_a_failure,
                                                                             monkeypatch):
    first, _, failed = survey_twice_and_a_failure
    out = tmp_path / "out"
    _mine_parts(tmp_path, [[first]], out)
    seen = {}

    def publish_when_read(out_dir, set_dir):
        seen["before"] = pq.read_table(out_dir / "documents.parquet").num_rows  # everything written, not published
        publish(out_dir, set_dir)

    publish = write.publish_set
    monkeypatch.setattr(write, "publish_set", publish_when_read)
    _mine_parts(tmp_path, [[failed]], out, merge=True)
    assert seen["before"] == 1 and pq.read_table(out / "failures.parquet").num_rows == 1
    assert [p.name for p in out.iterdir() if p.name.startswith(write.SET_PREFIX)] == [os.readlink(out / write.CURRENT)]
    assert os.readlink(out / "findings.duckdb") == f"{write.CURRENT}/findings.duckdb"


# Run in a fresh interpreter so its peak RSS is this merge's alone: N parts, each one
# document with a 300k-character text and 1000 findings, merged into the final Parquet
# and CSV files. Measured up to the DuckDB copy, whose buffers do grow with the tables
# (docs/scale.md gives the figures).
_MERGE_N_PARTS = """
import resource, sys
from pathlib import Path
from pipeline import write
from pipeline.tables import DocResult
from pipeline.write import write_part, write_parts
n, tmp = int(sys.argv[1]), Path(sys.argv[2])
staging = tmp / "staging"; staging.mkdir()
parts = []
for i in range(n):
    doc_id = f"{i:016x}"
    text = (f"第{i}份报告。" + "学校大班额问题仍然突出，" * 25_000)[:300_000]
    findings = [{"finding_id": f"{doc_id}:{k}", "doc_id": doc_id, "kind": "problem", "text": "大班额",
                 "sentence": text[k * 100:k * 100 + 80], "start": 0, "end": 3} for k in range(1000)]
    doc = {"doc_id": doc_id, "sources": [f"r{i}.txt"], "parents": [], "format": "txt", "n_chars": len(text)}
    parts.append(write_part([DocResult(source=f"r{i}.txt", document=doc, findings=findings, text=text)], staging, i))
    del text, findings
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak = []
copy_into_duckdb = write._duckdb
def measured(*args):
    peak.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return copy_into_duckdb(*args)
write._duckdb = measured
written = write_parts(parts, tmp / "out")
assert written.n_documents == n
print(peak[0] - before)
"""


def _merge_peak_kib(tmp_path, n: int) -> int:
    work = tmp_path / f"n{n}"
    work.mkdir()
    proc = subprocess.run([sys.executable, "-c", _MERGE_N_PARTS, str(n), str(work)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout.split()[-1])


@pytest.mark.slow
def test_merging_ten_times_the_parts_does_not_take_ten_times_the_memory(tmp_path):
    small, large = _merge_peak_kib(tmp_path, 3), _merge_peak_kib(tmp_path, 30)
    # held at once, 27 more 1M-character texts would add well over 50 MiB
    assert large - small < 40 * 1024, (small, large)
