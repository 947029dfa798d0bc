"""Percentages in every way reports write them, read back exactly (issue 14).
Sentences are written for these tests in the style of supervision reports."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import percents, quantities
from extractors.models import DocContext
from extractors.quantity_words import mask_non_figures
from tests.extractors.chinese_numerals import to_chinese


def read(sentence):
    return percents.find(mask_non_figures(sentence))


@pytest.mark.parametrize("sentence, value, unit, qualifier", [
    ("全县普惠率达98.6%。", "98.6", "percent", "exact"),
    ("全县普惠率达98.6％。", "98.6", "percent", "exact"),
    ("巩固率达到百分之九十五点三。", "95.3", "percent", "exact"),
    ("巩固率达到百分之百。", "100", "percent", "exact"),
    ("巩固率达到百分之七。", "7", "percent", "exact"),
    ("近视率上升了一点五个百分点。", "1.5", "percentage_point", "exact"),
    ("占比提高3.5个百分点。", "3.5", "percentage_point", "exact"),
    ("全县九成学校建成标准化食堂。", "90", "percent", "approx"),
    ("八成五的教师参加了培训。", "85", "percent", "approx"),
    ("两成家长表示不满意。", "20", "percent", "approx"),
    ("全县九成以上学校开展课后服务。", "90", "percent", "over"),
    ("近六成学生参加社团。", "60", "percent", "approx"),
    ("学生近视发生率为3‰。", "3", "per_mille", "exact"),
    ("辍学率控制在千分之五以内。", "5", "per_mille", "at_most"),
    ("大班额比例控制在5%以内。", "5", "percent", "at_most"),
    ("占比不高于30%。", "30", "percent", "at_most"),
    ("优良率不低于50%。", "50", "percent", "at_least"),
    ("合格率不足60%。", "60", "percent", "under"),
    ("合格率约为85%。", "85", "percent", "approx"),
])
def test_percent_reads_back_exactly(sentence, value, unit, qualifier):
    [f] = read(sentence)
    assert (f.value, f.unit, f.qualifier) == (Decimal(value), unit, qualifier)


@pytest.mark.parametrize("sentence", ["制度一成不变。", "学生三五成群。", "成立一个成员单位。", "建成10所幼儿园。"])
def test_words_with_cheng_are_not_percents(sentence):
    assert read(sentence) == []


@pytest.mark.parametrize("sentence, direction", [
    ("占比比上年提高2.5个百分点。", "up"),
    ("近视率下降了1.2个百分点。", "down"),
    ("经费同比增长8.5%。", "up"),
    ("经费比上年减少6%。", "down"),
    ("入园率比全省低3个百分点。", "down"),
    ("入园率比全国高出4个百分点。", "up"),
    ("由70%提高到85%。", "up"),
    ("普惠率提高到85%。", None),
    ("普惠率为85%。", None),
    ("各校经费增幅依次为4.1%、-0.8%。", "down"),  # a minus sign: the size stays the value
    ("生均经费增幅为－3%。", "down"),
    ("占比在40%-60%之间。", None),  # a range joiner, not a sign
])
def test_direction_after_a_verb_of_change(sentence, direction):
    assert read(sentence)[-1].direction == direction


def test_direction_reaches_the_findings_row():
    [f] = quantities.extract("全区普惠率比上年提高3个百分点。", DocContext(report_year=2023))
    assert (f.value, f.unit, f.direction) == (3, "percentage_point", "up")


def test_qualifier_after_a_range_covers_both_ends():
    found = read("年均增幅在2.5-4.0%左右。")
    assert [(f.value, f.qualifier) for f in found] == [(Decimal("2.5"), "approx"), (Decimal("4.0"), "approx")]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=9),
       st.sampled_from(["", "以上", "左右"]))
def test_tenths_read_back(tens, ones, after):
    surface = to_chinese(Decimal(tens)) + "成" + (to_chinese(Decimal(ones)) if ones else "")
    [f] = read(f"全区{surface}{after}的学校已完成改造。")
    assert f.value == tens * 10 + ones
    assert f.qualifier == {"": "approx", "以上": "over", "左右": "approx"}[after]


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999"), places=1), st.booleans())
def test_per_mille_reads_back(value, chinese):
    surface = f"千分之{to_chinese(value.normalize())}" if chinese else f"{value}‰"
    [f] = read(f"全市学生辍学率为{surface}。")
    assert (f.value, f.unit) == (value, "per_mille")


@pytest.mark.parametrize("sentence", ["达标率为百分之九十十。", "比例达一二十%。", "由十十%提高到八十%。"])
def test_malformed_numeral_keeps_no_value(sentence):
    [f] = read(sentence)
    assert (f.value, f.flags) == (None, ["unreadable_number"])
    [row] = quantities.extract(sentence, DocContext(report_year=2023))
    assert row.value is None


@pytest.mark.parametrize("sentence, read_back", [
    ("两项指标分别提高0.4和1.5个百分点。", [(0.4, "percentage_point"), (1.5, "percentage_point")]),
    ("三所学校达标率分别为92.5、95和97.5%。", [(92.5, "percent"), (95, "percent"), (97.5, "percent")]),
    ("2021和2022年均增长6%。", [(6, "percent")]),  # no 分别: years are not figures of the unit
])
def test_numbers_listed_before_a_shared_unit(sentence, read_back):
    assert [(float(f.value), f.unit) for f in read(sentence)] == read_back

