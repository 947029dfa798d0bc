"""OFD (GB/T 33190, China's fixed-layout format): a ZIP of XML parts.

Stages:
1. the zip checks DOCX has (container.py): member count, size, ratio, no DTD/entities;
2. OFD.xml names the document (DocBody/DocRoot) and its title (DocInfo/Title); the
   document lists its pages (Pages/Page@BaseLoc), each a Content.xml of layers;
3. every TextCode of a page is placed at its TextObject's Boundary plus its own X/Y (in
   millimetres), codes on the same baseline make a line, lines run top to bottom; a line
   starting right of the page's left margin is indented, as in a PDF's text layer;
4. the pages' lines go through the PDF stages (running headers, line joins).
"""
from __future__ import annotations

import posixpath
import zipfile
from collections import Counter

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from pipeline.errors import CorruptFile, LimitExceeded, NoText, UnsafeContent
from pipeline.ingest.container import check_container
from pipeline.ingest.pdf import paged_document
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

NS = "{http://www.ofdspec.org/2016}"
# Codes whose baselines differ by less than this share of the font size are one line.
SAME_LINE = 0.5
# A line starting this many font sizes right of the left edge is indented.
INDENT_SIZES = 1.5
DEFAULT_FONT_MM = 3.5  # 10.5 pt (五号), the size a TextObject without Size is read at


def ingest_ofd(data: bytes, limits: Limits) -> IngestedDoc:
    archive = check_container(data, limits, "OFD")
    root = parse(archive, "OFD.xml")
    body = root.find(f"{NS}DocBody")
    doc_root = body.findtext(f"{NS}DocRoot", "").strip() if body is not None else ""
    if not doc_root:
        raise CorruptFile("OFD.xml names no document (DocBody/DocRoot)")
    document_path = resolve("", doc_root)
    document = parse(archive, document_path)
    page_paths = [resolve(posixpath.dirname(document_path), page.get("BaseLoc", ""))
                  for page in document.iter(f"{NS}Page") if page.get("BaseLoc")]
    if len(page_paths) > limits.max_pdf_pages:
        raise LimitExceeded(
            f"OFD has {len(page_paths)} pages, over the limit of {limits.max_pdf_pages} (max_pdf_pages)")
    pages = [page_lines(parse(archive, path)) for path in page_paths]
    if not any(pages):
        raise NoText(f"the OFD file's {len(pages)} page{'s' if len(pages) != 1 else ''} hold no text objects")
    title = (body.findtext(f"{NS}DocInfo/{NS}Title") or "").strip()
    return paged_document("ofd", indented_lines(pages), title)


def resolve(base: str, location: str) -> str:
    """A part name from a location that is absolute (`/Doc_0/…`) or relative to `base`."""
    path = location.strip() if location.strip().startswith("/") else posixpath.join(base, location.strip())
    return posixpath.normpath(path).lstrip("/")


def parse(archive: zipfile.ZipFile, name: str):
    try:
        return SafeET.fromstring(archive.read(name))
    except KeyError as exc:
        raise CorruptFile(f"OFD part {name} is missing") from exc
    except DefusedXmlException as exc:
        raise UnsafeContent(f"OFD part {name} declares a DTD or XML entities; refused ({type(exc).__name__})") from exc
    except SafeET.ParseError as exc:
        raise CorruptFile(f"OFD part {name} is not well-formed XML: {exc}") from exc


def page_lines(page) -> list[tuple[float, float, str]]:
    """(left edge, font size, text) of each line of one page, top to bottom (stage 3)."""
    codes = []  # (baseline y, x, font size, text)
    for text_object in page.iter(f"{NS}TextObject"):
        box = numbers(text_object.get("Boundary", ""))
        left, top = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = (numbers(text_object.get("Size", "")) or [DEFAULT_FONT_MM])[0]
        for code in text_object.iter(f"{NS}TextCode"):
            if code.text and code.text.strip():
                x, y = (numbers(code.get("X") or "0") or [0.0])[0], (numbers(code.get("Y") or "0") or [0.0])[0]
                codes.append((top + y, left + x, size, code.text))
    lines: list[list[tuple]] = []
    for code in sorted(codes):
        if lines and abs(code[0] - lines[-1][0][0]) < SAME_LINE * code[2]:
            lines[-1].append(code)
        else:
            lines.append([code])
    return [(min(c[1] for c in line), line[0][2], "".join(c[3] for c in sorted(line, key=lambda c: c[1])).strip())
            for line in lines]


def indented_lines(pages: list[list[tuple[float, float, str]]]) -> list[list[str]]:
    """Lines as text, indented where they start right of the document's usual left edge."""
    # The left edge: the leftmost one two lines share (wrapped lines of a paragraph do),
    # so a stray object further left does not make every line look indented.
    edges = Counter(round(left) for lines in pages for left, _, _ in lines)
    margin = min((edge for edge, n in edges.items() if n >= 2), default=min(edges))
    return [[("\u3000\u3000" if left - margin > INDENT_SIZES * size else "") + text for left, size, text in lines]
            for lines in pages]


def numbers(text: str) -> list[float]:
    try:
        return [float(v) for v in text.split()]
    except ValueError:
        return []
