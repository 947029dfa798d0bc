"""Problem detection and categories on wordings once missed: narrative deficiency words with
no 不足-word, a reason that is itself a deficiency, money named by the stage it is for, what a
problem hinders, unsafe things and unlicensed running, a stage named earlier in the sentence (each
case written for the rule, read as a news item with no headings)."""
import pytest

from tests.extractors.test_problems import _problems

REGION = "371000"


@pytest.mark.parametrize("sentence, categories", [
    # too low, at odds with a rule, done without approval, ranked last, an achievement negated
    ("一些乡镇的财政投入明显过低。", {"funding"}),
    ("县级财政对义务教育的保障能力有限。", {"funding"}),
    ("部分学校收费标准与物价部门核定的标准不符。", {"school_conduct"}),
    ("个别培训机构未经审批开展学科类培训。", {"off_campus_training"}),
    ("该县教学质量长期处于全市末位。", {"teaching_quality"}),
    ("两所民办学校至今未取得办学许可证。", {"school_conduct"}),
    # an unsafe thing is a safety problem; debts are a funding one
    ("部分学生上下学乘坐的车辆不安全。", {"safety"}),
    ("部分学校仍背负建设债务。", {"funding"}),
    # running without a licence, and chaos in running a school, are conduct problems
    ("城郊仍有个别机构无证办学。", {"school_conduct"}),
    ("个别民办学校管理混乱。", {"school_conduct"}),
])
def test_narrative_deficiency_words(sentence, categories):
    assert _problems(sentence) == {(c, REGION) for c in categories}


def test_a_reason_that_is_a_deficiency_is_a_problem():
    assert _problems("这两所学校验收被推迟，主要原因是校舍陈旧。") == {("facilities", REGION)}


def test_a_bracketed_reason_explains_a_figure():
    assert _problems("全市生均公用经费支出比上年降低2.1%(主要原因是上年的一次性设备购置经费今年未再安排)。") == set()


def test_money_keeps_the_stage_it_is_for():
    assert _problems("部分县挪用特殊教育补助资金。") == {("funding", REGION), ("special_education", REGION)}
    # a stage before a teacher only qualifies it
    assert _problems("幼儿园教师工资待遇偏低。") == {("teachers", REGION)}


def test_what_a_problem_hinders_is_not_found_wanting():
    assert _problems("师资短缺是制约当地教学质量提升的主要因素。") == {("teachers", REGION)}


def test_a_stage_named_earlier_in_the_sentence_takes_the_topics_it_joins():
    assert _problems("该镇中心幼儿园未通过评估，办学条件差、设施设备陈旧。") == {("preschool", REGION)}


def test_a_fix_word_naming_what_a_fund_is_for_is_no_fix():
    assert _problems("有的县挤占了薄弱学校改造资金。") == {("funding", REGION)}


def test_money_off_the_books():
    assert _problems("部分学校将上级拨付的公用经费账外存放。") == {("funding", REGION)}
