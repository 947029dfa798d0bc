"""The per-document result cache: keyed by the raw bytes and the code/lexicon version;
re-mining an unchanged corpus does no work, a changed lexicon makes it mine again."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from extractors.lexicon import LEXICON_DIR
from pipeline import cache as cache_module
from pipeline import process
from pipeline.cache import ResultCache, version_of
from pipeline.tables import DocResult, Failure
from tests.conftest import CORPUS


def test_a_one_line_lexicon_change_changes_the_version(tmp_path):
    copy = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, copy)
    assert version_of([copy]) == version_of([LEXICON_DIR])
    tsv = sorted(copy.glob("*.tsv"))[0]
    tsv.write_text(tsv.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert version_of([copy]) != version_of([LEXICON_DIR])


def test_results_come_back_only_under_their_version(tmp_path):
    result = DocResult(source="a.txt", failure=Failure("a.txt", "ingest", "no_text", "empty"))
    ResultCache(tmp_path, version="v1").put("ab" * 32, result)
    assert ResultCache(tmp_path, version="v1").get("ab" * 32) == result
    assert ResultCache(tmp_path, version="v2").get("ab" * 32) is None
    assert ResultCache(tmp_path, version="v1").get("cd" * 32) is None


def test_a_damaged_cache_entry_is_a_miss(tmp_path):
    cache = ResultCache(tmp_path, version="v1")
    cache.put("ab" * 32, DocResult(source="a.txt"))
    next(tmp_path.rglob("*.pkl")).write_bytes(b"\x80\x05not a pickle")
    assert cache.get("ab" * 32) is None


@pytest.mark.slow
def test_re_mining_skips_unchanged_files_and_a_new_version_mines_again(prefect_harness, tmp_path, monkeypatch):
    from pipeline.mine import mine
    from pipeline.settings import Settings

    processed: list[str] = []
    real = process._process_bytes

    def counting(data, sha, src, settings):
        processed.append(src.path.name)
        return real(data, sha, src, settings)

    monkeypatch.setattr(process, "_process_bytes", counting)
    inputs = [CORPUS / "003_shuangjian_survey.txt", CORPUS / "002_baoji_news.html", CORPUS / "truncated.pdf"]
    settings = Settings(out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", progress=False)

    mine(inputs, settings)
    assert sorted(processed) == ["002_baoji_news.html", "003_shuangjian_survey.txt", "truncated.pdf"]
    first = pd.read_parquet(tmp_path / "out" / "findings.parquet")

    # a fresh output folder sharing the cache: the run-level manifest (tested in
    # test_manifest.py) does not apply, every document comes from the cache
    processed.clear()
    again = mine(inputs, settings.with_(out_dir=tmp_path / "out2"))
    assert processed == []
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out2" / "findings.parquet"), first)
    assert again.n_failed == 1  # a cached failure is still a failures row

    monkeypatch.setattr(cache_module, "code_version", lambda: "lexicon-changed")
    mine(inputs, settings.with_(out_dir=tmp_path / "out3"))
    assert sorted(processed) == ["002_baoji_news.html", "003_shuangjian_survey.txt", "truncated.pdf"]
