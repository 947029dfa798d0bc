"""Sentence and clause boundaries in normalised Chinese text, shared by extractors."""
from __future__ import annotations

import bisect
import functools
import re

# A sentence ends at 。！？；, at a line break, or at ; ! ? — Chinese reports use the
# semicolon between independent findings, so it ends a "sentence" for attribution.
_SENTENCE_END = re.compile(r"[。！？；;!?\n]+")
# Clauses are separated by commas and colons inside a sentence.
_CLAUSE_END = re.compile(r"[，,：:]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The name of a cited document (《国务院关于…的意见》): the places and bodies in it are
# the document's, not the citing text's.
CITED_NAME = re.compile(r"《[^》]*》")


def encodable(text: str) -> str:
    """`text` with lone surrogates read as U+FFFD, same length so offsets hold: the C
    libraries that take text as UTF-8 (spaCy, OpenCC, ahocorasick_rs) refuse them."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def spans(text: str, pattern: re.Pattern, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of text[start:end] separated by `pattern`, stripped of blanks."""
    end = len(text) if end is None else end
    out, pos = [], start
    for m in pattern.finditer(text, start, end):
        _append(text, pos, m.end(), out)
        pos = m.end()
    _append(text, pos, end, out)
    return out


def _append(text: str, a: int, b: int, out: list) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


@functools.lru_cache(maxsize=4)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences of `text`; cached, since every figure and statement of a document
    asks for the sentence around it."""
    return tuple(spans(text, _SENTENCE_END))


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return spans(text, _CLAUSE_END, start, end)


def enclosing(spans_, offset: int) -> tuple[int, int]:
    """The span containing `offset` (spans sorted); (offset, offset) if none."""
    i = bisect.bisect_right(spans_, (offset, float("inf"))) - 1
    if i >= 0 and spans_[i][0] <= offset < spans_[i][1]:
        return spans_[i]
    return (offset, offset)


def alternation(words) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
