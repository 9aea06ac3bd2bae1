"""편향 데모: 파티 퍼셉트론(비, 돈, 친구)과 편향(성격)."""
from __future__ import annotations

from typing import Any

import numpy as np

from dlkit._checks import _has_final_consonant
from dlkit.widgets._frames import Axis, DemoSpec, Preset, Question
from dlkit.words import num

FEATURES = ("비", "돈", "친구")
WEIGHTS = (-2.0, 3.0, 4.0)
"""기본 가중치: 비가 오면 -2, 돈이 있으면 +3, 시간 되는 친구가 있으면 +4."""
PEOPLE = {"C": -6.0, "A": -4.0, "B": 3.0}
"""02 장의 세 사람(가중치는 같고 편향만 다르다): 신중한 C, 보통 A, 파티광 B."""
BIASES = (PEOPLE["C"], PEOPLE["A"], 0.0, PEOPLE["B"])
"""정적 페이지의 편향 값: 세 사람의 편향과 0(경계가 원점을 지나는 경우)."""
INPUTS = ("rain", "money", "friend")
"""입력 조절기 이름(비, 돈, 친구 순). ``update``의 ``x``는 이 셋을 묶은 것이다."""
WEIGHT_PARAMS = ("w_rain", "w_money", "w_friend")
WEIGHT_STATIC = tuple((w, 0.0) if w < 0 else (0.0, w) for w in WEIGHTS)
"""정적 페이지의 가중치 값: 입력마다 기본값과 0(그 입력을 보지 않는 사람) 두 가지(오름차순)."""
SLIDER = {"w": (-5.0, 5.0, 0.5), "bias": (-10.0, 6.0, 0.5)}
"""실시간 슬라이더의 (최솟값, 최댓값, 간격): 정적 축의 값은 모두 이 눈금 위에 있다."""
START = {"rain": 1, "money": 0, "friend": 0, "bias": PEOPLE["A"]}
"""처음 상태: 비가 오고 돈도 친구도 없는 날의 보통 A(두 모드가 같다)."""


def decision_text(go: bool) -> str:
    return "파티에 간다" if go else "파티에 안 간다"


def _fmt(v: float) -> str:
    """식 안의 항: 음수는 괄호로 감싼다(예: ``(−2)``)."""
    return num(v) if v >= 0 else f"({num(v)})"


LIM = (-0.5, 1.5)
GRID = np.linspace(*LIM, 120)
CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def half_plane(w: Any, b: float, lim: tuple[float, float] = LIM) -> np.ndarray:
    """정사각형 ``lim × lim`` 안에서 :math:`w_1 x_1 + w_2 x_2 + b \\ge 0`인 부분(볼록 다각형의 꼭짓점).

    간다 영역을 격자 그림(imshow) 대신 다각형 하나로 그린다(프레임마다 격자를 다시 칠하지 않아 빠르다).
    정사각형을 반평면으로 자르는 Sutherland–Hodgman 한 번이다. 영역이 없으면 빈 (0, 2) 배열.
    """
    lo, hi = lim
    square = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]], dtype=float)
    w = np.asarray(w, dtype=float)
    s = square @ w + b
    out = []
    for i in range(4):
        p, q, sp, sq = square[i], square[(i + 1) % 4], s[i], s[(i + 1) % 4]
        if sp >= 0:
            out.append(p)
        if (sp >= 0) != (sq >= 0):
            out.append(p + (q - p) * (sp / (sp - sq)))
    return np.array(out).reshape(-1, 2)


def state_summary(rain: int, money: int, friend: int, bias: float, w_rain: float = WEIGHTS[0],
                  w_money: float = WEIGHTS[1], w_friend: float = WEIGHTS[2]) -> tuple[float, float, bool]:
    """한 상태의 (가중합, z, 간다?): 캡션·프리셋 설명·질문이 모두 이 계산 하나를 쓴다."""
    from dlkit.models import Perceptron

    x = np.array([rain, money, friend], dtype=float)
    w = np.array([w_rain, w_money, w_friend])
    p = Perceptron(w, bias)
    return float(w @ x), float(p.pre_activation(x)), bool(p.predict(x))


def _preset(label: str, who: str, values: dict[str, Any], extra: str = "") -> Preset:
    """프리셋 하나: 설명은 그 상태를 계산해서 쓴다(손으로 적은 숫자가 아니다). ``extra``는 라벨이 말하는 것을
    보이는 한 문장(역시 계산한 값으로)."""
    full = {**dict(zip(WEIGHT_PARAMS, WEIGHTS)), **values}
    wsum, z, go = state_summary(**full)
    situation = "·".join([("비 옴" if full["rain"] else "맑음"), ("돈 있음" if full["money"] else "돈 없음"),
                          ("친구 있음" if full["friend"] else "친구 없음")])
    explain = (f"{who}(편향 {num(full['bias'])}), {situation}: z = 가중합 {num(wsum)} + 편향 {_fmt(full['bias'])} "
               f"= {num(z)} → {decision_text(go)}.")
    return Preset(label, full, explain + (" " + extra if extra else ""))


def _origin_text() -> str:
    """편향 0 프리셋: 경계의 식과, 원점이 경계 위(z = 0)라 문턱 규칙(z ≥ 0)으로 '간다'는 것(계산한 값)."""
    _, z0, go0 = state_summary(0, 0, 0, 0.0)
    return (f"편향이 0이면 경계 {num(WEIGHTS[0])}x₁ + {num(WEIGHTS[1])}x₂ = 0이 원점 (0, 0)을 지납니다. 원점의 입력은 "
            f"z = {num(z0)}이라 문턱 규칙(z ≥ 0이면 간다)에 따라 '{decision_text(go0)}'입니다.")


PRESETS = (
    _preset("보통 A", "보통 A", {"rain": 1, "money": 0, "friend": 0, "bias": PEOPLE["A"]}),
    _preset("파티광 B", "파티광 B", {"rain": 1, "money": 0, "friend": 0, "bias": PEOPLE["B"]}),
    _preset("신중한 C", "신중한 C", {"rain": 0, "money": 1, "friend": 1, "bias": PEOPLE["C"]}),
    _preset("편향 0: 경계가 원점을 지남", "편향이 없는 사람", {"rain": 0, "money": 0, "friend": 0, "bias": 0.0},
            _origin_text()),
)
"""02 장이 이야기하는 상태: 세 사람(같은 가중치, 다른 편향)과 편향 0(경계가 원점을 지난다)."""


def rain_alone_goes(*, rain: Any, money: Any, friend: Any, bias: float, w_rain: float = WEIGHTS[0],
                    **_: Any) -> bool:
    """질문의 답에 닿았나: 기본 비의 가중치로, 비만 오고 돈도 친구도 없는데 파티에 간다."""
    if (int(rain), int(money), int(friend)) != (1, 0, 0) or w_rain != WEIGHTS[0]:
        return False
    return state_summary(1, 0, 0, bias, w_rain=w_rain)[2]


QUESTION = Question(
    prompt=("비가 오고 돈도 친구도 없는 날(비 예, 돈 아니오, 친구 아니오)에도 파티에 가려면 편향이 얼마 이상이어야 할까요? "
            "예측해 본 뒤 편향을 올려 보세요."),
    reached=rain_alone_goes,
    answer=(f"편향이 {num(-WEIGHTS[0])} 이상이면 갑니다: 가중합이 {_fmt(WEIGHTS[0])}×1 = {num(WEIGHTS[0])}"
            f"{'이라' if _has_final_consonant(num(WEIGHTS[0])) else '라'} "
            f"z = {num(WEIGHTS[0])} + b ≥ 0이어야 합니다. 세 사람 가운데에는 파티광 B(편향 {num(PEOPLE['B'])})만 "
            "이 날에도 갑니다."),
)


def lines_text(w: Any, plane_bias: float, friend: bool, go: bool, on_screen: bool = True) -> str:
    """캡션의 괄호: 그림에 실제로 그려진 선만 설명한다(경계가 없거나, 그림 밖이거나, 점선이 실선과 겹치면 그렇게
    적는다)."""
    dashed = "편향과 친구 항을 뺀, 원점을 지나는 경계" if friend else "편향 0일 때의 경계"
    if not np.any(np.asarray(w[:2]) != 0):
        return (f"(별: 지금 입력. 비·돈의 가중치가 둘 다 0이라 이 평면에는 결정 경계가 없고, 어디서나 "
                f"'{decision_text(go)}'입니다)")
    if not on_screen:
        return (f"(별: 지금 입력. 결정 경계는 그림 밖이라 보이는 평면 전체가 '{decision_text(go)}'입니다. "
                f"점선: {dashed})")
    if plane_bias == 0:
        what = "편향과 친구 항의 합이" if friend else "편향이"
        return f"(별: 지금 입력, 실선: 결정 경계. {what} 0이라 경계가 원점을 지나고, 점선은 실선과 겹칩니다)"
    return f"(별: 지금 입력, 실선: 결정 경계, 점선: {dashed})"


def _spec() -> DemoSpec:
    from matplotlib.patches import Polygon, Rectangle

    from dlkit.models import Perceptron
    from dlkit.plotting import DECISION_COLORS

    art: dict[str, Any] = {}

    def setup(fig: Any) -> None:
        ax_sum, ax_b = fig.subplots(1, 2, width_ratios=[1.15, 1])
        names = [f"{n}×가중치" for n in FEATURES] + ["편향 b", "z (가중합 + 편향)"]
        ypos = np.arange(len(names))[::-1]
        art["bars"] = list(ax_sum.barh(ypos, np.zeros(len(names)),
                                       color=["#9fc5e8"] * 3 + ["#f6b26b", "#999999"]))
        ax_sum.set_yticks(ypos, names, fontsize=8)
        ax_sum.axvline(0, color="k", lw=1)
        ax_sum.set_xlim(-12, 12)
        ax_sum.tick_params(axis="x", labelsize=8)
        ax_sum.set_xlabel("값 (z가 0 이상이면 간다)", fontsize=8)
        art["texts"] = [ax_sum.text(0, y, "", va="center", fontsize=8) for y in ypos]
        # 오른쪽: 비·돈 평면의 결정 경계(plot_decision_boundary와 같은 색). 안 간다 = 배경, 간다 = 다각형
        ax_b.add_patch(Rectangle((LIM[0], LIM[0]), LIM[1] - LIM[0], LIM[1] - LIM[0], color=DECISION_COLORS[0],
                                 alpha=0.8, lw=0, zorder=0))
        art["region"] = ax_b.add_patch(Polygon(np.zeros((0, 2)), closed=True, color=DECISION_COLORS[1],
                                               alpha=0.8, lw=0, zorder=0.5))
        (art["line"],) = ax_b.plot([], [], "k-", lw=2)
        (art["line0"],) = ax_b.plot([], [], "k--", lw=1.5)
        art["corners"] = ax_b.scatter(CORNERS[:, 0], CORNERS[:, 1], s=70, zorder=3)
        art["corner_texts"] = [ax_b.annotate("", (c0, c1), textcoords="offset points", xytext=(6, 6),
                                             fontsize=8) for c0, c1 in CORNERS]
        (art["star"],) = ax_b.plot([], [], "*", color="gold", mec="k", ms=13, zorder=5)
        ax_b.set(xlim=LIM, ylim=LIM)
        ax_b.set_xlabel(f"{FEATURES[0]} (x₁)", fontsize=8)
        # plot_decision_boundary와 같이: 한 글자 한글 이름이 눕힌 글자로 읽히지 않게 가로 두 줄(이름, 축 번호)
        ax_b.set_ylabel(f"{FEATURES[1]}\n(x₂)", fontsize=8, rotation=0, ha="right", va="center")
        ax_b.tick_params(labelsize=8)
        ax_b.grid(False)
        art["ax_sum"], art["ax_b"] = ax_sum, ax_b
        art["ax_b"].set_title(" ", fontsize=9)
        art["ax_sum"].set_title(" ", fontsize=9)

    def update(*, bias: float, x: Any = None, rain: Any = START["rain"], money: Any = START["money"],
               friend: Any = START["friend"], w_rain: float = WEIGHTS[0], w_money: float = WEIGHTS[1],
               w_friend: float = WEIGHTS[2]) -> str:
        # x(세 입력을 묶은 것, demo_figure가 받는다)를 주면 그것을, 아니면 조절기 rain/money/friend를 쓴다
        x = np.asarray((rain, money, friend) if x is None else x, dtype=float)
        w = np.array([w_rain, w_money, w_friend])
        _, z, go = state_summary(*x, bias, w_rain, w_money, w_friend)
        values = list(w * x) + [bias, z]
        for bar, txt, v in zip(art["bars"], art["texts"], values):
            bar.set_width(v)
            # 막대가 축 끝 가까이 가면(|v| > 8) 값을 막대 안쪽 끝에 흰 글씨로: 밖에 쓰면 눈금 이름을 덮는다
            inside = abs(v) > 8
            side = 1.0 if v >= 0 else -1.0
            txt.set_x(v - side * 0.3 if inside else v + side * 0.3)
            txt.set_ha(("right" if v >= 0 else "left") if inside else ("left" if v >= 0 else "right"))
            txt.set_color("white" if inside else "black")
            txt.set_text(num(v))
        art["bars"][-1].set_color("#3d85c6" if go else "#cc0000")
        art["ax_sum"].set_title(f"z = {num(z)} → {decision_text(go)}", fontsize=9)
        # 오른쪽: 친구 입력은 편향에 더해 두고 비·돈 평면에 경계를 그린다
        p2 = Perceptron(w[:2], bias + w[2] * x[2])
        go_region = half_plane(w[:2], p2.b)
        art["region"].set_visible(len(go_region) > 0)
        if len(go_region):
            art["region"].set_xy(go_region)
        bx, by = (np.asarray(v, dtype=float) for v in p2.boundary(GRID, LIM))
        art["line"].set_data(bx, by)
        on_screen = bool(np.any((bx >= LIM[0]) & (bx <= LIM[1]) & (by >= LIM[0]) & (by <= LIM[1])))
        art["line0"].set_data(*Perceptron(w[:2], 0.0).boundary(GRID, LIM))
        art["line0"].set_visible(p2.b != 0)
        preds = p2.predict(CORNERS)
        art["corners"].set_color(["tab:blue" if g else "tab:red" for g in preds])
        for t, g in zip(art["corner_texts"], preds):
            t.set_text("간다" if g else "안 간다")
        art["star"].set_data([x[0]], [x[1]])
        friend = f"친구 {'있음' if x[2] else '없음'}"
        if not np.any(w[:2]):  # 비·돈 가중치가 둘 다 0: 이 평면에 경계가 없다(캡션의 lines_text와 같은 경우)
            art["ax_b"].set_title(f"{friend}: 결정 경계 없음", fontsize=9)
        else:
            art["ax_b"].set_title(f"{friend}: 경계 ({'실선' if on_screen else '그림 밖'})", fontsize=9)
        art["blit"] = ([*art["bars"], *art["texts"], art["ax_sum"].title, art["region"], art["line"],
                        art["line0"], art["corners"], *art["corner_texts"], art["star"], art["ax_b"].title],
                       None)
        terms = " + ".join(f"{_fmt(wi)}×{num(xi)}" for wi, xi in zip(w, x))
        head = f"z = {terms} + 편향 {_fmt(bias)} = <b>{num(z)}</b> → <b>{decision_text(go)}</b> "
        return head + lines_text(w, p2.b, bool(x[2]), go, on_screen)

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")

        def toggle(desc: str, value: int) -> Any:
            return widgets.ToggleButtons(options=[("아니오", 0), ("예", 1)], value=value,
                                         description=desc, style=style)

        def slider(desc: str, value: float, kind: str) -> Any:
            lo, hi, step = SLIDER[kind]
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=desc, style=style,
                                       layout=wide)

        return {
            "rain": toggle("비가 오나?", START["rain"]),
            "money": toggle("돈이 있나?", START["money"]),
            "friend": toggle("친구 시간 되나?", START["friend"]),
            "w_rain": slider("비의 가중치", WEIGHTS[0], "w"),
            "w_money": slider("돈의 가중치", WEIGHTS[1], "w"),
            "w_friend": slider("친구의 가중치", WEIGHTS[2], "w"),
            "bias": slider("편향 b (성격)", START["bias"], "bias"),
        }

    yes_no = ((0, 1), ("아니오", "예"))
    axes = [Axis(name, desc, *yes_no, kind="toggle", initial=START[name])
            for name, desc in zip(INPUTS, ("비가 오나?", "돈이 있나?", "친구 시간 되나?"))]
    axes += [Axis(name, f"{feat}의 가중치", vals, [num(v) for v in vals], initial=vals.index(w))
             for name, feat, vals, w in zip(WEIGHT_PARAMS, FEATURES, WEIGHT_STATIC, WEIGHTS)]
    axes.append(Axis("bias", "편향 b (성격)", BIASES, [num(b) for b in BIASES], initial=BIASES.index(START["bias"])))
    return DemoSpec(
        name="bias", title="파티 퍼셉트론: 편향(성격)을 바꿔 보기", figsize=(5.6, 2.5),
        setup=setup, update=update, static_axes=axes,
        static_what=("입력 8가지 × 가중치 입력마다 2가지(기본값 비 −2·돈 3·친구 4, 또는 0) × 편향 4가지"
                     "(신중한 C −6, 보통 A −4, 0, 파티광 B 3). 가중치와 편향은 성기게 골랐습니다"),
        live_controls=live_controls, blit=lambda: art["blit"],
        # 정적 그림(demo_figure)의 입력 x는 실시간 조절기 세 개(rain, money, friend)를 묶은 것이다
        extra_domains={"x": ("binary3",)}, grouped_controls=INPUTS,
        presets=PRESETS, questions=(QUESTION,),
    )


def spec() -> DemoSpec:
    return _spec()


def bias_demo(mode: str | None = None) -> Any:
    """파티 퍼셉트론 데모. 가중치가 기본값(비 −2, 돈 3, 친구 4)일 때 편향이 2 이상이면 어떤 입력에서도 파티에 간다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(spec(), mode)
