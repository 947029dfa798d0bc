"""DuckDB in bounded memory: the connections the writer and the audit use cap DuckDB's
buffer pool and threads, and work that needs more than the cap runs again uncapped."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import db, write


def test_a_connection_has_the_memory_limit_and_one_thread(tmp_path):
    con = db.connect(tmp_path / "x.duckdb", spill_dir=tmp_path / "spill")
    try:
        limit, threads, spill = con.execute("SELECT current_setting('memory_limit'), current_setting('threads'), "
                                            "current_setting('temp_directory')").fetchone()
    finally:
        con.close()
    assert (threads, spill) == (db.THREADS, str(tmp_path / "spill"))
    assert limit != duckdb.connect().execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_findings_duckdb_holds_a_text_larger_than_the_memory_limit(tmp_path, monkeypatch):
    """One text of 3 MB against a 1 MB pool, then a 2 MB one: DuckDB runs out, the build
    runs again in the next pool, then without a cap, and the database holds the whole
    text and nothing the failed tries left."""
    text = "督导" * 500_000
    source = tmp_path / "texts.parquet"
    pq.write_table(pa.table({"doc_id": ["d1"], "text": [text]}), source)
    tries = []
    monkeypatch.setattr(db, "MEMORY_LIMIT", "1MB")
    monkeypatch.setattr(db, "FALLBACK_LIMITS", ("2MB", None))
    connect = db.connect
    monkeypatch.setattr(db, "connect", lambda *a, **k: tries.append(k["memory_limit"]) or connect(*a, **k))
    path = tmp_path / ".findings.duckdb.tmp"
    write._duckdb(path, {"texts": source}, None)
    assert tries == ["1MB", "2MB", None]
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert con.execute("SELECT doc_id, text FROM texts").fetchall() == [("d1", text)]
    finally:
        con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name, "texts.parquet"]


def test_an_error_other_than_memory_is_not_retried():
    tries = []

    def work(limit):
        tries.append(limit)
        raise duckdb.CatalogException("Table with name nope does not exist!")

    with pytest.raises(duckdb.CatalogException):
        db.bounded(work)
    assert tries == [db.MEMORY_LIMIT]
