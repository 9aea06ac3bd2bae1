r"""합성 데이터, 미니배치, 에포크·배치 크기·반복 횟수 계산.

``rng`` 인자는 어디서나 같은 뜻이다: ``None``이면 시드 없는 새 생성기,
정수면 그 시드로 만든 새 생성기, ``np.random.Generator``면 그대로 써서
연속 호출이 같은 난수 흐름을 이어 간다.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from dlkit._checks import (
    InputValueError,
    as_float_array,
    as_rng,
    as_scalar,
    as_vector,
    check_bool,
    check_int,
    check_nonnegative_float,
)


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
    order = " 인자 순서는 synthetic_data(w, b, num_examples)입니다 (예: synthetic_data([2, -3.4], 4.2, 1000))."
    w = as_vector(w, "w", hint="." + order)
    b = as_scalar(b, "b", example=4.2)
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
    drop_last = check_bool(drop_last, "drop_last")
    if drop_last:
        return num_examples // batch_size
    return -(-num_examples // batch_size)  # 올림 나눗셈


def total_updates(num_examples: int, batch_size: int, num_epochs: int, drop_last: bool = False) -> int:
    """학습 전체의 가중치 갱신 횟수 = 에포크 수 × 에포크당 반복 수."""
    num_epochs = check_int(num_epochs, "num_epochs", example=3)
    return num_epochs * iterations_per_epoch(num_examples, batch_size, drop_last)


def batch_ids(num_examples: int, batch_size: int, drop_last: bool = False) -> np.ndarray:
    """(섞은 순서의) 위치마다 그 예제가 들어가는 미니배치 번호. 버린 자리(``drop_last``)는 -1.

    :func:`minibatches`와 :func:`dlkit.train`이 데이터를 나누는 방식 그대로다. 예:
    ``batch_ids(5, 2)``는 ``[0, 0, 1, 1, 2]``, ``batch_ids(5, 2, drop_last=True)``는 ``[0, 0, 1, 1, -1]``.
    """
    num_examples = check_int(num_examples, "num_examples", minimum=0, example=1000)
    batch_size = check_int(batch_size, "batch_size")
    drop_last = check_bool(drop_last, "drop_last")
    ids = np.full(num_examples, -1)
    for k, start in enumerate(_batch_slices(num_examples, batch_size, drop_last)):
        ids[start:start + batch_size] = k
    return ids


def curve_data(num_examples: int = 120) -> tuple[np.ndarray, np.ndarray]:
    r"""곡선 맞추기 실험의 데이터: 구간 :math:`[-3, 3]`에 고르게 놓은 :math:`x`와 :math:`y = \sin x + 0.3x`.

    선형 층만 쌓은 모델은 직선밖에 못 그리고 활성화 함수를 넣은 모델은 이 곡선을 따라간다는 것을
    보이는 데 쓴다(:func:`dlkit.training.curve_fit_snapshots`). 잡음은 없다.

    Returns
    -------
    X, y : np.ndarray, shape (n, 1)
    """
    num_examples = check_int(num_examples, "num_examples", minimum=2, example=120)
    X = np.linspace(-3, 3, num_examples).reshape(-1, 1)
    return X, np.sin(X) + 0.3 * X


def _batch_slices(num_examples: int, batch_size: int, drop_last: bool) -> range:
    """미니배치의 시작 위치들(검사 없이 쓰는 내부 도우미)."""
    stop = num_examples - num_examples % batch_size if drop_last else num_examples
    return range(0, stop, batch_size)


def minibatches(X: Any, y: Any, batch_size: int, *, shuffle: bool = True, drop_last: bool = False,
                rng: Any = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """한 에포크 동안 ``(X_batch, y_batch)`` 미니배치를 차례로 내놓는 생성기를 돌려준다.

    인자는 부르는 즉시 검사한다(잘못된 인자는 반복을 시작하기 전에 오류가 된다).

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

    Returns
    -------
    iterator of (X_batch, y_batch)
        np.ndarray의 쌍. 모든 예제가 에포크마다 정확히 한 번씩 나온다(``drop_last``로 버린 것 제외).
    """
    # 생성기는 처음 꺼낼 때에야 실행되므로, 검사는 여기서 곧바로 하고 생성기를 돌려준다
    order_hint = " 인자 순서는 minibatches(X, y, batch_size)입니다."
    X = as_float_array(X, "X", example="X=np.zeros((100, 2))")
    y = as_float_array(y, "y", example="y=np.zeros((100, 1))")
    for arr, name in ((X, "X"), (y, "y")):
        if arr.ndim == 0:
            raise InputValueError(
                f"{name}는 예제를 첫 번째 축에 쌓은 배열이어야 합니다. 받은 값: 숫자 하나({float(arr):g})."
                + order_hint
            )
    if len(X) != len(y):
        raise InputValueError(
            f"X와 y의 예제 수가 다릅니다: X는 {len(X)}개, y는 {len(y)}개입니다. "
            "같은 예제 수의 X와 y를 넘기세요."
        )
    if len(X) == 0:
        raise InputValueError("X가 비어 있습니다(예제 0개). 예제가 하나 이상 있는 데이터를 넘기세요.")
    batch_size = check_int(batch_size, "batch_size")
    shuffle = check_bool(shuffle, "shuffle")
    drop_last = check_bool(drop_last, "drop_last")
    n = len(X)
    if drop_last and n < batch_size:
        raise InputValueError(
            f"drop_last=True인데 예제 수({n})가 batch_size({batch_size})보다 작아 배치가 하나도 나오지 않습니다. "
            f"batch_size를 {n} 이하로 줄이거나 drop_last=False로 두세요."
        )
    gen = as_rng(rng)
    return _minibatch_generator(X, y, batch_size, drop_last, gen if shuffle else None)


def _minibatch_generator(X: np.ndarray, y: np.ndarray, batch_size: int, drop_last: bool,
                         rng: np.random.Generator | None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """검사를 마친 인자로 미니배치를 내놓는 생성기(내부용)."""
    n = len(X)
    if rng is not None:
        order = rng.permutation(n)
        X, y = X[order], y[order]
    for start in _batch_slices(n, batch_size, drop_last):
        yield X[start:start + batch_size], y[start:start + batch_size]


__all__ = ["synthetic_data", "minibatches", "iterations_per_epoch", "total_updates", "batch_ids",
           "curve_data"]
