"""책은 `_toc.yml`이 나열한 문서다: Sphinx가 그 파일들만 읽게 한다(`include_patterns`).

`only_build_toc_files`(sphinx-external-toc)는 점(.)으로 시작하는 폴더를 보지 않아서, pytest가 남기는
`.pytest_cache/README.md`, `.github/PULL_REQUEST_TEMPLATE.md`, Jupyter의
`chapters/.ipynb_checkpoints/…-checkpoint.md`를 Sphinx가 문서로 읽고 "toctree에 없는 문서" 경고를
낸다(`-W`에서는 빌드 실패). 그래서 목차의 문서(확장자까지)만 `include_patterns`에 넣는다.
`scripts/build.py`도 같은 함수(:func:`toc_documents`)로 실행할 장을 정한다.
"""
from __future__ import annotations

from pathlib import Path

SOURCE_SUFFIXES = (".md", ".ipynb", ".rst")


def toc_documents(root: Path) -> list[str]:
    """_toc.yml의 모든 문서 이름(루트 먼저, 목차 순서, 중복 없이). 예: "chapters/02_bias"."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    files = [toc["root"]] if toc.get("root") else []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for key, value in node.items():
                if key != "root":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    docs = []
    for name in files:
        path = Path(str(name))
        docs.append((path.with_suffix("") if path.suffix in SOURCE_SUFFIXES else path).as_posix())
    return list(dict.fromkeys(docs))


def toc_source_files(root: Path) -> list[str]:
    """목차 문서의 원본 파일(책 루트 기준 상대 경로). 원본이 없는 문서는 뺀다(Sphinx가 따로 경고한다)."""
    out = []
    for doc in toc_documents(root):
        for suffix in SOURCE_SUFFIXES:
            if (root / f"{doc}{suffix}").is_file():
                out.append(f"{doc}{suffix}")
                break
    return out


def include_toc_only(app, config) -> None:
    config.include_patterns = toc_source_files(Path(app.srcdir))


def setup(app):
    app.connect("config-inited", include_toc_only)
