import codecs
from pathlib import Path

import pytest

from pipeline.errors import EmptyFile, LimitExceeded, UndecodableText, UnreadablePath
from pipeline.ingest import ingest, read_file
from pipeline.ingest.text import bomless_utf16, canonical_encoding, decode, decode_mixed
from pipeline.settings import Limits

DOCS = Path(__file__).resolve().parents[2] / "corpus" / "docs"
SENTENCE = "全市学科类机构压减率达97.89%，镕、堃、喆等字也要读对。"


@pytest.mark.parametrize("declared, expected", [
    ("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("utf8", "utf-8"), ("bogus-charset", None),
])
def test_declared_charsets_map_to_codecs(declared, expected):
    assert canonical_encoding(declared) == expected


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
    codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"),
    SENTENCE.encode("utf-8"),
    SENTENCE.encode("gb18030"),
])
def test_decode_finds_the_encoding(data):
    assert decode(data) == (SENTENCE, [])


def test_gb2312_declared_page_with_characters_outside_gb2312_decodes():
    # 堃 and 喆 are not in GB2312; real pages that declare gb2312 still contain them.
    assert decode(SENTENCE.encode("gb18030"), "gb2312")[0] == SENTENCE


def test_big5_is_detected():
    text = "寶雞市政府教育督導委員會辦公室抽調省督學、市督學等相關專家，組建督導檢查組。" * 3
    assert decode(text.encode("big5"))[0] == text


def test_mixed_encodings_decode_line_by_line_and_say_mojibake():
    data = "第一行是UTF-8编码。".encode() + b"\n" + "第二行是GBK编码。".encode("gbk") + b"\n\xff\xfe\xfd\x80"
    text, cleaning = decode(data, "utf-8")
    assert text.splitlines()[:2] == ["第一行是UTF-8编码。", "第二行是GBK编码。"]
    assert "\ufffd" in text and cleaning == ["mojibake"]


def test_mostly_invalid_bytes_are_undecodable():
    with pytest.raises(UndecodableText, match="do not decode"):
        decode_mixed(b"\x80" * 500, None)


def test_txt_is_kept_line_by_line():
    doc = ingest((DOCS / "003_shuangjian_survey.txt").read_bytes(), "003", Limits())
    assert doc.format == "txt"
    assert doc.blocks[0].text.startswith("《关于全市义务教育双减工作情况的调研报告.docx》由会员分享")
    assert doc.blocks[1].text.startswith("1、关于全市义务教育双减工作情况的调研报告")
    assert doc.blocks[-1].text.endswith("加大监管力度;要加强预")


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile, match="empty"):
        read_file(path, Limits())
    with pytest.raises(EmptyFile):
        ingest(b"", "empty.html", Limits())


def test_directory_is_refused(tmp_path):
    with pytest.raises(UnreadablePath, match="is a directory"):
        read_file(tmp_path, Limits())


def test_broken_symlink_is_refused(tmp_path):
    link = tmp_path / "gone.pdf"
    link.symlink_to(tmp_path / "missing.pdf")
    with pytest.raises(UnreadablePath, match="broken symbolic link"):
        read_file(link, Limits())


def test_oversized_file_names_the_limit(tmp_path):
    path = tmp_path / "big.html"
    path.write_bytes(b"<html><body><p>" + "很长的页面".encode() * 5000 + b"</p></body></html>")
    with pytest.raises(LimitExceeded, match="max_file_bytes"):
        read_file(path, Limits(max_file_bytes=10_000))
    with pytest.raises(LimitExceeded, match="max_file_bytes"):
        ingest(path.read_bytes(), str(path), Limits(max_file_bytes=10_000))


def test_character_limit_names_the_limit():
    with pytest.raises(LimitExceeded, match="max_chars"):
        ingest((DOCS / "003_shuangjian_survey.txt").read_bytes(), "003", Limits(max_chars=1000))


def test_error_carries_its_source():
    with pytest.raises(EmptyFile) as caught:
        ingest(b"", "corpus/docs/empty.txt", Limits())
    assert caught.value.source == "corpus/docs/empty.txt"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded(encoding):
    text = "<p>2023年，全市义务教育巩固率达到99.6%，一般公共预算教育经费12.4亿元。</p>"
    assert decode(text.encode(encoding)) == (text, [])


def test_binary_with_every_other_byte_zero_is_not_utf16():
    assert bomless_utf16(bytes([1, 0, 2, 0, 3, 0, 4, 0]) * 8) is None
