"""Findings and documents in the contract's schema, built row by row for audit tests."""
from __future__ import annotations

import pandas as pd
import pytest

FINDING_DEFAULTS = dict(section="problem", place_level="county", places=[], metric=None, metric_code=None,
                        change=False, category=None,
                        value=None, value_from=None, unit=None, per=None, qualifier="exact", is_target=False,
                        text="", sentence="", start=0, end=0, flags=[])


def findings_frame(rows: list[dict]) -> pd.DataFrame:
    out = []
    for i, r in enumerate(rows):
        row = {**FINDING_DEFAULTS, "finding_id": f"f{i}", **r}
        row.setdefault("year", None)
        out.append(row)
    df = pd.DataFrame(out)
    df["year"] = df["year"].astype("Int32")
    return df


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    out = [{"sources": [f"/reports/{r['doc_id']}.html"], "format": "html", "title": f"{r['report_year']}年督导报告",
            "publisher": None, "publish_date": None, "region_code": "110000", "region_name": "北京市",
            "districts": [], "report_type": "inspection", "script": "simplified", "n_chars": 1000,
            "cleaning": [], **r} for r in rows]
    df = pd.DataFrame(out)
    df["report_year"] = df["report_year"].astype("Int32")
    return df


@pytest.fixture
def make_findings():
    return findings_frame


@pytest.fixture
def make_documents():
    return documents_frame


def write_output(out_dir, findings: pd.DataFrame, documents: pd.DataFrame):
    """An output folder as `dudao mine` leaves it, as far as the audit reads it."""
    import duckdb

    from pipeline.audit.views import create_views

    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(out_dir / "findings.duckdb"))
    try:
        con.execute("CREATE TABLE findings AS SELECT * FROM findings")
        con.execute("CREATE TABLE documents AS SELECT * FROM documents")
        create_views(con)
    finally:
        con.close()
    return out_dir


def sample_rows() -> tuple[list[dict], list[dict]]:
    """Three Beijing reports (2019, 2020, 2021) and a Weihai one: 延庆 is renamed between
    them; funding recurs in 朝阳区, school places in 延庆县/延庆区."""
    s = "学位供给缺口仍然较大且存在加剧趋势。"
    findings = [
        dict(doc_id="bj2019", kind="problem", adcode="110229", place="北京市延庆县", category="school_places",
             sentence=f"延庆县{s}"),
        dict(doc_id="bj2021", kind="problem", adcode="110119", place="北京市延庆区", category="school_places",
             sentence=f"延庆区{s}"),
        dict(doc_id="bj2019", kind="problem", adcode="110105", place="北京市朝阳区", category="funding",
             sentence="朝阳区一般公共预算教育经费未实现“只增不减”。"),
        dict(doc_id="bj2020", kind="problem", adcode="110105", place="北京市朝阳区", category="funding",
             sentence="朝阳区生均一般公共预算教育经费下降。"),
        dict(doc_id="bj2020", kind="problem", adcode="110000", place="北京市", place_level="province",
             category="teachers", sentence="学前教育教师同工不同酬问题凸显。"),
        dict(doc_id="wh2021", kind="problem", adcode="371002", place="威海市环翠区", category="teachers",
             sentence="环翠区教师编制不足。"),
        dict(doc_id="bj2019", kind="percent", adcode="110229", place="北京市延庆县", metric="普惠率",
             metric_code="preschool_inclusive_rate", value=80.0, unit="percent", section="achievement"),
        dict(doc_id="bj2021", kind="percent", adcode="110119", place="北京市延庆区", metric="普惠性幼儿园覆盖率",
             metric_code="preschool_inclusive_rate", value=99.0, unit="percent", section="achievement"),
        dict(doc_id="bj2021", kind="percent", adcode="110119", place="北京市延庆区", metric="学前三年毛入园率",
             metric_code="preschool_gross_enrolment", value=93.3, unit="percent", section="achievement"),
        dict(doc_id="bj2021", kind="percent", adcode="110119", place="北京市延庆区", metric="学前三年毛入园率",
             metric_code="preschool_gross_enrolment", change=True, value=2.5, unit="percentage_point",
             section="achievement"),
        dict(doc_id="wh2021", kind="money", adcode="371000", place="威海市", place_level="city",
             metric="一般公共预算教育经费", metric_code="budget_edu_funding", value=1.567e9, unit="yuan",
             section="achievement"),
        dict(doc_id="wh2021", kind="percent", adcode="371000", place="威海市", place_level="city",
             metric="一般公共预算教育经费", metric_code="budget_edu_funding", change=True, value=12.75,
             unit="percent", section="achievement"),
    ]
    documents = [{"doc_id": "bj2019", "report_year": 2019}, {"doc_id": "bj2020", "report_year": 2020},
                 {"doc_id": "bj2021", "report_year": 2021},
                 {"doc_id": "wh2021", "report_year": 2021, "region_code": "371000", "region_name": "威海市",
                  "sources": ["https://jyj.weihai.gov.cn/art/2021/report.html"]}]
    return findings, documents


@pytest.fixture
def sample_out(tmp_path):
    findings, documents = sample_rows()
    return write_output(tmp_path / "out", findings_frame(findings), documents_frame(documents))
