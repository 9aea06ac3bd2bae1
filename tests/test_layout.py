"""휴대전화 화면(폭 390px)에서 모든 페이지가 가로로 스크롤되지 않아야 한다.

코드 블록(pre)이나 표처럼 자기 안에서 가로 스크롤하는 상자는 괜찮다. 문서 전체의 폭
(`scrollWidth`)이 화면보다 넓으면 안 되고, 본문 요소가 화면 오른쪽 밖으로 잘려 나가도(부모가
overflow: hidden이라 스크롤이 안 생기는 경우) 안 된다.
"""
from __future__ import annotations

import pytest

from test_a11y import PAGES, slide_decks, wait_until_settled

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
@pytest.mark.parametrize("path", PAGES)
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
