r"""합성 데이터, 미니배치, 에포크·배치 크기·반복 횟수 계산.

``rng`` 인자는 어디서나 같은 뜻이다: ``None``이면 시드 없는 새 생성기,
정수면 그 시드로 만든 새 생성기, ``np.random.Generator``면 그대로 써서
연속 호출이 같은 난수 흐름을 이어 간다.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from dlkit._checks import as_float_array, as_rng, check_int, check_nonnegative_float


def synthetic_data(w: Any, b: float, num_examples: int, *, noise: float = 0.01,
                   rng: Any = None) -> tuple[np.ndarray, np.ndarray]:
    r"""D2L의 합성 선형 회귀 데이터 :math:`y = Xw + b + \epsilon`을 만든다.

    Parameters
    ----------
    w : array_like, shape (d,)
        참 가중치(true weight). 예: ``[2, -3.4]``.
    b : float
        참 편향(true bias). 예: ``4.2``.
    num_examples : int
        예제 수 :math:`n` (0 이상).
    noise : float, default 0.01
        잡음 :math:`\epsilon \sim \mathcal{N}(0, \mathrm{noise}^2)`의 표준편차.
    rng : None, int 또는 np.random.Generator
        난수 생성기 또는 시드.

    Returns
    -------
    X : np.ndarray, shape (n, d)
        표준정규분포에서 뽑은 특성(feature).
    y : np.ndarray, shape (n, 1)
        레이블(label).
    """
    w = as_float_array(w, "w").reshape(-1)
    b = float(as_float_array(b, "b"))
    num_examples = check_int(num_examples, "num_examples", minimum=0, example=1000)
    noise = check_nonnegative_float(noise, "noise", example=0.01)
    rng = as_rng(rng)
    X = rng.standard_normal((num_examples, len(w)))
    y = X @ w + b
    y += noise * rng.standard_normal(y.shape)
    return X, y.reshape(-1, 1)


def iterations_per_epoch(num_examples: int, batch_size: int, drop_last: bool = False) -> int:
    r"""한 에포크의 반복(iteration) 수 = 가중치를 갱신하는 횟수.

    .. math:: \left\lceil N / B \right\rceil \quad(\text{drop\_last이면 } \lfloor N / B \rfloor)

    예: 데이터 100 GB, 한 번에 25 GB씩이면 ``iterations_per_epoch(100, 25) == 4``.
    """
    num_examples = check_int(num_examples, "num_examples", minimum=0, example=1000)
    batch_size = check_int(batch_size, "batch_size")
    if drop_last:
        return num_examples // batch_size
    return -(-num_examples // batch_size)  # 올림 나눗셈


def total_updates(num_examples: int, batch_size: int, num_epochs: int, drop_last: bool = False) -> int:
    """학습 전체의 가중치 갱신 횟수 = 에포크 수 × 에포크당 반복 수."""
    num_epochs = check_int(num_epochs, "num_epochs", example=3)
    return num_epochs * iterations_per_epoch(num_examples, batch_size, drop_last)


def _batch_slices(num_examples: int, batch_size: int, drop_last: bool) -> range:
    """미니배치의 시작 위치들(검사 없이 쓰는 내부 도우미)."""
    stop = num_examples - num_examples % batch_size if drop_last else num_examples
    return range(0, stop, batch_size)


def minibatches(X: Any, y: Any, batch_size: int, *, shuffle: bool = True, drop_last: bool = False,
                rng: Any = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """한 에포크 동안 ``(X_batch, y_batch)`` 미니배치를 차례로 내놓는 생성기.

    Parameters
    ----------
    X, y : array_like
        예제 수가 같은 특성과 레이블.
    batch_size : int
        배치 크기(1 이상의 정수). 마지막 배치는 남은 예제만큼 작을 수 있다.
    shuffle : bool, default True
        예제 순서를 섞을지 여부.
    drop_last : bool, default False
        ``True``이면 ``batch_size``보다 작은 마지막 배치를 버린다.
    rng : None, int 또는 np.random.Generator
        섞을 때 쓰는 난수 생성기 또는 시드.

    Yields
    ------
    X_batch, y_batch : np.ndarray
        모든 예제가 에포크마다 정확히 한 번씩 나온다(``drop_last``로 버린 것 제외).
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if len(X) != len(y):
        raise ValueError(
            f"X와 y의 예제 수가 다릅니다: X는 {len(X)}개, y는 {len(y)}개입니다. "
            "같은 예제 수의 X와 y를 넘기세요."
        )
    batch_size = check_int(batch_size, "batch_size")
    n = len(X)
    if shuffle:
        order = as_rng(rng).permutation(n)
        X, y = X[order], y[order]
    for start in _batch_slices(n, batch_size, drop_last):
        yield X[start:start + batch_size], y[start:start + batch_size]


__all__ = ["synthetic_data", "minibatches", "iterations_per_epoch", "total_updates"]
