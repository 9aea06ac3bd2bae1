"""데모의 글(캡션·제목·설명·값 표시)에 들어가는 숫자와 조사: 모든 데모가 같은 모양으로 쓴다."""
from __future__ import annotations

MINUS = "\u2212"
"""음수 부호: 하이픈(-) 대신 U+2212(−). matplotlib 눈금 글자와 같아서 그림과 캡션의 숫자가 같은 모양이다."""


def num(value: float, spec: str = "g") -> str:
    """그림·설명용 숫자(``spec``은 format 규격). 음수 부호는 :data:`MINUS`, −0(예: (−2)×0)은 0으로."""
    return format(float(value) + 0.0, spec).replace("-", MINUS)


def with_ro(number: str) -> str:
    """숫자 뒤에 조사 '로/으로'를 붙인다: 받침이 ㄹ이 아닌 숫자(0 영, 3 삼, 6 육)로 끝나면 '으로'."""
    return number + ("으로" if number[-1:] in "036" else "로")
