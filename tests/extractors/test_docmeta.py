from datetime import date

import pytest

from extractors import docmeta
from extractors.models import DocContext


@pytest.mark.parametrize("title, expected", [
    ("关于印发《对区市政府、开发区管委2022年履行教育职责评价情况的报告》的通知",
     "对区市政府、开发区管委2022年履行教育职责评价情况的报告"),
    ("关于转发《某县义务教育督导报告》的通知", "某县义务教育督导报告"),
    ("2021年对区级人民政府履行教育职责情况回访督导报告", "2021年对区级人民政府履行教育职责情况回访督导报告"),
])
def test_report_title_unwraps_covering_notices(title, expected):
    assert docmeta.report_title(title, "正文") == expected


def test_report_title_falls_back_to_first_line():
    assert docmeta.report_title("", "\n关于全市义务教育双减工作情况的调研报告\n正文") == "关于全市义务教育双减工作情况的调研报告"


@pytest.mark.parametrize("title, body, published, year", [
    ("重庆市江北区人民政府2021年以来履行教育职责情况自评报告", "", date(2022, 12, 13), 2022),
    ("2021年对区级人民政府履行教育职责情况回访督导报告", "2022年1月", date(2022, 1, 18), 2021),
    ("关于全市义务教育双减工作情况的调研报告", "根据市人大常委会2023年工作要点和监督工作计划安排", None, 2023),
    ("某市督导办进行督导调研", "2021年11月下旬至12月上旬，对规划于2022年完成创建任务的县进行了回访", None, 2021),
    ("某县教育工作情况", "没有年份的正文", date(2020, 5, 1), 2020),
])
def test_report_year(title, body, published, year):
    ctx = DocContext(title=title, publish_date=published)
    assert docmeta.report_year(body, ctx) == year


@pytest.mark.parametrize("title, kind", [
    ("重庆市江北区人民政府2021年以来履行教育职责情况自评报告", "self_assessment"),
    ("2021年对区级人民政府履行教育职责情况回访督导报告", "follow_up"),
    ("对区市政府、开发区管委2022年履行教育职责评价情况的报告", "evaluation"),
    ("关于全市义务教育双减工作情况的调研报告", "survey"),
    ("宝鸡市政府教育督导办对县区教育督导体制机制改革任务落实情况进行督导调研", "news"),
    ("某区2023年春季开学工作综合督导报告", "inspection"),
    ("关于寒假期间校园安全的温馨提示", "other"),
    ("市政府教育督导室对高新区开展春季开学专项督导", "news"),
    ("关于对某区开展春季开学专项督导情况的通报", "inspection"),
])
def test_report_type_from_title(title, kind):
    assert docmeta.report_type("", DocContext(title=title)) == kind
