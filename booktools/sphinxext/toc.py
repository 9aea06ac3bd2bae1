"""Sphinx가 목차(`_toc.yml`)의 문서만 읽게 한다(`include_patterns`), 목차가 틀리면 한국어로 멈춘다.

`only_build_toc_files`(sphinx-external-toc)는 점(.)으로 시작하는 폴더를 보지 않아서, pytest가 남기는
`.pytest_cache/README.md`나 Jupyter의 `chapters/.ipynb_checkpoints/…-checkpoint.md`를 문서로 읽고
"toctree에 없는 문서" 경고를 낸다(`-W`에서는 빌드 실패). 목차 읽기와 검사는 :mod:`booktools.chapters`.
"""
from __future__ import annotations

from pathlib import Path

from booktools.chapters import TocError, checked_toc_source_files


def include_toc_only(app, config) -> None:
    from sphinx.errors import ConfigError

    try:
        config.include_patterns = checked_toc_source_files(Path(app.srcdir))
    except TocError as exc:
        raise ConfigError("목차(_toc.yml)를 고쳐야 합니다:\n" + str(exc)) from None


def setup(app):
    app.connect("config-inited", include_toc_only)
