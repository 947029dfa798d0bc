"""The problem lexicon (lexicons/problem_cues.yaml) built once: the spaCy PhraseMatcher
over jieba tokens, grouped by kind (topics, deficiency words, settings and causes, fixes,
instructions, reports on problems; a negated deficiency word is also matched when jieba
reads the negation apart, 师资|不|平衡), every word's readings, and the regular
expressions of the frames the rules read on characters (除…外, back references, counties
as subjects, 存在…问题, problem frames, triggers)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.lexicon import LexiconError, check_patterns, load_yaml
from extractors.segment import add_words, doc_of_words, make_doc, phrase_matcher
from extractors.text import alternation
from extractors.wordset import WordSet

_LEXICON = "problem_cues.yaml"
_KEYS = ("deficiency", "context", "cause", "neutral", "denies", "hinders", "praise", "favours", "remedy", "finds",
         "visits", "directive", "requirement", "rule", "reports_on", "resolved", "asserts_existence", "problem_exists",
         "locatives", "generic_subject", "back_reference", "except_frame", "problem_frame", "stage_qualifies",
         "earmarked_funds", "coordinators", "statement_end", "contrasts", "counties_subject", "fix_topics",
         "generic_problems", "categories", "comparison_frame", "treating_names", "scope",
         "money_use", "restitution", "announces_list", "facility_uses")
# the cue kinds of the PhraseMatcher and the lexicon keys listing their words (in matching order)
_DEFICIENCY_KINDS = {"strong": "strong", "weak": "weak", "rise": "rises", "lack": "lacks"}
_WORD_KINDS = {"context": "context", "cause": "cause", "report": "reports_on", "scope": "scope", "hinder": "hinders",
               "praise": "praise", "favour": "favours", "neutral": "neutral", "denial": "denies", "remedy": "remedy",
               "directive": "directive", "generic": "generic_subject", "end": "statement_end",
               "restitution": "restitution"}
_CATEGORY_KEYS = {"label", "topics", "problems", "stage", "joins", "fallback_topics"}
# a deficiency word opening with a negation (不平衡, 不符合) is often read by jieba as the
# negation and the rest (师资|不|平衡): matched in that reading too
_NEGATION = re.compile(r"[不未无没](?=..)")


@dataclass(frozen=True)
class _Lexicon:
    matcher: object
    # every lexicon word -> its (kind, category) readings, to cut words jieba keeps glued
    readings: dict[str, tuple[tuple[str, str | None], ...]]
    stage_qualifies: bool
    coordinated: re.Pattern  # after a stage word, a conjunction makes it a subject of its own
    # the conjunctions and the list comma, ending all but the last item of a list (教育收费及存在的问题)
    list_joins: tuple[str, ...]
    joins: dict[str, frozenset[str]]  # stage category -> topics it takes over
    # funds a stage or fix word just before names the purpose of (职业教育专项资金, 维修改造等专项经费)
    earmarked_funds: frozenset[str]
    # 挪用于…支出 / 通过…等变相截留: the purpose and the means of misused money
    spent_on: re.Pattern
    spent_by: re.Pattern
    except_frame: re.Pattern
    # 除 X 外 alone: X is set apart from what the sentence says of the others
    excepted: re.Pattern
    # 与 X 相比: X is what the statement is measured against, not its subject
    compared: re.Pattern
    # 12个县(市) / 上述县区 / 以上问题: a subject that points back to places named before
    back_reference: re.Pattern
    back_nouns: tuple[str, ...]  # 以上问题/上述地区: points back to places of any level, not only counties
    # 各区 / 部分县(市、区) / 个别县: a subject that is some or all of the region's counties
    counties_subject: re.Pattern
    some: tuple[str, ...]  # 部分/个别…: some of what the sentence speaks of, not the whole jurisdiction
    # 存在的/存在着, read on characters (jieba glues 存在的 into one word only sometimes)
    asserts_existence: re.Pattern
    # 针对存在的问题 / 围绕…等反馈问题: groups inside (the stretch between opener and noun)
    problem_frame: re.Pattern
    frame_ignores: frozenset[str]
    negates_fix: frozenset[str]  # deficiency words that, before a fix, say it is not done
    # …不到位问题专项整治: the noun a fix acts on, which a deficiency word before it qualifies
    fix_objects: tuple[str, ...]
    # 违规使用情况主要表现在：: a clause ending so announces the list after it
    announces_list: tuple[str, ...]
    # 体育运动场地 / 食堂面积: topics that, right before another topic, name what it is for
    facility_uses: frozenset[str]
    shortages: frozenset[str]  # deficiency words that say something is lacking (不足, 短缺)
    lower_is_better: frozenset[str]  # topics whose fall (近视率下降) is progress
    ills: frozenset[str]  # topics whose lack (无辍学学生) is a record kept clean
    locatives: tuple[str, ...]  # after a place, these make it a location (西昌附近), not a subject
    # 职业教育校均规模明显低于普通高中: what follows these, after a topic, is the benchmark
    compares: frozenset[str]
    falls: frozenset[str]
    # 班额 -> 55: topics whose figure above the number is a problem (平均班额达58人)
    standards: dict[str, float]
    # a figure of pupils or a ratio to one, after at most a few linking words (平均达到58人, 为21:1)
    standard_figure: re.Pattern
    # 没有一名: a zero count, a lack when only persons are named after it (没有一名英语老师)
    zero_counts: frozenset[str]
    # a clause ending so is a condition (新拖欠教职工工资的，…): the sentence states a rule
    condition_end: tuple[str, ...]
    # 仍然是比较低的: a copula before a deficiency word makes a clause ending in 的 an assertion
    copulas: tuple[str, ...]
    # directive words that forbid (不得, 严禁): a statement holding one states a rule
    prohibitions: frozenset[str]
    # a clause opening so names what a following instruction is about (对于违规收费，要严肃查处)
    instruction_object: tuple[str, ...]
    # 对/针对 opening an object put before its instruction (对排查出的隐患要立即整改); not 对照/面对
    fronted_object: re.Pattern
    # 要求 as a noun: the words, and what before it in its clause makes it one (按照上级要求)
    requirement_words: frozenset[str]
    requirement_cited: re.Pattern  # the clause up to the word, read backwards from it
    # 共检查中小学、幼儿园36所: a clause counting the places visited
    visits: re.Pattern
    # 治理教育乱收费部际联席会议办公室: an office or a campaign named after the ill it treats
    treating_name: re.Pattern
    # after a fix word, these make it a check that found something (大排查共发现27处隐患)
    finds: tuple[str, ...]
    # a clause opening so turns the sentence (要求开齐体育课，但部分学校仍未开设): an instruction
    # stated before it does not reach past it
    contrasts: tuple[str, ...]
    # a sentence without any of these words (or a problem_exists clause) states no
    # problem: strong deficiency words, problem words and 除…外 frames anywhere, weak
    # deficiency words inside a 存在问题 part
    trigger: WordSet
    trigger_in_problem_part: WordSet
    # 经费投入存在“中部塌陷”问题 / 出现“空校”现象: a clause saying a problem exists, read on
    # characters (the problem between is often quoted or figurative)
    problem_exists: re.Pattern
    # 比上年下降4.36%: a fall word followed by its figure reports a statistic
    reported_falls: frozenset[str]
    # …，已全部整改到位: the sentence's problem is fixed, unless part of it is not (正在整改)
    resolved: re.Pattern
    resolved_partly: re.Pattern
    # 针对审计发现的问题，市教育局制定…: after a frame, the response to the problems
    frame_responses: re.Pattern
    # 整改: a fix a category names as a topic, a problem only where a deficiency word governs it
    fix_topics: frozenset[str]
    # 也存在一些问题 / 存在的问题和不足: a mention of problems that names none
    generic_problems: re.Pattern


@functools.cache
def _lexicon() -> _Lexicon:
    data = load_yaml(_LEXICON, _KEYS)
    deficiency = data["deficiency"]
    groups: dict[str, list[str]] = {kind: check_patterns(_LEXICON, f"deficiency.{key}", deficiency.get(key))
                                     for kind, key in _DEFICIENCY_KINDS.items()}
    groups |= {kind: check_patterns(_LEXICON, key, data[key]) for kind, key in _WORD_KINDS.items()}
    joins = {}
    for code, entry in data["categories"].items():
        unknown = set(entry) - _CATEGORY_KEYS
        if unknown:
            raise LexiconError(f"{_LEXICON}: category {code}: unknown keys {sorted(unknown)}")
        for kind, label in (("topics", "topic"), ("problems", "problem"), ("stage", "stage"),
                            ("fallback_topics", "fallback")):
            groups[f"{label}:{code}"] = check_patterns(_LEXICON, f"categories.{code}.{kind}", entry.get(kind))
        joins[code] = frozenset(check_patterns(_LEXICON, f"categories.{code}.joins", entry.get("joins")))
    add_words(w for words in groups.values() for w in words if len(w) > 1)
    matcher = phrase_matcher()
    for label, words in groups.items():
        if words:
            matcher.add(label, [make_doc(w) for w in words] + [_negation_apart(w) for w in words if _NEGATION.match(w)])
    triggers = [w for label, words in groups.items() if label == "strong" or label.startswith("problem:")
                for w in words]
    triggers += check_patterns(_LEXICON, "except_frame.open", data["except_frame"].get("open"))
    # 近视率持续上升: the rise of what is better lower is a deficiency in any part
    triggers += check_patterns(_LEXICON, "deficiency.lower_is_better", data["deficiency"].get("lower_is_better"))
    triggers += groups["lack"]
    # 组织清退侵占学生的伙食费: money given back states the problem it remedies
    triggers += groups["restitution"]
    standards = {str(k): float(v) for k, v in (data["deficiency"].get("standards") or {}).items()}
    triggers += check_patterns(_LEXICON, "deficiency.standards", list(standards))
    frame = data["problem_frame"]
    triggers += check_patterns(_LEXICON, "problem_frame.noun", frame.get("noun"))
    deficiency = data["deficiency"]
    rule = data["rule"]
    exists = _problem_exists_pattern(data["problem_exists"])
    resolved = data["resolved"]
    return _Lexicon(
        matcher=matcher, readings=_readings(groups), stage_qualifies=bool(data["stage_qualifies"]), joins=joins,
        earmarked_funds=frozenset(check_patterns(_LEXICON, "earmarked_funds", data["earmarked_funds"])),
        spent_on=_alternation(check_patterns(_LEXICON, "money_use.purpose", data["money_use"].get("purpose"))),
        spent_by=_alternation(check_patterns(_LEXICON, "money_use.means", data["money_use"].get("means"))),
        coordinated=_alternation(check_patterns(_LEXICON, "coordinators", data["coordinators"])),
        list_joins=(*check_patterns(_LEXICON, "coordinators", data["coordinators"]), "、"),
        except_frame=_except_pattern(data["except_frame"]),
        excepted=_except_pattern(data["except_frame"], with_tail=False),
        compared=_comparison_pattern(data["comparison_frame"]),
        back_reference=_back_reference_pattern(data["back_reference"]),
        back_nouns=tuple(check_patterns(_LEXICON, "back_reference.nouns", data["back_reference"].get("nouns"))),
        counties_subject=_counties_subject_pattern(data["counties_subject"]),
        some=tuple(check_patterns(_LEXICON, "counties_subject.some", data["counties_subject"].get("some"))),
        asserts_existence=_alternation(check_patterns(_LEXICON, "asserts_existence", data["asserts_existence"])),
        problem_frame=_problem_frame_pattern(frame),
        frame_ignores=frozenset(check_patterns(_LEXICON, "problem_frame.ignores", frame.get("ignores"))),
        negates_fix=frozenset(check_patterns(_LEXICON, "deficiency.negates_fix", deficiency.get("negates_fix"))),
        fix_objects=tuple(check_patterns(_LEXICON, "deficiency.fix_objects", deficiency.get("fix_objects"))),
        announces_list=tuple(check_patterns(_LEXICON, "announces_list", data["announces_list"])),
        facility_uses=frozenset(check_patterns(_LEXICON, "facility_uses", data["facility_uses"])),
        shortages=frozenset(check_patterns(_LEXICON, "deficiency.shortages", deficiency.get("shortages"))),
        locatives=tuple(check_patterns(_LEXICON, "locatives", data["locatives"])),
        compares=frozenset(check_patterns(_LEXICON, "deficiency.compares", deficiency.get("compares"))),
        lower_is_better=frozenset(check_patterns(_LEXICON, "deficiency.lower_is_better",
                                                 deficiency.get("lower_is_better"))),
        falls=frozenset(check_patterns(_LEXICON, "deficiency.falls", deficiency.get("falls"))),
        ills=frozenset(check_patterns(_LEXICON, "deficiency.ills", deficiency.get("ills"))),
        standards=standards,
        standard_figure=_standard_figure(check_patterns(_LEXICON, "deficiency.standard_links",
                                                        deficiency.get("standard_links"))),
        zero_counts=frozenset(check_patterns(_LEXICON, "deficiency.zero_counts", deficiency.get("zero_counts"))),
        condition_end=tuple(check_patterns(_LEXICON, "rule.condition_end", rule.get("condition_end"))),
        copulas=tuple(check_patterns(_LEXICON, "rule.copulas", rule.get("copulas"))),
        prohibitions=frozenset(check_patterns(_LEXICON, "rule.prohibitions", rule.get("prohibitions"))),
        instruction_object=tuple(check_patterns(_LEXICON, "rule.instruction_object", rule.get("instruction_object"))),
        fronted_object=_fronted_object_pattern(rule["fronted_object"]),
        finds=tuple(check_patterns(_LEXICON, "finds", data["finds"])),
        visits=_visits_pattern(data["visits"]),
        treating_name=_treating_name_pattern(data["treating_names"]),
        requirement_words=frozenset(check_patterns(_LEXICON, "requirement.words", data["requirement"].get("words"))),
        requirement_cited=_requirement_pattern(data["requirement"]),
        contrasts=tuple(check_patterns(_LEXICON, "contrasts", data["contrasts"])),
        trigger=WordSet(triggers), trigger_in_problem_part=WordSet(triggers + groups["weak"]), problem_exists=exists,
        reported_falls=frozenset(check_patterns(_LEXICON, "deficiency.reported_falls",
                                                deficiency.get("reported_falls"))),
        resolved=_alternation(check_patterns(_LEXICON, "resolved.done", resolved.get("done"))),
        resolved_partly=_alternation(check_patterns(_LEXICON, "resolved.partial", resolved.get("partial"))),
        frame_responses=_alternation(check_patterns(_LEXICON, "problem_frame.responses", frame.get("responses"))),
        fix_topics=frozenset(check_patterns(_LEXICON, "fix_topics", data["fix_topics"])),
        generic_problems=_generic_problems_pattern(data["generic_problems"]))


def _readings(groups: dict[str, list[str]]) -> dict[str, tuple[tuple[str, str | None], ...]]:
    """Each lexicon word with the (kind, category) of every group it is in (不足 is a
    deficiency, 教师 a person word of teachers)."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for label, words in groups.items():
        kind, _, category = label.partition(":")
        for w in words:
            out.setdefault(w, []).append((kind, category or None))
    return {w: tuple(r) for w, r in out.items()}


def _negation_apart(word: str):
    return doc_of_words([word[0], word[1:]])


def _alternatives(section: str, entry: dict, longest_first: bool = False):
    """The frame's word lists as regex alternations, key by key (`alt('verbs')`): in the
    lexicon's order, where the first listed wins, or longest first."""
    def alt(key: str) -> str:
        words = check_patterns(_LEXICON, f"{section}.{key}", entry.get(key))
        return alternation(words) if longest_first else "|".join(map(re.escape, words))
    return alt


def _problem_exists_pattern(entry: dict) -> re.Pattern:
    """存在/面临/出现 … 问题/现象/难题 closing a clause; not 存在的问题 (a reference to
    problems: 针对存在的问题, 了解…存在的问题) nor 存在问题整改情况 (the problems qualify
    another noun)."""
    alt = _alternatives("problem_exists", entry)
    between = "[^，,。；;：:！？!?\\n]{0,30}?"
    closes = "(?=[，,。；;：:！？!?、)）\\s]|$)"
    return re.compile(f"(?:{alt('verbs')})(?!的){between}(?:{alt('nouns')}){closes}")


def _generic_problems_pattern(entry: dict) -> re.Pattern:
    """存在/有, quantifiers (一些, 的, 着), then problem nouns, two joined by 和/与/及
    (存在的问题和不足)."""
    alt = _alternatives("generic_problems", entry, longest_first=True)
    nouns = f"(?:{alt('nouns')})"
    return re.compile(f"(?:{alt('verbs')})(?:{alt('quantifiers')})*{nouns}(?:[和与及]{nouns})?")


def _fronted_object_pattern(entry: dict) -> re.Pattern:
    """对于/针对/对 opening an object, not inside another word (面对, 相对) nor opening one
    (对照, 对比): read on characters, as jieba glues 对 to its object at times."""
    alt = _alternatives("rule.fronted_object", entry)
    return re.compile(f"(?<!{alt('not_after')})(?:{alt('open')})(?!{alt('not_before')})")


def _visits_pattern(entry: dict) -> re.Pattern:
    """检查…36所: an inspection verb, then a count of places within the clause."""
    alt = _alternatives("visits", entry)
    return re.compile(f"(?:{alt('verbs')})[^，,；;：:。]*?\\d+(?:{alt('units')})")


def _treating_name_pattern(entry: dict) -> re.Pattern:
    """治理…办公室: a treating word, at most 12 characters of its object within the clause, the noun of an
    office or a campaign."""
    alt = _alternatives("treating_names", entry, longest_first=True)
    return re.compile(f"(?:{alt('treats')})[^，,。；;：:、！？!?\\s]{{1,12}}?(?:{alt('nouns')})")


def _requirement_pattern(entry: dict) -> re.Pattern:
    """The stretch of a clause before 要求 that makes it a noun: a citing verb anywhere in it
    (按照上级要求), or a word right before (中央的各项要求); matched with fullmatch from the
    clause start to the word."""
    alt = _alternatives("requirement", entry)
    return re.compile(f"[^，,；;：:]*(?:(?:{alt('cited_by')})[^，,；;：:]*|(?:{alt('after')}))")


def _standard_figure(links: list[str]) -> re.Pattern:
    return re.compile(rf"(?:{alternation(links)}){{0,3}}(?P<n>\d+(?:\.\d+)?)(?:人|\s*[:：]\s*1(?![\d.]))")


def _alternation(words: list[str]) -> re.Pattern:
    return re.compile(alternation(set(words)))


def _except_pattern(frame: dict, with_tail: bool = True) -> re.Pattern:
    """除 X 外，… 其他 … 落实: groups x (the exception), tail (up to the clause's end);
    without the tail, 除 X 外 alone."""
    alt = _alternatives("except_frame", frame)
    head = f"(?:{alt('open')})(?!{alt('not_after_open')})(?P<x>[^。；;]{{1,40}}?)(?:{alt('close')})"
    if not with_tail:
        return re.compile(head)
    return re.compile(head + f"[，,]?(?P<tail>[^，,。；;]*?(?:{alt('others')})[^，,。；;]*?(?:{alt('done')})[^，,。；;]*)")


def _comparison_pattern(frame: dict) -> re.Pattern:
    """与/同 X 相比, within one clause: group x (what the statement is compared with)."""
    alt = _alternatives("comparison_frame", frame, longest_first=True)
    return re.compile(f"(?:{alt('open')})(?P<x>[^，,。；;]{{1,30}}?)(?:{alt('close')})")


def _problem_frame_pattern(frame: dict) -> re.Pattern:
    """针对/围绕/指出 … 存在的问题/反馈问题, within one clause: group inside."""
    alt = _alternatives("problem_frame", frame)
    # 存在问题的整改情况: the problems qualify another noun, the frame is about that one
    return re.compile(f"(?:{alt('open')})(?P<inside>[^，,。；;：:]{{0,40}}?)(?:{alt('noun')})(?!的)")


def _counties_subject_pattern(entry: dict) -> re.Pattern:
    """各区/县区, or 部分/个别/多数 … + a county unit (部分县(市、区), 个别区县), not 部分区域."""
    alt = _alternatives("counties_subject", entry, longest_first=True)
    return re.compile(f"(?:{alt('subjects')})|(?:{alt('some')})(?:{alt('units')})(?!{alt('not_after')})")


def _back_reference_pattern(entry: dict) -> re.Pattern:
    """上述/这些/以上 …, or a count of units (12个县(市)、3个区县), optionally followed by a
    parenthesised kind (市、区)."""
    alt = _alternatives("back_reference", entry, longest_first=True)
    units = f"(?:{alt('units')})(?:[(（][^()（）]{{1,6}}[)）])?"
    return re.compile(f"(?:{alt('pointers')})(?:[\\d一二三四五六七八九十两几]+个)?(?:{units}|{alt('nouns')})"
                      f"|[\\d一二三四五六七八九十两]+个{units}")
