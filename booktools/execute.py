"""실행 단계: 캐시에 없는 장을 나란히 실행해 jupyter-cache에 넣는다(Sphinx 전).

장은 언제나 여기서 실행한다(`--serial`이면 프로세스 하나로). myst-nb와 똑같은 방식(같은 리더,
같은 캐시 키)으로 캐시에 없는 장을 찾아 실행해 두므로, 이어지는 Sphinx는 모두 캐시에서 가져온다.
커널의 환경(``env``: 이 책의 dlkit, 데모 모드)은 인자로 받아 커널을 띄울 때 넘긴다(이 프로세스의
os.environ은 바꾸지 않는다). 실패하거나 제한 시간(_config.yml의 execute.timeout, 빌드가 넘긴다)을
넘긴 장, 커널이 죽은 장은 캐시에 넣지 않고, 장·셀(소스 줄)·오류를 적은 :class:`Failure`로 돌려준다.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path


ANSI = re.compile(r"\x1b\[[0-9;]*m")


# 실패의 종류(:attr:`Failure.kind`): 셀이 예외를 냈다, 제한 시간을 넘겼다, 커널이 죽었다.
CELL_ERROR, CELL_TIMEOUT, KERNEL_DIED = "error", "timeout", "dead"


@dataclass(frozen=True)
class Failure:
    """실패한 장 하나: 어느 셀(노트북 번호, 소스 줄, 첫 줄)에서 무엇이 잘못되었는지.

    한국어 요약은 :func:`booktools.failures.from_cell_failure`가 만든다. ``detail``은 nbclient의
    영어 원문(트레이스백, ANSI 색 없음)이다."""
    chapter: str
    cell: int | None
    line: int | None
    first_line: str
    kind: str
    timeout: int
    ename: str
    evalue: str
    detail: str


def _read(path: Path):
    # myst-nb가 캐시 키를 만들 때 쓰는 리더 그대로(source_map 없이: 캐시에 넣는 노트북과 같아야 한다)
    from myst_nb.core.read import myst_nb_reader_plugin

    return myst_nb_reader_plugin(str(path))


def pending_chapters(cache_dir: Path, chapters: list[Path]) -> list[Path]:
    """캐시에 맞는 기록이 없는 장."""
    from jupyter_cache import get_cache

    cache = get_cache(cache_dir)
    pending = []
    for path in chapters:
        try:
            cache.match_cache_notebook(_read(path))
        except KeyError:
            pending.append(path)
    return pending


def _execute(path_str: str, timeout: int, env: dict[str, str]):
    """한 장을 실행한다(작업 프로세스 안). 실행된 노트북, 걸린 시간, 실패(없으면 None)를 돌려준다."""
    import time

    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path_str)
    nb = _read(path)
    current: list[int] = []  # 지금 실행 중인 셀 번호(실패하면 마지막 것이 그 셀)
    # record_timing=False: 셀 메타데이터에 실행 시각을 적지 않는다. jupyter-cache는 셀 메타데이터 전부로
    # 캐시 키를 만들어서, 적으면 원본과 키가 달라져 Sphinx가 모든 장을 다시 실행한다.
    # store_widget_state=False: 사이트의 데모는 커널 없이 도는 HTML(dlkit/widgets/_static.py)이라 위젯 상태가 필요 없다.
    # 담아 두면 커널에서 만들어지기만 한 위젯(예: demo_figure가 슬라이더 범위를 읽으려고 만든 조절기)의 상태가
    # 노트북에 남고, myst-nb가 그 페이지에 위젯 관리자(embed-amd.js, 3.6 MB, 렌더링 차단)를 싣는다(측정: 02·06장).
    client = NotebookClient(nb, timeout=timeout, allow_errors=False, record_timing=False, store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_execute=lambda cell, cell_index: current.append(cell_index))
    started = time.perf_counter()
    error = None
    try:
        client.execute(env=env)  # env는 커널을 띄울 때 넘어간다(jupyter_client KernelManager.start_kernel)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        error = exc  # DeadKernelError: 셀 도중 커널 프로세스가 끝났다(os._exit, 메모리 부족으로 죽음 등)
    seconds = time.perf_counter() - started
    if error is None:
        return path_str, nb, seconds, None
    index = current[-1] if current else None
    source_map = nb.metadata.get("source_map", [])
    line = source_map[index] + 1 if index is not None and index < len(source_map) else None
    first = nb.cells[index].source.strip().splitlines()[0] if index is not None and nb.cells[index].source.strip() else ""
    kind = (CELL_TIMEOUT if isinstance(error, CellTimeoutError)
            else KERNEL_DIED if isinstance(error, DeadKernelError) else CELL_ERROR)
    ename = getattr(error, "ename", "") or type(error).__name__
    evalue = ANSI.sub("", getattr(error, "evalue", "") or "").strip()
    detail = ANSI.sub("", str(error)).strip()
    return path_str, nb, seconds, Failure(path_str, index, line, first, kind, timeout, ename, evalue, detail)


def execute_pending(cache_dir: Path, chapters: list[Path], *, timeout: int, env: dict[str, str],
                    workers: int | None = None) -> dict[str, str | Failure]:
    """캐시에 없는 장을 나란히 실행하고 성공한 것만 캐시에 넣는다. 장 → "ok" 또는 :class:`Failure`."""
    from jupyter_cache import get_cache
    from jupyter_cache.cache.main import CacheBundleIn

    todo = pending_chapters(cache_dir, chapters)
    if not todo:
        return {}
    workers = workers or min(len(todo), os.cpu_count() or 1)
    cache = get_cache(cache_dir)
    status: dict[str, str | Failure] = {}
    # 오래 걸리는 장부터 시작하면 두 코어가 고르게 끝난다: 코드가 긴 장을 먼저 보낸다
    todo.sort(key=lambda p: -p.stat().st_size)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupt)
    try:
        futures = [pool.submit(_execute, str(p), timeout, env) for p in todo]
        for future in futures:
            path_str, nb, seconds, failure = future.result()
            if failure is not None:
                status[path_str] = failure
                continue
            cache.cache_notebook_bundle(
                CacheBundleIn(nb, path_str, data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True,
            )
            status[path_str] = "ok"
    except KeyboardInterrupt:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # 두 번째 Ctrl-C가 정리하는 도중에 프로세스를 죽이지 않게
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)
    return status


def _ignore_interrupt() -> None:
    """작업 프로세스는 Ctrl-C를 받지 않는다: 멈추는 것은 부모가 한다(둘이 함께 받으면 풀이 교착된다)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Ctrl-C: 기다리지 않고 작업 프로세스를 없앤다. 그 커널들은 부모가 사라진 것을 보고 스스로 끝난다
    (ipykernel의 parent poller). 캐시에는 끝난 장만 들어가 있으므로 다음 빌드가 나머지를 실행한다."""
    workers = list(getattr(pool, "_processes", {}).values())  # concurrent.futures 내부(3.11): 공개 API가 없다
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.kill()  # SIGTERM은 nbclient가 도는 작업 프로세스를 곧바로 끝내지 못했다(측정: 5초 넘게 남음)
    for process in workers:
        process.join(timeout=2)
