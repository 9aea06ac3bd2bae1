"""장 페이지 인쇄용 스타일시트: `booktools/theme/static/studybook-print.css`를 모든 페이지에 media="print"로 싣는다.

인쇄하면 사이드바·머리·실행 버튼이 빠지고 본문과 그림만 남으며, 풀이는 접힌 채로 나온다
(발표 슬라이드의 유인물은 따로: `booktools/slides.py`가 만드는 `slides/<장>.pdf`).
`booktools/theme/static/`는 html_static_path에 들어가 `_static/`으로 복사된다(booktools.sphinxext.look이 넣는다).
"""
from __future__ import annotations


PRINT_CSS = "studybook-print.css"


def setup(app):
    app.add_css_file(PRINT_CSS, media="print")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
