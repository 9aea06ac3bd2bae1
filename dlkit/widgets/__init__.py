"""인터랙티브 데모(ipywidgets). 책(정적 페이지)에서는 미리 그린 그림을, Jupyter에서는 실시간 그림을 보여 준다.

데모마다 정의는 하나(:class:`~dlkit.widgets._frames.DemoSpec`)이고, 모드에 따라 두 가지로 만든다.
자세한 구조는 :mod:`dlkit.widgets._frames`를 보라. ipywidgets와 matplotlib은 데모를 만들 때만 불러온다.

데모 목록은 :data:`DEMOS` 한 곳에만 있다. 테스트와 벤치마크도 이 사전을 돈다. 데모를 새로 더하려면
``DemoSpec``을 돌려주는 함수를 담은 모듈 하나를 쓰고 :data:`DEMOS`에 한 줄을 넣는다. 그러면
``dk.widgets.demo("이름")``과 ``dk.widgets.demo_figure("이름")``이 곧바로 동작한다.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dlkit.widgets import _activation, _bias, _epoch, _optim
from dlkit.widgets._activation import activation_demo, linear_vs_activation_demo
from dlkit.widgets._bias import bias_demo
from dlkit.widgets._epoch import epoch_demo
from dlkit.widgets._frames import DemoSpec, get_mode, set_mode
from dlkit.widgets._optim import gd_sgd_demo, learning_rate_demo, optimizer_demo

DEMOS: dict[str, Callable[[], DemoSpec]] = {
    "bias": _bias.spec,
    "activation": _activation.activation_spec,
    "linear_vs_activation": _activation.linear_vs_activation_spec,
    "learning_rate": _optim.learning_rate_spec,
    "gd_sgd": _optim.gd_sgd_spec,
    "optimizer": _optim.optimizer_spec,
    "epoch": _epoch.epoch_spec,
}
"""데모 이름 → 데모 정의(:class:`DemoSpec`)를 새로 만드는 함수. 데모 목록은 여기 한 곳에만 쓴다."""

__all__ = ["DEMOS", "demo", "demo_figure", "presets", "set_mode", "get_mode",
           # 장(chapter)이 부르는 이름 붙은 바로 가기: dk.widgets.demo("bias")와 같다
           "bias_demo", "activation_demo", "linear_vs_activation_demo",
           "learning_rate_demo", "gd_sgd_demo", "optimizer_demo", "epoch_demo"]


def _spec(name: Any, caller: str) -> DemoSpec:
    """이름을 검사하고 그 데모의 정의를 새로 만든다."""
    from dlkit._checks import InputValueError

    if not isinstance(name, str) or name not in DEMOS:
        raise InputValueError(f"{caller}의 name은 {sorted(DEMOS)} 중 하나여야 합니다. 받은 값: {name!r}")
    return DEMOS[name]()


def _specs() -> dict[str, DemoSpec]:
    """이름 → 데모 정의(테스트·벤치마크용). :data:`DEMOS`를 돈다."""
    return {name: factory() for name, factory in DEMOS.items()}


def demo(name: str, /, mode: str | None = None) -> Any:
    """데모 ``name``(:data:`DEMOS`의 이름)의 위젯을 만든다.

    ``mode``는 ``"static"``(미리 그린 그림) 또는 ``"live"``(실시간). 주지 않으면 :func:`get_mode`가
    정한다(:func:`set_mode`의 값, 없으면 환경 변수 ``DLKIT_WIDGETS``, 없으면 ``"live"``).
    """
    from dlkit.widgets._frames import build_demo

    return build_demo(_spec(name, "demo"), mode)


def presets(name: str, /) -> tuple:
    """데모 ``name``의 미리 정한 상태 단추들(:class:`~dlkit.widgets._frames.Preset`: ``label``, ``values``, ``explain``).

    장의 주장 검사가 본문이 말하는 장면과 데모의 단추가 같은지 볼 때 쓴다
    (예: ``{p.label: p.values for p in dk.widgets.presets("bias")}["파티광 B"]["bias"] == 3.0``).
    """
    return tuple(_spec(name, "presets").presets)


def _domain(ctrl: Any) -> tuple:
    """ipywidgets 조절기 하나가 낼 수 있는 값의 범위(:func:`dlkit._checks.check_demo_value` 형식)."""
    kind = type(ctrl).__name__
    if kind == "IntSlider":
        return ("int", int(ctrl.min), int(ctrl.max), int(ctrl.step))
    if kind == "FloatSlider":
        return ("float", float(ctrl.min), float(ctrl.max))
    if kind == "FloatLogSlider":
        return ("float", float(ctrl.base ** ctrl.min), float(ctrl.base ** ctrl.max))
    if kind == "Checkbox":
        return ("bool",)
    options = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in ctrl.options]
    return ("choice", options)


def demo_domains(name: str, spec: DemoSpec) -> dict[str, tuple]:
    """데모 ``name``의 조절기 이름 → 허용 범위(실시간 조절기가 낼 수 있는 값)."""
    domains = {k: _domain(c) for k, c in spec.live_controls().items() if k not in spec.grouped_controls}
    domains.update(spec.extra_domains)
    return domains


def demo_figure(name: str, /, **params: Any) -> Any:
    """데모 ``name``의 한 장면을 데모와 같은 그리기 함수로 그린 정적 그림.

    데모 옆에 두는 정적 그림이 데모와 어긋나지 않도록, 데모의 ``setup``과 ``update``를 그대로 쓴다.
    ``params``를 주지 않은 값은 정적 데모의 처음 값(슬라이더의 초기 위치)을 쓴다. 값은 그 데모의
    실시간 조절기가 낼 수 있는 값이어야 하며(범위 밖이나 모르는 이름은 한국어 오류), ``name``은
    위치 인자라서 활성화 데모의 조절기 ``name``도 그대로 넘길 수 있다
    (``demo_figure("activation", name="relu")``). 데모의 글꼴·스타일은 그림 안에만 쓰이고
    독자의 rcParams는 그대로 남는다.

    Parameters
    ----------
    name : str
        데모 이름(:data:`DEMOS`의 열쇠, 예: "bias", "epoch").
    **params
        그 데모의 조절기 값(예: ``demo_figure("bias", x=(1, 0, 0), bias=4.0)``).
    """
    from dlkit._checks import check_demo_params

    spec = _spec(name, "demo_figure")
    check_demo_params(name, params, demo_domains(name, spec))

    import matplotlib.pyplot as plt

    from dlkit.widgets._frames import FRAME_DPI, demo_style

    values = {axis.param: axis.values[axis.initial] for axis in spec.static_axes}
    values.update(spec.static_fixed)
    values.update(spec.live_fixed)  # 예: 걸음 수 상한을 실시간 데모와 같게(정적 값보다 큰 걸음 수도 그린다)
    values.update(params)
    if spec.check_figure_params is not None:
        spec.check_figure_params(values)
    with demo_style():
        # 데모 프레임과 같은 그림: 같은 dpi로(데모의 작은 글자는 책 그림의 100 dpi로는 발표 화면에서 너무 작다)
        fig = plt.figure(figsize=spec.figsize, dpi=FRAME_DPI, layout="constrained")
        spec.setup(fig)
        caption = spec.update(**values)
        fig.suptitle(_plain(caption), fontsize=8, wrap=True)
        # 눈금 글자 등은 처음 그릴 때 만들어진다: 데모 스타일 안에서 한 번 그려 둔다
        fig.canvas.draw()
    return fig


def _plain(caption: str) -> str:
    """데모 설명(HTML)에서 태그를 뺀 글."""
    import re

    return re.sub(r"<[^>]+>", "", caption)
