"""dlkit.widgets: 데모가 화면 없이 만들어지는지, 정적 모드의 프레임·jslink, 실시간 모드의 갱신.

실시간 갱신은 진짜 커널에서 확인한다: 커널에서 데모를 만들고, 브라우저가 하듯이 슬라이더의
comm에 ``update`` 메시지를 보낸 뒤 그림(PNG 바이트)과 그린 횟수가 바뀌었는지 본다.
"""
from __future__ import annotations

import base64
import json
import os
import queue
import re
import subprocess
import sys
from pathlib import Path

import pytest

import dlkit as dk

ROOT = Path(__file__).resolve().parents[1]
DEMOS = ["bias_demo", "activation_demo", "linear_vs_activation_demo", "learning_rate_demo",
         "gd_sgd_demo", "optimizer_demo", "epoch_demo"]
# 장(페이지)마다 그 페이지에 들어가는 데모: 정적 프레임의 합이 약 1 MB(base64)를 넘지 않아야 한다
PAGES = {
    "02_bias": ["bias_demo"],
    "03_activations": ["activation_demo", "linear_vs_activation_demo"],
    "04_optim": ["learning_rate_demo", "gd_sgd_demo", "optimizer_demo"],
    "06_epoch_batch": ["epoch_demo"],
}
PAGE_BUDGET = 1_000_000
# 실시간 모드에서 움직일 조절기와 새 값(커널 테스트)
LIVE_CHANGES = {
    "bias_demo": ("bias", 3.0),
    "activation_demo": ("x0", -1.5),
    "linear_vs_activation_demo": ("epoch", 50),
    "learning_rate_demo": ("lr", 0.3),
    "gd_sgd_demo": ("steps", 7),
    "optimizer_demo": ("steps", 12),
    "epoch_demo": ("batch", 10),
}


def test_import_dlkit_stays_light():
    code = ("import sys, dlkit, dlkit.widgets; "
            "print([m for m in ('ipywidgets', 'matplotlib', 'torch') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True).stdout
    assert out.strip() == "[]"


@pytest.fixture(scope="module")
def static_demos():
    import dlkit.widgets as W

    return {name: getattr(W, name)(mode="static") for name in DEMOS}


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize("name", DEMOS)
def test_static_demo_structure(static_demos, name):
    import ipywidgets as widgets

    box = static_demos[name]
    state = box.dlkit_demo
    assert state.mode == "static"
    assert "dlkit-demo" in box._dom_classes
    # 프레임은 모두 서로 다른 PNG이고, Stack 안의 HTML 위젯에 한국어 대체 텍스트와 함께 들어 있다
    assert len(state.frames) >= 5
    assert all(f.startswith(b"\x89PNG") for f in state.frames)
    assert len(set(state.frames)) == len(state.frames)
    frames = [w.value for w in _walk(box) if isinstance(w, widgets.HTML) and "dlkit-frame" in w.value]
    assert [base64.b64decode(re.search(r'base64,([^"]+)"', v).group(1)) for v in frames] == state.frames
    alts = [re.search(r'alt="([^"]*)"', v).group(1) for v in frames]
    assert all(re.search(r"[가-힣]", alt) for alt in alts)
    assert isinstance(state.stack, widgets.Stack)
    # 조절기마다 jslink가 있고 설명(description)이 붙어 있다
    for ctrl in state.controls.values():
        assert ctrl.description
        assert any(link.source[0] is ctrl and link.source[1] == "index"
                   and link.target[1] == "selected_index" for link in state.links)
    # 정적 모드라는 한국어 안내
    notes = [w.value for w in _walk(box) if isinstance(w, widgets.HTML)]
    assert any("미리 그려 둔 그림" in v and "Binder" in v and "Colab" in v for v in notes)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_frame_weight(static_demos, page):
    total = sum(len(base64.b64encode(f)) for name in PAGES[page] for f in static_demos[name].dlkit_demo.frames)
    assert total <= PAGE_BUDGET, f"{page}: 프레임 {total} 바이트(base64)"


def test_ipywidgets7_fallback_switches_image(monkeypatch):
    """Stack이 없는 ipywidgets 7(Colab)에서는 observer가 Image 값을 바꿔 끼운다."""
    from dlkit.widgets import _frames
    import dlkit.widgets as W

    monkeypatch.setattr(_frames, "has_stack", lambda: False)
    box = W.epoch_demo(mode="static")
    state = box.dlkit_demo
    assert state.stack is None
    ctrl = state.controls["batch"]
    ctrl.index = 0
    assert state.image.value == state.frames[0]
    ctrl.index = 3
    assert state.image.value == state.frames[3]


@pytest.mark.parametrize("name", DEMOS)
def test_live_demo_updates_in_place(name):
    import dlkit.widgets as W

    box = getattr(W, name)(mode="live")
    state = box.dlkit_demo
    fig = state.renderer.canvas.fig
    before, renders = state.image.value, state.renders
    control, value = LIVE_CHANGES[name]
    state.controls[control].value = value
    assert state.renders == renders + 1
    assert state.image.value != before
    assert state.renderer.canvas.fig is fig  # 같은 그림을 다시 쓴다


def test_detect_mode(monkeypatch):
    from dlkit.widgets import _frames

    monkeypatch.delenv("DLKIT_WIDGETS", raising=False)
    monkeypatch.setattr(_frames, "_parent_cmdlines", lambda: ["/x/python /x/jupyter-book build /book"])
    assert _frames.detect_mode() == "static"
    monkeypatch.setattr(_frames, "_parent_cmdlines", lambda: ["/usr/bin/python -m jupyter lab"])
    assert _frames.detect_mode() == "live"
    monkeypatch.setenv("DLKIT_WIDGETS", "static")
    assert _frames.detect_mode() == "static"


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


def _drain(kc):
    try:
        while True:
            kc.get_iopub_msg(timeout=0.2)
    except queue.Empty:
        pass


@pytest.mark.parametrize("name", DEMOS)
def test_live_update_in_real_kernel(kernel, name):
    """장의 셀처럼 mode 없이 만들면 커널에서는 실시간 모드; 프런트엔드의 comm 메시지로 값을 바꾸면 다시 그린다."""
    control, value = LIVE_CHANGES[name]
    info = json.loads(_run(kernel, f"""
import json, hashlib, dlkit as dk, dlkit.widgets
demo = dk.widgets.{name}()
st = demo.dlkit_demo
print(json.dumps({{"mode": st.mode, "renders": st.renders,
                  "png": hashlib.sha256(st.image.value).hexdigest(),
                  "comm": st.controls[{control!r}].model_id}}))
"""))
    assert info["mode"] == "live"
    _drain(kernel)
    # 브라우저의 위젯 관리자가 보내는 것과 같은 comm 메시지
    kernel.shell_channel.send(kernel.session.msg("comm_msg", {
        "comm_id": info["comm"],
        "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
    }))
    after = json.loads(_run(kernel, f"""
print(json.dumps({{"renders": st.renders, "png": hashlib.sha256(st.image.value).hexdigest(),
                  "value": st.controls[{control!r}].value}}))
"""))
    assert after["value"] == value
    assert after["renders"] == info["renders"] + 1
    assert after["png"] != info["png"]


@pytest.mark.parametrize("name", ["bias", "activation", "linear_vs_activation", "learning_rate",
                                  "gd_sgd", "optimizer", "epoch"])
def test_demo_figure_draws_the_demo_scene_without_warnings(name):
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
