"""활성화 함수와 도함수를 torch(순전파, 자동 미분 역전파)와 따로따로 비교한다."""

import re
import subprocess
import sys
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

import dlkit as dk
from dlkit._checks import InputTypeError, InputValueError
from helpers import PROPERTY, anything, assert_korean_error, bad_input_params, outcome

NAMES = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "gelu"]
SHAPES = [(), (7,), (4, 3), (2, 3, 4)]
DTYPES = [np.float32, np.float64]
SPECIAL = np.array([0.0, -0.0, 1e-3, -1e-3, 1.0, -1.0, 5.0, -5.0, 30.0, -30.0, 1e3, -1e3])


def torch_fn(name, t):
    """dlkit 함수와 같은 것을 torch로 계산한다."""
    if name == "step":
        return torch.heaviside(t, torch.tensor(1.0, dtype=t.dtype))
    if name == "leaky_relu":
        return F.leaky_relu(t, 0.01)
    if name == "gelu":
        return F.gelu(t, approximate="tanh")
    return getattr(torch, name)(t)


def torch_grad(name, x):
    """torch 자동 미분으로 원소별 도함수를 구한다(계단 함수는 torch가 미분을 정의하지 않으므로
    같은 조각별 상수 함수 sign으로 대신: 기울기는 어디서나 0)."""
    t = torch.tensor(x, requires_grad=True)
    out = torch.sign(t) if name == "step" else torch_fn(name, t)
    out.sum().backward()
    return t.grad.numpy()


def tol(dtype):
    return dict(rtol=1e-5, atol=1e-6) if dtype == np.float32 else dict(rtol=1e-10, atol=1e-12)


def inputs(rng, shape, dtype):
    x = (3 * rng.standard_normal(shape)).astype(dtype)
    if x.ndim:  # 특별한 값(0, 큰 |x|)도 섞는다
        flat = x.reshape(-1)
        flat[: min(len(flat), len(SPECIAL))] = SPECIAL[: len(flat)]
    return x


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_forward_matches_torch(name, shape, dtype, rng):
    x = inputs(rng, shape, dtype)
    out = dk.get_activation(name).fn(x)
    expected = torch_fn(name, torch.tensor(x)).numpy()
    assert out.dtype == dtype and np.shape(out) == shape
    np.testing.assert_allclose(out, expected, **tol(dtype))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_grad_matches_torch_autograd(name, shape, dtype, rng):
    x = inputs(rng, shape, dtype)
    out = dk.get_activation(name).grad(x)
    assert out.dtype == dtype and np.shape(out) == shape
    np.testing.assert_allclose(out, torch_grad(name, x), **tol(dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_grads_at_zero_match_torch(dtype):
    x = np.zeros(3, dtype=dtype)
    assert dk.relu_grad(x).tolist() == [0, 0, 0]
    np.testing.assert_allclose(dk.leaky_relu_grad(x), torch_grad("leaky_relu", x))
    np.testing.assert_allclose(dk.leaky_relu_grad(x), 0.01, rtol=1e-6)
    assert dk.step(x).tolist() == [1, 1, 1]  # 문턱값에서는 1 (60점이면 합격)


def test_step_threshold():
    assert dk.step(np.array([59.9999999 - 60, 60 - 60])).tolist() == [0.0, 1.0]


@pytest.mark.parametrize("slope", [0.0, 0.2, 1.5])
def test_leaky_relu_custom_slope(slope, rng):
    x = inputs(rng, (5, 4), np.float64)
    t = torch.tensor(x, requires_grad=True)
    F.leaky_relu(t, slope).sum().backward()
    np.testing.assert_allclose(dk.leaky_relu(x, slope), F.leaky_relu(torch.tensor(x), slope).numpy())
    np.testing.assert_allclose(dk.leaky_relu_grad(x, negative_slope=slope), t.grad.numpy())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_no_overflow_warnings_for_large_inputs(name, dtype):
    x = np.array([-1e3, -100.0, -30.0, 30.0, 100.0, 1e3, np.finfo(dtype).max, -np.finfo(dtype).max],
                 dtype=dtype)
    act = dk.get_activation(name)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        y, g = act.fn(x), act.grad(x)
    assert np.isfinite(y[:6]).all() and np.isfinite(g).all()


def test_sigmoid_extremes_exact():
    np.testing.assert_array_equal(dk.sigmoid(np.array([-1e3, 0.0, 1e3])), [0.0, 0.5, 1.0])


@pytest.mark.parametrize("name", NAMES)
def test_int_and_list_input_become_float64(name):
    act = dk.get_activation(name)
    assert act.fn(np.array([-2, 0, 3])).dtype == np.float64
    assert act.grad([-2, 0, 3]).dtype == np.float64
    assert act(np.array([1.0])).shape == (1,)  # Activation 자체도 호출할 수 있다


def test_activations_mapping_is_immutable():
    assert set(dk.ACTIVATIONS) == set(NAMES)
    with pytest.raises(TypeError):
        dk.ACTIVATIONS["new"] = dk.ACTIVATIONS["relu"]
    with pytest.raises(AttributeError):
        dk.ACTIVATIONS["relu"].name = "x"
    assert dk.ACTIVATIONS["step"].korean_name == "계단 함수"
    assert all(re.search("[가-힣]", a.korean_name) for a in dk.ACTIVATIONS.values())


def test_get_activation_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="[가-힣]") as info:
        dk.get_activation("swish")
    assert "swish" in str(info.value) and "'relu'" in str(info.value)


def test_import_has_no_heavy_dependencies():
    code = ("import dlkit, sys; heavy = [m for m in ('torch', 'matplotlib', 'tqdm', 'ipywidgets') "
            "if m in sys.modules]; assert not heavy, heavy; import dlkit.plotting; "
            "assert 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_activations_keep_dtype_and_accept_infinity():
    assert dk.relu(np.float32(2.0)).dtype == np.float32
    assert dk.sigmoid(np.array([np.inf, -np.inf])).tolist() == [1.0, 0.0]
    assert dk.gelu(np.array([-np.inf, np.inf])).tolist() == [0.0, np.inf]  # (-inf)·0 = NaN이 아니라 극한값
    assert dk.relu([True, False]).tolist() == [1.0, 0.0]


# --- 잘못된 입력: 부르는 즉시, 인자 이름을 밝히는 한국어 오류 ---------------------------

BAD_INPUT = {
    "args": [
        ("활성화 이름", lambda: dk.get_activation("sigmod"), ValueError, "name"),
    ],
    "order_type": [
        ("sigmoid 문자열", lambda: dk.sigmoid("1.0"), InputTypeError, "x"),
        ("step 문자열 리스트", lambda: dk.step(["a", "b"]), InputTypeError, "x"),
        ("길이가 다른 리스트", lambda: dk.relu([[1, 2], [3]]), InputValueError, "x"),
        ("requires_grad 텐서", lambda: dk.relu(torch.ones(2, requires_grad=True)), InputTypeError, "detach"),
    ],
    "nonfinite": [
        ("relu(None)", lambda: dk.relu(None), InputTypeError, "x"),
        ("relu NaN", lambda: dk.relu(np.array([1.0, np.nan])), InputValueError, "x"),
        ("negative_slope NaN", lambda: dk.leaky_relu(np.ones(2), negative_slope=np.nan), InputValueError,
         "negative_slope"),
        ("leaky_relu_grad negative_slope 문자열", lambda: dk.leaky_relu_grad(np.ones(2), "0.1"), InputTypeError,
         "negative_slope"),
    ],
}


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@PROPERTY
@given(name=st.sampled_from(list(dk.ACTIVATIONS)), x=anything, grad=st.booleans())
def test_property_activations(name, x, grad):
    act = dk.get_activation(name)
    out, err = outcome(lambda: (act.grad if grad else act.fn)(x))
    if err is None:
        assert np.shape(out) == np.shape(np.asarray(x, dtype=float))
        assert not np.isnan(out).any()
