"""HTML pages: decode, find the article body, drop the page furniture, keep metadata.

Stages:
1. decode (BOM / HTTP charset / <meta> charset / UTF-8 / detection, see text.py);
2. parse with lxml;
3. page metadata: <meta> tags, xxgk metadata tables, 发布日期/来源 lines;
4. the content container: a known id/class (lexicons/boilerplate.yaml), else the
   element whose paragraphs hold the most text;
5. drop furniture elements and lines (share bars, 语音播报, 扫一扫, 原文链接 ...);
6. blocks in reading order: headings (h1-h6, bold numbered lines), paragraphs, table rows.
"""
from __future__ import annotations

import functools
import re
from datetime import date

import lxml.etree
import lxml.html

from extractors.lexicon import check_patterns, load_yaml
from extractors.models import Block
from pipeline.errors import NoText
from pipeline.ingest.headings import numbered_heading_level
from pipeline.ingest.text import CHARSET_RE, canonical_encoding, charset_from_content_type, decode
from pipeline.ingest.types import IngestedDoc

LEXICON = "boilerplate.yaml"
LEXICON_KEYS = ("content_containers", "drop_elements", "masthead", "line_cues", "metadata_labels",
                "publisher_placeholders", "docshare_preamble")
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


def ingest_html(data: bytes, content_type: str | None = None) -> IngestedDoc:
    """An IngestedDoc with the article's blocks and page metadata (see module stages)."""
    declared = charset_from_content_type(content_type) or meta_charset(data)
    text, cleaning = decode(data, declared)
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
    collect_blocks(container, blocks, tables)
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


def parse(text: str) -> lxml.html.HtmlElement:
    try:
        root = lxml.html.document_fromstring(NOT_XML_CHARS.sub("", XML_DECLARATION.sub("", text)))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NoText(f"the HTML page is empty or cannot be parsed: {exc}") from exc
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
              if isinstance(el.tag, str) and (el.tag in cues["drop_tags"]
                                              or any(a in attr_text(el) for a in cues["drop_attrs"]))]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return bool(doomed)


def has_block_children(el) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in BLOCK_TAGS or d.tag == "br") for d in el.iterdescendants())


def all_bold(el) -> bool:
    """True when every visible character of `el` sits inside <strong>/<b>."""
    bold = "".join(b.text_content() for b in el.iter() if isinstance(b.tag, str) and b.tag in BOLD_TAGS
                   and not any(a.tag in BOLD_TAGS for a in b.iterancestors()))
    return bool(bold.strip()) and clean_space(bold) == clean_space(el.text_content())


def paragraph_block(text: str, bold: bool = False) -> Block | None:
    text = clean_space(text)
    if not text:
        return None
    level = numbered_heading_level(text)
    if level or (bold and len(text) <= 40):
        return Block(text, kind="heading", level=level or 1)
    return Block(text)


def collect_blocks(el, blocks: list[Block], tables: list) -> None:
    """Append the blocks of `el` in reading order (stage 6)."""
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
    if not has_block_children(el):
        block = paragraph_block(el.text_content(), bold=all_bold(el))
        if block:
            blocks.append(block)
        return
    run = [el.text or ""]
    for child in el:
        child_tag = child.tag if isinstance(child.tag, str) else ""
        if child_tag in BLOCK_TAGS or child_tag == "br" or (child_tag and has_block_children(child)):
            flush(run, blocks)
            if child_tag != "br":
                collect_blocks(child, blocks, tables)
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
