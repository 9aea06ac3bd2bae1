"""실행 캐시(jupyter-cache)를 지금 원본에 맞게 한다: dlkit·고정 버전이 바뀌면 그것을 쓰는 장의 기록을 지운다.

jupyter-cache는 코드 셀만 보고 캐시 키를 만든다(MyST-NB issue 299). 그래서 dlkit이나
그림 설정이 바뀌면 예전 출력이 그대로 재사용된다. 여기서 그런 입력들의 지문(fingerprint)을
기록해 두었다가, 바뀌면 그것을 쓰는 장(:func:`booktools.chapters.chapters_using`)의 캐시 기록만 지운다.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from booktools.chapters import chapters_using

# 장의 실행 결과에 영향을 주는 파일들: 바뀌면 이것을 import하는 장을 다시 실행한다. dlkit은 파이썬 파일만이 아니라
# 패키지 데이터(데모의 demo.js·demo.css, 퀴즈의 quiz.js·quiz.css)도 셀 출력 HTML에 그대로 실린다: 그래서 폴더의
# 모든 파일을 센다(예전에 *.py만 세어 demo.js를 고쳐도 캐시된 장이 옛 스크립트를 실었다).
DEPENDENCY_GLOBS = ("dlkit/**/*", "requirements.txt")
FINGERPRINT_FILE = "dlkit-fingerprint.txt"


def cache_dir(root: Path) -> Path:
    """책의 실행 캐시 폴더(_config.yml의 execute.cache와 같은 곳)."""
    return root / "_build" / ".jupyter_cache"


def fingerprint(root: Path) -> str:
    """장의 실행에 영향을 주는 파일 내용의 해시."""
    digest = hashlib.sha256()
    for pattern in DEPENDENCY_GLOBS:
        for path in sorted(root.glob(pattern)):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def as_chapter(uri: str, sources: list[str]) -> str:
    """캐시 기록의 절대 경로를 장의 상대 경로로 바꾼다(책 폴더를 복사해도 맞도록 끝부분으로 비교)."""
    posix = Path(uri).as_posix()
    for rel in sources:
        if posix == rel or posix.endswith("/" + rel):
            return rel
    return posix


def invalidate_stale(root: Path, cache: Path, current: str) -> list[str]:
    """지문이 ``current``(이 빌드를 시작할 때의 :func:`fingerprint`)와 다르면 dlkit을 쓰는 장의 캐시 기록을 지우고,
    지운 장의 목록을 돌려준다."""
    stamp = cache / FINGERPRINT_FILE
    previous = stamp.read_text().strip() if stamp.exists() else None
    removed: list[str] = []
    if previous is not None and previous != current and cache.exists():
        from jupyter_cache import get_cache

        jc = get_cache(cache)
        dependents = [ch.source for ch in chapters_using(root, "dlkit")]
        for rec in jc.list_cache_records():
            rel = as_chapter(rec.uri, dependents)
            if rel in dependents:
                jc.remove_cache(rec.pk)
                removed.append(rel)
    return sorted(set(removed))


def write_fingerprint(cache: Path, value: str) -> None:
    """성공한 빌드가 실행에 쓴 지문 ``value``를 남긴다. 빌드를 시작할 때 잰 값이어야 한다: 끝날 때 다시 재면
    빌드하는 동안 고친 dlkit이 실행되지 않았는데도 다음 빌드가 최신이라고 본다."""
    cache.mkdir(parents=True, exist_ok=True)
    (cache / FINGERPRINT_FILE).write_text(value + "\n")
