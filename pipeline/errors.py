"""Every error dudao raises on purpose, in one catalogue.

Each class has a `kind` (the `failures.error_kind` value) and a one-line docstring
that says what went wrong. A failure is carried as data — a row of the `failures`
table naming the source, the stage and a message a person understands — and never
stops the rest of a run.
"""
from __future__ import annotations


class DudaoError(Exception):
    """Base class of dudao's own errors."""

    kind = "error"

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source


class IngestError(DudaoError):
    """A file could not be turned into text."""

    kind = "ingest_error"


class EmptyFile(IngestError):
    """The file has no bytes."""

    kind = "empty_file"


class UnknownFormat(IngestError):
    """The bytes are not in a format dudao reads (see pipeline/ingest/sniff.py)."""

    kind = "unknown_format"


class UndecodableText(IngestError):
    """The bytes do not decode as text in any plausible encoding."""

    kind = "undecodable"


class CorruptFile(IngestError):
    """The file is truncated or damaged and its parser gave up."""

    kind = "corrupt_file"


class NoTextLayer(IngestError):
    """A PDF whose pages carry no text and whose scans OCR read no text from."""

    kind = "no_text_layer"


class MissingTool(IngestError):
    """A program a format needs (LibreOffice, Tesseract) is not installed."""

    kind = "missing_tool"


class ConversionFailed(IngestError):
    """LibreOffice or Tesseract ran and gave up on the file."""

    kind = "conversion_failed"


class EncryptedFile(IngestError):
    """A password-protected file."""

    kind = "encrypted"


class LimitExceeded(IngestError):
    """A safety limit was reached (size, members, pages, characters, time)."""

    kind = "limit_exceeded"


class UnsafeContent(IngestError):
    """The file contains something dudao refuses to parse (e.g. XML entities)."""

    kind = "unsafe_content"


class NoText(IngestError):
    """The file parsed but holds no readable text."""

    kind = "no_text"


class UnreadablePath(IngestError):
    """The path is a directory, a broken link, or cannot be opened."""

    kind = "unreadable_path"


class ExtractError(DudaoError):
    """An extractor failed on a document (a bug: recorded, the run goes on)."""

    kind = "extract_error"


class MiningError(DudaoError):
    """An unexpected error while mining a file, outside its stages (a bug or an
    environment fault such as an unwritable cache; the traceback is in the log)."""

    kind = "mining_error"


class WorkerDied(DudaoError):
    """The worker process mining the file died (a crash in a C library, the kernel's
    out-of-memory killer), again when the file was mined alone."""

    kind = "worker_died"


class FetchError(DudaoError):
    """A URL could not be fetched (after retries where they apply)."""

    kind = "fetch_error"


class Refused(FetchError):
    """A URL was not fetched on purpose (robots.txt, scheme, host, private address)."""

    kind = "refused"


class MissingOutput(DudaoError):
    """An output folder lacks the tables a command reads (run `dudao mine` first)."""

    kind = "missing_output"


class BadQuery(DudaoError):
    """A user's SQL failed to run against the findings tables."""

    kind = "bad_query"


class BadSourcesManifest(DudaoError):
    """A sources manifest (mine --sources) is missing, lacks a column or holds a bad value."""

    kind = "bad_sources_manifest"


class OutputBusy(DudaoError):
    """Another dudao run holds the output folder (or crawl state) and we were told not to wait."""

    kind = "output_busy"
