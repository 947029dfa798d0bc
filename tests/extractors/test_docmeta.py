from datetime import date

import pytest

from extractors import docmeta
from extractors.models import DocContext


@pytest.mark.parametrize("title, expected", [
    ("关于印发《对区市政府、开发区管委2022年履行教育职责评价情况的报告》的通知",
     "对区市政府、开发区管委2022年履行教育职责评价情况的报告"),
    ("关于转发《某县义务教育督导报告》的通知", "某县义务教育督导报告"),
    ("2021年对区级人民政府履行教育职责情况回访督导报告", "2021年对区级人民政府履行教育职责情况回访督导报告"),
])
def test_report_title_unwraps_covering_notices(title, expected):
    assert docmeta.report_title(title, "正文") == expected


def test_report_title_falls_back_to_first_line():
    assert docmeta.report_title("", "\n关于全市义务教育双减工作情况的调研报告\n正文") == "关于全市义务教育双减工作情况的调研报告"


@pytest.mark.parametrize("title, kind", [
    ("重庆市江北区人民政府2021年以来履行教育职责情况自评报告", "self_assessment"),
    ("2021年对区级人民政府履行教育职责情况回访督导报告", "follow_up"),
    ("对区市政府、开发区管委2022年履行教育职责评价情况的报告", "evaluation"),
    ("关于全市义务教育双减工作情况的调研报告", "survey"),
    ("宝鸡市政府教育督导办对县区教育督导体制机制改革任务落实情况进行督导调研", "news"),
    ("某区2023年春季开学工作综合督导报告", "inspection"),
    ("关于寒假期间校园安全的温馨提示", "other"),
    ("市政府教育督导室对高新区开展春季开学专项督导", "news"),
    ("关于对某区开展春季开学专项督导情况的通报", "inspection"),
    ("某省教育厅关于校外培训专项督查情况的通报", "inspection"),
    # a congress's check of a law named by its title alone is its 执法检查
    ("关于检查《中华人民共和国职业教育法》实施情况的报告", "survey"),
    ("某市关于学前教育法实施情况的检查报告", "survey"),
])
def test_report_type_from_title(title, kind):
    assert docmeta.report_type("", DocContext(title=title)) == kind


@pytest.mark.parametrize("text, title", [
    # a site name, a breadcrumb and a date line around the title
    ("某某教育信息网\n首页 > 教育督导 > 督导动态\n某县开展春季学校安全专项督导\n发布时间：2022-03-08\n正文。",
     "某县开展春季学校安全专项督导"),
    # a headline listed in the page's navigation and again above the article
    ("第03版：要闻\n春风化雨 润物无声\n某市新建幼儿园12所\n版面导航\n某市新建幼儿园12所\n本报讯 某市今年新建幼儿园12所。",
     "某市新建幼儿园12所"),
    # a text that starts with its body has no title line
    ("日前，某省召开全省教育督导工作会议，部署下一阶段工作。\n会议指出，要加强督导。", ""),
    # a numbered heading is no title
    ("一、基本情况\n全县共有学校30所。", ""),
    # a site's greeting is no title
    ("今天是：星期五 欢迎访问某市教育局网站!\n我市召开教育督导工作推进会\n正文。", "我市召开教育督导工作推进会"),
    # a headline in none of a report's words, right above the page's date and source line
    ("手机版 | 站内搜索\n\n某县：让孩子们放学后有处可去\n\n2023-04-11 09:30 来源：某省人大网\n近日，某县人大常委会调研了课后服务。",
     "某县：让孩子们放学后有处可去"),
    ("某镇幼儿园迎来新面孔\n日期：2021年09月02日 来源：某县融媒体中心\n正文。", "某镇幼儿园迎来新面孔"),
])
def test_report_title_skips_page_chrome(text, title):
    first_line = text.split("\n", 1)[0]
    assert docmeta.report_title(first_line, text) == title


@pytest.mark.parametrize("text, published", [
    ("某县关于学校食堂检查情况的通报\n发布时间：2021年06月15日 来源：某县教育局\n正文。", date(2021, 6, 15)),
    ("某报 2019-11-02 07:45\n本报讯 某区教育局近日开展检查。", date(2019, 11, 2)),
    ("某区新闻 12.05.2020 09:10\n正文。", date(2020, 5, 12)),
    ("正文。\n特此通报。\n某县人民政府教育督导室\n2023年4月6日", date(2023, 4, 6)),
    ("没有日期的正文。", None),
])
def test_publication_date_from_header_or_signature(text, published):
    assert docmeta.publication_date(text) == published


def test_stated_publishers_from_header_signature_and_footer():
    text = ("某县教育经费情况通报\n时间：2020-01-02 来源：某某县教育局\n正文。\n特此通报。\n某某县财政局\n2020年1月2日\n"
            "主办单位：某某县人民政府办公室 备案号：000")
    headers, owners = docmeta.stated_publishers(text)
    assert headers == ("某某县教育局", "某某县财政局")
    assert owners == ("某某县人民政府办公室",)
    assert docmeta.stated_publishers("来源：本站原创\n正文。") == ((), ())


def test_stated_outlets_and_registered_area():
    head = "索引号：113301000029612345/2021-00031\n某市教育工作会议召开\n来源：某某日报 发布时间：2021-03-04\n正文。"
    assert docmeta.stated_outlets(head) == ("某某日报",)
    # a news app (云上某某), a 发布 account, and a dateline's outlet (某某融媒讯) are sources too
    assert docmeta.stated_outlets("标题\n来源：云上某某 作者：某某\n正文。") == ("云上某某",)
    assert docmeta.stated_outlets("标题\n来源：某某发布\n正文。") == ("某某发布",)
    assert docmeta.stated_outlets("标题\n某某融媒讯（通讯员 某某）3月5日，正文。") == ("某某融媒",)
    assert docmeta.registered_area(head) == "330100"
    # an index number of another scheme, or a 事业单位's code outside a header line, gives none
    assert docmeta.registered_area("索引号：000014349/2022-00012\n正文。") is None


@pytest.mark.parametrize("title, body, kind", [
    # datelines make news whatever the item reports on (even a 通报 in the title)
    ("某自治区对各盟市课后服务情况排名通报", "某某网讯（记者 张三）日前，某自治区教育厅通报了课后服务情况。", "news"),
    ("", "本报讯 记者李四报道：某县学校全部通过验收。", "news"),
    ("", "新华社长沙3月5日电（记者王五）某省加快建设普惠性幼儿园。", "news"),
    # a paper's own correspondent's dateline without a date (本报某地电)
    ("某省部分县挪用教育经费", "本报南宁电 据某省审计厅介绍，部分县挪用教育经费。", "news"),
    # (a title naming the audit's results, 某省教育经费审计结果, makes it the audit's record: see the relayed audits)
    # a news lead at the start of the body beats the cue of the document it relays
    ("", "日前，某市政府办公室发布《某市2022年履行教育职责情况自查自评报告》。", "news"),
    ("", "正文开头。\n5月12日上午，某县人大代表视察了三所学校。", "news"),
    # 人大 law-enforcement checks are surveys
    ("", "根据工作安排，市人大常委会执法检查组于6月对本市贯彻实施教育法情况进行了检查。现将检查情况报告如下：", "survey"),
    ("某州乡村教育面临的问题及对策", "正文。", "survey"),
    # graded results of governments' duties are evaluations
    ("某省人民政府办公厅关于2022年县级政府履行教育职责督导评估结果的通报", "", "evaluation"),
    ("某市关于2021年度县级人民政府教育工作督导评估情况的通报", "", "evaluation"),
    ("某某县被约谈 限期整改大班额问题", "", "news"),
    # a title telling of an event
    ("某镇组织县人大代表调研学前教育工作", "代表们先后走访了3所幼儿园。", "news"),
    ("某区召开义务教育优质均衡创建推进会", "", "news"),
    ("关于召开全市教育督导工作会议的通知", "", "other"),
])
def test_report_type_news_survey_evaluation(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


@pytest.mark.parametrize("title, body, source, kind", [
    # a page in a site's news column that says nothing else of itself is news
    ("某县中小学开学安全检查全面展开", "全县各校在开学前排查了校舍和食堂。", "http://www.example.cn/jydt/2023/0901/123.html", "news"),
    ("某区教师培训有序推进", "本学期共培训教师三百余人。", "https://example.com/Html/news/local/9876.html", "news"),
    ("某镇教育工作简况", "本学期共培训教师三百余人。", "http://www.example.gov.cn/substance/gongzuodongtai-7_55.html", "news"),
    # a named document stays what it is, whatever column files it
    ("关于2022年全县教育经费执行情况的公告", "全县教育经费总投入增长。", "http://example.cn/news/1.html", "other"),
    # the same page with no URL (or not in a news column) is not news
    ("某区教师培训有序推进", "本学期共培训教师三百余人。", "texts/local.txt", "other"),
    ("某区教师培训有序推进", "本学期共培训教师三百余人。", "http://example.cn/zwgk/1.html", "other"),
])
def test_report_type_from_news_column(title, body, source, kind):
    assert docmeta.report_type(body, DocContext(title=title, source=source)) == kind


@pytest.mark.parametrize("title, body", [
    # funding statistics relayed by a news site stay statistics
    ("某省去年教育投入超千亿", "教育投入有多少？大家一起来看看。\n近日，某省教育厅、统计局、财政厅发布2022年全省教育经费执行情况统计公告。"),
    ("晒一晒某市的教育账本", "某网讯 根据各区上报的教育经费统计报表，现将教育经费统计执行情况公告如下。"),
])
def test_report_type_funding_statistics_are_other(title, body):
    assert docmeta.report_type(body, DocContext(title=title, source="http://example.cn/news/2.html")) == "other"


@pytest.mark.parametrize("title, body, kind", [
    # a dateline beats the cue of the activity the item reports (执法检查 is a survey's)
    ("省人大常委会启动职业教育法执法检查", "新华社西宁4月2日电（记者赵六）省人大常委会执法检查组1日召开第一次全体会议。", "news"),
    # a reporter's sourcing is a news item's wording
    ("某省将对县级政府教育职责打分", "4日，记者从省教育厅获悉，评价结果将向社会公开。", "news"),
    ("", "记者了解到，某市今年新建幼儿园12所，履行教育工作职责情况良好。", "news"),
    # a lead giving only the day of the month
    ("", "15日，某省政府新闻办举行发布会，介绍履行教育职责的评价办法。", "news"),
    # a title telling of a start
    ("某县正式启动秋季开学校园安全大排查", "", "news"),
    # a decision or a list is the document, not news of an activity
    ("某省教育督导委员会关于公布2023年督导评估认定县名单的决定", "经组织开展督导评估，现予公布。", "other"),
    # a newspaper's byline
    ("", "□某某日报记者 王五 通讯员 赵六\n秋色正浓。某县举全县之力推进义务教育均衡发展。", "news"),
    # a newspaper's name over the date and time it ran the item
    ("", "某江晚报 2019-04-02 07:30\n新区自3月以来在全区开展校外培训机构专项整治。", "news"),
    # a rectification report follows up the inspection it answers
    ("某县关于义务教育优质均衡督导反馈问题的整改报告", "针对督导组反馈的问题，我县逐项整改。", "follow_up"),
    # a title telling of fieldwork for an evaluation is news of it
    ("某市对某区开展履行教育职责评价实地核查", "督导组查阅了资料。", "news"),
    # a byline's correspondent, not a school's
    ("", "（通讯员 孙七）某区第三小学开展了安全演练。", "news"),
    ("某县教育信息化工作情况", "全县各校配齐了宣传通讯员，建立了信息报送制度。", "other"),
    # a site's news wire names itself
    ("", "某某人大网消息（张三）3日至5日，省人大常委会调研组到某市开展义务教育立法调研。", "news"),
    # a body headed by a document number is that document
    ("", "某教督函〔2024〕7号\n各县(市、区)教育局：经组织开展实地督导评估，现将认定结果公布如下。", "other"),
])
def test_report_type_datelines_sourcing_and_documents(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


@pytest.mark.parametrize("title, body, kind", [
    # a self-check report titled …自查情况报告, whatever inspection asked for it
    ("某县学校食堂管理工作自查情况报告", "根据市教育局开展专项督导的通知要求，现将我县自查情况报告如下。", "self_assessment"),
    # a report on rectifying an inspection's findings, titled without the word 报告
    ("某省学前教育国家督导检查组反馈问题整改情况", "按照督导检查组反馈意见，我省逐条整改。", "follow_up"),
    ("某市关于校外培训专项督查整改落实情况", "", "follow_up"),
    # headlines telling of an assessment team's visit or a 回访 are news of it
    ("市督导评估组对某县政府教育工作进行督导评估", "10月8日，评估组一行深入学校查看。", "news"),
    ("省督导组对某区开展履行教育职责回访", "", "news"),
    # a 人大 body's visit, survey or supervision told in a headline is news; its report is a survey
    ("某区人大常委会视察校园周边安全工作", "代表们察看了三所学校。", "news"),
    ("某县人大精准监督推动课后服务提质", "县人大常委会整合监督力量。", "news"),
    ("某县人大常委会关于义务教育法实施情况的视察报告", "", "survey"),
    # a news lead opening a sentence before any report's cue: news of the evaluation's fieldwork
    ("", "全县教育事业蓬勃发展，办学条件持续改善……近日，某市政府教育督导委员会对各县履行教育职责评价"
         "实地督导情况进行了通报。", "news"),
    ("", "          9月3日上午，区人大代表视察了履行教育职责评价迎检准备工作。", "news"),
    ("", "校舍安全问题再受关注。\n在近日召开的省人大常委会会议上，审计厅报告了学校建设资金的审计情况。", "news"),
    # a report that names itself before it tells of its fieldwork stays the report
    ("", "根据履行教育职责评价工作安排，现将评价情况报告如下。近日，评价组赴各县实地核查。", "evaluation"),
    # a statistics announcement's section, on a page cut from the announcement, stays statistics
    ("", "二、各级教育生均一般公共预算教育经费支出增长情况\n全国普通小学为10000元。", "other"),
])
def test_report_type_self_checks_rectifications_visits_and_statistics(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title, source="http://example.cn/news/3.html")) == kind


@pytest.mark.parametrize("title, body, kind", [
    # a notice launching an evaluation asks for self-assessments but is none of the types
    ("", "某教督办函〔2019〕8号\n各市人民政府：决定开展对市级人民政府2018年度履行教育职责情况评价工作，现将有关事项通知如下："
         "一、各市开展自查自评，形成自评报告。", "other"),
    # feedback that states its own opinions is the inspection's document, not news of the group's visit
    ("", "（2018年11月20日）\n11月14至19日，国家督导检查组对某省申报的15个县进行了督导检查。督导检查组对15个县的督导检查意见如下：",
     "inspection"),
    # a list made public is the document, whatever inspection made it
    ("", "某年教育部组织国家督学对全国300个县进行了实地督导认定检查。现将名单予以公示。", "other"),
    # a headline telling that a county passed an evaluation is news of it
    ("某省某市某县顺利通过省政府履行教育职责评价", "3月2日，省评价组反馈会在我县召开。", "news"),
    # a 人大 inquiry told in a headline is news of it
    ("某市人大常委会专题询问学前教育普惠发展", "7月10日，市人大常委会召开联组会议。", "news"),
    # funding statistics a reporter relays stay statistics, dateline or not
    ("", "记者从省教育厅获悉，近日发布的《2019年全省教育经费执行情况统计公告》显示，全省教育经费总投入增长8%。", "other"),
    # but a public notice of the counties that passed is the notice itself
    ("关于某县等8个县通过义务教育优质均衡发展省级督导评估的公示", "经省人民政府同意，现予公示。", "other"),
])
def test_report_type_notices_document_formulas_and_passed_evaluations(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


@pytest.mark.parametrize("text, title", [
    # a speech's delivery note and a notice's contact lines are no titles
    ("（2021年9月28日在某市第十六届人民代表大会常务委员会第三次会议上）\n某市人大常委会执法检查组\n各位委员：",
     "某市人大常委会执法检查组"),
    ("通讯地址：某市某区某路1号某市教育督导室（100000）\n联系电话：0000-1234567\n各县教育局：", ""),
    # a site's masthead over the headline
    ("某省教育厅主管  某省教育报刊社主办\n某县：课后服务惠及全县学生\n来源：某省教育报 发布时间：2023年05月06日\n正文。",
     "某县：课后服务惠及全县学生"),
])
def test_report_title_skips_delivery_notes_and_contact_lines(text, title):
    assert docmeta.report_title("", text) == title


@pytest.mark.parametrize("title, body, kind", [
    # an audit's findings a news wire relays stay the audit's record
    ("", "某某社长沙5月6日电（记者 李四）记者从省审计厅获悉，在对全省学前教育资金的审计中发现，有9个县挪用资金。", "other"),
    ("", "某某网3月2日电 审计署今日发布公告，公布了对12个县教育经费的审计调查结果。", "other"),
    # a wire's item on an inspection stays news
    ("", "某某社长沙5月6日电（记者 李四）省督导组昨日对某县开展了春季开学专项督导。", "news"),
    # a title that is a list's announcement is that record, whatever inspection the body recounts
    ("关于2021年全省学前教育普及普惠县名单的公示", "省督导组对申报的12个县进行了实地督导检查。现将名单予以公示。", "other"),
    # a report's type named in the title still wins
    ("关于某县义务教育督导评估报告的公告", "督导组对某县进行了督导评估。", "inspection"),
])
def test_report_type_relayed_audits_and_records(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


def test_own_number_year_is_read_from_the_head_not_from_cited_numbers():
    text = "某市教育局关于加强督导工作的意见\n某教发[2016]7号\n为落实《某某办法》（某政发〔2013〕2号），现提出如下意见。"
    assert docmeta.own_number_year(text) == 2016
    assert docmeta.own_number_year("为落实（某政发〔2013〕2号），现提出如下意见。") is None


@pytest.mark.parametrize("title, body, kind", [
    # inspectors' written feedback opening with the dates of their visit is the feedback
    ("", "5月8日至12日，省督导检查组对某市申报的6个县进行了督导检查。检查组查阅资料，走访学校。\n"
         "督导检查组对6个县的具体意见如下：\n一、达标情况", "inspection"),
    ("某省督导检查组", "5月8日至12日，省督导检查组对某市申报的6个县进行了督导检查。\n现将意见反馈如下：", "inspection"),
    # the same visit told as news, with no findings introduced
    ("", "5月8日至12日，省督导检查组对某市申报的6个县进行了督导检查。检查组查阅资料，走访学校。", "news"),
])
def test_report_type_of_inspectors_feedback_that_opens_with_the_visit(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


@pytest.mark.parametrize("title, body, kind", [
    # a county's report counting its own schools in the first person is its account of itself
    ("某县学校食堂建设情况报告", "一、基本情况\n我县现有中小学校126所，其中寄宿制学校40所，建有食堂的学校98所。", "self_assessment"),
    # the same count in a text that is no report stays other
    ("某县学校食堂建设情况", "一、基本情况\n我县现有中小学校126所，其中寄宿制学校40所，建有食堂的学校98所。", "other"),
    # a survey names its type: the count does not override it
    ("关于某县学校食堂建设情况的调研报告", "我县现有中小学校126所，其中寄宿制学校40所。", "survey"),
])
def test_report_type_of_a_jurisdictions_account_of_itself(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


@pytest.mark.parametrize("title, body, kind", [
    # a report read to a congress (its session line) is that report, though its opening tells of the visit
    ("", "当前位置：首页 > 专题询问\n（2024年6月20日在县十八届人大常委会第九次会议上）\n"
         "5月7日至9日，县人大常委会调研组深入8所学校开展专题调研。现将调研情况报告如下：", "survey"),
    # a site's date widget (今天是：) is no news lead
    ("", "今天是：2024年6月21日 星期五\n首页 > 调研报告\n县人大常委会调研组深入8所学校了解课后服务情况。", "survey"),
    # the same visit told by a lead, with no session line, stays news
    ("", "5月7日至9日，县人大常委会调研组深入8所学校开展专题调研，并召开座谈会。", "news"),
])
def test_report_type_of_a_report_read_to_a_congress(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


@pytest.mark.parametrize("title, body, kind", [
    # a 督导委员会's written opinion on the counties it evaluated is the evaluation
    ("某省教育督导委员会对某市4个县区教育工作督导评估意见", "3月2日至9日，省督导评估组对某市申报的4个县区进行了督导评估。", "evaluation"),
    # a paper's byline line (◎本报记者) opens a news item, however many national figures follow
    ("", "◎本报记者 王五\n“去年各部门共办理代表建议7000件，占总数的95.2%。”在昨天举行的发布会上，发言人说。", "news"),
    # an audit report named in a relayed item's title stays the audit's record
    ("某省公布学前教育资金专项审计调查报告", "6月2日，记者从省审计厅获悉，审计机关对全省学前教育资金进行了专项审计调查。", "other"),
    # an item opening with a lead that relays the annual audit work report stays news (the dev gold's reading)
    ("", "在日前举行的省人大常委会会议上，省审计厅厅长作了《关于2023年度省级预算执行的审计工作报告》，"
         "指出12个县挪用学前教育资金。", "news"),
])
def test_report_type_of_evaluation_opinions_bylines_and_audit_reports(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


@pytest.mark.parametrize("text, published", [
    # an unlabelled date that opens the page's meta line (its source, its edition, its weekday)
    ("某省督导组对某县开展督导检查\n2022-05-16 来源:某县教育局\n正文。", date(2022, 5, 16)),
    ("2020-03-09 第03版:要闻\n正文。", date(2020, 3, 9)),
    ("2018年11月20日 星期二\n某县召开会议\n正文。", date(2018, 11, 20)),
    # a date that opens a sentence is the event's, not the page's
    ("某县召开会议\n2018年11月20日，某县召开督导工作会议。", None),
])
def test_publication_date_from_an_unlabelled_meta_line(text, published):
    assert docmeta.publication_date(text) == published


@pytest.mark.parametrize("title, body, kind", [
    # a 政协 body's check, visit or survey told in a headline is news of it
    ("县政协就学前教育普惠情况开展视察监督", "4月12号，县政协副主席带领部分委员视察了城区幼儿园。", "news"),
    # a date written with 号, and one after a sentence's purpose clause, lead a news item
    ("", "5月8号，区政协委员走访了三所小学，详细了解课后服务开展情况。", "news"),
    ("", "为推动城乡学校均衡发展，9月3日，县政协组织委员开展专项民主监督活动。", "news"),
    ("", "近期，某市审计局在全市学校食堂经费专项审计调查中重点关注了食材采购情况。", "news"),
    # a brief relaying that a body checked the provinces (进行…督查) and issued a 通报 is news of it
    ("", "上半年，某部门办公室对三个省份的整改工作进行了督查，印发了情况通报，对4起问题进行通报。", "news"),
    # a notice arranging an inspection is a notice, whatever inspection its title names
    ("关于开展义务教育学校办学行为专项督查的通知", "各学校：\n为规范办学行为，决定开展专项督查，现将有关事项通知如下：", "other"),
])
def test_report_type_of_political_consultative_visits_relays_and_notices(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind


def test_report_title_drops_a_series_issue_before_the_title():
    title = "审计结果公告2019年第3期——某省审计厅关于2018年第三季度政策措施落实情况跟踪审计结果的公告"
    assert docmeta.report_title(title, "正文") == "某省审计厅关于2018年第三季度政策措施落实情况跟踪审计结果的公告"


@pytest.mark.parametrize("title, body, kind", [
    # a 政协's 调研 named in a subtitle is a survey report
    ("", "推进城乡教育均衡发展\n——对某县义务教育工作的调研\n发布时间:2019-06-03 来源:县政协\n今年县政协组织部分委员对全县义务教育进行了调研。",
     "survey"),
    # a check a congress body commissioned, reported by the place checked, is a survey
    ("", "根据省人大常委会办公厅《关于委托检查职业教育法实施情况的函》要求，现将我市实施职业教育法的情况汇报如下：", "survey"),
    # a government's own report on its duties is a self-report, though its opening names the evaluation
    ("某县人民政府2021年度履行教育职责工作报告",
     "根据《2022年对县级人民政府履行教育职责评价方案》要求，现将2021年度我县履行教育职责情况汇报如下：", "self_assessment"),
    # the year's funding total a reporter relays is a funding record
    ("某省去年教育经费总计512.3亿元", "记者从省教育厅获悉，去年全省教育经费总计512.3亿元，比上年增长6.1%。", "other"),
    # an audit's announcement a news agency prints keeps the audit's type
    ("", "某社3月2日电 审计署对10个省的学生资助资金进行了审计调查。审计调查公告全文如下：", "other"),
    # a reporter's sourcing may name its day
    ("", "记者12日从省教育厅获悉，全省中小学校园安全专项督导报告已经形成，将向社会公布。", "news"),
])
def test_report_type_of_subtitled_surveys_commissioned_checks_duty_reports_and_relays(title, body, kind):
    assert docmeta.report_type(body, DocContext(title=title)) == kind
