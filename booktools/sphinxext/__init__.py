"""책 전용 Sphinx 확장(`_config.yml`의 ``extra_extensions: booktools.sphinxext``).

기능마다 모듈 하나를 두고, 이 ``setup()``이 읽는 순서대로 모두 등록한다(찾아서 부르지 않는다:
새 기능은 모듈을 쓰고 :data:`FEATURES`에 한 줄을 더한다). 업스트림 내부를 건드리는 우회는
:mod:`booktools.sphinxext.workarounds` 한 곳에 이유와 버전을 적어 둔다.
"""
from __future__ import annotations

from booktools.sphinxext import (chapter_table, deferred, demos, icons, images, korean_labels, korean_ui, launch, look, mathml, meta, offline,
                                 phone, printing,
                                 prune, quiz, search, slides, status, toc)

# 읽는 순서: 무엇을 읽는가 → 어떤 모습인가 → 페이지에 무엇을 더하는가 → 발행 폴더 정리
FEATURES = (
    toc,              # 목차의 문서만 읽는다(include_patterns), 목차가 틀리면 한국어로 멈춘다
    look,             # booktools/theme: 템플릿 폴더와 정적 파일 폴더
    offline,          # 함께 올린 RequireJS·html-manager, CDN 없이
    mathml,           # 수식을 빌드 때 MathML로(페이지에서 조판하지 않아 글이 밀리지 않는다)
    icons,            # 테마 아이콘을 인라인 SVG로(1.5 MB fontawesome.js 없이)
    korean_ui,        # 테마 문구의 한국어 카탈로그
    korean_labels,    # 그림·표·연습의 한국어 이름
    images,           # 한글 이름 그림의 Markdown 문법
    demos,            # 정적 데모의 프레임을 페이지 대신 _demo/ 그림 파일로
    meta,             # 파비콘, og:/description 메타데이터, 그림 대체 텍스트
    launch,           # Binder·Colab·내려받기 버튼이 생성된 노트북을 가리키게
    slides,           # 장 페이지의 덱 링크와 {slide-decks} 목록
    chapter_table,    # {chapter-table} 첫 페이지의 장 안내 표(목차 순서와 번호)
    quiz,             # {quiz-progress} 기록표
    status,           # {studybook-exec-table} 실행 현황
    search,           # Pagefind 검색 페이지
    phone,            # 390 px 화면용 CSS/JS
    printing,         # 인쇄용 CSS
    deferred,         # 머리의 스크립트를 defer로(첫 화면을 막지 않게)
    prune,            # 발행 폴더에 지금 원본이 만드는 것만 남긴다
)


def setup(app):
    for feature in FEATURES:
        feature.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
