"""Administrative divisions as the audit needs them: one row per code (its name, level
and parent), and the code a place has today when its code was retired."""
from __future__ import annotations

import functools
from collections.abc import Iterable

import pyarrow as pa

from extractors.places import successor_codes
from extractors.places.lexicon import newest_units, official_name
from pipeline.tables import arrow_table

DIVISIONS = pa.schema([("adcode", pa.string()), ("name", pa.string()), ("full_name", pa.string()),
                       ("level", pa.string()), ("parent", pa.string())])


@functools.cache
def divisions() -> pa.Table:
    """adcode, name, full_name, level, parent — each code with its newest name, so a
    code that was renamed keeps it. From the place table the extractors keep between
    runs (reading places.tsv again cost a one-document run ~0.07 s); an Arrow table,
    which DuckDB reads without pandas."""
    return arrow_table([{"adcode": u.adcode, "name": official_name(u), "full_name": u.full_name, "level": u.level,
                         "parent": u.parent} for u in newest_units()], DIVISIONS)


def current_codes(adcodes: Iterable[str]) -> dict[str, str]:
    """Each code mapped to the code the same place has today (itself when in use).

    A unit key `<city code>:<name>` follows its city code. A retired code with several
    successors (文登市 → 环翠区 + 文登区) maps to the successor that kept its name, the
    name differing only in the unit suffix; when none did, the old code stays, since
    the history does not say which part the report meant.
    """
    return {code: _current(code) for code in sorted(set(adcodes))}  # sorted: the same table whatever the hash seed


def _current(code: str) -> str:
    city, sep, unit = code.partition(":")
    if sep:
        return f"{_current(city)}:{unit}"
    successors = [c for c in successor_codes(code) if c != code]
    if len(successors) == 1:
        return successors[0]
    if successors:
        names = _newest_names()
        old = names.get(code, "")
        same_name = [c for c in successors if old and names.get(c, "")[:-1] == old[:-1]]
        if len(same_name) == 1:
            return same_name[0]
    return code


@functools.cache
def _newest_names() -> dict[str, str]:
    return {u.adcode: official_name(u) for u in newest_units()}
