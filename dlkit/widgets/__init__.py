"""인터랙티브 데모(ipywidgets). 책(정적 페이지)에서는 미리 그린 그림을, Jupyter에서는 실시간 그림을 보여 준다.

데모마다 정의는 하나(:class:`~dlkit.widgets._frames.DemoSpec`)이고, 모드에 따라 두 가지로 만든다.
자세한 구조는 :mod:`dlkit.widgets._frames`를 보라. ipywidgets와 matplotlib은 데모를 만들 때만 불러온다.
"""
from __future__ import annotations

from typing import Any

from dlkit.widgets._activation import activation_demo, linear_vs_activation_demo
from dlkit.widgets._bias import bias_demo
from dlkit.widgets._epoch import epoch_demo
from dlkit.widgets._frames import detect_mode
from dlkit.widgets._optim import gd_sgd_demo, learning_rate_demo, optimizer_demo

__all__ = ["demo_figure", "bias_demo", "activation_demo", "linear_vs_activation_demo",
           "learning_rate_demo", "gd_sgd_demo", "optimizer_demo", "epoch_demo",
           "detect_mode"]

_SPECS = {
    "bias": ("_bias", "spec"),
    "activation": ("_activation", "activation_spec"),
    "linear_vs_activation": ("_activation", "linear_vs_activation_spec"),
    "learning_rate": ("_optim", "learning_rate_spec"),
    "gd_sgd": ("_optim", "gd_sgd_spec"),
    "optimizer": ("_optim", "optimizer_spec"),
    "epoch": ("_epoch", "epoch_spec"),
}


def _specs() -> dict:
    """이름 → 데모 정의(테스트·벤치마크용)."""
    import importlib

    return {name: getattr(importlib.import_module(f"dlkit.widgets.{mod}"), fn)()
            for name, (mod, fn) in _SPECS.items()}


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


_STATIC_ONLY = {
    # 편향 데모의 입력 x는 실시간 조절기 세 개(rain, money, friend)를 묶은 것이다
    "bias": ({"x": ("binary3",)}, ("rain", "money", "friend")),
}


def demo_domains(name: str, spec: Any) -> dict[str, tuple]:
    """데모 ``name``의 조절기 이름 → 허용 범위(실시간 조절기가 낼 수 있는 값)."""
    extra, hidden = _STATIC_ONLY.get(name, ({}, ()))
    domains = {k: _domain(c) for k, c in spec.live_controls().items() if k not in hidden}
    domains.update(extra)
    return domains


def demo_figure(name: str, /, **params: Any) -> Any:
    """데모 ``name``의 한 장면을 데모와 같은 그리기 함수로 그린 정적 그림.

    데모 옆에 두는 정적 그림이 데모와 어긋나지 않도록, 데모의 ``setup``과 ``update``를 그대로 쓴다.
    ``params``를 주지 않은 값은 정적 데모의 처음 값(슬라이더의 초기 위치)을 쓴다. 값은 그 데모의
    실시간 조절기가 낼 수 있는 값이어야 하며(범위 밖이나 모르는 이름은 한국어 오류), ``name``은
    위치 인자라서 활성화 데모의 조절기 ``name``도 그대로 넘길 수 있다
    (``demo_figure("activation", name="relu")``).

    Parameters
    ----------
    name : str
        데모 이름: "bias", "activation", "linear_vs_activation", "learning_rate", "gd_sgd",
        "optimizer", "epoch".
    **params
        그 데모의 조절기 값(예: ``demo_figure("bias", x=(1, 0, 0), bias=4.0)``).
    """
    import importlib

    from dlkit._checks import InputValueError, check_demo_params, check_int

    if not isinstance(name, str) or name not in _SPECS:
        raise InputValueError(f"demo_figure의 name은 {sorted(_SPECS)} 중 하나여야 합니다. 받은 값: {name!r}")
    module, factory = _SPECS[name]
    spec = getattr(importlib.import_module(f"dlkit.widgets.{module}"), factory)()
    check_demo_params(name, params, demo_domains(name, spec))

    import matplotlib.pyplot as plt

    from dlkit.widgets._frames import FRAME_DPI, use_fonts

    values = {axis.param: axis.values[axis.initial] for axis in spec.static_axes}
    values.update(spec.static_fixed)
    values.update(spec.live_fixed)  # 예: 걸음 수 상한을 실시간 데모와 같게(정적 값보다 큰 걸음 수도 그린다)
    values.update(params)
    if name == "epoch":  # 배치는 데이터보다 클 수 없다(실시간 데모는 조용히 줄이지만 그림에서는 알린다)
        check_int(values["batch"], "batch", maximum=values["n"], example=min(25, values["n"]))
    use_fonts()
    # 데모 프레임과 같은 그림: 같은 dpi로(데모의 작은 글자는 책 그림의 100 dpi로는 발표 화면에서 너무 작다)
    fig = plt.figure(figsize=spec.figsize, dpi=FRAME_DPI, layout="constrained")
    spec.setup(fig)
    caption = spec.update(**values)
    fig.suptitle(_plain(caption), fontsize=8, wrap=True)
    return fig


def _plain(caption: str) -> str:
    """데모 설명(HTML)에서 태그를 뺀 글."""
    import re

    return re.sub(r"<[^>]+>", "", caption)
