r"""처음부터 만든 모델: 퍼셉트론, 선형 회귀, 다층 퍼셉트론(MLP), 선형 층 쌓기.

학습 루프(:func:`dlkit.train`)는 다음 세 메서드만 있으면 어떤 모델이든 학습시킨다.

- ``forward(X) -> y_hat``: 순전파(forward). 역전파에 필요한 값(입력 ``X`` 등)을 저장해 둔다.
- ``backward(grad_y_hat) -> list``: 역전파(backward). 손실을 ``y_hat``으로 미분한 값을 받아
  ``parameters()``와 같은 순서의 기울기 리스트를 돌려준다(직전 ``forward``의 입력 기준).
- ``parameters() -> list``: 옵티마이저가 제자리에서 갱신하는 바로 그 배열 객체들.

가중치 행렬은 D2L처럼 ``(입력 수, 출력 수)`` 모양이고 순전파는 :math:`XW + b`이다.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dlkit._checks import (
    InputValueError,
    as_float_array,
    as_rng,
    as_scalar,
    as_vector,
    check_features,
    check_int,
    check_nonnegative_float,
    check_output_grad,
    check_Xy,
)
from dlkit.activations import Activation, get_activation, step


def _no_forward_error(cls: str) -> RuntimeError:
    return RuntimeError(
        f"{cls}.backward를 부르기 전에 forward를 먼저 불러야 합니다. "
        "역전파는 직전 순전파에서 저장한 입력을 씁니다 (예: y_hat = net.forward(X); net.backward(grad))"
    )


class Perceptron:
    r"""파티 분류기 같은 퍼셉트론: 가중합에 편향을 더한 값 z를 계단 함수에 넣어 0/1을 낸다.

    .. math:: \hat y = \mathrm{step}(x \cdot w + b)

    Parameters
    ----------
    w : array_like, shape (d,)
        입력마다의 가중치(weight): 그 입력이 얼마나 중요한지.
        예: 비(rain) -2, 돈(money) 3, 친구(a friend free) 4.
    b : float
        편향(bias): 입력과 상관없는 사람의 "성격". 클수록 웬만하면 파티에 간다.
    """

    def __init__(self, w: Any, b: float) -> None:
        self.w = as_vector(w, "w", example="[-2, 3, 4]")
        self.b = as_scalar(b, "b", example=-4)

    def pre_activation(self, x: Any) -> np.ndarray | float:
        r"""활성화 전 값(pre-activation) :math:`z = x \cdot w + b`: 활성화 함수에 들어가는 값.

        가중합(weighted sum)은 편향을 더하기 전의 :math:`\sum_i w_i x_i`이고, 이 메서드는
        거기에 편향 :math:`b`까지 더한 값을 돌려준다. 1차원 ``x``는 예제 하나(float), 2차원은 배치.
        """
        x = as_float_array(x, "x")
        if x.shape[-1:] != self.w.shape:
            raise ValueError(
                f"x의 특성 수(마지막 차원, shape {x.shape})가 가중치 수 {len(self.w)}와 다릅니다. "
                f"예제마다 입력 특성 {len(self.w)}개를 넘기세요 (예: x={[1] * len(self.w)})"
            )
        z = x @ self.w + self.b
        return float(z) if np.ndim(z) == 0 else z

    def predict(self, x: Any) -> np.ndarray | int:
        """계단 함수로 0(안 간다) 또는 1(간다)을 낸다. 예제 하나면 int, 배치면 int 배열."""
        out = step(np.asarray(self.pre_activation(x))).astype(int)
        return int(out) if out.ndim == 0 else out

    __call__ = predict

    def _check_two_inputs(self, what: str) -> None:
        if self.w.shape != (2,):
            raise InputValueError(
                f"{what}은 입력이 두 개인 퍼셉트론에서만 구할 수 있습니다. 받은 가중치 수: {self.w.size} "
                "(예: dk.Perceptron([-2, 3], b=-1))"
            )

    def boundary(self, x1: Any, x2_range: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        r"""입력 두 개일 때 결정 경계 :math:`w_1 x_1 + w_2 x_2 + b = 0` 위의 점들 ``(x1s, x2s)``.

        :math:`w_2 \ne 0`이면 주어진 ``x1``마다 :math:`x_2 = -(w_1 x_1 + b) / w_2`,
        :math:`w_2 = 0`이면 세로선 :math:`x_1 = -b / w_1`을 ``x2_range``의 두 끝점으로,
        두 가중치가 모두 0이면 경계가 없으므로 빈 배열 둘을 돌려준다.
        """
        self._check_two_inputs("결정 경계")
        x1 = as_float_array(x1, "x1", example="x1=np.linspace(-0.5, 1.5, 200)").reshape(-1)
        w1, w2 = self.w
        if abs(w2) > 1e-12:
            return x1, -(w1 * x1 + self.b) / w2
        if abs(w1) > 1e-12:
            return np.full(2, -self.b / w1), np.asarray(x2_range, dtype=float)
        return np.array([]), np.array([])

    def predict_grid(self, x1: Any, x2: Any) -> np.ndarray:
        """격자 ``np.meshgrid(x1, x2)``의 점마다 예측(0/1). shape ``(len(x2), len(x1))``: ``imshow``·``contourf``용."""
        self._check_two_inputs("격자 예측")
        X1, X2 = np.meshgrid(as_float_array(x1, "x1").reshape(-1), as_float_array(x2, "x2").reshape(-1))
        return self.predict(np.stack([X1.ravel(), X2.ravel()], axis=1)).reshape(X1.shape)

    def __repr__(self) -> str:
        return f"Perceptron(w={self.w.tolist()}, b={self.b})"


class LinearRegression:
    r"""선형 회귀 모델 :math:`\hat y = Xw + b` (D2L 3.1).

    Parameters
    ----------
    num_inputs : int
        입력 특성 수 :math:`d`.
    rng : None, int 또는 np.random.Generator
        가중치 초기화에 쓰는 난수 생성기 또는 시드.
    weight_scale : float, default 0.01
        초기 가중치 :math:`w \sim \mathcal{N}(0, \mathrm{weight\_scale}^2)`의 표준편차.

    Attributes
    ----------
    w : np.ndarray, shape (d, 1)
        가중치. 편향 ``b``는 shape (1,)이고 0으로 시작한다.
    """

    def __init__(self, num_inputs: int, *, rng: Any = None, weight_scale: float = 0.01) -> None:
        num_inputs = check_int(num_inputs, "num_inputs", example=2)
        weight_scale = check_nonnegative_float(weight_scale, "weight_scale", example=0.01)
        self.w = as_rng(rng).normal(0.0, weight_scale, size=(num_inputs, 1))
        self.b = np.zeros(1)
        self._X: np.ndarray | None = None

    def forward(self, X: np.ndarray) -> np.ndarray:
        """순전파: ``y_hat = X @ w + b`` (shape (n, 1)). 역전파를 위해 ``X``를 저장한다."""
        X = check_features(X, len(self.w), owner="LinearRegression")  # shape (n, d)인 실수 배열인지 검사
        self._X = X
        return X @ self.w + self.b

    __call__ = forward

    def backward(self, grad_y_hat: np.ndarray) -> list[np.ndarray]:
        r"""역전파: 직전 ``forward``의 입력으로 :math:`[\partial L/\partial w, \partial L/\partial b]`를 낸다.

        .. math:: \frac{\partial L}{\partial w} = X^\top \frac{\partial L}{\partial \hat y},\quad
                  \frac{\partial L}{\partial b} = \sum_i \frac{\partial L}{\partial \hat y^{(i)}}
        """
        if self._X is None:
            raise _no_forward_error("LinearRegression")
        grad_y_hat = check_output_grad(grad_y_hat, (len(self._X), 1), owner="LinearRegression")
        return [self._X.T @ grad_y_hat, grad_y_hat.sum(axis=0)]

    def parameters(self) -> list[np.ndarray]:
        """``[w, b]``: 옵티마이저가 제자리에서 갱신하는 바로 그 배열들."""
        return [self.w, self.b]

    def __repr__(self) -> str:
        return f"LinearRegression(num_inputs={self.w.shape[0]})"


class MLP:
    r"""다층 퍼셉트론(multilayer perceptron): 은닉층마다 활성화 함수, 출력층은 선형.

    .. math:: H_1 = \phi(X W_1 + b_1),\ \dots,\ \hat y = H_{L-1} W_L + b_L

    Parameters
    ----------
    layer_sizes : sequence of int
        입력, 은닉층들, 출력의 크기. 예: ``[1, 32, 1]``.
    activation : str 또는 None, default "relu"
        은닉층 활성화 함수 이름(:data:`dlkit.ACTIVATIONS`). ``None``이면 활성화 없이
        선형 층만 쌓는다(그래도 전체가 하나의 선형 함수임을 보여 줄 때).
    rng : None, int 또는 np.random.Generator
        초기화에 쓰는 난수 생성기 또는 시드. torch ``nn.Linear``처럼
        :math:`U(-1/\sqrt{\text{fan\_in}}, 1/\sqrt{\text{fan\_in}})`에서 뽑는다.
    """

    def __init__(self, layer_sizes: Sequence[int], *, activation: str | None = "relu",
                 rng: Any = None) -> None:
        try:
            sizes = [check_int(n, "layer_sizes") for n in layer_sizes]
        except (TypeError, ValueError):
            sizes = []
        if isinstance(layer_sizes, (str, bytes)) or len(sizes) < 2:
            raise InputValueError(
                "layer_sizes는 입력 크기부터 출력 크기까지, 1 이상의 정수 두 개 이상의 리스트여야 합니다. "
                f"받은 값: {layer_sizes!r} (예: layer_sizes=[1, 32, 1])"
            )
        self.layer_sizes = sizes
        self.activation: Activation | None = None if activation is None else get_activation(activation)
        rng = as_rng(rng)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            bound = 1.0 / np.sqrt(n_in)
            self.weights.append(rng.uniform(-bound, bound, size=(n_in, n_out)))
            self.biases.append(rng.uniform(-bound, bound, size=n_out))
        self._cache: list[tuple[np.ndarray, np.ndarray | None]] | None = None

    def forward(self, X: np.ndarray) -> np.ndarray:
        """순전파. 층마다 입력과 활성화 전 값(pre-activation)을 저장해 둔다."""
        H = check_features(X, self.layer_sizes[0], owner="MLP")
        cache = []
        last = len(self.weights) - 1
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            Z = H @ W + b
            if i < last and self.activation is not None:
                cache.append((H, Z))
                H = self.activation.fn(Z)
            else:
                cache.append((H, None))
                H = Z
        self._cache = cache
        return H

    __call__ = forward

    def backward(self, grad_y_hat: np.ndarray) -> list[np.ndarray]:
        """역전파. ``parameters()``와 같은 순서 ``[W1, b1, W2, b2, ...]``의 기울기를 낸다."""
        if self._cache is None:
            raise _no_forward_error("MLP")
        n = len(self._cache[0][0])
        G = check_output_grad(grad_y_hat, (n, self.layer_sizes[-1]), owner="MLP")
        grads: list[np.ndarray] = []
        for i in range(len(self.weights) - 1, -1, -1):
            H, Z = self._cache[i]
            if Z is not None:  # 활성화 함수를 거친 층: 연쇄 법칙(chain rule)으로 도함수를 곱한다
                G = G * self.activation.grad(Z)
            grads.append(G.sum(axis=0))
            grads.append(H.T @ G)
            if i > 0:
                G = G @ self.weights[i].T
        return grads[::-1]

    def parameters(self) -> list[np.ndarray]:
        """``[W1, b1, W2, b2, ...]``: 옵티마이저가 제자리에서 갱신하는 배열들."""
        return [p for pair in zip(self.weights, self.biases) for p in pair]

    def __repr__(self) -> str:
        name = None if self.activation is None else self.activation.name
        return f"MLP({self.layer_sizes}, activation={name!r})"


class LinearStack:
    r"""선형 변환만 쌓은 모델: 아무리 쌓아도 하나의 선형 변환으로 합쳐진다.

    .. math:: W_3(W_2(W_1 x)) = (W_3 W_2 W_1)\,x, \qquad f(f(f(x))) = (a_3 a_2 a_1)\,x

    Parameters
    ----------
    weights : sequence
        먼저 적용할 것부터 ``[W1, W2, W3]`` (행렬) 또는 ``[a1, a2, a3]`` (스칼라).
        행렬이면 ``x``는 열벡터 관례를 따라 shape (d,) 또는 (d, n)이다.
    """

    def __init__(self, weights: Sequence[Any]) -> None:
        if isinstance(weights, np.ndarray) and weights.ndim <= 1:
            weights = list(weights)
        if isinstance(weights, (str, bytes)) or not isinstance(weights, (Sequence, np.ndarray)) \
                or len(weights) == 0:
            raise InputValueError(
                "weights는 행렬 또는 스칼라의 비어 있지 않은 리스트여야 합니다. "
                f"받은 값: {weights!r} (예: weights=[2.0, 3.0, 0.5])"
            )
        self.weights = [as_float_array(W, f"weights[{i}]", example="weights=[2.0, 3.0, 0.5]")
                        for i, W in enumerate(weights)]
        self.scalar = all(W.ndim == 0 for W in self.weights)
        if not self.scalar:
            for i, W in enumerate(self.weights):
                if W.ndim != 2 or W.size == 0:
                    raise InputValueError(
                        f"weights[{i}]의 shape {W.shape}: weights는 모두 스칼라이거나 모두 비어 있지 않은 행렬"
                        "(2차원 배열)이어야 합니다 (예: weights=[2.0, 3.0] 또는 weights=[W1, W2])."
                    )
            for i, (A, B) in enumerate(zip(self.weights[:-1], self.weights[1:])):
                if A.ndim != 2 or B.ndim != 2 or B.shape[1] != A.shape[0]:
                    raise InputValueError(
                        f"weights[{i + 1}]의 shape {B.shape}가 weights[{i}]의 shape {A.shape} 다음에 "
                        "곱할 수 없습니다. 모두 행렬이고 W(i+1).shape[1] == W(i).shape[0]이어야 합니다."
                    )

    def forward(self, x: Any) -> Any:
        """``W1``, ``W2``, ``W3`` … 순서로 차례로 적용한다."""
        x = as_float_array(x, "x", example="x=np.array([1.0, 2.0])")
        if not self.scalar:
            d = self.weights[0].shape[1]
            if x.ndim not in (1, 2) or x.shape[0] != d:
                raise InputValueError(
                    f"x의 shape {x.shape}가 weights[0]의 shape {self.weights[0].shape}와 맞지 않습니다. "
                    f"열벡터 관례이므로 shape ({d},) 또는 ({d}, 예제 수)인 x를 넘기세요."
                )
        for W in self.weights:
            x = W * x if self.scalar else W @ x
        return float(x) if x.ndim == 0 else x

    __call__ = forward

    def collapse(self) -> np.ndarray | float:
        """하나로 합친 변환 ``W3 @ W2 @ W1`` (스칼라면 ``a3 * a2 * a1``)."""
        total = self.weights[0]
        for W in self.weights[1:]:
            total = W * total if self.scalar else W @ total
        return float(total) if self.scalar else total

    def __repr__(self) -> str:
        return f"LinearStack({len(self.weights)}개 층)"


def normal_equation(X: Any, y: Any) -> tuple[np.ndarray, float]:
    r"""정규 방정식(normal equation)의 해석적 해: 편향을 포함한 최소제곱 해.

    .. math:: [w; b] = \arg\min \lVert [X, \mathbf{1}] [w; b] - y \rVert^2

    Returns
    -------
    w : np.ndarray, shape (d, 1)
        :class:`LinearRegression`의 ``w``와 같은 shape.
    b : float
        편향.
    """
    X, y = check_Xy(X, y)  # NaN·inf가 LAPACK까지 가지 않게 먼저 거른다
    if y.shape[1] != 1:
        raise InputValueError(
            f"y는 예제마다 값이 하나여야 합니다(shape (n,) 또는 (n, 1)). 받은 shape: {y.shape}"
        )
    A = np.hstack([X, np.ones((len(X), 1))])
    sol, *_ = np.linalg.lstsq(A, y, rcond=None)
    return sol[:-1], float(sol[-1, 0])
