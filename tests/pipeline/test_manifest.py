"""Re-mining an unchanged corpus into the same folder skips the run; any change mines."""
import os
import shutil

import pandas as pd
import pytest

from pipeline import manifest
from pipeline import mine as mine_module
from pipeline.mine import mine
from pipeline.settings import Settings
from tests.conftest import CORPUS


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("003_shuangjian_survey.txt", "truncated.pdf"):
        shutil.copy(CORPUS / name, src / name)
    return src


def test_unchanged_rerun_does_no_work_and_reports_the_same(prefect_harness, corpus, tmp_path, monkeypatch):
    settings = Settings(out_dir=tmp_path / "out", progress=False)
    first = mine([corpus], settings)
    assert (settings.out_dir / manifest.MANIFEST).exists()

    def no_work(*args, **kwargs):
        raise AssertionError("an unchanged corpus was mined again")

    monkeypatch.setattr(mine_module, "mine_batch", no_work)
    again = mine([corpus], settings)
    assert (again.n_documents, again.n_findings, again.failures) == (first.n_documents, first.n_findings,
                                                                      first.failures)


def test_a_changed_file_or_missing_output_mines_again(prefect_harness, corpus, tmp_path):
    settings = Settings(out_dir=tmp_path / "out", progress=False)
    mine([corpus], settings)
    survey = corpus / "003_shuangjian_survey.txt"
    survey.write_text(survey.read_text(encoding="utf-8") + "\n全市学前教育普惠率达到91.5%。", encoding="utf-8")
    os.utime(survey, ns=(1, 1))  # even an older mtime is a change
    mine([corpus], settings)
    findings = pd.read_parquet(settings.out_dir / "findings.parquet")
    assert 91.5 in set(findings["value"])
    (settings.out_dir / "texts.parquet").unlink()
    mine([corpus], settings)
    assert (settings.out_dir / "texts.parquet").exists()


def test_fingerprint_covers_sources_and_limits(corpus):
    from pipeline.mine import collect_inputs
    from pipeline.settings import Limits

    inputs = collect_inputs([corpus])
    assert manifest.fingerprint(inputs, Limits()) == manifest.fingerprint(collect_inputs([corpus]), Limits())
    assert manifest.fingerprint(inputs, Limits()) != manifest.fingerprint(inputs[:1], Limits())
    assert manifest.fingerprint(inputs, Limits()) != manifest.fingerprint(inputs, Limits(max_pdf_pages=10))


def test_a_new_run_removes_what_a_killed_run_left(prefect_harness, corpus, tmp_path):
    out = tmp_path / "out"
    (out / ".staging-0123456789ab").mkdir(parents=True)
    (out / ".staging-0123456789ab" / "part-000000.texts.parquet").write_bytes(b"x")
    (out / ".findings.parquet.abc.tmp").write_bytes(b"x")
    mine([corpus], Settings(out_dir=out, progress=False))
    left = sorted(p.name for p in out.iterdir() if p.name.startswith(".") and not p.name.startswith(".set-"))
    assert left == [".cache", ".current", manifest.MANIFEST, ".dudao.lock"]
    assert len(list(out.glob(".set-*"))) == 1  # the published one
