"""빌드된 책에서 데모가 커널 없이 동작하는지(헤드리스 Chromium).

``dk.widgets.DEMOS``에 등록된 데모마다: 그 데모가 있는 장을 열고, 슬라이더 손잡이에 포커스를 준 뒤 오른쪽 화살표(맨 끝이면 왼쪽)를
눌러, 보이는 그림(<img>의 바이트)이 페이지에 저장된 위젯 상태의 이웃 프레임과 같아졌는지 본다.
사이트 밖 요청과 콘솔 오류는 없어야 한다.
"""
from __future__ import annotations

import json
import re

import pytest

import dlkit.widgets as W


def keyboard_slider(name: str) -> str:
    """데모 ``name``의 정적 모드에서 키보드로 움직일 슬라이더의 설명(데모 정의의 마지막 슬라이더 축)."""
    return [a for a in W.DEMOS[name]().static_axes if a.kind == "slider"][-1].description


STATE_MIME = "application/vnd.jupyter.widget-state+json"

VISIBLE_IMAGE_JS = """
async (sel) => {
  const imgs = [...document.querySelectorAll(sel + ' img')].filter(
    (el) => el.offsetParent !== null && el.getBoundingClientRect().width > 0);
  if (imgs.length !== 1) return {count: imgs.length};
  const buf = await (await fetch(imgs[0].src)).arrayBuffer();
  let s = '';
  for (const b of new Uint8Array(buf)) s += String.fromCharCode(b);
  return {count: 1, b64: btoa(s)};
}
"""


def find_page(html_root, css_name: str) -> str:
    needle = f'"dlkit-demo-{css_name}"'
    for path in sorted((html_root / "chapters").glob("*.html")):
        if needle in path.read_text(encoding="utf-8"):
            return path.relative_to(html_root).as_posix()
    pytest.fail(f"데모 dlkit-demo-{css_name}가 어느 장에도 없습니다(장의 % DEMO 자리에 셀이 있어야 함)")


def widget_state(page) -> dict:
    texts = page.eval_on_selector_all(f'script[type="{STATE_MIME}"]', "els => els.map(e => e.textContent)")
    assert texts, "페이지에 위젯 상태가 없습니다"
    state = {}
    for text in texts:
        state.update(json.loads(text)["state"])
    return state


def expected_frames(state: dict, css_name: str, slider_desc: str):
    """(슬라이더 모델, 다른 조절기들의 index, 지금 바깥 Stack에서 고른 안쪽 프레임 목록)."""
    box_id = next(k for k, m in state.items()
                  if f"dlkit-demo-{css_name}" in m["state"].get("_dom_classes", []))
    children = [c.removeprefix("IPY_MODEL_") for c in state[box_id]["state"]["children"]]
    slider = next(c for c in children if state[c]["state"].get("description") == slider_desc)
    stack = next(c for c in children if state[c]["model_name"] == "StackModel")

    def leaves(stack_id):
        kids = [c.removeprefix("IPY_MODEL_") for c in state[stack_id]["state"]["children"]]
        if state[kids[0]]["model_name"] == "StackModel":  # 2차원: 바깥 Stack에서 지금 고른 것
            sel = state[stack_id]["state"]["selected_index"]
            return leaves(kids[sel])
        # 프레임 하나 = <img src="data:image/png;base64,..." alt="...">를 담은 HTML 위젯
        return [re.search(r'src="data:image/png;base64,([^"]+)"', state[leaf]["state"]["value"]).group(1)
                for leaf in kids]

    return state[slider]["state"], leaves(stack)


@pytest.mark.browser
@pytest.mark.parametrize("css_name", sorted(W.DEMOS))
def test_demo_slider_switches_frame_without_kernel(built_book, visit, css_name):
    slider_desc = keyboard_slider(css_name)  # 위젯의 CSS 클래스는 dlkit-demo-<등록 이름>
    path = find_page(built_book.html, css_name)
    v = visit(path)
    page = v.page
    sel = f".dlkit-demo-{css_name}"
    page.wait_for_selector(sel + " img", state="visible", timeout=20000)
    slider_state, frames = expected_frames(widget_state(page), css_name, slider_desc)
    index = slider_state["index"]
    assert len(frames) >= 2
    # 보통은 오른쪽으로 한 칸; 처음부터 맨 끝이면 왼쪽으로 한 칸
    key, target = ("ArrowRight", index + 1) if index + 1 < len(frames) else ("ArrowLeft", index - 1)

    first = page.evaluate(VISIBLE_IMAGE_JS, sel)
    assert first["count"] == 1, f"보이는 프레임이 {first['count']}개"
    assert first["b64"] == frames[index], "처음 보이는 그림이 슬라이더 값의 프레임과 다릅니다"

    handle = page.locator(f'{sel} .widget-slider:has(label:text-is("{slider_desc}")) .noUi-handle')
    if handle.count() == 0:  # 설명 label 구조가 다를 때: 데모 안의 슬라이더가 하나뿐이면 그것
        handle = page.locator(f"{sel} .noUi-handle")
    old_src = page.eval_on_selector_all(sel + " img", "els => els.find(e => e.offsetParent !== null).src")
    handle.first.focus()
    page.keyboard.press(key)
    page.wait_for_function(
        """([sel, old]) => { const im = [...document.querySelectorAll(sel + ' img')]
              .filter((el) => el.offsetParent !== null); return im.length === 1 && im[0].src !== old; }""",
        arg=[sel, old_src], timeout=10000,
    )
    after = page.evaluate(VISIBLE_IMAGE_JS, sel)
    assert after["count"] == 1
    assert after["b64"] == frames[target], f"{key} 뒤의 그림이 프레임 {target}과 다릅니다"

    assert v.external_requests == []
    assert v.console_errors == []
