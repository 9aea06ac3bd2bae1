"""테마 아이콘을 인라인 SVG로(booktools/sphinxext/icons.py)와 테마 머리 스크립트 거르개(workarounds.without_scripts).

빌드 없이 함수만 본다. 빌드된 사이트에서 아이콘이 그려지는지는 tests/site/test_page_weight.py가 본다.
"""
from __future__ import annotations

import re

from booktools.sphinxext import icons, workarounds

PACKS = icons.icon_packs(icons.fontawesome_js())


def test_icon_data_is_read_from_the_installed_theme():
    # 이 책의 틀이 쓰는 아이콘(모양별 묶음, 별칭 포함)
    for pack, name in (("fas", "bars"), ("fas", "navicon"), ("fas", "magnifying-glass"), ("fas", "circle-half-stroke"),
                       ("fas", "file-pdf"), ("fas", "angle-left"), ("fab", "github"), ("far", "file")):
        width, height, path = PACKS[pack][name]
        assert width > 0 and height > 0 and path.startswith("M"), (pack, name)
    assert "github" not in PACKS["fas"]        # 브랜드 아이콘은 brands 묶음에만 있다


def test_icons_get_an_svg_inside_and_keep_their_tag_and_attributes():
    html = ('<i class="theme-switch fa-solid fa-moon fa-lg" data-mode="dark" title="어둡게"></i>'
            '<span class="fa-solid fa-bars"></span><i class="fab fa-github"></i>')
    out = str(icons.inline_icons(html, PACKS))
    assert out.count("<svg") == 3 and out.count(icons.ICON_CLASS) == 3
    assert 'data-mode="dark" title="어둡게"><svg' in out and "<span class=\"fa-solid fa-bars studybook-icon\"><svg" in out
    github = re.search(r'fa-github studybook-icon"><svg[^>]*viewBox="0 0 (\d+) (\d+)"', out)
    assert github and (int(github[1]), int(github[2])) == PACKS["fab"]["github"][:2]
    assert str(icons.inline_icons(out, PACKS)) == out            # 두 번 거쳐도 같다


def test_unknown_or_non_empty_icons_are_left_alone():
    for html in ('<i class="fa-solid fa-no-such-icon"></i>', '<span class="fa-solid fa-bars">글</span>',
                 '<i class="emphasis"></i>'):
        assert str(icons.inline_icons(html, PACKS)) == html


def test_theme_script_filter_drops_only_the_named_scripts_relative_to_the_page():
    head = ('  <script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\n'
            '  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js" />\n'
            '    <script src="../searchindex.js"></script>\n'
            '    <script src="../_static/doctools.js"></script>\n')
    dropped = {"_static/scripts/fontawesome.js", "searchindex.js"}
    out = workarounds.without_scripts(head, dropped, folder="chapters")
    assert "fontawesome" not in out and "searchindex" not in out
    assert "bootstrap.js" in out and "doctools.js" in out
    # 음성 대조: 뿌리의 페이지에서 "../searchindex.js"는 다른 파일이다
    assert "../searchindex.js" in workarounds.without_scripts(head, dropped, folder="")
