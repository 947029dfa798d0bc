from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.numbers import NumberError, magnitude, parse_number
from tests.extractors.chinese_numerals import to_chinese


@pytest.mark.parametrize("surface, value", [
    ("1,234.5", "1234.5"),
    ("15.67", "15.67"),
    ("十五点六七", "15.67"),
    ("三千", "3000"),
    ("九十五点五", "95.5"),
    ("十", "10"),
    ("一百零五", "105"),
    ("一万二千五百", "12500"),
    ("三亿五千万", "350000000"),
    ("两千", "2000"),
    ("二〇二〇", "2020"),
    ("零点五", "0.5"),
])
def test_parse_number_reads_arabic_and_chinese(surface, value):
    assert parse_number(surface) == Decimal(value)


@pytest.mark.parametrize("words, factor", [("", 1), ("万", 10**4), ("亿", 10**8), ("千万", 10**7), ("万亿", 10**12)])
def test_magnitude_multiplies_its_words(words, factor):
    assert magnitude(words) == factor


@pytest.mark.parametrize("surface", ["", "1.2.3", "三点x", "元"])
def test_parse_number_rejects_non_numbers(surface):
    with pytest.raises(NumberError):
        parse_number(surface)


@given(st.integers(min_value=0, max_value=10**12 - 1), st.text("0123456789", max_size=3))
def test_chinese_numerals_parse_back(integer, decimals):
    value = Decimal(f"{integer}.{decimals}") if decimals else Decimal(integer)
    assert parse_number(to_chinese(value)) == value
    assert parse_number(f"{value:,}") == value


@pytest.mark.parametrize("surface", ["十十", "三百五千", "一二十", "五千六千"])
def test_malformed_chinese_numerals_are_refused(surface):
    with pytest.raises(NumberError):
        parse_number(surface)
