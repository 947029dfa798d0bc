"""One source file through every stage: read → ingest → normalise → extract → rows.

Whatever goes wrong in a stage becomes a `Failure` naming the source, the stage and
the reason; the caller never sees an exception, so one bad file costs one row.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractors import places
from extractors.document import analyse
from extractors.models import DocContext
from pipeline import errors
from pipeline.cache import ResultCache
from pipeline.ingest import ingest, read_file
from pipeline.normalise import normalise
from pipeline.settings import Settings
from pipeline.tables import DocResult, Failure, doc_id_of, document_row, finding_row


# Prefect runs batch tasks in threads, and the extractors share a spaCy vocabulary and
# jieba's dictionary that are not thread-safe: concurrent make_doc calls lost strings
# from spaCy's StringStore (KeyError E018 -> extract_error rows for good documents).
# Extraction is pure Python under the GIL anyway; ingest (lxml, pdfium) stays parallel.
EXTRACT_LOCK = threading.Lock()
# The kinds of the catch-all below: a bug or a passing fault (a race, memory), so such
# a result is not cached and the next run tries the file again; so is a missing program
# (LibreOffice, Tesseract), which the next run may have.
NOT_CACHED_KINDS = {errors.IngestError.kind, errors.ExtractError.kind, errors.MissingTool.kind}


@dataclass(frozen=True)
class SourceFile:
    """A file to mine and where it was found (a URL when crawled, else its path)."""

    path: Path
    source: str
    parent: str | None = None  # the article a crawled attachment came from
    # what the user states about the file (a sources manifest): used like what the page states
    publisher: str | None = None
    publish_date: date | None = None
    region_code: str | None = None
    listed: bool = False  # in a sources manifest: the file's path is a place it was found too

    @property
    def locations(self) -> list[str]:
        """Where the text was found: the source, and a listed file's own path (an
        archived crawl file's path is no place a reader finds it)."""
        return list(dict.fromkeys((self.source, str(self.path)) if self.listed else (self.source,)))

    @property
    def evidence(self) -> str:
        """What, besides the bytes, the extractors read: a URL and the stated facts."""
        url = self.source if "://" in self.source else ""
        return repr((url, self.publisher, self.publish_date, self.region_code))


def process_source(src: SourceFile, settings: Settings, cache: ResultCache | None = None) -> DocResult:
    try:
        data = read_file(src.path, settings.limits)
    except errors.DudaoError as e:
        return _failed(src, "read", e)
    sha = hashlib.sha256(data).hexdigest()
    # The limits are part of the key: raising one must re-read a file it refused.
    # The source's evidence too: the same bytes at another URL may belong to another region.
    key = f"{sha}-{hashlib.sha256((repr(settings.limits) + src.evidence).encode()).hexdigest()[:8]}"
    if cache is not None:
        hit = cache.get(key)
        if hit is not None:
            return _relabel(hit, src)
    result = _process_bytes(data, sha, src, settings)
    if cache is not None and not (result.failure and result.failure.error_kind in NOT_CACHED_KINDS):
        cache.put(key, result)
    return result


def _process_bytes(data: bytes, sha: str, src: SourceFile, settings: Settings) -> DocResult:
    stage = "ingest"
    try:
        doc = ingest(data, src.source, settings.limits)
        stage = "normalise"
        norm = normalise(doc)
        if len(norm.text) > settings.limits.max_chars:
            raise errors.LimitExceeded(
                f"{len(norm.text)} characters after normalisation, over the limit of {settings.limits.max_chars}")
        if not norm.text.strip():
            raise errors.NoText("no readable text after normalisation")
        stage = "extract"
        doc_id = doc_id_of(norm.text)
        ctx = DocContext(doc_id=doc_id, title=norm.title, publisher=src.publisher or norm.publisher,
                         publish_date=src.publish_date or norm.publish_date, blocks=norm.blocks,
                         source=src.source, stated_region=src.region_code)
        with EXTRACT_LOCK:
            ctx, findings = analyse(norm.text, ctx)
    except errors.DudaoError as e:
        return _failed(src, stage, e)
    except Exception as e:  # a bug in a parser or extractor: recorded, the run goes on
        return _failed(src, stage, errors.ExtractError(f"{type(e).__name__}: {e}") if stage == "extract"
                       else errors.IngestError(f"{type(e).__name__}: {e}"))
    document = document_row(doc_id, ctx, fmt=norm.format, source=src.source, parent=src.parent,
                            script=norm.script, n_chars=len(norm.text), cleaning=list(norm.cleaning),
                            districts=places.district_codes(ctx), content_sha256=sha)
    document["sources"] = src.locations
    return DocResult(source=src.source, document=document,
                     findings=[finding_row(doc_id, f) for f in findings], text=norm.text)


def _failed(src: SourceFile, stage: str, e: errors.DudaoError) -> DocResult:
    return DocResult(source=src.source, failure=Failure(src.source, stage, e.kind, e.message))


def _relabel(hit: DocResult, src: SourceFile) -> DocResult:
    """A cached result for the same bytes found at another source."""
    if hit.failure is not None:
        return DocResult(source=src.source, failure=Failure(src.source, hit.failure.stage,
                                                            hit.failure.error_kind, hit.failure.message))
    document = dict(hit.document, sources=src.locations, parents=[src.parent] if src.parent else [])
    return DocResult(source=src.source, document=document, findings=hit.findings, text=hit.text)
