"""링크와 메타데이터: 내부 링크·앵커가 모두 살아 있는지, 사이트 밖 링크 목록, 공유용 태그, 파비콘.

사이트 밖 링크는 접속해 보지 않고 `_build/external-links.txt`(booktools/search.py가 빌드마다
씀)에 모두 적혔는지만 확인한다.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import HANGUL, content_pages, slide_decks

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
EXTERNAL = ("http://", "https://", "//")
SITE = "http://site.invalid/"  # 상대 주소를 풀기 위한 가짜 사이트 주소


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@lru_cache(maxsize=None)
def ids_in(path: Path) -> frozenset[str]:
    soup = soup_of(path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def page_links(soup: BeautifulSoup) -> list[str]:
    urls = [tag.get("href") for tag in soup.find_all(["a", "link", "area"], href=True)]
    urls += [tag.get("src") for tag in soup.find_all(["img", "script", "source", "iframe", "video", "audio"], src=True)]
    refresh = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
    if refresh and "url=" in refresh.get("content", "").lower():
        urls.append(refresh["content"].split("=", 1)[1].strip())
    return [u.strip() for u in urls if u and u.strip()]


def all_pages(html: Path) -> list[Path]:
    return [p for p in sorted(html.rglob("*.html"))
            if not p.relative_to(html).as_posix().startswith(("pagefind/", "_static/"))]


def check_internal(html: Path, page: Path, url: str) -> str | None:
    """내부 링크 하나를 확인하고, 깨졌으면 이유를 돌려준다."""
    page_url = urljoin(SITE, page.relative_to(html).as_posix())
    parts = urlsplit(urljoin(page_url, url))
    if not parts.geturl().startswith(SITE):
        return f"사이트 밖으로 벗어나는 상대 경로: {url}"
    rel = unquote(parts.path[len(urlsplit(SITE).path):])
    target = html / PurePosixPath(rel or "index.html")
    if rel.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"없는 파일: {url}"
    if parts.fragment and target.suffix == ".html":
        # 브라우저는 조각(#...)을 그대로 한 번, 퍼센트 디코딩해서 한 번 id와 맞춰 본다.
        ids = ids_in(target)
        if parts.fragment not in ids and unquote(parts.fragment) not in ids:
            return f"없는 앵커: {url}"
    return None


@pytest.mark.build
def test_internal_links_and_anchors_resolve(built_book):
    html = built_book.html
    broken, checked = [], 0
    for page in all_pages(html):
        for url in page_links(soup_of(page)):
            if url.startswith(SKIP_SCHEMES) or url.startswith(EXTERNAL) or url == "#":
                continue
            checked += 1
            problem = check_internal(html, page, url)
            if problem:
                broken.append(f"{page.relative_to(html)}: {problem}")
    assert checked > 100, f"확인한 내부 링크가 너무 적습니다({checked})"
    assert not broken, f"깨진 내부 링크 {len(broken)}개:\n" + "\n".join(sorted(set(broken))[:60])


@pytest.mark.build
def test_external_links_are_listed_not_fetched(built_book):
    report = built_book.root / "_build" / "external-links.txt"
    assert report.is_file(), "booktools/search.py가 _build/external-links.txt를 쓰지 않았습니다"
    listed = {line.split("\t", 1)[0] for line in report.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    found = {url for page in all_pages(built_book.html) for url in page_links(soup_of(page))
             if url.startswith(EXTERNAL)}
    assert found <= listed, f"목록에 없는 사이트 밖 링크: {sorted(found - listed)[:20]}"


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag.get("content") if tag else None


@pytest.mark.build
def test_titles_descriptions_and_open_graph(built_book):
    html = built_book.html
    problems = []
    for rel in [p for p in content_pages(html) if p not in slide_decks(html)]:
        soup = soup_of(html / rel)
        title = soup.title.get_text(strip=True) if soup.title else ""
        if not HANGUL.search(title):
            problems.append(f"{rel}: <title>에 한글이 없음: {title!r}")
        description = meta(soup, "description") or ""
        if not HANGUL.search(description):
            problems.append(f"{rel}: description이 한국어가 아님: {description!r}")
        expected = {
            "og:description": description,
            "og:locale": "ko_KR",
            "og:site_name": "딥러닝 기초 스터디 북",
        }
        for key, value in expected.items():
            if meta(soup, key) != value:
                problems.append(f"{rel}: {key}={meta(soup, key)!r} (기대 {value!r})")
        if meta(soup, "og:type") not in {"article", "website"}:
            problems.append(f"{rel}: og:type={meta(soup, 'og:type')!r}")
        # 검색·색인 페이지의 h1은 테마가 쓴다(언어 설정을 따름): 한국어 og:title만 본다.
        heading = None if rel in ("search.html", "genindex.html") else soup.select_one("article.bd-article h1")
        og_title = meta(soup, "og:title") or ""
        if heading is not None:
            # 장 번호("1. ")는 목차 순서에 따라 붙는 것이라 링크 미리보기 제목(og:title)에는 넣지 않는다
            for link in heading.select(".headerlink, .section-number"):
                link.decompose()
            if og_title != heading.get_text(" ", strip=True):
                problems.append(f"{rel}: og:title={og_title!r}, 장 제목={heading.get_text(' ', strip=True)!r}")
        elif not HANGUL.search(og_title):
            problems.append(f"{rel}: og:title이 한국어가 아님: {og_title!r}")
        icon = soup.find("link", rel=lambda v: v and "icon" in v)
        if icon is None:
            problems.append(f"{rel}: 파비콘 <link rel=icon> 없음")
        elif check_internal(html, html / rel, icon["href"]):
            problems.append(f"{rel}: 파비콘 파일 없음: {icon['href']}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_favicon_loads_without_404(visit, site_url):
    record = visit("chapters/02_bias.html")
    page = record.page
    icon = page.evaluate("document.querySelector('link[rel~=icon]') && document.querySelector('link[rel~=icon]').href")
    assert icon and icon.startswith(site_url), icon
    for url in (icon, f"{site_url}/favicon.ico"):
        response = page.request.get(url)
        assert response.status == 200, (url, response.status)
        assert response.headers.get("content-type", "").startswith("image/"), response.headers
    assert not [r for r in record.failed_requests if "favicon" in r], record.failed_requests
