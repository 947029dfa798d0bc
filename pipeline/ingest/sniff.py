"""What a file really is, from its first bytes — never from its name."""
from __future__ import annotations

import codecs
import io
import re
import zipfile

import olefile

from pipeline.errors import CorruptFile, EncryptedFile, UnknownFormat
from pipeline.ingest.text import bomless_utf16, looks_binary

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
RTF_MAGIC = b"{\\rtf"
# Markup that only HTML starts with (checked on the lower-cased head of the file).
HTML_HEAD_RE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|table)[\s>/]")
ENCRYPTED_OOXML_MARK = "EncryptionInfo".encode("utf-16-le")
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# OLE2 streams that say which program wrote the file; WPS and ET (Kingsoft) files
# carry Word's and Excel's streams.
WORD_STREAM = "WordDocument"
WORKBOOK_STREAMS = ("Workbook", "Book")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def sniff(data: bytes, content_type: str | None = None) -> str:
    """One of `pdf`, `docx`, `doc`, `rtf`, `xlsx`, `xls`, `ods`, `ofd`, `html`, `txt`;
    UnknownFormat/EncryptedFile/CorruptFile otherwise.

    `content_type` only breaks the tie between HTML and plain text.
    """
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return sniff_zip(data)
    if head.startswith(OLE2_MAGIC):
        return sniff_ole2(data)
    if head.startswith(RTF_MAGIC):  # what many sites serve as .doc; LibreOffice reads it
        return "rtf"
    if looks_binary(data):
        raise UnknownFormat(f"binary data that is not a document format dudao reads (starts with {head[:8].hex(' ')})")
    lowered = wide_head(head).lower()
    if HTML_HEAD_RE.search(lowered) or (content_type or "").lower().startswith(("text/html", "application/xhtml")):
        return "html"
    return "txt"


def wide_head(head: bytes) -> bytes:
    """The head of a UTF-16/32 file (told by its BOM, or UTF-16 without one) as
    ASCII-compatible bytes, so the markup test sees `<html` in it; other heads unchanged."""
    encoding = next((encoding for bom, encoding in WIDE_BOMS if head.startswith(bom)), None) or bomless_utf16(head)
    if encoding is None:
        return head
    usable = len(head) - len(head) % 4
    return head[:usable].decode(encoding, errors="ignore").encode("utf-8", errors="ignore")


def sniff_zip(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        mimetype = archive.read("mimetype")[:200] if "mimetype" in names else b""
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError, RuntimeError) as exc:
        raise CorruptFile(f"ZIP container is truncated or damaged: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.strip() == ODS_MIMETYPE:
        return "ods"
    if "OFD.xml" in names:
        return "ofd"
    raise UnknownFormat("ZIP archive that is not a Word document, spreadsheet or OFD file")


def sniff_ole2(data: bytes) -> str:
    """`doc` (Word, WPS) or `xls` (Excel, ET) from the streams of an OLE2 compound file."""
    if ENCRYPTED_OOXML_MARK in data[:1_000_000]:
        raise EncryptedFile("the document is password-protected (encrypted Office file)")
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists(WORD_STREAM):
                return "doc"
            if any(ole.exists(name) for name in WORKBOOK_STREAMS):
                return "xls"
            streams = ["/".join(entry) for entry in ole.listdir()][:5]
    except (OSError, ValueError, IndexError, EOFError) as exc:  # olefile raises OSError on a bad header
        raise CorruptFile(f"OLE2 (legacy Office) container is damaged: {exc}") from exc
    raise UnknownFormat(f"OLE2 file that is neither a Word nor a spreadsheet document (streams: {', '.join(streams)})")
