"""번호 붙는 요소와 펼치기 버튼의 한국어 이름.

sphinx-exercise는 config-inited 단계에서 "Exercise %s"를 번역 카탈로그가 준비되기 전에 만들어
영어로 남고, Sphinx 기본값("Fig. %s")도 같은 이유로 영어가 된다. 여기서 한국어로 정해 준다.
"""
from __future__ import annotations

NUMFIG_FORMAT = {
    "figure": "그림 %s",
    "table": "표 %s",
    "code-block": "코드 %s",
    "section": "%s절",
    "exercise": "연습 문제 %s",
}


def _set_korean_labels(app, config) -> None:
    config.numfig_format = {**config.numfig_format, **NUMFIG_FORMAT}
    config.togglebutton_hint = "펼쳐 보기"
    config.togglebutton_hint_hide = "접기"


def setup(app):
    # Sphinx 자체의 numfig 기본값 설정(우선순위 800)보다 뒤에 실행한다.
    app.connect("config-inited", _set_korean_labels, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
