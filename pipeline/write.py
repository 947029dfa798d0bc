"""Assemble per-document results into the contract's tables and write them.

Every table goes out as Parquet and as CSV (UTF-8 with BOM so Excel reads Chinese),
and all of them into one DuckDB file with the contract's views. The files of a run
are written into a hidden set folder and published together in one atomic step
(`publish_set`), so a killed run leaves the previous outputs whole and a reader never
sees tables of two runs.

A mining run streams: each batch of documents is written as Parquet part files
(`write_part`), and `write_parts` merges the parts into the final tables one part at
a time, so memory does not grow with the corpus.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import db
from pipeline.tables import SCHEMAS, DocResult, arrow_array, arrow_table

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


def write_part(results: list[DocResult], staging: Path, index: int) -> Path:
    """One batch's results as Parquet part files `<staging>/part-NNNNNN.<table>.parquet`
    (the same text twice in a batch already one document); returns the part's stem."""
    stem = staging / f"part-{index:06d}"
    for name, table in assemble(results).items():
        _atomic(_part_file(stem, name), lambda p, t=table: pq.write_table(t, p))
    return stem


@dataclass
class Written:
    n_documents: int
    n_findings: int
    failures: list[dict]  # this run's failures rows


def write_parts(parts: list[Path], out_dir: Path, merge: bool = False,
                extra: Callable[[duckdb.DuckDBPyConnection], dict[str, pa.Table]] | None = None,
                create_views=None) -> Written:
    """The final tables from part files (in input order), streamed: a text found in
    several parts is one document with every source, the first part's findings and
    text kept; with merge, upserted into the tables already in out_dir. Only each
    document's sources and this run's failures rows are held at once; documents,
    findings and texts go through one part at a time. `extra` makes more tables from
    the finished findings.duckdb (its views made by `create_views`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sources: dict[str, dict] = {}  # doc_id -> its "sources" and "parents", from every part
    owned: list[set[str]] = []  # per part, the doc_ids whose row, findings and text it gives
    failures: list[dict] = []
    for stem in parts:
        mine = set()
        for d in _read_file(_part_file(stem, "documents"), columns=["doc_id", *_SOURCES]).to_pylist():
            doc_id = d.pop("doc_id")
            if doc_id in sources:
                _merge_sources(sources[doc_id], d)
            else:
                sources[doc_id] = d
                mine.add(doc_id)
        owned.append(mine)
        failures.extend(_read_file(_part_file(stem, "failures")).to_pylist())
    old = {name: out_dir / f"{name}.parquet" for name in TABLES} if merge else {}
    old = {name: path for name, path in old.items() if path.exists()}
    renewed = set(sources)
    staged: dict[str, Path] = {}
    try:
        staged["documents"] = _temp(out_dir, "documents.parquet")
        with pq.ParquetWriter(staged["documents"], SCHEMAS["documents"]) as writer:
            if "documents" in old:  # kept first; a re-mined document keeps its old sources first
                for batch in pq.ParquetFile(old["documents"]).iter_batches():
                    table = _conform("documents", batch)
                    for d in _owned(table, renewed).select(["doc_id", *_SOURCES]).to_pylist():
                        _merge_sources(sources[d.pop("doc_id")], d, prepend=True)
                    writer.write_table(table.filter(_not_renewed(table, renewed)))
            for stem, mine in zip(parts, owned):
                writer.write_table(_with_sources(_owned(_read_file(_part_file(stem, "documents")), mine), sources))
        staged["failures"] = _temp(out_dir, "failures.parquet")
        pq.write_table(_table("failures", _kept_failures(_rows(_read(old.get("failures"))), sources, failures)
                              + failures), staged["failures"])
        n_findings = 0
        for name in ("findings", "texts"):
            staged[name] = _temp(out_dir, f"{name}.parquet")
            with pq.ParquetWriter(staged[name], SCHEMAS[name]) as writer:
                if name in old:
                    for batch in pq.ParquetFile(old[name]).iter_batches():
                        writer.write_table(_conform(name, batch).filter(_not_renewed(batch, renewed)))
                for stem, mine in zip(parts, owned):
                    writer.write_table(_owned(_read_file(_part_file(stem, name)), mine))
            if name == "findings":
                n_findings = pq.read_metadata(staged[name]).num_rows
        n_documents = pq.read_metadata(staged["documents"]).num_rows
        _publish(staged, out_dir, extra, create_views)
    finally:
        for path in staged.values():
            path.unlink(missing_ok=True)
    return Written(n_documents=n_documents, n_findings=n_findings, failures=failures)


_SOURCES = ("sources", "parents")


def _owned(table: pa.Table, doc_ids: set[str]) -> pa.Table:
    """The rows of these documents: mostly all of a part's rows, returned as they are (a
    filter imports pyarrow.compute, ~0.1 s of a one-document run)."""
    keep = [d in doc_ids for d in table["doc_id"].to_pylist()]
    return table if all(keep) else table.filter(arrow_array(keep, pa.bool_()))


def _with_sources(table: pa.Table, sources: dict[str, dict]) -> pa.Table:
    """Documents rows with every source (and parent) their text was found at."""
    ids = table["doc_id"].to_pylist()
    for key in _SOURCES:
        i = table.schema.get_field_index(key)
        table = table.set_column(i, table.schema.field(i), arrow_array([sources[d][key] for d in ids],
                                                                    table.schema.field(i).type))
    return table


def _part_file(stem: Path, name: str) -> Path:
    return stem.with_name(f"{stem.name}.{name}.parquet")


def _rows(table: pa.Table | None) -> list[dict]:
    return table.to_pylist() if table is not None else []


def _read(path: Path | None) -> pa.Table | None:
    return _read_file(path) if path is not None else None


def _read_file(path: Path, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file; `pq.read_table` would go through pyarrow.dataset, whose import
    imports pandas (~0.4 s of a one-document run, issue 17)."""
    return pq.ParquetFile(path).read(columns=columns)


def _not_renewed(rows: pa.Table | pa.RecordBatch, renewed: set[str]) -> pa.Array:
    """Mask of the rows whose document is not being replaced."""
    return arrow_array([d not in renewed for d in rows["doc_id"].to_pylist()], pa.bool_())


def _conform(name: str, batch: pa.RecordBatch) -> pa.Table:
    """A batch of an older output file with exactly the contract's columns."""
    table = pa.Table.from_batches([batch])
    return pa.table({c: table[c] if c in table.column_names else pa.nulls(len(table))
                     for c in SCHEMAS[name].names}).cast(SCHEMAS[name])


def _kept_failures(old_failures: list[dict], new_sources: dict[str, dict], new_failures: list[dict]) -> list[dict]:
    """Old failures rows of sources neither mined nor failed again in this run."""
    done = {s for d in new_sources.values() for s in d["sources"]} | {f["source"] for f in new_failures}
    return [f for f in old_failures if f["source"] not in done]


def _merge_sources(into: dict, other: dict, prepend: bool = False) -> None:
    for key in ("sources", "parents"):
        extra = [s for s in other.get(key) or [] if s not in into[key]]
        into[key] = (extra + into[key]) if prepend else (into[key] + extra)


def _table(name: str, rows: list[dict]) -> pa.Table:
    return arrow_table(rows, SCHEMAS[name])


def _publish(staged: dict[str, Path], out_dir: Path, extra, create_views) -> list[Path]:
    """From finished Parquet files at temporary names: their CSVs, findings.duckdb and
    the `extra` tables made from it, all in a fresh set folder, published in one step
    (see `publish_set`)."""
    set_dir = out_dir / f"{SET_PREFIX}{uuid.uuid4().hex[:12]}"  # mkdir, not mkdtemp: readable as umask allows
    set_dir.mkdir()
    db = _temp(out_dir, "findings.duckdb")
    try:
        # The CSVs (Python under the GIL) are written beside DuckDB's build, which
        # releases the GIL: another core's work on any machine that has one.
        with ThreadPoolExecutor(max_workers=1) as beside:
            csvs = beside.submit(_write_csvs, staged, set_dir)
            made = {}
            for name, table in _duckdb(db, staged, create_views, extra).items():
                made[name] = set_dir / f"{name}.parquet"
                pq.write_table(table, made[name])
            csvs.result()
        _write_csvs(made, set_dir)
        os.replace(db, set_dir / "findings.duckdb")
        for name, path in staged.items():
            os.replace(path, set_dir / f"{name}.parquet")
        publish_set(out_dir, set_dir)
    except BaseException:
        shutil.rmtree(set_dir, ignore_errors=True)
        raise
    finally:
        db.unlink(missing_ok=True)
    return sorted(out_dir / p.name for p in set_dir.iterdir())


# The output set: the files of one run live in a hidden folder `.set-<random>`; the
# symlink `.current` names the published one, and every `OUT/<file>` is a symlink
# `.current/<file>`. Publishing a set is one rename of a new `.current` over the old:
# a reader opening OUT/documents.parquet and then OUT/findings.parquet gets both from
# the old set or both from the new, never one of each (as ~10 renames in place gave).
# The old set is removed after; a reader holding one of its files open keeps reading.
SET_PREFIX = ".set-"
CURRENT = ".current"


def publish_set(out_dir: Path, set_dir: Path) -> None:
    """Make set_dir the published set of out_dir, then remove the sets before it."""
    _replace_with_link(out_dir / CURRENT, set_dir.name)
    for path in set_dir.iterdir():  # once per file name: then they stay, pointing through .current
        _replace_with_link(out_dir / path.name, f"{CURRENT}/{path.name}")
    for old in out_dir.glob(SET_PREFIX + "*"):
        if old != set_dir:
            shutil.rmtree(old, ignore_errors=True)


def _replace_with_link(path: Path, target: str) -> None:
    """path becomes a relative symlink to target, atomically (whatever was at path)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = _temp(path.parent, path.name)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_csvs(parquet: dict[str, Path], set_dir: Path) -> None:
    for name, path in parquet.items():
        if name != "texts":  # long texts make a CSV nobody opens; Parquet and DuckDB hold them
            _write_csv(path, set_dir / f"{name}.csv")


def _write_csv(parquet: Path, path: Path) -> None:
    """A Parquet table as CSV (UTF-8 with BOM so Excel reads Chinese), a batch at a time:
    a null is an empty cell, a list JSON text (so a cell round-trips), any other value
    its str() (floats shortest round-trip, dates ISO, True/False). Written with the csv
    module alone: pandas' import cost a one-document run ~0.4 s (issue 17)."""
    table = pq.ParquetFile(parquet)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(table.schema_arrow.names)
        for batch in table.iter_batches(batch_size=5000):
            writer.writerows(zip(*map(_csv_cells, batch.columns)))


def _csv_cells(column: pa.Array) -> list:
    values = column.to_pylist()
    if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
        return [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
    return values


def _duckdb(path: Path, parquet: dict[str, Path], create_views, extra=None) -> dict[str, pa.Table]:
    """Every table read straight from its Parquet file, in DuckDB's bounded memory
    (pipeline/db.py: else its buffers grow with the texts table), then the views and
    the `extra` tables made from them over the same connection (a second database
    reading the Parquet files again cost a one-document run ~0.08 s)."""
    def build(memory_limit: str | None) -> dict[str, pa.Table]:
        con = db.connect(path, memory_limit=memory_limit)
        try:
            for name, source in parquet.items():
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(source)])
            if create_views is not None:
                create_views(con)
            return extra(con) if extra is not None else {}
        finally:
            _close(con)

    return db.bounded(build, retry=lambda: _remove_database(path))


def _close(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.close()
    except duckdb.Error:  # already closed by a fatal error, which is the one to report
        pass


def _remove_database(path: Path) -> None:
    """A database file a failed build left, with its write-ahead log and spill folder."""
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".tmp"), ignore_errors=True)


def clear_leftovers(out_dir: Path) -> list[Path]:
    """Remove what a killed run left in out_dir: staging folders of part files, sets it
    did not get to publish and temporary files (the caller holds the folder's lock, so
    the run that made them is gone)."""
    if not out_dir.is_dir():
        return []
    current = os.readlink(out_dir / CURRENT) if (out_dir / CURRENT).is_symlink() else None
    left = [p for p in out_dir.iterdir()
            if p.name.startswith(".staging-") or (p.name.startswith(".") and p.name.endswith(".tmp"))
            or (p.name.startswith(SET_PREFIX) and p.name != current)]
    for p in left:
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
    return left


def _temp(out_dir: Path, name: str) -> Path:
    """A fresh temporary name beside `name` in out_dir; the file itself is not created
    (writers such as DuckDB want to create it)."""
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
    os.close(fd)
    os.unlink(tmp)
    return Path(tmp)


def _atomic(path: Path, write) -> Path:
    tmp = _temp(path.parent, path.name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
