"""성능 예산(한 곳에서만 정의): `make bench`가 재어 이 값과 비교해 보고한다(테스트가 아니다).

데모 벤치마크(:mod:`booktools.bench.widgets`)의 목표도 여기서 읽는다.
"""
from __future__ import annotations

BUDGETS = {
    "cold_build_s": 120.0,
    "noop_build_s": 10.0,
    "noop_fraction_of_cold": 0.10,
    "widget_step_ms": 50.0,
    "widget_ratio_to_naive": 0.5,
    "heaviest_page_mb": 1.5,
}
