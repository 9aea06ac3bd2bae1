"""발표 슬라이드(reveal.js 덱과 인쇄용 PDF) 검사.

덱은 `booktools/slides.py`가 책 빌드 뒤에 `_build/html/slides/<장>.html`로 만든다.
기대하는 슬라이드 수는 장 원고의 표시(`slideshow.slide_type`)에서 여기서 따로 센다.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from booktools.slides import overflow_js as slides_overflow_js
from helpers import ROOT, korean_fonts_used

CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9][0-9]_*.md"))
MIN_SLIDES = 6
OVERFLOW_JS = slides_overflow_js()
READY = "document.documentElement.getAttribute('data-studybook-ready') === '1'"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def marked_cells(source: Path) -> list[dict]:
    """장 원고의 셀 메타데이터와 종류(myst-nb가 읽는 그대로)."""
    from myst_nb.core.read import read_myst_markdown_notebook

    nb = read_myst_markdown_notebook(source.read_text(encoding="utf-8"))
    return [cell for cell in nb.cells]


def kind(cell) -> str | None:
    return (cell.metadata.get("slideshow") or {}).get("slide_type")


def expected_slides(source: Path) -> int:
    """reveal이 세는 슬라이드 수: 슬라이드에 올라가는 첫 셀 + 그 뒤의 slide/subslide 셀."""
    on_slide = [kind(c) for c in marked_cells(source) if kind(c) in {"slide", "subslide", "fragment", "-"}]
    if not on_slide:
        return 0
    return 1 + sum(1 for k in on_slide[1:] if k in {"slide", "subslide"})


def expected_notes(source: Path) -> int:
    return sum(1 for c in marked_cells(source) if kind(c) == "notes")


def deck(built_book, name: str) -> Path:
    return built_book.html / "slides" / f"{name}.html"


# ---------------------------------------------------------------------------
# 빌드 결과(브라우저 없이)


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_has_a_deck_with_enough_slides(built_book, name):
    source = built_book.root / "chapters" / f"{name}.md"
    count = expected_slides(source)
    assert count >= MIN_SLIDES, f"{name}: 슬라이드로 표시된 장이 {count}장뿐입니다(최소 {MIN_SLIDES})"
    path = deck(built_book, name)
    assert path.exists(), f"덱이 없습니다: {path}"
    html = path.read_text(encoding="utf-8")
    assert html.count('<aside class="notes">') == expected_notes(source)


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_page_links_to_its_deck(built_book, name):
    page = (built_book.html / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    assert f'href="../slides/{name}.html"' in page
    assert "발표 슬라이드" in page


def test_slides_index_lists_every_deck_and_handout(built_book):
    page = (built_book.html / "chapters" / "slides.html").read_text(encoding="utf-8")
    for name in CHAPTERS:
        assert f'href="../slides/{name}.html"' in page, name
        if (built_book.html / "slides" / f"{name}.pdf").exists():
            assert f'href="../slides/{name}.pdf"' in page, name


@pytest.mark.parametrize("name", CHAPTERS)
def test_deck_loads_nothing_from_outside_and_uses_vendored_reveal(built_book, name):
    html = deck(built_book, name).read_text(encoding="utf-8")
    loads = re.findall(r"""(?:src=|<link[^>]*href=|@import\s+(?:url\()?|from\s+)["']?((?:https?:)?//[^"')\s]+)""", html)
    assert loads == []
    assert '"../_static/reveal.js/dist/reveal.js"' in html
    assert "mermaid" not in html
    assert "unpkg.com" not in html and "cdnjs" not in html and "jsdelivr" not in html


def test_book_only_cells_stay_out_of_the_deck(tmp_path):
    """표시 없는 셀은 빠지고, notes는 노트로, remove-input은 입력 없이, MyST 역할은 평문으로."""
    from booktools import slides as build_slides
    source = tmp_path / "t.md"
    source.write_text(
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        '+++ {"slideshow": {"slide_type": "slide"}}\n\n# 제목 {term}`편향 <bias>`\n\n'
        "+++\n\n책에만 나오는 글\n\n"
        "```{code-cell} ipython3\n---\nslideshow:\n  slide_type: fragment\ntags: [remove-input]\n---\nprint(1)\n```\n\n"
        '+++ {"slideshow": {"slide_type": "notes"}, "tags": ["remove-cell"]}\n\n발표자 노트\n\n'
        '+++ {"slideshow": {"slide_type": "subslide"}}\n\n둘째 {ref}`sec-x`\n',
        encoding="utf-8",
    )
    nb = build_slides.read_source_notebook(source)
    with pytest.raises(build_slides.SlideError, match=r"셀 #4 .*\{ref\}"):
        build_slides.slide_notebook(nb, "t.md")
    nb.cells[-1].source = "둘째 슬라이드"
    slides, _ = build_slides.slide_notebook(nb, "t.md")
    assert [c.source for c in slides.cells] == ["# 제목 편향", "print(1)", "발표자 노트", "둘째 슬라이드"]
    assert slides.cells[1].metadata["transient"] == {"remove_source": True}
    assert build_slides.count_slides(slides) == 2 == expected_slides(source)


# ---------------------------------------------------------------------------
# 헤드리스 Chromium


def open_deck(visit, name: str, query: str = ""):
    record = visit(f"slides/{name}.html{query}", width=1280, height=720, wait="load")
    record.page.wait_for_function(READY, timeout=60000)
    return record


@pytest.mark.browser
@pytest.mark.parametrize("name", CHAPTERS)
def test_deck_in_browser(built_book, visit, name):
    source = built_book.root / "chapters" / f"{name}.md"
    record = open_deck(visit, name)
    page = record.page
    assert page.evaluate("Reveal.isReady()")
    assert page.evaluate("Reveal.getTotalSlides()") == expected_slides(source)
    assert page.evaluate("Reveal.hasPlugin('notes')"), "발표자 노트(s 키) 플러그인이 없습니다"

    # → 키: 첫 슬라이드의 조각(fragment)을 다 넘기면 다음 슬라이드로 간다.
    assert page.evaluate("Reveal.getIndices()")["h"] == 0
    fragments = page.evaluate("Reveal.getCurrentSlide().querySelectorAll('.fragment').length")
    for _ in range(fragments + 1):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(100)
    after = page.evaluate("Reveal.getIndices()")
    assert (after["h"], after.get("v", 0)) != (0, 0), after

    # 한글이 한국어 글꼴로 그려지는가: 한글이 든 첫 글 요소가 있는 슬라이드로 가서 잰다.
    found = page.evaluate(
        """() => {
          const slides = Reveal.getSlides();
          for (let i = 0; i < slides.length; i++) {
            for (const el of slides[i].querySelectorAll('.jp-RenderedMarkdown h1, .jp-RenderedMarkdown h2, .jp-RenderedMarkdown p, .jp-RenderedMarkdown li')) {
              if (/[\\uac00-\\ud7a3]/.test(el.textContent)) {
                const idx = Reveal.getIndices(slides[i]);
                Reveal.slide(idx.h, idx.v);
                el.setAttribute('data-ko-probe', '1');
                return true;
              }
            }
          }
          return false;
        }"""
    )
    assert found, "한글 글이 있는 슬라이드가 없습니다"
    page.wait_for_timeout(300)
    fonts = korean_fonts_used(page, "[data-ko-probe]")
    assert any("Nanum" in f or "Noto Sans CJK" in f or "Noto Sans KR" in f for f in fonts), fonts

    # s 키: 발표자 화면(노트 + 다음 슬라이드)이 새 창으로 열린다.
    if expected_notes(source):
        with page.expect_popup() as popup:
            page.keyboard.press("s")
        speaker = popup.value
        speaker.wait_for_load_state()
        assert "Speaker View" in speaker.title()
        speaker.close()

    assert record.external_requests == []
    assert record.console_errors == []
    assert record.failed_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("name", CHAPTERS)
def test_no_slide_overflows_at_1280x720(built_book, visit, name):
    """모든 슬라이드의 내용(자식 요소들의 상자)이 축소된 슬라이드 영역 안에 있는가."""
    page = open_deck(visit, name).page
    problems = page.evaluate(OVERFLOW_JS)
    assert problems == [], "\n".join(
        f"슬라이드 {p['number']} (h={p['h']}, v={p['v']}): {p['detail']}" for p in problems
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", CHAPTERS)
def test_handout_pdf_has_one_page_per_slide(built_book, browser, name):
    """browser 픽스처: Chromium이 없으면(노트북) 건너뛴다. 빌드도 그때는 PDF를 만들지 않는다."""
    pdf = built_book.html / "slides" / f"{name}.pdf"
    assert pdf.exists(), f"인쇄용 PDF가 없습니다: {pdf}"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    # 쪽 트리의 뿌리(/Type /Pages 가운데 가장 큰 /Count)도 같은 수를 말해야 한다.
    counts = [int(c) for c in re.findall(rb"/Type\s*/Pages\s*/Count\s+(\d+)", data)]
    expected = expected_slides(built_book.root / "chapters" / f"{name}.md")
    assert pages == expected
    if counts:
        assert max(counts) == expected


def chapters_with_demos(root: Path) -> list[str]:
    """코드 셀이 데모(``dk.widgets.<이름>_demo()`` 또는 ``dk.widgets.demo(...)``)를 만드는 장."""
    return [p.stem for p in sorted((root / "chapters").glob("*.md"))
            if re.search(r"dk\.widgets\.(\w+_demo|demo)\(", p.read_text(encoding="utf-8"))]


@pytest.mark.browser
def test_every_demo_chapter_deck_has_a_working_demo_slide(built_book, visit):
    """데모가 있는 장의 덱마다 데모 슬라이드가 있고, 커널 없이 동작하며, 초점이 간 조절기를 화살표로 움직여도
    슬라이드는 넘어가지 않는다(reveal.js는 입력 요소에 초점이 있으면 키를 쓰지 않는다)."""
    names = chapters_with_demos(built_book.root)
    assert "02_bias" in names
    missing = [n for n in names if 'data-dlkit-demo="' not in deck(built_book, n).read_text(encoding="utf-8")]
    assert not missing, f"데모가 있는 장인데 덱에 데모 슬라이드가 없습니다: {missing}"
    present = ".reveal section.present [data-dlkit-demo]"
    for name in names:
        record = open_deck(visit, name)
        page = record.page
        page.evaluate("""() => { const s = document.querySelector('.reveal [data-dlkit-demo]').closest('section');
                                 const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }""")
        page.wait_for_selector(present, state="visible", timeout=10000)
        control = page.locator(f"{present} input[type=range]").first
        if control.count() == 0:
            control = page.locator(f"{present} input[type=radio]:checked").first
        before = page.evaluate(f"[Reveal.getIndices(), document.querySelector('{present}').dataset.shown]")
        control.focus()
        at_end = control.evaluate("(el) => el.type === 'range' && +el.value === +el.max")
        page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
        page.wait_for_function(f"(old) => document.querySelector('{present}').dataset.shown !== old",
                               arg=before[1], timeout=10000)
        assert page.evaluate("Reveal.getIndices()") == before[0], f"{name}: 조절기의 화살표 키가 슬라이드를 넘겼습니다"
        assert record.console_errors == [], name
        assert record.external_requests == [], name
