"""The place of a statement (a figure, a problem): its sentence's or clause's places,
else the district section it sits in, else the report's region; and the county a paragraph
is about (labelled 渭滨区：…, or spoken of as its own, 全县/我区)."""
from __future__ import annotations

import bisect
import functools
import re

from extractors.models import DocContext, Place, PlaceMention
from extractors.places.lexicon import context
from extractors.places.region import NATIONAL
from extractors.text import alternation, clause_spans, enclosing, sentence_spans


def _per_document(build):
    """`build(text, mentions, ...)` kept for the last document asked about, keyed by the
    identity of its text and mentions: every figure and statement of a document asks, and
    hashing the mentions for an lru_cache key cost more than the answer."""
    last: list = [None, None, None]

    @functools.wraps(build)
    def for_document(text: str, mentions: tuple[PlaceMention, ...], *rest):
        if last[0] is not text or last[1] is not mentions:
            last[:] = [text, mentions, build(text, mentions, *rest)]
        return last[2]
    return for_document


@_per_document
def _district_sections(text: str, mentions: tuple[PlaceMention, ...]) -> tuple[tuple[int, int, Place], ...]:
    """(start, end, place) of sections headed by a district (一、环翠区, （二）文登区存在的
    问题 — a heading line, not a sentence that starts with one): the section runs to the
    next heading with the same kind of enumerator."""
    enum = re.compile(context()["heading_enumerator"], re.MULTILINE)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    heads = []
    for a, b in lines:
        m = enum.match(text, a, b)
        if m:
            kind = re.sub(r"[0-9]+|[一二三四五六七八九十]+", "N", m.group().strip())
            heads.append((a, b, m.end(), kind))
    by_start = {m.start: m for m in mentions if m.place and m.place.level == "county"}
    out = []
    for i, (a, b, body_start, kind) in enumerate(heads):
        mention = by_start.get(body_start)
        if mention is None or not _is_heading_tail(text[mention.end:b]):
            continue
        end = next((h[0] for h in heads[i + 1:] if h[3] == kind), len(text))
        out.append((a, end, mention.place))
    return tuple(out)


# A heading's words after its district (存在的问题, 督导情况): short, with no clause break.
_HEADING_TAIL = re.compile(r"[^，,；;。！？!?]{0,12}")


def _is_heading_tail(rest: str) -> bool:
    return bool(_HEADING_TAIL.fullmatch(rest.strip(" 　：:")))


@functools.cache
def _whole_region_cue() -> re.Pattern:
    return re.compile("|".join(map(re.escape, context()["whole_region_cues"])))


@functools.cache
def _national_subject() -> re.Pattern:
    return re.compile(r"\s*(?:" + "|".join(map(re.escape, context()["national_subjects"])) + ")")


@functools.cache
def _citywide_cue() -> re.Pattern:
    return re.compile("|".join(map(re.escape, context()["citywide_cues"])))


def after_citywide_cue(text: str, start: int, end: int) -> int | None:
    """Where the last city- or province-wide word (全市, 我省) in text[start:end] ends: a
    statement after it is not about the districts named before it."""
    last = None
    for last in _citywide_cue().finditer(text, start, end):
        pass
    return last.end() if last else None


def _previous_in_paragraph(text: str, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence before `sentence` in its paragraph; None when it opens the paragraph
    or a numbered item ((4)…, 2.…), which is about its own subject."""
    spans_ = sentence_spans(text)
    i = spans_.index(sentence) if sentence in spans_ else 0
    if i == 0 or "\n" in text[spans_[i - 1][1]:sentence[0]] or _enumerator().match(text[sentence[0]:sentence[1]]):
        return None
    return spans_[i - 1]


@functools.cache
def _enumerator() -> re.Pattern:
    return re.compile(context()["heading_enumerator"])


def _names_a_place(mentions: tuple[PlaceMention, ...], span: tuple[int, int]) -> bool:
    return any(m.place and span[0] <= m.start < span[1] for m in mentions)


_SMALLEST_FIRST = ("county", "city", "province")


def _smallest_named(mentions: tuple[PlaceMention, ...], span: tuple[int, int], levels: tuple[str, ...]) -> list[Place]:
    """The places of the smallest of `levels` that text[span] names: 广东省广州市番禺区 names
    番禺区."""
    named = [m.place for m in mentions if m.place and span[0] <= m.start and m.end <= span[1]]
    for level in _SMALLEST_FIRST:
        found = list(dict.fromkeys(p for p in named if p.level == level)) if level in levels else []
        if found:
            return found
    return []


def places_for_span(text: str, start: int, end: int, ctx: DocContext, scope: str = "clause",
                    carried_levels: tuple[str, ...] = ("county",)) -> list[Place]:
    """The places a statement at text[start:end] is about: the county-level places its
    clause (or sentence) names; else the country when that clause or the nearest earlier
    one of the sentence has the country as its subject (全国…); else those of the nearest
    earlier clause of the sentence; else, for a sentence naming no place, the one place
    (of `carried_levels`: a problem in a provincial report takes a city too) the sentence
    before it in its paragraph names; a whole-jurisdiction cue (全区) or no
    place → the district whose section it sits in, else the report's region. [] when
    nothing is known."""
    sentence = enclosing(sentence_spans(text), start)
    clauses = clause_spans(text, *sentence) or [sentence]
    current = enclosing(clauses, start)
    counties = [m for m in ctx.mentions if m.place and m.place.level == "county"]

    def named(a: int, b: int) -> list[Place]:
        return list(dict.fromkeys(m.place for m in counties if a <= m.start and m.end <= b))

    if scope == "sentence":
        found = named(*sentence)
    else:
        found = named(*current)
        if not found and not _whole_region_cue().search(text, current[0], current[1]):
            for a, b in reversed([c for c in clauses if c[1] <= current[1]]):
                # a clause whose subject is the country (全国教育经费总投入为…) states its figure
                if _national_subject().match(text, a, b) and ctx.region != NATIONAL:
                    return [NATIONAL]
                found = named(a, b)
                if found:
                    break
    if found:
        return found
    # a sentence naming no place and no whole jurisdiction goes on about the one place the
    # sentence before it in its paragraph names (某区审计局对…开展审计。审计揭示…不规范)
    previous = _previous_in_paragraph(text, sentence)
    if previous and not _names_a_place(ctx.mentions, sentence) and not _whole_region_cue().search(text, *sentence):
        found = _smallest_named(ctx.mentions, previous, carried_levels)
        if len(found) == 1:
            return found
    for a, b, place in _district_sections(text, ctx.mentions):
        if a <= start < b:
            return [place]
    return [ctx.region] if ctx.region else []


# the end of a whole sentence, not of a ；-piece: a problem's statements carry their place
# across ；, so 全县/我区 anywhere in the sentence speaks for all of them
_FULL_STOP = re.compile(r"[。！？!?\n]")


# what may stand before a paragraph's label: an enumerator (1. / （二） / 一是)
_LABEL_LEAD = re.compile(r"[\s　]*(?:[(（]?[0-9一二三四五六七八九十]+[)）.、．]?|[一二三四五六七八九十]是)?[\s　]*")


def paragraph_label(text: str, start: int, ctx: DocContext, levels: tuple[str, ...] = ("county",)) -> list[Place]:
    """渭滨区：学前教育普惠性资源不足。教师编制缺口较大。校舍存在安全隐患。: a paragraph that
    opens with a county and a colon is about that county, every sentence of it; so is one
    that opens with a place of `levels` (a province in a national report) and words saying
    its problems follow (甘肃省存在的主要问题是，部分县…，部分学校…), and so, when those stand
    inside a paragraph, is the rest of their sentence."""
    return next(([place] for a, b, place in _labelled_paragraphs(text, ctx.mentions, levels) if a <= start < b), [])


@_per_document
def _labelled_paragraphs(text: str, mentions: tuple[PlaceMention, ...],
                         levels: tuple[str, ...]) -> tuple[tuple[int, int, Place], ...]:
    out = []
    for m in mentions:
        if m.place is None:
            continue
        colon = m.place.level == "county" and text.startswith((":", "："), m.end)
        topic = m.place.level in levels and _topic_opener().match(text, m.end) is not None
        if not colon and not topic:
            continue
        paragraph = text.rfind("\n", 0, m.start) + 1
        if _LABEL_LEAD.fullmatch(text, paragraph, m.start):
            end = text.find("\n", m.end)
            out.append((paragraph, end if end >= 0 else len(text), m.place))
        elif topic:
            # 督导组指出，甘肃省存在的主要问题是，…: inside a paragraph, the rest of the sentence
            end = _FULL_STOP.search(text, m.end)
            out.append((m.start, end.start() if end else len(text), m.place))
    return tuple(out)


@functools.cache
def _topic_opener() -> re.Pattern:
    # a mirror page may gloss a character in pinyin right after the name: 自治区(qū)存在的…
    gloss = r"(?:[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+[)）])?"
    return re.compile(gloss + alternation(context()["problem_topic_openers"]))


def own_county(text: str, start: int, ctx: DocContext) -> list[Place]:
    """我是来自临邑县的代表…通过对全县中小学校的调查…教师居住条件较差 / 切实解决好我区存在的
    校舍紧缺问题: in a text whose region is above a county (or unknown), 全县/我县 — and
    全区/我区 where 区 is no word of the region itself (自治区, 地区) — in the statement's
    sentence or earlier in its paragraph make the county named last before it the subject —
    or, with none named before, the one county the text names."""
    region = ctx.region
    if region is not None and region.level == "county":
        return []
    refs, counties = _self_references(text, ctx.mentions, region)
    end = _FULL_STOP.search(text, start)
    paragraph = text.rfind("\n", 0, start) + 1
    i = bisect.bisect_left(refs, end.start() if end else len(text)) - 1
    if i < 0 or refs[i] < paragraph:
        return []
    ends, places = counties
    j = bisect.bisect_right(ends, refs[i]) - 1
    if j >= 0:
        return [places[j]]
    # …审议了《关于全县…的报告》… 州政府派驻舟曲的督学: named only later, the one county the
    # text names is its own
    return places[:1] if len(set(places)) == 1 else []


@_per_document
def _self_references(text: str, mentions: tuple[PlaceMention, ...],
                     region: Place | None) -> tuple[list[int], tuple[list[int], list[Place]]]:
    """Where 全县/我区… stand, and the counties named (where each mention ends, its place)."""
    words = context()["self_reference"]
    refs = [m.start() for m in re.finditer(alternation(words["county"]), text)]
    if region is not None and not region.name.endswith(tuple(words["district_regions"])):
        refs = sorted(refs + [m.start() for m in re.finditer(alternation(words["district"]), text)])
    # a county of another province (康居西城小学 read as 北京 西城) is no county of this text's own
    within = {"province": 2, "city": 4}.get(region.level if region else "", 0)
    named = sorted(((m.end, m.place) for m in mentions if m.place is not None and m.place.level == "county"
                    and (region is None or m.place.adcode[:within] == region.adcode[:within])),
                   key=lambda pair: pair[0])
    return refs, ([end for end, _ in named], [place for _, place in named])
