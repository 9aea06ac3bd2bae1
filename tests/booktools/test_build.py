"""빌드 파이프라인: 깨끗한 빌드, 실행 캐시, 고장 주입.

모두 conftest의 `built_book`(세션당 한 번 빌드)과 그 복사본(`book_copy`)을 쓴다.
실행 여부는 시간 측정이 아니라 빌드가 남긴 기록(_build/exec-report.json, jupyter-cache의
기록)으로 판정한다.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from booktools.chapters import chapters_using
from helpers import run_build, toc_documents

pytestmark = pytest.mark.build


def append_code_cell(chapter: Path, code: str) -> None:
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.rstrip() + f"\n\n```{{code-cell}} ipython3\n{code}\n```\n", encoding="utf-8")


def dlkit_chapters(root: Path) -> list[str]:
    """dlkit을 쓰는 장(빌드와 같은 규칙: booktools.chapters; 규칙 자체는 tests/booktools/test_cells.py)."""
    return sorted(ch.source for ch in chapters_using(root, "dlkit"))


def test_clean_build_makes_every_toc_page(built_book):
    for doc in toc_documents(built_book.root):
        assert (built_book.html / f"{doc}.html").is_file(), f"{doc}.html 이 없음"
    assert (built_book.html / "index.html").is_file()


def test_clean_build_executed_every_code_chapter(built_book):
    report = built_book.report
    assert report["returncode"] == 0
    assert report["executed"] == dlkit_chapters(built_book.root)
    assert "이번에 실행한 장" in built_book.output
    # 실행 현황 페이지도 같은 사실을 말한다(두 코어에서 미리 실행한 장도 "이번 빌드"로 센다)
    status = (built_book.html / "chapters" / "status.html").read_text()
    assert f"이 사이트를 만든 빌드에서 다시 실행한 장 {len(report['executed'])}개, 캐시를 쓴 장 0개" in status


def test_noop_rebuild_executes_nothing(book_copy):
    result = run_build(book_copy, "--no-post")
    assert result.returncode == 0, result.output[-3000:]
    assert result.report["executed"] == []
    status = (book_copy / "_build/html/chapters/status.html").read_text()
    assert "이 사이트를 만든 빌드에서 다시 실행한 장 0개" in status


def html_stats(root: Path) -> dict[str, tuple[int, int]]:
    html = root / "_build" / "html"
    return {p.relative_to(html).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in html.rglob("*") if p.is_file()}


def test_unchanged_build_skips_every_stage_and_leaves_the_site(book_copy):
    """같은 설정으로 다시 빌드: 지난 빌드와 입력이 같으니 Sphinx도 덱도 검색 색인도 돌지 않고 사이트가 그대로다."""
    before = html_stats(book_copy)
    result = run_build(book_copy)
    assert result.returncode == 0, result.output[-3000:]
    assert "바뀐 것이 없습니다" in result.output, result.output[-3000:]
    assert result.report["executed"] == [] and list(result.report["stages"]) == ["검사"]
    assert html_stats(book_copy) == before


@pytest.mark.parametrize("change", ["prose", "deleted_page", "settings"])
def test_a_changed_source_page_or_setting_is_built_again(book_copy, change):
    """대조군: 입력이나 결과 폴더가 하나라도 다르면 건너뛰지 않는다(건너뛰면 이 검사가 실패한다)."""
    glossary = book_copy / "chapters" / "glossary.md"
    page = book_copy / "_build/html/chapters/glossary.html"
    extra = []
    if change == "prose":
        glossary.write_text(glossary.read_text(encoding="utf-8") + "\n\n건너뛰기 대조군 문장.\n", encoding="utf-8")
    elif change == "deleted_page":
        page.unlink()
    else:
        extra = ["--no-pdf"]
    result = run_build(book_copy, *extra)
    assert result.returncode == 0, result.output[-3000:]
    assert "바뀐 것이 없습니다" not in result.output
    assert "Sphinx" in result.report["stages"]
    assert page.is_file()
    if change == "prose":
        assert "건너뛰기 대조군 문장" in page.read_text(encoding="utf-8")


def test_deleted_frames_come_back_from_the_cache_without_executing(book_copy):
    """데모 프레임은 노트북 출력(실행 캐시)에 실려 있다가 빌드가 _demo/로 써낸다: _demo/를 지우고 다시 빌드하면
    아무 장도 실행하지 않고(캐시에서) 같은 이름의 프레임이 다시 생기며, 페이지가 가리키는 프레임은 모두 있고
    페이지에 base64 그림이 남지 않는다."""
    import shutil

    from booktools import demo_frames

    html = book_copy / "_build" / "html"
    frames = html / demo_frames.FRAMES_DIR
    before = sorted(p.name for p in frames.iterdir())
    assert len(before) > 100  # 대조군의 전제: 지울 프레임이 정말 있다
    shutil.rmtree(frames)
    result = run_build(book_copy)  # 덱도: 덱의 데모 슬라이드도 _demo/의 프레임을 가리킨다
    assert result.returncode == 0, result.output[-3000:]
    assert result.report["executed"] == []
    # 덱의 데모 슬라이드에만 쓰는 프레임도(예전에는 바뀌지 않은 덱을 건너뛰어 slides/03_activations.html의 14장이 빠졌다)
    assert sorted(p.name for p in frames.iterdir()) == before
    wanted = demo_frames.referenced(html)
    assert wanted and all((frames / name).is_file() for name in wanted)
    pages = set(demo_frames.demo_pages(html).values())
    assert pages and not any("data:image/png" in (html / page).read_text(encoding="utf-8") for page in pages)


def test_editing_one_chapter_executes_exactly_that_chapter(book_copy):
    append_code_cell(book_copy / "chapters" / "02_bias.md", 'print("한 장만 다시 실행")')
    result = run_build(book_copy, "--no-post")
    assert result.returncode == 0, result.output[-3000:]
    assert result.report["executed"] == ["chapters/02_bias.md"]
    assert "한 장만 다시 실행" in (book_copy / "_build/html/chapters/02_bias.html").read_text()


def test_editing_the_page_code_rewrites_every_page(book_copy):
    """책의 확장·테마(booktools.sphinx_stage.PAGE_CODE)가 바뀌면 원본이 그대로여도 모든 페이지를 다시 쓴다.
    (Sphinx는 확장의 코드를 모른다: 이 지문 없이 수식 렌더러를 고친 빌드는 실행 현황 페이지만 다시 썼다.)
    대조군: 같은 복사본에서 아무것도 바꾸지 않은 빌드는 다시 쓰지 않는다(첫 빌드는 복사본이 설정(--no-post)과
    경로가 달라 모두 다시 쓰므로, 그 다음 빌드가 대조군이다)."""
    page = book_copy / "_build/html/chapters/glossary.html"
    settle = run_build(book_copy, "--no-post")
    assert settle.returncode == 0, settle.output[-3000:]
    before = page.stat().st_mtime_ns
    quiet = run_build(book_copy, "--no-post")
    assert quiet.returncode == 0, quiet.output[-3000:]
    assert "모든 페이지를 다시 읽는다" not in quiet.output
    assert page.stat().st_mtime_ns == before, "바뀐 것이 없는데 용어집 페이지를 다시 썼습니다"
    css = book_copy / "booktools" / "theme" / "static" / "studybook-math.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* 페이지 코드 수정 */\n", encoding="utf-8")
    result = run_build(book_copy, "--no-post")
    assert result.returncode == 0, result.output[-3000:]
    assert "모든 페이지를 다시 읽는다" in result.output
    assert result.report["executed"] == []
    assert page.stat().st_mtime_ns != before, "테마가 바뀌었는데 용어집 페이지를 다시 쓰지 않았습니다"
    assert "페이지 코드 수정" in (book_copy / "_build/html/_static/studybook-math.css").read_text(encoding="utf-8")


def test_failing_cell_fails_the_build_and_names_the_file(book_copy):
    append_code_cell(book_copy / "chapters" / "02_bias.md", 'raise RuntimeError("고장 주입: 실패하는 셀")')
    result = run_build(book_copy, "--no-post")
    assert result.returncode != 0
    assert "02_bias" in result.output
    assert "고장 주입: 실패하는 셀" in result.output  # 어느 셀이 실패했는지 트레이스백이 보인다
    # 아무것도 고치지 않고 다시 빌드해도 실패해야 한다(Sphinx가 바뀌지 않은 페이지를 건너뛰어 경고가 사라지면 안 됨)
    again = run_build(book_copy, "--no-post")
    assert again.returncode != 0
    assert "02_bias" in again.output


def test_hangul_plot_without_korean_font_fails_the_build(book_copy):
    chapter = book_copy / "chapters" / "02_bias.md"
    text = chapter.read_text(encoding="utf-8")
    assert "dk.use_korean_font()" in text, "편향 장은 한글 글꼴 설정을 불러야 한다"
    chapter.write_text(text.replace("dk.use_korean_font()", "None  # 글꼴 설정 제거"), encoding="utf-8")
    result = run_build(book_copy, "--no-post")
    assert result.returncode != 0
    assert re.search(r"02_bias\.md:\d+: WARNING: stderr was found in the cell outputs", result.output)
    # 그 stderr가 바로 한글 글리프 누락 경고다(페이지에 셀의 stderr로 남는다)
    html = (book_copy / "_build/html/chapters/02_bias.html").read_text()
    assert re.search(r"Glyph \d+ .{0,40}missing from font", html)


def test_broken_cross_reference_fails_the_build(book_copy):
    chapter = book_copy / "chapters" / "03_activations.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\n{ref}`없는-라벨`을 보세요.\n", encoding="utf-8")
    result = run_build(book_copy, "--no-post")
    assert result.returncode != 0
    assert "03_activations" in result.output
    assert "없는-라벨" in result.output


def test_an_edit_made_while_the_build_runs_is_built_next_time(book_copy, tmp_path):
    """빌드가 장을 실행하는 동안 dlkit과 장을 고치면, 그 빌드가 남긴 지문은 실행한 때(시작)의 것이다. 그래서 다음
    빌드는 '바뀐 것 없음'으로 건너뛰지 않고 dlkit을 쓰는 장을 다시 실행한다. (지문을 빌드 끝에 재던 때는 고친
    dlkit이 실행되지 않았는데도 다음 빌드가 0.3초 만에 '바뀐 것 없음'이라고 했다.)"""
    import subprocess
    import sys
    import time

    from booktools import cache as exec_cache
    from booktools import uptodate

    started = tmp_path / "started"
    append_code_cell(book_copy / "chapters" / "06_epoch_batch.md",
                     f"import pathlib, time\npathlib.Path({str(started)!r}).touch()\ntime.sleep(3)")
    fingerprint_before = exec_cache.fingerprint(book_copy)
    proc = subprocess.Popen([sys.executable, "-m", "booktools", "build", str(book_copy), "--no-post"],
                            cwd=book_copy, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 300
    while not started.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started.exists(), "장을 실행하기 전에 빌드가 끝났습니다"
    data_py = book_copy / "dlkit" / "data.py"
    data_py.write_text(data_py.read_text(encoding="utf-8") + "\n\ndef _edited_during_build() -> int:\n    return 1\n",
                       encoding="utf-8")
    output, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, output[-3000:]

    recorded = (exec_cache.cache_dir(book_copy) / exec_cache.FINGERPRINT_FILE).read_text().strip()
    assert recorded == fingerprint_before != exec_cache.fingerprint(book_copy)
    stamp = json.loads((book_copy / "_build" / uptodate.STAMP_FILE).read_text(encoding="utf-8"))
    assert stamp["inputs"]["sources"] != uptodate.source_digest(book_copy), "다음 빌드가 고친 원본을 최신으로 봅니다"
