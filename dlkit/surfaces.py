r"""최적화 장(chapter)의 2차원 손실 지형(loss landscape)과 옵티마이저 경로.

각 지형 :class:`Surface`는 ``f(x, y)``와 ``grad(x, y) -> (df/dx, df/dy)``를 가지며,
둘 다 numpy 배열(격자)에도 원소별로 동작한다. ``f``는 torch 텐서도 받으므로
자동 미분으로 ``grad``를 확인할 수 있다. :func:`optimize_path`는 dlkit
옵티마이저를 지형 위에서 돌려 지나간 점들을 :class:`PathResult`로 돌려준다.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlkit._checks import (
    InputTypeError,
    InputValueError,
    NonFiniteStepError,
    as_float_array,
    check_int,
    check_interval,
    check_name,
)
from dlkit.optim import Optimizer

Array = Any  # float 또는 np.ndarray


@dataclass(frozen=True)
class Surface:
    """2차원 손실 지형 하나.

    Attributes
    ----------
    name, korean_name : str
        영어 식별자와 한국어 이름.
    f : callable
        ``f(x, y)``: 손실 값.
    grad : callable
        ``grad(x, y) -> (df/dx, df/dy)``.
    start : tuple of float
        옵티마이저 경로의 기본 출발점.
    xlim, ylim : tuple of float
        그림에 그릴 범위.
    minimum : float
        전역 최솟값(식에서 구한 값). 손실 곡선을 "최솟값과의 차이"로 그릴 때 쓴다.
    minima : tuple of (float, float)
        극소점(최솟값의 자리)들, 식에서 구한 것. :func:`nearest_minimum`과 :func:`steepest_curvature`로
        경로가 내려앉으려는 바닥과 그 바닥의 학습률 한계 2/곡률을 구할 때 쓴다. 모르면 빈 튜플.
    """

    name: str
    korean_name: str
    f: Callable[[Array, Array], Array]
    grad: Callable[[Array, Array], tuple[Array, Array]]
    start: tuple[float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    minimum: float = 0.0
    minima: tuple[tuple[float, float], ...] = ()


def _ravine_f(x, y):
    return 0.1 * x**2 + 2 * y**2


def _ravine_grad(x, y):
    return 0.2 * x, 4 * y


def _saddle_f(x, y):
    return x**2 - y**2 + y**4 / 4


def _saddle_grad(x, y):
    return 2 * x, -2 * y + y**3


def _rosenbrock_f(x, y):
    return (1 - x) ** 2 + 10 * (y - x**2) ** 2


def _rosenbrock_grad(x, y):
    return -2 * (1 - x) - 40 * x * (y - x**2), 20 * (y - x**2)


def _local_f(x, y):
    return x**4 / 4 - x**2 + 0.3 * x + y**2


def _local_grad(x, y):
    return x**3 - 2 * x + 0.3, 2 * y


def _exp(z):
    """numpy 값이면 np.exp, torch 텐서처럼 .exp()가 있으면 그것을 쓴다(자동 미분 비교용)."""
    method = getattr(z, "exp", None)
    return method() if callable(method) else np.exp(z)


def _plateau_f(x, y):
    return 1 - _exp(-(x**2 + 2 * y**2) / 2)


def _plateau_grad(x, y):
    e = _exp(-(x**2 + 2 * y**2) / 2)
    return x * e, 2 * y * e


ravine = Surface("ravine", "좁은 골짜기(ravine)", _ravine_f, _ravine_grad,
                 start=(-4.5, 1.5), xlim=(-5.0, 5.0), ylim=(-2.0, 2.0), minima=((0.0, 0.0),))
r"""좁고 긴 골짜기 :math:`0.1x^2 + 2y^2`: 한 방향(:math:`y`, 곡률 :math:`a = 4`)만 가파르다.

SGD는 :math:`1 < \eta a < 2`(학습률 0.25~0.5)일 때 벽 사이를 지그재그로 오가고,
:math:`\eta a < 1`이면 지그재그 없이 완만한 :math:`x` 방향으로 느리게 기어가며, :math:`\eta a > 2`면 발산한다.
"""

saddle = Surface("saddle", "안장점(saddle point)", _saddle_f, _saddle_grad,
                 start=(-2.0, 0.01), xlim=(-2.5, 2.5), ylim=(-2.5, 2.5), minimum=float(_saddle_f(0.0, np.sqrt(2.0))),
                 minima=((0.0, float(np.sqrt(2.0))), (0.0, -float(np.sqrt(2.0)))))
r""":math:`x^2 - y^2 + y^4/4`: 원점은 안장점, 최솟값은 :math:`(0, \pm\sqrt{2})`."""

rosenbrock = Surface("rosenbrock", "휘어진 계곡(Rosenbrock)", _rosenbrock_f, _rosenbrock_grad,
                     start=(-1.5, 2.0), xlim=(-2.0, 2.0), ylim=(-1.0, 3.0), minima=((1.0, 1.0),))
r"""로젠브록(Rosenbrock) 함수 :math:`(1-x)^2 + 10(y-x^2)^2`: 최솟값 :math:`(1, 1)`, 바닥이 평평하고 휘었다."""

def _local_pools() -> tuple[tuple[float, float], ...]:
    """x^4/4 - x^2 + 0.3x + y^2의 극소점들: y = 0, x는 x^3 - 2x + 0.3 = 0의 실근 가운데 f''(x) = 3x^2 - 2 > 0인 것."""
    roots = np.roots([1.0, 0.0, -2.0, 0.3])
    xs = sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12 and 3 * r.real**2 - 2 > 0)
    return tuple((x, 0.0) for x in xs)


def _local_minimum() -> float:
    """전역 최솟값: 두 웅덩이 가운데 낮은 쪽."""
    return float(min(_local_f(x, y) for x, y in _local_pools()))


local_minima = Surface("local_minima", "지역 최솟값(local minimum)", _local_f, _local_grad,
                       start=(2.0, 1.0), xlim=(-2.5, 2.5), ylim=(-1.5, 1.5), minimum=_local_minimum(),
                       minima=_local_pools())
r""":math:`x^4/4 - x^2 + 0.3x + y^2`: 오른쪽 :math:`x \approx 1.3`은 지역 최솟값, 왼쪽 :math:`x \approx -1.5`가 전역 최솟값."""

plateau = Surface("plateau", "고원(plateau)", _plateau_f, _plateau_grad,
                  start=(3.0, 1.5), xlim=(-4.0, 4.0), ylim=(-3.0, 3.0), minima=((0.0, 0.0),))
r""":math:`1 - e^{-(x^2 + 2y^2)/2}`: 멀리서는 거의 평평해서 기울기가 0에 가깝다."""

SURFACES: Mapping[str, Surface] = types.MappingProxyType({
    s.name: s for s in (ravine, saddle, rosenbrock, local_minima, plateau)
})
"""이름 → :class:`Surface`. 읽기 전용 매핑."""


def get_surface(name: str) -> Surface:
    """이름으로 손실 지형을 찾는다. 모르는 이름이면 가능한 이름을 알려 준다."""
    return SURFACES[check_name(name, SURFACES, "손실 지형", "name")]


def as_surface(surface: Any, argname: str = "surface") -> Surface:
    """:class:`Surface` 또는 그 이름을 :class:`Surface`로 바꾼다(오류 메시지는 ``argname``을 밝힌다)."""
    if isinstance(surface, Surface):
        return surface
    if isinstance(surface, str):
        return SURFACES[check_name(surface, SURFACES, "손실 지형", argname)]
    raise InputTypeError(
        f"{argname}는 손실 지형 이름(문자열) 또는 dk.Surface여야 합니다. 받은 값: {surface!r:.60} "
        f"(예: {argname}=\"ravine\"; 가능한 이름: {', '.join(SURFACES)})"
    )


CURVATURE_STEP = 1e-5
"""곡률을 기울기의 중앙 차분으로 잴 때의 간격."""


def _point(point: Any) -> np.ndarray:
    """``point``를 점 (x, y) 하나(shape (2,))로 검사한다."""
    p = as_float_array(point, "point", example="point=(0.0, 1.41)")
    if p.shape != (2,):
        raise InputValueError(f"point는 점 (x, y) 하나여야 합니다. 받은 shape: {p.shape} (예: point=(0.0, 1.41))")
    return p


def hessian(surface: Surface | str, point: Any) -> np.ndarray:
    """점 ``point``에서의 헤세 행렬(2×2, 대칭): 기울기 ``grad``의 중앙 차분(간격 :data:`CURVATURE_STEP`)."""
    surface = as_surface(surface)
    p = _point(point)
    h = CURVATURE_STEP
    cols = [(np.asarray(surface.grad(*(p + h * d)), dtype=float) - np.asarray(surface.grad(*(p - h * d)), dtype=float))
            / (2 * h) for d in np.eye(2)]
    hess = np.array(cols).T
    return (hess + hess.T) / 2


def steepest_curvature(surface: Surface | str, point: Any) -> float:
    r"""점 ``point``에서 가장 가파른 방향의 곡률: 헤세 행렬(:func:`hessian`)의 가장 큰 고윳값.

    극소점에서 경사 하강법은 학습률이 ``2 / steepest_curvature``보다 작아야 그 바닥에 내려앉는다
    (이차식 :math:`\tfrac{a}{2}w^2`에서 :math:`w \leftarrow (1 - \eta a) w`이므로). 이 값을 안정 한계라 한다.
    """
    return float(np.linalg.eigvalsh(hessian(surface, point)).max())


def nearest_minimum(surface: Surface | str, point: Any) -> tuple[float, float] | None:
    """지형의 극소점(:attr:`Surface.minima`) 가운데 ``point``에 가장 가까운 것(극소점을 모르는 지형이면 None)."""
    surface = as_surface(surface)
    p = _point(point)
    if not surface.minima:
        return None
    return min(surface.minima, key=lambda m: float(np.hypot(p[0] - m[0], p[1] - m[1])))


@dataclass(frozen=True)
class PathResult:
    """:func:`optimize_path`의 결과.

    Attributes
    ----------
    path : np.ndarray, shape (k + 1, 2)
        출발점을 포함한 점들. 끝까지 갔으면 ``k == num_steps``, 발산했으면 더 짧다
        (유한한 점까지만 담는다).
    diverged : bool
        값이 NaN/inf가 되어 멈췄는지.
    message : str
        한국어 요약.

    ``np.asarray(result)``는 ``path``를 돌려주므로 배열처럼 쓸 수 있다.
    """

    path: np.ndarray
    diverged: bool
    message: str

    def __array__(self, dtype=None, copy=None):
        return self.path if dtype is None else self.path.astype(dtype)

    def __len__(self) -> int:
        return len(self.path)


DIVERGENCE_FACTOR = 1e3  # optimize_path가 발산으로 판정하는 손실 배율


def optimize_path(surface: Surface | str, optimizer: Any, num_steps: int, *,
                  start: tuple[float, float] | None = None) -> PathResult:
    """손실 지형 위에서 옵티마이저를 ``num_steps``번 돌려 경로를 기록한다.

    Parameters
    ----------
    surface : Surface 또는 str
        손실 지형 또는 그 이름.
    optimizer : callable 또는 Optimizer
        ``params -> Optimizer``인 함수(예: ``lambda params: dk.Adam(params, lr=0.1)``)이면
        출발점 ``start``(기본은 ``surface.start``)에서 시작한다. 이미 만든 옵티마이저면
        그 ``params[0]``(shape (2,))의 현재 값에서 시작한다.
    num_steps : int
        갱신 횟수.
    start : (float, float), optional
        출발점(함수를 넘겼을 때만 쓴다).
    """
    surface = as_surface(surface)
    num_steps = check_int(num_steps, "num_steps", minimum=1, example=50)
    if isinstance(optimizer, type):
        raise InputTypeError(
            f"optimizer에 클래스 {optimizer.__name__} 자체를 넘겼습니다. 옵티마이저 객체나, params를 받아 "
            "옵티마이저를 만드는 함수를 넘기세요 (예: optimizer=lambda params: dk.SGD(params, lr=0.1))"
        )
    if isinstance(optimizer, Optimizer):
        if start is not None:
            raise InputValueError(
                "start는 optimizer에 함수를 넘길 때만 씁니다. 옵티마이저 객체를 넘기면 그 params[0]의 "
                "지금 값에서 출발합니다."
            )
        opt = optimizer
    elif callable(optimizer):
        point = as_float_array(surface.start if start is None else start, "start",
                               example="start=(-1.0, 2.0)").copy()
        if point.shape != (2,):
            raise InputValueError(f"start는 점 (x, y) 하나여야 합니다. 받은 shape: {point.shape} (예: start=(-1.0, 2.0))")
        opt = optimizer([point])
        if not isinstance(opt, Optimizer):
            raise InputTypeError(
                "optimizer 함수가 dk 옵티마이저를 돌려주지 않았습니다. params를 받아 옵티마이저를 돌려주세요 "
                f"(예: optimizer=lambda params: dk.SGD(params, lr=0.1)). 받은 값: {opt!r:.60}"
            )
    else:
        raise InputTypeError(
            "optimizer는 옵티마이저 객체이거나 params를 받아 옵티마이저를 만드는 함수여야 합니다. "
            "예: optimizer=lambda params: dk.SGD(params, lr=0.1)"
        )
    point = opt.params[0]
    if point.shape != (2,):
        raise InputValueError(f"옵티마이저의 params[0]은 shape (2,)인 점이어야 합니다. 받은 shape: {point.shape}")
    path = [point.copy()]
    start_loss = float(surface.f(point[0], point[1]))
    # 출발점 손실의 1000배(와 1) 중 큰 값을 넘으면 발산으로 본다: 값이 무한대가 되기 전에 멈춘다
    limit = DIVERGENCE_FACTOR * max(abs(start_loss), 1.0)
    diverged = False
    with np.errstate(all="ignore"):
        for i in range(num_steps):
            try:
                opt.step([np.array(surface.grad(point[0], point[1]), dtype=point.dtype)])
            except NonFiniteStepError:  # 갱신으로 점이 NaN/inf가 됨 = 발산
                diverged = True
                break
            loss = float(surface.f(point[0], point[1]))
            if not np.isfinite(point).all() or not abs(loss) <= limit:
                diverged = True
                break
            path.append(point.copy())
    if diverged:
        message = (f"{i + 1}번째 갱신에서 손실이 출발점의 {DIVERGENCE_FACTOR:g}배를 넘어 발산으로 보고 멈췄습니다. "
                   "학습률을 줄여 보세요.")
    else:
        message = f"{num_steps}번 갱신했습니다. 마지막 손실: {float(surface.f(*path[-1])):.4g}"
    return PathResult(np.array(path), diverged, message)


def linreg_surface(X: Any, y: Any, *, start: tuple[float, float] = (-1.0, -2.0),
                   xlim: tuple[float, float] = (-1.5, 3.5),
                   ylim: tuple[float, float] = (-2.5, 3.0)) -> Surface:
    r"""특성 하나짜리 선형 회귀의 전체 데이터 손실 :math:`L(w, b)`를 :class:`Surface`로 만든다.

    GD, SGD, 미니배치 SGD의 :math:`(w, b)` 경로를 같은 등고선 위에 그릴 때 쓴다
    (``plot_surface_paths(linreg_surface(X, y), paths)``).

    Parameters
    ----------
    X, y : array_like, shape (n,) 또는 (n, 1)
        특성 하나의 데이터.
    start : (float, float)
        경로의 출발점 :math:`(w, b)`.
    xlim, ylim : (float, float)
        그림에서 보여 줄 :math:`w`, :math:`b`의 범위.
    """
    x, t = _one_feature(X, y)
    start = tuple(as_float_array(start, "start", example="start=(-1.0, -2.0)").tolist())
    if len(start) != 2:
        raise InputValueError(f"start는 점 (w, b) 하나여야 합니다. 받은 값: {start} (예: start=(-1.0, -2.0))")
    xlim = check_interval(xlim, "xlim", example="(-1.5, 3.5)")
    ylim = check_interval(ylim, "ylim", example="(-2.5, 3.0)")
    # 제곱을 펼쳐 데이터의 통계량(평균)만으로 계산한다: n이 커도 격자 계산이 빠르다
    sxx, sx, sxy, sy, syy = (np.mean(x * x), np.mean(x), np.mean(x * t), np.mean(t), np.mean(t * t))

    def f(w, b):
        return 0.5 * (w**2 * sxx + 2 * w * b * sx + b**2 - 2 * w * sxy - 2 * b * sy + syy)

    def grad(w, b):
        return w * sxx + b * sx - sxy, w * sx + b - sy

    # 전역 최솟값 = 최소제곱 해의 손실: 정규 방정식을 풀어 남는 분산의 절반(x가 모두 같으면 y의 분산의 절반)
    var_x, cov, var_t = sxx - sx * sx, sxy - sx * sy, syy - sy * sy
    minimum = 0.5 * (var_t - cov * cov / var_x) if var_x > 1e-12 * max(sxx, 1.0) else 0.5 * var_t
    return Surface("linreg", "선형 회귀의 손실 (w, b)", f, grad, start=tuple(start),
                   xlim=tuple(xlim), ylim=tuple(ylim), minimum=float(max(minimum, 0.0)))


def _one_feature(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """특성 하나의 X와 y를 1차원 배열로 검사해 돌려준다."""
    x = as_float_array(X, "X", example="X=np.zeros((100, 1))")
    if x.ndim == 2 and x.shape[1] != 1 or x.ndim > 2 or x.ndim == 0:
        raise InputValueError(f"X는 특성이 하나여야 합니다(shape (n,) 또는 (n, 1)). 받은 shape: {x.shape}")
    x = x.reshape(-1)
    t = as_float_array(y, "y", example="y=np.zeros((100, 1))")
    if t.ndim == 2 and t.shape[1] != 1 or t.ndim > 2 or t.ndim == 0:
        raise InputValueError(f"y는 예제마다 값이 하나여야 합니다(shape (n,) 또는 (n, 1)). 받은 shape: {t.shape}")
    t = t.reshape(-1)
    if len(x) != len(t) or len(x) == 0:
        raise InputValueError(f"X와 y의 예제 수가 같고 0보다 커야 합니다. 받은 값: X {len(x)}개, y {len(t)}개")
    return x, t


def linreg_loss_grid(X: Any, y: Any, w_range: Any, b_range: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""특성 하나짜리 선형 회귀의 :math:`(w, b)` 손실 지형을 격자에서 계산한다.

    .. math:: L(w, b) = \frac{1}{n}\sum_i \frac{1}{2}(w x_i + b - y_i)^2

    Parameters
    ----------
    X, y : array_like, shape (n,) 또는 (n, 1)
        특성 하나의 데이터.
    w_range, b_range : array_like
        격자의 :math:`w` 값들과 :math:`b` 값들(예: ``np.linspace(-1, 5, 100)``).

    Returns
    -------
    W, B, L : np.ndarray, shape (len(b_range), len(w_range))
        ``np.meshgrid(w_range, b_range)``와 각 점의 손실. ``ax.contour(W, B, L)``로 그린다.
    """
    x, t = _one_feature(X, y)
    ranges = []
    for value, name in ((w_range, "w_range"), (b_range, "b_range")):
        r = as_float_array(value, name, example=f"{name}=np.linspace(-1, 5, 100)")
        if r.ndim != 1 or r.size == 0:
            raise InputValueError(
                f"{name}는 비어 있지 않은 1차원 값 목록이어야 합니다. 받은 shape: {r.shape} "
                f"(예: {name}=np.linspace(-1, 5, 100))"
            )
        ranges.append(r)
    W, B = np.meshgrid(*ranges)
    surface = linreg_surface(x, t)  # 격자 전체를 한 번에 계산한다
    L = surface.f(W, B)
    return W, B, L
