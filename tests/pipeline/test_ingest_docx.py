import zipfile

import pytest

from pipeline.errors import CorruptFile, LimitExceeded, UnsafeContent
from pipeline.ingest import ingest
from pipeline.settings import Limits
from tests.docx_parts import DOCX, docx_with





def test_paragraphs_headings_and_title():
    doc = ingest(DOCX.read_bytes(), DOCX.name, Limits())
    assert doc.format == "docx"
    assert doc.title == "2021年对区级人民政府履行教育职责情况回访督导报告"
    headings = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert headings["一、督导组织实施情况"] == 1
    assert headings["(一)研制工作方案,确定督导重点"] == 2
    assert doc.blocks[1].text.startswith("按照市委教育工委、市教委2021年工作要点安排")


def test_tables_are_grids_and_their_rows_reach_the_text():
    doc = ingest(DOCX.read_bytes(), DOCX.name, Limits())
    assert doc.tables[0][:2] == [["区", "学前教育入园率", "学前教育普惠率"], ["延庆区", "93.3", "99"]]
    rows = [b.text for b in doc.blocks if b.kind == "table_row"]
    assert "延庆区\t93.3\t99" in rows
    # the table sits where it stood in the document, not at the end
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index("table_row") < len(kinds) - len(rows)


def test_zip_bomb_member_is_refused_by_ratio():
    bomb = docx_with(extra={"word/media/bomb.bin": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 200_000
    with pytest.raises(LimitExceeded, match="max_zip_ratio"):
        ingest(bomb, "bomb.docx", Limits())


def test_unpacked_size_limit():
    with pytest.raises(LimitExceeded, match="max_zip_uncompressed_bytes"):
        ingest(DOCX.read_bytes(), DOCX.name, Limits(max_zip_uncompressed_bytes=10_000))


def test_member_count_limit():
    many = docx_with(extra={f"customXml/item{i}.bin": b"x" for i in range(60)})
    with pytest.raises(LimitExceeded, match="max_zip_members"):
        ingest(many, "many.docx", Limits(max_zip_members=50))


def test_xml_declaring_entities_is_unsafe():
    with zipfile.ZipFile(DOCX) as source:
        xml = source.read("word/document.xml")
    header, _, rest = xml.partition(b"?>")
    evil = header + b'?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>' + rest
    with pytest.raises(UnsafeContent, match="entities"):
        ingest(docx_with(replace={"word/document.xml": evil}), "evil.docx", Limits())


def test_damaged_document_xml_is_corrupt():
    broken = docx_with(replace={"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(CorruptFile, match="DOCX is damaged"):
        ingest(broken, "broken.docx", Limits())
