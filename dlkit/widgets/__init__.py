"""인터랙티브 데모(ipywidgets). 책(정적 페이지)에서는 미리 그린 그림을, Jupyter에서는 실시간 그림을 보여 준다.

데모마다 정의는 하나(:class:`~dlkit.widgets._frames.DemoSpec`)이고, 모드에 따라 두 가지로 만든다.
자세한 구조는 :mod:`dlkit.widgets._frames`를 보라. ipywidgets와 matplotlib은 데모를 만들 때만 불러온다.
"""
from __future__ import annotations

from dlkit.widgets._activation import activation_demo, linear_vs_activation_demo
from dlkit.widgets._bias import bias_demo
from dlkit.widgets._epoch import epoch_demo
from dlkit.widgets._frames import detect_mode
from dlkit.widgets._optim import gd_sgd_demo, learning_rate_demo, optimizer_demo

__all__ = ["bias_demo", "activation_demo", "linear_vs_activation_demo",
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
