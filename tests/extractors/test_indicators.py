import pytest

from extractors import indicator_lexicon, indicators, quantities
from extractors.lexicon import LexiconError
from extractors.models import DocContext, Place

COUNTY = Place("130102", "石家庄市长安区", "county")


def figures(text):
    return [(f.text, f.metric_code, f.change) for f in quantities.extract(text, DocContext(report_year=2022, region=COUNTY))]


@pytest.mark.parametrize("sentence, code", [
    ("全区普惠率达到92.4%。", "preschool_inclusive_rate"),
    ("该县普惠性幼儿园覆盖率为88%。", "preschool_inclusive_rate"),
    ("全县学前三年毛入园率达到97.1%。", "preschool_gross_enrolment"),
    ("九年义务教育巩固率为99.2%。", "compulsory_retention"),
    ("高中阶段毛入学率达到95.6%。", "senior_gross_enrolment"),
    ("线下学科类培训机构压减率达88%。", "training_reduction"),
    ("家长对课后服务的满意度达96.3%。", "satisfaction"),
    ("全年教育经费总投入8.2亿元。", "total_edu_funding"),
    ("全市国家财政性教育经费52.3亿元。", "fiscal_edu_funding"),
    ("全区教育支出12.3亿元。", "budget_edu_funding"),
    ("一般公共预算教育支出占一般公共预算支出的比例为17.9%。", "budget_edu_share"),
    ("区级征收的地方教育附加3200万元全部用于教育。", "edu_surcharge"),
    ("群众对学前教育的社会认可度达92%。", "satisfaction"),
    ("课后服务学校覆盖率达100%。", "after_school_participation"),
    ("非在编幼儿教师工资仅为在编教师的60%。", "teacher_pay"),
    ("体育器材配备达标率为85%。", "school_standard_rate"),
    ("学生体质健康达标率为93%。", "student_health"),
    ("新出台的办法中没有提到的指标占比为12%。", "other"),
])
def test_cue_before_the_figure_names_the_indicator(sentence, code):
    assert figures(sentence)[0][1] == code


def test_nearest_cue_wins_and_an_aside_is_not_read():
    found = figures("全县一般公共预算教育经费(含教育费附加和地方教育附加)为6.1亿元,比上年增长3.5%。")
    assert found == [("6.1亿元", "budget_edu_funding", False), ("3.5%", "budget_edu_funding", True)]


@pytest.mark.parametrize("sentence, code", [
    ("普通初中生均公用经费达到1250元。", "per_pupil_public_junior"),
    ("特殊教育学校生均一般公共预算教育事业费为61000元。", "per_pupil_budget_special"),
    ("中等职业学校生均预算内教育事业费18800元。", "per_pupil_budget_vocational"),
    ("生均公用经费高中每生每年不低于1100元。", "per_pupil_public_senior"),
    ("公办园生均财政拨款标准为每生每年600元。", "per_pupil_public_preschool"),
    ("中小学生均公用经费共900元。", "other"),  # 中小学 names no single level
    ("中小学生均教育事业费初中为8100元。", "per_pupil_budget_junior"),
    ("职业高中生均公用经费2400元。", "per_pupil_public_vocational"),
])
def test_per_pupil_figures_take_the_school_level(sentence, code):
    assert figures(sentence)[0][1] == code


def test_respectively_hands_out_levels_and_indicators_in_turn():
    found = figures("小学、初中、高中生均公用经费分别为700元、900元和1200元。")
    assert [c for _, c, _ in found] == ["per_pupil_public_primary", "per_pupil_public_junior",
                                        "per_pupil_public_senior"]
    found = figures("该区公办园、普惠园在园幼儿占比分别为55%、86%。")
    assert [c for _, c, _ in found] == ["preschool_public_share", "preschool_inclusive_rate"]
    found = figures("小学、初中辍学率分别为0.1%、0.3%,全县毛入园率达到91%。")
    assert [c for _, c, _ in found] == ["dropout_rate", "dropout_rate", "preschool_gross_enrolment"]


def test_a_per_pupil_line_under_a_lead_in_takes_its_indicator_and_its_own_level():
    text = ("2022年全县生均一般公共预算教育事业费支出情况是:\n"
            "普通初中生均支出为13020.5元,比上年的12480.1元增长4.33%;职业高中生均支出为15200元。")
    found = figures(text)
    assert [c for _, c, _ in found] == ["per_pupil_budget_junior"] * 3 + ["per_pupil_budget_vocational"]
    assert [ch for _, _, ch in found] == [False, False, True, False]


def test_parts_after_qizhong_measure_their_subject():
    found = figures("全年落实学生资助资金1800万元,其中:市级资金600万元、区级资金1200万元。")
    assert [c for _, c, _ in found] == ["student_aid"] * 3


def test_list_item_takes_the_indicator_of_the_lead_in_above():
    text = ("二、各级教育生均一般公共预算公用经费增长情况\n"
            "1.全区幼儿园为1630.5元,比上年增长2.1%。\n"
            "2.全区普通高中为3510.2元,比上年下降1.4%。增长最快的是东城街道学校(8.8%)。")
    found = figures(text)
    assert [c for _, c, _ in found] == ["per_pupil_public_preschool"] * 2 + ["per_pupil_public_senior"] * 3
    assert [ch for _, _, ch in found] == [False, True, False, True, True]


@pytest.mark.parametrize("sentence, code", [
    ("区财政投入1.6亿元,用于新建、改扩建中小学校舍。", "school_construction"),
    ("审计发现有的县将900万元营养餐补助挪用于弥补办公经费。", "irregular_funds"),
    ("年投入约300万元购买校车服务。", "other"),
    ("严禁截留、挪用课后服务经费,财政按每生每年200元补助。", "after_school_funding"),
    ("审计指出该县滞留专项资金420万元。", "irregular_funds"),
    ("该县欠拨教育费附加680万元。", "edu_surcharge"),  # the vocabulary counts it under 教育费附加
])
def test_an_amount_is_read_by_what_it_paid_for(sentence, code):
    assert figures(sentence)[0][1] == code


@pytest.mark.parametrize("sentence, changes", [
    ("全县教育经费总投入为9.8亿元,比上年的9.1亿元增长7.69%。", [False, False, True]),
    ("全县普惠率由72%提高到了90%。", [False]),  # one finding, value_from 72: both are levels
    ("财政教育支出占比为16.9%,高于省定的15%。", [False, False]),
    ("全市巩固率较上年提高0.6个百分点。", [True]),
    ("学前三年毛入园率低于全省平均水平3个百分点。", [True]),
    ("一般公共预算教育经费年均增长9.3%,高于同期财政收入年均7.1%的增长幅度。", [True, True]),
    ("区级教育费附加比上年多拨1500万元。", [True]),
    ("普惠率增幅为4.5%。", [True]),
    ("全县普惠率高达97%,投入多达1.2亿元。", [False, False]),
])
def test_change_or_level(sentence, changes):
    assert [ch for _, _, ch in figures(sentence)] == changes


def test_money_never_gets_a_percent_indicator():
    # 普惠园 names a rate; an amount next to it is what was spent, not the rate
    assert figures("全区新增普惠园补助资金450万元。")[0][1] != "preschool_inclusive_rate"


def test_every_cue_code_is_in_the_vocabulary_and_every_code_has_a_label():
    vocab = indicators.vocabulary()
    assert "other" in vocab and len(vocab) == 40
    assert indicators.label("other") is None
    assert all(indicators.label(code) for code in vocab if code != "other")


@pytest.mark.parametrize("row, message", [
    ("普惠率\tno_such_code\tbefore", "not in indicator_codes.tsv"),
    ("普惠率\tpreschool_inclusive_rate\tsomewhere", "where must be one of"),
])
def test_cue_lexicon_rejects_unknown_codes_and_places(tmp_path, monkeypatch, row, message):
    import shutil

    from extractors import lexicon

    for name in ("indicator_codes.tsv", "indicator_words.yaml"):
        shutil.copy(lexicon.LEXICON_DIR / name, tmp_path / name)
    (tmp_path / "indicator_cues.tsv").write_text(
        "# source: test\ncue\tcode\twhere\n" + row + "\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    for cached in (lexicon.load_tsv, lexicon.load_yaml, indicator_lexicon.cues, indicators.vocabulary, indicators.words):
        cached.cache_clear()
    try:
        with pytest.raises(LexiconError, match=message):
            indicator_lexicon.cues()
    finally:
        monkeypatch.undo()
        for cached in (lexicon.load_tsv, lexicon.load_yaml, indicator_lexicon.cues, indicators._cues_for,
                       indicators.vocabulary, indicators.words):
            cached.cache_clear()


# Classes of wording found on real pages outside the dev set (corpus/labels/figures.tsv);
# each sentence below is written for the test, not taken from a page.

def test_a_sentence_opening_with_qizhong_continues_the_figure_before_it():
    found = figures("全县普通初中生均公用经费为1350元,比上年增长6.2%。其中,农村初中为1288元,比上年增长5.1%。")
    assert [c for _, c, _ in found] == ["per_pupil_public_junior"] * 4
    # ...but not when its part has a quantity of its own (举办者投入)
    found = figures("全县教育经费总投入3.2亿元。其中,民办学校举办者投入0.1亿元。")
    assert found[1][1] == "other"


def test_a_growth_rate_alone_continues_the_indicator_before_it():
    found = figures("全区一般公共预算教育经费为5.6亿元。各镇街增长率均超过4%。")
    assert found[1][1:] == ("budget_edu_funding", True)


def test_respectively_hands_out_levels_written_with_their_school_type():
    found = figures("全市普通小学、普通初中、普通高中、普通高等学校生均公用经费增幅分别为3.1%、4.2%、5.3%、1.2%。")
    assert [c for _, c, _ in found] == ["per_pupil_public_primary", "per_pupil_public_junior",
                                        "per_pupil_public_senior", "other"]
    assert all(ch for _, _, ch in found)


@pytest.mark.parametrize("sentence", [
    "专项检查发现挤占挪用的资金中,用于发放津贴85万元;用于偿还债务42万元。",  # items after ； share the subject
    "个别学校设立小金库,账外资金达36万元。",
    "有的县高估冒算工程款58万元。",
    "部分学校违规收费12万元。",
])
def test_amounts_of_misused_funds(sentence):
    assert {c for _, c, _ in figures(sentence)} == {"irregular_funds"}


def test_the_base_of_a_share_is_not_the_indicator_and_the_share_takes_the_share_cue():
    found = figures("全县教育支出占一般公共预算支出52亿元的比例为18.6%。")
    assert [c for _, c, _ in found] == ["other", "budget_edu_share"]
    assert figures("该市教育经费占一般公共预算比例为19.1%。")[0][1] == "budget_edu_share"
    assert figures("甲县教育经费占公共财政比例最高,达到21.4%。")[0][1] == "budget_edu_share"


def test_a_share_taken_of_an_amount_indicator_is_other():
    assert figures("义务教育经费占教育经费总投入的比重为47%。")[0][1] == "other"
    # each stage's part of the total, the rest included
    assert [c for _, c, _ in figures("高中阶段教育经费总投入为3.1亿元,其他教育经费总投入为0.4亿元。")] == ["other", "other"]
    assert figures("挤占的资金中用于基建120万元,占40%。")[1][1] == "other"


def test_a_share_of_a_wider_whole_named_with_its_scope_is_other():
    # the whole's scope (全省, 同期) between 占 and the cue: still a share of the indicator, not its level
    found = figures("全县教育经费总投入12.6亿元,占全省教育经费总投入的1.9%,比上年增长4.2%。")
    assert found == [("12.6亿元", "total_edu_funding", False), ("1.9%", "other", False),
                     ("4.2%", "total_edu_funding", True)]
    assert figures("全市财政性教育经费占同期财政性教育经费的6.5%。")[0][1] == "other"
    found = figures("全县教育经费总投入12.6亿元,占全省的1.9%,比上年增加0.5亿元,增长4.2%。")
    assert [c for _, c, _ in found][2:] == ["total_edu_funding", "total_edu_funding"]
    # a share moves by points: its change stays the share's
    assert figures("全县教育经费总投入12.6亿元,占全省的1.9%,比上年提高0.1个百分点。")[2][1] == "other"


def test_a_sentence_opening_with_a_comparison_measures_the_indicator_before_it():
    found = figures("全县财政性教育经费9.8亿元,占全市的12%。较上年的9.1亿元增加0.7亿元,增长7.7%。")
    assert [c for _, c, _ in found] == ["fiscal_edu_funding", "other", "fiscal_edu_funding", "fiscal_edu_funding",
                                        "fiscal_edu_funding"]
    assert [ch for _, _, ch in found][2:] == [False, True, True]


def test_the_words_after_a_quantifying_figure_name_what_it_measures():
    found = figures("课后服务实现全覆盖,78%以上的学生参加了课后服务,91%的家长表示满意。")
    assert [c for _, c, _ in found] == ["after_school_participation", "satisfaction"]


def test_a_word_pointing_back_takes_the_indicator_named_before():
    found = figures("财政性教育经费占地区生产总值的比例目标为4%,而去年该比例仅为3.2%。")
    assert [c for _, c, _ in found] == ["fiscal_edu_gdp_share"] * 2


def test_what_an_amount_paid_for_is_read_before_the_next_amount():
    found = figures("下拨公用经费300万元,校舍维修改造资金120万元。")
    assert [c for _, c, _ in found] == ["other", "school_construction"]


@pytest.mark.parametrize("sentence, code", [
    ("专任教师学历合格率为99.6%。", "teacher_qualification"),
    ("专科以上学历教师占比达到95%。", "teacher_qualification"),
    ("在公办园和普惠性民办园就读的幼儿占比达到88%。", "preschool_inclusive_rate"),
    ("全市高中段教育毛入学率达到96.2%。", "senior_gross_enrolment"),
    ("高中阶段学生巩固率为97%。", "other"),  # 巩固率 of the vocabulary is the compulsory one
    ("实验仪器配备达标校数比例为91%。", "school_standard_rate"),
])
def test_more_cues_before_the_figure(sentence, code):
    assert figures(sentence)[0][1] == code


def test_a_negative_figure_is_a_change():
    found = figures("全区普通小学、普通初中生均公用经费增幅分别为2.1%、-0.6%。")
    assert found[1][1:] == ("per_pupil_public_junior", True)


@pytest.mark.parametrize("sentence, code", [
    ("今年全镇教育投入累计2.4亿元。", "total_edu_funding"),
    ("全年财政对教育拨款4.3亿元。", "budget_edu_funding"),
    ("县财政用于教育投入1.1亿元。", "budget_edu_funding"),
    ("全年征收两项附加860万元。", "edu_surcharge"),
    ("全年落实“两免一补”资金52万元。", "student_aid"),
    ("为320名寄宿生发放生活补贴16万元。", "student_aid"),
])
def test_funding_words_of_county_reports(sentence, code):
    assert figures(sentence)[0][1] == code


def test_a_part_that_says_what_it_paid_for_is_that_and_not_its_whole():
    found = figures("全年教育投入9000万元,其中校舍维修改造资金600万元、教师培训经费80万元。")
    assert [c for _, c, _ in found][:2] == ["total_edu_funding", "school_construction"]


def test_a_purpose_in_the_clause_of_the_next_amount_is_not_read():
    found = figures("全年财政投入专项经费2.1亿元,实现“两免一补”,“一补”金额86万元。")
    assert [c for _, c, _ in found] == ["other", "student_aid"]


def test_a_rate_per_pupil_names_the_per_pupil_indicator_without_shengjun():
    found = figures("义务教育学校公用经费补助标准提高到小学每生每年750元、初中每生每年960元。")
    assert [c for _, c, _ in found] == ["per_pupil_public_primary", "per_pupil_public_junior"]


def test_education_funds_set_aside_from_land_revenue():
    found = figures("从土地出让收益中按10%计提教育资金3600万元。")
    assert [c for _, c, _ in found] == ["land_revenue_edu", "land_revenue_edu"]


def test_respectively_after_clauses_hands_out_their_indicators():
    found = figures("全县九年义务教育巩固率达99.6%,学前三年毛入园率达93%,分别比上年提高0.3和2.1个百分点。")
    assert found[2:] == [("0.3", "compulsory_retention", True), ("2.1个百分点", "preschool_gross_enrolment", True)]


def test_the_growth_of_a_count_named_after_the_cue_is_other():
    found = figures("全县普惠性幼儿园覆盖率达到91%,其中公办园46所,比上年增长了12%。")
    assert found == [("91%", "preschool_inclusive_rate", False), ("12%", "other", True)]


@pytest.mark.parametrize("sentence", [
    "抽查发现12所学校少提取教师培训经费310万元。",
    "县教育局未拨付上级下达的校舍维修资金86万元。",
    "3所民办幼儿园超标准收费,涉及金额47万元。",
    "有8名已退休人员仍在领取绩效工资,违规发放金额15.6万元。",
    "至检查结束时仍有19万元伙食费结余尚未清退。",
    "部分学校多付工程款4.3万元。",
    "2所学校建成的录播教室长期闲置,涉及资金120万元。",
    "专项检查查实2所高中违规向借读生收费38万元。",
    "这起涉及26万元的乱收费案件已移交纪检部门。",
])
def test_amounts_an_audit_found_wrong_are_irregular_funds(sentence):
    assert {c for _, c, _ in figures(sentence)} == {"irregular_funds"}


def test_a_misuse_in_the_next_full_sentence_is_not_the_amounts():
    # the sentence ends at its own full stop: the misuse told after it is another matter
    assert figures("县教育局耗资500万元建成新办公楼。另有学杂费被挪用。")[0][1] == "other"


def test_the_amount_made_good_after_an_audit_is_not_the_irregular_amount():
    got = figures("审计发现6所学校少提取奖助学金150万元,已补提120万元,尚有30万元未补提。")
    assert [c for _, c, _ in got] == ["irregular_funds", "student_aid", "irregular_funds"]
    got = figures("检查查出违规收费金额80万元,已清退65万元,没收12万元。")
    assert [c for _, c, _ in got] == ["irregular_funds", "other", "other"]
    # a remedy verb before a misuse word: the amount is still the misused one
    assert figures("责令该校追回违规发放的补贴9万元。")[0][1] == "irregular_funds"


def test_a_sentence_pointing_back_at_a_share_keeps_its_indicator():
    got = figures("2019年财政性教育经费占GDP比例为4.04%。这是自2012年第一次达到4%以来连续八年不低于4%。")
    assert [c for _, c, _ in got] == ["fiscal_edu_gdp_share"] * 3
    got = figures("财政性教育经费占GDP比例为4.1%。这一成绩意味着国家确定的4%目标已经连续实现。")
    assert [c for _, c, _ in got] == ["fiscal_edu_gdp_share"] * 2


def test_the_central_part_of_a_national_total_is_not_the_budget_total():
    got = figures("全国一般公共预算教育经费3.2万亿元,其中,中央财政教育支出4500亿元,比上年增长3.1%。")
    assert [c for _, c, _ in got] == ["budget_edu_funding", "other", "other"]


def test_an_amount_for_something_other_than_education_is_not_school_construction():
    got = figures("县农业农村局收到补助资金800万元,其中用于新建3座养殖大棚500万元,渔船维修改造300万元。")
    assert [c for _, c, _ in got] == ["other", "other", "other"]


def test_an_amount_after_a_share_is_the_funding_the_share_was_taken_of():
    got = figures("财政性教育经费占GDP的比例为4.3%,并于当年首次超过2万亿元。")
    assert [c for _, c, _ in got] == ["fiscal_edu_gdp_share", "fiscal_edu_funding"]


def test_teaching_equipment_is_bought_with_school_construction_funds():
    got = figures("薄弱学校改造资金分两块,其中:校舍维修资金800万元,教学设备购置资金260万元。")
    assert [c for _, c, _ in got] == ["school_construction", "school_construction"]


def test_a_share_naming_no_indicator_after_zhan_is_the_share_of_its_subject():
    found = figures("其中,公办幼儿园86所,比上年增加5所,增长6.2%,占全县幼儿园的比例为58.1%,比上年提高2.4个百分点。")
    assert [(c, ch) for _, c, ch in found] == [
        ("other", True), ("preschool_public_share", False), ("preschool_public_share", True)]


def test_a_change_verb_reaching_a_level_gives_the_level():
    found = figures("去年全区学生近视率下降为48.6%,同比下降1.9%;今年又上升为49.3%。")
    assert [(c, ch) for _, c, ch in found] == [
        ("student_health", False), ("student_health", True), ("student_health", False)]


@pytest.mark.parametrize("sentence, code", [
    ("抽查的三年级学生视力正常率为58.4%。", "student_health"),
    ("六年级视力低下率为61.2%。", "student_health"),
    ("全县学生近视检出率为47.5%。", "student_health"),
    ("全市财政性学前教育经费为3.4亿元。", "other"),  # a stage's part, not the total
    ("全县义务教育经费总投入为12.6亿元。", "other"),
])
def test_cues_of_vision_rates_and_of_a_stages_funding(sentence, code):
    assert figures(sentence)[0][1] == code


def test_a_share_of_schools_providing_after_school_service_is_participation():
    found = figures("全区已填报课后服务信息的学校中,98.5%的学校提供了课后服务,92%的学校开展了课后服务。")
    assert [c for _, c, _ in found] == ["after_school_participation"] * 2


@pytest.mark.parametrize("sentence, code", [
    ("全县初中56人以上的大班占12.5%,66人以上的大班占3.1%。", "large_class_share"),
    ("城区小学46人以上大班比例为18%。", "large_class_share"),
    ("全年发放国家助学贷款2.3亿元。", "student_aid"),
    ("免费教科书投入资金1860万元。", "student_aid"),
    ("其中,一般公共预算安排的教育经费20.4亿元。", "budget_edu_funding"),
    ("政府性基金预算安排的教育经费0.6亿元。", "other"),
])
def test_cues_of_class_size_aid_and_funding_sources(sentence, code):
    assert figures(sentence)[0][1] == code


def test_a_change_verb_naming_a_fund_is_no_change():
    found = figures("下达校长能力提升补助86万元,教育质量提升工程资金320万元,乡村教师每月提高补助200元。")
    assert [ch for _, _, ch in found] == [False, False, True]


def test_an_award_subsidy_names_its_own_amount():
    found = figures("下达校舍维修改造资金600万元,综合奖补150万元。")
    assert [c for _, c, _ in found] == ["school_construction", "other"]


def test_the_share_an_amount_indicator_takes_is_other():
    assert figures("全县教育经费总投入中,国家财政性教育经费的比重为86%。")[0][1] == "other"


def test_a_funding_total_named_for_one_stage_is_that_stages_part():
    found = figures("2023年,全市义务教育阶段一般公共预算教育经费为18.2亿元,比上年增长4.1%。")
    assert [(c, ch) for _, c, ch in found] == [("other", False), ("other", True)]


def test_respectively_hands_out_a_stage_written_in_full():
    found = figures("学前教育、普通高中生均一般公共预算教育经费分别增长12%、8%。")
    assert [c for _, c, _ in found] == ["per_pupil_budget_preschool", "per_pupil_budget_senior"]


def test_a_share_of_a_district_budget_is_the_budget_share():
    assert figures("全区教育支出9.6亿元,占区级预算支出的17.2%。")[1][1] == "budget_edu_share"


@pytest.mark.parametrize("sentence, code", [
    ("该区上年在教育方面的预算支出为12.4亿元。", "budget_edu_funding"),
    ("全市教育领域预算安排26亿元。", "budget_edu_funding"),
    ("寄宿生每生每天补助4元。", "student_aid"),
    ("对家庭困难学生每生每年补助1000元。", "student_aid"),
])
def test_cues_of_district_budgets_and_per_student_subsidies(sentence, code):
    assert figures(sentence)[0][1] == code


def test_a_fee_for_after_school_care_is_after_school_funding():
    found = figures("寒暑假校内托管服务费为每生每天15元。")
    assert found[0][1] == "after_school_funding"


def test_a_lead_in_naming_a_ratio_hands_it_to_items_that_name_none():
    found = figures("全县初中实验仪器配备达标的学校比例分别为:理科实验室91.20%,图书室95.50%,计算机教室88.70%。")
    assert [c for _, c, _ in found] == ["school_standard_rate"] * 3


def test_an_amount_spent_at_a_rate_is_the_rates_indicator():
    # the words before the second amount only say it was spent (按…标准投入)
    found = figures("高中国家助学金按2000元/生标准投入356.4万元,惠及学生1782人。")
    assert [c for _, c, _ in found] == ["student_aid", "student_aid"]


def test_fee_waivers_and_meal_subsidies_are_student_aid():
    found = figures("三、中职免学费:2310人,金额277.2万元;四、义务教育营养改善补助:1200人,金额48万元。")
    assert [c for _, c, _ in found] == ["student_aid", "student_aid"]


def test_a_line_counting_something_does_not_continue_the_rate_above_it():
    found = figures("- 巩固率达到96.5%\n- 专任教师3210人,比上年增长2.6%")
    assert [(c, ch) for _, c, ch in found] == [("compulsory_retention", False), ("other", True)]


@pytest.mark.parametrize("sentence", [
    "全县教育项目总投资6.8亿元,当年完成投资2.35亿元。",
    "安排乡镇初中建设3200万元,支持5所学校改善条件。",
    "二、2021年义务教育学校专项资金460万元建设情况",
])
def test_project_investment_and_building_a_school_type_are_school_construction(sentence):
    assert {c for _, c, _ in figures(sentence)} == {"school_construction"}


def test_a_percent_of_project_investment_naming_no_ratio_is_progress():
    found = figures("全年计划投资5000万元,截至9月已完成投资63.5%。")
    assert [c for _, c, _ in found] == ["school_construction", "other"]


def test_a_second_change_joined_by_yiji_is_a_change_too():
    found = figures("全县小学和初中在校生比上年分别增长1.20%以及3.05%。")
    assert [ch for _, _, ch in found] == [True, True]


def test_an_amount_saying_only_who_spent_it_goes_on_with_the_amount_before():
    found = figures("全县下达学生资助资金860万元。至此,2023年县级财政共安排专项资金1020万元。")
    assert [c for _, c, _ in found] == ["student_aid", "student_aid"]


def test_a_percent_after_an_amount_naming_no_ratio_is_no_level_of_it():
    found = figures("全年完成教育固定资产投资3.2亿元,完成年度目标任务的96.5%。")
    assert [c for _, c, _ in found] == ["school_construction", "other"]


def test_boarders_living_cost_subsidy_and_canteen_building_funds():
    found = figures("其中,寄宿生生活费补助资金620万元,食堂建设资金310万元。")
    assert [c for _, c, _ in found] == ["student_aid", "school_construction"]


def test_an_amount_saying_only_who_paid_takes_what_the_sentence_before_names():
    found = figures("去年全县启动了农村义务教育学生营养改善计划。今年县财政投入1260万元,覆盖全部农村学校。")
    assert [c for _, c, _ in found] == ["student_aid"]


def test_the_living_subsidy_of_two_exemptions_one_subsidy():
    found = figures("寄宿生享受“一补”后每天可得5元。")
    assert [c for _, c, _ in found] == ["student_aid"]


def test_a_subsidy_standard_and_canteen_building():
    found = figures("县财政将补助标准由每生每年500元提高到800元。")
    assert [c for _, c, _ in found] == ["student_aid", "student_aid"]
    assert [c for _, c, _ in figures("今年县财政安排900万元用于农村学校食堂建设。")] == ["school_construction"]


def test_a_per_level_list_after_the_all_level_average_takes_each_levels_per_pupil_code():
    # the all-level average has no code of its own; its lines name a level only
    text = ("全省按在校学生人数平均的一般公共预算教育经费为16420.3元,比上年增长1.9%。"
            "其中,全省幼儿园为9870.2元,比上年增长4.1%;全省普通高中为18230.6元,比上年下降0.7%,下降最多的是南城县(6.2%)。")
    found = figures(text)
    assert [c for _, c, _ in found] == ["other"] * 2 + ["per_pupil_budget_preschool"] * 2 + ["per_pupil_budget_senior"] * 3
    assert [ch for _, _, ch in found] == [False, True, False, True, False, True, True]


def test_an_older_name_of_the_budget_funding():
    found = figures("全县公共财政预算教育经费增长低于财政经常性收入增长1.3个百分点。")
    assert found == [("1.3个百分点", "budget_edu_funding", True)]


@pytest.mark.parametrize("sentence", [
    "抽查的12所中职学校专项资金3.2亿元,未实行专户管理。",  # the irregularity after the amount, in its sentence
    "该县义务教育专项资金860万元与学校日常经费放在一起核算。",
    "3个县多获得学生资助补助经费1230万元。",
])
def test_amounts_an_audit_found_kept_or_obtained_irregularly(sentence):
    assert {c for _, c, _ in figures(sentence)} == {"irregular_funds"}


@pytest.mark.parametrize("sentence", [
    "截至6月底,已完成排查任务的民办幼儿园有3200所,占应排查总数的64%。",
    "全市已基本完成校外培训机构专项治理整改任务,区县完成率81.5%。",
])
def test_a_campaigns_completion_share_is_a_rectification_rate(sentence):
    assert figures(sentence)[-1][1] == "rectification_rate"


def test_an_aid_word_read_with_a_rate_is_a_coverage_not_aid_money():
    found = figures("全县农村寄宿生享受生活补助率达98%,发放生活补助资金420万元。")
    assert [c for _, c, _ in found] == ["other", "student_aid"]


def test_money_for_school_toilets_is_school_building():
    assert figures("镇中心小学计划投入35万元,将旱厕所改为水冲式。")[0][1] == "school_construction"


def test_a_total_spent_under_a_line_naming_the_funding_is_that_funding():
    # a headline broken over two lines: 总投入 says only that it was spent
    found = figures("2023年某市教育经费,\n总投入96.5亿元!\n一起来看看。")
    assert found[0][1] == "total_edu_funding"


def test_a_figure_right_after_the_average_it_is_compared_with_is_that_average():
    found = figures("城区学校课后服务参与率高于全市平均水平88.5%,农村学校低于全市平均值2.3个百分点。")
    assert [ch for _, _, ch in found] == [False, True]


def test_level_parts_in_the_sentence_of_an_all_level_per_pupil_figure_take_their_level():
    found = figures("全县生均一般公共预算公用经费为1850元,其中,普通小学为1520元,普通初中为2310元,比上年增长3%。")
    assert [c for _, c, _ in found] == ["other", "per_pupil_public_primary"] + ["per_pupil_public_junior"] * 2


def test_the_parts_of_the_budget_funding_named_in_an_aside_are_other():
    found = figures("全区一般公共预算教育经费8.2亿元(教育事业费7.1亿元,基建经费0.6亿元,教育费附加0.5亿元)。")
    assert [c for _, c, _ in found] == ["budget_edu_funding", "other", "other", "edu_surcharge"]


@pytest.mark.parametrize("sentence, code", [
    ("受访家长对学校工作满意或基本满意的占97.5%。", "satisfaction"),
    ("全省高等教育毛入学率达到52%。", "other"),  # tertiary: the code covers 小学/初中/义务教育 入学率
    ("全县小学适龄儿童入学率100%。", "enrolment_rate"),
    ("学前三年入园率达到95%以上,乡镇中心幼儿园建园率达到100%。", "other"),  # the share of towns with one
])
def test_satisfaction_said_with_basic_and_tertiary_enrolment(sentence, code):
    assert figures(sentence)[-1][1] == code


def test_a_total_of_items_is_what_all_of_them_measure():
    mixed = figures("全县下达公用经费补助资金3.2亿元,免费教科书资金0.5亿元,寄宿生生活费补助资金0.8亿元,总计4.5亿元。")
    assert mixed[-1][:2] == ("4.5亿元", "other")
    aid = figures("发放寄宿生生活补助资金300万元、国家助学金200万元,合计500万元。")
    assert [c for _, c, _ in aid] == ["student_aid"] * 3


def test_satisfaction_with_a_service_outside_education_is_other():
    found = figures("民调显示,市民对公共交通的满意度为81%,对医疗服务的满意度为66%;对学校教育的满意度为72%。")
    assert [c for _, c, _ in found] == ["other", "other", "satisfaction"]


@pytest.mark.parametrize("sentence", [
    "检查发现,2个县延迟拨付学生资助资金860万元。",
    "审计发现,该县违规将营养膳食补助资金1200万元用于偿还债务。",
])
def test_late_payment_and_funds_turned_to_other_uses_are_irregular(sentence):
    assert figures(sentence)[0][1] == "irregular_funds"


def test_a_share_quantifying_the_inclusive_target_is_the_inclusive_rate():
    assert figures("到年底全县实现80%的普惠目标。")[0][1] == "preschool_inclusive_rate"


def test_the_words_after_the_next_figure_quantify_that_figure():
    found = figures("全县学前教育实现90%的普及和85%的普惠目标。")
    assert [c for _, c, _ in found] == ["other", "preschool_inclusive_rate"]


def test_a_fund_named_only_as_subsidy_money_is_the_fund_of_the_topic_before():
    found = figures("县里持续推进学生营养改善计划。今年县财政下达补助资金320万元。")
    assert found[0][1] == "student_aid"
    assert figures("全县召开教育工作会议。县财政下达专项资金500万元。")[0][1] == "other"


@pytest.mark.parametrize("sentence, codes", [
    # funds found irregular are that, whether found, cleared or recovered
    ("专项检查共清理违规资金86.4万元。", ["irregular_funds"]),
    ("督查组追缴违规支出12万元,清退违纪资金3.5万元。", ["irregular_funds", "irregular_funds"]),
    ("全市去年审计查处违规金额2.3亿多元。", ["irregular_funds"]),
    # a remedy word before an earlier amount does not make good the amounts after it
    ("有关单位收回违规资金1.2亿元,归还原资金渠道0.8亿元,补记资产0.5亿元。", ["irregular_funds", "other", "other"]),
])
def test_funds_found_irregular_and_cleared(sentence, codes):
    assert [c for _, c, _ in figures(sentence)] == codes


def test_teachers_shares_by_degree_are_teacher_qualification():
    found = figures("全县专任教师中,研究生学历26人,占总数的1.2%;本科学历1530人,占总数的70.4%。")
    assert [c for _, c, _ in found] == ["teacher_qualification"] * 2


def test_an_amount_after_a_share_of_a_wider_whole_is_the_shared_amount():
    found = figures("全市教育经费总投入为96.2亿元,占全省教育经费总投入的8.1%,比上年的88.5亿元增长8.7%。")
    assert [(c, ch) for _, c, ch in found] == [("total_edu_funding", False), ("other", False),
                                              ("total_edu_funding", False), ("total_edu_funding", True)]


def test_a_per_inhabitant_amount_is_no_funding_total():
    assert [c for _, c, _ in figures("全市人均教育经费总投入为1320元,比上年增长6.1%。")] == ["other", "other"]


def test_figures_listed_after_levels_take_them_in_turn():
    found = figures("2021年全县生均公用经费小学和初中为950元、1300元,分别比2016年增加了230元、410元。")
    assert [c for _, c, _ in found] == ["per_pupil_public_primary", "per_pupil_public_junior"] * 2
    assert [ch for _, _, ch in found] == [False, False, True, True]
    # 生均预算内事业费 is the per-pupil budget spending of the level it names
    assert figures("全县普通初中生均预算内事业费支出为9120元。")[0][1] == "per_pupil_budget_junior"


def test_what_an_item_after_a_list_joiner_paid_for_is_not_the_amount_before():
    found = figures("各级财政对幼儿园的投入达3.2亿元,其中市级奖补0.4亿元、县级建设资金1.1亿元。")
    assert [c for _, c, _ in found][1:] == ["other", "school_construction"]


@pytest.mark.parametrize("sentence", [
    "2020年区财政投入资金8000万元建设区第二实验小学。",
    "县政府筹资1.2亿元建设城北幼儿园和城南中学。",
])
def test_an_amount_spent_to_build_a_named_school_is_school_construction(sentence):
    assert figures(sentence)[0][1] == "school_construction"


def test_the_fiscal_part_of_one_stages_funding_is_that_stages():
    found = figures("2020年,全县义务教育经费总投入达到6.1亿元。其中,国家财政性教育经费为5.7亿元,年均增长8.2%。")
    assert [c for _, c, _ in found] == ["other", "other", "other"]
    # the fiscal part of the whole total keeps its indicator
    found = figures("2020年,全县教育经费总投入达到9.3亿元。其中,国家财政性教育经费为8.6亿元。")
    assert [c for _, c, _ in found] == ["total_edu_funding", "fiscal_edu_funding"]


def test_a_share_of_schools_meeting_the_building_standard():
    assert figures("全县新建幼儿园12所,95%的幼儿园达到省定办园条件标准。")[0][1] == "school_standard_rate"


def test_the_surcharge_accounts_stay_the_surcharge_after_arrears():
    found = figures("县本级地方教育附加实征2150万元,占应征额的92.6%,拨付教育1700万元,欠拨450万元。")
    assert [c for _, c, _ in found] == ["edu_surcharge"] * 4
    # arrears of other funds stay misused funds
    assert figures("县财政欠拨校舍维修资金300万元。")[0][1] == "irregular_funds"


@pytest.mark.parametrize("sentence", [
    "市审计局查出全市中小学违规违纪金额达860万元。",
    "全年审计项目查出问题56项,涉及违规金额312.5万元,管理不规范金额2040万元。",
])
def test_audit_totals_of_violations_are_irregular_funds(sentence):
    assert {c for _, c, _ in figures(sentence)} == {"irregular_funds"}


def test_an_amount_said_to_go_to_one_stage_is_that_stage_part():
    found = figures("2021年全县预算内教育支出9.8亿元,其中6.1亿元用于义务教育,1.2亿元用于学前教育。")
    assert [c for _, c, _ in found] == ["budget_edu_funding", "other", "other"]


def test_a_base_restating_the_total_words_is_the_total():
    found = figures("2022年全市教育经费总投入为58.4亿元,比上年总投入54.1亿元增长7.9%。")
    assert [c for _, c, _ in found] == ["total_edu_funding"] * 3
    assert [f.year for f in quantities.extract("2022年全市教育经费总投入为58.4亿元,比上年总投入54.1亿元增长7.9%。",
                                               DocContext(report_year=2022, region=COUNTY))] == [2022, 2021, 2022]
