from __future__ import annotations

import re

import pytest

from pipeline.audit.query import query
from pipeline.audit.report import (category_figure, category_labels, heatmap_figure, load_audit_data,
                                   render_report, undated_problems, write_report)
from pipeline.errors import BadQuery, MissingOutput
from tests.pipeline.audit.conftest import sample_rows, write_output


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


@pytest.fixture
def undated_data(make_findings, make_documents, tmp_path):
    """The sample plus a county whose only report states no year (a 通报 without a date),
    and a second undated statement of a problem 朝阳区 also had in known years."""
    findings, documents = sample_rows()
    findings += [
        dict(doc_id="undated", kind="problem", adcode="110111", place="北京市房山区", category="teachers",
             sentence="房山区乡村教师队伍结构性缺编问题依然存在。"),
        dict(doc_id="undated", kind="problem", adcode="110105", place="北京市朝阳区", category="funding",
             sentence="朝阳区教育附加费未足额用于教育。"),
    ]
    documents += [{"doc_id": "undated", "report_year": None}]
    out = write_output(tmp_path / "undated", make_findings(findings), make_documents(documents))
    return load_audit_data(out)


def test_problem_with_no_known_year_is_a_no_year_cell_not_a_zero(undated_data):
    rec = undated_data.recurrence
    fig = heatmap_figure(rec, undated_problems(undated_data.evidence), category_labels())
    by_years, no_year = fig.data
    row, col = list(fig.data[0].y).index("北京市房山区"), list(fig.data[0].x).index(category_labels()["teachers"])
    assert (by_years.z[row][col], no_year.z[row][col], no_year.texttemplate) == (None, 1, "年份不详")
    assert fig.data[0].customdata[row][col] == "年份不详"
    assert 0 not in [v for r in by_years.z for v in r]
    chaoyang = list(fig.data[0].y).index("北京市朝阳区")
    funding = list(fig.data[0].x).index(category_labels()["funding"])
    assert (by_years.z[chaoyang][funding], fig.data[0].customdata[chaoyang][funding]) == (2, "2019、2020（另有年份不详）")


def test_per_year_charts_have_numeric_year_axes_and_count_the_undated_apart(undated_data):
    rec, undated = undated_data.recurrence, undated_problems(undated_data.evidence)
    fig = category_figure(rec, undated, "teachers", category_labels(), [2019, 2020, 2021])
    assert list(fig.data[0].x) == [2019, 2020, 2021] and all(isinstance(x, int) for x in fig.data[0].x)
    assert list(fig.data[0].y) == [0, 1, 1]
    assert (fig.layout.xaxis.type, fig.layout.xaxis.tickformat) == ("linear", "d")
    assert fig.layout.title.text.endswith("（年份不详：1 个地方）")


def test_undated_evidence_says_no_year_in_the_page(undated_data):
    page = render_report(undated_data, category_labels())
    recurring = page[page.index("id='recurring'"):page.index("id='metrics'")]
    assert "<span class='year'>年份不详</span> <q>朝阳区教育附加费未足额用于教育。</q>" in recurring
