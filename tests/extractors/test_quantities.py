from decimal import Decimal
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractors import money, percents, quantities
from extractors.models import DocContext, Place, PlaceMention
from extractors.quantity_words import cues, mask_non_figures
from tests.extractors.chinese_numerals import to_chinese

CITY = Place("371000", "威海市", "city")
WENDENG = Place("371003", "威海市文登区", "county")
HUANCUI = Place("371002", "威海市环翠区", "county")


def ctx(year=2022, mentions=()):
    return DocContext(report_year=year, region=CITY, mentions=tuple(mentions))


def mentions_of(text, *places):
    out = []
    for place in places:
        short = place.name.removeprefix("威海市")
        pos = text.find(short)
        out.append(PlaceMention(short, pos, pos + len(short), place))
    return out


def only(findings, kind):
    found = [f for f in findings if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- percents -------------------------------------------------------------------

@pytest.mark.parametrize("sentence, text, value, unit, qualifier", [
    ("全区学前教育普惠率达99%。", "99%", 99, "percent", "exact"),
    ("学前三年毛入园率达124.6％。", "124.6％", 124.6, "percent", "exact"),
    ("义务教育巩固率达到百分之九十五点五。", "百分之九十五点五", 95.5, "percent", "exact"),
    ("占一般公共预算支出比例较上年度增加2.52个百分点。", "2.52个百分点", 2.52, "percentage_point", "exact"),
    ("压减率高于全省平均值两个百分点。", "两个百分点", 2, "percentage_point", "exact"),
    ("减轻教师负担,压减率达到60%左右。", "60%左右", 60, "percent", "approx"),
    ("公办幼儿园在园幼儿占比超过55%。", "超过55%", 55, "percent", "over"),
    ("问题整改达到80%以上。", "80%以上", 80, "percent", "over"),
    ("幼儿教师持证上岗率未达到85%。", "未达到85%", 85, "percent", "under"),
    ("优良率不低于50%。", "不低于50%", 50, "percent", "at_least"),
    ("近视率不足3%。", "不足3%", 3, "percent", "under"),
    ("覆盖率近90%。", "近90%", 90, "percent", "approx"),
])
def test_percent_value_unit_and_qualifier(sentence, text, value, unit, qualifier):
    f = only(quantities.extract(sentence, ctx()), "percent")
    assert (f.text, f.value, f.unit, f.qualifier) == (text, value, unit, qualifier)
    assert sentence[f.start:f.end] == f.text


def test_change_is_one_finding_with_value_from():
    s = "丰台区学前教育普惠率由60%提高到了86.5%。"
    f = only(quantities.extract(s, ctx()), "percent")
    assert (f.value_from, f.value, f.text) == (60, 86.5, "由60%提高到了86.5%")
    assert f.flags == []


def test_change_against_its_verb_is_flagged_not_dropped():
    f = only(quantities.extract("普惠率从80%提高到70%。", ctx()), "percent")
    assert (f.value_from, f.value) == (80, 70)
    assert "direction_contradicts_verb" in f.flags


def test_percent_range_gives_one_row_per_number():
    found = quantities.extract("参与率在60%-70%之间。", ctx())
    assert [f.value for f in found] == [60, 70]


def test_percent_over_100_is_flagged_unless_a_gross_rate():
    assert quantities.extract("毛入园率达124.6%。", ctx())[0].flags == []
    assert quantities.extract("普惠率达104%。", ctx())[0].flags == ["percent_over_100"]


def test_distant_not_reached_governs_the_percent():
    s = "非在编教师年平均工资收入未达到在编教师年平均工资收入的75%。"
    f = only(quantities.extract(s, ctx()), "percent")
    assert (f.text, f.qualifier) == ("75%", "under")


# --- money ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, value, qualifier, per", [
    ("全区一般公共预算教育经费15.67亿元。", 1_567_000_000, "exact", None),
    ("全区一般公共预算教育经费十五点六七亿元。", 1_567_000_000, "exact", None),
    ("投入三千万元改造校舍。", 30_000_000, "exact", None),
    ("政府投入近600万元改善办学条件。", 6_000_000, "approx", None),
    ("投入800余万元实施实训室改造。", 8_000_000, "over", None),
    ("退费金额6.8万余元。", 68_000, "over", None),
    ("年投入约5000万元购买校车服务。", 50_000_000, "approx", "年"),
    ("落实教师参加课后服务每课时不低于50元。", 50, "at_least", "课时"),
    ("部分区财政补贴20元/生月还落实不到位。", 20, "exact", "生·月"),
    ("按每生每年800元标准拨付公用经费。", 800, "exact", "生·年"),
    ("义务教育阶段年均投入300万元。", 3_000_000, "exact", "年"),
    ("累计投入1,234.5万元。", 12_345_000, "exact", None),
    ("下达资金2000千元。", 2_000_000, "exact", None),
])
def test_money_value_qualifier_and_rate_basis(sentence, value, qualifier, per):
    f = only(quantities.extract(sentence, ctx()), "money")
    assert (f.value, f.unit, f.qualifier, f.per) == (value, "yuan", qualifier, per)
    assert sentence[f.start:f.end] == f.text


def test_money_range_gives_both_ends_in_the_high_ends_magnitude():
    found = quantities.extract("每所学校补助3至5万元。", ctx())
    assert [f.value for f in found] == [30_000, 50_000]


@pytest.mark.parametrize("sentence", [
    "推进办学主体多元化和一元化管理。",
    "根据京教督发〔2020〕5号文件要求。",
    "索引号:11110000000012345/2021-00012。",
    "联系电话:010-12345678。",
    "实施课后服务“5+2”模式。",
    "资助学前至高中阶段学生1.3万余人。",
    "全市951所学校开展课后服务。",
])
def test_not_figures(sentence):
    assert quantities.extract(sentence, ctx()) == []


def test_masking_keeps_offsets():
    s = "根据〔2020〕5号文件,普惠率达90%。"
    assert len(mask_non_figures(s)) == len(s)


# --- what the sentence says -----------------------------------------------------------

@pytest.mark.parametrize("sentence, is_target", [
    ("确保完成学生体质健康优良率达到52%的目标。", True),
    ("未实现教育经费比上年增长10%的要求。", True),
    ("努力推动财政教育投入增长10%以上。", True),
    ("全市学科类机构压减率达97.89%。", False),
])
def test_targets(sentence, is_target):
    assert quantities.extract(sentence, ctx())[0].is_target is is_target


@pytest.mark.parametrize("sentence, years", [
    ("一般公共预算教育经费在2019年下降12.75%的情况下,2020年增幅5.38%。", [2019, 2020]),
    ("2021年以来,我区投入30亿元新建学校。", [2022]),
    ("2021年至2022年秋季学期共发放课后服务补贴170万元。", [2022]),
    ("今年1至4月份退费金额6.8万余元。", [2022]),
    ("学生参与率达99.7%。", [2022]),
    ("2020年,甲区落实了要求。乙区生均经费增幅为13.78%。", [2020]),
    # a year after 比/较 is the base of a comparison, not the figure's year
    ("学前三年毛入园率达到92.8%,比2020年提高4.3个百分点。", [2022, 2022]),
    ("2021年比2020年增长5%。", [2021]),
    # a figure that is the base's own level belongs to the base's year; a change
    # compared with 上年 stays in the year of its sentence
    ("2020年,全区财政教育支出为8.4亿元,较上年的7.9亿元增长6.3%。", [2020, 2019, 2020]),
    ("生均公用经费比上年的900元提高到1000元。", [2021, 2022]),
    ("教育费附加比上年增长3%,上年度为2.1亿元。", [2022, 2021]),
    ("在园幼儿占比比2019年的45%提高了8个百分点。", [2019, 2022]),
    # the start of a change 由/从 (上年/去年/an explicit year) is the year of its own
    # level only: the level reached and the rate are of the statement's year
    ("中职生均拨款由上年的8200元提高到9100元,增幅为11%。", [2021, 2022, 2022]),
    ("2020年,乡村教师补助从去年每月300元增加到每月500元。", [2019, 2020]),
    ("寄宿生生活补助由2019年的1000元提高到1250元。", [2019, 2022]),
    # a list of starting levels all take the start's year
    ("校舍补助标准分别由2019年的600元、800元提高到700元和900元。", [2019, 2019, 2022, 2022]),
    # a school year is its calendar year, one across two years its last
    ("2020学年全区课后服务参与率达到96%。", [2020]),
    ("2019—2020学年度全县生均公用经费为850元。", [2020]),
    # a year after 从 that no figure of its own follows still dates the figure
    ("从2021年起每年安排奖补资金600万元。", [2021]),
    # the base's level in brackets right after it is the base's year
    ("2022年全区学生体质健康优良率为41.3%,较2020年(36.8%)提高4.5个百分点。", [2022, 2020, 2022]),
    # 与YEAR…相比 closed before the figure makes YEAR a base; a figure inside it is its level
    ("2022年全县近视率为49.1%,与2019年抽测结果(51.6%)相比,下降2.5个百分点。", [2022, 2019, 2022]),
])
def test_year_from_the_sentence_else_the_report(sentence, years):
    assert [f.year for f in quantities.extract(sentence, ctx(2022))] == years


def test_a_cut_off_date_dates_the_counts_joined_to_it_by_semicolons():
    text = "督导发现,截至2020年底,全县仍有大班额35个,占比6.1%;超大班额4个,占比0.7%。2022年全县大班额比例为2.3%。"
    assert [f.year for f in quantities.extract(text, ctx(2022))] == [2020, 2020, 2022]
    # one inside an earlier full sentence does not reach past its full stop
    text = "督导发现,截至2020年底,全县大班额占比6.1%。超大班额占比0.7%。"
    assert [f.year for f in quantities.extract(text, ctx(2022))] == [2020, 2022]


@pytest.mark.parametrize("text, years", [
    # a list item takes the year its lead-in line states, and 上年 is the year before it
    ("2019年全县普通高中生均公用经费支出情况是:\n(1)城区为1200元,比上年的1100元增长9.1%。\n(2)农村为980元。",
     [2019, 2018, 2019, 2019]),
    # a numbered heading may lead in items of another kind of marker
    ("二、2020年各学段生均经费\n1.小学为8600元。\n2.初中为9900元。", [2020, 2020]),
    # a lead-in stating no year leaves the report year
    ("各学段生均经费如下:\n(1)小学为8600元。", [2022]),
])
def test_list_items_take_the_year_of_their_lead_in(text, years):
    assert [f.year for f in quantities.extract(text, ctx(2022))] == years


def test_place_is_the_nearest_named_before_the_number():
    s = "文登区幼儿教师专科及以上比例未达到80%、持证上岗率未达到85%。"
    found = quantities.extract(s, ctx(mentions=mentions_of(s, WENDENG)))
    assert [(f.adcode, f.place_level) for f in found] == [("371003", "county")] * 2


def test_place_list_gives_first_named_and_all_places():
    s = "环翠区、文登区公办幼儿园非在编教师工资未达到在编教师的75%。"
    f = quantities.extract(s, ctx(mentions=mentions_of(s, HUANCUI, WENDENG)))[0]
    assert f.adcode == "371002"
    assert f.places == ["371002", "371003"]


def test_figures_listed_after_places_go_to_them_in_order():
    s = "环翠区、文登区义务教育阶段大班额比例分别为6.5%和8%,均未达标。"
    found = quantities.extract(s, ctx(mentions=mentions_of(s, HUANCUI, WENDENG)))
    assert [f.adcode for f in found] == ["371002", "371003"]
    assert [f.places for f in found] == [["371002", "371003"], ["371003", "371002"]]


def test_place_in_a_cited_document_name_is_not_the_figures():
    s = "文登区未按《山东省中小学办学条件标准》规定将生均公用经费的10%用于教师培训。"
    province = Place("370000", "山东省", "province")
    pos = s.find("山东省")
    mentions = mentions_of(s, WENDENG) + [PlaceMention("山东省", pos, pos + 3, province)]
    assert quantities.extract(s, ctx(mentions=mentions))[0].adcode == "371003"


def test_locative_after_a_figure_places_it_and_only_it():
    s = "全市农村留守儿童的60%以上集中在文登区和环翠区,其余40%分散在各镇。"
    found = quantities.extract(s, ctx(mentions=mentions_of(s, WENDENG, HUANCUI)))
    assert [f.adcode for f in found] == ["371003", "371000"]
    assert found[0].places == ["371003", "371002"]


@pytest.mark.parametrize("sentence, metric", [
    ("全区学前教育普惠率达91%。", "普惠性幼儿园覆盖率"),
    ("普惠率达100%。", "普惠性幼儿园覆盖率"),
    ("2021年,全区一般公共预算教育经费15.67亿元,较上年度增长12.75%。", "一般公共预算教育经费"),
    ("公办幼儿园在园幼儿占比超过55%。", "公办园在园幼儿占比"),
    ("全县教育总投入12.8亿元。", "教育经费总投入"),
    ("三是学前教育公办园占比偏低,仅为38.6%。", "公办园在园幼儿占比"),
    ("全区中小学文明校园创建率达100%。", "中小学文明校园创建率"),
    ("离50%的目标还有差距。", None),
])
def test_metric_is_the_indicator_name_else_the_words_before_the_number(sentence, metric):
    assert quantities.extract(sentence, ctx())[-1].metric == metric


# --- round trips: amounts written every way parse back -----------------------------

MONEY_UNITS = {"元": 1, "千元": 10**3, "万元": 10**4, "亿元": 10**8}
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2)


def qualifier_wordings():
    """(qualifier, before, inside, after) for every qualifier word of the lexicon."""
    out = [("exact", "", "", "")]
    for q, words in cues()["qualifiers"].items():
        out += [(q, w, "", "") for w in words["before"]]
        out += [(q, "", w, "") for w in words["inside"]]
        out += [(q, "", "", w) for w in words["after"]]
    return out


def written(value: Decimal, chinese: bool) -> str:
    value = value.normalize()
    return to_chinese(value) if chinese else format(value, "f")


@settings(max_examples=200, deadline=None)
@given(amounts, st.sampled_from(sorted(MONEY_UNITS)), st.booleans(), st.sampled_from(qualifier_wordings()))
def test_money_written_any_way_parses_back(value, unit, chinese, wording):
    qualifier, before, inside, after = wording
    # 千元 follows Arabic figures only (2000千元); 十千元 is not written
    assume(not (chinese and unit == "千元"))
    # beyond the ceiling an amount is not read as written (tests/extractors/test_money.py)
    assume(value * MONEY_UNITS[unit] <= cues()["money_ceiling_yuan"])
    number = written(value, chinese)
    # an inside word goes between number and magnitude: 800余万元, 6.8万余元 alike
    amount = f"{number}{inside}{unit}" if unit == "元" or not inside else f"{number}{unit[:-1]}{inside}元"
    sentence = f"全区投入{before}{amount}{after}用于学校建设。"
    found = money.find(mask_non_figures(sentence))
    assert len(found) == 1, (sentence, found)
    assert found[0].value == value.normalize() * MONEY_UNITS[unit]
    assert found[0].qualifier == qualifier


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("100"), places=2),
       st.sampled_from(["%", "％", "百分之", "个百分点"]), st.booleans(),
       st.sampled_from(qualifier_wordings()))
def test_percent_written_any_way_parses_back(value, form, chinese, wording):
    qualifier, before, inside, after = wording
    if inside:  # 余 is not written inside a percent
        return
    number = written(value, chinese)
    surface = f"百分之{number}" if form == "百分之" else f"{number}{form}"
    sentence = f"全区覆盖率达到{before}{surface}{after}。"
    found = percents.find(mask_non_figures(sentence))
    assert len(found) == 1, (sentence, found)
    assert found[0].value == value.normalize()
    assert found[0].unit == ("percentage_point" if form == "个百分点" else "percent")
    assert found[0].qualifier == qualifier


def test_rate_basis_is_per_not_metric():
    found = quantities.extract("生均公用经费小学每生每年不低于720元、初中每生每年不低于940元。", ctx())
    assert [(f.value, f.per, f.qualifier) for f in found] == [(720, "生·年", "at_least"), (940, "生·年", "at_least")]
    assert found[0].metric == "普通小学生均一般公共预算公用经费"
    assert [f.metric_code for f in found] == ["per_pupil_public_primary", "per_pupil_public_junior"]


def test_range_high_end_shares_the_metric():
    found = quantities.extract("大班额比例占比达到30%至40%。", ctx())
    assert found[0].metric == found[1].metric is not None


def test_figure_in_a_table_takes_its_indicator_from_the_column_header():
    from extractors.models import Block

    rows = ["区\t学前教育普惠率\t一般公共预算教育经费", "玄武区\t95.2%\t18.3亿元", "江宁区\t91.4%\t62.5亿元"]
    text = "各区情况如下。\n" + "\n".join(rows)
    blocks, pos = [Block("各区情况如下。", start=0, end=7)], 8
    for row in rows:
        blocks.append(Block(row, kind="table_row", start=pos, end=pos + len(row)))
        pos += len(row) + 1
    c = DocContext(report_year=2023, region=CITY, blocks=tuple(blocks))
    found = {(f.text, f.metric_code, f.metric) for f in quantities.extract(text, c)}
    assert found == {("95.2%", "preschool_inclusive_rate", "普惠性幼儿园覆盖率"),
                     ("18.3亿元", "budget_edu_funding", "一般公共预算教育经费"),
                     ("91.4%", "preschool_inclusive_rate", "普惠性幼儿园覆盖率"),
                     ("62.5亿元", "budget_edu_funding", "一般公共预算教育经费")}


def test_a_school_level_after_the_indicator_in_a_column_header_decides_its_code():
    from extractors.models import Block

    rows = ["县区\t生均教育事业费(初中)\t生均教育事业费（高中）", "城关镇\t12100元\t15300元"]
    text = "\n".join(rows)
    blocks, pos = [], 0
    for row in rows:
        blocks.append(Block(row, kind="table_row", start=pos, end=pos + len(row)))
        pos += len(row) + 1
    c = DocContext(report_year=2023, region=CITY, blocks=tuple(blocks))
    assert [f.metric_code for f in quantities.extract(text, c)] == ["per_pupil_budget_junior",
                                                                    "per_pupil_budget_senior"]


def test_page_furniture_before_the_title_line_states_no_figure():
    # an e-paper page: the other headlines, then the article under its title
    text = ("第03版:要闻\n某县新建校舍投资超3亿元\n全市课后服务参与率达95%\n版面导航\n"
            "全市课后服务参与率达95%\n"
            "记者从市教育局获悉,今年全市中小学课后服务参与率达95%,比上年提高6个百分点。")
    c = DocContext(title="全市课后服务参与率达95%", report_year=2023, region=CITY)
    assert [f.text for f in quantities.extract(text, c)] == ["95%", "6个百分点"]


def test_a_title_after_body_sentences_moves_no_figure_out():
    text = "全市投入教育经费12亿元。\n全市教育经费情况\n其中义务教育8亿元。"
    c = DocContext(title="全市教育经费情况", report_year=2023, region=CITY)
    assert [f.text for f in quantities.extract(text, c)] == ["12亿元", "8亿元"]


def test_a_figure_after_a_citywide_word_is_the_citys_not_the_districts_named_before():
    s = "今年环翠区、文登区两个区将申报省级创建,届时,全市义务教育优质均衡创建率达到50%。"
    found = quantities.extract(s, ctx(mentions=mentions_of(s, HUANCUI, WENDENG)))
    assert [f.adcode for f in found] == ["371000"]


def test_a_district_named_after_the_citywide_word_still_places_the_figure():
    s = "全市各区中,文登区义务教育优质均衡创建率最高,达到50%。"
    assert [f.adcode for f in quantities.extract(s, ctx(mentions=mentions_of(s, WENDENG)))] == ["371003"]


def test_a_cut_off_opening_a_sentence_dates_the_figures_after_it():
    text = "截至2021年底,全县共有中小学56所;学前三年毛入园率92.5%;九年义务教育巩固率99.1%。"
    c = DocContext(report_year=2022, region=CITY)
    assert [f.year for f in quantities.extract(text, c)] == [2021, 2021]


def test_the_headline_of_a_page_states_its_figures():
    text = "返回首页\n全市课后服务参与率达95%\n记者从市教育局获悉,今年全市中小学课后服务参与率达95%。"
    c = DocContext(title="全市课后服务参与率达95%", report_year=2023, region=CITY)
    assert [f.text for f in quantities.extract(text, c)] == ["95%", "95%"]


@pytest.mark.parametrize("text, published, years", [
    # 今年 and 去年 count from when the text was written: an item of March 2019 on 2018's statistics
    ("据市教育局消息,去年全市学前教育投入6.2亿元,今年预算安排7亿元。", date(2019, 3, 10), [2018, 2019]),
    # 上年 counts from the year the statement is about, whenever it was written
    ("2017年,全县教育费附加3100万元,比上年的2800万元增长10.7%。", date(2019, 3, 10), [2017, 2016, 2017]),
    # a start (2015年起) is no year the later 去年 counts from
    ("2015年起逐年提高补助标准,去年提高到每生每年1200元。", date(2019, 3, 10), [2018]),
    # with no publication date 去年 counts from the report year
    ("去年全市学前教育投入6.2亿元。", None, [2021]),
])
def test_words_for_this_year_and_last_count_from_publication(text, published, years):
    found = quantities.extract(text, DocContext(report_year=2022, publish_date=published))
    assert [f.year for f in found] == years


def test_a_year_opening_a_paragraph_dates_its_later_sentences():
    text = ("2021年全县共有中小学58所,在校学生4.1万人。义务教育巩固率为99.2%,学前三年毛入园率96.5%。\n"
            "全县普惠性幼儿园覆盖率为88%。")
    assert [f.year for f in quantities.extract(text, ctx(2022))] == [2021, 2021, 2022]
    # a range or a start opening the paragraph is no such year
    text = "2019年至2021年共新建幼儿园12所。学前三年毛入园率96.5%。"
    assert [f.year for f in quantities.extract(text, ctx(2022))] == [2022]


def test_years_apart_before_respectively_are_no_list_of_years():
    text = "2021年,全县投入3亿元,比2016年增加了1亿元,生均公用经费小学和初中为950元、1300元,分别比2016年增加了230元、410元。"
    assert [f.year for f in quantities.extract(text, ctx(2022))] == [2021] * 6
    # years listed one after the other hand their figures out in turn
    text = "2020年、2021年全县普惠率分别为81%和86%。"
    assert [f.year for f in quantities.extract(text, ctx(2022))] == [2020, 2021]


def test_the_year_a_multiple_is_taken_of_is_a_base():
    text = "2021年全市教育经费总投入是2011年的2.4倍,年均增长9.1%。"
    assert [f.year for f in quantities.extract(text, ctx(2022))] == [2021]


def test_a_year_by_year_list_under_a_span_takes_the_span_years_in_turn():
    text = "2016-2019年，全县教育支出31000万元、34000万元、39000万元、42000万元，比上年分别增长5%、9.7%、14.7%和7.7%。"
    assert [f.year for f in quantities.extract(text, ctx(2020))] == [2016, 2017, 2018, 2019] * 2
    # a list of another length is no year-by-year list: the span's last year, as before
    text = "2016—2018年全县投入校舍改造资金1.2亿元、设备购置资金2500万元。"
    assert [f.year for f in quantities.extract(text, ctx(2020))] == [2018, 2018]
