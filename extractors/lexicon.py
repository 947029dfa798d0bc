"""Loading the data files of `lexicons/`.

Every lexicon carries where it came from: a TSV starts with `# key: value` comment
lines (at least `source`), a YAML file has a top-level `meta` mapping with `source`.
The loaders reject files without that header, unknown columns/keys and empty
patterns, naming the file and line, so a bad one-line data change fails loudly.

What the extractors build from the lexicons (the place table and index) is kept
between runs by `built`.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import importlib.resources
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from extractors import segment
from extractors.buildcache import load_or_build

# The shipped lexicons are the package `lexicons` (package data of the wheel, the
# folder of a checkout). DUDAO_LEXICON_DIR points a run at another copy (trying a
# changed lexicon without touching the shipped one; the accuracy gate's own test uses it).
LEXICON_DIR = Path(os.environ.get("DUDAO_LEXICON_DIR") or str(importlib.resources.files("lexicons")))


# libyaml's reader builds the same data as PyYAML's own SafeLoader, ~9 times faster
# (the lexicons are read at every start-up); PyYAML built without libyaml falls back.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
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


T = TypeVar("T")
_EXTRACTORS = Path(__file__).resolve().parent


@functools.cache
def _sources_digest() -> str:
    """A hash of the lexicon files and the extractors' code (names and contents) and of
    the Python and jieba versions a pickle is read by."""
    h = hashlib.sha256(f"{sys.version_info[:2]} {segment.jieba.__version__}".encode())
    for folder in (LEXICON_DIR, _EXTRACTORS):
        for f in sorted(folder.rglob("*")):
            if f.is_file() and f.suffix in {".py", ".tsv", ".yaml", ".yml", ".txt", ".json"}:
                h.update(f.relative_to(folder).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def built(build: Callable[[], T]) -> Callable[[], T]:
    """`build` run once per process and kept between runs (extractors.buildcache), keyed
    by the lexicons and the extractors' code. Only for what reads the lexicons and
    jieba's own dictionary, not the words taught to jieba (which differ by what ran first)."""

    @functools.cache
    def cached() -> T:
        return load_or_build(f"{build.__module__}.{build.__qualname__}", _sources_digest()[:20], build)

    return cached
