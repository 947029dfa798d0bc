"""The sources manifest (`dudao mine … --sources FILE.csv`): where each file was
published and what the user knows about it (contract: "Inputs: the sources manifest").

A row's `url` becomes the file's source (evidence of region and date); its
`publisher`, `publish_date` and `region_code` are used like what the page states.
"""
from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from pipeline.errors import BadSourcesManifest
from pipeline.process import SourceFile

COLUMNS = ("path", "url", "publisher", "publish_date", "region_code")
REQUIRED = ("path", "url")
# 6 digits, or `<city code>:<name>` for a unit with no code
_REGION_CODE = re.compile(r"[0-9]{6}(?::.+)?")


def read_sources(manifest: Path | str) -> dict[Path, SourceFile]:
    """The manifest's rows as SourceFiles, keyed by the resolved path of their file
    (a relative path is relative to the manifest's folder)."""
    manifest = Path(manifest)
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = tuple(rows[0]) if rows else ()
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise BadSourcesManifest(f"{manifest}: {type(e).__name__}: {e}") from None
    unknown = [c for c in header if c not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if rows and (unknown or missing):
        raise BadSourcesManifest(f"{manifest}: columns must be {', '.join(COLUMNS)} "
                                 f"(unknown: {unknown or 'none'}, missing: {missing or 'none'})")
    out: dict[Path, SourceFile] = {}
    for line, row in enumerate(rows, start=2):
        path = (manifest.parent / row["path"].strip()).resolve()
        out[path] = SourceFile(path, row["url"].strip() or str(path), None,
                               publisher=(row.get("publisher") or "").strip() or None,
                               publish_date=_date(row.get("publish_date"), manifest, line),
                               region_code=_region(row.get("region_code"), manifest, line), listed=True)
    return out


def with_sources(inputs: list[SourceFile], manifest: Path | str) -> list[SourceFile]:
    """The inputs, each that the manifest lists carrying its URL and stated facts."""
    rows = read_sources(manifest)
    out = []
    for src in inputs:
        row = rows.get(Path(src.path).resolve())
        out.append(src if row is None else replace(row, path=src.path, parent=src.parent))
    return out


def _date(value: str | None, manifest: Path, line: int) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadSourcesManifest(f"{manifest}:{line}: publish_date {value!r} is not YYYY-MM-DD") from None


def _region(value: str | None, manifest: Path, line: int) -> str | None:
    value = (value or "").strip()
    if value and not _REGION_CODE.fullmatch(value):
        raise BadSourcesManifest(f"{manifest}:{line}: region_code {value!r} is not a 6-digit code")
    return value or None
