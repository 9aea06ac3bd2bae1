"""빌드된 책(_build/html)에 한국어 검색 색인을 만든다: `python scripts/build_search.py [책 루트]`.

덤으로 사이트 밖으로 나가는 링크 목록을 `_build/external-links.txt`에 적는다(접속해 보지는 않는다;
내부 링크와 앵커는 tests/test_links.py가 확인한다).

scripts/build.py가 빌드할 때마다 후처리로 부른다. 색인 도구는 Pagefind(PyPI `pagefind[bin]`,
실행 파일이 휠에 들어 있어 인터넷이 필요 없다)이다.

- 예전 색인(`pagefind/`)을 먼저 지운다. 지우지 않으면 장을 고쳐도 옛 검색 결과가 남는다.
- 글 본문만 색인한다. `_ext/feature_search.py`가 본문 페이지의 `<article class="bd-article">` 안
  내용을 `data-pagefind-body`로 감싸 두므로, 메뉴·목차·바닥글과 search.html, genindex.html은
  색인에 들어가지 않는다. 제목 옆 `#` 링크, 목차 목록(toctree)도 뺀다.
- 한국어(`ko`)로 고정한다. 형태소 분석(stemming)은 없지만 낱말의 앞부분을 맞추므로 '편향'이
  '편향은'을, '학습률'이 '학습률을'을 찾는다.
"""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BODY_MARK = "data-pagefind-body"
# 본문 안에서도 색인하지 않을 부분
EXCLUDE_SELECTORS = (
    ".headerlink",          # 제목 옆 '#' 링크
    ".toctree-wrapper",     # 목차 목록: 표지에서 모든 장 제목이 검색되지 않도록
    ".math",                # 수식 원문(\(...\))이 검색 결과 발췌에 그대로 보이지 않도록
    ".cell_output",         # 셀 출력(print 결과, 위젯 자리): 코드와 겹치고 발췌만 어지럽힌다
    "[data-pagefind-ignore]",
)


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


def build_index(root: Path) -> int:
    html = root / "_build" / "html"
    if not html.is_dir():
        print(f"[search] 빌드 결과가 없습니다: {html}", file=sys.stderr)
        return 1
    bundle = html / "pagefind"
    if bundle.exists():
        shutil.rmtree(bundle)

    pages = marked_pages(html)
    if not pages:
        print("[search] 본문 표시(data-pagefind-body)가 있는 페이지가 없습니다. "
              "_ext/feature_search.py가 로드되었는지 확인하세요.", file=sys.stderr)
        return 1

    cmd = [
        sys.executable, "-m", "pagefind",
        "--site", str(html),
        "--force-language", "ko",
        "--keep-index-url",
    ]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        print(output, file=sys.stderr)
        print("[search] Pagefind가 실패했습니다.", file=sys.stderr)
        return proc.returncode or 1

    match = re.search(r"Indexed (\d+) pages?", output)
    indexed = int(match.group(1)) if match else -1
    if indexed != len(pages) or not (bundle / "pagefind-ui.js").exists():
        print(output, file=sys.stderr)
        print(f"[search] 색인된 페이지 수({indexed})가 본문 페이지 수({len(pages)})와 다릅니다.",
              file=sys.stderr)
        return 1
    words = re.search(r"Indexed (\d+) words?", output)
    print(f"[search] 검색 색인 완료: 페이지 {indexed}개, 낱말 {words.group(1) if words else '?'}개 "
          f"→ {bundle.relative_to(root)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]).resolve() if args else ROOT
    rc = build_index(root)
    if rc == 0:
        write_link_report(root)
    return rc


if __name__ == "__main__":
    sys.exit(main())
