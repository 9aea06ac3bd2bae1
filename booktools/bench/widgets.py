"""인터랙티브 데모의 실시간 갱신 속도: 슬라이더 한 칸마다 걸리는 시간(중앙값).

``dk.widgets.DEMOS``에 등록된 데모마다 주 슬라이더를 한 칸씩 움직이며 두 방식을 같은 실행 안에서 잰다.

- live: 데모 위젯(실시간 모드)이 하는 일 그대로. 한 번 만든 그림과 선을 다시 쓰며
  ``update`` → PNG → ``Image.value``.
- naive: 매번 ``plt.figure``를 새로 만들어 처음부터 그리고(``setup`` + ``update``)
  ``savefig``로 PNG를 만든 뒤 닫는다.

데이터 계산(학습, 경로)은 두 방식이 같은 캐시를 쓰므로 그림 그리기 비용만 비교한다.
목표: live 중앙값 ≤ 50 ms, live/naive ≤ 0.5.

``make bench``가 :func:`run`을 부른다(booktools.bench). 목표는 :data:`booktools.bench.BUDGETS`에 있다.
"""
from __future__ import annotations

import io
import statistics
import time

import dlkit.widgets as W  # 설치된(편집 가능 설치) 패키지를 쓴다: sys.path를 고치지 않는다

from booktools.bench.budgets import BUDGETS

TARGET_MS = BUDGETS["widget_step_ms"]
TARGET_RATIO = BUDGETS["widget_ratio_to_naive"]
SWEEP_STEPS = 20
"""데모마다 주 조절기를 움직이는 걸음 수."""


def sweep(spec) -> tuple[str, list]:
    """데모 정의에서 움직일 조절기(정적 모드의 마지막 슬라이더와 같은 실시간 조절기)와 그 값 목록.

    값은 실시간 조절기의 범위 전체에서 고르게(로그 슬라이더는 로그 간격으로) ``SWEEP_STEPS``개를 고른다.
    """
    import numpy as np

    control = [a for a in spec.static_axes if a.kind == "slider"][-1].param
    ctrl = spec.live_controls()[control]
    kind = type(ctrl).__name__
    if kind == "FloatLogSlider":
        values = [float(v) for v in np.logspace(ctrl.min, ctrl.max, SWEEP_STEPS, base=ctrl.base)]
    elif kind == "IntSlider":
        values = sorted({int(ctrl.min + round((v - ctrl.min) / ctrl.step) * ctrl.step)
                         for v in np.linspace(ctrl.min, ctrl.max, SWEEP_STEPS)})
    elif kind == "FloatSlider":
        values = sorted({float(ctrl.min + round((v - ctrl.min) / ctrl.step) * ctrl.step)
                         for v in np.linspace(ctrl.min, ctrl.max, SWEEP_STEPS)})
    else:  # 선택지가 있는 조절기
        values = [o[1] if isinstance(o, tuple) else o for o in ctrl.options]
    return control, values


def bench_demo(name: str) -> dict:
    import matplotlib.pyplot as plt

    from dlkit.widgets._frames import demo_style

    widget = W.demo(name, mode="live")
    state = widget.dlkit_demo
    control, values = sweep(state.spec)
    ctrl = state.controls[control]
    # 한 바퀴 먼저 돌려 데이터 캐시를 채운다(두 방식이 같은 캐시를 쓴다)
    for v in values:
        ctrl.value = v
    live = []
    for v in values:
        t0 = time.perf_counter()
        ctrl.value = v  # observer → update → PNG → Image.value
        live.append(time.perf_counter() - t0)
    spec = state.spec
    naive = []
    for v in values:
        params = state.params()
        params[control] = ctrl.value
        t0 = time.perf_counter()
        with demo_style():  # live와 같은 글꼴·스타일(그 비용도 같이 잰다)
            fig = plt.figure(figsize=spec.figsize, dpi=100, layout="constrained")
            spec.setup(fig)
            spec.update(**params)
            buf = io.BytesIO()
            fig.savefig(buf, format="png")
            plt.close(fig)
        naive.append(time.perf_counter() - t0)
        ctrl.value = v
    live_ms = statistics.median(live) * 1000
    naive_ms = statistics.median(naive) * 1000
    return {"demo": name, "control": control, "steps": len(values), "live_ms": round(live_ms, 1),
            "naive_ms": round(naive_ms, 1), "ratio": round(live_ms / naive_ms, 3),
            "renders": state.renders,
            "ok": live_ms <= TARGET_MS and live_ms / naive_ms <= TARGET_RATIO}


def run() -> dict:
    """등록된 데모마다 live/naive 한 걸음 시간(중앙값)."""
    results = [bench_demo(name) for name in sorted(W.DEMOS)]
    print(f"{'데모':<22}{'live ms':>9}{'naive ms':>10}{'비율':>7}  목표(≤{TARGET_MS:g} ms, ≤{TARGET_RATIO}×)")
    for r in results:
        print(f"{r['demo']:<22}{r['live_ms']:>9.1f}{r['naive_ms']:>10.1f}{r['ratio']:>7.2f}  "
              f"{'통과' if r['ok'] else '미달'}")
    return {"target_ms": TARGET_MS, "target_ratio": TARGET_RATIO, "results": results}
