"""빌드가 중간에 멈추거나 겹칠 때(이슈 15의 2, 4, 6)와 dlkit이 바뀐 뒤의 빌드(이슈 15의 7): 터미널처럼 프로세스
묶음에 Ctrl-C를 두 번 보내고, 같은 폴더에서 두 번째 빌드를 띄운 뒤, 다음 빌드가 dlkit을 쓰는 장을 모두 다시 실행해
지금 dlkit의 출력을 페이지, 덱, 인쇄용 PDF에 싣는지 판정한다.

(예전에는 "dlkit을 고치면 다시 실행되고 덱·PDF도 새로 만든다"를 tests/booktools/test_build_files.py가 따로 보았다.
둘 다 dlkit을 고쳐 일곱 장을 다시 실행하느라 각각 1-2분이 들어, 중단된 빌드 다음 빌드에서 함께 본다. 중단된 뒤에도
다음 빌드가 모두 다시 만들어야 하므로 따로 볼 때보다 약하지 않다.)
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import run_build

pytestmark = pytest.mark.build

# 덱에 보이는 셀 하나(다른 셀이 쓰지 않는 인자 7, 3)
SENTINEL = ('\n\n```{code-cell} ipython3\n---\nslideshow:\n  slide_type: slide\n---\n'
            'print("중단 검사:", dk.iterations_per_epoch(7, 3))\n```\n')
DLKIT_EDIT = ("\n\n_original_iterations_per_epoch = iterations_per_epoch\n\n\n"
              "def iterations_per_epoch(num_examples, *args, **kwargs):  # 고장 주입: (7, ...)의 결과만 바꾼다\n"
              "    result = _original_iterations_per_epoch(num_examples, *args, **kwargs)\n"
              "    return result + 1000 if num_examples == 7 else result\n")


def kernels_under(root: Path) -> list[int]:
    """root 아래에서 도는 커널 프로세스(작업 폴더로 찾는다)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if b"ipykernel_launcher" in cmd and cwd.startswith(str(root)):
            found.append(int(pid))
    return found


def start_build(root: Path) -> subprocess.Popen:
    """터미널에서처럼: 자기 프로세스 묶음, Ctrl-C(SIGINT)를 기본 동작으로 받는 빌드."""
    return subprocess.Popen([sys.executable, "-m", "booktools", "build", str(root), "--no-post"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def page_text(root: Path) -> str:
    return (root / "_build" / "html" / "chapters" / "06_epoch_batch.html").read_text(encoding="utf-8")


def test_ctrl_c_twice_a_second_build_and_the_build_after(book_copy):
    import re

    from booktools.chapters import chapters_using

    chapter = book_copy / "chapters" / "06_epoch_batch.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").rstrip() + SENTINEL, encoding="utf-8")
    first = run_build(book_copy)
    assert first.returncode == 0, first.output[-3000:]
    assert "중단 검사: 3" in page_text(book_copy)
    deck = book_copy / "_build/html/slides/06_epoch_batch.html"
    pdf = book_copy / "_build/html/slides/06_epoch_batch.pdf"
    assert "중단 검사: 3" in deck.read_text(encoding="utf-8")
    printed = pdf.stat().st_mtime_ns

    # dlkit을 바꾸고 빌드를 시작한다: 캐시가 지워지고 장을 실행하는 동안 Ctrl-C를 두 번
    data_py = book_copy / "dlkit" / "data.py"
    data_py.write_text(data_py.read_text(encoding="utf-8") + DLKIT_EDIT, encoding="utf-8")
    build = start_build(book_copy)
    deadline = time.monotonic() + 240
    while not kernels_under(book_copy) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.2)
    assert kernels_under(book_copy), "빌드가 장을 실행하기 시작하지 않았다"

    # 같은 폴더의 두 번째 빌드: 기다리지 않고 한국어로 멈춘다
    second = subprocess.run([sys.executable, "-m", "booktools", "build", str(book_copy), "--no-post"],
                            cwd=book_copy, capture_output=True, text=True, timeout=60)
    assert second.returncode == 3, second.stdout + second.stderr
    assert "다른 빌드가 아직 돌고 있습니다" in second.stderr

    sent = time.monotonic()
    os.killpg(build.pid, signal.SIGINT)
    time.sleep(0.3)
    try:
        os.killpg(build.pid, signal.SIGINT)
    except ProcessLookupError:
        pass  # 첫 Ctrl-C에 이미 끝났다
    out, _ = build.communicate(timeout=60)
    stopped = time.monotonic() - sent
    assert build.returncode == 130, out[-3000:]
    assert stopped < 10, f"Ctrl-C 뒤 {stopped:.1f}초 만에 끝났다"
    assert out.count("[build] 중단했습니다(Ctrl-C)") == 1, out[-3000:]
    assert "KeyboardInterrupt" not in out and "concurrent/futures" not in out, out[-3000:]
    time.sleep(5)
    assert not kernels_under(book_copy), "Ctrl-C 뒤에 커널이 남았다"

    # 다음 빌드: 장 원본은 그대로지만 dlkit이 바뀌었다 → dlkit을 쓰는 장을 모두 다시 실행하고, 페이지·덱·PDF가
    # 지금 dlkit의 값을 보여 준다
    again = run_build(book_copy)
    assert again.returncode == 0, again.output[-3000:]
    assert again.report["executed"] == sorted(ch.source for ch in chapters_using(book_copy, "dlkit"))
    html = page_text(book_copy)
    assert "중단 검사: 1003" in html and "중단 검사: 3<" not in html
    slides = deck.read_text(encoding="utf-8")
    assert "중단 검사: 1003" in slides and not re.search(r"중단 검사: 3\b", slides)
    assert pdf.stat().st_mtime_ns > printed  # 유인물도 새 덱으로 다시 인쇄했다
