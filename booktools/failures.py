"""실패 요약: 빌드가 실패하면 실패마다 한국어 한두 줄(파일, 셀 또는 줄, 무슨 일, 고칠 것)을 먼저 보인다.

Sphinx와 커널의 영어 메시지는 길고, 정작 어느 파일의 몇 번째 줄을 어떻게 고칠지는 그 안에 묻혀 있다.
이 모듈은 실패 한 건을 :class:`Summary` 하나로 바꾼다.

- 장 실행(:mod:`booktools.execute`)의 :class:`~booktools.execute.Failure`: 셀 오류(예외 이름별 안내),
  제한 시간(_config.yml의 execute.timeout), 죽은 커널 → :func:`from_cell_failure`.
- Sphinx 단계(-W: 경고도 실패)가 stderr에 쓴 ``경로:줄: WARNING: 메시지 [종류]`` 줄들 → :func:`from_sphinx_log`.

:func:`report`가 ``빌드 실패 요약 (N건)`` 묶음을 영어 원문보다 먼저 찍고, 원문은 그 아래와
``_build/failure-detail.txt``에 남긴다. :func:`held_stderr`는 Sphinx가 도는 동안 stderr를 붙잡아 두어
요약이 원문보다 위에 오게 한다.
"""
from __future__ import annotations

import contextlib
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from booktools.execute import ANSI, CELL_TIMEOUT, KERNEL_DIED, Failure

DETAIL_FILE = "failure-detail.txt"  # _build/ 아래: 이번 실패의 영어 원문 전체
SHOWN = 20  # 요약을 이만큼만 찍는다(나머지는 건수만: 원문 파일에 모두 있다)


@dataclass(frozen=True)
class Summary:
    """실패 한 건의 한국어 요약.

    ``headline``은 한 줄: 셀이면 "파일: 셀 #3(소스 25번째 줄: '…')에서 무슨 일", 줄이면
    "파일:줄: 무슨 일"(편집기가 그 줄로 여는 꼴). ``fix``는 고칠 것 한 줄, ``detail``은 영어 원문."""
    file: str           # 책 뿌리 기준 경로(모르면 "")
    line: int | None    # 소스 줄(1부터; 모르면 None)
    cell: int | None    # 노트북 셀 번호(장 실행 실패일 때: 그때 what이 셀과 그 줄을 말한다)
    what: str           # 무슨 일이 있었는지(파일 이름 없이)
    fix: str
    detail: str = ""

    @property
    def headline(self) -> str:
        if not self.file:
            return self.what
        if self.cell is None and self.line is not None:
            return f"{self.file}:{self.line}: {self.what}"
        return f"{self.file}: {self.what}"


# ── 장 실행 실패 ──────────────────────────────────────────────────────────

def cell_place(failure: Failure) -> str:
    """"셀 #3(소스 25번째 줄: 'print(x)')"처럼 실패한 셀을 가리키는 말."""
    if failure.cell is None:
        return "어느 셀인지 모르는 곳"
    where = f"셀 #{failure.cell}"
    if failure.line is not None:
        where += f"(소스 {failure.line}번째 줄: {failure.first_line!r})"
    return where


# (예외 이름, evalue에 맞출 정규식, 무슨 일, 고칠 것). 위에서부터 처음 맞는 것. {0}, {1}은 정규식의 묶음.
CELL_ERRORS: list[tuple[str, str, str, str]] = [
    ("NameError", r"name '(.+?)' is not defined",
     "이름이 정의되지 않았습니다: {0}",
     "앞 셀을 먼저 실행했는지(이 이름을 만드는 셀이 이 셀보다 위에 있는지), 철자를 확인하세요."),
    ("ModuleNotFoundError", r"No module named '(dlkit)(?:\..*)?'",
     "dlkit을 찾지 못했습니다: {0}",
     "저장소 뿌리에서 빌드했는지, .venv에 dlkit이 설치되었는지(`make book`이 `pip install -e .`을 합니다) 확인하세요."),
    ("ModuleNotFoundError", r"No module named '([^'.]+).*'",
     "설치되지 않은 모듈입니다: {0}",
     "모듈 이름의 철자를 확인하고, 새 패키지면 requirements.txt에 정확한 버전(==)으로 더한 뒤 `make book`으로 "
     "다시 설치하세요(Binder·Colab용이면 binder/requirements.txt에도)."),
    ("ImportError", r"cannot import name '(.+?)' from '(.+?)'(?: \(.*\))?",  # 끝의 (경로)는 있을 때도 없을 때도
     "{1}에 없는 이름을 가져오려 했습니다: {0}",
     "이름의 철자를 확인하세요. dlkit이면 dlkit/__init__.py가 그 이름을 내보내는지(__all__) 확인하세요."),
    ("AttributeError", r"module '(.+?)' has no attribute '(.+?)'",
     "모듈 {0}에 없는 이름입니다: {1}",
     "이름의 철자를 확인하세요. dlkit이면 dlkit/__init__.py가 그 이름을 내보내는지(__all__) 확인하세요."),
    ("AttributeError", r"'(.+?)' object has no attribute '(.+?)'",
     "{0} 객체에 없는 속성입니다: {1}",
     "속성 이름의 철자와, 그 변수에 생각한 종류의 값이 들어 있는지 확인하세요."),
    ("IndentationError", r"(.*)",
     "들여쓰기가 잘못되었습니다: {0}",
     "그 셀의 들여쓰기(공백 4칸, 탭과 섞지 않기)와 if·for·def 줄 아래 내용이 있는지 확인하세요."),
    ("SyntaxError", r"(.*)",
     "파이썬 문법 오류입니다: {0}",
     "그 셀의 괄호·따옴표 짝, 줄 끝의 콜론(:)을 확인하세요."),
    ("FileNotFoundError", r".*No such file or directory: '(.+?)'",
     "파일이 없습니다: {0}",
     "경로는 장 파일이 있는 폴더(chapters/) 기준입니다. 파일이 저장소에 있는지, 이름의 철자를 확인하세요."),
    ("AssertionError", r"(.*)",
     "셀 안의 검사(assert)가 실패했습니다: {0}",
     "장이 스스로 확인하는 값이 달라졌습니다. 그 셀이나 dlkit을 바꾸었다면 어느 쪽이 맞는지 보고 고치세요."),
    ("InputValueError", r"(.*)",
     "dlkit이 잘못된 입력을 알렸습니다: {0}",
     "메시지가 가리키는 인자를 고치세요."),
    ("InputTypeError", r"(.*)",
     "dlkit이 잘못된 입력을 알렸습니다: {0}",
     "메시지가 가리키는 인자를 고치세요."),
]
CELL_ERROR_FALLBACK = ("{ename} 오류가 났습니다: {evalue}",
                       "아래 원문 트레이스백의 마지막 줄(---->가 가리키는 줄)을 보고 그 셀을 고친 뒤 다시 빌드하세요.")


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def from_cell_failure(failure: Failure) -> Summary:
    """장 실행 단계의 실패 하나 → 요약. ``failure.chapter``는 책 뿌리 기준 경로여야 한다."""
    place = cell_place(failure)
    if failure.kind == CELL_TIMEOUT:
        what = (f"{place}이 제한 시간 {failure.timeout}초(_config.yml의 execute.timeout) 안에 "
                "끝나지 않았습니다.")
        fix = ("끝나지 않는 반복이나 입력을 기다리는 코드(input() 등)가 없는지 그 셀을 고치고, 정말 오래 걸리는 "
               "셀이면 _config.yml의 execute.timeout을 늘리세요.")
    elif failure.kind == KERNEL_DIED:
        what = f"{place}을 실행하는 동안 커널(셀을 실행하는 파이썬 프로세스)이 죽었습니다."
        fix = ("그 셀이 메모리를 너무 많이 쓰지 않는지(큰 배열), os._exit() 같은 프로세스를 끝내는 코드가 없는지 "
               "확인하세요.")
    else:
        ename, evalue = failure.ename, _one_line(failure.evalue)
        what_t, fix = CELL_ERROR_FALLBACK
        what = what_t.format(ename=ename, evalue=evalue)
        for name, pattern, what_t, fix_t in CELL_ERRORS:
            match = re.fullmatch(pattern, evalue) if name == ename else None
            if match:
                what, fix = what_t.format(*match.groups()), fix_t
                break
        what = f"{place}에서 {what}"
    return Summary(failure.chapter, failure.line, failure.cell, what, fix, failure.detail)


# ── Sphinx 경고(-W) ───────────────────────────────────────────────────────

# `경로:줄: WARNING: 메시지 [종류]`, `경로: WARNING: …`(줄 없음), `경로:: WARNING: …`(빈 줄 번호), `WARNING: …`
WARNING_LINE = re.compile(
    r"^(?:(?P<loc>\S.*?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*?)"
    r"(?: \[(?P<type>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?)\])?$")


@dataclass(frozen=True)
class SphinxWarning:
    """Sphinx가 stderr에 쓴 경고 한 건(이어지는 줄까지)."""
    path: str           # 쓰인 그대로(대개 절대 경로, 없으면 "")
    line: int | None
    level: str
    message: str        # 첫 줄의 메시지([종류] 제외)
    type: str           # 예: "myst.xref_missing"(Sphinx 7.4 자신의 경고에는 없다: "")
    text: str           # 원문 전체(이어지는 줄 포함)


def parse_sphinx_log(text: str) -> list[SphinxWarning]:
    """Sphinx가 stderr에 쓴 글에서 경고를 찾는다. 경고 아래에 이어지는 줄(트레이스백 등)은 그 경고에 붙인다."""
    found: list[list] = []
    for raw in ANSI.sub("", text).splitlines():
        match = WARNING_LINE.match(raw)
        if match:
            path, line = "", None
            loc = match["loc"] or ""
            if loc:
                head, sep, tail = loc.rpartition(":")
                if sep and (tail.isdigit() or tail == ""):
                    path, line = head, int(tail) if tail else None
                else:
                    path = loc
            found.append([path, line, match["level"], match["message"], match["type"] or "", [raw]])
        elif found and raw.strip() and not raw.startswith("[build]"):
            found[-1][5].append(raw)
    return [SphinxWarning(p, ln, lv, m, t, "\n".join(lines)) for p, ln, lv, m, t, lines in found]


# (메시지에 맞출 정규식, 무슨 일, 고칠 것). 위에서부터 처음 맞는 것. {0}, {1} …은 정규식의 묶음.
SPHINX_WARNINGS: list[tuple[str, str, str]] = [
    (r"undefined label: '(.+?)'",
     "{{ref}}/{{numref}}가 가리키는 라벨이 책에 없습니다: {0}",
     "라벨 철자를 확인하거나, 가리킬 제목 바로 위에 ({0})= 줄을 두세요(그림·표는 :name: {0})."),
    (r"unknown document: '(.+?)'",
     "{{doc}}가 가리키는 문서가 없습니다: {0}",
     "이 장 파일 기준 경로(확장자 없이, 예: 02_bias)인지, 그 파일이 있고 _toc.yml에 있는지 확인하세요."),
    (r"term not in glossary: '(.+?)'",
     "{{term}}이 가리키는 용어가 용어집에 없습니다: {0}",
     "용어집(chapters/glossary.md의 {{glossary}} 블록)의 항목과 철자를 맞추거나, 그 용어를 용어집에 더하세요."),
    (r"image file not readable: (.+)",
     "그림 파일을 읽을 수 없습니다: {0}",
     "그 경로에 파일이 있는지, 이름(대소문자, 확장자)과 장 파일 기준 상대 경로가 맞는지 확인하세요."),
    (r"Unknown directive type: '(.+?)'",
     "알 수 없는 지시문입니다: {{{0}}}",
     "지시문 이름의 철자를 확인하세요(예: {{note}}, {{figure}}, {{code-cell}}). 확장이 주는 지시문이면 "
     "_config.yml의 sphinx.extra_extensions에 그 확장이 있어야 합니다."),
    (r'Unknown interpreted text role "(.+?)"\.?',
     "알 수 없는 역할(role)입니다: {{{0}}}",
     "역할 이름의 철자를 확인하세요(예: {{ref}}, {{doc}}, {{term}}, {{math}})."),
    (r"'(.+?)': Unknown option keys: \[(.+?)\] \(allowed: \[(.+)\]\)",
     "{{{0}}} 지시문에 없는 옵션입니다: {1}",
     "옵션 이름을 고치거나 지우세요. 쓸 수 있는 옵션: {2}"),
    (r"duplicate label of equation (.+?), other instance in (.+)",
     "수식 라벨이 두 곳에 있습니다: {0} (다른 곳: {1})",
     "둘 중 한 수식의 라벨을 바꾸고, 그 라벨을 가리키던 {{eq}} 참조도 함께 고치세요."),
    (r"duplicate label (.+?), other instance in (.+)",
     "라벨이 두 곳에 있습니다: {0} (다른 곳: {1})",
     "둘 중 한 라벨의 이름을 바꾸고, 그 라벨을 가리키던 참조도 함께 고치세요."),
    (r"duplicate term description of (.+?), other instance in (.+)",
     "용어집에 같은 용어가 두 번 있습니다: {0} (다른 곳: {1})",
     "둘 중 하나를 지우거나 합치세요."),
    (r"'myst' cross-reference target not found: '(.+?)'",
     "링크 [글](…)이 가리키는 문서나 라벨이 없습니다: {0}",
     "문서면 이 장 파일 기준 상대 경로(예: 02_bias.md)가 맞는지, 라벨이면 가리킬 제목 바로 위에 (라벨)= 줄이 "
     "있는지 확인하세요."),
    (r"Substitution error:UndefinedError: '(.+?)' is undefined",
     "정의되지 않은 치환(substitution)입니다: {{{{ {0} }}}}",
     "치환 이름의 철자를 확인하거나, 장의 앞머리나 _config.yml의 parse.myst_substitutions에 그 이름의 값을 정의하세요."),
    (r"equation not found: (.+)",
     "{{eq}}가 가리키는 수식 라벨이 없습니다: {0}",
     "수식 블록에 라벨을 달았는지 확인하세요($$ … $$ ({0}) 또는 {{math}} 지시문의 :label: {0})."),
    (r"(\w+:\w+) reference target not found: (.+)",
     "{0} 참조가 가리키는 대상이 없습니다: {1}",
     "이름(모듈 경로 포함, 예: dlkit.relu)의 철자를 확인하세요. 이 책은 nitpicky라 찾지 못한 참조도 실패입니다."),
    (r"Non-consecutive header level increase; H(\d) to H(\d)",
     "제목 단계를 건너뛰었습니다: H{0} 다음에 H{1}",
     "제목의 # 개수를 한 단계씩만 늘리세요(예: ## 다음은 ###)."),
    (r"stderr was found in the cell outputs of cell (\d+)",
     "셀 #{0}의 출력에 stderr(경고·오류 메시지)가 있습니다.",
     "셀이 경고를 내지 않게 고치세요. 'Glyph … missing from font'(한글 글꼴 없음)이면 그 장의 앞 셀에서 "
     "dk.use_korean_font()를 부르세요."),
    (r"document isn't included in any toctree",
     "목차(_toc.yml)에 없는 문서입니다.",
     "_toc.yml에 '- file: 경로' 줄을 더하거나, 책에 넣지 않을 파일이면 _config.yml의 exclude_patterns에 더하세요."),
    (r"toctree contains reference to nonexisting document '(.+?)'",
     "목차가 없는 문서를 가리킵니다: {0}",
     "_toc.yml의 그 줄을 고치거나 그 파일을 만드세요."),
    (r"Executing notebook failed: (.+)",
     "Sphinx가 이 장을 실행하다 실패했습니다({0}).",
     "아래 원문의 트레이스백이 가리키는 셀을 고친 뒤 다시 빌드하세요."),
    (r"Pygments lexer name '(.+?)' is not known",
     "코드 블록의 언어 이름을 모릅니다: {0}",
     "```python처럼 알려진 언어 이름을 쓰거나, 색칠하지 않을 글이면 ```text로 바꾸세요."),
    (r"Lexing literal_block .* resulted in an error at token: (.+?)\. Retrying in relaxed mode\.",
     "코드 블록을 그 언어로 색칠하지 못했습니다(문법이 맞지 않는 곳: {0}).",
     "코드 블록의 언어 표시가 내용과 맞는지 확인하세요(파이썬이 아니면 ```text)."),
]
SPHINX_FALLBACK = ("Sphinx 경고(영어 원문): {message}",
                   "이 줄을 고치세요. 이 책은 경고도 실패로 봅니다(-W).")


def relative(path: str, root: Path) -> str:
    """경고의 경로를 책 뿌리 기준으로(뿌리 밖이면 그대로)."""
    if not path:
        return ""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path


def from_sphinx_warning(warning: SphinxWarning, root: Path) -> Summary:
    """Sphinx 경고 하나 → 요약(흔한 경고는 한국어로, 나머지는 영어 메시지를 그대로 파일·줄과 함께)."""
    what_t, fix = SPHINX_FALLBACK
    what = what_t.format(message=_one_line(warning.message))
    for pattern, what_t, fix_t in SPHINX_WARNINGS:
        match = re.fullmatch(pattern, warning.message)
        if match:
            groups = [relative(g, root) if g.startswith("/") else g for g in match.groups()]
            what, fix = what_t.format(*groups), fix_t.format(*groups)
            break
    return Summary(relative(warning.path, root), warning.line, None, what, fix, warning.text)


def from_sphinx_log(text: str, root: Path) -> list[Summary]:
    """Sphinx 단계의 stderr 전체 → 경고마다 요약(파일, 줄 순서). 경고가 없는데 실패했으면(예외로 멈춤) 한 건으로."""
    summaries = sorted((from_sphinx_warning(w, root) for w in parse_sphinx_log(text)),
                       key=lambda s: (s.file, s.line or 0))
    if summaries:
        return summaries
    lines = [ln for ln in ANSI.sub("", text).splitlines() if ln.strip()]
    # Sphinx의 handle_exception: 트레이스백 끝의 "예외: 메시지" 줄(그 뒤에는 로그 파일 안내가 온다), 또는
    # SphinxError면 "Extension error:" 같은 분류 줄 다음 줄이 메시지다.
    last = next((ln for ln in reversed(lines) if re.match(r"^[\w.]+(Error|Exception)\b", ln)), "")
    if not last:
        last = next((f"{ln} {nxt}" for ln, nxt in zip(lines, lines[1:]) if re.fullmatch(r"[\w ]+ error:", ln)), "")
    what = f"Sphinx가 예외로 멈췄습니다: {_one_line(last)}" if last else "Sphinx가 실패했습니다(경고 줄 없음)."
    return [Summary("", None, None, what, "아래 영어 원문의 마지막 트레이스백이 가리키는 파일을 고치세요.",
                    "\n".join(lines))]


# ── 출력 ────────────────────────────────────────────────────────────────

def format_block(summaries: list[Summary]) -> str:
    """``[build] 빌드 실패 요약 (N건)``과 건마다 두 줄(파일: 무슨 일 / 고칠 것)."""
    out = [f"[build] 빌드 실패 요약 ({len(summaries)}건)"]
    for number, summary in enumerate(summaries[:SHOWN], 1):
        out.append(f"  {number}. {summary.headline}")
        out.append(f"     고칠 것: {summary.fix}")
    if len(summaries) > SHOWN:
        out.append(f"  … 그 밖에 {len(summaries) - SHOWN}건(아래 원문에 모두 있습니다)")
    return "\n".join(out)


def report(summaries: list[Summary], build_dir: Path, raw: str, *, closing: str) -> None:
    """요약 묶음 → 영어 원문(``raw``, 그대로) → 마지막 한 줄(``closing``)을 stderr에 찍고, 원문을
    ``build_dir/failure-detail.txt``에 남긴다. 요약이 원문보다 먼저다."""
    build_dir.mkdir(parents=True, exist_ok=True)
    detail_path = build_dir / DETAIL_FILE
    detail_path.write_text(ANSI.sub("", raw).rstrip() + "\n", encoding="utf-8")
    sys.stdout.flush()  # 앞선 단계의 stdout 줄이 요약 뒤로 밀리지 않게(둘을 한 파이프로 받을 때)
    where = f"{build_dir.name}/{DETAIL_FILE}"  # 책 뿌리에서 본 경로(_build/failure-detail.txt)
    print(format_block(summaries), file=sys.stderr)
    print(f"[build] 아래는 영어 원문입니다({where}에도 있습니다).", file=sys.stderr)
    print(raw.rstrip(), file=sys.stderr)
    print(f"[build] 실패: {closing}", file=sys.stderr, flush=True)


def clear(build_dir: Path) -> None:
    """성공한 빌드: 지난 실패의 원문 파일을 지운다."""
    (build_dir / DETAIL_FILE).unlink(missing_ok=True)


class _Held(io.TextIOBase):
    """쓰인 글을 모아 두는 stderr 대신(색을 쓸지 정하는 isatty는 원래 stderr를 따른다)."""

    def __init__(self, original) -> None:
        self.original = original
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def fileno(self) -> int:  # 파일 기술자로 직접 쓰는 것(하위 프로세스 등)은 붙잡지 못한다
        return self.original.fileno()

    def isatty(self) -> bool:
        return bool(getattr(self.original, "isatty", lambda: False)())

    @property
    def encoding(self) -> str:
        return getattr(self.original, "encoding", "utf-8")

    def getvalue(self) -> str:
        return "".join(self.parts)


@contextlib.contextmanager
def held_stderr() -> Iterator[_Held]:
    """블록 안에서 stderr에 쓰인 것을 찍지 않고 모은다. 블록이 예외로 끝나면(Ctrl-C 등) 모은 것을
    그대로 stderr에 돌려 쓴다. 정상으로 끝나면 무엇을 찍을지는 부른 쪽이 정한다(``held.getvalue()``)."""
    original = sys.stderr
    held = _Held(original)
    sys.stderr = held
    try:
        yield held
    except BaseException:
        sys.stderr = original
        original.write(held.getvalue())
        original.flush()
        raise
    finally:
        sys.stderr = original
