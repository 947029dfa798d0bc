"""Built indexes kept between runs: a pickle per index under the user's cache folder,
named by a key of everything the index was built from. A missing, truncated or foreign
file is built again and rewritten atomically, and the same index under an older key
removed; a folder that cannot be written costs only the rebuild. (Start-up, issue 17:
loading a pickle is several times cheaper than building the place index, or than
jieba's own marshal cache.)"""
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
def long_lived():
    """For making what lives as long as the process (an index, a library's modules):
    the cyclic garbage collector is paused meanwhile and what exists is frozen after
    (gc.freeze), so no later collection walks it. Start-up makes millions of such
    objects and no garbage, yet every burst of allocations sets off collections that
    walk them all: ~1 s of a one-document run's CPU (reading the place index back
    takes ~0.1 s paused, ~0.5 s not)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The value kept as `<cache_dir>/<name>-<key>.pkl`, else `build()` (then kept)."""
    path = cache_dir() / f"{name}-{key}.pkl"
    try:
        with path.open("rb") as fh, long_lived():
            return pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: a pickle fails in many ways, all mean rebuild
        pass
    with long_lived():
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
        # the same index under an older key (a lexicon or the code changed since) is
        # never read again: without this every edit would leave megabytes behind
        for stale in path.parent.glob(f"{name}-*.pkl"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return value
