"""Zip-based documents (DOCX, XLSX, ODS, OFD): the container is checked against the
limits before any XML is parsed — member count, total size, compression ratio — and
XML parts declaring a DTD or entities are refused (entity expansion)."""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from pipeline.errors import CorruptFile, EncryptedFile, LimitExceeded, UnsafeContent
from pipeline.settings import Limits

# Ratio checks only matter for members big enough to hurt; tiny XML parts compress well.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
UNSAFE_XML = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
CONTENT_TYPE_ENTRY = re.compile(rb"<\s*(Default|Override)\b([^>]*)>", re.I)
ATTRIBUTE = re.compile(rb"""(\w+)\s*=\s*["']([^"']*)["']""")
# Office XML content types: the parts python-docx parses (an XHTML altChunk is not one).
OFFICE_XML_TYPE = re.compile(r"^\s*application/vnd\.(?:openxmlformats|ms-)[^;]*\+xml\s*(?:;|$)", re.I)


def check_container(data: bytes, limits: Limits, label: str) -> zipfile.ZipFile:
    """The opened zip, after member count, total size, ratio and XML-safety checks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError) as exc:
        raise CorruptFile(f"{label} (zip) container is truncated or damaged: {exc}") from exc
    if len(members) > limits.max_zip_members:
        raise LimitExceeded(
            f"{label} has {len(members)} zip members, over the limit of {limits.max_zip_members} (max_zip_members)")
    total = sum(m.file_size for m in members)
    if total > limits.max_zip_uncompressed_bytes:
        raise LimitExceeded(
            f"{label} would unpack to {total:,} bytes, over the limit of {limits.max_zip_uncompressed_bytes:,} "
            "(max_zip_uncompressed_bytes; zip bomb?)")
    for m in members:
        if m.file_size >= RATIO_CHECK_MIN_BYTES and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1):
            raise LimitExceeded(
                f"{label} member {m.filename} expands {m.file_size // max(m.compress_size, 1)}x, over the limit of "
                f"{limits.max_zip_ratio}x (max_zip_ratio; zip bomb?)")
    parts = {m.filename: read_part(archive, m, limits, label) for m in members
             if m.filename.endswith((".xml", ".rels"))}
    # A part of any name is parsed as XML when [Content_Types].xml gives it an Office XML type.
    names, extensions = xml_content_types(parts.get("[Content_Types].xml", b""))
    parts.update((m.filename, read_part(archive, m, limits, label)) for m in members if m.filename not in parts
                 and (m.filename in names or m.filename.rsplit(".", 1)[-1].lower() in extensions))
    for name, body in parts.items():
        # Dropping NULs lets the byte pattern see UTF-16/32 parts too, which XML allows.
        if UNSAFE_XML.search(body.replace(b"\0", b"")):
            raise UnsafeContent(f"{label} part {name} declares a DTD or XML entities; refused (entity expansion)")
    return archive


def read_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits, label: str) -> bytes:
    try:
        with archive.open(member) as part:
            return part.read(limits.max_zip_uncompressed_bytes)
    except RuntimeError as exc:  # zipfile's "File ... is encrypted, password required"
        raise EncryptedFile(f"{label} part {member.filename} is password-protected: {exc}") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, NotImplementedError) as exc:
        raise CorruptFile(f"{label} part {member.filename} is damaged: {exc}") from exc


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
