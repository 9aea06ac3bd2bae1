"""학습 루프: 파라미터 복원, torch와 같은 결과, 발산 처리, 진행 막대, 추론."""

import re
import sys
import types
import warnings

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import dlkit as dk
from dlkit import training
from dlkit._checks import InputTypeError, InputValueError
from helpers import PROPERTY, assert_korean_error, bad_input_params, junk, maybe_good, outcome

TRUE_W, TRUE_B = [2, -3.4], 4.2


@pytest.fixture
def data():
    return dk.synthetic_data(TRUE_W, TRUE_B, 1000, rng=0)


def train_sgd(data, lr=0.03, seed=1, **kwargs):
    X, y = data
    net = dk.LinearRegression(2, rng=0)
    history = dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=lr), batch_size=10,
                       num_epochs=3, rng=seed, progress=False, **kwargs)
    return net, history


def test_minibatch_sgd_recovers_w_and_b(data):
    net, history = train_sgd(data)
    assert np.abs(net.w[:, 0] - TRUE_W).max() < 1e-2 and abs(net.b[0] - TRUE_B) < 1e-2
    w_star, b_star = dk.normal_equation(*data)
    assert np.abs(net.w - w_star).max() < 5e-3 and abs(net.b[0] - b_star) < 5e-3
    assert history.num_updates == dk.total_updates(1000, 10, 3) == len(history.iteration_losses)
    assert len(history.epoch_losses) == 3 and history.epoch_losses[-1] < 1e-4
    assert not history.diverged and re.search("[가-힣]", history.message)
    assert history.params_path == []


def test_matches_torch_linear_same_batch_order(data):
    X, y = data
    net, history = train_sgd(data, seed=1)
    init = dk.LinearRegression(2, rng=0)  # 같은 초기값
    layer = torch.nn.Linear(2, 1, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(init.w.T))
        layer.bias.copy_(torch.tensor(init.b))
    opt = torch.optim.SGD(layer.parameters(), lr=0.03)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    order_rng = np.random.default_rng(1)  # train(rng=1)과 같은 순서: 에포크마다 permutation
    torch_losses = []
    for _ in range(3):
        order = torch.tensor(order_rng.permutation(len(X)))
        for start in range(0, len(X), 10):
            idx = order[start:start + 10]
            loss = ((layer(Xt[idx]) - yt[idx]) ** 2 / 2).mean()
            torch_losses.append(loss.item())
            opt.zero_grad()
            loss.backward()
            opt.step()
    np.testing.assert_allclose(net.w, layer.weight.detach().numpy().T, rtol=1e-6)
    np.testing.assert_allclose(net.b, layer.bias.detach().numpy(), rtol=1e-6)
    np.testing.assert_allclose(history.iteration_losses, torch_losses, rtol=1e-6, atol=1e-12)


def test_no_shuffle_and_drop_last(data):
    X, y = data
    _, h = train_sgd((X[:105], y[:105]), drop_last=True, shuffle=False)
    assert h.num_updates == 3 * 10
    _, h2 = train_sgd((X[:105], y[:105]), drop_last=False, shuffle=False, seed=None)
    assert h2.num_updates == 3 * 11


def test_record_params_path(data):
    net, h = train_sgd(data, record_params=True)
    path = h.path
    assert path.shape == (h.num_updates + 1, 3)
    np.testing.assert_allclose(path[0], np.r_[dk.LinearRegression(2, rng=0).w[:, 0], 0.0])
    np.testing.assert_allclose(path[-1], np.r_[net.w[:, 0], net.b])


def test_divergence_is_reported_without_warnings(data, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net, h = train_sgd(data, lr=50.0)
    assert h.diverged
    m = re.search(r"에포크 (\d+), 반복 (\d+)에서 손실이 발산했습니다", h.message)
    assert m and "lr=50.0" in h.message
    assert int(m.group(2)) == len(h.iteration_losses) + 1 == h.num_updates + 1
    assert all(np.isfinite(h.iteration_losses)) and len(h.iteration_losses) > 0
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_divergence_detected_at_epoch_end(data):
    X, y = data
    net = dk.LinearRegression(2, rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=1e7), batch_size=1000,
                     num_epochs=5, rng=0, progress=False, verbose=True)
    assert h.diverged and h.message.startswith("에포크 1, 반복 1") and h.epoch_losses == []


def test_nan_loss_message():
    assert "(nan)" in training._divergence_message(2, 5, float("nan"), None)
    assert "(inf)" in training._divergence_message(2, 5, float("inf"), 0.1)


def test_verbose_prints_epoch_losses(data, capsys):
    train_sgd(data, verbose=True)
    out = capsys.readouterr()
    assert out.out.count("에포크") == 3 and out.err == ""


def test_quiet_by_default_even_with_auto_progress(data, capsys, monkeypatch):
    monkeypatch.setenv("DLKIT_PROGRESS", "0")
    X, y = data
    net = dk.LinearRegression(2, rng=0)
    dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=0.03), batch_size=10, num_epochs=1)
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_progress_true_shows_a_bar(data, capsys):
    X, y = data
    net = dk.LinearRegression(2, rng=0)
    dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=0.03), batch_size=100, num_epochs=2,
             progress=True)
    assert "학습" in capsys.readouterr().err


class FakeStdout:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty

    def write(self, s):  # pragma: no cover
        return len(s)


def test_progress_auto_logic(monkeypatch):
    monkeypatch.delenv("DLKIT_PROGRESS", raising=False)
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    assert training.progress_enabled(True) and not training.progress_enabled(False)
    monkeypatch.setattr(sys, "stdout", FakeStdout(False))
    assert not training.progress_enabled(None)
    monkeypatch.setattr(sys, "stdout", FakeStdout(True))
    assert training.progress_enabled(None)
    monkeypatch.setenv("DLKIT_PROGRESS", "0")  # 책 빌드: 터미널이어도 끈다
    assert not training.progress_enabled(None)
    monkeypatch.setenv("DLKIT_PROGRESS", "1")
    monkeypatch.setattr(sys, "stdout", FakeStdout(False))
    assert training.progress_enabled(None)
    assert not training.progress_enabled(False)


def test_progress_auto_in_ipython_kernel(monkeypatch):
    import IPython

    monkeypatch.delenv("DLKIT_PROGRESS", raising=False)
    monkeypatch.setattr(sys, "stdout", FakeStdout(False))
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    assert not training.progress_enabled(None)  # 커널 모듈만 있고 실행 중은 아님
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    assert training.progress_enabled(None)


def test_predict_and_evaluate_leave_weights_unchanged(data):
    X, y = data
    net, _ = train_sgd(data)
    before = [p.tobytes() for p in net.parameters()]
    y_hat = dk.predict(net, X)
    loss = dk.evaluate(net, X, y)
    assert [p.tobytes() for p in net.parameters()] == before
    assert y_hat.shape == (1000, 1) and loss == pytest.approx(dk.squared_loss(y_hat, y))
    assert dk.predict(dk.MLP([1, 4, 1], rng=0), np.linspace(0, 1, 5)).shape == (5, 1)


def test_train_works_for_mlp_with_adam():
    X = np.linspace(-3, 3, 80)
    y = np.sin(X)
    net = dk.MLP([1, 16, 1], activation="tanh", rng=0)
    h = dk.train(net, X, y, optimizer=dk.Adam(net.parameters(), lr=0.02), batch_size=16,
                 num_epochs=60, rng=0, progress=False)
    assert h.epoch_losses[-1] < 0.1 * h.epoch_losses[0]


# --- 잘못된 입력: 부르는 즉시, 인자 이름을 밝히는 한국어 오류 ---------------------------

X2, Y2 = np.ones((4, 2)), np.zeros((4, 1))


def train2(X=X2, y=Y2, net=None, **kw):
    """특성 2개, 예제 4개로 한 에포크 학습(인자 하나만 바꿔 잘못된 입력을 넣는 용도)."""
    net = net or dk.LinearRegression(2, rng=0)
    args = dict(optimizer=dk.SGD(net.parameters(), lr=0.1), batch_size=2, num_epochs=1, progress=False)
    args.update(kw)
    return dk.train(net, X, y, **args)


def test_arithmetic_helpers_may_answer_zero_but_training_never_does():
    assert dk.iterations_per_epoch(0, 32) == 0
    assert dk.iterations_per_epoch(5, 10, drop_last=True) == 0
    assert dk.total_updates(0, 32, 3) == 0
    h = train2(batch_size=4, drop_last=True)
    assert h.num_updates == 1 and "1번 갱신" in h.message


def test_train_reports_nonfinite_step_as_divergence():
    net = dk.LinearRegression(2, rng=0)
    h = dk.train(net, np.full((8, 2), 10.0), np.ones(8), optimizer=dk.SGD(net.parameters(), lr=1e308),
                 batch_size=4, num_epochs=3, progress=False)
    assert h.diverged and "발산" in h.message and "lr=1e+308" in h.message


BAD_INPUT = {
    "args": [
        ("batch_size train", lambda: train2(batch_size=0), ValueError, "batch_size"),
        ("num_epochs 실수", lambda: train2(num_epochs=1.5), TypeError, "num_epochs"),
        ("X y 길이", lambda: train2(y=np.zeros((3, 1))), ValueError, "X"),
        ("빈 X", lambda: train2(X=np.zeros((0, 2)), y=np.zeros((0, 1))), ValueError, "X"),
        ("X NaN", lambda: train2(X=np.array([[np.nan, 0]] * 4)), ValueError, "X"),
        ("y inf", lambda: train2(y=np.array([np.inf, 0, 0, 0])), ValueError, "y"),
        ("X 문자열", lambda: train2(X=[["a", "b"]] * 4), TypeError, "X"),
        ("X 3차원", lambda: train2(X=np.zeros((4, 2, 1))), ValueError, "X"),
        ("net 메서드", lambda: dk.train(object(), X2, Y2, optimizer=dk.SGD([np.zeros(1)], lr=0.1),
                                        batch_size=2, num_epochs=1), TypeError, "net"),
        ("optimizer step", lambda: train2(optimizer=object()), TypeError, "optimizer"),
        ("optimizer 다른 params",
         lambda: train2(optimizer=dk.SGD([np.zeros((2, 1)), np.zeros(1)], lr=0.1)), ValueError, "optimizer"),
        ("predict net", lambda: dk.predict(object(), X2), TypeError, "net"),
    ],
    "shape": [
        ("train 특성 3개", lambda: train2(X=np.ones((4, 3))), InputValueError, "X"),
        ("evaluate 특성 3개", lambda: dk.evaluate(dk.LinearRegression(2, rng=0), np.ones((4, 3)), Y2),
         InputValueError, "X"),
        ("predict 특성 3개", lambda: dk.predict(dk.LinearRegression(2, rng=0), np.ones((4, 3))), InputValueError,
         "X"),
        ("train y 두 열", lambda: train2(y=np.zeros((4, 2))), InputValueError, "y"),
    ],
    "order_type": [
        ("predict 문자열", lambda: dk.predict(dk.LinearRegression(2, rng=0), "1, 2"), InputTypeError, "X"),
        ("train에 클래스", lambda: dk.train(dk.LinearRegression, X2, Y2, optimizer=dk.SGD([np.zeros(1)], lr=0.1),
                                           batch_size=2, num_epochs=1), InputTypeError, "net"),
        ("optimizer에 클래스", lambda: train2(optimizer=dk.SGD), InputTypeError, "optimizer"),
        ("predict에 클래스", lambda: dk.predict(dk.LinearRegression, X2), InputTypeError, "net"),
        ("shuffle 정수", lambda: train2(shuffle=2), InputTypeError, "shuffle"),
        ("progress 문자열", lambda: dk.progress_enabled("on"), InputTypeError, "progress"),
    ],
    "nonfinite": [
        ("evaluate NaN", lambda: dk.evaluate(dk.LinearRegression(2, rng=0), np.full((4, 2), np.nan), Y2),
         InputValueError, "X"),
    ],
    "empty": [
        ("train drop_last 갱신 0번", lambda: train2(batch_size=10, drop_last=True), InputValueError, "drop_last"),
    ],
}


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@PROPERTY
@given(data=st.data(), n=st.integers(0, 6), batch_size=st.one_of(st.integers(0, 5), junk),
       num_epochs=st.one_of(st.integers(0, 2), junk), drop_last=st.booleans())
def test_property_training(data, n, batch_size, num_epochs, drop_last):
    X, y = data.draw(maybe_good(n, 2)), data.draw(st.one_of(maybe_good(n), maybe_good(n, 1)))
    net = dk.LinearRegression(2, rng=0)
    h, err = outcome(lambda: dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=0.01),
                                      batch_size=batch_size, num_epochs=num_epochs, drop_last=drop_last,
                                      rng=0, progress=False))
    if err is None:
        n = len(np.asarray(X))
        assert h.num_updates > 0
        assert h.diverged or h.num_updates == dk.total_updates(n, batch_size, num_epochs, drop_last)
    pred, err = outcome(lambda: dk.predict(net, X))
    if err is None:
        assert pred.shape[1] == 1 and np.isfinite(pred).all()


def test_train_batches_are_the_minibatches_generator(data):
    """train의 미니배치는 dk.minibatches와 같은 순서로 나뉜다(같은 시드 → 같은 배치 → 같은 손실)."""
    X, y = data
    _, history = train_sgd(data, seed=7)
    net = dk.LinearRegression(2, rng=0)
    opt = dk.SGD(net.parameters(), lr=0.03)
    rng = np.random.default_rng(7)
    losses = []
    for _ in range(3):
        for X_batch, y_batch in dk.minibatches(X, y, 10, rng=rng):
            y_hat = net.forward(X_batch)
            losses.append(dk.squared_loss(y_hat, y_batch))  # train이 직접 계산하는 손실과 같은 값
            opt.step(net.backward(dk.squared_loss_grad(y_hat, y_batch)))
    np.testing.assert_allclose(history.iteration_losses, losses, rtol=1e-12)


def test_curve_fit_snapshots_match_torch_full_batch_adam():
    """곡선 맞추기 실험: 같은 초기 가중치의 torch MLP를 전체 배치 Adam(lr 0.01)으로 학습한 예측과 같다."""
    snaps = training.curve_fit_snapshots("tanh", 8, [0, 5, 30], rng=3)
    assert sorted(snaps) == [0, 5, 30]
    X, y = dk.data.curve_data()
    init = dk.MLP([1, 8, 8, 1], activation="tanh", rng=3)
    np.testing.assert_allclose(snaps[0], init.forward(X).ravel())
    params = [torch.tensor(p, requires_grad=True) for p in init.parameters()]
    opt = torch.optim.Adam(params, lr=0.01)
    Xt, yt = torch.tensor(X), torch.tensor(y)

    def forward():
        h = torch.tanh(Xt @ params[0] + params[1])
        h = torch.tanh(h @ params[2] + params[3])
        return h @ params[4] + params[5]

    for epoch in range(1, 31):
        opt.zero_grad()
        loss = ((forward() - yt) ** 2 / 2).mean()
        loss.backward()
        opt.step()
        if epoch in (5, 30):
            np.testing.assert_allclose(snaps[epoch], forward().detach().numpy().ravel(), rtol=1e-6, atol=1e-9)


def test_curve_fit_snapshots_bad_epochs_are_korean_errors():
    with pytest.raises(ValueError, match="epochs"):
        training.curve_fit_snapshots("relu", 4, 10)
    with pytest.raises(ValueError, match="epochs"):
        training.curve_fit_snapshots("relu", 4, [])
    with pytest.raises(ValueError, match="epochs의 값"):
        training.curve_fit_snapshots("relu", 4, [-1])
