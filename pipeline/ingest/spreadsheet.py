"""Spreadsheets (.xlsx, .xls, .et, .ods) via python-calamine: every sheet becomes table
rows, so a figure takes its row's place and its column's metric.

Stages:
1. limits before any cell is loaded: the zip checks (container.py) for XLSX/ODS, and
   the span of each sheet's cells, read from the file's own records, because calamine
   allocates every cell between the first and the last (a 6 KB .xls or .ods with one
   cell at A1 and one at IV65536 takes over 1 GB; XFD1048576 asks for 17 billion);
2. each sheet as a grid of strings, read by calamine in a child process under a memory
   limit (sheet_reader.py): formulas as their cached values, numbers without float
   noise; merged cells spread over the cells they cover;
3. title rows (one value across the row) become headings; the rows above the first
   row holding a number are the header, combined into one header row per column
   (`生均公用经费（小学）` under a merged `生均公用经费`); a unit the header names
   (`（万元）`, `（%）`), or a `单位：万元` row above the table, moves onto the bare numbers
   of the column, where the extractors need it;
4. the header row and every data row become `table_row` blocks (cells joined by tabs).
"""
from __future__ import annotations

import io
import json
import re
import struct
import sys
from pathlib import Path

import olefile

from extractors.models import Block
from pipeline.errors import CorruptFile, EncryptedFile, LimitExceeded
from pipeline.ingest.container import check_container
from pipeline.ingest.tools import run_tool
from pipeline.ingest.types import IngestedDoc
from pipeline.settings import Limits

READER = Path(__file__).with_name("sheet_reader.py")
# A unit in a header cell: 生均公用经费（元）, 投入(单位：万元), 达标率(%).
HEADER_UNIT = re.compile(r"\s*[（(]\s*(?:单位\s*[:：]\s*)?(元|万元|亿元|千元|%|％)\s*[)）]\s*")
# Another unit a header names in brackets (人, 所, 平方米, 元/生): its numbers stay bare.
OTHER_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?[^()（）\d]{1,6}\s*[)）]\s*$")
# A row above the table naming the unit of the whole sheet: 单位：万元.
UNIT_ROW = re.compile(r"^\s*(?:计量)?单位\s*[:：]\s*(元|万元|亿元|千元|%|％)\s*$")
NUMBER = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?$")
XLSX_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')
# BIFF8 records that hold one cell (row, column first) or a run of cells (MULRK, MULBLANK).
BIFF_CELL_RECORDS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00D6}
BIFF_RUN_RECORDS = {0x00BD, 0x00BE}
ODS_ELEMENT = re.compile(rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s>/])([^>]*)>")
ODS_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated\s*=\s*"(\d+)"')


def ingest_spreadsheet(data: bytes, kind: str, limits: Limits) -> IngestedDoc:
    """`kind` is what sniff said: `xlsx`, `xls` (also .et) or `ods`."""
    check_span(data, kind, limits)
    read = json.loads(run_tool([sys.executable, str(READER), str(limits.max_sheet_reader_bytes)],
                               limits.max_convert_seconds, f"reading the {kind.upper()} workbook",
                               "max_convert_seconds", env={"RUST_BACKTRACE": "0"}, stdin=data))
    if read.get("error") == "encrypted":
        raise EncryptedFile(f"the {kind.upper()} workbook is password-protected")
    if "error" in read:
        raise CorruptFile(f"{kind.upper()} workbook is damaged: {read['message']}")
    blocks: list[Block] = []
    tables: list[list[list[str]]] = []
    title = ""
    for sheet in read["sheets"]:
        sheet_blocks, rows = sheet_to_blocks(spread_merges(sheet["rows"], sheet["merges"]))
        if not rows:
            continue
        if sheet_blocks[0].kind != "heading" and len(read["sheets"]) > 1:
            # A heading between sheets also ends one table's run of rows before the next.
            sheet_blocks.insert(0, Block(sheet["name"], kind="heading", level=2))
        title = title or next((b.text for b in sheet_blocks if b.kind == "heading"), "")
        blocks.extend(sheet_blocks)
        tables.append(rows)
    return IngestedDoc(format=kind, blocks=blocks, title=title, tables=tables)


def check_span(data: bytes, kind: str, limits: Limits) -> None:
    """LimitExceeded when a sheet's cells span more than `max_sheet_cells`."""
    if kind == "xls":
        spans = biff_spans(data)
    elif kind == "xlsx":
        archive = check_container(data, limits, "XLSX")
        spans = [xlsx_span(archive.read(name)) for name in archive.namelist()
                 if name.startswith("xl/worksheets/") and name.endswith(".xml")]
    else:
        archive = check_container(data, limits, "ODS")
        spans = ods_spans(archive.read("content.xml")) if "content.xml" in archive.namelist() else []
    for rows, columns in spans:
        if rows * columns > limits.max_sheet_cells:
            raise LimitExceeded(
                f"a {kind.upper()} sheet spans {rows:,} rows x {columns:,} columns, over the limit of "
                f"{limits.max_sheet_cells:,} cells (max_sheet_cells; spreadsheet bomb?)")


def xlsx_span(sheet_xml: bytes) -> tuple[int, int]:
    """(rows, columns) from row 1/column A to the farthest cell reference."""
    rows = columns = 0
    for letters, row in XLSX_CELL_REF.findall(sheet_xml):
        column = 0
        for letter in letters:
            column = column * 26 + letter - 64
        rows, columns = max(rows, int(row)), max(columns, column)
    return rows, columns


def ods_spans(content: bytes) -> list[tuple[int, int]]:
    """(rows, columns) of each sheet of an ODS content.xml up to its farthest cell with a
    value; a row or cell stands for `number-*-repeated` of them, as calamine counts."""
    spans: list[tuple[int, int]] = []
    row = column = rows = columns = 0
    for element, attributes in ODS_ELEMENT.findall(content):
        found = ODS_REPEAT.search(attributes)
        repeat = int(found.group(1)) if found else 1
        if element == b"table":
            spans.append((rows, columns))
            row = column = rows = columns = 0
        elif element == b"table-row":
            row, column = row + repeat, 0
        else:
            column += repeat
            if b"value-type" in attributes:
                rows, columns = max(rows, row), max(columns, column)
    return spans + [(rows, columns)]


def biff_spans(data: bytes) -> list[tuple[int, int]]:
    """(rows, columns) of each sheet of a BIFF8 workbook, from its cell records."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            stream = next(ole.openstream(name).read() for name in ("Workbook", "Book") if ole.exists(name))
    except (OSError, ValueError, IndexError, EOFError, StopIteration) as exc:
        raise CorruptFile(f"XLS workbook is damaged: {exc}") from exc
    spans, rows, columns, pos = [], 0, 0, 0
    while pos + 4 <= len(stream):
        record, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if record == 0x000A:  # EOF ends a substream (the globals, then each sheet)
            spans.append((rows, columns))
            rows = columns = 0
        elif record in BIFF_CELL_RECORDS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif record in BIFF_RUN_RECORDS and len(body) >= 6:
            row, = struct.unpack_from("<H", body)
            last_column, = struct.unpack_from("<H", body, len(body) - 2)
            rows, columns = max(rows, row + 1), max(columns, last_column + 1)
    return spans


def spread_merges(grid: list[list[str]], merges) -> list[list[str]]:
    """Every cell a merge covers holds the merge's value (the top-left cell's)."""
    for (top, left), (bottom, right) in merges:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            for c in range(left, min(right, len(grid[r]) - 1) + 1):
                grid[r][c] = grid[r][c] or value
    return grid


def is_number(text: str) -> bool:
    return bool(NUMBER.match(text))


def sheet_to_blocks(grid: list[list[str]]) -> tuple[list[Block], list[list[str]]]:
    """Blocks of one sheet (stages 3 and 4) and its table rows (header first)."""
    grid = drop_empty_columns([row for row in grid if any(row)])
    blocks: list[Block] = []
    sheet_unit = ""
    while grid and len({cell for cell in grid[0] if cell}) == 1 and not any(is_number(c) for c in grid[0]):
        text = next(cell for cell in grid[0] if cell)
        found = UNIT_ROW.match(text)
        sheet_unit = found.group(1).replace("％", "%") if found else sheet_unit
        blocks.append(Block(text, kind="heading", level=1 if not blocks else 2))
        grid = grid[1:]
    if not grid:
        return blocks, []
    first_data = next((i for i, row in enumerate(grid) if any(is_number(c) for c in row[1:])), 1)
    header_rows, data_rows = grid[:max(first_data, 1)], grid[max(first_data, 1):]
    header, units = combine_header(header_rows)
    # `单位：万元` above the table is the unit of every column that names none of its own.
    units = [sheet_unit if unit is None else unit for unit in units]
    rows = [header] + [[cell + units[c] if units[c] and is_number(cell) else cell for c, cell in enumerate(row)]
                       for row in data_rows]
    blocks.extend(Block("\t".join(row), kind="table_row") for row in rows)
    return blocks, rows


def drop_empty_columns(grid: list[list[str]]) -> list[list[str]]:
    width = max((len(row) for row in grid), default=0)
    grid = [row + [""] * (width - len(row)) for row in grid]
    keep = [c for c in range(width) if any(row[c] for row in grid)]
    return [[row[c] for c in keep] for row in grid]


def combine_header(header_rows: list[list[str]]) -> tuple[list[str], list[str | None]]:
    """One header cell per column from the stacked header rows, and each column's unit:
    a money or percent unit, "" for another unit (`学校数（所）`), None for none named.

    Where the merges were not recorded (ODS), an empty cell of an upper header row takes
    its left neighbour's value, as a merged group header would."""
    rows = [list(row) for row in header_rows]
    for row in rows[:-1]:
        for c in range(1, len(row)):
            row[c] = row[c] or row[c - 1]
    header, units = [], []
    for column in zip(*rows):
        unit, names = None, []
        for cell in column:
            found = HEADER_UNIT.search(cell)
            if found:
                unit = found.group(1).replace("％", "%")
            elif OTHER_UNIT.search(cell):
                unit = ""
            name = HEADER_UNIT.sub("", cell).strip()
            if name and name not in names:
                names.append(name)
        header.append(names[0] + "".join(f"（{n}）" for n in names[1:]) if names else "")
        units.append(unit)
    return header, units
