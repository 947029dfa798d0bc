"""Three reports about the same Beijing districts in different years, made from the real
text of seed 000 (a 2021 回访督导报告) with the years, figures and places changed, mined by
the real pipeline: the audit must find exactly the problems stated in two or more years.
延庆县 became 延庆区 in 2015 (MCA code 110229 → 110119), between the first two reports."""
from __future__ import annotations

import re

import pytest

from pipeline.audit.query import query
from pipeline.audit.report import write_report

pytestmark = pytest.mark.slow


def sentence(seed: str, cue: str) -> str:
    """The seed's sentence containing `cue` (real report wording)."""
    return re.search(rf"[^。\n]*{cue}[^。\n]*。", seed).group(0).strip()


def report(seed: str, year: int, *, places: str | None = None, funding: str | None = None,
           teachers: str | None = None, rate: tuple[str, float] | None = None) -> str:
    title = seed.splitlines()[0].replace("2021", str(year))
    parts = [title, "", "  一、督导组织实施情况", "",
             f"  {year}年，市政府教育督导委员会办公室组织对各区政府履行教育职责情况开展督导检查。"]
    if rate:
        place, value = rate
        parts += ["", "  " + sentence(seed, "入园率达93.3%").replace("延庆区", place).replace("93.3", str(value))]
    # each problem is stated for one named district only (no sub-heading stating it for all)
    parts += ["", "  三、各区存在的主要问题", ""]
    if places:
        parts += ["  " + places + "学位供给缺口仍然较大且存在加剧趋势。", ""]
    if funding:
        parts += ["  " + funding + "一般公共预算教育经费未实现“只增不减”。", ""]
    if teachers:
        parts += ["  " + sentence(seed, "编制配置不规范").replace("部分区", teachers).replace(
                      "在生源不断增加,编制总量只减不增的情况下,各区师资配置面临政策性瓶颈,", ""), ""]
    parts += ["  四、工作建议", "", "  各区要进一步加大教育投入，保障学位供给。"]
    return "\n".join(parts) + "\n"


@pytest.fixture(scope="module")
def mined(prefect_harness, shared, tmp_path_factory):
    from pipeline.mine import mine
    from pipeline.settings import Settings

    seed = next((shared / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    docs = tmp_path_factory.mktemp("reports")
    texts = {
        "bj2014.txt": report(seed, 2014, places="延庆县", rate=("延庆县", 71.5)),
        "bj2016.txt": report(seed, 2016, places="延庆区", funding="朝阳区", rate=("延庆区", 85.2)),
        "bj2018.txt": report(seed, 2018, funding="朝阳区", teachers="海淀区", rate=("延庆区", 93.3)),
    }
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = mine([docs / n for n in texts], Settings(out_dir=out, progress=False))
    assert result.n_failed == 0
    return out


def test_exactly_the_problems_stated_in_two_or_more_years_recur(mined):
    rec = query(mined, "SELECT r.*, (SELECT list(d.sources[1] ORDER BY d.report_year) FROM documents d "
                       "WHERE list_contains(r.doc_ids, d.doc_id)) AS files FROM recurrence r WHERE recurring")
    got = {(r.adcode, r.category): ([int(y) for y in r.years], [f.rsplit("/", 1)[-1] for f in r.files])
           for r in rec.itertuples()}
    assert got == {
        ("110119", "school_places"): ([2014, 2016], ["bj2014.txt", "bj2016.txt"]),  # 延庆县 → 延庆区
        ("110105", "funding"): ([2016, 2018], ["bj2016.txt", "bj2018.txt"]),
    }


def test_problem_stated_once_is_kept_but_not_recurring(mined):
    rec = query(mined, "SELECT years, recurring FROM recurrence WHERE adcode = '110108' AND category = 'teachers'")
    assert [(list(r.years), r.recurring) for r in rec.itertuples()] == [([2018], False)]


def test_recurrence_parquet_matches_the_view(mined):
    import pandas as pd

    table = pd.read_parquet(mined / "recurrence.parquet")
    view = query(mined, "SELECT * FROM recurrence")
    assert table[["adcode", "category", "n_years"]].values.tolist() == \
        view[["adcode", "category", "n_years"]].values.tolist()


def test_cross_city_follows_one_place_across_the_rename(mined):
    rows = query(mined, "SELECT year, max_value FROM cross_city WHERE adcode = '110119' "
                        "AND metric_code = 'preschool_gross_enrolment' AND NOT change ORDER BY year")
    assert rows.values.tolist() == [[2014, 71.5], [2016, 85.2], [2018, 93.3]]


def test_audit_flow_writes_the_report(mined, prefect_harness):
    from pipeline.flows.audit import audit_flow

    path = audit_flow(str(mined))
    page = open(path, encoding="utf-8").read()
    assert "被指出年份：2014、2016" in page and "被指出年份：2016、2018" in page
    assert write_report(mined, mined / "again.html").read_text(encoding="utf-8").count("plotly-graph-div") >= 3
