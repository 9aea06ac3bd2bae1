"""첫 페이지의 장 안내 표: ```` ```{chapter-table} ```` 지시어. 순서와 번호는 `_toc.yml`(한 곳)에서,
장마다의 "다루는 내용"과 "핵심 비유"는 그 장의 앞머리(front matter)에서 가져온다::

    studybook:
      covers: 학습률, 손실 지형, GD와 SGD, 모멘텀·RMSProp·Adam
      analogy: 1시간짜리 6걸음 대 5분짜리 10걸음

새 장은 `_toc.yml`에 한 줄을 더하면 표에도 한 줄이 생긴다(앞머리가 없으면 그 칸은 비운다).
"""
from __future__ import annotations

from pathlib import Path

from sphinx.util.docutils import SphinxDirective

from booktools.chapters import chapters, read_notebook, toc_numbers

HEADER = "| 장 | 제목 | 다루는 내용 | 핵심 비유 |\n|---|---|---|---|\n"
UNNUMBERED = "안내"


def _cell(text: str) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def table_source(root: Path) -> str:
    """표의 MyST 원문(장 순서 = 목차 순서)."""
    numbers = toc_numbers(root)
    rows = []
    for chapter in chapters(root):
        meta = (read_notebook(chapter.path(root)).metadata.get("studybook") or {})
        label = numbers.get(chapter.doc, UNNUMBERED)
        rows.append(f"| {label} | {{doc}}`/{chapter.doc}` | {_cell(meta.get('covers'))} | {_cell(meta.get('analogy'))} |")
    return HEADER + "\n".join(rows) + "\n"


class ChapterTableDirective(SphinxDirective):
    has_content = False

    def run(self):
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "_toc.yml"))
        for chapter in chapters(root):
            self.env.note_dependency(str(chapter.path(root)))
        return self.parse_text_to_nodes(table_source(root))


def setup(app):
    app.add_directive("chapter-table", ChapterTableDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
