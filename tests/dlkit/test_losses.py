"""제곱 손실과 그 기울기를 torch(F.mse_loss, 자동 미분)와 따로따로 비교한다(float64)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

import dlkit as dk
from dlkit._checks import InputTypeError, InputValueError
from helpers import PROPERTY, assert_korean_error, bad_input_params, maybe_good, outcome

# (y_hat의 shape, y의 shape): 같은 shape, 그리고 dlkit이 맞춰 주는 (n, 1)과 (n,)
SHAPES = [((7, 1), (7, 1)), ((7,), (7,)), ((7, 1), (7,)), ((7,), (7, 1)), ((1,), (1,)), ((3, 4), (3, 4))]


def torch_loss_and_grad(y_hat, y):
    """D2L의 제곱 손실 L = mean((y_hat - y)^2) / 2를 torch로: 값과 y_hat에 대한 자동 미분 기울기.

    y는 y_hat의 shape로 바꿔 넘긴다(F.mse_loss는 (n, 1)과 (n,)을 (n, n)으로 퍼뜨린다: 아래 음성 대조)."""
    t_hat = torch.tensor(y_hat, requires_grad=True)
    loss = 0.5 * F.mse_loss(t_hat, torch.tensor(y).reshape(t_hat.shape))
    loss.backward()
    return loss.item(), t_hat.grad.numpy()


def random_pair(rng, shape_hat, shape_y):
    return rng.standard_normal(shape_hat) * 3, rng.standard_normal(shape_y) * 3


@pytest.mark.parametrize("shape_hat, shape_y", SHAPES, ids=[f"{a}-{b}" for a, b in SHAPES])
def test_squared_loss_matches_torch_mse(shape_hat, shape_y, rng):
    y_hat, y = random_pair(rng, shape_hat, shape_y)
    expected, _ = torch_loss_and_grad(y_hat, y)
    assert dk.squared_loss(y_hat, y) == pytest.approx(expected, rel=1e-12)  # 순전파


@pytest.mark.parametrize("shape_hat, shape_y", SHAPES, ids=[f"{a}-{b}" for a, b in SHAPES])
def test_squared_loss_grad_matches_torch_autograd(shape_hat, shape_y, rng):
    y_hat, y = random_pair(rng, shape_hat, shape_y)
    _, expected = torch_loss_and_grad(y_hat, y)
    grad = dk.squared_loss_grad(y_hat, y)  # 역전파
    assert grad.shape == y_hat.shape
    np.testing.assert_allclose(grad, expected, rtol=1e-10, atol=1e-15)


def test_loss_without_half_would_not_match_torch(rng):
    """비교가 실제로 실패할 수 있음을 보인다: 1/2을 뺀 평균 제곱 오차(torch의 MSE 그대로)는 어긋난다."""
    y_hat, y = random_pair(rng, (7, 1), (7, 1))
    expected, _ = torch_loss_and_grad(y_hat, y)
    without_half = float(np.mean((y_hat - y) ** 2))
    assert without_half != pytest.approx(expected, rel=1e-12)


def test_grad_without_mean_would_not_match_torch(rng):
    """비교가 실제로 실패할 수 있음을 보인다: 1/n을 빠뜨린 기울기 (y_hat - y)는 자동 미분과 어긋난다."""
    y_hat, y = random_pair(rng, (7, 1), (7, 1))
    _, expected = torch_loss_and_grad(y_hat, y)
    assert not np.allclose(y_hat - y, expected, rtol=1e-10, atol=1e-15)


def test_broadcast_n_by_n_would_not_match_torch(rng):
    """음성 대조: y를 맞추지 않고 (n, 1) - (n,)을 빼면 (n, n)으로 퍼진다. torch도 같은 실수를 경고하며 한다."""
    y_hat, y = random_pair(rng, (7, 1), (7,))
    expected, _ = torch_loss_and_grad(y_hat, y)
    broadcast = float(0.5 * np.mean((y_hat - y) ** 2))  # shape (7, 7)의 평균
    assert broadcast != pytest.approx(expected, rel=1e-12)
    with pytest.warns(UserWarning, match="target size"):
        torch_broadcast = 0.5 * F.mse_loss(torch.tensor(y_hat), torch.tensor(y))
    assert torch_broadcast.item() == pytest.approx(broadcast, rel=1e-12)
    assert dk.squared_loss(y_hat, y) == pytest.approx(expected, rel=1e-12)


def test_squared_loss_and_grad():
    y_hat = np.array([[1.0], [2.0], [4.0]])
    y = np.array([1.0, 3.0, 2.0])  # (n,)과 (n, 1)을 섞어도 (n, n)으로 퍼지지 않는다
    assert dk.squared_loss(y_hat, y) == pytest.approx((0 + 0.5 + 2) / 3)
    np.testing.assert_allclose(dk.squared_loss_grad(y_hat, y), [[0.0], [-1 / 3], [2 / 3]])
    with pytest.raises(ValueError, match="[가-힣]"):
        dk.squared_loss(y_hat, np.zeros(4))


# --- 잘못된 입력: 부르는 즉시, 인자 이름을 밝히는 한국어 오류 ---------------------------

BAD_INPUT = {
    "shape": [
        ("squared_loss (4,1) vs (2,2)", lambda: dk.squared_loss(np.zeros((4, 1)), np.zeros((2, 2))),
         InputValueError, "y_hat"),
        ("squared_loss_grad (4,) vs (2,2)", lambda: dk.squared_loss_grad(np.zeros(4), np.zeros((2, 2))),
         InputValueError, "y"),
    ],
    "order_type": [
        ("squared_loss 문자열", lambda: dk.squared_loss("1", "2"), InputTypeError, "y_hat"),
    ],
    "nonfinite": [
        ("squared_loss([], [])", lambda: dk.squared_loss([], []), InputValueError, "y_hat"),
        ("squared_loss NaN", lambda: dk.squared_loss([1.0, np.nan], [1.0, 2.0]), InputValueError, "y_hat"),
    ],
}


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@PROPERTY
@given(data=st.data(), n=st.integers(0, 5))
def test_property_losses(data, n):
    y_hat, y = data.draw(maybe_good(n, 1)), data.draw(st.one_of(maybe_good(n), maybe_good(n, 1)))
    loss, err = outcome(lambda: dk.squared_loss(y_hat, y))
    if err is None:
        assert np.isfinite(loss) and loss >= 0
        grad = dk.squared_loss_grad(y_hat, y)
        assert grad.shape == np.shape(y_hat) and np.isfinite(grad).all()
