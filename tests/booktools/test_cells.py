"""booktools.cells: 셀 규칙(슬라이드 셀, 주장 셀, 모듈 사용)은 파싱한 셀로 판단한다."""
from __future__ import annotations

import nbformat
import pytest

from booktools import cells


def code(source: str, **meta) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata.update(meta)
    return cell


@pytest.mark.parametrize("source", [
    "import dlkit as dk",
    "from dlkit import quiz",
    "import dlkit.widgets as W",
    "%matplotlib inline\nimport numpy as np\nimport dlkit",
    "if True:\n    from dlkit.plotting import plot_history",
])
def test_every_way_of_importing_dlkit_counts(source):
    assert cells.uses_module([code(source)], "dlkit")


@pytest.mark.parametrize("source", [
    "import dlkitx",               # 이름이 dlkit으로 시작할 뿐인 다른 모듈
    "# import dlkit",              # 주석
    "print('import dlkit')",       # 문자열
    "import numpy as np",
])
def test_things_that_only_look_like_importing_dlkit_do_not(source):
    assert not cells.uses_module([code(source)], "dlkit")


def test_submodule_rule_for_the_quiz():
    assert cells.uses_module([code("from dlkit.quiz import Quiz")], "dlkit.quiz")
    assert cells.uses_module([code("from dlkit import quiz")], "dlkit.quiz")
    assert not cells.uses_module([code("import dlkit as dk")], "dlkit.quiz")  # 음성 대조: dlkit만으로는 아니다


def test_markdown_cells_never_import():
    md = nbformat.v4.new_markdown_cell("```python\nimport dlkit\n```")
    assert not cells.uses_module([md], "dlkit")


def test_slide_rule():
    on = code("1", slideshow={"slide_type": "slide"})
    dash = code("1", slideshow={"slide_type": "-"})
    notes = code("1", slideshow={"slide_type": "notes"})
    skip = code("1", slideshow={"slide_type": "skip"})
    claim = code("assert True", slideshow={"slide_type": "slide"}, tags=["remove-cell", "claim"])
    assert cells.on_slide(on) and cells.on_slide(dash)
    assert not cells.on_slide(notes) and not cells.on_slide(skip) and not cells.on_slide(code("1"))
    assert not cells.on_slide(claim) and cells.is_claim(claim)  # 주장 검사 셀은 표시가 있어도 덱에 오르지 않는다
    assert cells.has_slides([skip, on]) and not cells.has_slides([skip, notes, claim])
