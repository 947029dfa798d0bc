"""Stages 3-5, anchor, gate and resolve: the cities/provinces a document is about
(title and publisher first, then the places it names unambiguously); a bare short name
counts only in a list of places, before a district count, inside the anchor's own area,
or when it is a unique place word, a local alias only inside its city; a name shared by
several units picks the one the anchor supports, else stays ambiguous. Old names
resolve by the report year."""
from __future__ import annotations

import functools
import re
from collections import Counter

from extractors.models import DocContext, Place, PlaceMention
from extractors.places.lexicon import (ALIAS, CITY_SHORT, FULL, MUNICIPALITIES, SHORT, Entry, Unit, by_code, context,
                                       is_common_word, is_place_word, official_name, parent_of, short_name,
                                       successor_codes, surface_index)
from extractors.places.scan import Raw, scan
from extractors.text import alternation


def by_year(entries: tuple[Entry, ...], year: int | None) -> tuple[Entry, ...]:
    """The entries whose unit existed in `year` (current units when the year is
    unknown); all of them when none did, since old names outlive their codes."""
    if year is None:
        live = [e for e in entries if e.unit.valid_to is None]
    else:
        live = [e for e in entries if e.unit.valid_in(year)]
    return tuple(live) or entries


def _anchor(raws: list[Raw], year: int | None) -> Counter:
    """Area codes weighted by how often unambiguous official names point into them."""
    votes: Counter = Counter()
    for r in raws:
        if r.kind != FULL:
            continue
        entries = by_year(r.entries, year)
        if len({e.unit.adcode for e in entries}) == 1:
            votes.update(entries[0].unit.areas)
    return votes


def _pick(entries: tuple[Entry, ...], *anchors: Counter) -> tuple[Unit | None, tuple[Unit, ...]]:
    """The unit the anchors support most (title before body), or None when they do not decide."""
    units = tuple(dict.fromkeys(e.unit for e in entries))
    codes = {u.adcode for u in units}
    # 平泉县 of 承德地区 and of 承德市: a unit that another candidate replaced is that candidate's
    # earlier self, not a rival reading
    units = tuple(u for u in units if not codes & set(u.replaced_by) - {u.adcode}) or units
    codes = {u.adcode for u in units}
    if len(codes) == 1:
        return units[0], units
    for anchor in anchors:
        # the unit's own city counts before its province (鼓楼区 beside 玄武区 is Nanjing's)
        scores = [(anchor[u.parent], anchor[u.adcode[:2] + "0000"]) for u in units]
        best = max(scores)
        if best > (0, 0) and scores.count(best) == 1:
            return units[scores.index(best)], units
    return None, units


def _city_named(raw: Raw, entries: tuple[Entry, ...]) -> str:
    """The city a list member names: itself when it is one city (沧州市), or the city
    its surface starts with (石家庄市长安区); '' otherwise."""
    units = {e.unit.adcode: e.unit for e in entries}
    if len(units) != 1:
        return ""
    unit = next(iter(units.values()))
    if unit.level == "city":
        return unit.adcode
    parent = by_code().get(unit.parent)
    city_short = short_name(official_name(parent)) if parent is not None and parent.level == "city" else ""
    return parent.adcode if city_short and raw.surface.startswith(city_short) else ""


def _list_groups(text: str, raws: list[Raw]) -> list[list[int]]:
    """Indexes of raws forming lists (东城、西城、朝阳) — neighbours joined by one separator."""
    seps = set(context()["list_separators"])
    groups, cur = [], [0] if raws else []
    for i in range(1, len(raws)):
        gap = text[raws[i - 1].end: raws[i].start]
        if len(gap) <= 1 and all(ch in seps for ch in gap):
            cur.append(i)
        else:
            groups.append(cur)
            cur = [i]
    if cur:
        groups.append(cur)
    return groups


def _shared_area(units_per_member: list[tuple[Unit, ...]]) -> str | None:
    """An area (city or province) that at least two list members can both lie in; of
    areas shared by as many, the smallest (the city both lie in, not its province),
    then the first named: a set's order, which changes with the hash seed, decided
    this once."""
    votes: Counter = Counter()
    for units in units_per_member:
        votes.update(list(dict.fromkeys(a for u in units for a in u.areas[1:])))
    if not votes:
        return None
    area, n = max(votes.items(), key=lambda item: (item[1], not item[0].endswith("0000")))
    return area if n >= 2 else None


def _is_famous_district(surface: str, entries: tuple[Entry, ...]) -> bool:
    """A district of a municipality with a name no other unit shares, which jieba
    knows as a place (海淀): reports elsewhere cite these bare (以海淀成果推广应用);
    county short names outside the report's own area (长阳, 江山) are not cited so."""
    units = {e.unit.adcode: e.unit for e in entries}
    if len(units) != 1 or not is_place_word(surface):
        return False
    unit = next(iter(units.values()))
    return unit.level == "county" and unit.parent in MUNICIPALITIES


def _as_of(unit: Unit, year: int | None, in_school_name: bool) -> Place:
    """The place a name means in a text of `year`: a retired name living on in a school's
    (平泉县第一中学 in 2020) names the unit that succeeded it (平泉市, since 2017); a name written
    as the place's own keeps the unit it names (平泉县 in a 2020 review of past years)."""
    if in_school_name and year is not None and unit.valid_to is not None and year >= unit.valid_to:
        successors = successor_codes(unit.adcode)
        if len(successors) == 1 and successors[0] in by_code():
            return by_code()[successors[0]].place
    return unit.place


def _school_county(text: str, raw: Raw, entries: tuple[Entry, ...], *anchors: Counter) -> tuple[Entry, ...]:
    """临安中学、桐庐中学 in a 浙江 text: a county's short name opening a school's name names
    that county (the contract's 叶县第七小学) when the text is about the county's province;
    the county's own city need not be named. 和平小学, 光明小学 and 城关中学 are named after a
    word or a town, not after 和平区, 光明区 or 城关区."""
    if (not _school_name_end().match(text, raw.end) or is_common_word(raw.surface)
            or raw.surface in context()["school_town_names"]):
        return ()
    return tuple(e for e in entries if e.unit.level == "county"
                 and any(anchor[e.unit.adcode[:2] + "0000"] for anchor in anchors))


@functools.cache
def _street_or_programme() -> re.Pattern:
    return re.compile(alternation(context()["street_words"] + context()["programme_words"]))


@functools.cache
def _quoted_name() -> re.Pattern:
    return re.compile(f"(?<=[“「『])[^”」』“「『\n]{{2,{context()['quoted_name_chars']}}}(?=[”」』])")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the short quotations of `text` (programme and brand names) sit."""
    return [m.span() for m in _quoted_name().finditer(text)] if "“" in text or "「" in text or "『" in text else []


@functools.cache
def _school_name_end() -> re.Pattern:
    # a school's number may come first: 都昌县第三中学
    return re.compile(rf"(?:第[一二三四五六七八九十]+)?(?:{alternation(context()['school_name_ends'])})")


def find_mentions(text: str, ctx: DocContext) -> list[PlaceMention]:
    """Every place named in `text`, sorted by start (see the module docstring)."""
    year = ctx.report_year
    head_raws = scan(" ".join(s for s in (ctx.title, ctx.publisher or "") if s))
    head = _anchor(head_raws, year)
    raws = scan(text)
    body = _anchor(raws, year)
    count_re = re.compile(context()["district_count"])
    quoted = _quoted_spans(text)

    accepted: dict[int, tuple[Entry, ...]] = {}
    schools: list[int] = []  # school names after a county's short name that the anchors do not place
    for group in _list_groups(text, raws):
        members = [by_year(raws[i].entries, year) for i in group]
        counted = bool(count_re.match(text, raws[group[-1]].end))
        area = _shared_area([tuple(e.unit for e in m) for m in members])
        listed = (len(group) >= 2 or counted) and any(raws[i].aligned for i in group)
        city = ""  # the city the list last named (石家庄市长安区、桥西区: 桥西区 is 石家庄's)
        for i, entries in zip(group, members):
            raw = raws[i]
            city = _city_named(raw, entries) or city
            if raw.kind == SHORT and year is not None and not any(e.unit.valid_in(year) for e in raw.entries):
                continue  # a retired unit's short name lives on in names of schools and towns (塘沽一中)
            if _navigation_label().match(text, raw.end):
                continue  # a site's menu (泾川新闻 灵台新闻) names sections, not places the report is about
            if raw.kind != FULL and (_street_or_programme().match(text, raw.end)
                                     or any(a <= raw.start and raw.end <= b and b - a > raw.end - raw.start
                                            for a, b in quoted)):
                continue  # 秦安路小学, “天山英才”: part of a street's or a programme's name
            if listed and area and raw.kind in (SHORT, FULL):
                accepted[i] = (tuple(e for e in entries if e.unit.parent == city)
                               or tuple(e for e in entries if area in e.unit.areas) or entries)
            elif not raw.aligned:
                continue
            elif raw.kind in (FULL, CITY_SHORT):
                accepted[i] = entries
            elif raw.kind == ALIAS:
                inside = tuple(e for e in entries if e.unit.scope in head or e.unit.scope in body)
                if inside:
                    accepted[i] = inside
            else:
                own = (tuple(e for e in entries if e.unit.parent in head or e.unit.parent in body)
                       or _school_county(text, raw, entries, head, body))
                if own:
                    accepted[i] = own
                elif _is_famous_district(raw.surface, entries):
                    accepted[i] = entries
                else:
                    schools.append(i)
    # 石柱中学…；丰都某学校…: the provinces of the places the text names count as much as its
    # anchors for a school named after a county (a news item naming only its counties)
    named = Counter(e.unit.adcode[:2] + "0000" for entries in accepted.values() for e in entries)
    for i in schools:
        own = _school_county(text, raws[i], by_year(raws[i].entries, year), named)
        if own:
            accepted[i] = own

    out = []
    for i, entries in sorted(accepted.items()):
        raw = raws[i]
        unit, units = _pick(entries, head, body)
        if raw.kind == CITY_SHORT and unit is None:
            continue  # a bare city short name that context does not place is no evidence
        place = _as_of(unit, year, _school_name_end().match(text, raw.end) is not None) if unit else None
        out.append(PlaceMention(
            surface=raw.surface, start=raw.start, end=raw.end,
            place=place,
            candidates=tuple(u.place for u in units),
            ambiguous=unit is None,
            replaced_by=unit.replaced_by if unit and unit.valid_to is not None and place == unit.place else (),
        ))
    return _with_uncoded_zones(text, _with_lost_characters(text, out, head + body))


# a character normalisation could not recover (UTF-8 read as Windows-1252 that lost a byte)
LOST = "\ufffd"
_HAN = re.compile(r"[\u3400-\u9fff]")


def _with_lost_characters(text: str, found: list[PlaceMention], anchor: Counter) -> list[PlaceMention]:
    """市区(天�、钟楼、新北) on a page whose mojibake lost bytes: two characters, one of them lost,
    standing alone (no Chinese character on either side), are the county of the city the text is
    about whose short name they fit, when exactly one does (天� → 天宁区 in a 常州 text)."""
    if LOST not in text:
        return found
    cities = [code for code, _ in anchor.most_common() if code in by_code() and by_code()[code].level == "city"]
    if not cities:
        return found
    counties = _two_character_counties(cities[0])
    taken = [(m.start, m.end) for m in found]
    extra = []
    for lost in re.finditer(LOST, text):
        for a in (lost.start() - 1, lost.start()):
            b = a + 2
            window = text[max(a, 0):b]
            if (a < 0 or b > len(text) or window.count(LOST) != 1 or (a > 0 and _HAN.match(text, a - 1))
                    or _HAN.match(text, b) or any(s < b and a < e for s, e in taken)):
                continue
            fits = [unit for name, unit in counties if all(c in (LOST, n) for c, n in zip(window, name))]
            if len(fits) == 1:
                place = fits[0].place
                extra.append(PlaceMention(surface=window, start=a, end=b, place=place, candidates=(place,)))
                taken.append((a, b))
    return sorted(found + extra, key=lambda m: m.start) if extra else found


@functools.cache
def _two_character_counties(city: str) -> tuple[tuple[str, Unit], ...]:
    """The counties of `city` in use whose short name has two characters, with that name."""
    units = [u for u in by_code().values() if u.parent == city and u.level == "county" and u.valid_to is None]
    return tuple((name, u) for u in units if len(name := short_name(official_name(u))) == 2)


def _with_uncoded_zones(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """`found` plus the functional zones named after their city that the surface index
    does not hold as written: a coded zone under another form (沧州市经济技术开发区 →
    130971), else a zone no division table codes (九江经济开发区 → 360400:九江经济开发区).
    The zone replaces the city name it starts with."""
    zones = []
    for m in found:
        if m.place is None or m.place.level != "city" or m.place.adcode not in by_code():
            continue
        kind = _uncoded_zone().match(text, m.end)
        if kind is None or any(o is not m and o.start < kind.end() and m.end < o.end for o in found):
            continue
        rest = text[m.end:kind.end()]
        name = short_name(official_name(by_code()[m.place.adcode])) + rest
        # 沧州市经济技术开发区 is the coded 河北沧州经济开发区 under another form
        coded = [e.unit for e in surface_index().get(name, ()) if e.unit.adcode[:4] == m.place.adcode[:4]]
        place = coded[0].place if coded else Place(f"{m.place.adcode}:{name}", m.place.name + rest, "county")
        # 六安市六安经济技术开发区: the city written before the zone's name is part of it
        start = next((o.start for o in found if o.end == m.start and o.place == m.place), m.start)
        zones.append(PlaceMention(surface=text[start:kind.end()], start=start, end=kind.end(), place=place,
                                  candidates=(place,)))
    covered = [m for m in found for z in zones if z.start <= m.start and m.end <= z.end]
    return sorted([m for m in found if m not in covered] + zones, key=lambda m: m.start) if zones else found


def with_bare_zones(text: str, mentions: tuple[PlaceMention, ...], region: Place | None) -> tuple[PlaceMention, ...]:
    """`mentions` plus the zones written as a bare kind where a list of places goes on
    (沧州市渤海新区、运河区、经济技术开发区) or in an addressee line (各县(市、区)人民政府，开发区、
    高新区管委会： / …财政局，经开区社会事业局：): the zone of that kind of the city of the place
    named just before, else of the report's city — the city's coded zone of that kind when
    it has exactly one (开发区 → 河北沧州经济开发区), else `<city code>:<kind>`."""
    seps = context()["list_separators"] + "，,；;"
    taken = [(m.start, m.end) for m in mentions]
    ends = {m.end: m for m in mentions if m.place is not None}
    zones: list[PlaceMention] = []
    for found in _bare_zone().finditer(text):
        a, b = found.span()
        if any(s < b and a < e for s, e in taken):
            continue
        line_end = text.find("\n", b)
        line = text[text.rfind("\n", 0, a) + 1:line_end if line_end >= 0 else len(text)]
        before = ends.get(a - 1 if a > 0 and text[a - 1] in seps else a)
        # an addressee line is a list of bodies ending in a colon, no sentence (…报告如下：)
        addressee = (line.rstrip().endswith((":", "：")) and "。" not in line
                     and (a == 0 or text[a - 1] in seps + "\n"))
        if before is None and not addressee:
            continue
        city = _city_of(before.place) if before else (region if region and region.level == "city" else None)
        if city is None:
            continue
        place = _zone_of(city, found.group())
        zone = PlaceMention(surface=found.group(), start=a, end=b, place=place, candidates=(place,))
        zones.append(zone)
        ends[b] = zone
    return tuple(sorted(mentions + tuple(zones), key=lambda m: m.start)) if zones else mentions


def _city_of(place: Place) -> Place | None:
    """The city a place is or lies in (an uncoded zone `<city code>:<name>` lies in its city)."""
    if place.level == "city":
        return place
    parent = parent_of(place)
    return parent if parent is not None and parent.level == "city" else None


@functools.cache
def _zone_of(city: Place, kind: str) -> Place:
    """The city's coded zone of `kind` (高新区 → the one whose name holds 高新), else the
    city's uncoded zone keyed by the kind as written."""
    word = context()["bare_zone_kinds"][kind]
    coded = [u for u in by_code().values() if u.parent == city.adcode and u.adcode[4] == "7"
             and u.valid_to is None and word in u.full_name]
    if len(coded) == 1:
        return coded[0].place
    return Place(f"{city.adcode}:{kind}", city.name + kind, "county")


@functools.cache
def _bare_zone() -> re.Pattern:
    return re.compile(alternation(context()["bare_zone_kinds"]))


@functools.cache
def _navigation_label() -> re.Pattern:
    labels = "|".join(map(re.escape, context()["navigation_labels"]))
    return re.compile(rf"(?:{labels})(?=[ \t|]|$)", re.MULTILINE)


@functools.cache
def _uncoded_zone() -> re.Pattern:
    """A zone's kind (经济开发区) within a few characters, with no other place word between."""
    kinds = "|".join(sorted(map(re.escape, context()["uncoded_zone_kinds"]), key=len, reverse=True))
    return re.compile(rf"(?:(?![市县区、，,和及与])[\u4e00-\u9fff]){{0,4}}?(?:{kinds})")


def district_codes(ctx: DocContext) -> list[str]:
    """Codes of every county-level unit named in the body, in order of first mention."""
    return list(dict.fromkeys(m.place.adcode for m in ctx.mentions if m.place and m.place.level == "county"))

