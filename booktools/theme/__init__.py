"""사이트의 모습이 있는 곳(한 폴더): 이 모듈은 그 경로만 정의한다.

- ``templates/``: sphinx-book-theme 구성 요소 덮어쓰기(번역된 툴팁, 검색 페이지, 머리 스크립트·아이콘을 거르는 layout).
- ``static/``: 모든 페이지가 싣는 CSS/JS(파비콘, 접근성·휴대폰·인쇄·아이콘 CSS, 위젯 이름, 퀴즈 진행표).
- ``locale/``: 한국어 메시지 카탈로그(Sphinx·테마 문구의 .po 원본).
- ``slides/``: 덱 템플릿(nbconvert ``studybook``)과 슬라이드 넘침 검사 스크립트.

Sphinx에는 :mod:`booktools.sphinxext.look`가 ``templates_path``(맨 앞)와 ``html_static_path``로 넣는다.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
LOCALE = HERE / "locale"
SLIDES = HERE / "slides"
# MathJax 3 위에 MathJax 2의 Hub.Queue를 흉내 내는 스크립트(페이지와 덱이 인라인으로 싣는다)
MATHJAX_HUB_SHIM_JS = HERE / "mathjax-hub-shim.js"
