"""DOCX: the zip container is checked against the limits before any XML is parsed,
XML parts declaring a DTD or entities are refused, then python-docx reads the body
in order: paragraphs with heading levels from their styles, tables as grids whose
rows also become `table_row` blocks (so figures in tables reach the extractors)."""
from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from extractors.models import Block
from pipeline.errors import CorruptFile, EncryptedFile, LimitExceeded, NoText, UnsafeContent
from pipeline.ingest.headings import numbered_heading_level
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

# Ratio checks only matter for members big enough to hurt; tiny XML parts compress well.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
UNSAFE_XML = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
CONTENT_TYPE_ENTRY = re.compile(rb"<\s*(Default|Override)\b([^>]*)>", re.I)
ATTRIBUTE = re.compile(rb"""(\w+)\s*=\s*["']([^"']*)["']""")
# Office XML content types: the parts python-docx parses (an XHTML altChunk is not one).
OFFICE_XML_TYPE = re.compile(r"^\s*application/vnd\.(?:openxmlformats|ms-)[^;]*\+xml\s*(?:;|$)", re.I)
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
TITLE_STYLES = {"title", "标题"}


def check_container(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The opened zip, after member count, total size, ratio and XML-safety checks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError) as exc:
        raise CorruptFile(f"DOCX (zip) container is truncated or damaged: {exc}") from exc
    if len(members) > limits.max_zip_members:
        raise LimitExceeded(f"DOCX has {len(members)} zip members, over the limit of {limits.max_zip_members} (max_zip_members)")
    total = sum(m.file_size for m in members)
    if total > limits.max_zip_uncompressed_bytes:
        raise LimitExceeded(
            f"DOCX would unpack to {total:,} bytes, over the limit of {limits.max_zip_uncompressed_bytes:,} "
            "(max_zip_uncompressed_bytes; zip bomb?)")
    for m in members:
        if m.file_size >= RATIO_CHECK_MIN_BYTES and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1):
            raise LimitExceeded(
                f"DOCX member {m.filename} expands {m.file_size // max(m.compress_size, 1)}x, over the limit of "
                f"{limits.max_zip_ratio}x (max_zip_ratio; zip bomb?)")
    parts = {m.filename: read_part(archive, m, limits) for m in members if m.filename.endswith((".xml", ".rels"))}
    # A part of any name is parsed as XML when [Content_Types].xml gives it an Office XML type.
    names, extensions = xml_content_types(parts.get("[Content_Types].xml", b""))
    parts.update((m.filename, read_part(archive, m, limits)) for m in members if m.filename not in parts
                 and (m.filename in names or m.filename.rsplit(".", 1)[-1].lower() in extensions))
    for name, body in parts.items():
        # Dropping NULs lets the byte pattern see UTF-16/32 parts too, which XML allows.
        if UNSAFE_XML.search(body.replace(b"\0", b"")):
            raise UnsafeContent(f"DOCX part {name} declares a DTD or XML entities; refused (entity expansion)")
    return archive


def read_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits) -> bytes:
    try:
        with archive.open(member) as part:
            return part.read(limits.max_zip_uncompressed_bytes)
    except RuntimeError as exc:  # zipfile's "File ... is encrypted, password required"
        raise EncryptedFile(f"DOCX part {member.filename} is password-protected: {exc}") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, NotImplementedError) as exc:
        raise CorruptFile(f"DOCX part {member.filename} is damaged: {exc}") from exc


def xml_content_types(content_types: bytes) -> tuple[set[str], set[str]]:
    """Part names and extensions [Content_Types].xml declares as Office XML."""
    names, extensions = set(), set()
    for kind, attrs in CONTENT_TYPE_ENTRY.findall(content_types.replace(b"\0", b"")):
        values = {k.decode().lower(): v.decode("utf-8", "replace") for k, v in ATTRIBUTE.findall(attrs)}
        if not OFFICE_XML_TYPE.search(values.get("contenttype", "")):
            continue
        if kind.lower() == b"override":
            names.add(values.get("partname", "").lstrip("/"))
        else:
            extensions.add(values.get("extension", "").lower())
    return names, extensions


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
    check_container(data, limits)
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
