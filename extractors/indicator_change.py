"""Whether a figure is a change of its indicator (增长12%, 提高了3个百分点, 增幅) or its
level (下降为50.2%, 比上年的12.36亿元): read from the words of its clause since its cue.
`extractors.indicators` reads each figure's change with it; the words are the `change`
words of `indicator_words.yaml`."""
from __future__ import annotations

import functools
import re

from extractors.indicator_lexicon import words

# What ends a clause within a sentence: a change verb speaks for its own clause only.
CLAUSE_BREAK = re.compile(r"[，,：:]")


def is_change(text, end, unit, lead, lead_start, cue_end, in_sentence) -> bool:
    """Whether the figure is a change of its indicator, from the words of its clause
    since its cue (or since the figure before it in the sentence)."""
    if unit == "percentage_point":
        return True
    c = words()["change"]
    since = lead[cue_end - lead_start:] if cue_end is not None else lead
    if any(text.startswith(a, end) for a in c["after"]) or any(n in since for n in c["noun"]):
        return True
    since = CLAUSE_BREAK.split(since)[-1]  # a change verb speaks for its own clause only
    tail = since.rstrip()
    if tail.endswith(_reaching()):  # 近视率下降为50.2%: the level it came to
        return False
    for skip in sorted(c["skip"], key=len, reverse=True):
        tail = tail.removesuffix(skip)
    tail = tail.rstrip()
    if tail.endswith(tuple(c["reference"])):
        return False
    if names_change(since) or tail.endswith(tuple(c["tail"])):
        return True
    if cue_end is None and in_sentence and joined(lead):
        # an item of a list of changes is one (增加3亿元、2亿元); an amount after a growth in
        # percent (比上年增长20%，73亿元用于…) starts a statement of its own
        return in_sentence[-1].change and (unit == "yuan") == (in_sentence[-1].kind == "money")
    return False


@functools.cache
def _reaching() -> tuple[str, ...]:
    """A change verb with a `to` word (下降为, 提高到, 提升了至): what follows is a level."""
    c = words()["change"]
    return tuple(v + gap + t for v in c["verb"] for gap in ("", "了") for t in c["to"])


def names_change(words_: str) -> bool:
    """A change noun (增幅), or a change verb not leading to a level (提高 but not 提高到)
    nor naming a fund or programme (能力提升补助, 质量提升工程)."""
    c = words()["change"]
    if any(n in words_ for n in c["noun"]):
        return True
    for verb in c["verb"]:
        for m in re.finditer(re.escape(verb), words_):
            if not words_[m.end():m.end() + 2].lstrip("了").startswith(tuple(c["to"])) \
                    and not words_.startswith(tuple(c["in_name"]), m.start()):
                return True
    return False


def joined(between: str) -> bool:
    """Only a list joiner (、, 和) or nothing stands between two figures: items of one list."""
    return between.strip() in ("", *words()["list_joiners"])
