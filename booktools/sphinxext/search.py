"""한국어 검색: Pagefind로 만든 색인을 쓰는 검색 페이지.

Sphinx 자체 검색은 한국어를 모른다(`ko` 검색 언어가 없어 영어로 처리한다). 그래서 조사가 붙은
'편향은'만 색인되고 '편향'으로는 아무것도 찾지 못한다. Pagefind는 낱말의 앞부분을 맞춰 주므로
'편향'이 '편향은', '학습률'이 '학습률을'을 찾는다.

이 모듈이 하는 일:

1. `booktools/theme/templates/search.html`이 테마의 검색 페이지를 덮어쓴다(폴더는 :mod:`booktools.sphinxext.look`가 넣는다).
   테마의 검색 상자와 Ctrl+K는 원래대로 `search.html?q=...`로 오고, 그 페이지가 Pagefind UI를 띄운다.
2. 검색 결과에서 장을 열면 검색어를 본문에 노란색으로 강조한다(HIGHLIGHT_JS).
3. 본문 페이지마다 글 본문(`<article class="bd-article">` 안의 내용)을 `data-pagefind-body`로
   감싼다. Pagefind는 이 표시가 있는 페이지의 이 부분만 색인하므로 메뉴·목차 같은 틀과
   검색/색인(genindex) 페이지는 색인에 들어가지 않는다.

색인 자체는 빌드가 끝난 뒤 `booktools/search.py`가 만든다(빌드할 때마다 새로).
"""
from __future__ import annotations


from sphinx.application import Sphinx

# 색인하지 않을 페이지(본문이 아닌 페이지)
NOT_INDEXED = {"search", "genindex", "py-modindex"}
BODY_OPEN = '<div class="studybook-search-body" data-pagefind-body>'
# 검색 결과를 누르면 `?highlight=검색어`로 장이 열린다. Sphinx의 sphinx_highlight.js는 이 테마에서
# searchtools.js가 모든 페이지에 실려 있으면 강조를 건너뛰므로(검색 페이지로 착각) 직접 부른다.
HIGHLIGHT_JS = """
(function () {
  if (window.location.pathname.endsWith("/search.html")) { return; }
  // 검색어는 스크립트가 읽힐 때 잡아 둔다: sphinx_highlight.js가 먼저 돌면 주소에서 지워 버린다.
  var terms = new URLSearchParams(window.location.search).get("highlight");
  if (!terms) { return; }
  function apply() {
    if (typeof SphinxHighlight === "undefined" || document.querySelector("article span.highlighted")) { return; }
    localStorage.setItem("sphinx_highlight_terms", terms);
    SphinxHighlight.highlightSearchWords();
    var first = document.querySelector("article span.highlighted");
    if (first && !window.location.hash) { first.scrollIntoView({block: "center"}); }
  }
  document.addEventListener("DOMContentLoaded", apply);
  window.addEventListener("load", apply);  // 처음 강조가 페이지 그리기(수식 조판 등)에 지워졌으면 다시
})();
"""


def mark_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """본문 페이지의 글 본문만 Pagefind 색인 대상으로 표시한다."""
    if app.builder.format != "html" or pagename in NOT_INDEXED or doctree is None:
        return
    body = context.get("body")
    if body and "data-pagefind-body" not in body:
        context["body"] = f"{BODY_OPEN}\n{body}\n</div>"


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", mark_body)
    app.add_js_file(None, body=HIGHLIGHT_JS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
