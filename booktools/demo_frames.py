"""정적 데모의 프레임 파일: 노트북 출력 속 ``data:`` 그림을 사이트의 그림 파일로 바꿔 쓴다.

dlkit의 정적 데모(:mod:`dlkit.widgets._static`)는 프레임을 모두 ``data:image/png;base64,…`` 주소로 담은
스스로 완결된 HTML이다. 그래서 실행 캐시에 든 노트북 출력 하나만 있으면 언제든 프레임이 나온다. 그대로
페이지에 실으면 처음 방문에 프레임 수백 장(수 MB)을 받게 되므로, 페이지(:mod:`booktools.sphinxext.demos`)와
덱(:mod:`booktools.slides`)을 쓸 때 이 모듈이 주소를 ``_demo/<내용 해시>.png`` 파일로 바꾼다. 파일 이름이
내용의 해시이므로 같은 프레임은 한 번만 쓰이고(페이지와 덱이 같은 파일을 쓴다) 브라우저가 오래 캐시할 수 있다.

:func:`prune`는 빌드 끝에 발행 폴더의 어떤 페이지·덱도 가리키지 않는 프레임 파일을 지운다.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from dlkit.widgets._static import DATA_CLASS

FRAMES_DIR = "_demo"
"""발행 폴더(_build/html) 안의 프레임 폴더."""

DATA_URI = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")
DEMO_START = re.compile(r'<div class="dlkit-demo [^"]*"[^>]*\bdata-dlkit-demo="([a-z_]+)"')
"""정적 데모 HTML의 바깥 ``<div>``(dlkit.widgets._static.StaticDemo.to_html)와 그 데모 이름."""
DIV_TAG = re.compile(r"<div\b|</div>")
REFERENCE = re.compile(FRAMES_DIR + r"/([0-9a-f]{20}\.png)")


def has_demo(html: str) -> bool:
    """이 HTML에 정적 데모가 있는가(프레임 JSON의 표지)."""
    return DATA_CLASS in html


def demo_spans(html: str) -> list[tuple[str, int, int]]:
    """``html`` 안의 정적 데모마다 (이름, 시작, 끝): ``html[시작:끝]``이 그 데모의 바깥 ``<div>`` 전체다.

    데모 HTML 안의 JSON은 ``</``를 ``<\\/``로 쓰므로 ``</div>``는 태그에서만 나온다. 열고 닫는 ``<div>``를
    세어 바깥 ``<div>``가 닫히는 곳을 찾는다.
    """
    spans = []
    for match in DEMO_START.finditer(html):
        depth = 0
        for tag in DIV_TAG.finditer(html, match.start()):
            depth += 1 if tag.group() == "<div" else -1
            if depth == 0:
                spans.append((match.group(1), match.start(), tag.end()))
                break
        else:
            raise ValueError(f"데모 {match.group(1)}의 <div>가 닫히지 않았습니다(위치 {match.start()}).")
    return spans


def without_demos(html: str) -> str:
    """``html``에서 정적 데모 HTML을 모두 뺀 것(데모가 페이지에 더하는 바이트를 잴 때)."""
    out, last = [], 0
    for _, start, end in demo_spans(html):
        out.append(html[last:start])
        last = end
    return "".join(out) + html[last:]


def demo_pages(site_dir: Path) -> dict[str, str]:
    """발행 폴더의 장 페이지 가운데 데모가 든 곳: 데모 이름 → 처음 나오는 페이지(사이트 뿌리 기준 경로)."""
    pages: dict[str, str] = {}
    for path in sorted((site_dir / "chapters").glob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if has_demo(text):
            for name, _, _ in demo_spans(text):
                pages.setdefault(name, path.relative_to(site_dir).as_posix())
    return pages


def frame_name(png: bytes) -> str:
    return hashlib.sha256(png).hexdigest()[:20] + ".png"


FRAME_IMG = re.compile(r'<img\b[^>]*\bclass="dlkit-frame"[^>]*>')
"""데모의 처음 프레임 ``<img>``(속성 순서와 ``/>``는 덱의 HTML 다듬기에서 바뀔 수 있다)."""


def externalize(html: str, site_dir: Path, prefix: str, *, lazy: bool = True) -> tuple[str, set[str]]:
    """데모 HTML의 ``data:`` 그림을 ``site_dir/_demo/`` 파일로 쓰고 ``prefix + "_demo/…"`` 주소로 바꾼다.

    ``prefix``는 그 HTML이 실릴 페이지에서 사이트 뿌리까지의 상대 경로(예: ``"../"``). 데모가 아닌 HTML은
    그대로 돌려준다. 돌려주는 것: (바꾼 HTML, 쓴 파일 이름들).

    ``lazy=False``면 처음 프레임의 ``loading="lazy"``를 뺀다. 덱이 그렇게 쓴다: 덱은 모든 슬라이드의 그림을 다
    받은 뒤에 크기를 맞추는데(slides 틀의 imagesLoaded), 숨은 슬라이드의 게으른 그림은 끝내 받지 않는다.
    """
    if not has_demo(html):
        return html, set()
    if not lazy:
        html = FRAME_IMG.sub(lambda m: m.group().replace(' loading="lazy"', ""), html)
    folder = site_dir / FRAMES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    names: set[str] = set()

    def replace(match: re.Match) -> str:
        png = base64.b64decode(match.group(1))
        name = frame_name(png)
        path = folder / name
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(png)
            tmp.replace(path)  # 병렬로 쓰는 다른 프로세스가 반쯤 쓴 파일을 읽지 않게
        names.add(name)
        return f"{prefix}{FRAMES_DIR}/{name}"

    return DATA_URI.sub(replace, html), names


def referenced(site_dir: Path) -> set[str]:
    """발행 폴더의 페이지와 덱(.html)이 가리키는 프레임 파일 이름."""
    names: set[str] = set()
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        if FRAMES_DIR in text:
            names.update(REFERENCE.findall(text))
    return names


def missing_frames(page: Path, site_dir: Path) -> set[str]:
    """페이지나 덱 ``page``가 가리키지만 ``site_dir/_demo/``에 없는 프레임 이름(누가 _demo/를 지웠을 때).
    덱이 바뀌지 않았다고 건너뛰기 전에 본다: 건너뛴 덱은 프레임을 다시 써내지 않는다."""
    text = page.read_text(encoding="utf-8", errors="replace")
    folder = site_dir / FRAMES_DIR
    return {name for name in REFERENCE.findall(text) if not (folder / name).is_file()}


def prune(site_dir: Path) -> list[str]:
    """어떤 페이지·덱도 가리키지 않는 프레임 파일을 지운다. 지운 이름들."""
    folder = site_dir / FRAMES_DIR
    if not folder.is_dir():
        return []
    keep = referenced(site_dir)
    removed = []
    for path in sorted(folder.iterdir()):
        if path.name not in keep:
            path.unlink()
            removed.append(path.name)
    return removed
