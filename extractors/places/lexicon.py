"""Stage 1, index: the place lexicon as units, and every surface form that names them
(official names, full names, short names derived by rule, zone abbreviations, the
hand-kept local aliases), found in a text by one Aho-Corasick automaton. Also the
hierarchy lookups the later stages share (parent, covering area, successor codes)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors import segment
from extractors.lexicon import LexiconError, built, load_tsv, load_yaml
from extractors.models import Place


PLACE_COLUMNS = ("adcode", "name", "full_name", "level", "parent", "valid_from", "valid_to", "replaced_by", "source")
ALIAS_COLUMNS = ("alias", "adcode", "name", "scope", "note")
SHORT_FORM_COLUMNS = ("short_form", "name", "note")
CONTEXT_KEYS = ("name_suffixes", "ethnic_groups", "zone_abbreviations", "generic_names", "whole_region_cues", "citywide_cues",
                "district_count", "list_separators", "heading_enumerator", "jurisdiction_words", "national_cues",
                "autonomous_short_forms", "zone_name_variants", "zone_kinds",
                "uncoded_zone_kinds", "navigation_labels", "venue_verbs", "stationed_offices", "inspection_words",
                "inspection_verbs",
                "visit_words", "supervision_verbs", "supervised_governments", "supervised_duties",
                "national_subjects", "province_abbreviations",
                "self_reference", "first_person", "urban_area_words", "bare_zone_kinds", "school_name_ends",
                "reporter_or_benchmark", "listed_subjects", "example_cues", "problem_topic_openers", "common_word_frequency",
                "school_town_names", "street_words", "quoted_name_chars", "programme_words", "located_in")

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
class Entry:
    unit: Unit
    kind: str


@functools.cache
def context() -> dict:
    return load_yaml("place_context.yaml", CONTEXT_KEYS)


def _year(value: str) -> int | None:
    return int(value) if value.strip() else None


@built
def _units() -> tuple[Unit, ...]:
    return tuple(
        Unit(r["adcode"], r["full_name"], r["level"], r["parent"], _year(r["valid_from"]), _year(r["valid_to"]),
             tuple(c for c in r["replaced_by"].split(";") if c))
        for r in load_tsv("places.tsv", PLACE_COLUMNS, ("adcode", "name", "full_name", "level"))
    )


@built
def _names() -> dict[tuple[str, str], str]:
    """(adcode, full_name) -> official name, for deriving surfaces."""
    return {(r["adcode"], r["full_name"]): r["name"]
            for r in load_tsv("places.tsv", PLACE_COLUMNS, ("adcode", "name", "full_name", "level"))}


def newest_units() -> list[Unit]:
    """One unit per code, as it was last named (a code in use: its current name), the
    codes in order of that name's end, in use first (ties in the table's order)."""
    newest: dict[str, Unit] = {}
    for u in sorted(_units(), key=lambda u: 9999 if u.valid_to is None else u.valid_to, reverse=True):
        newest.setdefault(u.adcode, u)
    return list(newest.values())


def official_name(unit: Unit) -> str:
    """The unit's own name without its parents' (东城区 for 北京市东城区)."""
    return _names()[(unit.adcode, unit.full_name)]


@functools.cache
def by_code() -> dict[str, Unit]:
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
    ctx = context()
    for suffix in sorted(ctx["name_suffixes"], key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return ""
    if "自治" in name:
        groups = "|".join(sorted(ctx["ethnic_groups"], key=len, reverse=True))
        # names of two characters or more also come without 族 (木垒哈萨克自治县, 察布查尔锡伯自治县)
        long_groups = "|".join(sorted((g for g in ctx["ethnic_groups"] if len(g) >= 2), key=len, reverse=True))
        without = re.sub(f"(?:(?:{groups})族|{long_groups})+$", "", stem)
        # 内蒙古自治区: a group's name that is part of the place's own name (内 alone is no name) stays
        stem = without if len(without) >= 2 else stem
    return stem if len(stem) >= 2 else ""


# A banner's (or autonomous county's) stem of a Mongolian name of three characters or more and
# its wing and/or position: 土默特|左, 察哈尔|右翼|前, 鄂托克||前, 喀喇沁|左翼 (蒙古族自治县)
_WING = re.compile(r"(?P<head>.{3,}?)(?P<wing>[左右]翼?)?(?P<position>[前中后])?")


def _wing_abbreviations(name: str) -> list[str]:
    """察哈尔右翼前旗 → 察右前旗, 土默特左旗 → 土左旗, 鄂托克前旗 → 鄂前旗, 喀喇沁左翼蒙古族自治县
    → 喀左县 / 喀左自治县: reports keep the name's first character, the wing without 翼 and
    the position, then the unit's suffix (a shorter one for an autonomous unit)."""
    stem = short_name(name)
    found = _WING.fullmatch(stem) if stem else None
    if found is None or not (found["wing"] or found["position"]) or not (name.endswith("旗") or "翼" in stem):
        return []
    short = stem[0] + (found["wing"] or "")[:1] + (found["position"] or "")
    autonomous = context()["autonomous_short_forms"]
    suffixes = next((forms for suffix, forms in autonomous.items() if name.endswith(suffix)), [name[-1]])
    return [short + suffix for suffix in suffixes]


def _zone_abbreviation(name: str) -> str:
    for long, short in context()["zone_abbreviations"].items():
        if name.endswith(long):
            return name[: -len(long)] + short
    return ""


def _zone_short_forms(name: str, city: Unit | None) -> list[str]:
    """A functional zone's name without the province and city it starts with, each
    also with the other word for its kind (河北唐山芦台经济开发区 → 唐山芦台经济开发区,
    芦台经济开发区, 芦台经济技术开发区); never a bare kind of zone (经济开发区)."""
    ctx = context()
    province = short_name(by_code()[city.adcode[:2] + "0000"].full_name) if city else ""
    city_names = [official_name(city), short_name(official_name(city))] if city else []
    forms = []
    rest = name.removeprefix(province) if province else name
    forms.append(rest)
    for prefix in city_names:
        if prefix and rest.startswith(prefix):
            forms.append(rest[len(prefix):])
            break
    out = []
    for form in forms:
        out.append(form)
        out += [form[: -len(a)] + b for a, b in ctx["zone_name_variants"].items() if form.endswith(a)]
    kinds = set(ctx["zone_kinds"])
    return [f for f in dict.fromkeys(out) if f != name and f not in kinds and len(f) >= 4]


def _short_forms() -> dict[str, list[str]]:
    """Official name → the short forms reports write that no rule derives (前郭尔罗斯蒙古族自治县
    → 前郭县), from lexicons/place_short_forms.tsv; every unit of the name, old codes too."""
    names = {official_name(u) for u in _units()}
    out: dict[str, list[str]] = {}
    for r in load_tsv("place_short_forms.tsv", SHORT_FORM_COLUMNS, ("short_form", "name")):
        if r["name"] not in names:
            raise LexiconError(f"place_short_forms.tsv: {r['short_form']} shortens {r['name']}, which no unit is named")
        out.setdefault(r["name"], []).append(r["short_form"])
    return out


@dataclass(frozen=True)
class SurfaceIndex:
    """What stage 1 builds once and keeps between runs (extractors.lexicon.built)."""

    entries: dict[str, tuple[Entry, ...]]  # surface -> the units it can name, with how it names them
    taught: tuple[str, ...]  # surfaces jieba must keep whole
    place_words: frozenset[str]  # surfaces jieba's dictionary tags as place names (ns)
    common_words: frozenset[str]  # surfaces jieba's dictionary counts as common words (和平, 光明)


@functools.cache
def surface_index() -> dict[str, tuple[Entry, ...]]:
    """Surface form -> the units it can name, with how it names them; jieba is taught
    the names in use."""
    index = _built_index()
    segment.add_words(index.taught)
    return index.entries


def is_place_word(surface: str) -> bool:
    """Whether jieba's dictionary tags the surface as a place name (ns), e.g. 海淀."""
    return surface in _built_index().place_words


def is_common_word(surface: str) -> bool:
    """Whether jieba's dictionary counts the surface as a common word (和平, 光明, 友谊)."""
    return surface in _built_index().common_words


@built
def _built_index() -> SurfaceIndex:
    generic = set(context()["generic_names"])
    autonomous = context()["autonomous_short_forms"]
    units_by_code = by_code()
    short_forms = _short_forms()
    index: dict[str, list[Entry]] = {}

    def add(surface: str, unit: Unit, kind: str) -> None:
        if len(surface) >= 2:
            index.setdefault(surface, []).append(Entry(unit, kind))

    for u in _units():
        name = official_name(u)
        if name not in generic:
            add(name, u, FULL)
        if u.full_name != name:
            add(u.full_name, u, FULL)
        parent = units_by_code.get(u.parent)
        if parent is not None and parent.level == "city" and name not in generic:
            # 宝鸡千阳县: the city's short name before the county's name
            add(short_name(parent.full_name) + name, u, FULL)
        if u.level == "county" and u.adcode[4] == "7":
            add(_zone_abbreviation(name), u, FULL)
            for form in _zone_short_forms(name, parent):
                add(form, u, FULL)
        if u.level == "county":
            for form in _wing_abbreviations(name) + short_forms.get(name, []):
                add(form, u, FULL)
        stem = short_name(name)
        if stem and name not in generic:
            add(stem, u, {"province": FULL, "city": CITY_SHORT}.get(u.level, SHORT))
        for suffix, short_suffixes in autonomous.items():
            if stem and name.endswith(suffix) and u.level != "province":
                for short_suffix in short_suffixes:
                    add(stem + short_suffix, u, FULL)
    for r in load_tsv("place_aliases.tsv", ALIAS_COLUMNS, ("alias", "adcode", "name", "scope")):
        code_unit = units_by_code.get(r["adcode"])
        level = code_unit.level if code_unit else "county"
        add(r["alias"], Unit(r["adcode"], r["name"], level, r["scope"], scope=r["scope"]), ALIAS)
    # a surface that is some unit's official name never stands for another unit's short name
    out = {}
    for surface, entries in index.items():
        strong = [e for e in entries if e.kind in (FULL, ALIAS)]
        out[surface] = tuple(dict.fromkeys(strong or entries))
    # only names in use: an old name such as 向山区 would make jieba read 面向山区 as 面/向山区
    taught = tuple(s for s, entries in out.items() if len(s) >= 3 and any(e.unit.valid_to is None for e in entries))
    common = context()["common_word_frequency"]
    return SurfaceIndex(out, taught, frozenset(s for s in out if segment.pos_of(s) == "ns"),
                        frozenset(s for s in out if segment.frequency_of(s) >= common))


@functools.cache
def automaton():
    """An Aho-Corasick automaton of every surface (ahocorasick_rs, in Rust): one pass
    over a text finds them all, where probing the index at each character was most of
    the cost of places (pyahocorasick measured 20 times slower on Chinese text). The
    contiguous NFA, not the DFA: it builds in ~0.03 s where the DFA takes ~0.25 s at
    every start-up (the automaton does not pickle), and finds the same matches at
    ~1 ms per 50,000 characters against the DFA's ~0.8 ms."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(list(surface_index()),
                                      implementation=ahocorasick_rs.Implementation.ContiguousNFA)



def parent_of(place: Place) -> Place | None:
    unit = by_code().get(place.adcode)
    if unit is None:  # a keyed zone (371000:南海新区) lies in the city before the colon
        unit_code = place.adcode.split(":")[0]
        parent = by_code().get(unit_code)
        return parent.place if parent else None
    parent = by_code().get(unit.parent)
    return parent.place if parent else None


def lineage(place: Place) -> list[str]:
    out, cur = [], place
    while cur is not None:
        out.append(cur.adcode)
        cur = parent_of(cur)
    return out


def covering(places: list[Place]) -> Place | None:
    """The most specific place when the places nest, else their smallest common area."""
    if not places:
        return None
    lineages = [lineage(p) for p in places]
    deepest = max(lineages, key=len)
    if all(set(line) <= set(deepest) for line in lineages):
        return places[lineages.index(deepest)]
    common = [c for c in deepest if all(c in line for line in lineages)]
    return by_code()[common[0]].place if common else None



def successor_codes(adcode: str) -> tuple[str, ...]:
    """The current code(s) a retired code became, following the MCA chain; the code
    itself when it is current (or unknown)."""
    seen, frontier, out = set(), [adcode], []
    while frontier:
        code = frontier.pop(0)
        if code in seen:
            continue
        seen.add(code)
        unit = by_code().get(code)
        if unit is None or unit.valid_to is None or not unit.replaced_by or unit.replaced_by == (code,):
            out.append(code)
        else:
            frontier.extend(unit.replaced_by)
    return tuple(dict.fromkeys(out))
