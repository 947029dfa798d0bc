"""A crawl of a copy of the fixture site whose article also links a .doc and an .xlsx
attachment: both are fetched and mined into documents (issue 15), not failed."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.settings import Settings
from tests.pipeline.crawl.conftest import FIXTURE_SITE, _serve
from tests.tools import needs_soffice

pytestmark = pytest.mark.slow

FORMATS = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
ARTICLE = "art/2023/5/11/art_1_101.html"
DOCX_TWIN = "attach/2022nian_dianxinganli.docx"  # the seed DOCX the .doc was saved from
ATTACHMENTS = {"attach/report_2021.doc": "000_beijing_follow_up.doc", "attach/funding_2023.xlsx": "funding.xlsx"}


@pytest.fixture
def site_with_office_attachments(tmp_path):
    """The fixture site copied to tmp, the article linking the two extra attachments."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    for path, fixture in ATTACHMENTS.items():
        shutil.copy(FORMATS / fixture, root / path)
    article = root / ARTICLE
    links = b"".join(b'<a href="/%s">%s</a><br>' % (p.encode(), p.split("/")[1].encode()) for p in ATTACHMENTS)
    article.write_bytes(article.read_bytes().replace(b'<a href="/attach/', links + b'<a href="/attach/', 1))
    server, httpd = _serve(root)
    yield server
    httpd.shutdown()
    httpd.server_close()


@needs_soffice
def test_doc_and_xlsx_attachments_are_crawled_and_mined(site_with_office_attachments, prefect_harness, tmp_path,
                                                        site_config):
    from pipeline.flows.crawl import crawl_flow

    server = site_with_office_attachments
    settings = Settings(out_dir=tmp_path / "out", progress=False)
    result = crawl_flow([site_config(tmp_path, server.base_url)], settings)
    urls = [server.base_url + path for path in ATTACHMENTS]
    assert set(urls) <= set(result.urls("fetched", "attachment"))
    assert set(urls) <= set(result.mined)
    con = duckdb.connect(str(settings.out_dir / "findings.duckdb"), read_only=True)
    try:
        documents = con.execute("SELECT format, sources FROM documents").fetchall()
        failed = con.execute("SELECT source FROM failures WHERE source IN ?", [urls]).fetchall()
    finally:
        con.close()
    assert failed == []
    assert ("xlsx", [urls[1]]) in documents
    # The .doc holds the report the site's DOCX attachment holds: one document, both sources.
    assert any(urls[0] in sources and server.base_url + DOCX_TWIN in sources for _, sources in documents)
