"""Problem detection on the wordings of inspection findings, surveys and self-assessments:
which sentences state a problem at all (each case written for the rule, read as a news item
with no headings)."""
import pytest

from tests.extractors.test_problems import _problems

REGION = "371000"


@pytest.mark.parametrize("sentence, category", [
    # words of inspection findings: a worry, a hazard by itself, a debt, one-sided pursuit
    ("个别学校食品储藏间卫生状况令人担忧。", "safety"),
    ("个别学校锅炉房旁堆放易燃物。", "safety"),
    ("该县学校建设欠债1200万元。", "funding"),
    ("个别学校只重视升学率。", "evaluation_reform"),
    # a risk said to exist is found
    ("部分学校校车运营存在较大安全风险。", "safety"),
    # a high figure of what is better lower
    ("山区学校生师比高达22:1。", "teachers"),
])
def test_wordings_of_inspection_findings(sentence, category):
    assert _problems(sentence) == {(category, REGION)}


@pytest.mark.parametrize("sentence, category", [
    ("山区学校经费不足。", "funding"),  # jieba keeps 经费不足 as one word
    ("部分学校资金短缺。", "funding"),
    ("部分村小设备陈旧。", "facilities"),
])
def test_a_topic_and_its_deficiency_glued_into_one_word(sentence, category):
    assert _problems(sentence) == {(category, REGION)}


@pytest.mark.parametrize("sentence, category", [
    ("部分农村学校校舍破旧。", "facilities"),
    ("个别学校食堂从业人员健康证过期。", "safety"),
    ("少数学校作业量偏大。", "double_reduction"),
    ("有的学校体育器材不合格。", "facilities"),
])
def test_worn_expired_and_unopened(sentence, category):
    assert _problems(sentence) == {(category, REGION)}


@pytest.mark.parametrize("sentence", [
    "督导组重点检查校车超载、食堂卫生等情况。",
    "检查各校有无违规收费现象。",
    "本次宣传周重点是校园周边交通安全隐患的识别。",  # the scope of a campaign
])
def test_the_scope_of_an_inspection_is_no_finding(sentence):
    assert _problems(sentence) == set()


def test_a_lack_is_a_problem_when_what_is_lacking_is_named():
    assert _problems("部分教学楼走廊无灭火器。") == {("safety", REGION)}
    assert _problems("学校办学无特色。") == set()


def test_a_setting_naming_only_persons_hands_them_to_the_comparison():
    assert _problems("城区小学教师平均教龄为12年,山区小学仅为4年。") == {("teachers", REGION)}


def test_an_instruction_does_not_reach_past_the_turn_of_the_sentence():
    assert _problems("上级要求各校每天安排1小时体育活动,但部分学校仍未落实。") == {("teaching_quality", REGION)}


def test_a_demand_found_wanting_is_no_instruction():
    assert _problems("个别幼儿园对保教质量要求不严。") == {("preschool", REGION)}


@pytest.mark.parametrize("sentence", [
    "全年没有一名学生因贫失学。",  # a zero count keeps the record clean
    "各校开展了消防安全隐患大排查。",  # searching out hazards is a fix
])
def test_clean_records_and_hazard_searches_are_no_problem(sentence):
    assert _problems(sentence) == set()


def test_short_items_under_a_problem_heading_need_only_a_plain_adjective():
    text = ("三、存在的不足\n1.乡镇中心校功能室利用率低。\n2.村小体育器材少。\n"
            "四、下一步打算\n1.加大投入,改善办学条件。")
    assert _problems(text) == {("facilities", REGION)}
    # outside such a heading the same adjective states nothing
    assert _problems("村小体育器材少,但使用率高。") == set()


def test_an_ageing_staff_is_a_problem_anywhere():
    assert _problems("农村学校教师老龄化。") == {("teachers", REGION)}


def test_each_item_of_a_listed_problems_keeps_its_category():
    sentence = "乡镇学校存在功能室不足、教师短缺、普职比失衡等问题。"
    assert _problems(sentence) == {("facilities", REGION), ("teachers", REGION), ("vocational", REGION)}


def test_quoted_problems_after_a_fix_are_its_objects():
    assert _problems("该县着力化解“大班额”“择校热”问题。") == set()
    # quoted findings after a frame that reports them are each stated
    assert _problems("督导组指出“功能室不足”“安全隐患突出”。") == {("facilities", REGION), ("safety", REGION)}


@pytest.mark.parametrize("sentence, category", [
    ("部分村小实验室长期闲置。", "facilities"),
    ("个别民办学校擅自提高收费标准。", "school_conduct"),
    ("少数教师存在变相体罚学生现象。", "school_conduct"),
    ("山区学校空编较多。", "teachers"),
    ("学校周边有网吧。", "safety"),
])
def test_idle_rooms_unauthorised_fees_and_misconduct(sentence, category):
    assert _problems(sentence) == {(category, REGION)}


def test_reusing_idle_buildings_is_a_fix():
    assert _problems("利用闲置厂房改建幼儿园2所。") == set()


@pytest.mark.parametrize("sentence, category", [
    # an ill emerging or coming back
    ("近两年山区初中辍学率有所反弹。", "dropout"),
    ("部分村镇“读书无用论”又有抬头。", "dropout"),
    ("部分学校布局调整后出现了负面效应。", "school_places"),
    ("随着外来人口增多，城区学位紧张日益凸显。", "school_places"),
    ("个别学校安全事故不断发生。", "safety"),
    # narrative want with no 不足-word
    ("东片小学的教学楼年久失修。", "facilities"),
    ("个别幼儿园午睡室过于狭窄。", "preschool"),
    ("城区学校教室拥挤，大班额问题相对突出。", "school_places"),
    ("乡镇中学城镇挤、乡村弱的问题仍然存在。", "school_places"),
    ("山区学校乡村弱的问题仍然存在。", "facilities"),
])
def test_emergence_and_narrative_want(sentence, category):
    assert category in {c for c, _ in _problems(sentence)}


@pytest.mark.parametrize("sentence", [
    # preventing an ill is a fix
    "各校要巩固控辍成果，防止辍学率反弹。",
    # a deficiency put before the instruction acting on it
    "学校对排查出的消防隐患要立即整改。",
    "督查组对各校发现的安全隐患问题要求限期整改。",
])
def test_prevention_and_fronted_objects_of_instructions_state_none(sentence):
    assert _problems(sentence) == set()


def test_a_deficiency_after_a_comparison_word_is_still_found():
    # 对照 compares; it opens no object of an instruction
    assert _problems("对照标准，部分学校安全隐患较多，要尽快整改。") == {("safety", REGION)}


def test_a_zero_count_of_persons_ending_the_statement_is_a_lack():
    assert _problems("东山村小没有一名专职音乐老师。") == {("teachers", REGION)}
    assert _problems("该校没有一名教师受到处分。") == set()  # a clean record
    assert _problems("全年没有一名学生辍学。") == set()


def test_a_check_that_found_hazards_states_them():
    assert _problems("这次消防大排查共发现隐患14处，已整改9处，其余正在整改。") == {("safety", REGION)}


def test_a_frame_met_by_rectification_measures_names_no_problem():
    assert _problems("针对检查中存在的问题，要求各校逐一落实整改措施。") == set()



@pytest.mark.parametrize("sentence, category", [
    # 要求 as a noun, a requirement referred to, gives no instruction
    ("按照市里要求，部分学校校车仍存在安全隐患。", "safety"),
    ("各县虽贯彻了省里的各项要求，农村学校教师配备仍然不足。", "teachers"),
])
def test_a_requirement_referred_to_is_no_instruction(sentence, category):
    assert _problems(sentence) == {(category, REGION)}


def test_a_requirement_given_is_still_an_instruction():
    assert _problems("市教育局要求各校解决教师配备不足问题。") == set()


@pytest.mark.parametrize("sentence, expected", [
    # a figure above its national standard, with no cue word
    ("城区小学平均班额达58人。", {("school_places", REGION)}),
    ("山区学校生师比为21:1。", {("teachers", REGION)}),
    # within the standard, or where a change started
    ("全县小学平均班额为42人。", set()),
    ("全县义务教育学校生师比为15.2:1。", set()),
    ("城区学校平均班额由62人降至48人。", set()),
])
def test_a_figure_beyond_its_standard_states_a_problem(sentence, expected):
    assert _problems(sentence) == expected


def test_the_places_visited_hand_no_topic_to_the_finding():
    # 幼儿园 is among the places inspected, not what 隐患 is found in
    assert _problems("督查组共抽查中小学、幼儿园24所，发现问题及隐患31处。") == set()
    assert _problems("督查组共抽查幼儿园9所，发现部分幼儿园保育员配备不足。") == {("preschool", REGION)}


@pytest.mark.parametrize("sentence, expected", [
    # a fix answering the problem beside it adds no rectification problem
    ("学校对存在的消防隐患进行了整改。", {("safety", REGION)}),
    ("问题较重的学校下达了整改通知书。", set()),
    # the fix found wanting is one
    ("部分学校对督导反馈问题未按期整改。", {("rectification", REGION)}),
    ("2所学校未及时整改。", {("rectification", REGION)}),
])
def test_a_fix_is_a_rectification_problem_only_when_found_wanting(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "校车如经复检仍不合格将停止运营。",  # a hypothetical
    "县教育局组织对全县民办幼儿园进行安全隐患大检查。",  # searching out hazards is a fix
    "为彻底根除校园用电隐患，学校开展了专项行动。",
])
def test_hypotheticals_and_hazard_searches_state_none(sentence):
    assert _problems(sentence) == set()


def test_a_check_that_found_states_what_it_found():
    assert _problems("本次安全大检查中发现用电隐患9处。") == {("safety", REGION)}


@pytest.mark.parametrize("sentence", [
    "全乡无辍学学生，巩固率保持100%。",
    "今年全县中小学无一起安全事故。",
])
def test_the_lack_of_an_ill_is_a_clean_record(sentence):
    assert _problems(sentence) == set()


@pytest.mark.parametrize("sentence, expected", [
    # a mention of problems naming none takes no topic from praise before it
    ("学前教育普及水平明显提高，但也存在一些问题。", set()),
    ("督导组从三个方面肯定了该县校园安全工作，并对目前存在的问题和不足提出了建议。", set()),
    # after a problem stated, or with the problems named next, they are still found
    ("山区学校体育器材短缺，存在不少困难。", {("facilities", REGION)}),
    ("办学行为总体规范，但仍存在一些问题，教辅材料征订问题比较集中。", {("school_conduct", REGION)}),
])
def test_a_mention_of_problems_naming_none(sentence, expected):
    assert _problems(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a goal of a clean record, a prevention
    "确保今年不发生校园食品安全事故。",
    "严防学生溺水事故发生。",
    # a state of want changed, left behind or gone
    "山区学校办学条件差的状况得到根本改变。",
    "彻底改变了过去村小设备陈旧的面貌。",
    "全县告别了“大班额”。",
    "以往存在的违规补课现象已经杜绝。",
])
def test_goals_and_achievements_state_none(sentence):
    assert _problems(sentence) == set()


def test_a_change_not_made_is_still_a_problem():
    assert _problems("农村教师工资待遇低的状况没有根本改变。") == {("teachers", REGION)}


@pytest.mark.parametrize("sentence, expected", [
    # a fix named as a topic acts on the problem after it
    ("全面清查、整改校园用电隐患。", set()),
    # not on one stated before it
    ("个别学校存在用电隐患需整改。", {("safety", REGION)}),
])
def test_a_fix_named_as_a_topic_acts_on_what_follows(sentence, expected):
    assert _problems(sentence) == expected


def test_a_check_that_found_none_states_no_problem():
    # our own sentences: an inspection that found no accident or violation keeps the record
    # clean; a hazard it did find still counts
    clean = "本次督查未发现重大安全责任事故和违规办学行为。"
    found = "本次督查发现部分学校存在消防安全隐患。"
    assert _problems(clean) == set()
    assert {category for category, _ in _problems(found)} == {"safety"}


def test_a_denial_reaches_the_end_of_its_clause_only():
    # our own sentence: the city schools were clean, the county schools were not
    text = "市区学校没有发现有偿补课行为；县城学校被查实有偿补课的有3所。"
    assert {category for category, _ in _problems(text)} == {"school_conduct"}
