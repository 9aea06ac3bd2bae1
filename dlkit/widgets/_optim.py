"""최적화 데모: 학습률, GD·SGD·미니배치 SGD, 옵티마이저 비교."""
from __future__ import annotations

from typing import Any

import numpy as np

from dlkit.widgets._frames import Axis, DemoSpec

# --- 학습률 -------------------------------------------------------------------

CONTOUR_LEVELS = 12
"""등고선 수(적을수록 프레임 PNG가 작다)."""
LRS = tuple(float(f"{v:.3g}") for v in np.geomspace(0.003, 0.6, 12))
LR_STEPS = 40


SLOW_SHARE = 0.2
"""손실이 처음의 20 % 넘게 남으면 '느리다'(학습률이 작다)고 부른다."""
BOUNCE_KEEP = 0.9
"""마지막 걸음이 앞 걸음과 방향이 반대이고 첫 걸음 길이의 90 % 넘게 남아 있으면 '벽 사이를 오감'."""


def lr_verdict(losses: Any, path: Any, diverged: bool) -> tuple[str, str]:
    """SGD 경로 하나의 판정: (그림 제목용 짧은 판정, 캡션 문장).

    발산 여부는 따로 정하지 않고 :func:`dlkit.surfaces.optimize_path`의 판정(``diverged``)을 그대로 쓴다.
    발산하지 않았으면 차례로: 손실이 처음보다 커졌나, 걸음이 줄지 않고 방향만 바꾸나(수렴 경계, 본문의
    η = 2/a), 손실이 처음의 몇 %로 줄었나(``SLOW_SHARE``). 문장에는 그 비율을 그대로 적어,
    이웃한 프레임의 말이 숫자와 어긋나지 않게 한다.
    """
    losses = np.asarray(losses, dtype=float)
    path = np.asarray(path, dtype=float)
    if diverged:
        return "너무 큼: 발산", "학습률이 너무 커서 한 걸음이 골짜기를 건너뛰고, 손실이 오히려 커집니다(발산)."
    f0, f_end = float(losses[0]), float(losses[-1])
    if f_end > f0:
        return ("너무 큼: 손실이 커짐",
                "학습률이 너무 커서 손실이 줄지 않고 처음보다 커졌습니다. 걸음 수를 늘리면 어떻게 되는지 보세요.")
    steps = np.diff(path, axis=0)
    if len(steps) >= 2:
        first, prev, last = (float(np.linalg.norm(v)) for v in (steps[0], steps[-2], steps[-1]))
        if float(steps[-1] @ steps[-2]) < 0 and last > BOUNCE_KEEP * first:
            return ("경계: 수렴도 발산도 않음",
                    f"걸음마다 방향이 뒤집히는데 마지막 걸음이 첫 걸음의 {last / first * 100:.0f} %로 줄지 않습니다: "
                    "벽 사이를 같은 폭으로 오가며 수렴도 발산도 하지 않는 경계의 학습률입니다"
                    f"(손실은 처음의 {f_end / f0 * 100:.0f} %).")
    share = f_end / f0
    from dlkit.widgets._activation import percent_to

    if share >= 0.5:
        return "작음: 기어감", f"학습률이 작아서 한 걸음이 짧습니다. 손실이 처음의 {percent_to(share)}, 조금밖에 줄지 않았습니다."
    if share > SLOW_SHARE:
        return "작음: 느림", f"학습률이 작아서 한 걸음이 짧습니다. 손실이 처음의 {percent_to(share)} 줄었지만 느립니다."
    return "적당함: 잘 줄어듦", f"학습률이 적당해서 손실이 처음의 {percent_to(share)} 잘 줄었습니다."


def learning_rate_spec() -> DemoSpec:
    from dlkit.optim import SGD
    from dlkit.plotting import plot_surface_paths
    from dlkit.surfaces import get_surface, optimize_path

    art: dict[str, Any] = {}

    def draw_surface(name: str) -> None:
        surface = get_surface(name)
        ax = art["ax_path"]
        ax.cla()
        plot_surface_paths(surface, {"경로": np.array([surface.start])}, ax=ax, levels=CONTOUR_LEVELS)
        art["path"] = ax.lines[0]
        art["surface"] = surface
        ax.tick_params(labelsize=8)
        ax.set_title(surface.korean_name, fontsize=9)
        ax.get_legend().remove()

    def setup(fig: Any) -> None:
        ax_path, ax_loss = fig.subplots(1, 2, width_ratios=[1.25, 1])
        art["ax_path"], art["ax_loss"] = ax_path, ax_loss
        draw_surface("ravine")
        (art["loss"],) = ax_loss.semilogy([], [], "o-", ms=2, lw=1.2)
        ax_loss.set(xlabel="걸음(step)", ylabel="손실")
        ax_loss.tick_params(labelsize=8)

    def update(*, lr: float, steps: int = LR_STEPS, surface: str = "ravine") -> str:
        if surface != art["surface"].name:
            draw_surface(surface)
        s = art["surface"]
        res = optimize_path(s, lambda p: SGD(p, lr=lr), steps)
        path = res.path
        art["path"].set_data(path[:, 0], path[:, 1])
        losses = np.asarray(s.f(path[:, 0], path[:, 1]), dtype=float)
        f0, f_end = float(losses[0]), float(losses[-1])
        verdict, words = lr_verdict(losses, path, res.diverged)
        ax = art["ax_loss"]
        art["loss"].set_data(np.arange(len(losses)), np.maximum(losses, 1e-6))
        ax.set_xlim(0, steps)
        ax.set_ylim(1e-4, 1e6)
        ax.set_title(f"lr = {lr:.3g}: {verdict}", fontsize=9)
        color = {"너무 큼": "tab:red", "작음: ": "tab:orange", "경계: ": "tab:purple"}.get(verdict[:4], "tab:green")
        art["loss"].set_color(color)
        art["path"].set_color(color)
        art["blit"] = ([art["path"], art["loss"], ax.title], (surface, steps))
        done = len(path) - 1  # 발산하면 steps보다 적게 갔다
        if res.diverged:
            ran = f"SGD {done}걸음 뒤 {done + 1}번째 갱신에서 발산으로 보고 멈춤"  # optimize_path의 메시지와 같은 번호
        else:
            ran = f"SGD {done}걸음"
        return f"학습률 {lr:.3g}, {ran}: 손실 {f0:.3g} → {f_end:.3g}. {words}"

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        from dlkit.surfaces import SURFACES

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")
        return {
            "lr": widgets.FloatLogSlider(value=0.05, base=10, min=-3.5, max=0, step=0.05,
                                         description="학습률 lr", readout_format=".3g", style=style,
                                         layout=wide),
            "steps": widgets.IntSlider(value=LR_STEPS, min=5, max=150, description="걸음 수", style=style,
                                       layout=wide),
            "surface": widgets.Dropdown(options=[(s.korean_name, n) for n, s in SURFACES.items()],
                                        value="ravine", description="손실 지형", style=style),
        }

    return DemoSpec(
        name="learning_rate", title="학습률: 너무 작으면 기어가고, 너무 크면 발산한다", figsize=(5.6, 2.6),
        setup=setup, update=update,
        static_axes=[Axis("lr", "학습률 lr", LRS, [f"{v:g}" for v in LRS], initial=6)],
        static_what=f"좁은 골짜기에서 SGD {LR_STEPS}걸음, 로그 간격 학습률 {len(LRS)}개",
        live_controls=live_controls, blit=lambda: art["blit"],
    )


# --- GD vs SGD vs 미니배치 SGD -------------------------------------------------

GD_STEPS = (0, 1, 2, 3, 5, 8, 12, 20, 30, 50)
TRUE_W, TRUE_B = 2.0, -1.0
START = (-1.0, 2.5)
NUM_EXAMPLES = 200


def _linreg_surface() -> Any:
    from dlkit.data import synthetic_data
    from dlkit.surfaces import linreg_surface

    X, y = synthetic_data([TRUE_W], TRUE_B, NUM_EXAMPLES, noise=0.5, rng=0)
    return X, y, linreg_surface(X, y, start=START, xlim=(-1.5, 3.5), ylim=(-2.5, 3.0))


def sgd_path(X: Any, y: Any, batch_size: int, steps: int, lr: float, seed: int = 1) -> np.ndarray:
    """선형 회귀를 배치 크기 ``batch_size``로 ``steps``번 갱신한 (w, b) 경로."""
    from dlkit.data import iterations_per_epoch
    from dlkit.models import LinearRegression
    from dlkit.optim import SGD
    from dlkit.training import train

    net = LinearRegression(1, rng=0)
    net.w[:] = START[0]
    net.b[:] = START[1]
    per_epoch = iterations_per_epoch(len(X), batch_size)
    hist = train(net, X, y, optimizer=SGD(net.parameters(), lr=lr), batch_size=batch_size,
                 num_epochs=-(-steps // per_epoch), rng=seed, record_params=True, progress=False)
    return hist.path[:steps + 1]


def gd_sgd_spec() -> DemoSpec:
    from dlkit.plotting import plot_surface_paths

    X, y, surface = _linreg_surface()
    art: dict[str, Any] = {}
    cache: dict[tuple, np.ndarray] = {}

    def paths(batch: int, lr: float, steps: int) -> dict[int, np.ndarray]:
        out = {}
        for b in (NUM_EXAMPLES, batch, 1):
            key = (b, lr, steps)
            if key not in cache:
                cache[key] = sgd_path(X, y, b, steps, lr)
            out[b] = cache[key]
        return out

    def setup(fig: Any) -> None:
        ax = fig.subplots()
        init = np.array([START])
        plot_surface_paths(surface, {"GD": init, "미니배치 SGD": init, "SGD": init}, ax=ax,
                           levels=CONTOUR_LEVELS)
        art["lines"] = ax.lines[:3]
        ax.plot(TRUE_W, TRUE_B, "X", color="k", ms=8, label="참값 (w, b)")
        ax.set(xlabel="가중치 w", ylabel="편향 b")
        ax.tick_params(labelsize=8)
        art["ax"] = ax
        art["legend"] = ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)

    def update(*, steps: int, batch: int = 20, lr: float = 0.1, max_steps: int = max(GD_STEPS)) -> str:
        from dlkit._checks import check_int

        check_int(steps, "steps", minimum=0, maximum=max_steps, example=20)  # 더 긴 경로는 계산하지 않았다
        ps = paths(batch, lr, max_steps)
        for line, b in zip(art["lines"], (NUM_EXAMPLES, batch, 1)):
            p = ps[b][:steps + 1]
            line.set_data(p[:, 0], p[:, 1])
        texts = art["legend"].get_texts()
        texts[0].set_text(f"GD (한 걸음에 예제 {NUM_EXAMPLES}개)")
        texts[1].set_text(f"미니배치 SGD ({batch}개)")
        texts[2].set_text("SGD (1개)")
        art["ax"].set_title(f"{steps}걸음 뒤", fontsize=10)
        art["blit"] = ([*art["lines"], art["ax"].title], batch)
        return (f"{steps}걸음: GD는 예제 {NUM_EXAMPLES * steps}개, 미니배치 SGD는 {batch * steps}개, "
                f"SGD는 {steps}개를 계산했습니다. GD는 걸음마다 전체를 보고 곧게 가지만 한 걸음이 비싸고, "
                "SGD는 예제 하나만 보고 걸어 같은 걸음 수에 계산은 가장 적지만 길이 흔들립니다.")

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")
        return {
            "steps": widgets.IntSlider(value=20, min=0, max=100, description="걸음 수", style=style, layout=wide),
            "batch": widgets.IntSlider(value=20, min=2, max=100, description="미니배치 크기", style=style,
                                       layout=wide),
            "lr": widgets.FloatLogSlider(value=0.1, base=10, min=-2.5, max=0, step=0.05,
                                         description="학습률 lr", readout_format=".3g", style=style,
                                         layout=wide),
        }

    return DemoSpec(
        name="gd_sgd", title="GD, SGD, 미니배치 SGD가 걷는 길", figsize=(5.4, 2.7),
        setup=setup, update=update,
        static_axes=[Axis("steps", "걸음 수", GD_STEPS, [str(s) for s in GD_STEPS], initial=6)],
        static_fixed={"batch": 20, "lr": 0.1},
        static_what=f"학습률 0.1, 미니배치 20, 걸음 수 {len(GD_STEPS)}곳",
        live_controls=live_controls, live_fixed={"max_steps": 100}, blit=lambda: art["blit"],
    )


# --- 옵티마이저 비교 ----------------------------------------------------------

OPT_SURFACES = ("ravine", "saddle", "rosenbrock", "local_minima", "plateau")
OPT_STEPS = (5, 30, 100)  # 정적 프레임 수 = 지형 5 × 3 (04 장 페이지 무게 예산 1.5 MB 안에)
OPT_LR = {"ravine": 0.05, "saddle": 0.05, "rosenbrock": 0.01, "local_minima": 0.05, "plateau": 0.3}
"""지형마다 쓰는 기본 학습률(네 옵티마이저에 같은 값)."""


def optimizer_paths(surface: str, lr: float, steps: int) -> dict[str, np.ndarray]:
    from dlkit.optim import SGD, Adam, RMSProp
    from dlkit.surfaces import optimize_path

    makers = {
        "SGD": lambda p: SGD(p, lr=lr),
        "모멘텀": lambda p: SGD(p, lr=lr, momentum=0.9),
        "RMSProp": lambda p: RMSProp(p, lr=lr),
        "Adam": lambda p: Adam(p, lr=lr),
    }
    return {name: optimize_path(surface, make, steps).path for name, make in makers.items()}


def optimizer_spec() -> DemoSpec:
    from dlkit.plotting import plot_surface_paths
    from dlkit.surfaces import SURFACES, get_surface

    art: dict[str, Any] = {}
    cache: dict[tuple, dict[str, np.ndarray]] = {}

    def draw_surface(name: str) -> None:
        s = get_surface(name)
        ax = art["ax"]
        ax.cla()
        init = np.array([s.start])
        plot_surface_paths(s, {k: init for k in ("SGD", "모멘텀", "RMSProp", "Adam")}, ax=ax,
                           levels=CONTOUR_LEVELS)
        art["lines"] = ax.lines[:4]
        art["surface"] = name
        ax.tick_params(labelsize=8)
        ax.set_title(s.korean_name, fontsize=10)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)

    def setup(fig: Any) -> None:
        art["ax"] = fig.subplots()
        draw_surface("ravine")

    def update(*, surface: str, steps: int, lr_scale: float = 1.0, max_steps: int = max(OPT_STEPS)) -> str:
        from dlkit._checks import check_int

        check_int(steps, "steps", minimum=0, maximum=max_steps, example=30)  # 더 긴 경로는 계산하지 않았다
        if surface != art["surface"]:
            draw_surface(surface)
        lr = OPT_LR[surface] * lr_scale
        key = (surface, lr, max_steps)
        if key not in cache:
            cache[key] = optimizer_paths(surface, lr, max_steps)
        s = get_surface(surface)
        finals = []
        for line, (name, path) in zip(art["lines"], cache[key].items()):
            p = path[:steps + 1]
            line.set_data(p[:, 0], p[:, 1])
            finals.append(f"{name} {float(s.f(*p[-1])):.3g}")
        art["ax"].set_title(f"{s.korean_name}, lr {lr:.3g}, {steps}걸음", fontsize=9)
        art["blit"] = ([*art["lines"], art["ax"].title], surface)
        return (f"{s.korean_name}에서 학습률 {lr:.3g}로 {steps}걸음 갔을 때 손실: " + ", ".join(finals)
                + ". 같은 지형, 같은 학습률에서도 옵티마이저마다 길이 다릅니다.")

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")
        return {
            "surface": widgets.Dropdown(options=[(SURFACES[n].korean_name, n) for n in OPT_SURFACES],
                                        value="ravine", description="손실 지형", style=style),
            "steps": widgets.IntSlider(value=40, min=0, max=200, description="걸음 수", style=style, layout=wide),
            "lr_scale": widgets.FloatLogSlider(value=1.0, base=10, min=-1, max=1, step=0.05,
                                               description="학습률 배율", readout_format=".2g", style=style,
                                               layout=wide),
        }

    labels = [SURFACES[n].korean_name.split("(")[0] for n in OPT_SURFACES]
    return DemoSpec(
        name="optimizer", title="SGD, 모멘텀, RMSProp, Adam 비교", figsize=(5.0, 2.7),
        setup=setup, update=update,
        static_axes=[Axis("surface", "손실 지형", OPT_SURFACES, labels, kind="toggle"),
                     Axis("steps", "걸음 수", OPT_STEPS, [str(s) for s in OPT_STEPS], initial=1)],
        static_what=f"지형 {len(OPT_SURFACES)}개 × 걸음 수 {len(OPT_STEPS)}곳",
        live_controls=live_controls, live_fixed={"max_steps": 200}, blit=lambda: art["blit"],
    )


def learning_rate_demo(mode: str | None = None) -> Any:
    """학습률 슬라이더: 너무 작으면 기어가고, 너무 크면 발산한다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(learning_rate_spec(), mode)


def gd_sgd_demo(mode: str | None = None) -> Any:
    """GD, SGD, 미니배치 SGD의 경로를 걸음 수에 따라 본다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(gd_sgd_spec(), mode)


def optimizer_demo(mode: str | None = None) -> Any:
    """같은 지형에서 SGD, 모멘텀, RMSProp, Adam의 경로를 비교한다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(optimizer_spec(), mode)
