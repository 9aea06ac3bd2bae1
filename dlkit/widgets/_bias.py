"""편향 데모: 파티 퍼셉트론(비, 돈, 친구)과 편향(성격)."""
from __future__ import annotations

from typing import Any

import numpy as np

from dlkit.widgets._frames import Axis, DemoSpec

FEATURES = ("비", "돈", "친구")
WEIGHTS = (-2.0, 3.0, 4.0)
"""기본 가중치: 비가 오면 -2, 돈이 있으면 +3, 시간 되는 친구가 있으면 +4."""
BIASES = (-8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0)
SCENARIOS = (
    ((1, 0, 0), "비 옴·돈 없음·친구 없음"),
    ((1, 1, 0), "비 옴·돈 있음·친구 없음"),
    ((0, 0, 1), "맑음·돈 없음·친구 있음"),
    ((0, 1, 1), "맑음·돈 있음·친구 있음"),
)


def decision_text(go: bool) -> str:
    return "파티에 간다" if go else "파티에 안 간다"


def _num(v: float) -> str:
    """그림·설명용 숫자: 음수 부호는 하이픈 대신 U+2212(−)."""
    return f"{v:g}".replace("-", "\u2212")


def _fmt(v: float) -> str:
    """식 안의 항: 음수는 괄호로 감싼다(예: ``(−2)``)."""
    return _num(v) if v >= 0 else f"({_num(v)})"


LIM = (-0.5, 1.5)
GRID = np.linspace(*LIM, 120)
CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def _spec() -> DemoSpec:
    from matplotlib.colors import ListedColormap

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
        ax_sum.set_xlabel("값 (0 이상이면 간다)", fontsize=8)
        art["texts"] = [ax_sum.text(0, y, "", va="center", fontsize=8) for y in ypos]
        # 오른쪽: 비·돈 평면의 결정 경계(plot_decision_boundary와 같은 모양을 제자리 갱신으로)
        art["region"] = ax_b.imshow(np.zeros((len(GRID), len(GRID))), extent=(*LIM, *LIM), origin="lower",
                                    cmap=ListedColormap(DECISION_COLORS), vmin=0, vmax=1, alpha=0.8,
                                    aspect="auto", interpolation="nearest")
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

    def update(*, x: Any, bias: float, w_rain: float = WEIGHTS[0], w_money: float = WEIGHTS[1],
               w_friend: float = WEIGHTS[2]) -> str:
        x = np.asarray(x, dtype=float)
        w = np.array([w_rain, w_money, w_friend])
        p = Perceptron(w, bias)
        z = float(p.pre_activation(x))
        go = bool(p.predict(x))
        values = list(w * x) + [bias, z]
        for bar, txt, v in zip(art["bars"], art["texts"], values):
            bar.set_width(v)
            # 막대가 축 끝 가까이 가면(|v| > 8) 값을 막대 안쪽 끝에 흰 글씨로: 밖에 쓰면 눈금 이름을 덮는다
            inside = abs(v) > 8
            side = 1.0 if v >= 0 else -1.0
            txt.set_x(v - side * 0.3 if inside else v + side * 0.3)
            txt.set_ha(("right" if v >= 0 else "left") if inside else ("left" if v >= 0 else "right"))
            txt.set_color("white" if inside else "black")
            txt.set_text(_num(v))
        art["bars"][-1].set_color("#3d85c6" if go else "#cc0000")
        art["ax_sum"].set_title(f"z = {_num(z)} → {decision_text(go)}", fontsize=9)
        # 오른쪽: 친구 입력은 편향에 더해 두고 비·돈 평면에 경계를 그린다
        p2 = Perceptron(w[:2], bias + w[2] * x[2])
        art["region"].set_data(p2.predict_grid(GRID, GRID))
        art["line"].set_data(*p2.boundary(GRID, LIM))
        art["line0"].set_data(*Perceptron(w[:2], 0.0).boundary(GRID, LIM))
        art["line0"].set_visible(p2.b != 0)
        preds = p2.predict(CORNERS)
        art["corners"].set_color(["tab:blue" if g else "tab:red" for g in preds])
        for t, g in zip(art["corner_texts"], preds):
            t.set_text("간다" if g else "안 간다")
        art["star"].set_data([x[0]], [x[1]])
        art["ax_b"].set_title(f"친구 {'있음' if x[2] else '없음'}: 경계 (실선)", fontsize=9)
        art["blit"] = ([*art["bars"], *art["texts"], art["ax_sum"].title, art["region"], art["line"],
                        art["line0"], art["corners"], *art["corner_texts"], art["star"], art["ax_b"].title],
                       None)
        terms = " + ".join(f"{_fmt(wi)}×{_num(xi)}" for wi, xi in zip(w, x))
        return (f"z = {terms} + 편향 {_fmt(bias)} = <b>{_num(z)}</b> → "
                f"<b>{decision_text(go)}</b> (별: 지금 입력, 실선: 결정 경계, 점선: 편향 0일 때의 경계)")

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")

        def toggle(desc: str, value: bool) -> Any:
            return widgets.ToggleButtons(options=[("아니오", 0), ("예", 1)], value=int(value),
                                         description=desc, style=style)

        controls = {
            "rain": toggle("비가 오나?", True),
            "money": toggle("돈이 있나?", False),
            "friend": toggle("친구 시간 되나?", False),
            "w_rain": widgets.FloatSlider(value=WEIGHTS[0], min=-5, max=5, step=0.5,
                                          description="비의 가중치", style=style, layout=wide),
            "w_money": widgets.FloatSlider(value=WEIGHTS[1], min=-5, max=5, step=0.5,
                                           description="돈의 가중치", style=style, layout=wide),
            "w_friend": widgets.FloatSlider(value=WEIGHTS[2], min=-5, max=5, step=0.5,
                                            description="친구의 가중치", style=style, layout=wide),
            "bias": widgets.FloatSlider(value=0.0, min=-10, max=6, step=0.5,
                                        description="편향 b (성격)", style=style, layout=wide),
        }
        return controls

    return DemoSpec(
        name="bias", title="파티 퍼셉트론: 편향(성격)을 바꿔 보기", figsize=(5.6, 2.5),
        setup=setup, update=update,
        static_axes=[Axis("x", "입력", [s[0] for s in SCENARIOS], [s[1] for s in SCENARIOS], kind="toggle"),
                     Axis("bias", "편향 b (성격)", BIASES, [f"{b:g}" for b in BIASES], initial=4)],
        static_what="입력 4가지 × 편향 7가지, 가중치는 비 -2, 돈 3, 친구 4",
        live_controls=live_controls, blit=lambda: art["blit"],
        # 정적 그림(demo_figure)의 입력 x는 실시간 조절기 세 개(rain, money, friend)를 묶은 것이다
        extra_domains={"x": ("binary3",)}, grouped_controls=("rain", "money", "friend"),
    )


def _adapt(spec: DemoSpec) -> DemoSpec:
    """실시간 조절기(rain/money/friend 따로)를 update의 ``x``로 묶는다."""
    inner = spec.update

    def update(**p: Any) -> str:
        if "x" not in p:
            p["x"] = (p.pop("rain"), p.pop("money"), p.pop("friend"))
        return inner(**p)

    spec.update = update
    return spec


def spec() -> DemoSpec:
    return _adapt(_spec())


def bias_demo(mode: str | None = None) -> Any:
    """파티 퍼셉트론 데모. 편향이 충분히 크면 입력과 상관없이 A는 파티에 간다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(spec(), mode)
