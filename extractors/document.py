"""Analyse one normalised document: the extractors in their fixed order.

Stages (each a pure function of the text and what the earlier stages found):
  1. docmeta, years — report title, publication date (page, else URL), year and type
  2. places    — place mentions, the report's jurisdiction, the districts it names
  3. sections  — achievement / problem / recommendation / other spans
  4. quantities — percent and money findings
  5. problems  — problem findings per category and place
"""
from __future__ import annotations

from extractors import docmeta, places, problems, quantities, sections, years
from extractors.models import DocContext, Finding


def describe(text: str, ctx: DocContext) -> DocContext:
    """Stages 1–2: what the document is — title, date, year, places, region and type."""
    ctx.title = docmeta.report_title(ctx.title, text)
    ctx.publish_date = (ctx.publish_date or docmeta.publication_date(text) or places.date_of_url(ctx.source)
                        or years.date_of_url_id(ctx.source))
    ctx.report_year = years.report_year(text, ctx)
    ctx.mentions = tuple(places.find_mentions(text, ctx))
    ctx.region, ctx.region_evidence = places.region_with_evidence(text, ctx)
    ctx.mentions = places.with_bare_zones(text, places.without_strays(text, ctx.mentions, ctx.region), ctx.region)
    ctx.report_type = docmeta.report_type(text, ctx)
    return ctx


def analyse(text: str, ctx: DocContext) -> tuple[DocContext, list[Finding]]:
    ctx = describe(text, ctx)
    ctx.sections = tuple(sections.label_sections(text, ctx))
    findings = quantities.extract(text, ctx) + problems.extract(text, ctx)
    for f in findings:
        if f.section == "other":
            f.section = ctx.section_at(f.start)
    findings.sort(key=lambda f: (f.start, f.kind, f.category or "", f.adcode or ""))
    return ctx, findings
