"""Throughput of ingest + normalise per format, peak memory, and the PDF text path
against pdfplumber's extract_text; also the HTML extractor choice, measured.

    .venv/bin/python bench/bench_ingest.py [--repeat N] [--docs corpus/docs]

The fixture files are repeated N times so each format runs for a few seconds.
Figures are printed, never asserted (the machine is shared).
"""
from __future__ import annotations

import argparse
import re
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import lxml.html
import pdfplumber
import trafilatura

from pipeline.errors import IngestError
from pipeline.ingest import ingest
from pipeline.ingest.html import meta_charset
from pipeline.ingest.pdf import body_lines, join_lines, page_lines
from pipeline.ingest.sniff import sniff
from pipeline.ingest.text import decode
from pipeline.normalise import normalise
from pipeline.settings import Limits

ROOT = Path(__file__).resolve().parents[1]
FURNITURE = ["语音播报", "扫一扫", "原文链接", "转载", "分享到", "打印本页", "浏览次数", "索引号", "相关文章",
             "主办单位", "评论0", "相关报道", "您的当前位置"]


def bench_formats(files: list[Path], repeat: int, limits: Limits) -> None:
    by_format: dict[str, list[bytes]] = defaultdict(list)
    for path in files:
        data = path.read_bytes()
        try:
            by_format[sniff(data)].append(data)
        except IngestError:
            continue
    print(f"{'format':8s} {'docs':>6s} {'seconds':>8s} {'docs/s':>9s} {'chars/s':>11s} {'failed':>7s}")
    total_docs = total_chars = 0
    total_seconds = 0.0
    for fmt, items in sorted(by_format.items()):
        docs = chars = failed = 0
        started = time.perf_counter()
        for _ in range(repeat):
            for data in items:
                try:
                    chars += len(normalise(ingest(data, fmt, limits)).text)
                    docs += 1
                except IngestError:
                    failed += 1
        seconds = time.perf_counter() - started
        total_docs, total_chars, total_seconds = total_docs + docs, total_chars + chars, total_seconds + seconds
        print(f"{fmt:8s} {docs + failed:6d} {seconds:8.2f} {(docs + failed) / seconds:9.1f} {chars / seconds:11,.0f} {failed:7d}")
    print(f"{'all':8s} {total_docs:6d} {total_seconds:8.2f} {total_docs / total_seconds:9.1f} "
          f"{total_chars / total_seconds:11,.0f}")
    # Memory in a separate pass: tracemalloc slows Python down several times.
    tracemalloc.start()
    for items in by_format.values():
        for data in items:
            try:
                normalise(ingest(data, "memory", limits))
            except IngestError:
                pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak Python heap, one document at a time, {peak / 2**20:.1f} MiB (tracemalloc); peak RSS {rss:.0f} MiB (incl. pdfium, OpenCC)")


def bench_pdf(files: list[Path], repeat: int, limits: Limits) -> None:
    pdfs = []
    for path in files:
        data = path.read_bytes()
        try:
            if sniff(data) == "pdf":
                page_lines(data, limits)
                pdfs.append(path)
        except IngestError:
            continue
    if not pdfs:
        return
    started, pages = time.perf_counter(), 0
    for _ in range(repeat):
        for path in pdfs:
            lines, _, _, _ = page_lines(path.read_bytes(), limits)
            pages += len(lines)
            join_lines(body_lines(lines)[0])
    ours = pages / (time.perf_counter() - started)
    plumber_repeat = max(1, repeat // 5)
    started, pages = time.perf_counter(), 0
    for _ in range(plumber_repeat):
        for path in pdfs:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
    plumber = pages / (time.perf_counter() - started)
    print(f"PDF text: dudao (pypdfium2 + joining) {ours:,.0f} pages/s; pdfplumber extract_text {plumber:,.0f} pages/s; "
          f"ratio {ours / plumber:.1f}x")


def compare_html_extractors(files: list[Path]) -> None:
    """Paragraphs of the article body kept, and furniture leaked, by dudao vs trafilatura."""
    print(f"{'HTML page':40s} {'extractor':12s} {'paragraphs kept':>16s}  furniture leaked")
    for path in files:
        data = path.read_bytes()
        try:
            if sniff(data) != "html":
                continue
        except IngestError:
            continue
        text, _ = decode(data, meta_charset(data))
        root = lxml.html.document_fromstring(text)
        paragraphs = [re.sub(r"\s+", " ", p.text_content()).strip() for p in root.xpath("//div[@id='zoom']/p")]
        if not paragraphs:
            continue
        ours = "\n".join(b.text for b in ingest(data, path.name, Limits()).blocks)
        theirs = trafilatura.extract(text, include_tables=True) or ""
        for name, out in (("dudao", ours), ("trafilatura", theirs)):
            flat = re.sub(r"\s+", " ", out)
            kept = sum(p in flat for p in paragraphs)
            print(f"{path.name:40s} {name:12s} {kept:>8d}/{len(paragraphs):<7d}  {[c for c in FURNITURE if c in out]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "corpus" / "docs")
    parser.add_argument("--repeat", type=int, default=40, help="times each fixture file is processed")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.docs.iterdir() if p.is_file())
    # Text formats only: a scan stops at its OCR limit at once (bench_ocr.py times OCR).
    limits = Limits(max_ocr_seconds=0)
    print(f"corpus: {len(files)} files in {args.docs}, each repeated {args.repeat}x")
    bench_formats(files, args.repeat, limits)
    bench_pdf(files, args.repeat, limits)
    compare_html_extractors(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
