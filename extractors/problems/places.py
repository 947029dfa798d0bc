"""The places a problem belongs to: those named before the deficiency (counties; in a
provincial report its cities too, in a national one its provinces; not those set apart by
除…外, nor a province or city only locating a unit, 浙江省舟山市, nor where a news item was
filed, 北京6月28日讯), else those listed after it (违规补课的学校有：A中学、B县第一中学), else
after a back reference (12个县(市), 以上问题) the counties named just before, else those of
the previous statement of the sentence (also after 部分学校…), else (and after 各区/部分县/
全市) the report's jurisdiction: the place a paragraph is labelled with (渭滨区：…,
甘肃省存在的主要问题是，…) or speaks of as its own (全县/我区 after a county named), else the
district whose part of the report it sits in, else the region."""
from __future__ import annotations

import bisect
import functools
import re

from extractors.models import DocContext, Place, PlaceMention
from extractors.places import own_county, paragraph_label, places_for_span
from extractors.places.lexicon import context
from extractors.problems.cues import _SENTENCE_END
from extractors.problems.lexicon import _lexicon
from extractors.problems.statements import Statement
from extractors.text import alternation

_LEVELS = ("country", "province", "city", "county")


def _subject_levels(region: Place | None) -> tuple[str, ...]:
    """The levels of place a statement can be about: counties, and in a provincial report
    its cities too (西宁市及海东地区各县高中大班大校问题突出), in a national one its
    provinces too (青海省1个县的差异系数未达到要求); the region's own level and those above
    name the reporter or a comparison."""
    if region is None or region.level not in _LEVELS:
        return ("county",)
    return _LEVELS[_LEVELS.index(region.level) + 1:]


def _qualifies_next(mention: PlaceMention, mentions: list[PlaceMention]) -> bool:
    """浙江省舟山市: a province or city written just before a unit of its own names where that
    unit lies; the unit is the subject."""
    place = mention.place
    if place.level not in ("province", "city"):
        return False
    prefix = place.adcode[:2 if place.level == "province" else 4]
    return any(m.start == mention.end and m.place.adcode != place.adcode and m.place.adcode.startswith(prefix)
               for m in mentions)


# a news item's dateline after the place it was filed from: 北京6月28日讯, 哈尔滨5月3日电
_DATELINE = re.compile(r"\s*[0-9０-９]{1,2}月[0-9０-９]{1,2}日\s*(?:电|讯)")


def _files_news(text: str, mention: PlaceMention) -> bool:
    """北京6月28日讯记者从教育部获悉: the place a news item was filed from is no subject of it."""
    return _DATELINE.match(text, mention.end) is not None


def _subject(text: str, st: Statement, mentions: list[PlaceMention], named_before: list[Place],
             carried: list[Place], ctx: DocContext, names_places: bool) -> list[Place]:
    """The places the statement is about (_stated_subject) and those of the examples that
    illustrate it (_illustrated_by)."""
    return _unique(_stated_subject(text, st, mentions, named_before, carried, ctx, names_places)
                   + _illustrated_by(text, st, ctx))


def _stated_subject(text: str, st: Statement, mentions: list[PlaceMention], named_before: list[Place],
                    carried: list[Place], ctx: DocContext, names_places: bool) -> list[Place]:
    """Places the statement is about, of the sentence's possible subjects (mentions):
    named before its predicate; else, after a back reference (12个县(市), 以上问题), the
    counties named earlier in the sentence or in the sentence before, or the jurisdiction; after some or all of
    the region's counties (各区, 部分县), the region; after 部分/个别… (部分学校), the places
    carried over from the previous statement, as otherwise; else the jurisdiction (also after
    全市…), which is the region alone when the sentence names places (names_places) it is not
    about."""
    pivot = st.first("strong", "weak", "problem")
    limit = pivot.start if pivot else st.end
    named = _unique([m.place for m in mentions if st.start <= m.start and m.end <= limit])
    if named:
        return named + _anonymised_with(text, st, mentions, limit, ctx, names_places)
    listed = _listed_after(text, st, mentions) or _located_at(text, st, mentions)
    if listed:
        return listed
    above = _province_opening(text, st, limit, ctx)
    if above:
        return above
    back = _lexicon().back_reference.search(text, st.start, limit)
    if back:
        earlier = _unique([m.place for m in mentions if m.end <= back.start()]) or named_before
        if not back.group().endswith(_lexicon().back_nouns):
            # 27个县(市、区) / 上述县区 point back to counties, not to the provinces or cities
            # that were named with them (对广西、江西和福建28个县的督导检查)
            earlier = [p for p in earlier if p.level == "county"]
        # 其中10所在海口，尚有9个市县没有…: counties counted, none named, are the jurisdiction's, not those
        # of a place carried over from the statement before
        return earlier or _jurisdiction(text, st.start, ctx, names_places)
    generic = st.first("generic")
    if generic and generic.start < limit and _lexicon().counties_subject.match(text, generic.start):
        # 此外，部分县(市、区)课后服务经费保障不足: said of the region's counties, even inside
        # one district's part of the report, it is the region's problem
        places = _jurisdiction(text, st.start, ctx, names_places)
        return [ctx.region] if ctx.region and any(p.level == "county" for p in places) else places
    if generic and generic.start < limit and generic.text.startswith(_lexicon().some):
        located = _located_after(text, st, mentions)
        if located:
            return located
        if carried and not back:
            # 在通渭县调研时发现，部分学校教师结构性缺编: some schools of the place just named (after
            # 40个县中 some of counties not named: the jurisdiction's)
            return carried
    if (generic and generic.start < limit) or not carried:
        return _jurisdiction(text, st.start, ctx, names_places)
    return carried


def _anonymised_with(text: str, st: Statement, mentions: list[PlaceMention], limit: int, ctx: DocContext,
                     names_places: bool) -> list[Place]:
    """6个市的6个县(市、区)及沈抚示范区未及时拨付…: units counted but not named, beside a named one,
    are the jurisdiction's; the named unit keeps its own row. A count after places named
    earlier in the sentence points back to them instead (耒阳市、辰溪县等12个县(市))."""
    count = _lexicon().back_reference.search(text, st.start, limit)
    if count is None or not count.group()[0] in _NUMERALS or any(m.end <= count.start() for m in mentions):
        return []
    return _jurisdiction(text, st.start, ctx, names_places)


_NUMERALS = "0123456789一二三四五六七八九十两"


def _listed_after(text: str, st: Statement, mentions: list[PlaceMention]) -> list[Place]:
    """暗访发现，违规补课的学校有：通渭县第一中学、陇西县第二中学等 / …的学校有通渭县第一
    中学、陇西县第二中学等2所: a deficiency ending in a unit noun and a verb of listing is
    owned by the places its list names — the rest of the clause after it, or the next clause."""
    if not _listing_end().search(text, st.start, st.end):
        return []
    end = _LIST_END.search(text, st.end)
    end_at = end.start() if end else len(text)
    return _unique([m.place for m in mentions if st.end <= m.start and m.end <= end_at])


def _located_after(text: str, st: Statement, mentions: list[PlaceMention]) -> list[Place]:
    """一些学校大班额现象严重，在甲县、乙县存在60人以上大班: some units' deficiency located, in the
    next clause, at a list of places after 在 — those places, not the jurisdiction, own it."""
    # the statement ends with its clause's comma, or just before it
    opener = _located_opener().match(text, st.end)
    if opener is None or not (opener.group()[0] in "，," or text[st.end - 1:st.end] in ("，", ",")):
        return []
    places, end = _list_from(text, opener.end(), mentions)
    return places if places and _located_then().match(text, end) else []


def _located_at(text: str, st: Statement, mentions: list[PlaceMention]) -> list[Place]:
    """学位紧缺既出现在西城、海淀等传统教育高地: a deficiency said to occur at places, listed
    right after its statement, is theirs."""
    if not _located_verb().search(text, st.start, st.end):
        return []
    return _list_from(text, st.end, mentions)[0]


def _list_from(text: str, at: int, mentions: list[PlaceMention]) -> tuple[list[Place], int]:
    """The places of the list that starts at `at` (one separator between names), and its end."""
    seps = context()["list_separators"]
    first = bisect.bisect_left(mentions, at, key=lambda m: m.start)
    places = []
    for m in mentions[first:]:
        if m.start != at and not (m.start == at + 1 and text[at] in seps):
            break
        places.append(m.place)
        at = m.end
    return _unique(places), at


@functools.cache
def _located_verb() -> re.Pattern:
    return re.compile(f"(?:{alternation(context()['located_in']['verbs'])})\\s*$")


@functools.cache
def _located_opener() -> re.Pattern:
    return re.compile(f"[，,]?\\s*(?:{alternation(context()['located_in']['opener'])})")


@functools.cache
def _located_then() -> re.Pattern:
    return re.compile(alternation(context()["located_in"]["then"]))


def _illustrated_by(text: str, st: Statement, ctx: DocContext) -> list[Place]:
    """部分学校存在自立名目乱收费的现象，例如石柱中学…；丰都某学校… / 部分县存在大班额问题。例如，
    青海省民和县三中…: a deficiency illustrated after an example word, in the rest of its sentence
    or in the sentence after, is also the problem of the places the examples name (not of a
    province or city only locating one of them, 青海省民和县)."""
    cue = _example_cue().match(text, st.end)
    if cue is None:
        return []
    end = _SENTENCE_END.search(text, cue.end())
    end_at = end.start() if end else len(text)
    first = bisect.bisect_left(ctx.mentions, cue.end(), key=lambda m: m.start)
    examples = []
    for m in ctx.mentions[first:]:
        if m.end > end_at:
            break
        if m.place is not None and not _qualifies_next(m, ctx.mentions):
            examples.append(m.place)
    return examples


@functools.cache
def _example_cue() -> re.Pattern:
    # the example opens the next clause or sentence, after the statement's own punctuation
    return re.compile(f"[，,；;：:。]?\\s*(?:{alternation(context()['example_cues'])})")


# where a list of places ends: the end of its clause
_LIST_END = re.compile(r"[，,；;。！？!?\n]")


@functools.cache
def _listing_end() -> re.Pattern:
    words = context()["listed_subjects"]
    return re.compile(f"(?:{alternation(words['units'])})(?:{alternation(words['verbs'])})[:：]?\\s*$")


# how far into its statement a province may stand and still open it (、广西…)
_OPENING = 2


def _province_opening(text: str, st: Statement, limit: int, ctx: DocContext) -> list[Place]:
    """广西幼儿入园难问题依然突出 in a 来宾 report: the province a city's or county's report lies
    in, opening a statement before its deficiency, owns the problem — unless what follows
    makes it the reporter or a benchmark (自治区人大调研组, 广西平均水平)."""
    region = ctx.region
    if region is None or region.level not in ("city", "county"):
        return []
    first = bisect.bisect_left(ctx.mentions, st.start, key=lambda m: m.start)
    for m in ctx.mentions[first:]:
        if m.start > st.start + _OPENING or m.start >= limit:
            break
        if (m.end <= limit and m.place is not None and m.place.level == "province"
                and region.adcode.startswith(m.place.adcode[:2])
                and not text.startswith(_reporter_or_benchmark(), m.end)):
            return [m.place]
    return []


@functools.cache
def _reporter_or_benchmark() -> tuple[str, ...]:
    return tuple(context()["reporter_or_benchmark"])


def _jurisdiction(text: str, start: int, ctx: DocContext, sentence_names_places: bool) -> list[Place]:
    """The place of a statement that names none: the county its paragraph is labelled with
    (渭滨区：…) or, when its sentence names no other place, speaks of as its own (全县…),
    else the district whose part of the report it sits in (places_for_span), else the
    report's region. When the sentence names places that the statement was found not to be
    about, or the report is a county's own, only the region is left."""
    labelled = paragraph_label(text, start, ctx, _subject_levels(ctx.region))
    if labelled:
        return labelled
    if ctx.region is not None and ctx.region.level == "county":
        # a county's own report: the other counties it names are benchmarks (与锦江区相比，
        # 我区…) or visits, not subjects (_subject_levels)
        return [ctx.region]
    if not sentence_names_places:
        return (own_county(text, start, ctx)
                or places_for_span(text, start, start + 1, ctx, carried_levels=_subject_levels(ctx.region)))
    return [ctx.region] if ctx.region else []


def _unique(places) -> list[Place]:
    return list({p.adcode: p for p in places}.values())
