"""업스트림 내부를 건드리는 우회는 booktools/sphinxext/workarounds.py 한 곳에, 맞춘 버전과 함께 있다.

설치된 버전이 적어 둔 버전과 다르면 실패한다: 업그레이드한 사람이 그 우회가 아직 필요하고 맞는지 보고
버전을 고치게 한다(우회가 조용히 낡지 않게)."""
from __future__ import annotations

import importlib.metadata

import pytest

from booktools.sphinxext import workarounds
from helpers import ROOT


@pytest.mark.parametrize("item", workarounds.WORKAROUNDS, ids=lambda w: w.name)
def test_workaround_was_written_against_the_installed_version(item):
    installed = importlib.metadata.version(item.package)
    assert installed == item.version, (
        f"{item.package} {installed}: 우회 '{item.name}'({item.where})는 {item.version}에 맞춰 썼습니다. "
        f"아직 필요한지 확인하고 workarounds.py의 버전을 고치세요. 이유: {item.why}")


@pytest.mark.parametrize("item", workarounds.WORKAROUNDS, ids=lambda w: w.name)
def test_each_workaround_points_to_something_that_exists(item):
    assert item.why and item.version
    exists = hasattr(workarounds, item.where) or (ROOT / item.where).is_file()
    assert exists, f"{item.where}가 없습니다"


def test_the_version_check_can_fail(monkeypatch):
    item = workarounds.WORKAROUNDS[0]
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.0.0")
    with pytest.raises(AssertionError, match="버전을 고치세요"):
        test_workaround_was_written_against_the_installed_version(item)
