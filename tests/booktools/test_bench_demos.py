"""정적 데모의 벤치마크(booktools/bench/demos.py)와 그것이 쓰는 데모 HTML 찾기(booktools/demo_frames.py).

실제 데모 하나(dlkit이 만든 정적 HTML, 프레임은 파일로 바꿈)를 작은 가짜 장에 넣어, 데모 HTML의 범위를 정확히
찾는지, 데모가 문서에 더하는 gzip 바이트가 0보다 크고 데모를 뺀 문서에서는 0인지, Chromium에서 첫 방문과
프레임 바뀜을 잴 수 있는지 본다. 예산 판정은 만든 결과로 본다(경계에서 통과와 초과).
"""
from __future__ import annotations

import pytest

from booktools import browser as book_browser
from booktools import demo_frames
from booktools.bench import demos
from booktools.bench.budgets import BUDGETS


@pytest.fixture(scope="module")
def epoch_demo():
    import dlkit.widgets as W

    return W.demo("epoch", mode="static")


@pytest.fixture
def demo_site(tmp_path, epoch_demo):
    """chapters/page.html에 정적 데모 하나(프레임은 _demo/ 파일)와 그 앞뒤의 글."""
    html, names = demo_frames.externalize(epoch_demo.to_html(), tmp_path, "../")
    (tmp_path / "chapters").mkdir()
    page = ("<!doctype html><html lang=ko><head><meta charset=utf-8></head><body><div><p>앞 글</p>"
            + html + "<p>뒤 글</p></div></body></html>")
    (tmp_path / "chapters" / "page.html").write_text(page, encoding="utf-8")
    return tmp_path, page, html, names


def test_demo_spans_find_the_whole_demo_and_nothing_else(demo_site):
    site, page, html, _ = demo_site
    spans = demo_frames.demo_spans(page)
    assert [(name, page[start:end]) for name, start, end in spans] == [("epoch", html)]
    assert demo_frames.without_demos(page) == page.replace(html, "")
    assert demo_frames.demo_pages(site) == {"epoch": "chapters/page.html"}
    assert demo_frames.demo_spans("<div><p>데모 없음</p></div>") == []
    with pytest.raises(ValueError, match="닫히지 않았습니다"):
        demo_frames.demo_spans(html[: html.rindex("</div>")])


def test_inline_bytes_count_the_demo_html_only(demo_site):
    _, page, html, names = demo_site
    added = demos.inline_demo_bytes(page)
    assert 0 < added <= demos.gzip_size(html) + 64
    assert demos.inline_demo_bytes(page.replace(html, "")) == 0          # 대조군: 데모가 없으면 0
    assert demos.frames_of(page) == names and len(names) == len(set(names)) > 1
    assert len(demos.initial_frames(page)) == 1 and demos.initial_frames(page) <= names


@pytest.mark.browser
def test_first_visit_and_frame_changes_are_measured_in_chromium(browser, demo_site, epoch_demo):
    site, page, _, names = demo_site
    with book_browser.serve(site) as url:
        visit = demos.first_visit(browser, url, site, "chapters/page.html")
        moves = demos.frame_latency(browser, url, "chapters/page.html", "epoch")
    assert visit["demos"] == ["epoch"]
    assert visit["shown_frames"] == 1 and visit["later_frames"] == len(names) - 1
    assert visit["total"] == visit["inline_gzip"] + visit["shown_frames_bytes"] > visit["inline_gzip"]
    # 조절기마다 아직 받지 않은 값으로 옮긴 뒤 되짚는다: 처음 받는 것과 받아 둔 것이 둘 다 있고, 시간은 양수다
    assert {m["axis"] for m in moves} == set(range(len(epoch_demo.shape)))
    assert any(m["fetched"] for m in moves) and any(not m["fetched"] for m in moves)
    assert all(m["ms"] > 0 for m in moves)
    assert {m["frame"] for m in moves} <= set(range(len(epoch_demo.frames)))


def demo_result(total_bytes: int, fetched_ms: float, first_ms: float, missing=(), moves: int = 5) -> dict:
    stat = lambda ms: {"count": 5, "median_ms": ms, "max_ms": ms}  # noqa: E731
    none = {"count": 0, "median_ms": None, "max_ms": None}
    one = {"page": "chapters/04_optim.html", "fetched": stat(fetched_ms) if moves else none,
           "first_fetch": stat(first_ms) if moves else none}
    return {"demos": {"runs": 1, "missing": list(missing), "demos": {"optimizer": one},
                      "pages": {"chapters/04_optim.html": {"demos": ["optimizer"], "total": total_bytes}},
                      "all": {"fetched": stat(fetched_ms), "first_fetch": stat(first_ms)}}}


def test_demo_budgets_pass_and_fail_at_the_limits():
    limit = int(BUDGETS["demo_first_visit_kb"] * 1e3)
    fetched, first = BUDGETS["frame_fetched_ms"], BUDGETS["frame_first_fetch_ms"]
    assert [b["ok"] for b in demos.budgets(demo_result(limit, fetched, first))] == [True] * 5
    assert [b["ok"] for b in demos.budgets(demo_result(limit + 1, fetched + 0.1, first + 0.1, ["bias"], 0))] == [False] * 5
    assert [b["ok"] for b in demos.budgets({"demos": {"skipped": "Chromium 없음"}})] == [False]   # 재지 못하면 실패
    none = demo_result(limit, fetched, first)
    none["demos"]["all"]["first_fetch"] = {"count": 0, "median_ms": None, "max_ms": None}
    assert [b["ok"] for b in demos.budgets(none)][2] is False                                  # 옮기기 0번은 통과가 아니다


def test_pages_load_the_first_frame_lazily_and_decks_eagerly(tmp_path, epoch_demo):
    """페이지의 처음 프레임은 ``loading="lazy"``(화면 가까이 오면 받는다). 덱은 그것을 뺀다: 덱은 모든 그림을 받은 뒤
    크기를 맞추므로, 숨은 슬라이드의 게으른 그림이 있으면 끝내 준비되지 않는다."""
    page, _ = demo_frames.externalize(epoch_demo.to_html(), tmp_path, "../")
    deck, _ = demo_frames.externalize(epoch_demo.to_html(), tmp_path, "../", lazy=False)
    frame = demo_frames.FRAME_IMG
    import re

    assert 'loading="lazy"' in re.search(frame, page).group()
    assert 'loading="lazy"' not in re.search(frame, deck).group()
    tag = re.search(frame, page).group()
    assert deck == page.replace(tag, tag.replace(' loading="lazy"', ""))  # 다른 것은 그대로
    # 덱의 HTML 다듬기는 속성 순서를 바꾼다(alt가 class보다 앞, "/>"): 그래도 찾는다
    reordered = '<img alt="x" class="dlkit-frame" height="3" loading="lazy" src="../_demo/a.png" width="4"/>'
    again, _ = demo_frames.externalize(page.replace(tag, reordered), tmp_path, "../", lazy=False)
    assert 'loading="lazy"' not in re.search(frame, again).group()


def test_missing_frames_names_what_a_page_points_at_but_the_site_lacks(demo_site):
    """slides.build가 덱을 건너뛰기 전에 묻는 것: 그 덱이 가리키는 프레임 가운데 _demo/에 없는 것."""
    site = demo_site[0]
    page = site / "chapters" / "page.html"
    assert demo_frames.missing_frames(page, site) == set()
    gone = sorted((site / demo_frames.FRAMES_DIR).iterdir())[0]
    gone.unlink()
    assert demo_frames.missing_frames(page, site) == {gone.name}  # 대조군: 지운 프레임을 알아본다
