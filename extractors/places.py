"""Places (issue 3): every place a report names, resolved to its administrative code.

Stages:
  1. index   — one dict of every surface form, found in a text by an Aho-Corasick automaton: official names, full
               names (北京市东城区), short names derived by rule (东城, 北京), zone
               abbreviations (长春净月高新区) and the hand-kept local aliases.
  2. scan    — leftmost-longest matches; short surfaces must sit on jieba token
               boundaries (召开县委 holds no 开县, 朝阳产业 no 朝阳).
  3. anchor  — the cities/provinces the document is about: its title and publisher
               first, then the places it names unambiguously.
  4. gate    — a bare short name counts only in a list of places, before a district
               count, inside the anchor's own area, or when it is a unique place word;
               a local alias only inside its city.
  5. resolve — a name shared by several units picks the one the anchor supports;
               otherwise it stays ambiguous with its candidates. Old names resolve by
               the report year.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from extractors import segment
from extractors.lexicon import load_tsv, load_yaml
from extractors.models import DocContext, Place, PlaceMention
from extractors.text import clause_spans, enclosing, encodable, sentence_spans

PLACE_COLUMNS = ("adcode", "name", "full_name", "level", "parent", "valid_from", "valid_to", "replaced_by", "source")
ALIAS_COLUMNS = ("alias", "adcode", "name", "scope", "note")
CONTEXT_KEYS = ("name_suffixes", "ethnic_groups", "zone_abbreviations", "generic_names", "whole_region_cues",
                "district_count", "list_separators", "heading_enumerator")

# Province-level cities: their districts hang directly under the province code.
MUNICIPALITIES = ("110000", "120000", "310000", "500000")
# How a surface names its unit; short names and aliases need context (stage 4).
FULL, SHORT, ALIAS, CITY_SHORT = "full", "short", "alias", "city_short"


@dataclass(frozen=True)
class Unit:
    """One row of the place lexicon (or an alias): a unit as it was named in some years."""

    adcode: str
    full_name: str
    level: str
    parent: str
    valid_from: int | None = None
    valid_to: int | None = None
    replaced_by: tuple[str, ...] = ()
    scope: str = ""  # aliases: the city/province whose context they need

    @property
    def place(self) -> Place:
        return Place(self.adcode, self.full_name, self.level)

    @property
    def areas(self) -> tuple[str, ...]:
        """Codes of the unit and the areas that contain it (itself, city, province)."""
        code = self.scope or self.adcode[:6]
        out = [self.adcode] if self.adcode != code else []
        out += [code, self.parent, code[:2] + "0000"] if not self.scope else [code, code[:2] + "0000"]
        return tuple(dict.fromkeys(c for c in out if c))

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year < self.valid_to)


@dataclass(frozen=True)
class _Entry:
    unit: Unit
    kind: str


@functools.cache
def _context() -> dict:
    return load_yaml("place_context.yaml", CONTEXT_KEYS)


def _year(value: str) -> int | None:
    return int(value) if value.strip() else None


@functools.cache
def _units() -> tuple[Unit, ...]:
    return tuple(
        Unit(r["adcode"], r["full_name"], r["level"], r["parent"], _year(r["valid_from"]), _year(r["valid_to"]),
             tuple(c for c in r["replaced_by"].split(";") if c))
        for r in load_tsv("places.tsv", PLACE_COLUMNS, ("adcode", "name", "full_name", "level"))
    )


@functools.cache
def _names() -> dict[tuple[str, str], str]:
    """(adcode, full_name) -> official name, for deriving surfaces."""
    return {(r["adcode"], r["full_name"]): r["name"] for r in load_tsv("places.tsv", PLACE_COLUMNS)}


@functools.cache
def _by_code() -> dict[str, Unit]:
    """Each code's current unit (or its last name when retired)."""
    out: dict[str, Unit] = {}
    for u in _units():
        prev = out.get(u.adcode)
        if prev is None or (prev.valid_to is not None and (u.valid_to is None or u.valid_to > prev.valid_to)):
            out[u.adcode] = u
    return out


def short_name(name: str) -> str:
    """東城区 → 东城, 石柱土家族自治县 → 石柱, 广西壮族自治区 → 广西: the name reports use
    without its administrative suffix ('' when that would leave one character)."""
    ctx = _context()
    for suffix in sorted(ctx["name_suffixes"], key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return ""
    if "自治" in name:
        groups = "|".join(sorted(ctx["ethnic_groups"], key=len, reverse=True))
        stem = re.sub(f"(?:(?:{groups})族)+$", "", stem)
    return stem if len(stem) >= 2 else ""


def _zone_abbreviation(name: str) -> str:
    for long, short in _context()["zone_abbreviations"].items():
        if name.endswith(long):
            return name[: -len(long)] + short
    return ""


@functools.cache
def _index() -> dict[str, tuple[_Entry, ...]]:
    """Surface form -> the units it can name, with how it names them."""
    generic = set(_context()["generic_names"])
    by_code = _by_code()
    index: dict[str, list[_Entry]] = {}

    def add(surface: str, unit: Unit, kind: str) -> None:
        if len(surface) >= 2:
            index.setdefault(surface, []).append(_Entry(unit, kind))

    for u in _units():
        name = _names()[(u.adcode, u.full_name)]
        if name not in generic:
            add(name, u, FULL)
        if u.full_name != name:
            add(u.full_name, u, FULL)
        parent = by_code.get(u.parent)
        if parent is not None and parent.level == "city" and name not in generic:
            # 宝鸡千阳县: the city's short name before the county's name
            add(short_name(parent.full_name) + name, u, FULL)
        if u.level == "county" and u.adcode[4] == "7":
            add(_zone_abbreviation(name), u, FULL)
        stem = short_name(name)
        if stem and name not in generic:
            add(stem, u, {"province": FULL, "city": CITY_SHORT}.get(u.level, SHORT))
    for r in load_tsv("place_aliases.tsv", ALIAS_COLUMNS, ("alias", "adcode", "name", "scope")):
        code_unit = by_code.get(r["adcode"])
        level = code_unit.level if code_unit else "county"
        add(r["alias"], Unit(r["adcode"], r["name"], level, r["scope"], scope=r["scope"]), ALIAS)
    # a surface that is some unit's official name never stands for another unit's short name
    out = {}
    for surface, entries in index.items():
        strong = [e for e in entries if e.kind in (FULL, ALIAS)]
        out[surface] = tuple(dict.fromkeys(strong or entries))
    # only names in use: an old name such as 向山区 would make jieba read 面向山区 as 面/向山区
    segment.add_words(s for s, entries in out.items()
                      if len(s) >= 3 and any(e.unit.valid_to is None for e in entries))
    return out


@functools.cache
def _automaton():
    """An Aho-Corasick automaton of every surface (ahocorasick_rs, in Rust): one pass
    over a text finds them all, where probing the index at each character was most of
    the cost of places (pyahocorasick measured 20 times slower on Chinese text)."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(list(_index()), implementation=ahocorasick_rs.Implementation.DFA)


def _longest_at_each_start(text: str) -> dict[int, int]:
    """start -> length of the longest surface starting there."""
    out: dict[int, int] = {}
    for _, start, end in _automaton().find_matches_as_indexes(encodable(text), overlapping=True):
        if end - start > out.get(start, 0):
            out[start] = end - start
    return out


@dataclass
class _Raw:
    start: int
    end: int
    surface: str
    entries: tuple[_Entry, ...]
    aligned: bool  # jieba reads the surface as whole words; else only a list can make it a place

    @property
    def kind(self) -> str:
        return self.entries[0].kind


# How much text on each side of a name jieba reads to judge the name's boundaries.
_NEIGHBOURHOOD = 6


def _word_cuts(text: str, matches: list[tuple[int, int]]) -> set[int]:
    """Word boundaries of jieba's reading of each name's neighbourhood (±6 characters);
    neighbourhoods that overlap (names in a list) are read once, together."""
    cuts: set[int] = set()
    windows: list[list[int]] = []
    for start, end in matches:  # sorted by start
        lo, hi = max(0, start - _NEIGHBOURHOOD), min(len(text), end + _NEIGHBOURHOOD)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        cuts.add(lo)
        cuts.update(lo + e for e in segment.word_ends(text[lo:hi]))
    return cuts


def _reads_as_name(cuts: set[int], start: int, end: int, short: bool) -> bool:
    """Whether jieba, reading the neighbourhood, starts a word at `start` (and, for a
    short surface, ends one at `end`), and does not read a three-character name as a
    particle plus a word (内容向山区 is 向/山区, not 向山区)."""
    if start not in cuts or (short and end not in cuts):
        return False
    inner = [c for c in range(start + 1, end) if c in cuts]
    return not (end - start == 3 and inner == [start + 1])


def _scan(text: str) -> list[_Raw]:
    """The longest match at every position where one starts (overlaps included:
    房山和平谷 holds both 和平 and 平谷), on jieba word boundaries."""
    index = _index()
    matches = [(i, i + n) for i, n in sorted(_longest_at_each_start(text).items())]
    cuts = _word_cuts(text, matches)
    out = []
    for start, end in matches:
        surface = text[start:end]
        entries = index[surface]
        short = entries[0].kind != FULL or end - start <= 2
        aligned = _reads_as_name(cuts, start, end, short)
        if aligned or short:
            out.append(_Raw(start, end, surface, entries, aligned))
    return _without_overlaps(text, out)


def _without_overlaps(text: str, raws: list[_Raw]) -> list[_Raw]:
    """One reading per overlapping stretch: an official name beats a short name, a
    longer one a shorter; between short names, the one that leaves list separators
    between it and its neighbours (房山和平谷 → 房山, 平谷)."""
    seps = set(_context()["list_separators"])
    count_re = re.compile(_context()["district_count"])

    def rank(i: int) -> tuple:
        r = raws[i]
        before = next((raws[j] for j in range(i - 1, -1, -1) if raws[j].end <= r.start), None)
        after = next((raws[j] for j in range(i + 1, len(raws)) if raws[j].start >= r.end), None)
        joins = sum(1 for a, b in ((before.end, r.start) if before else (0, -1),
                                   (r.end, after.start) if after else (0, -1))
                    if b - a == 1 and text[a] in seps)
        joins += bool(count_re.match(text, r.end))
        return (r.kind == FULL and r.aligned, r.end - r.start, joins, r.aligned, -r.start)

    kept: list[int] = []
    for i in sorted(range(len(raws)), key=rank, reverse=True):
        if all(raws[i].end <= raws[j].start or raws[j].end <= raws[i].start for j in kept):
            kept.append(i)
    return [raws[i] for i in sorted(kept)]


def _by_year(entries: tuple[_Entry, ...], year: int | None) -> tuple[_Entry, ...]:
    """The entries whose unit existed in `year` (current units when the year is
    unknown); all of them when none did, since old names outlive their codes."""
    if year is None:
        live = [e for e in entries if e.unit.valid_to is None]
    else:
        live = [e for e in entries if e.unit.valid_in(year)]
    return tuple(live) or entries


def _anchor(raws: list[_Raw], year: int | None) -> Counter:
    """Area codes weighted by how often unambiguous official names point into them."""
    votes: Counter = Counter()
    for r in raws:
        if r.kind != FULL:
            continue
        entries = _by_year(r.entries, year)
        if len({e.unit.adcode for e in entries}) == 1:
            votes.update(entries[0].unit.areas)
    return votes


def _pick(entries: tuple[_Entry, ...], *anchors: Counter) -> tuple[Unit | None, tuple[Unit, ...]]:
    """The unit the anchors support most (title before body), or None when they do not decide."""
    units = tuple(dict.fromkeys(e.unit for e in entries))
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


def _list_groups(text: str, raws: list[_Raw]) -> list[list[int]]:
    """Indexes of raws forming lists (东城、西城、朝阳) — neighbours joined by one separator."""
    seps = set(_context()["list_separators"])
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
    """An area (city or province) that at least two list members can both lie in."""
    votes: Counter = Counter()
    for units in units_per_member:
        votes.update({a for u in units for a in u.areas[1:]})
    # on a tie the narrowest area (a city before its province), then the code: never set order
    area, n = max(votes.items(), key=lambda kv: (kv[1], not kv[0].endswith("0000"), kv[0])) if votes else ("", 0)
    return area if n >= 2 else None


def _is_famous_district(surface: str, entries: tuple[_Entry, ...]) -> bool:
    """A district of a municipality with a name no other unit shares, which jieba
    knows as a place (海淀): reports elsewhere cite these bare (以海淀成果推广应用);
    county short names outside the report's own area (长阳, 江山) are not cited so."""
    units = {e.unit.adcode: e.unit for e in entries}
    if len(units) != 1 or segment.pos_of(surface) != "ns":
        return False
    unit = next(iter(units.values()))
    return unit.level == "county" and unit.parent in MUNICIPALITIES


def find_mentions(text: str, ctx: DocContext) -> list[PlaceMention]:
    """Every place named in `text`, sorted by start (see the module docstring)."""
    year = ctx.report_year
    head_raws = _scan(" ".join(s for s in (ctx.title, ctx.publisher or "") if s))
    head = _anchor(head_raws, year)
    raws = _scan(text)
    body = _anchor(raws, year)
    count_re = re.compile(_context()["district_count"])

    accepted: dict[int, tuple[_Entry, ...]] = {}
    for group in _list_groups(text, raws):
        members = [_by_year(raws[i].entries, year) for i in group]
        counted = bool(count_re.match(text, raws[group[-1]].end))
        area = _shared_area([tuple(e.unit for e in m) for m in members])
        listed = (len(group) >= 2 or counted) and any(raws[i].aligned for i in group)
        for i, entries in zip(group, members):
            raw = raws[i]
            if listed and area and raw.kind in (SHORT, FULL):
                accepted[i] = tuple(e for e in entries if area in e.unit.areas) or entries
            elif not raw.aligned:
                continue
            elif raw.kind in (FULL, CITY_SHORT):
                accepted[i] = entries
            elif raw.kind == ALIAS:
                inside = tuple(e for e in entries if e.unit.scope in head or e.unit.scope in body)
                if inside:
                    accepted[i] = inside
            else:
                own = tuple(e for e in entries if e.unit.parent in head or e.unit.parent in body)
                if own:
                    accepted[i] = own
                elif _is_famous_district(raw.surface, entries):
                    accepted[i] = entries

    out = []
    for i, entries in sorted(accepted.items()):
        raw = raws[i]
        unit, units = _pick(entries, head, body)
        if raw.kind == CITY_SHORT and unit is None:
            continue  # a bare city short name that context does not place is no evidence
        out.append(PlaceMention(
            surface=raw.surface, start=raw.start, end=raw.end,
            place=unit.place if unit else None,
            candidates=tuple(u.place for u in units),
            ambiguous=unit is None,
            replaced_by=unit.replaced_by if unit and unit.valid_to is not None else (),
        ))
    return out


def _parent(place: Place) -> Place | None:
    unit = _by_code().get(place.adcode)
    if unit is None:  # a keyed zone (371000:南海新区) lies in the city before the colon
        unit_code = place.adcode.split(":")[0]
        parent = _by_code().get(unit_code)
        return parent.place if parent else None
    parent = _by_code().get(unit.parent)
    return parent.place if parent else None


def _lineage(place: Place) -> list[str]:
    out, cur = [], place
    while cur is not None:
        out.append(cur.adcode)
        cur = _parent(cur)
    return out


def _covering(places: list[Place]) -> Place | None:
    """The most specific place when the places nest, else their smallest common area."""
    if not places:
        return None
    lineages = [_lineage(p) for p in places]
    deepest = max(lineages, key=len)
    if all(set(line) <= set(deepest) for line in lineages):
        return places[lineages.index(deepest)]
    common = [c for c in deepest if all(c in line for line in lineages)]
    return _by_code()[common[0]].place if common else None


def infer_region(text: str, ctx: DocContext) -> Place | None:
    """The jurisdiction the report covers: the place its title names, else its
    publisher's, else the area most of the places in its body lie in."""
    # a name the title leaves ambiguous (鼓楼区) is read as the body resolved it
    in_body = {m.surface: m.place for m in ctx.mentions if m.place}
    for head in (ctx.title, ctx.publisher or ""):
        if not head:
            continue
        mentions = find_mentions(head, DocContext(title=ctx.title, publisher=ctx.publisher,
                                                  report_year=ctx.report_year))
        places = [m.place or in_body.get(m.surface) for m in mentions]
        region = _covering([p for p in places if p and ":" not in p.adcode])
        if region:
            return region
    return _body_region(text, ctx.mentions)


def _body_region(text: str, mentions) -> Place | None:
    votes: Counter = Counter()
    for m in mentions:
        if m.place is None:
            continue
        if m.place.level == "county":
            parent = _parent(m.place)
            votes[parent.adcode if parent else m.place.adcode] += 1
        elif m.place.level == "city":
            votes[m.place.adcode] += 1
    if not votes:
        provinces = Counter(m.place.adcode for m in mentions if m.place and m.place.level == "province")
        return _by_code()[provinces.most_common(1)[0][0]].place if provinces else None
    code = votes.most_common(1)[0][0]
    place = _by_code()[code].place if code in _by_code() else None
    counties = Counter(m.place for m in mentions if m.place and m.place.level == "county")
    # a county report (全县/我县) about its one county
    if len(counties) == 1 and len(re.findall("全县|我县|本县", text)) > len(re.findall("全市|我市|本市", text)):
        return next(iter(counties))
    return place


def district_codes(ctx: DocContext) -> list[str]:
    """Codes of every county-level unit named in the body, in order of first mention."""
    return list(dict.fromkeys(m.place.adcode for m in ctx.mentions if m.place and m.place.level == "county"))


# The district sections of the last document asked about, keyed by the identity of its
# text and mentions: every figure and statement of a document asks, and hashing the
# mentions for an lru_cache key cost more than the answer.
_last_sections: list = [None, None, ()]


def _heading_places(text: str, mentions: tuple[PlaceMention, ...]) -> tuple[tuple[int, int, Place], ...]:
    if _last_sections[0] is not text or _last_sections[1] is not mentions:
        _last_sections[:] = [text, mentions, _district_sections(text, mentions)]
    return _last_sections[2]


def _district_sections(text: str, mentions: tuple[PlaceMention, ...]) -> tuple[tuple[int, int, Place], ...]:
    """(start, end, place) of sections headed by a district alone (一、环翠区): the
    section runs to the next heading with the same kind of enumerator."""
    enum = re.compile(_context()["heading_enumerator"], re.MULTILINE)
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
        if mention is None or text[mention.end:b].strip(" 　：:"):
            continue
        end = next((h[0] for h in heads[i + 1:] if h[3] == kind), len(text))
        out.append((a, end, mention.place))
    return tuple(out)


@functools.cache
def _whole_region_cue() -> re.Pattern:
    return re.compile("|".join(map(re.escape, _context()["whole_region_cues"])))


def places_for_span(text: str, start: int, end: int, ctx: DocContext, scope: str = "clause") -> list[Place]:
    """The places a statement at text[start:end] is about: the county-level places its
    clause (or sentence) names; else those of the nearest earlier clause of the
    sentence; a whole-jurisdiction cue (全区) or no place → the district whose section
    it sits in, else the report's region. [] when nothing is known."""
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
            for a, b in reversed([c for c in clauses if c[1] <= current[0]]):
                found = named(a, b)
                if found:
                    break
    if found:
        return found
    for a, b, place in _heading_places(text, ctx.mentions):
        if a <= start < b:
            return [place]
    return [ctx.region] if ctx.region else []


def successor_codes(adcode: str) -> tuple[str, ...]:
    """The current code(s) a retired code became, following the MCA chain; the code
    itself when it is current (or unknown)."""
    seen, frontier, out = set(), [adcode], []
    while frontier:
        code = frontier.pop(0)
        if code in seen:
            continue
        seen.add(code)
        unit = _by_code().get(code)
        if unit is None or unit.valid_to is None or not unit.replaced_by or unit.replaced_by == (code,):
            out.append(code)
        else:
            frontier.extend(unit.replaced_by)
    return tuple(dict.fromkeys(out))
