"""Lighthouse(관리자 도구, npm `lighthouse@12`; `make book`은 node가 필요 없다)로 장 페이지마다 모바일 성능,
LCP, CLS를 잰다. 설치되어 있을 때만(`command -v lighthouse`) `make bench`가 부르고, 없으면 보고서에 그렇게 적는다.

사이트는 정적 호스트처럼 압축해 보내는 로컬 서버(:func:`booktools.browser.serve`의 ``compress=True``)로 띄운다:
압축하지 않는 서버로는 Lighthouse의 바이트·LCP가 실제 호스트보다 훨씬 나쁘게 나온다.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

from booktools import browser

CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
TIMEOUT_S = 240


def installed() -> str | None:
    """lighthouse 실행 파일(없으면 None)."""
    return shutil.which("lighthouse")


def audit(executable: str, url: str, chromium: Path) -> dict:
    """``url`` 한 페이지의 모바일(Lighthouse 기본) 성능 점수, LCP(초), CLS."""
    proc = subprocess.run(
        [executable, url, "--output=json", "--output-path=stdout", "--quiet", "--only-categories=performance",
         f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, timeout=TIMEOUT_S, env={**os.environ, "CHROME_PATH": str(chromium)})
    if proc.returncode != 0:
        return {"error": (proc.stderr or proc.stdout)[-300:]}
    data = json.loads(proc.stdout)
    audits = data["audits"]
    score = data["categories"]["performance"]["score"]
    return {"performance": None if score is None else round(score * 100),
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3)}


def median_audit(audits: list[dict]) -> dict:
    """여러 번 잰 :func:`audit`의 값마다 중앙값(실패한 실행은 빼고, 모두 실패면 마지막 오류)."""
    good = [a for a in audits if "error" not in a]
    if not good:
        return audits[-1]
    out = {key: statistics.median(a[key] for a in good) for key in ("lcp_s", "cls")}
    scores = [a["performance"] for a in good if a["performance"] is not None]
    out["performance"] = statistics.median(scores) if scores else None
    out["runs"] = len(good)
    return out


def run(html: Path, pages: list[str], chromium: Path, runs: int = 3) -> dict:
    """``pages``마다 :func:`audit`를 ``runs``번 하고 중앙값. Lighthouse가 없으면 ``{"skipped": 이유}``."""
    executable = installed()
    if executable is None:
        return {"skipped": "lighthouse가 설치되어 있지 않아 실행하지 않았습니다(관리자 도구: npm install -g lighthouse@12)"}
    with browser.serve(html, compress=True) as url:
        return {"runs": runs, "pages": {page: median_audit([audit(executable, f"{url}/{page}", chromium)
                                                            for _ in range(max(1, runs))]) for page in pages}}
