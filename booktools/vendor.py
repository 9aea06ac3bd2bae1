"""함께 올리는 제3자 자산(`_vendor/`, 버전과 출처는 `_vendor/MANIFEST.md`)의 표: 한 곳에서만 정의한다.

결과물에서는 `_build/html/_static/<경로>`에 놓인다(:mod:`booktools.sphinxext.offline`가
`_vendor/`를 html_static_path에 넣는다). 페이지(확장)와 덱(:mod:`booktools.slides`)이 이 표를 쓴다.
"""
from __future__ import annotations

from pathlib import Path

VENDOR_DIR = "_vendor"
REVEAL_VERSION = "4.6.1"   # nbconvert 7의 SlidesExporter가 맞는 reveal.js 4.x

# 이름 → _static/ 아래 경로
ASSETS = {
    "mathjax": "mathjax/tex-mml-chtml.js",   # 덱만(사이트의 수식은 빌드 때 MathML: booktools.sphinxext.mathml)
    # 사이트의 MathML 글꼴(OpenType MATH 표). _vendor/의 것은 전체 글꼴이고, 빌드가 _static/의 같은 자리에
    # 사이트의 수식에 쓰인 글자만 남긴 부분 글꼴을 쓴다(booktools.sphinxext.mathml.subset_math_font).
    "math_font": "noto-sans-math/noto-sans-math.woff",
    "requirejs": "requirejs/require.js",
    "jquery": "jquery/jquery.min.js",
    "html_manager": "jupyter-widgets/embed-amd.js",
    # html-manager가 아이콘 글꼴을 제 폴더 기준으로 찾게 하는 RequireJS paths 설정(빌드 때 써 넣는 파일)
    "widgets_paths": "jupyter-widgets/paths.js",
    "reveal": "reveal.js",   # 폴더(dist/, plugin/)
}
REQUIRED_FOR_DECKS = ("reveal", "jquery", "requirejs", "mathjax")


def static_path(html_dir: Path, name: str) -> Path:
    """빌드된 사이트에서 자산 ``name``이 놓인 곳."""
    return html_dir / "_static" / ASSETS[name]


def find_assets(html_dir: Path) -> dict[str, Path | None]:
    """빌드된 사이트에 실제로 있는 자산(없는 것은 None)."""
    return {name: (path if path.exists() else None)
            for name, path in ((n, static_path(html_dir, n)) for n in ASSETS)}
