from pathlib import Path

import pytest

from extractors.models import Block
from pipeline.ingest import ingest
from pipeline.ingest.types import IngestedDoc
from pipeline.normalise import fold_fullwidth, normalise, strip_pinyin
from pipeline.settings import Limits

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"


def normalised(name):
    return normalise(ingest((DOCS / name).read_bytes(), name, Limits()))


def doc_of(*texts, title=""):
    return IngestedDoc(format="txt", blocks=[Block(t) for t in texts], title=title)


@pytest.fixture(scope="module")
def baoji():
    return normalised("002_baoji_news.html")


def test_traditional_page_becomes_simplified(baoji):
    assert "宝鸡市政府教育督导委员会办公室" in baoji.text
    assert baoji.script == "traditional"
    assert baoji.title == "宝鸡市政府教育督导办对县区教育督导体制机制改革任务落实情况进行督导调研"
    assert baoji.publisher == "宝鸡市教育局"
    assert {"tra2sim", "pinyin_annotations"} <= set(baoji.cleaning)


def test_pinyin_annotations_are_removed(baoji):
    assert "(yè)" not in baoji.text and "(dǎo)" not in baoji.text
    assert "累计检查学校100所,随机访谈干部群众和教师900余人" in baoji.text


@pytest.mark.parametrize("raw, clean", [
    ("首頁(yè)", "首頁"),
    ("督導（dǎo）辦", "督導辦"),
    ("附件(a)与表(2021)", "附件(a)与表(2021)"),  # no tone mark: not pinyin
    ("Word(yè)", "Word(yè)"),  # not after a Han character
])
def test_pinyin_pattern(raw, clean):
    assert strip_pinyin(raw) == clean


def test_page_markers_of_document_sharing_sites_are_removed_and_numbers_rejoined():
    doc = normalised("003_shuangjian_survey.txt")
    assert "1827人次" in doc.text
    assert "由会员分享" not in doc.text
    assert doc.text.startswith("关于全市义务教育双减工作情况的调研报告根据市人大常委会2023年工作要点")
    assert "全市义务教育\n" not in doc.text and "全市义务教育“双减”工作取得了明显成效" in doc.text
    assert doc.title == "关于全市义务教育双减工作情况的调研报告"
    assert {"boilerplate", "page_markers"} <= set(doc.cleaning)


def test_numbered_list_is_not_taken_for_page_markers():
    items = ["1、加强组织领导，明确工作责任。", "2、加大经费投入，改善办学条件。", "3、强化督导检查，严格问责。"]
    doc = normalise(doc_of("工作要求如下：", *items))
    assert doc.text.split("\n")[1:] == items
    assert "page_markers" not in doc.cleaning


def test_fullwidth_digits_and_letters_fold_but_chinese_punctuation_stays():
    assert fold_fullwidth("普惠率达到９６．５％，ＳＴＥＭ教育；“双减”：完成。") == "普惠率达到96.5%，STEM教育；“双减”：完成。"
    doc = normalise(doc_of("入园率１２０％。"))
    assert doc.text == "入园率120%。" and "fullwidth" in doc.cleaning


def test_simplified_text_is_left_alone():
    doc = normalised("004_jiangbei_self_assessment.html")
    assert doc.script == "simplified" and "tra2sim" not in doc.cleaning
    assert "语音播报" not in doc.text and "扫一扫" not in doc.text


@pytest.mark.parametrize("name", ["000_beijing_follow_up.html", "000_beijing_follow_up.docx",
                                  "001_weihai_evaluation.pdf", "003_shuangjian_survey.txt"])
def test_block_offsets_point_into_the_text(name):
    doc = normalised(name)
    assert all(doc.text[b.start:b.end] == b.text for b in doc.blocks)
    assert doc.text == "\n".join(b.text for b in doc.blocks)


def test_docx_table_figures_reach_the_text():
    doc = normalised("000_beijing_follow_up.docx")
    assert "延庆区\t93.3\t99" in doc.text


@pytest.mark.parametrize("name, title", [
    ("000_beijing_follow_up.html", "2021年对区级人民政府履行教育职责情况回访督导报告"),
    ("000_beijing_follow_up.docx", "2021年对区级人民政府履行教育职责情况回访督导报告"),
    ("001_weihai_evaluation.gbk.html", "关于印发《对区市政府、开发区管委2022年履行教育职责评价情况的报告》的通知"),
    ("001_weihai_evaluation.pdf", "对区市政府、开发区管委2022年履行教育职责评价情况的报告"),
    ("002_baoji_news.html", "宝鸡市政府教育督导办对县区教育督导体制机制改革任务落实情况进行督导调研"),
    ("003_shuangjian_survey.txt", "关于全市义务教育双减工作情况的调研报告"),
    ("004_jiangbei_self_assessment.html", "重庆市江北区人民政府2021年以来履行教育职责情况自评报告"),
])
def test_titles(name, title):
    assert normalised(name).title == title


def test_links_to_the_previous_and_next_items_are_dropped_whatever_the_format():
    # a saved page's text keeps the site's 上一条/下一篇 links, whose titles name other places
    doc = normalise(doc_of("某县教育局开展秋季开学检查，发现问题12处。",
                           "上一条:甲旗教育局召开安全工作会议", "下一篇： 乙区举行教师演讲比赛",
                           "上一條：丙縣舉行運動會", "上一条工作已经完成，下一篇报告将于月底发布。"))
    assert doc.text.split("\n") == ["某县教育局开展秋季开学检查，发现问题12处。", "上一条工作已经完成，下一篇报告将于月底发布。"]
    assert "navigation" in doc.cleaning


def as_cp1252_mojibake(text: str, lose_undefined: bool = False) -> str:
    """`text`'s UTF-8 bytes read as Windows-1252, as a mis-declared page shows them; with
    `lose_undefined` the bytes Windows-1252 leaves undefined are dropped, as some mirrors do."""
    import ftfy.bad_codecs  # noqa: F401  registers the codec mis-declared pages are read with

    data = text.encode("utf-8")
    if lose_undefined:
        data = bytes(b for b in data if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    return data.decode("sloppy-windows-1252")


def test_utf8_read_as_windows_1252_is_repaired():
    sentence = "督导组抽查了钟楼区、新北区的幼儿园,发现部分幼儿园班额偏大。"
    doc = normalise(doc_of(as_cp1252_mojibake(sentence), "2023年度报告(第3号)"))
    assert doc.text.split("\n") == [sentence, "2023年度报告(第3号)"]
    assert "mojibake_utf8" in doc.cleaning


def test_a_character_that_lost_a_byte_becomes_a_replacement_character():
    # 、 is E3 80 81: its last byte is one Windows-1252 leaves undefined
    doc = normalise(doc_of(as_cp1252_mojibake("检查了钟楼、新北两区的学校。", lose_undefined=True)))
    assert doc.text == "检查了钟楼\ufffd新北两区的学校。"


@pytest.mark.parametrize("clean", [
    "督导组指出,该区“天山英才”计划落实不够,学位缺口达1200个。",
    "Crème brûlée, façade, naïve: déjà vu à Zürich — “quoted” and €5.",
    "Ã la carte",  # one pair that looks broken is not a broken page
])
def test_clean_text_passes_through_unchanged(clean):
    doc = normalise(doc_of(clean))
    assert doc.text == clean and "mojibake_utf8" not in doc.cleaning
