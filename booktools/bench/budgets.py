"""성능 예산(한 곳에서만 정의): `make bench`가 재어 이 값과 비교해 보고한다(테스트가 아니다).

데모 벤치마크(:mod:`booktools.bench.widgets`)의 목표도 여기서 읽는다. 페이지 무게는
:mod:`booktools.bench.pageweight`의 정의(Chromium 첫 방문, 모든 요청, 정적 호스트의 gzip 크기)로 잰 값이다.
"""
from __future__ import annotations

BUDGETS = {
    # 빌드 시간(초, 이 기계 코어 2개): 콜드 빌드 ≤ 40, 아무것도 안 바뀐 빌드(no-op) ≤ 3
    "cold_build_s": 40.0,
    "noop_build_s": 3.0,
    "noop_fraction_of_cold": 0.10,
    "widget_step_ms": 50.0,
    "widget_ratio_to_naive": 0.5,
    # 첫 방문 무게(gzip, MB = 10^6 바이트): 가장 무거운 장, 데모도 수식도 없는 페이지
    "heaviest_chapter_gzip_mb": 1.5,
    "plain_page_gzip_mb": 0.4,
    # 어느 페이지든 <head>에서 렌더링을 막는 스크립트 하나의 크기(raw, KB = 10^3 바이트)
    "blocking_script_kb": 100.0,
    # 정적 데모(booktools.bench.demos의 정의): 장의 첫 방문에 데모가 더하는 바이트(gzip, KB = 10^3 바이트),
    # 조절기를 바꿔 새 프레임이 보이기까지(중앙값, ms): 이미 받은 프레임, 로컬 서버에서 처음 받는 프레임
    "demo_first_visit_kb": 300.0,
    "frame_fetched_ms": 100.0,
    "frame_first_fetch_ms": 300.0,
    # 보고만 하는 Core Web Vitals 목표(Lighthouse 모바일, 있을 때): 예산 검사는 위의 바이트·차단 예산이 한다
    "lighthouse_performance": 90,
    "lighthouse_lcp_s": 2.5,
    "lighthouse_cls": 0.1,
}
