"""손실 지형(dlkit.surfaces)과 그 위의 옵티마이저 경로를 torch(자동 미분, torch.optim)와 비교한다(float64)."""

import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

import dlkit as dk
from dlkit._checks import InputTypeError, InputValueError
from helpers import (PROPERTY, assert_korean_error, bad_input_params, maybe_good, mostly, outcome, positive,
                     torch_hessian)

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


def test_linreg_surface_matches_squared_loss_and_its_gradient():
    X, y = dk.synthetic_data([1.5], 0.5, 50, noise=0.3, rng=3)
    surface = dk.linreg_surface(X, y)
    w, b = 0.7, -0.2
    np.testing.assert_allclose(surface.f(w, b), dk.squared_loss(X * w + b, y), rtol=1e-12)
    tw = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    loss = ((torch.tensor(X[:, 0]) * tw + tb - torch.tensor(y[:, 0])) ** 2 / 2).mean()
    loss.backward()
    np.testing.assert_allclose(surface.grad(w, b), (tw.grad.item(), tb.grad.item()), rtol=1e-10)


def test_linreg_surface_minimum_is_the_least_squares_loss():
    """Surface.minimum은 전역 최솟값이다: 선형 회귀에서는 최소제곱 해(np.linalg.lstsq)의 손실. 대조군: 0(예전 값)이 아니다."""
    X, y = dk.synthetic_data([1.5], 0.5, 50, noise=0.3, rng=3)
    A = np.hstack([X, np.ones_like(X)])
    (w, b), *_ = np.linalg.lstsq(A, y[:, 0], rcond=None)
    surface = dk.linreg_surface(X, y)
    np.testing.assert_allclose(surface.minimum, dk.squared_loss(X * w + b, y), rtol=1e-9)
    assert surface.minimum > 0.01
    assert surface.f(w + 0.01, b) > surface.minimum and surface.f(w, b - 0.01) > surface.minimum
    same_x = dk.linreg_surface(np.full((5, 1), 2.0), np.array([[1.0], [2.0], [3.0], [4.0], [5.0]]))
    assert np.isclose(same_x.minimum, 0.5 * np.var([1, 2, 3, 4, 5]))   # x가 모두 같으면 y의 분산의 절반


def test_optimize_path_stops_when_the_loss_explodes():
    result = dk.optimize_path("ravine", lambda params: dk.SGD(params, lr=0.7), 40)
    assert result.diverged
    assert "발산" in result.message
    assert np.isfinite(result.path).all()
    calm = dk.optimize_path("ravine", lambda params: dk.SGD(params, lr=0.1), 40)
    assert not calm.diverged


def test_optimize_path_reports_nonfinite_step_as_divergence():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = dk.optimize_path("ravine", lambda p: dk.SGD(p, lr=1e308), 5)
    assert res.diverged and np.isfinite(res.path).all() and len(res.path) == 1


# --- 선형 회귀의 (w, b) 손실 지형 격자: 점마다 torch로 직접 계산한 값과 -----------------

GRID_DATA = dict(w=[1.5], b=0.5, num_examples=40, noise=0.3, rng=5)
W_RANGE, B_RANGE = np.linspace(-1.0, 4.0, 9), np.linspace(-2.0, 3.0, 6)  # 9 x 6: 축을 바꾸면 shape부터 다르다


def torch_grid_loss(X, y, W, B):
    """격자 (W[i, j], B[i, j])마다 torch의 0.5 * F.mse_loss(w x + b, y)를 따로 계산한다."""
    x, t = torch.tensor(X[:, 0]), torch.tensor(y[:, 0])
    return np.array([[0.5 * F.mse_loss(x * W[i, j] + B[i, j], t).item() for j in range(W.shape[1])]
                     for i in range(W.shape[0])])


def test_linreg_loss_grid_matches_torch_pointwise():
    X, y = dk.synthetic_data(**GRID_DATA)
    W, B, L = dk.linreg_loss_grid(X, y, W_RANGE, B_RANGE)
    # contour(W, B, L)의 약속: 행은 b, 열은 w (np.meshgrid(w_range, b_range)와 같은 배치)
    assert L.shape == (len(B_RANGE), len(W_RANGE))
    np.testing.assert_array_equal(W[0], W_RANGE)
    np.testing.assert_array_equal(B[:, 0], B_RANGE)
    np.testing.assert_allclose(L, torch_grid_loss(X, y, W, B), rtol=1e-10, atol=1e-12)


def test_transposed_grid_would_not_match_torch():
    """비교가 실제로 실패할 수 있음을 보인다: w와 b의 축을 바꾼 격자(행 = w)는 torch 값과 어긋난다.

    정사각 격자로 shape를 같게 해 값만 비교한다(축이 바뀌면 contour가 w와 b를 뒤바꿔 그린다)."""
    X, y = dk.synthetic_data(**GRID_DATA)
    ws, bs = np.linspace(-1.0, 4.0, 6), np.linspace(-2.0, 3.0, 6)
    W, B, L = dk.linreg_loss_grid(X, y, ws, bs)
    Wt, Bt = np.meshgrid(ws, bs, indexing="ij")  # 잘못된 배치: 행이 w
    wrong = dk.linreg_surface(X, y).f(Wt, Bt)
    expected = torch_grid_loss(X, y, W, B)
    np.testing.assert_allclose(L, expected, rtol=1e-10, atol=1e-12)
    assert not np.allclose(wrong, expected, rtol=1e-10, atol=1e-12)


def test_linreg_surface_grad_on_grid_matches_torch_autograd():
    """격자의 모든 점에서 한 번에: 점마다 손실이 그 점의 (w, b)에만 달렸으니 합의 기울기 = 점별 기울기."""
    X, y = dk.synthetic_data(**GRID_DATA)
    W, B, _ = dk.linreg_loss_grid(X, y, W_RANGE, B_RANGE)
    tw = torch.tensor(W, requires_grad=True)
    tb = torch.tensor(B, requires_grad=True)
    x, t = torch.tensor(X[:, 0]), torch.tensor(y[:, 0])
    loss = 0.5 * ((tw[..., None] * x + tb[..., None] - t) ** 2).mean(dim=-1)  # shape (6, 9)
    loss.sum().backward()
    gw, gb = dk.linreg_surface(X, y).grad(W, B)
    np.testing.assert_allclose(dk.linreg_surface(X, y).f(W, B), loss.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gw, tw.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(gb, tb.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_grad_summed_instead_of_averaged_would_not_match_torch():
    """비교가 실제로 실패할 수 있음을 보인다: 평균 대신 합의 기울기(n배)는 자동 미분과 어긋난다."""
    X, y = dk.synthetic_data(**GRID_DATA)
    W, B, _ = dk.linreg_loss_grid(X, y, W_RANGE, B_RANGE)
    tw = torch.tensor(W, requires_grad=True)
    x, t = torch.tensor(X[:, 0]), torch.tensor(y[:, 0])
    (0.5 * ((tw[..., None] * x + torch.tensor(B)[..., None] - t) ** 2).mean(dim=-1)).sum().backward()
    gw, _ = dk.linreg_surface(X, y).grad(W, B)
    np.testing.assert_allclose(gw, tw.grad.numpy(), rtol=1e-10, atol=1e-12)
    assert not np.allclose(gw * len(X), tw.grad.numpy(), rtol=1e-10, atol=1e-12)


# --- optimize_path: 같은 지형 위에서 torch.optim(자동 미분 기울기)과 걸음마다 ----------------

PATH_CASES = {
    "sgd_momentum_ravine": ("ravine", lambda p: dk.SGD(p, lr=0.1, momentum=0.9),
                            lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    "adam_rosenbrock": ("rosenbrock", lambda p: dk.Adam(p, lr=0.05), lambda p: torch.optim.Adam(p, lr=0.05)),
    "rmsprop_saddle": ("saddle", lambda p: dk.RMSProp(p, lr=0.01), lambda p: torch.optim.RMSprop(p, lr=0.01)),
    "sgd_plateau": ("plateau", lambda p: dk.SGD(p, lr=0.5), lambda p: torch.optim.SGD(p, lr=0.5)),
    "sgd_local_minima": ("local_minima", lambda p: dk.SGD(p, lr=0.05), lambda p: torch.optim.SGD(p, lr=0.05)),
}
PATH_STEPS = 60


def torch_path(surface, make_torch_opt, num_steps):
    """torch 옵티마이저를 지형의 f(torch 텐서)에 자동 미분으로 돌려, 출발점을 포함한 점들을 모은다."""
    point = torch.tensor(surface.start, dtype=torch.float64, requires_grad=True)
    opt = make_torch_opt([point])
    path = [point.detach().numpy().copy()]
    for _ in range(num_steps):
        opt.zero_grad()
        surface.f(point[0], point[1]).backward()
        opt.step()
        path.append(point.detach().numpy().copy())
    return np.array(path)


@pytest.mark.parametrize("case", list(PATH_CASES))
def test_optimize_path_matches_torch_optim(case):
    name, ours, theirs = PATH_CASES[case]
    surface = dk.get_surface(name)
    result = dk.optimize_path(surface, ours, PATH_STEPS)
    assert not result.diverged
    expected = torch_path(surface, theirs, PATH_STEPS)
    assert result.path.shape == expected.shape == (PATH_STEPS + 1, 2)
    np.testing.assert_allclose(result.path, expected, rtol=1e-8, atol=1e-12)
    assert not np.allclose(result.path[-1], result.path[0])  # 실제로 움직였다


def test_path_recorded_before_each_step_would_not_match_torch():
    """비교가 실제로 실패할 수 있음을 보인다: 갱신 전의 점을 기록하면(한 걸음씩 밀린 경로) torch와 어긋난다."""
    name, ours, theirs = PATH_CASES["sgd_momentum_ravine"]
    surface = dk.get_surface(name)
    path = dk.optimize_path(surface, ours, PATH_STEPS).path
    shifted = np.vstack([path[:1], path[:-1]])
    expected = torch_path(surface, theirs, PATH_STEPS)
    np.testing.assert_allclose(path, expected, rtol=1e-8, atol=1e-12)
    assert not np.allclose(shifted, expected, rtol=1e-8, atol=1e-12)


# --- 잘못된 입력: 부르는 즉시, 인자 이름을 밝히는 한국어 오류 ---------------------------

BAD_INPUT = {
    "args": [
        ("지형 이름", lambda: dk.get_surface("valley"), ValueError, "name"),
        ("optimize_path optimizer", lambda: dk.optimize_path("ravine", 0.1, 5), TypeError, "optimizer"),
        ("optimize_path num_steps", lambda: dk.optimize_path("ravine", lambda p: dk.SGD(p, lr=0.1), -1),
         ValueError, "num_steps"),
        ("linreg_loss_grid X", lambda: dk.linreg_loss_grid(np.ones((4, 2)), np.zeros((4, 1)), [0, 1], [0, 1]),
         ValueError, "X"),
    ],
    "shape": [
        ("optimize_path start", lambda: dk.optimize_path("ravine", lambda p: dk.SGD(p, lr=0.1), 3,
                                                         start=(1, 2, 3)), InputValueError, "start"),
        ("steepest_curvature point", lambda: dk.steepest_curvature("saddle", (0.0, 1.0, 2.0)), InputValueError, "point"),
        ("nearest_minimum point", lambda: dk.nearest_minimum("saddle", [[0.0, 1.0]]), InputValueError, "point"),
    ],
    "order_type": [
        ("optimize_path에 클래스", lambda: dk.optimize_path("ravine", dk.SGD, 3), InputTypeError, "optimizer"),
    ],
    "nonfinite": [
        ("steepest_curvature NaN", lambda: dk.steepest_curvature("ravine", (np.nan, 0.0)), InputValueError, "point"),
        ("linreg_loss_grid NaN 범위", lambda: dk.linreg_loss_grid([1.0, 2.0], [1.0, 2.0], [0, np.nan], [0, 1]),
         InputValueError, "w_range"),
    ],
    "empty": [
        ("optimize_path 0걸음", lambda: dk.optimize_path("ravine", lambda p: dk.SGD(p, lr=0.1), 0),
         InputValueError, "num_steps"),
        ("linreg_loss_grid 빈 범위", lambda: dk.linreg_loss_grid([1.0], [1.0], [], [0, 1]), InputValueError,
         "w_range"),
    ],
    "helpers": [
        ("optimize_path 지형 이름", lambda: dk.optimize_path("valley", lambda p: dk.SGD(p, lr=0.1), 3),
         InputValueError, "surface="),
    ],
}


@pytest.mark.parametrize("name", list(dk.SURFACES))
def test_minima_are_minima_and_their_curvature_matches_torch(name):
    """지형마다 적힌 극소점은 기울기가 0이고 헤세 행렬(torch 자동 미분)이 양의 정부호이며, 가장 낮은 것이
    ``minimum``이다. ``steepest_curvature``(기울기의 중앙 차분)는 torch 헤세 행렬의 가장 큰 고윳값과 같다.
    대조군: 극소점에서 조금 비킨 점은 기울기가 0이 아니고, 가장 작은 고윳값을 고르면 torch와 다르다."""
    surface = dk.get_surface(name)
    assert surface.minima, f"{name}에 극소점이 적혀 있지 않습니다"
    for point in surface.minima:
        np.testing.assert_allclose(surface.grad(*point), [0.0, 0.0], atol=1e-12)
        eig = np.linalg.eigvalsh(torch_hessian(surface, point))
        assert eig.min() > 0, (name, point, eig)
        assert dk.steepest_curvature(surface, point) == pytest.approx(eig.max(), rel=1e-7)
        assert abs(dk.steepest_curvature(surface, point) - eig.min()) > 1e-3 or np.isclose(eig.min(), eig.max())
        assert np.abs(surface.grad(point[0] + 0.01, point[1] + 0.01)).max() > 1e-3  # 대조군
    assert min(float(surface.f(*m)) for m in surface.minima) == pytest.approx(surface.minimum, abs=1e-12)
    rng = np.random.default_rng(1)
    for point in rng.uniform(-1.5, 1.5, size=(4, 2)):  # 아무 점에서나 torch의 가장 큰 고윳값과 같다
        expected = np.linalg.eigvalsh(torch_hessian(surface, point)).max()
        assert dk.steepest_curvature(surface, point) == pytest.approx(expected, rel=1e-6, abs=1e-8)


def test_hessian_matches_torch_and_is_symmetric():
    s = dk.get_surface("rosenbrock")
    for point in ((1.0, 1.0), (-0.5, 0.7)):
        np.testing.assert_allclose(dk.hessian(s, point), torch_hessian(s, point), rtol=1e-7, atol=1e-6)
    assert not np.allclose(dk.hessian(s, (1.0, 1.0)), np.diag(np.diag(torch_hessian(s, (1.0, 1.0)))))  # 대조군: 비대각이 있다


def test_nearest_minimum_picks_the_closest_pool():
    s = dk.get_surface("local_minima")
    left, right = s.minima
    assert left[0] < 0 < right[0]
    assert dk.nearest_minimum(s, (-1.0, 0.5)) == left and dk.nearest_minimum("local_minima", (0.9, -0.2)) == right
    assert dk.nearest_minimum("saddle", (0.3, -0.8)) == (0.0, -np.sqrt(2.0))
    assert dk.nearest_minimum(dk.linreg_surface(np.ones((3, 1)), np.ones((3, 1))), (0.0, 0.0)) is None


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@PROPERTY
@given(surface=mostly(st.sampled_from(list(dk.SURFACES))), lr=mostly(positive),
       steps=mostly(st.integers(-1, 30)), start=st.one_of(st.none(), maybe_good(2)))
def test_property_surfaces(surface, lr, steps, start):
    res, err = outcome(lambda: dk.optimize_path(surface, lambda p: dk.SGD(p, lr=lr), steps, start=start))
    if err is None:
        assert res.path.shape[1] == 2 and 1 <= len(res.path) <= steps + 1
        assert np.isfinite(res.path).all()
        assert res.diverged or len(res.path) == steps + 1
