"""quantities — placeholder until its extractor lands."""
from __future__ import annotations

from extractors.models import DocContext, Finding


def extract(text: str, ctx: DocContext) -> list[Finding]:
    return []
