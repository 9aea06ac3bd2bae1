"""합성 데이터, 미니배치, 에포크·반복 계산(hypothesis 속성 테스트 포함)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dlkit as dk
from dlkit._checks import InputTypeError, InputValueError
from helpers import PROPERTY, assert_korean_error, bad_input_params, finite, maybe_good, mostly, outcome

SETTINGS = settings(max_examples=40, deadline=None)
sizes = st.integers(min_value=0, max_value=60)
batch_sizes = st.integers(min_value=1, max_value=25)


def make_data(n):
    X = np.arange(2 * n, dtype=float).reshape(n, 2)
    y = np.arange(n, dtype=float).reshape(n, 1)
    return X, y


@SETTINGS
@given(n=sizes, batch_size=batch_sizes, drop_last=st.booleans(), shuffle=st.booleans(),
       seed=st.integers(0, 2**32 - 1))
def test_every_example_once_per_epoch(n, batch_size, drop_last, shuffle, seed):
    X, y = make_data(n)
    if n == 0 or (drop_last and n < batch_size):  # 배치가 하나도 없으면: 부르는 즉시 한국어 오류
        with pytest.raises(dk._checks.InputValueError, match="[가-힣]"):
            dk.minibatches(X, y, batch_size, shuffle=shuffle, drop_last=drop_last, rng=seed)
        return
    batches = list(dk.minibatches(X, y, batch_size, shuffle=shuffle, drop_last=drop_last, rng=seed))
    assert len(batches) == dk.iterations_per_epoch(n, batch_size, drop_last)
    seen = np.concatenate([yb[:, 0] for _, yb in batches]) if batches else np.array([])
    expected_count = n - n % batch_size if drop_last else n
    assert len(seen) == expected_count and len(set(seen.tolist())) == expected_count
    if not drop_last:
        assert sorted(seen.tolist()) == list(range(n))
    for i, (Xb, yb) in enumerate(batches):
        np.testing.assert_array_equal(Xb[:, 0], 2 * yb[:, 0])  # X와 y의 짝이 유지된다
        last = i == len(batches) - 1
        if drop_last or not last:
            assert len(Xb) == batch_size
        else:
            assert len(Xb) == n - batch_size * (len(batches) - 1)
    if not shuffle:
        np.testing.assert_array_equal(seen, np.arange(expected_count))


@SETTINGS
@given(n=st.integers(2, 60), batch_size=batch_sizes, seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_order(n, batch_size, seed):
    X, y = make_data(n)
    a = [yb for _, yb in dk.minibatches(X, y, batch_size, rng=seed)]
    b = [yb for _, yb in dk.minibatches(X, y, batch_size, rng=np.random.default_rng(seed))]
    for ya, yb in zip(a, b, strict=True):
        np.testing.assert_array_equal(ya, yb)


def test_generator_continues_its_stream():
    X, y = make_data(30)
    rng = np.random.default_rng(0)
    epoch1 = np.concatenate([yb for _, yb in dk.minibatches(X, y, 7, rng=rng)])
    epoch2 = np.concatenate([yb for _, yb in dk.minibatches(X, y, 7, rng=rng)])
    assert not np.array_equal(epoch1, epoch2)
    again = np.concatenate([yb for _, yb in dk.minibatches(X, y, 7, rng=0)])
    np.testing.assert_array_equal(epoch1, again)  # 정수 시드는 매번 새 생성기


@SETTINGS
@given(n=st.integers(0, 10**6), batch_size=st.integers(1, 10**4), num_epochs=st.integers(1, 50))
def test_iteration_arithmetic(n, batch_size, num_epochs):
    assert dk.iterations_per_epoch(n, batch_size) == int(np.ceil(n / batch_size))
    assert dk.iterations_per_epoch(n, batch_size, drop_last=True) == n // batch_size
    assert dk.total_updates(n, batch_size, num_epochs) == num_epochs * -(-n // batch_size)


def test_syllabus_examples():
    assert dk.iterations_per_epoch(100, 25) == 4  # 100 GB를 25 GB씩: 에포크당 4번 갱신
    assert dk.total_updates(1000, 10, 3) == 300
    assert dk.iterations_per_epoch(1001, 10) == 101
    assert dk.iterations_per_epoch(1001, 10, drop_last=True) == 100


def test_synthetic_data_shapes_and_model():
    X, y = dk.synthetic_data([2, -3.4], 4.2, 1000, rng=0)
    assert X.shape == (1000, 2) and y.shape == (1000, 1)
    assert X.dtype == y.dtype == np.float64
    resid = y[:, 0] - (X @ np.array([2, -3.4]) + 4.2)
    assert abs(resid.std() - 0.01) < 0.002 and abs(X.mean()) < 0.1 and abs(X.std() - 1) < 0.05


def test_synthetic_data_rng_semantics():
    a = dk.synthetic_data([1.0], 0.0, 5, rng=3)
    b = dk.synthetic_data([1.0], 0.0, 5, rng=3)
    np.testing.assert_array_equal(a[0], b[0])
    g = np.random.default_rng(3)
    c, d = dk.synthetic_data([1.0], 0.0, 5, rng=g), dk.synthetic_data([1.0], 0.0, 5, rng=g)
    np.testing.assert_array_equal(c[0], a[0])
    assert not np.array_equal(c[0], d[0])
    X0, y0 = dk.synthetic_data([1.0, 2.0], 1.0, 0, noise=0.0)
    assert X0.shape == (0, 2) and y0.shape == (0, 1)
    Xn, yn = dk.synthetic_data([1.0], 1.0, 4, noise=0.0, rng=0)
    np.testing.assert_allclose(yn, Xn + 1.0)


def test_minibatches_validates_at_call_not_when_iterated():
    with pytest.raises(InputValueError, match="batch_size"):
        dk.minibatches(X2, Y2, 0)  # next()를 부르지 않아도 곧바로
    gen = dk.minibatches(X2, Y2, 3, shuffle=False)
    assert [len(xb) for xb, _ in gen] == [3, 1]


# --- 잘못된 입력: 부르는 즉시, 인자 이름을 밝히는 한국어 오류 ---------------------------

X2, Y2 = np.ones((4, 2)), np.zeros((4, 1))

BAD_INPUT = {
    "args": [
        ("batch_size 0", lambda: dk.iterations_per_epoch(10, 0), ValueError, "batch_size"),
        ("batch_size 음수", lambda: list(dk.minibatches(X2, Y2, -3)), ValueError, "batch_size"),
        ("batch_size 실수", lambda: dk.iterations_per_epoch(10, 2.5), TypeError, "batch_size"),
        ("batch_size bool", lambda: dk.iterations_per_epoch(10, True), TypeError, "batch_size"),
        ("num_examples 음수", lambda: dk.iterations_per_epoch(-1, 2), ValueError, "num_examples"),
        ("num_examples synthetic", lambda: dk.synthetic_data([1.0], 0.0, -5), ValueError, "num_examples"),
        ("noise 음수", lambda: dk.synthetic_data([1.0], 0.0, 5, noise=-1.0), ValueError, "noise"),
        ("num_epochs 0", lambda: dk.total_updates(10, 2, 0), ValueError, "num_epochs"),
        ("minibatches X y 길이", lambda: list(dk.minibatches(X2, np.zeros(3), 2)), ValueError, "X"),
        ("rng 종류", lambda: dk.synthetic_data([1.0], 0.0, 3, rng="seed"), TypeError, "rng"),
    ],
    "order_type": [
        ("minibatches(3, X, y)", lambda: dk.minibatches(3, X2, Y2), InputValueError,
         "minibatches(X, y, batch_size)"),
        ("synthetic_data(1000, w, b)", lambda: dk.synthetic_data(1000, [2, -3.4], 4.2), InputValueError,
         "synthetic_data(w, b, num_examples)"),
        ("벡터 b", lambda: dk.synthetic_data([2, -3.4], [4.2, 1.0], 10), InputValueError, "b"),
        ("drop_last 문자열", lambda: dk.iterations_per_epoch(10, 3, drop_last="yes"), InputTypeError, "drop_last"),
    ],
    "nonfinite": [
        ("synthetic_data w에 None", lambda: dk.synthetic_data([1, None], 4.2, 5), InputTypeError, "w"),
        ("synthetic_data b NaN", lambda: dk.synthetic_data([1.0], np.nan, 5), InputValueError, "b"),
    ],
    "empty": [
        ("minibatches 빈 X", lambda: dk.minibatches(np.zeros((0, 2)), np.zeros((0, 1)), 2), InputValueError,
         "X"),
        ("minibatches drop_last 배치 0개", lambda: dk.minibatches(X2, Y2, 10, drop_last=True), InputValueError,
         "drop_last"),
        ("minibatches batch_size 0 (반복 전에)", lambda: dk.minibatches(X2, Y2, 0), InputValueError, "batch_size"),
        ("synthetic_data 빈 w", lambda: dk.synthetic_data([], 1.0, 3), InputValueError, "w"),
    ],
}


@pytest.mark.parametrize("call, error, argname", bad_input_params(BAD_INPUT))
def test_bad_input_raises_korean_error_naming_argument(call, error, argname):
    assert_korean_error(call, error, argname)


@PROPERTY
@given(data=st.data(), m=st.integers(0, 6), batch_size=mostly(st.integers(-1, 6)),
       drop_last=mostly(st.booleans()), n=mostly(st.integers(-2, 5)))
def test_property_data(data, m, batch_size, drop_last, n):
    X, y = data.draw(maybe_good(m, 2)), data.draw(maybe_good(m, 1))
    w, b = data.draw(maybe_good(2)), data.draw(mostly(finite))
    gen, err = outcome(lambda: dk.minibatches(X, y, batch_size, drop_last=drop_last, rng=0))
    if err is None:
        batches = list(gen)
        assert len(batches) == dk.iterations_per_epoch(len(X), batch_size, drop_last) > 0
        assert sum(len(xb) for xb, _ in batches) <= len(X)
    data, err = outcome(lambda: dk.synthetic_data(w, b, n, rng=0))
    if err is None:
        Xs, ys = data
        assert Xs.shape == (n, np.size(w)) and ys.shape == (n, 1) and np.isfinite(ys).all()


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 60), batch_size=st.integers(1, 70), drop_last=st.booleans())
def test_batch_ids_match_the_minibatches(n, batch_size, drop_last):
    """batch_ids는 minibatches(섞지 않음)가 내놓는 배치와 같은 나눔이다: k번째 배치의 예제 = 번호 k인 자리."""
    if drop_last and n < batch_size:
        return
    X = np.arange(n, dtype=float).reshape(-1, 1)
    ids = dk.data.batch_ids(n, batch_size, drop_last)
    batches = list(dk.minibatches(X, X, batch_size, shuffle=False, drop_last=drop_last))
    assert len(batches) == dk.iterations_per_epoch(n, batch_size, drop_last) == ids.max() + 1
    for k, (xb, _) in enumerate(batches):
        assert xb.ravel().astype(int).tolist() == np.flatnonzero(ids == k).tolist()
    assert (ids == -1).sum() == (n - len(batches) * batch_size if drop_last else 0)


def test_batch_ids_examples():
    assert dk.data.batch_ids(5, 2).tolist() == [0, 0, 1, 1, 2]
    assert dk.data.batch_ids(5, 2, drop_last=True).tolist() == [0, 0, 1, 1, -1]
    with pytest.raises(ValueError, match="batch_size"):
        dk.data.batch_ids(5, 0)


def test_curve_data_is_the_closed_form_curve():
    X, y = dk.data.curve_data()
    assert X.shape == y.shape == (120, 1)
    assert X[0, 0] == -3 and X[-1, 0] == 3
    np.testing.assert_allclose(y, np.sin(X) + 0.3 * X)
    with pytest.raises(ValueError, match="num_examples"):
        dk.data.curve_data(1)
