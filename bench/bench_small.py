"""Small runs, start-up included (issue 17): the wall time of `dudao mine` on one
report, and its throughput on a few thousand small pages against jieba's own
segmentation of the same pages (`jieba.lcut`, also started from scratch).

    python bench/bench_small.py [--pages 3000] [--repeat 3]

The pages are cut from the real reports of ../shared/devset and ../shared/seeds at
paragraph ends (~1,300 characters, the size of a bureau's news page); every page gets
its own first line, so no two pages share bytes and dudao's cache never answers.
Goals: one document ≤ 3 s; small pages ≥ 0.5× jieba's characters per second. The pages
are mined as `dudao mine` mines them (a worker process per core, pipeline/pool.py) and
in one process (`--processes 1`: the per-page cost, which the CPU seconds show).
The one document is timed twice: the first run on an empty index cache (it builds
jieba's dictionary and the place table and index and keeps them,
extractors/buildcache.py), then the runs that read them back; every run mines into
a fresh output folder, so the per-document result cache never answers. Every child
runs from compiled bytecode (written on the first run if missing), as an installed
dudao does.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.mine import usable_cores

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAGE_CHARS = 1300
JIEBA = """
import sys
from pathlib import Path
import jieba
jieba.setLogLevel(60)
for path in sorted(Path(sys.argv[1]).iterdir()):
    jieba.lcut(path.read_text(encoding="utf-8"))
"""


def real_pages(n: int) -> list[str]:
    """n distinct pages of real report text, ~PAGE_CHARS each."""
    texts = [p.read_text(encoding="utf-8") for folder in (SHARED / "devset" / "texts", SHARED / "seeds")
             for p in sorted(folder.glob("*.txt"))]
    pieces: list[str] = []
    for text in texts:
        page = ""
        for para in text.splitlines(keepends=True):
            page += para
            if len(page) >= PAGE_CHARS:
                pieces.append(page)
                page = ""
        if page.strip():
            pieces.append(page)
    return [f"第{i + 1}篇\n{pieces[i % len(pieces)]}" for i in range(n)]


def timed(argv: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of a child process. On a shared machine the CPU time is the
    steadier figure: the wall time also counts the other processes' turns."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the one-document case (median shown)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dudao_small_"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_HOME=str(work / "prefect"),
               DUDAO_CACHE_DIR=str(work / "index_cache"))
    # an installed dudao runs from compiled bytecode (pip compiles a wheel's modules); a
    # shell with PYTHONDONTWRITEBYTECODE would compile its ~50 modules from source on
    # every run instead (~0.1-0.3 s), which no user's run does after the first
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    dudao = [sys.executable, "-m", "pipeline.cli", "mine"]
    try:
        one = work / "one.txt"
        shutil.copy(sorted((SHARED / "seeds").glob("003_*.txt"))[0], one)
        first = timed([*dudao, str(one), "--out", str(work / "first")], env)
        runs = [timed([*dudao, str(one), "--out", str(work / f"one{i}")], env) for i in range(args.repeat)]
        print(f"one document ({len(one.read_text(encoding='utf-8'))} chars), goal ≤ 3 s wall:\n"
              f"  first run (indexes built): {first[0]:.2f} s wall, {first[1]:.2f} s CPU\n"
              f"  next runs (indexes read back): {statistics.median(w for w, _ in runs):.2f} s wall, "
              f"{statistics.median(c for _, c in runs):.2f} s CPU, medians of {args.repeat}")

        pages = work / "pages"
        pages.mkdir()
        chars = 0
        for i, text in enumerate(real_pages(args.pages)):
            (pages / f"page{i:05d}.txt").write_text(text, encoding="utf-8")
            chars += len(text)
        runs = {f"dudao mine ({usable_cores()} processes)": timed([*dudao, str(pages), "--out", str(work / "pages_out")], env),
                "dudao mine --processes 1": timed([*dudao, str(pages), "--out", str(work / "pages_out1"),
                                                   "--processes", "1"], env)}
        jieba_s = timed([sys.executable, "-c", JIEBA, str(pages)], env)
        print(f"{args.pages} pages, {chars} chars, start-up included (goal ≥ 0.5x jieba's wall throughput; "
              f"the CPU seconds of several processes add up):")
        for kind, i in (("wall", 0), ("CPU", 1)):
            print(f"  {kind}: jieba.lcut {jieba_s[i]:.1f} s ({chars / jieba_s[i]:,.0f} chars/s)")
            for name, run in runs.items():
                print(f"    {name} {run[i]:.1f} s ({chars / run[i]:,.0f} chars/s): {jieba_s[i] / run[i]:.2f}x jieba")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
