"""booktools.settings: 빌드 설정은 인자로 넘어가고, 커널에 넘기는 값은 dlkit이 읽는 이름과 같다."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from booktools.settings import (CONFIG_CAN_PRINT, CONFIG_REPOSITORY_URL, DEMO_MODE_VARIABLE, PROGRESS_VARIABLE,
                                BuildSettings)
from helpers import ROOT


def kernel_answers(env: dict) -> str:
    return subprocess.run([sys.executable, "-c", "import dlkit.widgets._frames as F; print(F.get_mode())"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_the_build_kernel_draws_static_frames_and_a_readers_kernel_is_live():
    env = BuildSettings().kernel_env(ROOT)
    assert env[DEMO_MODE_VARIABLE] == "static" and env[PROGRESS_VARIABLE] == "0"
    assert kernel_answers(env) == "static"      # dlkit이 읽는 이름과 같다(이름이 어긋나면 여기서 live)
    reader = {k: v for k, v in env.items() if k != DEMO_MODE_VARIABLE}
    assert kernel_answers(reader) == "live"     # 음성 대조: 아무것도 정하지 않은 독자의 커널


def test_printing_follows_the_settings_not_the_environment(tmp_path):
    assert BuildSettings(pdf=False).print_blocker().startswith("인쇄를 끈 빌드")
    missing = BuildSettings(chromium=tmp_path / "no-chromium")
    assert "Chromium이 없습니다" in missing.print_blocker() and not missing.can_print
    config = BuildSettings(pdf=False, repository_url="https://github.com/a/b").sphinx_config()
    assert config[CONFIG_CAN_PRINT] is False and config[CONFIG_REPOSITORY_URL] == "https://github.com/a/b"


def test_kernel_env_puts_this_book_first_on_the_import_path(tmp_path):
    env = BuildSettings().kernel_env(Path("/some/book"))
    assert env["PYTHONPATH"].split(":")[0] == "/some/book"
