"""발표자가 믿고 쓸 수 있는 덱: → 하나로 모든 슬라이드, 1280×720에서 읽히는 글자, 발표자 화면.

- 넘기기: 덱마다 → 키만 눌러(조각 포함) 지나간 슬라이드를 세어 Reveal.getTotalSlides()와 견준다.
  대조군: 세로(subslide) 슬라이드가 있는 합성 덱을 같은 템플릿으로 만들어, reveal 기본 넘기기
  (navigationMode "default")에서는 이 세기가 건너뛴 슬라이드를 잡아내는지 확인한다.
- 글자 하한(1280×720, 화면에 그려진 크기): 글은 18 px 이상, 그림 속 글자는 14 px 이상.
  글: 슬라이드마다 보이는 글 노드의 계산된 font-size × reveal의 축소 비율(.slides 상자 폭 / 1280).
  그림: PNG 속 글자는 DOM에 없으므로 크기를 이렇게 추정한다(방법).
    화면의 글자 px = 글꼴 pt × (PNG의 dpi / 72) × (화면에 보인 폭 / PNG 픽셀 폭) × reveal 축소 비율
    - dpi: matplotlib이 PNG의 pHYs 조각에 적어 둔 해상도(없으면 72로 본다),
    - 글꼴 pt: dlkit 그림 스타일(dk.plotting.use_korean_font 뒤 rcParams의 글자 크기들)과
      그림 코드에 직접 적힌 fontsize=, labelsize=(숫자 또는 "small" 같은 이름) 가운데 가장 작은 값
      (어느 그림이 어느 함수인지 PNG만으로는 모르므로 가장 작은 글자를 기준으로 한다).
      책 그림(위젯 밖, 책 그림의 dpi dk.plotting.BOOK_DPI)은 rcParams, dlkit/*.py, chapters/*.md의
      글꼴로, 데모 프레임(위젯 안)과 그 밖의 dpi로 그린 그림(demo_figure)은 dlkit/widgets/까지 모든
      출처의 글꼴로 잰다. 대조군: 7 pt 글자의 72 dpi 프레임은 6.7 px로 잡힌다(브라우저 없이).
  그림은 그려진 픽셀 크기보다 키워 보이지 않는다(키우면 흐려진다): 보인 폭 / PNG 폭 ≤ 1.
"""
from __future__ import annotations

import base64
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9][0-9]_*.md"))
READY = "document.documentElement.getAttribute('data-studybook-ready') === '1'"
PROSE_FLOOR_PX = 18.0
FIGURE_FLOOR_PX = 14.0
WIDTH, HEIGHT = 1280, 720

# 지금 위치: 슬라이드(h/v)와 조각(f)까지. → 를 눌러도 바뀌지 않으면 덱의 끝이다.
STATE_JS = """() => { const i = Reveal.getIndices();
  return {slide: `${i.h}/${i.v || 0}`, state: `${i.h}/${i.v || 0}/${i.f === undefined ? '' : i.f}`}; }"""


def walk_with_arrow_right(page, max_presses: int = 400) -> dict:
    """실제 키보드 → 만 눌러 본 슬라이드 수. {'seen': n, 'total': Reveal.getTotalSlides(), 'presses': k}."""
    page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'}); Reveal.slide(0, 0, -1)")
    seen = set()
    current = page.evaluate(STATE_JS)
    seen.add(current["slide"])
    presses = 0
    for presses in range(1, max_presses + 1):
        page.keyboard.press("ArrowRight")
        after = page.evaluate(STATE_JS)
        seen.add(after["slide"])
        if after["state"] == current["state"]:
            break
        current = after
    return {"seen": len(seen), "total": page.evaluate("Reveal.getTotalSlides()"), "presses": presses,
            "slides": sorted(seen)}


def open_deck(browser, site_url: str, name: str, *, route_html: str | None = None):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    url = f"{site_url}/slides/{name}.html"
    if route_html is not None:
        page.route(url, lambda route: route.fulfill(status=200, body=route_html,
                                                    headers={"Content-Type": "text/html; charset=utf-8"}))
    page.goto(url, wait_until="load")
    page.wait_for_function(READY, timeout=60000)
    return context, page, errors


def build_slides_module():
    from booktools import slides

    return slides


def synthetic_deck(html_dir: Path) -> str:
    """세로 슬라이드 둘이 든 합성 덱(가로 2 + 세로 2 = 4장)을 책의 템플릿과 자산으로 만든다."""
    import nbformat

    bs = build_slides_module()
    nb = nbformat.v4.new_notebook()
    for kind, text in [("slide", "# 하나"), ("subslide", "## 하나 아래 (세로)"),
                       ("subslide", "## 하나 아래 둘 (세로)"), ("slide", "# 둘")]:
        cell = nbformat.v4.new_markdown_cell(text)
        cell.metadata["slideshow"] = {"slide_type": kind}
        nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    assets = bs.find_assets(html_dir)
    urls = {k: bs.relative_url(v, html_dir) for k, v in assets.items() if v is not None}
    return bs.export_deck(bs.make_exporter(ROOT, urls), nb, "합성 덱", urls, "합성 덱")


# ---------------------------------------------------------------------------
# 정적 검사


@pytest.mark.parametrize("name", CHAPTERS)
def test_deck_has_viewport_and_description(built_book, name):
    from html.parser import HTMLParser

    html = (built_book.html / "slides" / f"{name}.html").read_text(encoding="utf-8")
    metas: dict[str, str] = {}

    class Head(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and "name" in attrs:
                metas[attrs["name"]] = attrs.get("content") or ""

    Head().feed(html.split("</head>", 1)[0])
    assert metas.get("viewport") == "width=device-width, initial-scale=1.0", metas
    assert re.search(r"[\uac00-\ud7a3]", metas.get("description", "")), metas
    assert 'navigationMode: "linear"' in html


# ---------------------------------------------------------------------------
# 헤드리스 Chromium


@pytest.mark.browser
@pytest.mark.parametrize("name", CHAPTERS)
def test_arrow_right_alone_reaches_every_slide(built_book, browser, site_url, name):
    context, page, errors = open_deck(browser, site_url, name)
    try:
        walked = walk_with_arrow_right(page)
        assert walked["seen"] == walked["total"], walked
        assert walked["total"] >= 2
        # ↑↓ 화살표는 숨고(한 줄 넘기기), 보이는 ← → 화살표는 슬라이드 번호와 겹치지 않는다.
        layout = page.evaluate("""() => {
          const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width}; };
          const visible = (el) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 0;
          const arrows = [...document.querySelectorAll('.reveal .controls button')].filter(visible);
          return {arrows: arrows.map(el => ({cls: el.className, ...box(el)})),
                  number: box(document.querySelector('.reveal .slide-number'))};
        }""")
        assert not any("navigate-down" in a["cls"] or "navigate-up" in a["cls"] for a in layout["arrows"]), layout
        number = layout["number"]
        for arrow in layout["arrows"]:
            overlap = not (arrow["r"] <= number["l"] or number["r"] <= arrow["l"]
                           or arrow["b"] <= number["t"] or number["b"] <= arrow["t"])
            assert not overlap, (arrow, number)
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_walk_counter_catches_a_skipped_vertical_slide(built_book, browser, site_url):
    """대조군: 같은 템플릿의 합성 덱(4장, 세로 2장). 한 줄 넘기기면 4장 다, reveal 기본이면 → 가 세로를 건너뛴다."""
    html = synthetic_deck(built_book.html)
    context, page, errors = open_deck(browser, site_url, "_synthetic_vertical", route_html=html)
    try:
        assert page.evaluate("Reveal.getTotalSlides()") == 4
        linear = walk_with_arrow_right(page)
        assert linear["seen"] == 4, linear
        page.evaluate("Reveal.configure({navigationMode: 'default'})")
        default = walk_with_arrow_right(page)
        assert default["seen"] == 2 < default["total"] == 4, default
        assert errors == []
    finally:
        context.close()


LEGIBILITY_JS = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});
  const out = [];
  const slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    const slide = slides[i];
    const idx = Reveal.getIndices(slide);
    const fragments = slide.querySelectorAll('.fragment').length;
    Reveal.slide(idx.h, idx.v, fragments ? fragments - 1 : undefined);
    await frame();
    // 데모 프레임은 파일(_demo/*.png)이라 슬라이드에 온 뒤에 받는다: 다 받을 때까지 기다린다
    await Promise.all([...slide.querySelectorAll('img')].map(img => img.complete ? null :
      new Promise(r => { img.addEventListener('load', r); img.addEventListener('error', r); setTimeout(r, 5000); })));
    const scale = document.querySelector('.reveal .slides').getBoundingClientRect().width / Reveal.getConfig().width;
    const texts = [];
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const text = node.textContent.trim();
      if (!text) continue;
      const el = node.parentElement;
      if (el.closest('aside.notes, mjx-assistive-mml, script, style')) continue;
      // 글자 자체의 상자(Range): 요소의 상자로 재면 폭 0으로 잡히는 MathJax의 한글(mjx-utext)이 빠졌다
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      texts.push({px: parseFloat(cs.fontSize) * scale, text: text.slice(0, 50), tag: el.tagName.toLowerCase()});
    }
    texts.sort((a, b) => a.px - b.px);
    const images = [];
    for (const img of slide.querySelectorAll('img')) {
      const r = img.getBoundingClientRect();
      if (!(r.width > 0 && img.naturalWidth > 0 && getComputedStyle(img).visibility !== 'hidden')) continue;
      let src = img.currentSrc || img.src;
      if (!src.startsWith('data:')) {  // 파일(데모 프레임 _demo/*.png)이나 blob 주소: 바이트를 data URL로 읽는다
        const blob = await (await fetch(src)).blob();
        src = await new Promise(resolve => { const fr = new FileReader(); fr.onload = () => resolve(fr.result); fr.readAsDataURL(blob); });
      }
      images.push({shown: r.width / scale, natural: img.naturalWidth, scale: scale, src: src,
                   widget: !!img.closest('.jupyter-widgets, .dlkit-demo')});
    }
    out.push({number: i + 1, h: idx.h, v: idx.v || 0, smallest: texts.slice(0, 3), images: images});
  }
  Reveal.slide(0, 0);
  return out;
}"""


def measure_deck(browser, site_url: str, name: str) -> list[dict]:
    context, page, _ = open_deck(browser, site_url, name)
    try:
        return page.evaluate(LEGIBILITY_JS)
    finally:
        context.close()


@pytest.fixture(scope="module")
def measured(built_book, browser, site_url) -> dict[str, list[dict]]:
    return {name: measure_deck(browser, site_url, name) for name in CHAPTERS}


@pytest.mark.browser
@pytest.mark.parametrize("name", CHAPTERS)
def test_slide_text_meets_projector_floor(measured, name):
    small = [(s["number"], t) for s in measured[name] for t in s["smallest"] if t["px"] < PROSE_FLOOR_PX]
    assert small == [], f"{name}: {PROSE_FLOOR_PX} px보다 작은 글 (슬라이드 번호, 글): {small[:5]}"


@pytest.mark.browser
def test_projector_floor_catches_a_script_size_hangul_label(built_book, browser, site_url):
    """대조군: 02 덱의 밑줄 괄호 아래 한글(\\underbrace{…}_{\\text{가중합}})을 예전처럼 첨자 크기로 두면 18 px 아래다
    (MathJax의 mjx-utext, 18.4 px × reveal 배율 0.96). 요소 상자의 폭이 0이라 예전 측정은 그 글을 빼먹었다."""
    deck = (built_book.html / "slides" / "02_bias.html").read_text(encoding="utf-8")
    assert "\\textstyle\\text{가중합" in deck
    old = deck.replace("\\textstyle\\text{가중합", "\\text{가중합")
    context, page, _ = open_deck(browser, site_url, "02_bias", route_html=old)
    try:
        slides = page.evaluate(LEGIBILITY_JS)
    finally:
        context.close()
    small = [t for s in slides for t in s["smallest"] if t["px"] < PROSE_FLOOR_PX]
    assert small and all(t["tag"] == "mjx-utext" and t["text"].startswith("가중합") for t in small), small


def png_dpi(data: bytes) -> float:
    """PNG의 pHYs 조각(픽셀/미터)에서 dpi. 조각이 없으면 72(= 1 pt당 1 px)로 본다."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "PNG가 아닙니다"
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"pHYs":
            x, _, unit = struct.unpack(">IIB", data[pos + 8:pos + 17])
            return x * 0.0254 if unit == 1 else 72.0
        if kind == b"IDAT":
            break
        pos += 12 + length
    return 72.0


# 글꼴 크기를 적는 곳: fontsize=8, labelsize=8, fontsize="small" (이름은 rcParams의 font.size에 대한 배율)
FONT_ARG = re.compile(r"\b(?:fontsize|labelsize)\s*=\s*(?:(\d+(?:\.\d+)?)|[\"']([a-z-]+)[\"'])")


def declared_font_sizes(text: str, base_pt: float, where: str) -> dict[str, float]:
    """코드 ``text``에 직접 적힌 글꼴 크기(pt)들: {출처: pt}. 이름(small 등)은 ``base_pt``에 대한 배율로."""
    from matplotlib.font_manager import font_scalings

    sizes = {}
    for match in FONT_ARG.finditer(text):
        number, named = match.groups()
        if number is not None:
            pt = float(number)
        elif named in font_scalings:
            pt = base_pt * font_scalings[named]
        else:
            continue
        sizes[f"{where}: {match.group(0)}"] = pt
    return sizes


def figure_font_sources() -> dict[str, dict[str, float]]:
    """그림 글자 크기의 출처: 책 그림(rcParams, dlkit/*.py, 장의 코드)과 데모(dlkit/widgets/까지 전부).

    rcParams는 책 빌드와 같게 use_korean_font() 뒤의 값. 데모 프레임에는 dlkit 어디의 글꼴이든
    들어갈 수 있다고 보고(보수적으로) 모든 출처를 쓴다.
    """
    code = (
        "import matplotlib; matplotlib.use('Agg'); import matplotlib as mpl, dlkit as dk\n"
        "from matplotlib.font_manager import FontProperties\n"
        "dk.plotting.use_korean_font()\n"
        "keys = ['font.size', 'xtick.labelsize', 'ytick.labelsize', 'legend.fontsize', 'axes.labelsize', 'axes.titlesize']\n"
        "for k in keys: print(k, FontProperties(size=mpl.rcParams[k]).get_size_in_points())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    rc = {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line.strip()}
    book, widgets = dict(rc), {}
    files = sorted((ROOT / "dlkit").rglob("*.py")) + sorted((ROOT / "chapters").glob("*.md"))
    for path in files:
        rel = path.relative_to(ROOT)
        found = declared_font_sizes(path.read_text(encoding="utf-8"), rc["font.size"], str(rel))
        (widgets if rel.parts[:2] == ("dlkit", "widgets") else book).update(found)
    return {"book": book, "frames": {**book, **widgets}}


def figure_text(measured) -> list[dict]:
    rows = []
    for name, slides in measured.items():
        for slide in slides:
            for image in slide["images"]:
                header, _, payload = image["src"].partition(",")
                if not header.startswith("data:image/png;base64"):
                    continue
                dpi = png_dpi(base64.b64decode(payload))
                ratio = image["shown"] / image["natural"]
                rows.append({"deck": name, "slide": slide["number"], "dpi": round(dpi, 1), "widget": image["widget"],
                             "ratio": round(ratio, 3), "reveal": round(image["scale"], 3),
                             "px_per_pt": dpi / 72 * ratio * image["scale"]})
    return rows


def figure_text_too_small(rows: list[dict], sources: dict[str, dict[str, float]], book_dpi: float) -> list[dict]:
    """가장 작은 글자가 하한(FIGURE_FLOOR_PX)에 못 미치는 그림들.

    책 그림(위젯 밖, 책 그림의 dpi)은 책 그림의 글꼴만, 그 밖의 그림(데모 프레임, demo_figure처럼
    다른 dpi로 그린 그림)은 모든 출처 가운데 가장 작은 글꼴로 잰다. PNG만으로는 어느 그림이 어느
    함수인지 모르므로 그 묶음의 가장 작은 글자를 기준으로 한다.
    """
    small = []
    for r in rows:
        group = "book" if not r["widget"] and abs(r["dpi"] - book_dpi) < 0.5 else "frames"
        source = min(sources[group], key=sources[group].get)
        px = sources[group][source] * r["px_per_pt"]
        if px < FIGURE_FLOOR_PX:
            small.append(dict(r, px=round(px, 1), font=f"{sources[group][source]} pt ({source})"))
    return small


def png_data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def one_image_deck(png: bytes, *, widget: bool) -> dict:
    """LEGIBILITY_JS가 돌려주는 모양의 합성 측정값: 그림 하나를 제 크기로(1280×720, reveal 0.96)."""
    width = int.from_bytes(png[16:20], "big")
    return {"synthetic": [{"number": 1, "images": [{"shown": width, "natural": width, "scale": 0.96,
                                                  "src": png_data_url(png), "widget": widget}]}]}


def test_figure_floor_reports_a_small_frame():
    """대조군(브라우저 없이): 7 pt 글자의 72 dpi 프레임(pHYs 없는 PNG, 예전 편향 데모)은 6.7 px로 잡힌다.
    같은 7 pt라도 글꼴 출처에 없으면 잡히지 않으니, 출처의 글꼴 크기를 바꿔 가며 본다."""
    from PIL import Image
    import io

    buf = io.BytesIO()
    Image.new("RGB", (560, 250), "white").save(buf, format="png")   # dpi를 적지 않은 PNG → 72로 본다
    rows = figure_text(one_image_deck(buf.getvalue(), widget=True))
    assert rows[0]["dpi"] == 72.0
    sources = {"book": {"legend": 11.0}, "frames": {"legend": 11.0, "dlkit/widgets/x.py: fontsize=7": 7.0}}
    small = figure_text_too_small(rows, sources, book_dpi=100)
    assert [s["px"] for s in small] == [6.7], small
    # 위젯 밖의 같은 PNG도 책 dpi가 아니면 모든 출처로 잰다(7 pt)
    rows = figure_text(one_image_deck(buf.getvalue(), widget=False))
    assert [s["px"] for s in figure_text_too_small(rows, sources, book_dpi=100)] == [6.7]
    # 책 dpi(100)로 적힌 9 pt 책 그림: 9 × 100/72 × 0.96 = 12 px → 잡힌다
    buf = io.BytesIO()
    Image.new("RGB", (600, 350), "white").save(buf, format="png", dpi=(100, 100))
    rows = figure_text(one_image_deck(buf.getvalue(), widget=False))
    assert [s["px"] for s in figure_text_too_small(rows, {"book": {"legend": 9.0}, "frames": {}}, 100)] == [12.0]


def test_font_sources_include_labelsize_and_named_sizes():
    """tick_params(labelsize=7)와 fontsize="small"도 글꼴 출처로 센다(fontsize=숫자만 보면 놓친다)."""
    found = declared_font_sizes('ax.tick_params(labelsize=7)\nax.legend(fontsize="small")\n'
                                'ax.text(0, 0, "a", fontsize=12.5)', 12.0, "x.py")
    assert sorted(found.values()) == pytest.approx([7.0, 10.0, 12.5], abs=0.01), found


def test_frames_are_drawn_and_marked_at_frame_dpi():
    """데모 프레임과 demo_figure는 FRAME_DPI로 그리고 PNG에 그 dpi를 적는다(책 그림의 dpi와 다르다):
    figure_text_too_small이 책 dpi의 위젯 밖 그림에 책 그림의 글꼴만 쓰는 근거."""
    code = (
        "import matplotlib; matplotlib.use('Agg'); import io, dlkit as dk\n"
        "from dlkit.widgets._frames import Canvas, FRAME_DPI\n"
        "dk.plotting.use_korean_font()\n"
        "c = Canvas((2.0, 1.0)); c.fig.add_subplot().plot([0, 1])\n"
        "import sys; sys.stdout.buffer.write(c.png(palette=True)); sys.stdout.flush()\n"
        "fig = dk.widgets.demo_figure('bias')\n"
        "sys.stderr.write(f'{FRAME_DPI} {fig.dpi} {dk.plotting.BOOK_DPI}')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT)
    frame_dpi, fig_dpi, book_dpi = (float(v) for v in done.stderr.decode().split()[-3:])
    assert png_dpi(done.stdout) == pytest.approx(frame_dpi, abs=0.1)
    assert fig_dpi == frame_dpi != book_dpi


@pytest.mark.browser
def test_slide_figures_are_not_upscaled(measured):
    """그림은 그려진 픽셀 크기보다 크게 보이지 않는다(업스케일은 흐리다). 그림이 하나도 없으면 실패."""
    rows = figure_text(measured)
    assert len(rows) >= 5, rows
    assert any(r["widget"] for r in rows), "데모(위젯)의 그림도 재야 합니다(편향 데모)"
    upscaled = [r for r in rows if r["ratio"] > 1.01]
    assert upscaled == [], upscaled


@pytest.mark.browser
def test_figure_text_meets_projector_floor(measured):
    import dlkit.plotting

    rows = figure_text(measured)
    assert rows and any(r["widget"] for r in rows)
    small = figure_text_too_small(rows, figure_font_sources(), dlkit.plotting.BOOK_DPI)
    assert small == [], f"{FIGURE_FLOOR_PX} px보다 작은 그림 글자: {small[:6]}"


@pytest.mark.browser
def test_speaker_view_labels_do_not_cover_the_previews(built_book, browser, site_url):
    name = next(n for n in CHAPTERS if '<aside class="notes">' in
                (built_book.html / "slides" / f"{n}.html").read_text(encoding="utf-8"))
    context, page, errors = open_deck(browser, site_url, name)
    try:
        with page.expect_popup() as popup:
            page.keyboard.press("s")
        speaker = popup.value
        speaker.wait_for_function("document.querySelector('#upcoming-slide iframe') !== null", timeout=30000)
        speaker.wait_for_function("document.getElementById('studybook-speaker-css') !== null", timeout=10000)
        # 미리 보기 위에 뜬 이름표(reveal 4.6.1의 기본 배치에서는 #upcoming-slide에만 있다)
        boxes = speaker.evaluate("""() => [...document.querySelectorAll('#current-slide, #upcoming-slide')]
          .filter(box => box.querySelector('.label')).map(box => {
            const label = box.querySelector('.label').getBoundingClientRect();
            const frame = box.querySelector('iframe').getBoundingClientRect();
            return {id: box.id, text: box.querySelector('.label').textContent,
                    labelBottom: label.bottom, frameTop: frame.top, frameHeight: frame.height};
          })""")
        assert [b["id"] for b in boxes if b["id"] == "upcoming-slide"], boxes
        for box in boxes:
            assert box["labelBottom"] <= box["frameTop"] + 0.5, box
            assert box["frameHeight"] > 100, box
        assert {b["id"]: b["text"] for b in boxes}["upcoming-slide"] == "다음 슬라이드"
        speaker.close()
        assert errors == []
    finally:
        context.close()
