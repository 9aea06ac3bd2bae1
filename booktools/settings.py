"""빌드 설정(한 곳에서만 정의): 명령줄이 만들고, 단계마다 인자로 넘긴다. 환경 변수에서 짐작하지 않는다.

Sphinx 확장에는 :meth:`BuildSettings.sphinx_config`가 설정값(confoverrides)으로 들어간다.
데모가 미리 그린 프레임을 쓸지(static)는 장을 실행하는 커널의 환경으로 넘긴다(:meth:`kernel_env`):
빌드가 띄우는 커널만 static이고, 독자의 커널은 아무것도 정하지 않아 live다.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from booktools import browser

# Sphinx 설정값 이름(확장이 add_config_value로 등록한다: booktools.sphinxext)
CONFIG_REPOSITORY_URL = "studybook_repository_url"
CONFIG_REPOSITORY_BRANCH = "studybook_repository_branch"
CONFIG_CAN_PRINT = "studybook_can_print"
CONFIG_BUILD_STARTED = "studybook_build_started"
CONFIG_REREAD = "studybook_reread"
# 커널에 넘기는 것(dlkit이 읽는 이름: dlkit.widgets, dlkit.training)
DEMO_MODE_VARIABLE = "DLKIT_WIDGETS"
PROGRESS_VARIABLE = "DLKIT_PROGRESS"


@dataclass(frozen=True)
class BuildSettings:
    """한 번의 빌드가 쓰는 설정. 빈 저장소 값은 `_config.yml`의 repository:를 쓴다는 뜻."""
    repository_url: str = ""
    repository_branch: str = ""
    publish: bool = False
    pdf: bool = True                      # 인쇄용 PDF를 만들려는가(--no-pdf면 False)
    chromium: Path | None = browser.DEFAULT_CHROMIUM
    workers: int | None = None            # 장을 나란히 실행할 프로세스 수(None: 코어 수, 1: 하나씩)
    post_steps: bool = True               # 덱·유인물·검색 색인까지 만드는가(--no-post면 False)
    started: float = field(default_factory=time.time)
    # 이번 빌드에서 실행한 장(docname): 원본이 그대로여도 출력이 새것이니 Sphinx가 다시 읽어야 한다
    reread: tuple[str, ...] = ()

    def print_blocker(self) -> str | None:
        """인쇄용 PDF를 만들 수 없는 이유(한국어), 만들 수 있으면 None."""
        if not self.pdf:
            return "인쇄를 끈 빌드입니다(python -m booktools build --no-pdf)"
        if browser.chromium_path(self.chromium) is None:
            return f"Chromium이 없습니다({self.chromium}; apt install chromium 뒤 다시 빌드하세요)"
        return None

    @property
    def can_print(self) -> bool:
        return self.print_blocker() is None

    def sphinx_config(self) -> dict:
        """Sphinx 확장이 읽는 설정값(jupyter-book의 confoverrides로 넘긴다)."""
        return {
            CONFIG_REPOSITORY_URL: self.repository_url,
            CONFIG_REPOSITORY_BRANCH: self.repository_branch,
            CONFIG_CAN_PRINT: self.can_print,
            CONFIG_BUILD_STARTED: self.started,
            CONFIG_REREAD: list(self.reread),
        }

    def kernel_env(self, root: Path) -> dict[str, str]:
        """장을 실행하는 커널의 환경: 이 책 폴더의 dlkit, 미리 그린 데모 프레임, 진행 막대 없음."""
        env = dict(os.environ)
        # 커널이 설치본이 아니라 이 책 폴더의 dlkit을 import하도록(복사본에서 빌드해도 맞게).
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
        env[DEMO_MODE_VARIABLE] = "static"   # 데모는 미리 그린 프레임을 페이지에 담는다(커널 없는 사이트용)
        env[PROGRESS_VARIABLE] = "0"         # 진행 막대를 그리지 않는다(stderr/멈춘 위젯 방지)
        env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugpy의 stderr 경고 방지
        return env
