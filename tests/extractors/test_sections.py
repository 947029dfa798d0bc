"""Report parts from headings (numbered lines, DOCX/HTML heading blocks, glued headings)
and the cue-phrase fallback for texts without headings."""
from pathlib import Path

import pytest

from extractors.models import Block, DocContext
from extractors.sections import find_headings, label_sections, section_of_heading

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "docs"


def _labelled(text: str, blocks=()) -> DocContext:
    ctx = DocContext(blocks=tuple(blocks))
    ctx.sections = tuple(label_sections(text, ctx))
    return ctx


@pytest.mark.parametrize("heading, section", [
    ("三、各区存在的主要问题", "problem"),
    ("二、存在问题", "problem"),
    ("三、问题与不足", "problem"),
    ("二、存在的不足", "problem"),
    ("三、存在的困难和问题", "problem"),
    ("四、工作建议", "recommendation"),
    ("评价意见", "recommendation"),
    ("三、下一步工作打算", "recommendation"),
    ("四、有关要求", "recommendation"),
    ("一、主要做法和成效", "achievement"),
    # progress on earlier problems is not a list of problems
    ("(一)2019—2020年综合督导存在问题整改情况", None),
    ("(一)持续加强党对教育工作的全面领导", None),
])
def test_heading_words_name_the_part(heading, section):
    assert section_of_heading(heading) == section


NUMBERED = """一、主要做法和成效
(一)主要做法
1.加强党对教育工作全面领导。全区召开60余次会议。
二、存在问题
(一)教育评价改革需进一步深化
评价结果难运用。
(二)幼儿园办学条件还存在短板
学前教育教师资格证持有率不足。
三、下一步工作打算
(一)深化教育评价改革
提高学前教育教师资格证持有率。
"""


@pytest.mark.parametrize("phrase, section", [
    ("全区召开60余次会议", "achievement"),
    ("评价结果难运用", "problem"),
    # a sub-heading without a part word stays inside its parent part
    ("学前教育教师资格证持有率不足", "problem"),
    ("提高学前教育教师资格证持有率", "recommendation"),
])
def test_numbered_headings_nest(phrase, section):
    ctx = _labelled(NUMBERED)
    assert ctx.section_at(NUMBERED.index(phrase)) == section


def test_heading_blocks_give_levels_without_numbering():
    text = "存在的主要问题\n部分区学位缺口仍然较大。\n督导意见\n各区要加强统筹。\n"
    blocks = [Block("存在的主要问题", "heading", 2, 0, 7), Block("督导意见", "heading", 2, 21, 25)]
    ctx = _labelled(text, blocks)
    assert ctx.section_at(text.index("学位缺口")) == "problem"
    assert ctx.section_at(text.index("各区要加强")) == "recommendation"


def test_headings_glued_into_running_text_are_found():
    # PDF previews run headings into the text: …如下:一、基本情况自2021年…
    text = "现将调研情况报告如下:一、基本情况自2021年7月以来成效明显。二、存在主要问题从调研来看,作业设计质量仍需提高。三、工作建议要加强统筹。"
    ctx = _labelled(text)
    assert [h.text for h in find_headings(text)] == ["一、基本情况", "二、存在主要问题", "三、工作建议"]
    assert ctx.section_at(text.index("成效明显")) == "achievement"
    assert ctx.section_at(text.index("作业设计质量")) == "problem"
    assert ctx.section_at(text.index("要加强统筹")) == "recommendation"


def test_text_without_headings_falls_back_to_cue_phrases():
    text = ("督导组对三个县进行了回访督导。目前,千阳县还存在布局调整不到位等问题。"
            "各县区要持续提高政治站位、加大教育投入。")
    ctx = _labelled(text)
    assert ctx.section_at(text.index("督导组")) == "other"
    assert ctx.section_at(text.index("布局调整")) == "problem"
    assert ctx.section_at(text.index("加大教育投入")) == "recommendation"


def test_the_cue_that_starts_first_labels_the_sentence():
    text = "检查组指出该县校舍建设存在的薄弱环节,并提出了整改建议。代表们建议,要解决学校存在的大班额问题。"
    ctx = _labelled(text)
    assert ctx.section_at(text.index("校舍")) == "problem"
    assert ctx.section_at(text.index("大班额")) == "recommendation"


@pytest.mark.parametrize("sentence, phrase, section", [
    # advice gathered or cited names no advice of the sentence's own
    ("座谈会上,视察组广泛征求了家长代表的意见建议。", "家长代表", "other"),
    ("本次检查共收集到群众意见建议二十余条。", "二十余条", "other"),
    # 提出了意见建议: followed by what is wrong states problems
    ("视察组提出了意见建议:该县幼儿园保教人员配备存在明显不足。", "保教人员", "problem"),
    # the problems a piece of advice answers are stated as found
    ("针对“乡村学校音体美教师短缺、校舍老旧”等问题,检查组提出了要加快补充教师等意见建议。",
     "音体美教师短缺", "problem"),
    # advice proposed stays advice
    ("代表们建议,要加大对乡村学校的经费投入。", "经费投入", "recommendation"),
    ("检查组提出了加快补充乡村教师、改善寄宿条件等意见建议。", "改善寄宿条件", "recommendation"),
    ("针对存在的问题,建议该县加快新建学校建设。", "新建学校", "recommendation"),
])
def test_advice_words_label_a_sentence_only_where_it_proposes(sentence, phrase, section):
    ctx = _labelled(sentence)
    assert ctx.section_at(sentence.index(phrase)) == section


@pytest.mark.parametrize("name, phrase, section", [
    ("000_beijing_follow_up.html", "学位缺口压力仍较大", "problem"),
    ("000_beijing_follow_up.html", "完善确保教育经费“两个只增不减”长效机制", "recommendation"),
    ("000_beijing_follow_up.docx", "校医配备情况与标准要求仍存在差距", "problem"),
    ("000_beijing_follow_up.docx", "完善确保教育经费“两个只增不减”长效机制", "recommendation"),
    ("001_weihai_evaluation.gbk.html", "环翠区未实现一般公共预算", "problem"),
    ("001_weihai_evaluation.gbk.html", "全市学科类机构压减率达97.89%", "achievement"),
    ("001_weihai_evaluation.pdf", "确保完成学生体质健康优良率达到52%", "recommendation"),
    ("001_weihai_evaluation.pdf", "环翠区未实现一般公共预算", "problem"),
    ("003_shuangjian_survey.txt", "校内减负、家庭增负的现象依然存在", "problem"),
    ("003_shuangjian_survey.txt", "全市524家学科类校外培训机构压减", "achievement"),
    ("003_shuangjian_survey.txt", "足额发放教师参与课后服务补助", "recommendation"),
    ("004_jiangbei_self_assessment.html", "导致人才引进难", "problem"),
    ("004_jiangbei_self_assessment.html", "研究制定中学晚自习保障政策", "recommendation"),
    ("004_jiangbei_self_assessment.html", "学生参与率达99.7%", "achievement"),
])
def test_sections_of_each_fixture_format(name, phrase, section):
    from pipeline.ingest import ingest, read_file
    from pipeline.normalise import normalise
    from pipeline.settings import Settings

    limits = Settings().limits
    norm = normalise(ingest(read_file(FIXTURES / name, limits), str(FIXTURES / name), limits))
    ctx = _labelled(norm.text, norm.blocks)
    assert ctx.section_at(norm.text.index(phrase)) == section
