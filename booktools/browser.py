"""헤드리스 Chromium을 띄우는 방법과 빌드된 사이트를 띄우는 로컬 서버(빌드, 테스트, 벤치마크가 같이 쓴다).

- :data:`CHROMIUM_ARGS`: Chromium이 밖으로 연결하지 않게 하는 인자(오프라인 규칙).
- :func:`chromium_path`: 쓸 Chromium 실행 파일. 기본은 ``/usr/bin/chromium``; 다른 곳이면 호출하는 쪽이
  ``path``를 넘긴다(명령줄의 ``--chromium``, 테스트는 환경 변수 CHROMIUM_PATH를 읽어 넘긴다).
- :func:`launch`: playwright로 띄운 브라우저(컨텍스트 관리자).
- :func:`serve`: 폴더를 127.0.0.1의 빈 포트로 띄운다(컨텍스트 관리자, 요청 로그 없음). ``compress=True``면
  정적 호스트처럼 압축해 보낸다(Lighthouse가 실제 호스트에서의 바이트를 보게).
- :func:`host_gzip`: 정적 호스트가 같은 바이트를 보낼 때의 본문(압축하는 형식이면 gzip, 아니면 그대로).
  페이지 무게(:mod:`booktools.bench.pageweight`)와 압축 서버가 이 한 규칙을 쓴다.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


def chromium_path(path: Path | str | None = None) -> Path | None:
    """쓸 Chromium(없으면 None). ``path``가 없으면 :data:`DEFAULT_CHROMIUM`."""
    candidate = Path(path) if path else DEFAULT_CHROMIUM
    return candidate if candidate.exists() else None


@contextmanager
def launch(path: Path) -> Iterator[object]:
    """``path``의 Chromium을 헤드리스로 띄운 playwright 브라우저."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(path), args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


# 정적 호스트(GitHub Pages, Netlify, nginx의 gzip_types)가 압축해 보내는 형식. 글꼴(woff2)·PNG·이미 gzip인
# Pagefind 조각은 다시 압축하지 않는다. 압축 수준 6은 zlib 기본값(Apache mod_deflate, 대부분의 CDN).
COMPRESSIBLE_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                      "application/x-javascript", "image/svg+xml", "font/ttf", "font/otf")
GZIP_LEVEL = 6


def compressible(content_type: str) -> bool:
    """``content_type``(예: "text/css; charset=utf-8")을 정적 호스트가 gzip으로 보내는가."""
    mime = content_type.split(";")[0].strip().lower()
    return any(mime.startswith(kind) if kind.endswith("/") else mime == kind for kind in COMPRESSIBLE_TYPES)


def host_gzip(body: bytes, content_type: str) -> bytes:
    """정적 호스트가 ``body``를 보낼 때 실제로 전송하는 바이트(압축 형식이면 gzip 수준 6, 아니면 그대로)."""
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0) if compressible(content_type) else body


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """요청 로그를 쓰지 않는 정적 파일 처리기(빌드·테스트 출력이 로그로 덮이지 않게)."""

    def log_message(self, *args):
        pass


class GzipHandler(QuietHandler):
    """정적 호스트처럼 압축해 보내는 처리기: 브라우저가 gzip을 받으면 :func:`host_gzip`의 바이트를 보낸다."""

    def send_head(self):
        import io

        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not ("gzip" in self.headers.get("Accept-Encoding", "") and path.is_file() and compressible(content_type)):
            return super().send_head()  # 압축하지 않는 형식, 404, 폴더 주소의 "/" 넘겨주기
        body = host_gzip(path.read_bytes(), content_type)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """브라우저가 응답을 다 받기 전에 떠나면(이미지를 받는 중에 페이지를 닫은 테스트) 나는 연결 끊김은 서버의
    잘못이 아니다: 그 트레이스백(BrokenPipeError, ConnectionResetError)을 찍지 않는다. 다른 오류는 그대로 찍는다."""

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, port: int = 0, *, compress: bool = False) -> Iterator[str]:
    """``directory``를 127.0.0.1에서 띄우고 그 주소(``http://127.0.0.1:PORT``)를 준다.

    ``compress=True``면 정적 호스트처럼 압축해 보낸다(:class:`GzipHandler`)."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    """`python -m booktools serve [ROOT] [--port 8000]`: 빌드된 사이트를 띄운다(Ctrl-C로 끝낸다)."""
    parser = argparse.ArgumentParser(prog="python -m booktools serve", description=main.__doc__)
    parser.add_argument("root", nargs="?", default=".", help="책 뿌리(기본: 지금 폴더)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    html = Path(args.root).resolve() / "_build" / "html"
    if not (html / "index.html").is_file():
        print(f"빌드된 사이트가 없습니다({html}). 먼저 make book을 실행하세요.")
        return 1
    import time

    with serve(html, args.port) as url:
        print(f"{url}/ 에서 책을 띄웠습니다(끝내려면 Ctrl-C).", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\n서버를 멈췄습니다.")
    return 0
