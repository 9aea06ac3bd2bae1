"""검색의 첫 결과까지 걸리는 시간(booktools/bench/search.py)이 `make bench`의 보고서(latest.md)에 들어가는지.

`make bench` 전체는 느리므로 돌리지 않는다. 보고서를 만드는 함수(to_markdown)에 측정 결과를 넣어 보고, 측정이
실패했을 때 벤치마크를 멈추지 않고 까닭을 적는지 본다. 실제 측정은 `python -m booktools.bench.search`로 따로 돌린다.
"""
from __future__ import annotations

from pathlib import Path

import booktools.bench as bench
from booktools.bench import search as search_timing

MEASURED = {"runs": 3, "count": 6, "median_ms": 412.3, "max_ms": 980.0,
            "queries": {"편향": 401.0, "에폭": 420.5}}


def minimal_results(**extra) -> dict:
    """to_markdown이 읽는 칸만 채운 결과(빌드 측정은 지어 넣은 값)."""
    build = {"median_s": 1.0, "seconds": 1.0, "executed": [], "stages": {}}
    return {"when": "2026-12-04 00:00:00", "machine": {"cores": 2, "python": "3.11"},
            "cold_build": build, "noop_build": build, "chapter_edit_build": build, "dlkit_edit_build": build,
            "chapter_exec_s": {}, "shared_assets_bytes": {}, "budgets": [], **extra}


def test_latest_md_reports_the_search_median_and_every_query():
    text = bench.to_markdown(minimal_results(search=MEASURED))
    assert "## 검색: 첫 결과까지" in text
    assert "중앙값 412.3 ms, 최대 980 ms (검색어 2개 × 3번)" in text
    assert "| 편향 | 401 |" in text and "| 에폭 | 420.5 |" in text
    # 보고서 안의 자리: 데모 다음, Lighthouse 앞
    assert text.index("## 정적 데모") < text.index("## 검색: 첫 결과까지") < text.index("## Lighthouse")


def test_latest_md_says_why_when_search_was_not_measured():
    text = bench.to_markdown(minimal_results(search={"skipped": "Chromium이 없어 재지 못했습니다"}))
    assert "## 검색: 첫 결과까지\n\n- Chromium이 없어 재지 못했습니다" in text
    # 예전 결과 파일(검색 칸이 없던 것)도 보고서로 만들 수 있다
    assert "## 검색: 첫 결과까지\n\n- 재지 못함" in bench.to_markdown(minimal_results())


def test_a_failed_search_measurement_is_reported_not_raised(monkeypatch):
    calls = []

    def boom(html, chromium):
        calls.append((html, chromium))
        raise TimeoutError("첫 결과가 15 s 안에 뜨지 않았습니다\n(자세한 기록)")

    monkeypatch.setattr(search_timing, "report", boom)
    got = bench.search_report(Path("html"), Path("chromium"))
    assert calls == [(Path("html"), Path("chromium"))]
    assert got == {"skipped": "재지 못했습니다(TimeoutError: 첫 결과가 15 s 안에 뜨지 않았습니다)"}
    # 그대로 넘기면 측정값이 보고서에 간다
    monkeypatch.setattr(search_timing, "report", lambda html, chromium: MEASURED)
    assert bench.search_report(Path("html"), Path("chromium")) is MEASURED
