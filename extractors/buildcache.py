"""Built indexes kept between runs: a pickle per index under the user's cache folder,
named by a key of everything the index was built from. A missing, truncated or foreign
file is built again and rewritten atomically; a folder that cannot be written costs
only the rebuild. (Start-up, issue 17: loading a pickle is several times cheaper than
building the place index or the cue table, or than jieba's own marshal cache.)"""
from __future__ import annotations

import contextlib
import gc
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """$DUDAO_CACHE_DIR, else $XDG_CACHE_HOME/dudao, else ~/.cache/dudao (read on each
    use, so a test or a run can point elsewhere)."""
    if os.environ.get("DUDAO_CACHE_DIR"):
        return Path(os.environ["DUDAO_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dudao"


@contextlib.contextmanager
def _collector_paused():
    """The cyclic garbage collector off for a while: an index is ~10^5 new objects and
    none is garbage, yet each allocation burst sets off a collection that walks them
    all (reading the place index back takes ~0.1 s without, ~0.5 s with)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The value kept as `<cache_dir>/<name>-<key>.pkl`, else `build()` (then kept)."""
    path = cache_dir() / f"{name}-{key}.pkl"
    try:
        with path.open("rb") as fh, _collector_paused():
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: a pickle fails in many ways, all mean rebuild
        pass
    with _collector_paused():
        value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass
    return value
