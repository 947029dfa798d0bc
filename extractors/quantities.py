"""Quantities: every percentage and every amount of money, as typed findings.

Stages:
  1. mask non-figures (document numbers, dates, phone numbers, 5+2) — `quantity_words`
  2. read each number as written: value, unit, qualifier, rate basis — `percents`, `money`
  3. read its sentence: the clause qualifier (未达到…的75%), whether it is a target, the
     year, the indicator and whether it is a change (`indicators`), the metric label
     (the indicator's name, else a clean phrase), and the place it is about
  4. sanity flags (a percent over 100 that is not a gross rate), never a drop
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace

from extractors import indicators, money, percents, years
from extractors.models import DocContext, Finding, Place, PlaceMention
from extractors.places import after_citywide_cue, places_for_span
from extractors.quantity_words import MASK, RawFigure, clause_qualifier, cues, mask_non_figures
from extractors.text import CITED_NAME, alternation, clause_spans, enclosing, sentence_spans

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")
_DIGIT = re.compile(r"[0-9]")
# A year then 的 and a multiple (是2007年的3.7倍): the base a multiple is taken of.
_MULTIPLE_OF = re.compile(r"的?[0-9.]+倍")
# A sentence that opens with "2020年，" or a cut-off "截至2018年底，" sets the year for the sentences
# after it (截至2018年底，全省共有学校…；学前教育三年毛入园率81.83%).
# A list item reads the year of its lead-in line across at most this many items above it.
_LIST_ITEMS_READ = 12
# How far after a figure the rest of its year-by-year list is read (a dozen amounts).
_LIST_READ = 200
# What ends a full sentence within a paragraph, where the semicolon-joined parts that share its
# cut-off date end.
_FULL_STOPS = "。！？!?"
_MARKER_CHARS = 6
_MARKER_NUMBER = re.compile(r"\d+|[一二三四五六七八九十]+")
# Place words that point at the whole jurisdiction rather than name a place.
_GENERIC_PLACE = re.compile(r"^(?:全|各|本|我)")
_LIST_JOINERS = set("、和及与,，")
# What joins figures listed one per place (20%和21%); a comma starts another statement.
_FIGURE_JOINERS = set("、和及与 ")
# A locative after a figure: the figure's share lies in the place named next (分布在某市).
_LOCATIVE = re.compile(r"[^，,；;。在]{0,4}?在")


def extract(text: str, ctx: DocContext) -> list[Finding]:
    """Percent and money findings of one normalised document."""
    masked = mask_non_figures(text)
    figures = sorted(percents.find(masked) + money.find(masked), key=lambda f: f.start)
    sentences = sentence_spans(text)
    out: list[Finding] = []
    previous: dict[tuple[int, int], Finding] = {}  # last finding per sentence, for 较上年增长
    body_start = _body_start(text, ctx.title)
    for fig in figures:
        if fig.start < body_start:
            continue
        s_start, s_end = enclosing(sentences, fig.number_start)
        clauses = clause_spans(text, s_start, s_end)
        c_start, c_end = enclosing(clauses, fig.number_start)
        prior = previous.get((s_start, s_end))
        window_start = max(c_start, prior.end if prior and prior.end <= fig.number_start else c_start)
        if fig.qualifier == "exact":
            fig.qualifier = clause_qualifier(text[c_start:fig.number_start]) or "exact"
        header = _column_header(text, fig.start, ctx.blocks)
        same_range = _same_range(fig, prior)
        finding = Finding(
            kind=fig.kind, text=text[fig.start:fig.end], sentence=text[s_start:s_end],
            start=fig.start, end=fig.end, value=None if fig.value is None else float(fig.value),
            value_from=None if fig.value_from is None else float(fig.value_from),
            unit=fig.unit, direction=fig.direction, per=fig.per, qualifier=fig.qualifier,
            is_target=_is_target(text[c_start:c_end]),
            year=_year(text, s_start, fig.number_start, sentences, ctx.report_year,
                       ctx.publish_date.year if ctx.publish_date else None),
            metric=prior.metric if same_range else
            header or
            _metric(text, (window_start, fig.number_start), _previous_clause(clauses, c_start), ctx.mentions, prior),
            flags=list(fig.flags) + _sanity(fig, text[c_start:c_end]),
        )
        if same_range:  # the high end of 60%-70% measures what its low end does
            finding.metric_code, finding.change = prior.metric_code, prior.change
        else:
            indicator = indicators.decide(text, fig.start, fig.end, fig.kind, fig.unit, (s_start, s_end), out, header)
            finding.metric_code, finding.change = indicator.code, indicator.change
        # the indicator's own name lines labels up across places; a phrase only for `other`
        finding.metric = indicators.label(finding.metric_code) or clean_metric(finding.metric)
        places = _places(text, fig, (s_start, s_end), ctx, [f for f in out if s_start <= f.start])
        finding.with_place(places[0] if places else None)
        finding.places = [p.adcode for p in places]
        out.append(finding)
        previous[(s_start, s_end)] = finding
    return out


def _body_start(text: str, title: str) -> int:
    """Where the body begins: at the report's title standing as a line of its own, when
    only page furniture comes before it (short lines with no full stop), which states no
    figure of the report. The headline is part of the page and its figures count — unless
    the title stood twice, once in a list of the page's headlines (an e-paper page): then
    the body begins after its last line, and that headline repeats the list's."""
    title = title.strip()
    if len(title) < 6:
        return 0
    title_lines, pos = [], text.find(title)
    first_stop = text.find("。")
    while pos >= 0 and (first_stop < 0 or pos < first_stop):
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:line_end].strip() == title:
            title_lines.append((line_start, line_end))
        pos = text.find(title, pos + len(title))
    if not title_lines:
        return 0
    return title_lines[0][0] if len(title_lines) == 1 else title_lines[-1][1]


def _column_header(text: str, offset: int, blocks) -> str | None:
    """In a table row (cells joined by tabs), its column's header cell: the header is
    the first row of the run of table rows the figure's row belongs to."""
    header = None
    for block in blocks:
        if block.kind != "table_row":
            header = None
            continue
        header = header or block
        if block.start <= offset < block.end:
            if block is header:
                return None
            column = text.count("\t", block.start, offset)
            cells = text[header.start:header.end].split("\t")
            return (cells[column].strip() if column < len(cells) else "") or None
    return None


def _same_range(fig: RawFigure, prior: Finding | None) -> bool:
    """The high end of a range (60%-70%) measures what its low end does."""
    return prior is not None and "range" in fig.flags and "range" in prior.flags \
        and 0 <= fig.number_start - prior.end <= 2 and prior.kind == fig.kind


def _previous_clause(clauses: list[tuple[int, int]], clause_start: int) -> tuple[int, int] | None:
    earlier = [c for c in clauses if c[1] <= clause_start]
    return earlier[-1] if earlier else None


def _is_target(clause: str) -> bool:
    return any(cue in clause for cue in cues()["target_cues"])


def _year(text: str, sentence_start: int, number_start: int, sentences: list[tuple[int, int]],
          report_year: int | None, written: int | None) -> int | None:
    """The year at the figure's place in a list after 分别 (2005年、2006年…分别为19%和
    18.56%); the report year after "now" (提高到现在的550元); the year nearest before
    the number in its sentence (2019年下降…，2020年增幅…); else the cut-off date of the
    parts of its full sentence before it (截至2019年底，…；…占比4.96%); else the year an earlier
    sentence of the same paragraph opens with (2020年，A区…。B区…为13.78%), or that the
    paragraph's first sentence starts with (2023年辖区共有学校46所…。…毛入园率124%) when it
    looks back on it; else, in a list item, the year its lead-in line states (2020年全区…
    情况是：⏎(1)…为2716元); `YYYY年以来` means the report year, 今年 and 去年 count from the
    publication year (`written`) when known; else the report year."""
    before = years.as_calendar_years(text[sentence_start:number_start])
    year = years.figure_year_in_span_list(before, text[number_start:number_start + _LIST_READ]) \
        or years.figure_year_in_list(before)
    if year is None and report_year is not None and years.says_now(before):
        year = report_year
    paragraph_start = text.rfind("\n", 0, sentence_start) + 1
    # a list item's 上年 is the year before its lead-in's year
    stated = _lead_in_year(text, paragraph_start, report_year, written) or report_year
    year = year or _last_year(before, stated, written) or _cutoff_before(text, paragraph_start, sentence_start)
    if year is not None:
        return year
    for s, e in reversed([sp for sp in sentences if paragraph_start <= sp[0] < sentence_start]):
        m = _opening_year().match(text, s)
        if m:
            return int(m[1])
        if s == paragraph_start and (m := _paragraph_year().match(text, s)) \
                and int(m[1]) in years.looked_back_years(text[s:e], None):
            return int(m[1])
    return stated


def _cutoff_before(text: str, paragraph_start: int, sentence_start: int) -> int | None:
    """The year of a cut-off clause (截至2019年底，) in the parts of its full sentence before
    this one (…截至2019年底，仍有超大班额20个；仍有大班额887个，占比4.96%): the date the
    counts joined by semicolons were taken."""
    full_start = max(paragraph_start, *(text.rfind(stop, paragraph_start, sentence_start) + 1 for stop in _FULL_STOPS))
    found = list(_cutoff_year().finditer(text, full_start, sentence_start))
    return int(found[-1][1]) if found else None


@functools.cache
def _cutoff_year() -> re.Pattern:
    date_end = r"(?:底|末|\d{1,2}月(?:\d{1,2}日)?)?"
    return re.compile(rf"(?:{alternation(years.status_words())})\s*((?:19|20)\d{{2}})\s*年{date_end}\s*[,，]")


@functools.cache
def _opening_year() -> re.Pattern:
    return re.compile(rf"(?:{alternation(years.status_words())})?\s*((?:19|20)\d{{2}})\s*年度?(?:底|末)?\s*[,，]")


@functools.cache
def _paragraph_year() -> re.Pattern:
    """A year opening a paragraph's statement (2023年辖区共有…), not a range's or a start's
    (2019至2021年, 2009年起, 2014年以来)."""
    return re.compile(r"\s*((?:19|20)\d{2})\s*年度?(?:底|末)?(?![\d至到—–\-~/以起前])")


def _lead_in_year(text: str, paragraph_start: int, report_year: int | None, written: int | None) -> int | None:
    """The year stated by the line that leads in the list whose item starts at
    `paragraph_start`: the first line above it that is no item of the same list (a
    heading 3.… may lead in items (1)…)."""
    family = _list_family(text[paragraph_start:paragraph_start + _MARKER_CHARS])
    end = paragraph_start
    for _ in range(_LIST_ITEMS_READ):
        if family is None or end == 0:
            return None
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start:end - 1]
        if _list_family(line[:_MARKER_CHARS]) != family:
            return _last_year(years.as_calendar_years(line), report_year, written)
        end = start
    return None


def _list_family(line_start: str) -> str | None:
    """The shape of the list marker opening a line ((#), #., #、), None when it has none."""
    m = indicators.LIST_MARKER.match(line_start)
    return _MARKER_NUMBER.sub("#", m[0].strip()) if m else None


def _last_year(window: str, report_year: int | None, written: int | None = None) -> int | None:
    """The year of a figure from the words before it: the last explicit year or year
    word that is not a comparison base. A base that the figure itself is the level of
    (比上年的12.36亿元, 较2020年的86%) is that base's year. A year word counts from the
    last explicit year before it that is no start (2009年起), else from the report year — 今年
    and 去年 from the year the text was written (`written`, its publication year) when known."""
    c = cues()
    best: tuple[int, int] | None = None  # (position, year)
    starts = False  # the stated year starts a span (2009年起, 2014年以来)
    for m in _YEAR.finditer(window):
        rest = window[m.end():m.end() + 4]
        if any(rest.startswith(w) for w in c["year_not_figure"]):
            continue
        if any(window[:m.start()].endswith(w) for w in c["year_base_before"]):
            if _links_base_to_figure(window[m.end():]):
                return int(m[1])
            continue
        if _starts_earlier_change(window, m.start(), m.end()) or _closes_comparison(window, m.start(), m.end()) \
                or _MULTIPLE_OF.match(window, m.end()):
            continue
        since = any(rest.startswith(w) for w in c["year_since"])
        starts = since or any(rest.startswith(w) for w in c["year_from"])
        best = (m.start(), report_year if since and report_year else int(m[1]))
    stated = best[1] if best and not starts else None  # 2009年起…去年: 去年 is not 2008
    for word, offset in c["year_words"].items():
        # 去年 counts from when the text was written, 上年 from the year its statement is about
        anchor = stated or (written if written and word in c["year_words_of_writing"] else report_year)
        pos = window.rfind(word)
        if anchor is None or pos < 0 or (best is not None and pos <= best[0]):
            continue
        if any(window[:pos].endswith(w) for w in c["year_base_before"]):
            if _links_base_to_figure(window[pos + len(word):]):
                return anchor + offset
            continue  # 比上年增长12%: the year compared with, not the figure's
        if _starts_earlier_change(window, pos, pos + len(word)):
            continue
        best = (pos, anchor + offset)
    return best[1] if best else None


def _starts_earlier_change(window: str, start: int, end: int) -> bool:
    """The year at window[start:end] opens a change 由/从…到 whose starting level stands
    between it and the figure (由上年的8200元提高到9100元): it is that level's year, while
    the level reached and the rate are of the statement's year."""
    c = cues()
    if not any(window[:start].endswith(w) for w in c["change_from"]):
        return False
    level = _DIGIT.search(window, end)  # a list of starting levels (由2009年的300元、500元) is not past it
    return level is not None and any(w in window[level.end():] for w in c["change_to"])


def _closes_comparison(window: str, start: int, end: int) -> bool:
    """The year at window[start:end] opens a comparison (与2018年…) that closes (相比)
    before the figure: the year compared with, not the figure's."""
    c = cues()
    return window[:start].endswith(tuple(c["year_frame_open"])) and any(w in window[end:] for w in c["year_frame_close"])


def _links_base_to_figure(between: str) -> bool:
    """Only a link word (的, 为, 同期的) stands between a comparison base and the figure."""
    between = between.strip()
    return not between or between in cues()["year_base_links"]


def _metric(text: str, window: tuple[int, int], previous_clause: tuple[int, int] | None,
            mentions, prior: Finding | None) -> str | None:
    """What is measured: the words before the number in its clause, with place, year,
    qualifier and link words stripped. A clause with no words of its own
    (…增幅全市最高，为13.78%) takes the clause before when that one holds no figure; a
    bare change word (较上年度增长12.75%) takes the metric of the figure before it."""
    phrase, change = _metric_phrase(_after_places(text, window, mentions))
    if not phrase and previous_clause and (prior is None or prior.end <= previous_clause[0]):
        phrase, change_before = _metric_phrase(_after_places(text, previous_clause, mentions))
        change = change or change_before
    if not phrase:
        if change and prior is not None and prior.metric:
            base = prior.metric
            for suffix in set(cues()["metric_change_suffix"].values()):
                base = base.removesuffix(suffix)
            return base + change
        return None
    return phrase + change if change and not phrase.endswith(_RATE_ENDINGS) else phrase


def _after_places(text: str, span: tuple[int, int], mentions) -> str:
    """text[span] from the end of the last place named in it (丰台区一般… → 一般…)."""
    start, end = span
    cut = max((m.end for m in mentions if start <= m.start and m.end <= end), default=start)
    return text[cut:end]


_RATE_ENDINGS = ("率", "比例", "占比", "幅", "幅度")
# 每生每年 before an amount is its rate basis (`per`), not part of the metric
_RATE_BASIS = re.compile(r"(?:每[^每，,、]{1,3})+$")
_TRAILING_COUNT = re.compile(r"[\d一二三四五六七八九十两]+个$")


def _metric_phrase(window: str) -> tuple[str, str]:
    """(the noun phrase of a clause window, the change suffix its verb implies)."""
    c = cues()
    phrase = _YEAR.sub("", window.replace(MASK, ""))
    phrase = re.sub(rf"^(?:{alternation(c['year_since'])})", "", phrase).strip("、，,：:“”\" ")
    qualifier_words = [w for q in c["qualifiers"].values() for w in q["before"]]
    trailing = sorted(c["metric_trailing_links"] + qualifier_words + c["change_from"], key=len, reverse=True)
    change = ""
    stripped = True
    while stripped and phrase:
        stripped = False
        phrase = _RATE_BASIS.sub("", _TRAILING_COUNT.sub("", phrase)).rstrip("“”\"（(、 ")
        for w in trailing:
            if phrase.endswith(w):
                change = change or next((s for v, s in c["metric_change_suffix"].items() if w.startswith(v)), "")
                phrase, stripped = phrase[: -len(w)], True
                break
        for w in c["metric_leading_words"]:
            if phrase.startswith(w):
                phrase, stripped = phrase[len(w):], True
                break
    phrase = phrase.strip("、，,：:“”\"（）() ")[-c["metric_max_chars"]:]
    if len(phrase) < 2:  # a lone function character (离50%的目标) names nothing
        phrase = ""
    for v, s in c["metric_change_suffix"].items():
        if phrase.endswith(v) and len(phrase) <= len(v) + 4:
            return "", change or s
    return phrase, change


# Label shapes that name nothing: a list number or bracket in front (1.全省幼儿园, 三)多付工程款)
# is cut off; a bare number, a lone character, a phrase opening with a digit or a link word
# (66县将, 分别比提升幅度) or only a place word (全省) is refused (indicator_words.yaml).
_LIST_NUMBER = re.compile(r"^\s*(?:[(（\[【]?\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）\]】.．、]\s*)+")
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_NUMBER_ONLY = re.compile(r"^[\d.,，%％\s\-—~～]*$")


def clean_metric(phrase: str | None) -> str | None:
    """A metric label as a clean noun phrase, or None when nothing clean is left."""
    if not phrase:
        return None
    phrase = _LIST_NUMBER.sub("", _ASIDE.sub("", phrase))
    phrase = re.split(r"[(（\[【]", phrase)[0]  # an aside left open runs to the end
    phrase = re.split(r"[)）\]】]", phrase)[-1]  # one closed without its opening starts the label
    phrase = phrase.strip("、，,：:;；“”\"'‘’ 　")
    w = indicators.words()
    if len(phrase) < 2 or _NUMBER_ONLY.match(phrase) or phrase[0].isdigit() or phrase in w["label_refused_whole"] \
            or phrase.startswith(tuple(w["label_refused_starts"])) or phrase.endswith(tuple(w["label_refused_ends"])):
        return None
    return phrase


def _sanity(fig: RawFigure, clause: str) -> list[str]:
    if fig.kind == "percent" and fig.unit == "percent" and fig.value is not None and fig.value > 100 \
            and not any(w in clause for w in cues()["over_100_ok"]):
        return ["percent_over_100"]
    return []


def _places(text: str, fig: RawFigure, sentence: tuple[int, int], ctx: DocContext,
            earlier: list[Finding]) -> list[Place]:
    """The place a figure is about: the places named nearest before it in its sentence
    (a list 环翠区、文登区…未达到…75% gives all, first named first; the k-th of figures
    listed after them, 分别为20%和21%, goes to the k-th place first); else the place a
    locative after it in its clause names (75%分布在某市); else the places resolver
    for its clause (全区 → the section's district). Not a place inside the name of a
    cited document (《某自治区…办法》 is its issuer's), nor one an earlier figure's
    locative took (30%在某县，其余…)."""
    clauses = clause_spans(text, *sentence) or [sentence]
    taken = {m.start for f in earlier for m in _locative(text, f, enclosing(clauses, f.start), ctx.mentions)}
    cited = [m.span() for m in CITED_NAME.finditer(text, *sentence)]
    first = after_citywide_cue(text, enclosing(clauses, fig.start)[0], fig.number_start) or sentence[0]
    named = [m for m in ctx.mentions
             if m.place is not None and first <= m.start and m.end <= fig.number_start
             and not _GENERIC_PLACE.match(m.surface) and m.start not in taken
             and not any(a <= m.start < b for a, b in cited)]
    if named:
        places = list(dict.fromkeys(m.place for m in _nearest_group(text, named)))
        k = _listed_before(text, fig, earlier)
        return places[k:k + 1] + places[:k] + places[k + 1:] if k < len(places) else places
    located = _locative(text, fig, enclosing(clauses, fig.start), ctx.mentions)
    if located:
        return list(dict.fromkeys(m.place for m in located))
    if taken:  # the clause before is about its own figure's place, not this one's
        ctx = replace(ctx, mentions=tuple(m for m in ctx.mentions if m.start not in taken))
    return places_for_span(text, fig.start, fig.end, ctx, scope="clause")


def _locative(text: str, fig, clause: tuple[int, int], mentions) -> list[PlaceMention]:
    """The places a locative right after a figure names in its clause, with those listed
    after the first (…75%以上分布在某市及某县): [] when none."""
    m = _LOCATIVE.match(text, fig.end, clause[1])
    if m is None:
        return []
    placed = sorted((p for p in mentions if p.place is not None and m.end() <= p.start < clause[1]),
                    key=lambda p: p.start)
    if not placed or placed[0].start != m.end():
        return []
    group = placed[:1]
    for p in placed[1:]:
        between = text[group[-1].end:p.start]
        if not between or not set(between) <= _LIST_JOINERS:
            break
        group.append(p)
    return group


def _listed_before(text: str, fig: RawFigure, earlier: list[Finding]) -> int:
    """How many figures of its sentence stand right before `fig`, joined to it by 、/和/及
    only (20%、21%和19%: 2 before 19%)."""
    k, start = 0, fig.start
    for f in sorted(earlier, key=lambda f: f.start, reverse=True):
        between = text[f.end:start]
        if f.end > start or not between or not set(between) <= _FIGURE_JOINERS:
            break
        k, start = k + 1, f.start
    return k


def _nearest_group(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The last mention and those listed right before it, joined only by 、/和/及."""
    mentions = sorted(mentions, key=lambda m: m.start)
    group = [mentions[-1]]
    for m in reversed(mentions[:-1]):
        between = text[m.end:group[0].start]
        if between and not set(between) <= _LIST_JOINERS:
            break
        group.insert(0, m)
    return group
