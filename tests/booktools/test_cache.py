"""실행 캐시의 지문(booktools.cache.fingerprint): 장의 출력에 들어가는 파일이 바뀌면 지문이 바뀐다."""
from __future__ import annotations

import shutil

import pytest

from booktools import cache as exec_cache
from helpers import ROOT


@pytest.fixture
def book(tmp_path):
    """지문이 보는 파일만 복사한 책(dlkit과 requirements.txt)."""
    shutil.copytree(ROOT / "dlkit", tmp_path / "dlkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "requirements.txt", tmp_path / "requirements.txt")
    return tmp_path


@pytest.mark.parametrize("rel", ["dlkit/widgets/demo.js", "dlkit/widgets/demo.css", "dlkit/quiz.js",
                                 "dlkit/widgets/_frames.py", "requirements.txt"])
def test_fingerprint_changes_with_files_that_reach_chapter_outputs(book, rel):
    """demo.js·demo.css·quiz.js는 패키지 데이터로 셀 출력 HTML에 실린다: 고치면 그 장을 다시 실행해야 한다."""
    before = exec_cache.fingerprint(book)
    path = book / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n/* 바뀜 */\n", encoding="utf-8")
    assert exec_cache.fingerprint(book) != before


def test_fingerprint_ignores_bytecode_caches(book):
    before = exec_cache.fingerprint(book)
    (book / "dlkit" / "__pycache__").mkdir(exist_ok=True)
    (book / "dlkit" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert exec_cache.fingerprint(book) == before


def test_python_only_globs_would_miss_the_demo_script(book, monkeypatch):
    """대조군: 예전처럼 *.py만 세면 demo.js를 고쳐도 지문이 같다(위 검사가 잡는 것이 바로 이 경우다)."""
    monkeypatch.setattr(exec_cache, "DEPENDENCY_GLOBS", ("dlkit/**/*.py", "requirements.txt"))
    before = exec_cache.fingerprint(book)
    js = book / "dlkit" / "widgets" / "demo.js"
    js.write_text(js.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert exec_cache.fingerprint(book) == before
