"""Fuzzing the formats of issue 15: mutated spreadsheets and OFD files give a document
or a typed IngestError — also when calamine, in its child process, panics or aborts."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.ofd_parts import ofd_package
from tests.reliability.test_fuzz import fuzz, ingest_or_typed_error, mutate, mutate_docx_part

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
OFD = ofd_package("岐山县2023年教育督导报告", [[(False, "岐山县2023年教育督导报告"), (True, "全县教育经费4.36亿元，增长6.8%。")]])


@pytest.mark.parametrize("name", ["funding.xlsx", "funding.xls", "funding.ods"])
@fuzz(60)
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 8))
def test_mutated_spreadsheets(name, seed, edits):
    rnd = random.Random(seed)
    ingest_or_typed_error(mutate((FORMATS / name).read_bytes(), rnd, edits))


@fuzz(150)
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 8))
def test_mutated_ofd(seed, edits):
    ingest_or_typed_error(mutate(OFD, random.Random(seed), edits))


@fuzz(150)
@given(seed=st.integers(0, 2**32 - 1))
def test_ofd_with_a_damaged_xml_part(seed):
    ingest_or_typed_error(mutate_docx_part(OFD, random.Random(seed)))
