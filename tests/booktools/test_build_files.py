"""빌드와 파일들(이슈 15의 1, 3, 5, 7, 8, 9): 목차 실수, 인코딩, 한글 이름 그림, 남은 산출물, 끝나지 않는 셀.
(dlkit이 바뀐 뒤의 장·덱·유인물은 tests/booktools/test_interrupts.py가 중단된 빌드 다음 빌드에서 본다.)

tests/test_build.py처럼 빌드된 책의 복사본(`book_copy`)에 고장을 넣고 빌드해, 빌드가 남긴 것
(페이지, 덱, 검색 색인, 실행 기록)과 사용자가 보는 메시지로 판정한다.
"""
from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from booktools.chapters import NOTEBOOK_HEADER
from helpers import run_build

pytestmark = pytest.mark.build

# 목차 검사만으로 멈추는 빌드는 장을 실행하지 않는다: 그 전에 Sphinx의 영어 경고나 트레이스백이 나오면 안 된다.
RAW_FAILURES = ("Traceback", "UnicodeDecodeError", "unknown document", "WARNING")
SPHINX_STAGE = "[build] Sphinx(jupyter-book)"  # 빌드가 Sphinx 단계를 시작할 때 쓰는 줄(booktools/build.py)


def slide_cell(code: str) -> str:
    return f"\n\n```{{code-cell}} ipython3\n---\nslideshow:\n  slide_type: slide\n---\n{code}\n```\n"


def pagefind_text(html: Path) -> str:
    """Pagefind 색인 조각(gzip)을 모두 풀어 이은 글(어떤 페이지가 색인되었는지 보려고)."""
    return "".join(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                   for p in sorted((html / "pagefind" / "fragment").iterdir()))


def assert_stopped_before_executing(result, *expected: str) -> None:
    assert result.returncode != 0
    for text in expected:
        assert text in result.output, f"{text!r}가 메시지에 없음:\n{result.output[-3000:]}"
    for raw in RAW_FAILURES:
        assert raw not in result.output, f"{raw!r}가 보임:\n{result.output[-3000:]}"
    assert SPHINX_STAGE not in result.output  # Sphinx까지 가지 않았다(장을 실행하지 않았다)
    assert "[build] 먼저 실행한 장" not in result.output


def test_toc_mistakes_and_a_non_utf8_toc_file_each_get_one_korean_message(book_copy):
    toc = book_copy / "_toc.yml"
    toc_text = toc.read_text(encoding="utf-8")
    chapters = book_copy / "chapters"

    # 1) 목차에 없는 장 파일: 예전에는 조용히 실행되고 덱·PDF까지 생겼지만 페이지는 없었다
    shutil.copy(chapters / "06_epoch_batch.md", chapters / "07_extra.md")
    result = run_build(book_copy, "--no-post")
    assert_stopped_before_executing(result, "chapters/07_extra.md", "_toc.yml에 없습니다",
                                    "- file: chapters/07_extra")
    assert result.output.count("07_extra.md") == 1  # 메시지 하나
    assert not (book_copy / "_build/html/slides/07_extra.html").exists()
    (chapters / "07_extra.md").unlink()

    # 2) 없는 파일을 가리키는 목차 항목: 예전에는 chapters/index.md 탓으로 나왔다
    toc.write_text(toc_text.replace("      - file: chapters/06_epoch_batch\n",
                                    "      - file: chapters/06_epoch_batch\n      - file: chapters/07_missing\n"),
                   encoding="utf-8")
    result = run_build(book_copy, "--no-post")
    assert_stopped_before_executing(result, "_toc.yml", "chapters/07_missing", "파일이 없습니다")
    assert "index.md" not in result.output

    # 3) 목차에서 지운 항목(파일은 남음): 예전에는 "unknown document" 경고만 여럿 나왔다
    toc.write_text(toc_text.replace("      - file: chapters/06_epoch_batch\n", ""), encoding="utf-8")
    result = run_build(book_copy, "--no-post")
    assert_stopped_before_executing(result, "chapters/06_epoch_batch.md", "_toc.yml에 없습니다")
    assert result.output.count("06_epoch_batch") <= 3  # 메시지 한 줄(파일 이름과 고칠 줄)
    toc.write_text(toc_text, encoding="utf-8")

    # 4) 목차에 있는 장이 CP949(한국어 윈도 메모장)로 저장됨: 예전에는 파일 이름 없는 UnicodeDecodeError
    bias = chapters / "02_bias.md"
    bias.write_bytes(bias.read_text(encoding="utf-8").encode("cp949", errors="replace"))
    result = run_build(book_copy, "--no-post")
    assert_stopped_before_executing(result, "chapters/02_bias.md", "UTF-8이 아닙니다", "CP949")


def test_notes_outside_toc_korean_images_and_leftovers(book_copy):
    html = book_copy / "_build" / "html"
    chapters = book_copy / "chapters"
    # 7: 목차 밖의 CP949 메모는 읽지 않는다(빌드가 그대로 성공해야 한다)
    (chapters / "메모.md").write_bytes("# 회의 메모\n\n윈도 메모장에서 저장한 한국어 메모\n".encode("cp949"))
    (chapters / "notes").mkdir()
    (chapters / "notes" / "할일.txt").write_bytes("바인더 그림 바꾸기\n".encode("cp949"))
    # 8: 한글 이름의 그림을 Markdown 문법과 {figure} 지시문 둘 다로
    shutil.copy(chapters / "images" / "binder-lab.png", chapters / "images" / "바인더.png")
    glossary = chapters / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n\n![바인더 화면](images/바인더.png)\n\n"
                        "```{figure} images/바인더.png\n:alt: 바인더 그림\n\n바인더 화면(그림 지시문)\n```\n",
                        encoding="utf-8")
    # 3: 지난 빌드들이 남긴 것: 원본이 사라진 페이지(검색 본문 표시까지 있는), 목차에서 뺀 장의
    # 페이지·원본 사본·덱·PDF, 고친 뒤의 오류 기록
    page = (html / "chapters" / "references.html").read_text(encoding="utf-8")
    (html / ".pytest_cache").mkdir()
    (html / ".pytest_cache" / "README.html").write_text(page.replace("<title>", "<title>README "), encoding="utf-8")
    (html / "chapters" / "07_old.html").write_text(page, encoding="utf-8")
    (html / "_sources" / "chapters" / "07_old.md").write_text("# 옛 장\n", encoding="utf-8")
    shutil.copy(html / "slides" / "06_epoch_batch.html", html / "slides" / "07_old.html")
    shutil.copy(html / "slides" / "06_epoch_batch.pdf", html / "slides" / "07_old.pdf")
    (html / "reports" / "chapters").mkdir(parents=True)
    (html / "reports" / "chapters" / "02_bias.err.log").write_text("옛 오류\n", encoding="utf-8")

    result = run_build(book_copy)
    assert result.returncode == 0, result.output[-4000:]
    assert "UnicodeDecodeError" not in result.output

    page = (html / "chapters" / "glossary.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]*alt="(바인더[^"]*)"[^>]*src="([^"]+)"', page)
    assert {alt for alt, _ in images} == {"바인더 화면", "바인더 그림"}, images
    for _, src in images:
        assert (html / "chapters" / src.replace("%EB%B0%94%EC%9D%B8%EB%8D%94", "바인더")).resolve().is_file(), src

    for leftover in (".pytest_cache/README.html", "chapters/07_old.html", "_sources/chapters/07_old.md",
                     "slides/07_old.html", "slides/07_old.pdf", "reports/chapters/02_bias.err.log"):
        assert not (html / leftover).exists(), f"남은 산출물: {leftover}"
    indexed = pagefind_text(html)
    assert '"url":"/chapters/07_old' not in indexed and '"url":"/.pytest_cache' not in indexed
    assert (html / "chapters" / "06_epoch_batch.html").is_file() and (html / "slides" / "06_epoch_batch.pdf").is_file()


def test_a_cell_that_never_ends_times_out_once_with_the_config_timeout(book_copy):
    config = book_copy / "_config.yml"
    text = config.read_text(encoding="utf-8")
    assert re.search(r"^  timeout: \d+$", text, re.M), "_config.yml에 execute.timeout이 있어야 한다"
    config.write_text(re.sub(r"^  timeout: \d+$", "  timeout: 20", text, flags=re.M), encoding="utf-8")
    # 다른 셀이 없는 작은 장(바쁜 기계에서 torch import 같은 느린 셀이 먼저 제한 시간에 걸리지 않게)
    header = (book_copy / "chapters" / "06_epoch_batch.md").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    chapter = book_copy / "chapters" / "07_hang.md"
    chapter.write_text(header + "\n---\n\n# 끝나지 않는 장\n\n```{code-cell} ipython3\nimport time\n"
                       "time.sleep(100000)  # 끝나지 않는 셀\n```\n", encoding="utf-8")
    toc = book_copy / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").replace(
        "      - file: chapters/06_epoch_batch\n", "      - file: chapters/06_epoch_batch\n      - file: chapters/07_hang\n"),
        encoding="utf-8")
    line = chapter.read_text(encoding="utf-8").splitlines().index("import time") + 1
    result = run_build(book_copy, "--no-post")
    assert result.returncode != 0
    out = result.output
    assert re.search(rf"chapters/07_hang\.md: 셀 #\d+\(소스 {line}번째 줄: 'import time'\)이 제한 시간 20초"
                     r"\(_config\.yml의 execute\.timeout\)", out), out[-3000:]
    assert out.count("제한 시간") == 1
    assert SPHINX_STAGE not in out  # Sphinx가 같은 장을 또 실행하지 않았다(제한 시간을 한 번만 썼다)
    report = result.report
    assert report["failed"] == ["chapters/07_hang.md"]
    assert "chapters/07_hang.md" not in report["cached"] and "chapters/07_hang.md" not in report["executed"]
    cached_line = next(ln for ln in out.splitlines() if "캐시에서 가져온 장" in ln)
    assert "07_hang" not in cached_line


NEW_CHAPTER = NOTEBOOK_HEADER.removesuffix("---") + """studybook:
  covers: 새 장을 더하는 길
  analogy: 목차에 한 줄
---

# 새로 더한 장

아무 이름이나 되는 장 파일입니다. 고유한낱말가나다 하나를 색인에서 찾습니다.
""" + slide_cell('import dlkit as dk\nprint("새 장", dk.__name__)')


def test_adding_a_chapter_is_one_file_and_one_toc_line(book_copy):
    """CONTRIBUTING.md의 "장 더하기": 파일 하나(아무 이름) + `_toc.yml` 한 줄 + make notebooks.
    그러면 페이지, 덱, 유인물, 노트북, 검색 항목, 실행 현황 줄, 첫 페이지 표의 줄이 다른 수정 없이 생긴다."""
    import subprocess
    import sys

    (book_copy / "chapters" / "new_topic.md").write_text(NEW_CHAPTER, encoding="utf-8")
    toc = book_copy / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").replace(
        "      - file: chapters/06_epoch_batch\n", "      - file: chapters/06_epoch_batch\n      - file: chapters/new_topic\n"),
        encoding="utf-8")
    assert "chapters/new_topic" in toc.read_text(encoding="utf-8")
    subprocess.run([sys.executable, "-m", "booktools", "notebooks", str(book_copy)], cwd=book_copy, check=True,
                   capture_output=True)
    result = run_build(book_copy)
    assert result.returncode == 0, result.output[-4000:]
    html = result.html
    assert result.report["executed"] == ["chapters/new_topic.md"]  # 다른 장은 캐시에서
    assert "새로 더한 장" in (html / "chapters" / "new_topic.html").read_text(encoding="utf-8")
    assert (html / "slides" / "new_topic.html").is_file()
    assert (html / "slides" / "new_topic.pdf").is_file()
    assert (book_copy / "notebooks" / "new_topic.ipynb").is_file() and (html / "notebooks" / "new_topic.ipynb").is_file()
    page = (html / "chapters" / "new_topic.html").read_text(encoding="utf-8")
    assert "notebooks/new_topic.ipynb" in page  # Binder·Colab·내려받기 버튼이 새 장의 노트북을 가리킨다
    assert "고유한낱말가나다" in pagefind_text(html)
    status = (html / "chapters" / "status.html").read_text(encoding="utf-8")
    assert "new_topic.html" in status
    index = (html / "chapters" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*new_topic\.html(?:(?!</tr>).)*</tr>", index, re.S)
    assert row and "7" in row.group(0) and "목차에 한 줄" in row.group(0), "첫 페이지 장 안내 표에 7장 줄이 없다"


def test_a_chapter_without_the_notebook_header_gets_one_korean_message(book_copy):
    """코드 셀이 있는데 jupytext 머리말이 없으면 myst-nb가 영어 경고만 내고 셀을 실행하지 않는다: 빌드가 먼저 멈춘다."""
    (book_copy / "chapters" / "new_topic.md").write_text(
        "# 머리말 없는 장\n" + slide_cell("print(1)"), encoding="utf-8")
    toc = book_copy / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").replace(
        "      - file: chapters/06_epoch_batch\n", "      - file: chapters/06_epoch_batch\n      - file: chapters/new_topic\n"),
        encoding="utf-8")
    result = run_build(book_copy, "--no-post")
    assert_stopped_before_executing(result, "chapters/new_topic.md", "노트북 머리말", "format_name: myst")
