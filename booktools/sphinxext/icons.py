"""테마의 아이콘(FontAwesome)을 인라인 SVG로: 1.5 MB짜리 `fontawesome.js`를 페이지에서 뺀다.

pydata 테마는 머리·사이드바·앞뒤 쪽 단추의 아이콘을 ``<i class="fa-solid fa-bars">``로 쓰고, 모든 페이지에
`_static/scripts/fontawesome.js`(FontAwesome 6 무료 아이콘 전부, 1.5 MB, gzip 543 KB)를 실어 그 ``<i>``에
SVG를 넣는다. 이 책의 페이지가 쓰는 아이콘은 열댓 개다. 그래서

1. 페이지를 렌더할 때 틀(layout.html의 ``content`` 블록, booktools/theme/templates/layout.html)의 ``<i>`` 아이콘마다
   그 아이콘의 SVG를 안에 넣는다(FontAwesome의 ``autoReplaceSvg: "nest"``와 같은 모양: ``<i>``와 그 class는
   남으므로 테마 CSS가 그대로 맞는다). SVG 경로는 설치된 테마의 `fontawesome.js`에서 읽는다(아이콘이 테마
   버전과 늘 같다). 한 아이콘에 수백 바이트다.
2. ``studybook-icons.css``가 그 ``<i>``의 글꼴 글리프(``::before``)를 끄고 글꼴을 부모 것으로 돌린다. 글꼴이
   FontAwesome으로 남으면 Chromium은 글자가 없어도 줄 높이를 재려고 웹 글꼴(woff2 156 KB + 116 KB)을 받는다.
3. `fontawesome.js`를 머리에서 뺀다(우회: :func:`booktools.sphinxext.workarounds.drop_theme_scripts`).

SVG를 찾지 못한 아이콘은 그대로 둔다: 테마 CSS의 웹 글꼴로 그려진다(느리지만 빠지지는 않는다).
"""
from __future__ import annotations

import functools
import html as html_lib
import re
from pathlib import Path

from markupsafe import Markup

from booktools.sphinxext.workarounds import drop_theme_scripts

FONTAWESOME_JS = "_static/scripts/fontawesome.js"
ICONS_CSS = "studybook-icons.css"
ICON_CLASS = "studybook-icon"

# 모양(style) class → fontawesome.js의 묶음 이름
STYLES = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far", "fa-brands": "fab", "fab": "fab"}
# fontawesome.js(6.x, 압축된 번들)에서 묶음 하나가 끝나는 곳: `d("fab",p),d("fa-brands",p)`
_PACK_END = re.compile(r'\w+\("(fas|far|fab)",\w+\),\w+\("fa-(?:solid|regular|brands)",\w+\)')
# 아이콘 하나: 이름:[너비,높이,[별칭…],"유니코드","SVG 경로"]
_ICON = re.compile(r'(?:"([a-z0-9-]+)"|([a-z0-9_$]+)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]+","([^"]+)"\]')
# 틀의 아이콘: 내용이 빈 <i class="… fa-…"> 또는 <span class="… fa-…">
_ICON_TAG = re.compile(r'<(?P<tag>i|span)\b(?P<before>[^>]*?)\bclass="(?P<cls>[^"]*\bfa[-a-z]*\b[^"]*)"'
                       r'(?P<after>[^>]*)>\s*</(?P=tag)>')


def fontawesome_js() -> Path:
    """설치된 pydata-sphinx-theme의 fontawesome.js."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"


@functools.lru_cache(maxsize=2)
def icon_packs(source: Path) -> dict[str, dict[str, tuple[int, int, str]]]:
    """``{"fas": {"bars": (448, 512, "M0 96…"), …}, "fab": …}``: 별칭(navicon 등)도 이름으로 넣는다."""
    text = source.read_text(encoding="utf-8")
    packs: dict[str, dict[str, tuple[int, int, str]]] = {}
    start = 0
    for end in _PACK_END.finditer(text):
        icons = packs.setdefault(end[1], {})
        for m in _ICON.finditer(text, start, end.start()):
            shape = (int(m[3]), int(m[4]), m[6])
            icons[m[1] or m[2]] = shape
            for alias in re.findall(r'"([a-z0-9-]+)"', m[5]):
                icons.setdefault(alias, shape)
        start = end.end()
    return packs


def svg(width: int, height: int, path: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width / height:.4g}em" height="1em" aria-hidden="true" focusable="false">'
            f'<path fill="currentColor" d="{html_lib.escape(path)}"/></svg>')


def find_icon(classes: list[str], packs: dict) -> tuple[int, int, str] | None:
    """``<i>``의 class 목록이 가리키는 아이콘(모양 class가 없으면 solid, FontAwesome와 같다)."""
    pack = packs.get(next((STYLES[c] for c in classes if c in STYLES), "fas"), {})
    for name in (c[3:] for c in classes if c.startswith("fa-") and c not in STYLES):
        if name in pack:
            return pack[name]
    return None


def inline_icons(rendered: str, packs: dict) -> Markup:
    """렌더된 HTML의 FontAwesome 아이콘(빈 ``<i>``·``<span>``)마다 SVG를 안에 넣는다(찾지 못한 것은 그대로)."""
    def nest(m: re.Match) -> str:
        classes = m["cls"].split()
        shape = find_icon(classes, packs)
        if shape is None or ICON_CLASS in classes:
            return m[0]
        tag = m["tag"]
        return f'<{tag}{m["before"]}class="{m["cls"]} {ICON_CLASS}"{m["after"]}>{svg(*shape)}</{tag}>'

    return Markup(_ICON_TAG.sub(nest, str(rendered)))


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html":
        return
    packs = icon_packs(fontawesome_js())
    if not packs.get("fas"):
        return  # 테마가 아이콘 묶음의 모양을 바꿨다: 아이콘을 글꼴로 그리게 fontawesome.js만 남겨 둔다
    drop_theme_scripts(pagename, context, FONTAWESOME_JS)
    context["studybook_inline_icons"] = functools.partial(inline_icons, packs=packs)


def setup(app):
    app.add_css_file(ICONS_CSS)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
