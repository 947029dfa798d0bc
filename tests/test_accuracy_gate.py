"""The accuracy gate: the sample corpus mined and scored against ../shared/gold must
stay at or above the floors in accuracy_floors.yaml."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from pipeline import score
from tests.conftest import CORPUS, ROOT

FLOORS = ROOT / "accuracy_floors.yaml"


def test_accuracy_is_at_or_above_the_floors(mined_corpus, shared):
    out, _ = mined_corpus
    report = score.score(shared / "gold", out)
    assert score.below_floors(report, score.load_floors(FLOORS)) == [], score.format_report(report)


def test_dudao_score_agrees_with_the_reference_scorer(mined_corpus, shared):
    out, _ = mined_corpus
    proc = subprocess.run([sys.executable, str(shared / "tools" / "score_findings.py"), "--gold",
                           str(shared / "gold"), "--out", str(out), "--json"],
                          capture_output=True, text=True, check=True, timeout=120)
    reference = json.loads(proc.stdout)
    ours = score.score(shared / "gold", out).as_dict()
    assert ours == reference


def test_gate_fails_when_a_lexicon_is_emptied(tmp_path, shared):
    lexicons = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", lexicons)
    places = lexicons / "places.tsv"
    kept = [line for line in places.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.startswith("#")]
    header = next(line for line in places.read_text(encoding="utf-8").splitlines(keepends=True)
                  if not line.startswith("#"))
    places.write_text("".join(kept) + header, encoding="utf-8")  # every place row gone
    env = dict(os.environ, DUDAO_LEXICON_DIR=str(lexicons), PREFECT_HOME=str(tmp_path / "prefect"))
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline.cli", "mine", str(CORPUS), "--out", str(out)],
                   capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    report = score.score(shared / "gold", out)
    failed = score.below_floors(report, score.load_floors(FLOORS))
    assert any(f.startswith("districts.f1") for f in failed)
    assert any(f.startswith("doc.region_code") for f in failed)


def test_templates_prefill_gold_from_the_output(mined_corpus, tmp_path):
    out, _ = mined_corpus
    source = str(CORPUS / "004_jiangbei_self_assessment.html")
    [path] = score.write_templates(out, [source], tmp_path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["doc"]["title"] == "重庆市江北区人民政府2021年以来履行教育职责情况自评报告"
    assert set(gold) == {"doc", "districts", "percents", "money", "problems"}
    assert gold["money"] and all(m["value"] > 0 and m["text"] for m in gold["money"])
    assert all(p["category"] and p["sentence"] for p in gold["problems"])
    # a template scores perfectly against the output it came from
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "004_template.json").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    report = score.score(gold_dir, out)
    assert report.fields["money"]["f1"] == 1.0 and report.fields["problems"]["f1"] == 1.0
