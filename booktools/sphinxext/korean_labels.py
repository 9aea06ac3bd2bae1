"""번호 붙는 요소(그림, 표, 연습)의 한국어 이름.

sphinx-exercise는 config-inited 단계에서 번역 카탈로그가 준비되기 전에 "Exercise %s"를 만들어
영어로 남는다. 그림·표 이름도 여기서 책의 말투에 맞게 정해 둔다.
"""
from __future__ import annotations

NUMFIG_FORMAT = {
    "figure": "그림 %s",
    "table": "표 %s",
    "code-block": "코드 %s",
    "section": "%s절",
    "exercise": "연습 %s",  # sphinx-exercise가 해답 제목에 쓰는 "연습 7"과 맞춘다
}


def _set_korean_labels(app, config) -> None:
    config.numfig_format = {**config.numfig_format, **NUMFIG_FORMAT}


def setup(app):
    # Sphinx 자체의 numfig 기본값 설정(우선순위 800)보다 뒤에 실행한다.
    app.connect("config-inited", _set_korean_labels, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
