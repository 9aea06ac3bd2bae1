"""실행 버튼(Binder, Colab)과 .ipynb 내려받기 버튼이 생성된 노트북 notebooks/<장>.ipynb를 가리키게 한다.

sphinx-book-theme는 실행 주소를 `repository.url`, `repository.branch`, `path_to_book`과 페이지의
원본 확장자로 만든다(`header_buttons/launch.py`). 원본이 MyST(.md)이면 Binder는 .md를, Colab은
열 수 없는 .md를 받는다. 그래서 테마가 버튼을 만든 뒤(html-page-context, 우선순위 501) 이 모듈이
(우선순위 502) 버튼 주소의 `<path_to_book>chapters/<장>.md`를 `<path_to_book>notebooks/<장>.ipynb`로
바꾸고, 내려받기 버튼은 사이트에 함께 올린 같은 노트북(`_build/html/notebooks/<장>.ipynb`)을
가리키게 한다. 노트북은 `booktools/notebooks.py`가 만든다(짝이 아니라 Sphinx는 보지 않는다).

저장소 주소와 브랜치는 빌드 설정이다: `python -m booktools build --repository-url URL --branch B`(Pages 워크플로가
`${{ github.repository }}`로 넘긴다)가 환경 변수 STUDYBOOK_REPOSITORY_URL/STUDYBOOK_REPOSITORY_BRANCH로
Sphinx에 넘기면 Sphinx 설정값 `studybook_repository_url`/`studybook_repository_branch`가 되고, 그 값이
`_config.yml`의 `repository:` 대신 테마의 저장소·이슈·Binder·Colab 버튼 주소를 정한다. 설정값이므로
바뀌면 Sphinx가 모든 페이지를 다시 쓴다(주소가 바뀌었는데 예전 페이지가 남지 않게).

생성된 노트북이 없는 페이지(용어집처럼 장이 아닌 페이지)는 Colab 버튼을 뺀다(Colab은 .md를
열지 못한다). Binder는 .md를 그대로 열어도 된다(binder/overrides.json이 노트북으로 연다).
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from booktools.chapters import chapters
from booktools.notebooks import notebook_path
from booktools.settings import CONFIG_REPOSITORY_BRANCH, CONFIG_REPOSITORY_URL
from booktools.sphinxext.workarounds import launch_button_groups



def notebook_relpath(pagename: str, root: Path) -> str | None:
    """장 페이지 이름(chapters/02_bias) → 책 뿌리 기준 노트북 경로(notebooks/02_bias.ipynb). 장이 아니면 None.

    장과 노트북 경로는 노트북을 만드는 쪽과 같은 규칙이다(booktools.chapters, booktools.notebooks)."""
    for chapter in chapters(root):
        if chapter.doc == pagename:
            return notebook_path(chapter.path(root), root).relative_to(root).as_posix()
    return None


def _book_relpath(app) -> str:
    rel = str(app.config.html_theme_options.get("path_to_docs", "") or "").strip("/")
    return f"{rel}/" if rel else ""


def retarget_buttons(app, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    buttons, launch, download = launch_button_groups(context)
    if not buttons:
        return
    nb_rel = notebook_relpath(pagename, Path(app.srcdir))
    if nb_rel is not None and not (Path(app.srcdir) / nb_rel).is_file():
        nb_rel = None
    if launch is not None:
        book_rel = _book_relpath(app)
        suffix = Path(app.env.doc2path(pagename)).suffix
        olds = [f"{book_rel}{pagename}{ext}" for ext in dict.fromkeys((suffix, ".ipynb", ".md"))]
        kept = []
        for button in launch.get("buttons", []):
            url = button.get("url", "")
            if nb_rel is None:
                if button.get("text") == "Colab":
                    continue  # Colab은 .md를 열지 못한다
            else:
                for old in olds:
                    if old in url:
                        url = url.replace(old, f"{book_rel}{nb_rel}")
                        break
                button["url"] = url
            kept.append(button)
        launch["buttons"] = kept
        if not kept:
            buttons.remove(launch)
    if download is not None and nb_rel is not None:
        url = f"{context['pathto'](nb_rel, 1)}"
        entry = {
            "type": "link", "url": url, "text": ".ipynb", "icon": "fas fa-code",
            "tooltip": "노트북(.ipynb) 내려받기", "label": "download-notebook-button",
        }
        items = download.setdefault("buttons", [])
        for i, button in enumerate(items):
            if button.get("label") == "download-notebook-button":
                items[i] = entry
                break
        else:
            items.insert(0, entry)


def copy_notebooks(app, exception) -> None:
    """생성된 장 노트북을 사이트에 올린다(내려받기 버튼이 가리키는 파일)."""
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.srcdir)
    dest = Path(app.outdir) / "notebooks"
    for chapter in chapters(root):
        nb = notebook_path(chapter.path(root), root)
        if nb.is_file():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(nb, dest / nb.name)


def apply_repository(app, config) -> None:
    """빌드가 넘긴 저장소 주소·브랜치로 테마 설정(_config.yml의 repository:)을 덮어쓴다."""
    options = dict(config.html_theme_options or {})
    url = str(config.studybook_repository_url or "").strip().rstrip("/")
    if url.endswith(".git"):
        url = url[:-4]
    if url:
        options["repository_url"] = url
    branch = str(config.studybook_repository_branch or "").strip()
    if branch:
        options["repository_branch"] = branch
    config.html_theme_options = options


def setup(app):
    # 빌드가 설정값으로 넘긴다(BuildSettings.sphinx_config); 빈 값이면 _config.yml의 repository:를 쓴다.
    app.add_config_value(CONFIG_REPOSITORY_URL, "", "html")
    app.add_config_value(CONFIG_REPOSITORY_BRANCH, "", "html")
    app.connect("config-inited", apply_repository)
    app.connect("html-page-context", retarget_buttons, priority=502)
    app.connect("build-finished", copy_notebooks)
