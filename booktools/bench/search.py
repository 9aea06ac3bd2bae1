"""검색의 첫 결과까지 걸리는 시간(보고용, 시간 검사가 아니다): `python -m booktools.bench.search [책 뿌리]`.

빌드된 사이트(_build/html)를 로컬 서버로 띄우고 Chromium에서 검색어마다 새 컨텍스트(빈 캐시)로 search.html을 연다.
검색 칸에 검색어를 넣은 순간(``input`` 사건, 사람이 마지막 글자를 친 때와 같다)부터 그 검색어의 첫 결과 링크가
화면에 그려질 때까지를 잰다. Pagefind UI의 입력 대기(300 ms), 색인 조각을 받는 시간, 검색, 결과 그리기가 모두 든다.
한 검색어를 ``runs``번 재고, 보고하는 값은 모든 잰 값의 중앙값이다.
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

from booktools import browser

# 장마다 학습자가 칠 만한 검색어(조사·띄어쓰기·다른 표기 포함): 정리 코드(studybook-search.js)도 함께 돈다.
QUERIES = ("편향", "활성화 함수", "기울기 소실", "경사하강법", "학습률이", "추론", "에폭", "미니배치에서")
SEARCH_BOX = "#studybook-search input"
FIRST_RESULT = """(q) => {
  const msg = document.querySelector('#studybook-search .pagefind-ui__message');
  return msg && msg.textContent.includes(q) && !msg.textContent.includes('찾는 중')
    && document.querySelector('#studybook-search .pagefind-ui__result-link') !== null;
}"""


def time_to_first_result(chromium_browser, base_url: str, query: str) -> float:
    """빈 캐시에서 search.html을 열고 ``query``를 넣은 때부터 첫 결과가 그려질 때까지(ms)."""
    context = chromium_browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base_url}/search.html", wait_until="networkidle")
        page.wait_for_selector(SEARCH_BOX, timeout=10000)
        page.wait_for_function("window.StudybookSearch !== undefined", timeout=10000)
        started = page.evaluate("performance.now()")
        page.locator(SEARCH_BOX).fill(query)
        page.wait_for_function(FIRST_RESULT, arg=query, timeout=15000, polling="raf")
        return page.evaluate("performance.now()") - started
    finally:
        context.close()


def report(html: Path, chromium: Path, runs: int = 3, queries: tuple[str, ...] = QUERIES) -> dict:
    """검색어마다 잰 시간(ms)과 전체 중앙값·최대."""
    per_query: dict[str, list[float]] = {}
    with browser.serve(html) as base_url, browser.launch(chromium) as chromium_browser:
        for _ in range(max(1, runs)):
            for query in queries:
                per_query.setdefault(query, []).append(time_to_first_result(chromium_browser, base_url, query))
    every = [ms for values in per_query.values() for ms in values]
    return {"runs": max(1, runs), "count": len(every), "median_ms": round(statistics.median(every), 1),
            "max_ms": round(max(every), 1),
            "queries": {q: round(statistics.median(v), 1) for q, v in per_query.items()}}


def markdown(r: dict) -> list[str]:
    lines = ["## 검색: 첫 결과까지", ""]
    if "median_ms" not in r:
        return lines + [f"- {r.get('skipped', '재지 못함')}"]
    lines += [f"검색어를 넣은 때부터 첫 결과가 그려질 때까지(로컬 서버, Chromium, 검색어마다 빈 캐시, "
              f"Pagefind UI의 입력 대기 300 ms 포함): 중앙값 {r['median_ms']:g} ms, 최대 {r['max_ms']:g} ms "
              f"(검색어 {len(r['queries'])}개 × {r['runs']}번).", "",
              "| 검색어 | 중앙값 (ms) |", "| --- | ---: |"]
    return lines + [f"| {q} | {ms:g} |" for q, ms in r["queries"].items()]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]).resolve() if args else Path.cwd()
    html = root / "_build" / "html"
    chromium = browser.chromium_path()
    if not (html / "pagefind").is_dir():
        raise SystemExit(f"검색 색인이 없습니다({html / 'pagefind'}). 먼저 make book을 실행하세요.")
    if chromium is None:
        raise SystemExit(f"Chromium이 없습니다({browser.DEFAULT_CHROMIUM}).")
    print("\n".join(markdown(report(html, chromium))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
