"""OCR time per page of scanned PDFs (Tesseract chi_sim through dudao's ingest), and
the share of it spent rendering the page.

    .venv/bin/python bench/bench_ocr.py [--repeat N] [scan.pdf ...]

Defaults to the corpus scan and the lower-resolution, skewed test scan. Figures are
printed, never asserted (the machine is shared).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pypdfium2

from pipeline.ingest import ingest
from pipeline.ingest.ocr import PDF_POINTS_PER_INCH, RENDER_DPI
from pipeline.settings import Limits

ROOT = Path(__file__).resolve().parents[1]
SCANS = [ROOT / "corpus" / "docs" / "004_jiangbei_self_assessment.scanned.pdf",
         ROOT / "tests" / "fixtures" / "formats" / "004_jiangbei_self_assessment.scan150_skewed.pdf"]


def render_seconds(data: bytes) -> float:
    document = pypdfium2.PdfDocument(data)
    started = time.perf_counter()
    for index in range(len(document)):
        document[index].render(scale=RENDER_DPI / PDF_POINTS_PER_INCH, grayscale=True).to_pil()
    elapsed = time.perf_counter() - started
    document.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scans", nargs="*", type=Path, default=SCANS)
    parser.add_argument("--repeat", type=int, default=3, help="times each scan is read")
    args = parser.parse_args(argv)
    print(f"{'scan':56} {'pages':>5} {'s/page median':>13} {'min':>6} {'max':>6} {'render':>7} {'chars':>6}")
    for path in args.scans:
        data = path.read_bytes()
        n_pages = len(pypdfium2.PdfDocument(data))
        per_page, chars = [], 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            doc = ingest(data, path.name, Limits())
            per_page.append((time.perf_counter() - started) / n_pages)
            chars = sum(len(b.text) for b in doc.blocks)
        render = render_seconds(data) / n_pages
        print(f"{path.name:56} {n_pages:5} {statistics.median(per_page):13.2f} {min(per_page):6.2f} "
              f"{max(per_page):6.2f} {render:7.2f} {chars:6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
