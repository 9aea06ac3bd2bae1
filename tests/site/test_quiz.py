"""장 끝의 '스스로 점검하기' 퀴즈(dlkit/quiz.py)가 커널도 인터넷도 없이 스스로 채점하는가.

- 문항 정의(장 끝의 퀴즈 셀)를 읽어: 장마다 5~8문항, 되짚을 절이 장에 있고, 숫자 정답을 dlkit으로 다시 계산하면
  빌드된 페이지의 정답과 같다(jupyter-cache가 낡은 출력을 쓰면 여기서 걸린다).
- 빌드된 책(Chromium): 장 페이지와 덱에서 맞는 답/틀린 답의 피드백, 허용 오차 안/밖의 숫자, 새로 고침 뒤의 기록,
  첫 페이지의 기록표와 "기록 지우기", 사이트 밖 요청과 콘솔 오류 0.
- 만든 노트북: 퀴즈 셀을 nbclient로 실행하고 nbconvert로 HTML로 바꿔 Chromium에서 한 문항을 푼다.
"""
from __future__ import annotations

import ast
import json
import re
import zipfile
from pathlib import Path

import pytest

from booktools.browser import serve
from booktools.slides import overflow_js as slides_overflow_js
from helpers import ROOT

import dlkit.quiz as dq

CHAPTERS = ["01_linear_regression", "02_bias", "03_activations", "04_optim", "05_train_infer", "06_epoch_batch"]
QUIZ_IMPORT = "from dlkit.quiz import"
# 속성 순서는 상관없이(nbconvert는 덱에 넣을 때 속성 순서를 바꾼다)
SPEC_RE = re.compile(r'<script\b[^>]*\bclass="sbq-spec"[^>]*>(.*?)</script>', re.S)
EXTERNAL_LOAD = re.compile(r"""(?:\bsrc\s*=\s*["']|\bhref\s*=\s*["']|@import\s+|url\()\s*["']?(?:https?:)?//""", re.I)


# ---------------------------------------------------------------------------
# 장 소스의 퀴즈 셀


def chapter_cells(name: str, root: Path = ROOT):
    import jupytext

    return jupytext.read(root / "chapters" / f"{name}.md", fmt="md:myst").cells


def quiz_cell(name: str, root: Path = ROOT):
    cells = chapter_cells(name, root)
    found = [i for i, c in enumerate(cells) if c.cell_type == "code" and QUIZ_IMPORT in c.source]
    assert len(found) == 1, f"{name}: 퀴즈 셀({QUIZ_IMPORT} …)이 정확히 하나여야 합니다: {len(found)}개"
    return cells, found[0]


def quiz_calls(source: str) -> tuple[ast.Module, ast.Call]:
    """퀴즈 셀의 AST와 마지막 식 Quiz(...) 호출."""
    tree = ast.parse("\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith("%")))
    last = tree.body[-1]
    assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) \
        and getattr(last.value.func, "id", "") == "Quiz", "퀴즈 셀의 마지막 줄은 Quiz(...)여야 합니다(셀의 값으로 보인다)"
    return tree, last.value


def number_answers(name: str, root: Path = ROOT) -> dict[str, float]:
    """퀴즈 셀의 숫자 문항마다 answer= 식을 (셀의 앞부분을 실행한 이름공간에서) dlkit으로 다시 계산한다."""
    cells, i = quiz_cell(name, root)
    tree, call = quiz_calls(cells[i].source)
    ns: dict = {}
    exec(compile(ast.Module(body=tree.body[:-1], type_ignores=[]), f"<{name} 퀴즈 셀>", "exec"), ns)
    values = {}
    for node in ast.walk(call):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "number":
            qid = node.args[0].value
            answer = next(k.value for k in node.keywords if k.arg == "answer")
            assert any(isinstance(n, ast.Call) for n in ast.walk(answer)), (
                f"{name}/{qid}: 정답을 숫자로 적지 말고 dlkit(또는 셀의 도우미 함수)으로 계산하세요: {ast.unparse(answer)}")
            values[qid] = float(eval(compile(ast.Expression(answer), f"<{name}/{qid}>", "eval"), ns))
    return values


def run_quiz_cell(name: str) -> dq.Quiz:
    cells, i = quiz_cell(name)
    tree, _ = quiz_calls(cells[i].source)
    ns: dict = {}
    exec(compile(ast.Module(body=tree.body[:-1], type_ignores=[]), name, "exec"), ns)
    return eval(compile(ast.Expression(tree.body[-1].value), name, "eval"), ns)


@pytest.mark.parametrize("name", CHAPTERS)
def test_quiz_is_appended_at_the_end_of_the_chapter(name):
    cells, i = quiz_cell(name)
    assert i == len(cells) - 1, f"{name}: 퀴즈 셀은 장의 맨 끝 셀이어야 합니다"
    head = cells[i - 1]
    assert head.cell_type == "markdown" and head.source.strip() == "## 스스로 점검하기"
    assert head.metadata.get("slideshow", {}).get("slide_type") == "slide", "퀴즈 제목 셀이 덱의 새 슬라이드여야 합니다"
    meta = cells[i].metadata
    assert meta.get("slideshow", {}).get("slide_type") in {"-", "slide"}
    assert "remove-input" in meta.get("tags", []), "책과 덱에서 정답이 든 코드는 숨겨야 합니다"
    # 노트북에서도 코드(= 정답)를 접어 둔다: JupyterLab은 source_hidden, Colab은 cellView: form + @title
    assert meta.get("jupyter", {}).get("source_hidden") is True
    assert meta.get("cellView") == "form" and cells[i].source.startswith("# @title ")


@pytest.mark.parametrize("name", CHAPTERS)
def test_quiz_definitions(name):
    quiz = run_quiz_cell(name)
    assert quiz.chapter == name
    assert 5 <= len(quiz.questions) <= 8, f"{name}: 문항이 {len(quiz.questions)}개(5~8개여야 함)"
    kinds = {type(q).__name__ for q in quiz.questions}
    assert kinds == {"Choice", "Number"}, f"{name}: 객관식과 숫자 문항이 모두 있어야 합니다: {kinds}"
    source = (ROOT / "chapters" / f"{name}.md").read_text(encoding="utf-8")
    labels = set(re.findall(r"^\(([^()\s]+)\)=\s*$", source, re.M))
    headings = {re.sub(r"`([^`]*)`", r"\1", h).strip() for h in re.findall(r"^#{2,4}\s+(.+?)\s*$", source, re.M)}
    for q in quiz.questions:
        assert re.search("[가-힣]", q.text) and re.search("[가-힣]", q.explain), f"{name}/{q.id}: 한국어로 쓰세요"
        label, title = q.see
        if label:
            assert label in labels, f"{name}/{q.id}: 되짚을 절의 label {label!r}이 장에 없습니다"
        else:
            assert title in headings, f"{name}/{q.id}: 되짚을 절 제목 {title!r}이 장의 제목들에 없습니다: {sorted(headings)}"


def test_numeric_answers_are_computed_with_dlkit():
    values = {name: number_answers(name) for name in CHAPTERS}
    # 숫자 문항의 정답을 책의 산수로 한 번 더: 셀의 식이 dlkit 함수를 불렀고 값이 맞는다
    assert values["06_epoch_batch"]["iters-keep"] == 32 == -(-1000 // 32)
    assert values["06_epoch_batch"]["iters-drop"] == 31
    assert values["06_epoch_batch"]["total-mnist"] == 10 * 469
    assert values["05_train_infer"]["adam-ratio"] == 4
    assert values["04_optim"]["sgd-step"] == pytest.approx(0.6)
    assert sum(len(v) for v in values.values()) >= 12


def test_quiz_html_is_self_contained_and_stable():
    a, b = run_quiz_cell("06_epoch_batch").to_html(), run_quiz_cell("06_epoch_batch").to_html()
    assert a == b, "같은 정의는 같은 HTML(같은 id)을 만들어야 합니다"
    assert 'id="sbq-06-epoch-batch-iters-keep"' in a and 'lang="ko"' in a
    assert not EXTERNAL_LOAD.search(a), EXTERNAL_LOAD.findall(a)
    assert "<script>" in a and ".sb-quiz" in a
    assert dq.STORAGE_PREFIX in a




def test_wheel_ships_the_quiz_script_and_style(tmp_path):
    """Colab은 dlkit을 git에서 (편집 모드가 아니게) 설치한다: 휠에 quiz.js와 quiz.css가 있어야 한다."""
    import subprocess
    import sys

    src = tmp_path / "src"
    for rel in ["pyproject.toml", "README.md", "LICENSE"]:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes((ROOT / rel).read_bytes())
    for path in (ROOT / "dlkit").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            target = src / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    str(src), "-w", str(tmp_path / "wheel")], check=True, capture_output=True)
    names = zipfile.ZipFile(next((tmp_path / "wheel").glob("*.whl"))).namelist()
    assert {"dlkit/quiz.py", "dlkit/quiz.js", "dlkit/quiz.css"} <= set(names)


# ---------------------------------------------------------------------------
# 빌드된 책


@pytest.mark.build
@pytest.mark.parametrize("name", CHAPTERS)
def test_built_page_answers_match_dlkit(built_book, name):
    html = (built_book.html / "chapters" / f"{name}.html").read_text(encoding="utf-8")
    specs = SPEC_RE.findall(html)
    assert len(specs) == 1, f"{name}: 페이지에 퀴즈가 {len(specs)}개"
    spec = json.loads(specs[0])
    built = {q["id"]: q["answer"] for q in spec["questions"] if q["kind"] == "number"}
    assert built == pytest.approx(number_answers(name, built_book.root))
    deck = (built_book.html / "slides" / f"{name}.html").read_text(encoding="utf-8")
    assert [json.loads(s) for s in SPEC_RE.findall(deck)] == [spec], f"{name}: 덱의 퀴즈가 페이지의 퀴즈와 다릅니다"


def answer(page, qid: str, value, *, root: str = "") -> str:
    """문항 qid에 답하고 채점한 뒤 판정 글을 돌려준다. value: 숫자 문항은 글, 객관식은 보기 번호 목록."""
    box = page.locator(f'{root} .sbq-q[data-qid="{qid}"]'.strip())
    box.scroll_into_view_if_needed()
    if isinstance(value, str):
        box.locator("input").fill(value)
    else:
        inputs = box.locator("input")
        for i in range(inputs.count()):
            inputs.nth(i).set_checked(i in value)
    box.locator(".sbq-check").click()
    feedback = box.locator(".sbq-feedback")
    assert feedback.is_visible()
    return box.locator(".sbq-verdict").inner_text()


def visible_text(page, selector: str) -> str:
    return page.locator(selector).evaluate("el => el.innerText")


@pytest.mark.browser
def test_quiz_on_a_page_grades_remembers_and_shows_on_front_page(built_book, visit):
    record = visit("chapters/02_bias.html")
    page = record.page
    base = page.url.split("/chapters/")[0]
    box = '.sbq-q[data-qid="boundary"]'
    # 여러 답 문항: 정답 둘 중 하나만 고르면 틀림, 틀린 보기의 설명이 보인다
    assert answer(page, "boundary", [0, 2]).startswith("아직 아닙니다")
    assert page.locator(f'{box} li[data-opt="2"] .sbq-why').is_visible()
    assert "원점에서 떼어 놓는 것은 편향뿐" in visible_text(page, f"{box} .sbq-feedback") + \
        visible_text(page, f'{box} li[data-opt="2"]')
    assert answer(page, "boundary", [0, 1]) == "정답입니다."
    assert not page.locator(f'{box} li[data-opt="2"] .sbq-why').is_visible()
    # 되짚을 절: 같은 페이지의 그 절로 가는 링크
    link = page.locator(f"{box} .sbq-see a")
    assert link.get_attribute("href") == "#bias-geometry"
    assert page.locator("#bias-geometry").count() == 1
    # 한 답 문항: 틀린 답과 맞는 답
    assert answer(page, "weighted-sum", [1]) == "아직 아닙니다."
    assert "pre-activation" in visible_text(page, '.sbq-q[data-qid="weighted-sum"] li[data-opt="1"]')
    # 숫자: 허용 오차(0.01) 밖은 틀림, 안은 정답, 숫자가 아니면 다시 묻는다
    assert answer(page, "distance", "2.1") == "아직 아닙니다."
    assert "정답: 2" in visible_text(page, '.sbq-q[data-qid="distance"] .sbq-feedback')
    assert answer(page, "distance", "두") .startswith("숫자를 입력하세요")
    assert answer(page, "distance", "2.005") == "정답입니다."
    assert visible_text(page, ".sbq-score") == "6문항 중 3문항 채점, 2문항 정답"

    # 새로 고침: 답과 판정이 그대로
    page.reload(wait_until="networkidle")
    assert page.locator('.sbq-q[data-qid="distance"] input').input_value() == "2.005"
    assert page.locator('.sbq-q[data-qid="weighted-sum"] input').nth(1).is_checked()
    assert page.locator('.sbq-q[data-qid="distance"] .sbq-verdict').inner_text() == "정답입니다."
    assert visible_text(page, ".sbq-score") == "6문항 중 3문항 채점, 2문항 정답"

    # 첫 페이지의 기록표
    page.goto(base + "/chapters/index.html", wait_until="networkidle")  # 책의 첫 페이지(_toc.yml의 root)
    row = page.locator('.sbq-progress tr[data-sbq-chapter="02_bias"] .sbq-status')
    assert row.inner_text() == "푸는 중: 6문항 중 3문항 채점, 2문항 정답"
    assert page.locator('.sbq-progress tr[data-sbq-chapter="06_epoch_batch"] .sbq-status').inner_text() == "아직 풀지 않음"
    assert page.locator(".sbq-progress tr[data-sbq-chapter]").count() == len(CHAPTERS)
    href = page.locator('.sbq-progress tr[data-sbq-chapter="02_bias"] a').get_attribute("href")
    assert href == "02_bias.html#sbq-02-bias"
    page.locator(".sbq-clear").click()
    assert row.inner_text() == "아직 풀지 않음"
    page.reload(wait_until="networkidle")
    assert row.inner_text() == "아직 풀지 않음"
    page.goto(base + "/chapters/02_bias.html", wait_until="networkidle")
    assert page.locator('.sbq-q[data-qid="distance"] input').input_value() == ""
    assert not page.locator('.sbq-q[data-qid="distance"] .sbq-feedback').is_visible()

    assert record.external_requests == []
    assert record.console_errors == []
    assert record.failed_requests == []


@pytest.mark.browser
def test_finished_quiz_shows_as_done_and_can_be_reset(built_book, visit):
    record = visit("chapters/06_epoch_batch.html")
    page = record.page
    right = {"iteration": [0], "memory-split": "4", "iters-keep": "32", "iters-drop": "31",
             "total-mnist": "4,690", "extremes": [0], "double-batch": [1]}
    for qid, value in right.items():
        answer(page, qid, value)
    assert visible_text(page, ".sbq-score") == "다 풀었습니다: 7문항 중 6문항 정답"
    page.goto(page.url.split("/chapters/")[0] + "/chapters/index.html", wait_until="networkidle")
    assert page.locator('tr[data-sbq-chapter="06_epoch_batch"] .sbq-status').inner_text() == "완료: 7문항 중 6문항 정답"
    page.go_back(wait_until="networkidle")
    page.locator(".sb-quiz .sbq-reset").click()
    assert visible_text(page, ".sbq-score") == "아직 채점한 문항이 없습니다."
    assert page.evaluate("localStorage.getItem('studybook:quiz:06_epoch_batch')") is None
    assert record.console_errors == [] and record.external_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_quiz_page_loads_clean(built_book, visit, name):
    record = visit(f"chapters/{name}.html")
    # 채점 스크립트가 준비 표시를 붙일 때까지 기다린다(바쁜 기계에서는 networkidle 뒤에도 늦을 수 있다);
    # 퀴즈가 정말 없거나 준비되지 않으면 여기서 실패한다.
    record.page.wait_for_selector(".sb-quiz[data-sbq-ready='1']", state="attached", timeout=20000)
    quiz = record.page.locator(".sb-quiz")
    assert quiz.count() == 1 and quiz.get_attribute("data-sbq-ready") == "1"
    assert not record.page.locator(".sbq-nojs").is_visible()
    # label 없이 제목으로 가리킨 절도 페이지 안의 절로 이어진다
    hrefs = record.page.eval_on_selector_all(".sbq-see a", "els => els.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("#") and len(h) > 1 for h in hrefs), hrefs
    for h in set(hrefs):
        assert record.page.locator(f'[id="{h[1:]}"]').count() == 1, h
    assert record.external_requests == []
    assert record.console_errors == []


@pytest.mark.browser
def test_quiz_in_a_deck(built_book, visit):
    record = visit("slides/01_linear_regression.html", width=1280, height=720)
    page = record.page
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    total = page.evaluate("Reveal.getTotalSlides()")
    page.evaluate("""() => { const s = document.querySelector('.sb-quiz').closest('section');
                             const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }""")
    page.wait_for_timeout(400)
    assert page.evaluate("Reveal.getSlidePastCount() + 1") == total, "퀴즈는 덱의 마지막 슬라이드여야 합니다"
    root = ".reveal .sb-quiz"
    # 덱에서는 한 번에 한 문항(슬라이드를 넘치지 않게): 다음 단추로 넘긴다
    assert page.locator(f"{root} .sbq-q:visible").count() == 1
    assert page.locator(f"{root} .sbq-page").inner_text() == "1 / 7"

    def show(qid):
        for _ in range(10):
            if page.locator(f'{root} .sbq-q[data-qid="{qid}"]').is_visible():
                return
            page.locator(f"{root} .sbq-next").click()
        pytest.fail(f"덱에서 문항 {qid}까지 넘길 수 없습니다")

    show("grad-direction")
    assert answer(page, "grad-direction", [1], root=root) == "아직 아닙니다."
    assert answer(page, "grad-direction", [0], root=root) == "정답입니다."
    show("total-updates")
    assert answer(page, "total-updates", "299", root=root) == "아직 아닙니다."
    assert answer(page, "total-updates", "300", root=root) == "정답입니다."
    # 덱의 "다시 읽기"는 책의 장 페이지로
    href = page.locator(f'{root} .sbq-q[data-qid="total-updates"] .sbq-see a').get_attribute("href")
    assert href == "../chapters/01_linear_regression.html#linreg-sgd"
    # 발표 화면에서 읽히는 크기(글 18px 이상)와 슬라이드 안에 들어가는 퀴즈 상자
    sizes = page.eval_on_selector_all(
        f"{root} legend, {root} label, {root} .sbq-feedback p, {root} .sbq-page, {root} button",
        "els => els.filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 18, sizes
    # 가장 긴 문항을 펼쳐도 슬라이드를 넘치지 않는다(slides/overflow.js, test_slides가 덱 전체를 잰다)
    overflow = page.evaluate(slides_overflow_js())
    assert [p for p in overflow if p["number"] == total] == [], overflow
    assert record.external_requests == []
    assert record.console_errors == []


# ---------------------------------------------------------------------------
# 만든 노트북(Binder, Colab)


@pytest.fixture(scope="module")
def notebook_site(tmp_path_factory):
    """노트북마다 퀴즈 셀(과 Colab 설정 셀)을 nbclient로 실행하고 HTML로 바꿔 로컬 서버로 띄운다."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    out = tmp_path_factory.mktemp("quiz-notebooks")
    exporter = HTMLExporter(template_name="basic")  # JupyterLab처럼 출력 HTML만: 밖에서 불러오는 틀 없이
    notebooks, cells = {}, []
    for name in CHAPTERS:
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        setup = [c for c in nb.cells if "colab-setup" in c.metadata.get("tags", [])]
        quiz = [c for c in nb.cells if c.cell_type == "code" and QUIZ_IMPORT in c.source]
        assert len(setup) == 1 and len(quiz) == 1, f"notebooks/{name}.ipynb: 설정 셀과 퀴즈 셀이 하나씩 있어야 합니다"
        notebooks[name] = nb
        cells += ([] if cells else setup) + quiz
    # 커널 하나로(시간을 아끼려고): 첫 노트북의 설정 셀, 그리고 여섯 노트북의 퀴즈 셀을 차례로
    runner = nbformat.v4.new_notebook(cells=cells, metadata=notebooks[CHAPTERS[0]].metadata)
    NotebookClient(runner, timeout=120, kernel_name="python3").execute()
    for name, cell in zip(CHAPTERS, runner.cells[1:]):
        assert any("text/html" in o.get("data", {}) for o in cell.outputs), (name, cell.outputs)
        nb = notebooks[name]
        nb.cells = [cell]
        body, _ = exporter.from_notebook_node(nb)
        (out / f"{name}.html").write_text(
            f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,">'
            f"<title>{name}</title></head><body>{body}</body></html>", encoding="utf-8")
    with serve(out) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("name", CHAPTERS)
def test_quiz_works_in_generated_notebook(browser, notebook_site, name):
    quiz = run_quiz_cell(name)
    first = quiz.questions[0]
    context = browser.new_context()
    try:
        page = context.new_page()
        errors, external = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith((notebook_site, "data:", "about:"))
                else external.append(r.url))
        page.goto(f"{notebook_site}/{name}.html", wait_until="load")
        assert page.locator(".sb-quiz").get_attribute("data-sbq-ready") == "1", "채점 스크립트가 돌지 않았습니다"
        value = first.correct if isinstance(first, dq.Choice) else f"{first.answer:g}"
        assert answer(page, first.id, value) == "정답입니다."
        # 노트북에는 label이 없으므로 되짚을 절은 (같은 문서에 없으면) 제목으로 보인다
        assert page.locator(f'.sbq-q[data-qid="{first.id}"] .sbq-see').inner_text().endswith(first.see[1])
        assert errors == [] and external == []
    finally:
        context.close()
