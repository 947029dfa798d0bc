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


@pytest.mark.parametrize("title, body, kind", [
    # datelines make news whatever the item reports on (even a 通报 in the title)
    ("某自治区对各盟市课后服务情况排名通报", "某某网讯（记者 张三）日前，某自治区教育厅通报了课后服务情况。", "news"),
    ("", "本报讯 记者李四报道：某县学校全部通过验收。", "news"),
    ("", "新华社长沙3月5日电（记者王五）某省加快建设普惠性幼儿园。", "news"),
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
