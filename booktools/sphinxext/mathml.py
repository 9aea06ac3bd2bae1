"""수식을 빌드할 때 MathML로 바꾼다: 페이지가 열릴 때 조판하지 않으므로 글이 밀리지 않는다.

전에는 MathJax 3(1.2 MB 스크립트 + CHTML 글꼴)가 페이지를 연 뒤 약 2.5초에 첫 화면의 인라인 수식을
조판하면서 그 아래 글을 20~75 px 밀었다(레이아웃 이동 CLS: 활성화 함수 장 0.21, 선형 회귀 장 0.11;
목표 0.1 이하). 공간을 CSS로 미리 잡아 두는 시도는 장마다 결과가 엇갈렸다. 이제는 Sphinx의 수식 렌더러
자리(``html_math_renderer``)에 이 모듈을 두어, 빌드가 ``latex2mathml``로 LaTeX를 MathML Core로
바꿔 HTML에 그대로 쓴다. Chromium 109+, Firefox, Safari가 MathML을 직접 그린다.

- 글꼴: 수식용 OpenType MATH 표가 있는 Noto Sans Math(본문의 고딕체와 어울리는 산세리프)를 수식이 있는
  페이지에서만 미리 불러온다(preload). 전체 글꼴(`_vendor/noto-sans-math/`, 256 KB)은 모바일 첫 화면의
  LCP를 늦췄다(Lighthouse 모바일, 편향 장: MathJax 때 3.4초 → 전체 글꼴 preload 5.1초). 그래서 빌드 끝에
  사이트의 수식에 실제로 쓰인 글자(와 그 글자의 늘임 모양, MATH 표)만 남긴 부분 글꼴을 같은 자리에 쓴다
  (:func:`subset_math_font`, fontTools: matplotlib이 이미 쓰는 라이브러리). 수식 안의 한글(``\\text{…}``)은
  본문 글꼴로 그린다.
- 따로 선 수식은 제 상자 안에서 가로로 스크롤된다(390 px 화면에서 페이지가 옆으로 밀리지 않게).
- 원래 LaTeX는 ``data-tex``에 남긴다: 검색 색인(:mod:`booktools.search`)이 발췌용 글자로 쓴다.
- 덱(nbconvert, :mod:`booktools.slides`)은 여전히 MathJax를 쓴다(별도 경로).
"""
from __future__ import annotations

import html
import io
import re
import unicodedata
from pathlib import Path
from xml.etree.ElementTree import Element, fromstring, tostring
from xml.sax.saxutils import unescape

from docutils import nodes
from latex2mathml.converter import convert_to_element
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number

from booktools.vendor import ASSETS, VENDOR_DIR

RENDERER = "mathml"
FONT = ASSETS["math_font"]
CSS = "studybook-math.css"   # booktools/theme/static/


class MathSyntaxError(ValueError):
    """latex2mathml이 읽지 못한 수식: 어느 문서의 어떤 수식인지 한국어로 알린다."""


# latex2mathml 3.81의 결과 가운데 MathML Core 브라우저(Chromium 156에서 확인)가 TeX와 다르게 그리는 것을 고친다.
# 1) \hat의 악센트가 ASCII ^(U+005E)다: 글자 위가 아니라 비스듬히 옆에 찍힌다. MathJax처럼 U+02C6으로.
HAT, HAT_CORE = "&#x0005E;", "&#x002C6;"
# 2) \underbrace의 ⏟(U+23DF)를 Chromium이 밑의 식 폭만큼 다 늘이지 못해 괄호가 식의 일부만 덮는다(가중합이
#    w₁x₁을 빼고 묶인 것처럼 보였다). 괄호를 글자 대신 CSS 테두리(studybook-math.css의 .studybook-underbrace)로.
UNDERBRACE = "&#x23DF;"
UNDERBRACE_CLASS = "studybook-underbrace"
# 3) \boldsymbol, \mathbf{1}, \mathcal 등을 mathvariant="bold-italic" 같은 속성으로 쓴다: MathML Core는
#    mathvariant="normal"만 안다(다른 값은 무시돼 굵은 𝜽가 그냥 θ로 보였다). 수학용 유니코드 글자로 바꾼다.
# 4) 표(align*, split, cases)의 칸 정렬과 칸 사이 간격을 columnalign·columnspacing 속성으로 쓴다: MathML Core에는
#    그 속성이 없어 Chromium이 모든 칸을 가운데에 맞추고 칸마다 0.4em씩 띄웠다(Adam 식의 =가 줄마다 어긋났다).
#    같은 뜻의 CSS(text-align, padding)를 칸마다 style로 적는다.
VARIANT_NAMES = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC", "script": "SCRIPT",
                 "bold-script": "BOLD SCRIPT", "double-struck": "DOUBLE-STRUCK", "fraktur": "FRAKTUR",
                 "sans-serif": "SANS-SERIF", "monospace": "MONOSPACE"}
ENTITY = re.compile(r"&#x([0-9A-Fa-f]+);")


def _styled_char(ch: str, variant: str) -> str:
    """``ch``의 수학용 글자(예: bold-italic θ → 𝜽). 없으면 KeyError."""
    name = unicodedata.name(ch)                      # "GREEK SMALL LETTER THETA", "DIGIT ONE", "LATIN CAPITAL LETTER B"
    name = name.replace("LATIN ", "").replace("GREEK SMALL LETTER", "SMALL").replace("GREEK CAPITAL LETTER", "CAPITAL")
    name = name.replace("SMALL LETTER", "SMALL").replace("CAPITAL LETTER", "CAPITAL")
    style = VARIANT_NAMES[variant]
    for candidate in (f"MATHEMATICAL {style} {name}", f"{style} {name}"):  # 𝐲, 𝟏 / ℬ(글자꼴 기호 블록)
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    raise KeyError(candidate)


def _restyle(el: Element) -> None:
    variant = el.get("mathvariant")
    if variant not in VARIANT_NAMES or not el.text:
        return
    text = ENTITY.sub(lambda m: chr(int(m[1], 16)), el.text)
    try:
        styled = "".join(ch if ch.isspace() else _styled_char(ch, variant) for ch in text)
    except (KeyError, ValueError):
        return   # 그 모양의 글자가 없으면(예: 굵은 기호) 그대로 둔다
    el.text = "".join(c if ord(c) < 128 else f"&#x{ord(c):05X};" for c in styled)
    del el.attrib["mathvariant"]


def core_mathml(math: Element) -> Element:
    """latex2mathml이 만든 요소 나무를 MathML Core 브라우저가 TeX처럼 그리게 제자리에서 고친다."""
    for parent in list(math.iter()):
        for i, child in enumerate(list(parent)):
            if (child.tag == "munder" and len(child) == 2 and child[1].tag == "mo"
                    and child[1].text == UNDERBRACE):
                brace = Element("mrow", {"class": UNDERBRACE_CLASS})
                brace.append(child[0])
                parent.remove(child)
                parent.insert(i, brace)
            elif (child.tag == "mover" and child.get("accent") == "true" and len(child) == 2
                    and child[1].tag == "mo" and child[1].text == HAT):
                child[1].text = HAT_CORE
                child[1].set("stretchy", "false")
    for el in math.iter():
        if el.tag in ("mi", "mn", "mo"):
            _restyle(el)
        elif el.tag == "mtable":
            _table_layout(el)
    return math


def _table_layout(table: Element) -> None:
    spacing = table.attrib.pop("columnspacing", "").split()
    for row in table.iter("mtr"):
        for j, cell in enumerate(row.findall("mtd")):
            rules = []
            align = cell.attrib.pop("columnalign", None)
            if align in ("left", "right", "center"):
                rules.append(f"text-align: {align}")
            if spacing:
                gap = "0" if j == 0 else spacing[min(j - 1, len(spacing) - 1)]
                rules.append(f"padding-left: {gap}; padding-right: 0")
            if rules:
                cell.set("style", "; ".join(rules))


def to_mathml(tex: str, *, display: bool, where: str = "") -> str:
    """LaTeX 한 조각 → ``<math>`` 요소(문자열)."""
    if _unbalanced(tex):
        raise MathSyntaxError(f"{where}: 수식의 중괄호 짝이 맞지 않습니다: {tex!r}. "
                              "여는 {와 닫는 }의 수를 맞추세요(글자 그대로의 중괄호는 \\{, \\}).")
    # latex2mathml 3.81은 amsmath의 aligned를 모른다(& 를 글자로 찍는다). 같은 모양인 align*로 읽힌다.
    tex = ALIGNED.sub(r"\\\1{align*}", tex)
    try:
        tree = core_mathml(convert_to_element(tex.strip(), display="block" if display else "inline"))
        markup = unescape(tostring(tree, encoding="unicode"))   # latex2mathml.convert()와 같은 직렬화
    except Exception as exc:  # latex2mathml은 여러 종류의 예외를 던진다
        raise _unreadable(tex, where, exc) from exc
    if "<mi>&</mi>" in markup:
        raise MathSyntaxError(
            f"{where}: 정렬 기호 &를 읽는 환경이 아닙니다: {tex!r}. latex2mathml이 아는 환경"
            "(align*, split, cases, matrix, array)으로 감싸세요.")
    try:
        fromstring(markup)   # 잘 짜인 XML인지(\text{a<b}처럼 풀린 <가 HTML을 깨지 않게)
    except Exception as exc:
        raise _unreadable(tex, where, exc) from exc
    return markup


def _unreadable(tex: str, where: str, exc: Exception) -> MathSyntaxError:
    return MathSyntaxError(
        f"{where}: 수식을 MathML로 바꾸지 못했습니다: {tex!r} ({type(exc).__name__}: {exc}). "
        "LaTeX 철자와 괄호 짝을 확인하세요(latex2mathml이 아는 명령만 쓸 수 있습니다).")


ALIGNED = re.compile(r"\\(begin|end)\{aligned\}")


def _unbalanced(tex: str) -> bool:
    depth = 0
    for token in re.findall(r"\\.|[{}]", tex):
        depth += {"{": 1, "}": -1}.get(token, 0)
        if depth < 0:
            return True
    return depth != 0


def _where(self, node) -> str:
    return f"{self.builder.current_docname}:{node.line or '?'}"


def _visit_inline(self, node: nodes.math) -> None:
    tex = node.astext()
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight",
                                   **{"data-tex": tex}))
    self.body.append(to_mathml(tex, display=False, where=_where(self, node)) + "</span>")
    raise nodes.SkipNode


def block_tex(node: nodes.math_block) -> str:
    """Sphinx의 MathJax 렌더러와 같은 규칙: 빈 줄로 나뉜 식은 정렬해 잇고, ``\\\\``가 있으면 여러 줄로."""
    if node["nowrap"]:
        return node.astext()
    parts = [p for p in node.astext().split("\n\n") if p.strip()]
    lines = [p if r"\\" not in p or r"\begin" in p else rf"\begin{{split}}{p}\end{{split}}" for p in parts]
    if len(lines) > 1:
        return r"\begin{align*}" + r"\\".join(lines) + r"\end{align*}"
    return lines[0] if lines else ""


def _visit_block(self, node: nodes.math_block) -> None:
    tex = block_tex(node)
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight",
                                   **{"data-tex": node.astext()}))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(to_mathml(tex, display=True, where=_where(self, node)))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _config_inited(app, config) -> None:
    config.html_math_renderer = RENDERER


def _page_context(app, pagename, templatename, context, doctree) -> None:
    """수식이 있는 페이지에만 수식 CSS와 글꼴 미리 받기(preload)를 넣는다."""
    if app.builder.format != "html" or doctree is None:
        return
    if not app.env.get_domain("math").has_equations(pagename):
        return
    app.builder.add_css_file(CSS)
    font = html.escape(context["pathto"](f"_static/{FONT}", 1))
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="preload" href="{font}" as="font" type="font/woff" crossorigin>')


MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)
TAG = re.compile(r"<[^>]+>")
ALWAYS_KEPT = "0123456789()[]{}|=+−-"
"""사이트에 아직 없어도 남겨 두는 글자(숫자와 흔한 괄호·연산자: 고친 페이지 하나만 다시 쓴 빌드에서도 안전하게)."""


def math_text(html_dir: Path) -> str:
    """``html_dir`` 아래 모든 페이지의 ``<math>`` 안 글자(중복 없이, 정렬)."""
    chars = set(ALWAYS_KEPT)
    for page in html_dir.rglob("*.html"):
        for element in MATH_ELEMENT.findall(page.read_text(encoding="utf-8", errors="replace")):
            chars.update(html.unescape(TAG.sub("", element)))
    return "".join(sorted(ch for ch in chars if not ch.isspace()))


def subset_math_font(source: Path, text: str) -> bytes:
    """전체 글꼴 ``source``에서 ``text``의 글자만 남긴 woff. OpenType MATH 표와 그 글자들의 늘임 모양
    (괄호·∑의 큰 모양, 조각)은 fontTools가 함께 남긴다. 같은 입력이면 같은 바이트(시각을 새로 적지 않는다)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]     # ssty(첨자용 작은 모양) 등 수식 조판이 쓰는 기능 모두
    options.name_IDs = ["*"]            # 저작권·라이선스 이름표를 그대로(OFL)
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out)
    return out.getvalue()


def _write_font_subset(app, exception) -> None:
    """빌드 끝(정적 파일을 복사한 뒤): _static/의 전체 글꼴을 사이트의 수식 글자만 남긴 부분 글꼴로 바꿔 쓴다.
    다시 쓰지 않은 페이지의 수식도 세도록 출력 폴더의 모든 페이지를 본다."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    source = Path(app.confdir) / VENDOR_DIR / FONT
    (outdir / "_static" / FONT).write_bytes(subset_math_font(source, math_text(outdir)))


def setup(app):
    app.add_html_math_renderer(RENDERER, (_visit_inline, None), (_visit_block, None))
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _write_font_subset)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
