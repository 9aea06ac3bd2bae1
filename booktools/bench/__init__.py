"""`make bench`(`python -m booktools bench`): 빌드 속도, 캐시 정확성, 데모 반응 시간, 검색 시간, 페이지 무게, 학습 루프 속도를 잰다.

정적 데모(첫 방문에 더하는 바이트, 조절기 → 새 프레임 시간)는 :mod:`booktools.bench.demos`가 잰다.
검색의 첫 결과까지 걸리는 시간(검색어를 넣은 때부터, 빈 캐시)은 :mod:`booktools.bench.search`가 잰다(보고만, 예산 없음).

페이지 무게는 :mod:`booktools.bench.pageweight`의 정의(Chromium 첫 방문에 받는 모든 것, raw와 gzip)로 잰다.
Lighthouse가 설치되어 있으면(:mod:`booktools.bench.lighthouse`) 장 페이지마다 모바일 성능·LCP·CLS도 적는다.

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

from booktools import browser
from booktools.bench import demos, lighthouse, pageweight
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
    return {"seconds": round(seconds, 2), "executed": report["executed"], "stages": report.get("stages", {})}


def median_stages(runs: list[dict]) -> dict[str, float]:
    """여러 빌드의 단계별 시간(빌드가 exec-report.json에 적은 것)의 단계마다 중앙값."""
    names = [name for name in runs[0]["stages"]] if runs else []
    return {name: round(statistics.median(r["stages"].get(name, 0.0) for r in runs), 2) for name in names}


def stage_text(stages: dict[str, float]) -> str:
    return ", ".join(f"{name} {sec:g}초" for name, sec in stages.items()) or "기록 없음"


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


def dlkit_chapters(root: Path) -> list[str]:
    """dlkit을 import하는 장(빌드와 같은 판단: booktools.chapters.chapters_using)."""
    return sorted(ch.source for ch in chapters_using(root, "dlkit"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m booktools bench", description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="싼 측정(no-op 빌드)의 반복 횟수")
    parser.add_argument("--cold-repeat", type=int, default=1, help="콜드 빌드 반복 횟수")
    parser.add_argument("--weight-runs", type=int, default=3, help="페이지 무게를 재는 횟수(중앙값)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse를 페이지마다 돌리는 횟수(중앙값)")
    parser.add_argument("--chromium", type=Path, default=None,
                        help=f"페이지 무게를 잴 Chromium(기본 {browser.DEFAULT_CHROMIUM})")
    parser.add_argument("--weight-only", type=Path, default=None, metavar="ROOT",
                        help="빌드된 책 ROOT의 페이지 무게만 재어 출력한다(빌드 벤치마크 없이, 결과 파일을 쓰지 않음)")
    parser.add_argument("--strict", action="store_true", help="예산 초과 시 종료 코드 1")
    args = parser.parse_args(argv)
    chromium = browser.chromium_path(args.chromium)

    if args.weight_only is not None:
        root = args.weight_only.resolve()
        html = root / "_build" / "html"
        if not (html / "index.html").is_file():
            raise SystemExit(f"빌드된 사이트가 없습니다({html}). 먼저 make book을 실행하세요.")
        if chromium is None:
            raise SystemExit(f"Chromium이 없습니다({args.chromium or browser.DEFAULT_CHROMIUM}): --chromium으로 경로를 주세요.")
        weight = {"page_weight": pageweight.report(root, html, chromium, args.weight_runs),
                  "demos": demos.report(html, chromium, args.weight_runs)}
        print("\n".join(weight_markdown(weight) + [""] + demos.markdown(weight) + [""]
                         + budget_table(weight_budgets(weight) + demos.budgets(weight))))
        return 0

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
                                 "executed": cold[-1]["executed"], "stages": median_stages(cold)}
        results["chapter_exec_s"] = chapter_exec_seconds(root)

        noop = [timed_build(root) for _ in range(args.repeat)]
        results["noop_build"] = {"runs_s": [n["seconds"] for n in noop],
                                 "median_s": statistics.median(n["seconds"] for n in noop),
                                 "executed": sorted({e for n in noop for e in n["executed"]}),
                                 "stages": median_stages(noop)}

        # 무게는 고치기 전의 책에서 잰다(아래 두 측정은 장과 dlkit을 바꾼다)
        html = root / "_build" / "html"
        if chromium is None:
            results["page_weight"] = {"skipped": f"Chromium이 없어 재지 못했습니다({args.chromium or browser.DEFAULT_CHROMIUM})"}
            results["demos"] = {"skipped": "Chromium이 없어 재지 못했습니다"}
            results["search"] = {"skipped": "Chromium이 없어 재지 못했습니다"}
            results["lighthouse"] = {"skipped": "Chromium이 없어 실행하지 않았습니다"}
        else:
            results["page_weight"] = pageweight.report(root, html, chromium, args.weight_runs)
            results["demos"] = demos.report(html, chromium, args.weight_runs)
            results["search"] = search_report(html, chromium)
            results["lighthouse"] = lighthouse.run(html, pageweight.toc_pages(root), chromium, args.lighthouse_runs)

        chapter = root / "chapters" / "02_bias.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + '\n\n```{code-cell} ipython3\nprint("bench")\n```\n')
        results["chapter_edit_build"] = timed_build(root)

        init = root / "dlkit" / "data.py"
        init.write_text(init.read_text(encoding="utf-8") + "\n\ndef _bench_marker() -> int:\n    return 1\n")
        results["dlkit_edit_build"] = timed_build(root)
        results["dlkit_chapters"] = dlkit_chapters(root)

        html = root / "_build" / "html"
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


def search_report(html: Path, chromium: Path) -> dict:
    """검색의 첫 결과까지(:func:`booktools.bench.search.report`). 재다 실패하면(예: 시간 초과) 벤치마크 전체를
    멈추지 않고 그 까닭을 보고서에 적는다."""
    # 여기서 불러온다: 패키지가 먼저 불러 두면 `python -m booktools.bench.search`가 runpy 경고를 낸다
    from booktools.bench import search as search_timing

    try:
        return search_timing.report(html, chromium)
    except Exception as exc:  # playwright 시간 초과 등
        return {"skipped": f"재지 못했습니다({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"}


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
    checks += weight_budgets(r)
    checks += demos.budgets(r)
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
    from booktools.bench import search as search_timing  # search_report와 같은 까닭으로 여기서

    lines = [
        "# 벤치마크 결과", "",
        f"- 측정: {r['when']}, 코어 {r['machine']['cores']}개, Python {r['machine']['python']}",
        f"- 콜드 빌드: 중앙값 {r['cold_build']['median_s']} 초 (실행 {len(r['cold_build']['executed'])}장; "
        f"단계별 {stage_text(r['cold_build'].get('stages', {}))})",
        f"- no-op 빌드: 중앙값 {r['noop_build']['median_s']} 초, 실행 {r['noop_build']['executed']} "
        f"(단계별 {stage_text(r['noop_build'].get('stages', {}))})",
        f"- 한 장 수정: {r['chapter_edit_build']['seconds']} 초, 실행 {r['chapter_edit_build']['executed']}",
        f"- dlkit 수정: {r['dlkit_edit_build']['seconds']} 초, 실행 {r['dlkit_edit_build']['executed']}",
        "", "## 장별 실행 시간(초)", "",
    ]
    lines += [f"- {k}: {v}" for k, v in r["chapter_exec_s"].items()]
    lines += [""] + weight_markdown(r)
    lines += [f"- 공유 자산(발행 폴더) {k}: {v:,} 바이트" for k, v in r["shared_assets_bytes"].items()]
    lines += [""] + demos.markdown(r)
    lines += [""] + search_timing.markdown(r.get("search") or {})
    lines += [""] + lighthouse_markdown(r.get("lighthouse") or {})
    lines += [""] + budget_table(r["budgets"])
    return "\n".join(lines) + "\n"


def budget_table(budgets: list[dict]) -> list[str]:
    lines = ["## 예산", "", "| 항목 | 값 | 예산 | 결과 |", "| --- | --- | --- | --- |"]
    return lines + [f"| {b['budget']} | {b['value']} | {b['limit']} | {'통과' if b['ok'] else '초과'} |" for b in budgets]


def _mb(n: float) -> str:
    return f"{n / 1e6:.3f}"


def weight_budgets(r: dict) -> list[dict]:
    """페이지 무게 예산 세 가지(booktools.bench.pageweight의 정의). 재지 못했으면 실패로 적는다."""
    w = r.get("page_weight") or {}
    if "pages" not in w:
        return [{"budget": "페이지 무게", "value": w.get("skipped", "재지 못함"), "limit": "측정됨", "ok": False}]
    pages = w["pages"]
    checks = []
    heaviest = w["heaviest_chapter"]
    gz = pages[heaviest]["gzip"] / 1e6
    checks.append({"budget": f"가장 무거운 장 첫 방문 gzip(MB, {heaviest})", "value": round(gz, 3),
                   "limit": f"≤ {BUDGETS['heaviest_chapter_gzip_mb']}", "ok": gz <= BUDGETS["heaviest_chapter_gzip_mb"]})
    plain = w["plain_pages"]
    if plain:
        page = max(plain, key=lambda p: pages[p]["gzip"])
        gz = pages[page]["gzip"] / 1e6
        checks.append({"budget": f"데모·수식 없는 페이지 첫 방문 gzip(MB, 가장 무거운 {page})", "value": round(gz, 3),
                       "limit": f"≤ {BUDGETS['plain_page_gzip_mb']}", "ok": gz <= BUDGETS["plain_page_gzip_mb"]})
    else:
        checks.append({"budget": "데모·수식 없는 페이지 첫 방문 gzip", "value": "그런 페이지 없음", "limit": "있음", "ok": False})
    limit = BUDGETS["blocking_script_kb"]
    over = {name: s for name, s in w["blocking_scripts"].items() if s["raw"] / 1e3 > limit}
    biggest = max((s["raw"] for s in w["blocking_scripts"].values()), default=0)
    checks.append({"budget": "머리의 렌더링 차단 스크립트 최대(KB, raw)"
                   + (f": {', '.join(sorted(over))}" if over else ""),
                   "value": round(biggest / 1e3, 1), "limit": f"≤ {limit}", "ok": not over})
    return checks


def weight_markdown(r: dict) -> list[str]:
    w = r.get("page_weight") or {}
    lines = ["## 첫 방문 페이지 무게", ""]
    if "pages" not in w:
        return lines + [f"- {w.get('skipped', '재지 못함')}"]
    lines += [f"Chromium 첫 방문(빈 캐시, 네트워크가 잠잠할 때까지) {w['runs']}번의 중앙값. gzip은 정적 호스트가 보내는 "
              "크기(booktools/bench/pageweight.py의 정의).", "",
              "| 페이지 | 요청 | raw (MB) | gzip (MB) |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {page} | {m['requests']:g} | {_mb(m['raw'])} | {_mb(m['gzip'])} |" for page, m in w["pages"].items()]
    heaviest = w["heaviest_chapter"]
    lines += ["", f"데모·수식 없는 페이지: {', '.join(w['plain_pages']) or '없음'}", "",
              f"### 가장 무거운 장({heaviest})에서 큰 것", "", "| 받은 것 | 종류 | raw (KB) | gzip (KB) |",
              "| --- | --- | ---: | ---: |"]
    lines += [f"| {url.split('?')[0]} | {kind} | {raw / 1e3:,.1f} | {gz / 1e3:,.1f} |"
              for url, kind, raw, gz in w["pages"][heaviest]["largest"]]
    lines += ["", "### 렌더링을 막는 스크립트(Chromium renderBlockingStatus)", ""]
    lines += [f"- {name}: raw {s['raw'] / 1e3:,.1f} KB, gzip {s['gzip'] / 1e3:,.1f} KB ({len(s['pages'])}쪽)"
              for name, s in w["blocking_scripts"].items()] or ["- 없음"]
    return lines


def _num(value) -> str:
    return "-" if value is None else f"{value:g}"


def lighthouse_markdown(lh: dict) -> list[str]:
    lines = ["## Lighthouse(모바일, 압축하는 로컬 서버)", ""]
    if "pages" not in lh:
        return lines + [f"- 실행하지 않음: {lh.get('skipped', '이유 모름')}"]
    lines += [f"페이지마다 {lh['runs']}번의 중앙값. 목표(보고만): 성능 ≥ {BUDGETS['lighthouse_performance']}, LCP ≤ {BUDGETS['lighthouse_lcp_s']} s, "
              f"CLS ≤ {BUDGETS['lighthouse_cls']}", "", "| 페이지 | 성능 | LCP (s) | CLS |", "| --- | ---: | ---: | ---: |"]
    for page, a in lh["pages"].items():
        lines.append(f"| {page} | 오류: {a['error'][:80]} | | |" if "error" in a else
                     f"| {page} | {_num(a['performance'])} | {_num(a['lcp_s'])} | {_num(a['cls'])} |")
    return lines

