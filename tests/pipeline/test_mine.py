"""The backbone end to end: the sample corpus through the real Prefect flow."""
from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from pipeline.manifest import MANIFEST
from pipeline.tables import DOCUMENTS, FINDINGS
from tests.conftest import CORPUS, ROOT
from tests.tools import needs_tesseract


@needs_tesseract
def test_every_readable_fixture_is_one_document(mined_corpus):
    out, result = mined_corpus
    docs = pd.read_parquet(out / "documents.parquet")
    sources = sorted(s.split("/")[-1] for srcs in docs["sources"] for s in srcs)
    assert sources == sorted([
        "000_beijing_follow_up.docx", "000_beijing_follow_up.html", "001_weihai_evaluation.gbk.html",
        "001_weihai_evaluation.pdf", "002_baoji_news.html", "003_shuangjian_survey.txt",
        "004_jiangbei_self_assessment.html", "004_jiangbei_self_assessment.scanned.pdf", "not_really_docx.docx"])
    assert docs["doc_id"].is_unique
    assert result.n_documents == len(docs)


def test_same_text_in_two_formats_is_one_document_with_both_sources(mined_corpus):
    out, _ = mined_corpus
    docs = pd.read_parquet(out / "documents.parquet")
    weihai = docs[docs["sources"].map(lambda s: any("001_weihai" in x for x in s))]
    assert len(weihai) == 1
    assert len(weihai.iloc[0]["sources"]) == 2


@needs_tesseract
def test_truncated_pdf_becomes_the_one_failure_row_and_the_scan_is_ocrd(mined_corpus):
    out, result = mined_corpus
    failures = pd.read_parquet(out / "failures.parquet").set_index("source")
    truncated = failures.loc[str(CORPUS / "truncated.pdf")]
    assert truncated["error_kind"] == "corrupt_file" and "truncated" in truncated["message"]
    assert result.n_failed == 1
    docs = pd.read_parquet(out / "documents.parquet")
    scan = docs[docs["sources"].map(lambda s: s[0].endswith(".scanned.pdf"))].iloc[0]
    assert "ocr" in list(scan["cleaning"])


def test_tables_have_the_contract_columns_and_types(mined_corpus):
    out, _ = mined_corpus
    assert pq.read_schema(out / "documents.parquet").remove_metadata() == DOCUMENTS
    assert pq.read_schema(out / "findings.parquet").remove_metadata() == FINDINGS


def test_documents_carry_title_publisher_and_date(mined_corpus):
    out, _ = mined_corpus
    docs = pd.read_parquet(out / "documents.parquet")
    jiangbei = docs[docs["sources"].map(lambda s: "004_jiangbei" in s[0])].iloc[0]
    assert jiangbei["title"] == "重庆市江北区人民政府2021年以来履行教育职责情况自评报告"
    assert jiangbei["publisher"] == "江北区教委"
    assert str(jiangbei["publish_date"]) == "2022-12-13"
    baoji = docs[docs["sources"].map(lambda s: "002_baoji" in s[0])].iloc[0]
    assert baoji["script"] == "traditional" and "tra2sim" in baoji["cleaning"]


def test_csv_has_bom_and_duckdb_holds_the_same_tables(mined_corpus):
    out, _ = mined_corpus
    assert (out / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    con = duckdb.connect(str(out / "findings.duckdb"), read_only=True)
    for name in ("documents", "findings", "failures", "texts"):
        n = con.execute(f"select count(*) from {name}").fetchone()[0]
        assert n == pq.read_metadata(out / f"{name}.parquet").num_rows
    con.close()


def test_no_temporary_files_are_left_behind(mined_corpus):
    out, _ = mined_corpus
    expected = (".cache", ".dudao.lock", MANIFEST, ".current", os.readlink(out / ".current"))
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in expected]


def test_finding_offsets_point_at_their_text(mined_corpus):
    out, _ = mined_corpus
    texts = pd.read_parquet(out / "texts.parquet").set_index("doc_id")["text"]
    findings = pd.read_parquet(out / "findings.parquet")
    assert len(findings) > 0
    for f in findings.itertuples():
        assert texts[f.doc_id][f.start:f.end] == f.text


def test_cli_summary_and_exit_status_count_failures(tmp_path):
    # its own PREFECT_HOME: the local-mode SQLite database is not shared with other runs
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect"))
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "mine", str(CORPUS / "truncated.pdf"),
                           str(CORPUS / "003_shuangjian_survey.txt"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "1 documents" in proc.stdout and "1 failed" in proc.stdout
    assert "truncated.pdf" in proc.stdout


def test_merge_upserts_without_duplicates(prefect_harness, tmp_path):
    from pipeline.mine import mine
    from pipeline.settings import Settings

    settings = Settings(out_dir=tmp_path, progress=False)
    mine([CORPUS / "003_shuangjian_survey.txt"], settings)
    copy = tmp_path / "again" / "003_copy.txt"
    copy.parent.mkdir()
    copy.write_bytes((CORPUS / "003_shuangjian_survey.txt").read_bytes())
    mine([copy, CORPUS / "002_baoji_news.html"], settings, merge=True)
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert len(docs) == 2
    survey = docs[docs["sources"].map(lambda s: any("003_" in x for x in s))].iloc[0]
    assert len(survey["sources"]) == 2
    findings = pd.read_parquet(tmp_path / "findings.parquet")
    assert findings["finding_id"].is_unique
