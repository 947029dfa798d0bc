"""WordSet answers, for any stretch of a text, what a regex alternation of its words
searched over that stretch answers: whether a word lies wholly inside it."""
import re

from hypothesis import given, settings, strategies as st

from extractors.wordset import WordSet

WORDS = ["不足", "不足以", "足以", "短缺", "缺", "师资短缺", "未", "未落实", "落实"]
ALTERNATION = re.compile("|".join(map(re.escape, sorted(WORDS, key=len, reverse=True))))


def test_a_word_counts_only_wholly_inside_the_stretch():
    text = "教室不足，师资短缺。已落实"
    found = WordSet(WORDS).found_in(text)
    assert found.any_within(0, 5)  # 不足
    assert not found.any_within(0, 3)  # 教室不: 不足 runs past the end
    assert not found.any_within(3, 5)  # 足，: 不足 starts before
    assert found.any_within(5, 10)  # 师资短缺 and its 短缺, 缺
    assert found.any_within(11, 13)  # 落实
    assert not found.any_within(0, 0)


def test_an_empty_set_finds_nothing():
    assert not WordSet([]).found_in("不足").any_within(0, 2)


@given(st.text(st.sampled_from(list("不足以短缺师资未落实教室，。\ud800")), max_size=30), st.data())
@settings(max_examples=300, deadline=None)
def test_any_within_agrees_with_searching_the_alternation(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = WordSet(WORDS).found_in(text)
    assert found.any_within(start, end) == (ALTERNATION.search(text, start, end) is not None)
