"""장의 그림: 한글 이름의 그림 파일, 코드 셀이 그린 그림의 파일 크기.

한글 이름: Markdown 그림 문법(`![설명](images/바인더.png)`)으로 한글 이름의 그림을 쓸 수 있게 한다.

markdown-it(myst-parser)은 링크 주소를 퍼센트 인코딩하므로(`images/%EB%B0%94…png`) Sphinx가 그
이름의 파일을 찾지 못해 "image file not readable"로 빌드가 실패한다. `{figure}` 지시문은 주소를
그대로 두어 문제가 없다. 그래서 Sphinx가 그림 파일을 모으기 전에(doctree-read의 ImageCollector보다
먼저) 로컬 그림 주소를 되돌린다: 되돌린 이름의 파일이 실제로 있을 때만 바꾼다(`%20`이 든 진짜 파일
이름은 그대로). 검사: tests/booktools/test_build_files.py.

파일 크기: 코드 셀의 matplotlib 그림은 RGBA PNG로 나온다(가장 큰 것 261 KB, 04장 첫 방문의 가장 큰 그림).
선과 글자, 몇 가지 색뿐인 그림이라 256색 팔레트로 바꿔도 눈에 띄지 않는다(측정: 화소당 평균 오차
1~1.5/255, 파일은 약 4분의 1). 그래서 Sphinx가 그림을 발행 폴더로 옮기기 전(env-updated)에 myst-nb가
출력을 써 둔 폴더의 PNG를 팔레트 PNG로 바꾼다. 평균 오차가 :data:`MAX_MEAN_ERROR`를 넘는 그림(사진이나
부드러운 색 변화)이나 작아지지 않는 그림은 그대로 둔다. myst-nb는 같은 이름(내용의 해시)의 파일이 있으면
다시 쓰지 않으므로 한 번 바꾼 그림은 다음 빌드에서 건드리지 않는다. 노트북 출력(실행 캐시, 덱, Colab)은
원본 그대로다. 검사: tests/booktools/test_images.py.
"""
from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx

# Sphinx의 ImageCollector(기본 우선순위 500)보다 먼저 돈다.
PRIORITY = 400


def unquote_local_images(app: Sphinx, doctree: nodes.document) -> None:
    source_dir = Path(app.env.doc2path(app.env.docname)).parent
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if "%" not in uri or "://" in uri or uri.startswith("data:"):
            continue
        plain = unquote(uri)
        base = Path(app.srcdir) if plain.startswith("/") else source_dir
        if (base / plain.lstrip("/")).is_file():
            image["uri"] = plain
            if image.get("candidates"):
                image["candidates"] = {k: unquote(v) for k, v in image["candidates"].items()}


PALETTE_COLORS = 256
"""코드 셀 그림을 바꿀 팔레트의 색 수."""
MAX_MEAN_ERROR = 2.0
"""팔레트로 바꾼 그림이 원본과 다른 정도(화소·채널당 평균 절대 오차, 0~255)의 상한: 넘으면 원본을 둔다."""


def shrink_png(path: Path) -> bool:
    """RGB·RGBA PNG ``path``를 :data:`PALETTE_COLORS`색 팔레트 PNG로 바꿔 쓴다. 바꿨으면 True.

    이미 팔레트(P)이거나 회색조인 그림, 평균 오차가 :data:`MAX_MEAN_ERROR`를 넘는 그림, 작아지지 않는 그림은
    그대로 둔다. 투명한 화소가 없는 RGBA는 RGB로 보고 바꾼다(matplotlib 그림은 배경이 불투명하다)."""
    import numpy as np
    from PIL import Image

    with Image.open(path) as im:
        if im.format != "PNG" or im.mode not in ("RGB", "RGBA"):
            return False
        dpi = im.info.get("dpi")
        pixels = np.asarray(im)
    mode = "RGBA" if pixels.shape[-1] == 4 and (pixels[..., 3] < 255).any() else "RGB"
    pixels = np.ascontiguousarray(pixels[..., :len(mode)])
    image = Image.fromarray(pixels, mode)
    palette = image.quantize(colors=PALETTE_COLORS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    error = np.abs(np.asarray(palette.convert(mode), dtype=np.int16) - pixels).mean()
    if error > MAX_MEAN_ERROR:
        return False
    buf = io.BytesIO()
    palette.save(buf, format="png", compress_level=9, **({"dpi": dpi} if dpi else {}))
    if buf.tell() >= path.stat().st_size:
        return False
    path.write_bytes(buf.getvalue())
    return True


def shrink_output_images(app: Sphinx, env) -> None:
    """myst-nb의 출력 폴더(코드 셀 그림이 있는 곳)의 PNG를 :func:`shrink_png`로 줄인다."""
    from myst_nb.sphinx_ext import OUTPUT_FOLDER

    folder = Path(app.outdir).parent / OUTPUT_FOLDER
    for path in sorted(folder.rglob("*.png")) if folder.is_dir() else ():
        shrink_png(path)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", unquote_local_images, priority=PRIORITY)
    app.connect("env-updated", shrink_output_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
