"""What a finished mining run was made from, so that re-mining an unchanged corpus
into the same folder costs a directory listing, not a run.

The manifest is a hash of every input's source, size and modification time (as
`make` and rsync judge files) and of the code and lexicons; it is written beside the
tables only after they are all in place, so a killed run leaves no manifest that
vouches for half-written outputs. Any edit, new file, removed file, code or lexicon
change gives another hash and a real run (whose per-document cache still skips the
unchanged bytes).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from extractors.lexicon import LEXICON_DIR
from pipeline.cache import version_of

_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".dudao-manifest.json"
OUTPUTS = ("documents.parquet", "findings.parquet", "failures.parquet", "texts.parquet", "findings.duckdb")


@functools.cache
def _code_version() -> str:
    return version_of([_ROOT / "pipeline", _ROOT / "extractors", LEXICON_DIR])


def fingerprint(inputs, limits) -> str:
    """Hash of the inputs (source, path, size, mtime), the limits they were read under,
    and the code and lexicons."""
    h = hashlib.sha256(f"{_code_version()}\n{limits!r}\n".encode())
    for src in inputs:
        try:
            st = os.stat(src.path)
            stamp = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError as e:  # a missing or broken input is part of what was mined
            stamp = type(e).__name__
        h.update(f"{src.source}\0{src.path}\0{src.parent}\0{src.evidence}\0{stamp}\n".encode())
    return h.hexdigest()


def unchanged(out_dir: Path, fp: str) -> dict | None:
    """The summary recorded by the run that made out_dir from the same inputs, if every
    output it wrote is still there; else None."""
    try:
        recorded = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if recorded.get("fingerprint") != fp or not all((out_dir / name).exists() for name in OUTPUTS):
        return None
    return recorded.get("summary")


def record(out_dir: Path, fp: str, summary: dict) -> None:
    tmp = out_dir / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps({"fingerprint": fp, "summary": summary}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, out_dir / MANIFEST)


def forget(out_dir: Path) -> None:
    """Before outputs change: no manifest may vouch for them while they are replaced."""
    try:
        (out_dir / MANIFEST).unlink()
    except FileNotFoundError:
        pass
