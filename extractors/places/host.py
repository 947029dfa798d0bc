"""A source URL as evidence of region and date: a bureau's host names its region
(a hand-kept label such as `hebei` in jyt.hebei.gov.cn, or a place's pinyin such as
`huangshan` in jyj.huangshan.gov.cn), aggregators file pages under a place's pinyin
(/pingliang/chongxin/), and paths carry the publication date (/2023/0412/, t20190327_)."""
from __future__ import annotations

import functools
import re
from datetime import date
from urllib.parse import unquote, urlsplit

from extractors.lexicon import load_tsv
from extractors.models import Place
from extractors.places.lexicon import by_code, lineage, official_name, short_name

HOST_COLUMNS = ("label", "adcode", "note")
# Levels from the coarsest: a place's own domain takes its bare pinyin, so among places
# sharing a pinyin (赣州市 and 甘州区 are both ganzhou) the coarsest unit owns it.
_LEVELS = ("province", "city", "county")
# Pinyin shorter than this names too many things besides places (an, he, xian) — except
# as the name a government registers its site under (www.luqu.gov.cn), where a place's
# pinyin is expected and one of four letters is enough.
_MIN_PINYIN = 5
_MIN_GOV_PINYIN = 4
_DATES = (
    re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-/_]?([01][0-9])[-/_]?([0-3][0-9])(?![0-9])"),  # /2023/0412/, t20190327
    re.compile(r"/((?:19|20)[0-9]{2})[-/_]([01]?[0-9])/([0-3]?[0-9])/"),  # /art/2025/1/25/
    re.compile(r"/((?:19|20)[0-9]{2})[-/_]?([01][0-9])/()"),  # /201609/21/… or /2015-12/11/ (month only)
)


@functools.cache
def _host_labels() -> dict[str, str]:
    return {r["label"]: r["adcode"] for r in load_tsv("host_regions.tsv", HOST_COLUMNS, ("label", "adcode"))}


@functools.cache
def _pinyin_places(shortest: int = _MIN_PINYIN) -> dict[str, Place]:
    """Pinyin (of `shortest` letters or more) of each current unit's short name -> the
    unit, where the coarsest level holding that pinyin holds it once."""
    if shortest > _MIN_GOV_PINYIN:  # the longer ones of the one spelling of every unit
        return {spelled: place for spelled, place in _pinyin_places(_MIN_GOV_PINYIN).items()
                if len(spelled) >= shortest}
    from pypinyin import lazy_pinyin

    by_pinyin: dict[str, list] = {}
    for unit in by_code().values():
        if unit.valid_to is not None or ":" in unit.adcode:
            continue
        stem = short_name(official_name(unit))
        spelled = "".join(lazy_pinyin(stem)) if stem else ""
        if len(spelled) >= shortest:
            by_pinyin.setdefault(spelled, []).append(unit)
    out = {}
    for spelled, units in sorted(by_pinyin.items()):
        top = min(_LEVELS.index(u.level) for u in units)
        owners = sorted({u.adcode for u in units if _LEVELS.index(u.level) == top})
        if len(owners) == 1:
            out[spelled] = by_code()[owners[0]].place
    return out


def region_of_url(url: str) -> Place | None:
    """The place a URL's host (or, failing that, its path) names; the deepest when
    several nest (/pingliang/chongxin/ → 崇信县), None when none or they disagree."""
    if not url or "://" not in url:
        return None
    parts = urlsplit(url)
    host_labels = (parts.hostname or "").lower().split(".")
    found: list[Place] = []
    if is_bureau_host(url):
        found += [by_code()[_host_labels()[label]].place for label in host_labels if label in _host_labels()]
    pinyin = _pinyin_places()
    found += [pinyin[label] for label in host_labels if label in pinyin]
    registered = host_labels[-3] if len(host_labels) >= 3 and host_labels[-2:] == ["gov", "cn"] else ""
    if not found and registered in _pinyin_places(_MIN_GOV_PINYIN):
        found.append(_pinyin_places(_MIN_GOV_PINYIN)[registered])
    if not found:
        found = [pinyin[seg] for seg in unquote(parts.path).lower().split("/") if seg in pinyin]
    return _deepest_nested(found)


# The letter a county-level site's host adds to its name's initials (zqx for 舟曲县).
_KIND_INITIALS = {"县": "x", "区": "q", "市": "s", "旗": "q"}


@functools.cache
def _initials_places() -> dict[str, tuple[Place, ...]]:
    """Host label -> the current county-level units it spells as the pinyin initials of
    their short name plus their kind's initial (舟曲县 → zqx); many units share one."""
    from pypinyin import Style, lazy_pinyin

    out: dict[str, list[Place]] = {}
    for unit in by_code().values():
        if unit.valid_to is not None or ":" in unit.adcode or unit.level != "county":
            continue
        name = official_name(unit)
        stem, kind = short_name(name), _KIND_INITIALS.get(name[-1:])
        if stem and kind and len(stem) >= 2:
            out.setdefault("".join(lazy_pinyin(stem, style=Style.FIRST_LETTER)) + kind, []).append(unit.place)
    return {label: tuple(places) for label, places in out.items()}


def region_of_initials(url: str, named: set[str]) -> Place | None:
    """The county a government host spells by initials (www.zqx.gov.cn → 舟曲县), when
    exactly one unit so spelled is among the codes the text names — initials alone fit
    too many counties to be evidence."""
    if not is_bureau_host(url):
        return None
    labels = (urlsplit(url).hostname or "").lower().split(".")
    found = {p for label in labels for p in _initials_places().get(label, ()) if p.adcode in named}
    return found.pop() if len(found) == 1 else None


def _deepest_nested(places: list[Place]) -> Place | None:
    places = list(dict.fromkeys(places))
    if not places:
        return None
    deepest = max(places, key=lambda p: len(lineage(p)))
    return deepest if all(p.adcode in lineage(deepest) for p in places) else None


def date_of_url(url: str) -> date | None:
    """The publication date a URL's path states (the first of the month when it gives
    only the month)."""
    path = urlsplit(url).path if "://" in (url or "") else ""
    for pattern in _DATES:
        for m in pattern.finditer(path):
            y, mo, d = m.groups()
            try:
                return date(int(y), int(mo), int(d or 1))
            except ValueError:
                continue
    return None


def is_bureau_host(url: str) -> bool:
    """A government site (*.gov.cn): its host names the body that publishes there,
    where an aggregator's subdomain names only where it files a page."""
    return "://" in (url or "") and (urlsplit(url).hostname or "").endswith(".gov.cn")
