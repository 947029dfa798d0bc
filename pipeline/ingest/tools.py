"""External programs a format needs (LibreOffice, Tesseract, the calamine child): run in
their own process group so a time limit kills the whole tree (soffice starts
soffice.bin), and off the network where the system lets a user make a network
namespace (a document must not make its converter fetch a linked image)."""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess

from pipeline.errors import ConversionFailed, LimitExceeded, MissingTool

# Debian package to install, per program; named in the failure so the fix is one line.
PACKAGES = {"soffice": "libreoffice-writer-nogui", "tesseract": "tesseract-ocr tesseract-ocr-chi-sim"}


def find_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MissingTool(f"{name} is not installed (Debian: apt-get install {PACKAGES[name]})")
    return path


@functools.cache
def offline_prefix() -> tuple[str, ...]:
    """`unshare -rn` (a new user and network namespace: no network) where it works."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        ok = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return (unshare, "-rn") if ok else ()


def run_tool(command: list[str], seconds: float, what: str, limit_name: str, env: dict | None = None,
             stdin: bytes | None = None) -> bytes:
    """The program's stdout (given `stdin`); LimitExceeded past `seconds`, ConversionFailed
    on a non-zero exit or death by a signal."""
    process = subprocess.Popen([*offline_prefix(), *command],
                               stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, **(env or {})})
    try:
        out, err = process.communicate(stdin, timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LimitExceeded(f"{what} ran over the limit of {seconds:g} s ({limit_name})") from None
    if process.returncode != 0:
        # The last line that says what went wrong, not a `note:` on how to get a backtrace.
        lines = [line for line in err.decode("utf-8", "replace").strip().splitlines() if not line.startswith("note:")]
        last = (lines or ["no message"])[-1]
        raise ConversionFailed(f"{what} failed (exit status {process.returncode}): {last}")
    return out
