"""활성화 함수 데모: 함수와 도함수(기울기), 그리고 활성화가 있을 때와 없을 때의 곡선 맞추기."""
from __future__ import annotations

from typing import Any

import numpy as np

from dlkit.widgets._frames import Axis, DemoSpec

NAMES = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "gelu")
X0S = (-4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0)
XGRID = np.linspace(-5, 5, 401)


def _korean(name: str) -> str:
    from dlkit.activations import get_activation

    return get_activation(name).korean_name


def activation_spec() -> DemoSpec:
    from dlkit.activations import get_activation
    from dlkit.plotting import plot_activation

    art: dict[str, Any] = {}

    def setup(fig: Any) -> None:
        ax = fig.subplots()
        plot_activation("sigmoid", ax=ax, x=XGRID)  # 책의 정적 그림과 같은 함수로 그린다
        art["ax"] = ax
        art["fn"], art["grad"] = ax.lines[0], ax.lines[1]
        (art["tangent"],) = ax.plot([], [], "-", color="tab:red", lw=1.2, alpha=0.8)
        (art["point"],) = ax.plot([], [], "o", color="tab:red", ms=6)
        ax.set_ylim(-1.6, 2.6)
        ax.set_xlim(-5, 5)
        ax.legend(loc="upper left", fontsize=8)

    def update(*, name: str, x0: float) -> str:
        act = get_activation(name)
        ax = art["ax"]
        art["fn"].set_ydata(act.fn(XGRID))
        art["grad"].set_ydata(act.grad(XGRID))
        art["fn"].set_label(act.korean_name)
        y0 = float(act.fn(np.array([x0]))[0])
        g0 = float(act.grad(np.array([x0]))[0])
        xs = np.array([x0 - 1.2, x0 + 1.2])
        art["tangent"].set_data(xs, y0 + g0 * (xs - x0))
        art["point"].set_data([x0], [y0])
        ax.set_title(f"{act.korean_name}: x = {x0:g}에서 기울기 {g0:.3g}", fontsize=10)
        if art.get("name") != name:
            ax.legend(loc="upper left", fontsize=8)
            art["name"] = name
        art["blit"] = ([art["fn"], art["grad"], art["tangent"], art["point"], ax.title], name)
        if abs(g0) < 0.05:
            note = "기울기가 거의 0입니다: 이 근처에서는 학습 신호가 사라집니다(포화, 기울기 소실)."
        else:
            note = "기울기가 0이 아니라서 역전파로 학습 신호가 전달됩니다."
        return (f"{act.korean_name}({name}) · 빨간 점: x = {x0:g}, 출력 {y0:.3g}, "
                f"도함수(접선의 기울기) {g0:.3g}. {note}")

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        return {
            "name": widgets.Dropdown(options=[(f"{_korean(n)} ({n})", n) for n in NAMES], value="sigmoid",
                                     description="활성화 함수", style=style),
            "x0": widgets.FloatSlider(value=2.0, min=-5, max=5, step=0.1, description="입력 x 위치",
                                      style=style, layout=widgets.Layout(width="420px")),
        }

    return DemoSpec(
        name="activation", title="활성화 함수와 그 도함수", figsize=(4.4, 2.7),
        setup=setup, update=update,
        static_axes=[Axis("name", "함수", NAMES, [_korean(n) for n in NAMES], kind="toggle", initial=1),
                     Axis("x0", "입력 x 위치", X0S, [f"{v:g}" for v in X0S], initial=5)],
        static_what="함수 6개 × 입력 위치 7곳",
        live_controls=live_controls, blit=lambda: art["blit"],
    )


# --- 활성화가 있을 때와 없을 때 -------------------------------------------------

EPOCHS = (0, 10, 25, 50, 100, 200, 400, 800)
LIVE_EPOCH_STEP = 10
LIVE_MAX_EPOCH = 800


def train_snapshots(activation: str | None, hidden: int, epochs: Any, *, seed: int = 0) -> dict[int, np.ndarray]:
    """곡선 맞추기 실험(:func:`dlkit.training.curve_fit_snapshots`)을 시드 ``seed``로: 에포크 → 예측."""
    from dlkit.training import curve_fit_snapshots

    return curve_fit_snapshots(activation, hidden, epochs, rng=seed)


def linear_vs_activation_spec() -> DemoSpec:
    from dlkit.data import curve_data
    from dlkit.losses import squared_loss

    art: dict[str, Any] = {}
    cache: dict[tuple, dict[int, np.ndarray]] = {}
    X, y = curve_data()

    def snapshots(activation: str | None, hidden: int, epochs: Any) -> dict[int, np.ndarray]:
        key = (activation, hidden, tuple(epochs))
        if key not in cache:
            cache[key] = train_snapshots(activation, hidden, epochs)
        return cache[key]

    def setup(fig: Any) -> None:
        ax = fig.subplots()
        ax.plot(X, y, "k-", lw=3, alpha=0.3, label="목표 곡선")
        (art["lin"],) = ax.plot(X, np.zeros(len(X)), lw=2, label="선형 층만 3개")
        (art["act"],) = ax.plot(X, np.zeros(len(X)), lw=2, label="활성화 사용")
        ax.set(xlabel="x", ylabel="y", ylim=(-2.2, 2.2))
        art["ax"] = ax
        art["legend"] = ax.legend(loc="upper left", fontsize=8)

    def update(*, epoch: int, activation: str = "relu", hidden: int = 16, live: bool = False) -> str:
        epochs = range(0, LIVE_MAX_EPOCH + 1, LIVE_EPOCH_STEP) if live else EPOCHS
        epoch = min(epochs, key=lambda e: abs(e - epoch))
        lin = snapshots(None, hidden, epochs)[epoch]
        act = snapshots(activation, hidden, epochs)[epoch]
        art["lin"].set_ydata(lin)
        art["act"].set_ydata(act)
        name = _korean(activation)
        art["legend"].get_texts()[2].set_text(f"{name} 사용")
        l_lin, l_act = squared_loss(lin.reshape(-1, 1), y), squared_loss(act.reshape(-1, 1), y)
        art["ax"].set_title(f"에포크 {epoch}: 손실 선형만 {l_lin:.3f}, {name} {l_act:.3f}", fontsize=10)
        art["blit"] = ([art["lin"], art["act"], art["ax"].title], (activation, hidden))
        return (f"은닉 {hidden}개짜리 층 두 개, 에포크 {epoch}. 선형 층만 쌓은 망은 아무리 학습해도 직선"
                f"(손실 {l_lin:.3f})이고, 층 사이에 {name}를 넣은 망은 곡선을 따라갑니다(손실 {l_act:.3f}).")

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        return {
            "epoch": widgets.IntSlider(value=200, min=0, max=LIVE_MAX_EPOCH, step=LIVE_EPOCH_STEP,
                                       description="학습 에포크", style=style,
                                       layout=widgets.Layout(width="420px")),
            "activation": widgets.Dropdown(options=[(f"{_korean(n)} ({n})", n) for n in NAMES if n != "step"],
                                           value="relu", description="활성화 함수", style=style),
            "hidden": widgets.SelectionSlider(options=[2, 4, 8, 16, 32], value=16, description="은닉 뉴런 수",
                                              style=style),
        }

    return DemoSpec(
        name="linear_vs_activation", title="선형 층만 쌓기 vs 활성화 함수 넣기", figsize=(4.4, 2.7),
        setup=setup, update=update,
        static_axes=[Axis("epoch", "학습 에포크", EPOCHS, [str(e) for e in EPOCHS], initial=len(EPOCHS) - 1)],
        static_fixed={"activation": "relu", "hidden": 16},
        static_what="ReLU, 은닉 16개, 에포크 8곳",
        live_controls=live_controls, live_fixed={"live": True}, blit=lambda: art["blit"],
    )


def activation_demo(mode: str | None = None) -> Any:
    """활성화 함수를 골라 모양과 도함수(접선의 기울기)를 본다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(activation_spec(), mode)


def linear_vs_activation_demo(mode: str | None = None) -> Any:
    """곡선 목표를 선형 층만 쌓은 망과 활성화가 있는 망으로 맞추는 과정을 에포크별로 본다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(linear_vs_activation_spec(), mode)
