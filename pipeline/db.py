"""DuckDB connections whose memory does not grow with the tables they load.

By default DuckDB keeps what it reads and writes in a buffer pool of up to 80% of the
machine's memory and runs a thread per core, so building findings.duckdb grew with
the `texts` table (10k documents: +570 MiB, ~4 times the texts' UTF-8 bytes). A
bounded pool spills to a temporary folder instead (beside a database file, or the one
given): with 64 MB and one thread, loading the 10k corpus's tables peaked at
+150 MiB, and 30k texts the same (docs/scale.md).

A bounded pool can be too small for what DuckDB must pin at once — the column chunk of
one huge Parquet row group, or the overflow blocks of many texts of millions of
characters in one row group — so `bounded` runs the work again in a larger pool, then
in DuckDB's default one, when a pool runs out: rare inputs cost memory, not the run.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

MEMORY_LIMIT = "64MB"
# Tried in turn after MEMORY_LIMIT when DuckDB runs out; None is DuckDB's default.
FALLBACK_LIMITS: tuple[str | None, ...] = ("1GB", None)
THREADS = 1

T = TypeVar("T")


def connect(path: Path | str = ":memory:", spill_dir: Path | None = None,
            memory_limit: str | None = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """A connection with a bounded buffer pool (none when memory_limit is None) and one
    thread; it spills to `spill_dir` (DuckDB's default: `<path>.tmp`)."""
    con = duckdb.connect(str(path))
    try:
        con.execute(f"SET threads = {THREADS}")
        if memory_limit is not None:
            con.execute("SET memory_limit = ?", [memory_limit])
        if spill_dir is not None:
            con.execute("SET temp_directory = ?", [str(spill_dir)])
    except BaseException:
        con.close()
        raise
    return con


def bounded(work: Callable[[str | None], T], retry: Callable[[], None] = lambda: None) -> T:
    """`work(memory_limit)` with MEMORY_LIMIT, or, each time DuckDB runs out of memory
    within it, again (after `retry()`, which undoes what the failed try left) with the
    next of FALLBACK_LIMITS."""
    limits = (MEMORY_LIMIT, *FALLBACK_LIMITS)
    for limit in limits[:-1]:
        try:
            return work(limit)
        except duckdb.Error as e:
            if not out_of_memory(e):
                raise
        retry()
    return work(limits[-1])


def out_of_memory(e: duckdb.Error) -> bool:
    """DuckDB ran out of its pool: an allocation failed, or a commit or checkpoint
    could not pin a block (those come as transaction or fatal errors)."""
    return isinstance(e, duckdb.OutOfMemoryException) or (
        isinstance(e, (duckdb.TransactionException, duckdb.FatalException)) and "pin block" in str(e))


def create_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """`name` (replaced if there) holding the rows of an Arrow table. Passed through a
    Parquet file, which DuckDB reads natively: scanning a Python object (register,
    from_arrow, a replacement scan) makes this DuckDB import pandas, ~0.4 s of a
    one-document run (issue 17)."""
    with tempfile.TemporaryDirectory(prefix="dudao-table-") as tmp:
        path = Path(tmp) / f"{name}.parquet"
        pq.write_table(table, path)
        con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(path)])
