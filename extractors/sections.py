"""Sections (issue 5) — placeholder until section labelling lands."""
from __future__ import annotations

from extractors.models import DocContext, SectionSpan


def label_sections(text: str, ctx: DocContext) -> list[SectionSpan]:
    return []
