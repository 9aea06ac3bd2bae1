"""그림 함수: 한글 글꼴 설정, 경고(빠진 글리프) 없이 그려지는지, 그림 내용이 맞는지."""

import io
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import dlkit as dk  # noqa: E402
from dlkit._checks import InputTypeError, InputValueError  # noqa: E402
from helpers import (  # noqa: E402
    assert_korean_error, bad_input_params, closing_figures, finite, maybe_good, mostly, outcome,
)


@pytest.fixture(autouse=True)
def isolated_rcparams():
    """테스트마다 rcParams를 되돌리고 그림을 닫는다."""
    with matplotlib.rc_context():
        yield
    plt.close("all")


def render(obj):
    """Axes 또는 Figure를 PNG 버퍼에 실제로 그린다(글리프 경고는 그릴 때 난다)."""
    fig = obj if isinstance(obj, matplotlib.figure.Figure) else obj.figure
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert buf.getvalue().startswith(b"\x89PNG")


@pytest.fixture(scope="module")
def history():
    X, y = dk.synthetic_data([2, -3.4], 4.2, 200, rng=0)
    net = dk.LinearRegression(2, rng=0)
    return dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=0.03), batch_size=10,
                    num_epochs=3, rng=0, progress=False)


def all_plots(history):
    """모든 그림 함수의 결과(이름, 만드는 함수)."""
    X1, y1 = dk.synthetic_data([1.5], 0.5, 50, rng=0)
    paths = {name: dk.optimize_path("ravine", make, 30) for name, make in
             [("SGD", lambda p: dk.SGD(p, lr=0.1)), ("모멘텀", lambda p: dk.SGD(p, lr=0.1, momentum=0.9))]}
    return {
        "activation": lambda: dk.plot_activation("gelu"),
        "activation_no_grad": lambda: dk.plot_activation("step", x=np.linspace(-1, 1, 11), show_grad=False),
        "activations": lambda: dk.plot_activations(),
        "activations_some": lambda: dk.plot_activations(["relu", "sigmoid"]),
        "history_iteration": lambda: dk.plot_history(history),
        "history_epoch": lambda: dk.plot_history(history, per="epoch"),
        "surface_paths": lambda: dk.plot_surface_paths(dk.surfaces.ravine, paths),
        "surface_name": lambda: dk.plot_surface_paths("saddle", {"Adam": np.zeros((3, 2))}),
        "linreg_fit": lambda: dk.plot_linreg_fit(X1, y1, 1.5, 0.5),
        "decision_boundary": lambda: dk.plot_decision_boundary(dk.Perceptron([-2, 3], 1.0)),
        "decision_vertical": lambda: dk.plot_decision_boundary(dk.Perceptron([1, 0], -0.5)),
        "linear_vs_activation": lambda: dk.plot_linear_vs_activation(num_epochs=50),
        "iterations": lambda: dk.plot_iterations(100, 25, 3),
        "iterations_drop": lambda: dk.plot_iterations(105, 25, 2, drop_last=True),
    }


def test_use_korean_font_sets_fallback_family():
    assert dk.use_korean_font() == "NanumGothic"
    assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans", "NanumGothic"]
    assert tuple(matplotlib.rcParams["figure.figsize"]) == (6.0, 3.5)


def test_every_plot_draws_without_warnings_after_korean_font(history):
    dk.use_korean_font()
    for name, make in all_plots(history).items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # 빠진 한글 글리프 경고가 있으면 실패
            obj = make()
            render(obj)
        plt.close("all")


def test_hangul_without_korean_font_warns_missing_glyph():
    """위 테스트가 실제로 실패할 수 있음을 보인다: 한글 글꼴 없이 그리면 경고가 난다."""
    matplotlib.rcdefaults()
    ax = dk.plot_activation("relu")
    with pytest.warns(UserWarning, match="missing from font"):
        render(ax)


def test_axes_are_reused_and_returned(history):
    fig, axes = plt.subplots(1, 3)
    assert dk.plot_activation("tanh", ax=axes[0]) is axes[0]
    assert dk.plot_history(history, ax=axes[1]) is axes[1]
    assert dk.plot_iterations(10, 3, 2, ax=axes[2]) is axes[2]
    assert axes[2].get_title() == "에포크당 반복 4번 × 2 에포크 = 갱신 8번"
    assert isinstance(dk.plot_activations(["relu"]), matplotlib.figure.Figure)


def test_decision_boundary_is_shifted_by_bias():
    ax = dk.plot_decision_boundary(dk.Perceptron([-2.0, 3.0], 1.5))
    lines = {line.get_label(): line for line in ax.lines}
    with_bias = lines["경계 (b = 1.5)"]
    without_bias = lines["경계 (b = 0, 원점을 지남)"]
    x, y = with_bias.get_data()
    np.testing.assert_allclose(-2 * x + 3 * y + 1.5, 0, atol=1e-12)
    x0, y0 = without_bias.get_data()
    np.testing.assert_allclose(np.interp(0.0, x0, y0), 0.0, atol=1e-12)  # 원점을 지난다
    with pytest.raises(ValueError, match="[가-힣]"):
        dk.plot_decision_boundary(dk.Perceptron([1, 2, 3], 0))


def test_linear_vs_activation_shows_the_difference():
    ax = dk.plot_linear_vs_activation(num_epochs=150)
    target, linear, nonlinear = (line.get_ydata() for line in ax.lines)
    x = ax.lines[1].get_xdata()
    assert np.allclose(np.diff(np.asarray(linear).ravel(), 2), 0, atol=1e-9)  # 직선
    err = lambda y_hat: np.mean((np.asarray(y_hat).ravel() - np.asarray(target).ravel()) ** 2)  # noqa: E731
    assert err(nonlinear) < 0.5 * err(linear) and len(x) == len(target)


def test_plot_history_validates_per(history):
    with pytest.raises(ValueError, match="per"):
        dk.plot_history(history, per="batch")
    diverged = dk.training.History(iteration_losses=[1.0, 1e3, 1e6], diverged=True, message="발산")
    ax = dk.plot_history(diverged)
    assert "발산" in ax.get_title() and ax.get_yscale() == "log"


def test_missing_font_package_gives_install_hint(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModuleNotFoundError, match="pip install koreanize-matplotlib"):
        dk.use_korean_font()


def test_font_setup_does_not_import_koreanize_package():
    code = ("import dlkit, sys; dlkit.use_korean_font(); "
            "assert 'koreanize_matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_linreg_chapter_figures_draw_without_warnings_and_show_what_they_say():
    """1장의 새 그림: 잡음 히스토그램과 정규분포 밀도, 한 층 신경망 그림."""
    dk.use_korean_font()
    rng = np.random.default_rng(0)
    eps = rng.normal(0, 2.0, 5000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = dk.plotting.plot_gaussian_noise(eps, sigma=2.0)
        render(ax)
        net_ax = dk.plotting.plot_single_layer_network(3)
        render(net_ax)
    # 밀도 곡선은 N(0, σ²): 꼭대기가 1/sqrt(2πσ²)이고 넓이가 1
    x, p = ax.lines[0].get_data()
    assert p.max() == pytest.approx(1 / np.sqrt(2 * np.pi * 4.0), rel=1e-3)
    assert np.trapezoid(p, x) == pytest.approx(1.0, abs=1e-3)
    # 히스토그램은 밀도로 정규화되어 곡선과 같은 눈금이다
    heights = np.array([patch.get_height() for patch in ax.patches])
    widths = np.array([patch.get_width() for patch in ax.patches])
    assert (heights * widths).sum() == pytest.approx(1.0, rel=1e-6)
    # 신경망 그림: 입력 3개 + 출력 1개의 원, 입력마다 화살표 하나
    from matplotlib.patches import Circle
    circles = [p for p in net_ax.patches if isinstance(p, Circle)]
    assert len(circles) == 4
    texts = {t.get_text() for t in net_ax.texts}
    assert {"$x_1$", "$x_3$", "$w_3$", "$o_1$", "+ b"} <= texts
    arrows = [t for t in net_ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == 3


@pytest.mark.parametrize("call, word", [
    (lambda: dk.plotting.plot_gaussian_noise([], 1.0), "residuals"),
    (lambda: dk.plotting.plot_gaussian_noise([0.1, np.nan], 1.0), "residuals"),
    (lambda: dk.plotting.plot_gaussian_noise([0.1, 0.2], 0.0), "sigma"),
    (lambda: dk.plotting.plot_single_layer_network(0), "num_inputs"),
    (lambda: dk.plotting.plot_single_layer_network(2.5), "num_inputs"),
])
def test_linreg_chapter_figures_reject_bad_input_in_korean(call, word):
    with pytest.raises(ValueError, match=word) as info:
        call()
    assert any("\uac00" <= ch <= "\ud7a3" for ch in str(info.value))


def test_minus_sign_is_u2212_and_has_a_glyph():
    """음수는 하이픈이 아니라 U+2212로 쓰고, 그 글리프는 DejaVu Sans가 그린다(경고 없음)."""
    dk.use_korean_font()
    assert matplotlib.rcParams["axes.unicode_minus"] is True
    ax = dk.plot_decision_boundary(dk.Perceptron([-2.0, 3.0], -1.0))
    labels = [t.get_text() for t in ax.get_legend().get_texts()] + [ax.get_title()]
    assert "경계 (b = \u22121)" in labels and ax.get_title() == "결정 경계 (b = \u22121)"
    assert not any("-" in text for text in labels)
    fit = dk.plot_linreg_fit(np.array([[0.0], [1.0]]), np.array([0.0, 1.0]), -1.5, -0.25)
    assert fit.lines[0].get_label() == "ŷ = \u22121.500x \u2212 0.250"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render(ax)
        render(fit)


def test_decision_boundary_ylabel_is_horizontal_after_drawing():
    dk.use_korean_font()
    ax = dk.plot_decision_boundary(dk.Perceptron([-2.0, 3.0], -1.0), feature_names=("비", "돈"))
    render(ax)
    label = ax.yaxis.label
    assert label.get_rotation() == 0 and label.get_text() == "돈\n(x₂)"
    assert ax.get_xlabel() == "비 (x₁)"


def test_decision_boundary_has_equal_aspect_so_the_normal_looks_perpendicular():
    dk.use_korean_font()
    ax = dk.plot_decision_boundary(dk.Perceptron([-2.0, 3.0], -1.0), show_normal=True)
    render(ax)
    assert ax.get_aspect() == 1.0
    # 화면 좌표에서도 화살표(w 방향)와 경계가 수직이어야 한다
    to_px = ax.transData.transform
    arrow = next(t for t in ax.texts if t.arrow_patch is not None)
    d_px = to_px(np.asarray(arrow.xy)) - to_px(np.asarray(arrow.xyann))
    line = np.asarray(ax.lines[0].get_xydata())
    l_px = to_px(line[-1]) - to_px(line[0])
    cos = d_px @ l_px / (np.linalg.norm(d_px) * np.linalg.norm(l_px))
    assert abs(cos) < 1e-6


def test_decision_boundary_normal_arrow_points_along_w():
    ax = dk.plot_decision_boundary(dk.Perceptron([-2.0, 3.0], -1.0), show_normal=True, legend=False)
    arrow = next(t for t in ax.texts if t.arrow_patch is not None)
    start, end = np.asarray(arrow.xyann), np.asarray(arrow.xy)
    assert -2 * start[0] + 3 * start[1] - 1 == pytest.approx(0)  # 화살표는 경계 위에서 출발
    direction = (end - start) / np.linalg.norm(end - start)
    np.testing.assert_allclose(direction, np.array([-2, 3]) / np.sqrt(13))
    assert ax.get_legend() is None


def test_leaky_relu_figure_uses_visible_slope():
    ax = dk.plot_activation("leaky_relu", x=np.array([-5.0, 0.0, 5.0]))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [-5 * dk.plotting.LEAKY_SLOPE_FIGURE, 0, 5])
    assert "0.1" in ax.get_title()


def test_plot_history_epoch_zero_integer_ticks_and_forced_scale(history):
    ax = dk.plot_history(history, per="epoch", initial_loss=50.0, yscale="log",
                         label="GD", marker="s", linestyle="--")
    line = ax.lines[-1]
    assert list(line.get_xdata()) == [0, 1, 2, 3]
    assert line.get_ydata()[0] == 50.0 and line.get_ydata()[1] == history.epoch_losses[0]
    assert line.get_marker() == "s" and line.get_linestyle() == "--" and line.get_label() == "GD"
    assert ax.get_yscale() == "log"
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    ax2 = dk.plot_history(history, yscale="linear")
    assert ax2.get_yscale() == "linear"
    with pytest.raises(ValueError, match="yscale"):
        dk.plot_history(history, yscale="symlog")


def test_plot_linreg_fit_labels_points(history):
    X1, y1 = dk.synthetic_data([1.5], 0.5, 20, rng=0)
    ax = dk.plot_linreg_fit(X1, y1, 1.5, 0.5, label="추론 결과 ŷ")
    assert "추론 결과 ŷ" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_plot_iterations_shuffled_drop_names_different_examples():
    ax = dk.plot_iterations(100, 12, 2, drop_last=True, rng=0)
    notes = [t.get_text() for t in ax.texts if t.get_text().startswith("빠진 예제")]
    rng = np.random.default_rng(0)
    expected = [sorted(rng.permutation(100)[96:]) for _ in range(2)]
    assert notes == ["빠진 예제: " + ", ".join(map(str, ids)) for ids in expected]
    assert notes[0] != notes[1]  # 에포크마다 다시 섞으므로 빠지는 예제가 다르다
    render(ax)
    renderer = ax.figure.canvas.get_renderer()
    legend_box = ax.get_legend().get_window_extent(renderer)
    for text in (ax.xaxis.label, ax.title):  # 범례가 가로축 이름이나 제목을 가리지 않는다
        assert not legend_box.overlaps(text.get_window_extent(renderer)), text.get_text()


def test_decision_boundary_legend_covers_no_point_or_label():
    """11 pt 범례(책 그림 글자의 하한)는 축 안의 모서리 점·이름도, 가로축 이름도 덮지 않는다(세 칸 그림의 첫 칸)."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(9, 3.2), sharey=True, layout="constrained")
    for ax, b in zip(axes, [-4, -1, 2]):
        dk.plot_decision_boundary(dk.Perceptron([-2, 3], b), ax=ax, legend=ax is axes[0])
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = axes[0]
    legend_box = ax.get_legend().get_window_extent(renderer)
    covered = [t.get_text() for t in [*ax.texts, ax.xaxis.label] if legend_box.overlaps(t.get_window_extent(renderer))]
    covered += [ln.get_label() for ln in ax.lines if ln.get_marker() == "o"
                and legend_box.overlaps(ln.get_window_extent(renderer))]
    assert covered == [], covered
    plt.close(fig)


def test_history_ticks_do_not_touch_in_a_narrow_panel(history):
    """세 칸 그림(폭 10인치)의 한 칸에서도 가로축 눈금 글자가 서로 붙지 않는다("120160200" 방지)."""
    import matplotlib.pyplot as plt

    X, y = dk.synthetic_data([2.0, -3.4], 4.2, 1000, rng=0)
    net = dk.LinearRegression(2, rng=1)
    long_history = dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=0.03), batch_size=10, num_epochs=3, rng=2)
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), layout="constrained")
    for ax in axes:
        dk.plot_history(long_history, ax=ax, yscale="log")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in axes[0].get_xticklabels() if t.get_visible() and t.get_text()]
    assert len(boxes) >= 3
    gaps = [b.x0 - a.x1 for a, b in zip(boxes, boxes[1:])]
    assert min(gaps) > 4, gaps   # 글자 사이 4 px 넘게 띄운다
    plt.close(fig)


# --- 잘못된 입력: 부르는 즉시, 인자 이름을 밝히는 한국어 오류 ---------------------------

X2, Y2 = np.ones((4, 2)), np.zeros((4, 1))
plot = closing_figures


BAD_INPUT = {
    "shape": [
        ("plot_decision_boundary 입력 3개",
         lambda: plot(lambda: dk.plot_decision_boundary(dk.Perceptron([1, 2, 3], 0))), InputValueError,
         "perceptron.w"),
    ],
    "empty": [
        ("plot_iterations 예제 0개", lambda: plot(lambda: dk.plot_iterations(0, 10, 2)), InputValueError,
         "num_examples"),
    ],
    "helpers": [
        ("plot_activations([])", lambda: plot(lambda: dk.plot_activations([])), InputValueError, "names"),
        ("plot_activations('relu')", lambda: plot(lambda: dk.plot_activations("relu")), InputTypeError, "names"),
        ("plot_activations 모르는 이름", lambda: plot(lambda: dk.plot_activations(["relu", "swish"])),
         InputValueError, "names[1]"),
        ("plot_activation x 문자열", lambda: plot(lambda: dk.plot_activation("relu", x="abc")), InputTypeError,
         "x"),
        ("plot_activation ax에 Figure", lambda: plot(lambda: dk.plot_activation("relu", ax=plt.figure())),
         InputTypeError, "ax"),
        ("plot_history(None)", lambda: plot(lambda: dk.plot_history(None)), InputTypeError, "history"),
        ("plot_history per", lambda: plot(lambda: dk.plot_history(dk.History(), per="batch")), InputValueError,
         "per"),
        ("plot_surface_paths 리스트", lambda: plot(lambda: dk.plot_surface_paths("ravine", [np.zeros((3, 2))])),
         InputTypeError, "paths"),
        ("plot_surface_paths 경로 shape",
         lambda: plot(lambda: dk.plot_surface_paths("ravine", {"a": np.zeros(3)})), InputValueError,
         "paths['a']"),
        ("plot_surface_paths 지형 이름", lambda: plot(lambda: dk.plot_surface_paths("valley", {})),
         InputValueError, "surface="),
        ("plot_linreg_fit 특성 2개", lambda: plot(lambda: dk.plot_linreg_fit(X2, Y2, 1.0, 0.0)), InputValueError,
         "X"),
        ("plot_linreg_fit 벡터 w", lambda: plot(lambda: dk.plot_linreg_fit([1, 2], [1, 2], [1, 2], 0.0)),
         InputValueError, "w"),
        ("plot_decision_boundary feature_names", lambda: plot(lambda: dk.plot_decision_boundary(
            dk.Perceptron([1, 2], 0), feature_names="비돈")), InputValueError, "feature_names"),
        ("plot_decision_boundary xlim", lambda: plot(lambda: dk.plot_decision_boundary(
            dk.Perceptron([1, 2], 0), xlim=(1, 0))), InputValueError, "xlim"),
        ("plot_linear_vs_activation activation",
         lambda: plot(lambda: dk.plot_linear_vs_activation(activation=None)), InputValueError, "activation"),
        ("plot_iterations 에포크 너무 많음", lambda: plot(lambda: dk.plot_iterations(100, 10, 500)),
         InputValueError, "num_epochs"),
        ("use_korean_font style", lambda: dk.use_korean_font(style="yes"), InputTypeError, "style"),
    ],
}


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@settings(max_examples=30, deadline=None)
@given(data=st.data(), n=st.integers(0, 5))
def test_property_plotting(data, n):
    X, y = data.draw(maybe_good(n)), data.draw(maybe_good(n, 1))
    w, b = data.draw(mostly(finite)), data.draw(mostly(finite))
    try:  # 검사가 함수 맨 앞이라 잘못된 입력에는 그림도 만들지 않는다(그래서 빠르다)
        ax, err = outcome(lambda: dk.plot_linreg_fit(X, y, w, b))
        if err is None:
            assert len(ax.collections) == 1 and len(ax.lines) == 1  # 데이터 점과 직선
        else:
            assert not plt.get_fignums()
    finally:
        plt.close("all")


def test_korean_font_rc_is_what_use_korean_font_sets_and_changes_nothing():
    """korean_font_rc는 rcParams를 건드리지 않고, use_korean_font가 넣는 값을 그대로 돌려준다."""
    import matplotlib as mpl

    with mpl.rc_context({"font.family": ["serif"], "axes.grid": False}):
        before = dict(mpl.rcParams)
        rc = dk.plotting.korean_font_rc()
        assert dict(mpl.rcParams) == before
        assert rc["font.family"] == ["DejaVu Sans", "NanumGothic"] and rc["axes.grid"] is True
        dk.use_korean_font()
        assert {k: mpl.rcParams[k] for k in rc} == {k: mpl.rcParams.validate[k](v) for k, v in rc.items()}
        assert dict(mpl.rcParams) != before  # 음성 대조: use_korean_font는 rcParams를 바꾼다


def test_surface_paths_use_the_optimizer_colors_the_demo_uses():
    """장의 그림과 옵티마이저 데모는 같은 색: 이름이 OPTIMIZER_COLORS에 있으면 그 색, 없으면 기본 색 순서."""
    from matplotlib.colors import to_hex

    from dlkit.plotting import OPTIMIZER_COLORS
    from dlkit.widgets._optim import OPT_NAMES

    assert set(OPT_NAMES) == set(OPTIMIZER_COLORS) and len(set(OPTIMIZER_COLORS.values())) == 4
    paths = {name: np.zeros((3, 2)) for name in ("Adam", "모멘텀", "내 방법")}
    ax = dk.plot_surface_paths("ravine", paths)
    colors = {line.get_label(): to_hex(line.get_color()) for line in ax.lines}
    assert colors["Adam"] == OPTIMIZER_COLORS["Adam"] and colors["모멘텀"] == OPTIMIZER_COLORS["모멘텀"]
    # 대조군: 표가 없었다면 첫 선 Adam은 기본 색 순서의 첫 색(C0)이었다. 표에 없는 이름은 그 순서를 따른다.
    assert colors["Adam"] != to_hex("C0") and colors["내 방법"] == to_hex("C0")
    plt.close("all")
