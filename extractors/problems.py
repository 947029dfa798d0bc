"""Problems: the deficiencies a report states, per category (problem_categories.tsv) and place.

Stages:
  1. cues       — jieba tokens matched against lexicons/problem_cues.yaml with a spaCy
                  PhraseMatcher (topics, deficiency words, settings and causes, fixes,
                  instructions, reports on problems); a negated deficiency word is also
                  matched when jieba reads the negation apart (师资|不|平衡).
  2. statements — each sentence is cut into clauses (，；：, and between two quoted
                  statements “…”“…”; a bracketed aside stays in its clause) and a clause
                  further where lost punctuation glued two statements.
  3. problems   — a statement with a topic and a deficiency (a weak one suffices inside a
                  存在问题 part) is a problem of the topic's categories. None is stated by
                  a setting or a cause that is no deficiency, a report on problems (汇报…
                  存在问题), a rule (…的，不得…), a fall of what is better lower (近视率
                  下降), and outside a 存在问题 heading a fix or an instruction — unless it
                  says the problem exists (解决好…存在的…问题) or the fix itself is found
                  wanting (专项整治不力). A topic just after a word of favour (重视普通高中
                  教育，忽视职业教育) or after a comparison (低于普通高中) is not the one
                  found wanting. The rise of what is better lower (近视率持续上升) is a
                  deficiency in any part, as its fall is progress; so is a clause saying a
                  problem exists (存在“中部塌陷”问题), and none is one said not to have
                  occurred (未发生安全事故), none stated as already fixed (…，已全部整改到位, read
                  per ；-piece), and a fall with its figure (比上年下降4.36%) reports a statistic;
                  a question about a fix (如何解决…缺编问题？) presumes the problem.
                  除 X 外 … 均落实 makes X
                  the place of an unmet requirement; a frame saying problems exist names
                  them as topics (针对存在的问题，就教师配备、校园安保等进行了讨论).
  4. places     — the places named before the deficiency (counties; in a provincial
                  report its cities too; not those set apart by 除…外), else after a back
                  reference (12个县(市), 以上问题) the counties named just before, else those
                  of the previous statement of the sentence, else (and after 各区/全市/
                  部分…) the report's jurisdiction. One finding per (category, place) per
                  statement.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from extractors.lexicon import LexiconError, check_patterns, load_yaml
from extractors.models import DocContext, Finding, Place, PlaceMention
from extractors.places import places_for_span
from extractors.segment import add_words, make_doc, vocab
from extractors.text import enclosing, encodable, sentence_spans, spans

_LEXICON = "problem_cues.yaml"
_KEYS = ("deficiency", "context", "cause", "neutral", "denies", "praise", "favours", "remedy", "directive", "rule",
         "reports_on", "resolved", "asserts_existence", "problem_exists", "locatives", "generic_subject",
         "back_reference", "except_frame", "problem_frame", "stage_qualifies", "coordinators", "statement_end",
         "categories")
_CATEGORY_KEYS = {"label", "topics", "problems", "stage", "joins", "fallback_topics"}
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
# a clause ends at ，；： and between two quoted statements (指出“大班额现象严重”“安全隐患突出”)
_CLAUSE_END = re.compile(r"[，,；;：:]+|(?<=[”」』])(?=[“「『])")
# a sentence's ；-pieces: each can state its own problem and its own fixing of it
_PIECE_END = re.compile(r"[；;]+")
_CITED_TITLE = re.compile(r"《[^《》]{1,80}》")
# a deficiency word opening with a negation (不平衡, 不符合) is often read by jieba as the
# negation and the rest (师资|不|平衡): matched in that reading too
_NEGATION = re.compile(r"[不未无没](?=..)")
# a requirement quoted after 按照/依照 (没有按照“普通高中与中职规模大体相当”的比例) names the
# rule that was missed, not the topic of the statement
_CITED_RULE = re.compile(r"(?:按照|依照|按|对照)[“「][^”」]{1,60}[”」]")
_OPEN, _CLOSE = "(（", ")）"
# the figure right after a fall word (下降4.36%, 减少了0.23亿元, 下降x.xxx%)
_FIGURE = re.compile(r"了?\s*[-−]?[\dxX][\dxX.,]*")


def _bracket_depth(text: str, a: int, b: int) -> int:
    return sum(ch in _OPEN for ch in text[a:b]) - sum(ch in _CLOSE for ch in text[a:b])


# how far (characters) a deficiency word may stand before a fix it negates: 尚未完全化解
_GOVERNS = 4


@dataclass(frozen=True)
class Cue:
    kind: str  # strong | weak | rise | context | cause | neutral | denial | praise | favour | remedy |
    #            directive | report | generic | end | topic | problem | stage | fallback
    category: str | None
    start: int
    end: int
    text: str = ""


@dataclass
class Statement:
    start: int
    end: int
    cues: list[Cue] = field(default_factory=list)

    def first(self, *kinds: str) -> Cue | None:
        return next((c for c in self.cues if c.kind in kinds), None)


@dataclass(frozen=True)
class _Lexicon:
    matcher: object
    stage_qualifies: bool
    coordinated: re.Pattern  # after a stage word, a conjunction makes it a subject of its own
    joins: dict[str, frozenset[str]]  # stage category -> topics it takes over
    except_frame: re.Pattern
    # 除 X 外 alone: X is set apart from what the sentence says of the others
    excepted: re.Pattern
    # 12个县(市) / 上述县区 / 以上问题: a subject that points back to places named before
    back_reference: re.Pattern
    # 存在的/存在着, read on characters (jieba glues 存在的 into one word only sometimes)
    asserts_existence: re.Pattern
    # 针对存在的问题 / 围绕…等反馈问题: groups inside (the stretch between opener and noun)
    problem_frame: re.Pattern
    frame_ignores: frozenset[str]
    negates_fix: frozenset[str]  # deficiency words that, before a fix, say it is not done
    lower_is_better: frozenset[str]  # topics whose fall (近视率下降) is progress
    locatives: tuple[str, ...]  # after a place, these make it a location (西昌附近), not a subject
    # 职业教育校均规模明显低于普通高中: what follows these, after a topic, is the benchmark
    compares: frozenset[str]
    falls: frozenset[str]
    # a clause ending so is a condition (新拖欠教职工工资的，…): the sentence states a rule
    condition_end: tuple[str, ...]
    # a clause opening so names what a following instruction is about (对于违规收费，要严肃查处)
    instruction_object: tuple[str, ...]
    # a sentence without any of these words states no problem: strong deficiency words,
    # problem words and 除…外 frames anywhere, weak deficiency words inside a 存在问题 part
    trigger: re.Pattern
    trigger_in_problem_part: re.Pattern
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


@functools.cache
def _lexicon() -> _Lexicon:
    from spacy.matcher import PhraseMatcher

    data = load_yaml(_LEXICON, _KEYS)
    groups: dict[str, list[str]] = {
        "strong": check_patterns(_LEXICON, "deficiency.strong", data["deficiency"].get("strong")),
        "weak": check_patterns(_LEXICON, "deficiency.weak", data["deficiency"].get("weak")),
        "rise": check_patterns(_LEXICON, "deficiency.rises", data["deficiency"].get("rises")),
        "context": check_patterns(_LEXICON, "context", data["context"]),
        "cause": check_patterns(_LEXICON, "cause", data["cause"]),
        "report": check_patterns(_LEXICON, "reports_on", data["reports_on"]),
        "praise": check_patterns(_LEXICON, "praise", data["praise"]),
        "favour": check_patterns(_LEXICON, "favours", data["favours"]),
        "neutral": check_patterns(_LEXICON, "neutral", data["neutral"]),
        "denial": check_patterns(_LEXICON, "denies", data["denies"]),
        "remedy": check_patterns(_LEXICON, "remedy", data["remedy"]),
        "directive": check_patterns(_LEXICON, "directive", data["directive"]),
        "generic": check_patterns(_LEXICON, "generic_subject", data["generic_subject"]),
        "end": check_patterns(_LEXICON, "statement_end", data["statement_end"]),
    }
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
    matcher = PhraseMatcher(vocab())
    for label, words in groups.items():
        if words:
            matcher.add(label, [make_doc(w) for w in words] + [_negation_apart(w) for w in words if _NEGATION.match(w)])
    triggers = [w for label, words in groups.items() if label == "strong" or label.startswith("problem:")
                for w in words]
    triggers += check_patterns(_LEXICON, "except_frame.open", data["except_frame"].get("open"))
    # 近视率持续上升: the rise of what is better lower is a deficiency in any part
    triggers += check_patterns(_LEXICON, "deficiency.lower_is_better", data["deficiency"].get("lower_is_better"))
    frame = data["problem_frame"]
    triggers += check_patterns(_LEXICON, "problem_frame.noun", frame.get("noun"))
    deficiency = data["deficiency"]
    rule = data["rule"]
    exists = _problem_exists_pattern(data["problem_exists"])
    resolved = data["resolved"]
    return _Lexicon(
        matcher=matcher, stage_qualifies=bool(data["stage_qualifies"]), joins=joins,
        coordinated=_alternation(check_patterns(_LEXICON, "coordinators", data["coordinators"])),
        except_frame=_except_pattern(data["except_frame"]),
        excepted=_except_pattern(data["except_frame"], with_tail=False),
        back_reference=_back_reference_pattern(data["back_reference"]),
        asserts_existence=_alternation(check_patterns(_LEXICON, "asserts_existence", data["asserts_existence"])),
        problem_frame=_problem_frame_pattern(frame),
        frame_ignores=frozenset(check_patterns(_LEXICON, "problem_frame.ignores", frame.get("ignores"))),
        negates_fix=frozenset(check_patterns(_LEXICON, "deficiency.negates_fix", deficiency.get("negates_fix"))),
        locatives=tuple(check_patterns(_LEXICON, "locatives", data["locatives"])),
        compares=frozenset(check_patterns(_LEXICON, "deficiency.compares", deficiency.get("compares"))),
        lower_is_better=frozenset(check_patterns(_LEXICON, "deficiency.lower_is_better",
                                                 deficiency.get("lower_is_better"))),
        falls=frozenset(check_patterns(_LEXICON, "deficiency.falls", deficiency.get("falls"))),
        condition_end=tuple(check_patterns(_LEXICON, "rule.condition_end", rule.get("condition_end"))),
        instruction_object=tuple(check_patterns(_LEXICON, "rule.instruction_object", rule.get("instruction_object"))),
        trigger=_with(_alternation(triggers), exists),
        trigger_in_problem_part=_with(_alternation(triggers + groups["weak"]), exists), problem_exists=exists,
        reported_falls=frozenset(check_patterns(_LEXICON, "deficiency.reported_falls",
                                                deficiency.get("reported_falls"))),
        resolved=_alternation(check_patterns(_LEXICON, "resolved.done", resolved.get("done"))),
        resolved_partly=_alternation(check_patterns(_LEXICON, "resolved.partial", resolved.get("partial"))),
        frame_responses=_alternation(check_patterns(_LEXICON, "problem_frame.responses", frame.get("responses"))))


def _negation_apart(word: str):
    from spacy.tokens import Doc
    return Doc(vocab(), words=[word[0], word[1:]], spaces=[False, False])


def _problem_exists_pattern(entry: dict) -> re.Pattern:
    """存在/面临/出现 … 问题/现象/难题 closing a clause; not 存在的问题 (a reference to
    problems: 针对存在的问题, 了解…存在的问题) nor 存在问题整改情况 (the problems qualify
    another noun)."""
    def alt(key):
        return "|".join(map(re.escape, check_patterns(_LEXICON, f"problem_exists.{key}", entry.get(key))))
    between = "[^，,。；;：:！？!?\\n]{0,30}?"
    closes = "(?=[，,。；;：:！？!?、)）\\s]|$)"
    return re.compile(f"(?:{alt('verbs')})(?!的){between}(?:{alt('nouns')}){closes}")


def _with(a: re.Pattern, b: re.Pattern) -> re.Pattern:
    return re.compile(f"{a.pattern}|{b.pattern}")


def _alternation(words: list[str]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))


def _except_pattern(frame: dict, with_tail: bool = True) -> re.Pattern:
    """除 X 外，… 其他 … 落实: groups x (the exception), tail (up to the clause's end);
    without the tail, 除 X 外 alone."""
    def alt(key):
        return "|".join(map(re.escape, check_patterns(_LEXICON, f"except_frame.{key}", frame.get(key))))
    head = f"(?:{alt('open')})(?!{alt('not_after_open')})(?P<x>[^。；;]{{1,40}}?)(?:{alt('close')})"
    if not with_tail:
        return re.compile(head)
    return re.compile(head + f"[，,]?(?P<tail>[^，,。；;]*?(?:{alt('others')})[^，,。；;]*?(?:{alt('done')})[^，,。；;]*)")


def _problem_frame_pattern(frame: dict) -> re.Pattern:
    """针对/围绕/指出 … 存在的问题/反馈问题, within one clause: group inside."""
    def alt(key):
        return "|".join(map(re.escape, check_patterns(_LEXICON, f"problem_frame.{key}", frame.get(key))))
    # 存在问题的整改情况: the problems qualify another noun, the frame is about that one
    return re.compile(f"(?:{alt('open')})(?P<inside>[^，,。；;：:]{{0,40}}?)(?:{alt('noun')})(?!的)")


def _back_reference_pattern(entry: dict) -> re.Pattern:
    """上述/这些/以上 …, or a count of units (12个县(市)、3个区县), optionally followed by a
    parenthesised kind (市、区)."""
    def alt(key):
        return "|".join(map(re.escape, sorted(check_patterns(_LEXICON, f"back_reference.{key}", entry.get(key)),
                                              key=len, reverse=True)))
    units = f"(?:{alt('units')})(?:[(（][^()（）]{{1,6}}[)）])?"
    return re.compile(f"(?:{alt('pointers')})(?:[\\d一二三四五六七八九十两几]+个)?(?:{units}|{alt('nouns')})"
                      f"|[\\d一二三四五六七八九十两]+个{units}")


def find_cues(text: str, ctx: DocContext) -> list[Cue]:
    """Every lexicon word, as whole jieba tokens, in text order — in the sentences that
    can state a problem: holding a deficiency word that counts where the sentence stands
    (or a 除…外 frame), and in a recommendation only saying that a problem exists
    (存在的…). Segmenting the rest is most of the cost. jieba cuts at punctuation anyway,
    so a sentence segments alone as it does in its text."""
    lex = _lexicon()
    out = []
    for start, end in spans(text, _SENTENCE_END):
        section = ctx.section_at(start)
        trigger = lex.trigger_in_problem_part if section == "problem" else lex.trigger
        # a recommendation states a problem only where it says the problem exists
        # (代表们建议…切实解决好…存在的校舍紧缺等问题)
        if section == "recommendation":
            if not lex.asserts_existence.search(text, start, end):
                continue
        elif not trigger.search(text, start, end):
            continue
        doc = make_doc(encodable(text[start:end]))
        # words inside a cited document's title (未按《国家学校体育卫生条件试行基本标准》)
        # name that document, not a topic of the statement
        cited = [m.span() for pattern in (_CITED_TITLE, _CITED_RULE) for m in pattern.finditer(text, start, end)]
        for match_id, s, e in lex.matcher(doc):
            kind, _, category = vocab().strings[match_id].partition(":")
            a, b = start + doc[s].idx, start + doc[e - 1].idx + len(doc[e - 1])
            # 比上年下降4.36%: a statistic reported, not a deficiency found
            if kind in ("strong", "weak") and text[a:b] in lex.reported_falls and _FIGURE.match(text, b):
                continue
            if not any(x < a and b < y for x, y in cited):
                out.append(Cue(kind, category or None, a, b, text[a:b]))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def extract(text: str, ctx: DocContext) -> list[Finding]:
    cues = find_cues(text, ctx)
    levels = _subject_levels(ctx.region)
    mentions = [m for m in ctx.mentions if m.place is not None and m.place.level in levels]
    findings: list[Finding] = []
    short_sentences = sentence_spans(text)  # ；-delimited, shown in each row for a person to check
    ci = 0
    named_before: list[Place] = []  # the counties of the last sentence that named any
    for s, e in spans(text, _SENTENCE_END):
        while ci < len(cues) and cues[ci].start < s:
            ci += 1
        sentence_cues = []
        while ci < len(cues) and cues[ci].end <= e:
            sentence_cues.append(cues[ci])
            ci += 1
        sentence_mentions = [m for m in mentions if s <= m.start and m.end <= e]
        if sentence_cues:
            findings += _sentence_problems(text, s, e, sentence_cues, sentence_mentions, named_before, ctx,
                                           short_sentences)
        if sentence_mentions:
            named_before = _unique(m.place for m in sentence_mentions)
        elif sentence_cues:
            named_before = []  # a back reference reaches one sentence back, no further
    return findings


_LEVELS = ("province", "city", "county")


def _subject_levels(region: Place | None) -> tuple[str, ...]:
    """The levels of place a statement can be about: counties, and in a provincial report
    its cities too (西宁市及海东地区各县高中大班大校问题突出); the region's own level and
    those above name the reporter or a comparison."""
    if region is None or region.level not in _LEVELS:
        return ("county",)
    return _LEVELS[_LEVELS.index(region.level) + 1:]


def _sentence_problems(text: str, s: int, e: int, cues: list[Cue], mentions: list[PlaceMention],
                       named_before: list[Place], ctx: DocContext,
                       short_sentences: list[tuple[int, int]]) -> list[Finding]:
    # …，已全部整改到位: the problems of a ；-piece said to be fixed are not stated as open
    fixed = [(a, b) for a, b in spans(text, _PIECE_END, s, e) if _resolved(text, a, b, cues)]
    cues = [c for c in cues if not any(a <= c.start < b for a, b in fixed)]
    if not cues:
        return []
    in_problem_part = ctx.section_at(s) == "problem"
    in_recommendation = ctx.section_at(s) == "recommendation"
    # a fix or an instruction is what is still needed only under a heading that says so;
    # a sentence labelled by its own cue words (sections' fallback) is read as any other
    under_heading = in_problem_part and _heading_at(ctx, s) != ""
    found: list[tuple[str, list[Place], int, int]] = []
    carried_places: list[Place] = []
    carried_topics: list[str] = []
    carried_stated = False  # the carried topics are those of a problem stated just before
    statements = _statements(text, s, e, cues, mentions)
    # 要充分发挥…，对…等问题要严肃批评: a sentence opening with an instruction is one throughout
    instruction = not under_heading and bool(statements) and _instructs(statements[0])
    # 如何解决由此带来的教师结构性缺编问题？: a question about a fix presumes the problem
    question = text[s:e].rstrip().endswith(("？", "?"))
    rule = _rule_statements(text, statements)
    # 除西宁市区外，其他普通高中普遍存在…问题: the places set apart are not what the
    # statements are about (a met requirement in the tail is read by _except_findings)
    apart = [m.span("x") for m in _lexicon().excepted.finditer(text, s, e)]
    # 优质资源集中在西昌附近: a place named as a location (附近, 周边) is no subject either
    subjects = [m for m in mentions if not any(a <= m.start < b for a, b in apart)
                and not text.startswith(_lexicon().locatives, m.end)]
    for st in statements:
        categories = _categories(text, st, lex_stage=_lexicon().stage_qualifies)
        deficiency = (st.first("strong", "problem") or (st.first("weak") if in_problem_part else None)
                      or _worsening(st) or _exists(text, st))
        places = _subject(text, st, subjects, named_before, carried_places, ctx, names_places=bool(mentions))
        states_none = (deficiency is None or _sets_scene(st) or _reports_on(st) or id(st) in rule
                       or _is_progress(cues, deficiency) or _denied(st, deficiency)
                       or ((in_recommendation or instruction
                            or (not under_heading and ((_tells_remedy(st) and not question) or _instructs(st))))
                           and not _asserts_existence(text, st, deficiency)))
        if states_none:
            carried_places = places
            carried_topics = categories or carried_topics
            carried_stated = False
            continue
        # 存在着重视普通高中教育，忽视职业教育的问题: a clause naming only what is favoured
        # states no problem of its own and takes none from the clause before
        # 一位老师要教6门课程: a person word names the category only when nothing else is named,
        # here or in a problem stated just before (教师组织有偿补课 is a conduct problem, the
        # teachers its agents; 课堂互动不足，教师讲解时间过长 stays on teaching; after a mere
        # setting, 学校拥有…机器，但有经验的老师很少 is about teachers)
        person = list(dict.fromkeys(c.category for c in st.cues if c.kind == "fallback"))
        carried = [] if st.first("favour") else carried_topics
        categories = categories or (carried if carried_stated or not person else person)
        a, b = _key_phrase(st, deficiency)
        found += [(category, places, a, b) for category in categories]
        carried_places, carried_topics, carried_stated = places, categories, True
    if not in_recommendation:  # 针对存在的问题，建议加强X: what to do, not what is wrong
        found += _except_findings(text, s, e, cues, mentions, ctx)
        found += _framed_findings(text, s, e, cues, mentions, ctx)
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for category, places, a, b in found:
        for place in places or [None]:
            key = (category, place.adcode if place else "")
            if key not in seen:
                seen.add(key)
                sa, sb = enclosing(short_sentences, a)
                out.append(Finding(kind="problem", text=text[a:b], sentence=text[sa:sb], start=a, end=b,
                                   section=ctx.section_at(a), category=category,
                                   year=ctx.report_year).with_place(place))
    return out


def _resolved(text: str, s: int, e: int, cues: list[Cue]) -> bool:
    """5所学校未按规定退还学费89万元，已全部整改到位: a problem the stretch s:e says is fixed,
    after stating it, is an achievement; not when it says part is still open (正在抓紧整改)."""
    lex = _lexicon()
    first = next((c.start for c in cues if c.kind in ("strong", "problem") and s <= c.start < e), None)
    if first is None or not lex.resolved.search(text, first, e):
        return False
    return not lex.resolved_partly.search(text, s, e)


def _heading_at(ctx: DocContext, offset: int) -> str:
    return next((span.heading for span in ctx.sections if span.start <= offset < span.end), "")


def _statements(text: str, s: int, e: int, cues: list[Cue], mentions: list[PlaceMention]) -> list[Statement]:
    """Clauses of the sentence, cut again where lost punctuation glued two statements:
    after a statement-closing word (…等问题) and before places named after a deficiency."""
    cuts: set[int] = set()
    for c in cues:
        if c.kind == "end" and c.end < e and not _CLAUSE_END.match(text[c.end]):
            cuts.add(c.end)
    out: list[Statement] = []
    for a, b in _clauses(text, s, e):
        inner = sorted(x for x in cuts if a < x < b)
        deficient = [c.end for c in cues if c.kind in ("strong", "problem") and a <= c.start < b]
        for m in mentions:
            if a < m.start < b and any(x <= m.start for x in deficient) and not _is_continuation(text, a, m.start, mentions):
                inner.append(m.start)
        inner += [c.start for c in cues if c.kind == "generic" and a < c.start < b and any(x <= c.start for x in deficient)]
        bounds = [a, *sorted(set(inner)), b]
        for x, y in zip(bounds, bounds[1:]):
            out.append(Statement(x, y, [c for c in cues if x <= c.start and c.end <= y]))
    return out


def _clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The clauses of a sentence; a bracketed aside is part of its clause however many
    commas it holds (…降低1.69%(主要原因是…，导致本年收入下降，…)), so what it explains
    stays explained."""
    out: list[tuple[int, int]] = []
    for a, b in spans(text, _CLAUSE_END, s, e):
        if out and _bracket_depth(text, out[-1][0], out[-1][1]) > 0:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _is_continuation(text: str, a: int, start: int, mentions: list[PlaceMention]) -> bool:
    """A place right after another place (环翠区、文登区) continues a list, it does not start one."""
    return any(m.end <= start and not text[m.end:start].strip("、和及与 ") for m in mentions if m.start >= a)


def _categories(text: str, st: Statement, lex_stage: bool) -> list[str]:
    # 办学条件较好的…无证幼儿园 / 重视普通高中教育: a topic praised or favoured is not the
    # one found wanting
    cues = [c for c in st.cues if not _praised(c, st.cues) and not _favoured(c, st.cues)]
    cues = _before_benchmark(cues)
    stage = [c.category for c in cues if c.kind == "stage"]
    joins = _lexicon().joins
    # 中职学校办学条件: the stage takes over a topic it joins
    specific = [next((x for x in stage if c.text in joins[x]), c.category)
                for c in cues if c.kind in ("topic", "problem")]
    if lex_stage and specific:
        # 幼儿园教师工资… is about teachers; the stage counts only with a cue of its own, or
        # as a subject of its own joined to the next by a conjunction (公办幼儿园和小学学位不足)
        coordinated = {c.category for c in cues if c.kind == "stage" and _lexicon().coordinated.match(text, c.end)}
        stage = [x for x in stage if x in specific or x in coordinated]
    return list(dict.fromkeys(specific + stage))


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


def _sets_scene(st: Statement) -> bool:
    """随着…/在…情况下/虽然…: the clause gives a setting or concession, not a finding; 由于…
    gives a cause, a finding only when the cause itself is a deficiency (由于师资配备不合理)."""
    return st.first("context") is not None or (st.first("cause") is not None and st.first("strong", "problem") is None)


def _exists(text: str, st: Statement) -> Cue | None:
    """义务教育经费投入存在“中部塌陷”问题: a clause saying that a problem exists states one,
    whatever the words for it; as a deficiency cue over the saying."""
    m = _lexicon().problem_exists.search(text, st.start, st.end)
    return Cue("strong", None, m.start(), m.end(), m.group()) if m else None


def _denied(st: Statement, deficiency: Cue) -> bool:
    """全年未发生重大安全事故: the problem is said not to have occurred."""
    return any(c.kind == "denial" and c.end <= deficiency.start for c in st.cues)


def _reports_on(st: Statement) -> bool:
    """逐项汇报…存在问题 / 对存在的不足进行剖析: problems talked about, none stated."""
    return st.first("report") is not None


def _asserts_existence(text: str, st: Statement, deficiency: Cue) -> bool:
    """解决好…存在的校舍紧缺等问题: a fix or an instruction that says the problem exists."""
    return _lexicon().asserts_existence.search(text, st.start, deficiency.start) is not None


def _rule_statements(text: str, statements: list[Statement]) -> set[int]:
    """Statements that state a rule, not a finding: a condition clause (新拖欠教职工工资的，
    不能评定为合格) and all after it; a clause naming what a later instruction of the sentence
    is about (对于违规收费，要严肃查处…). As ids of the statements."""
    lex = _lexicon()
    out: set[int] = set()
    for i, st in enumerate(statements):
        clause = text[st.start:st.end].strip().rstrip("，,；;：:").strip()
        if clause.endswith(lex.condition_end):
            out.update(id(t) for t in statements[i:])
            break
        if clause.startswith(lex.instruction_object) and any(_instructs(t) for t in statements[i + 1:]):
            out.add(id(st))
    return out


def _is_progress(cues: list[Cue], deficiency: Cue) -> bool:
    """近视率为52.7%，较上年下降0.9个百分点: the fall of something that is better lower,
    named before the fall in the sentence, is progress."""
    return deficiency.text in _lexicon().falls and any(
        c.kind == "topic" and c.text in _lexicon().lower_is_better and c.start < deficiency.start for c in cues)


def _worsening(st: Statement) -> Cue | None:
    """近视率持续上升 / 近视比例高于…: the rise of something better lower, named before the
    rise in the statement, is a deficiency wherever it is stated (the mirror of _is_progress)."""
    lower_is_better = _lexicon().lower_is_better
    named = [c.end for c in st.cues if c.kind == "topic" and c.text in lower_is_better]
    return next((c for c in st.cues if c.kind == "rise" and any(x <= c.start for x in named)), None)


def _instructs(st: Statement) -> bool:
    """各地要…/必须…: an instruction before any deficiency tells what to do, not what is wrong."""
    directive = st.first("directive")
    deficiency = st.first("strong", "weak", "problem")
    return directive is not None and (deficiency is None or directive.start < deficiency.start)


def _tells_remedy(st: Statement) -> bool:
    """有效缓解了…不足问题 / 开展…问题专项治理 / 差距逐步缩小: a fix reports progress, unless
    a negating deficiency word governs the fix itself (尚未完全化解, 有待进一步改善) or
    follows it with no topic between (专项整治不力, 问题解决不彻底); a deficiency noun
    before it (差距缩小) is what was fixed, one after a topic (缓解了学位不足) what it fixed."""
    negators = _lexicon().negates_fix
    deficiencies = [c for c in st.cues if c.kind in ("strong", "weak") and c.text in negators]
    topics = [c.start for c in st.cues if c.kind in ("topic", "problem", "stage")]

    def wanting(r: Cue) -> bool:
        return any(0 <= r.start - d.end <= _GOVERNS or (
            0 <= d.start - r.end <= _GOVERNS and not any(r.end <= t < d.start for t in topics)) for d in deficiencies)
    return any(not wanting(r) for r in st.cues if r.kind == "remedy")


def _subject(text: str, st: Statement, mentions: list[PlaceMention], named_before: list[Place],
             carried: list[Place], ctx: DocContext, names_places: bool) -> list[Place]:
    """Places the statement is about, of the sentence's possible subjects (mentions):
    named before its predicate; else, after a back reference (12个县(市), 以上问题), the
    counties named earlier in the sentence or in the sentence before; else carried over
    from the previous statement; else the jurisdiction (also after 各区/全市/部分…), which
    is the region alone when the sentence names places (names_places) it is not about."""
    pivot = st.first("strong", "weak", "problem")
    limit = pivot.start if pivot else st.end
    named = _unique([m.place for m in mentions if st.start <= m.start and m.end <= limit])
    if named:
        return named
    back = _lexicon().back_reference.search(text, st.start, limit)
    if back:
        earlier = _unique([m.place for m in mentions if m.end <= back.start()]) or named_before
        if earlier:
            return earlier
    generic = st.first("generic")
    if (generic and generic.start < limit) or not carried:
        return _jurisdiction(text, st.start, ctx, names_places)
    return carried


def _except_findings(text: str, s: int, e: int, cues: list[Cue], mentions: list[PlaceMention],
                     ctx: DocContext) -> list[tuple[str, list[Place], int, int]]:
    """除 X 外，其他…均落实了… : X missed what all the others did. For each such frame:
    (category, places, start, end of the frame). X is the places named inside the frame,
    else the subject named before 除 (怀柔区除普通高中外…), else the jurisdiction; the
    categories are the topics of the clause before the frame and of its tail, not those
    inside it (普通高中 is X)."""
    clauses = spans(text, _CLAUSE_END, s, e)
    out = []
    for m in _lexicon().except_frame.finditer(text, s, e):
        tail_start, tail_end = m.start("tail"), m.end("tail")
        if any(c.kind == "strong" and tail_start <= c.start < tail_end for c in cues):
            continue  # 除…外，其他均未落实: a plain deficiency, read as a statement
        clause_start = next(a for a, b in clauses if a <= m.start() < b)
        before = [a for a, b in clauses if b <= clause_start]
        around = before[-1] if before else clause_start
        topics = [c for c in cues if c.kind in ("topic", "problem") and around <= c.start and c.end <= tail_end
                  and not m.start() <= c.start < tail_start]
        inside = _unique([p.place for p in mentions if m.start("x") <= p.start and p.end <= m.end("x")])
        subject = _unique([p.place for p in mentions if clause_start <= p.start and p.end <= m.start()])
        places = inside or subject or _jurisdiction(text, m.start(), ctx, bool(mentions))
        out += [(category, places, m.start(), tail_end) for category in dict.fromkeys(c.category for c in topics)]
    return out


def _framed_findings(text: str, s: int, e: int, cues: list[Cue], mentions: list[PlaceMention],
                     ctx: DocContext) -> list[tuple[str, list[Place], int, int]]:
    """Problems named as topics of a frame that says they exist: 围绕教师结构、办学标准等反馈问题
    (the topics inside the frame), 针对存在的问题，就教师配备、校园安保等进行了讨论 / 指出存在的
    问题和不足，要求完善设施、加强安全管理 (no topic inside: those after it in the sentence);
    none when a response follows the frame (针对审计发现的问题，市教育局制定…方案).
    The places are those named before the frame, else the jurisdiction. Categories that
    name the response (整改) are left out."""
    lex = _lexicon()
    out = []
    for m in lex.problem_frame.finditer(text, s, e):
        if lex.frame_responses.search(text, m.end(), e):
            continue  # 针对审计发现的问题，市教育局制定…: the problems met by a response
        inside = [c for c in cues if c.kind in ("topic", "problem") and m.start("inside") <= c.start and c.end <= m.end("inside")]
        topics = inside or [c for c in cues if c.kind in ("topic", "problem") and c.start >= m.end()]
        categories = [c for c in dict.fromkeys(t.category for t in topics) if c not in lex.frame_ignores]
        named = _unique([p.place for p in mentions if s <= p.start and p.end <= m.start()])
        places = named or _jurisdiction(text, m.start(), ctx, bool(mentions))
        out += [(category, places, m.start(), m.end()) for category in categories]
    return out


def _key_phrase(st: Statement, deficiency: Cue) -> tuple[int, int]:
    """The words that state the problem: from the statement's first topic to its deficiency."""
    first = st.first("topic", "problem", "stage") or deficiency
    return min(first.start, deficiency.start), max(first.end, deficiency.end)


def _jurisdiction(text: str, start: int, ctx: DocContext, sentence_names_places: bool) -> list[Place]:
    """The place of a statement that names none: the district whose part of the report it
    sits in (places_for_span), else the report's region. When the sentence names places
    that the statement was found not to be about, only the region is left."""
    if not sentence_names_places:
        return places_for_span(text, start, start + 1, ctx)
    return [ctx.region] if ctx.region else []


def _unique(places) -> list[Place]:
    return list({p.adcode: p for p in places}.values())
