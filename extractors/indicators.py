"""Indicators: which indicator of the vocabulary a percent or an amount measures
(`metric_code`), and whether it is a change of that indicator rather than its level.

The cross-city table lines up on the code, so 普惠率 of one county and 普惠性幼儿园覆盖率 of
another land in one column. The knowledge is data: `indicator_codes.tsv` (the contract's
vocabulary), `indicator_cues.tsv` (cue → code) and `indicator_words.yaml` (school levels,
change words, list words).

Stages for one figure, first that decides wins:
  1. misuse (`indicator_misuse`): an amount in a sentence about misused funds (挪用, 套取 …,
     the sentence up to its full stop) or found wrong (少提取, 未拨付 …), unless the cue before
     it names the misuse itself (欠拨教育费附加), or the amount was made good: a remedy word
     (已补提, 清退, 没收) in its own words is nearer before it than any misuse word and none
     follows it in its clause; funds named irregular (清理违规资金, 追缴违规支出) are so by their cue
  2. respectively: `A、B…分别为x、y` hands the listed indicators or levels out in turn
     (with no such list, the indicators of the figures before 分别 in the sentence)
  3. a table figure: its column header; a figure opening its clause as a quantifier
     (92%以上的学生自愿参加了课后服务): the `after` cue in the words after it
  4. the cue nearest before the figure, since the figure before it in its sentence; an
     amount right after a share cue (占公共财政支出1.8万亿元的比例) is the share's base,
     `other`, and the share after it (…的比例为14.75%) takes the share cue; a share whose
     words after 占 name nothing (普惠性幼儿园24.47万所，…，占全国幼儿园的比例83%) takes the
     percent indicator its sentence named before it
  5. the figure before it in the sentence, when the words between name nothing of
     their own (比上年的12.36亿元) or only say it was spent (2000元/生标准投入183.82万元), point back at it (该比例) or follow 其中 (…共计9952万元，
     其中：中央资金8313万元; a sentence opening with 其中 or 这是 continues the sentence
     before, one opening with a comparison, 比上年的378.34亿元增加…, the last figure
     before it that names an indicator), unless the amount's own words say what it paid for (其中校舍维修改造资金493万元);
     an amount after a share (占GDP的4.28%…首超3万亿元) takes the amount cue before the share,
     the amount a share of a wider whole was taken of when that share is its figure before
     (…3861亿元，占全国的9.07%，比上年的3367亿元); the k-th of figures listed one after the
     other takes the k-th school level listed before them (小学和初中为1605元、2821元)
  6. a per-pupil line that names only a school level (1.全省幼儿园为5237.27元): the
     per-level cue of the heading or lead-in above it, with the line's school level
  7. a bare figure right after another (增长最快的是益阳市(34.62%)): that figure's indicator,
     unless its words count something (专任教师3.1万人，增长7%)
  8. what an amount paid for (投入30亿元，新、改扩建学校): a `purpose` cue in its sentence,
     only up to its own clause when another amount follows in it (not past a 、 that starts
     the next item: 奖补2.5亿元、建设资金13.4亿元) — none in a sentence
     naming a field outside education (渔船更新改造 is no school building)
  9. `other`
A percent level that is a share (占…, …的比重, also of a wider whole: 占全国教育经费总投入的
0.85%) of an amount indicator or names no ratio of it (已完成投资76.4%) is `other`, and so is
a change of a count named after the cue (公办园12.8万所，比上年增长149.7%); a growth in
percent or yuan right after such a share (…占全国的10.09%，比上年增长2.85%) is the amount's;
an amount a stage's funding total is said to go to one stage (73亿元用于义务教育) is `other`.
Whether a figure is a change is read by `indicator_change`.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors import indicator_misuse
from extractors.indicator_change import CLAUSE_BREAK, is_change, joined, names_change
from extractors.indicator_lexicon import GAP, OTHER, Cue, cues, label, level_pattern, vocabulary, words  # noqa: F401 (label: quantities reads it here)
from extractors.quantity_words import signed_negative
from extractors.text import alternation, encodable

# What a bracket says is an aside (一般公共预算教育经费(包括…教育费附加)为…): blanked, not read.
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
LIST_MARKER = re.compile(r"^\s*(?:[(（]?\d{1,2}[)）.．、]|[(（]?[一二三四五六七八九十]{1,3}[)）、.．])")
# The last figure before this one, if nearer than this, is what a bare figure continues.
_CONTINUES_WITHIN = 160
# ...and its own words are this short (县级安排829.73万元), or say how it changed.
_BARE_CHARS = 8
_LEVEL_LINE_CHARS = 12
# A ratio word this close before the end of a cue is the cue's own (教育费附加…经费比例).
_RATIO_REACH = 4
# How far after an amount the stage it goes to is read (用于义务教育).
_STAGE_READ = 12
# The year a figure is compared with, opening its words (比2011年, 较上年).
_COMPARED_WITH = re.compile(r"(?<![^，,\s])(?:比|较|与)(?:(?:19|20)\d{2}年度?|上年|去年|上一年)")
_FULL_STOPS = "。！？!?\n"
_FULL_STOP = re.compile(f"[{_FULL_STOPS}]")
# A figure that quantifies the noun after it (92%以上的学生…): its words follow it.
_QUANTIFIES = re.compile(r"\s*(?:以上|左右|多|以下|上下)?的")
_AFTER_CLAUSE = re.compile(r"[，,：:；;。！？!?\n]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Indicator:
    code: str
    change: bool


@dataclass(frozen=True)
class _Prior:
    """A figure found before this one: where it is and what it measures."""

    start: int
    end: int
    kind: str
    code: str
    change: bool



def decide(text: str, start: int, end: int, kind: str, unit: str | None, sentence: tuple[int, int],
           earlier, header: str | None = None) -> Indicator:
    """The indicator of the figure text[start:end] (kind percent/money) in `sentence`;
    `earlier` are the findings before it in the document (start, end, metric_code,
    change), `header` its table column's header cell when it sits in a table."""
    priors = [_Prior(f.start, f.end, f.kind, f.metric_code or OTHER, f.change) for f in earlier[-8:]]
    s_start = sentence[0]
    in_sentence = [p for p in priors if p.end <= start and p.start >= s_start]
    lead_start = in_sentence[-1].end if in_sentence else s_start
    aside = _open_aside(text, lead_start, start)
    if aside is not None:  # (主要原因是…未支出完毕的7.6亿元: an aside names its own figures
        s_start = lead_start = aside
        in_sentence = []
    lead = _blank_brackets(text[lead_start:start])
    code, cue_end = _decide_code(text, start, end, kind, (s_start, sentence[1]), lead, lead_start, in_sentence,
                                 priors, header)
    # a negative figure (增幅为-2.57%) can only be a change
    change = signed_negative(text, start) or is_change(text, end, unit, lead, lead_start, cue_end, in_sentence)
    if kind == "percent" and not change and code != OTHER and vocabulary()[code]["unit"] == "yuan" \
            and (_is_share(lead, lead_start, cue_end, code) or not _names_ratio(lead, lead_start, cue_end, in_sentence)
                 or _rate_of_receiving(lead, lead_start, cue_end)):
        code = OTHER  # 已完成投资76.4%: a level naming no ratio of the amount indicator is a progress share
    if change and unit != "percentage_point" and code == OTHER and cue_end is None and in_sentence:
        # …总投入6190.20亿元，占全国的10.09%，比上年增长2.85%: a share moves by points, a growth
        # in percent or in yuan after it is the amount's
        code = _amount_shared(text, in_sentence[-1], priors) or code
    if change and cue_end is not None and _count_pattern().search(lead, cue_end - lead_start):
        code = OTHER  # 其中公办园12.8万所，比2011年增长了149.7%: the number of kindergartens grew
    if kind == "money" and code in words()["stage_parts_of"] and _spent_on_a_stage(text, end):
        code = OTHER  # …教育支出112亿元，73亿元用于义务教育: one stage's part of the total
    if code == "satisfaction" and cue_end is not None and _rates_service_outside_education(text[s_start:cue_end]):
        code = OTHER  # 医疗服务满意度从42%升至64%: no satisfaction with education
    return Indicator(code, change)


def _amount_shared(text: str, share: _Prior, priors) -> str | None:
    """The code of the amount a share percent `share` (code `other`) right after it is
    taken of (…6190.20亿元，占全国教育经费总投入的10.09%), None when it is no such share."""
    i = priors.index(share)
    if share.kind != "percent" or share.code != OTHER or i == 0:
        return None
    amount = priors[i - 1]
    between = text[amount.end:share.start]
    if amount.kind != "money" or amount.code == OTHER or share.start - amount.end > _CONTINUES_WITHIN \
            or not any(w in between for w in words()["share_words"]):
        return None
    return amount.code


def _rates_service_outside_education(before_cue: str) -> bool:
    """Whether the service named nearest before a satisfaction cue is one outside education."""
    def last(key: str) -> int:
        return max(before_cue.rfind(w) for w in words()[key])
    return last("services_outside_education") > last("education_services")


@functools.cache
def _count_pattern() -> re.Pattern:
    return re.compile(rf"\d\s*(?:万|亿)?\s*(?:{'|'.join(map(re.escape, words()['count_units']))})")


def _names_ratio(lead: str, lead_start: int, cue_end: int | None, in_sentence) -> bool:
    """Whether the words from the cue ending at `cue_end` to a percent name a ratio
    (…经费比例不足30%, 覆盖率, 为在编教师的60%); a percent naming no cue names one only
    with a ratio word when it follows an amount (投资6亿元，完成年度目标任务的99%), and
    otherwise goes on with the percent before it (比例只有20%和21%)."""
    if cue_end is None:
        return not (in_sentence and in_sentence[-1].kind == "money") \
            or any(w in lead for w in words()["ratio_words"])
    since = lead[cue_end - lead_start:]
    cue_words = lead[:cue_end - lead_start][-_RATIO_REACH:]
    return lead.rstrip().endswith("的") or any(w in since or w in cue_words for w in words()["ratio_words"])


def _rate_of_receiving(lead: str, lead_start: int, cue_end: int | None) -> bool:
    """An amount's cue read with 率 right after it (享受生活补助率达100%): the share of
    people who receive it, a coverage, not a ratio of the amount."""
    return cue_end is not None and lead[cue_end - lead_start:].lstrip().startswith("率")


def _is_share(lead: str, lead_start: int, cue_end: int | None, code: str) -> bool:
    """A share word between the indicator's cue and the figure (补助资金…，占64%), or right
    before the cue, which then names the whole the share is taken of (占教育经费总投入的45%,
    also with the whole's scope between: 占全国教育经费总投入的0.85%)."""
    share = tuple(words()["share_words"])
    if cue_end is None:
        return any(w in lead for w in share)
    cue_end -= lead_start
    found = _nearest_cue(lead[:cue_end], "money")
    before_cue = lead[:found[1]].rstrip() if found and found[0].code == code else ""
    return any(w in lead[cue_end:] for w in share) or _share_whole_pattern().search(before_cue) is not None


@functools.cache
def _share_whole_pattern() -> re.Pattern:
    """A share word, then at most the scope of the whole (全国, 同期), ending the words before a cue."""
    return re.compile(f"(?:{alternation(words()['share_words'])})(?:{alternation(words()['share_wholes'])})?$")


@functools.cache
def _cues_for(where: str, kind: str) -> tuple[Cue, ...]:
    """The cues that may name a figure of this kind: a code measured in percent names
    no amount of money."""
    return tuple(c for c in cues()[where] if _fits(c.code, kind))


def _fits(code: str, kind: str) -> bool:
    """Whether a figure of this kind can measure the code: an amount never measures a percent."""
    return kind != "money" or code == OTHER or "*" in code or vocabulary()[code]["unit"] != "percent"


def _decide_code(text, start, end, kind, sentence, lead, lead_start, in_sentence, priors, header):
    """(code, offset where the naming cue ends or None), by the stages of the module."""
    s_start, s_end = sentence
    found = _nearest_cue(lead, kind)
    head = _blank_brackets(text[s_start:start])
    misuse = indicator_misuse.misuse(text, start, end, _full_sentence(text, s_start, s_end), lead_start) \
        if kind == "money" else None
    if misuse == "misuse" and not (found and indicator_misuse.names_misuse(found[0])):
        # 教育费附加实征16387万元，拨付教育14584.3万元，欠拨1802.7万元: the surcharge's own
        # accounts (collected, paid over, in arrears) are the surcharge's figures
        named = _nearest_cue(head, kind)
        return (named[0].code if named and named[0].code in words()["own_accounts"] else "irregular_funds"), None
    if misuse == "remedy":  # 少提取助学金2800万元，已补提1846万元: what was made good is what was short
        named = _nearest_cue(head, kind)
        return (_with_level(named[0], head, named[2]) if named else OTHER), None
    shared = _respectively(head, s_start, in_sentence, kind)
    if shared:
        return shared, None
    if header:
        found = _nearest_cue(_blank_brackets(header), kind)
        if found:
            # a level may follow in brackets: 生均公用经费（小学）
            return _with_level(found[0], header, found[2], header[found[2]:]), None
    after = _after_cue(text, end)
    if after:
        return after, None
    if found:
        cue, _, cue_end = found
        if kind == "money" and _ends_in_share_cue(lead, found):
            return OTHER, None
        if _names_a_stage(lead[:found[1]], cue) or _part_of_a_stage(text, s_start, lead_start + found[1], cue):
            return OTHER, lead_start + cue_end
        return _with_level(cue, head, lead_start - s_start + cue_end, lead[cue_end:]), lead_start + cue_end
    if kind == "percent" and lead.lstrip(" ，,、").startswith(tuple(words()["share_words"])):
        # 其中，普惠性幼儿园24.47万所，增长4.55%，占全国幼儿园的比例83.00%: a share naming no
        # indicator after 占 is the share of the subject its sentence named before
        subject = _nearest_cue(head, kind, shares_only=True)
        if subject:
            return subject[0].code, None
    if kind == "percent" and in_sentence and lead.lstrip().startswith("的"):
        # 占公共财政支出187755亿元的比例为14.75%: the amount sits inside the share's name
        share = _nearest_cue(_blank_brackets(text[s_start:in_sentence[-1].start]), kind)
        if share and vocabulary()[share[0].code]["unit"] == "percent":
            return share[0].code, None
    change_nouns = words()["change"]["noun"]
    own_words = lead
    for noun in change_nouns:  # 增长率 says how the indicator before moved, it names none of its own
        own_words = own_words.replace(noun, "")
    # 1600元/生标准投入183.82万元: words that only say an amount was spent name nothing of their own
    # …为27695.97亿元，比2011年总投入23869.29亿元: a base restating the total's words is the total's
    bare = not any(n in own_words for n in words()["head_nouns"]) \
        or _only_spending_words(_COMPARED_WITH.sub("", lead) if in_sentence else lead)
    points_back = any(w in lead for w in words()["anaphora"])
    if points_back and (in_sentence or priors):
        return (in_sentence or priors)[-1].code, None
    outside_education = _names_field_outside_education(text, s_start, s_end)
    purpose = _any_cue("purpose", lead, kind) if kind == "money" and not outside_education else None
    if purpose:  # 其中新建学校8000万元: a part that says what it paid for is that, not its whole
        return purpose, None
    if _names_level_only(lead):
        # 全县生均公用经费为1200元，其中小学1000元: a line naming only a level takes the per-level cue
        # before it, in its sentence or above it, with its own level (the all-level figure has none)
        named = _nearest_cue(head, kind)
        cue = named[0] if named else _cue_above(text, s_start, kind)
        if cue and "*" in cue.code:
            return _with_level(cue, lead, len(lead)), None
    subject = _subject_of_parts(text, s_start, start, in_sentence) \
        or (None if in_sentence or not bare else _subject_before(text, s_start, kind, priors))
    if subject is not None and subject.code != OTHER:  # a subject naming nothing leaves its parts to their words
        return _relevel(subject.code, lead), None
    items = [p.code for p in in_sentence if p.kind == kind]
    if len(items) > 1 and CLAUSE_BREAK.split(lead)[-1].strip().startswith(tuple(words()["total_words"])):
        return (items[0] if len(set(items)) == 1 else OTHER), None
    if in_sentence and bare:
        # …总投入为3861.03亿元，占全国的9.07%，比上年的3367.54亿元: an amount after a share is the shared amount's
        shared = _amount_shared(text, in_sentence[-1], priors) if kind == "money" else None
        if shared:
            return shared, None
        if _fits(in_sentence[-1].code, kind):
            return _paired_level(text, start, in_sentence) or _relevel(in_sentence[-1].code, lead), None
        # 经费占GDP的4.28%…首超3万亿元: an amount after a share is the funding it was taken of
        whole = _blank_brackets(text[_full_sentence(text, s_start, s_end)[0]:start])
        named = _nearest_cue(whole, kind)
        if named:
            return _with_level(named[0], whole, named[2]), None
    # 教育投入累计达15.79亿元。其中：中央资金3.08亿元: who paid a part of a place's funding total is no total
    said_spent = _only_spending_words(CLAUSE_BREAK.split(lead)[-1], payers=True) \
        and not (priors and priors[-1].code in words()["stage_parts_of"])
    if (bare or said_spent) and priors and not in_sentence and start - priors[-1].end <= _CONTINUES_WITHIN \
            and _continues(priors[-1], kind, lead, said_spent):
        return priors[-1].code, None
    if kind == "money":
        # 奖补2.5亿元、建设资金13.4亿元: after a list joiner the words are the next item's
        after = "" if text.startswith("、", end) else text[end:s_end]
        # 下达公用经费1.1亿元，困难学生资助198万元: the next amount's words are its own
        if indicator_misuse.LATER_AMOUNT.search(after):
            after = CLAUSE_BREAK.split(after, maxsplit=1)[0]
        purpose = None if outside_education else _any_cue("purpose", lead + after, kind)
        names_a_fund = CLAUSE_BREAK.split(lead)[-1].rstrip().endswith(tuple(words()["generic_fund_words"]))
        if purpose is None and (said_spent or names_a_fund) and not in_sentence:
            # …营养改善计划面世。中央财政投入160亿元: the sentence before names what was paid for
            return _topic_before(text, s_start, kind), None
        return purpose or OTHER, None
    return OTHER, None


def _topic_before(text: str, s_start: int, kind: str) -> str:
    """The code of the cue nearest the end of the sentence before `s_start`, or `other`."""
    start = max(text.rfind(c, 0, max(0, s_start - 1)) for c in _FULL_STOPS) + 1
    window = _blank_brackets(text[start:s_start])
    found = _nearest_cue(window, kind)
    return _with_level(found[0], window, found[2]) if found else OTHER


def _names_a_stage(before_cue: str, cue: Cue) -> bool:
    """A funding total named for one stage of education (基础教育财政性教育经费): its part."""
    return cue.code in words()["stage_parts_of"] and before_cue.rstrip().endswith(tuple(words()["stage_words"]))


def _spent_on_a_stage(text: str, end: int) -> bool:
    """An amount said right after it to go to one stage of education (9亿元用于义务教育)."""
    after = text[end:end + _STAGE_READ].lstrip()
    return any(after.startswith(w) and after[len(w):].startswith(tuple(words()["stage_words"]))
               for w in words()["stage_spent_words"])


def _part_of_a_stage(text: str, s_start: int, cue_start: int, cue: Cue) -> bool:
    """A funding total named after 其中 in its sentence (…高等教育经费总投入达到21亿元…。其中，国家
    财政性教育经费为10.18亿元) whose whole, the cue nearest before 其中 in the sentence holding
    it or the one before, is one stage's funding: the part is that stage's too."""
    if cue.code not in words()["stage_parts_of"]:
        return False
    part = max(text.rfind(w, s_start, cue_start) for w in words()["part_of"])
    if part < 0:
        return False
    before = text[max(text.rfind(c, 0, max(0, part - 1)) for c in _FULL_STOPS) + 1:part]
    whole = _nearest_cue(_blank_brackets(before), "money")
    return whole is not None and (whole[0].literal or "").startswith(tuple(words()["stage_words"]))


def _full_sentence(text: str, s_start: int, s_end: int) -> tuple[int, int]:
    """(start, end) of the sentence widened to its full stops: items split by ；share the
    subject that opens them (挤占挪用的资金中，用于…；用于…)."""
    start = max(text.rfind(c, 0, s_start) for c in _FULL_STOPS) + 1
    stop = _FULL_STOP.search(text, max(s_start, s_end - 1))  # a sentence span holds its own full stop
    return start, stop.end() if stop else len(text)


def _names_field_outside_education(text: str, s_start: int, s_end: int) -> bool:
    """Whether the full sentence names a field outside education (渔船, 抚恤), whose
    building or aid words then say nothing of schools."""
    start, stop = _full_sentence(text, s_start, s_end)
    return any(w in text[start:stop] for w in words()["not_education"])


def _after_cue(text: str, end: int) -> str | None:
    """The code of the `after` cue nearest after a figure that quantifies the noun after
    it (88.3%的学生表示喜欢…), within its clause."""
    m = _QUANTIFIES.match(text, end)
    if m is None:
        return None
    clause_end = _AFTER_CLAUSE.search(text, m.end())
    window = text[m.end():clause_end.start() if clause_end else len(text)]
    # 85%的普及目标和80%的普惠目标: the words after the next figure quantify that one
    window = _DIGIT.split(window, maxsplit=1)[0]
    best = None
    for cue in cues()["after"]:
        hit = cue.pattern.search(window)
        if hit and (best is None or hit.start() < best[0]):
            best = (hit.start(), cue.code)
    return best[1] if best else None


def _ends_in_share_cue(lead: str, found: tuple[Cue, int, int]) -> bool:
    """A share cue (占…财政支出, measured in percent) ending after the amount cue that was
    found: the amount is the base the share is taken of."""
    share = _nearest_cue(lead, "percent")
    return share is not None and share[2] > found[2] and vocabulary()[share[0].code]["unit"] == "percent"


def _blank_brackets(s: str) -> str:
    """`s` with bracketed asides (also nested ones) turned into spaces, offsets kept."""
    while True:
        blanked = _BRACKETED.sub(lambda m: " " * len(m[0]), s)
        if blanked == s:
            return s
        s = blanked


@functools.cache
def _share_cues() -> tuple[Cue, ...]:
    """The `before` cues of indicators measured in percent: what a share can measure."""
    return tuple(c for c in cues()["before"]
                 if c.code != OTHER and "*" not in c.code and vocabulary()[c.code]["unit"] == "percent")


@dataclass(frozen=True)
class _BeforeCues:
    """The `before` cues of one kind, indexed for `_nearest_cue`: the plain words in one
    Aho-Corasick automaton (one pass over a window finds them all, where asking each
    word for its last place cost most of deciding an indicator), the cues with a gap
    each with the words it must hold."""

    words: object  # ahocorasick_rs.AhoCorasick over `word_cues`' words
    word_cues: tuple[tuple[int, Cue], ...]  # (place in the cue list, cue) per automaton word
    gapped: tuple[tuple[int, Cue, tuple[str, ...]], ...]  # (place, cue, its words)


@functools.cache
def _before_cues(kind: str, shares_only: bool = False) -> _BeforeCues:
    import ahocorasick_rs

    first: dict[str, tuple[int, Cue]] = {}  # a word listed twice: its first row decides, as in the list
    gapped = []
    for i, cue in enumerate(_share_cues() if shares_only else _cues_for("before", kind)):
        if cue.literal is not None:
            first.setdefault(cue.literal, (i, cue))
        else:
            # the words between the gaps, unescaped: a window missing one cannot match
            gapped.append((i, cue, tuple(re.sub(r"\\([\s\S])", r"\1", part) for part in cue.pattern.pattern.split(GAP))))
    words = ahocorasick_rs.AhoCorasick(list(first), implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    return _BeforeCues(words, tuple(first.values()), tuple(gapped))


def _nearest_cue(window: str, kind: str, shares_only: bool = False) -> tuple[Cue, int, int] | None:
    """The `before` cue (only those a share can measure, when `shares_only`) ending
    nearest the end of `window` (the more specific on a tie, then the one listed first),
    with where it starts and ends in `window`."""
    index = _before_cues(kind, shares_only)
    best: tuple[int, int, int, Cue, int] | None = None  # (end, specificity, -place, cue, start)
    for w, start, end in index.words.find_matches_as_indexes(encodable(window), overlapping=True):
        i, cue = index.word_cues[w]
        if best is None or (end, cue.specificity, -i) > best[:3]:
            best = (end, cue.specificity, -i, cue, start)
    for i, cue, parts in index.gapped:
        if all(part in window for part in parts):
            span = next((m.span() for m in reversed(list(cue.pattern.finditer(window)))), None)
            if span and (best is None or (span[1], cue.specificity, -i) > best[:3]):
                best = (span[1], cue.specificity, -i, cue, span[0])
    return (best[3], best[4], best[0]) if best else None


def _any_cue(where: str, window: str, kind: str) -> str | None:
    for cue in _cues_for(where, kind):
        if cue.pattern.search(window):
            return cue.code
    return None


def _with_level(cue: Cue, window: str, cue_end: int, after: str = "") -> str:
    """The cue's code with its school level: the level word nearest before the cue's
    end, else the first between the cue and the figure (生均公用经费小学每生…)."""
    if "*" not in cue.code:
        return cue.code
    levels = words()["school_levels"]
    before = [levels[m[0]] for m in level_pattern().finditer(window, 0, cue_end)]
    after_cue = [levels[m[0]] for m in level_pattern().finditer(after)]
    # 中小学生均教育事业费小学为…: a word naming no single level gives way to one after the cue
    level = before[-1] if before and (before[-1] or not after_cue) else next(iter(after_cue), None)
    return cue.code.replace("*", level) if level else OTHER


def _relevel(code: str, lead: str) -> str:
    """A per-pupil code moved to the school level its lead names (…小学每生720元、初中
    每生940元: the second is the junior figure)."""
    named = [words()["school_levels"][m[0]] for m in level_pattern().finditer(lead)]
    if not named or not named[-1]:
        return code
    for level in filter(None, words()["school_levels"].values()):
        if code.endswith("_" + level):
            moved = code.removesuffix(level) + named[-1]
            return moved if moved in vocabulary() else code
    return code


def _respectively(head: str, s_start: int, in_sentence, kind: str) -> str | None:
    """小学、初中生均公用经费分别为300元、500元: the n-th figure after 分别 measures the
    n-th listed indicator or level (cycling, so 分别由A、B提高到C、D works too). With no
    such list, the figures before 分别 in the sentence are what it hands out (巩固率达
    99%，毛入学率达95%，分别提高0.2和1.1个百分点)."""
    pos = max((head.rfind(x) for x in words()["respectively"]), default=-1)
    if pos <= 0 or _nearest_cue(head[pos:], kind):  # a cue after 分别 names this figure itself
        return None
    found = _nearest_cue(head[:pos], kind)
    if found is None:
        return None
    cue, cue_start, cue_end = found
    if "*" in cue.code:
        # the levels before the cue (小学、初中生均公用经费分别…), else after it (生均公用经费小学和初中为
        # 1605元、2821元，分别比2006年增加了1435元、2569元)
        levels = _run(list(level_pattern().finditer(head, 0, cue_end)))
        if len(levels) < 2:
            levels = _run(list(level_pattern().finditer(head, cue_end, pos)))
        codes = [_with_level(cue, m[0], len(m[0])) for m in levels]
    else:
        codes = _listed_cues(head[:cue_end], kind)
    if len(codes) < 2:
        codes = [p.code for p in in_sentence if p.end <= s_start + pos]
        if len(set(codes)) < 2:
            return None
    n = sum(1 for p in in_sentence if p.start >= s_start + pos)
    return codes[n % len(codes)]


def _paired_level(text: str, start: int, in_sentence) -> str | None:
    """小学和初中为1605元、2821元: the k-th of figures listed one after the other measures the
    k-th of the school levels listed right before the first of them, with its indicator."""
    run, pos = [], start
    for p in reversed(in_sentence):
        if not joined(text[p.end:pos]):
            break
        run.insert(0, p)
        pos = p.start
    if not run or "_" not in run[0].code:
        return None
    before_first = in_sentence[len(in_sentence) - len(run) - 1].end if len(run) < len(in_sentence) else None
    levels = _run(list(level_pattern().finditer(text, before_first or 0, run[0].start)))
    if len(levels) <= len(run) or levels[-1].end() < run[0].start - _BARE_CHARS:
        return None
    return _relevel(run[0].code, levels[len(run)][0])


def _run(matches: list[re.Match]) -> list[re.Match]:
    """The last matches of a window that are joined only by list joiners (小学、初中)."""
    run: list[re.Match] = []
    for m in reversed(matches):
        if run and not joined(m.string[m.end():run[0].start()]):
            break
        run.insert(0, m)
    return run


def _listed_cues(window: str, kind: str) -> list[str]:
    """Codes of the run of `before` cues ending `window`, joined only by list joiners
    (公办幼儿园、普惠性幼儿园在园幼儿占比 → public share, inclusive rate)."""
    codes: list[str] = []
    end = len(window)
    while (found := _nearest_cue(window[:end], kind)) is not None:
        cue, cue_start, cue_end = found
        if codes and not joined(window[cue_end:end]):
            break
        codes.insert(0, cue.code)
        end = cue_start
    return codes


def _subject_of_parts(text: str, s_start: int, start: int, in_sentence) -> _Prior | None:
    """The figure that a 其中 between it and this one makes the subject of this one."""
    for word in words()["part_of"]:
        pos = text.rfind(word, s_start, start)
        if pos < 0:
            continue
        before = [p for p in in_sentence if p.end <= pos]
        if before and not any(p.start > pos and p.code != before[-1].code for p in in_sentence):
            return before[-1]
    return None


def _subject_before(text: str, s_start: int, kind: str, priors) -> _Prior | None:
    """The last figure before a sentence that opens with 其中 (…增长11.29%。其中，农村为7403元)
    or with words saying more about it (这是…), or the last one naming an indicator before a
    sentence opening with a comparison (…0.85%。比上年的378.34亿元增加…), when it is near and
    measures what a figure of this kind can measure."""
    opening = text[s_start:s_start + 8].lstrip()
    if not priors:
        return None
    if opening.startswith(tuple(words()["compares_opening"])):
        prior = next((p for p in reversed(priors) if p.code != OTHER and _fits(p.code, kind)), None)
    elif opening.startswith(tuple(words()["part_of"] + words()["continues_opening"])):
        prior = priors[-1] if _fits(priors[-1].code, kind) else None
    else:
        return None
    return prior if prior is not None and s_start - prior.end <= _CONTINUES_WITHIN else None


def _only_spending_words(lead: str, payers: bool = False) -> bool:
    """Whether the words before an amount are only spending words (投入, 金额, 标准投入),
    which say the amount was spent, not on what — with `payers`, also words saying who
    paid and when (2012年中央财政共安排专项资金)."""
    return bool(lead.strip()) and not _spending_words(payers).sub("", lead).strip(" ，,：:、")


@functools.cache
def _spending_words(payers: bool) -> re.Pattern:
    said = words()["spending_words"] + (words()["payer_words"] if payers else [])
    return re.compile(r"\d{4}年|" + alternation(said))


def _continues(prior: _Prior, kind: str, lead: str, said_spent: bool) -> bool:
    """A bare figure goes on with the figure before it when its own words only say how
    it changed (增长最快的是益阳市(34.62%)), or are a few words of the same kind of
    figure (县级安排829.73万元) or only say who spent it (中央财政已累计安排资金) — a level
    percent never continues an amount, and a figure whose words count something
    (专任教师276.31万人，比上年增长7.04%) measures that count."""
    if _count_pattern().search(lead):
        return False
    clause = CLAUSE_BREAK.split(lead)[-1]
    return names_change(clause) or (prior.kind == kind and (len(lead.strip()) <= _BARE_CHARS or said_spent))


def _names_level_only(lead: str) -> bool:
    """A short lead that names a school level (全省普通高中为): a line of a per-pupil list."""
    levels = words()["school_levels"]
    return len(lead.strip()) <= _LEVEL_LINE_CHARS and any(levels[m[0]] for m in level_pattern().finditer(lead))


def _cue_above(text: str, s_start: int, kind: str) -> Cue | None:
    """The cue ending nearest before this sentence, within the context window."""
    window = _blank_brackets(text[max(0, s_start - words()["context_chars"]):s_start])
    found = _nearest_cue(window, kind)
    return found[0] if found else None


def _open_aside(text: str, lead_start: int, start: int) -> int | None:
    """Where an aside that is still open at the figure starts, when it has words of
    its own before the figure (not 益阳市(34.62%), a bracket around the figure alone)."""
    opened_at = None
    for i in range(start - 1, lead_start - 1, -1):
        if text[i] in ")）":
            return None
        if text[i] in "(（":
            opened_at = i
            break
    if opened_at is None or not text[opened_at + 1:start].strip():
        return None
    return opened_at + 1
