"""What is and is not a finding: the name of an office or a fund, a prohibition, a notice of
problems and a kind of school state nothing; a numbered heading glued to its text is a clause
of its own, so the places listed after it are the subjects of the finding that follows. Each
case written for the rule, read as a news item with no headings."""
import pytest

from tests.extractors.test_problems import _problems

REGION = "371000"


@pytest.mark.parametrize("sentence", [
    # an office named after the ill it treats, checking others
    "市治理教育乱收费工作领导小组办公室对3个区的整改情况进行了抽查。",
    "县安全隐患排查整治领导小组办公室召开全体成员会议。",
])
def test_an_office_named_after_an_ill_states_none(sentence):
    assert _problems(sentence) == set()


def test_the_office_does_not_hide_a_finding_beside_it():
    text = "市治理教育乱收费工作领导小组办公室抽查发现,2所学校违规收取补课费。"
    assert _problems(text) == {("school_conduct", REGION)}


@pytest.mark.parametrize("sentence", [
    "2个区未及时拨付校舍维修改造补助资金。",
    "部分学校挪用学生营养膳食补助资金用于日常开支。",
    "1个区未及时下达校园安全设施建设专项资金等预算指标。",
])
def test_the_topics_in_a_fund_name_are_its_purpose(sentence):
    assert _problems(sentence) == {("funding", REGION)}


def test_a_lacking_topic_outside_the_fund_name_is_still_found():
    text = "部分学校校舍老化,维修改造专项资金不足。"
    assert {category for category, _ in _problems(text)} == {"facilities", "funding"}


@pytest.mark.parametrize("sentence", [
    "学校不得擅自提高住宿费标准,违规乱收费。",
    "假期未经批准不得组织学生集体补课。",
    "严禁在职教师到校外培训机构兼职。",
])
def test_a_prohibition_is_a_rule(sentence):
    assert _problems(sentence) == set()


def test_a_school_that_had_to_act_is_no_prohibition():
    # jieba keeps 不得不 (had to) whole: the want that forced it is found
    text = "因校舍不足,部分学校不得不租用民房上课。"
    assert {category for category, _ in _problems(text)} == {"facilities"}


def test_a_notice_of_problems_names_them_but_states_none():
    assert _problems("市教育局对4起违规补课典型问题进行通报。") == set()
    # a case of the notice is a finding
    assert _problems("2名教师因违规补课被通报。") == {("school_conduct", REGION)}


def test_a_kind_of_school_is_no_weakness_found():
    assert _problems("交流教师有效提升了薄弱学校教学水平。") == set()


@pytest.mark.parametrize("sentence, category", [
    ("乡镇学校功能室配备仍待进一步改善。", "facilities"),
    # a clean-up not finished is a fix found wanting
    ("个别学校违规收费清理规范未完成。", "school_conduct"),
    # fees charged above the standard, goods pushed on families
    ("部分学校超标准收取住宿费。", "school_conduct"),
    ("有的学校违规向家长推销保险。", "school_conduct"),
])
def test_fixes_awaited_and_fees_charged(sentence, category):
    assert _problems(sentence) == {(category, REGION)}


def test_a_glued_heading_leaves_the_places_listed_after_it_to_the_finding():
    text = "(三)学校安全管理仍待进一步加强 环翠区、文登区分别有部分学校校门口未设置减速带。"
    assert {("safety", "371002"), ("safety", "371003")} <= _problems(text)


def test_a_prohibition_does_not_reach_past_the_turn_of_the_sentence():
    text = "严禁在职教师有偿补课,但仍有个别教师违规补课。"
    assert _problems(text) == {("school_conduct", REGION)}
