"""오프라인 자산: 책의 모든 페이지가 네트워크 없이, 콘솔 오류 없이 동작하게 한다.

- `_vendor/`(npm에서 받아 커밋한 RequireJS, @jupyter-widgets/html-manager, 수식 글꼴, 덱의
  MathJax 3·reveal.js·jQuery; `_vendor/MANIFEST.md`, `booktools/vendor_refresh.sh`, 표는 :mod:`booktools.vendor`)를
  `html_static_path`에 넣는다. 결과물에서는 `_static/<패키지>/...`에 놓인다.
  `_static/`(원본 폴더)에 두지 않는 까닭: Jupyter Book 1은 원본 `_static/`의 모든
  .js/.css를 모든 페이지에 넣는다.
- myst-nb의 `nb_ipywidgets_js`를 그 파일들로 돌린다. 상대 경로라 Sphinx가 페이지 깊이
  (`chapters/x.html`)에 맞춰 `../_static/...`로 바꿔 준다. 사이트의 수식은 MathJax가 아니라
  빌드 때 MathML로 쓴다(:mod:`booktools.sphinxext.mathml`).
- 위젯 페이지에는 RequireJS `paths` 설정(`_static/jupyter-widgets/paths.js`, 이 모듈이
  빌드 시작 때 써 넣는다)을 html-manager보다 먼저 넣는다. 없으면 html-manager가 아이콘
  글꼴을 페이지 기준 상대 경로로 불러 `chapters/` 아래에서 404가 난다.
- sphinx-thebe의 인라인 설정 스크립트(두 번 들어가 "Identifier 'THEBE_JS_URL' has
  already been declared" 오류를 낸다)와 sphinx-thebe.js/.css를 페이지에서 뺀다.
  이 책은 thebe를 쓰지 않는다(`launch_buttons.thebe: false`).
- 콘솔 오류 두 가지를 막는다: pydata 테마의 "Got invalid theme mode"(`default_mode`가 비어
  있으면; `light`로), 파비콘이 없을 때 브라우저의 `/favicon.ico` 404(`html_favicon`이 없으면
  data: 아이콘).
"""
from __future__ import annotations

from pathlib import Path

from booktools.sphinxext.workarounds import drop_page_assets
from booktools.vendor import ASSETS, VENDOR_DIR

REQUIREJS = ASSETS["requirejs"]
WIDGETS_PATHS = ASSETS["widgets_paths"]
HTML_MANAGER = ASSETS["html_manager"]

# html-manager 묶음이 이름 붙여 정의하는 AMD 모듈들. `module.uri`가 이 경로에서 나오고,
# webpack은 그 폴더를 글꼴 등 자산의 기준(public path)으로 삼는다.
_WIDGET_MODULES = (
    "@jupyter-widgets/base",
    "@jupyter-widgets/controls",
    "@jupyter-widgets/base7",
    "@jupyter-widgets/controls7",
    "@jupyter-widgets/output",
    "@jupyter-widgets/html-manager",
    "@jupyter-widgets/html-manager/dist/libembed-amd",
)

# 이 스크립트 자신의 주소(절대 URL)에서 폴더를 구하므로 페이지 깊이와 무관하다.
PATHS_JS = """\
// 생성 파일(booktools/sphinxext/offline.py): html-manager가 자산(아이콘 글꼴)을
// 페이지 기준이 아니라 _static/jupyter-widgets/ 기준으로 찾게 한다.
(function () {
  var here = document.currentScript.src;
  var dir = here.slice(0, here.lastIndexOf("/") + 1);
  var paths = {};
  %(modules)s.forEach(function (name) { paths[name] = dir + "embed-amd"; });
  require.config({ paths: paths });
})();
"""

# 브라우저가 /favicon.ico를 찾다가 404(콘솔 오류)를 내지 않게, html_favicon이 없으면
# 파일 없는 data: 아이콘을 넣는다.
FAVICON_DATA_URI = (
    "data:image/svg+xml,"
    "%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
    "%3Crect width='16' height='16' rx='3' fill='%232a5adf'/%3E"
    "%3Cpath d='M4 4h5a3 3 0 0 1 0 8H4z' fill='none' stroke='white' stroke-width='2'/%3E"
    "%3C/svg%3E"
)


def _config_inited(app, config) -> None:
    vendor = Path(app.confdir) / VENDOR_DIR
    if vendor.is_dir() and VENDOR_DIR not in config.html_static_path:
        config.html_static_path.append(VENDOR_DIR)
    # myst-nb: {스크립트 경로: <script> 속성}. 경로는 _static 기준(Sphinx가 페이지별로 바꾼다).
    # data-jupyter-widgets-cdn은 넣지 않는다: 모르는 위젯 모듈을 CDN에서 받지 않게.
    config.nb_ipywidgets_js = {
        REQUIREJS: {},
        WIDGETS_PATHS: {},
        HTML_MANAGER: {},
    }


def _write_paths_js(app) -> None:
    """페이지를 쓰기 전에 만들어 둔다(Sphinx가 `?v=` 체크섬을 붙일 수 있게)."""
    if app.builder.format != "html":
        return
    import json

    target = Path(app.outdir) / "_static" / WIDGETS_PATHS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PATHS_JS % {"modules": json.dumps(list(_WIDGET_MODULES))}, encoding="utf-8")


def _is_thebe(js) -> bool:
    filename = str(getattr(js, "filename", "") or "")
    body = str(getattr(js, "attributes", {}).get("body", ""))
    return "THEBE_JS_URL" in body or filename.endswith("sphinx-thebe.js")


def _page_context(app, pagename, templatename, context, doctree) -> None:
    drop_page_assets(
        context, script=_is_thebe, css=lambda css: str(getattr(css, "filename", "")).endswith("sphinx-thebe.css"))
    if not context.get("default_mode"):
        # pydata-sphinx-theme: 비어 있으면 "Got invalid theme mode" 콘솔 오류가 난다.
        context["default_mode"] = "light"
    if not context.get("favicon_url"):
        context["favicon_url"] = FAVICON_DATA_URI


def setup(app):
    app.connect("config-inited", _config_inited)
    # myst-nb가 같은 이벤트에서 위젯 스크립트를 더한 뒤에 거른다(기본 우선순위 500).
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("builder-inited", _write_paths_js)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
