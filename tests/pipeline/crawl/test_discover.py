"""Links in the fixture site's list and article pages."""
from __future__ import annotations

import pytest

from pipeline.crawl.discover import decode_html, next_numbered_page, read_article, read_list_page
from pipeline.crawl.sites import load_site
from tests.conftest import SHARED

SITE_DIR = SHARED / "fixtures" / "site"
BASE = "http://127.0.0.1:9/"


@pytest.fixture
def site(tmp_path, site_config):
    return load_site(site_config(tmp_path, BASE))


def _page(path: str) -> bytes:
    return (SITE_DIR / path).read_bytes()


def test_hanweb_datastore_records_and_nextgroup(site):
    page = read_list_page(_page("col/jydd/index.html"), BASE + "col/jydd/index.html", site)
    assert [a.url.removeprefix(BASE) for a in page.articles] == [
        "art/2023/5/11/art_1_101.html", "art/2022/12/13/art_1_102.html",
        "art/2022/1/18/art_1_103.html", "art/2022/1/10/art_1_104.html"]
    # the record's title attribute, not the truncated link text
    assert page.articles[0].title == "关于印发《对区市政府、开发区管委2022年履行教育职责评价情况的报告》的通知"
    assert page.list_pages == [BASE + "col/jydd/index_1.html"]


def test_plain_list_page_skips_the_sidebar(site):
    page = read_list_page(_page("col/jydd/index_1.html"), BASE + "col/jydd/index_1.html", site)
    assert [a.url.removeprefix(BASE) for a in page.articles] == [
        "art/2022/1/19/art_1_105.html", "private/art_1_106.html"]


def test_without_a_list_selector_the_sidebar_links_come_in(tmp_path, site_config):
    site = load_site(site_config(tmp_path, BASE, list_selector=None))
    page = read_list_page(_page("col/jydd/index_1.html"), BASE + "col/jydd/index_1.html", site)
    assert BASE + "art/2020/3/1/art_9_3.html" in [a.url for a in page.articles]


@pytest.mark.parametrize("url, template, expected", [
    ("http://x.cn/col/jydd/index.html", "index_{n}.html", "http://x.cn/col/jydd/index_1.html"),
    ("http://x.cn/col/jydd/index_1.html", "index_{n}.html", "http://x.cn/col/jydd/index_2.html"),
    ("http://x.cn/jydd/ddbg/index_9.shtml", "index_{n}.shtml", "http://x.cn/jydd/ddbg/index_10.shtml"),
    ("http://x.cn/jydd/ddbg/", "index_{n}.html", "http://x.cn/jydd/ddbg/index_1.html"),
])
def test_next_numbered_page(url, template, expected):
    assert next_numbered_page(url, template) == expected


def test_gb2312_article_title_and_attachments(site):
    page = read_article(_page("art/2023/5/11/art_1_101.html"), BASE + "art/2023/5/11/art_1_101.html", site)
    assert page.title == "关于印发《对区市政府、开发区管委2022年履行教育职责评价情况的报告》的通知"
    assert [(a.url.removeprefix(BASE), a.title) for a in page.attachments] == [
        ("attach/2022nian_dianxinganli.docx", "2022年各区市政府（管委）履行教育职责典型工作案例.docx"),
        ("attach/2022pingjia_baogao.pdf", "评价报告（盖章版）.pdf"),
    ]


def test_article_text_is_the_main_content_only(site):
    page = read_article(_page("art/2022/1/10/art_1_104.html"), BASE + "art/2022/1/10/art_1_104.html", site)
    assert page.text == "寒假将至，请各位家长注意孩子的出行安全、用火用电安全和防溺水安全。"
    assert page.attachments == []


def test_attachment_behind_a_download_script_is_known_by_its_link_text(site):
    html = '<html><body><a href="/module/download/downfile.jsp?id=7">2023年督导报告.pdf</a></body></html>'
    page = read_article(html.encode(), BASE + "art/1.html", site)
    assert [a.url for a in page.attachments] == [BASE + "module/download/downfile.jsp?id=7"]


@pytest.mark.parametrize("data, text", [
    ('<meta charset="gb2312"><p>督导報告</p>'.encode("gb18030"), "督导報告"),  # GBK char under a gb2312 label
    ("<p>履行教育职责</p>".encode("utf-8"), "履行教育职责"),
])
def test_decode_html(data, text):
    assert text in decode_html(data)
