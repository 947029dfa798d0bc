"""Problem places and categories against passages labelled by reading real pages
(corpus/labels/problem_places.tsv): each passage is analysed as a document — with its URL,
as a sources manifest gives it, and without — and must give the labelled (place, category)
pairs, scored as the contract scores problems (a pair with the wrong place or code is both a
false alarm and a miss). The pages are not the dev set: they measure whether the place
rules hold on wording they were not tuned on. The floors are what the rules reach; raise
them as the rules improve."""
from __future__ import annotations

import csv
import re

import pytest

from extractors import document
from extractors.models import DocContext
from pipeline.normalise import t2s
from tests.conftest import ROOT, SHARED

LABELS = ROOT / "corpus" / "labels" / "problem_places.tsv"
LINE_BREAK = "⏎"  # a newline of the passage, kept on one TSV line
NO_PLACE = "-"
# Measured before any rule was written for these pages: pairs F1 0.542 with the URL and
# 0.542 without, categories F1 0.723; the rules reach 0.776, 0.776 and 0.851.
# Eleven pages added (city reports naming districts, district checks, a national paper on
# three districts) measured 0.80 with the URL, 0.72 without, categories 0.909 as the rules
# stood; all 27 pages then 0.784, 0.757, 0.870, and after the outlet and zone rules 0.838,
# 0.811, 0.870. With the recall round's cues (未取得 as a deficiency) one enforcement check's
# scope (重点对未取得办学许可证…的机构进行查处，暂未发现违法行为) becomes a false alarm: 0.827, 0.800,
# 0.857.
# Eight pages where one text gives problems of several provinces, cities, counties or schools
# (national feedback per province, 违规补课 lists of schools, 教育部 cases) measured 0.713 with the
# URL and without, categories 0.897, as the rules stood (all 35 pages: 0.761, 0.750, 0.869);
# after the rules for a province's problem paragraph, a list of places after a deficiency,
# schools named after counties and datelines: 0.867, 0.867, 0.897 (all: 0.851, 0.840, 0.869);
# with 内蒙古 read as a name: 0.877, 0.877, 0.897 (all: 0.857, 0.847, 0.869). A check that found
# none (没有发现违规补课行为) denies within its clause: the 黑龙江 page's clean city schools no
# longer give the province the pair its gold gives for two unnamed schools of the next clause (a
# pair found by accident before), the 荥经 check's clean record is no false alarm: all 0.856,
# 0.845, 0.878, the floors below.
# Ten pages where problems sit at counties, banners and autonomous units written short (兰坪县,
# 喀左县, 恩施州, 乌拉特中旗, 威宁; 四川's ethnic areas) measured 0.421 with the URL and without,
# categories 0.737, as the rules stood (all 48 pages: 0.816, 0.806, 0.855). After the rules for
# short forms, school-named counties and examples after 例如: the ten unchanged (their misses are
# unread deficiencies, 面临…困难 and 排查隐患点25处, a report region read as the county a deputy
# comes from, an old banner code for a year read as 2000), the 38 earlier pages 0.874, 0.863,
# 0.878 (were 0.856, 0.845, 0.878), all 48 0.833, 0.823, 0.855. Those ten follow the "# round 2" marker and
# have floors of their own until their misses are read, so the 38 before keep theirs (raised). Their
# detection misses read (a clause 是…的 asserting its deficiency, 面临…困难, a listed stage's own deficiency):
# the ten 0.636, 0.636, 0.909.
FLOORS = {"pairs_f1_with_url": 0.875, "pairs_f1_without_url": 0.865, "categories_f1": 0.885}
ROUND2_FLOORS = {"pairs_f1_with_url": 0.63, "pairs_f1_without_url": 0.63, "categories_f1": 0.9}
# Nine pages where problems sit at named districts and counties, with schools on named roads
# (棉纺路小学, 八马路小学), schools named after their county (镇安中学, 蕲春县一中), a city with no
# counties (东莞) and short district names (西城、海淀) measured 0.444 with the URL and without,
# categories 0.625, as the rules stood (all 54 pages: 0.802, 0.793, 0.827). With the rule for a
# deficiency said to occur at places (学位紧缺既出现在西城、海淀等…): 0.600, 0.600, 0.625 (all 54:
# 0.812, 0.803, 0.827). Left:
# categories (集体补课 read as 双减, 食堂场所老旧), unread deficiencies (每班83个人, 危险化学品管理不规范)
# and 镇安中学 in a text naming no place (a school named after a county counts only where the text
# names the county's province).
ROUND3_FLOORS = {"pairs_f1_with_url": 0.6, "pairs_f1_without_url": 0.6, "categories_f1": 0.62}
ROUND_MARK = re.compile(r"^# round \d+\b.*$", re.MULTILINE)


def labelled() -> list[dict]:
    return [row for rows in _rounds() for row in rows]


def _rounds() -> list[list[dict]]:
    """The rows before the first '# round N' marker, and those after each marker."""
    text = LABELS.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if not line.startswith("#"))

    def rows(part: str) -> list[dict]:
        lines = [header] + [line for line in part.splitlines() if line and not line.startswith("#")
                            and line != header]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    return [rows(part) for part in ROUND_MARK.split(text)]


def gold_pairs(row: dict) -> set[tuple[str, str]]:
    return {tuple(item.split(":", 1)) for item in row["problems"].split(";") if item}


def found_pairs(row: dict, with_url: bool) -> set[tuple[str, str]]:
    # as the pipeline reads it: a Traditional page is converted to Simplified before extraction
    text = t2s().convert(row["passage"].replace(LINE_BREAK, "\n"))
    _, findings = document.analyse(text, DocContext(source=row["url"] if with_url else ""))
    return {(f.adcode or NO_PLACE, f.category) for f in findings if f.kind == "problem"}


def _f1(tp: int, predicted: int, gold: int) -> float:
    return 2 * tp / (predicted + gold) if predicted + gold else 1.0


def scores(rows: list[dict]) -> tuple[dict[str, float], list[str]]:
    """Pairs F1 with and without the URL, and the F1 of the categories whatever the place
    (with the URL): a missed problem from a misplaced one. Also the rows that differ."""
    out, errors = {}, []
    for with_url in (True, False):
        pairs = [0, 0, 0]  # true positives, found, labelled
        categories = [0, 0, 0]
        for row in rows:
            want, got = gold_pairs(row), found_pairs(row, with_url)
            for counts, a, b in ((pairs, want, got), (categories, {c for _, c in want}, {c for _, c in got})):
                counts[0], counts[1], counts[2] = counts[0] + len(a & b), counts[1] + len(b), counts[2] + len(a)
            if want != got:
                errors.append(f"{'url' if with_url else 'text'} {row['url']}: missed {sorted(want - got)}, "
                              f"spurious {sorted(got - want)}")
        out[f"pairs_f1_{'with' if with_url else 'without'}_url"] = _f1(*pairs)
        if with_url:
            out["categories_f1"] = _f1(*categories)
    return out, errors


def test_the_label_file_is_well_formed():
    rows = labelled()
    codes = {line.split("\t")[0] for line in
             (SHARED / "spec" / "problem_categories.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    assert len({r["url"] for r in rows}) >= 35
    for row in rows:
        assert row["url"].startswith("http") and row["passage"] and row["note"], row
        for place, category in gold_pairs(row):
            assert category in codes and (place == NO_PLACE or (len(place) == 6 and place.isdigit())), row


@pytest.mark.parametrize("round_index, floors", [(0, FLOORS), (1, ROUND2_FLOORS), (2, ROUND3_FLOORS)],
                         ids=["first", "round2", "round3"])
def test_problem_places_reach_their_floors(round_index, floors):
    rows = _rounds()[round_index]
    assert rows
    got, errors = scores(rows)
    below = {k: round(v, 3) for k, v in got.items() if v < floors[k]}
    assert not below, (below, errors)
