"""책과 발표 슬라이드에 쓰는 그림, 한글 글꼴 설정.

matplotlib은 함수 안에서만 불러온다(``import dlkit``이 matplotlib을 불러오지 않게).
그림 함수는 모두 ``ax=None``을 받아(없으면 새로 만든다) Axes(또는 Figure)를 돌려준다.
한글이 네모로 깨지지 않게 먼저 :func:`use_korean_font`를 한 번 부른다.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, Sequence
from typing import Any, Callable, NamedTuple

import numpy as np

from dlkit import _checks
from dlkit.activations import ACTIVATIONS, get_activation
from dlkit.data import iterations_per_epoch, total_updates
from dlkit.models import Perceptron
from dlkit.surfaces import Surface, get_surface
from dlkit.words import MINUS, num

FIGSIZE = (6.0, 3.5)
"""책 본문과 1280×720 슬라이드 모두에 맞는 기본 그림 크기(인치)."""


BOOK_DPI = 100
"""책 그림의 해상도(figure.dpi). 노트북의 PNG가 이 dpi로 그려져 본문에 제 픽셀 크기(6인치 → 600 px)로 실린다."""

BOOK_MIN_FONT_PT = 11
"""책 그림 글자의 하한(pt). 100 dpi에서 11 pt = 15.3 px: 1280×720 슬라이드(reveal 축소 0.96)에
제 크기로 보이면 14.7 px로, 발표 화면 그림 글자의 하한 14 px를 넘는다(tests/site/test_deck_presenting.py)."""


def _new_ax(ax: Any, figsize: tuple[float, float] = FIGSIZE) -> Any:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def korean_font_path() -> str:
    """PyPI 패키지 ``koreanize-matplotlib``에 들어 있는 NanumGothic.ttf의 경로.

    그 패키지의 ``__init__``은 불러오지 않는다(파이썬 3.12에서 없어진 distutils를 쓴다).
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "한글 글꼴(NanumGothic)을 찾을 수 없습니다. koreanize-matplotlib 패키지에 들어 있으니 "
            "설치하세요: pip install koreanize-matplotlib"
        )
    path = os.path.join(spec.submodule_search_locations[0], "fonts", "NanumGothic.ttf")
    if not os.path.exists(path):  # pragma: no cover - 패키지가 손상된 경우
        raise FileNotFoundError(
            f"{path}가 없습니다. koreanize-matplotlib을 다시 설치하세요: "
            "pip install --force-reinstall koreanize-matplotlib"
        )
    return path


BOOK_STYLE = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": BOOK_DPI,
    "savefig.dpi": 150,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": BOOK_MIN_FONT_PT,  # 눈금 글자("medium")가 이 크기
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "legend.fontsize": BOOK_MIN_FONT_PT,
    "legend.frameon": False,
}
"""책의 기본 그림 스타일(크기, 해상도, 격자, 테두리): :func:`setup_book_style`이 rcParams에 넣는 값."""


def setup_book_style() -> None:
    """책의 기본 그림 스타일(:data:`BOOK_STYLE`: 크기, 해상도, 격자, 테두리)을 rcParams에 설정한다."""
    import matplotlib as mpl

    mpl.rcParams.update(BOOK_STYLE)


def korean_font_rc(*, style: bool = True) -> dict[str, Any]:
    """한글 글꼴 NanumGothic을 matplotlib에 등록하고, :func:`use_korean_font`가 rcParams에 넣을 값을 돌려준다.

    rcParams는 바꾸지 않는다. ``matplotlib.rc_context(rc=korean_font_rc())`` 안에서만 책의 글꼴과
    스타일로 그리고 싶을 때 쓴다(데모가 이렇게 그린다). ``style=True``면 :data:`BOOK_STYLE`도 담는다.
    """
    _checks.check_bool(style, "style")
    from matplotlib import font_manager

    path = korean_font_path()
    font_manager.fontManager.addfont(path)
    family = font_manager.FontProperties(fname=path).get_name()
    rc = {"font.family": ["DejaVu Sans", family],
          "axes.unicode_minus": True}  # U+2212는 DejaVu Sans가 그린다
    if style:
        rc.update(BOOK_STYLE)
    return rc


def use_korean_font(*, style: bool = True) -> str:
    """한글 글꼴 NanumGothic을 matplotlib에 등록하고 글꼴 목록에 넣는다.

    ``font.family``는 ``["DejaVu Sans", "NanumGothic"]``: 글자마다 앞의 글꼴부터 찾으므로
    영문, 숫자, 마이너스 기호(U+2212 ``−``)는 DejaVu Sans로, 한글은 NanumGothic으로 그린다.
    NanumGothic에는 U+2212가 없어서, 한글 글꼴을 맨 앞에 두거나 ``axes.unicode_minus``를
    끄면 눈금의 음수가 하이픈(``-``)이 되거나 "Glyph 8722 missing" 경고가 난다. 그래서
    ``axes.unicode_minus``는 켜 둔다(눈금 레이블이 진짜 마이너스 기호를 쓴다).
    ``style=True``면 :func:`setup_book_style`도 적용한다. 넣는 값은 :func:`korean_font_rc`와 같다.

    Returns
    -------
    str
        등록한 글꼴 이름 ``"NanumGothic"``.
    """
    import matplotlib as mpl

    rc = korean_font_rc(style=style)
    mpl.rcParams.update(rc)
    return rc["font.family"][-1]


LEAKY_SLOPE_FIGURE = 0.1
"""그림에서 Leaky ReLU의 음수 쪽 직선의 기울기(α). 기본값 0.01은 ReLU와 눈으로 구별되지 않아 크게 그린다."""


class FigureActivation(NamedTuple):
    """그림·데모가 그리는 활성화 함수: 함수, 도함수, 제목."""

    fn: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    title: str


def figure_activation(name: str) -> FigureActivation:
    """책의 그림과 활성화 데모가 그리는 모양 그대로의 활성화 함수(둘이 같은 곡선을 그리도록 한 곳에서 정한다).

    Leaky ReLU는 음수 쪽 직선의 기울기 :math:`\\alpha`를 :data:`LEAKY_SLOPE_FIGURE` (0.1)로 하고
    제목에 ``α = 0.1``로 적는다. 라이브러리 기본값 0.01로는 ReLU와 구별되지 않기 때문이다.
    tanh의 제목은 본문·용어집과 같게 "하이퍼볼릭 탄젠트(tanh)"로 쓴다.
    """
    act = get_activation(name)
    if act.name == "tanh":
        return FigureActivation(act.fn, act.grad, "하이퍼볼릭 탄젠트(tanh)")
    if act.name == "leaky_relu":
        slope = LEAKY_SLOPE_FIGURE
        return FigureActivation(lambda v: act.fn(v, negative_slope=slope),
                                lambda v: act.grad(v, negative_slope=slope),
                                f"{act.korean_name} (α = {num(slope)})")
    return FigureActivation(act.fn, act.grad, act.korean_name)


def plot_activation(name: str, *, ax: Any = None, x: np.ndarray | None = None,
                    show_grad: bool = True) -> Any:
    """활성화 함수 하나와 (선택적으로) 그 도함수를 그린다.

    모양과 제목은 :func:`figure_activation`(Leaky ReLU는 α = 0.1로 그린다).
    """
    _checks.check_activation_plot(name, x=x, show_grad=show_grad, ax=ax)
    ax = _new_ax(ax)
    x = np.linspace(-5, 5, 401) if x is None else np.asarray(x, dtype=float)
    fn, grad, title = figure_activation(name)
    ax.plot(x, fn(x), label="함수 f(x)", lw=2)
    if show_grad:
        ax.plot(x, grad(x), "--", label="도함수 f′(x)", lw=1.5)
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set(title=title, xlabel="입력 x", ylabel="출력")
    ax.legend(loc="best")
    return ax


def plot_activations(names: Sequence[str] | None = None, *, x: np.ndarray | None = None,
                     show_grad: bool = True) -> Any:
    """여러 활성화 함수를 격자로 나란히 그린다(기본: 전부). Figure를 돌려준다."""
    _checks.check_activation_plot(names, x=x, show_grad=show_grad, many=True)
    import matplotlib.pyplot as plt

    names = list(ACTIVATIONS) if names is None else list(names)
    ncols = min(3, len(names))
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.2 * ncols, 2.6 * nrows),
                             squeeze=False, layout="constrained")
    for ax, name in zip(axes.flat, names):
        plot_activation(name, ax=ax, x=x, show_grad=show_grad)
        ax.set(xlabel="", ylabel="")
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    return fig


def plot_history(history: Any, *, ax: Any = None, per: str = "iteration",
                 initial_loss: float | None = None, yscale: str | None = None,
                 label: str | None = None, **line_kwargs: Any) -> Any:
    """학습 기록의 손실 곡선. ``per``는 ``"iteration"``(반복마다) 또는 ``"epoch"``(에포크마다).

    Parameters
    ----------
    initial_loss : float, optional
        학습 전(갱신 0번) 전체 데이터의 손실. ``per="epoch"``일 때 에포크 0의 점으로 그린다.
    yscale : {"linear", "log"}, optional
        세로축 눈금. ``None``이면 손실이 100배 넘게 변할 때만 로그 눈금을 쓴다. 여러 그림을
        나란히 비교할 때는 같은 값을 넘겨 눈금을 맞춘다.
    label : str, optional
        범례에 쓸 이름.
    **line_kwargs
        ``ax.plot``에 넘길 선 모양(예: ``marker="s", linestyle="--"``).
    """
    _checks.check_history(history, per=per, ax=ax)
    if per not in ("iteration", "epoch"):
        raise ValueError(f"per는 'iteration' 또는 'epoch'여야 합니다. 받은 값: {per!r}")
    if yscale not in (None, "linear", "log"):
        raise ValueError(f"yscale은 None, 'linear', 'log' 중 하나여야 합니다. 받은 값: {yscale!r}")
    from matplotlib.ticker import MaxNLocator

    ax = _new_ax(ax)
    if per == "iteration":
        losses = list(history.iteration_losses)
        steps = np.arange(1, len(losses) + 1)
        style = {"lw": 1}
        ax.set(xlabel="반복(iteration)", title="반복마다의 미니배치 손실")
    else:
        losses = list(history.epoch_losses)
        steps = np.arange(1, len(losses) + 1)
        if initial_loss is not None:
            losses = [float(initial_loss)] + losses
            steps = np.arange(0, len(losses))
        style = {"marker": "o", "linestyle": "-"}
        ax.set(xlabel="에포크(epoch)", title="에포크마다의 전체 손실")
    style.update(line_kwargs)
    if label is not None:
        style["label"] = label
    ax.plot(steps, losses, **style)
    # 반복·에포크는 정수: 1.5 같은 눈금은 없다. 눈금은 6칸까지: 11 pt 눈금 글자가 좁은 칸(세 칸 그림)에서
    # "120160200"처럼 붙지 않게
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.set_ylabel("손실(loss)")
    finite = [v for v in losses if np.isfinite(v)]
    if yscale is None:
        auto_log = bool(finite) and min(finite) > 0 and max(finite) / min(finite) > 100
        yscale = "log" if auto_log else "linear"
    ax.set_yscale(yscale)
    if getattr(history, "diverged", False):
        ax.set_title(ax.get_title() + " (발산)")
    return ax


OPTIMIZER_COLORS = {"SGD": "#1f77b4", "모멘텀": "#ff7f0e", "RMSProp": "#2ca02c", "Adam": "#9467bd"}
"""옵티마이저 경로의 색(이름 → 색): 장의 그림(:func:`plot_surface_paths`)과 옵티마이저 데모가 같은 색을 쓴다.

Adam이 matplotlib 기본 넷째 색(빨강)이 아니라 보라인 까닭: 데모 프레임의 팔레트 PNG에서 모멘텀(주황)과
빨강이 한 색으로 합쳐진 적이 있다(tests/dlkit/test_widget_content.py가 네 색이 따로 남는지 본다)."""


def plot_surface_paths(surface: Surface | str, paths: Mapping[str, Any], *, ax: Any = None,
                       levels: int = 15) -> Any:
    """손실 지형의 등고선 위에 옵티마이저 경로들을 그린다.

    ``paths``는 이름 → shape (k, 2) 배열(또는 :class:`~dlkit.surfaces.PathResult`). 이름이
    :data:`OPTIMIZER_COLORS`에 있으면 그 색으로, 아니면 matplotlib의 색 순서대로 그린다.
    """
    _checks.check_surface_paths(surface, paths, levels=levels, ax=ax)
    if isinstance(surface, str):
        surface = get_surface(surface)
    ax = _new_ax(ax)
    xs = np.linspace(*surface.xlim, 200)
    ys = np.linspace(*surface.ylim, 200)
    Xg, Yg = np.meshgrid(xs, ys)
    ax.contour(Xg, Yg, surface.f(Xg, Yg), levels=levels, cmap="viridis", linewidths=0.7)
    for label, path in paths.items():
        path = np.asarray(path)
        color = {"color": OPTIMIZER_COLORS[label]} if label in OPTIMIZER_COLORS else {}
        ax.plot(path[:, 0], path[:, 1], ".-", lw=1.2, ms=3, label=label, **color)
    ax.plot(*surface.start, "k*", ms=10, label="출발점")
    ax.set(xlim=surface.xlim, ylim=surface.ylim, xlabel="x", ylabel="y", title=surface.korean_name)
    ax.grid(False)
    ax.legend(loc="best")
    return ax


def plot_linreg_fit(X: Any, y: Any, w: Any, b: Any, *, ax: Any = None,
                    label: str = "데이터") -> Any:
    r"""특성 하나의 점들과 직선 :math:`\hat y = wx + b`를 그린다.

    ``label``은 점들의 범례 이름이다. 점이 정답 레이블이 아니라 모델의 예측이면
    (추론 결과) 예를 들어 ``label="추론 결과 ŷ"``을 넘긴다.
    """
    _checks.check_linreg_fit(X, y, w, b, ax=ax)
    ax = _new_ax(ax)
    x = np.asarray(X, dtype=float).reshape(-1)
    w = float(np.asarray(w, dtype=float).reshape(-1)[0])
    b = float(np.asarray(b, dtype=float).reshape(-1)[0])
    ax.scatter(x, np.asarray(y).reshape(-1), s=8, alpha=0.5, label=label)
    grid = np.linspace(x.min(), x.max(), 2)
    sign = "+" if b >= 0 else MINUS
    ax.plot(grid, w * grid + b, "r-", lw=2,
            label=f"ŷ = {num(w, '.3f')}x {sign} {abs(b):.3f}")
    ax.set(xlabel="특성 x", ylabel="레이블 y", title="선형 회귀 적합")
    ax.legend(loc="best")
    return ax


def plot_gaussian_noise(residuals: Any, sigma: float, *, ax: Any = None, bins: int = 30) -> Any:
    r"""잡음(참 직선에서 벗어난 양)의 히스토그램 위에 정규분포 밀도를 겹쳐 그린다.

    .. math:: p(\epsilon) = \frac{1}{\sqrt{2\pi\sigma^2}} \exp\left(-\frac{\epsilon^2}{2\sigma^2}\right)

    Parameters
    ----------
    residuals : array_like
        잡음 표본 :math:`y - (\mathbf{w}^\top\mathbf{x} + b)` (참 매개변수로 계산한 것).
    sigma : float
        겹쳐 그릴 정규분포의 표준편차(양수).
    """
    r = np.asarray(residuals, dtype=float).reshape(-1)
    if r.size == 0 or not np.all(np.isfinite(r)):
        raise ValueError("residuals에는 유한한 수가 하나 이상 있어야 합니다. 잡음 표본 배열을 넘기세요.")
    sigma = float(sigma)
    if not (np.isfinite(sigma) and sigma > 0):
        raise ValueError(f"sigma는 양수여야 합니다(정규분포의 표준편차). 받은 값: {sigma!r}")
    ax = _new_ax(ax)
    ax.hist(r, bins=bins, density=True, alpha=0.5, label="데이터의 잡음(히스토그램)")
    grid = np.linspace(min(r.min(), -4 * sigma), max(r.max(), 4 * sigma), 400)
    density = np.exp(-grid**2 / (2 * sigma**2)) / np.sqrt(2 * np.pi * sigma**2)
    ax.plot(grid, density, "r-", lw=2, label=f"정규분포 밀도 (σ = {sigma:g})")
    ax.set(xlabel="잡음 ε = y − (wᵀx + b)", ylabel="밀도", title="잡음은 정규분포를 따른다")
    ax.legend(loc="upper left")
    return ax


def plot_single_layer_network(num_inputs: int = 2, *, ax: Any = None) -> Any:
    r"""선형 회귀를 한 층짜리 완전 연결(fully connected) 신경망으로 그린다.

    입력 :math:`x_1, \dots, x_d`가 모두 출력 뉴런 :math:`o_1` 하나에 가중치 :math:`w_i`로 이어지고,
    뉴런은 :math:`o_1 = \sum_i w_i x_i + b`를 계산한다. 계산하는 층이 하나뿐이라 '한 층'이다.
    """
    if isinstance(num_inputs, bool) or not isinstance(num_inputs, (int, np.integer)) or not 1 <= num_inputs <= 6:
        raise ValueError(f"num_inputs는 1에서 6 사이의 정수여야 합니다(그림에 그릴 입력 수). 받은 값: {num_inputs!r}")
    from matplotlib.patches import Circle

    ax = _new_ax(ax, figsize=(5.0, 3.0))
    d = int(num_inputs)
    ys = np.linspace(0.85, 0.15, d) if d > 1 else np.array([0.5])
    out = (0.78, 0.5)
    for i, yi in enumerate(ys, start=1):
        ax.add_patch(Circle((0.15, yi), 0.06, fc="#dbe9f6", ec="#1f77b4", lw=1.5))
        ax.text(0.15, yi, f"$x_{i}$", ha="center", va="center", fontsize=12)
        ax.annotate("", xy=(out[0] - 0.08, out[1]), xytext=(0.21, yi),
                    arrowprops=dict(arrowstyle="->", color="0.3", lw=1.2))
        ax.text(0.45, (yi + out[1]) / 2 + 0.04 * np.sign(yi - out[1] + 1e-9), f"$w_{i}$",
                ha="center", va="center", fontsize=11)
    ax.add_patch(Circle(out, 0.08, fc="#fde0c5", ec="#d62728", lw=1.5))
    ax.text(*out, "$o_1$", ha="center", va="center", fontsize=12)
    ax.text(out[0], out[1] - 0.16, "+ b", ha="center", va="center", fontsize=11)
    ax.text(0.15, 0.99, "입력층", ha="center", va="top", fontsize=11)
    ax.text(out[0], 0.99, "출력층(계산하는 층 1개)", ha="center", va="top", fontsize=11)
    ax.set(xlim=(0, 1), ylim=(0, 1), aspect="equal", title="선형 회귀 = 한 층짜리 신경망")
    ax.axis("off")
    return ax


BATCH_COLORS = ("#1f77b4", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896", "#9467bd",
                "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#bcbd22", "#dbdb8d", "#17becf", "#9edae5")
"""배치 색: matplotlib tab20에서 회색 두 개(#7f7f7f, #c7c7c7)를 뺀 18색. 회색은 버린 자리(:data:`DROPPED_COLOR`)의
색이라, 배치 15·16이 '버린 자리'로 읽히지 않게 뺐다. 배치가 18개보다 많으면 색이 되풀이되지만 이웃한 배치는 늘
색이 달라, 같은 색의 띠 하나가 배치 하나다."""
DROPPED_COLOR = "#d9d9d9"
"""drop_last로 버린 자리의 색(밝은 회색)."""
DECISION_COLORS = ("#f4cccc", "#cfe2f3")
"""결정 경계 그림의 영역 색: 안 간다(0) / 간다(1). 편향 데모도 이 색을 쓴다."""


def plot_decision_boundary(perceptron: Any, *, ax: Any = None,
                           feature_names: tuple[str, str] = ("비", "돈"),
                           xlim: tuple[float, float] = (-0.5, 1.5),
                           ylim: tuple[float, float] = (-0.5, 1.5),
                           title: str | None = None, legend: bool = True,
                           show_normal: bool = False) -> Any:
    r"""입력 두 개인 퍼셉트론의 결정 경계 :math:`x \cdot w + b = 0`을 그린다.

    색칠한 영역은 예측(1: 간다, 0: 안 간다), 실선은 편향이 있는 경계, 점선은 같은 가중치에
    편향만 0인 경계(원점을 지난다)이다. 네 꼭짓점 (0/1, 0/1)에 예측을 표시한다.
    ``title``이 없으면 ``"결정 경계 (b = −1)"``처럼 편향을 넣은 제목을 쓴다.
    ``show_normal=True``면 경계 위의 한 점에서 가중치 벡터 :math:`w` 방향(경계의 법선, "간다" 쪽)
    화살표를 그린다. 두 축의 눈금 간격은 같게(``set_aspect("equal")``) 두어 화살표가 그림에서도
    경계에 수직으로 보인다.

    세로축 이름(``feature_names[1]``)은 가로로 쓰고 축 번호 :math:`x_2`를 함께 적는다.
    NanumGothic의 한 글자(예: "돈")는 작은 크기에서 획이 가늘어 눕혀 쓴 글자로 잘못 읽히기 쉬워서,
    ``"돈\n(x₂)"``처럼 두 줄로 써서 가로 글씨임이 분명하게 한다(회전은 0).
    """
    _checks.check_decision_boundary(perceptron, feature_names=feature_names, xlim=xlim, ylim=ylim, ax=ax)
    w = np.asarray(perceptron.w, dtype=float)
    if w.shape != (2,):
        raise ValueError(f"결정 경계는 입력이 두 개인 퍼셉트론만 그릴 수 있습니다. 받은 가중치 수: {w.size}")
    b = float(perceptron.b)
    ax = _new_ax(ax, figsize=(4.2, 3.6))
    xs = np.linspace(*xlim, 200)
    ys = np.linspace(*ylim, 200)
    Xg, Yg = np.meshgrid(xs, ys)
    Z = Perceptron(w, b).predict_grid(xs, ys)
    ax.contourf(Xg, Yg, Z, levels=[-0.5, 0.5, 1.5], colors=list(DECISION_COLORS), alpha=0.8)

    def boundary(bias: float, linestyle: str, label: str) -> None:
        x1s, x2s = Perceptron(w, bias).boundary(xs, ylim)  # w1 x1 + w2 x2 + b = 0 (세로선도)
        if len(x1s):
            ax.plot(x1s, x2s, color="k", linestyle=linestyle, lw=2, label=label)

    b_text = num(b)
    boundary(b, "-", f"경계 (b = {b_text})")
    if b != 0:
        boundary(0.0, "--", "경계 (b = 0, 원점을 지남)")
    if show_normal and np.any(w != 0):
        p0 = -b * w / (w @ w)  # 원점에서 경계에 내린 수선의 발: 경계 위의 점
        d = 0.35 * w / np.linalg.norm(w)
        ax.annotate("", xy=p0 + d, xytext=p0,
                    arrowprops={"arrowstyle": "->", "color": "tab:green", "lw": 2})
        ax.annotate("w", p0 + d, textcoords="offset points", xytext=(4, 0), color="tab:green",
                    fontsize="medium")
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    for (c0, c1), pred in zip(corners, perceptron.predict(corners)):
        ax.plot(c0, c1, "o", ms=9, color="tab:blue" if pred else "tab:red")
        ax.annotate("간다" if pred else "안 간다", (c0, c1), textcoords="offset points",
                    xytext=(6, 6), fontsize="medium")
    ax.plot(0, 0, "k+", ms=10)
    ax.set(xlim=xlim, ylim=ylim, xticks=[0, 1], yticks=[0, 1],
           xlabel=f"{feature_names[0]} (x₁)",
           title=f"결정 경계 (b = {b_text})" if title is None else title)
    # 한글 이름은 눕히지 않고 가로로: 회전 0, 두 줄(이름, 축 번호)로 써서 가로 글씨임이 분명하게
    ax.set_ylabel(f"{feature_names[1]}\n(x₂)", rotation=0, ha="right", va="center")
    ax.grid(False)
    # 가로·세로 한 칸을 같은 길이로: 그래야 법선 화살표 w가 화면에서도 경계에 수직으로 보인다
    ax.set_aspect("equal")
    if legend:
        # 범례는 축 아래 바깥에: 축 안의 아래 모서리에는 점 (0, 0), (1, 0)과 그 이름이 있어 11 pt 범례가 덮는다
        # (축 아래 42 pt: 눈금 글자와 가로축 이름 밑)
        from matplotlib.transforms import offset_copy

        below = offset_copy(ax.transAxes, fig=ax.figure, y=-42, units="points")
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.0), bbox_transform=below, borderaxespad=0.0)
    return ax


def plot_linear_vs_activation(*, ax: Any = None, activation: str = "relu", hidden: int = 32,
                              num_epochs: int = 300, rng: Any = 0) -> Any:
    """곡선 목표를 활성화 없는 MLP(선형 층만 쌓음)와 활성화가 있는 MLP로 맞춰 비교한다.

    활성화가 없으면 층을 아무리 쌓아도 직선밖에 못 그린다는 것을 보여 준다.
    """
    _checks.check_linear_vs_activation(activation=activation, hidden=hidden, num_epochs=num_epochs,
                                       rng=rng, ax=ax)
    from dlkit._checks import as_rng
    from dlkit.data import curve_data
    from dlkit.training import curve_fit_snapshots

    rng = as_rng(rng)  # 두 모델이 한 난수 흐름을 이어 쓴다(선형 모델 먼저)
    X, y = curve_data()
    ax = _new_ax(ax)
    ax.plot(X, y, "k-", lw=3, alpha=0.3, label="목표 곡선")
    for act, label in ((None, "선형 층만 3개"), (activation, f"{get_activation(activation).korean_name} 사용")):
        fit = curve_fit_snapshots(act, hidden, [num_epochs], rng=rng)[num_epochs]
        ax.plot(X, fit, lw=2, label=label)
    ax.set(xlabel="x", ylabel="y", title="활성화 함수가 없으면 직선뿐")
    ax.legend(loc="upper left")
    return ax


def plot_iterations(num_examples: int, batch_size: int, num_epochs: int, drop_last: bool = False,
                    *, ax: Any = None, rng: Any = None) -> Any:
    """에포크마다 데이터를 배치로 나눈 모습과 반복(가중치 갱신) 횟수를 그린다.

    가로축은 그 에포크에서 섞은 순서의 위치다(``rng``가 없으면 섞지 않은 예제 번호). ``rng``(시드 또는 난수 생성기)를 주면
    :func:`dlkit.train`처럼 에포크마다 ``rng.permutation``으로 순서를 새로 섞고,
    ``drop_last=True``일 때 그 에포크에 빠진 예제 번호를 줄마다 적는다.
    """
    _checks.check_iterations_plot(num_examples, batch_size, num_epochs, drop_last, ax=ax)
    import matplotlib.pyplot as plt

    from dlkit._checks import as_rng

    per_epoch = iterations_per_epoch(num_examples, batch_size, drop_last)
    total = total_updates(num_examples, batch_size, num_epochs, drop_last)
    ax = _new_ax(ax)
    colors = BATCH_COLORS
    # 배치 하나를 색 블록 하나로: 에포크(행)마다 같은 방식으로 나눈다
    blocks = [(i * batch_size, min(batch_size, num_examples - i * batch_size)) for i in range(per_epoch)]
    block_colors = [colors[i % len(colors)] for i in range(per_epoch)]
    dropped = num_examples - per_epoch * batch_size if drop_last else 0
    generator = None if rng is None else as_rng(rng)
    for e in range(num_epochs):
        ax.broken_barh(blocks, (e - 0.3, 0.6), facecolors=block_colors, edgecolor="white", lw=0.5)
        if dropped:
            ax.broken_barh([(num_examples - dropped, dropped)], (e - 0.3, 0.6), facecolors=DROPPED_COLOR,
                           hatch="//", edgecolor="white", label="버린 자리" if e == 0 else None)
        if generator is not None:
            order = generator.permutation(num_examples)
            if dropped:
                ids = ", ".join(str(i) for i in sorted(order[num_examples - dropped:]))
                ax.annotate(f"빠진 예제: {ids}", (num_examples, e), xytext=(4, 0),
                            textcoords="offset points", va="center", annotation_clip=False)
    ax.set_yticks(range(num_epochs), [f"에포크 {e + 1}" for e in range(num_epochs)])
    ax.invert_yaxis()
    xlabel = "예제 번호 (섞지 않은 경우)" if generator is None else "그 에포크에서 섞은 순서의 위치"
    ax.set(xlim=(0, max(num_examples, 1)), xlabel=xlabel,
           title=f"에포크당 반복 {per_epoch}번 × {num_epochs} 에포크 = 갱신 {total}번")
    if dropped:  # 범례는 축 오른쪽 바깥 아래에: 블록도, 제목도, 가로축 이름도 가리지 않는다
        ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0), borderaxespad=0.2)
    ax.grid(False)
    return ax
