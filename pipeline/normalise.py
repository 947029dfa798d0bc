"""Normalisation: IngestedDoc -> NormalisedDoc, the text that offsets refer to.

Stages, each recorded in `cleaning` when it changed something:
0. UTF-8 read as Windows-1252 undone (`mojibake_utf8`: 'å¤©å®' back to Chinese), run by
   run, since such pages mix repaired and broken stretches;
1. document-sharing preamble lines removed (`docshare_preamble`), title taken from them
   when ingest found none; lines linking the site's previous and next items removed
   (`navigation_lines`: 上一条:…, 下一篇:…);
2. page markers glued in by document-sharing sites removed, split numbers rejoined
   (`page_markers`);
3. pinyin annotations such as 頁(yè) removed (`pinyin_annotations`);
4. Traditional -> Simplified with OpenCC t2s (`tra2sim`); `script` keeps the original;
5. full-width digits, letters, ％ and ． folded to ASCII (`fullwidth`); Chinese
   punctuation is kept, sentence splitting relies on it;
6. whitespace runs collapsed; blocks joined with "\n", offsets filled in.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import opencc

from extractors.lexicon import check_patterns, load_yaml
from extractors.models import Block
from extractors.text import encodable
from pipeline.ingest.html import LEXICON as BOILERPLATE
from pipeline.ingest.html import LEXICON_KEYS as BOILERPLATE_KEYS
from pipeline.ingest.types import IngestedDoc

# A pinyin syllable in brackets right after a Han character, with at least one tone mark.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_RE = re.compile(rf"(?<=[\u3400-\u9fff])[（(]\s*[a-zü{TONED}]*[{TONED}][a-zü{TONED}]*\s*[）)]")
NOT_HAN_RE = re.compile(r"[^\u3400-\u9fff]+")
# A document is Traditional when t2s changes more than this share of its Han characters
# (Simplified text has a few characters t2s also touches, e.g. 乾/著).
TRADITIONAL_SHARE = 0.03
FULLWIDTH_FOLD = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]}
FULLWIDTH_DOT_RE = re.compile(r"(?<=\d)．(?=\d)")
# str.translate looks every character up in the table: a text with none of its keys is left alone
FULLWIDTH_ANY_RE = re.compile("[" + "".join(map(chr, FULLWIDTH_FOLD)) + "]")
SPACE_RE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
# A page marker: a page number and 、 at the start of a line (document-sharing sites).
PAGE_MARKER_RE = re.compile(r"^(\d{1,4})、")
MIN_MARKER_RUN = 3
MIN_MARKED_LINE_CHARS = 150  # page-long lines, not list items
SENTENCE_END = "。！？!?”」』"

# UTF-8 read as Windows-1252: each byte became one character, the bytes Windows-1252 leaves
# undefined (81 8D 8F 90 9D) as C1 controls — or lost, as were soft hyphens (AD), and no-break
# spaces (A0) became spaces. ftfy's fix_text declines such pages (clean Chinese beside broken
# stretches, bytes missing), so its sloppy codec maps each run back to bytes and the run is
# decoded on its own; a character that lost a byte cannot be known here and becomes U+FFFD (the
# place stage reads county names with one such character in their city's context).
CP1252 = "sloppy-windows-1252"


def _read_as_cp1252(data: bytes) -> str:
    """What the sloppy codec makes of `data` (Windows-1252, its undefined bytes read as
    Latin-1 reads them), for building the patterns below without importing ftfy: a page
    needs the codec itself only when it is broken (`_cp1252`), and ftfy's import costs
    ~0.09 s of every start-up (issue 17)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


CONT_CHARS = _read_as_cp1252(bytes(range(0x80, 0xC0)))
LEAD_CHARS = _read_as_cp1252(bytes(range(0xC2, 0xF5)))
MOJIBAKE_RUN_RE = re.compile(f"(?:[{re.escape(LEAD_CHARS)}][{re.escape(CONT_CHARS)} ]{{1,3}})+")
# a whole three-byte character (all CJK) in the broken form; a page needs several to be repaired
MOJIBAKE_CJK_RE = re.compile(f"[{_read_as_cp1252(bytes(range(0xE3, 0xEA)))}][{re.escape(CONT_CHARS)}]{{2}}")
MIN_MOJIBAKE_CHARS = 3


@dataclass(frozen=True)
class NormalisedDoc:
    format: str
    text: str
    blocks: tuple[Block, ...]
    title: str
    publisher: str | None
    publish_date: date | None
    script: str  # simplified | traditional (of the original)
    cleaning: list[str] = field(default_factory=list)


@functools.cache
def preamble_patterns() -> tuple[re.Pattern, ...]:
    data = load_yaml(BOILERPLATE, BOILERPLATE_KEYS)
    return tuple(re.compile(p) for p in check_patterns(BOILERPLATE, "docshare_preamble", data["docshare_preamble"]))


@functools.cache
def navigation_line() -> re.Pattern:
    data = load_yaml(BOILERPLATE, BOILERPLATE_KEYS)
    return re.compile("|".join(check_patterns(BOILERPLATE, "navigation_lines", data["navigation_lines"])))


@functools.cache
def t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalise(doc: IngestedDoc) -> NormalisedDoc:
    cleaning = list(doc.cleaning)
    title = doc.title
    texts: list[str] = []
    blocks: list[Block] = []
    for block in doc.blocks:
        preamble = next((m for p in preamble_patterns() if (m := p.fullmatch(block.text.strip()))), None)
        if preamble:
            cleaning.append("boilerplate")
            if not title and "title" in preamble.groupdict() and preamble.group("title"):
                title = preamble.group("title")
            continue
        if navigation_line().fullmatch(block.text.strip()):
            cleaning.append("navigation")
            continue
        blocks.append(block)
    if is_utf8_mojibake("\n".join(b.text for b in blocks)):
        blocks = [replace(b, text=undo_utf8_mojibake(b.text)) for b in blocks]
        title = undo_utf8_mojibake(title or "")
        cleaning.append("mojibake_utf8")
    blocks, rejoined = remove_page_markers(blocks)
    if rejoined:
        cleaning.append("page_markers")

    def clean(text: str) -> str:
        stripped = strip_pinyin(text)
        if stripped != text:
            cleaning.append("pinyin_annotations")
        return stripped

    texts = [clean(b.text) for b in blocks]
    title = clean(title or "")
    publisher = clean(doc.publisher) if doc.publisher else doc.publisher
    script = detect_script("".join(texts))
    if script == "traditional":
        def converted(text: str) -> str:
            return t2s().convert(encodable(text))

        texts = [converted(t) for t in texts]
        title = converted(title)
        publisher = converted(publisher) if publisher else publisher
        cleaning.append("tra2sim")
    folded = [fold_fullwidth(t) for t in texts]
    if folded != texts:
        cleaning.append("fullwidth")
    title, publisher = fold_fullwidth(title), fold_fullwidth(publisher) if publisher else publisher
    out_blocks, parts, offset = [], [], 0
    for block, text in zip(blocks, folded):
        text = SPACE_RE.sub(" ", text).strip() if block.kind != "table_row" else text.strip()
        if not text:
            continue
        out_blocks.append(replace(block, text=text, start=offset, end=offset + len(text)))
        parts.append(text)
        offset += len(text) + 1
    return NormalisedDoc(
        format=doc.format,
        text="\n".join(parts),
        blocks=tuple(out_blocks),
        title=SPACE_RE.sub(" ", title).strip(),
        publisher=publisher,
        publish_date=doc.publish_date,
        script=script,
        cleaning=list(dict.fromkeys(cleaning)),
    )


def is_utf8_mojibake(text: str) -> bool:
    found = 0
    for match in MOJIBAKE_CJK_RE.finditer(text):
        try:
            match.group().encode(_cp1252()).decode("utf-8")
        except UnicodeDecodeError:
            continue
        found += 1
        if found >= MIN_MOJIBAKE_CHARS:
            return True
    return False


@functools.cache
def _cp1252() -> str:
    import ftfy.bad_codecs  # noqa: F401  registers the sloppy-windows-1252 codec

    return CP1252


def undo_utf8_mojibake(text: str) -> str:
    """`text` with each run of UTF-8-read-as-Windows-1252 decoded back ('é’Ÿæ¥¼' → 钟楼)."""
    return MOJIBAKE_RUN_RE.sub(lambda m: _decode_run(m.group()), text)


def _decode_run(run: str) -> str:
    data = run.encode(_cp1252())
    out, i = [], 0
    while i < len(data):
        size = 2 if data[i] < 0xE0 else 3 if data[i] < 0xF0 else 4
        j = i + 1
        while j < i + size and j < len(data) and (0x80 <= data[j] < 0xC0 or data[j] == 0x20):
            j += 1
        piece = data[i:j].replace(b" ", b"\xa0")
        if j - i == size:
            out.append(piece.decode("utf-8", errors="replace"))
        elif j - i == size - 1:  # a byte was lost: the character cannot be known
            out.append("\ufffd" + (" " if data[j - 1:j] == b" " else ""))
        else:
            out.append(data[i:j].decode(_cp1252()))
        i = j
    return "".join(out)


def strip_pinyin(text: str) -> str:
    """Text without bracketed pinyin glosses such as 頁(yè)."""
    return PINYIN_RE.sub("", text)


def detect_script(text: str) -> str:
    sample = NOT_HAN_RE.sub("", text)[:20000]
    if not sample:
        return "simplified"
    # compared as code-point arrays: a Python loop over the characters cost more than OpenCC
    before, after = (np.frombuffer(t.encode("utf-32-le"), np.uint32) for t in (sample, t2s().convert(sample)))
    n = min(len(before), len(after))
    changed = int(np.count_nonzero(before[:n] != after[:n]))
    return "traditional" if changed > TRADITIONAL_SHARE * len(sample) else "simplified"


def fold_fullwidth(text: str) -> str:
    return FULLWIDTH_DOT_RE.sub(".", text.translate(FULLWIDTH_FOLD) if FULLWIDTH_ANY_RE.search(text) else text)


def remove_page_markers(blocks: list[Block]) -> tuple[list[Block], bool]:
    """Drop `N、` page markers that run 1, 2, 3 … at the starts of page-long lines,
    gluing each page to the one before when the break fell inside a sentence.

    Numbered list items look alike; they are told apart by being short or by ending
    their sentences, while page breaks fall mid-sentence (and split numbers: 18|27).
    """
    numbers = [(i, int(m.group(1))) for i, b in enumerate(blocks) if b.kind != "table_row"
               and (m := PAGE_MARKER_RE.match(b.text))]
    run = longest_counting_run(numbers)
    if len(run) < MIN_MARKER_RUN:
        return blocks, False
    marked = [i for i, _ in run]
    if sorted(len(blocks[i].text) for i in marked)[len(marked) // 2] < MIN_MARKED_LINE_CHARS:
        return blocks, False
    mid_sentence = sum(1 for i in marked[1:] if i > 0 and blocks[i - 1].text.rstrip()[-1:] not in SENTENCE_END)
    if mid_sentence * 2 < len(marked) - 1:
        return blocks, False
    marked_set = set(marked)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if i in marked_set:
            text = PAGE_MARKER_RE.sub("", block.text, count=1)
            if out and out[-1].kind == "paragraph" and out[-1].text.rstrip()[-1:] not in SENTENCE_END:
                out[-1] = replace(out[-1], text=out[-1].text + text)
                continue
            block = replace(block, text=text)
        out.append(block)
    return out, True


def longest_counting_run(numbers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of (index, n) whose n counts up by one."""
    best: list = []
    for start in range(len(numbers)):
        run = [numbers[start]]
        for item in numbers[start + 1:]:
            if item[1] == run[-1][1] + 1:
                run.append(item)
        if len(run) > len(best):
            best = run
        if len(best) >= len(numbers) - start:
            break
    return best
