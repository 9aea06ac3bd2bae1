"""장 끝의 '스스로 점검하기' 퀴즈: 커널도 인터넷도 없이 브라우저에서 스스로 채점한다.

문항은 장마다 한 번, 장의 퀴즈 코드 셀에 데이터로 적는다. 숫자 문항의 정답은 그 셀에서
dlkit 함수로 계산하므로(예: ``dk.iterations_per_epoch(1000, 32)``) 책의 함수와 어긋날 수 없다.

.. code-block:: python

    from dlkit.quiz import Quiz, choice, number

    Quiz("06_epoch_batch", [
        number("iters", "N = 1000, B = 32이면 에포크당 반복은?",
               answer=dk.iterations_per_epoch(1000, 32), unit="번",
               explain="⌈1000/32⌉ = 32", see=("", "반복: 데이터가 메모리보다 클 때")),
    ])

셀의 마지막 값으로 두면 노트북·책·슬라이드 어디서나 HTML로 보인다. 그 HTML은
스스로 완결된다: 스크립트와 스타일이 안에 들어 있고 밖의 주소를 부르지 않는다.
답과 점수는 브라우저의 localStorage(``studybook:quiz:<장>``)에만 남고 어디로도 보내지 않는다.

이 모듈은 표준 라이브러리만 쓰고, 불러올 때 아무것도 설정하지 않는다.
"""
from __future__ import annotations

import html
import json
import math
import numbers
import re
from dataclasses import dataclass
from dlkit._assets import package_text
from typing import Any, Sequence

__all__ = ["Choice", "Number", "Quiz", "choice", "number", "STORAGE_PREFIX"]

STORAGE_PREFIX = "studybook:quiz:"  # localStorage 키 = STORAGE_PREFIX + 장 이름
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CHAPTER_RE = re.compile(r"^\d\d_[a-z0-9_]+$")


def _check_id(value: Any, what: str, pattern: re.Pattern, example: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise ValueError(
            f"{what}는 영어 소문자·숫자·'-'(장 이름은 '_')로 된 문자열이어야 합니다. "
            f"받은 값: {value!r} (예: {example!r})"
        )
    return value


def _check_text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what}에는 비어 있지 않은 글을 넘기세요. 받은 값: {value!r}")
    return value.strip()


def _check_see(see: Any, qid: str) -> tuple[str, str]:
    """see = (label, 절 제목): 되짚어 볼 절. label이 없는 절이면 label 자리에 ""."""
    ok = (isinstance(see, (tuple, list)) and len(see) == 2
          and all(isinstance(s, str) for s in see) and see[1].strip())
    if not ok:
        raise ValueError(
            f"문항 {qid!r}의 see에는 (절의 label, 절 제목) 두 글을 넘기세요. 받은 값: {see!r} "
            "(예: see=(\"linreg-sgd\", \"미니배치 SGD: 조금씩, 자주\"), label이 없으면 \"\")"
        )
    return see[0].strip(), see[1].strip()


@dataclass(frozen=True)
class Choice:
    """객관식 문항: 정답이 하나면 하나만 고르기(라디오), 여럿이면 모두 고르기(체크 상자)."""

    id: str
    text: str
    options: tuple[tuple[str, bool, str], ...]  # (보기, 정답인가, 그 보기를 골랐을 때의 한 줄 설명)
    explain: str
    see: tuple[str, str]

    @property
    def multiple(self) -> bool:
        return sum(correct for _, correct, _ in self.options) > 1

    @property
    def correct(self) -> list[int]:
        return [i for i, (_, correct, _) in enumerate(self.options) if correct]


@dataclass(frozen=True)
class Number:
    """숫자 문항: |입력 - answer| <= tol이면 정답."""

    id: str
    text: str
    answer: float
    tol: float
    unit: str
    explain: str
    see: tuple[str, str]


def choice(id: str, text: str, options: Sequence[Sequence[Any]], *, explain: str,
           see: Sequence[str]) -> Choice:
    """객관식 문항을 만든다.

    Parameters
    ----------
    id : str
        장 안에서 겹치지 않는 짧은 이름(영어 소문자, 숫자, '-'). 저장과 요소 id에 쓰인다.
    text : str
        질문.
    options : list of (보기, 정답 여부) 또는 (보기, 정답 여부, 설명)
        정답이 둘 이상이면 "모두 고르세요" 문항이 된다. 설명은 그 보기를 골랐을 때 보인다.
    explain : str
        맞든 틀리든 채점 뒤에 보이는 설명.
    see : (label, 절 제목)
        되짚어 볼 절. 책의 label이 없으면 label 자리에 "".
    """
    qid = _check_id(id, "문항 id", _ID_RE, "grad-direction")
    opts = []
    if not isinstance(options, (list, tuple)) or len(options) < 2:
        raise ValueError(f"문항 {qid!r}: 보기는 두 개 이상의 (보기, 정답 여부[, 설명]) 목록이어야 합니다.")
    for opt in options:
        if not isinstance(opt, (list, tuple)) or len(opt) not in (2, 3) or not isinstance(opt[1], bool):
            raise ValueError(
                f"문항 {qid!r}의 보기 {opt!r}: (보기 글, True/False[, 설명]) 꼴로 넘기세요 "
                "(예: (\"손실이 가장 빨리 커지는 방향\", True, \"그래서 반대로 간다\"))."
            )
        why = opt[2] if len(opt) == 3 else ""
        if not isinstance(why, str):
            raise ValueError(f"문항 {qid!r}의 보기 설명은 글이어야 합니다. 받은 값: {why!r}")
        opts.append((_check_text(opt[0], f"문항 {qid!r}의 보기"), opt[1], why.strip()))
    if not any(correct for _, correct, _ in opts):
        raise ValueError(f"문항 {qid!r}: 정답(True)인 보기가 하나도 없습니다.")
    return Choice(qid, _check_text(text, f"문항 {qid!r}의 질문"), tuple(opts),
                  _check_text(explain, f"문항 {qid!r}의 explain"), _check_see(see, qid))


def number(id: str, text: str, *, answer: Any, tol: float = 0.0, unit: str = "", explain: str,
           see: Sequence[str]) -> Number:
    """숫자 문항을 만든다. answer는 dlkit으로 계산한 값을 넘긴다(정수, 실수, numpy 스칼라)."""
    qid = _check_id(id, "문항 id", _ID_RE, "iters-per-epoch")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise TypeError(f"문항 {qid!r}의 answer는 숫자여야 합니다. 받은 값: {answer!r} "
                        "(예: answer=dk.iterations_per_epoch(1000, 32))") from None
    if not math.isfinite(value):
        raise ValueError(f"문항 {qid!r}의 answer가 유한한 수가 아닙니다: {value!r}")
    if not isinstance(tol, numbers.Real) or isinstance(tol, bool) or not tol >= 0:
        raise ValueError(f"문항 {qid!r}의 tol은 0 이상의 수여야 합니다. 받은 값: {tol!r} (예: tol=0.01)")
    if not isinstance(unit, str):
        raise ValueError(f"문항 {qid!r}의 unit은 글이어야 합니다. 받은 값: {unit!r} (예: unit=\"번\")")
    return Number(qid, _check_text(text, f"문항 {qid!r}의 질문"), value, float(tol), unit.strip(),
                  _check_text(explain, f"문항 {qid!r}의 explain"), _check_see(see, qid))


def _fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"


def _asset(name: str) -> str:
    return package_text("dlkit", name, "퀴즈")


class Quiz:
    """한 장의 퀴즈. 셀의 마지막 값으로 두면 스스로 채점하는 HTML로 보인다.

    Parameters
    ----------
    chapter : str
        장 파일 이름(확장자 없이), 예: "06_epoch_batch". 저장 키와 요소 id가 여기서 나온다.
    questions : list of Choice/Number
        5~8문항을 권한다. id는 장 안에서 겹치면 안 된다.
    """

    def __init__(self, chapter: str, questions: Sequence[Choice | Number]):
        self.chapter = _check_id(chapter, "장 이름", _CHAPTER_RE, "06_epoch_batch")
        qs = list(questions) if isinstance(questions, (list, tuple)) else None
        if not qs or not all(isinstance(q, (Choice, Number)) for q in qs):
            raise TypeError("questions에는 choice(...)나 number(...)로 만든 문항의 목록을 넘기세요.")
        ids = [q.id for q in qs]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"{chapter} 퀴즈에 같은 문항 id가 두 번 이상 있습니다: {dup}")
        self.questions = qs

    # ---- 채점 데이터(스크립트가 읽는다)

    def spec(self) -> dict:
        """브라우저 채점기가 읽는 JSON: 장, 저장 키, 문항마다 정답."""
        items = []
        for q in self.questions:
            if isinstance(q, Choice):
                items.append({"id": q.id, "kind": "multi" if q.multiple else "single",
                              "correct": q.correct})
            else:
                items.append({"id": q.id, "kind": "number", "answer": q.answer, "tol": q.tol})
        return {"chapter": self.chapter, "key": STORAGE_PREFIX + self.chapter, "questions": items}

    # ---- HTML

    def _see_html(self, q: Choice | Number) -> str:
        label, title = q.see
        # 책 페이지(chapters/)에서도 덱(slides/)에서도 맞는 상대 주소. 스크립트가 돌면 같은 문서 안의
        # 절(#label 또는 제목이 같은 절)로 바꾸고, 그 절이 없는 노트북(Colab)에서는 제목만 남긴다.
        href = f"../chapters/{self.chapter}.html" + (f"#{label}" if label else "")
        return (f'<p class="sbq-see">다시 읽기: <a href="{html.escape(href)}" '
                f'data-sbq-label="{html.escape(label)}" data-sbq-heading="{html.escape(title)}">'
                f"{html.escape(title)}</a></p>")

    def _question_html(self, n: int, q: Choice | Number) -> str:
        base = f"sbq-{self.chapter.replace('_', '-')}-{q.id}"
        e = html.escape
        parts = [f'<fieldset class="sbq-q" id="{base}" data-qid="{e(q.id)}">',
                 f'<legend><span class="sbq-n">{n}.</span> {e(q.text)}']
        if isinstance(q, Choice):
            kind = "checkbox" if q.multiple else "radio"
            if q.multiple:
                parts.append(' <span class="sbq-hint">(맞는 것을 모두 고르세요)</span>')
            parts.append("</legend>")
            parts.append('<ul class="sbq-options">')
            for i, (text, _, why) in enumerate(q.options):
                why_html = f'<span class="sbq-why" hidden>{e(why)}</span>' if why else ""
                parts.append(f'<li data-opt="{i}"><label><input type="{kind}" name="{base}" value="{i}"> '
                             f"{e(text)}</label>{why_html}</li>")
            parts.append("</ul>")
        else:
            unit = f' <span class="sbq-unit">{e(q.unit)}</span>' if q.unit else ""
            parts.append("</legend>")
            parts.append(f'<p class="sbq-number"><label>답: <input type="text" inputmode="decimal" '
                         f'autocomplete="off" name="{base}" size="10" aria-label="{n}번 답(숫자)"></label>{unit}</p>')
        parts.append(f'<p class="sbq-actions"><button type="button" class="sbq-check">채점하기</button></p>')
        answer = ""
        if isinstance(q, Number):
            tol = f" (±{_fmt_number(q.tol)}까지 정답)" if q.tol else ""
            answer = f'<p class="sbq-answer">정답: {_fmt_number(q.answer)}{e(" " + q.unit if q.unit else "")}{tol}</p>'
        parts.append(f'<div class="sbq-feedback" role="status" aria-live="polite" hidden>'
                     f'<p class="sbq-verdict"></p>{answer}<p class="sbq-explain">{e(q.explain)}</p>'
                     f"{self._see_html(q)}</div>")
        parts.append("</fieldset>")
        return "".join(parts)

    def to_html(self) -> str:
        """스스로 완결된 HTML(스타일, 채점 데이터, 채점 스크립트 포함; 밖의 주소 없음)."""
        chapter = self.chapter
        spec = json.dumps(self.spec(), ensure_ascii=False).replace("</", "<\\/")
        body = "".join(self._question_html(n, q) for n, q in enumerate(self.questions, 1))
        return (
            f'<div class="sb-quiz" lang="ko" id="sbq-{chapter.replace("_", "-")}" data-sbq-chapter="{chapter}">'
            f"<style>{_asset('quiz.css')}</style>"
            f'<script type="application/json" class="sbq-spec">{spec}</script>'
            '<p class="sbq-nojs">채점 스크립트가 실행되지 않았습니다. 노트북이라면 이 셀을 다시 실행하세요.</p>'
            f'<p class="sbq-intro">문항 {len(self.questions)}개. 답을 고르고 "채점하기"를 누르세요. '
            "답과 점수는 이 브라우저에만 저장됩니다.</p>"
            f"{body}"
            '<p class="sbq-summary"><span class="sbq-score" aria-live="polite"></span> '
            '<button type="button" class="sbq-reset">이 퀴즈 다시 풀기</button></p>'
            f"<script>{_asset('quiz.js')}</script>"
            "</div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return (f"<스스로 점검하기 퀴즈: {self.chapter}, 문항 {len(self.questions)}개 "
                "(HTML을 보여 주는 곳, 예: Jupyter에서 채점됩니다)>")
