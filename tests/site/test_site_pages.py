"""빌드된 책의 모든 페이지가 네트워크 없이, 콘솔 오류 없이 열리고 화면 틀이 한국어인지.

- 정적 검사(브라우저 없음): <script src>/<link href>에 http(s) 주소가 없다(저장소·실행 링크는
  <a>라 해당 없음), CSS가 밖의 글꼴을 부르지 않는다, sphinx-thebe 중복 스크립트가 없다.
- 브라우저 검사(@pytest.mark.browser): _toc.yml의 모든 페이지와 genindex.html을 헤드리스
  Chromium으로 열어 사이트 밖 요청 0, 콘솔 오류 0, 4xx/5xx 0. 수식이 있는 페이지에서는
  빌드가 쓴 MathML이 수식 글꼴로 바르게 그려졌는지, 한글이 한국어 글꼴로 그려졌는지, 한국어 UI 문구가 보이는지.

search.html은 검색(Pagefind) 담당 테스트(test_search.py)가 따로 본다.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import korean_fonts_used, toc_pages

KOREAN_UI = {
    "search": "이 책에서 검색",
    "skip": "본문 바로가기",
    "top": "맨 위로",
    "toc": "이 페이지의 내용",
    "author": "지은이:",
}
ENGLISH_UI = ("Search this book", "On this page", "Skip to main content", "Back to top")
KOREAN_FONT = re.compile(r"nanum|noto\s*(sans|serif)\s*(cjk|kr)|source han|un\s?dotum|baekmuk|malgun|apple sd gothic",
                         re.IGNORECASE)


PAGES = toc_pages() + ["genindex.html"]


class _AssetLinks(HTMLParser):
    """<script src>와 <link href>(rel 포함)를 모은다."""

    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.links.append((attrs.get("rel") or "", attrs["href"]))


def built_pages(html_root: Path) -> list[Path]:
    """책 본문 페이지: _static·_sources와 다른 단계의 산출물(slides/, notebooks/, pagefind/)은 뺀다."""
    skip = {"_static", "_sources", "_images", "slides", "notebooks", "pagefind"}
    return sorted(
        p for p in html_root.rglob("*.html")
        if not skip & set(p.relative_to(html_root).parts)
        and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:500]  # 루트 index.html 넘겨주기
    )


def math_pages(html_root: Path) -> list[str]:
    """Sphinx가 수식 노드로 낸 페이지(`class="math ...`)."""
    return [
        p.relative_to(html_root).as_posix()
        for p in built_pages(html_root)
        if re.search(r'class="math(?:\s|")', p.read_text(encoding="utf-8"))
    ]


# ---------------------------------------------------------------- 정적 검사

GLUED = re.compile(r'<span class="pasted-text">([^<]*)</span>')
"""본문에 붙인(glue) 계산 값."""


def glue_style_problems(page_html: str) -> list[str]:
    """본문에 붙인 값 가운데 책의 숫자 모양(dlkit.words)을 어긴 것: 하이픈 음수('-3.40'), e 표기('4.8e-05')."""
    return [value for value in GLUED.findall(page_html)
            if re.search(r"(?<![\w.])-\d|\de[-+]?\d", value)]


def test_glue_style_check_catches_hyphens_and_e_notation():
    # 대조군: 옛 장들이 붙이던 모양
    page = ('<span class="pasted-text">-3.4002</span> <span class="pasted-text">4.8e-05</span> '
            '<span class="pasted-text">\u22123.4002</span> <span class="pasted-text">4.8 × 10⁻⁵</span>')
    assert glue_style_problems(page) == ["-3.4002", "4.8e-05"]


@pytest.mark.build
def test_glued_numbers_use_the_books_number_style(built_book):
    """본문의 계산 값도 그림·데모처럼 음수는 −(U+2212), 작은 수는 × 10ⁿ으로 쓴다(MathJax의 $-2$ 옆에서 하이픈이 튀지 않게)."""
    bad = {page.relative_to(built_book.html).as_posix(): problems
           for page in built_pages(built_book.html)
           if (problems := glue_style_problems(page.read_text(encoding="utf-8")))}
    assert not bad, f"하이픈이나 e 표기로 붙인 값: {bad} (dk.words.num / dk.words.sci로 glue하세요)"
    assert any(GLUED.search(p.read_text(encoding="utf-8")) for p in built_pages(built_book.html))  # 검사할 값이 있었다


def test_toc_pages_were_built(built_book):
    missing = [page for page in PAGES if not (built_book.html / page).is_file()]
    assert not missing, f"_toc.yml의 페이지가 빌드되지 않았습니다: {missing}"


def test_pages_reference_no_external_assets(built_book):
    offenders = []
    for page in built_pages(built_book.html):
        parser = _AssetLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(built_book.html)
        offenders += [f"{rel}: <script src={src}>" for src in parser.scripts if re.match(r"(https?:)?//", src)]
        offenders += [f"{rel}: <link rel={r} href={href}>" for r, href in parser.links
                      if re.match(r"(https?:)?//", href) and r != "canonical"]
    assert not offenders, "페이지가 인터넷의 스크립트/스타일을 부릅니다:\n" + "\n".join(offenders)


def test_stylesheets_load_nothing_from_the_internet(built_book):
    external = re.compile(r"""(?:@import\s+|url\()\s*["']?(?:https?:)?//""", re.IGNORECASE)
    offenders = [
        css.relative_to(built_book.html).as_posix()
        for css in (built_book.html / "_static").rglob("*.css")
        if external.search(css.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not offenders, f"CSS가 밖의 자원(글꼴 등)을 부릅니다: {offenders}"


def test_vendored_assets_are_wired(built_book):
    static = built_book.html / "_static"
    for rel in ("mathjax/tex-mml-chtml.js", "requirejs/require.js", "jupyter-widgets/embed-amd.js",
                "jupyter-widgets/paths.js", "reveal.js/dist/reveal.js", "jquery/jquery.min.js"):
        assert (static / rel).is_file(), f"_static/{rel}가 없습니다(_vendor/ 또는 booktools/sphinxext/offline.py)"
    for page in built_pages(built_book.html):
        text = page.read_text(encoding="utf-8")
        assert "THEBE_JS_URL" not in text, f"{page.name}: sphinx-thebe 설정 스크립트가 남았습니다"
        assert 'lang="ko"' in text, f"{page.name}: <html lang>이 ko가 아닙니다 (sphinx.config.language: ko)"


# ---------------------------------------------------------------- 브라우저 검사

@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_without_errors(visit, path):
    result = visit(path)
    assert not result.external_requests, f"{path}: 사이트 밖 요청 {result.external_requests}"
    assert not result.failed_requests, f"{path}: 실패한 요청 {result.failed_requests}"
    assert not result.console_errors, f"{path}: 콘솔 오류 {result.console_errors}"


MATH_LAYOUT_JS = """() => {
    const box = el => el.getBoundingClientRect();
    const maths = [...document.querySelectorAll('.math')];
    const hats = [...document.querySelectorAll('mover[accent="true"]')].map(m => {
        const [base, accent] = m.children;
        return {base: box(base), accent: box(accent)};
    });
    const braces = [...document.querySelectorAll('.studybook-underbrace')].map(b => ({
        brace: box(b).width, content: box(b.firstElementChild).width,
        border: parseFloat(getComputedStyle(b).borderBottomWidth)}));
    // 두 칸씩 짝인 정렬 표(align*): 각 줄 둘째 칸의 첫 등호(=)는 같은 x에서 시작해야 한다
    const columns = [...document.querySelectorAll('mtable')].map(t => [...t.querySelectorAll(':scope > mtr')]
        .map(r => r.children[1] && r.children[1].querySelector('mo'))
        .filter(mo => mo && mo.textContent === '=').map(mo => Math.round(box(mo).left)));
    return {
        math: maths.length,
        drawn: maths.filter(el => { const m = el.querySelector('math'); return m && box(m).width > 0 && box(m).height > 0; }).length,
        font: [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Noto Sans Math').map(f => f.status),
        // 작은 악센트가 글자 바로 위에: ASCII ^는 글자 높이의 2/3쯤 되는 큰 꺾쇠로 그려졌다(고치면 1/4쯤)
        hatsAbove: hats.filter(h => h.accent.height <= 0.4 * h.base.height && h.accent.bottom <= h.base.top + 0.25 * h.base.height
                                  && h.accent.left >= h.base.left - 2 && h.accent.right <= h.base.right + 2).length,
        hats: hats.length,
        braces, columns,
    };
}"""


@pytest.mark.browser
def test_math_is_mathml_drawn_with_the_math_font(built_book, visit):
    """수식은 빌드 때 MathML이 되어(booktools/sphinxext/mathml.py) 페이지가 열리자마자 그려진다: 스크립트 조판 없음.

    브라우저에서 그려진 모양으로 본다: 모든 수식이 크기가 있고, 수식 글꼴(Noto Sans Math)을 받아 썼고, 악센트(ŷ의 ^)는
    글자 위에 있고, \\underbrace의 괄호는 묶은 식 전체를 덮고, 정렬 표의 등호는 줄마다 같은 자리에 선다.
    이 셋은 latex2mathml을 그대로 쓰면 틀린다(고치기 전 Chromium에서 본 것: ^가 옆에, 괄호가 식의 일부만, 등호가 어긋남)."""
    pages = math_pages(built_book.html)
    assert len(pages) >= 5, f"수식이 있는 페이지가 너무 적습니다: {pages}"
    seen_hats = seen_braces = seen_columns = 0
    for path in pages:
        result = visit(path)
        page = result.page
        page.evaluate("() => document.fonts.ready")
        state = page.evaluate(MATH_LAYOUT_JS)
        assert state["math"] > 0 and state["drawn"] == state["math"], (path, state["math"], state["drawn"])
        assert state["font"] == ["loaded"], f"{path}: 수식 글꼴을 받지 못했습니다: {state['font']}"
        assert state["hatsAbove"] == state["hats"], f"{path}: 글자 위에 있지 않은 악센트 {state['hats'] - state['hatsAbove']}개"
        for brace in state["braces"]:
            assert brace["border"] > 0 and brace["brace"] >= brace["content"] - 0.5, f"{path}: 식을 다 덮지 못한 괄호 {brace}"
        for xs in (xs for xs in state["columns"] if len(xs) >= 2):
            assert max(xs) - min(xs) <= 1, f"{path}: 정렬 표의 등호가 줄마다 다른 자리에 있습니다: {xs}"
        seen_hats += state["hats"]
        seen_braces += len(state["braces"])
        seen_columns += sum(len(xs) >= 2 for xs in state["columns"])
        body = page.inner_text("article")
        assert "\\(" not in body and "\\[" not in body and "$$" not in body, f"{path}: 원문 TeX가 화면에 남았습니다"
        assert page.evaluate("typeof window.MathJax") == "undefined", f"{path}: 사이트가 아직 MathJax를 싣습니다"
        assert not result.external_requests and not result.console_errors
        page.context.close()
    # 음성 대조: 검사한 모양이 실제로 책에 있다(없으면 위 검사는 아무것도 보지 않은 것이다)
    assert seen_hats >= 10 and seen_braces >= 3 and seen_columns >= 1, (seen_hats, seen_braces, seen_columns)


@pytest.mark.browser
def test_korean_ui_and_fonts(visit):
    # 제목이 여럿인 장이라 '이 페이지의 내용' 목차가 나온다.
    result = visit("chapters/00_intro.html")
    page = result.page
    assert page.get_attribute("html", "lang") == "ko", (
        "<html lang>이 ko가 아닙니다: Jupyter Book 1은 _config.yml 맨 위의 language를 Sphinx에 넘기지 "
        "않습니다. `sphinx: config: language: ko`가 있어야 합니다")
    html = page.content()
    for key, text in KOREAN_UI.items():
        assert text in html, f"한국어 UI 문구가 없습니다({key}): {text!r}"
    for text in ENGLISH_UI:
        assert text not in html, f"영어 UI 문구가 남았습니다: {text!r}"
    author = page.inner_text(".component-author").strip()
    assert not author.startswith("으로"), f"바닥글 지은이 표기가 어색합니다: {author!r}"

    for selector in ("article h1", ".component-author"):
        fonts = korean_fonts_used(page, selector)
        assert any(KOREAN_FONT.search(name) for name in fonts), (
            f"{selector}의 한글을 한국어 글꼴로 그리지 않았습니다(두부 글자): {fonts} "
            "(fonts-nanum 또는 fonts-noto-cjk 필요)")
