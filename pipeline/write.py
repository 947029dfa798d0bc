"""Assemble per-document results into the contract's tables and write them.

Every table goes out as Parquet and as CSV (UTF-8 with BOM so Excel reads Chinese),
and all of them into one DuckDB file with the contract's views. Each file is written
to a temporary name in the output folder and renamed into place, so a killed run
leaves the previous outputs whole.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.tables import SCHEMAS, DocResult

TABLES = ("documents", "findings", "failures", "texts")


def assemble(results: list[DocResult]) -> dict[str, pa.Table]:
    """Tables from results; the same normalised text found at several sources is one
    document with every source (the first source's findings are kept)."""
    documents: dict[str, dict] = {}
    findings, failures, texts = [], [], []
    for r in results:
        if r.failure is not None:
            failures.append(vars(r.failure))
            continue
        doc = r.document
        known = documents.get(doc["doc_id"])
        if known is not None:
            _merge_sources(known, doc)
            continue
        documents[doc["doc_id"]] = dict(doc)
        findings.extend(r.findings)
        texts.append({"doc_id": doc["doc_id"], "text": r.text})
    return {
        "documents": _table("documents", list(documents.values())),
        "findings": _table("findings", findings),
        "failures": _table("failures", failures),
        "texts": _table("texts", texts),
    }


def merge_into_existing(new: dict[str, pa.Table], out_dir: Path) -> dict[str, pa.Table]:
    """Upsert `new` into the tables already in out_dir: rows of re-mined documents are
    replaced, their sources merged, failures of sources now mined are dropped."""
    old = {name: pq.read_table(out_dir / f"{name}.parquet") for name in TABLES
           if (out_dir / f"{name}.parquet").exists()}
    if not old:
        return new
    new_docs = {d["doc_id"]: d for d in new["documents"].to_pylist()}
    kept_docs = []
    for d in old.get("documents", _table("documents", [])).to_pylist():
        if d["doc_id"] in new_docs:
            _merge_sources(new_docs[d["doc_id"]], d, prepend=True)
        else:
            kept_docs.append(d)
    renewed = set(new_docs)
    mined_sources = {s for d in new_docs.values() for s in d["sources"]}
    new_failed = {f["source"] for f in new["failures"].to_pylist()}

    def keep(name, pred):
        return [r for r in old.get(name, _table(name, [])).to_pylist() if pred(r)]

    return {
        "documents": _table("documents", kept_docs + list(new_docs.values())),
        "findings": _table("findings", keep("findings", lambda r: r["doc_id"] not in renewed)
                           + new["findings"].to_pylist()),
        "failures": _table("failures", keep("failures", lambda r: r["source"] not in mined_sources
                                            and r["source"] not in new_failed)
                           + new["failures"].to_pylist()),
        "texts": _table("texts", keep("texts", lambda r: r["doc_id"] not in renewed) + new["texts"].to_pylist()),
    }


def _merge_sources(into: dict, other: dict, prepend: bool = False) -> None:
    for key in ("sources", "parents"):
        extra = [s for s in other.get(key) or [] if s not in into[key]]
        into[key] = (extra + into[key]) if prepend else (into[key] + extra)


def _table(name: str, rows: list[dict]) -> pa.Table:
    schema = SCHEMAS[name]
    return pa.Table.from_pylist([{c: r.get(c) for c in schema.names} for r in rows], schema=schema)


def write_tables(tables: dict[str, pa.Table], out_dir: Path, extra: dict[str, pd.DataFrame] | None = None,
                 create_views=None) -> list[Path]:
    """Write every table as Parquet + CSV, and all into findings.duckdb; atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = {name: t.to_pandas() for name, t in tables.items()}
    frames.update(extra or {})
    written = []
    for name, table in tables.items():
        written.append(_atomic(out_dir / f"{name}.parquet", lambda p, t=table: pq.write_table(t, p)))
    for name, df in (extra or {}).items():
        written.append(_atomic(out_dir / f"{name}.parquet", lambda p, d=df: d.to_parquet(p, index=False)))
    for name, df in frames.items():
        if name == "texts":
            continue  # long texts make a CSV nobody opens; Parquet and DuckDB hold them
        written.append(_atomic(out_dir / f"{name}.csv", lambda p, d=df: _csv(d).to_csv(p, index=False,
                                                                                      encoding="utf-8-sig")))
    written.append(_atomic(out_dir / "findings.duckdb", lambda p: _duckdb(p, frames, create_views)))
    return written


def _csv(df: pd.DataFrame) -> pd.DataFrame:
    """Lists as JSON text, so a CSV cell round-trips."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
            out[col] = out[col].map(lambda v: json.dumps(list(v), ensure_ascii=False)
                                    if v is not None and not isinstance(v, float) else "[]")
    return out


def _duckdb(path: Path, frames: dict[str, pd.DataFrame], create_views) -> None:
    con = duckdb.connect(str(path))
    try:
        for name, df in frames.items():
            con.register("_frame", df)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _frame')
            con.unregister("_frame")
        if create_views is not None:
            create_views(con)
    finally:
        con.close()


def _atomic(path: Path, write) -> Path:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.unlink(tmp)  # writers (duckdb) want to create the file themselves
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
