"""입력 검사와 난수 생성기 변환을 한곳에 모은 내부 도우미.

잘못된 입력은 조용한 NaN이나 numpy 내부 오류 대신, 무엇이 잘못되었고
무엇을 넘겨야 하는지를 한국어로 알려 주는 ``ValueError``/``TypeError``가 된다.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

def _josa(name: str) -> str:
    """인자 이름 뒤에 붙일 조사(은/는)를 고른다(받침 소리로 끝나는 이름만 '은')."""
    return "은" if name in {"lr", "momentum", "num_inputs", "name", "activation"} else "는"


def _fmt(value: Any) -> str:
    """오류 메시지에 넣을 값을 짧게 표현한다."""
    if isinstance(value, np.ndarray):
        return f"shape {value.shape}, dtype {value.dtype}인 배열"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_rng(rng: Any = None) -> np.random.Generator:
    """``rng`` 인자를 ``np.random.Generator``로 바꾼다.

    Parameters
    ----------
    rng : None, int 또는 np.random.Generator
        ``None``이면 시드 없는 새 생성기, 정수면 그 시드로 만든 새 생성기,
        ``Generator``면 그대로 사용한다(연속 호출은 같은 난수 흐름을 이어 간다).
    """
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (bool, np.bool_)) or not isinstance(rng, numbers.Integral) or rng < 0:
        raise TypeError(
            "rng는 None, 0 이상의 정수 시드, 또는 np.random.Generator여야 합니다. "
            f"받은 값: {_fmt(rng)} (예: rng=0 또는 rng=np.random.default_rng(0))"
        )
    return np.random.default_rng(int(rng))


def check_int(value: Any, name: str, *, minimum: int = 1, example: int = 10) -> int:
    """``value``가 ``minimum`` 이상의 정수(bool 제외)인지 확인하고 int로 돌려준다."""
    is_int = isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))
    if not is_int or value < minimum:
        error = ValueError if is_int else TypeError
        raise error(
            f"{name}{_josa(name)} {minimum} 이상의 정수여야 합니다. "
            f"받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return int(value)


def check_positive_float(value: Any, name: str, *, example: float = 0.03) -> float:
    """``value``가 0보다 큰 유한한 실수인지 확인한다(학습률, eps 등)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name}{_josa(name)} 0보다 큰 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    if not math.isfinite(value) or value <= 0:
        raise ValueError(
            f"{name}{_josa(name)} 0보다 큰 유한한 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return float(value)


def check_unit_interval(value: Any, name: str, *, example: float = 0.9) -> float:
    """``value``가 구간 [0, 1)의 실수인지 확인한다(momentum 계수, alpha, beta 등)."""
    ok = (isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
          and math.isfinite(value) and 0 <= value < 1)
    if not ok:
        raise ValueError(
            f"{name}{_josa(name)} 0 이상 1 미만의 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return float(value)


def check_nonnegative_float(value: Any, name: str, *, example: float = 0.9) -> float:
    """``value``가 0 이상의 유한한 실수인지 확인한다."""
    ok = (isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
          and math.isfinite(value) and value >= 0)
    if not ok:
        raise ValueError(
            f"{name}{_josa(name)} 0 이상의 유한한 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return float(value)


def check_params(params: Any) -> list[np.ndarray]:
    """옵티마이저에 넘긴 ``params``가 실수(float) numpy 배열의 리스트인지 확인한다."""
    if isinstance(params, np.ndarray) or not isinstance(params, Iterable):
        raise TypeError(
            "params는 numpy 실수 배열의 리스트여야 합니다. "
            f"받은 값: {_fmt(params)} (예: params=net.parameters() 또는 params=[w, b])"
        )
    params = list(params)
    if not params:
        raise ValueError("params가 비어 있습니다. 갱신할 배열을 하나 이상 넘기세요 (예: params=[w, b])")
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or not np.issubdtype(p.dtype, np.floating):
            raise TypeError(
                f"params[{i}]는 실수(float) numpy 배열이어야 제자리(in place)에서 갱신할 수 있습니다. "
                f"받은 값: {_fmt(p)} (예: np.zeros(2, dtype=np.float64))"
            )
    return params


def check_grads(grads: Any, params: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``grads``의 개수와 shape가 ``params``와 같은지 확인하고, 각 매개변수의 dtype으로 바꾼다."""
    if isinstance(grads, np.ndarray) or not isinstance(grads, Iterable):
        raise TypeError(
            "grads는 params와 같은 순서의 배열 리스트여야 합니다. "
            f"받은 값: {_fmt(grads)} (예: opt.step([grad_w, grad_b]))"
        )
    grads = list(grads)
    if len(grads) != len(params):
        raise ValueError(
            f"grads의 개수({len(grads)})가 params의 개수({len(params)})와 다릅니다. "
            "params와 같은 순서로 기울기를 하나씩 넘기세요 (예: opt.step(net.backward(grad_y_hat)))"
        )
    out = []
    for i, (g, p) in enumerate(zip(grads, params)):
        g = np.asarray(g, dtype=p.dtype)
        if g.shape != p.shape:
            raise ValueError(
                f"grads[{i}]의 shape {g.shape}가 params[{i}]의 shape {p.shape}와 다릅니다. "
                "각 기울기는 해당 매개변수와 같은 shape여야 합니다."
            )
        out.append(g)
    return out


def as_float_array(value: Any, name: str) -> np.ndarray:
    """``value``를 float64 배열로 바꾸되, 숫자가 아니면 한국어 오류를 낸다."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name}{_josa(name)} 숫자 배열이어야 합니다. 받은 값: {_fmt(value)} (예: {name}=np.array([[1.0, 2.0]]))"
        ) from None
    return arr


def check_Xy(X: Any, y: Any, *, finite: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """학습 데이터 ``X``, ``y``를 2차원 float 배열로 정리하고 검사한다.

    ``X``가 1차원이면 특성 하나짜리 ``(n, 1)``로, ``y``가 1차원이면 ``(n, 1)``로 바꾼다.
    """
    X = X if isinstance(X, np.ndarray) and X.dtype.kind == "f" else as_float_array(X, "X")
    y = y if isinstance(y, np.ndarray) and y.dtype.kind == "f" else as_float_array(y, "y")
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    if X.ndim != 2 or y.ndim != 2:
        raise ValueError(
            f"X와 y는 (예제 수, 특성 수) 모양의 2차원 배열이어야 합니다. 받은 shape: X {X.shape}, y {y.shape} "
            "(예: X.shape == (1000, 2), y.shape == (1000, 1))"
        )
    if len(X) == 0:
        raise ValueError("X가 비어 있습니다(예제 0개). 예제가 하나 이상 있는 데이터를 넘기세요.")
    if len(X) != len(y):
        raise ValueError(
            f"X와 y의 예제 수가 다릅니다: X는 {len(X)}개, y는 {len(y)}개입니다. "
            "같은 예제 수의 X와 y를 넘기세요 (예: X.shape == (1000, 2), y.shape == (1000, 1))"
        )
    if finite:
        for arr, name in ((X, "X"), (y, "y")):
            if not np.isfinite(arr).all():
                raise ValueError(
                    f"{name}에 NaN 또는 무한대(inf) 값이 {int((~np.isfinite(arr)).sum())}개 있습니다. "
                    f"학습 전에 {name}의 결측값이나 무한대 값을 제거하거나 바꾸세요."
                )
    return X, y


def check_name(name: Any, valid: Mapping[str, Any], kind: str, argname: str) -> str:
    """``name``이 ``valid``의 키 중 하나인지 확인한다(활성화 함수, 손실 지형 이름 등)."""
    if not isinstance(name, str) or name not in valid:
        names = ", ".join(repr(k) for k in valid)
        raise ValueError(
            f"알 수 없는 {kind} 이름입니다: {argname}={_fmt(name)}. 다음 중 하나를 넘기세요: {names}"
        )
    return name
