from pathlib import Path

import pytest

from pipeline.errors import CorruptFile, EncryptedFile, LimitExceeded
from pipeline.ingest import ingest
from pipeline.ingest.pdf import body_lines, join_lines
from pipeline.settings import Limits

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"
PDF = DOCS / "001_weihai_evaluation.pdf"


def build_pdf(objects: list[str], trailer_extra: str = "") -> bytes:
    """A minimal PDF from object bodies (1 0 obj is the catalog)."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


PAGE_OBJECTS = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]


@pytest.fixture(scope="module")
def weihai():
    return ingest(PDF.read_bytes(), PDF.name, Limits())


def text_of(doc):
    return "\n".join(b.text for b in doc.blocks)


@pytest.mark.parametrize("expected", [
    "各区市坚持以习近平新时代中国特色社会主义思想为指导",  # wrapped after 习 in the PDF
    "全市学科类机构压减率达97.89%",
    "组建622人构成的市县两级督学队伍",  # a number split 6|22 at a line end
    "基于课程标准的教-学-评一致性”项目",  # a hyphen that ended a line
    "投入使用幼儿园12所,中小学7所",  # a sentence running over a page break
])
def test_lines_join_without_breaking_words_or_numbers(weihai, expected):
    assert expected in text_of(weihai)


def test_running_headers_and_page_numbers_are_removed(weihai):
    text = text_of(weihai)
    assert "— 2 —" not in text and "— 1 —" not in text
    assert "威海市人民政府教育督导委员会办公室\n" not in text
    assert "page_headers" in weihai.cleaning


def test_title_and_paragraphs(weihai):
    assert weihai.title == "对区市政府、开发区管委2022年履行教育职责评价情况的报告"
    assert weihai.blocks[1].text.startswith("根据威海市人民政府办公室")
    assert weihai.blocks[1].text.endswith("汇总形成评价报告如下:")
    assert ("heading", 1, "一、主要成绩和成效") in [(b.kind, b.level, b.text) for b in weihai.blocks]


def test_truncated_pdf_is_corrupt():
    path = DOCS / "truncated.pdf"
    with pytest.raises(CorruptFile, match="PDF is truncated or damaged"):
        ingest(path.read_bytes(), path.name, Limits())


def test_encrypted_pdf():
    security = "<< /Filter /Standard /V 1 /R 2 /O <" + "11" * 32 + "> /U <" + "22" * 32 + "> /P -4 >>"
    data = build_pdf(PAGE_OBJECTS + [security], "/Encrypt 4 0 R /ID [<" + "33" * 16 + "> <" + "33" * 16 + ">] ")
    with pytest.raises(EncryptedFile, match="password-protected"):
        ingest(data, "locked.pdf", Limits())


def test_page_limit():
    with pytest.raises(LimitExceeded, match="11 pages, over the limit of 5 .max_pdf_pages"):
        ingest(PDF.read_bytes(), PDF.name, Limits(max_pdf_pages=5))


def test_time_limit():
    with pytest.raises(LimitExceeded, match="max_pdf_seconds"):
        ingest(PDF.read_bytes(), PDF.name, Limits(max_pdf_seconds=0))


def test_repeated_edge_lines_and_page_numbers_go_but_body_lines_stay():
    bodies = [["春季开学检查", "校舍安全排查", "食堂卫生抽检"], ["教师培训情况", "课后服务开展", "作业管理落实"],
              ["经费保障到位", "学位供给充足", "督导问责有力"], ["下一步打算", "整改时限明确", "责任分工清楚"]]
    pages = [["某某大学教务处文件", f"- {n} -", *body, f"第{n}页共4页"] for n, body in enumerate(bodies, 1)]
    pages[2].insert(3, "某某大学教务处文件")  # the same words inside the body (not at an edge) stay
    lines, removed = body_lines(pages)
    assert removed
    assert lines == [*bodies[0], *bodies[1], "经费保障到位", "某某大学教务处文件", "学位供给充足", "督导问责有力",
                     *bodies[3]]


@pytest.mark.parametrize("lines, paragraphs", [
    (["\u3000\u3000全市共有学校", "128所。", "\u3000\u3000第二段开始"], ["全市共有学校128所。", "第二段开始"]),
    (["English words split across", "two lines stay apart"], ["English words split across two lines stay apart"]),
    (["一、基本情况", "\u3000\u3000全市学校数", "达到1", "28所。"], ["一、基本情况", "全市学校数达到128所。"]),
])
def test_join_lines(lines, paragraphs):
    assert join_lines(lines) == paragraphs
