"""머리의 스크립트를 미룬다(``defer``): 스크립트를 받고 돌리느라 첫 화면을 그리지 못하는 일이 없게.

Sphinx와 확장(copybutton, togglebutton, sphinx-design, sphinx-book-theme)은 작은 스크립트 여덟아홉 개를 머리에
그냥 ``<script src>``로 넣는다. 하나하나는 10 KB 이하지만 브라우저는 그것을 다 받아 돌리기 전에는 본문을 그리지
않는다(Lighthouse 모바일: "렌더링 차단 리소스" 약 2초). 이 스크립트들은 모두 문서가 다 읽힌 뒤(DOMContentLoaded)에
일하므로 ``defer``로 충분하다: defer 스크립트는 본문을 다 읽은 뒤, 적힌 순서대로, DOMContentLoaded 전에 돈다.

미루지 않는 것(:data:`KEEP`): ``documentation_options.js``. 머리의 인라인 스크립트
(``DOCUMENTATION_OPTIONS.pagename = …``)가 읽히는 즉시 그 변수를 쓴다(0.3 KB).
브라우저 검사: tests/site/test_page_weight.py(머리에 미루지 않은 파일 스크립트가 KEEP뿐인지, 콘솔 오류가 없는지는
모든 페이지 검사가 본다).
"""
from __future__ import annotations

from booktools.sphinxext.workarounds import defer_page_scripts

KEEP = ("documentation_options.js",)


def keep(filename: str) -> bool:
    return filename.rsplit("/", 1)[-1] in KEEP


def _page_context(app, pagename, templatename, context, doctree) -> None:
    defer_page_scripts(context, keep=keep)


def setup(app):
    # 다른 확장이 같은 이벤트에서 스크립트를 더하고 거른 뒤(offline: 900)에 미룬다.
    app.connect("html-page-context", _page_context, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
