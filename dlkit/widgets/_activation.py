"""활성화 함수 데모: 함수와 도함수(기울기), 그리고 활성화가 있을 때와 없을 때의 곡선 맞추기."""
from __future__ import annotations

from typing import Any

import numpy as np

from dlkit.widgets._frames import Axis, DemoSpec, Preset, Question
from dlkit.words import num, percent, percent_to, sig

NAMES = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "gelu")
X0S = (-4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0)
"""정적 페이지의 입력 위치(실시간 슬라이더 -5~5, 간격 0.1의 눈금 위)."""
X0_SLIDER = (-5.0, 5.0, 0.1)
"""실시간 입력 위치 슬라이더의 (최솟값, 최댓값, 간격)."""
ACT_START = {"name": "sigmoid", "x0": 2.0}
"""활성화 데모의 처음 상태(두 모드가 같다)."""
XGRID = np.linspace(-5, 5, 401)
Y_RANGES = {"step": (-1.6, 2.6), "sigmoid": (-1.6, 2.6), "tanh": (-1.6, 2.6),
            "relu": (-1.6, 5.6), "leaky_relu": (-1.6, 5.6), "gelu": (-1.6, 5.6)}
"""함수마다 세로축 범위: 빨간 점(입력 −5~5의 출력)이 늘 그림 안에 있게. ReLU 꼴은 x = 5에서 출력 5까지 올라간다."""


def _korean(name: str) -> str:
    from dlkit.activations import get_activation

    return get_activation(name).korean_name


SATURATING = ("sigmoid", "tanh", "gelu")
"""양 끝(꼬리)에서 도함수가 0으로 다가가는(포화하는) 함수들."""
GELU_TAIL = -3.0
"""GELU의 음수 쪽 꼬리(포화)가 시작된다고 보는 입력: 그보다 오른쪽(−0.75 근처의 최솟값, −√2의 가장 가파른 음의
기울기)은 함수가 아직 휘어지는 곳이라 도함수가 작아도 포화가 아니다."""
SATURATION_SHARE = 0.1
"""포화로 부르는 기준: 도함수의 크기가 그 함수의 최대 기울기의 10 % 미만."""


def peak_slope(name: str) -> float:
    """활성화 함수 ``name``의 도함수 크기의 최댓값(그림 구간 XGRID에서)."""
    from dlkit.activations import get_activation

    return float(np.max(np.abs(get_activation(name).grad(XGRID))))


def slope_note(name: str, g0: float, x0: float | None = None) -> str:
    """입력 위치의 도함수 ``g0``가 학습 신호에 대해 뜻하는 것을 한국어 한 문장으로.

    하나의 문턱값이 아니라 함수와 실제 도함수 값으로 정한다: 정확히 0이면 신호 없음(ReLU는 죽은 ReLU),
    Leaky ReLU의 음수 쪽 α는 작지만 0이 아니라 신호가 흐름, 시그모이드·tanh·GELU는 도함수가 그 함수의
    최대 기울기의 ``SATURATION_SHARE`` 미만일 때만 포화(기울기 소실)라고 부른다(GELU는 꼬리 ``x0 <= GELU_TAIL``에서만).
    ``x0 = 0``의 계단 함수와 ReLU는 미분할 수 없는 점이라고 밝힌다.
    """
    if x0 == 0.0 and name == "step":
        return ("x = 0에서 계단 함수는 값이 뛰어 미분할 수 없습니다(구현은 0을 돌려줍니다). 그 밖에서는 기울기가 0이라 "
                "학습 신호가 흐르지 않습니다.")
    if x0 == 0.0 and name == "relu":
        return ("x = 0은 ReLU가 꺾이는 점이라 미분이 정의되지 않아, torch처럼 도함수를 0으로 둡니다. 입력이 0 이하인 "
                "ReLU 뉴런에는 학습 신호가 흐르지 않습니다(늘 이렇다면 죽은 ReLU).")
    if x0 == 0.0 and name == "leaky_relu":
        return (f"x = 0은 Leaky ReLU가 꺾이는 점이라 미분이 정의되지 않아, torch처럼 도함수를 α = {g0:.3g}로 둡니다. "
                "작지만 0이 아니라 학습 신호가 조금 흐릅니다(그래서 죽은 ReLU가 생기지 않습니다).")
    if g0 == 0.0:
        if name == "step":
            return ("도함수가 정확히 0입니다: 계단 함수는 x = 0을 빼면 어디서나 기울기가 0이라 "
                    "학습 신호가 전혀 흐르지 않습니다.")
        if name == "relu":
            return ("도함수가 정확히 0입니다: 입력이 0 이하인 ReLU 뉴런에는 학습 신호가 전혀 흐르지 않습니다"
                    "(늘 이렇다면 죽은 ReLU).")
        return "도함수가 정확히 0입니다: 이 점에서는 학습 신호가 흐르지 않습니다."
    if name == "leaky_relu" and abs(g0) < 1.0:
        return (f"도함수가 α = {g0:.3g}로 작지만 0이 아니라 학습 신호가 조금 흐릅니다"
                "(그래서 죽은 ReLU가 생기지 않습니다).")
    share = abs(g0) / peak_slope(name)
    tail = name != "gelu" or (x0 is not None and x0 <= GELU_TAIL)
    if name in SATURATING and share < SATURATION_SHARE and tail:
        return (f"도함수가 최대 기울기의 {percent_to(share)} 거의 0입니다: 꼬리 쪽 포화 구간이라 "
                "학습 신호가 거의 사라집니다(기울기 소실).")
    if g0 < 0:
        return ("도함수가 음수입니다: 이 구간에서는 입력이 커지면 출력이 작아집니다. 0이 아니라서 역전파로 학습 신호는 "
                "전달됩니다.")
    return "도함수가 0이 아니라서 역전파로 학습 신호가 전달됩니다."


def _act_preset(label: str, name: str, x0: float) -> Preset:
    """활성화 데모의 프리셋: 설명은 그 점의 도함수로 :func:`slope_note`가 쓴다(캡션과 같은 말)."""
    from dlkit.plotting import figure_activation

    g0 = float(figure_activation(name).grad(np.array([x0]))[0])
    return Preset(label, {"name": name, "x0": x0}, f"{_korean(name)}, x = {num(x0)}: 도함수 {num(g0, '.3g')}. "
                  + slope_note(name, g0, x0))


def sigmoid_peak_reached(*, name: str, x0: float, **_: Any) -> bool:
    """질문의 답에 닿았나: 시그모이드의 도함수가 가장 큰 곳(x = 0)에 빨간 점을 놓았다."""
    return name == "sigmoid" and abs(float(x0)) < X0_SLIDER[2] / 2


def _act_question() -> Question:
    from dlkit.activations import get_activation

    peak = float(get_activation("sigmoid").grad(np.array([0.0]))[0])
    return Question(
        prompt=("시그모이드의 도함수(접선의 기울기)는 어디에서 가장 크고, 그 값은 얼마일까요? "
                "예측한 뒤 시그모이드에서 입력 위치를 옮겨 보세요."),
        reached=sigmoid_peak_reached,
        answer=(f"x = 0에서 가장 크고 그 값은 {peak:g}입니다. 어디서나 이보다 작으니, 가중치를 빼고 도함수 몫만 "
                f"보면 시그모이드를 열 층 지날 때 기울기에 곱해지는 값은 많아야 {peak:g}¹⁰ = 1/{1 / peak ** 10:,.0f}"
                f"(약 {round(1 / peak ** 10, -5) / 1e4:,.0f}만분의 1)입니다(기울기 소실). 실제 기울기에는 층마다 가중치도 곱해집니다."),
    )


def activation_spec() -> DemoSpec:
    from dlkit.activations import get_activation
    from dlkit.plotting import figure_activation, plot_activation

    art: dict[str, Any] = {}

    def setup(fig: Any) -> None:
        ax = fig.subplots()
        plot_activation("sigmoid", ax=ax, x=XGRID)  # 책의 정적 그림과 같은 함수로 그린다
        art["ax"] = ax
        art["fn"], art["grad"] = ax.lines[0], ax.lines[1]
        (art["tangent"],) = ax.plot([], [], "-", color="tab:red", lw=1.2, alpha=0.8)
        (art["point"],) = ax.plot([], [], "o", color="tab:red", ms=6)
        ax.set_ylim(*Y_RANGES["sigmoid"])
        ax.set_xlim(-5, 5)
        ax.yaxis.label.set(rotation=0, ha="right", va="center")  # 세로축 이름이 있으면 눕히지 않고 가로로
        ax.legend(loc="upper left", fontsize=8)

    def update(*, name: str, x0: float) -> str:
        act = get_activation(name)
        fn, grad, title = figure_activation(name)  # 책의 그림과 같은 곡선(Leaky ReLU는 α = 0.1)
        ax = art["ax"]
        art["fn"].set_ydata(fn(XGRID))
        art["grad"].set_ydata(grad(XGRID))
        art["fn"].set_label(act.korean_name)
        y0 = float(fn(np.array([x0]))[0])
        g0 = float(grad(np.array([x0]))[0])
        xs = np.array([x0 - 1.2, x0 + 1.2])
        art["tangent"].set_data(xs, y0 + g0 * (xs - x0))
        art["point"].set_data([x0], [y0])
        ax.set_title(f"{title}: x = {num(x0)}에서 도함수 {num(g0, '.3g')}", fontsize=10)
        if art.get("name") != name:
            ax.set_ylim(*Y_RANGES[name])
            ax.legend(loc="upper left", fontsize=8)
            art["name"] = name
        art["blit"] = ([art["fn"], art["grad"], art["tangent"], art["point"], ax.title], name)
        note = slope_note(name, g0, x0)
        return (f"{act.korean_name}({name}) · 빨간 점: x = {num(x0)}, 출력 {num(y0, '.3g')}, "
                f"도함수(접선의 기울기) {num(g0, '.3g')}. {note}")

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        return {
            "name": widgets.Dropdown(options=[(f"{_korean(n)} ({n})", n) for n in NAMES], value=ACT_START["name"],
                                     description="활성화 함수", style=style),
            "x0": widgets.FloatSlider(value=ACT_START["x0"], min=X0_SLIDER[0], max=X0_SLIDER[1], step=X0_SLIDER[2],
                                      description="입력 x 위치", style=style, layout=widgets.Layout(width="420px")),
        }

    return DemoSpec(
        name="activation", title="활성화 함수와 그 도함수", figsize=(4.4, 2.7),
        setup=setup, update=update,
        static_axes=[Axis("name", "활성화 함수", NAMES, [_korean(n) for n in NAMES], kind="toggle",
                          initial=NAMES.index(ACT_START["name"])),
                     Axis("x0", "입력 x 위치", X0S, [num(v) for v in X0S], initial=X0S.index(ACT_START["x0"]))],
        static_what="함수 6개 × 입력 위치 7곳: 입력 위치는 −4부터 4까지 성기게",
        live_controls=live_controls, blit=lambda: art["blit"],
        presets=(_act_preset("계단 함수: 기울기 0", "step", 1.0),
                 _act_preset("포화: 시그모이드의 꼬리", "sigmoid", 4.0),
                 _act_preset("죽은 ReLU", "relu", -2.0),
                 _act_preset("Leaky ReLU는 살아 있음", "leaky_relu", -2.0)),
        questions=(_act_question(),),
    )


# --- 활성화가 있을 때와 없을 때 -------------------------------------------------

LIVE_EPOCH_STEP = 10
LIVE_MAX_EPOCH = 800
EPOCH_GRID = tuple(range(0, LIVE_MAX_EPOCH + 1, LIVE_EPOCH_STEP))
"""실시간 에포크 슬라이더가 낼 수 있는 값(두 모드가 같은 학습 한 번의 이 에포크들에서 예측을 기록한다)."""
EPOCHS = (0, 10, 20, 50, 100, 200, 400, 800)
"""정적 페이지의 에포크(:data:`EPOCH_GRID` 위, 뒤로 갈수록 성기게)."""
FIT_ACTIVATIONS = tuple(n for n in NAMES if n != "step")
"""곡선 맞추기에 쓰는 활성화 함수(계단 함수는 기울기가 0이라 학습이 안 된다)."""
HIDDENS = (2, 4, 8, 16, 32)
"""실시간 은닉 뉴런 수 슬라이더의 값."""
HIDDEN_STATIC = (2, 16)
"""정적 페이지의 은닉 뉴런 수: 아주 적을 때와 기본값."""
FIT_START = {"epoch": 200, "activation": "relu", "hidden": 16}
"""곡선 맞추기 데모의 처음 상태(두 모드가 같다)."""
PLATEAU_FROM = 400
"""질문의 답에 닿았다고 보는 에포크: 선형 망의 손실이 더는 줄지 않는 뒤쪽(정적 프레임 400, 800)."""


def train_snapshots(activation: str | None, hidden: int, epochs: Any, *, seed: int = 0) -> dict[int, np.ndarray]:
    """곡선 맞추기 실험(:func:`dlkit.training.curve_fit_snapshots`)을 시드 ``seed``로: 에포크 → 예측."""
    from dlkit.training import curve_fit_snapshots

    return curve_fit_snapshots(activation, hidden, epochs, rng=seed)


FOLLOW_SHARE = 0.5
"""활성화 망이 '곡선을 따라간다'고 부르는 기준: 손실이 선형 망 손실의 절반 미만."""


def fit_note(name: str, l_lin: float, l_act: float) -> str:
    """활성화 망(손실 ``l_act``)이 곡선을 따라가는지, 선형 망(손실 ``l_lin``)과 견주어 한 문장으로.

    규칙 하나: ``l_act < FOLLOW_SHARE * l_lin``이면 곡선을 따라가고, 아니면 아직 곡선을 잘 따라가지 못한다
    (선형보다 손실이 크면 그렇다고 덧붙인다). 손실만 보고 정하므로 예측의 모양("직선과 비슷")은 말하지 않는다:
    은닉 뉴런이 적으면 목표만큼 휘었는데 엉뚱한 곳에서 휜 예측도 손실이 크다.
    """
    share = l_act / l_lin
    if share < FOLLOW_SHARE:
        return (f"층 사이에 {name}를 넣은 망은 곡선을 따라갑니다"
                f"(손실 {sig(l_act)}, 선형의 {percent(share)}).")
    worse = ", 오히려 선형보다 큼" if share > 1 else ""
    return (f"층 사이에 {name}를 넣은 망은 아직 곡선을 잘 따라가지 못합니다"
            f"(손실 {sig(l_act)}, 선형의 {percent(share)}{worse}). 더 학습해 보세요.")


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
        ax.set(xlabel="x", ylim=(-2.2, 2.2))
        ax.set_ylabel("y", rotation=0, ha="right", va="center")  # 눕히지 않고 가로로
        art["ax"] = ax
        art["legend"] = ax.legend(loc="upper left", fontsize=8)

    def update(*, epoch: int, activation: str = FIT_START["activation"], hidden: int = FIT_START["hidden"]) -> str:
        # 정적 프레임의 에포크만 필요하면 그 여덟 곳에서만 멈추며 학습한다(빠르다). 같은 학습을 나눠 했을 뿐이라
        # 같은 에포크의 예측은 실시간 격자(EPOCH_GRID)로 얻은 것과 똑같다(tests/dlkit/test_widget_content.py).
        epochs = EPOCHS if epoch in EPOCHS else EPOCH_GRID
        epoch = min(epochs, key=lambda e: abs(e - epoch))
        lin = snapshots(None, hidden, epochs)[epoch]
        act = snapshots(activation, hidden, epochs)[epoch]
        art["lin"].set_ydata(lin)
        art["act"].set_ydata(act)
        name = _korean(activation)
        art["legend"].get_texts()[2].set_text(f"{name} 사용")
        l_lin, l_act = squared_loss(lin.reshape(-1, 1), y), squared_loss(act.reshape(-1, 1), y)
        # 두 줄: 한 줄이면 긴 이름(하이퍼볼릭 탄젠트 함수)이나 작은 손실(7.70 × 10⁻⁶)에서 그림 밖으로 나가 잘렸다
        art["ax"].set_title(f"에포크 {epoch}의 손실(½·MSE)\n선형 층만 {sig(l_lin)}, {name} {sig(l_act)}", fontsize=10)
        art["blit"] = ([art["lin"], art["act"], art["ax"].title], (activation, hidden))
        return (f"은닉 {hidden}개짜리 층 두 개, 에포크 {epoch}, 손실은 ½·MSE(평균 제곱 오차의 절반). "
                f"선형 층만 쌓은 망은 학습해도 직선밖에 못 그립니다(손실 {sig(l_lin)}). "
                + fit_note(name, l_lin, l_act))

    def fit_preset(label: str, values: dict[str, Any]) -> Preset:
        """프리셋 설명은 그 상태의 손실로 :func:`fit_note`가 쓴다(캡션과 같은 판정)."""
        grid = EPOCHS if values["epoch"] in EPOCHS else EPOCH_GRID
        lin = snapshots(None, values["hidden"], grid)[values["epoch"]]
        act = snapshots(values["activation"], values["hidden"], grid)[values["epoch"]]
        l_lin, l_act = squared_loss(lin.reshape(-1, 1), y), squared_loss(act.reshape(-1, 1), y)
        return Preset(label, values, f"은닉 {values['hidden']}개, 에포크 {values['epoch']}: "
                      + fit_note(_korean(values["activation"]), l_lin, l_act))

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        return {
            "epoch": widgets.IntSlider(value=FIT_START["epoch"], min=0, max=LIVE_MAX_EPOCH, step=LIVE_EPOCH_STEP,
                                       description="학습 에포크", style=style,
                                       layout=widgets.Layout(width="420px")),
            "activation": widgets.Dropdown(options=[(f"{_korean(n)} ({n})", n) for n in FIT_ACTIVATIONS],
                                           value=FIT_START["activation"], description="활성화 함수", style=style),
            "hidden": widgets.SelectionSlider(options=list(HIDDENS), value=FIT_START["hidden"],
                                              description="은닉 뉴런 수", style=style),
        }

    return DemoSpec(
        name="linear_vs_activation", title="선형 층만 쌓기 vs 활성화 함수 넣기", figsize=(4.4, 2.7),
        setup=setup, update=update,
        # 에포크를 마지막 축으로: 프레임을 차례로 그릴 때 배경(활성화, 은닉 수)이 덜 바뀐다(blit)
        static_axes=[Axis("activation", "활성화 함수", FIT_ACTIVATIONS, [_korean(n) for n in FIT_ACTIVATIONS],
                          kind="toggle", initial=FIT_ACTIVATIONS.index(FIT_START["activation"])),
                     Axis("hidden", "은닉 뉴런 수", HIDDEN_STATIC, [str(h) for h in HIDDEN_STATIC],
                          initial=HIDDEN_STATIC.index(FIT_START["hidden"])),
                     Axis("epoch", "학습 에포크", EPOCHS, [str(e) for e in EPOCHS],
                          initial=EPOCHS.index(FIT_START["epoch"]))],
        static_what=(f"에포크 {len(EPOCHS)}곳(뒤로 갈수록 성기게) × 활성화 함수 {len(FIT_ACTIVATIONS)}개 × "
                     f"은닉 뉴런 {len(HIDDEN_STATIC)}가지({', '.join(map(str, HIDDEN_STATIC))}개)"),
        live_controls=live_controls, blit=lambda: art["blit"],
        presets=(Preset("학습 전", {"epoch": 0}, "에포크 0: 두 망 모두 아직 학습하지 않은 처음 가중치 그대로입니다."),
                 fit_preset("tanh 망", {"epoch": 200, "activation": "tanh", "hidden": 16}),
                 fit_preset("은닉 2개의 시그모이드", {"epoch": 50, "activation": "sigmoid", "hidden": 2})),
        questions=(Question(
            prompt=("선형 층만 쌓은 망도 오래 학습하면 결국 곡선을 따라갈까요? 예측한 뒤 에포크를 "
                    f"{PLATEAU_FROM} 이상으로 올려 보세요."),
            reached=lambda *, epoch, **_: int(epoch) >= PLATEAU_FROM,
            answer=("아니요. 선형 층은 몇 개를 쌓아도 직선 하나와 같아서, 에포크를 더 올려도 선형 망의 손실은 "
                    "그대로이고 그림도 직선입니다. 층 사이에 활성화 함수를 넣은 망만 곡선을 따라갑니다."),
        ),),
    )


def activation_demo(mode: str | None = None) -> Any:
    """활성화 함수를 골라 모양과 도함수(접선의 기울기)를 본다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(activation_spec(), mode)


def linear_vs_activation_demo(mode: str | None = None) -> Any:
    """곡선 목표를 선형 층만 쌓은 망과 활성화가 있는 망으로 맞추는 과정을 에포크별로 본다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(linear_vs_activation_spec(), mode)
