"""Loading the data files of `lexicons/`.

Every lexicon carries where it came from: a TSV starts with `# key: value` comment
lines (at least `source`), a YAML file has a top-level `meta` mapping with `source`.
The loaders reject files without that header, unknown columns/keys and empty
patterns, naming the file and line, so a bad one-line data change fails loudly.
"""
from __future__ import annotations

import csv
import functools
import importlib.resources
import os
from pathlib import Path

import yaml

# The shipped lexicons are the package `lexicons` (package data of the wheel, the
# folder of a checkout). DUDAO_LEXICON_DIR points a run at another copy (trying a
# changed lexicon without touching the shipped one; the accuracy gate's own test uses it).
LEXICON_DIR = Path(os.environ.get("DUDAO_LEXICON_DIR") or str(importlib.resources.files("lexicons")))


class LexiconError(ValueError):
    """A lexicon file is malformed (missing header, unknown key, empty pattern)."""


@functools.cache
def load_tsv(name: str, columns: tuple[str, ...], required: tuple[str, ...] = ()) -> tuple[dict, ...]:
    """Rows of `lexicons/<name>` as dicts. `columns` is the exact header expected;
    `required` the columns that may not be empty."""
    path = LEXICON_DIR / name
    meta: dict[str, str] = {}
    rows: list[dict] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].partition(":")
                meta[key.strip()] = value.strip()
                continue
            if not line.strip():
                continue
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = cells
                if tuple(header) != columns:
                    raise LexiconError(f"{path}:{lineno}: columns {header} != expected {list(columns)}")
                continue
            if len(cells) > len(header):
                raise LexiconError(f"{path}:{lineno}: {len(cells)} cells for {len(header)} columns")
            row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            for col in required:
                if not row[col].strip():
                    raise LexiconError(f"{path}:{lineno}: empty {col!r}")
            rows.append(row)
    if "source" not in meta:
        raise LexiconError(f"{path}: no '# source:' header line")
    return tuple(rows)


@functools.cache
def load_yaml(name: str, keys: tuple[str, ...]) -> dict:
    """The mapping in `lexicons/<name>`; top-level keys must be `meta` plus `keys`."""
    path = LEXICON_DIR / name
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or "source" not in (data.get("meta") or {}):
        raise LexiconError(f"{path}: needs a top-level 'meta' mapping with 'source'")
    unknown = set(data) - {"meta", *keys}
    if unknown:
        raise LexiconError(f"{path}: unknown keys {sorted(unknown)}")
    return data


def check_patterns(path_name: str, where: str, patterns) -> list[str]:
    """Patterns as a list of non-empty strings, or a LexiconError naming the entry."""
    if isinstance(patterns, str):
        patterns = [patterns]
    out = []
    for p in patterns or []:
        if not isinstance(p, str) or not p.strip():
            raise LexiconError(f"{LEXICON_DIR / path_name}: empty pattern in {where}")
        out.append(p.strip())
    return out
