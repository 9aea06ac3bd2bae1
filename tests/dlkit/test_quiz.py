"""퀴즈 정의(dlkit/quiz.py)의 단위 테스트: 잘못된 정의는 한국어 오류.

장의 퀴즈 셀, 빌드된 페이지와 덱, 만든 노트북에서의 채점은 tests/test_quiz.py(사이트 테스트)에 있다.
"""

import pytest

import dlkit.quiz as dq


def test_bad_definitions_get_korean_errors():
    see = ("", "세 단어")
    with pytest.raises(ValueError, match="정답"):
        dq.choice("q", "질문?", [("가", False), ("나", False)], explain="설명", see=see)
    with pytest.raises(TypeError, match="answer는 숫자"):
        dq.number("q", "질문?", answer="서른둘", explain="설명", see=see)
    with pytest.raises(ValueError, match="tol"):
        dq.number("q", "질문?", answer=1, tol=-1, explain="설명", see=see)
    with pytest.raises(ValueError, match="see"):
        dq.number("q", "질문?", answer=1, explain="설명", see="세 단어")
    with pytest.raises(ValueError, match="문항 id"):
        dq.number("Q 1", "질문?", answer=1, explain="설명", see=see)
    q = dq.number("q", "질문?", answer=1, explain="설명", see=see)
    with pytest.raises(ValueError, match="같은 문항 id"):
        dq.Quiz("06_epoch_batch", [q, q])


def _small_quiz():
    see = ("", "세 단어")
    return dq.Quiz("06_epoch_batch", [
        dq.choice("pick", "고르세요?", [("가", False), ("나", True)], explain="나가 맞다", see=see),
        dq.number("iters", "몇 번?", answer=32, tol=0.5, unit="번", explain="⌈1000/32⌉", see=see),
    ])


def test_spec_and_html_of_a_small_quiz():
    """장 소스 없이 만든 퀴즈: 채점 데이터(정답, 저장 키)와 스스로 완결된 같은 HTML."""
    quiz = _small_quiz()
    spec = quiz.spec()
    assert spec["key"] == dq.STORAGE_PREFIX + "06_epoch_batch"
    assert spec["questions"] == [{"id": "pick", "kind": "single", "correct": [1]},
                                 {"id": "iters", "kind": "number", "answer": 32.0, "tol": 0.5}]
    html = quiz.to_html()
    assert html == _small_quiz().to_html(), "같은 정의는 같은 HTML(같은 id)을 만들어야 합니다"
    assert 'id="sbq-06-epoch-batch-pick"' in html and 'id="sbq-06-epoch-batch-iters"' in html
    assert 'lang="ko"' in html and "<script>" in html and ".sb-quiz" in html
    assert "http://" not in html and "https://" not in html and 'src="//' not in html
