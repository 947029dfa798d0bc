"""Misused funds: whether an amount is one an audit or a check found misused or wrong
(挪用, 套取, 少提取, 未拨付 …), or one made good after the finding (已补提, 清退, 没收).
`extractors.indicators` reads its first stage with it; the words are the `misuse` and
`remedy` cues of `indicator_cues.tsv` and the `forbidding` and `negating` words of
`indicator_words.yaml`."""
from __future__ import annotations

import re

from extractors.indicator_lexicon import Cue, cues, words

# A forbidding word this close before a misuse word governs it (严禁挤占、挪用), and so
# does a negating word a remedy word (未按规定退还).
_FORBIDDING_REACH = 6
_AFTER_CLAUSE = re.compile(r"[，,：:；;。！？!?\n]")
# An amount later in the sentence: the words of the clauses before it may be its own.
LATER_AMOUNT = re.compile(r"\d\s*(?:万|亿)?元")


def misuse(text: str, start: int, end: int, sentence: tuple[int, int], own_start: int) -> str | None:
    """"misuse" when the amount text[start:end] is misused or found wrong, "remedy" when
    it was made good, else None: the misuse or remedy word in its clause after it decides
    (17.31万元未追回), else the one nearest before it (已补提1846万元 was made good, 追回违规
    发放的9万元 was not) — a remedy word only in the amount's own words, from `own_start`
    (the end of the figure before it in its sentence: 追回违规资金8.59亿元，归还原资金渠道5.63亿元
    makes good the first amount only) — else a misuse word later in its sentence with no
    other amount between (…其余342万元拨付后又收回财政专户，至今未拨付)."""
    s_start, s_end = sentence
    hits = _misuse_and_remedy_words(text[s_start:s_end])
    clause = _AFTER_CLAUSE.search(text, end, s_end)
    clause_end = clause.start() if clause else s_end
    after = [h for h in hits if end - s_start <= h[0] < clause_end - s_start]
    if after:
        return after[0][2]
    before = [h for h in hits if h[1] <= start - s_start]
    if before:
        nearest = before[-1]
        return None if nearest[2] == "remedy" and nearest[0] < own_start - s_start else nearest[2]
    later = next((h for h in hits if h[0] >= end - s_start and h[2] == "misuse"), None)
    if later and not LATER_AMOUNT.search(text, end, s_start + later[0]):
        return "misuse"
    return None


def _misuse_and_remedy_words(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, where) of the misuse words that are not forbidden (严禁挤占挪用 is a
    rule, not a finding) and of the remedy words, in order; a negated remedy word (未追回,
    未按规定退还) is a misuse word."""
    def preceded_by(word_list: str, m: re.Match) -> bool:
        return any(w in sentence[max(0, m.start() - _FORBIDDING_REACH):m.start()] for w in words()[word_list])
    misused = [m.span() for cue in cues()["misuse"] for m in cue.pattern.finditer(sentence)
               if not preceded_by("forbidding", m)]
    remedy = [(m.span(), preceded_by("negating", m)) for cue in cues()["remedy"] for m in cue.pattern.finditer(sentence)]
    return sorted([(a, b, "misuse") for a, b in misused]
                  + [(a, b, "misuse" if negated else "remedy") for (a, b), negated in remedy])


def names_misuse(cue: Cue) -> bool:
    """A cue that holds a misuse word itself (欠拨教育费附加) names its indicator more
    exactly than the misuse word does."""
    return any(m.pattern.search(cue.literal or "") for m in cues()["misuse"])
