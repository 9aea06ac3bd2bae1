"""접근성: 모든 페이지에 axe-core를 돌려 심각(serious)·치명(critical) 위반이 없어야 한다.

axe-core는 PyPI `axe-playwright-python`에 들어 있는 axe.min.js를 페이지에 주입해 돌린다
(네트워크 요청 없음: 테스트가 사이트 밖 요청이 없음을 확인한다). 그림의 한국어 대체 텍스트,
페이지 언어(`<html lang="ko">`)도 여기서 본다.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import HANGUL, content_pages, site_pages, slide_decks, wait_until_settled

BLOCKING = {"serious", "critical"}





def blocking_violations(page, context=None) -> list[str]:
    """axe의 심각·치명 위반. context를 주면 그 부분만 본다(axe의 include 선택자 목록)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
            found.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} "
                         f"({len(violation['nodes'])}곳) 예: {targets}")
    return found


@pytest.mark.build
def test_every_built_page_is_checked(built_book):
    """사이트의 모든 페이지가 접근성 검사 목록에 들어 있다(새 페이지가 빠지지 않도록)."""
    html = built_book.html
    missing = sorted(set(content_pages(html)) - set(site_pages()) - set(slide_decks(html)))
    assert not missing, f"_toc.yml 밖의 페이지가 있습니다(검사 목록에 추가하세요): {missing}"


@pytest.mark.build
def test_html_lang_is_korean(built_book):
    """화면 낭독기가 한국어 음성으로 읽도록 `<html lang="ko">`여야 한다(Sphinx `language: ko`)."""
    wrong = {}
    for rel in content_pages(built_book.html):
        soup = BeautifulSoup((built_book.html / rel).read_text(encoding="utf-8"), "html.parser")
        lang = (soup.html.get("lang") or "") if soup.html else ""
        if not lang.lower().startswith("ko"):
            wrong[rel] = lang
    assert not wrong, f'lang이 ko가 아닌 페이지: {wrong}'


def images_without_korean_alt(html: Path, pages: list[str]) -> list[str]:
    bad = []
    for rel in pages:
        soup = BeautifulSoup((html / rel).read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.bd-article") or soup
        for img in article.find_all("img"):
            alt = (img.get("alt") or "").strip()
            if not HANGUL.search(alt) or alt == img.get("src"):
                bad.append(f"{rel}: {str(img.get('src'))[:80]} alt={alt[:80]!r}")
    return bad


@pytest.mark.build
def test_images_have_korean_alt_text(built_book):
    """본문 그림마다 한글이 들어 있는 대체 텍스트(파일 경로가 아닌 설명)가 있어야 한다.

    코드 셀 그림은 셀 메타데이터 `mystnb: image: alt:`로 준다(booktools/sphinxext/meta.py 참고)."""
    html = built_book.html
    pages = [p for p in content_pages(html) if p not in slide_decks(html)]
    bad = images_without_korean_alt(html, pages)
    assert not bad, "한국어 대체 텍스트가 없는 그림:\n" + "\n".join(bad)


@pytest.mark.build
def test_slide_images_have_korean_alt_text(built_book):
    """발표 슬라이드의 그림도 같은 셀의 `mystnb: image: alt:`를 대체 텍스트로 써야 한다
    (nbconvert는 없으면 영어 'No description has been provided for this image'를 넣는다)."""
    html = built_book.html
    bad = images_without_korean_alt(html, slide_decks(html))
    assert not bad, "한국어 대체 텍스트가 없는 슬라이드 그림:\n" + "\n".join(bad)


@pytest.mark.browser
@pytest.mark.parametrize("path", site_pages())
def test_axe_no_serious_violations(visit, path):
    record = visit(path)
    page = record.page
    wait_until_settled(page)
    found = blocking_violations(page)
    assert not found, f"{path}:\n" + "\n".join(found)
    assert not record.external_requests, f"사이트 밖 요청(axe 포함): {record.external_requests}"


@pytest.mark.browser
def test_axe_slide_decks(built_book, visit):
    """발표 슬라이드(reveal.js)도 사이트의 페이지다: 덱마다 같은 기준으로 검사한다."""
    problems = []
    for path in slide_decks(built_book.html):
        record = visit(path)
        wait_until_settled(record.page)
        problems += [f"{path}: {item}" for item in blocking_violations(record.page)]
        problems += [f"{path}: 사이트 밖 요청 {url}" for url in record.external_requests]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_axe_on_search_results(visit):
    """검색 결과가 떠 있는 검색 페이지(Pagefind UI)도 검사한다."""
    record = visit("search.html?q=%ED%8E%B8%ED%96%A5")  # ?q=편향
    page = record.page
    page.wait_for_selector("#studybook-search .pagefind-ui__result-link", timeout=15000)
    found = blocking_violations(page)
    assert not found, "\n".join(found)
    assert not record.external_requests, record.external_requests


@pytest.mark.browser
@pytest.mark.parametrize("path", ["chapters/02_bias.html", "chapters/00_intro.html"])
def test_axe_phone_wide_figure_and_zoom(visit, path):
    """휴대전화 폭(390px)에서만 생기는 것도 검사한다: 넓은 그림의 가로 스크롤 상자와 안내, 그림을 눌러 연
    크게 보기 창(studybook-phone.js). 위 검사(1280px)에서는 이것들이 만들어지지 않는다. 00_intro의 그림은
    Sphinx가 PNG 링크에 넣은 것(상자가 링크 안에 들어가면 nested-interactive)."""
    record = visit(path, width=390, height=844)
    page = record.page
    wait_until_settled(page)
    page.wait_for_selector("article img.studybook-wide-figure", timeout=10000)
    # 페이지 전체는 위 검사가 본다: 여기서는 휴대전화 폭에서 이 스크립트가 만든 것만
    boxes = {"include": [[".studybook-hscroll"], [".studybook-hscroll-hint"]]}
    found = [f"닫힘: {item}" for item in blocking_violations(page, boxes)]
    page.locator("article img.studybook-wide-figure").first.click()
    page.get_by_role("dialog", name="그림 크게 보기").wait_for(state="visible", timeout=5000)
    found += [f"창 열림: {item}" for item in blocking_violations(page, {"include": [["dialog.studybook-zoom"]]})]
    assert not found, "\n".join(found)
    assert not record.external_requests, record.external_requests


@pytest.mark.browser
def test_axe_phone_long_table(visit):
    """휴대전화 폭에서 긴 표(용어집)에 붙는 틀과 아래쪽에 붙는 안내(studybook-phone.js)도 검사한다."""
    record = visit("chapters/glossary.html", width=390, height=844)
    page = record.page
    wait_until_settled(page)
    page.wait_for_selector(".studybook-tall-table .studybook-hscroll-hint-sticky", timeout=10000)
    found = blocking_violations(page, {"include": [[".studybook-tall-table"]]})
    assert not found, "\n".join(found)
