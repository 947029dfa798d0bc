"""Bytes to str: BOM, declared charset, UTF-8, detection — and plain-text documents.

Order (issue 2): a byte-order mark wins; then UTF-16 without one (its ASCII leaves
every other byte zero); then a declared charset (HTTP header or <meta>); then strict UTF-8; then charset-normalizer's detection; then strict GB18030.
gb2312 and gbk are read as gb18030, their superset, because pages that declare them
routinely contain characters outside them. A page mixing encodings is decoded line
by line with replacement and reported as `mojibake`, never as a crash.
"""
from __future__ import annotations

import codecs
import re

import charset_normalizer

from extractors.models import Block
from pipeline.errors import UndecodableText
from pipeline.ingest.types import IngestedDoc

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Declared names that mean "GB18030 or a subset of it".
GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312", "gb_2312-80"}
# Encodings worth considering for Chinese reports when nothing is declared.
DETECTION_CANDIDATES = ["gb18030", "big5"]
# Share of U+FFFD a page may have after line-wise decoding before it counts as undecodable.
MAX_REPLACEMENT_SHARE = 0.2
# Control bytes no text holds (tab, line feed, vertical tab, form feed and carriage return aside)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32 or b == 127))

# UTF-16 without a BOM: the sample read, and the share of its characters that must be ASCII.
UTF16_SAMPLE_BYTES = 4096
UTF16_MIN_ASCII_SHARE = 0.3
UTF16_MAX_ZERO_SHARE = 0.05  # a CJK character's low byte may be zero (一 is U+4E00)

CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)


def canonical_encoding(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in GB_FAMILY:
        return "gb18030"
    if name in ("big5", "big5-hkscs", "x-x-big5"):
        return "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = CHARSET_RE.search(content_type.encode("ascii", "ignore"))
    return canonical_encoding(match.group(1).decode()) if match else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """The text of `data` and the cleaning notes (`mojibake` when bytes were replaced).

    Raises UndecodableText when no encoding yields mostly-readable text.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    wide = bomless_utf16(data)
    if wide:
        return data.decode(wide, errors="replace"), []
    candidates = [canonical_encoding(declared), "utf-8"]
    for encoding in filter(None, dict.fromkeys(candidates)):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    detected = charset_normalizer.from_bytes(data[:200_000], cp_isolation=DETECTION_CANDIDATES).best()
    if detected is not None:
        try:
            return data.decode(detected.encoding), []
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("gb18030"), []
    except UnicodeDecodeError:
        pass
    return decode_mixed(data, canonical_encoding(declared))


def _gb18030_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as one GB18030 character
    (2 or 4 bytes) where they form one, else become U+FFFD; decoding then resumes."""
    for size in (2, 4):
        try:
            return exc.object[exc.start:exc.start + size].decode("gb18030"), exc.start + size
        except UnicodeDecodeError:
            continue
    return "\ufffd", exc.start + 1


GB18030_FALLBACK = "dudao-gb18030-fallback"
codecs.register_error(GB18030_FALLBACK, _gb18030_fallback)


def decode_mixed(data: bytes, declared: str | None) -> tuple[str, list[str]]:
    """Line-wise decoding for pages that mix encodings; bad bytes become U+FFFD."""
    encodings = list(filter(None, dict.fromkeys([declared, "utf-8", "gb18030"])))
    lines = []
    for raw in data.split(b"\n"):
        for encoding in encodings:
            try:
                lines.append(raw.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        else:  # a line that itself mixes UTF-8 and GBK, or holds stray bytes
            lines.append(raw.decode("utf-8", errors=GB18030_FALLBACK))
    text = "\n".join(lines)
    if text.count("\ufffd") > MAX_REPLACEMENT_SHARE * max(len(text), 1):
        raise UndecodableText(
            f"the bytes do not decode as text in {', '.join(encodings)} or any detected encoding"
        )
    return text, ["mojibake"]


def bomless_utf16(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` for UTF-16 text without a byte-order mark, else None.

    Markup and digits are ASCII, whose high byte is zero: in such text every other byte
    is often zero and the bytes between seldom are; the decoded sample must also hold
    no control characters, which tells it from binary data with the same pattern."""
    sample = data[:UTF16_SAMPLE_BYTES]
    sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= UTF16_MIN_ASCII_SHARE * len(zeros) and others.count(0) <= UTF16_MAX_ZERO_SHARE * len(others):
            text = sample.decode(encoding, errors="replace")
            if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
                return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any 8-bit or multibyte encoding we read."""
    sample = data[:8192]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in BOMS) or bomless_utf16(data):
        return False
    controls = len(sample.translate(None, _NOT_CONTROL))
    return b"\x00" in sample or controls > 0.05 * len(sample)


def ingest_text(data: bytes, content_type: str | None = None) -> IngestedDoc:
    """A plain-text document: one paragraph block per non-empty line, kept as is."""
    text, cleaning = decode(data, charset_from_content_type(content_type))
    blocks = [Block(line.strip()) for line in text.splitlines() if line.strip()]
    title = blocks[0].text if blocks and len(blocks[0].text) <= 80 else ""
    return IngestedDoc(format="txt", blocks=blocks, title=title, cleaning=cleaning)
