"""The indicator lexicons read once: the contract's vocabulary (`indicator_codes.tsv`),
the cues that name an indicator (`indicator_cues.tsv`) and the words that decide between
them (`indicator_words.yaml`). `extractors.indicators` reads figures with them."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.lexicon import LexiconError, load_tsv, load_yaml
from extractors.text import alternation

CODES_FILE = "indicator_codes.tsv"
CUES_FILE = "indicator_cues.tsv"
WORDS_FILE = "indicator_words.yaml"
OTHER = "other"
_WHERE = ("before", "after", "purpose", "misuse", "remedy")
GAP = "[^，,。；;：:\n]{0,15}"


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern
    literal: str | None  # the cue itself when it has no gap
    code: str
    specificity: int  # characters of the cue: on a tie the more specific wins


@functools.cache
def vocabulary() -> dict[str, dict]:
    """code → {unit, label_zh} of the contract's vocabulary."""
    rows = load_tsv(CODES_FILE, ("code", "unit", "label_zh", "covers"), ("code", "label_zh"))
    return {r["code"]: r for r in rows}


@functools.cache
def cues() -> dict[str, tuple[Cue, ...]]:
    vocab = vocabulary()
    levels = {v for v in words()["school_levels"].values() if v}
    out: dict[str, list[Cue]] = {w: [] for w in _WHERE}
    for r in load_tsv(CUES_FILE, ("cue", "code", "where"), ("cue", "code", "where")):
        if r["where"] not in _WHERE:
            raise LexiconError(f"{CUES_FILE}: cue {r['cue']!r}: where must be one of {_WHERE}")
        codes = [r["code"].replace("*", level) for level in levels] if "*" in r["code"] else [r["code"]]
        unknown = [c for c in codes if c not in vocab]
        if unknown:
            raise LexiconError(f"{CUES_FILE}: cue {r['cue']!r}: codes {unknown} not in {CODES_FILE}")
        pattern = re.compile(GAP.join(re.escape(part) for part in r["cue"].split("…")))
        literal = None if "…" in r["cue"] else r["cue"]
        out[r["where"]].append(Cue(pattern, literal, r["code"], len(r["cue"].replace("…", ""))))
    return {w: tuple(c) for w, c in out.items()}


@functools.cache
def words() -> dict:
    keys = ("school_levels", "head_nouns", "list_joiners", "part_of", "anaphora", "share_words", "count_units",
            "share_wholes", "respectively", "context_chars", "change", "forbidding", "label_refused_starts", "label_refused_ends",
            "label_refused_whole", "continues_opening", "compares_opening", "not_education", "negating", "stage_words", "stage_parts_of",
            "spending_words", "payer_words", "ratio_words", "total_words", "generic_fund_words",
            "services_outside_education", "education_services", "own_accounts",
            "stage_spent_words")
    return load_yaml(WORDS_FILE, keys)


@functools.cache
def level_pattern() -> re.Pattern:
    return re.compile(alternation(words()["school_levels"]))


def label(code: str) -> str | None:
    """The indicator's name in the vocabulary (None for `other`)."""
    return None if code == OTHER else vocabulary()[code]["label_zh"]
