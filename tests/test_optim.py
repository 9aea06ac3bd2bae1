"""옵티마이저를 torch.optim과 100단계 이상 나란히 돌려 비교한다(float64, rtol=1e-6)."""

import numpy as np
import pytest
import torch

import dlkit as dk

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


# --- 손실 지형 위의 옵티마이저 경로 (dlkit.surfaces) ---

@pytest.mark.parametrize("name", list(dk.SURFACES))
def test_surface_grad_matches_torch(name):
    surface = dk.get_surface(name)
    rng = np.random.default_rng(0)
    for x0, y0 in rng.uniform(-2, 2, size=(5, 2)):
        x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        y = torch.tensor(y0, dtype=torch.float64, requires_grad=True)
        value = surface.f(x, y)  # 지형 함수는 torch 텐서도 받는다
        value.backward()
        np.testing.assert_allclose(surface.grad(x0, y0), [x.grad.item(), y.grad.item()], rtol=1e-10)
        assert value.item() == pytest.approx(float(surface.f(x0, y0)))
    assert surface.korean_name and surface.xlim[0] < surface.start[0] < surface.xlim[1]


def test_optimize_path_with_factory_matches_manual_loop():
    result = dk.optimize_path("ravine", lambda p: dk.SGD(p, lr=0.1, momentum=0.9), 50)
    assert isinstance(result, dk.PathResult) and not result.diverged
    assert result.path.shape == (51, 2) and len(result) == 51 and np.asarray(result).shape == (51, 2)
    np.testing.assert_array_equal(result.path[0], dk.surfaces.ravine.start)
    point = np.array(dk.surfaces.ravine.start)
    opt = dk.SGD([point], lr=0.1, momentum=0.9)
    for _ in range(50):
        opt.step([np.array(dk.surfaces.ravine.grad(*point))])
    np.testing.assert_allclose(result.path[-1], point)
    assert "50" in result.message


def test_optimizers_reach_minimum_of_ravine():
    for make in (lambda p: dk.SGD(p, lr=0.2, momentum=0.9), lambda p: dk.Adam(p, lr=0.3),
                 lambda p: dk.RMSProp(p, lr=0.05)):
        end = dk.optimize_path(dk.surfaces.ravine, make, 300).path[-1]
        assert np.abs(end).max() < 0.1


def test_optimize_path_with_optimizer_instance_and_start():
    point = np.array([1.0, 1.0])
    result = dk.optimize_path("saddle", dk.Adam([point], lr=0.1), 10)
    np.testing.assert_array_equal(result.path[0], [1.0, 1.0])
    assert result.path.dtype == np.float64 and np.array(result, dtype=np.float32).dtype == np.float32
    r2 = dk.optimize_path("saddle", lambda p: dk.SGD(p, lr=0.1), 3, start=(0.5, 0.5))
    np.testing.assert_array_equal(r2.path[0], [0.5, 0.5])
    with pytest.raises(ValueError, match="shape"):
        dk.optimize_path("saddle", dk.SGD([np.zeros(3)], lr=0.1), 3)


def test_optimize_path_divergence_is_flagged_without_warnings():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = dk.optimize_path("rosenbrock", lambda p: dk.SGD(p, lr=1.0), 100)
    assert result.diverged and len(result.path) < 101 and np.isfinite(result.path).all()
    assert "발산" in result.message


def test_linreg_loss_grid_matches_squared_loss():
    X, y = dk.synthetic_data([1.5], 0.5, 50, rng=0)
    ws, bs = np.linspace(-1, 3, 7), np.linspace(-2, 2, 5)
    W, B, L = dk.linreg_loss_grid(X, y, ws, bs)
    assert W.shape == B.shape == L.shape == (5, 7)
    for i, j in [(0, 0), (2, 3), (4, 6)]:
        expected = dk.squared_loss(X * W[i, j] + B[i, j], y)
        assert L[i, j] == pytest.approx(expected, rel=1e-10)
    with pytest.raises(ValueError, match="[가-힣]"):
        dk.linreg_loss_grid(X, y[:3], ws, bs)
