"""The child process that reads a workbook with calamine, so that a hostile file that
makes its Rust code panic or ask for 200 GB (both seen when fuzzing) kills this process
under its memory limit, not the run.

    python sheet_reader.py MAX_BYTES < workbook  ->  JSON on stdout:
    {"sheets": [{"name", "rows", "merges"}]} or {"error": "encrypted" | "damaged", "message"}

Run as a script by path (not `-m`): it imports only the standard library and calamine.
"""
from __future__ import annotations

import io
import json
import resource
import sys
from datetime import date, datetime, time


def cell_text(value) -> str:
    """A cell as text: formulas arrive as their cached values, floats without noise."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:.12g}" if abs(value) < 1e15 else f"{value:.0f}"
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return " ".join(str(value).split())


def read_workbook(data: bytes) -> dict:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        return {"error": "encrypted", "message": str(exc)}
    sheets = []
    for index, name in enumerate(workbook.sheet_names):
        sheet = workbook.get_sheet_by_index(index)
        sheets.append({"name": name,
                       "rows": [[cell_text(v) for v in row] for row in sheet.to_python(skip_empty_area=False)],
                       "merges": sheet.merged_cell_ranges or []})
    return {"sheets": sheets}


def main() -> int:
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    data = sys.stdin.buffer.read()
    try:
        result = read_workbook(data)
    except BaseException as exc:  # calamine's errors, bare ValueErrors and Rust panics alike
        result = {"error": "damaged", "message": f"{type(exc).__name__}: {exc}"}
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
