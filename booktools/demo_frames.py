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
REFERENCE = re.compile(FRAMES_DIR + r"/([0-9a-f]{20}\.png)")


def has_demo(html: str) -> bool:
    """이 HTML에 정적 데모가 있는가(프레임 JSON의 표지)."""
    return DATA_CLASS in html


def frame_name(png: bytes) -> str:
    return hashlib.sha256(png).hexdigest()[:20] + ".png"


def externalize(html: str, site_dir: Path, prefix: str) -> tuple[str, set[str]]:
    """데모 HTML의 ``data:`` 그림을 ``site_dir/_demo/`` 파일로 쓰고 ``prefix + "_demo/…"`` 주소로 바꾼다.

    ``prefix``는 그 HTML이 실릴 페이지에서 사이트 뿌리까지의 상대 경로(예: ``"../"``). 데모가 아닌 HTML은
    그대로 돌려준다. 돌려주는 것: (바꾼 HTML, 쓴 파일 이름들).
    """
    if not has_demo(html):
        return html, set()
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
