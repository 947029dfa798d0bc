"""Chinese segmentation shared by every extractor: jieba, and a blank spaCy "zh"
pipeline that uses it, so rule components (Matcher, PhraseMatcher) see the same
tokens. Lexicon words (place names, problem cues) are added to jieba so it does not
cut them apart.
"""
from __future__ import annotations

import functools
import logging

import jieba

jieba.setLogLevel(logging.WARNING)

_added: set[str] = set()


def add_words(words) -> None:
    """Teach jieba words it must keep whole (idempotent)."""
    for w in words:
        if w and w not in _added:
            jieba.add_word(w, freq=max(jieba.get_FREQ(w) or 0, 2000))
            _added.add(w)


@functools.cache
def nlp():
    """A `spacy.blank("zh")` pipeline segmenting with jieba."""
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def tokens(text: str) -> list[str]:
    return jieba.lcut(text)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) of jieba's reading of `text`, dictionary words only (no HMM
    guessing), so callers can check whether a match sits on token boundaries."""
    return list(jieba.tokenize(text, HMM=False))


def pos_of(word: str) -> str | None:
    """jieba's part-of-speech tag for a dictionary word (ns = place name), else None."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word)
