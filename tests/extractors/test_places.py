import pytest

from extractors import places
from extractors.models import DocContext, Place


def mentions(text, **ctx):
    return places.find_mentions(text, DocContext(**ctx))


def codes(text, **ctx):
    return [m.place.adcode for m in mentions(text, **ctx) if m.place]


def analysed(text, **ctx):
    c = DocContext(**ctx)
    c.mentions = tuple(places.find_mentions(text, c))
    c.region = places.infer_region(text, c)
    return c


@pytest.mark.parametrize("text, ctx, code", [
    ("江北区教委持续推进集团化办学。", {"title": "重庆市江北区人民政府履行教育职责情况自评报告"}, "500105"),
    ("江北区教育局持续推进集团化办学。", {"publisher": "宁波市教育局"}, "330205"),
    ("朝阳区新增学位3000个。", {"title": "北京市对区级人民政府履行教育职责情况督导报告"}, "110105"),
    ("朝阳区新增学位3000个。", {"publisher": "长春市教育局"}, "220104"),
    ("鼓楼区、玄武区完成了学前教育普及普惠督导评估。", {}, "320106"),
])
def test_shared_name_resolved_by_context(text, ctx, code):
    assert codes(text, **ctx)[0] == code


@pytest.mark.parametrize("text", ["江北区教委持续推进集团化办学。", "鼓楼区新增学位3000个。", "朝阳区新增学位3000个。"])
def test_shared_name_without_context_stays_ambiguous(text):
    (m,) = mentions(text)
    assert m.place is None and m.ambiguous and len(m.candidates) >= 2


@pytest.mark.parametrize("text, ctx", [
    ("大力发展朝阳产业,培育新的经济增长点。", {"title": "北京市教育督导报告"}),
    ("及时召开县委常委会专题研究教育工作。", {}),
    ("针对重难点课程内容向山区学生全程直播授课。", {}),
    ("推进乡村振兴和县级财政保障。", {}),
])
def test_words_that_contain_place_names_are_not_places(text, ctx):
    assert mentions(text, **ctx) == []


@pytest.mark.parametrize("text, expected", [
    # a county's short name before 路/街/大道 names a street of another city, not the county
    ("天水市教育局表彰了兰州市秦安路小学和天水市甘谷县第一中学。", ["620500", "620100", "620523"]),
    ("天水市秦安县、甘谷县各有一所学校设在武山街和清水大道旁。", ["620522", "620523"]),
    # …and one inside a quoted programme name, or before a talent programme's word, no place
    ("乌鲁木齐市沙依巴克区有“天山英才”培养对象3人、天山学者2人。", ["650103"]),
])
def test_a_name_in_a_street_or_a_programme_is_no_place(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a mojibake page that lost a byte of 陵: the one county of 扬州 whose name fits 广�
    ("扬州市教育局检查了市区(广\ufffd、邗江、江都)的学校。", ["321000", "321002", "321003", "321012"]),
    # …only where the two characters stand alone: 珍宝� is no 宝应
    ("扬州市教育局检查发现,部分学校珍宝\ufffd管理不善。", ["321000"]),
])
def test_a_county_name_that_lost_a_character_in_a_city_text(text, expected):
    assert codes(text) == expected


def test_a_quotation_that_is_only_the_name_keeps_it():
    assert codes("乌鲁木齐市“天山”、“沙依巴克”两区学位紧张。")[:2] == ["650100", "650102"]


def test_short_names_in_a_district_list():
    text = "分别赴东城、西城、朝阳、海淀、丰台、通州、顺义、密云8个区开展督导。"
    assert codes(text) == ["110101", "110102", "110105", "110108", "110106", "110112", "110113", "110118"]


def test_short_name_joined_by_he_in_a_list():
    text = "除朝阳、门头沟、房山和平谷四个区外,全市其他区均落实了要求。"
    assert codes(text) == ["110105", "110109", "110111", "110117"]


def test_name_inside_a_school_name():
    assert codes("叶县第七小学课后服务参与率达100%。") == ["410422"]


def test_a_province_whose_name_holds_an_ethnic_groups_keeps_its_short_name():
    # 蒙古 is a group's name, but 内蒙古 without it leaves no name
    assert codes("督导组发现内蒙古、宁夏部分学校大班额问题突出。") == ["150000", "640000"]


def test_a_county_named_in_a_school_name_in_a_text_about_its_province():
    # the contract's 叶县第七小学 rule for a bare short name: the province anchors it
    assert codes("浙江省教育厅通报，临安中学、桐庐中学暑期违规补课。") == ["330000", "330112", "330122"]
    # with nothing saying where the text is, a bare short name stays no evidence
    assert codes("临安中学暑期违规补课。") == []
    # a school named after a common word or a town most counties have is no county's
    assert codes("辽宁省教育厅通报，和平小学、友谊中学暑期违规补课。") == ["210000"]
    assert codes("甘肃省教育厅通报，城关中学暑期违规补课。") == ["620000"]


def test_a_school_named_after_a_county_in_a_text_naming_places_of_its_province():
    # no province named, but the other county the item names lies in the same one (重庆)
    assert codes("检查发现，彭水中学向学生收取资料费，黔江某小学收取补课费。") == ["500243", "500114"]


@pytest.mark.parametrize("text, expected", [
    # a banner's wing and position after the first character of its name
    ("督导组抽查了科左后旗、土右旗和苏左旗的学校。", ["150522", "150221", "152523"]),
    ("乌中旗、鄂前旗部分学校校舍不足。", ["150824", "150623"]),
    # …an autonomous county's too, with its shorter suffix
    ("喀左县两所小学运动场地不达标。", ["211324"]),
    # short forms no rule derives, from the lexicon
    ("达茂旗、前郭县、杜蒙县部分学校教师缺编。", ["150223", "220721", "230624"]),
])
def test_short_forms_of_banners_and_autonomous_counties(text, expected):
    assert codes(text) == expected


def test_a_banners_two_character_short_form_only_inside_its_city():
    assert codes("鄂尔多斯市教育局督查发现，达旗、伊旗部分学校食堂管理不规范。") == ["150600", "150621", "150627"]
    assert codes("升国旗仪式上，准旗手和护旗手站在达旗杆下。") == []


def test_a_zone_without_a_code_named_by_its_alias():
    c = analysed("辽宁省审计厅发现，2个县及沈抚示范区未及时拨付生均公用经费。")
    assert places.district_codes(c) == ["210100:沈抚示范区"]


def test_a_retired_name_living_on_in_a_school_name_means_its_successor():
    # 平泉县 (承德地区, then 承德市) became 平泉市 in 2017: in a 2020 text the school lies in 平泉市
    (m,) = mentions("平泉县第一中学暑期违规补课。", report_year=2020)
    assert m.place.adcode == "130881" and m.replaced_by == ()
    # the old name written as the place's own keeps its unit
    (m,) = mentions("平泉县新建幼儿园5所。", report_year=2020)
    assert m.place.adcode == "130823" and m.replaced_by == ("130881",)


@pytest.mark.parametrize("year, code, replaced_by", [(2016, "130823", ("130881",)), (2020, "130881", ())])
def test_old_name_resolves_by_report_year(year, code, replaced_by):
    surface = "平泉县" if year == 2016 else "平泉市"
    (m,) = mentions(f"{surface}新建幼儿园5所。", report_year=year)
    assert m.place.adcode == code and m.replaced_by == replaced_by


def test_successor_codes_follow_the_chain():
    assert places.successor_codes("132624") == ("130881",)  # 承德地区平泉县 → 平泉县 → 平泉市
    assert places.successor_codes("371081") == ("371002", "371003")  # 文登市 split
    assert places.successor_codes("110101") == ("110101",)


@pytest.mark.parametrize("ctx, expected", [
    ({"publisher": "威海市教育局"}, ["371071", "371072", "371000:南海新区"]),
    ({"publisher": "北京市教育委员会"}, []),
    ({}, []),
])
def test_local_alias_only_inside_its_city(ctx, expected):
    assert codes("高区、经区、南海新区公办幼儿园在园幼儿占比偏低。", **ctx) == expected


@pytest.mark.parametrize("text, ctx, code", [
    ("现将有关情况报告如下。", {"title": "重庆市江北区人民政府2021年以来履行教育职责情况自评报告",
                              "publisher": "江北区教委"}, "500105"),
    ("现将有关情况报告如下。", {"title": "对区市政府、开发区管委2022年履行教育职责评价情况的报告",
                              "publisher": "威海市教育局"}, "371000"),
    ("全市学科类培训机构压减率达100%。叶县第七小学课后服务参与率达100%。",
     {"title": "关于全市义务教育双减工作情况的调研报告"}, "410400"),
    ("对16个区政府(含燕山)开展回访督导。分别赴东城、西城、朝阳、海淀8个区。平谷区学前教育普惠率达95%。",
     {"title": "2021年对区级人民政府履行教育职责情况回访督导报告"}, "110000"),
    # a shared name in the title (鼓楼区) is read as the body resolved it
    ("根据福州市人民政府教育督导委员会的通知，市督导室对鼓楼区进行了督导。全区学位紧张。",
     {"title": "关于对鼓楼区人民政府2023年履行教育职责情况的督导评估报告"}, "350102"),
])
def test_region(text, ctx, code):
    assert analysed(text, **ctx).region.adcode == code


def test_district_codes_key_zones_without_code():
    c = analysed("文登区、乳山市、经区、南海新区未按规定管理使用上级下达的教育专项资金。", publisher="威海市教育局")
    assert places.district_codes(c) == ["371003", "371083", "371072", "371000:南海新区"]


def test_famous_municipal_district_cited_elsewhere():
    c = analysed("以海淀成果推广应用为契机,推动区域项目深化研究。", publisher="威海市教育局")
    assert places.district_codes(c) == ["110108"]


@pytest.mark.parametrize("text, figure, expected", [
    ("丰台区学前教育普惠率由60%提高到了86.5%。", "86.5%", ["110106"]),
    ("延庆区学前教育入园率达93.3%,普惠率达99%。", "99%", ["110119"]),
    ("全市学前教育普惠率达90%。", "90%", ["110000"]),
    ("东城区、西城区学位供给紧张,全区缺口达15%。", "15%", ["110000"]),
    # a clause with the country as its subject states the country's figure, and so do the
    # clauses after it in its sentence
    ("据统计公告,2020年,全国普通小学生均公用经费为2800元,比上年增长4.6%。", "4.6%", ["000000"]),
    # the country only as a reference (占全国总数的…) keeps the figure the city's
    ("全市一般公共预算教育经费达1200亿元,占全国总数的3%。", "3%", ["110000"]),
])
def test_places_for_span(text, figure, expected):
    c = analysed(text, title="北京市对区级人民政府履行教育职责情况督导报告")
    start = text.index(figure)
    assert [p.adcode for p in places.places_for_span(text, start, start + len(figure), c)] == expected


def test_places_for_span_in_a_district_section():
    text = "一、环翠区\n1.积极推进两县创建工作。\n二、荣成市\n1.投资5.4亿元新建8所学校。\n三、有关要求\n全市要加大投入。"
    c = analysed(text, publisher="威海市教育局")
    at = text.index("5.4亿元")
    assert places.places_for_span(text, at, at + 5, c) == [Place("371082", "威海市荣成市", "county")]
    at = text.index("全市要")
    assert places.places_for_span(text, at, at + 2, c)[0].adcode == "371000"


def test_places_for_span_in_a_section_whose_heading_says_more_than_the_district():
    text = ("一、环翠区存在的问题\n部分学校生均公用经费仅达标准的80%。\n二、荣成市督导情况\n全市大班额比例为3%。\n"
            "三、文登区等地积极推进，成效明显。\n学前教育普惠率达90%。")
    c = analysed(text, publisher="威海市教育局")
    assert [places.places_for_span(text, text.index(f), text.index(f) + 2, c)[0].adcode
            for f in ("80%", "3%", "90%")] == ["371002", "371082", "371000"]


def test_places_for_span_unknown_region():
    text = "部分学校存在大班额问题。"
    assert places.places_for_span(text, 0, 4, analysed(text)) == []


@pytest.mark.parametrize("text, at, expected", [
    # a sentence naming no place goes on about the one place the sentence before it names
    ("北京市督导组对丰台区课后服务开展专项督查。督查发现部分学校课后服务收费不规范。", "收费不规范", "110106"),
    # not across a paragraph break, nor into a numbered item, nor past a whole-region word
    ("北京市督导组对丰台区课后服务开展专项督查。\n督查发现部分学校课后服务收费不规范。", "收费不规范", "110000"),
    ("北京市督导组对丰台区课后服务开展专项督查。2.部分学校课后服务收费不规范。", "收费不规范", "110000"),
    ("北京市督导组对丰台区课后服务开展专项督查。全市部分学校课后服务收费不规范。", "收费不规范", "110000"),
    # two places named before: the sentence is not about one of them
    ("督导组先后走访丰台区、延庆区的学校。督查发现部分学校课后服务收费不规范。", "收费不规范", "110000"),
])
def test_places_for_span_from_the_sentence_before_in_its_paragraph(text, at, expected):
    c = analysed(text, title="北京市课后服务专项督查情况通报")
    start = text.index(at)
    assert [p.adcode for p in places.places_for_span(text, start, start + 1, c)] == [expected]


@pytest.mark.parametrize("text, levels, expected", [
    # a problem of a provincial report carries a city over from the sentence before…
    ("四川省人大调研组到宜宾市调研农村教育。调研发现乡村学校音体美教师普遍不足。", ("city", "county"), "511500"),
    # …and of the places of that sentence the smallest (四川省宜宾市翠屏区 is 翠屏区)
    ("调研组到四川省宜宾市翠屏区调研。调研发现乡村学校音体美教师普遍不足。", ("city", "county"), "511502"),
    # figures keep to counties: the city is no carried subject of theirs
    ("四川省人大调研组到宜宾市调研农村教育。调研发现乡村学校音体美教师普遍不足。", ("county",), "510000"),
])
def test_places_for_span_carries_the_levels_asked_for(text, levels, expected):
    c = analysed(text, title="四川省人大常委会关于农村教育情况的调研报告")
    start = text.index("不足")
    assert [p.adcode for p in places.places_for_span(text, start, start + 1, c, carried_levels=levels)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # a city's urban area: 保山 and 城区, not 鹤壁's 山城区 that jieba reads in 保/山城区
    ("保山城区幼儿园学位供给偏紧。", ["530500"]),
    ("广西城区学校普遍存在大班额。", ["450000"]),
    # the district itself, written with its city, stays the district
    ("鹤壁市山城区新建幼儿园2所。", ["410603"]),
])
def test_a_city_name_before_its_urban_area(text, expected):
    assert codes(text) == expected


def analysed_with_zones(text, **ctx):
    c = analysed(text, **ctx)
    return places.with_bare_zones(text, c.mentions, c.region)


@pytest.mark.parametrize("text, expected", [
    # an addressee line: the bare kinds are the report's city's zones, coded when the city has one
    ("沧州市教育局关于课后服务督查情况的通报\n各县(市、区)教育局，开发区、高新区社会事业局：\n现将督查情况通报如下。",
     ["130900", "130971", "130972"]),
    # a city with no coded zone of that kind: the zone as written, under the city's code
    ("常州市教育局关于校园安全检查的通知\n各辖市(区)教育局,经开区社会事业局：\n现将检查情况通知如下。",
     ["320400", "320400:经开区"]),
    # in a list of places, the zone of the city of the place named just before
    ("合格的有石家庄市长安区、新华区,沧州市运河区、经济技术开发区。", ["130102", "130105", "130903", "130971"]),
    # a zone kind in a sentence is a common noun, not a place
    ("沧州市教育局关于配套幼儿园治理的通知\n各地要加快开发区学校建设，高新区管委会要落实配套幼儿园。", ["130900"]),
    # nor is one in a paragraph that ends in a colon (…开发区管委履职情况报告如下：)
    ("沧州市教育局\n对县市区政府、开发区管委履职情况开展了评价。评价报告如下：", ["130900"]),
])
def test_a_bare_zone_kind_in_a_list_or_an_addressee_line(text, expected):
    assert [m.place.adcode for m in analysed_with_zones(text) if m.place] == expected


@pytest.mark.parametrize("text, expected", [
    # a municipality's district cited bare in another province is a model…
    ("成都市教育局\n各区县要学习借鉴海淀经验，推进集团化办学。", ["510100", "110108"]),
    # …but not when its name goes on as a school's
    ("成都市教育局\n督导组走访了锦江区东城小学和武侯区实验中学。", ["510100", "510104", "510107"]),
])
def test_a_bare_district_name_of_another_province_inside_a_schools_name_is_no_mention(text, expected):
    c = analysed(text)
    assert [m.place.adcode for m in places.without_strays(text, c.mentions, c.region) if m.place] == expected
