"""The audit report opened in headless Chromium (Debian package `chromium`, with
`fonts-noto-cjk` for the Chinese text): charts render, no console errors, screenshot."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pipeline.audit.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=10000"]
SCREENSHOT = Path("/tmp/dudao_audit_report.png")  # kept after the run, for a person to look at

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)")]


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180, check=True)


@pytest.fixture
def rendered(sample_out, tmp_path):
    report = write_report(sample_out, sample_out / "audit.html")
    run = chromium(tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom", report.as_uri())
    return report, run.stdout, run.stderr


def test_charts_render(rendered):
    _, dom, _ = rendered
    # plotly adds `js-plotly-plot` and draws an SVG only when a chart actually rendered
    plots = re.findall(r'<div id="([^"]+)" class="[^"]*\bjs-plotly-plot\b', dom)
    assert plots == ["heatmap-chart", "category-chart-funding", "category-chart-school_places",
                     "category-chart-teachers"]
    assert dom.count('class="main-svg"') >= len(plots)
    assert re.search(r'class="heatmaplayer', dom)


def test_no_console_errors(rendered):
    _, _, log = rendered
    assert [line for line in log.splitlines() if ":CONSOLE" in line] == []


def test_screenshot(rendered, tmp_path):
    report, _, _ = rendered
    SCREENSHOT.unlink(missing_ok=True)
    chromium(tmp_path / "profile2", "--window-size=1280,2400", "--hide-scrollbars",
             f"--screenshot={SCREENSHOT}", report.as_uri())
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert SCREENSHOT.stat().st_size > 50_000  # a blank page is a few KB
