"""Region and type rules against pages labelled by reading (corpus/labels/report_meta*.tsv):
each page's head — title, header and opening lines, as the page shows them — and its
URL, as a crawl or a sources manifest gives it, and the head alone (hidden pages often come
without their URL). The floors are what the rules reach; raise them as the rules improve."""
import csv

import pytest

from extractors import document
from extractors.models import DocContext
from tests.conftest import ROOT

LABELS = ROOT / "corpus" / "labels"
# region_text: the head alone (pages whose region only their URL gives count as misses there).
# report_meta.tsv's fourth round (33 pages), read before the rules were changed for
# them, scored region 0.806 / 0.839 (text / with URL) and type 0.848; the local news pages
# (report_meta_local_news.tsv: outlets, bylines, 我县, one body's visit to another) scored
# 0.676 / 0.765 and type 0.912; a sixth round of varied kinds (report_meta_sixth_round.tsv:
# relayed audits and funding announcements, 政协/人大 surveys, self-reports, lists reposted on
# local sites) scored 0.850 / 0.800 and type 0.880; a seventh round of the kinds holdout4 missed
# (report_meta_seventh_round.tsv: 人大 surveys known by their session line, 履职 self-reports,
# audits of one county, news of national figures) scored 1.0 / 0.944 and type 0.900 (its
# Traditional heads written in Simplified, as normalisation gives them to these rules); an eighth
# round of the kinds holdout5 missed (report_meta_eighth_round.tsv: 政协 visits, news relaying a 通报
# or a notice, audits of a quarter, a city body's look at one district) scored 0.833 / 0.778 and type 0.75;
# a ninth round of the kinds holdout6 missed (report_meta_ninth_round.tsv: 政协 调研 reports, 人大 checks,
# audits relayed with their year, national bodies' news) scored 0.929 / 0.929 and type 0.882; a tenth
# round of the kinds holdout7 missed (report_meta_tenth_round.tsv: 考核 results, notices, 政协 visits,
# city papers' items on one of their counties) scored 0.600 / 0.667 and type 0.867 (0.667 / 0.733 once a
# title telling of a visit to 我市 no longer names the page's place).
FLOORS = {"report_meta.tsv": {"region": 0.975, "region_text": 0.945, "type": 1.0},
          "report_meta_local_news.tsv": {"region": 0.82, "region_text": 0.73, "type": 0.94},
          "report_meta_sixth_round.tsv": {"region": 0.90, "region_text": 0.85, "type": 0.96},
          "report_meta_seventh_round.tsv": {"region": 1.0, "region_text": 0.94, "type": 0.90},
          "report_meta_eighth_round.tsv": {"region": 0.94, "region_text": 0.83, "type": 0.95},
          "report_meta_ninth_round.tsv": {"region": 0.92, "region_text": 0.92, "type": 1.0},
          "report_meta_tenth_round.tsv": {"region": 0.66, "region_text": 0.73, "type": 0.86}}


def _labelled(name: str = "report_meta.tsv") -> list[dict]:
    with (LABELS / name).open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t",
                                   quoting=csv.QUOTE_NONE))


def _read(row: dict, with_url: bool = True) -> tuple[str, str]:
    """(region code or '', type) as dudao reads the page's head, with its URL or alone."""
    text = row["head"].replace("\\n", "\n")
    ctx = document.describe(text, DocContext(source=row["url"] if with_url else None))
    return (ctx.region.adcode if ctx.region else ""), ctx.report_type


@pytest.fixture(scope="module", params=sorted(FLOORS))
def readings(request) -> tuple[str, list[tuple[dict, tuple[str, str], tuple[str, str]]]]:
    return request.param, [(row, _read(row), _read(row, with_url=False)) for row in _labelled(request.param)]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_labels_are_well_formed(name):
    rows = _labelled(name)
    assert len(rows) >= 15
    assert all(r["url"].startswith("http") and r["why"] and r["head"] for r in rows)
    assert {r["report_type"] for r in rows} <= {"inspection", "follow_up", "evaluation", "self_assessment",
                                               "survey", "news", "other"}


def test_region_and_type_reach_their_floors(readings):
    name, readings = readings
    regions = [(row["region_code"], got[0], alone[0]) for row, got, alone in readings if row["region_code"]]
    types = [(row["report_type"], got[1]) for row, got, _ in readings]
    scores = {"region": sum(a == b for a, b, _ in regions) / len(regions),
              "region_text": sum(a == c for a, _, c in regions) / len(regions),
              "type": sum(a == b for a, b in types) / len(types)}
    misses = [(row["url"], row["region_code"], row["report_type"], got, alone) for row, got, alone in readings
              if got != (row["region_code"] or got[0], row["report_type"])
              or alone[0] != (row["region_code"] or alone[0])]
    assert all(scores[k] >= FLOORS[name][k] for k in FLOORS[name]), (scores, misses)
