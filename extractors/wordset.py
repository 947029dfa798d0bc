"""A set of plain words found in one pass over a text (Aho-Corasick, ahocorasick_rs):
where a rule asks, sentence by sentence, whether any of hundreds of words occurs, one
pass over the whole text answers every sentence; a regex alternation of the words
tries each word at each character of each sentence."""
from __future__ import annotations

import bisect

from extractors.text import encodable


class WordSet:
    def __init__(self, words):
        import ahocorasick_rs

        words = sorted(set(words))
        self._automaton = ahocorasick_rs.AhoCorasick(
            words, implementation=ahocorasick_rs.Implementation.ContiguousNFA) if words else None

    def found_in(self, text: str) -> Occurrences:
        """Every occurrence of every word in `text`, overlapping ones included."""
        if self._automaton is None:
            return Occurrences([])
        return Occurrences(sorted((start, end) for _, start, end
                                  in self._automaton.find_matches_as_indexes(encodable(text), overlapping=True)))


class Occurrences:
    """Where the words of a WordSet occur in one text, sorted by start."""

    def __init__(self, spans: list[tuple[int, int]]):
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def any_within(self, start: int, end: int) -> bool:
        """Whether a word lies wholly inside text[start:end] (what `re.search(text, start,
        end)` of the words' alternation tells)."""
        i = bisect.bisect_left(self._starts, start)
        while i < len(self._starts) and self._starts[i] < end:
            if self._ends[i] <= end:
                return True
            i += 1
        return False
