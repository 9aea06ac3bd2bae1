r"""손실 함수(loss function): D2L의 제곱 손실(squared loss)과 그 기울기."""

from __future__ import annotations

from typing import Any

import numpy as np

from dlkit._checks import InputValueError, as_float_array


def _align(y_hat: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """``y_hat``과 ``y``를 검사하고 ``y``를 ``y_hat``과 같은 shape로 맞춘다.

    shape이 같거나 ``(n,)``과 ``(n, 1)``처럼 크기 1인 축만 다를 때만 맞춘다. 그 밖의 shape 차이
    (예: ``(4, 1)``과 ``(2, 2)``)는 예측과 레이블의 짝이 어긋난 것이므로 오류다.
    ``(n,)``과 ``(n, 1)``이 ``(n, n)``으로 퍼지는(broadcast) 실수도 막는다.
    """
    y_hat = as_float_array(y_hat, "y_hat", example="y_hat=net.forward(X)")
    y = as_float_array(y, "y", example="y=np.zeros((10, 1))")
    if y.shape != y_hat.shape:
        squeezed = tuple(d for d in y_hat.shape if d != 1), tuple(d for d in y.shape if d != 1)
        if squeezed[0] != squeezed[1]:
            raise InputValueError(
                f"y_hat과 y의 shape가 맞지 않습니다: y_hat shape {y_hat.shape}, y shape {y.shape}. "
                "예측과 레이블은 예제마다 하나씩 같은 순서로 짝지어져야 합니다 "
                "(예: 둘 다 shape (n, 1), 또는 (n,)과 (n, 1))."
            )
        y = y.reshape(y_hat.shape)
    if y_hat.size == 0:
        raise InputValueError("y_hat과 y가 비어 있습니다(예제 0개). 평균을 낼 예제를 하나 이상 넘기세요.")
    return y_hat, y


def squared_loss(y_hat: Any, y: Any) -> float:
    r"""제곱 손실의 평균(D2L의 정의, 1/2이 붙는다).

    .. math:: L = \frac{1}{n}\sum_{i=1}^{n} \frac{1}{2}\left(\hat y^{(i)} - y^{(i)}\right)^2
    """
    y_hat, y = _align(y_hat, y)
    diff = y_hat - y
    return float(0.5 * np.mean(diff * diff))


def squared_loss_grad(y_hat: Any, y: Any) -> np.ndarray:
    r"""평균 제곱 손실을 예측 ``y_hat``으로 미분한 값(``y_hat``과 같은 shape).

    .. math:: \frac{\partial L}{\partial \hat y^{(i)}} = \frac{\hat y^{(i)} - y^{(i)}}{n}
    """
    y_hat, y = _align(y_hat, y)
    return (y_hat - y) / y_hat.size
