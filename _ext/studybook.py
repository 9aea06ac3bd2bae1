"""책 전용 Sphinx 확장의 입구: `_ext/feature_*.py` 모듈의 setup(app)을 이름순으로 부른다.

기능마다 모듈 하나(오프라인 자산, 한국어 UI, 검색, 슬라이드 링크 등)를 두고,
여기서는 찾아서 부르기만 한다. 새 기능은 `_ext/feature_<이름>.py`를 추가하면 된다.
"""
from __future__ import annotations

import importlib
from pathlib import Path


def feature_modules() -> list[str]:
    return sorted(p.stem for p in Path(__file__).parent.glob("feature_*.py"))


def setup(app):
    for name in feature_modules():
        importlib.import_module(name).setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
