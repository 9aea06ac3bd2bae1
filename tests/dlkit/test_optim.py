"""옵티마이저를 torch.optim과 100단계 이상 나란히 돌려 비교한다(float64, rtol=1e-6)."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import dlkit as dk
from dlkit._checks import InputTypeError, InputValueError, NonFiniteStepError
from helpers import PROPERTY, anything, assert_korean_error, bad_input_params, maybe_good, mostly, outcome, positive

NUM_STEPS = 120
SHAPES = [(3, 2), (2,), ()]


def grad_sequence(seed):
    """크기가 1e-5부터 1까지 걸친 기울기 열(eps의 위치가 결과를 바꾸게 한다)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(NUM_STEPS):
        out.append([rng.standard_normal(s) * 10.0 ** rng.uniform(-5, 0, size=s) for s in SHAPES])
    return out


def run_dlkit(make_opt, grads, seed=1):
    rng = np.random.default_rng(seed)
    params = [rng.standard_normal(s) for s in SHAPES]
    opt = make_opt(params)
    for g in grads:
        opt.step(g)
    return params


def run_torch(make_opt, grads, seed=1):
    rng = np.random.default_rng(seed)
    params = [torch.tensor(rng.standard_normal(s), requires_grad=True) for s in SHAPES]
    opt = make_opt(params)
    for g in grads:
        for p, gi in zip(params, g):
            p.grad = torch.tensor(gi)
        opt.step()
    return [p.detach().numpy() for p in params]


CASES = {
    "sgd": (lambda p: dk.SGD(p, lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    "sgd_momentum": (lambda p: dk.SGD(p, lr=0.05, momentum=0.9),
                     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)),
    "rmsprop": (lambda p: dk.RMSProp(p, lr=0.01), lambda p: torch.optim.RMSprop(p, lr=0.01)),
    "rmsprop_alpha": (lambda p: dk.RMSProp(p, lr=0.01, alpha=0.9, eps=1e-6),
                      lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6)),
    "adam": (lambda p: dk.Adam(p, lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01)),
    "adam_betas": (lambda p: dk.Adam(p, lr=0.003, betas=(0.8, 0.99), eps=1e-6),
                   lambda p: torch.optim.Adam(p, lr=0.003, betas=(0.8, 0.99), eps=1e-6)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_matches_torch_optimizer(case):
    ours, theirs = CASES[case]
    grads = grad_sequence(0)
    for a, b in zip(run_dlkit(ours, grads), run_torch(theirs, grads)):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-12)


class RMSPropEpsInside(dk.RMSProp):
    """D2L식 변형: eps를 제곱근 안에 넣는다 sqrt(s + eps)."""

    def _update(self, i, p, g):
        s = self.square_avgs[i]
        s *= self.alpha
        s += (1 - self.alpha) * g * g
        p -= self.lr * g / np.sqrt(s + self.eps)


def test_eps_inside_sqrt_would_not_match_torch():
    """비교가 실제로 실패할 수 있음을 보인다: eps 위치만 달라도 torch와 어긋난다."""
    grads = grad_sequence(0)
    ours = run_dlkit(lambda p: RMSPropEpsInside(p, lr=0.01), grads)
    theirs = run_torch(lambda p: torch.optim.RMSprop(p, lr=0.01), grads)
    assert not all(np.allclose(a, b, rtol=1e-6, atol=1e-12) for a, b in zip(ours, theirs))


def test_ema_momentum_variant_would_not_match_torch():
    class EmaSGD(dk.SGD):  # 블로그식 v = beta v + (1 - beta) g
        def _update(self, i, p, g):
            v = self.velocities[i]
            v = self.velocities[i] = (1 - self.momentum) * g if v is None else \
                self.momentum * v + (1 - self.momentum) * g
            p -= self.lr * v

    grads = grad_sequence(0)
    ours = run_dlkit(lambda p: EmaSGD(p, lr=0.05, momentum=0.9), grads)
    theirs = run_torch(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), grads)
    assert not all(np.allclose(a, b, rtol=1e-6) for a, b in zip(ours, theirs))


def test_updates_in_place_and_casts_grads_to_param_dtype():
    w = np.ones(3, dtype=np.float32)
    opt = dk.SGD([w], lr=0.5)
    opt.step([np.array([1, 2, 3])])  # 정수 기울기도 매개변수 dtype으로 바뀐다
    assert opt.params[0] is w and w.dtype == np.float32
    np.testing.assert_allclose(w, [0.5, 0.0, -0.5])


@pytest.mark.parametrize("make", [lambda p: dk.SGD(p, lr=0.1, momentum=0.9),
                                  lambda p: dk.RMSProp(p, lr=0.1), lambda p: dk.Adam(p, lr=0.1)])
def test_zero_state_restarts_like_new_optimizer(make):
    p1, p2 = [np.zeros(2)], [np.zeros(2)]
    a, b = make(p1), make(p2)
    for _ in range(5):
        a.step([np.ones(2)])
    a.zero_state()
    p1[0][:] = 0
    a.step([np.array([1.0, -2.0])])
    b.step([np.array([1.0, -2.0])])
    np.testing.assert_allclose(p1[0], p2[0])
    assert "lr=0.1" in repr(a)


def test_optimizer_base_fields():
    w = np.zeros(2)
    opt = dk.Adam([w], lr=0.01)
    assert isinstance(opt, dk.Optimizer) and opt.lr == 0.01 and opt.params[0] is w


# --- Adam: torch와 같은 계산 순서라 아주 큰 기울기에서도 넘치지 않는다 --------------

def _adam_pair(grads, p0, **kw):
    p = p0.copy()
    ours = dk.Adam([p], **kw)
    t = torch.tensor(p0.copy(), requires_grad=True)
    theirs = torch.optim.Adam([t], **kw)
    for g in grads:
        ours.step([g])
        t.grad = torch.tensor(g)
        theirs.step()
    return p, t.detach().numpy()


@pytest.mark.parametrize("scale", [1.0, 1e100, 1e154, 1e155, 3e155])
@pytest.mark.parametrize("kw", [dict(lr=0.01), dict(lr=0.003, betas=(0.8, 0.99), eps=1e-6)])
def test_adam_matches_torch_for_huge_gradients(scale, kw):
    rng = np.random.default_rng(7)
    p0 = rng.standard_normal(6)
    grads = [rng.standard_normal(6) * scale for _ in range(30)]
    ours, theirs = _adam_pair(grads, p0, **kw)
    assert np.isfinite(theirs).all()
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)
    assert not np.allclose(ours, p0)  # 실제로 움직였다


def test_bias_corrected_v_first_would_overflow_at_1e155():
    """음성 대조: 예전 순서(v_hat = v / bc2를 먼저)는 |g| = 1e155에서 넘쳐 갱신이 0이 된다(torch는 -lr)."""
    g = np.array([1e155])
    m, v = 0.1 * g, 0.001 * g * g
    with np.errstate(over="ignore"):
        old_step = 0.01 * (m / 0.1) / (np.sqrt(v / 0.001) + 1e-8)
    assert old_step[0] == 0.0
    ours, theirs = _adam_pair([g], np.zeros(1), lr=0.01)
    assert theirs[0] == pytest.approx(-0.01) and ours[0] == pytest.approx(-0.01)


# --- 잘못된 입력: 부르는 즉시, 인자 이름을 밝히는 한국어 오류 ---------------------------

BAD_INPUT = {
    "args": [
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
    ],
    "order_type": [
        ("grads 문자열", lambda: dk.SGD([np.zeros(2)], lr=0.1).step([["ab", "cd"]]), InputTypeError, "grads[0]"),
    ],
    "nonfinite": [
        ("lr=1e308 한 걸음", lambda: dk.SGD([np.ones(2)], lr=1e308).step([np.full(2, 10.0)]), NonFiniteStepError,
         "lr"),
        ("grads NaN", lambda: dk.Adam([np.ones(2)], lr=0.1).step([np.array([np.nan, 0.0])]), InputValueError,
         "grads[0]"),
        ("params NaN", lambda: dk.SGD([np.array([np.nan])], lr=0.1), InputValueError, "params[0]"),
    ],
}


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@PROPERTY
@given(kind=st.sampled_from(["sgd", "momentum", "rmsprop", "adam"]), lr=mostly(positive),
       grads=st.one_of(anything, st.lists(maybe_good(2), max_size=2)))
def test_property_optim(kind, lr, grads):
    p = np.ones((2,))
    make = {"sgd": lambda: dk.SGD([p], lr=lr), "momentum": lambda: dk.SGD([p], lr=lr, momentum=0.9),
            "rmsprop": lambda: dk.RMSProp([p], lr=lr), "adam": lambda: dk.Adam([p], lr=lr)}[kind]
    opt, err = outcome(make)
    if err is None:
        _, err = outcome(lambda: opt.step(grads))
        if err is None or isinstance(err, NonFiniteStepError):
            assert err is not None or np.isfinite(p).all()
