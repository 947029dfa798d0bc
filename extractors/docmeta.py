"""Document-level facts: the report's own title, the year under review, its type.
Cue words and title wrappers live in lexicons/report_types.yaml."""
from __future__ import annotations

import functools
import re
from collections import Counter

from extractors.lexicon import LexiconError, check_patterns, load_yaml
from extractors.models import REPORT_TYPES, DocContext

_LEXICON = "report_types.yaml"
_YEAR = re.compile(r"(?<![\d〔\[（(])((?:19|20)\d{2})(?=年)")
# How much of the body opening is read for the year and for type cues.
_OPENING = 400


@functools.cache
def _lexicon() -> dict:
    data = load_yaml(_LEXICON, ("types", "not_news", "title_wrappers", "year_ranges"))
    unknown = set(data["types"]) - set(REPORT_TYPES)
    if unknown:
        raise LexiconError(f"{_LEXICON}: unknown report types {sorted(unknown)}")
    types = {t: re.compile("|".join(".*?".join(map(re.escape, cue.split("…")))
                                    for cue in check_patterns(_LEXICON, f"types.{t}", cues)))
             for t, cues in data["types"].items()}
    wrappers = [re.compile(p) for p in check_patterns(_LEXICON, "title_wrappers", data["title_wrappers"])]
    ranges = check_patterns(_LEXICON, "year_ranges", data["year_ranges"])
    not_news = check_patterns(_LEXICON, "not_news", data["not_news"])
    return {"types": types, "wrappers": wrappers, "ranges": ranges, "not_news": not_news}


def report_title(title: str, text: str) -> str:
    """The report's own title: unwrap 关于印发《X》的通知; else the ingested title, else
    the first line of the text."""
    title = (title or "").strip()
    for pattern in _lexicon()["wrappers"]:
        m = pattern.search(title)
        if m:
            return m.group("title").strip()
    if title:
        return title
    first = text.strip().split("\n", 1)[0].strip()
    return first[:120]


def report_year(text: str, ctx: DocContext) -> int | None:
    """The year under review: the title's year (the publication year when the title
    says 2021年以来), else the year the opening of the body names most (the first named
    on a tie: "2021年11月…规划于2022年完成" reviews 2021), else the publication year."""
    published = ctx.publish_date.year if ctx.publish_date else None
    m = _YEAR.search(ctx.title or "")
    if m:
        year = int(m.group(1))
        after = (ctx.title or "")[m.end() + 1:m.end() + 4]
        if any(after.startswith(r) for r in _lexicon()["ranges"]):
            return max(year, published or year)
        return year
    years = [int(y) for y in _YEAR.findall(_opening(text, ctx))]
    if published:
        years = [y for y in years if y <= published]
    if years:
        counts = Counter(years)  # ties go to the year named first (Counter keeps order)
        return max(counts, key=counts.__getitem__)
    return published


def report_type(text: str, ctx: DocContext) -> str:
    lex = _lexicon()
    names_a_document = any(w in (ctx.title or "") for w in lex["not_news"])
    for where in (ctx.title or "", _opening(text, ctx)):
        for kind, cues in lex["types"].items():
            if kind == "news" and names_a_document:
                continue
            if cues.search(where):
                return kind
    return "other"


def _opening(text: str, ctx: DocContext) -> str:
    """The body's opening, without the title line it may start with."""
    body = text.lstrip()
    if ctx.title and body.startswith(ctx.title):
        body = body[len(ctx.title):]
    return body[:_OPENING]
