"""장(chapters/NN_*.md, MyST)마다 Binder·Colab·내려받기용 노트북 notebooks/NN_*.ipynb를 만든다.

    python -m booktools notebooks [ROOT]          # 만들기(바뀐 것만 다시 쓴다) = make notebooks
    python -m booktools notebooks [ROOT] --check  # 최신인지 확인만(다르면 종료 코드 1)

만든 노트북은 짝(paired)이 아니다: jupytext 메타데이터를 지우므로 JupyterLab이 .md와 엮지 않고,
`notebooks/`는 `_config.yml`의 exclude_patterns에 있으므로 Sphinx도 보지 않는다.

노트북 독자를 위한 변환
- 첫 셀: Colab에서만(`google.colab` 모듈이 있을 때) 저장소의 dlkit과 koreanize-matplotlib을 pip로
  설치한다. 저장소 주소와 브랜치는 `_config.yml`의 `repository.url`, `repository.branch`에서 온다.
- 슬라이드 표시가 없는 셀은 `slideshow.slide_type: skip`(TEAM.md의 슬라이드 약속: 책 전용 셀).
  그래서 RISE(`/rise/...`)는 슬라이드 셀만 보여 준다.
- MyST 전용 문법을 보통 Markdown으로: 덱과 같은 변환 :mod:`booktools.markdown`에
  :data:`booktools.markdown.NOTEBOOK` 설정(다른 장 참조는 그 장 노트북으로 가는 링크, 상대 경로는
  `../chapters/...`로, 바꿀 수 없는 문법은 글만 남긴다).

같은 입력에서는 늘 같은 바이트를 만든다(셀 id도 순번으로 정한다).
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import yaml

from booktools import chapters as toc, markdown
from booktools.cells import is_claim

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "make notebooks"   # 노트북을 다시 만드는 명령(노트북 메타데이터에 적는다)
KOREANIZE = "koreanize-matplotlib==0.1.1"

# --------------------------------------------------------------------------------------
# 저장소 정보와 장 목록


@dataclass(frozen=True)
class RepoInfo:
    url: str          # https://github.com/ORG/REPO
    branch: str       # main
    path_to_book: str  # "" 또는 "book/"처럼 끝에 / (저장소 뿌리에서 책 뿌리까지)

    @property
    def pip_spec(self) -> str:
        return f"dlkit @ git+{self.url.rstrip('/')}.git@{self.branch}"


def repo_info(root: Path = ROOT) -> RepoInfo:
    """`_config.yml`의 repository 설정(책에서 저장소 주소를 정하는 유일한 곳)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    repo = config.get("repository") or {}
    url = str(repo.get("url", "")).strip().rstrip("/")
    if url.endswith(".git"):
        url = url[:-4]
    rel = str(repo.get("path_to_book", "") or "").strip("/")
    return RepoInfo(url=url, branch=str(repo.get("branch", "") or "main"),
                    path_to_book=f"{rel}/" if rel else "")


def chapter_sources(root: Path = ROOT) -> list[Path]:
    """노트북으로 만들 장(목차 순서): :func:`booktools.chapters.chapters`(코드 셀이 있는 목차 문서)."""
    return [ch.path(root) for ch in toc.chapters(root)]


def notebook_path(source: Path, root: Path = ROOT) -> Path:
    return root / "notebooks" / (source.stem + ".ipynb")


# --------------------------------------------------------------------------------------
# 노트북 만들기

GLUE_IMPORT_RE = re.compile(r"^from myst_nb import glue\s*$", re.M)
GLUE_SHIM = (
    "try:\n"
    "    from myst_nb import glue\n"
    "except ImportError:  # 책 빌드 밖(Binder, Colab)에는 myst_nb가 없다: 값만 보여 준다\n"
    "    def glue(name, variable, display=True):\n"
    "        if display:\n"
    "            from IPython.display import display as _show\n"
    "            _show(variable)"
)


def colab_setup_source(info: RepoInfo, pip_spec: str | None = None) -> str:
    """Colab 설치 셀의 코드. ``pip_spec``은 시험용(저장소 대신 빌드한 휠을 설치할 때)이다."""
    return (
        "# Colab에서 열었을 때만 이 책의 dlkit 패키지와 한글 글꼴(koreanize-matplotlib)을 설치합니다.\n"
        "# Binder나 내 컴퓨터에는 이미 설치되어 있으므로 이 셀은 아무 일도 하지 않습니다.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "{pip_spec or info.pip_spec}" "{KOREANIZE}"\n'
    ).rstrip("\n")


def make_notebook(source: Path, root: Path = ROOT, info: RepoInfo | None = None,
                  index: markdown.BookIndex | None = None) -> nbformat.NotebookNode:
    info = info or repo_info(root)
    index = index or markdown.build_index(root)
    converter = markdown.Converter(source, root, index, markdown.NOTEBOOK)
    nb = jupytext.read(source, fmt="md:myst")
    cells = []
    setup = nbformat.v4.new_code_cell(colab_setup_source(info))
    setup.metadata = {"slideshow": {"slide_type": "skip"}, "tags": ["colab-setup"]}
    cells.append(setup)
    for cell in nb.cells:
        if is_claim(cell):
            continue  # 빌드 때만 도는 주장 검사 셀: 독자의 Colab에서 실패하면 안 된다
        cell = copy.deepcopy(cell)
        meta = dict(cell.metadata)
        meta.setdefault("slideshow", {"slide_type": "skip"})
        if cell.cell_type == "markdown":
            text = converter.convert(cell.source)
            if not text.strip():
                continue
            new = nbformat.v4.new_markdown_cell(text)
        elif cell.cell_type == "code":
            src = GLUE_IMPORT_RE.sub(GLUE_SHIM, cell.source)
            new = nbformat.v4.new_code_cell(src)
        else:  # raw
            new = nbformat.v4.new_raw_cell(cell.source)
        new.metadata = meta
        cells.append(new)
    for i, cell in enumerate(cells):
        cell["id"] = f"{source.stem[:40]}-{i:03d}".replace("_", "-")
    out = nbformat.v4.new_notebook()
    out.cells = cells
    kernelspec = dict(nb.metadata.get("kernelspec") or {})
    out.metadata = {
        "kernelspec": kernelspec or {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        # jupyterlab-rise: 코드와 그림이 한 화면을 넘을 때 슬라이드 안에서 스크롤
        "rise": {"scroll": True},
        "colab": {"provenance": []},
        # 생성 파일임을 밝힌다: 고칠 곳은 원본 장이고, 다시 만드는 명령은 이것이다.
        "studybook": {"generated": True, "source": source.relative_to(root).as_posix(), "regenerate": REGENERATE},
    }
    out.nbformat, out.nbformat_minor = 4, 5
    nbformat.validate(out)
    return out


def render(nb: nbformat.NotebookNode) -> str:
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def expected_notebooks(root: Path = ROOT) -> dict[Path, str]:
    info, index = repo_info(root), markdown.build_index(root)
    return {notebook_path(src, root): render(make_notebook(src, root, info, index))
            for src in chapter_sources(root)}


def setup_cell_mismatches(root: Path, info: RepoInfo) -> list[str]:
    """저장소에 있는 노트북 중 Colab 설치 셀이 ``info``의 저장소를 설치하지 않는 것(상대 경로)."""
    expected = colab_setup_source(info)
    bad = []
    for source in chapter_sources(root):
        path = notebook_path(source, root)
        try:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            bad.append(path.relative_to(root).as_posix())
            continue
        setup = next((c for c in cells if "colab-setup" in c.get("metadata", {}).get("tags", [])), None)
        if setup is None or "".join(setup["source"]) != expected:
            bad.append(path.relative_to(root).as_posix())
    return bad


def set_repository(root: Path, url: str, branch: str | None) -> None:
    """`_config.yml`의 repository.url(과 branch) 줄만 바꾼다(주석과 나머지는 그대로)."""
    path = root / "_config.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^repository:\s*\n((?:[ \t]+.*\n?)*)", text, re.M)
    if block is None or not re.search(r"^[ \t]+url:", block.group(1), re.M):
        raise SystemExit("_config.yml에 repository: url: 줄이 없습니다. 먼저 추가하세요.")
    body = re.sub(r"^([ \t]+url:).*$", lambda m: f"{m.group(1)} {url.rstrip('/')}", block.group(1),
                  count=1, flags=re.M)
    if branch:
        body = re.sub(r"^([ \t]+branch:).*$", lambda m: f"{m.group(1)} {branch}", body, count=1, flags=re.M)
    path.write_text(text[:block.start(1)] + body + text[block.end(1):], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m booktools notebooks", description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=str(ROOT), help="책 뿌리(기본: 이 저장소)")
    parser.add_argument("--check", action="store_true", help="쓰지 않고 최신인지 확인만 한다")
    parser.add_argument("--repository-url", default="",
                        help="발행할 저장소 주소(https://github.com/ORG/REPO): _config.yml에 적고 그 주소로 만든다")
    parser.add_argument("--branch", default="", help="발행할 브랜치(--repository-url과 함께)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if args.repository_url and not args.check:
        set_repository(root, args.repository_url, args.branch or None)
        print(f"_config.yml의 저장소: {args.repository_url} ({args.branch or '브랜치 그대로'})")
    expected = expected_notebooks(root)
    stale = sorted(p for p in (root / "notebooks").glob("*.ipynb") if p not in expected)
    problems = 0
    for path, text in expected.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        rel = path.relative_to(root)
        if args.check:
            print(f"최신이 아님: {rel} ({REGENERATE}로 다시 만드세요)")
            problems += 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"썼음: {rel}")
    for path in stale:
        rel = path.relative_to(root)
        if args.check:
            print(f"원본 장이 없는 노트북: {rel}")
            problems += 1
        else:
            path.unlink()
            print(f"지웠음: {rel}")
    if args.check and not problems:
        print(f"노트북 {len(expected)}개 모두 최신")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
