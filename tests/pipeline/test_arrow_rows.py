"""pipeline.tables.arrow_table builds the contract's tables from Arrow buffers (so a run
does not import pandas, which pyarrow's own conversion does): the same tables as
`pa.Table.from_pylist`, for every column type of the contract. A one-document run
imports neither pandas nor pyarrow.compute."""
from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pyarrow as pa
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.tables import SCHEMAS, arrow_array, arrow_table
from tests.conftest import ROOT

_TEXT = st.text(st.sampled_from(list("督导评估学校𠀀\"',\n ab1")), max_size=8)
_VALUES = {
    pa.string(): _TEXT,
    pa.list_(pa.string()): st.lists(_TEXT, max_size=3),
    pa.int32(): st.integers(-2**31, 2**31 - 1),
    pa.int64(): st.integers(-2**63, 2**63 - 1),
    pa.float64(): st.floats(allow_nan=False),
    pa.bool_(): st.booleans(),
    pa.date32(): st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1)),
}


def rows_of(schema: pa.Schema):
    """Rows of the schema with any value, a null, or the key missing."""
    cells = {f.name: st.one_of(st.none(), _VALUES[f.type]) for f in schema}
    return st.lists(st.fixed_dictionaries({}, optional=cells), max_size=12)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_tables_equal_pyarrows_own_conversion(name):
    schema = SCHEMAS[name]

    @given(rows_of(schema))
    @settings(max_examples=150, deadline=None)
    def check(rows):
        ours = arrow_table(rows, schema)
        ours.validate(full=True)
        assert ours.equals(pa.Table.from_pylist(rows, schema=schema))

    check()


def test_an_integral_float_is_taken_for_an_integer_column_as_pyarrow_takes_it():
    assert arrow_array([2019.0, None, 7], pa.int32()).equals(pa.array([2019.0, None, 7], pa.int32()))
    with pytest.raises(TypeError):
        arrow_array([2019.5], pa.int32())


def test_a_type_outside_the_contract_is_refused():
    with pytest.raises(TypeError):
        arrow_table([{"x": 1.5}], pa.schema([("x", pa.float32())]))


def test_a_one_document_mine_imports_neither_pandas_nor_pyarrow_compute(tmp_path):
    """Their imports were ~0.4 s and ~0.1 s of a one-document run (issue 17)."""
    report = tmp_path / "report.txt"
    report.write_text("2023年某县教育督导评估报告\n该县义务教育学校大班额问题突出，教师编制不足。\n", encoding="utf-8")
    check = ("import sys; from pipeline.cli import main; rc = main(['mine', sys.argv[1], '--out', sys.argv[2]]); "
             "imported = [m for m in ('pandas', 'pyarrow.compute') if m in sys.modules]; "
             "assert not imported, imported; sys.exit(rc)")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_HOME=str(tmp_path / "prefect"))
    done = subprocess.run([sys.executable, "-c", check, str(report), str(tmp_path / "out")], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
