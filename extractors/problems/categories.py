"""Categories: the topics a problem statement is of. A topic just after a word of favour
(重视普通高中教育，忽视职业教育) or after a comparison (低于普通高中) is not the one found
wanting; a stage takes over a topic it joins (中职学校办学条件); a person word names the
category when nothing else is named or when it is what is lacking (双师型教师不足); an item
of a 、-list naming only persons and their deficiency (…、教师短缺、…等问题) is of the
persons' category, one naming only a stage (…、职业教育发展滞后、…) of the stage's. A stage before an earmarked fund is a category beside funding (职业教育专项资金
被挪用); a stage named earlier in the sentence takes over the topics it joins (上述幼儿园…，主要原因是
办学条件差); what a problem hinders (制约教学质量提高) is not found wanting, nor the topics in a fund's
name (未及时下达校舍安全保障长效机制资金: funding only)."""
from __future__ import annotations

import re

from extractors.problems.cues import _GOVERNS, Cue, _names_fund
from extractors.problems.detection import _answers_problem
from extractors.problems.lexicon import _lexicon
from extractors.problems.statements import Statement
from extractors.text import spans

# the items of a list inside a clause (财政投入不足、大班额、教师短缺)
_ITEM_END = re.compile(r"、+")
# the object of a hindering word ends at its 的 or the clause (制约教学质量提高的瓶颈)
_OBJECT_END = re.compile(r"[的，,；;：:。！？!?\n]")
# a fund's name (校舍安全保障长效机制资金) holds topics, problem words, stages, persons and fixes
# (危房改造资金), within this many characters before the fund word, and no punctuation
_NAME_KINDS = frozenset({"topic", "problem", "stage", "fallback", "remedy"})
_FUND_NAME_REACH = 16
_NAME_BREAK = re.compile(r"[、，,；;：:。！？!?\s“”()（）]")


def _categories(text: str, st: Statement, lex_stage: bool, earlier_stages: list[str]) -> list[str]:
    # 办学条件较好的…无证幼儿园 / 重视普通高中教育: a topic praised or favoured is not the
    # one found wanting; nor a fix answering it (对存在的安全隐患进行整改)
    cues = [c for c in st.cues if not _praised(c, st.cues) and not _favoured(c, st.cues)
            and not _answers_problem(text, st, c) and not _names_use(c, st.cues)]
    cues = _before_benchmark(_unhindered(text, _outside_money_use(text, st, _outside_fund_names(text, cues))))
    stage = [c.category for c in cues if c.kind == "stage"]
    joins = _lexicon().joins
    # 中职学校办学条件: the stage takes over a topic it joins; a stage named earlier in the sentence
    # is the subject of a clause naming none (上述幼儿园…，主要原因是办学条件差)
    joining = stage or earlier_stages
    specific = [next((x for x in joining if c.text in joins[x]), c.category)
                for c in cues if c.kind in ("topic", "problem")]
    if lex_stage and specific:
        # 幼儿园教师工资… is about teachers; the stage counts only with a cue of its own, or
        # as a subject of its own joined to the next by a conjunction (公办幼儿园和小学学位不足)
        coordinated = {c.category for c in cues if c.kind == "stage" and _lexicon().coordinated.match(text, c.end)}
        stage = [x for x in stage if x in specific or x in coordinated or x in _stage_of_money(text, cues)]
    return list(dict.fromkeys(specific + stage))


def _stage_of_money(text: str, cues: list[Cue]) -> set[str]:
    """职业教育各类专项资金被挪用 / 扩大特殊教育补助资金开支范围: a stage word just before an earmarked
    fund names what the fund is for, a category of its own beside funding."""
    return {s.category for s in cues if s.kind == "stage" and _names_fund(text, s, cues)}


def _outside_fund_names(text: str, cues: list[Cue]) -> list[Cue]:
    """未及时下达校舍安全保障长效机制资金 / 挪用营养膳食补助资金: the words before an earmarked fund, back
    to punctuation or a word no name holds (未及时, 下达 is none), name what the fund is for; their topics
    are not found lacking, the fund is (funding). A stage there is read by _stage_of_money."""
    funds = _lexicon().earmarked_funds
    names = []
    for f in cues:
        if f.kind != "topic" or f.text not in funds:
            continue
        start = max([f.start - _FUND_NAME_REACH] + [c.end for c in cues if c.end <= f.start and c.kind not in _NAME_KINDS])
        gap = _NAME_BREAK.search(text[start:f.start][::-1])
        names.append((f.start - gap.start() if gap else start, f.start))
    return [c for c in cues if c.kind not in ("topic", "problem") or c.category == "funding"
            or not any(a <= c.start and c.end <= b for a, b in names)]


def _outside_money_use(text: str, st: Statement, cues: list[Cue]) -> list[Cue]:
    """3个县违规将补助资金挪用于食堂人员工资等支出 / 通过压低供餐标准、虚构采购业务等变相截留挤占2.7亿元 /
    套取学生伙食费614万元: in a statement of misused money (a funding problem word), the topics naming what it was
    spent on (after 用于, to the statement's end), the means (after 通过, up to the misuse) or the money misused
    (right after the misuse: a fee is misused money, no fee wrongly charged) are not found lacking."""
    misuse = next((c for c in cues if c.kind == "problem" and c.category == "funding"), None)
    if misuse is None:
        return cues
    lex = _lexicon()
    gap = _NAME_BREAK.search(text, misuse.end, misuse.end + _GOVERNS)
    stretches = [(misuse.end, gap.start() if gap else misuse.end + _GOVERNS)]
    purpose = lex.spent_on.search(text, st.start, st.end)
    if purpose:
        stretches.append((purpose.end(), st.end))
    means = lex.spent_by.search(text, st.start, misuse.start)
    if means:
        stretches.append((means.end(), misuse.start))
    return [c for c in cues if c.kind not in ("topic", "problem") or c.category == "funding"
            or not any(a <= c.start < b for a, b in stretches)]


def _lacking_persons(st: Statement) -> list[str]:
    """中职学校专业设置与产业脱节，双师型教师不足: a person word that is itself what is lacking
    (教师不足, 校医短缺) names its category, besides the topics carried from the problem before
    (where the person is only an agent, 教师讲解时间过长, it does not)."""
    shortages = _lexicon().shortages
    return [c.category for c in st.cues if c.kind == "fallback" and any(
        d.kind in ("strong", "weak") and d.text in shortages and 0 <= d.start - c.end <= 1 for d in st.cues)]


def _listed_subjects(text: str, st: Statement) -> list[str]:
    """存在财政投入不足、大班额、教师短缺等问题 / 面临着职业教育发展滞后、学校软硬件设施建设落后等困难: in a
    list of problems, an item naming a person or a stage word and its deficiency and no topic is a
    problem of that word's category, whatever the other items name."""
    items = spans(text, _ITEM_END, st.start, st.end)
    if len(items) < 2:
        return []
    out = []
    for a, b in items:
        inside = [c for c in st.cues if a <= c.start < b]
        if (any(c.kind in ("strong", "weak") for c in inside)
                and not any(c.kind in ("topic", "problem") for c in inside)):
            # 学前教育机构存在教师素质低: a stage beside persons only qualifies them
            persons = [c.category for c in inside if c.kind == "fallback"]
            # 职业教育发展滞后: the stage's own deficiency follows it closely (not …等方面的发展水平需进一步提升)
            out += persons or [c.category for c in inside if c.kind == "stage" and not _favoured(c, st.cues) and any(
                d.kind in ("strong", "weak") and 0 <= d.start - c.end <= _GOVERNS for d in inside)]
    return out


def _before_benchmark(cues: list[Cue]) -> list[Cue]:
    """职业教育校均规模明显低于普通高中教育: after a topic, a comparison word (低于, 不如)
    names the benchmark; the topics after it are not found wanting. Without a topic before
    it (低于国家标准的学校) the comparison is the statement's only deficiency, kept whole."""
    compares = _lexicon().compares
    pivot = next((c for c in cues if c.kind == "strong" and c.text in compares), None)
    named = ("topic", "problem", "stage")
    if pivot is None or not any(c.kind in named and c.end <= pivot.start for c in cues):
        return cues
    return [c for c in cues if c.kind not in named or c.end <= pivot.start]


def _unhindered(text: str, cues: list[Cue]) -> list[Cue]:
    """师资力量的缺乏是制约当地教学质量提高的瓶颈: the topics a hindering word governs, up to the
    next 的 or the clause's end, suffer from the problem; they are not what is found wanting."""
    hindered = []
    for h in (c for c in cues if c.kind == "hinder"):
        m = _OBJECT_END.search(text, h.end)
        hindered.append((h.end, m.start() if m else len(text)))
    return [c for c in cues
            if c.kind not in ("topic", "problem", "stage") or not any(a <= c.start < b for a, b in hindered)]


def _names_use(topic: Cue, cues: list[Cue]) -> bool:
    """体育运动场地面积不达标 / 食堂设施配备不达标: a topic naming a use (lexicon `facility_uses`) right
    before another topic says what that one is for; the facility is found wanting, not the use."""
    return topic.kind == "topic" and topic.text in _lexicon().facility_uses and any(
        c.kind == "topic" and c.start == topic.end for c in cues)


def _praised(topic: Cue, cues: list[Cue]) -> bool:
    return topic.kind == "topic" and any(c.kind == "praise" and 0 <= c.start - topic.end <= _GOVERNS for c in cues)


def _favoured(topic: Cue, cues: list[Cue]) -> bool:
    """重视普通高中教育(，忽视职业教育): the topic just after a word of favour, with no
    deficiency word between (重视智育忽视体育), is what got the attention; not so when the
    favour is negated (不够重视体育)."""
    if topic.kind not in ("topic", "stage"):
        return False
    for f in cues:
        if f.kind != "favour" or not 0 <= topic.start - f.end <= _GOVERNS:
            continue
        between = [c for c in cues if f.end <= c.start < topic.start and c.kind in ("strong", "weak")]
        if not between and not any(d.end == f.start and d.text in _lexicon().negates_fix for d in cues):
            return True
    return False
