"""페이지 메타데이터와 그림의 대체 텍스트.

- 파비콘: `booktools/theme/static/favicon.png`를 `html_favicon`으로 쓰고, 브라우저가 따로 찾는 `/favicon.ico`도
  사이트 루트에 둔다(404 방지).
- 설명(`<meta name="description">`)과 Open Graph 태그: 메신저나 SNS에 링크를 붙이면 장 제목과
  설명이 보이도록 `og:title`(장 제목), `og:description`, `og:type`, `og:site_name`,
  `og:locale`(ko_KR)을 넣는다. `html_baseurl`이 있으면 `og:url`도 넣는다.
  설명은 장 앞머리(front matter)의 `description:`이 있으면 그것을, 없으면 본문 첫 문단을 쓴다.
- 색 대비: `booktools/theme/static/studybook-a11y.css`(상자 안 링크색)를 모든 페이지에 싣는다.
- 대체 텍스트(alt): 모든 그림에 한국어 alt가 있어야 한다. 코드 셀이 그린 그림(matplotlib)은
  셀 메타데이터로 준다::

      ```{code-cell} ipython3
      ---
      mystnb:
        image:
          alt: 편향 b를 키우면 직선이 위로 평행 이동하는 모습
      ---
      dk.plot_lines(...)
      ```

  alt가 없으면 그림 설명(`mystnb: figure: caption:`)을 alt로 쓰고, 그것도 없거나 alt에 한글이
  한 글자도 없으면 경고한다(빌드는 `-W`라서 실패한다). 경고 종류는 `studybook.alt_text`.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from booktools.theme import STATIC

logger = logging.getLogger(__name__)

FAVICON = STATIC / "favicon.png"
FAVICON_ICO = STATIC / "favicon.ico"
A11Y_CSS = "studybook-a11y.css"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
DESCRIPTION_LENGTH = 150
# 페이지 이름 → 한국어 제목(테마가 영어로 두는 페이지)
KOREAN_TITLES = {"genindex": "색인", "search": "검색", "py-modindex": "모듈 색인"}
# 설명으로 쓰지 않을 문단이 들어 있는 노드(상자, 표, 셀 출력, 각주 등)
SKIP_ANCESTORS = (
    nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table, nodes.footnote,
    nodes.citation, nodes.figure, nodes.container, nodes.field_list, nodes.definition_list,
)


# ── 파비콘 ──────────────────────────────────────────────────────────────
def set_favicon(app: Sphinx, config: Config) -> None:
    if not config.html_favicon and FAVICON.exists():
        config.html_favicon = str(FAVICON)


def copy_favicon_ico(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html" and FAVICON_ICO.exists():
        shutil.copyfile(FAVICON_ICO, Path(app.outdir) / "favicon.ico")


# ── 설명과 Open Graph ──────────────────────────────────────────────────
def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.·:;") + "…"


def first_paragraph(doctree: nodes.document) -> str:
    """본문(절 바로 아래)의 첫 문단. 상자·표·셀 출력 안의 문단은 건너뛴다."""
    for para in doctree.findall(nodes.paragraph):
        parent, skip = para.parent, False
        while parent is not None:
            if isinstance(parent, SKIP_ANCESTORS):
                skip = True
                break
            parent = parent.parent
        text = squash(para.astext())
        if not skip and len(text) >= 10:
            return text
    return ""


def page_title(app: Sphinx, pagename: str, context: dict) -> str:
    if pagename in KOREAN_TITLES:
        return KOREAN_TITLES[pagename]
    title = app.env.titles.get(pagename)
    if title is not None:
        return squash(title.astext())
    return squash(re.sub(r"<[^>]+>", "", html.unescape(context.get("title") or "")))


def page_description(app: Sphinx, pagename: str, doctree) -> str:
    meta = app.env.metadata.get(pagename, {})
    if isinstance(meta.get("description"), str) and meta["description"].strip():
        return shorten(meta["description"])
    if doctree is not None:
        text = first_paragraph(doctree)
        if text:
            return shorten(text)
    site = app.config.html_title or app.config.project
    return f"{site}: D2L 3.1절을 함께 읽는 PyTorch 스터디 그룹을 위한 한국어 보조 교재"


def add_meta(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html":
        return
    site = squash(app.config.html_title or app.config.project)
    title = page_title(app, pagename, context)
    if pagename in KOREAN_TITLES:
        context["title"] = html.escape(title)
    description = page_description(app, pagename, doctree)
    is_root = pagename == app.config.root_doc
    tags = []
    existing = context.get("metatags", "")
    if 'name="description"' not in existing:
        tags.append(("name", "description", description))
    tags += [
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:type", "website" if is_root else "article"),
        ("property", "og:site_name", site),
        ("property", "og:locale", "ko_KR"),
    ]
    baseurl = (app.config.html_baseurl or "").strip()
    if baseurl:
        url = baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
        tags.append(("property", "og:url", url))
        if app.config.html_favicon and not str(app.config.html_favicon).startswith(("http:", "https:")):
            image = Path(str(app.config.html_favicon)).name
            tags.append(("property", "og:image", baseurl.rstrip("/") + "/_static/" + image))
    rendered = "".join(
        f'\n<meta {attr}="{html.escape(key)}" content="{html.escape(value)}" />'
        for attr, key, value in tags
    )
    context["metatags"] = existing + rendered


# ── 그림의 대체 텍스트 ──────────────────────────────────────────────────
def node_line(node: nodes.Node) -> int | None:
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return None


def figure_caption(image: nodes.image) -> str:
    parent = image.parent
    while parent is not None and not isinstance(parent, nodes.figure):
        parent = parent.parent
    if parent is None:
        return ""
    for caption in parent.findall(nodes.caption):
        return squash(caption.astext())
    return ""


def check_alt_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for image in doctree.findall(nodes.image):
        alt = squash(image.get("alt") or "")
        if not alt:
            alt = figure_caption(image)
            if alt:
                image["alt"] = alt
        where = (docname, node_line(image))
        uri = image.get("uri", "")
        if not alt:
            logger.warning(
                "그림에 대체 텍스트(alt)가 없습니다(%s). 코드 셀이면 셀 맨 위 YAML에 "
                "`mystnb: {image: {alt: 그림을 한 문장으로 설명}}`을, 마크다운 그림이면 "
                "![설명](파일)의 설명을 한국어로 쓰세요.", uri,
                location=where, type="studybook", subtype="alt_text",
            )
        elif not HANGUL.search(alt):
            logger.warning(
                "그림의 대체 텍스트(alt)에 한글이 없습니다: %r (%s). 한국어로 설명하세요.", alt, uri,
                location=where, type="studybook", subtype="alt_text",
            )


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", set_favicon)
    app.add_css_file(A11Y_CSS)
    app.connect("html-page-context", add_meta)
    app.connect("doctree-resolved", check_alt_text)
    app.connect("build-finished", copy_favicon_ico)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
