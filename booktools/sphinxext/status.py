"""실행 현황 표: 장마다 마지막으로 실행한 때, 걸린 시간, 이번 빌드에서 다시 실행했는지 캐시를 썼는지.

myst-nb의 `{nb-exec-table}`은 머리글이 영어이고(Document, Modified, Method...), 장 제목 대신
파일 이름을, 성공 여부를 그림 문자로만 보여 주며, 그 표가 있는 페이지를 다른 장이 다시 실행될
때만 갱신한다. 여기서는 같은 실행 기록(myst-nb가 모으는 `exec_data`)으로 한국어 표를 만든다::

    ```{studybook-exec-table}
    ```

이 표가 든 페이지는 빌드할 때마다 다시 읽으므로 '이번 빌드' 칸이 늘 그 빌드를 가리킨다. 바뀐 것이 없어
단계를 건너뛴 빌드(:mod:`booktools.uptodate`)는 사이트를 건드리지 않으므로, 표는 이 사이트를 만든 빌드의 기록이다.
시각은 한국 표준시(KST, UTC+9)로 쓴다.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from myst_nb.sphinx_ import NbMetadataCollector

from booktools.settings import CONFIG_BUILD_STARTED

KST = timezone(timedelta(hours=9), "KST")
FLAG = "has_studybook_exec_table"
HEADERS = ("장", "마지막 실행 (KST)", "실행 시간", "이번 빌드", "결과")

def build_started(config) -> float:
    """빌드가 시작된 시각: 빌드가 설정값 studybook_build_started로 넘긴다(Sphinx 전에 미리 실행한 장도
    "이번 빌드에서 실행"으로 세기 위해). 없으면(jupyter-book을 직접 부른 경우) Sphinx가 설정을 읽은 시각."""
    value = getattr(config, CONFIG_BUILD_STARTED, None)
    return float(value) if value else _CONFIG_READ_AT.setdefault(id(config), time.time())


_CONFIG_READ_AT: dict[int, float] = {}


class exec_table_placeholder(nodes.General, nodes.Element):
    """모든 장을 읽은 뒤 표로 바뀌는 자리표시."""


class ExecTableDirective(SphinxDirective):
    has_content = False

    def run(self):
        NbMetadataCollector.set_doc_data(self.env, self.env.docname, FLAG, True)
        return [exec_table_placeholder()]


def toc_order(env, root: str) -> list[str]:
    """목차(toctree) 순서대로 나열한 문서 이름."""
    order: list[str] = []

    def walk(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(root)
    return order


def seconds(value) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}초" if value < 60 else f"{int(value // 60)}분 {value % 60:.0f}초"


def paragraph(*children) -> nodes.paragraph:
    para = nodes.paragraph()
    for child in children:
        para += child if isinstance(child, nodes.Node) else nodes.Text(str(child))
    return para


def doc_link(fromdoc: str, target: str) -> nodes.paragraph:
    ref = addnodes.pending_xref(
        "", refdoc=fromdoc, reftarget="/" + target, reftype="doc", refdomain="std",
        refexplicit=False, refwarn=True, classes=["xref", "doc"],
    )
    ref += nodes.inline(text=target)
    return paragraph(ref)


def make_table(env, fromdoc: str, started: float) -> list[nodes.Node]:
    data = NbMetadataCollector.get_doc_data(env)
    ordered = toc_order(env, env.config.root_doc)
    docs = [d for d in ordered if data.get(d, {}).get("exec_data")]
    docs += sorted(d for d in data if data[d].get("exec_data") and d not in docs)

    table = nodes.table(classes=["studybook-exec-table"], ids=["studybook-exec-table"])
    table += nodes.title(text="장별 코드 실행 기록")
    tgroup = nodes.tgroup(cols=len(HEADERS))
    table += tgroup
    for _ in HEADERS:
        tgroup += nodes.colspec(colwidth=1)
    thead = nodes.thead()
    tgroup += thead
    row = nodes.row()
    thead += row
    for name in HEADERS:
        row += nodes.entry("", paragraph(name))
    tbody = nodes.tbody()
    tgroup += tbody

    total, ran, failed = 0.0, 0, 0
    for doc in docs:
        info = data[doc]["exec_data"]
        mtime = info.get("mtime")
        fresh = bool(mtime) and mtime >= started - 1
        ran += fresh
        total += info.get("runtime") or 0.0
        when = datetime.fromtimestamp(mtime, KST).strftime("%Y-%m-%d %H:%M") if mtime else "-"
        if info.get("succeeded"):
            result = paragraph("성공")
        else:
            failed += 1
            error = (info.get("error") or "").strip()
            result = paragraph(nodes.abbreviation(text="실패", explanation=error) if error else "실패")
        row = nodes.row()
        tbody += row
        row += nodes.entry("", doc_link(fromdoc, doc))
        row += nodes.entry("", paragraph(when))
        row += nodes.entry("", paragraph(seconds(info.get("runtime"))))
        row += nodes.entry("", paragraph("다시 실행함" if fresh else "캐시 사용"))
        row += nodes.entry("", result)

    if not docs:
        return [paragraph("아직 실행 기록이 있는 장이 없습니다.")]
    summary = paragraph(
        f"코드가 있는 장 {len(docs)}개, 실행 시간 합계 {seconds(total)}. "
        f"이 사이트를 만든 빌드에서 다시 실행한 장 {ran}개, 캐시를 쓴 장 {len(docs) - ran}개"
        + (f", 실패한 장 {failed}개." if failed else ".")
    )
    summary["classes"].append("studybook-exec-summary")
    return [summary, table]


class ExecTableTransform(SphinxPostTransform):
    default_priority = 8  # 참조 해결(10) 전에: 장 링크가 장 제목으로 채워지도록

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(exec_table_placeholder)):
            node.replace_self(make_table(self.env, self.env.docname, build_started(self.config)))


def always_reread(app: Sphinx, env, added, changed, removed) -> list[str]:
    """표가 있는 페이지는 빌드마다 다시 읽어 최신 기록으로 만든다."""
    data = NbMetadataCollector.get_doc_data(env)
    return [doc for doc, info in data.items() if info.get(FLAG) and doc in env.found_docs]


def setup(app: Sphinx) -> dict:
    # rebuild="": 빌드마다 값이 달라도 페이지를 다시 쓰게 하지 않는다(표가 있는 페이지는 always_reread가 다시 읽는다)
    app.add_config_value(CONFIG_BUILD_STARTED, None, "")
    app.add_node(exec_table_placeholder)
    app.add_directive("studybook-exec-table", ExecTableDirective)
    app.add_post_transform(ExecTableTransform)
    app.connect("env-get-outdated", always_reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
