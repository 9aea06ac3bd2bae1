"""검색 색인 단계(booktools.search.build_index)가 Pagefind 묶음을 읽어 보고, 온전하지 않으면 다시 만드는지.

작은 사이트 두 쪽으로 진짜 Pagefind(파이썬 API가 띄우는 서비스)를 돌린다. 사이트 전체의 검색은
tests/site/test_search.py가 Chromium에서 본다."""
from __future__ import annotations

import pytest

from booktools import search

PAGE = ('<html lang="ko"><body><main {mark}><h1 id="top">{title}</h1><p>{text}</p></main></body></html>')


@pytest.fixture()
def tiny_site(tmp_path):
    html = tmp_path / "_build" / "html" / "chapters"
    html.mkdir(parents=True)
    for name, title, text in [("a", "편향", "편향은 결정 경계를 평행 이동합니다."),
                              ("b", "학습률", "학습률이 너무 크면 경사 하강법이 발산합니다.")]:
        (html / f"{name}.html").write_text(PAGE.format(mark=search.BODY_MARK, title=title, text=text), encoding="utf-8")
    return tmp_path


def test_a_built_bundle_has_no_problems_and_a_truncated_entry_is_caught(tiny_site):
    assert search.build_index(tiny_site) == 0
    bundle = tiny_site / "_build" / "html" / "pagefind"
    assert search.bundle_problems(bundle, 2) == []
    assert search.bundle_problems(bundle, 3) != []  # 페이지 수가 다르면 잡는다
    (bundle / "pagefind-entry.json").write_text("", encoding="utf-8")  # 실제로 겪은 꼴: 0바이트 진입 파일
    problems = search.bundle_problems(bundle, 2)
    assert problems and "pagefind-entry.json" in problems[0]


def test_a_broken_first_index_is_built_again(tiny_site, monkeypatch, capsys):
    real = search._write_index
    calls = []

    async def flaky(html, pages, bundle):
        indexed = await real(html, pages, bundle)
        calls.append(bundle)
        if len(calls) == 1:
            (bundle / "pagefind-entry.json").write_bytes(b"")
        return indexed

    monkeypatch.setattr(search, "_write_index", flaky)
    assert search.build_index(tiny_site) == 0
    assert len(calls) == 2 and "다시 만듭니다" in capsys.readouterr().err
    assert search.bundle_problems(tiny_site / "_build" / "html" / "pagefind", 2) == []


def test_an_index_that_stays_broken_stops_the_build(tiny_site, monkeypatch, capsys):
    real = search._write_index

    async def broken(html, pages, bundle):
        indexed = await real(html, pages, bundle)
        (bundle / "pagefind-entry.json").write_bytes(b"")
        return indexed

    monkeypatch.setattr(search, "_write_index", broken)
    assert search.build_index(tiny_site) == 1
    assert "빌드를 멈춥니다" in capsys.readouterr().err


def test_indexing_works_inside_a_running_event_loop(tiny_site):
    """같은 프로세스에서 이벤트 루프가 돌고 있어도(Playwright sync API를 쓴 pytest 일꾼) 색인을 만든다."""
    import asyncio
    import threading

    result = {}

    async def inside():
        return search.build_index(tiny_site)

    def thread():  # 새 스레드: 이 프로세스에 이미 루프가 돌고 있어도(CI 일꾼) 여기서 루프를 하나 띄울 수 있다
        result["rc"] = asyncio.run(inside())

    worker = threading.Thread(target=thread)
    worker.start()
    worker.join()
    assert result == {"rc": 0}
