"""The dev-set gate: the 47 real pages of ../shared/devset mined in this process (as
scripts/devscore.py does) and scored against their gold must stay at or above the
floors in devset_floors.yaml."""
from __future__ import annotations

import pyarrow.parquet as pq

from pipeline import score
from pipeline.mine import collect_inputs
from pipeline.process import process_source
from pipeline.settings import Settings
from pipeline.write import assemble
from tests.conftest import ROOT

FLOORS = ROOT / "devset_floors.yaml"


def test_devset_is_at_or_above_the_floors(shared, tmp_path):
    devset = shared / "devset"
    settings = Settings(out_dir=tmp_path, progress=False)
    tables = assemble([process_source(src, settings) for src in collect_inputs([devset / "texts"])])
    for name in ("documents", "findings"):
        pq.write_table(tables[name], tmp_path / f"{name}.parquet")
    report = score.score(devset / "gold", tmp_path)
    assert score.below_floors(report, score.load_floors(FLOORS)) == [], score.format_report(report)
