"""입력 검사와 난수 생성기 변환을 한곳에 모은 내부 도우미.

잘못된 입력은 조용한 NaN이나 numpy 내부 오류 대신, 무엇이 잘못되었고
무엇을 넘겨야 하는지를 한국어로 알려 주는 오류가 된다. dlkit이 내는 오류는 모두
:class:`InputValueError` (``ValueError``의 하위 클래스) 또는 :class:`InputTypeError`
(``TypeError``의 하위 클래스)이므로, ``except ValueError``처럼 잡던 코드도 그대로 동작한다.
모든 공개 함수는 불리는 즉시 인자를 검사한다(생성기도 만들기 전에 검사한다).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np


class InputValueError(ValueError):
    """dlkit 함수에 잘못된 값(범위, shape, NaN/inf, 비어 있음)을 넘겼을 때의 한국어 오류."""


class InputTypeError(TypeError):
    """dlkit 함수에 잘못된 종류(문자열, None, 클래스 등)의 인자를 넘겼을 때의 한국어 오류."""


class NonFiniteStepError(InputValueError):
    """옵티마이저의 한 번 갱신으로 매개변수가 NaN 또는 무한대(inf)가 되었을 때의 오류.

    대개 학습률이 너무 크다는 뜻이다. :func:`dlkit.train`과 :func:`dlkit.optimize_path`는 이 오류를
    발산(diverged)으로 기록하고 멈춘다.
    """


# --- 조사(은/는, 이/가) ----------------------------------------------------------

_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                    "6": True, "7": True, "8": True, "9": False}
# 영어 인자 이름을 한국어로 읽을 때 받침으로 끝나는 것들(lr = 엘알, net = 넷, y_hat = 와이햇 ...)
_FINAL_CONSONANT_NAMES = {"lr", "net", "y_hat", "grad_y_hat", "num_inputs", "x0", "name", "activation"}


def _has_final_consonant(name: str) -> bool:
    """이름을 소리 내어 읽을 때 받침으로 끝나는지(조사 고르기용 어림)."""
    base = name.rstrip("]")
    if name in _FINAL_CONSONANT_NAMES:
        return True
    last = base[-1:] if base else ""
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    if last.isdigit():
        return _DIGIT_HAS_FINAL[last]
    return last.lower() in {"m", "n", "l"}


def _josa(name: str) -> str:
    """인자 이름 뒤에 붙일 조사(은/는)."""
    return "은" if _has_final_consonant(name) else "는"


def _iga(name: str) -> str:
    """인자 이름 뒤에 붙일 조사(이/가)."""
    return "이" if _has_final_consonant(name) else "가"


def _fmt(value: Any) -> str:
    """오류 메시지에 넣을 값을 짧게 표현한다."""
    if isinstance(value, np.ndarray):
        return f"shape {value.shape}, dtype {value.dtype}인 배열"
    if isinstance(value, type):
        return f"클래스 {value.__name__}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_bool(value: Any) -> bool:
    return isinstance(value, (bool, np.bool_))


def _is_real(value: Any) -> bool:
    """bool이 아닌 실수(파이썬 int/float, numpy 정수·실수 스칼라)인지."""
    return isinstance(value, numbers.Real) and not _is_bool(value)


# --- 난수, 정수, 실수, 참거짓 ----------------------------------------------------

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
    if _is_bool(rng) or not isinstance(rng, numbers.Integral) or rng < 0:
        raise InputTypeError(
            "rng는 None, 0 이상의 정수 시드, 또는 np.random.Generator여야 합니다. "
            f"받은 값: {_fmt(rng)} (예: rng=0 또는 rng=np.random.default_rng(0))"
        )
    return np.random.default_rng(int(rng))


def check_int(value: Any, name: str, *, minimum: int = 1, maximum: int | None = None,
              example: int = 10) -> int:
    """``value``가 ``minimum`` 이상(``maximum`` 이하)의 정수(bool 제외)인지 확인하고 int로 돌려준다."""
    is_int = isinstance(value, numbers.Integral) and not _is_bool(value)
    if not is_int or value < minimum:
        error = InputValueError if is_int else InputTypeError
        raise error(
            f"{name}{_josa(name)} {minimum} 이상의 정수여야 합니다. "
            f"받은 값: {_fmt(value)} (예: {name}={example})"
        )
    if maximum is not None and value > maximum:
        raise InputValueError(
            f"{name}{_josa(name)} {minimum} 이상 {maximum} 이하의 정수여야 합니다. "
            f"받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return int(value)


def check_positive_float(value: Any, name: str, *, example: float = 0.03) -> float:
    """``value``가 0보다 큰 유한한 실수인지 확인한다(학습률, eps 등)."""
    if not _is_real(value):
        raise InputTypeError(
            f"{name}{_josa(name)} 0보다 큰 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    if not math.isfinite(value) or value <= 0:
        raise InputValueError(
            f"{name}{_josa(name)} 0보다 큰 유한한 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return float(value)


def check_unit_interval(value: Any, name: str, *, example: float = 0.9) -> float:
    """``value``가 구간 [0, 1)의 실수인지 확인한다(momentum 계수, alpha, beta 등)."""
    if not (_is_real(value) and math.isfinite(value) and 0 <= value < 1):
        raise InputValueError(
            f"{name}{_josa(name)} 0 이상 1 미만의 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return float(value)


def check_nonnegative_float(value: Any, name: str, *, example: float = 0.9) -> float:
    """``value``가 0 이상의 유한한 실수인지 확인한다."""
    if not (_is_real(value) and math.isfinite(value) and value >= 0):
        raise InputValueError(
            f"{name}{_josa(name)} 0 이상의 유한한 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    return float(value)


def check_finite_float(value: Any, name: str, *, example: float = 0.01) -> float:
    """``value``가 유한한 실수(부호는 상관없음)인지 확인한다(예: Leaky ReLU의 ``negative_slope``)."""
    if not _is_real(value):
        raise InputTypeError(
            f"{name}{_josa(name)} 실수여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    if not math.isfinite(value):
        raise InputValueError(
            f"{name}{_josa(name)} 유한한 실수여야 합니다(NaN, inf 불가). 받은 값: {_fmt(value)} "
            f"(예: {name}={example})"
        )
    return float(value)


def check_bool(value: Any, name: str, *, allow_none: bool = False) -> bool | None:
    """``value``가 ``True``/``False``(``allow_none``이면 ``None``도)인지 확인한다."""
    if allow_none and value is None:
        return None
    if not _is_bool(value):
        choices = "True, False 또는 None" if allow_none else "True 또는 False"
        raise InputTypeError(
            f"{name}{_josa(name)} {choices}여야 합니다. 받은 값: {_fmt(value)} (예: {name}=True)"
        )
    return bool(value)


def check_choice(value: Any, choices: Sequence[Any], name: str) -> Any:
    """``value``가 ``choices`` 중 하나인지 확인한다(예: ``per``는 'iteration' 또는 'epoch')."""
    if not any(value is c or (type(value) is type(c) and value == c) for c in choices):
        listed = ", ".join(repr(c) for c in choices)
        raise InputValueError(
            f"{name}{_josa(name)} {listed} 중 하나여야 합니다. 받은 값: {_fmt(value)} "
            f"(예: {name}={choices[0]!r})"
        )
    return value


def check_instance(obj: Any, name: str, *, methods: Sequence[str], example: str) -> Any:
    """``obj``가 ``methods``를 가진 **인스턴스**인지 확인한다(클래스 자체를 넘긴 실수를 잡는다)."""
    if isinstance(obj, type):
        raise InputTypeError(
            f"{name}에 클래스 {obj.__name__} 자체를 넘겼습니다. 클래스를 불러 만든 인스턴스(객체)를 "
            f"넘기세요 (예: {name}={example})"
        )
    missing = [m for m in methods if not callable(getattr(obj, m, None))]
    if missing:
        wanted = ", ".join(f"{m}()" for m in methods)
        raise InputTypeError(
            f"{name}에 {', '.join(missing)} 메서드가 없습니다. {wanted}가 있는 객체를 넘기세요. "
            f"받은 값: {_fmt(obj)} (예: {name}={example})"
        )
    return obj


# --- 배열 -------------------------------------------------------------------------

def as_float_array(value: Any, name: str, *, finite: bool = True, allow_inf: bool = False,
                   example: str | None = None) -> np.ndarray:
    """``value``를 float64 배열로 바꾸되, 숫자 배열이 아니면 한국어 오류를 낸다.

    문자열, ``None``, 길이가 제각각인 리스트는 :class:`InputTypeError`/:class:`InputValueError`가 된다.
    ``finite=True``(기본)면 NaN이나 무한대(inf)도 거부한다(``allow_inf=True``면 inf는 허용).
    """
    example = example or f"{name}=np.array([[1.0, 2.0]])"
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        arr = value
    else:
        if value is None or isinstance(value, (str, bytes)):
            raise InputTypeError(
                f"{name}{_josa(name)} 숫자 배열이어야 합니다. 받은 값: {_fmt(value)} (예: {example})"
            )
        try:
            raw = np.asarray(value)
        except (TypeError, ValueError):
            raise InputValueError(
                f"{name}{_josa(name)} 모든 행의 길이가 같은 숫자 배열이어야 합니다. 받은 값: {_fmt(value)} "
                f"(예: {example})"
            ) from None
        if raw.dtype.kind not in "biuf":
            raise InputTypeError(
                f"{name}{_josa(name)} 숫자 배열이어야 합니다(문자열, None, 객체는 안 됩니다). "
                f"받은 값: {_fmt(value)} (예: {example})"
            )
        arr = raw.astype(np.float64, copy=False)
    if finite:
        bad = np.isnan(arr) if allow_inf else ~np.isfinite(arr)
        if bad.any():
            what = "NaN" if allow_inf else "NaN 또는 무한대(inf)"
            raise InputValueError(
                f"{name}에 {what} 값이 {int(bad.sum())}개 있습니다. "
                f"{name}의 결측값이나 무한대 값을 제거하거나 유한한 숫자로 바꿔 넘기세요."
            )
    return arr


def as_float_like(value: Any, name: str = "x") -> np.ndarray:
    """활성화 함수용: 실수 배열은 dtype을 그대로(float32 유지), 정수·bool·리스트는 float64 배열로 바꾼다.

    문자열, ``None``, 객체 배열은 거부하고 NaN도 거부한다. 무한대(inf)는 극한값이 분명하므로
    (예: ``sigmoid(inf) == 1``) 받아들인다.
    """
    if isinstance(value, (np.ndarray, np.floating)) and value.dtype.kind == "f":
        arr = np.asarray(value)
    else:
        arr = as_float_array(value, name, finite=False, example=f"{name}=np.array([-1.0, 0.0, 2.0])")
    if np.isnan(arr).any():
        raise InputValueError(
            f"{name}에 NaN 값이 {int(np.isnan(arr).sum())}개 있습니다. NaN이 아닌 숫자를 넘기세요 "
            "(NaN은 보통 앞 단계의 계산이 이미 잘못되었다는 뜻입니다)."
        )
    return arr


def as_scalar(value: Any, name: str, *, example: float = 1.0) -> float:
    """숫자 하나(파이썬 실수, 0차원 또는 원소 하나짜리 배열)를 유한한 float로 바꾼다(예: 편향 ``b``)."""
    if _is_bool(value) or value is None or isinstance(value, (str, bytes)):
        raise InputTypeError(
            f"{name}{_josa(name)} 숫자 하나(스칼라)여야 합니다. 받은 값: {_fmt(value)} (예: {name}={example})"
        )
    arr = as_float_array(value, name, example=f"{name}={example}")
    if arr.size != 1:
        raise InputValueError(
            f"{name}{_josa(name)} 숫자 하나(스칼라)여야 합니다. 받은 shape: {arr.shape} "
            f"(예: {name}={example}). 인자 순서가 바뀌지 않았는지도 확인하세요."
        )
    return float(arr.reshape(-1)[0])


def as_vector(value: Any, name: str, *, example: str = "[2.0, -3.4]", hint: str = "") -> np.ndarray:
    """비어 있지 않은 1차원 숫자 벡터로 바꾼다. shape (d, 1)인 열벡터도 받는다."""
    arr = as_float_array(value, name, example=f"{name}={example}")
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr.reshape(-1)
    if arr.ndim != 1 or arr.size == 0:
        raise InputValueError(
            f"{name}{_josa(name)} 비어 있지 않은 1차원 숫자 벡터여야 합니다. 받은 shape: {arr.shape} "
            f"(예: {name}={example}){hint}"
        )
    return arr


def check_interval(value: Any, name: str, *, example: str = "(-1.0, 1.0)") -> tuple[float, float]:
    """``(작은 값, 큰 값)`` 모양의 유한한 구간인지 확인한다(그림의 xlim, ylim 등)."""
    arr = as_float_array(value, name, example=f"{name}={example}")
    if arr.shape != (2,) or not arr[0] < arr[1]:
        raise InputValueError(
            f"{name}{_josa(name)} (작은 값, 큰 값) 두 숫자여야 합니다. 받은 값: {_fmt(value)} "
            f"(예: {name}={example})"
        )
    return float(arr[0]), float(arr[1])


def check_params(params: Any) -> list[np.ndarray]:
    """옵티마이저에 넘긴 ``params``가 유한한 실수(float) numpy 배열의 리스트인지 확인한다."""
    if isinstance(params, type):
        check_instance(params, "params", methods=(), example="net.parameters()")
    if isinstance(params, (np.ndarray, str, bytes)) or not isinstance(params, Iterable):
        raise InputTypeError(
            "params는 numpy 실수 배열의 리스트여야 합니다. "
            f"받은 값: {_fmt(params)} (예: params=net.parameters() 또는 params=[w, b])"
        )
    params = list(params)
    if not params:
        raise InputValueError("params가 비어 있습니다. 갱신할 배열을 하나 이상 넘기세요 (예: params=[w, b])")
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or not np.issubdtype(p.dtype, np.floating):
            raise InputTypeError(
                f"params[{i}]는 실수(float) numpy 배열이어야 제자리(in place)에서 갱신할 수 있습니다. "
                f"받은 값: {_fmt(p)} (예: np.zeros(2, dtype=np.float64))"
            )
        if not np.isfinite(p).all():
            raise InputValueError(
                f"params[{i}]에 NaN 또는 무한대(inf) 값이 있습니다. 유한한 값으로 시작하는 매개변수를 넘기세요."
            )
    if len({id(p) for p in params}) != len(params):
        raise InputValueError(
            "params에 같은 배열이 두 번 들어 있습니다. 한 번 갱신에 두 번 바뀌게 되니 배열마다 한 번씩 넘기세요."
        )
    return params


def check_grads(grads: Any, params: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``grads``의 개수와 shape가 ``params``와 같고 유한한지 확인하고, 각 매개변수의 dtype으로 바꾼다."""
    if isinstance(grads, (np.ndarray, str, bytes)) or not isinstance(grads, Iterable):
        raise InputTypeError(
            "grads는 params와 같은 순서의 배열 리스트여야 합니다. "
            f"받은 값: {_fmt(grads)} (예: opt.step([grad_w, grad_b]))"
        )
    grads = list(grads)
    if len(grads) != len(params):
        raise InputValueError(
            f"grads의 개수({len(grads)})가 params의 개수({len(params)})와 다릅니다. "
            "params와 같은 순서로 기울기를 하나씩 넘기세요 (예: opt.step(net.backward(grad_y_hat)))"
        )
    out = []
    for i, (g, p) in enumerate(zip(grads, params)):
        g = as_float_array(g, f"grads[{i}]", example="opt.step([grad_w, grad_b])")
        if g.shape != p.shape:
            raise InputValueError(
                f"grads[{i}]의 shape {g.shape}가 params[{i}]의 shape {p.shape}와 다릅니다. "
                "각 기울기는 해당 매개변수와 같은 shape여야 합니다."
            )
        out.append(g.astype(p.dtype, copy=False))
    return out


def check_Xy(X: Any, y: Any, *, finite: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """학습 데이터 ``X``, ``y``를 2차원 float 배열로 정리하고 검사한다.

    ``X``가 1차원이면 특성 하나짜리 ``(n, 1)``로, ``y``가 1차원이면 ``(n, 1)``로 바꾼다.
    """
    X = as_float_array(X, "X", finite=False, example="X=np.zeros((1000, 2))")
    y = as_float_array(y, "y", finite=False, example="y=np.zeros((1000, 1))")
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    if X.ndim != 2 or y.ndim != 2:
        raise InputValueError(
            f"X와 y는 (예제 수, 특성 수) 모양의 2차원 배열이어야 합니다. 받은 shape: X {X.shape}, y {y.shape} "
            "(예: X.shape == (1000, 2), y.shape == (1000, 1))"
        )
    if len(X) == 0:
        raise InputValueError("X가 비어 있습니다(예제 0개). 예제가 하나 이상 있는 데이터를 넘기세요.")
    if len(X) != len(y):
        raise InputValueError(
            f"X와 y의 예제 수가 다릅니다: X는 {len(X)}개, y는 {len(y)}개입니다. "
            "같은 예제 수의 X와 y를 넘기세요 (예: X.shape == (1000, 2), y.shape == (1000, 1))"
        )
    if finite:
        for arr, name in ((X, "X"), (y, "y")):
            if not np.isfinite(arr).all():
                raise InputValueError(
                    f"{name}에 NaN 또는 무한대(inf) 값이 {int((~np.isfinite(arr)).sum())}개 있습니다. "
                    f"학습 전에 {name}의 결측값이나 무한대 값을 제거하거나 바꾸세요."
                )
    return X, y


def check_features(X: Any, num_inputs: int, *, owner: str, name: str = "X") -> np.ndarray:
    """모델 입력 ``X``가 shape (예제 수, ``num_inputs``)의 유한한 숫자 배열인지 확인한다."""
    X = as_float_array(X, name, example=f"{name}=np.zeros((10, {num_inputs}))")
    if X.ndim != 2:
        raise InputValueError(
            f"{owner}의 입력 {name}{_josa(name)} (예제 수, 특성 수) 모양의 2차원 배열이어야 합니다. "
            f"받은 shape: {X.shape}. 예제 하나라면 {name}.reshape(1, -1), 특성이 하나라면 "
            f"{name}.reshape(-1, 1)로 바꿔 넘기세요."
        )
    if X.shape[1] != num_inputs:
        raise InputValueError(
            f"{owner}의 입력 {name}의 특성 수(열 수) {X.shape[1]}{_iga(str(X.shape[1]))} 모델의 입력 수 "
            f"{num_inputs}와 다릅니다. shape (예제 수, {num_inputs})인 {name}를 넘기세요."
        )
    if len(X) == 0:
        raise InputValueError(f"{owner}의 입력 {name}가 비어 있습니다(예제 0개). 예제를 하나 이상 넘기세요.")
    return X


def check_output_grad(grad: Any, shape: tuple[int, ...], *, owner: str,
                      name: str = "grad_y_hat") -> np.ndarray:
    """역전파에 넘긴 기울기가 직전 순전파 출력과 같은 shape의 유한한 배열인지 확인한다."""
    grad = as_float_array(grad, name, example=f"{name}=dk.squared_loss_grad(y_hat, y)")
    if grad.shape != tuple(shape):
        raise InputValueError(
            f"{owner}.backward의 {name} shape {grad.shape}가 직전 forward 출력 y_hat의 shape {tuple(shape)}와 "
            "다릅니다. 손실을 y_hat으로 미분한, y_hat과 같은 shape의 배열을 넘기세요 "
            "(예: net.backward(dk.squared_loss_grad(y_hat, y)))"
        )
    return grad


def check_name(name: Any, valid: Mapping[str, Any], kind: str, argname: str) -> str:
    """``name``이 ``valid``의 키 중 하나인지 확인한다(활성화 함수, 손실 지형 이름 등)."""
    if not isinstance(name, str) or name not in valid:
        names = ", ".join(repr(k) for k in valid)
        raise InputValueError(
            f"알 수 없는 {kind} 이름입니다: {argname}={_fmt(name)}. 다음 중 하나를 넘기세요: {names}"
        )
    return name
