"""페이지 무게(page weight)의 정의: 이 책에서 "페이지 무게"라고 하면 이 모듈이 잰 값이다(다른 곳은 이것을 부른다).

**정의.** 한 페이지의 무게는 Chromium이 빈 캐시로 그 페이지를 처음 열어 네트워크가 잠잠해질 때까지
(playwright ``networkidle``: 500 ms 동안 요청 없음) 받은 모든 것이다. 요청은 하나도 빼지 않고 센다
(HTML, CSS, JS, 글꼴, 그림, 실패한 요청의 본문까지). 크기는 두 가지로 적는다.

- raw: 받은 본문 바이트 그대로.
- gzip: 정적 호스트가 같은 바이트를 보낼 때의 전송 크기(:func:`booktools.browser.host_gzip`: 텍스트·JS·CSS·SVG는
  gzip 수준 6, woff2·PNG처럼 이미 압축된 형식은 그대로). 로컬 서버는 압축하지 않으므로 압축 크기는 여기서 계산한다.

**렌더링을 막는 스크립트.** Chromium이 Resource Timing의 ``renderBlockingStatus``로 "blocking"이라고 한
스크립트(``<head>``의 defer/async가 아닌 ``<script src>``). 예산은 그 크기(raw)를 본다.

**글만 있는 페이지**(데모도 수식도 없는 페이지): 코드 셀이 없어(:func:`booktools.chapters.chapters`에 없다)
데모가 들어갈 수 없고, 빌드된 HTML에 수식 노드(``class="math``)가 없는 목차 문서.

:func:`measure`가 한 번 재고, :mod:`booktools.bench`가 여러 번 재어 중앙값과 예산을 보고한다.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from booktools import browser
from booktools.chapters import chapters, toc_documents

MATH_NODE = re.compile(r'class="math(?:\s|")')
EXTRA_PAGES = ("search.html", "genindex.html")
"""목차 밖에서 재는 페이지(렌더링 차단 검사는 모든 페이지가 대상이다)."""

# Chromium이 잰 자원 목록: 주소 → 렌더링을 막았는가
_BLOCKING_JS = """() => Object.fromEntries(performance.getEntriesByType('resource')
    .map(e => [e.name, e.renderBlockingStatus === 'blocking']))"""


@dataclass(frozen=True)
class Item:
    """페이지가 받은 것 하나."""
    url: str        # 사이트 뿌리 기준 경로(예: "_static/mathjax/tex-mml-chtml.js")
    kind: str       # Chromium의 자원 종류(document, script, stylesheet, font, image, fetch …)
    status: int
    raw: int
    gzip: int
    blocking: bool  # Chromium이 렌더링을 막는다고 본 자원


@dataclass
class PageWeight:
    """한 페이지를 한 번 연 결과."""
    page: str
    items: list[Item] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(i.raw for i in self.items)

    @property
    def gzip(self) -> int:
        return sum(i.gzip for i in self.items)

    @property
    def requests(self) -> int:
        return len(self.items)

    def blocking_scripts(self) -> list[Item]:
        return [i for i in self.items if i.blocking and i.kind == "script"]

    def largest(self, n: int = 10) -> list[Item]:
        return sorted(self.items, key=lambda i: (-i.gzip, i.url))[:n]


def toc_pages(root: Path) -> list[str]:
    """목차의 모든 문서의 빌드된 페이지(예: "chapters/04_optim.html")."""
    return [f"{doc}.html" for doc in toc_documents(root)]


def has_math(html: Path, page: str) -> bool:
    return bool(MATH_NODE.search((html / page).read_text(encoding="utf-8")))


def plain_pages(root: Path, html: Path) -> list[str]:
    """데모도 수식도 없는 목차 페이지(모듈 설명의 '글만 있는 페이지')."""
    with_code = {f"{ch.doc}.html" for ch in chapters(root)}
    return [p for p in toc_pages(root) if p not in with_code and not has_math(html, p)]


def measure_page(chromium_browser, base_url: str, page: str) -> PageWeight:
    """새 브라우저 컨텍스트(빈 캐시)로 ``page``를 열어 네트워크가 잠잠해질 때까지 받은 것을 모두 잰다."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        responses = []
        tab.on("response", lambda response: responses.append(response))
        tab.goto(f"{base_url}/{page}", wait_until="networkidle")
        blocking = tab.evaluate(_BLOCKING_JS)
        weight = PageWeight(page)
        for response in responses:
            url = response.url
            if not url.startswith(base_url):
                # 사이트 밖 요청도 무게다(오프라인 규칙으로 0이어야 하지만, 있으면 크기를 모르는 채로 센다)
                weight.items.append(Item(url, response.request.resource_type, response.status, 0, 0, False))
                continue
            try:
                body = response.body()
            except Exception:  # 넘겨주기(3xx)처럼 본문이 없는 응답
                body = b""
            content_type = response.headers.get("content-type", "")
            weight.items.append(Item(
                url=url[len(base_url):].lstrip("/"), kind=response.request.resource_type, status=response.status,
                raw=len(body), gzip=len(browser.host_gzip(body, content_type)), blocking=bool(blocking.get(url))))
        return weight
    finally:
        context.close()


def measure(html: Path, pages: list[str], chromium: Path) -> dict[str, PageWeight]:
    """빌드된 사이트 ``html``을 로컬 서버로 띄우고 ``pages``를 하나씩 처음 방문해 잰다(한 번)."""
    with browser.serve(html) as base_url, browser.launch(chromium) as chromium_browser:
        return {page: measure_page(chromium_browser, base_url, page) for page in pages}


def median_runs(runs: list[dict[str, PageWeight]]) -> dict[str, dict]:
    """여러 번 잰 결과를 페이지마다 중앙값으로(요청 수, raw, gzip). 가운데 실행의 항목 목록을 함께 준다."""
    out = {}
    for page in runs[0]:
        weights = sorted((run[page] for run in runs), key=lambda w: w.gzip)
        middle = weights[len(weights) // 2]
        out[page] = {
            "requests": statistics.median(w.requests for w in weights),
            "raw": statistics.median(w.raw for w in weights),
            "gzip": statistics.median(w.gzip for w in weights),
            "gzip_runs": [run[page].gzip for run in runs],
            "blocking_scripts": [(i.url, i.raw, i.gzip) for i in middle.blocking_scripts()],
            "largest": [(i.url, i.kind, i.raw, i.gzip) for i in middle.largest()],
        }
    return out



def report(root: Path, html: Path, chromium: Path, runs: int = 3) -> dict:
    """`make bench`가 쓰는 결과: 모든 페이지를 ``runs``번 재어 페이지마다 중앙값, 가장 무거운 장, 글만 있는 페이지,
    렌더링을 막는 스크립트(모든 페이지에서 모아 주소마다 가장 큰 크기)."""
    chapter_pages = toc_pages(root)
    pages = chapter_pages + [p for p in EXTRA_PAGES if (html / p).is_file()]
    medians = median_runs([measure(html, pages, chromium) for _ in range(max(1, runs))])
    heaviest = max(chapter_pages, key=lambda p: medians[p]["gzip"])
    blocking: dict[str, tuple[int, int, list[str]]] = {}
    for page, m in medians.items():
        for url, raw, gz in m["blocking_scripts"]:
            name = url.split("?")[0]
            old = blocking.get(name, (0, 0, []))
            blocking[name] = (max(old[0], raw), max(old[1], gz), old[2] + [page])
    return {
        "runs": max(1, runs),
        "pages": medians,
        "heaviest_chapter": heaviest,
        "plain_pages": plain_pages(root, html),
        "blocking_scripts": {name: {"raw": raw, "gzip": gz, "pages": sorted(on)}
                             for name, (raw, gz, on) in sorted(blocking.items(), key=lambda kv: -kv[1][0])},
    }
