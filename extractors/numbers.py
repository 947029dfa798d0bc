"""Numbers as written in Chinese reports, parsed exactly with Decimal.

Handles Arabic numerals (1,234.5), Chinese numerals (十五点六七, 三千, 一万二千五百,
二〇二〇) and the magnitude words that follow either (1.3万, 15.67亿). Regex fragments
are exported so the percent and money matchers build on one definition of "a number".
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}

_CN_DIGIT = "零〇一二两三四五六七八九"
# Arabic: thousands groups with commas, or plain digits; optional decimals.
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Chinese: digits and units, optional 点 + digit string. Must contain a digit or 十 so
# that lone 百/千/万 (as in 百分之, 千万) are not read as numbers.
CHINESE = rf"(?:[{_CN_DIGIT}十][{_CN_DIGIT}十百千万亿]*(?:点[{_CN_DIGIT}]+)?)"
NUMBER = rf"(?:{ARABIC}|{CHINESE})"


class NumberError(ValueError):
    """A string matched as a number could not be parsed."""


def parse_number(surface: str) -> Decimal:
    """The exact value of one number written in Arabic or Chinese numerals."""
    s = surface.strip().replace(",", "").replace("，", "")
    if not s:
        raise NumberError("empty number")
    if s[0].isdigit():
        try:
            return Decimal(s)
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
    for c in s:
        if c in _DIGITS:
            number = _DIGITS[c]
        elif c in _SMALL_UNITS:
            # 十五 means 一十五: a unit with no digit before it counts once.
            section += (number or 1) * _SMALL_UNITS[c]
            number = 0
        elif c == "万":
            if seen_wan:
                total = (total + section + number) * 10**4
            else:
                total += (section + number) * 10**4
            section = number = 0
            seen_wan = True
        else:  # 亿 scales everything before it (三万亿)
            total = (total + section + number) * 10**8
            section = number = 0
            seen_wan = False
    return Decimal(total + section + number)


def magnitude(words: str) -> Decimal:
    """The multiplier of a run of magnitude words: 万 → 10^4, 千万 → 10^7, 万亿 → 10^12."""
    out = Decimal(1)
    for c in words:
        if c not in MAGNITUDES:
            raise NumberError(f"not a magnitude word: {c!r} in {words!r}")
        out *= MAGNITUDES[c]
    return out
