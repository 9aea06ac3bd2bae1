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


def demo_figure(name: str, **params: Any) -> Any:
    """데모 ``name``의 한 장면을 데모와 같은 그리기 함수로 그린 정적 그림.

    데모 옆에 두는 정적 그림이 데모와 어긋나지 않도록, 데모의 ``setup``과 ``update``를 그대로 쓴다.
    ``params``를 주지 않은 값은 정적 데모의 처음 값(슬라이더의 초기 위치)을 쓴다.

    Parameters
    ----------
    name : str
        데모 이름: "bias", "activation", "linear_vs_activation", "learning_rate", "gd_sgd",
        "optimizer", "epoch".
    **params
        그 데모의 조절기 값(예: ``demo_figure("bias", x=(1, 0, 0), bias=4.0)``).
    """
    import importlib

    import matplotlib.pyplot as plt

    from dlkit.widgets._frames import use_fonts

    if name not in _SPECS:
        raise ValueError(f"demo_figure의 name은 {sorted(_SPECS)} 중 하나여야 합니다. 받은 값: {name!r}")
    module, factory = _SPECS[name]
    spec = getattr(importlib.import_module(f"dlkit.widgets.{module}"), factory)()
    values = {axis.param: axis.values[axis.initial] for axis in spec.static_axes}
    values.update(spec.static_fixed)
    values.update(params)
    use_fonts()
    fig = plt.figure(figsize=spec.figsize, layout="constrained")
    spec.setup(fig)
    caption = spec.update(**values)
    fig.suptitle(_plain(caption), fontsize=8, wrap=True)
    return fig


def _plain(caption: str) -> str:
    """데모 설명(HTML)에서 태그를 뺀 글."""
    import re

    return re.sub(r"<[^>]+>", "", caption)
