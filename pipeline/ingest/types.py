"""What ingest hands to normalisation: text blocks plus page metadata."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extractors.models import Block


@dataclass
class IngestedDoc:
    format: str  # html | docx | pdf | txt | doc | rtf | xlsx | xls | ods | ofd
    blocks: list[Block]  # raw text, in reading order; offsets are filled by normalise
    title: str = ""
    publisher: str | None = None
    publish_date: date | None = None
    cleaning: list[str] = field(default_factory=list)  # what ingest already removed
    tables: list[list[list[str]]] = field(default_factory=list)  # DOCX/HTML tables and sheets as grids
