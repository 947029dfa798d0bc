"""Relevance of article titles and texts by the keyword lexicon."""
from __future__ import annotations

import pytest

from pipeline.crawl.relevance import judge, keyword_groups


@pytest.mark.parametrize("title, text, relevant", [
    ("关于印发《对区市政府、开发区管委2022年履行教育职责评价情况的报告》的通知", "", True),
    ("重庆市江北区人民政府2021年以来履行教育职责情况自评报告", "", True),
    ("2021年对区级人民政府履行教育职责情况回访督导报告", "", True),
    ("关于“双减”落实情况的调研报告", "", True),
    ("某区教育局工作动态", "县域义务教育优质均衡发展督导评估认定工作启动", True),
    ("示例市教育局关于寒假期间校园安全的温馨提示", "寒假将至，请各位家长注意孩子的出行安全。", False),
    ("深入推进“双减”工作专题", "", False),  # 双减 alone is a topic page, not a survey
    ("2023年中考招生政策解读", "考生须知", False),
])
def test_judge(title, text, relevant):
    assert judge(title, text, keyword_groups()).relevant is relevant


def test_skip_reason_names_the_lexicon():
    verdict = judge("温馨提示", "注意安全", keyword_groups())
    assert verdict.reason == "no relevance keyword (relevance.yaml) in title or main text"


def test_site_keywords_extend_the_lexicon():
    assert judge("年度体检报告", "", keyword_groups(("体检报告",))).relevant
