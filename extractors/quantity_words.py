"""The words around a figure, read from `lexicons/quantity_cues.yaml`, and the raw
figure record the percent and money matchers hand to `quantities`.

A raw figure is what the number itself says (value, unit, span, qualifier, rate basis);
`quantities` then adds what its sentence says (place, year, metric, target).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractors.lexicon import LexiconError, check_patterns, load_yaml

CUES_FILE = "quantity_cues.yaml"
_KEYS = ("qualifiers", "clause_qualifiers", "target_cues", "rate_bases", "year_words", "year_words_of_writing",
         "year_from", "year_base_before", "year_base_links", "year_frame_open", "year_frame_close", "year_since",
         "year_not_figure", "change_verbs", "change_from", "change_to",
         "range_joiners", "over_100_ok", "not_money_after_yuan", "non_figure_patterns",
         "metric_trailing_links", "metric_leading_words", "metric_change_suffix", "metric_max_chars",
         "comparatives", "not_percent_after_cheng", "money_ceiling_yuan", "shared_unit_joiners", "shared_unit_after",
         "yuan_unsaid_after", "yuan_unsaid_sentence", "yuan_unsaid_not_before")
MASK = "\x00"  # stands in for characters of non-figure spans; keeps offsets


@dataclass
class RawFigure:
    """One number as written: `start`/`end` cover the surface including qualifier words."""

    kind: str  # percent | money
    start: int
    end: int
    value: Decimal | None  # None when it cannot be read with confidence (a flag says why)
    unit: str
    number_start: int  # where the (first) number begins, for looking at words before it
    value_from: Decimal | None = None
    qualifier: str = "exact"
    per: str | None = None
    flags: list[str] = field(default_factory=list)
    direction: str | None = None  # up | down: written right after a verb of change (提高3.5个百分点)


def unreadable(kind: str, m: re.Match, unit: str) -> RawFigure:
    """A figure whose number cannot be read with confidence (三百五千元, 一二十%): its
    span and a flag, no value — never a guess."""
    return RawFigure(kind, m.start(), m.end(), None, unit, m.start(), flags=["unreadable_number"])


def _words(section: str, where: str, items) -> list[str]:
    # Longest first, so 未达到 wins over 未达 and 不低于 over 低于.
    return sorted(check_patterns(CUES_FILE, where, items), key=len, reverse=True)


@functools.cache
def cues() -> dict:
    """The cue lexicon, validated and with every word list sorted longest first."""
    raw = load_yaml(CUES_FILE, _KEYS)
    missing = [k for k in _KEYS if k not in raw]
    if missing:
        raise LexiconError(f"{CUES_FILE}: missing keys {missing}")
    out: dict = {}
    out["qualifiers"] = {
        q: {pos: _words(CUES_FILE, f"qualifiers.{q}.{pos}", (words or {}).get(pos) or [])
            for pos in ("before", "after", "inside")}
        for q, words in raw["qualifiers"].items()
    }
    out["clause_qualifiers"] = {q: _words(CUES_FILE, f"clause_qualifiers.{q}", w)
                                for q, w in raw["clause_qualifiers"].items()}
    for key in ("target_cues", "year_words_of_writing", "year_from",
                "year_since", "year_not_figure", "year_base_before", "year_base_links",
                "year_frame_open", "year_frame_close", "change_from",
                "change_to",
                "range_joiners", "over_100_ok", "not_money_after_yuan", "metric_trailing_links",
                "metric_leading_words", "shared_unit_joiners", "shared_unit_after", "yuan_unsaid_after",
                "yuan_unsaid_sentence", "yuan_unsaid_not_before"):
        out[key] = _words(CUES_FILE, key, raw[key])
    for key in ("change_verbs", "comparatives"):
        out[key] = {d: _words(CUES_FILE, f"{key}.{d}", w) for d, w in raw[key].items()}
    out["not_percent_after_cheng"] = _words(CUES_FILE, "not_percent_after_cheng", raw["not_percent_after_cheng"])
    out["money_ceiling_yuan"] = Decimal(str(raw["money_ceiling_yuan"]))
    out["rate_bases"] = {kind: {str(k): str(v) for k, v in table.items()}
                         for kind, table in raw["rate_bases"].items()}
    out["metric_change_suffix"] = {str(k): str(v) for k, v in raw["metric_change_suffix"].items()}
    out["metric_max_chars"] = int(raw["metric_max_chars"])
    # longest first, so 上年度 is read before the 上年 inside it
    out["year_words"] = {str(k): int(v) for k, v in sorted(raw["year_words"].items(), key=lambda kv: -len(str(kv[0])))}
    out["non_figure"] = [re.compile(p) for p in
                         check_patterns(CUES_FILE, "non_figure_patterns", raw["non_figure_patterns"])]
    return out


def mask_non_figures(text: str) -> str:
    """`text` with document numbers, dates, phone numbers and the like blanked out,
    so no figure is read from them; offsets are unchanged."""
    for pattern in cues()["non_figure"]:
        text = pattern.sub(lambda m: MASK * (m.end() - m.start()), text)
    return text


def inside_qualifier(word: str | None) -> str | None:
    """The qualifier of a word written between number and unit (800余万元)."""
    if not word:
        return None
    for q, words in cues()["qualifiers"].items():
        if word in words["inside"]:
            return q
    return None


@functools.cache
def _by_position(position: str) -> list[tuple[str, str]]:
    """(word, qualifier) for one position, longest word first across all qualifiers,
    so 不超过 (under) wins over 超过 (over)."""
    pairs = [(w, q) for q, words in cues()["qualifiers"].items() for w in words[position]]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def attach_qualifier(text: str, fig: RawFigure) -> RawFigure:
    """Read qualifier words right before the number and right after the unit, widening
    the figure's span over them; an inside word (余) already set is kept."""
    before = text[max(0, fig.start - 6):fig.start]
    hit = next(((w, q) for w, q in _by_position("before") if before.endswith(w)), None)
    if hit:
        fig.start -= len(hit[0])
        fig.qualifier = hit[1] if fig.qualifier == "exact" else fig.qualifier
    after = text[fig.end:fig.end + 4]
    hit = next(((w, q) for w, q in _by_position("after") if after.startswith(w)), None)
    if hit:
        fig.end += len(hit[0])
        fig.qualifier = hit[1] if fig.qualifier == "exact" else fig.qualifier
    return fig


def attach_range_qualifier(text: str, ends: list[RawFigure]) -> list[RawFigure]:
    """Both ends of a range take the qualifier written before its low end or after its
    high end (约3至5万元, 1.7-3.0%左右)."""
    for fig in ends:
        attach_qualifier(text, fig)
    qualifier = next((f.qualifier for f in ends if f.qualifier != "exact"), "exact")
    for fig in ends:
        fig.qualifier = qualifier
    return ends


def direction_before(text: str, start: int) -> str | None:
    """`up` or `down` when the figure starting at `start` is written right after a verb of
    change or a comparative (增长12%, 下降了3.5个百分点, 比全省低8个百分点), `down` when written
    with a minus sign (增幅为-2.5%: the value stays the size, 2.5); None for a level
    (提高到86%: 到 stands between)."""
    if signed_negative(text, start):  # 增幅分别为3.33%、-2.57%: a fall of its size
        return "down"
    before = text[max(0, start - 6):start].rstrip().removesuffix("了").rstrip()
    return next((d for w, d in _direction_words() if before.endswith(w)), None)


def signed_negative(text: str, start: int) -> bool:
    """A minus sign right before the figure at `start`, not a range joiner after a number."""
    return _MINUS.search(text, max(0, start - 2), start) is not None


# A minus sign right before a figure and not after a number (60%-70% is a range).
_MINUS = re.compile(r"(?:^|[^\d%％.．一二三四五六七八九十百千万亿])[-－−]\s*$")


@functools.cache
def _direction_words() -> list[tuple[str, str]]:
    """(word, direction) of every verb of change and comparative, longest word first."""
    c = cues()
    pairs = [(w, d) for key in ("change_verbs", "comparatives") for d, words in c[key].items() for w in words]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def clause_qualifier(clause_before: str) -> str | None:
    """A qualifier that governs from afar within the clause (未达到…的75%)."""
    for q, words in cues()["clause_qualifiers"].items():
        if any(w in clause_before for w in words):
            return q
    return None
