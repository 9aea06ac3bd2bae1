"""첫 페이지의 장 안내 표: ```` ```{chapter-table} ```` 지시어. 순서와 번호는 `_toc.yml`(한 곳)에서,
장마다의 "다루는 내용"과 "핵심 비유"는 그 장의 앞머리(front matter)에서 가져온다::

    studybook:
      covers: 학습률, 손실 지형, GD와 SGD, 모멘텀·RMSProp·Adam
      analogy: 1시간짜리 6걸음 대 5분짜리 10걸음

새 장은 `_toc.yml`에 한 줄을 더하면 표에도 한 줄이 생긴다. 앞머리에 두 칸이 없으면 빈칸을 조용히 두지 않고
경고한다(`-W` 빌드에서는 실패: 무엇을 어디에 적을지 한국어로 알린다).
"""
from __future__ import annotations

from pathlib import Path

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from booktools.chapters import chapters, read_notebook, toc_numbers

logger = logging.getLogger(__name__)
HEADER = "| 장 | 제목 | 다루는 내용 | 핵심 비유 |\n|---|---|---|---|\n"
UNNUMBERED = "안내"


def _cell(text: str) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def missing_cells(root: Path) -> list[str]:
    """앞머리에 표의 칸(covers, analogy)이 없는 장마다 한국어 메시지 하나."""
    problems = []
    for chapter in chapters(root):
        meta = read_notebook(chapter.path(root)).metadata.get("studybook") or {}
        absent = [key for key in ("covers", "analogy") if not str(meta.get(key) or "").strip()]
        if absent:
            problems.append(
                f"{chapter.source}: 첫 페이지 장 안내 표의 칸({', '.join(absent)})이 앞머리에 없습니다. 파일 맨 앞 "
                "머리말(---로 둘러싼 곳)에 `studybook:` 아래 `covers: 다루는 내용`과 `analogy: 핵심 비유`를 적으세요.")
    return problems


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
        for problem in missing_cells(root):
            logger.warning(problem, location=(self.env.docname, self.lineno))
        return self.parse_text_to_nodes(table_source(root))


def setup(app):
    app.add_directive("chapter-table", ChapterTableDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
