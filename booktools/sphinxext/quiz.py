"""스스로 점검하기 퀴즈의 기록표: ```` ```{quiz-progress} ```` 지시어(책의 첫 페이지 끝).

퀴즈 자체는 장 끝의 코드 셀이 `dlkit.quiz.Quiz`로 만드는 스스로 완결된 HTML이다(책, 슬라이드,
노트북 어디서나 같은 것). 퀴즈는 답과 점수를 브라우저 localStorage의 `studybook:quiz:<장>`에
남긴다. 이 지시어는 퀴즈가 있는 장(소스에 `from dlkit.quiz import`가 있는 장)마다 한 줄씩
표를 만들고, `booktools/theme/static/quiz-progress.js`(이 페이지에만 인라인으로 싣는다)가 저장된 기록을 읽어
"아직 풀지 않음 / 몇 문항 중 몇 문항 정답"을 채운다. "기록 지우기" 단추는 그 키들만 지운다.
"""
from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

from booktools.theme import STATIC

from booktools.chapters import chapters_with_quiz
from dlkit.quiz import STORAGE_PREFIX  # 퀴즈가 기록을 저장하는 localStorage 키 앞부분(한 곳에서 정의)

SCRIPT = STATIC / "quiz-progress.js"


class quiz_progress_placeholder(nodes.General, nodes.Element):
    """{quiz-progress} 자리: 모든 문서 제목을 알게 된 뒤(doctree-resolved) 표로 바꾼다."""


class QuizProgressDirective(Directive):
    has_content = False

    def run(self):
        return [quiz_progress_placeholder()]


def _quiz_docs(env) -> list[str]:
    """퀴즈가 있는 장의 docname(목차 순서)."""
    return [ch.doc for ch in chapters_with_quiz(Path(env.srcdir)) if ch.doc in env.found_docs]


def _fill(app, doctree, fromdoc):
    env = app.env
    for node in doctree.findall(quiz_progress_placeholder):
        rows = []
        for docname in _quiz_docs(env):
            chapter = docname.rsplit("/", 1)[-1]
            title = env.titles[docname].astext() if docname in env.titles else chapter
            anchor = "sbq-" + chapter.replace("_", "-")
            page = app.builder.get_relative_uri(fromdoc, docname) + "#" + anchor
            rows.append(
                f'<tr data-sbq-chapter="{html.escape(chapter)}">'
                f'<td><a class="reference internal" href="{html.escape(page)}">{html.escape(title)}</a></td>'
                '<td class="sbq-status">아직 풀지 않음</td></tr>'
            )
        if not rows:
            node.replace_self(nodes.raw("", "<p>아직 퀴즈가 있는 장이 없습니다.</p>", format="html"))
            continue
        script = SCRIPT.read_text(encoding="utf-8")
        block = (
            f'<div class="sbq-progress" data-sbq-prefix="{STORAGE_PREFIX}">'
            '<table class="table"><thead><tr><th>장</th><th>스스로 점검하기</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            '<p><button type="button" class="sbq-clear btn btn-sm btn-outline-secondary">점검 기록 지우기</button> '
            '<span class="sbq-cleared" role="status" aria-live="polite"></span></p>'
            f"<script>{script}</script></div>"
        )
        node.replace_self(nodes.raw("", block, format="html"))


def setup(app):
    def _skip(self, node):
        raise nodes.SkipNode

    app.add_node(quiz_progress_placeholder, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_directive("quiz-progress", QuizProgressDirective)
    app.connect("doctree-resolved", _fill)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
