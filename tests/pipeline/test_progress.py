"""Progress off a terminal: plain lines (done/total, documents/s, time left, failures)."""
from __future__ import annotations

import io
import logging

from pipeline import progress as progress_module
from pipeline.progress import Progress


def test_off_a_terminal_progress_is_plain_periodic_lines(caplog, monkeypatch):
    monkeypatch.setattr(progress_module, "LINE_EVERY_SECONDS", 3600.0)
    with caplog.at_level(logging.INFO, logger="dudao"), Progress(100, stream=io.StringIO()) as progress:
        progress.advance(40, 1)  # not yet time for a line
        progress.advance(60, 2)  # the last batch always gets one
    assert len(caplog.messages) == 1
    line = caplog.messages[0]
    assert line.startswith("mined 100/100 documents, ") and "documents/s" in line and line.endswith(" 3 failed")


def test_one_document_shows_no_progress(caplog):
    with caplog.at_level(logging.INFO, logger="dudao"), Progress(1, stream=io.StringIO()) as progress:
        progress.advance(1, 0)
    assert not caplog.messages
