"""정적 데모의 예산(`make bench`): 장의 첫 방문에 데모가 더하는 바이트와, 조절기를 바꿔 새 프레임이 보이기까지의 시간.

데모 목록은 빌드된 사이트에서 읽는다(:func:`booktools.demo_frames.demo_pages`: 데모 이름 → 그 데모가 든 장).
등록된 데모(``dk.widgets.DEMOS``)가 사이트에 없으면 그것도 결과에 적는다.

**첫 방문에 데모가 더하는 바이트.** 페이지 무게의 정의(:mod:`booktools.bench.pageweight`: Chromium 첫 방문, 빈 캐시,
네트워크가 잠잠할 때까지, 정적 호스트의 gzip)로 데모가 든 장을 열어 두 가지를 더한다.

- 페이지에 실린 데모 HTML(스타일, 프레임 JSON, 스크립트): 문서의 gzip 크기 − 데모 HTML을 뺀 문서의 gzip 크기.
- 프레임 파일(``_demo/*.png``): 열자마자 받은 것과 데모마다 처음 프레임(``loading="lazy"``라 데모가 화면 가까이
  올 때 받는다)의 합집합. 곧 독자가 데모를 건드리지 않고 모든 데모를 지나가며 읽는 방문이다. 이웃 프레임은 독자가
  데모에 손을 댈 때(초점, 누르기) 받으므로 세지 않는다. PNG는 압축하지 않으므로 raw = gzip.

나중에 받는 프레임(독자가 조절기를 움직일 때)은 따로 적는다: 그 장의 데모들이 가리키는 프레임 파일 전체에서
첫 방문에 받은 것을 뺀 수와 바이트.

**프레임 바뀜 시간.** 데모마다 새 브라우저 컨텍스트(빈 캐시)에서 장을 열고, 조절기마다 아직 받지 않은 값으로
(멀리 건너뛰며) 옮긴 뒤 들른 값들을 되짚는다(:func:`frame_latency`). 잰 시간은 조절기에 ``input`` 사건을 보낸 때부터 데모가 새 프레임과 설명을 보인 뒤(``data-shown``이
그 프레임 번호가 됨) 다음 화면 그리기(``requestAnimationFrame``)까지다. 옮기기마다 그 프레임 파일을 이미 받았는지
(Resource Timing에 있는가)로 "받아 둔 프레임"과 "처음 받는 프레임"으로 나눈다. 로컬 서버에서 잰다.
"""
from __future__ import annotations

import statistics
from pathlib import Path

from booktools import browser, demo_frames
from booktools.demo_frames import demo_spans
from booktools.bench import pageweight
from booktools.bench.budgets import BUDGETS

MOVE_JS = """
async ([sel, axis, value]) => {
  const root = document.querySelector(sel);
  const data = JSON.parse(root.querySelector('script.dlkit-demo-data').textContent);
  const shape = data.shape, n = shape.length, stride = [];
  for (let i = n - 1, s = 1; i >= 0; i--) { stride[i] = s; s *= shape[i]; }
  const index = stride.map((st, i) => Math.floor(+root.dataset.frame / st) % shape[i]);
  index[axis] = value;
  const k = index.reduce((a, v, i) => a + v * stride[i], 0);
  if (k === +root.dataset.shown) return null;
  const url = new URL(data.frames[k], document.baseURI).href;
  const fetched = performance.getEntriesByName(url).length > 0;
  const range = root.querySelector(`input[type=range][data-axis="${axis}"]`);
  const el = range || root.querySelector(`input[data-axis="${axis}"][value="${value}"]`);
  const t0 = performance.now();
  const done = new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (+root.dataset.shown !== k) return;
      watch.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    watch.observe(root, {attributes: true, attributeFilter: ['data-shown']});
  });
  if (range) range.value = value; else el.checked = true;
  el.dispatchEvent(new Event('input', {bubbles: true}));
  return {frame: k, fetched: fetched, ms: await done};
}
"""

SHAPE_JS = "(sel) => JSON.parse(document.querySelector(sel + ' script.dlkit-demo-data').textContent).shape"


def gzip_size(text: str) -> int:
    return len(browser.host_gzip(text.encode("utf-8"), "text/html"))


def inline_demo_bytes(page_html: str) -> int:
    """데모 HTML이 문서의 전송 크기(gzip)에 더하는 바이트."""
    return gzip_size(page_html) - gzip_size(demo_frames.without_demos(page_html))


def frames_of(page_html: str) -> set[str]:
    """페이지의 데모들이 가리키는 프레임 파일 이름 전부."""
    return set(demo_frames.REFERENCE.findall(page_html))


def initial_frames(page_html: str) -> set[str]:
    """페이지의 데모마다 처음 보이는 프레임 파일(``<img loading="lazy">``: 데모가 화면 가까이 오면 받는다)."""
    return {name for tag in demo_frames.FRAME_IMG.findall(page_html) for name in demo_frames.REFERENCE.findall(tag)}


def first_visit(chromium_browser, base_url: str, html: Path, page: str) -> dict:
    """``page``를 처음 열 때 데모가 더하는 바이트(모듈 설명의 정의).

    ``total``은 독자가 데모를 건드리지 않고 모든 데모를 지나가도록 읽을 때다: 데모 HTML + (첫 방문에 받은 프레임 ∪
    데모마다 처음 프레임). 맨 위만 읽고 떠나는 방문은 그보다 가볍다(``visit_frames``)."""
    text = (html / page).read_text(encoding="utf-8")
    weight = pageweight.measure_page(chromium_browser, base_url, page)
    prefix = demo_frames.FRAMES_DIR + "/"
    fetched = {i.url.split("/")[-1] for i in weight.items if i.url.startswith(prefix)}
    size = {name: (html / demo_frames.FRAMES_DIR / name).stat().st_size for name in frames_of(text)}
    shown = fetched | initial_frames(text)
    inline = inline_demo_bytes(text)
    later = set(size) - shown
    return {
        "demos": [name for name, _, _ in demo_spans(text)],
        "inline_gzip": inline,
        "visit_frames": len(fetched),
        "visit_frames_bytes": sum(size.get(n, 0) for n in fetched),
        "shown_frames": len(shown),
        "shown_frames_bytes": sum(size.get(n, 0) for n in shown),
        "total": inline + sum(size.get(n, 0) for n in shown),
        "page_gzip": weight.gzip,
        "later_frames": len(later),
        "later_frames_bytes": sum(size[n] for n in later),
    }


AXIS_JS = """
([sel, axis]) => {
  const root = document.querySelector(sel);
  const data = JSON.parse(root.querySelector('script.dlkit-demo-data').textContent);
  const shape = data.shape, n = shape.length, stride = [];
  for (let i = n - 1, s = 1; i >= 0; i--) { stride[i] = s; s *= shape[i]; }
  const index = stride.map((st, i) => Math.floor(+root.dataset.frame / st) % shape[i]);
  const unfetched = [];
  for (let v = 0; v < shape[axis]; v++) {
    const k = index.reduce((a, x, i) => a + (i === axis ? v : x) * stride[i], 0);
    if (!performance.getEntriesByName(new URL(data.frames[k], document.baseURI).href).length) unfetched.push(v);
  }
  return {size: shape.length ? shape[axis] : 0, axes: n, current: index[axis], unfetched: unfetched};
}
"""


def frame_latency(chromium_browser, base_url: str, page: str, name: str) -> list[dict]:
    """데모 ``name``의 조절기를 모두 옮기며 잰 옮기기마다의 결과(축, 프레임 번호, 이미 받았는가, ms).

    조절기마다 먼저 아직 받지 않은 값으로(지금 값에서 가장 먼 것부터) 옮기고, 다음에 들른 값들을 거꾸로 되짚는다
    (이미 받은 프레임). 분류는 옮기기 직전의 Resource Timing으로 한다(미리 받는 중인 프레임은 "처음 받는" 쪽)."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(f"{base_url}/{page}", wait_until="networkidle")
        tab.evaluate("performance.setResourceTimingBufferSize(100000)")
        sel = f'[data-dlkit-demo="{name}"]'
        tab.locator(sel).scroll_into_view_if_needed()
        tab.wait_for_function("(sel) => document.querySelector(sel).dataset.shown !== undefined", arg=sel)
        moves = []
        axes = tab.evaluate(AXIS_JS, [sel, 0])["axes"]
        for axis in range(axes):
            visited = [tab.evaluate(AXIS_JS, [sel, axis])["current"]]
            state = tab.evaluate(AXIS_JS, [sel, axis])
            for _ in range(state["size"]):
                state = tab.evaluate(AXIS_JS, [sel, axis])
                if not state["unfetched"]:
                    break
                value = max(state["unfetched"], key=lambda v: abs(v - state["current"]))
                if (result := tab.evaluate(MOVE_JS, [sel, axis, value])) is not None:
                    moves.append({"axis": axis, **result})
                    visited.append(value)
            # 되짚기: 들른 값을 거꾸로. 모든 값을 이미 받아 들른 것이 없으면(이웃 미리 받기) 값마다 한 번 들렀다 온다
            back = visited[-2::-1] if len(visited) > 1 else [v for v in range(state["size"]) if v != visited[0]] + visited
            for value in back:
                if (result := tab.evaluate(MOVE_JS, [sel, axis, value])) is not None:
                    moves.append({"axis": axis, **result})
        return moves
    finally:
        context.close()


def summarize(moves: list[dict]) -> dict:
    def stats(ms: list[float]) -> dict:
        return {"count": len(ms), "median_ms": round(statistics.median(ms), 1) if ms else None,
                "max_ms": round(max(ms), 1) if ms else None}

    return {"fetched": stats([m["ms"] for m in moves if m["fetched"]]),
            "first_fetch": stats([m["ms"] for m in moves if not m["fetched"]])}


def report(html: Path, chromium: Path, runs: int = 3) -> dict:
    """`make bench`가 쓰는 결과: 데모가 든 장마다 첫 방문 바이트(``runs``번의 중앙값), 데모마다 프레임 바뀜 시간."""
    import dlkit.widgets as W

    pages = demo_frames.demo_pages(html)
    chapter_pages = sorted(set(pages.values()))
    out: dict = {"runs": max(1, runs), "missing": sorted(set(W.DEMOS) - set(pages)), "pages": {}, "demos": {}}
    with browser.serve(html) as base_url, browser.launch(chromium) as chromium_browser:
        for page in chapter_pages:
            visits = [first_visit(chromium_browser, base_url, html, page) for _ in range(out["runs"])]
            middle = sorted(visits, key=lambda v: v["total"])[len(visits) // 2]
            out["pages"][page] = {**middle, "total_runs": [v["total"] for v in visits]}
        every: list[dict] = []
        for name, page in sorted(pages.items()):
            moves = [m for _ in range(out["runs"]) for m in frame_latency(chromium_browser, base_url, page, name)]
            every += moves
            out["demos"][name] = {"page": page, **summarize(moves)}
    out["all"] = summarize(every)
    return out


def budgets(r: dict) -> list[dict]:
    """데모 예산: 장마다 첫 방문에 데모가 더하는 바이트, 받아 둔 프레임·처음 받는 프레임의 바뀜 시간(중앙값)."""
    d = r.get("demos") or {}
    if "pages" not in d:
        return [{"budget": "정적 데모", "value": d.get("skipped", "재지 못함"), "limit": "측정됨", "ok": False}]
    checks = []
    limit_kb = BUDGETS["demo_first_visit_kb"]
    for page, m in d["pages"].items():
        kb = m["total"] / 1e3
        checks.append({"budget": f"데모가 첫 방문에 더하는 바이트(KB, gzip, {page}: {', '.join(m['demos'])})",
                       "value": round(kb, 1), "limit": f"≤ {limit_kb}", "ok": kb <= limit_kb})
    for kind, key, label in (("fetched", "frame_fetched_ms", "받아 둔 프레임"),
                             ("first_fetch", "frame_first_fetch_ms", "처음 받는 프레임")):
        s = d["all"][kind]
        checks.append({"budget": f"정적 조절기 → 새 프레임, {label}(로컬 서버, ms, 중앙값, 옮기기 {s['count']}번)",
                       "value": s["median_ms"], "limit": f"≤ {BUDGETS[key]}",
                       "ok": s["count"] > 0 and s["median_ms"] <= BUDGETS[key]})
    checks.append({"budget": "사이트에 없는 등록된 데모", "value": d["missing"], "limit": "[]", "ok": d["missing"] == []})
    unmeasured = sorted(name for name, m in d["demos"].items() if m["fetched"]["count"] + m["first_fetch"]["count"] == 0)
    checks.append({"budget": "프레임 바뀜을 재지 못한 데모(옮기기 0번)", "value": unmeasured, "limit": "[]",
                   "ok": unmeasured == []})
    return checks


def markdown(r: dict) -> list[str]:
    d = r.get("demos") or {}
    lines = ["## 정적 데모", ""]
    if "pages" not in d:
        return lines + [f"- {d.get('skipped', '재지 못함')}"]
    lines += [f"첫 방문(페이지 무게의 정의, {d['runs']}번의 중앙값): 데모 HTML이 문서의 gzip에 더하는 바이트와 프레임 파일. "
              "처음 프레임은 데모가 화면 가까이 올 때 받으므로, 합은 데모를 건드리지 않고 모든 데모를 지나가며 읽을 때"
              "(열자마자 받은 것 ∪ 데모마다 처음 프레임)다. 나중에 받는 프레임은 독자가 데모에 손을 대거나 조절기를 "
              "움직일 때 받는다.", "",
              "| 장 | 데모 | 데모 HTML (KB, gzip) | 열자마자 받은 프레임 | 데모마다 처음 프레임까지 | 첫 방문 합 (KB) "
              "| 페이지 전체 (KB, gzip) | 나중에 받는 프레임 |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for page, m in d["pages"].items():
        lines.append(f"| {page} | {', '.join(m['demos'])} | {m['inline_gzip'] / 1e3:,.1f} | "
                     f"{m['visit_frames']}장, {m['visit_frames_bytes'] / 1e3:,.1f} KB | "
                     f"{m['shown_frames']}장, {m['shown_frames_bytes'] / 1e3:,.1f} KB | {m['total'] / 1e3:,.1f} | "
                     f"{m['page_gzip'] / 1e3:,.1f} | {m['later_frames']}장, {m['later_frames_bytes'] / 1e6:.2f} MB |")
    lines += ["", "조절기를 옮겨 새 프레임이 보이기까지(로컬 서버, Chromium, 데모마다 빈 캐시에서 "
              f"{d['runs']}번). 받아 둔 프레임 = 그 파일을 이미 받은 옮기기.", "",
              "| 데모 | 받아 둔 프레임: 중앙값 / 최대 (ms, 횟수) | 처음 받는 프레임: 중앙값 / 최대 (ms, 횟수) |",
              "| --- | ---: | ---: |"]

    def cell(s: dict) -> str:
        return "-" if not s["count"] else f"{s['median_ms']:g} / {s['max_ms']:g} ({s['count']})"

    for name, m in d["demos"].items():
        lines.append(f"| {name} ({m['page']}) | {cell(m['fetched'])} | {cell(m['first_fetch'])} |")
    lines.append(f"| 전체 | {cell(d['all']['fetched'])} | {cell(d['all']['first_fetch'])} |")
    if d["missing"]:
        lines += ["", f"- 사이트에 없는 등록된 데모: {', '.join(d['missing'])}"]
    return lines
