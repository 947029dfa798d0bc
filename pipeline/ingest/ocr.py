"""Scanned PDFs: each page rendered by pdfium and read by Tesseract's Simplified
Chinese model, page by page within the page and OCR time limits. Only called for a PDF
without a text layer; its lines then go through the PDF stages (headers, line joins)."""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import pypdfium2

from pipeline.errors import LimitExceeded
from pipeline.ingest.tools import find_tool, run_tool
from pipeline.settings import Limits

RENDER_DPI = 300  # Tesseract reads body text best at about 300 dpi
PDF_POINTS_PER_INCH = 72
# Tesseract's Chinese model puts spaces between characters; a space next to CJK is not text.
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
SPACE_BY_CJK = re.compile(rf"(?<=[{CJK}])[ \t]+|[ \t]+(?=[{CJK}])")
# It also splits a figure (`202 1年`, `3 5.5 %`): a space before a percent sign, and a
# lone space before digits that run into CJK or % (numbers side by side in a table have
# their own units or wider gaps), are such splits.
SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d) +(?=%)")
SPACE_IN_NUMBER = re.compile(rf"(?<=\d) (?=\d+(?:\.\d+)?[{CJK}%])")
PARAGRAPH_INDENT = "\u3000\u3000"


def ocr_lines(text: str) -> list[str]:
    """Tesseract's lines; its blank line between paragraphs becomes the first-line indent
    a text layer has, which is what the PDF line joining starts a paragraph at."""
    lines, paragraph_start = [], True
    for raw in text.split("\n"):
        line = SPACE_IN_NUMBER.sub("", SPACE_BEFORE_PERCENT.sub("", SPACE_BY_CJK.sub("", raw))).strip()
        if not line:
            paragraph_start = True
            continue
        lines.append(PARAGRAPH_INDENT + line if paragraph_start else line)
        paragraph_start = False
    return lines


def ocr_pages(document, lock, limits: Limits) -> list[list[str]]:
    """The OCR'd lines of every page of an open pypdfium2 document (rendering holds
    `lock`: pdfium is not thread-safe; Tesseract runs outside it)."""
    tesseract = find_tool("tesseract")
    started = time.monotonic()
    pages = []
    with tempfile.TemporaryDirectory(prefix="dudao-ocr-") as folder:
        image = Path(folder) / "page.png"
        with lock:
            n_pages = len(document)
        for index in range(n_pages):
            remaining = limits.max_ocr_seconds - (time.monotonic() - started)
            if remaining <= 0:
                raise LimitExceeded(f"OCR of the scanned PDF took over {limits.max_ocr_seconds:g} s by page "
                                    f"{index + 1} of {n_pages} (max_ocr_seconds)")
            with lock:
                try:
                    page = document[index]
                    page.render(scale=RENDER_DPI / PDF_POINTS_PER_INCH, grayscale=True).to_pil().save(image)
                    page.close()
                except pypdfium2.PdfiumError:
                    continue  # a damaged page costs its text, as in the text layer
            # One thread per Tesseract: documents are already OCR'd side by side.
            text = run_tool([tesseract, str(image), "stdout", "-l", "chi_sim"], remaining,
                            f"Tesseract on page {index + 1}", "max_ocr_seconds", env={"OMP_THREAD_LIMIT": "1"})
            pages.append(ocr_lines(text.decode("utf-8", "replace")))
    return pages
