"""Amounts of money as written: 15.67亿元, 1，234，567元, 十五点六七亿元, 壹万贰仟元整,
六十四万零一百四十三元一角七分, 3.5个亿, 800余万元, 6.8万余元, 500万人民币, 近千万元, ranges whose low end
takes the high end's magnitude (3至5万元, 二十至三十万元, 1万(含)-5万元), vague amounts
(数十亿元, 上百万元, 十几万元: an approx range, never an exact value) and rates with their
basis (20元/生月, 每生每年800元, 每课时不低于50元). Values are exact yuan (Decimal); an
amount that cannot be read as written keeps no value and says why in its flags.
Works on text masked for non-figures."""
from __future__ import annotations

import functools
import itertools
import re
from decimal import Decimal

from extractors.numbers import (CHINESE, CN_DIGIT, CN_ONE_TO_NINE, CN_UNIT, NUMBER, NumberError, elided_low_end,
                               magnitude, parse_number)
from extractors.quantity_words import (RawFigure, attach_qualifier, attach_range_qualifier, cues,
                                       direction_before, inside_qualifier, unreadable)
from extractors.text import alternation

_MAGNITUDE = r"[十百千万亿kKwW]*"
_INSIDE = r"(?:余|多)?"
# 元 as written: 圆 on formal documents; 块 in speech, only where 钱 or 毛/角 say it is
# money (三百块钱, 十块三毛) — a bare 块 is the classifier of reports (篮球场2块, 两块牌子);
# 人民币 stands for 元 after a magnitude (500万人民币)
_YUAN = r"(?P<yuan>元|圆|人民币|块(?=钱|[{d}\d][毛角]))"
# 角 (毛) and 分 after 元 (一角七分, 十块三毛), 钱 after them, 整 closing a formal amount
_CENTS = r"(?:零?(?P<jiao>[{d}\d])[角毛])?(?:零?(?P<fen>[{d}\d])分)?钱?(?:整)?"
# 1万(含)-5万元, 50万元（含）以上: the bound is included, said in brackets
_INCLUSIVE = r"(?:\s*[(（]含[)）])?"
_QUOTES = ("“「『\"", "”」』\"")
_SENTENCE_ENDS = "。！？!?\n"
# A sentence opening with 其中 tells the parts of the sentence before it.
_PARTS_OF_BEFORE = "其中"


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    c = cues()
    suffixes = alternation(c["rate_bases"]["suffix"])
    yuan, cents = _YUAN.format(d=CN_DIGIT), _CENTS.format(d=CN_DIGIT)
    before_words = [w for words in c["qualifiers"].values() for w in words["before"]]
    year_of = rf"(?:19|20)[0-9]{{2}}\s*年度?(?:{alternation(c['yuan_unsaid_after'])})?"
    amount = rf"\s*(?P<mag>{_MAGNITUDE})\s*(?P<in2>{_INSIDE})\s*{yuan}{cents}"
    rate = rf"(?:\s*/\s*(?P<per>{suffixes}))?"
    return {
        "range": re.compile(
            rf"(?P<a>{NUMBER})\s*(?P<amag>{_MAGNITUDE})(?:元|圆)?(?P<low_end>{_INCLUSIVE})\s*"
            rf"(?:{alternation(c['range_joiners'])})\s*(?P<b>{NUMBER})(?P<in1>{_INSIDE})\s*{amount}"
            rf"{_INCLUSIVE}{rate}"),
        # 数十亿元, 几千万元, 上百万元, 十几万元, 二十几万元, 三五百万元: a span of values
        "vague": re.compile(
            rf"(?=[数几上{CN_DIGIT}十])(?<![{CN_DIGIT}{CN_UNIT}点\d.])"
            rf"(?:(?P<some>数|几|上)|(?P<tens>[{CN_DIGIT}]?十)几|(?P<pair>[{CN_ONE_TO_NINE}]{{2}}))"
            rf"(?P<mag>[十百千万亿]*){yuan}{cents}"),
        # 近千万元, 超亿元, 逾百万元: a round magnitude said with a qualifier, no digit
        "round": re.compile(rf"(?:{alternation(before_words)})(?P<mag>[百千万亿]+){yuan}"),
        "single": re.compile(rf"(?P<n>{NUMBER})(?P<in1>{_INSIDE})\s*{amount}{_INCLUSIVE}{rate}"),
        # 3.5个亿, 十多个亿, 两个亿元: 亿 counted like a thing, in speech and news; 元 may be
        # left unsaid (the groups of `single` that it cannot have match nothing)
        "counted_yi": re.compile(rf"(?P<n>{NUMBER})(?P<in1>{_INSIDE})\s*个\s*(?P<mag>亿)(?![万级])"
                                 rf"(?P<in2>{_INSIDE})(?P<yuan>元|人民币|)(?P<jiao>)(?P<fen>)(?P<per>)"),
        "counted_yi_hint": re.compile(r"个\s*亿"),
        # 为4453万比去年4432万: 元 left unsaid after a magnitude (see `_yuan_unsaid`)
        "yuan_unsaid": re.compile(rf"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<mag>万|亿)"
                                  rf"(?!\s*(?:[万亿元圆]|人民币|{alternation(c['yuan_unsaid_not_before'])}))"),
        "yuan_unsaid_after": re.compile(rf"(?:{alternation(c['yuan_unsaid_after'])})了?\s*$"),
        # the year an amount is for, right before it (2012年23亿, 2015年预计34.5亿), and the rest
        # of a list of such amounts up to its clause's end: a count's noun after the list
        # (2022年1.2万、2023年1.5万学生) makes none of its items money
        "year_of_amount": re.compile(rf"{year_of}\s*$"),
        "year_list_rest": re.compile(rf"(?:\s*[、和及,，]\s*{year_of}\s*[0-9]+(?:\.[0-9]+)?\s*[万亿])*"
                                     rf"\s*(?:[，,。；;！？!?\n]|$)"),
        "chinese_only": re.compile(rf"^{CHINESE}$"),
        "each": re.compile(rf"(?:每\s*(?:{alternation(c['rate_bases']['each'])}))+"),
        # a qualifier word closing the words before a number (年投入约), and a spending
        # word that gives a rate basis (年投入 → 年)
        "qualifier_at_end": re.compile(rf"(?:{alternation(before_words)})$"),
        "basis_at_end": re.compile(rf"(?:{alternation(c['rate_bases']['before'])})$"),
    }


def find(text: str) -> list[RawFigure]:
    """Every amount of money in `text` (masked), one figure per number as written."""
    out: list[RawFigure] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= s or m.start() >= e for s, e in taken)

    p = _patterns()
    for m in p["range"].finditer(text):
        if not _plausible(text, m, "b"):
            continue
        taken.append((m.start(), m.end()))
        try:
            high = parse_number(m["b"]) * magnitude(m["mag"])
            low = parse_number(m["a"]) * magnitude(m["amag"]) if m["amag"] else \
                elided_low_end(m["a"], m["b"] + m["mag"], high)
        except NumberError:
            out.append(unreadable("money", m, "yuan"))
            continue
        ends = [RawFigure("money", m.start("a"), m.end("low_end"), low, "yuan", m.start("a"), flags=["range"]),
                RawFigure("money", m.start("b"), m.end(), high + _cents(m), "yuan", m.start("b"), flags=["range"])]
        for fig in attach_range_qualifier(text, ends):
            fig.per = _per(text, m, fig.number_start)
            out.append(_checked(fig))
    for m in p["vague"].finditer(text):
        if not free(m) or (not m["tens"] and not m["mag"]) or (m["pair"] and not _ascending(m["pair"])):
            continue
        low, high = _vague_span(m)
        fig = RawFigure("money", m.start(), m.end(), high, "yuan", m.start(), value_from=low,
                        qualifier="approx", flags=["vague"])
        fig.per = _per(text, m, m.start())
        out.append(_checked(fig))
        taken.append((m.start(), m.end()))
    for m in p["round"].finditer(text):
        if free(m):
            fig = RawFigure("money", m.start("mag"), m.end(), magnitude(m["mag"]), "yuan", m.start("mag"))
            out.append(attach_qualifier(text, fig))
            taken.append((m.start(), m.end()))
    # only a text that says 个亿 is scanned for it: a second scan for numbers everywhere halves the speed
    counted = p["counted_yi"].finditer(text) if p["counted_yi_hint"].search(text) else ()
    for m in itertools.chain(p["single"].finditer(text), counted):
        if not free(m) or not _plausible(text, m, "n"):
            continue
        try:
            value = parse_number(m["n"]) * magnitude(m["mag"]) + _cents(m)
        except NumberError:
            out.append(unreadable("money", m, "yuan"))
            continue
        fig = RawFigure("money", m.start(), m.end(), value, "yuan", m.start())
        fig.qualifier = inside_qualifier(m["in1"] or m["in2"]) or "exact"
        fig.per = _per(text, m, m.start())
        attach_qualifier(text, fig)
        fig.direction = direction_before(text, fig.start)
        out.append(_checked(fig))
    for m in p["yuan_unsaid"].finditer(text):
        if free(m) and _yuan_unsaid(text, m):
            value = parse_number(m["n"]) * magnitude(m["mag"])
            fig = RawFigure("money", m.start(), m.end(), value, "yuan", m.start())
            attach_qualifier(text, fig)
            fig.direction = direction_before(text, fig.start)
            out.append(_checked(fig))
    out.sort(key=lambda f: f.start)
    return out


def _yuan_unsaid(text: str, m: re.Match) -> bool:
    """A number with 万/亿 and no unit is an amount whose 元 is left unsaid when the words
    right before it are a verb or noun of amounts (为, 比上年的, 资金, 支出了) or the year it is
    for (2012年23亿, in a list of such amounts that ends its clause) and its sentence names money before it (教育经费总投入为3.94亿元，比上年的
    3.92亿增长0.37%) — a sentence opening with 其中 names the money of the sentence before it
    (…累计投入约129亿元。其中，2011年20.1亿、2012年23亿)."""
    sentence_start = max(text.rfind(c, 0, m.start()) for c in _SENTENCE_ENDS) + 1
    before = text[sentence_start:m.start()]
    if before.lstrip().startswith(_PARTS_OF_BEFORE) and sentence_start > 1:
        sentence_start = max(text.rfind(c, 0, sentence_start - 1) for c in _SENTENCE_ENDS) + 1
    p = _patterns()
    return bool(p["yuan_unsaid_after"].search(before[-6:])
                or p["year_of_amount"].search(before[-7:]) and p["year_list_rest"].match(text, m.end())) \
        and any(w in text[sentence_start:m.start()] for w in cues()["yuan_unsaid_sentence"])


def _cents(m: re.Match) -> Decimal:
    """The 角 and 分 written after 元: 一角七分 → 0.17."""
    jiao = parse_number(m["jiao"]) if m["jiao"] else 0
    fen = parse_number(m["fen"]) if m["fen"] else 0
    return Decimal(jiao) / 10 + Decimal(fen) / 100


def _vague_span(m: re.Match) -> tuple[Decimal, Decimal]:
    """(lowest, highest) of a vague amount: 数十亿 → 10亿…90亿, 十几万 → 11万…19万."""
    scale = magnitude(m["mag"])
    if m["some"]:  # 数/几/上 stand for a digit 1-9 of the magnitude's place
        return scale, 9 * scale
    if m["pair"]:  # 三五百万: three to five million
        return parse_number(m["pair"][0]) * scale, parse_number(m["pair"][1]) * scale
    tens = parse_number(m["tens"])
    return (tens + 1) * scale, (tens + 9) * scale


def _ascending(pair: str) -> bool:
    """两三, 三五, 八九 name a span; 二二 or 五三 do not."""
    return parse_number(pair[0]) < parse_number(pair[1])


def _checked(fig: RawFigure) -> RawFigure:
    """An amount beyond any education figure (a year glued to the number, 2010429亿元)
    is not read as written: it keeps no value, and its flag says why."""
    if fig.value is not None and fig.value > cues()["money_ceiling_yuan"]:
        fig.value = fig.value_from = None
        fig.flags.append("implausible_amount")
    return fig


def _plausible(text: str, m: re.Match, group: str) -> bool:
    """Not a money figure: a number glued to a longer number or word before it, a
    Chinese-numeral word such as 一元化 / 二元结构 / “二元”, or 圆 in a word (圆满)."""
    start = m.start()
    if start and text[start - 1].isascii() and (text[start - 1].isalnum() or text[start - 1] == "."):
        return False
    following = text[m.end("yuan"):m.end("yuan") + 2]

    def word_after() -> bool:
        return any(following.startswith(w) for w in cues()["not_money_after_yuan"])

    if m["yuan"] == "圆" and word_after():
        return False
    if _patterns()["chinese_only"].match(m[group]) and not m["mag"] and not m["jiao"] and not m["fen"]:
        quoted = start and text[start - 1] in _QUOTES[0] and following[:1] in _QUOTES[1]
        if quoted or word_after():
            return False
    return True


def _per(text: str, m: re.Match, number_start: int) -> str | None:
    """The basis of a rate: after the unit (元/生月), a 每… chain before the number in its
    clause (每生每年), or a 年投入 right before it."""
    bases = cues()["rate_bases"]
    if "per" in m.re.groupindex and m["per"]:
        return bases["suffix"][m["per"]]
    clause_start = max(text.rfind(c, 0, number_start) for c in "，,：:。；;\n") + 1
    window = text[clause_start:number_start]
    chains = list(_patterns()["each"].finditer(window))
    if chains:
        words = re.findall(rf"每\s*({alternation(bases['each'])})", chains[-1][0])
        return "·".join(dict.fromkeys(bases["each"][w] for w in words))
    stripped = _patterns()["qualifier_at_end"].sub("", window, count=1)
    m = _patterns()["basis_at_end"].search(stripped)
    return bases["before"][m[0]] if m else None
