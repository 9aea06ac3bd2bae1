"""휴대전화(폭 390px 안팎)에서 읽을 수 있는 페이지.

`booktools/theme/static/studybook-phone.css`(코드 줄바꿈, 표 칸 낱말 단위 줄바꿈, 위젯 줄 폭, 좁은 여백)와
`booktools/theme/static/studybook-phone.js`(넓은 그림을 읽을 수 있는 크기로 가로 스크롤 상자에 넣고, 누르면 페이지를
떠나지 않고 같은 페이지의 창에 원래 크기로 캡션과 함께 보기, 넓은 표에 안내와 키보드 초점, 화면보다 긴 표에는
화면 아래쪽에 붙는 안내를 하나 더)를 모든 페이지에 싣는다. theme/static/은 look이
html_static_path에 넣으므로 두 파일은 _static/으로 복사된다. 검사: tests/site/test_layout.py.
"""
from __future__ import annotations

from sphinx.application import Sphinx

PHONE_CSS = "studybook-phone.css"
PHONE_JS = "studybook-phone.js"


def setup(app: Sphinx) -> dict:
    app.add_css_file(PHONE_CSS)
    app.add_js_file(PHONE_JS, loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
