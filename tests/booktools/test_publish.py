"""발행 빌드(Pages 워크플로가 하는 것)와 README 명령을 아무 순서로 실행해도 되는지.

- 포크의 사이트: `python -m booktools build --publish --repository-url <포크> --branch <브랜치>`로 빌드하면 모든
  실행(Binder, Colab)·저장소·이슈 버튼이 그 포크를 가리키고, 페이지·슬라이드·노트북 어디에도
  자리표시자(YOUR-ORG/YOUR-REPO)가 없으며, 실행 버튼이 가리키는 파일이 저장소에 있다.
  `_config.yml`은 자리표시자 그대로 두고 빌드 인자만으로 주소가 바뀌는지 본다.
- `make test` 뒤의 `make book`: pytest의 `.pytest_cache/README.md`, 점 폴더의 `.md`(
  `.github/PULL_REQUEST_TEMPLATE.md`), Jupyter 체크포인트(`chapters/.ipynb_checkpoints/…-checkpoint.md`)가
  있어도 Sphinx는 읽지 않고 build.py는 실행하지 않는다. 두 가지를 한 번의 추가 빌드로 시험한다.
"""
from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import ROOT, copy_source_tree, run_build, toc_documents

from booktools import build as build_script

FORK_ORG, FORK_REPO, FORK_BRANCH = "study-fork", "dl-book-fork", "pages-test"
FORK = f"https://github.com/{FORK_ORG}/{FORK_REPO}"
LEFTOVERS = {
    ".pytest_cache/README.md": "# pytest cache directory #\n\npytest가 남기는 파일\n",
    ".github/PULL_REQUEST_TEMPLATE.md": "# 바뀐 것\n\n무엇을 왜 바꿨는지 적어 주세요.\n",
    "chapters/.ipynb_checkpoints/02_bias-checkpoint.md": (
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n"
        "  display_name: Python 3\n  language: python\n  name: python3\n---\n\n# 체크포인트 복사본\n\n"
        "```{code-cell} ipython3\nraise RuntimeError('체크포인트가 실행되었습니다')\n```\n"),
}
HREF_RE = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def fork_build(built_book, tmp_path_factory):
    """빌드된 책(캐시 포함)의 복사본에 찌꺼기를 두고, 포크의 노트북을 만든 뒤 발행 빌드를 한다."""
    root = tmp_path_factory.mktemp("fork") / "book"
    shutil.copytree(built_book.root, root, symlinks=True)
    subprocess.run([sys.executable, "-m", "booktools", "notebooks", str(root),
                    "--repository-url", FORK, "--branch", FORK_BRANCH], cwd=root, check=True, capture_output=True)
    shutil.copy2(ROOT / "_config.yml", root / "_config.yml")  # 주소는 빌드 인자로만 넘어간다
    for rel, text in LEFTOVERS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = run_build(root, "--publish", "--repository-url", FORK, "--branch", FORK_BRANCH)
    assert result.returncode == 0, result.output[-6000:]
    return result


@pytest.mark.build
def test_leftover_markdown_is_not_part_of_the_book(fork_build):
    assert "toctree" not in fork_build.output, fork_build.output[-3000:]
    report = fork_build.report
    listed = report["executed"] + report["cached"]
    assert not [c for c in listed if "checkpoint" in c], listed
    toc = {f"{d}.md" for d in toc_documents(fork_build.root)}
    assert set(listed) <= toc, f"목차에 없는 파일을 장으로 다뤘습니다: {sorted(set(listed) - toc)}"
    assert {d for d in toc if d.startswith("chapters/0")} <= set(listed), listed
    for rel in LEFTOVERS:
        page = fork_build.html / Path(rel).with_suffix(".html")
        assert not page.exists(), f"목차에 없는 {rel}이 페이지가 되었습니다"
    assert not (fork_build.html / "_sources" / ".pytest_cache").exists()


@pytest.mark.build
def test_publish_build_has_no_placeholder(fork_build):
    assert "발행 검사 통과" in fork_build.output
    hits = build_script.placeholder_hits(fork_build.html)
    assert not hits, hits
    decks = list(fork_build.html.rglob("*.slides.html")) + list((fork_build.html / "notebooks").glob("*.ipynb"))
    assert decks, "검사할 슬라이드·노트북이 없습니다"


def _links(page: Path) -> list[str]:
    return [htmllib.unescape(h) for h in HREF_RE.findall(page.read_text(encoding="utf-8"))]


@pytest.mark.build
def test_launch_and_repository_links_point_at_the_fork(fork_build):
    root = fork_build.root
    binder_re = re.compile(rf"^https://mybinder\.org/v2/gh/([^/]+)/([^/]+)/([^?]+)\?urlpath=lab/tree/(.+)$")
    colab_re = re.compile(r"^https://colab\.research\.google\.com/github/([^/]+)/([^/]+)/blob/([^/]+)/(.+)$")
    chapters_with_both = 0
    for doc in toc_documents(root):
        links = _links(fork_build.html / f"{doc}.html")
        assert FORK in links, f"{doc}: 저장소 버튼이 포크를 가리키지 않습니다"
        assert any(h.startswith(f"{FORK}/issues") for h in links), f"{doc}: 이슈(문제 알리기) 버튼이 없습니다"
        kinds = set()
        for href in links:
            for kind, pattern in (("binder", binder_re), ("colab", colab_re)):
                m = pattern.match(href)
                if m is None:
                    continue
                org, repo, branch, path = m.groups()
                assert (org, repo, unquote(branch)) == (FORK_ORG, FORK_REPO, FORK_BRANCH), href
                assert (root / unquote(path)).is_file(), f"{doc}: {kind} 버튼의 파일이 없습니다: {path}"
                kinds.add(kind)
        if doc.startswith("chapters/0"):
            assert kinds == {"binder", "colab"}, f"{doc}: 실행 버튼 {kinds}"
            chapters_with_both += 1
    assert chapters_with_both >= 7


def test_publish_refuses_notebooks_of_another_repository(tmp_path):
    """커밋된 노트북이 자리표시자(다른 저장소)를 설치하면 빌드하기 전에 한국어로 실패한다."""
    root = copy_source_tree(tmp_path / "src")
    result = run_build(root, "--publish", "--repository-url", FORK, "--branch", FORK_BRANCH)
    assert result.returncode == 2, result.output[-3000:]
    assert f"make notebooks REPOSITORY_URL={FORK} BRANCH={FORK_BRANCH}" in result.output
    assert "커밋" in result.output
    assert not (root / "_build" / "html").exists(), "검사에 실패했는데 빌드를 했습니다"


def test_publish_refuses_placeholder_repository(tmp_path):
    root = copy_source_tree(tmp_path / "src")
    result = run_build(root, "--publish")
    assert result.returncode == 2
    assert "자리표시자" in result.output and "--repository-url" in result.output


def test_placeholder_scan_finds_pages_decks_and_notebooks(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.html").write_text("<a href='https://github.com/YOUR-ORG/x'>")
    (tmp_path / "chapters" / "a.slides.html").write_text("ok")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "b.ipynb").write_text('{"s": "git+https://github.com/o/YOUR-REPO.git"}')
    assert build_script.placeholder_hits(tmp_path) == ["chapters/a.html", "notebooks/b.ipynb"]


def test_pages_workflow_builds_like_ci_and_names_its_repository():
    """Pages 워크플로: CI와 같은 컨테이너·설치 스크립트, 테스트 뒤에 자기 저장소를 넘긴 발행 빌드."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["build"]
    assert job["container"] == "debian:bookworm"
    runs = [step.get("run", "") for step in job["steps"]]
    test_at = next(i for i, r in enumerate(runs) if "./.ci/run" in r)
    build_at = next(i for i, r in enumerate(runs) if "make book" in r)
    assert test_at < build_at, "테스트를 통과한 뒤에 빌드·배포해야 합니다"
    assert "--publish" in runs[build_at] and "--repository-url $REPOSITORY_URL" in runs[build_at]
    assert "--branch $BRANCH" in runs[build_at]
    assert "github.repository" in job["env"]["REPOSITORY_URL"] and "github.ref_name" in job["env"]["BRANCH"]
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = (ROOT / ".ci" / "install").read_text(encoding="utf-8")
    assert "./.ci/install" in ci_run and "make test" in ci_run
    assert all(pkg in install for pkg in ("chromium", "fonts-nanum", "make venv"))
