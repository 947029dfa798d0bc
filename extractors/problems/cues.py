"""Cues: jieba tokens matched against the problem lexicon (problems.lexicon), in the
sentences that can state a problem; and a topic and its deficiency cut apart when jieba
reads them as one word (经费不足)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.models import DocContext
from extractors.problems.lexicon import _lexicon
from extractors.segment import make_doc, vocab
from extractors.text import encodable, spans

_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_CITED_TITLE = re.compile(r"《[^《》]{1,80}》")
# a requirement quoted after 按照/依照 (没有按照“普通高中与中职规模大体相当”的比例) names the
# rule that was missed, not the topic of the statement
_CITED_RULE = re.compile(r"(?:按照|依照|按|对照)[“「][^”」]{1,60}[”」]")
# the figure right after a fall word (下降4.36%, 减少了0.23亿元, 下降x.xxx%)
_FIGURE = re.compile(r"了?\s*[-−]?[\dxX][\dxX.,]*")


# how far (characters) a deficiency word may stand before a fix it negates: 尚未完全化解
_GOVERNS = 4
# between a stage word and the money it names, these part the two (职业教育、专项资金)
_STAGE_GAP_BREAK = re.compile(r"[、，,；;：:。和与及]")


@dataclass(frozen=True)
class Cue:
    kind: str  # strong | weak | rise | lack | context | cause | neutral | denial | hinder | praise | favour | remedy |
    #            restitution |
    #            directive | report | scope | generic | end | topic | problem | stage | fallback
    category: str | None
    start: int
    end: int
    text: str = ""


_NAMES = frozenset({"topic", "problem", "stage", "fallback"})
_DEFICIENT = frozenset({"strong", "weak", "rise", "lack"})


def _glued_cut(word: str, readings: dict) -> int | None:
    """经费不足, 设备陈旧: jieba's dictionary keeps some pairs of a topic and its deficiency
    as one word, which no cue matches whole; the cut between the two. Other pairs are
    left whole: 危房改造 names a programme, 严重不足 one deficiency."""
    def reads(part: str, kinds: frozenset) -> bool:
        return any(kind in kinds for kind, _ in readings.get(part, ()))
    return next((k for k in range(1, len(word))
                 if (reads(word[:k], _NAMES) and reads(word[k:], _DEFICIENT))
                 or (reads(word[:k], _DEFICIENT) and reads(word[k:], _NAMES))), None)


def _names_requirement(text: str, sentence_start: int, a: int, b: int) -> bool:
    """按照上级要求 / 贯彻中央的各项要求: the directive word text[a:b] is a noun, a requirement
    referred to, by what stands before it in its clause."""
    lex = _lexicon()
    if text[a:b] not in lex.requirement_words:
        return False
    clause_start = max(sentence_start, *(text.rfind(p, sentence_start, a) + 1 for p in "，,；;：:"))
    return lex.requirement_cited.fullmatch(text, clause_start, a) is not None


def find_cues(text: str, ctx: DocContext) -> list[Cue]:
    """Every lexicon word, as whole jieba tokens, in text order — in the sentences that
    can state a problem: holding a deficiency word that counts where the sentence stands
    (or a 除…外 frame), and in a recommendation only saying that a problem exists
    (存在的…). Segmenting the rest is most of the cost. jieba cuts at punctuation anyway,
    so a sentence segments alone as it does in its text."""
    lex = _lexicon()
    out = []
    triggers, triggers_in_problem_part = lex.trigger.found_in(text), lex.trigger_in_problem_part.found_in(text)
    for start, end in spans(text, _SENTENCE_END):
        section = ctx.section_at(start)
        trigger = triggers_in_problem_part if section == "problem" else triggers
        # a recommendation states a problem only where it says the problem exists
        # (代表们建议…切实解决好…存在的校舍紧缺等问题)
        if section == "recommendation":
            if not lex.asserts_existence.search(text, start, end):
                continue
        elif not (trigger.any_within(start, end) or lex.problem_exists.search(text, start, end)):
            continue
        doc = make_doc(encodable(text[start:end]))
        # words inside a cited document's title (未按《国家学校体育卫生条件试行基本标准》) or the name of an
        # office or a campaign (治理教育乱收费部际联席会议办公室) name it, not a topic of the statement
        cited = [m.span() for pattern in (_CITED_TITLE, _CITED_RULE, lex.treating_name)
                 for m in pattern.finditer(text, start, end)]
        for match_id, s, e in lex.matcher(doc):
            kind, _, category = vocab().strings[match_id].partition(":")
            a, b = start + doc[s].idx, start + doc[e - 1].idx + len(doc[e - 1])
            # 比上年下降4.36%: a statistic reported, not a deficiency found
            if kind in ("strong", "weak") and text[a:b] in lex.reported_falls and _FIGURE.match(text, b):
                continue
            if kind == "directive" and _names_requirement(text, start, a, b):
                continue
            if not any(x < a and b < y for x, y in cited):
                out.append(Cue(kind, category or None, a, b, text[a:b]))
        for token in doc:
            cut = _glued_cut(token.text, lex.readings) if len(token) > 2 and token.text not in lex.readings else None
            if cut and not any(x < start + token.idx < y for x, y in cited):
                a, b = start + token.idx, start + token.idx + len(token)
                out += [Cue(kind, category, x, y, text[x:y]) for x, y in ((a, a + cut), (a + cut, b))
                        for kind, category in lex.readings[text[x:y]]]
    out.sort(key=lambda c: (c.start, -c.end))
    # 增加化解大班额专项资金总量: a problem word after a fix word naming an earmarked fund is what the
    # fund is for, a topic of it, not a problem stated (its category stays); 挪用特殊教育补助资金 has no
    # fix word before the misuse
    fund_fixes = [r.end for r in out if r.kind == "remedy" and _names_fund(text, r, out)]
    return [Cue("topic", c.category, c.start, c.end, c.text)
            if c.kind == "problem" and any(x <= c.start < x + _GOVERNS for x in fund_fixes) else c for c in out]


def _names_fund(text: str, word: Cue, cues: list[Cue]) -> bool:
    """The word stands just before an earmarked fund (lexicon `earmarked_funds`: within a few
    characters, no punctuation nor deficiency word between) and names its purpose (职业教育专项资金,
    维修改造等专项经费)."""
    funds = _lexicon().earmarked_funds
    return any(t.kind == "topic" and t.text in funds and 0 <= t.start - word.end <= _GOVERNS
               and not _STAGE_GAP_BREAK.search(text, word.end, t.start)
               # 清理违规资金: a deficiency word between makes the fund what the word acts on, not its purpose
               and not any(d.kind in ("strong", "weak") and word.end <= d.start < t.start for d in cues) for t in cues)
