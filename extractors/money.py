"""Amounts of money as written: 15.67亿元, 十五点六七亿元, 三千万元, 800余万元, 6.8万余元,
ranges (3至5万元) and rates with their basis (20元/生月, 每生每年800元, 每课时不低于50元).
Values are exact yuan (Decimal). Works on text masked for non-figures."""
from __future__ import annotations

import functools
import re

from extractors.numbers import CHINESE, NUMBER, magnitude, parse_number
from extractors.quantity_words import RawFigure, alternation, attach_qualifier, cues, inside_qualifier

_MAGNITUDE = r"[十百千万亿]*"
_INSIDE = r"(?:余|多)?"


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    c = cues()
    suffixes = alternation(c["rate_bases"]["suffix"])
    amount = rf"\s*(?P<mag>{_MAGNITUDE})\s*(?P<in2>{_INSIDE})\s*元"
    rate = rf"(?:\s*/\s*(?P<per>{suffixes}))?"
    return {
        "range": re.compile(
            rf"(?P<a>{NUMBER})\s*(?P<amag>{_MAGNITUDE})(?:元)?\s*(?:{alternation(c['range_joiners'])})\s*"
            rf"(?P<b>{NUMBER})(?P<in1>{_INSIDE})\s*{amount}{rate}"),
        "single": re.compile(rf"(?P<n>{NUMBER})(?P<in1>{_INSIDE})\s*{amount}{rate}"),
        "chinese_only": re.compile(rf"^{CHINESE}$"),
        "each": re.compile(rf"(?:每\s*(?:{alternation(c['rate_bases']['each'])}))+"),
    }


def find(text: str) -> list[RawFigure]:
    """Every amount of money in `text` (masked), one figure per number as written."""
    out: list[RawFigure] = []
    taken: list[tuple[int, int]] = []
    p = _patterns()
    for m in p["range"].finditer(text):
        if not _plausible(text, m, "b"):
            continue
        # 3至5万元: the low end shares the high end's magnitude unless it has its own.
        low_mag = m["amag"] or m["mag"]
        for g, mag in (("a", low_mag), ("b", m["mag"])):
            value = parse_number(m[g]) * magnitude(mag)
            end = m.end() if g == "b" else m.end("amag")
            fig = RawFigure("money", m.start(g), end, value, "yuan", m.start(g), flags=["range"])
            fig.per = _per(text, m, fig.number_start)
            out.append(fig)
        taken.append((m.start(), m.end()))
    for m in p["single"].finditer(text):
        if any(not (m.end() <= s or m.start() >= e) for s, e in taken) or not _plausible(text, m, "n"):
            continue
        fig = RawFigure("money", m.start(), m.end(), parse_number(m["n"]) * magnitude(m["mag"]),
                        "yuan", m.start())
        fig.qualifier = inside_qualifier(m["in1"] or m["in2"]) or "exact"
        fig.per = _per(text, m, m.start())
        out.append(attach_qualifier(text, fig))
    out.sort(key=lambda f: f.start)
    return out


def _plausible(text: str, m: re.Match, group: str) -> bool:
    """Not a money figure: a number glued to a longer number or word before it, or a
    Chinese-numeral word such as 一元化 / 二元结构."""
    start = m.start()
    if start and text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] == "."):
        return False
    if _patterns()["chinese_only"].match(m[group]):
        following = text[m.end():m.end() + 2]
        if any(following.startswith(w) for w in cues()["not_money_after_yuan"]):
            return False
    return True


def _per(text: str, m: re.Match, number_start: int) -> str | None:
    """The basis of a rate: after the unit (元/生月), a 每… chain before the number in its
    clause (每生每年), or a 年投入 right before it."""
    bases = cues()["rate_bases"]
    if m["per"]:
        return bases["suffix"][m["per"]]
    clause_start = max(text.rfind(c, 0, number_start) for c in "，,：:。；;\n") + 1
    window = text[clause_start:number_start]
    chains = list(_patterns()["each"].finditer(window))
    if chains:
        words = re.findall(rf"每\s*({alternation(bases['each'])})", chains[-1][0])
        return "·".join(dict.fromkeys(bases["each"][w] for w in words))
    stripped = _strip_qualifier_before(window)
    for word, per in sorted(bases["before"].items(), key=lambda kv: -len(kv[0])):
        if stripped.endswith(word):
            return per
    return None


def _strip_qualifier_before(window: str) -> str:
    for words in cues()["qualifiers"].values():
        for w in words["before"]:
            if window.endswith(w):
                return window[: -len(w)]
    return window
