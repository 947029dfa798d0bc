"""Statements: each sentence is cut into clauses (，；：, and between two quoted statements
“…”“…”; a bracketed aside stays in its clause) and a clause further where lost
punctuation glued two statements (after …等问题, before places named after a deficiency)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.models import PlaceMention
from extractors.problems.cues import Cue
from extractors.text import spans

# a clause ends at ，；： and between two quoted statements (指出“大班额现象严重”“安全隐患突出”)
_CLAUSE_END = re.compile(r"[，,；;：:]+|(?<=[”」』])(?=[“「『])")
# a numbered heading opening a sentence and glued to its text by a blank where the line break was lost
# ((二)基本办学条件仍待进一步改善 松原市宁江区、…分别有部分学校…): a clause of its own
_GLUED_HEADING = re.compile(r"\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、．])"
                            r"[^，,。；;：:！？!?\s]{2,40}[ \u3000]+(?=[\u4e00-\u9fff])")
_OPEN, _CLOSE = "(（", ")）"


def _bracket_depth(text: str, a: int, b: int) -> int:
    return sum(ch in _OPEN for ch in text[a:b]) - sum(ch in _CLOSE for ch in text[a:b])


@dataclass
class Statement:
    start: int
    end: int
    cues: list[Cue] = field(default_factory=list)

    def first(self, *kinds: str) -> Cue | None:
        return next((c for c in self.cues if c.kind in kinds), None)


def _statements(text: str, s: int, e: int, cues: list[Cue], mentions: list[PlaceMention]) -> list[Statement]:
    """Clauses of the sentence, cut again where lost punctuation glued two statements:
    after a statement-closing word (…等问题) and before places named after a deficiency."""
    cuts: set[int] = set()
    for c in cues:
        if c.kind == "end" and c.end < e and not _CLAUSE_END.match(text[c.end]):
            cuts.add(c.end)
    out: list[Statement] = []
    for a, b in _clauses(text, s, e):
        inner = sorted(x for x in cuts if a < x < b)
        deficient = [c.end for c in cues if c.kind in ("strong", "problem") and a <= c.start < b]
        for m in mentions:
            if a < m.start < b and any(x <= m.start for x in deficient) and not _is_continuation(text, a, m.start, mentions):
                inner.append(m.start)
        inner += [c.start for c in cues if c.kind == "generic" and a < c.start < b and any(x <= c.start for x in deficient)]
        bounds = [a, *sorted(set(inner)), b]
        for x, y in zip(bounds, bounds[1:]):
            out.append(Statement(x, y, [c for c in cues if x <= c.start and c.end <= y]))
    return out


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The clauses of a sentence, a numbered heading glued to it being one; a bracketed aside is
    part of its clause however many commas it holds (…降低1.69%(主要原因是…，导致本年收入下降，…)),
    so what it explains stays explained."""
    out: list[tuple[int, int]] = []
    heading = _GLUED_HEADING.match(text, s, e)
    if heading:
        out.append((s, heading.end()))
        s = heading.end()
    for a, b in spans(text, _CLAUSE_END, s, e):
        if out and _bracket_depth(text, out[-1][0], out[-1][1]) > 0:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _is_continuation(text: str, a: int, start: int, mentions: list[PlaceMention]) -> bool:
    """A place right after another place (环翠区、文登区) continues a list, it does not start one."""
    return any(m.end <= start and not text[m.end:start].strip("、和及与 ") for m in mentions if m.start >= a)
