"""The dev-set gate: the 47 real pages of ../shared/devset, mined in-process with their
sources manifest and scored against their gold, must stay at or above the floors in
devset_floors.yaml."""
from __future__ import annotations

from pipeline import score
from pipeline.mine import mine
from pipeline.settings import Settings
from tests.conftest import ROOT

FLOORS = ROOT / "devset_floors.yaml"


def test_devset_accuracy_is_at_or_above_the_floors(shared, tmp_path):
    devset = shared / "devset"
    mine([devset / "texts"], Settings(out_dir=tmp_path, progress=False), sources=devset / "sources.csv")
    report = score.score(devset / "gold", tmp_path)
    assert score.below_floors(report, score.load_floors(FLOORS)) == [], score.format_report(report)


def test_devset_accuracy_from_the_text_alone_is_at_or_above_the_floors(shared, tmp_path):
    devset = shared / "devset"
    mine([devset / "texts"], Settings(out_dir=tmp_path, progress=False))
    report = score.score(devset / "gold", tmp_path)
    floors = score.load_floors(ROOT / "devset_text_floors.yaml")
    assert score.below_floors(report, floors) == [], score.format_report(report)
