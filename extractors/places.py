"""Places (issue 3) — placeholder until the place resolver lands."""
from __future__ import annotations

from extractors.models import DocContext, Place, PlaceMention


def find_mentions(text: str, ctx: DocContext) -> list[PlaceMention]:
    return []


def infer_region(text: str, ctx: DocContext) -> Place | None:
    return None


def district_codes(ctx: DocContext) -> list[str]:
    return []


def places_for_span(text: str, start: int, end: int, ctx: DocContext) -> list[Place]:
    return [ctx.region] if ctx.region else []
