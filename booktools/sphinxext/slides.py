"""발표 슬라이드 연결: 장 페이지 위쪽의 "발표 슬라이드" 링크와 슬라이드 목록 지시어.

슬라이드(reveal.js)는 Sphinx 빌드가 끝난 뒤 :mod:`booktools.slides`가
`_build/html/slides/<장>.html`(+ 인쇄용 `<장>.pdf`)로 만든다. Sphinx는 그 파일을 모르므로
여기서 만드는 링크는 날것의 HTML이다(`-n -W`가 검사하지 않는다).

- 장(:func:`booktools.chapters.chapters`) 가운데 슬라이드 표시가 있는 셀이 하나라도 있는 장에는
  제목 바로 아래에 "발표 슬라이드" 링크(와 Chromium이 있으면 인쇄용 PDF 링크)를 넣는다.
- ```` ```{slide-decks} ```` 지시어: 슬라이드가 있는 모든 장의 표(장 제목, 슬라이드, PDF).

"슬라이드가 있는 장"의 판단(:func:`booktools.chapters.chapters_with_slides`)과 PDF를 만드는
빌드인지(:meth:`booktools.settings.BuildSettings.print_blocker`)는 덱을 만드는 쪽과 같은 함수다.

PDF를 만드는 빌드인지는 Sphinx 설정값 `studybook_can_print`다(빌드가 설정값으로 넘긴다). 설정값이라서 Chromium을 설치한 뒤의
다음 빌드는 이 값이 바뀐 것을 알고 모든 페이지를 다시 쓴다(슬라이드 목록에 PDF 링크가 생긴다).
PDF를 만들지 않는 빌드는 슬라이드 목록에 그 사실과 대신할 방법을 적는다(링크를 조용히 빼지 않는다).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

from booktools.chapters import chapters_with_slides
from booktools.settings import CONFIG_CAN_PRINT, BuildSettings

SLIDES_DIR = "slides"  # _build/html 아래 덱 폴더
LINK_CLASS = "studybook-slides-link"


def _deck_docs(env) -> list[str]:
    """슬라이드가 있는 장의 docname들(목차 순서: booktools.chapters.chapters_with_slides)."""
    return [ch.doc for ch in chapters_with_slides(Path(env.srcdir)) if ch.doc in env.found_docs]


NO_PRINT_NOTICE = (
    '<div class="admonition note studybook-no-handouts" role="note">'
    '<p class="admonition-title">인쇄용 PDF 없음</p>'
    "<p>이 사이트는 인쇄용 PDF를 만들지 않은 빌드입니다(빌드한 기계에 Chromium이 없었거나 인쇄를 끈 빌드). "
    "Chromium을 설치하고 다시 빌드하면(<code>make book</code>) 아래 표에 장마다 PDF 링크가 생깁니다. "
    "지금은 덱 주소 끝에 <code>?print-pdf</code>를 붙여 연 뒤 브라우저에서 인쇄(Ctrl+P, 여백 없음)하면 "
    "같은 유인물을 얻을 수 있습니다.</p></div>"
)


def _relative(fromdoc: str, target: str) -> str:
    """html 빌더 기준으로 fromdoc 페이지에서 _build/html/<target>로 가는 상대 경로."""
    return "../" * fromdoc.count("/") + target


def _links_html(fromdoc: str, chapter: str, with_pdf: bool) -> str:
    name = chapter.rsplit("/", 1)[-1]
    deck = _relative(fromdoc, f"{SLIDES_DIR}/{name}.html")
    parts = [f'<a class="reference external slides-deck" href="{deck}">발표 슬라이드</a>']
    if with_pdf:
        pdf = _relative(fromdoc, f"{SLIDES_DIR}/{name}.pdf")
        parts.append(f'<a class="reference external slides-pdf" href="{pdf}">인쇄용 PDF</a>')
    return " · ".join(parts)


class slide_decks_placeholder(nodes.General, nodes.Element):
    """{slide-decks} 지시어 자리: 모든 문서 제목을 알게 된 뒤(doctree-resolved) 표로 바꾼다."""


class SlideDecksDirective(Directive):
    has_content = False

    def run(self):
        return [slide_decks_placeholder()]


def _fill_slide_decks(app, doctree, fromdoc):
    env = app.env
    with_pdf = bool(getattr(app.config, CONFIG_CAN_PRINT))
    for node in doctree.findall(slide_decks_placeholder):
        rows = []
        for chapter in _deck_docs(env):
            title = env.titles[chapter].astext() if chapter in env.titles else chapter
            page = app.builder.get_relative_uri(fromdoc, chapter)
            rows.append(
                f'<tr><td><a class="reference internal" href="{html.escape(page)}">{html.escape(title)}</a></td>'
                f"<td>{_links_html(fromdoc, chapter, with_pdf)}</td></tr>"
            )
        if rows:
            table = (
                '<table class="table studybook-slide-decks"><thead><tr><th>장</th><th>슬라이드</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>"
            )
        else:
            table = "<p>아직 슬라이드가 있는 장이 없습니다.</p>"
        if rows and not with_pdf:
            table = NO_PRINT_NOTICE + table
        node.replace_self(nodes.raw("", table, format="html"))


def _add_page_link(app, pagename, templatename, context, doctree):
    """슬라이드가 있는 장 페이지의 본문 첫 제목 바로 아래에 링크 한 줄을 넣는다."""
    if doctree is None or "body" not in context or pagename not in _deck_docs(app.env):
        return
    links = _links_html(pagename, pagename, bool(getattr(app.config, CONFIG_CAN_PRINT)))
    snippet = f'<p class="{LINK_CLASS}" data-pagefind-ignore>{links}</p>'
    body = context["body"]
    match = re.search(r"</h1>", body)
    context["body"] = body[: match.end()] + snippet + body[match.end():] if match else snippet + body


def _log_print_setting(app, config):
    from sphinx.util import logging

    if not getattr(config, CONFIG_CAN_PRINT):
        logging.getLogger(__name__).info("[slides] 인쇄용 PDF 없이 빌드합니다. 슬라이드 목록에 그렇게 적습니다.")


def setup(app):
    def _skip(self, node):
        raise nodes.SkipNode

    # "html": 값이 바뀌면(예: Chromium을 설치한 뒤) Sphinx가 모든 페이지를 다시 쓴다.
    # 기본값(jupyter-book을 직접 부른 경우): 기본 설정으로 인쇄할 수 있는가. 빌드는 설정값으로 넘긴다.
    app.add_config_value(CONFIG_CAN_PRINT, lambda config: BuildSettings().can_print, "html", types=frozenset({bool}))
    app.connect("config-inited", _log_print_setting)
    app.add_node(slide_decks_placeholder, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_directive("slide-decks", SlideDecksDirective)
    app.connect("doctree-resolved", _fill_slide_decks)
    app.connect("html-page-context", _add_page_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
