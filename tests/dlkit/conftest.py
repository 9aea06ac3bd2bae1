"""dlkit 테스트(tests/dlkit/test_<모듈>.py) 공용 준비물.

tests/conftest.py(책 빌드, 서버, Chromium)도 그대로 적용된다. 공용 함수와 hypothesis 전략은 tests/helpers.py에 있다.
"""
import numpy as np
import pytest


@pytest.fixture
def rng() -> np.random.Generator:
    """테스트마다 새로 만드는 같은 시드의 난수 생성기."""
    return np.random.default_rng(0)
