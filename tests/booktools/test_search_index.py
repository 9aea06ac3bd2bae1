"""검색 색인 단계(booktools.search.build_index)가 Pagefind 묶음을 읽어 보고, 온전하지 않으면 다시 만드는지.

작은 사이트 두 쪽으로 진짜 Pagefind(파이썬 API가 띄우는 서비스)를 돌린다. 사이트 전체의 검색은
tests/site/test_search.py가 Chromium에서 본다."""
from __future__ import annotations

import pytest

from booktools import search

PAGE = ('<html lang="ko"><body><main {mark}><h1 id="top">{title}</h1><p>{text}</p></main></body></html>')


@pytest.fixture()
def tiny_site(tmp_path):
    html = tmp_path / "_build" / "html" / "chapters"
    html.mkdir(parents=True)
    for name, title, text in [("a", "편향", "편향은 결정 경계를 평행 이동합니다."),
                              ("b", "학습률", "학습률이 너무 크면 경사 하강법이 발산합니다.")]:
        (html / f"{name}.html").write_text(PAGE.format(mark=search.BODY_MARK, title=title, text=text), encoding="utf-8")
    return tmp_path


def test_a_built_bundle_has_no_problems_and_a_truncated_entry_is_caught(tiny_site):
    assert search.build_index(tiny_site) == 0
    bundle = tiny_site / "_build" / "html" / "pagefind"
    assert search.bundle_problems(bundle, 2) == []
    assert search.bundle_problems(bundle, 3) != []  # 페이지 수가 다르면 잡는다
    (bundle / "pagefind-entry.json").write_text("", encoding="utf-8")  # 실제로 겪은 꼴: 0바이트 진입 파일
    problems = search.bundle_problems(bundle, 2)
    assert problems and "pagefind-entry.json" in problems[0]


def test_a_broken_first_index_is_built_again(tiny_site, monkeypatch, capsys):
    real = search._write_index
    calls = []

    async def flaky(html, pages, bundle):
        indexed = await real(html, pages, bundle)
        calls.append(bundle)
        if len(calls) == 1:
            (bundle / "pagefind-entry.json").write_bytes(b"")
        return indexed

    monkeypatch.setattr(search, "_write_index", flaky)
    assert search.build_index(tiny_site) == 0
    assert len(calls) == 2 and "다시 만듭니다" in capsys.readouterr().err
    assert search.bundle_problems(tiny_site / "_build" / "html" / "pagefind", 2) == []


def test_an_index_that_stays_broken_stops_the_build(tiny_site, monkeypatch, capsys):
    real = search._write_index

    async def broken(html, pages, bundle):
        indexed = await real(html, pages, bundle)
        (bundle / "pagefind-entry.json").write_bytes(b"")
        return indexed

    monkeypatch.setattr(search, "_write_index", broken)
    assert search.build_index(tiny_site) == 1
    assert "빌드를 멈춥니다" in capsys.readouterr().err


def test_indexing_works_inside_a_running_event_loop(tiny_site):
    """같은 프로세스에서 이벤트 루프가 돌고 있어도(Playwright sync API를 쓴 pytest 일꾼) 색인을 만든다."""
    import asyncio
    import threading

    result = {}

    async def inside():
        return search.build_index(tiny_site)

    def thread():  # 새 스레드: 이 프로세스에 이미 루프가 돌고 있어도(CI 일꾼) 여기서 루프를 하나 띄울 수 있다
        result["rc"] = asyncio.run(inside())

    worker = threading.Thread(target=thread)
    worker.start()
    worker.join()
    assert result == {"rc": 0}


# ── 절 앵커: 절 id를 제목으로 옮긴다(booktools.search.indexable_html) ─────────────
# 빌드된 _build/html/chapters/03_activations.html과 02_bias.html에서 그대로 떼어 온 조각(본문만 줄였다).
# 이름표((act-vanishing)=)가 붙은 절은 Sphinx가 <section id="이름표"> 뒤, 제목 앞에 빈 <span id="idN"></span>을
# 끼운다. 이름표가 없는 절(3.8 연습 문제)에는 span이 없다. 2.2절은 제목에서 만든 id("a")가 절에, 이름표가 span에 간다.
BUILT_SECTIONS = """<div class="studybook-search-body" data-pagefind-body>
<section class="tex2jax_ignore mathjax_ignore" id="ch-activations">
<span id="id1"></span><h1><span class="section-number">3. </span>활성화 함수<a class="headerlink" href="#ch-activations" title="이 제목으로 바로가는 링크">#</a></h1>
<p>활성화 함수는 가중합 뒤에 두는 함수입니다.</p>
<section id="act-vanishing">
<span id="id6"></span><h2><span class="section-number">3.5. </span>포화와 기울기 소실<a class="headerlink" href="#act-vanishing" title="이 제목으로 바로가는 링크">#</a></h2>
<ul class="simple">
<li><p>시그모이드의 도함수는 양 끝에서 0에 가까워진다: 포화</p></li>
</ul>
</section>
<section id="id9">
<h2><span class="section-number">3.8. </span>연습 문제<a class="headerlink" href="#id9" title="이 제목으로 바로가는 링크">#</a></h2>
<p>뉴런 하나의 출력을 손으로 구해 보세요.</p>
</section>
<section id="a">
<span id="bias-party"></span><h2><span class="section-number">2.2. </span>사람 A는 파티에 갈까?<a class="headerlink" href="#a" title="이 제목으로 바로가는 링크">#</a></h2>
<p>비, 돈, 친구 세 입력으로 파티에 갈지 정합니다.</p>
</section>
</section>
</div>"""
# 절 id → 그 절 제목의 글자(페이지의 목차와 제목 옆 '#' 링크가 쓰는 id)
BUILT_HEADINGS = {"ch-activations": "3. 활성화 함수", "act-vanishing": "3.5. 포화와 기울기 소실",
                  "id9": "3.8. 연습 문제", "a": "2.2. 사람 A는 파티에 갈까?"}


def heading_ids(source: str) -> dict[str, str]:
    """id가 있는 제목 → 제목 글자('#' 링크는 뺀다). 빈 id 요소(<span id=…></span>)는 따로 센다."""
    import re

    found = {}
    for m in re.finditer(r'<h[1-6] id="([^"]+)">(.*?)</h[1-6]>', source, re.S):
        text = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", m[2]))
        found[m[1]] = text.strip()
    return found


def test_every_section_heading_carries_its_section_id():
    out = search.indexable_html("chapters/03_activations.html", BUILT_SECTIONS)
    assert heading_ids(out) == BUILT_HEADINGS
    assert "<span id=" not in out, "빈 이름표 span이 색인할 사본에 남았습니다(Pagefind가 글자 없는 앵커로 적는다)"
    assert 'section id="' not in out and "<section id" not in out  # id는 제목에만(한 id가 두 번 나오지 않게)
    assert out.count("포화") == BUILT_SECTIONS.count("포화")  # 본문 글자는 그대로


def test_old_section_pattern_misses_labelled_sections():
    """음성 대조: 예전 정규식(<section id> 바로 뒤에 제목만 기대)으로는 이름표가 붙은 절의 제목에 id가 가지 않는다."""
    import re

    old = re.compile(r'<section(?P<pre>[^>]*?) id="(?P<id>[^"]+)"(?P<post>[^>]*)>(?P<gap>\s*)<h(?P<n>[1-6])>')
    out = old.sub(lambda m: f'<section{m["pre"]}{m["post"]}>{m["gap"]}<h{m["n"]} id="{m["id"]}">', BUILT_SECTIONS)
    assert heading_ids(out) == {"id9": "3.8. 연습 문제"}  # 이름표 없는 절 하나만 옮겨졌다
    assert heading_ids(out) != BUILT_HEADINGS


def test_pagefind_anchors_are_the_section_headings(tmp_path):
    """진짜 Pagefind로 색인해 본다: 앵커가 된 제목(Pagefind가 절 결과에 쓰는 것)이 절 id를 갖고, 글자 없는 앵커는 없다."""
    import gzip
    import json

    html = tmp_path / "_build" / "html" / "chapters"
    html.mkdir(parents=True)
    (html / "03_activations.html").write_text(f'<html lang="ko"><body>{BUILT_SECTIONS}</body></html>', encoding="utf-8")
    assert search.build_index(tmp_path) == 0
    [fragment] = (tmp_path / "_build" / "html" / "pagefind" / "fragment").glob("*.pf_fragment")
    anchors = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])["anchors"]
    headings = {a["id"]: a["text"] for a in anchors if a["element"].startswith("h")}
    assert headings == BUILT_HEADINGS
    assert not [a for a in anchors if a["element"] == "span"], anchors


# ── 낱말에 붙은 괄호·인라인 코드는 띄어서 색인한다(booktools.search.GLUED_BRACKET, GLUED_CODE) ─────────
# 빌드된 06_epoch_batch.html에서 떼어 온 두 꼴: 본문의 `버리면(<code>drop_last=True</code>)`, 그림 설명의
# `경우(drop_last=True)`. 그림 설명(figcaption)은 코드 셀 출력(.cell_output) 안에 있지만 글이라 색인한다.
# 장 맨 위에는 띄어 쓴 `drop_last`가도 있다(책과 같다). 색인에 그 낱말이 하나도 없으면 Pagefind는 검색어를
# 'drop'·'last'로 쪼개 다시 찾으므로, 붙은 꼴을 못 찾는 것이 드러나지 않는다.
GLUED = """<div class="studybook-search-body" data-pagefind-body>
<section id="ch-epoch-batch"><h1>6. 에포크</h1><p>에포크마다 섞을 때 <code class="docutils literal notranslate"><span class="pre">drop_last</span></code>가 어떤 예제를 빼는지 봅니다.</p>
<section id="id3"><h2>6.2. 반복</h2>
<p>크기가 모자란 마지막 배치를 버리면(<code class="docutils literal notranslate"><span class="pre">drop_last=True</span></code>) 내림입니다.</p>
</section>
<section id="id5"><h2>6.2.2. 나누어떨어지지 않을 때</h2>
<div class="cell_output docutils container"><div class="output stream"><pre>에포크당 반복 8번</pre></div>
<figure id="fig"><img alt="그림(빗금 친 네 칸)" src="a.png" /><figcaption><p>마지막 배치를 버린 경우(drop_last=True).</p></figcaption></figure>
</div>
</section>
</section>
</div>"""


def visible_text(source: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", source))


def test_glued_brackets_and_code_are_spaced_in_the_indexed_copy():
    out = search.indexable_html("chapters/06_epoch_batch.html", GLUED)
    text = visible_text(out)
    assert "버리면 (drop_last=True) 내림" in text
    assert "버린 경우 (drop_last=True)." in text
    assert 'alt="그림(빗금 친 네 칸)"' in out  # 속성 값 안의 괄호는 그대로
    # 음성 대조: 원본은 붙어 있어 공백으로 나누면 'drop_last'로 시작하는 낱말이 없다(Pagefind는 앞부분만 맞춘다)
    assert len([w for w in visible_text(GLUED).split() if w.lstrip("(").startswith("drop_last")]) == 1
    assert len([w for w in text.split() if w.lstrip("(").startswith("drop_last")]) == 3


def serve_tiny_index(tmp_path, body: str):
    """``body``(한 장)를 진짜 Pagefind로 색인하고, 색인과 검색어 정리 코드를 싣는 빈 페이지를 만든다."""
    html = tmp_path / "_build" / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "chapters" / "page.html").write_text(f'<html lang="ko"><body>{body}</body></html>', encoding="utf-8")
    assert search.build_index(tmp_path) == 0
    (html / "probe.html").write_text('<html lang="ko"><head><meta charset="utf-8">'
                                     '<script src="pagefind/studybook-search.js"></script></head><body></body></html>',
                                     encoding="utf-8")
    return html


SEARCH_SUBS = """async (term) => {
  const pagefind = await import('./pagefind/pagefind.js');
  await pagefind.init();
  const search = await pagefind.search(term);
  if (!search.results.length) { return null; }
  const data = await search.results[0].data();
  return {subs: data.sub_results.map((s) => s.url.split('#')[1] || ''),
          ranked: window.StudybookSearch.rankSections(data, term).map((r) => r.sub.url.split('#')[1] || ''),
          summed: data.sub_results.map((s) => [s.url.split('#')[1] || '',
            s.weighted_locations.reduce((t, l) => t + l.balanced_score, 0)])};
}"""


def search_tiny(browser, html, term: str):
    from booktools import browser as book_browser

    with book_browser.serve(html) as url:
        page = browser.new_page()
        try:
            page.goto(f"{url}/probe.html")
            return page.evaluate(SEARCH_SUBS, term)
        finally:
            page.close()


@pytest.mark.browser
def test_pagefind_finds_a_term_glued_to_a_bracket(browser, tmp_path):
    """진짜 Pagefind와 Chromium: 'drop_last'가 괄호에 붙어 나오는 두 절(본문, 그림 설명)도 찾는다."""
    got = search_tiny(browser, serve_tiny_index(tmp_path, GLUED), "drop_last")
    assert got and got["subs"] == ["ch-epoch-batch", "id3", "id5"], got


@pytest.mark.browser
def test_glued_term_is_not_found_without_the_spacing(browser, tmp_path, monkeypatch):
    """음성 대조: 띄어 쓰기를 끄면(정규식이 아무것도 맞추지 않게) 붙은 꼴이 있는 두 절을 찾지 못한다."""
    import re

    never = re.compile(r"(?!x)x")
    monkeypatch.setattr(search, "GLUED_BRACKET", never)
    monkeypatch.setattr(search, "GLUED_CODE", never)
    got = search_tiny(browser, serve_tiny_index(tmp_path, GLUED), "drop_last")
    assert got["subs"] == ["ch-epoch-batch"], got


# ── 장 안에서 어느 절을 열까(booktools/search_query.js의 rankSections) ─────────────────────
# 03장의 모양을 줄인 것: 장 맨 위(제목 '활성화 함수', 소개에서 용어를 늘어놓는다), 용어를 가르치는 절, 제목의 한 낱말
# ('함수')만 맞는 절, 용어를 여러 번 되풀이하는 복습 절(연습 문제). 글은 책과 같은 말투로 지어 넣었다.
RANKED = """<div data-pagefind-body>
<h1 id="ch-act">3. 활성화 함수</h1><p>종류와 비교: 계단, 시그모이드, ReLU. 활성화 함수는 가중합 뒤에 두는 함수입니다.</p>
<h2 id="act-threshold">3.1. 현실의 임계점</h2><p>60점을 넘으면 합격인 규칙이 계단 함수입니다. 계단 함수는 임계점에서 값이 뛴다.</p>
<h2 id="act-kinds">3.4. 활성화 함수의 종류</h2><p>시그모이드 함수, ReLU 함수, 그리고 계단. 함수마다 도함수가 다르다.</p>
<h2 id="act-ex">3.8. 연습 문제</h2><p>계단 함수의 출력을 구하세요. 계단 함수와 시그모이드를 비교하세요. 계단 함수의 도함수는? 계단 함수로 XOR을?</p>
</div>"""


@pytest.mark.browser
def test_rank_sections_opens_the_teaching_section(browser, tmp_path):
    html = serve_tiny_index(tmp_path, RANKED)
    got = search_tiny(browser, html, "계단 함수")
    assert got["ranked"][0] == "act-threshold", got
    # 복습 절과 장 맨 위는 가르치는 절 뒤의 대안이다(지우지 않는다)
    assert set(got["ranked"]) == {"ch-act", "act-threshold", "act-kinds", "act-ex"}
    assert got["ranked"].index("act-ex") > got["ranked"].index("act-threshold")
    # 음성 대조: 예전 규칙(절마다 맞은 자리 무게의 합)은 장 맨 위나 연습 문제를 고른다
    summed = max(got["summed"], key=lambda s: s[1])[0]
    assert summed in {"ch-act", "act-ex"}, got["summed"]
    # 제목이 검색어 전체를 담으면 그 절이 먼저다(장 제목이면 장 맨 위)
    assert search_tiny(browser, html, "활성화 함수")["ranked"][0] == "ch-act"
    assert search_tiny(browser, html, "임계점")["ranked"][0] == "act-threshold"
    # 가르치는 절에 없는 용어는 복습 절이 대안으로 열린다(여기서 XOR은 연습 문제에만 있다)
    assert search_tiny(browser, html, "XOR")["ranked"][0] == "act-ex"
