"""Markdown 그림 문법(`![설명](images/바인더.png)`)으로 한글 이름의 그림을 쓸 수 있게 한다.

markdown-it(myst-parser)은 링크 주소를 퍼센트 인코딩하므로(`images/%EB%B0%94…png`) Sphinx가 그
이름의 파일을 찾지 못해 "image file not readable"로 빌드가 실패한다. `{figure}` 지시문은 주소를
그대로 두어 문제가 없다. 그래서 Sphinx가 그림 파일을 모으기 전에(doctree-read의 ImageCollector보다
먼저) 로컬 그림 주소를 되돌린다: 되돌린 이름의 파일이 실제로 있을 때만 바꾼다(`%20`이 든 진짜 파일
이름은 그대로). 검사: tests/booktools/test_build_files.py.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx

# Sphinx의 ImageCollector(기본 우선순위 500)보다 먼저 돈다.
PRIORITY = 400


def unquote_local_images(app: Sphinx, doctree: nodes.document) -> None:
    source_dir = Path(app.env.doc2path(app.env.docname)).parent
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if "%" not in uri or "://" in uri or uri.startswith("data:"):
            continue
        plain = unquote(uri)
        base = Path(app.srcdir) if plain.startswith("/") else source_dir
        if (base / plain.lstrip("/")).is_file():
            image["uri"] = plain
            if image.get("candidates"):
                image["candidates"] = {k: unquote(v) for k, v in image["candidates"].items()}


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", unquote_local_images, priority=PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
