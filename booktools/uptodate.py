"""바뀐 것이 없는 빌드(no-op)를 알아본다: 지난 성공한 빌드와 입력이 같고 결과 폴더가 그대로면 할 일이 없다.

Sphinx는 아무것도 바뀌지 않았어도 시작하는 데만 몇 초가 걸리고(jupyter-book·myst-nb import, 환경 읽기,
실행 현황 페이지 다시 쓰기), 검색 색인(Pagefind)은 매번 사이트 전체를 다시 읽는다. 그래서 빌드는 맨 앞에서
"이 빌드의 결과를 정하는 것 전부"의 지문을 지난 성공한 빌드가 남긴 지문과 비교하고, 같으면 단계를 건너뛴다.

지문에 드는 것(하나라도 다르면 평소처럼 빌드한다):

- 책 폴더의 모든 파일 내용(장, 설정, 목차, booktools, dlkit, _vendor …). 빌드 결과·가상환경·도구 캐시는 뺀다
  (:data:`SKIPPED_NAMES`).
- 설치된 패키지(site-packages의 배포 이름과 버전)와 Python 버전: 패키지를 바꾸면 출력이 바뀔 수 있다.
- 한글 글꼴과 Chromium(PDF·덱 검사): 글꼴 폴더와 Chromium 실행 파일의 크기·수정 시각.
- 빌드 설정(:class:`booktools.settings.BuildSettings`에서 결과에 영향을 주는 것).
- 실행 캐시(_build/.jupyter_cache)의 파일 목록과 크기·수정 시각: 캐시를 지우면 다시 맞춘다.

그리고 결과 폴더(_build/html)의 파일 목록과 크기·수정 시각이 그 빌드가 끝났을 때와 같아야 한다
(누가 페이지를 지우거나 고쳤으면 다시 빌드한다). 지문은 빌드가 끝까지 성공한 뒤에만 쓰고, 평소 빌드를
시작할 때 지운다: 중간에 멈춘 빌드는 맞는 지문을 남기지 않는다.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

from booktools.settings import BuildSettings

STAMP_FILE = "up-to-date.json"
"""지난 성공한 빌드의 지문(_build/ 안)."""

SKIPPED_NAMES = frozenset({
    "_build", ".venv", ".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints",
    "node_modules", ".coverage", "coverage.xml",
})
"""지문에 넣지 않는 파일·폴더 이름(빌드 결과, 가상환경, 도구의 캐시: 책의 결과를 정하지 않는다)."""

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")
"""한글 글꼴을 찾는 폴더(matplotlib과 Chromium이 보는 곳): 폴더의 수정 시각으로 글꼴 설치·삭제를 안다."""

SETTING_FIELDS = ("repository_url", "repository_branch", "publish", "pdf", "chromium", "post_steps")
"""결과에 영향을 주는 빌드 설정(시작 시각, 프로세스 수, 다시 읽을 장 목록은 결과를 바꾸지 않는다)."""


def _skipped(name: str) -> bool:
    return name in SKIPPED_NAMES or name.endswith((".egg-info", ".pyc"))


def source_digest(root: Path) -> str:
    """책 폴더 파일 전부(:data:`SKIPPED_NAMES` 밖)의 경로와 내용의 해시."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _skipped(d))
        for name in sorted(filenames):
            if _skipped(name):
                continue
            path = Path(dirpath) / name
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            if path.is_symlink():
                digest.update(b"link:" + os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def _stat_entry(path: Path) -> list:
    try:
        st = path.stat()
    except OSError:
        return [path.as_posix(), None]
    return [path.as_posix(), st.st_size, st.st_mtime_ns]


def tree_stats(top: Path) -> list[list]:
    """폴더 아래 파일마다 [상대 경로, 크기, 수정 시각(ns)], 경로 순."""
    out = []
    if not top.is_dir():
        return out
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            entry = _stat_entry(path)
            entry[0] = path.relative_to(top).as_posix()
            out.append(entry)
    return out


def environment(settings: BuildSettings) -> dict:
    """책 폴더 밖에서 결과에 영향을 주는 것: Python, 설치된 패키지, 글꼴, Chromium, 빌드 설정."""
    site = Path(sysconfig.get_paths()["purelib"])
    packages = sorted(p.name for p in site.iterdir() if p.name.endswith((".dist-info", ".egg-link", ".pth"))) \
        if site.is_dir() else []
    fonts = [_stat_entry(Path(dirpath)) for top in FONT_DIRS if top.is_dir()
             for dirpath, _, _ in sorted(os.walk(top))]
    return {
        "python": sys.version,
        "executable": sys.executable,
        "packages": packages,
        "fonts": fonts,
        "chromium": _stat_entry(Path(settings.chromium)) if settings.chromium else None,
        "settings": {name: str(getattr(settings, name)) for name in SETTING_FIELDS},
    }


def inputs(root: Path, settings: BuildSettings, sources: str | None = None) -> dict:
    """이 빌드의 결과를 정하는 것 전부(비교할 지문). ``sources``를 주면 원본 지문으로 그 값을 쓴다."""
    build_dir = root / "_build"
    return {
        "sources": source_digest(root) if sources is None else sources,
        "environment": hashlib.sha256(json.dumps(environment(settings), sort_keys=True).encode()).hexdigest(),
        "cache": hashlib.sha256(json.dumps(tree_stats(build_dir / ".jupyter_cache")).encode()).hexdigest(),
    }


def outputs(root: Path) -> str:
    """결과 폴더(_build/html)의 파일 목록·크기·수정 시각의 해시."""
    return hashlib.sha256(json.dumps(tree_stats(root / "_build" / "html")).encode()).hexdigest()


def is_up_to_date(root: Path, settings: BuildSettings) -> bool:
    """지난 성공한 빌드와 입력이 같고 결과 폴더도 그대로인가(그러면 이 빌드는 할 일이 없다)."""
    stamp = root / "_build" / STAMP_FILE
    if not stamp.is_file():
        return False
    try:
        saved = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return saved.get("inputs") == inputs(root, settings) and saved.get("outputs") == outputs(root)


def forget(root: Path) -> None:
    """지문을 지운다(평소 빌드를 시작할 때: 중간에 멈추면 다음 빌드가 다시 맞춘다)."""
    (root / "_build" / STAMP_FILE).unlink(missing_ok=True)


def remember(root: Path, settings: BuildSettings, sources: str) -> None:
    """끝까지 성공한 빌드의 입력과 결과 폴더의 지문을 남긴다.

    ``sources``는 빌드를 시작할 때 잰 :func:`source_digest`다: 빌드하는 동안 원본을 고치면 다음 빌드가 그것을
    최신으로 보지 않고 다시 만든다(끝에서 다시 재면 고친 원본이 빌드되지 않은 채 '바뀐 것 없음'이 된다)."""
    stamp = root / "_build" / STAMP_FILE
    stamp.parent.mkdir(parents=True, exist_ok=True)
    data = {"inputs": inputs(root, settings, sources), "outputs": outputs(root)}
    stamp.write_text(json.dumps(data, indent=1), encoding="utf-8")
