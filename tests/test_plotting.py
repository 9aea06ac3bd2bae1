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

import dlkit as dk  # noqa: E402


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
