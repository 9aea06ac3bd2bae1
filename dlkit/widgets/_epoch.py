"""에포크·배치 크기·반복 데모: 데이터 수, 배치 크기, 에포크 → 에포크당 반복과 전체 갱신 횟수."""
from __future__ import annotations

from typing import Any

import numpy as np

from dlkit.plotting import BATCH_COLORS, DROPPED_COLOR
from dlkit.words import with_ro
from dlkit.widgets._frames import Axis, DemoSpec, Preset, Question

NUM_EXAMPLES = 100
NUM_EPOCHS = 3
BATCHES = (4, 10, 16, 25, 32, 50, 64, 100)
"""정적 페이지의 배치 크기."""
NS = (NUM_EXAMPLES, 200)
"""정적 페이지의 데이터 수: 100개와 그 두 배."""
EPOCH_CHOICES = (1, NUM_EPOCHS)
"""정적 페이지의 에포크 수."""
N_SLIDER = (10, 1000, 10)
"""실시간 데이터 수 슬라이더의 (최솟값, 최댓값, 간격)."""
EPOCH_START = {"n": NUM_EXAMPLES, "epochs": NUM_EPOCHS, "drop_last": False, "batch": 32}
"""에포크 데모의 처음 상태(두 모드가 같다)."""
LR = 0.1
LOSS_FLOOR = 1e-6
"""손실 그림의 바닥. 정적 프레임 전부(N ≤ 200, 에포크 ≤ 3, 배치 4 이상)의 미니배치 손실은 이 위에 있다. 실시간에서
배치가 아주 작으면(1~4, N이 클 때) 예제 몇 개짜리 손실이 이보다 작을 수 있어, 바닥에 그리고 캡션에 그 수를 적는다
(로그 축에서 사라지지 않게)."""


def counts_text(n: int, batch: int, epochs: int, drop_last: bool = False) -> str:
    """지금 설정(``drop_last``)의 에포크당 반복과 전체 갱신 횟수: 그림 제목과 같은 숫자를 먼저 적는다.

    마지막 배치를 버리지 않을 때는 버렸을 때의 숫자를 적지 않는다(데모 질문의 답이라 먼저 보이면 안 된다).
    """
    from dlkit.data import iterations_per_epoch, total_updates

    keep = iterations_per_epoch(n, batch)
    drop = iterations_per_epoch(n, batch, drop_last=True)
    rest = n - drop * batch
    if not rest:
        return (f"에포크당 반복 = {n} / {batch} = <b>{keep}번</b>, 전체 갱신 = {keep} × {epochs} 에포크 = "
                f"<b>{total_updates(n, batch, epochs)}번</b>. 나누어떨어지므로 마지막 배치를 버려도 같습니다.")
    if drop_last:
        return (f"마지막 배치(예제 {rest}개)를 버리므로(drop_last) 에포크당 반복 = ⌊{n} / {batch}⌋ = <b>{drop}번</b>, "
                f"전체 갱신 = {drop} × {epochs} 에포크 = <b>{total_updates(n, batch, epochs, drop_last=True)}번</b>"
                f"(버리지 않으면 ⌈{n} / {batch}⌉ = {keep}번).")
    return (f"에포크당 반복 = ⌈{n} / {batch}⌉ = <b>{keep}번</b>, 전체 갱신 = {keep} × {epochs} 에포크 = "
            f"<b>{total_updates(n, batch, epochs)}번</b>. 마지막 배치는 예제 {rest}개로 다른 배치보다 작습니다.")


def epoch_spec() -> DemoSpec:
    from dlkit.data import batch_ids, iterations_per_epoch, synthetic_data, total_updates
    from dlkit.models import LinearRegression
    from dlkit.optim import SGD
    from dlkit.training import train

    art: dict[str, Any] = {}
    data: dict[int, tuple] = {}
    cache: dict[tuple, list[float]] = {}

    def losses(n: int, batch: int, epochs: int, drop_last: bool) -> list[float]:
        key = (n, batch, epochs, drop_last)
        if key not in cache:
            if n not in data:
                data[n] = synthetic_data([2.0, -3.4], 4.2, n, rng=0)
            X, y = data[n]
            net = LinearRegression(2, rng=0)
            hist = train(net, X, y, optimizer=SGD(net.parameters(), lr=LR), batch_size=batch,
                         num_epochs=epochs, drop_last=drop_last, rng=0, progress=False)
            cache[key] = hist.iteration_losses
        return cache[key]

    def setup(fig: Any) -> None:
        from matplotlib.colors import ListedColormap
        from matplotlib.ticker import MaxNLocator

        ax_blocks, ax_loss = fig.subplots(1, 2, width_ratios=[1.2, 1])
        art["ax_blocks"], art["ax_loss"] = ax_blocks, ax_loss
        colors = [*BATCH_COLORS, DROPPED_COLOR]
        art["blocks"] = ax_blocks.imshow(np.zeros((1, 1)), cmap=ListedColormap(colors), vmin=-0.5,
                                         vmax=len(colors) - 0.5, aspect="auto", interpolation="nearest")
        ax_blocks.set_xlabel("섞은 순서의 위치\n(색 띠 하나 = 배치 하나, 회색 = 버린 자리)", fontsize=8)
        ax_blocks.tick_params(labelsize=8)
        ax_blocks.grid(False)
        ax_blocks.set_title(" ", fontsize=8)
        (art["loss"],) = ax_loss.semilogy([], [], ".-", ms=3, lw=1)
        ax_loss.set_xlabel("에포크 (점 하나 = 반복 하나)", fontsize=8)
        ax_loss.xaxis.set_major_locator(MaxNLocator(integer=True))  # 에포크 눈금은 정수만
        ax_loss.set_ylabel("미니배치\n손실", fontsize=8, rotation=0, ha="right", va="center")  # 가로로 두 줄
        ax_loss.set_ylim(LOSS_FLOOR / 2, 1e2)
        ax_loss.tick_params(labelsize=8)
        ax_loss.set_title(" ", fontsize=9)

    def update(*, batch: int, n: int = NUM_EXAMPLES, epochs: int = NUM_EPOCHS, drop_last: bool = False) -> str:
        n, epochs = int(n), int(epochs)
        # 실시간 슬라이더는 배치를 N보다 크게 고를 수 있다: N으로 줄이고(배치 하나 = 예제 전체) 캡션에 그렇게 적는다
        clipped = (f"고른 배치 크기({int(batch)})가 예제 수보다 커서 {with_ro(str(n))} 줄였습니다"
                   "(배치 하나 = 예제 전체). " if int(batch) > n else "")
        batch = min(int(batch), n)
        per_epoch = iterations_per_epoch(n, batch, drop_last)
        total = total_updates(n, batch, epochs, drop_last)
        # 에포크(행)마다 예제(열)를 배치로 나눈 모습: 값 = 배치 번호(색), 버린 예제는 회색
        ncolors = len(BATCH_COLORS)
        ids = batch_ids(n, batch, drop_last)
        row = np.where(ids >= 0, ids % ncolors, ncolors)
        ax = art["ax_blocks"]
        art["blocks"].set_data(np.tile(row, (epochs, 1)))
        art["blocks"].set_extent((0, n, epochs - 0.5, -0.5))
        key = (n, epochs)
        if art.get("key") != key:
            ax.set_xlim(0, n)
            ax.set_ylim(epochs - 0.5, -0.5)
            ax.set_yticks(range(epochs), [f"에포크 {e + 1}" for e in range(epochs)])
            art["ax_loss"].set_xlim(0, epochs)
            art["key"] = key
        ax.set_title(f"에포크당 반복 {per_epoch}번 × {epochs} 에포크 = 갱신 {total}번", fontsize=8)
        ls = np.asarray(losses(n, batch, epochs, drop_last))
        # 반복 k(0부터)의 손실은 k번 갱신한 뒤, 곧 k+1번째 갱신 직전에 잰 값: 에포크 k/per_epoch에 찍는다(0 = 학습 전)
        it = np.arange(len(ls)) / max(per_epoch, 1)
        art["loss"].set_data(it, np.maximum(ls, LOSS_FLOOR))
        below = int((ls < LOSS_FLOOR).sum())
        axl = art["ax_loss"]
        axl.set_title(f"배치 {batch}: 반복 {len(ls)}번", fontsize=9)
        art["blit"] = ([art["blocks"], ax.title, art["loss"], axl.title], key)
        return (f"예제 {n}개, 배치 크기 {batch}, {epochs} 에포크. " + clipped + counts_text(n, batch, epochs, drop_last)
                + " 손실 그림은 반복마다 그 갱신 직전에 잰 미니배치 손실입니다(첫 점 = 학습 전)."
                + (f" 손실이 10⁻⁶보다 작은 반복 {below}번은 그림 바닥(10⁻⁶)에 그렸습니다." if below else ""))

    def live_controls() -> dict[str, Any]:
        import ipywidgets as widgets

        style = {"description_width": "initial"}
        wide = widgets.Layout(width="420px")
        lo, hi, step = N_SLIDER
        return {
            "n": widgets.IntSlider(value=EPOCH_START["n"], min=lo, max=hi, step=step, description="예제 수 N",
                                   style=style, layout=wide),
            "epochs": widgets.IntSlider(value=EPOCH_START["epochs"], min=1, max=8, description="에포크 수",
                                        style=style, layout=wide),
            "drop_last": widgets.Checkbox(value=EPOCH_START["drop_last"], description="마지막 배치 버리기(drop_last)",
                                          style=style),
            "batch": widgets.IntSlider(value=EPOCH_START["batch"], min=1, max=200, description="배치 크기",
                                       style=style, layout=wide),
        }

    # 배치 크기가 마지막 축: 차례로 그릴 때 배경(데이터 수, 에포크 수)이 덜 바뀐다(blit)
    axes = [Axis("n", "예제 수 N", NS, [str(v) for v in NS], kind="toggle", initial=NS.index(EPOCH_START["n"])),
            Axis("epochs", "에포크 수", EPOCH_CHOICES, [str(v) for v in EPOCH_CHOICES], kind="toggle",
                 initial=EPOCH_CHOICES.index(EPOCH_START["epochs"])),
            Axis("drop_last", "마지막 배치 버리기(drop_last)", (False, True), ("아니오", "예"), kind="toggle",
                 initial=int(EPOCH_START["drop_last"])),
            Axis("batch", "배치 크기", BATCHES, [str(b) for b in BATCHES], initial=BATCHES.index(EPOCH_START["batch"]))]
    return DemoSpec(
        name="epoch", title="에포크, 배치 크기, 반복", figsize=(5.6, 2.6),
        setup=setup, update=update, static_axes=axes,
        static_what=(f"예제 {' 또는 '.join(map(str, NS))}개 × 에포크 {' 또는 '.join(map(str, EPOCH_CHOICES))} × "
                     f"drop_last 2가지 × 배치 크기 {len(BATCHES)}가지: 예제 수와 에포크 수는 성기게"),
        live_controls=live_controls, blit=lambda: art["blit"], check_figure_params=_check_batch,
        presets=(epoch_preset("100 ÷ 25 = 4번", {"n": 100, "batch": 25, "epochs": NUM_EPOCHS, "drop_last": False}),
                 epoch_preset("나누어떨어지지 않음", {"n": 100, "batch": 64, "epochs": NUM_EPOCHS, "drop_last": False}),
                 epoch_preset("예제가 두 배", {"n": 200, "batch": 25, "epochs": NUM_EPOCHS, "drop_last": False}),
                 epoch_preset("마지막 배치 버림(drop_last)",
                              {"n": 200, "batch": 64, "epochs": NUM_EPOCHS, "drop_last": True})),
        questions=(Question(
            prompt=drop_prompt(),
            reached=drop_question_reached,
            answer=drop_answer(),
        ),),
    )


def epoch_preset(label: str, values: dict[str, Any]) -> Preset:
    """프리셋 설명 = 그 상태의 반복 수 계산(:func:`counts_text`, 캡션과 같은 글)."""
    import re

    text = counts_text(values["n"], values["batch"], values["epochs"], values["drop_last"])
    return Preset(label, values, f"예제 {values['n']}개, 배치 크기 {values['batch']}: " + re.sub(r"</?b>", "", text))


def drop_question_reached(*, n: int, batch: int, drop_last: bool, **_: Any) -> bool:
    """질문의 답에 닿았나: 처음의 데이터 수와 배치 크기에서 마지막 배치를 버렸다."""
    return int(n) == EPOCH_START["n"] and int(batch) == EPOCH_START["batch"] and bool(drop_last)


def drop_prompt() -> str:
    """질문: 처음 상태의 갱신 횟수는 그림이 이미 보여 주므로 그것을 밝히고, 버릴 때의 횟수만 묻는다."""
    from dlkit.data import iterations_per_epoch

    n, b = EPOCH_START["n"], EPOCH_START["batch"]
    keep = iterations_per_epoch(n, b)
    return (f"지금은 예제 {n}개를 배치 크기 {b}로 나눠 에포크마다 {keep}번 갱신합니다(마지막 배치는 예제 "
            f"{n - (keep - 1) * b}개). 마지막 배치를 버리면(drop_last) 몇 번일까요? 예측한 뒤 drop_last를 켜 보세요.")


def drop_answer() -> str:
    from dlkit.data import iterations_per_epoch

    n, b = EPOCH_START["n"], EPOCH_START["batch"]
    keep, drop = iterations_per_epoch(n, b), iterations_per_epoch(n, b, drop_last=True)
    return (f"버리지 않으면 ⌈{n} / {b}⌉ = {keep}번입니다(마지막 배치는 예제 {n - (keep - 1) * b}개). "
            f"마지막 배치를 버리면 ⌊{n} / {b}⌋ = {drop}번이고, 에포크마다 예제 {n - drop * b}개는 그 에포크에 쓰이지 않습니다.")


def _check_batch(values: dict[str, Any]) -> None:
    """정적 그림: 배치는 데이터보다 클 수 없다(실시간 데모는 조용히 줄이지만 그림에서는 알린다)."""
    from dlkit._checks import check_int

    check_int(values["batch"], "batch", maximum=values["n"], example=min(25, values["n"]))


def epoch_demo(mode: str | None = None) -> Any:
    """데이터 수, 배치 크기, 에포크 수 → 에포크당 반복, 전체 갱신 횟수, 반복마다의 손실."""
    from dlkit.widgets._frames import build_demo

    return build_demo(epoch_spec(), mode)
