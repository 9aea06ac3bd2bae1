"""잘못된 입력은 인자 이름을 밝히는 한국어 오류가 된다(조용한 NaN이나 numpy 내부 오류가 아니라)."""

import re

import numpy as np
import pytest

import dlkit as dk

HANGUL = re.compile("[가-힣]")
X2, Y2 = np.zeros((4, 2)), np.zeros((4, 1))


def fresh_train(**overrides):
    net = dk.LinearRegression(2, rng=0)
    kwargs = dict(optimizer=dk.SGD(net.parameters(), lr=0.1), batch_size=2, num_epochs=1,
                  progress=False)
    kwargs.update(overrides)
    X = kwargs.pop("X", X2)
    y = kwargs.pop("y", Y2)
    return dk.train(net, X, y, **kwargs)


CASES = [
    # (이름, 호출, 예외, 메시지에 있어야 할 인자 이름)
    ("batch_size 0", lambda: dk.iterations_per_epoch(10, 0), ValueError, "batch_size"),
    ("batch_size 음수", lambda: list(dk.minibatches(X2, Y2, -3)), ValueError, "batch_size"),
    ("batch_size 실수", lambda: dk.iterations_per_epoch(10, 2.5), TypeError, "batch_size"),
    ("batch_size bool", lambda: dk.iterations_per_epoch(10, True), TypeError, "batch_size"),
    ("batch_size train", lambda: fresh_train(batch_size=0), ValueError, "batch_size"),
    ("num_examples 음수", lambda: dk.iterations_per_epoch(-1, 2), ValueError, "num_examples"),
    ("num_examples synthetic", lambda: dk.synthetic_data([1.0], 0.0, -5), ValueError, "num_examples"),
    ("noise 음수", lambda: dk.synthetic_data([1.0], 0.0, 5, noise=-1.0), ValueError, "noise"),
    ("num_epochs 0", lambda: dk.total_updates(10, 2, 0), ValueError, "num_epochs"),
    ("num_epochs 실수", lambda: fresh_train(num_epochs=1.5), TypeError, "num_epochs"),
    ("lr 0", lambda: dk.SGD([np.zeros(2)], lr=0), ValueError, "lr"),
    ("lr 음수", lambda: dk.Adam([np.zeros(2)], lr=-0.1), ValueError, "lr"),
    ("lr NaN", lambda: dk.RMSProp([np.zeros(2)], lr=float("nan")), ValueError, "lr"),
    ("lr inf", lambda: dk.SGD([np.zeros(2)], lr=np.inf), ValueError, "lr"),
    ("lr 문자열", lambda: dk.SGD([np.zeros(2)], lr="0.1"), TypeError, "lr"),
    ("betas 1", lambda: dk.Adam([np.zeros(2)], lr=0.1, betas=(0.9, 1.0)), ValueError, "betas"),
    ("betas 음수", lambda: dk.Adam([np.zeros(2)], lr=0.1, betas=(-0.1, 0.9)), ValueError, "betas"),
    ("betas 하나", lambda: dk.Adam([np.zeros(2)], lr=0.1, betas=0.9), ValueError, "betas"),
    ("eps 0", lambda: dk.Adam([np.zeros(2)], lr=0.1, eps=0), ValueError, "eps"),
    ("eps 음수", lambda: dk.RMSProp([np.zeros(2)], lr=0.1, eps=-1e-8), ValueError, "eps"),
    ("alpha 1", lambda: dk.RMSProp([np.zeros(2)], lr=0.1, alpha=1.0), ValueError, "alpha"),
    ("momentum 음수", lambda: dk.SGD([np.zeros(2)], lr=0.1, momentum=-0.5), ValueError, "momentum"),
    ("정수 params", lambda: dk.SGD([np.zeros(2, dtype=int)], lr=0.1), TypeError, "params"),
    ("배열 하나 params", lambda: dk.SGD(np.zeros(2), lr=0.1), TypeError, "params"),
    ("빈 params", lambda: dk.SGD([], lr=0.1), ValueError, "params"),
    ("grads 개수", lambda: dk.SGD([np.zeros(2), np.zeros(1)], lr=0.1).step([np.zeros(2)]),
     ValueError, "grads"),
    ("grads shape", lambda: dk.Adam([np.zeros(2)], lr=0.1).step([np.zeros(3)]), ValueError, "grads"),
    ("grads 배열 하나", lambda: dk.Adam([np.zeros(2)], lr=0.1).step(np.zeros(2)), TypeError, "grads"),
    ("X y 길이", lambda: fresh_train(y=np.zeros((3, 1))), ValueError, "X"),
    ("minibatches X y 길이", lambda: list(dk.minibatches(X2, np.zeros(3), 2)), ValueError, "X"),
    ("빈 X", lambda: fresh_train(X=np.zeros((0, 2)), y=np.zeros((0, 1))), ValueError, "X"),
    ("X NaN", lambda: fresh_train(X=np.array([[np.nan, 0]] * 4)), ValueError, "X"),
    ("y inf", lambda: fresh_train(y=np.array([np.inf, 0, 0, 0])), ValueError, "y"),
    ("X 문자열", lambda: fresh_train(X=[["a", "b"]] * 4), TypeError, "X"),
    ("X 3차원", lambda: fresh_train(X=np.zeros((4, 2, 1))), ValueError, "X"),
    ("활성화 이름", lambda: dk.get_activation("sigmod"), ValueError, "name"),
    ("MLP 활성화 이름", lambda: dk.MLP([1, 2, 1], activation="Relu"), ValueError, "relu"),
    ("MLP layer_sizes", lambda: dk.MLP([3]), ValueError, "layer_sizes"),
    ("MLP layer_sizes 0", lambda: dk.MLP([3, 0, 1]), ValueError, "layer_sizes"),
    ("지형 이름", lambda: dk.get_surface("valley"), ValueError, "name"),
    ("num_inputs", lambda: dk.LinearRegression(0), ValueError, "num_inputs"),
    ("rng 종류", lambda: dk.synthetic_data([1.0], 0.0, 3, rng="seed"), TypeError, "rng"),
    ("net 메서드", lambda: dk.train(object(), X2, Y2, optimizer=dk.SGD([np.zeros(1)], lr=0.1),
                                    batch_size=2, num_epochs=1), TypeError, "net"),
    ("optimizer step", lambda: fresh_train(optimizer=object()), TypeError, "optimizer"),
    ("optimizer 다른 params", lambda: fresh_train(optimizer=dk.SGD([np.zeros((2, 1)), np.zeros(1)], lr=0.1)),
     ValueError, "optimizer"),
    ("predict net", lambda: dk.predict(object(), X2), TypeError, "net"),
    ("optimize_path optimizer", lambda: dk.optimize_path("ravine", 0.1, 5), TypeError, "optimizer"),
    ("optimize_path num_steps", lambda: dk.optimize_path("ravine", lambda p: dk.SGD(p, lr=0.1), -1),
     ValueError, "num_steps"),
    ("linreg_loss_grid X", lambda: dk.linreg_loss_grid(X2, Y2, [0, 1], [0, 1]), ValueError, "X"),
]


@pytest.mark.parametrize("call, error, argname", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gets_korean_error_naming_argument(call, error, argname):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert HANGUL.search(message), message
    assert argname in message, message


def test_example_message_format():
    with pytest.raises(ValueError) as info:
        dk.iterations_per_epoch(10, 0)
    assert str(info.value) == "batch_size는 1 이상의 정수여야 합니다. 받은 값: 0 (예: batch_size=10)"


def test_numpy_integers_are_accepted():
    assert dk.iterations_per_epoch(np.int64(10), np.int32(3)) == 4
    assert dk.SGD([np.zeros(1)], lr=np.float32(0.5)).lr == 0.5
