"""`dudao score` on hand-made output folders: gold matched by file name, years read
back as floats, and the per-figure metric-code and change accuracy."""
import json

import pandas as pd

from pipeline import score


def _output(tmp_path, source: str, report_year, findings: list[dict]):
    out = tmp_path / "out"
    out.mkdir()
    pd.DataFrame([{"doc_id": "d1", "sources": [source], "format": "txt", "region_code": "411000",
                   "report_year": report_year, "report_type": "survey", "districts": ["411002"]}]
                 ).to_parquet(out / "documents.parquet")
    pd.DataFrame([dict({"doc_id": "d1", "sentence": "", "adcode": "411000", "year": 2022,
                        "qualifier": "exact", "metric_code": None, "change": False, "category": None}, **f)
                  for f in findings], columns=None if findings else ["doc_id", "kind"]
                 ).to_parquet(out / "findings.parquet")
    return out


def _gold(tmp_path, name: str, **fields):
    gold = tmp_path / "gold"
    gold.mkdir()
    doc = {"region_code": "411000", "report_year": 2022, "report_type": "survey"}
    (gold / name).write_text(json.dumps(dict({"doc": doc, "districts": ["411002"]}, **fields)), encoding="utf-8")
    return gold


def test_gold_named_like_its_source_without_a_number_prefix(tmp_path):
    # a gap in the year column makes pandas read the years back as floats (2022.0)
    out = _output(tmp_path, "/data/xuchang report.txt", 2022.0, [])
    report = score.score(_gold(tmp_path, "xuchang report.json"), out)
    assert report.doc == {"region_code": 1.0, "report_year": 1.0, "report_type": 1.0}
    assert report.fields["districts"]["f1"] == 1.0


def test_metric_code_and_change_accuracy_of_matched_figures(tmp_path):
    out = _output(tmp_path, "001_a.txt", 2022, [
        {"kind": "percent", "value": 12.5, "unit": "percent", "text": "12.5%",
         "metric_code": "budget_edu_share", "change": True},
        {"kind": "money", "value": 3e8, "text": "3亿元", "metric_code": None, "change": False},
        {"kind": "problem", "category": "teachers", "adcode": "411002"},
        {"kind": "problem", "category": "funding", "adcode": "411000"},
    ])
    gold = _gold(tmp_path, "001_x.json",
                 percents=[{"value": 12.5, "unit": "percent", "adcode": "411000", "text": "12.5%",
                            "metric_code": "budget_edu_share", "change": False}],
                 money=[{"value": 3e8, "adcode": "411000", "text": "3亿元", "metric_code": "other", "change": False}],
                 problems=[{"category": "teachers", "adcode": "411000"}])
    report = score.score(gold, out)
    assert report.fields["percents"]["metric_code_accuracy"] == 1.0
    assert report.fields["percents"]["change_accuracy"] == 0.0
    assert report.fields["money"]["metric_code_accuracy"] == 1.0  # a missing code counts as `other`
    assert report.fields["problems"]["tp"] == 0  # right category, wrong place
    assert report.fields["problem_categories"] == {"precision": 0.5, "recall": 1.0, "f1": 0.667,
                                                   "tp": 1, "pred": 2, "gold": 1}
