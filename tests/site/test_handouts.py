"""인쇄: 덱의 유인물(slides/<장>.pdf)과 장 페이지의 인쇄 스타일.

- 인쇄하는 빌드(Chromium 있음)는 모든 덱의 PDF를 슬라이드 목록과 그 장 페이지에서 링크하고,
  링크는 실제 PDF를 가리킨다.
- 인쇄하지 않는 빌드(`python -m booktools build --no-pdf`: Chromium을 지우지 않고 같은 상황을 만든다)는
  로그와 슬라이드 목록에 그렇게 적고, PDF 링크도 PDF 파일도 없다(깨진 링크 없음).
  그 뒤 인쇄하는 빌드를 하면 Sphinx 설정값 studybook_can_print가 바뀌어 목록이 다시 쓰이고
  PDF 링크가 생긴다(이슈 12: Chromium을 설치한 뒤의 다음 빌드).
- 장 페이지를 인쇄하면(media=print) 사이드바·머리·실행 버튼·슬라이드 링크가 빠지고 그림은 남고
  풀이는 접힌 채다.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import CHROMIUM, ROOT, in_ci, run_build

CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9][0-9]_*.md"))
NOTICE = "인쇄용 PDF 없음"
LOG_LINE = "인쇄용 PDF를 만들지 않습니다"
HREF = re.compile(r'href="([^"#?]+)')


def slide_hrefs(page: Path) -> list[str]:
    return [h for h in HREF.findall(page.read_text(encoding="utf-8")) if "slides/" in h]


def resolve(page: Path, href: str) -> Path:
    return (page.parent / href).resolve()


def deck_pages(html: Path) -> list[Path]:
    return [html / "chapters" / "slides.html"] + [html / "chapters" / f"{n}.html" for n in CHAPTERS]


def assert_handouts_linked(html: Path) -> None:
    """슬라이드 목록과 장 페이지마다 그 장의 PDF 링크가 있고, 모든 slides/ 링크가 있는 파일을 가리킨다."""
    index = html / "chapters" / "slides.html"
    text = index.read_text(encoding="utf-8")
    assert NOTICE not in text
    for name in CHAPTERS:
        assert f'href="../slides/{name}.pdf"' in text, f"슬라이드 목록에 {name}.pdf 링크가 없습니다"
        chapter = html / "chapters" / f"{name}.html"
        assert f'href="../slides/{name}.pdf"' in chapter.read_text(encoding="utf-8"), f"{name} 장 페이지에 PDF 링크가 없습니다"
        pdf = html / "slides" / f"{name}.pdf"
        assert pdf.read_bytes()[:5] == b"%PDF-", pdf
    for page in deck_pages(html):
        for href in slide_hrefs(page):
            assert resolve(page, href).is_file(), f"{page.name}: 깨진 링크 {href}"


def assert_no_handouts(html: Path) -> None:
    """안내가 있고, PDF 링크·PDF 파일이 없으며, 남은 slides/ 링크(덱)는 모두 있는 파일을 가리킨다."""
    index = html / "chapters" / "slides.html"
    text = index.read_text(encoding="utf-8")
    assert NOTICE in text and "Chromium을 설치하고 다시 빌드하면" in text
    assert list((html / "slides").glob("*.pdf")) == []
    for page in deck_pages(html):
        hrefs = slide_hrefs(page)
        assert not [h for h in hrefs if h.endswith(".pdf")], f"{page.name}: PDF 링크가 남았습니다"
        for href in hrefs:
            assert resolve(page, href).is_file(), f"{page.name}: 깨진 링크 {href}"
    for name in CHAPTERS:
        assert f'href="../slides/{name}.html"' in text


def test_session_build_links_handouts_or_says_why(built_book):
    """세션 빌드: Chromium이 있으면 모든 유인물이 링크되고, 없으면(노트북) 목록이 그렇게 말한다."""
    if CHROMIUM.exists():
        assert LOG_LINE not in built_book.output
        assert_handouts_linked(built_book.html)
    else:
        assert not in_ci(), "CI에는 Chromium이 있어야 합니다"
        assert LOG_LINE in built_book.output
        assert_no_handouts(built_book.html)


@pytest.mark.browser
def test_build_without_printing_says_so_then_next_build_links_handouts(book_copy, browser):
    """--no-pdf 빌드: 로그·목록에 안내, 링크·PDF 없음. 다음(인쇄하는) 빌드: 목록이 다시 쓰여 링크가 생긴다."""
    off = run_build(book_copy, "--no-pdf")
    assert off.returncode == 0, off.output[-4000:]
    assert LOG_LINE in off.output
    assert_no_handouts(off.html)

    on = run_build(book_copy)
    assert on.returncode == 0, on.output[-4000:]
    assert LOG_LINE not in on.output
    assert_handouts_linked(on.html)


# ---------------------------------------------------------------------------
# 장 페이지 인쇄

PRINT_PROBE = """() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].some(el => {
    const cs = getComputedStyle(el); const r = el.getBoundingClientRect();
    return cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  });
  const solution = document.querySelector('.bd-article .solution');
  return {
    sidebar: shown('.bd-sidebar-primary'), toc: shown('.bd-sidebar-secondary'), header: shown('.bd-header'),
    launch: shown('.article-header-buttons, .dropdown-launch-buttons'), slidesLink: shown('.studybook-slides-link'),
    prevNext: shown('.prev-next-area'),
    figures: [...document.querySelectorAll('.bd-article img')].filter(img => img.getBoundingClientRect().width > 0).length,
    solutionTitle: solution ? shown('.bd-article .solution > .admonition-title') : null,
    solutionBody: solution ? [...solution.children].filter(el => !el.classList.contains('admonition-title'))
      .some(el => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0) : null,
  };
}"""


@pytest.mark.browser
def test_chapter_page_prints_cleanly(built_book, visit):
    record = visit("chapters/02_bias.html", width=1280, height=900)
    page = record.page
    # 데모 위젯은 페이지가 뜬 뒤에 그려진다: 그 그림까지 그려진 다음에 센다(인쇄에도 남아야 한다)
    page.wait_for_selector(".bd-article img.dlkit-frame", state="visible", timeout=30_000)
    screen = page.evaluate(PRINT_PROBE)
    # 대조: 화면에서는 사이드바와 실행 버튼이 보인다(아래 검사가 헛돌지 않게)
    assert screen["sidebar"] and screen["launch"] and screen["slidesLink"], screen
    page.emulate_media(media="print")
    printed = page.evaluate(PRINT_PROBE)
    assert printed["sidebar"] is False and printed["toc"] is False and printed["header"] is False, printed
    assert printed["launch"] is False and printed["slidesLink"] is False and printed["prevNext"] is False, printed
    assert printed["figures"] >= 1 and printed["figures"] == screen["figures"], (screen, printed)
    assert printed["solutionTitle"] is True and printed["solutionBody"] is False, printed
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf[:5] == b"%PDF-" and len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) >= 2
    assert record.console_errors == [] and record.external_requests == []
