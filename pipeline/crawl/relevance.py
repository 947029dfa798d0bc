"""Is an article about education supervision? Keywords from `lexicons/relevance.yaml`."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.lexicon import LexiconError, check_patterns, load_yaml

LEXICON = "relevance.yaml"


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    reason: str  # the keyword that matched, or why none did


def keyword_groups(extra: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    """Each group is kept when all its words appear; a plain keyword is a group of one."""
    data = load_yaml(LEXICON, ("keywords",))
    groups = []
    for i, entry in enumerate(data.get("keywords") or []):
        words = check_patterns(LEXICON, f"keywords[{i}]", entry)
        if not words:
            raise LexiconError(f"{LEXICON}: keywords[{i}] is empty")
        groups.append(tuple(words))
    return tuple(groups) + tuple((k,) for k in extra)


def judge(title: str, text: str, groups: tuple[tuple[str, ...], ...]) -> Verdict:
    for where, content in (("title", title), ("text", text)):
        for group in groups:
            if all(word in content for word in group):
                return Verdict(True, f"{where} has {'+'.join(group)}")
    return Verdict(False, f"no relevance keyword ({LEXICON}) in title or main text")
