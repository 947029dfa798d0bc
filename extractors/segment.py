"""Chinese segmentation shared by every extractor: jieba's dictionary reading (its
DAG and best route, no HMM guessing), and spaCy Docs built from that reading so rule
components (PhraseMatcher) see the same words. Lexicon words (place names, problem
cues) are added to jieba so it does not cut them apart.
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
    """A `spacy.blank("zh")` pipeline segmenting with jieba; `make_doc` Docs share its vocabulary."""
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def make_doc(text: str):
    """A spaCy Doc of jieba's dictionary reading of `text` (`word_ends`, the reading
    places judges names by), built straight from the words: spaCy's zh tokenizer cuts
    with HMM guessing and then re-aligns words and spaces, which together cost half
    as much again as the cut. Whitespace stays a token of its own rather than a
    trailing space, which no lexicon phrase holds."""
    from spacy.tokens import Doc

    ends = word_ends(text)
    words = [text[a:b] for a, b in zip([0, *ends], ends)]
    return Doc(nlp().vocab, words=words, spaces=[False] * len(words))


def word_ends(text: str) -> list[int]:
    """Where each word of jieba's dictionary reading of `text` ends (no HMM guessing),
    so callers can check whether a match sits on word boundaries. The same cuts as
    `jieba.tokenize(text, HMM=False)`, computed from jieba's own DAG and route without
    building the words: places asks this of thousands of short windows per document."""
    dt = jieba.dt
    dt.check_initialized()
    ends, pos = [], 0
    for block in jieba.re_han_default.split(text):
        if jieba.re_han_default.match(block):
            route: dict = {}
            dt.calc(block, dt.get_DAG(block), route)
            x, single_latin = 0, False
            while x < len(block):
                y = route[x][1] + 1
                # jieba's cut joins runs of single Latin letters or digits into one word
                latin = y - x == 1 and jieba.re_eng.match(block[x]) is not None
                if single_latin and latin:
                    ends[-1] = pos + y
                else:
                    ends.append(pos + y)
                single_latin, x = latin, y
        else:  # outside Chinese runs jieba cuts whitespace runs whole, anything else per character
            end = pos
            for piece in jieba.re_skip_default.split(block):
                ends.extend([end + len(piece)] if jieba.re_skip_default.match(piece)
                            else range(end + 1, end + len(piece) + 1))
                end += len(piece)
        pos += len(block)
    return ends


def pos_of(word: str) -> str | None:
    """jieba's part-of-speech tag for a dictionary word (ns = place name), else None."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word)
