"""HTML pages: decode, find the article body, drop the page furniture, keep metadata.

Stages:
1. decode (BOM / HTTP charset / <meta> charset / UTF-8 / detection, see text.py);
2. parse with lxml, within bounds: at most `Limits.max_html_tags` start tags (counted
   before parsing, so a 40 MB page of tiny tags costs a scan, not a parse) and libxml2's
   fixed nesting depth of 256 (deeper, libxml2 stops and drops the rest of the page):
   over either -> LimitExceeded, a `failures` row, never a silently truncated text;
3. page metadata: <meta> tags, xxgk metadata tables, 发布日期/来源 lines;
4. the content container: a known id/class (lexicons/boilerplate.yaml), else the
   element whose paragraphs hold the most text;
5. drop furniture elements and lines (share bars, 语音播报, 扫一扫, 原文链接 ...);
6. blocks in reading order: headings (h1-h6, bold numbered lines), paragraphs, table rows.
"""
from __future__ import annotations

import functools
import itertools
import re
from datetime import date

import lxml.etree
import lxml.html

from extractors.lexicon import check_patterns, load_yaml
from extractors.models import Block
from pipeline.errors import LimitExceeded, NoText
from pipeline.ingest.headings import numbered_heading_level
from pipeline.ingest.text import CHARSET_RE, canonical_encoding, charset_from_content_type, decode
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

LEXICON = "boilerplate.yaml"
LEXICON_KEYS = ("content_containers", "drop_elements", "masthead", "line_cues", "metadata_labels",
                "publisher_placeholders", "docshare_preamble", "navigation_lines")
BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "pre", "li", "ul", "ol", "dl", "dt", "dd",
              "table", "tr", "td", "th", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6", "center", "main"}
HEADING_TAGS = {f"h{i}": i for i in range(1, 7)}
BOLD_TAGS = {"strong", "b"}
TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s|--)\s*")
DATE_RE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
WHITESPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
# Characters XML/lxml refuses (C0 controls other than tab/newline, lone surrogates).
NOT_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
START_TAG = re.compile(r"<[A-Za-z]")
# libxml2 (without XML_PARSE_HUGE, which would also lift its other safety limits) stops
# parsing at this nesting depth; collect_blocks' recursion relies on it staying small.
LIBXML2_MAX_DEPTH = 256


@functools.cache
def lexicon() -> dict:
    data = load_yaml(LEXICON, LEXICON_KEYS)
    drop = data["drop_elements"]
    return {
        "containers": [c.lower() for c in check_patterns(LEXICON, "content_containers", data["content_containers"])],
        "drop_tags": set(check_patterns(LEXICON, "drop_elements.tags", drop["tags"])),
        "drop_attrs": [a.lower() for a in check_patterns(LEXICON, "drop_elements.attrs", drop["attrs"])],
        "line_cues": [re.compile(p) for p in check_patterns(LEXICON, "line_cues", data["line_cues"])],
        "labels": {field: check_patterns(LEXICON, f"metadata_labels.{field}", labels)
                   for field, labels in data["metadata_labels"].items()},
        "placeholders": set(check_patterns(LEXICON, "publisher_placeholders", data["publisher_placeholders"])),
        "masthead": [a.lower() for a in check_patterns(LEXICON, "masthead", data["masthead"])],
    }


def is_furniture_line(text: str) -> bool:
    """A whole line that is page furniture (lexicon `line_cues`)."""
    return any(cue.fullmatch(text) for cue in lexicon()["line_cues"])


def clean_space(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def ingest_html(data: bytes, limits: Limits, content_type: str | None = None) -> IngestedDoc:
    """An IngestedDoc with the article's blocks and page metadata (see module stages)."""
    declared = charset_from_content_type(content_type) or meta_charset(data)
    text, cleaning = decode(data, declared)
    check_tag_count(text, limits.max_html_tags)
    root = parse(text)
    meta = page_metadata(root)
    container = find_container(root)
    for table in container.iter("table"):
        if table_metadata(table, meta):
            table.drop_tree()
            cleaning.append("metadata_table")
            break
    # Keeping only the container drops navigation, sidebars and footers.
    dropped = drop_furniture(container) or container is not root.find("body")
    blocks: list[Block] = []
    tables: list[list[list[str]]] = []
    collect_blocks(container, blocks, tables, block_holders(container))
    kept = []
    for block in blocks:
        if block.kind != "table_row" and (labelled_metadata(block.text, meta) or is_furniture_line(block.text)):
            dropped = True
            continue
        kept.append(block)
    if dropped:
        cleaning.append("boilerplate")
    if not kept:
        raise NoText("the HTML page has no article text (no paragraphs found in its body)")
    return IngestedDoc(
        format="html",
        blocks=kept,
        title=meta.get("title") or page_title(root),
        publisher=meta.get("publisher"),
        publish_date=meta.get("publish_date"),
        cleaning=list(dict.fromkeys(cleaning)),
        tables=tables,
    )


def meta_charset(data: bytes) -> str | None:
    """The charset a <meta> tag declares in the page head."""
    head = data[:4096]
    for match in re.finditer(rb"<meta[^>]*>", head, re.I):
        found = CHARSET_RE.search(match.group(0))
        if found:
            return canonical_encoding(found.group(1).decode("ascii", "ignore"))
    return None


def check_tag_count(text: str, max_tags: int) -> None:
    """Raise LimitExceeded when the page has more than `max_tags` start tags. The scan
    stops at the limit, so its cost is bounded whatever the page's size."""
    if next(itertools.islice(START_TAG.finditer(text), max_tags, None), None) is not None:
        raise LimitExceeded(f"the HTML page has more than {max_tags:,} tags, over the limit (max_html_tags)")


def parse(text: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser()  # its own error log, read below
    try:
        root = lxml.html.document_fromstring(NOT_XML_CHARS.sub("", XML_DECLARATION.sub("", text)), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        if too_deep(parser):
            raise LimitExceeded(f"the HTML page nests elements more than {LIBXML2_MAX_DEPTH} deep, "
                                "the parser's limit") from exc
        raise NoText(f"the HTML page is empty or cannot be parsed: {exc}") from exc
    if too_deep(parser):
        raise LimitExceeded(f"the HTML page nests elements more than {LIBXML2_MAX_DEPTH} deep, the parser's limit")
    lxml.etree.strip_elements(root, lxml.etree.Comment, with_tail=False)
    return root


def parse_date(text: str | None) -> date | None:
    match = DATE_RE.search(text or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def set_field(meta: dict, field: str, value: str) -> None:
    """Record a metadata value unless the field is already known; dates are parsed."""
    value = clean_space(value)
    if not value or meta.get(field):
        return
    if field == "publish_date":
        meta[field] = parse_date(value)
    elif field == "publisher":
        if value not in lexicon()["placeholders"]:
            meta[field] = value
    else:
        meta[field] = value


def field_of_label(label: str) -> str | None:
    label = label.strip().rstrip(":：").strip().lower()
    for field, labels in lexicon()["labels"].items():
        if label in (l.lower() for l in labels):
            return field
    return None


@functools.cache
def inline_label_re() -> re.Pattern:
    """`label：value` for the publisher and date labels, as they stand in info lines."""
    labels = [l for field in ("publisher", "publish_date") for l in lexicon()["labels"][field]]
    alternatives = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    return re.compile(rf"(?<![\w])({alternatives})\s*[:：]\s*([^\s　|｜]+(?:\s\d{{1,2}}:\d{{2}})?)")


def page_metadata(root) -> dict:
    """<meta> tags first, then `发布日期：…　来源：…` info lines anywhere in the page."""
    meta: dict = {}
    for tag in root.iter("meta"):
        field = field_of_label(tag.get("name") or tag.get("property") or "")
        if field:
            set_field(meta, field, tag.get("content") or "")
    body = root.find("body")
    for piece in body.itertext() if body is not None else ():
        if len(piece) <= 200:
            for label, value in inline_label_re().findall(piece):
                set_field(meta, field_of_label(label), value)
    return meta


def table_metadata(table, meta: dict) -> bool:
    """Read an xxgk-style label/value table into `meta`; True if it was one."""
    cells = [clean_space(c.text_content()) for c in table.iter("th", "td")]
    labelled = [(cells[i], cells[i + 1]) for i in range(0, len(cells) - 1) if field_of_label(cells[i])]
    if len(labelled) < 2 or "索引号" not in cells:
        return False
    for label, value in labelled:
        set_field(meta, field_of_label(label), value)
    return True


LABEL_VALUE_RE = re.compile(r"([\w:]{2,8}?)\s*[:：]\s*(\S[^\s　]*)")


def labelled_metadata(text: str, meta: dict) -> bool:
    """A line of `label：value` pairs made only of metadata labels (来源/发布日期)."""
    pairs = LABEL_VALUE_RE.findall(text)
    if not pairs or len(text) > 80 or not all(field_of_label(label) for label, _ in pairs):
        return False
    for label, value in pairs:
        set_field(meta, field_of_label(label), value)
    return True


def too_deep(parser: lxml.html.HTMLParser) -> bool:
    """libxml2 gave up at its nesting-depth limit (a fatal resource-limit error)."""
    return any(e.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in e.message
               for e in parser.error_log)


def attr_text(el) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''}".lower()


def find_container(root):
    """The element holding the article body (see stage 4)."""
    by_word: dict[str, list] = {}  # id/class word -> elements, in document order
    for el in root.iter():
        if isinstance(el.tag, str):
            for word in set(attr_text(el).split()):
                by_word.setdefault(word, []).append(el)
    for cue in lexicon()["containers"]:
        if cue in by_word:
            return max(by_word[cue], key=lambda el: len(el.text_content()))
    body = root.find("body")
    scores: dict = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(p.text_content().strip())
    if scores:
        return max(scores, key=scores.get)
    return body if body is not None else root


def drop_furniture(container) -> bool:
    """Remove furniture elements inside the container; True if any was removed."""
    cues = lexicon()
    doomed = [el for el in container.iterdescendants()
              if isinstance(el.tag, str) and (el.tag in cues["drop_tags"] or has_any(attr_text(el), cues["drop_attrs"]))]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return bool(doomed)


def has_any(text: str, words: list[str]) -> bool:
    return any(word in text for word in words)


def block_holders(container) -> set:
    """The elements of `container` (itself included) with a block element or <br> below
    them, found in one pass up from each such element: asking each element in turn would
    walk its whole subtree again, quadratic in the depth."""
    holders = set()
    for el in container.iter(*BLOCK_TAGS, "br"):
        if el is container:
            continue
        for ancestor in el.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
            if ancestor is container:
                break
    return holders


def all_bold(el) -> bool:
    """True when every visible character of `el` sits inside <strong>/<b>."""
    outer_bold, pending = [], [el]
    while pending:  # a bold element's text counts once, its own bold descendants not again
        node = pending.pop()
        if node.tag in BOLD_TAGS:
            outer_bold.append(node.text_content())
        else:
            pending.extend(reversed([child for child in node if isinstance(child.tag, str)]))
    bold = "".join(outer_bold)
    return bool(bold.strip()) and clean_space(bold) == clean_space(el.text_content())


def paragraph_block(text: str, bold: bool = False) -> Block | None:
    text = clean_space(text)
    if not text:
        return None
    level = numbered_heading_level(text)
    if level or (bold and len(text) <= 40):
        return Block(text, kind="heading", level=level or 1)
    return Block(text)


def collect_blocks(el, blocks: list[Block], tables: list, holders: set) -> None:
    """Append the blocks of `el` in reading order (stage 6); `holders` is block_holders()
    of the container."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table":
        grid = [[clean_space(c.text_content()) for c in row.iter("th", "td")] for row in el.iter("tr")]
        grid = [row for row in grid if any(row)]
        if grid:
            tables.append(grid)
            blocks.extend(Block("\t".join(row), kind="table_row") for row in grid)
        return
    if tag in HEADING_TAGS:
        text = clean_space(el.text_content())
        if text:
            blocks.append(Block(text, kind="heading", level=HEADING_TAGS[tag]))
        return
    if el not in holders:
        block = paragraph_block(el.text_content(), bold=all_bold(el))
        if block:
            blocks.append(block)
        return
    run = [el.text or ""]
    for child in el:
        child_tag = child.tag if isinstance(child.tag, str) else ""
        if child_tag in BLOCK_TAGS or child_tag == "br" or child in holders:
            flush(run, blocks)
            if child_tag != "br":
                collect_blocks(child, blocks, tables, holders)
            run = []
        else:
            run.append(child.text_content() if child_tag else "")
        run.append(child.tail or "")
    flush(run, blocks)


def flush(run: list[str], blocks: list[Block]) -> None:
    block = paragraph_block("".join(run))
    if block:
        blocks.append(block)


def page_title(root) -> str:
    """The article title from the page when no <meta> names it: an element whose
    class says title, else <title> without its site-name part."""
    for el in root.iter("h1", "h2", "h3"):
        if "title" in attr_text(el):
            text = clean_space(el.text_content())
            if text:
                return text
    title = root.find(".//title")
    parts = [p for p in TITLE_SEPARATORS.split(clean_space(title.text_content())) if p] if title is not None else []
    # A part the page repeats in its masthead (logo alt, header h1) is the site's name;
    # one it repeats as a heading of its own body is the article's title.
    masthead, headings = set(), set()
    for el in root.iter("h1", "h2", "h3", "img"):
        text = (el.get("alt") or "").strip() if el.tag == "img" else clean_space(el.text_content())
        (masthead if el.tag == "img" or in_masthead(el) else headings).add(text)

    def rank(part: str) -> tuple:
        return (part in headings) - (part in masthead), len(part)

    return max(parts, key=rank) if parts else ""


def in_masthead(el) -> bool:
    """Inside the page's header or navigation (lexicon `masthead`)."""
    cues = lexicon()["masthead"]
    return any(cue in attr_text(a) or a.tag in ("header", "nav") for a in el.iterancestors() for cue in cues)
