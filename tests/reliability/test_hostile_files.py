"""Hostile and broken files in a real `mine` run (issue 9): each costs one `failures`
row naming the stage, the kind and the reason or limit, and the real report mined
beside it in the same run still becomes a document with findings."""
from __future__ import annotations

import io
import os
import shutil
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from pipeline.ingest import read_file
from pipeline.process import SourceFile
from pipeline.settings import Limits
from tests.conftest import CORPUS
from tests.pipeline.test_ingest_pdf import PAGE_OBJECTS, build_pdf
from tests.docx_parts import DOCX, docx_with
from tests.ofd_parts import ofd_package

pytestmark = pytest.mark.slow

REAL = CORPUS / "003_shuangjian_survey.txt"
MIB = 1024 * 1024
FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
ENTITY_BOMB = '<!DOCTYPE ofd:Page [<!ENTITY a "督导督导督导督导"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'




def document_xml_with_entities(encoding: str) -> bytes:
    """word/document.xml declaring a billion-laughs DTD and using its entity."""
    with zipfile.ZipFile(DOCX) as source:
        xml = source.read("word/document.xml").decode("utf-8")
    _, _, body = xml.partition("?>")
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = body.replace("</w:body>", "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body>")
    return (f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}]>'
            + body).encode(encoding)


def renamed_main_part() -> bytes:
    """The entity-declaring body as `word/main.dat`, which _rels and [Content_Types]
    name as the main document (a benign word/document.xml stays as a decoy)."""
    with zipfile.ZipFile(DOCX) as source:
        rels = source.read("_rels/.rels").replace(b"word/document.xml", b"word/main.dat")
        types = source.read("[Content_Types].xml").replace(b'"/word/document.xml"', b'"/word/main.dat"')
    return docx_with(extra={"word/main.dat": document_xml_with_entities("utf-8")},
                     replace={"_rels/.rels": rels, "[Content_Types].xml": types})


def pdf_page_with_stream(stream: bytes, filters: str = "") -> bytes:
    """A one-page PDF whose content stream is `stream` (Helvetica as F1)."""
    return build_pdf([
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} {filters}>>\nstream\n{stream.decode('latin-1')}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def pdf_with_pages(n: int) -> bytes:
    kids = " ".join(f"{i + 3} 0 R" for i in range(n))
    return build_pdf(["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>"]
                     + [PAGE_OBJECTS[2]] * n)


def encrypted_pdf() -> bytes:
    security = "<< /Filter /Standard /V 1 /R 2 /O <" + "11" * 32 + "> /U <" + "22" * 32 + "> /P -4 >>"
    return build_pdf(PAGE_OBJECTS + [security], "/Encrypt 4 0 R /ID [<" + "33" * 16 + "> <" + "33" * 16 + ">] ")


def xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def write(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    """A maker of `name` holding data() (built lazily: bombs are built only when run)."""
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data())
        return folder / name
    return make


def huge_sparse_html(folder: Path) -> Path:
    """A 200 MB page: real markup up front, a hole after it (no disk, no time)."""
    path = folder / "huge.html"
    with path.open("wb") as fh:
        fh.write("<html><head><meta charset='utf-8'></head><body><p>督导报告</p>".encode())
        fh.truncate(200 * MIB)
    return path


UTF8_LINE = "全区普惠性幼儿园覆盖率达到88%，公办园在园幼儿占比达到52%。"
GBK_LINE = "部分学校大班额问题仍然突出，教师编制不足。"


def mixed_encodings_page(folder: Path) -> Path:
    """A UTF-8 page with one paragraph pasted in GBK, and stray bytes on a line of their own."""
    head = "<html><head><meta charset='utf-8'><title>督导报告</title></head><body><div id='zoom'>\n"
    data = (head + f"<p>{UTF8_LINE}</p>\n").encode() + b"<p>" + GBK_LINE.encode("gbk") + b"</p>\n" \
        + b"\xff\xfe\x80\n</div></body></html>\n"
    path = folder / "mixed.html"
    path.write_bytes(data)
    return path


def directory_named_like_a_report(folder: Path) -> SourceFile:
    path = folder / "report.pdf"
    path.mkdir()
    return SourceFile(path, str(path))  # as the crawler hands over paths: one source, not a folder walk


def broken_symlink(folder: Path) -> Path:
    path = folder / "report.docx"
    path.symlink_to(folder / "gone.docx")
    return path


def symlink_loop(folder: Path) -> Path:
    (folder / "a.html").symlink_to(folder / "a.html")
    return folder / "a.html"


def named_pipe(folder: Path) -> Path:
    """Opening a FIFO for reading blocks until a writer comes: it must never be opened."""
    path = folder / "report.txt"
    os.mkfifo(path)
    return path


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[Path], Path | SourceFile]
    stage: str
    kind: str
    message: str  # a regex the failure message must match (the reason or the limit)
    limits: Limits = field(default_factory=Limits)


HOSTILE = [
    Hostile("zip bomb .docx (one member 64 MiB of zeros)",
            write("bomb.docx", lambda: docx_with(extra={"word/media/image1.png": b"\0" * (64 * MIB)})),
            "ingest", "limit_exceeded", r"expands \d+x, over the limit of 200x \(max_zip_ratio; zip bomb\?\)"),
    Hostile("zip bomb .docx (260 members of 1 MiB less a byte: under the ratio check, over the total)",
            write("bomb_total.docx", lambda: docx_with(
                extra={f"word/media/p{i}.bin": b"\0" * (MIB - 1) for i in range(260)})),
            "ingest", "limit_exceeded",
            r"unpack to 27\d,\d{3},\d{3} bytes, over the limit of 209,715,200 \(max_zip_uncompressed_bytes; zip bomb"),
    Hostile(".docx whose XML declares entities (billion laughs, UTF-8)",
            write("laughs.docx", lambda: docx_with(replace={"word/document.xml": document_xml_with_entities("utf-8")})),
            "ingest", "unsafe_content", r"word/document.xml declares a DTD or XML entities; refused"),
    Hostile(".docx whose XML declares entities (billion laughs, UTF-16)",
            write("laughs16.docx",
                  lambda: docx_with(replace={"word/document.xml": document_xml_with_entities("utf-16")})),
            "ingest", "unsafe_content", r"word/document.xml declares a DTD or XML entities; refused"),
    Hostile(".docx whose main part has entities under a name not ending .xml", write("renamed.docx", renamed_main_part),
            "ingest", "unsafe_content", r"word/main.dat declares a DTD or XML entities; refused"),
    Hostile(".docx with an external entity (XXE on /etc/passwd)",
            write("xxe.docx", lambda: docx_with(replace={"word/_rels/document.xml.rels":
                                                  b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM '
                                                  b'"file:///etc/passwd">]><Relationships>&x;</Relationships>'})),
            "ingest", "unsafe_content", r"word/_rels/document.xml.rels declares a DTD or XML entities"),
    Hostile("encrypted PDF", write("locked.pdf", encrypted_pdf),
            "ingest", "encrypted", r"PDF is password-protected"),
    Hostile(".xls bomb (5.6 KB, one cell at A1 and one at IV65536)", write("bomb.xls", lambda: (FORMATS / "bomb.xls").read_bytes()),
            "ingest", "limit_exceeded", r"65,536 rows x 256 columns, over the limit of 1,000,000 cells \(max_sheet_cells"),
    Hostile("OFD with XML entities", write("bomb.ofd", lambda: ofd_package("报告", [[(False, "&b;")]], ENTITY_BOMB)),
            "ingest", "unsafe_content", r"OFD part Doc_0/Pages/Page_0/Content.xml declares a DTD or XML entities"),
    Hostile(".doc LibreOffice is still converting at the time limit",
            write("slow.doc", lambda: (FORMATS / "000_beijing_follow_up.doc").read_bytes()),
            "ingest", "limit_exceeded", r"LibreOffice .* over the limit of 0.05 s \(max_convert_seconds\)",
            Limits(max_convert_seconds=0.05)),
    Hostile("PDF whose text layer is a broken Flate stream",
            write("broken_layer.pdf", lambda: pdf_page_with_stream(
                zlib.compress(b"BT /F1 12 Tf 20 100 Td (Report) Tj ET")[:9], "/Filter /FlateDecode ")),
            "ingest", "no_text_layer", r"no text layer"),
    Hostile("PDF whose text layer is junk bytes",
            write("junk_layer.pdf", lambda: pdf_page_with_stream(b"\x00\x01garbage\xff" * 20, "/Filter /FlateDecode ")),
            "ingest", "no_text_layer", r"no text layer"),
    Hostile("truncated PDF", write("cut.pdf", lambda: (CORPUS / "truncated.pdf").read_bytes()),
            "ingest", "corrupt_file", r"PDF is truncated or damaged"),
    Hostile("PDF of 501 pages", write("pages.pdf", lambda: pdf_with_pages(501)),
            "ingest", "limit_exceeded", r"501 pages, over the limit of 500 \(max_pdf_pages\)"),
    Hostile("HTML page of 200 MB", huge_sparse_html,
            "read", "limit_exceeded", r"209,715,200 bytes, over the limit of 52,428,800 \(max_file_bytes\)"),
    Hostile("HTML page of 40 MB of tiny tags",
            write("tiny_tags.html", lambda: b"<html><body><p>" + b"<b>x</b>" * (5 * MIB) + b"</p></body></html>"),
            "ingest", "limit_exceeded", r"more than 200,000 tags, over the limit \(max_html_tags\)"),
    Hostile("HTML page nested 100,000 deep (fewer tags than the limit)",
            write("deep.html", lambda: b"<html><body>" + b"<div>" * 100_000 + b"<p>x</p>" + b"</div>" * 100_000
                  + b"</body></html>"),
            "ingest", "limit_exceeded", r"nests elements more than 256 deep, the parser's limit"),
    Hostile("binary junk named .html",
            write("photo.html", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
            "ingest", "unknown_format", r"binary data that is not a document format dudao reads \(starts with 89 50 4e 47"),
    Hostile("text of 3 million characters", write("long.txt", lambda: "督导".encode() * 1_500_000),
            "ingest", "limit_exceeded", r"3,000,000 characters, over the limit of 2,000,000 \(max_chars\)"),
    Hostile("XLSX without sheets, named .docx", write("sheet.docx", xlsx),
            "ingest", "corrupt_file", r"XLSX workbook is damaged"),
    Hostile("empty file", write("empty.html", lambda: b""), "read", "empty_file", r"is empty \(0 bytes\)"),
    Hostile("a directory named report.pdf", directory_named_like_a_report,
            "read", "unreadable_path", r"report.pdf is a directory, not a file"),
    Hostile("broken symbolic link", broken_symlink,
            "read", "unreadable_path", r"report.docx is a broken symbolic link \(target .*gone.docx"),
    Hostile("symbolic link loop", symlink_loop, "read", "unreadable_path", r"a.html is a broken symbolic link"),
    Hostile("named pipe (FIFO) called report.txt", named_pipe,
            "read", "unreadable_path", r"report.txt does not exist or is not a regular file"),
]


@pytest.fixture
def mine_beside_real(prefect_harness, tmp_path):
    """mine(folder holding the real report + the hostile input) -> (failures, documents, findings)."""
    from pipeline.mine import mine
    from pipeline.settings import Settings

    def run(make, limits: Limits = Limits()):
        folder = tmp_path / "in"
        folder.mkdir()
        shutil.copy(REAL, folder / REAL.name)
        hostile = make(folder)
        inputs = [folder] + ([hostile] if isinstance(hostile, SourceFile) else [])
        out = tmp_path / "out"
        result = mine(inputs, Settings(out_dir=out, progress=False, limits=limits))
        tables = [pd.read_parquet(out / f"{t}.parquet") for t in ("failures", "documents", "findings")]
        return (str(hostile.path if isinstance(hostile, SourceFile) else hostile), result, *tables)

    return run


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.name for h in HOSTILE])
def test_hostile_file_is_one_failure_row_and_the_real_report_is_mined(mine_beside_real, hostile):
    source, result, failures, documents, findings = mine_beside_real(hostile.make, hostile.limits)
    assert failures[["source", "stage", "error_kind"]].values.tolist() == [[source, hostile.stage, hostile.kind]]
    assert failures["message"].str.contains(hostile.message).all(), failures["message"][0]
    assert result.n_failed == 1
    real = documents[documents["sources"].map(lambda s: s[0].endswith(REAL.name))]
    assert len(real) == 1 and len(documents) == 1
    assert (findings["doc_id"] == real["doc_id"].iloc[0]).sum() > 20


def test_mixed_encodings_page_is_mined_and_says_mojibake(mine_beside_real):
    source, result, failures, documents, _ = mine_beside_real(mixed_encodings_page)
    assert failures.empty and result.n_failed == 0
    page = documents[documents["sources"].map(lambda s: list(s) == [source])].iloc[0]
    assert "mojibake" in list(page["cleaning"])
    assert len(documents) == 2
    text = pd.read_parquet(result.out_dir / "texts.parquet").set_index("doc_id").loc[page["doc_id"], "text"]
    assert UTF8_LINE in text and GBK_LINE in text


def test_oversized_file_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    """The 200 MB page costs a stat(), not a read: the limit fires before any byte is read."""
    path = huge_sparse_html(tmp_path)
    opened = []
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self))
    with pytest.raises(Exception, match="max_file_bytes"):
        read_file(path, Limits())
    assert opened == []
