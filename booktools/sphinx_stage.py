"""Sphinx 단계: jupyter-book의 Sphinx 빌드를 이 프로세스 안에서 부른다(명령줄 `jupyter-book build`와 같은 설정).

빌드 설정은 Sphinx 설정값으로 넘긴다(:meth:`booktools.settings.BuildSettings.sphinx_config`).
장은 실행 단계(:mod:`booktools.execute`)가 이미 캐시에 넣었으므로 여기서는 커널을 띄우지 않는다.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from booktools.settings import BuildSettings

PAGE_CODE = ("booktools/sphinxext", "booktools/theme", "booktools/vendor.py")
"""페이지를 쓰는 책 자신의 코드(확장, 템플릿·CSS·JS, 자산 표). Sphinx는 원본이 바뀐 문서만 다시 쓰고 확장의
코드가 바뀐 것은 모른다(측정: 수식 렌더러를 고친 뒤의 빌드가 실행 현황 페이지만 다시 썼다). 그래서 이 코드의
지문이 지난 성공한 빌드와 다르면 모든 페이지를 다시 읽고 쓴다(:func:`page_code_digest`)."""
PAGE_CODE_STAMP = "page-code.sha256"   # _build/ 안


def page_code_digest(root: Path) -> str:
    """:data:`PAGE_CODE`의 파일 경로와 내용의 해시(__pycache__는 뺀다)."""
    digest = hashlib.sha256()
    for top in PAGE_CODE:
        path = root / top
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for f in files:
            digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


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
