"""휴대전화 화면(폭 390px)에서 모든 페이지가 가로로 스크롤되지 않아야 한다.

코드 블록(pre)이나 표처럼 자기 안에서 가로 스크롤하는 상자는 괜찮다. 문서 전체의 폭
(`scrollWidth`)이 화면보다 넓으면 안 되고, 본문 요소가 화면 오른쪽 밖으로 잘려 나가도(부모가
overflow: hidden이라 스크롤이 안 생기는 경우) 안 된다.
"""
from __future__ import annotations

import pytest

from helpers import FIGURE_MIN_SCALE, site_pages, slide_decks, wait_until_settled

PHONE = {"width": 390, "height": 844}

# 본문 안에서 화면 밖으로 나간 요소. 자기 안에서 스크롤하는 상자(overflow-x: auto/scroll) 안의
# 요소는 그 상자가 화면 안에 있으면 괜찮다.
OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const bad = [];
  const root = document.querySelector('article.bd-article') || document.body;
  for (const el of root.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.right <= limit) continue;
    let inside = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (scrolls(p) && p.getBoundingClientRect().right <= limit) { inside = true; break; }
    }
    if (inside) continue;
    if (el.closest('.sr-only, .visually-hidden')) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    bad.push(`${name} right=${Math.round(rect.right)}`);
    if (bad.length >= 8) break;
  }
  return bad;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", site_pages())
def test_no_horizontal_scroll_on_phone(visit, path):
    record = visit(path, **PHONE)
    page = record.page
    wait_until_settled(page)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    overflowing = page.evaluate(OVERFLOWING)
    assert widths[0] <= widths[1], f"{path}: 문서 폭 {widths[0]}px > 화면 {widths[1]}px; 넘친 요소: {overflowing}"
    assert not overflowing, f"{path}: 화면 밖으로 나간 본문 요소: {overflowing}"


@pytest.mark.browser
def test_search_results_fit_on_phone(visit):
    record = visit("search.html?q=%EB%B0%B0%EC%B9%98%20%ED%81%AC%EA%B8%B0", **PHONE)  # ?q=배치 크기
    page = record.page
    page.wait_for_selector("#studybook-search .pagefind-ui__result-link", timeout=15000)
    page.wait_for_timeout(300)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    assert not page.evaluate(OVERFLOWING)


@pytest.mark.browser
def test_slide_decks_fit_on_phone(built_book, visit):
    """발표 슬라이드도 휴대전화 폭에서 문서 전체가 가로로 스크롤되지 않는다(reveal.js가 크기를 맞춤)."""
    wide = {}
    for path in slide_decks(built_book.html):
        page = visit(path, **PHONE).page
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            wide[path] = widths
    assert not wide, f"가로로 넘치는 슬라이드 덱(문서 폭, 화면 폭): {wide}"


# ── 휴대전화에서 읽을 수 있는가(assets/studybook-phone.css, studybook-phone.js) ─────────────
CHAPTERS = [p for p in site_pages() if p.startswith("chapters/0")]
PHONE_READABLE = """(minScale) => {
  const column = document.querySelector('article.bd-article').getBoundingClientRect();
  const limit = document.documentElement.clientWidth + 1;
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
  const scrollsX = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const out = {figures: [], small: [], controls: [], tables: [], code: [], counts: {}};
  // 그림(위젯 안의 장면은 데모 쪽이 따로 맞춘다)
  const figures = [...document.querySelectorAll('article img')].filter(
      (img) => img.naturalWidth > 0 && !img.closest('.jupyter-widgets, .widget-image'));
  out.counts.figures = figures.length;
  for (const img of figures) {
    const w = img.getBoundingClientRect().width;
    const scale = w / img.naturalWidth;
    const floor = Math.min(img.naturalWidth, 0.9 * column.width);
    if (w + 1 < floor) out.figures.push(`${img.src.slice(-40)} ${Math.round(w)}px < ${Math.round(floor)}px`);
    if (scale < minScale) out.small.push(`${img.src.slice(-40)} 배율 ${scale.toFixed(2)} (${Math.round(w)}/${img.naturalWidth})`);
  }
  // 조작부: 슬라이더 줄, 단추, 입력 칸이 본문 폭 안에 있는가
  const controls = document.querySelectorAll(
      'article .widget-hslider, article .widget-inline-hbox, article button, article input, article select, article .widget-readout');
  out.counts.controls = controls.length;
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.right > Math.min(column.right, limit) + 1 || r.width > column.width + 1) {
      out.controls.push(`${name(el)} 폭 ${Math.round(r.width)}, 오른쪽 ${Math.round(r.right)} > 본문 ${Math.round(column.right)}`);
    }
  }
  // 표: 가로로 미는 자기 상자 안에 있고, 넘치면 안내와 키보드 초점이 있다
  const tables = document.querySelectorAll('article table');
  out.counts.tables = tables.length;
  for (const t of tables) {
    const box = t.parentElement;
    if (!scrollsX(box) || box.getBoundingClientRect().right > limit) {
      out.tables.push(`${name(t)}: 스크롤 상자 안에 있지 않음 (${name(box)})`);
    } else if (box.scrollWidth > box.clientWidth + 1) {
      const hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains('studybook-hscroll-hint') || box.getAttribute('tabindex') !== '0') {
        out.tables.push(`${name(t)}: 넘치는 표에 안내나 키보드 초점이 없음`);
      }
    }
  }
  // 코드: 옆으로 밀어야 읽히는 코드 블록이 없다
  const pres = document.querySelectorAll('article pre');
  out.counts.code = pres.length;
  for (const pre of pres) {
    if (pre.scrollWidth > pre.clientWidth + 1) out.code.push(`${pre.textContent.trim().slice(0, 40)}… (${pre.scrollWidth}>${pre.clientWidth})`);
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_is_readable_on_phone(visit, path):
    """폭 390px: 그림은 본문 폭의 90% 이상 + 원래 크기의 55% 이상(넓은 그림은 가로 스크롤 상자),
    조작부는 본문 폭 안, 표는 자기 스크롤 상자 안(넘치면 안내), 코드는 상자 안에서 줄바꿈."""
    record = visit(path, **PHONE)
    page = record.page
    wait_until_settled(page)
    # 화면 밖의 그림(loading="lazy")도 읽어 들여 크기를 잰다
    page.evaluate("document.querySelectorAll('article img').forEach((i) => { i.loading = 'eager'; })")
    page.wait_for_function("[...document.querySelectorAll('article img')].every((i) => i.complete)", timeout=30000)
    page.wait_for_timeout(300)
    got = page.evaluate(PHONE_READABLE, FIGURE_MIN_SCALE)
    problems = {k: v for k, v in got.items() if k != "counts" and v}
    assert not problems, f"{path} ({got['counts']}): {problems}"
    assert not record.console_errors, record.console_errors


# ── 넓은 그림 크게 보기(studybook-phone.js): 페이지를 떠나지 않는 창 ───────────────────────
WIDE_FIGURE_PAGE = "chapters/02_bias.html"
# 데모(.dlkit-demo) 밖의 넓은 그림 하나에 표지를 붙이고, 그 그림과 캡션(본문의 figcaption, # 링크 빼고)을 돌려준다
PICK_WIDE_FIGURE = """() => {
  const img = [...document.querySelectorAll('article img.studybook-wide-figure')]
      .find((i) => !i.closest('.dlkit-demo') && i.closest('figure') && i.closest('figure').querySelector('figcaption'));
  if (!img) return null;
  img.dataset.testWide = '1';
  const copy = img.closest('figure').querySelector('figcaption').cloneNode(true);
  copy.querySelectorAll('a.headerlink').forEach((a) => a.remove());
  return {src: img.currentSrc || img.src, naturalWidth: img.naturalWidth,
          caption: copy.textContent.replace(/\\s+/g, ' ').trim()};
}"""
ZOOM_STATE = """() => {
  const d = document.querySelector('dialog.studybook-zoom');
  const box = document.querySelector('img[data-test-wide]').closest('.studybook-hscroll');
  return {open: !!(d && d.open), marker: window.__studybookMarker || null, href: location.href,
          scrollY: Math.round(window.scrollY), focusOnFigure: document.activeElement === box,
          zoomEntry: !!(history.state && history.state.studybookZoom)};
}"""


@pytest.fixture
def phone_touch(browser, site_url):
    """터치 화면 휴대전화(390x844, has_touch): 그림을 손가락으로 누르는(tap) 검사용."""
    contexts = []

    def _open(path: str):
        context = browser.new_context(viewport=PHONE, has_touch=True)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        wait_until_settled(page)
        return page, errors

    yield _open
    for context in contexts:
        context.close()


def _ready_wide_figure(page):
    """넓은 그림을 화면에 두고, 페이지가 다시 읽히면 사라지는 표지(window 변수)를 심는다."""
    page.wait_for_selector("article img.studybook-wide-figure", timeout=10000)
    figure = page.evaluate(PICK_WIDE_FIGURE)
    assert figure, "데모 밖의 넓은 그림(캡션 있는)이 없습니다"
    img = page.locator("img[data-test-wide]")
    img.scroll_into_view_if_needed()
    page.evaluate("window.__studybookMarker = 'kept'")
    return figure, img, page.evaluate(ZOOM_STATE)


@pytest.mark.browser
@pytest.mark.parametrize("path", [WIDE_FIGURE_PAGE, "chapters/00_intro.html"])
def test_wide_figure_tap_opens_in_page_and_back_closes(phone_touch, path):
    """넓은 그림을 누르면 같은 페이지의 창에 원래 크기로 연다(캡션, 닫기 단추). 휴대전화의 뒤로 가기는
    창만 닫는다: 주소·스크롤 위치·페이지 상태(표지 변수)가 그대로이고, 초점은 그림으로 돌아온다.
    00_intro의 그림은 Sphinx가 그 PNG로 가는 링크(a.image-reference)에 넣은 것: 눌러도 PNG로 넘어가지 않아야 한다."""
    page, errors = phone_touch(path)
    figure, img, before = _ready_wide_figure(page)
    img.tap()
    dialog = page.get_by_role("dialog", name="그림 크게 보기")
    dialog.wait_for(state="visible", timeout=5000)
    shown = dialog.evaluate("""(d) => {
      const img = d.querySelector('img'), pane = img.parentElement;
      return {src: img.currentSrc || img.src, width: Math.round(img.getBoundingClientRect().width),
              pannable: pane.scrollWidth > pane.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(pane).overflowX),
              caption: d.querySelector('.studybook-zoom-caption').textContent.replace(/\\s+/g, ' ').trim()};
    }""")
    assert shown["src"] == figure["src"]
    assert shown["width"] == figure["naturalWidth"], "창의 그림이 원래 크기가 아닙니다"
    assert shown["pannable"], "원래 크기 그림을 옆으로 밀 수 없습니다"
    assert shown["caption"] == figure["caption"]
    close = dialog.get_by_role("button", name="닫기")
    assert close.is_visible()
    assert close.evaluate("(b) => document.activeElement === b"), "창을 열면 닫기 단추에 초점이 가야 합니다"
    opened = page.evaluate(ZOOM_STATE)
    assert opened["open"] and opened["marker"] == "kept" and opened["href"] == before["href"]

    page.go_back()
    page.wait_for_function("!document.querySelector('dialog.studybook-zoom').open", timeout=5000)
    after = page.evaluate(ZOOM_STATE)
    assert after["marker"] == "kept", "뒤로 가기가 페이지를 다시 읽었습니다(페이지 상태가 사라짐)"
    assert after["href"] == before["href"]
    assert abs(after["scrollY"] - before["scrollY"]) <= 1, (before["scrollY"], after["scrollY"])
    assert after["focusOnFigure"], "창을 닫으면 초점이 그림 상자로 돌아와야 합니다"
    assert not errors, errors


@pytest.mark.browser
def test_wide_figure_keyboard_escape_and_close_button(phone_touch):
    """그림 상자에 초점을 두고 Enter·Space로 연다. Esc와 닫기 단추로 닫히고, 닫으면 열 때 넣은 history 항목도
    빠진다(뒤로 가기를 한 번 더 눌러야 페이지를 떠나는 일이 없게). 초점은 그림 상자로 돌아온다."""
    page, errors = phone_touch(WIDE_FIGURE_PAGE)
    _, img, before = _ready_wide_figure(page)
    box = img.locator("xpath=..")
    dialog = page.get_by_role("dialog", name="그림 크게 보기")
    for key, how in (("Enter", "Escape"), ("Space", "button")):
        box.focus()
        page.keyboard.press(key)
        dialog.wait_for(state="visible", timeout=5000)
        assert page.evaluate(ZOOM_STATE)["zoomEntry"], "창을 열 때 history 항목을 넣어야 합니다(뒤로 가기로 닫게)"
        if how == "Escape":
            page.keyboard.press("Escape")
        else:
            dialog.get_by_role("button", name="닫기").click()
        dialog.wait_for(state="hidden", timeout=5000)
        # 열 때 넣은 항목이 빠졌는가(history.back()은 비동기로 끝난다. 페이지 원래의 state는 {}일 수 있다)
        page.wait_for_function("!(history.state && history.state.studybookZoom)", timeout=5000)
        after = page.evaluate(ZOOM_STATE)
        assert after["marker"] == "kept" and after["href"] == before["href"], (key, how, after)
        assert after["focusOnFigure"], f"{how}로 닫은 뒤 초점이 그림 상자로 돌아오지 않았습니다"
    assert not errors, errors


# ── 긴 표의 안내: 표 가운데를 읽는 동안에도 보여야 한다 ─────────────────────────────────────
VISIBLE_TABLE_HINTS = """() => {
  // 화면 안에 있고 다른 것에 가려지지 않은 표 안내(가운데 점을 덮은 요소가 안내 자신인가)
  return [...document.querySelectorAll('.studybook-hscroll-hint')].filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.top < 0 || r.bottom > innerHeight) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (hit === el || el.contains(hit)) && el.textContent.includes('표');
  }).map((el) => el.textContent.trim());
}"""
SCROLL_TO_TABLE = """([where]) => {
  const box = [...document.querySelectorAll('article .studybook-hscroll')].find((b) => b.querySelector('table'));
  const r = box.getBoundingClientRect(), top = scrollY + r.top;
  const hint = box.previousElementSibling.getBoundingClientRect();
  const y = where === 'middle' ? top + r.height / 2 - innerHeight / 2
      : scrollY + hint.top - innerHeight - 50;             // 'above': 표의 위 안내가 화면 아래 바로 밖
  window.scrollTo(0, y);
  const now = box.getBoundingClientRect();
  return {height: Math.round(r.height), top: Math.round(now.top), bottom: Math.round(now.bottom)};
}"""


@pytest.mark.browser
def test_long_table_hint_visible_in_middle_of_table(visit):
    """용어집의 긴 표(화면보다 훨씬 길고 옆으로 넘침): 표 가운데를 보고 있을 때도 '옆으로 밀어 보세요' 안내가
    화면에 보인다(표 위의 안내만 있으면 화면 밖). 표가 아직 화면에 오기 전에는 보이지 않는다(화면에 늘 떠 있지 않게)."""
    page = visit("chapters/glossary.html", **PHONE).page
    wait_until_settled(page)
    page.wait_for_timeout(200)
    where = page.evaluate(SCROLL_TO_TABLE, ["middle"])
    page.wait_for_timeout(100)
    assert where["top"] < 0 and where["bottom"] > PHONE["height"], f"표 가운데를 보는 위치가 아님: {where}"
    assert page.evaluate(VISIBLE_TABLE_HINTS), f"표 가운데에서 가로 스크롤 안내가 보이지 않습니다 {where}"
    where = page.evaluate(SCROLL_TO_TABLE, ["above"])
    page.wait_for_timeout(100)
    assert where["top"] > PHONE["height"], where
    assert not page.evaluate(VISIBLE_TABLE_HINTS), "표가 화면에 오기 전부터 안내가 떠 있습니다"
