"""한국어 검색: Pagefind로 만든 색인을 쓰는 검색 페이지.

Sphinx 자체 검색은 한국어를 모른다(`ko` 검색 언어가 없어 영어로 처리한다). 그래서 조사가 붙은
'편향은'만 색인되고 '편향'으로는 아무것도 찾지 못한다. Pagefind는 낱말의 앞부분을 맞춰 주므로
'편향'이 '편향은', '학습률'이 '학습률을'을 찾는다.

이 모듈이 하는 일:

1. `booktools/theme/templates/search.html`이 테마의 검색 페이지를 덮어쓴다(폴더는 :mod:`booktools.sphinxext.look`가 넣는다).
   테마의 검색 상자와 Ctrl+K는 원래대로 `search.html?q=...`로 오고, 그 페이지가 Pagefind UI를 띄운다.
2. 검색 결과에서 장을 열면 검색어를 본문에 노란색으로 강조한다(HIGHLIGHT_JS).
3. Sphinx 자체 검색의 스크립트(`searchtools.js`, `language_data.js`, 색인 `searchindex.js` 200 KB)를 페이지에서
   뺀다. pydata 테마가 모든 페이지 머리에 렌더링을 막는 스크립트로 넣지만 이 책의 검색은 Pagefind다
   (우회: :func:`booktools.sphinxext.workarounds.drop_theme_scripts`). `doctools.js`는 남긴다:
   강조(`sphinx_highlight.js`)와 번역(`translations.js`)이 그 위에서 돈다.
4. 본문 페이지마다 글 본문(`<article class="bd-article">` 안의 내용)을 `data-pagefind-body`로
   감싼다. Pagefind는 이 표시가 있는 페이지의 이 부분만 색인하므로 메뉴·목차 같은 틀과
   검색/색인(genindex) 페이지는 색인에 들어가지 않는다.

색인 자체는 빌드가 끝난 뒤 `booktools/search.py`가 만든다(빌드할 때마다 새로).
"""
from __future__ import annotations


from sphinx.application import Sphinx

from booktools.sphinxext.workarounds import drop_theme_scripts

# 색인하지 않을 페이지(본문이 아닌 페이지)
NOT_INDEXED = {"search", "genindex", "py-modindex"}
# Sphinx 자체 검색의 스크립트(사이트 뿌리 기준): 어느 페이지도 싣지 않는다.
SPHINX_SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
BODY_OPEN = '<div class="studybook-search-body" data-pagefind-body>'
# 검색 결과를 누르면 `?highlight=검색어`로 장이 열린다. Sphinx의 sphinx_highlight.js가 그 낱말을 강조하고
# (searchtools.js가 없는 페이지에서만 한다: 위 3), 이 스크립트는 첫 강조로 화면을 옮긴다. 페이지 그리기
# (수식 조판 등)가 강조를 지웠으면 load 때 다시 강조한다.
HIGHLIGHT_JS = """
(function () {
  if (window.location.pathname.endsWith("/search.html")) { return; }
  // 검색어는 스크립트가 읽힐 때 잡아 둔다: sphinx_highlight.js가 돌면 주소에서 지워 버린다.
  var terms = new URLSearchParams(window.location.search).get("highlight");
  if (!terms) { return; }
  var scrolled = false;
  function apply() {
    if (typeof SphinxHighlight === "undefined") { return; }
    if (!document.querySelector("article span.highlighted")) {
      localStorage.setItem("sphinx_highlight_terms", terms);
      SphinxHighlight.highlightSearchWords();
    }
    window.setTimeout(function () {  // highlightSearchWords는 10 ms 뒤에 낱말을 감싼다
      var first = document.querySelector("article span.highlighted");
      if (first && !scrolled && !window.location.hash) { scrolled = true; first.scrollIntoView({block: "center"}); }
    }, 50);
  }
  document.addEventListener("DOMContentLoaded", apply);
  window.addEventListener("load", apply);
})();
"""


def mark_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """본문 페이지의 글 본문만 Pagefind 색인 대상으로 표시한다."""
    if app.builder.format != "html" or pagename in NOT_INDEXED or doctree is None:
        return
    body = context.get("body")
    if body and "data-pagefind-body" not in body:
        context["body"] = f"{BODY_OPEN}\n{body}\n</div>"


def drop_sphinx_search(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    drop_theme_scripts(pagename, context, *SPHINX_SEARCH_SCRIPTS)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", mark_body)
    app.connect("html-page-context", drop_sphinx_search)
    app.add_js_file(None, body=HIGHLIGHT_JS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
