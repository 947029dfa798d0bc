"""Spreadsheets: every sheet as table rows, so each figure takes its row's place and
its column's metric; the unit a header names reaches the figures; bombs are refused."""
import io
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import ConversionFailed, LimitExceeded
from pipeline.ingest import ingest
from pipeline.ingest.spreadsheet import combine_header, sheet_to_blocks, spread_merges
from pipeline.process import SourceFile, process_source
from pipeline.settings import Limits, Settings

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
# funding.fods, saved by LibreOffice as .xlsx, .xls and .ods: a title row merged across the
# sheet, 生均公用经费（元） merged over 小学/初中, a 合计 row whose total is a formula.
FUNDING = {  # (place, metric_code) → (kind, value): a row's place, a column's indicator
    ("宝鸡市渭滨区", "per_pupil_public_primary"): ("money", 720),
    ("宝鸡市渭滨区", "per_pupil_public_junior"): ("money", 940),
    ("宝鸡市渭滨区", "total_edu_funding"): ("money", 352_105_000),
    ("宝鸡市渭滨区", "teacher_qualification"): ("percent", 99.2),
    ("宝鸡市金台区", "per_pupil_public_primary"): ("money", 715),
    ("宝鸡市金台区", "per_pupil_public_junior"): ("money", 935),
    ("宝鸡市金台区", "total_edu_funding"): ("money", 304_800_000),
    ("宝鸡市金台区", "teacher_qualification"): ("percent", 98.7),
    ("宝鸡市岐山县", "per_pupil_public_primary"): ("money", 705),
    ("宝鸡市岐山县", "per_pupil_public_junior"): ("money", 920),
    ("宝鸡市岐山县", "total_edu_funding"): ("money", 186_502_500),
    ("宝鸡市岐山县", "teacher_qualification"): ("percent", 97.9),
    ("宝鸡市", "total_edu_funding"): ("money", 843_407_500),  # the formula's cached value
}


@pytest.mark.parametrize("name", ["funding.xlsx", "funding.xls", "funding.ods"])  # ODS: merges not recorded
def test_funding_table_gives_one_finding_per_county_and_column(name):
    result = process_source(SourceFile(FORMATS / name, name), Settings())
    assert result.failure is None
    assert result.document["format"] == name.rsplit(".", 1)[1]
    assert result.document["title"] == "2023年宝鸡市各县区义务教育经费统计表"
    found = {(f["place"], f["metric_code"]): (f["kind"], f["value"]) for f in result.findings}
    assert found == FUNDING
    assert len(result.findings) == len(FUNDING)
    assert {f["year"] for f in result.findings} == {2023}


def test_header_unit_moves_onto_the_bare_numbers_of_its_column():
    grid = [["市县", "校舍改造资金(单位：亿元)", "巩固率（%）", "学校数"],
            ["临潼区", "1.5", "99.8", "42"]]
    blocks, rows = sheet_to_blocks(grid)
    assert [b.kind for b in blocks] == ["table_row", "table_row"]
    assert rows == [["市县", "校舍改造资金", "巩固率", "学校数"], ["临潼区", "1.5亿元", "99.8%", "42"]]


def test_a_group_header_spreads_over_its_columns_even_without_recorded_merges():
    header, units = combine_header([["区县", "课后服务经费（万元）", ""], ["", "小学", "初中"]])
    assert header == ["区县", "课后服务经费（小学）", "课后服务经费（初中）"]
    assert units == [None, "万元", "万元"]


def test_merged_cells_take_the_top_left_value():
    grid = [["学段", "", ""], ["", "", "x"]]
    assert spread_merges(grid, [((0, 0), (1, 1))]) == [["学段", "学段", ""], ["学段", "学段", "x"]]


def test_a_unit_row_above_the_table_is_the_unit_of_columns_naming_none():
    grid = [["单位：万元", ""], ["区县", "学校数（所）", "义务教育经费"], ["高陵区", "31", "52800"]]
    blocks, rows = sheet_to_blocks(grid)
    assert rows == [["区县", "学校数（所）", "义务教育经费"], ["高陵区", "31", "52800万元"]]


def test_title_rows_become_headings_and_rows_above_numbers_the_header():
    grid = [["2024年各县幼儿园普惠率", "2024年各县幼儿园普惠率"], ["单位：%", ""], ["县", "普惠率"], ["蓝田县", "91.5"]]
    blocks, rows = sheet_to_blocks(grid)
    assert [(b.kind, b.text) for b in blocks[:2]] == [("heading", "2024年各县幼儿园普惠率"), ("heading", "单位：%")]
    assert rows == [["县", "普惠率"], ["蓝田县", "91.5%"]]  # the unit row gives the percent sign


@pytest.mark.parametrize("name", ["bomb.xls", "bomb.ods"])
def test_sheet_whose_cells_span_too_far_is_refused_before_loading(name):
    # bomb.fods saved as .xls (5.6 KB) and .ods (7 KB): one cell at A1 and one at IV65536;
    # calamine would allocate 16.7 million cells (over 1 GB).
    with pytest.raises(LimitExceeded, match=r"65,536 rows x 256 columns.*max_sheet_cells"):
        ingest((FORMATS / name).read_bytes(), name, Limits())


def test_xlsx_whose_cells_span_too_far_is_refused_before_loading():
    source = zipfile.ZipFile(FORMATS / "funding.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            body = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
            target.writestr(name, body)
    with pytest.raises(LimitExceeded, match=r"1,048,576 rows x 16,384 columns"):
        ingest(out.getvalue(), "far.xlsx", Limits())


def test_workbook_that_makes_calamine_abort_costs_one_typed_error():
    # funding.xls with 4 bytes overwritten (found by fuzzing): calamine asks for ~500 GB
    # and aborts; it runs in a child process, so this process gets an error, not a crash.
    with pytest.raises(ConversionFailed, match=r"exit status -6\): memory allocation of \d+ bytes failed"):
        ingest((FORMATS / "alloc_abort.xls").read_bytes(), "alloc_abort.xls", Limits())
