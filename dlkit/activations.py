r"""활성화 함수(activation function)와 그 도함수(derivative).

모든 함수는 numpy 배열을 원소별(elementwise)로 계산하며, 어떤 shape이든 받는다.
float32/float64 입력은 dtype을 그대로 유지하고, 정수 입력은 float64로 바꾼다.
도함수는 PyTorch 자동 미분(autograd)이 돌려주는 값과 같도록 맞췄다
(예: ReLU의 :math:`x = 0`에서의 기울기는 0, Leaky ReLU는 ``negative_slope``).
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from dlkit._checks import as_float_like, check_finite_float, check_name

_GELU_K = math.sqrt(2.0 / math.pi)
_GELU_C = 0.044715


def _as_float(x: np.ndarray) -> np.ndarray:
    """실수 배열은 그대로, 그 밖(정수, bool, 리스트)은 float64 배열로 바꾼다.

    문자열, ``None``, NaN은 한국어 오류가 된다(:func:`dlkit._checks.as_float_like`).
    """
    return as_float_like(x, "x")


def step(x: np.ndarray) -> np.ndarray:
    r"""계단 함수(step function): 문턱값 0 이상이면 1, 아니면 0.

    .. math:: \mathrm{step}(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}

    ``torch.heaviside(x, torch.tensor(1.))``과 같다.
    """
    x = _as_float(x)
    return (x >= 0).astype(x.dtype)


def step_grad(x: np.ndarray) -> np.ndarray:
    r"""계단 함수의 도함수: 거의 모든 곳에서 0이다(그래서 경사 하강법에 쓸 수 없다)."""
    x = _as_float(x)
    return np.zeros_like(x)


def sigmoid(x: np.ndarray) -> np.ndarray:
    r"""시그모이드(sigmoid) 함수. :math:`|x|`가 커도 넘침(overflow) 경고가 없다.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    :math:`e^{-|x|}`만 계산하므로 지수가 항상 1 이하여서 넘치지 않는다.
    """
    x = _as_float(x)
    with np.errstate(under="ignore"):  # e^{-1000} → 0은 정상(경고 불필요)
        z = np.exp(-np.abs(x))
    # x >= 0이면 1/(1+e^{-x}), x < 0이면 e^{x}/(1+e^{x})
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z)).astype(x.dtype, copy=False)


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r"""시그모이드의 도함수. 양 끝에서 0에 가까워진다(포화, saturation).

    .. math:: \sigma'(x) = \sigma(x)\,(1 - \sigma(x))
    """
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x: np.ndarray) -> np.ndarray:
    r"""하이퍼볼릭 탄젠트(tanh) 함수: 출력이 (-1, 1)이고 0을 중심으로 대칭이다.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
    """
    return np.tanh(_as_float(x))


def tanh_grad(x: np.ndarray) -> np.ndarray:
    r"""하이퍼볼릭 탄젠트(tanh)의 도함수.

    .. math:: \tanh'(x) = 1 - \tanh^2(x)
    """
    t = tanh(x)
    return 1 - t * t


def relu(x: np.ndarray) -> np.ndarray:
    r"""ReLU(rectified linear unit): 음수는 0으로 자르고 양수는 그대로 둔다.

    .. math:: \mathrm{ReLU}(x) = \max(x, 0)
    """
    x = _as_float(x)
    return np.maximum(x, 0).astype(x.dtype, copy=False)


def relu_grad(x: np.ndarray) -> np.ndarray:
    r"""ReLU의 도함수를 원소별로 계산한다.

    .. math:: \frac{d}{dx}\mathrm{ReLU}(x) = \mathbb{1}[x > 0]
    """
    x = _as_float(x)
    return (x > 0).astype(x.dtype)  # x = 0에서는 torch와 같게 0


def leaky_relu(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU: 음수 쪽에도 작은 기울기 ``negative_slope``를 남긴다.

    .. math:: \mathrm{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}
    """
    x = _as_float(x)
    negative_slope = check_finite_float(negative_slope, "negative_slope")
    return np.where(x > 0, x, x * negative_slope).astype(x.dtype, copy=False)


def leaky_relu_grad(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU의 도함수. torch처럼 :math:`x = 0`에서는 ``negative_slope``이다.

    .. math:: \frac{d}{dx}\mathrm{LeakyReLU}(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}
    """
    x = _as_float(x)
    negative_slope = check_finite_float(negative_slope, "negative_slope")
    return np.where(x > 0, 1.0, negative_slope).astype(x.dtype)


def gelu(x: np.ndarray) -> np.ndarray:
    r"""GELU(Gaussian error linear unit)의 tanh 근사(torch의 ``approximate="tanh"``).

    .. math::
        \mathrm{GELU}(x) \approx \frac{x}{2}\left(1 + \tanh\!\left[\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right]\right)
    """
    x = _as_float(x)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):  # 큰 |x|에서 x^3이 inf여도 tanh는 ±1
        t = np.tanh(_GELU_K * (x + _GELU_C * x * x * x))
        out = 0.5 * x * (1 + t)
    # x = -inf이면 (-inf) × 0 = NaN이 되므로 극한값 0을 넣는다
    return np.where(np.isneginf(x), 0.0, out).astype(x.dtype, copy=False)


def gelu_grad(x: np.ndarray) -> np.ndarray:
    r"""GELU(tanh 근사)의 도함수.

    .. math::
        \frac{1}{2}(1 + t) + \frac{x}{2}(1 - t^2)\sqrt{2/\pi}\,(1 + 3 \cdot 0.044715\,x^2),
        \quad t = \tanh\!\left[\sqrt{2/\pi}\,(x + 0.044715\,x^3)\right]
    """
    x = _as_float(x)
    # |x| > 10이면 float64에서도 t = ±1이라 둘째 항이 정확히 0: 잘라서 넘침을 막는다
    xc = np.clip(x, -10, 10)
    with np.errstate(under="ignore"):
        t = np.tanh(_GELU_K * (xc + _GELU_C * xc * xc * xc))
        inner_grad = _GELU_K * (1 + 3 * _GELU_C * xc * xc)
        out = 0.5 * (1 + t) + 0.5 * xc * (1 - t * t) * inner_grad
    return out.astype(x.dtype, copy=False)


@dataclass(frozen=True)
class Activation:
    """활성화 함수 하나의 이름, 한국어 이름, 함수, 도함수를 묶은 것."""

    name: str
    korean_name: str
    fn: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.fn(x)


ACTIVATIONS: Mapping[str, Activation] = types.MappingProxyType({
    "step": Activation("step", "계단 함수", step, step_grad),
    "sigmoid": Activation("sigmoid", "시그모이드 함수", sigmoid, sigmoid_grad),
    "tanh": Activation("tanh", "하이퍼볼릭 탄젠트 함수", tanh, tanh_grad),
    "relu": Activation("relu", "ReLU 함수", relu, relu_grad),
    "leaky_relu": Activation("leaky_relu", "Leaky ReLU 함수", leaky_relu, leaky_relu_grad),
    "gelu": Activation("gelu", "GELU 함수", gelu, gelu_grad),
})
"""이름 → :class:`Activation`. 읽기 전용(immutable) 매핑이다."""


def get_activation(name: str) -> Activation:
    """이름으로 활성화 함수를 찾는다. 모르는 이름이면 가능한 이름을 알려 주는 오류를 낸다.

    Parameters
    ----------
    name : str
        ``"step"``, ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"leaky_relu"``, ``"gelu"`` 중 하나.
    """
    return ACTIVATIONS[check_name(name, ACTIVATIONS, "활성화 함수", "name")]
