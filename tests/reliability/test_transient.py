"""The result cache and failures: a failure from an unexpected exception (a bug, a
race, memory) is not cached, so the next run mines the file again; a deliberate
refusal (a limit) is cached, but only under the limits that made it."""
from __future__ import annotations

from pipeline import process
from pipeline.cache import ResultCache
from pipeline.process import SourceFile, process_source
from pipeline.settings import Limits, Settings
from tests.conftest import CORPUS

REAL = CORPUS / "003_shuangjian_survey.txt"


def test_unexpected_failure_is_retried_on_the_next_run(tmp_path, monkeypatch):
    cache = ResultCache(tmp_path, version="test")
    src = SourceFile(REAL, str(REAL))

    def broken(text, ctx):
        raise KeyError("[E018] Can't retrieve string for hash")

    with monkeypatch.context() as patch:
        patch.setattr(process, "analyse", broken)
        first = process_source(src, Settings(), cache)
    assert (first.failure.stage, first.failure.error_kind) == ("extract", "extract_error")
    again = process_source(src, Settings(), cache)
    assert again.failure is None and len(again.findings) > 20


def test_refusal_is_cached_under_its_limits_and_a_raised_limit_reads_again(tmp_path, monkeypatch):
    cache = ResultCache(tmp_path, version="test")
    src = SourceFile(REAL, str(REAL))
    tight = Settings(limits=Limits(max_chars=100))
    assert process_source(src, tight, cache).failure.error_kind == "limit_exceeded"
    with monkeypatch.context() as patch:
        patch.setattr(process, "_process_bytes", None)  # a cache miss would call it and fail
        assert process_source(src, tight, cache).failure.error_kind == "limit_exceeded"
    assert process_source(src, Settings(), cache).failure is None
