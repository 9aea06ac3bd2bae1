"""글에 쓰는 숫자(dlkit.words): 마이너스 기호, × 10ⁿ 표기, 비율, 조사. 잘못된 입력은 한국어 오류."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlkit import words
from dlkit._checks import InputTypeError, InputValueError
from helpers import assert_korean_error


def test_num_writes_negative_numbers_with_the_minus_sign():
    assert words.num(-1.5) == "\u22121.5"
    assert words.num(-2.449, ".2f") == "\u22122.45"
    # 대조군: format만 쓰면 하이픈이다
    assert format(-1.5, "g") == "-1.5" != words.num(-1.5)


def test_num_never_writes_a_negative_zero():
    """(−2)×0 = −0.0이나 반올림하면 0인 작은 음수를 '−0'으로 쓰지 않는다."""
    assert words.num(-0.0) == "0"
    assert words.num(-0.0001, ".2f") == "0.00"
    assert words.num(-0.001, ".0%") == "0%" and words.num(-0.001, "6.2f") == "  0.00"
    assert words.num(-0.006, ".2f") == "\u22120.01"   # 대조군: 반올림해도 0이 아니면 부호가 남는다
    assert format(-0.0001, ".2f") == "-0.00"           # 대조군: format은 −0을 남긴다


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_num_reads_back_to_the_formatted_value(x):
    text = words.num(x, ".4g")
    assert "-" not in text
    assert float(text.replace("\u2212", "-")) == pytest.approx(float(format(x, ".4g")), abs=0)


@pytest.mark.parametrize(("value", "digits", "text"), [
    (9.5367e-07, 3, "9.54 × 10⁻⁷"),
    (9.77e-04, 3, "9.77 × 10⁻⁴"),
    (5.1e-05, 2, "5.1 × 10⁻⁵"),
    (-3.2e12, 2, "\u22123.2 × 10¹²"),
    (4.2, 2, "4.2"),
    (0.0, 3, "0"),
])
def test_sci_writes_powers_of_ten_as_superscripts(value, digits, text):
    assert words.sci(value, digits) == text


@given(st.floats(min_value=1e-300, max_value=1e300) | st.floats(min_value=-1e300, max_value=-1e-300))
def test_sci_reads_back_to_three_significant_digits(x):
    text = words.sci(x)
    assert "e" not in text and "-" not in text
    mantissa, _, power = text.partition(" × 10")
    exponent = int(power.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")) or 0)
    back = float(mantissa.replace("\u2212", "-")) * 10.0 ** exponent
    assert math.isclose(back, float(f"{x:.2e}"), rel_tol=1e-9)


@pytest.mark.parametrize("value, text", [
    (0.012345, "0.0123"), (-2.5, "\u22122.5"), (123.456, "123"), (1.2345e-05, "1.23 × 10⁻⁵"),
    (0.0001, "0.0001"), (1234.5, "1.23 × 10³"),
])
def test_sig_is_plain_unless_g_would_write_an_e(value, text):
    assert words.sig(value) == text
    assert "e" in format(value, ".3g") or words.sig(value) == words.num(value, ".3g")


def test_sig_rejects_bad_input_in_korean():
    with pytest.raises(InputValueError, match="digits"):
        words.sig(0.1, digits=0)
    with pytest.raises(InputValueError, match="value"):
        words.sig(float("nan"))


def test_percent_and_its_particle():
    assert words.percent(0.2249) == "22 %" and words.percent_to(0.2249) == "22 %로"
    assert words.percent(0.004) == "1 % 미만" and words.percent_to(0.004) == "1 % 미만으로"
    assert words.percent(0.0) == "0 %"   # 정말 0이면 0 %
    # 대조군: 그냥 반올림하면 0.4 %는 '0 %'(전혀 없다)로 읽힌다
    assert f"{0.004 * 100:.0f} %" == "0 %" != words.percent(0.004)


@pytest.mark.parametrize(("number", "expected"), [
    ("0", "0으로"), ("3", "3으로"), ("0.6", "0.6으로"), ("1", "1로"), ("2", "2로"), ("0.05", "0.05로"),
    ("\u22127", "\u22127로"), ("1,000", "1,000으로"),
])
def test_with_ro_follows_how_the_last_digit_is_read(number, expected):
    assert words.with_ro(number) == expected


@pytest.mark.parametrize(("call", "error", "argname"), [
    (lambda: words.num(float("nan")), InputValueError, "value"),
    (lambda: words.num("1.5"), InputTypeError, "value"),
    (lambda: words.sci(float("inf")), InputValueError, "value"),
    (lambda: words.sci(1e-7, digits=0), InputValueError, "digits"),
    (lambda: words.percent(-0.1), InputValueError, "share"),
    (lambda: words.percent(float("nan")), InputValueError, "share"),
    (lambda: words.with_ro("10⁻⁷"), InputValueError, "number"),
    (lambda: words.with_ro("22 %"), InputValueError, "number"),
    (lambda: words.with_ro(3), InputValueError, "number"),
])
def test_bad_input_gets_a_korean_error(call, error, argname):
    assert_korean_error(call, error, argname)
