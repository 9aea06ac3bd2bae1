"""최적화 데모: 학습률, GD·SGD·미니배치 SGD, 옵티마이저 비교."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from dlkit.plotting import OPTIMIZER_COLORS
from dlkit.surfaces import DIVERGENCE_FACTOR
from dlkit.widgets._frames import Axis, DemoSpec, Preset, Question
from dlkit.words import num, percent, percent_to, sci, with_ro

# --- 학습률 -------------------------------------------------------------------

CONTOUR_LEVELS = 12
"""등고선 수(적을수록 프레임 PNG가 작다)."""
LR_CHOICES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.8, 1.0)
"""학습률 데모의 실시간 슬라이더가 고르는 값(1-2-5 눈금에 본문이 이야기하는 0.45, 0.5, 0.55를 더했다)."""
LRS = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.45, 0.5, 0.55, 0.6)
"""정적 페이지의 학습률(:data:`LR_CHOICES` 가운데 12개)."""
LR_STEPS = 40
LR_TOO_SMALL = 0.002
"""프리셋 '학습률이 너무 작음': 40걸음에 손실이 처음의 절반도 줄지 않는다(판정 '작음: 기어감'). 0.01은 판정이
'작음: 느림'이라 단추 이름과 어긋났다."""
LR_STEP_CHOICES = (LR_STEPS, 150)
"""정적 페이지의 걸음 수: 기본 40걸음과 실시간 슬라이더 끝인 150걸음."""
LR_SURFACES = ("ravine", "rosenbrock")
"""정적 페이지의 손실 지형: 본문의 좁은 골짜기와, 훨씬 작은 학습률에서 발산하는 휘어진 계곡."""
LR_START = {"surface": "ravine", "steps": LR_STEPS, "lr": 0.05}
"""학습률 데모의 처음 상태(두 모드가 같다)."""
LR_METHOD = "경사 하강법(dk.SGD)"
"""캡션이 부르는 방법 이름: 지형은 식 하나라 기울기에 잡음이 없어, dk.SGD로 걸어도 정확한 기울기의 경사 하강법이다."""
RAVINE_CURVATURE = 4.0
"""좁은 골짜기 :math:`0.1x^2 + 2y^2`의 가파른 방향 곡률 :math:`a`: SGD는 :math:`\\eta > 2/a`면 발산한다."""


SLOW_SHARE = 0.2
"""손실이 처음의 20 % 넘게 남으면 '느리다'(학습률이 작다)고 부른다."""
BOUNCE_KEEP = 0.9
"""마지막 걸음이 앞 걸음과 방향이 반대이고 첫 걸음 길이의 90 % 넘게 남아 있으면 '벽 사이를 오감'."""


STUCK_STEP = 0.01
"""마지막 걸음이 첫 걸음의 이 배보다 짧으면 멈춘 것으로 본다(최솟값이 0이 아닌 지형의 '머묾' 판정)."""
BOUNCE_GROW = 1.1
"""'경계'(같은 폭으로 오감)는 마지막 걸음이 첫 걸음의 이 배를 넘지 않을 때만: 폭이 커지는 경로는 경계가 아니다."""
LIMIT_TOL = 1e-6
"""학습률이 바닥의 한계 2/곡률과 이만큼(상대 오차) 가까우면 한계와 같다고 본다(곡률은 중앙 차분으로 잰다)."""
PEAK_OVER = 1.05
"""손실 − 최솟값이 가는 길에 출발점의 이 배를 넘었을 때만 '튀었다'고 한다(반올림 정도의 넘침은 튄 것이 아니다)."""


def lr_verdict(losses: Any, path: Any, diverged: bool, ravine_lr: float | None = None,
               minimum: float = 0.0, *, lr: float | None = None,
               floor: tuple[tuple[float, float], float] | None = None) -> tuple[str, str]:
    """SGD 경로 하나의 판정: (그림 제목용 짧은 판정, 캡션 문장).

    발산 여부는 따로 정하지 않고 :func:`dlkit.surfaces.optimize_path`의 판정(``diverged``)을 그대로 쓴다.
    ``floor``는 경로 끝에서 가장 가까운 극소점과 그 점에서 가장 가파른 방향의 곡률
    (:func:`lr_judgement`가 구한다)이다. 주면 학습률 ``lr``을 그 바닥의 안정 한계 2/곡률과 견준다. 한계보다 크면
    그 바닥은 경로를 밀어내는 점이라(|1 − η·곡률| > 1) 내려앉을 수 없다. 발산하지 않더라도 '큼'이다.

    차례로: 발산, (좁은 골짜기에서) 손실이 처음보다 커짐, 안정 한계를 넘음(걸음 수와 상관없이 같은 판정이고,
    문장은 최근 손실이 오르내리는지, 곧 이미 오가는 중인지를 말한다), 손실이 처음보다 커짐, 걸음이 줄지 않고
    같은 폭으로 방향만 바꿈(수렴 경계, 본문의 η = 2/a), 한계와 같음, 가는 길에 튐, 지역 최솟값에 머묾,
    손실이 처음의 몇 %로 줄었나
    (``SLOW_SHARE``). 문장에는 그 비율을 그대로 적어,
    이웃한 프레임의 말이 숫자와 어긋나지 않게 한다.

    비율은 지형의 최솟값 ``minimum``까지 남은 차이(손실 − 최솟값)로 잰다. 손실 곡선이 그리는 값과 같다
    (:func:`loss_gap`). 최솟값이 0인 지형(좁은 골짜기, 휘어진 계곡, 고원)에서는 손실의 비율 그대로다.
    최솟값이 0이 아닌 지형(안장점, 지역 최솟값)에서 걸음이 거의 멈췄는데 차이가 남았으면 '머묾'이라고 한다.
    """
    losses = np.asarray(losses, dtype=float)
    path = np.asarray(path, dtype=float)
    if diverged:
        return ("너무 큼: 발산", f"학습률이 너무 커서 한 걸음이 골짜기를 건너뛰고, 손실이 출발점의 "
                f"{DIVERGENCE_FACTOR:g}배를 넘게 커졌습니다(발산). 그림에는 발산하기 전까지의 경로만 있습니다.")
    f0, f_end = float(losses[0]), float(losses[-1])
    gaps = losses - minimum
    g0 = float(gaps[0])
    share = float(gaps[-1]) / g0
    # 비율의 주어: 최솟값이 0이면 손실, 아니면 손실 − 최솟값(값도 함께 적는다)
    what = "손실" if minimum == 0 else f"손실 − 최솟값({num(minimum, '.3g')})"
    end_value = num(f_end, ".3g") if abs(f_end) >= 1e-3 or f_end == 0 else sci(f_end)  # −2.96e−06이 아니라 × 10⁻⁶
    end_text = (f"처음의 {percent(share)}" if minimum == 0
                else f"{end_value}, {what}은 처음의 {percent(share)}")
    peak = float(losses.max())
    jumped = (peak - minimum) > PEAK_OVER * g0  # 반올림 정도의 넘침은 튄 것이 아니다
    steps = np.diff(path, axis=0)
    first = float(np.linalg.norm(steps[0])) if len(steps) else 0.0
    last = float(np.linalg.norm(steps[-1])) if len(steps) else 0.0
    flips = len(steps) >= 2 and float(steps[-1] @ steps[-2]) < 0

    rising = ("너무 큼: 손실이 커짐",
              "학습률이 너무 커서 손실이 줄지 않고 처음보다 커졌습니다. 걸음 수를 늘리면 어떻게 되는지 보세요.")
    if f_end > f0 and ravine_lr is not None:  # 이차식: 한계를 넘으면 튀는 폭이 걸음마다 커진다
        return rising
    limit = None if floor is None or lr is None else 2 / floor[1]
    if limit is not None and lr > limit * (1 + LIMIT_TOL):  # 발산하지 않아도 이 바닥에는 내려앉을 수 없다
        from dlkit._checks import _has_final_consonant, _josa

        point, curvature = floor
        c, rate, bound = num(curvature, ".4g"), f"{lr:.3g}", num(limit, ".3g")
        where = f"({num(point[0], '.3g')}, {num(point[1], '.3g')})"
        # 최근 손실이 오르내리면 오가는 중이고, 아직 줄기만 하면 바닥에 다가가는 중이다
        bouncing = len(losses) > 2 and bool((np.diff(losses[-11:]) > 0).any())
        tail = ("이지만, 오가는 도중 어디서 멈췄느냐에 따라 걸음 수마다 달라집니다." if bouncing
                else "이고 아직 줄고 있지만, 바닥 곁에 가면 오가기 시작합니다.")
        jump = (f" 처음 몇 걸음에는 {what}이 출발점의 {(peak - minimum) / g0:.1f}배까지 튀었습니다." if jumped else "")
        above = " 지금은 손실이 처음보다 큽니다." if f_end - minimum > PEAK_OVER * g0 else ""
        return ("큼: 안정 한계를 넘음",
                f"가장 가까운 바닥 {where}에서 가장 가파른 방향의 곡률이 {c}{'이라서' if _has_final_consonant(c) else '라서'} "
                f"안정 한계는 2/{c} = {bound}인데, 학습률 {rate}{_josa(rate)} 그보다 큽니다. 이 바닥 곁에서는 걸음이 "
                "바닥을 건너뛰어 양쪽을 오가게 되므로, 학습률이 이 한계를 넘는 한, 걸음 수를 늘려도 이 바닥에 "
                f"내려앉지 못합니다.{jump}{above} {len(path) - 1}걸음 뒤 "
                f"손실은 {end_text}{tail}")
    if f_end > f0:
        return rising
    if flips and BOUNCE_KEEP * first < last <= BOUNCE_GROW * first and f_end <= f0:
        return ("경계: 수렴도 발산도 않음",
                f"걸음마다 방향이 뒤집히는데 마지막 걸음도 첫 걸음의 {percent_to(last / first)}, 거의 줄지 않습니다: "
                "벽 사이를 같은 폭으로 오가며 수렴도 발산도 하지 않는 경계의 학습률입니다"
                f"(손실은 {end_text}).")
    if limit is not None and abs(lr - limit) <= LIMIT_TOL * limit and flips:
        from dlkit._checks import _has_final_consonant, _iga

        rate, bound = f"{lr:.3g}", num(limit, ".3g")
        return ("경계: 아주 느리게 내려앉음",
                f"학습률 {rate}{_iga(rate)} 가장 가까운 바닥의 안정 한계 2/곡률 = 2/{num(floor[1], '.4g')} = {bound}"
                f"{'과' if _has_final_consonant(bound) else '와'} 같습니다: 가장 가파른 방향으로는 걸음이 바닥을 거의 "
                "같은 폭으로 건너뛰어, 양쪽을 오가는 폭이 아주 느리게만 줄어듭니다"
                f"(손실은 {end_text}).")
    if jumped:  # 끝은 처음보다 낮지만 가는 길에 처음보다 높이 튀었다: '잘 줄어듦'이라 하지 않는다
        return ("아슬아슬: 튀었다가 줄어듦",
                f"처음 몇 걸음은 한 걸음이 골짜기를 건너뛰어 {what}이 출발점의 {(peak - minimum) / g0:.1f}배"
                f"({num(peak - minimum, '.3g')})까지 올랐다가, 골짜기 바닥에 내려앉은 뒤 줄었습니다(끝은 {end_text}). "
                "학습률이 조금 더 크면 발산할 수 있는 아슬아슬한 크기입니다.")
    if len(steps) >= 5:
        recent = np.linalg.norm(steps[-5:], axis=1)  # 한 번 짧은 걸음(튀다가 우연히)이 아니라 계속 멈춰 있어야
        if minimum != 0 and bool((recent < STUCK_STEP * first).all()) and share > SLOW_SHARE:
            return ("머묾: 지역 최솟값", (
                f"걸음이 첫 걸음의 {percent_to(last / first)} 거의 멈췄는데 {what}은 아직 처음의 {percent(share)}입니다: "
                "전역 최솟값이 아닌 곳(지역 최솟값)에 머물렀습니다. 학습률을 키워도 같은 곳이면, "
                "어디에 닿을지는 출발점이 정한 것입니다."))

    # 좁은 골짜기(이차식)는 지그재그를 식으로 안다(1 < ηa < 2), 다른 지형은 경로에서 센다
    zigzag = ravine_zigzag_text(ravine_lr) if ravine_lr is not None else zigzag_text(path)
    # 판정은 이 걸음 수에서의 판정이다(같은 학습률도 걸음 수를 늘리면 '잘 줄어듦'이 될 수 있다)
    n = len(path) - 1
    if share >= 0.5:
        return "작음: 기어감", (f"한 걸음이 짧아서 {n}걸음 동안 {what}이 처음의 {percent_to(share)}, 조금밖에 줄지 "
                            f"않았습니다: 이 걸음 수에는 학습률이 작습니다.{zigzag}")
    if share > SLOW_SHARE:
        return "작음: 느림", (f"{n}걸음 동안 {what}이 처음의 {percent_to(share)} 줄었지만 느립니다: 이 걸음 수에는 "
                           f"학습률이 작은 편입니다.{zigzag}")
    return "적당함: 잘 줄어듦", f"{n}걸음 동안 {what}이 처음의 {percent_to(share)} 잘 줄었습니다.{zigzag}"


def lr_judgement(surface: Any, lr: float, res: Any) -> tuple[str, str]:
    """학습률 데모의 경로 하나(:func:`~dlkit.surfaces.optimize_path`의 결과 ``res``)의 판정: 캡션과 단추의 설명이
    같은 것을 쓴다. 경로 끝에서 가장 가까운 바닥과 그 곡률(학습률의 한계 2/곡률)을 구해 :func:`lr_verdict`에 넘긴다."""
    from dlkit.surfaces import nearest_minimum, steepest_curvature

    path = res.path
    losses = np.asarray(surface.f(path[:, 0], path[:, 1]), dtype=float)
    floor = None
    if not res.diverged and surface.minima:
        point = nearest_minimum(surface, path[-1])
        floor = (point, steepest_curvature(surface, point))
    return lr_verdict(losses, path, res.diverged, lr if surface.name == "ravine" else None, surface.minimum,
                      lr=lr, floor=floor)


ZIGZAG_SHARE = 0.5
"""걸음의 이만큼 이상이 바로 앞 걸음과 한 좌표(x나 y)에서 방향이 반대면 지그재그라고 적는다."""
ZIGZAG_TINY = 1e-6
"""첫 걸음 크기의 이 배보다 작은 좌표 변화는 방향을 따지지 않는다(수렴한 뒤의 반올림 잡음)."""


def direction_flips(path: Any) -> tuple[int, int]:
    """(바로 앞 걸음과 x나 y 방향이 반대인 걸음 수, 앞 걸음이 있는 걸음 수)."""
    steps = np.diff(np.asarray(path, dtype=float), axis=0)
    if len(steps) < 2:
        return 0, 0
    tiny = ZIGZAG_TINY * float(np.abs(steps[0]).max())
    big = np.abs(steps) > tiny
    flipped = (np.sign(steps[1:]) * np.sign(steps[:-1]) < 0) & big[1:] & big[:-1]
    return int(np.sum(flipped.any(axis=1))), len(steps) - 1


def ravine_zigzag_text(lr: float) -> str:
    """좁은 골짜기(가파른 y 방향 곡률 a)에서 1 < ηa < 2면 y가 걸음마다 부호를 바꾸며 |1 − ηa|배씩 준다(지그재그)."""
    eta_a = lr * RAVINE_CURVATURE
    if not 1 < eta_a < 2:
        return ""
    from dlkit._checks import _iga

    number = f"{eta_a:.3g}"
    factor = abs(1 - eta_a)
    head = (f" ηa = {number}{_iga(number)} 1과 2 사이라 가파른 y 방향은 걸음마다 부호를 바꾸며 |1 − ηa| = "
            f"{factor:.2g}배씩 줄어듭니다")
    if factor < 0.5:  # 몇 걸음 만에 y 폭이 사라진다(0.2³ = 0.008)
        return head + ": 처음 몇 걸음만 벽 사이를 오간 뒤 골짜기 바닥을 따라갑니다."
    return head + ": 골짜기 벽 사이를 지그재그로 오가며 내려갑니다."


def zigzag_text(path: Any) -> str:
    """지그재그였으면 그 횟수를 적은 한 문장(앞에 빈칸), 아니면 빈 문자열."""
    flips, pairs = direction_flips(path)
    if pairs == 0 or flips < ZIGZAG_SHARE * pairs:
        return ""
    how = f"앞 걸음이 있는 {pairs}걸음 모두" if flips == pairs else f"앞 걸음이 있는 {pairs}걸음 가운데 {flips}걸음이"
    return f" {how} 바로 앞 걸음과 x나 y 방향이 반대였습니다: 벽 사이를 지그재그로 오갔습니다."


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
        ax.set_xlabel("x", fontsize=9)
        ax.set_ylabel("y", fontsize=9, rotation=0, ha="right", va="center")
        ax.set_title(surface.korean_name, fontsize=9)
        ax.get_legend().remove()
        # 손실이 0 아래로 가는 지형(안장점, 지역 최솟값)에서는 최솟값을 뺀 값을 로그 축에 그린다(loss_gap)
        label = "손실" if surface.minimum == 0 else "손실 −\n최솟값"
        art["ax_loss"].set_ylabel(label, fontsize=9, rotation=0, ha="right", va="center")  # 눕히지 않고 가로로

    def setup(fig: Any) -> None:
        ax_path, ax_loss = fig.subplots(1, 2, width_ratios=[1.25, 1])
        art["ax_path"], art["ax_loss"] = ax_path, ax_loss
        draw_surface("ravine")
        (art["loss"],) = ax_loss.semilogy([], [], "o-", ms=2, lw=1.2)
        ax_loss.set_xlabel("걸음(step)", fontsize=9)
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
        verdict, words = lr_judgement(s, lr, res)
        ax = art["ax_loss"]
        art["loss"].set_data(np.arange(len(losses)), loss_gap(surface, losses))
        ax.set_xlim(0, steps)
        ax.set_ylim(1e-4, 1e6)
        ax.set_title(f"lr = {lr:.3g}: {verdict}", fontsize=9)
        color = {"너무 큼": "tab:red", "작음: ": "tab:orange", "경계: ": "tab:purple",
                 "아슬아슬": "tab:purple", "머묾: ": "tab:orange", "큼: 안": "tab:red"}.get(verdict[:4], "tab:green")
        art["loss"].set_color(color)
        art["path"].set_color(color)
        art["blit"] = ([art["path"], art["loss"], ax.title], (surface, steps))
        done = len(path) - 1  # 발산하면 steps보다 적게 갔다
        if res.diverged:
            # optimize_path의 메시지와 같은 번호
            ran = (f"{LR_METHOD} 첫 갱신에서 바로 발산해 멈춤" if done == 0
                   else f"{LR_METHOD} {done}걸음 뒤 {done + 1}번째 갱신에서 발산으로 보고 멈춤")
        else:
            ran = f"{LR_METHOD} {done}걸음"
        if res.diverged:  # 마지막 유한한 점의 손실은 발산한 갱신의 손실이 아니다: 그 숫자를 '끝'으로 적지 않는다
            return f"학습률 {lr:.3g}, {ran}: 손실 {num(f0, '.3g')}에서 출발. {words}"
        return f"학습률 {lr:.3g}, {ran}: 손실 {num(f0, '.3g')} → {num(f_end, '.3g')}. {words}"

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        from dlkit.surfaces import SURFACES

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")
        return {
            "surface": widgets.Dropdown(options=[(s.korean_name, n) for n, s in SURFACES.items()],
                                        value=LR_START["surface"], description="손실 지형", style=style),
            "steps": widgets.IntSlider(value=LR_START["steps"], min=5, max=150, description="걸음 수", style=style,
                                       layout=wide),
            "lr": widgets.SelectionSlider(options=[(f"{v:g}", v) for v in LR_CHOICES], value=LR_START["lr"],
                                          description="학습률 lr", style=style, layout=wide),
        }

    def lr_preset(label: str, lr: float) -> Preset:
        """좁은 골짜기 40걸음의 한 학습률: 설명은 캡션과 같은 판정(:func:`lr_verdict`)."""
        from dlkit.surfaces import get_surface

        s = get_surface("ravine")
        res = optimize_path(s, lambda p: SGD(p, lr=lr), LR_STEPS)
        return Preset(label, {"surface": "ravine", "steps": LR_STEPS, "lr": lr},
                      f"좁은 골짜기, 학습률 {lr:g}: " + lr_judgement(s, lr, res)[1])

    from dlkit.surfaces import SURFACES

    return DemoSpec(
        name="learning_rate", title="학습률: 너무 작으면 기어가고, 너무 크면 발산한다", figsize=(5.6, 2.6),
        setup=setup, update=update,
        # 학습률을 마지막 축으로: 차례로 그릴 때 배경(지형, 걸음 수)이 덜 바뀐다(blit)
        static_axes=[Axis("surface", "손실 지형", LR_SURFACES,
                          [SURFACES[n].korean_name.split("(")[0] for n in LR_SURFACES], kind="toggle",
                          initial=LR_SURFACES.index(LR_START["surface"])),
                     Axis("steps", "걸음 수", LR_STEP_CHOICES, [str(v) for v in LR_STEP_CHOICES],
                          kind="toggle", initial=LR_STEP_CHOICES.index(LR_START["steps"])),
                     Axis("lr", "학습률 lr", LRS, [f"{v:g}" for v in LRS], initial=LRS.index(LR_START["lr"]))],
        static_what=(f"학습률 {len(LRS)}개 × 걸음 수 {len(LR_STEP_CHOICES)}가지 × 지형 {len(LR_SURFACES)}개"
                     "(좁은 골짜기, 휘어진 계곡): 실시간 데모의 다른 지형과 걸음 수는 빠졌습니다"),
        live_controls=live_controls, blit=lambda: art["blit"],
        presets=(lr_preset("학습률이 너무 작음", LR_TOO_SMALL), lr_preset("지그재그로 수렴", 0.45),
                 lr_preset("학습률이 너무 큼", 0.55)),
        questions=(Question(
            prompt=("좁은 골짜기(가파른 방향의 곡률 a = 4)에서는 학습률이 얼마를 넘으면 경사 하강법이 발산할까요? "
                    "예측한 뒤 학습률을 올려 보세요."),
            reached=lambda *, surface, lr, **_: surface == "ravine" and float(lr) >= 2 / RAVINE_CURVATURE,
            answer=(f"2/a = {2 / RAVINE_CURVATURE:g}가 경계입니다. 학습률이 {2 / RAVINE_CURVATURE:g}이면 벽 사이를 같은 "
                    "폭으로 오가며 수렴도 발산도 하지 않고, 그보다 크면 튀는 폭이 걸음마다 커져 발산합니다."),
        ),),
    )


# --- GD vs SGD vs 미니배치 SGD -------------------------------------------------

GD_STEPS = (0, 1, 2, 5, 10, 20, 50)
"""정적 페이지의 걸음 수(같은 계산량 모드에서는 GD의 걸음 수, 곧 예제 걸음 수 × 200개의 계산)."""
TRUE_W, TRUE_B = 2.0, -1.0
START = (-1.0, 2.5)
NUM_EXAMPLES = 200
GD_BATCHES = (5, 20, 50)
"""정적 페이지의 미니배치 크기."""
GD_LRS = (0.1, 10 ** -0.5)
"""정적 페이지의 학습률: 기본 0.1과 그 √10배(실시간 로그 슬라이더의 눈금 위). 큰 쪽에서 GD는 몇 걸음 만에 도착한다."""
GD_LR_SLIDER = (-2.5, 0.0, 0.05)
"""실시간 학습률 로그 슬라이더의 (지수 최솟값, 지수 최댓값, 지수 간격), 밑은 10."""
COMPARES = ("steps", "work")
"""비교 방식: 같은 걸음 수, 또는 같은 계산량(기울기를 계산한 예제 수)."""
COMPARE_LABELS = {"steps": "같은 걸음 수", "work": "같은 계산량(예제 수)"}
GD_START = {"compare": "steps", "steps": 20, "batch": 20, "lr": 0.1}
"""GD·SGD 데모의 처음 상태(두 모드가 같다)."""
GD_LIVE_MAX_STEPS = 100
WORK_QUESTION_MAX = 5
"""질문의 답에 닿았다고 보는 계산량의 상한(GD 걸음 수): 이만큼 적은 계산에서는 SGD가 늘 GD보다 멀리 간다."""
WORK_QUESTION_MAX_LR = 10 ** -0.5
"""질문이 다루는 학습률의 상한: 이보다 크면 예제 하나짜리 SGD는 흔들리다 발산할 수 있다."""


def method_steps(compare: str, steps: int, batch: int) -> dict[str, int]:
    """세 방법(GD, 미니배치 SGD, SGD)이 가는 걸음 수.

    ``compare="steps"``: 셋 다 ``steps``걸음. ``compare="work"``: GD가 ``steps``걸음 가는 계산(예제
    ``steps × NUM_EXAMPLES``개의 기울기)과 같은 계산으로 갈 수 있는 걸음 수(나머지 예제는 버린다).
    """
    if compare == "steps":
        return {"GD": steps, "미니배치 SGD": steps, "SGD": steps}
    work = steps * NUM_EXAMPLES
    return {"GD": steps, "미니배치 SGD": work // batch, "SGD": work}


def method_batches(batch: int) -> dict[str, int]:
    """세 방법의 배치 크기(한 걸음에 기울기를 계산하는 예제 수)."""
    return {"GD": NUM_EXAMPLES, "미니배치 SGD": batch, "SGD": 1}


def _linreg_surface() -> Any:
    from dlkit.data import synthetic_data
    from dlkit.surfaces import linreg_surface

    X, y = synthetic_data([TRUE_W], TRUE_B, NUM_EXAMPLES, noise=0.5, rng=0)
    return X, y, linreg_surface(X, y, start=START, xlim=(-1.5, 3.5), ylim=(-2.5, 3.0))


FLOOR_LABEL = "_바닥"
"""GD·SGD 데모 손실 그림의 바닥(최소제곱 해의 손실) 가로선 이름('_'로 시작: 범례에 넣지 않는다, 곡선이 아니다)."""


def least_squares_loss(X: Any, y: Any, surface: Any) -> float:
    """선형 회귀 손실의 바닥: 최소제곱 해 (w, b)(:func:`dlkit.models.normal_equation`)에서의 손실(잡음 때문에
    참값의 손실보다 조금 낮다)."""
    from dlkit.models import normal_equation

    w, b = normal_equation(X, y)
    return float(surface.f(float(w[0, 0]), b))


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
    """GD·SGD·미니배치 SGD 데모: 왼쪽은 손실 지형 위의 (w, b) 경로, 오른쪽은 그 경로를 따라 잰 손실 곡선.

    두 그림은 같은 ``update``가 같은 경로로 그린다(오른쪽 점 하나 = 왼쪽 점 하나의 손실). 오른쪽 가로축은
    비교 방식을 따른다: 같은 걸음 수면 걸음, 같은 계산량이면 기울기를 계산한 예제 수(:func:`loss_curve_x`).
    축 범위는 배경(배치, 학습률, 비교)마다 고정이라 걸음 수를 바꿔도 곡선만 늘어나고 줄어든다.
    """
    from dlkit.plotting import plot_surface_paths

    X, y, surface = _linreg_surface()
    art: dict[str, Any] = {}
    cache: dict[tuple, np.ndarray] = {}

    def path(b: int, lr: float, steps: int) -> np.ndarray:
        """배치 ``b``로 ``steps``걸음 간 경로(더 긴 경로를 계산해 두었으면 그 앞부분)."""
        for (cb, clr, csteps), p in cache.items():
            if cb == b and clr == lr and csteps >= steps:
                return p[:steps + 1]
        cache[(b, lr, steps)] = sgd_path(X, y, b, steps, lr)
        return cache[(b, lr, steps)]

    def setup(fig: Any) -> None:
        import matplotlib.ticker

        ax, ax_loss = fig.subplots(1, 2, width_ratios=GD_WIDTH_RATIOS)
        init = np.array([START])
        plot_surface_paths(surface, {"GD": init, "미니배치 SGD": init, "SGD": init}, ax=ax,
                           levels=CONTOUR_LEVELS)
        art["lines"] = ax.lines[:3]
        for line, color in zip(art["lines"], GD_COLORS):
            line.set_color(color)
        ax.plot(TRUE_W, TRUE_B, "X", color="k", ms=8, label="참값 (w, b)")
        ax.set_xlabel("가중치 w", fontsize=9)
        # 세로축 이름은 눕히지 않고 가로로(두 줄: 이름, 기호)
        ax.set_ylabel("편향\nb", fontsize=9, rotation=0, ha="right", va="center")
        ax.tick_params(labelsize=8)
        art["ax"] = ax
        # 범례는 두 그림 사이에: 색이 두 그림에 같이 쓰인다
        art["legend"] = ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        # 오른쪽: 방법마다의 손실 곡선(이름은 '_'로 시작: 범례와 색 검사는 왼쪽 선의 이름을 본다)
        # GD가 맨 위에: 점이 가장 적은 곡선이 SGD의 잡음에 가리지 않게(zorder, blit 순서도 같게)
        art["loss_lines"] = [ax_loss.plot([], [], ".-", lw=1.2, ms=3, color=color, label=f"_손실 {name}",
                                          zorder=4 - i)[0]
                             for i, (name, color) in enumerate(zip(method_batches(1), GD_COLORS))]
        ax_loss.set_yscale("log")
        ax_loss.set_ylim(*GD_LOSS_YLIM)
        ax_loss.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())  # 잔눈금 없이: 덜 붐비고 배경이 빨리 그려진다
        # 데이터 200개 전체로 잰 손실(미니배치 손실이 아니다): 바닥은 최소제곱 해의 손실
        ax_loss.set_ylabel("전체 데이터\n손실", fontsize=9, rotation=0, ha="right", va="center")  # 눕히지 않고 가로로
        ax_loss.axhline(least_squares_loss(X, y, surface), color="0.5", lw=1, ls="--", zorder=0, label=FLOOR_LABEL)
        # 이름은 왼쪽 아래에: 곡선은 왼쪽에서 높게 출발해 오른쪽에서 바닥에 닿는다
        ax_loss.text(0.03, least_squares_loss(X, y, surface) * 1.08, "바닥", transform=ax_loss.get_yaxis_transform(),
                     ha="left", va="bottom", fontsize=8, color="0.35")
        ax_loss.tick_params(labelsize=8)
        art["ax_loss"] = ax_loss
        art["loss_axis"] = None

    def loss_axis(compare: str, max_steps: int) -> None:
        """오른쪽 가로축(배경): 걸음(선형) 또는 예제 수(0 곁은 선형, 그 위는 로그인 symlog), 범위는 상한까지 고정."""
        if art["loss_axis"] == (compare, max_steps):
            return
        import matplotlib.ticker

        ax = art["ax_loss"]
        if compare == "work":
            ax.set_xscale("symlog", linthresh=1, linscale=0.3)
            top = max_steps * NUM_EXAMPLES
            # 오른쪽 끝을 조금 남긴다: 마지막 눈금 글자가 그림 밖으로 나가지 않게(배치는 첫 프레임에 고정된다)
            ax.set_xlim(0, GD_WORK_XPAD * top)
            # 0과 10의 거듭제곱만(symlog 기본 눈금은 0 곁의 1이 0과 겹친다)
            ax.set_xticks([0, *(10 ** e for e in range(1, int(np.log10(top)) + 1))])
            ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
            # 한 줄(두 모드의 글자 높이가 같아야 첫 프레임에 고정한 배치에 든다), 오른쪽 끝에 맞춰 왼쪽으로 넘친다
            ax.set_xlabel("기울기를 계산한 예제 수", fontsize=9, loc="right")
        else:
            ax.set_xscale("linear")
            ax.set_xlim(0, max_steps)
            ax.set_xticks(np.linspace(0, max_steps, 3))  # 끝 눈금(최대 걸음 수)까지
            ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
            ax.set_xlabel("걸음 수", fontsize=9, loc="right")
        art["loss_axis"] = (compare, max_steps)

    def update(*, steps: int, batch: int = GD_START["batch"], lr: float = GD_START["lr"],
               compare: str = GD_START["compare"], max_steps: int = max(GD_STEPS)) -> str:
        from dlkit._checks import check_choice, check_int

        check_int(steps, "steps", minimum=0, maximum=max_steps, example=20)  # 더 긴 경로는 계산하지 않았다
        compare = check_choice(compare, COMPARES, "compare")
        counts = method_steps(compare, steps, batch)
        batches = method_batches(batch)
        loss_axis(compare, max_steps)
        losses = {}
        for line, loss_line, (name, k) in zip(art["lines"], art["loss_lines"], counts.items()):
            # 같은 계산량 모드도 실시간 최대 걸음 수만큼 한 번에 계산해 두고 앞부분을 쓴다
            full = method_steps(compare, max_steps, batch)[name]
            p = path(batches[name], lr, full)[:k + 1]
            line.set_data(p[:, 0], p[:, 1])
            marker = "." if k <= MARKER_MAX_STEPS else ""  # 수천 걸음의 점은 찍지 않는다(선만)
            line.set_marker(marker)
            # 같은 경로의 손실: 오른쪽 곡선은 왼쪽 경로가 지금 멈춘 곳에서 끝난다
            loss_line.set_data(loss_curve_x(compare, k, batches[name]), surface.f(p[:, 0], p[:, 1]))
            loss_line.set_marker(marker)
            losses[name] = float(surface.f(*p[-1]))
        texts = art["legend"].get_texts()
        texts[0].set_text(f"GD (한 걸음에 예제 {NUM_EXAMPLES}개)")
        texts[1].set_text(f"미니배치 SGD ({batch}개)")
        texts[2].set_text("SGD (1개)")
        examples = {name: counts[name] * batches[name] for name in counts}
        if compare == "work":
            art["ax"].set_title(f"같은 계산량: 예제 {examples['GD']:,}개", fontsize=10)
        else:
            art["ax"].set_title(f"같은 걸음 수: {steps}걸음", fontsize=10)
        art["blit"] = ([*art["lines"], *art["loss_lines"][::-1], art["ax"].title], (batch, lr, compare, max_steps))
        return gd_sgd_caption(compare, steps, counts, examples, losses)

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")
        lo, hi, step = GD_LR_SLIDER
        return {
            "compare": widgets.ToggleButtons(options=[(COMPARE_LABELS[c], c) for c in COMPARES],
                                             value=GD_START["compare"], description="비교", style=style),
            "steps": widgets.IntSlider(value=GD_START["steps"], min=0, max=GD_LIVE_MAX_STEPS,
                                       description="GD의 걸음 수", style=style, layout=wide),
            "batch": widgets.IntSlider(value=GD_START["batch"], min=2, max=100, description="미니배치 크기",
                                       style=style, layout=wide),
            "lr": widgets.FloatLogSlider(value=GD_START["lr"], base=10, min=lo, max=hi, step=step,
                                         description="학습률 lr", readout_format=".3g", style=style,
                                         layout=wide),
        }

    def gd_preset(label: str, values: dict[str, Any], extra: Callable[[dict], str] | None = None) -> Preset:
        """프리셋 설명 = 그 상태의 캡션(숫자로 계산한 말) + (있으면) 라벨이 말하는 것을 숫자로 보인 문장."""
        full = {**GD_START, **values}
        return Preset(label, full, update_numbers(**full) + (" " + extra(full) if extra else ""))

    def big_lr_text(state: dict) -> str:
        """큰 학습률 프리셋: 같은 걸음 수에서 학습률 0.1과 견준 GD, 그리고 SGD(예제 1개)가 어디에 남는지."""
        k, lr = state["steps"], state["lr"]
        gd_hi = float(surface.f(*path(NUM_EXAMPLES, lr, k)[k]))
        gd_lo = float(surface.f(*path(NUM_EXAMPLES, GD_START["lr"], k)[k]))
        sgd_hi = float(surface.f(*path(1, lr, k)[k]))
        floor = least_squares_loss(X, y, surface)
        near = f" 바닥(최소제곱 해의 손실 {floor:.3g}) 가까이" if gd_hi < 1.1 * floor else ""
        text = (f"학습률을 {GD_START['lr']:g}에서 {with_ro(f'{lr:.3g}')} 키우면 GD는 {k}걸음 만에 손실 {with_ro(f'{gd_hi:.3g}')}"
                f"{near} 내려갑니다({GD_START['lr']:g}에서는 {gd_lo:.3g}).")
        sgd_lo = float(surface.f(*path(1, GD_START["lr"], k)[k]))
        if sgd_hi < sgd_lo:
            text += (f" 예제 하나짜리 SGD도 {GD_START['lr']:g}일 때({k}걸음 뒤 {sgd_lo:.3g})보다 빨리 {sgd_hi:.3g}까지 "
                     "내려오지만, 큰 걸음 때문에 바닥 근처에서 흔들립니다. 비교를 '같은 계산량'으로 바꿔 보세요.")
        return text

    def update_numbers(*, compare: str, steps: int, batch: int, lr: float) -> str:
        """그림을 그리지 않고 캡션만(프리셋 설명용)."""
        counts = method_steps(compare, steps, batch)
        batches = method_batches(batch)
        full = method_steps(compare, max(GD_STEPS), batch)
        losses = {n: float(surface.f(*path(batches[n], lr, full[n])[counts[n]])) for n in counts}
        examples = {n: counts[n] * batches[n] for n in counts}
        return gd_sgd_caption(compare, steps, counts, examples, losses)

    order = ("compare", "lr", "batch", "steps")  # 걸음 수가 마지막 축: 배경(배치, 학습률, 비교)이 덜 바뀐다
    axes = {
        "compare": Axis("compare", "비교", COMPARES, [COMPARE_LABELS[c] for c in COMPARES], kind="toggle",
                        initial=COMPARES.index(GD_START["compare"])),
        "lr": Axis("lr", "학습률 lr", GD_LRS, [f"{v:.3g}" for v in GD_LRS], kind="toggle",
                   initial=GD_LRS.index(GD_START["lr"])),
        "batch": Axis("batch", "미니배치 크기", GD_BATCHES, [str(b) for b in GD_BATCHES], kind="toggle",
                      initial=GD_BATCHES.index(GD_START["batch"])),
        "steps": Axis("steps", "GD의 걸음 수", GD_STEPS, [str(v) for v in GD_STEPS],
                      initial=GD_STEPS.index(GD_START["steps"])),
    }
    return DemoSpec(
        name="gd_sgd", title="GD, SGD, 미니배치 SGD가 걷는 길", figsize=GD_FIGSIZE,
        setup=setup, update=update, static_axes=[axes[k] for k in order],
        static_what=(f"비교 2가지 × 학습률 {len(GD_LRS)}개 × 미니배치 {len(GD_BATCHES)}가지 × 걸음 수 "
                     f"{len(GD_STEPS)}곳: 미니배치 크기와 학습률은 성기게"),
        live_controls=live_controls, live_fixed={"max_steps": GD_LIVE_MAX_STEPS}, blit=lambda: art["blit"],
        presets=(gd_preset("같은 걸음 수", {"compare": "steps", "steps": 20}),
                 gd_preset("같은 계산량", {"compare": "work", "steps": 2}),
                 gd_preset("큰 학습률(0.316)", {"compare": "steps", "steps": 10, "lr": GD_LRS[1]}, big_lr_text)),
        questions=(Question(
            prompt=("GD가 한 걸음 가는 계산(예제 200개의 기울기)으로 SGD는 200걸음을 갑니다. 같은 계산량이면 "
                    f"GD와 두 SGD 가운데 어느 쪽의 손실이 더 낮을까요? 예측한 뒤 비교를 '같은 계산량'으로 바꾸고, 걸음 수를 "
                    f"1~{WORK_QUESTION_MAX}로 줄여 보세요(적은 계산량)."),
            reached=work_question_reached,
            answer=(f"계산량이 적을 때(GD {WORK_QUESTION_MAX}걸음어치 이하)는 SGD와 미니배치 SGD가 둘 다 GD보다 손실이 "
                    "낮습니다: 싼 걸음을 여러 번 가기 때문입니다(둘 중 어느 쪽이 더 낮은지는 배치 크기와 학습률에 따라 "
                    "바뀝니다). 계산량을 늘리면 GD도 바닥에 닿고, SGD는 바닥 근처에서 "
                    "흔들립니다(학습률이 크면 뚜렷이)."),
        ),),
    )


MARKER_MAX_STEPS = 200
"""이보다 많이 걸은 경로는 점 없이 선으로만 그린다(오른쪽 손실 곡선도 같다)."""
GD_FIGSIZE = (5.8, 2.7)
"""GD·SGD 데모 그림 크기(인치): 경로 | 범례 | 손실 곡선."""
GD_WIDTH_RATIOS = (1.0, 0.85)
"""왼쪽 경로 그림과 오른쪽 손실 곡선의 폭 비율(범례는 경로 그림 오른쪽 여백에 든다)."""
GD_WORK_XPAD = 1.6
"""같은 계산량 모드 가로축(symlog)의 오른쪽 끝 = 최대 예제 수의 이 배."""
GD_LOSS_YLIM = (0.1, 20.0)
"""손실 곡선의 세로축(로그) 범위: 출발점 손실 약 10.3과 바닥(최소제곱 해의 손실 약 0.131)을 모든 프레임에서 같게."""
GD_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c")
"""GD, 미니배치 SGD, SGD 선의 색(tab10 파랑, 주황, 초록: 128색 팔레트에서도 서로 다른 색으로 남는다)."""


def loss_curve_x(compare: str, steps: int, batch: int) -> np.ndarray:
    """손실 곡선의 가로축 값: 걸음 0~``steps``의 걸음 수, 같은 계산량 모드면 그때까지 기울기를 계산한 예제 수
    (걸음 수 × 한 걸음의 배치 크기 ``batch``)."""
    k = np.arange(steps + 1)
    return k * batch if compare == "work" else k


def work_question_reached(*, compare: str, steps: int, lr: float, **_: Any) -> bool:
    """질문의 답에 닿았나: 같은 계산량 모드에서, 적은 계산량(1~5 GD 걸음)과 흔들려 발산하지 않는 학습률."""
    return compare == "work" and 1 <= int(steps) <= WORK_QUESTION_MAX and float(lr) <= WORK_QUESTION_MAX_LR * 1.0001


TIE_SHARE = 0.02
"""손실 차이가 가장 낮은 손실 크기의 2 % 이내면 '거의 같다'고 적고 승자를 정하지 않는다(한 번 돌린 잡음 수준)."""


def lowest_text(losses: dict[str, float], where: str, *, noisy: bool = True) -> str:
    """``where``에서 손실이 가장 낮은 방법을 한 문장으로. 2 % 안에 드는 방법이 여럿이면 거의 같다고 적는다.

    ``noisy``: 미니배치를 뽑아 걷는 경로라 그 차이를 '잡음 수준'이라 부를 수 있는가(잡음 없는 지형은 False)."""
    from dlkit._checks import _has_final_consonant

    best = min(losses.values())
    near = [n for n, v in losses.items() if v - best <= TIE_SHARE * max(abs(best), 1e-12)]
    if len(near) == 1:
        return f"{where} 손실이 가장 낮은 것은 {near[0]}입니다."
    names = ", ".join(near[:-1]) + f"{'과' if _has_final_consonant(near[-2]) else '와'} {near[-1]}"
    noise = ", 잡음 수준" if noisy else ""
    return f"{where} {names}의 손실이 거의 같습니다(차이 {TIE_SHARE * 100:.0f} % 이내{noise})."


def gd_sgd_caption(compare: str, steps: int, counts: dict[str, int], examples: dict[str, int],
                   losses: dict[str, float]) -> str:
    """캡션: 걸음 수, 계산한 예제 수, 손실을 적고, 어느 방법의 손실이 가장 낮은지는 그 숫자로 정한다."""
    if steps == 0:
        return f"0걸음: 세 방법 모두 출발점(손실 {losses['GD']:.3g})에 있습니다. 걸음 수를 올려 보세요."
    numbers = ", ".join(f"{n} {counts[n]:,}걸음·예제 {examples[n]:,}개·손실 {losses[n]:.3g}" for n in counts)
    if compare == "work":
        head = f"같은 계산량(예제 약 {examples['GD']:,}개): "
        tail = " " + lowest_text(losses, "같은 계산량에서")
    else:
        head = f"같은 걸음 수({steps}걸음): "
        tail = (" " + lowest_text(losses, "같은 걸음 수에서")
                + f" 계산은 SGD가 가장 적게 했습니다(GD의 {NUM_EXAMPLES}분의 1).")
    return head + numbers + "." + tail


# --- 옵티마이저 비교 ----------------------------------------------------------

OPT_SURFACES = ("ravine", "saddle", "rosenbrock", "local_minima", "plateau")
OPT_STEPS = (5, 30, 100)
"""정적 페이지의 걸음 수."""
OPT_SCALES = (10 ** -0.5, 1.0, 10 ** 0.5)
"""정적 페이지의 학습률 배율(실시간 로그 슬라이더 10^-1~10^1, 지수 간격 0.05의 눈금 위)."""
OPT_SCALE_SLIDER = (-1.0, 1.0, 0.05)
"""실시간 학습률 배율 로그 슬라이더의 (지수 최솟값, 지수 최댓값, 지수 간격), 밑은 10."""
OPT_LIVE_MAX_STEPS = 200
OPT_START = {"surface": "ravine", "steps": 30, "lr_scale": 1.0}
"""옵티마이저 데모의 처음 상태(두 모드가 같다)."""
OPT_LR = {"ravine": 0.05, "saddle": 0.05, "rosenbrock": 0.01, "local_minima": 0.05, "plateau": 0.3}
"""지형마다 쓰는 기본 학습률(네 옵티마이저에 같은 값)."""
OPT_NAMES = ("SGD", "모멘텀", "RMSProp", "Adam")


OPT_FIGSIZE = (5.4, 2.7)
"""옵티마이저 데모 그림 크기(인치): 경로 | 범례 | 손실 곡선."""
OPT_WIDTH_RATIOS = (1.0, 0.8)
"""왼쪽 경로 그림과 오른쪽 손실 곡선의 폭 비율(범례는 경로 그림 오른쪽 여백에 든다)."""
OPT_GAP_CLIP = 1e-6
"""손실 − 최솟값을 로그 축에 그릴 때의 아래 한계(최솟값에 닿은 0을 이 값으로: 선이 축 아래로 나간다)."""
OPT_GAP_BOTTOM = 1e-4
"""손실 곡선 세로축의 아래 끝."""
OPT_GAP_TOP_SHARE = 2.0
"""세로축의 위 끝 = 발산 기준(출발점 손실의 1000배)에서 최솟값을 뺀 값의 이 배: 발산 직전 손실도 축 안에 든다."""


def surface_minimum(name: str) -> float:
    """옵티마이저 데모 지형의 전역 최솟값(:attr:`dlkit.surfaces.Surface.minimum`)."""
    from dlkit.surfaces import get_surface

    return get_surface(name).minimum


def loss_gap(surface: str, losses: Any) -> np.ndarray:
    """손실 곡선이 그리는 값: 손실 − 지형의 최솟값(음수 손실도 로그 축에), 아래는 :data:`OPT_GAP_CLIP`에서 자른다."""
    return np.maximum(np.asarray(losses, dtype=float) - surface_minimum(surface), OPT_GAP_CLIP)


def optimizer_paths(surface: str, lr: float, steps: int) -> dict[str, np.ndarray]:
    from dlkit.optim import SGD, Adam, RMSProp
    from dlkit.surfaces import optimize_path

    makers = {
        "SGD": lambda p: SGD(p, lr=lr),
        "모멘텀": lambda p: SGD(p, lr=lr, momentum=0.9),
        "RMSProp": lambda p: RMSProp(p, lr=lr),
        "Adam": lambda p: Adam(p, lr=lr),
    }
    return {name: optimize_path(surface, makers[name], steps).path for name in OPT_NAMES}


def final_losses(surface: str, lr_scale: float, steps: int, paths: dict[str, np.ndarray] | None = None
                 ) -> dict[str, float]:
    """``steps``걸음 뒤 옵티마이저마다의 손실. 그 전에 발산해 멈춘 경로는 ``inf``(마지막 유한한 점의 손실은
    ``steps``걸음 뒤의 손실이 아니다: :func:`stopped_steps`가 몇 걸음 뒤 멈췄는지 준다)."""
    from dlkit.surfaces import get_surface

    s = get_surface(surface)
    if paths is None:
        paths = optimizer_paths(surface, OPT_LR[surface] * lr_scale, steps)
    return {name: float(s.f(*p[steps])) if len(p) > steps else float("inf") for name, p in paths.items()}


def stopped_steps(paths: dict[str, np.ndarray], steps: int) -> dict[str, int]:
    """``steps``걸음 전에 발산해 멈춘 옵티마이저 → 멈추기 전까지 간 걸음 수(:func:`optimize_path`는 발산하면
    유한한 점까지만 담는다)."""
    return {name: len(p) - 1 for name, p in paths.items() if len(p) <= steps}


def optimizer_spec() -> DemoSpec:
    """옵티마이저 비교 데모: 왼쪽은 손실 지형 위의 경로, 오른쪽은 그 경로를 따라 잰 손실 곡선(걸음마다).

    두 그림은 같은 ``update``가 같은 경로로 그린다. 손실은 음수일 수 있어서(안장점 지형의 최솟값 −1)
    오른쪽 세로축은 지형의 최솟값(:func:`surface_minimum`)을 뺀 값의 로그다. 발산해 멈춘 옵티마이저의
    곡선은 멈춘 걸음에서 끝난다(:func:`stopped_steps`). 축 범위는 지형마다 고정(배경)이다.
    """
    from dlkit.plotting import plot_surface_paths
    from dlkit.surfaces import SURFACES, get_surface

    art: dict[str, Any] = {}
    cache: dict[tuple, dict[str, np.ndarray]] = {}

    def draw_surface(name: str) -> None:
        s = get_surface(name)
        ax = art["ax"]
        ax.cla()
        init = np.array([s.start])
        plot_surface_paths(s, {k: init for k in OPT_NAMES}, ax=ax, levels=CONTOUR_LEVELS)
        art["lines"] = ax.lines[:4]
        for line, k in zip(art["lines"], OPT_NAMES):
            line.set_color(OPTIMIZER_COLORS[k])
        art["surface"] = name
        ax.tick_params(labelsize=8)
        ax.set_xlabel("x", fontsize=9)
        ax.set_ylabel("y", fontsize=9, rotation=0, ha="right", va="center")
        ax.set_title(s.korean_name, fontsize=9)
        # 범례는 두 그림 사이에: 색이 두 그림에 같이 쓰인다
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        # 오른쪽 세로축 범위는 지형마다(배경): 바닥(최솟값 곁)부터 발산 기준(출발점 손실의 1000배)까지
        ax_loss = art["ax_loss"]
        start = float(s.f(*s.start))
        ax_loss.set_ylim(OPT_GAP_BOTTOM, OPT_GAP_TOP_SHARE * (DIVERGENCE_FACTOR * max(abs(start), 1.0)
                                                             - surface_minimum(name)))

    def setup(fig: Any) -> None:
        import matplotlib.ticker

        art["ax"], ax_loss = fig.subplots(1, 2, width_ratios=OPT_WIDTH_RATIOS)
        # 오른쪽: 옵티마이저마다의 손실 곡선(이름은 '_'로 시작: 범례와 색 검사는 왼쪽 선의 이름을 본다)
        art["loss_lines"] = [ax_loss.semilogy([], [], "-", lw=1.2, color=OPTIMIZER_COLORS[k], label=f"_손실 {k}")[0]
                             for k in OPT_NAMES]
        ax_loss.set_xlabel("걸음", fontsize=9)
        ax_loss.set_ylabel("손실 −\n최솟값", fontsize=9, rotation=0, ha="right", va="center")  # 가로로
        # 큰 눈금은 10의 두 거듭제곱마다, 잔눈금 없이: 열 자리 가까운 범위가 덜 붐비고 배경이 빨리 그려진다
        ax_loss.yaxis.set_major_locator(matplotlib.ticker.LogLocator(base=100))
        ax_loss.yaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax_loss.tick_params(labelsize=8)
        art["ax_loss"] = ax_loss
        draw_surface(OPT_START["surface"])

    def update(*, surface: str, steps: int, lr_scale: float = OPT_START["lr_scale"],
               max_steps: int = max(OPT_STEPS)) -> str:
        from dlkit._checks import check_int

        check_int(steps, "steps", minimum=0, maximum=max_steps, example=30)  # 더 긴 경로는 계산하지 않았다
        if surface != art["surface"]:
            draw_surface(surface)
        lr = OPT_LR[surface] * lr_scale
        key = (surface, lr, max_steps)
        if key not in cache:
            cache[key] = optimizer_paths(surface, lr, max_steps)
        s = get_surface(surface)
        art["ax_loss"].set_xlim(0, max_steps)  # 걸음 수를 바꿔도 축은 그대로, 곡선만 늘어난다
        for line, loss_line, (name, path) in zip(art["lines"], art["loss_lines"], cache[key].items()):
            p = path[:steps + 1]  # 발산해 멈춘 경로는 더 짧다: 두 그림 모두 멈춘 곳에서 끝난다
            line.set_data(p[:, 0], p[:, 1])
            loss_line.set_data(np.arange(len(p)), loss_gap(surface, s.f(p[:, 0], p[:, 1])))
        losses = final_losses(surface, lr_scale, steps, cache[key])
        # 지형 이름은 왼쪽 그림 위(draw_surface), 학습률과 걸음 수는 손실 곡선 위에
        art["ax_loss"].set_title(f"lr {lr:.3g}, {steps}걸음", fontsize=9)
        art["blit"] = ([*art["lines"], *art["loss_lines"], art["ax_loss"].title], (surface, max_steps))
        return optimizer_caption(s.korean_name, lr, steps, losses, stopped_steps(cache[key], steps))

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")
        lo, hi, step = OPT_SCALE_SLIDER
        return {
            "surface": widgets.Dropdown(options=[(SURFACES[n].korean_name, n) for n in OPT_SURFACES],
                                        value=OPT_START["surface"], description="손실 지형", style=style),
            "lr_scale": widgets.FloatLogSlider(value=OPT_START["lr_scale"], base=10, min=lo, max=hi, step=step,
                                               description="학습률 배율", readout_format=".2g", style=style,
                                               layout=wide),
            "steps": widgets.IntSlider(value=OPT_START["steps"], min=0, max=OPT_LIVE_MAX_STEPS,
                                       description="걸음 수", style=style, layout=wide),
        }

    def opt_preset(label: str, values: dict[str, Any], extra: Callable[[dict], str] | None = None) -> Preset:
        """프리셋 설명 = 그 상태의 캡션 + (있으면) 라벨이 말하는 것을 그 상태의 경로로 보인 한 문장."""
        full = {**OPT_START, **values}
        s = get_surface(full["surface"])
        lr = OPT_LR[full["surface"]] * full["lr_scale"]
        paths = {n: p[:full["steps"] + 1] for n, p in optimizer_paths(full["surface"], lr, full["steps"]).items()}
        losses = final_losses(full["surface"], full["lr_scale"], full["steps"], paths)
        text = optimizer_caption(s.korean_name, lr, full["steps"], losses, stopped_steps(paths, full["steps"]))
        return Preset(label, full, text + (" " + extra(paths) if extra else ""))

    labels = [SURFACES[n].korean_name.split("(")[0] for n in OPT_SURFACES]
    return DemoSpec(
        name="optimizer", title="SGD, 모멘텀, RMSProp, Adam 비교(식으로 정한 지형이라 기울기에 잡음이 없습니다)", figsize=OPT_FIGSIZE,
        setup=setup, update=update,
        static_axes=[Axis("surface", "손실 지형", OPT_SURFACES, labels, kind="toggle",
                          initial=OPT_SURFACES.index(OPT_START["surface"])),
                     Axis("lr_scale", "학습률 배율", OPT_SCALES, [f"{v:.3g}" for v in OPT_SCALES], kind="toggle",
                          initial=OPT_SCALES.index(OPT_START["lr_scale"])),
                     Axis("steps", "걸음 수", OPT_STEPS, [str(s) for s in OPT_STEPS],
                          initial=OPT_STEPS.index(OPT_START["steps"]))],
        static_what=(f"지형 {len(OPT_SURFACES)}개 × 학습률 배율 {len(OPT_SCALES)}가지 × 걸음 수 {len(OPT_STEPS)}곳: "
                     "배율과 걸음 수는 성기게"),
        live_controls=live_controls, live_fixed={"max_steps": OPT_LIVE_MAX_STEPS}, blit=lambda: art["blit"],
        presets=(opt_preset("좁은 골짜기에서 모멘텀", {"surface": "ravine", "steps": 30, "lr_scale": 1.0}),
                 opt_preset("안장점에서 머뭇거리는 SGD", {"surface": "saddle", "steps": 30, "lr_scale": 1.0},
                            lambda paths: saddle_linger_text(paths["SGD"])),
                 opt_preset("고원에서 Adam", {"surface": "plateau", "steps": 30, "lr_scale": 1.0})),
        questions=(OPT_QUESTION,),
    )


SADDLE_NEAR = 0.3
"""안장점(원점)에서 이 거리 안이면 '안장점 곁에 머문다'고 센다."""


def saddle_linger_text(path: Any) -> str:
    """안장점 지형의 한 경로가 안장점(원점) 곁에서 보낸 걸음 수와 마지막 자리를 숫자로 적은 문장."""
    from dlkit.surfaces import get_surface

    path = np.asarray(path, dtype=float)
    near = int(np.sum(np.linalg.norm(path[1:], axis=1) < SADDLE_NEAR))
    end = path[-1]
    saddle = get_surface("saddle")
    loss = float(saddle.f(*end))
    return (f"SGD는 {len(path) - 1}걸음 가운데 {near}걸음 동안 안장점(원점)에서 거리 {SADDLE_NEAR:g} 안에 머물렀고, 끝에서도 "
            f"손실이 {with_ro(num(loss, '.3g'))} 안장점의 손실 0 곁에 있습니다(최솟값은 (0, ±√2)에서 {num(saddle.minimum)}). 안장점 곁은 기울기가 0에 "
            "가까워 빠져나오는 데 오래 걸립니다.")


def optimizer_caption(surface_name: str, lr: float, steps: int, losses: dict[str, float],
                      stopped: dict[str, int] | None = None) -> str:
    """캡션: 옵티마이저마다의 손실과, 그 숫자로 정한 가장 낮은 옵티마이저. ``stopped``(이름 → 멈추기 전 걸음 수)에
    든 옵티마이저는 손실 대신 발산했다고 적고, 가장 낮은 것을 고를 때 뺀다."""
    stopped = stopped or {}
    if steps == 0:
        return f"{surface_name}, 0걸음: 네 옵티마이저 모두 출발점(손실 {num(losses['SGD'], '.3g')})에 있습니다."
    parts = [f"{n} 발산({stopped[n]}걸음 뒤 멈춤)" if n in stopped else f"{n} {num(v, '.3g')}" for n, v in losses.items()]
    finite = {n: v for n, v in losses.items() if n not in stopped}
    if finite:
        verdict = lowest_text(finite, "여기서" if not stopped else "발산하지 않은 것 가운데에서", noisy=False)
    else:
        verdict = "네 옵티마이저가 모두 발산했습니다. 학습률 배율을 줄여 보세요."
    diverged = (f" 발산: 손실이 출발점의 {DIVERGENCE_FACTOR:g}배를 넘어 멈췄고, 그림에는 그 전까지의 경로만 있습니다."
                if stopped else "")
    return (f"{surface_name}에서 학습률 {with_ro(f'{lr:.3g}')} {steps}걸음 갔을 때 손실: " + ", ".join(parts)
            + ". " + verdict + diverged + " 같은 지형, 같은 학습률에서도 옵티마이저마다 길이 다릅니다.")


BLOWUP_SCALE = 10 ** 0.5
BLOWUP_MIN_STEPS = 30


def blowup_reached(*, surface: str, lr_scale: float, steps: int, **_: Any) -> bool:
    """질문의 답에 닿았나: 휘어진 계곡에서 학습률 배율을 √10 이상으로 키우고 30걸음 이상 갔다."""
    return surface == "rosenbrock" and float(lr_scale) >= BLOWUP_SCALE * 0.9999 and int(steps) >= BLOWUP_MIN_STEPS


OPT_QUESTION = Question(
    prompt=(f"휘어진 계곡에서 학습률 배율을 √10(약 {BLOWUP_SCALE:.3g}) 이상으로 키우면, {BLOWUP_MIN_STEPS}걸음 뒤 어느 옵티마이저가 "
            "튕겨 나갈까요? 예측한 뒤 지형을 휘어진 계곡으로, 배율을 키워 보세요."),
    reached=blowup_reached,
    answer=(f"SGD와 모멘텀은 몇 걸음 만에 손실이 출발점의 {DIVERGENCE_FACTOR:g}배를 넘어 발산합니다(튕겨 나감). RMSProp과 Adam은 기울기를 그 크기(제곱의 이동 평균의 "
            "제곱근)로 나눠서, 가파른 곳에서도 좌표마다 한 걸음이 학습률의 몇 배 이내(Adam은 약 1배, RMSProp은 처음 "
            "몇 걸음 동안 최대 10배)로 묶여 버팁니다(손실이 출발점보다 낮습니다)."),
)


def learning_rate_demo(mode: str | None = None) -> Any:
    """학습률 슬라이더: 너무 작으면 기어가고, 너무 크면 발산한다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(learning_rate_spec(), mode)


def gd_sgd_demo(mode: str | None = None) -> Any:
    """GD, SGD, 미니배치 SGD의 경로와 그 손실 곡선을 걸음 수(또는 계산량)에 따라 함께 본다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(gd_sgd_spec(), mode)


def optimizer_demo(mode: str | None = None) -> Any:
    """같은 지형에서 SGD, 모멘텀, RMSProp, Adam의 경로와 그 손실 곡선을 함께 비교한다."""
    from dlkit.widgets._frames import build_demo

    return build_demo(optimizer_spec(), mode)
