"""Scanned PDFs: OCR'd with Tesseract (chi_sim) only when there is no text layer; the
figures on a scanned page are read with the values of the same report published as HTML."""
from pathlib import Path

import pytest

from pipeline.errors import LimitExceeded, NoTextLayer
from pipeline.ingest import ingest, pdf
from pipeline.ingest.ocr import ocr_lines
from pipeline.process import SourceFile, process_source
from pipeline.settings import Limits, Settings
from tests.conftest import CORPUS
from tests.pipeline.test_ingest_pdf import PAGE_OBJECTS, build_pdf
from tests.tools import needs_tesseract

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
TWIN = CORPUS / "004_jiangbei_self_assessment.html"
SCANS = [CORPUS / "004_jiangbei_self_assessment.scanned.pdf",  # the report's first page at 300 dpi
         FORMATS / "004_jiangbei_self_assessment.scan150_skewed.pdf"]  # the same at 150 dpi, turned 1.5°
PAGE_ENDS_AT = "位居全市前列"  # the last words on the scanned page


def mined(path: Path):
    result = process_source(SourceFile(path, path.name), Settings())
    assert result.failure is None, result.failure
    return result


@needs_tesseract
@pytest.mark.parametrize("scan", SCANS, ids=lambda p: p.name)
def test_scanned_page_gives_the_figures_title_and_region_of_its_html_twin(scan):
    twin, scanned = mined(TWIN), mined(scan)
    page_end = twin.text.index(PAGE_ENDS_AT)
    on_page = sorted((f["kind"], f["value"], f["unit"]) for f in twin.findings
                     if f["kind"] in ("percent", "money") and f["start"] < page_end)
    assert ("money", 1_567_000_000, "yuan") in on_page and ("percent", 2.52, "percentage_point") in on_page
    assert sorted((f["kind"], f["value"], f["unit"]) for f in scanned.findings
                  if f["kind"] in ("percent", "money")) == on_page
    assert scanned.document["title"] == twin.document["title"]
    assert scanned.document["region_code"] == twin.document["region_code"]
    assert "ocr" in scanned.document["cleaning"]


@needs_tesseract
def test_blank_scan_is_no_text_layer():
    with pytest.raises(NoTextLayer, match="OCR read no text"):
        ingest(build_pdf(PAGE_OBJECTS), "blank.pdf", Limits())


def test_pdf_with_a_text_layer_is_never_ocrd(monkeypatch):
    def refuse(*args):
        raise AssertionError("OCR ran on a PDF with a text layer")
    monkeypatch.setattr(pdf, "ocr_pages", refuse)
    doc = ingest((CORPUS / "001_weihai_evaluation.pdf").read_bytes(), "weihai.pdf", Limits())
    assert "ocr" not in doc.cleaning


def test_ocr_lines_drop_spaces_by_chinese_split_numbers_and_mark_paragraphs():
    text = "二 、 办 学 条 件\n\n全 区 共 有 中 小 学 4 6 所 ， 202 3年 投 入\n1.8 亿 元 , 占 比 3 5.5 %\n\n页 脚"
    assert ocr_lines(text) == ["\u3000\u3000二、办学条件", "\u3000\u3000全区共有中小学46所，2023年投入",
                               "1.8亿元,占比35.5%", "\u3000\u3000页脚"]


@needs_tesseract
def test_ocr_stops_at_its_time_limit():
    with pytest.raises(LimitExceeded, match=r"OCR of the scanned PDF took over 0 s by page 1 of 1 \(max_ocr_seconds\)"):
        ingest(SCANS[0].read_bytes(), SCANS[0].name, Limits(max_ocr_seconds=0))
