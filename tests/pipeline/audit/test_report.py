from __future__ import annotations

import re

import pytest

from pipeline.audit.query import query
from pipeline.audit.report import write_report
from pipeline.errors import BadQuery, MissingOutput


@pytest.fixture
def page(sample_out):
    return write_report(sample_out, sample_out / "audit.html").read_text(encoding="utf-8")


def test_report_is_one_file_with_no_external_resources(page):
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "Plotly" in page  # plotly.js inlined


def test_report_has_a_heatmap_and_one_chart_per_category(page):
    ids = re.findall(r'<div id="([^"]+)" class="plotly-graph-div"', page)
    assert ids == ["heatmap-chart", "category-chart-funding", "category-chart-school_places",
                   "category-chart-teachers"]


def test_recurring_problems_show_years_evidence_and_sources(page):
    recurring = page[page.index("id='recurring'"):page.index("id='metrics'")]
    assert recurring.count("<section class='problem'>") == 2
    assert "北京市延庆区 · 学位供给与学校布局" in recurring and "被指出年份：2019、2021" in recurring
    assert "延庆县学位供给缺口仍然较大且存在加剧趋势。" in recurring  # evidence from before the rename
    assert "北京市朝阳区 · 教育经费投入与管理" in recurring and "被指出年份：2019、2020" in recurring
    assert "href='file:///reports/bj2019.html'" in recurring
    assert "环翠区" not in recurring  # stated in one year only


@pytest.mark.parametrize("cell", ["<td>15.67亿元</td>", "<td>99%</td>", "<td>93.3%</td>", "<td>80%</td>",
                                  "<td>2.5个百分点</td>", "<td>12.75%</td>"])
def test_metrics_table_compares_places_and_years(page, cell):
    assert cell in page[page.index("id='metrics'"):]


def test_metrics_table_has_one_column_per_indicator_with_level_and_change_apart(page):
    head = page[page.index("id='metrics'"):]
    head = head[head.index("<thead>"):head.index("</thead>")]
    titles = re.findall(r"<th>([^<]+)</th>", head)[2:]
    assert sorted(titles) == sorted(["普惠性幼儿园覆盖率", "学前三年毛入园率", "学前三年毛入园率（增减，百分点）",
                                     "一般公共预算教育经费（金额）", "一般公共预算教育经费（增减）"])


def test_query_runs_sql_over_tables_and_views(sample_out):
    df = query(sample_out, "SELECT place, years FROM recurrence WHERE recurring ORDER BY adcode")
    assert df["place"].tolist() == ["北京市朝阳区", "北京市延庆区"]
    assert [list(y) for y in df["years"]] == [[2019, 2020], [2019, 2021]]


def test_query_errors_are_typed(sample_out, tmp_path):
    with pytest.raises(BadQuery):
        query(sample_out, "SELECT nope FROM findings")
    with pytest.raises(MissingOutput):
        query(tmp_path / "empty", "SELECT 1")
