"""페이지 무게의 정의(booktools/bench/pageweight.py)와 정적 호스트처럼 압축하는 서버(booktools/browser.py).

작은 가짜 사이트를 Chromium으로 열어, 요청을 하나도 빼지 않고 세는지, raw와 gzip 크기가 파일과 맞는지,
렌더링을 막는 스크립트만 골라내는지 본다. 예산 판정(booktools.bench.weight_budgets)은 만든 결과로 본다.
"""
from __future__ import annotations

import gzip
import urllib.request

import pytest

from booktools import bench
from booktools import browser as book_browser
from booktools.bench import pageweight
from booktools.bench.budgets import BUDGETS

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d4944415478da63f8cfc0f01f0005000201"
                    "ea0d3cb80000000049454e44ae426082")


@pytest.fixture
def tiny_site(tmp_path):
    """머리에 막는 스크립트 하나(big.js), defer 스크립트 하나, CSS, 그림, 없는 그림(404)이 있는 페이지."""
    (tmp_path / "big.js").write_text("var x = 1;\n" * 3000)
    (tmp_path / "late.js").write_text("var y = 2;\n" * 50)
    (tmp_path / "a.css").write_text("body { color: #123456; }\n" * 200)
    (tmp_path / "dot.png").write_bytes(PNG)
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><link rel=stylesheet href='a.css'><script src='big.js'></script>"
        "<script defer src='late.js'></script></head><body><p>" + "본문 " * 500 + "</p>"
        "<img src='dot.png' alt=''><img src='missing.png' alt=''></body></html>", encoding="utf-8")
    return tmp_path


def test_host_gzip_compresses_text_but_not_fonts_or_images():
    text = b"<p>" + "가나다 ".encode() * 400 + b"</p>"
    for kind in ("text/html; charset=utf-8", "application/javascript", "text/css", "image/svg+xml", "application/json"):
        sent = book_browser.host_gzip(text, kind)
        assert len(sent) < len(text) and gzip.decompress(sent) == text, kind
    for kind in ("font/woff2", "image/png", "application/octet-stream", ""):
        assert book_browser.host_gzip(text, kind) == text, kind


def test_compressing_server_sends_host_gzip_bytes(tiny_site):
    with book_browser.serve(tiny_site, compress=True) as url:
        def get(path, encoding="gzip"):
            request = urllib.request.Request(f"{url}/{path}", headers={"Accept-Encoding": encoding} if encoding else {})
            with urllib.request.urlopen(request) as response:
                return response.headers.get("Content-Encoding"), response.read()

        encoding, body = get("big.js")
        assert encoding == "gzip" and body == book_browser.host_gzip((tiny_site / "big.js").read_bytes(), "application/javascript")
        assert get("")[0] == "gzip" and gzip.decompress(get("")[1]) == (tiny_site / "index.html").read_bytes()
        assert get("dot.png") == (None, PNG)                       # 이미 압축된 형식은 그대로
        assert get("big.js", encoding=None)[0] is None             # 브라우저가 gzip을 받지 않으면 그대로
        with pytest.raises(urllib.error.HTTPError, match="404"):
            get("missing.png")
    with book_browser.serve(tiny_site) as url:                          # 기본 서버는 압축하지 않는다
        with urllib.request.urlopen(urllib.request.Request(f"{url}/big.js", headers={"Accept-Encoding": "gzip"})) as r:
            assert r.headers.get("Content-Encoding") is None


@pytest.mark.browser
def test_measure_counts_every_request_raw_and_gzip(browser, tiny_site):
    with book_browser.serve(tiny_site) as url:
        weight = pageweight.measure_page(browser, url, "index.html")
    by_url = {item.url: item for item in weight.items}
    assert set(by_url) == {"index.html", "a.css", "big.js", "late.js", "dot.png", "missing.png"}, sorted(by_url)
    for name, kind in (("index.html", "text/html"), ("a.css", "text/css"), ("big.js", "application/javascript"),
                       ("late.js", "application/javascript"), ("dot.png", "image/png")):
        data = (tiny_site / name).read_bytes()
        assert by_url[name].raw == len(data), name
        assert by_url[name].gzip == len(book_browser.host_gzip(data, kind)), name
    assert by_url["missing.png"].status == 404 and by_url["missing.png"].raw > 0   # 실패한 요청의 본문도 무게다
    assert weight.raw == sum(i.raw for i in weight.items) and weight.gzip < weight.raw
    assert [i.url for i in weight.blocking_scripts()] == ["big.js"]                 # defer 스크립트는 막지 않는다
    ranked = [i.gzip for i in weight.largest(len(weight.items))]
    assert ranked == sorted(ranked, reverse=True) and len(weight.largest(2)) == 2


def weight_result(heaviest_gzip: int, plain_gzip: int, blocking_raw: int) -> dict:
    pages = {"chapters/04_optim.html": {"gzip": heaviest_gzip}, "chapters/status.html": {"gzip": plain_gzip}}
    return {"page_weight": {"pages": pages, "heaviest_chapter": "chapters/04_optim.html",
                            "plain_pages": ["chapters/status.html"],
                            "blocking_scripts": {"_static/x.js": {"raw": blocking_raw, "gzip": 1, "pages": []}}}}


def test_weight_budgets_pass_and_fail_at_the_limits():
    limit = int(BUDGETS["heaviest_chapter_gzip_mb"] * 1e6)
    plain = int(BUDGETS["plain_page_gzip_mb"] * 1e6)
    blocking = int(BUDGETS["blocking_script_kb"] * 1e3)
    assert [b["ok"] for b in bench.weight_budgets(weight_result(limit, plain, blocking))] == [True, True, True]
    assert [b["ok"] for b in bench.weight_budgets(weight_result(limit + 1, plain + 1, blocking + 1))] == [False] * 3
    skipped = bench.weight_budgets({"page_weight": {"skipped": "Chromium 없음"}})
    assert [b["ok"] for b in skipped] == [False]                  # 재지 못한 것은 통과가 아니다


def test_lighthouse_is_reported_as_not_run_when_missing(monkeypatch, tmp_path):
    from booktools.bench import lighthouse

    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: None)
    result = lighthouse.run(tmp_path, ["chapters/04_optim.html"], tmp_path / "chromium")
    assert "pages" not in result and "설치되어 있지 않아" in result["skipped"]
    assert "실행하지 않음" in "\n".join(bench.lighthouse_markdown(result))


def test_lighthouse_medians_skip_failed_runs():
    from booktools.bench import lighthouse

    runs = [{"performance": 40, "lcp_s": 9.0, "cls": 0.2}, {"error": "timeout"},
            {"performance": 60, "lcp_s": 3.0, "cls": 0.0}, {"performance": 50, "lcp_s": 5.0, "cls": 0.1}]
    assert lighthouse.median_audit(runs) == {"performance": 50, "lcp_s": 5.0, "cls": 0.1, "runs": 3}
    assert lighthouse.median_audit([{"error": "boom"}]) == {"error": "boom"}
