"""데모의 내용(정의): 정적 축, 프리셋, 질문, 같은 계산량 비교, 선 색. ``dk.widgets.DEMOS``를 돈다.

여기 검사는 그리기 방식(정적 페이지의 HTML, 실시간 위젯)과 상관없이 데모 정의(:class:`DemoSpec`)만 본다.
새 데모를 등록하면 아무것도 고치지 않아도 같은 검사를 받는다. 검사가 헛돌 수 있는 곳(값이 맞는지 보는 함수,
질문이 닿는지 보는 함수, 색 검사)에는 일부러 틀린 정의로 만든 대조군이 있다.

질문의 답이 참인지는 데모마다 따로 계산해서 본다(답의 숫자를 손으로 적지 않는다):
:func:`test_question_answers_are_true_where_they_are_revealed`.
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace

import numpy as np
import pytest

import dlkit as dk
import dlkit.widgets as W
from dlkit.widgets._frames import FRAME_LIMIT, Axis, Preset, Question

from helpers import ROOT  # noqa: E402

NAMES = sorted(W.DEMOS)
TOTAL_FRAME_BUDGET = 700
"""모든 데모의 정적 프레임 수 합의 상한(빌드 시간: 프레임 하나에 수십 ms)."""
HANGUL = re.compile(r"[가-힣]")


@pytest.fixture(scope="module")
def specs():
    return {name: factory() for name, factory in W.DEMOS.items()}


# --- 도우미 ---------------------------------------------------------------------

def option_values(ctrl) -> list:
    return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in ctrl.options]


def live_can_take(ctrl, value) -> bool:
    """실시간 조절기 ``ctrl``이 (눈금 위, 범위 안에서) 낼 수 있는 값인가."""
    kind = type(ctrl).__name__
    tol = 1e-9
    if kind == "IntSlider":
        return (isinstance(value, (int, np.integer)) and not isinstance(value, bool)
                and ctrl.min <= value <= ctrl.max and (value - ctrl.min) % ctrl.step == 0)
    if kind == "FloatSlider":
        k = (value - ctrl.min) / ctrl.step
        return ctrl.min - tol <= value <= ctrl.max + tol and abs(k - round(k)) < 1e-6
    if kind == "FloatLogSlider":
        if value <= 0:
            return False
        e = math.log(value, ctrl.base)
        k = (e - ctrl.min) / ctrl.step
        return ctrl.min - 1e-9 <= e <= ctrl.max + 1e-9 and abs(k - round(k)) < 1e-6
    if kind == "Checkbox":
        return isinstance(value, (bool, np.bool_))
    return value in option_values(ctrl)


def axis_problems(spec) -> list[str]:
    """정적 축이 실시간 조절기와 맞지 않는 곳: 이름, 값(눈금·범위), 처음 값, 값의 수."""
    live = spec.live_controls()
    bad = []
    params = [a.param for a in spec.static_axes]
    if sorted(params) != sorted(live):
        bad.append(f"정적 축 {sorted(params)} ≠ 실시간 조절기 {sorted(live)}")
    for axis in spec.static_axes:
        if axis.param not in live:
            continue
        ctrl = live[axis.param]
        if len(axis.values) < 2 or len(set(map(repr, axis.values))) != len(axis.values):
            bad.append(f"{axis.param}: 값이 둘 이상이고 서로 달라야 함 {list(axis.values)}")
        if len(axis.label_list()) != len(axis.values):
            bad.append(f"{axis.param}: 이름 수가 값 수와 다름")
        bad += [f"{axis.param}={v!r}: 실시간 {type(ctrl).__name__}이 낼 수 없는 값" for v in axis.values
                if not live_can_take(ctrl, v)]
        if axis.values[axis.initial] != ctrl.value:
            bad.append(f"{axis.param}: 정적 처음 값 {axis.values[axis.initial]!r} ≠ 실시간 처음 값 {ctrl.value!r}")
        if axis.kind not in ("slider", "toggle"):
            bad.append(f"{axis.param}: 모르는 kind {axis.kind!r}")
    return bad


def frame_params(spec):
    """정적 프레임마다 ``update``가 받는 값 전체(축 값 + static_fixed)."""
    for combo in itertools.product(*(a.values for a in spec.static_axes)):
        params = dict(spec.static_fixed)
        params.update({a.param: v for a, v in zip(spec.static_axes, combo)})
        yield params


def initial_params(spec) -> dict:
    params = dict(spec.static_fixed)
    params.update({a.param: a.values[a.initial] for a in spec.static_axes})
    return params


def live_initial_params(spec) -> dict:
    params = dict(spec.live_fixed)
    params.update({k: c.value for k, c in spec.live_controls().items()})
    return params


def preset_problems(spec) -> list[str]:
    axes = {a.param: a for a in spec.static_axes}
    bad = []
    if not 2 <= len(spec.presets) <= 4:
        bad.append(f"프리셋이 {len(spec.presets)}개(2~4개여야 함)")
    labels = [p.label for p in spec.presets]
    if len(set(labels)) != len(labels):
        bad.append(f"프리셋 이름이 겹침 {labels}")
    for p in spec.presets:
        if not HANGUL.search(p.label):
            bad.append(f"프리셋 {p.label!r}: 한국어 이름이 아님")
        if not p.values:
            bad.append(f"프리셋 {p.label!r}: 아무 값도 바꾸지 않음")
        for k, v in p.values.items():
            if k not in axes:
                bad.append(f"프리셋 {p.label!r}: {k}는 정적 축이 아님")
            elif v not in list(axes[k].values):
                bad.append(f"프리셋 {p.label!r}: {k}={v!r}가 축 값 {list(axes[k].values)}에 없음")
    return bad


def question_problems(spec) -> list[str]:
    bad = []
    if not spec.questions:
        return ["질문이 없음"]
    for q in spec.questions:
        if not (HANGUL.search(q.prompt) and HANGUL.search(q.answer)):
            bad.append(f"질문 {q.prompt[:20]!r}: 한국어 질문·답이 아님")
        if q.reached(**initial_params(spec)):
            bad.append(f"질문 {q.prompt[:20]!r}: 정적 처음 상태에서 이미 답이 보임")
        if q.reached(**live_initial_params(spec)):
            bad.append(f"질문 {q.prompt[:20]!r}: 실시간 처음 상태에서 이미 답이 보임")
        if not any(q.reached(**p) for p in frame_params(spec)):
            bad.append(f"질문 {q.prompt[:20]!r}: 어느 정적 프레임에서도 답에 닿지 않음")
    return bad


def reached_frames(spec, question=None):
    q = question or spec.questions[0]
    return [p for p in frame_params(spec) if q.reached(**p)]


def frame_count(spec) -> int:
    return math.prod(len(a.values) for a in spec.static_axes)


# --- 1. 모든 실시간 조절기가 정적 페이지에도 -----------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_every_live_control_has_a_static_axis_with_values_it_can_take(specs, name):
    assert axis_problems(specs[name]) == []


def test_axis_check_catches_an_off_step_value_and_a_missing_control(specs):
    # 대조군: 슬라이더 눈금 밖의 값(편향 0.25, 간격 0.5), 로그 눈금 밖의 값, 빠진 조절기
    bias = specs["bias"]
    axes = [replace(a, values=(*a.values[:-1], 0.25)) if a.param == "bias" else a for a in bias.static_axes]
    assert any("bias=0.25" in p for p in axis_problems(replace(bias, static_axes=axes)))
    gd = specs["gd_sgd"]
    axes = [replace(a, values=(0.05, 0.1)) if a.param == "lr" else a for a in gd.static_axes]
    assert any("lr=0.05" in p for p in axis_problems(replace(gd, static_axes=axes)))
    epoch = specs["epoch"]
    axes = [a for a in epoch.static_axes if a.param != "drop_last"]
    assert any("정적 축" in p for p in axis_problems(replace(epoch, static_axes=axes)))


@pytest.mark.parametrize("name", NAMES)
def test_frame_count_stays_under_the_limit(specs, name):
    assert 2 <= frame_count(specs[name]) <= FRAME_LIMIT
    # static_what(페이지에 보이는 설명)이 무엇이 성긴지 말한다
    assert HANGUL.search(specs[name].static_what)


def test_all_demos_together_stay_under_the_frame_budget(specs):
    assert sum(frame_count(s) for s in specs.values()) <= TOTAL_FRAME_BUDGET


# --- 2. 프리셋 ----------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_presets_jump_to_values_on_the_static_axes(specs, name):
    assert preset_problems(specs[name]) == []


def test_preset_check_catches_a_value_off_the_axis(specs):
    spec = specs["bias"]
    bad = replace(spec, presets=(*spec.presets[:1], Preset("편향 1", {"bias": 1.0})))
    assert any("bias=1.0" in p for p in preset_problems(bad))
    assert any("2~4개" in p for p in preset_problems(replace(spec, presets=spec.presets[:1])))


def test_bias_presets_are_the_chapters_three_people():
    from dlkit.widgets._bias import PEOPLE, state_summary

    spec = W.DEMOS["bias"]()
    by_label = {p.label: p for p in spec.presets}
    assert by_label["파티광 B"].values["bias"] == PEOPLE["B"] == 3.0  # 02 장: people = {"C": -6, "A": -4, "B": 3}
    assert by_label["보통 A"].values["bias"] == PEOPLE["A"] and by_label["신중한 C"].values["bias"] == PEOPLE["C"]
    # 설명의 z와 결정은 그 상태를 계산한 것이다
    for p in spec.presets:
        _, z, go = state_summary(**p.values)
        assert f"= {z:g} →".replace("-", "\u2212") in p.explain and ("안 간다" in p.explain) == (not go), p


# --- 3. 먼저 예측하고, 움직여서 답을 본다 -------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_question_is_hidden_at_first_and_reachable_on_some_frame(specs, name):
    assert question_problems(specs[name]) == []


def test_question_check_catches_an_answer_shown_at_once_or_never(specs):
    spec = specs["epoch"]
    always = Question("언제나?", lambda **p: True, "늘 보이는 답")
    never = Question("절대?", lambda **p: False, "안 보이는 답")
    assert any("처음 상태" in p for p in question_problems(replace(spec, questions=(always,))))
    assert any("닿지 않음" in p for p in question_problems(replace(spec, questions=(never,))))
    assert question_problems(replace(spec, questions=())) == ["질문이 없음"]


def _korean_number(text: str) -> float:
    return float(text.replace("\u2212", "-").replace(",", ""))


def check_bias_answer(spec, q):
    from dlkit.widgets._bias import PEOPLE, SLIDER, WEIGHTS, state_summary

    lo, hi, step = SLIDER["bias"]
    grid = np.arange(lo, hi + step / 2, step)
    # 답이 말하는 문턱: 기본 가중치로 (비 1, 돈 0, 친구 0)에서 가게 되는 가장 작은 편향(실시간 눈금 전체에서)
    goes = [b for b in grid if state_summary(1, 0, 0, float(b))[2]]
    threshold = min(goes)
    assert _korean_number(re.search(r"편향이 (\S+) 이상", q.answer).group(1)) == threshold
    assert all(state_summary(1, 0, 0, float(b))[2] == (b >= threshold) for b in grid)
    # "세 사람 가운데 파티광 B만"
    assert [n for n, b in PEOPLE.items() if state_summary(1, 0, 0, b)[2]] == ["B"]
    for p in reached_frames(spec, q):
        assert (p["rain"], p["money"], p["friend"], p["w_rain"]) == (1, 0, 0, WEIGHTS[0]) and p["bias"] >= threshold


def check_activation_answer(spec, q):
    from dlkit.widgets._activation import XGRID

    sig = dk.get_activation("sigmoid")
    peak = float(np.max(sig.grad(XGRID)))
    assert XGRID[np.argmax(sig.grad(XGRID))] == pytest.approx(0.0, abs=0.03)
    assert f"{peak:g}입니다" in q.answer and f"{peak:g}¹⁰ = 1/{1 / peak ** 10:,.0f}(약 100만분의 1)" in q.answer
    assert 1 / peak ** 10 == pytest.approx(1e6, rel=0.05)  # '약 100만분의 1'
    for p in reached_frames(spec, q):
        assert p["name"] == "sigmoid" and float(sig.grad(np.array([p["x0"]]))[0]) == pytest.approx(peak)


def check_curve_answer(spec, q):
    from dlkit.data import curve_data
    from dlkit.losses import squared_loss
    from dlkit.widgets._activation import EPOCH_GRID, EPOCHS, FOLLOW_SHARE, train_snapshots

    _, y = curve_data()
    frames = reached_frames(spec, q)
    late = sorted({p["epoch"] for p in frames})
    assert late and min(late) < max(EPOCHS)

    def loss(activation, hidden, epoch):
        return squared_loss(train_snapshots(activation, hidden, EPOCHS)[epoch].reshape(-1, 1), y)

    for hidden in sorted({p["hidden"] for p in frames}):
        lin = [loss(None, hidden, e) for e in late]
        # "에포크를 더 올려도 선형 망의 손실은 그대로"
        assert max(lin) == pytest.approx(min(lin), rel=0.01), (hidden, lin)
    for p in frames:  # "활성화 함수를 넣은 망만 곡선을 따라간다"
        assert loss(p["activation"], p["hidden"], p["epoch"]) < FOLLOW_SHARE * loss(None, p["hidden"], p["epoch"]), p
    # 정적 에포크 격자로 멈추며 학습해도 실시간 격자와 같은 예측(두 모드가 같은 그림)
    a, b = train_snapshots("relu", 16, EPOCHS), train_snapshots("relu", 16, EPOCH_GRID)
    assert all(np.array_equal(a[e], b[e]) for e in EPOCHS)


def check_lr_answer(spec, q):
    from dlkit.widgets._optim import LR_CHOICES, RAVINE_CURVATURE, lr_verdict

    edge = 2 / RAVINE_CURVATURE
    assert f"2/a = {edge:g}" in q.answer
    s = dk.get_surface("ravine")
    frames = reached_frames(spec, q)
    assert frames
    for p in frames + [{"surface": "ravine", "steps": st, "lr": lr} for lr in LR_CHOICES if lr >= edge
                       for st in (5, 40, 150)]:
        res = dk.optimize_path(s, lambda ps, lr=p["lr"]: dk.SGD(ps, lr=lr), p["steps"])
        y = np.abs(res.path[:, 1])
        if p["lr"] == edge:  # "같은 폭으로 오가며 수렴도 발산도 하지 않고"
            assert np.allclose(y, y[0]) and lr_verdict(s.f(*res.path.T), res.path, res.diverged)[0].startswith("경계")
        else:  # "튀는 폭이 걸음마다 커져 발산"
            assert np.all(np.diff(y) > 0) or res.diverged, p


def gd_losses(compare, steps, batch, lr, cache):
    """같은 계산량 비교의 세 손실(데모의 함수로 계산)."""
    from dlkit.widgets._optim import _linreg_surface, method_batches, method_steps, sgd_path

    if "data" not in cache:
        cache["data"] = _linreg_surface()
    X, y, surface = cache["data"]
    out = {}
    for name, k in method_steps(compare, steps, batch).items():
        b = method_batches(batch)[name]
        key = (b, lr, k)
        if key not in cache:
            cache[key] = sgd_path(X, y, b, k, lr)
        out[name] = float(surface.f(*cache[key][k]))
    return out


def check_gd_answer(spec, q):
    from dlkit.widgets._optim import GD_LR_SLIDER, WORK_QUESTION_MAX

    assert f"GD {WORK_QUESTION_MAX}걸음어치 이하" in q.answer
    cache: dict = {}
    frames = reached_frames(spec, q)
    lo, _, step = GD_LR_SLIDER
    live = [{"compare": "work", "steps": s, "batch": b, "lr": 10 ** (lo + k * step)}
            for s in (1, WORK_QUESTION_MAX) for b in (2, 7, 100) for k in (0, 20, 40)]
    for p in frames + live:
        if not q.reached(**p):
            continue
        losses = gd_losses(p["compare"], p["steps"], p["batch"], p["lr"], cache)
        assert losses["SGD"] < losses["GD"] and losses["미니배치 SGD"] < losses["GD"], (p, losses)
    assert not q.reached(compare="work", steps=1, batch=20, lr=1.0)  # 학습률이 크면 SGD가 발산할 수 있어 빼 둔다
    assert gd_losses("work", 1, 20, 1.0, cache)["SGD"] > gd_losses("work", 1, 20, 1.0, cache)["GD"]


def check_optimizer_answer(spec, q):
    from dlkit.widgets._optim import OPT_LR, OPT_SCALE_SLIDER, optimizer_paths

    s = dk.get_surface("rosenbrock")
    f0 = float(s.f(*s.start))
    lo, hi, step = OPT_SCALE_SLIDER
    scales = [10 ** (lo + k * step) for k in range(round((hi - lo) / step) + 1)]
    checked = 0
    for scale in scales:
        paths = optimizer_paths("rosenbrock", OPT_LR["rosenbrock"] * scale, 200)
        for steps in range(0, 201, 10):
            if not q.reached(surface="rosenbrock", lr_scale=scale, steps=steps):
                continue
            # "SGD와 모멘텀은 몇 걸음 만에 발산하고(경로가 steps걸음보다 짧다), RMSProp과 Adam은 출발점보다 낮다"
            assert len(paths["SGD"]) <= steps and len(paths["모멘텀"]) <= steps, (scale, steps)
            end = {n: float(s.f(*paths[n][steps])) for n in ("RMSProp", "Adam")}
            assert end["RMSProp"] < f0 and end["Adam"] < f0, (scale, steps)
            checked += 1
    assert checked and reached_frames(spec, q)


def check_epoch_answer(spec, q):
    from dlkit.data import iterations_per_epoch
    from dlkit.widgets._epoch import EPOCH_START

    n, b = EPOCH_START["n"], EPOCH_START["batch"]
    assert f"⌈{n} / {b}⌉ = {iterations_per_epoch(n, b)}번" in q.answer
    assert f"⌊{n} / {b}⌋ = {iterations_per_epoch(n, b, drop_last=True)}번" in q.answer
    assert iterations_per_epoch(n, b) != iterations_per_epoch(n, b, drop_last=True)  # 답이 드러낼 차이가 있다
    assert all(p["drop_last"] and (p["n"], p["batch"]) == (n, b) for p in reached_frames(spec, q))


ANSWER_CHECKS = {"bias": check_bias_answer, "activation": check_activation_answer,
                 "linear_vs_activation": check_curve_answer, "learning_rate": check_lr_answer,
                 "gd_sgd": check_gd_answer, "optimizer": check_optimizer_answer, "epoch": check_epoch_answer}


def test_every_demo_has_an_answer_check():
    assert sorted(ANSWER_CHECKS) == NAMES, "새 데모의 질문에는 답이 참인지 계산하는 검사를 더하세요"


@pytest.mark.parametrize("name", NAMES)
def test_question_answers_are_true_where_they_are_revealed(specs, name):
    spec = specs[name]
    for q in spec.questions:
        ANSWER_CHECKS[name](spec, q)


# --- 4. GD vs SGD: 같은 걸음 수와 같은 계산량 --------------------------------------

def captions(spec, params_list):
    """그림을 그리지 않고 ``update``만 불러 캡션을 모은다(PNG는 만들지 않는다)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from dlkit.widgets._frames import demo_style

    with demo_style():
        fig = Figure(figsize=spec.figsize)
        FigureCanvasAgg(fig)
        spec.setup(fig)
        return [spec.update(**p) for p in params_list]


GD_PART = re.compile(r"(GD|미니배치 SGD|SGD) ([\d,]+)걸음·예제 ([\d,]+)개·손실 (\d+(?:\.\d+)?(?:e[+-]\d+)?)")


def work_problems(params_list, caps) -> list[str]:
    """같은 걸음 수/같은 계산량 캡션의 숫자가 서로 맞는지(걸음 × 배치 = 예제 수, 가장 낮은 손실의 이름)."""
    from dlkit.widgets._optim import NUM_EXAMPLES

    bad = []
    for p, cap in zip(params_list, caps):
        if p["steps"] == 0:
            continue
        parts = {m: (int(s.replace(",", "")), int(e.replace(",", "")), float(v))
                 for m, s, e, v in GD_PART.findall(cap)}
        if set(parts) != {"GD", "미니배치 SGD", "SGD"}:
            bad.append(f"세 방법의 숫자가 없음: {cap}")
            continue
        batch = {"GD": NUM_EXAMPLES, "미니배치 SGD": p["batch"], "SGD": 1}
        for m, (s, e, _) in parts.items():
            if s * batch[m] != e:
                bad.append(f"{m}: {s}걸음 × 배치 {batch[m]} ≠ 예제 {e}: {cap}")
        gd_work = parts["GD"][1]
        if p["compare"] == "work":
            if not (parts["SGD"][1] == gd_work and gd_work - p["batch"] < parts["미니배치 SGD"][1] <= gd_work):
                bad.append(f"같은 계산량인데 예제 수가 다름: {cap}")
            if "같은 계산량" not in cap:
                bad.append(f"같은 계산량이라고 하지 않음: {cap}")
        else:
            if len({s for s, _, _ in parts.values()}) != 1 or "같은 걸음 수" not in cap:
                bad.append(f"같은 걸음 수가 아님: {cap}")
        losses = {m: v for m, (_, _, v) in parts.items()}
        bad += lowest_problems(losses, cap)
    return bad


def lowest_problems(losses: dict[str, float], cap: str) -> list[str]:
    """캡션의 '가장 낮은 것은 X' 또는 'X와 Y의 손실이 거의 같습니다'가 캡션의 숫자(유효숫자 3자리)와 맞는가."""
    from dlkit.widgets._optim import TIE_SHARE

    best = min(losses.values())
    slack = TIE_SHARE * max(abs(best), 1e-12)
    rounding = 0.006 * max(abs(v) for v in losses.values())  # 세 자리로 반올림한 숫자끼리 견준다
    surely_tied = {n for n, v in losses.items() if v - best < slack - rounding}
    one = re.search(r"손실이 가장 낮은 것은 (.+?)입니다", cap)
    if one:
        winner = one.group(1)
        if winner not in losses or losses[winner] - best > rounding or len(surely_tied) > 1:
            return [f"가장 낮다는 방법이 숫자와 다르거나 사실상 비김 {losses}: {cap}"]
        return []
    tie = re.search(r"(?:에서|여기서) ([^.:]+?)의 손실이 거의 같습니다", cap)
    if not tie:
        return [f"가장 낮은 방법을 적지 않음: {cap}"]
    named = set(re.split(r", |[와과] ", tie.group(1)))
    if (len(named) < 2 or not surely_tied <= named
            or any(n not in losses or losses[n] - best > slack + rounding for n in named)):
        return [f"거의 같다는 방법 {named}이 숫자({losses})와 다름: {cap}"]
    return []


def test_optimizer_captions_name_the_lowest_or_a_tie():
    import itertools

    spec = W.DEMOS["optimizer"]()
    caps = W.demo("optimizer", mode="static").dlkit_demo.captions
    bad, ties = [], 0
    for cap in caps:
        if "0걸음" in cap:
            continue
        body = cap.split("손실: ", 1)[1].split(". ", 1)[0]
        losses = {n: _korean_number(v) for n, v in re.findall(r"(SGD|모멘텀|RMSProp|Adam) ([\u2212\d.e+-]+)", body)}
        bad += lowest_problems(losses, cap)
        ties += "거의 같습니다" in cap
    assert bad == []
    assert ties  # 안장점 100걸음처럼 넷이 사실상 같은 프레임이 있다


def optimizer_divergence_problems(params: dict, cap: str) -> list[str]:
    """캡션이 steps걸음 전에 발산한 옵티마이저를 '발산(k걸음 뒤 멈춤)'으로 적고 숫자를 손실로 내세우지 않는가."""
    from dlkit.widgets._optim import OPT_LR, optimizer_paths

    paths = optimizer_paths(params["surface"], OPT_LR[params["surface"]] * params["lr_scale"], params["steps"])
    problems = []
    for name, path in paths.items():
        stopped = len(path) <= params["steps"]
        said = re.search(rf"{name} 발산\((\d+)걸음 뒤 멈춤\)", cap)
        if stopped != bool(said) or (said and int(said.group(1)) != len(path) - 1):
            problems.append(f"{name}: 경로 {len(path) - 1}걸음(요청 {params['steps']}): {cap}")
    return problems


def test_optimizer_captions_say_which_runs_diverged():
    spec = W.DEMOS["optimizer"]()
    params = [p for p in frame_params(spec) if p["steps"]]
    caps = captions(spec, params)
    assert [m for p, c in zip(params, caps) for m in optimizer_divergence_problems(p, c)] == []
    assert any("발산(" in c for c in caps)  # 휘어진 계곡, 배율 √10에서 SGD와 모멘텀이 발산한다
    # 대조군: 발산한 경로의 마지막 유한한 점을 손실로 적던 옛 캡션은 잡힌다
    old = ("휘어진 계곡(Rosenbrock)에서 학습률 0.0316으로 30걸음 갔을 때 손실: SGD 169, 모멘텀 3.04e+03, "
           "RMSProp 5.74, Adam 6.08.")
    assert optimizer_divergence_problems({"surface": "rosenbrock", "lr_scale": 10 ** 0.5, "steps": 30}, old)


def test_lowest_check_catches_a_winner_named_in_a_tie():
    # 대조군: 0.316과 0.317을 두고 '가장 낮은 것은 미니배치 SGD'라고 하면(옛 캡션) 잡혀야 한다
    old = "같은 걸음 수에서 손실이 가장 낮은 것은 미니배치 SGD입니다."
    assert lowest_problems({"GD": 0.317, "미니배치 SGD": 0.316, "SGD": 0.5}, old)
    assert not lowest_problems({"GD": 0.317, "미니배치 SGD": 0.316, "SGD": 0.5},
                               "같은 걸음 수에서 GD와 미니배치 SGD의 손실이 거의 같습니다(차이 2 % 이내, 잡음 수준).")


@pytest.fixture(scope="module")
def gd_captions(specs):
    spec = W.DEMOS["gd_sgd"]()
    params = list(frame_params(spec))
    return params, captions(spec, params)


def test_gd_sgd_captions_count_steps_and_examples_from_their_numbers(gd_captions):
    params, caps = gd_captions
    assert {p["compare"] for p in params} == {"steps", "work"}
    assert work_problems(params, caps) == []
    # 같은 계산량 프레임 가운데 SGD나 미니배치가 이기는 것도, 계산량이 많아 GD가 따라잡는 것도 있다
    bests = {m.group(1) for p, c in zip(params, caps) if p["compare"] == "work" and p["steps"]
             if (m := re.search(r"가장 낮은 것은 (미니배치 SGD|SGD|GD)입니다", c))}
    assert "SGD" in bests or "미니배치 SGD" in bests


def test_gd_sgd_check_catches_wrong_counts_and_a_wrong_winner(gd_captions):
    params, caps = gd_captions
    k = next(i for i, p in enumerate(params) if p["compare"] == "work" and p["steps"] == 2)
    swapped = re.sub(r"가장 낮은 것은 (미니배치 SGD|SGD)입니다", "가장 낮은 것은 GD입니다", caps[k])
    assert swapped != caps[k]
    assert any("가장 낮다는" in b for b in work_problems([params[k]], [swapped]))
    equal_steps = dict(params[k], compare="steps")  # 같은 계산량 캡션을 같은 걸음 수라고 읽으면 틀린다
    assert work_problems([equal_steps], [caps[k]])


def test_equal_work_gives_sgd_many_cheap_steps():
    from dlkit.widgets._optim import NUM_EXAMPLES, method_steps

    counts = method_steps("work", 5, 20)
    assert counts == {"GD": 5, "미니배치 SGD": 5 * NUM_EXAMPLES // 20, "SGD": 5 * NUM_EXAMPLES}
    assert method_steps("steps", 5, 20) == {"GD": 5, "미니배치 SGD": 5, "SGD": 5}


# --- 5. 읽히는 그림: 선 색이 팔레트 PNG에서도 따로 남는다 -----------------------------

MIN_PAIR_DISTANCE = 60.0
"""서로 다른 선으로 읽히려면 두 선 색의 RGB 거리가 이만큼은 떨어져야 한다."""
MATCH = 12.0
"""PNG의 픽셀이 선 색이라고 볼 거리(팔레트로 줄이며 조금 달라진다)."""
MIN_PIXELS = 20


def legend_line_colours(fig) -> dict[str, tuple]:
    """범례에 이름이 있고 점이 둘 이상인 선의 색(회색·검정 제외): 이름 → RGB(0~255)."""
    from matplotlib.colors import to_rgb

    out = {}
    for ax in fig.axes:
        for line in ax.get_lines():
            label = line.get_label()
            rgb = np.array(to_rgb(line.get_color())) * 255
            if label.startswith("_") or len(line.get_xdata()) < 2 or np.ptp(rgb) < 30:
                continue
            out[label] = tuple(rgb)
    return out


def colour_problems(png: bytes, colours: dict[str, tuple]) -> list[str]:
    import io

    from PIL import Image

    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float).reshape(-1, 3)
    bad = []
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        if np.linalg.norm(np.subtract(ca, cb)) < MIN_PAIR_DISTANCE:
            bad.append(f"{a}와 {b}의 색이 너무 가까움")
    for name, c in colours.items():
        n = int((np.linalg.norm(img - np.array(c), axis=1) < MATCH).sum())
        if n < MIN_PIXELS:
            bad.append(f"{name}의 색 픽셀이 {n}개뿐(팔레트에서 사라짐)")
    return bad


def palette_frame(spec, params, recolour=None):
    """정적 프레임 하나(팔레트 PNG)와 그 그림의 선 색. ``recolour``: 그리기 전에 선 색을 바꾸는 함수(대조군)."""
    from dlkit.widgets._frames import Canvas, demo_style

    with demo_style():
        canvas = Canvas(spec.figsize)
        spec.setup(canvas.fig)
        spec.update(**params)
        if recolour:
            recolour(canvas.fig)
        png = canvas.png(palette=True)
    return png, legend_line_colours(canvas.fig)


@pytest.mark.parametrize("name", NAMES)
def test_line_colours_survive_the_palette(specs, name):
    spec = W.DEMOS[name]()
    params = initial_params(spec)
    if name == "gd_sgd":
        params["steps"] = max(a.values for a in spec.static_axes if a.param == "steps")[-1]
    png, colours = palette_frame(spec, params)
    assert colour_problems(png, colours) == []
    if name in ("optimizer", "gd_sgd"):
        assert len(colours) >= 3, colours  # 여러 방법을 한 그림에 겹쳐 그리는 데모


def test_colour_check_catches_merged_and_missing_colours():
    spec = W.DEMOS["optimizer"]()
    params = dict(initial_params(spec), steps=100)

    def adam_like_momentum(fig):
        line = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Adam")
        line.set_color("#ff8a1e")  # 모멘텀(#ff7f0e)과 거의 같은 주황

    png, colours = palette_frame(spec, params, adam_like_momentum)
    assert any("Adam" in p and "모멘텀" in p for p in colour_problems(png, colours))

    def hide_adam(fig):
        # 경로와 같은 색의 오른쪽 손실 곡선도 감춘다(이슈 16): 그래야 그림에서 Adam의 색이 정말 사라진다
        adam = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Adam")
        for ln in [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_color() == adam.get_color()]:
            ln.set_visible(False)

    png, colours = palette_frame(spec, params, hide_adam)
    assert any(p.startswith("Adam의 색 픽셀") for p in colour_problems(png, colours))


def test_y_axis_names_are_horizontal():
    """세로축 이름("손실", "돈", "편향 b" …)은 눕히지 않고 가로로 쓴다."""
    for name in NAMES:
        spec = W.DEMOS[name]()
        png, _ = palette_frame(spec, initial_params(spec))
        from dlkit.widgets._frames import Canvas, demo_style

        with demo_style():
            canvas = Canvas(spec.figsize)
            spec.setup(canvas.fig)
            spec.update(**initial_params(spec))
        labels = [(ax.yaxis.label.get_text(), ax.yaxis.label.get_rotation()) for ax in canvas.fig.axes
                  if ax.yaxis.label.get_text()]
        assert all(rot == 0 for _, rot in labels), (name, labels)


# --- 6. 덱마다 장의 데모가 슬라이드에 ------------------------------------------------

def chapter_demo_cells():
    """장 이름 → 데모를 만드는 코드 셀들(파싱한 셀)."""
    from booktools.chapters import read_notebook

    out = {}
    for path in sorted((ROOT / "chapters").glob("*.md")):
        cells = [c for c in read_notebook(path).cells if c.cell_type == "code"
                 and re.search(r"dk\.widgets\.(\w+_demo\(|demo\()", c.source)]
        if cells:
            out[path.stem] = cells
    return out


def test_every_deck_shows_its_chapters_demo():
    from booktools.cells import on_slide

    pages = chapter_demo_cells()
    assert len(pages) >= 4
    for page, cells in pages.items():
        assert any(on_slide(c) for c in cells), f"{page}의 데모 셀이 슬라이드에 없습니다"


# --- 에포크 데모: 캡션의 숫자 = 그림 제목의 숫자(지금 drop_last 설정) ------------------------

def epoch_caption_problems(captions: list[str], params: list[dict]) -> list[str]:
    from dlkit.data import iterations_per_epoch, total_updates

    bad = []
    for cap, p in zip(captions, params):
        per, total = (int(v) for v in re.findall(r"<b>(\d+)번</b>", cap)[:2])
        want = iterations_per_epoch(p["n"], p["batch"], drop_last=p["drop_last"])
        if (per, total) != (want, total_updates(p["n"], p["batch"], p["epochs"], drop_last=p["drop_last"])):
            bad.append(f"{p}: 캡션 {per}번·{total}번, 그림은 {want}번: {cap}")
        if not p["drop_last"] and "⌊" in cap:
            bad.append(f"drop_last를 켜기 전에 질문의 답(버릴 때의 수)이 보임: {cap}")
    return bad


def test_epoch_captions_count_what_the_figure_counts():
    demo = W.demo("epoch", mode="static").dlkit_demo
    params = list(frame_params(W.DEMOS["epoch"]()))
    assert len(params) == len(demo.captions)
    assert epoch_caption_problems(demo.captions, params) == []


def test_epoch_caption_check_catches_a_caption_that_ignores_drop_last():
    # 대조군: 옛 캡션처럼 drop_last를 켜도 버리지 않을 때의 수를 먼저 적으면 잡혀야 한다
    from dlkit.widgets._epoch import counts_text

    params = [p for p in frame_params(W.DEMOS["epoch"]()) if p["drop_last"] and p["n"] % p["batch"]]
    old = [counts_text(p["n"], p["batch"], p["epochs"], False) for p in params]
    assert params and epoch_caption_problems(old, params)


# --- 연결된 그림(이슈 16): 오른쪽 손실 곡선 = 왼쪽에 그린 경로를 따라 다시 잰 손실 --------------------

LINKED_STATES = {
    "gd_sgd": [{}, {"compare": "work", "steps": 5}, {"compare": "work", "steps": 50, "batch": 5, "lr": 10 ** -0.5},
               {"compare": "steps", "steps": 0}, {"compare": "steps", "steps": 50, "lr": 10 ** -0.5}],
    "optimizer": [{}, {"surface": "saddle", "steps": 100},
                  {"surface": "rosenbrock", "lr_scale": 10 ** 0.5, "steps": 30},
                  {"surface": "local_minima", "lr_scale": 10 ** 0.5, "steps": 5}],
}
"""연결을 검사할 정적 프레임: 처음 상태, 같은 계산량 모드, 손실이 음수인 안장점, SGD·모멘텀이 발산하는 휘어진 계곡 ×√10."""


def linked_lines(name, fig):
    """(방법 이름, 왼쪽 경로 선, 오른쪽 손실 선) 목록: 왼쪽은 범례 이름으로, 오른쪽은 그린 차례로 짝짓는다."""
    from dlkit.widgets._optim import OPT_NAMES

    methods = ("GD", "미니배치 SGD", "SGD") if name == "gd_sgd" else OPT_NAMES
    path_ax, loss_ax = fig.axes
    paths = {ln.get_label(): ln for ln in path_ax.get_lines()}
    return [(m, paths[m], ln) for m, ln in zip(methods, loss_ax.get_lines())]


def expected_loss_curve(name, params, method, xy):
    """경로 점들 ``xy``의 손실을 다시 계산한 (가로축, 세로축) 값: 데모의 그리기 코드를 쓰지 않는다."""
    from dlkit.widgets import _optim as O

    if name == "gd_sgd":
        X, y = dk.synthetic_data([O.TRUE_W], O.TRUE_B, O.NUM_EXAMPLES, noise=0.5, rng=0)
        Xa = np.hstack([np.asarray(X, float), np.ones((len(X), 1))])
        loss = 0.5 * np.mean((Xa @ xy.T - np.asarray(y, float).reshape(-1, 1)) ** 2, axis=0)  # 전체 데이터의 손실
        per_step = {"GD": O.NUM_EXAMPLES, "미니배치 SGD": params["batch"], "SGD": 1}[method]
        k = np.arange(len(xy))
        return (k * per_step if params["compare"] == "work" else k), loss
    s = dk.get_surface(params["surface"])
    loss = s.f(xy[:, 0], xy[:, 1]) - O.surface_minimum(params["surface"])
    return np.arange(len(xy)), np.maximum(loss, O.OPT_GAP_CLIP)


def linked_problems(name, fig, params, blit) -> list[str]:
    """손실 곡선이 왼쪽 경로와 어긋나는 곳: 값, 길이(지금 멈춘 곳에서 끝나는지), 색, 축 범위, blit 목록."""
    bad = []
    lines = linked_lines(name, fig)
    if len(lines) != (3 if name == "gd_sgd" else 4):
        return [f"손실 곡선 {len(lines)}개"]
    loss_ax = fig.axes[1]
    for method, path_line, loss_line in lines:
        xy = np.column_stack([path_line.get_xdata(), path_line.get_ydata()]).astype(float)
        want_x, want_y = expected_loss_curve(name, params, method, xy)
        got_x, got_y = (np.asarray(v, float) for v in loss_line.get_data())
        if got_x.shape != want_x.shape or not (np.allclose(got_x, want_x) and np.allclose(got_y, want_y, rtol=1e-9)):
            bad.append(f"{params}: {method}의 손실 곡선({len(got_x)}점)이 경로({len(xy)}점)의 손실과 다름")
        if loss_line.get_color() != path_line.get_color():
            bad.append(f"{method}: 손실 곡선 색 {loss_line.get_color()} ≠ 경로 색 {path_line.get_color()}")
        if len(got_x) and not (loss_ax.get_xlim()[0] <= got_x.min() and got_x.max() <= loss_ax.get_xlim()[1]):
            bad.append(f"{params}: {method}의 곡선이 가로축 범위 {loss_ax.get_xlim()} 밖으로")
        if loss_line not in blit[0]:
            bad.append(f"{method}의 손실 곡선이 blit 목록에 없음(정적 프레임에 옛 곡선이 남는다)")
    return bad


def linked_canvas(spec):
    from dlkit.widgets._frames import Canvas

    canvas = Canvas(spec.figsize)
    spec.setup(canvas.fig)
    return canvas


@pytest.mark.parametrize("name", sorted(LINKED_STATES))
def test_loss_curve_is_the_loss_along_the_drawn_path(name):
    """정적 프레임을 차례로 그리는 것처럼 한 그림에서 상태를 바꿔 가며, 오른쪽 곡선 = 왼쪽 경로의 손실."""
    from dlkit.widgets._frames import demo_style
    from dlkit.widgets._optim import OPT_LR, method_steps, optimizer_paths, stopped_steps

    spec = W.DEMOS[name]()
    with demo_style():
        canvas = linked_canvas(spec)
        for state in LINKED_STATES[name]:
            params = dict(initial_params(spec), **state)
            spec.update(**params)
            canvas.png(palette=True, blit=spec.blit())  # 정적 프레임처럼 그린다
            assert linked_problems(name, canvas.fig, params, spec.blit()) == []
            ends = [len(loss.get_xdata()) - 1 for _, _, loss in linked_lines(name, canvas.fig)]
            if name == "optimizer":
                paths = optimizer_paths(params["surface"], OPT_LR[params["surface"]] * params["lr_scale"],
                                        params["steps"])
                stopped = stopped_steps(paths, params["steps"])
                assert ends == [stopped.get(m, params["steps"]) for m in paths], (params, ends)
                if params["surface"] == "rosenbrock":
                    assert {"SGD", "모멘텀"} <= set(stopped)  # 발산한 것은 멈춘 걸음에서 끝난다
            else:
                assert ends == list(method_steps(params["compare"], params["steps"], params["batch"]).values())


def test_loss_curve_check_catches_a_stale_panel():
    """대조군: 손실 곡선에 앞 프레임의 값을 남기거나 blit 목록에서 빼면 검사가 잡는다."""
    from dlkit.widgets._frames import demo_style

    for name in sorted(LINKED_STATES):
        spec = W.DEMOS[name]()
        with demo_style():
            canvas = linked_canvas(spec)
            before = dict(initial_params(spec))
            spec.update(**before)
            old = [ln.get_data() for _, _, ln in linked_lines(name, canvas.fig)]
            params = dict(before, **LINKED_STATES[name][2])
            spec.update(**params)
            assert linked_problems(name, canvas.fig, params, spec.blit()) == []
            for (_, _, ln), data in zip(linked_lines(name, canvas.fig), old):
                ln.set_data(*data)  # 앞 프레임의 곡선이 남은 그림
            assert any("손실과 다름" in p for p in linked_problems(name, canvas.fig, params, spec.blit())), name
            spec.update(**params)
            dynamic, key = spec.blit()
            loss_lines = set(canvas.fig.axes[1].get_lines())
            stale_blit = ([a for a in dynamic if a not in loss_lines], key)
            assert any("blit 목록" in p for p in linked_problems(name, canvas.fig, params, stale_blit)), name


@pytest.mark.parametrize("name", sorted(LINKED_STATES))
def test_loss_curve_axes_are_fixed_per_background(name):
    """같은 배경(blit 키)의 프레임은 손실 곡선의 축 범위가 같다: 프레임끼리 곡선을 견줄 수 있다."""
    from dlkit.widgets._frames import demo_style

    spec = W.DEMOS[name]()
    limits: dict = {}
    with demo_style():
        canvas = linked_canvas(spec)
        for params in frame_params(spec):
            spec.update(**params)
            ax = canvas.fig.axes[1]
            limits.setdefault(repr(spec.blit()[1]), set()).add((ax.get_xlim(), ax.get_ylim(), ax.get_xscale()))
    assert len(limits) > 1
    assert {k: v for k, v in limits.items() if len(v) != 1} == {}


def test_optimizer_loss_floor_is_the_surface_minimum():
    """손실 곡선이 빼는 최솟값은 지형의 진짜 최솟값이다(격자에서 그보다 낮은 곳이 없고, 거의 닿는다)."""
    from dlkit.widgets._optim import OPT_SURFACES, surface_minimum

    grid = np.linspace(-3, 3, 1201)
    gx, gy = np.meshgrid(grid, grid)
    for name in OPT_SURFACES:
        low = float(dk.get_surface(name).f(gx, gy).min())
        assert surface_minimum(name) <= low + 1e-12 and low - surface_minimum(name) < 1e-4, (name, low)


def test_gd_sgd_question_is_answered_by_doing_what_it_says(specs):
    """질문이 시키는 대로 하면 답이 드러난다: 처음 상태에서 비교를 '같은 계산량'으로 바꾸고 걸음 수를 질문이 말한 범위로.
    범위는 질문 문장에서 읽어 답이 드러나는 경계와 견준다(문장과 동작이 어긋나면 실패). 예전 질문은 비교만 바꾸라고
    해서, 그대로 한 독자에게는 답이 끝내 보이지 않았다(처음 걸음 수 20은 범위 밖: 검토에서 찾음)."""
    from dlkit.widgets._optim import GD_START, GD_STEPS, work_question_reached

    prompt = specs["gd_sgd"].questions[0].prompt
    assert "같은 계산량" in prompt, prompt
    said = re.search(r"걸음 수를 (\d+)~(\d+)로", prompt)
    assert said, f"질문이 걸음 수를 말하지 않습니다: {prompt}"
    low, high = int(said.group(1)), int(said.group(2))
    work = {**GD_START, "compare": "work"}

    def reached(steps: int) -> bool:
        return work_question_reached(**{**work, "steps": steps})

    assert not reached(GD_START["steps"]), "처음 걸음 수에서 비교만 바꿔도 드러난다: 질문이 걸음 수를 말할 까닭이 없다"
    assert reached(low) and reached(high), (low, high)
    assert not reached(low - 1) and not reached(high + 1), f"질문이 말한 범위 {low}~{high}가 답의 경계와 다릅니다"
    assert any(low <= s <= high for s in GD_STEPS), "정적 페이지의 걸음 수에 질문이 말한 값이 없습니다"


# --- 검토에서 나온 그림 글자와 색 (helper-54) -------------------------------------------

def _drawn(name: str, **params):
    """데모 ``name``을 새 그림에 그리고 (그림, 캡션)을 돌려준다."""
    import matplotlib.pyplot as plt

    spec = W.DEMOS[name]()
    fig = plt.figure()
    spec.setup(fig)
    return fig, spec.update(**params)


def _is_grey(color, spread: float = 0.1) -> bool:
    from matplotlib.colors import to_rgb

    rgb = to_rgb(color)
    return max(rgb) - min(rgb) < spread


def test_batch_colours_are_never_the_dropped_grey():
    """배치 색에는 회색이 없다: 옛 tab20은 배치 15·16이 회색이라 '회색 = 버린 자리'와 겹쳤다(대조군)."""
    import matplotlib

    from dlkit.plotting import BATCH_COLORS, DROPPED_COLOR

    assert _is_grey(DROPPED_COLOR) and not any(_is_grey(c) for c in BATCH_COLORS)
    tab20 = matplotlib.colormaps["tab20"].colors
    assert [i for i, c in enumerate(tab20) if _is_grey(c)] == [14, 15]  # 대조군: 검사가 회색을 알아본다


def test_epoch_demo_neighbouring_batches_differ_and_none_looks_dropped():
    """배치가 색 수(18)보다 많아도(예제 100개, 배치 4 → 25개) 이웃한 배치는 색이 다르고, 회색은 버린 자리뿐이다."""
    import matplotlib.pyplot as plt

    for drop_last in (False, True):
        fig, _ = _drawn("epoch", batch=4 if not drop_last else 64, n=100 if not drop_last else 200, epochs=3,
                        drop_last=drop_last)
        img = fig.axes[0].images[0]
        row = np.asarray(img.get_array())[0]
        colours = img.cmap(img.norm(row))[:, :3]
        batch = 4 if not drop_last else 64
        starts = np.arange(0, len(row), batch)
        grey = [_is_grey(c) for c in colours]
        used = len(row) - (len(row) % batch if drop_last else 0)
        assert not any(grey[:used]) and all(grey[used:]), drop_last
        firsts = colours[starts[starts < used]]
        assert all(not np.allclose(a, b) for a, b in zip(firsts, firsts[1:])), drop_last
        assert len(firsts) > len(set(map(tuple, firsts))) or drop_last  # 대조군: 25개 배치라 색은 되풀이된다
        plt.close(fig)


def test_epoch_caption_says_when_a_live_batch_was_cut_to_n():
    import matplotlib.pyplot as plt

    fig, cap = _drawn("epoch", batch=500, n=100, epochs=3)
    assert "고른 배치 크기(500)가 예제 수보다 커서 100으로 줄였습니다" in cap and fig.axes[1].get_title() == "배치 100: 반복 3번"
    _, cap_ok = _drawn("epoch", batch=100, n=100, epochs=3)
    assert "줄였습니다" not in cap_ok  # 대조군: 줄이지 않았으면 말하지 않는다
    assert "데이터" not in cap_ok and "3 에포크." in cap_ok  # 한 낱말(예제), '3 에포크'
    plt.close("all")


def test_bias_demo_title_has_no_boundary_when_both_weights_are_zero():
    import matplotlib.pyplot as plt

    fig, cap = _drawn("bias", bias=1.0, rain=0, money=0, friend=0, w_rain=0.0, w_money=0.0)
    assert fig.axes[1].get_title() == "친구 없음: 결정 경계 없음" and "결정 경계가 없고" in cap
    fig2, _ = _drawn("bias", bias=1.0, rain=0, money=0, friend=0)
    assert "경계 (" in fig2.axes[1].get_title()  # 대조군: 가중치가 있으면 경계가 있다
    plt.close("all")


def test_learning_rate_preset_labels_agree_with_their_verdicts():
    """'너무 작음' 단추의 판정은 '작음: 기어감'이고(옛 0.01은 '작음: 느림'), '너무 큼'은 발산이다."""
    from dlkit.optim import SGD
    from dlkit.surfaces import get_surface, optimize_path
    from dlkit.widgets._optim import LR_STEPS, lr_judgement

    s = get_surface("ravine")

    def verdict(lr):
        return lr_judgement(s, lr, optimize_path(s, lambda p: SGD(p, lr=lr), LR_STEPS))[0]

    presets = {p.label: p.values["lr"] for p in W.DEMOS["learning_rate"]().presets}
    assert verdict(presets["학습률이 너무 작음"]) == "작음: 기어감"
    assert verdict(0.01) == "작음: 느림"  # 대조군: 옛 값은 단추 이름과 어긋났다
    assert "발산" in verdict(presets["학습률이 너무 큼"])


def test_activation_fit_caption_writes_losses_as_the_title_does():
    """캡션과 제목은 같은 손실을 같은 모양(유효숫자 셋, e 표기 없이 × 10ⁿ)으로 적는다."""
    import matplotlib.pyplot as plt

    from dlkit.widgets._activation import EPOCHS

    for epoch in (EPOCHS[0], EPOCHS[-1]):
        fig, cap = _drawn("linear_vs_activation", epoch=epoch)
        title = fig.axes[0].get_title()
        lin = re.search(r"선형 층만 (\S+),", title).group(1)
        assert f"직선밖에 못 그립니다(손실 {lin})" in cap, (title, cap)
        assert not re.search(r"\de[-+]\d", title + cap), (title, cap)
        plt.close(fig)


def test_no_static_frame_text_leaves_the_figure():
    """모든 데모의 정적 프레임에서 제목·축 이름·범례·주석이 그림 안에 있다(render_static_frames가 검사한다).
    옛 한 줄 제목('에포크 200: 손실(½·MSE) 선형만 0.0851, ReLU 함수 0.000339')은 오른쪽 끝이 잘려 0.00033으로 보였다."""
    from dlkit.widgets._frames import render_static_frames

    for name, make in W.DEMOS.items():
        render_static_frames(make())  # 잘리면 ClippedTextError


def test_clipped_text_check_catches_the_old_one_line_title():
    """대조군: 옛 한 줄 제목을 그 그림에 다시 쓰면 검사가 잡고, 렌더러는 한국어로 무엇을 고칠지 말한다."""
    import matplotlib.pyplot as plt

    from dlkit.widgets._frames import Canvas, ClippedTextError, clipped_texts, demo_style, render_static_frames

    spec = W.DEMOS["linear_vs_activation"]()
    with demo_style():
        canvas = Canvas(spec.figsize)
        spec.setup(canvas.fig)
        spec.update(epoch=0, activation="tanh", hidden=16)
        canvas.draw()
        assert clipped_texts(canvas.fig) == []
        old = "에포크 0: 손실(½·MSE) 선형만 0.778, 하이퍼볼릭 탄젠트 함수 0.751"
        canvas.fig.axes[0].set_title(old, fontsize=10)
        canvas.draw()
        assert clipped_texts(canvas.fig) == [old]
    long_update = spec.update

    def update(**params):
        caption = long_update(**params)
        spec_fig.axes[0].set_title(old, fontsize=10)
        return caption

    original_setup = spec.setup

    def setup(fig):
        nonlocal spec_fig
        spec_fig = fig
        original_setup(fig)

    spec_fig = None
    broken = replace(spec, setup=setup, update=update, blit=None)
    with pytest.raises(ClippedTextError, match="그림 밖으로 나가 잘립니다"):
        render_static_frames(broken)
    plt.close("all")
