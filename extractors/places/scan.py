"""Stage 2, scan: leftmost-longest matches of the surface index; short surfaces must
sit on jieba token boundaries (召开县委 holds no 开县, 朝阳产业 no 朝阳)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from extractors import segment
from extractors.places.lexicon import FULL, Entry, automaton, context, surface_index
from extractors.text import encodable


def _longest_at_each_start(text: str) -> dict[int, int]:
    """start -> length of the longest surface starting there."""
    out: dict[int, int] = {}
    for _, start, end in automaton().find_matches_as_indexes(encodable(text), overlapping=True):
        if end - start > out.get(start, 0):
            out[start] = end - start
    return out


@dataclass(frozen=True)
class Raw:
    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]
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


# Region rules and mention finding read the same body several times per document; the
# reading depends only on the text (lexicons are fixed for a run), so the last few are kept.
@functools.lru_cache(maxsize=8)
def scan(text: str) -> tuple[Raw, ...]:
    """The longest match at every position where one starts (overlaps included:
    房山和平谷 holds both 和平 and 平谷), on jieba word boundaries."""
    index = surface_index()
    seps = context()["list_separators"]
    matches = [(i, i + n) for i, n in sorted(_longest_at_each_start(text).items())]
    cuts = _word_cuts(text, matches)
    out = []
    for start, end in matches:
        surface = text[start:end]
        entries = index[surface]
        short = entries[0].kind != FULL or end - start <= 2
        # 市和县, 《…报告》和县人大: after a word or a title, a conjunction and 县 read
        # "and the county", not 和县
        joined = (end - start == 2 and surface[0] in seps and start > 0
                  and ("\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] in "》」”）)"))
        aligned = not joined and _reads_as_name(cuts, start, end, short)
        if aligned or short:
            out.append(Raw(start, end, surface, entries, aligned))
    return tuple(_without_overlaps(text, _urban_areas(out)))


def _urban_areas(raws: list[Raw]) -> list[Raw]:
    """保山城区 is 保山's urban area, not 鹤壁's 山城区 (jieba reads 保/山城区): a full name
    made of a city's or province's last character and an urban-area word yields to that
    place's name just before it, which then reads as a word."""
    words = set(context()["urban_area_words"])
    ends = {r.end: i for i, r in enumerate(raws)}
    out = list(raws)
    dropped = set()
    for i, r in enumerate(raws):
        if r.kind != FULL or r.surface[1:] not in words or r.start + 1 not in ends:
            continue
        j = ends[r.start + 1]
        place = raws[j]
        if place.start < r.start and any(e.unit.level in ("city", "province") for e in place.entries):
            out[j] = replace(place, aligned=True)
            dropped.add(i)
    return [r for i, r in enumerate(out) if i not in dropped]


def _without_overlaps(text: str, raws: list[Raw]) -> list[Raw]:
    """One reading per overlapping stretch: an official name beats a short name, a
    longer one a shorter; between short names, the one that leaves list separators
    between it and its neighbours (房山和平谷 → 房山, 平谷)."""
    seps = set(context()["list_separators"])
    count_re = re.compile(context()["district_count"])

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

