"""Typed records shared by every extractor and by the pipeline that assembles tables.

Extractors are pure: they take the normalised text of one document plus a
`DocContext` and return records defined here. Nothing in `extractors/` opens files,
talks to the network or imports prefect/duckdb/pyarrow.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Values of the contract's enumerations (spec/FINDINGS.md), kept in one place.
KINDS = ("percent", "money", "problem")
SECTIONS = ("achievement", "problem", "recommendation", "other")
PLACE_LEVELS = ("province", "city", "county")
QUALIFIERS = ("exact", "approx", "over", "at_least", "under", "at_most")
REPORT_TYPES = ("inspection", "follow_up", "evaluation", "self_assessment", "survey", "news", "other")


@dataclass(frozen=True)
class Block:
    """One structural unit of a document as ingested: a paragraph, heading or table row.

    `start`/`end` are offsets in the document's normalised text (filled in by
    normalisation). `level` is the heading level from the source format (DOCX heading
    styles, HTML h1-h6), 0 for body text.
    """

    text: str
    kind: str = "paragraph"  # paragraph | heading | table_row
    level: int = 0
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Place:
    """A resolved administrative unit: a 6-digit code or `<city code>:<name>`."""

    adcode: str
    name: str  # canonical full name, e.g. 北京市东城区
    level: str  # province | city | county


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in the text. `candidates` holds every unit the surface could
    mean; `place` is the one context chose, or None when the mention stays ambiguous."""

    surface: str
    start: int
    end: int
    place: Place | None
    candidates: tuple[Place, ...] = ()
    ambiguous: bool = False
    replaced_by: tuple[str, ...] = ()  # codes that replaced a retired code (old names)


@dataclass(frozen=True)
class SectionSpan:
    """A stretch of the text labelled with the report part it belongs to."""

    start: int
    end: int
    section: str  # one of SECTIONS
    heading: str = ""


@dataclass
class DocContext:
    """What extractors may know about a document besides its text.

    The pipeline fills this in stages: ingest gives title/publisher/date/blocks, the
    places extractor adds region and mentions, `docmeta` the year and type, the
    sections extractor the section spans.
    """

    doc_id: str = ""
    title: str = ""
    publisher: str | None = None
    publish_date: date | None = None
    blocks: tuple[Block, ...] = ()
    source: str = ""  # where the text was found: a URL (evidence of region and date) or a path
    stated_region: str | None = None  # a region code the user states (sources manifest, site config)
    region: Place | None = None
    region_evidence: str = ""  # what decided the region: manifest, title, publisher, body, url
    report_year: int | None = None
    report_type: str = "other"
    mentions: tuple[PlaceMention, ...] = ()
    sections: tuple[SectionSpan, ...] = ()

    def section_at(self, offset: int) -> str:
        for span in self.sections:
            if span.start <= offset < span.end:
                return span.section
        return "other"


@dataclass
class Finding:
    """One row of the `findings` table (spec/FINDINGS.md)."""

    kind: str
    text: str
    sentence: str
    start: int
    end: int
    section: str = "other"
    adcode: str | None = None
    place: str | None = None
    place_level: str | None = None
    places: list[str] = field(default_factory=list)
    year: int | None = None
    metric: str | None = None
    metric_code: str | None = None  # indicator code (spec/metrics.tsv), percent/money only
    change: bool = False  # percent/money: a change of the indicator, not its level
    category: str | None = None
    value: float | None = None
    value_from: float | None = None  # start of a change (由A到B), low end of a vague amount (数十亿)
    unit: str | None = None  # percent | percentage_point | per_mille | yuan
    direction: str | None = None  # up | down: the figure follows a verb of change (下降3.5个百分点)
    per: str | None = None
    qualifier: str = "exact"
    is_target: bool = False
    flags: list[str] = field(default_factory=list)  # sanity warnings, never a drop

    def with_place(self, place: Place | None) -> "Finding":
        if place is not None:
            self.adcode, self.place, self.place_level = place.adcode, place.name, place.level
        return self
