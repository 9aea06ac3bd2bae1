"""Binder 환경 재현 시험: binder/ 설정만으로 mybinder가 만드는 것과 같은 환경을 만들고 장을 실행한다.

mybinder(repo2docker 2026.4, `jupyter-repo2docker --no-build --debug`로 확인)가 하는 일과
이 시험이 대신하는 것:

| mybinder                                                    | 이 시험(Docker 없이)                                   |
|-------------------------------------------------------------|--------------------------------------------------------|
| conda 환경 python 3.11 (binder/runtime.txt)                 | 이 기계의 Python 3.11로 만든 venv                       |
| 기본 이미지: jupyterlab 4.4.9, notebook 7.4.7, ipykernel 7.0.1 … | 같은 버전을 pip로 먼저 설치(BASE_IMAGE_PINS)            |
| 저장소 뿌리에서 `pip install -r binder/requirements.txt`     | 저장소 복사본 뿌리에서 같은 명령                         |
| torch: `--extra-index-url https://download.pytorch.org/whl/cpu` | 그 줄만 빼고 설치: 여기서는 그 색인에 닿지 않고, 같은 `torch-2.13.0+cpu` 휠이 기계의 pip find-links(/opt/wheels)에 있다 |
| `./binder/postBuild` (NB_PYTHON_PREFIX=conda 환경)          | 같은 스크립트(NB_PYTHON_PREFIX=venv)                     |
| Binder 버튼 `?urlpath=lab/tree/notebooks/<장>.ipynb`         | 127.0.0.1의 `jupyter lab`(토큰)에서 같은 경로를 Chromium으로 |

venv는 `~/.cache/studybook-binder/<binder 설정의 해시>/`에 남겨 두고 다시 쓴다(설정이 바뀌면 새로
만든다). dlkit은 `-e .`(편집 가능 설치)이므로 같은 폴더의 저장소 복사본을 매번 새로 덮어써서
지금의 dlkit과 장을 시험한다.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT, copy_source_tree, in_ci

from booktools import notebooks as make_notebooks
from booktools.sphinxext import launch as feature_launch

BINDER = ROOT / "binder"
CACHE = Path(os.environ.get("STUDYBOOK_BINDER_CACHE", Path.home() / ".cache" / "studybook-binder"))
PORTS = range(8600, 8700)
# mybinder 기본 이미지(repo2docker environment.py-3.11-linux-64.lock)에 들어 있는 Jupyter 쪽 패키지
BASE_IMAGE_PINS = [
    "jupyterlab==4.4.9", "notebook==7.4.7", "jupyter_server==2.17.0", "jupyterlab_server==2.27.3",
    "ipykernel==7.0.1", "ipython==9.6.0", "ipywidgets==8.1.7", "jupyterlab_widgets==3.0.15",
    "jupyter_client==8.6.3", "jupyter_core==5.8.1", "tornado==6.5.2", "traitlets==5.14.3",
]
PYTORCH_INDEX_RE = re.compile(r"^\s*--(extra-)?index-url\s+https://download\.pytorch\.org/\S*\s*$")


# --------------------------------------------------------------------------------------
# 가벼운 검사(매번 실행): 설정 파일끼리, 책의 고정 버전과 맞는지


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s;#]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def test_binder_requirements_match_book_pins():
    book = _pins(ROOT / "requirements.txt")
    binder = _pins(BINDER / "requirements.txt")
    assert binder, "binder/requirements.txt에 고정 버전이 없습니다"
    for name, version in binder.items():
        if name in book:
            assert version.split("+")[0] == book[name].split("+")[0], \
                f"{name}: binder {version} ≠ 책 {book[name]}"
    assert binder["torch"].endswith("+cpu"), "mybinder에서는 CPU 전용 torch(+cpu)를 받아야 합니다"
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert any(PYTORCH_INDEX_RE.match(ln) for ln in lines), "PyTorch CPU 색인 줄이 없습니다"
    assert any(ln.strip() in {"-e .", "."} for ln in lines), "dlkit(저장소 자신)을 설치하지 않습니다"


def test_binder_runtime_and_postbuild():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    assert os.access(BINDER / "postBuild", os.X_OK), "binder/postBuild에 실행 권한이 없습니다"
    overrides = json.loads((BINDER / "overrides.json").read_text(encoding="utf-8"))
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    # Binder를 열 때마다 뜨는 "Jupyter 소식 알림" 질문을 끈다
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


# --------------------------------------------------------------------------------------
# Binder 환경 만들기


def _find_python311() -> str | None:
    candidates = [os.environ.get("STUDYBOOK_BINDER_PYTHON", ""), shutil.which("python3.11") or ""]
    candidates += sorted(str(p) for p in (Path.home() / ".pyenv" / "versions").glob("3.11*/bin/python3.11"))
    candidates += ["/usr/bin/python3.11", "/usr/local/bin/python3.11"]
    for cand in filter(None, candidates):
        try:
            out = subprocess.run([cand, "-c", "import sys, venv, ensurepip; print(sys.version_info[:2])"],
                                 capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            continue
        if out.returncode == 0 and out.stdout.strip() == "(3, 11)":
            return cand
    return None


def config_hash() -> str:
    h = hashlib.sha256()
    for path in sorted(BINDER.iterdir()):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    h.update((ROOT / "pyproject.toml").read_bytes())
    h.update("\n".join(BASE_IMAGE_PINS).encode())
    return h.hexdigest()[:16]


def local_requirements(text: str) -> str:
    """mybinder의 requirements에서 여기서 닿지 않는 PyTorch 색인 줄만 뺀다(같은 휠이 find-links에 있다)."""
    return "\n".join("# (로컬 시험: PyTorch 색인 대신 기계의 휠 저장소) " + ln if PYTORCH_INDEX_RE.match(ln) else ln
                     for ln in text.splitlines()) + "\n"


class BinderEnv:
    def __init__(self, base: Path):
        self.base = base
        self.venv = base / "venv"
        self.repo = base / "repo"
        self.home = base / "home"
        self.mpl = base / "mplconfig"

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("VIRTUAL_ENV", "PYTHON", "JUPYTER", "CONDA", "MPL"))}
        env.update(
            PATH=f"{self.bin}:{env.get('PATH', '/usr/bin:/bin')}",
            VIRTUAL_ENV=str(self.venv), NB_PYTHON_PREFIX=str(self.venv),
            KERNEL_PYTHON_PREFIX=str(self.venv), MPLCONFIGDIR=str(self.mpl),
            PYTHONUNBUFFERED="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
        )
        env.update(extra)
        return env

    def run(self, *cmd: str, cwd: Path | None = None, timeout: int = 900, **extra: str):
        proc = subprocess.run(list(cmd), cwd=cwd or self.repo, env=self.env(**extra),
                              capture_output=True, text=True, timeout=timeout)
        assert proc.returncode == 0, f"{' '.join(cmd)} 실패:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        return proc


def refresh_repo(dest: Path) -> None:
    """저장소 복사본을 새로 만든다(편집 가능 설치가 가리키는 경로는 그대로)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    copy_source_tree(dest)


def build_binder_env() -> BinderEnv:
    python = _find_python311()
    if python is None:
        msg = "Python 3.11이 없어 Binder 환경을 만들 수 없습니다 (binder/runtime.txt: python-3.11)"
        if in_ci():
            pytest.fail(msg)
        pytest.skip(msg)
    env = BinderEnv(CACHE / config_hash())
    done = env.base / ".complete"
    refresh_repo(env.repo)
    env.home.mkdir(parents=True, exist_ok=True)
    if done.exists() and (env.bin / "jupyter-lab").exists():
        return env
    if env.venv.exists():
        shutil.rmtree(env.venv)
    subprocess.run([python, "-m", "venv", str(env.venv)], check=True)
    # --no-compile: 설치하면서 모든 .py(torch, JupyterLab …)를 미리 컴파일하지 않는다. 쓰는 모듈만 처음 import할 때
    # 컴파일된다(이 기계에서 두 설치가 약 92초에서 64초로). mybinder는 컴파일하지만, 여기서 보는 것(설치되는 판,
    # 노트북이 도는지)과는 상관없다.
    env.run(str(env.bin / "python"), "-m", "pip", "install", "--quiet", "--no-compile", *BASE_IMAGE_PINS)
    req = env.base / "requirements.local.txt"
    req.write_text(local_requirements((BINDER / "requirements.txt").read_text(encoding="utf-8")))
    # mybinder처럼 저장소 뿌리에서(`-e .`가 저장소를 가리키게)
    env.run(str(env.bin / "python"), "-m", "pip", "install", "--quiet", "--no-compile", "-r", str(req))
    env.run("./binder/postBuild")
    done.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
    return env


@pytest.fixture(scope="module")
def binder_env() -> BinderEnv:
    """캐시된 Binder 환경(다른 pytest가 같은 환경을 쓰는 동안에는 기다린다)."""
    import fcntl

    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f"{config_hash()}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield build_binder_env()


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("8600-8699에 빈 포트가 없습니다")


@pytest.fixture(scope="module")
def lab(binder_env):
    """Binder처럼 저장소 뿌리에서 `jupyter lab`을 띄운다(127.0.0.1, 토큰)."""
    port, token = _free_port(), secrets.token_hex(16)
    log = open(binder_env.base / "lab.log", "w")
    proc = subprocess.Popen(
        [str(binder_env.bin / "jupyter-lab"), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={binder_env.repo}",
         "--ServerApp.port_retries=0", "--allow-root"],  # 여기서는 root로 돈다(mybinder는 jovyan)
        cwd=binder_env.repo, env=binder_env.env(HOME=str(binder_env.home)),
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError((binder_env.base / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
    yield url, token
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


# --------------------------------------------------------------------------------------
# 어떤 장으로 시험할까: 그림을 그리는 장(있으면 02_bias)


def _chapter_title(source: Path) -> str:
    """생성된 노트북의 첫 # 제목(노트북이 원본과 같은지는 test_notebooks.py가 본다)."""
    nb = json.loads((ROOT / feature_launch.notebook_relpath(f"chapters/{source.stem}", ROOT)).read_text("utf-8"))
    for cell in nb["cells"]:
        for line in "".join(cell["source"]).splitlines() if cell["cell_type"] == "markdown" else []:
            if line.startswith("# "):
                return line[2:].strip()
    return source.stem


def _draws_figure(source: Path) -> bool:
    text = source.read_text(encoding="utf-8")
    return bool(re.search(r"\b(plt\.|dk\.plot_|plotting\.|\.plot\()", text))


def pick_chapter() -> tuple[Path, bool]:
    chapters = make_notebooks.chapter_sources(ROOT)
    with_fig = [c for c in chapters if _draws_figure(c)]
    preferred = [c for c in with_fig if c.stem.startswith("02_")] or with_fig
    if preferred:
        return preferred[0], True
    return chapters[0], False


def binder_urlpath(source: Path) -> str:
    """Binder 버튼의 ?urlpath= 값(테마와 booktools/sphinxext/launch.py가 만드는 것과 같은 규칙)."""
    info = make_notebooks.repo_info(ROOT)
    rel = feature_launch.notebook_relpath(f"chapters/{source.stem}", ROOT)
    return f"lab/tree/{info.path_to_book}{rel}"


# --------------------------------------------------------------------------------------
# 무거운 시험


def _screenshot(page, name: str) -> None:
    target = os.environ.get("STUDYBOOK_BINDER_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / name))


def _run_all(page) -> None:
    """독자처럼: 노트북 안을 한 번 눌러 현재 창으로 만들고, Run 메뉴에서 *활성인* Run All Cells를 누른다."""
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell .jp-InputPrompt").first.click()
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    item = page.locator(".lm-Menu-item:not(.lm-mod-disabled)",
                        has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")))
    item.wait_for(timeout=30_000)
    item.click()


def _kernels(url: str, token: str) -> list[tuple[str, str]]:
    """서버가 아는 커널의 (상태, 마지막 활동 시각): 실패 메시지에 붙인다."""
    try:
        with urllib.request.urlopen(f"{url}/api/kernels?token={token}", timeout=5) as resp:
            return [(k.get("execution_state", "?"), k.get("last_activity", "?")) for k in json.load(resp)]
    except OSError as exc:
        return [("조회 실패", str(exc))]


def _lab_log(binder_env: BinderEnv) -> str:
    log = binder_env.base / "lab.log"
    return "jupyter lab 기록(끝부분):\n" + (log.read_text(errors="replace")[-3000:] if log.exists() else "(없음)")


def _execution_started(page, url: str, token: str, timeout_s: float) -> bool:
    """어느 셀이든 [*] 또는 번호를 달았거나 커널이 바빠지면 실행이 시작된 것이다."""
    prompts = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt"
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        texts = page.locator(prompts).all_inner_texts()
        if any(re.search(r"\[(\*|\d+)\]", t) for t in texts):
            return True
        if any(state == "busy" for state, _ in _kernels(url, token)):
            return True
        page.wait_for_timeout(500)
    return False


@pytest.mark.binder
@pytest.mark.browser
def test_binder_button_opens_notebook_that_runs(binder_env, lab, browser):
    url, token = lab
    source, has_figure = pick_chapter()
    title = _chapter_title(source)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{url}/{binder_urlpath(source)}?token={token}", wait_until="domcontentloaded")
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        notebook.wait_for(timeout=60_000)
        assert page.locator(".jp-FileEditor:visible").count() == 0, "노트북이 아니라 글 편집기로 열렸습니다"
        page.locator(".jp-NotebookPanel .jp-MarkdownOutput h1").first.wait_for(timeout=30_000)
        heading = page.locator(".jp-NotebookPanel .jp-MarkdownOutput h1").first.inner_text()
        assert title in heading
        # 커널이 준비되면 Run → Run All Cells
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
        _run_all(page)
        # 클릭이 실행을 시작했는지 먼저 본다. CI에서 한 번, 클릭 뒤 480초 동안 셀이 하나도 돌지 않았다(대화상자 없음):
        # 노트북이 아직 '현재 창'이 아니면 JupyterLab은 Run All Cells를 비활성으로 두고 클릭을 그냥 버린다.
        # 독자라면 다시 누를 일이라 한 번만 다시 누르고, 그래도 시작하지 않으면 커널 상태와 서버 기록을 보인다.
        if not _execution_started(page, url, token, timeout_s=90):
            _run_all(page)
            if not _execution_started(page, url, token, timeout_s=90):
                _screenshot(page, "binder-not-started.png")
                pytest.fail("Run All Cells를 두 번 눌러도 실행이 시작되지 않았습니다: "
                            f"커널 {_kernels(url, token)}\n{_lab_log(binder_env)}")
        # 셀은 화면에 보이는 것만 DOM에 있으므로(가상 스크롤) 저장한 파일로 끝났는지 본다
        saved = binder_env.repo / feature_launch.notebook_relpath(f"chapters/{source.stem}", ROOT)
        deadline_s = 480
        deadline = time.time() + deadline_s
        while True:
            time.sleep(3)
            page.locator(".jp-NotebookPanel-toolbar [data-command='docmanager:save']").first.click()
            try:
                nb = json.loads(saved.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                # Jupyter가 막 저장하는 중이라 파일이 비었거나 반쯤 쓰였다: 다음 차례에 다시 읽는다(시한은 그대로)
                if time.time() > deadline:
                    raise
                continue
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            if all(c.get("execution_count") for c in code):
                break
            # Run All은 오류가 난 셀에서 멈춘다: 끝나기를 기다리지 말고 그 오류를 보인다
            errors = [o for c in code for o in c.get("outputs", []) if o["output_type"] == "error"]
            assert not errors, [(e["ename"], e["evalue"]) for e in errors[:3]]
            if time.time() >= deadline:
                _screenshot(page, "binder-timeout.png")
                dialogs = page.locator(".jp-Dialog").all_inner_texts()
                done = sum(1 for c in code if c.get("execution_count"))
                pytest.fail(f"Run All이 {deadline_s}초 안에 끝나지 않았습니다: 코드 셀 {done}/{len(code)}개 실행, "
                            f"대화상자 {dialogs!r}, 커널 {_kernels(url, token)}\n{_lab_log(binder_env)}")
        outputs = [o for c in code for o in c.get("outputs", [])]
        bad = [o for o in outputs if o["output_type"] == "error"
               or (o["output_type"] == "stream" and o.get("name") == "stderr")]
        assert not bad, bad[:3]
        if has_figure:
            assert any("image/png" in o.get("data", {}) for o in outputs), "그림 출력이 없습니다"
            # 화면에서도 그림이 보이는지: 맨 위에서부터 내려가며 화면 안에 들어온 첫 그림을 찾는다
            scroller = "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')"
            page.evaluate(f"() => {{ {scroller}.scrollTop = 0; }}")
            for _ in range(300):
                state = page.evaluate(f"""() => {{
                    const outer = {scroller}, box = outer.getBoundingClientRect();
                    const seen = [...outer.querySelectorAll('.jp-RenderedImage img')].some(img => {{
                        const r = img.getBoundingClientRect();
                        return img.naturalWidth > 100 && r.height > 50 && r.top >= box.top && r.bottom <= box.bottom;
                    }});
                    const before = outer.scrollTop;
                    if (!seen) outer.scrollTop += 300;
                    return {{seen, moved: outer.scrollTop !== before}};
                }}""")
                if state["seen"] or not state["moved"]:
                    break
                page.wait_for_timeout(150)
            assert state["seen"], "그림이 화면에 나타나지 않았습니다"
        _screenshot(page, "binder-lab.png")
    finally:
        context.close()


@pytest.mark.binder
@pytest.mark.browser
def test_rise_shows_slideshow(lab, browser):
    url, token = lab
    source, _ = pick_chapter()
    rel = feature_launch.notebook_relpath(f"chapters/{source.stem}", ROOT)
    nb = json.loads((ROOT / rel).read_text(encoding="utf-8"))
    n_slides = sum(1 for c in nb["cells"] if c["metadata"].get("slideshow", {}).get("slide_type") == "slide")
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{url}/rise/{rel}?token={token}", wait_until="domcontentloaded")
        page.locator(".reveal .slides > section").first.wait_for(timeout=90_000)
        page.wait_for_function("() => document.querySelector('.reveal.ready') !== null", timeout=60_000)
        sections = page.locator(".reveal .slides > section")
        assert sections.count() == max(n_slides, 1)
        present = page.locator(".reveal .slides > section.present")
        assert _chapter_title(source) in present.inner_text()
        time.sleep(1)
        _screenshot(page, "binder-rise.png")
        if n_slides > 1:  # 발표자처럼 → 키로 다음 슬라이드
            first_text = present.inner_text()
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                """(t) => { const p = document.querySelector('.reveal .slides > section.present');
                            return p && p.innerText !== t; }""", arg=first_text, timeout=15_000)
    finally:
        context.close()


EXECUTE = r"""
import json, sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
stderr = [(i, o.get("text", "")[:500]) for i, c in enumerate(nb.cells) if c.cell_type == "code"
          for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
print(json.dumps({"stderr": stderr}))
"""


@pytest.mark.binder
@pytest.mark.parametrize("source", make_notebooks.chapter_sources(ROOT), ids=lambda p: p.stem)
def test_notebook_runs_in_binder_env(binder_env, source):
    rel = feature_launch.notebook_relpath(f"chapters/{source.stem}", ROOT)
    path = ROOT / rel  # 저장소에 올라간 그대로(브라우저 시험이 저장한 복사본이 아니라)
    assert path.is_file(), f"{rel}이 없습니다: make notebooks"
    workdir = (binder_env.repo / rel).parent  # Binder에서 노트북을 열 때의 작업 폴더
    proc = subprocess.run([str(binder_env.bin / "python"), "-c", EXECUTE, str(path), str(workdir)],
                          cwd=workdir, env=binder_env.env(HOME=str(binder_env.home)),
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{rel} 실행 실패:\n{proc.stderr[-5000:]}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not result["stderr"], f"{rel}: 셀이 stderr에 출력했습니다 {result['stderr']}"


@pytest.mark.binder
@pytest.mark.browser
def test_myst_chapter_opens_as_notebook(lab, browser):
    """binder/overrides.json(postBuild가 설치)이 MyST 장(.md)을 글 편집기가 아니라 노트북으로 연다."""
    url, token = lab
    source, _ = pick_chapter()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{url}/lab/tree/chapters/{source.name}?token={token}", wait_until="domcontentloaded")
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        assert page.locator(".jp-FileEditor:visible").count() == 0
        assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").all_inner_texts()
    finally:
        context.close()
