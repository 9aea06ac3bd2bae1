"""dlkit: 한국어 딥러닝 기초 책(D2L 3.1 스터디)에서 쓰는 작은 numpy 도구 모음.

``import dlkit as dk``는 numpy만 불러온다. torch, matplotlib, tqdm, ipywidgets는
그것이 필요한 함수 안에서만 불러오며, 글꼴·스타일·시드도 명시적으로 부를 때만 설정한다.
"""

from dlkit import activations, data, losses, models, optim, plotting, surfaces, training, words
from dlkit.activations import (
    ACTIVATIONS,
    Activation,
    gelu,
    gelu_grad,
    get_activation,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    step,
    step_grad,
    tanh,
    tanh_grad,
)
from dlkit.data import iterations_per_epoch, minibatches, synthetic_data, total_updates
from dlkit.losses import squared_loss, squared_loss_grad
from dlkit.models import MLP, LinearRegression, LinearStack, Perceptron, normal_equation
from dlkit.optim import SGD, Adam, Optimizer, RMSProp
from dlkit.plotting import (
    plot_activation,
    plot_activations,
    plot_decision_boundary,
    plot_history,
    plot_iterations,
    plot_linear_vs_activation,
    plot_linreg_fit,
    plot_surface_paths,
    setup_book_style,
    use_korean_font,
)
from dlkit.surfaces import (
    SURFACES,
    PathResult,
    Surface,
    get_surface,
    linreg_loss_grid,
    hessian,
    linreg_surface,
    nearest_minimum,
    optimize_path,
    steepest_curvature,
)
from dlkit.training import History, evaluate, predict, progress_enabled, train

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # 하위 모듈
    "activations", "data", "losses", "models", "optim", "plotting", "surfaces", "training", "words",
    # 활성화 함수
    "ACTIVATIONS", "Activation", "get_activation",
    "step", "step_grad", "sigmoid", "sigmoid_grad", "tanh", "tanh_grad",
    "relu", "relu_grad", "leaky_relu", "leaky_relu_grad", "gelu", "gelu_grad",
    # 옵티마이저
    "Optimizer", "SGD", "RMSProp", "Adam",
    # 데이터
    "synthetic_data", "minibatches", "iterations_per_epoch", "total_updates",
    # 손실
    "squared_loss", "squared_loss_grad",
    # 모델
    "Perceptron", "LinearRegression", "MLP", "LinearStack", "normal_equation",
    # 학습과 추론
    "History", "train", "evaluate", "predict", "progress_enabled",
    # 손실 지형
    "Surface", "SURFACES", "get_surface", "PathResult", "optimize_path", "linreg_loss_grid", "linreg_surface",
    "hessian", "nearest_minimum", "steepest_curvature",
    # 그림
    "use_korean_font", "setup_book_style", "plot_activation", "plot_activations", "plot_history",
    "plot_surface_paths", "plot_linreg_fit", "plot_decision_boundary",
    "plot_linear_vs_activation", "plot_iterations",
]


def __getattr__(name: str):
    """``dk.widgets``는 처음 쓸 때 불러온다(ipywidgets를 import dlkit에 싣지 않기 위해)."""
    if name == "widgets":
        import importlib

        return importlib.import_module("dlkit.widgets")
    raise AttributeError(f"module 'dlkit' has no attribute {name!r}")
