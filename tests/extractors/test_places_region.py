"""The report's region from everything a page says, with its evidence; URLs as
evidence of region and date; the place forms issue 18 added."""
from datetime import date

import pytest

from extractors import places
from extractors.models import DocContext


def region(text, **ctx):
    c = DocContext(**ctx)
    c.mentions = tuple(places.find_mentions(text, c))
    found, evidence = places.region_with_evidence(text, c)
    return (found.adcode if found else None), evidence


@pytest.mark.parametrize("text, ctx, expected", [
    # a region the manifest states wins over the title
    ("正文。", {"title": "威海市教育督导工作报告", "stated_region": "110105"}, ("110105", "manifest")),
    ("正文。", {"title": "威海市教育督导工作报告"}, ("371000", "title")),
    # a 来源 header line names the publisher
    ("某某督导工作简报\n时间：2022-05-06 来源：宝鸡市教育局\n各县区认真开展工作。", {}, ("610300", "publisher")),
    # a signature names the issuing body
    ("经检查，各校食堂运行规范。\n千阳县教育局\n2022年5月6日", {}, ("610328", "publisher")),
    # a footer's owner refines a body that names only the city
    ("宝鸡市教育局督导组到校检查。\n主办单位：宝鸡市千阳县人民政府办公室", {}, ("610328", "publisher")),
    # a site named in the header refines a body that names its city
    ("欢迎访问千阳县人民政府门户网站\n首页 > 政务动态\n宝鸡市教育局督导组到校检查，宝鸡市教育局领导讲话。", {},
     ("610328", "publisher")),
    # a bureau's host refines a body that names only the province
    ("陕西省开展督导。全省学校均已开学。", {"source": "http://jyj.baoji.gov.cn/art/2022/5/6/1.html"},
     ("610300", "url")),
    # an aggregator's subdomain does not refine the text
    ("陕西省开展督导。全省学校均已开学。", {"source": "http://baoji.example-news.com/a/1.html"}, ("610000", "body")),
    # nothing in the text: the URL
    ("学校开展了安全检查。", {"source": "http://jyj.baoji.gov.cn/art/1.html"}, ("610300", "url")),
    # a text about the country's bodies with no place of its own is national
    ("审计署抽查了12省的80个县，发现部分资金被挪用。", {}, ("000000", "body")),
    ("学校开展了安全检查。", {}, (None, "")),
])
def test_region_evidence(text, ctx, expected):
    assert region(text, **ctx) == expected


@pytest.mark.parametrize("text, code", [
    # the country's bodies speak; the capital is only where they met
    ("全国人大常委会教育法检查组在北京召开全体会议，听取教育部汇报，并分赴河北、江西等省检查。", "000000"),
    ("教育部公布了2023年通过国家督导评估认定的县，天津市和平区等150个县名列其中。", "000000"),
    # a province that speaks as itself keeps its region however often 教育部 is cited
    ("我省落实教育部部署，全省各市均完成了自评。湖北省教育厅将组织复核。", "420000"),
])
def test_a_text_that_speaks_as_the_nation_is_national(text, code):
    assert region(text)[0] == code


def test_one_county_and_no_city_is_the_county():
    # a school's own report names its county once and speaks as the school
    assert region("千阳县南寨中学对我校办学条件进行了自查，发现操场尚未硬化。")[0] == "610328"
    # a city's words make it the city's report about one of its counties
    assert region("市教育局赴千阳县检查，全市学校均已开学。")[0] != "610328"


def test_a_county_level_city_that_speaks_as_a_city_is_itself_not_its_prefecture():
    text = "宝鸡市人大常委会检查组来我市调研学前教育。华阴市人民政府汇报了全市的工作，市政府将加大投入。"
    assert region(text)[0] == "610582"


def test_a_text_citing_the_countrys_bodies_only_in_document_names_is_not_national():
    # 《教育部…意见》 names the rule it follows, not whose statistics these are
    assert region("根据《教育部 财政部关于做好教育经费统计工作的意见》，现将全市教育经费情况公告如下。")[0] is None
    assert region("中央财政教育支出比上年增长3%，各省教育支出均有增长。")[0] == "000000"


@pytest.mark.parametrize("text, code", [
    # zqx spells 左权县, 枣强县 and 舟曲县: the text's own mention of one of them decides
    ("全县教育大会召开。县委书记说，要让左权的孩子在家门口上好学。", "140722"),
    ("全县教育大会召开。县委书记说，要让孩子在家门口上好学。", None),
])
def test_a_county_site_spelled_by_initials_when_the_text_names_the_county(text, code):
    assert region(text, source="http://www.zqx.gov.cn/info/1/2.htm")[0] == code


def test_a_county_report_is_the_county_even_with_a_stray_place_of_another_province():
    text = "千阳县人大常委会视察全县学校。全县有“长寿之乡”美誉，县政府加大投入，县人大提出建议。宝鸡市统一部署。"
    assert region(text) == ("610328", "body")


def test_places_over_several_cities_of_a_province_that_speaks_as_it():
    text = "省教育厅派督学赴宝鸡市千阳县、陇县，咸阳市三原县检查，全省督导工作扎实推进。"
    assert region(text) == ("610000", "body")


def test_places_split_evenly_between_two_cities_of_a_named_province_are_the_provinces():
    # a broadcaster's dateline city and the one city case it cites weigh the same: the province checked
    text = "中广网南昌3月2日消息 江西省日前开展春季开学收费检查，九江市还组成检查组在全市范围内交叉抽查。"
    assert region(text)[0] == "360000"


@pytest.mark.parametrize("text, code", [
    ("湘西州教育局召开会议。", "433100"),
    ("双江自治县新建学校两所。", "530925"),
    ("城步县完成薄弱学校改造。", "430529"),
    ("木垒县新建寄宿制学校。", "652328"),  # 木垒哈萨克自治县: an ethnic name without 族
])
def test_autonomous_units_by_their_short_forms(text, code):
    assert code in [m.place.adcode for m in places.find_mentions(text, DocContext()) if m.place]


@pytest.mark.parametrize("text", ["市和县两级财政共同承担。", "审议了《关于学校安全的报告》和县政府的说明。"])
def test_a_conjunction_before_county_is_no_county_name(text):
    assert [m.surface for m in places.find_mentions(text, DocContext())] == []


@pytest.mark.parametrize("url, code", [
    ("https://jyt.hebei.gov.cn/col/1.html", "130000"),  # a hand-kept label
    ("http://jyj.baoji.gov.cn/a.html", "610300"),  # a place's pinyin
    ("http://news.example.com/pingliang/jingchuan/1.html", "620821"),  # nested path segments: the deepest
    ("http://www.example.com/news/1.html", None),
    ("texts/a.txt", None),
    # a four-letter pinyin only as the name a government's site is registered under
    ("http://www.maqu.gov.cn/info/1.htm", "623025"),
    ("http://www.maqu.example.com/info/1.htm", None),
])
def test_region_of_url(url, code):
    found = places.region_of_url(url)
    assert (found.adcode if found else None) == code


@pytest.mark.parametrize("url, published", [
    ("http://a.gov.cn/art/2025/1/25/art_1_2.html", date(2025, 1, 25)),
    ("http://a.gov.cn/xxgk/202302/t20230221_1.shtml", date(2023, 2, 21)),
    ("http://paper.example.com/html/2015-12/11/content_1.htm", date(2015, 12, 11)),
    ("http://a.com/html/201907/1.shtml", date(2019, 7, 1)),
    ("http://a.com/show/12345.html", None),
])
def test_date_of_url(url, published):
    assert places.date_of_url(url) == published


def test_place_resolution_does_not_depend_on_the_hash_seed(tmp_path):
    """Sets of strings iterate in an order that changes with PYTHONHASHSEED; nothing
    that decides a place may depend on it."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    # 新华区 is in 石家庄, 沧州 and 平顶山; with 运河区 the list's city (沧州) and province tie
    text = "新华区、运河区两个区完成验收。"
    script = ("import sys; from extractors import places; from extractors.models import DocContext;"
              "print([m.place.adcode if m.place else m.surface"
              " for m in places.find_mentions(sys.argv[1], DocContext())])")
    outs = {subprocess.run([sys.executable, "-c", script, text], capture_output=True, text=True, cwd=ROOT, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))).stdout
            for seed in ("1", "2", "3")}
    assert outs == {"['130902', '130903']\n"}


@pytest.mark.parametrize("text, code", [
    ("邯郸市复兴区、冀南新区完成验收。", "130473"),  # 邯郸冀南新区 without its city
    ("张家口经济技术开发区新建学校一所。", "130771"),  # 张家口经济开发区 with the other word for its kind
    ("河北衡水高新技术产业开发区、衡水市桃城区", "131171"),
])
def test_functional_zones_by_their_short_forms(text, code):
    assert code in [m.place.adcode for m in places.find_mentions(text, DocContext()) if m.place]


def test_a_retired_units_short_name_in_a_school_name_is_no_mention():
    # 塘沽区 became part of 滨海新区 in 2009; 塘沽 lives on in school names
    found = places.find_mentions("天津市塘沽第五中学开展了校园安全检查。", DocContext(report_year=2021))
    assert "120107" not in [m.place.adcode for m in found if m.place]


def test_bare_short_names_of_another_province_are_dropped_once_the_region_is_known():
    from extractors.document import analyse

    text = "千阳县学习安吉经验，以海淀成果推广应用为契机。全县新建学校两所，县政府加大投入。"
    ctx, _ = analyse(text, DocContext(title="千阳县教育工作情况"))
    # 安吉 (浙江) goes; 海淀, a Beijing district cited as a model, stays
    assert [m.place.adcode for m in ctx.mentions if m.place] == ["610328", "110108"]


@pytest.mark.parametrize("text, key", [
    ("九江经济开发区新建学校两所。", "360400:九江经济开发区"),
    ("各县区中，宜春市宜春经济技术开发区增幅最大。", "360900:宜春经济技术开发区"),
])
def test_zones_without_a_code_are_keyed_by_their_city(text, key):
    found = [m.place.adcode for m in places.find_mentions(text, DocContext()) if m.place]
    assert found == [key]  # the city written before the zone is part of its name


def test_a_coded_zone_named_after_its_city_in_another_form_keeps_its_code():
    found = places.find_mentions("沧州市经济技术开发区新建学校两所。", DocContext())
    assert "130971" in [m.place.adcode for m in found if m.place]  # 河北沧州经济开发区


def test_a_sites_menu_names_no_places():
    text = "首页 宝鸡新闻 千阳新闻 陇县新闻\n千阳县召开教育工作会议。"
    assert [m.surface for m in places.find_mentions(text, DocContext())] == ["千阳县"]


def test_list_members_after_a_city_qualified_one_are_that_citys():
    # 桥西区 is also 邢台's and 张家口's, 新华区 also 沧州's
    text = "合格的有：邢台市临城县、内丘县，石家庄市长安区、桥西区、新华区，沧州市运河区、新华区。"
    found = [m.place.adcode for m in places.find_mentions(text, DocContext()) if m.place]
    assert found == ["130522", "130523", "130102", "130104", "130105", "130903", "130902"]


@pytest.mark.parametrize("text, code", [
    # a municipality's 人大 site relays a district's own survey: the district's
    ("日期：2023年03月02日 来源：重庆人大\n近日，江津区人大常委会组织调研组走访了全区课后服务工作。"
     "区政府高度重视，全区46所中小学实现课后服务全覆盖。", "500116"),
    ("来源：浙江人大\n余杭区人大常委会开展义务教育专题询问，全区学位缺口逐步缩小，区教育局作了表态发言。", "330110"),
])
def test_a_provinces_outlet_relaying_a_countys_own_page_gives_the_county(text, code):
    assert region(text) == (code, "body")


def test_a_provinces_outlet_naming_a_county_as_an_example_stays_the_province():
    text = "来源：四川人大\n省人大常委会执法检查组赴喜德县等地检查。全省学前教育毛入园率达90%，全省各地进展不一。"
    assert region(text) == ("510000", "publisher")


@pytest.mark.parametrize("text, code", [
    # a district's own news that names its district only in passing (余杭教育), speaking as it
    ("上午，区人大常委会组织代表视察了三所学校。区教育局汇报了工作。全区将继续加大投入，推动余杭教育高质量发展。", "330110"),
    ("县人大常委会听取了县政府关于学前教育的报告。会议认为，全县学前教育发展较快，仙居教育面貌一新。", "331024"),
])
def test_a_text_speaking_as_the_one_county_it_names_bare_is_that_county(text, code):
    assert region(text) == (code, "body")


def test_a_bare_county_name_in_a_citys_words_is_no_region():
    assert region("市人大常委会召开会议，全市各校参加，市教育局介绍了余杭教育的经验。") == (None, "")


def test_a_prefecture_speaking_as_itself_is_not_the_one_county_it_names():
    # an autonomous prefecture's report says 全州/我州 and names one of its counties in passing
    text = "我州认真落实教育优先发展战略，全州学前教育毛入园率达90%。州政府督促木里县完成控辍保学任务。"
    assert region(text) == ("513400", "body")


def test_a_schools_greeting_over_a_national_notice_is_no_region():
    # a school site reposting a ministry's notice: the school's city is the site's, not the report's
    text = ("欢迎光临绵阳东辰学校官网\n首页 > 政策法规\n教育部办公厅关于校外培训专项督查情况的通报\n"
            "教育部组织督查组对10个省份进行了实地督查。部分地方存在学生集体补课问题，各省、自治区、直辖市要抓好整改。")
    assert region(text, title="教育部办公厅关于校外培训专项督查情况的通报") == ("000000", "body")


@pytest.mark.parametrize("text, code", [
    # an outlet named after a county-level city the province runs: named bare, like a prefecture
    ("市人大常委会视察义务教育工作\n来源：仙桃网\n视察组指出，我市城区学位紧张。", "429004"),
    # a county-level city's news site, named bare, over a text that says only 我市
    ("市政府召开教育工作会议\n来源：义乌新闻网 发布时间：2022-03-04\n会议要求全市各校做好课后服务。", "330782"),
])
def test_an_outlet_named_after_its_place_gives_the_region_when_the_body_names_none(text, code):
    assert region(text) == (code, "publisher")


@pytest.mark.parametrize("text, code", [
    # a county's news app (云上某某) in the 来源 line, over a text that says only 我县
    ("县教育局开展秋季开学检查\n来源：云上大冶\n检查组深入我县各中小学查看开学准备。", "420281"),
    # a county's 融媒 dateline opening the body, which says only 全县
    ("开学检查\n宜都融媒讯（通讯员 某某）9月1日，督导组对全市中小学开学工作开展检查。", "420581"),
    # an app's name opening the body with 报道, and a county's site giving itself bare as the source
    ("云上枝江报道（记者 某某）近日，市教育局对全市中小学开展食品安全检查。", "420583"),
    ("编辑时间：2021-04-02 来源：汨罗\n市政协调研组到市教育局调研提案办理工作。", "430681"),
])
def test_an_app_or_a_dateline_outlet_gives_the_region_when_the_body_names_none(text, code):
    assert region(text)[0] == code


def test_an_outlets_place_in_a_dateline_does_not_outvote_the_county_the_body_names():
    # 随州论坛讯: the city's forum relays a check in one of its counties (随县)
    text = "随州论坛讯（通讯员 某某）3月2日，随县某镇党委书记带队对全镇中小学开学工作开展督导检查。"
    assert region(text) == ("421321", "body")


def test_a_text_speaking_as_its_county_in_the_first_person_is_that_countys():
    # 来我县: the city's bureau (市教育局) is the visitor, the county the text names is its own
    text = ("市教育局督导组来我县检查春季开学工作\n3月2日，市教育局副局长一行到我县督导检查，"
            "先后到平武县第一中学、城关小学查看。")
    assert region(text) == ("510727", "body")
    # a city's text (我市) naming one of its counties stays the city's
    assert region("我市督导组到平武县第一中学检查开学工作。绵阳市教育局通报。")[0] == "510700"


def test_an_outlet_not_named_after_a_place_gives_no_region():
    assert region("市教育局召开会议\n来源：新华网\n会议要求我市各校做好课后服务。") == (None, "")


@pytest.mark.parametrize("text, code", [
    # a government page's 索引号 opens with its organ's 统一社会信用代码, whose 3rd-8th
    # characters are the area the organ is registered in
    ("索引号：11410300MB1234567X/2021-00031\n关于全市教育经费投入情况的公告\n我市教育经费总投入增长5%。", "410300"),
    ("统一社会信用代码：113302810029612345\n关于课后服务情况的报告\n我市各校全部开展课后服务。", "330281"),
])
def test_an_organs_credit_code_gives_its_registered_area(text, code):
    assert region(text) == (code, "publisher")


def test_an_index_number_that_is_no_credit_code_gives_no_region():
    assert region("索引号：000014349/2022-00012\n我市各校全部开展课后服务。") == (None, "")


def test_a_roundup_of_cases_from_several_provinces_is_national():
    # each case names its own province and county; the first line must not make it that county's
    text = ("湖南省攸县审计局在义务教育经费审计中发现，部分学校挪用公用经费。\n"
            "四川省成都市武侯区审计局对学前教育资金开展审计调查，发现补助资金拨付滞后。\n"
            "江西省赣州市审计局审计发现，全市营养改善计划资金结余较多。")
    assert region(text, title="湖南省攸县审计局在义务教育经费审计中发现") == ("000000", "body")


def test_a_provincial_text_naming_two_other_provinces_stays_the_province():
    text = ("全省各地认真落实教育经费投入政策。长沙市、株洲市、湘潭市教育经费增长较快，衡阳市增长8%。"
            "与广东省、江西省相比，我省生均经费仍然偏低。")
    assert region(text) == ("430000", "body")



def test_national_deputies_from_one_province_are_that_provinces():
    # 全国人大代表 is who a speaker is, not the country's body speaking; places from two of
    # the province's cities under its own name, in no city's words, are the province's
    text = ("全国人大代表、湖南省邵阳市隆回县某小学教师李某说，农村教师流失严重。"
            "全国人大代表、湖南省怀化市某中学校长王某建议加强乡村教师队伍建设。")
    assert region(text) == ("430000", "body")


def test_the_national_peoples_congress_speaking_is_national():
    assert region("全国人大常委会执法检查组听取教育部汇报，检查组指出部分地区学位紧张。") == ("000000", "body")


@pytest.mark.parametrize("title, code", [
    # the first of a set of counties (…对兴化市等五个县(市、区)…) is not the region: the issuer is
    ("泰州市人民政府教育督导室关于2022年对兴化市等五个县(市、区)履行教育职责评价结果的通报", "321200"),
    # a place inside a cited name is that document's (检查《…条例》): the body's county decides
    ("区人大来我区检查《湖南省学前教育条例》贯彻落实情况", "430104"),
])
def test_a_title_place_that_is_a_set_member_or_a_cited_name_is_not_the_region(title, code):
    text = "检查组听取了岳麓区政府的汇报，察看了岳麓区两所幼儿园。区人大主任表示，我区将认真整改。"
    assert region(text, title=title)[0] == code


def test_a_venue_that_is_the_only_place_named_still_places_the_text():
    assert region("4月2日，全市教育督导工作会议在吕梁召开，全市各县区督学参加会议。")[0] == "141100"


def test_a_meetings_venue_and_a_set_member_do_not_vote_for_the_region():
    # a national group meets in the provincial capital about a province's counties
    text = ("3月5日，国家督导检查组在南宁召开反馈会。督导检查组对广西壮族自治区申报的青秀区等12个县（市、区）"
            "进行了督导检查，并听取了自治区人民政府的汇报。")
    assert region(text)[0] == "450000"


@pytest.mark.parametrize("text, code", [
    # the places between 对 and 进行…检查 are what the inspection covers: one county of the city
    ("5月8日，市人大常委会组织代表对宜兴市义务教育优质均衡工作开展专题调研，听取了无锡市教育局汇报。", "320282"),
    # three counties of one city: that city
    ("受省政府委托，市督导室对沂水县、沂南县、蒙阴县整改情况进行了复查，要求于月底前整改到位。", "371300"),
    # a district government supervised in its duties by its municipality: the district
    ("近日，天津市集中督导河西区人民政府依法履行教育职责，督导组走访了河西区20所学校，并与南开区督导室交流。",
     "120103"),
])
def test_the_object_of_an_inspection_is_what_it_covers(text, code):
    assert region(text)[0] == code


def test_a_name_two_cities_share_is_read_in_the_area_of_the_bureaus_site():
    # 朝阳区 is Beijing's and Changchun's: on Beijing's bureau site, the city's visit to it is Beijing's 朝阳区
    text = "5月9日，市教委督导室到朝阳区两所幼儿园开展办园质量督导调研，朝阳区教委介绍了挂牌督导工作。"
    assert region(text, source="https://jw.beijing.gov.cn/xwdt/202205/t20220510_1.html")[0] == "110105"
    assert region(text)[0] is None


def test_an_inspection_object_outside_the_bodys_area_does_not_replace_it():
    # the province in the name of the honour the towns apply for does not make the county's news the province's
    text = "近日，省专家组对我县三镇申报湖南省教育强镇复评工作进行了督导。祁东县县长表示，全县将补齐短板。"
    assert region(text)[0] == "430426"


@pytest.mark.parametrize("text, code", [
    # the document's own number names its issuer by the city's first character
    ("漳教财〔2019〕文5号\n根据福建省教育厅通报，现将我市各县教育经费执行情况通报如下。全市教育经费增长8%。", "350600"),
    # a number the body only cites says nothing; nor does one whose issuer starts no city's name
    ("根据福建省教育厅通报（漳教财〔2019〕5号），我市各县教育经费增长8%。全市均已完成。", "350000"),
    ("闽教财〔2019〕5号\n根据福建省教育厅通报，我市各县教育经费增长8%。全市均已完成。", "350000"),
])
def test_a_document_number_names_the_city_of_a_text_that_names_only_its_province(text, code):
    assert region(text)[0] == code


@pytest.mark.parametrize("text, code", [
    # no place named: the province is the one whose numbers it cites (浙教计), the city the
    # one of it whose name its own number's issuer starts with (湖教计 → 湖州市)
    ("信息名称：2020年全市教育经费统计公告\n文件编号：湖教计〔2021〕12号\n根据《关于做好教育经费统计工作的通知》"
     "（浙教计〔2020〕3号）精神，现将我市情况公告如下。全市教育经费增长8%。", "330500"),
    # cited numbers of two provinces, or an issuer starting no city's name of it: nothing
    ("文件编号：湖教计〔2021〕12号\n根据（浙教计〔2020〕3号）和（苏教财〔2017〕8号），我市教育经费增长8%。全市均完成。", None),
    ("文件编号：市教计〔2021〕12号\n根据（浙教计〔2020〕3号），我市教育经费增长8%。全市均完成。", None),
])
def test_a_document_number_names_the_city_in_the_province_whose_numbers_it_cites(text, code):
    assert region(text)[0] == code


@pytest.mark.parametrize("text, code", [
    # a repost keeps its images on the bureau's own government site
    ("![](http://jyj.xuzhou.gov.cn/uploadfile/2019/0413/1.jpg)\n4月10日，市政府教育督导委员会办公室组织考评组，"
     "对各辖市区政府履行教育职责情况进行了实地考评。", "320300"),
    # links to two bureaus' sites, or to a site that is no government's, say nothing
    ("市政府教育督导室组织考评。详见 http://jyj.xuzhou.gov.cn/a.html 与 http://jyj.yangzhou.gov.cn/b.html", None),
    ("市政府教育督导室组织考评。![](http://img.xuzhou-news.com/1.jpg)", None),
])
def test_the_government_host_the_texts_own_images_point_to(text, code):
    assert region(text)[0] == code


@pytest.mark.parametrize("text, code", [
    # a city's team coming to one county (来…县开展…督查) inspects that county, not its city
    ("3月2日，市教育局副局长带领督导组来千阳县开展春季开学专项督查，听取了千阳县政府的汇报。", "610328"),
    ("市人大常委会调研组赴陇县进行学前教育专题调研，市教育局负责人陪同。", "610327"),
    # a county named only as where a meeting sat is no object of a visit
    ("市教育局在千阳县召开全市督导工作会议，各县区督学参加。全市督导工作有序推进。", "610300"),
])
def test_a_visit_to_one_county_covers_that_county(text, code):
    assert region(text)[0] == code


def test_an_inspections_object_may_hold_a_bracketed_aside():
    # a national group's inspection of one province's counties covers that province
    text = ("10月8日至12日，国家督导检查组对陕西省申报的20个县(市、区,以下简称县)进行了督导检查。"
            "督导检查是依据教育部《评估办法》进行的。教育部与国务院教育督导委员会办公室组织了复核。")
    assert region(text)[0] == "610000"


def test_a_city_cppcc_surveying_one_of_its_districts_is_the_citys():
    # the body that speaks (市政协) is the city's, however often the district's bodies are named
    text = ("5月6日，市政协副主席率调研组，市政协教科委组织市教育局、渭滨区政府、区教育局负责人，"
            "对宝鸡中心城区义务教育学位供给情况进行调研，深入渭滨区6所学校。市政协委员代表参加。")
    assert region(text)[0] == "610300"


def test_an_audit_offices_seat_is_not_what_it_audits():
    # 驻某地特派办 and its short name (某地办) name where the office sits; the audited county is covered
    title = "武汉办查处红安教育系统挪用经费纪实"
    text = (title + "\n"
            "这些问题是审计署驻武汉特派办在对湖北省红安县2015至2016年义务教育经费进行专项审计调查时发现的。"
            "武汉办审计组进驻红安县教育局，红安县教育局随后整改。")
    assert region(text, title=title)[0] == "421122"


def test_a_province_checking_every_county_names_a_case_but_covers_the_province():
    # 省教育厅…全省 outweighs the city words of one county-level city's case (a second city's school named too)
    text = ("省教育厅派出督查组，对全省11个设区市的暑期补课开展专项督查。全省各级教育行政部门查处学校60所。"
            "省教育厅通报了瑞金市的2所学校，赣州市教育局、瑞金市教育局给予校长警告，全市通报批评。"
            "督查组还发现萍乡市一所中学违规补课。省教育厅要求全省各地引以为戒，瑞金市教育局约谈校长，省教育厅将继续督查。")
    assert region(text)[0] == "360000"


def test_a_provinces_own_report_to_a_national_body_is_the_provinces():
    # the national body that asked for the report (根据教育部…要求) is its addressee, not whose it is,
    # however often the text names the centre's money
    text = ("根据教育部办公厅《关于报送学前教育条例落实情况的通知》要求，现将云南省落实学前教育政策的情况报告如下：\n"
            "近年来，云南各级政府积极争取中央财政支持，中央财政下达奖补资金逐年增加，中央财政资金全部拨付到位，"
            "中央财政专项资金使用规范，全省新建幼儿园300所。")
    assert region(text)[0] == "530000"


def test_a_title_telling_of_a_visit_to_the_pages_own_place_names_the_visitors():
    # 宝鸡市政协 visits 千阳县 (我县): the title's city is the visitors', the page the county's
    text = "5月8日，宝鸡市政协副主席带队到我县，就课后服务开展视察，先后来到千阳县城关小学、千阳县南寨中学。"
    assert region(text, title="宝鸡市政协到我县开展课后服务专题视察")[0] == "610328"
