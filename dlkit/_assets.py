"""패키지에 함께 든 글자 파일(HTML에 그대로 넣는 스크립트·스타일)을 읽는다. 퀴즈와 정적 데모가 쓴다."""
from __future__ import annotations

from importlib import resources


def package_text(package: str, name: str, what: str) -> str:
    """``package`` 안의 파일 ``name``. 없으면 설치가 불완전하다는 한국어 오류(``what``: 무엇의 파일인가)."""
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise RuntimeError(
            f"dlkit 패키지에 {what} 파일 {name}이 없습니다: 설치가 불완전합니다. "
            "저장소에서 다시 설치하세요(pip install --force-reinstall 'dlkit @ git+...')."
        ) from exc
