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

from helpers import ROOT, run_build

# (검색어, 1위여야 하는 장). 학습자가 치는 꼴 그대로: 조사가 붙은 낱말(편향의, 모멘텀이),
# 띄어쓰기가 다른 꼴(경사하강법, 미니 배치), 블로그·d2l-ko 표기(에폭, 배치 사이즈, 바이어스).
# 장이 다시 쓰여도 그 장이 계속 가르칠 핵심 용어만 골랐다. 모두 그 장이 1위여야 한다.
# 두 장이 나눠 가르치는 용어는 장을 튜플로 적는다: 그중 하나가 1위여야 한다(예: 뉴런은 2장이
# 정의하고 3장이 활성화와 함께 더 자주 다룬다. Pagefind의 점수는 빈도를 따르므로 어느 쪽이든 옳은 답이다).
QUERIES = [
    ("편향", "02_bias"),
    ("편향의", "02_bias"),
    ("편향이란", "02_bias"),
    ("바이어스", "02_bias"),
    ("뉴런", ("02_bias", "03_activations")),
    ("원점을", "02_bias"),
    ("활성화 함수", "03_activations"),
    ("활성화 함수는", "03_activations"),
    ("활성화함수", "03_activations"),
    ("ReLU", "03_activations"),
    ("ReLU의", "03_activations"),
    ("시그모이드", "03_activations"),
    ("시그모이드는", "03_activations"),
    ("경사 하강법", "04_optim"),
    ("경사하강법", "04_optim"),
    ("경사하강법이란", "04_optim"),
    ("확률적 경사 하강법", "04_optim"),
    ("학습률", "04_optim"),
    ("학습률이", "04_optim"),
    ("학습 속도", "04_optim"),
    ("모멘텀", "04_optim"),
    ("모멘텀이", "04_optim"),
    ("Adam", "04_optim"),
    ("Adam과", "04_optim"),
    ("추론", "05_train_infer"),
    ("추론이란", "05_train_infer"),
    ("학습", "05_train_infer"),
    ("순전파", "05_train_infer"),
    ("역전파", "05_train_infer"),
    ("역전파를", "05_train_infer"),
    ("에포크", "06_epoch_batch"),
    ("에폭", "06_epoch_batch"),
    ("에포크가", "06_epoch_batch"),
    ("배치 크기", "06_epoch_batch"),
    ("배치 사이즈", "06_epoch_batch"),
    ("배치 크기를", "06_epoch_batch"),
    ("반복", "06_epoch_batch"),
    ("drop_last", "06_epoch_batch"),
    ("드롭 라스트", "06_epoch_batch"),
    ("미니배치", "01_linear_regression"),
    ("미니 배치", "01_linear_regression"),
    ("선형 회귀", "01_linear_regression"),
    ("선형 회귀의", "01_linear_regression"),
    ("선형회귀", "01_linear_regression"),
    ("제곱 손실", "01_linear_regression"),
    ("정규 방정식", "01_linear_regression"),
    ("정규방정식", "01_linear_regression"),
    # 조사 에서/으로/로/와/과/은가 붙은 꼴(받침에 맞는 조사: 모멘텀과, 배치 크기와, 에포크로, 추론으로)
    ("미니배치에서", "01_linear_regression"),
    ("학습률로", "04_optim"),
    ("경사 하강법으로", "04_optim"),
    ("추론으로", "05_train_infer"),
    ("에포크로", "06_epoch_batch"),
    ("편향은", "02_bias"),
    ("모멘텀과", "04_optim"),
    ("배치 크기와", "06_epoch_batch"),
]
# 검색어 정리(pagefind/studybook-search.js)가 돌려줘야 하는 꼴
NORMALIZED = [
    ("편향의", "편향"), ("ReLU는", "ReLU"), ("drop_last를", "drop_last"), ("값이", "값"),
    ("경사하강법이란", "경사 하강법"), ("배치 사이즈를", "배치 크기"), ("에폭", "에포크"),
    ("학습 속도", "학습률"), ("그래디언트", "기울기"), ("바이어스가", "편향"),
    # 조사처럼 끝나는 두 글자 낱말은 그대로 둔다
    ("평가", "평가"), ("결과", "결과"), ("정의", "정의"), ("속도", "속도"),
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
    assert pages, "Pagefind 색인이 비어 있습니다(booktools.search가 돌았는지 확인)"
    assert not [u for u in urls if u.endswith(NOT_INDEXED)], urls
    assert not [u for u in urls if "_static/" in u or u.rstrip("/").endswith("html/index.html")], urls
    stems = {chapter_of(u) for u in urls}
    for _, expected in QUERIES:
        for chapter in (expected if isinstance(expected, tuple) else (expected,)):
            assert chapter in stems, f"{chapter}가 색인에 없습니다: {sorted(stems)}"
    # 페이지 틀(사이드바의 부 제목, 테마 단추, 바닥글)은 본문 색인에 들어가지 않는다.
    for page in pages:
        content = page["content"]
        for chrome in ("Skip to main content", "Ctrl+K", "Search Ctrl", "© Copyright", "By 딥러닝"):
            assert chrome not in content, (page["url"], chrome)
        assert page["meta"].get("title"), page["url"]


@pytest.mark.build
def test_review_headings_are_headings_of_the_book(built_book):
    """복습 절 표(booktools.search.REVIEW_HEADINGS: 절 순위에서 대안으로 미루는 절)의 제목은 책에 실제로 있는
    절 제목이다(장이 제목을 바꾸면 표가 조용히 낡지 않게)."""
    import re

    from booktools import search

    headings = set()
    for page in fragments(built_book.html):
        headings |= {re.sub(r"^[\d.]+\s*", "", a["text"]).strip() for a in page["anchors"] if a["element"].startswith("h")}
    missing = [h for h in search.REVIEW_HEADINGS if h not in headings]
    assert not missing, f"책에 없는 복습 절 제목: {missing}"


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
    proc = subprocess.run([sys.executable, "-m", "booktools", "search", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "data-pagefind-body" in proc.stderr
    assert not (html / "pagefind").exists()


# ── 실제 검색 화면(브라우저) ────────────────────────────────────────────
def run_query(page, query: str) -> list[str]:
    """검색 칸에 사람이 치듯 입력하고 결과가 뜨면 결과 링크들을 돌려준다."""
    box = page.locator("#studybook-search input")
    box.fill("")
    box.press_sequentially(query, delay=40)
    # 결과 문구('‘검색어’ 검색 결과 N건')가 지금 입력한 검색어로 바뀌고, 결과가 있으면 목록의 결과마다 조각(fragment)이
    # 다 와서 링크가 그려질 때까지 기다린다. 문구는 조각보다 먼저 바뀌므로 문구만 보고 고정 시간(예전 300 ms)을 기다리면
    # 바쁜 CI에서는 목록이 아직 비어 '결과가 없습니다'로 잘못 실패했다(CI 1507 s 실행의 '결정 경계').
    page.wait_for_function(
        """(q) => {
            const root = document.querySelector('#studybook-search');
            const msg = root && root.querySelector('.pagefind-ui__message');
            if (!msg || !msg.textContent.includes(q) || msg.textContent.includes('찾는 중')) return false;
            if (msg.textContent.includes('결과가 없습니다')) return true;
            const items = root.querySelectorAll('.pagefind-ui__result');
            return items.length > 0 && !root.querySelector('.pagefind-ui__results .pagefind-ui__loading')
                && root.querySelectorAll('.pagefind-ui__result-link').length >= items.length;
        }""",
        arg=query, timeout=30000,
    )
    return [a.get_attribute("href") for a in page.locator(RESULT_LINKS).all()]


@pytest.fixture
def search_page(visit):
    record = visit("search.html")
    record.page.wait_for_selector("#studybook-search input", timeout=10000)
    return record


SEARCH_ALL = """async (queries) => {
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.init();
  const out = [];
  for (const [query] of queries) {
    const term = window.StudybookSearch.normalize(query);
    const started = performance.now();
    const search = await pagefind.search(term);
    const top = search.results.length ? await search.results[0].data() : null;
    const ms = performance.now() - started;
    const second = search.results.length > 1 ? await search.results[1].data() : null;
    out.push({query, term, ms, urls: [top, second].filter(Boolean).map((d) => d.url),
              subs: top ? top.sub_results.map((s) => s.url) : [], excerpt: top ? top.excerpt : ""});
  }
  return out;
}"""


def write_timing(built_book, name: str, values_ms: list[float]) -> dict:
    """검색 시간(시간 검사가 아니라 보고): 출력하고 _build/search-bench.json에 적는다."""
    import statistics

    summary = {"queries": len(values_ms), "median_ms": round(statistics.median(values_ms), 1),
               "max_ms": round(max(values_ms), 1), "first_ms": round(values_ms[0], 1)}
    path = built_book.root / "_build" / "search-bench.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = summary
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    print(f"\n[search-bench] {name}: {summary}")
    return summary


@pytest.mark.browser
def test_korean_queries_rank_their_chapter_first(search_page, built_book):
    """학습자가 치는 꼴(조사, 띄어쓰기, 다른 표기) 그대로 검색해도 그 용어를 가르치는 장이 1위다.

    검색 페이지와 같은 검색어 정리(StudybookSearch.normalize)와 Pagefind JS API를 쓴다."""
    assert len(QUERIES) >= 30
    page = search_page.page
    page.wait_for_function("window.StudybookSearch !== undefined", timeout=10000)
    results = page.evaluate(SEARCH_ALL, QUERIES)
    misses = []
    for (query, expected), got in zip(QUERIES, results):
        stems = [chapter_of(u) for u in got["urls"]]
        allowed = expected if isinstance(expected, tuple) else (expected,)
        if stems[:1] not in [[c] for c in allowed]:
            misses.append(f"'{query}' (→ '{got['term']}') 기대 {' 또는 '.join(allowed)}, 결과 {stems}")
    ranked = len(QUERIES) - len(misses)
    print(f"\n[search-bench] 1위 적중 {ranked}/{len(QUERIES)}")
    write_timing(built_book, "api_first_result", [r["ms"] for r in results])
    assert not misses, f"{ranked}/{len(QUERIES)}만 1위:\n" + "\n".join(misses)
    assert not search_page.console_errors, search_page.console_errors


@pytest.mark.browser
def test_query_normalisation(search_page):
    page = search_page.page
    page.wait_for_function("window.StudybookSearch !== undefined", timeout=10000)
    got = page.evaluate("(qs) => qs.map(([q]) => window.StudybookSearch.normalize(q))", NORMALIZED)
    wrong = [f"{q!r} → {g!r} (기대 {want!r})" for (q, want), g in zip(NORMALIZED, got) if g != want]
    assert not wrong, wrong


@pytest.mark.browser
def test_results_link_to_sections_with_prose_excerpts(search_page, built_book):
    """결과는 절(앵커)로 가고, 발췌는 코드가 아니라 본문 글이다."""
    page = search_page.page
    page.wait_for_function("window.StudybookSearch !== undefined", timeout=10000)
    queries = [("모멘텀", "04_optim"), ("역전파", "05_train_infer"), ("drop_last", "06_epoch_batch"),
               ("시그모이드", "03_activations")]
    for got in page.evaluate(SEARCH_ALL, queries):
        anchors = [u for u in got["subs"] if "#" in u]
        assert anchors, f"'{got['query']}': 절 단위 결과(앵커)가 없습니다: {got['subs']}"
        for url in anchors:
            path, anchor = url.split("#", 1)
            source = (built_book.html / path.lstrip("/")).read_text(encoding="utf-8")
            assert f'id="{anchor}"' in source, f"{url}: 페이지에 그 앵커가 없습니다"
        excerpt = got["excerpt"]
        for code in ("import ", "def ", ">>>", "\\(", "\\frac", "\\hat"):
            assert code not in excerpt, f"'{got['query']}' 발췌에 코드·수식 원문 {code!r}: {excerpt}"
    # 코드 셀의 코드와 출력은 색인에 아예 없다(모든 장의 첫 코드 셀이 dlkit을 불러온다).
    contents = " ".join(p["content"] for p in fragments(built_book.html))
    assert "import dlkit" not in contents


TYPED = [("모멘텀이", "04_optim"), ("에폭", "06_epoch_batch"), ("배치 사이즈", "06_epoch_batch"),
         ("경사하강법", "04_optim"), ("바이어스", "02_bias")]


@pytest.mark.browser
def test_typed_queries_open_the_teaching_section(search_page, built_book):
    """검색 칸에 친 그대로(조사·다른 표기): 첫 결과가 그 장의 절(앵커)로 가고, 첫 결과가 뜨기까지의
    시간(마지막 글자를 친 순간부터, Pagefind UI의 입력 대기 300 ms 포함)을 보고한다."""
    page = search_page.page
    box = page.locator("#studybook-search input")
    waits, anchored = [], 0
    for query, chapter in TYPED:
        box.fill(query[:-1])
        page.wait_for_timeout(600)
        started = page.evaluate("performance.now()")
        box.press_sequentially(query[-1])
        page.wait_for_function(
            """(q) => {
                const msg = document.querySelector('#studybook-search .pagefind-ui__message');
                return msg && msg.textContent.includes(q) && !msg.textContent.includes('찾는 중')
                    && document.querySelector('#studybook-search .pagefind-ui__result-link');
            }""", arg=query, timeout=15000)
        waits.append(page.evaluate("performance.now()") - started)
        link = page.locator(RESULT_LINKS).first
        first, title = link.get_attribute("href"), unicodedata.normalize("NFC", link.inner_text())
        assert chapter_of(first) == chapter, f"'{query}' 첫 결과 {first}, 기대 {chapter}"
        # 장 제목이 그 용어가 아니면(예: '3. 최적화'에서 경사 하강법) 그 용어를 다루는 절로 바로 간다.
        term = page.evaluate("(q) => window.StudybookSearch.normalize(q)", query)
        if term not in title:
            assert "#" in first, f"'{query}' 첫 결과가 장 '{title}'의 맨 위로 갑니다(절 앵커 없음): {first}"
            anchored += 1
    assert anchored >= 2, "장 제목에 없는 용어('모멘텀이', '경사하강법')는 절로 가야 합니다"
    write_timing(built_book, "ui_first_result_after_last_key", waits)
    assert not search_page.console_errors, search_page.console_errors


# (검색어, 첫 결과가 열어야 하는 절 "페이지#앵커"). 앵커는 그 절의 id(페이지의 목차와 제목 옆 '#' 링크가 쓰는 것)다.
# 이름표가 없는 절의 id(id2, id5 …)는 Sphinx가 장 안에서 차례로 매긴 번호라, 그 앞에 절을 더하면 바뀐다(그러면 여기를 고친다).
# 장 제목이 그 용어인 장(편향, 에포크·배치 크기)은 장 맨 위(#ch-…)가 그 용어를 가르치는 곳이다.
# 두 절이 나눠 가르치는 용어는 앵커를 튜플로 적는다: Leaky ReLU·시그모이드는 3.4절 표가 정의하고 3.5절이 왜 쓰는지 설명한다.
# 장 안에서 어느 절을 열지는 rankSections(booktools/search_query.js)가 정한다. 아래 뒤쪽 넷은 예전 규칙(절마다 맞은
# 자리 무게의 합)이 틀린 것이다: 용어를 되풀이하는 '연습 문제'(Leaky ReLU, 시그모이드, drop_last)나, 검색어의 한 낱말
# ('함수')이 무게 큰 장 제목('활성화 함수')에 든 장 맨 위(계단 함수)가 가르치는 절을 이겼다.
SECTION_QUERIES = [
    ("포화", "chapters/03_activations.html#act-vanishing"),            # 3.5 포화와 기울기 소실
    ("기울기 소실", "chapters/03_activations.html#act-vanishing"),
    ("원점을", "chapters/02_bias.html#bias-origin"),                   # 2.6 편향이 없으면 직선이 원점을 지나야 한다
    ("결정 경계", "chapters/02_bias.html#bias-geometry"),              # 2.5 편향은 경계를 옮긴다(결정 경계의 정의)
    ("모멘텀", "chapters/04_optim.html#sgd-rmsprop-adam"),             # 4.4 SGD를 넘어서: 모멘텀, RMSProp, Adam
    ("모멘텀이", "chapters/04_optim.html#sgd-rmsprop-adam"),
    ("경사하강법", "chapters/04_optim.html#id5"),                      # 4.3 경사 하강법과 확률적 경사 하강법
    ("역전파", "chapters/05_train_infer.html#id2"),                    # 5.1 학습: 데이터셋으로 순전파 → 역전파
    ("에폭", "chapters/06_epoch_batch.html#ch-epoch-batch"),           # 6. 에포크, 배치 크기, 반복
    ("배치 사이즈", "chapters/06_epoch_batch.html#ch-epoch-batch"),
    ("바이어스", "chapters/02_bias.html#ch-bias"),                     # 2. 편향
    ("계단 함수", "chapters/03_activations.html#act-threshold"),       # 3.1 현실의 임계점(계단 함수의 정의)
    ("Leaky ReLU", ("chapters/03_activations.html#act-kinds", "chapters/03_activations.html#act-vanishing")),
    ("시그모이드", ("chapters/03_activations.html#act-kinds", "chapters/03_activations.html#act-vanishing")),
    ("drop_last", "chapters/06_epoch_batch.html#id5"),                 # 6.2.2 나누어떨어지지 않을 때(버리는 까닭과 빠지는 예제)
]


def page_and_anchor(href: str) -> str:
    """결과 링크(/chapters/x.html?highlight=…#앵커) → "chapters/x.html#앵커"(앵커가 없으면 페이지만)."""
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def check_first_section(search_page, built_book, query: str, expected) -> None:
    page = search_page.page
    links = run_query(page, query)
    assert links, f"'{query}': 결과가 없습니다"
    got = page_and_anchor(links[0])
    allowed = expected if isinstance(expected, tuple) else (expected,)
    # 기대한 앵커가 정말 그 페이지의 절 id인지(장이 바뀌어 번호가 밀리면 여기서 알 수 있게)
    for want in allowed:
        path, anchor = want.split("#", 1)
        source = (built_book.html / path).read_text(encoding="utf-8")
        assert f'<section id="{anchor}"' in source or f'id="{anchor}">' in source, f"{want}: 그런 절이 없습니다"
    title = unicodedata.normalize("NFC", page.locator(RESULT_LINKS).first.inner_text())
    assert got in allowed, f"'{query}' 첫 결과 {got} ('{title}'), 기대 {' 또는 '.join(allowed)}"
    assert not search_page.console_errors, search_page.console_errors


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", SECTION_QUERIES, ids=[q for q, _ in SECTION_QUERIES])
def test_first_result_opens_the_teaching_section(search_page, built_book, query, expected):
    """검색 칸에 친 그대로: 첫 결과의 링크가 그 용어를 가르치는 절(페이지#앵커)로 간다. 이름표((label)=)가 붙은 절도
    그 절의 id로 간다(예전에는 제목 앞의 빈 span 때문에 장 맨 위나 '연습 문제'로 갔다)."""
    check_first_section(search_page, built_book, query, expected)


@pytest.mark.browser
def test_particles_are_matched_and_excerpts_highlighted(search_page):
    """'학습률'은 본문의 '학습률을'·'학습률이' 같은 어절을 찾고, 발췌에 그 어절을 강조한다."""
    page = search_page.page
    for query in ("학습률", "편향"):
        run_query(page, query)
        marks = [unicodedata.normalize("NFC", m) for m in page.locator("#studybook-search mark").all_inner_texts()]
        assert marks, f"'{query}' 결과 발췌에 강조 표시가 없습니다"
        assert all(query in m for m in marks), marks
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
    page.wait_for_selector("article span.highlighted", timeout=15000)
    assert "편향" in page.locator("article span.highlighted").first.inner_text()


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
