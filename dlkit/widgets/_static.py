r"""정적 데모(static demo): 커널 없이 브라우저만으로 동작하는 스스로 완결된 HTML.

책 빌드(:func:`dlkit.widgets.get_mode`가 ``"static"``)에서 데모는 ipywidgets가 아니라 이 HTML이다.

- 조절기는 브라우저의 기본 요소다. 슬라이더는 ``<input type="range">``(값 칸은 입력처럼 보이지 않는
  ``<output>``), 토글은 라디오 단추 묶음(``<fieldset>``). 키보드로 움직일 수 있고 이름표가 한국어다.
  초점이 입력 요소에 있으면 reveal.js는 화살표 키로 슬라이드를 넘기지 않는다(덱에서도 안전하다).
- 프레임은 ``static_axes``의 모든 값 조합을 미리 그린 PNG다(:func:`~dlkit.widgets._frames.render_static_frames`).
  HTML 안에서는 ``data:`` 주소로 들어 있어 노트북 출력 하나로 완결된다(실행 캐시를 거쳐도 프레임이 남는다).
  책 빌드는 이 주소들을 사이트의 그림 파일(``_demo/<해시>.png``)로 바꿔 쓴다(booktools.demo_frames).
  그러면 페이지에는 처음 프레임의 주소만 실리고(``loading="lazy"``: 데모가 화면 가까이 오면 받는다), 이웃
  프레임은 독자가 데모에 손을 대면 미리 받고, 나머지는 조절기를 움직일 때 가져와 브라우저가 캐시한다.
- 미리 정한 상태 단추(:class:`~dlkit.widgets._frames.Preset`)와 먼저 예측하는 질문
  (:class:`~dlkit.widgets._frames.Question`)은 프레임마다 미리 계산해 JSON으로 싣는다.
- 그림이 나란한 칸(경로와 손실 곡선처럼) 둘 이상이면 휴대전화 폭(600 px 이하)에서는 같은 프레임을 칸마다
  잘라 위아래로 쌓는다(``demo.js``가 칸 상자를 만들고 ``demo.css``가 자른다). 칸마다 본문 폭을 다 쓰므로
  가로로 밀지 않아도 두 그림이 다 보이고 함께 바뀐다. 칸 범위는 JSON의 ``panels``(픽셀)다.
- 동작은 ``demo.js``(패키지 데이터) 하나가 맡는다. 스타일은 ``demo.css``.

프레임 번호는 축 순서대로의 행 우선(row-major) 번호다: ``itertools.product``가 도는 순서와 같다.
"""
from __future__ import annotations

import base64
import html
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from dlkit._assets import package_text
from dlkit.widgets._frames import FRAME_LIMIT, STATIC_NOTE, DemoSpec, render_static_frames

DATA_CLASS = "dlkit-demo-data"
"""프레임 JSON을 담은 ``<script type="application/json">``의 클래스(booktools.demo_frames가 찾는다)."""

_COUNTER = itertools.count(1)


def _asset(name: str) -> str:
    return package_text("dlkit.widgets", name, "데모")


def strides(shape: list[int]) -> list[int]:
    """행 우선 번호의 보폭: 프레임 번호 = Σ 인덱스 × 보폭."""
    out, step = [], 1
    for n in reversed(shape):
        out.append(step)
        step *= n
    return out[::-1]


def frame_number(shape: list[int], index: tuple[int, ...]) -> int:
    return sum(i * s for i, s in zip(index, strides(shape)))


def check_spec(spec: DemoSpec) -> None:
    """정적 데모로 만들 수 있는 정의인가(프레임 수, 단추 값, 질문). 정의 오류는 한국어로 알린다."""
    shape = [len(a.values) for a in spec.static_axes]
    if not shape or min(shape) < 1:
        raise ValueError(f"데모 {spec.name}: 정적 축이 없거나 값이 없는 축이 있습니다.")
    total = 1
    for n in shape:
        total *= n
    if total > FRAME_LIMIT:
        raise ValueError(f"데모 {spec.name}: 프레임이 {total}장으로 상한 {FRAME_LIMIT}장을 넘습니다. "
                         "덜 중요한 축의 값을 줄이세요.")
    params = {a.param: a for a in spec.static_axes}
    for preset in spec.presets:
        for key, value in preset.values.items():
            if key not in params:
                raise ValueError(f"데모 {spec.name}의 단추 「{preset.label}」: {key!r}는 정적 축이 아닙니다 "
                                 f"(축: {sorted(params)}).")
            if value not in list(params[key].values):
                raise ValueError(f"데모 {spec.name}의 단추 「{preset.label}」: {key}={value!r}는 축의 값 "
                                 f"{list(params[key].values)} 중 하나가 아닙니다.")


@dataclass
class StaticDemo:
    """정적 데모 하나(노트북 출력으로는 HTML). 테스트·벤치마크는 ``demo.dlkit_demo``(자기 자신)를 쓴다."""

    spec: DemoSpec
    combos: list[tuple[int, ...]]
    frames: list[bytes]
    captions: list[str]
    panels: list[tuple[int, int]] = field(default_factory=list)
    """프레임의 칸마다 가로 픽셀 범위(:func:`~dlkit.widgets._frames.panel_ranges`). 칸이 둘 이상이면 휴대전화에서
    칸을 위아래로 쌓는다(``demo.js``, ``demo.css``)."""
    uid: str = field(default_factory=lambda: f"d{next(_COUNTER)}")
    mode: str = "static"

    @property
    def dlkit_demo(self) -> "StaticDemo":
        return self

    @property
    def shape(self) -> list[int]:
        return [len(a.values) for a in self.spec.static_axes]

    @property
    def initial(self) -> tuple[int, ...]:
        return tuple(a.initial for a in self.spec.static_axes)

    def params(self, index: tuple[int, ...]) -> dict[str, Any]:
        """프레임 인덱스 조합 → ``update``가 받는 값 전체."""
        params = dict(self.spec.static_fixed)
        params.update({a.param: a.values[k] for a, k in zip(self.spec.static_axes, index)})
        return params

    def preset_indices(self) -> list[list[int | None]]:
        """단추마다 축별 인덱스(그 단추가 건드리지 않는 축은 None)."""
        out = []
        for preset in self.spec.presets:
            out.append([list(a.values).index(preset.values[a.param]) if a.param in preset.values else None
                        for a in self.spec.static_axes])
        return out

    def reached_frames(self) -> list[list[int]]:
        """질문마다 답에 닿는 프레임 번호들."""
        return [[frame_number(self.shape, idx) for idx in self.combos if q.reached(**self.params(idx))]
                for q in self.spec.questions]

    def alt(self, k: int) -> str:
        return f"{self.spec.title}: {re.sub(r'<[^>]+>', '', self.captions[k])}"

    def data(self) -> dict[str, Any]:
        """``demo.js``가 읽는 JSON(프레임은 ``data:`` 주소; 책 빌드가 파일 주소로 바꾼다)."""
        return {
            "shape": self.shape,
            "initial": list(self.initial),
            "labels": [a.label_list() for a in self.spec.static_axes],
            "frames": ["data:image/png;base64," + base64.b64encode(p).decode() for p in self.frames],
            "captions": self.captions,
            "alts": [self.alt(k) for k in range(len(self.frames))],
            "presets": self.preset_indices(),
            "reached": self.reached_frames(),
            "size": list(png_size(self.frames[0])),
            "panels": [list(p) for p in self.panels],
        }

    # -- HTML ---------------------------------------------------------------------------------------
    def _control_html(self, n: int) -> str:
        axis = self.spec.static_axes[n]
        e = html.escape
        labels = axis.label_list()
        cid = f"{self.uid}-a{n}"
        if axis.kind == "toggle":
            options = "".join(
                f'<label class="dlkit-option"><input type="radio" name="{cid}" value="{j}" data-axis="{n}"'
                f'{" checked" if j == axis.initial else ""}><span>{e(lab)}</span></label>'
                for j, lab in enumerate(labels))
            return (f'<fieldset class="dlkit-control dlkit-toggle"><legend>{e(axis.description)}</legend>'
                    f"{options}</fieldset>")
        current = labels[axis.initial]
        return (f'<div class="dlkit-control dlkit-slider"><label for="{cid}">{e(axis.description)}</label>'
                f'<input type="range" id="{cid}" min="0" max="{len(labels) - 1}" step="1" '
                f'value="{axis.initial}" data-axis="{n}" aria-valuetext="{e(current, quote=True)}">'
                f'<output for="{cid}" aria-hidden="true">{e(current)}</output></div>')

    def to_html(self) -> str:
        """스스로 완결된 HTML(스타일, 프레임 데이터, 스크립트 포함; 밖의 주소 없음)."""
        e = html.escape
        spec = self.spec
        k0 = frame_number(self.shape, self.initial)
        data = json.dumps(self.data(), ensure_ascii=False).replace("</", "<\\/")
        note = STATIC_NOTE.format(n=len(self.frames), what=spec.static_what)
        parts = [f'<div class="dlkit-demo dlkit-demo-{spec.name}" lang="ko" id="{self.uid}" '
                 f'data-dlkit-demo="{spec.name}">',
                 f"<style>{_asset('demo.css')}</style>",
                 f'<p class="dlkit-demo-title"><b>{e(spec.title)}</b></p>',
                 f'<p class="dlkit-demo-note">{e(note)}</p>',
                 '<div class="dlkit-demo-side">']  # 슬라이드에서는 그림 옆 한 칸(demo.css)
        for q in spec.questions:
            parts.append(f'<div class="dlkit-question"><p class="dlkit-prompt"><b>먼저 예측해 보세요.</b> '
                         f'{q.prompt}</p><p class="dlkit-answer" role="status" hidden>{q.answer}</p></div>')
        if spec.presets:
            buttons = "".join(f'<button type="button" data-preset="{j}" data-explain="{e(p.explain, quote=True)}">'
                              f"{e(p.label)}</button>"
                              for j, p in enumerate(spec.presets))
            parts.append(f'<div class="dlkit-presets" role="group" aria-label="미리 정해 둔 상태">'
                         f'<span class="dlkit-presets-label">바로 가기</span>{buttons}</div>')
            parts.append('<p class="dlkit-preset-explain" aria-live="polite"></p>')
        parts.append('<div class="dlkit-controls">'
                     + "".join(self._control_html(n) for n in range(len(self.shape))) + "</div></div>")
        parts.append(f'<figure class="dlkit-view"><img class="dlkit-frame" src="{data_uri(self.frames[k0])}" '
                     f'width="{png_size(self.frames[k0])[0]}" height="{png_size(self.frames[k0])[1]}" loading="lazy" '
                     f'alt="{e(self.alt(k0), quote=True)}">'
                     f'<figcaption class="dlkit-caption" aria-live="polite">{self.captions[k0]}</figcaption>'
                     "</figure>")
        parts.append(f'<script type="application/json" class="{DATA_CLASS}">{data}</script>')
        parts.append(f"<script>{_asset('demo.js')}</script>")
        parts.append("</div>")
        return "".join(parts)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        k0 = frame_number(self.shape, self.initial)
        return {"text/html": self.to_html(),
                "image/png": base64.b64encode(self.frames[k0]).decode(),
                "text/plain": repr(self)}

    def __repr__(self) -> str:
        return (f"<정적 데모 {self.spec.name}: 프레임 {len(self.frames)}장, 조절기 {len(self.shape)}개 "
                "(HTML을 보여 주는 곳에서 동작합니다)>")


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def png_size(png: bytes) -> tuple[int, int]:
    """PNG 헤더(IHDR)에서 읽은 (너비, 높이) 픽셀."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def build_static(spec: DemoSpec) -> StaticDemo:
    check_spec(spec)
    combos, pngs, captions, panels = render_static_frames(spec)
    return StaticDemo(spec, combos, pngs, captions, panels)
