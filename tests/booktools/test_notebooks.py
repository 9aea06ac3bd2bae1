"""생성된 장 노트북(notebooks/*.ipynb)과 실행·내려받기 버튼 시험.

- 노트북이 원본 장(chapters/NN_*.md)과 같은지: 메모리에서 다시 만들어 바이트 단위로 비교한다.
- 노트북 독자를 위한 변환(MyST 문법 제거, 슬라이드 표시, Colab 설치 셀)이 지켜지는지.
- 빌드된 모든 장 페이지의 Binder·Colab·내려받기 버튼이 저장소(또는 사이트)에 실제로 있는 파일을
  가리키는지.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import types
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import nbformat
import pytest

from helpers import ROOT

from booktools import notebooks as make_notebooks
from booktools.chapters import NOTEBOOK_HEADER
from booktools.sphinxext import launch as feature_launch

CHAPTERS = make_notebooks.chapter_sources(ROOT)
MYST_RESIDUE = [
    (re.compile(r"\{[\w:.-]+\}`"), "MyST 역할({term}`…` 등)"),
    (re.compile(r"^\s*(`{3,}|:{3,})\{", re.M), "MyST 지시문(```{…})"),
    (re.compile(r"^\s*\([^()\s]+\)=\s*$", re.M), "label 대상((label)=)"),
    (re.compile(r"^%", re.M), "MyST 주석(% …)"),
]


def test_chapter_list():
    names = [p.stem for p in CHAPTERS]
    assert names and all(re.match(r"^\d\d_", n) for n in names)
    assert not {"glossary", "references", "slides", "status", "index"} & set(names)


def test_notebooks_up_to_date():
    expected = make_notebooks.expected_notebooks(ROOT)
    stale = [p.relative_to(ROOT).as_posix() for p, text in expected.items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    extra = [p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").glob("*.ipynb") if p not in expected]
    assert not stale, f"원본 장과 다른 노트북: {stale} → make notebooks (make notebooks)"
    assert not extra, f"원본 장이 없는 노트북: {extra} → make notebooks"


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_notebook_for_readers(source):
    path = make_notebooks.notebook_path(source, ROOT)
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert "jupytext" not in nb.metadata, "짝(paired) 노트북이면 JupyterLab이 .md와 엮는다"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    # 첫 셀: Colab에서만 저장소의 dlkit을 설치
    first = nb.cells[0]
    info = make_notebooks.repo_info(ROOT)
    assert first.cell_type == "code" and "colab-setup" in first.metadata.get("tags", [])
    assert '"google.colab" in sys.modules' in first.source
    assert f"git+{info.url}.git@{info.branch}" in first.source
    assert "koreanize-matplotlib" in first.source
    # 모든 셀에 슬라이드 표시가 있고, 원본에서 표시가 없던 셀은 skip
    for cell in nb.cells:
        assert cell.metadata.get("slideshow", {}).get("slide_type"), cell.source[:80]
    slides = [c for c in nb.cells if c.metadata["slideshow"]["slide_type"] == "slide"]
    src_slides = source.read_text(encoding="utf-8").count('"slide_type": "slide"') + \
        len(re.findall(r"^\s*slide_type:\s*['\"]?slide['\"]?\s*$", source.read_text(encoding="utf-8"), re.M))
    assert len(slides) == src_slides
    # Markdown 셀에 MyST 전용 문법이 남지 않는다(코드 블록 안은 제외)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1\s*$", "", cell.source, flags=re.M | re.S)
        text = re.sub(r"`[^`\n]+`", "", text)
        for pattern, what in MYST_RESIDUE:
            assert not pattern.search(text), f"{path.name}: {what}가 남음:\n{cell.source[:300]}"
    # 같은 폴더 안의 장 노트북 링크와 ../ 상대 경로는 실제 파일을 가리킨다
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if not re.match(r"^([a-z]+:|#)", target):
                    assert (path.parent / target.split("#")[0]).resolve().exists(), target


def test_colab_cell_only_installs_on_colab(monkeypatch):
    from IPython.core.inputtransformer2 import TransformerManager

    info = make_notebooks.repo_info(ROOT)
    code = TransformerManager().transform_cell(make_notebooks.colab_setup_source(info))
    calls = []
    shell = types.SimpleNamespace(run_line_magic=lambda *args: calls.append(args))
    exec(code, {"get_ipython": lambda: shell})
    assert calls == [], "Colab이 아닌 곳에서는 아무것도 설치하지 않아야 합니다"
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    exec(code, {"get_ipython": lambda: shell})
    assert len(calls) == 1 and calls[0][0] == "pip"
    assert f'"dlkit @ git+{info.url}.git@{info.branch}"' in calls[0][1]


def _mini_book(tmp_path: Path, chapter: str, url: str = "https://github.com/acme/study") -> Path:
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "dlkit").mkdir()
    (root / "dlkit" / "losses.py").write_text(
        "import numpy as np\n\n\ndef helper():\n    return 1\n\n\ndef squared_loss(y_hat, y):\n"
        '    """제곱 손실."""\n    return 0.5\n', encoding="utf-8")
    (root / "_config.yml").write_text(f"repository:\n  url: {url}\n  branch: dev\n", encoding="utf-8")
    # 장 = 목차에 있고 코드 셀이 있는 문서(booktools.chapters): 용어집은 코드가 없어 노트북이 생기지 않는다
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/glossary\nchapters:\n"
                                   "  - file: chapters/01_other\n  - file: chapters/02_x\n", encoding="utf-8")
    (root / "chapters" / "01_other.md").write_text(
        NOTEBOOK_HEADER + "\n\n(sec-other)=\n# 다른 장\n\n본문\n\n```{code-cell} ipython3\nprint(1)\n```\n",
        encoding="utf-8")
    (root / "chapters" / "glossary.md").write_text("# 용어집\n", encoding="utf-8")
    (root / "chapters" / "02_x.md").write_text(chapter, encoding="utf-8")
    return root


SAMPLE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

(ch-x)=

+++ {"slideshow": {"slide_type": "slide"}}

# 2. 시험 장

- 슬라이드 셀

+++

% DEMO: 여기에 데모를 둔다
{term}`편향(bias) <편향>`은 {doc}`01_other`과 {ref}`sec-other`, {doc}`용어집 <glossary>`에 있다.
값은 {glue:text}`loss:.3f`이다. 코드 `{term}` 그대로.

![그림](images/fig.png)

```{code-cell} ipython3
import dlkit as dk
```

```{literalinclude} ../dlkit/losses.py
:pyobject: squared_loss
```

::::{note}
참고 내용 {term}`가중치`
::::

```{exercise} 첫 문제
:label: ex-x-1

풀어 보세요.
```

```{solution-start} ex-x-1
:class: dropdown
```

```{code-cell} ipython3
---
slideshow:
  slide_type: fragment
---
print(1)
```

```{solution-end}
```
"""


def test_converter_on_sample(tmp_path):
    root = _mini_book(tmp_path, SAMPLE)
    assert make_notebooks.main([str(root)]) == 0
    nb = json.loads((root / "notebooks" / "02_x.ipynb").read_text(encoding="utf-8"))
    assert sorted(p.name for p in (root / "notebooks").iterdir()) == ["01_other.ipynb", "02_x.ipynb"]
    cells = nb["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "dlkit @ git+https://github.com/acme/study.git@dev" in "".join(cells[0]["source"])
    assert cells[1]["metadata"]["slideshow"] == {"slide_type": "slide"}
    assert "# 2. 시험 장" in "".join(cells[1]["source"])
    assert "**편향(bias**)은 [다른 장](01_other.ipynb)과 [다른 장](01_other.ipynb), 용어집에 있다." in text
    assert "값은 `loss`이다. 코드 `{term}` 그대로." in text
    assert "![그림](../chapters/images/fig.png)" in text
    assert "DEMO" not in text and "(ch-x)=" not in text
    assert "def squared_loss(y_hat, y):" in text and "def helper" not in text
    assert "> **참고**" in text and "> 참고 내용 **가중치**" in text
    assert "### 연습 문제 1: 첫 문제" in text and "#### 풀이 (연습 문제 1)" in text
    code = [c for c in cells if c["cell_type"] == "code"]
    assert [c["metadata"]["slideshow"]["slide_type"] for c in code] == ["skip", "skip", "fragment"]
    markdown_types = [c["metadata"]["slideshow"]["slide_type"] for c in cells if c["cell_type"] == "markdown"]
    assert markdown_types[0] == "slide" and set(markdown_types[1:]) == {"skip"}
    # 같은 입력이면 다시 써도 바뀌지 않고(--check 통과), 원본이 바뀌면 --check가 잡는다
    before = (root / "notebooks" / "02_x.ipynb").read_bytes()
    assert make_notebooks.main([str(root)]) == 0
    assert (root / "notebooks" / "02_x.ipynb").read_bytes() == before
    assert make_notebooks.main([str(root), "--check"]) == 0
    (root / "chapters" / "02_x.md").write_text(SAMPLE.replace("첫 문제", "둘째 문제"), encoding="utf-8")
    assert make_notebooks.main([str(root), "--check"]) == 1
    (root / "chapters" / "02_x.md").unlink()
    (root / "chapters" / "02_x.md").write_text(SAMPLE, encoding="utf-8")
    shutil.copy(root / "notebooks" / "02_x.ipynb", root / "notebooks" / "09_gone.ipynb")
    assert make_notebooks.main([str(root), "--check"]) == 1


def test_repository_url_change_reaches_notebooks(tmp_path):
    root = _mini_book(tmp_path, SAMPLE, url="https://github.com/other-org/other-repo.git")
    nb = make_notebooks.make_notebook(root / "chapters" / "02_x.md", root)
    assert "git+https://github.com/other-org/other-repo.git@dev" in nb.cells[0].source


# --------------------------------------------------------------------------------------
# 빌드된 사이트의 버튼


def _links(html: str, group: str) -> list[tuple[str, str]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one(f".dropdown-{group}")
    if box is None:
        return []
    return [(a.get_text(strip=True), a["href"]) for a in box.select("a[href]")]


def _repo_parts():
    info = make_notebooks.repo_info(ROOT)
    org, repo = info.url.rstrip("/").split("/")[-2:]
    return info, org, repo


@pytest.mark.build
def test_launch_and_download_buttons_point_to_existing_files(built_book):
    info, org, repo = _repo_parts()
    html_root = built_book.html
    checked = 0
    for page in sorted((html_root / "chapters").glob("*.html")):
        pagename = f"chapters/{page.stem}"
        html = page.read_text(encoding="utf-8")
        launch = dict(_links(html, "launch-buttons"))
        download = _links(html, "download-buttons")
        nb_rel = feature_launch.notebook_relpath(pagename, ROOT)
        if nb_rel is None:
            # 장이 아닌 페이지: Colab(.md를 못 엶)은 없고, Binder가 있으면 저장소의 파일을 가리킨다
            assert "Colab" not in launch, page.name
            for url in launch.values():
                path = parse_qs(urlparse(url).query)["urlpath"][0].split("/", 2)[2]
                assert (ROOT / path[len(info.path_to_book):]).exists(), url
            continue
        stem = page.stem
        repo_path = f"{info.path_to_book}notebooks/{stem}.ipynb"
        assert launch.get("Binder") == \
            f"https://mybinder.org/v2/gh/{org}/{repo}/{info.branch}?urlpath=lab/tree/{repo_path}"
        assert launch.get("Colab") == \
            f"https://colab.research.google.com/github/{org}/{repo}/blob/{info.branch}/{repo_path}"
        assert (ROOT / "notebooks" / f"{stem}.ipynb").is_file()
        # 내려받기: .ipynb는 생성된 노트북 그대로, .md는 원본
        by_text = dict(download)
        nb_file = (page.parent / by_text[".ipynb"]).resolve()
        assert nb_file.is_file() and nb_file.is_relative_to(html_root.resolve())
        assert nb_file.read_bytes() == (ROOT / "notebooks" / f"{stem}.ipynb").read_bytes()
        md_file = (page.parent / by_text[".md"]).resolve()
        assert md_file.is_file(), by_text[".md"]
        for text, href in download:
            if not href.startswith(("http", "javascript")) and urlparse(href).scheme == "":
                assert (page.parent / urljoin("", href)).resolve().exists(), (page.name, text, href)
        checked += 1
    assert checked == len(CHAPTERS), "장 페이지마다 실행 버튼이 있어야 합니다"
