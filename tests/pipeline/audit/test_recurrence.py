from __future__ import annotations

from types import SimpleNamespace

import duckdb
import pytest

from pipeline.audit.recurrence import COLUMNS, recurrence
from pipeline.audit.views import create_views

DOCS = [{"doc_id": "d2019", "report_year": 2019}, {"doc_id": "d2020", "report_year": 2020},
        {"doc_id": "d2021", "report_year": 2021}]


def problem(doc_id, adcode, place, category, year=None, kind="problem"):
    return dict(doc_id=doc_id, kind=kind, adcode=adcode, place=place, category=category, year=year,
                sentence=f"{place}{category}问题")


@pytest.fixture
def audit(make_findings, make_documents, tmp_path):
    """The recurrence table as a mining run builds it: from the view of its findings.duckdb."""
    def run(rows):
        make_findings(rows).to_parquet(tmp_path / "findings.parquet", index=False)
        make_documents(DOCS).to_parquet(tmp_path / "documents.parquet", index=False)
        con = duckdb.connect(str(tmp_path / "findings.duckdb"))
        try:
            for name in ("findings", "documents"):
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet(?)", [str(tmp_path / f"{name}.parquet")])
            create_views(con)
            rec = recurrence(con)
        finally:
            con.close()
        return {(r["adcode"], r["category"]): SimpleNamespace(**r) for r in rec.to_pylist()}, rec
    return run


def test_columns_are_the_contracts(audit):
    _, rec = audit([problem("d2019", "110105", "北京市朝阳区", "funding")])
    assert tuple(rec.column_names) == COLUMNS


def test_problem_in_two_report_years_recurs_with_years_and_documents(audit):
    rows, _ = audit([
        problem("d2019", "110105", "北京市朝阳区", "funding"),
        problem("d2021", "110105", "北京市朝阳区", "funding"),
        problem("d2021", "110105", "北京市朝阳区", "funding"),  # stated twice in one report
        problem("d2020", "110105", "北京市朝阳区", "teachers"),
    ])
    funding = rows[("110105", "funding")]
    assert (funding.years, funding.n_years, funding.first_year, funding.last_year, funding.recurring,
            funding.doc_ids) == ([2019, 2021], 2, 2019, 2021, True, ["d2019", "d2021"])
    teachers = rows[("110105", "teachers")]
    assert (teachers.years, teachers.recurring, teachers.doc_ids) == ([2020], False, ["d2020"])


def test_same_problem_twice_in_one_year_is_not_recurring(audit):
    rows, _ = audit([problem("d2020", "110105", "北京市朝阳区", "funding"),
                     problem("d2021", "110105", "北京市朝阳区", "funding", year=2020)])
    r = rows[("110105", "funding")]
    assert (r.years, r.recurring, r.doc_ids) == ([2020], False, ["d2020", "d2021"])


def test_stated_year_wins_over_report_year(audit):
    rows, _ = audit([problem("d2021", "110105", "北京市朝阳区", "funding", year=2019),
                     problem("d2021", "110105", "北京市朝阳区", "funding")])
    assert rows[("110105", "funding")].years == [2019, 2021]


def test_percent_and_money_findings_are_not_problems(audit):
    rows, _ = audit([problem("d2019", "110105", "北京市朝阳区", "funding"),
                     problem("d2020", "110105", "北京市朝阳区", "funding", kind="money")])
    assert rows[("110105", "funding")].years == [2019]


def test_places_and_categories_are_kept_apart(audit):
    rows, _ = audit([problem("d2019", "110105", "北京市朝阳区", "funding"),
                     problem("d2020", "110108", "北京市海淀区", "funding"),
                     problem("d2021", "110105", "北京市朝阳区", "facilities")])
    assert set(rows) == {("110105", "funding"), ("110108", "funding"), ("110105", "facilities")}
    assert not any(r.recurring for r in rows.values())


@pytest.mark.parametrize("old_code, old_name, new_code, new_name", [
    ("110229", "北京市延庆县", "110119", "北京市延庆区"),  # MCA: 延庆县 → 延庆区 in 2015
    ("110228", "北京市密云县", "110118", "北京市密云区"),  # MCA: 密云县 → 密云区 in 2015
    ("371081", "威海市文登市", "371003", "威海市文登区"),  # MCA: 文登市 → 环翠区 + 文登区 in 2014
])
def test_renamed_district_is_one_place(audit, old_code, old_name, new_code, new_name):
    rows, _ = audit([problem("d2019", old_code, old_name, "school_places"),
                     problem("d2021", new_code, new_name, "school_places")])
    assert list(rows) == [(new_code, "school_places")]
    r = rows[(new_code, "school_places")]
    assert (r.place, r.years, r.recurring, r.doc_ids) == (new_name, [2019, 2021], True, ["d2019", "d2021"])


def test_unit_without_code_follows_its_city_key(audit):
    rows, _ = audit([problem("d2019", "371000:南海新区", "威海市南海新区", "teachers"),
                     problem("d2020", "371000:南海新区", "威海市南海新区", "teachers")])
    r = rows[("371000:南海新区", "teachers")]
    assert (r.place, r.years, r.recurring) == ("威海市南海新区", [2019, 2020], True)
