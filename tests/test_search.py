"""한국어 검색(Pagefind): 색인 내용, 빌드마다 새로 만드는지, 실제 검색 화면에서 찾아지는지.

브라우저 테스트는 빌드된 사이트의 search.html에서 검색 칸에 글자를 하나씩 입력하고
결과가 뜨기를 기다린 뒤 상위 3개 결과를 본다(테마 검색 상자 → Ctrl+K → Enter 경로도 확인).
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import run_build

# (검색어, 상위 3개 안에 있어야 하는 장). 두 글자 낱말, 본문에서는 조사가 붙어 나오는 낱말
# (편향은, 학습률을, 원점을...), 띄어 쓴 여러 낱말을 고루 넣었다. 각 장의 핵심 주제어라서
# 장 내용이 바뀌어도 남아 있을 말들이다.
QUERIES = [
    ("편향", "02_bias"),
    ("뉴런", "02_bias"),
    ("원점", "02_bias"),
    ("평행 이동", "02_bias"),
    ("선형 회귀", "01_linear_regression"),
    ("활성화 함수", "03_activations"),
    ("시그모이드", "03_activations"),
    ("학습률", "04_optim"),
    ("모멘텀", "04_optim"),
    ("경사 하강법", "04_optim"),
    ("학습", "05_train_infer"),
    ("추론", "05_train_infer"),
    ("역전파", "05_train_infer"),
    ("에포크", "06_epoch_batch"),
    ("배치 크기", "06_epoch_batch"),
]
NOT_INDEXED = ("search.html", "genindex.html")
RESULT_LINKS = "#studybook-search .pagefind-ui__result-link"


def fragments(html: Path) -> list[dict]:
    """Pagefind 색인에 들어간 페이지들(fragment 파일: gzip으로 묶은 'pagefind_dcd' + JSON)."""
    pages = []
    for path in sorted((html / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        pages.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return pages


def chapter_of(url: str) -> str:
    return Path(urlsplit(url).path).stem


# ── 색인(브라우저 없이) ─────────────────────────────────────────────────
@pytest.mark.build
def test_index_holds_article_bodies_only(built_book):
    pages = fragments(built_book.html)
    urls = [page["url"] for page in pages]
    assert pages, "Pagefind 색인이 비어 있습니다(scripts/build_search.py가 돌았는지 확인)"
    assert not [u for u in urls if u.endswith(NOT_INDEXED)], urls
    assert not [u for u in urls if "_static/" in u or u.rstrip("/").endswith("html/index.html")], urls
    stems = {chapter_of(u) for u in urls}
    for _, chapter in QUERIES:
        assert chapter in stems, f"{chapter}가 색인에 없습니다: {sorted(stems)}"
    # 페이지 틀(사이드바의 부 제목, 테마 단추, 바닥글)은 본문 색인에 들어가지 않는다.
    for page in pages:
        content = page["content"]
        for chrome in ("Skip to main content", "Ctrl+K", "Search Ctrl", "© Copyright", "By 딥러닝"):
            assert chrome not in content, (page["url"], chrome)
        assert page["meta"].get("title"), page["url"]


@pytest.mark.build
def test_index_is_rebuilt_with_every_build(book_copy):
    """빌드할 때마다 색인을 새로 만든다: 장에 새로 넣은 낱말이 바로 색인에 들어가고 옛 파일은 지워진다."""
    stale = book_copy / "_build" / "html" / "pagefind" / "stale-marker.txt"
    stale.write_text("old")
    chapter = book_copy / "chapters" / "02_bias.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\n새로넣은검색확인용낱말은 여기에만 있다.\n",
                       encoding="utf-8")
    result = run_build(book_copy)
    assert result.returncode == 0, result.output[-4000:]
    assert "[search]" in result.output, result.output[-2000:]
    assert not stale.exists(), "예전 pagefind/ 폴더가 남아 있습니다"
    hits = [p["url"] for p in fragments(book_copy / "_build" / "html") if "새로넣은검색확인용낱말은" in p["content"]]
    assert [chapter_of(u) for u in hits] == ["02_bias"], hits


@pytest.mark.build
def test_build_search_fails_without_body_marks(tmp_path):
    """본문 표시가 하나도 없으면(확장이 안 불렸으면) 페이지 틀까지 색인하지 않고 실패한다."""
    html = tmp_path / "_build" / "html"
    html.mkdir(parents=True)
    (html / "a.html").write_text("<html lang='ko'><body><h1>제목</h1><p>본문</p></body></html>")
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_search.py"
    proc = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "data-pagefind-body" in proc.stderr
    assert not (html / "pagefind").exists()


# ── 실제 검색 화면(브라우저) ────────────────────────────────────────────
def run_query(page, query: str) -> list[str]:
    """검색 칸에 사람이 치듯 입력하고 결과가 뜨면 결과 링크들을 돌려준다."""
    box = page.locator("#studybook-search input")
    box.fill("")
    box.press_sequentially(query, delay=40)
    # 결과 문구('‘검색어’ 검색 결과 N건')가 지금 입력한 검색어로 바뀔 때까지 기다린다.
    page.wait_for_function(
        """(q) => {
            const msg = document.querySelector('#studybook-search .pagefind-ui__message');
            return msg && msg.textContent.includes(q) && !msg.textContent.includes('찾는 중');
        }""",
        arg=query, timeout=15000,
    )
    page.wait_for_timeout(300)  # 결과 목록이 다 그려질 때까지
    return [a.get_attribute("href") for a in page.locator(RESULT_LINKS).all()]


@pytest.fixture
def search_page(visit):
    record = visit("search.html")
    record.page.wait_for_selector("#studybook-search input", timeout=10000)
    return record


@pytest.mark.browser
def test_korean_queries_find_their_chapter(search_page):
    page = search_page.page
    misses = []
    for query, chapter in QUERIES:
        links = run_query(page, query)
        top = [chapter_of(href) for href in links[:3]]
        if chapter not in top:
            misses.append(f"'{query}' → 기대 {chapter}, 상위 3개 {top}")
    assert not misses, "\n".join(misses)
    assert not search_page.external_requests, search_page.external_requests
    assert not search_page.failed_requests, search_page.failed_requests
    assert not search_page.console_errors, search_page.console_errors


@pytest.mark.browser
def test_particles_are_matched_and_excerpts_highlighted(search_page):
    """'학습률'은 본문의 '학습률을'·'학습률이' 같은 어절을 찾고, 발췌에 그 어절을 강조한다."""
    page = search_page.page
    for query in ("학습률", "편향"):
        run_query(page, query)
        marks = [unicodedata.normalize("NFC", m) for m in page.locator("#studybook-search mark").all_inner_texts()]
        assert marks, f"'{query}' 결과 발췌에 강조 표시가 없습니다"
        assert all(m.startswith(query) for m in marks), marks
        assert any(len(m) > len(query) for m in marks), f"조사가 붙은 어절이 강조되지 않았습니다: {marks}"
        excerpts = page.locator("#studybook-search .pagefind-ui__result-excerpt").all_inner_texts()
        assert excerpts and all(e.strip() for e in excerpts)


@pytest.mark.browser
def test_result_link_opens_chapter_with_highlight(search_page, site_url):
    page = search_page.page
    links = run_query(page, "편향")
    first = next(href for href in links if chapter_of(href) == "02_bias")
    terms = parse_qs(urlsplit(first).query).get("highlight")
    assert terms == ["편향"], f"강조용 검색어가 완성형(NFC)이 아닙니다: {terms}"
    page.locator(f'{RESULT_LINKS}[href="{first}"]').first.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.endswith("/chapters/02_bias.html")
    page.wait_for_selector("span.highlighted", timeout=5000)
    assert "편향" in page.locator("span.highlighted").first.inner_text()


@pytest.mark.browser
def test_theme_search_box_and_ctrl_k_land_on_pagefind(visit):
    """장 페이지에서 Ctrl+K → 검색어 → Enter: search.html?q=…에서 Pagefind 결과가 뜬다."""
    record = visit("chapters/04_optim.html")
    page = record.page
    page.locator("article h1").first.click()  # 키 입력이 페이지로 가도록 먼저 초점을 준다
    page.keyboard.press("Control+k")
    dialog_input = page.locator("#pst-search-dialog input[name=q]")
    dialog_input.wait_for(state="visible", timeout=5000)
    dialog_input.press_sequentially("배치 크기", delay=40)
    dialog_input.press("Enter")
    page.wait_for_url("**/search.html?q=*", timeout=10000)
    page.wait_for_selector(RESULT_LINKS, timeout=15000)
    assert page.locator("#studybook-search input").input_value() == "배치 크기"
    tops = [chapter_of(a.get_attribute("href")) for a in page.locator(RESULT_LINKS).all()[:3]]
    assert "06_epoch_batch" in tops, tops
    # 검색 페이지에서는 Ctrl+K가 팝업 대신 이 페이지의 검색 칸으로 간다.
    page.locator("h1").first.click()
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.closest('#studybook-search') !== null")
    assert not record.external_requests, record.external_requests
    assert not [r for r in record.failed_requests if "pagefind" in r], record.failed_requests
