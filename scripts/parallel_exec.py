"""캐시에 없는 장을 두 코어에서 나란히 실행해 jupyter-cache에 넣는다(빌드 전 단계).

Sphinx(MyST-NB)는 장을 하나씩 차례로 실행한다. 여기서 먼저 myst-nb와 똑같은 방식(같은
리더, 같은 캐시 키)으로 캐시에 없는 장을 찾아 프로세스 여러 개로 실행해 두면, 이어지는
Sphinx 빌드는 모두 캐시에서 가져온다. 실패한 장은 캐시에 넣지 않는다: Sphinx가 다시
실행해 그 장 파일과 실패한 셀을 이름으로 알리며 빌드를 실패시킨다.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _read(path: Path):
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


def _execute(path_str: str, timeout: int):
    """한 장을 실행한다(작업 프로세스 안). 실행된 노트북, 걸린 시간, 오류 여부를 돌려준다."""
    from jupyter_cache.executors.utils import single_nb_execution

    path = Path(path_str)
    nb = _read(path)
    result = single_nb_execution(nb, cwd=str(path.parent), timeout=timeout, allow_errors=False)
    return path_str, nb, result.time, result.err is not None


def execute_pending(cache_dir: Path, chapters: list[Path], *, timeout: int = 120,
                    workers: int | None = None) -> dict[str, str]:
    """캐시에 없는 장을 나란히 실행하고 성공한 것만 캐시에 넣는다. 장 → "ok"/"failed"."""
    from jupyter_cache import get_cache
    from jupyter_cache.cache.main import CacheBundleIn

    todo = pending_chapters(cache_dir, chapters)
    if not todo:
        return {}
    workers = workers or min(len(todo), os.cpu_count() or 1)
    cache = get_cache(cache_dir)
    status: dict[str, str] = {}
    # 오래 걸리는 장부터 시작하면 두 코어가 고르게 끝난다: 코드가 긴 장을 먼저 보낸다
    todo.sort(key=lambda p: -p.stat().st_size)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_execute, str(p), timeout) for p in todo]
        for future in futures:
            path_str, nb, seconds, failed = future.result()
            if failed:
                status[path_str] = "failed"
                continue
            cache.cache_notebook_bundle(
                CacheBundleIn(nb, path_str, data={"execution_seconds": seconds}),
                check_validity=False, overwrite=True,
            )
            status[path_str] = "ok"
    return status
