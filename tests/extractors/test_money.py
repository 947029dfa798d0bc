"""Amounts of money in every way reports write them, read back exactly (issue 14).

Sentences are written for these tests in the style of funding reports; each states
its amounts in yuan. A range gives one figure per end; a vague amount gives one figure
spanning value_from…value with qualifier approx."""
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractors import money
from extractors.quantity_words import cues, mask_non_figures
from tests.extractors.chinese_numerals import to_chinese, to_financial


def read(sentence):
    return money.find(mask_non_figures(sentence))


@pytest.mark.parametrize("sentence, values", [
    # thousands separators of every kind
    ("全年教育支出1,234,567元。", ["1234567"]),
    ("全年教育支出1，234，567元。", ["1234567"]),
    ("全年教育支出1、234、567元。", ["1234567"]),
    ("项目投入 2 000 万元。", ["20000000"]),
    ("项目投入12 500元。", ["12500"]),
    ("项目投入350 000元。", ["350000"]),
    ("项目投入1'250'000元。", ["1250000"]),
    ("项目投入3\u2009500\u2009000元。", ["3500000"]),
    ("项目投入12\u00a0300元。", ["12300"]),
    ("生均拨款2,927.07元。", ["2927.07"]),
    ("全省教育经费233,333，333,434.34元。", ["233333333434.34"]),
    ("累计投入1,234.5万元。", ["12345000"]),
    # a list of numbers is not one number
    ("三所学校分别获得1，2，300万元。", ["3000000"]),
    ("三校分别补助120、150、300万元。", ["3000000"]),
    ("经费增长1.5，100万元用于校舍改造。", ["1000000"]),
    # Chinese numerals in full
    ("下拨资金三千万元。", ["30000000"]),
    ("下拨资金两千万元。", ["20000000"]),
    ("下拨资金两亿元。", ["200000000"]),
    ("下拨资金一亿零五百万元。", ["105000000"]),
    ("下拨资金十五点六七亿元。", ["1567000000"]),
    ("下拨资金三亿五千万元。", ["350000000"]),
    ("补助资金六十四万零一百四十三元一角七分。", ["640143.17"]),
    ("补助标准为每生每月一百二十元五角。", ["120.5"]),
    ("补助标准为每生每天三元零五分。", ["3.05"]),
    ("每人发放五百块钱。", ["500"]),
    ("每人补贴十块三毛。", ["10.3"]),
    ("人均花费一百三十五块六角七分钱。", ["135.67"]),
    # financial numerals, 圆 and 整
    ("合同金额壹万贰仟叁佰肆拾伍元。", ["12345"]),
    ("合同金额壹万二千三百四十五元。", ["12345"]),
    ("中标价肆佰叁拾萬圆整。", ["4300000"]),
    ("中标价玖仟捌佰柒拾陆元伍角肆分。", ["9876.54"]),
    ("中标价贰拾億圆整。", ["2000000000"]),
    ("中标价壹佰零捌万元整。", ["1080000"]),
    # 人民币 before or after
    ("共投入人民币5000万元。", ["50000000"]),
    ("共投入5000万元人民币。", ["50000000"]),
    ("共投入5000万人民币。", ["50000000"]),
    # magnitudes after Arabic numerals
    ("下达资金2000千元。", ["2000000"]),
    ("总投资2.33亿元。", ["233000000"]),
    ("总投资0.5万元。", ["5000"]),
    # ranges: the low end takes the high end's magnitude
    ("每校补助3至5万元。", ["30000", "50000"]),
    ("每校补助二十至三十万元。", ["200000", "300000"]),
    ("每校补助一百二十到一百五十万元。", ["1200000", "1500000"]),
    ("每校补助五至八千万元。", ["50000000", "80000000"]),
    ("每校补助三到五百万元。", ["3000000", "5000000"]),
    ("每校补助九千至一万元。", ["9000", "10000"]),
    ("每校补助1万(含)-5万元。", ["10000", "50000"]),
    ("每校补助1万（含）至5万元。", ["10000", "50000"]),
    ("每校补助1.5～2亿元。", ["150000000", "200000000"]),
    ("每校补助3000至5万元。", ["3000", "50000"]),
    ("每校补助1万元--5万元。", ["10000", "50000"]),
    ("每校补助一千到两千万元。", ["10000000", "20000000"]),
    ("每校补助十八至三十万元。", ["180000", "300000"]),
    ("每校补助一至八百五十万元。", ["10000", "8500000"]),
    ("每校补助两~3百元。", ["200", "300"]),
    ("月薪10~15k元。", ["10000", "15000"]),
    # 亿 counted like a thing, as news and speeches say it
    ("近三年全县教育投入3.5个亿。", ["350000000"]),
    ("新建学校花了两个亿元。", ["200000000"]),
    ("引进5个亿万级项目。", []),
])
def test_amount_reads_back_exactly(sentence, values):
    assert [f.value for f in read(sentence)] == [Decimal(v) for v in values]


@pytest.mark.parametrize("sentence, low, high", [
    ("带动社会投资数十亿元。", "1000000000", "9000000000"),
    ("带动社会投资上百万元。", "1000000", "9000000"),
    ("带动社会投资几千万元。", "10000000", "90000000"),
    ("带动社会投资数万元。", "10000", "90000"),
    ("带动社会投资十几万元。", "110000", "190000"),
    ("带动社会投资二十几亿元。", "2100000000", "2900000000"),
    ("带动社会投资三五百万元。", "3000000", "5000000"),
    ("人均花费四五千块钱。", "4000", "5000"),
])
def test_vague_amount_is_an_approx_range_never_exact(sentence, low, high):
    [f] = read(sentence)
    assert (f.value_from, f.value, f.qualifier, f.flags) == (Decimal(low), Decimal(high), "approx", ["vague"])


@pytest.mark.parametrize("sentence, qualifier", [
    ("近年累计投入十多个亿。", "over"),
    ("约3至5万元。", "approx"),
    ("3至5万元左右。", "approx"),
    ("给予最高5元/平方米的租金补助。", "at_most"),
    ("补助不超过2000元。", "at_most"),
    ("教育经费跃上1000亿元大关。", "over"),
    ("投入800余万元。", "over"),
    ("单笔50万元（含）以上须审批。", "over"),
    ("至少九千块钱以上。", "at_least"),
])
def test_qualifier_of_an_amount(sentence, qualifier):
    assert {f.qualifier for f in read(sentence)} == {qualifier}


@pytest.mark.parametrize("sentence, value, qualifier", [
    ("全年投入近千万元。", 10**7, "approx"),
    ("总投资超亿元。", 10**8, "over"),
    ("筹措资金逾百万元。", 10**6, "over"),
])
def test_round_magnitude_with_a_qualifier(sentence, value, qualifier):
    [f] = read(sentence)
    assert (f.value, f.qualifier) == (value, qualifier)


@pytest.mark.parametrize("sentence, direction", [
    ("经费比上年增加1.2亿元。", "up"),
    ("经费比上年减少了3000万元。", "down"),
    ("经费为1.2亿元。", None),
])
def test_direction_of_an_amount(sentence, direction):
    [f] = read(sentence)
    assert f.direction == direction


@pytest.mark.parametrize("sentence", [
    "两地呈“二元”格局。",
    "推进办学主体多元化。",
    "三年圆梦,学校圆满完成任务。",
    "挂两块牌子,划一块地。",
    "新建篮球场2块,足球场1块。",
    "经费十五点六七亿元。",  # 六七 inside a numeral is not a vague 六七亿
    "督查组走访了三元区、三元桥小学和三元里社区。",  # place names: a division or address word after 元
    "一元复始,万象更新。",
])
def test_words_with_yuan_are_not_amounts(sentence):
    assert [f.flags for f in read(sentence) if "vague" in f.flags or f.value in (1, 2)] == []


def test_amount_beyond_any_education_figure_keeps_no_value():
    """A year glued to the amount (2010年 written without 年) is flagged, not guessed."""
    [f, g] = read("经费从2015380亿元增加到512.6亿元。")
    assert (f.value, f.flags) == (None, ["implausible_amount"])
    assert g.value == Decimal("51260000000")


# --- round trips --------------------------------------------------------------------

yuan = st.integers(min_value=1, max_value=10**12 - 1)
STRONG_SEPARATORS = [",", "'", "\u2009"]
WEAK_SEPARATORS = ["，", "、", " "]  # also list marks: they group only a proven shape


@settings(max_examples=150, deadline=None)
@given(yuan, st.sampled_from(STRONG_SEPARATORS + WEAK_SEPARATORS))
def test_any_grouped_amount_reads_back(value, sep):
    surface = f"{value:,}".replace(",", sep)
    assume(sep in STRONG_SEPARATORS or len(surface.split(sep)[0]) < 3)
    [f] = read(f"全区投入{surface}元用于学校建设。")
    assert f.value == value


@settings(max_examples=150, deadline=None)
@given(yuan, st.integers(min_value=0, max_value=99), st.booleans())
def test_any_amount_in_financial_numerals_reads_back(whole, cents, with_zheng):
    jiao, fen = divmod(cents, 10)
    surface = to_financial(whole) + "元"
    surface += (to_financial(jiao) + "角" if jiao else "") + (to_financial(fen) + "分" if fen else "")
    surface += "整" if with_zheng and not cents else ""
    [f] = read(f"合同金额{surface},已支付。")
    assert f.value == whole + Decimal(cents) / 100


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999),
       st.sampled_from(["万", "亿"]), st.booleans())
def test_any_range_reads_both_ends_in_the_high_ends_magnitude(a, b, unit, chinese):
    low, high = sorted((a, b))
    # a lone digit before a high end of one digit and units (一至五百万) borrows them all
    # (一百万), as 五至八千万 reads 五千万: that shape is in the table above
    assume(not (chinese and low < 10 and len(str(high).rstrip("0")) == 1))
    write = (lambda n: to_chinese(Decimal(n))) if chinese else str
    found = read(f"每校补助{write(low)}至{write(high)}{unit}元。")
    scale = 10**4 if unit == "万" else 10**8
    assert [f.value for f in found] == [low * scale, high * scale]


def test_ceiling_is_above_any_real_figure():
    # 2023 national education spending was about 6.5e12 yuan
    assert cues()["money_ceiling_yuan"] >= Decimal("1e13")


def test_the_national_gdp_a_bulletin_quotes_is_read():
    [f] = read("2022年全国国内生产总值为1210207亿元。")
    assert (f.value, f.flags) == (Decimal("121020700000000"), [])


@pytest.mark.parametrize("sentence", ["补助三百五千元。", "补助十十万元。", "补助3至十十万元。"])
def test_malformed_numeral_keeps_no_value(sentence):
    """Units out of order or digits run together: a flag and no value, never a guess."""
    [f] = read(sentence)
    assert (f.value, f.flags) == (None, ["unreadable_number"])


@pytest.mark.parametrize("sentence, values", [
    # 元 left unsaid after a magnitude, in a sentence about money
    ("全县教育经费总投入为2.15亿元,比上年的1.98亿增长8.59%。", ["215000000", "198000000"]),
    ("其中,财政性教育经费为6120万比去年5870万增长4.26%。", ["61200000", "58700000"]),
    ("校舍维修专项资金820万,已全部拨付。", ["8200000"]),
    # after the year it is for, in a sentence of 其中 telling the parts of the money before it
    ("近三年全县教育投入累计9.6亿元。其中,2021年2.9亿、2022年3.2亿,2023年预计3.5亿。",
     ["960000000", "290000000", "320000000", "350000000"]),
])
def test_an_amount_whose_yuan_is_left_unsaid(sentence, values):
    assert [f.value for f in read(sentence)] == [Decimal(v) for v in values]


@pytest.mark.parametrize("sentence, values", [
    ("全县在校生为12.6万,比上年增加0.3万人。", []),  # no money named before it
    ("教育经费投入惠及学生达3.2万人。", []),  # a count
    ("全县常住人口为45万,教育经费总投入3亿元。", ["300000000"]),  # money named only after it
    ("全县教育经费投入3亿元。其中,2022年1.2万、2023年1.5万学生受益。", ["300000000"]),  # counts after 其中
    ("2022年1.2万、2023年1.5万学生参加课后服务。", []),  # a year alone names no money
])
def test_a_magnitude_without_yuan_outside_money_is_no_amount(sentence, values):
    assert [f.value for f in read(sentence)] == [Decimal(v) for v in values]


def test_yuan_unsaid_after_a_spending_verb_with_le():
    assert [f.value for f in read("县财政教育经费当年仅校舍维修一项就支出了1200万。")] == [Decimal("12000000")]


def test_a_numeral_amount_before_a_fare_is_still_money():
    [f] = read("每名学生补助十元路费。")
    assert f.value == 10
