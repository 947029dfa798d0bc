"""Problem findings: categories from cue words, places from the statement's subject."""
import re

import pytest

from extractors import problems, sections
from extractors.models import DocContext, Place, PlaceMention

WEIHAI = Place("371000", "威海市", "city")
BEIJING = Place("110000", "北京市", "province")
COUNTIES = {
    "环翠区": Place("371002", "威海市环翠区", "county"),
    "文登区": Place("371003", "威海市文登区", "county"),
    "乳山市": Place("371083", "乳山市", "county"),
    "南海新区": Place("371000:南海新区", "威海市南海新区", "county"),
    "朝阳": Place("110105", "北京市朝阳区", "county"),
    "门头沟": Place("110109", "北京市门头沟区", "county"),
    "房山": Place("110111", "北京市房山区", "county"),
    "平谷": Place("110117", "北京市平谷区", "county"),
    "怀柔区": Place("110116", "北京市怀柔区", "county"),
    "丰台区": Place("110106", "北京市丰台区", "county"),
}


def _problems(text: str, region: Place = WEIHAI) -> set[tuple[str, str]]:
    names = re.compile("|".join(sorted(map(re.escape, COUNTIES), key=len, reverse=True)))
    mentions = tuple(PlaceMention(m.group(), m.start(), m.end(), COUNTIES[m.group()]) for m in names.finditer(text))
    ctx = DocContext(region=region, mentions=mentions, report_year=2022)
    ctx.sections = tuple(sections.label_sections(text, ctx))
    return {(f.category, f.adcode) for f in problems.extract(text, ctx)}


PROBLEM_PART = "二、存在的主要问题\n"


@pytest.mark.parametrize("sentence, expected", [
    # one statement, several categories
    ("各区市超班额、公办幼儿园在编教师配备不足等问题普遍存在。",
     {("school_places", "371000"), ("teachers", "371000")}),
    ("岐山县学前教育普及普惠发展存在相关部门履职不到位、安全监管工作存在漏洞等问题。",
     {("preschool", "371000"), ("leadership", "371000"), ("safety", "371000")}),
    ("各区中小学生视力不良、肥胖检出率均呈上升趋势,校医配备情况与标准要求仍存在差距。",
     {("student_health", "371000")}),
    # a stage's 办学条件 belongs to the stage (problem_categories.tsv: 中职学校办学条件不达标)
    ("部分民办中职学校办学条件不达标。", {("vocational", "371000")}),
    ("农村学校音体美专任教师短缺,教师年龄结构老化。", {("teachers", "371000")}),
    ("学生近视率居高不下,体育课时不足。", {("student_health", "371000"), ("teaching_quality", "371000")}),
    # words of a cited document's title are no topic of the statement
    ("未按《国家学校体育卫生条件试行基本标准》要求设立卫生室。", {("student_health", "371000")}),
])
def test_categories_of_a_statement(sentence, expected):
    assert _problems(PROBLEM_PART + sentence) == expected


def test_one_row_per_named_district():
    text = PROBLEM_PART + "环翠区、文登区、乳山市未按《学校卫生工作条例》等文件要求设立学校卫生室,并配齐校医。"
    assert _problems(text) == {("student_health", "371002"), ("student_health", "371003"),
                               ("student_health", "371083")}


def test_places_named_after_a_deficiency_start_a_new_statement():
    # punctuation lost between two statements: the districts belong to the second only
    text = PROBLEM_PART + "防欺凌、防溺水措施仍需完善环翠区、南海新区未设立学校卫生室。"
    assert _problems(text) == {("safety", "371000"), ("student_health", "371002"),
                               ("student_health", "371000:南海新区")}


def test_named_subject_carries_to_the_next_clause_until_a_generic_subject():
    text = PROBLEM_PART + ("文登区、南海新区未按规定管理使用教育专项资金,存在资金支付比例不达标等问题;"
                           "各区市学校安防建设水平有待进一步提高。")
    assert _problems(text) == {("funding", "371003"), ("funding", "371000:南海新区"), ("safety", "371000")}


@pytest.mark.parametrize("sentence, expected", [
    ("一般公共预算教育经费,除朝阳、门头沟、房山和平谷四个区外,全市其他区均落实了“只增不减”要求。",
     {("funding", "110105"), ("funding", "110109"), ("funding", "110111"), ("funding", "110117")}),
    # no place inside the frame: the subject named before 除 missed it
    ("怀柔区除普通高中外,其他各学段生均一般公共预算教育经费均实现了“只增不减”。", {("funding", "110116")}),
    # 除此之外 is "besides", not an exception
    ("除此之外,全市其他区均落实了教育经费“只增不减”要求。", set()),
])
def test_except_frame_names_the_places_that_missed(sentence, expected):
    text = "二、各区推进落实专项任务情况\n" + sentence
    assert _problems(text, BEIJING) == expected


@pytest.mark.parametrize("text", [
    # a recommendation, even one naming a deficiency word, is not a problem
    "四、工作建议\n各区要切实解决中小学专任教师结构性缺员问题,及时解决部分学校师生比不达标问题。",
    "三、评价意见\n加大教育投入,确保实现“两个只增不减”,努力推动财政教育投入增长10%以上。",
    # achievements that report a fix or a met floor
    "一、主要做法和成效\n长阳地区已实现新增学位3275个,有效缓解了该地区学位不足问题。",
    "一、主要做法和成效\n落实教师参加课后服务每课时不低于50元。",
    "一、主要做法和成效\n丰台区一般公共预算教育经费在2019年下降12.75%的情况下,2020年增幅5.38%。",
])
def test_not_a_problem(text):
    assert _problems(text, BEIJING) == set()


def test_a_fix_still_needed_inside_the_problem_part_is_a_problem():
    text = PROBLEM_PART + "破除“唯升学”“唯分数”的教育评价导向仍然任重道远。"
    assert _problems(text) == {("evaluation_reform", "371000")}


def test_rows_carry_key_phrase_sentence_and_offsets():
    text = PROBLEM_PART + "环翠区未实现教育经费比上年增长10%的要求;各区市教师队伍建设有待加强。"
    ctx = DocContext(region=WEIHAI, mentions=(PlaceMention("环翠区", 10, 13, COUNTIES["环翠区"]),))
    ctx.sections = tuple(sections.label_sections(text, ctx))
    (funding,) = [f for f in problems.extract(text, ctx) if f.category == "funding"]
    assert (funding.adcode, funding.section, funding.kind) == ("371002", "problem", "problem")
    assert text[funding.start:funding.end] == funding.text == "未实现教育经费"
    assert funding.sentence == "环翠区未实现教育经费比上年增长10%的要求;"


@pytest.mark.parametrize("sentence, expected", [
    # quoted statements side by side are separate clauses, each with its own categories
    ("市督导组指出“课后服务内容单一”“学生食堂存在安全隐患”等问题。",
     {("double_reduction", "371000"), ("safety", "371000")}),
    # 控辍保学 and 巩固率 name the dropout category
    ("部分乡镇控辍保学责任落实不到位,初中巩固率低于全市平均水平。", {("dropout", "371000")}),
    # jieba reads 不符合 as 不|符合 in running text: still a deficiency
    ("部分学校食堂卫生条件不符合食品安全要求。", {("safety", "371000")}),
    # a rule quoted after 按照 names what was missed, not the statement's topic
    ("有的学校没有按照“普通高中与职业教育招生大体相当”的要求分配计划,挤占了职业教育资源。",
     {("vocational", "371000")}),
    # audit findings: misuse of funds is a funding problem whatever the fund
    ("审计发现部分学校挪用营养改善计划补助资金。", {("funding", "371000")}),
    # weakened forms in news items: a need, a plain 差, a problem that 普遍存在
    ("全市中小学心理健康教育需要进一步加强。", {("student_health", "371000")}),
    ("一些山区学校教学设备差。", {("facilities", "371000")}),
    ("农村学校普遍存在音体美教师引进难的问题。", {("teachers", "371000")}),
    # a topic praised is not the one found wanting
    ("对校舍条件良好的无证幼儿园限期办理审批手续。", {("preschool", "371000")}),
])
def test_statements_of_news_and_audits(sentence, expected):
    assert _problems(sentence) == expected


def test_a_count_of_counties_points_back_to_the_counties_named_before():
    text = ("市政府约谈了环翠区、文登区、乳山市等3个区市的负责人。"
            "会上指出3个区市存在“大班额问题突出”“教师结构性缺编”等问题。")
    assert _problems(text) == {(c, p) for c in ("school_places", "teachers") for p in ("371002", "371003", "371083")}


def test_above_problems_are_those_of_the_places_named_earlier_in_the_sentence():
    text = PROBLEM_PART + "环翠区、文登区未按规定安排教育费附加,以上问题均未及时整改。"
    assert _problems(text) == {(c, p) for c in ("funding", "rectification") for p in ("371002", "371003")}


@pytest.mark.parametrize("text", [
    # an instruction names what to fix, even with a deficiency word in it
    "各县区要加快补齐学前教育短板,不断加大投入。",
    "要发挥好举报平台作用,对落实工作打折扣、执行政策搞变通等问题要严肃批评。",
    # a decline the report explains is not stated as a deficiency
    "普通高校生均教育经费比上年下降5.2%(主要原因为一次性基建经费减少)。",
    # an explanation in brackets stays one with its clause, commas and all
    "中职生均经费降低3.1%(主要原因是上年一次性投入较多,导致本年支出下降,已在次年补足),其他学段均有增长。",
    # the motive of past spending, outside a part headed 存在问题
    "为解决学位供给不足的问题,全市新建中小学12所。",
    # problems reported on or analysed, none of them stated
    "各区市逐项汇报了整改推进情况、存在问题及下步打算。",
    "会议对全市学校安全工作存在的不足进行了剖析。",
    # a cause that is no deficiency sets the scene
    "由于学龄人口增长,全市新增学位8000个。",
    # rules: a condition clause, and the object of a later instruction
    "挪用学生资助资金的,年度考核不得评为优秀。",
    "对于超标准收费,要依法查处并退还学生。",
    # the fall of something better lower is progress, in its clause or the next
    "全市学生近视率比上年下降1.2个百分点。",
    "全市学生肥胖率为8.1%,比上年降低0.6个百分点。",
])
def test_instructions_and_explained_changes_are_no_problem(text):
    assert _problems(text) == set()


def test_a_cause_that_is_a_deficiency_is_a_problem():
    assert _problems("由于教师配备不合理,一些农村学校音乐课无法开设。") == {("teachers", "371000")}


def test_an_instruction_that_says_the_problem_exists_states_it():
    text = "各区市要切实解决好当前存在的校舍紧缺、班额过大等问题。"
    assert _problems(text) == {("facilities", "371000"), ("school_places", "371000")}


@pytest.mark.parametrize("sentence, expected", [
    # the topics inside the frame are the problems fed back
    ("会议要求围绕课后服务、食堂安全等反馈问题抓紧整改。", {("double_reduction", "371000"), ("safety", "371000")}),
    # no topic inside: the topics after it in the sentence; 整改 is the response, not a problem
    ("针对调研发现的问题,代表们就教师编制、学位供给等进行了讨论。", {("teachers", "371000"), ("school_places", "371000")}),
    # 存在问题的整改情况: the frame is about the rectification, no problem is named
    ("督导组围绕各区存在问题的整改情况开展了回访。", set()),
])
def test_problems_named_as_topics_of_a_frame(sentence, expected):
    assert _problems(sentence) == expected


def _problems_in_province(text: str) -> set[tuple[str, str]]:
    shandong = Place("370000", "山东省", "province")
    names = {"威海市": WEIHAI, "环翠区": COUNTIES["环翠区"], "山东省": shandong}
    found = re.compile("|".join(names))
    mentions = tuple(PlaceMention(m.group(), m.start(), m.end(), names[m.group()]) for m in found.finditer(text))
    ctx = DocContext(region=shandong, mentions=mentions, report_year=2022)
    ctx.sections = tuple(sections.label_sections(text, ctx))
    return {(f.category, f.adcode) for f in problems.extract(text, ctx)}


def test_a_provincial_report_gives_problems_to_the_cities_it_names():
    assert _problems_in_province("威海市高中大班额问题突出。") == {("school_places", "371000")}


def test_a_place_named_as_a_location_is_not_the_subject():
    text = PROBLEM_PART + "优质学位集中在环翠区附近,偏远乡镇学校的师资力量明显不足。"
    assert _problems(text) == {("teachers", "371000")}


def test_places_set_apart_by_except_are_not_the_subject():
    text = "除威海市外,全省其他地市普通高中普遍存在实验设备缺乏等问题。"
    assert _problems_in_province(text) == {("facilities", "370000")}


@pytest.mark.parametrize("sentence, expected", [
    # audit wording: a private cash box, funds owed
    ("审计发现3所学校设立“小金库”,1个县欠拨教育经费。", {("funding", "371000")}),
    ("一些地方学生资助对象把关不严。", {("funding", "371000")}),
    ("乡镇财政对教育的拨款不足以维持学校运转。", {("funding", "371000")}),
    ("部分学校存在比较严重的经费滥用情况。", {("funding", "371000")}),
    # a figure short of a standard, and the grounds a school lacks
    ("学校生均占地面积低于省定标准,缺少田径场。", {("facilities", "371000")}),
    # counts of schools in an inspection's findings
    ("检查中发现2所学校发生食堂安全事故,1所学校党建工作不规范。",
     {("safety", "371000"), ("leadership", "371000")}),
    # classroom teaching
    ("部分教师仍采用满堂灌的教学方式,课堂互动不足。", {("teaching_quality", "371000")}),
    ("部分学校教学内容陈旧,新教材使用不规范。", {("teaching_quality", "371000")}),
    # emptied village schools, crowded town classes, oversized classes
    ("一些乡镇学校出现“空心化”,而城区学校班额爆满。", {("school_places", "371000")}),
    ("个别学校班学额超标。", {("school_places", "371000")}),
    ("部分学校教师待遇低下、学生在校作业时间过长。", {("teachers", "371000"), ("double_reduction", "371000")}),
    # 规定要求 is a noun, not an instruction that would make the sentence one
    ("全县学校均达到国家规定要求,但个别学校仍存在超规模办学问题。", {("school_places", "371000")}),
    # a fix that is itself found wanting (整治不力, 治理进展缓慢) is a problem
    ("校园周边环境专项整治不力。", {("safety", "371000")}),
    ("城镇小区配套幼儿园专项治理进展缓慢。", {("preschool", "371000")}),
    # boarding schools' living conditions
    ("部分寄宿制学校学生宿舍拥挤,没有浴室。", {("facilities", "371000")}),
    # 人大 surveys and delegates' words: gaps as 差异, persistence, scarcity, stagnation
    ("城乡学校在师资配置上差异较大。", {("teachers", "371000")}),
    ("农村学校音体美教学质量问题仍较突出。", {("teaching_quality", "371000")}),
    ("全县5万人口才有一所公办幼儿园。", {("preschool", "371000")}),
    ("全县学生体质健康优良率多年徘徊在40%左右。", {("student_health", "371000")}),
    # what a topic is compared with (低于普通高中) is the benchmark, not found wanting
    ("多数县职业学校的校均规模明显低于普通高中。", {("vocational", "371000")}),
    # a negated favour is a neglect
    ("部分学校不够重视美育课。", {("teaching_quality", "371000")}),
])
def test_wordings_of_audits_inspections_and_surveys(sentence, expected):
    assert _problems(sentence) == expected


def test_the_favoured_topic_is_not_the_one_found_wanting():
    text = PROBLEM_PART + "一些地方存在重视普通高中、忽视中职学校的现象。"
    assert _problems(text) == {("vocational", "371000")}


@pytest.mark.parametrize("text", [
    # surveying the gaps, preventing misuse, hoping for rectification: no problem stated
    "对各校师资配备、设备缺口进行全面摸底。",
    "通过定期审计杜绝挪用教育经费。",
    "希望各地高度重视存在问题的整改落实。",
    "座谈会上,代表们分析了当前学前教育存在问题的原因。",
    # a rate that is better lower, below the standard, is met
    "全县学生辍学率低于国家规定指标。",
    # a response to a problem already counted: 限期整改
    "对办学条件较好的无证幼儿园要求限期整改。",
])
def test_surveys_prevention_hopes_and_responses_are_no_problem(text):
    assert _problems(text) == set()


@pytest.mark.parametrize("sentence, expected", [
    # the rise of what is better lower is a deficiency wherever it is stated
    ("全县中小学生近视率持续上升。", {("student_health", "371000")}),
    ("部分学校学生近视比例高于全省平均水平。", {("student_health", "371000")}),
    ("学生每天户外活动时间不足1小时,睡眠时间偏少。", {("student_health", "371000")}),
    # a rise of anything else is no deficiency by itself
    ("全市中小学在校生人数比上年增加3.2%。", set()),
])
def test_a_rise_of_what_is_better_lower_is_a_problem(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a clause saying a problem exists states one, whatever the (quoted, figurative) words
    ("部分学校课后服务出现“看管式”现象。", {("double_reduction", "371000")}),
    ("学前教育经费投入存在“重城轻乡”问题。", {("funding", "371000")}),
    # a reference to problems, a check for them, a heading over their rectification
    ("督导组就存在的问题现场反馈了意见。", set()),
    ("各校对照清单排查是否存在食品安全问题。", set()),
    ("督导组围绕各区存在问题整改情况开展了回访。", set()),
    # a problem said not to have occurred; a problem solved, a danger torn down
    ("全县拆除危房2.1万平方米。", set()),
    ("全年全县学校未发生重大安全事故。", set()),
    ("新建3所学校,初步解决了城区学位紧张问题。", set()),
])
def test_saying_a_problem_exists_or_did_not_occur(sentence, expected):
    assert _problems(sentence) == expected


RECOMMENDATIONS = "三、意见建议\n"


@pytest.mark.parametrize("sentence, expected", [
    # a recommendation that says the problem exists states it
    ("代表们建议,要加大投入,切实解决好全区学校存在的功能室不足、专任教师短缺等问题。",
     {("facilities", "371000"), ("teachers", "371000")}),
    # otherwise it tells what to do: neither the problems it answers nor its deficiency words
    ("针对存在的问题,建议加强师资配备、加快校舍建设。", set()),
    ("要加快补齐学前教育短板,着力解决教师待遇偏低问题。", set()),
])
def test_a_recommendation_states_only_the_problems_it_says_exist(sentence, expected):
    assert _problems(RECOMMENDATIONS + sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a fall with its figure is a statistic reported, as announcements do line by line
    ("2023年全区小学生均公用经费为1520元,比上年下降3.2%。", set()),
    ("全区教育经费总收入比上年减少了0.8亿元。", set()),
    # judged in other words, it is a finding
    ("全区小学生均公用经费比上年下降3.2%,未达到“只增不减”要求。", {("funding", "371000")}),
    ("有2个县的生均公用经费出现负增长。", {("funding", "371000")}),
])
def test_a_fall_reported_with_its_figure_is_no_problem(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # stated and said to be fixed: an achievement
    ("3所中学存在违规收费问题,已全部整改到位。", set()),
    # part still open: still a problem
    ("3所中学存在违规收费问题,其中2所已整改,1所正在整改。", {("school_conduct", "371000")}),
    # each ；-piece is read on its own: the fixed one drops, the open one stays
    ("3所中学违规收费12万元,已全部整改到位;2所幼儿园存在安全隐患,正在抓紧整改。", {("safety", "371000")}),
])
def test_a_problem_said_to_be_fixed_is_an_achievement(sentence, expected):
    assert _problems(sentence) == expected


def test_a_frame_followed_by_the_response_names_no_problem():
    assert _problems("针对督导发现的问题,区教育局制定了校舍维修和教师补充方案。") == set()


def test_problems_named_after_zhendui_are_stated_whatever_the_response():
    # 针对 names what a response answers; named deficiencies still exist while being answered
    assert _problems("针对城区学校大班额、音体美教师短缺等问题,县政府新建了两所学校。") == {
        ("school_places", "371000"), ("teachers", "371000")}


@pytest.mark.parametrize("sentence, expected", [
    # a person word names the category when nothing else is named
    ("该村小只有两名老师,要承担六个年级的全部课程。", {("teachers", "371000")}),
    ("乡村学校具有多年教学经验的老师很少。", {("teachers", "371000")}),
    ("山区教师的月工资极低。", {("teachers", "371000")}),
    # the teachers are the agents of another category's problem
    ("个别教师违规组织有偿补课。", {("school_conduct", "371000")}),
    # after a problem stated just before, its topic carries; after a mere setting, it does not
    ("课堂教学质量不高,教师讲授时间过长。", {("teaching_quality", "371000")}),
    ("学校配备了50台录播设备,但会用的老师很少。", {("teachers", "371000")}),
])
def test_teacher_shortage_stated_as_a_plain_fact(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # deficiency words of plain speech in surveys and deputies' words
    ("偏远学校很难招到教师。", {("teachers", "371000")}),
    ("部分学校体育课安排随意。", {("teaching_quality", "371000")}),
    # audit wording: under-drawn funds, charges beyond the permitted range
    ("部分学校少提取助学金。", {("funding", "371000")}),
    ("个别学校超范围收取择校费。", {("school_conduct", "371000")}),
])
def test_plain_deficiency_words_of_surveys_and_audits(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a deputy's question about fixing a problem presumes the problem
    ("如何破解城区学校大班额难题?", {("school_places", "371000")}),
    # a question with no deficiency asks, it finds nothing
    ("如何确保学校建设资金不断流?", set()),
    # stated as a fix, it is progress
    ("新建3所学校,破解了城区学校大班额难题。", set()),
])
def test_a_question_about_a_fix_presumes_the_problem(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a stage joined to the next subject by a conjunction is a subject of its own
    ("新城区公办幼儿园和中小学学位均显不足。", {("preschool", "371000"), ("school_places", "371000")}),
    # a stage right before a topic only qualifies it
    ("幼儿园教师工资待遇偏低。", {("teachers", "371000")}),
])
def test_two_subjects_of_one_clause_each_keep_their_category(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the rooms, areas and fittings of the standards of school conditions, lacking or below standard
    ("环翠区部分学校厕所蹲位不足，文登区仍有学校没有学生餐厅。", {("facilities", "371002"), ("facilities", "371003")}),
    ("乳山市少数学校教学用房面积不达标。", {("facilities", "371083")}),
    ("部分寄宿制学校无图书室，宿舍无热水。", {("facilities", "371000")}),
    # a use named right before the facility says what it is for: the facility is found wanting
    ("部分学校体育运动场地面积不达标。", {("facilities", "371000")}),
    ("乳山市部分学校食堂面积偏小。", {("facilities", "371083")}),
    # a kindergarten's area is its premises
    ("部分幼儿园生均建筑面积低于标准。", {("preschool", "371000")}),
    # oversized schools are a problem of school places
    ("文登区出现2500人以上的大校。", {("school_places", "371003")}),
    ("部分城区学校规模偏大。", {("school_places", "371000")}),
])
def test_school_facilities_and_sizes_below_or_above_the_standards(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # money given back after a check was wrongly taken: the fee names the category
    ("检查后，两所学校清退学生伙食费3.2万元。", {("school_conduct", "371000")}),
    ("环翠区一所学校补交教职工生活费1.1万元。", {("school_conduct", "371002")}),
    # ordered, not yet done: an instruction
    ("要求学校退还多收的住宿费。", set()),
    # money misused keeps its category whatever it was collected as
    ("两所学校通过虚报人数套取学生餐费12万元。", {("funding", "371000")}),
    # recovering money that broke the rules is the fix, the fund is what it acts on
    ("全市共清理违规资金35万元。", set()),
])
def test_canteen_money_given_back_states_the_fault_it_remedies(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("text", [
    # a campaign named after the ill it treats: 不到位 qualifies 问题, the campaign's object
    "威海市学校食堂管理不到位问题专项治理工作总结",
    # a clause announcing the list that follows
    "违规收费情况主要表现为：",
    # problems notified, none named; the scope of an audit
    "会上对校园安全存在问题作了通报。",
    "审计重点关注挤占挪用学生伙食费等问题。",
])
def test_campaigns_announcements_and_scopes_state_no_problem(text):
    assert _problems(text) == set()


@pytest.mark.parametrize("sentence, expected", [
    # a clause ending in 的 after a copula and a deficiency asserts it; it sets no condition for what follows
    ("文登区教育总体发展水平还是偏低的，面临着校舍建设落后等困难。", {("facilities", "371003")}),
    # facing a difficulty states it, whatever the words for it
    ("乳山市农村学校面临骨干教师招聘困难。", {("teachers", "371083")}),
    # an item of a list naming only a stage and its deficiency is of the stage; beside persons it qualifies them
    ("全市面临特殊教育发展滞后、校舍建设落后等困难。", {("special_education", "371000"), ("facilities", "371000")}),
    ("部分学前教育机构存在教师素质低、活动场地狭窄等问题。", {("teachers", "371000"), ("facilities", "371000")}),
    # an ill said to fall is progress; a need met in part, or classes above the standard, is a problem
    ("近年来学校乱收费现象明显减少。", set()),
    ("新建宿舍仅能满足六成寄宿需求。", {("facilities", "371000")}),
    ("城区小学平均每班人数近70人。", {("school_places", "371000")}),
    # demand above supply is a shortage; wiping an ill out is a fix
    ("乳山市寄宿学校床位供不应求。", {("facilities", "371083")}),
    ("明年将消灭城区学校大班额。", set()),
])
def test_assertions_difficulties_listed_stages_and_falling_ills(sentence, expected):
    assert _problems(sentence) == expected
