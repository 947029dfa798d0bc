"""Metric labels are names a reader understands: the indicator's name, or a clean noun
phrase; never a list number, a bracket, a bare number, a lone character or a verb
fragment — checked on examples and on every label the dev set gives."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.quantities import clean_metric
from tests.conftest import SHARED

# The label shapes refused, written here independently of the cleaner.
REFUSED = {
    "list number or bracket in front": re.compile(r"^\s*(?:[(（\[【)）\]】]|\d+\s*[.、．)）]|[一二三四五六七八九十]+\s*[、.．)）])"),
    "bracket left open or closed alone": re.compile(r"^[^(（]*[)）]|[(（][^)）]*$"),
    "digits only": re.compile(r"^[\d\s.,，%％\-—~～]+$"),
    "single character": re.compile(r"^.$"),
    "opens with a link word": re.compile(r"^(?:分别|比|较|为|达|和|及|与|的|了)"),
}


def refused_shapes(label: str) -> list[str]:
    return [name for name, shape in REFUSED.items() if shape.search(label)]


@pytest.mark.parametrize("raw, clean", [
    ("1.全县幼儿园", "全县幼儿园"),
    ("(2)县级财政补助", "县级财政补助"),
    ("三、专项债券资金", "专项债券资金"),
    ("四)少拨工程款", "少拨工程款"),
    ("县级教育附加(按实征数计", "县级教育附加"),
    ("培训机构资金监管平台(含线上)入驻率", "培训机构资金监管平台入驻率"),
    ("4567", None),
    ("率", None),
    ("分别比上年提升幅度", None),
    ("比去年增长率", None),
    ("全县", None),
    ("12个乡镇将", None),
    (None, None),
])
def test_clean_metric_cuts_list_numbers_and_refuses_fragments(raw, clean):
    assert clean_metric(raw) == clean


@pytest.fixture(scope="module")
def dev_figures(tmp_path_factory) -> list[dict]:
    """The percent and money rows of the dev set, mined in this process."""
    from pipeline.mine import collect_inputs
    from pipeline.process import process_source
    from pipeline.settings import Settings

    texts = SHARED / "devset" / "texts"
    if not texts.is_dir():
        pytest.fail(f"{texts} is missing: the test reads the shared dev set")
    settings = Settings(out_dir=Path(tmp_path_factory.mktemp("out")), progress=False)
    return [row for src in collect_inputs([texts]) for row in process_source(src, settings).findings
            if row["kind"] in ("percent", "money")]


def test_no_dev_set_label_has_a_refused_shape(dev_figures):
    labels = {row["metric"] for row in dev_figures if row["metric"]}
    assert labels, "the dev set gave no metric labels at all"
    assert {label: refused_shapes(label) for label in labels if refused_shapes(label)} == {}


def test_every_dev_set_figure_has_a_metric_code(dev_figures):
    assert dev_figures and all(row["metric_code"] for row in dev_figures)
