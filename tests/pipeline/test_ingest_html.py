import re
from datetime import date
from pathlib import Path

import lxml.html
import pytest

from pipeline.errors import LimitExceeded, NoText, UnknownFormat
from pipeline.ingest import ingest, read_file
from pipeline.ingest.html import meta_charset
from pipeline.ingest.text import decode
from pipeline.settings import Limits

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"
PAGES = ["000_beijing_follow_up.html", "001_weihai_evaluation.gbk.html", "002_baoji_news.html",
         "004_jiangbei_self_assessment.html"]
FURNITURE = ["语音播报", "语音合成中", "扫一扫", "原文链接", "转载", "分享到", "打印本页", "关闭窗口", "浏览次数",
             "字号", "索引号", "发布机构", "相关文章", "热点专题", "主办单位", "网站标识码", "您的当前位置", "评论0",
             "显示验证码", "相关报道", "附件：", "无障碍浏览"]


def ingest_page(name, data=None):
    return ingest(data if data is not None else (DOCS / name).read_bytes(), name, Limits())


def body(doc):
    return "\n".join(b.text for b in doc.blocks)


@pytest.mark.parametrize("name", PAGES)
def test_every_article_paragraph_survives(name):
    data = (DOCS / name).read_bytes()
    root = lxml.html.document_fromstring(decode(data, meta_charset(data))[0])
    paragraphs = [re.sub(r"\s+", " ", p.text_content()).strip() for p in root.xpath('//div[@id="zoom"]/p')]
    text = body(ingest_page(name))
    assert paragraphs and [p for p in paragraphs if p not in text] == []


@pytest.mark.parametrize("name", PAGES)
def test_no_page_furniture_reaches_the_text(name):
    text = body(ingest_page(name))
    assert [cue for cue in FURNITURE if cue in text] == []


@pytest.mark.parametrize("name, title, publisher, published", [
    ("000_beijing_follow_up.html", "2021年对区级人民政府履行教育职责情况回访督导报告", None, date(2022, 1, 18)),
    ("001_weihai_evaluation.gbk.html", "关于印发《对区市政府、开发区管委2022年履行教育职责评价情况的报告》的通知",
     "威海市教育局", date(2023, 5, 11)),
    ("002_baoji_news.html", "寶雞市政府教育督導(dǎo)辦對(duì)縣區(qū)教育督導(dǎo)體制機(jī)制改革任務(wù)落實(shí)情況進(jìn)行督導(dǎo)調(diào)研",
     "寶雞市教育局", date(2021, 12, 20)),
    ("004_jiangbei_self_assessment.html", "重庆市江北区人民政府2021年以来履行教育职责情况自评报告", "江北区教委",
     date(2022, 12, 13)),
    ("not_really_docx.docx", "通知", None, date(2022, 1, 1)),
])
def test_page_metadata(name, title, publisher, published):
    doc = ingest_page(name)
    assert doc.format == "html"
    assert (doc.title, doc.publisher, doc.publish_date) == (title, publisher, published)


def test_gbk_page_decodes():
    text = body(ingest_page("001_weihai_evaluation.gbk.html"))
    assert "各区市坚持以习近平新时代中国特色社会主义思想为指导" in text
    assert "\ufffd" not in text


def test_xxgk_metadata_table_is_metadata_not_body():
    doc = ingest_page("004_jiangbei_self_assessment.html")
    assert "metadata_table" in doc.cleaning
    assert doc.blocks[0].text.startswith("江北区坚决贯彻落实习近平总书记关于教育的重要论述")
    assert not any(b.kind == "table_row" for b in doc.blocks)


def test_numbered_lines_become_headings():
    doc = ingest_page("000_beijing_follow_up.html")
    headings = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert headings["一、督导组织实施情况"] == 1
    assert headings["(一)研制工作方案,确定督导重点"] == 2
    assert headings["1.政府重视,整改成效明显"] == 3


PAGE = """<html><head><meta charset="{charset}"><title>某县2023年教育督导报告_某县人民政府</title></head><body>
<div class="header"><h1>某县人民政府</h1></div><div class="nav">首页 | 政务公开</div>
<div class="wrap"><h3>一、基本情况</h3><p><strong>（一）学前教育</strong></p>
<p>全县学前三年毛入园率达到９６．５％，较上年提高2个百分点。</p>
<p>普惠性幼儿园覆盖率达到88%。<br>公办园在园幼儿占比达到55%。</p>
<table><tr><td>指标</td><td>数值</td></tr><tr><td>巩固率</td><td>99.8%</td></tr></table>
<p>来源：某县教育局</p><p>扫一扫在手机打开当前页</p></div>
<div class="footer">主办单位：某县人民政府</div></body></html>"""


def test_page_without_known_container_uses_the_densest_block():
    doc = ingest_page("x.html", PAGE.format(charset="utf-8").encode())
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        ("heading", 3, "一、基本情况"),
        ("heading", 2, "（一）学前教育"),
        ("paragraph", 0, "全县学前三年毛入园率达到９６．５％，较上年提高2个百分点。"),
        ("paragraph", 0, "普惠性幼儿园覆盖率达到88%。"),
        ("paragraph", 0, "公办园在园幼儿占比达到55%。"),
        ("table_row", 0, "指标\t数值"),
        ("table_row", 0, "巩固率\t99.8%"),
    ]
    assert doc.tables == [[["指标", "数值"], ["巩固率", "99.8%"]]]
    assert doc.title == "某县2023年教育督导报告"
    assert doc.publisher == "某县教育局"


def test_metadata_from_the_info_line_when_meta_tags_are_missing():
    data = (DOCS / "004_jiangbei_self_assessment.html").read_bytes()
    data = data.replace(b'<meta name="PubDate" content="2022-12-13">', b"").replace(
        b'<meta name="ContentSource" content="\xe6\xb1\x9f\xe5\x8c\x97\xe5\x8c\xba\xe6\x95\x99\xe5\xa7\x94">', b"")
    assert b"PubDate" not in data and b"ContentSource" not in data
    page = PAGE.format(charset="utf-8").replace(
        '<div class="wrap">', '<div class="info">发布时间：2023-03-02 09:30　信息来源：某县教育局　点击：88</div><div class="wrap">')
    assert [(d.publisher, d.publish_date) for d in (ingest_page("004", data), ingest_page("x", page.encode()))] == [
        ("江北区教委", date(2022, 12, 13)), ("某县教育局", date(2023, 3, 2))]


def test_charset_from_meta_and_from_http_header():
    gbk = PAGE.format(charset="gb2312").encode("gb18030")
    assert "普惠性幼儿园" in body(ingest_page("x.html", gbk))
    undeclared = PAGE.replace('<meta charset="{charset}">', "").encode("gb18030")
    assert "普惠性幼儿园" in body(ingest(undeclared, "x.html", Limits(), "text/html; charset=GBK"))


def test_mixed_encodings_in_one_page_are_recorded_not_fatal():
    data = PAGE.format(charset="utf-8").encode().replace(
        "公办园在园幼儿占比".encode(), "公办园在园幼儿占比".encode("gbk") + b"\xff")
    doc = ingest_page("x.html", data)
    assert "mojibake" in doc.cleaning
    assert "普惠性幼儿园覆盖率达到88%。" in body(doc)


def test_binary_junk_named_html_is_unknown_format():
    junk = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    with pytest.raises(UnknownFormat):
        ingest_page("photo.html", junk)


def test_page_with_no_text_is_no_text():
    with pytest.raises(NoText):
        ingest_page("x.html", b"<html><head><title>x</title></head><body><div class='nav'></div></body></html>")


def test_title_is_the_article_heading_not_the_site_name():
    page = ("<html><head><title>市政府教育督导室对高新区开展春季开学专项督导_成都市教育局</title></head><body>"
            "<div class='header'><img alt='成都市教育局'></div>"
            "<div class='content-box'><h1>市政府教育督导室对高新区开展春季开学专项督导</h1>"
            "<div class='info'>时间：2024-03-05 来源：成都市教育局</div>"
            "<div class='TRS_Editor'><p>3月1日至3日，市政府教育督导室组织责任督学对成都高新区春季开学工作开展专项督导。</p>"
            "</div></div></body></html>").encode("utf-8")
    doc = ingest(page, "news.html", Limits())
    assert doc.title == "市政府教育督导室对高新区开展春季开学专项督导"
    assert doc.publish_date == date(2024, 3, 5)
    assert doc.publisher == "成都市教育局"


ARTICLE = "<p>全县义务教育巩固率达到99.2%，但部分学校大班额问题仍然突出。</p>"
HEAD = "<html><head><meta charset='utf-8'><title>督导报告</title></head><body>"


def page_file(folder: Path, name: str, body: str) -> bytes:
    """A hostile page written to and read back from a temporary file, as mine reads it."""
    path = folder / name
    path.write_text(HEAD + body + "</body></html>", encoding="utf-8")
    return read_file(path, Limits())


def test_page_of_tiny_tags_over_the_tag_limit_is_refused_before_parsing(tmp_path):
    data = page_file(tmp_path, "tiny.html", ARTICLE + "<p>" + "<i>x</i>" * (5 * 1024 * 1024) + "</p>")
    assert len(data) > 40 * 1024 * 1024
    with pytest.raises(LimitExceeded, match=r"more than 200,000 tags, over the limit \(max_html_tags\)"):
        ingest(data, "tiny.html", Limits())


def test_tag_limit_is_a_setting(tmp_path):
    data = page_file(tmp_path, "table.html", ARTICLE + "<table>" + "<tr><td>1</td></tr>" * 600 + "</table>")
    assert "巩固率达到99.2%" in body(ingest(data, "table.html", Limits()))
    with pytest.raises(LimitExceeded, match="more than 1,000 tags"):
        ingest(data, "table.html", Limits(max_html_tags=1_000))


@pytest.mark.parametrize("depth", [1_000, 200_000])
def test_page_nested_deeper_than_the_parser_allows_is_refused_not_truncated(tmp_path, depth):
    """libxml2 stops at depth 256 and drops the rest of the page: a refusal naming the
    depth, not an article missing its text."""
    data = page_file(tmp_path, "deep.html", "<div>" * depth + ARTICLE + "</div>" * depth)
    with pytest.raises(LimitExceeded, match=r"nests elements more than 256 deep, the parser.s limit"):
        ingest(data, "deep.html", Limits(max_html_tags=depth + 10))


def test_page_nested_within_the_depth_limit_keeps_its_text_and_headings(tmp_path):
    data = page_file(tmp_path, "nested.html", "<div><span>" * 120 + "<h2>一、基本情况</h2>" + ARTICLE
                     + "</span></div>" * 120)
    doc = ingest(data, "nested.html", Limits())
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "一、基本情况"), ("paragraph", "全县义务教育巩固率达到99.2%，但部分学校大班额问题仍然突出。")]
