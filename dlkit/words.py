"""글에 들어가는 숫자와 조사: 본문(glue), 그림 글자, 데모 캡션이 같은 모양으로 쓴다.

- 음수 부호는 하이픈(-) 대신 U+2212(−): matplotlib 눈금 글자, MathJax의 $-2$와 같은 모양.
- 아주 작은 수는 ``9.54e-07`` 대신 ``9.54 × 10⁻⁷``.
- 비율은 ``22 %``(숫자와 % 사이 한 칸, 1 % 아래는 ``1 % 미만``).
- 숫자 뒤 조사 '로/으로'는 숫자를 읽는 소리의 받침으로 고른다.
"""
from __future__ import annotations

from dlkit._checks import (
    InputValueError, check_finite_float, check_int, check_nonnegative_float,
)

MINUS = "\u2212"
"""음수 부호(U+2212). 하이픈보다 길고 숫자와 높이가 맞는다."""

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def num(value: float, spec: str = "g") -> str:
    """숫자를 글로(``spec``은 format 규격). 음수 부호는 :data:`MINUS`, −0(예: (−2)×0)은 0으로.

    >>> num(-1.5)
    '\u22121.5'
    >>> num(-0.0001, ".2f")
    '0.00'
    """
    v = check_finite_float(value, "value", example=-1.5)
    text = format(v + 0.0, spec)
    core = text.strip().lstrip("-").rstrip("%")
    if "-" in text and core.strip("0.,") == "":
        # -0.00, -0%처럼 반올림하면 0인 음수: 부호를 빼되, 폭을 맞춘 글(' -0.00')이면 빈칸으로 폭을 지킨다
        text = text.replace("-", " " if text[:1].isspace() else "", 1)
    return text.replace("-", MINUS)


def sci(value: float, digits: int = 3) -> str:
    """과학 표기를 글로: 유효숫자 ``digits``자리, ``9.54 × 10⁻⁷``처럼(지수가 0이면 가수만).

    >>> sci(9.5367e-07)
    '9.54 × 10⁻⁷'
    """
    v = check_finite_float(value, "value", example=9.54e-07)
    digits = check_int(digits, "digits", minimum=1, maximum=17, example=3)
    if v == 0:
        return "0"
    mantissa, exponent = format(v, f".{digits - 1}e").split("e")
    power = int(exponent)
    if power == 0:
        return num(float(mantissa), f".{digits - 1}f")
    return f"{num(float(mantissa), f'.{digits - 1}f')} × 10{str(power).translate(_SUPERSCRIPT)}"


def sig(value: float, digits: int = 3) -> str:
    """유효숫자 ``digits``자리를 글로: 보통은 소수(``0.0123``), ``format(.3g)``가 e 표기를 쓸 만큼 작거나 큰 수만
    :func:`sci`(``1.23 × 10⁻⁵``). 그림 제목과 캡션이 같은 값을 같은 모양으로 적는다.

    >>> sig(0.012345), sig(1.2345e-05)
    ('0.0123', '1.23 × 10⁻⁵')
    """
    digits = check_int(digits, "digits", minimum=1, maximum=17, example=3)
    text = num(value, f".{digits}g")
    return sci(value, digits) if "e" in text else text


def percent(share: float) -> str:
    """비율(0.22)을 '22 %'처럼. 0보다 크고 1 % 아래면 '1 % 미만'(0 %로 적으면 '전혀 없다'로 읽힌다)."""
    v = check_nonnegative_float(share, "share", example=0.22)
    return f"{v * 100:.0f} %" if v >= 0.01 or v == 0 else "1 % 미만"


def percent_to(share: float) -> str:
    """비율 뒤에 조사 '로/으로'를 붙여: '22 %로', '1 % 미만으로'."""
    text = percent(share)
    return text + ("으로" if text.endswith("미만") else "로")


def with_ro(number: str) -> str:
    """숫자 뒤에 조사 '로/으로'를 붙인다: 받침이 ㄹ이 아닌 숫자(0 영, 3 삼, 6 육)로 끝나면 '으로'.

    끝 글자가 숫자가 아니면(예: 위 첨자 ⁷, '%') 분명하지 않으므로 오류를 낸다.
    """
    if not isinstance(number, str) or not number[-1:].isdecimal() or not number[-1:].isascii():
        raise InputValueError(f"number는 숫자(0-9)로 끝나는 글이어야 합니다. 받은 값: {number!r} (예: number='0.3')")
    return number + ("으로" if number[-1] in "036" else "로")
