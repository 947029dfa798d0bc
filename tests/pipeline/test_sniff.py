import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import CorruptFile, EncryptedFile, IngestError, UnknownFormat
from pipeline.ingest import ingest
from pipeline.ingest.sniff import OLE2_MAGIC, sniff
from pipeline.normalise import normalise
from pipeline.settings import Limits
from tests.ofd_parts import ofd_package

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"
FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


@pytest.mark.parametrize("name, kind", [
    ("000_beijing_follow_up.docx", "docx"),
    ("000_beijing_follow_up.html", "html"),
    ("001_weihai_evaluation.gbk.html", "html"),
    ("001_weihai_evaluation.pdf", "pdf"),
    ("003_shuangjian_survey.txt", "txt"),
    ("truncated.pdf", "pdf"),
    ("not_really_docx.docx", "html"),  # the extension lies
])
def test_format_comes_from_the_bytes(name, kind):
    assert sniff((DOCS / name).read_bytes()) == kind


def test_content_type_tells_html_from_text_only_when_markup_is_absent():
    assert sniff("没有标签的正文。".encode()) == "txt"
    assert sniff("没有标签的正文。".encode(), "text/html; charset=utf-8") == "html"


def test_binary_junk_is_unknown():
    junk = bytes(range(256)) * 40
    with pytest.raises(UnknownFormat, match="binary data"):
        sniff(junk)


def test_zip_of_no_document_format_is_unknown():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/1.jpg", b"\xff\xd8")
    with pytest.raises(UnknownFormat, match="ZIP archive that is not"):
        sniff(buffer.getvalue())


def test_truncated_zip_is_corrupt():
    data = (DOCS / "000_beijing_follow_up.docx").read_bytes()
    with pytest.raises(CorruptFile, match="truncated or damaged"):
        sniff(data[: len(data) // 3])


def test_encrypted_office_container_is_reported_as_encrypted():
    data = OLE2_MAGIC + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    with pytest.raises(EncryptedFile, match="password"):
        sniff(data)


def test_damaged_ole2_container_is_corrupt():
    with pytest.raises(CorruptFile, match="OLE2"):
        sniff(OLE2_MAGIC + b"\x00" * 200)


@pytest.mark.parametrize("name, kind", [
    ("000_beijing_follow_up.doc", "doc"),
    ("funding.xls", "xls"),
    ("funding.xlsx", "xlsx"),
    ("004_jiangbei_self_assessment.scan150_skewed.pdf", "pdf"),
])
def test_new_formats_come_from_the_bytes(name, kind):
    assert sniff((FORMATS / name).read_bytes()) == kind


def test_rtf_is_told_by_its_opening():
    assert sniff(b"{\\rtf1\\ansi {\\pard \\u30563?\\u23548?\\par}}") == "rtf"


def test_ods_and_ofd_are_told_by_their_zip_members():
    assert sniff(ofd_package("标题", [[(False, "正文")]])) == "ofd"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert sniff(buffer.getvalue()) == "ods"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-16-le-no-bom", "utf-16-be-no-bom"])
def test_utf16_and_utf32_html_with_a_bom_is_html(encoding):
    page = "<!DOCTYPE html><html><head><title>督导报告</title></head><body><p>正文</p></body></html>"
    if encoding.endswith("-no-bom"):
        data = page.encode(encoding.removesuffix("-no-bom"))
    else:
        data = ("\ufeff" + page).encode(encoding) if encoding.endswith("-be") else page.encode(encoding)  # BOM added
    assert sniff(data) == "html"


FIXTURES = sorted(p.read_bytes() for p in DOCS.iterdir() if p.is_file()) + \
    [(FORMATS / name).read_bytes() for name in ("funding.xlsx", "funding.xls")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(
    st.binary(max_size=4000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    # fixtures cut short or with bytes overwritten: broken files of every real format
    st.tuples(st.sampled_from(FIXTURES), st.floats(0, 1), st.binary(min_size=1, max_size=64)).map(
        lambda t: t[0][: int(len(t[0]) * t[1])] + t[2] + t[0][int(len(t[0]) * t[1]) + len(t[2]):]),
))
def test_any_bytes_give_a_document_or_a_typed_ingest_error(data):
    try:
        # OCR and LibreOffice have their own tests; here they stop at once (limit_exceeded).
        doc = ingest(data, "fuzz", Limits(max_pdf_seconds=5, max_ocr_seconds=0, max_convert_seconds=0))
    except IngestError as exc:
        assert exc.message and exc.source == "fuzz"
        return
    normalised = normalise(doc)
    assert all(normalised.text[b.start:b.end] == b.text for b in normalised.blocks)
