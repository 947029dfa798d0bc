"""Document-level facts: the report's own title, the year under review, its type."""
from __future__ import annotations

from extractors.models import DocContext


def report_title(title: str, text: str) -> str:
    return title


def report_year(text: str, ctx: DocContext) -> int | None:
    return None


def report_type(text: str, ctx: DocContext) -> str:
    return "other"
