"""정적 데모의 프레임을 페이지에 싣지 않고 그림 파일로(:mod:`booktools.demo_frames`).

문서를 읽을 때(doctree-read) 데모가 든 HTML 출력 노드의 ``data:`` 그림을 ``_build/html/_demo/`` 파일로
바꾼다. 읽는 단계에서 바꾸므로 Sphinx가 저장하는 doctree에도 작은 HTML만 남는다. 처음 프레임 하나만
페이지를 열 때 받고, 나머지는 독자가 조절기를 움직일 때 받는다(dlkit/widgets/demo.js).
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes

from booktools import demo_frames


def _externalize(app, doctree) -> None:
    docname = app.env.docname
    prefix = "../" * docname.count("/")
    site = Path(app.outdir)
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        if not demo_frames.has_demo(text):
            continue
        new, _ = demo_frames.externalize(text, site, prefix)
        node.replace_self(nodes.raw("", new, format=node["format"]))


def setup(app):
    app.connect("doctree-read", _externalize)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
