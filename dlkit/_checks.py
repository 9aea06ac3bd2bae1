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
# 영어 이름(인자, 옵티마이저)을 한국어로 읽을 때 받침으로 끝나는 것들(lr = 엘알, net = 넷, RMSProp = 알엠에스프롭 ...)
_FINAL_CONSONANT_NAMES = {"lr", "net", "y_hat", "grad_y_hat", "num_inputs", "x0", "name", "activation", "RMSProp"}


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
    text = " ".join(repr(value).split())  # 여러 줄 repr(배열이 든 리스트 등)을 한 줄로
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
        except RuntimeError:  # 예: requires_grad=True인 torch 텐서
            raise InputTypeError(
                f"{name}{_josa(name)} numpy로 바꿀 수 없습니다. torch 텐서라면 {name}.detach().numpy()를 넘기세요. "
                f"받은 값: {_fmt(value)}"
            ) from None
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


# --- 그림 함수(dlkit.plotting)의 인자 --------------------------------------------

def check_ax(ax: Any) -> None:
    """``ax``가 ``None`` 또는 matplotlib Axes인지 확인한다."""
    if ax is not None and not (callable(getattr(ax, "plot", None)) and hasattr(ax, "figure")
                               and callable(getattr(ax, "set_xlim", None))):
        raise InputTypeError(
            f"ax는 None(새 그림) 또는 matplotlib Axes여야 합니다. 받은 값: {_fmt(ax)} "
            "(예: fig, ax = plt.subplots(); ax=ax. Figure가 아니라 그 안의 Axes를 넘기세요)"
        )


def _check_grid_x(x: Any) -> None:
    if x is not None:
        arr = as_float_array(x, "x", example="x=np.linspace(-5, 5, 401)")
        if arr.ndim != 1 or arr.size < 2:
            raise InputValueError(
                f"x는 그릴 입력값 두 개 이상의 1차원 배열이어야 합니다. 받은 shape: {arr.shape} "
                "(예: x=np.linspace(-5, 5, 401))"
            )


def check_activation_plot(names: Any, *, x: Any = None, show_grad: Any = True, ax: Any = None,
                          many: bool = False) -> list[str]:
    """:func:`plot_activation`(이름 하나)과 :func:`plot_activations`(이름 목록)의 인자를 검사한다."""
    from dlkit.activations import ACTIVATIONS

    check_ax(ax)
    check_bool(show_grad, "show_grad")
    _check_grid_x(x)
    if not many:
        return [check_name(names, ACTIVATIONS, "활성화 함수", "name")]
    if names is None:
        return list(ACTIVATIONS)
    if isinstance(names, str):
        raise InputTypeError(
            f"names는 활성화 함수 이름의 목록이어야 합니다. 받은 값: 문자열 {names!r} "
            f"(예: names=[{names!r}]; 하나만 그리려면 dk.plot_activation({names!r}))"
        )
    if not isinstance(names, Iterable):
        raise InputTypeError(
            f"names는 활성화 함수 이름의 목록이어야 합니다. 받은 값: {_fmt(names)} (예: names=['sigmoid', 'relu'])"
        )
    names = list(names)
    if not names:
        raise InputValueError(
            "names가 비어 있습니다. 그릴 활성화 함수 이름을 하나 이상 넘기거나, 전부 그리려면 names=None으로 두세요."
        )
    for i, n in enumerate(names):
        check_name(n, ACTIVATIONS, "활성화 함수", f"names[{i}]")
    return names


def check_history(history: Any, *, per: Any = "iteration", ax: Any = None) -> None:
    """:func:`plot_history`의 인자: ``history``는 :class:`dlkit.History`(손실 목록 두 개를 가진 객체)."""
    check_ax(ax)
    check_choice(per, ("iteration", "epoch"), "per")
    for attr in ("iteration_losses", "epoch_losses"):
        losses = getattr(history, attr, None)
        if isinstance(history, type) or losses is None or isinstance(losses, (str, bytes)):
            raise InputTypeError(
                f"history는 dk.train이 돌려준 학습 기록(History)이어야 합니다. 받은 값: {_fmt(history)} "
                "(예: history = dk.train(net, X, y, ...); dk.plot_history(history))"
            )
        arr = as_float_array(list(losses), f"history.{attr}", allow_inf=True, example="dk.train(...)")
        if arr.ndim != 1:
            raise InputValueError(f"history.{attr}는 손실 값(숫자)의 목록이어야 합니다. 받은 shape: {arr.shape}")


def check_surface_paths(surface: Any, paths: Any, *, levels: Any = 15, ax: Any = None) -> None:
    """:func:`plot_surface_paths`의 인자: 지형(이름), 이름 → shape (k, 2) 경로의 사전, 등고선 수."""
    from dlkit.surfaces import as_surface

    as_surface(surface, "surface")
    check_ax(ax)
    check_int(levels, "levels", example=15)
    if not isinstance(paths, Mapping):
        raise InputTypeError(
            "paths는 이름 → 경로(shape (k, 2) 배열 또는 dk.optimize_path의 결과)의 사전(dict)이어야 합니다. "
            f"받은 값: {_fmt(paths)} (예: paths={{'SGD': dk.optimize_path('ravine', make, 30)}})"
        )
    for label, path in paths.items():
        name = f"paths[{label!r}]"
        arr = as_float_array(path, name, example="np.array([[0.0, 1.0], [0.5, 0.8]])")
        if arr.ndim != 2 or arr.shape[1] != 2 or len(arr) == 0:
            raise InputValueError(
                f"{name}는 점 (x, y)를 한 행씩 쌓은 shape (k, 2) 배열이어야 합니다(k ≥ 1). 받은 shape: {arr.shape}"
            )


def check_linreg_fit(X: Any, y: Any, w: Any, b: Any, *, ax: Any = None) -> None:
    """:func:`plot_linreg_fit`의 인자: 특성 하나의 데이터와 숫자 하나짜리 ``w``, ``b``."""
    check_ax(ax)
    x = as_float_array(X, "X", example="X=np.zeros((100, 1))")
    if x.ndim == 0 or x.ndim > 2 or (x.ndim == 2 and x.shape[1] != 1):
        raise InputValueError(
            f"X는 특성이 하나여야 합니다(shape (n,) 또는 (n, 1)). 받은 shape: {x.shape}"
        )
    t = as_float_array(y, "y", example="y=np.zeros((100, 1))")
    if t.size != x.size or x.size == 0:
        raise InputValueError(
            f"X와 y의 예제 수가 같고 0보다 커야 합니다. 받은 값: X {x.size}개, y {t.size}개"
        )
    as_scalar(w, "w", example=2.0)
    as_scalar(b, "b", example=4.2)


def check_decision_boundary(perceptron: Any, *, feature_names: Any = ("비", "돈"),
                            xlim: Any = (-0.5, 1.5), ylim: Any = (-0.5, 1.5), ax: Any = None) -> None:
    """:func:`plot_decision_boundary`의 인자: 입력이 두 개인 퍼셉트론, 축 이름 두 개, 범위."""
    check_instance(perceptron, "perceptron", methods=("predict",), example="dk.Perceptron([-2, 3], -1)")
    w = as_float_array(getattr(perceptron, "w", None), "perceptron.w", example="dk.Perceptron([-2, 3], -1)")
    if w.shape != (2,):
        raise InputValueError(
            f"결정 경계는 입력이 두 개인 퍼셉트론만 그릴 수 있습니다. 받은 perceptron.w의 shape: {w.shape} "
            "(예: perceptron=dk.Perceptron([-2, 3], -1))"
        )
    as_scalar(getattr(perceptron, "b", None), "perceptron.b", example=-1)
    check_ax(ax)
    if (isinstance(feature_names, (str, bytes)) or not isinstance(feature_names, Sequence)
            or len(feature_names) != 2 or not all(isinstance(n, str) for n in feature_names)):
        raise InputValueError(
            f"feature_names는 두 축의 이름(문자열 두 개)이어야 합니다. 받은 값: {_fmt(feature_names)} "
            "(예: feature_names=('비', '돈'))"
        )
    check_interval(xlim, "xlim", example="(-0.5, 1.5)")
    check_interval(ylim, "ylim", example="(-0.5, 1.5)")


def check_linear_vs_activation(*, activation: Any, hidden: Any, num_epochs: Any, rng: Any,
                               ax: Any = None) -> None:
    """:func:`plot_linear_vs_activation`의 인자."""
    from dlkit.activations import ACTIVATIONS

    check_ax(ax)
    check_name(activation, ACTIVATIONS, "활성화 함수", "activation")
    check_int(hidden, "hidden", example=32)
    check_int(num_epochs, "num_epochs", example=300)
    as_rng(rng)


MAX_PLOTTED_EPOCHS = 50
"""plot_iterations가 한 그림에 그리는 에포크 수의 상한(그 이상은 행이 읽히지 않는다)."""


def check_iterations_plot(num_examples: Any, batch_size: Any, num_epochs: Any, drop_last: Any,
                          *, ax: Any = None) -> None:
    """:func:`plot_iterations`의 인자: 예제·배치·에포크 수(1 이상), drop_last(True/False)."""
    check_ax(ax)
    check_int(num_examples, "num_examples", example=100)
    check_int(batch_size, "batch_size", example=25)
    check_int(num_epochs, "num_epochs", maximum=MAX_PLOTTED_EPOCHS, example=3)
    check_bool(drop_last, "drop_last")


# --- 데모(dlkit.widgets)의 인자 ---------------------------------------------------

def check_demo_value(value: Any, name: str, domain: tuple) -> Any:
    """데모 조절기 하나의 값이 그 조절기가 낼 수 있는 값인지 확인한다.

    ``domain``: ``("int", 최솟값, 최댓값, 간격)``, ``("float", 최솟값, 최댓값)``, ``("choice", 값들)``,
    ``("bool",)``, ``("binary3",)``(0/1 세 개, 편향 데모의 입력 x).
    """
    kind = domain[0]
    if kind == "int":
        lo, hi, step = domain[1:]
        value = check_int(value, name, minimum=lo, maximum=hi, example=lo + step)
        if (value - lo) % step:
            raise InputValueError(
                f"{name}{_josa(name)} {lo}부터 {step}씩 늘어나는 값({lo}, {lo + step}, {lo + 2 * step}, ...)만 "
                f"고를 수 있습니다. 받은 값: {value}"
            )
        return value
    if kind == "float":
        lo, hi = domain[1:]
        if not _is_real(value) or not math.isfinite(value) or not lo - 1e-12 <= value <= hi + 1e-12:
            error = InputValueError if _is_real(value) else InputTypeError
            raise error(
                f"{name}{_josa(name)} {lo:g} 이상 {hi:g} 이하의 실수여야 합니다. 받은 값: {_fmt(value)}"
            )
        return float(value)
    if kind == "choice":
        return check_choice(value, tuple(domain[1]), name)
    if kind == "bool":
        return check_bool(value, name)
    if kind == "binary3":
        ok = (not isinstance(value, (str, bytes)) and isinstance(value, Sequence) and len(value) == 3
              and all(_is_real(v) and v in (0, 1) for v in value))
        if not ok:
            raise InputValueError(
                f"{name}{_josa(name)} (비, 돈, 친구) 세 입력의 0/1 값이어야 합니다. 받은 값: {_fmt(value)} "
                f"(예: {name}=(1, 0, 0))"
            )
        return tuple(int(v) for v in value)
    raise AssertionError(kind)  # pragma: no cover - 정의 오류


def check_demo_params(demo: str, params: Mapping[str, Any], domains: Mapping[str, tuple]) -> None:
    """데모 ``demo``에 넘긴 조절기 값들: 모르는 이름이 없고, 각 값이 허용 범위 안인지."""
    unknown = [k for k in params if k not in domains]
    if unknown:
        raise InputValueError(
            f"데모 {demo!r}에는 조절기 {', '.join(map(repr, unknown))}{_iga(unknown[-1])} 없습니다. "
            f"쓸 수 있는 이름: {', '.join(domains)}"
        )
    for key, value in params.items():
        check_demo_value(value, key, domains[key])
