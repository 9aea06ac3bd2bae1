"""`python -m booktools build|notebooks|slides|search|bench|serve …`: Makefile이 부르는 입구.

각 하위 명령은 그 모듈의 ``main(argv)``를 부른다(인자 해석만 여기서 나눈다).
"""
from __future__ import annotations

import sys

COMMANDS = {
    "build": "책 전체를 빌드한다(make book)",
    "notebooks": "장에서 Colab/Binder 노트북을 다시 만든다(make notebooks)",
    "slides": "빌드된 책에서 덱과 인쇄용 PDF만 다시 만든다",
    "search": "빌드된 책의 검색 색인만 다시 만든다",
    "bench": "성능 예산을 잰다(make bench)",
    "serve": "빌드된 사이트를 127.0.0.1에서 띄운다(make serve)",
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] not in COMMANDS:
        width = max(map(len, COMMANDS))
        lines = "\n".join(f"  {name:<{width}}  {text}" for name, text in COMMANDS.items())
        given = f"알 수 없는 명령 {args[0]!r}. " if args and args[0] not in ("-h", "--help") else ""
        print(f"{given}사용법: python -m booktools <명령> [인자…]\n{lines}", file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    command, rest = args[0], args[1:]
    if command == "build":
        from booktools import build as module
    elif command == "notebooks":
        from booktools import notebooks as module
    elif command == "slides":
        from booktools import slides as module
    elif command == "search":
        from booktools import search as module
    elif command == "bench":
        from booktools import bench as module
    else:
        from booktools import browser as module
    return module.main(rest)


if __name__ == "__main__":
    sys.exit(main())
