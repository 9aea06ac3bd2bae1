"""`make bench`(`python -m booktools bench`): 빌드 속도, 캐시 정확성, 데모 반응 시간, 페이지 무게, 학습 루프 속도를 잰다.

결과는 benchmarks/results/latest.json 과 latest.md 에 쓴다. 예산(budget)을 넘긴 항목은
숨기지 않고 "초과"로 적는다. 이 기계는 시끄러우니 여러 번 잴 수 있는 것은 중앙값을 쓴다.
테스트가 아니므로 예산 초과가 종료 코드를 바꾸지는 않는다(`--strict`를 주면 바꾼다).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from booktools.bench.budgets import BUDGETS
from booktools.chapters import chapters_using
from booktools.tree import copy_source_tree  # 테스트와 같은 방식으로 깨끗한 트리를 만든다

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"



def timed_build(root: Path, *extra: str) -> dict:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "booktools", "build", str(root), *extra],  # 새 프로세스: 콜드 시작까지 잰다
        cwd=root, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"빌드 실패({root}):\n{(proc.stdout + proc.stderr)[-4000:]}")
    report = json.loads((root / "_build" / "exec-report.json").read_text())
    return {"seconds": round(seconds, 2), "executed": report["executed"]}


def chapter_exec_seconds(root: Path) -> dict[str, float]:
    """jupyter-cache 기록에서 장마다 가장 최근 실행 시간."""
    from jupyter_cache import get_cache

    out: dict[str, tuple] = {}
    for rec in get_cache(root / "_build" / ".jupyter_cache").list_cache_records():
        name = Path(rec.uri).name
        if name not in out or rec.created > out[name][0]:
            out[name] = (rec.created, rec.data.get("execution_seconds"))
    return {name: round(sec, 2) for name, (_, sec) in sorted(out.items()) if sec is not None}


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def page_weights(html: Path) -> dict[str, int]:
    """장 페이지마다: HTML 자체(포함된 위젯 프레임) + 그 페이지가 참조하는 _images/ 파일."""
    weights = {}
    for page in sorted((html / "chapters").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        size = len(text.encode())
        for ref in set(re.findall(r'src="\.\./(_images/[^"]+)"', text)):
            target = html / ref
            if target.exists():
                size += target.stat().st_size
        weights[page.name] = size
    return weights


def dlkit_chapters(root: Path) -> list[str]:
    """dlkit을 import하는 장(빌드와 같은 판단: booktools.chapters.chapters_using)."""
    return sorted(ch.source for ch in chapters_using(root, "dlkit"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m booktools bench", description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="싼 측정(no-op 빌드)의 반복 횟수")
    parser.add_argument("--cold-repeat", type=int, default=1, help="콜드 빌드 반복 횟수")
    parser.add_argument("--strict", action="store_true", help="예산 초과 시 종료 코드 1")
    args = parser.parse_args(argv)

    results: dict = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    work = Path(tempfile.mkdtemp(prefix="studybook-bench-"))
    try:
        cold = []
        for i in range(args.cold_repeat):
            root = copy_source_tree(ROOT, work / f"cold{i}")
            cold.append(timed_build(root))
        results["cold_build"] = {"runs_s": [c["seconds"] for c in cold],
                                 "median_s": statistics.median(c["seconds"] for c in cold),
                                 "executed": cold[-1]["executed"]}
        results["chapter_exec_s"] = chapter_exec_seconds(root)

        noop = [timed_build(root) for _ in range(args.repeat)]
        results["noop_build"] = {"runs_s": [n["seconds"] for n in noop],
                                 "median_s": statistics.median(n["seconds"] for n in noop),
                                 "executed": sorted({e for n in noop for e in n["executed"]})}

        chapter = root / "chapters" / "02_bias.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + '\n\n```{code-cell} ipython3\nprint("bench")\n```\n')
        results["chapter_edit_build"] = timed_build(root)

        init = root / "dlkit" / "data.py"
        init.write_text(init.read_text(encoding="utf-8") + "\n\ndef _bench_marker() -> int:\n    return 1\n")
        results["dlkit_edit_build"] = timed_build(root)
        results["dlkit_chapters"] = dlkit_chapters(root)

        html = root / "_build" / "html"
        weights = page_weights(html)
        results["page_weight_bytes"] = weights
        results["shared_assets_bytes"] = {
            "_static": dir_size(html / "_static"),
            "pagefind": dir_size(html / "pagefind"),
            "slides": dir_size(html / "slides"),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)

    from booktools.bench import training, widgets

    results["widgets"] = widgets.run()
    results["training"] = training.run()

    results["budgets"] = check_budgets(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    (RESULTS / "latest.md").write_text(to_markdown(results))
    print(to_markdown(results))
    failed = [b for b in results["budgets"] if not b["ok"]]
    return 1 if (failed and args.strict) else 0


def check_budgets(r: dict) -> list[dict]:
    checks = []

    def add(name, value, limit, ok):
        checks.append({"budget": name, "value": value, "limit": limit, "ok": bool(ok)})

    cold = r["cold_build"]["median_s"]
    noop = r["noop_build"]["median_s"]
    add("콜드 빌드(초)", cold, f"≤ {BUDGETS['cold_build_s']}", cold <= BUDGETS["cold_build_s"])
    add("no-op 빌드(초)", noop, f"≤ {BUDGETS['noop_build_s']}", noop <= BUDGETS["noop_build_s"])
    add("no-op/콜드 비율", round(noop / cold, 3), f"≤ {BUDGETS['noop_fraction_of_cold']}",
        noop / cold <= BUDGETS["noop_fraction_of_cold"])
    add("no-op 빌드에서 실행한 장", r["noop_build"]["executed"], "[]", r["noop_build"]["executed"] == [])
    add("한 장 수정 시 실행한 장", r["chapter_edit_build"]["executed"], "['chapters/02_bias.md']",
        r["chapter_edit_build"]["executed"] == ["chapters/02_bias.md"])
    add("dlkit 수정 시 실행한 장", r["dlkit_edit_build"]["executed"], "dlkit을 import하는 장 전부",
        r["dlkit_edit_build"]["executed"] == r["dlkit_chapters"])
    heaviest = max(r["page_weight_bytes"].values()) / 1e6 if r["page_weight_bytes"] else 0
    add("가장 무거운 장 페이지(MB)", round(heaviest, 3), f"≤ {BUDGETS['heaviest_page_mb']}",
        heaviest <= BUDGETS["heaviest_page_mb"])
    widgets = r.get("widgets") or {}
    for w in widgets.get("results") or []:
        add(f"위젯 {w['demo']} 한 단계(ms, 중앙값)", w["live_ms"], f"≤ {BUDGETS['widget_step_ms']}",
            w["live_ms"] <= BUDGETS["widget_step_ms"])
        add(f"위젯 {w['demo']} / 단순 재작도({w['naive_ms']} ms)", w["ratio"],
            f"≤ {BUDGETS['widget_ratio_to_naive']}", w["ratio"] <= BUDGETS["widget_ratio_to_naive"])
    if not widgets.get("results"):
        add("위젯 벤치마크", "없음/실패" if not widgets else widgets.get("error", "")[-200:], "실행됨", False)
    training = r.get("training") or {}
    if training and "ratio" in training:
        add(f"dlkit 학습 루프 / torch ({training['dlkit_median_s']:.4f} s / {training['torch_median_s']:.4f} s)",
            round(training["ratio"], 3), "≤ 2", training["ratio"] <= 2)
    else:
        add("학습 벤치마크", "없음/실패", "실행됨", False)
    return checks


def to_markdown(r: dict) -> str:
    lines = [
        "# 벤치마크 결과", "",
        f"- 측정: {r['when']}, 코어 {r['machine']['cores']}개, Python {r['machine']['python']}",
        f"- 콜드 빌드: 중앙값 {r['cold_build']['median_s']} 초 (실행 {len(r['cold_build']['executed'])}장)",
        f"- no-op 빌드: 중앙값 {r['noop_build']['median_s']} 초, 실행 {r['noop_build']['executed']}",
        f"- 한 장 수정: {r['chapter_edit_build']['seconds']} 초, 실행 {r['chapter_edit_build']['executed']}",
        f"- dlkit 수정: {r['dlkit_edit_build']['seconds']} 초, 실행 {r['dlkit_edit_build']['executed']}",
        "", "## 장별 실행 시간(초)", "",
    ]
    lines += [f"- {k}: {v}" for k, v in r["chapter_exec_s"].items()]
    lines += ["", "## 페이지 무게(바이트, HTML+이미지)", ""]
    lines += [f"- {k}: {v:,}" for k, v in r["page_weight_bytes"].items()]
    lines += [f"- 공유 자산 {k}: {v:,}" for k, v in r["shared_assets_bytes"].items()]
    lines += ["", "## 예산", "", "| 항목 | 값 | 예산 | 결과 |", "| --- | --- | --- | --- |"]
    lines += [f"| {b['budget']} | {b['value']} | {b['limit']} | {'통과' if b['ok'] else '초과'} |" for b in r["budgets"]]
    return "\n".join(lines) + "\n"

