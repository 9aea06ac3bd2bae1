"""테스트 공용 도우미(테스트 모듈끼리는 서로 import하지 않고, 함께 쓰는 것은 여기에만 둔다).

pyproject.toml의 ``[tool.pytest.ini_options] pythonpath``에 ``tests``가 있어 ``import helpers``로 쓴다.
- 책 빌드와 사이트(tests/site/, tests/booktools/): :func:`run_build`, :func:`copy_source_tree`,
  :func:`toc_pages`, :func:`content_pages`, :func:`slide_decks`, :func:`wait_until_settled`, :func:`korean_fonts_used`.
- dlkit 테스트(tests/dlkit/)의 잘못된 입력 검사와 hypothesis 전략:

- :func:`bad_input_params`, :func:`assert_korean_error`: 모듈마다 ``BAD_INPUT`` 표(분류 → 사례 목록)를
  같은 규칙으로 검사한다: 부르는 즉시 dlkit의 한국어 오류가 나고, 메시지가 인자 이름을 밝히며 한 줄이다.
- :func:`outcome`과 전략들(``anything``, :func:`mostly`, :func:`maybe_good` …): 모듈마다 하나씩 있는
  속성 테스트가 "불변식이 성립하거나 dlkit의 한국어 오류가 난다, 그 밖의 예외나 경고는 없다"를 확인한다.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import dlkit as dk
from booktools import browser as book_browser
from booktools import chapters as book_chapters
from booktools import tree
from dlkit._checks import InputTypeError, InputValueError

HANGUL = re.compile("[가-힣]")
FIGURE_MIN_SCALE = 0.55
"""휴대전화(390 px)에서 그림이 원래 크기의 이 비율 밑으로 줄면 글자를 읽을 수 없다(matplotlib 10pt 글자 ≈ 14px →
7.7px 이상). 본문 그림(tests/site/test_layout.py)과 데모의 칸(tests/site/test_widgets_browser.py)이 같이 쓴다."""
DLKIT_ERRORS = (InputValueError, InputTypeError)

# (이름, 호출, 예외, 메시지에 있어야 할 인자 이름)
Case = tuple[str, Callable[[], Any], type, str]


# --- 잘못된 입력 표 ---------------------------------------------------------------

def bad_input_params(groups: Mapping[str, Sequence[Case]]) -> list:
    """``{분류: [사례, …]}`` 표를 ``pytest.mark.parametrize("call, error, argname", …)``의 값으로 바꾼다.

    각 사례의 id는 ``"<분류>-<이름>"``이다(예: ``shape-forward 특성 3개``)."""
    return [pytest.param(call, error, argname, id=f"{group}-{name}")
            for group, cases in groups.items() for name, call, error, argname in cases]


def assert_korean_error(call: Callable[[], Any], error: type, argname: str) -> None:
    """``call()``이 곧바로 dlkit의 한국어 오류 ``error``를 내고, 메시지가 ``argname``을 밝히는 한 줄인지 본다.

    영어 numpy 경고(RuntimeWarning 등)가 먼저 나도 실패로 본다."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error) as info:
            call()
    message = str(info.value)
    assert isinstance(info.value, DLKIT_ERRORS), f"dlkit의 오류가 아닙니다: {type(info.value)}"
    assert HANGUL.search(message), f"한국어 메시지가 아닙니다: {message}"
    assert argname in message, f"메시지가 {argname!r}을 밝히지 않습니다: {message}"
    assert "\n" not in message, f"메시지가 한 줄이 아닙니다: {message}"


def closing_figures(fn: Callable[[], Any]) -> Any:
    """그림 함수를 부르고 그림을 모두 닫는다(오류가 나야 하는 호출용)."""
    import matplotlib.pyplot as plt

    try:
        return fn()
    finally:
        plt.close("all")


# --- 속성 테스트(hypothesis) -------------------------------------------------------

PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
positive = st.floats(1e-6, 10.0)
special = st.sampled_from([np.nan, np.inf, -np.inf])
numbers = st.one_of(finite, st.integers(-3, 6), special)
junk = st.one_of(st.none(), st.booleans(), st.text(max_size=3), st.just(dk.LinearRegression), st.just(object()))
arrays = hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
                    elements=st.one_of(finite, special))
anything = st.one_of(numbers, junk, arrays, arrays.map(lambda a: a.tolist()))


def torch_hessian(surface: Any, point: Any) -> np.ndarray:
    """손실 지형 ``surface``의 점 ``point``에서 torch 자동 미분으로 구한 헤세 행렬(dlkit의 중앙 차분과 견줄 기준)."""
    import torch

    return torch.autograd.functional.hessian(
        lambda v: surface.f(v[0], v[1]), torch.tensor(point, dtype=torch.float64)).numpy()


def good(*shape: int):
    """올바른 shape의 유한한 배열(무작위 입력이 가끔은 정상 경로도 지나가도록 섞는다)."""
    return hnp.arrays(np.float64, shape, elements=finite)


def mostly(strategy):
    """절반은 ``strategy``(정상 값), 절반은 아무 값."""
    return st.booleans().flatmap(lambda ok: strategy if ok else anything)


def maybe_good(*shape: int):
    """절반은 올바른 shape의 배열(또는 그 리스트), 절반은 아무 값."""
    return mostly(st.one_of(good(*shape), good(*shape).map(lambda a: a.tolist())))


def outcome(call: Callable[[], Any]) -> tuple[Any, Exception | None]:
    """``(call()의 결과, None)``, 또는 dlkit의 한국어 오류면 ``(None, 오류)``. 그 밖의 예외·경고는 테스트 실패."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = call()
        except DLKIT_ERRORS as exc:
            assert HANGUL.search(str(exc)), str(exc)
            event("dlkit 오류")
            return None, exc
        event("정상")
        return result, None


# ── 책 빌드와 사이트 ─────────────────────────────────────────────────────
ROOT = Path(__file__).resolve().parents[1]
# 테스트가 쓸 Chromium: 기본은 booktools.browser.DEFAULT_CHROMIUM, 다른 곳이면 CHROMIUM_PATH로 준다.
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", str(book_browser.DEFAULT_CHROMIUM)))
CHROMIUM_ARGS = list(book_browser.CHROMIUM_ARGS)


def toc_documents(root: Path = ROOT) -> list[str]:
    """_toc.yml에 있는 모든 문서 이름(루트 먼저, 순서대로, 중복 없이). 예: "chapters/02_bias".

    목차 읽기는 빌드와 같은 함수(booktools.chapters)를 쓴다: 테스트가 따로 해석하면 둘이 어긋날 수 있다."""
    return book_chapters.toc_documents(root)


def toc_pages(root: Path = ROOT) -> list[str]:
    """_toc.yml의 문서가 빌드된 html 경로(사이트 루트 기준)."""
    return [f"{doc}.html" for doc in toc_documents(root)]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def copy_source_tree(dest: Path) -> Path:
    """이 저장소의 원본 파일만 dest로 복사한다(booktools.tree: 벤치마크와 같은 방법)."""
    return tree.copy_source_tree(ROOT, dest)


@dataclass
class BuildResult:
    root: Path
    returncode: int
    output: str

    @property
    def html(self) -> Path:
        return self.root / "_build" / "html"

    @property
    def report(self) -> dict:
        return json.loads((self.root / "_build" / "exec-report.json").read_text())


def run_build(root: Path, *extra: str, interleaved: bool = False) -> BuildResult:
    """`python -m booktools build`를 root에서(그 복사본의 booktools로) 실행하고 출력과 종료 코드를 돌려준다.

    기본 출력은 stdout 다음에 stderr를 이은 것이다. ``interleaved=True``면 터미널에서처럼 둘이 찍힌 순서
    그대로다(버퍼 없이 한 파이프로: 무엇이 먼저 보이는지 검사할 때)."""
    command = [sys.executable, *(["-u"] if interleaved else []), "-m", "booktools", "build", str(root), *extra]
    if interleaved:
        proc = subprocess.run(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return BuildResult(root, proc.returncode, proc.stdout)
    proc = subprocess.run(command, cwd=root, capture_output=True, text=True)
    return BuildResult(root, proc.returncode, proc.stdout + proc.stderr)



def site_pages(root: Path = ROOT) -> list[str]:
    """검사할 사이트 페이지: 목차의 모든 페이지와 검색·색인 페이지."""
    return toc_pages(root) + ["search.html", "genindex.html"]


def content_pages(html: Path) -> list[str]:
    """빌드된 사이트의 실제 페이지(정적 자산, 검색 색인, 리디렉트 제외)."""
    pages = []
    for path in sorted(html.rglob("*.html")):
        rel = path.relative_to(html).as_posix()
        if rel.startswith(("_static/", "pagefind/", "_sources/", "_images/")):
            continue
        if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8", errors="replace")[:600]:
            continue
        pages.append(rel)
    return pages


def wait_until_settled(page) -> None:
    """MathJax 조판과 위젯 그리기가 끝날 때까지 기다린다(있을 때만)."""
    page.evaluate("""async () => {
        if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
            await MathJax.startup.promise;
        }
    }""")
    page.wait_for_timeout(500)


def slide_decks(html: Path) -> list[str]:
    """booktools/slides.py가 만든 발표 슬라이드(reveal.js) 페이지."""
    return [p for p in content_pages(html) if p.startswith("slides/")]


def korean_fonts_used(page, selector: str) -> list[str]:
    """Chromium이 selector 요소의 글자를 그릴 때 실제로 쓴 글꼴 이름들(DevTools CSS 도메인)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})
    node = cdp.send("DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    cdp.detach()
    return [f["familyName"] for f in fonts]
