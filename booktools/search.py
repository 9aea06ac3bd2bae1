"""빌드된 책(_build/html)에 한국어 검색 색인을 만든다: `python -m booktools search [책 뿌리]`.

덤으로 사이트 밖으로 나가는 링크 목록을 `_build/external-links.txt`에 적는다(접속해 보지는 않는다;
내부 링크와 앵커는 tests/site/test_links.py가 확인한다).

빌드(:mod:`booktools.build`)가 덱 다음 단계로 부른다. 색인 도구는 Pagefind(PyPI `pagefind[bin]`,
실행 파일이 휠에 들어 있어 인터넷이 필요 없다)이다.

- 예전 색인(`pagefind/`)을 먼저 지운다. 지우지 않으면 장을 고쳐도 옛 검색 결과가 남는다.
- 글 본문만 색인한다. `booktools/sphinxext/search.py`가 본문 페이지의 `<article class="bd-article">` 안
  내용을 `data-pagefind-body`로 감싸 두므로, 메뉴·목차·바닥글과 search.html, genindex.html은
  색인에 들어가지 않는다. 제목 옆 `#` 링크, 목차 목록(toctree)도 뺀다.
- 한국어(`ko`)로 고정한다. 형태소 분석(stemming)은 없지만 낱말의 앞부분을 맞추므로 '편향'이
  '편향은'을, '학습률'이 '학습률을'을 찾는다.
"""
from __future__ import annotations

import asyncio
import json
import html
import re
import shutil
from html.parser import HTMLParser
import sys
from pathlib import Path

BODY_MARK = "data-pagefind-body"
SEARCH_JS_SOURCE = Path(__file__).resolve().parent / "search_query.js"   # 검색어 정리 코드(틀): 표를 끼워 pagefind/에 쓴다
SEARCH_JS = "studybook-search.js"
# 본문 안에서도 색인하지 않을 부분. 코드와 셀 출력은 빼서 발췌가 코드로 시작하지 않게 하고,
# 제목(h1~h6)은 남겨 절 단위 결과(앵커)가 생기게 한다.
EXCLUDE_SELECTORS = (
    ".headerlink",          # 제목 옆 '#' 링크
    ".toctree-wrapper",     # 목차 목록: 표지에서 모든 장 제목이 검색되지 않도록
    "div.math",             # 따로 선 수식(\[...\]): 발췌에 LaTeX 원문이 보이지 않도록
    ".cell_input",          # 코드 셀의 코드
    ".cell_output > .output",  # 셀 출력(print 결과, 위젯 자리): 코드와 겹치고 발췌만 어지럽힌다. 같은 출력 칸의
                               # 그림(figure)은 남긴다: 그림 설명(figcaption)은 독자가 읽는 글이다
    "div.highlight",        # 코드 블록(literalinclude 등)
    "pre",
    "[data-pagefind-ignore]",
)
# 용어집·참고 자료는 낱말 정의와 책 제목이 빽빽해 점수가 높게 나온다. 그 낱말을 가르치는 장이
# 먼저 나오도록 이 페이지들의 본문 무게를 낮춘다(Pagefind data-pagefind-weight, 기본 1).
LOW_WEIGHT_PAGES = {"chapters/glossary.html": 0.2, "chapters/references.html": 0.2}

# ── 검색어 정리 표(한 곳) ──────────────────────────────────────────────
# 블로그·d2l-ko에서 흔히 쓰는 다른 표기 → 이 책의 용어. 띄어쓰기만 다른 꼴(경사하강법/경사 하강법)은
# 따로 적지 않는다: 빌드가 책에서 더 많이 쓰는 꼴을 골라 나머지 꼴을 그쪽으로 돌린다.
SYNONYMS = {
    "에폭": "에포크",
    "이폭": "에포크",
    "배치 사이즈": "배치 크기",
    "바이어스": "편향",
    "학습 속도": "학습률",
    "러닝 레이트": "학습률",
    "그래디언트": "기울기",
    "그라디언트": "기울기",
    "경사도": "기울기",
    "드롭 라스트": "drop_last",
    "이터레이션": "반복",
    "옵티마이져": "옵티마이저",
    "시그모이드 함수": "시그모이드",
    "렐루": "ReLU",
    "포워드": "순전파",
    "백프롭": "역전파",
    "인퍼런스": "추론",
}
# 띄어쓰기가 흔들리는 여러 낱말 용어(책이 어느 꼴을 쓰는지는 빌드가 센다)
COMPOUNDS = (
    "경사 하강법", "확률적 경사 하강법", "활성화 함수", "미니 배치", "배치 크기", "선형 회귀",
    "제곱 손실", "정규 방정식", "손실 함수", "계단 함수", "기울기 소실", "평행 이동", "결정 경계",
    "학습 곡선", "가중 합", "신경 망", "딥 러닝", "머신 러닝", "하이퍼 파라미터", "평균 제곱 오차",
)
# 낱말 뒤에 붙는 조사(긴 것부터 맞춘다). 검색어 쪽에서 떼어 낸다(booktools/search_query.js).
PARTICLES = (
    "에서는", "으로는", "이라는", "이라고", "에서", "으로", "이란", "에는", "라는", "이나", "까지", "부터",
    "처럼", "보다", "에게", "이고", "이며",
    "이", "가", "은", "는", "을", "를", "의", "에", "로", "과", "와", "도", "란",
)

# 복습 절의 제목(절 번호를 뗀 글자). 장 안에서 어느 절을 열지 고를 때(search_query.js의 rankSections) 이 절들은
# 그 용어를 가르치는 절이 없을 때만 연다: 용어를 되풀이해 묻고 정리할 뿐 가르치지는 않는다.
REVIEW_HEADINGS = ("정리", "연습 문제", "토론해 볼 질문", "스스로 점검하기")


def _count(text: str, phrase: str) -> int:
    return len(re.findall(re.escape(phrase), text))


def term_forms(texts: list[str]) -> dict[str, str]:
    """검색어 꼴 → 책이 쓰는 꼴. 다른 표기(SYNONYMS)와 띄어쓰기 변형(COMPOUNDS)을 합친다."""
    text = "\n".join(texts)
    forms: dict[str, str] = {}

    def usual(term: str) -> str:
        """띄어 쓴 꼴과 붙여 쓴 꼴 중 책에 더 많이 나오는 꼴."""
        joined = term.replace(" ", "")
        if " " not in term:
            return term
        return joined if _count(text, joined) > _count(text, term) else term

    for term in COMPOUNDS:
        target = usual(term)
        for variant in {term, term.replace(" ", "")}:
            if variant != target:
                forms[variant] = target
    for variant, term in SYNONYMS.items():
        target = forms.get(term, usual(term))
        for v in {variant, variant.replace(" ", "")}:
            forms[v] = target
    return dict(sorted(forms.items()))


# ── 색인할 HTML 다듬기(페이지 자체는 그대로) ────────────────────────────
# Sphinx가 쓴 절: <section id="절 id"> 다음에 제목 <hN>. 절에 이름표(MyST `(label)=`)가 붙으면 Sphinx는 절의 나머지
# id마다 빈 <span id="…"></span>을 제목 앞에 끼운다(예: <section id="act-threshold"> <span id="id2"></span><h2>).
# 그 빈 span들도 건너뛰고 제목까지 맞춘다. 절 id는 제목 옆 '#' 링크와 페이지 목차가 쓰는 id다.
SECTION_HEADING = re.compile(
    r'<section(?P<pre>[^>]*?) id="(?P<id>[^"]+)"(?P<post>[^>]*)>(?P<gap>\s*)'
    r'(?P<targets>(?:<span id="[^"]*"></span>\s*)*)<h(?P<n>[1-6])>')
# 글자 없는 이름표 자리(<span id="…"></span>). Pagefind는 id가 있는 요소마다 앵커를 적으므로 색인할 사본에서는 뺀다.
EMPTY_TARGET = re.compile(r'<span id="[^"]*"></span>')
# 낱말에 붙은 괄호와 인라인 코드: `버리면(<code>drop_last=True</code>)`, 그림 설명의 `경우(drop_last=True)`.
# Pagefind는 공백으로 낱말을 나누고 낱말의 앞부분을 맞춘다. 붙은 채로는 '버리면(drop_last=True)'가 한 낱말이라
# 'drop_last'로 찾을 수 없다(측정: 6.2절 본문과 그림 6.2 설명이 검색되지 않았다). 그래서 색인할 사본에서는 글자
# 바로 뒤의 여는 괄호 앞과, 글자 바로 뒤의 <code> 앞에 공백을 넣는다: '버리면 (drop_last=True)'.
# 괄호는 글(태그 밖)에 있는 것만: 뒤로 '>'보다 '<'가 먼저 나와야 한다(속성 값 안의 괄호는 그대로).
GLUED_BRACKET = re.compile(r'(?P<before>[^\s>(\[{“‘"\'])(?P<open>[(\[])(?=[^<>]*<)')
GLUED_CODE = re.compile(r'(?P<before>[^\s>(\[{“‘"\'])<code\b')
# 빌드가 쓴 인라인 수식(booktools.sphinxext.mathml): <span class="math …" data-tex="LaTeX"><math>…</math></span>
INLINE_MATH = re.compile(r'<span class="math[^"]*" data-tex="(?P<tex>[^"]*)"><math\b.*?</math></span>', re.S)
TEX_WORDS = {
    r"\hat{y}": "ŷ", r"\hat y": "ŷ", r"\sum": "Σ", r"\cdot": "·", r"\times": "×", r"\eta": "η",
    r"\alpha": "α", r"\beta": "β", r"\sigma": "σ", r"\nabla": "∇", r"\partial": "∂", r"\approx": "≈",
    r"\leftarrow": "←", r"\rightarrow": "→", r"\gets": "←", r"\text": "", r"\mathrm": "",
    r"\operatorname": "", r"\mathbb": "", r"\leq": "≤", r"\geq": "≥", r"\neq": "≠",
    r"\infty": "∞", r"\le": "≤", r"\ge": "≥", r"\to": "→", r"\lceil": "⌈", r"\rceil": "⌉", r"\lfloor": "⌊",
    r"\rfloor": "⌋", r"\top": "ᵀ", r"\mathcal{B}": "B", r"\mathbf": "", r"\left": "",
    r"\right": "", r"\,": " ", r"\;": " ", r"\!": "", r"\quad": " ",
}


def tex_to_text(tex: str) -> str:
    """짧은 인라인 수식을 발췌에서 읽을 수 있는 글자로(완벽한 변환이 아니라 흐름이 끊기지 않게)."""
    tex = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", tex)  # \frac{a}{b} → (a)/(b)
    for word in sorted(TEX_WORDS, key=len, reverse=True):
        tex = tex.replace(word, TEX_WORDS[word])
    tex = re.sub(r"\\[A-Za-z]+", "", tex)        # 나머지 명령은 버린다
    tex = tex.replace("{", "").replace("}", "").replace("^", "").replace("_", "")
    return re.sub(r"\s+", " ", tex).strip()


def indexable_html(rel: str, source: str) -> str:
    """Pagefind에 줄 HTML: 절(section)의 id를 제목으로 옮겨 절 단위 결과(앵커)가 생기게 하고,
    낱말에 붙은 괄호·인라인 코드는 띄어 쓰고, 인라인 수식은 글자로 바꾸고, 용어집·참고 자료는 무게를 낮춘다.

    Pagefind는 글자가 있는 제목(h1~h6)의 id만 절 결과로 쓴다. 그래서 절마다 그 제목이 절 id(페이지의 목차와
    '#' 링크가 가리키는 곳)를 갖게 하고, 제목 앞의 빈 이름표 span은 지운다. 옮기지 못하면 그 절의 낱말은
    앞 절(또는 페이지 맨 위)의 결과로 잘못 묶인다. 발행하는 페이지는 그대로다(이 사본만 색인에 준다)."""
    source = SECTION_HEADING.sub(
        lambda m: f'<section{m["pre"]}{m["post"]}>{m["gap"]}<h{m["n"]} id="{m["id"]}">', source)
    source = EMPTY_TARGET.sub("", source)
    source = GLUED_BRACKET.sub(lambda m: f'{m["before"]} {m["open"]}', source)
    source = GLUED_CODE.sub(lambda m: f'{m["before"]} <code', source)
    source = INLINE_MATH.sub(
        lambda m: f'<span class="studybook-math">{html.escape(tex_to_text(html.unescape(m["tex"])), quote=False)}</span>',
        source)
    weight = LOW_WEIGHT_PAGES.get(rel)
    if weight is not None:
        source = source.replace(BODY_MARK, f'{BODY_MARK} data-pagefind-weight="{weight}"', 1)
    return source


def marked_pages(html: Path) -> list[Path]:
    """본문 표시(data-pagefind-body)가 있는 페이지들."""
    return sorted(
        path for path in html.rglob("*.html")
        if "pagefind" not in path.relative_to(html).parts
        and BODY_MARK in path.read_text(encoding="utf-8", errors="replace")
    )


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.urls.append(value.strip())


def external_links(html: Path) -> dict[str, list[str]]:
    """사이트 밖 주소 → 그 주소가 나오는 페이지들."""
    found: dict[str, set[str]] = {}
    for path in sorted(html.rglob("*.html")):
        rel = path.relative_to(html).as_posix()
        if rel.startswith(("pagefind/", "_static/")):
            continue
        parser = _LinkParser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        for url in parser.urls:
            if url.startswith(("http://", "https://", "//")):
                found.setdefault(url, set()).add(rel)
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def write_link_report(root: Path) -> Path:
    html = root / "_build" / "html"
    report = root / "_build" / "external-links.txt"
    links = external_links(html)
    lines = ["# 사이트 밖 링크(빌드할 때마다 새로 씀, 접속 확인은 하지 않음): 주소<TAB>나오는 페이지들"]
    lines += [f"{url}\t{' '.join(pages)}" for url, pages in links.items()]
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"[search] 사이트 밖 링크 {len(links)}개 → {report.relative_to(root)}")
    return report


async def _write_index(html: Path, pages: list[Path], bundle: Path) -> list[dict]:
    from pagefind.index import IndexConfig, PagefindIndex

    # 색인 파일은 컨텍스트를 닫을 때 output_path에 쓰인다(따로 write_files를 부르면 두 번 쓴다).
    config = IndexConfig(force_language="ko", keep_index_url=True, exclude_selectors=list(EXCLUDE_SELECTORS),
                         output_path=str(bundle))
    indexed = []
    async with PagefindIndex(config=config) as index:
        for path in pages:
            rel = path.relative_to(html).as_posix()
            source = indexable_html(rel, path.read_text(encoding="utf-8"))
            response = await index.add_html_file(content=source, url="/" + rel)
            indexed.append(dict(response))
    return indexed


def page_texts(pages: list[Path]) -> list[str]:
    """용어의 띄어쓰기 꼴을 세기 위한 본문 글자(태그를 걷어 낸 것)."""
    texts = []
    for path in pages:
        source = path.read_text(encoding="utf-8", errors="replace")
        body = source.split(BODY_MARK, 1)[-1]
        texts.append(re.sub(r"<[^>]+>", " ", body))
    return texts


def write_query_js(bundle: Path, forms: dict[str, str]) -> Path:
    """검색어 정리 코드(booktools/search_query.js)에 표를 넣어 pagefind/studybook-search.js로 쓴다."""
    data = {"forms": forms, "particles": sorted(PARTICLES, key=len, reverse=True), "review": list(REVIEW_HEADINGS)}
    code = SEARCH_JS_SOURCE.read_text(encoding="utf-8")
    if "/*STUDYBOOK_DATA*/" not in code:
        raise RuntimeError(f"{SEARCH_JS_SOURCE}에 /*STUDYBOOK_DATA*/ 자리가 없습니다")
    target = bundle / SEARCH_JS
    target.write_text(code.replace("/*STUDYBOOK_DATA*/", json.dumps(data, ensure_ascii=False)), encoding="utf-8")
    return target


INDEX_ATTEMPTS = 2
"""Pagefind 색인을 만들어 보는 횟수. 바쁜 기계에서 한 번, Pagefind 1.5.2 서비스가 WriteFiles에 답한 뒤 빈
``pagefind-entry.json``(0바이트)을 남긴 적이 있다(측정: 2026-12-03, 두 코어에 빌드 셋이 겹쳤을 때). 그러면 검색
페이지가 "Failed to load Pagefind metadata"로 아무것도 찾지 못한다. 그래서 쓴 묶음을 :func:`bundle_problems`로
읽어 보고, 틀리면 한 번 더 만든다."""


def bundle_problems(bundle: Path, pages: int) -> list[str]:
    """Pagefind가 쓴 묶음(``bundle``)을 브라우저가 읽는 순서대로 확인한다: 진입 파일(JSON)의 언어마다 메타
    파일이 있고 페이지 수가 ``pages``와 같은가, 빈 파일은 없는가. 문제가 없으면 빈 목록."""
    entry = bundle / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{entry.name}을 읽을 수 없습니다({type(exc).__name__})"]
    problems = []
    if not languages:
        problems.append(f"{entry.name}에 언어가 없습니다")
    for lang, info in languages.items():
        meta = bundle / f"pagefind.{info.get('hash')}.pf_meta"
        if not meta.is_file():
            problems.append(f"{lang}의 메타 파일 {meta.name}이 없습니다")
        if info.get("page_count") != pages:
            problems.append(f"{lang}의 페이지 수 {info.get('page_count')}(본문 페이지 {pages}개)")
    empty = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file() and p.stat().st_size == 0)
    if empty:
        problems.append(f"빈 파일 {', '.join(empty[:3])}")
    return problems


def _run(coro):
    """``coro``를 끝까지 돌린다. 이미 이벤트 루프가 도는 스레드(예: 같은 프로세스의 Playwright sync API)에서는
    asyncio.run을 쓸 수 없어 새 스레드에서 돌린다(측정: CI의 pytest 일꾼에서 RuntimeError)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def build_index(root: Path) -> int:
    html = root / "_build" / "html"
    if not html.is_dir():
        print(f"[search] 빌드 결과가 없습니다: {html}", file=sys.stderr)
        return 1
    bundle = html / "pagefind"
    pages = marked_pages(html)
    if not pages:
        print("[search] 본문 표시(data-pagefind-body)가 있는 페이지가 없습니다. "
              "booktools/sphinxext/search.py가 로드되었는지 확인하세요.", file=sys.stderr)
        return 1

    for attempt in range(1, INDEX_ATTEMPTS + 1):
        if bundle.exists():
            shutil.rmtree(bundle)
        try:
            indexed = _run(_write_index(html, pages, bundle))
        except Exception as exc:  # Pagefind 서비스 오류는 빌드를 멈춘다
            print(f"[search] Pagefind가 실패했습니다: {exc!r}", file=sys.stderr)
            return 1
        problems = bundle_problems(bundle, len(pages))
        if not problems:
            break
        again = "다시 만듭니다" if attempt < INDEX_ATTEMPTS else "빌드를 멈춥니다"
        print(f"[search] Pagefind가 쓴 색인이 온전하지 않습니다({'; '.join(problems)}). {again}.", file=sys.stderr)
    else:
        return 1
    empty = [page["url"] for page in indexed if not page.get("page_word_count")]
    if len(indexed) != len(pages) or empty or not (bundle / "pagefind-ui.js").exists():
        print(f"[search] 색인된 페이지 {len(indexed)}개(본문 페이지 {len(pages)}개), 낱말이 없는 페이지 {empty}",
              file=sys.stderr)
        return 1
    forms = term_forms(page_texts(pages))
    write_query_js(bundle, forms)
    words = sum(page.get("page_word_count") or 0 for page in indexed)
    print(f"[search] 검색 색인 완료: 페이지 {len(indexed)}개, 낱말 {words}개, 검색어 변형 {len(forms)}개 "
          f"→ {bundle.relative_to(root)}")
    return 0


def build(root: Path) -> int:
    """검색 색인과 사이트 밖 링크 목록(_build/external-links.txt)을 만든다. 종료 코드."""
    rc = build_index(root)
    if rc == 0:
        write_link_report(root)
    return rc


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return build(Path(args[0]).resolve() if args else Path.cwd())
