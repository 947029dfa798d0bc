"""Ingest: bytes of one file -> IngestedDoc (text blocks + page metadata).

`read_file` reads a path within the limits; `ingest` sniffs the real format from the
bytes and dispatches to the reader of that format. Every refusal is a typed
IngestError (pipeline/errors.py) whose message names the reason or the limit.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from pipeline.errors import EmptyFile, IngestError, LimitExceeded, NoText, UnreadablePath
from pipeline.ingest.sniff import sniff
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

__all__ = ["IngestedDoc", "ingest", "read_file", "sniff"]


def read_file(path: Path, limits: Limits) -> bytes:
    """The bytes of `path`, refusing directories, broken links, unreadable and oversized files."""
    path = Path(path)
    try:
        if path.is_symlink() and not path.exists():
            raise UnreadablePath(f"{path} is a broken symbolic link (target {os.readlink(path)} does not exist)")
        if path.is_dir():
            raise UnreadablePath(f"{path} is a directory, not a file")
        if not path.is_file():
            raise UnreadablePath(f"{path} does not exist or is not a regular file")
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise LimitExceeded(f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,} (max_file_bytes)")
        with path.open("rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except OSError as exc:
        reason = "permission denied" if exc.errno == errno.EACCES else exc.strerror or str(exc)
        raise UnreadablePath(f"{path} cannot be read: {reason}") from exc
    if len(data) > limits.max_file_bytes:  # grew while being read
        raise LimitExceeded(f"file is over the limit of {limits.max_file_bytes:,} bytes (max_file_bytes)")
    if not data:
        raise EmptyFile(f"{path} is empty (0 bytes)")
    return data


def ingest(data: bytes, source: str, limits: Limits, content_type: str | None = None) -> IngestedDoc:
    """The text and metadata of one document; raises an IngestError subclass otherwise.

    `source` only labels the error; the format comes from the bytes (`sniff`), with
    `content_type` (an HTTP header) as a hint for the charset and HTML-vs-text.
    """
    try:
        if not data:
            raise EmptyFile("the file is empty (0 bytes)")
        if len(data) > limits.max_file_bytes:
            raise LimitExceeded(f"file is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,} (max_file_bytes)")
        kind = sniff(data, content_type)
        # each reader is imported when a file of its format comes: a small run of HTML
        # or text pages does not pay for the PDF, Word and OFD libraries (issue 17)
        if kind == "pdf":
            from pipeline.ingest.pdf import ingest_pdf
            doc = ingest_pdf(data, limits)
        elif kind == "docx":
            from pipeline.ingest.docx import ingest_docx
            doc = ingest_docx(data, limits)
        elif kind in ("doc", "rtf"):
            from pipeline.ingest.legacy_word import ingest_legacy_word
            doc = ingest_legacy_word(data, kind, limits)
        elif kind == "ofd":
            from pipeline.ingest.ofd import ingest_ofd
            doc = ingest_ofd(data, limits)
        elif kind in ("xlsx", "xls", "ods"):
            from pipeline.ingest.spreadsheet import ingest_spreadsheet
            doc = ingest_spreadsheet(data, kind, limits)
        elif kind == "html":
            from pipeline.ingest.html import ingest_html
            doc = ingest_html(data, limits, content_type)
        else:
            from pipeline.ingest.text import ingest_text
            doc = ingest_text(data, content_type)
        n_chars = sum(len(b.text) for b in doc.blocks)
        if n_chars > limits.max_chars:
            raise LimitExceeded(f"document has {n_chars:,} characters, over the limit of {limits.max_chars:,} (max_chars)")
        if not n_chars:
            raise NoText(f"the {kind.upper()} file holds no text")
        return doc
    except IngestError as exc:
        exc.source = exc.source or source
        raise
