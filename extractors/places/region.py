"""The report's jurisdiction: the place its title names, else its publisher's, else
the area most of the places in its body lie in."""
from __future__ import annotations

import re
from collections import Counter

from extractors.models import DocContext, Place
from extractors.places.lexicon import by_code, covering, parent_of
from extractors.places.mentions import find_mentions


def infer_region(text: str, ctx: DocContext) -> Place | None:
    """The jurisdiction the report covers: the place its title names, else its
    publisher's, else the area most of the places in its body lie in."""
    # a name the title leaves ambiguous (鼓楼区) is read as the body resolved it
    in_body = {m.surface: m.place for m in ctx.mentions if m.place}
    for head in (ctx.title, ctx.publisher or ""):
        if not head:
            continue
        mentions = find_mentions(head, DocContext(title=ctx.title, publisher=ctx.publisher,
                                                  report_year=ctx.report_year))
        places = [m.place or in_body.get(m.surface) for m in mentions]
        region = covering([p for p in places if p and ":" not in p.adcode])
        if region:
            return region
    return _body_region(text, ctx.mentions)


def _body_region(text: str, mentions) -> Place | None:
    votes: Counter = Counter()
    for m in mentions:
        if m.place is None:
            continue
        if m.place.level == "county":
            parent = parent_of(m.place)
            votes[parent.adcode if parent else m.place.adcode] += 1
        elif m.place.level == "city":
            votes[m.place.adcode] += 1
    if not votes:
        provinces = Counter(m.place.adcode for m in mentions if m.place and m.place.level == "province")
        return by_code()[provinces.most_common(1)[0][0]].place if provinces else None
    code = votes.most_common(1)[0][0]
    place = by_code()[code].place if code in by_code() else None
    counties = Counter(m.place for m in mentions if m.place and m.place.level == "county")
    # a county report (全县/我县) about its one county
    if len(counties) == 1 and len(re.findall("全县|我县|本县", text)) > len(re.findall("全市|我市|本市", text)):
        return next(iter(counties))
    return place

