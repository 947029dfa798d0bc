"""Legacy Word (.doc) and WPS (.wps) files, both OLE2 with a WordDocument stream, and
RTF (which sites often serve as .doc): converted to DOCX by LibreOffice headless in a
temporary folder (its own profile there, so conversions run side by side), then read
as DOCX — headings and tables."""
from __future__ import annotations

import io
import struct
import tempfile
from pathlib import Path

import olefile

from pipeline.errors import ConversionFailed, CorruptFile, EncryptedFile
from pipeline.ingest.docx import ingest_docx
from pipeline.ingest.tools import find_tool, run_tool
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

# The FIB's flags word (offset 10 of the WordDocument stream): fEncrypted, fObfuscated.
FIB_FLAGS_OFFSET = 10
ENCRYPTED_FLAGS = 0x0100 | 0x8000


def is_encrypted(data: bytes) -> bool:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            fib = ole.openstream("WordDocument").read(FIB_FLAGS_OFFSET + 2)
    except (OSError, ValueError, IndexError, EOFError) as exc:
        raise CorruptFile(f"Word (.doc/.wps) file is damaged: {exc}") from exc
    if len(fib) < FIB_FLAGS_OFFSET + 2:
        raise CorruptFile("Word (.doc/.wps) file is damaged: its WordDocument stream is truncated")
    flags, = struct.unpack_from("<H", fib, FIB_FLAGS_OFFSET)
    return bool(flags & ENCRYPTED_FLAGS)


def convert_to_docx(data: bytes, limits: Limits) -> bytes:
    soffice = find_tool("soffice")
    with tempfile.TemporaryDirectory(prefix="dudao-doc-") as folder:
        source = Path(folder) / "document.doc"
        source.write_bytes(data)
        run_tool([soffice, "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
                  f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
                  "--convert-to", "docx:MS Word 2007 XML", "--outdir", folder, str(source)],
                 limits.max_convert_seconds, "LibreOffice converting the .doc/.wps/.rtf file", "max_convert_seconds")
        converted = source.with_suffix(".docx")
        if not converted.is_file():  # soffice exits 0 when its import filter gives up
            raise ConversionFailed("LibreOffice could not read the .doc/.wps/.rtf file (no DOCX came out)")
        return converted.read_bytes()


def ingest_legacy_word(data: bytes, kind: str, limits: Limits) -> IngestedDoc:
    """`kind` is what sniff said: `doc` (OLE2 Word or WPS) or `rtf`."""
    if kind == "doc" and is_encrypted(data):
        raise EncryptedFile("the Word (.doc/.wps) document is password-protected (encrypted)")
    doc = ingest_docx(convert_to_docx(data, limits), limits)
    doc.format = kind
    return doc
