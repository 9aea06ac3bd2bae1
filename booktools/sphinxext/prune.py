"""발행 폴더(_build/html)에는 지금 원본이 만드는 것만 남긴다.

Sphinx는 원본이 사라진 문서의 페이지를 지우지 않는다. 그래서 한 번 빌드된 `.pytest_cache/README.html`,
목차에서 뺀 장의 페이지와 `_sources/` 사본이 사이트와 검색 색인(Pagefind는 html을 색인한다)에
남았다. myst-nb가 실행 오류 때 쓰는 `reports/<장>.err.log`도 오류를 고친 뒤까지 남았다.

- 빌드를 시작할 때(builder-inited) `reports/`를 지운다: 이번 빌드에서 실패한 장만 다시 쓰인다.
- 빌드가 끝나면(build-finished, 오류 없이) 환경의 문서(env.all_docs)와 Sphinx가 따로 만드는
  페이지(genindex, search, jupyter-book의 index 넘김 페이지) 밖의 `.html`과 `_sources/` 파일을 지운다.
  자산 폴더(_static, _images, slides, pagefind, notebooks 등)는 건드리지 않는다(덱은
  booktools/slides.py가 같은 원칙으로 정리한다).
검사: tests/booktools/test_build_files.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
# Sphinx·jupyter-book이 문서 없이 만드는 페이지(확장자 없이)
GENERATED_PAGES = {"genindex", "search", "index", "py-modindex"}
# 페이지가 아닌 산출물 폴더: 여기 든 .html은 이 규칙으로 지우지 않는다
ASSET_DIRS = {"_static", "_images", "_demo", "_downloads", "slides", "pagefind", "notebooks", "reports"}


def clear_reports(app: Sphinx) -> None:
    shutil.rmtree(Path(app.outdir) / "reports", ignore_errors=True)


def stale_outputs(outdir: Path, docs: set[str]) -> list[Path]:
    """지금 문서에서 나오지 않은 페이지와 _sources/ 사본."""
    stale = []
    for path in outdir.rglob("*.html"):
        rel = path.relative_to(outdir)
        if rel.parts[0] in ASSET_DIRS:
            continue
        doc = rel.with_suffix("").as_posix()
        if doc not in docs and doc not in GENERATED_PAGES:
            stale.append(path)
    sources = outdir / "_sources"
    if sources.is_dir():
        for path in sources.rglob("*"):
            if path.is_file():
                # _sources/chapters/02_bias.md(.txt) → chapters/02_bias
                rel = path.relative_to(sources).as_posix().removesuffix(".txt")
                if Path(rel).with_suffix("").as_posix() not in docs:
                    stale.append(path)
    return sorted(stale)


def prune(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for path in stale_outputs(outdir, set(app.env.all_docs)):
        path.unlink()
        logger.info(f"[studybook] 원본이 없어진 산출물을 지웠습니다: {path.relative_to(outdir).as_posix()}")
        parent = path.parent
        while parent != outdir and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", clear_reports)
    app.connect("build-finished", prune)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
