"""Legacy .doc/.wps: LibreOffice turns them into DOCX, read as DOCX; encrypted ones stay
`encrypted`, a conversion past the time limit ends as `limit_exceeded`."""
import shutil
from pathlib import Path

import olefile
import pytest

from pipeline.errors import EncryptedFile, LimitExceeded
from pipeline.cache import ResultCache
from pipeline.ingest import ingest, tools
from pipeline.process import SourceFile, process_source
from pipeline.settings import Limits, Settings
from tests.conftest import CORPUS
from tests.tools import needs_soffice

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
DOC = FORMATS / "000_beijing_follow_up.doc"  # the seed DOCX saved as .doc by LibreOffice


def figures(path: Path, name: str) -> list[tuple]:
    result = process_source(SourceFile(path, name), Settings())
    assert result.failure is None, result.failure
    return sorted((f["kind"], f["value"], f["unit"], f["place"], f["year"], f["metric"]) for f in result.findings
                  if f["kind"] in ("percent", "money"))


@needs_soffice
@pytest.mark.parametrize("name", ["report.doc", "report.wps"])  # a WPS file is the same OLE2 Word format
def test_doc_gives_the_percent_and_money_findings_of_its_docx(tmp_path, name):
    copy = tmp_path / name
    copy.write_bytes(DOC.read_bytes())
    from_doc = figures(copy, name)
    assert from_doc and from_doc == figures(CORPUS / "000_beijing_follow_up.docx", "docx")


@needs_soffice
def test_doc_keeps_headings_and_format():
    doc = ingest(DOC.read_bytes(), DOC.name, Limits())
    assert doc.format == "doc"
    assert doc.title == "2021年对区级人民政府履行教育职责情况回访督导报告"
    assert any(b.kind == "heading" and b.level for b in doc.blocks[1:])


def test_encrypted_doc_stays_encrypted(tmp_path):
    locked = tmp_path / "locked.doc"
    shutil.copy(DOC, locked)
    with olefile.OleFileIO(str(locked), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        stream[11] |= 0x01  # FIB flags word, high byte: fEncrypted
        ole.write_stream("WordDocument", bytes(stream))
    with pytest.raises(EncryptedFile, match="password-protected"):
        ingest(locked.read_bytes(), locked.name, Limits())


@needs_soffice
def test_conversion_past_the_time_limit_is_stopped():
    with pytest.raises(LimitExceeded, match=r"LibreOffice .* over the limit of 0.05 s \(max_convert_seconds\)"):
        ingest(DOC.read_bytes(), DOC.name, Limits(max_convert_seconds=0.05))


def test_without_libreoffice_a_doc_is_one_missing_tool_row_that_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    cache = ResultCache(tmp_path / "cache", version="test")
    result = process_source(SourceFile(DOC, DOC.name), Settings(), cache)
    assert (result.failure.stage, result.failure.error_kind) == ("ingest", "missing_tool")
    assert "apt-get install libreoffice-writer-nogui" in result.failure.message
    assert not any((tmp_path / "cache").rglob("*.pkl"))  # the next run, with LibreOffice installed, tries again


def rtf(paragraphs: list[str]) -> bytes:
    """An RTF document whose Chinese text is written as \\uN? escapes, as Word writes it."""
    def escape(text: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in text)
    body = "".join(f"{{\\pard {escape(p)}\\par}}" for p in paragraphs)
    return f"{{\\rtf1\\ansi\\ansicpg936{{\\fonttbl{{\\f0 SimSun;}}}}\\f0 {body}}}".encode("ascii")


@needs_soffice
def test_rtf_served_as_doc_is_converted_too():
    data = rtf(["户县2022年教育督导报告", "2022年，全县学前教育普惠率达到91.2%，投入课后服务经费860万元。"])
    doc = ingest(data, "report.doc", Limits())
    assert doc.format == "rtf"
    assert [b.text for b in doc.blocks] == ["户县2022年教育督导报告",
                                           "2022年，全县学前教育普惠率达到91.2%，投入课后服务经费860万元。"]
