"""장마다 reveal.js 발표 슬라이드(+ 인쇄용 PDF)를 만든다. 빌드(:mod:`booktools.build`)의 Sphinx 다음 단계.

    python -m booktools slides [ROOT] [--chapters 02_bias ...] [--no-pdf] [--check]

흐름(장 하나마다):
1. 실행된 노트북을 얻는다: 장 소스(MyST)를 myst-nb와 같은 방식으로 읽고, 책 빌드가 채운
   jupyter-cache(`_build/.jupyter_cache`)에서 출력을 합친다. 다시 실행하지 않는다.
   캐시에 맞는 기록이 없으면 `_build/jupyter_execute/chapters/<장>.ipynb`를 쓴다.
2. 슬라이드용으로 다듬는다(팀 규칙, :mod:`booktools.cells`): `slideshow.slide_type`이 slide/subslide/fragment/"-"인
   셀만 슬라이드에, notes는 발표자 노트(s 키)로, 표시 없는 셀은 책 전용이라 버린다.
   remove-input/hide-input 태그는 코드 입력을, remove-output은 출력을 뺀다. 슬라이드에서만
   빼려면 slide-remove-input / slide-remove-output 태그(책에는 영향 없음).
   슬라이드 셀의 MyST 문법은 노트북과 같은 변환(:mod:`booktools.markdown`, 설정 SLIDES)으로 바꾸고
   ({term}`편향` → **편향**, 안내 상자 → 인용 상자, 다른 장 참조 → 제목 글), 바꿀 수 없는 것은
   장과 셀(소스 줄)을 짚어 실패한다.
3. nbconvert SlidesExporter + `booktools/theme/slides/studybook` 템플릿으로 `_build/html/slides/<장>.html`.
   reveal.js 4.6.1, jquery, require.js, MathJax 3, (위젯이 있으면) html-manager는 사이트의
   `_static/`에 함께 올린 것(`_vendor/`, 표는 :mod:`booktools.vendor`)을 상대 주소로 쓴다. 인터넷에서 받지 않는다.
4. 인쇄하는 빌드면(:meth:`booktools.settings.BuildSettings.print_blocker`: Chromium이 있고 --no-pdf가 아님)
   reveal.js의 `?print-pdf`를 헤드리스 Chromium으로 인쇄해 `_build/html/slides/<장>.pdf`
   (슬라이드 한 장 = 한 쪽)를 만든다. 아니면 이유를 한 줄 알리고, 지난 빌드의 PDF를 지운다
   (슬라이드 목록은 같은 판단으로 PDF 대신 안내를 싣는다).
5. `_build/html/slides/manifest.json`: 장마다 제목, 슬라이드 수, PDF 쪽 수, 셀 ↔ 소스 줄, 걸린 시간.

`--check`: 만든 덱을 1280×720으로 한 장씩 넘기며 내용이 슬라이드 영역을 넘치는지 재고,
넘치는 슬라이드를 장·셀·소스 줄로 알린다(고칠 곳은 장 소스).
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from booktools import browser, chapters as toc, demo_frames, markdown, vendor
from booktools.cells import NOTES, ON_SLIDE, SLIDE_STARTS, is_claim, slide_type
from booktools.settings import BuildSettings
from booktools.theme import MATHJAX_HUB_SHIM_JS

WIDTH, HEIGHT = 1280, 720
THEME = Path(__file__).resolve().parent / "theme" / "slides"   # 덱 템플릿(studybook/)과 넘침 검사(overflow.js)


class SlideError(Exception):
    """슬라이드를 만들 수 없음: 메시지에 장과 셀(소스 줄)을 적는다."""


# ---------------------------------------------------------------------------
# 1. 실행된 노트북


read_source_notebook = toc.read_notebook  # 장을 읽는 방법은 하나(booktools.chapters)


def executed_notebook(root: Path, source: Path):
    """(실행 결과가 든 노트북, 어디서 가져왔는지)."""
    import nbformat

    nb = read_source_notebook(source)
    source_map = list(nb.metadata.get("source_map", []))
    if not any(cell.cell_type == "code" for cell in nb.cells):
        return nb, "source (코드 셀 없음)"
    cache_dir = root / "_build" / ".jupyter_cache"
    if cache_dir.exists():
        from jupyter_cache import get_cache

        try:
            pk, merged = get_cache(cache_dir).merge_match_into_notebook(nb)
        except KeyError:
            pass
        else:
            merged.metadata["source_map"] = source_map
            return merged, f"jupyter-cache #{pk}"
    rel = source.relative_to(root).with_suffix(".ipynb")
    executed = root / "_build" / "jupyter_execute" / rel
    if executed.exists() and executed.stat().st_mtime >= source.stat().st_mtime:
        nb = nbformat.read(executed, as_version=4)
        if len(nb.metadata.get("source_map", [])) != len(nb.cells):
            nb.metadata["source_map"] = source_map if len(source_map) == len(nb.cells) else []
        return nb, f"{executed.relative_to(root)}"
    raise SlideError(
        f"{source.relative_to(root)}: 실행 결과가 없습니다(jupyter-cache에도 _build/jupyter_execute에도). "
        "먼저 책을 빌드하세요(make book)."
    )


# ---------------------------------------------------------------------------
# 2. 슬라이드용으로 다듬기

def _where(chapter: str, index: int, line: int | None) -> str:
    return f"{chapter}, 셀 #{index}" + (f" (소스 {line}번째 줄)" if line else "")


SLIDE_RULE = "슬라이드 셀에는 평범한 Markdown, $수식$, 코드만 씁니다(팀 규칙): 이 문장을 책 전용 셀로 옮기거나 평문으로 쓰세요."


def slide_converter(root: Path, source: Path, index: markdown.BookIndex | None = None) -> markdown.Converter:
    """덱의 MyST 변환: 노트북과 같은 변환(:mod:`booktools.markdown`)에 :data:`~booktools.markdown.SLIDES` 설정."""
    return markdown.Converter(source, root, index if index is not None else markdown.build_index(root),
                              markdown.SLIDES)


def slide_notebook(nb, chapter: str, converter: markdown.Converter | None = None):
    """슬라이드에 올릴 셀만 남긴 노트북과 셀 정보(셀 id → 소스 위치).

    ``converter``가 없으면 참조 색인 없이 바꾼다(명시한 제목이 없는 참조는 실패)."""
    nb = copy.deepcopy(nb)
    if converter is None:
        converter = markdown.Converter(Path(chapter), Path("."), markdown.BookIndex(), markdown.SLIDES)
    source_map = nb.metadata.get("source_map", [])
    kept, cells_info, pending_notes = [], {}, []
    seen_visible = False
    for index, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if is_claim(cell):
            continue  # 빌드 때만 도는 주장 검사 셀
        if kind not in ON_SLIDE and kind != NOTES:
            if cell.cell_type == "markdown":
                converter.skip(cell.source)  # 연습 문제 번호는 책 전용 셀까지 센다
            continue  # 표시 없음/skip: 책 전용
        # source_map: 셀 내용 첫 줄의 0부터 센 번호 = 셀을 여는 줄(+++ 또는 ```{code-cell})의 1부터 센 번호
        line = source_map[index] if index < len(source_map) else None
        where = _where(chapter, index, line)
        cell.id = f"c{index}"
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown":
            try:
                cell.source = converter.convert(cell.source, where)
            except markdown.ConversionError as exc:
                raise SlideError(f"{exc} {SLIDE_RULE}") from None
            cell.pop("attachments", None) if not cell.get("attachments") else None
        elif cell.cell_type == "code":
            if tags & {"remove-input", "hide-input", "slide-remove-input"}:
                cell.metadata["transient"] = {"remove_source": True}
            if tags & {"remove-output", "slide-remove-output"}:
                cell.outputs = []
            if "remove-stderr" in tags:
                cell.outputs = [o for o in cell.outputs if o.get("name") != "stderr"]
            if "remove-stdout" in tags:
                cell.outputs = [o for o in cell.outputs if o.get("name") != "stdout"]
            for output in cell.outputs:
                if output.get("output_type") == "error":
                    raise SlideError(f"{where}: 슬라이드 셀의 출력에 오류가 있습니다.")
        else:
            continue  # raw 셀은 슬라이드에 넣지 않는다
        first_line = next((s for s in cell.source.splitlines() if s.strip()), "")[:70]
        cells_info[cell.id] = {"index": index, "line": line, "type": cell.cell_type,
                               "slide_type": kind, "first_line": first_line}
        if kind == NOTES and not seen_visible:
            pending_notes.append(cell)  # 첫 슬라이드 전의 노트는 첫 슬라이드에 붙인다
            continue
        kept.append(cell)
        if kind != NOTES and not seen_visible:
            seen_visible = True
            kept.extend(pending_notes)
            pending_notes = []
    if not seen_visible:
        raise SlideError(f"{chapter}: 슬라이드로 표시된 셀이 없습니다.")
    nb.cells = kept
    if not any(output.get("data", {}).get(WIDGET_VIEW) for cell in kept if cell.cell_type == "code"
               for output in cell.get("outputs", [])):
        nb.metadata.pop("widgets", None)  # 슬라이드에 위젯이 없으면 책 전체의 위젯 상태(수백 KB)를 싣지 않는다
    return nb, cells_info


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def count_slides(nb) -> int:
    """reveal이 세는 슬라이드 수(가로 slide + 세로 subslide; 첫 보이는 셀은 무조건 시작)."""
    count, first = 0, True
    for cell in nb.cells:
        kind = slide_type(cell)
        if kind == NOTES or kind not in ON_SLIDE:
            continue
        if first or kind in SLIDE_STARTS:
            count += 1
        first = False
    return count


def chapter_title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return markdown.strip_inline(line[2:])
    return fallback


# ---------------------------------------------------------------------------
# 3. 오프라인 자산 찾기와 내보내기


def find_assets(html_dir: Path) -> dict[str, Path | None]:
    """사이트(_build/html/_static)에 함께 올린 자산의 위치(표는 :mod:`booktools.vendor`). 인터넷에서 받지 않는다."""
    return vendor.find_assets(html_dir)


def reveal_version(reveal_dir: Path) -> str:
    """package.json이 있으면 그 버전, 없으면 dist/reveal.js 머리말(4.6.1도 "4.6.0"이라 적혀 있다)."""
    package = reveal_dir / "package.json"
    if package.exists():
        return json.loads(package.read_text()).get("version", "?")
    match = re.search(r"reveal\.js (\d+\.\d+\.\d+)", (reveal_dir / "dist" / "reveal.js").read_text()[:600])
    return match.group(1) if match else "?"


def make_exporter(root: Path, urls: dict[str, str]):
    from nbconvert.exporters import SlidesExporter
    from traitlets.config import Config

    c = Config()
    c.SlidesExporter.template_name = "studybook"
    c.SlidesExporter.extra_template_basedirs = [str(THEME)]
    c.SlidesExporter.reveal_url_prefix = urls["reveal"]
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.reveal_transition = "slide"
    c.SlidesExporter.reveal_width = str(WIDTH)
    c.SlidesExporter.reveal_height = str(HEIGHT)
    c.SlidesExporter.jquery_url = urls["jquery"]
    c.SlidesExporter.require_js_url = urls["requirejs"]
    c.SlidesExporter.mathjax_url = urls["mathjax"]
    c.SlidesExporter.widget_renderer_url = urls.get("html_manager", "")
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    c.SlidesExporter.language_code = "ko"
    c.SlidesExporter.embed_images = True
    return SlidesExporter(config=c)


EXTERNAL_LOAD = re.compile(
    r"""(?:\bsrc\s*=\s*["']|<link\b[^>]*\bhref\s*=\s*["']|@import\s+(?:url\()?["']?|\bimport\b[^;\n]*\bfrom\s*["'])"""
    r"""(?:https?:)?//""",
    re.IGNORECASE,
)


def deck_description(nb, title: str, slides: int) -> str:
    """덱의 <meta name="description">: 장 앞머리의 description, 없으면 제목과 슬라이드 수."""
    text = nb.metadata.get("description")
    if isinstance(text, str) and text.strip():
        return " ".join(text.split())
    return f"딥러닝 기초 스터디 북 「{title}」 장의 발표 슬라이드 {slides}장(reveal.js, 인터넷 없이 열림)."


def export_deck(exporter, nb, title: str, urls: dict[str, str], description: str = "") -> str:
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(
        nb, resources={"studybook": {"mathjax_url": urls["mathjax"], "widgets_paths": urls.get("widgets_paths", ""),
                                     "mathjax_shim": MATHJAX_HUB_SHIM_JS.read_text(encoding="utf-8"),
                                     "description": description or title},
                       "metadata": {"name": title}}
    )
    body = body.replace(f"<title>{title} slides</title>", f"<title>{title} — 발표 슬라이드</title>")
    external = EXTERNAL_LOAD.findall(body)
    if external:
        raise SlideError(f"덱이 사이트 밖 주소에서 무엇을 불러옵니다: {external[:3]}")
    return body


# ---------------------------------------------------------------------------
# 4. 브라우저 단계(PDF, 넘침 검사)


READY = "document.documentElement.getAttribute('data-studybook-ready') === '1'"


def wait_ready(page, timeout_ms: int = 60000) -> None:
    page.wait_for_function(READY, timeout=timeout_ms)


def count_pdf_pages(pdf: Path) -> int:
    """PDF 쪽 수: /Type /Page 객체를 센다(Chromium의 PDF는 객체 스트림을 쓰지 않는다)."""
    data = pdf.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def print_pdf(browser, base_url: str, name: str, out: Path) -> int:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/slides/{name}.html?print-pdf", wait_until="load")
        wait_ready(page)
        page.wait_for_function(
            "document.querySelectorAll('.reveal .pdf-page').length >= Reveal.getTotalSlides()",
            timeout=60000,
        )
        # 고정된 기다림 대신: 글꼴과 그림을 다 받았을 때 찍는다
        page.wait_for_function("document.fonts.status === 'loaded' && [...document.images].every((i) => i.complete)",
                               timeout=60000)
        page.pdf(path=str(out), print_background=True, prefer_css_page_size=True,
                 margin={"top": "0", "right": "0", "bottom": "0", "left": "0"})
    finally:
        context.close()
    return count_pdf_pages(out)


PRINT_WORKERS = 2
"""인쇄용 PDF를 나눠 찍는 Chromium 수(이 기계의 코어 2개: 덱 7개를 한 브라우저로 차례로 찍으면 약 10초, 둘이면 약 5초)."""


def print_pdfs(browser_path: Path, base_url: str, names: list[str], out_dir: Path,
               workers: int = PRINT_WORKERS) -> dict[str, tuple[int | Exception, float]]:
    """덱 ``names``의 인쇄용 PDF를 ``workers``개의 Chromium에 나눠 찍는다(스레드마다 자기 playwright와 브라우저).

    돌려주는 것: 덱 이름 → (쪽 수 또는 그 덱을 찍다 난 예외, 걸린 초). 한 덱이 실패해도 다른 덱은 찍는다."""
    from concurrent.futures import ThreadPoolExecutor

    groups = [g for g in (names[i::max(1, workers)] for i in range(max(1, workers))) if g]

    def run(group: list[str]) -> dict[str, tuple[int | Exception, float]]:
        out: dict[str, tuple[int | Exception, float]] = {}
        with browser.launch(browser_path) as chromium:
            for name in group:
                started = time.perf_counter()
                try:
                    out[name] = (print_pdf(chromium, base_url, name, out_dir / f"{name}.pdf"),
                                 time.perf_counter() - started)
                except Exception as exc:  # noqa: BLE001 — 어느 장에서 실패했는지 알리고 나머지는 찍는다
                    out[name] = (exc, time.perf_counter() - started)
        return out

    results: dict[str, tuple[int | Exception, float]] = {}
    if groups:
        with ThreadPoolExecutor(max_workers=len(groups)) as pool:
            for part in pool.map(run, groups):
                results.update(part)
    return results


def overflow_js() -> str:
    return (THEME / "overflow.js").read_text(encoding="utf-8")


def check_deck(browser, base_url: str, name: str) -> list[dict]:
    """덱의 모든 슬라이드를 1280×720에서 재어 넘치는 슬라이드 목록을 돌려준다."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/slides/{name}.html", wait_until="load")
        wait_ready(page)
        return page.evaluate(overflow_js())
    finally:
        context.close()


# ---------------------------------------------------------------------------
# 5. 전체 흐름


def relative_url(path: Path, html_dir: Path) -> str:
    """slides/<장>.html에서 본 상대 주소."""
    return "../" + path.relative_to(html_dir).as_posix()


def deck_inputs_key(root: Path, urls: dict[str, str], index: markdown.BookIndex | None = None) -> str:
    """모든 덱이 공유하는 입력(이 모듈, 셀 규칙, MyST 변환과 참조 색인, 템플릿, 자산 주소)의 해시."""
    from booktools import cells

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(cells.__file__).read_bytes())
    digest.update(MATHJAX_HUB_SHIM_JS.read_bytes())
    digest.update(Path(markdown.__file__).read_bytes())
    for path in sorted(THEME.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(THEME).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(json.dumps(urls, sort_keys=True).encode())
    if index is not None:
        digest.update(json.dumps(dataclasses.asdict(index), sort_keys=True, default=sorted,
                                 ensure_ascii=False).encode())
    return digest.hexdigest()


def deck_key(shared_key: str, source: Path, nb) -> str:
    """덱 하나의 키: 공유 입력 + 장 원본 + 덱이 보여 줄 실행 결과(출력) 자체의 해시.

    jupyter-cache 기록 번호는 키가 될 수 없다: 캐시를 지우고 다시 넣으면 같은 번호가 다시 나와서,
    dlkit이 바뀌어 그림이 달라져도 덱과 PDF가 예전 것으로 남았다(이슈 15의 1).
    """
    digest = hashlib.sha256(f"{shared_key}|{source.read_text(encoding='utf-8')}".encode())
    for cell in nb.cells:
        digest.update(json.dumps(cell.get("outputs", []), sort_keys=True, ensure_ascii=False).encode())
    digest.update(json.dumps(nb.metadata.get("widgets", {}), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def build(root: Path, chapters: list[str] | None, *, settings: BuildSettings, check: bool) -> int:
    """덱(과 인쇄하는 빌드면 PDF)을 만든다. ``chapters``가 있으면 그 장(이름)만. 종료 코드."""
    html_dir = root / "_build" / "html"
    if not html_dir.exists():
        print("[slides] 실패: _build/html이 없습니다. 먼저 책을 빌드하세요.", file=sys.stderr)
        return 1
    out_dir = html_dir / "slides"
    out_dir.mkdir(parents=True, exist_ok=True)

    # 슬라이드 셀이 있는 장만(목차의 장: booktools.chapters; 목차 밖 파일은 읽지 않는다)
    sources = [ch.path(root) for ch in toc.chapters_with_slides(root)]
    if chapters:
        sources = [s for s in sources if s.stem in chapters]
    if not chapters:
        # 목차에서 빠진 장의 덱과 PDF는 지운다(사이트에 원본 없는 덱이 남지 않게)
        keep = {s.stem for s in sources}
        for old_file in sorted([*out_dir.glob("*.html"), *out_dir.glob("*.pdf")]):
            if old_file.stem not in keep:
                old_file.unlink()
                print(f"[slides] 원본 장이 목차에 없어 지운 파일: slides/{old_file.name}")
    if not sources:
        print("[slides] 슬라이드로 표시된 셀이 있는 장이 없어 덱을 만들지 않았습니다.")
        return 0

    assets = find_assets(html_dir)
    missing = [k for k in vendor.REQUIRED_FOR_DECKS if assets[k] is None]
    if missing:
        print(f"[slides] 실패: 사이트의 _static/에 없는 자산: {', '.join(missing)} "
              f"(_vendor/에 함께 올려야 합니다: reveal.js@{vendor.REVEAL_VERSION}, jquery@3, requirejs, mathjax@3).",
              file=sys.stderr)
        return 1
    version = reveal_version(assets["reveal"])
    if version.split(".")[0] != "4":
        print(f"[slides] 실패: reveal.js {version}은 nbconvert 7.17과 맞지 않습니다(4.x 필요).", file=sys.stderr)
        return 1
    urls = {k: relative_url(v, html_dir) for k, v in assets.items() if v is not None}
    exporter = None  # nbconvert는 다시 만들 덱이 있을 때만 준비한다(no-op 빌드를 빠르게)

    manifest_path = out_dir / "manifest.json"
    previous = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest = previous if chapters else {"decks": {}}
    manifest.setdefault("decks", {})
    manifest.update({"reveal": version, "width": WIDTH, "height": HEIGHT})
    index = markdown.build_index(root)  # 참조의 제목은 다른 장에서 온다: 그 색인도 덱의 입력
    shared_key = deck_inputs_key(root, urls, index)
    failed = False
    unchanged: set[str] = set()
    for source in sources:
        name = source.stem
        chapter = source.relative_to(root).as_posix()
        started = time.perf_counter()
        try:
            nb, origin = executed_notebook(root, source)
            key = deck_key(shared_key, source, nb)
            old = previous.get("decks", {}).get(name)
            deck_file = out_dir / f"{name}.html"
            if (old and old.get("key") == key and deck_file.exists()
                    and not demo_frames.missing_frames(deck_file, html_dir)):
                # 장 원본·실행 결과·템플릿·자산이 그대로이고 덱이 가리키는 프레임이 다 있으면 덱(과 PDF)을 다시
                # 만들지 않는다(no-op 빌드를 빠르게). _demo/를 지웠으면 다시 만들어 덱에만 쓰는 프레임을 써낸다.
                manifest["decks"][name] = old
                unchanged.add(name)
                continue
            deck_nb, cells = slide_notebook(nb, chapter, slide_converter(root, source, index))
            if "widgets" in deck_nb.metadata and assets["html_manager"] is None:
                raise SlideError(f"{chapter}: 위젯 상태가 있는데 _static/에 html-manager(embed-amd.js)가 없습니다.")
            title = chapter_title(nb, name)
            exporter = exporter or make_exporter(root, urls)
            html = export_deck(exporter, deck_nb, title, urls, deck_description(nb, title, count_slides(deck_nb)))
            # 덱은 slides/에 있다: 프레임은 ../_demo/. 덱의 처음 프레임은 게으르게 받지 않는다(externalize 참고)
            html, _ = demo_frames.externalize(html, html_dir, "../", lazy=False)
        except SlideError as exc:
            print(f"[slides] 실패: {exc}", file=sys.stderr)
            failed = True
            continue
        (out_dir / f"{name}.html").write_text(html, encoding="utf-8")
        n = count_slides(deck_nb)
        manifest["decks"][name] = {
            "title": title, "source": chapter, "deck": f"{name}.html", "slides": n,
            "notes": sum(1 for c in deck_nb.cells if slide_type(c) == NOTES),
            "executed_from": origin, "cells": cells, "pdf": None, "pdf_pages": None, "key": key,
            "seconds": {"deck": round(time.perf_counter() - started, 2)},
        }
        print(f"[slides] {chapter} → slides/{name}.html ({n}장, 출력: {origin}, "
              f"{time.perf_counter() - started:.1f}초)", flush=True)
    names = [s.stem for s in sources if s.stem in manifest["decks"] and (out_dir / f"{s.stem}.html").exists()]
    if unchanged:
        print(f"[slides] 바뀌지 않아 그대로 둔 덱: {', '.join(sorted(unchanged))}")

    def handout_is_current(name: str) -> bool:
        entry = manifest["decks"][name]
        return name in unchanged and bool(entry.get("pdf")) and (out_dir / entry["pdf"]).exists()

    # 페이지(Sphinx 설정값 studybook_can_print)와 같은 판단: 같은 BuildSettings.print_blocker().
    blocker = settings.print_blocker()
    if blocker and names:
        # 인쇄하지 않는 빌드: 슬라이드 목록도 같은 판단으로 PDF 링크 대신 안내를 싣는다.
        # 지난 빌드의 PDF는 지운다(사이트에 링크 없는 묵은 유인물이 남지 않게).
        print(f"[slides] 인쇄용 PDF를 만들지 않습니다: {blocker}. 슬라이드 목록 페이지에 그렇게 적혀 있습니다.")
        for name in names:
            (out_dir / f"{name}.pdf").unlink(missing_ok=True)
            manifest["decks"][name].update(pdf=None, pdf_pages=None)
    to_print = [n for n in names if not handout_is_current(n)] if not blocker else []
    browser_path = browser.chromium_path(settings.chromium)
    if check and names and browser_path is None:
        print("[slides] Chromium이 없어 넘침 검사를 건너뜁니다 (apt install chromium).")
    elif (to_print or check) and names:
        with browser.serve(html_dir) as base_url:
            printed = print_pdfs(browser_path, base_url, [n for n in names if n in to_print], out_dir)
            for name in names:
                entry = manifest["decks"][name]
                if name in printed:
                    pages, seconds = printed[name]
                    if isinstance(pages, Exception):
                        print(f"[slides] 실패: {name}.pdf 인쇄: {pages}", file=sys.stderr)
                        failed = True
                        continue
                    entry.update(pdf=f"{name}.pdf", pdf_pages=pages)
                    entry["seconds"]["pdf"] = round(seconds, 2)
                    note = "" if pages == entry["slides"] else f" — 슬라이드 {entry['slides']}장과 다름!"
                    print(f"[slides] slides/{name}.pdf ({pages}쪽, {seconds:.1f}초){note}", flush=True)
            if check:
                with browser.launch(browser_path) as chromium:
                    for name in names:
                        entry = manifest["decks"][name]
                        problems = check_deck(chromium, base_url, name)
                        entry["overflow"] = problems
                        report_overflow(entry, problems)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if failed else 0


def report_overflow(entry: dict, problems: list[dict]) -> None:
    source = entry["source"]
    if not problems:
        print(f"[slides] {source}: 넘치는 슬라이드 없음 ({entry['slides']}장)")
        return
    for problem in problems:
        cells = []
        for cell_id in problem.get("cells", []):
            info = entry["cells"].get(cell_id, {})
            cells.append(f"셀 #{info.get('index')} (소스 {info.get('line')}번째 줄: {info.get('first_line', '')!r})")
        print(f"[slides] 넘침: {source} 슬라이드 {problem['number']} "
              f"({problem['detail']}) ← {'; '.join(cells) or '셀 모름'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m booktools slides", description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=".", help="책 뿌리(기본: 지금 폴더)")
    parser.add_argument("--chapters", nargs="*", help="이 장들만(예: 02_bias)")
    parser.add_argument("--no-pdf", action="store_true", help="인쇄용 PDF를 만들지 않는다(지난 PDF는 지운다)")
    parser.add_argument("--chromium", default=str(BuildSettings.chromium), help="Chromium 실행 파일")
    parser.add_argument("--check", action="store_true", help="1280×720에서 넘치는 슬라이드를 찾는다")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    settings = BuildSettings(pdf=not args.no_pdf, chromium=Path(args.chromium))
    rc = build(Path(args.root).resolve(), args.chapters, settings=settings, check=args.check)
    print(f"[slides] {'완료' if rc == 0 else '실패'}: {time.perf_counter() - started:.1f}초")
    return rc
