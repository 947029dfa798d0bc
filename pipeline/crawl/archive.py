"""Raw downloaded bytes, stored by their sha256 so everything can be re-mined offline.

A file's name is its hash plus an extension from a fixed whitelist: nothing a server
sends (URL path, Content-Disposition) ever becomes part of a path.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

# Extensions the archive may use, and the content types that imply them.
EXTENSIONS = (".html", ".htm", ".shtml", ".docx", ".pdf", ".doc", ".wps", ".rtf", ".xlsx", ".xls", ".et", ".ods",
              ".ofd", ".txt")
_BY_CONTENT_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/rtf": ".rtf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/ofd": ".ofd",
    "text/plain": ".txt",
}


def extension_for(url: str, content_type: str | None, link_text: str = "") -> str:
    """The whitelisted extension that says what the bytes are: the URL's (or the link
    text's, for download scripts) when whitelisted, else the content type's, else .bin."""
    for name in (urlsplit(url).path, link_text.strip()):
        suffix = os.path.splitext(name.lower())[1]
        if suffix in EXTENSIONS:
            return ".html" if suffix in (".htm", ".shtml") else suffix
    mime = (content_type or "").split(";")[0].strip().lower()
    return _BY_CONTENT_TYPE.get(mime, ".bin")


class Archive:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str, ext: str) -> Path:
        if ext not in EXTENSIONS and ext != ".bin":
            raise ValueError(f"extension {ext!r} is not whitelisted")
        return self.root / sha256[:2] / f"{sha256}{ext}"

    def put(self, data: bytes, ext: str) -> tuple[str, Path]:
        """Store `data` (atomically, once) and return its sha256 and path."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha, ext)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return sha, target

    def read(self, sha256: str, ext: str) -> bytes:
        return self.path(sha256, ext).read_bytes()
