"""Sphinx가 목차(`_toc.yml`)의 문서만 읽게 한다(`include_patterns`), 목차가 틀리면 한국어로 멈춘다.

`only_build_toc_files`(sphinx-external-toc)는 점(.)으로 시작하는 폴더를 보지 않아서, pytest가 남기는
`.pytest_cache/README.md`나 Jupyter의 `chapters/.ipynb_checkpoints/…-checkpoint.md`를 문서로 읽고
"toctree에 없는 문서" 경고를 낸다(`-W`에서는 빌드 실패). 목차 읽기와 검사는 :mod:`booktools.chapters`.
"""
from __future__ import annotations

from pathlib import Path

from booktools.chapters import TocError, checked_toc_source_files
from booktools.settings import CONFIG_REREAD


def include_toc_only(app, config) -> None:
    from sphinx.errors import ConfigError

    try:
        config.include_patterns = checked_toc_source_files(Path(app.srcdir))
    except TocError as exc:
        raise ConfigError("목차(_toc.yml)를 고쳐야 합니다:\n" + str(exc)) from None


def reread_executed(app, env, added, changed, removed) -> list[str]:
    """이번 빌드에서 실행한 장은 원본이 그대로여도 다시 읽는다(새 출력이 페이지에 들어가게).

    캐시를 지운 뒤나 중단된 빌드 뒤에도 페이지가 지금 출력과 같아진다(이슈 15의 2)."""
    return [doc for doc in (app.config[CONFIG_REREAD] or []) if doc in env.found_docs]


def setup(app):
    app.connect("config-inited", include_toc_only)
    # rebuild="": 값이 빌드마다 달라도 모든 페이지를 다시 쓰게 하지 않는다(필요한 장만 위 훅이 고른다)
    app.add_config_value(CONFIG_REREAD, [], "")
    app.connect("env-get-outdated", reread_executed)
