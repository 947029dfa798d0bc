"""Year-over-year recurrence: which problem each place had in which years.

One row per (place, category) seen in at least one problem finding (spec/FINDINGS.md
`recurrence`). Places are matched by code, a retired code counting as the code that
replaced it, so a district renamed between two reports (延庆县 → 延庆区) is one place.
The `recurrence` view of findings.duckdb runs this SQL, and a mining run's Parquet
table is read from that view, so the two cannot disagree.
"""
from __future__ import annotations

import duckdb
import pyarrow as pa

from pipeline.audit.divisions import current_codes
from pipeline.tables import arrow_array, arrow_table

SCHEMA = pa.schema([
    ("adcode", pa.string()),
    ("place", pa.string()),
    ("category", pa.string()),
    ("years", pa.list_(pa.int64())),
    ("n_years", pa.int64()),
    ("first_year", pa.int64()),
    ("last_year", pa.int64()),
    ("recurring", pa.bool_()),
    ("doc_ids", pa.list_(pa.string())),
])
COLUMNS = tuple(SCHEMA.names)
PLACE_CODES = pa.schema([("adcode", pa.string()), ("current_adcode", pa.string())])

# Relations these read: findings, documents, place_codes(adcode, current_adcode),
# divisions(adcode, full_name, ...). A problem's year is the one it states, else the
# report's year; its place is the code that place has today.
PROBLEMS_SQL = """
SELECT pc.current_adcode AS adcode, f.place, f.category, f.doc_id, f.sentence, f.start,
       CAST(COALESCE(f.year, d.report_year) AS INTEGER) AS year
FROM findings f
JOIN place_codes pc ON pc.adcode = f.adcode
LEFT JOIN documents d ON d.doc_id = f.doc_id
WHERE f.kind = 'problem' AND f.category IS NOT NULL
"""

# The place name is today's name of the code when the division data has it.
RECURRENCE_SQL = f"""
WITH problems AS ({PROBLEMS_SQL})
SELECT p.adcode,
       COALESCE(any_value(dv.full_name), arg_max(p.place, COALESCE(p.year, 0))) AS place,
       p.category,
       COALESCE(list(DISTINCT p.year ORDER BY p.year) FILTER (WHERE p.year IS NOT NULL), []) AS years,
       count(DISTINCT p.year) AS n_years,
       min(p.year) AS first_year,
       max(p.year) AS last_year,
       count(DISTINCT p.year) >= 2 AS recurring,
       list(DISTINCT p.doc_id ORDER BY p.doc_id) AS doc_ids
FROM problems p
LEFT JOIN divisions dv ON dv.adcode = p.adcode
GROUP BY p.adcode, p.category
ORDER BY p.adcode, p.category
"""


def place_codes_table(adcodes) -> pa.Table:
    """adcode → current_adcode for every code in `adcodes` (nulls dropped)."""
    mapping = current_codes(c for c in adcodes if isinstance(c, str) and c)
    return arrow_table([{"adcode": code, "current_adcode": current} for code, current in mapping.items()],
                       PLACE_CODES)


def recurrence(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The recurrence table: the rows of the `recurrence` view (pipeline/audit/views.py)
    of a findings database, in the contract's types (the years are the view's INTEGERs:
    converted row by row, a few thousand at most, where Arrow's cast would import
    pyarrow.compute, ~0.1 s of a one-document run)."""
    view = con.sql("SELECT * FROM recurrence").to_arrow_table()
    return pa.Table.from_arrays([view[f.name] if view.schema.field(f.name).type == f.type
                                 else arrow_array(view[f.name].to_pylist(), f.type) for f in SCHEMA], schema=SCHEMA)
