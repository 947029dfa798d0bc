"""DOCX: the zip container is checked against the limits before any XML is parsed
(container.py), then python-docx reads the body in order: paragraphs with heading
levels from their styles, tables as grids whose rows also become `table_row` blocks
(so figures in tables reach the extractors)."""
from __future__ import annotations

import io
import re

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from extractors.models import Block
from pipeline.errors import CorruptFile, NoText
from pipeline.ingest.container import check_container
from pipeline.ingest.headings import numbered_heading_level
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
TITLE_STYLES = {"title", "标题"}


def style_names(document) -> dict[str | None, str]:
    """Paragraph style id -> lower-cased name; key None is the default paragraph style.

    Read once from styles.xml: python-docx's `Paragraph.style` rescans every style
    per call, which made a 300-paragraph report take seconds."""
    names: dict[str | None, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name_el = style.find(qn("w:name"))
        name = (name_el.get(qn("w:val")) if name_el is not None else "") or ""
        names[style.get(qn("w:styleId"))] = name.strip().lower()
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            names[None] = name.strip().lower()
    return names


def style_name(paragraph: Paragraph, names: dict[str | None, str]) -> str:
    style_id = paragraph._p.style  # the w:pStyle value, None when the default applies
    return names.get(style_id, "") if style_id is not None else names.get(None, "")


def heading_level(paragraph: Paragraph, style: str) -> int:
    match = HEADING_STYLE.match(style)
    if match:
        return int(match.group(1))
    outline = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None and outline.get(qn("w:val"), "").isdigit() and int(outline.get(qn("w:val"))) < 9:
        return int(outline.get(qn("w:val"))) + 1
    return numbered_heading_level(paragraph.text)


def table_grid(table: Table) -> list[list[str]]:
    """Rows of cell texts; a merged cell is repeated by python-docx, so keep it once per row."""
    grid = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            grid.append(cells)
    return grid


def ingest_docx(data: bytes, limits: Limits) -> IngestedDoc:
    check_container(data, limits, "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises bare KeyError/ValueError on damaged parts
        raise CorruptFile(f"DOCX is damaged: {type(exc).__name__}: {exc}") from exc
    blocks: list[Block] = []
    tables: list[list[list[str]]] = []
    title = (document.core_properties.title or "").strip()
    names = style_names(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if not text:
                continue
            style = style_name(paragraph, names)
            if style in TITLE_STYLES:
                title = title or text
                blocks.append(Block(text, kind="heading", level=1))
                continue
            level = heading_level(paragraph, style)
            blocks.append(Block(text, kind="heading", level=level) if level else Block(text))
        elif child.tag == qn("w:tbl"):
            grid = table_grid(Table(child, document))
            tables.append(grid)
            blocks.extend(Block("\t".join(row), kind="table_row") for row in grid)
    if not blocks:
        raise NoText("the DOCX document has no text")
    if not title and blocks[0].kind == "heading" and not numbered_heading_level(blocks[0].text):
        title = blocks[0].text
    return IngestedDoc(format="docx", blocks=blocks, title=title, tables=tables)
