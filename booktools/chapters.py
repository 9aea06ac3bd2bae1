"""책은 `_toc.yml`이 나열한 문서다: Sphinx가 그 파일들만 읽게 한다(`include_patterns`).

`only_build_toc_files`(sphinx-external-toc)는 점(.)으로 시작하는 폴더를 보지 않아서, pytest가 남기는
`.pytest_cache/README.md`, `.github/PULL_REQUEST_TEMPLATE.md`, Jupyter의
`chapters/.ipynb_checkpoints/…-checkpoint.md`를 Sphinx가 문서로 읽고 "toctree에 없는 문서" 경고를
낸다(`-W`에서는 빌드 실패). 그래서 목차의 문서(확장자까지)만 `include_patterns`에 넣는다.
빌드, 덱, 노트북, Sphinx 확장, 테스트가 모두 같은 함수로 장을 정한다.

**장(chapter)** = 목차에 있는 `.md` 문서 가운데 코드 셀이 하나라도 있는 것(:func:`chapters`, 목차 순서).
파일 이름은 무엇이든 된다: 새 장은 `chapters/<이름>.md`를 쓰고 `_toc.yml`에 한 줄을 더하면 페이지, 덱,
유인물, 노트북, 검색 항목, 실행 현황 줄이 모두 생긴다. 장을 읽는 방법(:func:`read_notebook`)도
myst-nb와 같은 리더 하나다.

목차 검사(:func:`toc_problems`)도 여기 하나뿐이다: 빌드는 Sphinx를 부르기 전에,
이 확장은 `jupyter-book build`를 직접 부른 경우에 같은 함수로 검사해 한국어 메시지 하나씩을 낸다.
- 목차 항목의 파일이 없다(Sphinx는 이것을 chapters/index.md 탓으로 돌린다),
- 번호로 시작하는 장 파일(chapters/NN_*.md, 목차에 넣는 것을 잊은 장일 가능성이 큰 것)이 목차에 없다,
- 목차 파일이 UTF-8이 아니다(윈도 메모장의 CP949 등; 목차 밖 파일은 읽지 않는다).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from booktools import cells as cell_rules

SOURCE_SUFFIXES = (".md", ".ipynb", ".rst")
# 목차에 없으면 알리는 파일 이름(잊은 장일 가능성이 크다). 장인지 아닌지는 이 이름이 아니라 목차가 정한다.
NUMBERED_CHAPTER_GLOB = "[0-9][0-9]_*.md"
# UTF-8로 읽히지 않을 때 어떤 인코딩으로 저장되었는지 알아보려고 시험해 보는 것(한국어 윈도 편집기 순).
GUESSED_ENCODINGS = (("cp949", "CP949(EUC-KR, 한국어 윈도의 ANSI)"), ("utf-16", "UTF-16"))


class TocError(Exception):
    """목차와 장 파일이 맞지 않음: 메시지(한국어)마다 파일과 고치는 법을 적는다."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def toc_documents(root: Path) -> list[str]:
    """_toc.yml의 모든 문서 이름(루트 먼저, 목차 순서, 중복 없이). 예: "chapters/02_bias"."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    files = [toc["root"]] if toc.get("root") else []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for key, value in node.items():
                if key != "root":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    docs = []
    for name in files:
        path = Path(str(name))
        docs.append((path.with_suffix("") if path.suffix in SOURCE_SUFFIXES else path).as_posix())
    return list(dict.fromkeys(docs))


def toc_numbers(root: Path) -> dict[str, str]:
    """번호 붙은 목차 부분(``numbered: true``)의 문서 → 장 번호("1", "2", …). 번호 없는 문서는 빠진다.

    사이트의 왼쪽 목차(sphinx-multitoc-numbering)와 같은 규칙: 번호 붙은 부분들의 최상위 항목을 차례로 센다."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    numbers: dict[str, str] = {}
    count = 0
    for part in toc.get("parts") or []:
        if not part.get("numbered"):
            continue
        for entry in part.get("chapters") or []:
            if isinstance(entry, dict) and "file" in entry:
                count += 1
                path = Path(str(entry["file"]))
                doc = (path.with_suffix("") if path.suffix in SOURCE_SUFFIXES else path).as_posix()
                numbers[doc] = str(count)
    return numbers


def toc_source_files(root: Path) -> list[str]:
    """목차 문서의 원본 파일(책 루트 기준 상대 경로). 원본이 없는 문서는 뺀다(Sphinx가 따로 경고한다)."""
    out = []
    for doc in toc_documents(root):
        for suffix in SOURCE_SUFFIXES:
            if (root / f"{doc}{suffix}").is_file():
                out.append(f"{doc}{suffix}")
                break
    return out


@dataclass(frozen=True)
class Chapter:
    """책의 장 하나. ``doc``: "chapters/02_bias", ``source``: "chapters/02_bias.md"(책 뿌리 기준)."""
    doc: str
    source: str

    @property
    def name(self) -> str:
        """파일 이름 줄기("02_bias"): 덱(slides/<name>.html)과 노트북(notebooks/<name>.ipynb)의 이름."""
        return Path(self.source).stem

    def path(self, root: Path) -> Path:
        return root / self.source


@functools.lru_cache(maxsize=64)
def _read_cached(path: str, mtime_ns: int, size: int):
    from myst_nb.core.read import read_myst_markdown_notebook

    return read_myst_markdown_notebook(Path(path).read_text(encoding="utf-8"), add_source_map=True, path=path)


def read_notebook(path: Path):
    """MyST 장 소스를 myst-nb가 읽는 방식 그대로 노트북으로(셀마다 소스 줄 번호 ``source_map`` 포함).

    같은 파일을 여러 번 읽으면 처음 파싱한 것의 복사본을 준다(바꿔도 다음 호출에 영향 없음)."""
    import copy

    return copy.deepcopy(_parsed(path))


def _parsed(path: Path):
    """파싱한 노트북(캐시된 것 그대로: 읽기만 할 것)."""
    stat = path.stat()
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)


NOTEBOOK_HEADER = ("---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
                   "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---")


def is_notebook(path: Path) -> bool:
    """myst-nb가 이 파일을 노트북으로 읽는가(앞머리의 jupytext 형식 또는 file_format: mystnb; myst-nb와 같은 검사)."""
    from myst_nb.core.read import is_myst_markdown_notebook

    return is_myst_markdown_notebook(path.read_text(encoding="utf-8"))


def chapters(root: Path) -> list[Chapter]:
    """책의 장: 목차 순서의 `.md` 문서 가운데 myst-nb가 노트북으로 읽고(앞머리) 코드 셀이 있는 것."""
    out = []
    for rel in toc_source_files(root):
        path = root / rel
        if rel.endswith(".md") and is_notebook(path) and cell_rules.has_code(_parsed(path).cells):
            out.append(Chapter(doc=rel[:-3], source=rel))
    return out


def chapters_using(root: Path, module: str = "dlkit") -> list[Chapter]:
    """코드 셀이 ``module``을 import하는 장(파싱한 셀로 판단: :func:`booktools.cells.uses_module`)."""
    return [ch for ch in chapters(root) if cell_rules.uses_module(_parsed(ch.path(root)).cells, module)]


def chapters_with_quiz(root: Path) -> list[Chapter]:
    """퀴즈가 있는 장(``dlkit.quiz``를 import하는 장)."""
    return chapters_using(root, "dlkit.quiz")


def chapters_with_slides(root: Path) -> list[Chapter]:
    """슬라이드로 표시된 셀이 있는 장(= 덱이 있는 장, :func:`booktools.cells.has_slides`)."""
    return [ch for ch in chapters(root) if cell_rules.has_slides(_parsed(ch.path(root)).cells)]


def guess_encoding(data: bytes) -> str:
    """UTF-8이 아닌 바이트가 어떤 인코딩으로 저장된 것 같은지(사람이 읽을 이름)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    for codec, label in GUESSED_ENCODINGS:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return label
    return "알 수 없는 인코딩"


def encoding_problem(root: Path, rel: str) -> str | None:
    """rel 파일이 UTF-8로 읽히지 않으면 그 파일, 줄, 추정 인코딩과 고치는 법을 적은 메시지."""
    data = (root / rel).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return (f"{rel}: UTF-8이 아닙니다({line}번째 줄, {guess_encoding(data)}로 저장된 것 같습니다). "
                "편집기에서 인코딩을 UTF-8로 바꿔 다시 저장하세요(VS Code: 오른쪽 아래 인코딩 → "
                "'인코딩하여 저장' → UTF-8, 메모장: 다른 이름으로 저장 → 인코딩 UTF-8).")
    return None


def toc_problems(root: Path) -> list[str]:
    """목차와 장 파일이 맞는지 검사한다. 문제마다 파일과 고치는 법을 적은 한국어 메시지 하나."""
    try:
        docs = toc_documents(root)
    except UnicodeDecodeError:
        return [encoding_problem(root, "_toc.yml")]
    problems = []
    listed = set()
    for doc in docs:
        found = [f"{doc}{suffix}" for suffix in SOURCE_SUFFIXES if (root / f"{doc}{suffix}").is_file()]
        if not found:
            problems.append(
                f"_toc.yml: 목차 항목 `{doc}`의 파일이 없습니다({doc}.md도 {doc}.ipynb도 없음). "
                "파일 이름(대소문자, 번호)을 목차와 맞추거나, 없앤 장이면 _toc.yml에서 그 항목을 지우세요.")
            continue
        listed.add(found[0])
        bad = encoding_problem(root, found[0])
        if bad:
            problems.append(bad)
        elif found[0].endswith(".md") and "```{code-cell}" in (root / found[0]).read_text(encoding="utf-8") \
                and not is_notebook(root / found[0]):
            problems.append(
                f"{found[0]}: 코드 셀({{code-cell}})이 있는데 파일 맨 앞에 노트북 머리말이 없어 실행되지 않습니다. "
                f"파일 맨 앞에 다음을 붙이세요(다른 장과 같은 머리말):\n{NOTEBOOK_HEADER}")
    for path in sorted((root / "chapters").glob(NUMBERED_CHAPTER_GLOB)):
        rel = path.relative_to(root).as_posix()
        if rel not in listed:
            stem = path.with_suffix("").relative_to(root).as_posix()
            problems.append(
                f"{rel}: 장 파일인데 _toc.yml에 없습니다(페이지가 생기지 않고, 이 장을 가리키는 "
                f"{{doc}} 링크도 깨집니다). 책에 넣으려면 _toc.yml에 `- file: {stem}` 줄을 더하고, "
                "뺀 장이면 파일을 지우거나(링크도 함께) 번호로 시작하지 않는 이름으로 바꾸세요.")
    return problems


def checked_toc_source_files(root: Path) -> list[str]:
    """검사를 통과한 목차 문서의 원본 파일. 문제가 있으면 :class:`TocError`."""
    problems = toc_problems(root)
    if problems:
        raise TocError(problems)
    return toc_source_files(root)
