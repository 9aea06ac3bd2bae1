"""빌드가 중간에 멈추거나 겹칠 때(이슈 15의 2, 4, 6): 터미널처럼 프로세스 묶음에 Ctrl-C를 두 번 보내고,
같은 폴더에서 두 번째 빌드를 띄운 뒤, 다음 빌드가 지금 dlkit의 출력을 페이지에 싣는지 HTML로 판정한다.
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

SENTINEL = 'print("중단 검사:", dk.iterations_per_epoch(7, 3))'
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
    chapter = book_copy / "chapters" / "06_epoch_batch.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").rstrip()
                       + f"\n\n```{{code-cell}} ipython3\n{SENTINEL}\n```\n", encoding="utf-8")
    first = run_build(book_copy, "--no-post")
    assert first.returncode == 0, first.output[-3000:]
    assert "중단 검사: 3" in page_text(book_copy)

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

    # 다음 빌드: 장 원본은 그대로지만 출력이 새것이다 → 페이지가 지금 dlkit의 값을 보여 준다
    again = run_build(book_copy, "--no-post")
    assert again.returncode == 0, again.output[-3000:]
    assert "chapters/06_epoch_batch.md" in again.report["executed"]
    html = page_text(book_copy)
    assert "중단 검사: 1003" in html and "중단 검사: 3<" not in html
