"""What a file really is, from its first bytes — never from its name."""
from __future__ import annotations

import io
import re
import zipfile

from pipeline.errors import CorruptFile, EncryptedFile, UnknownFormat
from pipeline.ingest.text import looks_binary

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Markup that only HTML starts with (checked on the lower-cased head of the file).
HTML_HEAD_RE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|table)[\s>/]")
ENCRYPTED_OOXML_MARK = "EncryptionInfo".encode("utf-16-le")


def sniff(data: bytes, content_type: str | None = None) -> str:
    """One of `pdf`, `docx`, `html`, `txt`; UnknownFormat/EncryptedFile otherwise.

    `content_type` only breaks the tie between HTML and plain text.
    """
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return sniff_zip(data)
    if head.startswith(OLE2_MAGIC):
        if ENCRYPTED_OOXML_MARK in data[:1_000_000]:
            raise EncryptedFile("the document is password-protected (encrypted Office file)")
        raise UnknownFormat("legacy Office binary file (.doc/.xls); only DOCX, PDF, HTML and text are read")
    if looks_binary(data):
        raise UnknownFormat(f"binary data that is not PDF, DOCX, HTML or text (starts with {head[:8].hex(' ')})")
    lowered = head.lower()
    if HTML_HEAD_RE.search(lowered) or (content_type or "").lower().startswith(("text/html", "application/xhtml")):
        return "html"
    return "txt"


def sniff_zip(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError) as exc:
        raise CorruptFile(f"ZIP container is truncated or damaged: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    kind = "spreadsheet (XLSX)" if "xl/workbook.xml" in names else "ZIP archive"
    raise UnknownFormat(f"{kind} that is not a Word document; only DOCX, PDF, HTML and text are read")
