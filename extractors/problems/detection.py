"""Detection: which statements state a problem. A statement with a topic and a deficiency
(a weak one suffices inside a 存在问题 part) is a problem of the topic's categories. None
is stated by a setting or a cause that is no deficiency, a report on problems (汇报…存在问题),
a rule (…的，不得…), a fall of what is better lower (近视率下降), and outside a 存在问题
heading a fix or an instruction — unless it says the problem exists (解决好…存在的…问题) or
the fix itself is found wanting (专项整治不力). The rise of what is better lower (近视率持续
上升) is a deficiency in any part, as its fall is progress; so is a clause saying a problem
exists (存在“中部塌陷”问题), and none is one said not to have occurred (未发生安全事故), none
stated as already fixed (…，已全部整改到位, read per ；-piece), and a fall with its figure
(比上年下降4.36%) reports a statistic; a question about a fix (如何解决…缺编问题？) presumes
the problem. A lack states one when what it lacks is a topic (校门口无减速带); an instruction
opening a sentence ends where the sentence turns (要求…，但部分学校仍未落实). 除 X 外 … 均落实
makes X the place of an unmet requirement; a frame saying problems exist names them as
topics (针对存在的问题，就教师配备、校园安保等进行了讨论). The lack of an ill is a record kept
clean (全镇无辍学学生); a fix named as a topic (对存在的隐患进行整改) answers the problem beside
it, a rectification problem only when found wanting (未按期整改); a mention of problems naming
none (但也存在一些问题) takes no topic from the praise before it. A prohibition (学校不得擅自…，违规乱收费)
and the scope of a check (检查内容包括…，…) state none up to the sentence's turn."""
from __future__ import annotations

from extractors.models import DocContext, Place, PlaceMention
from extractors.problems.cues import _GOVERNS, Cue, _names_fund
from extractors.problems.lexicon import _lexicon
from extractors.problems.places import _jurisdiction, _unique
from extractors.problems.statements import _CLAUSE_END, Statement, _bracket_depth
from extractors.text import spans

def _resolved(text: str, s: int, e: int, cues: list[Cue]) -> bool:
    """5所学校未按规定退还学费89万元，已全部整改到位: a problem the stretch s:e says is fixed,
    after stating it, is an achievement; not when it says part is still open (正在抓紧整改)."""
    lex = _lexicon()
    first = next((c.start for c in cues if c.kind in ("strong", "problem") and s <= c.start < e), None)
    if first is None or not lex.resolved.search(text, first, e):
        return False
    return not lex.resolved_partly.search(text, s, e)


def _follows_quote(text: str, st: Statement) -> bool:
    """The statement was cut from the one before between two quotes (“入园难”“入园贵”)."""
    return 0 < st.start < len(text) and text[st.start] in "“「『" and text[st.start - 1] in "”」』"


def _sets_scene(text: str, st: Statement) -> bool:
    """随着…/在…情况下/虽然…: the clause gives a setting or concession, not a finding; 由于…/主要
    原因是… gives a cause, a finding only when the cause itself is a deficiency (由于师资配备不合理,
    主要原因是办学条件差) and not a bracketed aside explaining a figure (降低1.69%(主要原因是…未支出…))."""
    if st.first("context") is not None:
        return True
    cause = st.first("cause")
    return cause is not None and (st.first("strong", "problem") is None
                                  or _bracket_depth(text, st.start, cause.start) > 0)


def _exists(text: str, st: Statement) -> Cue | None:
    """义务教育经费投入存在“中部塌陷”问题: a clause saying that a problem exists states one,
    whatever the words for it; as a deficiency cue over the saying."""
    m = _lexicon().problem_exists.search(text, st.start, st.end)
    return Cue("strong", None, m.start(), m.end(), m.group()) if m else None


def _denied(text: str, st: Statement, deficiency: Cue) -> bool:
    """全年未发生重大安全事故: the problem is said not to have occurred, within the clause
    (城市学校没有发现违规补课；县级高中有违规补课的学校有… : the second is found); 全年无一起安全事故:
    an ill said to be lacking."""
    return any(c.kind == "denial" and c.end <= deficiency.start and not _CLAUSE_END.search(text, c.end, deficiency.start)
               for c in st.cues) or (_is_ill(deficiency) and any(
        c.kind == "lack" and 0 <= deficiency.start - c.end <= _GOVERNS for c in st.cues))


def _is_ill(c: Cue) -> bool:
    """A problem word, or a topic naming an ill (辍学, 事故) or what is better lower (近视率)."""
    lex = _lexicon()
    return c.kind == "problem" or c.text in lex.ills or c.text in lex.lower_is_better


def _names_none(text: str, st: Statement, sentence_end: int) -> bool:
    """但也存在一些问题 / 并对目前存在的问题和不足提出建议: problems mentioned, none named. The
    mention may run past the statement, cut before 一些 (a word of generic subjects)."""
    if any(c.kind in ("topic", "problem", "stage", "fallback") for c in st.cues):
        return False
    m = _lexicon().generic_problems.search(text, st.start, sentence_end)
    return m is not None and m.start() < st.end


def _asked(text: str, st: Statement, statements: list[Statement], question: bool) -> bool:
    """是真的写错了，还是该局实际仍在违规收费？ / 学校竟然要收费？: the clause a question ends with
    asks whether a problem is so, it states none; unless it asks how to fix one, which presumes
    the problem (如何解决由此带来的教师结构性缺编问题？)."""
    return question and st is statements[-1] and not _tells_remedy(text, st)


def _reports_on(st: Statement) -> bool:
    """逐项汇报…存在问题 / 对存在的不足进行剖析 / 重点检查…等情况: problems talked about or looked for,
    none stated."""
    return st.first("report", "scope") is not None


def _announces_list(text: str, st: Statement) -> bool:
    """违规使用情况主要表现在： a clause ending at a colon with a word announcing a list names the kind of
    the findings that follow; the items state them, it states none."""
    clause = text[st.start:st.end].rstrip()
    return clause.endswith(("：", ":")) and clause.rstrip("：: ").endswith(_lexicon().announces_list)


def _restitution(st: Statement) -> Cue | None:
    """清退学生伙食费4192837.78元 / 补交教职工生活费 / 组织清退侵占学生的伙食费: money given back or paid in
    after a check was wrongly taken; the word is a deficiency when what was given back, a topic, follows it
    in the statement."""
    named = [c.start for c in st.cues if c.kind in ("topic", "problem")]
    return next((c for c in st.cues if c.kind == "restitution" and any(c.end <= x for x in named)), None)


def _scoped(text: str, statements: list[Statement]) -> set[int]:
    """The statements (ids) from the scope of a check to the end of the sentence, up to a turn (但) or
    a finding (发现): 主要检查内容包括未按规定公示收费项目，收取未经公示的费用 lists what is looked at."""
    lex = _lexicon()
    out: set[int] = set()
    for st in statements:
        clause = text[st.start:st.end].lstrip()
        if out and (clause.startswith(lex.contrasts) or any(f in clause for f in lex.finds)):
            break
        if out or st.first("scope") is not None:
            out.add(id(st))
    return out


def _asserts_existence(text: str, st: Statement, deficiency: Cue) -> bool:
    """解决好…存在的校舍紧缺等问题: a fix or an instruction that says the problem exists."""
    return _lexicon().asserts_existence.search(text, st.start, deficiency.start) is not None


def _rule_statements(text: str, statements: list[Statement]) -> set[int]:
    """Statements that state a rule, not a finding: a condition clause (新拖欠教职工工资的，
    不能评定为合格) and all after it; a clause naming what a later instruction of the sentence
    is about (对于违规收费，要严肃查处…); a prohibition, wherever it stands in its clause
    (未开学不得提前收取学费), and the clauses after it up to a turn (学校不得擅自提高收费标准，违规
    乱收费 / 严禁有偿补课，但仍有教师…). As ids of the statements."""
    lex = _lexicon()
    out: set[int] = set()
    forbidding = False
    for st in statements:
        if forbidding and text[st.start:st.end].lstrip().startswith(lex.contrasts):
            forbidding = False
        forbidding = forbidding or any(c.kind == "directive" and c.text in lex.prohibitions for c in st.cues)
        if forbidding:
            out.add(id(st))
    for i, st in enumerate(statements):
        clause = text[st.start:st.end].strip().rstrip("，,；;：:").strip()
        if clause.endswith(lex.condition_end) and not _asserts(text, st):
            out.update(id(t) for t in statements[i:])
            break
        if clause.startswith(lex.instruction_object) and any(_instructs(text, t) for t in statements[i + 1:]):
            out.add(id(st))
    return out


def _asserts(text: str, st: Statement) -> bool:
    """总体发展水平仍然是比较低的: a clause ending in 的 with a deficiency word after its copula states
    the deficiency; it is no condition (新拖欠教职工工资的，…)."""
    copula = max(text.rfind(c, st.start, st.end) for c in _lexicon().copulas)
    return copula >= 0 and any(c.kind in ("strong", "weak") and c.start > copula for c in st.cues)


def _is_progress(cues: list[Cue], deficiency: Cue) -> bool:
    """近视率为52.7%，较上年下降0.9个百分点: the fall of something that is better lower,
    named before the fall in the sentence, is progress."""
    return deficiency.text in _lexicon().falls and any(
        c.kind == "topic" and c.text in _lexicon().lower_is_better and c.start < deficiency.start for c in cues)


def _ill_falls(text: str, st: Statement, deficiency: Cue) -> bool:
    """学校乱收费现象逐渐减少 / 大班额比例下降: an ill named by a problem word, then said to fall, with no
    other deficiency word in the statement, is progress (the mirror of 近视率下降); the 低 of 大班额比例远低
    国家规定 is the fall itself, no other word."""
    if deficiency.kind != "problem":
        return False
    falls = [(i, i + len(f)) for f in _lexicon().falls if (i := text.find(f, deficiency.end, st.end)) >= 0]
    return bool(falls) and not any(c.kind in ("strong", "weak") and not any(a <= c.start and c.end <= b for a, b in falls)
                                   for c in st.cues)


def _worsening(st: Statement) -> Cue | None:
    """近视率持续上升 / 近视比例高于…: the rise of something better lower, named before the
    rise in the statement, is a deficiency wherever it is stated (the mirror of _is_progress)."""
    lower_is_better = _lexicon().lower_is_better
    named = [c.end for c in st.cues if c.kind == "topic" and c.text in lower_is_better]
    return next((c for c in st.cues if c.kind == "rise" and any(x <= c.start for x in named)), None)


def _lacking(text: str, st: Statement) -> Cue | None:
    """校门口无减速带 / 楼梯口无老师值班: a lack word is a deficiency when what is lacking,
    a topic, follows it in the statement (办学无效益 names nothing a report counts); so is a
    zero count followed by persons only, ending the statement (村小没有一名英语老师; not
    没有一名学生辍学, 没有一名教师受到处分)."""
    named = [c for c in st.cues if c.kind in ("topic", "problem", "stage", "fallback")]
    # 全镇无辍学学生: the lack of an ill keeps a record clean
    lack = next((c for c in st.cues if c.kind == "lack" and any(c.end <= x.start for x in named)
                 and not _is_ill(next(x for x in named if c.end <= x.start))), None)
    if lack is not None:
        return lack
    zero = next((c for c in st.cues if c.kind == "denial" and c.text in _lexicon().zero_counts), None)
    after = [c for c in st.cues if zero is not None and c.start >= zero.end]
    ends = bool(after) and not text[after[-1].end:st.end].strip("，,；;。！？!? \n")
    return zero if ends and all(c.kind == "fallback" for c in after) else None


def _beyond_standard(text: str, st: Statement) -> Cue | None:
    """平均班额达58人 / 生师比为21:1: a figure right after a topic with a national standard
    (lexicon `standards`), above it, states a problem with no cue word; a figure after
    由/从 (由62人降至48人) is where a change started, not matched."""
    standards = _lexicon().standards
    for c in st.cues:
        if c.kind == "topic" and c.text in standards:
            m = _lexicon().standard_figure.match(text, c.end)  # past st.end: a clause ends at the colon of 21:1
            if m and float(m.group("n")) > standards[c.text]:
                return Cue("strong", None, m.start("n"), m.end(), m.group())
    return None


def _instructs(text: str, st: Statement) -> bool:
    """各地要…/必须…: an instruction before any deficiency tells what to do, not what is wrong;
    so does one right after a deficiency put before it as its object (对排查出的重大隐患要立即
    整改, 对发现的安全隐患问题要求立行立改). A demand found wanting (对保教质量的要求不高) is
    no instruction."""
    directive = st.first("directive")
    deficiency = st.first("strong", "weak", "problem")
    if directive is None or deficiency is None or directive.end < deficiency.start:
        return directive is not None
    if directive.start < deficiency.end:
        return False
    fronted = _lexicon().fronted_object.search(text, st.start, deficiency.start)
    return fronted is not None and not _CLAUSE_END.search(text, deficiency.end, directive.start)


def _instructed(text: str, statements: list[Statement]) -> set[int]:
    """The statements (ids) of a sentence opening with an instruction, up to the first that
    turns it (但/可是…): 要求开齐体育课，但部分学校仍未开设 states a problem after the turn."""
    if not statements or not _instructs(text, statements[0]):
        return set()
    out = set()
    for st in statements:
        if out and text[st.start:st.end].lstrip().startswith(_lexicon().contrasts):
            break
        out.add(id(st))
    return out


def _tells_remedy(text: str, st: Statement) -> bool:
    """有效缓解了…不足问题 / 开展…问题专项治理 / 差距逐步缩小: a fix reports progress, unless
    a negating deficiency word governs the fix itself (尚未完全化解, 有待进一步改善) or
    follows it with no topic between (专项整治不力, 问题解决不彻底); a deficiency noun
    before it (差距缩小) is what was fixed, one after a topic (缓解了学位不足) what it fixed.
    A check that finds (此次大排查共发现27处隐患) reports findings, not a fix. A fix named as a
    topic (整改) is one before the problem it acts on (全面整改学校安全隐患), not after it
    (存在安全隐患需整改). A fix word naming the purpose of a fund (挤占挪用校舍维修改造等专项经费)
    is none."""
    finds = _lexicon().finds
    first = st.first("strong", "problem")
    fixes = [c for c in st.cues if (c.kind == "remedy" and not _names_fund(text, c, st.cues)) or (
        c.kind == "topic" and c.text in _lexicon().fix_topics and first is not None and c.end <= first.start)]
    return any(not _fix_wanting(text, st, r) for r in fixes if not text.startswith(finds, r.end))


def _fix_wanting(text: str, st: Statement, fix: Cue) -> bool:
    """尚未完全化解 / 专项整治不力 / 整改进度缓慢: a negating deficiency word governs the fix,
    just before it, or after it with no topic between. Before it, not across the noun the fix acts on:
    …服务保障学生不到位问题专项整治 names a campaign against what is 不到位."""
    lex = _lexicon()
    topics = [c.start for c in st.cues if c.kind in ("topic", "problem", "stage")]
    return any((0 <= fix.start - d.end <= _GOVERNS and not any(o in text[d.end:fix.start] for o in lex.fix_objects))
               or (0 <= d.start - fix.end <= _GOVERNS and not any(fix.end <= t < d.start for t in topics))
               for d in st.cues if d.kind in ("strong", "weak") and d.text in lex.negates_fix)


def _answers_problem(text: str, st: Statement, topic: Cue) -> bool:
    """对存在的安全隐患进行整改 / 限期整改: a fix named as a topic (整改) answers the problem
    beside it; it is a problem of its own only when found wanting (整改不到位, 未按期整改)."""
    return topic.kind == "topic" and topic.text in _lexicon().fix_topics and not _fix_wanting(text, st, topic)


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
    name the response (整改) are left out. A frame whose problems are the last item of a list
    of topics (围绕设施配置、师资配备及存在的问题进行汇报) names what was talked about, none found."""
    lex = _lexicon()
    out = []
    for m in lex.problem_frame.finditer(text, s, e):
        if lex.frame_responses.search(text, m.end(), e):
            continue  # 针对审计发现的问题，市教育局制定…: the problems met by a response
        if text[m.start("inside"):m.end("inside")].endswith(lex.list_joins):
            continue  # 围绕硬件设施配置、教育收费及存在的问题等进行了汇报: the problems one topic of a list talked about
        inside = [c for c in cues if c.kind in ("topic", "problem") and m.start("inside") <= c.start and c.end <= m.end("inside")]
        topics = inside or [c for c in cues if c.kind in ("topic", "problem") and c.start >= m.end()]
        categories = [c for c in dict.fromkeys(t.category for t in topics) if c not in lex.frame_ignores]
        named = _unique([p.place for p in mentions if s <= p.start and p.end <= m.start()])
        places = named or _jurisdiction(text, m.start(), ctx, bool(mentions))
        out += [(category, places, m.start(), m.end()) for category in categories]
    return out
