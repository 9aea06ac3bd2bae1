"""첫 페이지 장 안내 표: 목차 순서·번호, 장마다의 앞머리 칸. 칸이 빠지면 조용히 비우지 않는다."""
from __future__ import annotations

from booktools.chapters import NOTEBOOK_HEADER
from booktools.sphinxext.chapter_table import missing_cells, table_source
from helpers import ROOT


def test_the_books_table_has_a_row_per_chapter_in_toc_order_with_both_cells():
    rows = table_source(ROOT).strip().splitlines()[2:]
    assert [r.split("|")[1].strip() for r in rows] == ["안내", "1", "2", "3", "4", "5", "6"]
    assert all(r.split("|")[3].strip() and r.split("|")[4].strip() for r in rows), rows
    assert missing_cells(ROOT) == []


def test_a_chapter_without_its_cells_is_reported(tmp_path):
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: chapters/a\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    header = NOTEBOOK_HEADER.replace("---\n", "---\nstudybook:\n  covers: 무엇\n", 1)  # analogy 없음
    (tmp_path / "chapters" / "a.md").write_text(header + "\n# 가\n\n```{code-cell} ipython3\n1\n```\n", encoding="utf-8")
    problems = missing_cells(tmp_path)
    assert len(problems) == 1 and "chapters/a.md" in problems[0] and "analogy" in problems[0]
    assert "covers" not in problems[0].split("(")[1].split(")")[0]  # 있는 칸은 말하지 않는다
