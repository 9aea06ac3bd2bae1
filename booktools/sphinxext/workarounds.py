"""업스트림(Sphinx, 테마, myst-nb, nbconvert) 내부를 건드리는 우회를 모두 여기에 모은다.

업그레이드할 때 볼 곳은 이 파일 하나다. :data:`WORKAROUNDS`의 항목마다 무엇을 왜 하는지 한 줄과,
쓸 때 맞춘 업스트림 버전을 적는다. tests/booktools/test_workarounds.py가 설치된 버전과 비교해, 버전이
바뀌면 실패한다(그 우회가 아직 필요한지, 아직 맞는지 보고 버전을 고치라는 뜻).
기능 모듈(korean_ui, offline, launch)은 아래 함수를 부를 뿐 내부를 직접 만지지 않는다.
"""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from typing import Any, Callable

from markupsafe import Markup


@dataclass(frozen=True)
class Workaround:
    name: str
    package: str
    version: str   # 이 우회를 쓸 때 맞춘 버전(pip 배포 이름 기준)
    where: str
    why: str


WORKAROUNDS = (
    Workaround("번역 다시 묶기", "sphinx", "7.4.7", "install_translations",
               "sphinx.locale.translators와 app.translator, 템플릿 환경의 gettext를 우리 카탈로그로 바꾼다: "
               "확장이 카탈로그를 앞에 끼우는 공개 API가 없고, 템플릿의 _()는 빌더가 만들 때 묶인다."),
    Workaround("페이지 스크립트 거르기", "sphinx", "7.4.7", "drop_page_assets",
               "html-page-context의 script_files/css_files 목록을 직접 고친다: sphinx-thebe가 launch_buttons.thebe"
               "=false에도 설정 스크립트를 두 번 넣어 콘솔 오류를 낸다(sphinx-thebe 0.3.1)."),
    Workaround("머리 스크립트 미루기", "sphinx", "7.4.7", "defer_page_scripts",
               "html-page-context의 script_files 항목(sphinx.builders.html._assets._JavaScript, 바꿀 수 없는 객체)을 "
               "defer 속성을 더한 새 항목으로 바꾼다: 다른 확장(copybutton, togglebutton, sphinx-design)과 Sphinx 자신이 "
               "넣는 스크립트에 defer를 줄 설정이 없다."),
    Workaround("테마가 직접 쓰는 머리 스크립트 빼기", "pydata-sphinx-theme", "0.17.1",
               "booktools/theme/templates/layout.html",
               "테마 layout.html이 script_files를 거치지 않고 블록 css(fontawesome.js, webpack 매크로 head_js_preload)와 "
               "extrahead(searchtools.js·language_data.js·searchindex.js)에 태그를 직접 쓴다: 끌 설정이 없어, 우리 "
               "layout.html이 두 블록의 출력(super())을 drop_theme_scripts가 정한 거르개에 통과시킨다."),
    Workaround("실행 버튼 주소 바꾸기", "sphinx-book-theme", "1.3.0", "launch_button_groups",
               "테마가 context['header_buttons']에 넣는 그룹(launch-buttons, download-buttons)의 url을 바꾼다: "
               "버튼이 .md 원본이 아니라 생성된 notebooks/<장>.ipynb를 열게 할 설정이 없다."),
    Workaround("reveal 메타데이터 전처리기", "nbconvert", "7.17.2",
               "booktools/theme/slides/studybook/conf.json",
               "템플릿 conf.json이 비공개 nbconvert.exporters.slides._RevealMetadataPreprocessor를 부른다: "
               "slides 템플릿을 상속하지 않는 우리 템플릿에서 슬라이드 묶음 표시를 얻는 공개 경로가 없다."),
)


def install_translations(app, key: tuple[str, str], ours) -> None:
    """``ours``(gettext.GNUTranslations)를 Sphinx의 ``key`` 카탈로그 맨 앞에 끼운다(기존 번역은 뒤로)."""
    from sphinx import locale

    previous = locale.translators.get(key)
    if previous is not None:
        ours.add_fallback(previous)
    locale.translators[key] = ours
    if key == ("general", "sphinx"):
        # 템플릿의 _()는 빌더가 만들 때 app.translator에 묶였다: 다시 묶는다.
        app.translator = ours
        templates = getattr(app.builder, "templates", None)
        environment = getattr(templates, "environment", None)
        if environment is not None and hasattr(environment, "install_gettext_translations"):
            environment.install_gettext_translations(ours)


def drop_page_assets(context: dict, *, script: Callable[[Any], bool], css: Callable[[Any], bool]) -> list:
    """이 페이지의 스크립트·스타일 목록에서 ``script``/``css``가 참인 항목을 뺀다. 남은 스크립트 목록을 준다."""
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = [js for js in scripts if not script(js)]
    styles = context.get("css_files")
    if isinstance(styles, list):
        styles[:] = [item for item in styles if not css(item)]
    return scripts if isinstance(scripts, list) else []


def defer_page_scripts(context: dict, *, keep: Callable[[str], bool]) -> list[str]:
    """이 페이지의 파일 스크립트(``src``가 있는 것) 가운데 async/defer가 없고 ``keep(파일 이름)``이 거짓인 것에
    defer를 더한다. 미룬 파일 이름들을 준다. 순서는 그대로다(defer 스크립트끼리는 적힌 순서대로 돈다)."""
    from sphinx.builders.html._assets import _JavaScript

    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return []
    deferred = []
    for i, js in enumerate(scripts):
        name = str(getattr(js, "filename", "") or "")
        attributes = dict(getattr(js, "attributes", {}) or {})
        if not name or "async" in attributes or "defer" in attributes or keep(name):
            continue
        scripts[i] = _JavaScript(js.filename, priority=js.priority, **attributes, defer="defer")
        deferred.append(name)
    return deferred


# layout.html(booktools/theme/templates)이 읽는 컨텍스트 이름: 뺄 스크립트 경로들과 거르개 함수
THEME_SCRIPTS_DROPPED = "studybook_theme_scripts_dropped"
THEME_SCRIPTS_FILTER = "studybook_without_theme_scripts"
_SCRIPT_TAG = re.compile(r'[ \t]*<script\b[^>]*\bsrc="(?P<src>[^"]*)"[^>]*>\s*</script>[ \t]*\n?')


def drop_theme_scripts(pagename: str, context: dict, *paths: str) -> None:
    """html-page-context에서 부른다: 테마 레이아웃이 머리에 직접 쓰는 ``<script src>`` 가운데 사이트 뿌리 기준
    경로가 ``paths``(예: ``"_static/searchtools.js"``)인 것을 이 페이지(``pagename``)에서 뺀다."""
    context.setdefault(THEME_SCRIPTS_DROPPED, set()).update(paths)
    context[THEME_SCRIPTS_FILTER] = functools.partial(without_scripts, folder=posixpath.dirname(pagename))


def without_scripts(html: str, dropped: set[str], folder: str = "") -> Markup:
    """``html``(``folder``에 있는 페이지의 렌더된 템플릿 블록)에서 사이트 뿌리 기준 경로(``?`` 앞)가
    ``dropped``에 있는 ``<script src>`` 태그를 지운다."""
    def keep(match: re.Match) -> str:
        path = posixpath.normpath(posixpath.join(folder, match["src"].split("?")[0]))
        return "" if path in dropped else match[0]

    return Markup(_SCRIPT_TAG.sub(keep, str(html)))


def launch_button_groups(context: dict) -> tuple[list | None, dict | None, dict | None]:
    """테마의 머리 단추 목록과 그 안의 실행 단추 그룹, 내려받기 단추 그룹(없으면 None)."""
    buttons = context.get("header_buttons")
    if not buttons:
        return None, None, None

    def group(label: str):
        return next((b for b in buttons if b.get("type") == "group" and b.get("label") == label), None)

    return buttons, group("launch-buttons"), group("download-buttons")
