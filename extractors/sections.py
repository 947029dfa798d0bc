"""Report parts: which stretches of a report are achievements, problems, recommendations.

Stages:
  1. headings  — from ctx.blocks (DOCX/HTML heading levels) and from the text itself:
                 numbered lines (一、 / （一） / 1. / （1）, levels from lexicons/headings.yaml),
                 short lines made of a section word (评价意见), and numbered section words
                 glued into running text (…如下:二、存在主要问题从…, common in PDF previews).
  2. nesting   — a heading that names a part (lexicons/section_headings.yaml) opens it;
                 the part lasts until the next heading of the same or a higher level.
  3. fallback  — where the structure says nothing ("other"), a sentence carrying a
                 fallback cue phrase (还存在…等问题, 有待, 不到位) is labelled by the cue
                 that starts first in it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.lexicon import LexiconError, check_patterns, load_yaml
from extractors.models import SECTIONS, DocContext, SectionSpan
from extractors.text import sentence_spans

_SECTION_LEXICON = "section_headings.yaml"
_LEXICON_KEYS = ("sections", "fallback", "cited_advice")
# Longest line read as a heading; longer lines are body text that may start with a number.
_MAX_HEADING_CHARS = 40
_SENTENCE_END = "。！？!?"
_FULL_WIDTH = str.maketrans(",:;!?", "，：；！？")


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    level: int
    text: str


@dataclass(frozen=True)
class _SectionWords:
    section: str
    words: tuple[str, ...]
    not_if: tuple[str, ...]


@functools.cache
def _section_words() -> tuple[_SectionWords, ...]:
    data = load_yaml(_SECTION_LEXICON, _LEXICON_KEYS)
    out = []
    for section, entry in data["sections"].items():
        if section not in SECTIONS:
            raise LexiconError(f"{_SECTION_LEXICON}: unknown section {section!r}")
        words = check_patterns(_SECTION_LEXICON, f"sections.{section}.words", entry.get("words"))
        not_if = check_patterns(_SECTION_LEXICON, f"sections.{section}.not_if", entry.get("not_if"))
        # longest words first, so 存在的主要问题 is preferred over a shorter word of another part
        out.append(_SectionWords(section, tuple(sorted(words, key=len, reverse=True)), tuple(not_if)))
    return tuple(out)


@functools.cache
def _fallback_cues() -> tuple[tuple[str, re.Pattern], ...]:
    data = load_yaml(_SECTION_LEXICON, _LEXICON_KEYS)
    out = []
    for section, cues in data["fallback"].items():
        if section not in SECTIONS:
            raise LexiconError(f"{_SECTION_LEXICON}: unknown fallback section {section!r}")
        for cue in check_patterns(_SECTION_LEXICON, f"fallback.{section}", cues):
            parts = [re.escape(p) for p in cue.split("…")]
            out.append((section, re.compile(".*?".join(parts))))
    return tuple(out)


@functools.cache
def _cited_advice() -> re.Pattern:
    data = load_yaml(_SECTION_LEXICON, _LEXICON_KEYS)
    phrases = check_patterns(_SECTION_LEXICON, "cited_advice", data["cited_advice"])
    # "…" stays inside one clause: 征求了家长的意见 is no licence to blank a later 建议
    within_clause = "[^，。；：！？]*?"
    return re.compile("|".join(within_clause.join(re.escape(p) for p in c.split("…")) for c in phrases))


@functools.cache
def _numbering() -> tuple[tuple[re.Pattern, int], ...]:
    # the numbering conventions are shared with ingest (lexicons/headings.yaml)
    data = load_yaml("headings.yaml", ("max_heading_chars", "numbering"))
    return tuple(
        (re.compile(check_patterns("headings.yaml", f"numbering[{i}]", r.get("pattern"))[0]), int(r["level"]))
        for i, r in enumerate(data["numbering"])
    )


def section_of_heading(heading: str) -> str | None:
    """The part a heading names (problem, recommendation, ...), or None."""
    for entry in _section_words():
        if any(w in heading for w in entry.words) and not any(x in heading for x in entry.not_if):
            return entry.section
    return None


def numbering_level(line: str) -> tuple[int, int]:
    """(level, length of the numbering) of a line starting with a heading number, else (0, 0)."""
    for pattern, level in _numbering():
        m = pattern.match(line)
        if m:
            return level, m.end()
    return 0, 0


def find_headings(text: str, blocks=()) -> list[Heading]:
    """Headings of the text: heading blocks, numbered short lines, lone section words and
    numbered section words glued inside a line. Sorted by offset, one per start."""
    found: dict[int, Heading] = {}
    for b in blocks:
        if b.kind == "heading" and b.end > b.start:
            level, _ = numbering_level(b.text.strip())
            found[b.start] = Heading(b.start, b.end, level or max(b.level, 1), b.text.strip())
    pos = 0
    for line in text.splitlines(keepends=True):
        _line_headings(text, pos, line, found)
        pos += len(line)
    return [found[k] for k in sorted(found)]


def _line_headings(text: str, pos: int, line: str, found: dict[int, Heading]) -> None:
    stripped = line.strip()
    if not stripped:
        return
    start = pos + line.index(stripped[0])
    level, n = numbering_level(stripped)
    # a heading line may run on into its first sentence (（一）标题。正文…): keep the title
    head = re.split(f"[{_SENTENCE_END}]", stripped, maxsplit=1)[0]
    if level and len(head) <= _MAX_HEADING_CHARS:
        found.setdefault(start, Heading(start, start + len(head), level, head))
    elif not level and len(stripped) <= _MAX_HEADING_CHARS // 2 and section_of_heading(stripped) \
            and stripped[-1] not in _SENTENCE_END + "，,；;":
        found.setdefault(start, Heading(start, start + len(stripped), 1, stripped))
    # numbered section words glued into running text: 如下:一、基本情况自2021年…
    for m in _glued_heading().finditer(line):
        level, _ = numbering_level(m.group(1))
        s = pos + m.start()
        found.setdefault(s, Heading(s, pos + m.end(), level, m.group(0)))


@functools.cache
def _glued_heading() -> re.Pattern:
    """A top-level number (一、 / （一）) followed within a few characters by a section word."""
    numbers = "|".join(p.pattern for p, level in _numbering() if level <= 2)
    words = "|".join(re.escape(w) for e in _section_words() for w in e.words)
    return re.compile(f"((?:{numbers}))[^，。,：:；;、\\s]{{0,8}}?(?:{words})")


def label_sections(text: str, ctx: DocContext) -> list[SectionSpan]:
    """Spans covering the whole text, each labelled achievement/problem/recommendation/other."""
    headings = find_headings(text, ctx.blocks)
    structural: list[SectionSpan] = []
    stack: list[tuple[int, str, str]] = []  # (level, section, heading text) of open parts
    cursor, current = 0, ("other", "")
    for h in headings:
        if h.start > cursor:
            structural.append(SectionSpan(cursor, h.start, *current))
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        section = section_of_heading(h.text)
        if section:
            stack.append((h.level, section, h.text))
        current = (stack[-1][1], stack[-1][2]) if stack else ("other", "")
        cursor = h.start
    structural.append(SectionSpan(cursor, len(text), *current))
    structural = [s for s in structural if s.end > s.start]
    if any(s.section != "other" for s in structural):
        return _merge(structural)
    # no heading names a part (news items, short notices): label sentence by sentence
    return _merge([piece for span in structural for piece in _fallback(text, span)])


def _fallback(text: str, span: SectionSpan) -> list[SectionSpan]:
    """Label the sentences of an unlabelled stretch by their cue phrases."""
    out = []
    for s, e in sentence_spans(text[span.start:span.end]):
        s, e = s + span.start, e + span.start
        sentence = text[s:e]
        label = _earliest_cue(sentence)
        out.append(SectionSpan(s, e, label, span.heading))
    if not out:
        return [span]
    # gaps between sentences belong to the stretch's own label
    filled, cursor = [], span.start
    for piece in out:
        if piece.start > cursor:
            filled.append(SectionSpan(cursor, piece.start, span.section, span.heading))
        filled.append(piece)
        cursor = piece.end
    if cursor < span.end:
        filled.append(SectionSpan(cursor, span.end, span.section, span.heading))
    return filled


def _earliest_cue(sentence: str) -> str:
    """The part named by the cue that starts first in the sentence: 指出…存在的薄弱环节，并提出了
    意见建议 states a problem before it reports advice."""
    # cues are written with full-width punctuation; the ASCII forms are as long, so offsets hold
    sentence = sentence.translate(_FULL_WIDTH)
    # 征求了家长的意见建议 gathers advice and gives none: blanked, keeping offsets
    sentence = _cited_advice().sub(lambda m: " " * len(m.group(0)), sentence)
    found = [(m.start(), i, sec) for i, (sec, pat) in enumerate(_fallback_cues()) for m in [pat.search(sentence)] if m]
    return min(found)[2] if found else "other"


def _merge(spans: list[SectionSpan]) -> list[SectionSpan]:
    out: list[SectionSpan] = []
    for s in spans:
        if out and out[-1].section == s.section and out[-1].heading == s.heading and out[-1].end == s.start:
            out[-1] = SectionSpan(out[-1].start, s.end, s.section, s.heading)
        else:
            out.append(s)
    return out
