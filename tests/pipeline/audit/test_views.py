from __future__ import annotations

import duckdb
import pytest

from pipeline.audit.recurrence import recurrence
from pipeline.audit.views import create_views


@pytest.fixture
def con(make_findings, make_documents):
    findings = make_findings([
        dict(doc_id="d2019", kind="percent", adcode="110229", place="北京市延庆县", metric="普惠率",
             metric_code="preschool_inclusive_rate", value=80.0, unit="percent", section="achievement"),
        dict(doc_id="d2021", kind="percent", adcode="110119", place="北京市延庆区", metric="学前教育普惠率",
             metric_code="preschool_inclusive_rate", value=99.0, unit="percent", section="achievement"),
        dict(doc_id="d2021", kind="percent", adcode="110119", place="北京市延庆区", metric="普惠性幼儿园覆盖率",
             metric_code="preschool_inclusive_rate", value=97.0, unit="percent", section="achievement"),
        dict(doc_id="d2021", kind="percent", adcode="110119", place="北京市延庆区", metric="普惠率",
             metric_code="preschool_inclusive_rate", change=True, value=3.0, unit="percentage_point",
             section="achievement"),
        dict(doc_id="d2019", kind="problem", adcode="371002", place="威海市环翠区", category="funding"),
        dict(doc_id="d2021", kind="problem", adcode="371002", place="威海市环翠区", category="funding"),
        dict(doc_id="d2021", kind="problem", adcode="371000:南海新区", place="威海市南海新区", category="teachers"),
        dict(doc_id="d2021", kind="money", adcode="371000", place="威海市", place_level="city",
             metric="一般公共预算教育经费", metric_code="budget_edu_funding", value=1.567e9, unit="yuan"),
        dict(doc_id="d2021", kind="money", adcode="371002", place="威海市环翠区", metric="校舍维修",
             metric_code="other", value=3.0e6, unit="yuan"),
        dict(doc_id="d2021", kind="money", adcode="371002", place="威海市环翠区", metric="购买校车服务",
             metric_code="other", value=5.0e6, unit="yuan"),
    ])
    documents = make_documents([{"doc_id": "d2019", "report_year": 2019}, {"doc_id": "d2021", "report_year": 2021}])
    c = duckdb.connect()
    c.execute("CREATE TABLE findings AS SELECT * FROM findings")
    c.execute("CREATE TABLE documents AS SELECT * FROM documents")
    c.execute("CREATE TABLE recurrence AS SELECT 1 AS stale")  # as the writer leaves it: the Parquet twin
    create_views(c)
    yield c, findings, documents
    c.close()


def rows(c, sql):
    cur = c.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


@pytest.mark.parametrize("adcode, year, expected", [
    # a Beijing district: province 北京市, no prefecture-level city; renamed 延庆县 is 延庆区
    ("110119", 2019, dict(province_code="110000", province="北京市", city_code=None, city=None,
                          place="北京市延庆区", place_level="county", n_findings=1, avg_value=80.0)),
    ("110119", 2021, dict(province="北京市", city=None, n_findings=2, min_value=97.0, max_value=99.0, n_docs=1,
                          metric_code="preschool_inclusive_rate", metric="普惠性幼儿园覆盖率", change=False)),
    ("371002", 2021, dict(province_code="370000", province="山东省", city_code="371000", city="威海市",
                          place="威海市环翠区", place_level="county", category="funding")),
    ("371000:南海新区", 2021, dict(province="山东省", city_code="371000", city="威海市", place="威海市南海新区")),
    ("371000", 2021, dict(province="山东省", city_code="371000", city="威海市", place_level="city",
                          metric_code="budget_edu_funding", metric="一般公共预算教育经费", max_value=1.567e9)),
])
def test_cross_city_places_each_finding_in_province_and_city(con, adcode, year, expected):
    got = rows(con[0], f"SELECT * FROM cross_city WHERE adcode = '{adcode}' AND year = {year} AND NOT change "
                       "AND COALESCE(metric_code, '') <> 'other'")
    assert len(got) == 1
    assert {k: got[0][k] for k in expected} == expected


def test_cross_city_keys_figures_on_the_indicator_with_level_and_change_apart(con):
    got = rows(con[0], "SELECT year, metric, change, unit, n_findings, max_value FROM cross_city "
                       "WHERE metric_code = 'preschool_inclusive_rate' ORDER BY year, change")
    assert [tuple(r.values()) for r in got] == [
        (2019, "普惠性幼儿园覆盖率", False, "percent", 1, 80.0),  # 普惠率 of 延庆县, under today's 延庆区
        (2021, "普惠性幼儿园覆盖率", False, "percent", 2, 99.0),
        (2021, "普惠性幼儿园覆盖率", True, "percentage_point", 1, 3.0),
    ]


def test_cross_city_keeps_figures_of_no_indicator_apart_by_their_words(con):
    got = rows(con[0], "SELECT metric, max_value FROM cross_city WHERE metric_code = 'other' ORDER BY metric")
    assert [tuple(r.values()) for r in got] == [("校舍维修", 3.0e6), ("购买校车服务", 5.0e6)]


def test_recurrence_table_is_the_views_rows_in_the_contracts_types(con):
    c, _, _ = con
    view = c.execute("SELECT * FROM recurrence").df()
    table = recurrence(c)
    assert list(view.columns) == table.column_names
    assert [list(r) for r in view[["adcode", "category", "n_years", "recurring"]].itertuples(index=False)] == \
        [list(r.values()) for r in table.select(["adcode", "category", "n_years", "recurring"]).to_pylist()]
    assert view["years"].map(list).tolist() == table["years"].to_pylist() == [[2021], [2019, 2021]]
    assert str(table.schema.field("years").type) == "list<item: int64>"
