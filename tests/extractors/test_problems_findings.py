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


@pytest.mark.parametrize("sentence", [
    # the scope of a check runs to the end of its sentence
    "此次检查内容包括学校是否公示收费项目,是否擅自提高课后服务收费标准,是否强制学生购买教辅。",
    "重点督查校车驾驶员资质,校车超员、超速等情况。",
    # a campaign named after the ill it treats, and its strengthening
    "为落实治理违规补课专项行动要求,进一步强化有偿补课治理,区教育局开展了暗访。",
])
def test_the_scope_of_a_check_and_a_campaign_state_none(sentence):
    assert _problems(sentence) == set()


def test_the_scope_ends_where_a_finding_begins():
    text = "重点检查食堂卫生、校车运营等情况,发现2所学校食堂无留样记录。"
    assert _problems(text) == {("safety", REGION)}


def test_a_fix_ordered_for_hazards_found_is_no_finding_of_its_own():
    assert _problems("检查组就发现的安全隐患当场提出整改意见。") == set()


@pytest.mark.parametrize("sentence", [
    "个别学校库房物品堆放混乱。",
    "部分学校食堂留样不足48小时。",
    "1所幼儿园食堂无餐饮许可证。",
])
def test_what_a_canteen_check_looks_at(sentence):
    assert _problems(sentence) == {("safety", REGION)}


@pytest.mark.parametrize("sentence", [
    # what misused money was spent on, and the means, are not found lacking
    "2所学校将学生资助资金挪用于教师培训和食堂维修等支出。",
    "个别学校通过虚报校车接送人数等方式套取补助资金。",
])
def test_the_use_of_misused_money_is_no_topic_found_lacking(sentence):
    assert _problems(sentence) == {("funding", REGION)}


def test_spending_named_in_a_statement_of_no_misuse_keeps_its_topic():
    assert {category for category, _ in _problems("部分学校用于体育器材的经费不足。")} >= {"facilities"}
