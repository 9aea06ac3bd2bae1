"""책 전용 Sphinx 확장의 입구: 각 기능 모듈의 setup을 차례로 부른다.

기능마다 모듈 하나(offline 자산, 한국어 UI, 검색 등)를 두고 여기서 묶기만 한다.
"""
from __future__ import annotations

import importlib

# 이 목록의 모듈은 _ext/ 안에 있고, 각자 setup(app)을 가진다.
FEATURE_MODULES: tuple[str, ...] = ()


def setup(app):
    for name in FEATURE_MODULES:
        importlib.import_module(name).setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
