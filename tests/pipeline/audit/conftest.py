"""Findings and documents in the contract's schema, built row by row for audit tests."""
from __future__ import annotations

import pandas as pd
import pytest

FINDING_DEFAULTS = dict(section="problem", place_level="county", places=[], metric=None, category=None,
                        value=None, value_from=None, unit=None, per=None, qualifier="exact", is_target=False,
                        text="", sentence="", start=0, end=0, flags=[])


def findings_frame(rows: list[dict]) -> pd.DataFrame:
    out = []
    for i, r in enumerate(rows):
        row = {**FINDING_DEFAULTS, "finding_id": f"f{i}", **r}
        row.setdefault("year", None)
        out.append(row)
    df = pd.DataFrame(out)
    df["year"] = df["year"].astype("Int32")
    return df


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    out = [{"sources": [f"/reports/{r['doc_id']}.html"], "format": "html", "title": f"{r['report_year']}年督导报告",
            "publisher": None, "publish_date": None, "region_code": "110000", "region_name": "北京市",
            "districts": [], "report_type": "inspection", "script": "simplified", "n_chars": 1000,
            "cleaning": [], **r} for r in rows]
    df = pd.DataFrame(out)
    df["report_year"] = df["report_year"].astype("Int32")
    return df


@pytest.fixture
def make_findings():
    return findings_frame


@pytest.fixture
def make_documents():
    return documents_frame
