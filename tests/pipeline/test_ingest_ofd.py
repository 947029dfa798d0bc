"""OFD: text objects in reading order from their positions, then the PDF line stages;
the zip limits and the refusal of DTDs/entities are DOCX's."""
import io
import zipfile

import pytest

from pipeline.errors import CorruptFile, LimitExceeded, UnsafeContent
from pipeline.ingest import ingest
from pipeline.settings import Limits
from tests.ofd_parts import ofd_package

TITLE = "岐山县人民政府2023年履行教育职责情况自评报告"
PAGES = [
    [(False, TITLE), (True, "一、教育投入"),
     (True, "2023年，全县一般公共预算教育经费4.36亿"), (False, "元，较上年增长6.8%，生均公用经费小学达到"),
     (False, "720元。"), (True, "二、存在问题")],
    [(True, "部分学校大班额问题仍然存在，占比为3.5%。")],
]


def test_text_objects_are_read_in_position_order_and_wrapped_lines_joined():
    doc = ingest(ofd_package(TITLE, PAGES), "report.ofd", Limits())
    assert doc.format == "ofd" and doc.title == TITLE
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", TITLE),
        ("heading", "一、教育投入"),
        ("paragraph", "2023年，全县一般公共预算教育经费4.36亿元，较上年增长6.8%，生均公用经费小学达到720元。"),
        ("heading", "二、存在问题"),
        ("paragraph", "部分学校大班额问题仍然存在，占比为3.5%。"),
    ]


def test_ofd_with_xml_entities_is_refused():
    bomb = '<!DOCTYPE ofd:Page [<!ENTITY a "督导督导督导督导"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with pytest.raises(UnsafeContent, match="Content.xml declares a DTD or XML entities"):
        ingest(ofd_package(TITLE, PAGES, content_prologue=bomb), "bomb.ofd", Limits())


def test_ofd_over_the_page_limit_is_refused():
    with pytest.raises(LimitExceeded, match=r"OFD has 3 pages, over the limit of 2"):
        ingest(ofd_package(TITLE, PAGES + PAGES[1:]), "long.ofd", Limits(max_pdf_pages=2))


def test_ofd_whose_page_part_is_missing_is_corrupt():
    source, out = zipfile.ZipFile(io.BytesIO(ofd_package(TITLE, PAGES))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name != "Doc_0/Pages/Page_1/Content.xml":
                target.writestr(name, source.read(name))
    with pytest.raises(CorruptFile, match="Page_1/Content.xml is missing"):
        ingest(out.getvalue(), "broken.ofd", Limits())
