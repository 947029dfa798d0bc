"""The report's jurisdiction and the evidence that decided it (the `region_evidence`
column): a region the sources manifest states, else national for a roundup of cases
from several provinces, else the place the title names (not the visitors' of a title
telling of a visit to the page's own place, 某市政协到我市开展…视察), else
the publisher's (an ingested publisher, a 来源:/发布机构: header line, a signature)
unless that outlet only relays a county's own page, else the area the body's places
lie in (not a set's first member, 南明区等18个县, nor a meeting's venue, nor an outlet's place,
nor the seat of an office, 审计署驻广州特派办,
随州论坛讯; the one county a text calls its own, 来我县, when it never speaks as a city; for a text naming
no city, the city its own document number names, 泉政工〔2002〕, in the province it names or
whose numbers it cites; narrowed to what
an inspection covers, 对某县…进行督导 or 督导某区人民政府履行…, when that lies inside it; a name
the text leaves ambiguous read as the unit inside the bureau site's area) — refined by the site's
owner (a footer's 主办单位/版权所有 line, an organ's credit code in a 索引号) or a bureau's
host when those lie inside it — else those, else
the place a news outlet is named after (来源：济源网, 来源：云上某某, a dateline's 某某融媒讯),
else the bureau whose government host
the text's own links and images point to, else the county a government host spells
by initials when the text names it, else the one county whose bare name the text holds
and whose words (全区, 区人大) it speaks in, else national (000000) for a text that
speaks as the country's bodies — unless the sentence introducing it names the place it
reports for (根据全国人大常委会办公厅…要求，现将广西壮族自治区…情况汇报如下: the province's own report)."""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from extractors import docmeta
from extractors.models import DocContext, Place, PlaceMention
from extractors.places.host import is_bureau_host, region_of_initials, region_of_url
from extractors.places.lexicon import (MUNICIPALITIES, by_code, context, covering, lineage, official_name, parent_of,
                                       short_name, surface_index)
from extractors.places.mentions import by_year, find_mentions
from extractors.places.scan import scan
from extractors.text import CITED_NAME, alternation

NATIONAL = Place("000000", "全国", "country")
# How far into a text the formula introducing a document (现将…情况汇报如下) may end.
_REPORT_FORMULA_WITHIN = 400
# The kinds of evidence, as the documents table records them.
MANIFEST, TITLE, PUBLISHER, BODY, URL = "manifest", "title", "publisher", "body", "url"


def infer_region(text: str, ctx: DocContext) -> Place | None:
    """The jurisdiction the report covers (see region_with_evidence)."""
    return region_with_evidence(text, ctx)[0]


def region_with_evidence(text: str, ctx: DocContext) -> tuple[Place | None, str]:
    """(region, the kind of evidence that decided it); (None, '') when nothing does."""
    stated = by_code().get(ctx.stated_region or "")
    if stated is not None:
        return stated.place, MANIFEST
    if ctx.stated_region == NATIONAL.adcode:
        return NATIONAL, MANIFEST
    if _is_roundup(ctx.mentions):
        return NATIONAL, BODY
    headers, owners = docmeta.stated_publishers(text)
    seats = _office_seats(text)
    site = region_of_url(ctx.source)
    mentions = _read_in_site(ctx.mentions, site)
    body = _body_region(text, _standing(text, mentions, seats))
    if body is None or body.level == "province":
        body = _numbered_city(text, body, ctx.report_year) or body
    # what an inspection covers refines the body's area (the city's visit to one county)
    inspected = _inspected_place(text, mentions, seats)
    if inspected and (body is None or inspected == body or _inside(inspected, body)):
        body = inspected
    else:
        inspected = None
    for evidence, heads in ((TITLE, [ctx.title]), (PUBLISHER, [ctx.publisher or "", *headers])):
        for head in heads:
            region = _named_in(head, ctx, seats)
            if region and evidence == PUBLISHER and _relays_a_county(region, body, text):
                return body, BODY
            if region:
                return region, evidence
    # an organ's registered area (索引号) tells whose site it is, as a footer's owner does
    registered = by_code().get(docmeta.registered_area(text) or "")
    owner = next((p for p in map(lambda o: _named_in(o, ctx), owners) if p), registered and registered.place)
    if body is None:
        if owner or site:
            return (owner, PUBLISHER) if owner else (site, URL)
        linked = _linked_bureau(text)
        if linked:
            return linked, URL
        outlet = next(filter(None, (_outlet_place(o, ctx.report_year) for o in docmeta.stated_outlets(text))), None)
        if outlet:
            return outlet, PUBLISHER
        spelled = region_of_initials(ctx.source, _named_anywhere(text))
        if spelled:
            return spelled, URL
        spoken = _county_spoken_as(text, ctx.report_year)
        if spoken:
            return spoken, BODY
        return (NATIONAL, BODY) if _speaks_as_nation(text) else (None, "")
    # a county's page on its own site says 全市 for its city less often than it names it
    if owner and _inside(owner, body):
        return owner, PUBLISHER
    bureau_site = site if site and is_bureau_host(ctx.source) else None
    if bureau_site and _inside(bureau_site, body):
        return site, URL
    # 全国人大常委会…在京举行: the capital is where, not whose; but a national group's
    # inspection of a place (国家督导检查组对贵州省…进行了督导检查) covers that place, and a
    # place's own report to a national body (根据全国人大常委会办公厅…要求，现将广西壮族自治区…汇报如下) is the place's
    if (not owner and not bureau_site and not inspected and not _introduces_own_report(text, body)
            and _speaks_as_nation(text)):
        return NATIONAL, BODY
    return body, BODY


def _read_in_site(mentions: tuple[PlaceMention, ...], site: Place | None) -> tuple[PlaceMention, ...]:
    """The mentions with each name the text leaves ambiguous (朝阳区: Beijing's or Changchun's)
    read as the one of its units inside the area of the bureau whose site the page is on."""
    if site is None:
        return mentions

    def read(m: PlaceMention) -> PlaceMention:
        inside = [c for c in m.candidates if c == site or _inside(c, site)] if m.place is None else []
        return dataclasses.replace(m, place=inside[0], ambiguous=False) if len(inside) == 1 else m

    return tuple(map(read, mentions))


def _is_roundup(mentions) -> bool:
    """Whether the places a text names spread over three provinces or more with none
    holding half of them — a roundup of cases from across the country (某省某县审计局…;
    某省某市…), whose scope is national whichever place its first line or title names."""
    provinces = Counter(m.place.adcode[:2] for m in mentions if m.place and m.place.adcode != NATIONAL.adcode)
    return len(provinces) >= 3 and 2 * provinces.most_common(1)[0][1] < sum(provinces.values())


def _relays_a_county(publisher: Place, body: Place | None, text: str) -> bool:
    """Whether a province's or city's outlet (来源：某省人大网) relays a county's own page:
    the body names one county inside the publisher's area and speaks as it (某区人大常委会…
    全区), so the county, not the outlet, is whose the report is."""
    return (body is not None and body.level == "county" and _inside(body, publisher)
            and _speaks_as_county(text, body))


def _named_in(head: str, ctx: DocContext, seats: frozenset[str] = frozenset()) -> Place | None:
    """The place a title or a publisher names ('' → None), not the seat of an office the
    text names (`seats`), nor the visitors' of a title telling of a visit to the page's own
    place (某市政协到我市开展…视察 → None)."""
    if not head or _place_words()["visit_to_us"].search(head):
        return None
    # a name the head leaves ambiguous (鼓楼区) is read as the body resolved it
    in_body = {m.surface: m.place for m in ctx.mentions if m.place}
    # a place inside a cited name (检查《天津市学前教育条例》贯彻落实情况) is that document's
    head = CITED_NAME.sub(lambda m: "《" + "＿" * (len(m[0]) - 2) + "》", head)
    mentions = find_mentions(head, DocContext(title=ctx.title, publisher=ctx.publisher, report_year=ctx.report_year))
    places = [m.place or in_body.get(m.surface) for m in _standing(head, mentions, seats)]
    return covering([p for p in places if p and ":" not in p.adcode])


def _standing(text: str, mentions, seats: frozenset[str] = frozenset()) -> list:
    """The mentions that name the unit a text may be about: not the first of a set
    (福清市等四个县(市)区, 南明区等18个县), nor the seat of an office (`seats`: 驻广州特派办,
    广州办), nor a meeting's venue (在贵阳召开) unless no other place is named (全市教育大会在
    某市召开: the city's own meeting in its own seat)."""
    words = _place_words()
    members = [m for m in mentions if not words["set"].match(text, m.end)
               and not (m.surface in seats and (text[m.start - 1:m.start] == "驻" or text.startswith("办", m.end)
                                                or text.startswith(words["offices"], m.end)))]
    return [m for m in members if not _is_venue(text, m) and not _is_outlet(text, m)] or members


def _office_seats(text: str) -> frozenset[str]:
    """The places a text names as where an office is stationed (审计署驻广州特派办 → 广州)."""
    return frozenset(_place_words()["stationed"].findall(text))


def _is_venue(text: str, mention: PlaceMention) -> bool:
    return text[mention.start - 1:mention.start] == "在" and text.startswith(_place_words()["venue"], mention.end)


def _is_outlet(text: str, mention: PlaceMention) -> bool:
    """Whether the mention names a news outlet (随州论坛讯, 某某日报记者, 云上某某), whose
    place is where the outlet is, not the place its report is about."""
    words = _place_words()
    return bool(words["outlet_end"].match(text, mention.end)) or text[:mention.start].endswith(words["outlet_start"])


# A link or an image address the text itself holds (![](http://jyj.….gov.cn/uploadfile/…)).
_GOV_LINK = re.compile(r"https?://[A-Za-z0-9.-]+\.gov\.cn(?=[/:\s)\]\"'<>]|$)")


def _linked_bureau(text: str) -> Place | None:
    """The one place the government hosts of the text's own links and images name: a
    repost keeps its images on the bureau's site (jyj.changzhou.gov.cn → 常州市)."""
    linked = {p.adcode: p for url in set(_GOV_LINK.findall(text)) if (p := region_of_url(url))}
    return next(iter(linked.values())) if len(linked) == 1 else None


def _numbered_city(text: str, province: Place | None, year: int | None) -> Place | None:
    """The one city of the province the text names (else of the one province whose
    abbreviation starts the numbers it cites: 苏教财〔2017〕8号) whose name starts with the
    first character of the issuer of the document's own number (泉政工〔2002〕文10号 →
    泉州市), for a text that names no city and speaks as one (我市, 全市)."""
    issuer = docmeta.own_number_issuer(text)
    if not issuer or not _speaks_as(text, "city", "province"):
        return None
    if province is None:
        abbreviations = context()["province_abbreviations"]
        cited = {abbreviations[i[0]] for i in docmeta.number_issuers(text) if i[0] in abbreviations}
        province = by_code()[cited.pop()].place if len(cited) == 1 and next(iter(cited)) in by_code() else None
    if province is None:
        return None
    cities = [u for u in _cities_of(province.adcode, year) if official_name(u).startswith(issuer[0])]
    return cities[0].place if len(cities) == 1 else None


@functools.cache
def _cities_of(province: str, year: int | None) -> tuple:
    return tuple(u for u in by_code().values() if u.parent == province and u.level == "city"
                 and (u.valid_in(year) if year else u.valid_to is None))


def _inspected_place(text: str, mentions, seats: frozenset[str] = frozenset()) -> Place | None:
    """The place an inspection covers: the places its first object that names any
    holds (对郯城县、兰陵县、平邑县…进行了复查 → their city; 来蓝山县开展专项督查 → the
    county visited; 督导杨浦区人民政府依法履行教育职责 → the district whose government's
    duties are supervised), with no set member or venue."""
    standing = [p for p in _standing(text, mentions, seats) if p.place and ":" not in p.place.adcode]
    words = _place_words()
    objects = sorted(list(words["inspected"].finditer(text)) + list(words["supervised"].finditer(text)),
                     key=lambda m: m.start())
    for m in objects:
        places = [p.place for p in standing if m.start(1) <= p.start and p.end <= m.end(1)]
        if places:
            return covering(places)
    return None


@functools.cache
def _place_words() -> dict:
    ctx = context()
    inspection, verbs, credits = (alternation(ctx["inspection_words"]), alternation(ctx["inspection_verbs"]),
                                  alternation(docmeta.outlet_credits()))
    objects = alternation(["对", *ctx["visit_words"]])
    ends, starts = alternation(docmeta.outlet_ends()), alternation(docmeta.outlet_starts())
    offices = alternation(ctx["stationed_offices"])
    return {"venue": tuple(ctx["venue_verbs"]), "outlet_start": tuple(docmeta.outlet_starts()),
            "offices": tuple(ctx["stationed_offices"]),
            "stationed": re.compile(rf"驻([\u4e00-\u9fff]{{2,8}}?)(?:{offices})"),
            "outlet_affixes": re.compile(f"^(?:{starts})|(?:{ends})$"),
            # an outlet's name ends a word: a dateline, a byline or a credit follows it
            "outlet_end": re.compile(rf"(?:{ends})(?={credits}|[^\u4e00-\u9fff]|$)"),
            "set": re.compile("等" + ctx["district_count"].removeprefix("等?")),
            # a visit to the page's own place (白城政协到我市开展…视察): the title names the visitors
            "visit_to_us": re.compile(rf"(?:{alternation(ctx['visit_words'])})我(?:省|市|县|区|旗)"),
            # the object may hold a bracketed aside with its own commas (…县(市、区、旗,以下简称县))
            "inspected": re.compile(rf"(?:{objects})((?:[^，,。；;！？!?\n(（]|[(（][^)）\n]*[)）]){{1,60}}?)(?:{verbs})了?"
                                    rf"[^，,。；;！？!?\n]{{0,24}}?(?:{inspection})"),
            "supervised": re.compile(rf"(?:{alternation(ctx['supervision_verbs'])})([^，,。；;！？!?\n]{{1,12}}?)"
                                     rf"(?:{alternation(ctx['supervised_governments'])})"
                                     rf"(?:{alternation(ctx['supervised_duties'])})")}


def _outlet_place(outlet: str, year: int | None) -> Place | None:
    """The place a news outlet is named after (济源网 → 济源, 张家港市融媒体中心 → 张家港市):
    the outlet's name less its ending must be one unit's name in the report's year — a
    county-level city the province runs (济源) is named bare like a prefecture."""
    stem = _place_words()["outlet_affixes"].sub("", outlet)
    units = {e.unit.adcode: e.unit for e in by_year(surface_index().get(stem, ()), year)}
    return next(iter(units.values())).place if len(units) == 1 else None


def _named_anywhere(text: str) -> set[str]:
    """Codes of every unit a surface of the text can name, before any gate (舟曲 in
    派驻舟曲教育督学 counts here, though nothing else in the text places it)."""
    return {e.unit.adcode for raw in scan(text) for e in raw.entries}


def _county_spoken_as(text: str, year: int | None) -> Place | None:
    """The county a text whose places nothing confirms speaks as (区人大常委会…全区…徐汇
    教育): every name the text holds is the bare name of that one county, which no other
    unit of the report's year shares, and the text uses a county's words (全区, 县政府) more than a city's or a
    province's."""
    units = {e.unit.adcode: e.unit for raw in scan(text) if raw.aligned for e in by_year(raw.entries, year)}
    if len(units) != 1:
        return None
    unit = next(iter(units.values()))
    words = {level: len(pattern.findall(text)) for level, pattern in _jurisdiction_words().items()}
    if unit.level != "county" or words["county"] + words["district"] <= words["city"] + words["province"]:
        return None
    return unit.place


def _inside(inner: Place, outer: Place) -> bool:
    return inner.adcode != outer.adcode and outer.adcode in lineage(inner)


@functools.cache
def _national_cue() -> re.Pattern:
    return re.compile("|".join(context()["national_cues"]))


@functools.cache
def _jurisdiction_words() -> dict[str, re.Pattern]:
    return {level: re.compile("|".join(map(re.escape, words)))
            for level, words in context()["jurisdiction_words"].items()}


def _body_region(text: str, mentions) -> Place | None:
    """The area the body's places lie in, counting only those in the province most of
    them lie in (a stray 长寿之乡 is no Chongqing district): the one county named when
    the text speaks as that county (全县, 县人大) more than as a city; the province when
    they spread over several of its cities with none holding more than half of them, or when the
    text speaks as the province (全省, 省教育厅) more than as a city; else the city most
    of them lie in."""
    placed = [m.place for m in mentions if m.place is not None]
    provinces = Counter(p.adcode[:2] for p in placed)
    if not provinces:
        return None
    home = provinces.most_common(1)[0][0]
    placed = [p for p in placed if p.adcode[:2] == home]
    votes: Counter = Counter()
    for p in placed:
        if p.level == "county":
            parent = parent_of(p)
            votes[parent.adcode if parent else p.adcode] += 1
        elif p.level == "city":
            votes[p.adcode] += 1
    if not votes:
        return by_code()[home + "0000"].place if home + "0000" in by_code() else None
    counties = list(dict.fromkeys(p for p in placed if p.level == "county"))
    cities = [p for p in placed if p.level == "city"]
    # one county and no city, in a text with no city's words (我校, 商州区某中学), or one that
    # speaks as that county in the first person (来我县) and never as a city: the county's
    if len(counties) == 1 and (_speaks_as_county(text, counties[0]) or _first_person_county(text, counties[0])
                               or not cities and not _jurisdiction_words()["city"].search(text)):
        return counties[0]
    # 来我市…邹城市人大常委会: a text speaking as a city that names one county, a
    # county-level city, is that city's (its prefecture is named as a visitor)
    # — not when it speaks as the province more (省教育厅…全省: the province's checks, one case named)
    if (len(counties) == 1 and counties[0].name.endswith("市") and _speaks_as(text, "city", "county")
            and _speaks_as(text, "city", "district") and not _speaks_as(text, "province", "city")):
        return counties[0]
    code, top = votes.most_common(1)[0]
    # several of its cities' places under the province's own name, in no city's words
    # (广西…河池市大化县…广西陆川县: deputies from across the province) are the province's
    named_province = any(p.level == "province" for p in placed) and not _jurisdiction_words()["city"].search(text)
    if len(votes) >= 2 and (2 * top <= sum(votes.values()) or _speaks_as(text, "province", "city") or named_province):
        spread = covering([by_code()[c].place for c in votes if c in by_code()])
        if spread is not None and spread.level == "province":
            return spread
    return by_code()[code].place if code in by_code() else None


def _speaks_as_nation(text: str) -> bool:
    """Whether the text, outside the names of documents it cites, uses the words of the
    country's bodies (全国人大常委会, 教育部) more than those of any jurisdiction (全省, 我县)."""
    own = CITED_NAME.sub("", text)
    jurisdiction = sum(len(words.findall(own)) for words in _jurisdiction_words().values())
    return len(_national_cue().findall(own)) > jurisdiction


def _introduces_own_report(text: str, place: Place | None) -> bool:
    """Whether the sentence that introduces the document in its opening (现将广西壮族自治区实施
    …的情况汇报如下) names the place: the text is that place's report, whoever asked for it."""
    if place is None:
        return False
    head = text[:_REPORT_FORMULA_WITHIN]
    ends = [i for i in (head.find(w) for w in docmeta.document_formulas()) if i >= 0]
    if not ends:
        return False
    sentence = head[max(head.rfind(ch, 0, min(ends)) for ch in "。！？\n") + 1:min(ends)]
    return any(name and name in sentence for name in (place.name, short_name(place.name)))


def _first_person_county(text: str, county: Place) -> bool:
    """Whether the text calls the county's level its own (我县, 本区) and never a city's (我市)."""
    own = _first_person()
    level = "district" if county.name.endswith("区") else "county"
    return bool(own[level].search(text)) and not own["city"].search(text)


@functools.cache
def _first_person() -> dict[str, re.Pattern]:
    return {level: re.compile("|".join(map(re.escape, words))) for level, words in context()["first_person"].items()}


def _speaks_as_county(text: str, county: Place) -> bool:
    return _speaks_as(text, "district" if county.name.endswith("区") else "county", "city")


def _speaks_as(text: str, level: str, other: str) -> bool:
    """Whether the text uses the words of a jurisdiction of `level` more than of `other`."""
    words = _jurisdiction_words()
    return len(words[level].findall(text)) > len(words[other].findall(text))


def without_strays(text: str, mentions: tuple[PlaceMention, ...], region: Place | None) -> tuple[PlaceMention, ...]:
    """The mentions without bare short names of counties in another province than the
    report's region (常山 inside 常山华侨经济开发区 of a Fujian report): a report names
    the places of other provinces in full when it means them — except the districts
    of the four municipalities, cited bare as models (以海淀成果推广应用), unless the name
    goes on as a school's (康居西城小学 of a Chongqing report)."""
    if region is None or region.adcode == NATIONAL.adcode:
        return mentions
    home = region.adcode[:2]
    schools = tuple(context()["school_name_ends"])

    def stray(m: PlaceMention) -> bool:
        unit = by_code().get(m.place.adcode) if m.place else None
        return (unit is not None and unit.adcode[:2] != home and m.surface == short_name(official_name(unit))
                and (unit.parent not in MUNICIPALITIES or text.startswith(schools, m.end)))

    return tuple(m for m in mentions if not stray(m))
