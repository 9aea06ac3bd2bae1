"""dlkit.widgets: 데모가 화면 없이 만들어지는지, 정적 모드의 프레임·jslink, 실시간 모드의 갱신.

데모 목록은 ``dk.widgets.DEMOS`` 한 곳에만 있다. 여기 테스트는 모두 그 사전을 돌며, 데모마다 따로 적은
값(움직일 조절기, 들어가는 장)은 데모 정의와 장의 원본에서 읽는다. 그래서 새 데모를 등록하면
(:func:`test_registering_a_new_demo_needs_no_other_edit`) 아무것도 고치지 않아도 같은 검사를 받는다.

실시간 갱신은 진짜 커널에서도 확인한다: 커널에서 데모를 만들고, 브라우저가 하듯이 조절기마다 차례로
comm에 ``update`` 메시지를 보내 값, 그린 횟수(꼭 한 번), 그림(PNG 바이트)이 바뀌었는지 보고, 단추마다
누름(custom 메시지)을 보내 한 번 다시 그리고 단추의 값으로 갔는지 본다.
"""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import dlkit as dk
import dlkit.widgets as W
from dlkit.widgets._frames import Preset

from helpers import ROOT  # noqa: E402  (저장소 뿌리: 테스트 파일 위치에서 세지 않는다)
NAMES = sorted(W.DEMOS)
PAGE_BUDGET = 300_000
"""장(페이지) 하나가 처음 방문에 받는 데모 프레임의 합(바이트) 상한(이슈 16: 데모가 더하는 무게 ≤ 300 KB)."""


def chapter_demos(root: Path = ROOT) -> dict[str, list[str]]:
    """장 이름 → 그 장의 코드 셀이 만드는 데모 이름들(``dk.widgets.<이름>_demo()`` 또는 ``dk.widgets.demo("이름")``)."""
    pages = {}
    for path in sorted((root / "chapters").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        names = re.findall(r"dk\.widgets\.(\w+)_demo\(", text)
        names += re.findall(r"dk\.widgets\.demo\(\s*[\"'](\w+)[\"']", text)
        if names:
            pages[path.stem] = names
    return pages


def move_values(ctrl, preferred=()) -> list:
    """조절기 ``ctrl``을 옮겨 볼 새 값들(지금 값은 뺀다), 앞의 것부터: ``preferred``(대개 정적 축의 값),
    그다음 조절기가 낼 수 있는 범위(:func:`dlkit.widgets._domain`)의 양 끝과 가운데, 선택지라면 모든 선택지.
    목록에 지금 값이 있으면 그 바로 다음 값부터, 끝에 닿으면 지금 값 앞쪽을 가까운 것부터 본다(독자가 한 칸
    옮기듯이: 맨 앞 값으로 가면 다른 조절기가 할 일이 없어지기도 한다. 예: 걸음 수 0에서는 학습률이 그림을
    바꾸지 않는다).

    조절기의 종류(슬라이더, 로그 슬라이더, 선택형 슬라이더, 드롭다운, 토글, 체크박스)마다 따로 적지 않는다:
    범위는 데모 정의(:func:`dlkit.widgets.demo_domains`)가 쓰는 것과 같은 곳에서 읽고, 그 범위 밖의 값은 뺀다."""
    from dlkit._checks import check_demo_value

    domain = W._domain(ctrl)
    kind = domain[0]
    if kind == "choice":
        ends = list(domain[1])
    elif kind == "bool":
        ends = [False, True]
    elif kind == "int":
        lo, hi, step = domain[1:]
        ends = [lo, hi, lo + (hi - lo) // (2 * step) * step]
    else:
        lo, hi = domain[1:]
        ends = [lo, hi, (lo + hi) / 2]
    def nearest_first(vals):
        vals = list(vals)
        if ctrl.value not in vals:
            return vals
        k = vals.index(ctrl.value)
        return vals[k + 1:] + vals[:k][::-1]

    values = []
    for v in [*nearest_first(preferred), *nearest_first(ends)]:
        try:
            check_demo_value(v, "값", domain)
        except (TypeError, ValueError):
            continue  # 정적 축에만 있고 실시간 조절기는 낼 수 없는 값
        if v != ctrl.value and v not in values:
            values.append(v)
    return values


def axis_values(spec, control: str) -> tuple:
    """조절기 ``control``과 같은 이름의 정적 축 값들(없으면 빈 튜플): 옮길 값은 정적 프레임에도 있는 값부터 본다."""
    return next((tuple(a.values) for a in spec.static_axes if a.param == control), ())


def moved_control(spec) -> tuple[str, object]:
    """조절기 하나만 움직일 때: 정적 모드의 (마지막) 슬라이더와 같은 조절기를 :func:`move_values`의 첫 값으로."""
    axis = [a for a in spec.static_axes if a.kind == "slider"][-1]
    return axis.param, move_values(spec.live_controls()[axis.param], axis.values)[0]


def comm_state(widget, value) -> dict:
    """브라우저의 위젯 관리자가 조절기 ``widget``을 ``value``로 옮길 때 보내는 상태.

    선택지가 있는 조절기(SelectionSlider, Dropdown, ToggleButtons)는 프런트엔드가 값이 아니라 선택지 번호
    (``index``)를 보낸다. 나머지(IntSlider, FloatSlider, FloatLogSlider, Checkbox)는 값 그대로다."""
    if hasattr(widget, "options") and hasattr(widget, "index"):
        values = [v if not isinstance(v, tuple) else v[1] for v in widget.options]
        return {"index": values.index(value)}
    return {"value": value}


def move_every_control(box) -> list[tuple[str, object]]:
    """실시간 데모의 조절기를 모두(``st.controls``의 모든 열쇠) 하나씩 움직인다. 움직일 때마다 같은 그림을 다시
    써서 꼭 한 번 다시 그리고 PNG가 바뀌어야 한다. 움직인 차례 (조절기, 새 값)을 돌려준다: 진짜 커널에서 같은
    차례를 comm 메시지로 되풀이한다(:func:`kernel_problems`).

    지금 상태에서 그림을 바꾸지 않는 값(예: 입력이 0일 때 그 입력의 가중치)은 되돌리고 다음 값을 본다. 어느
    값으로도 그림이 바뀌지 않는 조절기는 다른 조절기를 움직인 뒤 다시 보고, 그래도 안 되면 실패다."""
    state = box.dlkit_demo
    assert state.mode == "live"
    fig = state.renderer.canvas.fig
    moves, waiting = [], list(state.controls)
    while waiting:
        left = []
        for control in waiting:
            ctrl = state.controls[control]
            start, before = ctrl.value, state.image.value
            for value in move_values(ctrl, axis_values(state.spec, control)):
                renders = state.renders
                ctrl.value = value
                assert state.renders == renders + 1, f"{control} = {value!r}: 다시 그린 횟수 {state.renders - renders}"
                if state.image.value != before:
                    moves.append((control, value))
                    break
                ctrl.value = start  # 그림을 바꾸지 않은 값은 되돌린다(같은 상태 → 같은 그림)
                assert state.image.value == before, f"{control}: 값을 되돌렸는데 그림이 처음과 다릅니다"
            else:
                left.append(control)
        assert len(left) < len(waiting), f"{left}: 어느 값으로 움직여도 그림이 바뀌지 않습니다"
        waiting = left
    assert state.renderer.canvas.fig is fig  # 같은 그림을 다시 쓴다
    assert sorted(c for c, _ in moves) == sorted(state.controls)
    return moves


def check_static_demo(demo) -> None:
    """정적 데모의 HTML: 서로 다른 PNG 프레임, 조절기마다 키보드로 다룰 수 있는 한국어 이름표, 정적 안내.

    프레임 데이터(JSON)는 HTML 안에 있고(노트북 출력 하나로 완결), 처음 보이는 그림은 처음 값의 프레임이다.
    """
    from dlkit.widgets._static import DATA_CLASS, frame_number

    state = demo.dlkit_demo
    assert state.mode == "static"
    page = demo.to_html()
    assert f'class="dlkit-demo dlkit-demo-{state.spec.name}"' in page
    assert len(state.frames) >= 2
    assert all(f.startswith(b"\x89PNG") for f in state.frames)
    # 조절기마다 그림을 바꾸는 곳이 있다(그 축 하나만 다른 두 조합의 그림이 어딘가에서 다르다). 모든 조합이
    # 서로 다를 필요는 없다: 예를 들어 편향 데모에서 입력이 0이면 그 입력의 가중치는 그림을 바꾸지 않는다.
    by_combo = dict(zip(state.combos, state.frames))
    for n in range(len(state.shape)):
        assert any(by_combo[c] != by_combo[c[:n] + (c[n] + 1,) + c[n + 1:]]
                   for c in state.combos if c[n] + 1 < state.shape[n]), \
            f"{state.spec.static_axes[n].param} 축을 움직여도 그림이 한 번도 바뀌지 않습니다"
    data = json.loads(re.search(rf'<script type="application/json" class="{DATA_CLASS}">(.*?)</script>',
                                page, re.S).group(1))
    assert [base64.b64decode(f.split(",", 1)[1]) for f in data["frames"]] == state.frames
    assert data["shape"] == state.shape and len(data["captions"]) == len(state.frames)
    assert all(re.search(r"[가-힣]", alt) for alt in data["alts"])
    k0 = frame_number(state.shape, state.initial)
    first = re.search(r'<img class="dlkit-frame" src="data:image/png;base64,([^"]+)"', page).group(1)
    assert base64.b64decode(first) == state.frames[k0]
    # 조절기마다 한국어 이름표: 슬라이더는 <label for>와 aria-valuetext, 토글은 <legend>가 있는 라디오 묶음
    for n, axis in enumerate(state.spec.static_axes):
        assert re.search(r"[가-힣]", axis.description), axis.description
        if axis.kind == "toggle":
            assert page.count(f'data-axis="{n}"') == len(axis.values)
            assert f"<legend>{axis.description}</legend>" in page
        else:
            assert re.search(rf'<label for="[^"]+">{re.escape(axis.description)}</label>'
                             rf'<input type="range"[^>]*data-axis="{n}"[^>]*aria-valuetext=', page)
    # 값 표시는 입력처럼 보이는 칸이 아니다(<output>, 글자를 넣을 수 없다)
    assert "<input type=\"text\"" not in page and "<input type=\"number\"" not in page
    assert "미리 그려 둔 그림" in page and "Binder" in page and "Colab" in page
    # 스스로 완결: 밖의 주소를 부르지 않는다
    assert not re.search(r'(src|href)="(https?:)?//', page)


def check_live_demo(box) -> list[tuple[str, object]]:
    """실시간 모드: 조절기를 하나씩 모두 움직이면 그때마다 같은 그림을 다시 써서 한 번 다시 그리고 PNG가 바뀐다."""
    return move_every_control(box)


def check_demo_figure(name: str) -> None:
    """demo_figure: 데모와 같은 장면을 경고(한글 글리프 누락 등) 없이 그린다."""
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 한글 글리프 누락 경고도 실패로
        fig = dk.widgets.demo_figure(name)
        fig.canvas.draw()
    assert fig.axes and fig.get_suptitle()
    plt.close(fig)


def rc_changes(before: dict) -> list[str]:
    """``before``(``dict(matplotlib.rcParams)``) 뒤로 값이 바뀐 rcParams 이름들."""
    import matplotlib

    now = dict(matplotlib.rcParams)
    return sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))


def test_import_dlkit_stays_light():
    code = ("import sys, dlkit, dlkit.widgets; "
            "print([m for m in ('ipywidgets', 'matplotlib', 'torch') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True).stdout
    assert out.strip() == "[]"


READER_RC = {"lines.linewidth": 7.25, "font.family": ["serif"], "axes.grid": False, "figure.dpi": 61.0,
             "axes.titlesize": 21.0}
"""독자가 바꿔 둔 듯한 눈에 띄는 rcParams: 데모가 이것을 건드리지 않는지 본다."""


@pytest.fixture(scope="module")
def static_render():
    """등록된 데모 모두의 정적 위젯(모든 프레임을 한 번 그린다)과, 그리는 동안 바뀐 독자의 rcParams 이름들.

    프레임을 다 그리는 데 수십 초가 걸리므로 이 모듈에서 한 번만 그리고, rcParams 검사도 그 그림으로 한다."""
    import matplotlib

    with matplotlib.rc_context(READER_RC):
        before = dict(matplotlib.rcParams)
        demos = {name: W.demo(name, mode="static") for name in NAMES}
        return demos, rc_changes(before)


@pytest.fixture(scope="module")
def static_demos(static_render):
    return static_render[0]


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_registry_names_match_the_specs_and_the_named_shortcuts():
    """DEMOS의 열쇠 = 데모 정의의 이름(CSS 클래스 dlkit-demo-<이름>); 이름 붙은 바로 가기는 모두 등록된 데모다."""
    assert NAMES, "등록된 데모가 없습니다"
    for name, factory in W.DEMOS.items():
        assert factory().name == name
    shortcuts = [n for n in W.__all__ if n.endswith("_demo")]
    assert shortcuts
    for fn in shortcuts:
        assert fn.removesuffix("_demo") in W.DEMOS, f"{fn}에 해당하는 데모가 DEMOS에 없습니다"
    # 장의 코드 셀이 부르는 데모는 모두 등록되어 있다(그 밖의 목록은 없다)
    used = {n for names in chapter_demos().values() for n in names}
    assert used and used <= set(W.DEMOS), sorted(used - set(W.DEMOS))


def test_named_shortcut_builds_the_same_demo_as_the_registry():
    box = W.epoch_demo(mode="static")
    assert box.dlkit_demo.spec.name == "epoch"
    assert box.dlkit_demo.frames == W.demo("epoch", mode="static").dlkit_demo.frames


@pytest.mark.parametrize("name", NAMES)
def test_static_demo_structure(static_demos, name):
    check_static_demo(static_demos[name])
    assert len(static_demos[name].dlkit_demo.frames) >= 5


@pytest.mark.parametrize("page", sorted(chapter_demos()))
def test_page_frame_weight(static_demos, page):
    """책 페이지가 처음 받는 프레임은 데모마다 처음 프레임 하나다(나머지는 파일로, 움직일 때 받는다).

    노트북 출력 속 프레임 전체(data: 주소)는 실행 캐시와 덱을 위해 남고, 책 빌드가 파일로 바꾼다
    (booktools.demo_frames; 사이트 쪽 검사는 tests/site/test_widgets_browser.py).
    """
    first = sum(len(static_demos[name].frames[0]) for name in chapter_demos()[page])
    assert first <= PAGE_BUDGET, f"{page}: 처음 프레임 {first} 바이트"


def test_static_demo_check_catches_a_wrong_first_frame(static_demos):
    """음성 대조: 처음 보이는 그림이 처음 값의 프레임이 아니면 check_static_demo가 잡는다."""
    import copy

    from dlkit.widgets._static import frame_number

    demo = static_demos["epoch"]
    check_static_demo(demo)
    k0 = frame_number(demo.shape, demo.initial)
    other = (k0 + 1) % len(demo.frames)
    tag = '<img class="dlkit-frame" src="data:image/png;base64,'
    good = demo.to_html()
    bad = good.replace(tag + base64.b64encode(demo.frames[k0]).decode(),
                       tag + base64.b64encode(demo.frames[other]).decode(), 1)
    assert bad != good
    wrong = copy.copy(demo)
    wrong.to_html = lambda: bad
    with pytest.raises(AssertionError):
        check_static_demo(wrong)


@pytest.mark.parametrize("name", NAMES)
def test_live_demo_updates_in_place(name):
    check_live_demo(W.demo(name, mode="live"))


@pytest.mark.parametrize("name", NAMES)
def test_demo_figure_draws_the_demo_scene_without_warnings(name):
    check_demo_figure(name)


LINKED_DEMOS = ("learning_rate", "gd_sgd", "optimizer")
"""왼쪽에 경로, 오른쪽에 그 손실 곡선을 그리는 데모(이슈 16: 두 그림이 조절기와 함께 움직인다)."""


def path_and_loss_lines(fig) -> list[tuple]:
    """(경로 선, 손실 곡선) 짝: 오른쪽 그림의 곡선 수만큼 왼쪽 그림의 앞쪽 선(경로)과 차례로."""
    from dlkit.widgets._optim import FLOOR_LABEL

    path_ax, loss_ax = fig.axes
    curves = [line for line in loss_ax.get_lines() if line.get_label() != FLOOR_LABEL]  # 바닥 가로선은 곡선이 아니다
    return list(zip(path_ax.get_lines(), curves))


@pytest.mark.parametrize("name", LINKED_DEMOS)
def test_live_loss_curve_moves_with_the_path(name):
    """실시간 모드에서 조절기 하나를 움직이면 한 번의 다시 그리기로 경로와 손실 곡선이 함께 바뀐다:
    곡선의 점 수 = 경로의 점 수(곡선은 경로가 지금 멈춘 곳에서 끝난다)."""
    import numpy as np

    state = W.demo(name, mode="live").dlkit_demo
    fig = state.renderer.canvas.fig
    pairs = path_and_loss_lines(fig)
    assert len(pairs) == {"learning_rate": 1, "gd_sgd": 3, "optimizer": 4}[name]
    before = [np.array(loss.get_ydata(), dtype=float) for _, loss in pairs]
    assert all(len(path.get_xdata()) == len(loss.get_xdata()) for path, loss in pairs)
    renders = state.renders
    control, value = moved_control(state.spec)
    state.controls[control].value = value
    assert state.renders == renders + 1
    assert all(len(path.get_xdata()) == len(loss.get_xdata()) for path, loss in path_and_loss_lines(fig))
    after = [np.array(loss.get_ydata(), dtype=float) for _, loss in path_and_loss_lines(fig)]
    assert any(a.shape != b.shape or not np.allclose(a, b) for a, b in zip(after, before)), (name, control, value)


# --- 새 데모 하나 = 모듈 하나 + 등록 한 줄 ------------------------------------------

def tiny_spec():
    """새 데모의 최소 예: 직선 y = a·x의 기울기 a. 틀(DemoSpec, Axis)만 써서 만든다."""
    import numpy as np

    from dlkit.widgets._frames import Axis, DemoSpec

    art = {}
    xs = np.linspace(-1, 1, 50)

    def setup(fig):
        ax = fig.subplots()
        (art["line"],) = ax.plot(xs, xs)
        ax.set(ylim=(-3, 3), xlabel="x", ylabel="y")

    def update(*, a):
        art["line"].set_ydata(a * xs)
        return f"기울기 a = {a:g}인 직선"

    def live_controls():
        import ipywidgets as widgets

        return {"a": widgets.FloatSlider(value=0.5, min=-3, max=3, step=0.5, description="기울기 a")}

    return DemoSpec(name="tiny", title="직선의 기울기", figsize=(3.0, 2.0), setup=setup, update=update,
                    static_axes=[Axis("a", "기울기 a", (1.0, 2.0, 3.0))], static_what="기울기 3가지",
                    live_controls=live_controls)


def test_registering_a_new_demo_needs_no_other_edit(monkeypatch):
    """DEMOS에 한 줄만 넣은 새 데모가 위의 등록부 기반 검사(정적·실시간·정적 그림·rcParams)를 그대로 통과한다."""
    monkeypatch.setitem(W.DEMOS, "tiny", tiny_spec)
    assert "tiny" in W.DEMOS
    check_static_demo(W.demo("tiny", mode="static"))
    check_live_demo(W.demo("tiny", mode="live"))
    check_demo_figure("tiny")
    assert W.demo_domains("tiny", tiny_spec()) == {"a": ("float", -3.0, 3.0)}
    with pytest.raises(ValueError, match="a"):  # 범위 검사도 등록부에서 온다
        W.demo_figure("tiny", a=10.0)
    # 등록을 되돌리면 모르는 이름이다(다른 목록에 남은 것이 없다)
    monkeypatch.delitem(W.DEMOS, "tiny")
    with pytest.raises(ValueError, match="tiny"):
        W.demo("tiny")


def test_live_check_catches_a_control_the_update_ignores():
    """음성 대조: 조절기 b를 더했지만 update가 b를 쓰지 않는 데모는 check_live_demo(조절기 모두)가 잡는다.
    (조절기 하나만 움직이던 예전 검사는 a만 움직여 통과했다.)"""
    import dataclasses

    import ipywidgets as widgets

    from dlkit.widgets._frames import build_demo

    spec = tiny_spec()
    update = spec.update

    def live_controls():
        return {**spec.live_controls(), "b": widgets.FloatSlider(value=0.0, min=-1, max=1, description="쓰이지 않는 b")}

    ignored = dataclasses.replace(spec, update=lambda *, a, b: update(a=a), live_controls=live_controls)
    assert [c for c, _ in check_live_demo(build_demo(spec, "live"))] == ["a"]
    with pytest.raises(AssertionError, match=r"\['b'\]: 어느 값으로 움직여도 그림이 바뀌지 않습니다"):
        check_live_demo(build_demo(ignored, "live"))


def tiny_spec_with_presets(**changes):
    """tiny 데모에 단추 둘과 질문 하나("기울기가 3이 되게 하려면?")를 더한 것."""
    import dataclasses

    from dlkit.widgets._frames import Preset, Question

    spec = tiny_spec()
    fields = dict(presets=[Preset("가파르게", {"a": 3.0}, "기울기 3"), Preset("완만하게", {"a": 1.0})],
                  questions=[Question("기울기를 얼마로 하면 가장 가파를까요?", lambda *, a: a == 3.0, "3입니다.")])
    fields.update(changes)
    return dataclasses.replace(spec, **fields)


def test_static_demo_carries_presets_and_when_each_question_is_answered():
    from dlkit.widgets._frames import build_demo

    demo = build_demo(tiny_spec_with_presets(), "static")
    data = demo.data()
    assert data["presets"] == [[2], [0]]          # 축 값 (1, 2, 3) 안의 인덱스
    assert data["reached"] == [[2]]               # a = 3인 프레임만 답에 닿는다
    page = demo.to_html()
    assert page.count("<button type=\"button\" data-preset=") == 2
    assert '<p class="dlkit-answer" role="status" hidden>3입니다.</p>' in page  # 움직이기 전에는 숨어 있다
    assert "가파르게" in page and "먼저 예측해 보세요." in page


@pytest.mark.parametrize("changes, message", [
    ({"presets": []}, None),
    ({"presets": [Preset("없는 축", {"b": 1.0})]}, "정적 축이 아닙니다"),
    ({"presets": [Preset("없는 값", {"a": 2.5})]}, "중 하나가 아닙니다"),
])
def test_static_demo_rejects_presets_off_its_axes(changes, message):
    from dlkit.widgets._frames import build_demo

    spec = tiny_spec_with_presets(**changes)
    if message is None:  # 음성 대조: 맞는 정의는 통과한다
        build_demo(spec, "static")
        return
    with pytest.raises(ValueError, match=message):
        build_demo(spec, "static")


def test_static_demo_rejects_too_many_frames():
    import dataclasses

    from dlkit.widgets._frames import FRAME_LIMIT, Axis, build_demo

    spec = tiny_spec()
    many = [Axis("a", "기울기 a", tuple(float(i) for i in range(FRAME_LIMIT + 1)))]
    with pytest.raises(ValueError, match="상한"):
        build_demo(dataclasses.replace(spec, static_axes=many), "static")


def test_live_demo_presets_redraw_once_and_reveal_the_answer():
    from dlkit.widgets._frames import build_demo

    state = build_demo(tiny_spec_with_presets(), "live").dlkit_demo
    assert [b.description for b in state.buttons] == ["가파르게", "완만하게"]
    assert state.answers[0].value == ""                 # 처음(a = 0.5)에는 답이 없다
    renders = state.renders
    state.buttons[1].click()
    assert state.controls["a"].value == 1.0 and state.renders == renders + 1
    assert state.answers[0].value == ""
    state.buttons[0].click()                            # a = 3: 답에 닿는다
    assert state.controls["a"].value == 3.0 and state.renders == renders + 2
    assert "3입니다." in state.answers[0].value and state.explain.value == "기울기 3"
    state.controls["a"].value = 1.0                     # 한 번 드러난 답은 남는다
    assert "3입니다." in state.answers[0].value


# --- 모드는 밝힌 대로 ---------------------------------------------------------------

@pytest.fixture
def no_mode(monkeypatch):
    """환경 변수와 set_mode 설정이 없는 상태에서 시작하고, 끝나면 설정을 지운다."""
    monkeypatch.delenv("DLKIT_WIDGETS", raising=False)
    W.set_mode(None)
    yield monkeypatch
    W.set_mode(None)


def test_mode_comes_from_the_argument_the_setting_or_the_environment(no_mode):
    assert W.get_mode() == "live"  # 아무것도 정하지 않은 독자의 커널
    no_mode.setenv("DLKIT_WIDGETS", "static")  # 빌드가 커널에 넣는 값: import 뒤에 바꿔도 부를 때 읽는다
    assert W.get_mode() == "static"
    no_mode.setenv("DLKIT_WIDGETS", "live")
    assert W.get_mode() == "live"
    W.set_mode("static")  # 파이썬에서 밝힌 값이 환경 변수보다 앞선다
    assert W.get_mode() == "static"
    assert W.get_mode("live") == "live"  # 인자가 가장 앞선다
    assert W.demo("epoch").dlkit_demo.mode == "static"
    assert W.demo("epoch", mode="live").dlkit_demo.mode == "live"
    W.set_mode(None)
    assert W.get_mode() == "live"


def test_mode_is_not_guessed_from_the_parent_process(no_mode):
    """부모 프로세스가 jupyter-book이든 sphinx든, 밝힌 값이 없으면 실시간이다(/proc 추측 없음)."""
    import inspect

    from dlkit.widgets import _frames

    assert "/proc" not in inspect.getsource(_frames)
    code = "import dlkit.widgets as W; print(W.get_mode())"
    env = {k: v for k, v in os.environ.items() if k != "DLKIT_WIDGETS"}
    # 명령줄에 jupyter-book이 들어간 부모(sh -c) 밑에서 실행해도 실시간
    out = subprocess.run(["sh", "-c", f'exec {sys.executable} -c "{code}" jupyter-book sphinx-build'],
                         cwd=ROOT, capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "live"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**env, "DLKIT_WIDGETS": "static"}, check=True).stdout
    assert out.strip() == "static"


@pytest.mark.parametrize("bad", ["Static!", "", 3, "kernel"])
def test_bad_mode_is_a_korean_error(no_mode, bad):
    with pytest.raises(ValueError, match=r"'static'.*'live'.*받은 값"):
        W.set_mode(bad)
    with pytest.raises(ValueError, match=r"mode는 'static'"):
        W.demo("epoch", mode=bad)


def test_bad_mode_in_the_environment_is_a_korean_error(no_mode):
    no_mode.setenv("DLKIT_WIDGETS", "statc")
    with pytest.raises(ValueError, match=r"환경 변수 DLKIT_WIDGETS는 'static'.*'statc'"):
        W.demo("epoch")


# --- 데모는 독자의 matplotlib 설정을 건드리지 않는다 ----------------------------------

@pytest.fixture
def reader_rc():
    """독자가 바꿔 둔 듯한 눈에 띄는 rcParams(테스트가 끝나면 되돌린다)."""
    import matplotlib

    with matplotlib.rc_context(READER_RC):
        yield dict(matplotlib.rcParams)


def _show_every_demo(names, *, static: bool = True) -> None:
    """등록된 데모마다: 정적 모드(``static``일 때), 실시간 모드(조절기를 모두 하나씩 움직여 다시 그림), 정적 그림."""
    import matplotlib.pyplot as plt

    for name in names:
        if static:
            W.demo(name, mode="static")
        check_live_demo(W.demo(name, mode="live"))
        plt.close(W.demo_figure(name))


def test_demos_leave_the_readers_rcparams_alone(reader_rc, monkeypatch, static_render):
    """정적 모드는 모듈이 한 번 그린 static_render가 독자의 rcParams 아래에서 그렸고, 여기서는 실시간 모드와
    정적 그림(demo_figure)을 모든 데모에서, 정적 모드를 작은 데모 하나에서 다시 본다."""
    assert static_render[1] == [], static_render[1]
    monkeypatch.setitem(W.DEMOS, "tiny", tiny_spec)
    W.demo("tiny", mode="static")
    _show_every_demo(sorted(W.DEMOS), static=False)
    assert rc_changes(reader_rc) == []


def test_rcparams_check_catches_a_demo_that_restyles_the_session(reader_rc, monkeypatch):
    """음성 대조: rc_context 없이 데모 스타일을 적용하면 같은 검사가 바뀐 값을 찾아낸다."""
    from contextlib import contextmanager

    from dlkit.widgets import _frames

    @contextmanager
    def leaky_style():
        dk.use_korean_font()  # rc_context 없이: 독자의 rcParams에 그대로 남는다
        yield

    monkeypatch.setattr(_frames, "demo_style", leaky_style)
    _show_every_demo(["epoch"])
    changed = rc_changes(reader_rc)
    assert "font.family" in changed and "axes.grid" in changed and "axes.titlesize" in changed, changed


# --- 진짜 커널에서 ---------------------------------------------------------------

@pytest.fixture(scope="module")
def kernel():
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DLKIT_WIDGETS", None)
    km, kc = start_new_kernel(kernel_name="python3", env=env, cwd=str(ROOT))
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def _run(kc, code: str, timeout: float = 120) -> str:
    """셀 하나를 실행하고 stdout을 돌려준다(오류면 실패)."""
    msg_id = kc.execute(code)
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            pytest.fail("\n".join(content["traceback"]))
        elif kind == "status" and content["execution_state"] == "idle":
            break
    return "".join(out)


KERNEL_DEMO = """
import json, hashlib, dlkit as dk, dlkit.widgets
demo = dk.widgets.demo({name!r})
st = demo.dlkit_demo
{patch}
def snapshot():
    print(json.dumps({{"mode": st.mode, "renders": st.renders, "png": hashlib.sha256(st.image.value).hexdigest(),
                      "values": {{k: c.value for k, c in st.controls.items()}}}}))
print(json.dumps({{"controls": {{k: c.model_id for k, c in st.controls.items()}},
                  "buttons": [b.model_id for b in st.buttons]}}))
"""
"""커널에서 장의 셀처럼(mode 없이) 데모를 만들고 조절기·단추의 comm 번호를 알린다. ``patch``는 음성 대조가
데모를 망가뜨리는 자리(보통은 비어 있다)."""


def _comm_msg(kc, comm_id: str, data: dict) -> dict:
    """브라우저의 위젯 관리자가 보내는 것과 같은 comm 메시지를 보내고, 커널이 그것을 처리한 뒤의 상태를 읽는다
    (같은 shell 채널의 다음 실행 요청은 comm 메시지를 처리한 뒤에 돈다)."""
    kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data}))
    return json.loads(_run(kc, "snapshot()"))


def kernel_problems(kc, name: str, patch: str = "") -> list[str]:
    """진짜 커널에서 데모 ``name``의 조절기를 모두, 하나씩 comm 메시지로 움직이고 단추를 모두 누른다. 어긋난 것들.

    조절기를 움직이는 차례와 값은 이 프로세스의 같은 데모에서 :func:`move_every_control`이 고른 것이다
    (값마다 그림이 바뀌는 차례). 움직일 때마다 (a) 값이 바뀌고 (b) 꼭 한 번 다시 그리고 (c) PNG가 바뀌어야 한다.
    단추(ipywidgets Button)는 프런트엔드가 누름을 custom 메시지 ``{"event": "click"}``로 보낸다: 누를 때마다
    꼭 한 번 다시 그리고 조절기가 그 단추의 값에 가 있어야 한다."""
    box = W.demo(name, mode="live")
    local, moves = box.dlkit_demo, move_every_control(box)
    ids = json.loads(_run(kc, KERNEL_DEMO.format(name=name, patch=patch)))
    now = json.loads(_run(kc, "snapshot()"))
    assert now["mode"] == "live"
    assert sorted(ids["controls"]) == sorted(c for c, _ in moves) and len(ids["buttons"]) == len(local.spec.presets)
    problems = []
    for control, value in moves:
        state = comm_state(local.controls[control], value)
        after = _comm_msg(kc, ids["controls"][control], {"method": "update", "state": state, "buffer_paths": []})
        if after["values"][control] != value:
            problems.append(f"{control}: {state}를 보냈는데 값이 {after['values'][control]!r} (기대 {value!r})")
        if after["renders"] != now["renders"] + 1:
            problems.append(f"{control} = {value!r}: 다시 그린 횟수 {after['renders'] - now['renders']}")
        if after["png"] == now["png"]:
            problems.append(f"{control} = {value!r}: 그림이 바뀌지 않았습니다")
        now = after
    for button, preset in zip(ids["buttons"], local.spec.presets):
        after = _comm_msg(kc, button, {"method": "custom", "content": {"event": "click"}})
        if after["renders"] != now["renders"] + 1:
            problems.append(f"단추 {preset.label}: 다시 그린 횟수 {after['renders'] - now['renders']}")
        off = {k: after["values"][k] for k, v in preset.values.items() if after["values"][k] != v}
        if off:
            problems.append(f"단추 {preset.label}: 단추의 값 {preset.values}에 가지 않은 조절기 {off}")
        now = after
    return problems


@pytest.mark.parametrize("name", NAMES)
def test_live_update_in_real_kernel(kernel, name):
    """장의 셀처럼 mode 없이 만들면 커널에서는 실시간 모드; 프런트엔드의 comm 메시지로 조절기를 하나씩 모두
    움직이면 그때마다 한 번 다시 그리고 그림이 바뀌며, 단추를 누르면 한 번 다시 그리고 단추의 값으로 간다."""
    assert kernel_problems(kernel, name) == []


@pytest.mark.parametrize("patch, expected", [
    # 조절기 하나의 observer가 없다: 값은 바뀌지만 다시 그리지 않는다
    ('st.controls["drop_last"].unobserve(st.refresh, names="value")',
     ["drop_last = True: 다시 그린 횟수 0", "drop_last = True: 그림이 바뀌지 않았습니다"]),
    # update가 조절기 하나를 무시한다: 다시 그리지만 그림이 그대로다
    ('_update = st.spec.update\nst.spec.update = lambda **p: _update(**{**p, "drop_last": False})',
     ["drop_last = True: 그림이 바뀌지 않았습니다"]),
    # 단추 하나가 눌려도 아무 일도 하지 않는다
    ("st.buttons[1]._click_handlers.callbacks.clear()",
     ["단추 나누어떨어지지 않음: 다시 그린 횟수 0",
      "단추 나누어떨어지지 않음: 단추의 값 {'n': 100, 'batch': 64, 'epochs': 3, 'drop_last': False}에 가지 않은 "
      "조절기 {'batch': 25}"]),
], ids=["observer_dropped", "update_ignores_a_control", "dead_button"])
def test_real_kernel_check_catches_a_control_that_does_not_update(kernel, patch, expected):
    """음성 대조: 커널 안의 데모에서 조절기 하나(또는 단추 하나)가 갱신을 부르지 않으면 같은 검사가 그것만 잡는다."""
    assert kernel_problems(kernel, "epoch", patch) == expected


def test_bias_demo_labels_call_the_sum_with_bias_z():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = dk.widgets.demo_figure("bias", x=(1, 0, 0), bias=4.0)
    fig.canvas.draw()
    ax_sum, ax_b = fig.axes[:2]
    ticks = [t.get_text() for t in ax_sum.get_yticklabels()]
    assert ticks[-1] == "z (가중합 + 편향)" and "가중합" not in ticks[:-1]
    assert ax_sum.get_title() == "z = 2 → 파티에 간다"
    title = fig.get_suptitle()
    assert title.startswith("z = (\u22122)×1") and "-" not in title
    assert ax_b.yaxis.label.get_text() == "돈\n(x₂)" and ax_b.yaxis.label.get_rotation() == 0
    plt.close(fig)


def test_demo_figure_rejects_unknown_names_in_korean():
    with pytest.raises(ValueError, match=r"name은 .*받은 값"):
        dk.widgets.demo_figure("없는데모")


def test_presets_are_the_demo_buttons_and_reject_unknown_names_in_korean(static_demos):
    """장의 주장 검사가 쓰는 공개 이름: 정적 데모의 단추와 같은 단추들(이름, 값)."""
    for name in dk.widgets.DEMOS:
        static = static_demos[name].dlkit_demo
        assert [(p.label, p.values) for p in dk.widgets.presets(name)] == \
            [(p.label, p.values) for p in static.spec.presets]
    assert "파티광 B" in [p.label for p in dk.widgets.presets("bias")]
    with pytest.raises(ValueError, match=r"presets의 name은 .*받은 값"):
        dk.widgets.presets("없는데모")


# --- 캡션이 자기 프레임의 숫자와 맞는지 ------------------------------------------
# 캡션의 말(곡선을 따라감, 포화, 느림 …)은 그 프레임이 적은 숫자에서 나와야 한다. 검사기는 캡션의 숫자를
# 직접 읽어 판정하고(데모의 판정 함수를 부르지 않는다), 옛 고정 문턱값 캡션으로 만든 대조군을 잡아내는지도 본다.

def static_captions(demo) -> list[str]:
    """정적 데모의 프레임마다 붙은 캡션(HTML을 벗긴 글)."""
    import html

    return [html.unescape(c) for c in demo.dlkit_demo.captions]


def _num(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, f"캡션에서 {pattern!r}를 찾지 못했습니다: {text}"
    return sig_value(match.group(1))


HYPHEN_NUMBER = re.compile(r"(?<![\w.^])-\d")
"""화면에 보이는 음수를 하이픈으로 쓴 곳('x = -2', '(-1)'): 데모의 숫자는 U+2212(−)로 쓴다(dlkit.widgets._words)."""


def displayed_texts(demo) -> list[str]:
    """독자가 읽는 데모의 글 전부: 프레임 캡션·대체 글, 프리셋 설명, 질문과 답, 조절기 이름과 값 표시."""
    state = demo.dlkit_demo
    spec = state.spec
    texts = static_captions(demo) + [state.alt(k) for k in range(len(state.frames))]
    texts += [p.label + " " + p.explain for p in spec.presets]
    texts += [q.prompt + " " + q.answer for q in spec.questions]
    for axis in spec.static_axes:
        texts += [axis.description, *axis.label_list()]
    return texts


@pytest.mark.parametrize("name", NAMES)
def test_displayed_negative_numbers_use_the_minus_sign(static_demos, name):
    hyphens = [t for t in displayed_texts(static_demos[name]) if HYPHEN_NUMBER.search(t)]
    assert hyphens == [], hyphens[:3]


def test_minus_sign_check_catches_a_hyphen():
    """대조군: 옛 캡션 모양('x = -2', '에서 -1')은 잡고, 지수나 낱말 속 하이픈('10^-1', 'x-축')은 두지 않는다."""
    assert HYPHEN_NUMBER.search("빨간 점: x = -2, 출력 0.119") and HYPHEN_NUMBER.search("(0, ±√2)에서 -1)")
    assert not HYPHEN_NUMBER.search("배율 10^-1~10^1, 1e-05, x = \u22122")


def _percent(text: str, after: str) -> float | None:
    """``after`` 뒤에 적힌 'N %'(또는 '1 % 미만' → 0.0), 없으면 None."""
    match = re.search(re.escape(after) + r"(\d+) %( 미만)?", text)
    if not match:
        return None
    return 0.0 if match.group(2) else float(match.group(1))


# words.sig가 쓰는 수: '0.0851', '−1.5', '7.70 × 10⁻⁶'
SIG_NUMBER = r"(\u2212?[\d.]+(?: × 10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)?)"


def sig_value(text: str) -> float:
    """words.sig/sci가 쓴 수를 float로 되읽는다('7.70 × 10⁻⁶' → 7.7e-06)."""
    mantissa, _, power = text.replace("\u2212", "-").partition(" × 10")
    exponent = power.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-"))
    return float(mantissa) * 10.0 ** int(exponent or 0)


def test_sig_value_reads_what_sig_writes():
    from dlkit import words

    for value in (0.0851, 7.7e-06, 1.23e-05, -1.5, 123.0, 2.5e+17):
        text = words.sig(value)
        assert re.fullmatch(SIG_NUMBER, text), text
        assert sig_value(text) == pytest.approx(value, rel=5e-3), text
    assert sig_value("7.70 × 10⁻⁶") != pytest.approx(7.7e-05)  # 대조군: 지수를 빼먹으면 잡힌다


def curve_problems(captions: list[str]) -> list[str]:
    from dlkit.widgets._activation import FOLLOW_SHARE

    bad = []
    for cap in captions:
        l_lin = _num(r"직선밖에 못 그립니다\(손실 " + SIG_NUMBER + r"\)", cap)
        l_act = _num(r"넣은 망[은도] [^(]*\(손실 " + SIG_NUMBER, cap)
        follows = "곡선을 따라갑니다" in cap
        if follows != (l_act < FOLLOW_SHARE * l_lin):
            bad.append(f"손실 {l_act} / 선형 {l_lin}인데 '곡선을 따라갑니다'={follows}: {cap}")
        if not follows and "아직 곡선을 잘 따라가지 못합니다" not in cap:
            bad.append(f"곡선을 못 따라가는데 그렇게 말하지 않음: {cap}")
        share = _percent(cap, "선형의 ")
        # 캡션의 두 손실은 유효숫자 세 자리로 반올림되어 있어, 그 둘로 다시 낸 비율은 상대 오차 1.5 %까지 틀릴 수 있다
        recomputed = 100 * l_act / l_lin
        if share is None or abs(share - recomputed) > max(1.5, 0.015 * recomputed) and not (
                share == 0.0 and l_act < 0.01 * l_lin):
            bad.append(f"적은 비율 {share} %가 {100 * l_act / l_lin:.1f} %와 다름: {cap}")
        if "아무리 학습해도" in cap and "에포크 0," in cap:
            bad.append(f"에포크 0에 '아무리 학습해도': {cap}")
    return bad


def test_curve_fit_captions_agree_with_their_losses(static_demos):
    caps = static_captions(static_demos["linear_vs_activation"])
    assert len(caps) >= 8
    assert curve_problems(caps) == []
    assert any("아직 곡선을 잘 따라가지 못합니다" in c for c in caps) and any("곡선을 따라갑니다" in c for c in caps)
    # 손실로만 정하니 예측의 모양은 말하지 않는다: 은닉 뉴런 2개의 ReLU 망은 목표만큼 휘었어도 손실이 크다
    assert not any("직선과 비슷" in c for c in caps)


def test_curve_fit_check_catches_a_fixed_caption(static_demos):
    # 대조군: 같은 숫자에 옛 캡션처럼 늘 "곡선을 따라갑니다"라고 적으면 검사가 잡아야 한다
    fixed = [re.sub(r"망은 아직 곡선을 잘 따라가지 못합니다", "망은 곡선을 따라갑니다", c)
             for c in static_captions(static_demos["linear_vs_activation"])]
    assert any("에포크 0," in p for p in curve_problems(fixed))


def slope_problems(captions: list[str]) -> list[str]:
    import numpy as np

    from dlkit.widgets._activation import GELU_TAIL, SATURATION_SHARE, XGRID

    bad = []
    for cap in captions:
        name = re.search(r"\((\w+)\) · 빨간 점", cap).group(1)
        g0 = _num(r"도함수\(접선의 기울기\) ([\d.e+\u2212-]+)\.", cap)
        peak = float(np.max(np.abs(dk.get_activation(name).grad(XGRID))))
        x0 = _num(r"빨간 점: x = ([\u2212\d.-]+),", cap)
        tail = name != "gelu" or x0 <= GELU_TAIL  # GELU는 −0.75 근처 최솟값 주변이 아니라 꼬리에서만 포화
        saturated = name in ("sigmoid", "tanh", "gelu") and abs(g0) / peak < SATURATION_SHARE and tail
        if ("포화" in cap) != saturated:
            bad.append(f"{name}, 도함수 {g0}(최대 {peak:.3g})인데 '포화'={'포화' in cap}: {cap}")
        if g0 == 0 and "정확히 0" not in cap and "미분할 수 없" not in cap and "미분이 정의되지 않" not in cap:
            bad.append(f"도함수 0인데 '정확히 0'이라 하지 않음: {cap}")
        if g0 != 0 and ("사라집니다" in cap or "흐르지 않" in cap) and not saturated:
            bad.append(f"도함수 {g0} ≠ 0인데 신호가 없다고 함: {cap}")
        if name == "leaky_relu" and 0 < g0 < 1 and "조금 흐릅니다" not in cap:
            bad.append(f"Leaky ReLU 음수 쪽(α)인데 신호가 조금 흐른다고 하지 않음: {cap}")
    return bad


def test_activation_captions_agree_with_the_function_and_its_derivative(static_demos):
    caps = static_captions(static_demos["activation"])
    assert len(caps) == 6 * 7
    assert slope_problems(caps) == []
    assert any("죽은 ReLU" in c and "(relu)" in c for c in caps)


def test_activation_check_catches_a_fixed_threshold_caption(static_demos):
    # 대조군: 옛 규칙 abs(도함수) < 0.05 → "포화"를 같은 숫자에 적용한 캡션
    fixed = []
    for cap in static_captions(static_demos["activation"]):
        g0 = _num(r"도함수\(접선의 기울기\) ([\d.e+\u2212-]+)\.", cap)
        head = cap.split("). ", 1)[0] + "). "
        fixed.append(head + ("기울기가 거의 0입니다: 학습 신호가 사라집니다(포화, 기울기 소실)." if abs(g0) < 0.05
                             else "기울기가 0이 아니라서 역전파로 학습 신호가 전달됩니다."))
    # (옛 규칙은 도함수가 정확히 0인 ReLU의 음수 쪽도 '포화'라고 불렀다)
    assert any(p.startswith("relu, 도함수 0.0") and "'포화'=True" in p for p in slope_problems(fixed))


def lr_problems(captions: list[str]) -> list[str]:
    from dlkit.widgets._optim import SLOW_SHARE

    bad, slow, fast = [], [], []
    for cap in captions:
        if "발산" in cap.split(". ", 1)[-1] or "너무 커서" in cap or "경계" in cap:
            if "발산으로 보고 멈춤" in cap and "→" in cap:
                bad.append(f"발산한 경로의 마지막 유한한 손실을 끝 손실처럼 적음: {cap}")
            continue
        f0 = _num(r"손실 ([\d.e+\u2212-]+) →", cap)
        f_end = _num(r"→ ([\d.e+\u2212-]+)\.", cap)
        if "거의 줄지 않" in cap and f_end < 0.9 * f0:
            bad.append(f"{100 * f_end / f0:.0f} %로 줄었는데 '거의 줄지 않음': {cap}")
        share = _percent(cap, "처음의 ")
        if share is None:
            bad.append(f"손실 비율을 적지 않음: {cap}")
            continue
        if abs(share - 100 * f_end / f0) > 1.5 and not (share == 0.0 and f_end < 0.01 * f0):
            bad.append(f"적은 비율 {share} %가 {100 * f_end / f0:.1f} %와 다름: {cap}")
        is_slow = "느립니다" in cap or "조금밖에" in cap or "기어갑니다" in cap
        if is_slow != (f_end > SLOW_SHARE * f0):
            bad.append(f"{100 * f_end / f0:.0f} %인데 느리다={is_slow}: {cap}")
        (slow if is_slow else fast).append(f_end / f0)
    if slow and fast and min(slow) <= max(fast):
        bad.append(f"느리다고 한 프레임(최소 {min(slow):.2f})이 잘 줄었다는 프레임(최대 {max(fast):.2f})보다 덜 남음")
    return bad


def test_learning_rate_captions_agree_with_their_losses(static_demos):
    from dlkit.widgets._optim import LR_STEPS, LRS

    import itertools

    from dlkit.widgets._optim import LR_METHOD, LR_STEP_CHOICES, LR_SURFACES

    caps = static_captions(static_demos["learning_rate"])
    # 프레임 순서는 정적 축 순서(지형, 걸음 수, 학습률)의 행 우선
    combos = list(itertools.product(LR_SURFACES, LR_STEP_CHOICES, LRS))
    assert len(caps) == len(combos)
    assert lr_problems(caps) == []
    # 발산한 프레임은 실제로 간 걸음 수를 적는다(optimize_path와 같은 갱신 번호)
    for (surface, steps, lr), cap in zip(combos, caps):
        res = dk.optimize_path(surface, lambda p, lr=lr: dk.SGD(p, lr=lr), steps)
        done = len(res.path) - 1
        assert cap.startswith(f"학습률 {lr:.3g}, "), (surface, steps, lr, cap)
        if res.diverged:
            assert res.message.startswith(f"{done + 1}번째"), res.message
            if done == 0:
                assert f"{LR_METHOD} 첫 갱신에서 바로 발산해 멈춤" in cap, cap
            else:
                assert f"{LR_METHOD} {done}걸음 뒤 {done + 1}번째 갱신에서" in cap, cap
        else:
            assert f"{LR_METHOD} {steps}걸음:" in cap, cap
    assert any(dk.optimize_path("ravine", lambda p, lr=lr: dk.SGD(p, lr=lr), LR_STEPS).diverged for lr in LRS)


def test_learning_rate_check_catches_the_old_fixed_caption(static_demos):
    # 대조군: 옛 캡션은 손실이 처음의 20 % 넘게 남으면 모두 "거의 줄지 않고 기어갑니다"라고 적었다
    fixed = [re.sub(r"손실이 처음의 .*", "손실이 거의 줄지 않고 기어갑니다.", c) if "학습률이 작" in c else c
             for c in static_captions(static_demos["learning_rate"])]
    assert any("거의 줄지 않음" in p for p in lr_problems(fixed))


def test_learning_rate_half_is_the_boundary_not_too_small():
    # 본문: 좁은 골짜기(a = 4)에서 η = 2/a = 0.5는 수렴도 발산도 하지 않는다
    import numpy as np

    from dlkit.widgets._optim import LR_STEPS, lr_verdict

    s = dk.get_surface("ravine")
    for lr, expected in [(0.5, "경계"), (0.45, "적당함"), (0.01, "작음")]:
        res = dk.optimize_path(s, lambda p, lr=lr: dk.SGD(p, lr=lr), LR_STEPS)
        losses = np.asarray(s.f(res.path[:, 0], res.path[:, 1]))
        verdict, words = lr_verdict(losses, res.path, res.diverged)
        assert verdict.startswith(expected), (lr, verdict, words)


def test_gd_sgd_demo_uses_the_books_terms_and_equal_steps(static_demos):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = dk.widgets.demo_figure("gd_sgd", steps=5)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "참값 (w, b)" in labels and not any("정답" in t for t in labels)
    plt.close(fig)
    caps = static_captions(static_demos["gd_sgd"])
    for cap in caps:
        assert "많이 걸으며" not in cap, cap
        assert cap.startswith(("0걸음: ", "같은 걸음 수(", "같은 계산량(")), cap
    assert any(c.startswith("같은 걸음 수(") for c in caps) and any(c.startswith("같은 계산량(") for c in caps)


def points_outside(fig) -> list[str]:
    """그림의 점 표식(선 없이 표식만 있는 Line2D)이 축 범위 밖에 있으면 그 이름과 좌표."""
    import numpy as np

    bad = []
    for ax in fig.axes:
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        for line in ax.lines:
            if line.get_linestyle() not in ("None", "", " ") or line.get_marker() in (None, "None", ""):
                continue
            for x, y in zip(np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)):
                if not (x0 <= x <= x1 and y0 <= y <= y1):
                    bad.append(f"{ax.get_title()}: 점 ({x:g}, {y:g})가 축 ({x0:g}~{x1:g}, {y0:g}~{y1:g}) 밖")
    return bad


def test_activation_demo_keeps_its_red_point_inside_the_axes():
    """캡션이 '빨간 점: x = 4, 출력 4'라고 적는 점은 그림 안에 보여야 한다(정적 프레임과 실시간 슬라이더 끝)."""
    import matplotlib.pyplot as plt

    from dlkit.widgets._activation import NAMES, X0_SLIDER, X0S

    bad = []
    for name in NAMES:
        for x0 in (*X0S, X0_SLIDER[0], X0_SLIDER[1]):
            fig = dk.widgets.demo_figure("activation", name=name, x0=x0)
            bad += points_outside(fig)
            plt.close(fig)
    assert bad == []


def test_point_check_catches_the_old_fixed_range():
    # 대조군: 옛 데모는 세로축을 늘 −1.6~2.6으로 두어 ReLU의 x = 4 점(출력 4)이 잘렸다
    import matplotlib.pyplot as plt

    fig = dk.widgets.demo_figure("activation", name="relu", x0=4.0)
    assert points_outside(fig) == []
    fig.axes[0].set_ylim(-1.6, 2.6)
    assert any("(4, 4)" in p for p in points_outside(fig))
    plt.close(fig)


def test_activation_demo_draws_the_books_leaky_relu():
    """데모의 Leaky ReLU는 책 그림과 같은 α = 0.1(기본값 0.01로는 ReLU와 구별되지 않는다)이고 제목에 α를 적는다."""
    import matplotlib.pyplot as plt
    import numpy as np

    from dlkit.plotting import LEAKY_SLOPE_FIGURE

    fig = dk.widgets.demo_figure("activation", name="leaky_relu", x0=-2.0)
    ax = fig.axes[0]
    point = next(l for l in ax.lines if l.get_marker() == "o")
    assert float(point.get_ydata()[0]) == pytest.approx(-2.0 * LEAKY_SLOPE_FIGURE)
    assert f"α = {LEAKY_SLOPE_FIGURE:g}" in ax.get_title() and "도함수 0.1" in ax.get_title()
    assert float(point.get_ydata()[0]) != pytest.approx(float(dk.leaky_relu(np.array(-2.0))))  # 대조군: 기본 α = 0.01
    plt.close(fig)


def loss_points(name: str = "epoch", **params):
    """epoch 데모의 손실 선: (x, y, (y 아래, y 위))."""
    import matplotlib.pyplot as plt
    import numpy as np

    fig = dk.widgets.demo_figure(name, **params)
    ax = fig.axes[1]
    line = ax.lines[0]
    out = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float), ax.get_ylim()
    plt.close(fig)
    return out


def test_epoch_loss_is_plotted_where_it_was_measured():
    """반복 k의 손실은 k번째 갱신 전에 잰 값이다: 첫 점은 에포크 0(학습 전 손실), 배치 = N이면 에포크마다 한 점."""
    from dlkit.widgets._epoch import LR

    X, y = dk.synthetic_data([2.0, -3.4], 4.2, 100, rng=0)
    net = dk.LinearRegression(2, rng=0)
    untrained = float(dk.squared_loss(net.forward(X), y))
    xs, ys, _ = loss_points(n=100, batch=100, epochs=3)
    # (옛 그림은 1부터 세어 [1, 2, 3]에 찍었다: 학습 전 손실이 '에포크 1'에 있었다)
    assert list(xs) == [0.0, 1.0, 2.0] and ys[0] == pytest.approx(untrained)
    # 에포크 1에 찍힌 점은 한 번 갱신한 뒤에 잰 손실: 손으로 한 번 갱신해 잰 값과 같다
    opt = dk.SGD(net.parameters(), lr=LR)
    opt.step(net.backward(dk.squared_loss_grad(net.forward(X), y)))
    assert ys[1] == pytest.approx(float(dk.squared_loss(net.forward(X), y)))


def test_epoch_loss_panel_shows_every_static_point():
    """정적 프레임의 미니배치 손실은 모두 세로축 안에 있다(옛 바닥 10⁻³은 n = 200, 배치 4에서 150점 중 98점을 잘랐다)."""
    import itertools

    from dlkit.widgets._epoch import BATCHES, LOSS_FLOOR, NS

    for n, batch in itertools.product(NS, BATCHES):
        xs, ys, (lo, hi) = loss_points(n=n, batch=batch, epochs=3)
        # 바닥 아래 손실은 정확히 LOSS_FLOOR에 그린다: 정적 프레임에는 그런 점이 하나도 없어야 한다(잘리지 않음)
        assert (lo <= ys).all() and (ys <= hi).all() and (ys > LOSS_FLOOR).all(), (n, batch)
    _, ys, _ = loss_points(n=200, batch=4, epochs=3)
    assert (ys < 1e-3).sum() > len(ys) / 2  # 대조군: 옛 바닥이었다면 절반 넘게 잘렸다


def test_epoch_caption_counts_losses_drawn_on_the_floor():
    """실시간 배치 1에서는 바닥 아래 손실이 생긴다: 바닥에 그리고 캡션에 그 수를 적는다."""
    from dlkit.widgets._epoch import LOSS_FLOOR

    spec = W.DEMOS["epoch"]()
    import matplotlib.pyplot as plt

    fig = plt.figure()
    spec.setup(fig)
    caption = spec.update(batch=1, n=100, epochs=3, drop_last=False)
    ys = fig.axes[1].lines[0].get_ydata()
    drawn_on_floor = int((ys == LOSS_FLOOR).sum())
    assert drawn_on_floor > 0 and f"반복 {drawn_on_floor}번은 그림 바닥" in caption
    caption_32 = spec.update(batch=32, n=100, epochs=3, drop_last=False)
    assert "바닥" not in caption_32  # 대조군: 바닥 아래가 없으면 적지 않는다
    plt.close(fig)


def test_learning_rate_demo_on_a_surface_whose_loss_goes_below_zero():
    """안장점·지역 최솟값 지형은 손실이 0 아래로 내려간다(최솟값 −1, −1.43). 캡션의 비율은 손실 곡선이 그리는 것과
    같은 손실 − 최솟값의 비율이고, 그 최솟값을 함께 적는다. 지역 최솟값에 멈춘 경로는 '잘 줄어듦'이 아니라 '머묾'이다.

    (dlkit.words.percent가 음수 비율을 거부하게 된 뒤 Colab 패키징 테스트가 이 경우를 잡았다.)"""
    import matplotlib.pyplot as plt
    import numpy as np

    from dlkit.optim import SGD
    from dlkit.surfaces import get_surface, optimize_path
    from dlkit.widgets._optim import LR_STEPS, lr_verdict

    for surface in ("saddle", "local_minima"):
        fig = dk.widgets.demo_figure("learning_rate", surface=surface, lr=0.1)
        plt.close(fig)
    losses = np.array([4.0, 1.0, -0.5])
    path = np.array([[0.0, 0.0], [1.0, 0.0], [1.5, 0.0]])
    verdict, text = lr_verdict(losses, path, False, minimum=-1.0)
    assert "손실 \u2212 최솟값(\u22121)이 처음의 10 %로" in text, text   # (−0.5 − (−1)) / (4 − (−1)) = 10 %
    # 대조군: 최솟값이 0인 지형은 손실의 비율 그대로
    assert "손실이 처음의 12 %로" in lr_verdict(np.array([4.0, 1.0, 0.5]), path, False)[1]
    # 지역 최솟값: 걸음이 멈췄는데 전역 최솟값까지의 차이가 28 % 남았다 → 머묾(예전에는 '0 아래까지 잘 줄었습니다')
    s = get_surface("local_minima")
    res = optimize_path(s, lambda p: SGD(p, lr=0.1), LR_STEPS)
    stuck = lr_verdict(s.f(res.path[:, 0], res.path[:, 1]), res.path, res.diverged, minimum=s.minimum)
    assert stuck[0].startswith("머묾") and "28 %" in stuck[1], stuck
    with pytest.raises(ValueError, match="0 이상"):  # 최솟값을 0으로 보면 비율이 음수: 조용히 틀리지 않고 멈춘다
        lr_verdict(s.f(res.path[:, 0], res.path[:, 1]), res.path, res.diverged)


@pytest.mark.parametrize("surface", ["saddle", "local_minima"])
def test_learning_rate_loss_panel_draws_losses_below_zero_above_its_floor(surface):
    """손실이 0 아래로 가는 지형에서 손실 곡선은 손실 − 최솟값을 그린다(로그 축): 0 아래의 손실이 바닥(1e-6)에
    붙지 않고, 세로축 이름이 그렇게 말한다. 대조군: 예전처럼 손실을 그대로 1e-6에서 자르면 그 점들이 바닥에 붙는다."""
    import matplotlib.pyplot as plt
    import numpy as np

    from dlkit.optim import SGD
    from dlkit.surfaces import get_surface, optimize_path
    from dlkit.widgets._optim import LR_STEPS

    s = get_surface(surface)
    fig = dk.widgets.demo_figure("learning_rate", surface=surface, lr=0.1)
    ax_loss = fig.axes[1]
    ys = np.asarray(ax_loss.lines[0].get_ydata(), dtype=float)
    path = optimize_path(s, lambda p: SGD(p, lr=0.1), LR_STEPS).path
    losses = np.asarray(s.f(path[:, 0], path[:, 1]), dtype=float)
    assert (losses < 0).any(), "이 지형·학습률에서 손실이 0 아래로 가야 이 검사가 뜻이 있습니다"
    np.testing.assert_allclose(ys, np.maximum(losses - s.minimum, 1e-6))
    assert (ys[losses < 0] > 1e-6).all()
    assert (ys <= ax_loss.get_ylim()[1]).all(), "손실 곡선이 축 위로 나갑니다"  # 아래로는 최솟값에 닿아 나간다
    assert "최솟값" in ax_loss.get_ylabel()
    old = np.maximum(losses, 1e-6)                                    # 대조군: 예전 그림
    assert (old[losses < 0] == 1e-6).all()
    plt.close(fig)
    ravine = dk.widgets.demo_figure("learning_rate", surface="ravine", lr=0.1)  # 최솟값 0인 지형은 손실 그대로
    assert ravine.axes[1].get_ylabel() == "손실"
    plt.close(ravine)


def test_learning_rate_verdict_knows_the_floors_limit():
    """경사 하강법은 바닥(극소점)에서 학습률이 2/곡률보다 크면 그 바닥에 내려앉을 수 없다(|1 − η·곡률| > 1).
    손실이 막혀 있는 지형(안장점, 지역 최솟값)에서는 발산하지 않고 오가기만 해서, 예전 판정은 그때의 손실 비율만
    보고 '적당함: 잘 줄어듦'이나 '작음: 느림'(학습률 0.8에서!)이라 하고, 걸음 수마다 둘을 번갈아 말했다.

    실시간 데모의 전체 범위(지형 × 학습률 × 걸음 수 5-150)에서: 한계를 넘는 학습률은 걸음 수와 상관없이
    '큼: 안정 한계를 넘음' 하나이고(리뷰: 걸음 수마다 다른 판정이 번갈아 나왔다), 한계 숫자는 torch 헤세 행렬로 잰
    곡률과 맞으며, "아직 줄고 있지만"은 최근 손실이 오르지 않았을 때만이고, 1000걸음을 가도 내려앉지 않는다.
    한계와 같은 학습률(안장점 0.5, 고원 1)은 '큼'이 아니다. 어느 경우에도 판정이 걸음 수에 따라 한 판정으로
    되돌아오지 않는다. 대조군: 좁은 골짜기 0.55는 발산하기 전까지 '손실이 커짐'이다(리뷰: 한때 '경계'라고 했다)."""
    import numpy as np

    from dlkit.surfaces import SURFACES, PathResult, get_surface, optimize_path
    from dlkit.widgets._optim import LR_CHOICES, lr_judgement

    from helpers import torch_hessian

    curvatures = {}

    def torch_curvature(surface, point):
        if (surface.name, point) not in curvatures:
            curvatures[surface.name, point] = float(np.linalg.eigvalsh(torch_hessian(surface, point)).max())
        return curvatures[surface.name, point]

    over_limit = {("saddle", 0.55), ("saddle", 0.6), ("saddle", 0.8), ("saddle", 1.0), ("local_minima", 0.45),
                  ("local_minima", 0.5), ("local_minima", 0.55), ("local_minima", 0.6), ("local_minima", 0.8),
                  ("rosenbrock", 0.02)}
    at_limit = {("saddle", 0.5), ("plateau", 1.0), ("ravine", 0.5)}
    said = set()
    for name in SURFACES:
        s = get_surface(name)
        for lr in LR_CHOICES:
            full = optimize_path(s, lambda p, lr=lr: dk.SGD(p, lr=lr), 150)
            done = len(full.path) - 1  # 발산했으면 그 앞까지는 발산하지 않은 경로와 같다
            verdicts = {}
            for n in range(5, 151):
                res = full if n >= done and full.diverged else PathResult(full.path[:n + 1], False, "")
                if n in (5, 40, 149) and not res.diverged:  # 앞부분이 그 걸음 수로 새로 돈 경로와 같은지
                    np.testing.assert_array_equal(res.path, optimize_path(s, lambda p, lr=lr: dk.SGD(p, lr=lr), n).path)
                verdict, text = lr_judgement(s, lr, res)
                verdicts[n] = verdict
                floor = dk.nearest_minimum(s, res.path[-1])
                limit = 2 / torch_curvature(s, floor)
                if not res.diverged and lr > limit * (1 + 1e-6) and name != "ravine":
                    assert verdict == "큼: 안정 한계를 넘음", (name, lr, n, verdict, text)
                if verdict.startswith("큼"):
                    said.add((name, lr))
                    assert lr > limit and f"= {dk.words.num(limit, '.3g')}" in text, (name, lr, n, limit, text)
                    # "아직 줄고 있지만"은 최근 10걸음의 손실이 한 번도 오르지 않았을 때만(리뷰: 휘어진 계곡 0.02)
                    losses = np.asarray(s.f(*res.path.T), dtype=float)
                    assert ("아직 줄고 있지만" in text) == bool((np.diff(losses[-11:]) <= 0).all()), (name, lr, n, text)
                    if "처음보다 큽니다" in text:
                        assert losses[-1] - s.minimum > 1.05 * (losses[0] - s.minimum), (name, lr, n, text)
                if (name, lr) in at_limit:
                    assert not verdict.startswith("큼"), (name, lr, n, verdict)
                if (name, lr) == ("ravine", 0.55) and n < done:
                    assert verdict == "너무 큼: 손실이 커짐", (n, verdict, text)
                assert "e\u2212" not in text and "e-0" not in text, text  # 작은 수는 × 10⁻⁶으로
            runs = [v for i, v in enumerate(verdicts.values()) if i == 0 or v != list(verdicts.values())[i - 1]]
            assert len(runs) == len(set(runs)), (name, lr, runs)  # 걸음 수 5-150에서 한 판정으로 되돌아오지 않는다
    assert over_limit <= said
    # "걸음 수를 늘려도 이 바닥에 내려앉지 못합니다": 1000걸음 뒤에도 바닥에서 떨어져 오간다(휘어진 계곡 0.02도)
    for name, lr in sorted(over_limit):
        s = get_surface(name)
        far = optimize_path(s, lambda p, lr=lr: dk.SGD(p, lr=lr), 1000).path[-20:]
        dist = np.min([np.linalg.norm(far - np.asarray(m), axis=1) for m in s.minima], axis=0)
        assert dist.max() > 1e-3, (name, lr, dist.max())


def test_learning_rate_jump_caption_counts_from_the_minimum():
    """'아슬아슬' 캡션의 괄호는 문장의 주어(손실 − 최솟값)와 같은 값이어야 한다: 최솟값 −1에서 손실이 4 → 6 → 0이면
    처음 차이 5, 가장 높을 때 차이 7(1.4배). 예전에는 괄호에 손실 6을 적었다. 반올림 정도로 넘친 것(1.01배)은 튄 것이 아니다."""
    import numpy as np

    from dlkit.widgets._optim import lr_verdict

    path = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, 0.0]])
    verdict, text = lr_verdict(np.array([4.0, 6.0, 0.0]), path, False, minimum=-1.0)
    assert verdict.startswith("아슬아슬") and "출발점의 1.4배(7)까지" in text, text
    barely = lr_verdict(np.array([4.0, 4.05, 0.0]), path, False, minimum=-1.0)[0]
    assert not barely.startswith("아슬아슬"), barely


# --- 휴대전화에서 칸을 쌓는 자리 -------------------------------------------------------
# 나란한 두 축(경로와 손실 곡선 등)은 휴대전화에서 칸마다 잘라 위아래로 쌓는다(demo.js의 split). 자르는 자리는
# 칸 사이 빈 곳이어야 한다: 어느 프레임에서든 그 자리의 세로줄에 글자나 선이 지나가면 잘린 글자가 보인다.

def axes_columns_px(spec) -> list[float]:
    """데모 그림의 축이 놓인 가로 자리(칸)마다 축 한가운데의 x(픽셀, 왼쪽부터): 축의 왼쪽 끝 위치가 다른 것끼리."""
    from dlkit.widgets._frames import Canvas, demo_style

    with demo_style():
        canvas = Canvas(spec.figsize)
        spec.setup(canvas.fig)
        canvas.freeze_layout()
        width = canvas.fig.bbox.width
        centres = {round(ax.get_position().x0, 2): (ax.get_position().x0 + ax.get_position().x1) / 2 * width
                   for ax in canvas.fig.axes if ax.get_visible()}
        return [centres[k] for k in sorted(centres)]


def blank_column(png: bytes, x: int, half: int = 2) -> bool:
    """PNG의 세로줄 x-half..x+half가 모두 바탕색(왼쪽 위 구석의 색: 팔레트로 줄인 흰색은 254일 수 있다)인가."""
    import io

    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    return bool((rgb[:, max(0, x - half):x + half + 1] == rgb[0, 0]).all())


@pytest.mark.parametrize("name", NAMES)
def test_panels_cover_the_frame_and_are_cut_through_blank_paper_in_every_frame(static_demos, name):
    from dlkit.widgets._static import png_size

    demo = static_demos[name].dlkit_demo
    width, _ = png_size(demo.frames[0])
    panels = demo.panels
    assert panels[0][0] == 0 and panels[-1][1] == width, panels
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(panels, panels[1:])), panels
    # 나란한 축마다 칸 하나(글자가 옆 칸 위로 넘어가 칸이 합쳐지면 휴대전화에서 쌓지 못한다)
    centres = axes_columns_px(demo.spec)
    assert len(panels) == len(centres), (name, panels)
    for cut in (p[0] for p in panels[1:]):
        crossed = [k for k, png in enumerate(demo.frames) if not blank_column(png, cut)]
        assert not crossed, f"{name}: 자르는 자리 x={cut}에 그림이 걸친 프레임 {crossed[:5]}"
    # 대조군: 축 한가운데를 지나는 세로줄은 바탕만이 아니다(가로축 선을 지난다: 검사가 그림을 본다)
    assert not any(blank_column(demo.frames[0], int(x)) for x in centres)


def test_epoch_demo_has_two_panels_because_its_long_label_is_wrapped():
    """에포크 데모의 왼쪽 가로축 이름은 두 줄이다: 한 줄이면 오른쪽 칸의 세로축 이름 밑까지 뻗어 두 칸이 합쳐진다
    (대조군: 한 줄로 그리면 칸 하나)."""
    from dlkit.widgets._frames import Canvas, demo_style, panel_ranges

    def panels(one_line: bool):
        spec = W.DEMOS["epoch"]()
        with demo_style():
            canvas = Canvas(spec.figsize)
            spec.setup(canvas.fig)
            params = dict(spec.static_fixed)
            params.update({a.param: a.values[a.initial] for a in spec.static_axes})
            spec.update(**params)
            if one_line:
                ax = canvas.fig.axes[0]
                ax.set_xlabel(ax.get_xlabel().replace("\n", " "))
            canvas.png()
            return panel_ranges(canvas.fig)

    assert len(panels(False)) == 2
    assert len(panels(True)) == 1
