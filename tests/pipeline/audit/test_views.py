from __future__ import annotations

import duckdb
import pytest

from pipeline.audit.recurrence import recurrence_from_parquet
from pipeline.audit.views import create_views


@pytest.fixture
def con(make_findings, make_documents):
    findings = make_findings([
        dict(doc_id="d2019", kind="percent", adcode="110229", place="北京市延庆县", metric="学前教育普惠率",
             value=80.0, unit="percent", section="achievement"),
        dict(doc_id="d2021", kind="percent", adcode="110119", place="北京市延庆区", metric="学前教育普惠率",
             value=99.0, unit="percent", section="achievement"),
        dict(doc_id="d2021", kind="percent", adcode="110119", place="北京市延庆区", metric="学前教育普惠率",
             value=97.0, unit="percent", section="achievement"),
        dict(doc_id="d2019", kind="problem", adcode="371002", place="威海市环翠区", category="funding"),
        dict(doc_id="d2021", kind="problem", adcode="371002", place="威海市环翠区", category="funding"),
        dict(doc_id="d2021", kind="problem", adcode="371000:南海新区", place="威海市南海新区", category="teachers"),
        dict(doc_id="d2021", kind="money", adcode="371000", place="威海市", place_level="city",
             metric="一般公共预算教育经费", value=1.567e9, unit="yuan"),
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
    ("110119", 2021, dict(province="北京市", city=None, n_findings=2, min_value=97.0, max_value=99.0, n_docs=1)),
    ("371002", 2021, dict(province_code="370000", province="山东省", city_code="371000", city="威海市",
                          place="威海市环翠区", place_level="county", category="funding")),
    ("371000:南海新区", 2021, dict(province="山东省", city_code="371000", city="威海市", place="威海市南海新区")),
    ("371000", 2021, dict(province="山东省", city_code="371000", city="威海市", place_level="city",
                          metric="一般公共预算教育经费", max_value=1.567e9)),
])
def test_cross_city_places_each_finding_in_province_and_city(con, adcode, year, expected):
    got = rows(con[0], f"SELECT * FROM cross_city WHERE adcode = '{adcode}' AND year = {year}")
    assert len(got) == 1
    assert {k: got[0][k] for k in expected} == expected


def test_recurrence_view_equals_the_table_built_in_python(con, tmp_path):
    c, findings, documents = con
    view = c.execute("SELECT * FROM recurrence").df()
    findings.to_parquet(tmp_path / "findings.parquet", index=False)
    documents.to_parquet(tmp_path / "documents.parquet", index=False)
    table = recurrence_from_parquet(tmp_path / "findings.parquet", tmp_path / "documents.parquet")
    assert list(view.columns) == list(table.columns)
    assert [list(r) for r in view[["adcode", "category", "n_years", "recurring"]].itertuples(index=False)] == \
        [list(r) for r in table[["adcode", "category", "n_years", "recurring"]].itertuples(index=False)]
    assert view["years"].map(list).tolist() == table["years"].tolist() == [[2021], [2019, 2021]]
