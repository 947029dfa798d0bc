"""Document-level facts: the report's own title, its publication date and publisher
when the page states them in a header or signature line, its type (the year under
review is `years`). Cue words, datelines and title wrappers live in
lexicons/report_types.yaml; the labels of header lines in lexicons/page_lines.yaml."""
from __future__ import annotations

import functools
import re
from datetime import date
from urllib.parse import urlsplit

from extractors.lexicon import LexiconError, check_patterns, load_yaml
from extractors.models import REPORT_TYPES, DocContext

_LEXICON = "report_types.yaml"
# How much of the body opening is read for type cues.
_OPENING = 400
# An official document's number (教督函〔2025〕3号, 鲁政教督委〔2024〕1号) at the head of
# the body: the page is that document, not news of it.
# Its issuer's abbreviation comes first (泉政工〔2002〕文10号: 泉州市人民政府…).
_DOCUMENT_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})\s*[〔\[［(（]\s*((?:19|20)[0-9]{2})\s*[〕\]］)）]"
                              r"\s*[\u4e00-\u9fff]?\s*[0-9]{1,4}\s*号")
_DOCUMENT_NUMBER_WITHIN = 80
# How far into the body inspectors' feedback introduces its findings (…具体意见如下): past
# the paragraphs telling when and how they inspected.
_FINDINGS_WITHIN = 800


@functools.cache
def _lexicon() -> dict:
    data = load_yaml(_LEXICON, ("types", "audit_findings", "record_title_ends", "findings_formulas",
                                "own_condition_words", "own_condition_titles", "not_news", "document_formulas",
                                "notice_formulas", "notice_title_ends", "session_lines", "news_titles", "news_datelines", "news_leads",
                                "news_columns", "title_wrappers"))
    unknown = set(data["types"]) - set(REPORT_TYPES)
    if unknown:
        raise LexiconError(f"{_LEXICON}: unknown report types {sorted(unknown)}")
    types = {t: _cue_pattern(check_patterns(_LEXICON, f"types.{t}", cues)) for t, cues in data["types"].items()}
    wrappers = [re.compile(p) for p in check_patterns(_LEXICON, "title_wrappers", data["title_wrappers"])]
    not_news = check_patterns(_LEXICON, "not_news", data["not_news"])
    formulas = {key: tuple(check_patterns(_LEXICON, key, data[key]))
                for key in ("document_formulas", "notice_formulas")}
    datelines = re.compile("|".join(check_patterns(_LEXICON, "news_datelines", data["news_datelines"])))
    session_lines = re.compile("|".join(check_patterns(_LEXICON, "session_lines", data["session_lines"])))
    # at the start of a line or of a sentence (…呈现向好态势……日前，某市通报了…), past a
    # purpose clause (为进一步…，5月30日，…)
    lead_words = "|".join(check_patterns(_LEXICON, "news_leads", data["news_leads"]))
    leads = re.compile(f"(?:^[ \t\u3000]*|(?<=[。！？…]))(?:为[^。！？\n，,]{{2,40}}[，,])?(?:{lead_words})", re.MULTILINE)
    news_titles = _cue_pattern(check_patterns(_LEXICON, "news_titles", data["news_titles"]))
    columns = "|".join(map(re.escape, check_patterns(_LEXICON, "news_columns", data["news_columns"])))
    news_columns = re.compile(rf"/(?:{columns})(?=[-_./0-9]|$)", re.IGNORECASE)
    return {"types": types, "wrappers": wrappers, "not_news": not_news, **formulas,
            "audit_findings": _cue_pattern(check_patterns(_LEXICON, "audit_findings", data["audit_findings"])),
            "record_title_ends": tuple(check_patterns(_LEXICON, "record_title_ends", data["record_title_ends"])),
            "notice_title_ends": tuple(check_patterns(_LEXICON, "notice_title_ends", data["notice_title_ends"])),
            "findings_formulas": tuple(check_patterns(_LEXICON, "findings_formulas", data["findings_formulas"])),
            "own_condition_words": tuple(check_patterns(_LEXICON, "own_condition_words", data["own_condition_words"])),
            "own_condition_titles": tuple(check_patterns(_LEXICON, "own_condition_titles",
                                                         data["own_condition_titles"])),
            "news_titles": news_titles, "news_columns": news_columns, "datelines": datelines, "leads": leads,
            "session_lines": session_lines}


def document_formulas() -> tuple[str, ...]:
    """The formulas that introduce a document itself (现将自评情况报告如下, 意见如下)."""
    return _lexicon()["document_formulas"]


def _cue_pattern(cues: list[str]) -> re.Pattern:
    """Cues as one pattern; … in a cue stands for any stretch of a line."""
    return re.compile("|".join(".*?".join(map(re.escape, cue.split("…"))) for cue in cues))


@functools.cache
def _page_lines() -> dict:
    keys = ("title_chrome", "title_words", "site_name_ends", "date_labels", "publisher_labels", "site_owner_labels",
            "organisation_ends", "outlet_ends", "outlet_starts", "outlet_credits", "credit_code_labels",
            "number_labels", "date_line_words")
    data = load_yaml("page_lines.yaml", keys)
    for key in keys:
        check_patterns("page_lines.yaml", key, data[key])
    return data


# How many lines at the top of a page hold its title and header lines, and at the
# bottom its signature and footer.
_HEAD_LINES, _FOOT_LINES = 15, 8
_YMD = r"((?:19|20)[0-9]{2})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})"
# A day-first date with a time of day, as some aggregators print it: 03.07.2018 05:44
_DMY_TIME = r"(?<![0-9])([0-9]{1,2})\.([0-9]{1,2})\.((?:19|20)[0-9]{2})\s+[0-9]{1,2}:[0-9]{2}"
# What follows a body's name in its site's name (某县人民政府门户网站, 某市教育局官方网站).
_SITE = r"(?:官方)?(?:门户网站|政务网|信息网|网站|官网)"
# The date that closes a document, on a line of its own under the signature.
_DATE_LINE = _YMD + "日?"
# A title is a short line without a full stop.
_TITLE_LENGTH = (6, 80)


def report_title(title: str, text: str) -> str:
    """The report's own title: unwrap 关于印发《X》的通知; else the ingested title unless
    it is page chrome (a site name, a breadcrumb, a date line) or a guess at the
    text's first line; else the title line of the text's head ('' when the text
    starts with its body)."""
    title = (title or "").strip()
    guessed = text.lstrip().startswith(title)  # a plain text's first line, taken as its title by ingest
    if not _plausible_title(title) or (guessed and title != _title_line(text)):
        title = _title_line(text)
    for pattern in _lexicon()["wrappers"]:
        m = pattern.search(title)
        if m:
            return m.group("title").strip()
    return title


def _plausible_title(line: str) -> bool:
    """A short line without a full stop that is not page chrome."""
    lex = _page_lines()
    return (_TITLE_LENGTH[0] <= len(line) <= _TITLE_LENGTH[1] and "。" not in line
            and not line.endswith(("，", ",", "：", ":", "；", ";"))
            and not re.search("|".join(lex["title_chrome"]), line)
            and not line.endswith(tuple(lex["site_name_ends"])))


def _title_line(text: str) -> str:
    """A page's head holds site names, breadcrumbs and date lines around the title: the
    title is a plausible line the head repeats (a headline listed in the page's
    navigation and again above the article), else the first with a report's words,
    else the first right above the page's meta line (日期：… 来源：…), where a news
    site prints its headline whatever words it uses (璧山：推动课后服务…)."""
    lex = _page_lines()
    words = re.compile("|".join(lex["title_words"]))
    meta = re.compile(rf"(?:{'|'.join(lex['date_labels'] + lex['publisher_labels'])})\s*[:：]|{_YMD}")
    head = [line.strip() for line in text.strip().split("\n")[:_HEAD_LINES]]
    filled = [line for line in head if line]
    lines = [line for line in head if _plausible_title(line)]
    repeated = [line for line in lines if head.count(line) >= 2]
    named = [line for line in lines if words.search(line)]
    headlines = [a for a, b in zip(filled, filled[1:]) if a in lines and meta.match(b)]
    return next(iter(repeated or named or headlines), "")


def publication_date(text: str) -> date | None:
    """The date a page states it was published: the date line that closes a document
    (its signature), else a labelled header line (发布时间：), else a header line giving
    a date with a time of day (晶报 2016-09-21 08:18, 03.07.2018 05:44), else a head
    line that opens with a date and goes on with the page's meta words (2021-07-23
    来源：教育部, 2024年05月01日 星期三)."""
    lines = [line.strip() for line in text.strip().split("\n")]
    head, foot = lines[:_HEAD_LINES], lines[-_FOOT_LINES:]
    lex = _page_lines()
    labels = "|".join(lex["date_labels"])
    signature = [m.groups() for line in foot if (m := re.fullmatch(_DATE_LINE, line))]
    labelled = [m.groups() for line in head if (m := re.search(rf"(?:{labels})\s*[:：]?\s*{_YMD}", line))]
    timed = [m.groups() for line in head if (m := re.search(_YMD + r"日?\s+[0-9]{1,2}:[0-9]{2}", line))]
    timed += [(y, mo, d) for line in head for d, mo, y in re.findall(_DMY_TIME, line)]
    meta_words = "|".join(map(re.escape, lex["date_line_words"]))
    meta = [m.groups() for line in head
            if (m := re.match(rf"{_YMD}日?\s+[^。\n]{{0,20}}?(?:{meta_words})", line))]
    for y, mo, d in signature + labelled + timed + meta:
        try:
            return date(int(y), int(mo), int(d))
        except ValueError:
            continue
    return None


def stated_publishers(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(issuing bodies, site owners) a page names: the bodies of labelled header lines
    (来源：某市教育局) and of the signature above a closing date; the owners of footer
    lines (主办单位：…, …版权所有) and of a site named in the header (欢迎访问某县人民
    政府门户网站). Organisations only: not '本站原创'."""
    lex = _page_lines()
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    org = "|".join(map(re.escape, lex["organisation_ends"]))
    name = rf"([\u4e00-\u9fff（）()]{{2,30}}(?:{org}))"

    # a name is only looked for in a line holding what must follow it (a label, a site
    # word): trying every start of every line is most of the cost of reading a page's lines
    def labelled(labels: list[str], where: list[str]) -> list[str]:
        label = "|".join(labels)
        return [n for line in where if re.search(label, line)
                for n in re.findall(rf"(?:{label})\s*[:：]\s*{name}", line)
                + re.findall(rf"{name}\s*(?:{label})(?![:：])", line)]

    foot = lines[-_FOOT_LINES:]
    signed = [a for a, b in zip(foot, foot[1:]) if re.fullmatch(name, a) and re.fullmatch(_DATE_LINE, b)]
    headers = labelled(lex["publisher_labels"], lines[:_HEAD_LINES]) + signed
    sites = [n for line in lines[:_HEAD_LINES] if re.search(_SITE, line) for n in re.findall(rf"{name}{_SITE}", line)]
    return tuple(dict.fromkeys(headers)), tuple(dict.fromkeys(labelled(lex["site_owner_labels"], foot) + sites))


def outlet_ends() -> list[str]:
    return _page_lines()["outlet_ends"]


def outlet_starts() -> list[str]:
    return _page_lines()["outlet_starts"]


def outlet_credits() -> list[str]:
    return _page_lines()["outlet_credits"]


@functools.cache
def _outlet_patterns() -> tuple[re.Pattern, re.Pattern]:
    lex = _page_lines()
    label, ends = "|".join(lex["publisher_labels"]), "|".join(map(re.escape, outlet_ends()))
    starts, credits = "|".join(map(re.escape, outlet_starts())), "|".join(map(re.escape, outlet_credits()))
    name = (rf"[\u4e00-\u9fff]{{2,12}}?(?:{ends})"
            rf"|(?:{starts})[\u4e00-\u9fff]{{2,6}}?(?=(?:{credits})|[^\u4e00-\u9fff]|$)")
    # 来源：临湘 — a county's own site names itself bare as the source
    bare = r"[\u4e00-\u9fff]{2,4}(?=\s|$)"
    return (re.compile(rf"(?:{label})\s*[:：]\s*({name}|{bare})"),
            re.compile(rf"^\s*({name})(?:{credits})"))


def stated_outlets(text: str) -> tuple[str, ...]:
    """The news outlets a page's labelled header lines name as its source (来源：某某网,
    来源：某市融媒体中心(传媒集团), 来源：云上某某), and those opening a line's dateline
    (某某融媒讯（通讯员…）)."""
    labelled, dateline = _outlet_patterns()
    heads = text.strip().split("\n")[:_HEAD_LINES]
    return tuple(dict.fromkeys(n for line in heads for pattern in (labelled, dateline) for n in pattern.findall(line)))


def _own_number(text: str) -> re.Match | None:
    """The document's own number: on a head line of its own or after a label
    (泉政工〔2002〕文10号, 文件编号：常教计〔2019〕54号), not a number a sentence cites."""
    label = re.compile(rf"(?:{'|'.join(_page_lines()['number_labels'])})\s*[:：]\s*")
    heads = [label.sub("", line.strip(), count=1) for line in text.strip().split("\n")[:_HEAD_LINES]]
    return next((m for line in heads if (m := _DOCUMENT_NUMBER.fullmatch(line))), None)


def own_number_issuer(text: str) -> str | None:
    """The issuer's abbreviation in the document's own number (泉政工 of 泉政工〔2002〕文10号)."""
    m = _own_number(text)
    return m[1] if m else None


def own_number_year(text: str) -> int | None:
    """The year the document's own number was issued in (2005 of 绵府办发[2005]51号)."""
    m = _own_number(text)
    return int(m[2]) if m else None


def number_issuers(text: str) -> list[str]:
    """The issuers' abbreviations of every document number the text holds (苏教财 of
    (苏教财〔2017〕8号)), its own and those it cites."""
    return [m[1] for m in _DOCUMENT_NUMBER.finditer(text)]


def registered_area(text: str) -> str | None:
    """The area code inside the 统一社会信用代码 of a government organ (its first character
    1: registered by 机构编制) that a header line gives (索引号：113706000042604590/2023-08055)."""
    label = "|".join(_page_lines()["credit_code_labels"])
    heads = text.strip().split("\n")[:_HEAD_LINES]
    code = rf"(?:{label})\s*[:：]?\s*1[0-9A-Z]([0-9]{{6}})[0-9A-Z]{{10}}(?![0-9A-Z])"
    found = next((m for line in heads if (m := re.search(code, line))), None)
    return found.group(1) if found else None


def report_type(text: str, ctx: DocContext) -> str:
    """News when the opening holds a dateline or a reporter's sourcing (记者获悉) — other
    when it relays funding statistics or an audit's findings —, or when the title tells of
    an event and neither it nor the opening's formula (意见如下) names a document; else other
    for a notice whose title ends so (关于开展…专项督查的通知 … 通知如下), whatever inspection
    it arranges; else the first type whose cue the title holds; else other for a list's
    record (…名单的公示) or a notice (通知如下); else news when a line or sentence of the
    opening starts with a news lead (日前, 5月12日上午, past a purpose clause: 为…，5月30日)
    before any type's cue, unless the head introduces inspectors'
    findings (具体意见如下) or is a report read to a congress (（…在市人大常委会第…次会议上）);
    else the first type whose cue the opening holds; else self_assessment for a report
    counting its own jurisdiction's schools (我县现有…所); else news when the page is filed
    in a site's news column (/jydt/) and its title names no document; else other."""
    lex = _lexicon()
    title, opening = ctx.title or "", _opening(text, ctx)
    statistics = lex["types"]["other"]
    if lex["datelines"].search(opening):
        # funding statistics or an audit's findings a reporter relays (记者从教育部获悉…统计公告,
        # 新华社…电 审计署…审计调查结果) stay records
        relays_a_record = (statistics.search(title) or statistics.search(opening)
                           or lex["audit_findings"].search(title) or lex["audit_findings"].search(opening))
        return "other" if relays_a_record else "news"
    # inspectors' feedback that opens with the dates of their visit is the feedback, not news of it;
    # so is a report read to a congress that tells when its group visited
    states_findings = (any(w in text[:_FINDINGS_WITHIN] for w in lex["findings_formulas"])
                       or bool(lex["session_lines"].search(opening)))
    names_a_document = (any(w in title for w in lex["not_news"])
                        or bool(_DOCUMENT_NUMBER.search(opening, 0, _DOCUMENT_NUMBER_WITHIN))
                        or any(w in opening for w in lex["document_formulas"]) or states_findings)
    # a title telling of an event (某市召开…评价反馈会, 赴某区开展…评价实地核查) is news of it,
    # whatever report the event concerns
    if lex["news_titles"].search(title) and not names_a_document:
        return "news"
    is_notice = any(w in opening for w in lex["notice_formulas"])
    if is_notice and title.endswith(lex["notice_title_ends"]):
        return "other"
    for kind, cues in lex["types"].items():
        if not (kind == "news" and names_a_document) and cues.search(title):
            return kind
    if title.endswith(lex["record_title_ends"]) or is_notice:
        return "other"
    kinds = [(kind, m) for kind, cues in lex["types"].items()
             if not (kind == "news" and names_a_document) and (m := cues.search(opening))]
    lead = lex["leads"].search(opening)
    # an opening that tells of an event before it names any report is news of it; funding
    # statistics stay statistics when news relays them (近日，某省发布…统计公告)
    if lead and not states_findings and all(kind != "other" and lead.start() < m.start() for kind, m in kinds):
        return "news"
    if kinds:
        return kinds[0][0]
    if title.endswith(lex["own_condition_titles"]) and any(w in opening for w in lex["own_condition_words"]):
        return "self_assessment"
    if not names_a_document and _in_news_column(ctx.source):
        return "news"
    return "other"


def _in_news_column(source: str | None) -> bool:
    """Whether a URL's path files the page under a news column (/news/, /jydt_0411/)."""
    if not source or "://" not in source:
        return False
    return bool(_lexicon()["news_columns"].search(urlsplit(source).path))


def _opening(text: str, ctx: DocContext) -> str:
    """The body's opening, without the title line it may start with."""
    body = text.lstrip()
    if ctx.title and body.startswith(ctx.title):
        body = body[len(ctx.title):]
    return body[:_OPENING]
