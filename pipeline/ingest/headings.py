"""Heading levels of lines from the numbering of Chinese official documents."""
from __future__ import annotations

import functools
import re

from extractors.lexicon import check_patterns, load_yaml

SENTENCE_END = "。！？；!?;"


@functools.cache
def numbering_rules() -> tuple[tuple[re.Pattern, int], ...]:
    data = load_yaml("headings.yaml", ("max_heading_chars", "numbering"))
    rules = []
    for i, rule in enumerate(data["numbering"]):
        (pattern,) = check_patterns("headings.yaml", f"numbering[{i}]", rule.get("pattern"))
        rules.append((re.compile(pattern), int(rule["level"])))
    return tuple(rules)


@functools.cache
def max_heading_chars() -> int:
    return int(load_yaml("headings.yaml", ("max_heading_chars", "numbering"))["max_heading_chars"])


def numbered_heading_level(text: str) -> int:
    """The level (1 = top) of a numbered heading line, or 0 if the line is body text."""
    text = text.strip()
    if not text or len(text) > max_heading_chars() or text[-1] in SENTENCE_END:
        return 0
    for pattern, level in numbering_rules():
        if pattern.match(text):
            return level
    return 0
