"""깨끗한 원본 트리의 복사본: git이 추적하거나 무시하지 않는 파일만(_build, .venv 제외).

테스트(한 번의 깨끗한 빌드, 고장 주입)와 벤치마크(콜드 빌드)가 같은 방법으로 만든다.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def source_files(root: Path) -> list[str]:
    """``root`` 저장소의 원본 파일(책 뿌리 기준 상대 경로)."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"],
                         cwd=root, check=True, capture_output=True).stdout.decode()
    return [rel for rel in out.split("\0") if rel and (root / rel).is_file()]


def copy_source_tree(root: Path, dest: Path) -> Path:
    """``root``의 원본 파일을 ``dest``로 복사하고 ``dest``를 돌려준다."""
    for rel in source_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)
    return dest
