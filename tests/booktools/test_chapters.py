"""booktools.chapters: 장은 목차가 정한다(이름 규칙이 아니다), 순서도 목차 순서다."""
from __future__ import annotations

from pathlib import Path

from booktools import chapters
from helpers import ROOT


def write_book(root: Path, toc_files: list[str], sources: dict[str, str]) -> Path:
    lines = ["format: jb-book", f"root: {toc_files[0]}", "chapters:"] + [f"  - file: {f}" for f in toc_files[1:]]
    (root / "_toc.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for rel, text in sources.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


CODE = chapters.NOTEBOOK_HEADER + "\n"


def test_a_chapter_is_a_toc_document_with_code_whatever_its_name(tmp_path):
    root = write_book(tmp_path, ["chapters/index", "chapters/zeta", "chapters/01_a", "chapters/notes"], {
        "chapters/index.md": "# 표지\n",
        "chapters/zeta.md": CODE + "# 제타\n\n```{code-cell} ipython3\nimport dlkit\n```\n",
        "chapters/01_a.md": CODE + "# 가\n\n```{code-cell} ipython3\nprint(1)\n```\n",
        "chapters/notes.md": "# 글만 있는 부록\n\n```{code-cell} ipython3\nprint('머리말 없음: 장이 아니다')\n```\n",
        "chapters/99_stray.md": CODE + "```{code-cell} ipython3\nimport dlkit\n```\n",  # 목차 밖: 장이 아니다
    })
    assert [c.name for c in chapters.chapters(root)] == ["zeta", "01_a"]  # 목차 순서, 이름 규칙 없음
    assert [c.source for c in chapters.chapters_using(root, "dlkit")] == ["chapters/zeta.md"]
    problems = chapters.toc_problems(root)
    assert len(problems) == 2, problems
    assert "notes.md" in problems[0] and "노트북 머리말" in problems[0]  # 머리말 없는 코드 셀
    assert "99_stray.md" in problems[1]  # 번호 붙은 파일이 목차에 없으면 알린다


def test_the_books_own_chapters_are_its_numbered_toc_entries():
    names = [c.name for c in chapters.chapters(ROOT)]
    assert names[0] == "00_intro" and len(names) == 7, names
    assert not {"glossary", "references", "slides", "status", "index"} & set(names)


def test_read_notebook_gives_an_independent_copy():
    path = ROOT / chapters.chapters(ROOT)[0].source
    first = chapters.read_notebook(path)
    first.cells.clear()
    assert chapters.read_notebook(path).cells, "캐시된 파싱 결과가 바뀌었다"
