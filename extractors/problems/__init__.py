"""Problems: the deficiencies a report states, per category (problem_categories.tsv) and place.

Stages, one module each:
  1. cues       — the lexicon (problems.lexicon) matched on jieba tokens (problems.cues).
  2. statements — sentences cut into clauses and glued statements (problems.statements).
  3. problems   — which statements state a problem (problems.detection) and of which
                  categories (problems.categories); put together per sentence here.
  4. places     — the places each problem belongs to (problems.places). One finding per
                  (category, place) per statement."""
from __future__ import annotations

import re

from extractors.models import DocContext, Finding, Place, PlaceMention
from extractors.problems.categories import _categories, _lacking_persons, _listed_subjects
from extractors.problems.cues import _SENTENCE_END, Cue, find_cues
from extractors.problems.detection import (
    _asked, _asserts_existence, _beyond_standard, _denied, _except_findings, _exists, _follows_quote, _framed_findings,
    _announces_list, _ill_falls, _instructed, _instructs, _is_progress, _lacking, _names_none, _reports_on, _resolved,
    _restitution, _rule_statements, _scoped, _sets_scene, _tells_remedy, _worsening)
from extractors.problems.lexicon import _KEYS, _LEXICON, _lexicon
from extractors.problems.places import _files_news, _qualifies_next, _subject, _subject_levels, _unique
from extractors.problems.statements import Statement, _statements
from extractors.text import enclosing, sentence_spans, spans

# what other code reads: extract, and the lexicon's file and keys (pipeline.audit)
__all__ = ["extract", "_LEXICON", "_KEYS"]

# a sentence's ；-pieces: each can state its own problem and its own fixing of it
_PIECE_END = re.compile(r"[；;]+")


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
    # 要充分发挥…，对…等问题要严肃批评: a sentence opening with an instruction is one throughout,
    # up to where it turns (要求开齐体育课，但部分学校仍未开设)
    instructed = _instructed(text, statements) if not under_heading else set()
    # 如何解决由此带来的教师结构性缺编问题？: a question about a fix presumes the problem
    question = text[s:e].rstrip().endswith(("？", "?"))
    # a rule (…的，不得…) or the scope of a check (重点检查…) states none
    rules_or_scope = _rule_statements(text, statements) | _scoped(text, statements)
    # 除西宁市区外，其他普通高中普遍存在…问题: the places set apart are not what the
    # statements are about (a met requirement in the tail is read by _except_findings)
    apart = [m.span("x") for m in _lexicon().excepted.finditer(text, s, e)]
    # 与锦江区相比，我区教师编制不足: nor are the places it is compared with
    apart += [m.span("x") for m in _lexicon().compared.finditer(text, s, e)]
    # 优质资源集中在西昌附近: a place named as a location (附近, 周边), or as where the news was
    # filed (北京6月28日讯), is no subject either
    subjects = [m for m in mentions if not any(a <= m.start < b for a, b in apart)
                and not text.startswith(_lexicon().locatives, m.end) and not _qualifies_next(m, mentions)
                and not _files_news(text, m)]
    fixing = False  # the statement before told of a fix or gave an instruction
    stages: list[str] = []  # the stages named by the statements before, in this sentence
    for st in statements:
        categories = _categories(text, st, lex_stage=_lexicon().stage_qualifies, earlier_stages=stages)
        stages += [c.category for c in st.cues if c.kind == "stage"]
        deficiency = (st.first("strong", "problem") or (st.first("weak") if in_problem_part else None)
                      or _worsening(st) or _lacking(text, st) or _exists(text, st)
                      or _beyond_standard(text, st) or _restitution(st))
        places = _subject(text, st, subjects, named_before, carried_places, ctx, names_places=bool(mentions))
        # 解决“入园难”“入园贵”问题: a quoted item cut from the one before is an object of the
        # same fix or instruction
        fixing = (in_recommendation or id(st) in instructed or (fixing and _follows_quote(text, st))
                  or (not under_heading and ((_tells_remedy(text, st) and not question) or _instructs(text, st))))
        states_none = (deficiency is None or _sets_scene(text, st) or _reports_on(st) or id(st) in rules_or_scope
                       or _announces_list(text, st)
                       or _asked(text, st, statements, question)
                       or _is_progress(cues, deficiency) or _ill_falls(text, st, deficiency)
                       or _denied(text, st, deficiency)
                       or (fixing and not _asserts_existence(text, st, deficiency)))
        # 一位老师要教6门课程: a person word names the category only when nothing else is named,
        # here or in a problem stated just before (教师组织有偿补课 is a conduct problem, the
        # teachers its agents; 课堂互动不足，教师讲解时间过长 stays on teaching; after a mere
        # setting, 学校拥有…机器，但有经验的老师很少 is about teachers)
        person = list(dict.fromkeys(c.category for c in st.cues if c.kind == "fallback"))
        if states_none:
            # 城市学校教师本科学历占比达85%，农村学校不足60%: a setting naming only persons
            # hands them on to the comparison that follows
            carried_places = places
            # 共检查中小学、幼儿园36所，发现问题及隐患: the places visited are no topic of the finding
            visits = _lexicon().visits.search(text, st.start, st.end) is not None
            carried_topics = [] if visits else categories or person or carried_topics
            carried_stated = False
            continue
        # 存在着重视普通高中教育，忽视职业教育的问题: a clause naming only what is favoured
        # states no problem of its own and takes none from the clause before; nor does a mention
        # of problems naming none after a clause that stated none (师资总量明显提高，但也存在一些问题)
        carried = [] if st.first("favour") or (not carried_stated and _names_none(text, st, e)) else carried_topics
        categories = (categories + _listed_subjects(text, st) if categories
                      else carried + _lacking_persons(st) if carried_stated or not person else person)
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


def _heading_at(ctx: DocContext, offset: int) -> str:
    return next((span.heading for span in ctx.sections if span.start <= offset < span.end), "")


def _key_phrase(st: Statement, deficiency: Cue) -> tuple[int, int]:
    """The words that state the problem: from the statement's first topic to its deficiency."""
    first = st.first("topic", "problem", "stage") or deficiency
    return min(first.start, deficiency.start), max(first.end, deficiency.end)
