from datetime import date

import pytest

from extractors import docmeta, quantities, years
from extractors.models import DocContext, Place


@pytest.mark.parametrize("title, body, published, year", [
    ("重庆市江北区人民政府2021年以来履行教育职责情况自评报告", "", date(2022, 12, 13), 2022),
    ("2021年对区级人民政府履行教育职责情况回访督导报告", "2022年1月", date(2022, 1, 18), 2021),
    ("关于全市义务教育双减工作情况的调研报告", "根据市人大常委会2023年工作要点和监督工作计划安排", None, 2023),
    ("某市督导办进行督导调研", "2021年11月下旬至12月上旬，对规划于2022年完成创建任务的县进行了回访", None, 2021),
    ("某县教育工作情况", "没有年份的正文", date(2020, 5, 1), 2020),
])
def test_report_year(title, body, published, year):
    ctx = DocContext(title=title, publish_date=published)
    assert years.report_year(body, ctx) == year


@pytest.mark.parametrize("title, body, published, year", [
    # a range counts as its last year, one up to now as the publication year
    ("", "经审计，2019年至2021年6月全县共拨付资金。", None, 2021),
    ("", "2016年以来，全县新建学校12所。", date(2019, 4, 2), 2019),
    # a year inside another document's name is not the report's
    ("", "根据《某省教育督导规划（2016年—2020年）》，今年组织了复查。", date(2018, 9, 1), 2018),
    # nothing else: the cited document's year
    ("", "某局印发了《关于2016-2017年度学校检查情况的通知》。", None, 2017),
    # no year in the opening: the publication year before the rest of the body
    ("", "3月2日，某县召开会议。" + "正文。" * 200 + "2009年建成的学校", date(2012, 3, 3), 2012),
    # no year in the opening nor a publication date: the year the body names
    ("", "正文。" * 200 + "到2016年全面完成。", None, 2016),
])
def test_report_year_ranges_and_cited_names(title, body, published, year):
    assert years.report_year(body, DocContext(title=title, publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # a forecast or a deadline is not a year looked back on
    ("2019年全县新建幼儿园3所，预计2021年在园幼儿将达到5000人，到2022年实现普惠全覆盖。", None, 2019),
    ("某镇中学计划2023年迁建，2021年投入80万元维修宿舍，2022年投入30万元改造食堂。", None, 2022),
    # a cut-off of what is done is looked back on
    ("全市于2017年启动改薄工程，截至2019年底完成改造学校120所。", None, 2019),
    # only a deadline named: it is still the year the text names
    ("力争到2020年年底，全面消除66人以上超大班额。", None, 2020),
])
def test_report_year_skips_plan_years(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, year", [
    # a session of the national congress dates the text
    ("参加十三届全国人大二次会议的某省代表建议，到2025年建成更多普通高中。", 2019),
    ("在第十二届全国人民代表大会第三次会议上，某代表提出加大农村学前教育投入。", 2015),
    # a province's or a county's congress numbers its own terms: no year
    ("县第十七届人大常委会第五次会议听取了全县教育工作情况的报告。", None),
])
def test_report_year_from_national_congress_sessions(body, year):
    assert years.report_year(body, DocContext()) == year


@pytest.mark.parametrize("body, published, year", [
    # a year that opens a sentence dates what the sentence states: it counts twice
    ("2016年，全市生均公用经费达到900元，比2014年和2015年均有提高。", None, 2016),
    # a tie goes to the latest year: a review runs up to its last year
    ("全区2019年新建学校4所，2020年新建学校6所。", None, 2020),
    # the page's dated header line tells when it was published, not what it reviews
    ("发布时间：2020-04-03 09:00 来源：某省统计局\n2018年，全省教育经费总投入为980亿元。", date(2020, 4, 3), 2018),
    # a bare date line under a title is the document's own date: it counts
    ("（2015年12月8日）\n12月1日至5日，督导组对某县进行了检查。", date(2016, 3, 1), 2015),
])
def test_report_year_weighs_sentence_years(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, year", [
    ("全县召开“双减”工作推进会，部署课后服务和校外培训治理。", 2021),
    ("“十三五”期间，全区累计新建校舍面积12万平方米。", 2016),
    ("全县召开教育工作会议，部署下一阶段工作。", None),
])
def test_report_year_from_periods_when_no_year_is_named(body, year):
    assert years.report_year(body, DocContext()) == year


@pytest.mark.parametrize("body, year", [
    # a five-year plan's stage names one year: its last (收官) or its first (开局)
    ("今年是“十三五”规划收官之年，3月2日，区督导组到各校检查开学准备。", 2020),
    ("十四五开局之年，县督导室对各校开展春季开学督导。", 2021),
    # a yearly day counted from its first (教师节 since 1985)
    ("9月9日，在第三十六个教师节来临之际，县教育局督导组走访慰问一线教师。", 2020),
])
def test_report_year_from_a_named_stage_or_counted_day(body, year):
    assert years.report_year(body, DocContext()) == year


@pytest.mark.parametrize("title, body, year", [
    # a term of a school year across two years falls in one: the first term opens in autumn
    ("", "9月2日，区督导组对2024—2025学年第一学期开学工作进行专项督导。", 2024),
    ("", "2月20日，县督导室对各校2024-2025学年第二学期开学准备情况进行检查。", 2025),
    ("某县2021—2022学年上学期课后服务督导报告", "督导组分三组到各校检查。", 2021),
])
def test_report_year_of_a_school_term(title, body, year):
    assert years.report_year(body, DocContext(title=title)) == year


@pytest.mark.parametrize("url, year", [
    ("https://edu.example.cn/html/difang/2017/jydt_0619/29365.shtml", 2017),
    ("http://www.example.gov.cn/info/1040/7248.htm", None),
])
def test_report_year_from_a_year_in_the_url_path(url, year):
    assert years.report_year("3月至5月，省督导室组织专家开展了评估。", DocContext(source=url)) == year


@pytest.mark.parametrize("url, published", [
    # a MongoDB ObjectId: its first 8 hex digits are the seconds since 1970
    ("https://news.example.com/a/5ed44580aa11bb22cc33dd44?lang=zh", date(2020, 6, 1)),
    # a Unix time in milliseconds, or seconds, as the page's file name
    ("http://edu.example.cn/xxgk/jy/1590969600000.html", date(2020, 6, 1)),
    ("http://edu.example.cn/news/1590969600.shtml", date(2020, 6, 1)),
    # a 32-digit hash, a plain article number, an id in the future: no date
    ("http://jyj.example.gov.cn/202302/c3e163026df34af4b30d9bff234b19cf.shtml", None),
    ("http://www.example.gov.cn/info/1040/7248.htm", None),
    ("https://news.example.com/a/7fffffffaa11bb22cc33dd44", None),
    ("/work/texts/5ed44580aa11bb22cc33dd44.txt", None),
    # a two-digit year and a month-day as path segments of their own (/15/1109/)
    ("https://news.example.com/15/1109/08/ABCDEF1234.html", date(2015, 11, 9)),
    # a file name starting with its creation time written out, then a counter
    ("http://www.example.com/news/jyzx/2016052009154512345.html", date(2016, 5, 20)),
    ("http://www.example.com/news/jyzx/2016135509154512345.html", None),
    ("http://www.example.gov.cn/info/12/1340/88.htm", None),
    ("http://www.example.gov.cn/list/99/0101/1.htm", None),
])
def test_date_of_url_id(url, published):
    assert years.date_of_url_id(url) == published


@pytest.mark.parametrize("sentence, years_", [
    # a list after 分别 pairs its figures with the years listed before it
    ("某县2018年、2019年教育附加用于学前教育的比例分别为12%和15%。", [2018, 2019]),
    ("2020年和2021年全县分别投入500万元、800万元。", [2020, 2021]),
    # one year only: no pairing, the year of the sentence
    ("2021年小学和初中巩固率分别为99%和98%。", [2021, 2021]),
    # "now" after an earlier year: the report year
    ("生均公用经费由2015年的600元提高到目前的800元。", [2015, 2022]),
    # a span up to now after the year: the report year
    ("自2016年新校舍启用后，5年来全校在校生增长了40%。", [2022]),
    # 年来自 (came from) is no span
    ("2019年来自农村的学生占60%。", [2019]),
])
def test_figure_years_in_lists_and_now(sentence, years_):
    ctx = DocContext(report_year=2022, region=Place("410100", "郑州市", "city"))
    assert [f.year for f in quantities.extract(sentence, ctx)] == years_


@pytest.mark.parametrize("body, published, year", [
    # news opening with an event and no year: the publication's year, whatever
    # background years follow
    ("某省调研学前教育\n11月20日，调研组来我省调研学前教育。我省2012年出台了学前教育条例。", date(2017, 11, 23), 2017),
    ("近日，市政府教育督导室通报了2015年度评估结果中的问题。", date(2018, 4, 2), 2018),
    # an event of late December published in January is of the year before
    ("12月28日，督导组对某县开展了专项督导。", date(2020, 1, 6), 2019),
    # a stated year: not an event without one
    ("2019年11月5日，督导组对某县开展了专项督导。", date(2020, 1, 6), 2019),
    # a news wire's dateline dates the event it opens with; background years do not
    ("某某网3月9日讯（记者 张三）昨日，某市召开教育督导工作会议。自2014年实行督学挂牌督导以来，全市已有200名督学。",
     date(2021, 3, 9), 2021),
])
def test_report_year_of_news_events_without_a_year(body, published, year):
    assert years.report_year(body, DocContext(title=body.split("\n")[0] if "\n" in body else "",
                                              publish_date=published)) == year


@pytest.mark.parametrize("title, body, year", [
    # a school year names its calendar year; one across two years counts as its last
    ("", "2021学年全市义务教育学校共招生三万人，全部实行免试就近入学。", 2021),
    ("", "2019—2020学年，全县共有中小学校45所，在校生3.2万人。", 2020),
    ("2019/2020学年度全区中小学校督导评估结果通报", "", 2020),
    ("", "本学年全县中小学课后服务参与率达到了九成以上。", None),
])
def test_report_year_from_a_school_year(title, body, year):
    assert years.report_year(body, DocContext(title=title)) == year


@pytest.mark.parametrize("body, published, year", [
    # the period under review (2018年度) outweighs the dates of the visit
    ("督导组于2019年3月4日至8日，对全区2018年度义务教育经费使用情况进行了专项督导。", date(2019, 5, 6), 2018),
    # without 年度 the visit's date and the year named tie: the latest
    ("督导组于2019年3月4日至8日，对全区2018年义务教育经费使用情况进行了专项督导。", date(2019, 5, 6), 2019),
    # a wire relaying an audit of a span of years dates it by the span's last year
    ("某某网6月3日电 省审计厅今日公布了对30个县2018年1月至2019年6月学前教育资金的审计结果。", date(2020, 6, 3), 2019),
    # one year named in the news of a meeting is no span reviewed: the meeting's year
    ("6月3日，某县召开会议，回顾了2018年的学前教育工作，部署下一步任务。", date(2020, 6, 3), 2020),
])
def test_report_year_prefers_the_period_reviewed(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # a closed year compared with the one before, published the next year
    ("全区义务教育生均公用经费支出为1200元，比上年增长5.2%。", date(2021, 6, 1), 2020),
    # a part of the year can be the current one
    ("全区一季度教育支出3.2亿元，比上年同期增长8%。", date(2021, 6, 1), 2021),
    ("今年全区教育支出3.2亿元，比上年增长8%。", date(2021, 12, 20), 2021),
])
def test_report_year_of_closed_year_statistics(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # the opening dates only a count; the body's event of the weeks before publication
    # is the news
    ("教育是民生之本。截至2020年12月，全区共有中小学58所，在校生6.1万人。\n3月10日，区人大常委会就学位建设开展专题询问。",
     date(2021, 4, 2), 2021),
    # an event far before publication is not what the news reports
    ("截至2020年12月，全区共有中小学58所。\n9月10日，区人大常委会开展专题询问。", date(2021, 4, 2), 2020),
    # a report whose opening names the year it reviews keeps it
    ("2020年，全区共有中小学58所。截至2020年12月，在校生6.1万人。\n3月10日，督导组进校检查。", date(2021, 4, 2), 2020),
])
def test_report_year_of_news_whose_opening_dates_only_counts(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("title, body, published, year", [
    # a document dated only by its own number: the number's year, not the cited ones'
    ("某市人民政府办公室关于加强教育督导的意见", "某府办发[2016]12号\n根据（某政发[2013]2号）和（某办发[2014]5号）精神，现提出如下意见。",
     None, 2016),
    # a paper's edition line is its publication line: the event of the lead is of that year
    ("", "《 某某日报 》 ( 2022年03月09日 第 05 版)\n近日，记者在某县采访时了解到，2020年以来该县新建学校12所。2021年起又改建了5所。",
     date(2022, 3, 9), 2022),
])
def test_report_year_from_own_number_and_edition_line(title, body, published, year):
    assert years.report_year(body, DocContext(title=title, publish_date=published)) == year


@pytest.mark.parametrize("title, body, published, year", [
    # an evaluation round (2023年对…评价) reviews the duties of the year the body names
    ("某市人民政府教育督导委员会关于2023年对县区政府履行教育职责评价报告",
     "按照省里的部署，评价组对所辖8个县区政府2022年履行教育职责情况进行了实地评价。现将2023年对县区政府评价情况报告如下。",
     date(2023, 9, 1), 2022),
    # a title's year that is the year reviewed stays
    ("某市关于2022年度履行教育职责情况的自评报告", "根据《关于开展2023年对市级人民政府履行教育职责评价的通知》，我市开展了自评。",
     date(2023, 4, 1), 2022),
])
def test_report_year_of_an_evaluation_round(title, body, published, year):
    assert years.report_year(body, DocContext(title=title, publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # a span an audit reviews gives its last year, however often the body names the first
    ("6月2日，记者从省审计厅获悉，审计机关对全省2016年至2017年学前教育专项资金进行了审计调查。\n"
     "2016年，全省拨付资金3.2亿元；2016年底，结余0.4亿元。2017年，拨付资金3.9亿元。", date(2018, 6, 3), 2017),
    # a span that only dates the figures, with no audit of it, is no period reviewed
    ("全市2016年至2017年新建幼儿园38所。2016年，全市拨付资金3.2亿元；2016年底，结余0.4亿元。", None, 2016),
])
def test_report_year_of_an_audited_span(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("title, body, published, year", [
    # a self-report on duties with no year in its title: the latest year of duties the body names,
    # though the year of the next plans is named as often
    ("某省人民政府履行教育职责自评报告",
     "一、省情概况\n全省共有学校9000所。\n二、2019年履行教育职责评价反馈问题整改情况\n针对评价指出的问题，我省扎实整改。\n"
     "三、2020年履行教育职责及2021年重点工作进展情况\n2021年，全省新建学校30所。", date(2021, 8, 2), 2020),
    # a duty year after publication is no year reviewed
    ("某县履行教育职责自评报告", "一、2020年履行教育职责情况\n二、2022年履行教育职责工作计划", date(2021, 3, 2), 2020),
])
def test_report_year_of_a_duties_report_without_a_title_year(title, body, published, year):
    assert years.report_year(body, DocContext(title=title, publish_date=published)) == year


@pytest.mark.parametrize("title, body, published, year", [
    # a range up to now that names the part of its first year it starts at ends at publication
    ("", "检查范围是2016年春季学期以来各校的收费行为。", date(2017, 5, 2), 2017),
    ("某县2018年9月以来学校建设情况", "正文。", date(2019, 3, 1), 2019),
    # with no publication date, up to now is the latest year the text states: here a cited number's
    ("", "根据《今年对县级人民政府履行教育职责评价方案》(某教督〔2021〕2号)要求，现将2020年以来工作报告如下。", None, 2021),
    # a title's series issue (2019年第3期) is not the year reviewed: the quarter audited is
    ("审计结果公告2019年第3期——某省审计厅关于2018年第四季度政策措施落实情况跟踪审计结果的公告", "正文。",
     date(2019, 4, 2), 2018),
])
def test_report_year_of_ranges_up_to_now_and_series_titles(title, body, published, year):
    ctx = DocContext(title=docmeta.report_title(title, body), publish_date=published)
    assert years.report_year(body, ctx) == year


@pytest.mark.parametrize("body, published, year", [
    # a survey group's months later in the year than publication: last year's survey
    ("为协助常委会审议专项报告，市人大教科文卫委员会组成调研组，于8月至9月深入各区县开展了专题调研。", date(2024, 2, 20), 2023),
    # months before publication: this year's
    ("为协助常委会审议专项报告，市人大教科文卫委员会组成调研组，于3月至4月深入各区县开展了专题调研。", date(2024, 6, 20), 2024),
    # a planned activity dates nothing
    ("市人大教科文卫委员会将于8月至9月开展专题调研，请各区县做好准备。", date(2024, 2, 20), 2024),
    ("为巩固整改成果，要求各区县于12月底前完成整改并接受督导检查。", date(2024, 2, 20), 2024),
])
def test_report_year_of_an_activity_in_months_after_publication(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # a year a policy started (2015年起，…) runs up to now: the visit's year, not the policy's
    ("12日，市人大常委会检查组来我县检查义务教育法实施情况。2015年起，县里将优质高中指标到校比例逐年提高。",
     date(2019, 5, 14), 2019),
    # the year an audit ran that a news item reports on is the year reviewed, not the day it is told
    ("某省审计厅厅长8日在省人大常委会会议上说，某省2016年审计查出违规资金9亿元。其中2012年至2017年…",
     date(2017, 6, 9), 2016),
    # a campaign running since a month later in the year than publication started the year before
    ("根据省里部署，自9月份开始，全市教育系统开展校外培训专项治理，历时4个月。", date(2023, 1, 18), 2022),
    # the earlier rounds a news item counts its event after (继…之后) are no year it looks back on
    ("本报讯 今年5月，省人大常委会决定检查职业教育法实施情况。这是继2003年、2007年之后的第三次检查。",
     date(2010, 6, 2), 2010),
])
def test_report_year_of_policy_starts_audit_years_campaigns_since_a_month_and_precedents(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # a law's enactment is its history, not a year the report looks back on
    ("某省人大常委会执法检查组：自1992年施行《某某省教育条例》以来，全省教育面貌发生很大变化。"
     "2023年，全省新建学校41所。", None, 2023),
    ("记者了解到，从1995年《某某法》颁布实施，到全面完成攻坚任务，该省走过了漫长道路。", date(2021, 11, 5), 2021),
    # the year of the authors' own check, alone in the first sentence, beats the years its figures list
    ("受省人大常委会委托，市人大常委会检查组于2017年9月中旬，对三个区县贯彻实施职业教育法的情况进行了检查。"
     "2014年投入3.1亿元，2015年3.6亿元，2016年4.2亿元；2014年生均经费2100元，2015年2300元，2016年2500元。",
     None, 2017),
    # an audit's own year beside the year it audits is no check of that year alone
    ("省审计厅于2017年3月对某县2016年度教育经费进行了审计。2016年，该县教育支出5亿元。", None, 2016),
])
def test_report_year_skips_enactments_and_takes_the_own_check_year(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # a span of two-digit years an audit reviews (05年7月至06年12月) is read in full
    ("【6月3日讯】某省审计厅日前发布公告，披露了对12个县05年7月至06年12月校舍维修资金的审计调查结果。", None, 2006),
    ("市审计局对3个区98年1月至99年6月教育附加费进行了审计，发现挪用资金。", None, 1999),
])
def test_report_year_of_an_audited_span_in_two_digit_years(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year


@pytest.mark.parametrize("body, published, year", [
    # news relaying results a body published reviews the year the results name
    ("日前，市委组织部、市教育局印发《关于公布2022年度各区县党政领导干部履行教育职责考核结果的通知》，我区获评优秀。",
     date(2023, 11, 2), 2022),
    # a cited plan is no result: the event's year
    ("日前，市教育局印发《2023年教育督导工作要点》，部署全年工作。", date(2023, 3, 2), 2023),
])
def test_report_year_of_published_results(body, published, year):
    assert years.report_year(body, DocContext(publish_date=published)) == year
