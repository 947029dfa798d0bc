"""Percentages as written: 99%, 99％, 百分之九十五点三, 2.52个百分点, 九成 (90, approx),
per-mille (3‰, 千分之三: unit `per_mille`), changes (由60%提高到了86.5%) and ranges
(60%-70%, 1.7-3.0%左右). A figure right after a verb of change carries its direction
(提高3.5个百分点 → up). Works on text already masked for non-figures
(`quantity_words.mask_non_figures`)."""
from __future__ import annotations

import functools
import re

from extractors.numbers import CN_DIGIT, CN_ONE_TO_NINE, NUMBER, NumberError, parse_number
from extractors.quantity_words import (RawFigure, attach_qualifier, attach_range_qualifier, cues,
                                       direction_before, unreadable)
from extractors.text import alternation

_PCT = r"\s*[%％]"
_POINT = r"\s*个?\s*百分点"
_PER_MILLE = r"\s*‰"


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    c = cues()
    verbs = alternation(c["change_verbs"]["up"] + c["change_verbs"]["down"])
    return {
        # 由A(%)提高(了)到(了)B% — one figure, value_from A.
        "change": re.compile(
            rf"(?:{alternation(c['change_from'])})\s*(?P<a>{NUMBER})(?P<a_pct>{_PCT})?\s*"
            rf"(?P<verb>{verbs})\s*了?\s*(?:{alternation(c['change_to'])})\s*了?\s*"
            rf"(?P<b>{NUMBER})(?P<unit>{_PCT}|{_POINT})"),
        # A-B% or A%-B%: two figures.
        "range": re.compile(
            rf"(?P<a>{NUMBER})(?:{_PCT})?\s*(?:{alternation(c['range_joiners'])})\s*"
            rf"(?P<b>{NUMBER})(?P<unit>{_PCT}|{_POINT})"),
        # a number joined to the next by 、/和 and written without a unit: 分别提高0.2和1.1个百分点
        "listed": re.compile(rf"(?P<n>{NUMBER})\s*(?:{alternation(c['shared_unit_joiners'])})\s*\Z"),
        "single": re.compile(
            rf"(?P<frac>百分之|千分之)\s*(?P<cn>{NUMBER}|百|千)"
            rf"|(?P<n>{NUMBER})(?P<unit>{_PCT}|{_POINT}|{_PER_MILLE})"),
        # 九成, 八成五, 6成: tenths, a share said roughly; never inside a longer numeral
        "tenths": re.compile(
            rf"(?=[{CN_ONE_TO_NINE}十\d]成)(?<![{CN_DIGIT}十\d])(?P<tens>[{CN_ONE_TO_NINE}十]|\d)成"
            rf"(?P<ones>[{CN_ONE_TO_NINE}](?![{CN_DIGIT}十百千万]))?(?!{alternation(c['not_percent_after_cheng'])})"),
    }


def _unit(mark: str) -> str:
    if "百分点" in mark:
        return "percentage_point"
    return "per_mille" if "‰" in mark or "千分之" in mark else "percent"


def _direction(verb: str) -> str:
    return "up" if verb in cues()["change_verbs"]["up"] else "down"


def find(text: str) -> list[RawFigure]:
    """Every percentage in `text` (masked), one figure per number as written, except a
    change 由A到B which is one figure carrying both numbers."""
    out: list[RawFigure] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    p = _patterns()
    for m in p["change"].finditer(text):
        taken.append((m.start(), m.end()))
        try:
            a, b = parse_number(m["a"]), parse_number(m["b"])
        except NumberError:
            out.append(unreadable("percent", m, _unit(m["unit"])))
            continue
        fig = RawFigure("percent", m.start(), m.end(), b, _unit(m["unit"]), m.start("a"), value_from=a,
                        direction=_direction(m["verb"]))
        if (fig.direction == "up") != (b > a) and a != b:
            fig.flags.append("direction_contradicts_verb")
        out.append(attach_qualifier(text, fig))
    for m in p["range"].finditer(text):
        if not free(m.start(), m.end()) or not _starts_number(text, m.start()):
            continue
        taken.append((m.start(), m.end()))
        unit = _unit(m["unit"])
        try:
            ends = [RawFigure("percent", m.start(g), m.end() if g == "b" else m.end(g) + _pct_len(text, m.end(g)),
                              parse_number(m[g]), unit, m.start(g), flags=["range"]) for g in ("a", "b")]
        except NumberError:
            out.append(unreadable("percent", m, unit))
            continue
        out += attach_range_qualifier(text, ends)
    for m in p["single"].finditer(text):
        if not free(m.start(), m.end()) or not _starts_number(text, m.start()):
            continue
        taken.append((m.start(), m.end()))
        unit = _unit(m["frac"] or m["unit"])
        try:
            # 百分之百 is 100 percent, 千分之千 1000 per mille
            value = parse_number({"百": "一百", "千": "一千"}.get(m["cn"], m["cn"]) if m["cn"] else m["n"])
        except NumberError:
            out.append(unreadable("percent", m, unit))
            continue
        out.append(_read_around(text, RawFigure("percent", m.start(), m.end(), value, unit, m.start())))
        out += _sharing_the_unit(text, m.start(), unit, free)
    for m in p["tenths"].finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = parse_number(m["tens"]) * 10 + (parse_number(m["ones"]) if m["ones"] else 0)
        fig = _read_around(text, RawFigure("percent", m.start(), m.end(), value, "percent", m.start()))
        # 九成 is a rounded share: approx unless a word says more (九成以上 → over)
        fig.qualifier = "approx" if fig.qualifier == "exact" else fig.qualifier
        out.append(fig)
    out.sort(key=lambda f: f.start)
    return out


def _sharing_the_unit(text: str, start: int, unit: str, free) -> list[RawFigure]:
    """The numbers listed right before the figure at `start` without a unit of their own
    (分别提高0.2和1.1个百分点: 0.2 is a percentage point too), when 分别 introduces the list."""
    clause_start = max(text.rfind(ch, 0, start) for ch in "，,。；;：:\n") + 1
    listed: list[re.Match] = []
    pos = start
    while (m := _patterns()["listed"].search(text, clause_start, pos)) and _starts_number(text, m.start()):
        listed.insert(0, m)
        pos = m.start()
    if not listed or not any(w in text[clause_start:pos] for w in cues()["shared_unit_after"]):
        return []
    out = []
    for m in listed:
        if not free(m.start("n"), m.end("n")):
            continue
        try:
            value = parse_number(m["n"])
        except NumberError:
            out.append(unreadable("percent", m, unit))
            continue
        out.append(_read_around(text, RawFigure("percent", m.start("n"), m.end("n"), value, unit, m.start("n"))))
    return out


def _read_around(text: str, fig: RawFigure) -> RawFigure:
    attach_qualifier(text, fig)
    fig.direction = direction_before(text, fig.start)
    return fig


def _pct_len(text: str, end: int) -> int:
    m = re.compile(_PCT).match(text, end)
    return m.end() - end if m else 0


def _starts_number(text: str, start: int) -> bool:
    """False when the match begins in the middle of a longer number or word (a digit,
    a decimal point or a Latin letter right before it)."""
    if start == 0:
        return True
    prev = text[start - 1]
    return not (prev.isascii() and (prev.isalnum() or prev == "."))
