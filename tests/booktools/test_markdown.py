"""하나뿐인 MyST → Markdown 변환(booktools.markdown): 같은 MyST를 덱 설정(SLIDES)과 노트북 설정(NOTEBOOK)에
넣어, 같아야 할 곳은 같고 다른 곳은 :class:`~booktools.markdown.Options`에 적힌 차이만큼만 다른지 본다."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from booktools import markdown, slides
from booktools.cells import NOTES, ON_SLIDE, is_claim, slide_type
from booktools.chapters import chapters, read_notebook
from helpers import ROOT

FRONT = ("---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
         "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n")
CODE = "```{code-cell} ipython3\nprint(1)\n```\n"


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("book")
    (root / "chapters").mkdir()
    (root / "dlkit").mkdir()
    (root / "dlkit" / "losses.py").write_text(
        "def helper():\n    return 1\n\n\ndef squared_loss(y_hat, y):\n    return 0.5\n", encoding="utf-8")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/01_other\nchapters:\n  - file: chapters/02_x\n", encoding="utf-8")
    (root / "chapters" / "01_other.md").write_text(
        FRONT + "# 다른 장\n\n(sec-other)=\n## 다른 절\n\n```{exercise} 남의 문제\n:label: ex-other\n\n풀기\n```\n\n"
        + CODE, encoding="utf-8")
    (root / "chapters" / "02_x.md").write_text(FRONT + "# 이 장\n\n(sec-here)=\n## 여기 절\n\n" + CODE,
                                                encoding="utf-8")
    return root


def convert(book: Path, options: markdown.Options, text: str) -> str:
    converter = markdown.Converter(book / "chapters" / "02_x.md", book, markdown.build_index(book), options)
    return converter.convert(text, "02_x.md, 셀 #3 (소스 12번째 줄)")


# (이름, MyST, 두 설정 모두의 결과)
SAME = [
    ("term", "{term}`편향 <bias>`을 더한다", "**편향**을 더한다"),
    # CommonMark: `)**` 뒤에 한국어 조사가 오면 **가 닫히지 않는다(글자 그대로 ** 가 보인다) → 괄호를 밖으로
    ("term_parenthesis_then_particle", "{term}`편향(bias) <편향>`을 더한다", "**편향(bias**)을 더한다"),
    ("term_parenthesis_then_space", "{term}`편향(bias) <편향>` 더하기", "**편향(bias)** 더하기"),
    ("term_in_heading", "## {term}`편향` 알아보기", "## 편향 알아보기"),
    ("code_span_untouched", "코드 `{term}`x`` 그대로", "코드 `{term}`x`` 그대로"),
    ("note", ":::{note}\n조심 {term}`가중치`\n:::", "> **참고**\n>\n> 조심 **가중치**"),
    ("note_argument_is_body", "```{tip} 첫 문단\n둘째\n```", "> **팁**\n>\n> 첫 문단\n>\n> 둘째"),
    ("titled_admonition", "```{admonition} 잠깐\n:class: tip\n내용\n```", "> **잠깐**\n>\n> 내용"),
    ("dropped", "앞\n\n```{toctree}\n:hidden:\nchapters/a\n```\n\n뒤", "앞\n\n뒤"),
    ("math_block", "```{math}\n:label: eq-z\nz = wx + b\n```", "$$\nz = wx + b\n$$"),
    ("dollar_math_label", "$$\nz = wx\n$$ (eq-z)", "$$\nz = wx\n$$"),
    ("math_role", "식 {math}`w^2`", "식 $w^2$"),
    ("glue", "값은 {glue:text}`loss:.3f`", "값은 `loss`"),
    ("labels_and_comments", "(sec-y)=\n% DEMO: 여기\n본문", "본문"),
    ("literalinclude", "```{literalinclude} ../dlkit/losses.py\n:pyobject: squared_loss\n```",
     "(dlkit 소스 `dlkit/losses.py`의 `squared_loss`)\n\n```python\ndef squared_loss(y_hat, y):\n"
     "    return 0.5\n```"),
    ("exercise", "```{exercise} 첫 문제\n:label: ex-1\n풀어 보세요.\n```\n\n```{solution-start} ex-1\n```\n\n"
     "답\n\n```{solution-end}\n```", "### 연습 문제 1: 첫 문제\n\n풀어 보세요.\n\n#### 풀이 (연습 문제 1)\n\n답"),
    ("ref_same_chapter", "{ref}`sec-here`을 보세요", "여기 절을 보세요"),
    ("explicit_ref_unresolved", "{ref}`저기 <sec-nowhere>`", "저기"),
    ("kbd", "{kbd}`Space` 키", "<kbd>Space</kbd> 키"),
    ("plain_code_block", "```python\n{term}`x`\n```", "```python\n{term}`x`\n```"),
]

# (이름, MyST, 노트북 결과, 덱 결과): 차이는 Options의 link_chapters / relocate_paths 때문
DIFFERENT = [
    ("doc_other_chapter", "{doc}`01_other` 장을 보세요", "[다른 장](01_other.ipynb) 장을 보세요", "다른 장 장을 보세요"),
    ("numref_other", "{numref}`sec-other`에서", "[다른 절](01_other.ipynb)에서", "다른 절에서"),
    ("ref_other_exercise", "{ref}`ex-other` 참고", "[다른 장의 연습 문제 1](01_other.ipynb) 참고",
     "다른 장의 연습 문제 1 참고"),
    ("figure_path", "```{figure} images/fig.png\n:alt: 그림\n설명\n```",
     "![그림](../chapters/images/fig.png)\n\n*설명*", "![그림](images/fig.png)\n\n*설명*"),
    ("md_link_path", "[장](01_other.md)과 ![x](images/a.png)", "[장](01_other.ipynb)과 ![x](../chapters/images/a.png)",
     "[장](01_other.md)과 ![x](images/a.png)"),
]

# (이름, MyST, 노트북 결과, 덱 오류 메시지 정규식): Options.strict 때문
UNCONVERTIBLE = [
    ("unknown_role", "{foo}`바`라는 역할", "바라는 역할", r"\{foo\}`바`"),
    ("unresolved_ref", "{ref}`sec-nowhere` 참고", "sec-nowhere 참고", r"\{ref\}`sec-nowhere`"),
    ("unresolved_doc", "{doc}`99_none`", "99_none", r"\{doc\}`99_none`"),
    ("unknown_directive", "```{tab-item-x} 탭\n내용\n```", "**탭**\n\n내용", r"\{tab-item-x\}"),
    ("unclosed", "```{note}\n닫지 않음", "> **참고**\n>\n> 닫지 않음", r"닫히지 않았습니다"),
    ("missing_include", "```{literalinclude} ../dlkit/none.py\n```", "*(소스 파일 `dlkit/none.py`을 찾을 수 없습니다.)*",
     r"dlkit/none\.py"),
]


@pytest.mark.parametrize("name,text,expected", SAME, ids=[c[0] for c in SAME])
def test_same_in_both(book, name, text, expected):
    assert convert(book, markdown.NOTEBOOK, text) == expected
    assert convert(book, markdown.SLIDES, text) == expected


@pytest.mark.parametrize("name,text,notebook,deck", DIFFERENT, ids=[c[0] for c in DIFFERENT])
def test_documented_differences(book, name, text, notebook, deck):
    assert convert(book, markdown.NOTEBOOK, text) == notebook
    assert convert(book, markdown.SLIDES, text) == deck


@pytest.mark.parametrize("name,text,notebook,error", UNCONVERTIBLE, ids=[c[0] for c in UNCONVERTIBLE])
def test_unconvertible_raises_only_when_strict(book, name, text, notebook, error):
    assert convert(book, markdown.NOTEBOOK, text) == notebook
    with pytest.raises(markdown.ConversionError, match=r"^02_x\.md, 셀 #3 \(소스 12번째 줄\): .*" + error):
        convert(book, markdown.SLIDES, text)


def test_each_difference_comes_from_its_option(book):
    """음성 대조: 옵션 하나만 바꾸면 그 차이만 생긴다(설정 이름이 아니라 옵션 값이 결과를 정한다)."""
    links_only = markdown.Options(link_chapters=True, relocate_paths=False, strict=True)
    assert convert(book, links_only, "{doc}`01_other`") == "[다른 장](01_other.ipynb)"
    assert convert(book, links_only, "![x](images/a.png)") == "![x](images/a.png)"
    lenient_deck = markdown.Options(link_chapters=False, relocate_paths=False, strict=False)
    assert convert(book, lenient_deck, "{foo}`바`") == "바"
    # 변환이 아무것도 하지 않는 가짜라면 이 표가 잡는다: 같아야 할 칸이 입력 그대로가 아니다
    changed = [name for name, text, expected in SAME if expected != text]
    assert len(changed) >= len(SAME) - 2


@pytest.mark.parametrize("before,text,after,bold_part", [
    ("", "편향(bias)", "을 더한다", "편향(bias"), ("", "편향(bias)", " 더하기", "편향(bias)"),
    ("", "편향", "은", "편향"), ("값", "(x)", "보기", "x"), ("값 ", "(x)", " 보기", "(x)")])
def test_bold_really_renders_bold(before, text, after, bold_part):
    """:func:`~booktools.markdown.bold`가 만든 글을 덱의 렌더러(nbconvert의 mistune)로 그려 본다: 글은 모두
    그대로 보이고 ** 는 남지 않는다."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    html = markdown2html_mistune(before + markdown.bold(text, before[-1:], after[:1]) + after)
    assert f"<strong>{bold_part}</strong>" in html and "**" not in html
    assert re.sub(r"</?(p|strong)>|\n", "", html) == before + text + after
    if bold_part != text:
        # 음성 대조: 이 자리에 그냥 **를 쓰면 렌더러가 굵게 하지 않고 ** 를 글자로 남긴다
        naive = markdown2html_mistune(f"{before}**{text}**{after}")
        assert "**" in naive and "<strong>" not in naive


def test_deck_numbers_exercises_across_book_only_cells(book, tmp_path):
    """덱은 슬라이드 셀만 바꾸지만 연습 문제 번호는 책 전용 셀까지 센다(노트북과 같은 번호)."""
    source = tmp_path / "t.md"
    source.write_text(
        FRONT + "# 제목\n\n```{exercise} 책에만\n:label: ex-a\n문제\n```\n\n"
        '+++ {"slideshow": {"slide_type": "slide"}}\n\n```{exercise} 발표에도\n:label: ex-b\n문제\n```\n\n'
        "```{solution-start} ex-b\n```\n\n풀이\n\n```{solution-end}\n```\n", encoding="utf-8")
    nb = slides.read_source_notebook(source)
    deck, _ = slides.slide_notebook(nb, "t.md", slides.slide_converter(book, source))
    assert deck.cells[0].source.startswith("### 연습 문제 2: 발표에도")
    assert "#### 풀이 (연습 문제 2)" in deck.cells[0].source


def test_deck_error_names_chapter_cell_line_and_rule(tmp_path):
    source = tmp_path / "t.md"
    source.write_text(FRONT + '+++ {"slideshow": {"slide_type": "slide"}}\n\n# 제목\n\n{foo}`바`\n', encoding="utf-8")
    nb = slides.read_source_notebook(source)
    with pytest.raises(slides.SlideError, match=r"^t\.md, 셀 #0 \(소스 \d+번째 줄\): .*\{foo\}.*팀 규칙"):
        slides.slide_notebook(nb, "t.md")


@pytest.mark.parametrize("chapter", chapters(ROOT), ids=lambda ch: ch.name)
def test_real_slide_cells_render_as_in_the_notebook(chapter):
    """실제 장의 슬라이드 셀: 덱의 글 = 노트북의 글에서 장 노트북 링크를 제목 글로 바꾼 것."""
    source = chapter.path(ROOT)
    index = markdown.build_index(ROOT)
    deck = markdown.Converter(source, ROOT, index, markdown.SLIDES)
    notebook = markdown.Converter(source, ROOT, index, markdown.NOTEBOOK)
    checked = 0
    for number, cell in enumerate(read_notebook(source).cells):
        if cell.cell_type != "markdown" or is_claim(cell):
            continue
        nb_text = notebook.convert(cell.source)
        if slide_type(cell) not in ON_SLIDE and slide_type(cell) != NOTES:
            deck.skip(cell.source)
            continue
        deck_text = deck.convert(cell.source, f"{chapter.source}, 셀 #{number}")
        assert deck_text == re.sub(r"\[([^\]]*)\]\([\w.-]+\.ipynb(?:#[^)]*)?\)", r"\1", nb_text)
        checked += 1
    assert checked, f"{chapter.name}: 슬라이드 셀이 없습니다"


@pytest.mark.parametrize("options, expected", [
    ("start-at: def squared_loss", "def squared_loss(y_hat, y):\n    return 0.5"),
    ("start-after: def squared_loss", "    return 0.5"),
    ("end-at: return 1", "def helper():\n    return 1"),
    ("end-before: return 1", "def helper():"),
])
def test_literalinclude_ranges_mean_what_sphinx_means(book, options, expected):
    """start-at/end-at은 그 줄을 넣고 start-after/end-before는 뺀다(Sphinx literalinclude와 같다).
    예전에는 start-at을 몰라서 노트북의 train 반복문이 함수 머리부터, 글자가 잘린 채 들어갔다."""
    text = f"```{{literalinclude}} ../dlkit/losses.py\n:{options}\n```"
    for preset in (markdown.NOTEBOOK, markdown.SLIDES):
        out = convert(book, preset, text)
        body = out.split("```python\n", 1)[1].rsplit("\n```", 1)[0]
        assert body == expected, (options, out)


def test_a_missing_range_line_is_reported_not_ignored(book):
    text = "```{literalinclude} ../dlkit/losses.py\n:start-at: 없는 줄\n```"
    with pytest.raises(markdown.ConversionError, match="start-at"):
        convert(book, markdown.SLIDES, text)


# ---- {numref}: 사이트와 같은 번호

def _figure_cell(name: str) -> str:
    return ("```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    caption: 설명\n"
            f"    name: {name}\n---\nprint(1)\n```\n")


@pytest.fixture(scope="module")
def numbered_book(tmp_path_factory) -> Path:
    """번호 없는 안내 장(a) 하나와 번호 붙은 장 둘(b = 1장, c = 2장): Sphinx numfig의 규칙을 작게 재현."""
    root = tmp_path_factory.mktemp("numbered")
    (root / "chapters").mkdir()
    (root / "dlkit").mkdir()
    (root / "dlkit" / "m.py").write_text("x = 1\n", encoding="utf-8")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/00_a\nparts:\n  - caption: 시작\n    chapters:\n      - file: chapters/00_z\n"
        "  - caption: 본문\n    numbered: true\n    chapters:\n      - file: chapters/01_b\n      - file: chapters/02_c\n",
        encoding="utf-8")
    (root / "chapters" / "00_a.md").write_text(
        FRONT + "# 안내\n\n```{figure} x.png\n이름 없는 그림\n```\n\n" + CODE, encoding="utf-8")
    (root / "chapters" / "00_z.md").write_text(
        FRONT + "# 덧붙임\n\n```{figure} y.png\n:name: fig-z\n이름 있는 그림\n```\n\n" + CODE, encoding="utf-8")
    (root / "chapters" / "01_b.md").write_text(
        FRONT + "# 첫 장\n\n" + _figure_cell("fig-b-one")
        + "\n```python\n```{figure} 코드 울타리 안은 세지 않는다\n```\n\n"
        + "```{literalinclude} ../dlkit/m.py\n```\n\n"  # 캡션 없는 코드: 번호 없음
        + "```{literalinclude} ../dlkit/m.py\n:caption: m.py\n:name: code-b\n```\n\n"
        + "```{figure} z.png\n:name: fig-b-two\n두 번째\n```\n\n"
        + "```{exercise} 문제\n:label: ex-b\n풀기\n```\n", encoding="utf-8")
    (root / "chapters" / "02_c.md").write_text(
        FRONT + "# 둘째 장\n\n```{figure} w.png\n앞\n```\n\n" + _figure_cell("fig-c") + "\n" + CODE, encoding="utf-8")
    return root


def test_numbers_follow_sphinx_numfig(numbered_book):
    """장마다 종류별로 새로 센다(이름 없는 요소도 번호를 차지한다), 번호 없는 문서들은 카운터 하나를 나눠 쓴다."""
    numbers = {label: (kind, number) for label, (_, kind, number) in markdown.number_targets(numbered_book).items()}
    assert numbers == {"fig-z": ("figure", "2"), "fig-b-one": ("figure", "1.1"), "code-b": ("code-block", "1.1"),
                       "fig-b-two": ("figure", "1.2"), "ex-b": ("exercise", "1.1"), "fig-c": ("figure", "2.2")}


@pytest.mark.parametrize("text,notebook,deck", [
    ("{numref}`fig-b-two`의 오른쪽", "그림 1.2의 오른쪽", "그림 1.2의 오른쪽"),
    ("({numref}`Fig. %s <fig-b-one>`)", "(Fig. 1.1)", "(Fig. 1.1)"),
    ("{numref}`{number}번 그림 <fig-b-one>`", "1.1번 그림", "1.1번 그림"),
    ("{numref}`{number}: {name} <fig-b-two>`", "1.2: 두 번째", "1.2: 두 번째"),
    ("{numref}`code-b`와 {numref}`ex-b`", "코드 1.1와 연습 1.1", "코드 1.1와 연습 1.1"),
    ("{numref}`fig-c` 보기", "[그림 2.2](02_c.ipynb) 보기", "그림 2.2 보기"),
    ("{numref}`fig-z` 보기", "[그림 2](00_z.ipynb) 보기", "그림 2 보기"),
])
def test_numref_renders_the_site_number(numbered_book, text, notebook, deck):
    index = markdown.build_index(numbered_book)
    source = numbered_book / "chapters" / "01_b.md"
    assert markdown.Converter(source, numbered_book, index, markdown.NOTEBOOK).convert(text) == notebook
    assert markdown.Converter(source, numbered_book, index, markdown.SLIDES).convert(text) == deck


def test_real_book_numrefs_all_resolve_to_numbers():
    """실제 장의 {numref}는 모두 번호 붙는 요소를 가리킨다: 노트북에 label 이름이 남지 않는다."""
    index = markdown.build_index(ROOT)
    refs = set()
    for chapter in chapters(ROOT):
        refs |= set(re.findall(r"\{numref\}`(?:[^`<]*<)?([\w-]+)>?`", chapter.path(ROOT).read_text(encoding="utf-8")))
    assert refs, "책에 {numref}가 하나도 없습니다"
    missing = sorted(r for r in refs if not (r in index.labels and index.labels[r].number))
    assert not missing, f"번호를 찾지 못한 {{numref}} 대상: {missing}"
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        text = "".join("".join(c["source"]) for c in __import__("json").loads(notebook.read_text(encoding="utf-8"))["cells"]
                       if c["cell_type"] == "markdown")
        assert not re.search(r"\{numref\}|\((?:fig|ex)-[\w-]+\)|\b(?:fig|ex)-[\w-]+의", text), notebook.name


@pytest.mark.build
def test_numbers_match_the_built_site(built_book):
    """번호 붙는 요소 모두(label이 있는 것): 변환기의 번호 = 빌드한 사이트가 그 요소의 캡션에 쓴 번호
    (<span class="caption-number">그림 4.3 </span>, label은 그 요소의 id)."""
    index = markdown.build_index(built_book.root)
    expected = {label: markdown.numref_title("", t) for label, t in index.labels.items() if t.number}
    assert any(label.startswith("fig-") for label in expected)
    found = {}
    for page in (built_book.html / "chapters").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'id="([\w-]+)"', html):
            if m.group(1) in expected and index.labels[m.group(1)].doc == page.stem:
                caption = re.search(r'<span class="caption-number">([^<]*?)\s*</span>', html[m.end():])
                found[m.group(1)] = caption.group(1).strip() if caption else None
    assert found == expected
