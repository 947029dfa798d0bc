"""The held-out gates: the real pages of corpus/holdout … corpus/holdout8 (picked apart from the
dev set and from each other, gold written by reading), mined in-process with their sources
manifest and scored against their gold, must stay at or above the floors in holdout_floors.yaml …
holdout8_floors.yaml. It measures how dudao does on
pages nobody tuned a rule to; a rule written for one of its sentences defeats it."""
from __future__ import annotations

import csv
import json

import pytest

from pipeline import score
from pipeline.mine import mine
from pipeline.settings import Settings
from tests.conftest import ROOT

HELD_OUT = ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8")


@pytest.mark.parametrize("name", HELD_OUT)
def test_holdout_accuracy_is_at_or_above_the_floors(name, tmp_path):
    held_out = ROOT / "corpus" / name
    mine([held_out / "texts"], Settings(out_dir=tmp_path, progress=False), sources=held_out / "sources.csv")
    report = score.score(held_out / "gold", tmp_path)
    floors = score.load_floors(ROOT / f"{name}_floors.yaml")
    assert score.below_floors(report, floors) == [], score.format_report(report)


@pytest.mark.parametrize("name", HELD_OUT)
def test_every_holdout_page_has_gold_a_source_and_codes_of_the_division_data(name, shared):
    held_out = ROOT / "corpus" / name
    texts = {p.stem for p in (held_out / "texts").glob("*.txt")}
    golds = {p.stem for p in (held_out / "gold").glob("*.json")}
    with open(held_out / "sources.csv", encoding="utf-8", newline="") as f:
        sourced = {row["path"].split("/")[-1].removesuffix(".txt") for row in csv.DictReader(f) if row["url"]}
    assert texts == golds == sourced

    known = {"000000"}
    for table in ("nbs2023_provinces.csv", "nbs2023_cities.csv", "nbs2023_counties.csv"):
        with open(shared / "data" / table, encoding="utf-8", newline="") as f:
            known |= {row["code"].ljust(6, "0") for row in csv.DictReader(f)}
    # a page of before a recoding keeps the code of its day (三元区 350403 until 2021), as the dev gold does
    with open(shared / "data" / "mca_codes_1981_2024.csv", encoding="utf-8-sig", newline="") as f:
        known |= {row["代码"] for row in csv.DictReader(f)}
    for page in sorted(golds):
        gold = json.loads((held_out / "gold" / f"{page}.json").read_text(encoding="utf-8"))
        items = gold["percents"] + gold["money"] + gold["problems"]
        codes = [gold["doc"]["region_code"], *gold["districts"], *(item["adcode"] for item in items)]
        assert [c for c in codes if c and c.split(":")[0] not in known] == [], page
