r"""데모 하나를 두 가지 방식으로 보여 주는 틀(frame machinery).

데모는 :class:`DemoSpec` 하나로 정의한다.

- ``setup(fig)``: 그림의 축과 선(artist)을 **한 번** 만든다(대개 ``dk.plotting`` 함수로).
- ``update(**params) -> str``: 만든 선들의 데이터만 바꾸고(``set_data`` 등) 그림 아래에 붙일
  한국어 설명(HTML)을 돌려준다.
- ``static_axes``: 정적 페이지에서 고를 수 있게 미리 그려 둘 값들(조절기마다 축 하나, 모든 조합을 그린다).
- ``live_controls()``: 커널이 있을 때 보여 줄 전체 조절기(슬라이더 등).

이 정의 하나로 두 가지 위젯을 만든다(:func:`build_demo`).

정적 모드(static, 책 빌드)
    ``static_axes``의 모든 값 조합을 Agg로 그려 PNG(팔레트로 줄임)로 만들고, 브라우저 기본 조절기와
    작은 스크립트로 된 스스로 완결된 HTML로 싣는다(:mod:`dlkit.widgets._static`). ipywidgets도 커널도
    필요 없다. 미리 정한 상태 단추(:class:`Preset`)와 먼저 예측하는 질문(:class:`Question`)도 함께 싣는다.

실시간 모드(live, Jupyter·Binder·Colab)
    같은 그림(Figure)과 선을 계속 다시 쓰면서 ``update``만 부르고, 그 그림을 PNG로 바꿔
    ``Image.value``에 넣는다(파이썬 observer). 슬라이더의 모든 값, 모든 조절기가 동작한다. 단추는 값을
    한꺼번에 바꾼 뒤 한 번만 다시 그리고, 질문의 답은 값이 답에 닿을 때 드러난다.

모드는 추측하지 않고 밝힌 대로 따른다(:func:`get_mode`): ``build_demo(..., mode=...)``의 인자가 먼저,
그다음 :func:`set_mode`로 정한 값, 그다음 커널의 환경 변수 ``DLKIT_WIDGETS``(``static``/``live``:
책 빌드가 커널에 ``static``을 넣는다), 아무것도 없으면 실시간(``live``). 환경 변수는 데모를 만들 때마다
읽는다(import할 때가 아니다). 그래서 장(chapter)의 같은 셀이 책에서는 정적, Jupyter에서는 실시간이 된다.

그림은 모두 :func:`demo_style` 안에서 그린다: 데모의 글꼴·스타일은 ``matplotlib.rc_context`` 안에서만
적용되고, 데모를 보여 준 뒤에도 독자의 rcParams는 그대로다.

실시간 모드는 ipywidgets 7(Colab이 싣는 7.7.x)에서도 8에서도 동작한다. 정적 모드는 ipywidgets를 쓰지 않는다.
"""
from __future__ import annotations

import io
import itertools
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dlkit._checks import InputValueError

FRAME_DPI = 150
"""프레임 해상도. figsize (4, 2.5)인치 → 600×375 픽셀. PNG에도 이 dpi를 적는다(pHYs).

데모의 글자는 작아서(가장 작은 것 :data:`FRAME_MIN_FONT_PT`) 100 dpi로는 발표 화면(1280×720, reveal 축소
0.96)에서 11 px이다. 덱은 그림을 그려진 픽셀 크기 그대로 보이므로(키우면 흐려진다) 150 dpi로 그려
8 pt가 16 px이 되게 한다. 책 본문에서는 프레임이 본문 폭(``max-width: 100%``)에 맞춰 줄어든다."""

FRAME_MIN_FONT_PT = 8
"""데모 프레임 글자의 하한(pt). tests/site/test_deck_presenting.py가 dlkit/widgets/의 fontsize·labelsize와 견준다."""

PALETTE_COLORS = 128
"""정적 프레임 PNG의 팔레트 색 수(파일을 줄이려고).

64색 median cut은 비슷한 두 선 색(모멘텀과 Adam)을 한 색으로 합친 적이 있고 프레임마다 27 ms가 걸렸다.
128색 fast octree는 3 ms이고 파일은 10 % 남짓 크다. 선 색이 살아남는지는 tests/dlkit/test_widgets.py가 본다."""

STATIC_NOTE = ("정적 페이지: 미리 그려 둔 그림 {n}장({what}) 중에서 고릅니다. "
               "Binder나 Colab에서 실행하면 모든 값을 바꿔 볼 수 있는 실시간 데모가 됩니다.")
LIVE_NOTE = "실시간 데모: 값을 바꾸면 파이썬이 그림을 바로 다시 그립니다."


@dataclass
class Axis:
    """정적 모드에서 고를 수 있는 값 목록 하나(조절기 하나).

    ``kind``는 ``"slider"``(``SelectionSlider``) 또는 ``"toggle"``(``ToggleButtons``).
    """

    param: str
    description: str
    values: Sequence[Any]
    labels: Sequence[str] | None = None
    kind: str = "slider"
    initial: int = 0

    def label_list(self) -> list[str]:
        return [str(v) for v in self.values] if self.labels is None else list(self.labels)


@dataclass(frozen=True)
class Preset:
    """미리 정해 둔 상태 하나로 가는 단추(정적·실시간 둘 다).

    ``values``는 ``update`` 인자 이름 → 값. 이름은 정적 축(:class:`Axis`)의 ``param``이고 값은 그 축의
    ``values`` 중 하나여야 한다(실시간 조절기도 같은 이름이다). 적지 않은 조절기는 지금 값 그대로 둔다.
    """

    label: str
    values: dict[str, Any]
    explain: str = ""
    """단추를 누른 뒤 그림 위에 보일 한 줄 설명(글자만, 없으면 빈 문자열)."""


@dataclass(frozen=True)
class Question:
    """먼저 예측하게 하고, 독자가 조절기를 움직여 답에 닿으면 드러나는 질문(커널 없이도 동작).

    ``reached(**params) -> bool``: 조절기 값 전체(``update``가 받는 값)가 답에 닿았는가. 정적 페이지는
    프레임마다 미리 계산해 두고, 실시간 데모는 값이 바뀔 때마다 부른다. 처음 상태에서는 닿지 않아야 한다
    (그래야 독자가 움직이기 전에 답이 보이지 않는다).
    """

    prompt: str
    reached: Callable[..., bool]
    answer: str


FRAME_LIMIT = 300
"""정적 데모 하나가 미리 그릴 수 있는 프레임 수의 상한(모든 축 값의 곱). 넘으면 정의 오류다."""


@dataclass
class DemoSpec:
    """데모 하나의 정의(정적·실시간 두 모드가 공유한다)."""

    name: str
    title: str
    figsize: tuple[float, float]
    setup: Callable[[Any], None]
    update: Callable[..., str]
    static_axes: Sequence[Axis]
    static_fixed: dict[str, Any] = field(default_factory=dict)
    static_what: str = ""
    live_controls: Callable[[], dict[str, Any]] | None = None
    live_fixed: dict[str, Any] = field(default_factory=dict)
    blit: Callable[[], tuple[list, Any]] | None = None
    """``update`` 뒤에 부르면 (바뀌는 선들, 배경 키)를 준다. 배경 키가 같으면 나머지(축, 눈금,
    등고선, 범례)는 저장해 둔 배경을 그대로 쓰고 바뀌는 선만 다시 그린다(blitting)."""
    extra_domains: dict[str, tuple] = field(default_factory=dict)
    """:func:`dlkit.widgets.demo_figure`가 더 받는 값과 그 범위(예: 편향 데모의 입력 ``x``)."""
    grouped_controls: tuple[str, ...] = ()
    """``extra_domains``의 값 하나로 묶이는 실시간 조절기들(``demo_figure``에서는 따로 받지 않는다)."""
    check_figure_params: Callable[[dict[str, Any]], None] | None = None
    """``demo_figure``의 값 전체를 보고 하는 추가 검사(예: 배치는 데이터 수보다 클 수 없다)."""
    presets: Sequence[Preset] = ()
    """미리 정해 둔 상태로 가는 단추 2~4개(장이 이야기하는 상태)."""
    questions: Sequence[Question] = ()
    """먼저 예측하고 조절기로 답을 찾는 질문(데모마다 하나 이상)."""


MODES = ("static", "live")
"""데모 모드: 정적(미리 그린 프레임, 커널 없는 책 페이지) 또는 실시간(커널이 다시 그린다)."""

MODE_ENV = "DLKIT_WIDGETS"
"""모드를 정하는 환경 변수. 책 빌드가 커널에 ``static``을 넣는다."""

_SETTINGS: dict[str, str | None] = {"mode": None}
""":func:`set_mode`로 정한 값(없으면 None). 모듈을 import할 때는 아무것도 정하지 않는다."""


def _check_mode(mode: Any, source: str) -> str:
    if not isinstance(mode, str) or mode.strip().lower() not in MODES:
        raise InputValueError(
            f"{source}는 'static'(미리 그린 그림, 책 빌드) 또는 'live'(실시간, Jupyter)여야 합니다. "
            f"받은 값: {mode!r} (예: dk.widgets.set_mode(\"live\"))"
        )
    return mode.strip().lower()


def set_mode(mode: str | None) -> None:
    """이 파이썬 세션의 데모 모드를 정한다: ``"static"``, ``"live"`` 또는 ``None``(정한 것을 지움).

    정한 값은 환경 변수 ``DLKIT_WIDGETS``보다 앞서고, 데모를 만들 때 준 ``mode=`` 인자보다는 뒤다.
    """
    _SETTINGS["mode"] = None if mode is None else _check_mode(mode, "set_mode의 mode")


def get_mode(mode: str | None = None) -> str:
    """지금 만들 데모의 모드: ``mode`` 인자 → :func:`set_mode`의 값 → 환경 변수 ``DLKIT_WIDGETS`` → ``"live"``."""
    if mode is not None:
        return _check_mode(mode, "mode")
    if _SETTINGS["mode"] is not None:
        return _SETTINGS["mode"]
    env = os.environ.get(MODE_ENV, "")  # 부를 때마다 읽는다(import 때 읽지 않는다)
    if env.strip():
        return _check_mode(env, f"환경 변수 {MODE_ENV}")
    return "live"


_STYLE: dict[str, Any] = {}
"""데모 그림에 쓰는 rcParams 값(한글 글꼴과 책 스타일). 처음 데모를 그릴 때 한 번 만든다."""


def _style_rc() -> dict[str, Any]:
    """:func:`dlkit.plotting.korean_font_rc`의 값(글꼴 등록은 한 번만).

    글꼴을 등록하면 matplotlib이 글꼴 찾기 캐시를 비우므로 프레임마다 등록하면 느려진다. 그래서 값을
    기억해 두고 그 뒤로는 ``rc_context``로 적용만 한다.
    """
    if not _STYLE:
        from dlkit.plotting import korean_font_rc

        _STYLE.update(korean_font_rc())
    return _STYLE


@contextmanager
def demo_style() -> Iterator[None]:
    """데모 그림의 글꼴·스타일을 이 ``with`` 블록 안에서만 쓴다(끝나면 rcParams를 되돌린다)."""
    import matplotlib

    with matplotlib.rc_context(rc=_style_rc()):
        yield


class Canvas:
    """한 번 만들어 계속 다시 쓰는 Agg 그림(pyplot 없이: 노트북에 저절로 뜨지 않는다)."""

    def __init__(self, figsize: tuple[float, float], dpi: int = FRAME_DPI) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=figsize, dpi=dpi, layout="constrained", facecolor="white")
        FigureCanvasAgg(self.fig)
        self._background = None
        self._background_key: Any = None
        self._frozen = False

    def freeze_layout(self) -> None:
        """constrained layout을 한 번 계산하고 고정한다(프레임마다 축 위치가 같고, 빠르다)."""
        self.fig.canvas.draw()
        self.fig.set_layout_engine("none")
        self._frozen = True

    def draw(self, blit: tuple[list, Any] | None = None) -> None:
        """그림을 그린다. ``blit=(바뀌는 선들, 배경 키)``면 배경을 다시 쓰고 그 선들만 그린다."""
        canvas = self.fig.canvas
        if not self._frozen:
            self.freeze_layout()
        if blit is None:
            canvas.draw()
            return
        dynamic, key = blit
        if self._background is None or key != self._background_key:
            visible = [a.get_visible() for a in dynamic]
            # 축 제목은 보이지 않으면 위치 계산이 어긋나므로(matplotlib) 위치를 기억했다가 되돌린다
            positions = [a.get_position() if hasattr(a, "get_position") else None for a in dynamic]
            for a in dynamic:
                a.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._background_key = key
            for a, v, pos in zip(dynamic, visible, positions):
                a.set_visible(v)
                if pos is not None:
                    a.set_position(pos)
        else:
            canvas.restore_region(self._background)
        for a in dynamic:
            if a.get_visible():
                self.fig.draw_artist(a)

    def png(self, *, palette: bool = False, blit: tuple[list, Any] | None = None) -> bytes:
        """지금 그림을 PNG 바이트로. ``palette=True``면 색을 줄여 작게 만든다."""
        from PIL import Image

        self.draw(blit)
        rgb = np.asarray(self.fig.canvas.buffer_rgba())[..., :3]
        img = Image.fromarray(np.ascontiguousarray(rgb))
        buf = io.BytesIO()
        if palette:
            img = img.quantize(colors=PALETTE_COLORS, method=Image.Quantize.FASTOCTREE,
                               dither=Image.Dither.NONE)
            img.save(buf, format="png", compress_level=6, dpi=(self.fig.dpi, self.fig.dpi))
        else:
            img.save(buf, format="png", compress_level=1, dpi=(self.fig.dpi, self.fig.dpi))
        return buf.getvalue()


class LiveRenderer:
    """실시간 모드의 그림: ``update`` 후 PNG를 ``Image``에 넣는다. 횟수와 시간을 기록한다."""

    def __init__(self, spec: DemoSpec) -> None:
        self.spec = spec
        with demo_style():
            self.canvas = Canvas(spec.figsize)
            spec.setup(self.canvas.fig)
        self.renders = 0
        self.last_seconds = 0.0

    def render(self, params: dict[str, Any]) -> tuple[bytes, str]:
        t0 = time.perf_counter()
        with demo_style():  # 슬라이더를 움직일 때마다 그리는 것도 독자의 rcParams를 건드리지 않는다
            caption = self.spec.update(**params)
            png = self.canvas.png(blit=None if self.spec.blit is None else self.spec.blit())
        self.renders += 1
        self.last_seconds = time.perf_counter() - t0
        return png, caption


Panel = tuple[int, int]
"""프레임 안의 그림 한 칸(panel)이 차지하는 가로 픽셀 범위 (왼쪽, 오른쪽). 오른쪽은 포함하지 않는다."""


def axes_columns(fig: Any) -> list[tuple[float, float]]:
    """그림의 축들이 가로로 차지하는 범위(픽셀)를 겹치는 것끼리 합쳐 왼쪽부터: 칸(column)마다 (왼쪽, 오른쪽).

    축의 범위는 눈금 글자, 축 이름, 제목, 축에 붙은 범례까지 넣은 ``get_tightbbox``다. 그림을 한 번 그린
    뒤에 불러야 한다(글자 크기는 그려 봐야 안다).
    """
    renderer = fig.canvas.get_renderer()
    boxes = sorted((ax.get_tightbbox(renderer) for ax in fig.axes if ax.get_visible()), key=lambda b: b.x0)
    columns: list[list[float]] = []
    for box in boxes:
        if columns and box.x0 < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], box.x1)
        else:
            columns.append([box.x0, box.x1])
    return [(a, b) for a, b in columns]


def panel_ranges(fig: Any) -> list[Panel]:
    """프레임을 칸으로 나누는 가로 범위들(픽셀, 왼쪽부터, 빈틈 없이 그림 전체를 덮는다).

    칸이 둘 이상인 그림(경로와 손실 곡선처럼 나란한 두 축)은 칸 사이 빈 곳의 가운데에서 자른다. 휴대전화에서는
    ``demo.js``가 같은 프레임을 칸마다 잘라 위아래로 쌓아 보인다(칸 하나가 본문 폭을 다 쓴다). 칸이 하나면
    그림 전체 하나.
    """
    width = int(round(fig.bbox.width))
    columns = axes_columns(fig)
    cuts = [0] + [int(round((left[1] + right[0]) / 2)) for left, right in zip(columns, columns[1:])] + [width]
    return list(zip(cuts, cuts[1:]))


class ClippedTextError(InputValueError):
    """정적 프레임의 글자(제목, 축 이름, 범례, 주석)가 그림 밖으로 나가 잘린다."""


def clipped_texts(fig: Any, margin: float = 1.0) -> list[str]:
    """그림 밖으로 ``margin`` 픽셀 넘게 나간 글자들(제목, 축 이름, 범례, 축과 그림의 주석). 그린 뒤에 부른다.

    틀(constrained layout)은 처음 프레임에서 고정하므로(:meth:`Canvas.freeze_layout`), 뒤 프레임의 제목이 처음보다
    길면 그림 오른쪽에서 잘린다(예전: '… ReLU 함수 0.000339'가 '0.00033'으로 보였다). 눈금 글자는 넣지 않는다:
    matplotlib은 보이는 범위 밖의 눈금에도 글자를 만들어 두지만 그리지 않는다.
    """
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    texts = list(fig.texts)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            texts += legend.get_texts()
    out = []
    for text in texts:
        if not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < -margin or box.y0 < -margin or box.x1 > width + margin or box.y1 > height + margin:
            out.append(text.get_text())
    return out


def render_static_frames(spec: DemoSpec) -> tuple[list[tuple[int, ...]], list[bytes], list[str], list[Panel]]:
    """``static_axes``의 모든 값 조합을 그린다: (인덱스 조합, PNG, 설명) 목록과 프레임의 칸 범위
    (:func:`panel_ranges`, 처음 프레임에서 잰다: 틀을 고정한 뒤라 축의 자리는 모든 프레임에서 같다)."""
    combos = list(itertools.product(*(range(len(a.values)) for a in spec.static_axes)))
    pngs, captions = [], []
    panels: list[Panel] = []
    with demo_style():
        canvas = Canvas(spec.figsize)
        spec.setup(canvas.fig)
        for combo in combos:
            params = dict(spec.static_fixed)
            params.update({a.param: a.values[k] for a, k in zip(spec.static_axes, combo)})
            captions.append(spec.update(**params))
            pngs.append(canvas.png(palette=True, blit=None if spec.blit is None else spec.blit()))
            clipped = clipped_texts(canvas.fig)
            if clipped:
                raise ClippedTextError(
                    f"데모 {spec.name!r}의 프레임 {params}에서 글자가 그림 밖으로 나가 잘립니다: {clipped}. "
                    "글을 줄이거나 두 줄로 나누거나, figsize를 넓히세요(틀은 처음 프레임에서 고정됩니다).")
            if not panels:
                panels = panel_ranges(canvas.fig)
    return combos, pngs, captions, panels


def _png_width(png: bytes) -> str:
    """PNG 헤더(IHDR)에서 읽은 픽셀 너비."""
    return str(int.from_bytes(png[16:20], "big"))


class DemoState:
    """실시간 데모 위젯에 붙는 파이썬 쪽 상태(테스트·벤치마크가 쓴다). ``widget.dlkit_demo``."""

    def __init__(self, spec: DemoSpec, mode: str) -> None:
        self.spec = spec
        self.mode = mode
        self.controls: dict[str, Any] = {}
        self.image = None
        self.caption = None
        self.renderer: LiveRenderer | None = None
        self.answers: list[Any] = []
        self.buttons: list[Any] = []
        self.explain = None
        self.holding = False

    @property
    def renders(self) -> int:
        return 0 if self.renderer is None else self.renderer.renders

    def params(self) -> dict[str, Any]:
        params = dict(self.spec.live_fixed)
        params.update({k: c.value for k, c in self.controls.items()})
        return params

    def refresh(self, change: Any = None) -> None:
        """실시간 모드: 지금 조절기 값으로 그림을 다시 그린다(observer가 부른다)."""
        if self.holding:
            return
        params = self.params()
        png, caption = self.renderer.render(params)
        self.image.value = png
        self.caption.value = caption
        for q, answer in zip(self.spec.questions, self.answers):
            if not answer.value and q.reached(**params):  # 한 번 닿으면 답은 계속 보인다
                answer.value = f"<b>답:</b> {q.answer}"

    def apply(self, preset: Any) -> None:
        """미리 정한 상태로: 값을 모두 바꾼 뒤 한 번만 다시 그린다."""
        self.holding = True
        try:
            for key, value in preset.values.items():
                self.controls[key].value = value
        finally:
            self.holding = False
        self.explain.value = preset.explain
        self.refresh()


def build_demo(spec: DemoSpec, mode: str | None = None) -> Any:
    """정의 ``spec``으로 데모를 만든다. ``mode``가 None이면 :func:`get_mode`가 정한다.

    정적 모드는 :class:`dlkit.widgets._static.StaticDemo`(스스로 완결된 HTML), 실시간 모드는 ipywidgets
    ``VBox``다. 둘 다 ``.dlkit_demo``로 테스트·벤치마크가 쓰는 상태를 내놓는다.
    """
    mode = get_mode(mode)
    if mode == "static":
        from dlkit.widgets._static import build_static

        return build_static(spec)
    return _build_live(spec)


def _build_live(spec: DemoSpec) -> Any:
    import ipywidgets as widgets

    state = DemoState(spec, "live")
    title = widgets.HTML(value=f"<b>{spec.title}</b>")
    state.renderer = LiveRenderer(spec)
    state.controls = spec.live_controls()
    state.image = widgets.Image(format="png")
    state.image.add_class("dlkit-frame")
    state.caption = widgets.HTML()
    state.caption.add_class("dlkit-caption")
    state.answers = [widgets.HTML(value="") for _ in spec.questions]
    state.explain = widgets.HTML(value="")
    state.refresh()
    state.image.width = _png_width(state.image.value)
    for ctrl in state.controls.values():
        ctrl.observe(state.refresh, names="value")
    note = widgets.HTML(value=f"<small>{LIVE_NOTE}</small>")
    body = [title, note]
    for q, answer in zip(spec.questions, state.answers):
        body += [widgets.HTML(value=f"<b>먼저 예측해 보세요.</b> {q.prompt}"), answer]
    if spec.presets:
        state.buttons = [widgets.Button(description=p.label, layout=widgets.Layout(width="auto"))
                         for p in spec.presets]
        for button, preset in zip(state.buttons, spec.presets):
            button.on_click(lambda _b, preset=preset: state.apply(preset))
        body += [widgets.HBox([widgets.HTML(value="바로 가기"), *state.buttons],
                              layout=widgets.Layout(flex_flow="row wrap")), state.explain]
    body += [*state.controls.values(), state.image, state.caption]
    box = widgets.VBox(body)
    box.add_class("dlkit-demo")
    box.add_class(f"dlkit-demo-{spec.name}")
    box.dlkit_demo = state
    return box
