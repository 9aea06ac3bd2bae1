r"""손실 함수(loss function): D2L의 제곱 손실(squared loss)과 그 기울기."""

from __future__ import annotations

from typing import Any

import numpy as np


def _align(y_hat: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """``y``를 ``y_hat``과 같은 shape로 맞춘다((n,)과 (n, 1)이 (n, n)으로 퍼지는 실수를 막는다)."""
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.shape != y_hat.shape:
        if y.size != y_hat.size:
            raise ValueError(
                f"y_hat과 y의 원소 수가 다릅니다: y_hat shape {y_hat.shape}, y shape {y.shape}. "
                "예측과 레이블은 예제마다 하나씩 짝지어져야 합니다."
            )
        y = y.reshape(y_hat.shape)
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
