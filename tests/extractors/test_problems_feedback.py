"""Problems named by the areas of a feedback, and look-alikes of achievements, plans and misused money
(the ninth labelling round's classes; each case written for the rule, read as a news item with no
headings)."""
import pytest

from tests.extractors.test_problems import _problems

REGION = "371000"


@pytest.mark.parametrize("sentence, categories", [
    # the areas a feedback named, whatever is reported of their fixing
    ("副县长围绕督导组提出的学位供给、教师编制等方面存在问题，逐一汇报了整改措施。", {"school_places", "teachers"}),
    ("我县重点围绕校舍面积、生活补助等两个方面的突出问题抓好整改。", {"facilities", "funding"}),
    # a list of problems each named, ending in 问题等
    ("局党组研究了督导组反馈的校车接送问题、教师编制问题等。", {"safety", "teachers"}),
    # …but a frame with no topic of its own, met by the measures taken, names none
    ("检查组针对检查中存在的问题，要求各校逐一落实整改措施。", set()),
])
def test_problems_named_by_the_areas_of_a_feedback(sentence, categories):
    assert _problems(sentence) == {(c, REGION) for c in categories}


def test_an_ill_whose_share_is_far_below_the_standard_is_progress():
    assert _problems("全县小学大班额比例远低国家规定，教育协调发展。") == set()


def test_putting_idle_buildings_to_use_is_a_plan():
    assert _problems("明年将充分利用空置办公用房、村小闲置校舍等举办公办幼儿园。") == set()


def test_what_misused_money_paid_is_no_problem_of_its_own():
    assert _problems("个别乡镇挪用生均公用经费发放教师绩效工资。") == {("funding", REGION)}


@pytest.mark.parametrize("sentence", ["一家课后托管机构堵塞疏散通道。", "某培训学校的安全出口被封堵。"])
def test_a_way_out_blocked_is_a_safety_problem(sentence):
    assert ("safety", REGION) in _problems(sentence)


@pytest.mark.parametrize("sentence, categories", [
    ("全市已完成城镇小区配套园和无证幼儿园治理。", set()),
    # …a treatment not completed is still a problem
    ("全县至今未完成无证幼儿园治理。", {"preschool"}),
])
def test_a_treatment_completed_is_progress(sentence, categories):
    assert _problems(sentence) == {(c, REGION) for c in categories}


def test_fire_safety_faults_of_a_training_centre_are_safety_problems():
    assert ("safety", REGION) in _problems("抽查发现两家艺术培训学校消防安全存在隐患。")
