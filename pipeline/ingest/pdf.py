"""PDF text layer via pypdfium2 (or OCR of a scan), lines joined into paragraphs.

Stages:
1. open (encrypted -> EncryptedFile, damaged -> CorruptFile), check the page limit;
2. text of each page (time limit checked per page); no text anywhere -> the pages are
   OCR'd (ocr.py) and `cleaning` says `ocr`; still no text -> NoTextLayer;
3. running headers/footers: lines at the top or bottom of most pages that repeat
   (digits ignored), and page-number lines such as `— 3 —`, `- 3 -`, `第3页`;
4. lines joined into paragraphs: a paragraph starts at an indented line or after a
   short line that ends a sentence; no space is put between CJK characters and a
   number split at a line end is rejoined.

pdfium is not thread-safe, so every call into it holds one lock.
"""
from __future__ import annotations

import re
import statistics
import threading
import time
from collections import Counter

import pypdfium2

from extractors.models import Block
from pipeline.errors import CorruptFile, EncryptedFile, LimitExceeded, NoTextLayer
from pipeline.ingest.headings import numbered_heading_level
from pipeline.ingest.ocr import ocr_pages
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

PDFIUM_LOCK = threading.Lock()
PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–－_·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－_·•]*$")
DIGITS = re.compile(r"\d+")
INDENT_RE = re.compile(r"^(?:\u3000|\s{2,})")
SENTENCE_END = "。！？；：!?;:”」』）)"
EDGE_LINES = 2  # lines at each end of a page that may be running headers/footers
ASCII_WORD_END = re.compile(r"[A-Za-z]$")
ASCII_WORD_START = re.compile(r"^[A-Za-z]")
CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


def open_document(data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedFile("PDF is password-protected (encrypted); cannot read its text") from exc
        raise CorruptFile(f"PDF is truncated or damaged: {message}") from exc


def page_lines(data: bytes, limits: Limits) -> tuple[list[list[str]], str, int, bool]:
    """The raw lines of every readable page, the metadata title, the number of damaged
    pages skipped (a broken page costs its text, not the document's) and whether the
    lines come from OCR (only a PDF with no text layer at all is OCR'd)."""
    with PDFIUM_LOCK:
        document = open_document(data)
    try:
        with PDFIUM_LOCK:
            pages, meta_title, damaged = text_layer(document, limits)
        ocr = not any(line.strip() for lines in pages for line in lines)
        if ocr:
            pages = ocr_pages(document, PDFIUM_LOCK, limits)
    finally:
        with PDFIUM_LOCK:
            document.close()
    if not any(line.strip() for lines in pages for line in lines):
        raise NoTextLayer(f"PDF has {len(pages)} page{'s' if len(pages) != 1 else ''} but no text layer, "
                          "and OCR read no text from its scans")
    return pages, meta_title, damaged, ocr


def text_layer(document: pypdfium2.PdfDocument, limits: Limits) -> tuple[list[list[str]], str, int]:
    """Lines of each page's text layer, the title and the number of damaged pages."""
    started = time.monotonic()
    n_pages = len(document)
    if n_pages > limits.max_pdf_pages:
        raise LimitExceeded(f"PDF has {n_pages} pages, over the limit of {limits.max_pdf_pages} (max_pdf_pages)")
    meta_title = (document.get_metadata_dict().get("Title") or "").strip()
    pages, damaged, first_error = [], 0, ""
    for index in range(n_pages):
        if time.monotonic() - started > limits.max_pdf_seconds:
            raise LimitExceeded(
                f"PDF text extraction took over {limits.max_pdf_seconds:g} s by page {index + 1} of {n_pages} "
                "(max_pdf_seconds)")
        try:
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
        except pypdfium2.PdfiumError as exc:
            damaged, first_error = damaged + 1, first_error or f"page {index + 1}: {exc}"
            continue
        # pdfium marks a hyphen that ended a line with U+FFFE.
        text = text.replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n")
        pages.append([line.rstrip() for line in text.split("\n")])
    if n_pages and damaged == n_pages:
        raise CorruptFile(f"PDF is damaged: none of its {n_pages} pages can be read ({first_error})")
    return pages, meta_title, damaged


def running_lines(pages: list[list[str]]) -> set[str]:
    """Header/footer lines (digits masked) that repeat at page edges on most pages."""
    if len(pages) < 3:
        return set()
    counts: Counter = Counter()
    for lines in pages:
        content = [l.strip() for l in lines if l.strip()]
        edges = set(content[:EDGE_LINES] + content[-EDGE_LINES:])
        counts.update(DIGITS.sub("#", l) for l in edges)
    return {line for line, n in counts.items() if n >= max(3, len(pages) // 2)}


def body_lines(pages: list[list[str]]) -> tuple[list[str], bool]:
    """All lines without running headers/footers/page numbers; True if any was removed."""
    running = running_lines(pages)
    out, removed = [], False
    for lines in pages:
        content = [l for l in lines if l.strip()]
        n = len(content)
        for i, line in enumerate(content):
            at_edge = i < EDGE_LINES or i >= n - EDGE_LINES
            stripped = line.strip()
            if at_edge and (PAGE_NUMBER_RE.match(stripped) or DIGITS.sub("#", stripped) in running):
                removed = True
                continue
            out.append(line)
    return out, removed


def join_lines(lines: list[str]) -> list[str]:
    """Paragraphs from wrapped lines (stage 4)."""
    lengths = [len(l.strip()) for l in lines if l.strip()]
    full = statistics.median(lengths) if lengths else 0
    paragraphs: list[str] = []
    current = ""
    previous = ""
    for line in lines:
        text = line.strip()
        starts_new = (
            not current
            or INDENT_RE.match(line)
            or (previous and previous[-1] in SENTENCE_END and len(previous) < 0.8 * full)
            or numbered_heading_level(text) > 0 and len(previous) < 0.8 * full
        )
        if starts_new:
            if current:
                paragraphs.append(current)
            current = text
        elif ASCII_WORD_END.search(current) and ASCII_WORD_START.match(text):
            current += " " + text
        else:
            current += text
        previous = text
    if current:
        paragraphs.append(current)
    return paragraphs


def ingest_pdf(data: bytes, limits: Limits) -> IngestedDoc:
    pages, meta_title, damaged, ocr = page_lines(data, limits)
    doc = paged_document("pdf", pages, meta_title)
    doc.cleaning[:0] = ["ocr"] if ocr else []
    doc.cleaning += ["damaged_pages"] if damaged else []
    return doc


def paged_document(fmt: str, pages: list[list[str]], meta_title: str) -> IngestedDoc:
    """A fixed-layout document (PDF, OFD) from its pages' lines: stages 3 and 4, then
    the title from the metadata or the first short paragraph."""
    lines, removed = body_lines(pages)
    blocks = []
    for paragraph in join_lines(lines):
        level = numbered_heading_level(paragraph)
        blocks.append(Block(paragraph, kind="heading", level=level) if level else Block(paragraph))
    # A metadata title without a Chinese character is a file name or a program's default
    # (`Microsoft Word - …`, `Untitled`, a scanner's `scan_0001`), not the report's title.
    title = meta_title if CJK_CHAR.search(meta_title) and not meta_title.lower().startswith("microsoft") else ""
    if not title and blocks and len(blocks[0].text) <= 80 and blocks[0].text[-1] not in "。；;":
        title = blocks[0].text
    return IngestedDoc(format=fmt, blocks=blocks, title=title, cleaning=["page_headers"] if removed else [])
