"""The output tables of the findings contract (spec/FINDINGS.md): their schemas, and
rows built from the records the extractors return. One place names every column."""
from __future__ import annotations

import datetime
import hashlib
from array import array
from dataclasses import dataclass, field
from itertools import accumulate

import pyarrow as pa

from extractors.models import DocContext, Finding

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()),
    ("sources", pa.list_(pa.string())),
    ("parents", pa.list_(pa.string())),  # article a crawled attachment came from
    ("format", pa.string()),
    ("title", pa.string()),
    ("publisher", pa.string()),
    ("publish_date", pa.date32()),
    ("region_code", pa.string()),
    ("region_name", pa.string()),
    ("region_evidence", pa.string()),
    ("districts", pa.list_(pa.string())),
    ("report_year", pa.int32()),
    ("report_type", pa.string()),
    ("script", pa.string()),
    ("n_chars", pa.int64()),
    ("cleaning", pa.list_(pa.string())),
    ("content_sha256", pa.string()),  # of the raw bytes of the first source
])

FINDINGS = pa.schema([
    ("finding_id", pa.string()),
    ("doc_id", pa.string()),
    ("kind", pa.string()),
    ("section", pa.string()),
    ("adcode", pa.string()),
    ("place", pa.string()),
    ("place_level", pa.string()),
    ("places", pa.list_(pa.string())),
    ("year", pa.int32()),
    ("metric", pa.string()),
    ("metric_code", pa.string()),  # indicator code from spec/metrics.tsv
    ("change", pa.bool_()),  # percent/money: a change of the indicator, not its level
    ("category", pa.string()),
    ("value", pa.float64()),
    ("value_from", pa.float64()),
    ("unit", pa.string()),
    ("direction", pa.string()),  # up | down for a figure written after a verb of change
    ("per", pa.string()),
    ("qualifier", pa.string()),
    ("is_target", pa.bool_()),
    ("text", pa.string()),
    ("sentence", pa.string()),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("flags", pa.list_(pa.string())),
])

FAILURES = pa.schema([
    ("source", pa.string()),
    ("stage", pa.string()),  # read | ingest | normalise | extract
    ("error_kind", pa.string()),
    ("message", pa.string()),
])

TEXTS = pa.schema([
    ("doc_id", pa.string()),
    ("text", pa.string()),
])

SCHEMAS = {"documents": DOCUMENTS, "findings": FINDINGS, "failures": FAILURES, "texts": TEXTS}


def arrow_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """The rows as a table of `schema` (a missing key is a null); what
    `pa.Table.from_pylist(rows, schema)` gives."""
    return pa.Table.from_arrays([arrow_array([r.get(field.name) for r in rows], field.type) for field in schema],
                                schema=schema)


_EPOCH = datetime.date(1970, 1, 1)


def arrow_array(values: list, type: pa.DataType) -> pa.Array:
    """Python values (None a null) as an Arrow array of `type`, what `pa.array(values,
    type)` gives, built from its buffers: pyarrow asks pandas whether any object it
    converts is pandas-like, importing pandas (~0.4 s of a one-document run, issue 17),
    and nothing else in a run needs pandas. The types of the contract's tables only."""
    n = len(values)
    valid = [v is not None for v in values]
    validity = None if all(valid) else _bitmap(valid)
    if pa.types.is_string(type):
        data = [v.encode() if v is not None else b"" for v in values]
        offsets = array("i", accumulate(map(len, data), initial=0))
        return pa.Array.from_buffers(type, n, [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))])
    if pa.types.is_list(type):
        lists = [v if v is not None else () for v in values]
        offsets = array("i", accumulate(map(len, lists), initial=0))
        child = arrow_array([x for v in lists for x in v], type.value_type)
        return pa.Array.from_buffers(type, n, [validity, pa.py_buffer(offsets)], children=[child])
    if pa.types.is_boolean(type):
        return pa.Array.from_buffers(type, n, [validity, _bitmap([bool(v) for v in values])])
    if pa.types.is_date32(type):
        days = array("i", [(v - _EPOCH).days if v is not None else 0 for v in values])
        return pa.Array.from_buffers(type, n, [validity, pa.py_buffer(days)])
    code = {pa.int32(): "i", pa.int64(): "q", pa.float64(): "d"}.get(type)
    if code is None:
        raise TypeError(f"no Arrow conversion for {type}")
    if code != "d":  # an integral float (2019.0) is taken for an integer column, as pyarrow takes it
        values = [int(v) if isinstance(v, float) and v.is_integer() else v for v in values]
    numbers = array(code, [v if v is not None else 0 for v in values])
    return pa.Array.from_buffers(type, n, [validity, pa.py_buffer(numbers)])


def _bitmap(flags: list[bool]) -> pa.Buffer:
    """Arrow's bit-packed booleans, least significant bit first."""
    packed = bytearray((len(flags) + 7) // 8)
    for i, flag in enumerate(flags):
        if flag:
            packed[i >> 3] |= 1 << (i & 7)
    return pa.py_buffer(packed)


def doc_id_of(text: str) -> str:
    """Stable id: first 16 hex chars of sha256 of the normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def finding_row(doc_id: str, f: Finding) -> dict:
    # Finding's fields are flat (lists of strings at most): a shallow copy, where
    # dataclasses.asdict's recursive deep copy cost as much as parsing the HTML
    row = {k: list(v) if isinstance(v, list) else v for k, v in vars(f).items()}
    # kind + category + place + start keep multi-label and multi-place rows distinct
    key = f"{f.kind}:{f.start}:{f.category or ''}:{f.adcode or ''}"
    row["finding_id"] = f"{doc_id}:{hashlib.sha1(key.encode()).hexdigest()[:12]}"
    row["doc_id"] = doc_id
    return row


def document_row(doc_id: str, ctx: DocContext, *, fmt: str, source: str, parent: str | None,
                 script: str, n_chars: int, cleaning: list[str], districts: list[str],
                 content_sha256: str) -> dict:
    return {
        "doc_id": doc_id,
        "sources": [source],
        "parents": [parent] if parent else [],
        "format": fmt,
        "title": ctx.title,
        "publisher": ctx.publisher,
        "publish_date": ctx.publish_date,
        "region_code": ctx.region.adcode if ctx.region else None,
        "region_name": ctx.region.name if ctx.region else None,
        "region_evidence": ctx.region_evidence or None,
        "districts": districts,
        "report_year": ctx.report_year,
        "report_type": ctx.report_type,
        "script": script,
        "n_chars": n_chars,
        "cleaning": cleaning,
        "content_sha256": content_sha256,
    }


@dataclass
class Failure:
    source: str
    stage: str
    error_kind: str
    message: str


@dataclass
class DocResult:
    """Everything one source file produced: a document with its findings and text, or
    a failure. Picklable, so it can come back from a Dask worker."""

    source: str
    document: dict | None = None
    findings: list[dict] = field(default_factory=list)
    text: str | None = None
    failure: Failure | None = None
