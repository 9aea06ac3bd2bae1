r"""학습(training)과 추론(inference).

학습은 미니배치마다 순전파(forward) → 손실 → 역전파(backward) → 가중치 갱신을
되풀이하고, 추론은 순전파만 한다(가중치는 그대로).
"""

from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dlkit._checks import (
    InputValueError,
    NonFiniteStepError,
    as_float_array,
    as_rng,
    check_bool,
    check_instance,
    check_int,
    check_Xy,
)
from dlkit.data import _batch_slices, _minibatch_generator, curve_data
from dlkit.losses import squared_loss

DIVERGENCE_THRESHOLD = 1e12
"""손실이 이 값보다 크거나 NaN/inf가 되면 발산했다고 보고 학습을 멈춘다."""


@dataclass
class History:
    """학습 기록.

    Attributes
    ----------
    iteration_losses : list of float
        반복(iteration)마다, 갱신 **전** 미니배치의 손실.
    epoch_losses : list of float
        에포크가 끝날 때마다 전체 데이터에 대한 손실.
    num_updates : int
        실제로 한 가중치 갱신 횟수.
    diverged : bool
        손실이 발산(NaN, inf 또는 1e12 초과)해서 학습을 멈췄는지.
    message : str
        결과를 한국어로 요약한 문장(발산했다면 어느 에포크, 어느 반복인지).
    params_path : list of np.ndarray
        ``record_params=True``일 때만 채워진다. 처음 값과 매 갱신 후의 모든 매개변수를
        한 줄로 펼쳐 이어 붙인 벡터(선형 회귀면 ``[w_1, ..., w_d, b]``). 길이는 ``num_updates + 1``.
    """

    iteration_losses: list[float] = field(default_factory=list)
    epoch_losses: list[float] = field(default_factory=list)
    num_updates: int = 0
    diverged: bool = False
    message: str = ""
    params_path: list[np.ndarray] = field(default_factory=list)

    @property
    def path(self) -> np.ndarray:
        """``params_path``를 shape (갱신 수 + 1, 매개변수 수)의 배열로 돌려준다."""
        return np.array(self.params_path)


def _in_ipython_kernel() -> bool:
    """IPython 커널(Jupyter 노트북) 안에서 실행 중인지."""
    if "ipykernel" not in sys.modules:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipykernel이 있으면 IPython도 있다
        return False
    return get_ipython() is not None


def progress_enabled(progress: bool | None = None) -> bool:
    """진행 막대(progress bar)를 보여 줄지 정한다.

    ``progress``가 ``True``/``False``면 그대로 따른다. ``None``(자동)이면 환경 변수
    ``DLKIT_PROGRESS``가 ``"0"``일 때 끄고(책 빌드), ``"1"``일 때 켜며, 그 밖에는 사람이
    보고 있을 때, 즉 터미널(tty)이거나 IPython 커널 안일 때만 켠다.
    """
    progress = check_bool(progress, "progress", allow_none=True)
    if progress is not None:
        return progress
    env = os.environ.get("DLKIT_PROGRESS")
    if env == "0":
        return False
    if env == "1":
        return True
    try:
        isatty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        isatty = False
    return isatty or _in_ipython_kernel()


def _check_net(net: Any, methods: tuple[str, ...] = ("forward", "backward", "parameters")) -> None:
    check_instance(net, "net", methods=methods, example="dk.LinearRegression(2)")


def _divergence_message(epoch: int, iteration: int, loss: float, lr: Any) -> str:
    value = "nan" if math.isnan(loss) else ("inf" if math.isinf(loss) else f"{loss:.3g}")
    tip = f"학습률(lr={lr})을 줄여 보세요." if lr is not None else "학습률을 줄여 보세요."
    return f"에포크 {epoch}, 반복 {iteration}에서 손실이 발산했습니다({value}). {tip}"


def train(net: Any, X: Any, y: Any, *, optimizer: Any, batch_size: int, num_epochs: int,
          rng: Any = None, drop_last: bool = False, shuffle: bool = True,
          progress: bool | None = None, record_params: bool = False,
          verbose: bool = False) -> History:
    """미니배치 학습: 배치마다 순전파 → 제곱 손실 → 역전파 → ``optimizer.step``.

    Parameters
    ----------
    net : 모델
        ``forward(X)``, ``backward(grad_y_hat)``, ``parameters()``가 있는 객체.
    X, y : array_like
        특성 (n, d)와 레이블 (n,) 또는 (n, 1). 1차원 ``X``는 (n, 1)로 본다.
    optimizer : 옵티마이저
        ``step(grads)``가 있는 객체(예: ``dk.SGD(net.parameters(), lr=0.03)``).
    batch_size : int
        배치 크기.
    num_epochs : int
        에포크 수: 전체 데이터를 몇 번 쓸지.
    rng : None, int 또는 np.random.Generator
        에포크마다 예제 순서를 섞는 난수 생성기 또는 시드.
    drop_last : bool, default False
        크기가 모자란 마지막 배치를 버릴지.
    shuffle : bool, default True
        에포크마다 순서를 섞을지.
    progress : bool 또는 None
        진행 막대. ``None``이면 :func:`progress_enabled`가 정한다.
    record_params : bool, default False
        매 갱신 후 매개변수를 ``History.params_path``에 기록할지(경로 그림용).
    verbose : bool, default False
        에포크마다 손실을 출력할지. 기본은 아무것도 출력하지 않는다.

    Returns
    -------
    History
        손실 기록. 발산하면 그 전까지의 기록을 담고 ``diverged=True``가 된다.
    """
    _check_net(net)
    X, y = check_Xy(X, y)
    batch_size = check_int(batch_size, "batch_size")
    num_epochs = check_int(num_epochs, "num_epochs", example=3)
    check_instance(optimizer, "optimizer", methods=("step",),
                   example="dk.SGD(net.parameters(), lr=0.03)")
    drop_last = check_bool(drop_last, "drop_last")
    shuffle = check_bool(shuffle, "shuffle")
    record_params = check_bool(record_params, "record_params")
    verbose = check_bool(verbose, "verbose")
    progress = check_bool(progress, "progress", allow_none=True)
    if drop_last and len(X) < batch_size:
        raise InputValueError(
            f"drop_last=True인데 예제 수({len(X)})가 batch_size({batch_size})보다 작아 한 번도 갱신하지 못합니다. "
            f"batch_size를 {len(X)} 이하로 줄이거나 drop_last=False로 두세요."
        )
    params = net.parameters()
    opt_params = getattr(optimizer, "params", None)
    if opt_params is not None and not (len(opt_params) == len(params)
                                       and all(p is q for p, q in zip(opt_params, params))):
        raise InputValueError(
            "optimizer가 net의 매개변수가 아닌 다른 배열을 갱신하고 있습니다. "
            "옵티마이저를 net.parameters()로 만드세요 (예: dk.SGD(net.parameters(), lr=0.03))"
        )
    rng = as_rng(rng) if shuffle else None
    _check_output_shape(net, X, y)
    n = len(X)
    starts = _batch_slices(n, batch_size, drop_last)
    history = History()
    lr = getattr(optimizer, "lr", None)

    def snapshot() -> np.ndarray:
        return np.concatenate([np.ravel(p) for p in params])

    if record_params:
        history.params_path.append(snapshot())
    bar = None
    if progress_enabled(progress):
        from tqdm.auto import tqdm

        bar = tqdm(total=num_epochs * len(starts), desc="학습", unit="반복", leave=False)

    forward, backward, step = net.forward, net.backward, optimizer.step
    iteration = 0
    try:
        with np.errstate(all="ignore"):  # 발산은 손실 값을 보고 직접 알린다(경고 없음)
            for epoch in range(1, num_epochs + 1):
                # 미니배치는 dk.minibatches와 같은 생성기가 나눈다(섞는 방식·순서·난수 흐름이 같다)
                for X_batch, y_batch in _minibatch_generator(X, y, batch_size, drop_last, rng):
                    iteration += 1
                    y_hat = forward(X_batch)
                    diff = y_hat - y_batch
                    # 손실은 squared_loss(y_hat, y_batch)와 같은 값을 여기서 직접 계산한다(속도 때문에:
                    # 반복마다 인자 검사를 건너뛰고, 역전파에 쓸 diff를 한 번만 만든다)
                    loss = 0.5 * float(np.mean(diff * diff))
                    if not loss <= DIVERGENCE_THRESHOLD:  # NaN도 여기서 걸린다
                        history.diverged = True
                        history.message = _divergence_message(epoch, iteration, loss, lr)
                        return history
                    history.iteration_losses.append(loss)
                    step(backward(diff / diff.size))
                    history.num_updates += 1
                    if record_params:
                        history.params_path.append(snapshot())
                    if bar is not None:
                        bar.update(1)
                epoch_loss = squared_loss(forward(X), y)
                if not epoch_loss <= DIVERGENCE_THRESHOLD:
                    history.diverged = True
                    history.message = _divergence_message(epoch, iteration, epoch_loss, lr)
                    return history
                history.epoch_losses.append(epoch_loss)
                if bar is not None:
                    bar.set_postfix(loss=f"{epoch_loss:.4g}")
                if verbose:
                    print(f"에포크 {epoch}, 손실 {epoch_loss:f}")
        history.message = (
            f"{num_epochs} 에포크 동안 {history.num_updates}번 갱신했습니다. "
            f"마지막 손실: {history.epoch_losses[-1]:.6g}"
        )
        return history
    except NonFiniteStepError:  # 갱신으로 매개변수가 NaN/inf가 됨 = 발산
        history.diverged = True
        history.message = _divergence_message(epoch, iteration, float("inf"), lr)
        return history
    finally:
        if bar is not None:
            bar.close()
        if verbose and history.diverged:
            print(history.message)


def curve_fit_snapshots(activation: str | None, hidden: int, epochs: Any, *,
                        rng: Any = 0) -> dict[int, np.ndarray]:
    """곡선 맞추기 실험: MLP ``[1, hidden, hidden, 1]``을 :func:`dlkit.data.curve_data`에 맞추며 예측을 모은다.

    전체 배치(배치 하나 = 데이터 전체, 섞지 않음) Adam(학습률 0.01)으로 학습하고, ``epochs``에 든
    에포크마다 그때의 예측을 기록한다. 그림 :func:`dlkit.plot_linear_vs_activation`과 데모
    ``dk.widgets.linear_vs_activation_demo``가 같은 실험을 이 함수로 한다.

    Parameters
    ----------
    activation : str 또는 None
        은닉층의 활성화 함수 이름(예: ``"relu"``). ``None``이면 활성화 없이 선형 층만 쌓는다.
    hidden : int
        은닉층 하나의 뉴런 수.
    epochs : iterable of int
        예측을 기록할 에포크들(0 이상, 0은 학습 전).
    rng : None, int 또는 np.random.Generator
        가중치 초기화의 난수 생성기 또는 시드.

    Returns
    -------
    dict
        에포크 → 예측 ``y_hat``(shape (n,)).
    """
    from dlkit.models import MLP
    from dlkit.optim import Adam

    hidden = check_int(hidden, "hidden", example=16)
    if isinstance(epochs, (str, bytes)) or not hasattr(epochs, "__iter__"):
        raise InputValueError(f"epochs는 에포크 수들의 목록이어야 합니다. 받은 값: {epochs!r} (예: epochs=[0, 50, 200])")
    marks = sorted({check_int(e, "epochs의 값", minimum=0, example=100) for e in epochs})
    if not marks:
        raise InputValueError("epochs가 비어 있습니다. 예측을 기록할 에포크를 하나 이상 주세요 (예: epochs=[0, 50, 200])")
    X, y = curve_data()
    net = MLP([1, hidden, hidden, 1], activation=activation, rng=rng)
    optimizer = Adam(net.parameters(), lr=0.01)
    out, done = {}, 0
    for e in marks:
        if e > done:
            train(net, X, y, optimizer=optimizer, batch_size=len(X), num_epochs=e - done, shuffle=False,
                  progress=False)
            done = e
        out[e] = net.forward(X).ravel().copy()
    return out


def _check_output_shape(net: Any, X: np.ndarray, y: np.ndarray) -> None:
    """예제 하나로 순전파해 출력 shape가 ``y``의 한 행과 맞는지 미리 확인한다(조용한 broadcast 방지)."""
    out = np.shape(net.forward(X[:1]))
    if out != (1, y.shape[1]):
        raise InputValueError(
            f"net의 출력 shape {out}가 y의 한 행 shape (1, {y.shape[1]})와 맞지 않습니다. "
            f"y는 shape (예제 수, {out[-1] if out else 1})여야 합니다 (예: y.shape == ({len(y)}, 1))."
        )


def evaluate(net: Any, X: Any, y: Any) -> float:
    """전체 데이터에 대한 평균 제곱 손실(추론만, 가중치는 바뀌지 않는다)."""
    _check_net(net, ("forward",))
    X, y = check_Xy(X, y)
    return squared_loss(predict(net, X), y)


def predict(net: Any, X: Any) -> np.ndarray:
    """추론(inference): 순전파만 해서 ``y_hat``을 낸다. 역전파도 갱신도 하지 않는다."""
    _check_net(net, ("forward",))
    X = as_float_array(X, "X", example="X=np.array([[1.0, 1.0]])")
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    return net.forward(X)
