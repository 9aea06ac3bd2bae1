"""booktools.browser의 로컬 서버: 브라우저 없이 소켓으로 확인한다."""
from __future__ import annotations

import socket
import time
import urllib.request
from urllib.parse import urlparse

from booktools import browser


def _leave_early(url: str, name: str) -> None:
    """큰 파일을 요청하고 응답을 읽기 전에 연결을 끊는다(RST): 페이지를 닫은 브라우저처럼."""
    host = urlparse(url)
    sock = socket.create_connection((host.hostname, host.port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    sock.sendall(f"GET /{name} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    sock.recv(1)
    sock.close()


def test_a_client_that_leaves_early_prints_no_traceback_but_real_errors_still_do(tmp_path, capfd):
    (tmp_path / "big.bin").write_bytes(b"x" * 20_000_000)
    (tmp_path / "ok.txt").write_text("ok", encoding="utf-8")
    with browser.serve(tmp_path) as url:
        for _ in range(3):
            _leave_early(url, "big.bin")
        time.sleep(0.5)
        assert urllib.request.urlopen(f"{url}/ok.txt").read() == b"ok"  # 서버는 계속 답한다
    assert "Traceback" not in capfd.readouterr().err

    # 대조군: 처리기 안의 다른 오류는 여전히 트레이스백으로 보인다
    class Broken(browser.QuietHandler):
        def do_GET(self):
            raise RuntimeError("처리기 고장")

    server = browser.QuietServer(("127.0.0.1", 0), Broken)
    try:
        import threading

        threading.Thread(target=server.handle_request, daemon=True).start()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/", timeout=5)
        except Exception:
            pass
        time.sleep(0.3)
    finally:
        server.server_close()
    assert "RuntimeError: 처리기 고장" in capfd.readouterr().err
