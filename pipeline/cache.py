"""Per-document results cached by the hash of the raw bytes and of the code and
lexicons that produce them: re-mining an unchanged corpus skips the work, and
changing a lexicon or an extractor invalidates exactly what it affects (everything
its version covers)."""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from extractors.lexicon import LEXICON_DIR

_ROOT = Path(__file__).resolve().parent.parent
# What a cached result depends on: the ingest/normalise code, the extractors, the lexicons.
_VERSIONED = (_ROOT / "pipeline/ingest", _ROOT / "pipeline/normalise.py", _ROOT / "pipeline/process.py",
              _ROOT / "pipeline/tables.py", _ROOT / "extractors", LEXICON_DIR)


def version_of(paths) -> str:
    """A hash of the contents (and names) of the code and data files under `paths`."""
    h = hashlib.sha256()
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.is_file() and f.suffix in {".py", ".tsv", ".yaml", ".yml", ".txt", ".json"}:
                h.update(f.name.encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def code_version() -> str:
    return version_of(_VERSIONED)


class ResultCache:
    """Pickled results in `<directory>/<version>/<sha[:2]>/<sha>.pkl`; a new version
    starts an empty cache beside the old one."""

    def __init__(self, directory: Path, version: str | None = None):
        self.dir = Path(directory) / (version or code_version())

    def _path(self, sha: str) -> Path:
        return self.dir / sha[:2] / f"{sha}.pkl"

    def get(self, sha: str):
        try:
            with self._path(sha).open("rb") as fh:
                return pickle.load(fh)
        except (FileNotFoundError, EOFError, pickle.UnpicklingError):
            return None

    def put(self, sha: str, result) -> None:
        path = self._path(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
