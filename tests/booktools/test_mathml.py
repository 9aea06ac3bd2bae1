"""빌드 때의 수식 변환(booktools/sphinxext/mathml.py): latex2mathml의 결과를 MathML Core 브라우저에 맞게 고친 것.

각 고침마다 음성 대조로 latex2mathml을 그대로 쓴 결과가 정말 틀린 꼴인지 함께 본다(업스트림이 고치면 이 검사가
알려 주고, 그때 고침을 뺄 수 있다). 브라우저에서 그려진 모양은 tests/site/test_site_pages.py가 본다.
"""
from __future__ import annotations

import re
from xml.etree.ElementTree import fromstring

import pytest
from docutils import nodes
from latex2mathml.converter import convert

from booktools import search
from booktools.sphinxext import mathml
from booktools.vendor import ASSETS
from helpers import ROOT

NS = "{http://www.w3.org/1998/Math/MathML}"


def tree(tex: str, display: bool = False):
    return fromstring(mathml.to_mathml(tex, display=display, where="chapters/x:1"))


def test_hat_is_a_small_accent_not_ascii_caret():
    raw = convert(r"\hat{y}")
    assert "<mo>&#x0005E;</mo>" in raw   # 음성 대조: latex2mathml 3.81은 ASCII ^
    mo = tree(r"\hat{y} = X\hat{\mathbf{w}}").findall(f".//{NS}mover/{NS}mo")
    assert [m.text for m in mo] == ["\u02c6", "\u02c6"] and all(m.get("stretchy") == "false" for m in mo)


@pytest.mark.parametrize("tex, char", [
    (r"\boldsymbol{\theta}", "𝜽"), (r"\mathbf{1}", "𝟏"), (r"\mathcal{B}", "ℬ"), (r"\mathbf{y}", "𝐲"),
])
def test_math_variants_become_math_letters(tex, char):
    raw = convert(tex)
    el = tree(tex)
    assert char in "".join(el.itertext())
    assert not [e for e in el.iter() if e.get("mathvariant") not in (None, "normal")]
    if "mathvariant" in raw:   # 음성 대조: 속성으로만 굵게 한 꼴(MathML Core는 무시한다)
        assert char not in raw


def test_underbrace_is_a_css_bracket_over_the_whole_base():
    raw = convert(r"\underbrace{a+b}_{\text{합}}")
    assert "&#x23DF;" in raw   # 음성 대조: 늘어나야 하는 ⏟ 글자
    el = tree(r"z = \underbrace{w_1 x_1 + w_2 x_2}_{\text{가중합}} + b")
    brace = [e for e in el.iter() if e.get("class") == mathml.UNDERBRACE_CLASS]
    assert len(brace) == 1 and "\u23df" not in "".join(el.itertext())
    assert "".join(brace[0].itertext()).count("+") == 1        # 묶은 식 전부(w₁x₁ + w₂x₂)가 괄호 안에
    css = (ROOT / "booktools/theme/static" / mathml.CSS).read_text(encoding="utf-8")
    assert f".{mathml.UNDERBRACE_CLASS}" in css


def test_aligned_reads_as_a_table_with_css_alignment():
    tex = r"\begin{aligned} m_t &= a, & v_t &= b \\ \hat m_t &= c \end{aligned}"
    assert "<mi>&</mi>" in convert(tex, display="block")   # 음성 대조: latex2mathml은 aligned를 모른다
    el = tree(tex, display=True)
    cells = el.findall(f".//{NS}mtd")
    assert len(el.findall(f".//{NS}mtr")) == 2 and len(cells) == 6
    styles = [c.get("style", "") for c in cells]
    assert all("text-align" in s and "padding-left" in s for s in styles), styles
    assert styles[0].startswith("text-align: right") and styles[1].startswith("text-align: left")
    assert "padding-left: 2em" in styles[2]   # 두 식 사이의 간격(align의 columnspacing)
    assert not [c for c in cells if c.get("columnalign")]


def test_block_rules_match_sphinx():
    one = nodes.math_block("a = b \\\\ c = d", "a = b \\\\ c = d", nowrap=False, number=None)
    assert mathml.block_tex(one).startswith(r"\begin{split}")
    two = nodes.math_block("a = b\n\nc = d", "a = b\n\nc = d", nowrap=False, number=None)
    assert mathml.block_tex(two) == r"\begin{align*}a = b\\c = d\end{align*}"
    assert tree(mathml.block_tex(two), display=True).findall(f".//{NS}mtr")


@pytest.mark.parametrize("tex, says", [
    (r"\frac{1}{2", "중괄호 짝"),
    (r"a & b", "정렬 기호 &"),
    (r"\text{a<b}", "MathML로 바꾸지 못했습니다"),
])
def test_bad_math_fails_the_build_with_a_korean_message(tex, says):
    with pytest.raises(mathml.MathSyntaxError) as err:
        mathml.to_mathml(tex, display=False, where="chapters/04_optim:12")
    assert says in str(err.value) and "chapters/04_optim:12" in str(err.value)


def test_math_css_names_the_vendored_font():
    css = (ROOT / "booktools/theme/static" / mathml.CSS).read_text(encoding="utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls == [ASSETS["math_font"]]   # CSS는 _static/ 바로 아래: 경로가 자산 표와 같다
    assert (ROOT / "_vendor" / ASSETS["math_font"]).is_file()


def font_chars(data: bytes) -> set[str]:
    import io

    from fontTools.ttLib import TTFont
    return {chr(c) for c in TTFont(io.BytesIO(data)).getBestCmap()}


def test_font_subset_keeps_the_asked_letters_and_the_math_table():
    source = ROOT / "_vendor" / ASSETS["math_font"]
    full = font_chars(source.read_bytes())
    out = mathml.subset_math_font(source, "𝐰∑≤α")
    import io

    from fontTools.ttLib import TTFont
    font = TTFont(io.BytesIO(out))
    assert set("𝐰∑≤α") <= font_chars(out) <= full
    assert "MATH" in font and font.flavor == "woff"
    assert "𝐱" not in font_chars(out)                    # 대조군: 묻지 않은 글자는 빠진다
    assert len(out) < source.stat().st_size / 10
    # 늘임 모양: ∑의 큰 모양(수식 표의 변형)이 남아 있다
    variants = font["MATH"].table.MathVariants
    assert variants is not None and variants.VertGlyphCount > 0
    assert out == mathml.subset_math_font(source, "𝐰∑≤α"), "같은 입력에서 다른 바이트(빌드마다 글꼴이 바뀐다)"


def test_math_text_reads_every_page_and_decodes_entities(tmp_path):
    (tmp_path / "a.html").write_text('<p>x</p><math><mi>&#x1D430;</mi><mo>&#x02211;</mo></math>', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text('<span><math><mi>α</mi></math></span> 본문 글자 β', encoding="utf-8")
    text = mathml.math_text(tmp_path)
    assert {"𝐰", "∑", "α"} <= set(text) and "β" not in text and "x" not in text


def test_search_reads_inline_math_as_text():
    markup = mathml.to_mathml(r"\hat{y} = \mathbf{w}^\top \mathbf{x} + b", display=False)
    page = f'<p>모델 <span class="math notranslate nohighlight" data-tex="\\hat{{y}} = \\mathbf{{w}}^\\top \\mathbf{{x}} + b">{markup}</span>의 b</p>'
    out = search.indexable_html("chapters/x.html", page)
    assert "<math" not in out and '<span class="studybook-math">ŷ = wᵀ x + b</span>' in out
