"""Writing numbers in Chinese numerals, for round-trip tests of the parsers."""
from decimal import Decimal

DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 as 一千零五, 三百二十."""
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d, n = divmod(n, size)
        if d:
            if zero and out:
                out += "零"
            out += DIGITS[d] + unit
            zero = False
        else:
            zero = True
    return out


def to_chinese(value: Decimal) -> str:
    sign, digits, exp = value.as_tuple()
    text = format(value, "f")
    whole, _, frac = text.partition(".")
    n = int(whole)
    if n == 0:
        out = "零"
    else:
        parts = []
        for unit, size in (("亿", 10**8), ("万", 10**4), ("", 1)):
            d, n = divmod(n, size)
            parts.append((d, unit))
        out, gap = "", False
        for d, unit in parts:
            if d:
                if out and (gap or d < 1000):
                    out += "零"
                out += _section(d) + unit
                gap = False
            elif out:
                gap = True
    if frac:
        out += "点" + "".join(DIGITS[int(c)] for c in frac)
    return out


FINANCIAL = str.maketrans("一二三四五六七八九十百千万亿", "壹贰叁肆伍陆柒捌玖拾佰仟萬億")


def to_financial(value: int) -> str:
    """`value` in the financial numerals of cheques and contracts: 壹万贰仟叁佰肆拾伍."""
    return to_chinese(Decimal(value)).translate(FINANCIAL)
