"""The held-out gate: the 15 real pages of corpus/holdout (picked apart from the dev set, gold
written by reading), mined in-process with their sources manifest and scored against their
gold, must stay at or above the floors in holdout_floors.yaml. It measures how dudao does on
pages nobody tuned a rule to; a rule written for one of its sentences defeats it."""
from __future__ import annotations

import csv
import json

from pipeline import score
from pipeline.mine import mine
from pipeline.settings import Settings
from tests.conftest import ROOT

HOLDOUT = ROOT / "corpus" / "holdout"
FLOORS = ROOT / "holdout_floors.yaml"


def test_holdout_accuracy_is_at_or_above_the_floors(tmp_path):
    mine([HOLDOUT / "texts"], Settings(out_dir=tmp_path, progress=False), sources=HOLDOUT / "sources.csv")
    report = score.score(HOLDOUT / "gold", tmp_path)
    assert score.below_floors(report, score.load_floors(FLOORS)) == [], score.format_report(report)


def test_every_holdout_page_has_gold_a_source_and_codes_of_the_division_data(shared):
    texts = {p.stem for p in (HOLDOUT / "texts").glob("*.txt")}
    golds = {p.stem for p in (HOLDOUT / "gold").glob("*.json")}
    with open(HOLDOUT / "sources.csv", encoding="utf-8", newline="") as f:
        sourced = {row["path"].split("/")[-1].removesuffix(".txt") for row in csv.DictReader(f) if row["url"]}
    assert texts == golds == sourced

    known = {"000000"}
    for table in ("nbs2023_provinces.csv", "nbs2023_cities.csv", "nbs2023_counties.csv"):
        with open(shared / "data" / table, encoding="utf-8", newline="") as f:
            known |= {row["code"].ljust(6, "0") for row in csv.DictReader(f)}
    for name in sorted(golds):
        gold = json.loads((HOLDOUT / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        items = gold["percents"] + gold["money"] + gold["problems"]
        codes = [gold["doc"]["region_code"], *gold["districts"], *(item["adcode"] for item in items)]
        assert [c for c in codes if c and c.split(":")[0] not in known] == [], name
