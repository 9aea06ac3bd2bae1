r"""처음부터 만든 옵티마이저(optimizer): SGD(모멘텀), RMSProp, Adam.

``params``는 numpy 실수 배열의 리스트이고, ``step(grads)``가 각 배열을
제자리(in place)에서 갱신한다. 갱신 규칙은 PyTorch(``torch.optim``)와 정확히 같다.

- SGD: :math:`v \leftarrow \mu v + g` (첫 단계는 :math:`v = g`), :math:`p \leftarrow p - \eta v`
- RMSProp: :math:`s \leftarrow \alpha s + (1-\alpha) g^2`,
  :math:`p \leftarrow p - \eta\, g / (\sqrt{s} + \epsilon)`
- Adam: :math:`m \leftarrow \beta_1 m + (1-\beta_1) g`, :math:`v \leftarrow \beta_2 v + (1-\beta_2) g^2`,
  :math:`\hat m = m / (1-\beta_1^t)`, :math:`\hat v = v / (1-\beta_2^t)`,
  :math:`p \leftarrow p - \eta\, \hat m / (\sqrt{\hat v} + \epsilon)`

참고: 교재와 블로그마다 조금씩 다른 형태가 있다. D2L의 RMSProp/Adagrad는
:math:`\sqrt{s + \epsilon}`처럼 ``eps``를 제곱근 안에 넣고, 어떤 글은 모멘텀을
:math:`v \leftarrow \beta v + (1-\beta) g` (지수 이동 평균)로 쓴다. 이 경우 같은
학습률이라도 실제 보폭이 :math:`1/(1-\beta)`배 달라지므로, 여기서는 torch와 같은 형태를 쓴다.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dlkit._checks import (
    InputValueError,
    NonFiniteStepError,
    check_grads,
    check_params,
    check_positive_float,
    check_unit_interval,
)


class Optimizer:
    """옵티마이저의 공통 바탕 클래스.

    Parameters
    ----------
    params : list of np.ndarray
        갱신할 매개변수(실수 배열). 같은 배열 객체를 제자리에서 바꾼다.
    lr : float
        학습률(learning rate). 0보다 큰 유한한 실수.
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float) -> None:
        self.params: list[np.ndarray] = check_params(params)
        self.lr: float = check_positive_float(lr, "lr")
        self.zero_state()

    def zero_state(self) -> None:
        """모멘텀 같은 내부 상태를 처음 상태로 되돌린다."""
        self.t = 0

    def step(self, grads: Sequence[np.ndarray]) -> None:
        """기울기 ``grads``(``params``와 같은 순서, 같은 shape)로 매개변수를 한 번 갱신한다."""
        grads = check_grads(grads, self.params)
        self.t += 1
        with np.errstate(over="ignore", invalid="ignore"):  # 넘침은 아래에서 한국어로 알린다
            for i, (p, g) in enumerate(zip(self.params, grads)):
                self._update(i, p, g)
        bad = [i for i, p in enumerate(self.params) if not np.isfinite(p).all()]
        if bad:
            raise NonFiniteStepError(
                f"{self.t}번째 갱신 뒤 params{bad}에 NaN 또는 무한대(inf)가 생겼습니다. "
                f"학습률(lr={self.lr:g})이 너무 크거나 기울기가 너무 큽니다. 학습률을 줄여 다시 시작하세요 "
                "(매개변수를 처음 값으로 되돌리고 새 옵티마이저를 만드세요)."
            )

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    r"""확률적 경사 하강법(SGD), 선택적으로 모멘텀(momentum)을 쓴다.

    Parameters
    ----------
    params : list of np.ndarray
        갱신할 매개변수.
    lr : float
        학습률 :math:`\eta`.
    momentum : float, default 0.0
        모멘텀 계수 :math:`\mu` (0 이상 1 미만). 0이면 :math:`p \leftarrow p - \eta g`.
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float, momentum: float = 0.0) -> None:
        self.momentum = check_unit_interval(momentum, "momentum")
        super().__init__(params, lr)

    def zero_state(self) -> None:
        super().zero_state()
        self.velocities: list[np.ndarray | None] = [None] * len(self.params)

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        if self.momentum == 0:
            p -= self.lr * g
            return
        v = self.velocities[i]
        if v is None:
            v = self.velocities[i] = g.copy()  # 첫 단계는 torch처럼 v = g
        else:
            v *= self.momentum
            v += g
        p -= self.lr * v

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr}, momentum={self.momentum})"


class RMSProp(Optimizer):
    r"""RMSProp: 기울기 제곱의 이동 평균으로 좌표마다 보폭을 조절한다.

    Parameters
    ----------
    params : list of np.ndarray
        갱신할 매개변수.
    lr : float
        학습률 :math:`\eta`.
    alpha : float, default 0.99
        기울기 제곱 이동 평균의 감쇠율(0 이상 1 미만).
    eps : float, default 1e-8
        0으로 나누기를 막는 작은 수. torch처럼 제곱근 **밖**에 더한다.
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float, alpha: float = 0.99,
                 eps: float = 1e-8) -> None:
        self.alpha = check_unit_interval(alpha, "alpha", example=0.99)
        self.eps = check_positive_float(eps, "eps", example=1e-8)
        super().__init__(params, lr)

    def zero_state(self) -> None:
        super().zero_state()
        self.square_avgs = [np.zeros_like(p) for p in self.params]

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        s = self.square_avgs[i]
        s *= self.alpha
        s += (1 - self.alpha) * g * g
        p -= self.lr * g / (np.sqrt(s) + self.eps)

    def __repr__(self) -> str:
        return f"RMSProp(lr={self.lr}, alpha={self.alpha}, eps={self.eps})"


class Adam(Optimizer):
    r"""Adam: 모멘텀(1차 모멘트)과 RMSProp(2차 모멘트)을 합치고 치우침 보정(bias correction)을 한다.

    Parameters
    ----------
    params : list of np.ndarray
        갱신할 매개변수.
    lr : float
        학습률 :math:`\eta`.
    betas : tuple of float, default (0.9, 0.999)
        1차, 2차 모멘트 이동 평균의 감쇠율 :math:`(\beta_1, \beta_2)`, 각각 0 이상 1 미만.
    eps : float, default 1e-8
        0으로 나누기를 막는 작은 수(제곱근 밖).
    """

    def __init__(self, params: Sequence[np.ndarray], lr: float,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8) -> None:
        try:
            beta1, beta2 = betas
        except (TypeError, ValueError):
            raise InputValueError(
                f"betas는 0 이상 1 미만의 실수 두 개여야 합니다. 받은 값: {betas!r} (예: betas=(0.9, 0.999))"
            ) from None
        for beta in (beta1, beta2):
            try:
                check_unit_interval(beta, "betas")
            except ValueError:
                raise InputValueError(
                    f"betas의 두 값은 모두 0 이상 1 미만이어야 합니다. 받은 값: {betas!r} "
                    "(예: betas=(0.9, 0.999))"
                ) from None
        self.betas = (float(beta1), float(beta2))
        self.eps = check_positive_float(eps, "eps", example=1e-8)
        super().__init__(params, lr)

    def zero_state(self) -> None:
        super().zero_state()
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        beta1, beta2 = self.betas
        m, v = self.m[i], self.v[i]
        m += (1 - beta1) * (g - m)  # m = β1·m + (1-β1)·g (torch의 lerp와 같은 계산)
        v *= beta2
        v += (1 - beta2) * g * g
        # 치우침 보정(bias correction): m_hat = m / bc1, v_hat = v / bc2를 torch와 같은 순서로 계산한다.
        # v_hat을 먼저 만들면 |g| > 1e154쯤에서 넘치므로(inf) 제곱근을 먼저 하고 sqrt(bc2)로 나눈다.
        bias_correction1 = 1 - beta1**self.t
        bias_correction2 = 1 - beta2**self.t
        step_size = self.lr / bias_correction1
        denom = np.sqrt(v) / bias_correction2**0.5 + self.eps  # = sqrt(v_hat) + eps
        p -= step_size * m / denom

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr}, betas={self.betas}, eps={self.eps})"
