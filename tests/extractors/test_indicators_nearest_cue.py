"""indicators._nearest_cue finds the `before` cues through an Aho-Corasick automaton of
their words: it must pick exactly what asking every cue for its last place in the
window picks (the cue ending last, the more specific on a tie, then the first listed)."""
import pytest
from hypothesis import given, settings, strategies as st

from extractors import indicators


def nearest_cue_by_each_cue(window: str, kind: str):
    best = None
    for cue in indicators._cues_for("before", kind):
        if cue.literal is not None:
            pos = window.rfind(cue.literal)
            span = (pos, pos + len(cue.literal)) if pos >= 0 else None
        else:
            span = next((m.span() for m in reversed(list(cue.pattern.finditer(window)))), None)
        if span and (best is None or (span[1], cue.specificity) > best[:2]):
            best = (span[1], cue.specificity, cue, span[0])
    return (best[2], best[3], best[0]) if best else None


@pytest.mark.parametrize("window", [
    "去年全市教育经费总投入",  # 教育经费 inside 教育经费总投入: the longer cue ends last
    "全县义务教育阶段生均公用经费标准小学",
    "财政性教育经费占地区生产总值的比例",
    "学前教育毛入园率和普惠性幼儿园覆盖率",
    "其中中央补助资金用于校舍维修改造",
    "没有一个指标词的句子",
    "",
])
@pytest.mark.parametrize("kind", ["percent", "money"])
def test_nearest_cue_picks_what_each_cue_asked_alone_picks(window, kind):
    assert indicators._nearest_cue(window, kind) == nearest_cue_by_each_cue(window, kind)


def _cue_words():
    words = set()
    for kind in ("percent", "money"):
        for cue in indicators._cues_for("before", kind):
            words.update((cue.literal or cue.pattern.pattern.replace(indicators.GAP, "…")).split("…"))
    return sorted(w.replace("\\", "") for w in words if w)


# windows made of cue words, overlapping pieces of them and filler, so cues meet, nest and tie
@given(st.lists(st.one_of(st.sampled_from(_cue_words()), st.sampled_from(list("的和为占全县市，、(（")),
                          st.sampled_from(_cue_words()).map(lambda w: w[1:])), max_size=12).map("".join),
       st.sampled_from(["percent", "money"]))
@settings(max_examples=300, deadline=None)
def test_nearest_cue_matches_each_cue_asked_alone_on_mixed_windows(window, kind):
    assert indicators._nearest_cue(window, kind) == nearest_cue_by_each_cue(window, kind)
