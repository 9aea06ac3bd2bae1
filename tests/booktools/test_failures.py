"""booktools.failures(이슈 15의 10): 실패마다 한국어 요약(파일, 셀 또는 줄, 고칠 것)이 영어 원문보다 먼저.

- Sphinx 경고 표본(``SPHINX_STDERR``)은 이 책의 복사본을 실제로 망가뜨려 빌드했을 때 Sphinx 7.4.7,
  myst-parser 3.0.1, myst-nb 1.4.0이 stderr에 쓴 줄 그대로다(색 코드 포함; 책 뿌리만 ``{root}``로 바꿨다).
- 셀 실패(예외, 제한 시간, 죽은 커널)는 작은 장을 빌드와 같은 실행 단계(:func:`booktools.execute.execute_pending`)로
  실제 커널에서 돌려 만든다.
- ``build`` 표시 테스트는 빌드된 책의 복사본을 망가뜨려 빌드하고, 찍힌 순서 그대로의 출력에서 요약이 첫 영어
  원문 줄보다 먼저 나오는지, 파일과 셀·줄을 밝히는지 본다. 성공한 빌드는 요약을 찍지 않는다(음성 대조).
"""
from __future__ import annotations

import dataclasses
import io
import re
import sys
import types
from pathlib import Path

import pytest

from booktools import failures
from booktools.chapters import NOTEBOOK_HEADER
from booktools.execute import CELL_ERROR, CELL_TIMEOUT, KERNEL_DIED, Failure, execute_pending
from helpers import HANGUL, run_build

SUMMARY_HEAD = re.compile(r"^\[build\] 빌드 실패 요약 \((\d+)건\)$", re.M)
# 영어 원문이 시작되는 줄: Sphinx 경고, nbclient의 셀 오류 원문, 파이썬 트레이스백
RAW_ENGLISH = re.compile(r"^\S.*?: (WARNING|ERROR|CRITICAL): |^An error occurred while executing|"
                         r"Traceback \(most recent call last\)", re.M)

# 망가뜨린 복사본의 실제 stderr(03_activations·04_optim·glossary·01_linear_regression에 고장을 넣은 빌드들)
SPHINX_STDERR = "\n".join([
    "\x1b[91m{root}/chapters/03_activations.md:818: WARNING: Unknown directive type: 'foo' [myst.directive_unknown]\x1b[39;49;00m",
    '\x1b[91m{root}/chapters/03_activations.md:822: WARNING: Unknown interpreted text role "barrole". [myst.role_unknown]\x1b[39;49;00m',
    "\x1b[91m{root}/chapters/03_activations.md:829: WARNING: 'figure': Unknown option keys: ['foo'] (allowed: ['align', 'alt', 'class', 'figclass', 'figwidth', 'height', 'loading', 'name', 'scale', 'target', 'width']) [myst.directive_option]\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:837: WARNING: Non-consecutive header level increase; H2 to H4 [myst.header]\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:825: WARNING: duplicate label ch-intro, other instance in {root}/chapters/00_intro.md\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:816: WARNING: image file not readable: chapters/images/none.png\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:827: WARNING: 'myst' cross-reference target not found: 'nowhere-target' [myst.xref_missing]\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:810: WARNING: undefined label: '없는-라벨'\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:812: WARNING: unknown document: '없는문서'\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:814: WARNING: term not in glossary: '없는용어'\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/03_activations.md:835: WARNING: py:func reference target not found: dlkit.nope_function\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/04_optim.md:831: WARNING: stderr was found in the cell outputs of cell 69 [mystnb.stderr]\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/glossary.md:: WARNING: duplicate term description of 에포크, other instance in chapters/glossary\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/04_optim.md:820: WARNING: undefined label: '없는-그림'\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/04_optim.md:822: WARNING: equation not found: 없는-식\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/01_linear_regression.md:1152: WARNING: Substitution error:UndefinedError: '없는치환' is undefined [myst.substitution]\x1b[39;49;00m",
    "\x1b[91m{root}/chapters/01_linear_regression.md:1161: WARNING: duplicate label of equation 같은식, other instance in chapters/01_linear_regression\x1b[39;49;00m",
    '\x1b[91m{root}/chapters/01_linear_regression.md:: CRITICAL: Duplicate ID: "equation".\x1b[39;49;00m',
    "\x1b[91m{root}/chapters/01_linear_regression.md:1154: WARNING: 'myst' cross-reference target not found: '없는장.md' [myst.xref_missing]\x1b[39;49;00m",
])

# (파일:줄, 요약에 있어야 할 한국어, 요약에 있어야 할 이름): 표본의 줄마다
EXPECTED = [
    ("chapters/03_activations.md:818", "알 수 없는 지시문", "{foo}"),
    ("chapters/03_activations.md:822", "알 수 없는 역할", "{barrole}"),
    ("chapters/03_activations.md:829", "없는 옵션", "'foo'"),
    ("chapters/03_activations.md:837", "제목 단계를 건너뛰었습니다", "H2 다음에 H4"),
    ("chapters/03_activations.md:825", "라벨이 두 곳에", "chapters/00_intro.md"),
    ("chapters/03_activations.md:816", "그림 파일을 읽을 수 없습니다", "chapters/images/none.png"),
    ("chapters/03_activations.md:827", "가리키는 문서나 라벨이 없습니다", "nowhere-target"),
    ("chapters/03_activations.md:810", "가리키는 라벨이 책에 없습니다", "없는-라벨"),
    ("chapters/03_activations.md:812", "가리키는 문서가 없습니다", "없는문서"),
    ("chapters/03_activations.md:814", "용어집에 없습니다", "없는용어"),
    ("chapters/03_activations.md:835", "참조가 가리키는 대상이 없습니다", "dlkit.nope_function"),
    ("chapters/04_optim.md:831", "stderr", "셀 #69"),
    ("chapters/glossary.md", "같은 용어가 두 번", "에포크"),
    ("chapters/04_optim.md:820", "가리키는 라벨이 책에 없습니다", "없는-그림"),
    ("chapters/04_optim.md:822", "수식 라벨이 없습니다", "없는-식"),
    ("chapters/01_linear_regression.md:1152", "정의되지 않은 치환", "없는치환"),
    ("chapters/01_linear_regression.md:1161", "수식 라벨이 두 곳에", "같은식"),
    ("chapters/01_linear_regression.md", "Sphinx 경고(영어 원문)", 'Duplicate ID: "equation".'),
    ("chapters/01_linear_regression.md:1154", "가리키는 문서나 라벨이 없습니다", "없는장.md"),
]
FALLBACK = failures.SPHINX_FALLBACK[0].split("{")[0]  # 표에 없는 경고의 틀: "Sphinx 경고(영어 원문): "


def sample(root: Path) -> str:
    return SPHINX_STDERR.replace("{root}", str(root))


# ── Sphinx 경고 ───────────────────────────────────────────────────────────

def test_parse_reads_file_line_level_and_type_of_every_real_warning(tmp_path):
    warnings = failures.parse_sphinx_log(sample(tmp_path))
    assert len(warnings) == len(SPHINX_STDERR.splitlines())
    first = warnings[0]
    assert (first.path, first.line, first.level, first.type) == (
        f"{tmp_path}/chapters/03_activations.md", 818, "WARNING", "myst.directive_unknown")
    assert first.message == "Unknown directive type: 'foo'"  # 색 코드와 [종류]는 빠진다
    glossary = warnings[12]
    assert (glossary.path, glossary.line, glossary.type) == (f"{tmp_path}/chapters/glossary.md", None, "")
    assert warnings[17].level == "CRITICAL" and warnings[17].line is None


@pytest.mark.parametrize("index, place, korean, name", [(i, *row) for i, row in enumerate(EXPECTED)],
                         ids=[row[0].split("/")[-1] + "-" + row[1][:8] for row in EXPECTED])
def test_each_real_warning_becomes_a_korean_line_with_file_and_line(tmp_path, index, place, korean, name):
    warning = failures.parse_sphinx_log(sample(tmp_path))[index]
    summary = failures.from_sphinx_warning(warning, tmp_path)
    assert summary.headline.startswith(place + ": "), summary.headline
    assert korean in summary.headline and name in summary.headline, summary.headline
    assert HANGUL.search(summary.fix) and "\n" not in summary.headline + summary.fix
    assert str(tmp_path) not in summary.headline + summary.fix  # 경로는 책 뿌리 기준
    assert summary.detail == SPHINX_STDERR.splitlines()[index].replace("{root}", str(tmp_path)).replace(
        "\x1b[91m", "").replace("\x1b[39;49;00m", "")
    if not FALLBACK.startswith(korean):
        assert FALLBACK not in summary.headline  # 흔한 경고는 영어 원문 틀로 떨어지지 않는다


def test_an_unknown_warning_keeps_its_message_with_file_and_line(tmp_path):
    text = f"{tmp_path}/chapters/02_bias.md:42: WARNING: Something new that nobody mapped [new.kind]"
    [summary] = failures.from_sphinx_log(text, tmp_path)
    assert summary.headline == f"chapters/02_bias.md:42: {FALLBACK}Something new that nobody mapped"
    # 음성 대조: 표에 있는 경고는 이 틀을 쓰지 않는다(위 테스트), 이 경고는 쓴다
    assert summary.fix == failures.SPHINX_FALLBACK[1]


def test_following_lines_belong_to_the_warning_above_and_summaries_are_sorted(tmp_path):
    text = (f"{tmp_path}/chapters/b.md:9: WARNING: undefined label: 'x'\n"
            f"{tmp_path}/chapters/a.md:5: WARNING: Executing notebook failed: CellExecutionError [mystnb.exec]\n"
            "Traceback (most recent call last):\n  File \"x.py\", line 1\nNameError: name 'y' is not defined\n"
            "WARNING: a warning without a place\n")
    warnings = failures.parse_sphinx_log(text)
    assert [w.message for w in warnings] == ["undefined label: 'x'", "Executing notebook failed: CellExecutionError",
                                             "a warning without a place"]
    assert warnings[1].text.endswith("NameError: name 'y' is not defined")
    assert warnings[2].path == "" and warnings[2].line is None
    summaries = failures.from_sphinx_log(text, tmp_path)
    assert [s.file for s in summaries] == ["", "chapters/a.md", "chapters/b.md"]
    assert summaries[1].headline.startswith("chapters/a.md:5: Sphinx가 이 장을 실행하다 실패했습니다")


@pytest.mark.parametrize("exception, expected", [
    (ValueError("확장이 망가졌다"), "ValueError: 확장이 망가졌다"),
    ("extension", "Extension error: Could not import extension nope"),
])
def test_a_sphinx_crash_without_warning_lines_is_one_summary(tmp_path, exception, expected):
    """Sphinx가 예외로 멈출 때 쓰는 글(sphinx.cmd.build.handle_exception이 실제로 쓴 것)."""
    from sphinx.cmd.build import handle_exception
    from sphinx.errors import ExtensionError

    exc = ExtensionError("Could not import extension nope (exception: No module named 'nope')") \
        if exception == "extension" else exception
    stream = io.StringIO()
    try:
        raise exc
    except Exception as caught:
        handle_exception(None, types.SimpleNamespace(pdb=False, verbosity=0, traceback=False), caught, stream)
    [summary] = failures.from_sphinx_log(stream.getvalue(), tmp_path)
    assert summary.headline.startswith("Sphinx가 예외로 멈췄습니다: ") and expected in summary.headline


# ── 셀 실패(실제 커널) ────────────────────────────────────────────────────

TIMEOUT = 6
CELLS = {
    "name": "print(undefined_name)",
    "module": "import no_such_module_xyz",
    "generic": 'raise RuntimeError("고장 주입")',
    "dead": "import os\nos._exit(1)",
    "slow": "import time\ntime.sleep(1000)",
}


@pytest.fixture(scope="module")
def cell_failures(tmp_path_factory) -> dict[str, tuple[Failure, int]]:
    """장마다 (실행 단계의 Failure, 실패한 셀의 소스 줄)."""
    root = tmp_path_factory.mktemp("cells")
    paths, lines = [], {}
    for name, code in CELLS.items():
        text = (f"{NOTEBOOK_HEADER}\n\n# {name}\n\n```{{code-cell}} ipython3\nx = 1\n```\n\n"
                f"```{{code-cell}} ipython3\n{code}\n```\n")
        path = root / "chapters" / f"{name}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        lines[name] = text.splitlines().index(code.splitlines()[0]) + 1
    status = execute_pending(root / "cache", paths, timeout=TIMEOUT, env={}, workers=2)
    out = {}
    for path, value in status.items():
        assert isinstance(value, Failure), (path, value)
        name = Path(path).stem
        out[name] = (dataclasses.replace(value, chapter=f"chapters/{name}.md"), lines[name])
    assert set(out) == set(CELLS)
    return out


@pytest.mark.parametrize("name, kind, korean, fix", [
    ("name", CELL_ERROR, "이름이 정의되지 않았습니다: undefined_name", "앞 셀을 먼저 실행했는지"),
    ("module", CELL_ERROR, "설치되지 않은 모듈입니다: no_such_module_xyz", "requirements.txt"),
    ("generic", CELL_ERROR, "RuntimeError 오류가 났습니다: 고장 주입", "트레이스백"),
    ("dead", KERNEL_DIED, "커널(셀을 실행하는 파이썬 프로세스)이 죽었습니다", "os._exit()"),
    ("slow", CELL_TIMEOUT, f"제한 시간 {TIMEOUT}초(_config.yml의 execute.timeout) 안에 끝나지 않았습니다",
     "execute.timeout을 늘리세요"),
])
def test_each_cell_failure_names_the_file_cell_and_what_to_do(cell_failures, name, kind, korean, fix):
    failure, line = cell_failures[name]
    assert failure.kind == kind and failure.cell == 2 and failure.line == line
    summary = failures.from_cell_failure(failure)
    first = CELLS[name].splitlines()[0]
    assert summary.headline.startswith(f"chapters/{name}.md: 셀 #2(소스 {line}번째 줄: {first!r})"), summary.headline
    assert korean in summary.headline, summary.headline
    assert fix in summary.fix
    assert summary.detail == failure.detail and summary.detail  # 영어 원문은 따로 남는다


def test_cell_error_detail_is_the_whole_english_traceback(cell_failures):
    failure, _ = cell_failures["name"]
    assert (failure.ename, failure.evalue) == ("NameError", "name 'undefined_name' is not defined")
    assert "Traceback" in failure.detail and failure.detail.rstrip().endswith(
        "NameError: name 'undefined_name' is not defined")
    assert "\x1b[" not in failure.detail


@pytest.mark.parametrize("ename, evalue, korean", [
    # 실제 커널이 낸 (예외 이름, 메시지)
    ("ModuleNotFoundError", "No module named 'dlkit'", "dlkit을 찾지 못했습니다"),
    ("ImportError", "cannot import name 'nope_thing' from 'numpy' (/x/numpy/__init__.py)",
     "numpy에 없는 이름을 가져오려 했습니다: nope_thing"),
    ("AttributeError", "module 'numpy' has no attribute 'nope'", "모듈 numpy에 없는 이름입니다: nope"),
    ("AttributeError", "'list' object has no attribute 'shape'", "list 객체에 없는 속성입니다: shape"),
    ("IndentationError", "expected an indented block after 'if' statement on line 1", "들여쓰기가 잘못되었습니다"),
    ("SyntaxError", "invalid syntax", "파이썬 문법 오류입니다: invalid syntax"),
    ("FileNotFoundError", "[Errno 2] No such file or directory: '없는파일.txt'", "파일이 없습니다: 없는파일.txt"),
    ("AssertionError", "같지 않다", "셀 안의 검사(assert)가 실패했습니다: 같지 않다"),
    ("InputValueError", "lr은 양수여야 합니다: -1을 받았습니다", "dlkit이 잘못된 입력을 알렸습니다"),
    ("ZeroDivisionError", "division by zero", "ZeroDivisionError 오류가 났습니다: division by zero"),
])
def test_error_table_rows_match_real_messages(ename, evalue, korean):
    failure = Failure("chapters/a.md", 3, 10, "y = f(x)", CELL_ERROR, 30, ename, evalue, "원문")
    assert korean in failures.from_cell_failure(failure).headline


# ── 출력 ────────────────────────────────────────────────────────────────

def test_report_prints_the_summary_block_before_the_raw_text_and_keeps_the_raw_text(tmp_path, capsys):
    build_dir = tmp_path / "_build"
    raw = sample(tmp_path) + "\n" + sample(tmp_path)  # 두 번: 스무 건이 넘는다
    summaries = failures.from_sphinx_log(raw, tmp_path)
    failures.report(summaries, build_dir, raw, closing="고치세요.")
    err = capsys.readouterr().err
    head = SUMMARY_HEAD.search(err)
    assert head and int(head.group(1)) == 2 * len(SPHINX_STDERR.splitlines()) > failures.SHOWN
    assert head.start() < RAW_ENGLISH.search(err).start()
    assert err.rstrip().endswith("[build] 실패: 고치세요.")
    assert err.count("     고칠 것: ") == failures.SHOWN  # 스무 건까지만 요약, 나머지는 건수로
    assert f"그 밖에 {len(summaries) - failures.SHOWN}건" in err
    detail = (build_dir / failures.DETAIL_FILE).read_text(encoding="utf-8")
    assert "WARNING: Unknown directive type: 'foo'" in detail and "\x1b[" not in detail
    failures.clear(build_dir)
    assert not (build_dir / failures.DETAIL_FILE).exists()


def test_held_stderr_holds_and_gives_back_on_interrupt(capsys):
    with failures.held_stderr() as held:
        print("붙잡힌 줄", file=sys.stderr)
    assert held.getvalue() == "붙잡힌 줄\n" and capsys.readouterr().err == ""
    with pytest.raises(KeyboardInterrupt):
        with failures.held_stderr():
            print("멈추기 전 줄", file=sys.stderr)
            raise KeyboardInterrupt
    assert capsys.readouterr().err == "멈추기 전 줄\n"  # 중단되면 붙잡은 것을 잃지 않는다


# ── 실제 빌드 ──────────────────────────────────────────────────────────────

def append(chapter: Path, text: str) -> int:
    """장 끝에 text를 붙이고, 붙인 첫 줄의 줄 번호(1부터)를 돌려준다."""
    old = chapter.read_text(encoding="utf-8").rstrip()
    chapter.write_text(old + "\n\n" + text, encoding="utf-8")
    return len(old.splitlines()) + 2


def summary_then_raw(output: str) -> tuple[int, str]:
    """요약 묶음이 있고 영어 원문보다 먼저인지 확인하고 (건수, 요약 묶음의 글)을 돌려준다."""
    head = SUMMARY_HEAD.search(output)
    raw = RAW_ENGLISH.search(output)
    assert head, f"요약이 없음:\n{output[-3000:]}"
    assert raw, f"영어 원문이 없음(검사가 헛돌 수 있다):\n{output[-3000:]}"
    assert head.start() < raw.start(), f"영어 원문이 요약보다 먼저:\n{output[-3000:]}"
    return int(head.group(1)), output[head.start():raw.start()]


@pytest.mark.build
def test_a_failing_cell_build_opens_with_the_korean_summary(book_copy):
    line = append(book_copy / "chapters" / "02_bias.md", "```{code-cell} ipython3\nprint(undefined_name)\n```\n") + 1
    result = run_build(book_copy, "--no-post", interleaved=True)
    assert result.returncode == 1, result.output[-3000:]
    count, block = summary_then_raw(result.output)
    assert count == 1
    assert re.search(rf"chapters/02_bias\.md: 셀 #\d+\(소스 {line}번째 줄: 'print\(undefined_name\)'\)에서 "
                     r"이름이 정의되지 않았습니다: undefined_name", block), block
    assert "고칠 것: 앞 셀을 먼저 실행했는지" in block
    assert "NameError: name 'undefined_name' is not defined" in result.output  # 원문은 아래에 그대로
    assert "NameError" in (book_copy / "_build" / failures.DETAIL_FILE).read_text(encoding="utf-8")


@pytest.mark.build
def test_a_sphinx_warning_build_opens_with_the_summary_fails_again_and_clears_when_fixed(book_copy):
    chapter = book_copy / "chapters" / "03_activations.md"
    original = chapter.read_text(encoding="utf-8")
    ref_line = append(chapter, "{ref}`없는-라벨`을 보세요.\n")
    image_line = append(chapter, "![없는 그림](images/none.png)\n")
    append(chapter, '```{code-cell} ipython3\nimport sys\nprint("stderr에 쓴 줄", file=sys.stderr)\n```\n')
    result = run_build(book_copy, "--no-post", interleaved=True)
    assert result.returncode == 1, result.output[-3000:]
    count, block = summary_then_raw(result.output)
    assert count == 3, block
    assert f"chapters/03_activations.md:{ref_line}: {{ref}}/{{numref}}가 가리키는 라벨이 책에 없습니다: 없는-라벨" in block
    assert f"chapters/03_activations.md:{image_line}: 그림 파일을 읽을 수 없습니다: chapters/images/none.png" in block
    assert "의 출력에 stderr(경고·오류 메시지)가 있습니다" in block
    assert re.search(rf"03_activations\.md:{ref_line}: WARNING: undefined label", result.output)  # 원문도 있다

    # 아무것도 고치지 않은 다음 빌드: 페이지를 읽을 때 나는 경고(셀의 stderr)까지 같은 요약
    again = run_build(book_copy, "--no-post", interleaved=True)
    assert again.returncode == 1, again.output[-3000:]
    assert summary_then_raw(again.output)[0] == 3

    # 음성 대조: 고치면 요약도 원문 파일도 없다
    chapter.write_text(original, encoding="utf-8")
    fixed = run_build(book_copy, "--no-post", interleaved=True)
    assert fixed.returncode == 0, fixed.output[-3000:]
    assert not SUMMARY_HEAD.search(fixed.output) and "빌드 실패 요약" not in fixed.output
    assert not RAW_ENGLISH.search(fixed.output)
    assert not (book_copy / "_build" / failures.DETAIL_FILE).exists()
