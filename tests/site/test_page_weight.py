"""모든 페이지가 싣는 것을 줄였는지: Sphinx 자체 검색, FontAwesome JS, MathJax(수식은 빌드 때 MathML).

- 정적 검사(빌드된 HTML): 어느 페이지의 ``<script src>``도 searchtools.js·language_data.js·searchindex.js·
  fontawesome.js를 부르지 않는다. 틀의 FontAwesome 아이콘은 모두 인라인 SVG가 되었다.
- 브라우저 검사: 페이지를 처음 열어 네트워크가 잠잠해질 때까지 받은 자원(Resource Timing)에 그 스크립트가 없다.
  어느 페이지도 MathJax를 받지 않고, 수식 글꼴은 수식이 있는 페이지만 받는다. 아이콘은 크기가 있는 SVG로 그려진다.

무게 자체(바이트)는 테스트가 아니라 `make bench`(booktools/bench/pageweight.py)가 재고 예산과 비교한다.
"""
from __future__ import annotations

import re

import pytest

from booktools.sphinxext import deferred
from booktools.sphinxext.icons import FONTAWESOME_JS, ICON_CLASS
from booktools.sphinxext.search import SPHINX_SEARCH_SCRIPTS
from booktools.vendor import ASSETS
from helpers import toc_pages

DROPPED = (*SPHINX_SEARCH_SCRIPTS, FONTAWESOME_JS)
PAGES = toc_pages() + ["genindex.html", "search.html"]
SCRIPT_SRC = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')
FA_TAG = re.compile(r'<(i|span)\b[^>]*\bclass="([^"]*\bfa-[^"]*)"[^>]*>')
MATH_NODE = re.compile(r'class="math(?:\s|")')

RESOURCES_JS = "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"


def dropped_in(paths: list[str]) -> list[str]:
    """자원 경로 목록 가운데 빼기로 한 스크립트(사이트 뿌리 기준 이름으로 끝나는 것)."""
    return [p for p in paths for name in DROPPED if p.split("?")[0].endswith("/" + name) or p == name]


def page_html(built_book, page: str) -> str:
    return (built_book.html / page).read_text(encoding="utf-8")


# ── 정적 검사 ──────────────────────────────────────────────────────────
@pytest.mark.build
def test_no_page_references_sphinx_search_or_fontawesome_js(built_book):
    offenders = {page: found for page in PAGES
                 if (found := dropped_in(["/" + s for s in SCRIPT_SRC.findall(page_html(built_book, page))]))}
    assert not offenders, f"빼기로 한 스크립트를 부르는 페이지: {offenders}"
    # 음성 대조: 빼지 않은 테마 스크립트는 그대로 있다(거르개가 다 지우고 있지 않다)
    assert any(s.split("?")[0].endswith("sphinx_highlight.js") for s in SCRIPT_SRC.findall(page_html(built_book, "chapters/04_optim.html")))
    assert dropped_in(["/_static/searchtools.js", "/_static/scripts/fontawesome.js?digest=1", "/_static/doctools.js"]) == [
        "/_static/searchtools.js", "/_static/scripts/fontawesome.js?digest=1"]


@pytest.mark.build
def test_theme_icons_are_inline_svgs(built_book):
    """틀의 FontAwesome 아이콘(``<i class="fa-…">``)은 모두 SVG를 품었다(글꼴이나 JS에 기대는 아이콘이 없다)."""
    left, nested = {}, 0
    for page in PAGES:
        text = page_html(built_book, page)
        tags = FA_TAG.findall(text)
        nested += sum(ICON_CLASS in cls for _, cls in tags)
        if missing := sorted({cls for _, cls in tags if ICON_CLASS not in cls}):
            left[page] = missing
    assert not left, f"SVG로 바꾸지 못한 아이콘: {left}"
    assert nested >= 10 * len(PAGES), f"아이콘이 너무 적습니다({nested}개): 틀의 아이콘을 찾지 못한 것 아닌가요"


# ── 브라우저 검사 ──────────────────────────────────────────────────────
@pytest.mark.browser
def test_pages_fetch_no_sphinx_search_or_fontawesome_js(visit):
    fetched = {}
    for page in PAGES:
        record = visit(page)
        resources = record.page.evaluate(RESOURCES_JS)
        assert any(r.endswith(".css") for r in resources), f"{page}: 자원 목록이 비었습니다(측정이 틀렸습니다)"
        if found := dropped_in(resources):
            fetched[page] = found
        record.page.context.close()
    assert not fetched, f"빼기로 한 스크립트를 받은 페이지: {fetched}"


@pytest.mark.browser
def test_no_page_loads_mathjax_and_only_math_pages_load_the_math_font(built_book, visit):
    """사이트의 수식은 빌드 때 MathML이다: 어느 페이지도 MathJax(1.2 MB)를 받지 않고, 수식 글꼴(부분 글꼴)과 수식 CSS는
    수식이 있는 페이지만 받는다."""
    plain = [p for p in toc_pages() if not MATH_NODE.search(page_html(built_book, p))]
    with_math = [p for p in toc_pages() if p not in plain]
    assert plain and with_math, f"수식 없는 페이지 {plain}, 수식 있는 페이지 {with_math}: 둘 다 있어야 검사가 됩니다"
    mathjax = "/_static/" + ASSETS["mathjax"].rsplit("/", 1)[0] + "/"
    font = "/_static/" + ASSETS["math_font"]
    for page in plain + with_math[:2]:
        record = visit(page)
        resources = record.page.evaluate(RESOURCES_JS)
        assert not [r for r in resources if r.startswith(mathjax)], f"{page}: MathJax를 받습니다"
        assert record.page.evaluate("typeof window.MathJax") == "undefined", page
        got_font = any(r.split("?")[0] == font for r in resources)
        assert got_font == (page in with_math), f"{page}: 수식 {'있음' if page in with_math else '없음'}, 수식 글꼴 받음 {got_font}"
        record.page.context.close()


ICON_BOXES_JS = """(selector) => [...document.querySelectorAll(selector)].map(el => {
    const svg = el.querySelector(':scope > svg');
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    const path = svg && svg.querySelector('path');
    return {cls: el.className, width: box.width, height: box.height,
            painted: !!(path && path.getAttribute('d') && getComputedStyle(path).fill !== 'none'),
            glyph: getComputedStyle(el, '::before').content};
})"""


@pytest.mark.browser
def test_header_and_sidebar_icons_render_as_svg(visit):
    """머리(사이드바 단추, GitHub, 전체 화면, 화면 색상), 사이드바 검색 칸, 옆 목차 제목, 앞뒤 쪽 단추의 아이콘이
    크기가 있는 SVG로 그려진다."""
    record = visit("chapters/04_optim.html")
    page = record.page
    # 보이는 아이콘 가운데 꼭 있어야 하는 것: 각각 화면에 그려졌는가
    for selector in (".primary-toggle .fa-bars", ".search-button-field .fa-magnifying-glass",
                     ".dropdown-source-buttons .fa-github", ".btn-fullscreen-button .fa-expand",
                     ".theme-switch-button .theme-switch", ".page-toc .fa-list", ".prev-next-area .fa-angle-left"):
        boxes = page.evaluate(ICON_BOXES_JS, selector)
        assert boxes, f"{selector}: 아이콘이 없습니다"
        drawn = [b for b in boxes if b["width"] > 4 and b["height"] > 4 and b["painted"]]
        assert drawn, f"{selector}: 크기 있는 SVG로 그려지지 않았습니다: {boxes}"
        assert all(b["glyph"] in ("none", "normal") for b in boxes), f"{selector}: 글꼴 글리프도 그립니다: {boxes}"
    # 음성 대조: 없는 아이콘은 빈 목록이다(선택자가 아무거나 잡지 않는다)
    assert page.evaluate(ICON_BOXES_JS, ".fa-no-such-icon") == []
    resources = page.evaluate(RESOURCES_JS)
    assert not [r for r in resources if "fontawesome/webfonts/fa-brands" in r], resources
    assert not record.console_errors and not record.external_requests


def test_math_font_is_a_subset_that_covers_every_letter_of_the_site_math(built_book):
    """사이트에 올라간 수식 글꼴은 전체 글꼴(_vendor/, 256 KB)이 아니라 사이트의 수식 글자만 남긴 부분 글꼴이다. 그래도
    어느 페이지의 수식 글자든 전체 글꼴에 있는 것이면 부분 글꼴에도 있다(빠지면 그 글자만 다른 글꼴로 그려진다)."""
    import io

    from fontTools.ttLib import TTFont

    from booktools.sphinxext.mathml import math_text
    from helpers import ROOT

    published = built_book.html / "_static" / ASSETS["math_font"]
    source = ROOT / "_vendor" / ASSETS["math_font"]
    full = set(map(chr, TTFont(source).getBestCmap()))
    subset = set(map(chr, TTFont(io.BytesIO(published.read_bytes())).getBestCmap()))
    used = set(math_text(built_book.html))
    assert len(used) > 50, f"사이트의 수식 글자가 너무 적습니다: {''.join(sorted(used))}"
    missing = sorted((used & full) - subset)
    assert not missing, f"부분 글꼴에 없는 수식 글자: {''.join(missing)}"
    assert published.stat().st_size < source.stat().st_size / 5, \
        f"사이트의 수식 글꼴이 {published.stat().st_size} 바이트: 부분 글꼴이 아닙니다"
    assert "MATH" in TTFont(io.BytesIO(published.read_bytes()))


BLOCKING_AND_WORK_JS = """() => ({
    blocking: performance.getEntriesByType('resource')
        .filter(r => r.renderBlockingStatus === 'blocking' && r.initiatorType === 'script')
        .map(r => new URL(r.name).pathname.split('/').pop()),
    code: document.querySelectorAll('div.highlight pre').length,
    copy: document.querySelectorAll('button.copybtn').length,
    toggleTargets: document.querySelectorAll('.toggle, .admonition.dropdown').length,
    toggles: document.querySelectorAll('button.toggle-button').length,
    translations: typeof Documentation === 'undefined' ? -1 : Object.keys(Documentation.TRANSLATIONS || {}).length,
})"""


@pytest.mark.browser
def test_head_scripts_do_not_block_rendering_and_still_do_their_work(visit):
    """머리의 스크립트는 미뤄져(booktools.sphinxext.deferred) 첫 화면을 막지 않는다: Chromium이 렌더링 차단으로 본
    스크립트는 미루지 않기로 한 것(KEEP)뿐이다. 그래도 미룬 스크립트는 제 일을 한다: 코드마다 복사 단추, 접는
    상자마다 펼침 단추, 한국어 번역 표. (음성 대조: 미루기 전에는 doctools.js 등 9개가 차단으로 잡혔다.)"""
    for page in ["chapters/02_bias.html", "chapters/04_optim.html", "chapters/glossary.html", "search.html"]:
        record = visit(page)
        state = record.page.evaluate(BLOCKING_AND_WORK_JS)
        assert set(state["blocking"]) <= set(deferred.KEEP), f"{page}: 렌더링을 막는 스크립트 {state['blocking']}"
        assert state["copy"] == state["code"], f"{page}: 코드 {state['code']}개, 복사 단추 {state['copy']}개"
        assert state["toggles"] == state["toggleTargets"], f"{page}: 접는 상자와 단추 수가 다릅니다 {state}"
        assert state["translations"] > 0, f"{page}: 번역 표가 없습니다(translations.js가 돌지 않았습니다)"
        if page == "chapters/02_bias.html":
            assert state["code"] > 5 and state["toggleTargets"] > 0, state   # 검사할 것이 있는 페이지
        record.page.context.close()
