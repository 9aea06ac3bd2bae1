"""셀의 규칙(한 곳에서만 정의): 어느 셀이 슬라이드에 오르는가, 어느 셀이 빌드 전용 주장 검사인가,
장이 dlkit을 쓰는가. 덱, 노트북, Sphinx 확장, 빌드, 테스트가 모두 이 함수를 쓴다.

입력은 파싱된 셀(nbformat 셀 또는 같은 모양의 dict)이다: 원본 글을 정규식으로 훑지 않는다.
"""
from __future__ import annotations

import ast
import re

# 슬라이드에 올라가는 표시(slide, subslide, fragment, "-"). notes는 발표자 노트, skip·표시 없음은 책 전용.
ON_SLIDE = frozenset({"slide", "subslide", "fragment", "-"})
NOTES = "notes"
SLIDE_STARTS = frozenset({"slide", "subslide"})
# 본문의 주장(그림·출력이 보여 주는 것)을 빌드 때 검사하는 숨은 셀의 태그.
# 페이지에서는 remove-cell로 숨기고, 노트북과 슬라이드에서는 빠진다.
CLAIM_TAG = "claim"
MAGIC_LINE = re.compile(r"^\s*[%!]")


def tags(cell) -> list[str]:
    return list((cell.get("metadata") or {}).get("tags") or [])


def slide_type(cell) -> str | None:
    """셀의 ``slideshow.slide_type``(없으면 None)."""
    meta = (cell.get("metadata") or {}).get("slideshow") or {}
    return meta.get("slide_type") if isinstance(meta, dict) else None


def is_claim(cell) -> bool:
    """빌드 때만 도는 주장 검사 셀인가(독자의 노트북과 덱에는 넣지 않는다)."""
    return CLAIM_TAG in tags(cell)


def on_slide(cell) -> bool:
    """슬라이드 화면에 보이는 셀인가(주장 검사 셀은 표시가 있어도 아니다)."""
    return slide_type(cell) in ON_SLIDE and not is_claim(cell)


def has_slides(cells) -> bool:
    """슬라이드에 오르는 셀이 하나라도 있는가(= 이 장에 덱이 있다)."""
    return any(on_slide(cell) for cell in cells)


def _imports(source: str) -> list[str]:
    """코드 셀이 import하는 모듈 이름들(``from a import b``는 a와 a.b; IPython 매직·셸 줄은 빼고 파싱한다)."""
    text = "\n".join("" if MAGIC_LINE.match(line) else line for line in source.splitlines())
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def uses_module(cells, module: str = "dlkit") -> bool:
    """코드 셀 가운데 하나라도 ``module``(또는 그 하위 모듈)을 import하는가. ``module="dlkit"``이면
    ``import dlkit``, ``from dlkit import …``, ``import dlkit.widgets as W`` 모두; ``"dlkit.quiz"``면
    ``from dlkit.quiz import …``와 ``from dlkit import quiz``."""
    def hit(name: str) -> bool:
        return name == module or name.startswith(module + ".")

    return any(hit(name) for cell in cells if cell.get("cell_type") == "code"
               for name in _imports(cell.get("source", "")))


def has_code(cells) -> bool:
    return any(cell.get("cell_type") == "code" for cell in cells)
