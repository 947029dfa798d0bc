"""Fuzzing (issue 9): any bytes through ingest give a document or a typed IngestError;
any Unicode text through normalise and every extractor (extractors.document.analyse)
gives findings whose offsets hold, never an exception.

Example counts: 3,000 byte strings through ingest and 3,300 texts through the
extractors, about a minute on one core."""
from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.document import analyse
from extractors.models import KINDS, SECTIONS, Block, DocContext
from pipeline.errors import IngestError
from pipeline.ingest import ingest
from pipeline.ingest.types import IngestedDoc
from pipeline.normalise import normalise
from pipeline.settings import Limits
from tests.conftest import CORPUS

# OCR and LibreOffice have their own tests; here they stop at once (limit_exceeded).
LIMITS = Limits(max_pdf_seconds=5, max_ocr_seconds=0, max_convert_seconds=0)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                derandomize=True)  # the same examples every run: a failure here is reproducible


def fuzz(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)
FIXTURES = {p.name: p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.is_file()}
BY_FORMAT = {
    "html": ["000_beijing_follow_up.html", "001_weihai_evaluation.gbk.html", "002_baoji_news.html"],
    "docx": ["000_beijing_follow_up.docx"],
    "pdf": ["001_weihai_evaluation.pdf", "004_jiangbei_self_assessment.scanned.pdf"],
    "txt": ["003_shuangjian_survey.txt"],
}
SURROGATE = re.compile("[\ud800-\udfff]")
REAL_TEXT = (CORPUS / "003_shuangjian_survey.txt").read_text(encoding="utf-8")


def ingest_or_typed_error(data: bytes) -> None:
    """The property every ingest fuzz test checks."""
    try:
        doc = ingest(data, "fuzz", LIMITS)
    except IngestError as exc:
        assert exc.message and exc.kind != "error" and exc.source == "fuzz"
        return
    norm = normalise(doc)
    assert all(norm.text[b.start:b.end] == b.text for b in norm.blocks)
    assert not SURROGATE.search(norm.text)  # what reaches the extractors is valid Unicode


def mutate(data: bytes, rnd: random.Random, n: int) -> bytes:
    """`n` random edits: overwrite, insert, delete a run, or cut the tail."""
    out = bytearray(data)
    for _ in range(n):
        at = rnd.randrange(max(len(out), 1))
        edit = rnd.randrange(4)
        if edit == 0:
            out[at:at + 8] = rnd.randbytes(min(8, len(out) - at))
        elif edit == 1:
            out[at:at] = rnd.randbytes(rnd.randrange(1, 64))
        elif edit == 2:
            del out[at:at + rnd.randrange(1, 256)]
        else:
            del out[max(at, 1):]
    return bytes(out)


def mutate_docx_part(data: bytes, rnd: random.Random) -> bytes:
    """A DOCX whose zip is intact but one XML part is damaged (past the zip checks)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        victim = rnd.choice([i.filename for i in source.infolist() if i.filename.endswith((".xml", ".rels"))])
        for item in source.infolist():
            body = source.read(item.filename)
            target.writestr(item.filename, mutate(body, rnd, rnd.randrange(1, 4)) if item.filename == victim else body)
    return out.getvalue()


@fuzz(1500)
@given(st.one_of(st.binary(max_size=4096),
                 st.binary(max_size=512).map(lambda b: b"%PDF-1.4\n" + b),
                 st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
                 st.binary(max_size=512).map(lambda b: b"<html><body><p>" + b),
                 st.binary(max_size=512).map(lambda b: b"\xef\xbb\xbf" + b)))
def test_random_bytes(data):
    ingest_or_typed_error(data)


@pytest.mark.parametrize("fmt", sorted(BY_FORMAT))
@fuzz(300)
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 12))
def test_mutated_fixtures(fmt, seed, edits):
    rnd = random.Random(seed)
    ingest_or_typed_error(mutate(FIXTURES[rnd.choice(BY_FORMAT[fmt])], rnd, edits))


@fuzz(300)
@given(seed=st.integers(0, 2**32 - 1))
def test_docx_with_a_damaged_xml_part(seed):
    ingest_or_typed_error(mutate_docx_part(FIXTURES["000_beijing_follow_up.docx"], random.Random(seed)))


def check_analysis(blocks: list[Block], title: str = "") -> None:
    """Normalise blocks, run every extractor; findings must point into the text."""
    norm = normalise(IngestedDoc(format="txt", blocks=blocks, title=title))
    ctx = DocContext(doc_id="fuzz", title=norm.title, publisher=None, publish_date=None, blocks=norm.blocks)
    ctx, findings = analyse(norm.text, ctx)
    for f in findings:
        assert f.kind in KINDS and f.section in SECTIONS
        assert 0 <= f.start <= f.end <= len(norm.text)
        assert norm.text[f.start:f.end] == f.text


# Any code point, lone surrogates included: no decoder in ingest yields them (checked
# above), but the extractors must not raise on any str they are given.
ANY_CHAR = st.characters(codec=None)
# The alphabet reports are written in, so the fuzz reaches deep into the extractors.
REPORT_WORDS = st.sampled_from([
    "一、", "（二）", "3.", "存在问题", "主要成绩", "意见建议", "整改", "北京市", "延庆区", "延庆县", "朝阳区", "海淀",
    "重庆市江北区", "威海市", "环翠区", "宝鸡", "全市", "各区", "2021年", "二〇二二年", "2019—2021年", "较上年",
    "提高", "下降", "达到", "不足", "低于", "超过", "不超过", "约", "以上", "%", "％", "个百分点", "万元", "亿元",
    "元/生", "每生每年", "入园率", "普惠率", "大班额", "专任教师", "生均公用经费", "师生比", "，", "。", "；", "：",
    "、", "（", "）", "\n", " ", "0", "1", "9", "12.5", "99.8", "3万", "1.2亿", "未", "仍", "部分", "学校",
])
REPORT_TEXT = st.lists(st.one_of(REPORT_WORDS, REPORT_WORDS, ANY_CHAR), max_size=120).map("".join)


def test_lone_surrogates_reach_no_c_library():
    # found by the fuzz below: OpenCC (a Traditional document's title) and the place
    # automaton encode text as UTF-8 and refused a lone surrogate
    check_analysis([Block("學校環翠區")], title="\ud800")
    check_analysis([Block("威海市环翠区\udfff文登区")], title="环翠\ud800区")


@fuzz(1500)
@given(st.lists(st.text(ANY_CHAR, max_size=200), max_size=6))
def test_extractors_on_any_unicode(paragraphs):
    check_analysis([Block(p) for p in paragraphs])


@fuzz(1500)
@given(st.lists(st.tuples(REPORT_TEXT, st.sampled_from(["paragraph", "heading", "table_row"]), st.integers(0, 6)),
                max_size=10), REPORT_TEXT)
def test_extractors_on_report_like_text(blocks, title):
    check_analysis([Block(text, kind=kind, level=level if kind == "heading" else 0) for text, kind, level in blocks],
                   title)


@fuzz(300)
@given(start=st.integers(0, len(REAL_TEXT)), length=st.integers(0, 3000), seed=st.integers(0, 2**32 - 1))
def test_extractors_on_damaged_real_text(start, length, seed):
    """A window of a real report with characters overwritten, dropped and inserted."""
    rnd = random.Random(seed)
    chars = list(REAL_TEXT[start:start + length])
    for _ in range(rnd.randrange(0, 20)):
        at = rnd.randrange(len(chars) + 1)
        chars[at:at + rnd.randrange(0, 3)] = [chr(rnd.choice([rnd.randrange(0x20, 0x3000), rnd.randrange(0x3000, 0xA000),
                                                              rnd.randrange(0xE000, 0x110000)]))
                                              for _ in range(rnd.randrange(0, 3))]
    check_analysis([Block(line) for line in "".join(chars).split("\n")])
