"""The indexes kept between runs (extractors/buildcache.py) change nothing: a run that
builds them, one that reads them back and one that finds them corrupt write the same
findings. Each run is its own process, as a user's `dudao mine` is."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORT = """2024年海淀区义务教育督导评估报告
一、基本情况
海淀区现有公办小学86所，全区教育经费投入58.6亿元，比上年增长4.2%。
二、存在问题
部分学校教师编制不足，大班额问题突出；东城区、西城区校舍紧张，体育场地不达标。
"""


def _mine(report: Path, out: Path, cache: Path) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DUDAO_CACHE_DIR=str(cache))
    subprocess.run([sys.executable, "-m", "pipeline.cli", "mine", str(report), "--out", str(out)],
                   check=True, env=env, capture_output=True)
    return (out / "findings.csv").read_bytes()


def test_cold_warm_and_corrupt_cache_runs_write_the_same_findings(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    cache = tmp_path / "cache"
    cold = _mine(report, tmp_path / "cold", cache)
    kept = sorted(cache.glob("*.pkl"))
    assert len(kept) == 4  # jieba's dictionary, the place table, its official names, the place index
    warm = _mine(report, tmp_path / "warm", cache)
    for path in kept:
        path.write_bytes(path.read_bytes()[:100])
    corrupt = _mine(report, tmp_path / "corrupt", cache)
    assert b"problem" in cold and cold == warm == corrupt
    assert all(path.stat().st_size > 100 for path in kept)  # rebuilt and rewritten
