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
- MyST 전용 문법을 보통 Markdown으로: {term}`낱말` → **낱말**, {doc}/{ref} → 장 제목(다른 장이면
  그 장 노트북으로 가는 링크), {glue} → `이름`, 지시문({exercise}, {solution-start}, {admonition},
  {note} …) → 제목과 인용 블록, {literalinclude} → 소스 코드 블록, `(label)=`과 `% 주석` → 지운다.
- 상대 경로 그림·링크는 `../chapters/...`로 고친다(노트북은 notebooks/에 있다).

같은 입력에서는 늘 같은 바이트를 만든다(셀 id도 순번으로 정한다).
"""
from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import yaml

from booktools import chapters as toc
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
# 장 사이 참조: 문서 제목과 label → 제목

HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
LABEL_RE = re.compile(r"^\s*\(([^()\s]+)\)=\s*$")


@dataclass
class Target:
    title: str
    doc: str  # chapters/ 안의 파일 이름(확장자 없이)


@dataclass
class BookIndex:
    doc_titles: dict[str, str] = field(default_factory=dict)
    labels: dict[str, Target] = field(default_factory=dict)
    notebooks: set[str] = field(default_factory=set)


def _strip_inline(text: str) -> str:
    text = re.sub(r"\{[\w:.-]+\}`([^`]*?)(?:\s*<[^`>]*>)?`", r"\1", text)
    return text.replace("**", "").strip()


def build_index(root: Path = ROOT) -> BookIndex:
    index = BookIndex(notebooks={p.stem for p in chapter_sources(root)})
    for md in sorted((root / "chapters").glob("*.md")):
        lines = md.read_text(encoding="utf-8").splitlines()
        pending: list[str] = []
        exercise_no = 0
        for i, line in enumerate(lines):
            m = LABEL_RE.match(line)
            if m:
                pending.append(m.group(1))
                continue
            h = HEADING_RE.match(line)
            if h:
                title = _strip_inline(h.group(2))
                if h.group(1) == "#" and md.stem not in index.doc_titles:
                    index.doc_titles[md.stem] = title
                for label in pending:
                    index.labels[label] = Target(title, md.stem)
                pending = []
                continue
            if re.match(r"^\s*(`{3,}|:{3,})\{exercise(-start)?\}", line):
                exercise_no += 1
                for opt in lines[i + 1:i + 8]:
                    lm = re.match(r"^\s*:label:\s*(\S+)", opt)
                    if lm:
                        index.labels[lm.group(1)] = Target(f"연습 문제 {exercise_no}", md.stem)
                        break
            if line.strip() and not line.startswith(("+++", "---")):
                # 제목이 아닌 줄에 붙은 label(그림·표 등)은 문서 제목으로 대신한다
                for label in pending:
                    index.labels.setdefault(label, Target("", md.stem))
                pending = []
    for target in index.labels.values():
        if not target.title:
            target.title = index.doc_titles.get(target.doc, target.doc)
    return index


# --------------------------------------------------------------------------------------
# MyST → Markdown

ADMONITION_TITLES = {
    "note": "참고", "tip": "팁", "hint": "힌트", "important": "중요", "warning": "주의",
    "caution": "주의", "attention": "주의", "danger": "위험", "error": "오류", "seealso": "함께 보기",
    "margin": "곁들여 읽기", "sidebar": "곁들여 읽기", "topic": "", "epigraph": "", "admonition": "",
}
DROP_DIRECTIVES = {"toctree", "tableofcontents", "bibliography", "solution-end", "exercise-end",
                   "glue:figure", "glue:math", "index", "only"}
FENCE_OPEN_RE = re.compile(r"^(\s*)(`{3,}|:{3,})\{([\w:.-]+)\}[ \t]*(.*)$")
PLAIN_FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
ROLE_RE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
ROLE_OR_CODE_RE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`|(`+)(?:.+?)\3", re.S)
MD_LINK_RE = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
HTML_SRC_RE = re.compile(r"""(<img\b[^>]*?\bsrc=)(["'])([^"']+)\2""")


def _quote(lines: list[str]) -> list[str]:
    return [f"> {ln}" if ln.strip() else ">" for ln in lines]


class Converter:
    """한 장의 Markdown 셀 글을 보통 Markdown으로 바꾼다."""

    def __init__(self, source: Path, root: Path, index: BookIndex):
        self.source = source
        self.root = root
        self.index = index
        self.exercise_no = 0
        self.exercise_by_label: dict[str, int] = {}

    # ---- 경로

    def rel_target(self, target: str) -> str:
        """chapters/ 기준 상대 경로 → notebooks/ 기준 상대 경로(장 .md는 그 장의 노트북)."""
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
            return target
        path, _, anchor = target.partition("#")
        resolved = (self.source.parent / path).resolve()
        if resolved.suffix == ".md" and resolved.parent == (self.root / "chapters").resolve() \
                and resolved.stem in self.index.notebooks:
            new = f"{resolved.stem}.ipynb"
        else:
            try:
                new = Path("..", resolved.relative_to(self.root.resolve())).as_posix()
            except ValueError:
                return target
        return f"{new}#{anchor}" if anchor else new

    def fix_links(self, text: str) -> str:
        text = MD_LINK_RE.sub(lambda m: m.group(1) + self.rel_target(m.group(2)) + m.group(3), text)
        return HTML_SRC_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{self.rel_target(m.group(3))}{m.group(2)}",
                               text)

    # ---- 역할(role)

    def _doc_link(self, title: str, doc: str, *, bold: bool = False) -> str:
        if doc in self.index.notebooks and doc != self.source.stem:
            return f"[{title}]({doc}.ipynb)"
        return f"**{title}**" if bold else title

    def role(self, m: re.Match) -> str:
        name, content = m.group(1), m.group(2)
        explicit = re.match(r"^(.*?)\s*<([^<>]+)>$", content, re.S)
        text, target = (explicit.group(1), explicit.group(2)) if explicit else (content, content)
        if name == "term":
            return f"**{text}**"
        if name == "doc":
            doc = Path(target).name
            if doc.endswith(".md"):
                doc = doc[:-3]
            title = text if explicit else self.index.doc_titles.get(doc, doc)
            return self._doc_link(title, doc)
        if name in {"ref", "numref", "any"}:
            hit = self.index.labels.get(target)
            if hit is None:
                return text
            title = text if explicit else hit.title
            if hit.doc == self.source.stem:
                return title
            if hit.title.startswith("연습 문제") and not explicit:
                title = f"{self.index.doc_titles.get(hit.doc, hit.doc)}의 {hit.title}"
            return self._doc_link(title, hit.doc)
        if name == "eq":
            return f"({target})"
        if name == "math":
            return f"${content}$"
        if name.startswith("glue"):
            return f"`{target.split(':')[0]}`"
        if name.startswith("cite"):
            return f"[{content}]"
        if name == "kbd":
            return f"<kbd>{content}</kbd>"
        if name in {"code", "literal", "file", "samp", "command", "envvar", "py:func", "func",
                    "py:class", "class", "py:mod", "mod", "py:meth", "meth", "py:obj", "obj",
                    "py:attr", "attr"}:
            return f"`{text.lstrip('~')}`"
        if name == "download":
            return f"[{text}]({self.rel_target(target)})"
        return text  # sub, abbr, guilabel, 모르는 역할: 글만 남긴다

    def inline(self, text: str) -> str:
        """역할을 바꾸되 코드 스팬(`…`) 안은 그대로 둔다(왼쪽부터 먼저 맞는 쪽이 이긴다)."""
        text = self.fix_links(text)  # 먼저: 역할이 만든 링크(NN_x.ipynb)는 이미 notebooks/ 기준이다
        return ROLE_OR_CODE_RE.sub(lambda m: self.role(m) if m.group(1) else m.group(0), text)

    def inline_text(self, text: str) -> str:
        return self.inline(text)

    # ---- 지시문(directive)

    @staticmethod
    def split_options(body: list[str]) -> tuple[dict[str, str], list[str]]:
        options: dict[str, str] = {}
        i = 0
        if body and body[0].strip() == "---":
            end = next((j for j in range(1, len(body)) if body[j].strip() == "---"), None)
            if end is not None:
                loaded = yaml.safe_load("\n".join(body[1:end])) or {}
                options = {str(k): str(v) for k, v in loaded.items()}
                i = end + 1
        else:
            while i < len(body):
                m = re.match(r"^\s*:([\w-]+):\s*(.*)$", body[i])
                if not m:
                    break
                options[m.group(1)] = m.group(2).strip()
                i += 1
        while i < len(body) and not body[i].strip():
            i += 1
        return options, body[i:]

    def literalinclude(self, arg: str, options: dict[str, str]) -> list[str]:
        path = (self.source.parent / arg.strip()).resolve()
        try:
            rel = path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = arg.strip()
        if not path.is_file():
            return [f"*(소스 파일 `{rel}`을 찾을 수 없습니다.)*"]
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        what = f"`{rel}`"
        if "pyobject" in options:
            obj = options["pyobject"]
            node = _find_pyobject(ast.parse(text), obj.split("."))
            if node is None:
                return [f"*(`{rel}`에서 `{obj}`을 찾을 수 없습니다.)*"]
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            lines = lines[start - 1:node.end_lineno]
            what = f"`{rel}`의 `{obj}`"
        if "start-after" in options:
            idx = next((i for i, ln in enumerate(lines) if options["start-after"] in ln), None)
            lines = lines[idx + 1:] if idx is not None else lines
        if "end-before" in options:
            idx = next((i for i, ln in enumerate(lines) if options["end-before"] in ln), None)
            lines = lines[:idx] if idx is not None else lines
        if "lines" in options:
            keep: list[str] = []
            for part in options["lines"].split(","):
                a, _, b = part.strip().partition("-")
                lo = int(a) if a else 1
                hi = int(b) if b else (lo if not _ else len(lines))
                keep.extend(lines[lo - 1:hi])
            lines = keep
        if "dedent" in options:
            n = options["dedent"]
            if n.strip().isdigit():
                lines = [ln[int(n):] for ln in lines]
            else:
                import textwrap
                lines = textwrap.dedent("\n".join(lines)).splitlines()
        lang = options.get("language", "python" if path.suffix == ".py" else "")
        caption = options.get("caption", "")
        head = f"**{caption}** " if caption else ""
        return [f"{head}(dlkit 소스 {what})" if rel.startswith("dlkit/") else f"{head}({what})", "",
                f"```{lang}", *lines, "```"]

    def directive(self, name: str, arg: str, body: list[str]) -> list[str]:
        options, content = self.split_options(body)
        inner = self.convert_lines(content)
        arg = self.inline_text(arg.strip())
        if name in DROP_DIRECTIVES:
            return []
        if name in {"exercise", "exercise-start"}:
            self.exercise_no += 1
            if "label" in options:
                self.exercise_by_label[options["label"]] = self.exercise_no
            title = f"연습 문제 {self.exercise_no}" + (f": {arg}" if arg else "")
            return [f"### {title}", "", *inner]
        if name in {"solution-start", "solution"}:
            no = self.exercise_by_label.get(arg.strip())
            title = f"풀이 (연습 문제 {no})" if no else "풀이"
            return [f"#### {title}", "", *inner]
        if name in ADMONITION_TITLES:
            title = arg if name in {"admonition", "topic"} else ADMONITION_TITLES[name]
            if name in {"note", "tip", "hint", "important", "warning", "caution", "attention",
                        "danger", "error", "seealso", "margin", "sidebar"} and arg:
                inner = [arg, "", *inner] if name != "margin" and name != "sidebar" else inner
                if name in {"margin", "sidebar"}:
                    title = arg
            head = [f"**{title}**", ""] if title else []
            return _quote(head + inner)
        if name == "dropdown":
            return ["<details>", f"<summary>{arg or '펼쳐 보기'}</summary>", "", *inner, "", "</details>"]
        if name in {"figure", "image"}:
            alt = options.get("alt", "") or (" ".join(content).strip() if name == "figure" else "")
            alt = re.sub(r"[\[\]]", "", self.inline_text(alt))
            out = [f"![{alt}]({self.rel_target(arg)})"]
            if name == "figure" and inner:
                out += ["", *[f"*{ln}*" if ln.strip() else ln for ln in inner]]
            return out
        if name == "math":
            return ["$$", *content, "$$"]
        if name in {"code-block", "code", "sourcecode"}:
            return [f"```{arg}", *content, "```"]
        if name == "literalinclude":
            return self.literalinclude(arg, options)
        if name == "raw":
            return content if arg.strip() == "html" else []
        if name == "mermaid":
            return ["```", *content, "```"]
        head = [f"**{arg}**", ""] if arg else []
        return head + inner  # glossary, tab-set, card, grid 등: 내용만

    # ---- 본문

    def convert_lines(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        para: list[str] = []

        def flush():
            if para:
                out.extend(self.inline("\n".join(para)).split("\n"))
                para.clear()

        i = 0
        in_math = False
        while i < len(lines):
            line = lines[i]
            m = FENCE_OPEN_RE.match(line)
            if m and not in_math:
                flush()
                fence = m.group(2)
                j = i + 1
                close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
                while j < len(lines) and not close.match(lines[j]):
                    j += 1
                out.extend(self.directive(m.group(3), m.group(4), lines[i + 1:j]))
                i = j + 1
                continue
            p = PLAIN_FENCE_RE.match(line)
            if p and not in_math:
                flush()
                fence = p.group(2)
                j = i + 1
                close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
                while j < len(lines) and not close.match(lines[j]):
                    j += 1
                out.extend(lines[i:j + 1])
                i = j + 1
                continue
            if LABEL_RE.match(line) or (line.startswith("%") and not in_math):
                i += 1  # MyST의 label 대상과 주석(% DEMO …)은 노트북에 필요 없다
                continue
            if line.strip().startswith("$$"):
                # $$ … $$ (label) 의 label을 지운다
                line = re.sub(r"(\$\$)\s*\([^()]+\)\s*$", r"\1", line)
                if line.strip().count("$$") == 1:
                    in_math = not in_math
            para.append(line)
            i += 1
        flush()
        return out

    def convert(self, text: str) -> str:
        lines = self.convert_lines(text.split("\n"))
        # 빈 줄이 셋 이상 이어지지 않게
        result = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
        return result


def _find_pyobject(tree: ast.AST, parts: list[str]):
    nodes = getattr(tree, "body", [])
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and node.name == parts[0]:
            return node if len(parts) == 1 else _find_pyobject(node, parts[1:])
    return None


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
                  index: BookIndex | None = None) -> nbformat.NotebookNode:
    info = info or repo_info(root)
    index = index or build_index(root)
    converter = Converter(source, root, index)
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
    info, index = repo_info(root), build_index(root)
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
