"""Archive paths come from content hashes and a whitelist, never from URLs."""
from __future__ import annotations

import hashlib

import pytest

from pipeline.crawl.archive import Archive, extension_for


@pytest.mark.parametrize("url, content_type, link_text, ext", [
    ("http://x.cn/attach/2022pingjia_baogao.pdf", None, "", ".pdf"),
    ("http://x.cn/attach/REPORT.DOCX", None, "", ".docx"),
    ("http://x.cn/art/2022/1/18/art_1_103.shtml", None, "", ".html"),
    ("http://x.cn/module/download/downfile.jsp?id=7", None, "评价报告.pdf", ".pdf"),
    ("http://x.cn/module/download/downfile.jsp?id=7", "application/pdf", "下载", ".pdf"),
    ("http://x.cn/../../etc/passwd", None, "", ".bin"),
    ("http://x.cn/a.php%2F..%2F..%2Fx.sh", "text/x-sh", "", ".bin"),
])
def test_extension_is_whitelisted(url, content_type, link_text, ext):
    assert extension_for(url, content_type, link_text) == ext


def test_put_names_the_file_by_sha256_and_is_idempotent(tmp_path):
    archive = Archive(tmp_path)
    data = b"%PDF-1.3 report"
    sha, path = archive.put(data, ".pdf")
    assert sha == hashlib.sha256(data).hexdigest()
    assert path == tmp_path / sha[:2] / f"{sha}.pdf"
    assert archive.put(data, ".pdf") == (sha, path)
    assert archive.read(sha, ".pdf") == data
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{sha}.pdf"]


def test_extension_outside_the_whitelist_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not whitelisted"):
        Archive(tmp_path).put(b"x", "/../../x.sh")
