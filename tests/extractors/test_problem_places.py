"""Whose problem it is and which: the place a problem finding takes from its statement and its
report, and the category its cue words give."""
import re

import pytest

from extractors import document, problems, sections
from extractors.models import DocContext, Place, PlaceMention
from extractors.places.region import NATIONAL

GANSU = Place("620000", "甘肃省", "province")
PLACES = {
    "甘肃省": GANSU,
    "贵州省": Place("520000", "贵州省", "province"),
    "四川省": Place("510000", "四川省", "province"),
    "宜宾市": Place("511500", "宜宾市", "city"),
    "定西市": Place("621100", "定西市", "city"),
    "通渭县": Place("621121", "定西市通渭县", "county"),
    "西吉县": Place("640422", "固原市西吉县", "county"),
    "陇西县": Place("621122", "定西市陇西县", "county"),
}
DINGXI = PLACES["定西市"]
NINGXIA = Place("640000", "宁夏回族自治区", "province")
PROBLEM_PART = "三、存在的问题\n"


def _problems(text: str, region: Place) -> set[tuple[str, str]]:
    names = re.compile("|".join(sorted(map(re.escape, PLACES), key=len, reverse=True)))
    mentions = tuple(PlaceMention(m.group(), m.start(), m.end(), PLACES[m.group()]) for m in names.finditer(text))
    ctx = DocContext(region=region, mentions=mentions, report_year=2021)
    ctx.sections = tuple(sections.label_sections(text, ctx))
    return {(f.category, f.adcode) for f in problems.extract(text, ctx)}


@pytest.mark.parametrize("text, region, expected", [
    # a national report: a province named as the subject owns its problem
    ("督导组对甘肃省、贵州省的40个县进行了实地检查。甘肃省2个县的校舍面积未达到国家标准。", NATIONAL,
     {("facilities", "620000")}),
    # …and a count of counties points back to counties, not to the provinces named with them
    ("督导组对甘肃省、贵州省的40个县进行了实地检查,40个县中仍有部分学校专任教师配备不足。", NATIONAL,
     {("teachers", "000000")}),
    # 四川省宜宾市: the province only says where the city lies
    ("四川省宜宾市部分学校食堂存在安全隐患。", NATIONAL, {("safety", "511500")}),
    ("甘肃省定西市通渭县的学前教育经费投入不足。", GANSU, {("funding", "621121")}),
    # 全县/我区: the paragraph speaks of the county named last before as its own
    ("我是来自通渭县的一名教师代表。\n通过对全县学校的走访,我发现乡村学校教师编制不足。", DINGXI,
     {("teachers", "621121")}),
    ("调研组走访了通渭县。要切实解决好我区存在的校舍紧缺问题。", DINGXI, {("facilities", "621121")}),
    # named only after it, the one county of the text is its own
    ("会议审议了《关于全县义务教育工作情况的报告》。全县学校教师编制不足。派驻通渭县的督学列席会议。", None,
     {("teachers", "621121")}),
    # …not beyond its paragraph
    ("通渭县全县学校办学条件较好。\n部分学校教师编制不足。", DINGXI, {("teachers", "621100")}),
    # in a district's part of a city's report, a problem of some of the counties is the city's;
    # one of some schools stays the district's
    ("(一)通渭县\n部分学校大班额问题仍未消除。\n(二)陇西县\n教育经费投入未达到要求。"
     "此外,部分县(市、区)课后服务参与率偏低,个别区县学校食堂存在安全隐患。", DINGXI,
     {("school_places", "621121"), ("funding", "621122"), ("double_reduction", "621100"), ("safety", "621100")}),
    # some schools of the county the sentence has just named, not of the whole city
    ("在通渭县调研时发现,部分学校教师结构性缺编。", DINGXI, {("teachers", "621121")}),
    # counties counted but none named are the jurisdiction's, not those of the city named where the good ones are
    ("全省普通高中教育仅有12所省一级学校,其中7所在定西市,尚有8个县市没有省一级学校。", GANSU, {("high_school", "620000")}),
    ("各县区中,通渭县进展较快,个别县学前教育普及率偏低。", DINGXI, {("preschool", "621100")}),
    # a paragraph opening with a county and a colon is about that county, every sentence of it
    ("通渭县:部分学校体育课开设不足。乡村教师结构性缺编。学校食堂存在安全隐患。\n陇西县:大班额问题突出。", DINGXI,
     {("teaching_quality", "621121"), ("teachers", "621121"), ("safety", "621121"), ("school_places", "621122")}),
    # in an autonomous region 全区 is the region itself
    ("调研组走访了西吉县。全区农村学校教师编制不足。", NINGXIA, {("teachers", "640000")}),
])
def test_the_place_of_a_problem(text, region, expected):
    assert _problems(PROBLEM_PART + text, region) == expected


@pytest.mark.parametrize("text, expected", [
    # a provincial report: a sentence naming no place is about the city the sentence before names
    ("省人大调研组到宜宾市调研农村教育。调研发现乡村学校音体美教师普遍不足。", {("teachers", "511500")}),
    # two cities named before: neither is the subject, the province is
    ("省人大调研组到宜宾市、定西市调研农村教育。调研发现乡村学校音体美教师普遍不足。", {("teachers", "510000")}),
])
def test_a_problem_goes_on_about_the_city_named_just_before(text, expected):
    assert _problems(text, PLACES["四川省"]) == expected


@pytest.mark.parametrize("text, region, expected", [
    # a city's report: the county a statement is compared with is its benchmark, not its subject
    ("与陇西县相比，通渭县乡村学校音体美教师普遍不足。", DINGXI, {("teachers", "621121")}),
    ("通渭县同陇西县相比较，乡村学校音体美教师普遍不足。", DINGXI, {("teachers", "621121")}),
])
def test_the_place_a_problem_is_compared_with_is_not_its_subject(text, region, expected):
    assert _problems(PROBLEM_PART + text, region) == expected


@pytest.mark.parametrize("text, expected", [
    # a city's report: the province it lies in, opening the statement, owns the problem
    ("调研组认为，甘肃省农村学校音体美教师普遍不足。", {("teachers", "620000")}),
    # …not when it is the reporter or the benchmark
    ("甘肃省人大调研组认为，农村学校音体美教师普遍不足。", {("teachers", "621100")}),
    ("甘肃省平均水平以下的学校较多，农村学校音体美教师普遍不足。", {("teachers", "621100")}),
])
def test_the_province_opening_a_problem_in_a_citys_report_owns_it(text, expected):
    assert _problems(PROBLEM_PART + text, DINGXI) == expected


def test_a_paragraph_opened_by_a_province_and_its_problems_is_that_provinces():
    text = ("国家教育督导检查组反馈了对甘肃省和贵州省的督导检查意见。\n"
            "甘肃省存在的主要问题是，部分县教育经费投入未达到法定增长要求，部分学校音体美教师配备不足。\n"
            "贵州省存在的主要问题是，个别县城区学校大班额问题突出。")
    assert _problems(text, NATIONAL) == {("funding", "620000"), ("teachers", "620000"), ("school_places", "520000")}
    # inside a paragraph, the rest of the sentence
    text = ("国家教育督导检查组反馈了对甘肃省和贵州省的督导检查意见。督导组指出，甘肃省存在的主要问题是，"
            "部分县教育经费投入未达到法定增长要求，部分学校音体美教师配备不足。")
    assert _problems(text, NATIONAL) == {("funding", "620000"), ("teachers", "620000")}


@pytest.mark.parametrize("text", [
    "省教育厅暗访发现，违规补课的学校有：通渭县第一中学、陇西县第二中学等。",
    "省教育厅暗访后认定存在违规补课行为的学校有通渭县第一中学、陇西县第二中学等2所。",
])
def test_the_places_listed_after_a_deficiency_own_it(text):
    assert _problems(text, GANSU) == {("school_conduct", "621121"), ("school_conduct", "621122")}


@pytest.mark.parametrize("text", [
    # 部分学校 (the province's) and then, after 例如, the schools of two counties: theirs too
    "省教育厅专项检查发现，部分学校存在违规收费现象，例如通渭县一所中学收取补课费；陇西县某小学收取资料费。",
    # …the examples in the sentence after, a province locating its county
    "省教育厅专项检查发现，部分学校存在违规收费现象。比如，甘肃省通渭县一所中学收取补课费，陇西县某小学收取资料费。",
])
def test_the_places_of_the_examples_of_a_deficiency_own_it_too(text):
    assert _problems(text, GANSU) == {("school_conduct", "620000"), ("school_conduct", "621121"),
                                      ("school_conduct", "621122")}


@pytest.mark.parametrize("text, expected", [
    # counted units not named beside a named county: the province's, and the county's own row
    ("省审计厅审计发现，2个市的5个县(市、区)及通渭县未及时拨付生均公用经费。",
     {("funding", "620000"), ("funding", "621121")}),
    # a count after the counties it sums up points back to them
    ("省审计厅审计发现，通渭县、陇西县等2个县未及时拨付生均公用经费。",
     {("funding", "621121"), ("funding", "621122")}),
])
def test_a_named_unit_in_an_anonymised_list_has_its_own_row(text, expected):
    assert _problems(text, GANSU) == expected


@pytest.mark.parametrize("text", [
    "省教育厅专项检查发现，一些学校大班额现象突出，在通渭县、陇西县存在70人以上的大班。",
    "省教育厅专项检查发现，部分学校音体美教师配备不足，在通渭县、陇西县尤为突出。",
])
def test_some_units_located_after_zai_are_those_places_not_the_jurisdictions(text):
    assert {place for _, place in _problems(text, GANSU)} == {"621121", "621122"}


def test_a_deficiency_said_to_occur_at_places_is_theirs():
    text = "省教育厅专项督查发现，音体美教师短缺主要集中在通渭县、陇西县等农村地区。"
    assert _problems(text, GANSU) == {("teachers", "621121"), ("teachers", "621122")}


def test_a_visit_after_zai_does_not_locate_the_deficiency_before_it():
    text = "省教育厅专项检查发现，一些学校音体美教师配备不足，在通渭县调研时还发现食堂存在安全隐患。"
    assert _problems(text, GANSU) == {("teachers", "620000"), ("safety", "621121")}


def test_places_after_a_deficiency_without_an_example_word_are_not_its_examples():
    text = "省教育厅专项检查发现，部分学校存在违规收费现象。通渭县、陇西县已责令相关学校整改。"
    assert _problems(text, GANSU) == {("school_conduct", "620000")}


def test_the_place_a_news_item_was_filed_from_is_no_subject():
    assert _problems("定西市5月8日讯 记者从省教育厅获悉，部分学校仍在违规补课。", GANSU) == {("school_conduct", "620000")}


def test_a_countys_own_report_keeps_its_problems_when_it_names_other_counties():
    # the counties a county's report names are benchmarks or visits, never the subject
    text = ("通渭县人民政府履行教育职责自评报告\n三、存在的问题\n"
            "一是学位供给仍然紧张。二是与陇西县、渭源县相比，我县乡村学校音体美教师普遍不足。")
    _, findings = document.analyse(text, DocContext())
    assert {(f.category, f.adcode) for f in findings if f.kind == "problem"} == {
        ("school_places", "621121"), ("teachers", "621121")}


@pytest.mark.parametrize("sentence, expected", [
    # after 不能满足 the need is named, not what is found wanting
    ("部分学校现有办学条件不能满足学生课后服务的需要。", {"facilities"}),
    ("农村学校教师数量无法满足开齐开足课程的需要。", {"teachers"}),
    # a person word and its deficiency, as one item of a list, is a problem of its own
    ("部分县仍存在经费投入不足、班额过大、教师短缺等问题。", {"funding", "school_places", "teachers"}),
    ("部分县职普比例不合理。", {"vocational"}),
    # a person word that is itself what is lacking is a teachers problem besides the one before;
    # an agent of the problem before is not
    ("部分中职学校专业设置与产业需求脱节,双师型教师不足。", {"vocational", "teachers"}),
    ("课堂教学互动不足,教师讲解时间过长。", {"teaching_quality"}),
    # fees charged for extra lessons are a conduct problem, not the funding of the statement before
    ("县教育局挤占专项资金120万元,部分学校违规收取补课费。", {"funding", "school_conduct"}),
    # the surroundings of a school are a safety topic (校园周边治理)
    ("部分学校周边环境脏乱,占道经营现象突出。", {"safety"}),
])
def test_the_category_of_a_problem(sentence, expected):
    assert {category for category, _ in _problems(PROBLEM_PART + sentence, GANSU)} == expected
