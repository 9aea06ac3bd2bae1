"""독자가 Colab에서 여는 길을 그대로 시험한다: 빌드한 휠 → 깨끗한 venv → 생성된 노트북 실행.

편집 가능 설치(`make`, Binder)와 빌드의 `PYTHONPATH`는 저장소의 dlkit 폴더를 그대로 보여 주므로
휠에서 빠진 하위 패키지(예전의 dlkit.widgets)를 가린다. 그래서 여기서는
1. 휠과 sdist를 만들고(저장소 복사본에서, `pip wheel --no-build-isolation`과 setuptools의 PEP 517 훅)
   그 파일 목록이 dlkit의 모든 모듈을 담는지, 휠에 dlkit 말고 다른 것이 없는지 본다.
2. 책이 고정한 numpy, matplotlib, ipywidgets, ipykernel, torch만 든 깨끗한 venv(Python 3.11)에
   휠을 설치하고 모든 공개 이름을 불러온다.
3. 생성된 `notebooks/*.ipynb`를 소스가 없는 임시 폴더에서 그 venv의 커널로 nbclient가 위에서 아래로
   실행한다. 오류 출력이나 stderr 출력이 있으면 실패(빌드와 같은 기준).
   Colab 설치 셀: 커밋된 첫 셀이 `make_notebooks.colab_setup_source()`가 만든 그대로인지 확인한 뒤,
   같은 함수로 pip 대상만 빌드한 휠로 바꾼 셀을 `google.colab` 모듈이 있는 커널(가짜 Colab)에서
   실행한다. 즉 Colab에서 도는 바로 그 `%pip install` 줄이 GitHub 대신 휠을 설치한다(인터넷 없음,
   `PIP_NO_INDEX`, 휠 폴더만 봄). 노트북마다 dlkit과 koreanize-matplotlib을 먼저 지워 새 Colab
   런타임처럼 설치 셀이 실제로 설치하게 한다.
4. Python 3.12(Colab의 파이썬, pyenv)와 ipywidgets 7의 최신판(Colab이 오래 싣던 7.x 계열): torch가
   없는 이 기계에서 torch 없이 되는 것(dlkit 불러오기, 한글 글꼴 경로, 모든 데모 만들기와 조절)을 본다.

venv는 `~/.cache/studybook-colab/<이름>-<설정 해시>/`에 두고 다시 쓴다(test_binder.py와 같은 방식).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, copy_source_tree, in_ci

from booktools import notebooks as make_notebooks

CACHE = Path(os.environ.get("STUDYBOOK_COLAB_CACHE", Path.home() / ".cache" / "studybook-colab"))
# Colab의 런타임이 싣는 것 가운데 책이 쓰는 것(책이 고정한 버전으로)
COLAB_PACKAGES = ("numpy", "matplotlib", "ipywidgets", "ipykernel", "torch")
COLAB_RUNTIME_EXTRAS = ("tqdm",)
IPYWIDGETS7 = "ipywidgets==7.8.5"  # 7.x의 마지막 판(`pip index versions ipywidgets`, 2026-12)
PY312_PACKAGES = ("numpy", "matplotlib")
PY312 = "3.12"


def book_pins(names) -> list[str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s;#]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = f"{m.group(1)}=={m.group(2)}"
    missing = [n for n in names if n not in pins]
    assert not missing, f"requirements.txt에 고정 버전이 없습니다: {missing}"
    return [pins[n] for n in names]


def dlkit_modules() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "dlkit").rglob("*.py")
                  if "__pycache__" not in p.parts)


def dlkit_files() -> list[str]:
    """dlkit의 모듈과, 모듈이 읽는 패키지 데이터(퀴즈·데모의 JS와 CSS): 휠에 모두 있어야 Colab에서 돈다."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "dlkit").rglob("*")
                  if p.suffix in (".py", ".js", ".css") and "__pycache__" not in p.parts)


# --------------------------------------------------------------------------------------
# 휠과 sdist


@dataclass
class Dist:
    wheel: Path
    sdist: Path


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Dist:
    src = copy_source_tree(tmp_path_factory.mktemp("pkg") / "src")
    out = src.parent / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(src)], check=True, capture_output=True, cwd=src)
    subprocess.run([sys.executable, "-c",
                    f"from setuptools import build_meta; build_meta.build_sdist({str(out)!r})"],
                   check=True, capture_output=True, cwd=src)
    wheels, sdists = sorted(out.glob("dlkit-*.whl")), sorted(out.glob("dlkit-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list(out.iterdir())
    return Dist(wheels[0], sdists[0])


def test_pinned_requirements_are_complete():
    """make은 고정 목록을 --no-deps로 설치한다(의존성을 풀지 않는다). 그러니 목록에 빠진 의존성이 없어야 한다:
    그 목록으로 설치한 이 환경에서 pip check가 깨끗하다(빠진 패키지나 맞지 않는 버전이 있으면 실패)."""
    proc = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert proc.returncode == 0, f"고정 목록에 빠진 의존성(requirements.txt에 ==로 더하세요):\n{proc.stdout}{proc.stderr}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--no-deps --no-compile -r" in makefile  # 이 검사가 지키는 설치 방식


def test_wheel_holds_every_dlkit_module_and_nothing_else(dist):
    names = zipfile.ZipFile(dist.wheel).namelist()
    missing = [m for m in dlkit_files() if m not in names]
    assert not missing, f"휠에 없는 모듈: {missing} (pyproject.toml의 packages.find)"
    info = re.match(r"(dlkit-[^-]+)-", dist.wheel.name).group(1) + ".dist-info/"
    extra = [n for n in names if not n.startswith(("dlkit/", info))]
    assert not extra, f"휠에 dlkit 밖의 파일이 들어갔습니다: {extra}"


def test_sdist_holds_every_dlkit_module(dist):
    with tarfile.open(dist.sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    missing = [m for m in dlkit_files() if m not in names]
    assert not missing, f"sdist에 없는 모듈: {missing}"
    assert "pyproject.toml" in names


# --------------------------------------------------------------------------------------
# 캐시된 깨끗한 venv


@dataclass
class Venv:
    base: Path

    @property
    def python(self) -> Path:
        return self.base / "venv" / "bin" / "python"

    @property
    def home(self) -> Path:
        return self.base / "home"

    def env(self, **extra: str) -> dict[str, str]:
        """소스 트리·책 venv가 새지 않는 환경(PYTHONPATH 없음, 이 venv의 bin만)."""
        keep = {k: v for k, v in os.environ.items()
                if k in {"LANG", "LC_ALL", "TERM", "TMPDIR", "SSL_CERT_FILE"} or k.startswith("PIP_")}
        # pip은 이 기계의 설정(로컬 휠 폴더, CPU torch)을 그대로 본다: 그것이 없으면 CUDA torch를 받는다
        keep.setdefault("XDG_CONFIG_HOME", os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config"))
        keep.update(PATH=f"{self.python.parent}:/usr/local/bin:/usr/bin:/bin", HOME=str(self.home),
                    MPLCONFIGDIR=str(self.home / ".config" / "matplotlib"), PYTHONNOUSERSITE="1",
                    PYDEVD_DISABLE_FILE_VALIDATION="1")
        keep.update(extra)
        return keep

    def run(self, *args: str, **kw) -> subprocess.CompletedProcess:
        proc = subprocess.run([str(self.python), *args], env=kw.pop("env", None) or self.env(),
                              capture_output=True, text=True, **kw)
        assert proc.returncode == 0, f"{args[:4]} 실패:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        return proc

    def pip(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("-m", "pip", "--disable-pip-version-check", *args)


def find_python(version: str) -> str | None:
    # CI(Pages 워크플로)는 STUDYBOOK_PY312처럼 인터프리터를 직접 넘긴다
    candidates = [os.environ.get(f"STUDYBOOK_PY{version.replace('.', '')}", ""), shutil.which(f"python{version}") or ""]
    candidates += sorted(str(p) for p in (Path.home() / ".pyenv" / "versions").glob(f"{version}*/bin/python{version}"))
    for cand in filter(None, candidates):
        out = subprocess.run([cand, "-c", "import sys, venv, ensurepip; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip() == version:
            return cand
    return None


def cpu_torch(pin: str) -> str:
    """``torch==2.13.0`` → ``torch==2.13.0+cpu``(이미 로컬 판이 붙었거나 torch가 아니면 그대로)."""
    return pin + "+cpu" if pin.startswith("torch==") and "+" not in pin else pin


def cached_venv(name: str, version: str, pins: list[str]) -> Venv:
    python = find_python(version)
    if python is None:
        msg = f"Python {version}이 없어 {name} 환경을 만들 수 없습니다"
        if in_ci():
            pytest.fail(msg)
        pytest.skip(msg)
    key = hashlib.sha256("\n".join([python, version, *pins]).encode()).hexdigest()[:16]
    venv = Venv(CACHE / f"{name}-{key}")
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f"{name}-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = venv.base / ".complete"
        if done.exists() and venv.python.exists():
            return venv
        shutil.rmtree(venv.base, ignore_errors=True)
        venv.home.mkdir(parents=True)
        subprocess.run([python, "-m", "venv", str(venv.base / "venv")], check=True)
        # torch는 CPU 빌드(+cpu)로 못 박는다: PyPI에는 +cpu가 없으므로 수 GB의 CUDA torch를 받을 수 없고, 따로
        # 의존성을 풀어 보는 --dry-run(예전에는 설치 전에 한 번 더 풀었다)이 필요 없다.
        pins = [cpu_torch(p) for p in pins]
        # --no-compile: 설치하면서 모든 .py를 미리 컴파일하지 않는다(쓰는 모듈만 처음 import할 때 컴파일된다).
        venv.pip("install", "--quiet", "--no-compile", *pins)
        # Colab의 런타임처럼 matplotlib 글꼴 캐시를 미리 만든다(첫 import의 stderr 안내 방지)
        venv.run("-c", "import matplotlib.font_manager")
        done.write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
    return venv


def wheelhouse(dist: Dist) -> Path:
    """설치 셀이 보는 유일한 곳: 빌드한 휠과 koreanize-matplotlib 휠(한 번 받아 캐시)."""
    house = CACHE / "wheelhouse"
    house.mkdir(parents=True, exist_ok=True)
    if not list(house.glob("koreanize_matplotlib-*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(house),
                        make_notebooks.KOREANIZE], check=True, capture_output=True)
    here = dist.wheel.parent
    for whl in house.glob("koreanize_matplotlib-*.whl"):
        shutil.copy2(whl, here / whl.name)
    return here


@pytest.fixture(scope="module")
def colab_venv(dist) -> Venv:
    venv = cached_venv("py311", "3.11", book_pins(COLAB_PACKAGES))
    # Colab의 런타임에는 tqdm도 있다(dlkit.training의 진행 막대). 캐시된 venv에 없으면 더한다.
    venv.pip("install", "--quiet", *book_pins(COLAB_RUNTIME_EXTRAS))
    wheelhouse(dist)
    return venv


IMPORT_ALL = r"""
import importlib, json, pkgutil, sys
import dlkit
mods, names = [], 0
for info in pkgutil.walk_packages(dlkit.__path__, "dlkit."):
    mods.append(importlib.import_module(info.name).__name__)
for mod in [dlkit, *map(importlib.import_module, mods)]:
    for name in getattr(mod, "__all__", []):
        getattr(mod, name)
        names += 1
print(json.dumps({"file": dlkit.__file__, "modules": ["dlkit", *mods], "names": names}))
"""


def _expected_modules() -> set[str]:
    return {m[:-3].replace("/__init__", "").replace("/", ".") for m in dlkit_modules()}


def install_wheel(venv: Venv, dist: Dist) -> dict:
    venv.pip("install", "--quiet", "--no-deps", "--force-reinstall", str(dist.wheel))
    proc = venv.run("-c", IMPORT_ALL, cwd=venv.home)
    assert not proc.stderr.strip(), proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert str(venv.base) in result["file"] and "site-packages" in result["file"], result["file"]
    assert set(result["modules"]) == _expected_modules()
    assert result["names"] > 50
    return result


@pytest.mark.colab
def test_wheel_installs_and_imports_every_public_name(colab_venv, dist):
    install_wheel(colab_venv, dist)


# --------------------------------------------------------------------------------------
# 노트북을 Colab처럼 실행

FAKE_COLAB = ("import sys, types\n"
              "sys.modules.setdefault('google.colab', types.ModuleType('google.colab'))  # 시험: Colab인 척\n")
CHECK_INSTALLED = ("import dlkit\n"
                   "assert 'site-packages' in dlkit.__file__ and 'dlkit/' not in __import__('os').getcwd(), "
                   "dlkit.__file__\n")


def colab_notebook(path: Path, wheel: Path):
    import nbformat

    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    expected = make_notebooks.colab_setup_source(make_notebooks.repo_info(ROOT))
    assert "colab-setup" in first.metadata.get("tags", []) and first.source == expected, \
        f"{path.name}: 첫 셀이 생성된 Colab 설치 셀이 아닙니다 (make notebooks)"
    first.source = FAKE_COLAB + make_notebooks.colab_setup_source(
        make_notebooks.repo_info(ROOT), pip_spec=str(wheel))
    nb.cells.append(nbformat.v4.new_code_cell(CHECK_INSTALLED))
    return nb


def _bad_outputs(nb) -> list:
    bad = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr"):
                bad.append((i, out.get("ename") or out.get("name"), (out.get("text") or out.get("evalue", ""))[:800]))
    return bad


QUIZ_SPEC = re.compile(r'<script type="application/json" class="sbq-spec">(.*?)</script>', re.S)


def _html_of(output) -> str:
    data = output.get("data", {}).get("text/html", "")
    return "".join(data) if isinstance(data, list) else data


def answer_quiz_in_chromium(browser, nb, folder: Path) -> None:
    """Colab처럼 실행한 노트북의 퀴즈 출력(깨끗한 venv의 dlkit이 만든 HTML과 채점 스크립트)을 nbconvert로
    HTML로 바꿔 Chromium에서 연다: 첫 문항을 맞게, 그다음 틀리게 답해 판정이 바뀌는지 본다."""
    import copy

    from nbconvert import HTMLExporter

    quiz = [c for c in nb.cells if c.cell_type == "code"
            and any('class="sb-quiz"' in _html_of(o) for o in c.get("outputs", []))]
    assert len(quiz) == 1, "실행한 노트북에 퀴즈 출력이 하나 있어야 합니다"
    spec_html = next(_html_of(o) for o in quiz[0].outputs if 'class="sb-quiz"' in _html_of(o))
    first = json.loads(QUIZ_SPEC.search(spec_html).group(1).replace("<\\/", "</"))["questions"][0]
    page_nb = copy.deepcopy(nb)
    page_nb.cells = quiz
    body, _ = HTMLExporter(template_name="basic").from_notebook_node(page_nb)
    page_file = folder / "quiz.html"
    page_file.write_text(f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
                         f"<title>quiz</title></head><body>{body}</body></html>", encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        errors, external = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else external.append(r.url))
        page.goto(page_file.as_uri(), wait_until="load")
        assert page.locator(".sb-quiz").get_attribute("data-sbq-ready") == "1", "채점 스크립트가 돌지 않았습니다"
        box = page.locator(f'.sbq-q[data-qid="{first["id"]}"]')

        def grade(value) -> str:
            if first["kind"] == "number":
                box.locator("input").fill(value)
            else:
                inputs = box.locator("input")
                for i in range(inputs.count()):
                    if i in value or first["kind"] == "multi":  # 라디오 단추는 다른 것을 골라야 풀린다
                        inputs.nth(i).set_checked(i in value)
            box.locator(".sbq-check").click()
            return box.locator(".sbq-verdict").inner_text()

        if first["kind"] == "number":
            right, wrong = f'{first["answer"]:g}', f'{first["answer"] * 3 + 7:g}'
        else:
            count = box.locator("input").count()
            right = first["correct"]
            wrong = [next(i for i in range(count) if i not in right)]
        assert grade(right) == "정답입니다."
        assert grade(wrong) == "아직 아닙니다."
        assert errors == [] and external == [], (errors, external)
    finally:
        context.close()


@pytest.mark.colab
@pytest.mark.browser
@pytest.mark.parametrize("source", make_notebooks.chapter_sources(ROOT), ids=lambda p: p.stem)
def test_notebook_runs_like_colab(colab_venv, dist, source, tmp_path, browser):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    path = make_notebooks.notebook_path(source, ROOT)
    nb = colab_notebook(path, dist.wheel)
    # 새 Colab 런타임: dlkit도 koreanize-matplotlib도 없다. 설치 셀이 설치해야 한다.
    colab_venv.pip("uninstall", "--quiet", "-y", "dlkit", "koreanize-matplotlib")
    work = tmp_path / "content"  # Colab의 작업 폴더처럼 소스가 없는 곳
    work.mkdir()
    shutil.copy2(path, work / path.name)
    kernels = tmp_path / "kernels" / "colab-venv"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(colab_venv.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Colab venv", "language": "python"}))
    km = AsyncKernelManager(kernel_name="colab-venv",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels.parent)]))
    env = colab_venv.env(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(dist.wheel.parent))
    client = NotebookClient(nb, km=km, timeout=600, allow_errors=True, resources={"metadata": {"path": str(work)}})
    client.execute(env=env, cwd=str(work))
    bad = _bad_outputs(nb)
    assert not bad, f"{path.name}: Colab처럼 실행하니 오류/stderr 출력이 있습니다: {bad[:3]}"
    if "from dlkit.quiz import" in source.read_text(encoding="utf-8"):  # 퀴즈가 있는 장(안내 장에는 없다)
        answer_quiz_in_chromium(browser, nb, tmp_path)


# --------------------------------------------------------------------------------------
# Python 3.12 + ipywidgets 7 (torch 없이)

PY312_CHECK = r"""
import importlib, json, pkgutil, warnings
import dlkit, ipywidgets
assert ipywidgets.__version__.startswith("7."), ipywidgets.__version__
assert not hasattr(ipywidgets, "Stack")
for info in pkgutil.walk_packages(dlkit.__path__, "dlkit."):
    importlib.import_module(info.name)
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
warnings.simplefilter("error")  # "Glyph ... missing" 같은 경고도 실패
family = dlkit.use_korean_font()
fig, ax = plt.subplots()
ax.set_title("편향 가중치 학습률 −1")
fig.canvas.draw()
plt.close(fig)
import dlkit.widgets as W
from dlkit.widgets._frames import build_demo
built = []
for name, spec in W._specs().items():
    live = build_demo(spec, "live").dlkit_demo
    for param, ctrl in live.controls.items():
        before = live.renders
        if hasattr(ctrl, "options") and len(ctrl.options) > 1:
            opts = list(ctrl.options)
            current = ctrl.value
            ctrl.value = next(o[1] if isinstance(o, tuple) else o for o in opts
                              if (o[1] if isinstance(o, tuple) else o) != current)
        elif hasattr(ctrl, "max"):
            ctrl.value = ctrl.max if ctrl.value != ctrl.max else ctrl.min
        else:
            ctrl.value = not ctrl.value
        assert live.renders == before + 1, (name, param)
    # 정적 데모는 위젯이 아니라 HTML 한 덩어리(조절기, 프레임, demo.js): ipywidgets 버전과 상관없다
    static = build_demo(spec, "static")
    page = static._repr_mimebundle_()["text/html"]
    assert "dlkit-demo-data" in page and ('type="range"' in page or "<fieldset" in page), name
    assert len(static.dlkit_demo.frames) == len(static.dlkit_demo.captions) > 1, name
    built.append(name)
print(json.dumps({"family": family, "demos": built, "ipywidgets": ipywidgets.__version__}))
"""


@pytest.fixture(scope="module")
def py312_venv(dist) -> Venv:
    venv = cached_venv("py312-ipyw7", PY312, [*book_pins(PY312_PACKAGES), IPYWIDGETS7, make_notebooks.KOREANIZE])
    return venv


@pytest.mark.colab
def test_python312_ipywidgets7_font_and_every_demo(py312_venv, dist):
    """Colab의 Python 3.12와 ipywidgets 7: dlkit 불러오기, 한글 글꼴, 모든 데모(실시간·정적) 만들기와 조절."""
    install_wheel(py312_venv, dist)
    proc = py312_venv.run("-c", PY312_CHECK, cwd=py312_venv.home)
    assert not proc.stderr.strip(), proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["family"] == "NanumGothic"
    assert sorted(result["demos"]) == sorted(__import__("dlkit.widgets", fromlist=["DEMOS"]).DEMOS)
