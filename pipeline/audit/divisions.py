"""Administrative divisions as the audit needs them: one row per code (its name, level
and parent), and the code a place has today when its code was retired."""
from __future__ import annotations

import functools
from collections.abc import Iterable

import pandas as pd

from extractors.lexicon import load_tsv
from extractors.places import successor_codes

PLACE_COLUMNS = ("adcode", "name", "full_name", "level", "parent", "valid_from", "valid_to",
                 "replaced_by", "source")


@functools.cache
def divisions() -> pd.DataFrame:
    """adcode, name, full_name, level, parent — the current name of each code first,
    so a code that was renamed keeps its newest name."""
    rows = load_tsv("places.tsv", PLACE_COLUMNS, required=("adcode", "name"))
    df = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    df = df.sort_values("valid_to", key=lambda s: s.replace("", "9999"), ascending=False, kind="stable")
    return df.drop_duplicates("adcode")[["adcode", "name", "full_name", "level", "parent"]].reset_index(drop=True)


def current_codes(adcodes: Iterable[str]) -> dict[str, str]:
    """Each code mapped to the code the same place has today (itself when in use).

    A unit key `<city code>:<name>` follows its city code. A retired code with several
    successors (文登市 → 环翠区 + 文登区) maps to the successor that kept its name, the
    name differing only in the unit suffix; when none did, the old code stays, since
    the history does not say which part the report meant.
    """
    return {code: _current(code) for code in set(adcodes)}


def _current(code: str) -> str:
    city, sep, unit = code.partition(":")
    if sep:
        return f"{_current(city)}:{unit}"
    successors = [c for c in successor_codes(code) if c != code]
    if len(successors) == 1:
        return successors[0]
    if successors:
        names = divisions().set_index("adcode")["name"]
        old = names.get(code, "")
        same_name = [c for c in successors if old and names.get(c, "")[:-1] == old[:-1]]
        if len(same_name) == 1:
            return same_name[0]
    return code
