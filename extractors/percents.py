"""Percentages as written: 99%, 99％, 百分之九十五点五, 2.52个百分点, changes
(由60%提高到了86.5%) and ranges (60%-70%). Works on text already masked for
non-figures (`quantity_words.mask_non_figures`)."""
from __future__ import annotations

import functools
import re

from extractors.numbers import NUMBER, parse_number
from extractors.quantity_words import RawFigure, alternation, attach_qualifier, cues

_PCT = r"\s*[%％]"
_POINT = r"\s*个?\s*百分点"


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
        "single": re.compile(
            rf"百分之\s*(?P<cn>{NUMBER}|百)|(?P<n>{NUMBER})(?P<unit>{_PCT}|{_POINT})"),
    }


def _unit(mark: str) -> str:
    return "percentage_point" if "百分点" in mark else "percent"


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
        a, b = parse_number(m["a"]), parse_number(m["b"])
        fig = RawFigure("percent", m.start(), m.end(), b, _unit(m["unit"]), m.start("a"), value_from=a)
        if (_direction(m["verb"]) == "up") != (b > a) and a != b:
            fig.flags.append("direction_contradicts_verb")
        out.append(attach_qualifier(text, fig))
        taken.append((m.start(), m.end()))
    for m in p["range"].finditer(text):
        if not free(m.start(), m.end()) or not _starts_number(text, m.start()):
            continue
        unit = _unit(m["unit"])
        for g in ("a", "b"):
            fig = RawFigure("percent", m.start(g), m.end() if g == "b" else m.end(g) + _pct_len(text, m.end(g)),
                            parse_number(m[g]), unit, m.start(g), flags=["range"])
            out.append(fig)
        taken.append((m.start(), m.end()))
    for m in p["single"].finditer(text):
        if not free(m.start(), m.end()) or not _starts_number(text, m.start()):
            continue
        if m["cn"]:
            value = parse_number("一百" if m["cn"] == "百" else m["cn"])
            fig = RawFigure("percent", m.start(), m.end(), value, "percent", m.start())
        else:
            fig = RawFigure("percent", m.start(), m.end(), parse_number(m["n"]), _unit(m["unit"]), m.start())
        out.append(attach_qualifier(text, fig))
    out.sort(key=lambda f: f.start)
    return out


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
