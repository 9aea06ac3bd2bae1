"""테스트 공용 준비물(fixture): 한 번의 깨끗한 빌드, 그 결과를 띄우는 로컬 서버, 헤드리스 Chromium.

빌드된 책을 쓰는 테스트(:data:`BUILD_FIXTURES` 중 하나를 쓰는 것)에는 ``build`` 표지를 저절로 붙인다
(:func:`pytest_collection_modifyitems`): 빠른 검사(``-m "not build"``)가 빌드를 시작하지 않게, 표지를 잊은 테스트가 없게.

함수와 상수는 tests/helpers.py에 있다(테스트 파일끼리, 또 conftest를 import하지 않는다).

빌드는 세션마다 한 번만 한다(`built_book`). 저장소의 추적 파일만 임시 폴더에 복사해
깨끗한 트리에서 빌드하므로 작업 폴더의 _build와 섞이지 않는다.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# helpers의 assert도 pytest가 풀어서 보여 주게(helpers를 import하기 전에 등록해야 한다)
pytest.register_assert_rewrite("helpers")

from booktools import browser as book_browser  # noqa: E402
from helpers import CHROMIUM, BuildResult, copy_source_tree, in_ci, run_build  # noqa: E402

BUILD_FIXTURES = frozenset({"built_book", "book_copy", "site_url", "visit"})
"""세션의 책 빌드가 필요한 준비물(이것을 쓰는 테스트는 ``build`` 표지를 받는다)."""


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id) -> BuildResult:
    """깨끗한 트리에서 한 번 빌드한 책(세션 공용, 읽기 전용으로 쓸 것).

    `make test`는 pytest-xdist로 테스트 파일을 일꾼 여럿에 나눠 돌린다. 일꾼마다 빌드하지 않도록, 먼저 이 준비물을
    부른 일꾼이 모든 일꾼이 함께 보는 임시 폴더에 빌드하고(잠금 파일로 차례를 정한다) 나머지는 그 결과를 읽는다.
    """
    if worker_id == "master":  # xdist 없이(pytest 하나로) 돌릴 때
        return _checked(run_build(copy_source_tree(tmp_path_factory.mktemp("book") / "src")))
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent / "shared-book"
    saved = shared / "result.json"
    with FileLock(str(shared) + ".lock"):
        if not saved.is_file():
            result = run_build(copy_source_tree(shared / "src"))
            saved.write_text(json.dumps({"root": str(result.root), "returncode": result.returncode,
                                         "output": result.output}), encoding="utf-8")
        data = json.loads(saved.read_text(encoding="utf-8"))
    return _checked(BuildResult(Path(data["root"]), data["returncode"], data["output"]))


def _checked(result: BuildResult) -> BuildResult:
    assert result.returncode == 0, result.output[-6000:]
    return result


@pytest.fixture
def book_copy(built_book, tmp_path) -> Path:
    """빌드된 책(캐시 포함)의 복사본: 고장 주입처럼 책을 바꾸는 테스트용."""
    dest = tmp_path / "book"
    shutil.copytree(built_book.root, dest, symlinks=True)
    return dest


@pytest.fixture(scope="session")
def site_url(built_book):
    """빌드된 사이트를 127.0.0.1의 임의 포트로 띄운다(booktools.browser.serve: 빌드의 덱 검사와 같은 서버)."""
    with book_browser.serve(built_book.html) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """헤드리스 Chromium(playwright). 노트북에 Chromium이 없으면 건너뛰지만 CI에서는 실패한다."""
    if not CHROMIUM.exists():
        if in_ci():
            pytest.fail(f"CI에는 Chromium이 있어야 합니다: {CHROMIUM} 없음 (.ci/run이 설치해야 함)")
        pytest.skip("Chromium이 없어 브라우저 테스트를 건너뜁니다 (apt install chromium)")
    with book_browser.launch(CHROMIUM) as instance:
        yield instance


@dataclass
class Visit:
    """한 페이지 방문의 기록: 사이트 밖 요청, 콘솔 오류, 실패한 요청."""
    page: object
    external_requests: list
    console_errors: list
    failed_requests: list
    requests: list = field(default_factory=list)
    """이 방문의 모든 요청 주소(순서대로)."""


@pytest.fixture
def visit(browser, site_url):
    """visit("chapters/bias.html") → Visit. 페이지는 테스트가 끝나면 닫힌다."""
    contexts = []

    def _visit(path: str, *, width: int = 1280, height: int = 900, wait: str = "networkidle") -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        record = Visit(page, [], [], [])
        page.on("request", lambda req: None if req.url.startswith((site_url, "data:", "blob:", "about:"))
                else record.external_requests.append(req.url))
        page.on("request", lambda req: record.requests.append(req.url))
        page.on("console", lambda msg: record.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: record.console_errors.append(str(exc)))
        page.on("requestfailed", lambda req: record.failed_requests.append(req.url))
        page.on("response", lambda res: record.failed_requests.append(f"{res.status} {res.url}")
                if res.status >= 400 else None)
        page.goto(f"{site_url}/{path.lstrip('/')}", wait_until=wait)
        return record

    yield _visit
    for context in contexts:
        context.close()
