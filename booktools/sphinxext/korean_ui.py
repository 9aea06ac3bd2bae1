"""한국어 화면: 테마 틀(검색창, 목차 제목, 건너뛰기 링크, 단추 툴팁, 바닥글)을 한국어로.

sphinx-book-theme의 한국어는 일부뿐이고("Search this book...", "On this page"가 영어로
남는다) 기계 번역이라 바닥글이 "으로 <지은이>"가 된다("By" → "으로"). 그래서:

- `booktools/theme/locale/ko/LC_MESSAGES/{sphinx,booktheme}.po`(커밋하는 원본)를 빌드 때 babel로
  메모리에서 컴파일해, 기존 번역(Sphinx·pydata-sphinx-theme의 `sphinx`, sphinx-book-theme의
  `booktheme` 카탈로그) **앞에** 끼운다. 여기 없는 문구는 기존 번역으로 넘어간다.
  `.mo`는 만들지도 커밋하지도 않는다.
- 테마에 영어로 박힌 툴팁 몇 개는 `booktools/theme/templates/`의 구성 요소 덮어쓰기가 번역 문구를 쓴다
  (그 폴더를 `templates_path` 맨 앞에 넣는 것은 :mod:`booktools.sphinxext.look`).
- pydata-sphinx-theme 0.16이 넓은 화면 맨 위에 검색창만 든 빈 띠(검색창 중복)를 더하지
  않도록 `navbar_persistent: []`를 기본값으로 준다.
- Jupyter Book이 기본으로 넣는 `search_bar_text: "Search this book..."`를 기존 테마 옵션
  사전 안에서만 바꾼다(사전을 통째로 바꾸면 실행 단추 설정이 사라진다).

언어가 `ko`일 때만 동작한다. Jupyter Book 1은 `_config.yml` 맨 위의 `language:`를 Sphinx에
넘기지 않으므로 `sphinx: config: language: ko`가 있어야 한다.
"""
from __future__ import annotations

import gettext
import io
from pathlib import Path

from booktools.sphinxext.workarounds import install_translations
from booktools.theme import LOCALE

LOCALE_DIR = LOCALE
SEARCH_BAR_TEXT = "이 책에서 검색..."
# Jupyter Book이 넣는 기본값. 이 값일 때만 바꾼다(누가 일부러 정한 문구는 그대로).
JB_DEFAULT_SEARCH_BAR_TEXT = "Search this book..."
CATALOGS = ("sphinx", "booktheme")


def _is_korean(config) -> bool:
    return (config.language or "").split("_")[0].split("-")[0] == "ko"


def compile_catalog(po_path: Path) -> gettext.GNUTranslations:
    """.po를 babel로 읽어 메모리에서 .mo로 만들고 GNUTranslations로 연다."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale="ko")
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _config_inited(app, config) -> None:
    # pydata-sphinx-theme 0.16은 navbar_persistent가 html_theme_options에 없으면 검색 단추를
    # 넣는다(sphinx-book-theme의 theme.conf 빈 값은 무시된다). 그러면 넓은 화면 맨 위에
    # 검색창만 든 빈 띠가 하나 더 생긴다. 기존 사전 안에서만 기본값을 준다.
    config.html_theme_options.setdefault("navbar_persistent", [])
    if not _is_korean(config):
        return
    options = config.html_theme_options
    if options.get("search_bar_text", JB_DEFAULT_SEARCH_BAR_TEXT) == JB_DEFAULT_SEARCH_BAR_TEXT:
        options["search_bar_text"] = SEARCH_BAR_TEXT


def _install_catalogs(app) -> None:
    """우리 번역을 기존 번역 앞에 끼운다(모든 확장·테마가 카탈로그를 등록한 뒤)."""
    if not _is_korean(app.config):
        return
    for name in CATALOGS:
        po_path = LOCALE_DIR / "ko" / "LC_MESSAGES" / f"{name}.po"
        if not po_path.exists():
            continue
        install_translations(app, ("general", name), compile_catalog(po_path))


def setup(app):
    app.connect("config-inited", _config_inited)
    # 테마 확장(sphinx_book_theme)이 먼저 자기 카탈로그를 등록하도록 늦게 돈다.
    app.connect("builder-inited", _install_catalogs, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
