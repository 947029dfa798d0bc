"""Hostile and damaged DOCX files made from the fixture report (for ingest and reliability tests)."""
import io
import zipfile

from tests.conftest import CORPUS

DOCX = CORPUS / "000_beijing_follow_up.docx"


def docx_with(extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """The fixture DOCX with parts replaced or added (deflated, as Word writes them)."""
    out = io.BytesIO()
    with zipfile.ZipFile(DOCX) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, (replace or {}).get(item.filename, source.read(item.filename)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()
