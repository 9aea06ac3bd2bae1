"""사이트의 모습(:mod:`booktools.theme`)을 Sphinx에 넣는다: 템플릿 폴더는 ``templates_path`` 맨 앞에
(테마가 자기 구성 요소 폴더를 덧붙이므로 덮어쓰려면 맨 앞이어야 한다), 정적 폴더는 ``html_static_path``에
(파비콘, CSS, JS가 결과물의 ``_static/``으로 복사된다). 다른 기능 모듈은 파일 이름만 쓴다.
"""
from __future__ import annotations

from pathlib import Path

from booktools.theme import STATIC, TEMPLATES


def add_theme_paths(app, config) -> None:
    confdir = Path(app.confdir)
    templates = [p for p in (config.templates_path or []) if (confdir / p).resolve() != TEMPLATES]
    config.templates_path = [str(TEMPLATES), *templates]
    static = list(config.html_static_path or [])
    if not any((confdir / p).resolve() == STATIC for p in static):
        static.append(str(STATIC))
    config.html_static_path = static


def setup(app):
    app.connect("config-inited", add_theme_paths, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
