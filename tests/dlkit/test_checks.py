"""공용 검사 모듈(dlkit/_checks.py): 한국어 오류의 종류와 모양, 너무 엄격하지 않은지, 데모 조절기 값 검사.

모듈마다의 잘못된 입력 표(이슈 15의 분류: args, shape, order_type, nonfinite, empty, helpers)와 속성 테스트는
그 함수가 있는 모듈의 테스트 파일(tests/dlkit/test_<모듈>.py)에 있고, 검사 규칙은 tests/helpers.py에 하나만 있다.
여기에는 여러 모듈에 걸친 규칙과, 아직 tests/dlkit/에 테스트 파일이 없는 dlkit.widgets의 조절기 값 검사가 있다.
"""

import functools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dlkit as dk
from dlkit._checks import InputTypeError, InputValueError, NonFiniteStepError
from helpers import PROPERTY, anything, assert_korean_error, bad_input_params, closing_figures, outcome


def test_example_message_format():
    with pytest.raises(ValueError) as info:
        dk.iterations_per_epoch(10, 0)
    assert str(info.value) == "batch_size는 1 이상의 정수여야 합니다. 받은 값: 0 (예: batch_size=10)"


def test_numpy_integers_are_accepted():
    assert dk.iterations_per_epoch(np.int64(10), np.int32(3)) == 4
    assert dk.SGD([np.zeros(1)], lr=np.float32(0.5)).lr == 0.5


def test_old_errors_are_still_value_and_type_errors():
    """기존 코드의 ``except ValueError``/``except TypeError``도 그대로 잡는다."""
    assert issubclass(InputValueError, ValueError) and issubclass(InputTypeError, TypeError)
    assert issubclass(NonFiniteStepError, ValueError)


# --- 받아들여야 하는 입력(너무 엄격하지 않은지) ------------------------------------

def test_reasonable_inputs_still_work():
    net = dk.LinearRegression(2, rng=0)
    y_hat = net.forward([[1, 2], [3, 4]])  # 정수 리스트
    assert y_hat.shape == (2, 1)
    grads = net.backward([[0.5], [0.5]])  # 리스트 기울기, forward의 입력도 배열로 저장되어 있다
    assert [g.shape for g in grads] == [(2, 1), (1,)]
    assert dk.squared_loss(np.zeros(3), np.ones((3, 1))) == pytest.approx(0.5)  # (n,)과 (n, 1)
    X, y = dk.synthetic_data(np.array([[2.0], [-3.4]]), np.array([4.2]), 5, rng=0)  # 열벡터 w, 원소 하나 b
    assert X.shape == (5, 2) and y.shape == (5, 1)
    assert dk.Perceptron([-2, 3, 4], np.array([-4])).predict([1, 1, 0]) == 0
    assert dk.predict(dk.LinearRegression(1, rng=0), [1.0, 2.0, 3.0]).shape == (3, 1)
    assert dk.LinearRegression(2, weight_scale=0).w.tolist() == [[0.0], [0.0]]


# --- 데모 조절기 값(dlkit.widgets가 _checks.check_demo_value/check_demo_params로 검사) --------
# 병합할 때: tests/dlkit/에 widgets 테스트가 생기면 이 표와 속성 테스트는 그리로 옮긴다.

def _gd_sgd_update(**params):
    """정적 페이지의 gd_sgd 프레임 그리기: 계산한 걸음 수(max_steps)보다 긴 steps는 오류."""
    import matplotlib.pyplot as plt

    from dlkit.widgets._optim import gd_sgd_spec

    spec = gd_sgd_spec()
    fig = plt.figure()
    try:
        spec.setup(fig)
        return spec.update(**params)
    finally:
        plt.close(fig)


def _demo(demo, /, **params):
    return closing_figures(lambda: dk.widgets.demo_figure(demo, **params))


BAD_INPUT = {
    "helpers": [
        ("demo_figure gd_sgd steps=500", lambda: _demo("gd_sgd", steps=500), InputValueError, "steps"),
        ("demo_figure batch=2.5", lambda: _demo("epoch", batch=2.5), InputTypeError, "batch"),
        ("demo_figure 배치 > 데이터", lambda: _demo("epoch", batch=150), InputValueError, "batch"),
        ("demo_figure 모르는 조절기", lambda: _demo("bias", temperature=3), InputValueError, "temperature"),
        ("demo_figure bias NaN", lambda: _demo("bias", bias=np.nan), InputValueError, "bias"),
        ("demo_figure x", lambda: _demo("bias", x=(1, 2, 0)), InputValueError, "x"),
        ("demo_figure 활성화 이름", lambda: _demo("activation", name="swish"), InputValueError, "name"),
        ("gd_sgd update steps > max_steps", lambda: _gd_sgd_update(steps=60, max_steps=50), InputValueError,
         "steps"),
        ("demo mode", lambda: dk.widgets.bias_demo(mode="static!"), InputValueError, "mode"),
    ],
}


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@functools.cache
def _demo_domains():
    from dlkit import widgets

    return {name: widgets.demo_domains(name, spec) for name, spec in widgets._specs().items()}


@PROPERTY
@given(demo=st.sampled_from(["bias", "activation", "linear_vs_activation", "learning_rate", "gd_sgd",
                             "optimizer", "epoch"]),
       params=st.dictionaries(st.sampled_from(["steps", "batch", "lr", "bias", "x", "name", "epoch", "n",
                                               "surface", "hidden", "drop_last", "x0", "foo"]),
                              st.one_of(anything, st.sampled_from(["relu", "ravine", (1, 0, 1)])), max_size=3))
def test_property_widgets(demo, params):
    """조절기 값 검사(그리지 않는다): 통과한 값은 실시간 조절기가 낼 수 있는 값이다."""
    from dlkit._checks import check_demo_params

    domains = _demo_domains()[demo]
    _, err = outcome(lambda: check_demo_params(demo, params, domains))
    if err is None:
        for key, value in params.items():
            kind = domains[key][0]
            if kind in ("int", "float"):
                assert domains[key][1] <= value <= domains[key][2]
            elif kind == "choice":
                assert value in domains[key][1]
