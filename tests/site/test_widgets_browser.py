"""빌드된 책에서 데모가 커널 없이 동작하는지(헤드리스 Chromium). 데모 목록은 ``dk.widgets.DEMOS``에서 온다.

데모마다 그 데모가 있는 장을 열고 독자처럼 다룬다.

- 조절기 하나하나를 키보드(슬라이더: 화살표, 토글: 화살표로 옆 단추)로 움직이면, 보이는 그림(<img>가 받은 바이트)이
  파이썬이 같은 값으로 그린 프레임과 같고 설명도 그 프레임의 것이다. 프레임 파일은 내용의 해시 이름이다.
- 단추(미리 정한 상태)마다 누르면 그 상태의 프레임이 보인다.
- 질문의 답은 처음에는 숨어 있고, 조절기를 답에 닿는 값으로 옮긴 뒤에야 보인다.
- 처음 방문에는 화면 가까이 있는 데모의 처음 프레임만 받고, 이웃은 독자가 데모에 손을 대면 받는다.
  사이트 밖 요청과 콘솔 오류가 없다. 390 px에서도 가로로 넘치지 않는다.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import dlkit.widgets as W
from booktools import demo_frames
from booktools.bench.demos import initial_frames
from booktools.demo_frames import FRAMES_DIR, frame_name
from dlkit.widgets._frames import FRAME_DPI, FRAME_MIN_FONT_PT
from dlkit.widgets._static import frame_number
from helpers import FIGURE_MIN_SCALE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demos():
    """등록된 데모의 정적 모드(파이썬이 그린 프레임: 페이지가 보여야 할 답)."""
    return {name: W.demo(name, mode="static") for name in sorted(W.DEMOS)}


def find_page(html_root, name: str) -> str:
    page = demo_frames.demo_pages(html_root).get(name)
    if page is None:
        pytest.fail(f"데모 {name}가 어느 장에도 없습니다")
    return page


SHOWN_JS = """
async (sel) => {
  const root = document.querySelector(sel);
  const img = root.querySelector('img.dlkit-frame');
  const buf = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return {shown: +root.dataset.shown, src: img.getAttribute('src'),
          sha: [...hash].map((b) => b.toString(16).padStart(2, '0')).join(''),
          caption: root.querySelector('.dlkit-caption').innerHTML};
}
"""


def shown(page, sel: str) -> dict:
    return page.evaluate(SHOWN_JS, sel)


def wait_shown(page, sel: str, k: int) -> None:
    page.wait_for_function("([sel, k]) => +document.querySelector(sel).dataset.shown === k",
                           arg=[sel, k], timeout=10000)


def assert_frame(page, sel: str, demo, k: int) -> None:
    """보이는 그림이 파이썬이 그린 프레임 k(바이트가 같음)이고 설명도 그 프레임의 것이다."""
    wait_shown(page, sel, k)
    got = shown(page, sel)
    assert got["src"].endswith(f"{FRAMES_DIR}/{frame_name(demo.frames[k])}"), got["src"]
    assert got["sha"] == hashlib.sha256(demo.frames[k]).hexdigest(), f"프레임 {k}의 바이트가 다릅니다"
    assert got["caption"] == demo.captions[k]


def move(page, sel: str, demo, index: list[int], axis: int) -> None:
    """조절기 ``axis``를 키보드로 한 칸 옮긴다(맨 끝이면 반대로). ``index``를 그에 맞게 바꾼다."""
    spec_axis = demo.spec.static_axes[axis]
    step = 1 if index[axis] + 1 < len(spec_axis.values) else -1
    if spec_axis.kind == "toggle":
        page.focus(f'{sel} input[data-axis="{axis}"]:checked')
    else:
        page.focus(f'{sel} input[type=range][data-axis="{axis}"]')
    page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
    index[axis] += step


@pytest.mark.parametrize("name", sorted(W.DEMOS))
def test_every_control_switches_to_its_frame_without_kernel(built_book, visit, demos, name):
    demo = demos[name]
    v = visit(find_page(built_book.html, name))
    page, sel = v.page, f'[data-dlkit-demo="{name}"]'
    page.locator(sel).scroll_into_view_if_needed()
    index = list(demo.initial)
    assert_frame(page, sel, demo, frame_number(demo.shape, index))
    for axis in range(len(demo.shape)):
        move(page, sel, demo, index, axis)
        assert_frame(page, sel, demo, frame_number(demo.shape, index))
        # 키보드로 움직였는데 덱처럼 페이지가 다른 곳으로 가지 않는다(초점은 조절기에 남는다)
        assert page.evaluate(f"document.activeElement.closest('{sel}') !== null")
    assert v.external_requests == []
    assert v.console_errors == []


@pytest.mark.parametrize("name", sorted(W.DEMOS))
def test_presets_land_on_their_states(built_book, visit, demos, name):
    demo = demos[name]
    v = visit(find_page(built_book.html, name))
    page, sel = v.page, f'[data-dlkit-demo="{name}"]'
    index = list(demo.initial)
    assert 2 <= len(demo.spec.presets) <= 4, "데모마다 단추 2~4개"
    for j, preset in enumerate(demo.spec.presets):
        page.click(f'{sel} button[data-preset="{j}"]')
        for n, axis in enumerate(demo.spec.static_axes):
            if axis.param in preset.values:
                index[n] = list(axis.values).index(preset.values[axis.param])
        assert_frame(page, sel, demo, frame_number(demo.shape, index))
    assert v.console_errors == []


@pytest.mark.parametrize("name", sorted(W.DEMOS))
def test_answers_appear_only_after_the_reader_reaches_them(built_book, visit, demos, name):
    demo = demos[name]
    assert demo.spec.questions, "데모마다 질문이 하나 이상"
    v = visit(find_page(built_book.html, name))
    page, sel = v.page, f'[data-dlkit-demo="{name}"]'
    answers = page.locator(f"{sel} .dlkit-answer")
    assert answers.count() == len(demo.spec.questions)
    for q in range(answers.count()):
        assert not answers.nth(q).is_visible(), "조절기를 움직이기 전에 답이 보입니다"
    for q, frames in enumerate(demo.reached_frames()):
        target = next(demo.combos[k] for k in range(len(demo.combos))
                      if frame_number(demo.shape, demo.combos[k]) in frames)
        for n, axis in enumerate(demo.spec.static_axes):
            if axis.kind == "toggle":
                page.click(f'{sel} input[data-axis="{n}"][value="{target[n]}"]')
            else:
                page.focus(f'{sel} input[type=range][data-axis="{n}"]')
                page.keyboard.press("Home")
                for _ in range(target[n]):
                    page.keyboard.press("ArrowRight")
        wait_shown(page, sel, frame_number(demo.shape, target))
        assert answers.nth(q).is_visible(), f"답에 닿았는데 질문 {q + 1}의 답이 보이지 않습니다"


def frame_requests(v) -> set[str]:
    return {u.split("/")[-1] for u in v.requests if f"/{FRAMES_DIR}/" in u}


@pytest.mark.parametrize("name", ["optimizer", "bias"])
def test_frames_are_fetched_only_as_the_reader_gets_to_them(built_book, visit, name):
    """프레임은 파일로, 필요할 때 받는다. 처음 방문(네트워크가 잠잠해질 때까지)에는 화면 가까이 있는 데모의 처음
    프레임만 받고 이웃은 받지 않는다. 데모까지 내려가면 그 처음 프레임이 보이고, 데모에 손을 대면(초점) 이웃을
    미리 받는다. 받은 것은 모두 그 페이지의 데모가 가리키는 프레임이다."""
    path = find_page(built_book.html, name)
    text = (built_book.html / path).read_text(encoding="utf-8")
    v = visit(path)
    page, sel = v.page, f'[data-dlkit-demo="{name}"]'
    # 페이지에 실린 데모에는 data: 그림이 없다(모두 _demo/ 파일 주소)
    assert page.evaluate("""[...document.querySelectorAll('[data-dlkit-demo]')].every((d) =>
        !d.innerHTML.includes('data:image/png'))""")
    initial = initial_frames(text)
    assert len(initial) >= 1
    on_arrival = frame_requests(v)
    assert on_arrival <= initial, f"처음 방문에 처음 프레임이 아닌 것을 받았습니다: {sorted(on_arrival - initial)}"
    page.locator(sel).scroll_into_view_if_needed()
    page.wait_for_function("(sel) => document.querySelector(sel).dataset.shown !== undefined", arg=sel,
                           timeout=10000)
    mine = page.evaluate("(sel) => new URL(document.querySelector(sel + ' img.dlkit-frame').src).pathname", sel)
    assert mine.split("/")[-1] in frame_requests(v) & initial
    before = frame_requests(v)
    control = page.locator(f"{sel} input[type=range]").first
    if control.count() == 0:
        control = page.locator(f"{sel} input[type=radio]:checked").first
    control.focus()
    page.wait_for_function("([n, sel]) => performance.getEntriesByType('resource').filter((e) =>"
                           " e.name.includes('/_demo/')).length > n", arg=[len(before), sel], timeout=10000)
    assert frame_requests(v) - before, "데모에 초점이 왔는데 이웃 프레임을 미리 받지 않습니다"
    every = set(demo_frames.REFERENCE.findall(text))
    assert frame_requests(v) <= every
    assert not [u for u in v.requests if "embed-amd" in u or "html-manager" in u], "데모 페이지가 위젯 관리자를 받습니다"
    assert v.console_errors == []


def test_returning_to_the_first_frame_before_it_loaded_waits_for_its_picture(built_book, visit, demos):
    """처음 프레임을 다 받기 전에 독자가 옮겼다가 되돌아오면, 처음 프레임의 그림을 받은 뒤에야 설명과 함께 바뀐다
    (그 전에는 옮겨 간 프레임이 그대로 보인다). 처음 프레임 요청을 붙잡아 두어 느린 연결을 흉내 낸다."""
    name = "epoch"
    demo = demos[name]
    path = find_page(built_book.html, name)
    first = frame_name(demo.frames[frame_number(demo.shape, demo.initial)])
    held = []
    v = visit(path)
    page, sel = v.page, f'[data-dlkit-demo="{name}"]'
    page.route(f"**/{FRAMES_DIR}/{first}", lambda route: held.append(route))

    def release() -> None:
        page.unroute(f"**/{FRAMES_DIR}/{first}")
        for route in held:
            try:
                route.continue_()
            except Exception:  # noqa: BLE001 — 그림 주소가 바뀌어 브라우저가 이미 거둔 요청
                pass
        held.clear()

    try:
        page.locator(sel).scroll_into_view_if_needed()
        index = list(demo.initial)
        axis = next(n for n, a in enumerate(demo.spec.static_axes) if a.kind == "slider")
        move(page, sel, demo, index, axis)
        moved = frame_number(demo.shape, index)
        assert_frame(page, sel, demo, moved)
        page.keyboard.press("ArrowLeft" if index[axis] > demo.initial[axis] else "ArrowRight")
        page.wait_for_timeout(500)
        assert held, "처음 프레임 요청을 붙잡지 못했습니다(검사가 느린 연결을 흉내 내지 못함)"
        # (그림 바이트를 읽는 shown()은 붙잡힌 주소를 fetch하면 멈추므로, 여기서는 보이는 프레임 번호만 읽는다)
        now = page.evaluate("(sel) => +document.querySelector(sel).dataset.shown", sel)
        assert now == moved, "처음 프레임을 받기도 전에 보인다고 했습니다"
    finally:
        release()  # 붙잡은 요청을 놓아야 페이지를 닫을 수 있다(실패해도)
    assert_frame(page, sel, demo, frame_number(demo.shape, demo.initial))
    assert v.console_errors == []


BROKEN_FIRST_JS = """
([sel, broken]) => {
  // 데모를 하나 더 만든다: 스크립트가 준비하기 전에 처음 프레임을 이미 받다 실패한 데모
  const copy = document.querySelector(sel).cloneNode(true);
  copy.id = 'broken-first';
  copy.removeAttribute('data-ready');
  delete copy.dataset.shown;
  const img = copy.querySelector('img.dlkit-frame');
  img.loading = 'eager';
  img.src = broken;
  document.querySelector('article').appendChild(copy);
  return new Promise((done) => {
    const wait = () => (img.complete ? done(img.naturalWidth) : setTimeout(wait, 20));
    wait();
  });
}
"""


def test_a_first_frame_that_failed_before_the_script_ran_is_fetched_again(built_book, visit, demos):
    """처음 프레임이 스크립트가 준비하기 전에 이미 받다 실패했으면(img.complete인데 그림이 없다: load·error 사건이 다시
    오지 않는다) 스크립트가 다시 받아 보인다. 예전 스크립트는 그 약속을 영영 풀지 않아, 처음 값으로 되돌아온 독자에게
    조절기와 어긋난 그림과 설명을 남겼다(고치기 전의 demo.js로 이 검사는 data-shown을 기다리다 실패한다)."""
    name = "epoch"
    demo = demos[name]
    k0 = frame_number(demo.shape, demo.initial)
    first = frame_name(demo.frames[k0])
    v = visit(find_page(built_book.html, name))
    page = v.page
    page.route(re.compile(rf"/{FRAMES_DIR}/{re.escape(first)}\?broken$"), lambda route: route.abort())
    script = page.evaluate("(sel) => [...document.querySelectorAll(sel + ' script:not([type])')]"
                           ".map((s) => s.textContent).find((t) => t.includes('dlkit-demo-data'))",
                           f'[data-dlkit-demo="{name}"]')
    assert script, "데모의 스크립트(demo.js)를 찾지 못했습니다"
    width = page.evaluate(BROKEN_FIRST_JS, [f'[data-dlkit-demo="{name}"]', f"../{FRAMES_DIR}/{first}?broken"])
    assert width == 0, "처음 프레임을 실패시키지 못했습니다(검사가 그 경우를 만들지 못함)"
    page.add_script_tag(content=script)  # 준비 안 된 데모(복사본)만 준비한다
    assert_frame(page, "#broken-first", demo, k0)
    assert [e for e in v.console_errors if "ERR_FAILED" not in e] == []  # 실패시킨 요청 말고는 오류가 없다
    index = list(demo.initial)
    axis = next(n for n, a in enumerate(demo.spec.static_axes) if a.kind == "slider")
    move(page, "#broken-first", demo, index, axis)
    assert_frame(page, "#broken-first", demo, frame_number(demo.shape, index))
    page.keyboard.press("ArrowLeft" if index[axis] > demo.initial[axis] else "ArrowRight")
    assert_frame(page, "#broken-first", demo, k0)


def widget_manager_pages(html: Path) -> list[str]:
    """위젯 관리자(html-manager의 embed-amd.js)를 싣는 페이지."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if "embed-amd" in p.read_text(encoding="utf-8", errors="replace"))


def test_no_page_loads_the_widget_manager(built_book, tmp_path):
    """데모는 모두 커널 없는 HTML이다: 어느 페이지도 3.6 MB짜리 위젯 관리자를 싣지 않는다(demo_figure가 슬라이더 범위를
    읽으려고 만든 조절기의 위젯 상태가 02·06장에 남아 싣던 적이 있다)."""
    assert widget_manager_pages(built_book.html) == []
    # 대조군: 위젯 상태가 남은 페이지처럼 embed-amd.js를 부르면 잡힌다
    (tmp_path / "page.html").write_text('<script src="_static/jupyter-widgets/embed-amd.js"></script>')
    assert widget_manager_pages(tmp_path) == ["page.html"]


PHONE_MIN_TEXT_PX = 9
"""휴대전화에서 데모 칸의 가장 작은 글자(눈금 숫자 등)가 이보다 작으면 읽기 어렵다(CSS px)."""
PANELS_JS = """(sel) => [...document.querySelectorAll(sel + ' .dlkit-panel')].map((box) => {
  const b = box.getBoundingClientRect(), img = box.querySelector('img'), i = img.getBoundingClientRect();
  return {left: b.left, right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height,
          imgLeft: i.left, imgTop: i.top, imgWidth: i.width, natural: img.naturalWidth,
          src: img.getAttribute('src'), shown: getComputedStyle(box).display !== 'none'};
})"""


def panel_boxes(page, sel: str) -> list[dict]:
    return page.evaluate(PANELS_JS, sel)


@pytest.mark.parametrize("name", sorted(W.DEMOS))
def test_two_panel_demos_stack_their_panels_on_a_phone(built_book, visit, demos, name):
    """나란한 두 칸(경로와 손실 곡선 등)의 프레임은 휴대전화에서 칸마다 본문 폭으로 위아래로 쌓인다: 두 칸이 다
    보이고(옆으로 밀지 않는다), 칸마다 제 픽셀 범위만 읽을 수 있는 크기로 보이며, 조절기를 움직이면 함께 바뀐다.
    넓은 화면에서는 그림 전체 한 장(첫 칸 상자)만 보인다."""
    demo = demos[name]
    v = visit(find_page(built_book.html, name), width=390, height=844)
    page, sel = v.page, f'[data-dlkit-demo="{name}"]'
    if len(demo.panels) < 2:  # 칸이 하나인 프레임은 나누지 않는다(휴대전화 규칙대로 넓으면 옆으로 미는 상자)
        assert page.locator(f"{sel} .dlkit-panel").count() == 0
        return
    page.locator(sel).scroll_into_view_if_needed()
    index = list(demo.initial)
    wait_shown(page, sel, frame_number(demo.shape, index))
    assert page.locator(f"{sel} .studybook-hscroll").count() == 0, "칸을 쌓은 프레임이 옆으로 미는 상자에 들었습니다"
    column = page.evaluate("(sel) => document.querySelector(sel + ' .dlkit-view').getBoundingClientRect()", sel)
    for axis in [None] + list(range(len(demo.shape))):
        if axis is not None:
            move(page, sel, demo, index, axis)
            wait_shown(page, sel, frame_number(demo.shape, index))
        k = frame_number(demo.shape, index)
        page.wait_for_function("(sel) => [...document.querySelectorAll(sel + ' .dlkit-panel img')]"
                               ".every((i) => i.complete && i.naturalWidth > 0)", arg=sel, timeout=10000)
        boxes = panel_boxes(page, sel)
        assert len(boxes) == len(demo.panels)
        for j, (box, (x0, x1)) in enumerate(zip(boxes, demo.panels)):
            assert box["shown"], f"칸 {j}이 보이지 않습니다"
            assert box["src"].endswith(frame_name(demo.frames[k])), f"칸 {j}이 프레임 {k}을 보이지 않습니다"
            scale = box["imgWidth"] / box["natural"]
            assert scale >= FIGURE_MIN_SCALE, f"칸 {j} 배율 {scale:.2f}"
            # 프레임에서 가장 작은 글자(FRAME_MIN_FONT_PT, FRAME_DPI로 그림)가 화면에서 몇 CSS px인가
            smallest = FRAME_MIN_FONT_PT * FRAME_DPI / 72 * scale
            assert smallest >= PHONE_MIN_TEXT_PX, f"칸 {j}의 가장 작은 글자 {smallest:.1f}px"
            assert box["left"] >= column["left"] - 0.5 and box["right"] <= column["right"] + 0.5, box
            # 상자가 보이는 것이 그 칸의 픽셀 범위 [x0, x1)이다
            assert (box["left"] - box["imgLeft"]) / scale == pytest.approx(x0, abs=1.5)
            assert box["width"] / scale == pytest.approx(x1 - x0, abs=1.5)
            assert box["height"] / scale == pytest.approx(demo.data()["size"][1], abs=1.5)
        for upper, lower in zip(boxes, boxes[1:]):
            assert lower["top"] >= upper["bottom"] - 0.5, "칸이 위아래로 쌓이지 않았습니다"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert v.external_requests == [] and v.console_errors == []
    # 넓은 화면: 첫 칸 상자가 그림 전체를 보이고 나머지 칸은 숨는다
    wide = visit(find_page(built_book.html, name), width=1280, height=900)
    wide.page.locator(sel).scroll_into_view_if_needed()
    wait_shown(wide.page, sel, frame_number(demo.shape, list(demo.initial)))
    boxes = panel_boxes(wide.page, sel)
    assert [b["shown"] for b in boxes] == [True] + [False] * (len(boxes) - 1)
    assert boxes[0]["imgLeft"] == pytest.approx(boxes[0]["left"], abs=0.5)
    assert boxes[0]["imgWidth"] == pytest.approx(boxes[0]["width"], abs=0.5)


@pytest.mark.parametrize("name", sorted(W.DEMOS))
def test_demo_fits_a_phone(built_book, visit, name):
    v = visit(find_page(built_book.html, name), width=390, height=844)
    page, sel = v.page, f'[data-dlkit-demo="{name}"]'
    page.locator(sel).scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # 넓은 프레임은 휴대전화 규칙(studybook-phone.js)대로 글자가 읽히는 크기로, 옆으로 미는 상자 안에 든다:
    # 그 상자는 데모 폭 안에 있어야 하고, 조절기와 단추는 상자 없이 폭 안에 있어야 한다.
    # 칸으로 쌓은 프레임(test_two_panel_demos_stack_their_panels_on_a_phone)은 칸 상자가 그림을 잘라 보이므로 상자를 잰다
    parts = ", ".join(f"{sel} {tag}" for tag in ("input", "button", "img", "output", "label", "fieldset",
                                                  ".studybook-hscroll", ".dlkit-panel"))
    column = page.evaluate("(sel) => document.querySelector(sel).getBoundingClientRect().right", sel)
    widest = page.evaluate("""(parts) => Math.max(...[...document.querySelectorAll(parts)]
                                .filter((e) => !e.parentElement.closest('.studybook-hscroll')
                                               && !e.parentElement.classList.contains('dlkit-panel'))
                                .map((e) => e.getBoundingClientRect().right))""", parts)
    assert widest <= column + 0.5, f"조절기가 데모 상자 밖으로 나갑니다({widest} > {column})"
