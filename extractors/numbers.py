"""Numbers as written in Chinese reports, parsed exactly with Decimal.

Handles Arabic numerals with any thousands separator (1,234.5 / 1，234，567 / 2 000 /
1'234), Chinese numerals in full (十五点六七, 六十四万零一百四十三, 两千, 二〇二〇) and
their financial forms (壹万贰仟叁佰, 肆佰叁拾萬), and the magnitude words that follow
either (1.3万, 15.67亿). Regex fragments are exported so the percent and money matchers
build on one definition of "a number".
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           # financial forms, written on cheques and in budget tables
           "壹": 1, "贰": 2, "貳": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
           "柒": 7, "捌": 8, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8,
              "k": 1000, "K": 1000, "w": 10**4, "W": 10**4}  # 15k元, 30w元 in informal writing

CN_DIGIT = "".join(_DIGITS)
CN_UNIT = "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
CN_ONE_TO_NINE = "一二两三四五六七八九"  # the everyday digits that count tenths (九成) and pairs (三五百万)

# Thousands separators. A strong one (`,` `，` — mixed alike, as in 233,333，333 —, `'`,
# thin space) groups digits wherever the groups have the thousands shape. A weak one is
# also a list mark (120、150、300万元) or a PDF's spacing: it groups only when the shape
# proves it — a first group shorter than three digits (1、234、567, 2 000) or a later group
# led by 0 (350 000).
_STRONG_SEPARATORS = ("[,，]", "'", "[\u2009\u202f]")
_WEAK_SEPARATORS = ("、", "[ \u00a0]")
_ANY_SEPARATOR = "[,，'\u2009\u202f、 \u00a0]"


def _grouped(s: str, weak: bool) -> str:
    # never from inside a number (1.5，100) nor from the tail of a list (1,2,345); never followed by
    # more digits or separated digits (1,234,56 is not 1,234 then 56)
    before, after = rf"(?<![\d.])(?<!\d{s})", rf"(?!\d|{_ANY_SEPARATOR}\d)"
    if weak:
        return rf"{before}(?:\d{{1,2}}(?:{s}\d{{3}})+|\d{{3}}(?:{s}\d{{3}})*{s}0\d\d(?:{s}\d{{3}})*){after}"
    return rf"{before}\d{{1,3}}(?:{s}\d{{3}})+{after}"


ARABIC = ("(?:" + "|".join([_grouped(s, False) for s in _STRONG_SEPARATORS]
                           + [_grouped(s, True) for s in _WEAK_SEPARATORS]) + r"|\d+)(?:\.\d+)?")
# Chinese: digits and units, optional 点 + digit string. Must start with a digit or 十 so
# that lone 百/千/万 (as in 百分之, 千万) are not read as numbers.
CHINESE = rf"(?:[{CN_DIGIT}十拾][{CN_DIGIT}{CN_UNIT}]*(?:点[{CN_DIGIT}]+)?)"
NUMBER_START = rf"[\d{CN_DIGIT}十拾]"
# The lookahead lets the regex engine skip, at one look, the many places where no number
# starts, instead of trying each separator's lookbehinds there (8x faster on reports).
NUMBER = rf"(?={NUMBER_START})(?:{ARABIC}|{CHINESE})"
_SEPARATOR_RE = re.compile(_ANY_SEPARATOR)


class NumberError(ValueError):
    """A string matched as a number could not be parsed."""


def parse_number(surface: str) -> Decimal:
    """The exact value of one number written in Arabic or Chinese numerals."""
    s = surface.strip()
    if not s:
        raise NumberError("empty number")
    if s[0].isdigit():
        try:
            return Decimal(_SEPARATOR_RE.sub("", s))
        except InvalidOperation as exc:
            raise NumberError(f"not a number: {surface!r}") from exc
    return _parse_chinese(s, surface)


def _parse_chinese(s: str, surface: str) -> Decimal:
    whole, _, frac = s.partition("点")
    value = _parse_chinese_integer(whole, surface) if whole else Decimal(0)
    if frac:
        if any(c not in _DIGITS for c in frac):
            raise NumberError(f"bad decimals in {surface!r}")
        value += Decimal("0." + "".join(str(_DIGITS[c]) for c in frac))
    return value


def _parse_chinese_integer(s: str, surface: str) -> Decimal:
    if any(c not in _DIGITS and c not in _SMALL_UNITS and c not in _BIG_UNITS for c in s):
        raise NumberError(f"not a Chinese number: {surface!r}")
    # Digit strings without units (二〇二〇, 一五) are read positionally.
    if all(c in _DIGITS for c in s):
        return Decimal("".join(str(_DIGITS[c]) for c in s))
    total = section = number = 0
    seen_wan = False  # a second 万 before any 亿 scales the whole (九千万九千万 → ×10^4)
    last_unit = 10**4  # within a section the units fall: 三千五百, never 三百五千 or 十十
    previous = ""
    for c in s:
        if c in _DIGITS:
            # two digits in a row (三五百, 一二十) are not one number; 零 only fills a gap
            if previous in _DIGITS and _DIGITS[previous] and _DIGITS[c]:
                raise NumberError(f"digits run together in {surface!r}")
            number = _DIGITS[c]
        elif c in _SMALL_UNITS:
            if _SMALL_UNITS[c] >= last_unit:
                raise NumberError(f"units out of order in {surface!r}")
            last_unit = _SMALL_UNITS[c]
            # 十五 means 一十五: a unit with no digit before it counts once.
            section += (number or 1) * _SMALL_UNITS[c]
            number = 0
        elif _BIG_UNITS[c] == 10**4:
            last_unit = 10**4
            if seen_wan:
                total = (total + section + number) * 10**4
            else:
                total += (section + number) * 10**4
            section = number = 0
            seen_wan = True
        else:  # 亿 scales everything before it (三万亿)
            last_unit = 10**4
            total = (total + section + number) * 10**8
            section = number = 0
            seen_wan = False
        previous = c
    return Decimal(total + section + number)


def magnitude(words: str) -> Decimal:
    """The multiplier of a run of magnitude words: 万 → 10^4, 千万 → 10^7, 万亿 → 10^12."""
    out = Decimal(1)
    for c in words:
        if c not in MAGNITUDES:
            raise NumberError(f"not a magnitude word: {c!r} in {words!r}")
        out *= MAGNITUDES[c]
    return out


def elided_low_end(low: str, high: str, high_value: Decimal) -> Decimal:
    """The low end of a range whose magnitude words are written once, after the high end
    (3至5万, 二十至三十万, 五至八千万, 一百二十到一百五十万): `high` is the high end as
    written with its magnitude words. A bare digit (五, 3) may borrow all the high end's
    trailing unit words after a lone leading digit (五至八千万 → 五千万); a low end with
    unit words of its own (二十, 一千), or a high end of several digits (一至八百五十万),
    borrows only its 万/亿. The low end takes the longest tail that keeps it below the high
    end; one that already ends in 万/亿, or that no tail fits (九千至一万), stands as written."""
    value = parse_number(low)
    if low[-1] in _BIG_UNITS:
        return value
    units = len(high) - len(high.rstrip(CN_UNIT + "kKwW"))
    if sum(c in _DIGITS for c in high) > 1 or any(c in _SMALL_UNITS for c in low):
        units = len(high) - len(high.rstrip("".join(_BIG_UNITS) + "wW"))
    for n in range(units, 0, -1):
        tail = high[-n:]
        candidate = value * magnitude(_simplified(tail)) if low[0].isdigit() else parse_number(low + tail)
        if candidate <= high_value:
            return candidate
    return value


def _simplified(units: str) -> str:
    return units.translate(str.maketrans("拾佰仟萬億", "十百千万亿"))
