"""The views of findings.duckdb: `cross_city` and `recurrence` (spec/FINDINGS.md).

`create_views(con)` runs after the tables are written. It adds three lookup tables the
views need — `divisions` (every code's name, level and parent, from lexicons/places.tsv),
`place_codes` (each code in findings → the code that place has today) and `indicators`
(each metric code's unit and name, lexicons/indicator_codes.tsv) — and then the views,
so the views stay live SQL over `findings` and `documents`.
"""
from __future__ import annotations

import duckdb
import pyarrow as pa

from extractors.indicators import vocabulary
from pipeline import db
from pipeline.audit.divisions import divisions
from pipeline.audit.recurrence import RECURRENCE_SQL, place_codes_table
from pipeline.tables import arrow_table

INDICATORS = pa.schema([("code", pa.string()), ("unit", pa.string()), ("label_zh", pa.string())])

# One row per place, year and topic (a problem category; for a figure its indicator
# code, whether it is the level or a change of it, and its unit), with the province and
# prefecture-level city derived from the code: a county's city is
# its parent when that parent is a city (not so for 北京市东城区, whose parent is the
# province), a unit key `<city code>:<name>` belongs to that city. A figure with a code
# is named by its indicator, so 普惠率 and 普惠性幼儿园覆盖率 share a row; an `other`
# figure keeps its own words apart.
CROSS_CITY_SQL = """
WITH f AS (
    SELECT f.*, pc.current_adcode,
           split_part(pc.current_adcode, ':', 1) AS code,
           CAST(COALESCE(f.year, d.report_year) AS INTEGER) AS report_or_stated_year
    FROM findings f
    JOIN place_codes pc ON pc.adcode = f.adcode
    LEFT JOIN documents d ON d.doc_id = f.doc_id
), placed AS (
    SELECT f.*,
           dv.level AS code_level,
           CASE WHEN dv.level = 'city' THEN f.code
                WHEN dv.level = 'county' AND up.level = 'city' THEN dv.parent END AS city_code,
           CASE WHEN f.current_adcode = f.code THEN dv.full_name END AS current_place
    FROM f
    LEFT JOIN divisions dv ON dv.adcode = f.code
    LEFT JOIN divisions up ON up.adcode = dv.parent
)
SELECT substr(p.code, 1, 2) || '0000' AS province_code,
       prov.name AS province,
       p.city_code,
       city.name AS city,
       p.current_adcode AS adcode,
       COALESCE(p.current_place, p.place) AS place,
       COALESCE(CASE WHEN p.current_adcode = p.code THEN p.code_level END, p.place_level) AS place_level,
       p.report_or_stated_year AS year,
       p.kind, p.category, p.metric_code,
       CASE WHEN COALESCE(p.metric_code, 'other') = 'other' THEN p.metric ELSE ind.label_zh END AS metric,
       COALESCE(p.change, false) AS change, p.unit, p.is_target,
       count(*) AS n_findings,
       count(DISTINCT p.doc_id) AS n_docs,
       avg(p.value) AS avg_value,
       min(p.value) AS min_value,
       max(p.value) AS max_value,
       list(DISTINCT p.doc_id ORDER BY p.doc_id) AS doc_ids
FROM placed p
LEFT JOIN divisions prov ON prov.adcode = substr(p.code, 1, 2) || '0000'
LEFT JOIN divisions city ON city.adcode = p.city_code
LEFT JOIN indicators ind ON ind.code = p.metric_code
GROUP BY ALL
ORDER BY province_code, city_code NULLS FIRST, adcode, year, kind, category, metric_code, change, metric
"""


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Add `divisions`, `place_codes`, `indicators` and the views `cross_city` and `recurrence`.
    A `recurrence` table already written (the Parquet twin) gives way to the view."""
    codes = [r[0] for r in con.execute("SELECT DISTINCT adcode FROM findings WHERE adcode IS NOT NULL").fetchall()]
    indicators = arrow_table(list(vocabulary().values()), INDICATORS)
    for name, table in (("divisions", divisions()), ("place_codes", place_codes_table(codes)),
                        ("indicators", indicators)):
        db.create_table(con, name, table)
    con.execute("DROP TABLE IF EXISTS recurrence")
    con.execute(f"CREATE OR REPLACE VIEW recurrence AS {RECURRENCE_SQL}")
    con.execute(f"CREATE OR REPLACE VIEW cross_city AS {CROSS_CITY_SQL}")
