"""장 소스(MyST)의 Markdown 셀 글 → 보통 Markdown. 발표 덱(:mod:`booktools.slides`)과
Colab/Binder 노트북(:mod:`booktools.notebooks`)이 함께 쓰는 하나뿐인 변환.

같은 장은 두 곳에서 같게 보인다. 다른 점은 :class:`Options`의 세 값뿐이고, 각 값에 이유를 적었다.
나머지는 늘 같다:

- {term}`낱말` → **낱말** (제목 줄 안에서는 제목이 이미 굵으므로 글만; CommonMark가 굵게 닫지 못하는
  ``…)**은`` 자리는 문장 부호를 ``**`` 밖으로: :func:`bold`), {glue}`이름` → `` `이름` ``,
  {math} → $…$, {kbd}/{sub}/{sup}/{abbr} → 같은 이름의 HTML 태그, 코드 역할 → `` `…` ``.
- {doc}/{ref} → 대상의 제목(장 제목, 절 제목, "연습 문제 N"; 명시한 제목이 있으면 그것).
- {numref} → 사이트와 같은 번호("그림 4.3", "연습 1.2", "코드 5.1"; {numref}`그림 %s <fig-x>`처럼 명시한
  틀이 있으면 그 틀에 번호를 넣는다). 번호는 Sphinx와 같은 곳에서 센다: 번호 붙은 목차의 장 번호
  (:func:`booktools.chapters.toc_numbers`)와 그 장 안에서 번호 붙는 요소의 순서(:func:`number_targets`).
- 안내 상자({note}, {tip}, {admonition} …) → 한국어 제목을 단 인용 상자, {exercise}/{solution-start}
  → "연습 문제 N"/"풀이" 제목, {figure}/{image} → 그림, {math} → $$ 블록, {literalinclude} → 소스 코드 블록,
  {dropdown} → <details>, 목차·색인류(:data:`DROP_DIRECTIVES`) → 지운다.
- `(label)=` 줄과 `% 주석` 줄 → 지운다.

import만으로는 아무 일도 일어나지 않는다(부작용 없음).
"""
from __future__ import annotations

import ast
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from booktools import chapters as toc


class ConversionError(ValueError):
    """엄격한 변환(:attr:`Options.strict`)에서 바꿀 수 없는 MyST: 메시지는 ``where``(장, 셀, 소스 줄)로 시작한다."""


@dataclass(frozen=True)
class Options:
    """두 출력이 정말로 다른 점. 그 밖의 렌더링은 모두 같다."""

    # 다른 장을 가리키는 {doc}/{ref}/{numref}: True면 그 장의 노트북으로 가는 링크([제목](NN_x.ipynb)),
    # False면 제목 글만. 노트북은 notebooks/에 서로 나란히 있어 링크가 열리지만, 발표 덱에서 링크를
    # 누르면 발표가 끊기고 덱 옆(slides/)에는 노트북이 없다.
    link_chapters: bool
    # 상대 경로 그림·링크를 notebooks/ 기준(../chapters/…)으로 고친다. 노트북 파일은 장과 다른 폴더에
    # 있기 때문이다. 덱은 사이트의 slides/에 있고 그곳엔 chapters/ 원본이 없으므로 어느 쪽으로 고쳐도
    # 맞지 않는다: 쓴 그대로 둔다(지금 슬라이드 셀에는 상대 경로가 하나도 없다).
    relocate_paths: bool
    # 모르는 역할·지시문, 찾을 수 없는 참조, 닫히지 않은 지시문, 없는 literalinclude 파일:
    # True면 ConversionError(덱: 팀 규칙상 슬라이드 셀은 평범한 Markdown이어야 하고, 청중 앞에
    # label 이름이 그대로 나오면 안 되므로 빌드가 멈춰 장 소스를 고치게 한다), False면 글만 남기거나
    # 한 줄 안내로 바꾼다(노트북: 장 전체를 옮기므로 Sphinx가 아는 새 역할 하나 때문에 `make notebooks`가
    # 멈추면 안 되고, 참조가 맞는지는 -W로 도는 책 빌드가 이미 검사한다).
    strict: bool


NOTEBOOK = Options(link_chapters=True, relocate_paths=True, strict=False)
SLIDES = Options(link_chapters=False, relocate_paths=False, strict=True)


# --------------------------------------------------------------------------------------
# 장 사이 참조: 문서 제목과 label → 제목

HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
LABEL_RE = re.compile(r"^\s*\(([^()\s]+)\)=\s*$")
EXERCISE_RE = re.compile(r"^\s*(`{3,}|:{3,})\{exercise(-start)?\}")
OPTION_LABEL_RE = re.compile(r"^\s*:label:\s*(\S+)")


@dataclass
class Target:
    title: str
    doc: str  # chapters/ 안의 파일 이름(확장자 없이)
    number: str = ""  # {numref}의 번호("4.3", 번호 없는 장은 "1"), 번호 붙는 요소가 아니면 ""
    caption: str = ""  # 번호 붙는 요소의 캡션(그림 설명, 코드 :caption:, 연습 제목): {numref} 틀의 {name}
    kind: str = ""  # 번호 붙는 요소의 종류(booktools.sphinxext.korean_labels.NUMFIG_FORMAT의 열쇠: figure, table, code-block, exercise)


@dataclass
class BookIndex:
    doc_titles: dict[str, str] = field(default_factory=dict)
    labels: dict[str, Target] = field(default_factory=dict)
    notebooks: set[str] = field(default_factory=set)
    # 번호 붙은 장의 연습 문제 번호(사이트의 "연습 1.2"), 장 안의 순서대로: 문서 → ["1.1", "1.2", …]
    exercise_numbers: dict[str, list[str]] = field(default_factory=dict)


def strip_inline(text: str) -> str:
    """제목 글: 역할은 글(또는 명시한 제목)만, 굵게 표시는 뺀다."""
    text = re.sub(r"\{[\w:.-]+\}`([^`]*?)(?:\s*<[^`>]*>)?`", r"\1", text)
    return text.replace("**", "").strip()


def build_index(root: Path) -> BookIndex:
    """목차 문서(.md)의 제목, label → 제목, 노트북이 있는 장(목차의 장: :mod:`booktools.chapters`).

    목차 밖 파일은 읽지 않는다(윈도 메모장의 CP949 메모가 chapters/에 있어도 빌드가 멈추지 않게)."""
    index = BookIndex(notebooks={ch.path(root).stem for ch in toc.chapters(root)})
    for md in [root / rel for rel in toc.toc_source_files(root) if rel.endswith(".md")]:
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
                title = strip_inline(h.group(2))
                if h.group(1) == "#" and md.stem not in index.doc_titles:
                    index.doc_titles[md.stem] = title
                for label in pending:
                    index.labels[label] = Target(title, md.stem)
                pending = []
                continue
            if EXERCISE_RE.match(line):
                exercise_no += 1
                for opt in lines[i + 1:i + 8]:
                    lm = OPTION_LABEL_RE.match(opt)
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
    chapter_no = toc.toc_numbers(root)
    for doc, elements in numbered_elements(root).items():
        for kind, label, number, caption in elements:
            if kind == "exercise" and f"chapters/{doc}" in chapter_no:
                index.exercise_numbers.setdefault(doc, []).append(number)
            if label:
                target = index.labels.setdefault(label, Target(index.doc_titles.get(doc, doc), doc))
                target.kind, target.number, target.caption = kind, number, caption
    return index


NUMBERED_DIRECTIVES = {"figure": "figure", "table": "table", "list-table": "table", "csv-table": "table",
                       "code-block": "code-block", "code": "code-block", "sourcecode": "code-block",
                       "literalinclude": "code-block", "exercise": "exercise", "exercise-start": "exercise"}


def _numbered_elements(lines: list[str]):
    """한 장에서 Sphinx가 번호를 붙이는 요소를 나오는 순서대로: (종류, label 또는 None, 캡션).

    그림: ``mystnb: figure:`` 메타데이터가 있는 코드 셀과 {figure}(이름이 없어도 번호가 붙는다),
    표: 제목(인자)이 있는 {table}/{list-table}, 코드: :caption:이 있는 {code-block}/{literalinclude},
    연습: :nonumber:가 없는 {exercise}/{exercise-start}. 코드 셀 안과 일반 코드 울타리 안은 보지 않는다."""
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE_OPEN_RE.match(line)
        plain = PLAIN_FENCE_RE.match(line)
        if not m and not plain:
            i += 1
            continue
        fence = (m or plain).group(2)
        close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        name = m.group(3) if m else ""
        body = lines[i + 1:j]
        if name == "code-cell":
            options, _ = Converter.split_options_raw(body)
            figure = (options.get("mystnb") or {}).get("figure") if isinstance(options.get("mystnb"), dict) else None
            if isinstance(figure, dict):
                yield "figure", figure.get("name"), str(figure.get("caption") or "")
        elif name in NUMBERED_DIRECTIVES:
            kind = NUMBERED_DIRECTIVES[name]
            options, content = Converter.split_options_raw(body)
            label = options.get("name") or options.get("label")
            label = str(label) if label else None
            if kind == "code-block" and not options.get("caption"):
                pass
            elif kind == "table" and not m.group(4).strip():
                pass
            elif kind == "exercise" and "nonumber" in options:
                pass
            else:
                if kind == "figure":  # 그림의 캡션은 내용의 첫 문단
                    caption = " ".join(content[:next((k for k, ln in enumerate(content) if not ln.strip()),
                                                     len(content))]).strip()
                elif kind == "code-block":
                    caption = str(options.get("caption", ""))
                else:
                    caption = m.group(4).strip()
                yield kind, label, caption
            if name not in {"code-block", "code", "sourcecode", "literalinclude"}:
                # 안에 든 지시문(그림을 담은 연습 문제 등)도 센다
                yield from _numbered_elements(body)
        elif m and name not in {"code-cell"}:
            yield from _numbered_elements(body)
        i = j + 1


def number_targets(root: Path) -> dict[str, tuple[str, str, str]]:
    """label → (문서, 종류, 번호): :func:`numbered_elements` 가운데 label이 있는 것."""
    return {label: (doc, kind, number) for doc, elements in numbered_elements(root).items()
            for kind, label, number, _ in elements if label}


def numbered_elements(root: Path) -> dict[str, list[tuple[str, str | None, str, str]]]:
    """문서(파일 이름 줄기) → [(종류, label 또는 None, 번호, 캡션), …] 장 안의 순서대로.
    Sphinx(numfig, ``numfig_secnum_depth: 1``)와 같은 규칙:
    목차 순서로 문서를 돌며, 번호 붙은 장은 종류마다 "장.순서", 번호 없는 문서들은 종류마다 책 전체에서
    이어지는 카운터 하나를 나눠 쓴다(안내서의 그림 1, 그림 2). 이름 없는 요소도 번호를 차지한다."""
    chapter_no = toc.toc_numbers(root)
    counters: dict[tuple[str, str], int] = {}
    out: dict[str, list[tuple[str, str | None, str, str]]] = {}
    for rel in toc.toc_source_files(root):
        if not rel.endswith(".md"):
            continue
        doc = rel[:-3]
        secnum = chapter_no.get(doc, "")
        lines = (root / rel).read_text(encoding="utf-8").splitlines()
        for kind, label, caption in _numbered_elements(lines):
            key = (kind, secnum)
            counters[key] = counters.get(key, 0) + 1
            number = f"{secnum}.{counters[key]}" if secnum else str(counters[key])
            out.setdefault(Path(rel).stem, []).append((kind, label, number, caption))
    return out


# --------------------------------------------------------------------------------------
# MyST → Markdown

ADMONITION_TITLES = {
    "note": "참고", "tip": "팁", "hint": "힌트", "important": "중요", "warning": "주의",
    "caution": "주의", "attention": "주의", "danger": "위험", "error": "오류", "seealso": "함께 보기",
    "margin": "곁들여 읽기", "sidebar": "곁들여 읽기", "topic": "", "epigraph": "", "admonition": "",
}
TITLED_BY_ARGUMENT = {"admonition", "topic", "margin", "sidebar"}  # 인자가 제목(나머지는 인자가 본문 첫 줄)
DROP_DIRECTIVES = {"toctree", "tableofcontents", "bibliography", "solution-end", "exercise-end",
                   "glue:figure", "glue:math", "index", "only"}
CONTENT_ONLY_DIRECTIVES = {"glossary", "tab-set", "tab-item", "card", "grid", "grid-item", "grid-item-card",
                           "container", "div", "rubric"}  # 틀 없이 (굵은 인자와) 내용만
CODE_ROLES = {"code", "literal", "file", "samp", "command", "envvar", "py:func", "func", "py:class", "class",
              "py:mod", "mod", "py:meth", "meth", "py:obj", "obj", "py:attr", "attr"}
TEXT_ROLES = {"index", "guilabel", "menuselection", "dfn", "program"}
HTML_ROLES = {"kbd", "sub", "sup"}
FENCE_OPEN_RE = re.compile(r"^(\s*)(`{3,}|:{3,})\{([\w:.-]+)\}[ \t]*(.*)$")
PLAIN_FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
ROLE_OR_CODE_RE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`|(`+)(?:.+?)\3", re.S)
EXPLICIT_RE = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
HEADING_START_RE = re.compile(r"^ {0,3}#{1,6}\s")
MD_LINK_RE = re.compile(r"(!?\[[^\]]*\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
HTML_SRC_RE = re.compile(r"""(<img\b[^>]*?\bsrc=)(["'])([^"']+)\2""")


def _quote(lines: list[str]) -> list[str]:
    return [f"> {ln}" if ln.strip() else ">" for ln in lines]


def _punct(ch: str) -> bool:
    return bool(ch) and (unicodedata.category(ch).startswith(("P", "S")))


def bold(text: str, before: str = "", after: str = "") -> str:
    """굵은 글. CommonMark에서 ``**편향(bias)**은``은 굵게 되지 않는다: 닫는 ``**`` 앞이 문장 부호이고 뒤가
    글자(한국어 조사)이면 닫는 구분자가 아니다(여는 쪽도 거울 규칙). 그럴 때는 끝(앞)의 문장 부호를 ``**`` 밖으로
    낸다: ``**편향(bias**)은``. ``<strong>``은 쓰지 않는다: 덱의 nbconvert 7.17(embed_images)은 인라인 HTML 태그를
    하나씩 BeautifulSoup으로 다시 읽어 ``<strong></strong>편향``으로 부순다."""
    core, lead, tail = text, "", ""
    if before and not before.isspace() and not _punct(before):
        while core and _punct(core[0]):
            lead, core = lead + core[0], core[1:]
    if after and not after.isspace() and not _punct(after):
        while core and _punct(core[-1]):
            core, tail = core[:-1], core[-1] + tail
    return f"{lead}**{core}**{tail}" if core.strip() else text


class Converter:
    """한 장의 Markdown 셀 글을 보통 Markdown으로 바꾼다(셀을 장 순서대로 넣는다: 연습 문제 번호)."""

    def __init__(self, source: Path, root: Path, index: BookIndex, options: Options):
        self.source = source
        self.root = root
        self.index = index
        self.options = options
        self.exercise_no = 0
        self.exercise_by_label: dict[str, str] = {}
        self.where = ""

    def next_exercise(self, label: str | None) -> str:
        """다음 연습 문제의 이름: 번호 붙은 장이면 사이트와 같은 "연습 1.2"(본문의 {numref}와 같은 글),
        아니면 장 안의 순서 "연습 문제 2"."""
        self.exercise_no += 1
        numbers = self.index.exercise_numbers.get(self.source.stem, [])
        if len(numbers) >= self.exercise_no:
            title = f"연습 {numbers[self.exercise_no - 1]}"
        else:
            title = f"연습 문제 {self.exercise_no}"
        if label:
            self.exercise_by_label[label] = title
        return title

    def fail(self, message: str, fallback):
        """엄격하면 ConversionError, 아니면 ``fallback``을 돌려준다."""
        if self.options.strict:
            raise ConversionError(f"{self.where}: {message}" if self.where else message)
        return fallback

    # ---- 경로

    def rel_target(self, target: str) -> str:
        """chapters/ 기준 상대 경로 → notebooks/ 기준 상대 경로(장 .md는 그 장의 노트북)."""
        if not self.options.relocate_paths or re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
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
        if not self.options.relocate_paths:
            return text
        text = MD_LINK_RE.sub(lambda m: m.group(1) + self.rel_target(m.group(2)) + m.group(3), text)
        return HTML_SRC_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{self.rel_target(m.group(3))}{m.group(2)}",
                               text)

    # ---- 역할(role)

    def _doc_link(self, title: str, doc: str) -> str:
        if self.options.link_chapters and doc in self.index.notebooks and doc != self.source.stem:
            return f"[{title}]({doc}.ipynb)"
        return title

    def role(self, m: re.Match) -> str:
        name, content = m.group(1), m.group(2)
        explicit = EXPLICIT_RE.match(content)
        text, target = (explicit.group(1), explicit.group(2)) if explicit else (content, content)
        if name == "term":
            line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
            if HEADING_START_RE.match(line):
                return text
            return bold(text, m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1])
        if name == "doc":
            doc = Path(target).name
            doc = doc[:-3] if doc.endswith(".md") else doc
            if not explicit and doc not in self.index.doc_titles:
                return self.fail(f"찾을 수 없는 문서를 가리키는 {{doc}}`{content}`가 있습니다.", doc)
            return self._doc_link(text if explicit else self.index.doc_titles[doc], doc)
        if name in {"ref", "numref", "any"}:
            hit = self.index.labels.get(target)
            if hit is None:
                if explicit:
                    return text
                return self.fail(f"바꿀 수 없는 MyST 역할 {{{name}}}`{content}`가 있습니다"
                                 "(찾을 수 없는 label: 제목을 <label> 앞에 적거나 평문으로 쓰세요).", text)
            title = text if explicit else hit.title
            if name == "numref" and hit.number:
                title = numref_title(text if explicit else "", hit)
            if hit.doc == self.source.stem:
                return title
            if hit.title.startswith("연습 문제") and not explicit and name != "numref":
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
        if name in HTML_ROLES:
            return f"<{name}>{content}</{name}>"
        if name == "abbr":
            short, _, expansion = content.partition("(")
            return f'<abbr title="{expansion.rstrip(") ")}">{short.strip()}</abbr>' if expansion else content
        if name in CODE_ROLES:
            return f"`{text.lstrip('~')}`"
        if name == "emphasis":
            return f"*{content}*"
        if name == "strong":
            return bold(content, m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1])
        if name == "download":
            return f"[{text}]({self.rel_target(target)})"
        if name in TEXT_ROLES:
            return text
        return self.fail(f"바꿀 수 없는 MyST 역할 {{{name}}}`{content}`가 있습니다.", text)

    def inline(self, text: str) -> str:
        """역할을 바꾸되 코드 스팬(`…`) 안은 그대로 둔다(왼쪽부터 먼저 맞는 쪽이 이긴다)."""
        text = self.fix_links(text)  # 먼저: 역할이 만든 링크(NN_x.ipynb)는 이미 notebooks/ 기준이다
        return ROLE_OR_CODE_RE.sub(lambda m: self.role(m) if m.group(1) else m.group(0), text)

    # ---- 지시문(directive)

    @staticmethod
    def split_options(body: list[str]) -> tuple[dict[str, str], list[str]]:
        options, content = Converter.split_options_raw(body)
        return {str(k): str(v) for k, v in options.items()}, content

    @staticmethod
    def split_options_raw(body: list[str]) -> tuple[dict, list[str]]:
        """지시문의 옵션(YAML 머리 또는 :key: 줄)과 내용. YAML 값은 읽은 구조 그대로(코드 셀의 mystnb: …)."""
        options: dict = {}
        i = 0
        if body and body[0].strip() == "---":
            end = next((j for j in range(1, len(body)) if body[j].strip() == "---"), None)
            if end is not None:
                loaded = yaml.safe_load("\n".join(body[1:end])) or {}
                options = {str(k): v for k, v in loaded.items()} if isinstance(loaded, dict) else {}
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
            return self.fail(f"{{literalinclude}}의 소스 파일 {rel}이 없습니다.",
                             [f"*(소스 파일 `{rel}`을 찾을 수 없습니다.)*"])
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        what = f"`{rel}`"
        if "pyobject" in options:
            obj = options["pyobject"]
            node = _find_pyobject(ast.parse(text), obj.split("."))
            if node is None:
                return self.fail(f"{{literalinclude}}: {rel}에 {obj}가 없습니다.",
                                 [f"*(`{rel}`에서 `{obj}`을 찾을 수 없습니다.)*"])
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            lines = lines[start - 1:node.end_lineno]
            what = f"`{rel}`의 `{obj}`"
        # Sphinx의 literalinclude와 같은 뜻: start-at/end-at은 그 줄을 넣고, start-after/end-before는 뺀다
        for key, keep_line in (("start-at", True), ("start-after", False)):
            if key in options:
                idx = next((i for i, ln in enumerate(lines) if options[key] in ln), None)
                if idx is None:
                    return self.fail(f"{{literalinclude}}: {rel}에 {key} 줄 {options[key]!r}가 없습니다.",
                                     [f"*(`{rel}`에서 `{options[key]}` 줄을 찾을 수 없습니다.)*"])
                lines = lines[idx if keep_line else idx + 1:]
        for key, keep_line in (("end-at", True), ("end-before", False)):
            if key in options:
                idx = next((i for i, ln in enumerate(lines) if options[key] in ln), None)
                if idx is None:
                    return self.fail(f"{{literalinclude}}: {rel}에 {key} 줄 {options[key]!r}가 없습니다.",
                                     [f"*(`{rel}`에서 `{options[key]}` 줄을 찾을 수 없습니다.)*"])
                lines = lines[:idx + 1 if keep_line else idx]
        if "lines" in options:
            keep: list[str] = []
            for part in options["lines"].split(","):
                a, dash, b = part.strip().partition("-")
                lo = int(a) if a else 1
                hi = int(b) if b else (lo if not dash else len(lines))
                keep.extend(lines[lo - 1:hi])
            lines = keep
        if "dedent" in options:
            n = options["dedent"]
            if n.strip().isdigit():
                lines = [ln[int(n):] for ln in lines]
            else:
                lines = textwrap.dedent("\n".join(lines)).splitlines()
        lang = options.get("language", "python" if path.suffix == ".py" else "")
        caption = options.get("caption", "")
        head = f"**{caption}** " if caption else ""
        return [f"{head}(dlkit 소스 {what})" if rel.startswith("dlkit/") else f"{head}({what})", "",
                f"```{lang}", *lines, "```"]

    def directive(self, name: str, arg: str, body: list[str]) -> list[str]:
        if name in DROP_DIRECTIVES:
            return []
        options, content = self.split_options(body)
        arg = arg.strip()
        if name == "literalinclude":
            return self.literalinclude(arg, options)
        if name == "math":
            return ["$$", *content, "$$"]
        if name in {"code-block", "code", "sourcecode"}:
            return [f"```{arg}", *content, "```"]
        if name == "mermaid":
            return ["```", *content, "```"]
        if name == "raw":
            return content if arg == "html" else []
        inner = self.convert_lines(content)
        arg = self.inline(arg)
        if name in {"exercise", "exercise-start"}:
            name_ = self.next_exercise(options.get("label"))
            title = name_ + (f": {arg}" if arg else "")
            return [f"### {title}", "", *inner]
        if name in {"solution-start", "solution"}:
            no = self.exercise_by_label.get(arg.strip())
            title = f"풀이 ({no})" if no else "풀이"
            return [f"#### {title}", "", *inner]
        if name in ADMONITION_TITLES:
            if name in TITLED_BY_ARGUMENT:
                title = arg or ADMONITION_TITLES[name]
            else:  # {note} 등의 인자는 docutils에서 제목이 아니라 본문 첫 문단이다
                title = ADMONITION_TITLES[name]
                inner = [arg, "", *inner] if arg else inner
            return _quote(([f"**{title}**", ""] if title else []) + inner)
        if name == "dropdown":
            return ["<details>", f"<summary>{arg or '펼쳐 보기'}</summary>", "", *inner, "", "</details>"]
        if name in {"figure", "image"}:
            alt = options.get("alt", "") or (" ".join(content).strip() if name == "figure" else "")
            alt = re.sub(r"[\[\]]", "", self.inline(alt))
            out = [f"![{alt}]({self.rel_target(arg)})"]
            if name == "figure" and inner:
                out += ["", *[f"*{ln}*" if ln.strip() else ln for ln in inner]]
            return out
        if name not in CONTENT_ONLY_DIRECTIVES:
            self.fail(f"바꿀 수 없는 MyST 지시어 {{{name}}}가 있습니다.", None)
        return ([f"**{arg}**", ""] if arg else []) + inner

    # ---- 본문

    def convert_lines(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        para: list[str] = []

        def flush():
            if para:
                out.extend(self.inline("\n".join(para)).split("\n"))
                para.clear()

        def closing(fence: str, start: int) -> int:
            close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            j = start
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            return j

        i = 0
        in_math = False
        while i < len(lines):
            line = lines[i]
            m = FENCE_OPEN_RE.match(line)
            if m and not in_math:
                flush()
                j = closing(m.group(2), i + 1)
                if j == len(lines):
                    self.fail(f"{{{m.group(3)}}} 지시어가 닫히지 않았습니다.", None)
                out.extend(self.directive(m.group(3), m.group(4), lines[i + 1:j]))
                i = j + 1
                continue
            p = PLAIN_FENCE_RE.match(line)
            if p and not in_math:
                flush()
                j = closing(p.group(2), i + 1)
                out.extend(lines[i:j + 1])
                i = j + 1
                continue
            if LABEL_RE.match(line) or (line.startswith("%") and not in_math):
                i += 1  # MyST의 label 대상과 주석(% DEMO …)은 독자에게 필요 없다
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

    def convert(self, text: str, where: str = "") -> str:
        """셀 글 하나를 바꾼다. ``where``(장, 셀, 소스 줄)는 엄격한 변환의 오류 메시지 앞머리."""
        self.where = where
        lines = self.convert_lines(text.split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")  # 빈 줄이 셋 이상 이어지지 않게

    def skip(self, text: str) -> None:
        """내보내지 않는 셀(덱의 책 전용 셀)도 장 순서대로 넣어 연습 문제 번호를 맞춘다(글은 바꾸지 않는다)."""
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if EXERCISE_RE.match(line):
                self.next_exercise(next((lm.group(1) for opt in lines[i + 1:i + 8]
                                         if (lm := OPTION_LABEL_RE.match(opt))), None))


def numref_title(template: str, target: Target) -> str:
    """Sphinx의 {numref} 글: 틀(명시한 제목, 없으면 NUMFIG_FORMAT)의 %s 또는 {number}에 번호, {name}에 캡션."""
    # 사이트가 쓰는 틀 그대로(책의 Sphinx 확장). 함수 안에서 import: booktools.sphinxext를 읽으면
    # booktools.notebooks도 읽히므로(노트북 실행 버튼), 모듈 첫머리에서 읽으면 순환 import가 된다.
    from booktools.sphinxext.korean_labels import NUMFIG_FORMAT

    template = template or NUMFIG_FORMAT.get(target.kind, "%s")
    if "{number}" in template or "{name}" in template:
        return template.replace("{number}", target.number).replace("{name}", strip_inline(target.caption))
    return template.replace("%s", target.number)


def _find_pyobject(tree: ast.AST, parts: list[str]):
    for node in getattr(tree, "body", []):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == parts[0]:
            return node if len(parts) == 1 else _find_pyobject(node, parts[1:])
    return None
