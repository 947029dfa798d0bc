"""Years: the year a report reviews, and the date a page's URL encodes in its id.

`report_year` reads, in order:
  1. the title's year (the publication year when the title gives a range up to now; the
     year of the duties the opening names, 2020年履行教育职责, when the title's year is an
     evaluation's round, 2021年对县区政府履行教育职责评价);
     else the year of the results a body published that the opening relays (下发了《关于
     公布2019年度…考核等次的通知》 → 2019: the year assessed, not the day they came out);
     else, for news that opens with an event and no year (12月11日，…) and names no span
     of years it reviews (审计了2006年1月至2007年6月的经费), or whose
     opening dates only counts (截至2022年10月) while the body tells of an undated
     event of the weeks before publication, the year of publication;
  2. the body's opening, after the title and the page's publication header lines (its
     two-digit spans, 06年1月至07年6月, read in full): the last year of a span it names as
     what an audit or a check reviews (对全省2009年至2010年…进行了专项审计调查), else the one year of its first
     sentence dating its authors' own check (检查组于2013年10月…对…进行了检查), else the
     year it names most among those it looks back on (one opening a sentence or
     named as the period reviewed, 2019年度 or an audit's 2005年审计, counts twice; the latest on a tie, as a
     review runs up to its last year);
  3. the publication year (the year before for an opening naming no year that tells of
     its body's activity in months later in the year, 于6月至7月组织开展了专题调研
     published in March, or a campaign since such a month, 自8月份开始; or for a text naming no year that compares
     whole years, 比上年增长: funding statistics of a closed year), else the year of
     the document's own number (绵府办发[2005]51号), else the year a URL path files the
     page under (/2017/);
  4. the whole body, as in 2, else any year it names (plans, cited documents);
  5. the first year of the latest period or campaign it names (十四五, 双减).
A year "looked back on" is not a plan or a forecast (到2025年, 预计…), not a precedent of
what the text reports (这是继2015年之后的第二次检查), not a law's enactment (自1986年实施
《义务教育法》以来), not inside the
name of another document (《…规划(2014年—2020年)》), and not after publication; a range
counts as its last year, one up to now (2014年以来, 2004年秋季开学以来, 2009年起，…) as the publication
year (else the latest year the text states, a cited document's number's among them), a
national congress session (十一届全国人大四次会议) as its calendar year, a school year
(2019—2020学年) as its (last) calendar year. Cue words live
in lexicons/year_cues.yaml.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from datetime import date, datetime, timezone
from urllib.parse import urlsplit

from extractors import docmeta
from extractors.lexicon import LexiconError, check_patterns, load_yaml
from extractors.models import DocContext
from extractors.numbers import parse_number
from extractors.text import CITED_NAME, alternation

_LEXICON = "year_cues.yaml"
# A year: not the tail of a longer number, nor a document number's (〔2019〕) or a
# bracketed range's ((2014年—2020年)) — but a bracketed date ((2016年11月26日)) is one.
YEAR = re.compile(r"(?:(?<![\d〔\[（(])|(?<=[（(])(?=\d{4}年\d{1,2}月))((?:19|20)\d{2})(?=年)")
# The year of a document number (〔2020〕, [2005]).
_NUMBER_YEAR = re.compile(r"[〔\[［]\s*((?:19|20)[0-9]{2})\s*[〕\]］]")
# A range of years, 2021年至2023年8月 / 2015-2016年: its last year stands for it.
# what joins the two years of a span (2019至2021年, 2023—2024学年)
_SPAN_JOINER = r"\s*(?:至|到|—|–|-|~|/)\s*"
_RANGE = re.compile(r"(?:19|20)[0-9]{2}年?(?:[0-9]{1,2}月)?" + _SPAN_JOINER + r"((?:19|20)[0-9]{2}年)")
# A span of years a year-by-year list runs over (2011-2014年, 2016至2019年), no month in it.
_LIST_SPAN = re.compile(r"((?:19|20)[0-9]{2})年?" + _SPAN_JOINER + r"((?:19|20)[0-9]{2})年(?![0-9]{1,2}月)")
# One figure of such a list, as written: a percent or an amount (元 may be left unsaid).
_LIST_ITEM = r"[0-9]+(?:\.[0-9]+)?\s*(?:%|[万亿]?元|[万亿])"
_ITEM_JOINER = r"\s*(?:、|和|及)\s*"
# The figure right before a list's figure: the list goes on to the left.
_ITEM_BEFORE = re.compile(_LIST_ITEM + _ITEM_JOINER + "$")
# A list's figure and those after it.
_ITEMS_FROM = re.compile(_LIST_ITEM + "(?:" + _ITEM_JOINER + _LIST_ITEM + ")*")
_ONE_ITEM = re.compile(_LIST_ITEM)
# A span written with two-digit years from a month (06年1月至07年6月), as news shortens an
# audit's period: its years are read as this century's (or the last's from 50 on).
_SHORT_SPAN = re.compile(r"(?<![0-9])([0-9]{2})(年[0-9]{1,2}月" + _SPAN_JOINER + r")([0-9]{2})(?=年)")
# What ends a clause: a year's plan or deadline words must stand in its own clause.
_CLAUSE_END = "，,。；;！？!?\n"
# A line shorter than this is a header or a label, not the body's first sentence.
_SENTENCE_MIN = 20
# News tells of events of the last weeks: at most this many months before publication.
_NEWS_DELAY_MONTHS = 2
# How much of the body opening is read.
_OPENING = 400
# A short line, not a sentence, that states a full date.
_DATED_LINE = re.compile(r"^[^。\n]{0,40}(?:19|20)[0-9]{2}\s*[-年/.]\s*[0-9]{1,2}\s*[-月/.]\s*[0-9]{1,2}[^。\n]{0,60}$",
                         re.MULTILINE)
# A line that is only a date ((2016年11月26日)), and a time of day (10:06, 12時01分).
_DATE_ONLY = re.compile(r"[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日?[）)]?")
# A month named without its year (于6月至7月), not the tail of a full date.
_UNDATED_MONTH = re.compile(r"(?<![0-9年])([0-9]{1,2})月")
# A day named without its year (6月28日), not the tail of a full date.
_UNDATED_DAY = re.compile(r"(?<![0-9年])([0-9]{1,2})月[0-9]{1,2}日")
_TIME_OF_DAY = re.compile(r"[0-9]{1,2}\s*[:：时時]\s*[0-9]{2}")
# Ids that encode their creation time: a MongoDB ObjectId (24 hex digits, the first 8
# the seconds since 1970) and a bare Unix time in seconds or milliseconds as a page's
# file name (/1610438856248.html).
_OBJECT_ID = re.compile(r"(?<![0-9a-f])([0-9a-f]{8})[0-9a-f]{16}(?![0-9a-f])")
# A path segment that is a year alone (/html/difang/2017/jydt_0619/…): the year a site
# files the page under, its publication year when the path gives no full date.
_URL_YEAR = re.compile(r"/((?:19|20)[0-9]{2})/")
_UNIX_NAME = re.compile(r"/(1[0-9]{9})(?:[0-9]{3})?(?:\.[a-z]+)?$")
# A file name that starts with its creation time written out (/2012111316340048209.html:
# 2012-11-13 16:34:00 and a counter), as some publishing systems name pages.
_STAMP_NAME = re.compile(r"/((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])[0-9]{6,}(?:\.[a-z]+)?$")
# A two-digit year then a month-day, each a path segment of its own (/15/1109/08/…, as
# portal news archives file a page): its publication date in this century.
_SHORT_DATE_PATH = re.compile(r"/([0-9]{2})/([01][0-9])([0-3][0-9])/")
# Ids before this time are not dates of web pages.
_EARLIEST_ID_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc).timestamp()


@functools.cache
def _cues() -> dict:
    data = load_yaml(_LEXICON, ("year_ranges", "range_starts", "school_year_words", "reviewed_year_words", "round_after",
                                "duty_words", "reviewed_span_verbs", "activity_words", "closed_year_comparisons",
                                "part_year_words", "status_before", "header_words", "event_leads", "plan_words",
                                "plan_before", "plan_after", "done_words", "precedents", "enactments", "own_check_verbs",
                                "result_verbs", "result_words", "now_words", "respectively",
                                "list_joiners", "national_terms", "eras", "plan_stages", "counted_days",
                                "school_terms"))
    terms, eras = data["national_terms"], data["eras"]
    if set(data["school_terms"]) != {"first", "last"}:
        raise LexiconError(f"{_LEXICON}: school_terms must list the first and the last terms")
    for key, mapping in (("national_terms", terms), ("eras", eras), ("plan_stages", data["plan_stages"]),
                         ("counted_days", data["counted_days"])):
        if not isinstance(mapping, dict) or not all(isinstance(y, int) for y in mapping.values()):
            raise LexiconError(f"{_LEXICON}: {key} must map words to a first year")
    ranges = check_patterns(_LEXICON, "year_ranges", data["year_ranges"])
    starts = check_patterns(_LEXICON, "range_starts", data["range_starts"])
    duty_words = tuple(check_patterns(_LEXICON, "duty_words", data["duty_words"]))
    numerals = "|".join(sorted(map(re.escape, terms), key=len, reverse=True))
    return {
        # a range up to now may name the part of its first year it starts at (2004年秋季开学以来)
        "since": re.compile(r"(?:19|20)[0-9]{2}(?=年(?:" + "|".join(starts) + ")?(?:"
                            + "|".join(map(re.escape, ranges)) + "))"),
        "school_year": re.compile(r"(?<=[0-9])(?:" + "|".join(map(re.escape, sorted(
            check_patterns(_LEXICON, "school_year_words", data["school_year_words"]), key=len, reverse=True)))
            + ")"),
        "reviewed": tuple(check_patterns(_LEXICON, "reviewed_year_words", data["reviewed_year_words"])),
        "round_after": tuple(check_patterns(_LEXICON, "round_after", data["round_after"])),
        "duty_year": re.compile(r"((?:19|20)[0-9]{2})年度?(?=" + alternation(duty_words) + ")"),
        "span_verbs": tuple(check_patterns(_LEXICON, "reviewed_span_verbs", data["reviewed_span_verbs"])),
        "activity_words": tuple(check_patterns(_LEXICON, "activity_words", data["activity_words"])),
        "duty_words": duty_words,
        "closed_year": tuple(check_patterns(_LEXICON, "closed_year_comparisons", data["closed_year_comparisons"])),
        "part_year": tuple(check_patterns(_LEXICON, "part_year_words", data["part_year_words"])),
        "status_before": tuple(check_patterns(_LEXICON, "status_before", data["status_before"])),
        "header_words": check_patterns(_LEXICON, "header_words", data["header_words"]),
        "event_leads": re.compile("|".join(f"(?:{p})" for p in check_patterns(_LEXICON, "event_leads",
                                                                                data["event_leads"]))),
        "plan_words": check_patterns(_LEXICON, "plan_words", data["plan_words"]),
        "plan_before": re.compile("(?:" + "|".join(check_patterns(_LEXICON, "plan_before", data["plan_before"]))
                                  + ")$"),
        "plan_after": re.compile("|".join(check_patterns(_LEXICON, "plan_after", data["plan_after"]))),
        "done_words": check_patterns(_LEXICON, "done_words", data["done_words"]),
        "precedents": re.compile("|".join(check_patterns(_LEXICON, "precedents", data["precedents"]))),
        "enactments": re.compile("|".join(f"(?:{p})" for p in check_patterns(_LEXICON, "enactments",
                                                                             data["enactments"]))),
        "published_result": re.compile(f"(?:{alternation(check_patterns(_LEXICON, 'result_verbs', data['result_verbs']))})"
                                       r"了?《([^》]*)》"),
        "result_words": tuple(check_patterns(_LEXICON, "result_words", data["result_words"])),
        "own_check_verbs": tuple(check_patterns(_LEXICON, "reviewed_span_verbs", data["reviewed_span_verbs"])
                                 + check_patterns(_LEXICON, "own_check_verbs", data["own_check_verbs"])),
        "now_words": check_patterns(_LEXICON, "now_words", data["now_words"]),
        "respectively": check_patterns(_LEXICON, "respectively", data["respectively"]),
        "list_joiners": check_patterns(_LEXICON, "list_joiners", data["list_joiners"]),
        "terms": terms,
        "eras": eras,
        "staged": re.compile("(" + "|".join(map(re.escape, eras)) + ")[”\"’]?(?:规划)?("
                             + "|".join(map(re.escape, data["plan_stages"])) + ")之?年"),
        "plan_stages": data["plan_stages"],
        # a term names its year (2023—2024学年第一学期 → 2023): the range's first or last year
        "school_terms": {which: re.compile(r"((?:19|20)[0-9]{2})年?" + _SPAN_JOINER + r"((?:19|20)[0-9]{2})"
                                           r"(?:学年度|学年)(?=" + "|".join(map(re.escape, words)) + ")")
                         for which, words in data["school_terms"].items()},
        "counted_day": re.compile("第([一二三四五六七八九十百0-9]+)个(" + "|".join(map(re.escape, data["counted_days"])) + ")"),
        "counted_days": data["counted_days"],
        "session": re.compile(rf"第?({numerals})届(?:全国)?(?:人大|人民代表大会|政协)?第?([一二三四五六七八九十])次(?:全体)?会议"),
    }


def report_year(text: str, ctx: DocContext) -> int | None:
    """The year under review (see the module's docstring for the order of evidence)."""
    published = ctx.publish_date.year if ctx.publish_date else None
    title = _RANGE.sub(r"\1", as_calendar_years(_term_years(ctx.title or "")))
    m = YEAR.search(title)
    if m:
        year = int(m.group(1))
        if _cues()["since"].match(title, m.start()):
            return max(year, published or year)
        # an evaluation round reviews the duties of the year its body names
        if title.startswith(_cues()["round_after"], m.end() + 1) and (duty := _cues()["duty_year"].search(_opening(text, ctx))):
            return int(duty[1])
        return year
    # a report on governments' duties whose title names no year reviews the latest year of
    # duties its body names (二、2017年履行教育职责…整改情况 三、2018年履行教育职责…进展 → 2018)
    if duties := _duty_years(title, text, published):
        return max(duties)
    opening = _opening(text, ctx)
    if result_year := _published_result_year(opening):
        return result_year
    if ctx.publish_date and not _names_a_reviewed_span(opening) and (
            year := _event_year(opening, ctx.publish_date) or _event_year_after_status(text, opening, ctx.publish_date)):
        return year
    year = _audited_span_year(opening) or _own_check_year(opening) or _pick(looked_back_years(opening, published))
    if year is None and ctx.publish_date and (year := _activity_months_year(opening, ctx.publish_date)):
        return year
    if year is None and published is None:
        year = _pick(looked_back_years(text, None)) or _pick(named_years(text, None))
    if year is None and published is not None and _reports_closed_year(text):
        return published - 1
    return (year or published or docmeta.own_number_year(text) or year_of_url(ctx.source)
            or _named_occasion_year(text) or _era_year(text))


def _names_a_reviewed_span(opening: str) -> bool:
    """Whether the opening, outside cited names, names a span of years (2006年1月至2007年6月,
    2010至2011年度) that is no plan: the period an audit or a check reviews, which a news
    item relaying it dates its findings by, not by the day it ran."""
    own = CITED_NAME.sub("", opening)
    # (a range's match ends past its 年, where a year's ends before it: 2017年学前教育 is no deadline 前)
    return any(not _is_plan_year(own, m.start(), m.end() - 1) for m in _RANGE.finditer(own))


def _duty_years(title: str, text: str, published: int | None) -> list[int]:
    """The years of duties (2018年履行教育职责) a text whose title names such duties but no
    year names outside cited names, none after publication."""
    c = _cues()
    if not any(w in title for w in c["duty_words"]):
        return []
    return [int(m[1]) for m in c["duty_year"].finditer(CITED_NAME.sub("", text)) if not published or int(m[1]) <= published]


def _audited_span_year(opening: str) -> int | None:
    """The last year of the first span of years the opening names as what an audit or a
    check reviews (对全省2009年至2010年…专项资金…进行了专项审计调查 → 2010)."""
    own = CITED_NAME.sub("", opening)
    verbs = _cues()["span_verbs"]
    for m in _RANGE.finditer(own):
        clause_start, clause_end = _clause(own, m.start(), m.end())
        if ("对" in own[clause_start:m.start()] and any(v in own[m.end():clause_end] for v in verbs)
                and not _is_plan_year(own, m.start(), m.end() - 1)):
            return int(m[1][:4])
    return None


def _published_result_year(opening: str) -> int | None:
    """The year of the results a body published that the opening relays (下发了《关于公布2019年度
    …督导考核等次的通知》 → 2019): the year assessed, not the day they came out."""
    c = _cues()
    for m in c["published_result"].finditer(opening):
        if any(w in m[1] for w in c["result_words"]) and (year := YEAR.search(m[1])):
            return int(year[1])
    return None


def _own_check_year(opening: str) -> int | None:
    """The one year of the opening's first sentence when it dates its authors' own check or
    survey (检查组…于2013年10月上中旬，对海口…进行了检查): the year under review, whatever
    earlier years the figures after it list."""
    own = CITED_NAME.sub("", opening)
    first = next((s for s in re.split(r"[。：:\n]", own) if len(s.strip()) >= _SENTENCE_MIN), "")
    named = [m for m in YEAR.finditer(first) if not _is_plan_year(first, m.start(), m.end())]
    if len(named) != 1 or not first[:named[0].start()].endswith("于"):
        return None
    return int(named[0][1]) if any(v in first[named[0].end():] for v in _cues()["own_check_verbs"]) else None


def _event_year_after_status(text: str, opening: str, published: date) -> int | None:
    """The year of an event on a day the body names without a year, in the weeks
    before publication, when the opening's only years date counts (截至2022年10月)."""
    c = _cues()
    opening = CITED_NAME.sub("", opening)
    years_named = list(YEAR.finditer(opening))
    if not years_named or not all(opening[:m.start()].endswith(c["status_before"]) for m in years_named):
        return None
    for m in _UNDATED_DAY.finditer(text):
        sentence_start = max(text.rfind(ch, 0, m.start()) for ch in "。！？!?\n") + 1
        if YEAR.search(text, sentence_start, m.start()):
            continue
        months_before = published.month - int(m[1])
        if 0 <= months_before % 12 <= _NEWS_DELAY_MONTHS:
            return published.year - (1 if months_before < 0 else 0)
    return None


def _activity_months_year(opening: str, published: date) -> int | None:
    """The year before publication for an opening that names no year and tells of its
    body's own activity in months later in the year than the page went up (调研组于6月至
    7月组织开展了专题调研, published in March: last year's survey); None otherwise."""
    c = _cues()
    own = CITED_NAME.sub("", opening)
    if YEAR.search(own):
        return None
    for m in _UNDATED_MONTH.finditer(own):
        clause_start, clause_end = _clause(own, m.start(), m.end())
        clause = own[clause_start:clause_end]
        # (a month set as a deadline or a plan, 于12月底前完成, 将于8月, dates nothing done)
        if any(w in clause for w in c["activity_words"]) and not _is_plan_year(own, m.start(), m.end() - 1):
            return published.year - 1 if int(m[1]) > published.month else None
    return None


def _reports_closed_year(text: str) -> bool:
    """The text names no year and compares whole years (比上年增长15%), with no word
    for a part of a year: it reports the year before its publication."""
    c = _cues()
    return (YEAR.search(text) is None and any(w in text for w in c["closed_year"])
            and not any(w in text for w in c["part_year"]))


def _event_year(opening: str, published: date) -> int | None:
    """The year of the event a news item opens with when it states none (12月11日，…):
    the publication's, or the year before for an event of the last weeks before a new
    year (12月28日 published on 5 January). A month further off than that points at
    a repost's date, not the event's year."""
    lines = opening.split("\n")
    at = next((i for i, line in enumerate(lines) if len(line.strip()) >= _SENTENCE_MIN), len(lines))
    m = _cues()["event_leads"].match(lines[at].strip()) if at < len(lines) else None
    if not m or YEAR.search("\n".join(lines[:at])):  # a date line above it (（2016年11月26日）) dates it
        return None
    month = int(m["month"]) if m.groupdict().get("month") else None
    turned = month is not None and 0 < published.month + 12 - month <= _NEWS_DELAY_MONTHS
    return published.year - 1 if turned and month > published.month else published.year


def looked_back_years(where: str, published: int | None) -> list[int]:
    """The years `where` looks back on, in order (see the module's docstring); a law's
    enactment (自1986年实施《义务教育法》以来) is its history, none of them."""
    return named_years(CITED_NAME.sub("", _cues()["enactments"].sub("", where)), published, plans=False)


def named_years(where: str, published: int | None, plans: bool = True) -> list[int]:
    """The years `where` names, in order, none after publication: a range as its last
    year, one up to now as the publication year, a national congress session as its
    year; plan and forecast years, and the precedents of what it reports (继1986年之后),
    only when `plans`."""
    c = _cues()
    where = _RANGE.sub(r"\1", as_calendar_years(_term_years(where)))
    # up to now: the publication year, else the latest year the text states it has reached
    now = published or (c["since"].search(where) and _latest_stated_year(where))
    if now:
        where = c["since"].sub(str(now), where)
    found: list[tuple[int, int]] = []
    precedents = [] if plans else [m.span() for m in c["precedents"].finditer(where)]
    for m in YEAR.finditer(where):
        if plans or not (_is_plan_year(where, m.start(), m.end())
                         or any(start <= m.start() < end for start, end in precedents)):
            reviewed = where.startswith(c["reviewed"], m.end())
            found += [(m.start(), int(m[1]))] * (2 if reviewed or _opens_sentence(where, m) else 1)
    found += _session_years(where)
    return [year for _, year in sorted(found) if not published or year <= published]


def _latest_stated_year(where: str) -> int | None:
    """The latest year `where` names that is no plan, the years of the document numbers it
    cites (国教督办〔2020〕3号) among them: a text with no date was written that year or after."""
    years = [int(m[1]) for m in YEAR.finditer(where) if not _is_plan_year(where, m.start(), m.end())]
    years += [int(y) for y in _NUMBER_YEAR.findall(where)]
    return max(years, default=None)


def _term_years(where: str) -> str:
    """`where` with each term of a school year across two years written as the calendar
    year it falls in (2023—2024学年第一学期 → 2023年第一学期, …第二学期 → 2024年第二学期)."""
    terms = _cues()["school_terms"]
    return terms["last"].sub(r"\2年", terms["first"].sub(r"\1年", where))


def as_calendar_years(where: str) -> str:
    """`where` with each school year (2021学年, 2019—2020学年度) written as a calendar
    year (2021年, 2019—2020年), so that it reads as one."""
    return _cues()["school_year"].sub("年", where)


def _opens_sentence(where: str, m: re.Match) -> bool:
    """A year at a sentence's start (2017年，…; 2013年9月4日至8日，…) dates everything
    the sentence states; a line that is only a date states nothing else."""
    before = where[:m.start()].rstrip(" \t\u3000")
    line_end = where.find("\n", m.end())
    line = where[m.start():line_end if line_end >= 0 else len(where)]
    return (not before or before[-1] in "。！？!?\n") and not _DATE_ONLY.fullmatch(line.strip())


def _is_plan_year(where: str, start: int, end: int) -> bool:
    """A year set as a deadline or forecast: 到2025年, 2025年前, a plan word in its
    clause — unless the clause tells what is already done by then."""
    c = _cues()
    clause_start, clause_end = _clause(where, start, end)
    clause = where[clause_start:clause_end]
    if any(w in clause for w in c["done_words"]):
        return False
    return bool(any(w in clause for w in c["plan_words"]) or c["plan_before"].search(where[clause_start:start])
                or c["plan_after"].match(where, end + 1))


def _session_years(where: str) -> list[tuple[int, int]]:
    """(position, year) of each national congress session named (全国 in its clause)."""
    c = _cues()
    out = []
    for m in c["session"].finditer(where):
        clause_start, clause_end = _clause(where, m.start(), m.end())
        if "全国" in where[clause_start:clause_end]:
            out.append((m.start(), c["terms"][m[1]] + int(parse_number(m[2])) - 1))
    return out


def _clause(where: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause holding where[start:end]."""
    clause_start = max(where.rfind(ch, 0, start) for ch in _CLAUSE_END) + 1
    ends = [i for i in (where.find(ch, end) for ch in _CLAUSE_END) if i >= 0]
    return clause_start, min(ends, default=len(where))


def _named_occasion_year(text: str) -> int | None:
    """The one year a period's stage (十四五收官之年) or a counted yearly day (第三十九个
    教师节) names, for a text that names no year: the first such in the text."""
    c = _cues()
    found = [(m.start(), c["eras"][m[1]] + c["plan_stages"][m[2]]) for m in c["staged"].finditer(text)]
    found += [(m.start(), c["counted_days"][m[2]] + int(parse_number(m[1])) - 1)
              for m in c["counted_day"].finditer(text)]
    return min(found)[1] if found else None


def _era_year(text: str) -> int | None:
    """The first year of the latest period or campaign the text names (十四五, 双减):
    the earliest year it can review, for a text that names no year at all."""
    return max((year for term, year in _cues()["eras"].items() if term in text), default=None)


def _pick(years: list[int]) -> int | None:
    """The year named most (a year that opens a sentence counts twice); the latest on
    a tie."""
    if not years:
        return None
    counts = Counter(years)
    return max(counts, key=lambda y: (counts[y], y))


def _opening(text: str, ctx: DocContext) -> str:
    """The body's opening, without the title line it may start with and without the
    page's publication header lines (发布时间：2019年03月07日 10:06 — when the page
    went up, not what it reviews), its spans of two-digit years written in full."""
    body = text.lstrip()
    if ctx.title and body.startswith(ctx.title):
        body = body[len(ctx.title):]
    words = _cues()["header_words"]
    opening = _DATED_LINE.sub(lambda m: "" if _TIME_OF_DAY.search(m[0]) or any(w in m[0] for w in words) else m[0],
                              body[:_OPENING])
    return _SHORT_SPAN.sub(lambda m: _full_year(m[1]) + m[2] + _full_year(m[3]), opening)


def _full_year(short: str) -> str:
    """A two-digit year written in full: this century's, the last's from 50 on."""
    return ("19" if int(short) >= 50 else "20") + short


def figure_year_in_span_list(before: str, rest: str) -> int | None:
    """The year of a figure in a year-by-year list under a span of years
    (2016-2019年，全县教育支出3.1亿元、3.4亿元、3.9亿元、4.2亿元，比上年分别增长…): the span's
    i-th year for the list's i-th figure, when the list holds one figure per year of the span;
    `before` is the sentence up to the figure's number, `rest` the text from it on. A list of
    another length is no year-by-year list, and is left to the other rules."""
    span = None
    for span in _LIST_SPAN.finditer(before):
        pass
    if span is None:
        return None
    first, last = int(span[1]), int(span[2])
    place, end = 0, len(before)
    while (m := _ITEM_BEFORE.search(before, span.end(), end)) is not None:
        place, end = place + 1, m.start()
    items = _ITEMS_FROM.match(rest)
    count = place + (len(_ONE_ITEM.findall(items[0])) if items else 0)
    return first + place if last > first and count == last - first + 1 else None


def figure_year_in_list(before: str) -> int | None:
    """The year of a figure in a list after 分别 (2005年、2006年…分别为19%和18.56%):
    the year at its place in the list of two or more years named before 分别, from
    `before`, the sentence up to the figure's number. Only years listed one after the other
    count (2005年、2006年): years apart (2012年…比2006年增加了423亿元…，分别比2006年增加了1435元、
    2569元) are no list the figures follow."""
    c = _cues()
    cue = max((before.rfind(w) for w in c["respectively"]), default=-1)
    if cue < 0:
        return None
    listed: list[int] = []
    last_end = None
    for m in YEAR.finditer(before, 0, cue):
        between = before[last_end:m.start()].lstrip("度").strip() if last_end is not None else ""
        if last_end is not None and between not in c["list_joiners"]:
            listed = []
        listed.append(int(m[1]))
        last_end = m.end() + 1  # past its 年
    after = before[cue:]
    place = sum(after.count(j) for j in c["list_joiners"])
    return listed[place] if len(listed) >= 2 and place < len(listed) else None


def status_words() -> tuple[str, ...]:
    """The words that make a year right after them the date a count was taken (截至)."""
    return _cues()["status_before"]


def says_now(before: str) -> bool:
    """The words right before a figure, since the last year they name, say "now" or
    "up to now" (由2009年的300元提高到现在的550元; 自2013年…后，3年来提高了…): the
    figure is of the report year."""
    last_year = max((m.end() + 1 for m in YEAR.finditer(before)), default=0)  # past its 年
    return any(w in before[last_year:] for w in _cues()["now_words"])


def _path_date(path: str) -> date | None:
    """A short date the path files the page under (/15/1109/), else the date its file
    name starts with (/20121113163400….html); None when not a past day."""
    short, stamp = _SHORT_DATE_PATH.search(path), _STAMP_NAME.search(path)
    try:
        found = (date(2000 + int(short[1]), int(short[2]), int(short[3])) if short
                 else date(int(stamp[1]), int(stamp[2]), int(stamp[3])) if stamp else None)
    except ValueError:
        return None
    return found if found and found <= datetime.now(timezone.utc).date() else None


def year_of_url(url: str) -> int | None:
    """The year a URL's path names as a segment of its own (/html/2017/…), if one."""
    path = urlsplit(url).path if "://" in (url or "") else ""
    m = _URL_YEAR.search(path)
    return int(m[1]) if m else None


def date_of_url_id(url: str) -> date | None:
    """The creation date an id in a URL's path encodes (an ObjectId, a Unix time as the
    file name), else a short date its path files the page under (/15/1109/) or its file
    name starts with; None when there is none or it is not a plausible page date."""
    path = urlsplit(url).path if "://" in (url or "") else ""
    if dated := _path_date(path):
        return dated
    m = _OBJECT_ID.search(path.lower())
    seconds = int(m[1], 16) if m else None
    if seconds is None and (m := _UNIX_NAME.search(path)):
        seconds = int(m[1])
    now = datetime.now(timezone.utc).timestamp()
    if seconds is None or not _EARLIEST_ID_TIME <= seconds <= now:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).date()
