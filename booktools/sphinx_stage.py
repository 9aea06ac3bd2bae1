"""Sphinx 단계: jupyter-book의 Sphinx 빌드를 이 프로세스 안에서 부른다(명령줄 `jupyter-book build`와 같은 설정).

빌드 설정은 Sphinx 설정값으로 넘긴다(:meth:`booktools.settings.BuildSettings.sphinx_config`).
장은 실행 단계(:mod:`booktools.execute`)가 이미 캐시에 넣었으므로 여기서는 커널을 띄우지 않는다.
"""
from __future__ import annotations

from pathlib import Path

from booktools.settings import BuildSettings


def run_sphinx(root: Path, settings: BuildSettings, *, force_all: bool) -> int:
    """`_build/html`을 만든다. 경고도 실패다(-W, --keep-going, -n). 종료 코드(0이면 성공).

    ``force_all``: 모든 페이지를 처음부터 다시 읽고 쓴다(지난 빌드가 실패했을 때)."""
    from jupyter_book.sphinx import build_sphinx

    overrides = {
        "external_toc_path": (root / "_toc.yml").as_posix(),
        "latex_individualpages": False,
        "nitpicky": True,
        **settings.sphinx_config(),
    }
    result = build_sphinx(
        str(root), str(root / "_build" / "html"),
        noconfig=True, path_config=str(root / "_config.yml"), confoverrides=overrides,
        # force_all(-a)은 모든 페이지를 다시 쓰기만 한다. 읽을 때 나는 경고(셀 출력의 stderr, 알 수 없는 지시문,
        # 중복 용어)는 다시 읽어야 또 나므로, 지난 빌드가 실패했으면 환경도 새로 만든다(-E): 그러지 않으면
        # 아무것도 고치지 않은 다음 빌드가 그 경고 없이 성공했다(측정: stderr를 쓰는 셀, 두 번째 빌드 rc 0).
        warningiserror=True, keep_going=True, force_all=force_all, freshenv=force_all,
    )
    if isinstance(result, KeyboardInterrupt):
        raise result
    if isinstance(result, BaseException):
        return 1  # Sphinx가 이미 오류를 알렸다(handle_exception)
    return int(result or 0)
